//! Upgrade steps (升级步骤): derived from failing checks and maturity gaps,
//! applied to a copy of the questionnaire, merged and accumulated across tiers.

use super::*;
use crate::criteria::{Action, CheckKind};

/// How a step changes the questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Change {
    /// Add to a count field.
    Add(CountField, u32),
    /// Introduce systems.
    Systems(Vec<System>),
    /// Integrate pairs.
    Integrations(Vec<[System; 2]>),
    /// Meet the 三降两升 targets (set failing results to their bound).
    Results(Vec<(String, Decimal)>),
    /// Bring domains to a level in full.
    Ratings(Vec<String>, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CountField {
    KeyEquipmentCnc,
    KeyProcessesPlcDcs,
    Robots,
    Networked,
    DataCollection,
    Automated,
    Digital,
}

pub(super) fn set_rating(q: &mut Questionnaire, domain: &str, r: DomainRating) {
    let s = &mut q.self_assessment;
    let slot = match domain {
        "strategy" => &mut s.strategy,
        "personnel_skills" => &mut s.personnel_skills,
        "data" => &mut s.data,
        "integration" => &mut s.integration,
        "information_security" => &mut s.information_security,
        "equipment" => &mut s.equipment,
        "network" => &mut s.network,
        "design" => &mut s.design,
        "production" => &mut s.production,
        "logistics" => &mut s.logistics,
        "sales" => &mut s.sales,
        "service" => &mut s.service,
        _ => return,
    };
    // Raising never lowers: keep a higher rating as it is.
    if slot.is_none_or(|old| old.level < r.level) {
        *slot = Some(r);
    }
}

pub(super) fn add(v: &mut Option<u32>, n: u32) {
    *v = Some(v.unwrap_or(0).saturating_add(n));
}

pub(super) fn apply(q: &mut Questionnaire, c: &Change) {
    match c {
        Change::Add(f, n) => {
            let e = &mut q.equipment;
            match f {
                CountField::KeyEquipmentCnc => add(&mut e.key_equipment_cnc, *n),
                CountField::KeyProcessesPlcDcs => add(&mut e.key_processes_plc_dcs, *n),
                CountField::Robots => add(&mut q.robots.industrial_robots, *n),
                CountField::Networked => add(&mut e.production_equipment_networked, *n),
                CountField::DataCollection => add(&mut e.key_processes_auto_data_collection, *n),
                CountField::Automated => add(&mut e.key_processes_automated, *n),
                CountField::Digital => add(&mut e.production_equipment_digital, *n),
            }
        }
        Change::Systems(list) => {
            let s = q.informatization.systems.get_or_insert_with(Vec::new);
            for x in list {
                if !s.contains(x) {
                    s.push(*x);
                }
            }
        }
        Change::Integrations(pairs) => {
            for [a, b] in pairs {
                if q.informatization.integrated(*a, *b) != Some(true) {
                    q.informatization
                        .integrations
                        .get_or_insert_with(Vec::new)
                        .push([*a, *b]);
                }
            }
        }
        Change::Results(targets) => {
            let r = &mut q.results;
            for (field, v) in targets {
                let v: f64 = (*v).try_into().unwrap_or(0.0);
                match field.as_str() {
                    "operating_cost_change_pct" => r.operating_cost_change_pct = Some(v),
                    "rd_cycle_change_pct" => r.rd_cycle_change_pct = Some(v),
                    "production_efficiency_change_pct" => {
                        r.production_efficiency_change_pct = Some(v)
                    }
                    "defect_rate_change_pct" => r.defect_rate_change_pct = Some(v),
                    "energy_utilisation_change_pct" => r.energy_utilisation_change_pct = Some(v),
                    _ => {}
                }
            }
        }
        Change::Ratings(domains, level) => {
            for d in domains {
                set_rating(
                    q,
                    d,
                    DomainRating {
                        level: *level,
                        next: NextLevelFit::None,
                    },
                );
            }
        }
    }
}

pub(super) fn count_field(kind: ActionKind, mode: ProductionMode) -> Option<CountField> {
    Some(match (kind, mode) {
        (ActionKind::CncUnit, ProductionMode::Process) => CountField::KeyProcessesPlcDcs,
        (ActionKind::CncUnit, _) => CountField::KeyEquipmentCnc,
        (ActionKind::Robot, _) => CountField::Robots,
        (ActionKind::NetworkConnection, _) => CountField::Networked,
        (ActionKind::ProcessData, _) => CountField::DataCollection,
        (ActionKind::ProcessAutomation, _) => CountField::Automated,
        (ActionKind::DigitalEquipment, _) => CountField::Digital,
        _ => return None,
    })
}

/// Units to add to an indicator's numerator to reach `t` (denominator kept).
pub(super) fn units_to_reach(ind: &Indicators, id: &str, t: Decimal) -> Option<u32> {
    let p = ind.get(id)?.parts.as_ref()?;
    let need = (t * p.denominator / p.scale - p.numerator).ceil();
    if need <= Decimal::ZERO {
        return Some(0);
    }
    need.try_into().ok()
}

pub(super) fn sized_what(kind: ActionKind, n: u32, ind: &Indicators, indicator: &str) -> Text {
    match ind.get(indicator).and_then(|i| i.parts.as_ref()) {
        Some(p) => Text::new(
            format!("+{n} {}", p.numerator_label.zh),
            format!("+{n} {}", p.numerator_label.en),
        ),
        None => Text::new(format!("+{n} {kind}"), format!("+{n} {kind}")),
    }
}

pub(super) fn new_step(
    kind: ActionKind,
    count: u64,
    what: Text,
    for_check: String,
    change: Change,
) -> Step {
    Step {
        kind,
        count,
        what,
        for_checks: vec![for_check],
        organisational: kind.organisational(),
        unit_cost: None,
        cost: Cost::default(),
        unlocks: Unlocks::default(),
        return_ratio: None,
        change,
    }
}

/// The domain raise needed for an estimated maturity level, found greedily
/// on a copy of the questionnaire: the lowest-rated domain is brought to the
/// level in full, again and again, until the level is achieved. A domain
/// capped by an objective indicator (装备 by the CNC ratio, 网络 by the
/// networking rate) also needs the indicator raised: that becomes a counted
/// step. Returns the organisational step and any counted steps, or `None`
/// when no domain can be rated (no self-assessment at all).
pub(super) fn maturity_steps(
    engine: &Engine,
    q: &Questionnaire,
    level: u8,
    for_check: &str,
) -> Vec<Step> {
    let model = &engine.criteria.maturity;
    let mut sim = q.clone();
    let mut chosen: Vec<String> = Vec::new();
    let mut extra: Vec<Step> = Vec::new();
    for _ in 0..crate::questionnaire::SelfAssessment::DOMAINS.len() {
        let ind = indicators::compute(&sim);
        let m = maturity::estimate(model, &sim, &ind);
        if m.level.is_some_and(|l| l >= level) {
            break;
        }
        let Some(d) = next_domain(model, &m, &chosen, level) else {
            break;
        };
        chosen.push(d.to_string());
        apply(&mut sim, &Change::Ratings(vec![d.to_string()], level));
        extra.extend(objective_step(model, &mut sim, d, level, for_check));
    }
    if chosen.is_empty() {
        return extra;
    }
    // Name the domains in GB/T 39116 order, not in the order they were picked.
    let domains = crate::questionnaire::SelfAssessment::DOMAINS;
    chosen.sort_by_key(|d| domains.iter().position(|x| x == d));
    let names = |pick: fn(&Text) -> &str| {
        chosen
            .iter()
            .map(|d| pick(&domain_name(d)).to_string())
            .collect::<Vec<_>>()
    };
    let what = Text::new(
        format!(
            "{} 达到 GB/T 39116 第 {level} 级全部要求 (自评改进)",
            names(|t| &t.zh).join("、")
        ),
        format!(
            "meet every GB/T 39116 level-{level} requirement in {} (self-assessment improvement)",
            names(|t| &t.en).join(", ")
        ),
    );
    let mut v = vec![new_step(
        ActionKind::Maturity,
        chosen.len() as u64,
        what,
        for_check.to_string(),
        Change::Ratings(chosen, level),
    )];
    v.extend(extra);
    v
}

/// The next domain to raise to `level`: of the domains below it not yet
/// chosen, the lowest first; a domain whose objective indicator caps it
/// below the level comes last (it needs equipment, not only organisation).
fn next_domain(
    model: &maturity::MaturityModel,
    m: &maturity::Maturity,
    chosen: &[String],
    level: u8,
) -> Option<&'static str> {
    let mut best: Option<(bool, u8, Decimal, usize, &'static str)> = None;
    for (i, d) in crate::questionnaire::SelfAssessment::DOMAINS
        .iter()
        .enumerate()
    {
        if chosen.iter().any(|c| c == d) {
            continue;
        }
        let (lv, fit, objective) = m
            .domains
            .iter()
            .find(|x| x.id == *d)
            .map(|x| (x.level, x.next, x.objective_level))
            .unwrap_or((0, NextLevelFit::None, None));
        let capped = objective.is_some_and(|o| o < level);
        if lv >= level {
            continue;
        }
        let r = match fit {
            NextLevelFit::Most => model.ratings.most,
            NextLevelFit::Part => model.ratings.part,
            NextLevelFit::None => model.ratings.none,
        };
        let key = (capped, lv, r, i, *d);
        if best.is_none_or(|b| (key.0, key.1, key.2, key.3) < (b.0, b.1, b.2, b.3)) {
            best = Some(key);
        }
    }
    best.map(|b| b.4)
}

/// An objective cap on domain `d` (装备 by the CNC ratio, 网络 by the
/// networking rate): the counted step that raises the indicator to the
/// level's threshold, applied to `sim`.
fn objective_step(
    model: &maturity::MaturityModel,
    sim: &mut Questionnaire,
    d: &str,
    level: u8,
    for_check: &str,
) -> Option<Step> {
    let o = model.objective.iter().find(|o| o.domain == d)?;
    let t = o.levels.get(usize::from(level) - 1).copied()?;
    let kind = match o.indicator.as_str() {
        "cnc_ratio" => ActionKind::CncUnit,
        "networking_rate" => ActionKind::NetworkConnection,
        _ => return None,
    };
    let ind = indicators::compute(sim);
    let n = units_to_reach(&ind, &o.indicator, t).filter(|n| *n > 0)?;
    let f = count_field(kind, sim.enterprise.production_mode)?;
    let change = Change::Add(f, n);
    apply(sim, &change);
    Some(new_step(
        kind,
        u64::from(n),
        sized_what(kind, n, &ind, &o.indicator),
        for_check.to_string(),
        change,
    ))
}

/// Steps for one criterion, derived from its failing checks.
pub(super) fn criterion_steps(
    engine: &Engine,
    q: &Questionnaire,
    a: &Assessment,
    crit_index: usize,
) -> (Vec<Step>, Vec<String>) {
    let pack_c = &engine.criteria.criteria[crit_index];
    let res = &a.criteria[crit_index];
    let mode = q.enterprise.production_mode;
    let mut steps = Vec::new();
    let mut missing = Vec::new();
    for (k, r) in pack_c.checks.iter().zip(&res.checks) {
        let tag = format!("{}.{}", res.id, r.id);
        match r.status {
            Status::Met | Status::NotApplicable => continue,
            Status::Unknown => {
                missing.extend(r.missing.iter().cloned());
                continue;
            }
            Status::NotMet => {}
        }
        if let Some(step) = r
            .action
            .as_ref()
            .and_then(|act| counted_step(act, mode, &tag))
        {
            steps.push(step);
            continue;
        }
        match &k.kind {
            Some(CheckKind::Systems(sys)) => steps.push(systems_step(q, sys, tag)),
            Some(CheckKind::Integrations(pairs)) => steps.push(integrations_step(q, pairs, tag)),
            Some(CheckKind::ResultsMet) => steps.push(results_step(engine, q, tag)),
            Some(CheckKind::MaturityAtLeast(level)) => {
                steps.extend(maturity_steps(engine, q, *level, &tag))
            }
            Some(CheckKind::Indicator { .. }) | None => {}
        }
    }
    (steps, missing)
}

/// A counted action of a failing check ("+8 CNC key machines"), when its
/// kind adds to a count field.
fn counted_step(act: &Action, mode: ProductionMode, tag: &str) -> Option<Step> {
    let f = count_field(act.kind, mode)?;
    let n = u32::try_from(act.count).unwrap_or(u32::MAX);
    Some(new_step(
        act.kind,
        act.count,
        act.what.clone(),
        tag.to_string(),
        Change::Add(f, n),
    ))
}

/// Introduce the listed systems not yet in use.
fn systems_step(q: &Questionnaire, sys: &[System], tag: String) -> Step {
    let inuse = q.informatization.systems.clone().unwrap_or_default();
    let lacking: Vec<System> = sys.iter().copied().filter(|s| !inuse.contains(s)).collect();
    let names = lacking
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(", ");
    new_step(
        ActionKind::System,
        lacking.len() as u64,
        Text::new(format!("上线 {names}"), format!("introduce {names}")),
        tag,
        Change::Systems(lacking),
    )
}

/// Integrate the listed pairs not yet integrated.
fn integrations_step(q: &Questionnaire, pairs: &[[System; 2]], tag: String) -> Step {
    let lacking: Vec<[System; 2]> = pairs
        .iter()
        .copied()
        .filter(|[x, y]| q.informatization.integrated(*x, *y) != Some(true))
        .collect();
    let names = lacking
        .iter()
        .map(|[x, y]| format!("{}–{}", x.label(), y.label()))
        .collect::<Vec<_>>()
        .join(", ");
    new_step(
        ActionKind::Integrate,
        lacking.len() as u64,
        Text::new(format!("集成 {names}"), format!("integrate {names}")),
        tag,
        Change::Integrations(lacking),
    )
}

/// Bring every failing 三降两升 result to its target.
fn results_step(engine: &Engine, q: &Questionnaire, tag: String) -> Step {
    let mut targets = Vec::new();
    let mut shown_zh = Vec::new();
    let mut shown_en = Vec::new();
    for (field, b) in &engine.criteria.results_targets {
        let cur = result_value(q, field);
        let ok = cur
            .is_some_and(|v| b.at_least.is_none_or(|x| v >= x) && b.at_most.is_none_or(|x| v <= x));
        if ok {
            continue;
        }
        let (v, sym) = match (b.at_least, b.at_most) {
            (Some(x), _) => (x, "≥"),
            (None, Some(x)) => (x, "≤"),
            _ => continue,
        };
        targets.push((field.clone(), v));
        shown_zh.push(format!(
            "{} {sym} {}%",
            result_name(field).zh,
            v.normalize()
        ));
        shown_en.push(format!(
            "{} {sym} {}%",
            result_name(field).en,
            v.normalize()
        ));
    }
    new_step(
        ActionKind::Results,
        targets.len() as u64,
        Text::new(
            format!("达到三降两升目标: {}", shown_zh.join(", ")),
            format!("reach the 三降两升 results: {}", shown_en.join(", ")),
        ),
        tag,
        Change::Results(targets),
    )
}

pub(super) fn result_value(q: &Questionnaire, field: &str) -> Option<Decimal> {
    let r = &q.results;
    let v = match field {
        "operating_cost_change_pct" => r.operating_cost_change_pct,
        "rd_cycle_change_pct" => r.rd_cycle_change_pct,
        "production_efficiency_change_pct" => r.production_efficiency_change_pct,
        "defect_rate_change_pct" => r.defect_rate_change_pct,
        "energy_utilisation_change_pct" => r.energy_utilisation_change_pct,
        _ => None,
    };
    v.and_then(Decimal::from_f64_retain)
}

/// Merge steps of one bundle: counted steps of the same kind keep the largest
/// count (the higher threshold covers the lower one); systems and
/// integrations are joined into one step each, every item once; of several
/// maturity raises the highest level stays (a domain raised in full to level
/// 3 meets level 2 too).
pub(super) fn merge(steps: Vec<Step>) -> Vec<Step> {
    let mut out: Vec<Step> = Vec::new();
    for s in steps {
        if join_lists(&mut out, &s) {
            continue;
        }
        if let Change::Add(f, n) = s.change {
            if let Some(o) = out
                .iter_mut()
                .find(|o| matches!(o.change, Change::Add(g, _) if g == f))
            {
                if let Change::Add(_, m) = o.change {
                    if n > m {
                        let mut tags = std::mem::take(&mut o.for_checks);
                        *o = s;
                        tags.append(&mut o.for_checks);
                        o.for_checks = tags;
                    } else {
                        o.for_checks.extend(s.for_checks);
                    }
                }
                continue;
            }
        }
        out.push(s);
    }
    out
}

/// Fold `s` into an earlier step of `out` of the same list kind (systems,
/// integrations, maturity raise); true when it was folded in.
pub(super) fn join_lists(out: &mut [Step], s: &Step) -> bool {
    for o in out.iter_mut() {
        match (&mut o.change, &s.change) {
            (Change::Systems(have), Change::Systems(more)) => {
                for x in more {
                    if !have.contains(x) {
                        have.push(*x);
                    }
                }
                let names = have
                    .iter()
                    .map(|x| x.label())
                    .collect::<Vec<_>>()
                    .join(", ");
                o.count = have.len() as u64;
                o.what = Text::new(format!("上线 {names}"), format!("introduce {names}"));
            }
            (Change::Integrations(have), Change::Integrations(more)) => {
                for x in more {
                    if !have.contains(x) {
                        have.push(*x);
                    }
                }
                let names = have
                    .iter()
                    .map(|[x, y]| format!("{}–{}", x.label(), y.label()))
                    .collect::<Vec<_>>()
                    .join(", ");
                o.count = have.len() as u64;
                o.what = Text::new(format!("集成 {names}"), format!("integrate {names}"));
            }
            (Change::Ratings(_, have), Change::Ratings(_, more)) => {
                if more > have {
                    let tags = std::mem::take(&mut o.for_checks);
                    *o = s.clone();
                    o.for_checks.splice(0..0, tags);
                    return true;
                }
            }
            _ => continue,
        }
        o.for_checks.extend(s.for_checks.iter().cloned());
        return true;
    }
    false
}

/// The steps to reach criterion `i`, tiers being cumulative: the criteria
/// are listed from the entry tier up (自动化数字化企业, 数字化车间, 智能工厂),
/// and reaching a tier takes what every lower tier not yet met needs as
/// well. Each lower tier is sized on the factory as the tiers below it left
/// it (adding digital equipment raises the count the networking rate is
/// taken over), and the counts of one kind add up across tiers.
pub(super) fn cumulative_steps(
    engine: &Engine,
    q: &Questionnaire,
    base: &Assessment,
    i: usize,
) -> (Vec<Step>, Vec<String>) {
    let mut state = q.clone();
    let mut assessed = base.clone();
    let mut steps: Vec<Step> = Vec::new();
    let mut missing: Vec<String> = Vec::new();
    for j in 0..=i {
        if j < i
            && assessed
                .criteria
                .get(j)
                .is_none_or(|c| c.status == Status::Met)
        {
            continue;
        }
        let (tier, m) = criterion_steps(engine, &state, &assessed, j);
        let tier = merge(tier);
        for s in &tier {
            apply(&mut state, &s.change);
        }
        for s in tier {
            accumulate(&mut steps, s);
        }
        missing.extend(
            m.into_iter()
                .filter(|x| !base.criteria.is_empty() && !x.is_empty()),
        );
        if j < i {
            assessed = engine.assess(&state, base.input.clone(), vec![]);
        }
    }
    missing.sort();
    missing.dedup();
    (steps, missing)
}

/// Add a tier's step to the steps of the tiers below: counts of one kind add
/// up ("+18" then "+24" more CNC machines is "+42"); lists are joined.
pub(super) fn accumulate(steps: &mut Vec<Step>, s: Step) {
    if let Change::Add(f, n) = s.change {
        if let Some(o) = steps
            .iter_mut()
            .find(|o| matches!(o.change, Change::Add(g, _) if g == f))
        {
            if let Change::Add(_, m) = &mut o.change {
                *m = m.saturating_add(n);
                o.count += s.count;
                let total = *m;
                let recount = |t: &str| match t.strip_prefix('+') {
                    Some(rest) => format!(
                        "+{total}{}",
                        rest.trim_start_matches(|c: char| c.is_ascii_digit())
                    ),
                    None => t.to_string(),
                };
                o.what = Text::new(recount(&o.what.zh), recount(&o.what.en));
                o.for_checks.extend(s.for_checks);
            }
            return;
        }
    }
    if !join_lists(steps, &s) {
        steps.push(s);
    }
}

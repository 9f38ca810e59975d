//! Gap analysis and upgrade roadmap (差距分析与升级路线图).
//!
//! For every target not yet reached — each criterion of the pack (自动化数字化
//! 企业, 数字化车间, 智能工厂) and the next estimated maturity level — the
//! roadmap lists concrete actions with their size ("+8 CNC key machines",
//! "introduce PLM/PDM", "integrate MES–SCADA/DCS"), derived from the failing
//! checks. Each action is *simulated*: the questionnaire is cloned, the action
//! applied, and the whole assessment run again, so "what it unlocks" (checks,
//! criteria, maturity level, subsidy tracks and money) is exactly what the
//! engine would say, not a guess. A target's bundle (all its actions
//! together) is simulated the same way.
//!
//! Effort is money: unit costs from the questionnaire (`cost_estimates.*`),
//! else the criteria pack's `default_unit_costs_wan` (labelled as estimates);
//! an action kind with neither is listed as not costed. Self-assessment and
//! results steps (maturity domains, 三降两升) are organisational steps without
//! a unit cost. Targets and actions are ordered by value for effort: money
//! unlocked (upper end of the potential support, eligible + candidate) per
//! 万元 of cost; steps without a cost figure follow, then steps that unlock no
//! money, cheapest first.

use crate::assess::{Assessment, Engine};
use crate::criteria::Status;
use crate::diff::{self, Direction, TrackChange};
use crate::indicators::{self, Indicators};
use crate::lang::Text;
use crate::maturity;
use crate::money::Range;
use crate::questionnaire::{DomainRating, NextLevelFit, ProductionMode, Questionnaire, System};
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Ordering;

/// Where a unit cost came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CostSource {
    /// The questionnaire's `cost_estimates`.
    Questionnaire,
    /// The criteria pack's `default_unit_costs_wan` (an estimate).
    Default,
}

/// A unit cost of one action kind.
#[derive(Debug, Clone, Serialize)]
pub struct UnitCost {
    /// Action kind.
    pub kind: String,
    /// What one unit is.
    pub unit: Text,
    /// 万元 per unit.
    pub wan: Decimal,
    /// Source.
    pub source: CostSource,
}

/// The cost of a step or a bundle.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cost {
    /// Sum of the costed parts, 万元.
    pub wan: Decimal,
    /// Some unit cost is a default estimate from the criteria pack.
    pub estimated: bool,
    /// Action kinds with no unit cost (not included in `wan`).
    pub uncosted: Vec<String>,
    /// Organisational steps only (no unit cost applies).
    pub organisational: bool,
}

impl Cost {
    /// Whether `wan` is the whole cost.
    pub fn complete(&self) -> bool {
        self.uncosted.is_empty()
    }
}

/// A check, criterion or track named in an unlock list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named {
    /// Id (`criterion.check` for checks).
    pub id: String,
    /// Name.
    pub name: Text,
}

/// What a step or bundle changes, from simulation.
#[derive(Debug, Clone, Serialize)]
pub struct Unlocks {
    /// Checks that become met.
    pub checks: Vec<Named>,
    /// Checks that stop being met (a side effect worth knowing).
    pub checks_lost: Vec<Named>,
    /// Criteria that become met.
    pub criteria: Vec<Named>,
    /// Estimated maturity level before → after, when it changes.
    pub maturity: Option<(Option<u8>, Option<u8>)>,
    /// Subsidy tracks whose status or amount changes.
    pub tracks: Vec<TrackChange>,
    /// Change of the potential support total (eligible + candidate), CNY.
    pub money: Range,
    /// The same change by funder (province, city, district), after the
    /// district cap.
    pub by_funder: Vec<(crate::policy::pack::Funder, Range)>,
}

impl Default for Unlocks {
    fn default() -> Unlocks {
        Unlocks {
            checks: vec![],
            checks_lost: vec![],
            criteria: vec![],
            maturity: None,
            tracks: vec![],
            money: Range::ZERO,
            by_funder: vec![],
        }
    }
}

impl Unlocks {
    /// Nothing changes.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty()
            && self.checks_lost.is_empty()
            && self.criteria.is_empty()
            && self.maturity.is_none()
            && self.tracks.is_empty()
            && self.money.is_zero()
    }
}

/// How a step changes the questionnaire.
#[derive(Debug, Clone, PartialEq)]
enum Change {
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
enum CountField {
    KeyEquipmentCnc,
    KeyProcessesPlcDcs,
    Robots,
    Networked,
    DataCollection,
    Automated,
    Digital,
}

/// One upgrade step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Kind: `cnc_unit`, `robot`, `network_connection`, `process_data`,
    /// `process_automation`, `digital_equipment`, `system`, `integrate`,
    /// `results`, `maturity`.
    pub kind: String,
    /// Size (units, systems, pairs, domains).
    pub count: u64,
    /// What to do.
    pub what: Text,
    /// The checks that call for it (`criterion.check`).
    pub for_checks: Vec<String>,
    /// A self-assessment / management step without a unit cost.
    pub organisational: bool,
    /// Unit cost used, if any.
    pub unit_cost: Option<UnitCost>,
    /// Cost.
    pub cost: Cost,
    /// What this step alone unlocks.
    pub unlocks: Unlocks,
    /// Upper end of the money unlocked per 元 of cost, when both are known.
    pub return_ratio: Option<Decimal>,
    #[serde(skip)]
    change: Change,
}

/// One target and what it takes.
#[derive(Debug, Clone, Serialize)]
pub struct TargetPlan {
    /// Criterion id, or `maturity_level_N`.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Status now.
    pub status: Status,
    /// Steps, ordered by value for effort.
    pub steps: Vec<Step>,
    /// Fields to fill in before the target can be judged.
    pub missing: Vec<String>,
    /// Cost of all steps.
    pub cost: Cost,
    /// What all steps together unlock.
    pub unlocks: Unlocks,
    /// Whether all steps together reach the target (in simulation).
    pub reached: bool,
    /// Upper end of the money unlocked per 元 of cost.
    pub return_ratio: Option<Decimal>,
}

/// The roadmap of one factory.
#[derive(Debug, Clone, Serialize)]
pub struct Roadmap {
    /// Targets not yet reached, ordered by value for effort.
    pub targets: Vec<TargetPlan>,
    /// Unit costs used.
    pub unit_costs: Vec<UnitCost>,
}

/// Action kinds in the order unit-cost tables list them.
pub const KINDS: [&str; 8] = [
    "cnc_unit",
    "robot",
    "network_connection",
    "digital_equipment",
    "process_automation",
    "process_data",
    "system",
    "integrate",
];

/// What one unit of an action kind is.
pub fn unit_label(kind: &str, mode: ProductionMode) -> Text {
    match (kind, mode) {
        ("cnc_unit", ProductionMode::Process) => Text::new(
            "关键工序改为 PLC/DCS 控制 (每个工序)",
            "PLC/DCS control of one key process",
        ),
        ("cnc_unit", _) => Text::new(
            "关键装备数控化改造或替换 (每台)",
            "CNC upgrade or replacement of one key machine",
        ),
        ("robot", _) => Text::new(
            "工业机器人 (每台, 含安装)",
            "one industrial robot, installed",
        ),
        ("network_connection", _) => {
            Text::new("数字化设备联网 (每台)", "networking one digital machine")
        }
        ("digital_equipment", _) => Text::new(
            "生产设备数字化改造 (每台)",
            "digitising one production machine",
        ),
        ("process_automation", _) => {
            Text::new("关键工序自动化 (每个工序)", "automating one key process")
        }
        ("process_data", _) => Text::new(
            "关键工序数据自动采集 (每个工序)",
            "automatic data collection on one key process",
        ),
        ("system", _) => Text::new("信息系统上线 (每套)", "introducing one information system"),
        ("integrate", _) => Text::new("系统集成 (每对)", "integrating one pair of systems"),
        _ => Text::new(kind.to_string(), kind.to_string()),
    }
}

/// Name of a GB/T 39116 capability domain.
pub fn domain_name(id: &str) -> Text {
    match id {
        "strategy" => Text::new("组织战略", "Strategy"),
        "personnel_skills" => Text::new("人员技能", "Personnel skills"),
        "data" => Text::new("数据", "Data"),
        "integration" => Text::new("集成", "Integration"),
        "information_security" => Text::new("信息安全", "Information security"),
        "equipment" => Text::new("装备", "Equipment"),
        "network" => Text::new("网络", "Network"),
        "design" => Text::new("设计", "Design"),
        "production" => Text::new("生产", "Production"),
        "logistics" => Text::new("物流", "Logistics"),
        "sales" => Text::new("销售", "Sales"),
        "service" => Text::new("服务", "Service"),
        _ => Text::new(id.to_string(), id.to_string()),
    }
}

/// The unit cost of an action kind for this questionnaire, if any.
pub fn unit_cost(engine: &Engine, q: &Questionnaire, kind: &str) -> Option<UnitCost> {
    let own = match kind {
        "cnc_unit" => q.cost_estimates.cnc_unit_wan,
        "robot" => q.cost_estimates.robot_wan,
        "network_connection" => q.cost_estimates.network_connection_wan,
        _ => None,
    };
    let (wan, source) = match own {
        Some(w) => (w.get(), CostSource::Questionnaire),
        None => (
            *engine.criteria.default_unit_costs_wan.get(kind)?,
            CostSource::Default,
        ),
    };
    Some(UnitCost {
        kind: kind.to_string(),
        unit: unit_label(kind, q.enterprise.production_mode),
        wan,
        source,
    })
}

fn set_rating(q: &mut Questionnaire, domain: &str, r: DomainRating) {
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

fn add(v: &mut Option<u32>, n: u32) {
    *v = Some(v.unwrap_or(0).saturating_add(n));
}

fn apply(q: &mut Questionnaire, c: &Change) {
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

fn count_field(kind: &str, mode: ProductionMode) -> Option<CountField> {
    Some(match (kind, mode) {
        ("cnc_unit", ProductionMode::Process) => CountField::KeyProcessesPlcDcs,
        ("cnc_unit", _) => CountField::KeyEquipmentCnc,
        ("robot", _) => CountField::Robots,
        ("network_connection", _) => CountField::Networked,
        ("process_data", _) => CountField::DataCollection,
        ("process_automation", _) => CountField::Automated,
        ("digital_equipment", _) => CountField::Digital,
        _ => return None,
    })
}

/// Units to add to an indicator's numerator to reach `t` (denominator kept).
fn units_to_reach(ind: &Indicators, id: &str, t: Decimal) -> Option<u32> {
    let p = ind.get(id)?.parts.as_ref()?;
    let need = (t * p.denominator / p.scale - p.numerator).ceil();
    if need <= Decimal::ZERO {
        return Some(0);
    }
    need.try_into().ok()
}

fn sized_what(kind: &str, n: u32, ind: &Indicators, indicator: &str) -> Text {
    match ind.get(indicator).and_then(|i| i.parts.as_ref()) {
        Some(p) => Text::new(
            format!("+{n} {}", p.numerator_label.zh),
            format!("+{n} {}", p.numerator_label.en),
        ),
        None => Text::new(format!("+{n} {kind}"), format!("+{n} {kind}")),
    }
}

fn new_step(kind: &str, count: u64, what: Text, for_check: String, change: Change) -> Step {
    Step {
        kind: kind.to_string(),
        count,
        what,
        for_checks: vec![for_check],
        organisational: matches!(kind, "results" | "maturity"),
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
fn maturity_steps(engine: &Engine, q: &Questionnaire, level: u8, for_check: &str) -> Vec<Step> {
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
        // Domains below the level, lowest first; a domain whose objective
        // indicator caps it below the level comes last (it needs equipment,
        // not only organisation).
        let mut best: Option<(bool, u8, Decimal, usize, &str)> = None;
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
        let Some((_, _, _, _, d)) = best else { break };
        chosen.push(d.to_string());
        apply(&mut sim, &Change::Ratings(vec![d.to_string()], level));
        // An objective cap on this domain: raise the indicator too.
        if let Some(o) = model.objective.iter().find(|o| o.domain == d) {
            let t = o.levels.get(usize::from(level) - 1).copied();
            let kind = match o.indicator.as_str() {
                "cnc_ratio" => Some("cnc_unit"),
                "networking_rate" => Some("network_connection"),
                _ => None,
            };
            let ind = indicators::compute(&sim);
            if let (Some(t), Some(kind)) = (t, kind) {
                if let Some(n) = units_to_reach(&ind, &o.indicator, t).filter(|n| *n > 0) {
                    if let Some(f) = count_field(kind, sim.enterprise.production_mode) {
                        let change = Change::Add(f, n);
                        apply(&mut sim, &change);
                        extra.push(new_step(
                            kind,
                            u64::from(n),
                            sized_what(kind, n, &ind, &o.indicator),
                            for_check.to_string(),
                            change,
                        ));
                    }
                }
            }
        }
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
        "maturity",
        chosen.len() as u64,
        what,
        for_check.to_string(),
        Change::Ratings(chosen, level),
    )];
    v.extend(extra);
    v
}

/// Steps for one criterion, derived from its failing checks.
fn criterion_steps(
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
        if let Some(act) = &r.action {
            if let Some(f) = count_field(&act.kind, mode) {
                let n = u32::try_from(act.count).unwrap_or(u32::MAX);
                steps.push(new_step(
                    &act.kind,
                    act.count,
                    act.what.clone(),
                    tag,
                    Change::Add(f, n),
                ));
                continue;
            }
        }
        if let Some(sys) = &k.systems {
            let inuse = q.informatization.systems.clone().unwrap_or_default();
            let lacking: Vec<System> = sys.iter().copied().filter(|s| !inuse.contains(s)).collect();
            let names = lacking
                .iter()
                .map(|s| s.label())
                .collect::<Vec<_>>()
                .join(", ");
            steps.push(new_step(
                "system",
                lacking.len() as u64,
                Text::new(format!("上线 {names}"), format!("introduce {names}")),
                tag,
                Change::Systems(lacking),
            ));
            continue;
        }
        if let Some(pairs) = &k.integrations {
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
            steps.push(new_step(
                "integrate",
                lacking.len() as u64,
                Text::new(format!("集成 {names}"), format!("integrate {names}")),
                tag,
                Change::Integrations(lacking),
            ));
            continue;
        }
        if k.results_met.is_some() {
            let mut targets = Vec::new();
            let mut shown_zh = Vec::new();
            let mut shown_en = Vec::new();
            for (field, b) in &engine.criteria.results_targets {
                let cur = result_value(q, field);
                let ok = cur.is_some_and(|v| {
                    b.at_least.is_none_or(|x| v >= x) && b.at_most.is_none_or(|x| v <= x)
                });
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
            steps.push(new_step(
                "results",
                targets.len() as u64,
                Text::new(
                    format!("达到三降两升目标: {}", shown_zh.join(", ")),
                    format!("reach the 三降两升 results: {}", shown_en.join(", ")),
                ),
                tag,
                Change::Results(targets),
            ));
            continue;
        }
        if let Some(level) = k.maturity_at_least {
            steps.extend(maturity_steps(engine, q, level, &tag));
        }
    }
    (steps, missing)
}

fn result_value(q: &Questionnaire, field: &str) -> Option<Decimal> {
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

/// Name of a 三降两升 result field.
pub fn result_name(field: &str) -> Text {
    match field {
        "operating_cost_change_pct" => Text::new("运营成本", "operating cost"),
        "rd_cycle_change_pct" => Text::new("研制周期", "R&D cycle"),
        "production_efficiency_change_pct" => Text::new("生产效率", "production efficiency"),
        "defect_rate_change_pct" => Text::new("不良品率", "defect rate"),
        "energy_utilisation_change_pct" => Text::new("能源利用率", "energy utilisation"),
        _ => Text::new(field.to_string(), field.to_string()),
    }
}

fn unlocks(before: &Assessment, after: &Assessment) -> Unlocks {
    let c = diff::compare(before, after);
    let mut u = Unlocks {
        money: c.potential.delta,
        // The funders present in the totals, not a fixed list: a pack declares its own.
        by_funder: c
            .potential
            .delta_by_funder
            .iter()
            .map(|(f, r)| (*f, *r))
            .collect(),
        ..Default::default()
    };
    for cr in &c.criteria {
        if cr.after == Status::Met && cr.before != Status::Met {
            u.criteria.push(Named {
                id: cr.id.clone(),
                name: cr.name.clone(),
            });
        }
        for k in &cr.checks {
            let named = || Named {
                id: format!("{}.{}", cr.id, k.id),
                name: Text::new(
                    format!("{}: {}", cr.name.zh, k.name.zh),
                    format!("{}: {}", cr.name.en, k.name.en),
                ),
            };
            if k.after == Status::Met && k.before != Status::Met {
                u.checks.push(named());
            } else if k.before == Status::Met && k.after != Status::Met {
                u.checks_lost.push(named());
            }
        }
    }
    if c.maturity.direction != Direction::Same {
        u.maturity = Some((c.maturity.before, c.maturity.after));
    }
    u.tracks = c.tracks;
    u
}

fn cost_of(engine: &Engine, q: &Questionnaire, steps: &mut [Step]) -> Cost {
    let mut total = Cost {
        organisational: steps.iter().all(|s| s.organisational),
        ..Default::default()
    };
    for s in steps.iter_mut() {
        if s.organisational {
            s.cost.organisational = true;
            continue;
        }
        match unit_cost(engine, q, &s.kind) {
            Some(u) => {
                s.cost.wan = u.wan * Decimal::from(s.count);
                s.cost.estimated = u.source == CostSource::Default;
                total.wan += s.cost.wan;
                total.estimated |= s.cost.estimated;
                s.unit_cost = Some(u);
            }
            None => {
                s.cost.uncosted = vec![s.kind.clone()];
                if !total.uncosted.contains(&s.kind) {
                    total.uncosted.push(s.kind.clone());
                }
            }
        }
    }
    total
}

/// Upper end of the money unlocked per 元 of cost.
fn return_ratio(money: Range, cost: &Cost) -> Option<Decimal> {
    let top = money.max?;
    if cost.wan.is_zero() || top <= Decimal::ZERO {
        return None;
    }
    Some((top / (cost.wan * Decimal::from(10_000))).round_dp(4))
}

/// Value-for-effort order: money per 元 of cost (highest first); then steps
/// that unlock money but have no cost figure (most money first); then steps
/// that unlock no money (cheapest first, organisational last).
fn by_value(a: (Option<Decimal>, Range, &Cost), b: (Option<Decimal>, Range, &Cost)) -> Ordering {
    let top = |m: Range| m.max.unwrap_or(m.min);
    let class = |r: Option<Decimal>, m: Range| {
        if r.is_some() {
            0
        } else if top(m) > Decimal::ZERO {
            1
        } else {
            2
        }
    };
    let (ca, cb) = (class(a.0, a.1), class(b.0, b.1));
    ca.cmp(&cb).then_with(|| match ca {
        0 => b.0.cmp(&a.0),
        1 => top(b.1).cmp(&top(a.1)),
        _ => (a.2.organisational, !a.2.complete(), a.2.wan).cmp(&(
            b.2.organisational,
            !b.2.complete(),
            b.2.wan,
        )),
    })
}

fn simulate(
    engine: &Engine,
    q: &Questionnaire,
    base: &Assessment,
    changes: &[&Change],
) -> Assessment {
    let mut sim = q.clone();
    for c in changes {
        apply(&mut sim, c);
    }
    engine.assess(&sim, base.input.clone(), vec![])
}

fn finish_target(
    engine: &Engine,
    q: &Questionnaire,
    base: &Assessment,
    mut plan: TargetPlan,
    reached: impl Fn(&Assessment) -> bool,
) -> TargetPlan {
    plan.cost = cost_of(engine, q, &mut plan.steps);
    for s in plan.steps.iter_mut() {
        let after = simulate(engine, q, base, &[&s.change]);
        s.unlocks = unlocks(base, &after);
        s.return_ratio = return_ratio(s.unlocks.money, &s.cost);
    }
    plan.steps.sort_by(|a, b| {
        by_value(
            (a.return_ratio, a.unlocks.money, &a.cost),
            (b.return_ratio, b.unlocks.money, &b.cost),
        )
    });
    // The bundle: counted steps first, then systems, integrations, results and
    // the maturity raise last (it was sized after the others).
    let mut order: Vec<&Step> = plan.steps.iter().collect();
    order.sort_by_key(|s| match s.kind.as_str() {
        "system" => 1,
        "integrate" => 2,
        "results" => 3,
        "maturity" => 4,
        _ => 0,
    });
    let changes: Vec<&Change> = order.iter().map(|s| &s.change).collect();
    let after = simulate(engine, q, base, &changes);
    plan.unlocks = unlocks(base, &after);
    plan.reached = reached(&after);
    plan.return_ratio = return_ratio(plan.unlocks.money, &plan.cost);
    plan
}

/// Merge steps of one bundle: counted steps of the same kind keep the largest
/// count (the higher threshold covers the lower one); systems and
/// integrations are joined into one step each, every item once; of several
/// maturity raises the highest level stays (a domain raised in full to level
/// 3 meets level 2 too).
fn merge(steps: Vec<Step>) -> Vec<Step> {
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
fn join_lists(out: &mut [Step], s: &Step) -> bool {
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
fn cumulative_steps(
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
fn accumulate(steps: &mut Vec<Step>, s: Step) {
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

/// Build the roadmap of one factory. `base` is the assessment of `q` by `engine`.
pub fn build(engine: &Engine, q: &Questionnaire, base: &Assessment) -> Roadmap {
    let mut targets = Vec::new();
    for (i, c) in base.criteria.iter().enumerate() {
        if c.status == Status::Met || i >= engine.criteria.criteria.len() {
            continue;
        }
        let (steps, missing) = cumulative_steps(engine, q, base, i);
        let id = c.id.clone();
        let plan = TargetPlan {
            id: id.clone(),
            name: c.name.clone(),
            status: c.status,
            steps,
            missing,
            cost: Cost::default(),
            unlocks: Unlocks::default(),
            reached: false,
            return_ratio: None,
        };
        targets.push(finish_target(engine, q, base, plan, |a| {
            a.criteria
                .iter()
                .any(|x| x.id == id && x.status == Status::Met)
        }));
    }
    if let Some(l) = base.maturity.level.filter(|l| *l < 5) {
        let next = l + 1;
        let tag = format!("maturity.level_{next}");
        let steps = merge(maturity_steps(engine, q, next, &tag));
        let plan = TargetPlan {
            id: format!("maturity_level_{next}"),
            name: Text::new(
                format!("估算成熟度 {next} 级 ({})", maturity::level_name(next).zh),
                format!(
                    "Estimated maturity level {next} ({})",
                    maturity::level_name(next).en
                ),
            ),
            status: Status::NotMet,
            steps,
            missing: base.maturity.missing.clone(),
            cost: Cost::default(),
            unlocks: Unlocks::default(),
            reached: false,
            return_ratio: None,
        };
        targets.push(finish_target(engine, q, base, plan, |a| {
            a.maturity.level.is_some_and(|x| x >= next)
        }));
    }
    targets.sort_by(|a, b| {
        by_value(
            (a.return_ratio, a.unlocks.money, &a.cost),
            (b.return_ratio, b.unlocks.money, &b.cost),
        )
    });
    let unit_costs = KINDS
        .iter()
        .filter_map(|k| unit_cost(engine, q, k))
        .collect();
    Roadmap {
        targets,
        unit_costs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::InputInfo;

    fn example(name: &str) -> Questionnaire {
        let path = format!(
            "{}/questionnaires/examples/{name}.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap();
        crate::input::from_bytes(&bytes, &path)
            .map_err(|e| e.0)
            .unwrap()
            .questionnaire
    }

    fn roadmap(q: &Questionnaire) -> Roadmap {
        let engine = Engine::default();
        let base = engine.assess(
            q,
            InputInfo {
                file: "t".into(),
                sha256: String::new(),
            },
            vec![],
        );
        build(&engine, q, &base)
    }

    #[test]
    fn tiers_are_cumulative_and_sized_on_the_tier_below() {
        // Footwear: 120 key machines (42 CNC), 640 production machines (150
        // digital, 30 networked). Entry tier: digital ≥ 47% of 640 = 300.8 →
        // 301, +151. Digital workshop: networked ≥ 50% of the 301 digital
        // machines the entry tier leaves = 150.5 → 151, +121; CNC ≥ 70% of
        // 120 = 84, +42. Smart factory: networked ≥ 70% of 301 = 210.7 → 211,
        // +181; CNC ≥ 80% = 96, +54.
        let r = roadmap(&example("licheng-footwear"));
        let t = |id: &str| r.targets.iter().find(|t| t.id == id).unwrap();
        let count =
            |id: &str, kind: &str| t(id).steps.iter().find(|s| s.kind == kind).map(|s| s.count);
        assert_eq!(
            count("automated_digital_enterprise", "digital_equipment"),
            Some(151)
        );
        assert_eq!(count("digital_workshop", "digital_equipment"), Some(151));
        assert_eq!(count("digital_workshop", "network_connection"), Some(121));
        assert_eq!(count("digital_workshop", "cnc_unit"), Some(42));
        assert_eq!(count("smart_factory", "network_connection"), Some(181));
        assert_eq!(count("smart_factory", "cnc_unit"), Some(54));
        let cost = |id: &str| t(id).cost.wan;
        assert!(cost("smart_factory") > cost("digital_workshop"));
        assert!(cost("digital_workshop") > cost("automated_digital_enterprise"));
        for id in [
            "automated_digital_enterprise",
            "digital_workshop",
            "smart_factory",
        ] {
            assert!(t(id).reached, "{id}");
        }
    }

    #[test]
    fn met_targets_have_no_plan() {
        let r = roadmap(&example("electronics-smart-factory"));
        assert!(r.targets.iter().all(|t| ![
            "automated_digital_enterprise",
            "digital_workshop",
            "smart_factory"
        ]
        .contains(&t.id.as_str())));
    }

    #[test]
    fn digital_workshop_bundle_reaches_the_target_and_unlocks_the_award() {
        // Paper-equipment maker: digital workshop fails only on automatic data
        // collection (+5 key processes).
        let r = roadmap(&example("paper-equipment-maker"));
        let dw = r
            .targets
            .iter()
            .find(|t| t.id == "digital_workshop")
            .unwrap();
        assert!(dw.reached);
        assert_eq!(dw.steps.len(), 1);
        assert_eq!(dw.steps[0].kind, "process_data");
        assert_eq!(dw.steps[0].count, 5);
        assert!(dw
            .unlocks
            .criteria
            .iter()
            .any(|c| c.id == "digital_workshop"));
        assert!(dw
            .unlocks
            .tracks
            .iter()
            .any(|t| t.id == "digital-workshop-award"
                && t.after == crate::policy::eval::TrackStatus::Candidate));
        // 0 – 50万 unlocked (a ceiling).
        assert_eq!(dw.unlocks.money.max, Some(Decimal::from(500_000)));
    }

    #[test]
    fn costs_come_from_the_questionnaire_else_the_pack() {
        let q = example("autoparts-digital-workshop");
        let engine = Engine::default();
        let u = unit_cost(&engine, &q, "cnc_unit").unwrap();
        assert_eq!(
            (u.wan, u.source),
            (Decimal::from(40), CostSource::Questionnaire)
        );
        let mut q2 = q.clone();
        q2.cost_estimates.cnc_unit_wan = None;
        let u = unit_cost(&engine, &q2, "cnc_unit").unwrap();
        assert_eq!((u.wan, u.source), (Decimal::from(30), CostSource::Default));
    }

    #[test]
    fn smart_factory_bundle_for_the_autoparts_maker() {
        let r = roadmap(&example("autoparts-digital-workshop"));
        let sf = r.targets.iter().find(|t| t.id == "smart_factory").unwrap();
        let cnc = sf.steps.iter().find(|s| s.kind == "cnc_unit").unwrap();
        // 8 × 40万 (the questionnaire's own unit cost).
        assert_eq!(cnc.count, 8);
        assert_eq!(cnc.cost.wan, Decimal::from(320));
        assert!(!cnc.cost.estimated);
        assert!(sf
            .steps
            .iter()
            .any(|s| s.kind == "results" && s.organisational));
        assert!(sf.steps.iter().any(|s| s.kind == "maturity"));
        assert!(sf.reached, "{:#?}", sf.unlocks);
        assert!(sf
            .unlocks
            .tracks
            .iter()
            .any(|t| t.id == "smart-factory-award"));
    }

    #[test]
    fn next_maturity_level_is_reached_by_the_greedy_raise() {
        let r = roadmap(&example("licheng-footwear"));
        let m = r
            .targets
            .iter()
            .find(|t| t.id.starts_with("maturity_level_"))
            .unwrap();
        assert!(m.reached, "{:#?}", m.steps);
    }
}

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
pub use crate::criteria::ActionKind;
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

mod kinds;
pub mod levels;
mod steps;
mod value;

pub use kinds::{domain_name, result_name, unit_cost, unit_label, KINDS};
use steps::{apply, cumulative_steps, maturity_steps, merge, Change};
use value::{by_value, cost_of, return_ratio, unlocks};

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
    pub kind: ActionKind,
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
    pub uncosted: Vec<ActionKind>,
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

/// One upgrade step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// Kind: `cnc_unit`, `robot`, `network_connection`, `process_data`,
    /// `process_automation`, `digital_equipment`, `system`, `integrate`,
    /// `results`, `maturity`.
    pub kind: ActionKind,
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
    /// The way up today's ladders (数字化水平, 智能工厂梯度) and the money each
    /// level unlocks; empty when no level pack applied (a 2017 factory).
    #[serde(skip_serializing_if = "levels::LevelPlans::is_empty")]
    pub levels: levels::LevelPlans,
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
    order.sort_by_key(|s| match s.kind {
        ActionKind::System => 1,
        ActionKind::Integrate => 2,
        ActionKind::Results => 3,
        ActionKind::Maturity => 4,
        _ => 0,
    });
    let changes: Vec<&Change> = order.iter().map(|s| &s.change).collect();
    let after = simulate(engine, q, base, &changes);
    plan.unlocks = unlocks(base, &after);
    plan.reached = reached(&after);
    plan.return_ratio = return_ratio(plan.unlocks.money, &plan.cost);
    plan
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
        .filter_map(|k| unit_cost(engine, q, *k))
        .collect();
    Roadmap {
        targets,
        unit_costs,
        levels: levels::plans(engine, q, base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::InputInfo;

    #[test]
    fn every_unit_cost_of_the_criteria_pack_is_keyed_by_an_action_kind() {
        let ids: Vec<_> = KINDS.iter().map(|k| k.as_str()).collect();
        for key in crate::criteria::default_pack()
            .default_unit_costs_wan
            .keys()
        {
            assert!(ids.contains(&key.as_str()), "{key}");
        }
    }

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
        let count = |id: &str, kind: ActionKind| {
            t(id).steps.iter().find(|s| s.kind == kind).map(|s| s.count)
        };
        assert_eq!(
            count("automated_digital_enterprise", ActionKind::DigitalEquipment),
            Some(151)
        );
        assert_eq!(
            count("digital_workshop", ActionKind::DigitalEquipment),
            Some(151)
        );
        assert_eq!(
            count("digital_workshop", ActionKind::NetworkConnection),
            Some(121)
        );
        assert_eq!(count("digital_workshop", ActionKind::CncUnit), Some(42));
        assert_eq!(
            count("smart_factory", ActionKind::NetworkConnection),
            Some(181)
        );
        assert_eq!(count("smart_factory", ActionKind::CncUnit), Some(54));
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
        assert_eq!(dw.steps[0].kind, ActionKind::ProcessData);
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
        let u = unit_cost(&engine, &q, ActionKind::CncUnit).unwrap();
        assert_eq!(
            (u.wan, u.source),
            (Decimal::from(40), CostSource::Questionnaire)
        );
        let mut q2 = q.clone();
        q2.cost_estimates.cnc_unit_wan = None;
        let u = unit_cost(&engine, &q2, ActionKind::CncUnit).unwrap();
        assert_eq!((u.wan, u.source), (Decimal::from(30), CostSource::Default));
    }

    #[test]
    fn smart_factory_bundle_for_the_autoparts_maker() {
        let r = roadmap(&example("autoparts-digital-workshop"));
        let sf = r.targets.iter().find(|t| t.id == "smart_factory").unwrap();
        let cnc = sf
            .steps
            .iter()
            .find(|s| s.kind == ActionKind::CncUnit)
            .unwrap();
        // 8 × 40万 (the questionnaire's own unit cost).
        assert_eq!(cnc.count, 8);
        assert_eq!(cnc.cost.wan, Decimal::from(320));
        assert!(!cnc.cost.estimated);
        assert!(sf
            .steps
            .iter()
            .any(|s| s.kind == ActionKind::Results && s.organisational));
        assert!(sf.steps.iter().any(|s| s.kind == ActionKind::Maturity));
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

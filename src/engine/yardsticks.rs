//! Yardsticks (标尺): the thresholds, district targets, ratings and pass
//! score that an assessment was measured against, carried in the
//! [`crate::assess::Assessment`] so that every report (and the JSON) shows
//! the same figures without reaching back into the packs.

use crate::criteria::CriteriaPack;
use crate::engine::targets::Targets;
use crate::questionnaire::ProductionMode;
use rust_decimal::Decimal;
use serde::Serialize;

/// What the indicators and the maturity level were measured against.
#[derive(Debug, Clone, Serialize)]
pub struct Yardsticks {
    /// Level score needed to achieve a maturity level (GB/T 39117: 0.8).
    #[serde(with = "rust_decimal::serde::float")]
    pub pass_score: Decimal,
    /// How much of the next level a domain's self-rating counts (大部分/部分/不满足).
    pub next_level_ratings: NextLevelRatings,
    /// Every indicator threshold of the criteria that applies to this
    /// factory (a discrete-only check is left out for a process plant), in
    /// criteria-pack order.
    pub thresholds: Vec<Threshold>,
    /// District targets that are indicator values (区级目标), for the
    /// indicators they compare with; none for a process plant (the targets
    /// speak of key discrete manufacturers).
    pub targets: Vec<IndicatorTarget>,
}

/// Ratings of the next level (GB/T 39117), the part of it a domain earns.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct NextLevelRatings {
    /// 大部分满足.
    #[serde(with = "rust_decimal::serde::float")]
    pub most: Decimal,
    /// 部分满足.
    #[serde(with = "rust_decimal::serde::float")]
    pub part: Decimal,
    /// 不满足.
    #[serde(with = "rust_decimal::serde::float")]
    pub none: Decimal,
}

/// One indicator threshold of a criterion (阈值).
#[derive(Debug, Clone, Serialize)]
pub struct Threshold {
    /// Indicator id.
    pub indicator: String,
    /// Criterion id (the criterion's position in `criteria` orders the chart legend).
    pub criterion: String,
    /// The indicator must be at least this.
    #[serde(with = "rust_decimal::serde::float")]
    pub at_least: Decimal,
}

/// A district target that is an indicator value.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorTarget {
    /// Indicator id.
    pub indicator: String,
    /// Target id in the targets pack.
    pub target: String,
    /// Target value.
    #[serde(with = "rust_decimal::serde::float")]
    pub value: Decimal,
    /// Target year.
    pub year: i32,
    /// Clause of the notice.
    pub clause: String,
}

/// District targets that compare with an indicator: (indicator, target id).
/// 鲤城区实施意见 二(一) sets them for key discrete 规上 manufacturers [P].
const INDICATOR_TARGETS: [(&str, &str); 2] = [
    ("cnc_ratio", "cnc_ratio_key_discrete"),
    ("robot_density", "robot_density"),
];

/// The yardsticks for a factory of production mode `mode`.
pub fn collect(criteria: &CriteriaPack, targets: &Targets, mode: ProductionMode) -> Yardsticks {
    let r = &criteria.maturity.ratings;
    Yardsticks {
        pass_score: criteria.maturity.pass_score,
        next_level_ratings: NextLevelRatings {
            most: r.most,
            part: r.part,
            none: r.none,
        },
        thresholds: thresholds(criteria, mode),
        targets: indicator_targets(targets, mode),
    }
}

fn thresholds(criteria: &CriteriaPack, mode: ProductionMode) -> Vec<Threshold> {
    let applies = |discrete_only: bool| !(discrete_only && mode == ProductionMode::Process);
    criteria
        .criteria
        .iter()
        .flat_map(|c| c.checks.iter().map(move |k| (c, k)))
        .filter(|(_, k)| applies(k.discrete_only))
        .filter_map(|(c, k)| {
            Some(Threshold {
                indicator: k.indicator.clone()?,
                criterion: c.id.clone(),
                at_least: k.at_least?,
            })
        })
        .collect()
}

fn indicator_targets(targets: &Targets, mode: ProductionMode) -> Vec<IndicatorTarget> {
    if mode == ProductionMode::Process {
        return Vec::new();
    }
    INDICATOR_TARGETS
        .iter()
        .filter_map(|(indicator, id)| {
            let t = targets.targets.get(*id)?;
            Some(IndicatorTarget {
                indicator: indicator.to_string(),
                target: id.to_string(),
                value: t.value,
                year: t.year,
                clause: t.clause.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_process_plant_has_no_discrete_thresholds_and_no_targets() {
        let (c, t) = (
            crate::criteria::default_pack(),
            crate::engine::targets::default_targets(),
        );
        let d = collect(&c, &t, ProductionMode::Discrete);
        let p = collect(&c, &t, ProductionMode::Process);
        // The notice's 二(一) targets: 80% CNC ratio, 100 robots per 10,000 workers.
        let shown: Vec<_> = d
            .targets
            .iter()
            .map(|x| (x.indicator.as_str(), x.value, x.year))
            .collect();
        assert_eq!(
            shown,
            [
                ("cnc_ratio", dec!(0.8), 2020),
                ("robot_density", dec!(100), 2020)
            ]
        );
        assert!(p.targets.is_empty());
        // Robot density is a discrete-only check: counted for the discrete plant only.
        let robots = |y: &Yardsticks| {
            y.thresholds
                .iter()
                .filter(|x| x.indicator == "robot_density")
                .count()
        };
        assert!(robots(&d) > 0);
        assert_eq!(robots(&p), 0);
        // GB/T 39117: a level is achieved at 0.8; next-level ratings 0.8 / 0.5 / 0.
        assert_eq!(d.pass_score, dec!(0.8));
        let r = d.next_level_ratings;
        assert_eq!((r.most, r.part, r.none), (dec!(0.8), dec!(0.5), dec!(0)));
    }
}

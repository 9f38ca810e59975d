//! Before/after comparison (对比): two assessments of one factory, shown —
//! what changed in the indicators, the criteria, the estimated maturity
//! level, the subsidy tracks and the money.
//!
//! The diff itself is [`crate::diff`], shared with the upgrade roadmap
//! ([`crate::roadmap`]); `report::compare` renders it for `zhizao compare
//! BEFORE AFTER` and the reports. This module keeps the public paths.

pub use crate::diff::{
    compare, range_delta, track_rank, CheckChange, Comparison, CriterionChange, Direction,
    IndicatorChange, MaturityChange, Side, TotalsChange, TrackChange,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Assessment, Engine, InputInfo};
    use crate::criteria::Status;
    use crate::money::Range;
    use crate::questionnaire::Questionnaire;
    use rust_decimal::Decimal;

    fn assess(q: &Questionnaire) -> Assessment {
        Engine::default().assess(
            q,
            InputInfo {
                file: "t.yaml".into(),
                sha256: String::new(),
            },
            vec![],
        )
    }

    fn base() -> Questionnaire {
        let mut q = Questionnaire {
            schema_version: 1,
            ..Default::default()
        };
        q.enterprise.name = "x".into();
        q.enterprise.data_year = 2017;
        q.equipment.key_equipment_total = Some(100);
        q.equipment.key_equipment_cnc = Some(60);
        q
    }

    #[test]
    fn identical_inputs_have_no_changes() {
        let a = assess(&base());
        let c = compare(&a, &a);
        assert!(c.same_enterprise);
        assert!(c.tracks.is_empty());
        assert!(c.indicators.iter().all(|i| i.direction == Direction::Same));
        assert_eq!(c.potential.delta, Range::ZERO);
    }

    #[test]
    fn more_cnc_machines_is_better_and_shown_in_points() {
        let before = assess(&base());
        let mut q = base();
        q.equipment.key_equipment_cnc = Some(75);
        let after = assess(&q);
        let c = compare(&before, &after);
        let i = c.indicators.iter().find(|i| i.id == "cnc_ratio").unwrap();
        assert_eq!(i.direction, Direction::Better);
        assert_eq!(i.delta_shown.as_deref(), Some("+15pp"));
        let k = c
            .criteria
            .iter()
            .find(|c| c.id == "automated_digital_enterprise")
            .unwrap()
            .checks
            .iter()
            .find(|k| k.id == "cnc_ratio")
            .unwrap();
        assert_eq!((k.before, k.after), (Status::Met, Status::Met));
        let k = c
            .criteria
            .iter()
            .find(|c| c.id == "digital_workshop")
            .unwrap()
            .checks
            .iter()
            .find(|k| k.id == "cnc_ratio")
            .unwrap();
        assert_eq!(k.direction, Direction::Better);
    }

    #[test]
    fn range_delta_keeps_open_maxima_open() {
        let a = Range::exact(Decimal::from(10));
        let b = Range {
            min: Decimal::from(5),
            max: None,
        };
        assert_eq!(range_delta(a, b).max, None);
        assert_eq!(range_delta(a, a), Range::ZERO);
    }
}

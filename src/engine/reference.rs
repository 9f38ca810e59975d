//! Reference figures for peer comparison (对标): national statistics, IFR
//! robot density and Quanzhou / Licheng targets, each with its source
//! (`benchmarks/reference.yaml`, embedded). `assess` sets a factory's
//! indicators beside them; `screen` adds percentiles within the batch.

use crate::indicators::Indicators;
use crate::lang::Text;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The shipped reference data.
pub const DEFAULT_REFERENCES: &str = include_str!("../../benchmarks/reference.yaml");
/// Name shown for the embedded reference data.
pub const DEFAULT_REFERENCES_NAME: &str = "benchmarks/reference.yaml";

/// One reference figure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// Indicator id.
    pub indicator: String,
    /// Value, in the indicator's unit (ratios 0–1).
    pub value: Decimal,
    /// Year of the figure.
    pub year: i32,
    /// Whose figure it is.
    pub scope: Text,
    /// Source, with its tag ([N], [Q], [P]).
    pub source: String,
}

/// The reference file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct References {
    /// Id.
    pub id: String,
    /// Figures.
    pub references: Vec<Reference>,
}

/// The embedded references (tested to load).
pub fn default_references() -> References {
    match crate::yaml::from_str(DEFAULT_REFERENCES, DEFAULT_REFERENCES_NAME) {
        Ok(r) => r,
        Err(e) => panic!("embedded reference data is invalid: {e:?}"),
    }
}

/// A factory's indicator beside one reference figure.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Indicator id.
    pub indicator: String,
    /// The factory's value.
    #[serde(with = "rust_decimal::serde::float")]
    pub value: Decimal,
    /// The reference value.
    #[serde(with = "rust_decimal::serde::float")]
    pub reference: Decimal,
    /// value ÷ reference.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub ratio: Option<Decimal>,
    /// Whose figure.
    pub scope: Text,
    /// Year.
    pub year: i32,
    /// Source.
    pub source: String,
}

/// Compare known indicators with every reference figure for them.
pub fn compare(refs: &References, ind: &Indicators) -> Vec<Comparison> {
    refs.references
        .iter()
        .filter_map(|r| {
            let v = ind.value(&r.indicator)?;
            Some(Comparison {
                indicator: r.indicator.clone(),
                value: v,
                reference: r.value,
                ratio: (!r.value.is_zero()).then(|| (v / r.value).round_dp(4)),
                scope: r.scope.clone(),
                year: r.year,
                source: r.source.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Questionnaire;
    use rust_decimal_macros::dec;

    #[test]
    fn every_reference_names_a_known_indicator() {
        for r in default_references().references {
            assert!(
                crate::indicators::INDICATOR_IDS.contains(&r.indicator.as_str()),
                "{}",
                r.indicator
            );
            assert!(
                r.source.starts_with('['),
                "source tag missing: {}",
                r.source
            );
        }
    }

    #[test]
    fn a_factory_beside_the_references() {
        let mut q = Questionnaire::default();
        q.robots.industrial_robots = Some(47);
        q.enterprise.production_workers = Some(1000);
        let c = compare(&default_references(), &crate::indicators::compute(&q));
        // 47 robots per 1,000 workers = 470 per 10,000: exactly China's 2023 IFR figure.
        let china = c.iter().find(|x| x.scope.en == "China (IFR)").unwrap();
        assert_eq!((china.value, china.ratio), (dec!(470), Some(dec!(1))));
        // Unknown indicators are left out, not compared as zero.
        assert!(c.iter().all(|x| x.indicator == "robot_density"));
    }
}

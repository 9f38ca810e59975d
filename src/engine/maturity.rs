//! Estimated maturity level (估算成熟度) after GB/T 39116-2020 / 39117-2020.
//!
//! Each of the 12 capability domains is self-rated as "the highest level met
//! in full, and how much of the next". For a level L, a domain's rating is
//! 1 (全部满足) at or below its level, 0.8/0.5/0 (大部分/部分/不满足) at the
//! next level, and 0 above. The level score S_L is the weighted mean of the
//! domain ratings. A level is achieved when S_L ≥ 0.8 and every lower level
//! is achieved.
//!
//! Overall score: each achieved level counts 1, plus the score of the first
//! level not achieved. This is our reading of GB/T 39117, chosen because it
//! agrees with the standard's bands (level n for scores in [n−0.2, n+0.8)):
//! adding raw level scores instead could put a factory whose levels 1–3 all
//! scored 0.8 (2.4) in band 2 although it achieved level 3.
//!
//! Objective indicators inform the 装备 and 网络 domains: a self-rated level
//! there is capped at the level the CNC ratio / networking rate supports
//! (thresholds in the criteria pack). The result is always "estimated".

use crate::diag::Code;
use crate::diag::Collector;
use crate::indicators::{IndicatorId, Indicators};
use crate::lang::Text;
use crate::questionnaire::{DomainRating, NextLevelFit, Questionnaire, SelfAssessment};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Maturity-model parameters, from the criteria pack.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MaturityModel {
    /// Level score needed to achieve a level (0.8).
    pub pass_score: Decimal,
    /// Rating values.
    pub ratings: Ratings,
    /// Domain weights (relative).
    pub weights: BTreeMap<String, Decimal>,
    /// Objective caps.
    pub objective: Vec<ObjectiveCap>,
}

/// GB/T 39117 rating values.
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    /// 全部满足.
    pub full: Decimal,
    /// 大部分满足.
    pub most: Decimal,
    /// 部分满足.
    pub part: Decimal,
    /// 不满足.
    pub none: Decimal,
}

/// A cap on a domain's level from an indicator.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveCap {
    /// Domain id.
    pub domain: String,
    /// Indicator id.
    pub indicator: String,
    /// Indicator values supporting levels 1..=5 (ascending).
    pub levels: Vec<Decimal>,
}

impl MaturityModel {
    /// Load-time checks: known domains and indicators, ascending thresholds.
    pub fn check(&self, errs: &mut Collector) {
        let mut err = |path: &str, zh: String, en: String| errs.error(Code::Pack, path, zh, en);
        for d in SelfAssessment::DOMAINS {
            if !self.weights.contains_key(d) {
                err(
                    "maturity.weights",
                    format!("缺少领域 `{d}` 的权重"),
                    format!("missing weight for domain `{d}`"),
                );
            }
        }
        for k in self.weights.keys() {
            if !SelfAssessment::DOMAINS.contains(&k.as_str()) {
                err(
                    "maturity.weights",
                    format!("未知领域 `{k}`"),
                    format!("unknown domain `{k}`"),
                );
            }
        }
        if self.weights.values().all(|w| w.is_zero())
            || self.weights.values().any(|w| w.is_sign_negative())
        {
            err(
                "maturity.weights",
                "权重须非负且不全为 0".into(),
                "weights must be ≥ 0 and not all 0".into(),
            );
        }
        for o in &self.objective {
            if !SelfAssessment::DOMAINS.contains(&o.domain.as_str()) {
                err(
                    "maturity.objective",
                    format!("未知领域 `{}`", o.domain),
                    format!("unknown domain `{}`", o.domain),
                );
            }
            if IndicatorId::parse(&o.indicator).is_none() {
                err(
                    "maturity.objective",
                    format!("未知指标 `{}`", o.indicator),
                    format!("unknown indicator `{}`", o.indicator),
                );
            }
            if o.levels.len() != 5 || o.levels.windows(2).any(|w| w[0] > w[1]) {
                err(
                    "maturity.objective",
                    "levels 须为 5 个递增的阈值".into(),
                    "levels must be 5 ascending thresholds".into(),
                );
            }
        }
    }

    fn rating(&self, fit: NextLevelFit) -> Decimal {
        match fit {
            NextLevelFit::Most => self.ratings.most,
            NextLevelFit::Part => self.ratings.part,
            NextLevelFit::None => self.ratings.none,
        }
    }
}

/// Names of the levels.
pub fn level_name(level: u8) -> Text {
    match level {
        1 => Text::new("规划级", "Planning"),
        2 => Text::new("规范级", "Standardised"),
        3 => Text::new("集成级", "Integrated"),
        4 => Text::new("优化级", "Optimised"),
        5 => Text::new("引领级", "Leading"),
        _ => Text::new("未达 1 级", "Below level 1"),
    }
}

/// One domain's effective rating.
#[derive(Debug, Clone, Serialize)]
pub struct DomainResult {
    /// Domain id.
    pub id: &'static str,
    /// Self-rated level, if given.
    pub self_level: Option<u8>,
    /// Level supported by the objective indicator, if any.
    pub objective_level: Option<u8>,
    /// Level used.
    pub level: u8,
    /// Next-level fit used.
    pub next: NextLevelFit,
    /// True when the objective indicator lowered the self-rating.
    pub capped: bool,
}

/// The estimated maturity.
#[derive(Debug, Clone, Serialize)]
pub struct Maturity {
    /// Always true: this is an estimate, not a certification.
    pub estimated: bool,
    /// Achieved level 0–5, or None when no domain could be rated.
    pub level: Option<u8>,
    /// Level name.
    pub level_name: Option<Text>,
    /// Overall score (bands 0.8 / 1.8 / 2.8 / 3.8 / 4.8).
    #[serde(with = "rust_decimal::serde::float_option")]
    pub score: Option<Decimal>,
    /// Score of each level 1..=5.
    #[serde(serialize_with = "ser_scores")]
    pub level_scores: Vec<Decimal>,
    /// Per-domain ratings.
    pub domains: Vec<DomainResult>,
    /// Domains without any rating (counted as 0: the level is then a lower bound).
    pub unrated: Vec<String>,
    /// Fields to fill in.
    pub missing: Vec<String>,
}

fn ser_scores<S: serde::Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(v.len()))?;
    for x in v {
        let f: f64 = x.round_dp(4).try_into().unwrap_or(0.0);
        seq.serialize_element(&f)?;
    }
    seq.end()
}

/// Estimate the maturity level.
pub fn estimate(model: &MaturityModel, q: &Questionnaire, ind: &Indicators) -> Maturity {
    let (domains, unrated) = rate_domains(model, q, ind);
    let missing: Vec<String> = unrated
        .iter()
        .map(|d| format!("self_assessment.{d}"))
        .collect();
    if domains.is_empty() {
        return Maturity {
            estimated: true,
            level: None,
            level_name: None,
            score: None,
            level_scores: vec![],
            domains,
            unrated,
            missing,
        };
    }
    let level_scores = level_scores(model, &domains);
    let achieved = level_scores
        .iter()
        .take_while(|s| **s >= model.pass_score)
        .count();
    let score =
        Decimal::from(achieved) + level_scores.get(achieved).copied().unwrap_or(Decimal::ZERO);
    Maturity {
        estimated: true,
        level: Some(achieved as u8),
        level_name: Some(level_name(achieved as u8)),
        score: Some(score.round_dp(4)),
        level_scores,
        domains,
        unrated,
        missing,
    }
}

/// Each domain's level: the self-assessment, capped by its objective
/// indicator when the model has one; the objective alone when the domain
/// was not self-assessed. Returns the rated domains and the unrated ids.
fn rate_domains(
    model: &MaturityModel,
    q: &Questionnaire,
    ind: &Indicators,
) -> (Vec<DomainResult>, Vec<String>) {
    let mut domains = Vec::new();
    let mut unrated = Vec::new();
    for id in SelfAssessment::DOMAINS {
        let own: Option<DomainRating> = q.self_assessment.get(id);
        let objective = model
            .objective
            .iter()
            .find(|o| o.domain == id)
            .and_then(|o| {
                ind.value(&o.indicator)
                    .map(|v| o.levels.iter().take_while(|t| v >= **t).count() as u8)
            });
        let (level, next, capped) = match (own, objective) {
            (Some(r), Some(ob)) if r.level > ob => (ob, NextLevelFit::None, true),
            (Some(r), _) => (r.level.min(5), r.next, false),
            (None, Some(ob)) => (ob, NextLevelFit::None, false),
            (None, None) => {
                unrated.push(id.to_string());
                continue;
            }
        };
        domains.push(DomainResult {
            id,
            self_level: own.map(|r| r.level),
            objective_level: objective,
            level,
            next,
            capped,
        });
    }
    (domains, unrated)
}

/// S_l = Σ_d w_d · r_d(l) / Σ w for levels 1–5, each domain's weight looked
/// up once. Unrated domains weigh in with rating 0 (a lower bound).
fn level_scores(model: &MaturityModel, domains: &[DomainResult]) -> Vec<Decimal> {
    let total_weight: Decimal = model.weights.values().copied().sum();
    let mut sums = [Decimal::ZERO; 5];
    for d in domains {
        let w = model.weights.get(d.id).copied().unwrap_or(Decimal::ZERO);
        for (l, s) in (1..=5u8).zip(sums.iter_mut()) {
            let r = if l <= d.level {
                model.ratings.full
            } else if l == d.level + 1 {
                model.rating(d.next)
            } else {
                model.ratings.none
            };
            *s += w * r;
        }
    }
    sums.iter()
        .map(|s| {
            if total_weight.is_zero() {
                Decimal::ZERO
            } else {
                s / total_weight
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn all(level: u8, next: NextLevelFit) -> Questionnaire {
        let mut q = Questionnaire::default();
        let r = Some(DomainRating { level, next });
        let s = &mut q.self_assessment;
        s.strategy = r;
        s.personnel_skills = r;
        s.data = r;
        s.integration = r;
        s.information_security = r;
        s.equipment = r;
        s.network = r;
        s.design = r;
        s.production = r;
        s.logistics = r;
        s.sales = r;
        s.service = r;
        q
    }

    fn est(q: &Questionnaire) -> Maturity {
        let pack = crate::criteria::default_pack();
        estimate(&pack.maturity, q, &crate::indicators::compute(q))
    }

    #[test]
    fn uniform_level_two_with_most_of_three() {
        // Every domain: level 2 in full, most of level 3. S1 = S2 = 1, S3 = 0.8
        // → level 3 achieved; S4 = 0 → overall 3 + 0 = 3.
        let m = est(&all(2, NextLevelFit::Most));
        assert_eq!(m.level, Some(3));
        assert_eq!(m.score, Some(dec!(3)));
    }

    #[test]
    fn part_of_next_level_is_not_enough() {
        // Level 2 in full, part of 3: S3 = 0.5 < 0.8 → level 2, overall 2.5.
        let m = est(&all(2, NextLevelFit::Part));
        assert_eq!(m.level, Some(2));
        assert_eq!(m.score, Some(dec!(2.5)));
    }

    #[test]
    fn objective_indicator_caps_equipment() {
        // All domains at 3, but CNC ratio 50% supports only level 2 of 装备:
        // S3 = 11/12 ≈ 0.9167 ≥ 0.8, so level 3 still holds; overall 3 + S4(0).
        let mut q = all(3, NextLevelFit::None);
        q.enterprise.production_mode = crate::questionnaire::ProductionMode::Discrete;
        q.equipment.key_equipment_total = Some(10);
        q.equipment.key_equipment_cnc = Some(5);
        let m = est(&q);
        let eqd = m.domains.iter().find(|d| d.id == "equipment").unwrap();
        assert_eq!(
            (eqd.level, eqd.capped, eqd.objective_level),
            (2, true, Some(2))
        );
        assert_eq!(m.level_scores[2].round_dp(4), dec!(0.9167));
        assert_eq!(m.level, Some(3));
        // Three domains capped would drop S3 to 9/12 = 0.75 → level 2.
        q.equipment.production_equipment_digital = Some(10);
        q.equipment.production_equipment_networked = Some(1); // 10% → network level 0
        q.self_assessment.data = Some(DomainRating {
            level: 2,
            next: NextLevelFit::None,
        });
        let m = est(&q);
        assert_eq!(m.level_scores[2], dec!(0.75));
        assert_eq!(m.level, Some(2));
    }

    #[test]
    fn no_ratings_and_no_indicators_is_unknown() {
        let m = est(&Questionnaire::default());
        assert_eq!(m.level, None);
        assert_eq!(m.missing.len(), 12);
    }
}

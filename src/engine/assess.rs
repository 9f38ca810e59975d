//! The whole pipeline for one factory (评估): questionnaire → indicators →
//! maturity → criteria → facts → policy. [`Engine`] holds the packs, so a
//! batch run loads and checks them once.

use crate::criteria::{self, CriteriaPack, CriterionResult};
use crate::diag::Diagnostic;
use crate::engine::targets::Targets;
use crate::indicators::{self, Indicators};
use crate::maturity::{self, Maturity};
use crate::policy::eval::{DistrictCapResult, PolicyResult, Totals, TrackResult};
use crate::policy::pack::PolicyPack;
use crate::questionnaire::{Questionnaire, Sector};
use crate::reference::References;
use crate::{facts, lang::Text, policy};
use serde::Serialize;

mod load;
pub use load::{LoadError, PackSources};

/// Version of the JSON output format (see docs/json-output.md).
pub const OUTPUT_SCHEMA_VERSION: u32 = 1;

/// What the stages before the policy give: indicators, maturity, criteria,
/// levels and the facts the policy packs read.
type Stages = (Indicators, Maturity, Vec<CriterionResult>, facts::Facts);

/// Every pack an assessment runs on (规则包), loaded once by
/// [`Engine::load`] and shared by every factory of a batch.
#[derive(Debug, Clone)]
pub struct Engine {
    /// Criteria and maturity model.
    pub criteria: CriteriaPack,
    /// The subsidy policy (the first pack given).
    pub policy: PolicyPack,
    /// More policy packs evaluated together with it (a city and a district
    /// notice at once). Totals add up across packs by funder; each pack's
    /// validity, readings and caps apply to its own tracks.
    pub more_policies: Vec<PolicyPack>,
    /// No pack was given: these are the shipped packs, and each
    /// questionnaire is assessed on those in force for its data year
    /// ([`Engine::policies_for`]); with `--policy`, on every pack given.
    pub by_data_year: bool,
    /// Level packs (the SME digital level, the smart-factory levels), each
    /// applied to the data years it covers.
    pub levels: Vec<crate::levels::LevelPack>,
    /// District targets (the screening dashboard, report target lines).
    pub targets: Targets,
    /// Reference figures for peer comparison.
    pub references: References,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::shipped()
    }
}

/// Where the input came from.
#[derive(Debug, Clone, Serialize)]
pub struct InputInfo {
    /// File name as given.
    pub file: String,
    /// SHA-256 of its bytes.
    pub sha256: String,
}

/// Enterprise summary in the output.
#[derive(Debug, Clone, Serialize)]
pub struct EnterpriseSummary {
    /// Name.
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: Option<String>,
    /// Sector id.
    pub sector: Sector,
    /// Sector label.
    pub sector_label: Text,
    /// Discrete or process.
    pub production_mode: crate::questionnaire::ProductionMode,
    /// 规上.
    pub above_designated_size: Option<bool>,
    /// Data year.
    pub data_year: i32,
}

/// Subsidy totals.
#[derive(Debug, Clone, Serialize)]
pub struct SubsidyTotals {
    /// Eligible tracks only.
    pub eligible: Totals,
    /// Eligible and candidate tracks.
    pub potential: Totals,
}

/// Which packs were used.
#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    /// Policy pack id.
    pub policy_id: String,
    /// Policy pack version.
    pub policy_version: String,
    /// In force for the data year.
    pub in_force: bool,
    /// Why not; or the horizon warning when the data year is after the pack's horizon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_note: Option<Text>,
    /// The data year is after the policy pack's horizon (amounts computed, with a warning).
    pub beyond_horizon: bool,
    /// Readings of the policy text and the option in effect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<crate::policy::eval::ReadingNote>,
    /// The other policy packs evaluated together with the first, when
    /// several were given (each with its own validity).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_policies: Vec<crate::policy::combine::PolicyInfo>,
    /// Criteria pack id.
    pub criteria_id: String,
    /// Criteria pack version.
    pub criteria_version: String,
    /// Policy pack title (report subtitles cite it).
    pub policy_title: Text,
    /// The packs were chosen by the data year (no `--policy`): a screening
    /// names tracks by their id alone (unique across the shipped packs).
    /// Not in the JSON, which lists the packs applied.
    #[serde(skip)]
    pub by_data_year: bool,
}

impl Assessment {
    /// Every per-enterprise cap of the packs evaluated (the first pack's first).
    pub fn caps(&self) -> impl Iterator<Item = &DistrictCapResult> {
        self.district_cap.iter().chain(&self.more_caps)
    }
}

impl PackInfo {
    /// Every policy pack as "id version", joined with " + " (the first
    /// alone when only one was evaluated).
    pub fn policy_ids(&self) -> String {
        if self.more_policies.is_empty() {
            return format!("{} {}", self.policy_id, self.policy_version);
        }
        self.more_policies
            .iter()
            .map(|p| format!("{} {}", p.id, p.version))
            .collect::<Vec<_>>()
            .join(" + ")
    }

    /// Every policy pack's title, in the order given.
    pub fn policy_titles(&self, l: crate::lang::Lang) -> Vec<String> {
        if self.more_policies.is_empty() {
            return vec![self.policy_title.get(l).to_string()];
        }
        self.more_policies
            .iter()
            .map(|p| p.title.get(l).to_string())
            .collect()
    }

    /// The validity notes of every pack (a pack's own note is prefixed with
    /// its title when several packs were evaluated).
    pub fn validity_notes(&self, l: crate::lang::Lang) -> Vec<String> {
        if self.more_policies.is_empty() {
            return self
                .validity_note
                .iter()
                .map(|n| n.get(l).to_string())
                .collect();
        }
        self.more_policies
            .iter()
            .filter_map(|p| {
                let n = p.validity_note.as_ref()?;
                Some(format!("{}: {}", p.title.get(l), n.get(l)))
            })
            .collect()
    }
}

/// A complete assessment of one factory.
#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// Output format version.
    pub schema_version: u32,
    /// Input.
    pub input: InputInfo,
    /// Packs.
    pub packs: PackInfo,
    /// Enterprise.
    pub enterprise: EnterpriseSummary,
    /// Indicators.
    pub indicators: Indicators,
    /// Criteria.
    pub criteria: Vec<CriterionResult>,
    /// Estimated maturity.
    pub maturity: Maturity,
    /// Levels on today's national ladders (数字化水平, 智能工厂梯度), for the
    /// level packs that apply to the data year.
    #[serde(skip_serializing_if = "crate::levels::LevelResults::is_empty")]
    pub levels: crate::levels::LevelResults,
    /// Subsidy tracks.
    pub subsidies: Vec<TrackResult>,
    /// Totals by funder.
    pub totals: SubsidyTotals,
    /// District cap (the first policy pack's per-enterprise cap).
    pub district_cap: Option<DistrictCapResult>,
    /// The other packs' per-enterprise caps, when several packs are evaluated together.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_caps: Vec<DistrictCapResult>,
    /// Indicators beside national, IFR and Quanzhou reference figures.
    pub references: Vec<crate::reference::Comparison>,
    /// The thresholds, district targets, ratings and pass score measured against (reports show them).
    pub yardsticks: crate::yardsticks::Yardsticks,
    /// Plausibility warnings from validation.
    pub warnings: Vec<Diagnostic>,
}

/// What a batch screening keeps of one factory (筛选摘要): the numbers of an
/// assessment — indicators, maturity, criteria statuses, track statuses and
/// amounts — without its texts. Computed by the same functions as
/// [`Assessment`], so the two always agree.
#[derive(Debug, Clone)]
pub struct Brief {
    /// Indicators.
    pub indicators: Indicators,
    /// Estimated maturity.
    pub maturity: Maturity,
    /// Criteria (statuses and missing fields; no texts).
    pub criteria: Vec<CriterionResult>,
    /// Track statuses and amounts, after the district cap.
    pub policy: policy::eval::Summary,
    /// Levels on today's national ladders, in numbers (no texts).
    pub levels: crate::levels::LevelBrief,
}

impl Engine {
    /// Every policy pack, in the order given.
    pub fn policies(&self) -> impl Iterator<Item = &PolicyPack> {
        std::iter::once(&self.policy).chain(&self.more_policies)
    }

    /// Indicators, maturity, criteria and facts: the stages before the
    /// levels and the policy.
    fn stages(&self, q: &Questionnaire, detail: bool) -> Stages {
        let ind = indicators::compute(q);
        let m = maturity::estimate(&self.criteria.maturity, q, &ind);
        let crit = criteria::evaluate_with(&self.criteria, q, &ind, &m, detail);
        let f = facts::build(q, &ind, &crit, &m);
        (ind, m, crit, f)
    }

    /// The numbers of an assessment without its texts (see [`Brief`]).
    pub fn brief(&self, q: &Questionnaire) -> Brief {
        let (indicators, maturity, criteria, mut f) = self.stages(q, false);
        let levels = crate::levels::evaluate_brief(&self.levels, &mut f, q.enterprise.data_year);
        Brief {
            indicators,
            maturity,
            criteria,
            policy: policy::combine::summarize_all(&self.policies().collect::<Vec<_>>(), &f),
            levels,
        }
    }

    /// Assess one questionnaire, with every explanation. (A batch
    /// screening, which shows no explanation, uses [`Engine::brief`].)
    pub fn assess(
        &self,
        q: &Questionnaire,
        input: InputInfo,
        warnings: Vec<Diagnostic>,
    ) -> Assessment {
        let (ind, m, crit, mut f) = self.stages(q, true);
        let levels = crate::levels::evaluate(&self.levels, &mut f, q.enterprise.data_year);
        let chosen = self.policies_for(q.enterprise.data_year);
        let (joint, more_policies) = policy::combine::evaluate_all(&chosen, &f);
        let PolicyResult {
            pack_id,
            pack_version,
            in_force,
            validity_note,
            beyond_horizon,
            readings,
            tracks,
            district_cap,
            more_caps,
            eligible_totals,
            potential_totals,
        } = joint;
        let references = crate::reference::compare(&self.references, &ind);
        let e = &q.enterprise;
        Assessment {
            schema_version: OUTPUT_SCHEMA_VERSION,
            input,
            packs: PackInfo {
                policy_id: pack_id,
                policy_version: pack_version,
                in_force,
                validity_note,
                beyond_horizon,
                readings,
                more_policies,
                criteria_id: self.criteria.id.clone(),
                criteria_version: self.criteria.version.clone(),
                policy_title: chosen[0].title.clone(),
                by_data_year: self.by_data_year,
            },
            enterprise: EnterpriseSummary {
                name: e.name.clone(),
                credit_code: e.credit_code.clone(),
                sector: e.sector,
                sector_label: Text::new(e.sector.zh(), e.sector.en()),
                production_mode: e.production_mode,
                above_designated_size: e.above_designated_size,
                data_year: e.data_year,
            },
            indicators: ind,
            criteria: crit,
            maturity: m,
            levels,
            subsidies: tracks,
            totals: SubsidyTotals {
                eligible: eligible_totals,
                potential: potential_totals,
            },
            district_cap,
            more_caps,
            references,
            yardsticks: crate::yardsticks::collect(
                &self.criteria,
                &self.targets,
                e.production_mode,
            ),
            warnings,
        }
    }
}

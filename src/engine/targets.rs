//! 区级目标 / The district's targets (泉州制造2025 as the district set them):
//! single figures and per-sector figures with their clauses, a pack the
//! engine loads like the others (`--targets`). The screening dashboard
//! ([`crate::screen::targets`]) and the report yardsticks read them.

use crate::lang::Text;
use crate::questionnaire::Sector;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default targets, embedded.
pub const DEFAULT_TARGETS: &str = include_str!("../../policies/licheng-2016-targets.yaml");
/// Name shown for the embedded targets.
pub const DEFAULT_TARGETS_NAME: &str = "policies/licheng-2016-targets.yaml";

/// A single target figure.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Value (a share 0–1, a density or a count).
    pub value: Decimal,
    /// Target year.
    pub year: i32,
    /// Clause.
    pub clause: String,
    /// What it says.
    pub note: Text,
}

/// A target split by sector.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SectorTarget {
    /// Target year.
    pub year: i32,
    /// Clause.
    pub clause: String,
    /// Total.
    pub total: Decimal,
    /// By sector.
    pub by_sector: BTreeMap<Sector, Decimal>,
    /// What it says.
    pub note: Text,
}

/// The targets file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Id.
    pub id: String,
    /// Version.
    pub version: String,
    /// Source.
    pub source_file: String,
    /// Single-figure targets.
    pub targets: BTreeMap<String, Target>,
    /// Demonstration projects by sector.
    pub demonstration_projects: SectorTarget,
    /// 2025 output by sector, 亿元.
    pub output_2025_yi: SectorTarget,
    /// A goal on the SME digital level (数字化水平): the share of 规上
    /// enterprises at a level or above. Not the 2016 notice's: it carries
    /// its own source and confidence tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_level_share: Option<LevelGoal>,
}

/// A share of 规上 enterprises at or above a level, with where it is set
/// (e.g. the SME digital-transformation city pilot: 二级以上 90%).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LevelGoal {
    /// The level to reach at least (2 = 二级).
    pub min_level: u8,
    /// Share of 规上 enterprises (0–1).
    pub value: Decimal,
    /// Target year.
    pub year: i32,
    /// The document or clause that sets it.
    pub clause: String,
    /// Web address of the source it was read from.
    pub source: String,
    /// How sure the figure is ([S]: seen only in news or commentary).
    pub confidence: crate::confidence::Confidence,
    /// Whether the goal holds in each sector (每个细分行业) as well as overall.
    #[serde(default)]
    pub by_sector: bool,
    /// What it says, quoted.
    pub note: Text,
}

/// The embedded targets (tested to load).
pub fn default_targets() -> Targets {
    match crate::yaml::from_str(DEFAULT_TARGETS, DEFAULT_TARGETS_NAME) {
        Ok(t) => t,
        Err(e) => panic!("embedded targets are invalid: {e:?}"),
    }
}

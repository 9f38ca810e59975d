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
}

/// The embedded targets (tested to load).
pub fn default_targets() -> Targets {
    match crate::yaml::from_str(DEFAULT_TARGETS, DEFAULT_TARGETS_NAME) {
        Ok(t) => t,
        Err(e) => panic!("embedded targets are invalid: {e:?}"),
    }
}

//! 梯度 / A ladder of recognitions: the 智能工厂梯度培育 levels 基础级 (自建自评)
//! → 先进级 (省级认定) → 卓越级 (工信部等六部门) → 领航级, each with its gates
//! (基本要求, 场景建设, the CMMM gate per edition) and its prerequisite.
//!
//! SCAFFOLD: the result types below are the contract the reports render; the
//! pack format, `load`, `evaluate` and `publish` are being written.

use super::PackHeader;
use crate::confidence::Confidence;
use crate::diag::{Code, Diagnostic};
use crate::facts::Facts;
use crate::lang::Text;
use crate::policy::eval::Truth;
use serde::Serialize;

/// A loaded ladder pack.
#[derive(Debug, Clone)]
pub struct LadderPack {
    /// Header (id, document, edition, years).
    pub header: PackHeader,
}

/// The result of one ladder for one factory.
#[derive(Debug, Clone, Serialize)]
pub struct LadderResult {
    /// The pack measured against.
    pub pack: PackHeader,
    /// The highest step whose gates are all met (its rank, 1 = the first
    /// step); 0 none; `None` when data is missing for the first step.
    pub level: Option<u8>,
    /// Its name (基础级 …, or 未达基础级).
    pub level_name: Text,
    /// Every step, in order, with its gates.
    pub steps: Vec<StepResult>,
    /// What the next step needs that this factory lacks, one line each.
    pub next_missing: Vec<Text>,
    /// Questionnaire fields to fill in to be assessed (field paths).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_data: Vec<String>,
}

/// Where a factory stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStanding {
    /// Every gate met: may self-assess (基础级) or apply (先进级 and up).
    Qualifies,
    /// A gate is not met.
    NotYet,
    /// A gate cannot be judged from the questionnaire.
    Unknown,
}

/// One step of the ladder.
#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    /// Stable id (`basic`, `advanced`, `excellent`, `leading`).
    pub id: String,
    /// Name (基础级 …).
    pub name: Text,
    /// Rank, 1 = the first step.
    pub rank: u8,
    /// Who recognises it (企业自评, 省工信厅 …).
    pub recognised_by: Text,
    /// The enterprise assesses itself (no outside recognition).
    pub self_assessed: bool,
    /// Where the factory stands.
    pub standing: StepStanding,
    /// Its gates.
    pub gates: Vec<GateResult>,
}

/// One gate of a step.
#[derive(Debug, Clone, Serialize)]
pub struct GateResult {
    /// What it asks, in words.
    pub label: Text,
    /// Met, not met, unknown.
    pub truth: Truth,
    /// The factory's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Text>,
    /// The requirement, in words.
    pub required: Text,
    /// How sure the requirement is.
    pub confidence: Confidence,
}

/// Load a ladder pack.
pub fn load(_text: &str, file: &str) -> Result<LadderPack, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        Code::LevelPack,
        file,
        Text::new("梯度包尚不支持", "ladders are not supported yet"),
    )])
}

/// Place one factory on the ladder.
pub fn evaluate(pack: &LadderPack, _facts: &Facts) -> LadderResult {
    LadderResult {
        pack: pack.header.clone(),
        level: None,
        level_name: Text::new("", ""),
        steps: Vec::new(),
        next_missing: Vec::new(),
        missing_data: Vec::new(),
    }
}

/// Publish the result as facts (`smart_factory.level`).
pub fn publish(_r: &LadderResult, _facts: &mut Facts) {}

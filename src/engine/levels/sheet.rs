//! 评测表 / A scored sheet: dimensions → items → points, scenes rated
//! 一级–四级, and the rule that turns score and scenes into a level (the 2024
//! SME digital-level assessment, 工信厅企业〔2024〕56号).
//!
//! SCAFFOLD: the result types below are the contract the reports render; the
//! pack format, `load`, `evaluate` and `publish` are being written.

use super::PackHeader;
use crate::confidence::Confidence;
use crate::diag::{Code, Diagnostic};
use crate::facts::Facts;
use crate::lang::Text;
use rust_decimal::Decimal;
use serde::Serialize;

/// A loaded score-sheet pack.
#[derive(Debug, Clone)]
pub struct SheetPack {
    /// Header (id, document, edition, years).
    pub header: PackHeader,
}

/// The result of one sheet for one factory.
#[derive(Debug, Clone, Serialize)]
pub struct SheetResult {
    /// The pack measured against.
    pub pack: PackHeader,
    /// Total points.
    pub score: Decimal,
    /// Points available (100).
    pub max: Decimal,
    /// Points by dimension, with their items.
    pub dimensions: Vec<DimensionScore>,
    /// Scenes (数字化经营场景) and the level each reached.
    pub scenes: Vec<SceneRating>,
    /// The level reached: `Some(0)` below 一级, `None` when data is missing.
    pub level: Option<u8>,
    /// The level's name (一级 … 四级, or 未达一级).
    pub level_name: Text,
    /// The rule that decided the level, in words, with its figures.
    pub decided_by: Text,
    /// How sure the level rule is (the 2024 rule is [T]).
    pub rule_confidence: Confidence,
    /// What the next level needs that this factory lacks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextLevel>,
    /// Questionnaire fields to fill in to be assessed (field paths).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_data: Vec<String>,
}

/// Points of one dimension (数字化基础 / 管理 / 成效).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionScore {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Points scored.
    pub points: Decimal,
    /// Points available.
    pub max: Decimal,
    /// Its items.
    pub items: Vec<ItemScore>,
}

/// Points of one scored item.
#[derive(Debug, Clone, Serialize)]
pub struct ItemScore {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Sub-dimension (设备系统, 数据采集 …).
    pub group: Text,
    /// Points scored; zero when unknown.
    pub points: Decimal,
    /// Points available.
    pub max: Decimal,
    /// The answer that scored them, in words; `None` when not filled in.
    pub answer: Option<Text>,
    /// How sure the item's bands or options are.
    pub confidence: Confidence,
}

/// One scene (场景) and the level it reached.
#[derive(Debug, Clone, Serialize)]
pub struct SceneRating {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Group (产品生命周期数字化 …).
    pub group: Text,
    /// 约束性场景.
    pub constraint: bool,
    /// Level 1–4 reached; 0 none; `None` not filled in.
    pub level: Option<u8>,
}

/// The gap to the next level.
#[derive(Debug, Clone, Serialize)]
pub struct NextLevel {
    /// The next level (1–4).
    pub level: u8,
    /// Its name.
    pub name: Text,
    /// What is missing, one line each ("基础得分 52 < 60", "三级以上场景 5 < 8").
    pub gaps: Vec<Text>,
}

/// Load a score-sheet pack.
pub fn load(_text: &str, file: &str) -> Result<SheetPack, Vec<Diagnostic>> {
    Err(vec![Diagnostic::error(
        Code::LevelPack,
        file,
        Text::new("评测表尚不支持", "score sheets are not supported yet"),
    )])
}

/// Score one factory.
pub fn evaluate(pack: &SheetPack, _facts: &Facts) -> SheetResult {
    SheetResult {
        pack: pack.header.clone(),
        score: Decimal::ZERO,
        max: Decimal::ZERO,
        dimensions: Vec::new(),
        scenes: Vec::new(),
        level: None,
        level_name: Text::new("", ""),
        decided_by: Text::new("", ""),
        rule_confidence: pack.header.confidence,
        next: None,
        missing_data: Vec::new(),
    }
}

/// Publish the result as facts (`digital_level.level`, `digital_level.score`).
pub fn publish(_r: &SheetResult, _facts: &mut Facts) {}

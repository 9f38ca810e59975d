//! 等级评测 / Level assessments: where a factory stands on today's national
//! ladders, as data packs (`levels/*.yaml`) beside the subsidy packs.
//!
//! Two mechanisms, one per kind of framework:
//! - [`sheet`]: a scored sheet (评测表), e.g. 《中小企业数字化水平评测指标（2024年版）》:
//!   dimensions → items → points, scenes rated 一级–四级, and the rule that turns
//!   score and scenes into a level;
//! - [`ladder`]: a ladder of recognitions (梯度培育), e.g. the 智能工厂 levels
//!   基础级 → 先进级 → 卓越级 → 领航级: each step's gates, who recognises it and
//!   what it needs before.
//!
//! Level packs run after the facts are built and before the policy packs, and
//! publish their results as facts (`digital_level.level`, `smart_factory.level`
//! …), so a subsidy track can pay by level. Sheets run before ladders, so a
//! ladder's gate may read a sheet's level.

pub mod ladder;
pub mod sheet;

use crate::confidence::Confidence;
use crate::diag::Diagnostic;
use crate::facts::Facts;
use crate::lang::Text;
use serde::{Deserialize, Serialize};

/// One loaded level pack.
#[derive(Debug, Clone)]
pub enum LevelPack {
    /// A scored sheet (`kind: score_sheet`).
    Sheet(sheet::SheetPack),
    /// A ladder of recognitions (`kind: ladder`).
    Ladder(ladder::LadderPack),
}

/// The kinds of level pack, as written in a pack's `kind:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LevelKind {
    /// 评测表.
    ScoreSheet,
    /// 梯度.
    Ladder,
}

/// What every level pack says about itself, and what every result repeats
/// so a report can cite the document and edition it was measured against.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct PackHeader {
    /// Stable id, e.g. `miit-sme-digital-2024`.
    pub id: String,
    /// Pack version (this project's), e.g. `2024.1`.
    pub version: String,
    /// Which mechanism reads the pack.
    pub kind: LevelKind,
    /// Title of the framework.
    pub title: Text,
    /// 文号 and date of the document, e.g. "工信厅企业〔2024〕56号, 2024-09-04".
    pub document: Text,
    /// Edition, e.g. "2024年版".
    pub edition: String,
    /// First data year the framework applies to.
    pub from_year: i32,
    /// Last data year, when superseded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until_year: Option<i32>,
    /// How sure the pack's source is, as a whole (items carry their own tags).
    pub confidence: Confidence,
}

impl PackHeader {
    /// The framework applies to figures of this year.
    pub fn applies_to(&self, data_year: i32) -> bool {
        data_year >= self.from_year && self.until_year.is_none_or(|u| data_year <= u)
    }
}

impl LevelPack {
    /// The pack's header.
    pub fn header(&self) -> &PackHeader {
        match self {
            LevelPack::Sheet(p) => &p.header,
            LevelPack::Ladder(p) => &p.header,
        }
    }
}

/// Every level result of one factory.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LevelResults {
    /// Scored sheets (the SME digital level), in pack order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<sheet::SheetResult>,
    /// Ladders (the smart-factory levels), in pack order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ladders: Vec<ladder::LadderResult>,
}

impl LevelResults {
    /// No level pack applied to this factory.
    pub fn is_empty(&self) -> bool {
        self.sheets.is_empty() && self.ladders.is_empty()
    }
}

/// Load a level pack; `file` names it in diagnostics.
pub fn load_pack(text: &str, file: &str) -> Result<LevelPack, Vec<Diagnostic>> {
    #[derive(Deserialize)]
    struct KindOnly {
        kind: LevelKind,
    }
    let kind: KindOnly = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    match kind.kind {
        LevelKind::ScoreSheet => sheet::load(text, file).map(LevelPack::Sheet),
        LevelKind::Ladder => ladder::load(text, file).map(LevelPack::Ladder),
    }
}

/// Evaluate every level pack that applies to the data year, sheets first,
/// publishing each result as facts before the next pack runs.
pub fn evaluate(packs: &[LevelPack], facts: &mut Facts, data_year: i32) -> LevelResults {
    let mut out = LevelResults::default();
    let applies = |p: &&LevelPack| p.header().applies_to(data_year);
    for p in packs.iter().filter(applies) {
        if let LevelPack::Sheet(s) = p {
            let r = sheet::evaluate(s, facts);
            sheet::publish(&r, facts);
            out.sheets.push(r);
        }
    }
    for p in packs.iter().filter(applies) {
        if let LevelPack::Ladder(l) = p {
            let r = ladder::evaluate(l, facts);
            ladder::publish(&r, facts);
            out.ladders.push(r);
        }
    }
    out
}

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

/// Where a factory stands on one level pack, in numbers only (no texts):
/// what a screening keeps of a [`sheet::SheetResult`] or a
/// [`ladder::LadderResult`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackLevel {
    /// The level pack's id (`miit-sme-digital-2024` …).
    pub pack: String,
    /// Points of a score sheet; `None` for a ladder.
    pub score: Option<rust_decimal::Decimal>,
    /// The level reached: 0 below the first, `None` when data is missing.
    pub level: Option<u8>,
}

/// Every level of one factory in numbers only ([`evaluate_brief`]), in the
/// order of [`LevelResults`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LevelBrief {
    /// Scored sheets, in pack order.
    pub sheets: Vec<PackLevel>,
    /// Ladders, in pack order.
    pub ladders: Vec<PackLevel>,
}

impl LevelResults {
    /// The numbers of these results (what [`evaluate_brief`] gives).
    pub fn brief(&self) -> LevelBrief {
        LevelBrief {
            sheets: self
                .sheets
                .iter()
                .map(|s| PackLevel {
                    pack: s.pack.id.clone(),
                    score: Some(s.score),
                    level: s.level,
                })
                .collect(),
            ladders: self
                .ladders
                .iter()
                .map(|l| PackLevel {
                    pack: l.pack.id.clone(),
                    score: None,
                    level: l.level,
                })
                .collect(),
        }
    }
}

/// Load a level pack; `file` names it in diagnostics.
///
/// The pack's `kind:` says which loader reads it. Reading the kind alone is
/// a parse of the whole text, so a pack whose top level has the line
/// `kind: score_sheet` or `kind: ladder` is first read by that loader: when
/// it loads and is of that kind, the answer is the one the kind-first path
/// gives (that path would read the same kind and call the same loader).
/// Anything else (no such line, another kind, any error) takes the
/// kind-first path, so every message is the one it always was.
pub fn load_pack(text: &str, file: &str) -> Result<LevelPack, Vec<Diagnostic>> {
    let said = text
        .lines()
        .find_map(|l| l.strip_prefix("kind:"))
        .map(|k| k.split('#').next().unwrap_or("").trim());
    match said {
        Some("score_sheet") => {
            if let Ok(p) = sheet::load(text, file) {
                if p.header.kind == LevelKind::ScoreSheet {
                    return Ok(LevelPack::Sheet(p));
                }
            }
        }
        Some("ladder") => {
            if let Ok(p) = ladder::load(text, file) {
                if p.header.kind == LevelKind::Ladder {
                    return Ok(LevelPack::Ladder(p));
                }
            }
        }
        _ => {}
    }
    load_kind_first(text, file)
}

/// Read the pack's kind, then load it with that kind's loader.
fn load_kind_first(text: &str, file: &str) -> Result<LevelPack, Vec<Diagnostic>> {
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

/// [`evaluate`] without the words: the same packs, levels, scores and
/// published facts, for a screening, which shows no text of a level.
pub fn evaluate_brief(packs: &[LevelPack], facts: &mut Facts, data_year: i32) -> LevelBrief {
    let mut out = LevelBrief::default();
    let applies = |p: &&LevelPack| p.header().applies_to(data_year);
    for p in packs.iter().filter(applies) {
        if let LevelPack::Sheet(s) = p {
            let r = sheet::brief(s, facts);
            sheet::publish_brief(&r, facts);
            out.sheets.push(PackLevel {
                pack: s.header.id.clone(),
                score: Some(r.score),
                level: r.level,
            });
        }
    }
    for p in packs.iter().filter(applies) {
        if let LevelPack::Ladder(l) = p {
            let level = ladder::level(l, facts);
            ladder::publish_level(&l.publishes, level, facts);
            out.ladders.push(PackLevel {
                pack: l.header.id.clone(),
                score: None,
                level,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Engine;

    /// The shipped packs and packs whose `kind:` line is wrong, missing or
    /// unknown load as the kind-first path loads them (the same pack, or
    /// the same diagnostics).
    #[test]
    fn the_kind_line_shortcut_gives_the_kind_first_answer() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = Vec::new();
        for name in ["miit-sme-digital-2024.yaml", "smart-factory-2025.yaml"] {
            let text = std::fs::read_to_string(root.join("levels").join(name)).expect("pack");
            for other in [
                "kind: ladder",
                "kind: score_sheet",
                "kind: levels",
                "",
                "kind: ladder # x",
            ] {
                let changed: Vec<String> = text
                    .lines()
                    .map(|l| {
                        if l.starts_with("kind:") {
                            other.to_string()
                        } else {
                            l.to_string()
                        }
                    })
                    .collect();
                texts.push(changed.join("\n"));
            }
            texts.push(text);
        }
        let mut loaded = 0;
        for t in &texts {
            let fast = load_pack(t, "p.yaml");
            loaded += usize::from(fast.is_ok());
            assert_eq!(
                format!("{fast:?}"),
                format!("{:?}", load_kind_first(t, "p.yaml"))
            );
        }
        // Sheet: as shipped, and its own kind written again; ladder: the same,
        // and with a comment after its kind.
        assert_eq!(loaded, 5);
    }

    /// The facts a level pack publishes.
    const PUBLISHED: [&str; 3] = [
        "digital_level.level",
        "digital_level.score",
        "smart_factory.level",
    ];

    /// Every example questionnaire, and every one with one of its lines
    /// taken out (answers missing, levels left open), that still loads.
    fn questionnaires() -> Vec<(String, crate::questionnaire::Questionnaire)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/examples");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .expect("examples")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        let mut out = Vec::new();
        for path in files {
            let text = std::fs::read_to_string(&path).expect("example");
            let lines: Vec<&str> = text.split('\n').collect();
            for cut in 0..=lines.len() {
                if lines
                    .get(cut)
                    .is_some_and(|l| l.trim_start().starts_with('#'))
                {
                    continue;
                }
                let mut v = lines.clone();
                if cut < v.len() {
                    v.remove(cut);
                }
                let name = format!("{} without line {}", path.display(), cut + 1);
                if let Ok(l) = crate::input::from_bytes(v.join("\n").as_bytes(), &name) {
                    out.push((name, l.questionnaire));
                }
            }
        }
        out
    }

    /// A screening's levels (numbers only) are the full evaluation's: the
    /// same score, level and published facts for every pack, on the
    /// examples as data years 2024 and 2025 and with each line taken out.
    #[test]
    fn the_brief_gives_the_full_evaluations_numbers_and_facts() {
        let engine = Engine::shipped();
        let (mut open, mut decided, mut ladders) = (0, 0, 0);
        let qs = questionnaires();
        assert!(qs.len() > 300, "only {} questionnaires", qs.len());
        for (name, mut q) in qs {
            for year in [2024, 2025] {
                q.enterprise.data_year = year;
                let ind = crate::indicators::compute(&q);
                let m = crate::maturity::estimate(&engine.criteria.maturity, &q, &ind);
                let crit = crate::criteria::evaluate_with(&engine.criteria, &q, &ind, &m, false);
                let mut full_facts = crate::facts::build(&q, &ind, &crit, &m);
                let mut brief_facts = full_facts.clone();
                let full = evaluate(&engine.levels, &mut full_facts, year);
                let brief = evaluate_brief(&engine.levels, &mut brief_facts, year);
                assert_eq!(full.brief(), brief, "{name}, {year}");
                for fact in PUBLISHED {
                    assert_eq!(
                        full_facts.get(fact),
                        brief_facts.get(fact),
                        "{name}: {fact}"
                    );
                }
                for s in &full.sheets {
                    match s.level {
                        Some(_) => decided += 1,
                        None => open += 1,
                    }
                }
                ladders += full.ladders.iter().filter(|l| l.level.is_some()).count();
            }
        }
        // Both kinds of sheet result, and ladders decided, are among them.
        assert!(
            open > 10 && decided > 10 && ladders > 10,
            "{open} {decided} {ladders}"
        );
    }
}

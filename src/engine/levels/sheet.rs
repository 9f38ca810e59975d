//! 评测表 / A scored sheet: dimensions → items → points, scenes rated
//! 一级–四级, and the rule that turns score and scenes into a level (the 2024
//! SME digital-level assessment, 工信厅企业〔2024〕56号).
//!
//! The pack is data ([`format`]): dimensions → sub-dimensions → items, each
//! item scored by rules of a few kinds (`bands`, `each`, `choice`, `trend`)
//! that read facts, the only interface to the questionnaire. Unknown answers
//! score 0 and are listed as missing; the level is decided twice, with every
//! unknown at its worst and at its best, and is known when both agree.

pub mod format;

mod check;
mod rule;
mod score;
#[cfg(test)]
mod tests;

use super::PackHeader;
use crate::confidence::Confidence;
use crate::diag::Diagnostic;
use crate::facts::{Fact, Facts};
use crate::lang::{Lang, Text};
use rule::Standing;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

/// A loaded score-sheet pack.
#[derive(Debug, Clone)]
pub struct SheetPack {
    /// Header (id, document, edition, years).
    pub header: PackHeader,
    /// Points of the whole sheet (100).
    pub max: Decimal,
    /// Dimensions, with their sub-dimensions and items.
    pub dimensions: Vec<format::Dimension>,
    /// Scene groups.
    pub scene_groups: Vec<format::SceneGroup>,
    /// Scenes.
    pub scenes: Vec<format::Scene>,
    /// The level rule.
    pub level_rule: format::LevelRule,
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
    /// When the level is `None`: the lowest and highest level the missing
    /// data could still give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_range: Option<(u8, u8)>,
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
    /// A warning that goes with the item or the chosen answer (⚠: the sources disagree).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caution: Option<Text>,
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

/// Load a score-sheet pack: read it, then check it (every problem in one pass).
pub fn load(text: &str, file: &str) -> Result<SheetPack, Vec<Diagnostic>> {
    let mut f: format::SheetFile = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    let mut c = check::Checker::new(text, file);
    c.sheet(&mut f);
    if !c.errs.is_empty() {
        return Err(c.errs);
    }
    Ok(SheetPack {
        header: PackHeader {
            id: f.id,
            version: f.version,
            kind: f.kind,
            title: f.title,
            document: f.document,
            edition: f.edition,
            from_year: f.from_year,
            until_year: f.until_year,
            confidence: f.confidence,
        },
        max: f.max,
        dimensions: f.dimensions,
        scene_groups: f.scene_groups,
        scenes: f.scenes,
        level_rule: f.level_rule,
    })
}

/// The highest level a scene can be rated (四级).
const TOP_SCENE_LEVEL: u8 = 4;

/// Points of every item, by dimension, with the fields still to fill in
/// (with `detail`); also what the unknown items could still give, the total score and
/// whether every item was answered. The items (with their words) are kept
/// only with `detail`; the numbers are the same either way.
struct Points {
    dims: Vec<DimensionScore>,
    score: Decimal,
    open: Decimal,
    complete: bool,
}

fn dimensions(pack: &SheetPack, f: &Facts, missing: &mut Vec<String>, detail: bool) -> Points {
    let mut open = Decimal::ZERO;
    let mut complete = true;
    let mut score = Decimal::ZERO;
    let mut dims = Vec::with_capacity(if detail { pack.dimensions.len() } else { 0 });
    for d in &pack.dimensions {
        let mut points = Decimal::ZERO;
        let mut items = Vec::new();
        for g in &d.groups {
            for i in &g.items {
                let (scored, fields) = item_score(pack, g, i, f, detail);
                if !fields.is_empty() {
                    open += i.max;
                    if detail {
                        missing.extend(fields);
                    }
                }
                complete &= scored.answer.is_some();
                points += scored.points;
                if detail {
                    items.push(scored);
                }
            }
        }
        let points = points.normalize();
        score += points;
        if detail {
            dims.push(DimensionScore {
                id: d.id.clone(),
                name: d.name.clone(),
                points,
                max: d.max,
                items,
            });
        }
    }
    Points {
        dims,
        score: score.normalize(),
        open,
        complete,
    }
}

/// One item's score, and the fields to fill in when it is unknown (0 points).
/// Without `detail` only its points and whether it was answered are filled in.
fn item_score(
    pack: &SheetPack,
    g: &format::Group,
    i: &format::Item,
    f: &Facts,
    detail: bool,
) -> (ItemScore, Vec<String>) {
    let (points, answer, caution, fields) = match score::item(i, f, detail) {
        Ok(s) => (s.points, Some(s.answer), s.caution, Vec::new()),
        Err(fields) => (Decimal::ZERO, None, None, fields),
    };
    let words = |t: &Text| if detail { t.clone() } else { Text::default() };
    let scored = ItemScore {
        id: if detail { i.id.clone() } else { String::new() },
        name: words(&i.name),
        group: words(&g.name),
        points: points.normalize(),
        max: i.max,
        answer,
        confidence: i.confidence.unwrap_or(pack.header.confidence),
        caution: caution.or_else(|| i.caution.as_ref().filter(|_| detail).cloned()),
    };
    (scored, fields)
}

/// Each scene's level, 0–4 (validation keeps the questionnaire's within
/// 0–4; a fact set otherwise, as a test case may, is clamped): (level,
/// 约束性) for the level rule; with `detail` the scenes with their names
/// and the fields of those not filled in.
fn scenes(
    pack: &SheetPack,
    f: &Facts,
    missing: &mut Vec<String>,
    detail: bool,
) -> (Vec<(Option<u8>, bool)>, Vec<SceneRating>) {
    let mut levels = Vec::with_capacity(pack.scenes.len());
    let mut rated = Vec::with_capacity(if detail { pack.scenes.len() } else { 0 });
    for s in &pack.scenes {
        let level = f
            .get(&s.fact)
            .and_then(Fact::num)
            .map(|n| n.clamp(Decimal::ZERO, Decimal::from(TOP_SCENE_LEVEL)))
            .and_then(|n| n.trunc().to_u8());
        if level.is_none() && detail {
            missing.push(crate::facts::to_fill(&s.fact).to_string());
        }
        levels.push((level, s.constraint));
        if detail {
            let group = pack.scene_groups.iter().find(|g| g.id == s.group);
            rated.push(SceneRating {
                id: s.id.clone(),
                name: s.name.clone(),
                group: group.map(|g| g.name.clone()).unwrap_or_default(),
                constraint: s.constraint,
                level,
            });
        }
    }
    (levels, rated)
}

/// The numbers of one sheet for one factory, and its words with `detail`:
/// the one path both [`evaluate`] and [`brief`] take.
struct Scoring {
    points: Points,
    scenes: Vec<SceneRating>,
    missing: Vec<String>,
    /// The level when the missing data cannot change it; else `low`…`high`.
    level: Option<u8>,
    low: u8,
    high: u8,
    worst: Standing,
}

fn scoring(pack: &SheetPack, facts: &Facts, detail: bool) -> Scoring {
    let mut missing = Vec::new();
    let points = dimensions(pack, facts, &mut missing, detail);
    let (scene_levels, scenes) = scenes(pack, facts, &mut missing, detail);
    // Each field once, in the order the sheet asks for it (two rates share a denominator).
    if detail {
        let mut seen = std::collections::BTreeSet::new();
        missing.retain(|m| seen.insert(m.clone()));
    }
    // Every unknown at its worst (0 points, scene level 0) and at its best.
    let at = |extra: Decimal, scene: u8| Standing {
        score: points.score + extra,
        scenes: scene_levels
            .iter()
            .map(|(l, c)| (l.unwrap_or(scene), *c))
            .collect(),
    };
    let (worst, best) = (at(Decimal::ZERO, 0), at(points.open, TOP_SCENE_LEVEL));
    let r = &pack.level_rule;
    let (low, high) = (rule::reached(r, &worst), rule::reached(r, &best));
    Scoring {
        level: (low == high).then_some(low),
        points,
        scenes,
        missing,
        low,
        high,
        worst,
    }
}

/// Score one factory.
pub fn evaluate(pack: &SheetPack, facts: &Facts) -> SheetResult {
    let Scoring {
        points,
        scenes,
        missing,
        level,
        low,
        high,
        worst,
    } = scoring(pack, facts, true);
    let r = &pack.level_rule;
    let (level_name, decided_by) = match level {
        Some(l) => (rule::name(r, l), rule::decided_by(r, l, &worst)),
        None => undecided(r, low, high, &missing),
    };
    let next =
        rule::gaps(r, low, &worst).map(|(level, name, gaps)| NextLevel { level, name, gaps });
    SheetResult {
        pack: pack.header.clone(),
        score: points.score,
        max: pack.max,
        dimensions: points.dims,
        scenes,
        level,
        level_name,
        decided_by,
        rule_confidence: r.confidence,
        next,
        missing_data: missing,
        level_range: (low != high).then_some((low, high)),
    }
}

/// What a screening keeps of one sheet: the score, the level and whether
/// every item was answered, decided by the same path as [`evaluate`]
/// without its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetBrief {
    /// Total points.
    pub score: Decimal,
    /// The level reached (as [`SheetResult::level`]).
    pub level: Option<u8>,
    /// Every item was answered (the score is then published as a fact).
    pub complete: bool,
}

/// Score one factory, numbers only (see [`SheetBrief`]).
pub fn brief(pack: &SheetPack, facts: &Facts) -> SheetBrief {
    let s = scoring(pack, facts, false);
    SheetBrief {
        score: s.points.score,
        level: s.level,
        complete: s.points.complete,
    }
}

/// The name and reason of a level the missing data leaves open.
fn undecided(r: &format::LevelRule, low: u8, high: u8, missing: &[String]) -> (Text, Text) {
    let (lo, hi) = (rule::name(r, low), rule::name(r, high));
    // Field names for people; `missing_data` keeps the paths.
    let (zh, en) = (
        crate::fieldnames::list(missing, Lang::Zh),
        crate::fieldnames::list(missing, Lang::En),
    );
    (
        Text::new(
            format!("待定 ({}至{})", lo.zh, hi.zh),
            format!("undetermined ({} to {})", lo.en, hi.en),
        ),
        Text::new(
            format!("数据不全, 等级在{}与{}之间; 请填写: {zh}", lo.zh, hi.zh),
            format!(
                "data missing: the level lies between {} and {}; fill in: {en}",
                lo.en, hi.en
            ),
        ),
    )
}

/// Publish the result as facts: `digital_level.level` when decided, and
/// `digital_level.score` when every item was answered (else the score is
/// only a lower bound, and stays unknown).
pub fn publish(r: &SheetResult, facts: &mut Facts) {
    let complete = r
        .dimensions
        .iter()
        .flat_map(|d| &d.items)
        .all(|i| i.answer.is_some());
    publish_brief(
        &SheetBrief {
            score: r.score,
            level: r.level,
            complete,
        },
        facts,
    );
}

/// [`publish`] from the numbers a screening keeps.
pub fn publish_brief(r: &SheetBrief, facts: &mut Facts) {
    let level = r.level.map(|l| Fact::Num(l.into()));
    let score = r.complete.then_some(Fact::Num(r.score));
    // Both are registered (facts/derived.rs); a failure would be a build bug caught by tests.
    let _ = facts.set_named("digital_level.level", level);
    let _ = facts.set_named("digital_level.score", score);
}

//! 评测表包的格式 / The score-sheet pack format, as data: dimensions (维度) →
//! sub-dimensions (子维度) → items (评测项), each item scored by one or more
//! rules tried in order; the scenes (场景) and the level rule (等级判定).

use crate::confidence::Confidence;
use crate::lang::Text;
use rust_decimal::Decimal;
use serde::Deserialize;

/// A pack file as written (the header's fields at the top, as in every level pack).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SheetFile {
    pub id: String,
    pub version: String,
    pub kind: super::super::LevelKind,
    pub title: Text,
    pub document: Text,
    pub edition: String,
    pub from_year: i32,
    #[serde(default)]
    pub until_year: Option<i32>,
    pub confidence: Confidence,
    /// Points of the whole sheet (100).
    pub max: Decimal,
    pub dimensions: Vec<Dimension>,
    #[serde(default)]
    pub scene_groups: Vec<SceneGroup>,
    #[serde(default)]
    pub scenes: Vec<Scene>,
    pub level_rule: LevelRule,
}

/// 维度 / A dimension (数字化基础 50 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dimension {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Points; its groups must add up to it.
    pub max: Decimal,
    /// Sub-dimensions.
    pub groups: Vec<Group>,
}

/// 子维度 / A sub-dimension (设备系统 20 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Points; its items must add up to it.
    pub max: Decimal,
    /// Items.
    pub items: Vec<Item>,
}

/// 评测项 / A scored item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Points available.
    pub max: Decimal,
    /// How sure the item's options or bands are; the pack's when left out.
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// A warning shown with the item (⚠: the sources disagree).
    #[serde(default)]
    pub caution: Option<Text>,
    /// Ways to score it, tried in order: the first whose facts are known scores.
    pub score: Vec<Rule>,
}

/// How an item turns facts into points.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "RuleFile")]
pub enum Rule {
    /// A number in ranges ("(10,20]") → points.
    Bands(Bands),
    /// A multi-select: points per option chosen, capped at the item's max.
    Each(Options),
    /// A single choice: the option's points.
    Choice(Options),
    /// A direction of change (increased / flat / decreased) → points.
    Trend(Trend),
}

/// A rule as written: one key naming its kind (the YAML reader takes
/// enums as tags, which packs do not use, so the key is read as a field).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    #[serde(default)]
    bands: Option<Bands>,
    #[serde(default)]
    each: Option<Options>,
    #[serde(default)]
    choice: Option<Options>,
    #[serde(default)]
    trend: Option<Trend>,
}

impl TryFrom<RuleFile> for Rule {
    type Error = &'static str;
    fn try_from(r: RuleFile) -> Result<Rule, &'static str> {
        match (r.bands, r.each, r.choice, r.trend) {
            (Some(b), None, None, None) => Ok(Rule::Bands(b)),
            (None, Some(o), None, None) => Ok(Rule::Each(o)),
            (None, None, Some(o), None) => Ok(Rule::Choice(o)),
            (None, None, None, Some(t)) => Ok(Rule::Trend(t)),
            _ => Err("a scoring rule takes exactly one of `bands`, `each`, `choice`, `trend`"),
        }
    }
}

/// `bands`: a quantity and its ranges.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bands {
    /// The number banded.
    pub of: Quantity,
    /// Ranges in ascending order, without gaps or overlaps.
    pub bands: Vec<Band>,
}

/// The number a `bands` rule reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(try_from = "QuantityFile")]
pub enum Quantity {
    /// A number fact as it is (a percentage field is already 0–100).
    Fact(String),
    /// `part / whole × 100`, in percent (生产设备数字化率 …).
    Percent(Percent),
    /// How many different ids a list fact holds, `except` the ones named.
    Count(Count),
}

/// `percent`: two number facts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Percent {
    /// Numerator fact.
    pub part: String,
    /// Denominator fact.
    pub whole: String,
}

/// `count`: a list fact and the ids not counted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// A tally fact.
    pub fact: String,
    /// Ids not counted.
    #[serde(default)]
    pub except: Vec<String>,
}

/// A quantity as written: one key naming its kind.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct QuantityFile {
    #[serde(default)]
    fact: Option<String>,
    #[serde(default)]
    percent: Option<Percent>,
    #[serde(default)]
    count: Option<Count>,
}

impl TryFrom<QuantityFile> for Quantity {
    type Error = &'static str;
    fn try_from(q: QuantityFile) -> Result<Quantity, &'static str> {
        match (q.fact, q.percent, q.count) {
            (Some(f), None, None) => Ok(Quantity::Fact(f)),
            (None, Some(p), None) => Ok(Quantity::Percent(p)),
            (None, None, Some(c)) => Ok(Quantity::Count(c)),
            _ => Err("`of` takes exactly one of `fact`, `percent`, `count`"),
        }
    }
}

/// One range and its points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// As in the notes: `[0,10]`, `(10,20]`, `(1,inf)`.
    pub range: String,
    /// Points for a value in it.
    pub points: Decimal,
    /// The parsed range, set when the pack is checked.
    #[serde(skip)]
    pub parsed: Option<Range>,
}

/// A parsed range; `hi: None` is unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Lower end.
    pub lo: Decimal,
    /// The lower end belongs to the range.
    pub lo_closed: bool,
    /// Upper end, `None` for `inf`.
    pub hi: Option<Decimal>,
    /// The upper end belongs to the range.
    pub hi_closed: bool,
}

impl Range {
    /// Parse `[a,b]`, `(a,b]`, `[a,b)`, `(a,b)`; `b` may be `inf`.
    pub fn parse(s: &str) -> Option<Range> {
        let s = s.trim();
        let lo_closed = match s.chars().next()? {
            '[' => true,
            '(' => false,
            _ => return None,
        };
        let hi_closed = match s.chars().last()? {
            ']' => true,
            ')' => false,
            _ => return None,
        };
        let inner = s.get(1..s.len() - 1)?;
        let (a, b) = inner.split_once(',')?;
        let lo: Decimal = a.trim().parse().ok()?;
        let hi = match b.trim() {
            "inf" | "+inf" => None,
            x => Some(x.parse::<Decimal>().ok()?),
        };
        // An unbounded end cannot be closed; an empty range is no range.
        let ok = match hi {
            None => !hi_closed,
            Some(h) => lo < h || (lo == h && lo_closed && hi_closed),
        };
        ok.then_some(Range {
            lo,
            lo_closed,
            hi,
            hi_closed,
        })
    }

    /// Whether `x` lies in the range.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = if self.lo_closed {
            x >= self.lo
        } else {
            x > self.lo
        };
        let below = match self.hi {
            None => true,
            Some(h) if self.hi_closed => x <= h,
            Some(h) => x < h,
        };
        above && below
    }

    /// `next` starts exactly where this one ends: no gap, no overlap.
    pub fn meets(&self, next: &Range) -> bool {
        self.hi == Some(next.lo) && self.hi_closed != next.lo_closed
    }
}

/// `each` / `choice`: an id or list fact and the points of each option.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The fact (a tally for `each`, an id for `choice`).
    pub fact: String,
    /// `each`: the id that answers "none of these" (0 points, but answered).
    #[serde(default)]
    pub none: Option<String>,
    /// The options.
    pub options: Vec<Choice>,
}

/// One answer option.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The fact's id for it.
    pub id: String,
    /// Its wording.
    pub name: Text,
    /// Points.
    pub points: Decimal,
    /// A warning shown when it is chosen (⚠: the sources word it differently).
    #[serde(default)]
    pub caution: Option<Text>,
}

/// `trend`: an id fact (`increased` / `flat` / `decreased`) or a number fact
/// holding a change in percent, whose sign gives the direction.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    /// The fact.
    pub fact: String,
    /// The number measures the opposite (a fall in the defect rate is a rise in the pass rate).
    #[serde(default)]
    pub inverse: bool,
    /// Points by direction.
    pub points: TrendPoints,
}

/// Points by direction of change.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrendPoints {
    /// 增加.
    pub increased: Decimal,
    /// 持平.
    pub flat: Decimal,
    /// 降低.
    pub decreased: Decimal,
}

/// 场景分组 / A group of scenes (产品生命周期数字化 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneGroup {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
}

/// 场景 / A scene rated 0–4.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scene {
    /// Stable id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Its group's id.
    pub group: String,
    /// 约束性场景.
    #[serde(default)]
    pub constraint: bool,
    /// The number fact holding its level.
    pub fact: String,
}

/// 等级判定 / The rule that turns score and scenes into a level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelRule {
    /// How sure the rule is.
    pub confidence: Confidence,
    /// The name of "below the first level".
    pub below: Text,
    /// Levels, lowest first.
    pub levels: Vec<Level>,
}

/// One level and its gates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// 1, 2, …
    pub level: u8,
    /// Name (一级 …).
    pub name: Text,
    /// Least score.
    pub min_score: Decimal,
    /// Least scenes at a level, when the rule counts scenes.
    #[serde(default)]
    pub scenes: Option<SceneGate>,
}

/// "At least `count` scenes at `min_level` or above, `constraint` of them 约束性".
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SceneGate {
    /// Scene level counted (1–4).
    pub min_level: u8,
    /// Scenes needed.
    pub count: u32,
    /// Of which constraint scenes.
    #[serde(default)]
    pub constraint: u32,
}

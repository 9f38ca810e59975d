//! Evaluation of a policy pack against one enterprise's facts (政策测算).
//!
//! Per track: a status (eligible / candidate / near / not eligible / missing
//! data / not in force), every condition with its actual and required value,
//! an amount range split by funder that adds up exactly, and then the
//! district cap across tracks.

use super::cap::CapSet;
use super::pack::{
    Amount, AmountBound, Condition, Funder, Part, PolicyPack, Prerequisite, Track, TrackKind,
};
use crate::facts::{Fact, Facts};
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Amount ranges by funder.
pub type ByFunder = BTreeMap<Funder, Range>;

/// Explanation lines, built only when they will be shown: a batch screening
/// needs statuses and amounts, not prose, and formatting is most of the
/// cost of an evaluation.
struct Steps<T> {
    on: bool,
    v: Vec<T>,
}

impl<T> Steps<T> {
    fn new(on: bool) -> Steps<T> {
        Steps { on, v: Vec::new() }
    }
    fn add(&mut self, f: impl FnOnce() -> T) {
        if self.on {
            self.v.push(f());
        }
    }
}

/// Status of a track for one enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    /// The facts show it applies now.
    Eligible,
    /// Meets our criteria but needs a recognition or an application first.
    Candidate,
    /// A numeric condition is missed by a small, quantified gap.
    Near,
    /// Does not apply.
    NotEligible,
    /// Facts needed to decide are missing.
    MissingData,
    /// The data year is outside the pack's validity.
    NotInForce,
}

impl TrackStatus {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            TrackStatus::Eligible => "eligible",
            TrackStatus::Candidate => "candidate",
            TrackStatus::Near => "near",
            TrackStatus::NotEligible => "not_eligible",
            TrackStatus::MissingData => "missing_data",
            TrackStatus::NotInForce => "not_in_force",
        }
    }

    /// Label.
    pub fn label(self) -> Text {
        match self {
            TrackStatus::Eligible => Text::new("符合", "eligible"),
            TrackStatus::Candidate => Text::new("候选 (须先认定/申报)", "candidate (apply first)"),
            TrackStatus::Near => Text::new("接近", "near"),
            TrackStatus::NotEligible => Text::new("不符合", "not eligible"),
            TrackStatus::MissingData => Text::new("缺数据", "missing data"),
            TrackStatus::NotInForce => Text::new("政策不在有效期", "not in force"),
        }
    }

    /// Parse an id.
    pub fn from_id(s: &str) -> Option<TrackStatus> {
        [
            TrackStatus::Eligible,
            TrackStatus::Candidate,
            TrackStatus::Near,
            TrackStatus::NotEligible,
            TrackStatus::MissingData,
            TrackStatus::NotInForce,
        ]
        .into_iter()
        .find(|t| t.id() == s)
    }
}

/// Truth of one condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Truth {
    /// Holds.
    Yes,
    /// Does not hold.
    No,
    /// A fact is unknown.
    Unknown,
}

/// One condition, explained.
#[derive(Debug, Clone, Serialize)]
pub struct ConditionResult {
    /// Fact name.
    pub fact: String,
    /// Label, when the pack gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// Outcome.
    pub truth: Truth,
    /// Actual value, as shown.
    pub actual: Option<String>,
    /// Required value, as shown.
    pub required: String,
    /// Missed by a small margin (numeric conditions only).
    pub near: bool,
    /// Gap, when near or failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gap: Option<Text>,
    /// The actual value in words, per language (是/否, "1 项中 0 项满足"); `None` when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual_text: Option<Text>,
    /// The requirement in words, per language.
    pub required_text: Text,
}

/// One track's result.
#[derive(Debug, Clone, Serialize)]
pub struct TrackResult {
    /// Track id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Clause.
    pub clause: String,
    /// Kind.
    pub kind: TrackKind,
    /// Prerequisite.
    pub prerequisite: Prerequisite,
    /// Prerequisite in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prerequisite_note: Option<Text>,
    /// Status.
    pub status: TrackStatus,
    /// Eligibility conditions, explained.
    pub conditions: Vec<ConditionResult>,
    /// Candidate conditions, explained (when the track has them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidate_conditions: Vec<ConditionResult>,
    /// Fields to fill in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Amount before the district cap (eligible and candidate tracks with money).
    pub amount: Option<Range>,
    /// Amount by funder, after the district cap.
    pub by_funder: BTreeMap<Funder, Range>,
    /// District share before the cap, when the cap cut it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district_before_cap: Option<Range>,
    /// An eligible track's district share in the potential totals, when
    /// candidates trigger or tighten the cap there (`by_funder` is what is
    /// due on the eligible awards alone).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub district_potential: Option<Range>,
    /// How the amount was computed, step by step.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explanation: Vec<Text>,
    /// Non-monetary support, tax benefits, equity: what it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub support: Option<Text>,
    /// Our reading of ambiguous text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interpretation: Option<Text>,
    /// Recorded readings that affect this track, with the option in effect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<ReadingNote>,
    /// A tax benefit's estimate (extra deduction, tax saved), for an
    /// eligible tax-benefit track; never part of the money totals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tax: Option<super::tax::TaxResult>,
}

impl TrackResult {
    /// Whether its money counts in the totals.
    pub fn counts(&self) -> bool {
        counted(self.status, &self.amount)
    }
}

/// Money counts in the totals (and under the district cap) when the track
/// is eligible or a candidate and has an amount.
fn counted(status: TrackStatus, amount: &Option<Range>) -> bool {
    matches!(status, TrackStatus::Eligible | TrackStatus::Candidate) && amount.is_some()
}

/// The district cap applied to one enterprise.
#[derive(Debug, Clone, Serialize)]
pub struct DistrictCapResult {
    /// Clause.
    pub clause: String,
    /// The cap, CNY; `None` when the figure is missing (amounts are then shown uncapped).
    #[serde(serialize_with = "crate::money::ser_cny_option")]
    pub cap: Option<Decimal>,
    /// Sum of district maxima before the cap (eligible + candidate).
    pub before: Range,
    /// After the cap.
    pub after: Range,
    /// Whether the cap binds.
    pub binding: bool,
    /// Tracks paying a district share under the cap.
    pub awards: u32,
    /// The cap applies: a cap figure, and enough district awards under the
    /// trigger reading (district-cap-trigger).
    pub triggered: bool,
    /// Tracks whose district share was cut.
    pub cut: Vec<String>,
    /// Fields to fill in, when the cap figure is missing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Explanation.
    pub note: Text,
    /// Why the cap was not applied although its figure is given (the trigger reading).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_note: Option<Text>,
    /// The cap run on the eligible tracks alone, for the eligible totals
    /// (the fields above are the run on eligible + candidates, for the
    /// potential totals): a candidate is not an award yet.
    pub eligible: DistrictCapRun,
}

/// One run of the district cap, in JSON (see [`DistrictCapResult::eligible`]).
#[derive(Debug, Clone, Serialize)]
pub struct DistrictCapRun {
    /// Sum of the district shares of the run's tracks before the cap.
    pub before: Range,
    /// After the cap.
    pub after: Range,
    /// Whether the cap binds.
    pub binding: bool,
    /// District awards counted.
    pub awards: u32,
    /// The cap applies.
    pub triggered: bool,
    /// Tracks whose district share was cut.
    pub cut: Vec<String>,
    /// Why the cap was not applied although its figure is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trigger_note: Option<Text>,
}

/// A reading of the text as it applies to this run: shown next to the
/// tracks it affects (and in JSON), so a reader sees which reading the
/// amounts rest on and what the alternative is.
#[derive(Debug, Clone, Serialize)]
pub struct ReadingNote {
    /// Reading id (for `--reading ID=OPTION`).
    pub id: String,
    /// 简称 / Short name (what a Chinese report calls the reading).
    pub name: Text,
    /// Clause.
    pub clause: String,
    /// What is ambiguous.
    pub question: Text,
    /// Option in effect.
    pub chosen: String,
    /// The option in effect, in words.
    pub chosen_text: Text,
    /// Whether it is the pack's default.
    pub is_default: bool,
    /// The other options: (id, in words).
    pub alternatives: Vec<(String, Text)>,
    /// Why the default is taken.
    pub why: Text,
    /// For a pack-wide reading: the part of the result it affects.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affects: Option<super::pack::PackPart>,
}

impl ReadingNote {
    fn of(r: &super::pack::Reading) -> ReadingNote {
        let chosen = r.chosen.clone().unwrap_or_else(|| r.taken.clone());
        let text_of = |id: &str| {
            r.options
                .iter()
                .find(|o| o.id == id)
                .map(|o| o.text.clone())
                .unwrap_or_else(|| Text::new(id.to_string(), id.to_string()))
        };
        ReadingNote {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.question.clone()),
            clause: r.clause.clone(),
            question: r.question.clone(),
            chosen_text: text_of(&chosen),
            is_default: chosen == r.taken,
            alternatives: r
                .options
                .iter()
                .filter(|o| o.id != chosen)
                .map(|o| (o.id.clone(), o.text.clone()))
                .collect(),
            chosen,
            why: r.why.clone(),
            affects: r.affects,
        }
    }

    /// The note as prose and commands: "[R 简称 条款] chosen — 另一种理解：alt
    /// (`--reading id=alt`)". The reading is named by its id in English and by
    /// its short name in Chinese (a Chinese report shows no ids); the command
    /// that picks the alternative is a [`Span::Command`] in both, for the
    /// renderers to set as code.
    pub fn spans(&self, l: Lang) -> Vec<Span> {
        self.spans_with(l, " ", "（")
    }

    fn spans_with(&self, l: Lang, flag_sep: &str, zh_open: &str) -> Vec<Span> {
        let named = match l {
            Lang::Zh => format!("{} {}", self.name.zh, self.clause),
            Lang::En => format!("{} {}", self.id, self.clause),
        };
        let default = if self.is_default {
            ""
        } else {
            l.pick(" [非默认]", " [not the default]")
        };
        let mut out = vec![Span::Text(format!(
            "[R {named}]{default} {} — {}{}",
            self.chosen_text.get(l),
            l.pick("另一种理解", "alternative"),
            l.pick("：", ": "),
        ))];
        let (open, close, sep) = match l {
            Lang::Zh => (zh_open, "）", "；"),
            Lang::En => (" (", ")", "; "),
        };
        for (k, (id, t)) in self.alternatives.iter().enumerate() {
            let lead = if k == 0 { "" } else { sep };
            out.push(Span::Text(format!("{lead}{}{open}", t.get(l))));
            out.push(Span::Command(format!(
                "--reading{flag_sep}{}={id}",
                self.id
            )));
            out.push(Span::Text(close.to_string()));
        }
        out
    }

    /// [`ReadingNote::spans`] as one plain line for the terminal, where the
    /// command is written `--reading=ID=OPTION` (the same to the parser): one
    /// word, so wrapping a long line to the terminal never splits it; in
    /// Chinese a space before its bracket lets the wrap break there (it breaks
    /// at spaces only, and a CJK run is one word to it).
    pub fn line(&self, l: Lang) -> String {
        self.spans_with(l, "=", " （")
            .iter()
            .map(Span::text)
            .collect()
    }
}

/// A piece of a report line: prose, or a command the reader can type
/// (shown as code: backticks in Markdown, `<code>` in HTML, plain in the
/// terminal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Span {
    /// Prose.
    Text(String),
    /// A command line argument, such as `--reading district-cap-trigger=every-enterprise`.
    Command(String),
}

impl Span {
    /// The text of the span, prose or command.
    pub fn text(&self) -> &str {
        match self {
            Span::Text(s) | Span::Command(s) => s,
        }
    }
}

/// The reading the cap's trigger rests on (the one gating its
/// `min_district_awards` setting): its id and its zh short name.
fn trigger_reading(pack: &PolicyPack, dc: &super::pack::DistrictCap) -> (String, String) {
    let id = dc
        .settings
        .iter()
        .filter(|s| s.min_district_awards.is_some())
        .find_map(|s| s.under.as_ref())
        .map(|u| u.reading.clone())
        .unwrap_or_default();
    let name = pack
        .readings
        .iter()
        .find(|r| r.id == id)
        .map(|r| r.name.as_ref().unwrap_or(&r.question).zh.to_string())
        .unwrap_or_else(|| "封顶的触发条件".to_string());
    (id, name)
}

/// Totals by funder.
#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    /// Per funder.
    pub by_funder: BTreeMap<Funder, Range>,
    /// All funders together.
    pub total: Range,
}

/// The policy part of an assessment.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyResult {
    /// Pack id.
    pub pack_id: String,
    /// Pack version.
    pub pack_version: String,
    /// In force for the data year.
    pub in_force: bool,
    /// Why not, when not; or, when in force, the horizon warning for a data
    /// year after the pack's horizon (a reading [R], never a silent zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_note: Option<Text>,
    /// The data year is after the pack's horizon: amounts are computed, with a warning.
    pub beyond_horizon: bool,
    /// Every reading of the text and the option in effect.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<ReadingNote>,
    /// Per track.
    pub tracks: Vec<TrackResult>,
    /// The district cap.
    pub district_cap: Option<DistrictCapResult>,
    /// Totals over eligible tracks (after the district cap).
    pub eligible_totals: Totals,
    /// Totals over eligible and candidate tracks (after the district cap).
    pub potential_totals: Totals,
}

/// A number as a reader wants it: money in CNY (to the fen), shares as
/// percentages with two decimals (0.51003… → 51.00%), anything else as is.
fn show_num(fact: &str, v: Decimal) -> String {
    show_num_in(fact, v, Lang::En)
}

/// [`show_num`] in a given language (money as 万元 in Chinese).
fn show_num_in(fact: &str, v: Decimal, l: Lang) -> String {
    if is_money(fact) {
        money::fmt(money::to_fen(v), l)
    } else if crate::facts::is_share(fact) {
        let pct = (v * Decimal::ONE_HUNDRED).round_dp(2);
        format!("{pct:.2}%")
    } else if fact.ends_with("area_m2") {
        // Areas carry their unit, so "≥ 300" reads as the clause's 300平方米.
        let unit = match l {
            Lang::Zh => "平方米",
            Lang::En => " m²",
        };
        format!("{}{unit}", money::group(v.normalize()))
    } else {
        v.normalize().to_string()
    }
}

fn is_money(fact: &str) -> bool {
    crate::facts::spec(fact).is_some_and(|s| s.kind == crate::facts::Kind::Money)
}

/// How a fact is looked up for a condition: from the enterprise's facts, or
/// (inside `any_item` and `per_item`) from one item's fields.
type ValueOf<'a, 'f> = &'a dyn Fn(&Condition) -> Option<&'f Fact>;

/// The enterprise fact a condition reads: by the registry position resolved
/// at load, or by name for a pack built in code.
fn fact_of<'f>(facts: &'f Facts, c: &Condition) -> Option<&'f Fact> {
    match c.slot {
        Some(i) => facts.at(i),
        None => facts.get(&c.fact),
    }
}

/// Whether a condition holds, and whether a failed numeric one missed by a
/// small margin ("near"). The one place truth is decided: the explained
/// result ([`condition`]) and the batch verdict ([`Verdict`]) both ask here,
/// and nothing is allocated.
fn judge<'f>(c: &Condition, value_of: ValueOf<'_, 'f>, near_within: Decimal) -> (Truth, bool) {
    if let Some(alts) = &c.any_of {
        let mut unknown = false;
        for a in alts {
            match judge(a, value_of, near_within).0 {
                Truth::Yes => return (Truth::Yes, false),
                Truth::Unknown => unknown = true,
                Truth::No => {}
            }
        }
        return (if unknown { Truth::Unknown } else { Truth::No }, false);
    }
    let value = value_of(c);
    if let Some((t, op)) = threshold(c) {
        let Some(v) = value.and_then(Fact::num) else {
            return (Truth::Unknown, false);
        };
        let ok = match op {
            Op::AtLeast => v >= t,
            Op::MoreThan => v > t,
            Op::AtMost => v <= t,
            Op::LessThan => v < t,
        };
        if ok {
            return (Truth::Yes, false);
        }
        // A zero threshold has no "near": 20% of nothing is nothing.
        let near = !t.is_zero() && (t - v).abs() <= near_within * t.abs();
        return (Truth::No, near);
    }
    let yes_no = |b: bool| if b { Truth::Yes } else { Truth::No };
    if let Some(want) = c.is {
        return match value {
            Some(Fact::Bool(b)) => (yes_no(*b == want), false),
            _ => (Truth::Unknown, false),
        };
    }
    if let Some(list) = c.one_of.as_ref().or(c.none_of.as_ref()) {
        let negate = c.none_of.is_some();
        return match value {
            Some(Fact::Id(id)) => (yes_no(list.iter().any(|x| x == id) != negate), false),
            _ => (Truth::Unknown, false),
        };
    }
    if let Some(n) = c.count_at_least {
        return match value {
            Some(Fact::Tally(t)) => (yes_no(t.values().sum::<u32>() >= n), false),
            _ => (Truth::Unknown, false),
        };
    }
    if let Some(conds) = &c.any_item {
        return match value {
            Some(Fact::Items(list)) => {
                let (hits, unknown) = item_hits(list, conds, near_within);
                let t = if hits > 0 {
                    Truth::Yes
                } else if unknown {
                    Truth::Unknown
                } else {
                    Truth::No
                };
                (t, false)
            }
            _ => (Truth::Unknown, false),
        };
    }
    (Truth::Unknown, false)
}

/// Comparison operators of numeric conditions.
#[derive(Clone, Copy)]
enum Op {
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
}

impl Op {
    fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => "≥",
            Op::MoreThan => ">",
            Op::AtMost => "≤",
            Op::LessThan => "<",
        }
    }
}

/// The numeric threshold of a condition, if it has one (the first of
/// `at_least`, `more_than`, `at_most`, `less_than`).
fn threshold(c: &Condition) -> Option<(Decimal, Op)> {
    [
        (c.at_least, Op::AtLeast),
        (c.more_than, Op::MoreThan),
        (c.at_most, Op::AtMost),
        (c.less_than, Op::LessThan),
    ]
    .into_iter()
    .find_map(|(t, op)| t.map(|t| (t, op)))
}

/// Items meeting every one of `conds`, and whether some item could not be
/// judged for want of a field.
fn item_hits(
    list: &[BTreeMap<String, Fact>],
    conds: &[Condition],
    near_within: Decimal,
) -> (usize, bool) {
    let mut unknown = false;
    let mut hits = 0;
    for item in list {
        match all_of(conds, &|x: &Condition| item.get(&x.fact), near_within) {
            Truth::Yes => hits += 1,
            Truth::Unknown => unknown = true,
            Truth::No => {}
        }
    }
    (hits, unknown)
}

/// Conjunction: `No` as soon as one condition fails, else `Unknown` if one
/// cannot be judged, else `Yes`.
fn all_of<'f>(conds: &[Condition], value_of: ValueOf<'_, 'f>, near_within: Decimal) -> Truth {
    let mut all = Truth::Yes;
    for c in conds {
        match judge(c, value_of, near_within).0 {
            Truth::No => return Truth::No,
            Truth::Unknown => all = Truth::Unknown,
            Truth::Yes => {}
        }
    }
    all
}

/// One condition, explained: the truth from [`judge`], plus the actual and
/// required values and the gap, for reports.
fn condition<'f>(
    c: &Condition,
    value_of: ValueOf<'_, 'f>,
    near_within: Decimal,
) -> ConditionResult {
    let (truth, near) = judge(c, value_of, near_within);
    let value = value_of(c);
    let mut r = ConditionResult {
        fact: c.fact.clone(),
        label: c.label.clone(),
        truth,
        actual: None,
        required: String::new(),
        near,
        gap: None,
        actual_text: None,
        required_text: Text::default(),
    };
    if let Some(alts) = &c.any_of {
        let results: Vec<ConditionResult> = alts
            .iter()
            .map(|a| condition(a, value_of, near_within))
            .collect();
        r.fact = results
            .iter()
            .map(|x| x.fact.as_str())
            .collect::<Vec<_>>()
            .join(" | ");
        r.required = results
            .iter()
            .map(|x| format!("{} {}", x.fact, x.required))
            .collect::<Vec<_>>()
            .join(" or ");
        r.actual = Some(
            results
                .iter()
                .map(|x| x.actual.as_deref().unwrap_or("unknown"))
                .collect::<Vec<_>>()
                .join(" | "),
        );
        let join = |sep: &str, f: &dyn Fn(&ConditionResult) -> String| {
            results.iter().map(f).collect::<Vec<_>>().join(sep)
        };
        // In Chinese an alternative without a label of its own is named by
        // its questionnaire field (企业技术中心, not `recognitions.tech_centers`);
        // English keeps the fact id.
        let name = |x: &ConditionResult, l: Lang| {
            let field = || match l {
                Lang::Zh => crate::fieldnames::label(&x.fact, l).map(str::to_string),
                Lang::En => None,
            };
            x.label
                .as_ref()
                .map(|t| t.get(l).to_string())
                .or_else(field)
                .unwrap_or_else(|| x.fact.clone())
        };
        r.required_text = Text::new(
            join(" 或 ", &|x| {
                format!("{} {}", name(x, Lang::Zh), x.required_text.zh)
            }),
            join(" or ", &|x| {
                format!("{} {}", name(x, Lang::En), x.required_text.en)
            }),
        );
        let act = |x: &ConditionResult, l: Lang| {
            x.actual_text
                .as_ref()
                .map(|t| t.get(l).to_string())
                .unwrap_or_else(|| l.pick("未知", "unknown").to_string())
        };
        r.actual_text = Some(Text::new(
            join(" | ", &|x| act(x, Lang::Zh)),
            join(" | ", &|x| act(x, Lang::En)),
        ));
        return r;
    }
    if let Some((t, op)) = threshold(c) {
        let sym = op.symbol();
        r.required = format!("{sym} {}", show_num(&c.fact, t));
        r.required_text = Text::new(
            format!("{sym} {}", show_num_in(&c.fact, t, Lang::Zh)),
            r.required.clone(),
        );
        let Some(v) = value.and_then(Fact::num) else {
            return r;
        };
        r.actual = Some(show_num(&c.fact, v));
        r.actual_text = Some(Text::new(
            show_num_in(&c.fact, v, Lang::Zh),
            show_num(&c.fact, v),
        ));
        if truth == Truth::No {
            r.gap = Some(gap(c, v, t, op));
        }
        return r;
    }
    if let Some(want) = c.is {
        let yes_no = |b: bool| {
            if b {
                Text::new("是", "yes")
            } else {
                Text::new("否", "no")
            }
        };
        r.required = want.to_string();
        r.required_text = yes_no(want);
        if let Some(Fact::Bool(b)) = value {
            r.actual = Some(b.to_string());
            r.actual_text = Some(yes_no(*b));
        }
        return r;
    }
    if let Some(list) = c.one_of.as_ref().or(c.none_of.as_ref()) {
        let negate = c.none_of.is_some();
        r.required = format!("{}{}", if negate { "not " } else { "" }, list.join(" | "));
        let zh: Vec<&str> = list.iter().map(|x| id_zh(x)).collect();
        let en: Vec<String> = list.iter().map(|x| id_en(x)).collect();
        r.required_text = Text::new(
            format!("{}{}", if negate { "不是 " } else { "" }, zh.join(" | ")),
            format!("{}{}", if negate { "not " } else { "" }, en.join(" | ")),
        );
        if let Some(Fact::Id(id)) = value {
            r.actual = Some(id.to_string());
            r.actual_text = Some(Text::new(id_zh(id).to_string(), id_en(id)));
        }
        return r;
    }
    if let Some(n) = c.count_at_least {
        r.required = format!("≥ {n}");
        r.required_text = Text::new(format!("≥ {n} 项"), format!("≥ {n} entries"));
        if let Some(Fact::Tally(t)) = value {
            let total = t.values().sum::<u32>();
            r.actual = Some(total.to_string());
            r.actual_text = Some(Text::new(format!("{total} 项"), format!("{total} entries")));
        }
        return r;
    }
    if let Some(conds) = &c.any_item {
        r.required = "any item with all conditions".into();
        r.required_text = Text::new(
            "至少一项满足全部条件",
            "at least one item meeting all conditions",
        );
        if let Some(Fact::Items(list)) = value {
            let (hits, _) = item_hits(list, conds, near_within);
            let n = list.len();
            r.actual = Some(format!("{hits} of {n}"));
            r.actual_text = Some(Text::new(
                format!("{n} 项中 {hits} 项满足"),
                format!("{hits} of {n}"),
            ));
        }
    }
    r
}

/// The name of a table id in the explanation: the pack's `names` for it,
/// else the Chinese word [`id_zh`] knows (zh) and the id itself (en).
fn id_name(l: &super::pack::Lookup, id: &str) -> (String, String) {
    match l.names.get(id) {
        Some(t) => (t.zh.to_string(), t.en.to_string()),
        None => (id_zh(id).to_string(), id_en(id)),
    }
}

/// An id in English words for the explanation ("not_met" → "not met",
/// "neeq" → "NEEQ"); the JSON keeps the id itself.
fn id_en(id: &str) -> String {
    match id {
        "ipo" => "IPO".into(),
        "neeq" => "NEEQ".into(),
        "haixia_quanzhou" => "Haixia Equity Exchange, Quanzhou board".into(),
        _ => id.replace('_', " "),
    }
}

/// The Chinese word for the ids a reader meets most in conditions
/// (criterion statuses, levels, listing venues); other ids as they are.
fn id_zh(id: &str) -> &str {
    match id {
        "met" => "达到",
        "not_met" => "未达到",
        "not_applicable" => "不适用",
        "national" => "国家级",
        "provincial" => "省级",
        "municipal" => "市级",
        "ipo" => "首发上市",
        "neeq" => "新三板",
        "haixia_quanzhou" => "海峡股权泉州交易中心",
        "none" => "无",
        "yes" => "是",
        "no" => "否",
        "unconfirmed" => "未确认",
        // Other enum values by their zh label in the questionnaire schema
        // (central → 中心园区运营方).
        _ => crate::fieldnames::label(id, Lang::Zh).unwrap_or(id),
    }
}

/// A failed numeric condition in words: the field's label (not its id), the
/// value, what is needed and by how much it is short — no "short by 0"
/// when a strict bound is missed at the bound itself.
fn gap(c: &Condition, v: Decimal, t: Decimal, op: Op) -> Text {
    let fact = &c.fact;
    let (zh_name, en_name) = match &c.label {
        Some(l) => (l.zh.to_string(), l.en.to_string()),
        None => (fact.clone(), fact.clone()),
    };
    let (actual, need) = (show_num(fact, v), show_num(fact, t));
    let (actual_zh, need_zh) = (
        show_num_in(fact, v, Lang::Zh),
        show_num_in(fact, t, Lang::Zh),
    );
    let sym = op.symbol();
    let short = (t - v).abs();
    if short.is_zero() {
        let (zh_op, en_op) = match op {
            Op::MoreThan => ("超过", "more than"),
            _ => ("低于", "less than"),
        };
        return Text::new(
            format!("{zh_name}: {actual_zh}, 须{zh_op} {need_zh} (恰好等于不算)"),
            format!("{en_name}: {actual}, must be {en_op} {need} (equal is not enough)"),
        );
    }
    let short_zh = show_num_in(fact, short, Lang::Zh);
    let short = show_num(fact, short);
    Text::new(
        format!("{zh_name}: {actual_zh}, 要求 {sym} {need_zh} (差 {short_zh})"),
        format!("{en_name}: {actual} of {sym} {need} needed (short by {short})"),
    )
}

/// What a list of conditions (all must hold) comes to, counted without
/// building explanations.
#[derive(Default)]
struct Verdict {
    failed: usize,
    failed_not_near: usize,
    unknown: usize,
}

impl Verdict {
    /// Stops at the first condition that fails by more than the near
    /// margin: the track is then not eligible whatever the others say, and
    /// most tracks of most enterprises end there.
    fn of(list: &[Condition], facts: &Facts, near_within: Decimal) -> Verdict {
        let mut v = Verdict::default();
        for c in list {
            match judge(c, &|x: &Condition| fact_of(facts, x), near_within) {
                (Truth::Yes, _) => {}
                (Truth::No, true) => v.failed += 1,
                (Truth::No, false) => {
                    v.failed += 1;
                    v.failed_not_near += 1;
                    break;
                }
                (Truth::Unknown, _) => v.unknown += 1,
            }
        }
        v
    }

    fn all_yes(&self) -> bool {
        self.failed == 0 && self.unknown == 0
    }
}

/// Money in both languages, to the fen as amounts are.
fn cny(x: Decimal) -> (String, String) {
    let x = money::to_fen(x);
    (money::fmt(x, Lang::Zh), money::fmt(x, Lang::En))
}

/// A rate as a percentage (0.3 → "30%").
fn pct(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// The amount of one part before the split, CNY, and how it was computed.
/// `Err` names the missing facts.
fn part_amount<'f>(
    p: &Part,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
    detail: bool,
) -> Result<(Decimal, Vec<Text>), Vec<String>> {
    let mut steps = Steps::new(detail);
    let num = |name: &str| {
        get(name)
            .and_then(|f| f.num())
            .ok_or_else(|| vec![name.to_string()])
    };
    let a = if let Some(x) = p.fixed {
        steps.add(|| {
            let (z, e) = cny(x);
            Text::new(format!("定额 {z}"), format!("fixed {e}"))
        });
        x
    } else if let Some(l) = &p.lookup {
        match get(&l.fact) {
            Some(Fact::Id(id)) => {
                let x = l.table.get(id.as_ref()).copied().unwrap_or(Decimal::ZERO);
                steps.add(|| {
                    let (z, e) = cny(x);
                    let (nz, ne) = id_name(l, id);
                    Text::new(
                        format!("{} = {nz} → {z}", l.fact),
                        format!("{} = {ne} → {e}", l.fact),
                    )
                });
                x
            }
            _ => return Err(vec![l.fact.clone()]),
        }
    } else if let Some(r) = &p.rate {
        let base = num(&r.base)?;
        let x = base * r.rate;
        steps.add(|| {
            let ((bz, be), (xz, xe)) = (cny(base), cny(x));
            let rate = pct(r.rate);
            Text::new(
                format!("{rate} × {bz} = {xz}"),
                format!("{rate} × {be} = {xe}"),
            )
        });
        x
    } else if let Some(u) = &p.per_unit {
        let n = num(&u.fact)?;
        let x = n * u.each;
        steps.add(|| {
            let ((ez, ee), (xz, xe)) = (cny(u.each), cny(x));
            let n = n.normalize();
            Text::new(
                format!("{n} × {ez} = {xz} ({})", u.fact),
                format!("{n} × {ee} = {xe} ({})", u.fact),
            )
        });
        x
    } else if let Some(t) = &p.per_tally {
        match get(&t.fact) {
            Some(Fact::Tally(counts)) => {
                let mut x = Decimal::ZERO;
                for (id, n) in counts {
                    let each = t.table.get(id).copied().unwrap_or(Decimal::ZERO);
                    let sum = each * Decimal::from(*n);
                    x += sum;
                    steps.add(|| {
                        let ((z, e), (sz, se)) = (cny(each), cny(sum));
                        let (nz, ne) = id_name(t, id);
                        Text::new(
                            format!("{nz}: {n} 项 × {z} = {sz}"),
                            format!("{ne}: {n} × {e} = {se}"),
                        )
                    });
                }
                x
            }
            _ => return Err(vec![t.fact.clone()]),
        }
    } else if let Some(pi) = &p.per_item {
        per_item(pi, get, near_within, &mut steps)?
    } else {
        Decimal::ZERO
    };
    let mut a = money::to_fen(a);
    if let Some(c) = p.cap {
        if a > c {
            steps.add(|| {
                let (z, e) = cny(c);
                Text::new(format!("→ 封顶 {z}"), format!("→ capped at {e}"))
            });
            a = c;
        }
    }
    Ok((a, steps.v))
}

/// The sum over the qualifying items of an items fact, each with its
/// arithmetic ("item 1: 30% × 20,000,000 = 6,000,000 → capped at 5,000,000");
/// items are numbered from 1 as a reader counts them.
fn per_item<'f>(
    pi: &super::pack::PerItem,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
    steps: &mut Steps<Text>,
) -> Result<Decimal, Vec<String>> {
    let Some(Fact::Items(list)) = get(&pi.items) else {
        return Err(vec![pi.items.clone()]);
    };
    let mut x = Decimal::ZERO;
    let mut missing = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let n = i + 1;
        match all_of(&pi.when, &|x: &Condition| item.get(&x.fact), near_within) {
            Truth::No => continue,
            Truth::Unknown => {
                missing.push(format!("{}[{i}]", pi.items));
                continue;
            }
            Truth::Yes => {}
        }
        let (each, how) = if let Some(f) = pi.fixed {
            (f, (String::new(), String::new()))
        } else if let Some(r) = &pi.rate {
            let Some(b) = item.get(&r.base).and_then(Fact::num) else {
                missing.push(format!("{}[{i}].{}", pi.items, r.base));
                continue;
            };
            let (bz, be) = cny(b);
            let rate = pct(r.rate);
            (
                b * r.rate,
                (format!("{rate} × {bz} = "), format!("{rate} × {be} = ")),
            )
        } else if let Some(l) = &pi.lookup {
            match item.get(&l.fact) {
                Some(Fact::Id(id)) => {
                    let v = l.table.get(id.as_ref()).copied().unwrap_or(Decimal::ZERO);
                    let (nz, ne) = id_name(l, id);
                    (v, (format!("{nz} → "), format!("{ne} → ")))
                }
                _ => {
                    missing.push(format!("{}[{i}].{}", pi.items, l.fact));
                    continue;
                }
            }
        } else {
            (Decimal::ZERO, (String::new(), String::new()))
        };
        let capped = pi.cap_each.filter(|c| each > *c);
        steps.add(|| {
            let (z, e) = cny(each);
            let (cz, ce) = capped
                .map(|c| {
                    let (z, e) = cny(c);
                    (format!(" → 封顶 {z}"), format!(" → capped at {e}"))
                })
                .unwrap_or_default();
            Text::new(
                format!("第 {n} 项: {}{z}{cz}", how.0),
                format!("item {n}: {}{e}{ce}", how.1),
            )
        });
        x += capped.unwrap_or(each);
    }
    if missing.is_empty() {
        Ok(x)
    } else {
        Err(missing)
    }
}

/// One part's explanation line: its arithmetic, whether it is a ceiling or
/// a floor, and who pays (with the split).
fn part_line(p: &Part, s: &[Text]) -> Text {
    let who = |l: Lang| match (&p.split, p.funder) {
        (Some(sp), _) => sp
            .iter()
            .map(|(f, pct)| format!("{} {}%", f.label().get(l), pct.normalize()))
            .collect::<Vec<_>>()
            .join(" / "),
        (None, Some(f)) => f.label().get(l).to_string(),
        _ => String::new(),
    };
    let (bz, be) = match p.bound {
        AmountBound::Exact => ("", ""),
        AmountBound::UpTo => (" (最高)", " (up to)"),
        AmountBound::AtLeast => (" (不少于)", " (at least)"),
    };
    let join = |l: Lang| s.iter().map(|t| t.get(l)).collect::<Vec<_>>().join("; ");
    let label = |l: Lang| {
        p.label
            .as_ref()
            .map(|x| format!("{}: ", x.get(l)))
            .unwrap_or_default()
    };
    Text::new(
        format!(
            "{}{}{bz} — {}",
            label(Lang::Zh),
            join(Lang::Zh),
            who(Lang::Zh)
        ),
        format!(
            "{}{}{be} — {}",
            label(Lang::En),
            join(Lang::En),
            who(Lang::En)
        ),
    )
}

/// A cap on the parts paid only by some funders (a [`GroupCap`]): when their
/// sum is above it, they are scaled down in proportion, adding up exactly.
fn group_cap(
    g: &super::pack::GroupCap,
    amounts: &mut [(&Part, Decimal)],
    facts: &Facts,
    near_within: Decimal,
    steps: &mut Steps<Text>,
) {
    if all_of(&g.when, &|x: &Condition| fact_of(facts, x), near_within) != Truth::Yes {
        return;
    }
    let inside = |p: &Part| match (&p.split, p.funder) {
        (Some(sp), _) => sp.keys().all(|f| g.funders.contains(f)),
        (None, Some(f)) => g.funders.contains(&f),
        (None, None) => false,
    };
    let kept = |p: &Part| p.split.is_none() && p.funder.is_some_and(|f| g.kept.contains(&f));
    let inside_all: Vec<usize> = (0..amounts.len())
        .filter(|i| inside(amounts[*i].0))
        .collect();
    let total: Decimal = inside_all.iter().map(|i| amounts[*i].1).sum();
    if total <= g.cap {
        return;
    }
    // Kept parts are paid in full; the others share what they leave of the cap.
    let (keep, idx): (Vec<usize>, Vec<usize>) =
        inside_all.iter().partition(|i| kept(amounts[**i].0));
    let room = (g.cap - keep.iter().map(|i| amounts[*i].1).sum::<Decimal>()).max(Decimal::ZERO);
    let values: Vec<Decimal> = idx.iter().map(|i| amounts[*i].1).collect();
    for (i, x) in idx.iter().zip(super::cap::proportional(&values, room)) {
        amounts[*i].1 = x;
    }
    let who: Vec<String> = g
        .funders
        .iter()
        .map(|f| f.label().en.into_owned())
        .collect();
    let who_zh: Vec<String> = g
        .funders
        .iter()
        .map(|f| f.label().zh.into_owned())
        .collect();
    let (kz, ke) = if keep.is_empty() {
        (String::new(), String::new())
    } else {
        let (rz, re) = cny(room);
        let kz: Vec<String> = g.kept.iter().map(|f| f.label().zh.into_owned()).collect();
        let ke: Vec<String> = g.kept.iter().map(|f| f.label().en.into_owned()).collect();
        (
            format!(" ({}部分照付、不削减, 其余分享 {rz})", kz.join("、")),
            format!(
                " ({} paid in full, not cut; the others share {re})",
                ke.join(" + ")
            ),
        )
    };
    steps.add(|| {
        Text::new(
            format!(
                "{}合计封顶 {}{kz}",
                who_zh.join("、"),
                money::fmt(g.cap, Lang::Zh)
            ),
            format!(
                "{} together capped at {}{ke}",
                who.join(" + "),
                money::fmt(g.cap, Lang::En)
            ),
        )
    });
}

/// Split a part's range by funder.
fn split_part(p: &Part, amount: Decimal) -> Vec<(Funder, Range)> {
    let shares: Vec<(Funder, Decimal)> = match (&p.split, p.funder) {
        (Some(s), _) => s.iter().map(|(f, pct)| (*f, *pct)).collect(),
        (None, Some(f)) => vec![(f, Decimal::ONE_HUNDRED)],
        (None, None) => vec![],
    };
    money::split(amount, &shares)
        .into_iter()
        .map(|(f, x)| {
            let r = match p.bound {
                AmountBound::Exact => Range::exact(x),
                AmountBound::UpTo => Range {
                    min: Decimal::ZERO,
                    max: Some(x),
                },
                AmountBound::AtLeast => Range { min: x, max: None },
            };
            (f, r)
        })
        .collect()
}

/// Amount of a track: range before the cap, per-funder ranges, steps; or missing facts.
fn amount(
    a: &Amount,
    facts: &Facts,
    near_within: Decimal,
    beyond: &mut Option<Text>,
    detail: bool,
) -> Result<TrackAmount, Vec<String>> {
    let get = |name: &str| facts.get(name);
    let mut parts: Vec<&Part> = a.parts.iter().collect();
    let mut steps = Steps::new(detail);
    if let Some(t) = &a.tiers {
        let n = facts
            .get(&t.by)
            .and_then(Fact::num)
            .ok_or_else(|| vec![t.by.clone()])?;
        match t
            .tiers
            .iter()
            .find(|x| n >= Decimal::from(x.from) && n <= Decimal::from(x.to))
        {
            Some(tier) => {
                steps.add(|| {
                    Text::new(
                        format!(
                            "{} = {}: 适用 {}–{} 档",
                            t.by,
                            n.normalize(),
                            tier.from,
                            tier.to
                        ),
                        format!(
                            "{} = {}: tier {}–{}",
                            t.by,
                            n.normalize(),
                            tier.from,
                            tier.to
                        ),
                    )
                });
                parts.extend(tier.parts.iter());
            }
            None => {
                *beyond = Some(t.beyond.clone());
                steps.add(|| t.beyond.clone());
            }
        }
    }
    let mut amounts = Vec::new();
    let mut missing = Vec::new();
    for p in &parts {
        match all_of(&p.when, &|x: &Condition| fact_of(facts, x), near_within) {
            Truth::No => continue,
            Truth::Unknown => {
                missing.extend(p.when.iter().map(|c| c.fact.clone()));
                continue;
            }
            Truth::Yes => {}
        }
        match part_amount(p, &get, near_within, detail) {
            Ok((x, s)) => {
                // A part with no arithmetic to show (no qualifying item) gets no line.
                if !s.is_empty() {
                    steps.add(|| part_line(p, &s));
                }
                amounts.push((*p, x));
            }
            Err(m) => missing.extend(m),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    for g in &a.group_caps {
        group_cap(g, &mut amounts, facts, near_within, &mut steps);
    }
    // A track-wide cap scales the parts down in proportion.
    if let Some(cap) = a.cap {
        let total: Decimal = amounts.iter().map(|(_, x)| *x).sum();
        if total > cap {
            let scaled =
                super::cap::proportional(&amounts.iter().map(|(_, x)| *x).collect::<Vec<_>>(), cap);
            for ((_, x), s) in amounts.iter_mut().zip(scaled) {
                *x = s;
            }
            let line = format!("track cap {} applied", money::fmt(cap, Lang::En));
            steps.add(|| Text::new(format!("封顶 {}", money::fmt(cap, Lang::Zh)), line));
        }
    }
    let mut by: BTreeMap<Funder, Range> = BTreeMap::new();
    let mut matched = Range::ZERO;
    let mut awards = DistrictAwards::default();
    for (p, x) in amounts {
        if pays_district(p) && !x.is_zero() {
            let n = awards_in_part(p, &get, near_within);
            if p.split.is_some() {
                awards.matched += n;
            } else {
                awards.own += n;
            }
        }
        for (f, r) in split_part(p, x) {
            if f == Funder::District && p.split.is_some() {
                matched = matched.plus(r);
            }
            let e = by.entry(f).or_insert(Range::ZERO);
            *e = e.plus(r);
        }
    }
    Ok(TrackAmount {
        by,
        matched,
        awards,
        steps: steps.v,
    })
}

/// A track's amount: per funder, the district's matching part, its district
/// awards and the steps.
struct TrackAmount {
    by: ByFunder,
    matched: Range,
    awards: DistrictAwards,
    steps: Vec<Text>,
}

/// How many district awards (区级奖励、补助) a track pays: the cap's trigger
/// is "符合多次享受…条件的" — qualifying several *times* — so two prizes or two
/// patents are two awards even within one track.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DistrictAwards {
    /// Awards the district pays on its own.
    pub own: u32,
    /// Awards where the district pays its side of a city/district split (配套).
    pub matched: u32,
}

fn pays_district(p: &Part) -> bool {
    p.funder == Some(Funder::District)
        || p.split
            .as_ref()
            .is_some_and(|s| s.keys().any(|f| *f == Funder::District))
}

/// The awards in one paying part: each qualifying item, each prize of a
/// tally, each unit of a per-unit amount; any other formula is one award.
fn awards_in_part<'f>(
    p: &Part,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
) -> u32 {
    let n = if let Some(t) = &p.per_tally {
        match get(&t.fact) {
            Some(Fact::Tally(counts)) => counts
                .iter()
                .filter(|(id, _)| t.table.get(*id).is_some_and(|v| !v.is_zero()))
                .map(|(_, n)| *n)
                .sum(),
            _ => 1,
        }
    } else if let Some(u) = &p.per_unit {
        get(&u.fact)
            .and_then(Fact::num)
            .and_then(|n| n.trunc().to_u32())
            .unwrap_or(1)
    } else if let Some(pi) = &p.per_item {
        match get(&pi.items) {
            Some(Fact::Items(list)) => {
                let hits = list.iter().filter(|item| {
                    all_of(&pi.when, &|x: &Condition| item.get(&x.fact), near_within) == Truth::Yes
                });
                u32::try_from(hits.count()).unwrap_or(u32::MAX)
            }
            _ => 1,
        }
    } else {
        1
    };
    n.max(1)
}

fn year_of(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}

/// Evaluate every track of a pack for one enterprise, with explanations:
/// the [`Summary`] outcomes, each given the pack's texts and its conditions
/// explained. (Batch screening, which shows no text, calls [`summarize`].)
pub fn evaluate(pack: &PolicyPack, facts: &Facts) -> PolicyResult {
    let (in_force, data_year) = in_force(pack, facts);
    let horizon = beyond_horizon(pack, data_year);
    let validity_note = if in_force {
        horizon.map(|h| horizon_warning(h, data_year))
    } else {
        Some(not_in_force_note(pack, data_year))
    };
    let s = summarize_with(pack, facts, in_force, true);
    let district_cap = pack
        .district_cap
        .as_ref()
        .zip(s.district_cap)
        .map(|(dc, c)| DistrictCapResult {
            clause: dc.clause.clone(),
            cap: c.cap,
            before: c.before,
            after: c.after,
            binding: !c.cut.is_empty(),
            awards: c.awards,
            triggered: c.triggered,
            cut: track_ids(pack, &c.cut),
            missing: if c.cap.is_none() {
                vec![dc.fact.clone()]
            } else {
                vec![]
            },
            note: dc.note.clone(),
            trigger_note: trigger_note(pack, dc, c.cap, c.awards, c.triggered),
            eligible: DistrictCapRun {
                before: c.eligible.before,
                after: c.eligible.after,
                binding: !c.eligible.cut.is_empty(),
                awards: c.eligible.awards,
                triggered: c.eligible.triggered,
                cut: track_ids(pack, &c.eligible.cut),
                trigger_note: trigger_note(
                    pack,
                    dc,
                    c.cap,
                    c.eligible.awards,
                    c.eligible.triggered,
                ),
            },
        });
    let tracks = pack
        .tracks
        .iter()
        .zip(s.tracks)
        .map(|(t, o)| explain_track(pack, t, facts, o))
        .collect();
    PolicyResult {
        pack_id: pack.id.clone(),
        pack_version: pack.version.clone(),
        in_force,
        validity_note,
        beyond_horizon: s.beyond_horizon,
        readings: pack.readings.iter().map(ReadingNote::of).collect(),
        tracks,
        district_cap,
        eligible_totals: s.eligible_totals,
        potential_totals: s.potential_totals,
    }
}

fn track_ids(pack: &PolicyPack, at: &[usize]) -> Vec<String> {
    at.iter().map(|i| pack.tracks[*i].id.clone()).collect()
}

/// Why a given cap figure was not applied: too few district awards under
/// the trigger reading.
fn trigger_note(
    pack: &PolicyPack,
    dc: &super::pack::DistrictCap,
    cap: Option<Decimal>,
    awards: u32,
    triggered: bool,
) -> Option<Text> {
    (cap.is_some() && !triggered).then(|| {
        let need = dc.min_district_awards.unwrap_or(1);
        let (id, name) = trigger_reading(pack, dc);
        Text::new(
            format!("只有 {awards} 项区级奖励（少于 {need} 项），按解读“{name}”不封顶"),
            format!(
                "{awards} district award(s), fewer than {need}: the cap does not apply (reading {id})"
            ),
        )
    })
}

/// Why no track is in force: the data year is before the pack's first day
/// (or after an `effective_to` a pack may set).
fn not_in_force_note(pack: &PolicyPack, data_year: Option<i32>) -> Text {
    let y = data_year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let range = format!(
        "{} – {}",
        pack.effective_from,
        pack.effective_to.as_deref().unwrap_or("…")
    );
    Text::new(
        format!("数据年度 {y} 不在本政策有效期 ({range}) 内, 各项扶持不适用"),
        format!("data year {y} is outside this policy's validity ({range}): no track is in force"),
    )
}

/// The horizon a data year is beyond, if any (the first one left after the
/// readings apply).
fn beyond_horizon(pack: &PolicyPack, data_year: Option<i32>) -> Option<&super::pack::Horizon> {
    let h = pack.horizon.first()?;
    data_year.filter(|y| *y > h.last_year).map(|_| h)
}

/// The horizon warning, led by the data year and the horizon so the
/// reader sees at once which figures it concerns.
fn horizon_warning(h: &super::pack::Horizon, data_year: Option<i32>) -> Text {
    let y = data_year.unwrap_or_default();
    let last = h.last_year;
    Text::new(
        format!(
            "注意: 数据年度 {y} 晚于测算期限 {last} 年 [R]。{}",
            h.warning.zh
        ),
        format!(
            "Warning: data year {y} is after the {last} horizon [R]. {}",
            h.warning.en
        ),
    )
}

/// Whether the pack is in force for the enterprise's data year, and the year.
fn in_force(pack: &PolicyPack, facts: &Facts) -> (bool, Option<i32>) {
    let data_year = facts
        .get("enterprise.data_year")
        .and_then(Fact::num)
        .and_then(|d| i32::try_from(d.mantissa()).ok().filter(|_| d.scale() == 0));
    let from = year_of(&pack.effective_from);
    let to = pack.effective_to.as_deref().and_then(year_of);
    let in_force = match data_year {
        Some(y) => from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t),
        None => false,
    };
    (in_force, data_year)
}

/// One track's result without texts: what a batch screening keeps.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Status.
    pub status: TrackStatus,
    /// Amount before the district cap (eligible and candidate tracks with money).
    pub amount: Option<Range>,
    /// Amount by funder, after the district cap.
    pub by_funder: ByFunder,
    /// District share before the cap, when the cap cut it.
    pub district_before_cap: Option<Range>,
    /// An eligible track's district share in the potential totals, when the
    /// cap run on eligible + candidates gives it less than is due to it
    /// (`by_funder`, from the cap run on eligible tracks only).
    pub district_potential: Option<Range>,
    /// The part of the district share that is the district's side of a
    /// city/district split (配套资金), for the matching-shares reading.
    pub district_matched: Range,
    /// The district awards in its district share (the cap's trigger counts them).
    pub district_awards: DistrictAwards,
    /// Fields to fill in (missing-data tracks).
    pub missing: Vec<String>,
    /// Amount steps (only when texts are built).
    pub(super) explanation: Vec<Text>,
}

impl Outcome {
    /// Whether its money counts in the totals.
    pub fn counts(&self) -> bool {
        counted(self.status, &self.amount)
    }
}

/// The district cap applied to one enterprise, without texts. The cap is
/// run twice by the same function: on eligible + candidate tracks (the
/// fields here, for the potential totals) and on eligible tracks alone
/// (`eligible`, for the eligible totals), so a candidate never cuts what is due.
#[derive(Debug, Clone)]
pub struct CapOutcome {
    /// The cap, CNY; `None` when the figure is missing.
    pub cap: Option<Decimal>,
    /// Sum of district maxima before the cap (eligible + candidate).
    pub before: Range,
    /// After the cap.
    pub after: Range,
    /// Positions (in the pack) of the tracks whose district share was cut.
    pub cut: Vec<usize>,
    /// Tracks paying a district share under the cap.
    pub awards: u32,
    /// The cap applies (a cap figure, and enough district awards under the trigger reading).
    pub triggered: bool,
    /// The same run on the eligible tracks alone.
    pub eligible: CapRun,
}

/// One run of the cap over a set of tracks (see [`super::cap::CapSet`]).
#[derive(Debug, Clone)]
pub struct CapRun {
    /// Sum of district shares before the cap.
    pub before: Range,
    /// After the cap.
    pub after: Range,
    /// Positions (in the pack) of the tracks whose district share was cut.
    pub cut: Vec<usize>,
    /// District awards counted.
    pub awards: u32,
    /// The cap applies.
    pub triggered: bool,
}

/// Statuses and amounts of every track, after the district cap, with no
/// texts: the same numbers as [`evaluate`], computed by the same
/// functions, for a batch screening that keeps one compact row per
/// enterprise.
#[derive(Debug, Clone)]
pub struct Summary {
    /// In force for the data year.
    pub in_force: bool,
    /// The data year is after the pack's horizon (amounts computed, with a warning).
    pub beyond_horizon: bool,
    /// Per track, in pack order.
    pub tracks: Vec<Outcome>,
    /// The district cap.
    pub district_cap: Option<CapOutcome>,
    /// Totals over eligible tracks (after the district cap).
    pub eligible_totals: Totals,
    /// Totals over eligible and candidate tracks (after the district cap).
    pub potential_totals: Totals,
}

/// Statuses and amounts only (see [`Summary`]).
pub fn summarize(pack: &PolicyPack, facts: &Facts) -> Summary {
    let (in_force, _) = in_force(pack, facts);
    summarize_with(pack, facts, in_force, false)
}

fn summarize_with(pack: &PolicyPack, facts: &Facts, in_force: bool, detail: bool) -> Summary {
    let (_, data_year) = self::in_force(pack, facts);
    let beyond_horizon = in_force && beyond_horizon(pack, data_year).is_some();
    let mut tracks: Vec<Outcome> = pack
        .tracks
        .iter()
        .map(|t| outcome(pack, t, facts, in_force, detail))
        .collect();
    let mut potential = tracks.clone();
    let district_cap = pack.district_cap.as_ref().map(|dc| {
        let cap = facts.get(&dc.fact).and_then(Fact::num);
        let rule = super::cap::CapRule {
            min_awards: dc.min_district_awards.unwrap_or(1),
            split_shares_counted: dc.split_shares_counted.unwrap_or(true),
        };
        let p = cap_run(&mut potential, cap, rule, CapSet::Potential);
        let eligible = cap_run(&mut tracks, cap, rule, CapSet::Eligible);
        CapOutcome {
            cap,
            before: p.before,
            after: p.after,
            cut: p.cut,
            awards: p.awards,
            triggered: p.triggered,
            eligible,
        }
    });
    take_potential_shares(&mut tracks, &potential);
    let eligible_totals = totals(tracks.iter().filter(|t| t.status == TrackStatus::Eligible));
    let potential_totals = totals(potential.iter().filter(|t| t.counts()));
    Summary {
        in_force,
        beyond_horizon,
        tracks,
        district_cap,
        eligible_totals,
        potential_totals,
    }
}

/// Run the cap on the tracks of `set`, with their district sums before and after.
fn cap_run(
    tracks: &mut [Outcome],
    cap: Option<Decimal>,
    rule: super::cap::CapRule,
    set: CapSet,
) -> CapRun {
    let district = |ts: &[Outcome]| {
        ts.iter()
            .filter(|t| t.counts() && set.includes(t.status))
            .filter_map(|t| t.by_funder.get(&Funder::District).copied())
            .fold(Range::ZERO, Range::plus)
    };
    let before = district(tracks);
    let c = super::cap::apply(tracks, cap, rule, set);
    CapRun {
        before,
        after: district(tracks),
        cut: c.cut,
        awards: c.awards,
        triggered: c.triggered,
    }
}

/// A candidate's shares come from the potential run (it has no due share);
/// an eligible track keeps its due share and notes the potential one when
/// the candidates cut it there.
fn take_potential_shares(tracks: &mut [Outcome], potential: &[Outcome]) {
    for (t, p) in tracks.iter_mut().zip(potential) {
        match t.status {
            TrackStatus::Candidate => {
                t.by_funder = p.by_funder.clone();
                t.district_before_cap = p.district_before_cap;
            }
            TrackStatus::Eligible => {
                let d = p.by_funder.get(&Funder::District);
                if d != t.by_funder.get(&Funder::District) {
                    t.district_potential = d.copied();
                }
            }
            _ => {}
        }
    }
}

/// Names of the facts behind the conditions that cannot be judged (taken
/// from the pack, so they are there even when no texts are built).
fn unknown_facts(conds: &[Condition], facts: &Facts, near_within: Decimal) -> Vec<String> {
    let mut out = Vec::new();
    for c in conds {
        if judge(c, &|x: &Condition| fact_of(facts, x), near_within).0 != Truth::Unknown {
            continue;
        }
        match (&c.any_of, &c.any_item, fact_of(facts, c)) {
            (Some(alts), _, _) => out.push(
                alts.iter()
                    .map(|a| crate::facts::to_fill(&a.fact))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
            (None, Some(sub), Some(Fact::Items(list))) => {
                out.extend(unknown_item_fields(&c.fact, list, sub, near_within));
            }
            _ => out.push(crate::facts::to_fill(&c.fact).to_string()),
        }
    }
    out
}

/// The item fields to fill in for an `any_item` condition that cannot be
/// decided: `projects.first_set_equipment[0].recognition_year` rather than
/// the whole list (items counted from 0, as in the questionnaire path).
fn unknown_item_fields(
    items: &str,
    list: &[BTreeMap<String, Fact>],
    sub: &[Condition],
    near_within: Decimal,
) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        if all_of(sub, &|x: &Condition| item.get(&x.fact), near_within) != Truth::Unknown {
            continue;
        }
        for f in sub.iter().filter(|x| !item.contains_key(&x.fact)) {
            let field = crate::facts::to_fill(&format!("{items}.{}", f.fact)).to_string();
            let leaf = field.rsplit('.').next().unwrap_or(&field).to_string();
            out.push(format!("{items}[{i}].{leaf}"));
        }
    }
    out
}

/// A track's status and amount (before the district cap).
fn outcome(pack: &PolicyPack, t: &Track, facts: &Facts, in_force: bool, detail: bool) -> Outcome {
    let mut o = Outcome {
        status: TrackStatus::NotInForce,
        amount: None,
        by_funder: ByFunder::new(),
        district_before_cap: None,
        district_potential: None,
        district_matched: Range::ZERO,
        district_awards: DistrictAwards::default(),
        missing: vec![],
        explanation: vec![],
    };
    if !in_force {
        return o;
    }
    let near = pack.near_within;
    let eligible = Verdict::of(&t.eligible_when, facts, near);
    o.status = if eligible.all_yes() {
        TrackStatus::Eligible
    } else if !t.candidate_when.is_empty()
        && all_of(&t.candidate_when, &|x: &Condition| fact_of(facts, x), near) == Truth::Yes
    {
        TrackStatus::Candidate
    } else if eligible.failed == 0 {
        TrackStatus::MissingData
    } else if eligible.failed_not_near == 0 {
        // Every failed condition is near: near, unless something else is unknown.
        if eligible.unknown == 0 {
            TrackStatus::Near
        } else {
            TrackStatus::MissingData
        }
    } else {
        TrackStatus::NotEligible
    };
    if o.status == TrackStatus::MissingData {
        o.missing = unknown_facts(&t.eligible_when, facts, near);
    }
    if matches!(o.status, TrackStatus::Eligible | TrackStatus::Candidate) {
        if let Some(a) = &t.amount {
            let mut beyond = None;
            match amount(a, facts, near, &mut beyond, detail) {
                Ok(TrackAmount {
                    by,
                    matched,
                    awards,
                    steps,
                }) => {
                    o.explanation = steps;
                    o.district_matched = matched;
                    o.district_awards = awards;
                    if beyond.is_some() {
                        // Above every tier: the clause does not cover it.
                        o.status = TrackStatus::NotEligible;
                    } else {
                        o.amount = Some(by.values().fold(Range::ZERO, |acc, x| acc.plus(*x)));
                        o.by_funder = by;
                    }
                }
                Err(missing) => {
                    o.missing = missing;
                    o.status = TrackStatus::MissingData;
                }
            }
        }
    }
    o
}

/// A track's result for reports: its outcome with the pack's texts and
/// every condition explained.
fn explain_track(pack: &PolicyPack, t: &Track, facts: &Facts, o: Outcome) -> TrackResult {
    let explain = |list: &[Condition]| -> Vec<ConditionResult> {
        if o.status == TrackStatus::NotInForce {
            return vec![];
        }
        list.iter()
            .map(|c| condition(c, &|x: &Condition| fact_of(facts, x), pack.near_within))
            .collect()
    };
    TrackResult {
        id: t.id.clone(),
        title: t.title.clone(),
        clause: t.clause.clone(),
        kind: t.kind,
        prerequisite: t.prerequisite,
        prerequisite_note: t.prerequisite_note.clone(),
        status: o.status,
        conditions: explain(&t.eligible_when),
        candidate_conditions: explain(&t.candidate_when),
        missing: o.missing,
        amount: o.amount,
        by_funder: o.by_funder,
        district_before_cap: o.district_before_cap,
        district_potential: o.district_potential,
        explanation: o.explanation,
        support: t.support.clone(),
        interpretation: t.interpretation.clone(),
        readings: pack
            .readings
            .iter()
            .filter(|r| r.tracks.contains(&t.id))
            .map(ReadingNote::of)
            .collect(),
        tax: t
            .tax_benefit
            .as_ref()
            .filter(|_| o.status == TrackStatus::Eligible)
            .map(|tb| {
                let holds = |cs: &[Condition]| {
                    all_of(cs, &|x: &Condition| fact_of(facts, x), pack.near_within)
                };
                super::tax::estimate(tb, facts, &holds)
            }),
    }
}

fn totals<'a>(tracks: impl Iterator<Item = &'a Outcome>) -> Totals {
    let mut by: BTreeMap<Funder, Range> = Funder::ALL.iter().map(|f| (*f, Range::ZERO)).collect();
    for t in tracks {
        for (f, r) in &t.by_funder {
            let e = by.entry(*f).or_insert(Range::ZERO);
            *e = e.plus(*r);
        }
    }
    let total = by.values().fold(Range::ZERO, |a, b| a.plus(*b));
    Totals {
        by_funder: by,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::super::cap::proportional;
    use super::{gap, show_num, Condition, Op};
    use crate::lang::Text;
    use rust_decimal_macros::dec;

    fn share_condition() -> Condition {
        serde_yaml::from_str(
            "{fact: indicators.online_sales_share, more_than: 0.5, label: {zh: 网上销售占比, en: Online share}}",
        )
        .unwrap()
    }

    #[test]
    fn shares_show_as_percentages_and_money_to_the_fen() {
        // The issue's own example: a raw decimal share is shown as a percentage.
        let v = dec!(0.5100306018361101666099965998);
        assert_eq!(show_num("indicators.online_sales_share", v), "51.00%");
        assert_eq!(
            show_num("enterprise.main_revenue", dec!(1234.567)),
            "CNY 1,234.57"
        );
        assert_eq!(show_num("projects.major_cnc_rd_projects", dec!(3)), "3");
    }

    #[test]
    fn a_strict_miss_at_the_bound_is_not_short_by_zero() {
        let c = share_condition();
        let g = gap(&c, dec!(0.5), dec!(0.5), Op::MoreThan);
        assert_eq!(
            g,
            Text::new(
                "网上销售占比: 50.00%, 须超过 50.00% (恰好等于不算)",
                "Online share: 50.00%, must be more than 50.00% (equal is not enough)"
            )
        );
        let g = gap(&c, dec!(0.4), dec!(0.5), Op::MoreThan);
        assert_eq!(
            g.en,
            "Online share: 40.00% of > 50.00% needed (short by 10.00%)"
        );
    }

    #[test]
    fn proportional_cut_adds_up_to_the_cap() {
        // 140,000 + 60,000 cut to 100,000: 70,000 and 30,000.
        assert_eq!(
            proportional(&[dec!(140000), dec!(60000)], dec!(100000)),
            vec![dec!(70000), dec!(30000)]
        );
        // Thirds: 33,333.33 + 33,333.33 + 33,333.34.
        let p = proportional(&[dec!(1), dec!(1), dec!(1)], dec!(100000));
        assert_eq!(p, vec![dec!(33333.33), dec!(33333.33), dec!(33333.34)]);
    }
}

//! Evaluation of a policy pack against one enterprise's facts (政策测算).
//!
//! Per track: a status (eligible / candidate / near / not eligible / missing
//! data / not in force), every condition with its actual and required value,
//! an amount range split by funder that adds up exactly, and then the
//! district cap across tracks.

use super::cap::CapSet;
use super::pack::{
    Amount, AmountBound, Condition, Formula, Funder, Op, Part, Payer, PerItemAmount, PolicyPack,
    Prerequisite, Test, Track, TrackKind,
};
use crate::facts::{Fact, Facts};
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

mod amount;
mod conditions;
mod validity;

use amount::*;
pub use amount::{capped_funder, DistrictAwards};
use conditions::*;
pub use validity::covers;
use validity::*;

/// Amount ranges by funder.
pub type ByFunder = BTreeMap<Funder, Range>;

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

/// One condition judged and explained against an enterprise's facts (no
/// "near" margin), for the mechanisms that share the condition language: a
/// ladder's gates get the same truth and words as a track's conditions.
pub fn explain(c: &Condition, facts: &Facts) -> ConditionResult {
    condition(c, &|x: &Condition| fact_of(facts, x), Decimal::ZERO)
}

/// Whether one condition holds (the truth of [`explain`], without its words
/// and without allocating).
pub fn truth(c: &Condition, facts: &Facts) -> Truth {
    judge(c, &|x: &Condition| fact_of(facts, x), Decimal::ZERO).0
}

/// The questionnaire fields to fill in so that these conditions can be judged.
pub fn fields_to_fill(conds: &[Condition], facts: &Facts) -> Vec<String> {
    unknown_facts(conds, facts, Decimal::ZERO)
}

/// One track's result.
#[derive(Debug, Clone, Serialize)]
pub struct TrackResult {
    /// Track id.
    pub id: String,
    /// The pack it belongs to, when several packs are evaluated together
    /// (track ids are unique within a pack only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// Not paid under a highest-only rule (就高不重复): the id of the track
    /// paid instead (its amount stays shown; `by_funder` is zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_stacked_with: Option<String>,
    /// The funder whose share the pack's per-enterprise cap limits (the
    /// district in the 2016 notice): `district_before_cap` is its share.
    #[serde(skip)]
    pub capped_funder: Option<Funder>,
    /// Title.
    pub title: Text,
    /// Clause.
    pub clause: String,
    /// The document (文号, date) the track rests on, when the pack names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<Text>,
    /// How sure the track's figures are (O, O-r, S, T, M), when the pack
    /// says; [S], [T], [M] amounts are reference values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<crate::engine::confidence::Confidence>,
    /// Kind.
    pub kind: TrackKind,
    /// An advance (预拨资金) on this other track: its amount is shown but
    /// its shares are zero (paid out of that track's award).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advance_of: Option<String>,
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
    /// The pack whose cap this is, when several packs are evaluated together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pack: Option<String>,
    /// The funder whose awards are capped (the district in the 2016 notice).
    pub funder: Funder,
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
    /// The caps of the other packs, when several are evaluated together.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub more_caps: Vec<DistrictCapResult>,
    /// Totals over eligible tracks (after the district cap).
    pub eligible_totals: Totals,
    /// Totals over eligible and candidate tracks (after the district cap).
    pub potential_totals: Totals,
}

/// Evaluate every track of a pack for one enterprise, with explanations:
/// the [`Summary`] outcomes, each given the pack's texts and its conditions
/// explained. (Batch screening, which shows no text, calls [`summarize`].)
pub fn evaluate(pack: &PolicyPack, facts: &Facts) -> PolicyResult {
    let (in_force, data_year) = in_force(pack, facts);
    let horizon = beyond_horizon(pack, data_year);
    let validity_note = if in_force {
        horizon
            .map(|h| horizon_warning(h, data_year))
            .or_else(|| part_year_note(pack, data_year))
    } else {
        Some(not_in_force_note(pack, data_year))
    };
    let s = summarize_with(pack, facts, (in_force, data_year), true);
    let district_cap = pack
        .district_cap
        .as_ref()
        .zip(s.district_cap)
        .map(|(dc, c)| DistrictCapResult {
            pack: None,
            funder: dc.funder.clone(),
            clause: dc.clause.clone(),
            cap: c.cap,
            before: c.before,
            after: c.after,
            binding: !c.cut.is_empty(),
            awards: c.awards,
            triggered: c.triggered,
            cut: track_ids(pack, &c.cut),
            missing: if c.cap.is_none() {
                dc.fact.iter().cloned().collect()
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
        more_caps: Vec::new(),
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
    /// Not paid under a highest-only rule (就高不重复): the position of the
    /// track whose larger award is paid instead, and the rule's index.
    pub not_stacked: Option<(usize, usize)>,
    /// Fields to fill in (missing-data tracks).
    pub missing: Vec<String>,
    /// Amount steps (only when texts are built).
    pub(super) explanation: Vec<Text>,
}

impl Summary {
    /// Every per-enterprise cap of the packs evaluated (the first pack's first).
    pub fn caps(&self) -> impl Iterator<Item = &CapOutcome> {
        self.district_cap.iter().chain(&self.more_caps)
    }
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
    /// The funder whose shares are capped.
    pub funder: Funder,
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
    /// The district cap (the first pack's per-enterprise cap).
    pub district_cap: Option<CapOutcome>,
    /// The other packs' caps, when several packs are evaluated together.
    pub more_caps: Vec<CapOutcome>,
    /// Totals over eligible tracks (after the district cap).
    pub eligible_totals: Totals,
    /// Totals over eligible and candidate tracks (after the district cap).
    pub potential_totals: Totals,
}

/// Statuses and amounts only (see [`Summary`]).
pub fn summarize(pack: &PolicyPack, facts: &Facts) -> Summary {
    summarize_with(pack, facts, in_force(pack, facts), false)
}

/// [`summarize`] on the pack's standing for the data year ([`in_force`]).
fn summarize_with(
    pack: &PolicyPack,
    facts: &Facts,
    (in_force, data_year): (bool, Option<i32>),
    detail: bool,
) -> Summary {
    let beyond_horizon = in_force && beyond_horizon(pack, data_year).is_some();
    let mut tracks: Vec<Outcome> = pack
        .tracks
        .iter()
        .map(|t| outcome(pack, t, facts, in_force, detail))
        .collect();
    for (o, t) in tracks.iter_mut().zip(&pack.tracks) {
        if t.advance_of.is_some() {
            unpaid(o);
        }
    }
    let mut potential = tracks.clone();
    for (k, rule) in pack.highest_only.iter().enumerate() {
        super::cap::keep_highest(&mut potential, k, &rule.positions, CapSet::Potential);
        super::cap::keep_highest(&mut tracks, k, &rule.positions, CapSet::Eligible);
    }
    let district_cap = pack.district_cap.as_ref().map(|dc| {
        let cap = match (&dc.fact, dc.amount) {
            (_, Some(fixed)) => Some(fixed),
            (Some(f), None) => facts.get(f).and_then(Fact::num),
            (None, None) => None,
        };
        let rule = super::cap::CapRule {
            funder: dc.funder.clone(),
            min_awards: dc.min_district_awards.unwrap_or(1),
            split_shares_counted: dc.split_shares_counted.unwrap_or(true),
        };
        let p = cap_run(&mut potential, cap, &rule, CapSet::Potential);
        let eligible = cap_run(&mut tracks, cap, &rule, CapSet::Eligible);
        CapOutcome {
            funder: dc.funder.clone(),
            cap,
            before: p.before,
            after: p.after,
            cut: p.cut,
            awards: p.awards,
            triggered: p.triggered,
            eligible,
        }
    });
    take_potential_shares(&mut tracks, &potential, capped_funder(pack));
    let eligible_totals = totals(
        pack,
        tracks.iter().filter(|t| t.status == TrackStatus::Eligible),
    );
    let potential_totals = totals(pack, potential.iter().filter(|t| t.counts()));
    Summary {
        in_force,
        beyond_horizon,
        tracks,
        district_cap,
        more_caps: Vec::new(),
        eligible_totals,
        potential_totals,
    }
}

/// An advance (预拨资金) is paid out of another track's award: its amount
/// stays shown, its shares are zero, so no total or cap counts it twice.
fn unpaid(o: &mut Outcome) {
    for r in o.by_funder.values_mut() {
        *r = Range::ZERO;
    }
    o.district_matched = Range::ZERO;
    o.district_awards = DistrictAwards::default();
}

/// Run the cap on the tracks of `set`, with their district sums before and after.
fn cap_run(
    tracks: &mut [Outcome],
    cap: Option<Decimal>,
    rule: &super::cap::CapRule,
    set: CapSet,
) -> CapRun {
    let district = |ts: &[Outcome]| {
        ts.iter()
            .filter(|t| t.counts() && set.includes(t.status))
            .filter_map(|t| t.by_funder.get(&rule.funder).copied())
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
fn take_potential_shares(tracks: &mut [Outcome], potential: &[Outcome], capped: Option<&Funder>) {
    let Some(capped) = capped else { return };
    for (t, p) in tracks.iter_mut().zip(potential) {
        match t.status {
            TrackStatus::Candidate => {
                t.by_funder = p.by_funder.clone();
                t.district_before_cap = p.district_before_cap;
                t.not_stacked = p.not_stacked;
            }
            TrackStatus::Eligible => {
                let d = p.by_funder.get(capped);
                if d != t.by_funder.get(capped) {
                    t.district_potential = d.copied();
                }
            }
            _ => {}
        }
    }
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
        not_stacked: None,
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
            match amount(a, facts, near, capped_funder(pack), &mut beyond, detail) {
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
    let (not_stacked_with, mut explanation) = not_stacked(pack, &o);
    if let Some(main) = advance_target(pack, t).filter(|_| o.amount.is_some()) {
        explanation.push(Text::new(
            format!(
                "预拨资金: 从「{}」的补助中先行拨付, 不另计入合计",
                main.title.zh
            ),
            format!(
                "an advance paid out of \"{}\": shown, not added to the totals",
                main.title.en
            ),
        ));
    }
    TrackResult {
        id: t.id.clone(),
        pack: None,
        not_stacked_with,
        capped_funder: capped_funder(pack).cloned(),
        title: t.title.clone(),
        clause: t.clause.clone(),
        document: t.document.clone().or_else(|| pack.document.clone()),
        confidence: t.confidence.or(pack.confidence),
        kind: t.kind,
        advance_of: t.advance_of.clone(),
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
        explanation,
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

/// The track an advance is paid out of.
fn advance_target<'a>(pack: &'a PolicyPack, t: &Track) -> Option<&'a Track> {
    let id = t.advance_of.as_ref()?;
    pack.tracks.iter().find(|x| x.id == *id)
}

/// A track a highest-only rule does not pay: the id of the track paid
/// instead, and the explanation with the rule's line added.
fn not_stacked(pack: &PolicyPack, o: &Outcome) -> (Option<String>, Vec<Text>) {
    let mut steps = o.explanation.clone();
    let Some((best, rule)) = o.not_stacked else {
        return (None, steps);
    };
    let (Some(b), Some(r)) = (pack.tracks.get(best), pack.highest_only.get(rule)) else {
        return (None, steps);
    };
    steps.push(Text::new(
        format!(
            "就高不重复 ({}): 只享受金额较高的「{}」, 本项不另计",
            r.clause, b.title.zh
        ),
        format!(
            "highest only, not stacked ({}): only the larger \"{}\" is paid; this track adds nothing",
            r.clause, b.title.en
        ),
    ));
    (Some(b.id.clone()), steps)
}

/// Totals by funder: every funder the pack declares (zero when it pays nothing).
fn totals<'a>(pack: &PolicyPack, tracks: impl Iterator<Item = &'a Outcome>) -> Totals {
    let mut by: BTreeMap<Funder, Range> = pack
        .funder_handles
        .iter()
        .map(|f| (f.clone(), Range::ZERO))
        .collect();
    for t in tracks {
        for (f, r) in &t.by_funder {
            let e = by.entry(f.clone()).or_insert(Range::ZERO);
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

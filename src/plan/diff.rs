//! Diff of two assessments (两次评估之差): what changed in the indicators,
//! the criteria, the estimated maturity level, the subsidy tracks and the
//! money.
//!
//! A model-level module below both users: `zhizao compare` ([`crate::compare`])
//! renders a diff, and the upgrade roadmap ([`crate::roadmap`]) diffs a
//! factory with a simulated copy of itself after an upgrade step — so the
//! planning stage does not import the report-level comparison.

use crate::assess::Assessment;
use crate::criteria::{show, Status};
use crate::indicators::{IndicatorId, Unit};
use crate::lang::Text;
use crate::money::Range;
use crate::policy::eval::{Totals, TrackStatus};
use crate::policy::pack::Funder;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which way a change goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Closer to support / a target.
    Better,
    /// Further from it.
    Worse,
    /// Changed, neither better nor worse (or not comparable).
    Changed,
    /// No change.
    Same,
}

impl Direction {
    /// Arrow shown in reports.
    pub fn mark(self) -> &'static str {
        match self {
            Direction::Better => "▲",
            Direction::Worse => "▼",
            Direction::Changed => "◆",
            Direction::Same => "",
        }
    }

    /// CSS class / stable id.
    pub fn id(self) -> &'static str {
        match self {
            Direction::Better => "better",
            Direction::Worse => "worse",
            Direction::Changed => "changed",
            Direction::Same => "same",
        }
    }
}

/// One side of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    /// Input file.
    pub file: String,
    /// SHA-256 of the input.
    pub sha256: String,
    /// Enterprise name.
    pub name: String,
    /// Credit code.
    pub credit_code: Option<String>,
    /// Data year.
    pub data_year: i32,
    /// The policy packs it was screened against, by title (zh / en).
    pub policy_titles: Vec<crate::lang::Text>,
}

/// One indicator before and after.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorChange {
    /// Indicator id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Unit.
    pub unit: Unit,
    /// Before (exact).
    #[serde(with = "rust_decimal::serde::float_option")]
    pub before: Option<Decimal>,
    /// After (exact).
    #[serde(with = "rust_decimal::serde::float_option")]
    pub after: Option<Decimal>,
    /// Before, as shown.
    pub before_shown: Option<String>,
    /// After, as shown.
    pub after_shown: Option<String>,
    /// Change, as shown ("+5%" is five percentage points for ratios).
    pub delta_shown: Option<String>,
    /// Direction (higher is better except for energy intensity).
    pub direction: Direction,
}

/// One check before and after.
#[derive(Debug, Clone, Serialize)]
pub struct CheckChange {
    /// Check id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Status before.
    pub before: Status,
    /// Status after.
    pub after: Status,
    /// Actual value before.
    pub actual_before: Option<String>,
    /// Actual value after.
    pub actual_after: Option<String>,
    /// Required.
    pub required: String,
    /// Direction.
    pub direction: Direction,
}

/// One criterion before and after.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionChange {
    /// Criterion id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Before.
    pub before: Status,
    /// After.
    pub after: Status,
    /// Direction.
    pub direction: Direction,
    /// Checks.
    pub checks: Vec<CheckChange>,
}

/// Estimated maturity before and after.
#[derive(Debug, Clone, Serialize)]
pub struct MaturityChange {
    /// Level before.
    pub before: Option<u8>,
    /// Level after.
    pub after: Option<u8>,
    /// Score before.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub score_before: Option<Decimal>,
    /// Score after.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub score_after: Option<Decimal>,
    /// Direction.
    pub direction: Direction,
}

/// One subsidy track before and after.
#[derive(Debug, Clone, Serialize)]
pub struct TrackChange {
    /// Track id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Clause.
    pub clause: String,
    /// Status before.
    pub before: TrackStatus,
    /// Status after.
    pub after: TrackStatus,
    /// Amount after the district cap, all funders, before.
    pub amount_before: Option<Range>,
    /// Amount after the district cap, all funders, after.
    pub amount_after: Option<Range>,
    /// Direction.
    pub direction: Direction,
}

/// Totals before and after.
#[derive(Debug, Clone, Serialize)]
pub struct TotalsChange {
    /// Before.
    pub before: Totals,
    /// After.
    pub after: Totals,
    /// After − before, per funder.
    pub delta_by_funder: BTreeMap<Funder, Range>,
    /// After − before, all funders.
    pub delta: Range,
}

/// A complete before/after comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    /// Before.
    pub before: Side,
    /// After.
    pub after: Side,
    /// Whether both describe the same enterprise (credit code, else name).
    pub same_enterprise: bool,
    /// Indicators (all of them; `direction: same` when unchanged).
    pub indicators: Vec<IndicatorChange>,
    /// Criteria.
    pub criteria: Vec<CriterionChange>,
    /// Estimated maturity.
    pub maturity: MaturityChange,
    /// Tracks whose status or amount changed.
    pub tracks: Vec<TrackChange>,
    /// Eligible totals.
    pub eligible: TotalsChange,
    /// Eligible + candidate totals.
    pub potential: TotalsChange,
}

/// How good a criterion status is (higher is better).
fn status_rank(s: Status) -> i8 {
    match s {
        Status::Met | Status::NotApplicable => 2,
        Status::Unknown => 1,
        Status::NotMet => 0,
    }
}

/// How good a track status is (higher is better).
pub fn track_rank(s: TrackStatus) -> i8 {
    match s {
        TrackStatus::Eligible => 5,
        TrackStatus::Candidate => 4,
        TrackStatus::Near => 3,
        TrackStatus::MissingData => 2,
        TrackStatus::NotEligible => 1,
        TrackStatus::NotInForce => 0,
    }
}

fn direction<T: PartialOrd>(before: T, after: T) -> Direction {
    if after > before {
        Direction::Better
    } else if after < before {
        Direction::Worse
    } else {
        Direction::Same
    }
}

/// `after − before` of two ranges (an open maximum on either side stays open).
pub fn range_delta(before: Range, after: Range) -> Range {
    Range {
        min: after.min - before.min,
        max: match (before.max, after.max) {
            (Some(b), Some(a)) => Some(a - b),
            _ => None,
        },
    }
}
fn show_indicator_delta(d: Decimal, unit: Unit) -> String {
    let s = match unit {
        Unit::Ratio => format!("{}pp", (d * Decimal::ONE_HUNDRED).round_dp(1).normalize()),
        _ => show(d, unit),
    };
    if d.is_sign_negative() && !d.is_zero() {
        s
    } else {
        format!("+{s}")
    }
}

fn track_amount(t: &crate::policy::eval::TrackResult) -> Option<Range> {
    if !t.counts() {
        return None;
    }
    Some(
        t.by_funder
            .values()
            .copied()
            .fold(Range::ZERO, |acc, r| acc.plus(r)),
    )
}

fn totals_change(before: &Totals, after: &Totals) -> TotalsChange {
    // Every funder either side has (a funder missing on one side paid nothing there).
    let funders: std::collections::BTreeSet<&Funder> = before
        .by_funder
        .keys()
        .chain(after.by_funder.keys())
        .collect();
    let delta_by_funder = funders
        .into_iter()
        .map(|f| {
            let b = before.by_funder.get(f).copied().unwrap_or(Range::ZERO);
            let a = after.by_funder.get(f).copied().unwrap_or(Range::ZERO);
            (f.clone(), range_delta(b, a))
        })
        .collect();
    TotalsChange {
        before: before.clone(),
        after: after.clone(),
        delta_by_funder,
        delta: range_delta(before.total, after.total),
    }
}

fn side(a: &Assessment) -> Side {
    Side {
        file: a.input.file.clone(),
        sha256: a.input.sha256.clone(),
        name: a.enterprise.name.clone(),
        credit_code: a.enterprise.credit_code.clone(),
        data_year: a.enterprise.data_year,
        policy_titles: a
            .packs
            .policy_titles(crate::lang::Lang::Zh)
            .into_iter()
            .zip(a.packs.policy_titles(crate::lang::Lang::En))
            .map(|(zh, en)| crate::lang::Text::new(zh, en))
            .collect(),
    }
}

/// Compare two assessments.
pub fn compare(before: &Assessment, after: &Assessment) -> Comparison {
    let same_enterprise = match (
        &before.enterprise.credit_code,
        &after.enterprise.credit_code,
    ) {
        (Some(a), Some(b)) => a == b,
        _ => before.enterprise.name == after.enterprise.name,
    };
    let indicators = indicator_changes(before, after);
    let criteria = criterion_changes(before, after);
    let maturity = MaturityChange {
        before: before.maturity.level,
        after: after.maturity.level,
        score_before: before.maturity.score,
        score_after: after.maturity.score,
        direction: match (before.maturity.level, after.maturity.level) {
            (Some(b), Some(a)) => direction(b, a),
            (None, None) => Direction::Same,
            _ => Direction::Changed,
        },
    };
    let tracks = track_changes(before, after);
    Comparison {
        before: side(before),
        after: side(after),
        same_enterprise,
        indicators,
        criteria,
        maturity,
        tracks,
        eligible: totals_change(&before.totals.eligible, &after.totals.eligible),
        potential: totals_change(&before.totals.potential, &after.totals.potential),
    }
}

/// Every indicator before and after (unchanged ones `same`).
fn indicator_changes(before: &Assessment, after: &Assessment) -> Vec<IndicatorChange> {
    before
        .indicators
        .0
        .iter()
        .map(|b| {
            let a = after.indicators.of(b.id);
            let av = a.and_then(|a| a.value);
            let dir = match (b.value, av) {
                (Some(x), Some(y)) if x == y => Direction::Same,
                (Some(x), Some(y)) => {
                    // Less energy per unit of output is better.
                    if b.id == IndicatorId::EnergyIntensity {
                        direction(y, x)
                    } else {
                        direction(x, y)
                    }
                }
                (None, None) => Direction::Same,
                _ => Direction::Changed,
            };
            IndicatorChange {
                id: b.id.to_string(),
                name: b.name.clone(),
                unit: b.unit,
                before: b.value,
                after: av,
                before_shown: b.value.map(|v| show(v, b.unit)),
                after_shown: av.map(|v| show(v, b.unit)),
                delta_shown: match (b.value, av) {
                    (Some(x), Some(y)) if x != y => Some(show_indicator_delta(y - x, b.unit)),
                    _ => None,
                },
                direction: dir,
            }
        })
        .collect()
}

/// Every criterion and its checks before and after.
fn criterion_changes(before: &Assessment, after: &Assessment) -> Vec<CriterionChange> {
    before
        .criteria
        .iter()
        .map(|cb| {
            let ca = after.criteria.iter().find(|c| c.id == cb.id);
            let checks = cb
                .checks
                .iter()
                .map(|kb| {
                    let ka = ca.and_then(|c| c.checks.iter().find(|k| k.id == kb.id));
                    let after_status = ka.map(|k| k.status).unwrap_or(Status::Unknown);
                    CheckChange {
                        id: kb.id.clone(),
                        name: kb.name.clone(),
                        before: kb.status,
                        after: after_status,
                        actual_before: kb.actual.clone(),
                        actual_after: ka.and_then(|k| k.actual.clone()),
                        required: kb.required.clone(),
                        direction: if kb.status == after_status {
                            Direction::Same
                        } else {
                            match direction(status_rank(kb.status), status_rank(after_status)) {
                                Direction::Same => Direction::Changed,
                                d => d,
                            }
                        },
                    }
                })
                .collect();
            let after_status = ca.map(|c| c.status).unwrap_or(Status::Unknown);
            CriterionChange {
                id: cb.id.clone(),
                name: cb.name.clone(),
                before: cb.status,
                after: after_status,
                direction: if cb.status == after_status {
                    Direction::Same
                } else {
                    match direction(status_rank(cb.status), status_rank(after_status)) {
                        Direction::Same => Direction::Changed,
                        d => d,
                    }
                },
                checks,
            }
        })
        .collect()
}

/// Tracks whose status or amount changed.
fn track_changes(before: &Assessment, after: &Assessment) -> Vec<TrackChange> {
    before
        .subsidies
        .iter()
        .filter_map(|tb| {
            let ta = after.subsidies.iter().find(|t| t.id == tb.id)?;
            let (ab, aa) = (track_amount(tb), track_amount(ta));
            if tb.status == ta.status && ab == aa {
                return None;
            }
            let dir = match direction(track_rank(tb.status), track_rank(ta.status)) {
                Direction::Same => {
                    let top = |r: Option<Range>| r.map(|r| (r.max.is_none(), r.max, r.min));
                    match direction(top(ab), top(aa)) {
                        Direction::Same => Direction::Changed,
                        d => d,
                    }
                }
                d => d,
            };
            Some(TrackChange {
                id: tb.id.clone(),
                title: tb.title.clone(),
                clause: tb.clause.clone(),
                before: tb.status,
                after: ta.status,
                amount_before: ab,
                amount_after: aa,
                direction: dir,
            })
        })
        .collect()
}

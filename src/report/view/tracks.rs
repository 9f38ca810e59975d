//! The subsidy tracks of a report (扶持政策): tables by status and the
//! explanation of each track.

use super::*;

#[derive(Debug, Serialize)]
pub(super) struct TrackView {
    title: String,
    /// The track's reference mark (" [S]"); empty when official or untagged.
    tag: String,
    /// The document it rests on (文号, date); empty when the pack names none.
    document: String,
    id: String,
    clause: String,
    kind: String,
    amount: String,
    /// One cell per funder, in the order of `ReportView::funder_headers`.
    funders: Vec<String>,
    note: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TrackGroup {
    status: String,
    class: &'static str,
    tracks: Vec<TrackView>,
}

#[derive(Debug, Serialize)]
pub(super) struct ConditionView {
    mark: &'static str,
    label: String,
    actual: String,
    required: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TrackExplain {
    title: String,
    id: String,
    status: String,
    class: &'static str,
    conditions: Vec<ConditionView>,
    /// Each line as spans: prose, or a command set as code.
    lines: Vec<Vec<SpanView>>,
}

/// A piece of a report line; `code` for a command the reader can type
/// (`--reading …`), which the templates set as code.
#[derive(Debug, Serialize)]
pub(super) struct SpanView {
    text: String,
    code: bool,
}

impl SpanView {
    fn prose(text: String) -> Vec<SpanView> {
        vec![SpanView { text, code: false }]
    }

    fn of(spans: Vec<crate::policy::eval::Span>) -> Vec<SpanView> {
        use crate::policy::eval::Span;
        spans
            .into_iter()
            .map(|s| match s {
                Span::Text(text) => SpanView { text, code: false },
                Span::Command(text) => SpanView { text, code: true },
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
pub(super) struct DomainView {
    name: String,
    self_rated: String,
    objective: String,
    used: String,
    next: String,
}

#[derive(Debug, Serialize)]
pub(super) struct ExplainView {
    level_scores: Vec<String>,
    domains: Vec<DomainView>,
    tracks: Vec<TrackExplain>,
}

pub(super) fn track_note(t: &TrackResult, l: Lang) -> String {
    let mut parts = Vec::new();
    match t.status {
        TrackStatus::Near => parts.extend(
            t.conditions
                .iter()
                .chain(&t.candidate_conditions)
                .filter_map(|c| c.gap.as_ref())
                .map(|g| g.get(l).to_string()),
        ),
        TrackStatus::MissingData if !t.missing.is_empty() => parts.push(format!(
            "{}: {}",
            l.pick("缺少", "missing"),
            t.missing.join(", ")
        )),
        TrackStatus::Candidate => {
            if let Some(p) = &t.prerequisite_note {
                parts.push(p.get(l).to_string());
            }
        }
        _ => {}
    }
    if t.amount.is_none() {
        if let Some(s) = &t.support {
            parts.push(s.get(l).to_string());
        }
    }
    parts.join(" ")
}

pub(super) fn condition_view(c: &ConditionResult, l: Lang) -> ConditionView {
    ConditionView {
        mark: match c.truth {
            Truth::Yes => "✓",
            Truth::No if c.near => "≈",
            Truth::No => "✗",
            Truth::Unknown => "?",
        },
        label: c
            .label
            .as_ref()
            .map(|x| x.get(l).to_string())
            .unwrap_or_else(|| crate::report::fields::humanize(&c.fact, l)),
        actual: c
            .actual_text
            .as_ref()
            .map(|t| t.get(l).to_string())
            .unwrap_or_else(|| l.pick("未知", "unknown").into()),
        required: c.required_text.get(l).to_string(),
    }
}

pub(super) fn funder_cell(t: &TrackResult, f: &Funder, l: Lang) -> String {
    match t.by_funder.get(f) {
        Some(r) => format!(
            "{}{}",
            r.report(l),
            if totals::cut(t, f) { " *" } else { "" }
        ),
        None => String::new(),
    }
}

pub(super) const SHOWN: [TrackStatus; 4] = [
    TrackStatus::Eligible,
    TrackStatus::Candidate,
    TrackStatus::Near,
    TrackStatus::MissingData,
];

pub(super) fn track_views(a: &Assessment, l: Lang) -> (Vec<TrackGroup>, Vec<String>) {
    let funders = totals::funders(a);
    let groups = SHOWN
        .iter()
        .filter_map(|s| {
            let tracks: Vec<TrackView> = a
                .subsidies
                .iter()
                .filter(|t| t.status == *s)
                .map(|t| TrackView {
                    title: t.title.get(l).to_string(),
                    tag: crate::report::track_mark(t),
                    document: t
                        .document
                        .as_ref()
                        .map(|d| d.get(l).to_string())
                        .unwrap_or_default(),
                    id: shown_id(&t.id, l),
                    clause: t.clause.clone(),
                    kind: kind_label(t.kind).get(l).to_string(),
                    amount: crate::report::track_amount(t, l),
                    funders: funders.iter().map(|f| funder_cell(t, f, l)).collect(),
                    note: track_note(t, l),
                })
                .collect();
            (!tracks.is_empty()).then(|| TrackGroup {
                status: s.label().get(l).to_string(),
                class: s.id(),
                tracks,
            })
        })
        .collect();
    let others = a
        .subsidies
        .iter()
        .filter(|t| !SHOWN.contains(&t.status))
        .map(|t| {
            format!(
                "{} ({}, {})",
                t.title.get(l),
                track_ref(&t.id, &t.clause, l),
                t.status.label().get(l)
            )
        })
        .collect();
    (groups, others)
}

/// The level scores S1–S5 against the pass score the assessment carries.
fn level_scores(a: &Assessment, l: Lang) -> Vec<String> {
    let pass = a.yardsticks.pass_score;
    a.maturity
        .level_scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{} = {} {} {} {}",
                match l {
                    Lang::Zh => format!("{}级得分", i + 1),
                    Lang::En => format!("S{}", i + 1),
                },
                s.round_dp(3).normalize(),
                if *s >= pass { "≥" } else { "<" },
                pass.normalize(),
                if *s >= pass { "✓" } else { "✗" }
            )
        })
        .collect()
}

/// Each domain's self-rating, objective level, the level used and how much
/// of the next level it counts; unrated domains last.
fn domain_views(a: &Assessment, l: Lang) -> Vec<DomainView> {
    let fit = |n: NextLevelFit| match n {
        NextLevelFit::Most => l.pick("大部分满足", "most"),
        NextLevelFit::Part => l.pick("部分满足", "part"),
        NextLevelFit::None => l.pick("不满足", "none"),
    };
    let mut domains: Vec<DomainView> = a
        .maturity
        .domains
        .iter()
        .map(|d| DomainView {
            name: roadmap::domain_name(d.id).get(l).to_string(),
            self_rated: d
                .self_level
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            objective: d
                .objective_level
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            used: format!(
                "{}{}",
                d.level,
                if d.capped {
                    l.pick(" (受限)", " (capped)")
                } else {
                    ""
                }
            ),
            next: fit(d.next).to_string(),
        })
        .collect();
    for u in &a.maturity.unrated {
        domains.push(DomainView {
            name: roadmap::domain_name(u).get(l).to_string(),
            self_rated: "—".into(),
            objective: "—".into(),
            used: l.pick("未评 (按 0 计)", "not rated (counts 0)").into(),
            next: String::new(),
        });
    }
    domains
}

/// Every condition and note of each track the report lists.
fn track_explains(a: &Assessment, l: Lang) -> Vec<TrackExplain> {
    a.subsidies
        .iter()
        .filter(|t| SHOWN.contains(&t.status))
        .map(|t| {
            let mut lines: Vec<Vec<SpanView>> = t
                .explanation
                .iter()
                .map(|x| SpanView::prose(x.get(l).to_string()))
                .collect();
            lines.extend(
                crate::report::track_notes(t, l, false)
                    .into_iter()
                    .map(SpanView::prose),
            );
            lines.extend(t.readings.iter().map(|r| SpanView::of(r.spans(l))));
            TrackExplain {
                title: format!("{}{}", t.title.get(l), crate::report::track_mark(t)),
                id: shown_id(&t.id, l),
                status: t.status.label().get(l).to_string(),
                class: t.status.id(),
                conditions: t
                    .conditions
                    .iter()
                    .chain(&t.candidate_conditions)
                    .map(|c| condition_view(c, l))
                    .collect(),
                lines,
            }
        })
        .collect()
}

pub(super) fn explain_view(a: &Assessment, l: Lang) -> ExplainView {
    ExplainView {
        level_scores: level_scores(a, l),
        domains: domain_views(a, l),
        tracks: track_explains(a, l),
    }
}

//! The level sections of the reports (数字化水平, 智能工厂梯度): every text
//! localised and every figure formatted, from [`crate::report::levels`], so
//! the HTML, Markdown and DOCX show what the terminal shows. The score chart
//! is inline SVG built by [`svg::bars`] (every label escaped there), carried
//! in the view so the DOCX draws the same chart to PNG.

use super::*;
use crate::levels::ladder::{LadderResult, StepResult};
use crate::levels::sheet::{SceneRating, SheetResult};
use crate::levels::LevelResults;
use crate::report::levels as words;

#[derive(Debug, Serialize)]
pub(super) struct LevelsView {
    sheets: Vec<SheetView>,
    ladders: Vec<LadderView>,
    /// One line per reference tag shown ([S], [T], [M]).
    legend: Vec<String>,
}

#[derive(Debug, Serialize)]
struct SheetView {
    cite: String,
    level: String,
    score: String,
    decided_by: String,
    dimensions: Vec<DimensionView>,
    /// The score by dimension as SVG bars (points of max).
    chart: String,
    /// The column heads of the scene ladder: 一级 … 四级.
    level_heads: Vec<String>,
    scene_groups: Vec<SceneGroup>,
    scene_head: String,
    scene_counts: String,
    next_heading: String,
    gaps: Vec<String>,
    missing: String,
}

#[derive(Debug, Serialize)]
struct DimensionView {
    name: String,
    points: String,
    max: String,
    items: Vec<ItemView>,
}

#[derive(Debug, Serialize)]
struct ItemView {
    group: String,
    /// Name with its reference mark.
    name: String,
    points: String,
    max: String,
    answer: String,
}

#[derive(Debug, Serialize)]
struct SceneGroup {
    name: String,
    scenes: Vec<SceneView>,
}

#[derive(Debug, Serialize)]
struct SceneView {
    name: String,
    constraint: bool,
    level: String,
    /// One cell per level 1–4: reached or not.
    cells: Vec<bool>,
}

#[derive(Debug, Serialize)]
struct LadderView {
    cite: String,
    edition: String,
    action: String,
    level: String,
    steps: Vec<StepView>,
    next_heading: String,
    next_missing: Vec<String>,
    missing: String,
}

#[derive(Debug, Serialize)]
struct StepView {
    rank: u8,
    name: String,
    recognised_by: String,
    standing: String,
    class: &'static str,
    gates_met: String,
    gates: Vec<GateView>,
    /// Requirements not found, hence not judged (empty when none).
    not_found: String,
}

#[derive(Debug, Serialize)]
struct GateView {
    mark: &'static str,
    class: &'static str,
    /// Label with its reference mark.
    label: String,
    actual: String,
    required: String,
}

pub(super) fn levels_view(levels: &LevelResults, l: Lang) -> LevelsView {
    LevelsView {
        sheets: levels.sheets.iter().map(|s| sheet_view(s, l)).collect(),
        ladders: levels.ladders.iter().map(|r| ladder_view(r, l)).collect(),
        legend: words::legend(&words::reference_tags(levels), l),
    }
}

fn missing_line(paths: &[String], l: Lang) -> String {
    if paths.is_empty() {
        return String::new();
    }
    format!(
        "{}: {}",
        l.pick("须补充以下数据才能评测", "Fill these in to be assessed"),
        crate::report::fields::list(paths, l)
    )
}

fn sheet_view(r: &SheetResult, l: Lang) -> SheetView {
    let (scene_head, scene_counts) = words::scene_counts(&r.scenes, l);
    SheetView {
        cite: words::cite(&r.pack, l),
        level: words::sheet_level(r, l),
        score: words::points_of(r.score, r.max),
        decided_by: r.decided_by.get(l).to_string(),
        dimensions: r
            .dimensions
            .iter()
            .map(|d| DimensionView {
                name: d.name.get(l).to_string(),
                points: words::points(d.points),
                max: words::points(d.max),
                items: d
                    .items
                    .iter()
                    .map(|i| ItemView {
                        group: i.group.get(l).to_string(),
                        name: format!("{}{}", i.name.get(l), i.confidence.mark()),
                        points: words::points(i.points),
                        max: words::points(i.max),
                        answer: words::answer(i, l),
                    })
                    .collect(),
            })
            .collect(),
        chart: score_chart(r, l),
        level_heads: (1..=4).map(|k| words::level_word(k, l)).collect(),
        scene_groups: scene_groups(&r.scenes, l),
        scene_head,
        scene_counts,
        next_heading: words::next_heading(r, l).unwrap_or_default(),
        gaps: r
            .next
            .iter()
            .flat_map(|n| &n.gaps)
            .map(|g| g.get(l).to_string())
            .collect(),
        missing: missing_line(&r.missing_data, l),
    }
}

/// Scenes under their group, in pack order.
fn scene_groups(scenes: &[SceneRating], l: Lang) -> Vec<SceneGroup> {
    let mut groups: Vec<SceneGroup> = Vec::new();
    for s in scenes {
        let view = SceneView {
            name: s.name.get(l).to_string(),
            constraint: s.constraint,
            level: words::scene_level(s, l),
            cells: (1..=4).map(|k| s.level.is_some_and(|x| x >= k)).collect(),
        };
        match groups.last_mut() {
            Some(g) if g.name == s.group.get(l) => g.scenes.push(view),
            _ => groups.push(SceneGroup {
                name: s.group.get(l).to_string(),
                scenes: vec![view],
            }),
        }
    }
    groups
}

/// The score by dimension, and the total, as bars of points out of max.
fn score_chart(r: &SheetResult, l: Lang) -> String {
    let bar = |label: &str, p: Decimal, m: Decimal| svg::Bar {
        label: label.to_string(),
        value: Some(to_f64(p)),
        shown: words::points_of(p, m),
        max: to_f64(m).max(f64::MIN_POSITIVE),
        max_shown: words::points(m),
        markers: Vec::new(),
        before: None,
    };
    let mut rows: Vec<svg::Bar> = r
        .dimensions
        .iter()
        .map(|d| bar(d.name.get(l), d.points, d.max))
        .collect();
    rows.push(bar(l.pick("合计", "Total"), r.score, r.max));
    svg::bars(l.pick("各维度得分", "Points by dimension"), &rows, &[], &[])
}

fn ladder_view(r: &LadderResult, l: Lang) -> LadderView {
    LadderView {
        cite: words::cite(&r.pack, l),
        edition: words::ladder_edition(r, l),
        action: words::ladder_action(r, l).unwrap_or_default(),
        level: words::ladder_level(r, l),
        steps: r.steps.iter().map(|s| step_view(s, l)).collect(),
        next_heading: words::ladder_next_heading(r, l).unwrap_or_default(),
        next_missing: r
            .next_missing
            .iter()
            .map(|g| g.get(l).to_string())
            .collect(),
        missing: missing_line(&r.missing_data, l),
    }
}

fn step_view(s: &StepResult, l: Lang) -> StepView {
    StepView {
        rank: s.rank,
        name: s.name.get(l).to_string(),
        recognised_by: s.recognised_by.get(l).to_string(),
        standing: words::standing(s, l).to_string(),
        class: words::standing_class(s.standing),
        gates_met: words::gates_met(s),
        not_found: words::not_found(s, l).unwrap_or_default(),
        gates: s
            .gates
            .iter()
            .map(|g| GateView {
                mark: words::truth_mark(g.truth),
                class: match g.truth {
                    Truth::Yes => "met",
                    Truth::No => "not-met",
                    Truth::Unknown => "unknown",
                },
                label: format!("{}{}", g.label.get(l), g.confidence.mark()),
                actual: words::gate_actual(g, l),
                required: g.required.get(l).to_string(),
            })
            .collect(),
    }
}

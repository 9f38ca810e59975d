//! Placing one factory on a ladder: each step's gates judged in the policy
//! packs' condition language, the step below checked as the pack says, the
//! level reached (steps qualifying from the bottom up, with no gap), and
//! what the next step lacks.

use super::{
    EditionUsed, Gate, GateResult, LadderPack, LadderResult, Needs, Step, StepResult, StepStanding,
};
use crate::facts::Facts;
use crate::lang::{Lang, Text};
use crate::policy::eval::{explain, fields_to_fill, truth, Truth};

/// Place one factory on the ladder.
pub(super) fn evaluate(pack: &LadderPack, facts: &Facts) -> LadderResult {
    let mut steps: Vec<StepResult> = Vec::with_capacity(pack.steps.len());
    for s in &pack.steps {
        let r = step(s, &steps, facts);
        steps.push(r);
    }
    let level = reached(steps.iter().map(|s| s.standing));
    let recognised_level = steps
        .iter()
        .rev()
        .find(|s| s.recognised)
        .map_or(0, |s| s.rank);
    // The next step is above both what the factory reaches and what it has.
    let from = usize::from(level.unwrap_or(0).max(recognised_level));
    let next = steps.get(from);
    let level_name = match level {
        Some(l) if l > 0 => steps[usize::from(l) - 1].name.clone(),
        Some(_) => pack.below_name.clone(),
        None => Text::new("未知（资料不全）", "unknown (data missing)"),
    };
    let missing_data = missing_data(&steps[..(from + 1).min(steps.len())]);
    LadderResult {
        pack: pack.header.clone(),
        level,
        level_name,
        next_action: action(&steps, level, recognised_level),
        next_missing: next.map(lacking).unwrap_or_default(),
        next_step: next.map(|s| s.id.clone()),
        missing_data,
        recognised_level,
        edition: edition(pack, pack.chosen),
        other_editions: (0..pack.editions.len())
            .filter(|i| *i != pack.chosen)
            .map(|i| edition(pack, i))
            .collect(),
        publishes: pack.publishes.clone(),
        steps,
    }
}

/// The step to take now: the first qualifying step above the one obtained.
fn action(steps: &[StepResult], level: Option<u8>, recognised: u8) -> Option<Text> {
    if level.unwrap_or(0) <= recognised {
        return None;
    }
    let s = steps.get(usize::from(recognised))?;
    let (name, by) = (&s.name, &s.recognised_by);
    Some(if s.self_assessed {
        Text::new(
            format!("可自评为{}", name.zh),
            format!("may self-assess as {}", name.en),
        )
    } else {
        Text::new(
            format!("可申报{}（认定：{}）", name.zh, by.zh),
            format!("may apply for {} (recognised by {})", name.en, by.en),
        )
    })
}

/// One step: its prerequisite (as a gate), its own gates, its standing.
fn step(s: &Step, below: &[StepResult], facts: &Facts) -> StepResult {
    let mut gates = Vec::with_capacity(s.gates.len() + 1);
    if let Some(p) = &s.prerequisite {
        if let Some(lower) = below.get(p.step) {
            gates.push(prerequisite(p, lower));
        }
    }
    gates.extend(s.gates.iter().map(|g| gate(g, facts)));
    StepResult {
        id: s.id.clone(),
        name: s.name.clone(),
        rank: s.rank,
        recognised_by: s.recognised_by.clone(),
        self_assessed: s.self_assessed,
        standing: standing(gates.iter().map(|g| g.truth)),
        recognised: truth(&s.recognised_when, facts) == Truth::Yes,
        definition: s.definition.clone(),
        not_found: s.not_found.clone(),
        gates,
    }
}

/// Qualifies when every gate holds; not yet when one fails; else unknown.
fn standing(truths: impl Iterator<Item = Truth>) -> StepStanding {
    let mut unknown = false;
    for t in truths {
        match t {
            Truth::No => return StepStanding::NotYet,
            Truth::Unknown => unknown = true,
            Truth::Yes => {}
        }
    }
    if unknown {
        StepStanding::Unknown
    } else {
        StepStanding::Qualifies
    }
}

/// The level reached: the steps that qualify from the first up, without a
/// gap; `None` when the first step cannot be judged.
fn reached(standings: impl Iterator<Item = StepStanding>) -> Option<u8> {
    let mut standings = standings.peekable();
    if *standings.peek()? == StepStanding::Unknown {
        return None;
    }
    let n = standings
        .take_while(|s| *s == StepStanding::Qualifies)
        .count();
    u8::try_from(n).ok()
}

/// The level a factory reaches on the ladder, decided as [`evaluate`]
/// decides it (the same gates, prerequisites and standings) without
/// wording anything: what a screening keeps.
pub(super) fn level(pack: &LadderPack, facts: &Facts) -> Option<u8> {
    // (standing, recognised) of each step so far, for the prerequisites.
    let mut below: Vec<(StepStanding, bool)> = Vec::with_capacity(pack.steps.len());
    for s in &pack.steps {
        let prereq = s
            .prerequisite
            .as_ref()
            .and_then(|p| below.get(p.step).map(|(st, rec)| (p.needs, *rec, *st)))
            .map(|(needs, rec, st)| prerequisite_truth(needs, rec, st));
        let gates = s.gates.iter().map(|g| truth(&g.test, facts));
        let st = standing(prereq.into_iter().chain(gates));
        below.push((st, truth(&s.recognised_when, facts) == Truth::Yes));
    }
    reached(below.iter().map(|(st, _)| *st))
}

/// Whether the step below meets a prerequisite: recognised, or (when
/// qualifying is enough) recognised or qualifying.
fn prerequisite_truth(needs: Needs, recognised: bool, standing: StepStanding) -> Truth {
    match (needs, recognised, standing) {
        (Needs::Recognised, true, _) => Truth::Yes,
        (Needs::Recognised, false, _) => Truth::No,
        (Needs::Qualifies, true, _) | (Needs::Qualifies, _, StepStanding::Qualifies) => Truth::Yes,
        (Needs::Qualifies, _, StepStanding::NotYet) => Truth::No,
        (Needs::Qualifies, _, StepStanding::Unknown) => Truth::Unknown,
    }
}

/// One gate, judged and worded by the policy packs' condition code.
fn gate(g: &Gate, facts: &Facts) -> GateResult {
    let r = explain(&g.test, facts);
    let note = g
        .note
        .as_ref()
        .filter(|n| explain(&n.when, facts).truth == Truth::Yes)
        .map(|n| n.text.clone());
    let to_fill = match r.truth {
        Truth::Unknown => fields_to_fill(std::slice::from_ref(&g.test), facts),
        _ => Vec::new(),
    };
    GateResult {
        label: g.label.clone(),
        truth: r.truth,
        actual: r.actual_text,
        required: r.required_text,
        confidence: g.confidence,
        id: g.id.clone(),
        source: g.source.clone(),
        note,
        to_fill,
    }
}

/// The step below, as a gate: recognised (自评/获评), or only qualifying.
fn prerequisite(p: &super::Prerequisite, lower: &StepResult) -> GateResult {
    let name = &lower.name;
    let truth = prerequisite_truth(p.needs, lower.recognised, lower.standing);
    let (actual, required) = match p.needs {
        Needs::Recognised => (
            if lower.recognised {
                Text::new("已取得", "obtained")
            } else {
                Text::new("未取得", "not obtained")
            },
            Text::new(
                format!("已取得{}", name.zh),
                format!("{} obtained", name.en),
            ),
        ),
        Needs::Qualifies => {
            let actual = match truth {
                Truth::Yes => Text::new("符合", "qualifies"),
                Truth::No => Text::new("不符合", "does not qualify"),
                Truth::Unknown => Text::new("未知", "unknown"),
            };
            (
                actual,
                Text::new(
                    format!("符合{}", name.zh),
                    format!("qualifies for {}", name.en),
                ),
            )
        }
    };
    GateResult {
        label: Text::new(
            format!("前提：{}", name.zh),
            format!("prerequisite: {}", name.en),
        ),
        truth,
        actual: Some(actual),
        required,
        confidence: p.confidence,
        id: "prerequisite".into(),
        source: p.source.clone(),
        note: None,
        to_fill: Vec::new(),
    }
}

/// What a step lacks, one line per gate not met or unknown (with its
/// reference mark), then the requirements whose text was not found.
fn lacking(s: &StepResult) -> Vec<Text> {
    let mut out = Vec::new();
    for g in s.gates.iter().filter(|g| g.truth != Truth::Yes) {
        let mark = g.confidence.mark();
        let (label_zh, label_en) = (&g.label.zh, &g.label.en);
        let line = match (&g.actual, g.truth) {
            (_, Truth::Unknown) => Text::new(
                format!(
                    "{label_zh}{mark}：未知，请填写{}",
                    fields(&g.to_fill, Lang::Zh)
                ),
                format!(
                    "{label_en}{mark}: unknown, fill in {}",
                    fields(&g.to_fill, Lang::En)
                ),
            ),
            (Some(a), _) => Text::new(
                format!("{label_zh}{mark}：{}，要求 {}", a.zh, g.required.zh),
                format!("{label_en}{mark}: {}, needs {}", a.en, g.required.en),
            ),
            (None, _) => Text::new(
                format!("{label_zh}{mark}：要求 {}", g.required.zh),
                format!("{label_en}{mark}: needs {}", g.required.en),
            ),
        };
        out.push(line);
    }
    for n in &s.not_found {
        out.push(Text::new(
            format!("另有要求未找到原文，未判断：{}", n.zh),
            format!("also required, text not found, not judged: {}", n.en),
        ));
    }
    out
}

/// Questionnaire fields by their names (the paths stay in `to_fill`).
fn fields(paths: &[String], l: Lang) -> String {
    let names: Vec<&str> = paths
        .iter()
        .map(|p| crate::fieldnames::label(p, l).unwrap_or(p))
        .collect();
    names.join(l.pick("、", ", "))
}

/// The fields to fill in for the unknown gates of these steps, once each.
fn missing_data(steps: &[StepResult]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let fields = steps.iter().flat_map(|s| &s.gates).flat_map(|g| &g.to_fill);
    for f in fields {
        if !out.contains(f) {
            out.push(f.clone());
        }
    }
    out
}

/// An edition and its values, for the result.
fn edition(pack: &LadderPack, i: usize) -> EditionUsed {
    match pack.editions.get(i) {
        Some(e) => EditionUsed {
            id: e.id.clone(),
            name: e.name.clone(),
            values: e.values.clone(),
        },
        None => EditionUsed {
            id: String::new(),
            name: Text::new("", ""),
            values: Default::default(),
        },
    }
}

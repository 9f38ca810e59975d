//! Reading a ladder pack and checking it before any evaluation: every
//! problem in one pass, each placed at its line (`Code::LevelPack`).

use super::{
    Catalogue, Edition, Gate, GateNote, LadderPack, Needs, ParamValue, Prerequisite, Step,
};
use crate::confidence::Confidence;
use crate::diag::{Code, Collector, Diagnostic};
use crate::facts::{self, Kind};
use crate::lang::Text;
use crate::levels::{LevelKind, PackHeader};
use crate::policy::pack::Condition;
use crate::textsafe::echo;
use serde::Deserialize;
use std::collections::BTreeSet;

/// The file as written. The header fields are repeated here rather than
/// flattened in, so unknown keys stay errors with their lines.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    id: String,
    version: String,
    kind: LevelKind,
    title: Text,
    document: Text,
    edition: String,
    from_year: i32,
    #[serde(default)]
    until_year: Option<i32>,
    confidence: Confidence,
    publishes: String,
    below_name: Text,
    editions: Editions,
    steps: Vec<StepFile>,
    #[serde(default)]
    catalogue: Option<Box<Catalogue>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Editions {
    /// The edition applied.
    chosen: String,
    list: Vec<Edition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepFile {
    id: String,
    name: Text,
    rank: u8,
    recognised_by: Text,
    self_assessed: bool,
    #[serde(default)]
    definition: Option<Text>,
    recognised_when: Condition,
    #[serde(default)]
    prerequisite: Option<PrerequisiteFile>,
    #[serde(default)]
    gates: Vec<GateFile>,
    #[serde(default)]
    not_found: Vec<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrerequisiteFile {
    step: String,
    needs: Needs,
    source: Text,
    confidence: Confidence,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GateFile {
    id: String,
    label: Text,
    source: Text,
    /// Required unless `parameter` gives the tag.
    #[serde(default)]
    confidence: Option<Confidence>,
    #[serde(default)]
    parameter: Option<String>,
    test: Condition,
    #[serde(default)]
    note: Option<GateNote>,
}

/// Read and check a ladder pack.
pub(super) fn load(text: &str, file: &str) -> Result<LadderPack, Vec<Diagnostic>> {
    let f: File = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    let mut c = Check {
        c: Collector::new(file, Some(text)).limited(crate::policy::MAX_PACK_ERRORS),
    };
    c.header(&f);
    let chosen = c.editions(&f);
    let steps = c.steps(&f);
    let mut conds: Vec<(String, &Condition)> = Vec::new();
    for (i, (s, sf)) in steps.iter().zip(&f.steps).enumerate() {
        let at = format!("steps[{i}]");
        conds.push((format!("{at}.recognised_when"), &s.recognised_when));
        for (j, (g, gf)) in s.gates.iter().zip(&sf.gates).enumerate() {
            // A parameter gate without its value has been reported already.
            if gf.parameter.is_none() || has_comparison(&g.test) {
                conds.push((format!("{at}.gates[{j}].test"), &g.test));
            }
            if let Some(n) = &g.note {
                conds.push((format!("{at}.gates[{j}].note.when"), &n.when));
            }
        }
    }
    for (path, cond) in &conds {
        c.no_reading(path, cond);
    }
    let problems = crate::policy::check_conditions(text, file, Code::LevelPack, conds);
    c.c.extend(problems);
    let (errs, dropped) = c.c.finish();
    if !errs.is_empty() || dropped.errors > 0 {
        return Err(errs);
    }
    let mut pack = LadderPack {
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
        publishes: f.publishes,
        below_name: f.below_name,
        editions: f.editions.list,
        chosen: chosen.unwrap_or(0),
        steps,
        catalogue: f.catalogue,
    };
    apply_edition(&mut pack);
    Ok(pack)
}

/// Give every parameter gate the chosen edition's threshold and tag, and
/// build every condition's test.
pub(super) fn apply_edition(pack: &mut LadderPack) {
    let edition = pack.editions.get(pack.chosen).cloned();
    for s in &mut pack.steps {
        for g in &mut s.gates {
            let value = g
                .parameter
                .as_ref()
                .and_then(|p| edition.as_ref()?.values.get(p));
            if let Some(v) = value {
                g.test.at_least = Some(v.value);
                g.confidence = v.confidence;
            }
            resolve(&mut g.test);
            if let Some(n) = &mut g.note {
                resolve(&mut n.when);
            }
        }
        resolve(&mut s.recognised_when);
    }
}

fn resolve(c: &mut Condition) {
    crate::policy::resolve_conditions(std::slice::from_mut(c));
}

/// Whether a gate states a test of its own (a comparison or alternatives).
fn has_comparison(c: &Condition) -> bool {
    c.compares() || c.any_of.is_some()
}

struct Check<'a> {
    c: Collector<'a>,
}

impl Check<'_> {
    fn err(&mut self, path: &str, zh: String, en: String) {
        self.c.error(Code::LevelPack, path, zh, en);
    }

    fn header(&mut self, f: &File) {
        if f.kind != LevelKind::Ladder {
            self.err(
                "kind",
                "梯度包的 kind 须为 ladder".into(),
                "a ladder pack has kind: ladder".into(),
            );
        }
        if f.until_year.is_some_and(|u| u < f.from_year) {
            self.err(
                "until_year",
                format!("until_year 早于 from_year {}", f.from_year),
                format!("until_year is before from_year {}", f.from_year),
            );
        }
        match facts::spec(&f.publishes) {
            Some(s) if s.kind == Kind::Number => {}
            _ => self.err(
                "publishes",
                format!("`{}` 不是已登记的数值事实", echo(&f.publishes)),
                format!("`{}` is not a registered number fact", echo(&f.publishes)),
            ),
        }
    }

    /// Unique edition ids, the chosen one among them, every edition with the
    /// same parameters. Returns the chosen edition's position.
    fn editions(&mut self, f: &File) -> Option<usize> {
        let list = &f.editions.list;
        let mut ids = BTreeSet::new();
        for (i, e) in list.iter().enumerate() {
            if !ids.insert(e.id.as_str()) {
                self.err(
                    &format!("editions.list[{i}].id"),
                    format!("重复的版本 id `{}`", echo(&e.id)),
                    format!("duplicate edition id `{}`", echo(&e.id)),
                );
            }
            let (mine, first) = (keys(e), list.first().map(keys).unwrap_or_default());
            if mine != first {
                self.err(
                    &format!("editions.list[{i}].values"),
                    format!("版本 `{}` 的参数与第一个版本不同", echo(&e.id)),
                    format!(
                        "edition `{}` does not give the same parameters as the first",
                        echo(&e.id)
                    ),
                );
            }
        }
        let chosen = list.iter().position(|e| e.id == f.editions.chosen);
        if chosen.is_none() {
            self.err(
                "editions.chosen",
                format!("没有 id 为 `{}` 的版本", echo(&f.editions.chosen)),
                format!("no edition has the id `{}`", echo(&f.editions.chosen)),
            );
        }
        let used: BTreeSet<&str> = f
            .steps
            .iter()
            .flat_map(|s| &s.gates)
            .filter_map(|g| g.parameter.as_deref())
            .collect();
        for p in list.first().map(keys).unwrap_or_default() {
            if !used.contains(p) {
                self.err(
                    "editions.list[0].values",
                    format!("参数 `{}` 没有门槛使用", echo(p)),
                    format!("no gate uses the parameter `{}`", echo(p)),
                );
            }
        }
        chosen
    }

    /// The steps as loaded, with their problems reported: unique ids,
    /// ranks 1, 2, 3 … in order, prerequisites naming an earlier step.
    fn steps(&mut self, f: &File) -> Vec<Step> {
        if f.steps.is_empty() {
            self.err(
                "steps",
                "梯度至少要有一级".into(),
                "a ladder needs at least one step".into(),
            );
        }
        let chosen = f.editions.list.iter().find(|e| e.id == f.editions.chosen);
        let mut out = Vec::with_capacity(f.steps.len());
        for (i, s) in f.steps.iter().enumerate() {
            let at = format!("steps[{i}]");
            if f.steps[..i].iter().any(|x| x.id == s.id) {
                self.err(
                    &format!("{at}.id"),
                    format!("重复的等级 id `{}`", echo(&s.id)),
                    format!("duplicate step id `{}`", echo(&s.id)),
                );
            }
            if usize::from(s.rank) != i + 1 {
                self.err(
                    &format!("{at}.rank"),
                    format!("第 {} 级的 rank 应为 {}, 写的是 {}", i + 1, i + 1, s.rank),
                    format!("step {} must have rank {}, not {}", i + 1, i + 1, s.rank),
                );
            }
            let prerequisite = s
                .prerequisite
                .as_ref()
                .and_then(|p| self.prerequisite(&at, p, &f.steps[..i]));
            let gates = s
                .gates
                .iter()
                .enumerate()
                .map(|(j, g)| self.gate(&format!("{at}.gates[{j}]"), g, chosen))
                .collect();
            self.gate_ids(&at, &s.gates);
            out.push(Step {
                id: s.id.clone(),
                name: s.name.clone(),
                rank: s.rank,
                recognised_by: s.recognised_by.clone(),
                self_assessed: s.self_assessed,
                definition: s.definition.clone(),
                recognised_when: s.recognised_when.clone(),
                prerequisite,
                gates,
                not_found: s.not_found.clone(),
            });
        }
        out
    }

    /// The step a prerequisite names, among the steps below.
    fn prerequisite(
        &mut self,
        at: &str,
        p: &PrerequisiteFile,
        below: &[StepFile],
    ) -> Option<Prerequisite> {
        let found = below.iter().position(|x| x.id == p.step);
        if found.is_none() {
            self.err(
                &format!("{at}.prerequisite.step"),
                format!("前提 `{}` 不是更低的一级", echo(&p.step)),
                format!("prerequisite `{}` is not a lower step", echo(&p.step)),
            );
        }
        Some(Prerequisite {
            step: found?,
            needs: p.needs,
            source: p.source.clone(),
            confidence: p.confidence,
        })
    }

    /// Gate ids unique within their step (the report and tests name gates by id).
    fn gate_ids(&mut self, at: &str, gates: &[GateFile]) {
        for (j, g) in gates.iter().enumerate() {
            if gates[..j].iter().any(|x| x.id == g.id) {
                self.err(
                    &format!("{at}.gates[{j}].id"),
                    format!("重复的门槛 id `{}`", echo(&g.id)),
                    format!("duplicate gate id `{}`", echo(&g.id)),
                );
            }
        }
    }

    /// One gate: its tag from itself or from its parameter, never both; a
    /// parameter gate's threshold from the chosen edition, not written in
    /// its test.
    fn gate(&mut self, at: &str, g: &GateFile, chosen: Option<&Edition>) -> Gate {
        let mut test = g.test.clone();
        let mut confidence = g.confidence.unwrap_or(Confidence::Inference);
        match &g.parameter {
            Some(p) => {
                if let Some(v) = self.parameter(at, p, g, chosen) {
                    test.at_least = Some(v.value);
                    confidence = v.confidence;
                }
            }
            None if g.confidence.is_none() => self.err(
                at,
                format!("门槛 `{}` 缺少 confidence (O, O-r, S, T, M)", echo(&g.id)),
                format!(
                    "gate `{}` needs a confidence tag (O, O-r, S, T, M)",
                    echo(&g.id)
                ),
            ),
            None => {}
        }
        Gate {
            id: g.id.clone(),
            label: g.label.clone(),
            source: g.source.clone(),
            confidence,
            parameter: g.parameter.clone(),
            test,
            note: g.note.clone(),
        }
    }

    /// A parameter gate's value in the chosen edition; the gate itself
    /// writes neither a threshold nor a tag (one source for each).
    fn parameter<'e>(
        &mut self,
        at: &str,
        p: &str,
        g: &GateFile,
        chosen: Option<&'e Edition>,
    ) -> Option<&'e ParamValue> {
        if g.confidence.is_some() {
            self.err(
                &format!("{at}.confidence"),
                "参数门槛的可信度来自版本参数, 不在此处写".into(),
                "a parameter gate takes its tag from the edition's value; do not write one here"
                    .into(),
            );
        }
        if has_comparison(&g.test) {
            self.err(
                &format!("{at}.test"),
                format!("门槛值来自参数 `{}`, test 只写 fact", echo(p)),
                format!(
                    "the threshold comes from the parameter `{}`; the test names only the fact",
                    echo(p)
                ),
            );
        }
        let value = chosen?.values.get(p);
        if value.is_none() {
            self.err(
                &format!("{at}.parameter"),
                format!("版本中没有参数 `{}`", echo(p)),
                format!("the edition has no parameter `{}`", echo(p)),
            );
        }
        value
    }

    /// Readings (`under`) belong to policy packs; a ladder has editions.
    fn no_reading(&mut self, path: &str, c: &Condition) {
        if c.under.is_some() {
            self.err(
                &format!("{path}.under"),
                "梯度包的条件不用 under; 不同来源的门槛写成版本参数".into(),
                "a ladder's conditions take no `under`; thresholds that differ by source are edition parameters".into(),
            );
        }
    }
}

fn keys(e: &Edition) -> BTreeSet<&str> {
    e.values.keys().map(String::as_str).collect()
}

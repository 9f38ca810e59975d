//! Policy test cases written as YAML (政策测试用例).
//!
//! A bureau that edits a pack proves it still computes what the text says by
//! running `zhizao policy test`: each case is a questionnaire fragment merged
//! over a base questionnaire, and the expected status and amounts per track,
//! computed by hand from the policy text.

use crate::assess::Engine;
use crate::diag::Diagnostic;
use crate::lang::Text;
use crate::policy::eval::TrackStatus;
use crate::policy::pack::Funder;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_yaml::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A file of test cases.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestFile {
    /// Base questionnaire, relative to this file (default `_base.yaml` beside it).
    #[serde(default)]
    pub base: Option<String>,
    /// Cases.
    pub cases: Vec<Case>,
}

/// One case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Name.
    pub name: String,
    /// Hand computation.
    #[serde(default)]
    pub note: Option<String>,
    /// Fragment merged over the base (mappings merge, everything else replaces).
    #[serde(default)]
    pub questionnaire: Option<Value>,
    /// Facts given directly, set over those built from the questionnaire
    /// (`name: value`; `null` makes a fact unknown). For conditions no
    /// questionnaire can reach, or to test the pack alone.
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
    /// Expected results per track.
    pub expect: Vec<Expect>,
    /// Expected district cap.
    #[serde(default)]
    pub district_cap: Option<CapExpect>,
    /// Readings to run the case under (`{id: option}`, as `--reading`); the
    /// pack's defaults otherwise.
    #[serde(default)]
    pub readings: BTreeMap<String, String>,
    /// Readings the case depends on beyond those found from its tracks
    /// (listed by `zhizao policy test`).
    #[serde(default)]
    pub depends_on: Vec<String>,
    /// Expected totals' maxima by funder, after the district cap.
    #[serde(default)]
    pub totals: Option<TotalsExpect>,
    /// Expected validity warning: `true` when the data year is after the
    /// pack's horizon (amounts still computed).
    #[serde(default)]
    pub beyond_horizon: Option<bool>,
}

/// Expected result for one track.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// Track id.
    pub track: String,
    /// Status id.
    pub status: String,
    /// Minimum, CNY, before the district cap.
    #[serde(default)]
    pub min: Option<Decimal>,
    /// Maximum, CNY, before the district cap.
    #[serde(default)]
    pub max: Option<Decimal>,
    /// Maximum by funder after the district cap.
    #[serde(default)]
    pub funders: Option<BTreeMap<Funder, Decimal>>,
    /// Minimum by funder after the district cap (for ranges: a sure part
    /// plus an "up to" part).
    #[serde(default)]
    pub funders_min: Option<BTreeMap<Funder, Decimal>>,
    /// A tax benefit's extra deduction from taxable income, CNY.
    #[serde(default)]
    pub extra_deduction: Option<Decimal>,
    /// A tax benefit's estimated tax saved, CNY.
    #[serde(default)]
    pub tax_saving: Option<Decimal>,
    /// The fields a `missing_data` track asks for, in order.
    #[serde(default)]
    pub missing: Option<Vec<String>>,
}

/// Expected totals (maxima by funder): `eligible` is what is due, the cap
/// decided on eligible awards alone; `potential` adds the candidates.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TotalsExpect {
    /// Eligible totals.
    #[serde(default)]
    pub eligible: BTreeMap<Funder, Decimal>,
    /// Eligible + candidate totals.
    #[serde(default)]
    pub potential: BTreeMap<Funder, Decimal>,
}

/// Expected district cap.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapExpect {
    /// District maxima before the cap.
    #[serde(default)]
    pub before: Option<Decimal>,
    /// After.
    #[serde(default)]
    pub after: Option<Decimal>,
    /// District minima after the cap.
    #[serde(default)]
    pub after_min: Option<Decimal>,
    /// Tracks cut.
    #[serde(default)]
    pub cut: Option<Vec<String>>,
    /// The cap run on eligible tracks alone (the fields above are the run
    /// on eligible + candidates).
    #[serde(default)]
    pub eligible: Option<Box<CapExpect>>,
}

/// Every case, whatever it expects: the tracks' shares add up to the totals
/// exactly, eligible tracks' due shares to the eligible totals, and with
/// candidates (an eligible track at its potential district share) to the
/// potential totals.
fn shares_add_up(a: &crate::policy::eval::PolicyResult) -> Vec<String> {
    use crate::money::Range;
    let sum = |potential: bool| {
        let mut by: BTreeMap<Funder, Range> = BTreeMap::new();
        let counted = a
            .tracks
            .iter()
            .filter(|t| t.status == TrackStatus::Eligible || (potential && t.counts()));
        for t in counted {
            for (f, r) in &t.by_funder {
                let r = match t.district_potential {
                    Some(d) if potential && *f == Funder::standard("district") => d,
                    _ => *r,
                };
                let e = by.entry(f.clone()).or_insert(Range::ZERO);
                *e = e.plus(r);
            }
        }
        by
    };
    let mut diffs = Vec::new();
    let runs = [
        ("eligible", sum(false), &a.eligible_totals),
        ("potential", sum(true), &a.potential_totals),
    ];
    for (what, got, totals) in runs {
        for (f, want) in &totals.by_funder {
            let g = got.get(f).copied().unwrap_or(Range::ZERO);
            if g != *want {
                let show = |r: Range| {
                    let max = r.max.map_or("open".into(), |d| d.normalize().to_string());
                    format!("{}–{max}", r.min.normalize())
                };
                diffs.push(format!(
                    "{what} totals, {}: the tracks add up to {}, the total is {}",
                    f.label().en,
                    show(g),
                    show(*want)
                ));
            }
        }
    }
    diffs
}

/// Compare one run of the cap, (before, after, cut), with what a case expects.
fn check_cap(
    ce: &CapExpect,
    (before, after, cut): (crate::money::Range, crate::money::Range, &Vec<String>),
    what: &str,
    diffs: &mut Vec<String>,
) {
    let show = |v: Option<Decimal>| v.map_or("open".into(), |d| d.normalize().to_string());
    if let Some(b) = ce.before.filter(|b| before.max != Some(*b)) {
        diffs.push(format!(
            "{what}: before expected {b}, got {}",
            show(before.max)
        ));
    }
    if let Some(b) = ce.after.filter(|b| after.max != Some(*b)) {
        diffs.push(format!(
            "{what}: after expected {b}, got {}",
            show(after.max)
        ));
    }
    if let Some(b) = ce.after_min.filter(|b| after.min != *b) {
        diffs.push(format!(
            "{what}: after (minimum) expected {b}, got {}",
            after.min.normalize()
        ));
    }
    if let Some(want) = &ce.cut {
        let mut want = want.clone();
        want.sort();
        let mut got = cut.clone();
        got.sort();
        if want != got {
            diffs.push(format!("{what}: cut expected {want:?}, got {got:?}"));
        }
    }
}

/// Outcome of one case.
#[derive(Debug)]
pub struct CaseOutcome {
    /// File.
    pub file: String,
    /// Case name.
    pub name: String,
    /// Differences (empty = pass).
    pub diffs: Vec<String>,
    /// Readings the case depends on (ids).
    pub readings: Vec<String>,
}

/// Outcome of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Per case.
    pub cases: Vec<CaseOutcome>,
    /// Files that could not be used.
    pub errors: Vec<Diagnostic>,
}

impl Outcome {
    /// Passed cases.
    pub fn passed(&self) -> usize {
        self.cases.iter().filter(|c| c.diffs.is_empty()).count()
    }
    /// Failed cases.
    pub fn failed(&self) -> usize {
        self.cases.len() - self.passed()
    }
}

/// Deep-merge `over` into `base`: mappings merge key by key, anything else replaces.
pub fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// Collect test files: files as given, folders searched for `*.yaml` (not starting with `_`).
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .filter(|f| {
                    f.extension().is_some_and(|x| x == "yaml" || x == "yml")
                        && !f
                            .file_name()
                            .is_some_and(|n| n.to_string_lossy().starts_with('_'))
                })
                .collect();
            entries.sort();
            out.extend(entries);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let shown = path.display().to_string();
    let bytes = crate::yaml::read_capped(path, &shown, crate::yaml::MAX_PACK_BYTES)?;
    crate::yaml::decode(&bytes, &shown)
}

/// One test file, read: its cases and the base questionnaire they merge over.
#[derive(Debug)]
pub struct Loaded {
    /// File, as shown.
    pub file: String,
    /// Base questionnaire.
    pub base: Value,
    /// Cases.
    pub cases: Vec<Case>,
}

/// Read test files (and each one's base); a file that cannot be used is an error.
pub fn load(files: &[PathBuf]) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        let shown = f.display().to_string();
        let tf: TestFile = match read_text(f).and_then(|t| crate::yaml::from_str(&t, &shown)) {
            Ok(tf) => tf,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let base_path = f
            .parent()
            .unwrap_or(Path::new("."))
            .join(tf.base.as_deref().unwrap_or("_base.yaml"));
        match read_text(&base_path)
            .and_then(|t| crate::yaml::from_str(&t, &base_path.display().to_string()))
        {
            Ok(base) => out.push(Loaded {
                file: shown,
                base,
                cases: tf.cases,
            }),
            Err(d) => errors.push(d),
        }
    }
    (out, errors)
}

/// Run test files against an engine.
pub fn run(engine: &Engine, files: &[PathBuf]) -> Outcome {
    let (loaded, errors) = load(files);
    let mut out = Outcome {
        errors,
        ..Outcome::default()
    };
    for l in loaded {
        for case in &l.cases {
            out.cases.push(CaseOutcome {
                file: l.file.clone(),
                readings: depends(&engine.policy, case),
                name: case.name.clone(),
                diffs: check(engine, &l.base, case, &l.file),
            });
        }
    }
    out
}

/// The policy result of a case: the stages of an assessment, then the
/// case's own facts over the built ones.
fn evaluate(
    engine: &Engine,
    q: &crate::questionnaire::Questionnaire,
    given: &BTreeMap<String, Value>,
) -> Result<crate::policy::eval::PolicyResult, String> {
    let ind = crate::indicators::compute(q);
    let m = crate::maturity::estimate(&engine.criteria.maturity, q, &ind);
    let crit = crate::criteria::evaluate(&engine.criteria, q, &ind, &m);
    let mut f = crate::facts::build(q, &ind, &crit, &m);
    for (name, v) in given {
        let x = crate::facts::from_yaml(name, v).map_err(|e| format!("facts: {e}"))?;
        f.set_named(name, x).map_err(|e| format!("facts: {e}"))?;
    }
    // Every pack of the engine (the shipped ones, or those given): a case
    // finds its track by id, and a pack not covering the data year shows
    // its tracks `not_in_force` (an assessment leaves such a pack out).
    let packs: Vec<_> = engine.policies().collect();
    Ok(crate::policy::combine::evaluate_all(&packs, &f).0)
}

/// Readings a case depends on: those it sets or names, those whose tracks
/// it checks, and the district-cap readings when it checks the cap.
fn depends(pack: &crate::policy::pack::PolicyPack, case: &Case) -> Vec<String> {
    let cap_readings: Vec<&str> = pack
        .as_written
        .as_deref()
        .unwrap_or(pack)
        .district_cap
        .iter()
        .flat_map(|d| d.settings.iter())
        .filter_map(|s| s.under.as_ref().map(|u| u.reading.as_str()))
        .collect();
    pack.readings
        .iter()
        .filter(|r| {
            case.readings.contains_key(&r.id)
                || case.depends_on.contains(&r.id)
                || case.expect.iter().any(|e| r.tracks.contains(&e.track))
                || (case.district_cap.is_some() && cap_readings.contains(&r.id.as_str()))
        })
        .map(|r| r.id.clone())
        .collect()
}

/// Run one case: the differences from what it expects (empty = pass).
pub fn check(engine: &Engine, base: &Value, case: &Case, file: &str) -> Vec<String> {
    if !case.readings.is_empty() {
        return match crate::policy::with_readings(&engine.policy, &case.readings) {
            Ok(policy) => {
                let e = Engine {
                    policy,
                    ..engine.clone()
                };
                run_case_with(&e, base, case, file)
            }
            Err(m) => vec![format!("readings: {}", m.en)],
        };
    }
    run_case_with(engine, base, case, file)
}

fn run_case_with(engine: &Engine, base: &Value, case: &Case, file: &str) -> Vec<String> {
    let mut doc = base.clone();
    if let Some(frag) = &case.questionnaire {
        merge(&mut doc, frag.clone());
    }
    let q: crate::questionnaire::Questionnaire = match serde_yaml::from_value(doc) {
        Ok(q) => q,
        Err(e) => return vec![format!("questionnaire does not parse: {e}")],
    };
    let problems = crate::validate::validate(&q, file, None);
    if let Some(p) = problems.iter().find(|d| d.is_error()) {
        return vec![format!(
            "questionnaire is invalid: {}: {}",
            p.path.clone().unwrap_or_default(),
            p.message.en
        )];
    }
    let a = match evaluate(engine, &q, &case.facts) {
        Ok(a) => a,
        Err(e) => return vec![e],
    };
    let mut diffs = Vec::new();
    for e in &case.expect {
        let Some(t) = a.tracks.iter().find(|t| t.id == e.track) else {
            diffs.push(format!("track `{}` is not in the pack", e.track));
            continue;
        };
        match TrackStatus::from_id(&e.status) {
            None => diffs.push(format!(
                "{}: unknown expected status `{}`",
                e.track, e.status
            )),
            Some(s) if s != t.status => {
                let why = t
                    .conditions
                    .iter()
                    .filter(|c| c.truth != crate::policy::eval::Truth::Yes)
                    .map(|c| {
                        format!(
                            "{} = {} (needs {})",
                            c.fact,
                            c.actual.clone().unwrap_or_else(|| "unknown".into()),
                            c.required
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                diffs.push(format!(
                    "{}: status expected {}, got {}{}",
                    e.track,
                    e.status,
                    t.status.id(),
                    if why.is_empty() {
                        String::new()
                    } else {
                        format!(" — {why}")
                    }
                ));
            }
            _ => {}
        }
        let amount = t.amount;
        if let Some(min) = e.min {
            let got = amount.map(|r| r.min);
            if got != Some(min) {
                diffs.push(format!(
                    "{}: min expected {min}, got {}",
                    e.track,
                    show(got)
                ));
            }
        }
        if let Some(max) = e.max {
            let got = amount.and_then(|r| r.max);
            if got != Some(max) {
                diffs.push(format!(
                    "{}: max expected {max}, got {}",
                    e.track,
                    show(got)
                ));
            }
        }
        if let Some(fs) = &e.funders {
            for (f, want) in fs {
                let got = t.by_funder.get(f).and_then(|r| r.max);
                if got != Some(*want) {
                    diffs.push(format!(
                        "{}: {} share expected {want}, got {}",
                        e.track,
                        f.label().en,
                        show(got)
                    ));
                }
            }
            for f in t.by_funder.keys() {
                if !fs.contains_key(f) {
                    diffs.push(format!("{}: unexpected {} share", e.track, f.label().en));
                }
            }
        }
        if let Some(want) = &e.missing {
            if *want != t.missing {
                diffs.push(format!(
                    "{}: missing expected {want:?}, got {:?}",
                    e.track, t.missing
                ));
            }
        }
        let tax = t.tax.as_ref();
        for (what, want, got) in [
            (
                "extra deduction",
                e.extra_deduction,
                tax.and_then(|x| x.extra_deduction),
            ),
            ("tax saving", e.tax_saving, tax.and_then(|x| x.saving)),
        ] {
            if let Some(w) = want {
                if got != Some(w) {
                    diffs.push(format!(
                        "{}: {what} expected {w}, got {}",
                        e.track,
                        show(got)
                    ));
                }
            }
        }
        for (f, want) in e.funders_min.iter().flatten() {
            let got = t.by_funder.get(f).map(|r| r.min);
            if got != Some(*want) {
                diffs.push(format!(
                    "{}: {} minimum expected {want}, got {}",
                    e.track,
                    f.label().en,
                    show(got)
                ));
            }
        }
    }
    if let Some(ce) = &case.district_cap {
        match &a.district_cap {
            None => diffs.push("the pack has no district cap".into()),
            Some(dc) => {
                let all = (dc.before, dc.after, &dc.cut);
                check_cap(ce, all, "district cap", &mut diffs);
                if let Some(ee) = &ce.eligible {
                    let e = &dc.eligible;
                    let run = (e.before, e.after, &e.cut);
                    check_cap(ee, run, "district cap (eligible only)", &mut diffs);
                }
            }
        }
    }
    if let Some(te) = &case.totals {
        let runs = [
            ("eligible", &te.eligible, &a.eligible_totals),
            ("potential", &te.potential, &a.potential_totals),
        ];
        for (what, want, got) in runs {
            for (f, w) in want {
                let g = got.by_funder.get(f).and_then(|r| r.max);
                if g != Some(*w) {
                    diffs.push(format!(
                        "{what} total, {}: expected {w}, got {}",
                        f.label().en,
                        g.map_or("open".into(), |d| d.normalize().to_string())
                    ));
                }
            }
        }
    }
    diffs.extend(shares_add_up(&a));
    if let Some(want) = case.beyond_horizon {
        if a.beyond_horizon != want {
            diffs.push(format!(
                "beyond the horizon expected {want}, got {}",
                a.beyond_horizon
            ));
        }
    }
    diffs
}

fn show(v: Option<Decimal>) -> String {
    v.map(|x| x.normalize().to_string())
        .unwrap_or_else(|| "none".into())
}

/// Every reading of the pack, its options (the default marked) and the
/// cases that depend on it, for `zhizao policy test`.
pub fn readings_listing(
    pack: &crate::policy::pack::PolicyPack,
    o: &Outcome,
    lang: crate::lang::Lang,
) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    if pack.readings.is_empty() {
        return out;
    }
    let _ = writeln!(out, "\n{}", lang.pick("解读 (readings):", "Readings:"));
    for r in &pack.readings {
        let _ = writeln!(out, "  {} [{}] {}", r.id, r.clause, r.question.get(lang));
        for opt in &r.options {
            let mark = if opt.id == r.taken { "*" } else { " " };
            let _ = writeln!(out, "    {mark} {} — {}", opt.id, opt.text.get(lang));
        }
        let cases: Vec<&CaseOutcome> = o
            .cases
            .iter()
            .filter(|c| c.readings.contains(&r.id))
            .collect();
        let _ = writeln!(
            out,
            "    {} {}",
            cases.len(),
            lang.pick("个用例依赖此解读:", "cases depend on it:")
        );
        for c in cases {
            let _ = writeln!(out, "      {} :: {}", c.file, c.name);
        }
    }
    out
}

/// Summary line, in the form CI runners read: "N passed, N failed".
pub fn summary(o: &Outcome) -> Text {
    Text::new(
        format!(
            "{} passed, {} failed",
            o.passed(),
            o.failed() + o.errors.len()
        ),
        format!(
            "{} passed, {} failed",
            o.passed(),
            o.failed() + o.errors.len()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(yaml: &str) -> Case {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn a_wrong_expectation_is_a_difference() {
        let engine = Engine::default();
        let base: Value = serde_yaml::from_str(
            "schema_version: 1\nenterprise: {name: x, sector: other, data_year: 2017, new_tax_district_retained_wan: 1000}",
        )
        .unwrap();
        // IPO, confirmed CNC enterprise: city 500,000 + district 50,000 = 550,000.
        let good = case(
            "name: ok\nquestionnaire: {enterprise: {cnc_smart_manufacturing_enterprise: true}, listing: {venue: ipo}}\nexpect: [{track: listing-award, status: eligible, min: 550000, funders: {city: 500000, district: 50000}}]",
        );
        assert_eq!(check(&engine, &base, &good, "t.yaml"), Vec::<String>::new());
        let bad = case(
            "name: bad\nquestionnaire: {enterprise: {cnc_smart_manufacturing_enterprise: true}, listing: {venue: ipo}}\nexpect: [{track: listing-award, status: eligible, min: 500000}]",
        );
        let d = check(&engine, &base, &bad, "t.yaml");
        assert_eq!(
            d,
            vec!["listing-award: min expected 500000, got 550000".to_string()]
        );
        let facts = case("name: f\nfacts: {no.such: 1}\nexpect: []");
        assert!(check(&engine, &base, &facts, "t.yaml")[0].contains("unknown fact `no.such`"));
        let reading = case("name: r\nreadings: {warehouse-cap: per-site}\nexpect: []");
        assert!(check(&engine, &base, &reading, "t.yaml")[0].contains("per-facility"));
    }

    #[test]
    fn merge_is_deep_for_mappings_only() {
        let mut a: Value = serde_yaml::from_str("x: {a: 1, b: 2}\nl: [1, 2]").unwrap();
        let b: Value = serde_yaml::from_str("x: {b: 3}\nl: [9]").unwrap();
        merge(&mut a, b);
        let want: Value = serde_yaml::from_str("x: {a: 1, b: 3}\nl: [9]").unwrap();
        assert_eq!(a, want);
    }
}

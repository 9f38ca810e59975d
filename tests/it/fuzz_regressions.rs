//! Regression inputs for the fuzz targets (fuzz/fuzz_targets/), run by plain
//! `cargo test`: every file under `tests/fuzz_regressions/<target>/` goes
//! through the same code path as that target, must not panic, and must
//! finish within a time bound. Minimised crashers, hangs and out-of-memory
//! inputs found by fuzzing (or by the hostile corpus) are kept here, with a
//! name that says what they broke; see docs/testing.md.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use zhizao::assess::{Engine, InputInfo};
use zhizao::input::Loaded;

/// Per input, in this (debug) build; the fuzzers run with a 10 s timeout.
const BOUND: Duration = Duration::from_secs(2);

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::default)
}

/// fuzz_targets/questionnaire.rs
fn questionnaire(data: &[u8]) {
    if data.len() as u64 > zhizao::yaml::MAX_QUESTIONNAIRE_BYTES {
        return;
    }
    if let Ok(l) = zhizao::input::from_bytes(data, "fuzz.yaml") {
        let a = engine().assess(
            &l.questionnaire,
            InputInfo {
                file: "fuzz.yaml".into(),
                sha256: l.sha256.clone(),
            },
            l.warnings.clone(),
        );
        let _ = zhizao::report::json(&a);
    }
}

/// fuzz_targets/policy_pack.rs
fn policy_pack(data: &[u8]) {
    if data.len() as u64 > zhizao::yaml::MAX_PACK_BYTES {
        return;
    }
    if let Ok(text) = zhizao::yaml::decode(data, "fuzz-pack.yaml") {
        let _ = zhizao::policy::load_pack(&text, "fuzz-pack.yaml");
    }
}

/// fuzz_targets/whatif_set.rs
fn whatif_set(data: &[u8]) {
    static BASE: OnceLock<Loaded> = OnceLock::new();
    if data.len() > 64 * 1024 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let base = BASE.get_or_init(|| {
        let text = include_str!("../../questionnaires/examples/autoparts-digital-workshop.yaml");
        zhizao::input::from_bytes(text.as_bytes(), "base.yaml").expect("base loads")
    });
    let sets: Vec<String> = text.lines().map(str::to_string).collect();
    if let Ok((l, _)) = zhizao::whatif::apply(base, "base.yaml", &sets) {
        let a = engine().assess(
            &l.questionnaire,
            InputInfo {
                file: "base.yaml".into(),
                sha256: l.sha256.clone(),
            },
            l.warnings.clone(),
        );
        let _ = zhizao::report::json(&a);
    }
}

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    v.sort();
    v
}

fn run_all(target: &str, f: fn(&[u8])) {
    let files = inputs(target);
    let mut failures = Vec::new();
    for p in &files {
        let data = std::fs::read(p).unwrap();
        let t = Instant::now();
        let r = catch_unwind(AssertUnwindSafe(|| f(&data)));
        let took = t.elapsed();
        let name = p.file_name().unwrap().to_string_lossy();
        if r.is_err() {
            failures.push(format!("{name}: panicked"));
        } else if took > BOUND {
            failures.push(format!("{name}: took {took:?}"));
        }
    }
    assert!(failures.is_empty(), "{target}: {failures:#?}");
    eprintln!("{target}: {} inputs", files.len());
}

#[test]
fn questionnaire_regressions() {
    run_all("questionnaire", questionnaire);
}

#[test]
fn policy_pack_regressions() {
    run_all("policy_pack", policy_pack);
}

#[test]
fn whatif_set_regressions() {
    run_all("whatif_set", whatif_set);
}

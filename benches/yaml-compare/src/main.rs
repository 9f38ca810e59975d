//! Parse every file of a corpus with each YAML crate into `IgnoredAny` (the
//! parser's own cost: scanning, events, dispatch), and print the time per
//! file of each; then print what each says about every hostile file.
//!
//! The crates: serde_norway (libyaml port, what zhizao uses), yaml_serde
//! (the YAML organisation's serde_yaml, also a libyaml port), serde-saphyr
//! (pure Rust, with budgets), noyalib (pure Rust, no unsafe) and yaml0.
//! Each parse function is kept out of line, so a callgrind profile of this
//! program gives each crate's instructions as the inclusive cost of its
//! function (`yaml_compare::norway` …).

use serde::de::IgnoredAny;
use std::path::PathBuf;
use std::time::Instant;

fn texts(dir: &str) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
        .expect("a folder of YAML files")
        .flatten()
        .filter_map(|e| Some((e.path(), std::fs::read_to_string(e.path()).ok()?)))
        .collect();
    out.sort();
    out
}

#[inline(never)]
fn norway(t: &str) -> Result<(), String> {
    serde_norway::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[inline(never)]
fn yaml_serde(t: &str) -> Result<(), String> {
    yaml_serde::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[inline(never)]
fn saphyr(t: &str) -> Result<(), String> {
    serde_saphyr::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[inline(never)]
fn noyalib(t: &str) -> Result<(), String> {
    noyalib::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

#[inline(never)]
fn yaml0(t: &str) -> Result<(), String> {
    yaml0::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

type Parse = fn(&str) -> Result<(), String>;

const PARSERS: [(&str, Parse); 5] = [
    ("serde_norway", norway),
    ("yaml_serde", yaml_serde),
    ("serde-saphyr", saphyr),
    ("noyalib", noyalib),
    ("yaml0", yaml0),
];

fn time(name: &str, files: &[(PathBuf, String)], f: Parse, passes: usize) {
    let mut best = f64::MAX;
    for _ in 0..passes {
        let t = Instant::now();
        let failed: Vec<String> = files
            .iter()
            .filter_map(|(p, s)| f(s).err().map(|e| format!("{}: {e}", p.display())))
            .collect();
        best = best.min(t.elapsed().as_secs_f64());
        if let Some(first) = failed.first() {
            println!(
                "{name}: {} corpus files failed, first {first}",
                failed.len()
            );
        }
    }
    println!(
        "{name:14} {:8.1} µs per file (best of {passes}, {} files)",
        best * 1e6 / files.len() as f64,
        files.len()
    );
}

/// What a parser says about a text: `ok`, or the first line of its error.
fn said(f: Parse, t: &str) -> String {
    match f(t) {
        Ok(()) => "ok".to_string(),
        Err(e) => e.lines().next().unwrap_or("").chars().take(150).collect(),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--one PARSER FILE`: one parser on one file, so that a parser without
    // budgets (an alias bomb takes all memory) can be run in a process of
    // its own, under `ulimit -v` and `timeout` (see hostile.sh).
    if args.first().map(String::as_str) == Some("--one") {
        let f = PARSERS
            .iter()
            .find(|(n, _)| Some(*n) == args.get(1).map(String::as_str))
            .map(|(_, f)| *f)
            .expect("a parser name");
        let text = std::fs::read_to_string(&args[2]).expect("a UTF-8 file");
        println!("{}", said(f, &text));
        return;
    }
    let corpus = texts(&args[0]);
    // PASSES=1 under callgrind (instructions do not vary between passes).
    let passes = std::env::var("PASSES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(5);
    for (name, f) in PARSERS {
        time(name, &corpus, f, passes);
    }
    if let Some(hostile) = args.get(1) {
        for (p, t) in texts(hostile) {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            println!("{name}");
            for (parser, f) in PARSERS {
                println!("  {parser:12} {}", said(f, &t));
            }
        }
    }
}

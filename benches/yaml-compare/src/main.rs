//! Parse every file of a corpus with serde_norway (libyaml port, what zhizao
//! uses) and serde-saphyr (pure Rust, with budgets), into `IgnoredAny` (the
//! parser's own cost: scanning, events, dispatch), and print the time per
//! file of each; then print what each says about every hostile file.

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

fn norway(t: &str) -> Result<(), String> {
    serde_norway::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn saphyr(t: &str) -> Result<(), String> {
    serde_saphyr::from_str::<IgnoredAny>(t)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

fn time(name: &str, files: &[(PathBuf, String)], f: fn(&str) -> Result<(), String>) {
    let mut best = f64::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        let ok = files.iter().filter(|(_, s)| f(s).is_ok()).count();
        best = best.min(t.elapsed().as_secs_f64());
        assert_eq!(ok, files.len(), "{name}: a corpus file failed");
    }
    println!(
        "{name:14} {:8.1} µs per file (best of 5, {} files)",
        best * 1e6 / files.len() as f64,
        files.len()
    );
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let corpus = texts(&args[0]);
    time("serde_norway", &corpus, norway);
    time("serde-saphyr", &corpus, saphyr);
    if let Some(hostile) = args.get(1) {
        for (p, t) in texts(hostile) {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            let one = |r: Result<(), String>| match r {
                Ok(()) => "ok".to_string(),
                Err(e) => e.lines().next().unwrap_or("").chars().take(150).collect(),
            };
            println!("{name}\n  norway: {}\n  saphyr: {}", one(norway(&t)), one(saphyr(&t)));
        }
    }
}

//! The read floor (issue 18): how fast this machine can only *read* the files
//! `zhizao screen` would screen — the same walk (`screen::walk`), the same
//! capped read (`yaml::read_capped`), the same thread pool, and nothing
//! else. `screen` is measured against this in the same run
//! (`scripts/bench-screen.sh`), so the ratio does not depend on the disk or
//! the load of the day.
//!
//! Run: `cargo bench --bench floor -- DIR... [--jobs N]` (default 2 threads).
//! Prints files, bytes, seconds and files per second.

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut jobs = 2usize;
    let mut dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            // `cargo bench` passes `--bench` to every bench binary.
            "--bench" => {}
            "--jobs" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => jobs = n,
                None => fail("--jobs needs a number"),
            },
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        fail("usage: cargo bench --bench floor -- DIR... [--jobs N]");
    }
    let t = Instant::now();
    let walked = zhizao::screen::walk::walk(&dirs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .unwrap_or_else(|e| fail(&format!("thread pool: {e}")));
    let (files, bytes) = pool.install(|| {
        (0..walked.files.len())
            .into_par_iter()
            .map(|i| {
                let p = walked.files.get(i);
                let shown = p.display().to_string();
                let cap = zhizao::yaml::MAX_QUESTIONNAIRE_BYTES;
                match zhizao::yaml::read_capped(&p, &shown, cap) {
                    Ok(b) => (1usize, b.len()),
                    Err(_) => (0, 0),
                }
            })
            .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
    });
    let secs = t.elapsed().as_secs_f64();
    println!(
        "read floor: {files} files, {bytes} bytes, {jobs} threads, {secs:.3} s, {:.0} files/s",
        files as f64 / secs.max(1e-9)
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("{msg}");
    std::process::exit(2)
}

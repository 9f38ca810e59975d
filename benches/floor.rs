//! The read floor (issue 18): how fast this machine can only *read* the files
//! `zhizao screen` would screen — the same walk, capped read and thread pool
//! (`zhizao::screen::read_floor`, also `zhizao screen --read-floor`), and
//! nothing else. `scripts/bench-screen.sh` sets `screen` against it in the
//! same run, so the ratio does not depend on the disk or the load of the day.
//!
//! Run: `cargo bench --bench floor -- DIR... [--jobs N]` (default 2 threads).

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
    let (read, failed) =
        zhizao::screen::read_floor(&dirs, jobs).unwrap_or_else(|e| fail(&format!("{e}")));
    let secs = t.elapsed().as_secs_f64();
    println!(
        "read floor: {read} files read, {failed} failed, {jobs} threads, {secs:.3} s, {:.0} files/s",
        (read + failed) as f64 / secs.max(1e-9)
    );
}

fn fail(msg: &str) -> ! {
    eprintln!("floor: {msg}");
    std::process::exit(2)
}

//! Every case in policies/tests/ as its own test (libtest-mimic), named
//! `file::case`, so one case can be run or filtered by name:
//! `cargo test --test policy_cases -- district-cap` or `-- --exact 'one-off-years::…'`.
//! A file that cannot be read is a failing test of its own.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::PathBuf;
use std::sync::Arc;
use zhizao::assess::Engine;
use zhizao::cases as testcase;

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/tests");
    let files = testcase::collect(&[dir]);
    let (loaded, errors) = testcase::load(&files);
    let engine = Arc::new(Engine::default());
    let mut trials = Vec::new();
    for d in errors {
        let msg = format!("{}: {}", d.file, d.message.en);
        trials.push(Trial::test(format!("unreadable::{}", d.file), move || {
            Err(Failed::from(msg))
        }));
    }
    for l in loaded.into_iter().map(Arc::new) {
        let stem = PathBuf::from(&l.file)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for i in 0..l.cases.len() {
            let (l, engine) = (Arc::clone(&l), Arc::clone(&engine));
            let name = format!("{stem}::{}", l.cases[i].name);
            trials.push(Trial::test(name, move || {
                let diffs = testcase::check(&engine, &l.base, &l.cases[i], &l.file);
                if diffs.is_empty() {
                    Ok(())
                } else {
                    Err(Failed::from(diffs.join("\n")))
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

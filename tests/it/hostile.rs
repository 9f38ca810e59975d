//! Hostile inputs (恶意/异常输入): every file in `tests/hostile/` and a few
//! generated at run time (too big to commit) must be rejected or handled
//! quickly, in little memory, with a message that says what to fix.
//!
//! Each case runs twice: through the library (`read_capped` → `from_bytes`,
//! then a full assessment when valid) and through the binary
//! (`zhizao validate --lang en`). Speed is not asserted here — a wall-clock
//! bound fails on a busy machine and proves nothing on an idle one; the
//! release timings are measured by the benchmarks and recorded in
//! docs/testing.md. A run that hangs is stopped by a 60 s timeout. Where
//! `/usr/bin/time` exists the binary's peak RSS is checked against 100 MB.

use assert_cmd::Command;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use zhizao::assess::{Engine, InputInfo};
use zhizao::diag::Diagnostic;

/// Peak memory bound per case, KB.
const MAX_RSS_KB: u64 = 100 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    outcome: Outcome,
    code: Option<String>,
    message: Option<String>,
    hint: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Outcome {
    Rejected,
    Valid,
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

fn expectations() -> BTreeMap<String, Expect> {
    let text = std::fs::read_to_string(dir().join("EXPECTED.yaml")).expect("EXPECTED.yaml");
    zhizao::yaml::from_str(&text, "EXPECTED.yaml").expect("EXPECTED.yaml parses")
}

/// The library path of `zhizao validate`/`assess`: capped read, decode,
/// guard, parse, validate; a valid file is assessed and rendered too.
fn library(path: &Path) -> Result<(), Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let bytes = zhizao::yaml::read_capped(path, &shown, zhizao::yaml::MAX_QUESTIONNAIRE_BYTES)
        .map_err(|d| vec![d])?;
    let l = zhizao::input::from_bytes(&bytes, &shown).map_err(|(d, _)| d)?;
    let a = Engine::default().assess(
        &l.questionnaire,
        InputInfo {
            file: shown,
            sha256: l.sha256,
        },
        l.warnings,
    );
    assert!(!zhizao::report::json(&a).is_empty());
    Ok(())
}

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env("CI", "1")
        .env("NO_COLOR", "1");
    c
}

/// Run the binary; returns (exit code, stdout, stderr, wall time, peak RSS KB when measurable).
fn run_bin(args: &[&str], cwd: Option<&Path>) -> (i32, String, String, Duration, Option<u64>) {
    let time = Path::new("/usr/bin/time");
    let rss_file = tempfile::NamedTempFile::new().unwrap();
    let mut c = if time.exists() {
        let mut c = Command::new(time);
        c.env_remove("LANG")
            .env_remove("LC_ALL")
            .env("CI", "1")
            .env("NO_COLOR", "1")
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(rss_file.path())
            .arg(assert_cmd::cargo::cargo_bin("zhizao"));
        c
    } else {
        zhizao()
    };
    if let Some(d) = cwd {
        c.current_dir(d);
    }
    c.args(args).timeout(Duration::from_secs(60));
    let t = Instant::now();
    let out = c.output().expect("runs");
    let elapsed = t.elapsed();
    let rss = std::fs::read_to_string(rss_file.path())
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed,
        rss,
    )
}

/// Check one case against its expectation, both ways.
fn check(path: &Path, e: &Expect) {
    let name = path.file_name().unwrap().to_string_lossy().to_string();
    let got = library(path);
    match (e.outcome, &got) {
        (Outcome::Valid, Ok(())) => {}
        (Outcome::Valid, Err(d)) => panic!("{name}: expected valid, got {d:?}"),
        (Outcome::Rejected, Ok(())) => panic!("{name}: expected rejected, but it loaded"),
        (Outcome::Rejected, Err(diags)) => {
            let first = diags
                .iter()
                .find(|d| d.is_error())
                .unwrap_or_else(|| panic!("{name}: rejected without an error: {diags:?}"));
            if let Some(code) = &e.code {
                assert_eq!(first.code.as_str(), code.as_str(), "{name}: {first:?}");
            }
            if let Some(m) = &e.message {
                assert!(first.message.en.contains(m), "{name}: message {first:?}");
            }
            if let Some(h) = &e.hint {
                let hint = first.hint.as_ref().map(|h| &*h.en).unwrap_or("");
                assert!(hint.contains(h), "{name}: hint {first:?}");
            }
        }
    }
    let p = path.display().to_string();
    let (code, stdout, stderr, _, rss) = run_bin(&["validate", "--lang", "en", &p], None);
    if let Some(kb) = rss {
        assert!(kb <= MAX_RSS_KB, "{name}: zhizao validate used {kb} KB");
    }
    match e.outcome {
        Outcome::Valid => {
            assert_eq!(code, 0, "{name}: {stderr}");
            assert!(stdout.contains("valid"), "{name}: {stdout}");
        }
        Outcome::Rejected => {
            assert_eq!(code, 1, "{name}: {stderr}");
            if let Some(c) = &e.code {
                assert!(stderr.contains(&format!("error[{c}]")), "{name}: {stderr}");
            }
            if let Some(m) = &e.message {
                assert!(stderr.contains(m.as_str()), "{name}: {stderr}");
            }
            if let Some(h) = &e.hint {
                assert!(stderr.contains(h.as_str()), "{name}: {stderr}");
            }
        }
    }
    eprintln!("{name}: rss {rss:?} KB");
}

#[test]
fn every_committed_hostile_file_is_handled_quickly_with_a_useful_message() {
    let exp = expectations();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n != "EXPECTED.yaml"))
        .collect();
    files.sort();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    for n in exp.keys() {
        assert!(names.contains(n), "EXPECTED.yaml names a missing file {n}");
    }
    for (p, n) in files.iter().zip(&names) {
        let e = exp
            .get(n)
            .unwrap_or_else(|| panic!("{n} has no entry in EXPECTED.yaml"));
        check(p, e);
    }
}

fn expect(outcome: Outcome, code: &str, message: &str, hint: Option<&str>) -> Expect {
    Expect {
        outcome,
        code: Some(code.into()),
        message: Some(message.into()),
        hint: hint.map(str::to_string),
    }
}

const HEAD: &str =
    "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n";

#[test]
fn a_50_mb_file_is_refused_without_reading_it_all() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("huge.yaml");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).unwrap());
        f.write_all(HEAD.as_bytes()).unwrap();
        let line = format!("# {}\n", "填充 padding ".repeat(8));
        let mut n = HEAD.len();
        while n < 50 * 1024 * 1024 {
            f.write_all(line.as_bytes()).unwrap();
            n += line.len();
        }
    }
    check(
        &p,
        &expect(
            Outcome::Rejected,
            "input.too_large",
            "larger than the 1024 KB limit",
            Some("check that this is the right file"),
        ),
    );
}

#[test]
fn a_10_mb_single_line_is_refused() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("one-line.yaml");
    std::fs::write(&p, "a".repeat(10 * 1024 * 1024)).unwrap();
    check(
        &p,
        &expect(
            Outcome::Rejected,
            "input.too_large",
            "larger than the 1024 KB limit",
            None,
        ),
    );
}

#[test]
fn a_1_mb_single_line_under_the_cap_is_parsed_quickly() {
    let t = tempfile::tempdir().unwrap();
    // One line of flow mapping, just under the cap: valid YAML, one long name.
    let p = t.path().join("long-line.yaml");
    let name = "鞋".repeat(330_000);
    let text = format!(
        "{{schema_version: 1, enterprise: {{name: \"{name}\", sector: other, data_year: 2017}}}}"
    );
    assert!(text.len() < 1024 * 1024);
    std::fs::write(&p, &text).unwrap();
    check(
        &p,
        &Expect {
            outcome: Outcome::Valid,
            code: None,
            message: None,
            hint: None,
        },
    );
    // The same length of unclosed brackets is refused by the guard.
    let q = t.path().join("brackets.yaml");
    std::fs::write(&q, "[".repeat(1_000_000)).unwrap();
    check(
        &q,
        &expect(Outcome::Rejected, "yaml.too_deep", "nesting deeper", None),
    );
}

#[test]
fn a_hundred_thousand_repeated_errors_are_reported_once_each_kind() {
    let t = tempfile::tempdir().unwrap();
    let p = t.path().join("integrations.yaml");
    let mut text = format!("{HEAD}informatization:\n  systems: [plm]\n  integrations:\n");
    while text.len() < 1_000_000 {
        text.push_str("    - [erp, mes]\n");
    }
    std::fs::write(&p, &text).unwrap();
    check(
        &p,
        &expect(
            Outcome::Rejected,
            "consistency",
            "is integrated but not listed among the systems in use",
            Some("informatization.systems"),
        ),
    );
    let q = t.path().join("items.yaml");
    let mut text = format!("{HEAD}projects:\n  demo_lines:\n");
    text.push_str(&"    - {name: a, investment_wan: -1}\n".repeat(5_000));
    std::fs::write(&q, &text).unwrap();
    check(
        &q,
        &expect(Outcome::Rejected, "range", "cannot be negative", None),
    );
    let (code, _, stderr, _, _) = run_bin(
        &["validate", "--lang", "en", &q.display().to_string()],
        None,
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error[too_many]: 4900 more problems not shown"),
        "{stderr}"
    );
}

/// Run `zhizao screen FOLDER` and return (exit code, stdout, stderr).
fn screen(root: &Path, folder: &str) -> (i32, String, String) {
    screen_with(root, folder, &[])
}

fn screen_with(root: &Path, folder: &str, more: &[&str]) -> (i32, String, String) {
    let mut args = vec!["screen", folder, "--lang", "en", "--jobs", "2"];
    args.extend(more);
    let (code, out, err, _, rss) = run_bin(&args, Some(root));
    if let Some(kb) = rss {
        assert!(kb <= MAX_RSS_KB * 2, "screen used {kb} KB");
    }
    (code, out, err)
}

#[cfg(unix)]
#[test]
fn a_screened_folder_with_a_symlink_loop_a_dangling_link_an_unreadable_file_and_a_pipe() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path();
    let batch = root.join("batch");
    std::fs::create_dir_all(batch.join("sub")).unwrap();
    std::fs::copy(
        "questionnaires/examples/licheng-footwear.yaml",
        batch.join("sub/good.yaml"),
    )
    .unwrap();
    // A loop: batch/sub/back → batch.
    std::os::unix::fs::symlink(&batch, batch.join("sub/back")).unwrap();
    // A file that disappeared between listing and reading looks, to the reader,
    // like a name whose target is gone: a dangling link.
    std::os::unix::fs::symlink(root.join("gone.yaml"), batch.join("disappeared.yaml")).unwrap();
    // A file that opens but cannot be read (EIO at offset 0 of the process's memory).
    std::os::unix::fs::symlink("/proc/self/mem", batch.join("unreadable.yaml")).unwrap();
    let fifo = batch.join("pipe.yaml");
    let have_fifo = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    // By default the link to /proc/self/mem leads out of the folder: not followed.
    let (_, out, _) = screen(root, "batch");
    assert!(
        out.contains("1 links leading out of the given folders not followed"),
        "{out}"
    );
    assert!(!out.contains("batch/unreadable.yaml"), "{out}");
    let (code, out, err) = screen_with(root, "batch", &["--follow-links"]);
    assert_eq!(code, 1, "rejected files → exit 1: {err}");
    let total = if have_fifo { 4 } else { 3 };
    assert!(
        out.contains(&format!(
            "submissions: {total} · assessed: 1 · rejected: {}",
            total - 1
        )),
        "{out}"
    );
    assert!(out.contains("symlink loop"), "{out}");
    for f in ["disappeared.yaml", "unreadable.yaml"] {
        assert!(out.contains(&format!("batch/{f}")), "{f} not listed: {out}");
    }
    if have_fifo {
        assert!(out.contains("not a regular file"), "{out}");
    }
}

#[test]
fn a_file_removed_between_walk_and_read_is_accounted_for() {
    // The library splits the walk from the reading; remove a file in between
    // and it must come back as rejected with an I/O reason, not vanish.
    let t = tempfile::tempdir().unwrap();
    // Three enterprises (three credit codes): a copy of one would be a duplicate.
    let examples = [
        "licheng-footwear",
        "autoparts-digital-workshop",
        "electronics-smart-factory",
    ];
    for (i, ex) in examples.iter().enumerate() {
        std::fs::copy(
            format!("questionnaires/examples/{ex}.yaml"),
            t.path().join(format!("f{i}.yaml")),
        )
        .unwrap();
    }
    let walked = zhizao::screen::walk::walk(&[t.path().to_path_buf()]);
    assert_eq!(walked.files.len(), 3);
    let files: Vec<std::path::PathBuf> = walked.files.iter().map(|p| p.to_path_buf()).collect();
    std::fs::remove_file(&files[1]).unwrap();
    // Screening the walked list: each path is now an explicit argument.
    let engine = Engine::default();
    let s = zhizao::screen::screen(
        &engine,
        &files,
        &zhizao::screen::Options {
            jobs: 1,
            progress: false,
            top: 10,
            keep_rows: false,
            follow_links: false,
        },
    )
    .unwrap();
    assert_eq!(s.agg.files, 3);
    assert_eq!(s.agg.assessed, 2);
    assert_eq!(s.rejected.len(), 1);
    assert_eq!(s.rejected[0].code, "io");
    assert!(s.rejected[0].file.ends_with("f1.yaml"));
    assert!(s.rejected[0].reason.en.contains("cannot read"));
}

/// Every amount of an example questionnaire set to `value`, read without
/// validation (as a library user could), then assessed.
fn assess_unvalidated_with_every_amount(value: &str) -> Result<(), String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("questionnaires/examples/autoparts-digital-workshop.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut changed = 0;
    for line in text.lines() {
        let key = line.split(':').next().unwrap_or("").trim();
        let amount = key.ends_with("_wan") || key.ends_with("_m2") || key.ends_with("_tce");
        if amount && !line.trim_end().ends_with(':') && !line.contains('{') {
            out.push_str(&format!("{}: {value}\n", line.split(':').next().unwrap()));
            changed += 1;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert!(changed >= 5, "the example has amounts to change");
    let q: zhizao::questionnaire::Questionnaire =
        unvalidated(&out).map_err(|e| format!("{:?}", e[0].message))?;
    let a = Engine::default().assess(
        &q,
        InputInfo {
            file: "x".into(),
            sha256: String::new(),
        },
        Vec::new(),
    );
    assert!(!zhizao::report::json(&a).is_empty());
    Ok(())
}

/// The library's own YAML reader without `validate` (a caller that skips it).
fn unvalidated(text: &str) -> Result<zhizao::questionnaire::Questionnaire, Vec<Diagnostic>> {
    zhizao::yaml::from_str_all(text, "x", None).map_err(|(d, _)| d)
}

#[test]
fn the_library_never_overflows_on_amounts_validated_or_not() {
    // Issue 12, item 15: the bound on amounts was a hand-kept list in
    // validate.rs, and `Engine::assess` on an unvalidated questionnaire
    // panicked. The bound is now the type's: at it, every figure is computed
    // (negative amounts too, which only validation refuses); past it, the file
    // cannot even be read.
    assess_unvalidated_with_every_amount("10000000000").unwrap();
    assess_unvalidated_with_every_amount("-10000000000").unwrap();
    let e = assess_unvalidated_with_every_amount("10000000001").unwrap_err();
    assert!(e.contains("implausibly large"), "{e}");
}

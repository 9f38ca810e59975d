//! CLI tests: every command, each error kind and exit code, and snapshots of
//! the terminal and JSON output of every shipped example.

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::Path;

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir("questionnaires/examples")
        .expect("examples folder")
        .flatten()
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    v.sort();
    v
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write temp file");
    p.display().to_string()
}

const MINIMAL: &str =
    "schema_version: 1\nenterprise:\n  name: 测试企业\n  sector: other\n  data_year: 2017\n";

#[test]
fn every_example_is_valid() {
    let ex = examples();
    assert!(ex.len() >= 4, "at least four examples ship");
    zhizao().arg("validate").args(&ex).assert().success();
}

#[test]
fn snapshots_of_every_example_terminal_and_json() {
    for ex in examples() {
        let name = Path::new(&ex)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .to_string();
        for lang in ["zh", "en"] {
            let out = zhizao()
                .args(["assess", &ex, "--lang", lang])
                .env("NO_COLOR", "1")
                // Snapshots at 100 columns, whatever terminal runs the tests.
                .env("COLUMNS", "100")
                .output()
                .unwrap();
            assert!(out.status.success());
            insta::assert_snapshot!(
                format!("terminal_{lang}_{name}"),
                String::from_utf8_lossy(&out.stdout)
            );
        }
        let out = zhizao()
            .args(["assess", &ex, "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
        insta::assert_json_snapshot!(format!("json_{name}"), v);
    }
}

#[test]
fn json_has_the_documented_top_level_keys_and_is_deterministic() {
    let ex = &examples()[0];
    let a = zhizao()
        .args(["assess", ex, "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    let b = zhizao()
        .args(["assess", ex, "--format", "json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(a, b, "same input, byte-identical JSON");
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    for k in [
        "schema_version",
        "input",
        "packs",
        "enterprise",
        "indicators",
        "criteria",
        "maturity",
        "subsidies",
        "totals",
        "district_cap",
        "references",
        "warnings",
    ] {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn assess_reads_stdin() {
    zhizao()
        .args(["assess", "-", "--lang", "en"])
        .write_stdin(MINIMAL)
        .assert()
        .success()
        .stdout(predicate::str::contains("测试企业"));
}

#[test]
fn assess_writes_output_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.json");
    zhizao()
        .args(["assess", "-", "--format", "json", "-o"])
        .arg(&out)
        .write_stdin(MINIMAL)
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["enterprise"]["name"], "测试企业");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary left"
    );
}

#[test]
fn unknown_field_suggests_the_closest_name_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.yaml",
        &format!("{MINIMAL}equipment:\n  key_equipment_cnc_units: 3\n"),
    );
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":7:3: error[field.unknown]"))
        .stderr(predicate::str::contains(
            "did you mean `key_equipment_cnc`?",
        ))
        .stderr(predicate::str::contains(
            "    7 |   key_equipment_cnc_units: 3",
        ));
}

#[test]
fn type_errors_name_the_field_and_explain_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.yaml",
        &format!("{MINIMAL}digital_design:\n  design_work_digital_pct: \"85%\"\n"),
    );
    zhizao()
        .args(["validate", &f, "--lang", "zh"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "digital_design.design_work_digital_pct",
        ))
        .stderr(predicate::str::contains("百分比请只写数字: 85"));
}

#[test]
fn syntax_errors_have_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.yaml",
        "schema_version: 1\nenterprise:\n  name: \"unclosed\n  sector: other\n",
    );
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(".yaml:3:9: error[yaml.syntax]"));
}

#[test]
fn semantic_errors_are_all_reported_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.yaml",
        "schema_version: 1\nenterprise:\n  name: x\n  credit_code: \"91350100M000100Y44\"\n  sector: other\n  data_year: 2017\n  employees: 10\n  production_workers: 20\nequipment:\n  key_equipment_total: 5\n  key_equipment_cnc: 6\n  production_equipment_total: 10\n  production_equipment_digital: 8\n  production_equipment_networked: 9\n",
    );
    let out = zhizao()
        .args(["validate", &f, "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "q.yaml:4:3: error[credit_code]",
        "should be `3`",
        "q.yaml:8:3: error[consistency]: enterprise.production_workers",
        "q.yaml:11:3: error[consistency]: equipment.key_equipment_cnc",
        "q.yaml:14:3: error[consistency]: equipment.production_equipment_networked",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
}

#[test]
fn plausibility_gives_warnings_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "q.yaml",
        &format!("{MINIMAL}  production_workers: 10\nrobots:\n  industrial_robots: 5\n"),
    );
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning[plausibility]"));
}

#[test]
fn missing_file_is_an_io_error_exit_2() {
    zhizao()
        .args(["validate", "does/not/exist.yaml", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read the file"));
    zhizao()
        .args(["assess", "does/not/exist.yaml"])
        .assert()
        .code(2);
}

#[test]
fn usage_errors_exit_2() {
    zhizao().args(["assess"]).assert().code(2);
    zhizao()
        .args(["assess", "x.yaml", "--format", "pdf"])
        .assert()
        .code(2);
    zhizao().args(["init", "--sector", "toys"]).assert().code(2);
}

#[test]
fn alias_bomb_and_deep_nesting_are_rejected_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..2000 {
        bomb.push_str(&format!("b{i}: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"));
    }
    assert!(bomb.len() > 25_000);
    let f = write(dir.path(), "bomb.yaml", &bomb);
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[yaml.alias]"));
    let deep = format!(
        "schema_version: 1\nenterprise: {}\n",
        "{a: ".repeat(200_000)
    );
    let f = write(dir.path(), "deep.yaml", &deep);
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("error[yaml.too_deep]"));
}

#[test]
fn oversized_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!("{MINIMAL}# {}\n", "x".repeat(2 * 1024 * 1024));
    let f = write(dir.path(), "big.yaml", &big);
    zhizao()
        .args(["validate", &f, "--lang", "en"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("larger than the 1024 KB limit"));
}

#[test]
fn init_writes_a_template_that_parses_and_asks_to_be_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let out = dir.path().join(format!("t-{lang}.yaml"));
        zhizao()
            .args(["init", "--sector", "electronics_it", "--lang", lang, "-o"])
            .arg(&out)
            .assert()
            .success();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema="));
        assert!(text.contains("  sector: electronics_it"));
        // The blank template parses (no type errors) but must be filled in.
        zhizao()
            .args(["validate", "--lang", "en"])
            .arg(&out)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "enterprise.name: the enterprise name is empty",
            ))
            .stderr(predicate::str::contains("error[type]").not())
            .stderr(predicate::str::contains("error[field").not());
        // Refuses to overwrite.
        zhizao().args(["init", "-o"]).arg(&out).assert().code(2);
    }
}

#[test]
fn policy_list_show_and_facts() {
    zhizao()
        .args(["policy", "list", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("local-cnc-purchase"));
    zhizao()
        .args(["policy", "show", "local-cnc-purchase"])
        .assert()
        .success()
        // Chinese typography: the clause in full-width brackets, as in the notice.
        .stdout(predicate::str::contains("二（五）2"));
    zhizao()
        .args(["policy", "show", "local-cnc-purchse", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "did you mean `local-cnc-purchase`?",
        ));
    zhizao()
        .args(["policy", "facts"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "purchases.cnc_generation_invoice_ex_tax",
        ));
}

#[test]
fn shipped_policy_tests_pass() {
    zhizao()
        .args(["policy", "test", "policies/tests"])
        .assert()
        .success()
        .stdout(predicate::str::contains(" 0 failed"));
}

#[test]
fn version_names_the_policy_pack() {
    zhizao()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains("licheng-2016"));
}

/// Nothing a user typed reaches the terminal as a control sequence.
fn assert_no_raw_controls(what: &str, s: &str) {
    let bad: Vec<char> = s
        .chars()
        .filter(|c| zhizao::textsafe::is_unsafe_char(*c))
        .collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in {s}");
}

#[test]
fn escape_sequences_from_input_never_reach_the_terminal() {
    // Issue 12, item 4: a name could clear the screen, set the title or fake
    // "ALL CHECKS PASSED" in assess, screen and validate.
    let t = tempfile::tempdir().unwrap();
    let hostile = "tests/hostile/escape-in-name.yaml";
    let o = zhizao()
        .args(["assess", hostile, "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("control character \\u{1b}"), "{err}");
    assert_no_raw_controls("assess stderr", &err);
    // A file whose *name* carries the sequence: valid content, echoed name.
    let evil = t.path().join("a\u{1b}[2J\u{1b}]0;pwned\u{7}.yaml");
    std::fs::write(&evil, MINIMAL).unwrap();
    let o = zhizao().arg("validate").arg(&evil).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("a\\u{1b}[2J"), "{out}");
    assert_no_raw_controls("validate stdout", &out);
    std::fs::copy(hostile, t.path().join("b.yaml")).unwrap();
    let o = zhizao()
        .arg("screen")
        .arg(t.path())
        .args(["--lang", "en"])
        .env("CI", "1")
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("submissions: 2 · assessed: 1 · rejected: 1"),
        "{out}"
    );
    assert_no_raw_controls("screen stdout", &out);
    assert_no_raw_controls("screen stderr", &String::from_utf8_lossy(&o.stderr));
}

#[test]
fn validate_reports_every_kind_of_problem_in_one_pass() {
    // Issue 12, item 6: validate stopped at the first structural error although
    // --help, README and the guide promise every problem in one pass.
    let o = zhizao()
        .args([
            "validate",
            "tests/hostile/many-mistakes.yaml",
            "--lang",
            "en",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    let codes: Vec<&str> = err
        .lines()
        .filter_map(|l| l.split(": error[").nth(1))
        .filter_map(|r| r.split(']').next())
        .collect();
    assert_eq!(
        codes,
        ["field.unknown", "type", "value.unknown", "consistency"],
        "{err}"
    );
    assert!(err.contains("many-mistakes.yaml:8:33:"), "{err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("invalid (4 errors)"));
}

#[test]
fn long_values_are_cut_in_messages_and_tables() {
    // Issue 12, item 13: a 1 MB value made a 1 MB error line, and 13 files
    // with 1 MB names a 42 MB terminal summary.
    let t = tempfile::tempdir().unwrap();
    let long = "名".repeat(300_000);
    let bad = write(
        t.path(),
        "bad.yaml",
        &format!("{MINIMAL}  employees: \"{long}\"\n"),
    );
    let o = zhizao()
        .args(["validate", &bad, "--lang", "en"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.len() < 4_000, "{} bytes", err.len());
    // `string "` (8) + 300,000 名 + `"` (1) = 300,009 characters, cut at 80.
    assert!(err.contains("…(299929 more)"), "{err}");
    let subs = t.path().join("subs");
    std::fs::create_dir(&subs).unwrap();
    for i in 0..3 {
        let text = MINIMAL.replace("测试企业", &format!("{i}{long}"));
        write(&subs, &format!("f{i}.yaml"), &text);
    }
    let o = zhizao()
        .arg("screen")
        .arg(&subs)
        .args(["--lang", "en"])
        .env("CI", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.len() < 30_000, "{} bytes", o.stdout.len());
    let one = write(t.path(), "one.yaml", &MINIMAL.replace("测试企业", &long));
    let o = zhizao()
        .args(["assess", &one, "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.len() < 30_000, "{} bytes", o.stdout.len());
}

#[test]
fn screen_counts_an_enterprise_once_per_data_year() {
    // Issue 12, item 7: the same enterprise submitted twice was counted twice
    // in rankings, budget and targets with no note.
    let t = tempfile::tempdir().unwrap();
    let subs = t.path().join("subs");
    std::fs::create_dir(&subs).unwrap();
    let ex = std::fs::read_to_string("questionnaires/examples/licheng-footwear.yaml").unwrap();
    let old = write(&subs, "a-first.yaml", &ex);
    let new = write(&subs, "b-resubmitted.yaml", &ex);
    // The resubmission is newer: it is the one counted, whatever the path order.
    let past = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(past)
        .unwrap();
    let json = t.path().join("s.json");
    let run = |json: &Path| {
        let o = zhizao()
            .arg("screen")
            .arg(&subs)
            .args(["--lang", "en", "-o"])
            .arg(json)
            .env("CI", "1")
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(json).unwrap()).unwrap();
        (v, String::from_utf8_lossy(&o.stdout).into_owned())
    };
    let (v, out) = run(&json);
    assert_eq!(v["summary"]["files"], 2);
    assert_eq!(v["summary"]["assessed"], 1);
    assert_eq!(v["summary"]["duplicates"], 1);
    assert_eq!(v["enterprises"].as_array().map(Vec::len), Some(1));
    assert!(v["enterprises"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with("b-resubmitted.yaml"));
    let note = format!(
        "{old}: same enterprise (9135050215583726XH) and data year 2017 as {new}, which is counted instead"
    );
    // The summary wraps notes to the terminal width (continuation lines
    // indented by two spaces): compare the note as one line.
    assert!(out.replace("\n  ", " ").contains(&note), "{out}");
    // Another data year of the same enterprise is another submission; the
    // batch then says it mixes years and keeps the budget per year.
    write(
        &subs,
        "c-2016.yaml",
        &ex.replace("data_year: 2017", "data_year: 2016"),
    );
    let (v, out) = run(&json);
    assert_eq!(v["summary"]["assessed"], 2);
    assert!(
        out.contains("the batch mixes data years 2016 (1), 2017 (1)"),
        "{out}"
    );
    let years = v["summary"]["by_year"].as_object().unwrap();
    assert_eq!(years.keys().collect::<Vec<_>>(), ["2016", "2017"]);
    // In Chinese the same notes are Chinese: no English sentence in a
    // report a bureau hands on (they were English in both languages).
    let o = zhizao()
        .arg("screen")
        .arg(&subs)
        .args(["--lang", "zh"])
        .env("CI", "1")
        .output()
        .unwrap();
    // Notes wrap to the terminal width, in Chinese at any character, and
    // the Chinese summary writes its punctuation full width: compare
    // without white space, punctuation as printed.
    let squeeze = |s: &str| s.split_whitespace().collect::<String>();
    let out = squeeze(&String::from_utf8_lossy(&o.stdout));
    let dup = format!("{old}：与{new}为同一企业");
    assert!(out.contains(&dup), "{out}");
    for part in [
        "9135050215583726XH",
        "同一数据年度",
        "2017",
        "不计入，只计入后者",
    ] {
        assert!(
            out.split(&dup)
                .nth(1)
                .is_some_and(|rest| rest.contains(part)),
            "{part}: {out}"
        );
    }
    assert!(
        out.contains("本批数据年度不一：2016（1家）、2017（1家）"),
        "{out}"
    );
    for english in ["same enterprise", "counted instead", "the batch mixes"] {
        assert!(!out.contains(&squeeze(english)), "{english}: {out}");
    }
    // JSON keeps both languages of each note.
    let notes = v["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .all(|n| n["zh"].is_string() && n["en"].is_string()),
        "{notes:?}"
    );
}

/// `assess FILE --format json` with extra arguments: (exit code, JSON or stderr).
fn assess_json(file: &str, extra: &[&str]) -> (i32, String) {
    let out = zhizao()
        .args(["assess", file, "--format", "json", "--lang", "en"])
        .args(extra)
        .output()
        .unwrap();
    let text = if out.status.success() {
        out.stdout
    } else {
        out.stderr
    };
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&text).into_owned(),
    )
}

const SMART: &str = "questionnaires/examples/electronics-smart-factory.yaml";

#[test]
fn pack_flags_naming_the_shipped_files_change_nothing() {
    let (code, shipped) = assess_json(SMART, &[]);
    assert_eq!(code, 0, "{shipped}");
    let given = [
        "--policy",
        "policies/licheng-2016.yaml",
        "--criteria",
        "criteria/licheng-2016.yaml",
        "--targets",
        "policies/licheng-2016-targets.yaml",
        "--references",
        "benchmarks/reference.yaml",
    ];
    assert_eq!(assess_json(SMART, &given), (0, shipped));
}

#[test]
fn references_flag_replaces_the_reference_figures() {
    let t = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string("benchmarks/reference.yaml").unwrap();
    // The national CNC ratio (55.3%, 2021) becomes 44%.
    let changed = shipped.replacen("value: 0.553", "value: 0.44", 1);
    assert_ne!(changed, shipped);
    let refs = write(t.path(), "refs.yaml", &changed);
    let (code, json) = assess_json(SMART, &["--references", &refs]);
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["references"][0];
    assert_eq!(first["indicator"], "cnc_ratio");
    assert_eq!(first["reference"], 0.44);
    // The factory's CNC ratio is 0.88 (88 of 100 key machines): 0.88 / 0.44 = 2.
    assert_eq!(first["ratio"], 2.0);
}

#[test]
fn targets_flag_replaces_the_district_targets_of_screen() {
    let t = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string("policies/licheng-2016-targets.yaml").unwrap();
    let changed = shipped.replacen(
        "  robot_density:\n    value: 100",
        "  robot_density:\n    value: 200",
        1,
    );
    assert_ne!(changed, shipped);
    let targets = write(t.path(), "targets.yaml", &changed);
    let out = t.path().join("screen.json");
    zhizao()
        .args([
            "screen",
            "questionnaires/examples",
            "--targets",
            &targets,
            "-o",
        ])
        .arg(&out)
        .assert()
        .success();
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let line = v["targets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == "robot_density")
        .expect("robot density line")
        .clone();
    assert_eq!(line["target"], "200");
    // 67 robots / 3020 workers in the 2017 examples, plus the machinery example's
    // 24 / 560 (the other 2024/2025 examples give no robot count):
    // 91 / 3580 × 10,000 = 254.19 per 10,000; 254.19 / 200 = 1.271.
    assert_eq!(line["actual"], "254.1899");
    assert_eq!(line["progress"], "1.2709");
}

#[test]
fn two_policy_packs_add_up_by_funder() {
    let t = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string("policies/licheng-2016.yaml").unwrap();
    // The same notice under another id: every track and cap applies twice,
    // each pack's own district cap to its own tracks.
    let twin = shipped.replacen("\nid: licheng-2016\n", "\nid: licheng-2016-twin\n", 1);
    assert_ne!(twin, shipped);
    let twin = write(t.path(), "twin.yaml", &twin);
    let (code, json) = assess_json(
        SMART,
        &["--policy", "policies/licheng-2016.yaml", "--policy", &twin],
    );
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = &v["totals"]["eligible"];
    // One pack: city 20–220万元, district 60万元 (the terminal snapshot of
    // this example); two: twice each, and the total twice 80–280万元.
    assert_eq!(e["by_funder"]["city"]["min"], "400000");
    assert_eq!(e["by_funder"]["city"]["max"], "4400000");
    assert_eq!(e["by_funder"]["district"]["min"], "1200000");
    assert_eq!(e["by_funder"]["district"]["max"], "1200000");
    assert_eq!(e["total"]["min"], "1600000");
    assert_eq!(e["total"]["max"], "5600000");
}

#[test]
fn pack_flag_errors_name_the_file_and_keep_their_exit_codes() {
    let t = tempfile::tempdir().unwrap();
    let missing = t.path().join("nope.yaml").display().to_string();
    for flag in ["--policy", "--criteria", "--targets", "--references"] {
        let (code, err) = assess_json(SMART, &[flag, &missing]);
        assert_eq!(code, 2, "{flag}: {err}");
        assert!(err.contains("nope.yaml"), "{flag}: {err}");
    }
    let bad = write(t.path(), "bad.yaml", "id: 1\nunknown_key: true\n");
    for flag in ["--policy", "--criteria", "--targets", "--references"] {
        let (code, err) = assess_json(SMART, &[flag, &bad]);
        assert_eq!(code, 1, "{flag}: {err}");
        assert!(err.contains("bad.yaml"), "{flag}: {err}");
    }
    let twice = [
        "--policy",
        "policies/licheng-2016.yaml",
        "--policy",
        "policies/licheng-2016.yaml",
    ];
    let (code, err) = assess_json(SMART, &twice);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("given twice"), "{err}");
}

#[test]
fn criteria_flag_replaces_the_reference_criteria() {
    let t = tempfile::tempdir().unwrap();
    let shipped = std::fs::read_to_string("criteria/licheng-2016.yaml").unwrap();
    // The first check (CNC ratio of an automated & digitised manufacturer,
    // ≥ 50%) asks for 90%; this factory has 88%.
    let changed = shipped.replacen("at_least: 0.5\n", "at_least: 0.9\n", 1);
    assert_ne!(changed, shipped);
    let criteria = write(t.path(), "criteria.yaml", &changed);
    let (code, json) = assess_json(SMART, &["--criteria", &criteria]);
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let check = &v["criteria"][0]["checks"][0];
    assert_eq!(check["id"], "cnc_ratio");
    assert_eq!(check["actual"], "88%");
    assert_eq!(check["required"], "≥ 90%");
    assert_eq!(check["status"], "not_met");
}

#[test]
fn a_second_notice_beside_the_2016_one_on_the_command_line() {
    let (code, json) = assess_json(
        SMART,
        &[
            "--policy",
            "policies/licheng-2016.yaml",
            "--policy",
            "tests/packs/second-notice.yaml",
        ],
    );
    assert_eq!(code, 0, "{json}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let e = &v["totals"]["eligible"];
    // By hand (as tests/it/packs.rs): the second pack gives national 60% of 1% of
    // R&D expense 91,000,000 = 546,000, and city 200,000 + 364,000 capped at
    // 250,000; the 2016 notice alone gives city 20–220万元, district 60万元.
    assert_eq!(e["by_funder"]["national"]["min"], "546000");
    assert_eq!(e["by_funder"]["national"]["max"], "546000");
    assert_eq!(e["by_funder"]["city"]["min"], "450000");
    assert_eq!(e["by_funder"]["city"]["max"], "2450000");
    assert_eq!(e["by_funder"]["district"]["min"], "600000");
    assert_eq!(e["total"]["min"], "1596000");
    assert_eq!(e["total"]["max"], "3596000");
    // National first: funders in level order.
    let order: Vec<&String> = e["by_funder"].as_object().unwrap().keys().collect();
    assert_eq!(order, ["national", "province", "city", "district"]);
}

#[test]
fn written_file_names_are_echoed_terminal_safe() {
    let t = tempfile::tempdir().unwrap();
    let book = t.path().join("a\u{1b}[2Jb.xlsx");
    let out = zhizao()
        .args(["init", "--format", "xlsx", "--lang", "en", "-o"])
        .arg(&book)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("written:"), "{err}");
    assert_no_raw_controls("init --format xlsx", &err);
    let converted = t.path().join("c\u{1b}]0;x\u{7}.xlsx");
    let out = zhizao()
        .args([
            "convert",
            "questionnaires/examples/licheng-footwear.yaml",
            "--lang",
            "en",
        ])
        .arg("-o")
        .arg(&converted)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("written:"), "{err}");
    assert_no_raw_controls("convert", &err);
}

/// The terminal report of a factory at 80 columns, without colour.
fn terminal_at_80(ex: &str, lang: &str) -> String {
    let out = zhizao()
        .args(["assess", ex, "--lang", lang])
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The 等级提升 / Raising the level part, up to its blank line.
fn raising_part(text: &str, head: &str) -> Option<String> {
    let start = text.lines().position(|l| l == head)?;
    Some(
        text.lines()
            .skip(start)
            .take_while(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

#[test]
fn terminal_names_the_money_of_the_next_digital_level() {
    // machinery-advanced-factory: digital level 三级 (score 84.15, 7 < 10
    // scenes at 四级), pilot spend 850,000 (digital_spend_ex_tax_wan 85).
    // qz-sme-digital-pilot-2024: 50% of spend, at most 300,000 at 三级 and
    // 500,000 at 四级. Now 50% × 850,000 = 425,000 → 300,000; at 四级
    // 425,000 (under 500,000): 四级 adds 425,000 − 300,000 = 125,000.
    let ex = "questionnaires/examples/machinery-advanced-factory.yaml";
    let zh = terminal_at_80(ex, "zh");
    let part = raising_part(&zh, "等级提升").expect("zh report has 等级提升");
    assert!(
        part.contains("数字化水平：现为 三级，下一级 四级"),
        "{part}"
    );
    assert!(
        part.contains("四级：+12.50万元 — 中小企业数字化转型试点企业补助"),
        "{part}"
    );
    assert!(part.contains("营销管理 ★约束性：三级 → 四级"), "{part}");
    assert!(
        part.contains("智能工厂梯度：可达最高等级 先进级，下一级 卓越级"),
        "{part}"
    );
    let en = terminal_at_80(ex, "en");
    let part = raising_part(&en, "Raising the level").expect("en report has it");
    assert!(part.contains("level 4: +CNY 125,000"), "{part}");
    for text in [&zh, &en] {
        for line in text.lines() {
            let w = zhizao::report::fit::display_width(line);
            assert!(w <= 80, "{w} columns: {line}");
        }
    }
}

#[test]
fn a_2017_report_has_no_level_part() {
    let zh = terminal_at_80("questionnaires/examples/licheng-footwear.yaml", "zh");
    assert!(raising_part(&zh, "等级提升").is_none(), "{zh}");
}

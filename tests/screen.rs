//! `zhizao screen`: every input accounted for, deterministic results, and
//! exports that read back (XLSX through calamine, CSV through csv).

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use predicates::prelude::*;
use std::path::Path;

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env("CI", "1")
        .env("NO_COLOR", "1");
    c
}

/// A folder with the six examples and every kind of bad file.
fn mixed_batch(root: &Path) {
    let batch = root.join("batch");
    std::fs::create_dir_all(batch.join("sub")).unwrap();
    for e in std::fs::read_dir("questionnaires/examples")
        .unwrap()
        .flatten()
    {
        std::fs::copy(e.path(), batch.join("sub").join(e.file_name())).unwrap();
    }
    std::fs::write(
        batch.join("bad-syntax.yaml"),
        "schema_version: 1\nenterprise:\n  name: \"unclosed\n",
    )
    .unwrap();
    std::fs::write(
        batch.join("wrong-type.yaml"),
        "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n  employees: many\n",
    )
    .unwrap();
    std::fs::write(batch.join("empty.yml"), "").unwrap();
    std::fs::write(batch.join("binary.yaml"), [0u8, 159, 146, 150, 0, 1]).unwrap();
    std::fs::write(batch.join("readme.txt"), "not a questionnaire").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("gone.yaml"), batch.join("unreadable.yaml")).unwrap();
}

#[test]
fn every_file_is_accounted_for_and_the_summary_is_stable() {
    let t = tempfile::tempdir().unwrap();
    mixed_batch(t.path());
    let out = zhizao()
        .current_dir(t.path())
        .args(["screen", "batch", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "rejected files → exit 1");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.contains("submissions: 11 · assessed: 6 · rejected: 5"),
        "{text}"
    );
    for f in [
        "bad-syntax.yaml",
        "wrong-type.yaml",
        "empty.yml",
        "binary.yaml",
        "unreadable.yaml",
    ] {
        assert!(text.contains(&format!("batch/{f}")), "{f} not listed");
    }
    assert!(text.contains("1 non-YAML files ignored"));
    insta::assert_snapshot!("screen_summary_en", text);
    // Same result with one thread: order and figures do not depend on threads.
    let one = zhizao()
        .current_dir(t.path())
        .args(["screen", "batch", "--lang", "en", "--jobs", "1"])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&one.stdout), text);
}

#[test]
fn allow_rejected_exits_zero_and_usage_errors_exit_two() {
    let t = tempfile::tempdir().unwrap();
    mixed_batch(t.path());
    zhizao()
        .current_dir(t.path())
        .args(["screen", "batch", "--allow-rejected"])
        .assert()
        .success();
    zhizao().args(["screen", "no/such/folder"]).assert().code(2);
    zhizao()
        .args(["screen", "questionnaires/examples", "--lang", "en", "-o"])
        .arg(t.path().join("out.pdf"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".xlsx, .csv or .json"));
    zhizao()
        .args([
            "screen",
            "questionnaires/examples",
            "-o",
            "/no/such/dir/out.csv",
        ])
        .assert()
        .code(2);
}

#[test]
fn xlsx_reads_back_with_sheets_rows_and_a_known_amount() {
    let t = tempfile::tempdir().unwrap();
    mixed_batch(t.path());
    let x = t.path().join("out.xlsx");
    zhizao()
        .current_dir(t.path())
        .args(["screen", "batch", "--allow-rejected", "--lang", "en", "-o"])
        .arg(&x)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&x).expect("a valid workbook");
    assert_eq!(
        wb.sheet_names(),
        vec![
            "Summary",
            "Dashboard",
            "Enterprises",
            "Tracks",
            "Budget",
            "Targets",
            "Rejected",
            "Near misses"
        ]
    );
    let ent = wb.worksheet_range("Enterprises").unwrap();
    assert_eq!(
        ent.height(),
        1 + 6 + 1,
        "header + one row per assessed enterprise + totals"
    );
    let rej = wb.worksheet_range("Rejected").unwrap();
    assert_eq!(rej.height(), 1 + 5);
    // 二(五)2: the auto-parts maker bought 30 units for 900万 (15% → 1,350,000; city 30% =
    // 405,000) and the footwear maker 6 units for 168万 (20% → 336,000; city 30% = 100,800):
    // eligible city total 505,800 元 = 50.58 万元.
    let budget = wb.worksheet_range("Budget").unwrap();
    let row = budget
        .rows()
        .find(|r| r[11] == Data::String("local-cnc-purchase".into()))
        .expect("budget row");
    assert_eq!(row[2], Data::Float(2.0), "two eligible enterprises");
    assert_eq!(row[6], Data::Float(50.58));
    let tracks = wb.worksheet_range("Tracks").unwrap();
    let auto = tracks
        .rows()
        .find(|r| {
            r[11] == Data::String("local-cnc-purchase".into())
                && matches!(&r[10], Data::String(s) if s.ends_with("autoparts-digital-workshop.yaml"))
        })
        .expect("track row");
    assert_eq!(auto[7], Data::Float(40.5));
}

#[test]
fn csv_has_a_bom_and_the_documented_columns() {
    let t = tempfile::tempdir().unwrap();
    let c = t.path().join("out.csv");
    zhizao()
        .args(["screen", "questionnaires/examples", "--lang", "en", "-o"])
        .arg(&c)
        .assert()
        .success();
    let bytes = std::fs::read(&c).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM for Excel");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let headers: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&headers[..4], ["file", "name", "credit_code", "sector"]);
    assert!(headers.contains(&"cnc_ratio".to_string()));
    assert!(headers.contains(&"cnc_ratio_sector_percentile".to_string()));
    assert!(headers.contains(&"potential_total_max_cny".to_string()));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter().any(|x| x[1].contains("鞋")),
        "Chinese names intact"
    );
}

#[test]
fn json_export_is_complete_and_parses() {
    let t = tempfile::tempdir().unwrap();
    let j = t.path().join("out.json");
    zhizao()
        .args(["screen", "questionnaires/examples", "-o"])
        .arg(&j)
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&j).unwrap()).unwrap();
    assert_eq!(v["enterprises"].as_array().unwrap().len(), 6);
    assert_eq!(v["summary"]["assessed"], 6);
    assert!(v["targets"].as_array().unwrap().len() >= 5);
}

#[test]
fn parse_only_baseline_counts_files() {
    zhizao()
        .args(["screen", "questionnaires/examples", "--parse-only"])
        .assert()
        .success()
        .stdout(predicate::str::contains("parse-only: 6 parsed, 0 failed"));
}

/// Issue 11, item 1: a data year after the pack's horizon (2020, the
/// `validity-horizon` reading) is computed as usual and said so in the
/// screening outputs too: the terminal summary, the CSV column and the
/// workbook's Summary sheet.
#[test]
fn a_data_year_after_the_horizon_is_flagged_in_every_screening_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("in")).unwrap();
    let base = std::fs::read_to_string("questionnaires/examples/licheng-footwear.yaml").unwrap();
    std::fs::write(d.join("in/2017.yaml"), &base).unwrap();
    let later = base
        .replacen("data_year: 2017", "data_year: 2022", 1)
        .replacen(
            "credit_code: \"9135050215583726XH\"",
            "credit_code: null",
            1,
        );
    std::fs::write(d.join("in/2022.yaml"), later).unwrap();
    let out = zhizao()
        .args(["screen", "--lang", "zh"])
        .arg(d.join("in"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("数据年度晚于政策包期限的企业") && text.contains("执行）：1"),
        "{text}"
    );
    let csv_path = d.join("r.csv");
    zhizao()
        .args(["screen", "--lang", "en", "-o"])
        .arg(&csv_path)
        .arg(d.join("in"))
        .assert()
        .success();
    let bytes = std::fs::read(&csv_path).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = head
        .iter()
        .position(|h| h == "policy_beyond_horizon")
        .unwrap();
    let year = head.iter().position(|h| h == "data_year").unwrap();
    let mut flags: Vec<(String, String)> = r
        .records()
        .map(|x| {
            let x = x.unwrap();
            (x[year].to_string(), x[col].to_string())
        })
        .collect();
    flags.sort();
    assert_eq!(
        flags,
        [
            ("2017".to_string(), "false".to_string()),
            ("2022".to_string(), "true".to_string())
        ]
    );
    let x = d.join("r.xlsx");
    zhizao()
        .args(["screen", "--lang", "zh", "-o"])
        .arg(&x)
        .arg(d.join("in"))
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    let sum = wb.worksheet_range("概要").unwrap();
    let row = sum
        .rows()
        .find(|r| r[0] == Data::String("数据年度晚于政策包期限的企业".into()))
        .expect("a Summary line for the horizon");
    assert_eq!(row[1], Data::Float(1.0));
}

//! `--reading ID=OPTION` end to end: the option changes the amounts, shows in
//! the JSON next to the track, and a bad reading is a usage error naming the
//! known ones. A data year after the horizon is computed, with a warning.

use assert_cmd::Command;
use serde_json::Value;

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    c.env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

const FACTORY: &str = "schema_version: 1
enterprise:
  name: 读解测试
  sector: machinery_auto_parts
  production_mode: discrete
  above_designated_size: true
  data_year: 2017
  new_tax_district_retained_wan: 10000
projects:
  major_cnc_rd_projects: 3
";

fn assess(args: &[&str], yaml: &str) -> Value {
    let out = zhizao()
        .args(["assess", "-", "--format", "json"])
        .args(args)
        .write_stdin(yaml.to_string())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn track<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["subsidies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
}

#[test]
fn a_reading_changes_the_amount_and_is_shown_next_to_the_track() {
    // 二(三)4: three major projects. Per project (default): city up to 3 × 2,000,000 and
    // district up to 3 × 200,000 = 6,600,000; per enterprise: 2,000,000 + 200,000 = 2,200,000.
    let default = assess(&[], FACTORY);
    let t = track(&default, "cnc-rd-major-project");
    assert_eq!(t["amount"]["max"], "6600000");
    assert_eq!(t["readings"][0]["id"], "major-rd-ceiling");
    assert_eq!(t["readings"][0]["chosen"], "per-project");
    assert_eq!(t["readings"][0]["is_default"], true);
    let alt = assess(&["--reading", "major-rd-ceiling=per-enterprise"], FACTORY);
    let t = track(&alt, "cnc-rd-major-project");
    assert_eq!(t["amount"]["max"], "2200000");
    assert_eq!(t["readings"][0]["chosen"], "per-enterprise");
    assert_eq!(t["readings"][0]["is_default"], false);
}

#[test]
fn a_bad_reading_is_a_usage_error_naming_the_options() {
    let out = zhizao()
        .args([
            "--lang",
            "en",
            "assess",
            "-",
            "--reading",
            "major-rd-ceiling=per-firm",
        ])
        .write_stdin(FACTORY)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("per-project, per-enterprise"), "{err}");
    let out = zhizao()
        .args(["assess", "-", "--reading", "no-equals-sign"])
        .write_stdin(FACTORY)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_data_year_after_the_horizon_is_computed_with_a_warning() {
    let late = FACTORY.replace("data_year: 2017", "data_year: 2024");
    let v = assess(&[], &late);
    assert_eq!(v["packs"]["in_force"], true);
    assert_eq!(v["packs"]["beyond_horizon"], true);
    assert!(v["packs"]["validity_note"]["en"]
        .as_str()
        .unwrap()
        .contains("after the 2020 horizon"));
    assert_eq!(track(&v, "cnc-rd-major-project")["status"], "eligible");
    // Under the second-step reading 2024 is inside the horizon: no warning.
    let v = assess(&["--reading", "validity-horizon=second-step-2025"], &late);
    assert_eq!(v["packs"]["beyond_horizon"], false);
    assert!(v["packs"].get("validity_note").is_none());
}

#[test]
fn a_screening_row_carries_the_horizon_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let late = FACTORY.replace("data_year: 2017", "data_year: 2024");
    std::fs::write(dir.path().join("a-2017.yaml"), FACTORY).unwrap();
    std::fs::write(dir.path().join("b-2024.yaml"), late).unwrap();
    let out_file = dir.path().join("out.json");
    let out = zhizao()
        .arg("screen")
        .arg(dir.path())
        .arg("-o")
        .arg(&out_file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    let flags: Vec<(String, bool)> = v["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let f = r["file"].as_str().unwrap();
            let name = f.rsplit('/').next().unwrap().to_string();
            (name, r["policy_beyond_horizon"].as_bool().unwrap())
        })
        .collect();
    assert_eq!(
        flags,
        vec![
            ("a-2017.yaml".to_string(), false),
            ("b-2024.yaml".to_string(), true)
        ]
    );
}

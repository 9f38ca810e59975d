//! JSON Schemas: the committed copies in docs/schema/ are what `zhizao schema`
//! prints today, and every shipped example and the policy pack validate
//! against them (checked with an independent validator, the `jsonschema`
//! crate, on YAML parsed into JSON values).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use zhizao::schema::{render, schema, Which};

fn yaml_to_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(which: Which) -> jsonschema::Validator {
    jsonschema::validator_for(&schema(which)).expect("the generated schema is a valid JSON Schema")
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    v.iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn examples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("questionnaires/examples")
        .expect("examples folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

#[test]
fn committed_schemas_are_fresh() {
    for which in Which::ALL {
        let path = Path::new("docs/schema").join(which.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == render(which),
            "{} is stale or missing (the {} types changed). Regenerate it with:\n\n    cargo run -- schema {} -o {}\n",
            path.display(),
            which.arg(),
            which.arg(),
            path.display()
        );
    }
}

#[test]
fn the_schema_command_prints_the_committed_schemas() {
    for which in Which::ALL {
        let out = Command::cargo_bin("zhizao")
            .unwrap()
            .args(["schema", which.arg()])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), render(which));
    }
    // Without an argument: the questionnaire.
    let out = Command::cargo_bin("zhizao")
        .unwrap()
        .arg("schema")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        render(Which::Questionnaire)
    );
}

#[test]
fn every_shipped_example_validates_against_the_questionnaire_schema() {
    let v = validator(Which::Questionnaire);
    let ex = examples();
    assert!(ex.len() >= 4);
    for path in ex {
        let errs = errors(&v, &yaml_to_json(&path));
        assert!(errs.is_empty(), "{}:\n{}", path.display(), errs.join("\n"));
    }
}

#[test]
fn the_init_templates_validate_against_the_questionnaire_schema() {
    let v = validator(Which::Questionnaire);
    for t in [
        "src/templates/questionnaire.zh.yaml",
        "src/templates/questionnaire.en.yaml",
    ] {
        // The blank template asks for the data year (0 until filled in), as
        // `validate` does; once it is filled in, nothing else is flagged.
        let mut q = yaml_to_json(Path::new(t));
        assert_eq!(
            errors(&v, &q),
            ["/enterprise/data_year: 0 is less than the minimum of 2000"]
        );
        q["enterprise"]["data_year"] = 2017.into();
        q["enterprise"]["name"] = "x".into();
        let errs = errors(&v, &q);
        assert!(errs.is_empty(), "{t}:\n{}", errs.join("\n"));
    }
}

#[test]
fn the_policy_pack_validates_against_the_policy_schema() {
    let v = validator(Which::Policy);
    let p = "policies/licheng-2016.yaml";
    let errs = errors(&v, &yaml_to_json(Path::new(p)));
    assert!(errs.is_empty(), "{p}:\n{}", errs.join("\n"));
}

#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator(Which::Questionnaire);
    let base = || -> Value {
        serde_json::json!({
            "schema_version": 1,
            "enterprise": {"name": "x", "sector": "other", "data_year": 2017}
        })
    };
    assert!(v.is_valid(&base()));
    // A misspelt field (deny_unknown_fields).
    let mut q = base();
    q["enterprise"]["employes"] = 10.into();
    assert!(!v.is_valid(&q));
    // "85%" in a number field.
    let mut q = base();
    q["quality"] = serde_json::json!({"national_spot_check_pass_pct": "85%"});
    assert!(!v.is_valid(&q));
    // An unknown sector.
    let mut q = base();
    q["enterprise"]["sector"] = "textiles".into();
    assert!(!v.is_valid(&q));
    // A percentage out of range, as `validate` reports it.
    let mut q = base();
    q["quality"] = serde_json::json!({"national_spot_check_pass_pct": 185});
    assert!(!v.is_valid(&q));
    // A required field missing.
    let mut q = base();
    q["enterprise"].as_object_mut().unwrap().remove("data_year");
    assert!(!v.is_valid(&q));
    // Money accepts a number, a numeric string and null; not "1200万".
    for (ok, value) in [
        (true, serde_json::json!(1200)),
        (true, serde_json::json!(1200.5)),
        (true, serde_json::json!("1200")),
        (true, Value::Null),
        (false, serde_json::json!("1200万")),
        (false, serde_json::json!(-5)),
    ] {
        let mut q = base();
        q["enterprise"]["main_revenue_wan"] = value.clone();
        assert_eq!(v.is_valid(&q), ok, "main_revenue_wan: {value}");
    }
}

#[test]
fn the_schema_accepts_what_the_loader_accepts() {
    // Every value the schema allows for money also loads.
    let text = "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n  main_revenue_wan: \"1200\"\n  industrial_output_wan: 1500.5\n";
    let loaded = zhizao::input::from_bytes(text.as_bytes(), "f.yaml");
    assert!(loaded.is_ok(), "{:?}", loaded.err());
    let v = validator(Which::Questionnaire);
    let value: Value = serde_yaml::from_str(text).unwrap();
    assert!(v.is_valid(&value));
}

#[test]
fn descriptions_are_bilingual() {
    // Every field of the questionnaire carries Chinese and English text.
    let s = schema(Which::Questionnaire);
    let mut missing = Vec::new();
    for (def, body) in s["$defs"].as_object().unwrap() {
        let Some(props) = body["properties"].as_object() else {
            continue;
        };
        for (name, p) in props {
            let d = p["description"].as_str().unwrap_or("");
            let has_zh = d.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            let has_en = d.chars().any(|c| c.is_ascii_alphabetic());
            if !(has_zh && has_en && d.contains(" / ")) {
                missing.push(format!("{def}.{name}: {d:?}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn init_templates_point_to_the_committed_schema_from_questionnaires() {
    // A questionnaire saved in questionnaires/ finds the schema at
    // ../docs/schema/questionnaire.schema.json.
    for t in [
        "src/templates/questionnaire.zh.yaml",
        "src/templates/questionnaire.en.yaml",
    ] {
        let text = std::fs::read_to_string(t).unwrap();
        let first = text.lines().next().unwrap();
        let rel = first
            .strip_prefix("# yaml-language-server: $schema=")
            .expect("modeline on the first line");
        let resolved = Path::new("questionnaires").join(rel);
        assert!(
            resolved.exists(),
            "{t}: {} does not exist",
            resolved.display()
        );
    }
}

/// `zhizao init` in `lang`, with the name and data year filled in.
fn init_filled(lang: &str) -> String {
    let out = Command::cargo_bin("zhizao")
        .unwrap()
        .args(["init", "--lang", lang])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .replacen("  name: \"\"", "  name: \"泉州测试鞋业\"", 1)
        .replacen("  data_year: 0", "  data_year: 2025", 1)
}

#[test]
fn init_writes_version_2_with_every_v2_section_commented_out() {
    let v = validator(Which::Questionnaire);
    for lang in ["zh", "en"] {
        let text = init_filled(lang);
        assert!(text.contains("\nschema_version: 2\n"), "{lang}");
        // Each section of the questionnaire is written, the v2 ones commented.
        for section in ["digital", "smart_factory", "upgrades"] {
            let line = text.lines().find(|x| {
                x.strip_prefix("# ")
                    .and_then(|r| r.strip_prefix(section))
                    .is_some_and(|r| r.starts_with(':'))
            });
            assert!(line.is_some(), "{lang}: no commented {section} section");
        }
        // As written it validates (against the schema, and `validate`).
        let json: Value = serde_yaml::from_str(&text).unwrap();
        assert!(errors(&v, &json).is_empty(), "{lang}");
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("q.yaml");
        std::fs::write(&file, &text).unwrap();
        Command::cargo_bin("zhizao")
            .unwrap()
            .arg("validate")
            .arg(&file)
            .assert()
            .success();
        // Uncommenting the generated sections gives a file that still loads
        // and assesses (their fields empty: the same figures as without them).
        let (template, l) = match lang {
            "zh" => (
                include_str!("../../src/templates/questionnaire.zh.yaml"),
                zhizao::lang::Lang::Zh,
            ),
            _ => (
                include_str!("../../src/templates/questionnaire.en.yaml"),
                zhizao::lang::Lang::En,
            ),
        };
        let generated = zhizao::schema::missing_sections(template, l);
        assert!(text.ends_with(&generated), "{lang}");
        let (kept, block) = text.split_at(text.len() - generated.len());
        let open: String = block
            .lines()
            .filter(|x| !x.starts_with("# ─── ") && !x.contains("\"# \""))
            .map(|x| x.strip_prefix("# ").unwrap_or(x))
            .map(|x| format!("{x}\n"))
            .collect();
        let opened = dir.path().join("open.yaml");
        std::fs::write(&opened, format!("{kept}{open}")).unwrap();
        for f in [&file, &opened] {
            Command::cargo_bin("zhizao")
                .unwrap()
                .args(["assess", "--format", "json"])
                .arg(f)
                .assert()
                .success();
        }
    }
}

//! The bureau's Excel loop (issue 14): the questionnaire workbook round-trips
//! exactly, a filled template with mistakes names sheet, cell and field, and
//! `screen` reads workbooks next to YAML.

use assert_cmd::Command;
use proptest::prelude::*;
use std::path::Path;
use zhizao::assess::{Engine, InputInfo};
use zhizao::lang::Lang;
use zhizao::questionnaire::Questionnaire;
use zhizao::workbook::{fields::fields, read, template, yamlout};

fn engine() -> &'static Engine {
    static E: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    E.get_or_init(Engine::default)
}

fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").unwrap();
    c.env("LANG", "zh_CN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LANGUAGE");
    c
}

fn load_yaml(text: &str, name: &str) -> Questionnaire {
    zhizao::input::from_bytes(text.as_bytes(), name)
        .unwrap_or_else(|(d, _)| panic!("{name}: {d:?}"))
        .questionnaire
}

/// Questionnaires → workbook → questionnaires, in each language.
fn through_workbook(qs: &[Questionnaire], dir: &Path, l: Lang) -> Vec<Questionnaire> {
    let path = dir.join(format!("rows-{l:?}.xlsx"));
    template::write(&path, l, qs).unwrap();
    read::read_path(&path, "rows.xlsx")
        .unwrap()
        .into_iter()
        .map(|e| {
            e.result
                .unwrap_or_else(|d| panic!("{}: {d:?}", e.at))
                .questionnaire
        })
        .collect()
}

fn assess_json(q: &Questionnaire) -> String {
    let a = engine().assess(
        q,
        InputInfo {
            file: "same".into(),
            sha256: String::new(),
        },
        Vec::new(),
    );
    zhizao::report::json(&a)
}

/// The whole property: workbook and back is identical, YAML and back is
/// identical, and both forms assess to the same JSON.
fn assert_round_trip(qs: &[Questionnaire], dir: &Path) {
    for l in [Lang::Zh, Lang::En] {
        let back = through_workbook(qs, dir, l);
        assert_eq!(back.len(), qs.len());
        for (q, b) in qs.iter().zip(&back) {
            assert_eq!(b, q, "{l:?}: {}", q.enterprise.name);
            assert_eq!(assess_json(b), assess_json(q));
            let yaml = yamlout::to_yaml(b);
            assert_eq!(&load_yaml(&yaml, "back.yaml"), q, "{yaml}");
        }
    }
}

#[test]
fn every_example_round_trips_through_the_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let mut qs = Vec::new();
    for e in std::fs::read_dir("questionnaires/examples").unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "yaml") {
            qs.push(load_yaml(
                &std::fs::read_to_string(&p).unwrap(),
                &p.display().to_string(),
            ));
        }
    }
    assert!(qs.len() >= 6);
    assert_round_trip(&qs, dir.path());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Generated questionnaires (every sector, size and maturity profile the
    /// sample generator makes) survive the workbook unchanged.
    #[test]
    fn generated_questionnaires_round_trip(seed in any::<u64>(), first in 0usize..100_000) {
        let dir = tempfile::tempdir().unwrap();
        let qs: Vec<Questionnaire> = (first..first + 8)
            .map(|i| {
                let (name, text) = zhizao::sample::sample(seed, i, 0.0);
                load_yaml(&text, &name)
            })
            .collect();
        assert_round_trip(&qs, dir.path());
    }
}

#[test]
fn a_cell_with_every_kind_of_value_round_trips() {
    // Hand-made edge cases the generator may not reach: all-digit credit code
    // and name, empty lists, an empty maker space, a scale-2 amount, quotes.
    let text = r#"schema_version: 1
enterprise:
  name: "=HYPERLINK(\"x\") 泉州 \"鞋业\""
  credit_code: "913505023546880062"
  sector: textile_footwear_apparel
  data_year: 2017
  main_revenue_wan: "2180.50"
  employees: 300
informatization:
  systems: []
projects:
  maker_space: {}
  first_set_equipment: [{name: "首台, 套: [A]", scope: domestic, sale_price_wan: 120.5}]
logistics:
  rating: 4A
"#;
    let q: Questionnaire = zhizao::yaml::from_str(text, "t.yaml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for l in [Lang::Zh, Lang::En] {
        let back = through_workbook(std::slice::from_ref(&q), dir.path(), l);
        assert_eq!(back[0], q);
        assert_eq!(
            back[0].enterprise.main_revenue_wan.unwrap().to_string(),
            "2180.50",
            "the scale of an amount is kept"
        );
    }
}

/// A workbook built the way a person fills the template: the header rows
/// of the template, then rows typed by hand (strings, numbers, mistakes).
fn filled(path: &Path, rows: &[&[(&str, Typed)]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("申报表").unwrap();
    for (c, f) in fields().iter().enumerate() {
        ws.write_string(1, c as u16, &*f.label.zh).unwrap();
        ws.write_string(template::KEY_ROW, c as u16, f.path.as_str())
            .unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        let r = template::HEADER_ROWS + i as u32;
        for (key, v) in row.iter() {
            let c = fields().iter().position(|f| f.path == *key).unwrap() as u16;
            match v {
                Typed::S(s) => ws.write_string(r, c, *s).unwrap(),
                Typed::N(x) => ws.write_number(r, c, *x).unwrap(),
            };
        }
    }
    wb.save(path).unwrap();
}

enum Typed {
    S(&'static str),
    N(f64),
}
use Typed::{N, S};

fn col(key: &str) -> String {
    template::col_name(fields().iter().position(|f| f.path == key).unwrap() as u16)
}

#[test]
fn mistakes_name_the_sheet_the_cell_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let wb = dir.path().join("申报.xlsx");
    filled(
        &wb,
        &[
            // Row 6: valid, with labels typed instead of ids and a 是/否.
            &[
                ("enterprise.name", S("泉州甲鞋业")),
                ("enterprise.sector", S("纺织鞋服")),
                ("enterprise.data_year", N(2017.0)),
                ("enterprise.above_designated_size", S("是")),
                ("informatization.systems", S("erp, MES")),
            ],
            // Row 7: a part larger than its whole (a check after typing).
            &[
                ("enterprise.name", S("乙")),
                ("enterprise.sector", S("other")),
                ("enterprise.data_year", N(2017.0)),
                ("enterprise.employees", N(10.0)),
                ("enterprise.production_workers", N(20.0)),
            ],
            // Row 8: "85%" in a number field.
            &[
                ("enterprise.name", S("丙")),
                ("enterprise.sector", S("other")),
                ("enterprise.data_year", N(2017.0)),
                ("enterprise.employees", S("85%")),
            ],
            // Row 9: an unknown sector and a missing data year.
            &[
                ("enterprise.name", S("丁")),
                ("enterprise.sector", S("纺织")),
            ],
        ],
    );
    let out = zhizao()
        .arg("validate")
        .arg(&wb)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let at = |c: &str, r: u32| format!("申报.xlsx!申报表!{c}{r}");
    assert!(
        stdout.contains(&format!("{}: 有效", at("A", 6))),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{}: 无效", at("A", 7))),
        "{stdout}"
    );
    let workers = at(&col("enterprise.production_workers"), 7);
    assert!(stderr.contains(&workers), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{workers}: 错误[consistency]: enterprise.production_workers: 「产业工人」"
        )),
        "{stderr}"
    );
    let employees = at(&col("enterprise.employees"), 8);
    assert!(
        stderr.contains(&format!(
            "{employees}: 错误[type]: enterprise.employees: 「年平均从业人员」"
        )),
        "{stderr}"
    );
    let sector = at(&col("enterprise.sector"), 9);
    assert!(
        stderr.contains(&format!("{sector}: 错误[value.unknown]")),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"));
}

/// Drop every `file` key (the only thing that differs between the two forms).
fn without_files(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            m.remove("file");
            m.values_mut().for_each(without_files);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(without_files),
        _ => {}
    }
}

#[test]
fn screening_a_workbook_equals_screening_the_same_yaml_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    zhizao()
        .args(["sample", "--count", "40", "--seed", "11", "--out"])
        .arg(d.join("yaml"))
        .assert()
        .success();
    zhizao()
        .args([
            "sample", "--count", "40", "--seed", "11", "--format", "xlsx", "--out",
        ])
        .arg(d.join("rows.xlsx"))
        .assert()
        .success();
    zhizao()
        .arg("screen")
        .arg(d.join("yaml"))
        .arg("-o")
        .arg(d.join("y.json"))
        .assert()
        .success();
    zhizao()
        .arg("screen")
        .arg(d.join("rows.xlsx"))
        .arg("-o")
        .arg(d.join("x.json"))
        .assert()
        .success();
    let read = |n: &str| -> serde_json::Value {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(d.join(n)).unwrap()).unwrap();
        without_files(&mut v);
        v
    };
    let (y, x) = (read("y.json"), read("x.json"));
    assert_eq!(x["enterprises"].as_array().unwrap().len(), 40);
    assert_eq!(x, y);
}

#[test]
fn a_folder_mixes_yaml_and_workbooks_and_every_row_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        "questionnaires/examples/licheng-footwear.yaml",
        d.join("a.yaml"),
    )
    .unwrap();
    filled(
        &d.join("b.xlsx"),
        &[
            &[
                ("enterprise.name", S("甲")),
                ("enterprise.sector", S("其他")),
                ("enterprise.data_year", N(2017.0)),
            ],
            &[
                ("enterprise.name", S("乙")),
                ("enterprise.sector", S("其他")),
                ("enterprise.data_year", N(1999.0)),
            ],
        ],
    );
    // Excel's lock file of an open workbook is not a submission.
    std::fs::write(d.join("~$b.xlsx"), b"lock").unwrap();
    let out = zhizao()
        .arg("screen")
        .arg(d)
        .arg("-o")
        .arg(d.join("r.json"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("r.json")).unwrap()).unwrap();
    assert_eq!(
        v["summary"]["files"],
        3,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(v["summary"]["assessed"], 2);
    let rejected = v["rejected"].as_array().unwrap();
    assert_eq!(rejected.len(), 1);
    let year = col("enterprise.data_year");
    assert!(
        rejected[0]["file"]
            .as_str()
            .unwrap()
            .ends_with(&format!("b.xlsx!申报表!{year}7")),
        "{rejected:?}"
    );
}

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

/// A batch with hostile names: formula starters, and a name and a rejected
/// value far beyond Excel's 32,767-character cell limit (issue 12 items 1, 2).
fn hostile_batch(d: &Path) -> String {
    let b = d.join("batch");
    std::fs::create_dir_all(&b).unwrap();
    for e in std::fs::read_dir("questionnaires/examples").unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, b.join(p.file_name().unwrap())).unwrap();
    }
    let base = std::fs::read_to_string("questionnaires/examples/licheng-footwear.yaml").unwrap();
    let long = "鞋".repeat(40_000);
    for (i, name) in ["=1+2", "+cmd", "-2+3", "@SUM(A1)", "\t=1", long.as_str()]
        .iter()
        .enumerate()
    {
        let text = base.replacen(
            "  name:",
            &format!("  name: {}\n  _was:", serde_json::to_string(name).unwrap()),
            1,
        );
        // Drop the old name line (now `_was:`) so the file stays valid, and
        // the credit code: each copy is its own enterprise here, and copies of
        // one enterprise would be counted once (the duplicate rule).
        let text: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("_was:"))
            .filter(|l| !l.trim_start().starts_with("credit_code:"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(b.join(format!("=hostile-{i}.yaml")), text).unwrap();
    }
    // A rejected file whose reason echoes a very long value.
    std::fs::write(
        b.join("zz-long-sector.yaml"),
        format!(
            "schema_version: 1\nenterprise:\n  name: x\n  sector: {}\n  data_year: 2017\n",
            "x".repeat(40_000)
        ),
    )
    .unwrap();
    long
}

#[test]
fn the_results_workbook_is_ready_for_analysis() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let long = hostile_batch(d);
    let x = d.join("结果.xlsx");
    let j = d.join("结果.json");
    for out in [&x, &j] {
        zhizao()
            .arg("screen")
            .arg(d.join("batch"))
            .arg("--allow-rejected")
            .arg("-o")
            .arg(out)
            .assert()
            .success();
    }
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&j).unwrap()).unwrap();
    // The JSON keeps the long name whole.
    assert!(json["enterprises"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["name"] == long.as_str()));

    let bytes = std::fs::read(&x).unwrap();
    let has = |needle: &str| bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    assert!(
        has("xl/charts/chart1.xml"),
        "the dashboard has native charts"
    );

    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "概要",
            "看板",
            "企业",
            "扶持项",
            "预算",
            "目标",
            "未能使用",
            "接近认定"
        ]
    );
    wb.load_tables().unwrap();
    let mut tables: Vec<String> = wb.table_names().into_iter().cloned().collect();
    tables.sort();
    assert_eq!(
        tables,
        [
            "Budget",
            "Candidates",
            "Enterprises",
            "NearMisses",
            "Rejected",
            "SummaryTable",
            "Targets",
            "Tracks"
        ]
    );

    let ent = wb.worksheet_range("企业").unwrap();
    let head: Vec<String> = ent
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &head[..5],
        ["企业名称", "统一社会信用代码", "产业", "规上", "数据年度"]
    );
    let col = |h: &str| {
        head.iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}"))
    };
    let rows: Vec<&[Data]> = ent.rows().skip(1).collect();
    let (data, total) = rows.split_at(rows.len() - 1);
    // The name that starts with a tab is refused at validation (a control
    // character in a one-line text), so it is a rejected file, not a row.
    assert_eq!(data.len(), 14, "9 examples + 5 hostile names");
    assert_eq!(total[0][0], Data::String("合计".into()));
    // Values in Chinese, numbers as numbers.
    assert!(data
        .iter()
        .any(|r| r[col("产业")] == Data::String("纺织鞋服".into())));
    assert!(data
        .iter()
        .all(|r| matches!(r[col("规上")], Data::String(ref s) if s == "是" || s == "否")));
    assert!(data
        .iter()
        .any(|r| r[col("数字化车间")] == Data::String("达到".into())));
    assert!(data
        .iter()
        .any(|r| r[col("数字化车间")] == Data::String("未达到".into())));
    assert!(data
        .iter()
        .all(|r| matches!(r[col("数据年度")], Data::Float(_))));
    assert!(
        data.iter()
            .any(|r| matches!(&r[col("符合的扶持项")], Data::String(s) if s.contains("采购本地"))),
        "track titles, not ids"
    );
    // Formula starters stay text; the long name is cut with a visible mark.
    for name in ["=1+2", "+cmd", "-2+3", "@SUM(A1)"] {
        assert!(
            data.iter().any(|r| r[0] == Data::String(name.into())),
            "{name:?}"
        );
    }
    let cut = data.iter().find_map(|r| match &r[0] {
        Data::String(s) if s.starts_with("鞋鞋") => Some(s.clone()),
        _ => None,
    });
    let cut = cut.expect("the long name is there");
    assert!(cut.chars().count() <= 32_767);
    assert!(
        cut.ends_with(&format!("…({} more)", 40_000 - 32_000)),
        "visible mark"
    );
    // The totals row equals the JSON totals exactly (万元 = 元 / 10,000).
    let yuan = |who: &str| -> rust_decimal::Decimal {
        json["summary"]["eligible_by_funder"][who]["max"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    for (who, h) in [
        ("province", "符合 · 省 (万元)"),
        ("city", "符合 · 市 (万元)"),
        ("district", "符合 · 区 (万元)"),
    ] {
        let Data::Float(t) = total[0][col(h)] else {
            panic!("{h}: {:?}", total[0][col(h)])
        };
        let t: rust_decimal::Decimal = format!("{t}").parse().unwrap();
        assert_eq!(t, yuan(who) / rust_decimal::Decimal::from(10_000), "{who}");
    }
    let formulas = wb.worksheet_formula("企业").unwrap();
    let f = formulas
        .get_value((total_row(&ent), col("符合 · 市 (万元)") as u32))
        .cloned()
        .unwrap_or_default();
    assert!(
        f.starts_with("SUBTOTAL(109,"),
        "the total follows the filter: {f}"
    );

    // Candidates: the notice's demonstration quota per sector (一, 第一步:
    // 20 projects, 新一代信息技术 10, 机械装备 5, 纺织鞋服 5).
    let sum = wb.worksheet_range("概要").unwrap();
    let quota = |list: &str| {
        sum.rows()
            .find(|r| r[0] == Data::String(list.into()))
            .map(|r| r[9].clone())
    };
    assert_eq!(quota("示范项目 · 电子信息"), Some(Data::Float(10.0)));
    assert_eq!(quota("示范项目 · 机械汽配"), Some(Data::Float(5.0)));

    // Rejected: the long reason is cut, the file named.
    let rej = wb.worksheet_range("未能使用").unwrap();
    let r = rej
        .rows()
        .find(|r| matches!(&r[0], Data::String(s) if s.ends_with("zz-long-sector.yaml")))
        .unwrap();
    assert!(matches!(&r[5], Data::String(s) if s.chars().count() <= 32_767));
}

fn total_row(r: &calamine::Range<calamine::Data>) -> u32 {
    r.end().unwrap().0
}

#[test]
fn csv_survives_excel() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    hostile_batch(d);
    let base = std::fs::read_to_string("questionnaires/examples/licheng-footwear.yaml").unwrap();
    let digits: String = base
        .lines()
        .filter(|l| !l.trim_start().starts_with("credit_code:"))
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replacen(
            "  sector:",
            "  credit_code: \"913505023546880062\"\n  sector:",
            1,
        );
    std::fs::write(d.join("batch/digits.yaml"), digits).unwrap();
    let c = d.join("out.csv");
    zhizao()
        .arg("screen")
        .arg(d.join("batch"))
        .args(["--allow-rejected", "--lang", "en", "-o"])
        .arg(&c)
        .assert()
        .success();
    let bytes = std::fs::read(&c).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let col = |h: &str| head.iter().position(|x| x == h).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    // Formula starters are neutralised with a leading apostrophe (OWASP).
    for name in ["=1+2", "+cmd", "-2+3", "@SUM(A1)"] {
        assert!(
            rows.iter().any(|x| x[col("name")] == format!("'{name}")),
            "{name:?}"
        );
    }
    // A name starting with a tab is refused (control character); the file is
    // listed as rejected with the reason.
    assert!(rows
        .iter()
        .any(|x| x[col("file")].ends_with("=hostile-4.yaml")
            && x[col("rejected_reason")].contains("text.control")));
    assert!(rows
        .iter()
        .all(|x| !x[col("name")].starts_with(['=', '+', '-', '@', '\t', '\r'])));
    // A file named like a formula, given as it is on the command line.
    let c2 = d.join("one.csv");
    zhizao()
        .current_dir(d.join("batch"))
        .args(["screen", "=hostile-0.yaml", "-o"])
        .arg(&c2)
        .assert()
        .success();
    let one = std::fs::read_to_string(&c2).unwrap();
    assert!(
        one.lines()
            .nth(1)
            .unwrap()
            .starts_with("'=hostile-0.yaml,'=1+2,"),
        "{one}"
    );
    // The all-digit credit code stays text for Excel.
    assert!(rows
        .iter()
        .any(|x| &x[col("credit_code")] == "=\"913505023546880062\""));
    // Rates rounded: at most 4 decimals, percentiles 1.
    for x in &rows {
        let decimals = |s: &str| s.split_once('.').map_or(0, |(_, f)| f.len());
        assert!(
            decimals(&x[col("cnc_ratio")]) <= 4,
            "{}",
            &x[col("cnc_ratio")]
        );
        assert!(decimals(&x[col("cnc_ratio_sector_percentile")]) <= 1);
    }
    // Rejected inputs are rows with their reason.
    let rejected: Vec<_> = rows
        .iter()
        .filter(|x| &x[col("status")] == "rejected")
        .collect();
    // The long sector value, and the name that starts with a tab.
    assert_eq!(rejected.len(), 2);
    assert!(rejected[1][col("file")].ends_with("zz-long-sector.yaml"));
    assert!(
        rejected[1][col("rejected_reason")].starts_with("[value.unknown]"),
        "{}",
        &rejected[1][col("rejected_reason")][..80]
    );
}

#[test]
fn screen_writes_one_report_per_enterprise_the_same_as_assess_and_links_it() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let reports = d.join("reports");
    let x = d.join("r.xlsx");
    zhizao()
        .env("ZHIZAO_REPORT_DATE", "2017-06-30")
        .args(["screen", "questionnaires/examples", "--reports"])
        .arg(&reports)
        .arg("-o")
        .arg(&x)
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(&reports)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 9);
    // Named by credit code and name.
    let footwear = "9135050215583726XH-泉州市鲤城区华履鞋业有限公司.html";
    assert!(names.contains(&footwear.to_string()), "{names:?}");
    let assess = zhizao()
        .env("ZHIZAO_REPORT_DATE", "2017-06-30")
        .args([
            "assess",
            "questionnaires/examples/licheng-footwear.yaml",
            "--format",
            "html",
        ])
        .output()
        .unwrap();
    assert_eq!(
        std::fs::read(reports.join(footwear)).unwrap(),
        assess.stdout,
        "the same report as assess"
    );
    // The workbook links each enterprise to its report, relative to the workbook.
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    let ent = wb.worksheet_range("企业").unwrap();
    let head: Vec<String> = ent
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let c = head.iter().position(|h| h == "报告").unwrap();
    assert!(ent.rows().any(|r| r[c] == Data::String(footwear.into())));
    // The link itself (relative, so the folder can move with the workbook);
    // the relationships are compressed, so read them with unzip when present.
    if let Ok(o) = std::process::Command::new("unzip")
        .arg("-p")
        .arg(&x)
        .arg("xl/worksheets/_rels/sheet3.xml.rels")
        .output()
    {
        let rels = String::from_utf8_lossy(&o.stdout);
        assert!(
            rels.contains(&format!("Target=\"reports/{footwear}\"")),
            "{rels}"
        );
    }
}

#[test]
fn previous_screening_shows_what_changed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Last year: five of the six examples, the footwear maker without its
    // local 数控一代 purchases; this year: all six, purchases included.
    let last = d.join("last");
    std::fs::create_dir_all(&last).unwrap();
    for e in std::fs::read_dir("questionnaires/examples").unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if name == "paper-equipment-maker.yaml" {
            continue;
        }
        let mut text = std::fs::read_to_string(&p).unwrap();
        if name == "licheng-footwear.yaml" {
            let q: Questionnaire = zhizao::yaml::from_str(&text, &name).unwrap();
            let mut q = q;
            q.purchases = Default::default();
            text = yamlout::to_yaml(&q);
        }
        std::fs::write(last.join(name), text).unwrap();
    }
    zhizao()
        .arg("screen")
        .arg(&last)
        .arg("-o")
        .arg(d.join("last.json"))
        .assert()
        .success();
    let out = zhizao()
        .args(["screen", "questionnaires/examples", "--previous"])
        .arg(d.join("last.json"))
        .arg("-o")
        .arg(d.join("now.json"))
        .assert()
        .success()
        .get_output()
        .clone();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("按信用代码匹配: 5 · 新增: 1 · 未再提交: 0"),
        "{stdout}"
    );
    let now: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("now.json")).unwrap()).unwrap();
    let changes = now["previous"]["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 6);
    let shoe = changes
        .iter()
        .find(|c| c["name"] == "泉州市鲤城区华履鞋业有限公司")
        .unwrap();
    assert_eq!(shoe["status"], "matched");
    let yuan =
        |v: &serde_json::Value| -> rust_decimal::Decimal { v.as_str().unwrap().parse().unwrap() };
    // 二(五)2: 6 units for 168万 → 20% = 336,000 元 more support this year.
    let delta = yuan(&shoe["eligible_cny"][1]) - yuan(&shoe["eligible_cny"][0]);
    assert_eq!(delta, rust_decimal::Decimal::from(336_000));
    let paper = changes
        .iter()
        .find(|c| c["name"] == "泉州市鲤城区恒卓纸品机械有限公司")
        .unwrap();
    assert_eq!(paper["status"], "new");
    // Last year's workbook instead of its JSON gives the same changes.
    zhizao()
        .arg("screen")
        .arg(&last)
        .arg("-o")
        .arg(d.join("last.xlsx"))
        .assert()
        .success();
    zhizao()
        .args(["screen", "questionnaires/examples", "--previous"])
        .arg(d.join("last.xlsx"))
        .arg("-o")
        .arg(d.join("now2.json"))
        .assert()
        .success();
    let now2: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("now2.json")).unwrap()).unwrap();
    assert_eq!(now2["previous"]["changes"], now["previous"]["changes"]);
}

#[test]
fn near_misses_list_each_missing_check_with_its_gap_as_assess_gives_it() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("n.xlsx");
    zhizao()
        .args(["screen", "questionnaires/examples", "-o"])
        .arg(&x)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&x).unwrap();
    let nm = wb.worksheet_range("接近认定").unwrap();
    let rows: Vec<&[Data]> = nm.rows().skip(1).collect();
    let footwear: Vec<&&[Data]> = rows
        .iter()
        .filter(|r| {
            r[2] == Data::String("泉州市鲤城区华履鞋业有限公司".into())
                && r[0] == Data::String("数字化车间".into())
        })
        .collect();
    // What `assess` says the footwear maker misses for a digital workshop.
    let out = zhizao()
        .args([
            "assess",
            "questionnaires/examples/licheng-footwear.yaml",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let a: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dw = a["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "digital_workshop")
        .unwrap();
    let missed: Vec<&serde_json::Value> = dw["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["status"] != "met" && k["status"] != "not_applicable")
        .collect();
    assert!(!missed.is_empty());
    assert_eq!(footwear.len(), missed.len());
    for (row, k) in footwear.iter().zip(&missed) {
        assert_eq!(
            row[6],
            Data::String(k["name"]["zh"].as_str().unwrap().into())
        );
        assert_eq!(
            row[10],
            Data::String(k["gap"]["zh"].as_str().unwrap_or("").into())
        );
        assert_eq!(row[5], Data::Float(missed.len() as f64));
    }
    // Ranked: fewest missing checks first.
    let counts: Vec<f64> = rows
        .iter()
        .filter(|r| r[0] == Data::String("数字化车间".into()))
        .map(|r| match r[5] {
            Data::Float(x) => x,
            _ => f64::NAN,
        })
        .collect();
    assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
}

#[test]
fn sample_as_a_workbook_holds_the_same_questionnaires_as_sample_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("s.xlsx");
    zhizao()
        .args([
            "sample", "--count", "12", "--seed", "5", "--format", "xlsx", "--out",
        ])
        .arg(&x)
        .assert()
        .success();
    let rows: Vec<Questionnaire> = read::read_path(&x, "s.xlsx")
        .unwrap()
        .into_iter()
        .map(|e| e.result.unwrap().questionnaire)
        .collect();
    let files: Vec<Questionnaire> = (0..12)
        .map(|i| {
            let (name, text) = zhizao::sample::sample(5, i, 0.0);
            load_yaml(&text, &name)
        })
        .collect();
    assert_eq!(rows, files);
    // Invalid samples have no row form: refused, not silently dropped.
    zhizao()
        .args([
            "sample",
            "--count",
            "3",
            "--format",
            "xlsx",
            "--invalid-share",
            "0.5",
            "--out",
        ])
        .arg(dir.path().join("bad.xlsx"))
        .assert()
        .code(2);
}

#[test]
fn near_misses_are_found_in_a_master_table_too() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    zhizao()
        .args([
            "sample", "--count", "60", "--seed", "3", "--format", "xlsx", "--out",
        ])
        .arg(d.join("rows.xlsx"))
        .assert()
        .success();
    zhizao()
        .arg("screen")
        .arg(d.join("rows.xlsx"))
        .arg("-o")
        .arg(d.join("r.xlsx"))
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(d.join("r.xlsx")).unwrap();
    let nm = wb.worksheet_range("接近认定").unwrap();
    let rows: Vec<&[Data]> = nm.rows().skip(1).collect();
    assert!(rows.len() >= 5, "{}", rows.len());
    assert!(rows
        .iter()
        .all(|r| matches!(&r[11], Data::String(s) if s.contains("rows.xlsx!申报表!A"))));
    assert!(
        rows.iter()
            .any(|r| matches!(&r[10], Data::String(s) if !s.is_empty())),
        "gaps are given"
    );
}

#[test]
fn a_value_beyond_the_cell_limit_is_refused_by_convert_naming_the_cell() {
    // Converting must be lossless, so a 40,000-character name is not cut
    // there (as the results workbook does) but refused, naming the cell.
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("questionnaires/examples/licheng-footwear.yaml").unwrap();
    let long: String = base
        .lines()
        .map(
            |l| match l.trim_start().starts_with("name:") && l.starts_with("  name") {
                true => format!("  name: \"{}\"\n", "鞋".repeat(40_000)),
                false => format!("{l}\n"),
            },
        )
        .collect();
    std::fs::write(dir.path().join("long.yaml"), long).unwrap();
    let out = zhizao()
        .current_dir(dir.path())
        .args(["convert", "long.yaml", "-o", "rows.xlsx"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("rows.xlsx") && stderr.contains("申报表!A6") && stderr.contains("32,767"),
        "{stderr}"
    );
    assert!(!dir.path().join("rows.xlsx").exists(), "no half workbook");
}

#[test]
fn a_workbook_screens_the_same_on_one_thread_or_two() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // More rows than one run of the pipeline (64), so rows are split across threads.
    zhizao()
        .args([
            "sample", "--count", "150", "--seed", "9", "--format", "xlsx", "--out",
        ])
        .arg(d.join("rows.xlsx"))
        .assert()
        .success();
    for jobs in ["1", "2"] {
        zhizao()
            .arg("screen")
            .arg(d.join("rows.xlsx"))
            .args(["--jobs", jobs, "-o"])
            .arg(d.join(format!("j{jobs}.json")))
            .assert()
            .success();
    }
    let a = std::fs::read(d.join("j1.json")).unwrap();
    let b = std::fs::read(d.join("j2.json")).unwrap();
    assert!(a == b, "byte-identical whatever the thread count");
    let v: serde_json::Value = serde_json::from_slice(&a).unwrap();
    assert_eq!(v["summary"]["files"], 150);
    assert_eq!(
        v["enterprises"][149]["file"]
            .as_str()
            .unwrap()
            .rsplit('!')
            .next(),
        Some("A155")
    );
}

#[test]
fn a_results_workbook_left_in_the_inbox_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("inbox")).unwrap();
    std::fs::copy(
        "questionnaires/examples/licheng-footwear.yaml",
        d.join("inbox/a.yaml"),
    )
    .unwrap();
    zhizao()
        .arg("screen")
        .arg(d.join("inbox"))
        .arg("-o")
        .arg(d.join("inbox/结果.xlsx"))
        .assert()
        .success();
    let out = zhizao()
        .arg("screen")
        .arg(d.join("inbox"))
        .arg("-o")
        .arg(d.join("r.json"))
        .assert()
        .code(1)
        .get_output()
        .clone();
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(d.join("r.json")).unwrap()).unwrap();
    assert_eq!(
        v["rejected"][0]["code"],
        "xlsx.results",
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_workbook_claiming_gigabytes_unpacked_is_refused_before_unpacking() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("bomb.xlsx");
    zhizao()
        .args(["init", "--format", "xlsx", "-o"])
        .arg(&x)
        .assert()
        .success();
    // Make the first part of the archive claim 4 GB (central directory
    // header: signature PK\x01\x02, uncompressed size at offset 24).
    let mut b = std::fs::read(&x).unwrap();
    let at = b.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
    b[at + 24..at + 28].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
    std::fs::write(&x, &b).unwrap();
    let out = zhizao()
        .arg("validate")
        .arg(&x)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("错误[xlsx.too_large]"), "{stderr}");
}

#[test]
fn a_mistyped_field_key_does_not_drop_its_values() {
    let dir = tempfile::tempdir().unwrap();
    let x = dir.path().join("k.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, key) in [
        "enterprise.name",
        "enterprise.sector",
        "enterprise.data_year",
        "enterprise.employes",
        "备注",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(template::KEY_ROW, c as u16, *key).unwrap();
    }
    let r = template::HEADER_ROWS;
    ws.write_string(r, 0, "甲").unwrap();
    ws.write_string(r, 1, "其他").unwrap();
    ws.write_number(r, 2, 2017.0).unwrap();
    ws.write_number(r, 3, 120.0).unwrap();
    ws.write_string(r, 4, "经信局备注").unwrap();
    wb.save(&x).unwrap();
    let out = zhizao()
        .arg("validate")
        .arg(&x)
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("k.xlsx!Sheet1!D6: 错误[field.unknown]"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("E6"),
        "a column without a field key is the bureau's own: {stderr}"
    );
}

#[test]
fn screen_writes_docx_reports_with_the_same_document_as_assess() {
    use std::io::Read;
    fn document_xml(path: &std::path::Path) -> String {
        let bytes = std::fs::read(path).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a DOCX is a zip");
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .expect("word/document.xml")
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }
    let dir = tempfile::tempdir().unwrap();
    let reports = dir.path().join("reports");
    zhizao()
        .env("ZHIZAO_REPORT_DATE", "2017-06-30")
        .args([
            "screen",
            "questionnaires/examples",
            "--format",
            "docx",
            "--reports",
        ])
        .arg(&reports)
        .assert()
        .success();
    let footwear = reports.join("9135050215583726XH-泉州市鲤城区华履鞋业有限公司.docx");
    let single = dir.path().join("single.docx");
    zhizao()
        .env("ZHIZAO_REPORT_DATE", "2017-06-30")
        .args([
            "assess",
            "questionnaires/examples/licheng-footwear.yaml",
            "-o",
        ])
        .arg(&single)
        .assert()
        .success();
    // docx-rs numbers images with a process-wide counter, so the image ids
    // differ between a batch and a single run; the document is otherwise the same.
    let ids = |xml: String| {
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(i) = rest.find("rIdImage") {
            out.push_str(&rest[..i + "rIdImage".len()]);
            rest = rest[i + "rIdImage".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        }
        out + rest
    };
    let from_screen = ids(document_xml(&footwear));
    assert!(from_screen.contains("泉州市鲤城区华履鞋业有限公司"));
    assert_eq!(
        from_screen,
        ids(document_xml(&single)),
        "the same report as assess"
    );
    let count = std::fs::read_dir(&reports).unwrap().count();
    assert_eq!(count, 9, "one report per example enterprise");
}

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

/// A folder with the nine examples and every kind of bad file.
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
        text.contains("submissions: 14 · assessed: 9 · rejected: 5"),
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

/// The mixed batch screened in English to `dir/out.xlsx`; its path.
fn mixed_batch_workbook(dir: &Path) -> std::path::PathBuf {
    mixed_batch(dir);
    let x = dir.join("out.xlsx");
    zhizao()
        .current_dir(dir)
        .args(["screen", "batch", "--allow-rejected", "--lang", "en", "-o"])
        .arg(&x)
        .assert()
        .success();
    x
}

#[test]
fn xlsx_reads_back_with_sheets_rows_and_a_known_amount() {
    let t = tempfile::tempdir().unwrap();
    let x = mixed_batch_workbook(t.path());
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
        1 + 9 + 1,
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
    assert_eq!(rows.len(), 9);
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
    assert_eq!(v["enterprises"].as_array().unwrap().len(), 9);
    assert_eq!(v["summary"]["assessed"], 9);
    assert!(v["targets"].as_array().unwrap().len() >= 5);
}

/// The benchmark baselines (issue 18): `--parse-only` reads and parses,
/// `--read-floor` only reads (the same walk and reads as a screening); each
/// counts every file.
#[test]
fn benchmark_baselines_count_files() {
    for (flag, line) in [
        ("--parse-only", "parse-only: 9 parsed, 0 failed"),
        ("--read-floor", "read floor: 9 read, 0 failed"),
    ] {
        zhizao()
            .args(["screen", "questionnaires/examples", flag])
            .assert()
            .success()
            .stdout(predicate::str::contains(line));
    }
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

/// A sheet's first row as text: the column headers.
fn header_row(sheet: &calamine::Range<Data>) -> Vec<String> {
    sheet
        .rows()
        .next()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default()
}

/// The three examples screened against both packs, with the R&D expense each
/// gives (`rd_expense_wan` × 10,000, 元) — the base of the second pack's grant.
const TWO_PACK_BATCH: [(&str, i64); 3] = [
    ("licheng-footwear.yaml", 2_600_000),
    ("autoparts-digital-workshop.yaml", 13_000_000),
    ("ecommerce-apparel-brand.yaml", 1_200_000),
];

fn two_pack_batch(root: &Path) -> std::path::PathBuf {
    let dir = root.join("in");
    std::fs::create_dir_all(&dir).unwrap();
    for (f, _) in TWO_PACK_BATCH {
        std::fs::copy(Path::new("questionnaires/examples").join(f), dir.join(f)).unwrap();
    }
    dir
}

const BOTH_PACKS: [&str; 4] = [
    "--policy",
    "policies/licheng-2016.yaml",
    "--policy",
    "tests/packs/second-notice.yaml",
];

/// CSV records keyed by file name (the path's last part), as header → value.
fn csv_by_file(path: &Path) -> std::collections::BTreeMap<String, Vec<(String, String)>> {
    let mut r = csv::Reader::from_path(path).unwrap();
    let heads: Vec<String> = r
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            let row: Vec<(String, String)> = heads
                .iter()
                .cloned()
                .zip(rec.iter().map(String::from))
                .collect();
            let file = Path::new(&row[0].1)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (file, row)
        })
        .collect()
}

fn cell<'a>(row: &'a [(String, String)], head: &str) -> &'a str {
    row.iter()
        .find(|(h, _)| h == head)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no column {head}"))
}

fn yuan(row: &[(String, String)], head: &str) -> rust_decimal::Decimal {
    cell(row, head).parse().unwrap()
}

#[test]
fn screening_against_two_packs_shows_every_track_and_every_funder() {
    use rust_decimal::Decimal;
    let t = tempfile::tempdir().unwrap();
    let dir = two_pack_batch(t.path());
    let (one_csv, two_csv, two_xlsx) = (
        t.path().join("one.csv"),
        t.path().join("two.csv"),
        t.path().join("two.xlsx"),
    );
    zhizao()
        .args(["screen", "--lang", "en", "-o"])
        .arg(&one_csv)
        .arg(&dir)
        .assert()
        .success();
    let out = zhizao()
        .args(["screen", "--lang", "en"])
        .args(BOTH_PACKS)
        .arg("-o")
        .arg(&two_csv)
        .arg(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let summary = String::from_utf8_lossy(&out.stdout).to_string();
    for p in ["licheng-2016 ", "test-second-notice 1 · Second policy pack"] {
        assert!(summary.contains(p), "the summary names {p}: {summary}");
    }
    // By hand: national 60% × 1% × R&D expense per firm; 15,600 + 78,000 + 7,200.
    assert!(summary.contains("national CNY 100,800"), "{summary}");

    let one = csv_by_file(&one_csv);
    let two = csv_by_file(&two_csv);
    let heads: Vec<&str> = two["licheng-footwear.yaml"]
        .iter()
        .map(|(h, _)| h.as_str())
        .filter(|h| h.starts_with("eligible_") && h.ends_with("_cny"))
        .collect();
    assert_eq!(
        heads,
        [
            "eligible_national_cny",
            "eligible_province_cny",
            "eligible_city_cny",
            "eligible_district_cny"
        ]
    );
    for (f, rd) in TWO_PACK_BATCH {
        let (a, b) = (&one[f], &two[f]);
        let rd = Decimal::from(rd);
        // 第二条 (fictitious): 1% of R&D expense, 60% national, 40% city.
        let national = rd * Decimal::new(1, 2) * Decimal::new(6, 1);
        assert_eq!(yuan(b, "eligible_national_cny"), national, "{f}");
        // 第一条 200,000 + the city's 40%, at most 250,000 (第三条), on top of
        // what the 2016 notice gives the city.
        let second_city = (Decimal::from(200_000) + rd * Decimal::new(1, 2) * Decimal::new(4, 1))
            .min(Decimal::from(250_000));
        assert_eq!(
            yuan(b, "eligible_city_cny") - yuan(a, "eligible_city_cny"),
            second_city,
            "{f}"
        );
        for who in ["province", "district"] {
            let h = format!("eligible_{who}_cny");
            assert_eq!(
                yuan(a, &h),
                yuan(b, &h),
                "{f}: the second pack pays no {who}"
            );
        }
        let tracks = cell(b, "eligible_tracks");
        assert!(
            tracks.contains("test-second-notice/rd-grant"),
            "{f}: {tracks}"
        );
        assert!(
            tracks.contains("test-second-notice/scale-award"),
            "{f}: {tracks}"
        );
        assert!(
            !cell(a, "eligible_tracks").contains('/'),
            "one pack: bare ids"
        );
        // Without candidates the eligible columns are the whole potential total.
        if cell(b, "candidate_tracks").is_empty() {
            let sum: Decimal = heads.iter().map(|h| yuan(b, h)).sum();
            assert_eq!(sum, yuan(b, "potential_total_max_cny"), "{f}");
        }
    }
    // The autoparts firm's second-pack city money hits the 250,000 cap:
    // 200,000 + 40% × 1% × 13,000,000 = 252,000.
    assert_eq!(
        yuan(&two["autoparts-digital-workshop.yaml"], "eligible_city_cny")
            - yuan(&one["autoparts-digital-workshop.yaml"], "eligible_city_cny"),
        Decimal::from(250_000)
    );

    zhizao()
        .args(["screen", "--lang", "en"])
        .args(BOTH_PACKS)
        .arg("-o")
        .arg(&two_xlsx)
        .arg(&dir)
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&two_xlsx).unwrap();
    let ent = wb.worksheet_range("Enterprises").unwrap();
    let head = header_row(&ent);
    let at = |h: &str| {
        head.iter()
            .position(|x| x == h)
            .unwrap_or_else(|| panic!("{h}: {head:?}"))
    };
    let (nat, name) = (at("Eligible · national (万元)"), at("Enterprise"));
    let mut checked = 0;
    for (r, row) in ent.rows().enumerate().skip(1) {
        let Data::String(n) = &row[name] else {
            continue;
        };
        if n == "Total" {
            continue;
        }
        let rd = TWO_PACK_BATCH
            .iter()
            .find(|(f, _)| row.iter().any(|c| c.to_string().ends_with(f)))
            .map(|(_, rd)| *rd)
            .unwrap_or_else(|| panic!("row {r} names a file of the batch"));
        // 万元: 60% × 1% × rd / 10,000.
        let want = Decimal::from(rd) * Decimal::new(6, 3) / Decimal::from(10_000);
        assert_eq!(row[nat], Data::Float(want.try_into().unwrap()), "row {r}");
        checked += 1;
    }
    assert_eq!(checked, 3);
    let budget = wb.worksheet_range("Budget").unwrap();
    let bhead = header_row(&budget);
    let pot = bhead
        .iter()
        .position(|h| h == "Potential · national (万元)")
        .unwrap();
    let id = bhead.iter().position(|h| h == "track_id").unwrap();
    let rd_row = budget
        .rows()
        .find(|r| r[id] == Data::String("test-second-notice/rd-grant".into()))
        .expect("the second pack's grant has a budget row");
    assert_eq!(rd_row[pot], Data::Float(10.08), "100,800 元 = 10.08 万元");
    let tracks = wb.worksheet_range("Tracks").unwrap();
    let thead = header_row(&tracks);
    assert_eq!(
        thead[6..11],
        [
            "National (万元)",
            "Province (万元)",
            "City (万元)",
            "District (万元)",
            "Total (万元)"
        ]
    );
}

fn both_packs() -> zhizao::assess::Engine {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    zhizao::assess::Engine::load(&zhizao::assess::PackSources {
        policies: vec![
            root.join("policies/licheng-2016.yaml"),
            root.join("tests/packs/second-notice.yaml"),
        ],
        ..Default::default()
    })
    .expect("both packs load")
}

#[test]
fn the_library_screens_every_pack_and_rows_equal_assessments() {
    use rust_decimal::Decimal;
    use zhizao::policy::pack::FunderLevel;
    use zhizao::screen::{self, Options, Packs, Row};
    let engine = both_packs();
    let t = tempfile::tempdir().unwrap();
    let dir = two_pack_batch(t.path());
    let opts = Options {
        jobs: 1,
        progress: false,
        top: 10,
        keep_rows: true,
        follow_links: false,
    };
    let s = screen::screen(&engine, std::slice::from_ref(&dir), &opts).unwrap();
    let ids: Vec<&str> = s.funders.iter().map(|f| f.id()).collect();
    assert_eq!(ids, ["national", "province", "city", "district"]);
    let national = |m: &zhizao::policy::eval::ByFunder| {
        m.iter()
            .find(|(f, _)| f.id() == "national")
            .map(|(f, r)| (f.level(), r.max))
    };
    let mut sum = Decimal::ZERO;
    for item in s.rows().unwrap() {
        let (row, _) = item.unwrap();
        let f = Path::new(&row.file)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let rd = TWO_PACK_BATCH.iter().find(|(n, _)| *n == f).unwrap().1;
        let want = Decimal::from(rd) * Decimal::new(6, 3);
        // Read back from the spill, the national funder is the declared one
        // (level national), so it sorts first and matches the totals' key.
        assert_eq!(
            national(&row.eligible),
            Some((FunderLevel::National, Some(want))),
            "{f}"
        );
        let rd_track = row
            .tracks
            .iter()
            .find(|t| t.id == "test-second-notice/rd-grant");
        assert!(rd_track.is_some(), "{f}: {:?}", row.tracks);
        sum += want;

        // The screening row equals the one built from a full assessment.
        let l = zhizao::input::from_bytes(&std::fs::read(&row.file).unwrap(), &row.file).unwrap();
        let b = engine.brief(&l.questionnaire);
        let a = engine.assess(
            &l.questionnaire,
            zhizao::assess::InputInfo {
                file: row.file.clone(),
                sha256: l.sha256.clone(),
            },
            l.warnings.clone(),
        );
        let from_brief = Row::from_brief_packs(
            &b,
            &l.questionnaire,
            &Packs::of(&engine),
            row.file.clone(),
            l.warnings.len(),
        );
        let from_full = Row::from_assessment(&a, &l.questionnaire);
        assert_eq!(
            serde_json::to_value(&from_brief).unwrap(),
            serde_json::to_value(&from_full).unwrap(),
            "{f}"
        );
    }
    // 15,600 + 78,000 + 7,200: all of it through the grant, in its budget line.
    assert_eq!(sum, Decimal::from(100_800));
    assert_eq!(national(&s.agg.eligible_by_funder).unwrap().1, Some(sum));
    let (_, grant) = s
        .agg
        .budget
        .iter()
        .find(|(id, _)| id == "test-second-notice/rd-grant")
        .expect("the second pack's tracks are budgeted");
    assert_eq!(grant.eligible, 3);
    assert_eq!(national(&grant.eligible_by_funder).unwrap().1, Some(sum));
    assert!(s.agg.budget.iter().all(|(id, _)| id.contains('/')));
    // The budget lines add up to the totals, funder by funder (no candidate
    // award is cut by a cap here, so potential adds up too).
    for who in &s.funders {
        let lines: Decimal = s
            .agg
            .budget
            .iter()
            .filter_map(|(_, b)| b.potential_by_funder.get(who).and_then(|r| r.max))
            .sum();
        let total = s.agg.potential_by_funder[who].max.unwrap();
        assert_eq!(lines, total, "{who}");
    }
}

/// "then → now" of the eligible-total line of a `--previous` comparison, 万元.
fn then_now(text: &str) -> (rust_decimal::Decimal, rust_decimal::Decimal) {
    let line = text
        .lines()
        .find(|l| l.contains("eligible support, max total (万元):"))
        .unwrap_or_else(|| panic!("{text}"));
    let (_, nums) = line.split_once("):").unwrap();
    let (a, b) = nums.split_once('→').unwrap();
    (a.trim().parse().unwrap(), b.trim().parse().unwrap())
}

#[test]
fn previous_workbook_of_two_packs_reads_back_every_funder_column() {
    let t = tempfile::tempdir().unwrap();
    let dir = two_pack_batch(t.path());
    let (one, two) = (t.path().join("one.xlsx"), t.path().join("two.xlsx"));
    for (packs, out) in [(&[][..], &one), (&BOTH_PACKS[..], &two)] {
        zhizao()
            .args(["screen", "--lang", "en"])
            .args(packs)
            .arg("-o")
            .arg(out)
            .arg(&dir)
            .assert()
            .success();
    }
    let compare = |previous: &Path, packs: &[&str]| {
        let out = zhizao()
            .args(["screen", "--lang", "en"])
            .args(packs)
            .arg("--previous")
            .arg(previous)
            .arg(&dir)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        then_now(&String::from_utf8_lossy(&out.stdout))
    };
    // The second pack adds, by hand, national 15,600 + 78,000 + 7,200 and
    // city 210,400 + 250,000 (capped) + 204,800: 766,000 = 76.6 万元, read
    // back from the national and city columns of the two-pack workbook.
    let (then, now) = compare(&two, &[]);
    assert_eq!(then - now, rust_decimal::Decimal::new(766, 1));
    let (then, now) = compare(&one, &BOTH_PACKS);
    assert_eq!(now - then, rust_decimal::Decimal::new(766, 1));
    let (then, now) = compare(&two, &BOTH_PACKS);
    assert_eq!(then, now);
}

/// A part of a zip (an XLSX) as text.
fn zip_part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The value of attribute `name` in a start tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    tag[at..].split('"').next()
}

/// One `<c>` of a sheet: column letters, row, style, whether a number (no
/// `t`, no formula), whether a formula.
struct XmlCell {
    col: String,
    row: u32,
    style: Option<u32>,
    number: bool,
    formula: bool,
}

fn xml_cells(sheet: &str) -> Vec<XmlCell> {
    let data = sheet.split("<sheetData").nth(1).unwrap();
    data.split("<c ")
        .skip(1)
        .map(|c| {
            let tag = format!(" {}", &c[..c.find('>').unwrap()]);
            let tag = tag.as_str();
            let r = attr(tag, "r").unwrap();
            let split = r.find(|ch: char| ch.is_ascii_digit()).unwrap();
            let body = c.split("</c>").next().unwrap();
            XmlCell {
                col: r[..split].to_string(),
                row: r[split..].parse().unwrap(),
                style: attr(tag, "s").map(|s| s.parse().unwrap()),
                number: attr(tag, "t").is_none() && !body.contains("<f>") && body.contains("<v>"),
                formula: body.contains("<f>"),
            }
        })
        .collect()
}

#[test]
fn xlsx_number_cells_carry_their_columns_formats_and_the_columns_and_totals_none() {
    // The streamed sheets leave a number's format to its column while rows
    // are written and take the column formats away before saving
    // (src/workbook/results): what is saved must be what writing every
    // number with its format gives.
    let t = tempfile::tempdir().unwrap();
    let x = mixed_batch_workbook(t.path());
    let styles = zip_part(&x, "xl/styles.xml");
    let xfs: Vec<u32> = styles
        .split("<cellXfs")
        .nth(1)
        .unwrap()
        .split("</cellXfs>")
        .next()
        .unwrap()
        .split("<xf ")
        .skip(1)
        .map(|xf| {
            attr(&format!(" {xf}"), "numFmtId")
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    // Enterprises and Tracks are the third and fourth sheets.
    for (part, min_numbers) in [
        ("xl/worksheets/sheet3.xml", 9 * 8),
        ("xl/worksheets/sheet4.xml", 9),
    ] {
        let sheet = zip_part(&x, part);
        let cols = sheet
            .split("<cols>")
            .nth(1)
            .unwrap()
            .split("</cols>")
            .next()
            .unwrap();
        assert!(
            !cols.contains(" style="),
            "{part}: a column has a format: {cols}"
        );
        let cells = xml_cells(&sheet);
        let last = cells.iter().map(|c| c.row).max().unwrap();
        let mut by_col = std::collections::BTreeMap::<&str, u32>::new();
        let mut numbers = 0;
        for c in &cells {
            if c.row == last {
                if c.formula {
                    assert_eq!(c.style, None, "{part}: a total has a format");
                }
                continue;
            }
            if !c.number {
                continue;
            }
            numbers += 1;
            let s = c
                .style
                .unwrap_or_else(|| panic!("{part}!{}{}: a number without a format", c.col, c.row));
            assert_ne!(xfs[s as usize], 0, "{part}!{}{}: General", c.col, c.row);
            let first = *by_col.entry(&c.col).or_insert(s);
            assert_eq!(
                first, s,
                "{part}!{}{}: another format than its column's",
                c.col, c.row
            );
        }
        assert!(numbers >= min_numbers, "{part}: {numbers} number cells");
    }
}

/// Every part of a zip (an XLSX) by name, `docProps/core.xml` less its
/// creation and modification times (they are the clock's).
fn zip_parts(path: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut b = Vec::new();
        f.read_to_end(&mut b).unwrap();
        if name == "docProps/core.xml" {
            let text = String::from_utf8(b).unwrap();
            let mut kept = String::new();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("<dcterms:") {
                kept.push_str(&rest[..at]);
                let end = rest[at..].find("</dcterms:").unwrap();
                let close = rest[at + end..].find('>').unwrap();
                rest = &rest[at + end + close + 1..];
            }
            kept.push_str(rest);
            b = kept.into_bytes();
        }
        parts.insert(name, b);
    }
    parts
}

#[test]
fn xlsx_is_the_same_on_one_thread_or_two() {
    // With more than one thread the Enterprises and Tracks sheets are
    // written at once, the rows read back a batch ahead and the near misses
    // assessed in parallel (src/workbook/results, src/workbook/nearmiss):
    // the workbook must be the same, byte for byte, part by part. 300 files
    // are more than one batch handed between the sheets (256 rows), the
    // mixed batch adds rejected files and the examples' near misses.
    let t = tempfile::tempdir().unwrap();
    let d = t.path();
    mixed_batch(d);
    zhizao()
        .args(["sample", "--count", "300", "--seed", "18", "--out"])
        .arg(d.join("batch").join("sample"))
        .assert()
        .success();
    let mut parts = Vec::new();
    for jobs in ["1", "2", "3"] {
        let x = d.join(format!("j{jobs}.xlsx"));
        zhizao()
            .current_dir(d)
            .args(["screen", "batch", "--allow-rejected", "--jobs", jobs, "-o"])
            .arg(&x)
            .assert()
            .success();
        parts.push(zip_parts(&x));
    }
    let one = &parts[0];
    assert!(
        one.contains_key("xl/worksheets/sheet8.xml"),
        "a near-miss sheet"
    );
    let tracks = String::from_utf8_lossy(&one["xl/worksheets/sheet4.xml"]);
    assert!(
        tracks.matches("<row ").count() > 300,
        "more track rows than files"
    );
    for (jobs, other) in ["2", "3"].iter().zip(&parts[1..]) {
        assert_eq!(
            one.keys().collect::<Vec<_>>(),
            other.keys().collect::<Vec<_>>(),
            "--jobs {jobs}: the same parts"
        );
        for (name, bytes) in one {
            assert!(bytes == &other[name], "--jobs {jobs}: {name} differs");
        }
    }
}

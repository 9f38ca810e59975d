//! The current Quanzhou/Fujian packs and the choice of packs by data year
//! (issue 16, items 3 and 4): with no `--policy`, a questionnaire is assessed
//! on the shipped packs in force for its data year. A 2017 questionnaire
//! gets exactly what the 2016 notice alone gives; a 2025 one gets the
//! current tracks with money (tests/current/machinery-2025.yaml, amounts
//! worked by hand below).

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use zhizao::assess::{Assessment, Engine, InputInfo, PackSources};
use zhizao::confidence::Confidence;
use zhizao::policy::eval::{TrackResult, TrackStatus};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn assess(engine: &Engine, path: &Path) -> Assessment {
    let shown = path.display().to_string();
    let bytes = zhizao::yaml::read_capped(path, &shown, zhizao::yaml::MAX_QUESTIONNAIRE_BYTES)
        .expect("questionnaire reads");
    let l = zhizao::input::from_bytes(&bytes, &shown).expect("questionnaire is valid");
    engine.assess(
        &l.questionnaire,
        InputInfo {
            file: shown,
            sha256: l.sha256,
        },
        l.warnings,
    )
}

fn with_policies(files: &[&str]) -> Engine {
    let sources = PackSources {
        policies: files.iter().map(|f| root().join(f)).collect(),
        ..PackSources::default()
    };
    Engine::load(&sources).expect("packs load")
}

fn track<'a>(a: &'a Assessment, id: &str) -> &'a TrackResult {
    a.subsidies
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("no track {id}"))
}

fn max_of(t: &TrackResult, funder: &str) -> Option<Decimal> {
    t.by_funder
        .iter()
        .find(|(f, _)| f.id() == funder)
        .and_then(|(_, r)| r.max)
}

fn examples_2017() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("questionnaires/examples"))
        .expect("examples")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains("data_year: 2017")))
        .collect();
    v.sort();
    v
}

#[test]
fn a_2017_questionnaire_gets_exactly_the_2016_notice_alone() {
    // Today's default was the 2016 pack alone; the shipped packs chosen by
    // data year must give the very same JSON for every 2017 example.
    let by_year = Engine::shipped();
    let alone = with_policies(&["policies/licheng-2016.yaml"]);
    let files = examples_2017();
    assert!(files.len() >= 5, "{files:?}");
    for f in files {
        let a = assess(&by_year, &f);
        let b = assess(&alone, &f);
        assert!(a.packs.more_policies.is_empty(), "{}", f.display());
        assert_eq!(
            zhizao::report::json(&a),
            zhizao::report::json(&b),
            "{}",
            f.display()
        );
        let json = zhizao::report::json(&a);
        assert!(!json.contains("\"confidence\""), "{}", f.display());
        assert!(!json.contains("\"document\""), "{}", f.display());
    }
}

#[test]
fn a_2025_questionnaire_gets_the_current_packs_with_money() {
    let a = assess(
        &Engine::shipped(),
        &root().join("tests/current/machinery-2025.yaml"),
    );
    // Every shipped pack is in force in 2025 (the 2016 notice has no end date;
    // it is past its horizon and says so).
    let ids: Vec<&str> = a
        .packs
        .more_policies
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "licheng-2016",
            "qz-sme-digital-pilot-2024",
            "qz-techrenovation-2024",
            "qz-smart-mfg-awards",
            "fj-techrenovation-2024"
        ]
    );
    assert!(a.packs.more_policies.iter().all(|p| p.in_force));
    assert!(a.packs.more_policies[0].beyond_horizon);

    // By hand, from the questionnaire and the packs' text:
    //   qz-tech-renovation   7% × 8,000,000 = 560,000, "不超过7%": 0 – 560,000 (city)
    //   qz-smart-demo-factory-award  provincial, recognised 2025: 500,000 (city)
    //   qz-excellent-scene-award     2 provincial × 100,000 = 200,000 (city)
    //   fj-tech-renovation   5% × 9,000,000 = 450,000: 0 – 450,000 (province)
    //   fj-tech-renovation-reward  total 12,000,000 ≥ 10,000,000, revenue grew:
    //                        5% × 9,000,000: 0 – 450,000 (province)
    let expect = [
        ("qz-tech-renovation", "city", dec!(0), dec!(560000)),
        (
            "qz-smart-demo-factory-award",
            "city",
            dec!(500000),
            dec!(500000),
        ),
        (
            "qz-excellent-scene-award",
            "city",
            dec!(200000),
            dec!(200000),
        ),
        ("fj-tech-renovation", "province", dec!(0), dec!(450000)),
        (
            "fj-tech-renovation-reward",
            "province",
            dec!(0),
            dec!(450000),
        ),
    ];
    for (id, funder, min, max) in expect {
        let t = track(&a, id);
        assert_eq!(t.status, TrackStatus::Eligible, "{id}");
        let r = t.amount.expect("an amount");
        assert_eq!((r.min, r.max), (min, Some(max)), "{id}");
        assert_eq!(max_of(t, funder), Some(max), "{id}");
    }
    // The current packs' city money: 560,000 + 500,000 + 200,000; province 900,000.
    let current = |funder: &str| -> Decimal {
        a.subsidies
            .iter()
            .filter(|t| t.pack.as_deref().is_some_and(|p| p != "licheng-2016"))
            .filter(|t| t.status == TrackStatus::Eligible)
            .filter_map(|t| max_of(t, funder))
            .sum()
    };
    assert_eq!(current("city"), dec!(1260000));
    assert_eq!(current("province"), dec!(900000));
    // No loan given: the interest subsidy asks for it, with no money.
    let loan = track(&a, "fj-tech-loan-interest");
    assert_eq!(loan.status, TrackStatus::MissingData);
    assert!(loan.amount.is_none());
    // Not graded on site: the pilot grant is never "eligible now".
    assert_ne!(track(&a, "qz-digital-pilot").status, TrackStatus::Eligible);
    // No technology centre: no R&D-equipment grant.
    assert_eq!(
        track(&a, "qz-rd-equipment").status,
        TrackStatus::NotEligible
    );
}

#[test]
fn every_current_track_names_its_document_and_confidence() {
    let a = assess(
        &Engine::shipped(),
        &root().join("tests/current/machinery-2025.yaml"),
    );
    for t in &a.subsidies {
        let current = t.pack.as_deref() != Some("licheng-2016");
        assert_eq!(t.confidence.is_some(), current, "{}", t.id);
        assert_eq!(t.document.is_some(), current, "{}", t.id);
    }
    let tag = |id: &str| track(&a, id).confidence;
    assert_eq!(tag("qz-digital-pilot"), Some(Confidence::Official));
    assert_eq!(tag("qz-tech-renovation"), Some(Confidence::Official));
    // The R&D-equipment track overrides its pack's tag: a reposted call.
    assert_eq!(tag("qz-rd-equipment"), Some(Confidence::OfficialRepost));
    assert_eq!(tag("fj-tech-renovation"), Some(Confidence::Secondary));
    assert_eq!(
        tag("qz-smart-demo-factory-award"),
        Some(Confidence::Secondary)
    );
    assert!(track(&a, "qz-digital-pilot")
        .document
        .as_ref()
        .is_some_and(|d| d.zh.contains("泉工信〔2024〕243号")));
    let json = zhizao::report::json(&a);
    assert!(
        json.contains("\"confidence\": \"O-r\""),
        "tag serialised as written"
    );
}

#[test]
fn a_pack_not_covering_the_data_year_is_left_out() {
    // 2024: the pilot's call (2025-01-24) is not in force, the others are.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("tests/current/machinery-2025.yaml"))
        .unwrap()
        .replace("data_year: 2025", "data_year: 2024")
        .replace("year: 2025}", "year: 2024}");
    let f = dir.path().join("q-2024.yaml");
    std::fs::write(&f, text).unwrap();
    let a = assess(&Engine::shipped(), &f);
    let ids: Vec<&str> = a
        .packs
        .more_policies
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "licheng-2016",
            "qz-techrenovation-2024",
            "qz-smart-mfg-awards",
            "fj-techrenovation-2024"
        ]
    );
    assert!(a
        .subsidies
        .iter()
        .all(|t| !t.id.starts_with("qz-digital-pilot")));
    // Given explicitly, a pack is evaluated whatever the year: not in force.
    let e = with_policies(&["policies/qz-sme-digital-pilot-2024.yaml"]);
    let b = assess(&e, &f);
    assert_eq!(
        track(&b, "qz-digital-pilot").status,
        TrackStatus::NotInForce
    );
    assert!(!b.packs.in_force);
}

#[test]
fn shipped_track_ids_are_unique_across_packs() {
    // A screening with the shipped packs names tracks by id alone.
    let e = Engine::shipped();
    let mut seen = std::collections::BTreeSet::new();
    for p in e.policies() {
        for t in &p.tracks {
            assert!(seen.insert(t.id.clone()), "{} in {} repeats", t.id, p.id);
        }
    }
    assert_eq!(e.policies().count(), zhizao::policy::SHIPPED_PACKS.len());
}

#[test]
fn a_part_larger_than_its_whole_is_an_error_at_its_line() {
    let text = "schema_version: 2\nenterprise:\n  name: x\n  sector: other\n  data_year: 2025\nupgrades:\n  digital_spend_ex_tax_wan: 10\n  digital_down_payment_ex_tax_wan: 12\n  project_equipment_investment_wan: 500\n  project_total_investment_wan: 500\n";
    let diags = match zhizao::input::from_bytes(text.as_bytes(), "q.yaml") {
        Ok(_) => panic!("a down payment above the spend must not pass"),
        Err((d, _)) => d,
    };
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    // Only the down payment (12 > 10); equipment equal to the total is fine.
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].path.as_deref(),
        Some("upgrades.digital_down_payment_ex_tax_wan")
    );
    assert_eq!(errors[0].line, Some(8));
}

#[test]
fn screening_a_mixed_folder_applies_each_files_packs() {
    // One 2017 example and the 2025 questionnaire in one folder, screened
    // with the shipped packs: each row is its own assessment's row, the
    // 2017 one exactly as with the 2016 pack alone.
    let dir = tempfile::tempdir().unwrap();
    let old = root().join("questionnaires/examples/electronics-smart-factory.yaml");
    let new = root().join("tests/current/machinery-2025.yaml");
    std::fs::copy(&old, dir.path().join("a-2017.yaml")).unwrap();
    std::fs::copy(&new, dir.path().join("b-2025.yaml")).unwrap();
    let opts = zhizao::screen::Options {
        jobs: 1,
        progress: false,
        top: 10,
        keep_rows: true,
        follow_links: false,
    };
    let engine = Engine::shipped();
    let s = zhizao::screen::screen(&engine, &[dir.path().to_path_buf()], &opts).unwrap();
    let rows: Vec<zhizao::screen::Row> = s.rows().unwrap().map(|r| r.unwrap().0).collect();
    assert_eq!(rows.len(), 2);
    let alone = with_policies(&["policies/licheng-2016.yaml"]);
    let s_old = zhizao::screen::screen(&alone, &[dir.path().join("a-2017.yaml")], &opts).unwrap();
    let row_old = s_old.rows().unwrap().next().unwrap().unwrap().0;
    let by_year = |y: i32| rows.iter().find(|r| r.data_year == y).unwrap();
    let mut a = serde_json::to_value(by_year(2017)).unwrap();
    let mut b = serde_json::to_value(&row_old).unwrap();
    a["file"] = serde_json::Value::Null;
    b["file"] = serde_json::Value::Null;
    assert_eq!(a, b, "the 2017 row is the 2016 pack's row");
    // The 2025 row names the current tracks by id, with the hand-computed money.
    let r = by_year(2025);
    let t = r
        .tracks
        .iter()
        .find(|t| t.id == "qz-smart-demo-factory-award")
        .expect("current track in the 2025 row");
    assert_eq!(t.status, TrackStatus::Eligible);
    let city = r.eligible.iter().find(|(f, _)| f.id() == "city").unwrap().1;
    assert_eq!(city.max, Some(dec!(1260000)));
}

//! Several policy packs evaluated together: the 2016 notice beside a second,
//! fictitious pack (tests/packs/second-notice.yaml) with its own funders
//! (national, city) and its own cap (city money at most 250,000 a year).

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::path::{Path, PathBuf};
use zhizao::assess::{Assessment, Engine, InputInfo, PackSources};
use zhizao::policy::pack::Funder;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn assess(engine: &Engine, example: &str) -> Assessment {
    let path = root().join("questionnaires/examples").join(example);
    let shown = path.display().to_string();
    let bytes = zhizao::yaml::read_capped(&path, &shown, zhizao::yaml::MAX_QUESTIONNAIRE_BYTES)
        .expect("example reads");
    let l = zhizao::input::from_bytes(&bytes, &shown).expect("example is valid");
    engine.assess(
        &l.questionnaire,
        InputInfo {
            file: shown,
            sha256: l.sha256,
        },
        l.warnings,
    )
}

fn both() -> Engine {
    let sources = PackSources {
        policies: vec![
            root().join("policies/licheng-2016.yaml"),
            root().join("tests/packs/second-notice.yaml"),
        ],
        ..PackSources::default()
    };
    Engine::load(&sources).expect("both packs load")
}

fn eligible(a: &Assessment, funder: &str) -> Decimal {
    let f = a
        .totals
        .eligible
        .by_funder
        .iter()
        .find(|(f, _)| f.id() == funder)
        .map(|(_, r)| r.min)
        .unwrap_or_default();
    f
}

#[test]
fn a_second_pack_adds_its_funders_and_its_capped_totals() {
    let alone = assess(&Engine::shipped(), "electronics-smart-factory.yaml");
    let a = assess(&both(), "electronics-smart-factory.yaml");
    // By hand, from the example (above designated size; R&D expense 9,100万元
    // = 91,000,000 元) and the second pack's text:
    //   scale-award  city 200,000 (fixed)
    //   rd-grant     1% × 91,000,000 = 910,000, national 60% = 546,000,
    //                city 40% = 364,000
    //   city cap     200,000 + 364,000 = 564,000 > 250,000: both are sure
    //                amounts, cut in proportion to the fen, the last takes the rest:
    //                200,000 × 250,000 / 564,000 = 88,652.48 (rounded down),
    //                364,000 → 250,000 − 88,652.48 = 161,347.52.
    assert_eq!(eligible(&a, "national"), dec!(546000));
    let city_second = dec!(88652.48) + dec!(161347.52);
    assert_eq!(city_second, dec!(250000));
    assert_eq!(eligible(&a, "city"), eligible(&alone, "city") + city_second);
    for f in ["province", "district"] {
        assert_eq!(eligible(&a, f), eligible(&alone, f), "{f} unchanged");
    }
    assert_eq!(
        a.totals.eligible.total.min,
        alone.totals.eligible.total.min + dec!(546000) + dec!(250000)
    );
    // Funders in level order: national first.
    let order: Vec<&str> = a.totals.eligible.by_funder.keys().map(Funder::id).collect();
    assert_eq!(order, ["national", "province", "city", "district"]);
    // The second pack's tracks follow the first's, tagged with their pack.
    let second: Vec<_> = a
        .subsidies
        .iter()
        .filter(|t| t.pack.as_deref() == Some("test-second-notice"))
        .collect();
    assert_eq!(second.len(), 2);
    let scale = second
        .iter()
        .find(|t| t.id == "scale-award")
        .expect("track");
    let city = scale
        .by_funder
        .iter()
        .find(|(f, _)| f.id() == "city")
        .expect("city");
    assert_eq!(city.1.min, dec!(88652.48));
    assert_eq!(a.packs.more_policies.len(), 2);
    assert_eq!(a.packs.more_policies[1].id, "test-second-notice");
}

#[test]
fn one_pack_alone_has_no_pack_tags() {
    let a = assess(&Engine::shipped(), "electronics-smart-factory.yaml");
    assert!(a.subsidies.iter().all(|t| t.pack.is_none()));
    assert!(a.packs.more_policies.is_empty());
}

#[test]
fn the_same_pack_twice_is_refused() {
    let p = root().join("policies/licheng-2016.yaml");
    let sources = PackSources {
        policies: vec![p.clone(), p],
        ..PackSources::default()
    };
    let err = Engine::load(&sources).expect_err("duplicate pack");
    assert_eq!(err.exit_code(), 1);
}

#[test]
fn a_funder_the_pack_does_not_declare_is_an_error_at_its_line() {
    let text = std::fs::read_to_string(root().join("tests/packs/second-notice.yaml"))
        .expect("fixture")
        .replace(
            "split: {national: 60, city: 40}",
            "split: {nation: 60, city: 40}",
        );
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("bad.yaml");
    std::fs::write(&path, text).expect("write");
    let sources = PackSources {
        policies: vec![path],
        ..PackSources::default()
    };
    match Engine::load(&sources) {
        Err(zhizao::assess::LoadError::Invalid { diagnostics, .. }) => {
            let d = diagnostics
                .iter()
                .find(|d| d.message.en.contains("`nation`"))
                .expect("names the funder");
            assert!(d.line.is_some(), "placed at a line: {d:?}");
        }
        other => panic!("expected an invalid pack, got {other:?}"),
    }
}

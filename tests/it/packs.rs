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
    let text = second_text().replace(
        "split: {national: 60, city: 40}",
        "split: {nation: 60, city: 40}",
    );
    let diagnostics = load_errors(&text);
    let d = diagnostics
        .iter()
        .find(|d| d.message.en.contains("`nation`"))
        .expect("names the funder");
    assert!(d.line.is_some(), "placed at a line: {d:?}");
}

/// The problems of a pack text loaded alone (it must be invalid).
fn load_errors(text: &str) -> Vec<zhizao::diag::Diagnostic> {
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("bad.yaml");
    std::fs::write(&path, text).expect("write");
    let sources = PackSources {
        policies: vec![path],
        ..PackSources::default()
    };
    match Engine::load(&sources) {
        Err(zhizao::assess::LoadError::Invalid { diagnostics, .. }) => diagnostics,
        other => panic!("expected an invalid pack, got {other:?}"),
    }
}

fn with_second(text: &str) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("second.yaml");
    std::fs::write(&path, text).expect("write");
    let sources = PackSources {
        policies: vec![root().join("policies/licheng-2016.yaml"), path],
        ..PackSources::default()
    };
    let engine = Engine::load(&sources).expect("loads");
    (dir, engine)
}

fn second_text() -> String {
    std::fs::read_to_string(root().join("tests/packs/second-notice.yaml")).expect("fixture")
}

#[test]
fn validity_is_by_date_a_pack_from_march_covers_part_of_the_year() {
    // The example's data year is 2017; the second pack takes effect on 2017-03-01.
    let text = second_text().replace(
        "effective_from: \"2016-01-01\"",
        "effective_from: \"2017-03-01\"",
    );
    let (_dir, engine) = with_second(&text);
    let a = assess(&engine, "electronics-smart-factory.yaml");
    let second = &a.packs.more_policies[1];
    assert!(second.in_force);
    let note = second.validity_note.as_ref().expect("a part-year note");
    assert!(note.en.contains("2017-03-01") && note.en.contains("part of data year 2017"));
    // A pack from 2018 is not in force in 2017: its tracks pay nothing, the first pack's still do.
    let text = second_text().replace(
        "effective_from: \"2016-01-01\"",
        "effective_from: \"2018-01-01\"",
    );
    let (_dir, engine) = with_second(&text);
    let a = assess(&engine, "electronics-smart-factory.yaml");
    assert!(!a.packs.more_policies[1].in_force);
    assert_eq!(eligible(&a, "national"), Decimal::ZERO);
    let alone = assess(&Engine::shipped(), "electronics-smart-factory.yaml");
    assert_eq!(a.totals.eligible.total, alone.totals.eligible.total);
}

#[test]
fn highest_only_pays_the_larger_award_before_the_funder_cap() {
    // 就高不重复 over the two tracks: rd-grant (910,000 in all) beats
    // scale-award (200,000), so scale-award pays nothing. With the cap raised
    // to 1,000,000 the city pays rd-grant's 40% = 364,000 alone; with the
    // fixture's 250,000 cap that one award is cut to 250,000.
    let group = "highest_only:\n  - clause: \"第四条\"\n    tracks: [scale-award, rd-grant]\n    note: {zh: \"就高不重复（虚构）\", en: \"highest only (fictitious)\"}\n\ntracks:";
    let base = second_text().replacen("tracks:", group, 1);
    for (cap, city) in [("1000000", dec!(364000)), ("250000", dec!(250000))] {
        let text = base.replace("amount: 250000", &format!("amount: {cap}"));
        let (_dir, engine) = with_second(&text);
        let a = assess(&engine, "electronics-smart-factory.yaml");
        let alone = assess(&Engine::shipped(), "electronics-smart-factory.yaml");
        assert_eq!(eligible(&a, "national"), dec!(546000), "cap {cap}");
        assert_eq!(
            eligible(&a, "city") - eligible(&alone, "city"),
            city,
            "cap {cap}"
        );
        let scale = a
            .subsidies
            .iter()
            .find(|t| t.id == "scale-award")
            .expect("track");
        assert_eq!(scale.not_stacked_with.as_deref(), Some("rd-grant"));
        assert!(scale.by_funder.values().all(|r| r.is_zero()));
        assert!(scale
            .explanation
            .iter()
            .any(|s| s.zh.contains("就高不重复")));
    }
}

#[test]
fn a_highest_only_group_must_name_tracks_of_the_pack() {
    let group = "highest_only:\n  - clause: \"第四条\"\n    tracks: [scale-award, no-such-track]\n    note: {zh: 测试, en: test}\n\ntracks:";
    let diagnostics = load_errors(&second_text().replacen("tracks:", group, 1));
    assert!(diagnostics
        .iter()
        .any(|d| d.message.en.contains("`no-such-track`") && d.line.is_some()));
}

#[test]
fn the_json_of_two_packs_carries_each_pack_its_cap_and_the_track_tags() {
    let a = assess(&both(), "electronics-smart-factory.yaml");
    let v: serde_json::Value = serde_json::from_str(&zhizao::report::json(&a)).expect("json");
    assert_eq!(v["packs"]["more_policies"][1]["id"], "test-second-notice");
    assert_eq!(v["district_cap"]["funder"], "district");
    assert_eq!(v["district_cap"]["pack"], "licheng-2016");
    let second = &v["more_caps"][0];
    assert_eq!(second["pack"], "test-second-notice");
    assert_eq!(second["funder"], "city");
    assert_eq!(second["cap"], "250000");
    assert_eq!(
        second["cut"],
        serde_json::json!(["scale-award", "rd-grant"])
    );
    let keys: Vec<&str> = v["totals"]["eligible"]["by_funder"]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["national", "province", "city", "district"]);
}

#[test]
fn the_terminal_report_shows_each_packs_cap_in_its_funders_words() {
    let a = assess(&both(), "electronics-smart-factory.yaml");
    let text = zhizao::report::terminal::render(
        &a,
        zhizao::report::terminal::Options {
            lang: zhizao::lang::Lang::Zh,
            color: false,
            explain: false,
            width: 100,
        },
    );
    assert!(text.contains("区级奖励上限"), "{text}");
    assert!(text.contains("市级奖励上限（第三条）：25.00万元"), "{text}");
}

#[test]
fn packs_that_disagree_on_a_funders_level_are_refused_naming_the_file() {
    // The second pack declares `city` at district level while the 2016 pack
    // has it at city level: their city money could not be added.
    let text = second_text().replace(
        "{id: city, name: {zh: 市, en: city}, level: city}",
        "{id: city, name: {zh: 市, en: city}, level: district}",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let path: PathBuf = dir.path().join("second.yaml");
    std::fs::write(&path, text).expect("write");
    let sources = PackSources {
        policies: vec![root().join("policies/licheng-2016.yaml"), path.clone()],
        ..PackSources::default()
    };
    match Engine::load(&sources) {
        Err(zhizao::assess::LoadError::Invalid { diagnostics, .. }) => {
            let d = diagnostics
                .iter()
                .find(|d| d.message.en.contains("`city`"))
                .expect("names the funder");
            assert_eq!(d.file, path.display().to_string());
        }
        other => panic!("expected conflicting packs to be refused, got {other:?}"),
    }
}

#[test]
fn a_batch_brief_keeps_every_packs_cap() {
    // The screening's compact result keeps both caps with their funders, the
    // same as the full assessment (first pack's first).
    let path = root().join("questionnaires/examples/electronics-smart-factory.yaml");
    let shown = path.display().to_string();
    let bytes = std::fs::read(&path).expect("example");
    let l = zhizao::input::from_bytes(&bytes, &shown).expect("valid");
    let engine = both();
    let brief = engine.brief(&l.questionnaire);
    let funders: Vec<&str> = brief.policy.caps().map(|c| c.funder.id()).collect();
    assert_eq!(funders, ["district", "city"]);
    let city = brief.policy.caps().nth(1).expect("city cap");
    assert_eq!(city.cap, Some(dec!(250000)));
    assert_eq!(city.after.min, dec!(250000));
    let a = assess(&engine, "electronics-smart-factory.yaml");
    let full: Vec<&str> = a.caps().map(|c| c.funder.id()).collect();
    assert_eq!(full, funders);
}

//! The three 2025 examples carry every current framework (issue #16, "done
//! when"): a digital level, a smart-factory level and the current Quanzhou /
//! Fujian tracks with money, from the shipped packs chosen by data year, with
//! no flag. Every expected figure is worked by hand in the example's opening
//! comment from levels/*.yaml, policies/qz-*.yaml, policies/fj-*.yaml and
//! ../shared/research/current-frameworks.md §1 and §4. The six 2017 examples
//! stay as they were: no `levels` key and no current-pack track.

use assert_cmd::Command;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::collections::BTreeMap;
use std::path::Path;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::levels::ladder::{LadderResult, StepStanding};
use zhizao::levels::LevelPack;
use zhizao::money::Range;
use zhizao::policy::eval::{TrackResult, TrackStatus, Truth};
use zhizao::policy::pack::Funder;

fn assess(name: &str) -> Assessment {
    assess_with(&Engine::shipped(), name)
}

fn assess_with(engine: &Engine, name: &str) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("questionnaires/examples")
        .join(format!("{name}.yaml"));
    let shown = path.display().to_string();
    let bytes = zhizao::yaml::read_capped(&path, &shown, zhizao::yaml::MAX_QUESTIONNAIRE_BYTES)
        .expect("reads");
    let l = zhizao::input::from_bytes(&bytes, &shown).expect("valid");
    engine.assess(
        &l.questionnaire,
        InputInfo {
            file: shown,
            sha256: l.sha256,
        },
        l.warnings,
    )
}

/// CNY `min` to `max`.
fn cny(min: Decimal, max: Decimal) -> Range {
    Range {
        min,
        max: Some(max),
    }
}

/// Exactly `x` CNY.
fn exact(x: Decimal) -> Range {
    cny(x, x)
}

fn track<'a>(a: &'a Assessment, pack: &str, id: &str) -> &'a TrackResult {
    a.subsidies
        .iter()
        .find(|t| t.id == id && t.pack.as_deref() == Some(pack))
        .unwrap_or_else(|| panic!("track {pack}/{id} evaluated"))
}

/// A funder's share by id ("province", "city", "district").
fn share(m: &BTreeMap<Funder, Range>, funder: &str) -> Option<Range> {
    m.iter().find(|(f, _)| f.id() == funder).map(|(_, r)| *r)
}

fn digital_level(a: &Assessment) -> Option<u8> {
    assert_eq!(a.levels.sheets.len(), 1, "the 2024 digital sheet applies");
    a.levels.sheets[0].level
}

fn ladder(a: &Assessment) -> &LadderResult {
    assert_eq!(
        a.levels.ladders.len(),
        1,
        "the smart-factory ladder applies"
    );
    &a.levels.ladders[0]
}

/// The ids of a step's gates that fail (truth No).
fn failing(l: &LadderResult, step: &str) -> Vec<String> {
    let s = l
        .steps
        .iter()
        .find(|s| s.id == step)
        .unwrap_or_else(|| panic!("step {step}"));
    s.gates
        .iter()
        .filter(|g| g.truth == Truth::No)
        .map(|g| g.id.clone())
        .collect()
}

fn standing(l: &LadderResult, step: &str) -> StepStanding {
    l.steps
        .iter()
        .find(|s| s.id == step)
        .map(|s| s.standing)
        .unwrap_or_else(|| panic!("step {step}"))
}

/// The policy facts of a track's conditions that fail.
fn failed_conditions(t: &TrackResult) -> Vec<&str> {
    t.conditions
        .iter()
        .filter(|c| c.truth == Truth::No)
        .map(|c| c.fact.as_str())
        .collect()
}

/// Eligible / potential totals: (province, city, district, total).
fn totals(a: &Assessment, potential: bool) -> [Option<Range>; 4] {
    let t = if potential {
        &a.totals.potential
    } else {
        &a.totals.eligible
    };
    [
        share(&t.by_funder, "province"),
        share(&t.by_funder, "city"),
        share(&t.by_funder, "district"),
        Some(t.total),
    ]
}

const CURRENT_PACKS: [&str; 4] = [
    "qz-sme-digital-pilot-2024",
    "qz-techrenovation-2024",
    "qz-smart-mfg-awards",
    "fj-techrenovation-2024",
];

#[test]
fn every_current_pack_is_chosen_for_2025_without_a_flag() {
    for name in [
        "sports-goods-sme-pilot",
        "machinery-advanced-factory",
        "small-firm-level-one",
    ] {
        let a = assess(name);
        for pack in CURRENT_PACKS {
            assert!(
                a.subsidies.iter().any(|t| t.pack.as_deref() == Some(pack)),
                "{name}: {pack} evaluated"
            );
        }
        assert_eq!(a.levels.sheets.len(), 1, "{name}");
        assert_eq!(a.levels.ladders.len(), 1, "{name}");
    }
}

/// 跃动体育: 二级, graded on site; pilot 50% × 360,000 = 180,000 (under the
/// 200,000 cap); first tranche 50% × 144,000 = 72,000 (an advance, outside
/// the totals); 基础级 fails only on CMMM 1 < 2 [T].
#[test]
fn sports_goods_sme_gets_the_pilot_grant_and_lacks_cmmm_two() {
    let a = assess("sports-goods-sme-pilot");
    assert_eq!(digital_level(&a), Some(2));

    let l = ladder(&a);
    assert_eq!(l.level, Some(0), "below 基础级");
    assert_eq!(l.recognised_level, 0);
    assert_eq!(standing(l, "basic"), StepStanding::NotYet);
    assert_eq!(failing(l, "basic"), ["cmmm"]);
    assert_eq!(l.next_step.as_deref(), Some("basic"));
    assert!(l.next_action.is_none(), "nothing to self-assess yet");

    let pilot = track(&a, "qz-sme-digital-pilot-2024", "qz-digital-pilot");
    assert_eq!(pilot.status, TrackStatus::Eligible);
    assert_eq!(pilot.amount, Some(exact(dec!(180000))));
    assert_eq!(share(&pilot.by_funder, "city"), Some(exact(dec!(180000))));

    let first = track(
        &a,
        "qz-sme-digital-pilot-2024",
        "qz-digital-pilot-first-tranche",
    );
    assert_eq!(first.status, TrackStatus::Eligible);
    assert_eq!(first.amount, Some(exact(dec!(72000))));
    assert_eq!(first.advance_of.as_deref(), Some("qz-digital-pilot"));
    assert_eq!(share(&first.by_funder, "city"), Some(exact(dec!(0))));

    for (pack, id) in [
        ("qz-techrenovation-2024", "qz-tech-renovation"),
        ("qz-techrenovation-2024", "qz-rd-equipment"),
        ("fj-techrenovation-2024", "fj-tech-renovation"),
        ("fj-techrenovation-2024", "fj-tech-renovation-reward"),
        ("fj-techrenovation-2024", "fj-tech-loan-interest"),
    ] {
        assert_eq!(track(&a, pack, id).status, TrackStatus::NotEligible, "{id}");
    }

    let zero = Some(exact(dec!(0)));
    let money = Some(exact(dec!(180000)));
    assert_eq!(totals(&a, false), [zero, money, zero, money]);
    assert_eq!(totals(&a, true), [zero, money, zero, money]);
}

/// The sports SME's header: under Hainan's edition (基础级 needs CMMM ≥ 1
/// [O-r]) its CMMM 1 passes and every other 基础级 gate holds, so it may
/// self-assess as 基础级; the national text [T] (CMMM ≥ 2) stops it.
#[test]
fn sports_goods_sme_reaches_basic_under_the_hainan_edition() {
    let mut e = Engine::shipped();
    e.levels = e
        .levels
        .iter()
        .map(|p| match p {
            LevelPack::Ladder(l) => {
                LevelPack::Ladder(l.with_edition("hainan-2025").expect("edition"))
            }
            other => other.clone(),
        })
        .collect();
    let a = assess_with(&e, "sports-goods-sme-pilot");
    let l = ladder(&a);
    assert_eq!(l.level, Some(1));
    assert!(failing(l, "basic").is_empty());
    let action = l.next_action.as_ref().expect("a step to take");
    assert_eq!(action.zh, "可自评为基础级");
}

/// 恒泰精工: 三级, not yet graded on site; 基础级 self-assessed, 先进级 qualifies
/// to apply, 卓越级 lacks four things; every 7% / 13% / [S] 5% track worked by
/// hand, with the 300,000 (三级) and 100,000 (first tranche) and 1,000,000
/// (7%) caps binding.
#[test]
fn machinery_firm_may_apply_for_advanced_and_gets_every_upgrade_track() {
    let a = assess("machinery-advanced-factory");
    assert_eq!(digital_level(&a), Some(3));

    let l = ladder(&a);
    assert_eq!(l.level, Some(2), "qualifies up to 先进级");
    assert_eq!(l.recognised_level, 1, "基础级 self-assessed in 2025");
    assert_eq!(standing(l, "basic"), StepStanding::Qualifies);
    assert_eq!(standing(l, "advanced"), StepStanding::Qualifies);
    assert_eq!(standing(l, "excellent"), StepStanding::NotYet);
    assert_eq!(
        failing(l, "excellent"),
        ["prerequisite", "cmmm", "results", "ai_share"]
    );
    assert_eq!(l.next_step.as_deref(), Some("excellent"));
    let action = l.next_action.as_ref().expect("a step to take");
    assert!(action.zh.starts_with("可申报先进级"), "{}", action.zh);

    let pilot = track(&a, "qz-sme-digital-pilot-2024", "qz-digital-pilot");
    assert_eq!(pilot.status, TrackStatus::Candidate, "not graded on site");
    assert_eq!(
        failed_conditions(pilot),
        ["upgrades.digital_level_graded_on_site"]
    );
    // 50% × 850,000 = 425,000 > 300,000 (三级 cap).
    assert_eq!(pilot.amount, Some(exact(dec!(300000))));

    let first = track(
        &a,
        "qz-sme-digital-pilot-2024",
        "qz-digital-pilot-first-tranche",
    );
    assert_eq!(first.status, TrackStatus::Eligible);
    // 50% × 340,000 = 170,000 > 100,000.
    assert_eq!(first.amount, Some(exact(dec!(100000))));

    // (pack, track, funder, upper bound worked by hand)
    let upper = [
        // 7% × 16,500,000 = 1,155,000 > 1,000,000.
        (
            "qz-techrenovation-2024",
            "qz-tech-renovation",
            "city",
            dec!(1000000),
        ),
        // 13% × 4,200,000 = 546,000.
        (
            "qz-techrenovation-2024",
            "qz-rd-equipment",
            "city",
            dec!(546000),
        ),
        // 5% × 18,800,000 = 940,000 [S], twice (grant and reward).
        (
            "fj-techrenovation-2024",
            "fj-tech-renovation",
            "province",
            dec!(940000),
        ),
        (
            "fj-techrenovation-2024",
            "fj-tech-renovation-reward",
            "province",
            dec!(940000),
        ),
        // 2% × 10,000,000 = 200,000 a year [S].
        (
            "fj-techrenovation-2024",
            "fj-tech-loan-interest",
            "province",
            dec!(200000),
        ),
    ];
    for (pack, id, funder, max) in upper {
        let t = track(&a, pack, id);
        assert_eq!(t.status, TrackStatus::Eligible, "{id}");
        assert_eq!(t.amount, Some(cny(dec!(0), max)), "{id}");
        assert_eq!(share(&t.by_funder, funder), Some(cny(dec!(0), max)), "{id}");
    }

    // The 2016 notice: only the non-money priority for an existing centre.
    let old: Vec<&str> = a
        .subsidies
        .iter()
        .filter(|t| t.pack.as_deref() == Some("licheng-2016"))
        .filter(|t| t.status == TrackStatus::Eligible)
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(old, ["existing-platform-priority"]);

    let zero = Some(exact(dec!(0)));
    assert_eq!(
        totals(&a, false),
        [
            Some(cny(dec!(0), dec!(2080000))),
            Some(cny(dec!(0), dec!(1546000))),
            zero,
            Some(cny(dec!(0), dec!(3626000))),
        ]
    );
    assert_eq!(
        totals(&a, true),
        [
            Some(cny(dec!(0), dec!(2080000))),
            Some(cny(dec!(300000), dec!(1846000))),
            zero,
            Some(cny(dec!(300000), dec!(3926000))),
        ]
    );
}

/// 顺达五金: 一级 only, so no pilot money though sector, size, SME and spend
/// all hold; below 基础级 on five gates; nothing from any current track.
#[test]
fn small_firm_at_level_one_gets_no_pilot_money_and_is_told_why() {
    let a = assess("small-firm-level-one");
    assert_eq!(digital_level(&a), Some(1));

    let l = ladder(&a);
    assert_eq!(l.level, Some(0));
    assert_eq!(
        failing(l, "basic"),
        [
            "organisation",
            "talent",
            "cmmm",
            "covers_production",
            "results"
        ]
    );
    let basic = &l.steps[0];
    let cmmm = basic.gates.iter().find(|g| g.id == "cmmm").expect("cmmm");
    assert!(cmmm.note.is_some(), "judged on the estimated maturity");

    let pilot = track(&a, "qz-sme-digital-pilot-2024", "qz-digital-pilot");
    assert_eq!(pilot.status, TrackStatus::NotEligible);
    assert_eq!(failed_conditions(pilot), ["digital_level.level"]);
    assert_eq!(pilot.amount, None);
    let level = pilot
        .conditions
        .iter()
        .find(|c| c.fact == "digital_level.level")
        .expect("level condition");
    assert_eq!(level.actual.as_deref(), Some("1"));

    let first = track(
        &a,
        "qz-sme-digital-pilot-2024",
        "qz-digital-pilot-first-tranche",
    );
    assert_eq!(first.status, TrackStatus::NotEligible);

    for t in a
        .subsidies
        .iter()
        .filter(|t| CURRENT_PACKS.contains(&t.pack.as_deref().unwrap_or("")))
    {
        assert_eq!(t.status, TrackStatus::NotEligible, "{}", t.id);
    }
    let zero = Some(exact(dec!(0)));
    assert_eq!(totals(&a, false), [zero; 4]);
    assert_eq!(totals(&a, true), [zero; 4]);
}

fn cli_json(path: &str) -> serde_json::Value {
    let out = Command::cargo_bin("zhizao")
        .expect("binary builds")
        .args(["assess", path, "--format", "json"])
        .output()
        .expect("runs");
    assert!(out.status.success(), "{path}: {out:?}");
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// The same figures through the binary's JSON, as a program reads them.
#[test]
fn the_cli_json_carries_the_levels_and_the_money() {
    let j = cli_json("questionnaires/examples/machinery-advanced-factory.yaml");
    assert_eq!(j["levels"]["sheets"][0]["level"], 3);
    assert_eq!(j["levels"]["ladders"][0]["level"], 2);
    let pilot = j["subsidies"]
        .as_array()
        .expect("tracks")
        .iter()
        .find(|t| t["id"] == "qz-digital-pilot")
        .expect("pilot track");
    assert_eq!(pilot["status"], "candidate");
    assert_eq!(pilot["amount"]["max"], "300000");
    let pot = &j["totals"]["potential"];
    assert_eq!(pot["by_funder"]["province"]["max"], "2080000");
    assert_eq!(pot["by_funder"]["city"]["min"], "300000");
    assert_eq!(pot["by_funder"]["city"]["max"], "1846000");
    assert_eq!(pot["total"]["max"], "3926000");
}

/// The 2017 examples: the 2016 notice alone, as before — no `levels` key and
/// no track from a current pack in their JSON.
#[test]
fn the_2017_examples_see_no_current_framework() {
    for name in [
        "autoparts-digital-workshop",
        "ecommerce-apparel-brand",
        "electronics-smart-factory",
        "licheng-footwear",
        "paper-equipment-maker",
        "process-ceramics-plant",
    ] {
        let j = cli_json(&format!("questionnaires/examples/{name}.yaml"));
        assert!(j.get("levels").is_none(), "{name}");
        assert_eq!(j["packs"]["policy_id"], "licheng-2016", "{name}");
        assert!(j["packs"].get("more_policies").is_none(), "{name}");
        for t in j["subsidies"].as_array().expect("tracks") {
            let id = t["id"].as_str().unwrap_or("");
            assert!(
                !id.starts_with("qz-") && !id.starts_with("fj-"),
                "{name}: {id}"
            );
            assert!(t.get("pack").is_none(), "{name}: {id}");
        }
    }
}

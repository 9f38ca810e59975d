//! The 2024 SME digital-level sheet (levels/miit-sme-digital-2024.yaml,
//! 工信厅企业〔2024〕56号): every scored item at the ends of its bands and
//! options, the level rule at each threshold, load errors, and the three
//! 2024/2025 examples against the scores worked by hand in their comments.
//! Expected values come from ../shared/research/current-frameworks.md §2.3–2.5.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::Path;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::facts::{Fact, Facts};
use zhizao::levels::sheet::{self, SheetPack, SheetResult};
use zhizao::levels::{load_pack, LevelPack};

const PACK: &str = include_str!("../../levels/miit-sme-digital-2024.yaml");

fn shipped() -> SheetPack {
    match load_pack(PACK, "levels/miit-sme-digital-2024.yaml") {
        Ok(LevelPack::Sheet(s)) => s,
        other => panic!("the shipped sheet loads: {other:?}"),
    }
}

fn num(x: Decimal) -> Option<Fact> {
    Some(Fact::Num(x))
}

fn id(x: &'static str) -> Option<Fact> {
    Some(Fact::Id(Cow::Borrowed(x)))
}

fn list(ids: &[&str]) -> Option<Fact> {
    let m: BTreeMap<String, u32> = ids.iter().map(|i| (i.to_string(), 1)).collect();
    Some(Fact::Tally(m))
}

/// Facts with nothing filled in.
fn blank() -> Facts {
    Facts::default()
}

fn set(f: &mut Facts, name: &str, v: Option<Fact>) {
    f.set_named(name, v).expect("registered fact");
}

fn points(r: &SheetResult, item: &str) -> Decimal {
    r.dimensions
        .iter()
        .flat_map(|d| &d.items)
        .find(|i| i.id == item)
        .unwrap_or_else(|| panic!("item {item}"))
        .points
}

/// One item's points with one fact set (and, for `percent`, the whole at 10,000).
fn item_with(item: &str, fact: &str, v: Option<Fact>) -> Decimal {
    let mut f = blank();
    set(
        &mut f,
        "equipment.production_equipment_total",
        num(dec!(10000)),
    );
    set(&mut f, fact, v);
    points(&sheet::evaluate(&shipped(), &f), item)
}

// ---- 数字化基础 --------------------------------------------------------------

/// 生产设备数字化率 / 联网率 (6 each): [0,10] 0; (10,20] 1.5; (20,40] 3; (40,60] 4.5; (60,100] 6.
/// A rate is part / 10,000 machines, so 1,001 machines is 10.01%.
#[test]
fn equipment_rates_score_by_left_open_bands() {
    let cases = [
        (dec!(0), dec!(0)),
        (dec!(1000), dec!(0)),
        (dec!(1001), dec!(1.5)),
        (dec!(2000), dec!(1.5)),
        (dec!(2001), dec!(3)),
        (dec!(4000), dec!(3)),
        (dec!(4001), dec!(4.5)),
        (dec!(6000), dec!(4.5)),
        (dec!(6001), dec!(6)),
        (dec!(10000), dec!(6)),
    ];
    for (part, want) in cases {
        let got = item_with(
            "equipment_digitised",
            "equipment.production_equipment_digital",
            num(part),
        );
        assert_eq!(got, want, "digitised {part} of 10,000");
        let got = item_with(
            "equipment_networked",
            "equipment.production_equipment_networked",
            num(part),
        );
        assert_eq!(got, want, "networked {part} of 10,000");
    }
}

/// 资金保障 (7.5, ⚠ [T]): [0,10] 0; (10,20] 1.875; (20,40] 3.75; (40,60] 5.625; (60,100] 7.5.
#[test]
fn funding_share_scores_by_its_bands_and_carries_the_warning() {
    let cases = [
        (dec!(0), dec!(0)),
        (dec!(10), dec!(0)),
        (dec!(10.01), dec!(1.875)),
        (dec!(20), dec!(1.875)),
        (dec!(20.01), dec!(3.75)),
        (dec!(40), dec!(3.75)),
        (dec!(40.01), dec!(5.625)),
        (dec!(60), dec!(5.625)),
        (dec!(60.01), dec!(7.5)),
        (dec!(100), dec!(7.5)),
    ];
    for (pct, want) in cases {
        let got = item_with("funding", "digital.funding_share_pct", num(pct));
        assert_eq!(got, want, "funding {pct}%");
    }
    let r = sheet::evaluate(&shipped(), &blank());
    let funding = r.dimensions[1].items.iter().find(|i| i.id == "funding");
    let caution = funding
        .and_then(|i| i.caution.as_ref())
        .expect("⚠ on 资金保障");
    assert!(caution.zh.starts_with('⚠'), "{caution:?}");
}

/// Multi-selects: none → 0 (answered), one option, every option → the item's max.
#[test]
fn multi_selects_score_none_one_and_all() {
    let cases: [(&str, &str, &[&str], Decimal); 15] = [
        ("network", "digital.network", &["none"], dec!(0)),
        ("network", "digital.network", &["industrial_5g"], dec!(2)),
        (
            "network",
            "digital.network",
            &[
                "control_network",
                "system_interconnect",
                "industrial_5g",
                "full_coverage",
            ],
            dec!(8),
        ),
        (
            "network_security",
            "digital.network_security",
            &["none"],
            dec!(0),
        ),
        (
            "network_security",
            "digital.network_security",
            &["policy"],
            dec!(1.25),
        ),
        (
            "network_security",
            "digital.network_security",
            &["policy", "products", "risk_assessment", "access_control"],
            dec!(5),
        ),
        ("data_security", "digital.data_security", &["none"], dec!(0)),
        (
            "data_security",
            "digital.data_security",
            &["inventory"],
            dec!(1.25),
        ),
        (
            "data_security",
            "digital.data_security",
            &["policy", "protection", "risk_assessment", "inventory"],
            dec!(5),
        ),
        (
            "management_rules",
            "digital.management_rules",
            &["none"],
            dec!(0),
        ),
        (
            "management_rules",
            "digital.management_rules",
            &["workflow"],
            dec!(1.875),
        ),
        (
            "management_rules",
            "digital.management_rules",
            &[
                "workflow",
                "system_operation",
                "data_management",
                "innovation_incentive",
            ],
            dec!(7.5),
        ),
        ("talent", "digital.talent", &["none"], dec!(0)),
        ("talent", "digital.talent", &["training"], dec!(1.5)),
        (
            "talent",
            "digital.talent",
            &[
                "digital_staff",
                "dedicated_post",
                "training",
                "performance_pay",
                "development_path",
            ],
            dec!(7.5),
        ),
    ];
    for (item, fact, ids, want) in cases {
        assert_eq!(item_with(item, fact, list(ids)), want, "{item} {ids:?}");
    }
}

/// 数据采集 (10): 13 areas at 0.7 and 人力资源 at 0.9; all 14 add up to exactly 10.
#[test]
fn data_collection_adds_seven_tenths_per_area_and_nine_for_hr() {
    let f = "digital.data_collection";
    assert_eq!(item_with("data_collection", f, list(&["none"])), dec!(0));
    assert_eq!(
        item_with("data_collection", f, list(&["quality"])),
        dec!(0.7)
    );
    assert_eq!(
        item_with("data_collection", f, list(&["human_resources"])),
        dec!(0.9)
    );
    let all = [
        "product_design",
        "process_design",
        "marketing",
        "after_sales",
        "planning_scheduling",
        "production_control",
        "quality",
        "equipment",
        "safety",
        "energy",
        "procurement",
        "warehousing_logistics",
        "finance",
        "human_resources",
    ];
    assert_eq!(item_with("data_collection", f, list(&all)), dec!(10));
    assert_eq!(item_with("data_collection", f, list(&all[..13])), dec!(9.1));
}

/// 信息系统 (10): 无 0; 单个环节 2.5; ≥2个 5; >80% 7.5; 全覆盖 10. Left out, the
/// number of v1 systems gives a lower bound: 1 → 2.5, 2+ → 5 (`equipment` is not a system).
#[test]
fn system_coverage_by_choice_or_from_the_v1_systems() {
    let f = "digital.system_coverage";
    for (opt, want) in [
        ("none", dec!(0)),
        ("single", dec!(2.5)),
        ("several", dec!(5)),
        ("most", dec!(7.5)),
        ("all", dec!(10)),
    ] {
        assert_eq!(item_with("system_coverage", f, id(opt)), want, "{opt}");
    }
    let s = "informatization.systems";
    assert_eq!(item_with("system_coverage", s, list(&["erp"])), dec!(2.5));
    assert_eq!(
        item_with("system_coverage", s, list(&["erp", "mes"])),
        dec!(5)
    );
    assert_eq!(
        item_with("system_coverage", s, list(&["equipment"])),
        dec!(0)
    );
    // The explicit answer wins over the estimate.
    let mut facts = blank();
    set(&mut facts, s, list(&["erp", "mes", "wms"]));
    set(&mut facts, f, id("single"));
    assert_eq!(
        points(&sheet::evaluate(&shipped(), &facts), "system_coverage"),
        dec!(2.5)
    );
}

// ---- 数字化管理 --------------------------------------------------------------

/// 规划实施 (7.5): 0 / 1.5 / 3 / 4.5 / 6 / 7.5, the top option with its ⚠.
#[test]
fn planning_scores_each_rung_and_flags_the_top_one() {
    for (opt, want) in [
        ("none", dec!(0)),
        ("aware", dec!(1.5)),
        ("planned", dec!(3)),
        ("retrofitting", dec!(4.5)),
        ("transformed", dec!(6)),
        ("exemplary", dec!(7.5)),
    ] {
        assert_eq!(
            item_with("planning", "digital.planning", id(opt)),
            want,
            "{opt}"
        );
    }
    let mut f = blank();
    set(&mut f, "digital.planning", id("exemplary"));
    let r = sheet::evaluate(&shipped(), &f);
    let item = r.dimensions[1].items.iter().find(|i| i.id == "planning");
    assert!(
        item.and_then(|i| i.caution.as_ref()).is_some(),
        "⚠ on the top option"
    );
    set(&mut f, "digital.planning", id("transformed"));
    let r = sheet::evaluate(&shipped(), &f);
    let item = r.dimensions[1].items.iter().find(|i| i.id == "planning");
    assert!(item.and_then(|i| i.caution.as_ref()).is_none());
}

// ---- 数字化成效 --------------------------------------------------------------

/// 能耗 7 (降低 7, 持平 3.5, 增加 0); 合格率 7 (增加 7 …); 人均营收 3 (增 3, 平 1.5, 降 0);
/// 成本 3 (降 3, 平 1.5, 增 0).
#[test]
fn results_score_by_direction() {
    let cases = [
        (
            "energy_per_revenue",
            ["decreased", "flat", "increased"],
            [dec!(7), dec!(3.5), dec!(0)],
        ),
        (
            "pass_rate",
            ["increased", "flat", "decreased"],
            [dec!(7), dec!(3.5), dec!(0)],
        ),
        (
            "revenue_per_head",
            ["increased", "flat", "decreased"],
            [dec!(3), dec!(1.5), dec!(0)],
        ),
        (
            "cost_per_revenue",
            ["decreased", "flat", "increased"],
            [dec!(3), dec!(1.5), dec!(0)],
        ),
    ];
    for (item, dirs, want) in cases {
        for (d, w) in dirs.into_iter().zip(want) {
            let fact = format!("digital.results.{item}");
            assert_eq!(item_with(item, &fact, id(d)), w, "{item} {d}");
        }
    }
}

/// Left out, the pass rate follows v1's defect-rate change: a fall in the
/// defect rate is a rise in the pass rate.
#[test]
fn pass_rate_falls_back_on_the_defect_rate_change() {
    let f = "results.defect_rate_change_pct";
    assert_eq!(item_with("pass_rate", f, num(dec!(-8))), dec!(7));
    assert_eq!(item_with("pass_rate", f, num(dec!(0))), dec!(3.5));
    assert_eq!(item_with("pass_rate", f, num(dec!(5))), dec!(0));
}

// ---- unknowns ----------------------------------------------------------------

#[test]
fn unknown_answers_score_zero_and_are_listed_to_fill_in() {
    let r = sheet::evaluate(&shipped(), &blank());
    assert_eq!(r.score, dec!(0));
    assert_eq!(r.max, dec!(100));
    for field in [
        "digital.network",
        "equipment.production_equipment_digital",
        "equipment.production_equipment_total",
        "digital.system_coverage",
        "digital.results.pass_rate",
        "digital.scenes.finance",
    ] {
        assert!(
            r.missing_data.iter().any(|m| m == field),
            "{field}: {:?}",
            r.missing_data
        );
    }
    // Two rates share the equipment total: it is asked for once.
    let total = "equipment.production_equipment_total";
    assert_eq!(r.missing_data.iter().filter(|m| *m == total).count(), 1);
    // With nothing known the level could be anything: not decided.
    assert_eq!(r.level, None);
    assert_eq!(r.level_range, Some((0, 4)));
}

// ---- the level rule [T] ------------------------------------------------------

/// A test sheet: one `each` item whose option subsets give 19.99, 20, 39.99, 40
/// … 80 points exactly, with the shipped pack's scenes and level rule copied
/// verbatim, so the shipped thresholds are what is tested.
fn rule_pack() -> SheetPack {
    let tail = &PACK[PACK.find("\nscene_groups:").expect("scenes section")..];
    let text = format!(
        "id: t\nversion: '1'\nkind: score_sheet\ntitle: {{zh: t, en: t}}\n\
         document: {{zh: t, en: t}}\nedition: t\nfrom_year: 2024\nconfidence: T\nmax: 100\n\
         dimensions:\n  - id: d\n    name: {{zh: d, en: d}}\n    max: 100\n    groups:\n\
         \x20     - id: g\n        name: {{zh: g, en: g}}\n        max: 100\n        items:\n\
         \x20         - id: x\n            name: {{zh: x, en: x}}\n            max: 100\n\
         \x20           score:\n              - each:\n                  fact: digital.data_collection\n\
         \x20                 options:\n{}{tail}",
        [
            ("product_design", "19.99"),
            ("process_design", "0.01"),
            ("marketing", "20"),
            ("after_sales", "20"),
            ("planning_scheduling", "20"),
            ("finance", "20"),
        ]
        .iter()
        .map(|(i, p)| format!("                    - {{id: {i}, points: {p}, name: {{zh: {i}, en: {i}}}}}\n"))
        .collect::<String>()
    );
    match load_pack(&text, "rule.yaml") {
        Ok(LevelPack::Sheet(s)) => s,
        other => panic!("the test sheet loads: {other:?}\n{text}"),
    }
}

/// Options that add up to `score` in the test sheet.
fn score_ids(score: Decimal) -> Vec<&'static str> {
    let mut v = vec!["product_design"];
    let whole = score.round();
    if score == whole {
        v.push("process_design");
    }
    let twenties = ["marketing", "after_sales", "planning_scheduling", "finance"];
    let n = ((whole / dec!(20)).floor() - Decimal::ONE).max(Decimal::ZERO);
    v.extend(twenties.iter().take(n.try_into().unwrap_or(0usize)));
    v
}

const CONSTRAINT: [&str; 10] = [
    "product_design",
    "marketing",
    "production_control",
    "quality",
    "equipment",
    "safety",
    "energy",
    "procurement",
    "warehousing_logistics",
    "finance",
];
const OTHER: [&str; 6] = [
    "process_design",
    "after_sales",
    "planning_scheduling",
    "human_resources",
    "collaborative_office",
    "decision_support",
];

/// Facts for the test sheet: a score, `c` constraint and `o` other scenes at
/// `at`, every other scene one level lower.
fn standing(score: Decimal, at: u8, c: usize, o: usize) -> Facts {
    let mut f = blank();
    set(&mut f, "digital.data_collection", list(&score_ids(score)));
    let below = Decimal::from(at - 1);
    for (i, s) in CONSTRAINT.iter().enumerate() {
        let l = if i < c { Decimal::from(at) } else { below };
        set(&mut f, &format!("digital.scenes.{s}"), num(l));
    }
    for (i, s) in OTHER.iter().enumerate() {
        let l = if i < o { Decimal::from(at) } else { below };
        set(&mut f, &format!("digital.scenes.{s}"), num(l));
    }
    f
}

#[test]
fn the_test_sheet_scores_what_the_thresholds_need() {
    let p = rule_pack();
    for s in [
        dec!(19.99),
        dec!(20),
        dec!(39.99),
        dec!(40),
        dec!(59.99),
        dec!(60),
        dec!(79.99),
        dec!(80),
    ] {
        assert_eq!(sheet::evaluate(&p, &standing(s, 1, 0, 0)).score, s);
    }
}

/// 一级 20 + 6 scenes ≥ 1 (3 约束性); 二级 40 + 6 ≥ 2 (3); 三级 60 + 8 ≥ 3 (5);
/// 四级 80 + 10 at 4 (6). Each gate one short gives the level below.
#[test]
fn the_level_rule_at_each_threshold() {
    let p = rule_pack();
    // (level, score, constraint scenes, other scenes) exactly at the gate.
    let gates = [
        (1u8, dec!(20), 3usize, 3usize),
        (2, dec!(40), 3, 3),
        (3, dec!(60), 5, 3),
        (4, dec!(80), 6, 4),
    ];
    for (level, score, c, o) in gates {
        let at = |s, c, o| sheet::evaluate(&p, &standing(s, level, c, o)).level;
        assert_eq!(at(score, c, o), Some(level), "level {level} at its gate");
        let below = Some(level - 1);
        assert_eq!(
            at(score - dec!(0.01), c, o),
            below,
            "level {level}: score 0.01 short"
        );
        assert_eq!(at(score, c, o - 1), below, "level {level}: one scene short");
        // One constraint scene fewer, the count made up by another scene.
        assert_eq!(
            at(score, c - 1, o + 1),
            below,
            "level {level}: one 约束性 short"
        );
    }
}

#[test]
fn the_rule_is_a_reference_value_in_every_line_it_shows() {
    let p = rule_pack();
    let r = sheet::evaluate(&p, &standing(dec!(40), 2, 3, 3));
    assert_eq!(r.rule_confidence.tag(), "T");
    assert!(
        r.decided_by.zh.contains("得分 40 ≥ 40 [T]"),
        "{}",
        r.decided_by.zh
    );
    let next = r.next.expect("三级 is next");
    assert_eq!(next.level, 3);
    assert_eq!(
        next.gaps.len(),
        3,
        "score, scenes and 约束性 all short: {:?}",
        next.gaps
    );
    assert!(next.gaps.iter().all(|g| g.en.ends_with(" [T]")));
    assert_eq!(next.gaps[0].en, "score 40 < 60 [T]");
}

/// A missing scene that could change the level leaves it undecided; one that cannot does not.
#[test]
fn missing_scenes_decide_the_level_only_when_they_could_change_it() {
    let p = rule_pack();
    // 二级 exactly at the gate with 40 points: the missing scene could raise the scene
    // counts, but 三级 needs 60 points, so the level is 二级 whatever it is.
    let mut f = standing(dec!(40), 2, 3, 3);
    set(&mut f, "digital.scenes.decision_support", None);
    let r = sheet::evaluate(&p, &f);
    assert_eq!(
        r.level,
        Some(2),
        "nothing missing can lift 40 points past 二级"
    );
    assert!(r
        .missing_data
        .contains(&"digital.scenes.decision_support".to_string()));
    // One scene short of 二级, and that scene unknown: 一级 or 二级.
    let mut f = standing(dec!(40), 2, 3, 2);
    set(&mut f, "digital.scenes.decision_support", None);
    let r = sheet::evaluate(&p, &f);
    assert_eq!(r.level, None);
    assert_eq!(r.level_range, Some((1, 2)));
    assert!(
        r.decided_by.en.contains("fill in: Decision support"),
        "{}",
        r.decided_by.en
    );
}

// ---- publishing --------------------------------------------------------------

#[test]
fn the_level_and_score_are_published_as_facts() {
    let p = rule_pack();
    let mut f = standing(dec!(60), 3, 5, 3);
    let r = sheet::evaluate(&p, &f);
    sheet::publish(&r, &mut f);
    assert_eq!(f.get("digital_level.level"), Some(&Fact::Num(dec!(3))));
    assert_eq!(f.get("digital_level.score"), Some(&Fact::Num(dec!(60))));
    // The shipped sheet with items unanswered: the score is only a lower bound, not published.
    let mut f = blank();
    let r = sheet::evaluate(&shipped(), &f);
    sheet::publish(&r, &mut f);
    assert_eq!(f.get("digital_level.level"), None);
    assert_eq!(f.get("digital_level.score"), None);
}

// ---- load errors -------------------------------------------------------------

#[test]
fn load_errors_come_all_at_once_with_their_lines() {
    let bad = PACK
        .replacen("fact: digital.network\n", "fact: digital.netwrk\n", 1)
        .replacen(
            "- {range: \"(10,20]\", points: 1.5}",
            "- {range: \"(11,20]\", points: 1.5}",
            1,
        )
        .replacen(
            "- {range: \"(20,40]\", points: 3}",
            "- {range: \"[20,40]\", points: 3}",
            1,
        )
        .replacen("{id: policy, points: 1.25", "{id: policy, points: 1", 1)
        .replacen("{id: aware, points: 1.5", "{id: awake, points: 1.5", 1)
        .replacen("      min_score: 40\n", "      min_score: 10\n", 1)
        .replacen(
            "fact: digital.talent\n",
            "fact: digital.funding_share_pct\n",
            1,
        )
        .replacen("(60,100]\", points: 7.5}", "(60,10O]\", points: 7.5}", 1);
    let errs = match load_pack(&bad, "bad.yaml") {
        Err(e) => e,
        Ok(_) => panic!("the broken pack must not load"),
    };
    let text: Vec<String> = errs
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {}",
                d.line.unwrap_or(0),
                d.path.as_deref().unwrap_or(""),
                d.code,
                d.message.en
            )
        })
        .collect();
    let has = |s: &str| text.iter().any(|t| t.contains(s));
    assert!(has("unknown fact `digital.netwrk`"), "{text:#?}");
    assert!(has("range `(11,20]` leaves a gap"), "{text:#?}");
    assert!(has("range `[20,40]` overlaps"), "{text:#?}");
    assert!(
        has("`awake` is not a value of fact `digital.planning`"),
        "{text:#?}"
    );
    assert!(has("range `(60,10O]` cannot be read"), "{text:#?}");
    // 网络安全: 1 + 3 × 1.25 = 4.75 < 5.
    assert!(has("at most 4.75 points; the item's max is 5"), "{text:#?}");
    assert!(
        has("min_score 10 must be at least the level below's"),
        "{text:#?}"
    );
    assert!(
        has("fact `digital.funding_share_pct` is a number; here a list of choices is needed"),
        "{text:#?}"
    );
    assert!(errs
        .iter()
        .all(|d| d.code.as_str() == "level_pack" && d.line.is_some()));
}

#[test]
fn points_that_do_not_add_up_are_refused() {
    // 设备系统 20 = 8 + 6 + 6; make the network item 9.
    let bad = PACK.replacen("            max: 8\n", "            max: 9\n", 1);
    let errs = load_pack(&bad, "bad.yaml").expect_err("refused");
    let msgs: Vec<&str> = errs.iter().map(|d| d.message.en.as_ref()).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("add up to 21, not to the max 20")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("at most 8 points; the item's max is 9")),
        "{msgs:?}"
    );
    let bad = PACK.replacen("\nmax: 100\n", "\nmax: 90\n", 1);
    let errs = load_pack(&bad, "bad.yaml").expect_err("refused");
    assert!(
        errs[0]
            .message
            .en
            .contains("add up to 100, not to the max 90"),
        "{errs:?}"
    );
}

// ---- whole questionnaires ----------------------------------------------------

fn assess(path: &str) -> Assessment {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let shown = path.display().to_string();
    let bytes = zhizao::yaml::read_capped(&path, &shown, zhizao::yaml::MAX_QUESTIONNAIRE_BYTES)
        .expect("reads");
    let l = zhizao::input::from_bytes(&bytes, &shown).expect("valid");
    Engine::shipped().assess(
        &l.questionnaire,
        InputInfo {
            file: shown,
            sha256: l.sha256,
        },
        l.warnings,
    )
}

fn sheet_of(a: &Assessment) -> &SheetResult {
    assert_eq!(a.levels.sheets.len(), 1, "one sheet applies");
    &a.levels.sheets[0]
}

/// The hand computations at the top of each new example.
#[test]
fn the_new_examples_score_as_worked_by_hand() {
    let cases = [
        (
            "sports-goods-sme-pilot",
            dec!(69.25),
            [dec!(34.25), dec!(16.5), dec!(18.5)],
            2u8,
        ),
        (
            "machinery-advanced-factory",
            dec!(84.15),
            [dec!(44.65), dec!(19.5), dec!(20)],
            3,
        ),
        (
            "small-firm-level-one",
            dec!(21.15),
            [dec!(6.65), dec!(3), dec!(11.5)],
            1,
        ),
    ];
    for (name, score, dims, level) in cases {
        let a = assess(&format!("questionnaires/examples/{name}.yaml"));
        let s = sheet_of(&a);
        assert_eq!(s.score, score, "{name}");
        let got: Vec<Decimal> = s.dimensions.iter().map(|d| d.points).collect();
        assert_eq!(got, dims, "{name}");
        assert_eq!(s.level, Some(level), "{name}: {}", s.decided_by.en);
        assert!(s.missing_data.is_empty(), "{name}: {:?}", s.missing_data);
    }
}

#[test]
fn the_examples_show_why_they_stop_where_they_do() {
    let a = assess("questionnaires/examples/sports-goods-sme-pilot.yaml");
    let s = sheet_of(&a);
    assert_eq!(
        points(s, "pass_rate"),
        dec!(7),
        "from defect_rate_change_pct -8"
    );
    let next = s.next.as_ref().expect("三级 next");
    let gaps: Vec<&str> = next.gaps.iter().map(|g| g.en.as_ref()).collect();
    assert_eq!(gaps, ["scenes at level 3 or above 6 < 8 [T]"]);
    let a = assess("questionnaires/examples/machinery-advanced-factory.yaml");
    let next = sheet_of(&a).next.as_ref().expect("四级 next");
    let gaps: Vec<&str> = next.gaps.iter().map(|g| g.en.as_ref()).collect();
    assert_eq!(
        gaps,
        [
            "scenes at level 4 or above 7 < 10 [T]",
            "of them constraint scenes 5 < 6 [T]"
        ]
    );
    let a = assess("questionnaires/examples/small-firm-level-one.yaml");
    assert_eq!(
        points(sheet_of(&a), "system_coverage"),
        dec!(2.5),
        "one v1 system"
    );
}

/// The 2017 examples predate the 2024 sheet (from_year 2024): no level, and
/// their JSON has no `levels` key (the snapshots in tests/it/cli.rs keep the rest).
#[test]
fn the_2017_examples_get_no_digital_level() {
    for name in [
        "autoparts-digital-workshop",
        "ecommerce-apparel-brand",
        "electronics-smart-factory",
        "licheng-footwear",
        "paper-equipment-maker",
        "process-ceramics-plant",
    ] {
        let a = assess(&format!("questionnaires/examples/{name}.yaml"));
        assert!(a.levels.sheets.is_empty(), "{name}");
        let json = serde_json::to_value(&a).expect("serialises");
        assert!(json.get("levels").is_none(), "{name}");
    }
}

/// The `digital` section's own checks: scene levels 0–4, the spend share
/// 0–100, and no multi-select with `none` beside an option — each at its line.
#[test]
fn bad_digital_answers_are_refused_with_their_lines() {
    let text = "schema_version: 2\nenterprise:\n  name: x\n  sector: other\n  data_year: 2025\n\
                digital:\n  network: [none, industrial_5g]\n  talent: [none]\n  funding_share_pct: 120\n\
                \x20 scenes:\n    finance: 5\n    quality: 4\n";
    let (errs, _) = zhizao::input::from_bytes(text.as_bytes(), "q.yaml").expect_err("refused");
    let found: Vec<(Option<usize>, &str, &str)> = errs
        .iter()
        .map(|d| (d.line, d.path.as_deref().unwrap_or(""), d.code.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (Some(7), "digital.network", "consistency"),
            (Some(9), "digital.funding_share_pct", "range"),
            (Some(11), "digital.scenes.finance", "range"),
        ],
        "{errs:#?}"
    );
}

/// A 2024 questionnaire without the `digital` section: the v1 figures score
/// what they can, the level stays open, and the fields to fill in are listed.
#[test]
fn a_2024_questionnaire_without_the_digital_section_is_told_what_to_fill_in() {
    let full = include_str!("../../questionnaires/examples/small-firm-level-one.yaml");
    let cut = full[..full.find("\ndigital:\n").expect("digital section")]
        .replace("data_year: 2025", "data_year: 2024");
    let l = zhizao::input::from_bytes(cut.as_bytes(), "cut.yaml").expect("valid without it");
    let a = Engine::shipped().assess(
        &l.questionnaire,
        InputInfo {
            file: "cut.yaml".into(),
            sha256: l.sha256,
        },
        l.warnings,
    );
    let s = sheet_of(&a);
    // 设备数字化率 6 / 40 = 15% → 1.5; 联网率 5% → 0; 1 system → 2.5; nothing else known.
    assert_eq!(s.score, dec!(4));
    assert_eq!(s.level, None);
    assert_eq!(s.level_range, Some((0, 4)));
    for field in [
        "digital.network",
        "digital.funding_share_pct",
        "digital.scenes.finance",
    ] {
        assert!(s.missing_data.iter().any(|m| m == field), "{field}");
    }
    assert!(
        !s.missing_data
            .iter()
            .any(|m| m == "digital.system_coverage"),
        "estimated from v1"
    );
}

//! The smart-factory levels (智能工厂梯度培育) as the shipped ladder pack
//! (levels/smart-factory-2025.yaml) reads them: every gate met, not met and
//! unknown; the CMMM gate at each boundary in both editions; the chain of
//! prerequisites; the level reached and what the next step lacks — each
//! expected value worked out by hand from the pack and
//! ../shared/research/current-frameworks.md §1.

use std::path::Path;
use zhizao::assess::{Engine, InputInfo};
use zhizao::confidence::Confidence;
use zhizao::levels::ladder::{GateResult, LadderResult, StepStanding};
use zhizao::levels::LevelPack;
use zhizao::policy::eval::Truth;
use zhizao::questionnaire::{IndicatorStanding, Questionnaire, SceneDimension};

/// A 2025 machinery firm that meets every 基础级 gate of the national
/// edition and nothing above it: CMMM 2 self-assessed, indicators above the
/// provincial average, 生产作业 covered, not yet self-assessed as 基础级.
const BASE: &str = "\
schema_version: 2
enterprise:
  name: 测试机械厂
  sector: machinery_auto_parts
  data_year: 2025
  above_designated_size: true
smart_factory:
  finances_sound_3y: true
  no_bad_credit_record: true
  no_major_accidents: true
  key_tech_secure_controllable: true
  organisation_in_place: true
  specialist_talent: true
  cmmm_self_assessed_level: 2
  dimensions_covered: [production_operations, production_management]
  key_indicators_standing: above_average
";

fn base() -> Questionnaire {
    zhizao::input::from_bytes(BASE.as_bytes(), "base.yaml")
        .expect("the base questionnaire is valid")
        .questionnaire
}

/// The ladder's full result (an assessment's); the screening's brief must
/// reach the same level.
fn ladder_with(engine: &Engine, q: &Questionnaire) -> LadderResult {
    let input = InputInfo {
        file: "q.yaml".into(),
        sha256: String::new(),
    };
    let mut a = engine.assess(q, input, vec![]);
    assert_eq!(a.levels.ladders.len(), 1, "one shipped ladder for 2025");
    let r = a.levels.ladders.remove(0);
    let b = engine.brief(q);
    assert_eq!(b.levels.ladders.len(), 1);
    assert_eq!(
        b.levels.ladders[0].level, r.level,
        "brief and assessment differ"
    );
    r
}

fn ladder(q: &Questionnaire) -> LadderResult {
    ladder_with(&Engine::shipped(), q)
}

/// The shipped engine with the ladder pack under another edition.
fn engine_with_edition(id: &str) -> Engine {
    let mut e = Engine::shipped();
    e.levels = e
        .levels
        .iter()
        .map(|p| match p {
            LevelPack::Ladder(l) => LevelPack::Ladder(l.with_edition(id).expect("edition exists")),
            other => other.clone(),
        })
        .collect();
    e
}

fn gate<'a>(r: &'a LadderResult, step: &str, id: &str) -> &'a GateResult {
    let s = r.steps.iter().find(|s| s.id == step).expect("step");
    s.gates.iter().find(|g| g.id == id).expect("gate")
}

/// A field's English name, as the lines to fill in give it.
fn field_name(path: &str) -> &'static str {
    zhizao::fieldnames::label(path, zhizao::lang::Lang::En).expect("a questionnaire field")
}

fn standing(r: &LadderResult, step: &str) -> StepStanding {
    r.steps
        .iter()
        .find(|s| s.id == step)
        .expect("step")
        .standing
}

#[test]
fn the_base_firm_may_self_assess_as_basic_and_learns_what_advanced_needs() {
    let r = ladder(&base());
    assert_eq!(r.level, Some(1));
    assert_eq!(r.level_name.zh, "基础级");
    assert_eq!(r.recognised_level, 0);
    let action = r.next_action.as_ref().expect("something to do");
    assert_eq!(action.zh, "可自评为基础级");
    assert_eq!(r.edition.id, "national-text");
    assert_eq!(r.other_editions.len(), 1);
    assert_eq!(r.other_editions[0].id, "hainan-2025");
    let basic = &r.steps[0];
    assert!(basic.self_assessed);
    assert_eq!(
        basic.gates.len(),
        10,
        "7 basic requirements, CMMM, 生产作业, results"
    );
    assert!(basic.gates.iter().all(|g| g.truth == Truth::Yes));
    // 先进级: not yet, for two reasons — 基础级 not self-assessed yet
    // (251号 "在自评为基础级智能工厂前提下"), and indicators above the
    // average but not leading in the province ([S]). CMMM 2 ≥ 2 holds.
    assert_eq!(r.next_step.as_deref(), Some("advanced"));
    assert_eq!(gate(&r, "advanced", "prerequisite").truth, Truth::No);
    assert_eq!(gate(&r, "advanced", "cmmm").truth, Truth::Yes);
    assert_eq!(gate(&r, "advanced", "results").truth, Truth::No);
    let lines: Vec<&str> = r.next_missing.iter().map(|t| t.zh.as_ref()).collect();
    assert_eq!(lines.len(), 4, "{lines:#?}");
    assert_eq!(lines[0], "前提：基础级：未取得，要求 已取得基础级");
    assert_eq!(
        lines[1],
        "主要技术经济指标处于省内领先水平 [S]：高于本省同行业平均，要求 省内领先 | 国内领先 | 全球领先"
    );
    // The advanced annex was not found: said, not judged.
    assert!(lines[2].starts_with("另有要求未找到原文，未判断：先进级《要素条件》原文"));
    assert!(r.missing_data.is_empty(), "{:?}", r.missing_data);
}

/// One change to the base firm, and what it does to one 基础级 gate.
struct Case {
    gate: &'static str,
    change: fn(&mut Questionnaire),
    truth: Truth,
    to_fill: &'static str,
}

fn cases() -> Vec<Case> {
    fn sf(q: &mut Questionnaire) -> &mut zhizao::questionnaire::SmartFactory {
        &mut q.smart_factory
    }
    vec![
        Case {
            gate: "above_designated_size",
            change: |q| q.enterprise.above_designated_size = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "above_designated_size",
            change: |q| q.enterprise.above_designated_size = None,
            truth: Truth::Unknown,
            to_fill: "enterprise.above_designated_size",
        },
        Case {
            gate: "finances_sound",
            change: |q| sf(q).finances_sound_3y = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "finances_sound",
            change: |q| sf(q).finances_sound_3y = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.finances_sound_3y",
        },
        Case {
            gate: "no_bad_credit",
            change: |q| sf(q).no_bad_credit_record = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "no_bad_credit",
            change: |q| sf(q).no_bad_credit_record = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.no_bad_credit_record",
        },
        Case {
            gate: "no_major_accidents",
            change: |q| sf(q).no_major_accidents = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "no_major_accidents",
            change: |q| sf(q).no_major_accidents = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.no_major_accidents",
        },
        Case {
            gate: "key_tech_secure",
            change: |q| sf(q).key_tech_secure_controllable = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "key_tech_secure",
            change: |q| sf(q).key_tech_secure_controllable = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.key_tech_secure_controllable",
        },
        Case {
            gate: "organisation",
            change: |q| sf(q).organisation_in_place = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "organisation",
            change: |q| sf(q).organisation_in_place = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.organisation_in_place",
        },
        Case {
            gate: "talent",
            change: |q| sf(q).specialist_talent = Some(false),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "talent",
            change: |q| sf(q).specialist_talent = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.specialist_talent",
        },
        // National edition: 基础级 needs CMMM ≥ 2; no self-assessment and no
        // self_assessment section leaves no estimate either.
        Case {
            gate: "cmmm",
            change: |q| sf(q).cmmm_self_assessed_level = Some(1),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "cmmm",
            change: |q| sf(q).cmmm_self_assessed_level = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.cmmm_self_assessed_level",
        },
        // 至少覆盖生产作业环节: four dimensions without it are not enough.
        Case {
            gate: "covers_production",
            change: |q| {
                sf(q).dimensions_covered = Some(vec![
                    SceneDimension::FactoryConstruction,
                    SceneDimension::RdDesign,
                    SceneDimension::ProductionManagement,
                    SceneDimension::OperationsManagement,
                ])
            },
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "covers_production",
            change: |q| sf(q).dimensions_covered = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.dimensions_covered",
        },
        // 高于省均: level with the average is not above it.
        Case {
            gate: "results",
            change: |q| sf(q).key_indicators_standing = Some(IndicatorStanding::Level),
            truth: Truth::No,
            to_fill: "",
        },
        Case {
            gate: "results",
            change: |q| sf(q).key_indicators_standing = None,
            truth: Truth::Unknown,
            to_fill: "smart_factory.key_indicators_standing",
        },
    ]
}

#[test]
fn each_basic_gate_met_not_met_and_unknown() {
    let engine = Engine::shipped();
    for c in cases() {
        let mut q = base();
        (c.change)(&mut q);
        let r = ladder_with(&engine, &q);
        let g = gate(&r, "basic", c.gate);
        assert_eq!(g.truth, c.truth, "{}", c.gate);
        // Every other basic gate still holds: the change hit one gate only.
        let others = r.steps[0].gates.iter().filter(|x| x.id != c.gate);
        assert!(
            others.into_iter().all(|x| x.truth == Truth::Yes),
            "{}",
            c.gate
        );
        match c.truth {
            Truth::No => {
                assert_eq!(r.level, Some(0), "{}", c.gate);
                assert_eq!(r.level_name.zh, "未达基础级");
                assert_eq!(standing(&r, "basic"), StepStanding::NotYet);
                assert_eq!(r.next_step.as_deref(), Some("basic"));
                assert_eq!(
                    r.next_missing.len(),
                    2 + 1,
                    "{}: {:?}",
                    c.gate,
                    r.next_missing
                );
            }
            Truth::Unknown => {
                assert_eq!(r.level, None, "{}", c.gate);
                assert_eq!(standing(&r, "basic"), StepStanding::Unknown);
                assert_eq!(g.to_fill, [c.to_fill], "{}", c.gate);
                assert!(r.missing_data.iter().any(|f| f == c.to_fill), "{}", c.gate);
                let line = &r.next_missing[0].en;
                assert!(
                    line.contains("unknown, fill in") && line.contains(field_name(c.to_fill)),
                    "{line}"
                );
            }
            Truth::Yes => unreachable!("every case breaks its gate"),
        }
    }
}

#[test]
fn the_basic_cmmm_gate_per_edition_at_its_boundary() {
    // national-text: ≥ 2 [T]; hainan-2025: ≥ 1 [O-r].
    let national = Engine::shipped();
    let hainan = engine_with_edition("hainan-2025");
    let expect = [
        (&national, 1, Truth::No),
        (&national, 2, Truth::Yes),
        (&hainan, 0, Truth::No),
        (&hainan, 1, Truth::Yes),
    ];
    for (engine, level, truth) in expect {
        let mut q = base();
        q.smart_factory.cmmm_self_assessed_level = Some(level);
        let r = ladder_with(engine, &q);
        let g = gate(&r, "basic", "cmmm");
        assert_eq!(g.truth, truth, "{} at {level}", r.edition.id);
    }
    let r = ladder_with(&hainan, &base());
    assert_eq!(r.edition.id, "hainan-2025");
    assert_eq!(r.other_editions[0].id, "national-text");
    assert_eq!(
        gate(&r, "basic", "cmmm").confidence,
        Confidence::OfficialRepost
    );
    assert_eq!(gate(&r, "basic", "cmmm").required.zh, "≥ 1");
    let r = ladder(&base());
    assert_eq!(gate(&r, "basic", "cmmm").confidence, Confidence::ThirdParty);
    assert_eq!(gate(&r, "basic", "cmmm").required.zh, "≥ 2");
}

/// A firm recognised up to `recognised` (years given) with a CMMM level.
fn at(recognised: u8, cmmm: u8) -> Questionnaire {
    let mut q = base();
    let sf = &mut q.smart_factory;
    sf.cmmm_self_assessed_level = Some(cmmm);
    let years = [
        &mut sf.basic_self_assessed_year,
        &mut sf.advanced_recognised_year,
        &mut sf.excellent_recognised_year,
    ];
    for (i, y) in years.into_iter().enumerate() {
        if usize::from(recognised) > i {
            *y = Some(2024);
        }
    }
    q
}

#[test]
fn the_advanced_and_excellent_cmmm_gates_at_their_boundaries_in_both_editions() {
    // 先进级 ≥ 2 and 卓越级 ≥ 3 in both editions [O-r].
    for engine in [Engine::shipped(), engine_with_edition("hainan-2025")] {
        for (cmmm, advanced, excellent) in [
            (1, Truth::No, Truth::No),
            (2, Truth::Yes, Truth::No),
            (3, Truth::Yes, Truth::Yes),
        ] {
            let r = ladder_with(&engine, &at(2, cmmm));
            assert_eq!(gate(&r, "advanced", "cmmm").truth, advanced, "{cmmm}");
            assert_eq!(gate(&r, "excellent", "cmmm").truth, excellent, "{cmmm}");
        }
    }
}

#[test]
fn an_estimated_maturity_stands_in_for_the_platform_self_assessment_and_says_so() {
    // Every CMMM domain self-rated 2 in full, none of 3: S1 = S2 = 1, S3 = 0
    // → estimated level 2 (src/engine/maturity.rs), which meets ≥ 2.
    let mut q = base();
    q.smart_factory.cmmm_self_assessed_level = None;
    let text = "{level: 2}";
    let rating: zhizao::questionnaire::DomainRating = serde_yaml::from_str(text).unwrap();
    let s = &mut q.self_assessment;
    for slot in [
        &mut s.strategy,
        &mut s.personnel_skills,
        &mut s.data,
        &mut s.integration,
        &mut s.information_security,
        &mut s.equipment,
        &mut s.network,
        &mut s.design,
        &mut s.production,
        &mut s.logistics,
        &mut s.sales,
        &mut s.service,
    ] {
        *slot = Some(rating);
    }
    let r = ladder(&q);
    let g = gate(&r, "basic", "cmmm");
    assert_eq!(g.truth, Truth::Yes);
    assert_eq!(g.actual.as_ref().map(|a| a.zh.as_ref()), Some("2"));
    let note = g.note.as_ref().expect("the estimate is flagged");
    assert!(
        note.zh.contains("估算") && note.en.contains("c3mep.cn"),
        "{}",
        note.zh
    );
    // With the platform's own level there is no remark.
    let r = ladder(&base());
    assert!(gate(&r, "basic", "cmmm").note.is_none());
}

#[test]
fn prerequisites_chain_step_by_step() {
    // Self-assessed as basic, leading in the province, CMMM 2: may apply
    // for 先进级 (level 2). 卓越级 is next and lacks the 先进级 recognition,
    // CMMM 3, national leadership, and the AI share is unknown.
    let mut q = at(1, 2);
    q.smart_factory.key_indicators_standing = Some(IndicatorStanding::ProvinceLeading);
    let r = ladder(&q);
    assert_eq!(r.recognised_level, 1);
    assert_eq!(r.level, Some(2));
    assert_eq!(r.level_name.zh, "先进级");
    let action = r.next_action.as_ref().expect("something to do");
    assert!(
        action
            .zh
            .starts_with("可申报先进级（认定：省级工业和信息化主管部门"),
        "{}",
        action.zh
    );
    assert_eq!(gate(&r, "advanced", "prerequisite").truth, Truth::Yes);
    assert_eq!(r.next_step.as_deref(), Some("excellent"));
    let en: Vec<&str> = r.next_missing.iter().map(|t| t.en.as_ref()).collect();
    assert_eq!(
        en[..4],
        [
            "prerequisite: advanced (先进级): not obtained, needs advanced (先进级) obtained",
            "CMMM level (GB/T 39116-2020, self-assessed on c3mep.cn): 2, needs ≥ 3",
            "main technical and economic indicators leading in China [S]: province leading, needs national leading | global leading",
            &format!(
                "share of scenes using AI (%) [S]: unknown, fill in {}",
                field_name("smart_factory.ai_scene_share_pct")
            ),
        ],
        "{en:#?}"
    );
    assert_eq!(r.missing_data, ["smart_factory.ai_scene_share_pct"]);

    // Recognised as 先进级 (which implies 基础级), CMMM 3, leading in China,
    // 25% of scenes with AI: may apply for 卓越级 (level 3). 领航级 lacks
    // 卓越级 itself, global leadership, and 25 < 60.
    let mut q = at(2, 3);
    q.smart_factory.basic_self_assessed_year = None;
    q.smart_factory.key_indicators_standing = Some(IndicatorStanding::NationalLeading);
    q.smart_factory.ai_scene_share_pct = Some(25.0);
    let r = ladder(&q);
    assert_eq!(r.recognised_level, 2);
    assert!(r.steps[0].recognised && r.steps[1].recognised && !r.steps[2].recognised);
    assert_eq!(r.level, Some(3));
    assert!(r
        .next_action
        .as_ref()
        .is_some_and(|a| a.en.starts_with("may apply for excellent")));
    assert_eq!(r.next_step.as_deref(), Some("leading"));
    let lacking: Vec<Truth> = r.steps[3].gates.iter().map(|g| g.truth).collect();
    assert_eq!(lacking, [Truth::No, Truth::No, Truth::No]);
    // Three gates and two requirements whose text was not found (领航级 CMMM among them).
    assert_eq!(r.next_missing.len(), 5);
    assert!(r.next_missing[4].zh.contains("领航级《要素条件》原文"));
    assert!(r.next_missing[3]
        .zh
        .contains("领航级的智能制造能力成熟度要求：未找到"));
}

#[test]
fn a_gap_below_stops_the_level_even_when_a_higher_step_is_recognised() {
    // Recognised 先进级, but the finances gate of 基础级 now fails: the level
    // reached is 0; the next step is still the one above the recognition.
    let mut q = at(2, 3);
    q.smart_factory.finances_sound_3y = Some(false);
    let r = ladder(&q);
    assert_eq!(r.level, Some(0));
    assert_eq!(r.recognised_level, 2);
    assert_eq!(r.next_action, None);
    assert_eq!(r.next_step.as_deref(), Some("excellent"));
}

#[test]
fn the_ai_share_reference_values_at_their_boundaries() {
    // 卓越级 ≥ 20% [S], 领航级 ≥ 60% [S].
    for (pct, excellent, leading) in [
        (19.9, Truth::No, Truth::No),
        (20.0, Truth::Yes, Truth::No),
        (59.9, Truth::Yes, Truth::No),
        (60.0, Truth::Yes, Truth::Yes),
    ] {
        let mut q = base();
        q.smart_factory.ai_scene_share_pct = Some(pct);
        let r = ladder(&q);
        let (e, l) = (
            gate(&r, "excellent", "ai_share"),
            gate(&r, "leading", "ai_share"),
        );
        assert_eq!((e.truth, l.truth), (excellent, leading), "{pct}");
        assert_eq!(e.confidence, Confidence::Secondary);
        assert!(e.confidence.is_reference());
    }
}

#[test]
fn the_2017_examples_get_no_ladder() {
    let engine = Engine::shipped();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/examples");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("examples") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("reads");
        let Ok(l) = zhizao::input::from_bytes(&bytes, &path.display().to_string()) else {
            continue; // not a questionnaire (a second pack lives there too)
        };
        if l.questionnaire.enterprise.data_year >= 2024 {
            continue;
        }
        let a = engine.assess(
            &l.questionnaire,
            InputInfo {
                file: path.display().to_string(),
                sha256: l.sha256,
            },
            l.warnings,
        );
        assert!(a.levels.ladders.is_empty(), "{}", path.display());
        let json = serde_json::to_value(&a).expect("serialises");
        assert!(json.get("levels").is_none(), "{}", path.display());
        seen += 1;
    }
    assert_eq!(seen, 6, "the six shipped v1 examples");
}

#[test]
fn out_of_range_answers_are_errors_at_their_line() {
    for (from, to, what) in [
        (
            "cmmm_self_assessed_level: 2",
            "cmmm_self_assessed_level: 6",
            "outside 0–5",
        ),
        (
            "key_indicators_standing: above_average",
            "ai_scene_share_pct: 120",
            "outside the range 0–100",
        ),
        (
            "[production_operations,",
            "[production,",
            "production_operations",
        ),
    ] {
        let text = BASE.replace(from, to);
        let line = BASE
            .lines()
            .position(|l| l.contains(from))
            .expect("in BASE")
            + 1;
        let Err((e, _)) = zhizao::input::from_bytes(text.as_bytes(), "q.yaml") else {
            panic!("{to} is accepted");
        };
        assert_eq!(e[0].line, Some(line), "{to}: {:?}", e[0]);
        // What is wrong, or the hint, names the range or the right id.
        let said = format!("{} / {:?}", e[0].message.en, e[0].hint);
        assert!(said.contains(what), "{to}: {said}");
    }
}

/// A ladder pack with a dozen mistakes, each on its own line.
const BAD: &str = "\
id: bad
version: \"1\"
kind: ladder
title: {zh: 坏, en: bad}
document: {zh: 无, en: none}
edition: x
from_year: 2024
until_year: 2023
confidence: T
publishes: enterprise.name
below_name: {zh: 无, en: none}
editions:
  chosen: missing
  list:
    - id: a
      name: {zh: 甲, en: a}
      values:
        cmmm: {value: 2, confidence: T, source: {zh: 甲, en: a}}
    - id: b
      name: {zh: 乙, en: b}
      values: {}
steps:
  - id: one
    name: {zh: 一, en: one}
    rank: 2
    recognised_by: {zh: 自, en: self}
    self_assessed: true
    recognised_when: {fact: smart_factory.recognised_level, at_least: 1}
    prerequisite: {step: two, needs: recognised, source: {zh: 无, en: none}, confidence: T}
    gates:
      - id: g
        label: {zh: 门, en: gate}
        source: {zh: 无, en: none}
        test: {fact: smart_factory.no_such_fact, is: true}
      - id: g
        label: {zh: 门, en: gate}
        source: {zh: 无, en: none}
        parameter: cmmm
        confidence: T
        test: {fact: smart_factory.cmmm_level, at_least: 2}
  - id: one
    name: {zh: 二, en: two}
    rank: 2
    recognised_by: {zh: 省, en: province}
    self_assessed: false
    recognised_when:
      fact: smart_factory.recognised_level
      at_least: 2
      under: {reading: r, option: o}
";

#[test]
fn a_bad_ladder_pack_reports_every_problem_at_its_line() {
    let Err(errs) = zhizao::levels::load_pack(BAD, "bad.yaml") else {
        panic!("the bad pack loads");
    };
    let line_of = |needle: &str, nth: usize| {
        BAD.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(nth)
            .map(|(i, _)| i + 1)
    };
    let want = [
        (
            line_of("until_year", 0),
            "until_year is before from_year 2024",
        ),
        (line_of("publishes", 0), "not a registered number fact"),
        (
            line_of("chosen: missing", 0),
            "no edition has the id `missing`",
        ),
        (
            line_of("values: {}", 0),
            "edition `b` does not give the same parameters",
        ),
        (line_of("rank: 2", 0), "step 1 must have rank 1, not 2"),
        (
            line_of("step: two", 0),
            "prerequisite `two` is not a lower step",
        ),
        (line_of("- id: g", 0), "gate `g` needs a confidence tag"),
        (
            line_of("no_such_fact", 0),
            "unknown fact `smart_factory.no_such_fact`",
        ),
        (line_of("- id: g", 1), "duplicate gate id `g`"),
        (
            line_of("confidence: T", 3),
            "takes its tag from the edition",
        ),
        (
            line_of("at_least: 2}", 0),
            "the threshold comes from the parameter `cmmm`",
        ),
        (line_of("- id: one", 1), "duplicate step id `one`"),
        (line_of("under:", 0), "take no `under`"),
    ];
    for (line, text) in &want {
        let hit = errs
            .iter()
            .find(|d| d.message.en.contains(text))
            .unwrap_or_else(|| panic!("no `{text}` in {errs:#?}"));
        assert_eq!(hit.line, *line, "{text}");
        assert_eq!(hit.code, zhizao::diag::Code::LevelPack, "{text}");
    }
    assert_eq!(errs.len(), want.len(), "{errs:#?}");
}

#[test]
fn the_shipped_pack_loads_and_a_level_pack_file_can_replace_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pack = dir.join("levels/smart-factory-2025.yaml");
    let sources = zhizao::assess::PackSources {
        levels: vec![pack],
        ..Default::default()
    };
    let engine = Engine::load(&sources).expect("the shipped ladder loads from its file");
    assert_eq!(ladder_with(&engine, &base()).level, Some(1));
    let Some(LevelPack::Ladder(l)) = engine.levels.first() else {
        panic!("a ladder");
    };
    assert_eq!(l.steps.len(), 4);
    let scenes: usize = l
        .catalogue
        .iter()
        .flat_map(|c| &c.groups)
        .map(|g| g.entries.len())
        .sum();
    assert_eq!(scenes, 40, "8 环节, 40 场景");
    assert!(l.with_edition("no-such-edition").is_none());
}

#[test]
fn the_shipped_pack_with_any_one_line_missing_loads_or_says_why_never_panics() {
    let text = include_str!("../../levels/smart-factory-2025.yaml");
    let lines: Vec<&str> = text.lines().collect();
    let mut refused = 0;
    for i in 0..lines.len() {
        let mut cut = lines.clone();
        cut.remove(i);
        let cut = cut.join("\n");
        if let Err(errs) = zhizao::levels::load_pack(&cut, "cut.yaml") {
            assert!(
                !errs.is_empty(),
                "line {}: an error without a message",
                i + 1
            );
            refused += 1;
        }
    }
    // Most lines carry a required key or a value a check needs.
    assert!(refused > lines.len() / 3, "{refused} of {}", lines.len());
}

#[test]
fn an_id_with_control_characters_is_echoed_safely_and_clipped() {
    let hostile = format!("\\e[2J{}", "x".repeat(5000));
    let text = BAD.replace("chosen: missing", &format!("chosen: \"{hostile}\""));
    let Err(errs) = zhizao::levels::load_pack(&text, "bad.yaml") else {
        panic!("the bad pack loads");
    };
    let hit = errs
        .iter()
        .find(|d| d.message.en.starts_with("no edition has the id"))
        .expect("the chosen edition is reported");
    assert!(!hit.message.en.contains('\u{1b}'), "{:?}", hit.message.en);
    assert!(
        hit.message.en.len() < 1000,
        "{} bytes",
        hit.message.en.len()
    );
}

//! 等级路线 / The way up today's ladders: what raises the SME digital level
//! (数字化水平) and what the next smart-factory step (智能工厂梯度) lacks, with
//! the money each level unlocks.
//!
//! The money is simulated, as every roadmap step is: the factory's facts are
//! built again, the level fact (`digital_level.level`, `smart_factory.level`)
//! is set to the level in question, and the policy packs are evaluated on
//! them. So the Quanzhou pilot's caps by level (20/30/50万 at 二/三/四级) come
//! from the pack's tracks as loaded, never from code, and a pack that pays
//! nothing by level shows nothing.

use super::*;
use crate::confidence::Confidence;
use crate::facts::{Fact, Facts};
use crate::levels::ladder::{GateResult, LadderResult};
use crate::levels::sheet::SheetResult;
use crate::levels::LevelPack;
use crate::policy::eval::{Summary, TrackStatus};

/// How many items a digital-level plan lists (those with most points missing).
pub const ITEMS_SHOWN: usize = 5;

/// The fact a score sheet publishes its level as.
pub const DIGITAL_LEVEL_FACT: &str = "digital_level.level";
/// The fact a ladder publishes its level as.
pub const SMART_FACTORY_LEVEL_FACT: &str = "smart_factory.level";

/// The plans of every level pack that applied.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LevelPlans {
    /// One per score sheet (数字化水平).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub digital: Vec<DigitalPlan>,
    /// One per ladder (智能工厂梯度).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub smart_factory: Vec<FactoryPlan>,
}

impl LevelPlans {
    /// No level pack applied.
    pub fn is_empty(&self) -> bool {
        self.digital.is_empty() && self.smart_factory.is_empty()
    }
}

/// An item of the score sheet with points still to gain.
#[derive(Debug, Clone, Serialize)]
pub struct ItemGap {
    /// Item id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Dimension (数字化基础 / 管理 / 成效).
    pub dimension: Text,
    /// Points scored.
    pub points: Decimal,
    /// Points available.
    pub max: Decimal,
    /// Points missing (max − points).
    pub missing: Decimal,
    /// How sure the item's bands are.
    pub confidence: Confidence,
}

/// A scene (场景) one level short of what the next level asks of scenes.
#[derive(Debug, Clone, Serialize)]
pub struct SceneGap {
    /// Scene id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// 约束性场景.
    pub constraint: bool,
    /// Level now (0 none).
    pub level: u8,
    /// Level to reach.
    pub to: u8,
}

/// What reaching a level is worth, from simulation.
#[derive(Debug, Clone, Serialize)]
pub struct LevelMoney {
    /// The level (2 = 二级 …).
    pub level: u8,
    /// Change of the potential support total (eligible + candidate), CNY.
    pub money: Range,
    /// The tracks whose status or amount changes.
    pub tracks: Vec<LevelTrack>,
}

/// A track a level changes.
#[derive(Debug, Clone, Serialize)]
pub struct LevelTrack {
    /// The policy pack's id.
    pub pack: String,
    /// Track id.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Clause.
    pub clause: String,
    /// Status at the factory's level.
    pub before: TrackStatus,
    /// Status at the simulated level.
    pub after: TrackStatus,
    /// Amount at the simulated level (after caps), all funders.
    pub amount: Range,
}

/// The way up one score sheet.
#[derive(Debug, Clone, Serialize)]
pub struct DigitalPlan {
    /// The pack.
    pub pack: String,
    /// Level now (`None`: data missing).
    pub level: Option<u8>,
    /// Its name.
    pub level_name: Text,
    /// The next level and what it lacks (the sheet's own gap lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<crate::levels::sheet::NextLevel>,
    /// Items with the most points missing, most first.
    pub items: Vec<ItemGap>,
    /// Scenes one level short of the next level's scene gate, 约束性 first.
    pub scenes: Vec<SceneGap>,
    /// Every level above the factory's and the money it unlocks; empty when
    /// no policy pack pays by this level.
    pub money: Vec<LevelMoney>,
    /// Fields to fill in first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_data: Vec<String>,
}

/// The next step of one ladder and what it lacks.
#[derive(Debug, Clone, Serialize)]
pub struct FactoryPlan {
    /// The pack.
    pub pack: String,
    /// Level now (rank; 0 none; `None`: data missing).
    pub level: Option<u8>,
    /// Its name.
    pub level_name: Text,
    /// The next step, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next: Option<NextStep>,
    /// Fields to fill in first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_data: Vec<String>,
}

/// The next step of a ladder.
#[derive(Debug, Clone, Serialize)]
pub struct NextStep {
    /// Step id.
    pub id: String,
    /// Name (先进级 …).
    pub name: Text,
    /// Rank.
    pub rank: u8,
    /// Who recognises it.
    pub recognised_by: Text,
    /// Self-assessed (基础级).
    pub self_assessed: bool,
    /// Its gates not met (or not known).
    pub missing_gates: Vec<GateResult>,
    /// What the ladder says is missing, one line each.
    pub missing: Vec<Text>,
    /// The money the step unlocks, when a policy pack pays by this level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money: Option<LevelMoney>,
}

/// The highest digital level (四级): `digital_level.level` is 0–4.
const DIGITAL_TOP: u8 = 4;

/// The level plans of a factory (`base` is its assessment by `engine`).
pub fn plans(engine: &Engine, q: &Questionnaire, base: &Assessment) -> LevelPlans {
    if base.levels.is_empty() {
        return LevelPlans::default();
    }
    let sim = Simulator::new(engine, q, base);
    LevelPlans {
        digital: base
            .levels
            .sheets
            .iter()
            .map(|s| digital(s, &sim))
            .collect(),
        smart_factory: base
            .levels
            .ladders
            .iter()
            .map(|l| factory(l, &sim))
            .collect(),
    }
}

fn digital(s: &SheetResult, sim: &Simulator) -> DigitalPlan {
    let mut items: Vec<ItemGap> = s
        .dimensions
        .iter()
        .flat_map(|d| {
            d.items.iter().map(|i| ItemGap {
                id: i.id.clone(),
                name: i.name.clone(),
                dimension: d.name.clone(),
                points: i.points,
                max: i.max,
                missing: i.max - i.points,
                confidence: i.confidence,
            })
        })
        .filter(|i| i.missing > Decimal::ZERO)
        .collect();
    // Most points first; equal gaps in sheet order (a stable sort).
    items.sort_by_key(|i| std::cmp::Reverse(i.missing));
    items.truncate(ITEMS_SHOWN);
    let next = s.next.as_ref().map(|n| n.level);
    DigitalPlan {
        pack: s.pack.id.clone(),
        level: s.level,
        level_name: s.level_name.clone(),
        next: s.next.clone(),
        items,
        scenes: next.map(|n| scenes_short(s, n)).unwrap_or_default(),
        money: s
            .level
            .map(|now| {
                (now + 1..=DIGITAL_TOP)
                    .filter_map(|l| sim.at(DIGITAL_LEVEL_FACT, l))
                    .collect()
            })
            .unwrap_or_default(),
        missing_data: s.missing_data.clone(),
    }
}

/// Scenes at one level below `next`: a level's scene gate counts scenes at
/// that level or above (二级: scenes at 二级+), so these are the scenes one
/// step from counting. 约束性 scenes first, then in sheet order.
fn scenes_short(s: &SheetResult, next: u8) -> Vec<SceneGap> {
    let mut v: Vec<SceneGap> = s
        .scenes
        .iter()
        .filter(|x| x.level.is_some_and(|l| l + 1 == next))
        .map(|x| SceneGap {
            id: x.id.clone(),
            name: x.name.clone(),
            constraint: x.constraint,
            level: x.level.unwrap_or(0),
            to: next,
        })
        .collect();
    v.sort_by_key(|x| !x.constraint);
    v
}

fn factory(l: &LadderResult, sim: &Simulator) -> FactoryPlan {
    // The step the ladder itself named next (above both the level reached and
    // the level already recognised), so its missing lines match the step.
    let next = l
        .steps
        .iter()
        .find(|s| l.next_step.as_ref() == Some(&s.id))
        .map(|s| NextStep {
            id: s.id.clone(),
            name: s.name.clone(),
            rank: s.rank,
            recognised_by: s.recognised_by.clone(),
            self_assessed: s.self_assessed,
            missing_gates: s
                .gates
                .iter()
                .filter(|g| g.truth != crate::policy::eval::Truth::Yes)
                .cloned()
                .collect(),
            missing: l.next_missing.clone(),
            money: sim.at(SMART_FACTORY_LEVEL_FACT, s.rank),
        });
    FactoryPlan {
        pack: l.pack.id.clone(),
        level: l.level,
        level_name: l.level_name.clone(),
        next,
        missing_data: l.missing_data.clone(),
    }
}

/// Evaluates the policy packs with one level fact changed.
struct Simulator<'a> {
    engine: &'a Engine,
    /// The factory's facts with its level packs evaluated.
    facts: Facts,
    /// The policy packs on them.
    before: Summary,
    year: i32,
}

impl<'a> Simulator<'a> {
    fn new(engine: &'a Engine, q: &Questionnaire, base: &Assessment) -> Simulator<'a> {
        let mut facts = crate::facts::build(q, &base.indicators, &base.criteria, &base.maturity);
        let year = q.enterprise.data_year;
        crate::levels::evaluate(&engine.levels, &mut facts, year);
        let before = summarize(engine, &facts);
        Simulator {
            engine,
            facts,
            before,
            year,
        }
    }

    /// The money at `level` of `fact`; `None` when the fact is not
    /// registered or nothing changes.
    fn at(&self, fact: &str, level: u8) -> Option<LevelMoney> {
        let mut f = self.facts.clone();
        f.set_named(fact, Some(Fact::Num(Decimal::from(level))))
            .ok()?;
        // A ladder's gate may read the digital level: run the ladders again.
        if fact == DIGITAL_LEVEL_FACT {
            let ladders: Vec<LevelPack> = self
                .engine
                .levels
                .iter()
                .filter(|p| matches!(p, LevelPack::Ladder(_)))
                .cloned()
                .collect();
            crate::levels::evaluate(&ladders, &mut f, self.year);
        }
        let after = summarize(self.engine, &f);
        // A joint evaluation's tracks are pack by pack, in pack order.
        let all = self
            .engine
            .policies()
            .flat_map(|p| p.tracks.iter().map(move |t| (p, t)));
        let tracks: Vec<LevelTrack> = all
            .zip(self.before.tracks.iter().zip(&after.tracks))
            .filter(|(_, (b, a))| b.status != a.status || b.by_funder != a.by_funder)
            .map(|((p, t), (b, a))| LevelTrack {
                pack: p.id.clone(),
                id: t.id.clone(),
                title: t.title.clone(),
                clause: t.clause.clone(),
                before: b.status,
                after: a.status,
                amount: a.by_funder.values().fold(Range::ZERO, |s, r| s.plus(*r)),
            })
            .collect();
        let money = diff::range_delta(
            self.before.potential_totals.total,
            after.potential_totals.total,
        );
        if tracks.is_empty() && money.is_zero() {
            return None;
        }
        Some(LevelMoney {
            level,
            money,
            tracks,
        })
    }
}

fn summarize(engine: &Engine, facts: &Facts) -> Summary {
    // Every pack: those not in force for the data year pay nothing.
    let packs: Vec<&crate::policy::pack::PolicyPack> = engine.policies().collect();
    crate::policy::combine::summarize_all(&packs, facts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::InputInfo;
    use crate::levels::ladder::{StepResult, StepStanding};
    use crate::levels::sheet::{DimensionScore, ItemScore, NextLevel, SceneRating};
    use crate::levels::{LevelKind, PackHeader};
    use crate::policy::eval::Truth;

    /// A fictitious pilot that pays by the estimated maturity level as the
    /// Quanzhou pilot pays by digital level (invented figures: 20万 at 2,
    /// 30万 at 3, 50万 at 4–5), to exercise the simulation on a registered fact.
    const PILOT: &str = r#"
id: test-level-pilot
version: "1"
title: {zh: "按等级支付的试点（虚构）", en: "A pilot paying by level (fictitious)"}
issuer: {zh: "测试", en: "tests"}
document_date: "2016-01-01"
effective_from: "2016-01-01"
source_file: "test"
near_within: 0.2
funders:
  - {id: city, name: {zh: 市, en: city}, level: city}
tracks:
  - id: level-pilot
    title: {zh: "等级奖励（虚构）", en: "Level award (fictitious)"}
    clause: "第一条"
    kind: award
    funders: [city]
    prerequisite: none
    eligible_when:
      - fact: maturity.level
        at_least: 2
        label: {zh: "二级以上", en: "Level 2 or above"}
    amount:
      tiers:
        by: maturity.level
        tiers:
          - {from: 2, to: 2, parts: [{funder: city, fixed: 200000}]}
          - {from: 3, to: 3, parts: [{funder: city, fixed: 300000}]}
          - {from: 4, to: 5, parts: [{funder: city, fixed: 500000}]}
        beyond: {zh: "无", en: "none"}
"#;

    fn example() -> (Engine, Questionnaire, Assessment) {
        let mut engine = Engine::default();
        engine
            .more_policies
            .push(crate::policy::load_pack(PILOT, "pilot.yaml").unwrap());
        let path = format!(
            "{}/questionnaires/examples/licheng-footwear.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap();
        let q = crate::input::from_bytes(&bytes, &path)
            .map_err(|e| e.0)
            .unwrap()
            .questionnaire;
        let info = InputInfo {
            file: "t".into(),
            sha256: String::new(),
        };
        let base = engine.assess(&q, info, vec![]);
        (engine, q, base)
    }

    fn header(kind: LevelKind) -> PackHeader {
        PackHeader {
            id: "p".into(),
            version: "t".into(),
            kind,
            title: Text::new("t", "t"),
            document: Text::new("d", "d"),
            edition: "e".into(),
            from_year: 2016,
            until_year: None,
            confidence: Confidence::Official,
        }
    }

    fn item(id: &str, points: i64, max: i64) -> ItemScore {
        ItemScore {
            id: id.into(),
            name: Text::new(id.to_string(), id.to_string()),
            group: Text::new("g", "g"),
            points: Decimal::from(points),
            max: Decimal::from(max),
            answer: None,
            confidence: Confidence::Secondary,
            caution: None,
        }
    }

    fn scene(id: &str, constraint: bool, level: Option<u8>) -> SceneRating {
        SceneRating {
            id: id.into(),
            name: Text::new(id.to_string(), id.to_string()),
            group: Text::new("g", "g"),
            constraint,
            level,
        }
    }

    /// A sheet at 一级 (level 1) whose next level is 二级.
    fn sheet() -> SheetResult {
        let dim = |id: &str, items: Vec<ItemScore>| DimensionScore {
            id: id.into(),
            name: Text::new(id.to_string(), id.to_string()),
            points: items.iter().map(|i| i.points).sum(),
            max: items.iter().map(|i| i.max).sum(),
            items,
        };
        SheetResult {
            pack: header(LevelKind::ScoreSheet),
            score: Decimal::from(30),
            max: Decimal::from(100),
            dimensions: vec![
                dim(
                    "base",
                    vec![
                        item("a", 2, 8),
                        item("b", 8, 8),
                        item("c", 0, 10),
                        item("d", 3, 5),
                    ],
                ),
                dim(
                    "mgmt",
                    vec![
                        item("e", 1, 4),
                        item("f", 0, 6),
                        item("g", 4, 7),
                        item("h", 0, 1),
                    ],
                ),
            ],
            scenes: vec![
                scene("s1", false, Some(1)),
                scene("s2", true, Some(1)),
                scene("s3", true, Some(2)),
                scene("s4", false, Some(0)),
                scene("s5", true, None),
            ],
            level: Some(1),
            level_name: Text::new("一级", "level 1"),
            decided_by: Text::new("", ""),
            rule_confidence: Confidence::ThirdParty,
            next: Some(NextLevel {
                level: 2,
                name: Text::new("二级", "level 2"),
                gaps: vec![Text::new("基础得分 30 < 40", "base 30 < 40")],
            }),
            missing_data: vec![],
            level_range: None,
        }
    }

    #[test]
    fn items_with_most_points_missing_and_scenes_one_level_short() {
        let (engine, q, mut base) = example();
        base.levels.sheets.push(sheet());
        let p = &plans(&engine, &q, &base).digital[0];
        // Missing: a 6, c 10, d 2, e 3, f 6, g 3, h 1 (b full, not listed);
        // the five largest, equal gaps in sheet order.
        let got: Vec<_> = p.items.iter().map(|i| (i.id.as_str(), i.missing)).collect();
        let d = Decimal::from;
        assert_eq!(
            got,
            [
                ("c", d(10)),
                ("a", d(6)),
                ("f", d(6)),
                ("e", d(3)),
                ("g", d(3))
            ]
        );
        assert_eq!(p.items[1].dimension.zh, "base");
        // 二级 counts scenes at 二级+: those at 一级 are one short, 约束性 first;
        // s3 already counts, s4 is two short, s5 is not filled in.
        let s: Vec<_> = p.scenes.iter().map(|x| (x.id.as_str(), x.to)).collect();
        assert_eq!(s, [("s2", 2), ("s1", 2)]);
        assert_eq!(p.next.as_ref().unwrap().level, 2);
    }

    #[test]
    fn a_level_is_worth_what_the_packs_pay_at_it() {
        let (engine, q, base) = example();
        assert_eq!(
            base.maturity.level,
            Some(1),
            "the footwear maker is at level 1"
        );
        let sim = Simulator::new(&engine, &q, &base);
        // At its own level nothing changes.
        assert!(sim.at("maturity.level", 1).is_none());
        for (level, yuan) in [(2u8, 200_000), (3, 300_000), (4, 500_000)] {
            let m = sim.at("maturity.level", level).unwrap();
            let t: Vec<_> = m
                .tracks
                .iter()
                .filter(|t| (t.pack.as_str(), t.id.as_str()) == ("test-level-pilot", "level-pilot"))
                .collect();
            assert_eq!(t.len(), 1, "level {level}");
            assert_eq!(t[0].after, TrackStatus::Eligible);
            assert_eq!(
                t[0].amount,
                Range::exact(Decimal::from(yuan)),
                "level {level}"
            );
        }
        // A fact no pack registers simulates nothing.
        assert!(sim.at("no_such.level", 2).is_none());
    }

    #[test]
    fn the_next_smart_factory_step_lists_its_missing_gates() {
        let (engine, q, mut base) = example();
        let gate = |label: &str, truth| GateResult {
            label: Text::new(label.to_string(), label.to_string()),
            truth,
            actual: None,
            required: Text::new("", ""),
            confidence: Confidence::Official,
            id: label.into(),
            source: Text::new("", ""),
            note: None,
            to_fill: vec![],
        };
        let step = |id: &str, rank, gates| StepResult {
            id: id.into(),
            name: Text::new(id.to_string(), id.to_string()),
            rank,
            recognised_by: Text::new("省工信厅", "provincial department"),
            self_assessed: rank == 1,
            standing: StepStanding::NotYet,
            gates,
            recognised: false,
            definition: None,
            not_found: vec![],
        };
        base.levels.ladders.push(LadderResult {
            pack: header(LevelKind::Ladder),
            level: Some(1),
            level_name: Text::new("基础级", "basic"),
            steps: vec![
                step("basic", 1, vec![gate("b1", Truth::Yes)]),
                step(
                    "advanced",
                    2,
                    vec![
                        gate("cmmm", Truth::No),
                        gate("scenes", Truth::Yes),
                        gate("kpi", Truth::Unknown),
                    ],
                ),
                step("excellent", 3, vec![gate("x", Truth::No)]),
            ],
            next_missing: vec![Text::new("CMMM 一级 < 二级", "CMMM 1 < 2")],
            missing_data: vec![],
            edition: crate::levels::ladder::EditionUsed {
                id: "e".into(),
                name: Text::new("", ""),
                values: Default::default(),
            },
            other_editions: vec![],
            publishes: "smart_factory.level".into(),
            recognised_level: 0,
            next_action: None,
            next_step: Some("advanced".into()),
        });
        let p = &plans(&engine, &q, &base).smart_factory[0];
        let next = p.next.as_ref().unwrap();
        assert_eq!((next.id.as_str(), next.rank), ("advanced", 2));
        let gates: Vec<_> = next
            .missing_gates
            .iter()
            .map(|g| g.label.zh.as_ref())
            .collect();
        assert_eq!(gates, ["cmmm", "kpi"]);
        assert_eq!(next.missing.len(), 1);
    }

    #[test]
    fn no_level_pack_no_level_plans() {
        let (engine, q, base) = example();
        assert!(base.levels.is_empty());
        let r = build(&engine, &q, &base);
        assert!(r.levels.is_empty());
        assert!(serde_json::to_value(&r).unwrap().get("levels").is_none());
    }
}

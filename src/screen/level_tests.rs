//! Levels in screening: the columns, the digital-score ranking and the
//! dashboard line against the pilot's 90% goal. The level packs are written
//! elsewhere, so the level results are set by hand on each brief, as the
//! engine would publish them.

use super::export::{enterprise_headers, enterprise_record, Context, Kind};
use super::*;
use crate::confidence::Confidence;
use crate::lang::Lang;
use crate::levels::ladder::LadderResult;
use crate::levels::sheet::SheetResult;
use crate::levels::{LevelKind, LevelResults, PackHeader};

fn header(id: &str, kind: LevelKind) -> PackHeader {
    PackHeader {
        id: id.into(),
        version: "test".into(),
        kind,
        title: Text::new("t", "t"),
        document: Text::new("d", "d"),
        edition: "2024年版".into(),
        from_year: 2024,
        until_year: None,
        confidence: Confidence::Official,
    }
}

fn sheet(score: i64, level: Option<u8>) -> SheetResult {
    SheetResult {
        pack: header("miit-sme-digital-2024", LevelKind::ScoreSheet),
        score: Decimal::from(score),
        max: Decimal::from(100),
        dimensions: vec![],
        scenes: vec![],
        level,
        level_name: Text::new("", ""),
        decided_by: Text::new("", ""),
        rule_confidence: Confidence::ThirdParty,
        next: None,
        missing_data: vec![],
        level_range: None,
    }
}

fn ladder(level: Option<u8>) -> LadderResult {
    LadderResult {
        pack: header("smart-factory-2025", LevelKind::Ladder),
        level,
        level_name: Text::new("", ""),
        steps: vec![],
        next_missing: vec![],
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
        next_step: None,
    }
}

fn example() -> crate::questionnaire::Questionnaire {
    let path = format!(
        "{}/questionnaires/examples/licheng-footwear.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap();
    crate::input::from_bytes(&bytes, &path)
        .map_err(|e| e.0)
        .unwrap()
        .questionnaire
}

/// A row of the footwear example as `file`, in `sector`, 规上 or not, with
/// these level results (none: a 2017 file).
fn row(engine: &Engine, file: &str, sector: Sector, above: bool, levels: LevelResults) -> Row {
    let mut q = example();
    q.enterprise.sector = sector;
    q.enterprise.above_designated_size = Some(above);
    let mut b = engine.brief(&q);
    b.levels = levels.brief();
    let pack = engine.policies().next().unwrap();
    Row::from_brief(&b, &q, pack, file.into(), 0)
}

fn digital(score: i64, level: Option<u8>) -> LevelResults {
    LevelResults {
        sheets: vec![sheet(score, level)],
        ladders: vec![],
    }
}

/// The batch worked by hand below: 规上 textile firms at 二级, 三级, 一级 and
/// one not graded; a 规上 electronics firm at 二级; a textile firm below 规上
/// at 四级 (not counted in the share); one 2017 file (no level pack).
fn batch(engine: &Engine) -> Vec<Row> {
    use Sector::*;
    let mut both = digital(81, Some(4));
    both.ladders.push(ladder(Some(1)));
    vec![
        row(
            engine,
            "a.yaml",
            TextileFootwearApparel,
            true,
            digital(52, Some(2)),
        ),
        row(
            engine,
            "b.yaml",
            TextileFootwearApparel,
            true,
            digital(66, Some(3)),
        ),
        row(
            engine,
            "c.yaml",
            TextileFootwearApparel,
            true,
            digital(25, Some(1)),
        ),
        row(
            engine,
            "d.yaml",
            TextileFootwearApparel,
            true,
            digital(0, None),
        ),
        row(engine, "e.yaml", ElectronicsIt, true, digital(48, Some(2))),
        row(engine, "f.yaml", TextileFootwearApparel, false, both),
        row(
            engine,
            "g.yaml",
            ElectronicsIt,
            true,
            LevelResults::default(),
        ),
    ]
}

fn fold(rows: &[Row]) -> Aggregates {
    let engine = Engine::default();
    let mut a = Aggregates::new(&Packs::of(&engine), 3);
    for r in rows {
        a.fold(r, 3);
    }
    a
}

#[test]
fn a_row_carries_the_first_sheet_and_ladder_and_a_2017_row_none() {
    let engine = Engine::default();
    let rows = batch(&engine);
    let f = &rows[5];
    let d = f.digital_level.as_ref().unwrap();
    assert_eq!(
        (d.pack.as_str(), d.score, d.level),
        ("miit-sme-digital-2024", Some(Decimal::from(81)), Some(4))
    );
    assert_eq!(f.smart_factory_level.as_ref().unwrap().level, Some(1));
    assert!(rows[6].digital_level.is_none() && rows[6].smart_factory_level.is_none());
    // The spill keeps them (and a row without them reads back without them).
    for r in [&rows[5], &rows[6]] {
        let back: Row = serde_json::from_str(&serde_json::to_string(r).unwrap()).unwrap();
        assert_eq!(back.digital_level, r.digital_level);
        assert_eq!(back.smart_factory_level, r.smart_factory_level);
    }
}

#[test]
fn the_share_at_level_two_counts_graded_and_ungraded_above_size_firms() {
    let engine = Engine::default();
    let a = fold(&batch(&engine));
    assert_eq!(a.digital_assessed, 6);
    assert_eq!(a.smart_factory_assessed, 1);
    let d = super::targets::dashboard(&engine.targets, &a);
    let line = |id: &str| d.iter().find(|t| t.id == id).unwrap();
    // 规上 with a level pack: a, b, c, d (textile) and e (electronics) = 5;
    // at 二级 or above: a, b, e = 3 → 3 / 5 = 60%; goal 90% → 0.6 / 0.9.
    let all = line("digital_level_share");
    assert_eq!(all.actual, Some(Decimal::new(6, 1)));
    assert_eq!(all.target, Decimal::new(9, 1));
    assert_eq!(all.progress, Some(Decimal::new(6667, 4)));
    assert_eq!(all.confidence, Some(Confidence::Secondary));
    assert!(all.label.zh.ends_with(" [S]"), "{}", all.label.zh);
    assert!(all.basis.zh.starts_with("3 / 5 "), "{}", all.basis.zh);
    assert!(all.source.as_deref().unwrap().contains("kyfz.org.cn"));
    // By sector: textile 2 of 4 (d not graded counts as not reaching);
    // electronics 1 of 1 (g is a 2017 file: no level pack, not counted).
    let tex = line("digital_level_share_textile_footwear_apparel");
    assert_eq!(tex.actual, Some(Decimal::new(5, 1)));
    assert_eq!(
        line("digital_level_share_electronics_it").actual,
        Some(Decimal::ONE)
    );
    assert!(!d.iter().any(|t| t.id == "digital_level_share_other"));
}

#[test]
fn a_batch_without_level_results_has_no_level_line_column_or_ranking() {
    let engine = Engine::default();
    let rows: Vec<Row> = batch(&engine).into_iter().skip(6).collect();
    let a = fold(&rows);
    assert_eq!(a.level_columns(), LevelColumns::default());
    let d = super::targets::dashboard(&engine.targets, &a);
    assert!(!d.iter().any(|t| t.id.starts_with("digital_level")));
    let json = serde_json::to_value(&a).unwrap();
    for key in [
        "digital_assessed",
        "smart_factory_assessed",
        "smart_factory_levels",
        "digital_ranking",
    ] {
        assert!(json.get(key).is_none(), "{key} in a 2017 summary");
    }
    let sector = &json["sectors"]["electronics_it"];
    assert!(sector.get("digital_levels_above").is_none(), "{sector}");
    let h = enterprise_headers(Lang::Zh, Packs::of(&engine).funders(), a.level_columns());
    assert!(!h
        .iter()
        .any(|x| x.contains("数字化水平") || x == "智能工厂等级"));
}

#[test]
fn the_digital_ranking_orders_by_exact_score() {
    let engine = Engine::default();
    let a = fold(&batch(&engine));
    let r = &a.digital_ranking;
    // Every row a sheet scored is offered (d scored 0 points, level unknown).
    assert_eq!(r.count, 6);
    let top: Vec<_> = r
        .top
        .iter()
        .map(|c| (c.file.as_str(), c.digital_score))
        .collect();
    assert_eq!(
        top,
        [
            ("f.yaml", Some(Decimal::from(81))),
            ("b.yaml", Some(Decimal::from(66))),
            ("a.yaml", Some(Decimal::from(52))),
        ]
    );
}

#[test]
fn csv_columns_follow_the_criteria_and_hold_score_and_levels() {
    let engine = Engine::default();
    let rows = batch(&engine);
    let a = fold(&rows);
    let cols = a.level_columns();
    let funders = Packs::of(&engine).funders().to_vec();
    for (l, names) in [
        (
            Lang::Zh,
            [
                "智能工厂",
                "数字化水平得分",
                "数字化水平等级",
                "智能工厂等级",
            ],
        ),
        (
            Lang::En,
            [
                "smart_factory",
                "digital_level_score",
                "digital_level",
                "smart_factory_level",
            ],
        ),
    ] {
        let h = enterprise_headers(l, &funders, cols);
        let at = h.iter().position(|x| x == names[0]).unwrap();
        assert_eq!(&h[at..at + 4], names);
    }
    let h = enterprise_headers(Lang::En, &funders, cols);
    let at = h.iter().position(|x| x == "digital_level_score").unwrap();
    let pct = vec![None; PEER_INDICATORS.len()];
    let rec = |r: &Row| enterprise_record(r, &pct, &funders, cols);
    assert_eq!(rec(&rows[5])[at..at + 3], ["81", "4", "1"]);
    // Not graded: the points, no level; a 2017 row: blank cells.
    assert_eq!(rec(&rows[3])[at..at + 3], ["0", "", ""]);
    assert_eq!(rec(&rows[6])[at..at + 3], ["", "", ""]);
    for r in &rows {
        assert_eq!(rec(r).len(), h.len());
    }
}

/// A screening of `rows` as pass 1 would leave it (rows spilled).
fn screened(rows: &[Row]) -> Screened {
    let engine = Engine::default();
    let mut spill = tempfile::tempfile().unwrap();
    for r in rows {
        serde_json::to_writer(&mut spill, r).unwrap();
        spill.write_all(b"\n").unwrap();
    }
    let mut peers = Peers::default();
    for r in rows {
        let mut inc = PeerIncrements::default();
        inc.add(r);
        peers.apply(&inc);
    }
    Screened {
        agg: fold(rows),
        peers,
        rejected: vec![],
        notes: vec![],
        duplicates: vec![],
        funders: Packs::of(&engine).funders().to_vec(),
        spill: Some(std::sync::Arc::new(spill)),
        jobs: 1,
        tally: None,
    }
}

fn is(c: &calamine::Data, s: &str) -> bool {
    matches!(c, calamine::Data::String(x) if x == s)
}

#[test]
fn the_xlsx_has_the_level_columns_the_ranking_and_the_goal() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let engine = Engine::default();
    let s = screened(&batch(&engine));
    let dashboard = super::targets::dashboard(&engine.targets, &s.agg);
    let packs = Packs::of(&engine);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("levels.xlsx");
    let cx = Context {
        screened: &s,
        dashboard: &dashboard,
        packs: &packs,
        lang: Lang::Zh,
        reports: None,
        previous: None,
        near_misses: None,
    };
    super::export::write(&path, Kind::Xlsx, &cx).unwrap();
    // A copy to look at (docs/img/screen-levels-xlsx.png is rendered from it).
    if let Some(keep) = std::env::var_os("ZHIZAO_KEEP_XLSX") {
        std::fs::copy(&path, keep).unwrap();
    }
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let ent = wb.worksheet_range("企业").unwrap();
    let head: Vec<String> = ent
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = head.iter().position(|h| h == "数字化水平得分").unwrap();
    assert_eq!(head[at - 1], "智能工厂");
    assert_eq!(head[at + 1..at + 3], ["数字化水平等级", "智能工厂等级"]);
    let f = ent
        .rows()
        .find(|r| r.iter().any(|c| is(c, "f.yaml")))
        .unwrap();
    assert_eq!(
        f[at..at + 3],
        [Data::Float(81.0), Data::Float(4.0), Data::Float(1.0)]
    );
    let t = wb.worksheet_range("目标").unwrap();
    let goal = t
        .rows()
        .find(|r| r.last().is_some_and(|c| is(c, "digital_level_share")))
        .unwrap();
    assert_eq!(goal[1], Data::Float(0.6));
    assert_eq!(goal[2], Data::Float(0.9));
    assert!(
        goal[6].to_string().contains("[S]: http://kyfz.org.cn"),
        "{:?}",
        goal[6]
    );
    let sum = wb.worksheet_range("概要").unwrap();
    let ranked: Vec<String> = sum
        .rows()
        .filter(|r| r.first().is_some_and(|c| is(c, "数字化水平得分")))
        .map(|r| r[8].to_string())
        .collect();
    assert_eq!(ranked, ["f.yaml", "b.yaml", "a.yaml"]);
}

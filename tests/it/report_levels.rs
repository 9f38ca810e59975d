//! The level sections of every artefact (数字化水平, 智能工厂梯度): an
//! assessment of the footwear example given the hand-built level results of
//! tests/it/levels_fixture.rs, rendered as terminal text (80 and 100 columns),
//! JSON, Markdown, HTML and DOCX; and the same assessment without levels,
//! which must render exactly as without the feature.

use crate::levels_fixture as fixture;

use rust_decimal::Decimal;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::lang::Lang;
use zhizao::report;

fn dec(s: &str) -> Decimal {
    s.parse().expect("a decimal")
}

const FOOTWEAR: &str = "questionnaires/examples/licheng-footwear.yaml";

/// The footwear example, assessed by the shipped packs (no level pack
/// applies to its data year 2017), and its questionnaire.
fn assessed() -> (Engine, zhizao::input::Loaded, Assessment) {
    let bytes = std::fs::read(FOOTWEAR).expect("example");
    let loaded = zhizao::input::from_bytes(&bytes, FOOTWEAR).expect("valid example");
    let engine = Engine::shipped();
    let a = engine.assess(
        &loaded.questionnaire,
        InputInfo {
            file: FOOTWEAR.into(),
            sha256: loaded.sha256.clone(),
        },
        loaded.warnings.clone(),
    );
    (engine, loaded, a)
}

fn with_levels() -> Assessment {
    let (_, _, mut a) = assessed();
    assert!(a.levels.is_empty(), "no shipped level pack applies to 2017");
    a.levels = fixture::levels();
    a
}

fn terminal(a: &Assessment, lang: Lang, width: usize, explain: bool) -> String {
    report::terminal::render(
        a,
        report::terminal::Options {
            lang,
            color: false,
            explain,
            width,
        },
    )
}

fn lang_id(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh",
        Lang::En => "en",
    }
}

/// The lines of `text` from the line starting with `from` up to (not
/// including) the line starting with `to`.
fn between<'a>(text: &'a str, from: &str, to: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(from))
        .take_while(|l| !l.starts_with(to))
        .collect()
}

#[test]
fn the_hand_built_sheet_adds_up_as_worked_by_hand() {
    // 27.85 + 12.75 + 15 = 55.6 (tests/it/levels_fixture.rs).
    let s = fixture::digital();
    let pts: Vec<Decimal> = s.dimensions.iter().map(|d| d.points).collect();
    assert_eq!(pts, [dec("27.85"), dec("12.75"), dec("15")]);
    assert_eq!(s.score, dec("55.6"));
    assert_eq!(s.scenes.len(), 16);
    assert_eq!(s.scenes.iter().filter(|x| x.constraint).count(), 10);
}

#[test]
fn terminal_levels_fit_80_and_100_columns() {
    let a = with_levels();
    for lang in [Lang::Zh, Lang::En] {
        for width in [80, 100] {
            for explain in [false, true] {
                let text = terminal(&a, lang, width, explain);
                for line in text.lines() {
                    assert!(
                        textwrap::core::display_width(line) <= width,
                        "{lang:?} {width} explain={explain}: {line}"
                    );
                }
            }
            let text = terminal(&a, lang, width, false);
            let section = match lang {
                Lang::Zh => between(&text, "数字化水平", "指标"),
                Lang::En => between(&text, "SME digital level", "Indicators"),
            };
            insta::assert_snapshot!(
                format!("levels_terminal_{}_{width}", lang_id(lang)),
                section.join("\n")
            );
            // For a look in a terminal of that width (docs/img/levels-term*.png).
            let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
                .join(format!("levels-term-{}-{width}.txt", lang_id(lang)));
            std::fs::write(out, section.join("\n") + "\n").expect("write");
        }
    }
    let explained = terminal(&a, Lang::Zh, 100, true);
    insta::assert_snapshot!(
        "levels_terminal_zh_100_explain",
        between(&explained, "数字化水平", "指标").join("\n")
    );
}

#[test]
fn terminal_shows_the_figures_of_the_results() {
    let a = with_levels();
    let zh = terminal(&a, Lang::Zh, 100, false);
    // Score of 100, the level with the [T] rule mark, the gap, the steps.
    assert!(zh.contains("等级：二级 [T] · 得分 55.6 / 100"), "{zh}");
    assert!(zh.contains("距三级还缺："), "{zh}");
    assert!(zh.contains("  - 三级及以上场景 4 < 8 [T]"), "{zh}");
    assert!(zh.contains("可达最高等级：基础级（符合，可自评）"), "{zh}");
    assert!(
        zh.contains("  一级 15（10） · 二级 12（9） · 三级 4（4）"),
        "{zh}"
    );
    // The missing field by its name, not its path.
    assert!(zh.contains("须补充以下数据才能评测：主营业务收入"), "{zh}");
    // Legend: one line per reference tag shown ([S] gates, [T] items and rule).
    assert!(zh.contains("[S] 参考值：仅见于新闻或解读"), "{zh}");
    assert!(zh.contains("[T] 参考值：仅见于第三方代码或数据"), "{zh}");
    assert!(
        !zh.contains("[O-r]"),
        "official figures carry no mark: {zh}"
    );
}

#[test]
fn an_assessment_without_levels_renders_as_before() {
    // The level sections are purely added: taking them out of the report
    // with levels gives the report without them, line for line.
    let (_, _, plain) = assessed();
    let a = with_levels();
    for lang in [Lang::Zh, Lang::En] {
        let before = terminal(&plain, lang, 100, true);
        let after = terminal(&a, lang, 100, true);
        let (start, end) = match lang {
            Lang::Zh => ("数字化水平", "指标"),
            Lang::En => ("SME digital level", "Indicators"),
        };
        let lines: Vec<&str> = after.lines().collect();
        let s = lines
            .iter()
            .position(|l| l.starts_with(start))
            .expect("section");
        let e = s + lines[s..]
            .iter()
            .position(|l| l.starts_with(end))
            .expect("next");
        assert!(e - s > 10, "{after}");
        let rest = [&lines[..s], &lines[e..]].concat();
        let before: Vec<&str> = before.lines().collect();
        assert_eq!(rest, before);
        assert!(!before.iter().any(|l| l.starts_with(start)));
    }
    assert!(!report::json(&plain).contains("\"levels\""));
}

#[test]
fn json_carries_the_levels_object() {
    let a = with_levels();
    let v: serde_json::Value = serde_json::from_str(&report::json(&a)).expect("JSON");
    let at = |p: &str| v.pointer(p).cloned().unwrap_or_default();
    // Points are exact decimal strings, like money.
    let num = |p: &str| at(p).as_str().map(dec);
    assert_eq!(num("/levels/sheets/0/score"), Some(dec("55.6")));
    assert_eq!(
        num("/levels/sheets/0/dimensions/0/items/6/points"),
        Some(dec("1.25"))
    );
    assert_eq!(at("/levels/sheets/0/level"), 2);
    assert_eq!(at("/levels/sheets/0/rule_confidence"), "T");
    assert_eq!(at("/levels/sheets/0/pack/kind"), "score_sheet");
    assert_eq!(
        at("/levels/sheets/0/scenes/15/level"),
        serde_json::Value::Null
    );
    assert_eq!(at("/levels/ladders/0/steps/0/standing"), "qualifies");
    assert_eq!(at("/levels/ladders/0/steps/2/gates/2/truth"), "unknown");
    assert_eq!(at("/levels/ladders/0/steps/0/gates/0/confidence"), "O-r");
    // The pack as cited: document and edition.
    assert_eq!(at("/levels/ladders/0/pack/edition"), "2025年版");
}

/// The Markdown and the HTML report of `a` in `lang`.
fn documents(a: &Assessment, lang: Lang) -> (String, String) {
    let (engine, loaded, _) = assessed();
    let roadmap = zhizao::roadmap::build(&engine, &loaded.questionnaire, a);
    let r = report::view::ReportInput {
        assessment: a,
        roadmap: &roadmap,
        overrides: &[],
        lang,
        date: "2024-01-01",
        profile: None,
    };
    let md = report::markdown::render(&r).expect("markdown");
    let html = report::html::render(&r).expect("html");
    (md, html)
}

/// The part of `text` from `from` up to `to` (both must be there).
fn cut<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let s = text
        .find(from)
        .unwrap_or_else(|| panic!("{from} in {text}"));
    let e = s + text[s..].find(to).unwrap_or_else(|| panic!("{to}"));
    &text[s..e]
}

#[test]
fn markdown_and_html_show_the_levels() {
    let a = with_levels();
    let (_, _, plain) = assessed();
    for lang in [Lang::Zh, Lang::En] {
        let (md, html) = documents(&a, lang);
        let (md_plain, html_plain) = documents(&plain, lang);
        let heading = match lang {
            Lang::Zh => "## 数字化水平与智能工厂梯度",
            Lang::En => "## Digital level and smart-factory levels",
        };
        let next = match lang {
            Lang::Zh => "## 指标",
            Lang::En => "## Indicators",
        };
        let md_section = cut(&md, heading, next);
        insta::assert_snapshot!(format!("levels_markdown_{}", lang_id(lang)), md_section);
        // The roadmap's level part (等级提升), up to the tracks section.
        let (plan_head, tracks_head) = match lang {
            Lang::Zh => ("\n### 等级提升\n", "\n## 扶持政策\n"),
            Lang::En => ("\n### Raising the level\n", "\n## "),
        };
        let plan_part = cut(&md, plan_head, tracks_head);
        assert!(!md_plain.contains(plan_head));
        // Purely added: without both, the Markdown is as before.
        assert_eq!(
            md.replacen(md_section, "", 1).replacen(plan_part, "", 1),
            md_plain
        );
        assert!(!md_plain.contains(heading));

        let section = cut(&html, "<h2 id=\"levels\">", "<h2 id=\"charts\">");
        insta::assert_snapshot!(format!("levels_html_{}", lang_id(lang)), section);
        // The chart (bars of points out of max, one per dimension and the
        // total), the 16 × 4 scene ladder with 10 binding scenes, 4 steps.
        assert_eq!(section.matches("class=\"chart bars\"").count(), 1);
        assert!(section.contains(">27.85 / 50</text>"), "{section}");
        assert!(section.contains(">55.6 / 100</text>"), "{section}");
        let scenes = cut(section, "<table class=\"scenes\">", "</table>");
        assert_eq!(scenes.matches("<td class=\"lv").count(), 16 * 4);
        // Cells filled = the sum of the levels: 3 scenes at 一级, 8 at 二级,
        // 4 at 三级, one not filled in: 3 + 16 + 12 = 31.
        assert_eq!(scenes.matches("<td class=\"lv on\">").count(), 31);
        assert_eq!(scenes.matches("★").count(), 10);
        assert_eq!(section.matches("<li class=\"step st-").count(), 4);
        assert!(html.contains("ol.ladder"), "the level styles are included");
        assert!(!html_plain.contains("ol.ladder"), "and only then");
        assert!(!html_plain.contains("id=\"levels\""));
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        std::fs::write(out.join(format!("levels-{}.html", lang_id(lang))), &html).expect("write");
    }
}

/// The DOCX report of `a`: (document text, one line per text run; number
/// of PNG images).
fn docx(a: &Assessment, lang: Lang) -> (String, usize, String) {
    use std::io::Read;
    let (engine, loaded, _) = assessed();
    let roadmap = zhizao::roadmap::build(&engine, &loaded.questionnaire, a);
    let r = report::view::ReportInput {
        assessment: a,
        roadmap: &roadmap,
        overrides: &[],
        lang,
        date: "2024-01-01",
        profile: None,
    };
    let bytes = report::docx::render(&r).expect("docx");
    if !a.levels.is_empty() {
        let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
        std::fs::write(out.join(format!("levels-{}.docx", lang_id(lang))), &bytes).expect("write");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let pngs = (0..zip.len())
        .filter(|&i| {
            zip.by_index(i)
                .is_ok_and(|f| f.name().is_ok_and(|n| n.ends_with(".png")))
        })
        .count();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let mut text = String::new();
    for piece in xml.split("<w:t").skip(1) {
        let Some(start) = piece.find('>') else {
            continue;
        };
        if piece[..start].ends_with('/') {
            continue;
        }
        let body = &piece[start + 1..];
        text.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
        text.push('\n');
    }
    (text, pngs, xml)
}

#[test]
fn docx_has_the_level_tables_and_the_score_chart() {
    let (_, _, plain) = assessed();
    let (plain_text, plain_pngs, _) = docx(&plain, Lang::Zh);
    let (text, pngs, xml) = docx(&with_levels(), Lang::Zh);
    // One more picture: the score by dimension, drawn like the other charts.
    assert_eq!(pngs, plain_pngs + 1);
    assert!(!plain_text.contains("数字化水平"));
    // The scene ladder's reached cells are filled, one per level reached
    // (31, as in the HTML), in the report's blue.
    assert_eq!(xml.matches("w:fill=\"1F6FB2\"").count(), 31);
    for expected in [
        "数字化水平与智能工厂梯度",
        "等级：二级 [T] · 得分 55.6 / 100",
        "依据《中小企业数字化水平评测指标》（2024年版） · 工信厅企业〔2024〕56号，2024-09-04",
        "27.85",
        "资金保障 [T]",
        "经营场景等级",
        "财务管理 ★",
        "三级",
        "可达最高等级：基础级（符合，可自评）",
        "? 人工智能应用场景比例 [S]：未知（要求 ≥ 60%）",
        "距先进级还缺：",
        "[T] 参考值：仅见于第三方代码或数据，未核对官方原文",
    ] {
        assert!(text.contains(expected), "{expected} in\n{text}");
    }
}

/// The tables of docs/json-output.md §3.12, in order: each a list of
/// (key, may be omitted).
fn documented_level_tables() -> Vec<Vec<(String, bool)>> {
    let doc = std::fs::read_to_string("docs/json-output.md").expect("doc");
    let section = cut(&doc, "### 3.12 `levels`", "## 4.");
    let mut tables: Vec<Vec<(String, bool)>> = Vec::new();
    for line in section.lines() {
        let Some(row) = line.strip_prefix("| ") else {
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        if cells[0] == "field" {
            tables.push(Vec::new());
        } else if !cells[0].starts_with("---") {
            let key = cells[0].trim_matches('`').to_string();
            let optional = cells.last().is_some_and(|c| c.contains("*omitted"));
            tables.last_mut().expect("a table").push((key, optional));
        }
    }
    tables
}

fn assert_documented(what: &str, obj: &serde_json::Value, table: &[(String, bool)]) {
    let m = obj.as_object().unwrap_or_else(|| panic!("{what}: {obj}"));
    for k in m.keys() {
        assert!(
            table.iter().any(|(d, _)| d == k),
            "{what}: `{k}` is not in docs/json-output.md §3.12"
        );
    }
    for (k, optional) in table {
        assert!(
            *optional || m.contains_key(k),
            "{what}: documented `{k}` missing"
        );
    }
}

#[test]
fn every_levels_field_is_documented() {
    let t = documented_level_tables();
    assert_eq!(
        t.len(),
        8,
        "levels, sheets, pack, items, scenes, ladders, steps, gates"
    );
    let v: serde_json::Value = serde_json::from_str(&report::json(&with_levels())).expect("json");
    let levels = &v["levels"];
    assert_documented("levels", levels, &t[0]);
    let list = |x: &serde_json::Value, k: &str| x[k].as_array().cloned().unwrap_or_default();
    for s in list(levels, "sheets") {
        assert_documented("sheets[]", &s, &t[1]);
        assert_documented("sheets[].pack", &s["pack"], &t[2]);
        for d in list(&s, "dimensions") {
            let keys: Vec<&String> = d.as_object().expect("object").keys().collect();
            assert_eq!(
                keys,
                ["id", "name", "points", "max", "items"],
                "as documented"
            );
            for i in list(&d, "items") {
                assert_documented("items[]", &i, &t[3]);
            }
        }
        for x in list(&s, "scenes") {
            assert_documented("scenes[]", &x, &t[4]);
        }
    }
    for r in list(levels, "ladders") {
        assert_documented("ladders[]", &r, &t[5]);
        assert_documented("ladders[].pack", &r["pack"], &t[2]);
        for st in list(&r, "steps") {
            assert_documented("steps[]", &st, &t[6]);
            for g in list(&st, "gates") {
                assert_documented("gates[]", &g, &t[7]);
            }
        }
    }
}

#[test]
fn a_level_left_open_by_missing_data_says_so() {
    let mut a = with_levels();
    let s = &mut a.levels.sheets[0];
    s.level = None;
    s.level_name =
        zhizao::lang::Text::new("待定 (一级至三级)", "undetermined (level 1 to level 3)");
    let zh = terminal(&a, Lang::Zh, 100, false);
    assert!(
        zh.contains("等级：待定（一级至三级）[T] · 得分 55.6 / 100"),
        "{zh}"
    );
    a.levels.sheets[0].level_name = zhizao::lang::Text::new("", "");
    let en = terminal(&a, Lang::En, 100, false);
    assert!(
        en.contains("Level: cannot be judged: data missing · score"),
        "{en}"
    );
}

/// The footwear assessment with its first eligible track tagged as a
/// pack of today's subsidies tags it: [S] and a document.
fn with_tagged_track(confidence: zhizao::confidence::Confidence) -> (Assessment, String) {
    let (_, _, mut a) = assessed();
    let t = a
        .subsidies
        .iter_mut()
        .find(|t| t.status == zhizao::policy::eval::TrackStatus::Eligible)
        .expect("an eligible track");
    t.confidence = Some(confidence);
    t.document = Some(zhizao::lang::Text::new(
        "泉工信〔2024〕243号, 2025-01-24",
        "泉工信〔2024〕243号, 2025-01-24",
    ));
    let title = t.title.zh.to_string();
    (a, title)
}

#[test]
fn tracks_show_their_confidence_tag_and_document() {
    use zhizao::confidence::Confidence;
    let (a, title) = with_tagged_track(Confidence::Secondary);
    let zh = terminal(&a, Lang::Zh, 200, false);
    assert!(zh.contains(&format!("{title} [S]")), "{zh}");
    assert!(zh.contains("泉工信〔2024〕243号，2025-01-24"), "{zh}");
    assert!(zh.contains("[S] 参考值：仅见于新闻或解读"), "{zh}");
    let (md, html) = documents(&a, Lang::Zh);
    assert!(
        md.contains(&format!("{title} [S]（泉工信〔2024〕243号，2025-01-24）")),
        "{md}"
    );
    assert!(
        html.contains(&format!("<td>{title} [S]<div"))
            || html.contains(&format!("<td>{title} [S]<br>")),
        "{html}"
    );
    assert!(html.contains("<div class=\"small muted\">泉工信〔2024〕243号，2025-01-24</div>"));
    assert!(html.contains("[S] 参考值：仅见于新闻或解读"));
    let (text, _, _) = docx(&a, Lang::Zh);
    assert!(text.contains(&format!("{title} [S]")), "{text}");
    assert!(text.contains("泉工信〔2024〕243号，2025-01-24"), "{text}");
    // An official track shows its document and no mark, and no legend.
    let (a, title) = with_tagged_track(Confidence::Official);
    let zh = terminal(&a, Lang::Zh, 200, false);
    assert!(!zh.contains(&format!("{title} [")), "{zh}");
    assert!(zh.contains("泉工信〔2024〕243号，2025-01-24"), "{zh}");
    assert!(!zh.contains("参考值："), "{zh}");
}

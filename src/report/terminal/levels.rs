//! 数字化水平与智能工厂梯度 / The level sections of the terminal report: the
//! SME digital level (score of 100, points by dimension, the level and its
//! rule, the gap to the next level) and the smart-factory ladder (the
//! highest step, each step's standing, what the next step lacks). Nothing
//! is printed when no level pack applied (a 2016 assessment reads as before).
//!
//! Every text here comes from a level pack, which a user may give with
//! `--levels FILE`, so each line passes [`crate::textsafe::terminal_safe`].

use super::{heading, table, Options};
use crate::assess::Assessment;
use crate::lang::Lang;
use crate::levels::ladder::LadderResult;
use crate::levels::sheet::SheetResult;
use crate::report::fields;
use crate::report::levels as words;
use std::fmt::Write as _;

fn safe(s: &str) -> String {
    crate::textsafe::terminal_safe(s).into_owned()
}

fn line(out: &mut String, s: &str) {
    let _ = writeln!(out, "{}", safe(s));
}

/// Both level sections and the legend of the reference tags they show.
pub(super) fn section(out: &mut String, a: &Assessment, o: Options) {
    let levels = &a.levels;
    if levels.is_empty() {
        return;
    }
    for r in &levels.sheets {
        sheet(out, r, o);
    }
    for r in &levels.ladders {
        ladder(out, r, o);
    }
    for l in words::legend(&words::reference_tags(levels), o.lang) {
        line(out, &l);
    }
    out.push('\n');
}

/// "须补充: …" when the pack lacks questionnaire data.
fn missing(out: &mut String, paths: &[String], l: Lang) {
    if !paths.is_empty() {
        let text = format!(
            "{}: {}",
            l.pick("须补充以下数据才能评测", "Fill these in to be assessed"),
            fields::list(paths, l)
        );
        line(out, &text);
    }
}

/// A gap list under its heading, one gap a line.
fn gaps(out: &mut String, head: Option<String>, items: &[crate::lang::Text], l: Lang) {
    let Some(head) = head else {
        return;
    };
    line(out, &format!("{head}:"));
    for g in items {
        line(out, &format!("  - {}", fields::humanize(g.get(l), l)));
    }
}

/// 数字化水平: score, dimensions (items with --explain), scenes, the level,
/// its rule and the gap to the next level.
fn sheet(out: &mut String, r: &SheetResult, o: Options) {
    let l = o.lang;
    heading(out, l.pick("数字化水平", "SME digital level"), "1", o.color);
    line(out, &words::cite(&r.pack, l));
    line(
        out,
        &format!(
            "{}: {} · {} {}",
            l.pick("等级", "Level"),
            words::sheet_level(r, l),
            l.pick("得分", "score"),
            words::points_of(r.score, r.max)
        ),
    );
    // The sheet marks each figure of the rule it quotes ([T]).
    if !r.decided_by.get(l).is_empty() {
        let why = fields::humanize(r.decided_by.get(l), l);
        line(out, &format!("{}: {why}", l.pick("判定", "Decided by")));
    }
    let _ = writeln!(out, "{}", table(dimension_rows(r, o), l, o.width));
    let (head, counts) = words::scene_counts(&r.scenes, l);
    line(out, &format!("{head}:"));
    line(out, &format!("  {counts}"));
    if o.explain {
        let _ = writeln!(out, "{}", table(scene_rows(r, l), l, o.width));
    }
    let next = r.next.as_ref().map(|n| n.gaps.as_slice()).unwrap_or(&[]);
    gaps(out, words::next_heading(r, l), next, l);
    missing(out, &r.missing_data, l);
    out.push('\n');
}

/// Dimension rows; with --explain each item under its dimension, with its
/// sub-dimension (分项) and the answer that scored it.
fn dimension_rows(r: &SheetResult, o: Options) -> Vec<Vec<String>> {
    let l = o.lang;
    let row = |dim: String, group: String, item: String, p, m, answer: String| {
        let mut v = vec![dim];
        if o.explain {
            v.extend([group, item]);
        }
        v.extend([words::points(p), words::points(m)]);
        if o.explain {
            v.push(answer);
        }
        v
    };
    let mut rows = vec![{
        let mut v = vec![l.pick("维度", "Dimension").to_string()];
        if o.explain {
            v.push(l.pick("分项", "Part").into());
            v.push(l.pick("项目", "Item").into());
        }
        v.push(l.pick("得分", "Points").into());
        v.push(l.pick("满分", "Max").into());
        if o.explain {
            v.push(l.pick("回答", "Answer").into());
        }
        v
    }];
    for d in &r.dimensions {
        let name = safe(d.name.get(l));
        rows.push(row(
            name,
            String::new(),
            String::new(),
            d.points,
            d.max,
            String::new(),
        ));
        for i in d.items.iter().filter(|_| o.explain) {
            let answer = safe(&fields::humanize(&words::answer(i, l), l));
            let item = safe(&format!("{}{}", i.name.get(l), i.confidence.mark()));
            rows.push(row(
                String::new(),
                safe(i.group.get(l)),
                item,
                i.points,
                i.max,
                answer,
            ));
        }
    }
    let total = l.pick("合计", "Total").to_string();
    rows.push(row(
        total,
        String::new(),
        String::new(),
        r.score,
        r.max,
        String::new(),
    ));
    rows
}

/// Every scene with its group, whether it is 约束性 and its level (--explain).
fn scene_rows(r: &SheetResult, l: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![vec![
        l.pick("场景", "Scene").to_string(),
        l.pick("类别", "Group").to_string(),
        l.pick("约束性", "Binding").to_string(),
        l.pick("等级", "Level").to_string(),
    ]];
    for s in &r.scenes {
        rows.push(vec![
            safe(s.name.get(l)),
            safe(s.group.get(l)),
            words::constraint_word(s, l).into(),
            words::scene_level(s, l),
        ]);
    }
    rows
}

/// 智能工厂梯度: the highest step, each step's standing (gates with
/// --explain), and what the next step lacks.
fn ladder(out: &mut String, r: &LadderResult, o: Options) {
    let l = o.lang;
    heading(
        out,
        l.pick("智能工厂梯度", "Smart-factory levels"),
        "1",
        o.color,
    );
    line(out, &words::cite(&r.pack, l));
    line(out, &words::ladder_edition(r, l));
    line(
        out,
        &format!(
            "{}: {}",
            l.pick("可达最高等级", "Highest level"),
            words::ladder_level(r, l)
        ),
    );
    if let Some(a) = words::ladder_action(r, l) {
        line(out, &a);
    }
    let mut rows = vec![vec![
        l.pick("等级", "Level").to_string(),
        l.pick("认定", "Recognised by").to_string(),
        l.pick("现状", "Standing").to_string(),
        l.pick("门槛满足", "Gates met").to_string(),
    ]];
    for s in &r.steps {
        rows.push(vec![
            safe(s.name.get(l)),
            safe(s.recognised_by.get(l)),
            words::standing(s, l).into(),
            words::gates_met(s),
        ]);
    }
    let _ = writeln!(out, "{}", table(rows, l, o.width));
    for s in r.steps.iter().filter(|_| o.explain) {
        line(out, &format!("{}:", s.name.get(l)));
        for g in &s.gates {
            line(
                out,
                &format!(
                    "  {} {}{} = {} ({} {})",
                    words::truth_mark(g.truth),
                    g.label.get(l),
                    g.confidence.mark(),
                    words::gate_actual(g, l),
                    l.pick("要求", "required"),
                    g.required.get(l)
                ),
            );
        }
        if let Some(n) = words::not_found(s, l) {
            line(out, &format!("  … {n}"));
        }
    }
    gaps(out, words::ladder_next_heading(r, l), &r.next_missing, l);
    missing(out, &r.missing_data, l);
    out.push('\n');
}

/// 等级提升 / Raising the level: the level part of the roadmap, printed
/// right after the level sections; nothing when no level pack applied.
pub(super) fn plans(out: &mut String, p: &crate::roadmap::levels::LevelPlans, o: Options) {
    let groups = crate::report::level_plan::groups(p, o.lang);
    if groups.is_empty() {
        return;
    }
    heading(
        out,
        crate::report::level_plan::heading(o.lang),
        "1",
        o.color,
    );
    for g in groups {
        line(out, &g.title);
        for list in g.lists {
            line(out, &format!("  {}:", list.head));
            for s in list.lines {
                line(out, &format!("    - {s}"));
            }
        }
    }
    out.push('\n');
}

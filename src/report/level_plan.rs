//! 等级提升 / Raising the level: the level part of the upgrade roadmap
//! ([`crate::roadmap::levels::LevelPlans`]) in words — the next digital level
//! and its gaps, the items with most points missing, the scenes one level
//! short, the money each higher level unlocks, and the gates the next
//! smart-factory step lacks. The terminal, the HTML/Markdown view and the
//! DOCX all print these groups, so the four say the same thing. No ids: the
//! zh report names tracks by title only.

use crate::lang::Lang;
use crate::levels::ladder::GateResult;
use crate::report::fields;
use crate::report::levels as words;
use crate::roadmap::levels::{DigitalPlan, FactoryPlan, LevelMoney, LevelPlans};
use serde::Serialize;

/// One plan (one pack): a title line and its lists.
#[derive(Debug, Serialize)]
pub struct PlanGroup {
    /// "数字化水平: 现为二级, 下一级三级".
    pub title: String,
    /// Lists under the title.
    pub lists: Vec<PlanList>,
}

/// A heading and its lines.
#[derive(Debug, Serialize)]
pub struct PlanList {
    /// The heading, without a colon.
    pub head: String,
    /// One entry a line.
    pub lines: Vec<String>,
}

/// The section heading.
pub fn heading(l: Lang) -> &'static str {
    l.pick("等级提升", "Raising the level")
}

/// Every plan as groups; empty when no level pack applied.
pub fn groups(p: &LevelPlans, l: Lang) -> Vec<PlanGroup> {
    let mut v: Vec<PlanGroup> = p.digital.iter().map(|d| digital(d, l)).collect();
    v.extend(p.smart_factory.iter().map(|f| factory(f, l)));
    v
}

fn list(head: &str, lines: Vec<String>) -> Option<PlanList> {
    (!lines.is_empty()).then(|| PlanList {
        head: head.to_string(),
        lines,
    })
}

/// "数字化水平: 现为 三级, 下一级 四级"; `now` is the verb ("现为", "可达").
fn now_and_next(kind: &str, now: (&str, &str), next: Option<&str>, l: Lang) -> String {
    let (verb, level) = now;
    // No verb before a name that already says "not reached" (未达基础级).
    let level = if verb.is_empty() {
        level.to_string()
    } else {
        format!("{verb} {level}")
    };
    match next {
        Some(n) => format!("{kind}: {level}{} {n}", l.pick(", 下一级", "; next")),
        None => format!(
            "{kind}: {level}{}",
            l.pick(", 已是最高一级", "; the top level")
        ),
    }
}

fn digital(d: &DigitalPlan, l: Lang) -> PlanGroup {
    let next = d.next.as_ref();
    let title = now_and_next(
        l.pick("数字化水平", "SME digital level"),
        (l.pick("现为", "now"), d.level_name.get(l)),
        next.map(|n| n.name.get(l)),
        l,
    );
    let gaps = next
        .map(|n| {
            n.gaps
                .iter()
                .map(|g| fields::humanize(g.get(l), l))
                .collect()
        })
        .unwrap_or_default();
    let items = d
        .items
        .iter()
        .map(|i| {
            format!(
                "{}{}: {} {} ({}/{})",
                i.name.get(l),
                i.confidence.mark(),
                l.pick("差", "missing"),
                words::points(i.missing),
                words::points(i.points),
                words::points(i.max),
            )
        })
        .collect();
    let scenes = d
        .scenes
        .iter()
        .map(|s| {
            format!(
                "{}{}: {} → {}",
                s.name.get(l),
                if s.constraint {
                    l.pick(" ★约束性", " ★binding")
                } else {
                    ""
                },
                words::level_word(s.level, l),
                words::level_word(s.to, l),
            )
        })
        .collect();
    let mut lists = vec![
        list(l.pick("差距", "Gaps"), gaps),
        list(
            l.pick("失分最多的项目", "Items with most points missing"),
            items,
        ),
        list(l.pick("差一级的场景", "Scenes one level short"), scenes),
        list(
            l.pick(
                "各等级可解锁的扶持 (含候选)",
                "Support each level unlocks (incl. candidates)",
            ),
            d.money.iter().map(|m| money_line(m, l)).collect(),
        ),
    ];
    lists.push(missing(&d.missing_data, l));
    PlanGroup {
        title,
        lists: lists.into_iter().flatten().collect(),
    }
}

/// "三级: +20.00万元 — 泉州市数字化转型试点 …".
fn money_line(m: &LevelMoney, l: Lang) -> String {
    let tracks: Vec<&str> = m.tracks.iter().map(|t| t.title.get(l)).collect();
    let money = crate::report::view::money_text(m.money, l);
    if tracks.is_empty() {
        format!("{}: {money}", words::level_word(m.level, l))
    } else {
        format!(
            "{}: {money} — {}",
            words::level_word(m.level, l),
            tracks.join(l.pick("、", "; "))
        )
    }
}

fn missing(paths: &[String], l: Lang) -> Option<PlanList> {
    list(
        l.pick("须先补充的数据", "Fill these in first"),
        if paths.is_empty() {
            Vec::new()
        } else {
            vec![fields::list(paths, l)]
        },
    )
}

fn factory(f: &FactoryPlan, l: Lang) -> PlanGroup {
    let next = f.next.as_ref();
    let title = now_and_next(
        l.pick("智能工厂梯度", "Smart-factory level"),
        (
            match f.level {
                Some(1..) => l.pick("可达最高等级", "highest level"),
                _ => "",
            },
            f.level_name.get(l),
        ),
        next.map(|n| n.name.get(l)),
        l,
    );
    let mut lists = Vec::new();
    if let Some(n) = next {
        // The ladder's own lines name each gate not met and the
        // requirements not found; the bare gates only when it gave none.
        let lines: Vec<String> = if n.missing.is_empty() {
            n.missing_gates.iter().map(|g| gate_line(g, l)).collect()
        } else {
            n.missing
                .iter()
                .map(|m| fields::humanize(m.get(l), l))
                .collect()
        };
        lists.push(list(l.pick("未满足的门槛", "Gates not met"), lines));
        lists.push(list(
            l.pick(
                "可解锁的扶持 (含候选)",
                "Support it unlocks (incl. candidates)",
            ),
            n.money.iter().map(|m| money_line(m, l)).collect(),
        ));
    }
    lists.push(missing(&f.missing_data, l));
    PlanGroup {
        title,
        lists: lists.into_iter().flatten().collect(),
    }
}

/// "label [S]: actual (要求 required)".
fn gate_line(g: &GateResult, l: Lang) -> String {
    format!(
        "{}{}: {} ({} {})",
        g.label.get(l),
        g.confidence.mark(),
        words::gate_actual(g, l),
        l.pick("要求", "required"),
        g.required.get(l)
    )
}

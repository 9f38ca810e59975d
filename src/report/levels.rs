//! 等级评测的文字 / The words every artefact uses for the level results
//! ([`crate::levels`]): the citation of a pack, the level with its rule, the
//! scene counts, a step's standing, a gate's mark and the legend of the
//! reference-value tags. The terminal, the HTML/Markdown view and the DOCX
//! all take their texts from here, so the four say the same thing.

use crate::confidence::Confidence;
use crate::lang::Lang;
use crate::levels::ladder::{LadderResult, StepResult, StepStanding};
use crate::levels::sheet::{SceneRating, SheetResult};
use crate::levels::{LevelResults, PackHeader};
use crate::policy::eval::Truth;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Points as written in the policy text: `62.5`, `1.875`, `50` (no
/// trailing zeros; exact, never rounded).
pub fn points(d: Decimal) -> String {
    d.normalize().to_string()
}

/// "62.5 / 100".
pub fn points_of(p: Decimal, max: Decimal) -> String {
    format!("{} / {}", points(p), points(max))
}

/// The document a pack measures against: "依据《title》（edition） · document"
/// (the spaced dot lets a narrow terminal wrap between the two). The
/// edition is left out when the title already names it (or its year).
pub fn cite(p: &PackHeader, l: Lang) -> String {
    let title = p.title.get(l);
    let year: String = p.edition.chars().take_while(char::is_ascii_digit).collect();
    let named = title.contains(&p.edition) || (!year.is_empty() && title.contains(&year));
    let edition = match (named, l) {
        (true, _) => String::new(),
        (false, Lang::Zh) => format!("（{}）", p.edition),
        (false, Lang::En) => format!(" ({})", p.edition),
    };
    match l {
        Lang::Zh => format!("依据《{title}》{edition} · {}", p.document.get(l)),
        Lang::En => format!(
            "Measured against the {title}{edition} · {}",
            p.document.get(l)
        ),
    }
}

/// A sheet's level with the reference mark of its rule: "二级 [T]"; when
/// missing data leaves it open, the name the sheet gives that ("待定 (一级至
/// 三级)"), else "cannot be judged".
pub fn sheet_level(r: &SheetResult, l: Lang) -> String {
    let name = r.level_name.get(l);
    match r.level {
        None if name.is_empty() => l
            .pick("无法判定: 缺少数据", "cannot be judged: data missing")
            .into(),
        _ => format!("{name}{}", r.rule_confidence.mark()),
    }
}

/// The heading of a sheet's gap list: "距三级" / "For level 3".
pub fn next_heading(r: &SheetResult, l: Lang) -> Option<String> {
    let n = r.next.as_ref()?;
    Some(match l {
        Lang::Zh => format!("距{}还缺", n.name.get(l)),
        Lang::En => format!("Missing for {}", n.name.get(l)),
    })
}

/// How many scenes reach each level or higher, and how many of those are
/// 约束性 — the figures the level rule counts — as a heading and a line:
/// ("经营场景 16 个（约束性 10 个）, 达到各级及以上的场景数（其中约束性）",
/// "一级 15（10） · 二级 12（9） · …").
pub fn scene_counts(scenes: &[SceneRating], l: Lang) -> (String, String) {
    let count = |f: &dyn Fn(&SceneRating) -> bool| {
        let all = scenes.iter().filter(|s| f(s)).count();
        let bound = scenes.iter().filter(|s| s.constraint && f(s)).count();
        (all, bound)
    };
    let (total, bound) = count(&|_| true);
    let mut parts = Vec::new();
    for lv in 1..=4u8 {
        let (n, b) = count(&|s| s.level.is_some_and(|x| x >= lv));
        parts.push(match l {
            Lang::Zh => format!("{} {n}（{b}）", level_word(lv, l)),
            Lang::En => format!("{lv}: {n} ({b})"),
        });
    }
    let (unfilled, _) = count(&|s| s.level.is_none());
    if unfilled > 0 {
        parts.push(format!("{} {unfilled}", l.pick("未填", "not filled in:")));
    }
    let head = match l {
        Lang::Zh => format!(
            "经营场景 {total} 个（约束性 {bound} 个）, 达到各级及以上的场景数（其中约束性）"
        ),
        Lang::En => format!(
            "Business scenes: {total} ({bound} binding); scenes at each level or above (binding)"
        ),
    };
    (head, parts.join(" · "))
}

/// A scene level 0–4 in words: 未达一级, 一级 … 四级 / below 1, level 1 ….
pub fn level_word(lv: u8, l: Lang) -> String {
    const ZH: [&str; 5] = ["未达一级", "一级", "二级", "三级", "四级"];
    match l {
        Lang::Zh => ZH.get(usize::from(lv)).copied().unwrap_or("?").into(),
        Lang::En if lv == 0 => "below 1".into(),
        Lang::En => format!("level {lv}"),
    }
}

/// A scene's level as shown in a table cell; "未填" when not filled in.
pub fn scene_level(s: &SceneRating, l: Lang) -> String {
    match s.level {
        Some(lv) => level_word(lv, l),
        None => l.pick("未填", "not filled in").into(),
    }
}

/// "约束性" / "binding" for a 约束性 scene, else empty.
pub fn constraint_word(s: &SceneRating, l: Lang) -> &'static str {
    if s.constraint {
        l.pick("约束性", "binding")
    } else {
        ""
    }
}

/// A step's standing in words; a qualifying step says whether the factory
/// assesses itself (基础级) or applies for recognition.
pub fn standing(s: &StepResult, l: Lang) -> &'static str {
    match (s.standing, s.self_assessed) {
        (StepStanding::Qualifies, true) => l.pick("符合, 可自评", "qualifies: self-assess"),
        (StepStanding::Qualifies, false) => l.pick("符合, 可申报", "qualifies: may apply"),
        (StepStanding::NotYet, _) => l.pick("尚未符合", "not yet"),
        (StepStanding::Unknown, _) => l.pick("无法判断", "cannot tell"),
    }
}

/// The CSS class of a standing (the report's status colours).
pub fn standing_class(s: StepStanding) -> &'static str {
    match s {
        StepStanding::Qualifies => "met",
        StepStanding::NotYet => "not-met",
        StepStanding::Unknown => "unknown",
    }
}

/// The mark of a gate, as the explanations mark a condition.
pub fn truth_mark(t: Truth) -> &'static str {
    match t {
        Truth::Yes => "✓",
        Truth::No => "✗",
        Truth::Unknown => "?",
    }
}

/// Gates met of a step: "5/7".
pub fn gates_met(s: &StepResult) -> String {
    let met = s.gates.iter().filter(|g| g.truth == Truth::Yes).count();
    format!("{met}/{}", s.gates.len())
}

/// The highest step: "基础级（符合, 可自评）"; or why there is none.
pub fn ladder_level(r: &LadderResult, l: Lang) -> String {
    let name = r.level_name.get(l);
    match r.level {
        None => l
            .pick("无法判断: 缺少数据", "cannot tell: data missing")
            .into(),
        Some(0) => name.into(),
        Some(rank) => match r.steps.iter().find(|s| s.rank == rank) {
            Some(s) => format!("{name} ({})", standing(s, l)),
            None => name.into(),
        },
    }
}

/// The heading of a ladder's gap list: "距先进级还缺", for the step the
/// ladder says the gaps are about (above the level reached and the level
/// already recognised).
pub fn ladder_next_heading(r: &LadderResult, l: Lang) -> Option<String> {
    if r.next_missing.is_empty() {
        return None;
    }
    let id = r.next_step.as_deref()?;
    let next = r.steps.iter().find(|s| s.id == id)?;
    Some(match l {
        Lang::Zh => format!("距{}还缺", next.name.get(l)),
        Lang::En => format!("Missing for {}", next.name.get(l)),
    })
}

/// The edition whose parameters the ladder applied: "参数版本: …".
pub fn ladder_edition(r: &LadderResult, l: Lang) -> String {
    format!(
        "{}: {}",
        l.pick("参数版本", "Edition applied"),
        r.edition.name.get(l)
    )
}

/// What the factory can do now ("下一步: 可自评为基础级"), when anything.
pub fn ladder_action(r: &LadderResult, l: Lang) -> Option<String> {
    let a = r.next_action.as_ref()?;
    Some(format!("{}: {}", l.pick("下一步", "Next"), a.get(l)))
}

/// A step's requirements whose text was not found, so not judged.
pub fn not_found(s: &StepResult, l: Lang) -> Option<String> {
    if s.not_found.is_empty() {
        return None;
    }
    let list: Vec<&str> = s.not_found.iter().map(|t| t.get(l)).collect();
    Some(format!(
        "{}: {}",
        l.pick(
            "未找到原文、未判断的要求",
            "Requirements not found, not judged"
        ),
        list.join(l.pick("；", "; "))
    ))
}

/// An item's answer with the sheet's caution (⚠) when it has one.
pub fn answer(i: &crate::levels::sheet::ItemScore, l: Lang) -> String {
    let answer = match &i.answer {
        Some(a) => a.get(l),
        None => l.pick("未填", "not filled in"),
    };
    match &i.caution {
        Some(c) => format!("{answer} ⚠ {}", c.get(l)),
        None => answer.to_string(),
    }
}

/// A gate's value with its remark ("2（估算，非平台自评）").
pub fn gate_actual(g: &crate::levels::ladder::GateResult, l: Lang) -> String {
    let actual = g
        .actual
        .as_ref()
        .map(|a| a.get(l))
        .unwrap_or(l.pick("未知", "unknown"));
    match &g.note {
        Some(n) => format!("{actual} ({})", n.get(l)),
        None => actual.to_string(),
    }
}

/// Every confidence tag the level results carry that marks a reference
/// value ([S], [T], [M]), in a fixed order, for the legend.
pub fn reference_tags(levels: &LevelResults) -> BTreeSet<Confidence> {
    let mut tags = BTreeSet::new();
    for s in &levels.sheets {
        tags.insert(s.rule_confidence);
        for d in &s.dimensions {
            tags.extend(d.items.iter().map(|i| i.confidence));
        }
    }
    for r in &levels.ladders {
        for s in &r.steps {
            tags.extend(s.gates.iter().map(|g| g.confidence));
        }
    }
    tags.retain(|c| c.is_reference());
    tags
}

/// One legend line per reference tag: "[T] 参考值: 仅见于第三方代码或数据,
/// 未核对官方原文".
pub fn legend(tags: &BTreeSet<Confidence>, l: Lang) -> Vec<String> {
    tags.iter()
        .map(|c| format!("[{}] {}", c.tag(), c.meaning().get(l)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_edition_is_cited_once() {
        let header = |title: &str| PackHeader {
            id: "p".into(),
            version: "1".into(),
            kind: crate::levels::LevelKind::ScoreSheet,
            title: crate::lang::Text::new(title.to_string(), title.to_string()),
            document: crate::lang::Text::new("工信厅企业〔2024〕56号", "No. 56"),
            edition: "2024年版".into(),
            from_year: 2024,
            until_year: None,
            confidence: Confidence::OfficialRepost,
        };
        let plain = header("中小企业数字化水平评测指标");
        assert_eq!(
            crate::report::zh::punct(&cite(&plain, Lang::Zh)),
            "依据《中小企业数字化水平评测指标》（2024年版） · 工信厅企业〔2024〕56号"
        );
        let named = header("中小企业数字化水平评测指标（2024年版）");
        assert_eq!(
            cite(&named, Lang::Zh),
            "依据《中小企业数字化水平评测指标（2024年版）》 · 工信厅企业〔2024〕56号"
        );
        let en = header("SME digital-level assessment (2024 edition)");
        assert_eq!(
            cite(&en, Lang::En),
            "Measured against the SME digital-level assessment (2024 edition) · No. 56"
        );
    }

    #[test]
    fn points_are_exact_and_short() {
        assert_eq!(points(dec!(1.875)), "1.875");
        assert_eq!(points(dec!(50.00)), "50");
        assert_eq!(points_of(dec!(62.50), dec!(100)), "62.5 / 100");
    }

    #[test]
    fn scene_counts_are_cumulative() {
        let scene = |level, constraint| SceneRating {
            id: "s".into(),
            name: crate::lang::Text::new("场景", "scene"),
            group: crate::lang::Text::new("组", "group"),
            constraint,
            level,
        };
        // Levels 3 (binding), 2, 1 (binding), 0 and one not filled in:
        // ≥1: 3 (2 binding), ≥2: 2 (1), ≥3: 1 (1), 4: 0.
        let s = [
            scene(Some(3), true),
            scene(Some(2), false),
            scene(Some(1), true),
            scene(Some(0), false),
            scene(None, true),
        ];
        assert_eq!(
            scene_counts(&s, Lang::Zh).1,
            "一级 3（2） · 二级 2（1） · 三级 1（1） · 四级 0（0） · 未填 1"
        );
        assert!(scene_counts(&s, Lang::Zh)
            .0
            .starts_with("经营场景 5 个（约束性 3 个）"));
        assert_eq!(
            scene_counts(&s, Lang::En).1,
            "1: 3 (2) · 2: 2 (1) · 3: 1 (1) · 4: 0 (0) · not filled in: 1"
        );
    }
}

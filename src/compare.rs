//! Before/after comparison (对比): two assessments of one factory, shown —
//! what changed in the indicators, the criteria, the estimated maturity
//! level, the subsidy tracks and the money.
//!
//! The diff itself is [`crate::diff`], shared with the upgrade roadmap
//! ([`crate::roadmap`]); this module renders it for `zhizao compare BEFORE
//! AFTER` and the reports.

pub use crate::diff::{
    compare, range_delta, track_rank, CheckChange, Comparison, CriterionChange, Direction,
    IndicatorChange, MaturityChange, Side, TotalsChange, TrackChange,
};
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Show a signed range in one unit. A gain from nothing up to a ceiling
/// reads "最多 +50.00万元" / "up to +CNY 500,000" (not "0.00 – +50.00万元");
/// any other range signs both ends ("−5.00 – +50.00万元").
pub fn show_delta(r: Range, lang: Lang) -> String {
    if let Some(m) = r
        .max
        .filter(|m| r.min.is_zero() && m.is_sign_positive() && !m.is_zero())
    {
        return match lang {
            Lang::Zh => format!("最多 +{}万元", money::wan_2dp(m)),
            Lang::En => format!("up to +{}", money::report(m, lang)),
        };
    }
    if lang == Lang::Zh {
        let sign = |x: Decimal| {
            let n = money::wan_2dp(x.abs());
            if money::wan_2dp(x) == money::wan_2dp(Decimal::ZERO) {
                n
            } else if x.is_sign_negative() {
                format!("−{n}")
            } else {
                format!("+{n}")
            }
        };
        return match r.max {
            Some(m) if m == r.min => format!("{}万元", sign(m)),
            Some(m) => format!("{} – {}万元", sign(r.min), sign(m)),
            None => format!("{}万元 – ?", sign(r.min)),
        };
    }
    let sign = |x: Decimal| {
        if x.is_zero() {
            money::report(x, lang)
        } else if x.is_sign_negative() {
            format!("−{}", money::report(-x, lang))
        } else {
            format!("+{}", money::report(x, lang))
        }
    };
    match r.max {
        Some(m) if m == r.min => sign(m),
        Some(m) => format!("{} – {}", sign(r.min), sign(m)),
        None => format!("{} – ?", sign(r.min)),
    }
}

/// A shown indicator change in the reader's language: percentage points
/// are "pp" in English and 个百分点 in Chinese.
pub fn delta_words(shown: &str, lang: Lang) -> String {
    match (lang, shown.strip_suffix("pp")) {
        (Lang::Zh, Some(n)) => format!("{n} 个百分点"),
        _ => shown.to_string(),
    }
}
/// JSON of a comparison, pretty-printed and deterministic.
pub fn json(c: &Comparison) -> String {
    serde_json::to_string_pretty(c).unwrap_or_default() + "\n"
}

/// A table fitted to the terminal width ([`crate::report::fit`]).
fn table(rows: Vec<Vec<String>>, l: Lang) -> String {
    crate::report::terminal::typeset_table(rows, l, crate::report::fit::width())
}

fn level_text(l: Option<u8>, lang: Lang) -> String {
    match l {
        Some(l) => format!("{l} ({})", crate::maturity::level_name(l).get(lang)),
        None => lang.pick("未知", "unknown").to_string(),
    }
}

/// Terminal rendering of a comparison.
pub fn terminal(c: &Comparison, lang: Lang) -> String {
    let l = lang;
    let mut out = String::new();
    let _ = writeln!(out, "{}", l.pick("智造对比报告", "zhizao comparison"));
    for (label, s) in [
        (l.pick("之前", "Before"), &c.before),
        (l.pick("之后", "After"), &c.after),
    ] {
        let _ = writeln!(
            out,
            "{label}: {} · {} {} · {} · SHA-256 {}",
            crate::textsafe::echo(&s.name),
            l.pick("数据年度", "data year"),
            s.data_year,
            crate::textsafe::echo(&s.file),
            s.sha256.get(..12).unwrap_or("")
        );
    }
    if !c.same_enterprise {
        let _ = writeln!(out, "{}", different_enterprises_note().get(l));
    }
    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        format!(
            "{}: {} → {} {}",
            l.pick("估算成熟度", "Estimated maturity"),
            level_text(c.maturity.before, l),
            level_text(c.maturity.after, l),
            c.maturity.direction.mark()
        )
        .trim_end()
    );
    let _ = writeln!(
        out,
        "{}: {} → {} ({})",
        l.pick("含候选项合计", "Support incl. candidates"),
        c.potential.before.total.report(l),
        c.potential.after.total.report(l),
        show_delta(c.potential.delta, l)
    );
    let _ = writeln!(
        out,
        "{}: {} → {} ({})\n",
        l.pick("符合项合计", "Eligible support"),
        c.eligible.before.total.report(l),
        c.eligible.after.total.report(l),
        show_delta(c.eligible.delta, l)
    );
    let _ = writeln!(out, "{}", l.pick("指标", "Indicators"));
    let mut rows = vec![vec![
        l.pick("指标", "Indicator").to_string(),
        l.pick("之前", "Before").to_string(),
        l.pick("之后", "After").to_string(),
        l.pick("变化", "Change").to_string(),
    ]];
    let unknown = l.pick("未知", "unknown");
    for i in c
        .indicators
        .iter()
        .filter(|i| i.direction != Direction::Same)
    {
        rows.push(vec![
            i.name.get(l).to_string(),
            i.before_shown.clone().unwrap_or_else(|| unknown.into()),
            i.after_shown.clone().unwrap_or_else(|| unknown.into()),
            format!(
                "{} {}",
                i.direction.mark(),
                delta_words(i.delta_shown.as_deref().unwrap_or_default(), l)
            ),
        ]);
    }
    if rows.len() == 1 {
        let _ = writeln!(out, "{}\n", l.pick("无变化", "no change"));
    } else {
        let _ = writeln!(out, "{}\n", table(rows, l));
    }
    let _ = writeln!(out, "{}", l.pick("评估标准", "Criteria"));
    let mut rows = vec![vec![
        l.pick("目标 / 检查项", "Target / check").to_string(),
        l.pick("之前", "Before").to_string(),
        l.pick("之后", "After").to_string(),
        String::new(),
    ]];
    for cr in &c.criteria {
        rows.push(vec![
            cr.name.get(l).to_string(),
            cr.before.label().get(l).to_string(),
            cr.after.label().get(l).to_string(),
            cr.direction.mark().to_string(),
        ]);
        for k in cr.checks.iter().filter(|k| k.direction != Direction::Same) {
            rows.push(vec![
                format!("  {}", k.name.get(l)),
                format!(
                    "{} ({})",
                    k.before.label().get(l),
                    k.actual_before.as_deref().unwrap_or("—")
                ),
                format!(
                    "{} ({})",
                    k.after.label().get(l),
                    k.actual_after.as_deref().unwrap_or("—")
                ),
                k.direction.mark().to_string(),
            ]);
        }
    }
    let _ = writeln!(out, "{}\n", table(rows, l));
    let _ = writeln!(
        out,
        "{}",
        l.pick("扶持政策变化", "Subsidy tracks that changed")
    );
    if c.tracks.is_empty() {
        let _ = writeln!(out, "{}", l.pick("无变化", "no change"));
    } else {
        let mut rows = vec![vec![
            l.pick("扶持项", "Track").to_string(),
            l.pick("条款", "Clause").to_string(),
            l.pick("之前", "Before").to_string(),
            l.pick("之后", "After").to_string(),
            String::new(),
        ]];
        let amount = |r: Option<Range>| r.map(|r| format!(" {}", r.report(l))).unwrap_or_default();
        for t in &c.tracks {
            rows.push(vec![
                match l {
                    Lang::Zh => t.title.get(l).to_string(),
                    Lang::En => format!("{} `{}`", t.title.get(l), t.id),
                },
                t.clause.clone(),
                format!("{}{}", t.before.label().get(l), amount(t.amount_before)),
                format!("{}{}", t.after.label().get(l), amount(t.amount_after)),
                t.direction.mark().to_string(),
            ]);
        }
        let _ = writeln!(out, "{}", table(rows, l));
    }
    let _ = writeln!(
        out,
        "{}",
        l.pick(
            "金额为扣除区级封顶后的数额; “最高”金额是上限而非承诺。",
            "Amounts are after the district cap; \"up to\" amounts are ceilings, not promises."
        )
    );
    crate::report::terminal::finish(&out, l, crate::report::fit::width())
}

/// The warning shown when the two inputs look like different enterprises.
pub fn different_enterprises_note() -> Text {
    Text::new(
        "注意: 两份问卷的企业名称或信用代码不同, 对比的可能不是同一家企业。",
        "Note: the two questionnaires name different enterprises (name or credit code); the comparison may not be of one factory.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Assessment, Engine, InputInfo};
    use crate::criteria::Status;
    use crate::questionnaire::Questionnaire;

    fn assess(q: &Questionnaire) -> Assessment {
        Engine::default().assess(
            q,
            InputInfo {
                file: "t.yaml".into(),
                sha256: String::new(),
            },
            vec![],
        )
    }

    fn base() -> Questionnaire {
        let mut q = Questionnaire {
            schema_version: 1,
            ..Default::default()
        };
        q.enterprise.name = "x".into();
        q.enterprise.data_year = 2017;
        q.equipment.key_equipment_total = Some(100);
        q.equipment.key_equipment_cnc = Some(60);
        q
    }

    #[test]
    fn identical_inputs_have_no_changes() {
        let a = assess(&base());
        let c = compare(&a, &a);
        assert!(c.same_enterprise);
        assert!(c.tracks.is_empty());
        assert!(c.indicators.iter().all(|i| i.direction == Direction::Same));
        assert_eq!(c.potential.delta, Range::ZERO);
    }

    #[test]
    fn more_cnc_machines_is_better_and_shown_in_points() {
        let before = assess(&base());
        let mut q = base();
        q.equipment.key_equipment_cnc = Some(75);
        let after = assess(&q);
        let c = compare(&before, &after);
        let i = c.indicators.iter().find(|i| i.id == "cnc_ratio").unwrap();
        assert_eq!(i.direction, Direction::Better);
        assert_eq!(i.delta_shown.as_deref(), Some("+15pp"));
        let k = c
            .criteria
            .iter()
            .find(|c| c.id == "automated_digital_enterprise")
            .unwrap()
            .checks
            .iter()
            .find(|k| k.id == "cnc_ratio")
            .unwrap();
        assert_eq!((k.before, k.after), (Status::Met, Status::Met));
        let k = c
            .criteria
            .iter()
            .find(|c| c.id == "digital_workshop")
            .unwrap()
            .checks
            .iter()
            .find(|k| k.id == "cnc_ratio")
            .unwrap();
        assert_eq!(k.direction, Direction::Better);
    }

    #[test]
    fn range_delta_keeps_open_maxima_open() {
        let a = Range::exact(Decimal::from(10));
        let b = Range {
            min: Decimal::from(5),
            max: None,
        };
        assert_eq!(range_delta(a, b).max, None);
        assert_eq!(range_delta(a, a), Range::ZERO);
        assert_eq!(show_delta(range_delta(a, a), Lang::En), "CNY 0");
    }

    #[test]
    fn an_up_to_gain_reads_as_one_amount() {
        let up_to = Range {
            min: Decimal::ZERO,
            max: Some(Decimal::from(1_500_000)),
        };
        assert_eq!(show_delta(up_to, Lang::Zh), "最多 +150.00万元");
        assert_eq!(show_delta(up_to, Lang::En), "up to +CNY 1,500,000");
        let mixed = Range {
            min: Decimal::from(-50_000),
            max: Some(Decimal::from(500_000)),
        };
        assert_eq!(show_delta(mixed, Lang::Zh), "−5.00 – +50.00万元");
    }
}

//! Before/after comparison reports (对比报告): the terminal table, JSON,
//! Markdown and HTML of a [`Comparison`] (computed in [`crate::compare`]).

use super::svg;
use super::templates::render;
use super::terminal::table;
use super::totals;
use super::view::{
    bar_scale, labels, lang_tag, money_text, to_f64, tool_version, track_ref, KEY_INDICATORS,
};
use crate::assess::Assessment;
use crate::compare::{self, Comparison, Direction};
use crate::criteria::show;
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
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

fn level_text(l: Option<u8>, lang: Lang) -> String {
    match l {
        Some(l) => format!("{l} ({})", crate::maturity::level_name(l).get(lang)),
        None => lang.pick("未知", "unknown").to_string(),
    }
}

/// Terminal rendering of a comparison, fitted to `w` display columns.
pub fn terminal(c: &Comparison, l: Lang, w: usize) -> String {
    let mut out = String::new();
    headline(&mut out, c, l);
    indicators(&mut out, c, l, w);
    criteria(&mut out, c, l, w);
    tracks(&mut out, c, l, w);
    let _ = writeln!(
        out,
        "{}",
        l.pick(
            "金额为扣除区级封顶后的数额; “最高”金额是上限而非承诺。",
            "Amounts are after the district cap; \"up to\" amounts are ceilings, not promises."
        )
    );
    super::terminal::finish(&out, l, w)
}

/// Who is compared, the maturity level and the totals, before and after.
fn headline(out: &mut String, c: &Comparison, l: Lang) {
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
}

/// The indicators that changed.
fn indicators(out: &mut String, c: &Comparison, l: Lang, w: usize) {
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
        let _ = writeln!(out, "{}\n", table(rows, l, w));
    }
}

/// Every criterion, and the checks that changed.
fn criteria(out: &mut String, c: &Comparison, l: Lang, w: usize) {
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
    let _ = writeln!(out, "{}\n", table(rows, l, w));
}

/// The subsidy tracks whose status or amount changed.
fn tracks(out: &mut String, c: &Comparison, l: Lang, w: usize) {
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
        let _ = writeln!(out, "{}", table(rows, l, w));
    }
}

/// The warning shown when the two inputs look like different enterprises.
pub fn different_enterprises_note() -> Text {
    Text::new(
        "注意: 两份问卷的企业名称或信用代码不同, 对比的可能不是同一家企业。",
        "Note: the two questionnaires name different enterprises (name or credit code); the comparison may not be of one factory.",
    )
}

#[derive(Debug, Serialize)]
struct SideView {
    file: String,
    sha256: String,
    name: String,
    credit_code: String,
    data_year: i32,
}

#[derive(Debug, Serialize)]
struct Row {
    name: String,
    before: String,
    after: String,
    change: String,
    class: &'static str,
    sub: bool,
}

#[derive(Debug, Serialize)]
struct CompareView {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    /// The notices the two assessments were screened against (the after side's packs).
    subtitle: String,
    before: SideView,
    after: SideView,
    warning: String,
    maturity: Row,
    totals: Vec<Row>,
    indicators: Vec<Row>,
    criteria: Vec<Row>,
    tracks: Vec<Row>,
    date: String,
    tool: String,
}

fn side_view(s: &compare::Side) -> SideView {
    SideView {
        file: s.file.clone(),
        sha256: s.sha256.clone(),
        name: s.name.clone(),
        credit_code: s.credit_code.clone().unwrap_or_else(|| "—".into()),
        data_year: s.data_year,
    }
}

/// The totals by funder and overall, eligible now and with candidates.
fn total_rows(c: &Comparison, l: Lang) -> Vec<Row> {
    let mut totals = Vec::new();
    for (label, tc) in [
        (l.pick("符合项", "Eligible now"), &c.eligible),
        (l.pick("含候选项", "Incl. candidates"), &c.potential),
    ] {
        for f in totals::funders_in(&[&tc.before.by_funder, &tc.after.by_funder]) {
            let b = tc.before.by_funder.get(&f).copied().unwrap_or(Range::ZERO);
            let a = tc.after.by_funder.get(&f).copied().unwrap_or(Range::ZERO);
            let d = tc.delta_by_funder.get(&f).copied().unwrap_or(Range::ZERO);
            totals.push(Row {
                name: format!("{label} · {}", f.label().get(l)),
                before: b.report(l),
                after: a.report(l),
                change: money_text(d, l),
                class: money_class(d),
                sub: true,
            });
        }
        totals.push(Row {
            name: format!("{label} · {}", l.pick("合计", "total")),
            before: tc.before.total.report(l),
            after: tc.after.total.report(l),
            change: money_text(tc.delta, l),
            class: money_class(tc.delta),
            sub: false,
        });
    }
    totals
}

/// Every indicator, before and after.
fn indicator_rows(c: &Comparison, l: Lang) -> Vec<Row> {
    let unknown = l.pick("未知", "unknown");
    c.indicators
        .iter()
        .map(|i| Row {
            name: i.name.get(l).to_string(),
            before: i.before_shown.clone().unwrap_or_else(|| unknown.into()),
            after: i.after_shown.clone().unwrap_or_else(|| unknown.into()),
            change: format!(
                "{} {}",
                i.direction.mark(),
                delta_words(i.delta_shown.as_deref().unwrap_or_default(), l)
            )
            .trim()
            .to_string(),
            class: i.direction.id(),
            sub: false,
        })
        .collect()
}

/// Every criterion, and its checks that changed.
fn criteria_rows(c: &Comparison, l: Lang) -> Vec<Row> {
    c.criteria
        .iter()
        .flat_map(|cr| {
            std::iter::once(Row {
                name: cr.name.get(l).to_string(),
                before: cr.before.label().get(l).to_string(),
                after: cr.after.label().get(l).to_string(),
                change: cr.direction.mark().into(),
                class: cr.direction.id(),
                sub: false,
            })
            .chain(
                cr.checks
                    .iter()
                    .filter(|k| k.direction != Direction::Same || k.actual_before != k.actual_after)
                    .map(|k| Row {
                        name: k.name.get(l).to_string(),
                        before: format!(
                            "{} ({})",
                            k.before.label().get(l),
                            k.actual_before.as_deref().unwrap_or("—")
                        ),
                        after: format!(
                            "{} ({})",
                            k.after.label().get(l),
                            k.actual_after.as_deref().unwrap_or("—")
                        ),
                        change: k.direction.mark().into(),
                        class: k.direction.id(),
                        sub: true,
                    }),
            )
            .collect::<Vec<_>>()
        })
        .collect()
}

/// The tracks whose status or amount changed.
fn track_rows(c: &Comparison, l: Lang) -> Vec<Row> {
    c.tracks
        .iter()
        .map(|t| Row {
            name: format!("{} ({})", t.title.get(l), track_ref(&t.id, &t.clause, l)),
            before: format!(
                "{}{}",
                t.before.label().get(l),
                t.amount_before
                    .map(|r| format!(", {}", r.report(l)))
                    .unwrap_or_default()
            ),
            after: format!(
                "{}{}",
                t.after.label().get(l),
                t.amount_after
                    .map(|r| format!(", {}", r.report(l)))
                    .unwrap_or_default()
            ),
            change: t.direction.mark().into(),
            class: t.direction.id(),
            sub: false,
        })
        .collect()
}

fn compare_view(c: &Comparison, l: Lang, date: &str) -> CompareView {
    let titles: Vec<&str> = c.after.policy_titles.iter().map(|t| t.get(l)).collect();
    CompareView {
        lang: lang_tag(l),
        t: labels(l),
        subtitle: match l {
            Lang::Zh => format!("依据《{}》测算", titles.join("》《")),
            Lang::En => format!("Screened against the {}", titles.join(" and the ")),
        },
        before: side_view(&c.before),
        after: side_view(&c.after),
        warning: if c.same_enterprise {
            String::new()
        } else {
            different_enterprises_note().get(l).to_string()
        },
        maturity: Row {
            name: l.pick("估算成熟度", "Estimated maturity").into(),
            before: level_text(c.maturity.before, l),
            after: level_text(c.maturity.after, l),
            change: c.maturity.direction.mark().into(),
            class: c.maturity.direction.id(),
            sub: false,
        },
        totals: total_rows(c, l),
        indicators: indicator_rows(c, l),
        criteria: criteria_rows(c, l),
        tracks: track_rows(c, l),
        date: date.to_string(),
        tool: tool_version(),
    }
}

fn money_class(d: Range) -> &'static str {
    let top = d.max.unwrap_or(d.min);
    if d.is_zero() {
        "same"
    } else if top > Decimal::ZERO || d.min > Decimal::ZERO {
        "better"
    } else {
        "worse"
    }
}

fn compare_bars(before: &Assessment, after: &Assessment, l: Lang) -> String {
    let rows: Vec<svg::Bar> = KEY_INDICATORS
        .iter()
        .filter_map(|id| Some((before.indicators.get(id)?, after.indicators.get(id)?)))
        .map(|(b, a)| {
            let vals: Vec<Decimal> = b.value.into_iter().chain(a.value).collect();
            let (max, max_shown) = bar_scale(a.unit, None, &vals);
            svg::Bar {
                label: a.name.get(l).to_string(),
                value: a.value.map(to_f64),
                shown: format!(
                    "{} → {}",
                    b.value
                        .map(|v| show(v, b.unit))
                        .unwrap_or_else(|| "?".into()),
                    a.value
                        .map(|v| show(v, a.unit))
                        .unwrap_or_else(|| "?".into())
                ),
                max,
                max_shown,
                markers: vec![],
                before: Some(b.value.map(to_f64).unwrap_or(0.0)),
            }
        })
        .collect();
    svg::bars(
        l.pick("关键指标对比", "Key indicators compared"),
        &rows,
        &[],
        &[
            l.pick("之前", "before").to_string(),
            l.pick("之后", "after").to_string(),
        ],
    )
}

/// A comparison as Markdown, finished for its language.
pub fn markdown(c: &Comparison, lang: Lang, date: &str) -> anyhow::Result<String> {
    let v = compare_view(c, lang, date);
    let text = render(
        "compare.md",
        minijinja::context! { r => minijinja::Value::from_serialize(&v) },
    )?;
    Ok(super::zh_finish(text, lang))
}

/// A comparison as one self-contained HTML file, finished for its language.
pub fn html(
    c: &Comparison,
    before: &Assessment,
    after: &Assessment,
    lang: Lang,
    date: &str,
) -> anyhow::Result<String> {
    let v = compare_view(c, lang, date);
    let text = render(
        "compare.html",
        minijinja::context! {
            r => minijinja::Value::from_serialize(&v),
            bars_svg => minijinja::Value::from_safe_string(compare_bars(before, after, lang)),
        },
    )?;
    Ok(super::zh_finish(text, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_change_reads_as_zero() {
        assert_eq!(show_delta(Range::ZERO, Lang::En), "CNY 0");
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

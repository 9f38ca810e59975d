//! Terminal report (终端报告): tables a consultant reads on screen.

use crate::assess::Assessment;
use crate::criteria::{show, Status};
use crate::lang::Lang;
use crate::money;
use crate::policy::eval::{TrackStatus, Truth};
use crate::policy::pack::{Funder, TrackKind};
use std::fmt::Write as _;
use tabled::settings::Style;
use tabled::{builder::Builder, Table};

/// Options for the terminal report.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Language.
    pub lang: Lang,
    /// ANSI colour (only on a TTY, never with NO_COLOR).
    pub color: bool,
    /// Show every condition of every track that is not plainly ineligible.
    pub explain: bool,
}

fn paint(s: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// A section title on its own line, bold (or yellow for warnings) on a
/// colour terminal.
fn heading(out: &mut String, title: &str, code: &str, color: bool) {
    let _ = writeln!(out, "{}", paint(title, code, color));
}

fn table(rows: Vec<Vec<String>>) -> String {
    let mut b = Builder::default();
    for r in rows {
        b.push_record(r);
    }
    let mut t: Table = b.build();
    t.with(Style::rounded());
    t.to_string()
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Met => "32",
        Status::NotMet => "31",
        Status::Unknown => "33",
        Status::NotApplicable => "90",
    }
}

/// Render an assessment.
pub fn render(a: &Assessment, o: Options) -> String {
    let l = o.lang;
    let mut out = String::new();
    let e = &a.enterprise;
    heading(
        &mut out,
        l.pick("智造评估报告", "zhizao assessment"),
        "1",
        o.color,
    );
    let _ = writeln!(
        out,
        "{}: {}{} · {} · {} · {} {}",
        l.pick("企业", "Enterprise"),
        crate::textsafe::echo(&e.name),
        e.credit_code
            .as_deref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default(),
        e.sector_label.get(l),
        match e.production_mode {
            crate::questionnaire::ProductionMode::Discrete => l.pick("离散型", "discrete"),
            crate::questionnaire::ProductionMode::Process => l.pick("流程型", "process"),
        },
        l.pick("数据年度", "data year"),
        e.data_year
    );
    let _ = writeln!(
        out,
        "{}: {} · {} {} · {} {} · SHA-256 {}",
        l.pick("输入", "Input"),
        a.input.file,
        l.pick("政策包", "policy pack"),
        format_args!("{} {}", a.packs.policy_id, a.packs.policy_version),
        l.pick("标准包", "criteria pack"),
        format_args!("{} {}", a.packs.criteria_id, a.packs.criteria_version),
        &a.input.sha256.get(..12).unwrap_or("")
    );
    out.push('\n');

    // Maturity.
    let m = &a.maturity;
    let level = match (m.level, &m.level_name, m.score) {
        (Some(lv), Some(name), Some(score)) => format!(
            "{} {lv} ({}) · {} {}",
            l.pick("等级", "level"),
            name.get(l),
            l.pick("得分", "score"),
            score.round_dp(2).normalize()
        ),
        _ => l
            .pick(
                "无法估算: 缺少自评",
                "cannot be estimated: no self-assessment",
            )
            .to_string(),
    };
    let _ = writeln!(
        out,
        "{}: {level}",
        paint(
            l.pick(
                "估算成熟度 (非认证)",
                "Estimated maturity (not a certification)"
            ),
            "1",
            o.color
        )
    );
    if !m.unrated.is_empty() {
        let _ = writeln!(
            out,
            "  {}: {}",
            l.pick(
                "未自评的领域按 0 计, 等级为下限",
                "domains not rated count as 0, so the level is a lower bound"
            ),
            m.unrated.join(", ")
        );
    }
    for d in m.domains.iter().filter(|d| d.capped) {
        let _ = writeln!(
            out,
            "  {}: {} {} → {}",
            d.id,
            l.pick(
                "自评等级受客观指标限制",
                "self-rating capped by the objective indicator"
            ),
            d.self_level.unwrap_or(0),
            d.level
        );
    }
    out.push('\n');

    // Indicators.
    heading(&mut out, l.pick("指标", "Indicators"), "1", o.color);
    let mut rows = vec![vec![
        l.pick("指标", "Indicator").to_string(),
        l.pick("数值", "Value").to_string(),
        l.pick("公式 / 缺少", "Formula / missing").to_string(),
    ]];
    for i in &a.indicators.0 {
        rows.push(vec![
            i.name.get(l).to_string(),
            match i.value {
                Some(v) => show(v, i.unit),
                None => l.pick("未知", "unknown").to_string(),
            },
            if i.missing.is_empty() {
                i.formula.to_string()
            } else {
                format!("{}: {}", l.pick("缺少", "missing"), i.missing.join(", "))
            },
        ]);
    }
    let _ = writeln!(out, "{}\n", table(rows));

    // Criteria.
    heading(&mut out, l.pick("评估标准", "Criteria"), "1", o.color);
    let mut rows = vec![vec![
        l.pick("目标", "Target").to_string(),
        l.pick("检查项", "Check").to_string(),
        l.pick("结论", "Result").to_string(),
        l.pick("实际", "Actual").to_string(),
        l.pick("要求", "Required").to_string(),
        l.pick("差距 / 缺少", "Gap / missing").to_string(),
    ]];
    for c in &a.criteria {
        rows.push(vec![
            c.name.get(l).to_string(),
            String::new(),
            paint(c.status.label().get(l), status_code(c.status), o.color),
            String::new(),
            String::new(),
            String::new(),
        ]);
        for k in &c.checks {
            rows.push(vec![
                String::new(),
                format!("{}{}", k.name.get(l), if k.reference { " [R]" } else { "" }),
                paint(k.status.label().get(l), status_code(k.status), o.color),
                k.actual.clone().unwrap_or_else(|| "—".into()),
                k.required.clone(),
                match (&k.gap, k.missing.is_empty()) {
                    (Some(g), _) => g.get(l).to_string(),
                    (None, false) => {
                        format!("{}: {}", l.pick("缺少", "missing"), k.missing.join(", "))
                    }
                    _ => String::new(),
                },
            ]);
        }
    }
    let _ = writeln!(out, "{}", table(rows));
    let _ = writeln!(
        out,
        "{}\n",
        l.pick(
            "[R] 为参考阈值 (未找到官方认定标准), 可在标准包中修改",
            "[R] marks reference thresholds (no official recognition criteria were found); change them in the criteria pack"
        )
    );

    // Subsidies.
    heading(&mut out, l.pick("扶持政策", "Subsidy tracks"), "1", o.color);
    if let Some(n) = &a.packs.validity_note {
        let _ = writeln!(out, "{}\n", paint(n.get(l), "33", o.color));
    }
    let mut rows = vec![vec![
        l.pick("状态", "Status").to_string(),
        l.pick("扶持项", "Track").to_string(),
        l.pick("条款", "Clause").to_string(),
        l.pick("金额 (封顶前)", "Amount (before cap)").to_string(),
        l.pick("省", "Province").to_string(),
        l.pick("市", "City").to_string(),
        l.pick("区", "District").to_string(),
    ]];
    let order = [
        TrackStatus::Eligible,
        TrackStatus::Candidate,
        TrackStatus::Near,
        TrackStatus::MissingData,
    ];
    let mut hidden = 0;
    for s in order {
        for t in a.subsidies.iter().filter(|t| t.status == s) {
            let amount = match (t.kind, t.amount) {
                (_, Some(r)) => r.show(l),
                (TrackKind::TaxBenefit, None) => l
                    .pick("税收优惠 (非资金)", "tax benefit (not money)")
                    .into(),
                (TrackKind::Equity, None) => {
                    l.pick("股权投资 (非补助)", "equity (not a grant)").into()
                }
                (TrackKind::NonMonetary, None) => {
                    l.pick("非资金支持", "non-monetary support").into()
                }
                _ => match (&t.missing.is_empty(), t.status) {
                    (false, _) => {
                        format!("{}: {}", l.pick("缺少", "missing"), t.missing.join(", "))
                    }
                    _ => "—".into(),
                },
            };
            let funder = |f: Funder| t.by_funder.get(&f).map(|r| r.show(l)).unwrap_or_default();
            let color = match s {
                TrackStatus::Eligible => "32",
                TrackStatus::Candidate => "36",
                TrackStatus::Near => "33",
                _ => "90",
            };
            let near_gap = if s == TrackStatus::Near {
                t.conditions
                    .iter()
                    .filter_map(|c| c.gap.as_ref())
                    .map(|g| g.get(l).to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            } else {
                String::new()
            };
            rows.push(vec![
                paint(t.status.label().get(l), color, o.color),
                format!("{} `{}`", t.title.get(l), t.id),
                t.clause.clone(),
                if near_gap.is_empty() {
                    amount
                } else {
                    near_gap
                },
                funder(Funder::Province),
                format!("{}", funder(Funder::City)),
                format!(
                    "{}{}",
                    funder(Funder::District),
                    if t.district_before_cap.is_some() {
                        " *"
                    } else {
                        ""
                    }
                ),
            ]);
        }
    }
    for t in &a.subsidies {
        if !order.contains(&t.status) {
            hidden += 1;
        }
    }
    let _ = writeln!(out, "{}", table(rows));
    let _ = writeln!(
        out,
        "{} {hidden} {}",
        l.pick("另有", "Another"),
        l.pick(
            "项不符合或不在有效期 (--explain 或 JSON 可见)",
            "tracks do not apply or are not in force (see --explain or JSON)"
        )
    );
    let tot = |t: &crate::policy::eval::Totals| {
        Funder::ALL
            .iter()
            .map(|f| format!("{} {}", f.label().get(l), t.by_funder[f].show(l)))
            .collect::<Vec<_>>()
            .join(" · ")
            + &format!(" · {} {}", l.pick("合计", "total"), t.total.show(l))
    };
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("符合项合计", "Eligible total"),
        tot(&a.totals.eligible)
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("含候选项合计", "Incl. candidates"),
        tot(&a.totals.potential)
    );
    if let Some(dc) = &a.district_cap {
        match dc.cap {
            Some(cap) => {
                let _ = writeln!(
                    out,
                    "{} ({}): {}; {} {} → {}{}",
                    l.pick("区级奖励上限", "District cap"),
                    dc.clause,
                    money::fmt(cap, l),
                    l.pick("区级份额", "district shares"),
                    dc.before.show(l),
                    dc.after.show(l),
                    if dc.binding {
                        format!(
                            " ({}: {})",
                            l.pick("已封顶 *", "cap binds *"),
                            dc.cut.join(", ")
                        )
                    } else {
                        String::new()
                    }
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}",
                    paint(
                        l.pick(
                            "区级奖励上限: 缺少 enterprise.new_tax_district_retained_wan, 区级金额未封顶",
                            "District cap: enterprise.new_tax_district_retained_wan is missing, district amounts are shown uncapped"
                        ),
                        "33",
                        o.color
                    )
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "{}",
        l.pick(
            "“最高”金额是上限而非承诺; “不少于”金额只有下限。",
            "\"Up to\" amounts are ceilings, not promises; \"at least\" amounts have no stated maximum."
        )
    );

    if o.explain {
        out.push('\n');
        heading(&mut out, l.pick("逐项说明", "Explanations"), "1", o.color);
        for t in &a.subsidies {
            let _ = writeln!(
                out,
                "\n[{}] {} `{}` — {} {}",
                t.status.label().get(l),
                t.title.get(l),
                t.id,
                l.pick("条款", "clause"),
                t.clause
            );
            for (label, list) in [
                (l.pick("符合条件", "eligible when"), &t.conditions),
                (
                    l.pick("候选条件", "candidate when"),
                    &t.candidate_conditions,
                ),
            ] {
                if list.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "  {label}:");
                for c in list {
                    let mark = match c.truth {
                        Truth::Yes => "✓",
                        Truth::No if c.near => "≈",
                        Truth::No => "✗",
                        Truth::Unknown => "?",
                    };
                    let _ = writeln!(
                        out,
                        "    {mark} {} = {} ({} {})",
                        c.label
                            .as_ref()
                            .map(|x| x.get(l).to_string())
                            .unwrap_or_else(|| c.fact.clone()),
                        c.actual
                            .clone()
                            .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                        l.pick("要求", "required"),
                        c.required
                    );
                }
            }
            for s in &t.explanation {
                let _ = writeln!(out, "  = {}", s.get(l));
            }
            for note in super::track_notes(t, l, true) {
                let _ = writeln!(out, "  {note}");
            }
        }
    }
    if !a.references.is_empty() {
        out.push('\n');
        heading(
            &mut out,
            l.pick("对标参考", "Reference figures"),
            "1",
            o.color,
        );
        for c in &a.references {
            let unit = a
                .indicators
                .get(&c.indicator)
                .map(|i| i.unit)
                .unwrap_or(crate::indicators::Unit::Count);
            let _ = writeln!(
                out,
                "  {}: {} · {} {} ({}) {} · {}",
                a.indicators
                    .get(&c.indicator)
                    .map(|i| i.name.get(l).to_string())
                    .unwrap_or_else(|| c.indicator.clone()),
                show(c.value, unit),
                c.scope.get(l),
                show(c.reference, unit),
                c.year,
                c.ratio
                    .map(|r| format!(
                        "= {}%",
                        (r * rust_decimal::Decimal::ONE_HUNDRED).round_dp(0)
                    ))
                    .unwrap_or_default(),
                c.source
            );
        }
    }
    if !a.warnings.is_empty() {
        out.push('\n');
        heading(&mut out, l.pick("警告", "Warnings"), "33", o.color);
        for w in &a.warnings {
            let _ = writeln!(out, "{}", w.render(l, None));
        }
    }
    out
}

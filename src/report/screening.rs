//! Terminal summary of a screening run (筛选汇总); the screening itself is
//! in [`crate::screen`].

use super::terminal::table;
use super::totals;
use crate::lang::Lang;
use crate::money::{self, Range};
use crate::policy::pack::Funder;
use crate::screen::targets::TargetLine;
use crate::screen::{Aggregates, Packs, Ranking, Rejected};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Show a dashboard value in its unit.
pub fn show_value(v: Decimal, unit: &str) -> String {
    match unit {
        "ratio" => format!("{}%", (v * Decimal::ONE_HUNDRED).round_dp(1).normalize()),
        _ => v.round_dp(1).normalize().to_string(),
    }
}

fn ranking_rows(r: &Ranking, l: Lang) -> Vec<Vec<String>> {
    r.top
        .iter()
        .enumerate()
        .map(|(i, c)| {
            vec![
                (i + 1).to_string(),
                crate::textsafe::echo(&c.name),
                l.pick(c.sector.zh(), c.sector.en()).to_string(),
                c.level.map(|x| x.to_string()).unwrap_or_else(|| "—".into()),
                c.score
                    .map(|x| format!("{x:.2}"))
                    .unwrap_or_else(|| "—".into()),
                c.cnc_ratio
                    .map(|x| format!("{:.1}%", x * 100.0))
                    .unwrap_or_else(|| "—".into()),
                c.potential_max
                    .map(|m| money::report(m, l))
                    .unwrap_or_else(|| "—".into()),
                crate::textsafe::echo(&c.file),
            ]
        })
        .collect()
}

fn ranking(out: &mut String, title: &str, r: &Ranking, l: Lang, w: usize) {
    let _ = writeln!(out, "{title} ({} {})", r.count, l.pick("家", "firms"));
    if r.top.is_empty() {
        let _ = writeln!(out, "  —\n");
        return;
    }
    let mut rows = vec![vec![
        "#".to_string(),
        l.pick("企业", "Enterprise").into(),
        l.pick("产业", "Sector").into(),
        l.pick("等级", "Level").into(),
        l.pick("得分", "Score").into(),
        l.pick("数控化率", "CNC ratio").into(),
        l.pick("可获支持上限", "Support (max)").into(),
        l.pick("文件", "File").into(),
    ]];
    rows.extend(ranking_rows(r, l));
    let _ = writeln!(out, "{}\n", table(rows, l, w));
}

/// What a screening summary is made from.
pub struct Screening<'a> {
    /// The aggregates of the run.
    pub aggregates: &'a Aggregates,
    /// Progress towards the district targets.
    pub dashboard: &'a [TargetLine],
    /// Files that could not be used.
    pub rejected: &'a [Rejected],
    /// Notes on the run (mixed data years, duplicates …).
    pub notes: &'a [crate::lang::Text],
    /// The policy packs screened against.
    pub packs: &'a Packs<'a>,
}

/// Render the summary, fitted to `w` display columns.
pub fn render(s: &Screening, l: Lang, w: usize) -> String {
    let a = s.aggregates;
    let mut out = String::new();
    header(&mut out, a, s.packs, l);
    sectors(&mut out, a, l, w);
    targets(&mut out, s.dashboard, l, w);
    rankings(&mut out, a, l, w);
    budget(&mut out, a, s.packs, l, w);
    rejected_files(&mut out, s.rejected, l, w);
    for n in s.notes {
        let _ = writeln!(out, "{}: {}", l.pick("注", "note"), n.get(l));
    }
    super::terminal::finish(&out, l, w)
}

fn header(out: &mut String, a: &Aggregates, packs: &Packs, l: Lang) {
    let _ = writeln!(out, "{}", l.pick("智造批量筛选", "zhizao screening"));
    let list = packs.list();
    // One pack: its id and version end the counts line, as they always did;
    // several: each on a line of its own, with its title.
    let (label, shown) = match list {
        [one] => (
            l.pick("政策包", "policy pack"),
            format!("{} {}", one.id, one.version),
        ),
        _ => (
            l.pick("政策包", "policy packs"),
            format!("({})", list.len()),
        ),
    };
    let _ = writeln!(
        out,
        "{}: {} · {}: {} · {}: {} · {} {}",
        // A workbook holds one questionnaire per row: what is counted is
        // submissions (files and workbook rows), not files.
        l.pick("问卷", "submissions"),
        a.files,
        l.pick("已评估", "assessed"),
        a.assessed,
        l.pick("未能使用", "rejected"),
        a.rejected,
        label,
        shown
    );
    if list.len() > 1 {
        for p in list {
            let title = crate::textsafe::terminal_safe(p.title.get(l));
            let _ = writeln!(out, "  - {} {} · {title}", p.id, p.version);
        }
    }
    out.push('\n');
}

/// Counts by sector.
fn sectors(out: &mut String, a: &Aggregates, l: Lang, w: usize) {
    let mut rows = vec![vec![
        l.pick("产业", "Sector").to_string(),
        l.pick("企业", "Firms").into(),
        l.pick("规上", "规上").into(),
        l.pick("规上自动化数字化", "规上 automated & digital")
            .into(),
        l.pick("数字化车间水平", "Digital-workshop level").into(),
        l.pick("产值 (亿元)", "Output (亿元)").into(),
    ]];
    for (s, x) in &a.sectors {
        rows.push(vec![
            l.pick(s.zh(), s.en()).into(),
            x.enterprises.to_string(),
            x.above_designated_size.to_string(),
            x.automated_digital_above.to_string(),
            x.digital_workshop_level.to_string(),
            (x.output_wan / Decimal::from(10_000))
                .round_dp(2)
                .to_string(),
        ]);
    }
    let _ = writeln!(out, "{}\n", table(rows, l, w));
}

fn targets(out: &mut String, dashboard: &[TargetLine], l: Lang, w: usize) {
    let _ = writeln!(out, "{}", l.pick("区级目标进度", "District targets"));
    let mut rows = vec![vec![
        l.pick("目标", "Target").to_string(),
        l.pick("现状", "Now").into(),
        l.pick("目标值", "Target").into(),
        l.pick("完成度", "Progress").into(),
        l.pick("依据", "Basis").into(),
        l.pick("条款", "Clause").into(),
    ]];
    for t in dashboard {
        rows.push(vec![
            format!("{} ({})", t.label.get(l), t.year),
            t.actual
                .map(|v| show_value(v, t.unit))
                .unwrap_or_else(|| "—".into()),
            show_value(t.target, t.unit),
            t.progress
                .map(|p| format!("{}%", (p * Decimal::ONE_HUNDRED).round_dp(0)))
                .unwrap_or_else(|| "—".into()),
            t.basis.get(l).into(),
            t.clause.clone(),
        ]);
    }
    let _ = writeln!(out, "{}\n", table(rows, l, w));
}

fn rankings(out: &mut String, a: &Aggregates, l: Lang, w: usize) {
    ranking(
        out,
        l.pick("智能工厂认定候选", "Smart-factory recognition candidates"),
        &a.smart_factory_candidates,
        l,
        w,
    );
    ranking(
        out,
        l.pick(
            "数字化车间认定候选",
            "Digital-workshop recognition candidates",
        ),
        &a.digital_workshop_candidates,
        l,
        w,
    );
    for (s, r) in &a.demonstration {
        let title = format!(
            "{} · {}",
            l.pick("示范项目候选", "Demonstration-project candidates"),
            l.pick(s.zh(), s.en())
        );
        ranking(out, &title, r, l, w);
    }
}

/// The budget forecast: per track, then the totals by funder.
fn budget(out: &mut String, a: &Aggregates, packs: &Packs, l: Lang, w: usize) {
    let funders = totals::funders_in(&[&a.eligible_by_funder, &a.potential_by_funder]);
    let _ = writeln!(
        out,
        "{}",
        l.pick(
            "资金预测 (已按企业逐一执行区级封顶)",
            "Budget forecast (district cap applied per enterprise)"
        )
    );
    let mut rows = vec![vec![
        l.pick("扶持项", "Track").to_string(),
        l.pick("符合", "Eligible").into(),
        l.pick("候选", "Candidates").into(),
        l.pick("接近", "Near").into(),
    ]
    .into_iter()
    .chain(funders.iter().map(|f| totals::funder_header(f, l)))
    .collect()];
    for (id, b) in &a.budget {
        if b.eligible + b.candidate + b.near == 0 {
            continue;
        }
        let f = |x: &Funder| {
            b.potential_by_funder
                .get(x)
                .filter(|r| !r.is_zero())
                .map(|r| r.report(l))
                .unwrap_or_default()
        };
        // A reader of Chinese output gets the track's title; English output
        // keeps the id a bureau's scripts and the JSON use.
        let name = match l {
            Lang::Zh => packs
                .track(id)
                .map_or_else(|| id.clone(), |t| t.title.zh.to_string()),
            Lang::En => id.clone(),
        };
        rows.push(
            [
                name,
                b.eligible.to_string(),
                b.candidate.to_string(),
                b.near.to_string(),
            ]
            .into_iter()
            .chain(funders.iter().map(f))
            .collect(),
        );
    }
    let _ = writeln!(out, "{}", table(rows, l, w));
    budget_totals(out, a, &funders, l);
}

/// The budget's totals by funder, the district's matching funds and the
/// firms the district cap touches.
fn budget_totals(out: &mut String, a: &Aggregates, funders: &[Funder], l: Lang) {
    let tot = |m| totals::by_funder_line(funders, m, l);
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("符合项合计", "Eligible"),
        tot(&a.eligible_by_funder)
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("含候选项合计", "Incl. candidates"),
        tot(&a.potential_by_funder)
    );
    // Only when a pack pays through the district (the 2016 notice does).
    let district = Funder::standard("district");
    if funders.contains(&district) {
        let _ = writeln!(
            out,
            "{}: {}",
            l.pick(
                "区级配套资金合计 (含候选)",
                "District matching funds (incl. candidates)"
            ),
            a.potential_by_funder
                .get(&district)
                .copied()
                .unwrap_or(Range::ZERO)
                .report(l)
        );
    }
    let _ = writeln!(
        out,
        "{}: {} · {}: {}\n",
        l.pick("区级封顶生效的企业", "Firms where the district cap binds"),
        a.district_cap_binding,
        l.pick(
            "缺少新增税收区留成数据的企业",
            "Firms without the district-cap figure"
        ),
        a.district_cap_missing
    );
    if a.beyond_horizon > 0 {
        let _ = writeln!(
            out,
            "{}: {}\n",
            l.pick(
                "注意：数据年度晚于政策包期限的企业（金额照常计算，请先确认政策仍在执行）",
                "Note: firms whose data year is after the policy pack's horizon (computed as usual; check the policy is still applied)"
            ),
            a.beyond_horizon
        );
    }
}

fn rejected_files(out: &mut String, rejected: &[Rejected], l: Lang, w: usize) {
    if !rejected.is_empty() {
        let _ = writeln!(
            out,
            "{} ({})",
            l.pick("未能使用的文件", "Files not used"),
            rejected.len()
        );
        let mut rows = vec![vec![
            l.pick("文件", "File").to_string(),
            l.pick("位置", "Where").into(),
            l.pick("原因", "Reason").into(),
        ]];
        for r in rejected {
            rows.push(vec![
                r.file.clone(),
                match (r.line, r.column) {
                    (Some(a), Some(b)) => format!("{a}:{b}"),
                    (Some(a), None) => a.to_string(),
                    _ => String::new(),
                },
                format!(
                    "{}{}{}",
                    r.path
                        .as_deref()
                        .map(|p| format!("{p}: "))
                        .unwrap_or_default(),
                    r.reason.get(l),
                    if r.errors > 1 {
                        format!(" (+{})", r.errors - 1)
                    } else {
                        String::new()
                    }
                ),
            ]);
        }
        let _ = writeln!(out, "{}", table(rows, l, w));
    }
}

//! Terminal report (终端报告): tables a consultant reads on screen.

use super::fields;
use super::totals::CapLine;
use crate::assess::Assessment;
use crate::criteria::Status;
use crate::lang::Lang;
use crate::policy::eval::{DistrictCapResult, TrackStatus, Truth};
use crate::policy::pack::{Funder, TrackKind};
use std::fmt::Write as _;

mod levels;

/// Options for the terminal report.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Language.
    pub lang: Lang,
    /// ANSI colour (only on a TTY, never with NO_COLOR).
    pub color: bool,
    /// Show every condition of every track that is not plainly ineligible.
    pub explain: bool,
    /// Display columns to fit ([`super::fit::width`]).
    pub width: usize,
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

/// A table fitted to `width`, its cells in Chinese typography under zh
/// (before layout, so full-width marks are measured). The one table of
/// every terminal view (assessment, comparison, screening summary).
pub fn table(rows: Vec<Vec<String>>, l: Lang, width: usize) -> String {
    let rows = rows
        .into_iter()
        .map(|r| r.into_iter().map(|c| typeset(c, l)).collect())
        .collect();
    super::fit::table(rows, width)
}

/// Chinese punctuation for zh text ([`super::zh::punct`]); en unchanged.
pub fn typeset(s: String, l: Lang) -> String {
    match l {
        Lang::Zh => super::zh::punct(&s).into_owned(),
        Lang::En => s,
    }
}

/// The finished text: prose lines in Chinese typography, every line that
/// is wider than the terminal wrapped (tables are already fitted).
pub fn finish(out: &str, l: Lang, width: usize) -> String {
    let typeset: String = out
        .split_inclusive('\n')
        .map(|line| match line.chars().next() {
            Some('╭' | '│' | '├' | '╰') => line.to_string(),
            _ => typeset(line.to_string(), l),
        })
        .collect();
    super::fit::lines(&typeset, width)
}

/// A gap without the comparison the Actual and Required columns already
/// show: "关键装备数控化率 35% < 50%: 还需 18 台…" → "还需 18 台…".
fn short_gap(gap: &str, actual: Option<&str>) -> String {
    match (gap.split_once(": "), actual) {
        (Some((head, rest)), Some(a)) if head.contains(a) && !rest.is_empty() => rest.to_string(),
        _ => gap.to_string(),
    }
}

/// A track's title with its reference mark ([S]), and its id in English
/// (for `policy show`); the id is an internal name a Chinese reader does
/// not need.
fn track_name(t: &crate::policy::eval::TrackResult, l: Lang) -> String {
    let mark = super::track_mark(t);
    match l {
        Lang::Zh => format!("{}{mark}", t.title.get(l)),
        Lang::En => format!("{}{mark} `{}`", t.title.get(l), t.id),
    }
}

/// The track cell of the tracks table: the name, and under it the
/// document the track rests on (文号, date) when its pack names one.
fn track_cell(t: &crate::policy::eval::TrackResult, l: Lang) -> String {
    match &t.document {
        Some(d) => format!("{}\n{}", track_name(t, l), d.get(l)),
        None => track_name(t, l),
    }
}

fn status_code(s: Status) -> &'static str {
    match s {
        Status::Met => "32",
        Status::NotMet => "31",
        Status::Unknown => "33",
        Status::NotApplicable => "90",
    }
}

/// A track's amount; in the terminal an unknown amount names what is
/// missing (the reports have a note column for that).
fn amount_cell(t: &crate::policy::eval::TrackResult, l: Lang) -> String {
    match (t.kind, t.amount) {
        (TrackKind::Grant | TrackKind::Award, None) if !t.missing.is_empty() => format!(
            "{}: {}",
            l.pick("缺少", "missing"),
            fields::list(&t.missing, l)
        ),
        _ => super::track_amount(t, l),
    }
}

/// Render an assessment.
pub fn render(a: &Assessment, o: Options) -> String {
    render_with_plans(a, &crate::roadmap::levels::LevelPlans::default(), o)
}

/// Render an assessment with the level part of its roadmap (等级提升),
/// printed right after the level sections.
pub fn render_with_plans(
    a: &Assessment,
    plans: &crate::roadmap::levels::LevelPlans,
    o: Options,
) -> String {
    let mut out = String::new();
    for section in [header, maturity, levels::section] {
        section(&mut out, a, o);
    }
    levels::plans(&mut out, plans, o);
    for section in [
        indicators,
        criteria,
        tracks,
        money,
        explanations,
        references,
        warnings,
    ] {
        section(&mut out, a, o);
    }
    finish(&out, o.lang, o.width)
}

/// The title, the enterprise and the input (file, packs, hash).
fn header(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    let e = &a.enterprise;
    heading(
        out,
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
        crate::textsafe::echo(&a.input.file),
        l.pick("政策包", "policy pack"),
        a.packs.policy_ids(),
        l.pick("标准包", "criteria pack"),
        format_args!("{} {}", a.packs.criteria_id, a.packs.criteria_version),
        &a.input.sha256.get(..12).unwrap_or("")
    );
    out.push('\n');
}

/// The estimated maturity level and what limits it.
fn maturity(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
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
            m.unrated
                .iter()
                .map(|d| crate::roadmap::domain_name(d).get(l).to_string())
                .collect::<Vec<_>>()
                .join(l.pick("、", ", "))
        );
    }
    for d in m.domains.iter().filter(|d| d.capped) {
        let _ = writeln!(
            out,
            "  {}: {} {} → {}",
            crate::roadmap::domain_name(d.id).get(l),
            l.pick(
                "自评等级受客观指标限制",
                "self-rating capped by the objective indicator"
            ),
            d.self_level.unwrap_or(0),
            d.level
        );
    }
    out.push('\n');
}

/// The indicators table.
fn indicators(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    heading(out, l.pick("指标", "Indicators"), "1", o.color);
    // The formula column is long; it belongs to --explain. The missing
    // column shows only when something is missing.
    let any_missing = a.indicators.0.iter().any(|i| !i.missing.is_empty());
    let mut header = vec![
        l.pick("指标", "Indicator").to_string(),
        l.pick("数值", "Value").to_string(),
    ];
    if any_missing {
        header.push(l.pick("缺少", "Missing").to_string());
    }
    if o.explain {
        header.push(l.pick("公式", "Formula").to_string());
    }
    let mut rows = vec![header];
    for i in &a.indicators.0 {
        let mut row = vec![
            i.name.get(l).to_string(),
            match i.value {
                Some(v) => super::units::indicator(v, i.unit, l),
                None => l.pick("未知", "unknown").to_string(),
            },
        ];
        if any_missing {
            row.push(fields::list(&i.missing, l));
        }
        if o.explain {
            row.push(super::units::formula(i.formula, i.name.get(l), l));
        }
        rows.push(row);
    }
    let _ = writeln!(out, "{}\n", table(rows, o.lang, o.width));
}

/// The criteria and their checks.
fn criteria(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    heading(out, l.pick("评估标准", "Criteria"), "1", o.color);
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
                    (Some(g), _) => short_gap(&fields::humanize(g.get(l), l), k.actual.as_deref()),
                    (None, false) => {
                        format!(
                            "{}: {}",
                            l.pick("缺少", "missing"),
                            fields::list(&k.missing, l)
                        )
                    }
                    _ => String::new(),
                },
            ]);
        }
    }
    let _ = writeln!(out, "{}", table(rows, o.lang, o.width));
    let _ = writeln!(
        out,
        "{}\n",
        l.pick(
            "[R] 为参考阈值 (未找到官方认定标准), 可在标准包中修改",
            "[R] marks reference thresholds (no official recognition criteria were found); change them in the criteria pack"
        )
    );
}

/// The subsidy tracks that apply or nearly apply, by status.
fn tracks(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    heading(out, l.pick("扶持政策", "Subsidy tracks"), "1", o.color);
    for n in a.packs.validity_notes(l) {
        let _ = writeln!(out, "{}\n", paint(&n, "33", o.color));
    }
    let funders = super::totals::funders(a);
    let mut rows = vec![vec![
        l.pick("状态", "Status").to_string(),
        l.pick("扶持项", "Track").to_string(),
        l.pick("条款", "Clause").to_string(),
        l.pick("金额 (封顶前)", "Amount (before cap)").to_string(),
    ]
    .into_iter()
    .chain(funders.iter().map(|f| super::totals::funder_header(f, l)))
    .collect()];
    let order = [
        TrackStatus::Eligible,
        TrackStatus::Candidate,
        TrackStatus::Near,
        TrackStatus::MissingData,
    ];
    let mut hidden = 0;
    for s in order {
        for t in a.subsidies.iter().filter(|t| t.status == s) {
            let amount = amount_cell(t, l);
            // The district share carries a * when the cap cut it.
            let funder = |f: &Funder| {
                let cut = super::totals::cut(t, f);
                let shown = t.by_funder.get(f).map(|r| r.report(l)).unwrap_or_default();
                format!("{shown}{}", if cut { " *" } else { "" })
            };
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
                    .map(|g| fields::humanize(g.get(l), l))
                    .collect::<Vec<_>>()
                    .join(l.pick("；", "; "))
            } else {
                String::new()
            };
            rows.push(
                [
                    paint(t.status.label().get(l), color, o.color),
                    track_cell(t, l),
                    t.clause.clone(),
                    if near_gap.is_empty() {
                        amount
                    } else {
                        near_gap
                    },
                ]
                .into_iter()
                .chain(funders.iter().map(funder))
                .collect(),
            );
        }
    }
    for t in &a.subsidies {
        if !order.contains(&t.status) {
            hidden += 1;
        }
    }
    let _ = writeln!(out, "{}", table(rows, o.lang, o.width));
    let _ = writeln!(
        out,
        "{} {hidden} {}",
        l.pick("另有", "Another"),
        l.pick(
            "项不符合或不在有效期 (--explain 或 JSON 可见)",
            "tracks do not apply or are not in force (see --explain or JSON)"
        )
    );
    let shown = a.subsidies.iter().filter(|t| order.contains(&t.status));
    for line in super::track_legend(shown, l) {
        let _ = writeln!(out, "{line}");
    }
}

/// The totals by funder, the district cap and the notes on amounts.
fn money(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    let funders = super::totals::funders(a);
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("符合项合计", "Eligible total"),
        super::totals::totals_line(&funders, &a.totals.eligible, l)
    );
    let _ = writeln!(
        out,
        "{}: {}",
        l.pick("含候选项合计", "Incl. candidates"),
        super::totals::totals_line(&funders, &a.totals.potential, l)
    );
    for dc in super::totals::caps(a) {
        cap_lines(out, a, dc, o);
    }
    let _ = writeln!(
        out,
        "{}",
        l.pick(
            "“最高”金额是上限而非承诺; “不少于”金额只有下限。",
            "\"Up to\" amounts are ceilings, not promises; \"at least\" amounts have no stated maximum."
        )
    );
    let note = super::rounding_note(a, l);
    if !note.is_empty() {
        let _ = writeln!(out, "{note}");
    }
}

/// One pack's cap: its line, why it did not apply, the eligible-only run
/// and (with --explain) the readings it rests on.
fn cap_lines(out: &mut String, a: &Assessment, dc: &DistrictCapResult, o: Options) {
    let l = o.lang;
    match super::totals::cap_line(a, dc, l) {
        CapLine::Uncapped(text) => {
            // As the reports finish Chinese text: the field by its name.
            let text = match l {
                Lang::Zh => fields::humanize(&text, l),
                Lang::En => text,
            };
            let _ = writeln!(out, "{}", paint(&text, "33", o.color));
        }
        CapLine::Capped {
            head,
            binding,
            trigger,
            eligible,
        } => {
            let _ = writeln!(out, "{head}{}", binding.unwrap_or_default());
            for n in trigger.iter().chain(&eligible) {
                let _ = writeln!(out, "  {n}");
            }
            // The pack-wide readings (cap trigger, matching shares) the cap rests on.
            let cap = Some(crate::policy::pack::PackPart::DistrictCap);
            for r in a
                .packs
                .readings
                .iter()
                .filter(|r| o.explain && r.affects == cap)
            {
                let _ = writeln!(out, "  {}", r.line(l));
            }
        }
    }
}

/// Every condition of every track (`--explain`).
fn explanations(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    if o.explain {
        out.push('\n');
        heading(out, l.pick("逐项说明", "Explanations"), "1", o.color);
        for t in &a.subsidies {
            let _ = writeln!(
                out,
                "\n[{}] {} — {} {}",
                t.status.label().get(l),
                track_name(t, l),
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
                            .unwrap_or_else(|| fields::humanize(&c.fact, l)),
                        c.actual_text
                            .as_ref()
                            .map(|t| t.get(l).to_string())
                            .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                        l.pick("要求", "required"),
                        c.required_text.get(l)
                    );
                }
            }
            for s in &t.explanation {
                let _ = writeln!(out, "  = {}", fields::humanize(s.get(l), l));
            }
            for note in super::track_notes(t, l, true) {
                let _ = writeln!(out, "  {}", fields::humanize(&note, l));
            }
            for r in &t.readings {
                let _ = writeln!(out, "  {}", r.line(l));
            }
        }
    }
}

/// The indicators beside national, IFR and Quanzhou reference figures.
fn references(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    if !a.references.is_empty() {
        out.push('\n');
        heading(out, l.pick("对标参考", "Reference figures"), "1", o.color);
        for c in &a.references {
            let unit = a
                .indicators
                .get(&c.indicator)
                .map(|i| i.unit)
                .unwrap_or(crate::indicators::Unit::Count);
            let _ = writeln!(
                out,
                "  {}: {} · {} {} ({}){} · {}",
                a.indicators
                    .get(&c.indicator)
                    .map(|i| i.name.get(l).to_string())
                    .unwrap_or_else(|| c.indicator.clone()),
                super::units::indicator(c.value, unit, l),
                c.scope.get(l),
                super::units::indicator(c.reference, unit, l),
                c.year,
                c.ratio
                    .and_then(super::units::share)
                    .map(|s| format!(" = {s}"))
                    .unwrap_or_default(),
                source_for(&c.source, l)
            );
        }
        if l == Lang::Zh {
            let _ = writeln!(out, "  {}", SOURCE_TAGS_ZH);
        }
    }
}

/// Validation warnings.
fn warnings(out: &mut String, a: &Assessment, o: Options) {
    let l = o.lang;
    if !a.warnings.is_empty() {
        out.push('\n');
        heading(out, l.pick("警告", "Warnings"), "33", o.color);
        for w in &a.warnings {
            let _ = writeln!(out, "{}", w.render(l, None));
        }
    }
}

/// What the source tags of the reference figures mean, for zh readers (the
/// sources themselves are in English in `benchmarks/reference.yaml`).
pub const SOURCE_TAGS_ZH: &str =
    "出处标记: [N] 全国统计与 IFR 数据 · [Q] 泉州市规划 · [P 条款] 鲤城区实施意见; 出处全文见英文报告或 JSON 输出";

/// A reference figure's source: in full in English; in Chinese only its
/// tags ("[Q][P 二(一)]"), since the source text is English.
pub fn source_for(source: &str, l: Lang) -> String {
    match l {
        Lang::En => source.to_string(),
        Lang::Zh => {
            let mut tags = String::new();
            let mut rest = source.trim_start();
            while let Some(end) = rest.strip_prefix('[').and_then(|r| r.find(']')) {
                tags.push_str(&rest[..end + 2]);
                rest = rest[end + 2..].trim_start();
            }
            tags
        }
    }
}

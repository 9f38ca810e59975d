//! View models of the Markdown and HTML reports (报告视图): every text is
//! localised and every number formatted here, so the templates only lay
//! out. Strings from the questionnaire stay raw here; the HTML templates
//! escape them (minijinja auto-escaping) and the Markdown templates through
//! the `md` filter.

mod charts;
mod indicators;
mod labels;
mod levels;
mod plan;
mod tracks;

use crate::assess::Assessment;
use crate::compare::TrackChange;
use crate::criteria::{show, Status};
use crate::indicators::Unit;
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use crate::policy::eval::{ConditionResult, TrackResult, TrackStatus, Truth};
use crate::policy::pack::{Funder, TrackKind};
use crate::questionnaire::{NextLevelFit, ProductionMode};
use crate::roadmap::{self, Cost, Roadmap, Step, TargetPlan, Unlocks};
use crate::whatif::Override;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::svg;
use super::templates::render;
use super::totals::{self, CapLine};

pub use super::date::{report_date, report_date_from};
use charts::*;
pub(in crate::report) use charts::{bar_scale, to_f64, KEY_INDICATORS};
use indicators::*;
use labels::*;
pub(in crate::report) use labels::{labels, lang_tag, tool_version};
use plan::*;
pub(in crate::report) use plan::{money_text, track_ref};
use tracks::*;

/// Everything a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The assessment.
    pub assessment: &'a Assessment,
    /// Its roadmap.
    pub roadmap: &'a Roadmap,
    /// What-if overrides (empty for a plain report).
    pub overrides: &'a [Override],
    /// Language.
    pub lang: Lang,
    /// Report date (YYYY-MM-DD).
    pub date: &'a str,
    /// The consultant's profile, when given (`--profile`).
    pub profile: Option<&'a super::profile::Profile>,
}

#[derive(Debug, Serialize)]
struct EnterpriseView {
    name: String,
    credit_code: String,
    sector: String,
    mode: String,
    data_year: i32,
    above_size: String,
}

#[derive(Debug, Serialize)]
struct AuditView {
    file: String,
    sha256: String,
    policy: String,
    criteria: String,
    date: String,
    tool: String,
    validity_note: String,
}

#[derive(Debug, Serialize)]
struct OverrideView {
    path: String,
    before: String,
    after: String,
}

#[derive(Debug, Serialize)]
struct Verdict {
    name: String,
    status: String,
    class: &'static str,
}

#[derive(Debug, Serialize)]
struct MoneyRow {
    funder: String,
    eligible: String,
    potential: String,
    strong: bool,
}

#[derive(Debug, Serialize)]
struct SummaryView {
    level: String,
    level_name: String,
    score: String,
    notes: Vec<String>,
    verdicts: Vec<Verdict>,
    money: Vec<MoneyRow>,
    cap_note: String,
    /// Where 万元 figures are rounded, and where the exact ones are.
    money_note: String,
}

/// The consultant's profile as shown: label and value pairs, the logo as a
/// data URI.
#[derive(Debug, Serialize)]
struct ProfileView {
    rows: Vec<(String, String)>,
    logo: String,
    confidentiality: String,
    sign_off: String,
}

fn profile_view(p: Option<&super::profile::Profile>, l: Lang) -> Option<ProfileView> {
    use base64::Engine as _;
    let p = p?;
    let rows = [
        (l.pick("咨询机构", "Consulting firm"), &p.firm),
        (l.pick("顾问", "Consultant"), &p.consultant),
        (l.pick("企业联系人", "Client contact"), &p.client_contact),
        (l.pick("现场调研日期", "Site visit"), &p.visit_date),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.clone().map(|v| (k.to_string(), v)))
    .collect();
    Some(ProfileView {
        rows,
        logo: p
            .logo_png
            .as_ref()
            .map(|b| {
                format!(
                    "data:image/png;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(b)
                )
            })
            .unwrap_or_default(),
        confidentiality: p.confidentiality.clone().unwrap_or_default(),
        sign_off: p.sign_off.clone().unwrap_or_default(),
    })
}

#[derive(Debug, Serialize)]
struct ReportView {
    lang: &'static str,
    t: BTreeMap<&'static str, &'static str>,
    /// The notice the report screens against, by the policy pack's title.
    subtitle: String,
    /// The bar chart's caption, with the targets' year from the targets pack.
    bars_caption: String,
    /// The three roadmap targets with the best value for effort.
    exec: Vec<ExecItem>,
    /// Who made the report and for whom.
    profile: Option<ProfileView>,
    enterprise: EnterpriseView,
    audit: AuditView,
    overrides: Vec<OverrideView>,
    summary: SummaryView,
    /// 数字化水平 and 智能工厂梯度 (empty when no level pack applied).
    levels: levels::LevelsView,
    indicators: Vec<IndicatorView>,
    criteria: Vec<CriterionView>,
    roadmap: RoadmapView,
    /// The funder columns of the track tables (省 / 市 / 区).
    funder_headers: Vec<String>,
    track_groups: Vec<TrackGroup>,
    other_tracks: Vec<String>,
    /// Legend of the reference tags ([S] …) of the tracks listed.
    track_legend: Vec<String>,
    totals_eligible: String,
    totals_potential: String,
    cap_line: String,
    explain: ExplainView,
    warnings: Vec<String>,
}

/// Notes under the maturity level: unrated domains, capped self-ratings.
fn maturity_notes(m: &crate::maturity::Maturity, l: Lang) -> Vec<String> {
    let mut notes = vec![];
    if !m.unrated.is_empty() {
        notes.push(format!(
            "{}: {}",
            l.pick(
                "未自评的领域按 0 计, 等级为下限",
                "domains not rated count as 0, so the level is a lower bound"
            ),
            m.unrated
                .iter()
                .map(|d| roadmap::domain_name(d).get(l).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for d in m.domains.iter().filter(|d| d.capped) {
        notes.push(format!(
            "{}: {} {} → {}",
            roadmap::domain_name(d.id).get(l),
            l.pick(
                "自评等级受客观指标限制",
                "self-rating capped by the objective indicator"
            ),
            d.self_level.unwrap_or(0),
            d.level
        ));
    }
    notes
}

/// Support by funder, eligible now and with candidates, and the total.
fn money_rows(a: &Assessment, funders: &[Funder], l: Lang) -> Vec<MoneyRow> {
    funders
        .iter()
        .map(|f| MoneyRow {
            funder: f.label().get(l).to_string(),
            eligible: a
                .totals
                .eligible
                .by_funder
                .get(f)
                .copied()
                .unwrap_or(Range::ZERO)
                .report(l),
            potential: a
                .totals
                .potential
                .by_funder
                .get(f)
                .copied()
                .unwrap_or(Range::ZERO)
                .report(l),
            strong: false,
        })
        .chain(std::iter::once(MoneyRow {
            funder: l.pick("合计", "Total").to_string(),
            eligible: a.totals.eligible.total.report(l),
            potential: a.totals.potential.total.report(l),
            strong: true,
        }))
        .collect()
}

fn enterprise_view(a: &Assessment, l: Lang) -> EnterpriseView {
    let e = &a.enterprise;
    EnterpriseView {
        name: e.name.clone(),
        credit_code: e.credit_code.clone().unwrap_or_else(|| "—".into()),
        sector: e.sector_label.get(l).to_string(),
        mode: mode_label(e.production_mode).get(l).to_string(),
        data_year: e.data_year,
        above_size: match e.above_designated_size {
            Some(true) => l.pick("是", "yes"),
            Some(false) => l.pick("否", "no"),
            None => l.pick("未知", "unknown"),
        }
        .to_string(),
    }
}

/// What ties the report to its input, packs, date and tool.
fn audit_view(r: &ReportInput) -> AuditView {
    let (a, l) = (r.assessment, r.lang);
    AuditView {
        file: a.input.file.clone(),
        sha256: a.input.sha256.clone(),
        policy: a.packs.policy_ids(),
        criteria: format!("{} {}", a.packs.criteria_id, a.packs.criteria_version),
        date: r.date.to_string(),
        tool: tool_version(),
        validity_note: a.packs.validity_notes(l).join(l.pick("；", "; ")),
    }
}

fn summary_view(a: &Assessment, funders: &[Funder], l: Lang) -> SummaryView {
    let m = &a.maturity;
    SummaryView {
        level: m.level.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
        level_name: m
            .level_name
            .as_ref()
            .map(|n| n.get(l).to_string())
            .unwrap_or_else(|| {
                l.pick(
                    "无法估算: 缺少自评",
                    "cannot be estimated: no self-assessment",
                )
                .into()
            }),
        score: m
            .score
            .map(|s| s.round_dp(2).normalize().to_string())
            .unwrap_or_else(|| "—".into()),
        notes: maturity_notes(m, l),
        verdicts: a
            .criteria
            .iter()
            .map(|c| Verdict {
                name: c.name.get(l).to_string(),
                status: c.status.label().get(l).to_string(),
                class: status_class(c.status),
            })
            .collect(),
        money: money_rows(a, funders, l),
        cap_note: CapLine::one_line(a, l),
        money_note: super::rounding_note(a, l).to_string(),
    }
}

fn report_view(r: &ReportInput) -> ReportView {
    let (a, l) = (r.assessment, r.lang);
    let funders = totals::funders(a);
    let (track_groups, other_tracks) = track_views(a, l);
    ReportView {
        lang: lang_tag(l),
        t: labels(l),
        exec: exec_items(r.roadmap, l),
        profile: profile_view(r.profile, l),
        bars_caption: bars_caption(a, l),
        subtitle: match l {
            Lang::Zh => format!("依据《{}》测算", a.packs.policy_titles(l).join("》《")),
            Lang::En => format!(
                "Screened against the {}",
                a.packs.policy_titles(l).join(" and the ")
            ),
        },
        enterprise: enterprise_view(a, l),
        audit: audit_view(r),
        overrides: r
            .overrides
            .iter()
            .map(|o| OverrideView {
                path: o.path.clone(),
                before: o.before.clone().unwrap_or_else(|| "—".into()),
                after: o.after.clone(),
            })
            .collect(),
        summary: summary_view(a, &funders, l),
        levels: levels::levels_view(&a.levels, l),
        indicators: indicator_views(a, l),
        criteria: criteria_views(a, l),
        roadmap: roadmap_view(r.roadmap, l),
        funder_headers: funders
            .iter()
            .map(|f| totals::funder_header(f, l))
            .collect(),
        track_groups,
        other_tracks,
        track_legend: super::track_legend(
            a.subsidies.iter().filter(|t| SHOWN.contains(&t.status)),
            l,
        ),
        totals_eligible: totals::totals_line(&funders, &a.totals.eligible, l),
        totals_potential: totals::totals_line(&funders, &a.totals.potential, l),
        cap_line: CapLine::one_line(a, l),
        explain: explain_view(a, l),
        warnings: a.warnings.iter().map(|w| w.render(l, None)).collect(),
    }
}

/// Render the assessment report as Markdown.
pub fn markdown(r: &ReportInput) -> anyhow::Result<String> {
    let v = report_view(r);
    render(
        "report.md",
        minijinja::context! { r => minijinja::Value::from_serialize(&v) },
    )
}

/// The report's view model as JSON (labels under `t`, every text already
/// localised and every number formatted): what the DOCX writer lays out,
/// so it shows the same sections as the HTML.
pub fn report_value(r: &ReportInput) -> serde_json::Value {
    serde_json::to_value(report_view(r)).unwrap_or_default()
}

/// The two charts of the report as SVG: the maturity radar and the
/// indicator bars.
pub fn chart_svgs(r: &ReportInput) -> (String, String) {
    charts(r.assessment, r.lang)
}

/// Render the assessment report as one self-contained HTML file.
pub fn html(r: &ReportInput) -> anyhow::Result<String> {
    let v = report_view(r);
    let (radar, bars) = charts(r.assessment, r.lang);
    render(
        "report.html",
        minijinja::context! {
            r => minijinja::Value::from_serialize(&v),
            radar_svg => minijinja::Value::from_safe_string(radar),
            bars_svg => minijinja::Value::from_safe_string(bars),
        },
    )
}

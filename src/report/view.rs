//! View models of the Markdown and HTML reports (报告视图): every text is
//! localised and every number formatted here, so the templates only lay
//! out. Strings from the questionnaire stay raw here; the HTML templates
//! escape them (minijinja auto-escaping) and the Markdown templates through
//! the `md` filter.

use crate::assess::{Assessment, Engine};
use crate::compare::{self, Comparison, Direction, TrackChange};
use crate::criteria::{show, Status};
use crate::indicators::Unit;
use crate::lang::{Lang, Text};
use crate::money::{self, Range};
use crate::policy::eval::{ConditionResult, TrackResult, TrackStatus, Truth};
use crate::policy::pack::{Funder, TrackKind};
use crate::questionnaire::{NextLevelFit, ProductionMode};
use crate::roadmap::{self, Cost, Roadmap, Step, TargetPlan, Unlocks};
use crate::whatif::Override;
use minijinja::{Environment, UndefinedBehavior};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::svg;

/// Everything a report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ReportInput<'a> {
    /// The assessment.
    pub assessment: &'a Assessment,
    /// Its roadmap.
    pub roadmap: &'a Roadmap,
    /// What-if overrides (empty for a plain report).
    pub overrides: &'a [Override],
    /// The packs used.
    pub engine: &'a Engine,
    /// Language.
    pub lang: Lang,
    /// Report date (YYYY-MM-DD).
    pub date: &'a str,
    /// The consultant's profile, when given (`--profile`).
    pub profile: Option<&'a super::profile::Profile>,
}

/// The report date: `--date` when given, else `ZHIZAO_REPORT_DATE` when set
/// (for reproducible output), else today in the machine's time zone (a
/// report made at 07:30 in Quanzhou carries that day, not yesterday's UTC
/// date). A `--date` that is not a calendar date is an error.
pub fn report_date_from(arg: Option<&str>) -> Result<String, String> {
    if let Some(d) = arg {
        return chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d")
            .map(|d| d.format("%Y-%m-%d").to_string())
            .map_err(|_| d.to_string());
    }
    Ok(report_date())
}

/// The report date without `--date`: `ZHIZAO_REPORT_DATE`, else today's
/// local date.
pub fn report_date() -> String {
    if let Ok(d) = std::env::var("ZHIZAO_REPORT_DATE") {
        let d = d.trim();
        if !d.is_empty() {
            return d.to_string();
        }
    }
    chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string()
}

/// Proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Labels (zh, en) used by the templates as `t.<key>`.
const LABELS: &[(&str, &str, &str)] = &[
    ("title", "智能制造评估报告", "Smart-manufacturing assessment report"),
    ("subtitle", "依据鲤城区 2016 年贯彻落实泉州制造 2025 的实施意见测算", "Screened against the 2016 Licheng notice implementing \"Quanzhou Manufacturing 2025\""),
    ("enterprise", "企业", "Enterprise"),
    ("credit_code", "统一社会信用代码", "Credit code"),
    ("sector", "产业", "Sector"),
    ("mode", "生产方式", "Production"),
    ("data_year", "数据年度", "Data year"),
    ("above_size", "规上企业", "Above designated size"),
    ("summary", "概要", "Summary"),
    ("exec", "执行摘要: 性价比最高的三项行动", "Executive summary: the three actions with the best value for effort"),
    ("exec_note", "按路线图“解锁扶持上限 ÷ 成本”排序; 扶持含候选项, 已计区级封顶; 详见升级路线图。", "Ordered as in the roadmap (upper end of the support unlocked ÷ cost); support includes candidates, after the district cap; details in the upgrade roadmap."),
    ("exec_money", "新增扶持 (按出资方)", "Support unlocked (by funder)"),
    ("exec_reaches", "达到", "Reaches"),
    ("maturity", "估算成熟度", "Estimated maturity"),
    ("not_certified", "估算值, 不是认证结论", "an estimate, not a certification"),
    ("level", "等级", "Level"),
    ("score", "得分", "Score"),
    ("verdicts", "评估结论", "Verdicts"),
    ("support", "可获扶持 (按出资方)", "Support by funder"),
    ("funder", "出资方", "Funder"),
    ("eligible", "符合项", "Eligible now"),
    ("potential", "含候选项", "Incl. candidates"),
    ("total", "合计", "Total"),
    ("charts", "图表", "Charts"),
    ("radar_caption", "各能力域估算等级 (GB/T 39116, 12 个能力域, 0–5 级)", "Estimated level of each capability domain (GB/T 39116, 12 domains, levels 0–5)"),
    ("bars_caption", "关键指标与评估标准阈值、区 2020 年目标", "Key indicators against the criteria thresholds and the district's 2020 targets"),
    ("indicators", "指标", "Indicators"),
    ("indicator", "指标", "Indicator"),
    ("value", "数值", "Value"),
    ("formula", "公式", "Formula"),
    ("computation", "计算", "Computation"),
    ("chart", "图示", "Chart"),
    ("criteria", "评估标准与差距", "Criteria and gaps"),
    ("check", "检查项", "Check"),
    ("result", "结论", "Result"),
    ("actual", "实际", "Actual"),
    ("required", "要求", "Required"),
    ("gap", "差距 / 缺少", "Gap / missing"),
    ("source", "出处", "Source"),
    ("r_note", "[R] 为参考阈值 (未找到官方认定标准), 可在标准包中修改。", "[R] marks reference thresholds (no official recognition criteria were found); they can be changed in the criteria pack."),
    ("roadmap", "升级路线图", "Upgrade roadmap"),
    ("roadmap_intro", "每一步都经过模拟: 复制问卷、实施该步、重新评估, 所以“解锁”的标准、扶持项和金额就是本工具对升级后企业的结论。目标按“解锁金额上限 ÷ 成本”排序; 没有成本数字的目标其次, 不解锁金额的最后。", "Every step is simulated: the questionnaire is copied, the step applied and the factory assessed again, so what a step \"unlocks\" is exactly what this tool would conclude after the upgrade. Targets are ordered by value for effort (upper end of the money unlocked ÷ cost); targets without a cost figure follow, and those that unlock no money come last."),
    ("roadmap_none", "所有目标均已达到。", "Every target is reached."),
    ("target", "目标", "Target"),
    ("now", "现状", "Now"),
    ("steps", "步骤", "Steps"),
    ("action", "行动", "Action"),
    ("cost", "成本", "Cost"),
    ("unlocks", "单独实施时解锁", "Unlocks on its own"),
    ("all_steps", "全部步骤合计", "All steps together"),
    ("money_unlocked", "新增扶持 (含候选)", "Support unlocked (incl. candidates)"),
    ("ratio", "扶持/成本 (上限)", "Support per cost (upper end)"),
    ("reached", "可达到", "reaches the target"),
    ("not_reached", "仍不能达到", "does not reach the target"),
    ("tracks_changed", "扶持项变化", "Tracks that change"),
    ("criteria_met", "达到的标准", "Criteria met"),
    ("fill_in", "须先补充的数据", "Fill in first"),
    ("loses", "副作用: 不再满足", "Side effect: no longer met"),
    ("unit_costs", "单位成本", "Unit costs"),
    ("unit", "单位", "Unit"),
    ("per_unit", "每单位", "Per unit"),
    ("cost_source", "来源", "Source"),
    ("cost_note", "成本 = 数量 × 单位成本。单位成本取自问卷 cost_estimates, 没有时用标准包的默认估算值 (标为“估算”); 两者都没有的行动不计成本。组织改进 (自评等级、三降两升) 没有单位成本。", "Cost = size × unit cost. Unit costs come from the questionnaire's cost_estimates, else from the criteria pack's defaults (marked \"estimate\"); an action with neither is not costed. Organisational steps (self-assessment levels, 三降两升 results) have no unit cost."),
    ("tracks", "扶持政策", "Subsidy tracks"),
    ("track", "扶持项", "Track"),
    ("clause", "条款", "Clause"),
    ("kind", "类型", "Kind"),
    ("amount", "金额 (封顶前)", "Amount (before cap)"),
    ("province", "省", "Province"),
    ("city", "市", "City"),
    ("district", "区", "District"),
    ("note", "说明", "Note"),
    ("other_tracks", "其他扶持项 (不符合或不在有效期)", "Other tracks (not eligible or not in force)"),
    ("ceiling_note", "“最高”金额是上限而非承诺; “不少于”金额只有下限。* 表示区级份额已按区级奖励上限封顶。", "\"Up to\" amounts are ceilings, not promises; \"at least\" amounts have no stated maximum. * marks a district share cut by the district cap."),
    ("explain", "数字说明", "How each number was computed"),
    ("maturity_scores", "成熟度各级得分", "Maturity level scores"),
    ("domain", "能力域", "Domain"),
    ("self_rated", "自评", "Self-rated"),
    ("objective", "客观指标支持", "Objective indicator supports"),
    ("used", "采用", "Used"),
    ("next_fit", "上一级满足程度", "Next level"),
    ("conditions", "条件", "Conditions"),
    ("warnings", "警告", "Warnings"),
    ("audit", "审计信息", "Audit trail"),
    ("input_file", "输入文件", "Input file"),
    ("sha256", "输入 SHA-256", "Input SHA-256"),
    ("policy_pack", "政策包", "Policy pack"),
    ("criteria_pack", "标准包", "Criteria pack"),
    ("report_date", "报告日期", "Report date"),
    ("tool", "工具", "Tool"),
    ("whatif", "假设分析: 以下数值已用 --set 覆盖, 不是问卷原值", "What-if: these values were overridden with --set; they are not the questionnaire's own"),
    ("path", "字段", "Field"),
    ("in_file", "问卷原值", "In the file"),
    ("set_to", "设为", "Set to"),
    ("disclaimer", "本报告由 zhizao 依据问卷自动生成。成熟度为估算, 数字化车间/智能工厂标准为参考值, 金额为政策上限或区间; 是否认定、是否拨付以主管部门为准。", "Generated by zhizao from the questionnaire. The maturity level is an estimate, the digital-workshop / smart-factory criteria are reference values, amounts are the policy's ceilings or ranges; recognition and payment are for the authorities to decide."),
    ("unknown", "未知", "unknown"),
    ("missing", "缺少", "missing"),
    ("none", "无", "none"),
    ("compare_title", "智能制造对比报告", "Smart-manufacturing comparison report"),
    ("before", "之前", "Before"),
    ("after", "之后", "After"),
    ("change", "变化", "Change"),
    ("compare_bars_caption", "关键指标: 之前 (灰) 与之后 (蓝)", "Key indicators: before (grey) and after (blue)"),
    ("unchanged", "无变化", "no change"),
    ("amount_after_cap", "金额 (封顶后)", "Amount (after cap)"),
    ("compare_note", "金额为区级封顶后的数额; “最高”金额是上限而非承诺; ▲ 更好, ▼ 更差。", "Amounts are after the district cap; \"up to\" amounts are ceilings, not promises; ▲ better, ▼ worse."),
];

fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(k, zh, en)| (*k, lang.pick(zh, en)))
        .collect()
}

/// Indicators drawn as bars.
pub const KEY_INDICATORS: [&str; 6] = [
    "cnc_ratio",
    "networking_rate",
    "robot_density",
    "automation_rate",
    "equipment_digitization_rate",
    "auto_data_collection_rate",
];

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotMet => "not-met",
        Status::Unknown => "unknown",
        Status::NotApplicable => "na",
    }
}

fn mode_label(m: ProductionMode) -> Text {
    match m {
        ProductionMode::Discrete => Text::new("离散型", "discrete"),
        ProductionMode::Process => Text::new("流程型", "process"),
    }
}

fn kind_label(k: TrackKind) -> Text {
    match k {
        TrackKind::Grant => Text::new("补助", "grant"),
        TrackKind::Award => Text::new("奖励", "award"),
        TrackKind::TaxBenefit => Text::new("税收优惠", "tax benefit"),
        TrackKind::Equity => Text::new("股权投资", "equity"),
        TrackKind::NonMonetary => Text::new("非资金支持", "non-monetary"),
    }
}

fn action_kind_name(kind: &str) -> Text {
    match kind {
        "cnc_unit" => Text::new("数控化", "CNC"),
        "robot" => Text::new("机器人", "robots"),
        "network_connection" => Text::new("设备联网", "networking"),
        "digital_equipment" => Text::new("设备数字化", "equipment digitisation"),
        "process_automation" => Text::new("工序自动化", "process automation"),
        "process_data" => Text::new("数据采集", "data collection"),
        "system" => Text::new("信息系统", "information systems"),
        "integrate" => Text::new("系统集成", "system integration"),
        "results" => Text::new("三降两升", "results (三降两升)"),
        "maturity" => Text::new("成熟度", "maturity"),
        _ => Text::new(kind.to_string(), kind.to_string()),
    }
}

fn wan(x: Decimal, l: Lang) -> String {
    money::report(x * Decimal::from(10_000), l)
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

// ---------------------------------------------------------------- views --

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

#[derive(Debug, Serialize)]
struct IndicatorView {
    id: &'static str,
    name: String,
    value: String,
    formula: String,
    computation: String,
    bar: String,
}

#[derive(Debug, Serialize)]
struct CheckView {
    name: String,
    reference: bool,
    status: String,
    class: &'static str,
    actual: String,
    required: String,
    gap: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct CriterionView {
    name: String,
    status: String,
    class: &'static str,
    source: String,
    checks: Vec<CheckView>,
}

#[derive(Debug, Serialize)]
struct StepView {
    what: String,
    kind: String,
    organisational: bool,
    cost: String,
    unlocks: String,
    lost: String,
    tracks: String,
    money: String,
    ratio: String,
}

#[derive(Debug, Serialize)]
struct TargetView {
    rank: usize,
    name: String,
    status: String,
    class: &'static str,
    reached: bool,
    reached_text: String,
    cost: String,
    money: String,
    ratio: String,
    criteria: String,
    maturity: String,
    tracks: Vec<String>,
    lost: String,
    missing: String,
    steps: Vec<StepView>,
}

#[derive(Debug, Serialize)]
struct UnitCostView {
    kind: String,
    unit: String,
    wan: String,
    source: String,
}

#[derive(Debug, Serialize)]
struct RoadmapView {
    targets: Vec<TargetView>,
    unit_costs: Vec<UnitCostView>,
}

#[derive(Debug, Serialize)]
struct TrackView {
    title: String,
    id: String,
    clause: String,
    kind: String,
    amount: String,
    province: String,
    city: String,
    district: String,
    note: String,
}

#[derive(Debug, Serialize)]
struct TrackGroup {
    status: String,
    class: &'static str,
    tracks: Vec<TrackView>,
}

#[derive(Debug, Serialize)]
struct ConditionView {
    mark: &'static str,
    label: String,
    actual: String,
    required: String,
}

#[derive(Debug, Serialize)]
struct TrackExplain {
    title: String,
    id: String,
    status: String,
    class: &'static str,
    conditions: Vec<ConditionView>,
    /// Each line as spans: prose, or a command set as code.
    lines: Vec<Vec<SpanView>>,
}

/// A piece of a report line; `code` for a command the reader can type
/// (`--reading …`), which the templates set as code.
#[derive(Debug, Serialize)]
struct SpanView {
    text: String,
    code: bool,
}

impl SpanView {
    fn prose(text: String) -> Vec<SpanView> {
        vec![SpanView { text, code: false }]
    }

    fn of(spans: Vec<crate::policy::eval::Span>) -> Vec<SpanView> {
        use crate::policy::eval::Span;
        spans
            .into_iter()
            .map(|s| match s {
                Span::Text(text) => SpanView { text, code: false },
                Span::Command(text) => SpanView { text, code: true },
            })
            .collect()
    }
}

#[derive(Debug, Serialize)]
struct DomainView {
    name: String,
    self_rated: String,
    objective: String,
    used: String,
    next: String,
}

#[derive(Debug, Serialize)]
struct ExplainView {
    level_scores: Vec<String>,
    domains: Vec<DomainView>,
    tracks: Vec<TrackExplain>,
}

/// One of the best actions of the executive summary (执行摘要): a roadmap
/// target with its cost, the support it unlocks by funder and the criteria
/// it reaches.
#[derive(Debug, Serialize)]
struct ExecItem {
    rank: usize,
    name: String,
    cost: String,
    money: String,
    by_funder: String,
    reaches: String,
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
    /// The three roadmap targets with the best value for effort.
    exec: Vec<ExecItem>,
    /// Who made the report and for whom.
    profile: Option<ProfileView>,
    enterprise: EnterpriseView,
    audit: AuditView,
    overrides: Vec<OverrideView>,
    summary: SummaryView,
    indicators: Vec<IndicatorView>,
    criteria: Vec<CriterionView>,
    roadmap: RoadmapView,
    track_groups: Vec<TrackGroup>,
    other_tracks: Vec<String>,
    totals_eligible: String,
    totals_potential: String,
    cap_line: String,
    explain: ExplainView,
    warnings: Vec<String>,
}

fn lang_tag(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

fn tool_version() -> String {
    format!("zhizao {}", env!("CARGO_PKG_VERSION"))
}

fn text_bar(v: Option<f64>, max: f64) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            let n = ((v / max).clamp(0.0, 1.0) * 20.0).round() as usize;
            format!("{}{}", "█".repeat(n), "░".repeat(20 - n))
        }
    }
}

fn nice_max(x: f64) -> f64 {
    let x = x.max(1.0) * 1.15;
    let mag = 10f64.powf(x.log10().floor());
    for m in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * mag >= x {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Thresholds for an indicator: (criterion index, threshold).
fn thresholds(engine: &Engine, id: &str, mode: ProductionMode) -> Vec<(usize, Decimal)> {
    let mut v = Vec::new();
    for (ci, c) in engine.criteria.criteria.iter().enumerate() {
        for k in &c.checks {
            if k.indicator.as_deref() == Some(id)
                && !(k.discrete_only && mode == ProductionMode::Process)
            {
                if let Some(t) = k.at_least {
                    v.push((ci, t));
                }
            }
        }
    }
    v
}

fn district_target(id: &str, mode: ProductionMode) -> Option<Decimal> {
    if mode == ProductionMode::Process {
        return None;
    }
    // District 2020 targets that are indicator values, from the targets
    // data (鲤城区实施意见 二(一), key discrete 规上 manufacturers) [P].
    let key = match id {
        "cnc_ratio" => "cnc_ratio_key_discrete",
        "robot_density" => "robot_density",
        _ => return None,
    };
    crate::screen::targets::shipped()
        .targets
        .get(key)
        .map(|t| t.value)
}

fn bar_scale(unit: Unit, value: Option<Decimal>, marks: &[Decimal]) -> (f64, String) {
    if unit == Unit::Ratio {
        return (1.0, "100%".into());
    }
    let top = marks
        .iter()
        .copied()
        .chain(value)
        .map(to_f64)
        .fold(0.0, f64::max);
    let m = nice_max(top);
    (m, format!("{m}"))
}

/// Short names of the criteria for chart legends.
fn criteria_legend(engine: &Engine, l: Lang) -> Vec<String> {
    let mut v: Vec<String> = engine
        .criteria
        .criteria
        .iter()
        .take(3)
        .map(|c| c.name.get(l).to_string())
        .collect();
    v.push(
        l.pick(
            "区 2020 年目标 [P 二(一)]",
            "District 2020 target [P 二(一)]",
        )
        .into(),
    );
    v
}

/// The radar and bar charts of an assessment.
fn charts(a: &Assessment, engine: &Engine, l: Lang) -> (String, String) {
    let ratings = &engine.criteria.maturity.ratings;
    let fit = |n: NextLevelFit| match n {
        NextLevelFit::Most => ratings.most,
        NextLevelFit::Part => ratings.part,
        NextLevelFit::None => ratings.none,
    };
    let axes: Vec<svg::RadarAxis> = crate::questionnaire::SelfAssessment::DOMAINS
        .iter()
        .map(|d| {
            let r = a.maturity.domains.iter().find(|x| x.id == *d);
            svg::RadarAxis {
                label: roadmap::domain_name(d).get(l).to_string(),
                value: r
                    .map(|r| {
                        f64::from(r.level)
                            + if r.level < 5 {
                                to_f64(fit(r.next))
                            } else {
                                0.0
                            }
                    })
                    .unwrap_or(0.0),
                self_rated: r
                    .filter(|r| r.capped)
                    .and_then(|r| r.self_level)
                    .map(f64::from),
            }
        })
        .collect();
    let target = a.maturity.level.filter(|x| *x < 5).map(|x| x + 1);
    let radar = svg::radar(
        &axes,
        target,
        &svg::RadarLegend {
            effective: l
                .pick(
                    "估算等级 (含下一级满足程度)",
                    "estimated level (incl. share of the next)",
                )
                .into(),
            self_rated: l
                .pick("自评 (受客观指标限制)", "self-rated (capped by indicator)")
                .into(),
            target: target
                .map(|t| format!("{} {t}", l.pick("下一级", "next level")))
                .unwrap_or_default(),
            title: l.pick("成熟度雷达图", "Maturity radar").into(),
        },
    );
    let mode = a.enterprise.production_mode;
    let rows: Vec<svg::Bar> = KEY_INDICATORS
        .iter()
        .filter_map(|id| a.indicators.get(id))
        .map(|i| {
            let th = thresholds(engine, i.id.as_str(), mode);
            let dt = district_target(i.id.as_str(), mode);
            let marks: Vec<Decimal> = th.iter().map(|x| x.1).chain(dt).collect();
            let (max, max_shown) = bar_scale(i.unit, i.value, &marks);
            let names = criteria_legend(engine, l);
            let mut markers: Vec<svg::Marker> = th
                .iter()
                .map(|(ci, t)| svg::Marker {
                    value: to_f64(*t),
                    series: (*ci).min(2),
                    title: format!(
                        "{} ≥ {}",
                        names.get(*ci).cloned().unwrap_or_default(),
                        show(*t, i.unit)
                    ),
                })
                .collect();
            if let Some(t) = dt {
                markers.push(svg::Marker {
                    value: to_f64(t),
                    series: 3,
                    title: format!("{} {}", names[3], show(t, i.unit)),
                });
            }
            svg::Bar {
                label: i.name.get(l).to_string(),
                value: i.value.map(to_f64),
                shown: i
                    .value
                    .map(|v| show(v, i.unit))
                    .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                max,
                max_shown,
                markers,
                before: None,
            }
        })
        .collect();
    let bars = svg::bars(
        l.pick("关键指标", "Key indicators"),
        &rows,
        &criteria_legend(engine, l),
        &[],
    );
    (radar, bars)
}

fn track_amount(t: &TrackResult, l: Lang) -> String {
    match (t.kind, t.amount) {
        (_, Some(r)) => r.report(l),
        (TrackKind::TaxBenefit, None) => l
            .pick("税收优惠 (非资金)", "tax benefit (not money)")
            .into(),
        (TrackKind::Equity, None) => l.pick("股权投资 (非补助)", "equity (not a grant)").into(),
        (TrackKind::NonMonetary, None) => l.pick("非资金支持", "non-monetary support").into(),
        _ => "—".into(),
    }
}

fn track_note(t: &TrackResult, l: Lang) -> String {
    let mut parts = Vec::new();
    match t.status {
        TrackStatus::Near => parts.extend(
            t.conditions
                .iter()
                .chain(&t.candidate_conditions)
                .filter_map(|c| c.gap.as_ref())
                .map(|g| g.get(l).to_string()),
        ),
        TrackStatus::MissingData if !t.missing.is_empty() => parts.push(format!(
            "{}: {}",
            l.pick("缺少", "missing"),
            t.missing.join(", ")
        )),
        TrackStatus::Candidate => {
            if let Some(p) = &t.prerequisite_note {
                parts.push(p.get(l).to_string());
            }
        }
        _ => {}
    }
    if t.amount.is_none() {
        if let Some(s) = &t.support {
            parts.push(s.get(l).to_string());
        }
    }
    parts.join(" ")
}

fn condition_view(c: &ConditionResult, l: Lang) -> ConditionView {
    ConditionView {
        mark: match c.truth {
            Truth::Yes => "✓",
            Truth::No if c.near => "≈",
            Truth::No => "✗",
            Truth::Unknown => "?",
        },
        label: c
            .label
            .as_ref()
            .map(|x| x.get(l).to_string())
            .unwrap_or_else(|| super::fields::humanize(&c.fact, l)),
        actual: c
            .actual_text
            .as_ref()
            .map(|t| t.get(l).to_string())
            .unwrap_or_else(|| l.pick("未知", "unknown").into()),
        required: c.required_text.get(l).to_string(),
    }
}

fn funder_cell(t: &TrackResult, f: Funder, l: Lang) -> String {
    match t.by_funder.get(&f) {
        Some(r) => format!(
            "{}{}",
            r.report(l),
            if f == Funder::District && t.district_before_cap.is_some() {
                " *"
            } else {
                ""
            }
        ),
        None => String::new(),
    }
}

fn totals_line(t: &crate::policy::eval::Totals, l: Lang) -> String {
    Funder::ALL
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.label().get(l),
                t.by_funder.get(f).copied().unwrap_or(Range::ZERO).report(l)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
        + &format!(" · {} {}", l.pick("合计", "total"), t.total.report(l))
}

fn cap_line(a: &Assessment, l: Lang) -> String {
    let Some(dc) = &a.district_cap else {
        return String::new();
    };
    let eligible = super::eligible_cap_note(a, l)
        .map(|n| format!("; {n}"))
        .unwrap_or_default();
    match dc.cap {
        Some(cap) => format!(
            "{} ({}): {}; {} {} → {}{}{eligible}",
            l.pick("区级奖励上限", "District cap"),
            dc.clause,
            money::report(cap, l),
            l.pick("区级份额", "district shares"),
            dc.before.report(l),
            dc.after.report(l),
            if dc.binding {
                format!(
                    " ({}: {})",
                    l.pick("已封顶 *", "cap binds *"),
                    super::cut_names(a, l)
                )
            } else {
                dc.trigger_note
                    .as_ref()
                    .map(|n| format!(" ({})", n.get(l)))
                    .unwrap_or_default()
            }
        ),
        None => l
            .pick(
                "区级奖励上限: 缺少 enterprise.new_tax_district_retained_wan, 区级金额未封顶",
                "District cap: enterprise.new_tax_district_retained_wan is missing; district amounts are shown uncapped",
            )
            .into(),
    }
}

/// Cost of a step, in words.
fn step_cost(s: &Step, l: Lang) -> String {
    if s.organisational {
        return l
            .pick("组织改进, 无单位成本", "organisational, no unit cost")
            .into();
    }
    match &s.unit_cost {
        Some(u) => format!(
            "{} × {} = {}{}",
            s.count,
            wan(u.wan, l),
            wan(s.cost.wan, l),
            if s.cost.estimated {
                l.pick(" (估算)", " (estimate)")
            } else {
                ""
            }
        ),
        None => l
            .pick("未计成本 (无单位成本)", "not costed (no unit cost)")
            .into(),
    }
}

/// Cost of a bundle, in words.
fn bundle_cost(c: &Cost, l: Lang) -> String {
    let mut parts = Vec::new();
    if !c.wan.is_zero() {
        parts.push(format!(
            "{}{}",
            wan(c.wan, l),
            if c.estimated {
                l.pick(" (含估算)", " (incl. estimates)")
            } else {
                ""
            }
        ));
    }
    if !c.uncosted.is_empty() {
        parts.push(format!(
            "{}: {}",
            if c.wan.is_zero() {
                l.pick("未计成本", "not costed")
            } else {
                l.pick("另有未计成本", "plus not costed")
            },
            c.uncosted
                .iter()
                .map(|k| action_kind_name(k.as_str()).get(l).to_string())
                .collect::<Vec<_>>()
                .join(l.pick("、", ", "))
        ));
    }
    if parts.is_empty() {
        return l
            .pick("组织改进, 无单位成本", "organisational, no unit cost")
            .into();
    }
    parts.join(l.pick("; ", "; "))
}

fn ratio_text(r: Option<Decimal>, c: &Cost) -> String {
    match r {
        Some(r) => format!(
            "{}{}%",
            if c.complete() { "" } else { "≤ " },
            (r * Decimal::ONE_HUNDRED).round_dp(1).normalize()
        ),
        None => "—".into(),
    }
}

fn money_text(m: Range, l: Lang) -> String {
    if m.is_zero() {
        "—".into()
    } else {
        compare::show_delta(m, l)
    }
}

/// "id, clause" in English; the clause alone in Chinese (the id is an
/// internal name).
fn track_ref(id: &str, clause: &str, l: Lang) -> String {
    match l {
        Lang::Zh => clause.to_string(),
        Lang::En => format!("{id}, {clause}"),
    }
}

/// A track id for a report: shown in English only.
fn shown_id(id: &str, l: Lang) -> String {
    match l {
        Lang::Zh => String::new(),
        Lang::En => id.to_string(),
    }
}

/// The executive summary: the first three roadmap targets (the roadmap is
/// ordered by value for effort), each with what it costs, the support it
/// unlocks by funder (eligible and candidate, after the district cap) and the
/// criteria it reaches.
fn exec_items(r: &Roadmap, l: Lang) -> Vec<ExecItem> {
    r.targets
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, t)| ExecItem {
            rank: i + 1,
            name: t.name.get(l).to_string(),
            cost: bundle_cost(&t.cost, l),
            money: if t.unlocks.money.is_zero() {
                l.pick("不新增扶持", "no new support").to_string()
            } else {
                money_text(t.unlocks.money, l)
            },
            by_funder: t
                .unlocks
                .by_funder
                .iter()
                .filter(|(_, m)| !m.is_zero())
                .map(|(f, m)| format!("{} {}", f.label().get(l), compare::show_delta(*m, l)))
                .collect::<Vec<_>>()
                .join(" · "),
            reaches: {
                let mut parts = vec![names(&t.unlocks.criteria, l)];
                if let Some((b, a)) = t.unlocks.maturity {
                    parts.push(format!(
                        "{} {} → {}",
                        l.pick("估算成熟度", "estimated maturity"),
                        b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
                        a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                    ));
                }
                parts.retain(|p| !p.is_empty());
                parts.join(l.pick("；", "; "))
            },
        })
        .collect()
}

fn track_change_text(t: &TrackChange, l: Lang) -> String {
    format!(
        "{} ({}): {} → {}{}",
        t.title.get(l),
        track_ref(&t.id, &t.clause, l),
        t.before.label().get(l),
        t.after.label().get(l),
        t.amount_after
            .map(|r| format!(", {}", r.report(l)))
            .unwrap_or_default()
    )
}

fn names(list: &[roadmap::Named], l: Lang) -> String {
    list.iter()
        .map(|n| n.name.get(l).to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

fn unlock_summary(u: &Unlocks, l: Lang) -> String {
    let mut parts = Vec::new();
    if !u.checks.is_empty() {
        parts.push(names(&u.checks, l));
    }
    if let Some((b, a)) = u.maturity {
        parts.push(format!(
            "{} {} → {}",
            l.pick("成熟度", "maturity"),
            b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
            a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
        ));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("; ")
    }
}

fn roadmap_view(r: &Roadmap, l: Lang) -> RoadmapView {
    let targets = r
        .targets
        .iter()
        .enumerate()
        .map(|(i, t): (usize, &TargetPlan)| TargetView {
            rank: i + 1,
            name: t.name.get(l).to_string(),
            status: t.status.label().get(l).to_string(),
            class: status_class(t.status),
            reached: t.reached,
            reached_text: if t.reached {
                l.pick(
                    "全部步骤实施后可达到",
                    "all steps together reach the target",
                )
                .into()
            } else if !t.missing.is_empty() {
                l.pick(
                    "全部步骤实施后仍不能判定: 须先补充数据",
                    "still undecided after all steps: fill in the missing data first",
                )
                .into()
            } else {
                l.pick(
                    "全部步骤实施后仍不能达到",
                    "all steps together do not reach the target",
                )
                .into()
            },
            cost: bundle_cost(&t.cost, l),
            money: if t.unlocks.money.is_zero() {
                l.pick(
                    "— (达到本目标不新增扶持)",
                    "— (reaching this target adds no support)",
                )
                .to_string()
            } else {
                money_text(t.unlocks.money, l)
            },
            ratio: ratio_text(t.return_ratio, &t.cost),
            criteria: names(&t.unlocks.criteria, l),
            maturity: t
                .unlocks
                .maturity
                .map(|(b, a)| {
                    format!(
                        "{} → {}",
                        b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
                        a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                    )
                })
                .unwrap_or_default(),
            tracks: t
                .unlocks
                .tracks
                .iter()
                .map(|c| track_change_text(c, l))
                .collect(),
            lost: names(&t.unlocks.checks_lost, l),
            missing: t.missing.join(", "),
            steps: t
                .steps
                .iter()
                .map(|s| StepView {
                    what: s.what.get(l).to_string(),
                    kind: action_kind_name(s.kind.as_str()).get(l).to_string(),
                    organisational: s.organisational,
                    cost: step_cost(s, l),
                    unlocks: unlock_summary(&s.unlocks, l),
                    lost: names(&s.unlocks.checks_lost, l),
                    tracks: s
                        .unlocks
                        .tracks
                        .iter()
                        .map(|c| track_change_text(c, l))
                        .collect::<Vec<_>>()
                        .join("; "),
                    // Why a step alone unlocks nothing: the support comes
                    // with the whole target.
                    money: if s.unlocks.money.is_zero() && !t.unlocks.money.is_zero() {
                        l.pick(
                            "— (须与本目标其他步骤一起完成)",
                            "— (only with the other steps)",
                        )
                        .to_string()
                    } else {
                        money_text(s.unlocks.money, l)
                    },
                    ratio: ratio_text(s.return_ratio, &s.cost),
                })
                .collect(),
        })
        .collect();
    let unit_costs = r
        .unit_costs
        .iter()
        .map(|u| UnitCostView {
            kind: action_kind_name(u.kind.as_str()).get(l).to_string(),
            unit: u.unit.get(l).to_string(),
            wan: wan(u.wan, l),
            source: match u.source {
                roadmap::CostSource::Questionnaire => {
                    l.pick("问卷 cost_estimates", "questionnaire cost_estimates")
                }
                roadmap::CostSource::Default => {
                    l.pick("标准包默认值 (估算)", "criteria pack default (estimate)")
                }
            }
            .to_string(),
        })
        .collect();
    RoadmapView {
        targets,
        unit_costs,
    }
}

fn indicator_views(a: &Assessment, l: Lang) -> Vec<IndicatorView> {
    a.indicators
        .0
        .iter()
        .map(|i| {
            let computation = match (&i.parts, i.value) {
                _ if !i.missing.is_empty() => {
                    format!("{}: {}", l.pick("缺少", "missing"), i.missing.join(", "))
                }
                (Some(p), Some(v)) => format!(
                    "{} / {}{} = {}",
                    crate::money::group(p.numerator.normalize()),
                    crate::money::group(p.denominator.normalize()),
                    if p.scale == Decimal::ONE {
                        String::new()
                    } else {
                        format!(" × {}", crate::money::group(p.scale.normalize()))
                    },
                    show(v, i.unit)
                ),
                (None, Some(v)) => show(v, i.unit),
                _ => String::new(),
            };
            let bar = if KEY_INDICATORS.contains(&i.id.as_str()) {
                let max = if i.unit == Unit::Ratio {
                    1.0
                } else {
                    100.0f64.max(i.value.map(to_f64).unwrap_or(0.0))
                };
                text_bar(i.value.map(to_f64), max)
            } else {
                String::new()
            };
            IndicatorView {
                id: i.id.as_str(),
                name: i.name.get(l).to_string(),
                value: i
                    .value
                    .map(|v| super::units::indicator(v, i.unit, l))
                    .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                // Field names in the reader's language ("工业机器人 / 生产工人").
                formula: match l {
                    Lang::Zh => super::units::formula(i.formula, i.name.get(l), l),
                    Lang::En => i.formula.to_string(),
                },
                computation,
                bar,
            }
        })
        .collect()
}

fn criteria_views(a: &Assessment, l: Lang) -> Vec<CriterionView> {
    a.criteria
        .iter()
        .map(|c| CriterionView {
            name: c.name.get(l).to_string(),
            status: c.status.label().get(l).to_string(),
            class: status_class(c.status),
            source: c.source.clone(),
            checks: c
                .checks
                .iter()
                .map(|k| CheckView {
                    name: k.name.get(l).to_string(),
                    reference: k.reference,
                    status: k.status.label().get(l).to_string(),
                    class: status_class(k.status),
                    actual: k.actual.clone().unwrap_or_else(|| "—".into()),
                    required: k.required.clone(),
                    gap: match (&k.gap, k.missing.is_empty()) {
                        (Some(g), _) => g.get(l).to_string(),
                        (None, false) => {
                            format!("{}: {}", l.pick("缺少", "missing"), k.missing.join(", "))
                        }
                        _ => String::new(),
                    },
                    source: k.source.clone(),
                })
                .collect(),
        })
        .collect()
}

const SHOWN: [TrackStatus; 4] = [
    TrackStatus::Eligible,
    TrackStatus::Candidate,
    TrackStatus::Near,
    TrackStatus::MissingData,
];

fn track_views(a: &Assessment, l: Lang) -> (Vec<TrackGroup>, Vec<String>) {
    let groups = SHOWN
        .iter()
        .filter_map(|s| {
            let tracks: Vec<TrackView> = a
                .subsidies
                .iter()
                .filter(|t| t.status == *s)
                .map(|t| TrackView {
                    title: t.title.get(l).to_string(),
                    id: shown_id(&t.id, l),
                    clause: t.clause.clone(),
                    kind: kind_label(t.kind).get(l).to_string(),
                    amount: track_amount(t, l),
                    province: funder_cell(t, Funder::Province, l),
                    city: funder_cell(t, Funder::City, l),
                    district: funder_cell(t, Funder::District, l),
                    note: track_note(t, l),
                })
                .collect();
            (!tracks.is_empty()).then(|| TrackGroup {
                status: s.label().get(l).to_string(),
                class: s.id(),
                tracks,
            })
        })
        .collect();
    let others = a
        .subsidies
        .iter()
        .filter(|t| !SHOWN.contains(&t.status))
        .map(|t| {
            format!(
                "{} ({}, {})",
                t.title.get(l),
                track_ref(&t.id, &t.clause, l),
                t.status.label().get(l)
            )
        })
        .collect();
    (groups, others)
}

fn explain_view(a: &Assessment, engine: &Engine, l: Lang) -> ExplainView {
    let pass = engine.criteria.maturity.pass_score;
    let level_scores = a
        .maturity
        .level_scores
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{} = {} {} {} {}",
                match l {
                    Lang::Zh => format!("{}级得分", i + 1),
                    Lang::En => format!("S{}", i + 1),
                },
                s.round_dp(3).normalize(),
                if *s >= pass { "≥" } else { "<" },
                pass.normalize(),
                if *s >= pass { "✓" } else { "✗" }
            )
        })
        .collect();
    let fit = |n: NextLevelFit| match n {
        NextLevelFit::Most => l.pick("大部分满足", "most"),
        NextLevelFit::Part => l.pick("部分满足", "part"),
        NextLevelFit::None => l.pick("不满足", "none"),
    };
    let mut domains: Vec<DomainView> = a
        .maturity
        .domains
        .iter()
        .map(|d| DomainView {
            name: roadmap::domain_name(d.id).get(l).to_string(),
            self_rated: d
                .self_level
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            objective: d
                .objective_level
                .map(|x| x.to_string())
                .unwrap_or_else(|| "—".into()),
            used: format!(
                "{}{}",
                d.level,
                if d.capped {
                    l.pick(" (受限)", " (capped)")
                } else {
                    ""
                }
            ),
            next: fit(d.next).to_string(),
        })
        .collect();
    for u in &a.maturity.unrated {
        domains.push(DomainView {
            name: roadmap::domain_name(u).get(l).to_string(),
            self_rated: "—".into(),
            objective: "—".into(),
            used: l.pick("未评 (按 0 计)", "not rated (counts 0)").into(),
            next: String::new(),
        });
    }
    let tracks = a
        .subsidies
        .iter()
        .filter(|t| SHOWN.contains(&t.status))
        .map(|t| {
            let mut lines: Vec<Vec<SpanView>> = t
                .explanation
                .iter()
                .map(|x| SpanView::prose(x.get(l).to_string()))
                .collect();
            lines.extend(
                super::track_notes(t, l, false)
                    .into_iter()
                    .map(SpanView::prose),
            );
            lines.extend(t.readings.iter().map(|r| SpanView::of(r.spans(l))));
            TrackExplain {
                title: t.title.get(l).to_string(),
                id: shown_id(&t.id, l),
                status: t.status.label().get(l).to_string(),
                class: t.status.id(),
                conditions: t
                    .conditions
                    .iter()
                    .chain(&t.candidate_conditions)
                    .map(|c| condition_view(c, l))
                    .collect(),
                lines,
            }
        })
        .collect();
    ExplainView {
        level_scores,
        domains,
        tracks,
    }
}

fn report_view(r: &ReportInput) -> ReportView {
    let (a, l) = (r.assessment, r.lang);
    let e = &a.enterprise;
    let m = &a.maturity;
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
    let money = Funder::ALL
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
        .collect();
    let (track_groups, other_tracks) = track_views(a, l);
    ReportView {
        lang: lang_tag(l),
        t: labels(l),
        exec: exec_items(r.roadmap, l),
        profile: profile_view(r.profile, l),
        subtitle: match l {
            Lang::Zh => format!("依据《{}》测算", r.engine.policy.title.get(l)),
            Lang::En => format!("Screened against the {}", r.engine.policy.title.get(l)),
        },
        enterprise: EnterpriseView {
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
        },
        audit: AuditView {
            file: a.input.file.clone(),
            sha256: a.input.sha256.clone(),
            policy: format!("{} {}", a.packs.policy_id, a.packs.policy_version),
            criteria: format!("{} {}", a.packs.criteria_id, a.packs.criteria_version),
            date: r.date.to_string(),
            tool: tool_version(),
            validity_note: a
                .packs
                .validity_note
                .as_ref()
                .map(|n| n.get(l).to_string())
                .unwrap_or_default(),
        },
        overrides: r
            .overrides
            .iter()
            .map(|o| OverrideView {
                path: o.path.clone(),
                before: o.before.clone().unwrap_or_else(|| "—".into()),
                after: o.after.clone(),
            })
            .collect(),
        summary: SummaryView {
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
            notes,
            verdicts: a
                .criteria
                .iter()
                .map(|c| Verdict {
                    name: c.name.get(l).to_string(),
                    status: c.status.label().get(l).to_string(),
                    class: status_class(c.status),
                })
                .collect(),
            money,
            cap_note: cap_line(a, l),
            money_note: super::rounding_note(a, l).to_string(),
        },
        indicators: indicator_views(a, l),
        criteria: criteria_views(a, l),
        roadmap: roadmap_view(r.roadmap, l),
        track_groups,
        other_tracks,
        totals_eligible: totals_line(&a.totals.eligible, l),
        totals_potential: totals_line(&a.totals.potential, l),
        cap_line: cap_line(a, l),
        explain: explain_view(a, r.engine, l),
        warnings: a.warnings.iter().map(|w| w.render(l, None)).collect(),
    }
}

// ------------------------------------------------------------ templates --

/// Escape text for Markdown: every ASCII punctuation character that could
/// start markup gets a backslash (CommonMark), line breaks become spaces, so
/// a questionnaire string cannot open a table cell, a link or raw HTML.
pub fn md_escape(s: &str) -> String {
    // Escape a character only where it could start markup, so "[R]" and
    // "35% < 50%" read as written: `\` `` ` `` `*` `_` `|` always; `[`/`]`
    // when the text could form a link; `<` before a tag or autolink; `&`
    // before an entity; `#`, `>` at the start; `!` before `[`; `~~`.
    let chars: Vec<char> = s.chars().collect();
    let link_like = s.contains("](") || s.contains("][") || s.contains("]:");
    let mut o = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '|' => true,
            '[' | ']' => link_like,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '#' | '>' => i == 0,
            '!' => next == Some('['),
            '~' => next == Some('~') || (i > 0 && chars[i - 1] == '~'),
            _ => false,
        };
        match c {
            '\n' | '\r' => o.push(' '),
            c => {
                if escape {
                    o.push('\\');
                }
                o.push(c);
            }
        }
    }
    o
}

fn env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("md", |s: String| md_escape(&s));
    for (name, src) in [
        ("style.css", include_str!("templates/style.css")),
        ("report.html", include_str!("templates/report.html")),
        ("report.md", include_str!("templates/report.md")),
        ("compare.html", include_str!("templates/compare.html")),
        ("compare.md", include_str!("templates/compare.md")),
    ] {
        // The templates are part of the binary and tested; a syntax error is a bug.
        if let Err(e) = env.add_template(name, src) {
            panic!("template {name} is invalid: {e:#}");
        }
    }
    env
}

fn render(name: &str, ctx: minijinja::Value) -> anyhow::Result<String> {
    let env = env();
    let tpl = env.get_template(name)?;
    let mut out = tpl.render(ctx)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
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
    charts(r.assessment, r.engine, r.lang)
}

/// Render the assessment report as one self-contained HTML file.
pub fn html(r: &ReportInput) -> anyhow::Result<String> {
    let v = report_view(r);
    let (radar, bars) = charts(r.assessment, r.engine, r.lang);
    render(
        "report.html",
        minijinja::context! {
            r => minijinja::Value::from_serialize(&v),
            radar_svg => minijinja::Value::from_safe_string(radar),
            bars_svg => minijinja::Value::from_safe_string(bars),
        },
    )
}

// ----------------------------------------------------------- comparison --

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

fn compare_view(c: &Comparison, l: Lang, date: &str) -> CompareView {
    let level = |x: Option<u8>| match x {
        Some(x) => format!("{x} ({})", crate::maturity::level_name(x).get(l)),
        None => l.pick("未知", "unknown").into(),
    };
    let unknown = l.pick("未知", "unknown");
    let mut totals = Vec::new();
    for (label, tc) in [
        (l.pick("符合项", "Eligible now"), &c.eligible),
        (l.pick("含候选项", "Incl. candidates"), &c.potential),
    ] {
        for f in Funder::ALL {
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
    CompareView {
        lang: lang_tag(l),
        t: labels(l),
        before: side_view(&c.before),
        after: side_view(&c.after),
        warning: if c.same_enterprise {
            String::new()
        } else {
            compare::different_enterprises_note().get(l).to_string()
        },
        maturity: Row {
            name: l.pick("估算成熟度", "Estimated maturity").into(),
            before: level(c.maturity.before),
            after: level(c.maturity.after),
            change: c.maturity.direction.mark().into(),
            class: c.maturity.direction.id(),
            sub: false,
        },
        totals,
        indicators: c
            .indicators
            .iter()
            .map(|i| Row {
                name: i.name.get(l).to_string(),
                before: i.before_shown.clone().unwrap_or_else(|| unknown.into()),
                after: i.after_shown.clone().unwrap_or_else(|| unknown.into()),
                change: format!(
                    "{} {}",
                    i.direction.mark(),
                    compare::delta_words(i.delta_shown.as_deref().unwrap_or_default(), l)
                )
                .trim()
                .to_string(),
                class: i.direction.id(),
                sub: false,
            })
            .collect(),
        criteria: c
            .criteria
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
                        .filter(|k| {
                            k.direction != Direction::Same || k.actual_before != k.actual_after
                        })
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
            .collect(),
        tracks: c
            .tracks
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
            .collect(),
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

/// Render a comparison as Markdown.
pub fn compare_markdown(c: &Comparison, lang: Lang, date: &str) -> anyhow::Result<String> {
    let v = compare_view(c, lang, date);
    render(
        "compare.md",
        minijinja::context! { r => minijinja::Value::from_serialize(&v) },
    )
}

/// Render a comparison as one self-contained HTML file.
pub fn compare_html(
    c: &Comparison,
    before: &Assessment,
    after: &Assessment,
    lang: Lang,
    date: &str,
) -> anyhow::Result<String> {
    let v = compare_view(c, lang, date);
    render(
        "compare.html",
        minijinja::context! {
            r => minijinja::Value::from_serialize(&v),
            bars_svg => minijinja::Value::from_safe_string(compare_bars(before, after, lang)),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_escape("a|b <i>*x*</i>\nc"), "a\\|b \\<i>\\*x\\*\\</i> c");
        // Plain brackets and comparisons stay as written; links do not form.
        assert_eq!(
            md_escape("数控化率 [R] 35% < 50%"),
            "数控化率 [R] 35% < 50%"
        );
        assert_eq!(md_escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(md_escape("# h"), "\\# h");
    }

    #[test]
    fn nice_scale() {
        assert_eq!(nice_max(100.0), 150.0);
        assert_eq!(nice_max(60.0), 80.0);
    }
}

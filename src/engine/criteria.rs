//! Criteria (评估标准): 自动化数字化制造企业, 数字化车间, 智能工厂.
//!
//! The checks live in a criteria pack (`criteria/*.yaml`), not in code, so a
//! bureau can change a threshold without a rebuild. Each check yields met /
//! not met / unknown, with the actual value, the required value and the gap
//! said in the user's terms ("+8 CNC key machines").

use crate::diag::Code;
use crate::diag::{Collector, Diagnostic};
use crate::indicators::{Indicator, IndicatorId, Indicators, Parts, Unit};
use crate::lang::Text;
use crate::maturity::{Maturity, MaturityModel};
use crate::questionnaire::{ProductionMode, Questionnaire, System};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The default criteria pack, embedded in the binary.
pub const DEFAULT_PACK: &str = include_str!("../../criteria/licheng-2016.yaml");
/// File name shown for the embedded pack.
pub const DEFAULT_PACK_NAME: &str = "criteria/licheng-2016.yaml";

/// A criteria pack.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CriteriaPack {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title.
    pub title: Text,
    /// The criteria, in report order.
    pub criteria: Vec<Criterion>,
    /// 三降两升 targets, keyed by `results.*` field name.
    pub results_targets: BTreeMap<String, Bound>,
    /// Maturity model parameters.
    pub maturity: MaturityModel,
    /// Default unit costs of upgrade actions, 万元 (estimates).
    pub default_unit_costs_wan: BTreeMap<String, Decimal>,
}

/// A bound on a value: at least and/or at most.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Bound {
    /// Lower bound (inclusive).
    #[serde(default)]
    pub at_least: Option<Decimal>,
    /// Upper bound (inclusive).
    #[serde(default)]
    pub at_most: Option<Decimal>,
}

impl Bound {
    fn holds(&self, v: Decimal) -> bool {
        self.at_least.is_none_or(|a| v >= a) && self.at_most.is_none_or(|b| v <= b)
    }
}

/// One target (e.g. 数字化车间) and its checks.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable id (`digital_workshop`).
    pub id: String,
    /// Name.
    pub name: Text,
    /// Where the criterion comes from.
    pub source: String,
    /// 出处 (中文), for Chinese output / The source in Chinese.
    #[serde(default)]
    pub source_zh: Option<String>,
    /// Checks, all of which must be met.
    pub checks: Vec<Check>,
}

/// One check. Exactly one of `indicator`, `systems`, `integrations`,
/// `results_met`, `maturity_at_least` is set (checked at load time).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Stable id within the criterion.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Indicator compared with `at_least`.
    #[serde(default)]
    pub indicator: Option<String>,
    /// Threshold for `indicator`.
    #[serde(default)]
    pub at_least: Option<Decimal>,
    /// Applies to discrete manufacturers only.
    #[serde(default)]
    pub discrete_only: bool,
    /// Systems that must be in use.
    #[serde(default)]
    pub systems: Option<Vec<System>>,
    /// Pairs that must be integrated.
    #[serde(default)]
    pub integrations: Option<Vec<[System; 2]>>,
    /// All 三降两升 targets met.
    #[serde(default)]
    pub results_met: Option<bool>,
    /// Estimated maturity level at least this.
    #[serde(default)]
    pub maturity_at_least: Option<u8>,
    /// A reference value chosen by us [R], not an official figure.
    #[serde(default)]
    pub reference: bool,
    /// Source of the threshold.
    pub source: String,
    /// 阈值出处 (中文) / The source in Chinese.
    #[serde(default)]
    pub source_zh: Option<String>,
    /// What the check tests, typed once by [`load_pack`] from the fields
    /// above (which stay as written, so errors point at the pack's lines).
    /// `None` only in a pack that was not loaded through [`load_pack`].
    #[serde(skip)]
    pub kind: Option<CheckKind>,
}

/// The kind of a check (检查项类型): exactly one per check.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckKind {
    /// An indicator at least a threshold; not applicable to process plants
    /// when `discrete_only`.
    Indicator {
        /// The indicator.
        id: IndicatorId,
        /// Threshold, inclusive.
        at_least: Decimal,
        /// Applies to discrete manufacturers only.
        discrete_only: bool,
    },
    /// Every listed system in use.
    Systems(Vec<System>),
    /// Every listed pair integrated (order-free).
    Integrations(Vec<[System; 2]>),
    /// Every 三降两升 target of the pack holds.
    ResultsMet,
    /// Estimated maturity level at least this.
    MaturityAtLeast(u8),
}

impl CheckKind {
    /// The kind a check's fields set, or every problem with them (zh, en).
    fn of(k: &Check) -> Result<CheckKind, Vec<(String, String)>> {
        let mut errs = Vec::new();
        let set = [
            k.indicator.is_some(),
            k.systems.is_some(),
            k.integrations.is_some(),
            k.results_met.is_some(),
            k.maturity_at_least.is_some(),
        ];
        if set.iter().filter(|x| **x).count() != 1 {
            errs.push((
                format!("检查项 `{}` 必须且只能设置 indicator/systems/integrations/results_met/maturity_at_least 之一", k.id),
                format!("check `{}` must set exactly one of indicator, systems, integrations, results_met, maturity_at_least", k.id),
            ));
        }
        let indicator = k.indicator.as_ref().map(|ind| {
            let id = IndicatorId::parse(ind);
            if id.is_none() {
                errs.push((
                    format!("未知指标 `{ind}`"),
                    format!("unknown indicator `{ind}`"),
                ));
            }
            if k.at_least.is_none() {
                errs.push((
                    "指标检查需要 at_least".to_string(),
                    "indicator check needs `at_least`".to_string(),
                ));
            }
            (id, k.at_least)
        });
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(match (indicator, &k.systems, &k.integrations) {
            (Some((Some(id), Some(at_least))), _, _) => CheckKind::Indicator {
                id,
                at_least,
                discrete_only: k.discrete_only,
            },
            (_, Some(v), _) => CheckKind::Systems(v.clone()),
            (_, _, Some(v)) => CheckKind::Integrations(v.clone()),
            _ => match k.maturity_at_least {
                Some(l) => CheckKind::MaturityAtLeast(l),
                None => CheckKind::ResultsMet,
            },
        })
    }
}

/// Outcome of a check or criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 达到.
    Met,
    /// 未达到.
    NotMet,
    /// 数据不足.
    Unknown,
    /// 不适用 (e.g. robot density for a process plant).
    NotApplicable,
}

impl Status {
    /// Label in zh/en.
    pub fn label(self) -> Text {
        match self {
            Status::Met => Text::new("达到", "met"),
            Status::NotMet => Text::new("未达到", "not met"),
            Status::Unknown => Text::new("数据不足", "unknown"),
            Status::NotApplicable => Text::new("不适用", "n/a"),
        }
    }
}

/// Result of one check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    /// Check id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Outcome.
    pub status: Status,
    /// Actual value, as shown.
    pub actual: Option<String>,
    /// Required value, as shown.
    pub required: String,
    /// Gap in the user's terms, when not met.
    pub gap: Option<Text>,
    /// Upgrade action that closes the gap, when it is a count.
    pub action: Option<Action>,
    /// Fields to fill in, when unknown.
    pub missing: Vec<String>,
    /// Reference value [R] rather than an official figure.
    pub reference: bool,
    /// Source of the threshold.
    pub source: String,
    /// Source of the threshold, in Chinese (empty when the pack gives none).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source_zh: String,
}

/// The kind of an upgrade action (升级措施类型). Serialised as its id
/// (`cnc_unit` …), which is also the key of its unit cost in the pack's
/// `default_unit_costs_wan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// 关键装备数控化 (离散) / 关键工序 PLC/DCS 控制 (流程), per machine or process.
    CncUnit,
    /// 工业机器人, per robot.
    Robot,
    /// 数字化设备联网, per machine.
    NetworkConnection,
    /// 生产设备数字化, per machine.
    DigitalEquipment,
    /// 关键工序自动化, per process.
    ProcessAutomation,
    /// 关键工序数据自动采集, per process.
    ProcessData,
    /// 信息系统上线, per system.
    System,
    /// 系统集成, per pair.
    Integrate,
    /// 三降两升 targets met (organisational, no unit cost).
    Results,
    /// Maturity domains raised (organisational, no unit cost).
    Maturity,
}

impl ActionKind {
    /// The stable id, as in JSON and the pack's unit-cost table.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::CncUnit => "cnc_unit",
            ActionKind::Robot => "robot",
            ActionKind::NetworkConnection => "network_connection",
            ActionKind::DigitalEquipment => "digital_equipment",
            ActionKind::ProcessAutomation => "process_automation",
            ActionKind::ProcessData => "process_data",
            ActionKind::System => "system",
            ActionKind::Integrate => "integrate",
            ActionKind::Results => "results",
            ActionKind::Maturity => "maturity",
        }
    }

    /// What one unit of this kind is, in a plant of this production mode.
    pub fn unit(self, mode: ProductionMode) -> Text {
        match (self, mode) {
            (ActionKind::CncUnit, ProductionMode::Process) => Text::new(
                "关键工序改为 PLC/DCS 控制 (每个工序)",
                "PLC/DCS control of one key process",
            ),
            (ActionKind::CncUnit, _) => Text::new(
                "关键装备数控化改造或替换 (每台)",
                "CNC upgrade or replacement of one key machine",
            ),
            (ActionKind::Robot, _) => Text::new(
                "工业机器人 (每台, 含安装)",
                "one industrial robot, installed",
            ),
            (ActionKind::NetworkConnection, _) => {
                Text::new("数字化设备联网 (每台)", "networking one digital machine")
            }
            (ActionKind::DigitalEquipment, _) => Text::new(
                "生产设备数字化改造 (每台)",
                "digitising one production machine",
            ),
            (ActionKind::ProcessAutomation, _) => {
                Text::new("关键工序自动化 (每个工序)", "automating one key process")
            }
            (ActionKind::ProcessData, _) => Text::new(
                "关键工序数据自动采集 (每个工序)",
                "automatic data collection on one key process",
            ),
            (ActionKind::System, _) => {
                Text::new("信息系统上线 (每套)", "introducing one information system")
            }
            (ActionKind::Integrate, _) => {
                Text::new("系统集成 (每对)", "integrating one pair of systems")
            }
            (k, _) => Text::new(k.as_str(), k.as_str()),
        }
    }

    /// Short name (数控化, 机器人 …), as the reports list kinds.
    pub fn name(self) -> Text {
        match self {
            ActionKind::CncUnit => Text::new("数控化", "CNC"),
            ActionKind::Robot => Text::new("机器人", "robots"),
            ActionKind::NetworkConnection => Text::new("设备联网", "networking"),
            ActionKind::DigitalEquipment => Text::new("设备数字化", "equipment digitisation"),
            ActionKind::ProcessAutomation => Text::new("工序自动化", "process automation"),
            ActionKind::ProcessData => Text::new("数据采集", "data collection"),
            ActionKind::System => Text::new("信息系统", "information systems"),
            ActionKind::Integrate => Text::new("系统集成", "system integration"),
            ActionKind::Results => Text::new("三降两升", "results (三降两升)"),
            ActionKind::Maturity => Text::new("成熟度", "maturity"),
        }
    }

    /// Organisational steps have no unit cost.
    pub fn organisational(self) -> bool {
        matches!(self, ActionKind::Results | ActionKind::Maturity)
    }
}

impl std::fmt::Display for ActionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A concrete upgrade action ("+8 CNC key machines").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Action kind: `cnc_unit`, `robot`, `network_connection`, `integrate`, `system`, `process_data` …
    pub kind: ActionKind,
    /// How many units.
    pub count: u64,
    /// What, in words.
    pub what: Text,
}

/// Result of one criterion.
#[derive(Debug, Clone, Serialize)]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Name.
    pub name: Text,
    /// Met only when every applicable check is met; unknown when none failed but some are unknown.
    pub status: Status,
    /// Check results.
    pub checks: Vec<CheckResult>,
    /// Source.
    pub source: String,
    /// Source, in Chinese (empty when the pack gives none).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source_zh: String,
}

/// Load and check a criteria pack.
pub fn load_pack(text: &str, file: &str) -> Result<CriteriaPack, Vec<Diagnostic>> {
    let mut pack: CriteriaPack = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    let mut errs = Collector::new(file, Some(text));
    for (ci, c) in pack.criteria.iter_mut().enumerate() {
        for (ki, k) in c.checks.iter_mut().enumerate() {
            let path = format!("criteria[{ci}].checks[{ki}]");
            match CheckKind::of(k) {
                Ok(kind) => k.kind = Some(kind),
                Err(problems) => {
                    for (zh, en) in problems {
                        errs.error(Code::Pack, &path, zh, en);
                    }
                }
            }
            if k.source.trim().is_empty() {
                errs.error(Code::Pack, &path, "缺少出处", "missing source");
            }
        }
    }
    for key in pack.results_targets.keys() {
        if !RESULT_FIELDS.contains(&key.as_str()) {
            errs.error(
                Code::Pack,
                &format!("results_targets.{key}"),
                format!("未知的三降两升字段 `{key}`"),
                format!("unknown results field `{key}`"),
            );
        }
    }
    pack.maturity.check(&mut errs);
    if errs.is_empty() {
        Ok(pack)
    } else {
        Err(errs.finish().0)
    }
}

/// The embedded default pack. It is tested to load; a failure here is a bug.
pub fn default_pack() -> CriteriaPack {
    match load_pack(DEFAULT_PACK, DEFAULT_PACK_NAME) {
        Ok(p) => p,
        Err(e) => panic!("embedded criteria pack is invalid: {e:?}"),
    }
}

const RESULT_FIELDS: [&str; 5] = [
    "operating_cost_change_pct",
    "rd_cycle_change_pct",
    "production_efficiency_change_pct",
    "defect_rate_change_pct",
    "energy_utilisation_change_pct",
];

fn result_value(q: &Questionnaire, field: &str) -> Option<f64> {
    let r = &q.results;
    match field {
        "operating_cost_change_pct" => r.operating_cost_change_pct,
        "rd_cycle_change_pct" => r.rd_cycle_change_pct,
        "production_efficiency_change_pct" => r.production_efficiency_change_pct,
        "defect_rate_change_pct" => r.defect_rate_change_pct,
        "energy_utilisation_change_pct" => r.energy_utilisation_change_pct,
        _ => None,
    }
}

/// Format an indicator value for people: ratios as %, others plain.
pub fn show(value: Decimal, unit: Unit) -> String {
    match unit {
        Unit::Ratio => format!(
            "{}%",
            (value * Decimal::ONE_HUNDRED).round_dp(1).normalize()
        ),
        Unit::Count => value.normalize().to_string(),
        _ => value.round_dp(1).normalize().to_string(),
    }
}

/// Evaluate every criterion of the pack, with gaps and actions.
pub fn evaluate(
    pack: &CriteriaPack,
    q: &Questionnaire,
    ind: &Indicators,
    maturity: &Maturity,
) -> Vec<CriterionResult> {
    evaluate_with(pack, q, ind, maturity, true)
}

/// Evaluate every criterion; `detail: false` keeps statuses and missing
/// fields and skips the texts (actual, required, gap, action) for batch runs.
pub fn evaluate_with(
    pack: &CriteriaPack,
    q: &Questionnaire,
    ind: &Indicators,
    maturity: &Maturity,
    detail: bool,
) -> Vec<CriterionResult> {
    pack.criteria
        .iter()
        .map(|c| {
            let checks: Vec<CheckResult> = c
                .checks
                .iter()
                .map(|k| evaluate_check(pack, k, q, ind, maturity, detail))
                .collect();
            let status = if checks.iter().any(|r| r.status == Status::NotMet) {
                Status::NotMet
            } else if checks.iter().any(|r| r.status == Status::Unknown) {
                Status::Unknown
            } else {
                Status::Met
            };
            CriterionResult {
                id: c.id.clone(),
                name: if detail {
                    c.name.clone()
                } else {
                    Text::default()
                },
                status,
                checks,
                source: if detail {
                    c.source.clone()
                } else {
                    String::new()
                },
                source_zh: c
                    .source_zh
                    .as_ref()
                    .filter(|_| detail)
                    .cloned()
                    .unwrap_or_default(),
            }
        })
        .collect()
}

fn evaluate_check(
    pack: &CriteriaPack,
    k: &Check,
    q: &Questionnaire,
    ind: &Indicators,
    maturity: &Maturity,
    detail: bool,
) -> CheckResult {
    let mut r = blank_result(k, detail);
    match &k.kind {
        // A pack not loaded through `load_pack`: nothing can be decided.
        None => {}
        Some(CheckKind::Indicator {
            id,
            at_least,
            discrete_only,
        }) => {
            if let Some(i) = ind.of(*id) {
                let process = q.enterprise.production_mode == ProductionMode::Process;
                indicator_check(&mut r, i, *at_least, *discrete_only && process, detail);
            }
        }
        Some(CheckKind::Systems(systems)) => systems_check(&mut r, systems, q, detail),
        Some(CheckKind::Integrations(pairs)) => integrations_check(&mut r, pairs, q, detail),
        Some(CheckKind::ResultsMet) => results_check(&mut r, pack, q, detail),
        Some(CheckKind::MaturityAtLeast(level)) => maturity_check(&mut r, *level, maturity, detail),
    }
    r
}

/// A check's result before it is decided: unknown, with its id and sources.
fn blank_result(k: &Check, detail: bool) -> CheckResult {
    CheckResult {
        id: k.id.clone(),
        name: if detail {
            k.name.clone()
        } else {
            Text::default()
        },
        status: Status::Unknown,
        actual: None,
        required: String::new(),
        gap: None,
        action: None,
        missing: vec![],
        reference: k.reference,
        source: if detail {
            k.source.clone()
        } else {
            String::new()
        },
        source_zh: k
            .source_zh
            .as_ref()
            .filter(|_| detail)
            .cloned()
            .unwrap_or_default(),
    }
}

/// Indicator ≥ threshold; for a count ratio below it, the gap in units and
/// the upgrade action that closes it.
fn indicator_check(
    r: &mut CheckResult,
    i: &Indicator,
    t: Decimal,
    not_applicable: bool,
    detail: bool,
) {
    if detail {
        r.required = format!("≥ {}", show(t, i.unit));
    }
    if not_applicable {
        r.status = Status::NotApplicable;
        return;
    }
    let Some(v) = i.value else {
        r.missing = i.missing.iter().map(|s| s.to_string()).collect();
        return;
    };
    if detail {
        r.actual = Some(show(v, i.unit));
    }
    if v >= t {
        r.status = Status::Met;
        return;
    }
    r.status = Status::NotMet;
    if let Some(p) = i.parts.as_ref().filter(|_| detail) {
        let n = units_short(p, t);
        r.gap = Some(Text::new(
            format!(
                "{} {} < {}: 还需 {n} {} (共 {} {})",
                i.name.zh,
                show(v, i.unit),
                show(t, i.unit),
                p.numerator_label.zh,
                p.denominator.normalize(),
                p.denominator_label.zh
            ),
            format!(
                "{} {} < {}: {n} more {} (of {} {})",
                i.name.en,
                show(v, i.unit),
                show(t, i.unit),
                p.numerator_label.en,
                p.denominator.normalize(),
                p.denominator_label.en
            ),
        ));
        r.action = action_kind(i.id).map(|kind| Action {
            kind,
            count: n,
            what: Text::new(
                format!("+{n} {}", p.numerator_label.zh),
                format!("+{n} {}", p.numerator_label.en),
            ),
        });
    }
}

/// Smallest whole number x ≥ 1 with (n + x) · scale / d ≥ t, keeping the
/// denominator (upgrading existing machines).
fn units_short(p: &Parts, t: Decimal) -> u64 {
    let need = (t * p.denominator / p.scale - p.numerator).ceil();
    need.max(Decimal::ONE).try_into().unwrap_or(u64::MAX)
}

/// The upgrade action that raises an indicator by one unit, if one does.
fn action_kind(id: IndicatorId) -> Option<ActionKind> {
    match id {
        IndicatorId::CncRatio => Some(ActionKind::CncUnit),
        IndicatorId::RobotDensity => Some(ActionKind::Robot),
        IndicatorId::NetworkingRate => Some(ActionKind::NetworkConnection),
        IndicatorId::AutoDataCollectionRate => Some(ActionKind::ProcessData),
        IndicatorId::AutomationRate => Some(ActionKind::ProcessAutomation),
        IndicatorId::EquipmentDigitizationRate => Some(ActionKind::DigitalEquipment),
        _ => None,
    }
}

/// Every listed system in use.
fn systems_check(r: &mut CheckResult, systems: &[System], q: &Questionnaire, detail: bool) {
    if detail {
        r.required = systems
            .iter()
            .map(|s| s.label())
            .collect::<Vec<_>>()
            .join(" + ");
    }
    match &q.informatization.systems {
        None => r.missing = vec!["informatization.systems".into()],
        Some(inuse) if !detail => {
            r.status = if systems.iter().all(|s| inuse.contains(s)) {
                Status::Met
            } else {
                Status::NotMet
            };
        }
        Some(inuse) => {
            let lacking: Vec<&System> = systems.iter().filter(|s| !inuse.contains(s)).collect();
            r.actual = Some(
                systems
                    .iter()
                    .filter(|s| inuse.contains(s))
                    .map(|s| s.label())
                    .collect::<Vec<_>>()
                    .join(" + "),
            );
            let names: Vec<String> = lacking.iter().map(|s| s.label().to_string()).collect();
            judge_lacking(r, &names, ActionKind::System, ("上线", "introduce"));
        }
    }
}

/// Met when nothing is lacking; else not met, with the gap and the action
/// ("需上线 MES" / "introduce MES"; verb in zh and en) for each lacking name.
fn judge_lacking(
    r: &mut CheckResult,
    lacking: &[String],
    kind: ActionKind,
    (zh, en): (&str, &str),
) {
    if lacking.is_empty() {
        r.status = Status::Met;
        return;
    }
    r.status = Status::NotMet;
    let names = lacking.join(", ");
    r.gap = Some(Text::new(
        format!("需{zh} {names}"),
        format!("{en} {names}"),
    ));
    r.action = Some(Action {
        kind,
        count: lacking.len() as u64,
        what: Text::new(format!("{zh} {names}"), format!("{en} {names}")),
    });
}

/// Every listed pair integrated.
fn integrations_check(r: &mut CheckResult, pairs: &[[System; 2]], q: &Questionnaire, detail: bool) {
    let show_pair = |[a, b]: &[System; 2]| format!("{}–{}", a.label(), b.label());
    if detail {
        r.required = pairs.iter().map(show_pair).collect::<Vec<_>>().join(", ");
    }
    let done = |[a, b]: &&[System; 2]| q.informatization.integrated(*a, *b) == Some(true);
    match &q.informatization.integrations {
        None => r.missing = vec!["informatization.integrations".into()],
        Some(_) if !detail => {
            r.status = if pairs.iter().all(|p| done(&p)) {
                Status::Met
            } else {
                Status::NotMet
            };
        }
        Some(_) => {
            let lacking: Vec<&[System; 2]> = pairs.iter().filter(|p| !done(p)).collect();
            r.actual = Some(format!("{}/{}", pairs.len() - lacking.len(), pairs.len()));
            let names: Vec<String> = lacking.iter().map(|p| show_pair(p)).collect();
            judge_lacking(r, &names, ActionKind::Integrate, ("集成", "integrate"));
        }
    }
}

/// Every 三降两升 target of the pack holds.
fn results_check(r: &mut CheckResult, pack: &CriteriaPack, q: &Questionnaire, detail: bool) {
    // The targets are listed in the methodology and the criteria pack;
    // the table shows how many of them must hold.
    let mut met = 0;
    let mut failed: Vec<&str> = Vec::new();
    for (f, b) in &pack.results_targets {
        match result_value(q, f).and_then(crate::indicators::typed_decimal) {
            None => r.missing.push(format!("results.{f}")),
            Some(v) if b.holds(v) => met += 1,
            Some(_) => failed.push(f),
        }
    }
    if detail {
        r.required = format!("{0}/{0}", pack.results_targets.len());
        r.actual = Some(format!("{met}/{}", pack.results_targets.len()));
    }
    if !failed.is_empty() {
        r.status = Status::NotMet;
        r.gap = detail.then(|| {
            Text::new(
                format!("未达标: {}", failed.join(", ")),
                format!("targets not met: {}", failed.join(", ")),
            )
        });
    } else if r.missing.is_empty() {
        r.status = Status::Met;
    }
}

/// Estimated maturity level at least `level`.
fn maturity_check(r: &mut CheckResult, level: u8, maturity: &Maturity, detail: bool) {
    if detail {
        r.required = format!("≥ {level}");
    }
    match maturity.level {
        None => r.missing = maturity.missing.clone(),
        Some(l) => {
            if detail {
                r.actual = Some(l.to_string());
            }
            if l >= level {
                r.status = Status::Met;
            } else {
                r.status = Status::NotMet;
                r.gap = detail.then(|| {
                    Text::new(
                        format!("估算成熟度 {l} 级 < {level} 级"),
                        format!("estimated maturity level {l} < {level}"),
                    )
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{DomainRating, NextLevelFit};
    use rust_decimal_macros::dec;

    fn rated(level: u8) -> Option<DomainRating> {
        Some(DomainRating {
            level,
            next: NextLevelFit::None,
        })
    }

    fn base() -> Questionnaire {
        let mut q = Questionnaire {
            schema_version: 1,
            ..Default::default()
        };
        let e = &mut q.equipment;
        e.key_equipment_total = Some(100);
        e.key_equipment_cnc = Some(62);
        e.production_equipment_total = Some(200);
        e.production_equipment_digital = Some(100);
        e.production_equipment_networked = Some(50);
        e.key_processes_total = Some(10);
        e.key_processes_automated = Some(6);
        e.key_processes_auto_data_collection = Some(10);
        q.informatization.systems = Some(vec![System::Erp, System::Mes]);
        q.informatization.integrations = Some(vec![[System::Erp, System::Mes]]);
        for d in crate::questionnaire::SelfAssessment::DOMAINS {
            set(&mut q, d, rated(2));
        }
        q
    }

    fn set(q: &mut Questionnaire, d: &str, r: Option<DomainRating>) {
        let s = &mut q.self_assessment;
        match d {
            "strategy" => s.strategy = r,
            "personnel_skills" => s.personnel_skills = r,
            "data" => s.data = r,
            "integration" => s.integration = r,
            "information_security" => s.information_security = r,
            "equipment" => s.equipment = r,
            "network" => s.network = r,
            "design" => s.design = r,
            "production" => s.production = r,
            "logistics" => s.logistics = r,
            "sales" => s.sales = r,
            _ => s.service = r,
        }
    }

    fn run(q: &Questionnaire) -> Vec<CriterionResult> {
        let pack = default_pack();
        let ind = crate::indicators::compute(q);
        let m = crate::maturity::estimate(&pack.maturity, q, &ind);
        evaluate(&pack, q, &ind, &m)
    }

    fn get<'a>(r: &'a [CriterionResult], c: &str, k: &str) -> &'a CheckResult {
        let c = r.iter().find(|x| x.id == c).unwrap();
        c.checks.iter().find(|x| x.id == k).unwrap()
    }

    #[test]
    fn default_pack_loads() {
        let p = default_pack();
        assert_eq!(p.criteria.len(), 3);
    }

    #[test]
    fn cnc_gap_in_units() {
        let r = run(&base());
        let k = get(&r, "digital_workshop", "cnc_ratio");
        assert_eq!(k.status, Status::NotMet);
        // 62 of 100 < 70%: 70 − 62 = 8 more CNC key machines.
        assert_eq!(k.action.as_ref().unwrap().count, 8);
        assert_eq!(
            k.gap.as_ref().unwrap().en,
            "Key-equipment CNC ratio 62% < 70%: 8 more CNC key machines (of 100 key machines)"
        );
    }

    #[test]
    fn digital_workshop_met_at_exact_boundaries() {
        let mut q = base();
        q.equipment.key_equipment_cnc = Some(70); // exactly 70%
        let r = run(&q);
        // networking 50/100 = exactly 50%, all key processes collect data, level 2.
        let dw = r.iter().find(|c| c.id == "digital_workshop").unwrap();
        assert_eq!(dw.status, Status::Met, "{:#?}", dw.checks);
        let sf = r.iter().find(|c| c.id == "smart_factory").unwrap();
        assert_eq!(sf.status, Status::NotMet);
    }

    #[test]
    fn robot_gap_and_process_plants() {
        let mut q = base();
        q.robots.industrial_robots = Some(3);
        q.enterprise.production_workers = Some(500);
        let r = run(&q);
        // 3 / 500 × 10,000 = 60 < 100: need 100 × 500 / 10,000 = 5 robots, i.e. 2 more.
        let k = get(&r, "smart_factory", "robot_density");
        assert_eq!(k.action.as_ref().unwrap().count, 2);
        q.enterprise.production_mode = ProductionMode::Process;
        let r = run(&q);
        assert_eq!(
            get(&r, "smart_factory", "robot_density").status,
            Status::NotApplicable
        );
    }

    #[test]
    fn missing_systems_are_unknown_and_named() {
        let mut q = base();
        q.informatization.systems = None;
        let r = run(&q);
        let k = get(&r, "digital_workshop", "mes_and_erp");
        assert_eq!(k.status, Status::Unknown);
        assert_eq!(k.missing, vec!["informatization.systems"]);
    }

    #[test]
    fn every_source_of_the_default_pack_has_a_chinese_text() {
        let pack = default_pack();
        for c in &pack.criteria {
            assert!(
                c.source_zh.as_deref().is_some_and(|z| !z.trim().is_empty()),
                "{} has no source_zh",
                c.id
            );
            for k in &c.checks {
                assert!(
                    k.source_zh.as_deref().is_some_and(|z| !z.trim().is_empty()),
                    "{}.{} has no source_zh",
                    c.id,
                    k.id
                );
                // A district target used as a threshold is a reference value, never cited as [P] alone.
                assert!(
                    !k.source.starts_with("[P"),
                    "{}.{}: {}",
                    c.id,
                    k.id,
                    k.source
                );
            }
        }
    }

    #[test]
    fn results_targets_from_the_pack() {
        let mut q = base();
        q.results.operating_cost_change_pct = Some(-20.0);
        q.results.rd_cycle_change_pct = Some(-25.0);
        q.results.production_efficiency_change_pct = Some(20.0);
        q.results.defect_rate_change_pct = Some(-10.0);
        q.results.energy_utilisation_change_pct = Some(3.9);
        let r = run(&q);
        let k = get(&r, "smart_factory", "results");
        assert_eq!(k.status, Status::NotMet);
        assert_eq!(k.actual.as_deref(), Some("4/5"));
        q.results.energy_utilisation_change_pct = Some(4.0);
        assert_eq!(
            get(&run(&q), "smart_factory", "results").status,
            Status::Met
        );
    }

    #[test]
    fn integration_and_maturity_checks() {
        let mut q = base();
        q.informatization.systems =
            Some(vec![System::Erp, System::Mes, System::Plm, System::Scada]);
        q.informatization.integrations = Some(vec![
            [System::Mes, System::Erp],
            [System::Scada, System::Mes],
        ]);
        let r = run(&q);
        // Pairs are order-free: MES–ERP counts for ERP–MES; PLM–ERP is missing.
        let k = get(&r, "smart_factory", "core_integration");
        assert_eq!(k.status, Status::NotMet);
        assert_eq!(k.actual.as_deref(), Some("2/3"));
        assert_eq!(k.gap.as_ref().unwrap().en, "integrate PLM/PDM–ERP");
        // Every domain at level 2 → estimated level 2: meets ≥ 2, not ≥ 3.
        assert_eq!(get(&r, "digital_workshop", "maturity").status, Status::Met);
        let m = get(&r, "smart_factory", "maturity");
        assert_eq!((m.status, m.actual.as_deref()), (Status::NotMet, Some("2")));
    }

    #[test]
    fn automated_digital_enterprise_checks() {
        let q = base();
        let r = run(&q);
        // CNC 62% ≥ 50%, automation 6/10 = 60% ≥ 50%, digitisation 100/200 = 50% ≥ 47%, ERP in use.
        let c = r
            .iter()
            .find(|c| c.id == "automated_digital_enterprise")
            .unwrap();
        assert_eq!(c.status, Status::Met, "{:#?}", c.checks);
        let mut q = base();
        q.equipment.key_processes_automated = Some(4);
        let r = run(&q);
        // 4 / 10 = 40% < 50%: one more automated key process.
        let k = get(&r, "automated_digital_enterprise", "automation_rate");
        assert_eq!(k.action.as_ref().unwrap().count, 1);
    }

    #[test]
    fn broken_pack_is_rejected() {
        let text = DEFAULT_PACK.replacen("indicator: cnc_ratio", "indicator: cnc_rate", 1);
        let errs = load_pack(&text, "x.yaml").unwrap_err();
        assert!(errs[0].message.en.contains("unknown indicator `cnc_rate`"));
        assert!(errs[0].line.is_some());
        let _ = dec!(1);
    }

    #[test]
    fn action_kinds_serialise_as_their_ids() {
        for (k, id) in [
            (ActionKind::CncUnit, "cnc_unit"),
            (ActionKind::NetworkConnection, "network_connection"),
            (ActionKind::ProcessData, "process_data"),
            (ActionKind::Integrate, "integrate"),
            (ActionKind::Maturity, "maturity"),
        ] {
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{id}\""));
            assert_eq!(k.as_str(), id);
        }
        assert!(ActionKind::Results.organisational() && !ActionKind::Robot.organisational());
    }

    #[test]
    fn checks_are_typed_once_at_load() {
        let pack = default_pack();
        let kinds: Vec<_> = pack
            .criteria
            .iter()
            .flat_map(|c| &c.checks)
            .map(|k| k.kind.clone())
            .collect();
        assert!(kinds.iter().all(Option::is_some));
        assert!(kinds.contains(&Some(CheckKind::ResultsMet)));
        let cnc = pack.criteria[0]
            .checks
            .iter()
            .find(|k| k.indicator.as_deref() == Some("cnc_ratio"))
            .unwrap();
        assert!(matches!(
            cnc.kind,
            Some(CheckKind::Indicator {
                id: IndicatorId::CncRatio,
                ..
            })
        ));
        // Two kinds on one check: refused, and not typed.
        let text = DEFAULT_PACK.replacen(
            "indicator: cnc_ratio",
            "maturity_at_least: 2\n        indicator: cnc_ratio",
            1,
        );
        let errs = load_pack(&text, "x.yaml").unwrap_err();
        assert!(
            errs[0].message.en.contains("must set exactly one"),
            "{errs:?}"
        );
        assert!(errs[0].message.zh.contains("必须且只能设置"));
    }
}

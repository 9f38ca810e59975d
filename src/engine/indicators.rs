//! Indicators (指标) computed from a questionnaire (DOMAIN.md §1).
//!
//! Each indicator carries its value, unit, the input fields it came from, and
//! — when an input is missing — the fields to fill in. A missing input gives
//! `value: None` ("unknown"), never a silent zero: a factory that did not say
//! how many robots it has is not a factory with no robots.
//!
//! Values are exact decimals so that a threshold such as "CNC ratio ≥ 70%" is
//! decided exactly at the boundary (21 of 30 machines is 70%, not 69.999…%).

use crate::lang::Text;
use crate::money::Wan;
use crate::questionnaire::{ProductionMode, Questionnaire, System};
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;

/// Unit of an indicator value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share between 0 and 1 (shown as %).
    Ratio,
    /// Robots per 10,000 production workers (台/万人).
    PerTenThousandWorkers,
    /// 万元 per person per year.
    WanPerPerson,
    /// Tonnes of standard coal per 万元 of output.
    TcePerWan,
    /// A count.
    Count,
}

/// The ratio parts of an indicator, so a gap can be said in the user's terms
/// ("+8 CNC units of 100 key units").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parts {
    /// Numerator value.
    pub numerator: Decimal,
    /// Denominator value.
    pub denominator: Decimal,
    /// Multiplier applied to numerator/denominator (10,000 for robot density).
    pub scale: Decimal,
    /// What one unit of the numerator is ("CNC units", "robots").
    pub numerator_label: Text,
    /// What the denominator counts.
    pub denominator_label: Text,
}

/// One computed indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Indicator {
    /// Stable id (`cnc_ratio`, `robot_density` …).
    pub id: IndicatorId,
    /// Name in zh/en.
    pub name: Text,
    /// Exact value, or `None` when an input is missing.
    #[serde(with = "rust_decimal::serde::float_option")]
    pub value: Option<Decimal>,
    /// Unit of `value`.
    pub unit: Unit,
    /// Formula, in words.
    pub formula: &'static str,
    /// Input fields used (dotted paths).
    pub inputs: Vec<&'static str>,
    /// Input fields that were missing (empty when `value` is known).
    pub missing: Vec<&'static str>,
    /// Ratio parts, for gap statements.
    #[serde(skip)]
    pub parts: Option<Parts>,
}

/// All indicators of one questionnaire, in a stable order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Indicators(pub Vec<Indicator>);

impl Indicators {
    /// Look up an indicator by its id as written in a pack or report (`cnc_ratio` …).
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.0.iter().find(|i| i.id.as_str() == id)
    }

    /// Look up an indicator by id.
    pub fn of(&self, id: IndicatorId) -> Option<&Indicator> {
        self.0.iter().find(|i| i.id == id)
    }

    /// Value of an indicator by id (None when unknown or not an indicator).
    pub fn value(&self, id: &str) -> Option<Decimal> {
        self.get(id).and_then(|i| i.value)
    }
}

/// The indicators (指标), in report order. The ids are stable: they are the
/// keys of the JSON output and the names packs refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorId {
    /// 关键装备数控化率 (离散) / 关键工序数控化率 (流程).
    CncRatio,
    /// 关键工序自动化率.
    AutomationRate,
    /// 机器人密度.
    RobotDensity,
    /// 生产设备数字化率.
    EquipmentDigitizationRate,
    /// 数字化设备联网率.
    NetworkingRate,
    /// 关键工序数据自动采集率.
    AutoDataCollectionRate,
    /// 数字化研发设计工具普及率.
    DigitalDesignTools,
    /// 在用信息系统数.
    Informatization,
    /// 全员劳动生产率.
    LaborProductivity,
    /// 研发投入强度.
    RdIntensity,
    /// 万元产值综合能耗.
    EnergyIntensity,
    /// 国家监督抽查合格率.
    NationalSpotCheckPassRate,
    /// 省级监督抽查合格率.
    ProvincialSpotCheckPassRate,
    /// 网上销售占比.
    OnlineSalesShare,
    /// 网上销售占比 (含分销).
    OnlineSalesShareInclDistribution,
}

impl IndicatorId {
    /// Every indicator, in report order.
    pub const ALL: [IndicatorId; 15] = [
        IndicatorId::CncRatio,
        IndicatorId::AutomationRate,
        IndicatorId::RobotDensity,
        IndicatorId::EquipmentDigitizationRate,
        IndicatorId::NetworkingRate,
        IndicatorId::AutoDataCollectionRate,
        IndicatorId::DigitalDesignTools,
        IndicatorId::Informatization,
        IndicatorId::LaborProductivity,
        IndicatorId::RdIntensity,
        IndicatorId::EnergyIntensity,
        IndicatorId::NationalSpotCheckPassRate,
        IndicatorId::ProvincialSpotCheckPassRate,
        IndicatorId::OnlineSalesShare,
        IndicatorId::OnlineSalesShareInclDistribution,
    ];

    /// The stable id, as in JSON and packs.
    pub const fn as_str(self) -> &'static str {
        match self {
            IndicatorId::CncRatio => "cnc_ratio",
            IndicatorId::AutomationRate => "automation_rate",
            IndicatorId::RobotDensity => "robot_density",
            IndicatorId::EquipmentDigitizationRate => "equipment_digitization_rate",
            IndicatorId::NetworkingRate => "networking_rate",
            IndicatorId::AutoDataCollectionRate => "auto_data_collection_rate",
            IndicatorId::DigitalDesignTools => "digital_design_tools",
            IndicatorId::Informatization => "informatization",
            IndicatorId::LaborProductivity => "labor_productivity",
            IndicatorId::RdIntensity => "rd_intensity",
            IndicatorId::EnergyIntensity => "energy_intensity",
            IndicatorId::NationalSpotCheckPassRate => "national_spot_check_pass_rate",
            IndicatorId::ProvincialSpotCheckPassRate => "provincial_spot_check_pass_rate",
            IndicatorId::OnlineSalesShare => "online_sales_share",
            IndicatorId::OnlineSalesShareInclDistribution => "online_sales_share_incl_distribution",
        }
    }

    /// The indicator a pack names, if it is one.
    pub fn parse(id: &str) -> Option<IndicatorId> {
        IndicatorId::ALL.into_iter().find(|i| i.as_str() == id)
    }

    /// Name in zh/en, for a plant of this production mode (only `cnc_ratio`
    /// differs: key equipment for discrete, key processes for process plants).
    pub fn name(self, mode: ProductionMode) -> Text {
        definition(self, mode).map_or_else(
            || Text::new(self.as_str(), self.as_str()),
            |d| d.name.clone(),
        )
    }
}

impl std::fmt::Display for IndicatorId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ids of every indicator, for validating criteria and policy packs.
pub const INDICATOR_IDS: [&str; 15] = {
    let mut ids = [""; 15];
    let mut i = 0;
    while i < ids.len() {
        ids[i] = IndicatorId::ALL[i].as_str();
        i += 1;
    }
    ids
};

/// Reads one input field as an exact decimal (None when absent).
type Read = fn(&Questionnaire) -> Option<Decimal>;

/// One side of a ratio: the input field, how to read it, and what one unit
/// of it is called in a gap statement.
struct Term {
    field: &'static str,
    read: Read,
    label: Text,
}

/// How an indicator's value comes from its inputs.
enum Formula {
    /// `numerator × scale ÷ denominator`.
    Ratio { num: Term, den: Term, scale: u32 },
    /// A percentage field ÷ 100.
    Percent {
        field: &'static str,
        read: fn(&Questionnaire) -> Option<f64>,
    },
    /// Distinct systems in use, the shop-floor equipment layer not counted.
    SystemCount { field: &'static str },
}

/// One row of the indicator table.
struct Definition {
    id: IndicatorId,
    /// Only for plants of this production mode (None: every plant).
    mode: Option<ProductionMode>,
    name: Text,
    unit: Unit,
    formula_text: &'static str,
    formula: Formula,
}

const fn text(zh: &'static str, en: &'static str) -> Text {
    Text {
        zh: Cow::Borrowed(zh),
        en: Cow::Borrowed(en),
    }
}

const fn term(field: &'static str, read: Read, zh: &'static str, en: &'static str) -> Term {
    Term {
        field,
        read,
        label: text(zh, en),
    }
}

const fn ratio(num: Term, den: Term) -> Formula {
    Formula::Ratio { num, den, scale: 1 }
}

fn count(v: Option<u32>) -> Option<Decimal> {
    v.map(Decimal::from)
}

fn amount(v: Option<Wan>) -> Option<Decimal> {
    v.map(Decimal::from)
}

/// The denominators several indicators share.
const KEY_PROCESSES: Term = term(
    "equipment.key_processes_total",
    |q| count(q.equipment.key_processes_total),
    "个关键工序",
    "key processes",
);
const DIGITAL_MACHINES: Term = term(
    "equipment.production_equipment_digital",
    |q| count(q.equipment.production_equipment_digital),
    "台数字化设备",
    "digital machines",
);
const OUTPUT: Term = term(
    "enterprise.industrial_output_wan",
    |q| amount(q.enterprise.industrial_output_wan),
    "万元产值",
    "万元 of output",
);
const TOTAL_SALES: Term = term(
    "ecommerce.total_sales_wan",
    |q| amount(q.ecommerce.total_sales_wan),
    "万元总销售",
    "万元 total",
);

/// Every indicator, in report order (DOMAIN.md §1; docs/methodology.md §2).
static DEFINITIONS: [Definition; 16] = [
    Definition {
        id: IndicatorId::CncRatio,
        mode: Some(ProductionMode::Discrete),
        name: text("关键装备数控化率", "Key-equipment CNC ratio"),
        unit: Unit::Ratio,
        formula_text: "key_equipment_cnc / key_equipment_total",
        formula: ratio(
            term(
                "equipment.key_equipment_cnc",
                |q| count(q.equipment.key_equipment_cnc),
                "台数控关键装备",
                "CNC key machines",
            ),
            term(
                "equipment.key_equipment_total",
                |q| count(q.equipment.key_equipment_total),
                "台关键装备",
                "key machines",
            ),
        ),
    },
    Definition {
        id: IndicatorId::CncRatio,
        mode: Some(ProductionMode::Process),
        name: text("关键工序数控化率", "Key-process CNC ratio"),
        unit: Unit::Ratio,
        formula_text: "key_processes_plc_dcs / key_processes_total",
        formula: ratio(
            term(
                "equipment.key_processes_plc_dcs",
                |q| count(q.equipment.key_processes_plc_dcs),
                "个 PLC/DCS 控制的关键工序",
                "key processes under PLC/DCS",
            ),
            KEY_PROCESSES,
        ),
    },
    Definition {
        id: IndicatorId::AutomationRate,
        mode: None,
        name: text("关键工序自动化率", "Key-process automation rate"),
        unit: Unit::Ratio,
        formula_text: "key_processes_automated / key_processes_total",
        formula: ratio(
            term(
                "equipment.key_processes_automated",
                |q| count(q.equipment.key_processes_automated),
                "个自动化关键工序",
                "automated key processes",
            ),
            KEY_PROCESSES,
        ),
    },
    Definition {
        id: IndicatorId::RobotDensity,
        mode: None,
        name: text("机器人密度", "Robot density"),
        unit: Unit::PerTenThousandWorkers,
        formula_text: "industrial_robots / production_workers × 10,000",
        formula: Formula::Ratio {
            num: term(
                "robots.industrial_robots",
                |q| count(q.robots.industrial_robots),
                "台工业机器人",
                "industrial robots",
            ),
            den: term(
                "enterprise.production_workers",
                |q| count(q.enterprise.production_workers),
                "名产业工人",
                "production workers",
            ),
            scale: 10_000,
        },
    },
    Definition {
        id: IndicatorId::EquipmentDigitizationRate,
        mode: None,
        name: text("生产设备数字化率", "Production-equipment digitisation rate"),
        unit: Unit::Ratio,
        formula_text: "production_equipment_digital / production_equipment_total",
        formula: ratio(
            DIGITAL_MACHINES,
            term(
                "equipment.production_equipment_total",
                |q| count(q.equipment.production_equipment_total),
                "台生产设备",
                "production machines",
            ),
        ),
    },
    Definition {
        id: IndicatorId::NetworkingRate,
        mode: None,
        name: text("数字化设备联网率", "Networking rate of digital equipment"),
        unit: Unit::Ratio,
        formula_text: "production_equipment_networked / production_equipment_digital",
        formula: ratio(
            term(
                "equipment.production_equipment_networked",
                |q| count(q.equipment.production_equipment_networked),
                "台联网设备",
                "networked machines",
            ),
            DIGITAL_MACHINES,
        ),
    },
    Definition {
        id: IndicatorId::AutoDataCollectionRate,
        mode: None,
        name: text(
            "关键工序数据自动采集率",
            "Automatic data collection on key processes",
        ),
        unit: Unit::Ratio,
        formula_text: "key_processes_auto_data_collection / key_processes_total",
        formula: ratio(
            term(
                "equipment.key_processes_auto_data_collection",
                |q| count(q.equipment.key_processes_auto_data_collection),
                "个自动采集数据的关键工序",
                "key processes with automatic data collection",
            ),
            KEY_PROCESSES,
        ),
    },
    Definition {
        id: IndicatorId::DigitalDesignTools,
        mode: None,
        name: text(
            "数字化研发设计工具普及率",
            "Digital design-tool penetration",
        ),
        unit: Unit::Ratio,
        formula_text: "design_work_digital_pct / 100",
        formula: Formula::Percent {
            field: "digital_design.design_work_digital_pct",
            read: |q| q.digital_design.design_work_digital_pct,
        },
    },
    Definition {
        id: IndicatorId::Informatization,
        mode: None,
        name: text("在用信息系统数", "Information systems in use"),
        unit: Unit::Count,
        formula_text: "count of distinct systems in informatization.systems",
        formula: Formula::SystemCount {
            field: "informatization.systems",
        },
    },
    Definition {
        id: IndicatorId::LaborProductivity,
        mode: None,
        name: text("全员劳动生产率", "Labour productivity"),
        unit: Unit::WanPerPerson,
        formula_text: "industrial_output_wan / employees",
        formula: ratio(
            OUTPUT,
            term(
                "enterprise.employees",
                |q| count(q.enterprise.employees),
                "名员工",
                "employees",
            ),
        ),
    },
    Definition {
        id: IndicatorId::RdIntensity,
        mode: None,
        name: text("研发投入强度", "R&D intensity"),
        unit: Unit::Ratio,
        formula_text: "rd_expense_wan / main_revenue_wan",
        formula: ratio(
            term(
                "enterprise.rd_expense_wan",
                |q| amount(q.enterprise.rd_expense_wan),
                "万元研发费用",
                "万元 of R&D",
            ),
            term(
                "enterprise.main_revenue_wan",
                |q| amount(q.enterprise.main_revenue_wan),
                "万元主营收入",
                "万元 of revenue",
            ),
        ),
    },
    Definition {
        id: IndicatorId::EnergyIntensity,
        mode: None,
        name: text("万元产值综合能耗", "Energy per 万元 of output"),
        unit: Unit::TcePerWan,
        formula_text: "energy_tce / industrial_output_wan",
        formula: ratio(
            term(
                "enterprise.energy_tce",
                |q| amount(q.enterprise.energy_tce),
                "吨标准煤",
                "tce",
            ),
            OUTPUT,
        ),
    },
    Definition {
        id: IndicatorId::NationalSpotCheckPassRate,
        mode: None,
        name: text("国家监督抽查合格率", "National spot-check pass rate"),
        unit: Unit::Ratio,
        formula_text: "pass_pct / 100",
        formula: Formula::Percent {
            field: "quality.national_spot_check_pass_pct",
            read: |q| q.quality.national_spot_check_pass_pct,
        },
    },
    Definition {
        id: IndicatorId::ProvincialSpotCheckPassRate,
        mode: None,
        name: text("省级监督抽查合格率", "Provincial spot-check pass rate"),
        unit: Unit::Ratio,
        formula_text: "pass_pct / 100",
        formula: Formula::Percent {
            field: "quality.provincial_spot_check_pass_pct",
            read: |q| q.quality.provincial_spot_check_pass_pct,
        },
    },
    Definition {
        id: IndicatorId::OnlineSalesShare,
        mode: None,
        name: text("网上销售占比", "Online share of sales"),
        unit: Unit::Ratio,
        formula_text: "online_sales_wan / total_sales_wan",
        formula: ratio(
            term(
                "ecommerce.online_sales_wan",
                |q| amount(q.ecommerce.online_sales_wan),
                "万元网上销售",
                "万元 online",
            ),
            TOTAL_SALES,
        ),
    },
    Definition {
        id: IndicatorId::OnlineSalesShareInclDistribution,
        mode: None,
        name: text(
            "网上销售占比 (含分销)",
            "Online share of sales (incl. distribution)",
        ),
        unit: Unit::Ratio,
        formula_text: "online_sales_incl_distribution_wan / total_sales_wan",
        formula: ratio(
            term(
                "ecommerce.online_sales_incl_distribution_wan",
                |q| amount(q.ecommerce.online_sales_incl_distribution_wan),
                "万元网上销售 (含分销)",
                "万元 online incl. distribution",
            ),
            TOTAL_SALES,
        ),
    },
];

/// The row of `id` for a plant of `mode`.
fn definition(id: IndicatorId, mode: ProductionMode) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.id == id && applies(d, mode))
}

fn applies(d: &Definition, mode: ProductionMode) -> bool {
    d.mode.is_none_or(|m| m == mode)
}

/// The decimal a person wrote: a YAML number such as `74.7` arrives as the
/// nearest double, and its shortest round-trip text is what was typed.
pub fn typed_decimal(x: f64) -> Option<Decimal> {
    if !x.is_finite() {
        return None;
    }
    let s = x.to_string();
    s.parse::<Decimal>()
        .ok()
        .or_else(|| Decimal::from_scientific(&s).ok())
}

fn pct(v: Option<f64>) -> Option<Decimal> {
    v.and_then(typed_decimal)
        .map(|d| (d / Decimal::ONE_HUNDRED).normalize())
}

/// Distinct systems in use; the equipment layer is the shop floor, not a system.
fn system_count(systems: &[System]) -> Decimal {
    let mut ids: Vec<System> = systems
        .iter()
        .copied()
        .filter(|x| *x != System::Equipment)
        .collect();
    ids.sort();
    ids.dedup();
    Decimal::from(ids.len())
}

/// Evaluate one row of the table.
fn evaluate(d: &Definition, q: &Questionnaire) -> Indicator {
    let (value, inputs, missing, parts) = match &d.formula {
        Formula::Ratio { num, den, scale } => {
            let (value, parts) = ratio_value(q, num, den, Decimal::from(*scale));
            let missing = [num, den]
                .into_iter()
                .filter(|t| (t.read)(q).is_none())
                .map(|t| t.field)
                .collect();
            (value, vec![num.field, den.field], missing, parts)
        }
        Formula::Percent { field, read } => {
            let value = pct(read(q));
            (value, vec![*field], missing_if(value, field), None)
        }
        Formula::SystemCount { field } => {
            let value = q.informatization.systems.as_deref().map(system_count);
            (value, vec![*field], missing_if(value, field), None)
        }
    };
    Indicator {
        id: d.id,
        name: d.name.clone(),
        value,
        unit: d.unit,
        formula: d.formula_text,
        inputs,
        missing,
        parts,
    }
}

fn missing_if(value: Option<Decimal>, field: &'static str) -> Vec<&'static str> {
    if value.is_none() {
        vec![field]
    } else {
        vec![]
    }
}

fn ratio_value(
    q: &Questionnaire,
    num: &Term,
    den: &Term,
    scale: Decimal,
) -> (Option<Decimal>, Option<Parts>) {
    match ((num.read)(q), (den.read)(q)) {
        // A zero denominator makes the ratio undefined, not zero.
        (Some(n), Some(d)) if !d.is_zero() => (
            n.checked_mul(scale).and_then(|x| x.checked_div(d)),
            Some(Parts {
                numerator: n,
                denominator: d,
                scale,
                numerator_label: num.label.clone(),
                denominator_label: den.label.clone(),
            }),
        ),
        _ => (None, None),
    }
}

/// Compute every indicator.
pub fn compute(q: &Questionnaire) -> Indicators {
    let mode = q.enterprise.production_mode;
    Indicators(
        DEFINITIONS
            .iter()
            .filter(|d| applies(d, mode))
            .map(|d| evaluate(d, q))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Wan;
    use rust_decimal_macros::dec;

    fn q() -> Questionnaire {
        let mut q = Questionnaire {
            schema_version: 1,
            ..Default::default()
        };
        q.equipment.key_equipment_total = Some(30);
        q.equipment.key_equipment_cnc = Some(21);
        q.equipment.production_equipment_total = Some(200);
        q.equipment.production_equipment_digital = Some(150);
        q.equipment.production_equipment_networked = Some(90);
        q.equipment.key_processes_total = Some(12);
        q.equipment.key_processes_automated = Some(9);
        q.robots.industrial_robots = Some(12);
        q.enterprise.production_workers = Some(800);
        q.enterprise.employees = Some(1000);
        q.enterprise.industrial_output_wan = Wan::new(dec!(30000));
        q
    }

    #[test]
    fn hand_computed_values() {
        let i = compute(&q());
        // 21 / 30 = 0.7 exactly: the 70% digital-workshop boundary must be met.
        assert_eq!(i.value("cnc_ratio"), Some(dec!(0.7)));
        // 12 robots / 800 workers × 10,000 = 150.
        assert_eq!(i.value("robot_density"), Some(dec!(150)));
        // 90 / 150 = 0.6; 150 / 200 = 0.75; 9 / 12 = 0.75.
        assert_eq!(i.value("networking_rate"), Some(dec!(0.6)));
        assert_eq!(i.value("equipment_digitization_rate"), Some(dec!(0.75)));
        assert_eq!(i.value("automation_rate"), Some(dec!(0.75)));
        // 30,000 万元 / 1,000 employees = 30 万元 per person.
        assert_eq!(i.value("labor_productivity"), Some(dec!(30)));
    }

    #[test]
    fn hand_computed_values_of_the_other_indicators() {
        let mut q = q();
        q.equipment.key_processes_auto_data_collection = Some(3);
        q.digital_design.design_work_digital_pct = Some(74.7);
        q.informatization.systems = Some(vec![
            System::Erp,
            System::Mes,
            System::Erp,
            System::Equipment,
        ]);
        q.enterprise.rd_expense_wan = Wan::new(dec!(450));
        q.enterprise.main_revenue_wan = Wan::new(dec!(15000));
        q.enterprise.energy_tce = Wan::new(dec!(1500));
        q.quality.national_spot_check_pass_pct = Some(93.0);
        q.ecommerce.online_sales_wan = Wan::new(dec!(2800));
        q.ecommerce.online_sales_incl_distribution_wan = Wan::new(dec!(3200));
        q.ecommerce.total_sales_wan = Wan::new(dec!(4000));
        let i = compute(&q);
        // 3 of 12 key processes collect data automatically = 25%.
        assert_eq!(i.value("auto_data_collection_rate"), Some(dec!(0.25)));
        // 74.7% of design work digital → 0.747.
        assert_eq!(i.value("digital_design_tools"), Some(dec!(0.747)));
        // ERP and MES, counted once each; the equipment layer is not a system.
        assert_eq!(i.value("informatization"), Some(dec!(2)));
        // 450 / 15,000 = 3%.
        assert_eq!(i.value("rd_intensity"), Some(dec!(0.03)));
        // 1,500 tce / 30,000 万元 = 0.05 tce per 万元.
        assert_eq!(i.value("energy_intensity"), Some(dec!(0.05)));
        assert_eq!(i.value("national_spot_check_pass_rate"), Some(dec!(0.93)));
        assert_eq!(i.value("provincial_spot_check_pass_rate"), None);
        // 2,800 / 4,000 = 70%; 3,200 / 4,000 = 80%.
        assert_eq!(i.value("online_sales_share"), Some(dec!(0.7)));
        assert_eq!(
            i.value("online_sales_share_incl_distribution"),
            Some(dec!(0.8))
        );
    }

    #[test]
    fn missing_inputs_are_unknown_not_zero() {
        let mut q = q();
        q.robots.industrial_robots = None;
        let i = compute(&q);
        let r = i.get("robot_density").unwrap();
        assert_eq!(r.value, None);
        assert_eq!(r.missing, vec!["robots.industrial_robots"]);
        assert_eq!(i.value("rd_intensity"), None);
    }

    #[test]
    fn zero_denominator_is_unknown() {
        let mut q = q();
        q.enterprise.production_workers = Some(0);
        assert_eq!(compute(&q).value("robot_density"), None);
    }

    #[test]
    fn process_industry_uses_plc_dcs_processes() {
        let mut q = q();
        q.enterprise.production_mode = ProductionMode::Process;
        q.equipment.key_processes_plc_dcs = Some(6);
        assert_eq!(compute(&q).value("cnc_ratio"), Some(dec!(0.5)));
    }

    #[test]
    fn every_id_is_listed_once_in_order_for_both_modes() {
        for mode in [ProductionMode::Discrete, ProductionMode::Process] {
            let mut q = q();
            q.enterprise.production_mode = mode;
            let ids: Vec<_> = compute(&q).0.iter().map(|i| i.id).collect();
            assert_eq!(ids, IndicatorId::ALL.to_vec());
        }
        let strs: Vec<_> = IndicatorId::ALL.iter().map(|i| i.as_str()).collect();
        assert_eq!(strs, INDICATOR_IDS.to_vec());
        assert_eq!(INDICATOR_IDS[0], "cnc_ratio");
        assert_eq!(INDICATOR_IDS[14], "online_sales_share_incl_distribution");
    }

    #[test]
    fn ids_serialise_and_parse_as_the_stable_strings() {
        for id in IndicatorId::ALL {
            let json = serde_json::to_string(&id).unwrap();
            assert_eq!(json, format!("\"{}\"", id.as_str()));
            assert_eq!(IndicatorId::parse(id.as_str()), Some(id));
        }
        assert_eq!(IndicatorId::parse("robot_densty"), None);
        assert_eq!(
            IndicatorId::CncRatio.name(ProductionMode::Process).zh,
            "关键工序数控化率"
        );
    }
}

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
use crate::questionnaire::{ProductionMode, Questionnaire, System};
use rust_decimal::Decimal;
use serde::Serialize;

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
    pub id: &'static str,
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
    /// Look up an indicator by id.
    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.0.iter().find(|i| i.id == id)
    }

    /// Value of an indicator by id (None when unknown or not an indicator).
    pub fn value(&self, id: &str) -> Option<Decimal> {
        self.get(id).and_then(|i| i.value)
    }
}

/// Ids of every indicator, for validating criteria and policy packs.
pub const INDICATOR_IDS: [&str; 15] = [
    "cnc_ratio",
    "automation_rate",
    "robot_density",
    "equipment_digitization_rate",
    "networking_rate",
    "auto_data_collection_rate",
    "digital_design_tools",
    "informatization",
    "labor_productivity",
    "rd_intensity",
    "energy_intensity",
    "national_spot_check_pass_rate",
    "provincial_spot_check_pass_rate",
    "online_sales_share",
    "online_sales_share_incl_distribution",
];

struct Ratio {
    id: &'static str,
    name: Text,
    unit: Unit,
    formula: &'static str,
    num: (&'static str, Option<Decimal>, Text),
    den: (&'static str, Option<Decimal>, Text),
    scale: Decimal,
}

fn ratio(r: Ratio) -> Indicator {
    let inputs = vec![r.num.0, r.den.0];
    let mut missing = Vec::new();
    if r.num.1.is_none() {
        missing.push(r.num.0);
    }
    if r.den.1.is_none() {
        missing.push(r.den.0);
    }
    let (value, parts) = match (r.num.1, r.den.1) {
        // A zero denominator makes the ratio undefined, not zero.
        (Some(n), Some(d)) if !d.is_zero() => (
            n.checked_mul(r.scale).and_then(|x| x.checked_div(d)),
            Some(Parts {
                numerator: n,
                denominator: d,
                scale: r.scale,
                numerator_label: r.num.2,
                denominator_label: r.den.2,
            }),
        ),
        _ => (None, None),
    };
    Indicator {
        id: r.id,
        name: r.name,
        value,
        unit: r.unit,
        formula: r.formula,
        inputs,
        missing,
        parts,
    }
}

fn count(v: Option<u32>) -> Option<Decimal> {
    v.map(Decimal::from)
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

/// Compute every indicator.
pub fn compute(q: &Questionnaire) -> Indicators {
    let e = &q.enterprise;
    let eq = &q.equipment;
    let one = Decimal::ONE;
    let mut v = Vec::with_capacity(INDICATOR_IDS.len());
    v.push(match e.production_mode {
        ProductionMode::Discrete => ratio(Ratio {
            id: "cnc_ratio",
            name: Text::new("关键装备数控化率", "Key-equipment CNC ratio"),
            unit: Unit::Ratio,
            formula: "key_equipment_cnc / key_equipment_total",
            num: (
                "equipment.key_equipment_cnc",
                count(eq.key_equipment_cnc),
                Text::new("台数控关键装备", "CNC key machines"),
            ),
            den: (
                "equipment.key_equipment_total",
                count(eq.key_equipment_total),
                Text::new("台关键装备", "key machines"),
            ),
            scale: one,
        }),
        ProductionMode::Process => ratio(Ratio {
            id: "cnc_ratio",
            name: Text::new("关键工序数控化率", "Key-process CNC ratio"),
            unit: Unit::Ratio,
            formula: "key_processes_plc_dcs / key_processes_total",
            num: (
                "equipment.key_processes_plc_dcs",
                count(eq.key_processes_plc_dcs),
                Text::new("个 PLC/DCS 控制的关键工序", "key processes under PLC/DCS"),
            ),
            den: (
                "equipment.key_processes_total",
                count(eq.key_processes_total),
                Text::new("个关键工序", "key processes"),
            ),
            scale: one,
        }),
    });
    v.push(ratio(Ratio {
        id: "automation_rate",
        name: Text::new("关键工序自动化率", "Key-process automation rate"),
        unit: Unit::Ratio,
        formula: "key_processes_automated / key_processes_total",
        num: (
            "equipment.key_processes_automated",
            count(eq.key_processes_automated),
            Text::new("个自动化关键工序", "automated key processes"),
        ),
        den: (
            "equipment.key_processes_total",
            count(eq.key_processes_total),
            Text::new("个关键工序", "key processes"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "robot_density",
        name: Text::new("机器人密度", "Robot density"),
        unit: Unit::PerTenThousandWorkers,
        formula: "industrial_robots / production_workers × 10,000",
        num: (
            "robots.industrial_robots",
            count(q.robots.industrial_robots),
            Text::new("台工业机器人", "industrial robots"),
        ),
        den: (
            "enterprise.production_workers",
            count(e.production_workers),
            Text::new("名产业工人", "production workers"),
        ),
        scale: Decimal::from(10_000),
    }));
    v.push(ratio(Ratio {
        id: "equipment_digitization_rate",
        name: Text::new("生产设备数字化率", "Production-equipment digitisation rate"),
        unit: Unit::Ratio,
        formula: "production_equipment_digital / production_equipment_total",
        num: (
            "equipment.production_equipment_digital",
            count(eq.production_equipment_digital),
            Text::new("台数字化设备", "digital machines"),
        ),
        den: (
            "equipment.production_equipment_total",
            count(eq.production_equipment_total),
            Text::new("台生产设备", "production machines"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "networking_rate",
        name: Text::new("数字化设备联网率", "Networking rate of digital equipment"),
        unit: Unit::Ratio,
        formula: "production_equipment_networked / production_equipment_digital",
        num: (
            "equipment.production_equipment_networked",
            count(eq.production_equipment_networked),
            Text::new("台联网设备", "networked machines"),
        ),
        den: (
            "equipment.production_equipment_digital",
            count(eq.production_equipment_digital),
            Text::new("台数字化设备", "digital machines"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "auto_data_collection_rate",
        name: Text::new(
            "关键工序数据自动采集率",
            "Automatic data collection on key processes",
        ),
        unit: Unit::Ratio,
        formula: "key_processes_auto_data_collection / key_processes_total",
        num: (
            "equipment.key_processes_auto_data_collection",
            count(eq.key_processes_auto_data_collection),
            Text::new(
                "个自动采集数据的关键工序",
                "key processes with automatic data collection",
            ),
        ),
        den: (
            "equipment.key_processes_total",
            count(eq.key_processes_total),
            Text::new("个关键工序", "key processes"),
        ),
        scale: one,
    }));
    let design = pct(q.digital_design.design_work_digital_pct);
    v.push(Indicator {
        id: "digital_design_tools",
        name: Text::new(
            "数字化研发设计工具普及率",
            "Digital design-tool penetration",
        ),
        value: design,
        unit: Unit::Ratio,
        formula: "design_work_digital_pct / 100",
        inputs: vec!["digital_design.design_work_digital_pct"],
        missing: if design.is_none() {
            vec!["digital_design.design_work_digital_pct"]
        } else {
            vec![]
        },
        parts: None,
    });
    let systems = q.informatization.systems.as_ref();
    v.push(Indicator {
        id: "informatization",
        name: Text::new("在用信息系统数", "Information systems in use"),
        value: systems.map(|s| {
            let mut ids: Vec<System> = s
                .iter()
                .copied()
                .filter(|x| *x != System::Equipment)
                .collect();
            ids.sort();
            ids.dedup();
            Decimal::from(ids.len())
        }),
        unit: Unit::Count,
        formula: "count of distinct systems in informatization.systems",
        inputs: vec!["informatization.systems"],
        missing: if systems.is_none() {
            vec!["informatization.systems"]
        } else {
            vec![]
        },
        parts: None,
    });
    v.push(ratio(Ratio {
        id: "labor_productivity",
        name: Text::new("全员劳动生产率", "Labour productivity"),
        unit: Unit::WanPerPerson,
        formula: "industrial_output_wan / employees",
        num: (
            "enterprise.industrial_output_wan",
            e.industrial_output_wan.map(Decimal::from),
            Text::new("万元产值", "万元 of output"),
        ),
        den: (
            "enterprise.employees",
            count(e.employees),
            Text::new("名员工", "employees"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "rd_intensity",
        name: Text::new("研发投入强度", "R&D intensity"),
        unit: Unit::Ratio,
        formula: "rd_expense_wan / main_revenue_wan",
        num: (
            "enterprise.rd_expense_wan",
            e.rd_expense_wan.map(Decimal::from),
            Text::new("万元研发费用", "万元 of R&D"),
        ),
        den: (
            "enterprise.main_revenue_wan",
            e.main_revenue_wan.map(Decimal::from),
            Text::new("万元主营收入", "万元 of revenue"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "energy_intensity",
        name: Text::new("万元产值综合能耗", "Energy per 万元 of output"),
        unit: Unit::TcePerWan,
        formula: "energy_tce / industrial_output_wan",
        num: (
            "enterprise.energy_tce",
            e.energy_tce.map(Decimal::from),
            Text::new("吨标准煤", "tce"),
        ),
        den: (
            "enterprise.industrial_output_wan",
            e.industrial_output_wan.map(Decimal::from),
            Text::new("万元产值", "万元 of output"),
        ),
        scale: one,
    }));
    for (id, zh, en, path, val) in [
        (
            "national_spot_check_pass_rate",
            "国家监督抽查合格率",
            "National spot-check pass rate",
            "quality.national_spot_check_pass_pct",
            q.quality.national_spot_check_pass_pct,
        ),
        (
            "provincial_spot_check_pass_rate",
            "省级监督抽查合格率",
            "Provincial spot-check pass rate",
            "quality.provincial_spot_check_pass_pct",
            q.quality.provincial_spot_check_pass_pct,
        ),
    ] {
        let value = pct(val);
        v.push(Indicator {
            id,
            name: Text::new(zh, en),
            value,
            unit: Unit::Ratio,
            formula: "pass_pct / 100",
            inputs: vec![path],
            missing: if value.is_none() { vec![path] } else { vec![] },
            parts: None,
        });
    }
    let ec = &q.ecommerce;
    v.push(ratio(Ratio {
        id: "online_sales_share",
        name: Text::new("网上销售占比", "Online share of sales"),
        unit: Unit::Ratio,
        formula: "online_sales_wan / total_sales_wan",
        num: (
            "ecommerce.online_sales_wan",
            ec.online_sales_wan.map(Decimal::from),
            Text::new("万元网上销售", "万元 online"),
        ),
        den: (
            "ecommerce.total_sales_wan",
            ec.total_sales_wan.map(Decimal::from),
            Text::new("万元总销售", "万元 total"),
        ),
        scale: one,
    }));
    v.push(ratio(Ratio {
        id: "online_sales_share_incl_distribution",
        name: Text::new(
            "网上销售占比 (含分销)",
            "Online share of sales (incl. distribution)",
        ),
        unit: Unit::Ratio,
        formula: "online_sales_incl_distribution_wan / total_sales_wan",
        num: (
            "ecommerce.online_sales_incl_distribution_wan",
            ec.online_sales_incl_distribution_wan.map(Decimal::from),
            Text::new("万元网上销售 (含分销)", "万元 online incl. distribution"),
        ),
        den: (
            "ecommerce.total_sales_wan",
            ec.total_sales_wan.map(Decimal::from),
            Text::new("万元总销售", "万元 total"),
        ),
        scale: one,
    }));
    debug_assert_eq!(v.len(), INDICATOR_IDS.len());
    Indicators(v)
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
    fn every_id_is_listed() {
        let ids: Vec<_> = compute(&q()).0.iter().map(|i| i.id).collect();
        assert_eq!(ids, INDICATOR_IDS.to_vec());
    }
}

//! The vocabulary of upgrade actions: their kinds, units and unit costs,
//! and the names of maturity domains and 三降两升 results.

use super::*;

/// Action kinds in the order unit-cost tables list them.
pub const KINDS: [&str; 8] = [
    "cnc_unit",
    "robot",
    "network_connection",
    "digital_equipment",
    "process_automation",
    "process_data",
    "system",
    "integrate",
];

/// What one unit of an action kind is.
pub fn unit_label(kind: &str, mode: ProductionMode) -> Text {
    match (kind, mode) {
        ("cnc_unit", ProductionMode::Process) => Text::new(
            "关键工序改为 PLC/DCS 控制 (每个工序)",
            "PLC/DCS control of one key process",
        ),
        ("cnc_unit", _) => Text::new(
            "关键装备数控化改造或替换 (每台)",
            "CNC upgrade or replacement of one key machine",
        ),
        ("robot", _) => Text::new(
            "工业机器人 (每台, 含安装)",
            "one industrial robot, installed",
        ),
        ("network_connection", _) => {
            Text::new("数字化设备联网 (每台)", "networking one digital machine")
        }
        ("digital_equipment", _) => Text::new(
            "生产设备数字化改造 (每台)",
            "digitising one production machine",
        ),
        ("process_automation", _) => {
            Text::new("关键工序自动化 (每个工序)", "automating one key process")
        }
        ("process_data", _) => Text::new(
            "关键工序数据自动采集 (每个工序)",
            "automatic data collection on one key process",
        ),
        ("system", _) => Text::new("信息系统上线 (每套)", "introducing one information system"),
        ("integrate", _) => Text::new("系统集成 (每对)", "integrating one pair of systems"),
        _ => Text::new(kind.to_string(), kind.to_string()),
    }
}

/// Name of a GB/T 39116 capability domain.
pub fn domain_name(id: &str) -> Text {
    match id {
        "strategy" => Text::new("组织战略", "Strategy"),
        "personnel_skills" => Text::new("人员技能", "Personnel skills"),
        "data" => Text::new("数据", "Data"),
        "integration" => Text::new("集成", "Integration"),
        "information_security" => Text::new("信息安全", "Information security"),
        "equipment" => Text::new("装备", "Equipment"),
        "network" => Text::new("网络", "Network"),
        "design" => Text::new("设计", "Design"),
        "production" => Text::new("生产", "Production"),
        "logistics" => Text::new("物流", "Logistics"),
        "sales" => Text::new("销售", "Sales"),
        "service" => Text::new("服务", "Service"),
        _ => Text::new(id.to_string(), id.to_string()),
    }
}

/// The unit cost of an action kind for this questionnaire, if any.
pub fn unit_cost(engine: &Engine, q: &Questionnaire, kind: &str) -> Option<UnitCost> {
    let own = match kind {
        "cnc_unit" => q.cost_estimates.cnc_unit_wan,
        "robot" => q.cost_estimates.robot_wan,
        "network_connection" => q.cost_estimates.network_connection_wan,
        _ => None,
    };
    let (wan, source) = match own {
        Some(w) => (w.get(), CostSource::Questionnaire),
        None => (
            *engine.criteria.default_unit_costs_wan.get(kind)?,
            CostSource::Default,
        ),
    };
    Some(UnitCost {
        kind: kind.to_string(),
        unit: unit_label(kind, q.enterprise.production_mode),
        wan,
        source,
    })
}

/// Name of a 三降两升 result field.
pub fn result_name(field: &str) -> Text {
    match field {
        "operating_cost_change_pct" => Text::new("运营成本", "operating cost"),
        "rd_cycle_change_pct" => Text::new("研制周期", "R&D cycle"),
        "production_efficiency_change_pct" => Text::new("生产效率", "production efficiency"),
        "defect_rate_change_pct" => Text::new("不良品率", "defect rate"),
        "energy_utilisation_change_pct" => Text::new("能源利用率", "energy utilisation"),
        _ => Text::new(field.to_string(), field.to_string()),
    }
}

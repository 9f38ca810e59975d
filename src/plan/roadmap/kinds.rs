//! The vocabulary of upgrade actions: their kinds, units and unit costs,
//! and the names of maturity domains and 三降两升 results.

use super::*;

/// Action kinds in the order unit-cost tables list them.
pub const KINDS: [ActionKind; 8] = [
    ActionKind::CncUnit,
    ActionKind::Robot,
    ActionKind::NetworkConnection,
    ActionKind::DigitalEquipment,
    ActionKind::ProcessAutomation,
    ActionKind::ProcessData,
    ActionKind::System,
    ActionKind::Integrate,
];

/// What one unit of an action kind is ([`ActionKind::unit`]).
pub fn unit_label(kind: ActionKind, mode: ProductionMode) -> Text {
    kind.unit(mode)
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
pub fn unit_cost(engine: &Engine, q: &Questionnaire, kind: ActionKind) -> Option<UnitCost> {
    let own = match kind {
        ActionKind::CncUnit => q.cost_estimates.cnc_unit_wan,
        ActionKind::Robot => q.cost_estimates.robot_wan,
        ActionKind::NetworkConnection => q.cost_estimates.network_connection_wan,
        _ => None,
    };
    let (wan, source) = match own {
        Some(w) => (w.get(), CostSource::Questionnaire),
        None => (
            *engine.criteria.default_unit_costs_wan.get(kind.as_str())?,
            CostSource::Default,
        ),
    };
    Some(UnitCost {
        kind,
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

//! Derived facts (推导事实): the ones no single questionnaire field gives,
//! written by hand — "new in the data year" (新认定), the logistics rating
//! steps, the 数控和智能制造企业 confirmation, indicators, criteria verdicts
//! the maturity level and the smart-factory facts read by the ladder pack
//! (CMMM level, level recognised, dimensions covered). Everything else is a plain fact ([`super::plain`]).

use super::{Fact, Facts, Kind, Spec};
use crate::criteria::{CriterionResult, Status};
use crate::indicators::Indicators;
use crate::maturity::Maturity;
use crate::questionnaire::{Questionnaire, SceneDimension};
use std::borrow::Cow;
use std::sync::LazyLock;

const STATUS: &[&str] = &["met", "not_met", "not_applicable"];

macro_rules! spec {
    ($name:expr, $kind:ident, $from:expr) => {
        spec!($name, $kind, $from, &[])
    };
    ($name:expr, $kind:ident, $from:expr, $ids:expr) => {
        Spec {
            name: $name,
            kind: Kind::$kind,
            from: $from,
            ids: $ids,
        }
    };
}

/// The derived facts, after the plain ones in the registry. Item fields are
/// listed as `items.field`.
pub const SPECS: &[Spec] = &[
    spec!(
        "enterprise.cnc_smart_manufacturing",
        Id,
        "enterprise.cnc_smart_manufacturing_enterprise: yes / no / unconfirmed (absent)",
        &["yes", "no", "unconfirmed"]
    ),
    spec!(
        "recognitions.smart_factory_new",
        Bool,
        "recognitions.smart_factory_year = enterprise.data_year"
    ),
    spec!(
        "recognitions.digital_workshop_new",
        Bool,
        "recognitions.digital_workshop_year = enterprise.data_year"
    ),
    spec!(
        "recognitions.smart_factory_any",
        Bool,
        "recognitions.smart_factory_year is set"
    ),
    spec!(
        "recognitions.digital_workshop_any",
        Bool,
        "recognitions.digital_workshop_year is set"
    ),
    spec!(
        "recognitions.public_tech_platform_new",
        Bool,
        "public_tech_platform_year = data year (flag set, year absent = unknown)"
    ),
    spec!(
        "recognitions.new_research_institution_new",
        Bool,
        "new_research_institution_year = data year (flag set, year absent = unknown)"
    ),
    spec!(
        "recognitions.business_model_innovation_demo_new",
        Bool,
        "business_model_innovation_demo_year = data year (flag set, year absent = unknown)"
    ),
    spec!(
        "recognitions.service_manufacturing_demo_new",
        Bool,
        "service_manufacturing_demo_year = data year (flag set, year absent = unknown)"
    ),
    spec!(
        "recognitions.industrial_design_center_new",
        Bool,
        "recognitions.industrial_design_center.year = data year (unknown when the year is absent)"
    ),
    spec!(
        "projects.maker_space_new",
        Bool,
        "projects.maker_space.evaluated_year = data year (space set, year absent = unknown)"
    ),
    spec!(
        "projects.maker_space_operator_new",
        Bool,
        "projects.maker_space_operator_introduced_year = data year (absent = false)"
    ),
    spec!(
        "projects.maker_space.evaluated",
        Bool,
        "projects.maker_space.operating_well is set (evaluated, either way)"
    ),
    spec!(
        "projects.online_business_park_new",
        Bool,
        "projects.online_business_park_year = data year (park set, year absent = unknown)"
    ),
    spec!(
        "design.design_transfer_demo_new",
        Bool,
        "design.design_transfer_demo_year = data year (projects > 0, year absent = unknown)"
    ),
    spec!(
        "projects.first_set_equipment.new",
        Bool,
        "item field: recognition_year = data year (absent when the year is)"
    ),
    spec!(
        "projects.demo_lines.new",
        Bool,
        "item field: listed_year = data year (absent when the year is)"
    ),
    spec!(
        "logistics.warehouses.new",
        Bool,
        "item field: built_year = data year (absent when the year is)"
    ),
    spec!(
        "recognitions.tech_centers.new",
        Bool,
        "item field: year = data year (absent when the year is)"
    ),
    spec!(
        "logistics.first_rating",
        Bool,
        "logistics.rating set and logistics.previous_rating absent"
    ),
    spec!(
        "logistics.rating_steps_up",
        Number,
        "levels gained over logistics.previous_rating (0 when first rated)"
    ),
    spec!("maturity.level", Number, "estimated maturity level 0–5"),
    spec!(
        "digital_level.level",
        Number,
        "level pack (score sheet): SME digital level 0–4, 0 = below 一级; unknown when data is missing"
    ),
    spec!(
        "digital_level.score",
        Number,
        "level pack (score sheet): SME digital-level score, points of 100; unknown when an item is"
    ),
    spec!(
        "smart_factory.cmmm_level",
        Number,
        "smart_factory.cmmm_self_assessed_level (c3mep.cn), else the estimated maturity level"
    ),
    spec!(
        "smart_factory.cmmm_estimated",
        Bool,
        "smart_factory.cmmm_level is the estimate (no c3mep.cn self-assessment given)"
    ),
    spec!(
        "smart_factory.recognised_level",
        Number,
        "highest smart-factory level with a year given (0 none, 1 基础级 … 4 领航级)"
    ),
    spec!(
        "smart_factory.covers_factory_construction",
        Bool,
        "工厂建设 in smart_factory.dimensions_covered (unknown when the list is absent)"
    ),
    spec!(
        "smart_factory.covers_rd_design",
        Bool,
        "研发设计 in smart_factory.dimensions_covered (unknown when the list is absent)"
    ),
    spec!(
        "smart_factory.covers_production_operations",
        Bool,
        "生产作业 in smart_factory.dimensions_covered (unknown when the list is absent)"
    ),
    spec!(
        "smart_factory.covers_production_management",
        Bool,
        "生产管理 in smart_factory.dimensions_covered (unknown when the list is absent)"
    ),
    spec!(
        "smart_factory.covers_operations_management",
        Bool,
        "运营管理 in smart_factory.dimensions_covered (unknown when the list is absent)"
    ),
    spec!(
        "smart_factory.level",
        Number,
        "smart-factory level the ladder pack places the factory at (0 none, 1 基础级 … 4 领航级)"
    ),
    spec!("indicators.cnc_ratio", Number, "indicator"),
    spec!("indicators.automation_rate", Number, "indicator"),
    spec!("indicators.robot_density", Number, "indicator"),
    spec!("indicators.networking_rate", Number, "indicator"),
    spec!("indicators.online_sales_share", Number, "indicator"),
    spec!(
        "indicators.online_sales_share_incl_distribution",
        Number,
        "indicator"
    ),
    spec!(
        "criteria.automated_digital_enterprise",
        Id,
        "criterion status",
        STATUS
    ),
    spec!("criteria.digital_workshop", Id, "criterion status", STATUS),
    spec!("criteria.smart_factory", Id, "criterion status", STATUS),
    spec!(
        "upgrades.smart_demo_factory_new",
        Bool,
        "upgrades.smart_demo_factory.year = data year (factory set, year absent = unknown)"
    ),
];

/// Position of a derived fact in [`SPECS`], found while compiling: [`fill`]
/// names each fact it sets as a literal, so a misspelt name is a build error
/// rather than a fact that silently never arrives.
const fn index(name: &str) -> usize {
    let mut i = 0;
    while i < SPECS.len() {
        let (a, b) = (SPECS[i].name.as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("derived fact not in SPECS")
}

/// Each scene-construction dimension and its `smart_factory.covers_*` fact.
const COVERS: [(SceneDimension, usize); 5] = [
    (
        SceneDimension::FactoryConstruction,
        index("smart_factory.covers_factory_construction"),
    ),
    (
        SceneDimension::RdDesign,
        index("smart_factory.covers_rd_design"),
    ),
    (
        SceneDimension::ProductionOperations,
        index("smart_factory.covers_production_operations"),
    ),
    (
        SceneDimension::ProductionManagement,
        index("smart_factory.covers_production_management"),
    ),
    (
        SceneDimension::OperationsManagement,
        index("smart_factory.covers_operations_management"),
    ),
];

/// The smart-factory facts: the CMMM level a gate reads (c3mep.cn
/// self-assessment first, the estimate otherwise — flagged, since an
/// application needs the platform's own), the level already recognised,
/// and each dimension covered. `smart_factory.level` is set by the ladder.
fn smart_factory(f: &mut Facts, base: usize, q: &Questionnaire, maturity: &Maturity) {
    let sf = &q.smart_factory;
    let num = |n: u8| Some(Fact::Num(n.into()));
    let (cmmm, estimated) = match (sf.cmmm_self_assessed_level, maturity.level) {
        (Some(l), _) => (num(l), yes(false)),
        (None, Some(l)) => (num(l), yes(true)),
        (None, None) => (None, None),
    };
    f.set(base + const { index("smart_factory.cmmm_level") }, cmmm);
    f.set(
        base + const { index("smart_factory.cmmm_estimated") },
        estimated,
    );
    f.set(
        base + const { index("smart_factory.recognised_level") },
        num(sf.recognised_level()),
    );
    for (d, i) in COVERS {
        let covered = sf.dimensions_covered.as_ref().map(|l| l.contains(&d));
        f.set(base + i, covered.map(Fact::Bool));
    }
}

/// "New in the data year" for a one-off grant: false when the thing is not
/// there, unknown when it is but its year is not given (a missing year is
/// missing data, never "assume this year"), else whether the year is the
/// data year.
fn new_in(present: bool, year: Option<i32>, data_year: i32) -> Option<Fact> {
    match (present, year) {
        (false, _) => Some(Fact::Bool(false)),
        (true, None) => None,
        (true, Some(y)) => Some(Fact::Bool(y == data_year)),
    }
}

fn yes(b: bool) -> Option<Fact> {
    Some(Fact::Bool(b))
}

/// The slots of the lists of dated records, looked up once.
static DATED: LazyLock<[Option<usize>; 4]> = LazyLock::new(|| {
    [
        "projects.first_set_equipment",
        "projects.demo_lines",
        "logistics.warehouses",
        "recognitions.tech_centers",
    ]
    .map(super::slot)
});

/// Set each item's `new` (its year is the data year), only when the year is given.
fn items_new(
    f: &mut Facts,
    slot: Option<usize>,
    years: impl Iterator<Item = Option<i32>>,
    data_year: i32,
) {
    let Some(list) = slot.and_then(|i| f.items_mut(i)) else {
        return;
    };
    for (m, year) in list.iter_mut().zip(years) {
        if let Some(y) = year {
            m.insert("new".into(), Fact::Bool(y == data_year));
        }
    }
}

/// Fill the derived facts; `base` is the slot of the first one.
pub(super) fn fill(
    f: &mut Facts,
    base: usize,
    q: &Questionnaire,
    ind: &Indicators,
    criteria: &[CriterionResult],
    maturity: &Maturity,
) {
    let year = q.enterprise.data_year;
    let (r, p, lg) = (&q.recognitions, &q.projects, &q.logistics);
    macro_rules! put {
        ($name:expr, $v:expr $(,)?) => {{
            const I: usize = index($name);
            f.set(base + I, $v)
        }};
    }
    put!(
        "enterprise.cnc_smart_manufacturing",
        Some(Fact::Id(Cow::Borrowed(
            match q.enterprise.cnc_smart_manufacturing_enterprise {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unconfirmed",
            }
        ))),
    );
    put!(
        "recognitions.smart_factory_new",
        yes(r.smart_factory_year == Some(year))
    );
    put!(
        "recognitions.digital_workshop_new",
        yes(r.digital_workshop_year == Some(year))
    );
    put!(
        "recognitions.smart_factory_any",
        yes(r.smart_factory_year.is_some())
    );
    put!(
        "recognitions.digital_workshop_any",
        yes(r.digital_workshop_year.is_some())
    );
    let flagged = |b: Option<bool>| b == Some(true);
    put!(
        "recognitions.public_tech_platform_new",
        new_in(
            flagged(r.public_tech_platform_with_city_funds),
            r.public_tech_platform_year,
            year
        ),
    );
    put!(
        "recognitions.new_research_institution_new",
        new_in(
            flagged(r.new_research_institution),
            r.new_research_institution_year,
            year
        ),
    );
    put!(
        "recognitions.business_model_innovation_demo_new",
        new_in(
            flagged(r.business_model_innovation_demo),
            r.business_model_innovation_demo_year,
            year
        ),
    );
    put!(
        "recognitions.service_manufacturing_demo_new",
        new_in(
            flagged(r.service_manufacturing_demo),
            r.service_manufacturing_demo_year,
            year
        ),
    );
    let idc = r.industrial_design_center.as_ref();
    put!(
        "recognitions.industrial_design_center_new",
        new_in(idc.is_some(), idc.and_then(|x| x.year), year),
    );
    let ms = p.maker_space.as_ref();
    put!(
        "projects.maker_space_new",
        new_in(ms.is_some(), ms.and_then(|m| m.evaluated_year), year),
    );
    put!(
        "projects.maker_space_operator_new",
        yes(p.maker_space_operator_introduced_year == Some(year)),
    );
    put!(
        "projects.maker_space.evaluated",
        yes(ms.and_then(|m| m.operating_well).is_some()),
    );
    put!(
        "projects.online_business_park_new",
        new_in(
            p.online_business_park.is_some(),
            p.online_business_park_year,
            year
        ),
    );
    let demo = q.upgrades.smart_demo_factory.as_ref();
    put!(
        "upgrades.smart_demo_factory_new",
        new_in(demo.is_some(), demo.and_then(|x| x.year), year),
    );
    let d = &q.design;
    put!(
        "design.design_transfer_demo_new",
        new_in(
            d.design_transfer_demo_projects.unwrap_or(0) > 0,
            d.design_transfer_demo_year,
            year
        ),
    );
    put!(
        "logistics.first_rating",
        yes(lg.rating.is_some() && lg.previous_rating.is_none()),
    );
    let steps = match (lg.rating, lg.previous_rating) {
        (Some(now), Some(before)) if now > before => now as i64 - before as i64,
        _ => 0,
    };
    put!("logistics.rating_steps_up", Some(Fact::Num(steps.into())));
    put!(
        "maturity.level",
        maturity.level.map(|l| Fact::Num(l.into()))
    );
    smart_factory(f, base, q, maturity);
    items(f, q);
    for (i, s) in SPECS.iter().enumerate() {
        if let Some(id) = s.name.strip_prefix("indicators.") {
            f.set(base + i, ind.value(id).map(Fact::Num));
        } else if let Some(id) = s.name.strip_prefix("criteria.") {
            let v = criteria
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| status(c.status));
            f.set(base + i, v.map(|x| Fact::Id(x.into())));
        }
    }
}

/// The `new` item field of each list of dated records.
fn items(f: &mut Facts, q: &Questionnaire) {
    let year = q.enterprise.data_year;
    let p = &q.projects;
    let [first_set, demo_lines, warehouses, tech_centers] = *DATED;
    let first_set_years = p.first_set_equipment.iter().flatten();
    items_new(
        f,
        first_set,
        first_set_years.map(|x| x.recognition_year),
        year,
    );
    let demo_years = p.demo_lines.iter().flatten().map(|x| x.listed_year);
    items_new(f, demo_lines, demo_years, year);
    let built = q
        .logistics
        .warehouses
        .iter()
        .flatten()
        .map(|x| x.built_year);
    items_new(f, warehouses, built, year);
    let centres = q.recognitions.tech_centers.iter().flatten().map(|x| x.year);
    items_new(f, tech_centers, centres, year);
}

/// A criterion's status as a fact id; unknown is no value.
fn status(s: Status) -> Option<&'static str> {
    match s {
        Status::Met => Some("met"),
        Status::NotMet => Some("not_met"),
        Status::NotApplicable => Some("not_applicable"),
        Status::Unknown => None,
    }
}

//! The hand-written `build()` this registry replaced (commit f089c3e), kept
//! only as the oracle of the test that the derived facts have the same values.
#![allow(clippy::all)]

use super::variant;
use super::*;
use crate::criteria::{CriterionResult, Status};
use crate::money::Wan;

/// A 万元 amount in CNY. [`Wan`] is at most 10^10, so × 10,000 cannot overflow.
fn wan(v: Option<Wan>) -> Option<Fact> {
    v.map(|x| Fact::Num(x.get() * Decimal::from(10_000)))
}
fn num<T: Into<Decimal>>(v: Option<T>) -> Option<Fact> {
    v.map(|x| Fact::Num(x.into()))
}
fn flag(v: Option<bool>) -> Option<Fact> {
    v.map(Fact::Bool)
}
fn flag_or_false(v: Option<bool>) -> Option<Fact> {
    Some(Fact::Bool(v.unwrap_or(false)))
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

/// The item field `new`, set only when the item's year is given.
fn put_new(m: &mut BTreeMap<String, Fact>, year: Option<i32>, data_year: i32) {
    if let Some(y) = year {
        m.insert("new".into(), Fact::Bool(y == data_year));
    }
}

/// An enum's id: its serde name, borrowed (no allocation per enterprise).
fn id_of<T: Serialize>(v: &T) -> Cow<'static, str> {
    Cow::Borrowed(variant::name(v).unwrap_or(""))
}

fn tally<T: Serialize>(v: &Option<Vec<T>>) -> Option<Fact> {
    let mut m = BTreeMap::new();
    for x in v.iter().flatten() {
        *m.entry(id_of(x).into_owned()).or_insert(0) += 1;
    }
    Some(Fact::Tally(m))
}

/// Build every registered fact.
pub(crate) fn build(
    q: &Questionnaire,
    ind: &Indicators,
    criteria: &[CriterionResult],
    maturity: &Maturity,
) -> Facts {
    let e = &q.enterprise;
    let year = e.data_year;
    let r = &q.recognitions;
    let p = &q.projects;
    let mut f = Facts::default();
    // The slot of a literal name is resolved while compiling.
    macro_rules! put {
        ($name:expr, $v:expr $(,)?) => {{
            f.set_named($name, $v).expect($name)
        }};
    }
    put!("enterprise.sector", Some(Fact::Id(e.sector.id().into())));
    put!(
        "enterprise.production_mode",
        Some(Fact::Id(id_of(&e.production_mode))),
    );
    put!(
        "enterprise.above_designated_size",
        flag(e.above_designated_size),
    );
    put!("enterprise.data_year", Some(Fact::Num(year.into())));
    put!(
        "enterprise.headquartered_in_district",
        flag(e.headquartered_in_district),
    );
    put!("enterprise.main_revenue", wan(e.main_revenue_wan));
    put!("enterprise.industrial_output", wan(e.industrial_output_wan));
    put!("enterprise.rd_expense", wan(e.rd_expense_wan));
    put!(
        "enterprise.new_tax_district_retained",
        wan(e.new_tax_district_retained_wan),
    );
    put!(
        "enterprise.smart_equipment_maker",
        flag_or_false(e.smart_equipment_maker),
    );
    put!(
        "enterprise.cnc_smart_manufacturing",
        Some(Fact::Id(Cow::Borrowed(
            match e.cnc_smart_manufacturing_enterprise {
                Some(true) => "yes",
                Some(false) => "no",
                None => "unconfirmed",
            }
        ))),
    );
    put!(
        "enterprise.high_tech_enterprise",
        flag_or_false(e.high_tech_enterprise),
    );
    put!(
        "projects.rd_intangibles_amortised_cost",
        wan(Some(
            p.rd_intangibles_amortised_cost_wan.unwrap_or_default()
        )),
    );
    put!(
        "projects.rd_amortisation_years",
        num(Some(p.rd_amortisation_years.unwrap_or(10))),
    );
    put!(
        "recognitions.smart_factory_new",
        Some(Fact::Bool(r.smart_factory_year == Some(year))),
    );
    put!(
        "recognitions.digital_workshop_new",
        Some(Fact::Bool(r.digital_workshop_year == Some(year))),
    );
    put!(
        "recognitions.smart_factory_any",
        Some(Fact::Bool(r.smart_factory_year.is_some())),
    );
    put!(
        "recognitions.digital_workshop_any",
        Some(Fact::Bool(r.digital_workshop_year.is_some())),
    );
    put!(
        "recognitions.cnc_generation_demo_enterprise",
        flag_or_false(r.cnc_generation_demo_enterprise),
    );
    put!(
        "recognitions.public_tech_platform_with_city_funds",
        flag_or_false(r.public_tech_platform_with_city_funds),
    );
    put!(
        "recognitions.new_research_institution",
        flag_or_false(r.new_research_institution),
    );
    put!(
        "recognitions.tech_centers",
        Some(Fact::Items(
            r.tech_centers
                .iter()
                .flatten()
                .map(|t| {
                    let mut m = BTreeMap::from([
                        ("kind".to_string(), Fact::Id(id_of(&t.kind))),
                        ("level".to_string(), Fact::Id(id_of(&t.level))),
                    ]);
                    put_new(&mut m, t.year, year);
                    m
                })
                .collect(),
        )),
    );
    put!(
        "recognitions.industrial_design_center_level",
        Some(Fact::Id(
            r.industrial_design_center
                .as_ref()
                .map(|x| id_of(&x.level))
                .unwrap_or_else(|| "none".into()),
        )),
    );
    let idc = r.industrial_design_center.as_ref();
    put!(
        "recognitions.industrial_design_center_new",
        new_in(idc.is_some(), idc.and_then(|x| x.year), year),
    );
    put!(
        "recognitions.public_tech_platform_new",
        new_in(
            r.public_tech_platform_with_city_funds == Some(true),
            r.public_tech_platform_year,
            year
        ),
    );
    put!(
        "recognitions.new_research_institution_new",
        new_in(
            r.new_research_institution == Some(true),
            r.new_research_institution_year,
            year
        ),
    );
    put!(
        "recognitions.business_model_innovation_demo_new",
        new_in(
            r.business_model_innovation_demo == Some(true),
            r.business_model_innovation_demo_year,
            year
        ),
    );
    put!(
        "recognitions.service_manufacturing_demo_new",
        new_in(
            r.service_manufacturing_demo == Some(true),
            r.service_manufacturing_demo_year,
            year
        ),
    );
    put!(
        "recognitions.business_model_innovation_demo",
        flag_or_false(r.business_model_innovation_demo),
    );
    put!(
        "recognitions.service_manufacturing_demo",
        flag_or_false(r.service_manufacturing_demo),
    );
    let ip = &q.ip_and_brands;
    put!(
        "ip_and_brands.invention_patents_granted",
        num(Some(ip.invention_patents_granted.unwrap_or(0))),
    );
    put!("ip_and_brands.patent_prizes", tally(&ip.patent_prizes));
    put!("ip_and_brands.standards", tally(&ip.standards));
    put!("ip_and_brands.brand_titles", tally(&ip.brand_titles));
    put!("ip_and_brands.quality_prizes", tally(&ip.quality_prizes));
    put!(
        "projects.smart_equipment_rd",
        flag_or_false(p.smart_equipment_rd),
    );
    put!(
        "projects.smart_equipment_rd_supported_by_province_or_city",
        flag(p.smart_equipment_rd_supported_by_province_or_city),
    );
    put!(
        "projects.first_set_equipment",
        Some(Fact::Items(
            p.first_set_equipment
                .iter()
                .flatten()
                .map(|x| {
                    let mut m = BTreeMap::from([
                        ("scope".to_string(), Fact::Id(id_of(&x.scope))),
                        (
                            "recognised_by_province".to_string(),
                            Fact::Bool(x.recognised_by_province),
                        ),
                        (
                            "major_innovation_recognised".to_string(),
                            Fact::Bool(x.major_innovation_recognised),
                        ),
                    ]);
                    if let Some(v) = wan(x.sale_price_wan) {
                        m.insert("sale_price".into(), v);
                    }
                    if let Some(v) = wan(x.development_cost_wan) {
                        m.insert("development_cost".into(), v);
                    }
                    put_new(&mut m, x.recognition_year, year);
                    m
                })
                .collect(),
        )),
    );
    put!(
        "projects.demo_lines",
        Some(Fact::Items(
            p.demo_lines
                .iter()
                .flatten()
                .map(|x| {
                    let mut m = BTreeMap::from([
                        (
                            "with_research_institute".to_string(),
                            Fact::Bool(x.with_research_institute),
                        ),
                        (
                            "listed_as_key_demo".to_string(),
                            Fact::Bool(x.listed_as_key_demo),
                        ),
                    ]);
                    if let Some(v) = wan(x.investment_wan) {
                        m.insert("investment".into(), v);
                    }
                    put_new(&mut m, x.listed_year, year);
                    m
                })
                .collect(),
        )),
    );
    put!(
        "projects.major_cnc_rd_projects",
        num(Some(p.major_cnc_rd_projects.unwrap_or(0))),
    );
    put!("projects.rd_expensed", wan(p.rd_expensed_wan));
    put!("projects.rd_intangible_cost", wan(p.rd_intangible_cost_wan));
    put!(
        "projects.maker_space",
        Some(Fact::Bool(p.maker_space.is_some())),
    );
    let ms = p.maker_space.as_ref();
    put!(
        "projects.maker_space.area_m2",
        num(ms.and_then(|m| m.area_m2)),
    );
    put!(
        "projects.maker_space.investment",
        wan(ms.and_then(|m| m.investment_wan)),
    );
    put!(
        "projects.maker_space.operating_well",
        flag(ms.and_then(|m| m.operating_well)),
    );
    put!(
        "projects.maker_space.evaluated",
        Some(Fact::Bool(ms.and_then(|m| m.operating_well).is_some())),
    );
    put!(
        "projects.maker_space_new",
        new_in(ms.is_some(), ms.and_then(|m| m.evaluated_year), year),
    );
    put!(
        "projects.maker_space_operator_new",
        Some(Fact::Bool(
            p.maker_space_operator_introduced_year == Some(year)
        )),
    );
    put!(
        "ecommerce.settled_in_online_business_park",
        flag_or_false(q.ecommerce.settled_in_online_business_park),
    );
    put!(
        "projects.online_business_park_new",
        new_in(
            p.online_business_park.is_some(),
            p.online_business_park_year,
            year
        ),
    );
    put!(
        "projects.ecommerce_platform_docking",
        flag_or_false(p.ecommerce_platform_docking),
    );
    put!(
        "projects.online_business_park",
        Some(Fact::Id(
            p.online_business_park
                .map(|x| id_of(&x))
                .unwrap_or_else(|| "none".into()),
        )),
    );
    let pu = &q.purchases;
    put!(
        "purchases.cnc_generation_units",
        num(Some(pu.cnc_generation_units.unwrap_or(0))),
    );
    put!(
        "purchases.cnc_generation_invoice_ex_tax",
        wan(pu.cnc_generation_invoice_ex_tax_wan),
    );
    let ec = &q.ecommerce;
    put!(
        "ecommerce.original_online_brand",
        flag_or_false(ec.original_online_brand),
    );
    put!(
        "ecommerce.registered_and_settled_in_quanzhou",
        flag(ec.registered_and_settled_in_quanzhou),
    );
    put!(
        "ecommerce.traditional_brand",
        flag_or_false(ec.traditional_brand),
    );
    put!("ecommerce.online_sales", wan(ec.online_sales_wan));
    put!(
        "ecommerce.online_sales_incl_distribution",
        wan(ec.online_sales_incl_distribution_wan),
    );
    put!("ecommerce.total_sales", wan(ec.total_sales_wan));
    put!(
        "ecommerce.cross_border_logistics_cost",
        wan(Some(ec.cross_border_logistics_cost_wan.unwrap_or_default())),
    );
    let lg = &q.logistics;
    put!(
        "logistics.rating",
        Some(Fact::Id(
            lg.rating
                .map(|x| id_of(&x))
                .unwrap_or_else(|| "none".into()),
        )),
    );
    put!(
        "logistics.first_rating",
        Some(Fact::Bool(
            lg.rating.is_some() && lg.previous_rating.is_none(),
        )),
    );
    let steps = match (lg.rating, lg.previous_rating) {
        (Some(now), Some(before)) if now > before => now as i64 - before as i64,
        _ => 0,
    };
    put!("logistics.rating_steps_up", Some(Fact::Num(steps.into())));
    put!(
        "logistics.warehouses",
        Some(Fact::Items(
            lg.warehouses
                .iter()
                .flatten()
                .map(|w| {
                    let mut m = BTreeMap::from([
                        ("area_m2".to_string(), Fact::Num(w.area_m2.get())),
                        (
                            "ecommerce_clients_in_district".to_string(),
                            Fact::Num(w.ecommerce_clients_in_district.into()),
                        ),
                        (
                            "investment".to_string(),
                            Fact::Num(w.investment_wan.get() * Decimal::from(10_000)),
                        ),
                    ]);
                    put_new(&mut m, w.built_year, year);
                    m
                })
                .collect(),
        )),
    );
    put!(
        "logistics.receipt_guarantee_balance",
        wan(Some(lg.receipt_guarantee_balance_wan.unwrap_or_default())),
    );
    let d = &q.design;
    put!(
        "design.competitions_hosted",
        num(Some(d.competitions_hosted.unwrap_or(0))),
    );
    put!("design.competition_prizes", tally(&d.competition_prizes));
    put!(
        "design.student_workshops",
        num(Some(d.student_workshops.unwrap_or(0))),
    );
    put!(
        "design.design_transfer_demo_projects",
        num(Some(d.design_transfer_demo_projects.unwrap_or(0))),
    );
    put!(
        "design.design_transfer_demo_new",
        new_in(
            d.design_transfer_demo_projects.unwrap_or(0) > 0,
            d.design_transfer_demo_year,
            year
        ),
    );
    put!(
        "listing.venue",
        Some(Fact::Id(
            q.listing
                .venue
                .map(|x| id_of(&x))
                .unwrap_or_else(|| "none".into()),
        )),
    );
    put!(
        "maturity.level",
        maturity.level.map(|l| Fact::Num(l.into())),
    );
    for &(id, i) in &DERIVED.indicators {
        f.set_named(REGISTRY[i].name, ind.value(id).map(Fact::Num))
            .unwrap();
    }
    for c in criteria {
        if let Some(&(_, i)) = DERIVED.criteria.iter().find(|(id, _)| *id == c.id) {
            let v = match c.status {
                Status::Met => Some("met"),
                Status::NotMet => Some("not_met"),
                Status::NotApplicable => Some("not_applicable"),
                Status::Unknown => None,
            };
            f.set_named(REGISTRY[i].name, v.map(|x| Fact::Id(x.into())))
                .unwrap();
        }
    }
    f
}

/// The registered facts that repeat an indicator (`indicators.<id>`) or a
/// criterion's status (`criteria.<id>`): (id, slot), read off the registry once.
struct Derived {
    indicators: Vec<(&'static str, usize)>,
    criteria: Vec<(&'static str, usize)>,
}

static DERIVED: std::sync::LazyLock<Derived> = std::sync::LazyLock::new(|| {
    let with = |prefix: &str| {
        REGISTRY
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.name.strip_prefix(prefix).map(|id| (id, i)))
            .collect()
    };
    Derived {
        indicators: with("indicators."),
        criteria: with("criteria."),
    }
});

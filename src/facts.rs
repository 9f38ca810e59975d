//! Facts (事实): the named values policy conditions and amount rules read.
//!
//! A policy pack never reaches into the questionnaire struct; it names facts
//! from this registry, which is checked at load time. Money facts are in CNY
//! (元): the questionnaire's `*_wan` fields (万元) are multiplied by 10,000 and
//! lose the suffix, so `ecommerce.online_sales_wan: 2800` is the fact
//! `ecommerce.online_sales` = 28,000,000. Indicators, criteria and the
//! maturity level are facts too (`indicators.cnc_ratio`,
//! `criteria.smart_factory`, `maturity.level`).
//!
//! Absent values: figures (revenue, robots, sales) stay unknown, so a track
//! that needs them says which field to fill in. Achievements (recognitions,
//! prizes, patents, listing) default to "none": a questionnaire lists what a
//! factory has, and leaving a prize out means it has none.

use crate::criteria::{CriterionResult, Status};
use crate::indicators::Indicators;
use crate::maturity::Maturity;
use crate::money::Wan;
use crate::questionnaire::Questionnaire;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A fact value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Fact {
    /// A number (money in CNY, counts, ratios, years).
    Num(Decimal),
    /// Yes / no.
    Bool(bool),
    /// An id such as `ipo`, `national`, `met`.
    Id(Cow<'static, str>),
    /// How many of each id a list holds (e.g. patent prizes).
    Tally(BTreeMap<String, u32>),
    /// A list of records (projects), each with its own facts.
    Items(Vec<BTreeMap<String, Fact>>),
}

impl Fact {
    /// The number, if this is one.
    pub fn num(&self) -> Option<Decimal> {
        match self {
            Fact::Num(n) => Some(*n),
            _ => None,
        }
    }
}

/// Kinds of facts, for load-time checking of packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// CNY.
    Money,
    /// A plain number (count, ratio, year, level).
    Number,
    /// true / false.
    Bool,
    /// One id from a fixed set.
    Id,
    /// Counts by id.
    Tally,
    /// Records.
    Items,
}

/// One registered fact.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Spec {
    /// Fact name.
    pub name: &'static str,
    /// Kind.
    pub kind: Kind,
    /// The questionnaire field it comes from (or how it is derived).
    pub from: &'static str,
    /// Allowed ids, for `Id` and `Tally` facts and item fields.
    pub ids: &'static [&'static str],
}

const LEVELS: &[&str] = &["national", "provincial", "municipal"];
const STATUS: &[&str] = &["met", "not_met", "not_applicable"];

macro_rules! spec {
    ($name:expr, $kind:ident, $from:expr) => {
        Spec {
            name: $name,
            kind: Kind::$kind,
            from: $from,
            ids: &[],
        }
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

/// Every fact a pack may name. Item fields are listed as `items.field`.
pub const REGISTRY: &[Spec] = &[
    spec!(
        "enterprise.sector",
        Id,
        "enterprise.sector",
        &[
            "textile_footwear_apparel",
            "electronics_it",
            "machinery_auto_parts",
            "paper_product_equipment",
            "other"
        ]
    ),
    spec!(
        "enterprise.production_mode",
        Id,
        "enterprise.production_mode",
        &["discrete", "process"]
    ),
    spec!(
        "enterprise.above_designated_size",
        Bool,
        "enterprise.above_designated_size"
    ),
    spec!("enterprise.data_year", Number, "enterprise.data_year"),
    spec!(
        "enterprise.headquartered_in_district",
        Bool,
        "enterprise.headquartered_in_district"
    ),
    spec!(
        "enterprise.main_revenue",
        Money,
        "enterprise.main_revenue_wan × 10,000"
    ),
    spec!(
        "enterprise.industrial_output",
        Money,
        "enterprise.industrial_output_wan × 10,000"
    ),
    spec!(
        "enterprise.rd_expense",
        Money,
        "enterprise.rd_expense_wan × 10,000"
    ),
    spec!(
        "enterprise.new_tax_district_retained",
        Money,
        "enterprise.new_tax_district_retained_wan × 10,000"
    ),
    spec!(
        "enterprise.smart_equipment_maker",
        Bool,
        "enterprise.smart_equipment_maker (absent = false)"
    ),
    spec!(
        "enterprise.cnc_smart_manufacturing",
        Id,
        "enterprise.cnc_smart_manufacturing_enterprise: yes / no / unconfirmed (absent)",
        &["yes", "no", "unconfirmed"]
    ),
    spec!(
        "enterprise.high_tech_enterprise",
        Bool,
        "enterprise.high_tech_enterprise (absent = false)"
    ),
    spec!(
        "projects.rd_intangibles_amortised_cost",
        Money,
        "projects.rd_intangibles_amortised_cost_wan × 10,000 (absent = 0)"
    ),
    spec!(
        "projects.rd_amortisation_years",
        Number,
        "projects.rd_amortisation_years (absent = 10)"
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
        "recognitions.cnc_generation_demo_enterprise",
        Bool,
        "recognitions.cnc_generation_demo_enterprise (absent = false)"
    ),
    spec!(
        "recognitions.public_tech_platform_with_city_funds",
        Bool,
        "recognitions.public_tech_platform_with_city_funds (absent = false)"
    ),
    spec!(
        "recognitions.new_research_institution",
        Bool,
        "recognitions.new_research_institution (absent = false)"
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
        "ecommerce.settled_in_online_business_park",
        Bool,
        "ecommerce.settled_in_online_business_park (absent = false)"
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
        "recognitions.tech_centers",
        Items,
        "recognitions.tech_centers (absent = none)"
    ),
    spec!(
        "recognitions.tech_centers.kind",
        Id,
        "item field",
        &["enterprise_tech_center", "engineering_research_center"]
    ),
    spec!("recognitions.tech_centers.level", Id, "item field", LEVELS),
    spec!(
        "recognitions.tech_centers.new",
        Bool,
        "item field: year = data year (absent when the year is)"
    ),
    spec!(
        "recognitions.industrial_design_center_level",
        Id,
        "recognitions.industrial_design_center.level (absent = none)",
        LEVELS
    ),
    spec!(
        "recognitions.industrial_design_center_new",
        Bool,
        "recognitions.industrial_design_center.year = data year (unknown when the year is absent)"
    ),
    spec!(
        "recognitions.business_model_innovation_demo",
        Bool,
        "recognitions.business_model_innovation_demo (absent = false)"
    ),
    spec!(
        "recognitions.service_manufacturing_demo",
        Bool,
        "recognitions.service_manufacturing_demo (absent = false)"
    ),
    spec!(
        "ip_and_brands.invention_patents_granted",
        Number,
        "ip_and_brands.invention_patents_granted (absent = 0)"
    ),
    spec!(
        "ip_and_brands.patent_prizes",
        Tally,
        "ip_and_brands.patent_prizes (absent = none)",
        &[
            "china_gold",
            "china_excellence",
            "china_design_gold",
            "provincial_special",
            "provincial_first",
            "provincial_second",
            "municipal_major",
            "municipal_first",
            "municipal_second"
        ]
    ),
    spec!(
        "ip_and_brands.standards",
        Tally,
        "ip_and_brands.standards (absent = none)",
        &[
            "international_lead",
            "international",
            "national",
            "industry",
            "local"
        ]
    ),
    spec!(
        "ip_and_brands.brand_titles",
        Tally,
        "ip_and_brands.brand_titles (absent = none)",
        &[
            "china_well_known_trademark",
            "china_famous_brand_product",
            "provincial_famous_brand_product",
            "provincial_famous_trademark"
        ]
    ),
    spec!(
        "ip_and_brands.quality_prizes",
        Tally,
        "ip_and_brands.quality_prizes (absent = none)",
        &["fujian_quality_award", "quanzhou_quality_award"]
    ),
    spec!(
        "projects.smart_equipment_rd",
        Bool,
        "projects.smart_equipment_rd (absent = false)"
    ),
    spec!(
        "projects.smart_equipment_rd_supported_by_province_or_city",
        Bool,
        "projects.smart_equipment_rd_supported_by_province_or_city"
    ),
    spec!(
        "projects.first_set_equipment",
        Items,
        "projects.first_set_equipment (absent = none)"
    ),
    spec!(
        "projects.first_set_equipment.scope",
        Id,
        "item field",
        &["domestic", "provincial"]
    ),
    spec!(
        "projects.first_set_equipment.recognised_by_province",
        Bool,
        "item field"
    ),
    spec!(
        "projects.first_set_equipment.sale_price",
        Money,
        "item field sale_price_wan × 10,000"
    ),
    spec!(
        "projects.first_set_equipment.development_cost",
        Money,
        "item field development_cost_wan × 10,000"
    ),
    spec!(
        "projects.first_set_equipment.major_innovation_recognised",
        Bool,
        "item field"
    ),
    spec!(
        "projects.demo_lines",
        Items,
        "projects.demo_lines (absent = none)"
    ),
    spec!(
        "projects.demo_lines.with_research_institute",
        Bool,
        "item field"
    ),
    spec!("projects.demo_lines.listed_as_key_demo", Bool, "item field"),
    spec!(
        "projects.demo_lines.investment",
        Money,
        "item field investment_wan × 10,000"
    ),
    spec!(
        "projects.major_cnc_rd_projects",
        Number,
        "projects.major_cnc_rd_projects (absent = 0)"
    ),
    spec!(
        "projects.rd_expensed",
        Money,
        "projects.rd_expensed_wan × 10,000"
    ),
    spec!(
        "projects.rd_intangible_cost",
        Money,
        "projects.rd_intangible_cost_wan × 10,000"
    ),
    spec!("projects.maker_space", Bool, "projects.maker_space is set"),
    spec!(
        "projects.maker_space.area_m2",
        Number,
        "projects.maker_space.area_m2"
    ),
    spec!(
        "projects.maker_space.investment",
        Money,
        "projects.maker_space.investment_wan × 10,000"
    ),
    spec!(
        "projects.maker_space.operating_well",
        Bool,
        "projects.maker_space.operating_well"
    ),
    spec!(
        "projects.maker_space.evaluated",
        Bool,
        "projects.maker_space.operating_well is set (evaluated, either way)"
    ),
    spec!(
        "projects.ecommerce_platform_docking",
        Bool,
        "projects.ecommerce_platform_docking (absent = false)"
    ),
    spec!(
        "projects.online_business_park",
        Id,
        "projects.online_business_park (absent = none)",
        &["central", "branch"]
    ),
    spec!(
        "purchases.cnc_generation_units",
        Number,
        "purchases.cnc_generation_units (absent = 0)"
    ),
    spec!(
        "purchases.cnc_generation_invoice_ex_tax",
        Money,
        "purchases.cnc_generation_invoice_ex_tax_wan × 10,000"
    ),
    spec!(
        "ecommerce.original_online_brand",
        Bool,
        "ecommerce.original_online_brand (absent = false)"
    ),
    spec!(
        "ecommerce.registered_and_settled_in_quanzhou",
        Bool,
        "ecommerce.registered_and_settled_in_quanzhou"
    ),
    spec!(
        "ecommerce.traditional_brand",
        Bool,
        "ecommerce.traditional_brand (absent = false)"
    ),
    spec!(
        "ecommerce.online_sales",
        Money,
        "ecommerce.online_sales_wan × 10,000"
    ),
    spec!(
        "ecommerce.online_sales_incl_distribution",
        Money,
        "ecommerce.online_sales_incl_distribution_wan × 10,000"
    ),
    spec!(
        "ecommerce.total_sales",
        Money,
        "ecommerce.total_sales_wan × 10,000"
    ),
    spec!(
        "ecommerce.cross_border_logistics_cost",
        Money,
        "ecommerce.cross_border_logistics_cost_wan × 10,000 (absent = 0)"
    ),
    spec!(
        "logistics.rating",
        Id,
        "logistics.rating (absent = none)",
        &["3A", "4A", "5A"]
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
    spec!(
        "logistics.warehouses",
        Items,
        "logistics.warehouses (absent = none)"
    ),
    spec!("logistics.warehouses.area_m2", Number, "item field"),
    spec!(
        "logistics.warehouses.ecommerce_clients_in_district",
        Number,
        "item field"
    ),
    spec!(
        "logistics.warehouses.investment",
        Money,
        "item field investment_wan × 10,000"
    ),
    spec!(
        "logistics.receipt_guarantee_balance",
        Money,
        "logistics.receipt_guarantee_balance_wan × 10,000 (absent = 0)"
    ),
    spec!(
        "design.competitions_hosted",
        Number,
        "design.competitions_hosted (absent = 0)"
    ),
    spec!(
        "design.competition_prizes",
        Tally,
        "design.competition_prizes (absent = none)",
        &["first", "second", "third"]
    ),
    spec!(
        "design.student_workshops",
        Number,
        "design.student_workshops (absent = 0)"
    ),
    spec!(
        "design.design_transfer_demo_projects",
        Number,
        "design.design_transfer_demo_projects (absent = 0)"
    ),
    spec!(
        "listing.venue",
        Id,
        "listing.venue (absent = none)",
        &["ipo", "neeq", "haixia_quanzhou"]
    ),
    spec!("maturity.level", Number, "estimated maturity level 0–5"),
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
];

/// Facts that are shares of a whole (0.3 = 30%), shown as percentages.
/// The indicators with a ratio unit; robot density is per 10,000 workers.
pub const SHARES: &[&str] = &[
    "indicators.cnc_ratio",
    "indicators.automation_rate",
    "indicators.networking_rate",
    "indicators.online_sales_share",
    "indicators.online_sales_share_incl_distribution",
];

/// The questionnaire field to fill in when a derived fact is unknown: a
/// "new in the data year" fact is unknown when its year is missing, so the
/// reader is sent to the year, not to the fact's name. Item fields are
/// given by their leaf name.
const TO_FILL: &[(&str, &str)] = &[
    (
        "recognitions.public_tech_platform_new",
        "recognitions.public_tech_platform_year",
    ),
    (
        "recognitions.new_research_institution_new",
        "recognitions.new_research_institution_year",
    ),
    (
        "recognitions.business_model_innovation_demo_new",
        "recognitions.business_model_innovation_demo_year",
    ),
    (
        "recognitions.service_manufacturing_demo_new",
        "recognitions.service_manufacturing_demo_year",
    ),
    (
        "recognitions.industrial_design_center_new",
        "recognitions.industrial_design_center.year",
    ),
    (
        "projects.maker_space_new",
        "projects.maker_space.evaluated_year",
    ),
    (
        "projects.online_business_park_new",
        "projects.online_business_park_year",
    ),
    (
        "design.design_transfer_demo_new",
        "design.design_transfer_demo_year",
    ),
    ("projects.first_set_equipment.new", "recognition_year"),
    ("projects.demo_lines.new", "listed_year"),
    ("logistics.warehouses.new", "built_year"),
    ("recognitions.tech_centers.new", "year"),
];

/// The field to fill in for an unknown fact (see [`TO_FILL`]); the fact's
/// own name when it comes straight from a field.
pub fn to_fill(fact: &str) -> &str {
    TO_FILL
        .iter()
        .find(|(f, _)| *f == fact)
        .map(|(_, field)| *field)
        .unwrap_or(fact)
}

/// Whether a fact is a share (see [`SHARES`]).
pub fn is_share(name: &str) -> bool {
    SHARES.contains(&name)
}

/// Find a fact's spec.
pub fn spec(name: &str) -> Option<&'static Spec> {
    slot(name).map(|i| &REGISTRY[i])
}

/// Registered names in sorted order with their position in [`REGISTRY`],
/// for looking a name up by binary search.
static BY_NAME: std::sync::LazyLock<Vec<(&'static str, usize)>> = std::sync::LazyLock::new(|| {
    let mut v: Vec<(&'static str, usize)> = REGISTRY
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name, i))
        .collect();
    v.sort_unstable();
    v
});

/// Position of a registered fact in [`REGISTRY`].
pub fn slot(name: &str) -> Option<usize> {
    BY_NAME
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| BY_NAME[i].1)
}

/// Position of a registered fact, found while compiling: [`build`] names
/// each fact it sets as a literal, so a name missing from the registry is a
/// build error rather than a fact that silently never arrives.
pub const fn slot_of(name: &str) -> usize {
    let mut i = 0;
    while i < REGISTRY.len() {
        let (a, b) = (REGISTRY[i].name.as_bytes(), name.as_bytes());
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
    panic!("fact not in the registry")
}

/// The facts of one assessment, by position in [`REGISTRY`]. An entry is
/// `None` when the questionnaire does not give that fact (item fields, which
/// live inside `Items`), `Some(None)` when the fact is unknown.
///
/// A table rather than a map because a batch screening builds one per
/// enterprise and policy conditions read it a few hundred times each.
#[derive(Debug, Clone)]
pub struct Facts(Vec<Option<Option<Fact>>>);

impl Default for Facts {
    fn default() -> Facts {
        Facts(vec![None; REGISTRY.len()])
    }
}

impl Facts {
    /// A fact's value (`None` when unknown or unregistered).
    pub fn get(&self, name: &str) -> Option<&Fact> {
        slot(name).and_then(|i| self.at(i))
    }

    /// A fact's value by its position in [`REGISTRY`].
    pub fn at(&self, slot: usize) -> Option<&Fact> {
        self.0
            .get(slot)
            .and_then(|f| f.as_ref())
            .and_then(|f| f.as_ref())
    }

    /// Names of the facts this assessment gives (known or unknown).
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0
            .iter()
            .zip(REGISTRY)
            .filter(|(f, _)| f.is_some())
            .map(|(_, s)| s.name)
    }

    /// Set a registered fact by name (`None`: unknown), as a policy test
    /// case that gives facts directly does. `Err` when the name is not registered.
    pub fn set_named(&mut self, name: &str, v: Option<Fact>) -> Result<(), String> {
        let i = slot(name).ok_or_else(|| format!("unknown fact `{name}`"))?;
        self.set(i, v);
        Ok(())
    }

    fn set(&mut self, slot: usize, v: Option<Fact>) {
        if let Some(e) = self.0.get_mut(slot) {
            *e = Some(v);
        }
    }
}

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

/// The serde name of a unit enum variant, read by a serializer that accepts
/// nothing else. The questionnaire's enums name their ids with serde
/// attributes; reading them back this way keeps one source for each id.
mod variant {
    use serde::ser::{Impossible, Serialize, Serializer};

    /// Not a unit variant.
    #[derive(Debug)]
    pub struct NotUnit;

    impl std::fmt::Display for NotUnit {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("not a unit enum variant")
        }
    }

    impl std::error::Error for NotUnit {}

    impl serde::ser::Error for NotUnit {
        fn custom<T: std::fmt::Display>(_: T) -> NotUnit {
            NotUnit
        }
    }

    /// The variant's serde name, or `None` for anything but a unit variant.
    pub fn name<T: Serialize + ?Sized>(v: &T) -> Option<&'static str> {
        v.serialize(Name).ok()
    }

    struct Name;

    macro_rules! refuse {
        ($($f:ident($($t:ty),*)),* $(,)?) => {
            $(fn $f(self, $(_: $t),*) -> Result<&'static str, NotUnit> { Err(NotUnit) })*
        };
    }

    impl Serializer for Name {
        type Ok = &'static str;
        type Error = NotUnit;
        type SerializeSeq = Impossible<&'static str, NotUnit>;
        type SerializeTuple = Impossible<&'static str, NotUnit>;
        type SerializeTupleStruct = Impossible<&'static str, NotUnit>;
        type SerializeTupleVariant = Impossible<&'static str, NotUnit>;
        type SerializeMap = Impossible<&'static str, NotUnit>;
        type SerializeStruct = Impossible<&'static str, NotUnit>;
        type SerializeStructVariant = Impossible<&'static str, NotUnit>;

        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<&'static str, NotUnit> {
            Ok(variant)
        }

        refuse!(
            serialize_bool(bool),
            serialize_i8(i8),
            serialize_i16(i16),
            serialize_i32(i32),
            serialize_i64(i64),
            serialize_u8(u8),
            serialize_u16(u16),
            serialize_u32(u32),
            serialize_u64(u64),
            serialize_f32(f32),
            serialize_f64(f64),
            serialize_char(char),
            serialize_str(&str),
            serialize_bytes(&[u8]),
            serialize_none(),
            serialize_unit(),
            serialize_unit_struct(&'static str),
        );

        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<&'static str, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<&'static str, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<&'static str, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, NotUnit> {
            Err(NotUnit)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, NotUnit> {
            Err(NotUnit)
        }
    }

    #[cfg(test)]
    mod tests {
        use crate::questionnaire::{LogisticsRating, ProductionMode};

        #[test]
        fn names_are_the_serde_names() {
            assert_eq!(super::name(&ProductionMode::Process), Some("process"));
            assert_eq!(super::name(&LogisticsRating::A5), Some("5A"));
            assert_eq!(super::name(&3u8), None);
            assert_eq!(super::name("text"), None);
        }
    }
}
fn tally<T: Serialize>(v: &Option<Vec<T>>) -> Option<Fact> {
    let mut m = BTreeMap::new();
    for x in v.iter().flatten() {
        *m.entry(id_of(x).into_owned()).or_insert(0) += 1;
    }
    Some(Fact::Tally(m))
}

/// Build every registered fact.
pub fn build(
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
            const SLOT: usize = slot_of($name);
            f.set(SLOT, $v)
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
        f.set(i, ind.value(id).map(Fact::Num));
    }
    for c in criteria {
        if let Some(&(_, i)) = DERIVED.criteria.iter().find(|(id, _)| *id == c.id) {
            let v = match c.status {
                Status::Met => Some("met"),
                Status::NotMet => Some("not_met"),
                Status::NotApplicable => Some("not_applicable"),
                Status::Unknown => None,
            };
            f.set(i, v.map(|x| Fact::Id(x.into())));
        }
    }
    f
}

/// A fact value written in YAML (a policy test case's `facts:`), read by
/// the fact's kind: numbers for money (CNY) and numbers, true/false, an id,
/// `{id: count}` for a tally, a list of `{field: value}` for items; `null`
/// is unknown.
pub fn from_yaml(name: &str, v: &serde_yaml::Value) -> Result<Option<Fact>, String> {
    use serde_yaml::Value as V;
    let s = spec(name).ok_or_else(|| format!("unknown fact `{name}`"))?;
    let bad = || format!("`{name}` ({:?}) cannot be {v:?}", s.kind);
    let dec = |x: &V| -> Option<Decimal> {
        match x {
            V::Number(n) => n.to_string().parse().ok(),
            V::String(t) => t.parse().ok(),
            _ => None,
        }
    };
    if v.is_null() {
        return Ok(None);
    }
    let f = match s.kind {
        Kind::Money | Kind::Number => Fact::Num(dec(v).ok_or_else(bad)?),
        Kind::Bool => Fact::Bool(v.as_bool().ok_or_else(bad)?),
        Kind::Id => Fact::Id(Cow::Owned(v.as_str().ok_or_else(bad)?.to_string())),
        Kind::Tally => {
            let mut m = BTreeMap::new();
            for (k, n) in v.as_mapping().ok_or_else(bad)? {
                let k = k.as_str().ok_or_else(bad)?.to_string();
                let n = n
                    .as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(bad)?;
                m.insert(k, n);
            }
            Fact::Tally(m)
        }
        Kind::Items => {
            let mut list = Vec::new();
            for item in v.as_sequence().ok_or_else(bad)? {
                let mut m = BTreeMap::new();
                for (k, x) in item.as_mapping().ok_or_else(bad)? {
                    let k = k.as_str().ok_or_else(bad)?.to_string();
                    if let Some(f) = from_yaml(&format!("{name}.{k}"), x)? {
                        m.insert(k, f);
                    }
                }
                list.push(m);
            }
            Fact::Items(list)
        }
    };
    Ok(Some(f))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{ListingVenue, LogisticsRating, PatentPrize};
    use rust_decimal_macros::dec;

    fn facts(q: &Questionnaire) -> Facts {
        let pack = crate::criteria::default_pack();
        let ind = crate::indicators::compute(q);
        let m = crate::maturity::estimate(&pack.maturity, q, &ind);
        let c = crate::criteria::evaluate(&pack, q, &ind, &m);
        build(q, &ind, &c, &m)
    }

    #[test]
    fn money_is_converted_to_cny_and_ids_are_serde_names() {
        let mut q = Questionnaire::default();
        q.enterprise.data_year = 2017;
        q.ecommerce.online_sales_wan = Wan::new(dec!(2800));
        q.listing.venue = Some(ListingVenue::HaixiaQuanzhou);
        q.logistics.rating = Some(LogisticsRating::A5);
        q.logistics.previous_rating = Some(LogisticsRating::A3);
        q.ip_and_brands.patent_prizes = Some(vec![PatentPrize::ChinaGold, PatentPrize::ChinaGold]);
        let f = facts(&q);
        assert_eq!(
            f.get("ecommerce.online_sales"),
            Some(&Fact::Num(dec!(28000000)))
        );
        assert_eq!(f.get("ecommerce.total_sales"), None);
        assert_eq!(
            f.get("listing.venue"),
            Some(&Fact::Id("haixia_quanzhou".into()))
        );
        assert_eq!(f.get("logistics.rating"), Some(&Fact::Id("5A".into())));
        assert_eq!(
            f.get("logistics.rating_steps_up"),
            Some(&Fact::Num(dec!(2)))
        );
        match f.get("ip_and_brands.patent_prizes") {
            Some(Fact::Tally(t)) => assert_eq!(t.get("china_gold"), Some(&2)),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_built_fact_is_registered_and_vice_versa() {
        let f = facts(&Questionnaire::default());
        let built: Vec<&str> = f.names().collect();
        for s in REGISTRY.iter().filter(|s| s.from != "item field") {
            let top = s.name;
            let is_item_field = REGISTRY
                .iter()
                .any(|p| p.kind == Kind::Items && top.starts_with(&format!("{}.", p.name)));
            if !is_item_field {
                assert!(built.contains(&top), "{top} registered but never built");
            }
        }
    }
}

//! Facts (事实): the named values policy conditions and amount rules read.
//!
//! A policy pack never reaches into the questionnaire struct; it names facts
//! from this registry, which is checked at load time. The registry has two
//! parts: plain facts, derived from the questionnaire types ([`plain`]: every
//! field is a fact without a line of code here), and the derived facts written
//! by hand ([`derived`]). Money facts are in CNY
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

mod derived;
mod plain;
#[cfg(test)]
mod tests;
mod variant;

pub use plain::ANNOTATION;

use crate::criteria::CriterionResult;
use crate::indicators::Indicators;
use crate::maturity::Maturity;
use crate::questionnaire::Questionnaire;
use rust_decimal::Decimal;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::LazyLock;

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
    (
        "smart_factory.cmmm_level",
        "smart_factory.cmmm_self_assessed_level",
    ),
    (
        "smart_factory.cmmm_estimated",
        "smart_factory.cmmm_self_assessed_level",
    ),
    // The ladder's level is unknown when a 基础级 gate is: the section to fill in.
    ("smart_factory.level", "smart_factory"),
    (
        "smart_factory.covers_factory_construction",
        "smart_factory.dimensions_covered",
    ),
    (
        "smart_factory.covers_rd_design",
        "smart_factory.dimensions_covered",
    ),
    (
        "smart_factory.covers_production_operations",
        "smart_factory.dimensions_covered",
    ),
    (
        "smart_factory.covers_production_management",
        "smart_factory.dimensions_covered",
    ),
    (
        "smart_factory.covers_operations_management",
        "smart_factory.dimensions_covered",
    ),
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

/// The registry, built once: the plain facts in questionnaire order, then
/// the derived ones; the walk's tree; every slot's value before an
/// assessment fills it; names sorted for lookup.
struct Built {
    specs: Vec<Spec>,
    root: plain::Node,
    start: Vec<Option<Option<Fact>>>,
    by_name: Vec<(&'static str, usize)>,
}

static BUILT: LazyLock<Built> = LazyLock::new(|| {
    let p = plain::registry();
    let mut specs = p.specs;
    let mut start = p.start;
    specs.extend_from_slice(derived::SPECS);
    // Derived facts are unknown until filled; their item fields are never slots.
    start.resize(specs.len(), Some(None));
    let mut by_name: Vec<(&'static str, usize)> =
        specs.iter().enumerate().map(|(i, s)| (s.name, i)).collect();
    by_name.sort_unstable();
    Built {
        specs,
        root: p.root,
        start,
        by_name,
    }
});

/// Every fact a pack may name, as a slice of [`Spec`]s (`REGISTRY.iter()`,
/// `REGISTRY[i]`, `for s in REGISTRY`). Item fields are listed as `items.field`.
pub const REGISTRY: Registry = Registry;

/// The registry's handle (see [`REGISTRY`]): built on first use.
#[derive(Debug, Clone, Copy)]
pub struct Registry;

impl std::ops::Deref for Registry {
    type Target = [Spec];
    fn deref(&self) -> &'static [Spec] {
        &BUILT.specs
    }
}

impl IntoIterator for Registry {
    type Item = &'static Spec;
    type IntoIter = std::slice::Iter<'static, Spec>;
    fn into_iter(self) -> Self::IntoIter {
        BUILT.specs.iter()
    }
}

/// Find a fact's spec.
pub fn spec(name: &str) -> Option<&'static Spec> {
    slot(name).map(|i| &BUILT.specs[i])
}

/// Position of a registered fact in [`REGISTRY`].
pub fn slot(name: &str) -> Option<usize> {
    let by_name = &BUILT.by_name;
    by_name
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| by_name[i].1)
}

/// One slot of an assessment's facts.
#[derive(Debug, Clone, Default)]
enum Entry {
    /// Not set by this assessment: the registry's start value holds
    /// (unknown, an annotated absent value, or no fact for an item field).
    #[default]
    Start,
    /// Set (`None`: unknown).
    Set(Option<Fact>),
}

/// The facts of one assessment, by position in [`REGISTRY`]. A fact is
/// not given when it has no value at all (item fields, which live inside
/// `Items`), unknown when it is given without a value.
///
/// A table rather than a map because a batch screening builds one per
/// enterprise and policy conditions read it a few hundred times each. A
/// slot the questionnaire does not set reads the registry's start value, so
/// building one is a fill of a few hundred empty slots, not a copy of every
/// default.
#[derive(Debug, Clone)]
pub struct Facts(Vec<Entry>);

impl Default for Facts {
    /// No assessment yet: every fact at its start value (plain facts unknown
    /// or at their annotated absent value, derived ones unknown).
    fn default() -> Facts {
        let mut v = Vec::new();
        v.resize_with(BUILT.specs.len(), Entry::default);
        Facts(v)
    }
}

impl Facts {
    /// A fact's value (`None` when unknown or unregistered).
    pub fn get(&self, name: &str) -> Option<&Fact> {
        slot(name).and_then(|i| self.at(i))
    }

    /// A fact's value by its position in [`REGISTRY`].
    pub fn at(&self, slot: usize) -> Option<&Fact> {
        self.given(slot).flatten()
    }

    /// A fact as given: `None` when not given, `Some(None)` when unknown.
    fn given(&self, slot: usize) -> Option<Option<&Fact>> {
        match self.0.get(slot)? {
            Entry::Set(v) => Some(v.as_ref()),
            Entry::Start => BUILT.start.get(slot)?.as_ref().map(Option::as_ref),
        }
    }

    /// Names of the facts this assessment gives (known or unknown).
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.0.len())
            .filter(|&i| self.given(i).is_some())
            .map(|i| BUILT.specs[i].name)
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
            *e = Entry::Set(v);
        }
    }

    /// The list of an items fact this assessment set, to add derived item fields to.
    fn items_mut(&mut self, slot: usize) -> Option<&mut Vec<BTreeMap<String, Fact>>> {
        match self.0.get_mut(slot)? {
            Entry::Set(Some(Fact::Items(list))) => Some(list),
            _ => None,
        }
    }
}

/// Build every registered fact: the plain ones by walking the
/// questionnaire, then the derived ones.
pub fn build(
    q: &Questionnaire,
    ind: &Indicators,
    criteria: &[CriterionResult],
    maturity: &Maturity,
) -> Facts {
    let b = &*BUILT;
    let mut f = Facts::default();
    plain::fill(&b.root, q, &mut f);
    let base = b.specs.len() - derived::SPECS.len();
    derived::fill(&mut f, base, q, ind, criteria, maturity);
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

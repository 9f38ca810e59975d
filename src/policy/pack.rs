//! Policy pack format (政策包): tracks as dated, cited data.
//!
//! A pack is YAML. Everything that changes with policy — thresholds, amounts,
//! caps, funder splits, clause references, the validity dates — is here; the
//! engine in [`super::eval`] holds only the mechanisms. All money in a pack is
//! CNY (元). See `docs/policy-authoring.md`.

use crate::lang::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A policy pack.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyPack {
    /// Stable id, e.g. `licheng-2016`.
    pub id: String,
    /// Pack version (changes whenever the data changes).
    pub version: String,
    /// Title of the policy document.
    pub title: Text,
    /// Issuing body.
    pub issuer: Text,
    /// Date of the document (YYYY-MM-DD).
    pub document_date: String,
    /// First day in force (YYYY-MM-DD).
    pub effective_from: String,
    /// Last day in force (YYYY-MM-DD), if the pack sets one.
    #[serde(default)]
    pub effective_to: Option<String>,
    /// Why these dates (the notice may not state an end).
    #[serde(default)]
    pub validity_interpretation: Option<Text>,
    /// The source file of the policy text.
    pub source_file: String,
    /// "Near" margin: a numeric condition missed by at most this share of its
    /// threshold is reported as `near` (e.g. 0.2 = within 20%).
    pub near_within: Decimal,
    /// The per-enterprise cap on district-level awards.
    #[serde(default)]
    pub district_cap: Option<DistrictCap>,
    /// Subsidy tracks.
    pub tracks: Vec<Track>,
}

/// Cap on the district's share for one enterprise in one year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistrictCap {
    /// Clause.
    pub clause: String,
    /// Money fact holding the cap (e.g. `enterprise.new_tax_district_retained`).
    pub fact: String,
    /// Explanation.
    pub note: Text,
}

/// Who pays (出资方).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Funder {
    /// 省级.
    Province,
    /// 市级.
    City,
    /// 区级.
    District,
}

impl Funder {
    /// All funders in report order.
    pub const ALL: [Funder; 3] = [Funder::Province, Funder::City, Funder::District];

    /// Label.
    pub fn label(self) -> Text {
        match self {
            Funder::Province => Text::new("省", "province"),
            Funder::City => Text::new("市", "city"),
            Funder::District => Text::new("区", "district"),
        }
    }
}

/// Kind of support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// 补助 grant.
    Grant,
    /// 奖励 award.
    Award,
    /// 税收优惠 tax benefit: reported as a deduction, never as money paid.
    TaxBenefit,
    /// 股权投资 equity: may apply to a fund, not a grant.
    Equity,
    /// 非资金支持: priority, financing help.
    NonMonetary,
}

/// What must come before the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prerequisite {
    /// Nothing beyond the facts.
    None,
    /// An outside recognition (认定) first.
    Recognition,
    /// An application and review (申报) first.
    Application,
}

/// A subsidy track.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// Stable id (public interface), e.g. `local-cnc-purchase`.
    pub id: String,
    /// Title.
    pub title: Text,
    /// Clause, e.g. `二(五)2`.
    pub clause: String,
    /// Kind.
    pub kind: TrackKind,
    /// Funders named by the clause.
    pub funders: Vec<Funder>,
    /// What comes first.
    pub prerequisite: Prerequisite,
    /// What the prerequisite is, in words.
    #[serde(default)]
    pub prerequisite_note: Option<Text>,
    /// Conditions showing the track applies now (all must hold).
    pub eligible_when: Vec<Condition>,
    /// Conditions making the factory a candidate (apply or seek recognition
    /// first) when `eligible_when` does not hold yet. Empty = never candidate.
    #[serde(default)]
    pub candidate_when: Vec<Condition>,
    /// How much, from whom.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// For non-monetary tracks: what the support is.
    #[serde(default)]
    pub support: Option<Text>,
    /// Our reading where the text is ambiguous, and why.
    #[serde(default)]
    pub interpretation: Option<Text>,
}

/// A condition over a fact. Exactly one comparison is set; `any_of` instead
/// of a fact holds when any of its conditions holds (the text's "or").
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// Fact name (see `zhizao policy facts`); empty for `any_of`.
    #[serde(default)]
    pub fact: String,
    /// Holds when at least one of these holds.
    #[serde(default)]
    pub any_of: Option<Vec<Condition>>,
    /// ≥.
    #[serde(default)]
    pub at_least: Option<Decimal>,
    /// > (strictly).
    #[serde(default)]
    pub more_than: Option<Decimal>,
    /// ≤.
    #[serde(default)]
    pub at_most: Option<Decimal>,
    /// < (strictly).
    #[serde(default)]
    pub less_than: Option<Decimal>,
    /// Boolean equality.
    #[serde(default)]
    pub is: Option<bool>,
    /// Id is one of these.
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    /// Id is none of these.
    #[serde(default)]
    pub none_of: Option<Vec<String>>,
    /// For `Items` facts: at least one item satisfies all of these (fields by item-field name).
    #[serde(default)]
    pub any_item: Option<Vec<Condition>>,
    /// For `Tally` facts: the total count is at least this.
    #[serde(default)]
    pub count_at_least: Option<u32>,
    /// Label in reports (defaults to the fact name).
    #[serde(default)]
    pub label: Option<Text>,
}

/// Whether an amount is exact, a ceiling or a floor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountBound {
    /// 给予 X: exactly X.
    #[default]
    Exact,
    /// 最高不超过 X: between 0 and X.
    UpTo,
    /// 不少于 X: at least X, no stated maximum.
    AtLeast,
}

/// How much a track pays: the sum of its parts, then an optional cap on the
/// sum (a cap that binds scales every part down in proportion).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// Parts, stacked.
    #[serde(default)]
    pub parts: Vec<Part>,
    /// Tiers by a count (the purchase track); the first tier whose range holds the count applies.
    #[serde(default)]
    pub tiers: Option<Tiers>,
    /// Cap on the track's total, CNY.
    #[serde(default)]
    pub cap: Option<Decimal>,
}

/// Tiers by a count.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    /// Number fact the tiers are chosen by.
    pub by: String,
    /// Tiers in ascending order.
    pub tiers: Vec<Tier>,
    /// Shown when the count is above every tier (e.g. ">100 units not covered").
    pub beyond: Text,
}

/// One tier.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// Lowest count (inclusive).
    pub from: u32,
    /// Highest count (inclusive).
    pub to: u32,
    /// Parts paid in this tier (a part's own `cap` caps that part only).
    pub parts: Vec<Part>,
}

/// One part of an amount: one formula, paid by one funder or split between several.
/// Exactly one of `fixed`, `lookup`, `rate`, `per_unit`, `per_tally`, `per_item` is set.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// The part is paid only when all of these hold (e.g. a step-up bonus).
    #[serde(default)]
    pub when: Vec<Condition>,
    /// Single funder.
    #[serde(default)]
    pub funder: Option<Funder>,
    /// Split between funders, percentages adding up to 100.
    #[serde(default)]
    pub split: Option<BTreeMap<Funder, Decimal>>,
    /// Exact, ceiling or floor.
    #[serde(default)]
    pub bound: AmountBound,
    /// A fixed sum, CNY.
    #[serde(default)]
    pub fixed: Option<Decimal>,
    /// A sum looked up by an id fact.
    #[serde(default)]
    pub lookup: Option<Lookup>,
    /// rate × a money fact, with an optional cap.
    #[serde(default)]
    pub rate: Option<Rate>,
    /// A sum per unit of a number fact.
    #[serde(default)]
    pub per_unit: Option<PerUnit>,
    /// A sum per counted id in a tally fact.
    #[serde(default)]
    pub per_tally: Option<Lookup>,
    /// Per qualifying item of an items fact.
    #[serde(default)]
    pub per_item: Option<PerItem>,
    /// Cap on this part, CNY.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// Label in explanations.
    #[serde(default)]
    pub label: Option<Text>,
}

/// Lookup table by id.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// Id or tally fact.
    pub fact: String,
    /// Amount per id, CNY.
    pub table: BTreeMap<String, Decimal>,
}

/// rate × base.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// Money fact (or item field inside `per_item`).
    pub base: String,
    /// Rate, e.g. 0.3.
    pub rate: Decimal,
}

/// Amount per unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerUnit {
    /// Number fact.
    pub fact: String,
    /// CNY per unit.
    pub each: Decimal,
}

/// Per qualifying item.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerItem {
    /// Items fact.
    pub items: String,
    /// Conditions an item must meet (fields by item-field name).
    #[serde(default)]
    pub when: Vec<Condition>,
    /// Fixed sum per item.
    #[serde(default)]
    pub fixed: Option<Decimal>,
    /// rate × an item field.
    #[serde(default)]
    pub rate: Option<Rate>,
    /// Lookup by an item field.
    #[serde(default)]
    pub lookup: Option<Lookup>,
    /// Cap per item, CNY.
    #[serde(default)]
    pub cap_each: Option<Decimal>,
}

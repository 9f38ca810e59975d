//! 梯度 / A ladder of recognitions: the 智能工厂梯度培育 levels 基础级 (自建自评)
//! → 先进级 (省级认定) → 卓越级 (工信部等六部门) → 领航级, each with its gates
//! (基本要求, 场景建设, the CMMM gate per edition) and its prerequisite.
//!
//! A ladder pack (`levels/*.yaml`, `kind: ladder`) is data: ordered steps,
//! each with who recognises it, whether the enterprise assesses itself, the
//! step below it needs (recognised, or only qualifying), and its gates. A
//! gate is one condition in the policy packs' language (`fact` + one
//! comparison, `any_of` …), checked and judged by the same code
//! ([`crate::policy::check_conditions`], [`crate::policy::eval::explain`]),
//! with a label, its source and a confidence tag. Thresholds that differ
//! between sources (基础级 CMMM 一级 in Hainan's rules, 二级 in the national
//! text) are per-edition parameters: the pack lists the editions and which
//! one it applies, and the result names the edition used and the others.
//! Requirements a source names but whose text was not found are listed per
//! step (`not_found`) and shown, never turned into invented gates.

mod eval;
mod load;

use super::PackHeader;
use crate::confidence::Confidence;
use crate::diag::Diagnostic;
use crate::facts::Facts;
use crate::lang::Text;
use crate::policy::eval::Truth;
use crate::policy::pack::Condition;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A loaded ladder pack.
#[derive(Debug, Clone)]
pub struct LadderPack {
    /// Header (id, document, edition, years).
    pub header: PackHeader,
    /// The number fact the level is published as (`smart_factory.level`).
    pub publishes: String,
    /// Name of the place below the first step (未达基础级).
    pub below_name: Text,
    /// The editions of the per-edition parameters, as written.
    pub editions: Vec<Edition>,
    /// Position in `editions` of the one applied.
    pub chosen: usize,
    /// The steps, lowest first.
    pub steps: Vec<Step>,
    /// A reference list shipped with the pack (the typical-scene catalogue);
    /// boxed, as few packs have one.
    pub catalogue: Option<Box<Catalogue>>,
}

/// One edition: a value for every parameter, each with its source.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// Stable id, e.g. `national-2025`.
    pub id: String,
    /// Name shown, e.g. 全国要素条件 (2025年版).
    pub name: Text,
    /// Parameter values by parameter id.
    pub values: std::collections::BTreeMap<String, ParamValue>,
}

/// A parameter's value in one edition.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ParamValue {
    /// The threshold (a gate's `at_least`).
    #[serde(serialize_with = "rust_decimal::serde::float::serialize")]
    pub value: Decimal,
    /// How sure it is.
    pub confidence: Confidence,
    /// Where it comes from.
    pub source: Text,
}

/// What a step needs of the step it names as its prerequisite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Needs {
    /// Already recognised (自评 or 获评): 先进级 "在自评为基础级智能工厂前提下".
    Recognised,
    /// Qualifying is enough (its gates met, recognised or not).
    Qualifies,
}

/// The step below a step needs.
#[derive(Debug, Clone)]
pub struct Prerequisite {
    /// Position of that step in the pack (an earlier one).
    pub step: usize,
    /// Recognised, or only qualifying.
    pub needs: Needs,
    /// Source of the rule.
    pub source: Text,
    /// How sure the rule is.
    pub confidence: Confidence,
}

/// One step of a ladder.
#[derive(Debug, Clone)]
pub struct Step {
    /// Stable id (`basic` …).
    pub id: String,
    /// Name (基础级 …).
    pub name: Text,
    /// Rank, 1 = the first step.
    pub rank: u8,
    /// Who recognises it.
    pub recognised_by: Text,
    /// The enterprise assesses itself.
    pub self_assessed: bool,
    /// The official one-line definition, when the pack gives it.
    pub definition: Option<Text>,
    /// Holds when the factory already has this step (a year given).
    pub recognised_when: Condition,
    /// The step below it needs.
    pub prerequisite: Option<Prerequisite>,
    /// Its gates, all of which must hold.
    pub gates: Vec<Gate>,
    /// Requirements the documents name for this step whose text was not
    /// found, so they are not encoded: shown, never guessed.
    pub not_found: Vec<Text>,
}

/// One gate of a step.
#[derive(Debug, Clone)]
pub struct Gate {
    /// Stable id within the step.
    pub id: String,
    /// What it asks, in words.
    pub label: Text,
    /// Document and clause it comes from.
    pub source: Text,
    /// How sure it is: the gate's own tag, or its parameter's in the edition applied.
    pub confidence: Confidence,
    /// The per-edition parameter giving its `at_least` threshold, if any.
    pub parameter: Option<String>,
    /// The condition, in the policy packs' language.
    pub test: Condition,
    /// A remark shown when a condition holds (e.g. the CMMM level is an estimate).
    pub note: Option<GateNote>,
}

/// A remark on a gate, shown when its condition holds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GateNote {
    /// When to show it.
    pub when: Condition,
    /// What it says.
    pub text: Text,
}

/// A reference list shipped with a pack, shown as is (not a gate).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// What the list is.
    pub title: Text,
    /// Where it comes from.
    pub source: Text,
    /// Groups (环节) and their entries.
    pub groups: Vec<CatalogueGroup>,
}

/// One group of a catalogue.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogueGroup {
    /// Group name (环节).
    pub name: Text,
    /// How sure the entries are.
    pub confidence: Confidence,
    /// The entries (场景), in Chinese as the guide names them.
    pub entries: Vec<String>,
}

/// The result of one ladder for one factory.
#[derive(Debug, Clone, Serialize)]
pub struct LadderResult {
    /// The pack measured against.
    pub pack: PackHeader,
    /// The highest step whose gates are all met (its rank, 1 = the first
    /// step); 0 none; `None` when data is missing for the first step.
    pub level: Option<u8>,
    /// Its name (基础级 …, or 未达基础级).
    pub level_name: Text,
    /// Every step, in order, with its gates.
    pub steps: Vec<StepResult>,
    /// What the next step needs that this factory lacks, one line each.
    pub next_missing: Vec<Text>,
    /// Questionnaire fields to fill in to be assessed (field paths).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_data: Vec<String>,
    /// The highest step already recognised (自评 or 获评); 0 none.
    pub recognised_level: u8,
    /// What the factory can do now, when it qualifies for a step it has not
    /// obtained: the first such step, as levels are taken one by one
    /// (可自评为基础级, 可申报先进级 …); `None` when there is nothing to take.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_action: Option<Text>,
    /// The step `next_missing` is about: the first above both the level
    /// reached and the level recognised; `None` at the top.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    /// The edition whose parameters were applied.
    pub edition: EditionUsed,
    /// The other editions the pack knows, for comparison.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_editions: Vec<EditionUsed>,
    /// The fact the level is published as (the pack's `publishes`).
    pub publishes: String,
}

/// An edition and its parameter values, as a report shows them.
#[derive(Debug, Clone, Serialize)]
pub struct EditionUsed {
    /// Edition id.
    pub id: String,
    /// Edition name.
    pub name: Text,
    /// Its values, by parameter id.
    pub values: std::collections::BTreeMap<String, ParamValue>,
}

/// Where a factory stands on one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStanding {
    /// Every gate met: may self-assess (基础级) or apply (先进级 and up).
    Qualifies,
    /// A gate is not met.
    NotYet,
    /// A gate cannot be judged from the questionnaire.
    Unknown,
}

/// One step of the ladder.
#[derive(Debug, Clone, Serialize)]
pub struct StepResult {
    /// Stable id (`basic`, `advanced`, `excellent`, `leading`).
    pub id: String,
    /// Name (基础级 …).
    pub name: Text,
    /// Rank, 1 = the first step.
    pub rank: u8,
    /// Who recognises it (企业自评, 省工信厅 …).
    pub recognised_by: Text,
    /// The enterprise assesses itself (no outside recognition).
    pub self_assessed: bool,
    /// Where the factory stands.
    pub standing: StepStanding,
    /// Its gates.
    pub gates: Vec<GateResult>,
    /// The factory already has this step (自评 or 获评).
    pub recognised: bool,
    /// The official one-line definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<Text>,
    /// Requirements named by the documents but not found, hence not judged:
    /// "qualifies" means "on the gates known".
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_found: Vec<Text>,
}

/// One gate of a step.
#[derive(Debug, Clone, Serialize)]
pub struct GateResult {
    /// What it asks, in words.
    pub label: Text,
    /// Met, not met, unknown.
    pub truth: Truth,
    /// The factory's value, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<Text>,
    /// The requirement, in words.
    pub required: Text,
    /// How sure the requirement is.
    pub confidence: Confidence,
    /// Gate id (`prerequisite` for the step-below gate).
    pub id: String,
    /// Document and clause.
    pub source: Text,
    /// A remark on the value (e.g. "estimated, not self-assessed on c3mep.cn").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// Questionnaire fields to fill in when the gate is unknown.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub to_fill: Vec<String>,
}

/// Load a ladder pack; every problem is reported at once, placed in `text`.
pub fn load(text: &str, file: &str) -> Result<LadderPack, Vec<Diagnostic>> {
    load::load(text, file)
}

/// Place one factory on the ladder.
pub fn evaluate(pack: &LadderPack, facts: &Facts) -> LadderResult {
    eval::evaluate(pack, facts)
}

/// The level a factory reaches (as [`evaluate`] decides it, without words):
/// what a screening keeps.
pub fn level(pack: &LadderPack, facts: &Facts) -> Option<u8> {
    eval::level(pack, facts)
}

/// Publish the result as facts: the level as the pack's `publishes` fact
/// (`smart_factory.level`), unknown when the level is.
pub fn publish(r: &LadderResult, facts: &mut Facts) {
    publish_level(&r.publishes, r.level, facts);
}

/// [`publish`] of a level decided by [`level`].
pub fn publish_level(publishes: &str, level: Option<u8>, facts: &mut Facts) {
    let v = level.map(|l| crate::facts::Fact::Num(l.into()));
    // The fact was checked to be a registered number when the pack loaded.
    let _ = facts.set_named(publishes, v);
}

impl LadderPack {
    /// The same pack with another edition's parameters applied; `None`
    /// when the pack has no edition `id`.
    pub fn with_edition(&self, id: &str) -> Option<LadderPack> {
        let i = self.editions.iter().position(|e| e.id == id)?;
        let mut p = self.clone();
        p.chosen = i;
        load::apply_edition(&mut p);
        Some(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Fact;

    fn shipped() -> LadderPack {
        let text = include_str!("../../../levels/smart-factory-2025.yaml");
        match load(text, "levels/smart-factory-2025.yaml") {
            Ok(p) => p,
            Err(e) => panic!("{e:#?}"),
        }
    }

    /// Facts set by name, as a policy test case gives them.
    fn facts(list: &[(&str, Fact)]) -> Facts {
        let mut f = Facts::default();
        for (name, v) in list {
            f.set_named(name, Some(v.clone())).expect("registered");
        }
        f
    }

    #[test]
    fn publish_sets_the_level_fact_and_unknown_stays_unknown() {
        let pack = shipped();
        // Nothing known: 基础级 cannot be judged, so the level is unknown.
        let mut f = Facts::default();
        let r = evaluate(&pack, &f);
        assert_eq!(r.level, None);
        publish(&r, &mut f);
        assert_eq!(f.get("smart_factory.level"), None);
        // 规上 answered no: below 基础级, published as 0.
        let mut f = facts(&[("enterprise.above_designated_size", Fact::Bool(false))]);
        let r = evaluate(&pack, &f);
        assert_eq!(r.level, Some(0));
        publish(&r, &mut f);
        assert_eq!(f.get("smart_factory.level"), Some(&Fact::Num(0.into())));
    }

    /// Two steps; the second needs the first only to qualify (not to be
    /// obtained), and is obtained when `smart_factory.recognised_level` ≥ 2.
    const QUALIFIES: &str = "\
id: two-steps
version: '1'
kind: ladder
title: {zh: 两级, en: two steps}
document: {zh: 无, en: none}
edition: x
from_year: 2024
confidence: M
publishes: smart_factory.level
below_name: {zh: 未达一级, en: below one}
editions:
  chosen: only
  list: [{id: only, name: {zh: 唯一, en: only}, values: {}}]
steps:
  - id: one
    name: {zh: 一级, en: one}
    rank: 1
    recognised_by: {zh: 自评, en: self}
    self_assessed: true
    recognised_when: {fact: smart_factory.recognised_level, at_least: 1}
    gates:
      - {id: size, label: {zh: 规上, en: size}, source: {zh: 无, en: none}, confidence: M,
         test: {fact: enterprise.above_designated_size, is: true}}
  - id: two
    name: {zh: 二级, en: two}
    rank: 2
    recognised_by: {zh: 省, en: province}
    self_assessed: false
    recognised_when: {fact: smart_factory.recognised_level, at_least: 2}
    prerequisite: {step: one, needs: qualifies, source: {zh: 无, en: none}, confidence: M}
    gates:
      - {id: ai, label: {zh: AI, en: AI}, source: {zh: 无, en: none}, confidence: M,
         test: {fact: smart_factory.ai_scene_share_pct, at_least: 20}}
";

    #[test]
    fn a_step_may_need_the_one_below_only_to_qualify() {
        let pack = match load(QUALIFIES, "q.yaml") {
            Ok(p) => p,
            Err(e) => panic!("{e:#?}"),
        };
        let size = |b: bool| ("enterprise.above_designated_size", Fact::Bool(b));
        let ai = ("smart_factory.ai_scene_share_pct", Fact::Num(25.into()));
        let level = |n: u8| ("smart_factory.recognised_level", Fact::Num(n.into()));
        let prereq = |r: &LadderResult| r.steps[1].gates[0].truth;
        // Step one qualifies though not obtained: enough for step two, and
        // the level skips past the obtained one (the action is still step one).
        let r = evaluate(&pack, &facts(&[size(true), ai.clone(), level(0)]));
        assert_eq!((prereq(&r), r.level), (Truth::Yes, Some(2)));
        assert_eq!(
            r.next_action.map(|a| a.zh.into_owned()).as_deref(),
            Some("可自评为一级")
        );
        assert_eq!(r.next_step, None, "nothing above step two");
        // Step one fails: step two's prerequisite fails with it.
        let r = evaluate(&pack, &facts(&[size(false), ai.clone(), level(0)]));
        assert_eq!((prereq(&r), r.level), (Truth::No, Some(0)));
        // Step one unknown: so is the prerequisite, and the level.
        let r = evaluate(&pack, &facts(&[ai.clone(), level(0)]));
        assert_eq!((prereq(&r), r.level), (Truth::Unknown, None));
        assert_eq!(r.missing_data, ["enterprise.above_designated_size"]);
        // Obtained counts as qualifying even when its gate is now unknown.
        let r = evaluate(&pack, &facts(&[ai, level(1)]));
        assert_eq!(prereq(&r), Truth::Yes);
        assert_eq!(r.steps[1].standing, StepStanding::Qualifies);
        // At the top, obtained: nothing to do and nothing missing.
        let r = evaluate(&pack, &facts(&[size(true), level(2)]));
        assert_eq!((r.recognised_level, r.next_step.as_deref()), (2, None));
        assert!(r.next_action.is_none() && r.next_missing.is_empty());
    }

    #[test]
    fn an_edition_swaps_the_parameter_thresholds_and_tags() {
        let national = shipped();
        let hainan = national.with_edition("hainan-2025").expect("edition");
        let cmmm = |p: &LadderPack| {
            let g = &p.steps[0]
                .gates
                .iter()
                .find(|g| g.id == "cmmm")
                .expect("gate");
            (g.test.at_least, g.confidence)
        };
        assert_eq!(cmmm(&national), (Some(2.into()), Confidence::ThirdParty));
        assert_eq!(cmmm(&hainan), (Some(1.into()), Confidence::OfficialRepost));
        // Back again: nothing of the other edition stays behind.
        let back = hainan.with_edition("national-text").expect("edition");
        assert_eq!(cmmm(&back), cmmm(&national));
        let f = facts(&[("smart_factory.cmmm_level", Fact::Num(1.into()))]);
        let judged = |p: &LadderPack| {
            let r = evaluate(p, &f);
            r.steps[0]
                .gates
                .iter()
                .find(|g| g.id == "cmmm")
                .map(|g| g.truth)
        };
        assert_eq!(judged(&national), Some(Truth::No));
        assert_eq!(judged(&hainan), Some(Truth::Yes));
    }
}

//! Tests of the registry: the derived registry against the hand-kept one it
//! replaced, id lists against their enums, criteria ids against the pack.

#[path = "old_registry.rs"]
mod old_registry;

use super::*;
use crate::money::Wan;
use crate::questionnaire::{
    DomainRating, Level, LeveledRecognition, ListingVenue, LogisticsRating, NextLevelFit,
    PatentPrize, System,
};
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

/// Today's registry (before it was derived) is kept whole: same names,
/// kinds, source texts and ids.
#[test]
fn every_fact_of_the_hand_kept_registry_is_derived_alike() {
    for &(name, kind, from, ids) in old_registry::OLD {
        let s = spec(name).unwrap_or_else(|| panic!("{name} is no longer a fact"));
        assert_eq!(format!("{:?}", s.kind), kind, "{name}: kind");
        assert_eq!(s.from, from, "{name}: from");
        assert_eq!(s.ids, ids, "{name}: ids");
    }
}

#[test]
fn names_are_unique() {
    let mut names: Vec<&str> = REGISTRY.iter().map(|s| s.name).collect();
    let n = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), n);
}

/// Fields the old registry did not have become facts by the plain rule;
/// text and pairs do not; `schema_version` is annotated out.
#[test]
fn every_questionnaire_field_is_a_fact_by_the_plain_rule() {
    let kind = |n: &str| spec(n).map(|s| s.kind);
    assert_eq!(kind("equipment.key_equipment_total"), Some(Kind::Number));
    assert_eq!(kind("robots.industrial_robots"), Some(Kind::Number));
    assert_eq!(
        kind("results.operating_cost_change_pct"),
        Some(Kind::Number)
    );
    assert_eq!(kind("informatization.systems"), Some(Kind::Tally));
    assert_eq!(kind("informatization.gbt23001_certified"), Some(Kind::Bool));
    assert_eq!(kind("cost_estimates.robot"), Some(Kind::Money));
    assert_eq!(kind("enterprise.energy_tce"), Some(Kind::Number));
    assert_eq!(kind("self_assessment.strategy"), Some(Kind::Bool));
    assert_eq!(kind("self_assessment.strategy.level"), Some(Kind::Number));
    assert_eq!(kind("self_assessment.strategy.next"), Some(Kind::Id));
    assert_eq!(
        kind("recognitions.industrial_design_center"),
        Some(Kind::Bool)
    );
    assert_eq!(
        kind("recognitions.industrial_design_center.year"),
        Some(Kind::Number)
    );
    assert_eq!(
        kind("projects.first_set_equipment.recognition_year"),
        Some(Kind::Number)
    );
    for not_a_fact in [
        "schema_version",
        "enterprise.name",
        "enterprise.credit_code",
        "informatization.integrations",
        "projects.first_set_equipment.name",
        "recognitions.industrial_design_center.level",
        "enterprise.main_revenue_wan",
    ] {
        assert_eq!(kind(not_a_fact), None, "{not_a_fact}");
    }
}

#[test]
fn new_plain_facts_carry_their_values() {
    let mut q = Questionnaire::default();
    q.enterprise.data_year = 2017;
    q.equipment.key_equipment_total = Some(40);
    q.results.operating_cost_change_pct = Some(-12.3);
    q.cost_estimates.robot_wan = Wan::new(dec!(25.5));
    q.informatization.systems = Some(vec![System::Erp, System::Mes]);
    q.self_assessment.strategy = Some(DomainRating {
        level: 2,
        next: NextLevelFit::Most,
    });
    let f = facts(&q);
    assert_eq!(
        f.get("equipment.key_equipment_total"),
        Some(&Fact::Num(dec!(40)))
    );
    assert_eq!(f.get("equipment.key_processes_total"), None);
    assert_eq!(
        f.get("results.operating_cost_change_pct"),
        Some(&Fact::Num(dec!(-12.3)))
    );
    assert_eq!(
        f.get("cost_estimates.robot"),
        Some(&Fact::Num(dec!(255000)))
    );
    assert_eq!(
        f.get("informatization.systems"),
        Some(&Fact::Tally(BTreeMap::from([
            ("erp".into(), 1),
            ("mes".into(), 1)
        ])))
    );
    assert_eq!(f.get("self_assessment.strategy"), Some(&Fact::Bool(true)));
    assert_eq!(
        f.get("self_assessment.strategy.level"),
        Some(&Fact::Num(dec!(2)))
    );
    assert_eq!(
        f.get("self_assessment.strategy.next"),
        Some(&Fact::Id("most".into()))
    );
    assert_eq!(f.get("self_assessment.data"), Some(&Fact::Bool(false)));
    assert_eq!(f.get("self_assessment.data.level"), None);
}

/// Absent achievements read as the annotation says; absent figures stay unknown.
#[test]
fn annotated_absent_values() {
    let f = facts(&Questionnaire::default());
    assert_eq!(
        f.get("enterprise.smart_equipment_maker"),
        Some(&Fact::Bool(false))
    );
    assert_eq!(
        f.get("projects.rd_amortisation_years"),
        Some(&Fact::Num(dec!(10)))
    );
    assert_eq!(
        f.get("projects.rd_intangibles_amortised_cost"),
        Some(&Fact::Num(dec!(0)))
    );
    assert_eq!(f.get("listing.venue"), Some(&Fact::Id("none".into())));
    assert_eq!(
        f.get("recognitions.industrial_design_center_level"),
        Some(&Fact::Id("none".into()))
    );
    assert_eq!(f.get("enterprise.above_designated_size"), None);
    assert_eq!(f.get("enterprise.main_revenue"), None);
    let mut q = Questionnaire::default();
    q.recognitions.industrial_design_center = Some(LeveledRecognition {
        level: Level::Provincial,
        year: None,
    });
    let f = facts(&q);
    assert_eq!(
        f.get("recognitions.industrial_design_center_level"),
        Some(&Fact::Id("provincial".into()))
    );
    assert_eq!(f.get("recognitions.industrial_design_center_new"), None);
}

/// The serde names of an enum, read from its `Deserialize` (the variant
/// list serde hands to `deserialize_enum`), not from the schema the registry
/// is built from.
fn serde_names<'de, T: serde::Deserialize<'de>>() -> Vec<&'static str> {
    use serde::de::{self, Visitor};
    #[derive(Debug)]
    struct Names(&'static [&'static str]);
    impl std::fmt::Display for Names {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("variant names")
        }
    }
    impl std::error::Error for Names {}
    impl de::Error for Names {
        fn custom<M: std::fmt::Display>(_: M) -> Names {
            Names(&[])
        }
    }
    struct Grab;
    impl<'de> de::Deserializer<'de> for Grab {
        type Error = Names;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Names> {
            Err(Names(&[]))
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _: &'static str,
            variants: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Names> {
            Err(Names(variants))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct identifier ignored_any
        }
    }
    match T::deserialize(Grab) {
        Err(Names(v)) => v.to_vec(),
        Ok(_) => Vec::new(),
    }
}

/// Every `ids:` list of an id or tally fact is its enum's serde names, in
/// order; the derived ones too (criteria statuses, the 数控 confirmation).
#[test]
fn every_id_list_is_its_enums_serde_names() {
    use crate::criteria::Status;
    use crate::questionnaire as q;
    let statuses: Vec<&str> = serde_names::<Status>()
        .into_iter()
        .filter(|s| *s != "unknown")
        .collect();
    let expected = |name: &str| -> Option<Vec<&'static str>> {
        Some(match name {
            "enterprise.sector" => serde_names::<q::Sector>(),
            "enterprise.production_mode" => serde_names::<q::ProductionMode>(),
            "enterprise.cnc_smart_manufacturing" => vec!["yes", "no", "unconfirmed"],
            "informatization.systems" => serde_names::<q::System>(),
            "digital_design.tools" => serde_names::<q::DesignTool>(),
            n if n.starts_with("self_assessment.") && n.ends_with(".next") => {
                serde_names::<q::NextLevelFit>()
            }
            "recognitions.tech_centers.kind" => serde_names::<q::CenterKind>(),
            "recognitions.tech_centers.level" | "recognitions.industrial_design_center_level" => {
                serde_names::<q::Level>()
            }
            "ip_and_brands.patent_prizes" => serde_names::<q::PatentPrize>(),
            "ip_and_brands.standards" => serde_names::<q::StandardRole>(),
            "ip_and_brands.brand_titles" => serde_names::<q::BrandTitle>(),
            "ip_and_brands.quality_prizes" => serde_names::<q::QualityPrize>(),
            "projects.first_set_equipment.scope" => serde_names::<q::FirstSetScope>(),
            "projects.online_business_park" => serde_names::<q::ParkRole>(),
            "logistics.rating" | "logistics.previous_rating" => serde_names::<q::LogisticsRating>(),
            "design.competition_prizes" => serde_names::<q::DesignPrize>(),
            "listing.venue" => serde_names::<q::ListingVenue>(),
            "digital.network" => serde_names::<q::NetworkBuild>(),
            "digital.data_collection" => serde_names::<q::BusinessArea>(),
            "digital.system_coverage" => serde_names::<q::SystemCoverage>(),
            "digital.network_security" => serde_names::<q::NetworkSecurity>(),
            "digital.data_security" => serde_names::<q::DataSecurity>(),
            "digital.planning" => serde_names::<q::Planning>(),
            "digital.management_rules" => serde_names::<q::ManagementRule>(),
            "digital.talent" => serde_names::<q::Talent>(),
            n if n.starts_with("digital.results.") => serde_names::<q::Trend>(),
            "smart_factory.dimensions_covered" => serde_names::<q::SceneDimension>(),
            "smart_factory.key_indicators_standing" => serde_names::<q::IndicatorStanding>(),
            "upgrades.pilot_sector" => serde_names::<q::PilotSector>(),
            "upgrades.key_project_register" => serde_names::<q::RegisterLevel>(),
            "upgrades.smart_demo_factory.level" => serde_names::<q::DemoLevel>(),
            n if n.starts_with("criteria.") => statuses.clone(),
            _ => return None,
        })
    };
    let mut checked = 0;
    for s in REGISTRY
        .iter()
        .filter(|s| matches!(s.kind, Kind::Id | Kind::Tally))
    {
        let want = expected(s.name)
            .unwrap_or_else(|| panic!("{}: name the enum of its ids in this test", s.name));
        assert!(!want.is_empty(), "{}: no serde names read", s.name);
        assert_eq!(s.ids, want.as_slice(), "{}", s.name);
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
}

/// The criteria ids the code relies on: the `criteria.<id>` facts and the
/// ids named in Rust outside tests (src/screen/mod.rs `status("…")`,
/// src/screen/export.rs, src/workbook/nearmiss.rs `RECOGNITIONS`). A
/// criterion renamed in the pack would leave them unknown for ever.
const CRITERIA_IN_CODE: &[&str] = &[
    "automated_digital_enterprise",
    "digital_workshop",
    "smart_factory",
];

#[test]
fn every_criterion_the_code_names_is_in_the_shipped_pack() {
    let pack = crate::criteria::default_pack();
    let ids: Vec<&str> = pack.criteria.iter().map(|c| c.id.as_str()).collect();
    let facts = REGISTRY
        .iter()
        .filter_map(|s| s.name.strip_prefix("criteria."));
    for id in facts.chain(CRITERIA_IN_CODE.iter().copied()) {
        assert!(
            ids.contains(&id),
            "criterion `{id}` is not in the shipped criteria pack {ids:?}"
        );
    }
}

/// The `CRITERIA_IN_CODE` list is complete: every string literal in src/
/// (outside this file) that is a criterion id of the shipped pack is on it,
/// so a new use is checked too.
#[test]
fn the_list_of_criteria_named_in_code_is_complete() {
    let pack = crate::criteria::default_pack();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut found = std::collections::BTreeSet::new();
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("facts/tests.rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                // Code before the file's tests: tests may name what they like.
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for c in &pack.criteria {
                    if code.contains(&format!("\"{}\"", c.id)) {
                        found.insert(c.id.clone());
                    }
                }
            }
        }
    }
    assert!(
        !found.is_empty(),
        "no criterion id found in src/: the scan is broken"
    );
    for id in &found {
        assert!(
            CRITERIA_IN_CODE.contains(&id.as_str()),
            "add `{id}` to CRITERIA_IN_CODE"
        );
    }
}

/// Every field an unknown fact sends the reader to exists in the
/// questionnaire (a renamed field would otherwise be a dead hint). Item
/// fields are given by their leaf name and completed by the caller.
#[test]
fn every_field_to_fill_is_a_questionnaire_field() {
    let sections = super::TO_FILL.iter().filter(|(f, _)| {
        let items = [
            "projects.first_set_equipment.",
            "projects.demo_lines.",
            "logistics.warehouses.",
            "recognitions.tech_centers.",
        ];
        !items.iter().any(|i| f.starts_with(i))
    });
    for (fact, field) in sections {
        assert!(
            crate::fieldnames::label(field, crate::lang::Lang::En).is_some(),
            "{fact} → {field}"
        );
    }
}

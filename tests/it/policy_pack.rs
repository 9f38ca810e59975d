//! Load-time checking of policy packs: a deliberately broken pack yields each
//! error with file, line and field path, before any evaluation.

use zhizao::diag::Code;
use zhizao::policy::{default_pack, load_pack};

const PACK: &str = r#"id: test-pack
version: "1"
title: {zh: 测试, en: test}
issuer: {zh: 测试, en: test}
document_date: "2016-07-29"
effective_from: "2016-07-29"
effective_to: "2020-12-31"
source_file: policy.txt
near_within: 0.2
district_cap:
  clause: "五(五)"
  fact: enterprise.new_tax_district_retained
  note: {zh: 封顶, en: cap}
tracks:
  - id: local-cnc-purchase
    title: {zh: 采购, en: purchase}
    clause: "二(五)2"
    kind: grant
    funders: [city, district]
    prerequisite: application
    eligible_when:
      - fact: purchases.cnc_generation_units
        at_least: 1
    amount:
      parts:
        - split: {city: 30, district: 70}
          rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}
"#;

fn errors(text: &str) -> Vec<zhizao::diag::Diagnostic> {
    load_pack(text, "broken.yaml").expect_err("the pack must be rejected")
}

#[test]
fn the_reference_pack_loads() {
    assert!(load_pack(PACK, "ok.yaml").is_ok());
}

#[test]
fn unknown_key_is_an_error_with_position_and_suggestion() {
    let e = errors(&PACK.replace("    amount:\n", "    amout:\n"));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].file, "broken.yaml");
    assert_eq!(e[0].code, Code::FieldUnknown);
    assert_eq!(e[0].line, Some(24));
    assert_eq!(e[0].hint.as_ref().unwrap().en, "did you mean `amount`?");
}

#[test]
fn unknown_fact_is_an_error_with_the_field_path() {
    let e = errors(&PACK.replace(
        "fact: purchases.cnc_generation_units",
        "fact: purchases.cnc_units",
    ));
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].path.as_deref(),
        Some("tracks[0].eligible_when[0].fact")
    );
    assert_eq!(e[0].line, Some(22));
    assert!(e[0]
        .message
        .en
        .contains("unknown fact `purchases.cnc_units`"));
    assert!(e[0]
        .hint
        .as_ref()
        .unwrap()
        .en
        .contains("purchases.cnc_generation_units"));
}

#[test]
fn a_split_that_does_not_add_to_100_is_an_error() {
    let e = errors(&PACK.replace("district: 70", "district: 60"));
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].path.as_deref(),
        Some("tracks[0].amount.parts[0].split")
    );
    assert_eq!(e[0].line, Some(26));
    assert_eq!(e[0].message.en, "the split adds up to 90%, not 100%");
}

#[test]
fn a_missing_citation_is_an_error() {
    let e = errors(&PACK.replace("clause: \"二(五)2\"", "clause: \"\""));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].path.as_deref(), Some("tracks[0].clause"));
    assert_eq!(e[0].line, Some(17));
    assert_eq!(e[0].message.en, "missing clause reference");
}

#[test]
fn a_condition_that_does_not_fit_the_fact_kind_is_an_error() {
    let e = errors(&PACK.replace("        at_least: 1\n", "        is: true\n"));
    assert!(
        e[0].message.en.contains("does not fit here"),
        "{:?}",
        e[0].message
    );
}

#[test]
fn a_funder_outside_the_track_is_an_error() {
    let e = errors(&PACK.replace("funders: [city, district]", "funders: [city]"));
    assert!(e
        .iter()
        .any(|d| d.message.en.contains("funder district is not listed")));
}

#[test]
fn money_on_a_non_monetary_track_is_an_error() {
    let e = errors(&PACK.replace("kind: grant", "kind: tax_benefit"));
    assert!(e[0].message.en.contains("cannot have an amount"));
}

#[test]
fn all_errors_are_reported_together() {
    let broken = PACK
        .replace("district: 70", "district: 60")
        .replace("clause: \"二(五)2\"", "clause: \"\"")
        .replace("fact: purchases.cnc_generation_units", "fact: nope");
    assert_eq!(errors(&broken).len(), 3);
}

#[test]
fn the_default_pack_has_every_track_id_of_the_domain_brief() {
    let pack = default_pack();
    let ids: Vec<&str> = pack.tracks.iter().map(|t| t.id.as_str()).collect();
    for id in [
        "smart-equipment-rd",
        "first-set-equipment",
        "smart-factory-award",
        "digital-workshop-award",
        "demo-line-joint-rd",
        "cnc-rd-major-project",
        "rd-super-deduction",
        "public-tech-platform",
        "new-research-institution",
        "tech-center-award",
        "local-cnc-purchase",
        "industry-equity-fund",
        "listing-award",
        "patent-award",
        "standard-award",
        "brand-award",
        "quality-award",
        "online-brand-award",
        "o2o-transition-award",
        "cross-border-ecommerce",
        "industrial-design-center",
        "design-competition",
        "design-transfer-demo",
        "logistics-rating",
        "ecommerce-warehouse",
        "business-model-innovation",
        "service-manufacturing-demo",
        "maker-space",
        "ecommerce-platform-docking",
        "online-business-park",
        "warehouse-receipt-guarantee",
    ] {
        assert!(
            ids.contains(&id),
            "track {id} missing from the default pack"
        );
    }
    // Non-monetary support is never money.
    for t in &pack.tracks {
        use zhizao::policy::pack::TrackKind::*;
        if matches!(t.kind, TaxBenefit | Equity | NonMonetary) {
            assert!(
                t.amount.is_none(),
                "{} is non-monetary but has an amount",
                t.id
            );
            assert!(t.support.is_some(), "{} needs a support text", t.id);
        }
    }
}

#[test]
fn validity_dates_must_be_in_order() {
    let e = errors(&PACK.replace(
        "effective_to: \"2020-12-31\"",
        "effective_to: \"2015-12-31\"",
    ));
    assert_eq!(e[0].path.as_deref(), Some("effective_to"));
    assert_eq!(e[0].line, Some(7));
}

#[test]
fn lookup_tables_name_only_existing_values() {
    let text = PACK.replace(
        "rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}",
        "lookup: {fact: listing.venue, table: {ipo: 500000, nasdaq: 1}}",
    );
    let e = errors(&text);
    assert!(
        e[0].message.en.contains("has no value `nasdaq`"),
        "{:?}",
        e[0].message
    );
}

#[test]
fn an_under_naming_an_unknown_reading_or_option_is_an_error_with_its_line() {
    let with_reading = PACK.replace(
        "tracks:\n",
        "readings:\n  - id: rate-basis\n    clause: \"二(五)2\"\n    tracks: [local-cnc-purchase]\n    question: {zh: 问, en: q}\n    options:\n      - {id: a, text: {zh: 甲, en: a}}\n      - {id: b, text: {zh: 乙, en: b}}\n    taken: a\n    why: {zh: 因, en: why}\ntracks:\n",
    );
    assert!(load_pack(&with_reading, "ok.yaml").is_ok());
    let bad_option = with_reading.replace(
        "          rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}\n",
        "          rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}\n          under: {reading: rate-basis, option: c}\n",
    );
    let e = errors(&bad_option);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(
        e[0].path.as_deref(),
        Some("tracks[0].amount.parts[0].under")
    );
    assert!(
        e[0].message.en.contains("has no option `c`"),
        "{:?}",
        e[0].message
    );
    assert!(e[0].line.is_some());
    let bad_taken = with_reading.replace("    taken: a\n", "    taken: z\n");
    assert!(errors(&bad_taken)[0]
        .message
        .en
        .contains("`z` is not one of"));
    let no_reading = PACK.replace(
        "          rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}\n",
        "          rate: {base: purchases.cnc_generation_invoice_ex_tax, rate: 0.2}\n          under: {reading: nope, option: a}\n",
    );
    assert!(errors(&no_reading)[0]
        .message
        .en
        .contains("names no reading `nope`"));
}

#[test]
fn the_default_pack_sets_no_end_date() {
    // 五(五) "本意见自下发之日起施行": no end date in the text, none in the pack.
    let pack = default_pack();
    assert_eq!(pack.effective_to, None);
    assert_eq!(
        pack.horizon.len(),
        1,
        "one horizon left after the readings apply"
    );
    assert_eq!(pack.horizon[0].last_year, 2020);
}

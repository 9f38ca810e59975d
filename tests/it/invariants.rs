//! Invariants over realistic generated questionnaires (`zhizao::sample`),
//! checked with proptest over random `(seed, index)` pairs: the whole
//! pipeline from text (not from a struct, as tests/it/properties.rs does), so
//! the loader, validation, assessment and JSON report are all covered.
//!
//! 1. Loading never panics; a valid sample loads, an invalid one is refused
//!    with at least one error.
//! 2. The same input gives byte-identical JSON, with a fresh engine too.
//! 3. Money adds up exactly: each track's funder parts (before the district
//!    cap) sum to its amount; the totals are the sums of their tracks; the
//!    grand total is the sum of the funders.
//! 4. The district cap holds: district money after the cap never exceeds it,
//!    never exceeds the amount before it, and is what the totals show.
//! 5. The JSON parses, and its keys are exactly the ones documented in
//!    docs/json-output.md (required ones present, no undocumented ones).

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::money::Range;
use zhizao::policy::eval::TrackStatus;
use zhizao::policy::pack::Funder;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(Engine::default)
}

fn assess_text(engine: &Engine, name: &str, text: &str) -> Option<Assessment> {
    let l = zhizao::input::from_bytes(text.as_bytes(), name).ok()?;
    Some(engine.assess(
        &l.questionnaire,
        InputInfo {
            file: name.to_string(),
            sha256: l.sha256,
        },
        l.warnings,
    ))
}

fn valid_sample(seed: u64, index: usize) -> (String, Assessment) {
    let (name, text) = zhizao::sample::sample(seed, index, 0.0);
    let a = match assess_text(engine(), &name, &text) {
        Some(a) => a,
        None => {
            let e = zhizao::input::from_bytes(text.as_bytes(), &name).unwrap_err();
            panic!("sample ({seed}, {index}) {name} does not load: {:?}", e.0)
        }
    };
    (text, a)
}

fn sum(ranges: impl IntoIterator<Item = Range>) -> Range {
    ranges.into_iter().fold(Range::ZERO, Range::plus)
}

/// Funder totals over the tracks with one of `statuses`, as the engine should add them.
/// With candidates (the potential totals) an eligible track counts at its
/// `district_potential` share when it has one (methodology §5.8 step 6).
fn by_funder_of(a: &Assessment, statuses: &[TrackStatus]) -> BTreeMap<Funder, Range> {
    let potential = statuses.contains(&TrackStatus::Candidate);
    let mut m: BTreeMap<Funder, Range> = Funder::standard_all()
        .iter()
        .map(|f| (f.clone(), Range::ZERO))
        .collect();
    for t in a.subsidies.iter().filter(|t| statuses.contains(&t.status)) {
        for (f, r) in &t.by_funder {
            let r = match t.district_potential {
                Some(d) if potential && *f == Funder::standard("district") => d,
                _ => *r,
            };
            let e = m.entry(f.clone()).or_insert(Range::ZERO);
            *e = e.plus(r);
        }
    }
    m
}

// ---------------------------------------------------------------------------
// Documented JSON keys, read from docs/json-output.md.

/// One documented table: its keys and whether each may be omitted.
type Table = Vec<(String, bool)>;

/// Tables of the doc by heading: `"2"` for the top-level table, `"3.N"` for
/// each field section, in order of appearance.
fn documented_tables() -> BTreeMap<String, Vec<Table>> {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/json-output.md"))
        .expect("docs/json-output.md");
    let mut out: BTreeMap<String, Vec<Table>> = BTreeMap::new();
    let mut section = String::new();
    let mut in_table = false;
    for line in doc.lines() {
        if let Some(h) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            section = h.split(['.', ' ']).next().unwrap_or("").to_string();
            if line.starts_with("### ") {
                section = h.split(' ').next().unwrap_or("").to_string();
            }
            in_table = false;
            continue;
        }
        if line.starts_with("|---") {
            continue;
        }
        let Some(row) = line.strip_prefix("| ") else {
            in_table = false;
            continue;
        };
        let cells: Vec<&str> = row.split(" | ").collect();
        if cells.first().is_some_and(|c| *c == "key" || *c == "field") {
            out.entry(section.clone()).or_default().push(Vec::new());
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        let optional = cells.last().is_some_and(|m| m.contains("*omitted"));
        let table = out.get_mut(&section).and_then(|v| v.last_mut()).unwrap();
        for key in cells[0].split(", ") {
            table.push((key.trim().trim_matches('`').to_string(), optional));
        }
    }
    out
}

fn check_keys(what: &str, obj: &Value, table: &Table) {
    let m = obj
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object: {obj}"));
    for (k, optional) in table {
        assert!(
            *optional || m.contains_key(k),
            "{what}: documented key `{k}` missing"
        );
    }
    for k in m.keys() {
        assert!(
            table.iter().any(|(d, _)| d == k),
            "{what}: key `{k}` is not documented in docs/json-output.md"
        );
    }
}

fn check_documented_keys(json: &Value, docs: &BTreeMap<String, Vec<Table>>) {
    let t = |s: &str, i: usize| -> &Table {
        docs.get(s)
            .and_then(|v| v.get(i))
            .unwrap_or_else(|| panic!("docs/json-output.md has no table {i} in section {s}"))
    };
    // Top level: the documented keys, in the documented order.
    // An optional key (`*omitted …`) may be absent; the others keep the documented order.
    let keys = json.as_object().unwrap();
    let top: Vec<&str> = t("2", 0)
        .iter()
        .filter(|(k, optional)| !optional || keys.contains_key(k))
        .map(|(k, _)| k.as_str())
        .collect();
    let got: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(got, top, "top-level keys and their order");
    check_keys("input", &json["input"], t("3.1", 0));
    check_keys("packs", &json["packs"], t("3.2", 0));
    check_keys("enterprise", &json["enterprise"], t("3.3", 0));
    for i in json["indicators"].as_array().unwrap() {
        check_keys("indicators[]", i, t("3.4", 0));
    }
    for c in json["criteria"].as_array().unwrap() {
        check_keys("criteria[]", c, t("3.5", 0));
        for k in c["checks"].as_array().unwrap() {
            check_keys("criteria[].checks[]", k, t("3.5", 1));
        }
    }
    check_keys("maturity", &json["maturity"], t("3.6", 0));
    for s in json["subsidies"].as_array().unwrap() {
        check_keys("subsidies[]", s, t("3.7", 0));
        for list in ["conditions", "candidate_conditions"] {
            for c in s[list].as_array().into_iter().flatten() {
                check_keys(&format!("subsidies[].{list}[]"), c, t("3.7", 1));
            }
        }
    }
    for which in ["eligible", "potential"] {
        let tot = &json["totals"][which];
        check_keys(&format!("totals.{which}"), tot, t("3.8", 0));
        let funders: Vec<&String> = tot["by_funder"].as_object().unwrap().keys().collect();
        assert_eq!(
            funders,
            ["province", "city", "district"],
            "totals.{which}.by_funder"
        );
    }
    if !json["district_cap"].is_null() {
        check_keys("district_cap", &json["district_cap"], t("3.9", 0));
    }
    for w in json["warnings"].as_array().unwrap() {
        check_keys("warnings[]", w, t("3.10", 0));
    }
    check_keys("yardsticks", &json["yardsticks"], t("3.11", 0));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn loading_never_panics_and_invalid_samples_are_refused(seed in any::<u64>(), index in 0usize..1_000_000) {
        let (name, text) = zhizao::sample::sample(seed, index, 0.5);
        let valid = zhizao::sample::sample(seed, index, 0.0).1 == text;
        match zhizao::input::from_bytes(text.as_bytes(), &name) {
            Ok(l) => {
                prop_assert!(valid, "{name}: a deliberately broken sample loaded");
                let _ = engine().assess(&l.questionnaire, InputInfo { file: name, sha256: l.sha256 }, l.warnings);
            }
            Err((diags, _)) => {
                prop_assert!(!valid, "{name}: a valid sample was refused: {diags:?}");
                prop_assert!(diags.iter().any(|d| d.is_error()));
            }
        }
    }

    #[test]
    fn same_input_gives_byte_identical_json(seed in any::<u64>(), index in 0usize..1_000_000) {
        let (text, a) = valid_sample(seed, index);
        let again = assess_text(&Engine::default(), &a.input.file, &text).unwrap();
        prop_assert_eq!(zhizao::report::json(&a), zhizao::report::json(&again));
    }

    #[test]
    fn money_adds_up_exactly(seed in any::<u64>(), index in 0usize..1_000_000) {
        let (_, a) = valid_sample(seed, index);
        for t in &a.subsidies {
            match t.amount {
                Some(amount) => {
                    // Before the district cap, the funder parts add up to the amount.
                    let mut parts = t.by_funder.clone();
                    if let Some(before) = t.district_before_cap {
                        parts.insert(Funder::standard("district"), before);
                    }
                    prop_assert_eq!(sum(parts.values().copied()), amount, "{}", &t.id);
                    prop_assert!(amount.min >= Decimal::ZERO, "{}", &t.id);
                    if let Some(max) = amount.max {
                        prop_assert!(amount.min <= max, "{}", &t.id);
                    }
                }
                None => prop_assert!(
                    t.by_funder.values().all(Range::is_zero),
                    "{}: money without an amount", &t.id
                ),
            }
        }
        let eligible = by_funder_of(&a, &[TrackStatus::Eligible]);
        let potential = by_funder_of(&a, &[TrackStatus::Eligible, TrackStatus::Candidate]);
        prop_assert_eq!(&a.totals.eligible.by_funder, &eligible);
        prop_assert_eq!(&a.totals.potential.by_funder, &potential);
        for tot in [&a.totals.eligible, &a.totals.potential] {
            prop_assert_eq!(tot.total, sum(tot.by_funder.values().copied()));
        }
    }

    #[test]
    fn the_district_cap_holds(seed in any::<u64>(), index in 0usize..1_000_000) {
        let (_, a) = valid_sample(seed, index);
        let Some(dc) = &a.district_cap else { return Ok(()); };
        let district = a.totals.potential.by_funder[&Funder::standard("district")];
        prop_assert_eq!(district, dc.after);
        match dc.cap {
            // The literal trigger reading (default): one district award is not capped.
            Some(_) if !dc.triggered => {
                prop_assert!(!dc.binding);
                prop_assert_eq!(dc.after, dc.before);
            }
            Some(cap) => {
                if let Some(after) = dc.after.max {
                    prop_assert!(after <= cap, "district {after} > cap {cap}");
                }
                prop_assert!(dc.after.min <= cap);
                prop_assert_eq!(dc.binding, !dc.cut.is_empty());
                if !dc.binding {
                    prop_assert_eq!(dc.after, dc.before);
                }
            }
            // Without the cap figure nothing is cut.
            None => {
                prop_assert!(!dc.binding);
                prop_assert_eq!(dc.after, dc.before);
            }
        }
        if let (Some(after), Some(before)) = (dc.after.max, dc.before.max) {
            prop_assert!(after <= before);
        }
        // Every cut track shows its district share before the cap, and the cut made it smaller.
        // `dc.cut` is the run on eligible + candidates: an eligible track cut only there keeps
        // its due share in `by_funder` and shows the cut one as `district_potential`.
        for id in &dc.cut {
            let t = a.subsidies.iter().find(|t| &t.id == id).unwrap();
            let after = t.by_funder[&Funder::standard("district")];
            if let (None, Some(p)) = (t.district_before_cap, t.district_potential) {
                prop_assert_eq!(t.status, TrackStatus::Eligible);
                prop_assert!(p.min <= after.min, "{id}");
                prop_assert!(after.max.is_none() || p.max <= after.max, "{id}");
                continue;
            }
            let before = t.district_before_cap.expect("a cut track keeps its share before the cap");
            prop_assert!(after.max <= before.max || before.max.is_none(), "{id}");
        }
        for id in &dc.eligible.cut {
            let t = a.subsidies.iter().find(|t| &t.id == id).unwrap();
            prop_assert!(t.district_before_cap.is_some(), "{id}");
        }
    }

    #[test]
    fn json_parses_with_the_documented_keys(seed in any::<u64>(), index in 0usize..1_000_000) {
        static DOCS: OnceLock<BTreeMap<String, Vec<Table>>> = OnceLock::new();
        let docs = DOCS.get_or_init(documented_tables);
        let (_, a) = valid_sample(seed, index);
        let text = zhizao::report::json(&a);
        prop_assert!(text.ends_with("}\n"), "JSON ends with a newline");
        let json: Value = serde_json::from_str(&text).expect("JSON parses");
        check_documented_keys(&json, docs);
        // Money is an exact decimal string, never a JSON number.
        for s in json["subsidies"].as_array().unwrap() {
            if let Some(amount) = s["amount"].as_object() {
                prop_assert!(amount["min"].as_str().is_some_and(|m| m.parse::<Decimal>().is_ok()));
            }
        }
    }
}

#[test]
fn the_doc_tables_are_found() {
    // Guard against the doc parser silently finding nothing.
    let d = documented_tables();
    assert_eq!(d["2"][0].len(), 15, "{:?}", d["2"]);
    for s in [
        "3.1", "3.2", "3.3", "3.4", "3.6", "3.8", "3.9", "3.10", "3.11", "3.12",
    ] {
        assert!(!d[s][0].is_empty(), "{s}");
    }
    assert_eq!(d["3.5"].len(), 2);
    assert_eq!(d["3.7"].len(), 2);
}

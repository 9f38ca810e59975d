//! Property tests over generated questionnaires: invariants that must hold
//! for every factory, not just the examples.

use proptest::prelude::*;
use rust_decimal::Decimal;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::criteria::Status;
use zhizao::indicators::Unit;
use zhizao::money::Wan;
use zhizao::policy::eval::TrackStatus;
use zhizao::policy::pack::Funder;
use zhizao::questionnaire::*;

fn rating() -> impl Strategy<Value = Option<DomainRating>> {
    prop::option::weighted(
        0.9,
        (
            0u8..=5,
            prop_oneof![
                Just(NextLevelFit::None),
                Just(NextLevelFit::Part),
                Just(NextLevelFit::Most)
            ],
        )
            .prop_map(|(level, next)| DomainRating {
                level,
                next: if level == 5 { NextLevelFit::None } else { next },
            }),
    )
}

fn systems() -> impl Strategy<Value = Vec<System>> {
    prop::collection::btree_set(
        prop_oneof![
            Just(System::Erp),
            Just(System::Mes),
            Just(System::Plm),
            Just(System::Scada),
            Just(System::Wms),
            Just(System::Qms),
        ],
        0..6,
    )
    .prop_map(|s| s.into_iter().collect())
}

prop_compose! {
    /// A consistent questionnaire (parts never exceed their wholes).
    fn questionnaire()(
        workers in 1u32..5000,
        extra_staff in 0u32..1000,
        robots in 0u32..600,
        key_total in 1u32..400,
        key_cnc_share in 0u32..=100,
        prod_total in 1u32..2000,
        dig_share in 0u32..=100,
        net_share in 0u32..=100,
        proc_total in 1u32..60,
        auto_share in 0u32..=100,
        data_share in 0u32..=100,
        sys in systems(),
        integrate in any::<bool>(),
        ratings in prop::collection::vec(rating(), 12),
        units in 0u32..130,
        invoice_wan in 0u32..20_000,
        online_wan in 0u32..20_000,
        total_extra_wan in 0u32..20_000,
        retained_wan in prop::option::of(0u32..200),
        patents in 0u32..8,
        results in prop::collection::vec(-40i32..40, 5),
    ) -> Questionnaire {
        let mut q = Questionnaire { schema_version: 1, ..Default::default() };
        let e = &mut q.enterprise;
        e.name = "P".into();
        e.data_year = 2017;
        e.sector = Sector::MachineryAutoParts;
        e.production_workers = Some(workers);
        e.employees = Some(workers + extra_staff);
        e.new_tax_district_retained_wan = retained_wan.and_then(|w| Wan::new(Decimal::from(w)));
        q.robots.industrial_robots = Some(robots);
        let eq = &mut q.equipment;
        eq.key_equipment_total = Some(key_total);
        eq.key_equipment_cnc = Some(key_total * key_cnc_share / 100);
        eq.production_equipment_total = Some(prod_total);
        let dig = prod_total * dig_share / 100;
        eq.production_equipment_digital = Some(dig);
        eq.production_equipment_networked = Some(dig * net_share / 100);
        eq.key_processes_total = Some(proc_total);
        eq.key_processes_automated = Some(proc_total * auto_share / 100);
        eq.key_processes_auto_data_collection = Some(proc_total * data_share / 100);
        if integrate {
            let pairs: Vec<[System; 2]> = sys.windows(2).map(|w| [w[0], w[1]]).collect();
            q.informatization.integrations = Some(pairs);
        }
        q.informatization.systems = Some(sys);
        let s = &mut q.self_assessment;
        let mut r = ratings.into_iter();
        for slot in [
            &mut s.strategy, &mut s.personnel_skills, &mut s.data, &mut s.integration,
            &mut s.information_security, &mut s.equipment, &mut s.network, &mut s.design,
            &mut s.production, &mut s.logistics, &mut s.sales, &mut s.service,
        ] {
            *slot = r.next().flatten();
        }
        q.purchases.cnc_generation_units = Some(units);
        q.purchases.cnc_generation_invoice_ex_tax_wan = Wan::new(Decimal::from(invoice_wan));
        q.ecommerce.original_online_brand = Some(true);
        q.ecommerce.registered_and_settled_in_quanzhou = Some(true);
        q.ecommerce.online_sales_wan = Wan::new(Decimal::from(online_wan));
        q.ecommerce.total_sales_wan = Wan::new(Decimal::from(online_wan + total_extra_wan));
        q.ip_and_brands.invention_patents_granted = Some(patents);
        q.results.operating_cost_change_pct = Some(f64::from(results[0]));
        q.results.rd_cycle_change_pct = Some(f64::from(results[1]));
        q.results.production_efficiency_change_pct = Some(f64::from(results[2]));
        q.results.defect_rate_change_pct = Some(f64::from(results[3]));
        q.results.energy_utilisation_change_pct = Some(f64::from(results[4]));
        q
    }
}

fn assess(engine: &Engine, q: &Questionnaire) -> Assessment {
    let diags = zhizao::validate::validate(q, "gen", None);
    assert!(
        !diags.iter().any(|d| d.is_error()),
        "generator made an invalid questionnaire: {diags:?}"
    );
    engine.assess(
        q,
        InputInfo {
            file: "gen".into(),
            sha256: String::new(),
        },
        vec![],
    )
}

fn met(a: &Assessment) -> Vec<(String, String)> {
    a.criteria
        .iter()
        .flat_map(|c| {
            c.checks
                .iter()
                .filter(|k| k.status == Status::Met)
                .map(move |k| (c.id.clone(), k.id.clone()))
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, ..ProptestConfig::default() })]

    #[test]
    fn ratios_stay_between_zero_and_one(q in questionnaire()) {
        let a = assess(&Engine::default(), &q);
        for i in a.indicators.0.iter().filter(|i| i.unit == Unit::Ratio) {
            if let Some(v) = i.value {
                prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE, "{} = {}", i.id, v);
            }
        }
    }

    #[test]
    fn improving_equipment_never_loses_a_met_check_or_a_level(q in questionnaire(), more_cnc in 0u32..50, more_net in 0u32..200, more_robots in 0u32..100, bump in 0u8..2) {
        let engine = Engine::default();
        let before = assess(&engine, &q);
        let mut better = q.clone();
        let eq = &mut better.equipment;
        eq.key_equipment_cnc = Some((eq.key_equipment_cnc.unwrap() + more_cnc).min(eq.key_equipment_total.unwrap()));
        eq.production_equipment_networked =
            Some((eq.production_equipment_networked.unwrap() + more_net).min(eq.production_equipment_digital.unwrap()));
        better.robots.industrial_robots = Some(better.robots.industrial_robots.unwrap() + more_robots);
        if let Some(r) = better.self_assessment.strategy.as_mut() {
            r.level = (r.level + bump).min(5);
            if r.level == 5 { r.next = NextLevelFit::None; }
        }
        let after = assess(&engine, &better);
        for m in met(&before) {
            prop_assert!(met(&after).contains(&m), "{m:?} was met and is no longer");
        }
        prop_assert!(after.maturity.level >= before.maturity.level);
        for (b, a) in before.criteria.iter().zip(&after.criteria) {
            if b.status == Status::Met {
                prop_assert_eq!(a.status, Status::Met, "{}", b.id);
            }
        }
    }

    #[test]
    fn money_adds_up_and_respects_caps(q in questionnaire()) {
        let a = assess(&Engine::default(), &q);
        for t in &a.subsidies {
            if let Some(amount) = t.amount {
                // Before the district cap, funder parts add up to the amount exactly.
                let mut by = t.by_funder.clone();
                if let Some(before) = t.district_before_cap {
                    by.insert(Funder::standard("district"), before);
                }
                let sum_max: Option<Decimal> = by.values().map(|r| r.max).sum();
                let sum_min: Decimal = by.values().map(|r| r.min).sum();
                prop_assert_eq!(sum_max, amount.max, "{}", t.id);
                prop_assert_eq!(sum_min, amount.min, "{}", t.id);
                prop_assert!(amount.min >= Decimal::ZERO);
            }
            if t.id == "local-cnc-purchase" {
                if let Some(max) = t.amount.and_then(|r| r.max) {
                    // No tier pays more than 20% of the invoice (二(五)2).
                    let invoice = q.purchases.cnc_generation_invoice_ex_tax_wan.unwrap().get() * Decimal::from(10_000);
                    prop_assert!(max <= invoice * Decimal::new(20, 2));
                }
            }
        }
        if let Some(dc) = &a.district_cap {
            // Under the literal trigger reading (default) the cap applies only to
            // an enterprise with several district awards.
            if let (Some(cap), Some(after), true) = (dc.cap, dc.after.max, dc.triggered) {
                prop_assert!(after <= cap, "district {after} > cap {cap}");
            }
            if !dc.triggered {
                prop_assert_eq!(dc.after, dc.before);
            }
            let district_total = a.totals.potential.by_funder[&Funder::standard("district")].max;
            prop_assert_eq!(district_total, dc.after.max);
        }
        // Totals are the sums of their parts.
        let t = &a.totals.potential;
        let sum: Option<Decimal> = t.by_funder.values().map(|r| r.max).sum();
        prop_assert_eq!(sum, t.total.max);
    }

    #[test]
    fn raising_online_sales_keeps_an_eligible_online_brand_eligible(q in questionnaire(), more in 0u32..10_000) {
        let engine = Engine::default();
        let before = assess(&engine, &q);
        let mut more_q = q.clone();
        // More online sales with the same offline sales: both the amount and the share rise.
        more_q.ecommerce.online_sales_wan = Wan::new(q.ecommerce.online_sales_wan.unwrap().get() + Decimal::from(more));
        more_q.ecommerce.total_sales_wan = Wan::new(q.ecommerce.total_sales_wan.unwrap().get() + Decimal::from(more));
        let after = assess(&engine, &more_q);
        let status = |a: &Assessment| a.subsidies.iter().find(|t| t.id == "online-brand-award").map(|t| t.status);
        if status(&before) == Some(TrackStatus::Eligible) {
            prop_assert_eq!(status(&after), Some(TrackStatus::Eligible));
        }
    }

    #[test]
    fn json_is_deterministic(q in questionnaire()) {
        let engine = Engine::default();
        let a = zhizao::report::json(&assess(&engine, &q));
        let b = zhizao::report::json(&assess(&engine, &q));
        prop_assert_eq!(a, b);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Batch screening reduces each file to a brief (no assessment, no
    /// texts); it must not change a single status or amount.
    #[test]
    fn a_brief_has_the_same_statuses_and_amounts(q in questionnaire()) {
        let engine = Engine::default();
        let input = InputInfo { file: "gen".into(), sha256: String::new() };
        let full = engine.assess(&q, input, vec![]);
        let brief = engine.brief(&q);
        prop_assert_eq!(full.maturity.level, brief.maturity.level);
        prop_assert_eq!(full.criteria.len(), brief.criteria.len());
        for (a, b) in full.criteria.iter().zip(&brief.criteria) {
            prop_assert_eq!(a.status, b.status, "{}", a.id);
            for (x, y) in a.checks.iter().zip(&b.checks) {
                prop_assert_eq!(x.status, y.status, "{}", x.id);
                prop_assert_eq!(&x.missing, &y.missing, "{}", x.id);
            }
        }
        // The brief covers every pack of the engine (a screening's columns);
        // the assessment only those in force for the data year. A pack left
        // out is not in force in the brief: its tracks carry no money.
        let chosen: Vec<&str> = engine
            .policies_for(q.enterprise.data_year)
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        let mut used = Vec::new();
        let mut at = brief.policy.tracks.iter();
        for p in engine.policies() {
            for _ in &p.tracks {
                let Some(t) = at.next() else { break };
                if chosen.contains(&p.id.as_str()) {
                    used.push(t);
                } else {
                    prop_assert_eq!(t.status, TrackStatus::NotInForce, "{}", p.id);
                }
            }
        }
        prop_assert_eq!(full.subsidies.len(), used.len());
        for (a, b) in full.subsidies.iter().zip(used) {
            prop_assert_eq!(a.status, b.status, "{}", a.id);
            prop_assert_eq!(a.amount, b.amount, "{}", a.id);
            prop_assert_eq!(&a.by_funder, &b.by_funder, "{}", a.id);
            prop_assert_eq!(a.district_before_cap, b.district_before_cap, "{}", a.id);
            prop_assert_eq!(&a.missing, &b.missing, "{}", a.id);
        }
        prop_assert_eq!(&full.totals.eligible.by_funder, &brief.policy.eligible_totals.by_funder);
        prop_assert_eq!(&full.totals.potential.by_funder, &brief.policy.potential_totals.by_funder);
        // And the row a screening keeps is the row of the full assessment.
        let from_brief = zhizao::screen::Row::from_brief(&brief, &q, &engine.policy, "gen".into(), 0);
        let from_full = zhizao::screen::Row::from_assessment(&full, &q);
        prop_assert_eq!(
            serde_json::to_value(&from_brief).unwrap(),
            serde_json::to_value(&from_full).unwrap()
        );
    }
}

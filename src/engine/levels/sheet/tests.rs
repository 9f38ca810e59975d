//! Unit tests of the pack format's pieces: ranges and the load checks.

use super::format::Range;
use rust_decimal_macros::dec;

#[test]
fn left_open_ranges_hold_their_upper_end_only() {
    let r = Range::parse("(10,20]").expect("reads");
    assert!(!r.contains(dec!(10)));
    assert!(r.contains(dec!(10.01)));
    assert!(r.contains(dec!(20)));
    assert!(!r.contains(dec!(20.01)));
    let open = Range::parse("[2,inf)").expect("reads");
    assert!(open.contains(dec!(2)) && open.contains(dec!(1e9)) && !open.contains(dec!(1.99)));
}

#[test]
fn ranges_that_cannot_be_read_are_refused() {
    for bad in [
        "10,20", "(20,10]", "(10,10]", "[1,inf]", "(a,2]", "[1;2]", "",
    ] {
        assert!(Range::parse(bad).is_none(), "{bad} should be refused");
    }
    assert!(Range::parse("[5,5]").is_some());
}

#[test]
fn ranges_meet_without_gap_or_overlap() {
    let p = |s| Range::parse(s).expect("reads");
    assert!(p("[0,10]").meets(&p("(10,20]")));
    assert!(!p("[0,10]").meets(&p("[10,20]")), "10 in both: overlap");
    assert!(!p("[0,10)").meets(&p("(10,20]")), "10 in neither: gap");
    assert!(!p("[0,10]").meets(&p("(11,20]")), "gap");
}

//! Money (金额): exact decimal CNY, ranges, splits and formatting.
//!
//! Money never passes through `f64`. Amounts are rounded to the fen (0.01)
//! only where the policy splits them between funders, and the last funder
//! takes the remainder so the parts always add up to the whole exactly.

use crate::lang::Lang;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// Largest magnitude of a questionnaire amount ([`Wan`]): 10^10 万元 is
/// 10^14 CNY, about China's GDP, so anything larger is a typo or a unit
/// mistake. It also keeps every amount far inside `Decimal`'s range
/// (about 7.9 × 10^28), so no product or sum the indicators or the policy
/// engine form from questionnaire amounts can overflow.
pub const AMOUNT_MAX: u64 = 10_000_000_000;

/// An amount from a questionnaire (金额, 万元; the m² and tce fields share
/// the type): an exact decimal no larger than [`AMOUNT_MAX`] either way.
///
/// The bound is part of the type: it is checked when a value is read
/// (deserialised) or made ([`Wan::new`]), so a new `*_wan` field cannot be
/// left unchecked and the library never computes with an amount that could
/// overflow, validated or not. The sign is left to validation, which says
/// in words why a negative amount is refused.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Wan(Decimal);

/// The schema of a plain decimal, inline, so the published questionnaire
/// schema is the same as before the bound became a type.
impl schemars::JsonSchema for Wan {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        Decimal::schema_name()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Decimal::json_schema(g)
    }
}

impl Wan {
    /// Zero.
    pub const ZERO: Wan = Wan(Decimal::ZERO);

    /// `d` when within ±[`AMOUNT_MAX`].
    pub fn new(d: Decimal) -> Option<Wan> {
        (d.abs() <= Decimal::from(AMOUNT_MAX)).then_some(Wan(d))
    }

    /// `d` cut to ±[`AMOUNT_MAX`]: for values a program makes (synthetic
    /// questionnaires), never for what a user wrote, which is refused.
    pub fn clamped(d: Decimal) -> Wan {
        let max = Decimal::from(AMOUNT_MAX);
        Wan(d.clamp(-max, max))
    }

    /// The amount.
    pub fn get(self) -> Decimal {
        self.0
    }
}

impl std::ops::Deref for Wan {
    type Target = Decimal;
    fn deref(&self) -> &Decimal {
        &self.0
    }
}

impl From<Wan> for Decimal {
    fn from(w: Wan) -> Decimal {
        w.0
    }
}

impl std::fmt::Display for Wan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What the bound is called in a deserialisation error; `yaml::explain`
/// recognises it to say "too large" and the limit.
pub const WAN_EXPECTED: &str = "an amount of at most 10000000000";

impl<'de> Deserialize<'de> for Wan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Wan, D::Error> {
        let x = <Decimal as Deserialize>::deserialize(d)?;
        Wan::new(x).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Other(&x.to_string()),
                &WAN_EXPECTED,
            )
        })
    }
}

/// A range of CNY: ceilings (最高不超过) are not promises, floors (不少于) have no stated maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// Lowest amount, CNY.
    #[serde(
        serialize_with = "ser_cny",
        deserialize_with = "rust_decimal::serde::str::deserialize"
    )]
    pub min: Decimal,
    /// Highest amount, CNY; `None` when the policy states only a floor.
    #[serde(
        serialize_with = "ser_cny_option",
        deserialize_with = "rust_decimal::serde::str_option::deserialize"
    )]
    pub max: Option<Decimal>,
}

/// Money as an exact decimal string without trailing zeros ("386000", "37037.03").
pub fn ser_cny<S: serde::Serializer>(x: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&x.normalize().to_string())
}

/// As [`ser_cny`], `null` for none.
pub fn ser_cny_option<S: serde::Serializer>(x: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(v) => ser_cny(v, s),
        None => s.serialize_none(),
    }
}

impl Range {
    /// Zero.
    pub const ZERO: Range = Range {
        min: Decimal::ZERO,
        max: Some(Decimal::ZERO),
    };

    /// An exact amount.
    pub fn exact(x: Decimal) -> Range {
        Range {
            min: x,
            max: Some(x),
        }
    }

    /// Sum of two ranges (an open maximum stays open).
    pub fn plus(self, o: Range) -> Range {
        Range {
            min: self.min + o.min,
            max: match (self.max, o.max) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            },
        }
    }

    /// True when both ends are zero.
    pub fn is_zero(&self) -> bool {
        self.min.is_zero() && self.max == Some(Decimal::ZERO)
    }

    /// Show for a report in one unit (see [`report`]): "0.00 – 50.00万元",
    /// "不少于 5.00万元" / "CNY 0 – CNY 500,000".
    pub fn report(&self, lang: Lang) -> String {
        match (self.max, lang) {
            (Some(m), _) if m == self.min => report(m, lang),
            (Some(m), Lang::Zh) => format!("{} – {}万元", wan_2dp(self.min), wan_2dp(m)),
            (Some(m), Lang::En) => format!("{} – {}", fmt(self.min, lang), fmt(m, lang)),
            (None, Lang::Zh) => format!("不少于 {}", report(self.min, lang)),
            (None, Lang::En) => format!("at least {}", report(self.min, lang)),
        }
    }

    /// Whether either end is rounded when shown in 万元 ([`rounds_in_wan`]).
    pub fn rounds_in_wan(&self) -> bool {
        rounds_in_wan(self.min) || self.max.is_some_and(rounds_in_wan)
    }

    /// Show as "0 – 50万元" / "CNY 0 – 500,000".
    pub fn show(&self, lang: Lang) -> String {
        match self.max {
            Some(m) if m == self.min => fmt(m, lang),
            Some(m) => format!("{} – {}", fmt(self.min, lang), fmt(m, lang)),
            None => match lang {
                Lang::Zh => format!("不少于 {}", fmt(self.min, lang)),
                Lang::En => format!("at least {}", fmt(self.min, lang)),
            },
        }
    }
}

/// Round to the fen, half away from zero.
pub fn to_fen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Round down to the fen.
pub fn floor_fen(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::ToZero)
}

/// Split `total` by percentages (which add up to 100): every share but the
/// last is rounded to the fen, the last takes the remainder, so the shares
/// add up to `total` exactly.
pub fn split<K: Clone>(total: Decimal, shares: &[(K, Decimal)]) -> Vec<(K, Decimal)> {
    let mut out = Vec::with_capacity(shares.len());
    let mut given = Decimal::ZERO;
    for (i, (k, pct)) in shares.iter().enumerate() {
        let part = if i + 1 == shares.len() {
            total - given
        } else {
            to_fen(total * *pct / Decimal::ONE_HUNDRED)
        };
        given += part;
        out.push((k.clone(), part));
    }
    out
}

/// Format CNY for people: zh in 万元 when round, en with thousands separators.
pub fn fmt(x: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            // 万元 only when it reads cleanly (at most two decimals of 万,
            // i.e. a whole hundred 元); otherwise exact 元.
            let wan = (x / Decimal::from(10_000)).normalize();
            if x.abs() >= Decimal::from(10_000) && wan.scale() <= 2 {
                format!("{}万元", group(wan))
            } else {
                format!("{}元", yuan(x))
            }
        }
        Lang::En => format!("CNY {}", yuan(x)),
    }
}

/// Money for a report a client reads (报告金额): one unit throughout — zh
/// always in 万元 with two decimals ("168.04万元", "0.00万元"), en in CNY
/// with thousands separators. Exact amounts are in the JSON output; a
/// report adds a footnote where [`rounds_in_wan`] says the 万元 figure is
/// rounded.
pub fn report(x: Decimal, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}万元", wan_2dp(x)),
        Lang::En => fmt(x, lang),
    }
}

/// `x` in 万 with exactly two decimals and thousands separators, no unit
/// ("168.04"), for a column whose header names the unit.
pub fn wan_2dp(x: Decimal) -> String {
    let w = (x / Decimal::from(10_000))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let mut w = if w.is_zero() { Decimal::ZERO } else { w };
    w.rescale(2);
    group(w)
}

/// Whether `x` shown in 万元 with two decimals is rounded (it is not a
/// whole hundred 元).
pub fn rounds_in_wan(x: Decimal) -> bool {
    !(x / Decimal::from(100)).fract().is_zero()
}

/// An amount in 元 for people: whole yuan without decimals, anything else
/// to the fen with both digits (193,548.40, not 193,548.4), rounded as an
/// amount is.
fn yuan(x: Decimal) -> String {
    let n = x.normalize();
    if n.scale() == 0 {
        return group(n);
    }
    let mut f = to_fen(n);
    f.rescale(2);
    group(f)
}

/// Thousands separators on the integer part.
pub fn group(x: Decimal) -> String {
    let s = x.to_string();
    let (sign, s) = s
        .strip_prefix('-')
        .map(|r| ("-", r))
        .unwrap_or(("", s.as_str()));
    let (int, frac) = s
        .split_once('.')
        .map(|(a, b)| (a, Some(b)))
        .unwrap_or((s, None));
    let mut g = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            g.push(',');
        }
        g.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_bounded_by_its_type() {
        // Found by the hostile corpus: Decimal::MAX in a 万元 field overflowed the
        // × 10,000 of the facts; the bound was a hand-kept list of fields.
        let max = Decimal::from(AMOUNT_MAX);
        assert_eq!(Wan::new(max).map(Wan::get), Some(max));
        assert_eq!(Wan::new(-max).map(Wan::get), Some(-max));
        assert!(Wan::new(max + Decimal::ONE).is_none());
        assert!(Wan::new(Decimal::MAX).is_none());
        assert_eq!(Wan::clamped(Decimal::MAX).get(), max);
        // Read from text, the bound holds however the number is written.
        let read = |t: &str| serde_yaml::from_str::<Wan>(t);
        assert_eq!(read("10000000000").map(Wan::get).ok(), Some(max));
        for t in ["10000000001", "1e20", "\"79228162514264337593543950335\""] {
            let e = read(t).unwrap_err().to_string();
            assert!(e.contains(WAN_EXPECTED), "{t}: {e}");
        }
        // The largest amount × 10,000 (万元 → CNY) × the largest rate stays exact.
        let cny = max.checked_mul(Decimal::from(10_000)).unwrap();
        assert!(cny.checked_mul(Decimal::from(100)).is_some());
    }

    use rust_decimal_macros::dec;

    #[test]
    fn split_adds_up_exactly() {
        // 30/70 of 123,456.78: city 37,037.034 → 37,037.03; district takes 86,419.75.
        let s = split(
            dec!(123456.78),
            &[("city", dec!(30)), ("district", dec!(70))],
        );
        assert_eq!(
            s,
            vec![("city", dec!(37037.03)), ("district", dec!(86419.75))]
        );
        assert_eq!(s[0].1 + s[1].1, dec!(123456.78));
    }

    #[test]
    fn report_money_is_one_unit_with_two_decimals() {
        assert_eq!(report(dec!(1680350), Lang::Zh), "168.04万元");
        assert_eq!(report(dec!(11162.79), Lang::Zh), "1.12万元");
        assert_eq!(report(dec!(100000), Lang::Zh), "10.00万元");
        assert_eq!(report(dec!(0), Lang::Zh), "0.00万元");
        assert_eq!(report(dec!(-4), Lang::Zh), "0.00万元");
        assert_eq!(report(dec!(123456789000), Lang::Zh), "12,345,678.90万元");
        assert_eq!(report(dec!(1680350), Lang::En), "CNY 1,680,350");
        assert!(rounds_in_wan(dec!(11162.79)));
        assert!(rounds_in_wan(dec!(1680350)));
        assert!(!rounds_in_wan(dec!(582000)));
        let r = Range {
            min: dec!(0),
            max: Some(dec!(1000000)),
        };
        assert_eq!(r.report(Lang::Zh), "0.00 – 100.00万元");
    }

    #[test]
    fn formatting() {
        assert_eq!(fmt(dec!(1000000), Lang::Zh), "100万元");
        assert_eq!(fmt(dec!(28000000), Lang::Zh), "2,800万元");
        assert_eq!(fmt(dec!(5000), Lang::Zh), "5,000元");
        assert_eq!(fmt(dec!(12345600), Lang::Zh), "1,234.56万元");
        // Not a whole hundred 元: exact 元 rather than 1.116279万元.
        assert_eq!(fmt(dec!(11162.79), Lang::Zh), "11,162.79元");
        // Fen always with two digits; whole yuan without decimals.
        assert_eq!(fmt(dec!(1234567.5), Lang::En), "CNY 1,234,567.50");
        assert_eq!(fmt(dec!(193548.4), Lang::Zh), "193,548.40元");
        assert_eq!(fmt(dec!(-0.5), Lang::En), "CNY -0.50");
        assert_eq!(fmt(dec!(2000.00), Lang::En), "CNY 2,000");
        assert_eq!(fmt(dec!(0.125), Lang::Zh), "0.13元");
        assert_eq!(
            Range {
                min: dec!(0),
                max: Some(dec!(500000))
            }
            .show(Lang::Zh),
            "0元 – 50万元"
        );
        assert_eq!(
            Range {
                min: dec!(500000),
                max: None
            }
            .show(Lang::En),
            "at least CNY 500,000"
        );
    }
}

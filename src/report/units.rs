//! Indicator values with their units (指标单位) and enough precision to tell
//! 0.073 from 0.11, and formulas in the reader's words.

use crate::indicators::Unit;
use crate::lang::Lang;
use rust_decimal::Decimal;

/// The unit of an indicator as printed after the value ("台/万人"); empty for
/// percentages (the % sign is the unit) and counts.
pub fn unit_label(unit: Unit, l: Lang) -> &'static str {
    match unit {
        Unit::Ratio | Unit::Count => "",
        Unit::PerTenThousandWorkers => l.pick("台/万人", "per 10,000 workers"),
        Unit::WanPerPerson => l.pick("万元/人", "×10⁴ CNY/person"),
        Unit::TcePerWan => l.pick("tce/万元", "tce per 10⁴ CNY"),
    }
}

/// A figure with the decimals its size needs: one from 10 up, two from 1,
/// three below 1 (0.073 and 0.11 stay apart), trailing zeros dropped.
pub fn figure(x: Decimal) -> String {
    let a = x.abs();
    let dp = if a >= Decimal::TEN {
        1
    } else if a >= Decimal::ONE {
        2
    } else {
        3
    };
    x.round_dp(dp).normalize().to_string()
}

/// An indicator value with its unit: "35%", "27.8 台/万人", "0.073 tce/万元".
pub fn indicator(value: Decimal, unit: Unit, l: Lang) -> String {
    match unit {
        Unit::Ratio => format!(
            "{}%",
            (value * Decimal::ONE_HUNDRED).round_dp(1).normalize()
        ),
        Unit::Count => value.normalize().to_string(),
        _ => format!("{} {}", figure(value), unit_label(unit, l)),
    }
}

/// An indicator formula with field names in `l` ("工业机器人 / 生产工人 ×
/// 10,000").
pub fn formula(f: &str, name: &str, l: Lang) -> String {
    // The spot-check formulas name a field of their own group (`pass_pct`).
    let f = f.replace("pass_pct", &format!("{name} %"));
    match (l, f.strip_prefix("count of distinct systems in ")) {
        (Lang::Zh, Some(field)) => format!("{}中不同系统的个数", super::fields::humanize(field, l)),
        _ => super::fields::humanize_all(&f, l),
    }
}

/// A value against a reference as a share, "63%"; `None` when the ratio is
/// not a meaningful share (above 10×, e.g. a value in a different unit).
pub fn share(ratio: Decimal) -> Option<String> {
    (ratio <= Decimal::TEN).then(|| format!("{}%", (ratio * Decimal::ONE_HUNDRED).round_dp(0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn small_values_keep_their_precision_and_units_show() {
        assert_eq!(figure(dec!(0.0734)), "0.073");
        assert_eq!(figure(dec!(0.11)), "0.11");
        assert_eq!(figure(dec!(27.7777)), "27.8");
        assert_eq!(
            indicator(dec!(0.0734), Unit::TcePerWan, Lang::Zh),
            "0.073 tce/万元"
        );
        assert_eq!(
            indicator(dec!(27.7777), Unit::PerTenThousandWorkers, Lang::Zh),
            "27.8 台/万人"
        );
        assert_eq!(indicator(dec!(0.35), Unit::Ratio, Lang::Zh), "35%");
    }

    #[test]
    fn a_share_beyond_ten_times_is_not_shown() {
        assert_eq!(share(dec!(0.633)).as_deref(), Some("63%"));
        assert_eq!(share(dec!(10465.12)), None);
    }
}

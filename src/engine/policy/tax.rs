//! Tax benefits (税收优惠), estimated: the extra deduction from taxable
//! income (加计扣除) and the tax it saves at the enterprise's rate. Shown
//! beside the track, never added to money paid: the saving is tax not
//! charged, and the tax office computes the real figure.

use super::eval::Truth;
use super::pack::{Condition, TaxBenefit};
use crate::facts::{Fact, Facts};
use crate::lang::{Lang, Text};
use crate::money;
use rust_decimal::Decimal;
use serde::Serialize;

/// A tax benefit for one enterprise.
#[derive(Debug, Clone, Serialize)]
pub struct TaxResult {
    /// Extra deduction from taxable income, CNY (`None` when a figure is missing).
    #[serde(serialize_with = "crate::money::ser_cny_option")]
    pub extra_deduction: Option<Decimal>,
    /// Income-tax rate applied (0.25 = 25%).
    pub tax_rate: Decimal,
    /// Estimated tax saved, CNY: extra deduction × rate, to the fen.
    #[serde(serialize_with = "crate::money::ser_cny_option")]
    pub saving: Option<Decimal>,
    /// How it was computed, line by line.
    pub steps: Vec<Text>,
    /// Fields to fill in.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
}

/// Estimate a tax benefit. `holds` judges the reduced-rate conditions.
pub fn estimate(
    tb: &TaxBenefit,
    facts: &Facts,
    holds: &dyn Fn(&[Condition]) -> Truth,
) -> TaxResult {
    let reduced = holds(&tb.reduced_when) == Truth::Yes;
    let tax_rate = if reduced {
        tb.reduced_rate
    } else {
        tb.standard_rate
    };
    let num = |name: &str| facts.get(name).and_then(Fact::num);
    let mut steps = Vec::new();
    let mut missing = Vec::new();
    let mut total = Decimal::ZERO;
    for d in &tb.deductions {
        let Some(base) = num(&d.base) else {
            missing.push(d.base.clone());
            continue;
        };
        let years = match &d.per_years {
            Some(y) => match num(y).filter(|n| *n > Decimal::ZERO) {
                Some(n) => Some(n),
                None => {
                    missing.push(y.clone());
                    continue;
                }
            },
            None => None,
        };
        let x = money::to_fen(base * d.rate / years.unwrap_or(Decimal::ONE));
        total += x;
        steps.push(deduction_line(&d.label, base, d.rate, years, x));
    }
    let saving = money::to_fen(total * tax_rate);
    steps.push(Text::new(
        format!(
            "节税估算: {} × {}% = {}",
            money::fmt(total, Lang::Zh),
            pct(tax_rate),
            money::fmt(saving, Lang::Zh)
        ),
        format!(
            "tax saved (estimate): {} × {}% = {}",
            money::fmt(total, Lang::En),
            pct(tax_rate),
            money::fmt(saving, Lang::En)
        ),
    ));
    let known = missing.is_empty();
    TaxResult {
        extra_deduction: known.then_some(total),
        tax_rate,
        saving: known.then_some(saving),
        steps: if known { steps } else { Vec::new() },
        missing,
    }
}

fn pct(rate: Decimal) -> String {
    (rate * Decimal::ONE_HUNDRED).normalize().to_string()
}

fn deduction_line(
    label: &Text,
    base: Decimal,
    rate: Decimal,
    years: Option<Decimal>,
    x: Decimal,
) -> Text {
    let per = |l: Lang| match years {
        Some(y) => match l {
            Lang::Zh => format!(" ÷ {} 年", y.normalize()),
            Lang::En => format!(" ÷ {} years", y.normalize()),
        },
        None => String::new(),
    };
    Text::new(
        format!(
            "{}: {} × {}%{} = {}",
            label.zh,
            money::fmt(base, Lang::Zh),
            pct(rate),
            per(Lang::Zh),
            money::fmt(x, Lang::Zh)
        ),
        format!(
            "{}: {} × {}%{} = {}",
            label.en,
            money::fmt(base, Lang::En),
            pct(rate),
            per(Lang::En),
            money::fmt(x, Lang::En)
        ),
    )
}

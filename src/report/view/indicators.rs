//! The indicator and criteria tables of a report (指标与评估标准).

use super::*;

#[derive(Debug, Serialize)]
pub(super) struct IndicatorView {
    id: &'static str,
    name: String,
    value: String,
    formula: String,
    computation: String,
    bar: String,
}

#[derive(Debug, Serialize)]
pub(super) struct CheckView {
    name: String,
    reference: bool,
    status: String,
    class: &'static str,
    actual: String,
    required: String,
    gap: String,
    source: String,
}

#[derive(Debug, Serialize)]
pub(super) struct CriterionView {
    name: String,
    status: String,
    class: &'static str,
    source: String,
    checks: Vec<CheckView>,
}

pub(super) fn indicator_views(a: &Assessment, l: Lang) -> Vec<IndicatorView> {
    a.indicators
        .0
        .iter()
        .map(|i| {
            let computation = match (&i.parts, i.value) {
                _ if !i.missing.is_empty() => {
                    format!("{}: {}", l.pick("缺少", "missing"), i.missing.join(", "))
                }
                (Some(p), Some(v)) => format!(
                    "{} / {}{} = {}",
                    crate::money::group(p.numerator.normalize()),
                    crate::money::group(p.denominator.normalize()),
                    if p.scale == Decimal::ONE {
                        String::new()
                    } else {
                        format!(" × {}", crate::money::group(p.scale.normalize()))
                    },
                    show(v, i.unit)
                ),
                (None, Some(v)) => show(v, i.unit),
                _ => String::new(),
            };
            let bar = if KEY_INDICATORS.contains(&i.id.as_str()) {
                let max = if i.unit == Unit::Ratio {
                    1.0
                } else {
                    100.0f64.max(i.value.map(to_f64).unwrap_or(0.0))
                };
                text_bar(i.value.map(to_f64), max)
            } else {
                String::new()
            };
            IndicatorView {
                id: i.id.as_str(),
                name: i.name.get(l).to_string(),
                value: i
                    .value
                    .map(|v| crate::report::units::indicator(v, i.unit, l))
                    .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                // Field names in the reader's language ("工业机器人 / 生产工人").
                formula: match l {
                    Lang::Zh => crate::report::units::formula(i.formula, i.name.get(l), l),
                    Lang::En => i.formula.to_string(),
                },
                computation,
                bar,
            }
        })
        .collect()
}

pub(super) fn criteria_views(a: &Assessment, l: Lang) -> Vec<CriterionView> {
    a.criteria
        .iter()
        .map(|c| CriterionView {
            name: c.name.get(l).to_string(),
            status: c.status.label().get(l).to_string(),
            class: status_class(c.status),
            source: l.pick(&c.source_zh, &c.source).to_string(),
            checks: c
                .checks
                .iter()
                .map(|k| CheckView {
                    name: k.name.get(l).to_string(),
                    reference: k.reference,
                    status: k.status.label().get(l).to_string(),
                    class: status_class(k.status),
                    actual: k.actual.clone().unwrap_or_else(|| "—".into()),
                    required: k.required.clone(),
                    gap: match (&k.gap, k.missing.is_empty()) {
                        (Some(g), _) => g.get(l).to_string(),
                        (None, false) => {
                            format!("{}: {}", l.pick("缺少", "missing"), k.missing.join(", "))
                        }
                        _ => String::new(),
                    },
                    source: l.pick(&k.source_zh, &k.source).to_string(),
                })
                .collect(),
        })
        .collect()
}

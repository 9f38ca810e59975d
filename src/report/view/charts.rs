//! The charts of a report (图表): the maturity radar and the key indicators
//! against the criteria thresholds and the district targets the assessment
//! carries ([`crate::yardsticks`]).

use super::*;

/// Indicators drawn as bars.
pub const KEY_INDICATORS: [&str; 6] = [
    "cnc_ratio",
    "networking_rate",
    "robot_density",
    "automation_rate",
    "equipment_digitization_rate",
    "auto_data_collection_rate",
];

pub(super) fn wan(x: Decimal, l: Lang) -> String {
    money::report(x * Decimal::from(10_000), l)
}

pub(in crate::report) fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

pub(super) fn text_bar(v: Option<f64>, max: f64) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            let n = ((v / max).clamp(0.0, 1.0) * 20.0).round() as usize;
            format!("{}{}", "█".repeat(n), "░".repeat(20 - n))
        }
    }
}

pub(super) fn nice_max(x: f64) -> f64 {
    let x = x.max(1.0) * 1.15;
    let mag = 10f64.powf(x.log10().floor());
    for m in [1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] {
        if m * mag >= x {
            return m * mag;
        }
    }
    10.0 * mag
}

/// Thresholds for an indicator: (criterion index, threshold), the index
/// being the criterion's place in the assessment (the chart's series).
pub(super) fn thresholds(a: &Assessment, id: &str) -> Vec<(usize, Decimal)> {
    a.yardsticks
        .thresholds
        .iter()
        .filter(|t| t.indicator == id)
        .filter_map(|t| {
            let ci = a.criteria.iter().position(|c| c.id == t.criterion)?;
            Some((ci, t.at_least))
        })
        .collect()
}

/// The district target an indicator is drawn against (二(一), key discrete
/// 规上 manufacturers), as the assessment carries it.
pub(super) fn district_target(a: &Assessment, id: &str) -> Option<Decimal> {
    a.yardsticks
        .targets
        .iter()
        .find(|t| t.indicator == id)
        .map(|t| t.value)
}

pub(in crate::report) fn bar_scale(
    unit: Unit,
    value: Option<Decimal>,
    marks: &[Decimal],
) -> (f64, String) {
    if unit == Unit::Ratio {
        return (1.0, "100%".into());
    }
    let top = marks
        .iter()
        .copied()
        .chain(value)
        .map(to_f64)
        .fold(0.0, f64::max);
    let m = nice_max(top);
    (m, format!("{m}"))
}

/// Short names of the criteria for chart legends.
pub(super) fn criteria_legend(a: &Assessment, l: Lang) -> Vec<String> {
    let mut v: Vec<String> = a
        .criteria
        .iter()
        .take(3)
        .map(|c| c.name.get(l).to_string())
        .collect();
    if let Some((year, clause)) = target_year(a) {
        v.push(match l {
            Lang::Zh => format!("区 {year} 年目标 [P {clause}]"),
            Lang::En => format!("District {year} target [P {clause}]"),
        });
    }
    v
}

/// The year and clause of the district targets the charts draw (from the
/// targets pack, through the assessment's yardsticks); `None` when no target
/// applies to this factory, so no legend or caption promises one.
pub(super) fn target_year(a: &Assessment) -> Option<(i32, String)> {
    a.yardsticks
        .targets
        .first()
        .map(|t| (t.year, t.clause.clone()))
}

/// The caption of the bar chart: thresholds, and the district targets with their year when drawn.
pub(super) fn bars_caption(a: &Assessment, l: Lang) -> String {
    match (target_year(a), l) {
        (Some((y, _)), Lang::Zh) => format!("关键指标与评估标准阈值、区 {y} 年目标"),
        (Some((y, _)), Lang::En) => {
            format!("Key indicators against the criteria thresholds and the district's {y} targets")
        }
        (None, _) => l
            .pick(
                "关键指标与评估标准阈值",
                "Key indicators against the criteria thresholds",
            )
            .into(),
    }
}

/// The radar and bar charts of an assessment.
pub(super) fn charts(a: &Assessment, l: Lang) -> (String, String) {
    (radar(a, l), bars(a, l))
}

/// The maturity radar: each domain at its level plus the part of the next
/// level it earns (the next-level ratings the assessment carries).
fn radar(a: &Assessment, l: Lang) -> String {
    let ratings = &a.yardsticks.next_level_ratings;
    let fit = |n: NextLevelFit| match n {
        NextLevelFit::Most => ratings.most,
        NextLevelFit::Part => ratings.part,
        NextLevelFit::None => ratings.none,
    };
    let axes: Vec<svg::RadarAxis> = crate::questionnaire::SelfAssessment::DOMAINS
        .iter()
        .map(|d| {
            let r = a.maturity.domains.iter().find(|x| x.id == *d);
            svg::RadarAxis {
                label: roadmap::domain_name(d).get(l).to_string(),
                value: r
                    .map(|r| {
                        f64::from(r.level)
                            + if r.level < 5 {
                                to_f64(fit(r.next))
                            } else {
                                0.0
                            }
                    })
                    .unwrap_or(0.0),
                self_rated: r
                    .filter(|r| r.capped)
                    .and_then(|r| r.self_level)
                    .map(f64::from),
            }
        })
        .collect();
    let target = a.maturity.level.filter(|x| *x < 5).map(|x| x + 1);
    svg::radar(
        &axes,
        target,
        &svg::RadarLegend {
            effective: l
                .pick(
                    "估算等级 (含下一级满足程度)",
                    "estimated level (incl. share of the next)",
                )
                .into(),
            self_rated: l
                .pick("自评 (受客观指标限制)", "self-rated (capped by indicator)")
                .into(),
            target: target
                .map(|t| format!("{} {t}", l.pick("下一级", "next level")))
                .unwrap_or_default(),
            title: l.pick("成熟度雷达图", "Maturity radar").into(),
        },
    )
}

/// The key indicators against the criteria thresholds and the district
/// targets the assessment carries.
fn bars(a: &Assessment, l: Lang) -> String {
    let rows: Vec<svg::Bar> = KEY_INDICATORS
        .iter()
        .filter_map(|id| a.indicators.get(id))
        .map(|i| {
            let th = thresholds(a, i.id.as_str());
            let dt = district_target(a, i.id.as_str());
            let marks: Vec<Decimal> = th.iter().map(|x| x.1).chain(dt).collect();
            let (max, max_shown) = bar_scale(i.unit, i.value, &marks);
            let names = criteria_legend(a, l);
            let mut markers: Vec<svg::Marker> = th
                .iter()
                .map(|(ci, t)| svg::Marker {
                    value: to_f64(*t),
                    series: (*ci).min(2),
                    title: format!(
                        "{} ≥ {}",
                        names.get(*ci).cloned().unwrap_or_default(),
                        show(*t, i.unit)
                    ),
                })
                .collect();
            if let Some(t) = dt {
                markers.push(svg::Marker {
                    value: to_f64(t),
                    series: 3,
                    title: format!("{} {}", names[3], show(t, i.unit)),
                });
            }
            svg::Bar {
                label: i.name.get(l).to_string(),
                value: i.value.map(to_f64),
                shown: i
                    .value
                    .map(|v| show(v, i.unit))
                    .unwrap_or_else(|| l.pick("未知", "unknown").into()),
                max,
                max_shown,
                markers,
                before: None,
            }
        })
        .collect();
    svg::bars(
        l.pick("关键指标", "Key indicators"),
        &rows,
        &criteria_legend(a, l),
        &[],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_scale() {
        assert_eq!(nice_max(100.0), 150.0);
        assert_eq!(nice_max(60.0), 80.0);
    }
}

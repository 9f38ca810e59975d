//! The upgrade roadmap of a report (升级路线图) and its executive summary.

use super::*;

#[derive(Debug, Serialize)]
pub(super) struct StepView {
    what: String,
    kind: String,
    organisational: bool,
    cost: String,
    unlocks: String,
    lost: String,
    tracks: String,
    money: String,
    ratio: String,
}

#[derive(Debug, Serialize)]
pub(super) struct TargetView {
    rank: usize,
    name: String,
    status: String,
    class: &'static str,
    reached: bool,
    reached_text: String,
    cost: String,
    money: String,
    ratio: String,
    criteria: String,
    maturity: String,
    tracks: Vec<String>,
    lost: String,
    missing: String,
    steps: Vec<StepView>,
}

#[derive(Debug, Serialize)]
pub(super) struct UnitCostView {
    kind: String,
    unit: String,
    wan: String,
    source: String,
}

#[derive(Debug, Serialize)]
pub(super) struct RoadmapView {
    targets: Vec<TargetView>,
    unit_costs: Vec<UnitCostView>,
    /// 等级提升: the level part (empty when no level pack applied).
    level_plan: Vec<crate::report::level_plan::PlanGroup>,
}

/// One of the best actions of the executive summary (执行摘要): a roadmap
/// target with its cost, the support it unlocks by funder and the criteria
/// it reaches.
#[derive(Debug, Serialize)]
pub(super) struct ExecItem {
    rank: usize,
    name: String,
    cost: String,
    money: String,
    by_funder: String,
    reaches: String,
}

/// Cost of a step, in words.
pub(super) fn step_cost(s: &Step, l: Lang) -> String {
    if s.organisational {
        return l
            .pick("组织改进, 无单位成本", "organisational, no unit cost")
            .into();
    }
    match &s.unit_cost {
        Some(u) => format!(
            "{} × {} = {}{}",
            s.count,
            wan(u.wan, l),
            wan(s.cost.wan, l),
            if s.cost.estimated {
                l.pick(" (估算)", " (estimate)")
            } else {
                ""
            }
        ),
        None => l
            .pick("未计成本 (无单位成本)", "not costed (no unit cost)")
            .into(),
    }
}

/// Cost of a bundle, in words.
pub(super) fn bundle_cost(c: &Cost, l: Lang) -> String {
    let mut parts = Vec::new();
    if !c.wan.is_zero() {
        parts.push(format!(
            "{}{}",
            wan(c.wan, l),
            if c.estimated {
                l.pick(" (含估算)", " (incl. estimates)")
            } else {
                ""
            }
        ));
    }
    if !c.uncosted.is_empty() {
        parts.push(format!(
            "{}: {}",
            if c.wan.is_zero() {
                l.pick("未计成本", "not costed")
            } else {
                l.pick("另有未计成本", "plus not costed")
            },
            c.uncosted
                .iter()
                .map(|k| k.name().get(l).to_string())
                .collect::<Vec<_>>()
                .join(l.pick("、", ", "))
        ));
    }
    if parts.is_empty() {
        return l
            .pick("组织改进, 无单位成本", "organisational, no unit cost")
            .into();
    }
    parts.join(l.pick("; ", "; "))
}

pub(super) fn ratio_text(r: Option<Decimal>, c: &Cost) -> String {
    match r {
        Some(r) => format!(
            "{}{}%",
            if c.complete() { "" } else { "≤ " },
            (r * Decimal::ONE_HUNDRED).round_dp(1).normalize()
        ),
        None => "—".into(),
    }
}

pub(in crate::report) fn money_text(m: Range, l: Lang) -> String {
    if m.is_zero() {
        "—".into()
    } else {
        crate::report::compare::show_delta(m, l)
    }
}

/// "id, clause" in English; the clause alone in Chinese (the id is an
/// internal name).
pub(in crate::report) fn track_ref(id: &str, clause: &str, l: Lang) -> String {
    match l {
        Lang::Zh => clause.to_string(),
        Lang::En => format!("{id}, {clause}"),
    }
}

/// A track id for a report: shown in English only.
pub(super) fn shown_id(id: &str, l: Lang) -> String {
    match l {
        Lang::Zh => String::new(),
        Lang::En => id.to_string(),
    }
}

/// The executive summary: the first three roadmap targets (the roadmap is
/// ordered by value for effort), each with what it costs, the support it
/// unlocks by funder (eligible and candidate, after the district cap) and the
/// criteria it reaches.
pub(super) fn exec_items(r: &Roadmap, l: Lang) -> Vec<ExecItem> {
    r.targets
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, t)| ExecItem {
            rank: i + 1,
            name: t.name.get(l).to_string(),
            cost: bundle_cost(&t.cost, l),
            money: if t.unlocks.money.is_zero() {
                l.pick("不新增扶持", "no new support").to_string()
            } else {
                money_text(t.unlocks.money, l)
            },
            by_funder: t
                .unlocks
                .by_funder
                .iter()
                .filter(|(_, m)| !m.is_zero())
                .map(|(f, m)| {
                    format!(
                        "{} {}",
                        f.label().get(l),
                        crate::report::compare::show_delta(*m, l)
                    )
                })
                .collect::<Vec<_>>()
                .join(" · "),
            reaches: {
                let mut parts = vec![names(&t.unlocks.criteria, l)];
                if let Some((b, a)) = t.unlocks.maturity {
                    parts.push(format!(
                        "{} {} → {}",
                        l.pick("估算成熟度", "estimated maturity"),
                        b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
                        a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                    ));
                }
                parts.retain(|p| !p.is_empty());
                parts.join(l.pick("；", "; "))
            },
        })
        .collect()
}

pub(super) fn track_change_text(t: &TrackChange, l: Lang) -> String {
    format!(
        "{} ({}): {} → {}{}",
        t.title.get(l),
        track_ref(&t.id, &t.clause, l),
        t.before.label().get(l),
        t.after.label().get(l),
        t.amount_after
            .map(|r| format!(", {}", r.report(l)))
            .unwrap_or_default()
    )
}

pub(super) fn names(list: &[roadmap::Named], l: Lang) -> String {
    list.iter()
        .map(|n| n.name.get(l).to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn unlock_summary(u: &Unlocks, l: Lang) -> String {
    let mut parts = Vec::new();
    if !u.checks.is_empty() {
        parts.push(names(&u.checks, l));
    }
    if let Some((b, a)) = u.maturity {
        parts.push(format!(
            "{} {} → {}",
            l.pick("成熟度", "maturity"),
            b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
            a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
        ));
    }
    if parts.is_empty() {
        "—".into()
    } else {
        parts.join("; ")
    }
}

/// One roadmap target: what it costs, what it unlocks, its steps.
fn target_view(i: usize, t: &TargetPlan, l: Lang) -> TargetView {
    TargetView {
        rank: i + 1,
        name: t.name.get(l).to_string(),
        status: t.status.label().get(l).to_string(),
        class: status_class(t.status),
        reached: t.reached,
        reached_text: if t.reached {
            l.pick(
                "全部步骤实施后可达到",
                "all steps together reach the target",
            )
            .into()
        } else if !t.missing.is_empty() {
            l.pick(
                "全部步骤实施后仍不能判定: 须先补充数据",
                "still undecided after all steps: fill in the missing data first",
            )
            .into()
        } else {
            l.pick(
                "全部步骤实施后仍不能达到",
                "all steps together do not reach the target",
            )
            .into()
        },
        cost: bundle_cost(&t.cost, l),
        money: if t.unlocks.money.is_zero() {
            l.pick(
                "— (达到本目标不新增扶持)",
                "— (reaching this target adds no support)",
            )
            .to_string()
        } else {
            money_text(t.unlocks.money, l)
        },
        ratio: ratio_text(t.return_ratio, &t.cost),
        criteria: names(&t.unlocks.criteria, l),
        maturity: t
            .unlocks
            .maturity
            .map(|(b, a)| {
                format!(
                    "{} → {}",
                    b.map(|x| x.to_string()).unwrap_or_else(|| "?".into()),
                    a.map(|x| x.to_string()).unwrap_or_else(|| "?".into())
                )
            })
            .unwrap_or_default(),
        tracks: t
            .unlocks
            .tracks
            .iter()
            .map(|c| track_change_text(c, l))
            .collect(),
        lost: names(&t.unlocks.checks_lost, l),
        missing: t.missing.join(", "),
        steps: t.steps.iter().map(|s| step_view(s, t, l)).collect(),
    }
}

/// One step of a target; `t` says whether the target as a whole unlocks money.
fn step_view(s: &Step, t: &TargetPlan, l: Lang) -> StepView {
    StepView {
        what: s.what.get(l).to_string(),
        kind: s.kind.name().get(l).to_string(),
        organisational: s.organisational,
        cost: step_cost(s, l),
        unlocks: unlock_summary(&s.unlocks, l),
        lost: names(&s.unlocks.checks_lost, l),
        tracks: s
            .unlocks
            .tracks
            .iter()
            .map(|c| track_change_text(c, l))
            .collect::<Vec<_>>()
            .join("; "),
        // Why a step alone unlocks nothing: the support comes
        // with the whole target.
        money: if s.unlocks.money.is_zero() && !t.unlocks.money.is_zero() {
            l.pick(
                "— (须与本目标其他步骤一起完成)",
                "— (only with the other steps)",
            )
            .to_string()
        } else {
            money_text(s.unlocks.money, l)
        },
        ratio: ratio_text(s.return_ratio, &s.cost),
    }
}

/// The unit costs the roadmap used, with where each comes from.
fn unit_cost_views(r: &Roadmap, l: Lang) -> Vec<UnitCostView> {
    r.unit_costs
        .iter()
        .map(|u| UnitCostView {
            kind: u.kind.name().get(l).to_string(),
            unit: u.unit.get(l).to_string(),
            wan: wan(u.wan, l),
            source: match u.source {
                roadmap::CostSource::Questionnaire => {
                    l.pick("问卷 cost_estimates", "questionnaire cost_estimates")
                }
                roadmap::CostSource::Default => {
                    l.pick("标准包默认值 (估算)", "criteria pack default (estimate)")
                }
            }
            .to_string(),
        })
        .collect()
}

pub(super) fn roadmap_view(r: &Roadmap, l: Lang) -> RoadmapView {
    RoadmapView {
        targets: r
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| target_view(i, t, l))
            .collect(),
        unit_costs: unit_cost_views(r, l),
        level_plan: crate::report::level_plan::groups(&r.levels, l),
    }
}

//! What a step is worth: what it unlocks (from the diff of two assessments),
//! what it costs, and the value-for-effort order.

use super::*;

pub(super) fn unlocks(before: &Assessment, after: &Assessment) -> Unlocks {
    let c = diff::compare(before, after);
    let mut u = Unlocks {
        money: c.potential.delta,
        // The funders present in the totals, not a fixed list: a pack declares its own.
        by_funder: c
            .potential
            .delta_by_funder
            .iter()
            .map(|(f, r)| (f.clone(), *r))
            .collect(),
        ..Default::default()
    };
    for cr in &c.criteria {
        if cr.after == Status::Met && cr.before != Status::Met {
            u.criteria.push(Named {
                id: cr.id.clone(),
                name: cr.name.clone(),
            });
        }
        for k in &cr.checks {
            let named = || Named {
                id: format!("{}.{}", cr.id, k.id),
                name: Text::new(
                    format!("{}: {}", cr.name.zh, k.name.zh),
                    format!("{}: {}", cr.name.en, k.name.en),
                ),
            };
            if k.after == Status::Met && k.before != Status::Met {
                u.checks.push(named());
            } else if k.before == Status::Met && k.after != Status::Met {
                u.checks_lost.push(named());
            }
        }
    }
    if c.maturity.direction != Direction::Same {
        u.maturity = Some((c.maturity.before, c.maturity.after));
    }
    u.tracks = c.tracks;
    u
}

pub(super) fn cost_of(engine: &Engine, q: &Questionnaire, steps: &mut [Step]) -> Cost {
    let mut total = Cost {
        organisational: steps.iter().all(|s| s.organisational),
        ..Default::default()
    };
    for s in steps.iter_mut() {
        if s.organisational {
            s.cost.organisational = true;
            continue;
        }
        match unit_cost(engine, q, s.kind) {
            Some(u) => {
                s.cost.wan = u.wan * Decimal::from(s.count);
                s.cost.estimated = u.source == CostSource::Default;
                total.wan += s.cost.wan;
                total.estimated |= s.cost.estimated;
                s.unit_cost = Some(u);
            }
            None => {
                s.cost.uncosted = vec![s.kind];
                if !total.uncosted.contains(&s.kind) {
                    total.uncosted.push(s.kind);
                }
            }
        }
    }
    total
}

/// Upper end of the money unlocked per 元 of cost.
pub(super) fn return_ratio(money: Range, cost: &Cost) -> Option<Decimal> {
    let top = money.max?;
    if cost.wan.is_zero() || top <= Decimal::ZERO {
        return None;
    }
    Some((top / (cost.wan * Decimal::from(10_000))).round_dp(4))
}

/// Value-for-effort order: money per 元 of cost (highest first); then steps
/// that unlock money but have no cost figure (most money first); then steps
/// that unlock no money (cheapest first, organisational last).
pub(super) fn by_value(
    a: (Option<Decimal>, Range, &Cost),
    b: (Option<Decimal>, Range, &Cost),
) -> Ordering {
    let top = |m: Range| m.max.unwrap_or(m.min);
    let class = |r: Option<Decimal>, m: Range| {
        if r.is_some() {
            0
        } else if top(m) > Decimal::ZERO {
            1
        } else {
            2
        }
    };
    let (ca, cb) = (class(a.0, a.1), class(b.0, b.1));
    ca.cmp(&cb).then_with(|| match ca {
        0 => b.0.cmp(&a.0),
        1 => top(b.1).cmp(&top(a.1)),
        _ => (a.2.organisational, !a.2.complete(), a.2.wan).cmp(&(
            b.2.organisational,
            !b.2.complete(),
            b.2.wan,
        )),
    })
}

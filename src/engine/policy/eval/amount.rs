//! Amounts (金额): each part of a track's amount computed with its steps,
//! tiers, group caps, the funder split and the awards a part pays.

#[allow(unused_imports)]
use super::*;

/// Explanation lines, built only when they will be shown: a batch screening
/// needs statuses and amounts, not prose, and formatting is most of the
/// cost of an evaluation.
pub(super) struct Steps<T> {
    pub(super) on: bool,
    pub(super) v: Vec<T>,
}

impl<T> Steps<T> {
    pub(super) fn new(on: bool) -> Steps<T> {
        Steps { on, v: Vec::new() }
    }
    pub(super) fn add(&mut self, f: impl FnOnce() -> T) {
        if self.on {
            self.v.push(f());
        }
    }
}

/// Money in both languages, to the fen as amounts are.
pub(super) fn cny(x: Decimal) -> (String, String) {
    let x = money::to_fen(x);
    (money::fmt(x, Lang::Zh), money::fmt(x, Lang::En))
}

/// A rate as a percentage (0.3 → "30%").
pub(super) fn pct(rate: Decimal) -> String {
    format!("{}%", (rate * Decimal::ONE_HUNDRED).normalize())
}

/// The amount of one part before the split, CNY, and how it was computed.
/// `Err` names the missing facts.
pub(super) fn part_amount<'f>(
    p: &Part,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
    detail: bool,
) -> Result<(Decimal, Vec<Text>), Vec<String>> {
    let mut steps = Steps::new(detail);
    let num = |name: &str| {
        get(name)
            .and_then(|f| f.num())
            .ok_or_else(|| vec![name.to_string()])
    };
    let a = match p.formula() {
        Formula::Fixed(x) => {
            steps.add(|| {
                let (z, e) = cny(x);
                Text::new(format!("定额 {z}"), format!("fixed {e}"))
            });
            x
        }
        Formula::Lookup(l) => match get(&l.fact) {
            Some(Fact::Id(id)) => {
                let x = l.table.get(id.as_ref()).copied().unwrap_or(Decimal::ZERO);
                steps.add(|| {
                    let (z, e) = cny(x);
                    let (nz, ne) = id_name(l, id);
                    Text::new(
                        format!("{} = {nz} → {z}", l.fact),
                        format!("{} = {ne} → {e}", l.fact),
                    )
                });
                x
            }
            _ => return Err(vec![l.fact.clone()]),
        },
        Formula::Rate(r) => {
            let base = num(&r.base)?;
            let x = base * r.rate;
            steps.add(|| {
                let ((bz, be), (xz, xe)) = (cny(base), cny(x));
                let rate = pct(r.rate);
                Text::new(
                    format!("{rate} × {bz} = {xz}"),
                    format!("{rate} × {be} = {xe}"),
                )
            });
            x
        }
        Formula::PerUnit(u) => {
            let n = num(&u.fact)?;
            let x = n * u.each;
            steps.add(|| {
                let ((ez, ee), (xz, xe)) = (cny(u.each), cny(x));
                let n = n.normalize();
                Text::new(
                    format!("{n} × {ez} = {xz} ({})", u.fact),
                    format!("{n} × {ee} = {xe} ({})", u.fact),
                )
            });
            x
        }
        Formula::PerTally(t) => match get(&t.fact) {
            Some(Fact::Tally(counts)) => {
                let mut x = Decimal::ZERO;
                for (id, n) in counts {
                    let each = t.table.get(id).copied().unwrap_or(Decimal::ZERO);
                    let sum = each * Decimal::from(*n);
                    x += sum;
                    steps.add(|| {
                        let ((z, e), (sz, se)) = (cny(each), cny(sum));
                        let (nz, ne) = id_name(t, id);
                        Text::new(
                            format!("{nz}: {n} 项 × {z} = {sz}"),
                            format!("{ne}: {n} × {e} = {se}"),
                        )
                    });
                }
                x
            }
            _ => return Err(vec![t.fact.clone()]),
        },
        Formula::PerItem(pi) => per_item(pi, get, near_within, &mut steps)?,
        Formula::Nothing => Decimal::ZERO,
    };
    let mut a = money::to_fen(a);
    if let Some(c) = p.cap {
        if a > c {
            steps.add(|| {
                let (z, e) = cny(c);
                Text::new(format!("→ 封顶 {z}"), format!("→ capped at {e}"))
            });
            a = c;
        }
    }
    Ok((a, steps.v))
}

/// The sum over the qualifying items of an items fact, each with its
/// arithmetic ("item 1: 30% × 20,000,000 = 6,000,000 → capped at 5,000,000");
/// items are numbered from 1 as a reader counts them.
pub(super) fn per_item<'f>(
    pi: &crate::policy::pack::PerItem,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
    steps: &mut Steps<Text>,
) -> Result<Decimal, Vec<String>> {
    let Some(Fact::Items(list)) = get(&pi.items) else {
        return Err(vec![pi.items.clone()]);
    };
    let mut x = Decimal::ZERO;
    let mut missing = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let n = i + 1;
        match all_of(&pi.when, &|x: &Condition| item.get(&x.fact), near_within) {
            Truth::No => continue,
            Truth::Unknown => {
                missing.push(format!("{}[{i}]", pi.items));
                continue;
            }
            Truth::Yes => {}
        }
        let (each, how) = match pi.each() {
            PerItemAmount::Fixed(f) => (f, (String::new(), String::new())),
            PerItemAmount::Rate(r) => {
                let Some(b) = item.get(&r.base).and_then(Fact::num) else {
                    missing.push(format!("{}[{i}].{}", pi.items, r.base));
                    continue;
                };
                let (bz, be) = cny(b);
                let rate = pct(r.rate);
                (
                    b * r.rate,
                    (format!("{rate} × {bz} = "), format!("{rate} × {be} = ")),
                )
            }
            PerItemAmount::Lookup(l) => match item.get(&l.fact) {
                Some(Fact::Id(id)) => {
                    let v = l.table.get(id.as_ref()).copied().unwrap_or(Decimal::ZERO);
                    let (nz, ne) = id_name(l, id);
                    (v, (format!("{nz} → "), format!("{ne} → ")))
                }
                _ => {
                    missing.push(format!("{}[{i}].{}", pi.items, l.fact));
                    continue;
                }
            },
            PerItemAmount::Nothing => (Decimal::ZERO, (String::new(), String::new())),
        };
        let capped = pi.cap_each.filter(|c| each > *c);
        steps.add(|| {
            let (z, e) = cny(each);
            let (cz, ce) = capped
                .map(|c| {
                    let (z, e) = cny(c);
                    (format!(" → 封顶 {z}"), format!(" → capped at {e}"))
                })
                .unwrap_or_default();
            Text::new(
                format!("第 {n} 项: {}{z}{cz}", how.0),
                format!("item {n}: {}{e}{ce}", how.1),
            )
        });
        x += capped.unwrap_or(each);
    }
    if missing.is_empty() {
        Ok(x)
    } else {
        Err(missing)
    }
}

/// One part's explanation line: its arithmetic, whether it is a ceiling or
/// a floor, and who pays (with the split).
pub(super) fn part_line(p: &Part, s: &[Text]) -> Text {
    let who = |l: Lang| match p.payer() {
        Payer::Split(sp) => sp
            .iter()
            .map(|(f, pct)| format!("{} {}%", f.label().get(l), pct.normalize()))
            .collect::<Vec<_>>()
            .join(" / "),
        Payer::One(f) => f.label().get(l).to_string(),
        Payer::Nobody => String::new(),
    };
    let (bz, be) = match p.bound {
        AmountBound::Exact => ("", ""),
        AmountBound::UpTo => (" (最高)", " (up to)"),
        AmountBound::AtLeast => (" (不少于)", " (at least)"),
    };
    let join = |l: Lang| s.iter().map(|t| t.get(l)).collect::<Vec<_>>().join("; ");
    let label = |l: Lang| {
        p.label
            .as_ref()
            .map(|x| format!("{}: ", x.get(l)))
            .unwrap_or_default()
    };
    Text::new(
        format!(
            "{}{}{bz} — {}",
            label(Lang::Zh),
            join(Lang::Zh),
            who(Lang::Zh)
        ),
        format!(
            "{}{}{be} — {}",
            label(Lang::En),
            join(Lang::En),
            who(Lang::En)
        ),
    )
}

/// A cap on the parts paid only by some funders (a [`GroupCap`]): when their
/// sum is above it, they are scaled down in proportion, adding up exactly.
pub(super) fn group_cap(
    g: &crate::policy::pack::GroupCap,
    amounts: &mut [(&Part, Decimal)],
    facts: &Facts,
    near_within: Decimal,
    steps: &mut Steps<Text>,
) {
    if all_of(&g.when, &|x: &Condition| fact_of(facts, x), near_within) != Truth::Yes {
        return;
    }
    let inside = |p: &Part| match p.payer() {
        Payer::Split(sp) => sp.keys().all(|f| g.funders.contains(f)),
        Payer::One(f) => g.funders.contains(f),
        Payer::Nobody => false,
    };
    let kept = |p: &Part| matches!(p.payer(), Payer::One(f) if g.kept.contains(f));
    let inside_all: Vec<usize> = (0..amounts.len())
        .filter(|i| inside(amounts[*i].0))
        .collect();
    let total: Decimal = inside_all.iter().map(|i| amounts[*i].1).sum();
    if total <= g.cap {
        return;
    }
    // Kept parts are paid in full; the others share what they leave of the cap.
    let (keep, idx): (Vec<usize>, Vec<usize>) =
        inside_all.iter().partition(|i| kept(amounts[**i].0));
    let room = (g.cap - keep.iter().map(|i| amounts[*i].1).sum::<Decimal>()).max(Decimal::ZERO);
    let values: Vec<Decimal> = idx.iter().map(|i| amounts[*i].1).collect();
    for (i, x) in idx
        .iter()
        .zip(crate::policy::cap::proportional(&values, room))
    {
        amounts[*i].1 = x;
    }
    let who: Vec<String> = g
        .funders
        .iter()
        .map(|f| f.label().en.into_owned())
        .collect();
    let who_zh: Vec<String> = g
        .funders
        .iter()
        .map(|f| f.label().zh.into_owned())
        .collect();
    let (kz, ke) = if keep.is_empty() {
        (String::new(), String::new())
    } else {
        let (rz, re) = cny(room);
        let kz: Vec<String> = g.kept.iter().map(|f| f.label().zh.into_owned()).collect();
        let ke: Vec<String> = g.kept.iter().map(|f| f.label().en.into_owned()).collect();
        (
            format!(" ({}部分照付、不削减, 其余分享 {rz})", kz.join("、")),
            format!(
                " ({} paid in full, not cut; the others share {re})",
                ke.join(" + ")
            ),
        )
    };
    steps.add(|| {
        Text::new(
            format!(
                "{}合计封顶 {}{kz}",
                who_zh.join("、"),
                money::fmt(g.cap, Lang::Zh)
            ),
            format!(
                "{} together capped at {}{ke}",
                who.join(" + "),
                money::fmt(g.cap, Lang::En)
            ),
        )
    });
}

/// Split a part's range by funder.
pub(super) fn split_part(p: &Part, amount: Decimal) -> Vec<(Funder, Range)> {
    let shares: Vec<(Funder, Decimal)> = match p.payer() {
        Payer::Split(s) => s.iter().map(|(f, pct)| (f.clone(), *pct)).collect(),
        Payer::One(f) => vec![(f.clone(), Decimal::ONE_HUNDRED)],
        Payer::Nobody => vec![],
    };
    money::split(amount, &shares)
        .into_iter()
        .map(|(f, x)| {
            let r = match p.bound {
                AmountBound::Exact => Range::exact(x),
                AmountBound::UpTo => Range {
                    min: Decimal::ZERO,
                    max: Some(x),
                },
                AmountBound::AtLeast => Range { min: x, max: None },
            };
            (f, r)
        })
        .collect()
}

/// Amount of a track: range before the cap, per-funder ranges, steps; or missing facts.
pub(super) fn amount(
    a: &Amount,
    facts: &Facts,
    near_within: Decimal,
    capped: Option<&Funder>,
    beyond: &mut Option<Text>,
    detail: bool,
) -> Result<TrackAmount, Vec<String>> {
    let get = |name: &str| facts.get(name);
    let mut parts: Vec<&Part> = a.parts.iter().collect();
    let mut steps = Steps::new(detail);
    if let Some(t) = &a.tiers {
        let n = facts
            .get(&t.by)
            .and_then(Fact::num)
            .ok_or_else(|| vec![t.by.clone()])?;
        match t
            .tiers
            .iter()
            .find(|x| n >= Decimal::from(x.from) && n <= Decimal::from(x.to))
        {
            Some(tier) => {
                steps.add(|| {
                    Text::new(
                        format!(
                            "{} = {}: 适用 {}–{} 档",
                            t.by,
                            n.normalize(),
                            tier.from,
                            tier.to
                        ),
                        format!(
                            "{} = {}: tier {}–{}",
                            t.by,
                            n.normalize(),
                            tier.from,
                            tier.to
                        ),
                    )
                });
                parts.extend(tier.parts.iter());
            }
            None => {
                *beyond = Some(t.beyond.clone());
                steps.add(|| t.beyond.clone());
            }
        }
    }
    let mut amounts = Vec::new();
    let mut missing = Vec::new();
    for p in &parts {
        match all_of(&p.when, &|x: &Condition| fact_of(facts, x), near_within) {
            Truth::No => continue,
            Truth::Unknown => {
                missing.extend(p.when.iter().map(|c| c.fact.clone()));
                continue;
            }
            Truth::Yes => {}
        }
        match part_amount(p, &get, near_within, detail) {
            Ok((x, s)) => {
                // A part with no arithmetic to show (no qualifying item) gets no line.
                if !s.is_empty() {
                    steps.add(|| part_line(p, &s));
                }
                amounts.push((*p, x));
            }
            Err(m) => missing.extend(m),
        }
    }
    if !missing.is_empty() {
        return Err(missing);
    }
    for g in &a.group_caps {
        group_cap(g, &mut amounts, facts, near_within, &mut steps);
    }
    // A track-wide cap scales the parts down in proportion.
    if let Some(cap) = a.cap {
        let total: Decimal = amounts.iter().map(|(_, x)| *x).sum();
        if total > cap {
            let scaled = crate::policy::cap::proportional(
                &amounts.iter().map(|(_, x)| *x).collect::<Vec<_>>(),
                cap,
            );
            for ((_, x), s) in amounts.iter_mut().zip(scaled) {
                *x = s;
            }
            let line = format!("track cap {} applied", money::fmt(cap, Lang::En));
            steps.add(|| Text::new(format!("封顶 {}", money::fmt(cap, Lang::Zh)), line));
        }
    }
    let mut by: BTreeMap<Funder, Range> = BTreeMap::new();
    let mut matched = Range::ZERO;
    let mut awards = DistrictAwards::default();
    for (p, x) in amounts {
        if capped.is_some_and(|c| pays(p, c)) && !x.is_zero() {
            let n = awards_in_part(p, &get, near_within);
            if p.split.is_some() {
                awards.matched += n;
            } else {
                awards.own += n;
            }
        }
        for (f, r) in split_part(p, x) {
            if capped == Some(&f) && p.split.is_some() {
                matched = matched.plus(r);
            }
            let e = by.entry(f).or_insert(Range::ZERO);
            *e = e.plus(r);
        }
    }
    Ok(TrackAmount {
        by,
        matched,
        awards,
        steps: steps.v,
    })
}

/// A track's amount: per funder, the district's matching part, its district
/// awards and the steps.
pub(super) struct TrackAmount {
    pub(super) by: ByFunder,
    pub(super) matched: Range,
    pub(super) awards: DistrictAwards,
    pub(super) steps: Vec<Text>,
}

/// How many district awards (区级奖励、补助) a track pays: the cap's trigger
/// is "符合多次享受…条件的" — qualifying several *times* — so two prizes or two
/// patents are two awards even within one track.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DistrictAwards {
    /// Awards the district pays on its own.
    pub own: u32,
    /// Awards where the district pays its side of a city/district split (配套).
    pub matched: u32,
}

pub(super) fn pays(p: &Part, funder: &Funder) -> bool {
    match p.payer() {
        Payer::One(f) => f == funder,
        Payer::Split(s) => s.contains_key(funder),
        Payer::Nobody => false,
    }
}

/// The funder whose awards the pack's per-enterprise cap limits (the
/// district, in the 2016 notice), if the pack has such a cap.
pub fn capped_funder(pack: &PolicyPack) -> Option<&Funder> {
    pack.district_cap.as_ref().map(|c| &c.funder)
}

/// The awards in one paying part: each qualifying item, each prize of a
/// tally, each unit of a per-unit amount; any other formula is one award.
pub(super) fn awards_in_part<'f>(
    p: &Part,
    get: &dyn Fn(&str) -> Option<&'f Fact>,
    near_within: Decimal,
) -> u32 {
    let n = match p.formula() {
        Formula::PerTally(t) => match get(&t.fact) {
            Some(Fact::Tally(counts)) => counts
                .iter()
                .filter(|(id, _)| t.table.get(*id).is_some_and(|v| !v.is_zero()))
                .map(|(_, n)| *n)
                .sum(),
            _ => 1,
        },
        Formula::PerUnit(u) => get(&u.fact)
            .and_then(Fact::num)
            .and_then(|n| n.trunc().to_u32())
            .unwrap_or(1),
        Formula::PerItem(pi) => match get(&pi.items) {
            Some(Fact::Items(list)) => {
                let hits = list.iter().filter(|item| {
                    all_of(&pi.when, &|x: &Condition| item.get(&x.fact), near_within) == Truth::Yes
                });
                u32::try_from(hits.count()).unwrap_or(u32::MAX)
            }
            _ => 1,
        },
        Formula::Fixed(_) | Formula::Lookup(_) | Formula::Rate(_) | Formula::Nothing => 1,
    };
    n.max(1)
}

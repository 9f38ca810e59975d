//! Scoring one item (评测项计分): the first of its rules whose facts are
//! known gives the points and the answer in words; when none is, the item
//! scores 0 and names the questionnaire fields to fill in.
//!
//! The points are decided once, whether the answer is worded or not: a
//! screening (`detail: false`) takes the same path and skips only the words
//! (the answer is then empty and no caution is copied).

use super::format::{Band, Bands, Choice, Count, Item, Options, Percent, Quantity, Rule, Trend};
use crate::facts::{self, Fact, Facts};
use crate::lang::{Lang, Text};
use rust_decimal::Decimal;

/// An item's points and how they came about.
#[derive(Debug, Clone)]
pub(super) struct Scored {
    pub points: Decimal,
    pub answer: Text,
    pub caution: Option<Text>,
}

/// Score an item, or the fields to fill in (those of its first rule);
/// with `detail: false` the answer is left empty and no caution is kept.
pub(super) fn item(item: &Item, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    let mut first_missing = None;
    for rule in &item.score {
        match rule_score(rule, item.max, f, detail) {
            Ok(s) => return Ok(s),
            Err(fields) => {
                first_missing.get_or_insert(fields);
            }
        }
    }
    Err(first_missing.unwrap_or_default())
}

fn rule_score(rule: &Rule, max: Decimal, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    match rule {
        Rule::Bands(b) => bands(b, f, detail),
        Rule::Each(o) => each(o, max, f, detail),
        Rule::Choice(o) => choice(o, f, detail),
        Rule::Trend(t) => trend(t, f, detail),
    }
}

/// The words of an answer, made only when they are shown.
fn worded(detail: bool, words: impl FnOnce() -> Text) -> Text {
    if detail {
        words()
    } else {
        Text::default()
    }
}

/// A questionnaire field's name for people ("不良品率变化 %"); its path when it has none.
fn name_of(field: &str, lang: Lang) -> &str {
    crate::fieldnames::label(field, lang).unwrap_or(field)
}

fn fill(fact: &str) -> Vec<String> {
    vec![facts::to_fill(fact).to_string()]
}

fn num(f: &Facts, fact: &str) -> Option<Decimal> {
    f.get(fact).and_then(Fact::num)
}

/// A decimal as people write it: no trailing zeros, at most two places.
pub(super) fn shown(x: Decimal) -> String {
    x.round_dp(2).normalize().to_string()
}

/// The ids a list fact holds (count > 0); `None` when it is empty, i.e. not filled in.
fn chosen<'f>(f: &'f Facts, fact: &str) -> Option<Vec<&'f str>> {
    match f.get(fact) {
        Some(Fact::Tally(m)) => {
            let ids: Vec<&str> = m
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(k, _)| k.as_str())
                .collect();
            (!ids.is_empty()).then_some(ids)
        }
        _ => None,
    }
}

/// The value a `bands` rule reads and how to show it (empty without `detail`).
fn quantity(q: &Quantity, f: &Facts, detail: bool) -> Result<(Decimal, Text), Vec<String>> {
    let same = |s: String| Text::new(s.clone(), s);
    match q {
        Quantity::Fact(x) => num(f, x)
            .map(|v| (v, worded(detail, || same(shown(v)))))
            .ok_or_else(|| fill(x)),
        Quantity::Percent(Percent { part, whole }) => {
            let (p, w) = (num(f, part), num(f, whole).filter(|w| !w.is_zero()));
            // Checked: a pack may divide any two numbers of the questionnaire,
            // and an overflowing share is as unknown as a missing one.
            let pct = p.zip(w).and_then(|(p, w)| {
                p.checked_div(w)
                    .and_then(|x| x.checked_mul(Decimal::ONE_HUNDRED))
                    .map(|pct| (p, w, pct))
            });
            match pct {
                Some((p, w, pct)) => {
                    let t = || same(format!("{} / {} = {}%", shown(p), shown(w), shown(pct)));
                    Ok((pct, worded(detail, t)))
                }
                None => {
                    let mut v = Vec::new();
                    if p.is_none() {
                        v.extend(fill(part));
                    }
                    if w.is_none() {
                        v.extend(fill(whole));
                    }
                    Err(v)
                }
            }
        }
        Quantity::Count(Count { fact, except }) => {
            let ids = chosen(f, fact).ok_or_else(|| fill(fact))?;
            let n = ids
                .iter()
                .filter(|id| !except.iter().any(|e| e == *id))
                .count();
            let t = || {
                let field = facts::to_fill(fact);
                let (zh, en) = (name_of(field, Lang::Zh), name_of(field, Lang::En));
                Text::new(
                    format!("{zh} {n}"),
                    format!("{en}: {n} ({})", ids.join(", ")),
                )
            };
            Ok((Decimal::from(n), worded(detail, t)))
        }
    }
}

fn bands(b: &Bands, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    let (v, shown_v) = quantity(&b.of, f, detail)?;
    let hit: Option<&Band> = b
        .bands
        .iter()
        .find(|x| x.parsed.is_some_and(|r| r.contains(v)));
    let (points, answer) = match hit {
        Some(x) => (
            x.points,
            worded(detail, || {
                Text::new(
                    format!("{}, 区间 {}", shown_v.zh, x.range),
                    format!("{}, band {}", shown_v.en, x.range),
                )
            }),
        ),
        None => (
            Decimal::ZERO,
            worded(detail, || {
                Text::new(
                    format!("{}, 不在任何区间", shown_v.zh),
                    format!("{}, in no band", shown_v.en),
                )
            }),
        ),
    };
    Ok(Scored {
        points,
        answer,
        caution: None,
    })
}

/// Names of the chosen options, joined.
fn names(list: &[&Choice]) -> Text {
    let zh: Vec<&str> = list.iter().map(|c| c.name.zh.as_ref()).collect();
    let en: Vec<&str> = list.iter().map(|c| c.name.en.as_ref()).collect();
    Text::new(zh.join("、"), en.join("; "))
}

fn each(o: &Options, max: Decimal, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    let ids = chosen(f, &o.fact).ok_or_else(|| fill(&o.fact))?;
    let picked: Vec<&Choice> = o
        .options
        .iter()
        .filter(|c| ids.contains(&c.id.as_str()))
        .collect();
    let sum: Decimal = picked.iter().map(|c| c.points).sum();
    let answer = worded(detail, || {
        if picked.is_empty() {
            Text::new("无", "none")
        } else {
            names(&picked)
        }
    });
    Ok(Scored {
        points: sum.min(max),
        answer,
        caution: detail
            .then(|| picked.iter().find_map(|c| c.caution.clone()))
            .flatten(),
    })
}

fn choice(o: &Options, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    let id = match f.get(&o.fact) {
        Some(Fact::Id(id)) => id.as_ref(),
        _ => return Err(fill(&o.fact)),
    };
    Ok(match o.options.iter().find(|c| c.id == id) {
        Some(c) => Scored {
            points: c.points,
            answer: worded(detail, || c.name.clone()),
            caution: detail.then(|| c.caution.clone()).flatten(),
        },
        // An id the pack gives no points for (checked against the fact's ids at load).
        None => Scored {
            points: Decimal::ZERO,
            answer: worded(detail, || Text::new(id.to_string(), id.to_string())),
            caution: None,
        },
    })
}

/// A direction of change.
#[derive(Clone, Copy)]
enum Direction {
    Increased,
    Flat,
    Decreased,
}

impl Direction {
    fn name(self) -> Text {
        match self {
            Direction::Increased => Text::new("增加", "increased"),
            Direction::Flat => Text::new("持平", "flat"),
            Direction::Decreased => Text::new("降低", "decreased"),
        }
    }
}

fn trend(t: &Trend, f: &Facts, detail: bool) -> Result<Scored, Vec<String>> {
    let (dir, answer) = match f.get(&t.fact) {
        Some(Fact::Id(id)) => {
            let d = match id.as_ref() {
                "increased" => Direction::Increased,
                "decreased" => Direction::Decreased,
                _ => Direction::Flat,
            };
            (d, worded(detail, || d.name()))
        }
        Some(Fact::Num(change)) => {
            let rising = if t.inverse {
                change.is_sign_negative()
            } else {
                change.is_sign_positive()
            };
            let d = match (change.is_zero(), rising) {
                (true, _) => Direction::Flat,
                (false, true) => Direction::Increased,
                (false, false) => Direction::Decreased,
            };
            let words = || {
                let n = d.name();
                let c = shown(*change);
                let src = facts::to_fill(&t.fact);
                // The fact is a change in percent; its name may end with the unit already.
                let bare = |l| name_of(src, l).trim_end_matches('%').trim_end();
                let (zh, en) = (bare(Lang::Zh), bare(Lang::En));
                Text::new(
                    format!("{} (由{zh} {c}% 得出)", n.zh),
                    format!("{} (from {en} {c}%)", n.en),
                )
            };
            (d, worded(detail, words))
        }
        _ => return Err(fill(&t.fact)),
    };
    let p = t.points;
    let points = match dir {
        Direction::Increased => p.increased,
        Direction::Flat => p.flat,
        Direction::Decreased => p.decreased,
    };
    Ok(Scored {
        points,
        answer,
        caution: None,
    })
}

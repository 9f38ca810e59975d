//! Money lines every report shares (金额汇总): which funders a report shows,
//! the totals line and the district-cap line. One copy of each, so the
//! terminal, Markdown, HTML, DOCX, comparison and screening views cannot
//! drift apart.

use crate::assess::Assessment;
use crate::lang::Lang;
use crate::money::{self, Range};
use crate::policy::eval::{DistrictCapResult, Totals};
use crate::policy::pack::Funder;
use std::collections::BTreeMap;

/// Whether `f` is the funder whose share of track `t` the pack's
/// per-enterprise cap cut (区级 in the 2016 notice, 五(五) 末段): its cell
/// carries a `*`.
pub fn cut(t: &crate::policy::eval::TrackResult, f: &Funder) -> bool {
    t.district_before_cap.is_some() && t.capped_funder.as_ref() == Some(f)
}

/// The funders (出资方) a report shows, in report order: those in the
/// assessment's totals. Reports learn the funders here and nowhere else.
pub fn funders(a: &Assessment) -> Vec<Funder> {
    funders_in(&[&a.totals.eligible.by_funder, &a.totals.potential.by_funder])
}

/// The funders present in any of `maps`, in report order.
pub fn funders_in(maps: &[&BTreeMap<Funder, Range>]) -> Vec<Funder> {
    let mut v: Vec<Funder> = maps.iter().flat_map(|m| m.keys().cloned()).collect();
    v.sort();
    v.dedup();
    v
}

/// A funder as a column header: its label, capitalised in English
/// ("Province"); Chinese has no case ("省").
pub fn funder_header(f: &Funder, l: Lang) -> String {
    let label = f.label().get(l).to_string();
    let mut chars = label.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => label,
    }
}

/// Each funder's amount, "省 0.00万元 · 市 … · 区 …" (a funder missing from
/// `by_funder` pays nothing).
pub fn by_funder_line(funders: &[Funder], by_funder: &BTreeMap<Funder, Range>, l: Lang) -> String {
    funders
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f.label().get(l),
                by_funder.get(f).copied().unwrap_or(Range::ZERO).report(l)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A totals line: each funder's amount, then the total.
pub fn totals_line(funders: &[Funder], t: &Totals, l: Lang) -> String {
    format!(
        "{} · {} {}",
        by_funder_line(funders, &t.by_funder, l),
        l.pick("合计", "total"),
        t.total.report(l)
    )
}

/// The district cap (区级封顶, 五(五) 末段) in words, in the parts each
/// renderer lays out (the terminal on several lines, the reports on one).
pub enum CapLine {
    /// The cap figure is missing: district amounts are shown uncapped.
    Uncapped(String),
    /// The cap, and what it did.
    Capped {
        /// "区级奖励上限 (clause): cap; 区级份额 before → after".
        head: String,
        /// When the cap binds: " (已封顶 *: the tracks cut)".
        binding: Option<String>,
        /// Why the cap was not applied although its figure is given.
        trigger: Option<String>,
        /// The cap on the eligible tracks alone, when it differs
        /// ([`super::eligible_cap_note`]).
        eligible: Option<String>,
    },
}

/// Every per-enterprise cap of an assessment (one per policy pack that has
/// one: the district's in the 2016 notice).
pub fn caps(a: &Assessment) -> impl Iterator<Item = &DistrictCapResult> {
    a.caps()
}

/// Words for a capped funder: "区级奖励上限" / "District cap" and "区级份额" /
/// "district shares", from the funder's name in the pack.
fn cap_words(dc: &DistrictCapResult, l: Lang) -> (String, String) {
    let name = dc.funder.label().get(l).to_string();
    match l {
        Lang::Zh => (format!("{name}级奖励上限"), format!("{name}级份额")),
        Lang::En => (
            format!("{} cap", funder_header(&dc.funder, l)),
            format!("{name} shares"),
        ),
    }
}

/// One cap in words.
pub fn cap_line(a: &Assessment, dc: &DistrictCapResult, l: Lang) -> CapLine {
    let (title, shares) = cap_words(dc, l);
    let Some(cap) = dc.cap else {
        // The field keeps its path here; a Chinese text gets the field's
        // name when it is finished (see `zh_finish`).
        let field = dc.missing.first().map(|f| field_of(f)).unwrap_or_default();
        let name = dc.funder.label().get(l).to_string();
        return CapLine::Uncapped(match l {
            Lang::Zh => format!("{title}: 缺少 {field}, {name}级金额未封顶"),
            Lang::En => format!("{title}: {field} is missing; {name} amounts are shown uncapped"),
        });
    };
    CapLine::Capped {
        head: format!(
            "{title} ({}): {}; {shares} {} → {}",
            dc.clause,
            money::report(cap, l),
            dc.before.report(l),
            dc.after.report(l),
        ),
        binding: dc.binding.then(|| {
            format!(
                " ({}: {})",
                l.pick("已封顶 *", "cap binds *"),
                super::cut_names(a, dc, l)
            )
        }),
        trigger: dc.trigger_note.as_ref().map(|n| n.get(l).to_string()),
        eligible: super::eligible_cap_note(dc, &shares, l),
    }
}

/// The questionnaire field behind a money fact (`enterprise.x` → `enterprise.x_wan`).
fn field_of(fact: &str) -> String {
    crate::facts::spec(fact)
        .and_then(|s| s.from.split_whitespace().next())
        .unwrap_or(fact)
        .to_string()
}

impl CapLine {
    /// Every cap on one line each, joined, as the reports show them ("" when
    /// no pack has a cap).
    pub fn one_line(a: &Assessment, l: Lang) -> String {
        caps(a)
            .map(|dc| cap_line(a, dc, l).joined())
            .collect::<Vec<_>>()
            .join(l.pick("；", "; "))
    }

    /// This cap on one line.
    pub fn joined(self) -> String {
        match self {
            CapLine::Uncapped(text) => text,
            CapLine::Capped {
                head,
                binding,
                trigger,
                eligible,
            } => {
                let why = binding
                    .or_else(|| trigger.map(|n| format!(" ({n})")))
                    .unwrap_or_default();
                let eligible = eligible.map(|n| format!("; {n}")).unwrap_or_default();
                format!("{head}{why}{eligible}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn totals(by: &[(Funder, Range)]) -> Totals {
        let by_funder: BTreeMap<Funder, Range> = by.iter().cloned().collect();
        let mut total = Range::ZERO;
        for r in by_funder.values() {
            total = Range {
                min: total.min + r.min,
                max: total.max.zip(r.max).map(|(a, b)| a + b),
            };
        }
        Totals { by_funder, total }
    }

    #[test]
    fn funders_come_from_the_totals_in_report_order_once() {
        let a: BTreeMap<Funder, Range> = [(Funder::standard("district"), Range::ZERO)].into();
        let b: BTreeMap<Funder, Range> = [
            (Funder::standard("city"), Range::ZERO),
            (Funder::standard("district"), Range::ZERO),
        ]
        .into();
        assert_eq!(
            funders_in(&[&a, &b]),
            [Funder::standard("city"), Funder::standard("district")]
        );
        assert!(funders_in(&[]).is_empty());
    }

    #[test]
    fn headers_are_capitalised_in_english_only() {
        assert_eq!(
            funder_header(&Funder::standard("province"), Lang::En),
            "Province"
        );
        assert_eq!(funder_header(&Funder::standard("district"), Lang::Zh), "区");
    }

    #[test]
    fn a_totals_line_lists_each_funder_then_the_total() {
        // City 30% and district 70% of a 15% subsidy on 9,000,000 (二(五)2):
        // 405,000 + 945,000 = 1,350,000; the province pays nothing.
        let t = totals(&[
            (Funder::standard("province"), Range::ZERO),
            (Funder::standard("city"), Range::exact(dec!(405000))),
            (Funder::standard("district"), Range::exact(dec!(945000))),
        ]);
        let f = [
            Funder::standard("province"),
            Funder::standard("city"),
            Funder::standard("district"),
        ];
        assert_eq!(
            totals_line(&f, &t, Lang::En),
            "province CNY 0 · city CNY 405,000 · district CNY 945,000 · total CNY 1,350,000"
        );
        assert_eq!(
            totals_line(&f, &t, Lang::Zh),
            "省 0.00万元 · 市 40.50万元 · 区 94.50万元 · 合计 135.00万元"
        );
        // A funder the line names but the totals lack pays nothing.
        let only_city = totals(&[(Funder::standard("city"), Range::exact(dec!(405000)))]);
        assert_eq!(
            by_funder_line(&f, &only_city.by_funder, Lang::En),
            "province CNY 0 · city CNY 405,000 · district CNY 0"
        );
    }
}

//! `--previous last.xlsx`: the Enterprises sheet of a previous screening
//! workbook, read back by its headers (in either language).
//!
//! Money comes back from 万元 cells (doubles): exact for any amount a
//! screening writes (to the fen), but the .json output is the exact record —
//! prefer it when both exist.

use super::previous::Then;
use crate::criteria::Status;
use crate::lang::Text;
use crate::money::Range;
use crate::policy::pack::Funder;
use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;
use std::path::Path;

fn find(heads: &[String], t: &Text) -> Option<usize> {
    heads.iter().position(|h| *h == *t.zh || *h == *t.en)
}

fn status(d: &Data) -> Status {
    let s = d.to_string();
    [
        Status::Met,
        Status::NotMet,
        Status::Unknown,
        Status::NotApplicable,
    ]
    .into_iter()
    .find(|x| x.label().zh == s || x.label().en == s)
    .unwrap_or(Status::Unknown)
}

fn number(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

/// 万元 cell → 元, exactly as written (the shortest decimal of the double).
fn yuan(d: &Data) -> Option<Decimal> {
    let x = number(d)?;
    let wan: Decimal = format!("{x}").parse().ok()?;
    Some((wan * Decimal::from(10_000)).normalize())
}

/// The eligible-money columns of the Enterprises sheet (`符合 · 省 (万元)`
/// …), one per funder of the packs that screening used, with the funder:
/// a standard one (省/市/区) by its label, any other named by its label
/// (the comparison adds them up; it needs no level).
fn money_columns(heads: &[String]) -> Vec<(usize, Funder)> {
    let standard = Funder::standard_all();
    heads
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let label = super::results::eligible_label(h)?;
            let who = standard
                .iter()
                .find(|f| *f.label().zh == *label || *f.label().en == *label)
                .cloned()
                .unwrap_or_else(|| Funder::standard(label));
            Some((i, who))
        })
        .collect()
}

/// The enterprise rows of a previous screening workbook.
pub fn rows(path: &Path, shown: &str) -> anyhow::Result<Vec<Then>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path)
        .map_err(|e| anyhow::anyhow!("{shown}: not a readable workbook: {e}"))?;
    let all = super::results::enterprise_heads();
    let (name_h, code_h) = (&all[0], &all[1]);
    for sheet in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&sheet) else {
            continue;
        };
        let mut it = range.rows();
        let Some(head) = it.next() else { continue };
        let heads: Vec<String> = head.iter().map(|c| c.to_string()).collect();
        let (Some(ni), Some(ci)) = (find(&heads, name_h), find(&heads, code_h)) else {
            continue;
        };
        let col = |i: usize| find(&heads, &all[i]);
        let ind: Vec<Option<usize>> = super::results::indicator_heads()
            .iter()
            .map(|t| find(&heads, t))
            .collect();
        let money = money_columns(&heads);
        let mut out = Vec::new();
        for r in it {
            let code = r.get(ci).map(|c| c.to_string()).unwrap_or_default();
            if code.is_empty() {
                continue; // the totals row, or a row without a code
            }
            let get = |i: Option<usize>| i.and_then(|i| r.get(i));
            let mut eligible = crate::policy::eval::ByFunder::new();
            for (at, who) in &money {
                if let Some(y) = get(Some(*at)).and_then(yuan) {
                    eligible.insert(
                        who.clone(),
                        Range {
                            min: y,
                            max: Some(y),
                        },
                    );
                }
            }
            out.push(Then {
                name: r.get(ni).map(|c| c.to_string()).unwrap_or_default(),
                credit_code: Some(code),
                level: get(col(5)).and_then(number).map(|x| x as u8),
                score: get(col(6)).and_then(number),
                automated_digital: get(col(7)).map_or(Status::Unknown, status),
                digital_workshop: get(col(8)).map_or(Status::Unknown, status),
                smart_factory: get(col(9)).map_or(Status::Unknown, status),
                indicators: ind.iter().map(|i| get(*i).and_then(number)).collect(),
                eligible,
            });
        }
        return Ok(out);
    }
    anyhow::bail!("{shown}: no Enterprises (企业) sheet of a zhizao screening workbook")
}

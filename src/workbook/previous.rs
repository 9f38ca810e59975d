//! `screen --previous last.json`: year over year (同比).
//!
//! A previous screening's JSON output (or its workbook) is read back — only
//! the figures compared, by field name — enterprises are matched by 统一社会
//! 信用代码, and for each match the changes are listed the way `compare`
//! lists them for one enterprise: estimated level, score, the three
//! criteria verdicts, the key ratios and the eligible money. Enterprises new
//! this time and those not submitted again are listed too; the district
//! view compares the totals.

use crate::criteria::Status;
use crate::lang::Lang;
use crate::policy::eval::ByFunder;
use crate::screen::{Row, Screened, PEER_INDICATORS};
use anyhow::Context as _;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Largest previous-screening file read.
const MAX_PREVIOUS_BYTES: u64 = 1024 * 1024 * 1024;

/// What the previous screening said about one enterprise: the figures a
/// change is reported on. Read by field name and nothing else, so a JSON
/// file from an older or newer build (more or fewer row fields) still reads.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Then {
    /// Name.
    pub name: String,
    /// 统一社会信用代码.
    #[serde(default)]
    pub credit_code: Option<String>,
    /// Estimated level.
    #[serde(default)]
    pub level: Option<u8>,
    /// Score.
    #[serde(default)]
    pub score: Option<f64>,
    /// 自动化数字化.
    pub automated_digital: Status,
    /// 数字化车间.
    pub digital_workshop: Status,
    /// 智能工厂.
    pub smart_factory: Status,
    /// Peer indicators (ratios 0–1), in `PEER_INDICATORS` order.
    #[serde(default)]
    pub indicators: Vec<Option<f64>>,
    /// Eligible support by funder.
    #[serde(default)]
    pub eligible: ByFunder,
}

/// The previous screening, by credit code.
pub struct Previous {
    /// File it came from.
    pub file: String,
    /// Rows by credit code (rows without one cannot be matched).
    pub by_code: BTreeMap<String, Then>,
    /// Enterprises of the previous screening without a credit code.
    pub without_code: usize,
}

/// Read a previous screening: the .json (exact) or .xlsx output of `screen`.
pub fn load(path: &Path) -> anyhow::Result<Previous> {
    let shown = path.display().to_string();
    let rows = match super::read::is_workbook(path) {
        true => super::previous_xlsx::rows(path, &shown)?,
        false => {
            let bytes = crate::yaml::read_capped(path, &shown, MAX_PREVIOUS_BYTES)
                .map_err(|d| anyhow::anyhow!("{}", d.message.en))?;
            #[derive(serde::Deserialize)]
            struct File {
                enterprises: Vec<Then>,
            }
            let f: File = serde_json::from_slice(&bytes)
                .with_context(|| format!("{shown}: not the JSON output of `zhizao screen`"))?;
            f.enterprises
        }
    };
    let mut p = Previous {
        file: shown,
        by_code: BTreeMap::new(),
        without_code: 0,
    };
    for r in rows {
        match r.credit_code.clone().filter(|c| !c.is_empty()) {
            Some(c) => {
                p.by_code.insert(c, r);
            }
            None => p.without_code += 1,
        }
    }
    Ok(p)
}

/// Total eligible support (all funders, maximum), 元.
pub fn eligible_total(m: &ByFunder) -> Decimal {
    m.values().filter_map(|r| r.max).sum()
}

/// How one enterprise changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// 统一社会信用代码.
    pub credit_code: String,
    /// Name now (or then, when not submitted again).
    pub name: String,
    /// `matched`, `new` or `not_resubmitted`.
    pub status: &'static str,
    /// Estimated level then, now.
    pub level: (Option<u8>, Option<u8>),
    /// Score then, now.
    pub score: (Option<f64>, Option<f64>),
    /// 自动化数字化, 数字化车间, 智能工厂 verdicts, then → now.
    pub verdicts: [(Option<Status>, Option<Status>); 3],
    /// The peer indicators then, now (ratios 0–1; see `PEER_INDICATORS`).
    pub indicators: Vec<(Option<f64>, Option<f64>)>,
    /// Eligible support then, now (元, maximum, all funders).
    pub eligible_cny: (Option<Decimal>, Option<Decimal>),
}

fn change(code: &str, then: Option<&Then>, now: Option<&Row>) -> Change {
    let status = match (then, now) {
        (Some(_), Some(_)) => "matched",
        (None, _) => "new",
        (Some(_), None) => "not_resubmitted",
    };
    let name = now
        .map(|r| r.name.clone())
        .or_else(|| then.map(|r| r.name.clone()))
        .unwrap_or_default();
    let vt = then.map(|r| [r.automated_digital, r.digital_workshop, r.smart_factory]);
    let vn = now.map(|r| [r.automated_digital, r.digital_workshop, r.smart_factory]);
    let at = |v: Option<&Vec<Option<f64>>>, i: usize| v.and_then(|v| v.get(i).copied().flatten());
    Change {
        credit_code: code.to_string(),
        name,
        status,
        level: (then.and_then(|r| r.level), now.and_then(|r| r.level)),
        score: (then.and_then(|r| r.score), now.and_then(|r| r.score)),
        verdicts: std::array::from_fn(|i| (vt.map(|x| x[i]), vn.map(|x| x[i]))),
        indicators: (0..PEER_INDICATORS.len())
            .map(|i| {
                (
                    at(then.map(|r| &r.indicators), i),
                    at(now.map(|r| &r.indicators), i),
                )
            })
            .collect(),
        eligible_cny: (
            then.map(|r| eligible_total(&r.eligible)),
            now.map(|r| eligible_total(&r.eligible)),
        ),
    }
}

/// Every change, in credit-code order: matched and new enterprises of this
/// screening, then those of the previous one not submitted again.
pub fn changes(prev: &Previous, s: &Screened) -> anyhow::Result<Vec<Change>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for item in s.rows()? {
        let (row, _) = item?;
        let Some(code) = row.credit_code.clone().filter(|c| !c.is_empty()) else {
            continue;
        };
        out.push(change(&code, prev.by_code.get(&code), Some(&row)));
        seen.insert(code);
    }
    for (code, r) in &prev.by_code {
        if !seen.contains(code) {
            out.push(change(code, Some(r), None));
        }
    }
    out.sort_by(|a, b| a.credit_code.cmp(&b.credit_code));
    Ok(out)
}

/// The district view, for the terminal.
pub fn summary(prev: &Previous, s: &Screened, l: Lang) -> anyhow::Result<String> {
    let ch = changes(prev, s)?;
    let count = |st: &str| ch.iter().filter(|c| c.status == st).count();
    let moved = |up: bool| {
        ch.iter()
            .filter(|c| matches!(c.level, (Some(a), Some(b)) if if up { b > a } else { b < a }))
            .count()
    };
    let met = |i: usize, now: bool| {
        ch.iter()
            .filter(|c| {
                let v = if now {
                    c.verdicts[i].1
                } else {
                    c.verdicts[i].0
                };
                v == Some(Status::Met)
            })
            .count()
    };
    let money = |now: bool| -> Decimal {
        ch.iter()
            .filter_map(|c| {
                if now {
                    c.eligible_cny.1
                } else {
                    c.eligible_cny.0
                }
            })
            .sum()
    };
    let wan = |d: Decimal| (d / Decimal::from(10_000)).round_dp(2).normalize();
    let mut t = String::new();
    t.push_str(&format!(
        "\n{} {}\n",
        l.pick("与上次筛选相比", "Compared with the previous screening"),
        crate::textsafe::echo(&prev.file)
    ));
    t.push_str(&format!(
        "  {}: {} · {}: {} · {}: {}{}\n",
        l.pick("按信用代码匹配", "matched by credit code"),
        count("matched"),
        l.pick("新增", "new"),
        count("new"),
        l.pick("未再提交", "not submitted again"),
        count("not_resubmitted"),
        if prev.without_code > 0 {
            format!(
                " · {} {}",
                prev.without_code,
                l.pick(
                    "家上次无信用代码, 无法匹配",
                    "previous without a credit code, not matched"
                )
            )
        } else {
            String::new()
        }
    ));
    t.push_str(&format!(
        "  {}: {} · {}: {}\n",
        l.pick("估算等级上升", "estimated level up"),
        moved(true),
        l.pick("下降", "down"),
        moved(false)
    ));
    for (i, (zh, en)) in [
        ("自动化数字化", "automated & digital"),
        ("数字化车间水平", "digital-workshop level"),
        ("智能工厂水平", "smart-factory level"),
    ]
    .iter()
    .enumerate()
    {
        t.push_str(&format!(
            "  {}: {} → {}\n",
            l.pick(zh, en),
            met(i, false),
            met(i, true)
        ));
    }
    t.push_str(&format!(
        "  {}: {} → {}\n",
        l.pick(
            "符合支持上限合计 (万元)",
            "eligible support, max total (万元)"
        ),
        wan(money(false)),
        wan(money(true))
    ));
    Ok(t)
}

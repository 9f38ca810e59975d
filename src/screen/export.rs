//! Screening exports (导出): XLSX, CSV (UTF-8 with BOM) and JSON.
//!
//! Every export is written to a temporary file beside the target and renamed
//! over it only when complete, so a reader never finds half a workbook. Rows
//! are streamed from the spill of pass 1; the XLSX sheets that hold one row
//! per enterprise use rust_xlsxwriter's constant-memory mode.
//!
//! Spreadsheet cells hold numbers as doubles (that is what XLSX stores); the
//! amounts were computed exactly and are exact to the fen at these sizes.
//! The workbook itself is built in [`crate::workbook::results`].
//!
//! CSV is opened by Excel directly (the BOM): text that starts like a
//! formula is neutralised ([`neutralise`]), all-digit identifiers are kept as
//! text ([`identifier`]), rates are rounded, and rejected inputs are rows
//! with their reason.

use super::targets::TargetLine;
use super::{LevelColumns, Packs, Row, Screened, PEER_INDICATORS};
use crate::lang::Lang;
use crate::policy::pack::Funder;
use rust_decimal::Decimal;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Export format, from the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Excel workbook.
    Xlsx,
    /// CSV, one row per enterprise.
    Csv,
    /// JSON.
    Json,
}

impl Kind {
    /// From a file name.
    pub fn from_path(p: &Path) -> Option<Kind> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(Kind::Xlsx),
            "csv" => Some(Kind::Csv),
            "json" => Some(Kind::Json),
            _ => None,
        }
    }
}

fn max_of(m: &crate::policy::eval::ByFunder, who: &Funder) -> Option<Decimal> {
    m.get(who).and_then(|r| r.max)
}

fn total_max(m: &crate::policy::eval::ByFunder) -> Option<Decimal> {
    m.values().map(|r| r.max).sum()
}

fn status_id(s: crate::criteria::Status) -> &'static str {
    match s {
        crate::criteria::Status::Met => "met",
        crate::criteria::Status::NotMet => "not_met",
        crate::criteria::Status::Unknown => "unknown",
        crate::criteria::Status::NotApplicable => "not_applicable",
    }
}

/// The level columns' headers (数字化水平得分, 数字化水平等级, 智能工厂等级),
/// those of `cols` only.
pub fn level_headers(l: Lang, cols: LevelColumns) -> Vec<String> {
    let mut h = Vec::new();
    if cols.digital {
        h.push(l.pick("数字化水平得分", "digital_level_score"));
        h.push(l.pick("数字化水平等级", "digital_level"));
    }
    if cols.smart_factory {
        h.push(l.pick("智能工厂等级", "smart_factory_level"));
    }
    h.into_iter().map(String::from).collect()
}

/// A row's level cells, in the order of [`level_headers`]: the score
/// as exact points, a level as its number (0 = below the first level), blank
/// when the pack did not apply to this row or the data were missing.
pub fn level_cells(r: &Row, cols: LevelColumns) -> Vec<String> {
    let level = |x: Option<&super::RowLevel>| {
        x.and_then(|d| d.level)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let mut v = Vec::new();
    if cols.digital {
        let d = r.digital_level.as_ref();
        v.push(
            d.and_then(|d| d.score)
                .map(|s| s.normalize().to_string())
                .unwrap_or_default(),
        );
        v.push(level(d));
    }
    if cols.smart_factory {
        v.push(level(r.smart_factory_level.as_ref()));
    }
    v
}

/// Column headers of the CSV table: one eligible-money column per funder
/// of the packs (`eligible_province_cny` … with the 2016 notice alone), and
/// the level columns of `levels` after the criteria.
pub fn enterprise_headers(l: Lang, funders: &[Funder], levels: LevelColumns) -> Vec<String> {
    let mut h: Vec<String> = [
        ("文件", "file"),
        ("企业名称", "name"),
        ("统一社会信用代码", "credit_code"),
        ("产业", "sector"),
        ("规上", "above_designated_size"),
        ("数据年度", "data_year"),
        ("估算成熟度等级", "maturity_level"),
        ("成熟度得分", "maturity_score"),
        ("自动化数字化", "automated_digital"),
        ("数字化车间", "digital_workshop"),
        ("智能工厂", "smart_factory"),
    ]
    .iter()
    .map(|(z, e)| l.pick(z, e).to_string())
    .collect();
    h.extend(level_headers(l, levels));
    for id in PEER_INDICATORS {
        h.push(id.to_string());
    }
    for id in PEER_INDICATORS {
        h.push(format!(
            "{id}_{}",
            l.pick("行业百分位", "sector_percentile")
        ));
    }
    for f in funders {
        h.push(match l {
            Lang::Zh => format!("符合_{}_元", f.label().zh),
            Lang::En => format!("eligible_{}_cny", f.id()),
        });
    }
    for (z, e) in [
        ("含候选_合计上限_元", "potential_total_max_cny"),
        ("符合项", "eligible_tracks"),
        ("候选项", "candidate_tracks"),
        ("接近项", "near_tracks"),
        ("区级封顶生效", "district_cap_binding"),
        ("超出政策期限", "policy_beyond_horizon"),
        ("状态", "status"),
        ("未能使用的原因", "rejected_reason"),
    ] {
        h.push(l.pick(z, e).to_string());
    }
    h
}

fn tracks_with(r: &Row, s: crate::policy::eval::TrackStatus) -> String {
    r.tracks
        .iter()
        .filter(|t| t.status == s)
        .map(|t| t.id.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value rounded to `places` decimals, without trailing zeros: rates to
/// 4 places (66.12 %), percentiles to 1 — no 16-digit floats in a sheet.
fn rounded(x: Option<f64>, places: u32) -> String {
    x.and_then(|v| Decimal::try_from(v).ok())
        .map(|d| d.round_dp(places).normalize().to_string())
        .unwrap_or_default()
}

/// Text a spreadsheet must not take for a formula (OWASP CSV injection):
/// a value starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'`,
/// which Excel and WPS show as text.
pub fn neutralise(s: &str) -> std::borrow::Cow<'_, str> {
    match s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        true => std::borrow::Cow::Owned(format!("'{s}")),
        false => std::borrow::Cow::Borrowed(s),
    }
}

/// An identifier Excel must keep as text: an all-digit credit code would
/// become `9.1350502354688E+17`. Written as `="…"`, which Excel shows as
/// the digits; the code is validated (no quotes), so nothing else can run.
pub fn identifier(s: &str) -> String {
    match !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        true => format!("=\"{s}\""),
        false => neutralise(s).into_owned(),
    }
}

/// One CSV record, as strings, with the money of `funders` and the level
/// columns of `levels` (the columns of [`enterprise_headers`]).
pub fn enterprise_record(
    r: &Row,
    pct: &[Option<f64>],
    funders: &[Funder],
    levels: LevelColumns,
) -> Vec<String> {
    use crate::policy::eval::TrackStatus as T;
    let opt = |x: Option<f64>| rounded(x, 4);
    let money = |x: Option<Decimal>| x.map(|v| v.normalize().to_string()).unwrap_or_default();
    let mut v = vec![
        neutralise(&r.file).into_owned(),
        neutralise(&r.name).into_owned(),
        identifier(r.credit_code.as_deref().unwrap_or("")),
        r.sector.id().to_string(),
        r.above_designated_size
            .map(|b| b.to_string())
            .unwrap_or_default(),
        r.data_year.to_string(),
        r.level.map(|x| x.to_string()).unwrap_or_default(),
        opt(r.score),
        status_id(r.automated_digital).into(),
        status_id(r.digital_workshop).into(),
        status_id(r.smart_factory).into(),
    ];
    v.extend(level_cells(r, levels));
    v.extend(r.indicators.iter().map(|x| opt(*x)));
    v.extend(pct.iter().map(|x| rounded(*x, 1)));
    v.extend(funders.iter().map(|f| money(max_of(&r.eligible, f))));
    v.push(money(total_max(&r.potential)));
    v.push(tracks_with(r, T::Eligible));
    v.push(tracks_with(r, T::Candidate));
    v.push(tracks_with(r, T::Near));
    v.push(r.district_cap_binding.to_string());
    v.push(r.policy_beyond_horizon.to_string());
    v.push("assessed".into());
    v.push(String::new());
    v
}

/// A rejected input as a CSV record: file, the reason, the rest blank.
fn rejected_record(x: &super::Rejected, width: usize, l: Lang) -> Vec<String> {
    let mut v = vec![String::new(); width];
    v[0] = neutralise(&x.file).into_owned();
    v[width - 2] = "rejected".into();
    let reason = format!("[{}] {}", x.code, x.reason.get(l));
    v[width - 1] = neutralise(&crate::textsafe::clip(&reason, 32_000)).into_owned();
    v
}

/// Everything an export needs besides the rows.
pub struct Context<'a> {
    /// Pass 1.
    pub screened: &'a Screened,
    /// Dashboard.
    pub dashboard: &'a [TargetLine],
    /// The policy packs screened against (track names, funders).
    pub packs: &'a Packs<'a>,
    /// Language of headers.
    pub lang: Lang,
    /// Report file of each enterprise (by its row's `file`), when written.
    pub reports: Option<&'a std::collections::HashMap<String, std::path::PathBuf>>,
    /// A previous screening to compare with (`--previous`).
    pub previous: Option<&'a crate::workbook::previous::Previous>,
    /// Near misses of each recognition, for the workbook.
    pub near_misses: Option<&'a [crate::workbook::nearmiss::NearMiss]>,
}

/// Links of the results workbook: relative to the folder it is written in.
fn links(path: &Path, cx: &Context) -> crate::workbook::results::Links {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    crate::workbook::results::Links {
        base: std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf()),
        reports: cx.reports.cloned().unwrap_or_default(),
    }
}

/// Write an export atomically.
pub fn write(path: &Path, kind: Kind, cx: &Context) -> std::io::Result<()> {
    // A device or pipe is not replaced but written to (see output::atomic_target).
    let target = crate::output::atomic_target(path);
    let path = target.as_deref().unwrap_or(path);
    let dir = match (path.parent(), &target) {
        (_, None) => std::env::temp_dir(),
        (Some(p), Some(_)) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => Path::new(".").to_path_buf(),
    };
    let tmp = crate::output::temp_beside(&dir)?;
    match kind {
        Kind::Csv => csv_out(tmp.as_file(), cx)?,
        Kind::Json => json_out(tmp.as_file(), cx)?,
        Kind::Xlsx => crate::workbook::results::write(tmp.path(), cx, &links(path, cx))
            .map_err(|e| std::io::Error::other(format!("{e:#}")))?,
    }
    if target.is_none() {
        return crate::output::write_direct(path, &std::fs::read(tmp.path())?);
    }
    crate::output::set_output_mode(tmp.path(), path)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn csv_out(file: &std::fs::File, cx: &Context) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(file);
    // The BOM makes Excel read the file as UTF-8 (Chinese names intact).
    w.write_all(b"\xEF\xBB\xBF")?;
    let mut c = csv::Writer::from_writer(w);
    let funders = cx.packs.funders();
    let levels = cx.screened.agg.level_columns();
    let headers = enterprise_headers(cx.lang, funders, levels);
    c.write_record(&headers)?;
    for item in cx.screened.rows()? {
        let (row, pct) = item?;
        c.write_record(enterprise_record(&row, &pct, funders, levels))?;
    }
    for x in &cx.screened.rejected {
        c.write_record(rejected_record(x, headers.len(), cx.lang))?;
    }
    c.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct JsonEnterprise<'a> {
    #[serde(flatten)]
    row: &'a Row,
    sector_percentiles: std::collections::BTreeMap<&'static str, Option<f64>>,
}

fn json_out(file: &std::fs::File, cx: &Context) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::new(file);
    let s = cx.screened;
    let pack1 = cx.packs.first();
    let head = serde_json::json!({
        "schema_version": 1,
        "policy_pack": {"id": pack1.map(|p| &p.id), "version": pack1.map(|p| &p.version)},
        "summary": &s.agg,
        "targets": cx.dashboard,
        "peer_quartiles": s.peers.quartiles().into_iter().map(|(k, v)| (k.id().to_string(), v)).collect::<std::collections::BTreeMap<_, _>>(),
        "rejected": &s.rejected,
        "notes": &s.notes,
    });
    let mut head = head;
    // Several packs: every one of them, in the order given (the first is
    // also `policy_pack`, as with one).
    if cx.packs.list().len() > 1 {
        head["policy_packs"] = cx
            .packs
            .list()
            .iter()
            .map(|p| serde_json::json!({"id": p.id, "version": p.version}))
            .collect();
    }
    if let Some(prev) = cx.previous {
        head["previous"] = serde_json::json!({
            "file": prev.file,
            "changes": crate::workbook::previous::changes(prev, s).map_err(std::io::Error::other)?,
        });
    }
    // Write the head object without its closing brace, then stream the enterprises.
    let text = serde_json::to_string_pretty(&head).map_err(std::io::Error::other)?;
    let open = text.trim_end().strip_suffix('}').unwrap_or(&text);
    w.write_all(open.trim_end().as_bytes())?;
    w.write_all(b",\n  \"enterprises\": [")?;
    let mut first = true;
    for item in s.rows()? {
        let (row, pct) = item?;
        let e = JsonEnterprise {
            row: &row,
            sector_percentiles: PEER_INDICATORS
                .iter()
                .copied()
                .zip(pct.iter().copied())
                .collect(),
        };
        w.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        serde_json::to_writer(&mut w, &e).map_err(std::io::Error::other)?;
    }
    w.write_all(b"\n  ]\n}\n")?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starters_are_neutralised_and_nothing_else() {
        for s in ["=1+2", "+1", "-1", "@A1", "\t=1", "\r=1"] {
            assert_eq!(neutralise(s), format!("'{s}"));
        }
        for s in ["泉州鞋业", "a=b", "", "1-2"] {
            assert_eq!(neutralise(s), s);
        }
    }

    #[test]
    fn only_all_digit_identifiers_become_text_formulas() {
        assert_eq!(identifier("913505023546880062"), "=\"913505023546880062\"");
        assert_eq!(identifier("91350502MA344TQ887"), "91350502MA344TQ887");
        assert_eq!(identifier(""), "");
        assert_eq!(identifier("=1"), "'=1");
    }

    #[test]
    fn rates_are_rounded_without_trailing_zeros() {
        assert_eq!(rounded(Some(0.661_234_567_890_123_4), 4), "0.6612");
        assert_eq!(rounded(Some(0.5), 4), "0.5");
        assert_eq!(rounded(Some(87.549_999), 1), "87.5");
        assert_eq!(rounded(None, 4), "");
    }
}

//! Screening exports (导出): XLSX, CSV (UTF-8 with BOM) and JSON.
//!
//! Every export is written to a temporary file beside the target and renamed
//! over it only when complete, so a reader never finds half a workbook. Rows
//! are streamed from the spill of pass 1; the XLSX sheets that hold one row
//! per enterprise use rust_xlsxwriter's constant-memory mode.
//!
//! Spreadsheet cells hold numbers as doubles (that is what XLSX stores); the
//! amounts were computed exactly and are exact to the fen at these sizes.

use super::targets::TargetLine;
use super::{Row, Screened, PEER_INDICATORS};
use crate::lang::Lang;
use crate::money::Range;
use crate::policy::pack::{Funder, PolicyPack};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
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

fn f(d: Decimal) -> f64 {
    d.try_into().unwrap_or(0.0)
}

fn max_of(m: &crate::policy::eval::ByFunder, who: Funder) -> Option<Decimal> {
    m.get(&who).and_then(|r| r.max)
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

/// Column headers of the per-enterprise table (CSV and the Enterprises sheet).
pub fn enterprise_headers(l: Lang) -> Vec<String> {
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
    for id in PEER_INDICATORS {
        h.push(id.to_string());
    }
    for id in PEER_INDICATORS {
        h.push(format!(
            "{id}_{}",
            l.pick("行业百分位", "sector_percentile")
        ));
    }
    for (z, e) in [
        ("符合_省_元", "eligible_province_cny"),
        ("符合_市_元", "eligible_city_cny"),
        ("符合_区_元", "eligible_district_cny"),
        ("含候选_合计上限_元", "potential_total_max_cny"),
        ("符合项", "eligible_tracks"),
        ("候选项", "candidate_tracks"),
        ("接近项", "near_tracks"),
        ("区级封顶生效", "district_cap_binding"),
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

/// One CSV/sheet record, as strings (numbers unformatted).
pub fn enterprise_record(r: &Row, pct: &[Option<f64>]) -> Vec<String> {
    use crate::policy::eval::TrackStatus as T;
    let opt = |x: Option<f64>| x.map(|v| format!("{v}")).unwrap_or_default();
    let money = |x: Option<Decimal>| x.map(|v| v.normalize().to_string()).unwrap_or_default();
    let mut v = vec![
        r.file.clone(),
        r.name.clone(),
        r.credit_code.clone().unwrap_or_default(),
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
    v.extend(r.indicators.iter().map(|x| opt(*x)));
    v.extend(pct.iter().map(|x| opt(*x)));
    v.push(money(max_of(&r.eligible, Funder::Province)));
    v.push(money(max_of(&r.eligible, Funder::City)));
    v.push(money(max_of(&r.eligible, Funder::District)));
    v.push(money(total_max(&r.potential)));
    v.push(tracks_with(r, T::Eligible));
    v.push(tracks_with(r, T::Candidate));
    v.push(tracks_with(r, T::Near));
    v.push(r.district_cap_binding.to_string());
    v
}

/// Everything an export needs besides the rows.
pub struct Context<'a> {
    /// Pass 1.
    pub screened: &'a Screened,
    /// Dashboard.
    pub dashboard: &'a [TargetLine],
    /// Policy pack.
    pub pack: &'a PolicyPack,
    /// Language of headers.
    pub lang: Lang,
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
        Kind::Xlsx => xlsx_out(tmp.path(), cx).map_err(std::io::Error::other)?,
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
    c.write_record(enterprise_headers(cx.lang))?;
    for item in cx.screened.rows()? {
        let (row, pct) = item?;
        c.write_record(enterprise_record(&row, &pct))?;
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
    let head = serde_json::json!({
        "schema_version": 1,
        "policy_pack": {"id": cx.pack.id, "version": cx.pack.version},
        "summary": &s.agg,
        "targets": cx.dashboard,
        "peer_quartiles": s.peers.quartiles().into_iter().map(|(k, v)| (k.id().to_string(), v)).collect::<std::collections::BTreeMap<_, _>>(),
        "rejected": &s.rejected,
        "notes": &s.notes,
    });
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

/// Bold header row, column widths (the `wide` columns wider), frozen header
/// row and the first `freeze_cols` columns.
fn header(
    ws: &mut rust_xlsxwriter::Worksheet,
    heads: &[&str],
    bold: &Format,
    wide: &[usize],
    widths: (f64, f64),
    freeze_cols: u16,
) -> Result<(), XlsxError> {
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, bold)?;
        let w = if wide.contains(&c) {
            widths.0
        } else {
            widths.1
        };
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_freeze_panes(1, freeze_cols)?;
    Ok(())
}

fn xlsx_out(path: &Path, cx: &Context) -> Result<(), XlsxError> {
    let l = cx.lang;
    let s = cx.screened;
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let cny = Format::new().set_num_format("#,##0.00");
    let pct = Format::new().set_num_format("0.0%");
    let dec = Format::new().set_num_format("0.00");

    // Summary.
    {
        let ws = wb.add_worksheet();
        ws.set_name("Summary")?;
        ws.set_column_width(0, 44)?;
        ws.set_column_width(1, 22)?;
        let mut r = 0u32;
        let mut kv =
            |ws: &mut rust_xlsxwriter::Worksheet, k: &str, v: String| -> Result<(), XlsxError> {
                ws.write_string_with_format(r, 0, k, &bold)?;
                ws.write_string(r, 1, v)?;
                r += 1;
                Ok(())
            };
        kv(
            ws,
            l.pick("政策包", "Policy pack"),
            format!("{} {}", cx.pack.id, cx.pack.version),
        )?;
        kv(ws, l.pick("文件", "Files"), s.agg.files.to_string())?;
        kv(ws, l.pick("已评估", "Assessed"), s.agg.assessed.to_string())?;
        kv(
            ws,
            l.pick("未能使用", "Rejected"),
            s.agg.rejected.to_string(),
        )?;
        kv(
            ws,
            l.pick("智能工厂认定候选", "Smart-factory candidates"),
            s.agg.smart_factory_candidates.count.to_string(),
        )?;
        kv(
            ws,
            l.pick("数字化车间认定候选", "Digital-workshop candidates"),
            s.agg.digital_workshop_candidates.count.to_string(),
        )?;
        for who in Funder::ALL {
            let range = s
                .agg
                .potential_by_funder
                .get(&who)
                .copied()
                .unwrap_or(Range::ZERO);
            kv(
                ws,
                &format!(
                    "{} ({})",
                    l.pick("含候选支持上限", "Potential support, max"),
                    who.label().get(l)
                ),
                range
                    .max
                    .map(|m| m.normalize().to_string())
                    .unwrap_or_else(|| "open".into()),
            )?;
        }
        r += 1;
        ws.write_string_with_format(r, 0, l.pick("候选排名", "Ranked candidates"), &bold)?;
        r += 1;
        let mut lists: Vec<(String, &super::Ranking)> = vec![
            (
                l.pick("智能工厂", "Smart factory").into(),
                &s.agg.smart_factory_candidates,
            ),
            (
                l.pick("数字化车间", "Digital workshop").into(),
                &s.agg.digital_workshop_candidates,
            ),
        ];
        for (sec, rk) in &s.agg.demonstration {
            lists.push((
                format!(
                    "{} · {}",
                    l.pick("示范项目", "Demonstration"),
                    l.pick(sec.zh(), sec.en())
                ),
                rk,
            ));
        }
        for (title, rk) in lists {
            for (i, c) in rk.top.iter().enumerate() {
                ws.write_string(r, 0, format!("{title} #{}", i + 1))?;
                ws.write_string(r, 1, &c.name)?;
                ws.write_string(r, 2, &c.file)?;
                if let Some(sc) = c.score {
                    ws.write_number_with_format(r, 3, sc, &dec)?;
                }
                r += 1;
            }
        }
    }

    // Enterprises (streamed).
    let headers = enterprise_headers(l);
    {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name("Enterprises")?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &bold)?;
            // Wide enough for Chinese names (two columns per character).
            let width = match c {
                0 => 30.0,
                1 => 36.0,
                2 => 22.0,
                _ => 14.0,
            };
            ws.set_column_width(c as u16, width)?;
        }
        ws.set_freeze_panes(1, 2)?;
    }
    {
        let ws = wb.add_worksheet_with_constant_memory()?;
        ws.set_name("Tracks")?;
        let heads = [
            l.pick("文件", "file"),
            l.pick("企业名称", "name"),
            l.pick("扶持项", "track"),
            l.pick("状态", "status"),
            l.pick("省_元", "province_cny"),
            l.pick("市_元", "city_cny"),
            l.pick("区_元", "district_cny"),
        ];
        header(ws, &heads, &bold, &[0, 1, 2], (30.0, 14.0), 0)?;
    }
    let (mut er, mut tr) = (1u32, 1u32);
    let rows = s.rows().map_err(XlsxError::IoError)?;
    for item in rows {
        let (row, pcts) = item.map_err(XlsxError::IoError)?;
        let ws = wb.worksheet_from_index(1)?;
        let rec = enterprise_record(&row, &pcts);
        let n_fixed = 11;
        for (c, v) in rec.iter().enumerate() {
            let col = c as u16;
            let ind = c.checked_sub(n_fixed);
            match ind {
                // Indicator values: ratios as %, others as numbers.
                Some(i) if i < PEER_INDICATORS.len() => {
                    if let Ok(x) = v.parse::<f64>() {
                        let id = PEER_INDICATORS[i];
                        if id == "robot_density" || id == "labor_productivity" {
                            ws.write_number_with_format(er, col, x, &dec)?;
                        } else {
                            ws.write_number_with_format(er, col, x, &pct)?;
                        }
                    }
                }
                Some(i) if i < 2 * PEER_INDICATORS.len() => {
                    if let Ok(x) = v.parse::<f64>() {
                        ws.write_number_with_format(er, col, x, &dec)?;
                    }
                }
                Some(i) if i < 2 * PEER_INDICATORS.len() + 4 => {
                    if let Ok(x) = v.parse::<Decimal>() {
                        ws.write_number_with_format(er, col, f(x), &cny)?;
                    }
                }
                _ => {
                    if c == 6 || c == 5 {
                        if let Ok(x) = v.parse::<f64>() {
                            ws.write_number(er, col, x)?;
                            continue;
                        }
                    }
                    if c == 7 {
                        if let Ok(x) = v.parse::<f64>() {
                            ws.write_number_with_format(er, col, x, &dec)?;
                            continue;
                        }
                    }
                    ws.write_string(er, col, v)?;
                }
            }
        }
        er += 1;
        let ws = wb.worksheet_from_index(2)?;
        for t in &row.tracks {
            ws.write_string(tr, 0, &row.file)?;
            ws.write_string(tr, 1, &row.name)?;
            ws.write_string(tr, 2, &t.id)?;
            ws.write_string(tr, 3, t.status.id())?;
            for (k, who) in Funder::ALL.iter().enumerate() {
                if let Some(m) = max_of(&t.by_funder, *who) {
                    ws.write_number_with_format(tr, 4 + k as u16, f(m), &cny)?;
                }
            }
            tr += 1;
        }
    }

    // Budget.
    {
        let ws = wb.add_worksheet();
        ws.set_name("Budget")?;
        let heads = [
            l.pick("扶持项", "track"),
            l.pick("条款", "clause"),
            l.pick("符合企业", "eligible"),
            l.pick("候选企业", "candidates"),
            l.pick("接近", "near"),
            l.pick("省_符合_上限", "province_eligible_max"),
            l.pick("市_符合_上限", "city_eligible_max"),
            l.pick("区_符合_上限", "district_eligible_max"),
            l.pick("省_含候选_上限", "province_potential_max"),
            l.pick("市_含候选_上限", "city_potential_max"),
            l.pick("区_含候选_上限", "district_potential_max"),
        ];
        header(ws, &heads, &bold, &[0], (32.0, 16.0), 1)?;
        for (i, (id, b)) in s.agg.budget.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, id)?;
            let clause = cx
                .pack
                .tracks
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.clause.as_str())
                .unwrap_or("");
            ws.write_string(r, 1, clause)?;
            ws.write_number(r, 2, b.eligible as f64)?;
            ws.write_number(r, 3, b.candidate as f64)?;
            ws.write_number(r, 4, b.near as f64)?;
            for (k, who) in Funder::ALL.iter().enumerate() {
                if let Some(m) = max_of(&b.eligible_by_funder, *who) {
                    ws.write_number_with_format(r, 5 + k as u16, f(m), &cny)?;
                }
                if let Some(m) = max_of(&b.potential_by_funder, *who) {
                    ws.write_number_with_format(r, 8 + k as u16, f(m), &cny)?;
                }
            }
        }
    }

    // Targets.
    {
        let ws = wb.add_worksheet();
        ws.set_name("Targets")?;
        let heads = [
            l.pick("目标", "target"),
            l.pick("现状", "actual"),
            l.pick("目标值", "target_value"),
            l.pick("完成度", "progress"),
            l.pick("年度", "year"),
            l.pick("条款", "clause"),
            l.pick("依据", "basis"),
        ];
        header(ws, &heads, &bold, &[0, 6], (44.0, 14.0), 1)?;
        for (i, t) in cx.dashboard.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, t.label.get(l))?;
            let fmt = if t.unit == "ratio" { &pct } else { &dec };
            if let Some(a) = t.actual {
                ws.write_number_with_format(r, 1, f(a), fmt)?;
            }
            ws.write_number_with_format(r, 2, f(t.target), fmt)?;
            if let Some(p) = t.progress {
                ws.write_number_with_format(r, 3, f(p), &pct)?;
            }
            ws.write_number(r, 4, t.year)?;
            ws.write_string(r, 5, &t.clause)?;
            ws.write_string(r, 6, t.basis.get(l))?;
        }
    }

    // Rejected.
    {
        let ws = wb.add_worksheet();
        ws.set_name("Rejected")?;
        let heads = [
            l.pick("文件", "file"),
            l.pick("行", "line"),
            l.pick("列", "column"),
            l.pick("字段", "field"),
            l.pick("代码", "code"),
            l.pick("原因", "reason"),
            l.pick("错误数", "errors"),
        ];
        header(ws, &heads, &bold, &[0, 5], (44.0, 12.0), 0)?;
        for (i, rj) in s.rejected.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, &rj.file)?;
            if let Some(x) = rj.line {
                ws.write_number(r, 1, x as f64)?;
            }
            if let Some(x) = rj.column {
                ws.write_number(r, 2, x as f64)?;
            }
            ws.write_string(r, 3, rj.path.clone().unwrap_or_default())?;
            ws.write_string(r, 4, &rj.code)?;
            ws.write_string(r, 5, rj.reason.get(l))?;
            ws.write_number(r, 6, rj.errors as f64)?;
        }
    }
    wb.save(path)
}

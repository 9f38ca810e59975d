//! The screening workbook (筛选结果工作簿): ready to filter, pivot and print.
//!
//! Every table is an Excel Table (autofilter, banded rows) with headers and
//! values in the chosen language — sector names, 达到/未达到, 是/否, track
//! titles — and the ids in trailing columns for formulas and scripts. Money
//! is in 万元 as numbers, with a totals row whose SUBTOTAL follows the
//! filter and whose stored value is the exact decimal sum (so a reader that
//! does not recalculate sees the right total). Each enterprise row links to
//! its source (file, or the workbook row it came from) and, when written,
//! its report. The Dashboard has native charts.
//!
//! Sheets holding one row per enterprise are streamed (constant memory);
//! their sizes and totals come from a first pass over the spilled rows.
//!
//! Every text cell goes through [`Sheet::text`]: it keeps formulas as text
//! (a name starting with `=` is never a formula) and cuts values longer than
//! Excel's 32,767-character limit with a visible mark (the JSON export keeps
//! them whole). A cell that still cannot be written is an error naming the
//! sheet, the cell and the input file.

use crate::criteria::Status;
use crate::lang::{Lang, Text};
use crate::policy::eval::{ByFunder, TrackStatus};
use crate::policy::pack::Funder;
use crate::questionnaire::Sector;
use crate::screen::export::Context;
use crate::screen::tally::WorkbookTally;
use crate::screen::{LevelColumns, Packs, Row, PEER_INDICATORS};
use anyhow::Context as _;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Chart, ChartType, DocProperties, Format, Formula, Table, TableColumn, TableFunction,
    TableStyle, Url, Workbook, Worksheet, XlsxError,
};
use std::path::{Path, PathBuf};

mod analysis;
mod dashboard;

/// Characters kept of a value longer than Excel's cell limit (32,767); the
/// "…(N more)" mark fits in what is left.
const CELL_KEEP: usize = 32_000;

/// Excel's limit on a hyperlink's address.
const URL_MAX: usize = 2_000;

/// Deflate level of the workbook's parts (zlib-rs; 6 is the zip default).
/// Level 2 costs about half the instructions of 6 for a file about a
/// quarter larger; 1 (static Huffman codes) is cheaper still but half as
/// large again (docs/performance.md, "Issue 18, sixth session").
const DEFLATE_LEVEL: u8 = 2;

/// Where per-enterprise reports were written, for the links.
#[derive(Debug, Clone, Default)]
pub struct Links {
    /// Folder of the workbook (links are relative to it).
    pub base: PathBuf,
    /// Report file of each enterprise by its `Row::file`.
    pub reports: std::collections::HashMap<String, PathBuf>,
}

/// One worksheet with the context an error message needs.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    name: String,
    /// Column formats of a streamed sheet ([`Sheet::column_formats`]).
    plain: Vec<Option<&'a Format>>,
    /// Rows before this one leave a number's format to its column.
    plain_below: u32,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, name: String) -> Sheet<'a> {
        Sheet {
            ws,
            name,
            plain: Vec::new(),
            plain_below: 0,
        }
    }

    /// Give each number column of a streamed (constant-memory) sheet its
    /// format as the column's format, for data rows `1..last`: a number
    /// written there with that format is then written without one and takes
    /// the column's when its row is flushed, the same `s` index in the sheet,
    /// without hashing the whole `Format` for every cell (≈ 4 k instructions
    /// each). Row `last` (the last data row, flushed only when the workbook
    /// is saved) keeps its formats on the cells, so that
    /// [`Sheet::clear_column_formats`] can take the column formats away
    /// again before saving: the sheet's `<cols>` and its totals row are
    /// then as without them.
    fn column_formats(&mut self, cols: &[Col], fm: &'a Formats, last: u32) -> anyhow::Result<()> {
        self.plain = cols
            .iter()
            .map(|c| (c.kind != ColKind::Text).then(|| fm.of(c.kind)))
            .collect();
        self.plain_below = last;
        for (i, f) in self.plain.iter().enumerate() {
            if let Some(f) = f {
                self.ws
                    .set_column_format(i as u16, f)
                    .map_err(|e| fail(&self.name, 0, i as u16, e))?;
            }
        }
        Ok(())
    }

    /// Take the column formats of [`Sheet::column_formats`] away (after the
    /// last data row is written, before saving).
    fn clear_column_formats(&mut self) -> anyhow::Result<()> {
        let none = Format::default();
        for (i, f) in self.plain.iter().enumerate() {
            if f.is_some() {
                self.ws
                    .set_column_format(i as u16, &none)
                    .map_err(|e| fail(&self.name, 0, i as u16, e))?;
            }
        }
        self.plain.clear();
        self.plain_below = 0;
        Ok(())
    }

    fn fail(&self, r: u32, c: u16, e: XlsxError) -> anyhow::Error {
        fail(&self.name, r, c, e)
    }

    /// Text, always as text, cut to fit a cell.
    fn text(&mut self, r: u32, c: u16, s: &str) -> anyhow::Result<()> {
        // No more bytes than the limit: no more characters either.
        let s = match s.len() <= CELL_KEEP {
            true => std::borrow::Cow::Borrowed(s),
            false => crate::textsafe::clip(s, CELL_KEEP),
        };
        match self.ws.write_string(r, c, s.as_ref()) {
            Ok(_) => Ok(()),
            Err(e) => Err(self.fail(r, c, e)),
        }
    }

    fn num(&mut self, r: u32, c: u16, x: f64, f: &Format) -> anyhow::Result<()> {
        let column_has_it = r < self.plain_below
            && matches!(self.plain.get(usize::from(c)), Some(Some(p)) if std::ptr::eq(*p, f));
        let written = match column_has_it {
            true => self.ws.write_number(r, c, x),
            false => self.ws.write_number_with_format(r, c, x, f),
        };
        match written {
            Ok(_) => Ok(()),
            Err(e) => Err(self.fail(r, c, e)),
        }
    }

    /// A link, or its text alone when the address cannot be a link.
    fn link(&mut self, r: u32, c: u16, url: &str, text: &str) -> anyhow::Result<()> {
        if url.chars().count() <= URL_MAX && !url.chars().any(char::is_control) {
            let u = Url::new(url).set_text(crate::textsafe::clip(text, 200).as_ref());
            if self.ws.write_url(r, c, u).is_ok() {
                return Ok(());
            }
        }
        self.text(r, c, text)
    }
}

fn fail(sheet: &str, r: u32, c: u16, e: XlsxError) -> anyhow::Error {
    anyhow::anyhow!("{sheet}!{}{}: {e}", super::template::col_name(c), r + 1)
}

/// A column of a table: header, width, and how its cells look.
struct Col {
    head: Text,
    width: f64,
    kind: ColKind,
}

#[derive(Clone, Copy, PartialEq)]
enum ColKind {
    Text,
    Int,
    Dec,
    Pct,
    /// 万元, with a total.
    Wan,
}

fn col(zh: &str, en: &str, width: f64, kind: ColKind) -> Col {
    Col {
        head: Text::new(zh.to_string(), en.to_string()),
        width,
        kind,
    }
}

/// Formats by column kind.
struct Formats {
    int: Format,
    dec: Format,
    pct: Format,
    wan: Format,
    bold: Format,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            int: Format::new().set_num_format("0"),
            dec: Format::new().set_num_format("0.00"),
            pct: Format::new().set_num_format("0.0%"),
            wan: Format::new().set_num_format("#,##0.00##"),
            bold: Format::new().set_bold(),
        }
    }

    fn of(&self, k: ColKind) -> &Format {
        match k {
            ColKind::Int => &self.int,
            ColKind::Pct => &self.pct,
            ColKind::Wan => &self.wan,
            _ => &self.dec,
        }
    }
}

/// 元 → 万元, exactly.
fn wan(yuan: Decimal) -> Decimal {
    yuan / Decimal::from(10_000)
}

fn f(d: Decimal) -> f64 {
    f64::try_from(d).unwrap_or(0.0)
}

fn max_of(m: &ByFunder, who: &Funder) -> Option<Decimal> {
    m.get(who).and_then(|r| r.max)
}

/// A money column of one funder: `{zh}{省} (万元)` / `{en}{province} (万元)`
/// (the English label capitalised when it starts the header).
fn funder_col(zh: &str, en: &str, who: &Funder, width: f64) -> Col {
    let label_en = match en.is_empty() {
        true => crate::report::totals::funder_header(who, Lang::En),
        false => who.label().en.to_string(),
    };
    Col {
        head: Text::new(
            format!("{zh}{} (万元)", who.label().zh),
            format!("{en}{label_en} (万元)"),
        ),
        width,
        kind: ColKind::Wan,
    }
}

/// The packs screened against, as the Summary sheet and the document
/// properties name them: `id version`, several joined by `; `.
fn packs_line(packs: &Packs) -> String {
    packs
        .list()
        .iter()
        .map(|p| format!("{} {}", p.id, p.version))
        .collect::<Vec<_>>()
        .join("; ")
}

fn total_max(m: &ByFunder) -> Option<Decimal> {
    m.values().map(|r| r.max).sum()
}

/// Add a Table over rows `0..=last` of `cols` (header at row 0), with a
/// totals row when `totals` is given (one entry per column; `Some` for a
/// SUM column, holding the exact sum in 万元).
fn table(
    sh: &mut Sheet,
    name: &str,
    cols: &[Col],
    last: u32,
    totals: Option<&[Option<Decimal>]>,
    l: Lang,
) -> anyhow::Result<()> {
    // LibreOffice does not draw table styles: a header format of its own
    // keeps the header readable everywhere.
    let head_fmt = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_font_color(rust_xlsxwriter::Color::White)
        .set_background_color(rust_xlsxwriter::Color::RGB(0x1F4E79));
    let mut tcols = Vec::with_capacity(cols.len());
    for (i, c) in cols.iter().enumerate() {
        let mut tc = TableColumn::new()
            .set_header(c.head.get(l))
            .set_header_format(&head_fmt);
        if let Some(t) = totals {
            if i == 0 {
                tc = tc.set_total_label(l.pick("合计", "Total"));
            } else if let (ColKind::Wan, Some(Some(sum))) = (c.kind, t.get(i)) {
                let head = c
                    .head
                    .get(l)
                    .replace('\'', "''")
                    .replace('[', "'[")
                    .replace(']', "']")
                    .replace('#', "'#");
                let formula = Formula::new(format!("SUBTOTAL(109,[{head}])"))
                    .set_result(sum.normalize().to_string());
                tc = tc.set_total_function(TableFunction::Custom(formula));
            }
        }
        tcols.push(tc);
        sh.ws
            .set_column_width(i as u16, c.width)
            .map_err(|e| fail(&sh.name, 0, i as u16, e))?;
    }
    let t = Table::new()
        .set_name(name)
        .set_style(TableStyle::Medium2)
        .set_columns(&tcols)
        .set_total_row(totals.is_some());
    let last_col = cols.len().saturating_sub(1) as u16;
    sh.ws
        .add_table(0, 0, last, last_col, &t)
        .map_err(|e| fail(&sh.name, 0, 0, e))?;
    // Room for headers that wrap to two or three lines.
    sh.ws
        .set_row_height(0, 45)
        .map_err(|e| fail(&sh.name, 0, 0, e))?;
    Ok(())
}

/// Print setup of a wide table: landscape, fit to one page wide, header repeated.
fn print_setup(ws: &mut Worksheet, title: &str) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    ws.set_header(format!("&L{}&R&P / &N", title.replace('&', "&&")));
    ws.set_freeze_panes(1, 1)?;
    Ok(())
}

/// What the sheets need before their first row: sizes and exact totals,
/// by the packs' funders in their order (from [`WorkbookTally`]).
struct Pass {
    rows: u32,
    track_rows: u32,
    /// Eligible support per funder of the packs, in their order, 元.
    eligible: Vec<Decimal>,
    potential: Decimal,
    /// Track amounts per funder, then all funders together, 元.
    track_totals: Vec<Decimal>,
    /// The largest district potentials (at most 10) and their sum over all rows, 元.
    district_top: Vec<Decimal>,
    district_all: Decimal,
    levels: [u32; 7],
    verdicts: [[u32; 4]; 3],
    /// Eligible support by data year and funder, 元 (the cap is per enterprise and year).
    by_year: std::collections::BTreeMap<i32, Vec<Decimal>>,
}

/// The tally pass 1 gathered ([`crate::screen::screen_for_workbook`]), or
/// one read of the rows, by the packs' funders.
fn first_pass(cx: &Context) -> anyhow::Result<Pass> {
    let read;
    let t = match cx.screened.workbook_tally() {
        Some(t) => t,
        None => {
            read = WorkbookTally::read(cx.screened, 0)?;
            &read
        }
    };
    let funders = cx.packs.funders();
    let pick = |m: &std::collections::BTreeMap<Funder, Decimal>| -> Vec<Decimal> {
        funders
            .iter()
            .map(|w| m.get(w).copied().unwrap_or_default())
            .collect()
    };
    let mut track_totals = pick(&t.track_by_funder);
    track_totals.push(t.track_all);
    Ok(Pass {
        rows: t.rows,
        track_rows: t.track_rows,
        eligible: pick(&t.eligible),
        potential: t.potential,
        track_totals,
        district_top: t.district_top.clone(),
        district_all: t.district_all,
        levels: t.levels,
        verdicts: t.verdicts,
        by_year: t.by_year.iter().map(|(y, m)| (*y, pick(m))).collect(),
    })
}

/// A track's title, by its name in the rows ([`Packs::track_name`]).
fn track_title(packs: &Packs, name: &str, l: Lang) -> String {
    packs
        .track(name)
        .map_or_else(|| name.to_string(), |t| t.title.get(l).to_string())
}

/// A track's clause, by its name in the rows.
fn track_clause<'a>(packs: &Packs<'a>, name: &str) -> &'a str {
    packs.track(name).map_or("", |t| t.clause.as_str())
}

fn sector_name(s: Sector, l: Lang) -> &'static str {
    l.pick(s.zh(), s.en())
}

fn indicator_name(id: &'static str) -> Text {
    let (zh, en) = match id {
        "cnc_ratio" => ("数控化率", "CNC ratio"),
        "automation_rate" => ("关键工序自动化率", "Key-process automation rate"),
        "robot_density" => ("机器人密度 (台/万人)", "Robot density (per 10,000 workers)"),
        "equipment_digitization_rate" => ("生产设备数字化率", "Equipment digitisation rate"),
        "networking_rate" => ("数字化设备联网率", "Networking rate"),
        "digital_design_tools" => (
            "数字化研发设计工具普及率",
            "Digital design-tool penetration",
        ),
        "labor_productivity" => (
            "全员劳动生产率 (万元/人)",
            "Labour productivity (万元/person)",
        ),
        other => (other, other),
    };
    Text::new(zh, en)
}

/// Ratio indicators are shown as %, the others as numbers.
fn indicator_kind(id: &str) -> ColKind {
    match id {
        "robot_density" | "labor_productivity" => ColKind::Dec,
        _ => ColKind::Pct,
    }
}

/// Link target of a path, relative to the workbook's folder when it can be.
fn file_url(target: &str, base: &Path) -> String {
    // A workbook row (`x.xlsx!申报表!A6`) links to that cell.
    let (file, anchor) = match target.split_once(".xlsx!") {
        Some((f, rest)) => {
            let (sheet, cell) = rest.rsplit_once('!').unwrap_or((rest, "A1"));
            (
                format!("{f}.xlsx"),
                format!("#'{}'!{cell}", sheet.replace('\'', "''")),
            )
        }
        None => (target.to_string(), String::new()),
    };
    let p = Path::new(&file);
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Relative to the workbook's folder when inside it (the pair can be moved
    // together); otherwise the absolute path.
    let shown = match abs.strip_prefix(base) {
        Ok(rel) => rel.display().to_string(),
        Err(_) => abs.display().to_string(),
    };
    format!("file:///{shown}{anchor}")
}

/// Write the results workbook to `path` (the caller makes it atomic).
pub fn write(path: &Path, cx: &Context, links: &Links) -> anyhow::Result<()> {
    let l = cx.lang;
    let pass = first_pass(cx)?;
    let fm = Formats::new();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(l.pick("智能制造批量筛选结果", "Smart-manufacturing screening results"))
            .set_subject(packs_line(cx.packs))
            .set_author("zhizao")
            .set_category(l.pick("经信局筛选", "Bureau screening"))
            .set_keywords("zhizao, 智能制造, 数字化车间, 智能工厂")
            .set_comment(l.pick(
                "由 zhizao screen 生成; 金额单位万元, 为各扶持项上限之和 (已按区级封顶)",
                "Written by zhizao screen; money in 万元, the sum of each track's maximum (district cap applied)",
            )),
    );
    summary(wb.add_worksheet(), cx, &pass, &fm)?;
    let dash_index = 1;
    wb.add_worksheet();
    streamed(&mut wb, cx, &pass, &fm, links)?;
    budget(wb.add_worksheet(), cx, &fm)?;
    targets(wb.add_worksheet(), cx, &fm)?;
    rejected(wb.add_worksheet(), cx)?;
    if let Some(nm) = cx.near_misses {
        analysis::near_misses(wb.add_worksheet(), cx, nm, &fm)?;
    }
    if let Some(prev) = cx.previous {
        analysis::changes(wb.add_worksheet(), cx, prev, &fm)?;
    }
    dashboard::dashboard(wb.worksheet_from_index(dash_index)?, cx, &pass, &fm)?;
    wb.set_zip_compression_level(DEFLATE_LEVEL);
    wb.save(path).with_context(|| path.display().to_string())?;
    Ok(())
}

fn sheet_name(zh: &str, en: &str, l: Lang) -> String {
    l.pick(zh, en).to_string()
}

fn summary(ws: &mut Worksheet, cx: &Context, p: &Pass, fm: &Formats) -> anyhow::Result<()> {
    let l = cx.lang;
    let s = cx.screened;
    let name = sheet_name("概要", "Summary", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let mut lines: Vec<(String, Option<f64>, String, &Format)> = vec![
        (
            l.pick("政策包", "Policy pack").into(),
            None,
            packs_line(cx.packs),
            &fm.int,
        ),
        (
            l.pick(
                "问卷 (文件或工作簿行)",
                "Questionnaires (files or workbook rows)",
            )
            .into(),
            Some(s.agg.files as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick("已评估", "Assessed").into(),
            Some(s.agg.assessed as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick("未能使用", "Rejected").into(),
            Some(s.agg.rejected as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick("智能工厂认定候选", "Smart-factory candidates")
                .into(),
            Some(s.agg.smart_factory_candidates.count as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick("数字化车间认定候选", "Digital-workshop candidates")
                .into(),
            Some(s.agg.digital_workshop_candidates.count as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick(
                "区级封顶生效的企业",
                "Enterprises where the district cap binds",
            )
            .into(),
            Some(s.agg.district_cap_binding as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick(
                "缺区级封顶数据的企业",
                "Enterprises without the district-cap figure",
            )
            .into(),
            Some(s.agg.district_cap_missing as f64),
            String::new(),
            &fm.int,
        ),
        (
            l.pick(
                "数据年度晚于政策包期限的企业",
                "Enterprises after the policy pack's horizon",
            )
            .into(),
            Some(s.agg.beyond_horizon as f64),
            String::new(),
            &fm.int,
        ),
    ];
    for (k, who) in cx.packs.funders().iter().enumerate() {
        lines.push((
            format!(
                "{} · {}",
                l.pick("符合支持上限 (万元)", "Eligible support, max (万元)"),
                who.label().get(l)
            ),
            Some(f(wan(p.eligible[k]))),
            String::new(),
            &fm.wan,
        ));
    }
    lines.push((
        l.pick(
            "含候选支持上限合计 (万元)",
            "Potential support incl. candidates, max (万元)",
        )
        .into(),
        Some(f(wan(p.potential))),
        String::new(),
        &fm.wan,
    ));
    let all = p.district_all;
    let top: Decimal = p.district_top.iter().copied().sum();
    if !all.is_zero() {
        lines.push((
            l.pick(
                "区级资金 (含候选) 流向前 10 家企业的比例",
                "Share of district money (incl. candidates) going to the top 10",
            )
            .into(),
            Some(f(top / all)),
            String::new(),
            &fm.pct,
        ));
    }
    // A batch mixing data years: the money of each year apart.
    if p.by_year.len() > 1 {
        for (y, m) in &p.by_year {
            for (k, who) in cx.packs.funders().iter().enumerate() {
                lines.push((
                    format!(
                        "{} {y} · {}",
                        l.pick("数据年度", "Data year"),
                        who.label().get(l)
                    ),
                    Some(f(wan(m[k]))),
                    l.pick("符合支持上限 (万元)", "eligible support, max (万元)")
                        .into(),
                    &fm.wan,
                ));
            }
        }
    }
    let cols = [
        col("项目", "Item", 52.0, ColKind::Text),
        col("数值", "Value", 18.0, ColKind::Dec),
        col("说明", "Note", 28.0, ColKind::Text),
    ];
    table(&mut sh, "SummaryTable", &cols, lines.len() as u32, None, l)?;
    for (i, (k, v, note, fmt)) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        sh.text(r, 0, k)?;
        if let Some(x) = v {
            sh.num(r, 1, *x, fmt)?;
        }
        sh.text(r, 2, note)?;
    }
    candidates(&mut sh, cx, lines.len() as u32 + 3, fm)?;
    print_setup(sh.ws, l.pick("筛选概要", "Screening summary"))?;
    Ok(())
}

/// Ranked candidate lists below the summary, as one table.
fn candidates(sh: &mut Sheet, cx: &Context, start: u32, fm: &Formats) -> anyhow::Result<()> {
    let l = cx.lang;
    let a = &cx.screened.agg;
    // (title, ranking, the notice's quota for it when it sets one).
    let mut lists: Vec<(String, &crate::screen::Ranking, Option<Decimal>)> = vec![
        (
            l.pick("智能工厂认定", "Smart-factory recognition").into(),
            &a.smart_factory_candidates,
            None,
        ),
        (
            l.pick("数字化车间认定", "Digital-workshop recognition")
                .into(),
            &a.digital_workshop_candidates,
            None,
        ),
    ];
    let digital = a.level_columns().digital;
    if digital {
        lists.push((
            l.pick("数字化水平得分", "Digital-level score").into(),
            &a.digital_ranking,
            None,
        ));
    }
    for (sec, rk) in &a.demonstration {
        // 一(二): the demonstration projects the notice splits by sector.
        let id = format!("demonstration_{}", sec.id());
        let quota = cx.dashboard.iter().find(|t| t.id == id).map(|t| t.target);
        lists.push((
            format!(
                "{} · {}",
                l.pick("示范项目", "Demonstration"),
                sector_name(*sec, l)
            ),
            rk,
            quota,
        ));
    }
    let n: usize = lists.iter().map(|(_, r, _)| r.top.len()).sum();
    sh.ws.write_string_with_format(
        start - 1,
        0,
        l.pick("候选排名", "Ranked candidates"),
        &fm.bold,
    )?;
    // A second table on the sheet: its own header row at `start`.
    let mut heads = vec![
        (l.pick("名单", "List"), 30.0),
        (l.pick("名次", "Rank"), 8.0),
        (l.pick("企业名称", "Enterprise"), 36.0),
        (l.pick("产业", "Sector"), 14.0),
        (l.pick("估算等级", "Est. level"), 10.0),
        (l.pick("成熟度得分", "Score"), 10.0),
        (l.pick("数控化率", "CNC ratio"), 10.0),
        (l.pick("含候选上限 (万元)", "Potential max (万元)"), 16.0),
        (l.pick("来源", "Source"), 40.0),
        (l.pick("通知名额", "Quota in the notice"), 10.0),
        (l.pick("在名额内", "Within quota"), 10.0),
    ];
    // Only when a score sheet applied: a 2017 batch's table is as before.
    if digital {
        heads.push((l.pick("数字化水平得分", "Digital-level score"), 12.0));
        heads.push((l.pick("数字化水平等级", "Digital level"), 12.0));
    }
    let head_fmt = Format::new()
        .set_bold()
        .set_font_color(rust_xlsxwriter::Color::White)
        .set_background_color(rust_xlsxwriter::Color::RGB(0x385723));
    let tcols: Vec<TableColumn> = heads
        .iter()
        .map(|(h, _)| {
            TableColumn::new()
                .set_header(*h)
                .set_header_format(&head_fmt)
        })
        .collect();
    let last = start + n.max(1) as u32;
    let t = Table::new()
        .set_name("Candidates")
        .set_style(TableStyle::Medium9)
        .set_columns(&tcols);
    sh.ws
        .add_table(start, 0, last, heads.len() as u16 - 1, &t)
        .map_err(|e| fail(&sh.name, start, 0, e))?;
    let mut r = start + 1;
    for (title, rk, quota) in lists {
        for (i, c) in rk.top.iter().enumerate() {
            if let Some(q) = quota {
                sh.num(r, 9, f(q), &fm.int)?;
                let within = Decimal::from(i + 1) <= q;
                sh.text(r, 10, crate::workbook::template::yes_no(within, l))?;
            }
            sh.text(r, 0, &title)?;
            sh.num(r, 1, (i + 1) as f64, &fm.int)?;
            sh.text(r, 2, &c.name)?;
            sh.text(r, 3, sector_name(c.sector, l))?;
            if let Some(x) = c.level {
                sh.num(r, 4, f64::from(x), &fm.int)?;
            }
            if let Some(x) = c.score {
                sh.num(r, 5, x, &fm.dec)?;
            }
            if let Some(x) = c.cnc_ratio {
                sh.num(r, 6, x, &fm.pct)?;
            }
            if let Some(x) = c.potential_max {
                sh.num(r, 7, f(wan(x)), &fm.wan)?;
            }
            sh.text(r, 8, &c.file)?;
            if let Some(x) = c.digital_score {
                sh.num(r, 11, f(x), &fm.dec)?;
            }
            if let Some(x) = c.digital_level {
                sh.num(r, 12, f64::from(x), &fm.int)?;
            }
            r += 1;
        }
    }
    Ok(())
}

/// The headers of the Enterprises sheet before its money columns, in both
/// languages (read back by `--previous last.xlsx`).
pub(super) fn enterprise_heads() -> Vec<Text> {
    enterprise_cols(&[], LevelColumns::default())
        .into_iter()
        .map(|c| c.head)
        .collect()
}

/// The funder label in an eligible-money header of the Enterprises sheet
/// (`符合 · 省 (万元)` → `省`, `Eligible · national (万元)` → `national`),
/// for a reader that does not know the funders of the workbook it reads.
pub(super) fn eligible_label(head: &str) -> Option<&str> {
    let rest = head
        .strip_prefix("符合 · ")
        .or_else(|| head.strip_prefix("Eligible · "))?;
    rest.strip_suffix(" (万元)")
}

/// Indicator column headers, in `PEER_INDICATORS` order.
pub(super) fn indicator_heads() -> Vec<Text> {
    PEER_INDICATORS
        .iter()
        .map(|id| indicator_name(id))
        .collect()
}

/// The level columns of the Enterprises sheet, those of `cols` only.
fn level_cols(cols: LevelColumns) -> Vec<Col> {
    let mut v = Vec::new();
    if cols.digital {
        v.push(col(
            "数字化水平得分",
            "Digital-level score",
            12.0,
            ColKind::Dec,
        ));
        v.push(col("数字化水平等级", "Digital level", 12.0, ColKind::Int));
    }
    if cols.smart_factory {
        v.push(col(
            "智能工厂等级",
            "Smart-factory level",
            12.0,
            ColKind::Int,
        ));
    }
    v
}

/// The Enterprises sheet's columns: one eligible-money column per funder,
/// and the level columns of `levels` after the criteria.
fn enterprise_cols(funders: &[Funder], levels: LevelColumns) -> Vec<Col> {
    use ColKind::*;
    let mut v = vec![
        col("企业名称", "Enterprise", 36.0, Text),
        col("统一社会信用代码", "Credit code", 22.0, Text),
        col("产业", "Sector", 14.0, Text),
        col("规上", "Above size", 8.0, Text),
        col("数据年度", "Data year", 10.0, Int),
        col("估算成熟度等级", "Est. maturity level", 12.0, Int),
        col("成熟度得分", "Maturity score", 11.0, Dec),
        col("自动化数字化", "Automated & digital", 12.0, Text),
        col("数字化车间", "Digital workshop", 12.0, Text),
        col("智能工厂", "Smart factory", 12.0, Text),
    ];
    v.extend(level_cols(levels));
    for id in PEER_INDICATORS {
        let n = indicator_name(id);
        v.push(Col {
            head: n,
            width: 14.0,
            kind: indicator_kind(id),
        });
    }
    for id in PEER_INDICATORS {
        let n = indicator_name(id);
        v.push(Col {
            head: crate::lang::Text::new(
                format!("{} · 行业百分位", n.zh),
                format!("{} · sector percentile", n.en),
            ),
            width: 12.0,
            kind: Dec,
        });
    }
    v.extend(
        funders
            .iter()
            .map(|who| funder_col("符合 · ", "Eligible · ", who, 14.0)),
    );
    v.extend([
        col(
            "含候选合计上限 (万元)",
            "Potential total max (万元)",
            16.0,
            Wan,
        ),
        col("符合的扶持项", "Eligible tracks", 40.0, Text),
        col("候选扶持项", "Candidate tracks", 40.0, Text),
        col("接近的扶持项", "Near tracks", 40.0, Text),
        col("区级封顶生效", "District cap binds", 10.0, Text),
        col("超出政策期限", "After policy horizon", 10.0, Text),
        col("来源", "Source", 40.0, Text),
        col("报告", "Report", 24.0, Text),
        col("产业代码", "sector_id", 12.0, Text),
        col("符合项代码", "eligible_ids", 24.0, Text),
        col("候选项代码", "candidate_ids", 24.0, Text),
        col("接近项代码", "near_ids", 24.0, Text),
    ]);
    v
}

fn track_list(r: &Row, s: TrackStatus, packs: &Packs, l: Lang, ids: bool) -> String {
    let sep = if ids { " " } else { l.pick("、", "; ") };
    let mut out = String::new();
    for t in r.tracks.iter().filter(|t| t.status == s) {
        if !out.is_empty() {
            out.push_str(sep);
        }
        match ids {
            true => out.push_str(&t.id),
            false => match packs.track(&t.id) {
                Some(x) => out.push_str(x.title.get(l)),
                None => out.push_str(&t.id),
            },
        }
    }
    out
}

/// Enterprise rows handed to the Tracks writer at a time: few enough to keep
/// memory flat, enough that the hand-over costs nothing next to the cells.
const HANDOFF: usize = 256;

/// The Enterprises and Tracks sheets, from one read of the rows.
///
/// The rows are read once, in order; each batch of [`HANDOFF`] enterprise
/// rows is written to Enterprises and then handed to the Tracks writer. With
/// more than one thread (`--jobs` other than 1) the Tracks writer runs on a
/// thread of its own: the cells cost about the same in each sheet and
/// rust_xlsxwriter's per-cell work is most of the workbook's, so this is
/// where a second core helps. The workbook stays byte for byte the same:
/// each sheet is written in the same order as on one thread, and a cell
/// format's index is given the first time any sheet uses it, so every format
/// the Tracks sheet uses is used first by Enterprises before the Tracks
/// writer starts (its table header and the 万元 format,
/// [`enterprises`]); only Enterprises can then add one (its links'
/// format).
fn streamed(
    wb: &mut Workbook,
    cx: &Context,
    p: &Pass,
    fm: &Formats,
    links: &Links,
) -> anyhow::Result<()> {
    wb.add_worksheet_with_constant_memory()?;
    wb.add_worksheet_with_constant_memory()?;
    let sheets = wb.worksheets_mut();
    let n = sheets.len();
    let [ent_ws, trk_ws] = &mut sheets[n.saturating_sub(2)..] else {
        anyhow::bail!("the Enterprises and Tracks sheets were not added");
    };
    let mut ent = enterprises(ent_ws, cx, p, fm)?;
    if cx.screened.jobs() == 1 {
        let mut trk = tracks(trk_ws, cx, p, fm)?;
        let rows = cx.screened.rows()?.map(|r| r.map_err(anyhow::Error::from));
        enterprise_rows(&mut ent, rows, p, cx, fm, links, |rows| {
            trk.rows(&rows, cx, fm)
        })?;
        return trk.finish(p);
    }
    std::thread::scope(|s| {
        // Three stages, each batch handed on in order: the rows read back
        // (decoded on the run's threads), Enterprises (this thread), Tracks.
        // The reader runs a batch ahead, so the writers never wait for a
        // decode; at most two batches wait between stages.
        let (read_tx, read_rx) = std::sync::mpsc::sync_channel::<Vec<RowRead>>(2);
        let reader = s.spawn(move || -> anyhow::Result<()> {
            let mut batch = Vec::with_capacity(HANDOFF);
            for item in cx.screened.rows()? {
                batch.push(item?);
                if batch.len() == HANDOFF {
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(HANDOFF));
                    // A closed channel: the writer failed and says why.
                    if read_tx.send(full).is_err() {
                        return Ok(());
                    }
                }
            }
            if !batch.is_empty() {
                let _ = read_tx.send(batch);
            }
            Ok(())
        });
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Row>>(2);
        let writer = s.spawn(move || -> anyhow::Result<()> {
            let mut trk = tracks(trk_ws, cx, p, fm)?;
            for rows in rx {
                trk.rows(&rows, cx, fm)?;
            }
            trk.finish(p)
        });
        let rows = read_rx.into_iter().flatten().map(Ok);
        let written = enterprise_rows(&mut ent, rows, p, cx, fm, links, |rows| {
            // The receiver is gone only when the Tracks writer failed: its
            // error is the one reported, below.
            tx.send(rows).map_err(|_| anyhow::Error::new(TracksStopped))
        });
        drop(tx);
        let join = |h: std::thread::ScopedJoinHandle<'_, anyhow::Result<()>>| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        // The first failure is the one to report: a read error (the
        // writers then saw too few rows), else the Enterprises writer's
        // (Tracks then saw too few), else the Tracks writer's.
        let read = join(reader);
        let tracked = join(writer);
        read?;
        match written {
            Err(e) if !e.is::<TracksStopped>() => Err(e),
            written => tracked.and(written),
        }
    })
}

/// The Tracks writer stopped taking rows (it failed; its error says why).
#[derive(Debug)]
struct TracksStopped;

impl std::fmt::Display for TracksStopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the Tracks sheet's writer stopped")
    }
}

impl std::error::Error for TracksStopped {}

/// A row read back, with its peer percentiles.
type RowRead = (Row, Vec<Option<f64>>);

/// Every enterprise row, in order, each batch of them then given to `hand`
/// (the Tracks writer); after the last, the row count checked and the
/// column formats taken away.
fn enterprise_rows(
    ent: &mut Sheet,
    rows_read: impl Iterator<Item = anyhow::Result<RowRead>>,
    p: &Pass,
    cx: &Context,
    fm: &Formats,
    links: &Links,
    mut hand: impl FnMut(Vec<Row>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut batch = Vec::with_capacity(HANDOFF);
    let mut rows = 0u32;
    for (r, item) in (1u32..).zip(rows_read) {
        let (row, pct) = item?;
        enterprise_row(ent, r, &row, &pct, cx, fm, links).with_context(|| row.file.clone())?;
        rows = r;
        batch.push(row);
        if batch.len() == HANDOFF {
            hand(std::mem::replace(&mut batch, Vec::with_capacity(HANDOFF)))?;
        }
    }
    if !batch.is_empty() {
        hand(batch)?;
    }
    // The last row kept its formats only if the tally counted right.
    anyhow::ensure!(
        rows == p.rows,
        "internal error: {rows} enterprise rows read back, {} counted",
        p.rows
    );
    ent.clear_column_formats()
}

/// The Enterprises sheet before its rows (table, print setup, the number
/// columns' formats).
fn enterprises<'a>(
    ws: &'a mut Worksheet,
    cx: &Context,
    p: &Pass,
    fm: &'a Formats,
) -> anyhow::Result<Sheet<'a>> {
    let l = cx.lang;
    let nf = cx.packs.funders().len();
    let levels = cx.screened.agg.level_columns();
    let cols = enterprise_cols(cx.packs.funders(), levels);
    let nl = level_cols(levels).len();
    let name = sheet_name("企业", "Enterprises", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let money_at = 10 + nl + 2 * PEER_INDICATORS.len();
    let mut totals: Vec<Option<Decimal>> = vec![None; cols.len()];
    for (k, x) in p.eligible.iter().enumerate() {
        totals[money_at + k] = Some(wan(*x));
    }
    totals[money_at + nf] = Some(wan(p.potential));
    let last = p.rows.max(1) + 1;
    table(&mut sh, "Enterprises", &cols, last, Some(&totals), l)?;
    print_setup(sh.ws, l.pick("企业筛选结果", "Enterprises"))?;
    // Percentiles and ids are there for analysis, folded away for reading
    // and printing (the + above the columns opens them).
    let pct_from = (10 + nl + PEER_INDICATORS.len()) as u16;
    let fold = |ws: &mut Worksheet, a: u16, b: u16| ws.group_columns_collapsed(a, b).map(|_| ());
    fold(sh.ws, pct_from, pct_from + PEER_INDICATORS.len() as u16 - 1)?;
    fold(sh.ws, cols.len() as u16 - 4, cols.len() as u16 - 1)?;
    // The printed page: the enterprise, its verdicts, indicators and money
    // (the track lists and links are for the screen).
    sh.ws.set_print_area(0, 0, last, (money_at + nf) as u16)?;
    // After the table (its header format first, as the Tracks table's):
    // the formats' indices are given in this order (see `streamed`).
    sh.column_formats(&cols, fm, p.rows)?;
    Ok(sh)
}

fn verdict(s: Status, l: Lang) -> String {
    s.label().get(l).to_string()
}

#[allow(clippy::too_many_arguments)]
fn enterprise_row(
    sh: &mut Sheet,
    r: u32,
    row: &Row,
    pct: &[Option<f64>],
    cx: &Context,
    fm: &Formats,
    links: &Links,
) -> anyhow::Result<()> {
    use crate::workbook::template::yes_no;
    let l = cx.lang;
    sh.text(r, 0, &row.name)?;
    sh.text(r, 1, row.credit_code.as_deref().unwrap_or(""))?;
    sh.text(r, 2, sector_name(row.sector, l))?;
    if let Some(b) = row.above_designated_size {
        sh.text(r, 3, yes_no(b, l))?;
    }
    sh.num(r, 4, f64::from(row.data_year), &fm.int)?;
    if let Some(x) = row.level {
        sh.num(r, 5, f64::from(x), &fm.int)?;
    }
    if let Some(x) = row.score {
        sh.num(r, 6, x, &fm.dec)?;
    }
    sh.text(r, 7, &verdict(row.automated_digital, l))?;
    sh.text(r, 8, &verdict(row.digital_workshop, l))?;
    sh.text(r, 9, &verdict(row.smart_factory, l))?;
    let mut c = 10u16;
    c = level_row(sh, r, c, row, cx.screened.agg.level_columns(), fm)?;
    for (i, v) in row.indicators.iter().enumerate() {
        if let Some(x) = v {
            sh.num(r, c, *x, fm.of(indicator_kind(PEER_INDICATORS[i])))?;
        }
        c += 1;
    }
    for v in pct {
        if let Some(x) = v {
            sh.num(r, c, *x, &fm.dec)?;
        }
        c += 1;
    }
    for who in cx.packs.funders() {
        if let Some(m) = max_of(&row.eligible, who) {
            sh.num(r, c, f(wan(m)), &fm.wan)?;
        }
        c += 1;
    }
    if let Some(m) = total_max(&row.potential) {
        sh.num(r, c, f(wan(m)), &fm.wan)?;
    }
    c += 1;
    for s in [
        TrackStatus::Eligible,
        TrackStatus::Candidate,
        TrackStatus::Near,
    ] {
        sh.text(r, c, &track_list(row, s, cx.packs, l, false))?;
        c += 1;
    }
    sh.text(r, c, yes_no(row.district_cap_binding, l))?;
    c += 1;
    sh.text(r, c, yes_no(row.policy_beyond_horizon, l))?;
    c += 1;
    sh.link(r, c, &file_url(&row.file, &links.base), &row.file)?;
    c += 1;
    if let Some(rep) = links.reports.get(&row.file) {
        let shown = rep
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        sh.link(
            r,
            c,
            &file_url(&rep.display().to_string(), &links.base),
            &shown,
        )?;
    }
    c += 1;
    sh.text(r, c, row.sector.id())?;
    c += 1;
    for s in [
        TrackStatus::Eligible,
        TrackStatus::Candidate,
        TrackStatus::Near,
    ] {
        sh.text(r, c, &track_list(row, s, cx.packs, l, true))?;
        c += 1;
    }
    Ok(())
}

/// A row's level cells from column `c` on (those of `cols`); the next column.
fn level_row(
    sh: &mut Sheet,
    r: u32,
    mut c: u16,
    row: &Row,
    cols: LevelColumns,
    fm: &Formats,
) -> anyhow::Result<u16> {
    let level = |sh: &mut Sheet, c: u16, x: Option<&crate::screen::RowLevel>| match x
        .and_then(|d| d.level)
    {
        Some(n) => sh.num(r, c, f64::from(n), &fm.int),
        None => Ok(()),
    };
    if cols.digital {
        let d = row.digital_level.as_ref();
        if let Some(s) = d.and_then(|d| d.score) {
            sh.num(r, c, f(s), &fm.dec)?;
        }
        level(sh, c + 1, d)?;
        c += 2;
    }
    if cols.smart_factory {
        level(sh, c, row.smart_factory_level.as_ref())?;
        c += 1;
    }
    Ok(c)
}

/// The Tracks sheet being written: the sheet and its next row.
struct TrackSheet<'a> {
    sh: Sheet<'a>,
    next: u32,
}

/// The Tracks sheet before its rows (table, print setup, the money
/// columns' format).
fn tracks<'a>(
    ws: &'a mut Worksheet,
    cx: &Context,
    p: &Pass,
    fm: &'a Formats,
) -> anyhow::Result<TrackSheet<'a>> {
    use ColKind::*;
    let l = cx.lang;
    let funders = cx.packs.funders();
    let mut cols = vec![
        col("企业名称", "Enterprise", 36.0, Text),
        col("统一社会信用代码", "Credit code", 22.0, Text),
        col("产业", "Sector", 14.0, Text),
        col("扶持项", "Track", 44.0, Text),
        col("条款", "Clause", 10.0, Text),
        col("状态", "Status", 16.0, Text),
    ];
    cols.extend(funders.iter().map(|who| funder_col("", "", who, 13.0)));
    cols.extend([
        col("合计 (万元)", "Total (万元)", 13.0, Wan),
        col("来源", "Source", 40.0, Text),
        col("扶持项代码", "track_id", 26.0, Text),
    ]);
    let name = sheet_name("扶持项", "Tracks", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let mut totals: Vec<Option<Decimal>> = vec![None; cols.len()];
    for (k, x) in p.track_totals.iter().enumerate() {
        totals[6 + k] = Some(wan(*x));
    }
    table(
        &mut sh,
        "Tracks",
        &cols,
        p.track_rows.max(1) + 1,
        Some(&totals),
        l,
    )?;
    print_setup(sh.ws, l.pick("扶持项明细", "Tracks by enterprise"))?;
    sh.column_formats(&cols, fm, p.track_rows)?;
    Ok(TrackSheet { sh, next: 1 })
}

impl TrackSheet<'_> {
    /// The Tracks rows of these enterprises, in order.
    fn rows(&mut self, rows: &[Row], cx: &Context, fm: &Formats) -> anyhow::Result<()> {
        for row in rows {
            self.enterprise(row, cx, fm)?;
        }
        Ok(())
    }

    /// The Tracks rows of one enterprise.
    fn enterprise(&mut self, row: &Row, cx: &Context, fm: &Formats) -> anyhow::Result<()> {
        let l = cx.lang;
        let funders = cx.packs.funders();
        let nf = funders.len();
        let sh = &mut self.sh;
        for t in &row.tracks {
            let r0 = self.next;
            sh.text(r0, 0, &row.name)?;
            sh.text(r0, 1, row.credit_code.as_deref().unwrap_or(""))?;
            sh.text(r0, 2, sector_name(row.sector, l))?;
            sh.text(r0, 3, &track_title(cx.packs, &t.id, l))?;
            sh.text(r0, 4, track_clause(cx.packs, &t.id))?;
            sh.text(r0, 5, t.status.label().get(l))?;
            for (k, who) in funders.iter().enumerate() {
                if let Some(m) = max_of(&t.by_funder, who) {
                    sh.num(r0, 6 + k as u16, f(wan(m)), &fm.wan)?;
                }
            }
            let after = 6 + nf as u16;
            if let Some(m) = total_max(&t.by_funder) {
                sh.num(r0, after, f(wan(m)), &fm.wan)?;
            }
            sh.text(r0, after + 1, &row.file)?;
            sh.text(r0, after + 2, &t.id)?;
            self.next += 1;
        }
        Ok(())
    }

    /// After the last row: the row count checked (the last row kept its
    /// formats only if the tally counted right), the column formats taken
    /// away.
    fn finish(mut self, p: &Pass) -> anyhow::Result<()> {
        let rows = self.next - 1;
        anyhow::ensure!(
            rows == p.track_rows,
            "internal error: {rows} track rows written, {} counted",
            p.track_rows
        );
        self.sh.clear_column_formats()
    }
}

fn budget(ws: &mut Worksheet, cx: &Context, fm: &Formats) -> anyhow::Result<()> {
    use ColKind::*;
    let l = cx.lang;
    let name = sheet_name("预算", "Budget", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let funders = cx.packs.funders();
    let nf = funders.len();
    let mut cols = vec![
        col("扶持项", "Track", 44.0, Text),
        col("条款", "Clause", 10.0, Text),
        col("符合企业", "Eligible", 10.0, Int),
        col("候选企业", "Candidates", 10.0, Int),
        col("接近", "Near", 8.0, Int),
    ];
    cols.extend(
        funders
            .iter()
            .map(|w| funder_col("符合 · ", "Eligible · ", w, 14.0)),
    );
    cols.extend(
        funders
            .iter()
            .map(|w| funder_col("含候选 · ", "Potential · ", w, 14.0)),
    );
    cols.push(col("扶持项代码", "track_id", 26.0, Text));
    let b = &cx.screened.agg.budget;
    let mut sums = vec![Decimal::ZERO; 2 * nf];
    for (_, tb) in b {
        for (k, who) in funders.iter().enumerate() {
            sums[k] += max_of(&tb.eligible_by_funder, who).unwrap_or_default();
            sums[nf + k] += max_of(&tb.potential_by_funder, who).unwrap_or_default();
        }
    }
    let mut totals: Vec<Option<Decimal>> = vec![None; cols.len()];
    for (k, x) in sums.iter().enumerate() {
        totals[5 + k] = Some(wan(*x));
    }
    table(
        &mut sh,
        "Budget",
        &cols,
        b.len().max(1) as u32 + 1,
        Some(&totals),
        l,
    )?;
    for (i, (id, tb)) in b.iter().enumerate() {
        let r = i as u32 + 1;
        sh.text(r, 0, &track_title(cx.packs, id, l))?;
        sh.text(r, 1, track_clause(cx.packs, id))?;
        sh.num(r, 2, tb.eligible as f64, &fm.int)?;
        sh.num(r, 3, tb.candidate as f64, &fm.int)?;
        sh.num(r, 4, tb.near as f64, &fm.int)?;
        for (k, who) in funders.iter().enumerate() {
            let k = k as u16;
            if let Some(m) = max_of(&tb.eligible_by_funder, who) {
                sh.num(r, 5 + k, f(wan(m)), &fm.wan)?;
            }
            if let Some(m) = max_of(&tb.potential_by_funder, who) {
                sh.num(r, 5 + nf as u16 + k, f(wan(m)), &fm.wan)?;
            }
        }
        sh.text(r, 5 + 2 * nf as u16, id)?;
    }
    print_setup(
        sh.ws,
        l.pick("预算 (按扶持项和出资方)", "Budget by track and funder"),
    )?;
    Ok(())
}

fn targets(ws: &mut Worksheet, cx: &Context, fm: &Formats) -> anyhow::Result<()> {
    use ColKind::*;
    let l = cx.lang;
    let name = sheet_name("目标", "Targets", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let cols = [
        col("目标", "Target", 44.0, Text),
        col("现状", "Actual", 12.0, Dec),
        col("目标值", "Goal", 12.0, Dec),
        col("完成度", "Progress", 10.0, Pct),
        col("年度", "Year", 8.0, Int),
        col("条款", "Clause", 10.0, Text),
        col("依据", "Basis", 44.0, Text),
        col("目标代码", "target_id", 26.0, Text),
    ];
    table(
        &mut sh,
        "Targets",
        &cols,
        cx.dashboard.len().max(1) as u32,
        None,
        l,
    )?;
    for (i, t) in cx.dashboard.iter().enumerate() {
        let r = i as u32 + 1;
        let fmt = if t.unit == "ratio" { &fm.pct } else { &fm.dec };
        sh.text(r, 0, t.label.get(l))?;
        if let Some(a) = t.actual {
            sh.num(r, 1, f(a), fmt)?;
        }
        sh.num(r, 2, f(t.target), fmt)?;
        if let Some(p) = t.progress {
            sh.num(r, 3, f(p), &fm.pct)?;
        }
        sh.num(r, 4, f64::from(t.year), &fm.int)?;
        sh.text(r, 5, &t.clause)?;
        // A target from outside the notice names its source and tag.
        let basis = match (&t.source, t.confidence) {
            (Some(src), Some(c)) => format!(
                "{} ({}{}: {src})",
                t.basis.get(l),
                l.pick("来源", "source"),
                c.mark()
            ),
            _ => t.basis.get(l).to_string(),
        };
        sh.text(r, 6, &basis)?;
        sh.text(r, 7, &t.id)?;
    }
    print_setup(sh.ws, l.pick("区级目标进度", "District targets"))?;
    Ok(())
}

fn rejected(ws: &mut Worksheet, cx: &Context) -> anyhow::Result<()> {
    use ColKind::*;
    let l = cx.lang;
    let name = sheet_name("未能使用", "Rejected", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let cols = [
        col("文件 / 单元格", "File / cell", 48.0, Text),
        col("行", "Line", 7.0, Int),
        col("列", "Column", 7.0, Int),
        col("字段", "Field", 30.0, Text),
        col("代码", "Code", 16.0, Text),
        col("原因", "Reason", 60.0, Text),
        col("错误数", "Errors", 8.0, Int),
    ];
    let rj = &cx.screened.rejected;
    table(&mut sh, "Rejected", &cols, rj.len().max(1) as u32, None, l)?;
    let int = Format::new().set_num_format("0");
    for (i, x) in rj.iter().enumerate() {
        let r = i as u32 + 1;
        sh.text(r, 0, &x.file).with_context(|| x.file.clone())?;
        if let Some(v) = x.line {
            sh.num(r, 1, v as f64, &int)?;
        }
        if let Some(v) = x.column {
            sh.num(r, 2, v as f64, &int)?;
        }
        sh.text(r, 3, x.path.as_deref().unwrap_or(""))?;
        sh.text(r, 4, &x.code)?;
        sh.text(r, 5, x.reason.get(l))
            .with_context(|| x.file.clone())?;
        sh.num(r, 6, x.errors as f64, &int)?;
    }
    print_setup(sh.ws, l.pick("未能使用的问卷", "Rejected questionnaires"))?;
    Ok(())
}

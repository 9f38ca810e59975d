//! The Excel questionnaire (Excel 申报表): template, and questionnaires as rows.
//!
//! **Layout (one form serves both uses).** The sheet 申报表 / Questionnaire
//! has one column per field and one row per enterprise. An enterprise fills
//! in the first data row; a bureau that collects many keeps them as rows of
//! the same sheet — its master table (汇总表) — and `zhizao screen` reads
//! either. Above the data, five header rows: section (merged), field label
//! (`*` = required), unit, note, and the field key (`enterprise.name`…) that
//! the reader goes by, so columns may be reordered or hidden without harm.
//!
//! Every enum is a dropdown (the lists live on a hidden sheet), yes/no is a
//! 是/否 dropdown, numbers have their schema ranges as data validation, the
//! credit-code column is formatted as text (an 18-digit code typed as a number
//! would lose digits), and the header rows are protected while data cells
//! stay editable.

use super::fields::{fields, Field, Kind};
use crate::lang::Lang;
use crate::questionnaire::Questionnaire;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties, Format,
    FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use serde_json::Value;
use std::path::Path;

/// Rows above the data: section, label, unit, note, key.
pub const HEADER_ROWS: u32 = 5;
/// 0-based row of the field keys.
pub const KEY_ROW: u32 = 4;
/// Blank rows prepared (formatted, validated) below the data.
pub const SPARE_ROWS: u32 = 500;
/// Excel's limit on the characters of one cell.
pub const CELL_MAX_CHARS: usize = 32_767;

/// Name of the data sheet.
pub fn data_sheet(l: Lang) -> &'static str {
    l.pick("申报表", "Questionnaire")
}

fn lists_sheet(l: Lang) -> &'static str {
    l.pick("选项", "Lists")
}

/// A value for one cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text.
    Text(String),
    /// Number.
    Number(f64),
}

/// A questionnaire as the cells of one row, column by column (`None` = blank).
pub fn cells(q: &Questionnaire, l: Lang) -> Vec<Option<Cell>> {
    let v = serde_json::to_value(q).unwrap_or(Value::Null);
    fields()
        .iter()
        .map(|f| cell(f, lookup(&v, &f.path), l))
        .collect()
}

fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |node, k| node.get(k))
        .filter(|x| !x.is_null())
}

fn cell(f: &Field, v: Option<&Value>, l: Lang) -> Option<Cell> {
    let v = v?;
    Some(match (&f.kind, v) {
        (Kind::Bool, Value::Bool(b)) => Cell::Text(yes_no(*b, l).into()),
        (Kind::Group, _) => Cell::Text(yes_no(true, l).into()),
        (Kind::Enum(choices), Value::String(id)) => Cell::Text(
            choices
                .iter()
                .find(|c| &c.id == id)
                .map(|c| c.label.get(l).to_string())
                .unwrap_or_else(|| id.clone()),
        ),
        (Kind::EnumList(_), Value::Array(items)) if items.is_empty() => Cell::Text("[]".into()),
        (Kind::EnumList(_), Value::Array(items)) => Cell::Text(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (Kind::Inline, x) => Cell::Text(super::yamlout::flow(x, &f.schema)),
        (Kind::Decimal, Value::String(s)) => decimal_cell(s),
        (_, Value::Number(n)) => Cell::Number(n.as_f64().unwrap_or(0.0)),
        (_, Value::String(s)) => Cell::Text(s.clone()),
        (_, x) => Cell::Text(x.to_string()),
    })
}

/// A decimal as a number when the number reads back as exactly the same
/// text (digits and scale), else as text: a cell never changes an amount.
fn decimal_cell(s: &str) -> Cell {
    match s
        .parse::<Decimal>()
        .ok()
        .and_then(|d| f64::try_from(d).ok())
    {
        Some(x) if format!("{x}") == s => Cell::Number(x),
        _ => Cell::Text(s.to_string()),
    }
}

/// 是 / 否 (yes / no).
pub fn yes_no(b: bool, l: Lang) -> &'static str {
    match b {
        true => l.pick("是", "yes"),
        false => l.pick("否", "no"),
    }
}

/// Column letters of a 0-based column (0 → A, 27 → AB).
pub fn col_name(c: u16) -> String {
    let mut n = c as u32 + 1;
    let mut s = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        s.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Write the questionnaire workbook: the template when `rows` is empty,
/// else one row per questionnaire.
pub fn write(path: &Path, l: Lang, rows: &[Questionnaire]) -> anyhow::Result<()> {
    let bytes = to_bytes(l, rows)?;
    crate::output::write_atomic(path, &bytes)?;
    Ok(())
}

/// As [`write`], the workbook's bytes (`zhizao serve` offers them as a download).
pub fn to_bytes(l: Lang, rows: &[Questionnaire]) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    instructions(wb.add_worksheet(), l)?;
    let data = wb.add_worksheet();
    data.set_name(data_sheet(l))?;
    headers(data, l)?;
    let last = HEADER_ROWS + rows.len() as u32 + SPARE_ROWS - 1;
    validations(data, l, last)?;
    for (i, q) in rows.iter().enumerate() {
        let r = HEADER_ROWS + i as u32;
        for (c, v) in cells(q, l).into_iter().enumerate() {
            put(data, r, c as u16, v, l)?;
        }
    }
    data.set_active(true);
    lists(wb.add_worksheet(), l)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(l.pick(
                "智能制造评估问卷 (申报表)",
                "Smart-manufacturing questionnaire",
            ))
            .set_subject(l.pick("zhizao 问卷格式版本 1", "zhizao questionnaire format v1"))
            .set_author("zhizao")
            .set_comment("zhizao questionnaire workbook, format v1"),
    );
    Ok(wb.save_to_buffer()?)
}

fn put(ws: &mut Worksheet, r: u32, c: u16, v: Option<Cell>, l: Lang) -> anyhow::Result<()> {
    match v {
        None => {}
        Some(Cell::Number(x)) => {
            ws.write_number(r, c, x)?;
        }
        Some(Cell::Text(s)) => {
            if s.chars().count() > CELL_MAX_CHARS {
                anyhow::bail!(
                    "{}!{}{}: {}",
                    data_sheet(l),
                    col_name(c),
                    r + 1,
                    l.pick(
                        "内容超过 Excel 单元格上限 32,767 个字符, 无法无损写入; 请保留 YAML 格式",
                        "longer than Excel's 32,767-character cell limit; it cannot be written without loss — keep this questionnaire as YAML"
                    )
                );
            }
            ws.write_string(r, c, s)?;
        }
    }
    Ok(())
}

fn headers(ws: &mut Worksheet, l: Lang) -> Result<(), XlsxError> {
    let base = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let section = base
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E79))
        .set_font_color(Color::White)
        .set_align(FormatAlign::Left);
    let label = base
        .clone()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let required = label.clone().set_font_color(Color::RGB(0xC00000));
    let small = base
        .clone()
        .set_font_size(9)
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xF2F2F2));
    let key = small.clone().set_font_color(Color::RGB(0x808080));
    let text_cell = Format::new().set_unlocked().set_num_format("@");
    let open_cell = Format::new().set_unlocked();
    let fs = fields();
    let mut start = 0usize;
    for (c, f) in fs.iter().enumerate() {
        let col = c as u16;
        ws.write_string_with_format(
            1,
            col,
            f.heading(l),
            if f.required { &required } else { &label },
        )?;
        ws.write_string_with_format(2, col, f.unit.get(l), &small)?;
        ws.write_string_with_format(3, col, f.note.get(l), &small)?;
        ws.write_string_with_format(KEY_ROW, col, &f.path, &key)?;
        ws.set_column_width(col, width(f, l))?;
        // Text columns hold text even when it looks like a number (credit codes).
        let fmt = if matches!(f.kind, Kind::Text | Kind::EnumList(_) | Kind::Inline) {
            &text_cell
        } else {
            &open_cell
        };
        ws.set_column_format(col, fmt)?;
        let last_of_section = fs.get(c + 1).is_none_or(|n| n.section != f.section);
        if last_of_section {
            let title = f.section_label.get(l);
            if start == c {
                ws.write_string_with_format(0, col, title, &section)?;
            } else {
                ws.merge_range(0, start as u16, 0, col, title, &section)?;
            }
            start = c + 1;
        }
    }
    // Long labels wrap to three lines; notes get room for a paragraph.
    ws.set_row_height(1, 48)?;
    ws.set_row_height(3, 110)?;
    ws.set_freeze_panes(HEADER_ROWS, 1)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(0, HEADER_ROWS - 1)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        insert_rows: true,
        delete_rows: true,
        sort: true,
        use_autofilter: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// A column wide enough for its label and typical content (CJK characters
/// count about twice).
fn width(f: &Field, l: Lang) -> f64 {
    let chars = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
            .sum::<f64>()
    };
    let content: f64 = match &f.kind {
        Kind::Text if f.path.ends_with("name") => 36.0,
        Kind::Text => 22.0,
        Kind::Inline => 40.0,
        Kind::EnumList(_) => 18.0,
        Kind::Enum(c) => c.iter().map(|c| chars(c.label.get(l))).fold(0.0, f64::max),
        _ => 10.0,
    };
    (chars(f.label.get(l)) * 0.6).max(content).clamp(10.0, 40.0)
}

/// Dropdowns for enums and yes/no, ranges for numbers, with the field's note
/// as the input message (Excel shows at most 255 characters of it).
fn validations(ws: &mut Worksheet, l: Lang, last: u32) -> Result<(), XlsxError> {
    let mut list_col = 0u16;
    for (c, f) in fields().iter().enumerate() {
        let col = c as u16;
        let dv = match &f.kind {
            Kind::Enum(choices) => {
                let letter = col_name(list_col);
                list_col += 1;
                DataValidation::new().allow_list_formula(Formula::new(format!(
                    "='{}'!${letter}$1:${letter}${}",
                    lists_sheet(l),
                    choices.len()
                )))
            }
            Kind::Bool => {
                DataValidation::new().allow_list_strings(&[yes_no(true, l), yes_no(false, l)])?
            }
            Kind::Integer => {
                let lo = f.min.unwrap_or(i32::MIN as f64).max(i32::MIN as f64) as i32;
                let hi = f.max.unwrap_or(i32::MAX as f64).min(i32::MAX as f64) as i32;
                DataValidation::new().allow_whole_number(DataValidationRule::Between(lo, hi))
            }
            Kind::Number | Kind::Decimal if f.min.is_some() || f.max.is_some() => {
                DataValidation::new().allow_decimal_number(DataValidationRule::Between(
                    f.min.unwrap_or(-1e15),
                    f.max.unwrap_or(1e15),
                ))
            }
            _ => DataValidation::new().allow_any_value(),
        };
        let note: String = crate::textsafe::clip(f.note.get(l), 230).into_owned();
        let title: String = f.label.get(l).chars().take(30).collect();
        let dv = dv
            .set_input_title(title)?
            .set_input_message(note)?
            .set_error_title(l.pick("输入有误", "Invalid entry"))?
            .set_error_message(l.pick(
                "请从下拉列表选择, 或输入允许范围内的值 (见说明行)",
                "Pick from the dropdown or enter a value in the allowed range (see the note row)",
            ))?
            .set_error_style(DataValidationErrorStyle::Stop);
        ws.add_data_validation(HEADER_ROWS, col, last, col, &dv)?;
    }
    Ok(())
}

fn lists(ws: &mut Worksheet, l: Lang) -> Result<(), XlsxError> {
    ws.set_name(lists_sheet(l))?;
    let mut col = 0u16;
    for f in fields() {
        if let Kind::Enum(choices) = &f.kind {
            for (r, c) in choices.iter().enumerate() {
                ws.write_string(r as u32, col, c.label.get(l))?;
            }
            col += 1;
        }
    }
    ws.set_hidden(true);
    Ok(())
}

fn instructions(ws: &mut Worksheet, l: Lang) -> Result<(), XlsxError> {
    ws.set_name(l.pick("填写说明", "Instructions"))?;
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    ws.set_column_width(0, 90)?;
    ws.write_string_with_format(
        0,
        0,
        l.pick(
            "智能制造评估问卷 — 填写说明",
            "Smart-manufacturing questionnaire — how to fill it in",
        ),
        &title,
    )?;
    let lines: &[(&str, &str)] = &[
        ("1. 在「申报表」工作表中, 每家企业填写一行 (从第 6 行开始)。一家企业只填第 6 行即可; 经信局可将多家企业的行汇总在同一张表中。", "1. On the sheet \"Questionnaire\", each enterprise fills in one row (from row 6). One enterprise fills row 6 only; a bureau may gather many enterprises as rows of the same sheet."),
        ("2. 第 2 行是字段名称, 带 * 的为必填; 第 3 行是单位; 第 4 行是说明和示例; 第 5 行是字段代码, 请勿修改。", "2. Row 2 names the field (* = required); row 3 gives the unit; row 4 the note and an example; row 5 the field key — do not change it."),
        ("3. 不知道的数据请留空 (不要填 0): 留空表示「未知」, 0 表示确实为零。", "3. Leave unknown values blank (not 0): blank means unknown, 0 means zero."),
        ("4. 金额单位为万元, 百分比填 0–100 的数字 (85 表示 85%)。", "4. Money is in 万元 (10,000 CNY); percentages are numbers 0–100 (85 means 85%)."),
        ("5. 产业、级别、是/否等请从下拉列表选择。多选字段 (如在用信息系统) 填代码, 用逗号分隔, 例如 erp, mes。", "5. Pick sector, levels, yes/no etc. from the dropdowns. Multi-choice fields (e.g. systems in use) take ids separated by commas, e.g. erp, mes."),
        ("6. 技术中心、首台(套)、示范项目、仓储设施等清单按说明行中的示例填写, 如 [{kind: enterprise_tech_center, level: provincial, year: 2017}]。", "6. Lists of records (technology centres, first-unit equipment, demonstration lines, warehouses) follow the example in the note row, e.g. [{kind: enterprise_tech_center, level: provincial, year: 2017}]."),
        ("7. 统一社会信用代码为 18 位, 该列已设为文本格式, 请直接输入。", "7. The unified social credit code has 18 characters; its column is formatted as text — type it as it is."),
        ("8. 填好后可用 zhizao validate 文件.xlsx 检查; 错误会指出工作表和单元格, 如 申报表!C6。", "8. Check the filled workbook with `zhizao validate file.xlsx`; errors name the sheet and cell, e.g. Questionnaire!C6."),
    ];
    for (i, (zh, en)) in lines.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 2, 0, l.pick(zh, en), &wrap)?;
        ws.set_row_height(i as u32 + 2, 32)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(27), "AB");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
    }

    #[test]
    fn amounts_are_numbers_only_when_exact() {
        assert_eq!(decimal_cell("2180.5"), Cell::Number(2180.5));
        assert_eq!(decimal_cell("2180"), Cell::Number(2180.0));
        // The scale is part of the amount as written: keep it.
        assert_eq!(decimal_cell("2180.50"), Cell::Text("2180.50".into()));
        assert_eq!(
            decimal_cell("12345678901234567.1"),
            Cell::Text("12345678901234567.1".into())
        );
    }
}

//! Reading questionnaire workbooks (读取 Excel 申报表).
//!
//! A workbook holds one questionnaire per data row of its 申报表 sheet (the
//! sheet whose header has the field keys). Each row becomes a JSON tree,
//! typed by the same serde code as YAML, then validated by the same checks,
//! so codes, messages and hints are those of YAML; only the place differs:
//! `file.xlsx!申报表!C12`, with the field's label in front of the message.
//! Every non-blank row is either a questionnaire or a list of its errors.

use super::fields::{column_of, fields, Field, Kind};
use super::template::col_name;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::input::Loaded;
use crate::lang::Text;
use crate::questionnaire::Questionnaire;
use calamine::{Data, Range, Reader, Xlsx};
use serde_json::{Map, Value};
use std::path::Path;

/// Largest workbook read (a 10,000-row master table is a few MB).
pub const MAX_WORKBOOK_BYTES: u64 = 256 * 1024 * 1024;

/// One data row of a workbook.
#[derive(Debug)]
pub struct Entry {
    /// Where the row is: `file.xlsx!申报表!A6`.
    pub at: String,
    /// The questionnaire, or every error found in the row.
    pub result: Result<Loaded, Vec<Diagnostic>>,
}

/// Whether a path names a workbook (by extension).
pub fn is_workbook(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
}

fn whole_file(code: Code, shown: &str, zh: String, en: String) -> Diagnostic {
    Diagnostic::error(code, shown, Text::new(zh, en)).hint(Text::new(
        "用 zhizao init --format xlsx 生成申报表模板再填写",
        "start from the template that `zhizao init --format xlsx` writes",
    ))
}

/// Read every row of the workbook at `path`; `Err` when the file itself
/// cannot be used (unreadable, not a workbook, no questionnaire sheet).
pub fn read_path(path: &Path, shown: &str) -> Result<Vec<Entry>, Diagnostic> {
    let bytes = crate::yaml::read_capped(path, shown, MAX_WORKBOOK_BYTES)?;
    read_bytes(bytes, shown)
}

/// As [`read_path`], from the bytes of the file.
pub fn read_bytes(bytes: Vec<u8>, shown: &str) -> Result<Vec<Entry>, Diagnostic> {
    read_bytes_only(bytes, shown, None)
}

/// Only the given sheet rows (1-based, as in `A6`) of the workbook at
/// `path`: what a second look at a few enterprises needs, without typing
/// and checking every other row again.
pub fn read_rows(path: &Path, shown: &str, wanted: &[u32]) -> Result<Vec<Entry>, Diagnostic> {
    let bytes = crate::yaml::read_capped(path, shown, MAX_WORKBOOK_BYTES)?;
    read_bytes_only(bytes, shown, Some(wanted))
}

/// Most bytes a workbook may unpack to (its parts' declared sizes): a
/// 10,000-row master table unpacks to ~30 MB; a small file that claims
/// gigabytes is a zip bomb, refused before anything is unpacked.
pub const MAX_UNPACKED_BYTES: u128 = 1024 * 1024 * 1024;

fn unpacked_size_ok(bytes: &[u8], shown: &str) -> Result<(), Diagnostic> {
    let Ok(mut z) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Ok(()); // not a zip: calamine says so, with its reason
    };
    // The sizes the central directory declares (also for parts written with
    // data descriptors, which `decompressed_size` leaves unknown).
    let declared: u128 = (0..z.len())
        .filter_map(|i| z.by_index_raw(i).ok().map(|f| u128::from(f.size())))
        .sum();
    if declared <= MAX_UNPACKED_BYTES {
        return Ok(());
    }
    let (mb, max) = (declared >> 20, MAX_UNPACKED_BYTES >> 20);
    Err(Diagnostic::error(
        Code::XlsxTooLarge,
        shown,
        Text::new(
            format!("工作簿解压后有 {mb} MB, 超过上限 {max} MB"),
            format!("the workbook unpacks to {mb} MB, over the {max} MB limit"),
        ),
    )
    .hint(Text::new(
        "请分成多个工作簿; 一个 1 万行的汇总表解压后约 30 MB",
        "split it into several workbooks; a 10,000-row master table unpacks to about 30 MB",
    )))
}

fn read_bytes_only(
    bytes: Vec<u8>,
    shown: &str,
    wanted: Option<&[u32]>,
) -> Result<Vec<Entry>, Diagnostic> {
    unpacked_size_ok(&bytes, shown)?;
    let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        whole_file(
            Code::XlsxOpen,
            shown,
            format!("不是可读取的 Excel 工作簿 (.xlsx): {e}"),
            format!("not a readable Excel workbook (.xlsx): {e}"),
        )
    })?;
    for name in wb.sheet_names() {
        let Ok(range) = wb.worksheet_range(&name) else {
            continue;
        };
        if let Some(key_row) = find_key_row(&range) {
            return Ok(rows(&range, key_row, shown, &name, wanted));
        }
    }
    let names = wb.sheet_names();
    let has = |zh: &str, en: &str| names.iter().any(|n| n == zh || n == en);
    if has("概要", "Summary") && has("企业", "Enterprises") {
        // A results workbook written into the folder being screened.
        return Err(Diagnostic::error(
            Code::XlsxResults,
            shown,
            Text::new(
                "这是 zhizao screen 写出的结果工作簿, 不是申报表",
                "this is a results workbook written by `zhizao screen`, not a questionnaire",
            ),
        )
        .hint(Text::new(
            "把筛选结果 (-o) 写到收件目录之外",
            "write the screening results (-o) outside the folder of submissions",
        )));
    }
    Err(whole_file(
        Code::XlsxNoSheet,
        shown,
        "找不到申报表: 没有哪张工作表的表头含字段代码行 (enterprise.name …)".into(),
        "no questionnaire sheet: no sheet has the header row of field keys (enterprise.name …)"
            .into(),
    ))
}

/// The row holding the field keys: the first of the top rows with a cell `enterprise.name`.
fn find_key_row(range: &Range<Data>) -> Option<u32> {
    let (r0, c0) = range.start()?;
    let (r1, c1) = range.end()?;
    (r0..=r1.min(r0 + 20)).find(|&r| {
        (c0..=c1).any(|c| matches!(range.get_value((r, c)), Some(Data::String(s)) if s.trim() == "enterprise.name"))
    })
}

fn rows(
    range: &Range<Data>,
    key_row: u32,
    shown: &str,
    sheet: &str,
    wanted: Option<&[u32]>,
) -> Vec<Entry> {
    let (Some((_, c0)), Some((r1, c1))) = (range.start(), range.end()) else {
        return Vec::new();
    };
    let fs = fields();
    // (sheet column, field index) for every column whose key names a field.
    let cols: Vec<(u32, usize)> = (c0..=c1)
        .filter_map(|c| match range.get_value((key_row, c)) {
            Some(Data::String(k)) => fs.iter().position(|f| f.path == k.trim()).map(|i| (c, i)),
            _ => None,
        })
        .collect();
    // Columns whose key looks like a field path but names none (a typo in
    // the key row): their values would be lost, so a row using one is an
    // error. Columns without a dotted key (a bureau's own notes) are free.
    let unknown: Vec<(u32, String)> = (c0..=c1)
        .filter_map(|c| match range.get_value((key_row, c)) {
            Some(Data::String(k)) if k.contains('.') && !k.contains(' ') => {
                Some((c, k.trim().to_string()))
            }
            _ => None,
        })
        .filter(|(c, _)| !cols.iter().any(|(x, _)| x == c))
        .collect();
    let mut out = Vec::new();
    for r in key_row + 1..=r1 {
        if wanted.is_some_and(|w| !w.contains(&(r + 1))) {
            continue;
        }
        let blank = (c0..=c1).all(|c| is_blank(range.get_value((r, c))));
        if blank {
            continue;
        }
        let place = Place {
            shown,
            sheet,
            row: r,
            cols: &cols,
        };
        let stray: Vec<Diagnostic> = unknown
            .iter()
            .filter(|(c, _)| !is_blank(range.get_value((r, *c))))
            .map(|(c, key)| {
                Diagnostic::error(
                    Code::FieldUnknown,
                    &place.cell(*c),
                    Text::new(format!("未知字段 `{key}`"), format!("unknown field `{key}`")),
                )
                .hint(Text::new(
                    "第 5 行的字段代码有误; 请从 zhizao init --format xlsx 生成的模板中复制",
                    "the field key in row 5 is wrong; copy it from the template of `zhizao init --format xlsx`",
                ))
            })
            .collect();
        let result = match (row(range, &place), stray.is_empty()) {
            (r, true) => r,
            (Ok(_), false) => Err(stray),
            (Err(mut e), false) => {
                e.extend(stray);
                Err(e)
            }
        };
        out.push(Entry {
            at: place.cell(c0),
            result,
        });
    }
    out
}

struct Place<'a> {
    shown: &'a str,
    sheet: &'a str,
    row: u32,
    cols: &'a [(u32, usize)],
}

impl Place<'_> {
    /// `file.xlsx!申报表!C12`.
    fn cell(&self, col: u32) -> String {
        format!(
            "{}!{}!{}{}",
            self.shown,
            self.sheet,
            col_name(col as u16),
            self.row + 1
        )
    }

    /// The cell of a field path, or the row when the field has no column.
    fn of_path(&self, path: &str) -> (String, Option<&'static Field>) {
        let hit = column_of(path).and_then(|fi| self.cols.iter().find(|(_, i)| *i == fi));
        match hit {
            Some((c, fi)) => (self.cell(*c), Some(&fields()[*fi])),
            None => (self.cell(self.cols.first().map_or(0, |x| x.0)), None),
        }
    }

    /// Put a diagnostic at its cell and name the field.
    fn place(&self, mut d: Diagnostic) -> Diagnostic {
        let (at, field) = self.of_path(d.path.as_deref().unwrap_or(""));
        d.file = at;
        d.line = None;
        d.column = None;
        if let Some(f) = field {
            d.message = Text::new(
                format!("「{}」{}", f.label.zh, d.message.zh),
                format!("[{}] {}", f.label.en, d.message.en),
            );
        }
        d
    }
}

fn is_blank(v: Option<&Data>) -> bool {
    match v {
        None | Some(Data::Empty) => true,
        Some(Data::String(s)) => s.trim().is_empty(),
        _ => false,
    }
}

/// The sections format version 2 added.
const V2_SECTIONS: [&str; 3] = ["digital", "smart_factory", "upgrades"];

/// The questionnaire version a sheet row needs: 2 when it fills in a section
/// version 2 added, else 1 — so a v1 questionnaire round-trips as itself.
/// A v2 cell holding its field's default (a 否 the sheet writes for a
/// `false` left as it is) does not make a row version 2.
fn version_of(tree: &Map<String, Value>) -> u32 {
    static DEFAULTS: std::sync::OnceLock<Value> = std::sync::OnceLock::new();
    let defaults =
        DEFAULTS.get_or_init(|| serde_json::to_value(Questionnaire::default()).unwrap_or_default());
    let filled = |s: &str| tree.get(s).is_some_and(|v| !at_default(v, &defaults[s]));
    if V2_SECTIONS.iter().any(|s| filled(s)) {
        crate::questionnaire::SCHEMA_VERSION
    } else {
        crate::questionnaire::OLDEST_SCHEMA_VERSION
    }
}

/// Every value given in `v` is the default `d` holds there.
fn at_default(v: &Value, d: &Value) -> bool {
    match v {
        Value::Object(m) => m
            .iter()
            .all(|(k, x)| at_default(x, d.get(k).unwrap_or(&Value::Null))),
        _ => v == d,
    }
}

fn row(range: &Range<Data>, p: &Place) -> Result<Loaded, Vec<Diagnostic>> {
    let mut tree = Map::new();
    let mut errors = Vec::new();
    for &(c, fi) in p.cols {
        let f = &fields()[fi];
        let v = range.get_value((p.row, c));
        if is_blank(v) {
            continue;
        }
        match to_json(f, v.unwrap_or(&Data::Empty)) {
            Ok(Value::Null) => {}
            Ok(x) => insert(&mut tree, &f.path, x),
            Err(d) => errors.push(p.place(d.at_path(f.path.clone()))),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    tree.insert("schema_version".into(), Value::from(version_of(&tree)));
    let q: Questionnaire = serde_path_to_error::deserialize(Value::Object(tree)).map_err(|e| {
        let mut path = e.path().to_string();
        let ((code, message), hint) = crate::yaml::explain(&e.inner().to_string());
        if code == Code::FieldMissing {
            // serde names the struct; the missing field is the column to fill.
            let name = message.en.split('`').nth(1).unwrap_or("");
            path = if path == "." {
                name.to_string()
            } else {
                format!("{path}.{name}")
            };
        }
        let mut d = Diagnostic::error(code, p.shown, message).at_path(path);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        vec![p.place(d)]
    })?;
    let diags: Vec<Diagnostic> = crate::validate::validate(&q, p.shown, None)
        .into_iter()
        .map(|d| p.place(d))
        .collect();
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    Ok(Loaded {
        questionnaire: q,
        warnings: diags,
        source: String::new(),
        sha256: String::new(),
    })
}

fn insert(tree: &mut Map<String, Value>, path: &str, v: Value) {
    let mut node = tree;
    let mut keys = path.split('.').peekable();
    while let Some(k) = keys.next() {
        if keys.peek().is_none() {
            node.insert(k.to_string(), v);
            return;
        }
        let next = node
            .entry(k.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            *next = Value::Object(Map::new());
        }
        let Value::Object(m) = next else { return };
        node = m;
    }
}

/// A cell as the JSON a YAML file would have given for it. Values that do
/// not fit stay as they are, so serde reports them with the YAML wording.
fn to_json(f: &Field, d: &Data) -> Result<Value, Diagnostic> {
    let text = match d {
        Data::Int(i) => return Ok(number(f, *i as f64)),
        Data::Float(x) => return Ok(number(f, *x)),
        Data::Bool(b) if matches!(f.kind, Kind::Group) => {
            return Ok(if *b {
                Value::Object(Map::new())
            } else {
                Value::Null
            })
        }
        Data::Bool(b) => return Ok(Value::Bool(*b)),
        Data::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    Ok(match &f.kind {
        Kind::Text => Value::String(match d {
            Data::String(s) => s.clone(),
            _ => text,
        }),
        Kind::Group => match text.to_lowercase().as_str() {
            "是" | "yes" | "true" | "y" => Value::Object(Map::new()),
            "否" | "no" | "false" | "n" => return Ok(Value::Null),
            _ => Value::String(text),
        },
        Kind::Bool => match text.to_lowercase().as_str() {
            "是" | "yes" | "true" | "y" => Value::Bool(true),
            "否" | "no" | "false" | "n" => Value::Bool(false),
            _ => Value::String(text),
        },
        Kind::Enum(choices) => Value::String(enum_id(choices, &text)),
        Kind::EnumList(choices) if text.starts_with('[') => list(f, &text, Some(choices))?,
        Kind::EnumList(choices) => Value::Array(
            text.split([',', '，', '、', ';', '；'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(enum_id(choices, s)))
                .collect(),
        ),
        Kind::Inline => list(f, &text, None)?,
        Kind::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or(Value::String(text)),
        Kind::Number => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or(Value::String(text)),
        // Decimal reads its own text exactly (scale kept).
        Kind::Decimal => Value::String(text),
    })
}

/// A numeric cell: whole numbers as integers (Excel stores every number as
/// a double), text fields as the digits.
fn number(f: &Field, x: f64) -> Value {
    let whole = x.fract() == 0.0 && x.abs() < 9.0e15;
    match (&f.kind, whole) {
        (Kind::Text | Kind::Enum(_) | Kind::EnumList(_), true) => {
            Value::String(format!("{}", x as i64))
        }
        (Kind::Text | Kind::Enum(_) | Kind::EnumList(_), false) => Value::String(format!("{x}")),
        (_, true) => Value::from(x as i64),
        _ => serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number),
    }
}

/// The id of a choice typed as its id or its label in either language.
fn enum_id(choices: &[super::fields::Choice], s: &str) -> String {
    choices
        .iter()
        .find(|c| {
            c.id.eq_ignore_ascii_case(s) || c.label.zh == s || c.label.en.eq_ignore_ascii_case(s)
        })
        .map(|c| c.id.clone())
        .unwrap_or_else(|| s.to_string())
}

/// A list cell in YAML flow style.
fn list(
    f: &Field,
    text: &str,
    choices: Option<&[super::fields::Choice]>,
) -> Result<Value, Diagnostic> {
    let v: Value = serde_yaml::from_str(text).map_err(|e| {
        let ((code, message), hint) = crate::yaml::explain(&e.to_string());
        let mut d = Diagnostic::error(code, "", message).hint(hint.unwrap_or_else(|| {
            Text::new(
                format!("按说明行的示例填写: {}", f.note.zh),
                format!("follow the example in the note row: {}", f.note.en),
            )
        }));
        d.path = Some(f.path.clone());
        d
    })?;
    Ok(match (v, choices) {
        (Value::Array(items), Some(c)) => Value::Array(
            items
                .into_iter()
                .map(|x| match x {
                    Value::String(s) => Value::String(enum_id(c, &s)),
                    other => other,
                })
                .collect(),
        ),
        (v, _) => v,
    })
}

/// Read one questionnaire from a workbook that holds exactly one data row
/// (an enterprise's own filled template), for `assess` and `validate`.
pub fn single(entries: Vec<Entry>, shown: &str) -> Result<Loaded, Vec<Diagnostic>> {
    let n = entries.len();
    let mut it = entries.into_iter();
    match (it.next(), n) {
        (Some(e), 1) => e.result,
        _ => Err(vec![Diagnostic::error(
            Code::XlsxRows,
            shown,
            Text::new(
                format!("工作簿中有 {n} 行问卷, 此处只能评估一行; 请用 zhizao screen 筛选多行"),
                format!("the workbook holds {n} questionnaire rows; one is expected here — use `zhizao screen` for many"),
            ),
        )]),
    }
}

/// Every row of a workbook for batch screening: `(where, questionnaire or
/// rejection)`. A workbook that cannot be used, or holds no rows, is one
/// rejection, so every input is still accounted for.
pub fn screen_rows(path: &Path) -> Vec<(String, Result<Loaded, crate::screen::Rejected>)> {
    use crate::screen::Rejected;
    let shown = path.display().to_string();
    let entries = match read_path(path, &shown) {
        Ok(e) if e.is_empty() => {
            let d = Diagnostic::error(
                Code::XlsxEmpty,
                &shown,
                Text::new(
                    "申报表中没有填写任何企业",
                    "the questionnaire sheet has no rows filled in",
                ),
            );
            return vec![(shown.clone(), Err(Rejected::from_diags(&shown, &[d])))];
        }
        Ok(e) => e,
        Err(d) => return vec![(shown.clone(), Err(Rejected::from_diags(&shown, &[d])))],
    };
    entries
        .into_iter()
        .map(|e| {
            let r = e.result.map_err(|diags| {
                let first = diags
                    .iter()
                    .find(|d| d.is_error())
                    .map_or(e.at.as_str(), |d| d.file.as_str());
                Rejected::from_diags(first, &diags)
            });
            (e.at, r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_version_2_only_when_a_v2_section_differs_from_its_default() {
        let tree = |v: Value| v.as_object().cloned().unwrap();
        let v1 = serde_json::json!({"enterprise": {"name": "x"}});
        assert_eq!(version_of(&tree(v1)), 1);
        // An empty section, as a sheet with none of its cells filled gives.
        let empty = serde_json::json!({"enterprise": {"name": "x"}, "digital": {}});
        assert_eq!(version_of(&tree(empty)), 1);
        for s in V2_SECTIONS {
            let mut t = tree(serde_json::json!({"enterprise": {"name": "x"}}));
            t.insert(s.into(), serde_json::json!({"some_field": 1}));
            assert_eq!(version_of(&t), 2, "{s}");
        }
        assert!(at_default(
            &serde_json::json!({"a": {"b": false}}),
            &serde_json::json!({"a": {"b": false, "c": null}})
        ));
        assert!(!at_default(
            &serde_json::json!({"a": {"b": true}}),
            &serde_json::json!({"a": {"b": false}})
        ));
    }

    /// A cell for a field of the sheet that is not its default, when the
    /// kind allows one without knowing the field (records are skipped).
    fn sample(f: &Field) -> Option<Data> {
        let n = (f.min.unwrap_or(0.0) + 1.0).min(f.max.unwrap_or(f64::MAX));
        Some(match &f.kind {
            Kind::Bool | Kind::Group => Data::String("是".into()),
            Kind::Integer | Kind::Number | Kind::Decimal => Data::Float(n),
            Kind::Enum(c) | Kind::EnumList(c) => Data::String(c.last()?.label.zh.to_string()),
            Kind::Text => Data::String("测试".into()),
            Kind::Inline => return None,
        })
    }

    /// Every field of the v2 sections, filled on its own through the
    /// workbook (template → row → intake): the row reads back as the same
    /// questionnaire, version 2. Follows whatever fields the sections have.
    #[test]
    fn every_v2_field_round_trips_through_the_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let mut tried = 0;
        for (i, f) in fields().iter().enumerate() {
            if !V2_SECTIONS.contains(&f.section.as_str()) {
                continue;
            }
            let Some(cell) = sample(f) else { continue };
            let mut t = Map::new();
            insert(&mut t, "enterprise.name", Value::from("试点企业"));
            insert(&mut t, "enterprise.sector", Value::from("other"));
            insert(&mut t, "enterprise.data_year", Value::from(2025));
            insert(&mut t, &f.path, to_json(f, &cell).unwrap());
            t.insert("schema_version".into(), Value::from(2));
            // A field of a group with other required fields cannot stand alone.
            let Ok(q) = serde_json::from_value::<Questionnaire>(Value::Object(t.clone())) else {
                continue;
            };
            tried += 1;
            assert_eq!(version_of(&t), 2, "{}", f.path);
            for l in [crate::lang::Lang::Zh, crate::lang::Lang::En] {
                let path = dir.path().join(format!("{i}-{l:?}.xlsx"));
                super::super::template::write(&path, l, std::slice::from_ref(&q)).unwrap();
                let back = read_path(&path, "t.xlsx").unwrap();
                let got = back[0].result.as_ref().map(|x| &x.questionnaire);
                assert_eq!(got.ok(), Some(&q), "{} ({l:?})", f.path);
            }
        }
        // Until the v2 sections have fields there is nothing to fill in
        // (`tried` is 0); once the level packs land, every scalar field of
        // them that can stand alone is tried.
        eprintln!("v2 fields tried through the workbook: {tried}");
    }
}

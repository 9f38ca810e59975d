//! The questionnaire as spreadsheet columns (字段表), derived from its JSON Schema.
//!
//! One column per scalar field, in the order of the questionnaire struct, so a
//! field added to [`crate::questionnaire`] appears in the workbook without a
//! second list to keep in step. Labels, notes, enum choices and number ranges
//! all come from the schema's bilingual descriptions (`中文 / English`).
//!
//! Lists of enums (`systems`, `patent_prizes`, …) are one cell of ids
//! separated by commas; lists of records (`tech_centers`, `demo_lines`, …)
//! are one cell in YAML flow style — a row has no room for a sub-table, and
//! both forms convert back without loss.

use crate::lang::{Lang, Text};
use serde_json::Value;
use std::sync::OnceLock;

/// One allowed value of an enum field: its id and its label.
#[derive(Debug, Clone)]
pub struct Choice {
    /// Id as written in YAML, e.g. `machinery_auto_parts`.
    pub id: String,
    /// Label, e.g. 机械汽配 / Machinery and auto parts.
    pub label: Text,
}

/// What a cell of a column holds.
#[derive(Debug, Clone)]
pub enum Kind {
    /// Free text.
    Text,
    /// Whole number.
    Integer,
    /// Number held as f64 (percentages).
    Number,
    /// Exact decimal (money, areas): written as a number when that is exact.
    Decimal,
    /// 是 / 否.
    Bool,
    /// One of the choices (a dropdown).
    Enum(Vec<Choice>),
    /// Several of the choices, ids separated by commas.
    EnumList(Vec<Choice>),
    /// A list of records in YAML flow style, e.g. `[{kind: enterprise_tech_center, level: provincial}]`.
    Inline,
    /// 是 when an optional group with no required field is present (e.g. a
    /// maker space with no figures known yet), so "has one, figures unknown"
    /// stays apart from "has none".
    Group,
}

/// One column of the questionnaire sheet.
#[derive(Debug, Clone)]
pub struct Field {
    /// Dotted path, e.g. `enterprise.main_revenue_wan`.
    pub path: String,
    /// Top-level section id, e.g. `enterprise`.
    pub section: String,
    /// Section label, e.g. 企业基本情况.
    pub section_label: Text,
    /// Short label, e.g. 主营业务收入.
    pub label: Text,
    /// Unit, e.g. 万元; empty when none.
    pub unit: Text,
    /// The field's full description (meaning, unit, example).
    pub note: Text,
    /// Cell kind.
    pub kind: Kind,
    /// Must be filled in (必填), or must be when its group is used.
    pub required: bool,
    /// Smallest allowed value, from the schema.
    pub min: Option<f64>,
    /// Largest allowed value, from the schema.
    pub max: Option<f64>,
    /// The schema node (resolved), for writing YAML of inline cells.
    pub schema: Value,
}

impl Field {
    /// Label with a `*` when required, in `l`.
    pub fn heading(&self, l: Lang) -> String {
        let star = if self.required { " *" } else { "" };
        format!("{}{star}", self.label.get(l))
    }
}

/// All columns, in questionnaire order (built once).
pub fn fields() -> &'static [Field] {
    static F: OnceLock<Vec<Field>> = OnceLock::new();
    F.get_or_init(|| {
        let root = crate::schema::schema(crate::schema::Which::Questionnaire);
        let mut out = Vec::new();
        let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
        let w = Walker { defs: &defs };
        if let Some(props) = root.get("properties").and_then(Value::as_object) {
            for (name, node) in props {
                if name == "schema_version" {
                    continue;
                }
                let desc = describe(node);
                let section_label = short(&desc);
                let ctx = Ctx {
                    section: name,
                    section_label: &section_label,
                    prefix: name.clone(),
                    parent_label: None,
                    // Each struct's `required` list decides; a group's
                    // required fields are required when the group is used.
                    required: true,
                };
                w.object(&w.resolve(node), &ctx, &mut out);
            }
        }
        out
    })
}

/// The column of a dotted path; for a path into an inline list
/// (`recognitions.tech_centers[0].year`) the list's column.
pub fn column_of(path: &str) -> Option<usize> {
    let base: &str = path.split('[').next().unwrap_or(path);
    let fs = fields();
    if let Some(i) = fs.iter().position(|f| f.path == base) {
        return Some(i);
    }
    // A group (`self_assessment.strategy`): its first column.
    let prefix = format!("{base}.");
    fs.iter().position(|f| f.path.starts_with(&prefix))
}

/// The fields of one item of a list of records (`Kind::Inline`, e.g. the
/// name, investment … of a demo line), paths relative to the item; empty
/// for a list whose items are not records. `zhizao serve` shows each item
/// as a row of these.
pub fn item_fields(list: &Field) -> Vec<Field> {
    let root = crate::schema::schema(crate::schema::Which::Questionnaire);
    let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
    let w = Walker { defs: &defs };
    let items = w.resolve(list.schema.get("items").unwrap_or(&Value::Null));
    let ctx = Ctx {
        section: &list.section,
        section_label: &list.section_label,
        prefix: String::new(),
        parent_label: None,
        required: true,
    };
    let mut out = Vec::new();
    w.object(&items, &ctx, &mut out);
    for f in &mut out {
        f.path = f.path.trim_start_matches('.').to_string();
    }
    out
}

/// The choices of a list of fixed-length lists of enum ids (the pairs of
/// `informatization.integrations`): the choices and how many per item.
pub fn tuple_choices(list: &Field) -> Option<(Vec<Choice>, usize)> {
    let root = crate::schema::schema(crate::schema::Which::Questionnaire);
    let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
    let w = Walker { defs: &defs };
    let items = w.resolve(list.schema.get("items")?);
    let n = items.get("maxItems").and_then(Value::as_u64)?;
    let inner = w.resolve(items.get("items")?);
    Some((choices(&inner)?, n as usize))
}

struct Walker<'a> {
    defs: &'a Value,
}

struct Ctx<'a> {
    section: &'a str,
    section_label: &'a Text,
    prefix: String,
    parent_label: Option<Text>,
    required: bool,
}

impl Walker<'_> {
    /// Follow `$ref` and `anyOf: [X, null]` to the node that says what X is.
    fn resolve(&self, node: &Value) -> Value {
        if let Some(r) = node.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or("");
            return self.resolve(self.defs.get(name).unwrap_or(&Value::Null));
        }
        if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
            if let Some(x) = any
                .iter()
                .find(|x| x.get("type") != Some(&Value::from("null")))
            {
                return self.resolve(x);
            }
        }
        node.clone()
    }

    fn object(&self, node: &Value, ctx: &Ctx, out: &mut Vec<Field>) {
        let required = string_set(node, "required");
        let Some(props) = node.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, prop) in props {
            let path = format!("{}.{name}", ctx.prefix);
            let resolved = self.resolve(prop);
            let desc = describe(prop);
            let own = short(&desc);
            let label = match &ctx.parent_label {
                Some(p) => Text::new(
                    format!("{} · {}", p.zh, own.zh),
                    format!("{} · {}", p.en, own.en),
                ),
                None => own.clone(),
            };
            let req = ctx.required && required.contains(&name.as_str());
            if resolved.get("properties").is_some() {
                let optional = prop.get("anyOf").is_some();
                if optional && string_set(&resolved, "required").is_empty() {
                    out.push(Field {
                        kind: Kind::Group,
                        min: None,
                        max: None,
                        unit: Text::new("", ""),
                        note: desc.clone(),
                        path: path.clone(),
                        section: ctx.section.to_string(),
                        section_label: ctx.section_label.clone(),
                        label: label.clone(),
                        required: false,
                        schema: resolved.clone(),
                    });
                }
                let sub = Ctx {
                    section: ctx.section,
                    section_label: ctx.section_label,
                    prefix: path,
                    parent_label: Some(label),
                    required: true,
                };
                self.object(&resolved, &sub, out);
                continue;
            }
            out.push(Field {
                kind: self.kind(&resolved),
                min: resolved.get("minimum").and_then(Value::as_f64),
                max: resolved.get("maximum").and_then(Value::as_f64),
                unit: unit_of(name),
                note: desc,
                path,
                section: ctx.section.to_string(),
                section_label: ctx.section_label.clone(),
                label,
                required: req,
                schema: resolved,
            });
        }
    }

    fn kind(&self, node: &Value) -> Kind {
        if let Some(choices) = choices(node) {
            return Kind::Enum(choices);
        }
        let types = string_set(node, "type");
        if types.contains(&"array") {
            let items = self.resolve(node.get("items").unwrap_or(&Value::Null));
            return match choices(&items) {
                Some(c) => Kind::EnumList(c),
                None => Kind::Inline,
            };
        }
        // A map (`{scene: level}`): no properties to make columns of, so one
        // cell in YAML flow style, like a list of records.
        if types.contains(&"object") {
            return Kind::Inline;
        }
        if types.contains(&"boolean") {
            Kind::Bool
        } else if types.contains(&"integer") {
            Kind::Integer
        } else if types.contains(&"number") && types.contains(&"string") {
            Kind::Decimal
        } else if types.contains(&"number") {
            Kind::Number
        } else {
            Kind::Text
        }
    }
}

/// `type` or `required` as a set of strings, whether written as one string or a list.
fn string_set<'a>(node: &'a Value, key: &str) -> Vec<&'a str> {
    match node.get(key) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn choices(node: &Value) -> Option<Vec<Choice>> {
    let one_of = node.get("oneOf")?.as_array()?;
    one_of
        .iter()
        .map(|c| {
            let id = c.get("const")?.as_str()?.to_string();
            let mut label = short_choice(&describe(c));
            if label.zh.is_empty() {
                label = Text::new(id.clone(), id.clone());
            }
            Some(Choice { id, label })
        })
        .collect()
}

/// Advice that only holds for YAML (a cell formatted as text needs no
/// quotes), left out of the workbook's notes.
const YAML_ONLY: &[&str] = &[", 请加引号", "; put it in quotes"];

/// The description of a node, split into its Chinese and English halves.
fn describe(node: &Value) -> Text {
    let mut d = node
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    for advice in YAML_ONLY {
        d = d.replace(advice, "");
    }
    let d = d.as_str();
    let t = split_bilingual(d);
    match d.split_once(" 例 / Example: ") {
        Some((_, ex)) => Text::new(
            format!("{} 例: {ex}", t.zh),
            format!("{} Example: {ex}", t.en),
        ),
        None => t,
    }
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `中文 / English` → (中文, English). Both halves may themselves contain
/// " / " (电子信息 / 新一代信息技术); English starts at the first part with no
/// Chinese in it. Trailing "必填 / Required." and "例 / Example: …" are
/// dropped from the label parts (the note keeps the whole text).
pub fn split_bilingual(d: &str) -> Text {
    let d = d.split(" 例 / Example").next().unwrap_or(d);
    let d = d.replace(" 必填 / Required.", "");
    let parts: Vec<&str> = d.split(" / ").collect();
    match parts.iter().position(|p| !has_cjk(p)).filter(|&i| i > 0) {
        Some(i) => Text::new(parts[..i].join(" / "), parts[i..].join(" / ")),
        None => Text::new(d.clone(), d),
    }
}

/// The first phrase of a description, for a column heading.
fn short(t: &Text) -> Text {
    let t = &Text::new(
        t.zh.split(" 例: ").next().unwrap_or("").to_string(),
        t.en.split(" Example: ").next().unwrap_or("").to_string(),
    );
    let cut = |s: &str, seps: &[char]| -> String {
        let end = first_separator(s, seps).unwrap_or(s.len());
        s[..end].trim().trim_end_matches('.').to_string()
    };
    Text::new(
        cut(&t.zh, &[',', ':', ';', '，', '：', '；']),
        cut(&t.en, &[',', ':', ';']),
    )
}

/// Where a label ends: the first separator outside brackets that is not a
/// thousands comma ("规模以上工业企业 (主营业务收入 ≥ 2,000 万元)" keeps its
/// bracket whole; "(v2, 可选)" too).
fn first_separator(s: &str, seps: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    let mut prev = ' ';
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 && seps.contains(&c) => {
                let next = chars.peek().map(|&(_, n)| n).unwrap_or(' ');
                if !(c == ',' && prev.is_ascii_digit() && next.is_ascii_digit()) {
                    return Some(i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// An enum value's label: its description without the final period.
fn short_choice(t: &Text) -> Text {
    let tidy = |s: &str| s.trim().trim_end_matches('.').to_string();
    Text::new(tidy(&t.zh), tidy(&t.en))
}

/// Unit from the field-name suffix the questionnaire uses throughout.
fn unit_of(name: &str) -> Text {
    let (zh, en) = if name.ends_with("_wan") {
        ("万元", "10k CNY (万元)")
    } else if name.ends_with("_pct") {
        ("%", "%")
    } else if name.ends_with("_m2") {
        ("平方米", "m²")
    } else if name.ends_with("_tce") {
        ("吨标准煤", "tce")
    } else if name.ends_with("year") {
        ("年", "year")
    } else {
        ("", "")
    };
    Text::new(zh, en)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_label_keeps_its_brackets_and_thousands() {
        let t = super::short(&crate::lang::Text::new(
            "规模以上工业企业 (主营业务收入 ≥ 2,000 万元), 否则留空",
            "Above designated size (revenue ≥ 2,000 万元), else blank",
        ));
        assert_eq!(t.zh, "规模以上工业企业 (主营业务收入 ≥ 2,000 万元)");
        assert_eq!(t.en, "Above designated size (revenue ≥ 2,000 万元)");
        let v2 = super::short(&crate::lang::Text::new(
            "所需的情况 (v2, 可选)",
            "needs (v2, optional)",
        ));
        assert_eq!(v2.zh, "所需的情况 (v2, 可选)");
    }

    use super::*;

    #[test]
    fn the_credit_code_note_gives_no_yaml_quoting_advice() {
        let code = fields()
            .iter()
            .find(|f| f.path == "enterprise.credit_code")
            .unwrap();
        assert!(code.note.zh.contains("校验码"), "{}", code.note.zh);
        assert!(!code.note.zh.contains("引号"), "{}", code.note.zh);
        assert!(!code.note.en.contains("quotes"), "{}", code.note.en);
    }

    #[test]
    fn columns_follow_the_questionnaire() {
        let fs = fields();
        assert_eq!(fs[0].path, "enterprise.name");
        assert_eq!(fs[0].label.zh, "企业名称 (与营业执照一致)");
        assert!(fs[0].required);
        let sector = fs.iter().find(|f| f.path == "enterprise.sector").unwrap();
        let Kind::Enum(c) = &sector.kind else {
            panic!("sector is an enum")
        };
        assert_eq!(c.len(), 5);
        assert_eq!(c[2].id, "machinery_auto_parts");
        assert_eq!(c[2].label.zh, "机械汽配 / 机械装备");
        let lvl = fs
            .iter()
            .find(|f| f.path == "self_assessment.strategy.level")
            .unwrap();
        assert_eq!(lvl.label.zh, "组织战略 · 全部满足的最高等级 (0–5)");
        assert!(lvl.required, "level is required once the domain is rated");
        assert_eq!(lvl.max, Some(5.0));
        let rev = fs
            .iter()
            .find(|f| f.path == "enterprise.main_revenue_wan")
            .unwrap();
        assert!(matches!(rev.kind, Kind::Decimal));
        assert_eq!(rev.unit.zh, "万元");
        assert!(matches!(
            fs.iter()
                .find(|f| f.path == "informatization.systems")
                .unwrap()
                .kind,
            Kind::EnumList(_)
        ));
        assert!(matches!(
            fs.iter()
                .find(|f| f.path == "recognitions.tech_centers")
                .unwrap()
                .kind,
            Kind::Inline
        ));
        // Every label is unique, so an error naming a label names one column.
        let mut labels: Vec<_> = fs.iter().map(|f| f.label.zh.clone()).collect();
        labels.sort();
        let n = labels.len();
        labels.dedup();
        assert_eq!(
            labels.len(),
            n,
            "{:?}",
            fs.iter()
                .map(|f| (&f.path, &f.label.zh))
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_map_is_one_inline_cell() {
        let w = Walker { defs: &Value::Null };
        for node in [
            serde_json::json!({"type": "object", "additionalProperties": {"type": "integer"}}),
            serde_json::json!({"type": ["object", "null"], "additionalProperties": {"type": "integer"}}),
        ] {
            assert!(matches!(w.kind(&node), Kind::Inline), "{node}");
        }
        assert!(matches!(
            w.kind(&serde_json::json!({"type": "string"})),
            Kind::Text
        ));
    }

    #[test]
    fn groups_map_to_their_first_column() {
        let i = column_of("self_assessment.strategy").unwrap();
        assert_eq!(fields()[i].path, "self_assessment.strategy.level");
        let j = column_of("recognitions.tech_centers[1].year").unwrap();
        assert_eq!(fields()[j].path, "recognitions.tech_centers");
    }
}

//! The form's model (表单模型): every questionnaire section and field with
//! its label, unit, note, kind, choices, range and required mark, in one
//! language. It is the workbook's column list ([`crate::workbook::fields`]),
//! which is generated from the questionnaire's JSON Schema, so a field or
//! section added to the questionnaire (the v2 `digital`, `smart_factory`,
//! `upgrades` …) is in the form at once. The page's script draws the form
//! from this model; it lists no field itself.

use crate::lang::Lang;
use crate::workbook::fields::{fields, item_fields, tuple_choices, Choice, Field, Kind};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// The model in `lang`, built once per language.
pub fn model(lang: Lang) -> &'static Value {
    static ZH: OnceLock<Value> = OnceLock::new();
    static EN: OnceLock<Value> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Value {
    let mut sections: Vec<Map<String, Value>> = Vec::new();
    for f in fields() {
        let same = sections
            .last()
            .is_some_and(|s| s["id"] == f.section.as_str());
        if !same {
            let mut s = Map::new();
            s.insert("id".into(), Value::from(f.section.as_str()));
            s.insert("label".into(), Value::from(f.section_label.get(lang)));
            s.insert("fields".into(), Value::Array(Vec::new()));
            sections.push(s);
        }
        if let Some(Value::Array(list)) = sections.last_mut().map(|s| &mut s["fields"]) {
            list.push(field(f, lang));
        }
    }
    json!({
        "lang": lang.pick("zh", "en"),
        "schema_version": schema_version(),
        "sections": sections,
    })
}

/// The newest questionnaire format version (what the form writes).
fn schema_version() -> u64 {
    let s = crate::schema::schema(crate::schema::Which::Questionnaire);
    s["properties"]["schema_version"]["maximum"]
        .as_u64()
        .unwrap_or(1)
}

fn field(f: &Field, lang: Lang) -> Value {
    let mut v = json!({
        "path": f.path,
        "label": label(f.label.get(lang)),
        "unit": f.unit.get(lang),
        "note": note(f.note.get(lang), lang),
        "required": f.required,
        "min": f.min,
        "max": f.max,
    });
    let (kind, extra) = match &f.kind {
        Kind::Text => ("text", None),
        Kind::Integer => ("integer", None),
        Kind::Number => ("number", None),
        Kind::Decimal => ("decimal", None),
        Kind::Bool => ("bool", None),
        Kind::Group => ("group", None),
        Kind::Enum(c) => ("enum", Some(("choices", choices(c, lang)))),
        Kind::EnumList(c) => ("enum_list", Some(("choices", choices(c, lang)))),
        Kind::Inline => inline(f, lang, &mut v),
    };
    v["kind"] = Value::from(kind);
    if let Some((key, value)) = extra {
        v[key] = value;
    }
    v
}

/// A list of records (rows of their fields) or of fixed-length tuples of
/// ids (rows of selects).
fn inline(f: &Field, lang: Lang, v: &mut Value) -> (&'static str, Option<(&'static str, Value)>) {
    if let Some((c, arity)) = tuple_choices(f) {
        v["arity"] = Value::from(arity);
        return ("tuples", Some(("choices", choices(&c, lang))));
    }
    let items: Vec<Value> = item_fields(f).iter().map(|x| field(x, lang)).collect();
    ("records", Some(("items", Value::Array(items))))
}

/// A heading cut inside a bracket ("规模以上工业企业 (主营业务收入 ≥ 2" — the
/// column heading stops at the first comma) ends before that bracket.
fn label(s: &str) -> String {
    let open = s.matches('(').count() > s.matches(')').count();
    match s.rfind('(') {
        Some(i) if open => s[..i].trim_end().to_string(),
        _ => s.to_string(),
    }
}

/// A note whose description did not split into its two languages (the
/// English half names a unit such as 万元) still holds both: keep the half
/// of `lang`, split at the first " / " that English follows, and the example.
fn note(s: &str, lang: Lang) -> String {
    let split = s.match_indices(" / ").find(|(i, _)| {
        s[i + 3..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
    });
    let Some((i, _)) = split else {
        return s.to_string();
    };
    let (zh, en) = (&s[..i], &s[i + 3..]);
    match lang {
        Lang::En => en.to_string(),
        Lang::Zh => match en.find(" 例: ") {
            Some(j) => format!("{zh}{}", &en[j..]),
            None => zh.to_string(),
        },
    }
}

fn choices(c: &[Choice], lang: Lang) -> Value {
    c.iter()
        .map(|c| json!({ "id": c.id, "label": c.label.get(lang) }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find<'a>(m: &'a Value, path: &str) -> &'a Value {
        m["sections"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["fields"].as_array().into_iter().flatten())
            .find(|f| f["path"] == path)
            .unwrap_or_else(|| panic!("no field {path}"))
    }

    #[test]
    fn fields_carry_label_unit_kind_and_choices() {
        let m = model(Lang::Zh);
        let name = find(m, "enterprise.name");
        assert_eq!(name["kind"], "text");
        assert_eq!(name["required"], true);
        assert_eq!(name["label"], "企业名称 (与营业执照一致)");
        let rev = find(m, "enterprise.main_revenue_wan");
        assert_eq!(
            (rev["kind"].as_str(), rev["unit"].as_str()),
            (Some("decimal"), Some("万元"))
        );
        let sector = find(m, "enterprise.sector");
        let ids: Vec<_> = sector["choices"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].clone())
            .collect();
        assert!(
            ids.contains(&Value::from("machinery_auto_parts")),
            "{ids:?}"
        );
    }

    #[test]
    fn notes_keep_one_language_and_labels_close_their_brackets() {
        // The two versions of one note whose description did not split.
        let zh = "主营业务收入, 万元 / Main business revenue, in 万元 (10,000 CNY). 例: 2180.";
        let en = "主营业务收入, 万元 / Main business revenue, in 万元 (10,000 CNY). Example: 2180.";
        assert_eq!(note(zh, Lang::Zh), "主营业务收入, 万元 例: 2180.");
        assert_eq!(
            note(en, Lang::En),
            "Main business revenue, in 万元 (10,000 CNY). Example: 2180."
        );
        assert_eq!(
            note("电子信息 / 新一代信息技术", Lang::Zh),
            "电子信息 / 新一代信息技术"
        );
        assert_eq!(
            label("规模以上工业企业 (主营业务收入 ≥ 2"),
            "规模以上工业企业"
        );
        assert_eq!(label("工业总产值 (当年价)"), "工业总产值 (当年价)");
    }

    #[test]
    fn lists_of_records_and_pairs_become_rows() {
        let m = model(Lang::En);
        let lines = find(m, "projects.demo_lines");
        assert_eq!(lines["kind"], "records");
        let items: Vec<_> = lines["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["path"].clone())
            .collect();
        assert!(items.contains(&Value::from("investment_wan")), "{items:?}");
        let pairs = find(m, "informatization.integrations");
        assert_eq!(
            (pairs["kind"].as_str(), pairs["arity"].as_u64()),
            (Some("tuples"), Some(2))
        );
    }
}

//! Writing a questionnaire back as YAML (问卷 → YAML), exactly.
//!
//! `serde_yaml` would write every money figure as a quoted string (that is
//! how `Decimal` serialises) and every unknown as `null`; this writer follows
//! the JSON Schema instead, so amounts stay plain numbers with all their
//! digits, unknowns are left out (they default to unknown), and free text is
//! always quoted (an all-digit credit code stays text). Lists are written in
//! flow style (`[erp, mes]`), the same text a workbook cell holds.

use crate::questionnaire::Questionnaire;
use serde_json::{Map, Value};
use std::sync::OnceLock;

fn root_schema() -> &'static Value {
    static S: OnceLock<Value> = OnceLock::new();
    S.get_or_init(|| crate::schema::schema(crate::schema::Which::Questionnaire))
}

/// Follow `$ref` and `anyOf: [X, null]`.
fn resolve(node: &Value) -> &Value {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or("");
        let def = root_schema().get("$defs").and_then(|d| d.get(name));
        return resolve(def.unwrap_or(&Value::Null));
    }
    if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
        if let Some(x) = any
            .iter()
            .find(|x| x.get("type") != Some(&Value::from("null")))
        {
            return resolve(x);
        }
    }
    node
}

fn allows_number(node: &Value) -> bool {
    match node.get("type") {
        Some(Value::String(s)) => s == "number",
        Some(Value::Array(a)) => a.iter().any(|t| t == "number"),
        _ => false,
    }
}

fn is_enum(node: &Value) -> bool {
    node.get("oneOf").is_some() || node.get("enum").is_some()
}

/// The questionnaire as YAML text that parses back to an equal questionnaire.
pub fn to_yaml(q: &Questionnaire) -> String {
    let v = serde_json::to_value(q).unwrap_or(Value::Null);
    let mut out = String::new();
    if let Value::Object(m) = &v {
        block(m, resolve(root_schema()), 0, &mut out);
    }
    out
}

fn block(m: &Map<String, Value>, schema: &Value, depth: usize, out: &mut String) {
    let props = schema.get("properties");
    let indent = "  ".repeat(depth);
    for (k, v) in m {
        let sub = resolve(props.and_then(|p| p.get(k)).unwrap_or(&Value::Null));
        match v {
            Value::Null => {}
            Value::Object(inner) if inner.values().all(Value::is_null) => {
                // A present-but-empty group (e.g. `maker_space: {}`) differs from
                // an absent one below the top level; at the top it is the default.
                if depth > 0 {
                    out.push_str(&format!("{indent}{k}: {{}}\n"));
                }
            }
            Value::Object(inner) => {
                out.push_str(&format!("{indent}{k}:\n"));
                block(inner, sub, depth + 1, out);
            }
            _ => out.push_str(&format!("{indent}{k}: {}\n", flow(v, sub))),
        }
    }
}

/// One value in YAML flow style, following its schema node (already resolved).
pub fn flow(v: &Value, schema: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) if allows_number(schema) && s.parse::<rust_decimal::Decimal>().is_ok() => {
            s.clone()
        }
        Value::String(s) if is_enum(schema) && plain_id(s) => s.clone(),
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Array(items) => {
            let item_schema = resolve(schema.get("items").unwrap_or(&Value::Null));
            let parts: Vec<String> = items.iter().map(|x| flow(x, item_schema)).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Object(m) => {
            let props = schema.get("properties");
            let parts: Vec<String> = m
                .iter()
                .filter(|(_, x)| !x.is_null())
                .map(|(k, x)| {
                    let sub = resolve(props.and_then(|p| p.get(k)).unwrap_or(&Value::Null));
                    format!("{k}: {}", flow(x, sub))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// An enum id that YAML reads back as the same string without quotes.
fn plain_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !matches!(
            s,
            "null" | "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        )
}

/// The resolved schema node of a dotted path (for inline cells).
pub fn schema_at(path: &str) -> &'static Value {
    let mut node = resolve(root_schema());
    for key in path.split('.') {
        node = resolve(
            node.get("properties")
                .and_then(|p| p.get(key))
                .unwrap_or(&Value::Null),
        );
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_stays_a_number_and_text_stays_text() {
        let text = "schema_version: 1\nenterprise:\n  name: \"913505\"\n  credit_code: \"913505023546880000\"\n  sector: other\n  data_year: 2017\n  main_revenue_wan: 2180.50\nrecognitions:\n  tech_centers: [{kind: enterprise_tech_center, level: provincial, year: 2016}]\n";
        let q: Questionnaire = crate::yaml::from_str(text, "t").unwrap();
        let y = to_yaml(&q);
        assert!(y.contains("  main_revenue_wan: 2180.5\n"), "{y}");
        assert!(y.contains("  credit_code: \"913505023546880000\"\n"), "{y}");
        assert!(
            y.contains(
                "tech_centers: [{kind: enterprise_tech_center, level: provincial, year: 2016}]"
            ),
            "{y}"
        );
        let back: Questionnaire = crate::yaml::from_str(&y, "t").unwrap();
        assert_eq!(back, q);
    }
}

#[cfg(test)]
mod awkward_text {
    use super::*;

    #[test]
    fn any_text_survives_the_flow_style() {
        for name in [
            "a\u{2028}b",
            "a\u{2029}b",
            "a\u{85}b",
            "tab\there",
            "quote \" and \\ backslash",
            "# not a comment",
            "- not a list",
            "emoji 🏭",
            "null",
            "  leading and trailing  ",
        ] {
            let text = format!(
                "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\nprojects:\n  demo_lines: [{{name: {}}}]\n",
                serde_json::to_string(name).unwrap()
            );
            let q: Questionnaire = crate::yaml::from_str(&text, "t").unwrap();
            let back: Questionnaire = crate::yaml::from_str(&to_yaml(&q), "t")
                .unwrap_or_else(|d| panic!("{name:?}: {d:?}\n{}", to_yaml(&q)));
            assert_eq!(back, q, "{name:?}");
        }
    }
}

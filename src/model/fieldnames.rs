//! Questionnaire field names for people (字段名称): a report says "不良品率变化",
//! not `results.defect_rate_change_pct`.
//!
//! At the crate's top level, next to the schema it reads, so that the policy
//! engine (whose condition texts name fields) and the reports both call it
//! without the engine importing from the reports; `report::fields` re-exports it.
//!
//! The names come from the questionnaire's JSON Schema, whose descriptions
//! are the doc comments of the questionnaire types ("不良品率变化 % (…), 目标
//! ≤ −10 / Relative change in the defect rate, %…"), so every field has its
//! name in both languages without a second list to keep in step.

use crate::lang::Lang;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Field name (last path segment) and full dotted path → (zh, en) name.
type Names = HashMap<String, (String, String)>;

fn names() -> &'static Names {
    static NAMES: OnceLock<Names> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut schema = schemars::schema_for!(crate::questionnaire::Questionnaire).to_value();
        tidy_descriptions(&mut schema);
        let mut out = Names::new();
        collect(&schema, &schema, "", &mut out, 0);
        collect_enum_values(&schema, &mut out);
        out
    })
}

/// Enum values alone → (zh, en): a value must not take a field's name
/// (the value `level` of 主要技术经济指标 is not the field `level`).
fn values() -> &'static Names {
    static VALUES: OnceLock<Names> = OnceLock::new();
    VALUES.get_or_init(|| {
        let mut schema = schemars::schema_for!(crate::questionnaire::Questionnaire).to_value();
        tidy_descriptions(&mut schema);
        let mut out = Names::new();
        collect_enum_values(&schema, &mut out);
        out
    })
}

/// The name of an enum value (`central` → 中心园区运营方), from its doc
/// comment in the questionnaire schema; `None` when no enum has it.
pub fn value_label(id: &str, lang: Lang) -> Option<&'static str> {
    values().get(id).map(|(zh, en)| lang.pick(zh, en))
}

/// Walk the schema's properties (following `$ref` into `$defs`), recording
/// each field under its dotted path and, unless another field took it
/// first, under its bare name.
fn collect(root: &Value, node: &Value, prefix: &str, out: &mut Names, depth: usize) {
    if depth > 6 {
        return;
    }
    let node = resolve(root, node);
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, p) in props {
        let path = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let desc = p
            .get("description")
            .or_else(|| resolve(root, p).get("description"))
            .and_then(Value::as_str);
        if let Some(pair) = desc.and_then(split_description) {
            out.entry(name.clone()).or_insert_with(|| pair.clone());
            out.insert(path.clone(), pair);
        }
        let inner = p
            .get("anyOf")
            .and_then(Value::as_array)
            .and_then(|v| v.iter().find(|x| x.get("$ref").is_some()))
            .unwrap_or(p);
        collect(root, inner, &path, out, depth + 1);
    }
}

/// Enum values (`china_gold`, `provincial_famous_trademark` …) under their
/// own name, from the `oneOf` / `const` entries of the schema's definitions.
fn collect_enum_values(root: &Value, out: &mut Names) {
    let Some(defs) = root.get("$defs").and_then(Value::as_object) else {
        return;
    };
    for def in defs.values() {
        let Some(variants) = def.get("oneOf").and_then(Value::as_array) else {
            continue;
        };
        for v in variants {
            let id = v.get("const").and_then(Value::as_str);
            let desc = v.get("description").and_then(Value::as_str);
            if let (Some(id), Some(pair)) = (id, desc.and_then(split_description)) {
                out.entry(id.to_string()).or_insert(pair);
            }
        }
    }
}

fn resolve<'a>(root: &'a Value, node: &'a Value) -> &'a Value {
    node.get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
        .and_then(|name| root.get("$defs").and_then(|d| d.get(name)))
        .unwrap_or(node)
}

/// "运营成本变化 %, 目标 ≤ −20 / Change in operating cost, %; target ≤ −20."
/// → ("运营成本变化 %", "Change in operating cost"): the name is the text
/// before the first clause separator of each half.
fn split_description(d: &str) -> Option<(String, String)> {
    let (zh, en) = d.split_once(" / ")?;
    let cut = |s: &str, seps: &[&str]| {
        let end = seps
            .iter()
            .filter_map(|p| s.find(p))
            .min()
            .unwrap_or(s.len());
        s[..end]
            .trim()
            .trim_end_matches(['.', ':', '：'])
            .to_string()
    };
    let zh = cut(zh, &[",", ";", "(", "。", "，", "；", "（", ":", "："]);
    let en = cut(en, &[",", ";", "(", ". ", ":"]);
    (!zh.is_empty() && !en.is_empty()).then_some((zh, en))
}

/// Facts the level packs publish, which no questionnaire field names (their
/// last segment, `level`, would otherwise take the CMMM self-rating's name).
const DERIVED: &[(&str, &str, &str)] = &[
    ("digital_level.level", "数字化水平等级", "Digital level"),
    (
        "digital_level.score",
        "数字化水平得分",
        "Digital-level score",
    ),
    (
        "smart_factory.level",
        "智能工厂梯度等级",
        "Smart-factory level",
    ),
];

/// The name of a field given by dotted path (`results.defect_rate_change_pct`,
/// list indices dropped) or by bare name; `None` when the schema has none.
pub fn label(path: &str, lang: Lang) -> Option<&'static str> {
    if let Some((_, zh, en)) = DERIVED.iter().find(|(p, _, _)| *p == path) {
        return Some(lang.pick(zh, en));
    }
    let clean: String = path
        .split('.')
        .map(|seg| seg.split('[').next().unwrap_or(seg))
        .collect::<Vec<_>>()
        .join(".");
    let names = names();
    let last = clean.rsplit('.').next().unwrap_or(&clean);
    // Facts in CNY are named after their 万元 field (`…_ex_tax` from `…_ex_tax_wan`).
    names
        .get(&clean)
        .or_else(|| names.get(last))
        .or_else(|| names.get(&format!("{clean}_wan")))
        .or_else(|| names.get(&format!("{last}_wan")))
        .map(|(zh, en)| lang.pick(zh, en))
}

/// `text` with every questionnaire field name or path in it (`snake_case`
/// words, dotted paths) replaced by the field's name in `lang`. Used on texts
/// built elsewhere (gap lists, missing fields, explanations) before they
/// reach a reader.
pub fn humanize(text: &str, lang: Lang) -> String {
    humanize_with(text, lang, false)
}

/// As [`humanize`], for a text made only of field names (a formula): every
/// word that names a field is replaced, `employees` as well as
/// `results.defect_rate_change_pct`.
pub fn humanize_all(text: &str, lang: Lang) -> String {
    humanize_with(text, lang, true)
}

fn humanize_with(text: &str, lang: Lang, every_word: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    // A Markdown-escaped id (`defect\_rate`) is still one word.
    let flush = |word: &mut String, out: &mut String| {
        let w = std::mem::take(word);
        let trimmed = w.trim_end_matches('.');
        let unescaped = trimmed.replace("\\_", "_");
        let id_like = every_word || unescaped.contains('_') || unescaped.contains('.');
        match label(&unescaped, lang).filter(|_| id_like) {
            Some(name) => {
                out.push_str(name);
                out.push_str(&w[trimmed.len()..]);
            }
            None => out.push_str(&w),
        }
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let escaped_underscore = c == '\\' && chars.peek() == Some(&'_') && !word.is_empty();
        if escaped_underscore || c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '[' | ']') {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Each of `paths` by name, joined by the list separator of `lang`.
pub fn list(paths: &[impl AsRef<str>], lang: Lang) -> String {
    paths
        .iter()
        .map(|p| humanize(p.as_ref(), lang))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// Doc comments are wrapped at about 100 columns; a description is one
/// paragraph per line, so single line breaks become spaces (a blank line,
/// i.e. a new paragraph, is kept).
pub(crate) fn tidy_descriptions(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                match x {
                    Value::String(s) if k == "description" => {
                        *s = s
                            .split("\n\n")
                            .map(|para| {
                                para.split('\n')
                                    .map(str::trim)
                                    .collect::<Vec<_>>()
                                    .join(" ")
                            })
                            .collect::<Vec<_>>()
                            .join("\n\n");
                    }
                    _ => tidy_descriptions(x),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(tidy_descriptions),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_bare_names_get_the_schema_name() {
        assert_eq!(
            label("results.defect_rate_change_pct", Lang::Zh),
            Some("不良品率变化 %")
        );
        assert_eq!(
            label("defect_rate_change_pct", Lang::En),
            Some("Relative change in the defect rate")
        );
        assert!(label("no_such_field", Lang::Zh).is_none());
    }

    #[test]
    fn humanize_replaces_ids_and_keeps_the_rest() {
        let s = humanize(
            "未达标: defect_rate_change_pct, results.energy_utilisation_change_pct",
            Lang::Zh,
        );
        assert_eq!(s, "未达标: 不良品率变化 %, 能源利用率变化 %");
        // Words that are not fields stay, as do system names.
        assert_eq!(humanize("ERP 与 MES", Lang::Zh), "ERP 与 MES");
        // Markdown-escaped ids too.
        assert_eq!(
            humanize("缺少: results.defect\\_rate\\_change\\_pct", Lang::Zh),
            "缺少: 不良品率变化 %"
        );
    }
}

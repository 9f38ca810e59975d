//! JSON Schemas (JSON 模式) of the questionnaire and of the policy pack.
//!
//! Both are generated with `schemars` from the very types the loader
//! deserialises ([`crate::questionnaire::Questionnaire`],
//! [`crate::policy::pack::PolicyPack`]), so the schema cannot drift from what
//! `zhizao` accepts: `deny_unknown_fields` becomes
//! `additionalProperties: false`, `#[serde(default)]` fields are optional,
//! and the doc comments (Chinese / English) become the descriptions an editor
//! shows on hover. Money (`Decimal`) accepts a number or a numeric string, as
//! the loader does. Ranges that `validate` checks are repeated as `minimum` /
//! `maximum` so an editor flags them while typing; the consistency checks
//! between fields (`key_equipment_cnc ≤ key_equipment_total` …) stay in
//! `zhizao validate`.
//!
//! Copies live in `docs/schema/`; `tests/it/schema.rs` fails when they are stale
//! (regenerate with `zhizao schema questionnaire > docs/schema/questionnaire.schema.json`
//! and `zhizao schema policy > docs/schema/policy.schema.json`).

use crate::policy::pack::PolicyPack;
use crate::questionnaire::Questionnaire;
use schemars::Schema;
use serde_json::Value;

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The questionnaire (问卷), format version 2 (version 1 files are valid too).
    Questionnaire,
    /// The policy pack (政策包).
    Policy,
}

impl Which {
    /// Both schemas, in the order of `docs/schema/`.
    pub const ALL: [Which; 2] = [Which::Questionnaire, Which::Policy];

    /// File name of the committed copy under `docs/schema/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Which::Questionnaire => "questionnaire.schema.json",
            Which::Policy => "policy.schema.json",
        }
    }

    /// Argument of `zhizao schema`.
    pub fn arg(self) -> &'static str {
        match self {
            Which::Questionnaire => "questionnaire",
            Which::Policy => "policy",
        }
    }
}

/// The schema as a JSON value.
pub fn schema(which: Which) -> Value {
    let (s, title, description): (Schema, &str, &str) = match which {
        Which::Questionnaire => (
            schemars::schema_for!(Questionnaire),
            "zhizao 智能制造评估问卷 (格式版本 2, 仍可读 1) / zhizao smart-manufacturing questionnaire (format v2; v1 still read)",
            "一家工厂一个数据年度的情况; 字段说明见 docs/questionnaire.md。 / One factory in one data year; every field is explained in docs/questionnaire.md. Money fields (_wan) are in 万元 (10,000 CNY), percentages (_pct) are plain numbers 0–100; leave unknown values null.",
        ),
        Which::Policy => (
            schemars::schema_for!(PolicyPack),
            "zhizao 政策包 / zhizao policy pack",
            "扶持政策的条件、金额、出资方和条款, 金额单位为元; 编写方法见 docs/policy-authoring.md。 / Subsidy tracks as data — conditions, amounts, funders, clauses — with money in CNY (元); see docs/policy-authoring.md. `zhizao policy check FILE` runs the checks a schema cannot express (facts, splits, tiers).",
        ),
    };
    let mut v = s.to_value();
    crate::fieldnames::tidy_descriptions(&mut v);
    strip_fact_notes(&mut v);
    // `$schema`, title and description first: what a reader of the file sees first.
    let mut root = serde_json::Map::new();
    if let Value::Object(mut rest) = v {
        if let Some(x) = rest.remove("$schema") {
            root.insert("$schema".into(), x);
        }
        root.insert("title".into(), Value::from(title));
        root.insert("description".into(), Value::from(description));
        rest.remove("title");
        rest.remove("description");
        root.extend(rest);
    }
    Value::Object(root)
}

/// The questionnaire's `x-fact` annotations tell the facts registry where a
/// fact departs from the plain rule (`src/engine/facts/plain.rs`); they say nothing
/// to an editor, so the published schema leaves them out.
fn strip_fact_notes(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove(crate::facts::ANNOTATION);
            map.values_mut().for_each(strip_fact_notes);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_fact_notes),
        _ => {}
    }
}

/// The schema as pretty-printed JSON with a final newline: the exact text of
/// the committed copy in `docs/schema/`.
pub fn render(which: Which) -> String {
    let mut text = serde_json::to_string_pretty(&schema(which)).unwrap_or_default();
    text.push('\n');
    text
}

/// The questionnaire's top-level sections a YAML `template` does not write
/// (no line `name:` at the start), as commented-out YAML generated from the
/// schema: a heading, each field's description as a comment, and the field
/// with its empty value. `zhizao init` appends them to its hand-written
/// template, so a section added to the questionnaire (the v2 `digital`,
/// `smart_factory`, `upgrades`) appears in `init` without a second list to
/// keep in step. Removing the leading `# ` of a section's lines gives YAML
/// that loads. Empty when the template writes every section.
pub fn missing_sections(template: &str, l: crate::lang::Lang) -> String {
    let root = schema(Which::Questionnaire);
    let defs = root.get("$defs").cloned().unwrap_or(Value::Null);
    let Some(props) = root.get("properties").and_then(Value::as_object) else {
        return String::new();
    };
    let mut out = String::new();
    for (name, node) in props {
        let written = template.lines().any(|x| {
            x.strip_prefix(name.as_str())
                .is_some_and(|r| r.starts_with(':'))
        });
        if written {
            continue;
        }
        let label = crate::workbook::fields::split_bilingual(describe(node));
        let heading = label.get(l).trim_end_matches('.');
        out.push_str(&format!("\n# ─── {heading} ───\n"));
        out.push_str(l.pick(
            "# 用到时删去下面各行开头的 \"# \" 再填写; 不用则整段保持注释。\n",
            "# To fill it in, remove the leading \"# \" of the lines below; else leave them commented.\n",
        ));
        let body = skeleton(&resolve(node, &defs), &defs, 1, l);
        match body.is_empty() {
            true => out.push_str(&format!("# {name}: {{}}\n")),
            false => out.push_str(&format!("# {name}:\n{body}")),
        }
    }
    out
}

fn describe(node: &Value) -> &str {
    node.get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
}

/// Follow `$ref` and `anyOf: [X, null]` to the node that says what X is.
fn resolve(node: &Value, defs: &Value) -> Value {
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or("");
        return resolve(defs.get(name).unwrap_or(&Value::Null), defs);
    }
    if let Some(any) = node.get("anyOf").and_then(Value::as_array) {
        if let Some(x) = any.iter().find(|x| x["type"] != "null") {
            return resolve(x, defs);
        }
    }
    node.clone()
}

/// The commented lines of an object's fields at `depth` (two spaces each).
fn skeleton(node: &Value, defs: &Value, depth: usize, l: crate::lang::Lang) -> String {
    let pad = "  ".repeat(depth);
    let mut out = String::new();
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        return out;
    };
    for (name, prop) in props {
        let note = crate::workbook::fields::split_bilingual(describe(prop));
        for line in note.get(l).lines() {
            out.push_str(&format!("# {pad}# {line}\n"));
        }
        let inner = resolve(prop, defs);
        let nullable = prop.get("anyOf").is_some()
            || prop["type"]
                .as_array()
                .is_some_and(|t| t.contains(&Value::from("null")));
        let nested = skeleton(&inner, defs, depth + 1, l);
        if !nested.is_empty() && !nullable {
            out.push_str(&format!("# {pad}{name}:\n{nested}"));
            continue;
        }
        out.push_str(&format!(
            "# {pad}{name}: {}\n",
            empty_value(prop, &inner, nullable)
        ));
    }
    out
}

/// A field's value before it is filled in: its default, else null when it
/// may be null, else the empty value of its type.
fn empty_value(prop: &Value, inner: &Value, nullable: bool) -> String {
    if let Some(d) = prop.get("default") {
        return serde_json::to_string(d).unwrap_or_else(|_| "null".into());
    }
    if nullable {
        return "null".into();
    }
    let types: Vec<&str> = match &inner["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    match types.first().copied() {
        Some("array") => "[]".into(),
        Some("object") => "{}".into(),
        _ => "null".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questionnaire_schema_is_closed_and_bilingual() {
        let v = schema(Which::Questionnaire);
        assert_eq!(v["additionalProperties"], false);
        let req: Vec<_> = v["required"].as_array().unwrap().iter().collect();
        assert!(req.contains(&&Value::from("schema_version")));
        assert!(req.contains(&&Value::from("enterprise")));
        let name = &v["$defs"]["Enterprise"]["properties"]["name"]["description"];
        assert!(name.as_str().unwrap().contains("企业名称"), "{name}");
        assert!(name.as_str().unwrap().contains("Enterprise name"), "{name}");
    }

    /// A section shaped like the v2 ones will be: optional numbers, a
    /// list, an enum, a nested group with a default, an optional record.
    #[derive(Debug, Default, PartialEq, serde::Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Section {
        /// 覆盖率, % / Coverage, %.
        #[serde(default)]
        coverage_pct: Option<f64>,
        /// 系统 / Systems.
        #[serde(default)]
        systems: Vec<crate::questionnaire::System>,
        /// 产业 / Sector.
        #[serde(default)]
        sector: Option<crate::questionnaire::Sector>,
        /// 分组 / A group.
        #[serde(default)]
        group: Group,
        /// 记录 / An optional record.
        #[serde(default)]
        record: Option<Group>,
    }

    /// 分组 / A group.
    #[derive(Debug, Default, PartialEq, serde::Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    struct Group {
        /// 有 / Has it; 默认 false / default false.
        #[serde(default)]
        has: bool,
        /// 年份 / Year.
        #[serde(default)]
        year: Option<i32>,
    }

    #[test]
    fn a_section_skeleton_uncommented_loads_as_empty() {
        let v = schemars::schema_for!(Section).to_value();
        let defs = v.get("$defs").cloned().unwrap_or(Value::Null);
        for l in [crate::lang::Lang::Zh, crate::lang::Lang::En] {
            let text = skeleton(&v, &defs, 0, l);
            assert!(text.contains("# group:\n"), "{text}");
            assert!(text.contains("#   has: false\n"), "{text}");
            assert!(text.contains("# record: null\n"), "{text}");
            let uncommented: String = text
                .lines()
                .filter_map(|x| x.strip_prefix("# "))
                .map(|x| format!("{x}\n"))
                .collect();
            let back: Section = serde_yaml::from_str(&uncommented).expect(&uncommented);
            assert_eq!(back, Section::default());
        }
    }

    #[test]
    fn money_accepts_numbers() {
        let v = schema(Which::Questionnaire);
        let text = v["$defs"]["Enterprise"]["properties"]["main_revenue_wan"].to_string();
        assert!(text.contains("\"number\""), "{text}");
    }
}

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
//! Copies live in `docs/schema/`; `tests/schema.rs` fails when they are stale
//! (regenerate with `zhizao schema questionnaire > docs/schema/questionnaire.schema.json`
//! and `zhizao schema policy > docs/schema/policy.schema.json`).

use crate::policy::pack::PolicyPack;
use crate::questionnaire::Questionnaire;
use schemars::Schema;
use serde_json::Value;

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// The questionnaire (问卷), format version 1.
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
            "zhizao 智能制造评估问卷 (格式版本 1) / zhizao smart-manufacturing questionnaire (format v1)",
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

    #[test]
    fn money_accepts_numbers() {
        let v = schema(Which::Questionnaire);
        let text = v["$defs"]["Enterprise"]["properties"]["main_revenue_wan"].to_string();
        assert!(text.contains("\"number\""), "{text}");
    }
}

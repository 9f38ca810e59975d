//! What-if overrides (假设分析): `zhizao assess FILE --set path=value …`.
//!
//! Each `--set` names a dotted path into the questionnaire
//! (`equipment.key_equipment_cnc`, `robots.industrial_robots`,
//! `projects.demo_lines[0].investment_wan`) and a value written as YAML
//! (`42`, `true`, `null`, `[erp, mes, plm]`, `"名称"`). The overrides are
//! applied to the questionnaire's YAML tree, which then goes through the same
//! loader as a file: typed parsing (an unknown field gets the did-you-mean
//! hint), range and consistency checks. The report lists every overridden
//! value with the value in the file, so nobody mistakes a what-if for the
//! factory's own answers.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::input::{self, Loaded};
use crate::lang::Text;
use serde::Serialize;
use serde_yaml::Value;

/// One applied override.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Override {
    /// Dotted path.
    pub path: String,
    /// Value in the file (compact YAML), `None` when the field was absent.
    pub before: Option<String>,
    /// Value set (compact YAML).
    pub after: String,
}

/// Where an override error is reported (instead of a file name).
pub const SET_SOURCE: &str = "--set";

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn err(arg: &str, message: Text, hint: Option<Text>) -> Diagnostic {
    let mut d = Diagnostic::error(Code::Set, SET_SOURCE, message).at_path(arg.to_string());
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// Most parts (names and indices) a `--set` path may have; the deepest
/// questionnaire field has four (`recognitions.tech_centers[0].level`). A path
/// of thousands of parts built a tree so deep that writing it out overflowed
/// the stack (found with the `whatif_set` fuzz target).
pub const MAX_PATH_PARTS: usize = 16;

fn parse_path(path: &str) -> Result<Vec<Seg>, Text> {
    let mut segs = Vec::new();
    if path.is_empty() {
        return Err(Text::new("路径为空", "the path is empty"));
    }
    for part in path.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(Text::new(
                format!("路径中的 `{part}` 不是字段名 (小写字母、数字、下划线)"),
                format!("`{part}` in the path is not a field name (lower-case letters, digits, underscores)"),
            ));
        }
        segs.push(Seg::Key(name.to_string()));
        while !rest.is_empty() {
            let close = rest.find(']').ok_or_else(|| {
                Text::new(
                    format!("`{part}` 缺少 `]`"),
                    format!("`{part}` lacks a `]`"),
                )
            })?;
            let idx: usize = rest[1..close].parse().map_err(|_| {
                Text::new(
                    format!("`{part}` 中的下标须是非负整数"),
                    format!("the index in `{part}` must be a whole number ≥ 0"),
                )
            })?;
            segs.push(Seg::Index(idx));
            rest = &rest[close + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return Err(Text::new(
                    format!("无法理解 `{part}`"),
                    format!("cannot read `{part}`"),
                ));
            }
        }
    }
    if segs.len() > MAX_PATH_PARTS {
        return Err(Text::new(
            format!("路径有 {} 层, 问卷字段最多 4 层", segs.len()),
            format!(
                "the path has {} parts; questionnaire fields are at most 4 deep",
                segs.len()
            ),
        ));
    }
    Ok(segs)
}

/// Split `path=value` and parse the value as a YAML scalar or flow value.
fn parse_arg(arg: &str) -> Result<(String, Vec<Seg>, Value), Diagnostic> {
    let Some((path, value)) = arg.split_once('=') else {
        return Err(err(
            arg,
            Text::new("--set 须写成 路径=值", "--set takes path=value"),
            Some(Text::new(
                "例如 --set equipment.key_equipment_cnc=130",
                "for example --set equipment.key_equipment_cnc=130",
            )),
        ));
    };
    let path = path.trim();
    let segs = parse_path(path).map_err(|m| err(arg, m, None))?;
    if value.trim().is_empty() {
        return Err(err(
            arg,
            Text::new(
                format!("`{path}` 没有给出值"),
                format!("no value given for `{path}`"),
            ),
            Some(Text::new(
                "要清空一个字段请写 null",
                "write null to clear a field",
            )),
        ));
    }
    crate::yaml::guard(value, SET_SOURCE).map_err(|d| {
        let mut d = d.at_path(arg.to_string());
        d.line = None;
        d.column = None;
        d
    })?;
    let v: Value = serde_yaml::from_str(value).map_err(|e| {
        err(
            arg,
            Text::new(
                format!("`{value}` 不是有效的 YAML 值: {e}"),
                format!("`{value}` is not a valid YAML value: {e}"),
            ),
            Some(Text::new(
                "文字请加引号, 列表写成 [a, b]",
                "quote text; write lists as [a, b]",
            )),
        )
    })?;
    Ok((path.to_string(), segs, v))
}

/// Compact YAML of a value, on one line.
pub fn compact(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Sequence(items) => format!(
            "[{}]",
            items.iter().map(compact).collect::<Vec<_>>().join(", ")
        ),
        Value::Mapping(m) => format!(
            "{{{}}}",
            m.iter()
                .map(|(k, v)| format!("{}: {}", compact(k), compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Tagged(t) => format!("{} {}", t.tag, compact(&t.value)),
    }
}

fn shown_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Set a value in the tree; returns the previous value (None when absent).
fn set(root: &mut Value, segs: &[Seg], v: Value, arg: &str) -> Result<Option<Value>, Diagnostic> {
    let mut cur = root;
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        let here = shown_path(&segs[..i]);
        match seg {
            Seg::Key(k) => {
                if cur.is_null() {
                    *cur = Value::Mapping(Default::default());
                }
                let Value::Mapping(m) = cur else {
                    return Err(err(
                        arg,
                        Text::new(
                            format!("`{here}` 是一个值, 不是可以往下写的节"),
                            format!("`{here}` is a value, not a section with fields"),
                        ),
                        None,
                    ));
                };
                let key = Value::String(k.clone());
                if last {
                    return Ok(m.insert(key, v));
                }
                if !m.contains_key(&key) {
                    m.insert(key.clone(), Value::Null);
                }
                cur = m.get_mut(&key).expect("inserted above");
            }
            Seg::Index(idx) => {
                let Value::Sequence(items) = cur else {
                    return Err(err(
                        arg,
                        Text::new(
                            format!("`{here}` 不是列表, 不能用下标"),
                            format!("`{here}` is not a list; it takes no index"),
                        ),
                        None,
                    ));
                };
                let n = items.len();
                let Some(slot) = items.get_mut(*idx) else {
                    return Err(err(
                        arg,
                        Text::new(
                            format!("`{here}` 只有 {n} 项, 下标 {idx} 超出范围"),
                            format!("`{here}` has {n} items; index {idx} is out of range"),
                        ),
                        Some(Text::new(
                            "要替换整个列表, 请写 路径=[…]",
                            "to replace the whole list, write path=[…]",
                        )),
                    ));
                };
                if last {
                    return Ok(Some(std::mem::replace(slot, v)));
                }
                cur = slot;
            }
        }
    }
    Ok(None)
}

/// Apply `--set` arguments to a questionnaire source and load the result
/// through the same checks as a file. Diagnostics name `--set` instead of
/// line numbers (the lines of the rewritten text mean nothing to the user);
/// the SHA-256 stays that of the original file.
pub fn apply(
    original: &Loaded,
    file: &str,
    sets: &[String],
) -> Result<(Loaded, Vec<Override>), Vec<Diagnostic>> {
    let mut root: Value = serde_yaml::from_str(&original.source).map_err(|e| {
        vec![Diagnostic::error(
            Code::Set,
            file,
            Text::new(
                format!("无法读取问卷: {e}"),
                format!("cannot read the questionnaire: {e}"),
            ),
        )]
    })?;
    let mut overrides = Vec::new();
    let mut errors = Vec::new();
    for arg in sets {
        match parse_arg(arg).and_then(|(path, segs, v)| {
            let after = compact(&v);
            set(&mut root, &segs, v, arg).map(|old| Override {
                path,
                before: old.filter(|o| !o.is_null()).map(|o| compact(&o)),
                after,
            })
        }) {
            Ok(o) => overrides.push(o),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let text = serde_yaml::to_string(&root).map_err(|e| {
        vec![Diagnostic::error(
            Code::Set,
            SET_SOURCE,
            Text::new(
                format!("无法写出问卷: {e}"),
                format!("cannot write the questionnaire: {e}"),
            ),
        )]
    })?;
    let detach = |mut d: Diagnostic| {
        d.line = None;
        d.column = None;
        d.file = format!("{file} ({SET_SOURCE})");
        d
    };
    match input::from_bytes(text.as_bytes(), file) {
        Ok(mut l) => {
            l.warnings = l.warnings.into_iter().map(detach).collect();
            l.sha256 = original.sha256.clone();
            l.source = text;
            Ok((l, overrides))
        }
        Err((diags, _)) => Err(diags.into_iter().map(detach).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const Q: &str = "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\nequipment:\n  key_equipment_total: 10\n  key_equipment_cnc: 5\nprojects:\n  demo_lines:\n    - {name: a, investment_wan: 100}\n";

    fn load() -> Loaded {
        input::from_bytes(Q.as_bytes(), "q.yaml").unwrap()
    }

    fn run(sets: &[&str]) -> Result<(Loaded, Vec<Override>), Vec<Diagnostic>> {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        apply(&load(), "q.yaml", &sets)
    }

    #[test]
    fn sets_values_and_records_the_old_ones() {
        let (l, o) = run(&[
            "equipment.key_equipment_cnc=8",
            "robots.industrial_robots=3",
            "informatization.systems=[erp, mes]",
            "projects.demo_lines[0].investment_wan=250",
        ])
        .unwrap();
        let q = &l.questionnaire;
        assert_eq!(q.equipment.key_equipment_cnc, Some(8));
        assert_eq!(q.robots.industrial_robots, Some(3));
        assert_eq!(q.informatization.systems.as_ref().unwrap().len(), 2);
        assert_eq!(o[0].before.as_deref(), Some("5"));
        assert_eq!(o[1].before, None);
        assert_eq!(o[2].after, "[erp, mes]");
        assert_eq!(o[3].before.as_deref(), Some("100"));
        assert_eq!(l.sha256, load().sha256);
    }

    #[test]
    fn unknown_field_gets_a_did_you_mean_hint() {
        let e = run(&["equipment.key_equipment_cn=8"]).unwrap_err();
        assert_eq!(e[0].path.as_deref(), Some("equipment.key_equipment_cn"));
        assert!(e[0].message.en.contains("unknown field"));
        assert!(e[0].hint.as_ref().unwrap().en.contains("key_equipment_cnc"));
        assert_eq!(e[0].line, None);
    }

    #[test]
    fn a_path_thousands_of_parts_deep_is_refused_not_a_stack_overflow() {
        let deep = format!("enterprise.{}=1", vec!["a"; 60_000].join("."));
        let e = run(&[&deep]).unwrap_err();
        assert!(
            e[0].message.en.contains("the path has 60001 parts"),
            "{:?}",
            e[0].message
        );
        assert!(run(&["recognitions.tech_centers=[]"]).is_ok());
    }

    #[test]
    fn bad_values_and_paths_are_refused() {
        for (arg, want) in [
            ("equipment.key_equipment_cnc", "path=value"),
            ("equipment.key_equipment_cnc=", "no value"),
            ("Equipment.x=1", "not a field name"),
            ("enterprise.name.first=1", "is a value"),
            ("projects.demo_lines[3].name=x", "out of range"),
            ("equipment[0]=1", "not a list"),
            (
                "equipment.key_equipment_cnc=[1, 2",
                "not a valid YAML value",
            ),
        ] {
            let e = run(&[arg]).unwrap_err();
            assert!(e[0].message.en.contains(want), "{arg}: {:?}", e[0].message);
        }
        // Type and range errors come from the loader.
        let e = run(&["equipment.key_equipment_cnc=many"]).unwrap_err();
        assert_eq!(e[0].path.as_deref(), Some("equipment.key_equipment_cnc"));
        let e = run(&["equipment.key_equipment_cnc=11"]).unwrap_err();
        assert!(e.iter().any(|d| d.is_error()));
    }
}

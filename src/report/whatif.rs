//! What-if reports (假设分析报告): how the overrides of `--set` show in the
//! terminal and the JSON; the overrides themselves are applied in
//! [`crate::whatif`]. (The Markdown/HTML/DOCX reports list them through
//! [`super::view::ReportInput::overrides`].)

use crate::assess::Assessment;
use crate::lang::Lang;
use crate::whatif::Override;

/// A note for the terminal report listing the overrides.
pub fn terminal_note(overrides: &[Override], lang: Lang) -> String {
    if overrides.is_empty() {
        return String::new();
    }
    let mut s = format!(
        "{}\n",
        lang.pick(
            "假设分析：以下数值已被 --set 覆盖（非问卷原值）",
            "What-if: these values were overridden with --set (not the questionnaire's own)"
        )
    );
    // The paths and values are what the user typed: shown as typed, made
    // safe for the terminal.
    for o in overrides {
        s.push_str(&format!(
            "  {}: {} → {}\n",
            crate::textsafe::echo(&o.path),
            crate::textsafe::echo(o.before.as_deref().unwrap_or("—")),
            crate::textsafe::echo(&o.after)
        ));
    }
    s.push('\n');
    s
}

/// JSON of an assessment with an `overrides` key added at the end
/// (docs/json-output.md).
pub fn json(a: &Assessment, overrides: &[Override]) -> String {
    let mut v = serde_json::to_value(a).unwrap_or_default();
    if let serde_json::Value::Object(m) = &mut v {
        m.insert(
            "overrides".into(),
            serde_json::to_value(overrides).unwrap_or_default(),
        );
    }
    serde_json::to_string_pretty(&v).unwrap_or_default() + "\n"
}

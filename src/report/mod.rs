//! Reports (报告): terminal tables for people, JSON for programs, Markdown
//! and self-contained HTML for reports people act on.

pub mod html;
pub mod markdown;
pub mod svg;
pub mod terminal;
pub mod view;

use crate::assess::Assessment;

/// JSON of an assessment (documented in docs/json-output.md). Pretty-printed
/// and deterministic: the same input gives byte-identical output.
pub fn json(a: &Assessment) -> String {
    // Serialising plain data structures to JSON cannot fail.
    serde_json::to_string_pretty(a).unwrap_or_default() + "\n"
}

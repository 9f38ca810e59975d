//! Reports (报告): terminal tables for people, JSON for programs.

pub mod terminal;

use crate::assess::Assessment;

/// JSON of an assessment (documented in docs/json-output.md). Pretty-printed
/// and deterministic: the same input gives byte-identical output.
pub fn json(a: &Assessment) -> String {
    // Serialising plain data structures to JSON cannot fail.
    serde_json::to_string_pretty(a).unwrap_or_default() + "\n"
}

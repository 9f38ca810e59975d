//! The bureau's Excel loop (Excel 申报表): questionnaire workbooks in and out.
//!
//! - [`template`]: `zhizao init --format xlsx` — the 申报表 template, and
//!   questionnaires written as its rows (`convert`, `sample --format xlsx`).
//! - [`read`]: a filled workbook back to questionnaires, one per row, with
//!   errors as `file.xlsx!申报表!C12`.
//! - [`yamlout`]: a questionnaire written back as YAML, exactly.
//! - [`fields`]: the columns, derived from the questionnaire's JSON Schema.
//! - [`convert`]: the `zhizao convert` command (YAML ↔ workbook rows).

pub mod convert;
pub mod fields;
pub mod nearmiss;
pub mod previous;
pub mod previous_xlsx;
pub mod read;
pub mod reports;
pub mod results;
pub mod template;
pub mod yamlout;

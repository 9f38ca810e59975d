//! Questionnaire field names for people (字段名称): the reports' name for
//! [`crate::fieldnames`], which the policy engine shares.

pub use crate::fieldnames::{humanize, humanize_all, label, list};

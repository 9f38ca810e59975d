//! Markdown report (Markdown 报告): tables only, no raw HTML, so it renders
//! the same on GitHub, GitLab, VS Code and most Markdown viewers. Every
//! string from the questionnaire passes the `md` filter
//! ([`super::view::md_escape`]).

use super::view::{self, ReportInput};
use crate::assess::Assessment;
use crate::compare::Comparison;
use crate::lang::Lang;

/// The assessment report.
pub fn render(r: &ReportInput) -> anyhow::Result<String> {
    Ok(super::zh_finish(view::markdown(r)?, r.lang))
}

/// A before/after comparison.
pub fn compare(
    c: &Comparison,
    _before: &Assessment,
    _after: &Assessment,
    lang: Lang,
    date: &str,
) -> anyhow::Result<String> {
    Ok(super::zh_finish(
        view::compare_markdown(c, lang, date)?,
        lang,
    ))
}

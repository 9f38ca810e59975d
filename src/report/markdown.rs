//! Markdown report (Markdown 报告): tables only, no raw HTML, so it renders
//! the same on GitHub, GitLab, VS Code and most Markdown viewers. Every
//! string from the questionnaire passes the `md` filter
//! ([`super::templates::md_escape`]).

use super::view::{self, ReportInput};

/// The assessment report.
pub fn render(r: &ReportInput) -> anyhow::Result<String> {
    Ok(super::zh_finish(view::markdown(r)?, r.lang))
}

//! HTML report (HTML 报告): one self-contained file — inline CSS and SVG, no
//! scripts, no web fonts, no network — that prints on A4. The templates are
//! `.html` templates, so minijinja escapes every value (questionnaire
//! strings included); only the SVG charts, built and escaped by
//! [`super::svg`], are inserted as safe markup.

use super::view::{self, ReportInput};

/// The assessment report.
pub fn render(r: &ReportInput) -> anyhow::Result<String> {
    Ok(super::zh_finish(view::html(r)?, r.lang))
}

//! HTML report (HTML 报告): one self-contained file — inline CSS and SVG, no
//! scripts, no web fonts, no network — that prints on A4. The templates are
//! `.html` templates, so minijinja escapes every value (questionnaire
//! strings included); only the SVG charts, built and escaped by
//! [`super::svg`], are inserted as safe markup.

use super::view::{self, ReportInput};
use crate::assess::Assessment;
use crate::compare::Comparison;
use crate::lang::Lang;

/// The assessment report.
pub fn render(r: &ReportInput) -> anyhow::Result<String> {
    Ok(super::zh_finish(view::html(r)?, r.lang))
}

/// A before/after comparison.
pub fn compare(
    c: &Comparison,
    before: &Assessment,
    after: &Assessment,
    lang: Lang,
    date: &str,
) -> anyhow::Result<String> {
    Ok(super::zh_finish(
        view::compare_html(c, before, after, lang, date)?,
        lang,
    ))
}

//! Reports (报告): terminal tables for people, JSON for programs, Markdown
//! and self-contained HTML for reports people act on.

pub mod fields;
pub mod fit;
pub mod html;
pub mod markdown;
pub mod pack;
pub mod svg;
pub mod terminal;
pub mod units;
pub mod view;
pub mod zh;

use crate::assess::Assessment;

/// JSON of an assessment (documented in docs/json-output.md). Pretty-printed
/// and deterministic: the same input gives byte-identical output.
pub fn json(a: &Assessment) -> String {
    // Serialising plain data structures to JSON cannot fail.
    serde_json::to_string_pretty(a).unwrap_or_default() + "\n"
}

/// The notes under a track's explanation, in report order: the district-cap
/// cut, the prerequisite, (optionally) the kind of support, and our reading of
/// the text. Shared by the terminal and the Markdown/HTML reports.
pub fn track_notes(
    t: &crate::policy::eval::TrackResult,
    l: crate::lang::Lang,
    with_support: bool,
) -> Vec<String> {
    use crate::policy::pack::Funder;
    let mut lines = Vec::new();
    if let Some(b) = t.district_before_cap {
        lines.push(format!(
            "{} {} → {}",
            l.pick("区级份额封顶:", "district share capped:"),
            b.report(l),
            t.by_funder
                .get(&Funder::District)
                .map(|r| r.report(l))
                .unwrap_or_default()
        ));
    }
    if let Some(p) = &t.prerequisite_note {
        lines.push(format!("{}: {}", l.pick("前提", "first"), p.get(l)));
    }
    if let Some(s) = t.support.as_ref().filter(|_| with_support) {
        lines.push(format!("{}: {}", l.pick("支持方式", "support"), s.get(l)));
    }
    if let Some(i) = &t.interpretation {
        lines.push(format!("{}: {}", l.pick("解读", "reading"), i.get(l)));
    }
    lines
}

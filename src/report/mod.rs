//! Reports (报告): terminal tables for people, JSON for programs, Markdown
//! and self-contained HTML for reports people act on.

pub mod compare;
pub mod date;
pub mod docx;
pub mod fields;
pub mod fit;
pub mod html;
pub mod level_plan;
pub mod levels;
pub mod markdown;
pub mod pack;
pub mod profile;
pub mod screening;
pub mod svg;
pub mod templates;
pub mod terminal;
pub mod totals;
pub mod units;
pub mod view;
pub mod whatif;
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
/// the text. Shared by the terminal and the Markdown/HTML reports; the
/// readings it rests on follow ([`crate::policy::eval::ReadingNote::spans`]),
/// each renderer setting their `--reading` commands as code.
pub fn track_notes(
    t: &crate::policy::eval::TrackResult,
    l: crate::lang::Lang,
    with_support: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(b) = t.district_before_cap {
        lines.push(format!(
            "{} {} → {}",
            l.pick("区级份额封顶:", "district share capped:"),
            b.report(l),
            t.capped_funder
                .as_ref()
                .and_then(|f| t.by_funder.get(f))
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
    if let Some(tax) = &t.tax {
        lines.extend(tax.steps.iter().map(|s| s.get(l).to_string()));
    }
    lines
}

/// A track's reference mark (" [S]") when its pack tags it [S], [T] or [M]
/// ([`crate::confidence::Confidence::mark`]); empty for official figures
/// and for tracks whose pack gives no tag (the 2016 pack).
pub fn track_mark(t: &crate::policy::eval::TrackResult) -> String {
    t.confidence.map(|c| c.mark()).unwrap_or_default()
}

/// One legend line per reference tag the given tracks carry, like the
/// legend of the level sections.
pub fn track_legend<'a>(
    tracks: impl IntoIterator<Item = &'a crate::policy::eval::TrackResult>,
    l: crate::lang::Lang,
) -> Vec<String> {
    let tags = tracks
        .into_iter()
        .filter_map(|t| t.confidence)
        .filter(|c| c.is_reference())
        .collect();
    levels::legend(&tags, l)
}

/// A track's amount before the cap, or what it gives instead of money (a
/// tax benefit, equity, other support); "—" when unknown.
pub fn track_amount(t: &crate::policy::eval::TrackResult, l: crate::lang::Lang) -> String {
    use crate::policy::pack::TrackKind;
    match (t.kind, t.amount) {
        (_, Some(r)) => r.report(l),
        (TrackKind::TaxBenefit, None) => l
            .pick("税收优惠 (非资金)", "tax benefit (not money)")
            .into(),
        (TrackKind::Equity, None) => l.pick("股权投资 (非补助)", "equity (not a grant)").into(),
        (TrackKind::NonMonetary, None) => l.pick("非资金支持", "non-monetary support").into(),
        _ => "—".into(),
    }
}

/// A finished Chinese HTML or Markdown document in Chinese typography:
/// questionnaire field names and enum ids that reached a text become their
/// Chinese names ([`fields::humanize`]), and prose gets full-width
/// punctuation ([`zh::punct`]). Code spans (`<code>`, Markdown backticks:
/// what the user typed, such as a `--set` path) and the `<style>` block are
/// left alone. English documents are returned unchanged.
pub fn zh_finish(text: String, l: crate::lang::Lang) -> String {
    if l == crate::lang::Lang::En {
        return text;
    }
    const KEPT: [(&str, &str); 3] = [("<style>", "</style>"), ("<code>", "</code>"), ("`", "`")];
    let fix = |s: &str| zh::punct(&fields::humanize(s, l)).into_owned();
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest = text.as_str();
    loop {
        let next = KEPT
            .iter()
            .filter_map(|(open, close)| rest.find(open).map(|i| (i, *open, *close)))
            .min_by_key(|x| x.0);
        let Some((i, open, close)) = next else {
            out.push_str(&fix(rest));
            return out;
        };
        out.push_str(&fix(&rest[..i]));
        let after = i + open.len();
        let end = rest[after..]
            .find(close)
            .map(|e| after + e + close.len())
            .unwrap_or(rest.len());
        out.push_str(&rest[i..end]);
        rest = &rest[end..];
    }
}

/// The tracks whose district share the cap cut, by title, for the line
/// under the totals.
pub fn cut_names(
    a: &crate::assess::Assessment,
    dc: &crate::policy::eval::DistrictCapResult,
    l: crate::lang::Lang,
) -> String {
    dc.cut
        .iter()
        .map(|id| {
            a.subsidies
                .iter()
                .find(|t| &t.id == id && t.pack == dc.pack)
                .map(|t| t.title.get(l).to_string())
                .unwrap_or_else(|| id.clone())
        })
        .collect::<Vec<_>>()
        .join(l.pick("、", ", "))
}

/// The district cap on the eligible tracks alone, when the cap binds on the
/// run with candidates that the cap line shows and the eligible tracks come
/// out otherwise: a candidate is not an award yet, so what is due now can
/// be capped differently (or not at all). `None` otherwise.
pub fn eligible_cap_note(
    dc: &crate::policy::eval::DistrictCapResult,
    shares: &str,
    l: crate::lang::Lang,
) -> Option<String> {
    dc.cap?;
    let e = &dc.eligible;
    // Worth a line only when the cap cuts the total with candidates and the
    // eligible tracks alone (some district money) come out otherwise.
    let differs = e.after != dc.after || e.binding != dc.binding;
    if !dc.binding || e.before == crate::money::Range::ZERO || !differs {
        return None;
    }
    let why = match (&e.trigger_note, e.binding) {
        (Some(n), _) => format!(" ({})", n.get(l)),
        (None, true) => format!(" ({})", l.pick("已封顶", "cap binds")),
        (None, false) => String::new(),
    };
    Some(format!(
        "{}: {shares} {} → {}{why}",
        l.pick(
            "仅计符合项（候选项尚不是奖励）",
            "Eligible tracks alone (a candidate is not an award yet)"
        ),
        e.before.report(l),
        e.after.report(l),
    ))
}

/// A condition value in words: in Chinese, `true` / `false` are 是 / 否
/// (the engine writes them as in the pack).
pub fn value_words(v: &str, l: crate::lang::Lang) -> String {
    match (l, v) {
        (crate::lang::Lang::Zh, "true") => "是".into(),
        (crate::lang::Lang::Zh, "false") => "否".into(),
        _ => fields::humanize(v, l),
    }
}

/// Whether any amount of the assessment is rounded when shown in 万元 with
/// two decimals (it is not a whole hundred 元): then the Chinese report
/// says so, and where the exact figure is.
pub fn rounding_shows(a: &crate::assess::Assessment) -> bool {
    let track = |t: &crate::policy::eval::TrackResult| {
        t.amount.is_some_and(|r| r.rounds_in_wan())
            || t.by_funder.values().any(|r| r.rounds_in_wan())
            || t.district_before_cap.is_some_and(|r| r.rounds_in_wan())
    };
    let totals = |t: &crate::policy::eval::Totals| {
        t.total.rounds_in_wan() || t.by_funder.values().any(|r| r.rounds_in_wan())
    };
    a.subsidies.iter().any(track) || totals(&a.totals.eligible) || totals(&a.totals.potential)
}

/// The footnote for rounded 万元 figures; empty when nothing rounds or in
/// English (CNY is shown to the fen).
pub fn rounding_note(a: &crate::assess::Assessment, l: crate::lang::Lang) -> &'static str {
    if l == crate::lang::Lang::Zh && rounding_shows(a) {
        "金额以万元为单位、保留两位小数，部分金额有舍入；精确到分的金额见 JSON 输出。"
    } else {
        ""
    }
}

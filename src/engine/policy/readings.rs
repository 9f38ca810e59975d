//! Readings of the text (条文解读) as data: where the notice is ambiguous the
//! pack records each reading (id, clause, options, the one taken, why) and
//! gates the parts, conditions and settings that differ with `under`.
//!
//! A reading is applied by removing what belongs to the options not chosen,
//! once, when the pack is loaded; the evaluator then sees an ordinary pack.
//! A user picks another option with `--reading ID=OPTION` (repeatable).

use super::pack::{Condition, Part, PolicyPack, Under};
use crate::lang::Text;
use std::collections::BTreeMap;

/// Chosen options by reading id (what `--reading` gives).
pub type Choices = BTreeMap<String, String>;

/// Parse one `--reading ID=OPTION` argument.
pub fn parse_choice(arg: &str) -> Result<(String, String), Text> {
    match arg.split_once('=') {
        Some((id, opt)) if !id.trim().is_empty() && !opt.trim().is_empty() => {
            Ok((id.trim().to_string(), opt.trim().to_string()))
        }
        _ => Err(Text::new(
            format!("`--reading {}` 应写成 ID=选项", crate::textsafe::echo(arg)),
            format!(
                "`--reading {}` must be ID=OPTION",
                crate::textsafe::echo(arg)
            ),
        )),
    }
}

/// Problems with the readings of a pack, as (path, zh, en): unknown ids,
/// fewer than two options, a default that is not an option, an `under`
/// that names no reading or option, a track that does not exist.
pub fn check(pack: &PolicyPack) -> Vec<(String, String, String)> {
    let mut errs = Vec::new();
    let mut seen = BTreeMap::new();
    for (i, r) in pack.readings.iter().enumerate() {
        let at = format!("readings[{i}]");
        if seen.insert(r.id.as_str(), ()).is_some() {
            errs.push((
                format!("{at}.id"),
                format!("重复的解读 id `{}`", r.id),
                format!("duplicate reading id `{}`", r.id),
            ));
        }
        if r.options.len() < 2 {
            errs.push((
                format!("{at}.options"),
                "解读至少要有两个选项".into(),
                "a reading needs at least two options".into(),
            ));
        }
        if !r.options.iter().any(|o| o.id == r.taken) {
            errs.push((
                format!("{at}.taken"),
                format!("`{}` 不是该解读的选项", r.taken),
                format!("`{}` is not one of the reading's options", r.taken),
            ));
        }
        if r.tracks.is_empty() && r.affects.is_none() {
            errs.push((
                format!("{at}.tracks"),
                "解读须列出受影响的扶持项 (tracks) 或全包部分 (affects)".into(),
                "a reading needs the tracks it affects, or `affects` (district_cap / validity) when it is pack-wide".into(),
            ));
        }
        for (k, t) in r.tracks.iter().enumerate() {
            if !pack.tracks.iter().any(|x| &x.id == t) {
                errs.push((
                    format!("{at}.tracks[{k}]"),
                    format!("没有扶持项 `{t}`"),
                    format!("no track `{t}`"),
                ));
            }
        }
    }
    for (path, u) in unders(pack) {
        match pack.readings.iter().find(|r| r.id == u.reading) {
            None => errs.push((
                path,
                format!("未定义的解读 `{}`", u.reading),
                format!("`under` names no reading `{}`", u.reading),
            )),
            Some(r) if !r.options.iter().any(|o| o.id == u.option) => errs.push((
                path,
                format!("解读 `{}` 没有选项 `{}`", u.reading, u.option),
                format!("reading `{}` has no option `{}`", u.reading, u.option),
            )),
            _ => {}
        }
    }
    errs
}

/// Every `under` of the pack with its path.
fn unders(pack: &PolicyPack) -> Vec<(String, &Under)> {
    let mut out = Vec::new();
    fn conds<'a>(out: &mut Vec<(String, &'a Under)>, at: &str, list: &'a [Condition]) {
        for (j, c) in list.iter().enumerate() {
            if let Some(u) = &c.under {
                out.push((format!("{at}[{j}].under"), u));
            }
        }
    }
    for (i, h) in pack.horizon.iter().enumerate() {
        if let Some(u) = &h.under {
            out.push((format!("horizon[{i}].under"), u));
        }
    }
    for (i, s) in pack
        .district_cap
        .iter()
        .flat_map(|d| d.settings.iter())
        .enumerate()
    {
        if let Some(u) = &s.under {
            out.push((format!("district_cap.settings[{i}].under"), u));
        }
    }
    for (i, t) in pack.tracks.iter().enumerate() {
        conds(
            &mut out,
            &format!("tracks[{i}].eligible_when"),
            &t.eligible_when,
        );
        conds(
            &mut out,
            &format!("tracks[{i}].candidate_when"),
            &t.candidate_when,
        );
        let Some(a) = &t.amount else { continue };
        for (j, g) in a.group_caps.iter().enumerate() {
            if let Some(u) = &g.under {
                out.push((format!("tracks[{i}].amount.group_caps[{j}].under"), u));
            }
        }
        for (j, p) in a.parts.iter().enumerate() {
            if let Some(u) = &p.under {
                out.push((format!("tracks[{i}].amount.parts[{j}].under"), u));
            }
        }
        for (k, tier) in a.tiers.iter().flat_map(|t| t.tiers.iter()).enumerate() {
            for (j, p) in tier.parts.iter().enumerate() {
                if let Some(u) = &p.under {
                    let at = format!("tracks[{i}].amount.tiers.tiers[{k}].parts[{j}].under");
                    out.push((at, u));
                }
            }
        }
    }
    out
}

/// Check `choices` against the pack: each names a reading and one of its options.
pub fn check_choices(pack: &PolicyPack, choices: &Choices) -> Result<(), Text> {
    for (id, opt) in choices {
        let Some(r) = pack.readings.iter().find(|r| &r.id == id) else {
            let known: Vec<&str> = pack.readings.iter().map(|r| r.id.as_str()).collect();
            return Err(Text::new(
                format!(
                    "没有解读 `{}` (可选: {})",
                    crate::textsafe::echo(id),
                    known.join(", ")
                ),
                format!(
                    "no reading `{}` (known: {})",
                    crate::textsafe::echo(id),
                    known.join(", ")
                ),
            ));
        };
        if !r.options.iter().any(|o| &o.id == opt) {
            let known: Vec<&str> = r.options.iter().map(|o| o.id.as_str()).collect();
            return Err(Text::new(
                format!(
                    "解读 `{id}` 没有选项 `{}` (可选: {})",
                    crate::textsafe::echo(opt),
                    known.join(", ")
                ),
                format!(
                    "reading `{id}` has no option `{}` (options: {})",
                    crate::textsafe::echo(opt),
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

/// Apply the readings: record the chosen option of each (the pack's
/// default unless `choices` names another) and drop every condition, part
/// and setting gated on an option not chosen. `choices` must have passed
/// [`check_choices`].
pub fn apply(pack: &mut PolicyPack, choices: &Choices) {
    if pack.as_written.is_none() {
        pack.as_written = Some(Box::new(pack.clone()));
    }
    for r in &mut pack.readings {
        r.chosen = Some(choices.get(&r.id).unwrap_or(&r.taken).clone());
    }
    let chosen: BTreeMap<String, String> = pack
        .readings
        .iter()
        .filter_map(|r| Some((r.id.clone(), r.chosen.clone()?)))
        .collect();
    let keep = |u: &Option<Under>| {
        u.as_ref()
            .is_none_or(|u| chosen.get(&u.reading) == Some(&u.option))
    };
    pack.horizon.retain(|h| keep(&h.under));
    if let Some(dc) = pack.district_cap.as_mut() {
        dc.settings.retain(|s| keep(&s.under));
        dc.min_district_awards = dc.settings.iter().find_map(|s| s.min_district_awards);
        dc.split_shares_counted = dc.settings.iter().find_map(|s| s.split_shares_counted);
    }
    let parts = |list: &mut Vec<Part>| list.retain(|p| keep(&p.under));
    for t in &mut pack.tracks {
        t.eligible_when.retain(|c| keep(&c.under));
        t.candidate_when.retain(|c| keep(&c.under));
        if let Some(a) = t.amount.as_mut() {
            parts(&mut a.parts);
            a.group_caps.retain(|g| keep(&g.under));
            for tier in a.tiers.iter_mut().flat_map(|t| t.tiers.iter_mut()) {
                parts(&mut tier.parts);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_choice_is_id_equals_option() {
        assert_eq!(
            parse_choice("warehouse-cap=per-enterprise").unwrap(),
            ("warehouse-cap".to_string(), "per-enterprise".to_string())
        );
        assert!(parse_choice("warehouse-cap").is_err());
        assert!(parse_choice("=x").is_err());
        // User text is echoed terminal-safe.
        let e = parse_choice("\u{1b}[2J").unwrap_err();
        assert!(!e.en.contains('\u{1b}'), "{}", e.en);
    }

    #[test]
    fn unknown_readings_and_options_are_errors_naming_the_known_ones() {
        let pack = crate::policy::default_pack();
        let bad = Choices::from([("warehouse-cap".to_string(), "per-site".to_string())]);
        let e = check_choices(&pack, &bad).unwrap_err();
        assert!(e.en.contains("per-facility, per-enterprise"), "{}", e.en);
        let bad = Choices::from([("no-such".to_string(), "x".to_string())]);
        let e = check_choices(&pack, &bad).unwrap_err();
        assert!(e.en.contains("district-cap-trigger"), "{}", e.en);
    }

    #[test]
    fn applying_keeps_only_the_chosen_option() {
        let pack = crate::policy::default_pack();
        let parts = |p: &PolicyPack| {
            let t = p
                .tracks
                .iter()
                .find(|t| t.id == "cnc-rd-major-project")
                .unwrap();
            let a = t.amount.as_ref().unwrap();
            (a.parts.len(), a.parts.iter().all(|x| x.per_unit.is_some()))
        };
        // Per project (default): the two per-unit parts only.
        assert_eq!(parts(&pack), (2, true));
        let c = Choices::from([("major-rd-ceiling".to_string(), "per-enterprise".to_string())]);
        let alt = crate::policy::with_readings(&pack, &c).unwrap();
        assert_eq!(parts(&alt), (2, false));
        let r = alt
            .readings
            .iter()
            .find(|r| r.id == "major-rd-ceiling")
            .unwrap();
        assert_eq!(r.chosen.as_deref(), Some("per-enterprise"));
        // Choosing again starts from the pack as written, not from the last choice.
        let back = crate::policy::with_readings(&alt, &Choices::new()).unwrap();
        assert_eq!(parts(&back), (2, true));
    }

    #[test]
    fn every_reading_of_the_default_pack_is_used() {
        let pack = crate::policy::default_pack();
        let written = pack.as_written.as_deref().unwrap();
        let used: Vec<&str> = unders(written)
            .iter()
            .map(|(_, u)| u.reading.as_str())
            .collect();
        for r in &pack.readings {
            assert!(
                used.contains(&r.id.as_str()),
                "reading {} gates nothing",
                r.id
            );
        }
    }
}

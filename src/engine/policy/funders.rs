//! Funders as data (出资方): a pack declares who pays (`funders:` — id, name,
//! level); every funder a track names is resolved to its declaration once, at
//! load, so totals are ordered by level and labelled by the pack's own words.

use super::pack::{Funder, FunderDecl, PolicyPack};
use std::collections::BTreeMap;

/// A funder named where the pack declares none of that id: (path, id).
pub type Undeclared = (String, String);

/// Give every funder the pack names its declaration (the pack's `funders:`,
/// or the standard province/city/district when it declares none). Returns
/// the names that are not declared, with where they are.
pub fn resolve(pack: &mut PolicyPack) -> Vec<Undeclared> {
    if pack.funders.is_empty() {
        pack.funders = super::pack::standard_funders();
    }
    pack.funder_handles = pack.funders.iter().cloned().map(Funder::new).collect();
    let declared: BTreeMap<String, Funder> = pack
        .funder_handles
        .iter()
        .map(|f| (f.id().to_string(), f.clone()))
        .collect();
    let mut bad = Vec::new();
    let mut fix = |path: String, f: &Funder| -> Funder {
        match declared.get(f.id()) {
            Some(d) => d.clone(),
            None => {
                bad.push((path, f.id().to_string()));
                f.clone()
            }
        }
    };
    for (i, t) in pack.tracks.iter_mut().enumerate() {
        let at = format!("tracks[{i}]");
        for (j, f) in t.funders.iter_mut().enumerate() {
            *f = fix(format!("{at}.funders[{j}]"), f);
        }
        let Some(a) = t.amount.as_mut() else { continue };
        for (j, g) in a.group_caps.iter_mut().enumerate() {
            let gp = format!("{at}.amount.group_caps[{j}]");
            for f in g.funders.iter_mut() {
                *f = fix(format!("{gp}.funders"), f);
            }
            for f in g.kept.iter_mut() {
                *f = fix(format!("{gp}.kept"), f);
            }
        }
        let tiered = a.tiers.iter_mut().flat_map(|t| t.tiers.iter_mut());
        let parts = a
            .parts
            .iter_mut()
            .chain(tiered.flat_map(|t| t.parts.iter_mut()));
        for (j, p) in parts.enumerate() {
            let pp = format!("{at}.amount.parts[{j}]");
            if let Some(f) = p.funder.as_mut() {
                *f = fix(format!("{pp}.funder"), f);
            }
            if let Some(split) = p.split.take() {
                p.split = Some(
                    split
                        .into_iter()
                        .map(|(f, share)| (fix(format!("{pp}.split"), &f), share))
                        .collect(),
                );
            }
        }
    }
    if let Some(cap) = pack.district_cap.as_mut() {
        cap.funder = fix("district_cap.funder".into(), &cap.funder);
    }
    bad
}

/// [`resolve`] and [`duplicates`] together: every funder problem of a pack.
pub fn undeclared_or_repeated(pack: &mut PolicyPack) -> Vec<Undeclared> {
    let mut bad = duplicates(&pack.funders);
    bad.extend(resolve(pack));
    bad
}

/// Declarations that repeat an id within one pack: (path, id).
pub fn duplicates(decls: &[FunderDecl]) -> Vec<Undeclared> {
    let mut seen = std::collections::BTreeSet::new();
    decls
        .iter()
        .enumerate()
        .filter(|(_, d)| !seen.insert(d.id.as_str()))
        .map(|(i, d)| (format!("funders[{i}].id"), d.id.clone()))
        .collect()
}

/// Funders two packs both declare must be the same funder (same level), or
/// their totals could not be added: (pack id, funder id) of each conflict.
pub fn conflicts(packs: &[PolicyPack]) -> Vec<(String, String)> {
    let mut first: BTreeMap<&str, &FunderDecl> = BTreeMap::new();
    let mut out = Vec::new();
    for p in packs {
        for d in &p.funders {
            match first.get(d.id.as_str()) {
                Some(e) if e.level != d.level => out.push((p.id.clone(), d.id.clone())),
                Some(_) => {}
                None => {
                    first.insert(&d.id, d);
                }
            }
        }
    }
    out
}

/// Every funder of the packs, in report order (level, then id).
pub fn all(packs: &[&PolicyPack]) -> Vec<Funder> {
    let mut set: std::collections::BTreeSet<Funder> = Default::default();
    for p in packs {
        set.extend(p.funder_handles.iter().cloned());
    }
    set.into_iter().collect()
}

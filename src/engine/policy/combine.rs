//! Several policy packs evaluated together (多个政策包并行测算): a city and a
//! district notice at once. Each pack is evaluated on its own — its validity,
//! readings and caps apply to its own tracks — and the results are joined:
//! tracks in pack order, totals added up by funder.

use super::eval::{self, PolicyResult, Summary, Totals};
use super::pack::PolicyPack;
use crate::facts::Facts;
use crate::lang::Text;
use serde::Serialize;

/// One pack's standing in a joint evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyInfo {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title of the policy document.
    pub title: Text,
    /// In force for the data year.
    pub in_force: bool,
    /// Why not, or the horizon warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub validity_note: Option<Text>,
    /// The data year is after the pack's horizon.
    pub beyond_horizon: bool,
}

impl Totals {
    /// Both totals together, funder by funder (a funder either lacks is zero there).
    pub fn plus(&self, o: &Totals) -> Totals {
        let mut t = self.clone();
        t.add(o);
        t
    }

    /// [`Totals::plus`] in place: no copy of the map built so far.
    pub fn add(&mut self, o: &Totals) {
        for (f, r) in &o.by_funder {
            let e = self
                .by_funder
                .entry(f.clone())
                .or_insert(crate::money::Range::ZERO);
            *e = e.plus(*r);
        }
        self.total = self.total.plus(o.total);
    }
}

/// Every pack evaluated with explanations: the first pack's result carries
/// the others' tracks (tagged with their pack) and totals, and each pack's
/// standing is listed when there is more than one. `packs` is not empty.
pub fn evaluate_all(packs: &[&PolicyPack], facts: &Facts) -> (PolicyResult, Vec<PolicyInfo>) {
    let (first, rest) = split(packs);
    let mut joint = eval::evaluate(first, facts);
    if rest.is_empty() {
        return (joint, Vec::new());
    }
    let mut infos = vec![info(first, &joint)];
    tag(&mut joint, &first.id);
    for p in rest {
        let mut r = eval::evaluate(p, facts);
        infos.push(info(p, &r));
        tag(&mut r, &p.id);
        joint.tracks.append(&mut r.tracks);
        joint.readings.append(&mut r.readings);
        joint.eligible_totals = joint.eligible_totals.plus(&r.eligible_totals);
        joint.potential_totals = joint.potential_totals.plus(&r.potential_totals);
        joint.beyond_horizon |= r.beyond_horizon;
        joint.more_caps.extend(r.district_cap.map(|mut c| {
            c.pack = Some(p.id.clone());
            c
        }));
    }
    if let Some(c) = joint.district_cap.as_mut() {
        c.pack = Some(first.id.clone());
    }
    (joint, infos)
}

/// Every pack's statuses and amounts, joined like [`evaluate_all`].
pub fn summarize_all(packs: &[&PolicyPack], facts: &Facts) -> Summary {
    let (first, rest) = split(packs);
    let mut joint = eval::summarize(first, facts);
    for p in rest {
        let mut s = eval::summarize(p, facts);
        joint.tracks.append(&mut s.tracks);
        joint.eligible_totals.add(&s.eligible_totals);
        joint.potential_totals.add(&s.potential_totals);
        joint.beyond_horizon |= s.beyond_horizon;
        joint.in_force |= s.in_force;
        joint.more_caps.extend(s.district_cap);
    }
    joint
}

/// The first pack and the rest; an engine always holds at least one pack
/// (its loader refuses none), so an empty list is a caller's bug.
fn split<'a>(packs: &[&'a PolicyPack]) -> (&'a PolicyPack, Vec<&'a PolicyPack>) {
    match packs.split_first() {
        Some((first, rest)) => (first, rest.to_vec()),
        None => panic!("evaluate_all or summarize_all called without a pack"),
    }
}

fn tag(r: &mut PolicyResult, pack: &str) {
    for t in &mut r.tracks {
        t.pack = Some(pack.to_string());
    }
}

fn info(p: &PolicyPack, r: &PolicyResult) -> PolicyInfo {
    PolicyInfo {
        id: p.id.clone(),
        version: p.version.clone(),
        title: p.title.clone(),
        in_force: r.in_force,
        validity_note: r.validity_note.clone(),
        beyond_horizon: r.beyond_horizon,
    }
}

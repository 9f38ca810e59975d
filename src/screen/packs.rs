//! The policy packs a screening runs on (筛选所用的政策包), and how its
//! outputs name their tracks and money columns.
//!
//! With one pack a track keeps its id (`smart-factory-award`), as every sheet
//! a bureau already has; with several, ids could repeat between packs, so a
//! track is named `pack-id/track-id`. The money columns are the funders the
//! packs declare, in report order (level, then id): with the 2016 notice
//! alone, province, city and district as before.

use crate::assess::Engine;
use crate::policy::eval::ByFunder;
use crate::policy::pack::{Funder, PolicyPack, Track};

/// The packs of a screening, in the order given.
#[derive(Debug, Clone)]
pub struct Packs<'a> {
    list: Vec<&'a PolicyPack>,
    funders: Vec<Funder>,
    /// Every track's name and the funder its pack caps, in pack order (made
    /// once: a batch names the tracks of every file with them).
    names: Vec<(String, Option<Funder>)>,
    /// Tracks are named `pack-id/track-id` (several packs given together).
    several: bool,
}

impl<'a> Packs<'a> {
    /// Every policy pack of the engine. The shipped packs chosen by data
    /// year (no `--policy`) keep plain track ids: they are unique across
    /// those packs, and a 2017 folder's sheets stay as they were.
    pub fn of(engine: &'a Engine) -> Packs<'a> {
        let mut p = Packs::new(engine.policies().collect());
        if engine.by_data_year {
            p.several = false;
            p.names = p
                .list
                .iter()
                .flat_map(|pk| {
                    let capped = crate::policy::eval::capped_funder(pk);
                    pk.tracks
                        .iter()
                        .map(move |t| (t.id.clone(), capped.cloned()))
                })
                .collect();
        }
        p
    }

    /// The packs a screening applied, for its summary and exports: with
    /// the shipped packs chosen by data year, those in force for at least
    /// one of the data `years` screened (a 2017 folder names the 2016 notice
    /// alone, as it always did); with `--policy`, every pack given. Track
    /// names stay as the rows have them.
    pub fn applied(&self, years: impl IntoIterator<Item = i32>) -> Packs<'a> {
        if self.several {
            return self.clone();
        }
        let years: Vec<i32> = years.into_iter().collect();
        let list: Vec<&'a PolicyPack> = self
            .list
            .iter()
            .copied()
            .filter(|p| years.iter().any(|y| crate::policy::eval::covers(p, *y)))
            .collect();
        if list.is_empty() || list.len() == self.list.len() {
            return self.clone();
        }
        let mut kept = Packs::new(list);
        kept.several = false;
        kept.names = self
            .names
            .iter()
            .filter(|(n, _)| kept.tracks().any(|(_, _, t)| t.id == *n))
            .cloned()
            .collect();
        kept
    }

    /// These packs (the first is the engine's first).
    pub fn new(list: Vec<&'a PolicyPack>) -> Packs<'a> {
        let funders = crate::policy::funders::all(&list);
        let several = list.len() > 1;
        let names = list
            .iter()
            .flat_map(|p| {
                let capped = crate::policy::eval::capped_funder(p);
                p.tracks
                    .iter()
                    .map(move |t| (track_name(several, &p.id, &t.id), capped.cloned()))
            })
            .collect();
        Packs {
            list,
            funders,
            names,
            several,
        }
    }

    /// Every track's name and the funder its pack's per-enterprise cap
    /// limits, in the order of a joint evaluation's tracks (pack by pack).
    pub fn track_names(&self) -> &[(String, Option<Funder>)] {
        &self.names
    }

    /// The packs, in the order given.
    pub fn list(&self) -> &[&'a PolicyPack] {
        &self.list
    }

    /// The first pack (the one the engine calls its policy).
    pub fn first(&self) -> Option<&'a PolicyPack> {
        self.list.first().copied()
    }

    /// The money columns: every funder of the packs, in report order.
    pub fn funders(&self) -> &[Funder] {
        &self.funders
    }

    /// A track's name in rows and sheets: its id with one pack,
    /// `pack-id/track-id` with several.
    pub fn track_name(&self, pack: &PolicyPack, track_id: &str) -> String {
        track_name(self.several, &pack.id, track_id)
    }

    /// Every track of every pack with its name, in pack order.
    pub fn tracks(&self) -> impl Iterator<Item = (String, &'a PolicyPack, &'a Track)> + '_ {
        self.list.iter().flat_map(move |p| {
            p.tracks
                .iter()
                .map(move |t| (self.track_name(p, &t.id), *p, t))
        })
    }

    /// The track a row names.
    pub fn track(&self, name: &str) -> Option<&'a Track> {
        // As `tracks()` names them, without making every name.
        self.list.iter().find_map(|p| {
            let id = match self.several {
                true => name
                    .strip_prefix(p.id.as_str())
                    .and_then(|r| r.strip_prefix('/')),
                false => Some(name),
            };
            id.and_then(|id| p.tracks.iter().find(|t| t.id == id))
        })
    }

    /// The declared funder of this id (a funder read back from a spill or a
    /// JSON file carries only its id).
    pub fn funder(&self, id: &str) -> Option<&Funder> {
        self.funders.iter().find(|f| f.id() == id)
    }
}

/// `pack/track` when several packs are screened together, else the id.
pub(crate) fn track_name(several: bool, pack_id: &str, track_id: &str) -> String {
    match several {
        true => format!("{pack_id}/{track_id}"),
        false => track_id.to_string(),
    }
}

/// `m` with every funder replaced by its declaration among `funders` (one
/// that is not declared is kept as it is).
pub(crate) fn redeclare(m: &ByFunder, funders: &[Funder]) -> ByFunder {
    m.iter()
        .map(|(f, r)| (redeclared(f, funders), *r))
        .collect()
}

/// `f` as `funders` declare it.
pub(crate) fn redeclared(f: &Funder, funders: &[Funder]) -> Funder {
    funders
        .iter()
        .find(|d| d.id() == f.id())
        .unwrap_or(f)
        .clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pack_keeps_ids_several_prefix_the_pack() {
        assert_eq!(track_name(false, "licheng-2016", "rd"), "rd");
        assert_eq!(track_name(true, "licheng-2016", "rd"), "licheng-2016/rd");
    }

    #[test]
    fn the_shipped_pack_alone_has_the_three_standard_columns() {
        let e = Engine::shipped();
        let p = Packs::of(&e);
        assert_eq!(p.funders(), Funder::standard_all().as_slice());
        let first = p.tracks().next().map(|(n, _, t)| (n, t.id.clone()));
        assert!(first.is_some_and(|(n, id)| n == id));
    }
}

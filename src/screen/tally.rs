//! What the results workbook must know before its first enterprise row
//! (汇总表需要预先知道的数): table sizes, exact totals, the dashboard's
//! counts and the near-miss shortlist.
//!
//! A streamed sheet's table, its totals row and its print area are set
//! before the rows are written, so these figures come first. Gathered in
//! pass 1 from the rows as they are made ([`super::screen_for_workbook`]),
//! they cost no extra read of the spill; a screening made without them
//! gets them from one read of its rows ([`WorkbookTally::read`]). Both give
//! the same tally (a test says so): money is keyed by funder as a row read
//! back from the spill names it.

use super::{Row, Screened};
use crate::criteria::Status;
use crate::policy::eval::ByFunder;
use crate::policy::pack::Funder;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Largest district amounts kept (the Summary's top-10 share).
pub const DISTRICT_TOP: usize = 10;

/// Sizes, totals and counts of the workbook's streamed sheets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkbookTally {
    /// Enterprise rows.
    pub rows: u32,
    /// Track rows (eligible, candidate and near tracks of every row).
    pub track_rows: u32,
    /// Σ of each row's eligible maximum, by funder, 元 (no maximum counts 0).
    pub eligible: BTreeMap<Funder, Decimal>,
    /// Σ of each row's potential maximum over all funders, 元 (a row
    /// with any funder unbounded counts 0).
    pub potential: Decimal,
    /// Σ of each track row's maximum, by funder, 元.
    pub track_by_funder: BTreeMap<Funder, Decimal>,
    /// Σ of each track row's maximum over all funders, 元.
    pub track_all: Decimal,
    /// The [`DISTRICT_TOP`] largest district potentials, largest first, 元.
    pub district_top: Vec<Decimal>,
    /// Σ of every row's district potential, 元.
    pub district_all: Decimal,
    /// Rows by estimated maturity level 0–5, then unknown.
    pub levels: [u32; 7],
    /// Automated & digital, digital workshop, smart factory: rows by status
    /// (met, not met, unknown, not applicable).
    pub verdicts: [[u32; 4]; 3],
    /// Eligible maxima by data year and funder, 元 (every year of a row has
    /// an entry).
    pub by_year: BTreeMap<i32, BTreeMap<Funder, Decimal>>,
    /// Near-miss shortlists (digital workshop, smart factory): rows not
    /// meeting the criterion and not recognised, by score, `keep` of each.
    pub shortlist: [Vec<Short>; 2],
    /// Entries kept per shortlist.
    pub keep: usize,
}

/// One enterprise on a near-miss shortlist.
#[derive(Debug, Clone, PartialEq)]
pub struct Short {
    /// The row's file.
    pub file: String,
    /// Maturity score (0 when unknown).
    pub score: f64,
}

fn status_index(s: Status) -> usize {
    match s {
        Status::Met => 0,
        Status::NotMet => 1,
        Status::Unknown => 2,
        Status::NotApplicable => 3,
    }
}

/// `f` as a row read back from the spill names it: the declaration of its
/// id among `funders`, else the funder its id alone names.
fn read_back(f: &Funder, funders: &[Funder]) -> Funder {
    match funders.iter().find(|d| d.id() == f.id()) {
        Some(d) => d.clone(),
        None => Funder::standard(f.id()),
    }
}

/// `m` keyed as a row read back from the spill keys it.
fn keyed(m: &ByFunder, funders: &[Funder]) -> ByFunder {
    m.iter().map(|(f, r)| (read_back(f, funders), *r)).collect()
}

fn add_max(to: &mut BTreeMap<Funder, Decimal>, m: &ByFunder) {
    for (f, r) in m {
        *to.entry(f.clone()).or_default() += r.max.unwrap_or_default();
    }
}

fn total_max(m: &ByFunder) -> Option<Decimal> {
    m.values().map(|r| r.max).sum()
}

/// Order of a shortlist: higher score first, then by file.
fn trim(l: &mut Vec<Short>, keep: usize) {
    l.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.file.cmp(&b.file))
    });
    l.truncate(keep);
}

impl WorkbookTally {
    /// An empty tally keeping `keep` entries per near-miss shortlist.
    pub fn new(keep: usize) -> WorkbookTally {
        WorkbookTally {
            keep,
            ..WorkbookTally::default()
        }
    }

    /// Count one row; `funders` are the screening's ([`Screened::funders`]).
    pub fn add(&mut self, row: &Row, funders: &[Funder]) {
        self.rows += 1;
        self.track_rows += row.tracks.len() as u32;
        let eligible = keyed(&row.eligible, funders);
        let potential = keyed(&row.potential, funders);
        add_max(&mut self.eligible, &eligible);
        add_max(self.by_year.entry(row.data_year).or_default(), &eligible);
        self.potential += total_max(&potential).unwrap_or_default();
        let district = potential
            .get(&Funder::standard("district"))
            .and_then(|r| r.max)
            .unwrap_or_default();
        self.offer_district(district);
        self.district_all += district;
        for t in &row.tracks {
            let by = keyed(&t.by_funder, funders);
            add_max(&mut self.track_by_funder, &by);
            self.track_all += total_max(&by).unwrap_or_default();
        }
        self.levels[row.level.map_or(6, |x| usize::from(x.min(5)))] += 1;
        for (i, s) in [
            row.automated_digital,
            row.digital_workshop,
            row.smart_factory,
        ]
        .into_iter()
        .enumerate()
        {
            self.verdicts[i][status_index(s)] += 1;
        }
        let open = [
            (row.digital_workshop, row.recognised_digital_workshop),
            (row.smart_factory, row.recognised_smart_factory),
        ];
        for (i, (status, recognised)) in open.into_iter().enumerate() {
            if status == Status::NotMet && !recognised {
                self.shortlist[i].push(Short {
                    file: row.file.clone(),
                    score: row.score.unwrap_or(0.0),
                });
                if self.shortlist[i].len() > 4 * self.keep {
                    trim(&mut self.shortlist[i], self.keep);
                }
            }
        }
    }

    fn offer_district(&mut self, x: Decimal) {
        let pos = self.district_top.partition_point(|y| *y >= x);
        if pos < DISTRICT_TOP {
            self.district_top.insert(pos, x);
            self.district_top.truncate(DISTRICT_TOP);
        }
    }

    /// Add another tally of the same screening (rows of other files).
    pub fn merge(&mut self, o: WorkbookTally) {
        self.rows += o.rows;
        self.track_rows += o.track_rows;
        for (f, x) in o.eligible {
            *self.eligible.entry(f).or_default() += x;
        }
        self.potential += o.potential;
        for (f, x) in o.track_by_funder {
            *self.track_by_funder.entry(f).or_default() += x;
        }
        self.track_all += o.track_all;
        for x in o.district_top {
            self.offer_district(x);
        }
        self.district_all += o.district_all;
        for (a, b) in self.levels.iter_mut().zip(o.levels) {
            *a += b;
        }
        for (a, b) in self.verdicts.iter_mut().zip(o.verdicts) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (y, m) in o.by_year {
            let to = self.by_year.entry(y).or_default();
            for (f, x) in m {
                *to.entry(f).or_default() += x;
            }
        }
        for (i, l) in o.shortlist.into_iter().enumerate() {
            self.shortlist[i].extend(l);
            if self.shortlist[i].len() > 4 * self.keep {
                trim(&mut self.shortlist[i], self.keep);
            }
        }
    }

    /// The near-miss shortlists, best first, at most `keep` each.
    pub fn shortlists(&self) -> [Vec<Short>; 2] {
        self.shortlist.clone().map(|mut l| {
            trim(&mut l, self.keep);
            l
        })
    }

    /// The tally of a screening's rows, read back from its spill (for a
    /// screening made without one).
    pub fn read(s: &Screened, keep: usize) -> std::io::Result<WorkbookTally> {
        let mut t = WorkbookTally::new(keep);
        for item in s.rows()? {
            let (row, _) = item?;
            t.add(&row, &s.funders);
        }
        Ok(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::Engine;
    use crate::screen::{screen, screen_for_workbook, Options};

    /// A tally without its raw shortlists (their order and length before
    /// the last trim depend on how the files were split), with them trimmed.
    fn settled(t: &WorkbookTally) -> WorkbookTally {
        WorkbookTally {
            shortlist: t.shortlists(),
            ..t.clone()
        }
    }

    #[test]
    fn pass_one_gathers_what_a_read_of_the_rows_gives() {
        let t = tempfile::tempdir().unwrap();
        for i in 0..400 {
            let (name, text) = crate::sample::sample(2016, i, 0.05);
            std::fs::write(t.path().join(name), text).unwrap();
        }
        let engine = Engine::default();
        let opts = |jobs| Options {
            jobs,
            progress: false,
            top: 3,
            keep_rows: true,
            follow_links: false,
        };
        let dir = [t.path().to_path_buf()];
        let plain = screen(&engine, &dir, &opts(1)).unwrap();
        assert!(plain.workbook_tally().is_none());
        let read = WorkbookTally::read(&plain, 9).unwrap();
        for jobs in [1, 2] {
            let s = screen_for_workbook(&engine, &dir, &opts(jobs)).unwrap();
            let gathered = s.workbook_tally().expect("gathered in pass 1");
            assert_eq!(settled(gathered), settled(&read), "--jobs {jobs}");
        }
        // Against the rows themselves, summed here the plain way.
        let rows: Vec<Row> = plain.rows().unwrap().map(|r| r.unwrap().0).collect();
        assert_eq!(read.rows as usize, rows.len());
        assert!(rows.len() > 300, "most samples are valid");
        let tracks: usize = rows.iter().map(|r| r.tracks.len()).sum();
        assert_eq!(read.track_rows as usize, tracks);
        for who in Funder::standard_all() {
            let sum: Decimal = rows
                .iter()
                .map(|r| r.eligible.get(&who).and_then(|x| x.max).unwrap_or_default())
                .sum();
            assert_eq!(read.eligible.get(&who).copied().unwrap_or_default(), sum);
        }
        let district = Funder::standard("district");
        let mut d: Vec<Decimal> = rows
            .iter()
            .map(|r| {
                r.potential
                    .get(&district)
                    .and_then(|x| x.max)
                    .unwrap_or_default()
            })
            .collect();
        d.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(read.district_top, d[..DISTRICT_TOP].to_vec());
        assert_eq!(read.district_all, d.iter().copied().sum::<Decimal>());
        let mut open: Vec<(f64, String)> = rows
            .iter()
            .filter(|r| r.digital_workshop == Status::NotMet && !r.recognised_digital_workshop)
            .map(|r| (r.score.unwrap_or(0.0), r.file.clone()))
            .collect();
        open.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let short: Vec<(f64, String)> = read.shortlists()[0]
            .iter()
            .map(|s| (s.score, s.file.clone()))
            .collect();
        assert!(open.len() > 4 * 9, "the shortlist is trimmed on the way");
        assert_eq!(short, open[..9].to_vec());
    }
}

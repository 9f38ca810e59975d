//! Near misses (差一点达到认定标准的企业): who to call first, and about what.
//!
//! For each recognition (数字化车间, 智能工厂) the enterprises that do not
//! meet the reference criteria yet and are not recognised are ranked: the
//! fewest unmet checks first, then the higher maturity score. Each comes
//! with the checks it misses — actual value, required value and the gap in
//! its own terms ("+8 CNC key machines") — taken from the full assessment,
//! the same text `assess` prints.
//!
//! Batch screening keeps no texts, so the few enterprises shortlisted here
//! (by score, three times the list length) are read and assessed again. The
//! shortlists come from pass 1 when it gathered them
//! ([`crate::screen::screen_for_workbook`]), else from a read of the rows.

use crate::assess::{Engine, InputInfo};
use crate::criteria::Status;
use crate::input::Loaded;
use crate::lang::Text;
use crate::questionnaire::Sector;
use crate::screen::tally::{Short, WorkbookTally};
use crate::screen::Screened;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// One check an enterprise misses.
#[derive(Debug, Clone)]
pub struct Gap {
    /// Check name.
    pub check: Text,
    /// Not met, or unknown (data missing).
    pub status: Status,
    /// Actual value, as shown.
    pub actual: Option<String>,
    /// Required value, as shown.
    pub required: String,
    /// The gap in the enterprise's terms.
    pub gap: Option<Text>,
}

/// One near-miss enterprise for one recognition.
#[derive(Debug, Clone)]
pub struct NearMiss {
    /// Which recognition: the criterion's name (数字化车间 …).
    pub recognition: Text,
    /// Rank within it (1 = closest).
    pub rank: usize,
    /// Enterprise name.
    pub name: String,
    /// Sector.
    pub sector: Sector,
    /// Source (file, or workbook row).
    pub file: String,
    /// Maturity score.
    pub score: Option<f64>,
    /// What it misses.
    pub gaps: Vec<Gap>,
}

/// The recognitions listed, as criterion ids of the criteria pack.
const RECOGNITIONS: [&str; 2] = ["digital_workshop", "smart_factory"];

/// Shortlists by score: pass 1's, or from the rows.
fn shortlist(s: &Screened, keep: usize) -> anyhow::Result<[Vec<Short>; 2]> {
    match s.workbook_tally() {
        Some(t) if t.keep == keep => Ok(t.shortlists()),
        _ => Ok(WorkbookTally::read(s, keep)?.shortlists()),
    }
}

/// Load the questionnaires behind the given screening `file`s (each once,
/// however many lists name it); the YAML files are parsed on the calling
/// pool's threads.
fn load(files: &[&str]) -> HashMap<String, Loaded> {
    let files: std::collections::BTreeSet<&str> = files.iter().copied().collect();
    let mut books: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut yaml = Vec::new();
    for f in files {
        match f.split_once(".xlsx!") {
            Some((book, _)) => books.entry(format!("{book}.xlsx")).or_default().push(f),
            None => yaml.push(f),
        }
    }
    let mut out: HashMap<String, Loaded> = yaml
        .into_par_iter()
        .filter_map(|f| {
            let p = std::path::Path::new(f);
            let b = crate::yaml::read_capped(p, f, crate::yaml::MAX_QUESTIONNAIRE_BYTES).ok()?;
            let l = crate::input::from_bytes(&b, f).ok()?;
            Some((f.to_string(), l))
        })
        .collect();
    for (book, wanted) in books {
        // Sheet rows from the places (`book.xlsx!申报表!A7` → 7).
        let rows: Vec<u32> = wanted
            .iter()
            .filter_map(|f| f.rsplit('!').next())
            .filter_map(|cell| cell.trim_start_matches(char::is_alphabetic).parse().ok())
            .collect();
        let Ok(entries) = super::read::read_rows(&PathBuf::from(&book), &book, &rows) else {
            continue;
        };
        for e in entries {
            if let (true, Ok(l)) = (wanted.contains(&e.at.as_str()), e.result) {
                out.insert(e.at, l);
            }
        }
    }
    out
}

/// The near misses of each recognition, `top` per list.
pub fn find(engine: &Engine, s: &Screened, top: usize) -> anyhow::Result<Vec<NearMiss>> {
    let lists = shortlist(s, 3 * top)?;
    let files: Vec<&str> = lists.iter().flatten().map(|x| x.file.as_str()).collect();
    // The run's threads: this is a fixed cost (a few dozen files read and
    // assessed again) between the screening and the workbook, when nothing
    // else runs.
    let pool = crate::screen::pool(s.jobs())?;
    let loaded = pool.install(|| load(&files));
    let mut out = Vec::new();
    for (i, list) in lists.iter().enumerate() {
        // In the list's order, as on one thread (the sort below is total anyway).
        let mut found: Vec<NearMiss> = pool.install(|| {
            list.par_iter()
                .filter_map(|x| {
                    let l = loaded.get(&x.file)?;
                    near_miss(engine, &x.file, l, RECOGNITIONS[i])
                })
                .collect()
        });
        found.sort_by(|a, b| {
            a.gaps
                .len()
                .cmp(&b.gaps.len())
                .then_with(|| b.score.unwrap_or(0.0).total_cmp(&a.score.unwrap_or(0.0)))
                .then_with(|| a.file.cmp(&b.file))
        });
        found.truncate(top);
        for (k, n) in found.iter_mut().enumerate() {
            n.rank = k + 1;
        }
        out.extend(found);
    }
    Ok(out)
}

fn near_miss(engine: &Engine, file: &str, l: &Loaded, criterion: &str) -> Option<NearMiss> {
    let a = engine.assess(
        &l.questionnaire,
        InputInfo {
            file: file.to_string(),
            sha256: String::new(),
        },
        Vec::new(),
    );
    let c = a.criteria.iter().find(|c| c.id == criterion)?;
    let gaps = c
        .checks
        .iter()
        .filter(|k| matches!(k.status, Status::NotMet | Status::Unknown))
        .map(|k| Gap {
            check: k.name.clone(),
            status: k.status,
            actual: k.actual.clone(),
            required: k.required.clone(),
            gap: k.gap.clone(),
        })
        .collect();
    Some(NearMiss {
        recognition: c.name.clone(),
        rank: 0,
        name: l.questionnaire.enterprise.name.clone(),
        sector: l.questionnaire.enterprise.sector,
        file: file.to_string(),
        score: a.maturity.score.and_then(|d| f64::try_from(d).ok()),
        gaps,
    })
}

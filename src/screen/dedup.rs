//! 重复申报: each enterprise (统一社会信用代码) counts once per data year.
//!
//! The pass keeps 16 bytes per file — a hash of (credit code, data year)
//! and where the file was found — instead of the code, the path and the
//! modification time (≈ 150 bytes with their allocations), so a screening's
//! memory hardly grows with the batch (issue 18: 100,000 files within 1.3×
//! the memory of 10,000). Only files whose hashes meet are read again, and
//! their real codes, years and times decide, by [`super::pick_duplicates`]'s
//! rule: a hash collision between different enterprises is never taken for
//! a duplicate.

use super::walk::PathList;
use super::{parse_any, pick_duplicates, Duplicate, Key};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Where a questionnaire was found: the walk's file, and the row of a
/// workbook (0 for a YAML file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Origin {
    file: u32,
    row: u32,
}

impl Origin {
    /// The `row`-th questionnaire of the walk's `file`-th entry. Both fit:
    /// the walk's list is bounded by 32-bit offsets (`walk::PATHLIST_MAX`),
    /// and a worksheet has at most 1,048,576 rows.
    pub(super) fn new(file: usize, row: usize) -> Origin {
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Origin {
            file: at(file),
            row: at(row),
        }
    }
}

/// One file with a credit code, as the pass records it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Seen {
    hash: u64,
    origin: Origin,
}

impl Seen {
    /// `code` as the rule compares it (trimmed, upper case) with its year.
    pub(super) fn new(code: &str, data_year: i32, origin: Origin) -> Seen {
        // SipHash with fixed keys: the same on every run and thread.
        let mut h = DefaultHasher::new();
        code.trim().to_uppercase().hash(&mut h);
        data_year.hash(&mut h);
        Seen {
            hash: h.finish(),
            origin,
        }
    }
}

/// The files to leave out ([`pick_duplicates`]), from what the pass kept.
pub(super) fn pick(mut seen: Vec<Seen>, files: &PathList) -> Vec<Duplicate> {
    seen.sort_unstable_by_key(|s| (s.hash, s.origin));
    let mut again: Vec<Origin> = seen
        .chunk_by(|a, b| a.hash == b.hash)
        .filter(|group| group.len() > 1)
        .flat_map(|group| group.iter().map(|s| s.origin))
        .collect();
    // By file, so a workbook with several such rows is read once.
    again.sort_unstable();
    let keys = again
        .chunk_by(|a, b| a.file == b.file)
        .flat_map(|rows| keys_of(rows, files))
        .collect();
    pick_duplicates(keys)
}

/// The full keys of the given rows of one file the pass assessed, read
/// again: name as shown, credit code, data year and modification time. A
/// row that no longer reads as a questionnaire with a credit code (changed
/// during the run) gives none.
fn keys_of(rows: &[Origin], files: &PathList) -> Vec<Key> {
    let Some(path) = rows
        .first()
        .and_then(|o| usize::try_from(o.file).ok())
        .map(|i| files.get(i))
    else {
        return Vec::new();
    };
    let parsed = parse_any(&path);
    rows.iter()
        .filter_map(|o| {
            let (shown, loaded) = parsed.get(usize::try_from(o.row).ok()?)?;
            let e = &loaded.as_ref().ok()?.questionnaire.enterprise;
            let code = e.credit_code.as_deref()?.trim().to_uppercase();
            let modified = std::fs::metadata(shown).and_then(|m| m.modified()).ok();
            Some((code, e.data_year, modified, shown.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_code_and_year_hash_alike_whatever_the_case_and_spaces() {
        let o = Origin::new(0, 0);
        assert_eq!(
            Seen::new(" 91350500ma2xxxxx0x ", 2017, o).hash,
            Seen::new("91350500MA2XXXXX0X", 2017, o).hash
        );
        assert_ne!(
            Seen::new("91350500MA2XXXXX0X", 2017, o).hash,
            Seen::new("91350500MA2XXXXX0X", 2016, o).hash
        );
        assert_ne!(
            Seen::new("91350500MA2XXXXX0X", 2017, o).hash,
            Seen::new("91350500MA2XXXXX0Y", 2017, o).hash
        );
    }

    /// Files whose hashes meet are read again and the real codes decide:
    /// a collision between two enterprises is no duplicate, a real one is
    /// (the newer file kept).
    #[test]
    fn only_real_codes_and_years_make_duplicates() {
        let example = include_str!("../../questionnaires/examples/licheng-footwear.yaml");
        let code = "9135050215583726XH";
        assert!(example.contains(code));
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p.display().to_string()
        };
        let a = write("a.yaml", example);
        let other = write("b.yaml", &example.replace(code, "91350502000000000X"));
        let again = write("c.yaml", example);
        // c.yaml is the newer copy of a.yaml.
        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options()
            .write(true)
            .open(&a)
            .and_then(|f| f.set_modified(old))
            .expect("set time");
        let mut files = PathList::default();
        for p in [&a, &other, &again] {
            assert!(files.push(p));
        }
        // Every file under one hash, as if all three collided.
        let seen = (0..3)
            .map(|i| Seen {
                hash: 7,
                origin: Origin::new(i, 0),
            })
            .collect();
        let d = pick(seen, &files);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].file.as_str(), d[0].kept.as_str()),
            (a.as_str(), again.as_str())
        );
        assert_eq!(d[0].credit_code, code);
    }
}

//! `screen --reports DIR`: one report per assessed enterprise (企业报告).
//!
//! Each report is what `zhizao assess FILE --format html` gives for that
//! questionnaire (the same engine, roadmap and template), written into DIR
//! as `<credit code>-<name>.html`. File names are built from the typed name
//! only after every character that could leave DIR or trouble a file system
//! is replaced, are cut to a readable length, and are made unique. The
//! screening workbook links each enterprise row to its report.

use crate::assess::{Engine, InputInfo};
use crate::input::Loaded;
use crate::lang::Lang;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Report format of `screen --reports`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// Self-contained HTML, as `assess --format html`.
    Html,
    /// Word document, as the DOCX report of `assess` (when this build has it).
    Docx,
}

impl ReportFormat {
    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Docx => "docx",
        }
    }
}

/// What was written: the report of each enterprise by its screening `file`
/// (a path, or `book.xlsx!申报表!A6`), and the reports that failed.
#[derive(Debug, Default)]
pub struct Written {
    /// Report path by row file.
    pub by_file: HashMap<String, PathBuf>,
    /// (input, reason) of reports that could not be written.
    pub failed: Vec<(String, String)>,
}

/// A file-name-safe stem: letters and digits of any script, `-` and `_`;
/// everything else (separators, dots, controls, spaces) becomes `_`.
pub fn safe_stem(s: &str, max_chars: usize) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(max_chars)
        .collect();
    if out.is_empty() || out.chars().all(|c| c == '_') {
        out = "_".into();
    }
    out
}

fn stem(l: &Loaded, lang: Lang) -> String {
    let e = &l.questionnaire.enterprise;
    let code = e
        .credit_code
        .as_deref()
        .filter(|c| !c.is_empty())
        .unwrap_or(lang.pick("无代码", "no-code"));
    format!("{}-{}", safe_stem(code, 18), safe_stem(&e.name, 60))
}

/// Every questionnaire under `paths`, as `screen` finds them.
fn inputs(paths: &[PathBuf]) -> Vec<(String, Loaded)> {
    let walked = crate::screen::walk::walk(paths);
    let files: Vec<PathBuf> = walked.files.iter().collect();
    files
        .par_iter()
        .flat_map_iter(|p| -> Vec<(String, Loaded)> {
            if super::read::is_workbook(p) {
                super::read::screen_rows(p)
                    .into_iter()
                    .filter_map(|(at, r)| r.ok().map(|l| (at, l)))
                    .collect()
            } else {
                let shown = p.display().to_string();
                crate::yaml::read_capped(p, &shown, crate::yaml::MAX_QUESTIONNAIRE_BYTES)
                    .ok()
                    .and_then(|b| crate::input::from_bytes(&b, &shown).ok())
                    .map(|l| vec![(shown, l)])
                    .unwrap_or_default()
            }
        })
        .collect()
}

fn render(
    engine: &Engine,
    file: &str,
    l: &Loaded,
    lang: Lang,
    format: ReportFormat,
) -> anyhow::Result<Vec<u8>> {
    let a = engine.assess(
        &l.questionnaire,
        InputInfo {
            file: file.to_string(),
            sha256: l.sha256.clone(),
        },
        l.warnings.clone(),
    );
    let roadmap = crate::roadmap::build(engine, &l.questionnaire, &a);
    let date = crate::report::view::report_date();
    let r = crate::report::view::ReportInput {
        assessment: &a,
        roadmap: &roadmap,
        overrides: &[],
        lang,
        date: &date,
        profile: None,
    };
    match format {
        ReportFormat::Html => Ok(crate::report::html::render(&r)?.into_bytes()),
        ReportFormat::Docx => crate::report::docx::render(&r),
    }
}

/// Write the reports of every valid questionnaire under `paths` into `dir`.
pub fn write(
    engine: &Engine,
    paths: &[PathBuf],
    dir: &Path,
    lang: Lang,
    format: ReportFormat,
) -> anyhow::Result<Written> {
    std::fs::create_dir_all(dir)?;
    let mut found = inputs(paths);
    found.sort_by(|a, b| a.0.cmp(&b.0));
    // Names first (in input order, so a clash always resolves the same way).
    let mut taken = HashSet::new();
    let named: Vec<(String, Loaded, PathBuf)> = found
        .into_iter()
        .map(|(file, l)| {
            let base = stem(&l, lang);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.to_lowercase()) {
                name = format!("{base}-{n}");
                n += 1;
            }
            let path = dir.join(format!("{name}.{}", format.extension()));
            (file, l, path)
        })
        .collect();
    let results: Vec<(String, PathBuf, anyhow::Result<()>)> = named
        .par_iter()
        .map(|(file, l, path)| {
            let r = render(engine, file, l, lang, format).and_then(|bytes| {
                crate::output::write_atomic(path, &bytes).map_err(anyhow::Error::from)
            });
            (file.clone(), path.clone(), r)
        })
        .collect();
    let mut w = Written::default();
    for (file, path, r) in results {
        match r {
            Ok(()) => {
                w.by_file.insert(file, path);
            }
            Err(e) => w.failed.push((file, format!("{e:#}"))),
        }
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_leave_the_folder() {
        assert_eq!(safe_stem("../../etc/passwd", 60), "______etc_passwd");
        assert_eq!(safe_stem("泉州 鞋业/有限公司", 60), "泉州_鞋业_有限公司");
        assert_eq!(safe_stem("a\u{1b}[2Jb", 60), "a__2Jb");
        assert_eq!(safe_stem("..", 60), "_");
        assert_eq!(safe_stem(&"鞋".repeat(100), 60).chars().count(), 60);
    }
}

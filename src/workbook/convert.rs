//! YAML questionnaires ↔ rows of a questionnaire workbook (`zhizao convert`).
//!
//! YAML files → one workbook (one row each, in the order given); a workbook →
//! one YAML file per row (`<workbook>-row<N>.yaml`, named by the sheet row so
//! no typed name ever becomes a file name). Only valid questionnaires are
//! converted — the conversion is exact for those — and every invalid one is
//! reported with its errors. Existing files are never overwritten.

use super::{read, template, yamlout};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Errors of the inputs (or rows) that were not converted.
    pub errors: Vec<Diagnostic>,
}

/// YAML files → one workbook at `out`.
pub fn yaml_to_workbook(inputs: &[String], out: &Path, l: Lang) -> anyhow::Result<Outcome> {
    let mut o = Outcome::default();
    let mut qs = Vec::new();
    for f in inputs {
        let loaded = crate::input::read(f)
            .map_err(|d| vec![d])
            .and_then(|b| crate::input::from_bytes(&b, f).map_err(|(d, _)| d));
        match loaded {
            Ok(l) => qs.push(l.questionnaire),
            Err(d) => o.errors.extend(d.into_iter().filter(Diagnostic::is_error)),
        }
    }
    if o.errors.is_empty() {
        // A row that cannot be written names its cell (row 6 = the first input).
        template::write(out, l, &qs).with_context(|| out.display().to_string())?;
        o.written.push(out.to_path_buf());
    }
    Ok(o)
}

/// A workbook → YAML files in `dir` (or the one file `out.yaml` when the
/// workbook holds one row and `out` ends in .yaml).
pub fn workbook_to_yaml(input: &Path, out: &Path) -> anyhow::Result<Outcome> {
    let shown = input.display().to_string();
    let mut o = Outcome::default();
    let entries = match read::read_path(input, &shown) {
        Ok(e) => e,
        Err(d) => {
            o.errors.push(d);
            return Ok(o);
        }
    };
    let one_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if one_file && entries.len() != 1 {
        anyhow::bail!(
            "{}: {} rows; write them to a folder instead of one .yaml file",
            shown,
            entries.len()
        );
    }
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workbook".into());
    if !one_file {
        std::fs::create_dir_all(out)?;
    }
    for e in entries {
        match e.result {
            Ok(l) => {
                let row =
                    e.at.rsplit('!')
                        .next()
                        .unwrap_or("")
                        .trim_start_matches(char::is_alphabetic);
                let path = if one_file {
                    out.to_path_buf()
                } else {
                    out.join(format!("{stem}-row{row}.yaml"))
                };
                if path.exists() {
                    anyhow::bail!(
                        "{}: already exists; it will not be overwritten",
                        path.display()
                    );
                }
                crate::output::write_atomic(&path, yamlout::to_yaml(&l.questionnaire).as_bytes())?;
                o.written.push(path);
            }
            Err(d) => o.errors.extend(d.into_iter().filter(Diagnostic::is_error)),
        }
    }
    Ok(o)
}

/// The questionnaires `sample --out DIR` writes (seed `seed`, files
/// 0..count, all valid), for `sample --format xlsx`.
pub fn sample_questionnaires(
    count: usize,
    seed: u64,
) -> anyhow::Result<Vec<crate::questionnaire::Questionnaire>> {
    let mut qs = Vec::with_capacity(count);
    for i in 0..count {
        let (name, text) = crate::sample::sample(seed, i, 0.0);
        let loaded = crate::input::from_bytes(text.as_bytes(), &name).map_err(|(d, _)| {
            anyhow::anyhow!(
                "{name}: {}",
                d.first()
                    .map(|d| d.message.en.to_string())
                    .unwrap_or_default()
            )
        })?;
        qs.push(loaded.questionnaire);
    }
    Ok(qs)
}

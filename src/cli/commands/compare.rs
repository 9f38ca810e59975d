//! `zhizao compare BEFORE AFTER`: two questionnaires of one factory.

use crate::cli::args::{CompareArgs, Format};
use crate::cli::io::{self, Out};
use crate::cli::{engine, CliError, CliResult, Settings};
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::lang::Lang;
use zhizao::report;

/// Assess both questionnaires and write what changed.
pub fn exec(args: CompareArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut out = Out::stdout();
    io::output_is_input(&args.output, &[&args.before, &args.after])?;
    let engine = engine::load(&args.packs, &[], lang)?;
    let b = assess(&engine, &args.before, lang)?;
    let a = assess(&engine, &args.after, lang)?;
    let c = zhizao::compare::compare(&b, &a);
    let date = report::view::report_date();
    let text = match args.format {
        Format::Docx => {
            return Err(CliError::usage(
                "--format docx",
                "只用于 assess; compare 可用 html 或 markdown",
                "is for assess; compare writes html or markdown",
            ))
        }
        Format::Terminal => report::compare::terminal(&c, lang, s.width),
        Format::Json => report::compare::json(&c),
        Format::Markdown => report::compare::markdown(&c, lang, &date)?,
        Format::Html => report::compare::html(&c, &b, &a, lang, &date)?,
    };
    io::emit(&mut out, &text, args.output.as_deref())
}

/// One side: an unreadable file exits 2, an invalid one 1.
fn assess(engine: &Engine, file: &str, lang: Lang) -> Result<Assessment, CliError> {
    let loaded = io::load_questionnaire(file, lang)?;
    Ok(engine.assess(
        &loaded.questionnaire,
        InputInfo {
            file: file.to_string(),
            sha256: loaded.sha256.clone(),
        },
        loaded.warnings,
    ))
}

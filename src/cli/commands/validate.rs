//! `zhizao validate FILES…`: every problem of every file, in one pass.

use crate::cli::args::ValidateArgs;
use crate::cli::io::{self, Out};
use crate::cli::{CliError, CliResult, Settings};
use std::path::Path;
use zhizao::input;
use zhizao::lang::Lang;
use zhizao::workbook::read;

/// Check each file (each row of a workbook) on its own. Exit 0 when all
/// are valid, 1 when any is invalid, 2 when a file cannot be read.
pub fn exec(args: ValidateArgs, s: &Settings) -> CliResult {
    let mut out = Out::stdout();
    let mut worst = 0;
    for f in &args.files {
        let code = if read::is_workbook(Path::new(f)) {
            workbook(&mut out, f, s.lang)?
        } else {
            file(&mut out, f, s.lang)?
        };
        worst = worst.max(code);
    }
    match worst {
        0 => Ok(()),
        code => Err(CliError::code(code)),
    }
}

/// One YAML file: its diagnostics, then "FILE: valid" or "FILE: invalid (N errors)".
fn file(out: &mut Out, f: &str, lang: Lang) -> Result<i32, CliError> {
    let bytes = match input::read(f) {
        Ok(b) => b,
        Err(d) => {
            io::print_diags(std::slice::from_ref(&d), None, lang);
            return Ok(io::read_error_code(&d));
        }
    };
    match input::from_bytes(&bytes, f) {
        Ok(l) => {
            io::print_diags(&l.warnings, Some(&l.source), lang);
            out.line(&format!("{f}: {}", lang.pick("有效", "valid")))?;
            Ok(0)
        }
        Err((diags, source)) => {
            io::print_diags(&diags, source.as_deref(), lang);
            let n = diags.iter().filter(|d| d.is_error()).count();
            out.line(&format!(
                "{f}: {} ({n} {})",
                lang.pick("无效", "invalid"),
                lang.pick("个错误", if n == 1 { "error" } else { "errors" })
            ))?;
            Ok(1)
        }
    }
}

/// `zhizao validate file.xlsx`: every row valid or listed with its errors.
/// Exit code as for YAML: 0 all valid, 1 any invalid, 2 unreadable.
fn workbook(out: &mut Out, f: &str, lang: Lang) -> Result<i32, CliError> {
    let entries = match read::read_path(Path::new(f), f) {
        Ok(e) => e,
        Err(d) => {
            print_row_diags(std::slice::from_ref(&d), lang);
            return Ok(io::read_error_code(&d));
        }
    };
    if entries.is_empty() {
        out.line(&format!(
            "{}: {}",
            zhizao::textsafe::echo(f),
            lang.pick(
                "申报表中没有填写任何企业",
                "no questionnaire rows filled in"
            )
        ))?;
        return Ok(1);
    }
    let mut worst = 0;
    for e in entries {
        let at = zhizao::textsafe::echo(&e.at);
        match e.result {
            Ok(loaded) => {
                print_row_diags(&loaded.warnings, lang);
                out.line(&format!("{at}: {}", lang.pick("有效", "valid")))?;
            }
            Err(diags) => {
                print_row_diags(&diags, lang);
                let n = diags.iter().filter(|d| d.is_error()).count();
                out.line(&format!(
                    "{at}: {} ({n} {})",
                    lang.pick("无效", "invalid"),
                    lang.pick("个错误", if n == 1 { "error" } else { "errors" })
                ))?;
                worst = 1;
            }
        }
    }
    Ok(worst)
}

/// The diagnostics of workbook rows (by cell; no source lines to show).
pub fn print_row_diags(diags: &[zhizao::diag::Diagnostic], lang: Lang) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(
            err,
            "{}",
            zhizao::textsafe::terminal_safe(&d.render(lang, None))
        );
    }
}

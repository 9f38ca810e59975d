//! Where commands write: stdout through one lock held by the command
//! ([`Out`]), files atomically ([`emit`]), diagnostics to stderr
//! ([`print_diags`]). Every write error comes back as a [`CliError`].

use super::{CliError, CliResult, ClosedPipe, Localized};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use zhizao::diag::{Code, Diagnostic};
use zhizao::lang::{Lang, Text};

/// Standard output, locked for the life of a command, so its lines are
/// never interleaved and each write's error reaches the command.
pub struct Out {
    lock: std::io::StdoutLock<'static>,
}

impl Out {
    /// Lock stdout (a command calls this once).
    pub fn stdout() -> Out {
        Out {
            lock: std::io::stdout().lock(),
        }
    }

    /// Text that may echo file names and values a user typed: made
    /// terminal-safe first.
    pub fn print(&mut self, text: &str) -> CliResult {
        self.document(&zhizao::textsafe::terminal_safe(text))
    }

    /// [`Out::print`] and a newline.
    pub fn line(&mut self, text: &str) -> CliResult {
        self.print(&format!("{text}\n"))
    }

    /// A document as rendered (a report with its colours, JSON, roff),
    /// flushed, so a full disk (`> /dev/full`) is an error (exit 2 with a
    /// message), never a lost report with status 0.
    pub fn document(&mut self, text: &str) -> CliResult {
        let written = self
            .lock
            .write_all(text.as_bytes())
            .and_then(|()| self.lock.flush());
        written.map_err(stdout_error)
    }
}

/// A closed pipe stops quietly (141); any other failure is an I/O error (2).
fn stdout_error(e: std::io::Error) -> CliError {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        CliError::new(anyhow::Error::new(ClosedPipe), 141)
    } else {
        CliError::localized(
            format!("无法写入标准输出: {e}"),
            format!("cannot write to standard output: {e}"),
            2,
        )
    }
}

/// `text` to the file `-o` names (atomically: in full or not at all), else
/// to stdout as it is.
pub fn emit(out: &mut Out, text: &str, output: Option<&Path>) -> CliResult {
    match output {
        Some(p) => write_file(p, text.as_bytes()),
        None => out.document(text),
    }
}

/// `bytes` to `path`, atomically; a failure names the file (exit 2).
pub fn write_file(path: &Path, bytes: &[u8]) -> CliResult {
    zhizao::output::write_atomic(path, bytes).map_err(|e| {
        CliError::new(
            anyhow::Error::new(Localized(Text::new(
                format!("无法写入 {}: {e}", path.display()),
                format!("cannot write {}: {e}", path.display()),
            ))),
            2,
        )
    })
}

/// Set when a message could not be written to stderr; the process then
/// exits with 2 even if the command itself succeeded.
static STDERR_FAILED: AtomicBool = AtomicBool::new(false);

/// Whether a diagnostic could not be written to stderr.
pub fn stderr_failed() -> bool {
    STDERR_FAILED.load(Ordering::Relaxed)
}

/// Every diagnostic to stderr, with the source lines it points into.
pub fn print_diags(diags: &[Diagnostic], source: Option<&str>, lang: Lang) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        if writeln!(err, "{}", d.render(lang, source)).is_err() {
            STDERR_FAILED.store(true, Ordering::Relaxed);
            return;
        }
    }
}

/// Print the diagnostics of a file that failed: exit `code`, already said why.
pub fn failed(diags: &[Diagnostic], source: Option<&str>, lang: Lang, code: i32) -> CliError {
    print_diags(diags, source, lang);
    CliError::code(code)
}

/// A file that cannot be read is an I/O error (2); one that is read but
/// refused (too large) is invalid input (1).
pub fn read_error_code(d: &Diagnostic) -> i32 {
    if d.code == Code::Io {
        2
    } else {
        1
    }
}

/// Read and parse one questionnaire, its diagnostics printed: an unreadable
/// file exits 2, an invalid one 1 (`assess`, `compare`).
pub fn load_questionnaire(file: &str, lang: Lang) -> Result<zhizao::input::Loaded, CliError> {
    let bytes = zhizao::input::read(file).map_err(|d| {
        let code = read_error_code(&d);
        failed(&[d], None, lang, code)
    })?;
    zhizao::input::from_bytes(&bytes, file)
        .map_err(|(diags, source)| failed(&diags, source.as_deref(), lang, 1))
}

/// Refuse (exit 2) an `-o` that names one of the inputs, links included:
/// writing the report would replace the questionnaire it was made from.
pub fn output_is_input<P: AsRef<Path>>(output: &Option<PathBuf>, inputs: &[P]) -> CliResult {
    let Some(out) = output.as_ref() else {
        return Ok(());
    };
    let hit = inputs
        .iter()
        .any(|i| i.as_ref() != Path::new("-") && zhizao::output::same_file(out, i.as_ref()));
    if hit {
        return Err(CliError::usage(
            out.display(),
            "是输入文件之一, 不会覆盖; 请换一个输出文件名",
            "is one of the input files; it will not be overwritten — choose another output name",
        ));
    }
    Ok(())
}

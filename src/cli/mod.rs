//! Command line (命令行). Exit codes: 0 success, 1 invalid input (or failed
//! policy tests), 2 usage or I/O error, 141 when stdout was closed early.
//!
//! [`args`] is the grammar (clap), [`parse`] turns the process arguments
//! into a command and the [`Settings`] resolved once (language, width,
//! colour), [`commands`] has one file per command, each with its `exec`
//! returning a [`CliResult`]; `main` prints the error of a failed command
//! once ([`exit_code`]).

pub mod args;
pub mod commands;
mod engine;
mod help_zh;
mod io;
mod usage;

use args::{Cli, Command};
use std::io::{IsTerminal, Write};
use zhizao::lang::{Lang, Text};

/// Why a command failed and the code the process exits with. `error` is
/// `None` when the command has already said why (diagnostics with their
/// source lines, a failed policy test): `main` then only exits.
#[derive(Debug)]
pub struct CliError {
    /// What to print (in the chosen language when it is [`Localized`]).
    pub error: Option<anyhow::Error>,
    /// The exit code (1 invalid input, 2 usage or I/O error, 141 closed pipe).
    pub exit_code: i32,
}

/// What every command returns.
pub type CliResult = Result<(), CliError>;

impl CliError {
    /// A failure with a message to print.
    pub fn new(error: anyhow::Error, exit_code: i32) -> CliError {
        CliError {
            error: Some(error),
            exit_code,
        }
    }

    /// A failure already reported: exit with `exit_code`, print nothing more.
    pub fn code(exit_code: i32) -> CliError {
        CliError {
            error: None,
            exit_code,
        }
    }

    /// A message in both languages with its exit code.
    pub fn localized(zh: impl Into<String>, en: impl Into<String>, exit_code: i32) -> CliError {
        CliError::new(
            anyhow::Error::new(Localized(Text::new(zh.into(), en.into()))),
            exit_code,
        )
    }

    /// A usage error (2): "error: SUBJECT what"; an empty subject gives
    /// "error: what". Subjects are paths and flags a user typed.
    pub fn usage(subject: impl std::fmt::Display, zh: &str, en: &str) -> CliError {
        let subject = subject.to_string();
        let sep = if subject.is_empty() { "" } else { " " };
        CliError::localized(
            format!("{subject}{sep}{zh}"),
            format!("{subject}{sep}{en}"),
            2,
        )
    }
}

/// Any other error (a library failure, a write that failed) is an I/O
/// error: exit code 2, as documented.
impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> CliError {
        let exit_code = if error.downcast_ref::<ClosedPipe>().is_some() {
            141
        } else {
            2
        };
        CliError::new(error, exit_code)
    }
}

/// An I/O error of the library (a folder that cannot be read): exit code 2.
impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> CliError {
        CliError::from(anyhow::Error::from(error))
    }
}

/// An error whose message exists in both languages; [`exit_code`] prints
/// it in the language asked for.
#[derive(Debug)]
pub struct Localized(pub Text);

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.en)
    }
}

impl std::error::Error for Localized {}

/// Standard output was closed by its reader (`zhizao policy facts | head`):
/// not an error to report; the process stops quietly with status 141, as a
/// tool killed by SIGPIPE would.
#[derive(Debug)]
pub struct ClosedPipe;

impl std::fmt::Display for ClosedPipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output was closed")
    }
}

impl std::error::Error for ClosedPipe {}

/// What every command needs from the environment, resolved once before it
/// runs (ripgrep's habit): no command reads `--lang`, the locale, the
/// terminal or NO_COLOR itself.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Output language of reports, messages and errors.
    pub lang: Lang,
    /// Columns to fit text into (the terminal's, or COLUMNS).
    pub width: usize,
    /// Colour in terminal reports: stdout is a terminal and NO_COLOR is unset or empty.
    pub color: bool,
    /// A progress bar on stderr: stderr is a terminal and CI is unset.
    pub progress: bool,
}

impl Settings {
    fn resolve(cli: &Cli) -> Settings {
        Settings {
            lang: cli.lang.map(Lang::from).unwrap_or_else(Lang::from_env),
            width: zhizao::report::fit::width(),
            color: std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            progress: std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
        }
    }
}

/// Set up the process before anything runs: a closed stdout stops quietly
/// (temporary files are removed on an interrupt once the command is known).
pub fn install_handlers() {
    quiet_on_closed_pipe();
}

/// Remove temporary files on an interrupt, for every command but `serve`,
/// which writes no file and stops on Ctrl-C itself, after the requests
/// under way (the clean-up handler would end the process first).
fn clean_up_on_signals(command: &Command) {
    if matches!(command, Command::Serve(_)) {
        return;
    }
    // Without the handler an interrupt still stops the process; only the
    // clean-up of temporary files would be lost, so a failure is not fatal.
    let _ = zhizao::output::clean_up_on_signals();
}

/// The command and settings of the process arguments, or the exit code
/// after help, the version or a usage error was printed.
pub fn parse() -> Result<(Command, Settings), i32> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The help pages are written in the language of `--lang` or the locale,
    // so it is found before parsing (help_zh); usage errors come before
    // `--lang` is parsed, so they use the same.
    let lang = args::lang_from_args(&args).unwrap_or_else(Lang::from_env);
    match help_zh::try_parse(lang) {
        Ok(cli) => {
            clean_up_on_signals(&cli.command);
            let settings = Settings::resolve(&cli);
            Ok((cli.command, settings))
        }
        Err(e) => Err(usage::print_parse_error(&e, lang)),
    }
}

/// The exit code of a command's result, after printing its error (once,
/// in the chosen language, made terminal-safe).
pub fn exit_code(result: CliResult, settings: &Settings) -> i32 {
    let lang = settings.lang;
    match result {
        // A message that could not be written to stderr fails the run.
        Ok(()) | Err(CliError { error: None, .. }) if io::stderr_failed() => 2,
        Ok(()) => 0,
        Err(CliError {
            error: None,
            exit_code,
        }) => exit_code,
        Err(CliError {
            error: Some(e),
            exit_code,
        }) => {
            if e.downcast_ref::<ClosedPipe>().is_none() {
                let text = match e.downcast_ref::<Localized>() {
                    Some(l) => l.0.get(lang).to_string(),
                    None => format!("{e:#}"),
                };
                let text = zhizao::textsafe::terminal_safe(&text);
                eprintln!("{}: {text}", lang.pick("错误", "error"));
            }
            exit_code
        }
    }
}

/// `zhizao policy facts | head` closes stdout early; a `print!` (help
/// pages) then panics with "failed printing to stdout: Broken pipe". Like
/// any Unix tool killed by SIGPIPE, stop quietly with status 141 instead
/// of printing a panic.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(141);
        }
        // Any other failed print (a full disk, stderr on /dev/full) is an
        // I/O error: say so if stderr still works, and exit with 2.
        if msg.starts_with("failed printing to") {
            let mut err = std::io::stderr();
            let _ = writeln!(err, "error: {}", zhizao::textsafe::echo(msg));
            std::process::exit(2);
        }
        default(info)
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(lang: Lang) -> Settings {
        Settings {
            lang,
            width: 80,
            color: false,
            progress: false,
        }
    }

    #[test]
    fn exit_codes_follow_the_error_kind() {
        let s = settings(Lang::En);
        assert_eq!(exit_code(Ok(()), &s), 0);
        assert_eq!(exit_code(Err(CliError::code(1)), &s), 1);
        assert_eq!(exit_code(Err(CliError::usage("x", "坏", "bad")), &s), 2);
        // Any other error is an I/O error; a closed stdout stops as SIGPIPE would.
        assert_eq!(exit_code(Err(anyhow::anyhow!("disk").into()), &s), 2);
        assert_eq!(
            exit_code(Err(anyhow::Error::new(ClosedPipe).into()), &s),
            141
        );
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "gone");
        assert_eq!(exit_code(Err(io.into()), &s), 2);
    }

    #[test]
    fn usage_errors_read_subject_then_what_in_either_language() {
        let text = |e: CliError, lang: Lang| -> String {
            let e = e.error.expect("a message");
            e.downcast_ref::<Localized>()
                .expect("localized")
                .0
                .get(lang)
                .to_string()
        };
        let e = || CliError::usage("a.yaml", "已存在, 不会覆盖", "already exists");
        assert_eq!(text(e(), Lang::Zh), "a.yaml 已存在, 不会覆盖");
        assert_eq!(text(e(), Lang::En), "a.yaml already exists");
        // An empty subject leaves no leading space.
        let bare = CliError::usage("", "需要 -o", "needs -o");
        assert_eq!(text(bare, Lang::En), "needs -o");
    }
}

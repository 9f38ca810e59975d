//! `zhizao completions SHELL`: a shell completion script.

use crate::cli::args::CompletionsArgs;
use crate::cli::help_zh;
use crate::cli::io::Out;
use crate::cli::{CliResult, Settings};
use zhizao::lang::Lang;

/// Print the script of `args.shell` (from the English tree: the names a
/// user types are the same in every language).
pub fn exec(args: CompletionsArgs, _: &Settings) -> CliResult {
    let mut script = Vec::new();
    clap_complete::generate(
        args.shell,
        &mut help_zh::command(Lang::En),
        "zhizao",
        &mut script,
    );
    Out::stdout().document(&String::from_utf8_lossy(&script))
}

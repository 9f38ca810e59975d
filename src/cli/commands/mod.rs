//! One file per command (cargo's layout), each with its `exec(args,
//! &Settings) -> CliResult`.

use super::args::Command;
use super::{CliResult, Settings};

mod assess;
mod compare;
mod completions;
mod convert;
mod init;
mod man;
mod policy;
mod sample;
mod schema;
mod screen;
mod serve;
mod validate;

/// Run `command`.
pub fn exec(command: Command, settings: &Settings) -> CliResult {
    match command {
        Command::Assess(a) => assess::exec(a, settings),
        Command::Compare(a) => compare::exec(a, settings),
        Command::Validate(a) => validate::exec(a, settings),
        Command::Init(a) => init::exec(a, settings),
        Command::Convert(a) => convert::exec(a, settings),
        Command::Policy(p) => policy::exec(p, settings),
        Command::Sample(a) => sample::exec(a, settings),
        Command::Screen(a) => screen::exec(a, settings),
        Command::Serve(a) => serve::exec(a, settings),
        Command::Schema(a) => schema::exec(a, settings),
        Command::Completions(a) => completions::exec(a, settings),
        Command::Man(a) => man::exec(a, settings),
    }
}

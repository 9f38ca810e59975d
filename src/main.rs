//! The `zhizao` command: parse the arguments, run the command, report its
//! error once, exit with its code. The commands live in [`cli`]; the
//! assessment itself in the `zhizao` library, which knows no command line.

// Diagnostics are the error path, rare and rich on purpose (as in the
// library): boxing them would buy nothing measurable.
#![allow(clippy::result_large_err)]

mod cli;

fn main() {
    cli::install_handlers();
    let code = match cli::parse() {
        Ok((command, settings)) => {
            cli::exit_code(cli::commands::exec(command, &settings), &settings)
        }
        Err(code) => code,
    };
    std::process::exit(code);
}

//! `zhizao schema [questionnaire|policy]`: the JSON Schema of a file kind.

use crate::cli::args::{SchemaArg, SchemaArgs};
use crate::cli::io::{self, Out};
use crate::cli::{CliResult, Settings};

/// Print (or write to `-o`) the schema.
pub fn exec(args: SchemaArgs, _: &Settings) -> CliResult {
    let which = match args.which {
        SchemaArg::Questionnaire => zhizao::schema::Which::Questionnaire,
        SchemaArg::Policy => zhizao::schema::Which::Policy,
    };
    let text = zhizao::schema::render(which);
    io::emit(&mut Out::stdout(), &text, args.output.as_deref())
}

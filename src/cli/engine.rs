//! The packs a command assesses with, loaded from its flags: the one place
//! the CLI builds an [`Engine`] (through the library's one loader).

use super::args::PackArgs;
use super::io::print_diags;
use super::{CliError, Localized};
use zhizao::assess::{Engine, LoadError, PackSources};
use zhizao::lang::{Lang, Text};
use zhizao::policy::readings;

/// The engine of the pack flags (the embedded packs where none is given),
/// read the way `--reading ID=OPTION` says. A file that cannot be read
/// exits 2, an invalid pack 1 (with every problem printed), a bad reading 2.
pub fn load(packs: &PackArgs, reading: &[String], lang: Lang) -> Result<Engine, CliError> {
    let sources = PackSources {
        criteria: packs.criteria.clone(),
        policies: packs.policy.clone(),
        targets: packs.targets.clone(),
        references: packs.references.clone(),
        levels: packs.levels.clone(),
        readings: choices(reading)?,
    };
    Engine::load(&sources).map_err(|e| load_error(e, lang))
}

/// `--reading ID=OPTION`, each well formed (exit 2 otherwise); whether the
/// reading exists is the loader's question.
fn choices(args: &[String]) -> Result<readings::Choices, CliError> {
    let mut choices = readings::Choices::new();
    for a in args {
        let (id, opt) = readings::parse_choice(a).map_err(bad_reading)?;
        choices.insert(id, opt);
    }
    Ok(choices)
}

fn bad_reading(m: Text) -> CliError {
    CliError::new(anyhow::Error::new(Localized(m)), 2)
}

/// Print what the loader found wrong; the error carrying its exit code.
fn load_error(e: LoadError, lang: Lang) -> CliError {
    let code = e.exit_code();
    match e {
        LoadError::Read(d) => print_diags(&[d], None, lang),
        LoadError::Invalid {
            diagnostics,
            source,
        } => {
            // Problems between packs point into no one text.
            let source = Some(source.as_str()).filter(|s| !s.is_empty());
            print_diags(&diagnostics, source, lang);
        }
        LoadError::Reading(m) => return bad_reading(m),
    }
    CliError::code(code)
}

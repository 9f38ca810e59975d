//! The packs a command assesses with, loaded from the flags: the one place
//! the CLI builds an [`Engine`].

use super::io::print_diags;
use super::{CliError, Localized};
use std::path::Path;
use zhizao::assess::Engine;
use zhizao::lang::{Lang, Text};
use zhizao::policy::{self, pack::PolicyPack};

/// The engine of `--policy FILE` (else the embedded pack) read the way
/// `--reading ID=OPTION` says.
pub fn build(policy: Option<&Path>, readings: &[String], lang: Lang) -> Result<Engine, CliError> {
    let pack = choose_readings(load_policy(policy, lang)?, readings)?;
    Ok(Engine {
        policy: pack,
        ..Engine::shipped()
    })
}

/// The pack of `--policy FILE`, else the embedded one. A file that cannot
/// be read is an I/O error (2), an invalid pack invalid input (1); either
/// prints its diagnostics.
pub fn load_policy(path: Option<&Path>, lang: Lang) -> Result<PolicyPack, CliError> {
    let Some(p) = path else {
        return Ok(policy::default_pack());
    };
    let shown = p.display().to_string();
    let text = zhizao::yaml::read_capped(p, &shown, zhizao::yaml::MAX_PACK_BYTES)
        .and_then(|b| zhizao::yaml::decode(&b, &shown))
        .map_err(|d| {
            print_diags(&[d], None, lang);
            CliError::code(2)
        })?;
    policy::load_pack(&text, &shown).map_err(|ds| {
        print_diags(&ds, Some(&text), lang);
        CliError::code(1)
    })
}

/// The pack under the readings given with `--reading ID=OPTION` (exit code 2 on a bad one).
fn choose_readings(pack: PolicyPack, args: &[String]) -> Result<PolicyPack, CliError> {
    if args.is_empty() {
        return Ok(pack);
    }
    let bad = |m: Text| CliError::new(anyhow::Error::new(Localized(m)), 2);
    let mut choices = policy::readings::Choices::new();
    for a in args {
        let (id, opt) = policy::readings::parse_choice(a).map_err(bad)?;
        choices.insert(id, opt);
    }
    policy::with_readings(&pack, &choices).map_err(bad)
}

//! `zhizao man [COMMAND]`: the roff page of zhizao or of one command.

use crate::cli::args::{version, ManArgs};
use crate::cli::help_zh;
use crate::cli::io::Out;
use crate::cli::{CliError, CliResult, Settings};
use zhizao::lang::Lang;

/// Print the page in the chosen language.
pub fn exec(args: ManArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut cmd = help_zh::command(lang);
    cmd.build();
    let page = match args.command.as_deref() {
        None => cmd,
        Some(name) => subcommand_page(&cmd, name, lang)?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut roff)
        .map_err(anyhow::Error::from)?;
    let roff = String::from_utf8_lossy(&roff);
    let text = match lang {
        Lang::Zh => help_zh::localize_man(&roff),
        Lang::En => roff.into_owned(),
    };
    Out::stdout().document(&text)
}

/// The page of command `name` (`zhizao-assess`); an unknown name is a
/// usage error (2) listing the commands.
fn subcommand_page(cmd: &clap::Command, name: &str, lang: Lang) -> Result<clap::Command, CliError> {
    let Some(sub) = cmd.get_subcommands().find(|c| c.get_name() == name) else {
        let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
        let names = names.join(", ");
        return Err(CliError::localized(
            format!("没有这个命令 `{name}`; 可选: {names}"),
            format!("no such command `{name}`; choose one of: {names}"),
            2,
        ));
    };
    // clap names are `&'static str` without its `string` feature; this
    // runs once per process.
    let full: &'static str = Box::leak(format!("zhizao-{}", sub.get_name()).into_boxed_str());
    Ok(sub.clone().name(full).version(version(lang)))
}

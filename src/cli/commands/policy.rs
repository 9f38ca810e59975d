//! `zhizao policy …`: inspect, test and check the policy pack (政策包).

use crate::cli::args::{CheckArgs, ListArgs, PackArgs, PolicyCommand, ShowArgs, TestArgs};
use crate::cli::io::{self, Out};
use crate::cli::{engine, CliError, CliResult, Settings};
use std::path::PathBuf;
use zhizao::cases as testcase;
use zhizao::report;

/// Run one `policy` subcommand.
pub fn exec(command: PolicyCommand, s: &Settings) -> CliResult {
    match command {
        PolicyCommand::List(a) => list(a, s),
        PolicyCommand::Show(a) => show(a, s),
        PolicyCommand::Test(a) => test(a, s),
        PolicyCommand::Facts => facts(s),
        PolicyCommand::Check(a) => check(a, s),
    }
}

/// `policy list`: one row per track, pack after pack.
fn list(args: ListArgs, s: &Settings) -> CliResult {
    let engine = engine::load(&args.packs, &[], s.lang)?;
    let mut out = Out::stdout();
    for pack in engine.policies() {
        out.print(&report::pack::list(pack, s.lang, s.width))?;
    }
    Ok(())
}

/// `policy show ID`: one track in full; a misspelt id gets the closest one.
fn show(args: ShowArgs, s: &Settings) -> CliResult {
    let engine = engine::load(&args.packs, &[], s.lang)?;
    for pack in engine.policies() {
        if let Some(t) = pack.tracks.iter().find(|t| t.id == args.id) {
            return Out::stdout().print(&report::pack::show(pack, t, s.lang, s.width));
        }
    }
    let best = engine
        .policies()
        .flat_map(|p| &p.tracks)
        .map(|t| (strsim::levenshtein(&args.id, &t.id), &t.id))
        .min_by_key(|x| x.0)
        .filter(|b| b.0 <= 4);
    let id = zhizao::textsafe::echo(&args.id);
    let hint = |ask: &str| {
        best.map(|b| format!("; {ask} `{}`?", b.1))
            .unwrap_or_default()
    };
    Err(CliError::localized(
        format!("没有这个扶持项 `{id}`{}", hint("是不是")),
        format!("no such track `{id}`{}", hint("did you mean")),
        2,
    ))
}

/// `policy test PATHS…`: hand-computed cases against the engine; exit 1
/// when any fails or cannot be read.
fn test(args: TestArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut out = Out::stdout();
    let engine = engine::load(&args.packs, &[], lang)?;
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("policies/tests")]
    } else {
        args.paths
    };
    let files = testcase::collect(&paths);
    if files.is_empty() {
        eprintln!("{}", lang.pick("没有找到测试文件", "no test files found"));
        return Err(CliError::code(2));
    }
    let o = testcase::run(&engine, &files);
    let mut text = String::new();
    for c in &o.cases {
        if c.diffs.is_empty() {
            text += &format!("ok    {} :: {}\n", c.file, c.name);
        } else {
            text += &format!("FAIL  {} :: {}\n", c.file, c.name);
            for d in &c.diffs {
                text += &format!("        - {d}\n");
            }
        }
    }
    out.print(&report::fit::lines(&text, s.width))?;
    io::print_diags(&o.errors, None, lang);
    // Every pack's readings (each pack lists its own; none: nothing).
    for pack in engine.policies() {
        let listing = testcase::readings_listing(pack, &o, lang);
        out.print(&report::fit::lines(&listing, s.width))?;
    }
    out.line(&format!("policy test: {}", testcase::summary(&o).get(lang)))?;
    match o.failed() == 0 && o.errors.is_empty() {
        true => Ok(()),
        false => Err(CliError::code(1)),
    }
}

/// `policy facts`: the facts a pack may name.
fn facts(s: &Settings) -> CliResult {
    let mut text = String::new();
    for f in zhizao::facts::REGISTRY {
        let ids = if f.ids.is_empty() {
            String::new()
        } else {
            format!(" [{}]", f.ids.join(", "))
        };
        text += &format!(
            "{:<60} {:<7} {}{ids}\n",
            f.name,
            format!("{:?}", f.kind).to_lowercase(),
            f.from
        );
    }
    Out::stdout().print(&report::fit::lines(&text, s.width))
}

/// `policy check FILE`: every load-time error of a pack (exit 1), or "valid".
fn check(args: CheckArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let packs = PackArgs {
        policy: vec![args.file.clone()],
        ..PackArgs::default()
    };
    let engine = engine::load(&packs, &[], lang)?;
    Out::stdout().line(&format!(
        "{}: {} ({} {})",
        args.file.display(),
        lang.pick("有效", "valid"),
        engine.policy.tracks.len(),
        lang.pick("个扶持项", "tracks")
    ))
}

//! `zhizao screen PATHS…`: many questionnaires at once, the district's view.

use crate::cli::args::ScreenArgs;
use crate::cli::io::{self, Out};
use crate::cli::{engine, CliError, CliResult, Settings};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use zhizao::assess::Engine;
use zhizao::lang::Lang;
use zhizao::screen::{self, export};

/// Screen every questionnaire under `args.paths`. Exit 1 when any file was
/// rejected (0 with `--allow-rejected`), 2 for usage or output errors.
pub fn exec(args: ScreenArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut out = Out::stdout();
    check_paths(&args.paths)?;
    io::output_is_input(&args.output, &args.paths)?;
    let jobs = jobs(args.jobs, lang);
    if args.parse_only {
        return baseline(&mut out, ("parse-only", "parsed"), || {
            screen::parse_only(&args.paths, jobs)
        });
    }
    if args.read_floor {
        return baseline(&mut out, ("read floor", "read"), || {
            screen::read_floor(&args.paths, jobs)
        });
    }
    let kind = export_kind(args.output.as_deref())?;
    // Held until the export is written: a second screen to the same file refuses.
    let _lock = lock_output(args.output.as_deref())?;
    let engine = engine::load(&args.packs, &[], lang)?;
    let opts = screen::Options {
        jobs,
        progress: s.progress,
        top: args.top,
        keep_rows: kind.is_some() || args.previous.is_some(),
        follow_links: args.follow_links,
    };
    // A workbook's sizes, totals and near-miss shortlists come from pass 1.
    let screened = match kind {
        Some(export::Kind::Xlsx) => screen::screen_for_workbook(&engine, &args.paths, &opts)?,
        _ => screen::screen(&engine, &args.paths, &opts)?,
    };
    let dashboard = screen::targets::dashboard(&engine.targets, &screened.agg);
    let years = screened.agg.by_year.keys().copied();
    let packs = screen::Packs::of(&engine).applied(years);
    out.print(&zhizao::report::screening::render(
        &zhizao::report::screening::Screening {
            aggregates: &screened.agg,
            dashboard: &dashboard,
            rejected: &screened.rejected,
            notes: &screened.notes,
            packs: &packs,
        },
        lang,
        s.width,
    ))?;
    after_summary(&mut out, &args, &engine, &screened, &dashboard, kind, lang)?;
    match screened.rejected.is_empty() || args.allow_rejected {
        true => Ok(()),
        false => Err(CliError::code(1)),
    }
}

/// What follows the summary: the reports (`--reports`), the comparison
/// with a previous screening (`--previous`) and the export (`-o`).
fn after_summary(
    out: &mut Out,
    args: &ScreenArgs,
    engine: &Engine,
    screened: &screen::Screened,
    dashboard: &[screen::targets::TargetLine],
    kind: Option<export::Kind>,
    lang: Lang,
) -> CliResult {
    let reports = match &args.reports {
        Some(dir) => Some(write_reports(engine, args, dir, lang)?),
        None => None,
    };
    let previous = match &args.previous {
        Some(p) => Some(zhizao::workbook::previous::load(p).map_err(|e| CliError::new(e, 2))?),
        None => None,
    };
    if let Some(prev) = &previous {
        out.print(&zhizao::workbook::previous::summary(prev, screened, lang)?)?;
    }
    let (Some(path), Some(kind)) = (&args.output, kind) else {
        return Ok(());
    };
    let near_misses = match kind {
        export::Kind::Xlsx => Some(zhizao::workbook::nearmiss::find(
            engine, screened, args.top,
        )?),
        _ => None,
    };
    let packs = screen::Packs::of(engine).applied(screened.agg.by_year.keys().copied());
    let cx = export::Context {
        screened,
        dashboard,
        packs: &packs,
        lang,
        reports: reports.as_ref(),
        previous: previous.as_ref(),
        near_misses: near_misses.as_deref(),
    };
    write_export(path, kind, &cx)
}

/// Every path given exists (a dangling link too: the walk reports it).
fn check_paths(paths: &[PathBuf]) -> CliResult {
    for p in paths {
        if !p.exists() && std::fs::symlink_metadata(p).is_err() {
            return Err(CliError::usage(p.display(), "不存在", "does not exist"));
        }
    }
    Ok(())
}

/// `--jobs`, cut to what this machine can use (with a note).
fn jobs(asked: usize, lang: Lang) -> usize {
    let (jobs, cut) = screen::clamp_jobs(asked);
    if let Some(max) = cut {
        eprintln!(
            "{}: --jobs {asked} {} {max}",
            lang.pick("注意", "note"),
            lang.pick(
                "超过本机上限, 改用",
                "is more than this machine can use; using"
            )
        );
    }
    jobs
}

/// `--parse-only` and `--read-floor` (benchmark baselines): report the
/// counts and the time the walk, reads (and parses) took.
fn baseline(
    out: &mut Out,
    (what, done): (&str, &str),
    run: impl FnOnce() -> std::io::Result<(usize, usize)>,
) -> CliResult {
    let t = std::time::Instant::now();
    let (ok, failed) = run()?;
    let secs = t.elapsed().as_secs_f64();
    out.line(&format!(
        "{what}: {ok} {done}, {failed} failed, {secs:.3} s, {:.0} files/s",
        (ok + failed) as f64 / secs.max(1e-9)
    ))
}

/// The export format `-o` names by its extension (usage error 2 for any other).
fn export_kind(output: Option<&Path>) -> Result<Option<export::Kind>, CliError> {
    let Some(p) = output else {
        return Ok(None);
    };
    match export::Kind::from_path(p) {
        Some(k) => Ok(Some(k)),
        None => Err(CliError::usage(
            p.display(),
            "的扩展名须为 .xlsx、.csv 或 .json",
            "must end in .xlsx, .csv or .json",
        )),
    }
}

/// The lock on `-o`, so two screenings never write one file.
fn lock_output(output: Option<&Path>) -> Result<Option<zhizao::output::OutputLock>, CliError> {
    let Some(p) = output else {
        return Ok(None);
    };
    match zhizao::output::lock_output(p) {
        Ok(Some(l)) => Ok(Some(l)),
        Ok(None) => Err(CliError::usage(
            p.display(),
            "正由另一个 zhizao screen 写入; 请等它完成, 或换一个输出文件",
            "is being written by another zhizao screen; wait for it to finish or choose another output",
        )),
        // No lock possible here (a read-only folder): the write will say why.
        Err(_) => Ok(None),
    }
}

/// `--reports DIR`: write the reports, say how many, list failures.
fn write_reports(
    engine: &Engine,
    args: &ScreenArgs,
    dir: &Path,
    l: Lang,
) -> Result<HashMap<String, PathBuf>, CliError> {
    let w = zhizao::workbook::reports::write(engine, &args.paths, dir, l, args.format.into())?;
    for (file, why) in &w.failed {
        eprintln!(
            "{}: {}: {}",
            l.pick("报告未写出", "report not written"),
            zhizao::textsafe::echo(file),
            zhizao::textsafe::echo(why)
        );
    }
    eprintln!(
        "{} {} {} {}",
        l.pick("已写入", "wrote"),
        w.by_file.len(),
        l.pick("份企业报告到", "enterprise reports to"),
        zhizao::textsafe::echo(&dir.display().to_string())
    );
    Ok(w.by_file)
}

/// The export at `path`; a failure names the file (exit 2).
fn write_export(path: &Path, kind: export::Kind, cx: &export::Context) -> CliResult {
    let lang = cx.lang;
    if let Err(e) = export::write(path, kind, cx) {
        let e = zhizao::textsafe::terminal_safe(&e.to_string()).into_owned();
        return Err(CliError::localized(
            format!("无法写入 {}: {e}", path.display()),
            format!("cannot write {}: {e}", path.display()),
            2,
        ));
    }
    let shown = zhizao::textsafe::echo(&path.display().to_string());
    eprintln!("{} {shown}", lang.pick("已写入", "written:"));
    Ok(())
}

//! `zhizao convert`: YAML questionnaires ↔ rows of a questionnaire workbook.
//!
//! YAML files → one workbook (one row each, in the order given); a workbook →
//! one YAML file per row (`<workbook>-row<N>.yaml`, named by the sheet row so
//! no typed name ever becomes a file name). Only valid questionnaires are
//! converted — the conversion is exact for those — and every invalid one is
//! reported with its errors. Existing files are never overwritten.

use super::{read, template, yamlout};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use anyhow::Context as _;
use std::path::{Path, PathBuf};

/// What a conversion did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Errors of the inputs (or rows) that were not converted.
    pub errors: Vec<Diagnostic>,
}

/// YAML files → one workbook at `out`.
pub fn yaml_to_workbook(inputs: &[String], out: &Path, l: Lang) -> anyhow::Result<Outcome> {
    let mut o = Outcome::default();
    let mut qs = Vec::new();
    for f in inputs {
        let loaded = crate::input::read(f)
            .map_err(|d| vec![d])
            .and_then(|b| crate::input::from_bytes(&b, f).map_err(|(d, _)| d));
        match loaded {
            Ok(l) => qs.push(l.questionnaire),
            Err(d) => o.errors.extend(d.into_iter().filter(Diagnostic::is_error)),
        }
    }
    if o.errors.is_empty() {
        // A row that cannot be written names its cell (row 6 = the first input).
        template::write(out, l, &qs).with_context(|| out.display().to_string())?;
        o.written.push(out.to_path_buf());
    }
    Ok(o)
}

/// A workbook → YAML files in `dir` (or the one file `out.yaml` when the
/// workbook holds one row and `out` ends in .yaml).
pub fn workbook_to_yaml(input: &Path, out: &Path) -> anyhow::Result<Outcome> {
    let shown = input.display().to_string();
    let mut o = Outcome::default();
    let entries = match read::read_path(input, &shown) {
        Ok(e) => e,
        Err(d) => {
            o.errors.push(d);
            return Ok(o);
        }
    };
    let one_file = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if one_file && entries.len() != 1 {
        anyhow::bail!(
            "{}: {} rows; write them to a folder instead of one .yaml file",
            shown,
            entries.len()
        );
    }
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workbook".into());
    if !one_file {
        std::fs::create_dir_all(out)?;
    }
    for e in entries {
        match e.result {
            Ok(l) => {
                let row =
                    e.at.rsplit('!')
                        .next()
                        .unwrap_or("")
                        .trim_start_matches(char::is_alphabetic);
                let path = if one_file {
                    out.to_path_buf()
                } else {
                    out.join(format!("{stem}-row{row}.yaml"))
                };
                if path.exists() {
                    anyhow::bail!(
                        "{}: already exists; it will not be overwritten",
                        path.display()
                    );
                }
                crate::output::write_atomic(&path, yamlout::to_yaml(&l.questionnaire).as_bytes())?;
                o.written.push(path);
            }
            Err(d) => o.errors.extend(d.into_iter().filter(Diagnostic::is_error)),
        }
    }
    Ok(o)
}

fn print_diags(diags: &[Diagnostic], l: Lang) {
    use std::io::Write as _;
    let mut err = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(
            err,
            "{}",
            crate::textsafe::terminal_safe(&d.render(l, None))
        );
    }
}

/// `zhizao validate file.xlsx`: every row valid or listed with its errors.
/// Exit code as for YAML: 0 all valid, 1 any invalid, 2 unreadable.
pub fn validate_workbook(f: &str, l: Lang) -> anyhow::Result<i32> {
    let entries = match read::read_path(Path::new(f), f) {
        Ok(e) => e,
        Err(d) => {
            print_diags(std::slice::from_ref(&d), l);
            return Ok(if d.code == "io" { 2 } else { 1 });
        }
    };
    if entries.is_empty() {
        say(&format!(
            "{}: {}",
            crate::textsafe::echo(f),
            l.pick(
                "申报表中没有填写任何企业",
                "no questionnaire rows filled in"
            )
        ))?;
        return Ok(1);
    }
    let mut worst = 0;
    for e in entries {
        let at = crate::textsafe::echo(&e.at);
        match e.result {
            Ok(loaded) => {
                print_diags(&loaded.warnings, l);
                say(&format!("{at}: {}", l.pick("有效", "valid")))?;
            }
            Err(diags) => {
                print_diags(&diags, l);
                let n = diags.iter().filter(|d| d.is_error()).count();
                say(&format!(
                    "{at}: {} ({n} {})",
                    l.pick("无效", "invalid"),
                    l.pick("个错误", if n == 1 { "error" } else { "errors" })
                ))?;
                worst = 1;
            }
        }
    }
    Ok(worst)
}

/// One line on standard output; a write error (a full disk, a closed pipe)
/// goes back to the command, which reports it as every command does.
fn say(line: &str) -> anyhow::Result<()> {
    crate::cli::write_stdout(&format!("{line}\n"))
}

fn refuse_existing(p: &Path, l: Lang) -> bool {
    if p.exists() {
        crate::cli::usage_error(
            l,
            p.display(),
            "已存在, 不会覆盖",
            "already exists; it will not be overwritten",
        );
        return true;
    }
    false
}

/// `zhizao init --format xlsx -o FILE`.
pub fn init_xlsx(output: Option<&Path>, l: Lang) -> anyhow::Result<i32> {
    let Some(out) = output else {
        return Ok(crate::cli::usage_error(
            l,
            "",
            "--format xlsx 需要 -o 文件.xlsx",
            "--format xlsx needs -o FILE.xlsx",
        ));
    };
    if refuse_existing(out, l) {
        return Ok(2);
    }
    template::write(out, l, &[])?;
    eprintln!("{} {}", l.pick("已写入", "written:"), out.display());
    Ok(0)
}

/// `zhizao convert INPUTS -o OUT`.
pub fn run(inputs: &[String], out: &Path, l: Lang) -> anyhow::Result<i32> {
    let to_workbook = read::is_workbook(out);
    let outcome = if to_workbook {
        if refuse_existing(out, l) {
            return Ok(2);
        }
        if let Some(wb) = inputs.iter().find(|i| read::is_workbook(Path::new(i))) {
            return Ok(crate::cli::usage_error(
                l,
                wb,
                "已是工作簿; 输出为 .xlsx 时输入应为 YAML",
                "is a workbook already; with a .xlsx output the inputs are YAML",
            ));
        }
        yaml_to_workbook(inputs, out, l)?
    } else {
        let [one] = inputs else {
            return Ok(crate::cli::usage_error(
                l,
                "",
                "输出为文件夹或 .yaml 时只能输入一个 .xlsx 工作簿",
                "a folder or .yaml output takes exactly one .xlsx workbook",
            ));
        };
        if !read::is_workbook(Path::new(one)) {
            return Ok(crate::cli::usage_error(
                l,
                "",
                "YAML 转换为工作簿时 -o 须以 .xlsx 结尾",
                "to convert YAML into a workbook, -o must end in .xlsx",
            ));
        }
        workbook_to_yaml(Path::new(one), out)?
    };
    print_diags(&outcome.errors, l);
    for w in &outcome.written {
        eprintln!("{} {}", l.pick("已写入", "written:"), w.display());
    }
    if to_workbook && !outcome.errors.is_empty() {
        eprintln!(
            "{}",
            l.pick(
                "有无效的问卷, 未写出工作簿",
                "some questionnaires are invalid; no workbook written"
            )
        );
    }
    Ok(if outcome.errors.is_empty() { 0 } else { 1 })
}

/// `zhizao sample --format xlsx --out FILE.xlsx`: the questionnaires that
/// `sample --out DIR` writes as YAML files, as the rows of one workbook.
pub fn sample_xlsx(
    count: usize,
    seed: u64,
    invalid_share: f64,
    out: &Path,
    l: Lang,
) -> anyhow::Result<i32> {
    if invalid_share != 0.0 {
        return Ok(crate::cli::usage_error(
            l,
            "",
            "--format xlsx 只写有效问卷; 请去掉 --invalid-share",
            "--format xlsx writes valid questionnaires only; drop --invalid-share",
        ));
    }
    if refuse_existing(out, l) {
        return Ok(2);
    }
    let mut qs = Vec::with_capacity(count);
    for i in 0..count {
        let (name, text) = crate::sample::sample(seed, i, 0.0);
        let loaded = crate::input::from_bytes(text.as_bytes(), &name).map_err(|(d, _)| {
            anyhow::anyhow!(
                "{name}: {}",
                d.first()
                    .map(|d| d.message.en.to_string())
                    .unwrap_or_default()
            )
        })?;
        qs.push(loaded.questionnaire);
    }
    template::write(out, l, &qs)?;
    say(&format!(
        "{} {count} {} {}",
        l.pick("已写入", "wrote"),
        l.pick("份问卷到", "questionnaires to"),
        crate::textsafe::echo(&out.display().to_string())
    ))?;
    Ok(0)
}

/// `screen --reports DIR`: write the reports, say how many, list failures.
pub fn screen_reports(
    engine: &crate::assess::Engine,
    paths: &[PathBuf],
    dir: &Path,
    l: Lang,
    format: super::reports::ReportFormat,
) -> anyhow::Result<std::collections::HashMap<String, PathBuf>> {
    let w = super::reports::write(engine, paths, dir, l, format)?;
    for (file, why) in &w.failed {
        eprintln!(
            "{}: {}: {}",
            l.pick("报告未写出", "report not written"),
            crate::textsafe::echo(file),
            crate::textsafe::echo(why)
        );
    }
    eprintln!(
        "{} {} {} {}",
        l.pick("已写入", "wrote"),
        w.by_file.len(),
        l.pick("份企业报告到", "enterprise reports to"),
        dir.display()
    );
    Ok(w.by_file)
}

//! `zhizao sample`: realistic synthetic questionnaires (YAML files or one workbook).

use super::init::refuse_existing;
use crate::cli::args::{FileFormat, SampleArgs};
use crate::cli::io::Out;
use crate::cli::{CliError, CliResult, Settings};
use zhizao::lang::Lang;

/// Write `--count` questionnaires of `--seed` to `--out`.
pub fn exec(args: SampleArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut out = Out::stdout();
    if args.format == FileFormat::Xlsx {
        return workbook(&mut out, &args, lang);
    }
    if !(0.0..=1.0).contains(&args.invalid_share) {
        return Err(CliError::localized(
            "--invalid-share 须在 0 到 1 之间",
            "--invalid-share must be between 0 and 1",
            2,
        ));
    }
    let invalid = zhizao::sample::write_samples(
        &args.out,
        &zhizao::sample::SampleOptions {
            count: args.count,
            seed: args.seed,
            invalid_share: args.invalid_share,
        },
    )
    .map_err(|e| anyhow::anyhow!("{}: {e}", args.out.display()))?;
    out.line(&format!(
        "{} {} {} {} ({invalid} {})",
        lang.pick("已写入", "wrote"),
        args.count,
        lang.pick("份问卷到", "questionnaires to"),
        args.out.display(),
        lang.pick("份无效", "invalid")
    ))
}

/// `zhizao sample --format xlsx --out FILE.xlsx`: the questionnaires that
/// `sample --out DIR` writes as YAML files, as the rows of one workbook.
fn workbook(out: &mut Out, args: &SampleArgs, lang: Lang) -> CliResult {
    if args.invalid_share != 0.0 {
        return Err(CliError::usage(
            "",
            "--format xlsx 只写有效问卷; 请去掉 --invalid-share",
            "--format xlsx writes valid questionnaires only; drop --invalid-share",
        ));
    }
    refuse_existing(&args.out)?;
    let qs = zhizao::workbook::convert::sample_questionnaires(args.count, args.seed)?;
    zhizao::workbook::template::write(&args.out, lang, &qs)?;
    out.line(&format!(
        "{} {} {} {}",
        lang.pick("已写入", "wrote"),
        args.count,
        lang.pick("份问卷到", "questionnaires to"),
        zhizao::textsafe::echo(&args.out.display().to_string())
    ))
}

//! `zhizao assess FILE`: one questionnaire's report.

use crate::cli::args::{AssessArgs, Format};
use crate::cli::io::{self, Out};
use crate::cli::{engine, CliError, CliResult, Settings};
use std::path::PathBuf;
use zhizao::assess::{Assessment, Engine, InputInfo};
use zhizao::lang::Lang;
use zhizao::whatif::Override;
use zhizao::{input, report};

/// Assess `args.file` and write the report in its format.
pub fn exec(args: AssessArgs, s: &Settings) -> CliResult {
    let lang = s.lang;
    let mut out = Out::stdout();
    io::output_is_input(&args.output, &[&args.file])?;
    let (date, profile) = report_extras(args.date.as_deref(), args.profile.as_deref())?;
    let engine = engine::load(&args.packs, &args.reading, lang)?;
    let (loaded, overrides) = load(&args.file, &args.set, lang)?;
    let a = engine.assess(
        &loaded.questionnaire,
        InputInfo {
            file: args.file.clone(),
            sha256: loaded.sha256.clone(),
        },
        loaded.warnings.clone(),
    );
    let format = args
        .format
        .unwrap_or_else(|| Format::from_output(&args.output));
    let r = Rendering {
        engine: &engine,
        loaded: &loaded,
        assessment: &a,
        overrides: &overrides,
        date: &date,
        profile: profile.as_ref(),
        lang,
    };
    if format == Format::Docx {
        return write_docx(&r, &args.output);
    }
    let text = match format {
        Format::Json if overrides.is_empty() => report::json(&a),
        Format::Json => report::whatif::json(&a, &overrides),
        Format::Html => report::html::render(&r.report_input(&r.roadmap()))?,
        Format::Markdown | Format::Docx => report::markdown::render(&r.report_input(&r.roadmap()))?,
        Format::Terminal => {
            report::whatif::terminal_note(&overrides, lang)
                + &report::terminal::render_with_plans(
                    &a,
                    &zhizao::roadmap::levels::plans(&engine, &loaded.questionnaire, &a),
                    report::terminal::Options {
                        lang,
                        color: args.output.is_none() && s.color,
                        explain: args.explain,
                        width: s.width,
                    },
                )
        }
    };
    io::emit(&mut out, &text, args.output.as_deref())
}

/// The questionnaire of `file` with the `--set` overrides applied: an
/// unreadable file exits 2, an invalid one 1, a bad override (usage) 2.
fn load(
    file: &str,
    set: &[String],
    lang: Lang,
) -> Result<(input::Loaded, Vec<Override>), CliError> {
    let loaded = io::load_questionnaire(file, lang)?;
    if set.is_empty() {
        return Ok((loaded, Vec::new()));
    }
    zhizao::whatif::apply(&loaded, file, set).map_err(|diags| io::failed(&diags, None, lang, 2))
}

/// What a report is made of.
struct Rendering<'a> {
    engine: &'a Engine,
    loaded: &'a input::Loaded,
    assessment: &'a Assessment,
    overrides: &'a [Override],
    date: &'a str,
    profile: Option<&'a report::profile::Profile>,
    lang: Lang,
}

impl Rendering<'_> {
    fn roadmap(&self) -> zhizao::roadmap::Roadmap {
        zhizao::roadmap::build(self.engine, &self.loaded.questionnaire, self.assessment)
    }

    fn report_input<'r>(
        &'r self,
        roadmap: &'r zhizao::roadmap::Roadmap,
    ) -> report::view::ReportInput<'r> {
        report::view::ReportInput {
            assessment: self.assessment,
            roadmap,
            overrides: self.overrides,
            lang: self.lang,
            date: self.date,
            profile: self.profile,
        }
    }
}

/// `assess --format docx`: the Word report, written atomically to `-o`
/// (a DOCX is binary, so it never goes to a terminal).
fn write_docx(r: &Rendering, output: &Option<PathBuf>) -> CliResult {
    let Some(path) = output else {
        return Err(CliError::usage(
            "--format docx",
            "需要 -o 文件名.docx",
            "needs -o FILE.docx",
        ));
    };
    let bytes = report::docx::render(&r.report_input(&r.roadmap()))?;
    io::write_file(path, &bytes)
}

/// The report date (`--date`, else today's local date) and the consultant
/// profile (`--profile`); a bad date or profile is a usage error (2).
fn report_extras(
    date: Option<&str>,
    profile: Option<&std::path::Path>,
) -> Result<(String, Option<report::profile::Profile>), CliError> {
    let date = report::view::report_date_from(date).map_err(|bad| {
        CliError::usage(
            format!("--date {bad}"),
            "不是日期\n  提示: 写成 YYYY-MM-DD, 例如 --date 2017-03-20",
            "is not a date\n  hint: write YYYY-MM-DD, e.g. --date 2017-03-20",
        )
    })?;
    let profile = match profile {
        None => None,
        Some(p) => Some(
            report::profile::Profile::load(p)
                .map_err(|e| CliError::localized(e.zh.clone(), e.en.clone(), 2))?,
        ),
    };
    Ok((date, profile))
}

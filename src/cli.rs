//! Command line (命令行). Exit codes: 0 success, 1 invalid input (or failed
//! policy tests), 2 usage or I/O error.

use crate::assess::{Engine, InputInfo};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::{input, output, policy, report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// `println!` that returns a write error instead of panicking (see
/// [`write_stdout`]); what it prints is made terminal-safe, as it may
/// echo file names and values a user typed.
macro_rules! outln {
    ($($t:tt)*) => { write_stdout(&crate::textsafe::terminal_safe(&format!("{}\n", format_args!($($t)*)))) };
}

/// `print!` that returns a write error instead of panicking.
macro_rules! out {
    ($($t:tt)*) => { write_stdout(&crate::textsafe::terminal_safe(&format!($($t)*))) };
}

const AFTER_HELP: &str = "\
Examples / 示例:
  zhizao init --sector textile_footwear_apparel -o my-factory.yaml
  zhizao validate my-factory.yaml
  zhizao assess questionnaires/examples/electronics-smart-factory.yaml
  zhizao assess my-factory.yaml --explain --lang en
  zhizao assess my-factory.yaml --format json > report.json
  zhizao assess my-factory.yaml --format html -o report.html
  zhizao compare factory-2016.yaml factory-2017.yaml
  zhizao screen submissions/ -o screening.xlsx
  zhizao policy list
  zhizao policy test policies/tests
  zhizao schema questionnaire > questionnaire.schema.json
  zhizao completions bash > ~/.local/share/bash-completion/completions/zhizao
  zhizao man | man -l -

Exit codes / 退出码: 0 ok, 1 invalid input or failed policy tests, 2 usage or I/O error.";

/// zhizao (智造): how ready a factory is for smart manufacturing, and which
/// subsidy tracks of the 2016 Licheng policy it can claim.
///
/// A consultant fills in one YAML questionnaire per factory (`zhizao init`),
/// checks it (`zhizao validate`) and assesses it (`zhizao assess`):
/// indicators such as the CNC ratio and robot density, the digital-workshop
/// and smart-factory reference criteria, an estimated GB/T 39116 maturity
/// level, and every subsidy track of the 2016 Licheng notice with exact money
/// and its split between province, city and district. Every number traces to
/// an input field, a formula and a clause.
///
/// 顾问为每家工厂填写一份 YAML 问卷 (zhizao init), 校验 (zhizao validate) 后评估
/// (zhizao assess): 指标、数字化车间 / 智能工厂参考标准、估算成熟度,
/// 以及 2016 年鲤城区各项扶持政策的适用情况和金额 (省/市/区分担)。
///
/// Guides / 使用指南: docs/guide.zh.md, docs/guide.en.md. Run `zhizao <COMMAND>
/// --help` for the details and an example of each command.
#[derive(Debug, Parser)]
#[command(name = "zhizao", version = version(), after_help = AFTER_HELP)]
pub struct Cli {
    /// Output language of reports, messages and errors: zh (简体中文) or en (English).
    ///
    /// Default: the first of LC_ALL, LC_MESSAGES and LANG that names a
    /// language, then the system language; Chinese when that is Chinese, or
    /// when nothing names a language (unset, C, POSIX). Works before or after
    /// the command, e.g. `zhizao --lang en assess f.yaml` or `zhizao assess
    /// f.yaml --lang en`.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    /// Command.
    #[command(subcommand)]
    pub command: Command,
}

fn version() -> &'static str {
    concat!(
        env!("CARGO_PKG_VERSION"),
        " (policy pack licheng-2016, notice of 2016-07-29)"
    )
}

/// Language argument.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

/// Output format of `assess`.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Tables for a person.
    Terminal,
    /// One JSON object for programs (docs/json-output.md).
    Json,
    /// A Markdown report with gap analysis and upgrade roadmap (docs/reports.md).
    Markdown,
    /// One self-contained HTML file with charts, printable on A4 (docs/reports.md).
    Html,
    /// A Word document (DOCX) with headings, tables and charts, to finish in Word or WPS; needs `-o`.
    Docx,
}

impl Format {
    /// The format an output file's extension names (`report.html` → html),
    /// as `screen` does; terminal text when there is no file or the
    /// extension says nothing.
    pub fn from_output(output: &Option<PathBuf>) -> Format {
        let ext = output
            .as_ref()
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match ext.as_deref() {
            Some("json") => Format::Json,
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm") => Format::Html,
            Some("docx") => Format::Docx,
            _ => Format::Terminal,
        }
    }
}

/// `assess --format docx`: the Word report, written atomically to `-o`
/// (a DOCX is binary, so it never goes to a terminal).
fn write_docx(
    engine: &Engine,
    loaded: &input::Loaded,
    a: &crate::assess::Assessment,
    overrides: &[crate::whatif::Override],
    output: &Option<PathBuf>,
    (date, profile): (&str, Option<&report::profile::Profile>),
    lang: Lang,
) -> anyhow::Result<i32> {
    let Some(path) = output else {
        return Ok(usage_error(
            lang,
            "--format docx",
            "需要 -o 文件名.docx",
            "needs -o FILE.docx",
        ));
    };
    let roadmap = crate::roadmap::build(engine, &loaded.questionnaire, a);
    let r = report::view::ReportInput {
        assessment: a,
        roadmap: &roadmap,
        overrides,
        lang,
        date,
        profile,
    };
    let bytes = report::docx::render(&r)?;
    output::write_atomic(path, &bytes).map_err(|e| {
        anyhow::Error::new(Localized(crate::lang::Text::new(
            format!("无法写入 {}: {e}", path.display()),
            format!("cannot write {}: {e}", path.display()),
        )))
    })?;
    Ok(0)
}

/// The report date (`--date`, else today's local date) and the consultant
/// profile (`--profile`); a bad date or profile is a usage error (2).
fn report_extras(
    date: Option<&str>,
    profile: Option<&std::path::Path>,
    lang: Lang,
) -> Result<(String, Option<report::profile::Profile>), i32> {
    let date = report::view::report_date_from(date).map_err(|bad| {
        usage_error(
            lang,
            format!("--date {bad}"),
            "不是日期\n  提示: 写成 YYYY-MM-DD, 例如 --date 2017-03-20",
            "is not a date\n  hint: write YYYY-MM-DD, e.g. --date 2017-03-20",
        )
    })?;
    let profile = match profile {
        None => None,
        Some(p) => Some(report::profile::Profile::load(p).map_err(|e| {
            eprintln!(
                "{}: {}",
                lang.pick("错误", "error"),
                lang.pick(&e.zh, &e.en)
            );
            2
        })?),
    };
    Ok((date, profile))
}

/// Questionnaire file format of `init`, `sample`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileFormat {
    /// YAML.
    Yaml,
    /// Excel workbook (.xlsx).
    Xlsx,
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess one questionnaire (评估): indicators, criteria, estimated maturity, subsidy tracks.
    ///
    /// Reads a YAML questionnaire (`-` for stdin), validates it as `validate`
    /// does (an invalid questionnaire prints every problem and exits with 1),
    /// and prints the report: indicators, the reference criteria met or
    /// missed with the gap and an upgrade path, the estimated maturity level,
    /// and every subsidy track — applicable, candidate (recognition or
    /// application first) or not applicable — with its amount and funders.
    /// Every number traces to an input field, a formula and a clause;
    /// `--explain` shows each condition with its actual and required value.
    #[command(after_help = "Examples / 示例:
  zhizao assess questionnaires/examples/autoparts-digital-workshop.yaml --explain
  zhizao assess my-factory.yaml --lang en
  zhizao assess my-factory.yaml --format json -o report.json
  cat my-factory.yaml | zhizao assess -")]
    Assess {
        /// Questionnaire file (YAML, or a .xlsx 申报表 with one row), or `-` for stdin.
        ///
        /// Start one with `zhizao init`; the fields are explained in
        /// docs/questionnaire.md. Example: `my-factory.yaml`.
        file: String,
        /// Output format (输出格式).
        ///
        /// `terminal` prints tables for a person (colour only on a terminal;
        /// set NO_COLOR to turn it off); `json` prints one object for
        /// programs, described in docs/json-output.md; `markdown`, `html` and
        /// `docx` are reports (docs/reports.md). Without it, the extension of
        /// `-o` decides (.json, .md, .html, .docx), else `terminal`.
        /// Example: `--format json`.
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Show every condition of every track, with actual and required values.
        ///
        /// Without it the report lists the tracks with their outcome and
        /// amount; with it, each condition is listed as met / not met /
        /// unknown, with the value from the questionnaire, the threshold and
        /// the clause of the notice. Example: `--explain`.
        #[arg(long)]
        explain: bool,
        /// Write to this file (atomically) instead of stdout.
        ///
        /// The file is written in full or not at all (a temporary file is
        /// renamed over it), so a reader never sees half a report. An existing
        /// file is replaced. Example: `-o report.json`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this policy pack instead of the embedded 2016 Licheng pack.
        ///
        /// The pack is checked when loaded; `zhizao policy check FILE` reports
        /// every problem of a pack. See docs/policy-authoring.md. Example:
        /// `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// What-if (假设分析): override a questionnaire value, `path=value`; repeatable.
        ///
        /// The path is dotted into the questionnaire (list items by index:
        /// `projects.demo_lines[0].investment_wan`); the value is YAML (`42`,
        /// `true`, `null`, `[erp, mes, plm]`). The result is checked like a
        /// file; the report lists every overridden value. A bad path or value
        /// exits with 2. Example: `--set equipment.key_equipment_cnc=130`.
        #[arg(long = "set", value_name = "PATH=VALUE")]
        set: Vec<String>,
        /// Read an ambiguous clause the other way (解读): `ID=OPTION`; repeatable.
        ///
        /// The pack records each reading of the notice it takes (see the
        /// readings listed by `zhizao policy test`); this picks another
        /// option, so a bureau can see both. Example:
        /// `--reading district-cap-trigger=every-enterprise`.
        #[arg(long = "reading", value_name = "ID=OPTION")]
        reading: Vec<String>,
        /// Consultant profile (顾问信息, YAML) for the report's cover and audit block.
        ///
        /// Fields: firm, consultant, client_contact, visit_date, logo (a PNG,
        /// relative to the profile), confidentiality, sign_off; see
        /// docs/reports.md. Example: `--profile consultant.yaml`.
        #[arg(long)]
        profile: Option<PathBuf>,
        /// Report date (报告日期), YYYY-MM-DD; default: today in the local time zone.
        ///
        /// Example: `--date 2017-03-20`.
        #[arg(long)]
        date: Option<String>,
    },
    /// Compare two questionnaires of one factory (对比): before and after an upgrade.
    ///
    /// Assesses both and shows what changed: indicators, criteria checks,
    /// the estimated maturity level, subsidy tracks and the support by
    /// funder. Formats as for `assess`: terminal, json, markdown, html.
    #[command(after_help = "Examples / 示例:
  zhizao compare factory-2016.yaml factory-2017.yaml
  zhizao compare before.yaml after.yaml --format html -o compare.html --lang en")]
    Compare {
        /// Questionnaire before (YAML).
        ///
        /// Usually the earlier data year or the state before an upgrade.
        /// Example: `factory-2016.yaml`.
        before: String,
        /// Questionnaire after (YAML).
        ///
        /// The same factory later, or a planned state. Example:
        /// `factory-2017.yaml`.
        after: String,
        /// Output format (输出格式).
        ///
        /// `terminal`, `json`, `markdown` or `html` (one self-contained
        /// file). Example: `--format markdown`.
        #[arg(long, value_enum, default_value = "terminal")]
        format: Format,
        /// Write to this file (atomically) instead of stdout.
        ///
        /// The file is written in full or not at all. Example:
        /// `-o compare.html`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this policy pack instead of the embedded 2016 Licheng pack.
        ///
        /// Both questionnaires are assessed with it. Example:
        /// `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Check questionnaires (校验): syntax, types, ranges, consistency, credit-code check character.
    ///
    /// Every problem of a file is reported in one pass, with file, line,
    /// column, field path, the offending line with a caret, and a hint (such
    /// as the closest field name for a typo). Warnings (implausible values)
    /// do not make a file invalid. Exit code 0 when all are valid, 1 when
    /// any is invalid, 2 when a file cannot be read.
    #[command(after_help = "Examples / 示例:
  zhizao validate my-factory.yaml
  zhizao validate questionnaires/examples/*.yaml --lang en")]
    Validate {
        /// Questionnaire files (YAML, or .xlsx workbooks), or `-` for stdin.
        ///
        /// Each file is checked on its own and reported as valid or invalid;
        /// one bad file does not stop the others. Each row of a workbook is
        /// reported as `file.xlsx!申报表!A6`, its errors by cell.
        /// Example: `a.yaml b.yaml 申报表.xlsx`.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Write a blank, commented questionnaire to fill in (生成空白问卷).
    ///
    /// Every field is listed with a comment in the output language (`--lang`)
    /// saying what it means, its unit and an example; unknown values stay
    /// `null`. The first line points editors to the JSON Schema (see
    /// `zhizao schema`). Fill it in, then run `zhizao validate` on it.
    #[command(after_help = "Examples / 示例:
  zhizao init -o questionnaires/my-factory.yaml
  zhizao init --sector electronics_it --lang en -o factory.yaml")]
    Init {
        /// Sector (所属产业) to fill in.
        ///
        /// Fills in `enterprise.sector`; without it the template says
        /// `other`. The sectors are those the policy names (see
        /// docs/questionnaire.md §3). Example: `--sector machinery_auto_parts`.
        #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
            crate::questionnaire::Sector::ALL.map(|s| s.id())
        ))]
        sector: Option<String>,
        /// Write to this file instead of stdout (refuses to overwrite).
        ///
        /// An existing file is never replaced, so a filled-in questionnaire
        /// cannot be lost to a second `init`. Example: `-o my-factory.yaml`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Template format: `yaml` (default) or `xlsx`, the Excel 申报表.
        ///
        /// The workbook has one row per enterprise (labels, units, notes and
        /// dropdowns in the `--lang` language); it needs `-o`. See the
        /// bureau section of docs/guide.zh.md. Example: `--format xlsx -o 申报表.xlsx`.
        #[arg(long, value_enum, default_value = "yaml")]
        format: FileFormat,
    },
    /// Convert questionnaires between YAML and workbook rows (格式转换).
    ///
    /// YAML files → one .xlsx workbook (one row each), or one .xlsx workbook
    /// → YAML files in a folder (`<workbook>-row<N>.yaml`), or one .yaml when
    /// the workbook has one row. Exact for valid questionnaires: converting
    /// there and back gives the same questionnaire. Invalid inputs are listed
    /// with their errors and not converted (exit 1). Never overwrites.
    #[command(after_help = "Examples / 示例:
  zhizao convert a.yaml b.yaml -o 汇总表.xlsx
  zhizao convert 汇总表.xlsx -o questionnaires/")]
    Convert {
        /// YAML questionnaires, or one .xlsx workbook.
        ///
        /// Each YAML file becomes one row; a workbook's every filled row
        /// becomes one YAML file. Example: `a.yaml b.yaml` or `汇总表.xlsx`.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// A .xlsx file (from YAML), or a folder or .yaml file (from a workbook).
        ///
        /// The extension decides the direction; an existing file is never
        /// replaced. Example: `-o 汇总表.xlsx` or `-o questionnaires/`.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Inspect and test the policy pack (政策包).
    ///
    /// The embedded pack encodes the 2016 Licheng notice: each track with its
    /// clause, conditions, amounts, funders and caps. These subcommands list
    /// and show tracks, run hand-computed test cases, list the facts a pack
    /// may use, and check a pack file.
    #[command(
        subcommand,
        after_help = "Examples / 示例:
  zhizao policy list
  zhizao policy show local-cnc-purchase
  zhizao policy test policies/tests"
    )]
    Policy(PolicyCommand),
    /// Write realistic synthetic questionnaires, for demos, tests and benchmarks.
    ///
    /// The same --seed always gives the same files, whatever --count: file i
    /// depends only on (seed, i). --invalid-share makes that share of files
    /// invalid in varied, realistic ways (syntax errors, typos, "85%" in a
    /// number field, inconsistencies, empty and non-YAML files).
    #[command(
        after_help = "Example: zhizao sample --count 1000 --seed 7 --out /tmp/batch --invalid-share 0.05"
    )]
    Sample {
        /// How many files.
        ///
        /// Files are named sample-000000.yaml, sample-000001.yaml, …
        /// Example: `--count 200`.
        #[arg(long)]
        count: usize,
        /// Seed.
        ///
        /// The same seed gives the same files; file i depends only on the
        /// seed and i, so a larger --count adds files without changing the
        /// first ones. Example: `--seed 7`.
        #[arg(long, default_value_t = 2016)]
        seed: u64,
        /// Output folder (created if missing).
        ///
        /// Example: `--out demo/`.
        #[arg(long)]
        out: PathBuf,
        /// Share of invalid files, 0–1.
        ///
        /// That share of the files is made invalid the ways real submissions
        /// are, to try `validate` and the Rejected sheet of `screen`.
        /// Example: `--invalid-share 0.05`.
        #[arg(long, default_value_t = 0.0)]
        invalid_share: f64,
        /// `yaml` (one file each, into the --out folder) or `xlsx` (one
        /// workbook of rows at --out, the same questionnaires).
        ///
        /// Example: `--format xlsx --out batch.xlsx`.
        #[arg(long, value_enum, default_value = "yaml")]
        format: FileFormat,
    },
    /// Screen many questionnaires: ranked candidates, district targets, budget forecast by funder.
    ///
    /// PATHs are files or folders (searched recursively for *.yaml / *.yml and
    /// *.xlsx workbooks, each row of a workbook one enterprise).
    /// Files are assessed in parallel on all cores; every input is accounted
    /// for — assessed, listed as rejected with file, line and reason, or
    /// noted as a duplicate (an enterprise counts once per data year: the
    /// most recently modified of its files). The
    /// terminal shows the summary; `-o` writes the full result as XLSX (Excel
    /// Tables: Summary, Dashboard, Enterprises, Tracks, Budget, Targets,
    /// Rejected, Near misses), CSV (UTF-8
    /// with BOM, one row per enterprise) or JSON, chosen by the extension.
    /// Exit code 1 when any file was rejected (0 with --allow-rejected), 2 for
    /// usage or output errors.
    #[command(
        after_help = "Examples:\n  zhizao screen submissions/ -o screening.xlsx\n  zhizao screen a.yaml b.yaml --jobs 2 --lang en\n  zhizao screen submissions/ -o all.csv --allow-rejected"
    )]
    Screen {
        /// Questionnaire files or folders.
        ///
        /// Folders are searched recursively for *.yaml, *.yml and *.xlsx;
        /// other files in them are counted and ignored. Example: `submissions/2017`.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Write the full result here (.xlsx, .csv or .json), atomically.
        ///
        /// The extension chooses the format: .xlsx has the sheets Summary,
        /// Dashboard (charts), Enterprises, Tracks, Budget, Targets, Rejected
        /// and Near misses (Changes with --previous), each an Excel Table,
        /// money in 万元 with totals; .csv is one row per enterprise or
        /// rejected file (UTF-8 with BOM for Excel); .json is everything.
        /// Example: `-o screening-2017.xlsx`.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Worker threads (default: all cores).
        ///
        /// Fewer threads leave the machine usable for other work; the result
        /// is the same for any number. Example: `--jobs 2`.
        #[arg(long, default_value_t = 0, hide_default_value = true)]
        jobs: usize,
        /// Exit 0 even when some files were rejected (they are still listed).
        ///
        /// For scripts that should go on with the factories that could be
        /// assessed. Example: `--allow-rejected`.
        #[arg(long)]
        allow_rejected: bool,
        /// Candidates shown per ranking.
        ///
        /// Applies to the terminal summary and the Summary sheet; the
        /// Enterprises sheet always lists everyone. Example: `--top 20`.
        #[arg(long, default_value_t = crate::screen::DEFAULT_TOP)]
        top: usize,
        /// Use this policy pack instead of the embedded one.
        ///
        /// Example: `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// Follow symbolic links that lead out of the given folders.
        ///
        /// By default a link inside a screened folder is followed only to a
        /// place inside the folders given, so a link to `/` cannot make a run
        /// read the whole machine; links left out are counted in the summary.
        /// A file reached twice is screened once either way. Example:
        /// `--follow-links`.
        #[arg(long)]
        follow_links: bool,
        /// Benchmark baseline: only read and parse the files, then report counts.
        #[arg(long, hide = true)]
        parse_only: bool,
        /// Also write each assessed enterprise's report into this folder.
        ///
        /// The same report as `assess --format html`, named by credit code
        /// and name (`91350502…-泉州市某某鞋业.html`); the .xlsx output links
        /// each enterprise to its report. Example: `--reports reports/2017`.
        #[arg(long, value_name = "DIR")]
        reports: Option<PathBuf>,
        /// Format of the --reports files.
        ///
        /// Example: `--format html`.
        #[arg(long, value_enum, default_value = "html", requires = "reports")]
        format: crate::workbook::reports::ReportFormat,
        /// Compare with a previous screening (its .json or .xlsx output): what
        /// changed per enterprise (matched by credit code) and for the district.
        ///
        /// The .json output is the exact record; a .xlsx output is read back
        /// from its Enterprises sheet. Example: `--previous screening-2016.json`.
        #[arg(long, value_name = "FILE")]
        previous: Option<PathBuf>,
    },
    /// Print the JSON Schema of the questionnaire or of the policy pack (JSON 模式).
    ///
    /// The schema is generated from the same types the loader reads, so an
    /// editor that knows JSON Schema (VS Code with the YAML extension, any
    /// editor using yaml-language-server) completes field names, shows the
    /// Chinese / English description of each field on hover and flags a typo
    /// or a wrong type while you type. Templates from `zhizao init` point to
    /// `../docs/schema/questionnaire.schema.json` in their first line; save
    /// the schema there, or change that line to where you saved it.
    /// Consistency between fields is still checked only by `zhizao validate`.
    #[command(after_help = "Examples / 示例:
  zhizao schema questionnaire > questionnaire.schema.json
  zhizao schema policy -o docs/schema/policy.schema.json")]
    Schema {
        /// Which schema: questionnaire (问卷) or policy (政策包).
        ///
        /// The same text as docs/schema/questionnaire.schema.json and
        /// docs/schema/policy.schema.json of this version. Example: `policy`.
        #[arg(value_enum, default_value = "questionnaire")]
        which: SchemaArg,
        /// Write to this file (atomically) instead of stdout.
        ///
        /// An existing file is replaced. Example: `-o questionnaire.schema.json`.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print a shell completion script (命令补全) for bash, zsh, fish or PowerShell.
    ///
    /// The script completes commands, flags and their fixed values (sectors,
    /// formats, languages, schemas); file arguments complete as files. Save
    /// it where your shell loads completions from; see the examples.
    #[command(after_help = "Examples / 示例:
  bash:       zhizao completions bash > ~/.local/share/bash-completion/completions/zhizao
  zsh:        zhizao completions zsh > ~/.zfunc/_zhizao   (with fpath+=~/.zfunc before compinit)
  fish:       zhizao completions fish > ~/.config/fish/completions/zhizao.fish
  PowerShell: zhizao completions powershell >> $PROFILE")]
    Completions {
        /// Shell: bash, zsh, fish or powershell (elvish works too).
        ///
        /// The script is printed to stdout. Example: `bash`.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (手册页) in roff, for `man`.
    ///
    /// Without a command, prints the page of `zhizao` itself; with one (e.g.
    /// `assess`), the page of that command.
    #[command(after_help = "Examples / 示例:
  zhizao man | man -l -
  zhizao man > ~/.local/share/man/man1/zhizao.1
  zhizao man assess > ~/.local/share/man/man1/zhizao-assess.1")]
    Man {
        /// Command whose page to print (default: zhizao itself).
        ///
        /// One of the commands listed by `zhizao --help`. Example: `assess`.
        command: Option<String>,
    },
}

/// Which JSON Schema `zhizao schema` prints.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaArg {
    /// The questionnaire (问卷), docs/schema/questionnaire.schema.json.
    Questionnaire,
    /// The policy pack (政策包), docs/schema/policy.schema.json.
    Policy,
}

/// `policy` subcommands.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Table of all tracks (扶持项一览): id, clause, title, kind, funders, prerequisite.
    ///
    /// One row per track of the pack, in the order of the notice. Use the id
    /// with `zhizao policy show`.
    #[command(after_help = "Examples / 示例:
  zhizao policy list
  zhizao policy list --lang en --policy my-pack.yaml")]
    List {
        /// Policy pack file (default: the embedded 2016 Licheng pack).
        ///
        /// Example: `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// One track in full (扶持项详情): conditions, amounts, funders, interpretation.
    ///
    /// Prints the track as it is written in the pack (YAML), including our
    /// reading of ambiguous clauses. A misspelt id gets the closest one.
    #[command(after_help = "Example / 示例: zhizao policy show local-cnc-purchase")]
    Show {
        /// Track id, e.g. local-cnc-purchase (see `zhizao policy list`).
        ///
        /// Example: `smart-factory-award`.
        id: String,
        /// Policy pack file (default: the embedded 2016 Licheng pack).
        ///
        /// Example: `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Run policy test cases (YAML) and report pass/fail with a diff (政策测试).
    ///
    /// Each case is a questionnaire (or changes to a base one) with the
    /// outcome and amounts computed by hand from the notice; a case fails
    /// when the engine disagrees, and the diff says where. Exit code 1 when
    /// any case fails. See docs/policy-authoring.md.
    #[command(after_help = "Examples / 示例:
  zhizao policy test policies/tests
  zhizao policy test policies/tests/district-cap.yaml --policy my-pack.yaml")]
    Test {
        /// Test files or folders (default: policies/tests).
        ///
        /// Folders are searched for `*.yaml`. Example: `policies/tests`.
        paths: Vec<PathBuf>,
        /// Policy pack file (default: the embedded 2016 Licheng pack).
        ///
        /// Example: `--policy my-pack.yaml`.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// List the facts a pack's conditions and amounts may name (事实清单).
    ///
    /// One line per fact: its name, kind (bool, number, money, id, tally,
    /// items) and the questionnaire field or indicator it comes from. Use it
    /// when writing a pack.
    #[command(after_help = "Example / 示例: zhizao policy facts | grep ecommerce")]
    Facts,
    /// Check a pack file and report every load-time error (检查政策包).
    ///
    /// Unknown keys, unknown facts, comparisons that do not fit a fact's
    /// kind, splits that do not add up to 100%, missing clauses, overlapping
    /// tiers and bad dates — each with file, line and field path. Exit code
    /// 0 when the pack is valid, 1 when it is not.
    #[command(after_help = "Example / 示例: zhizao policy check policies/licheng-2016.yaml")]
    Check {
        /// Pack file (YAML).
        ///
        /// Example: `policies/licheng-2016.yaml`.
        file: PathBuf,
    },
}

/// Run the CLI and return the exit code.
pub fn main() -> i32 {
    quiet_on_closed_pipe();
    // Without the handler an interrupt still stops the process; only the
    // clean-up of temporary files would be lost, so a failure is not fatal.
    let _ = output::clean_up_on_signals();
    // The help pages are written in the language of `--lang` or the locale,
    // so it is found before parsing (crate::help_zh).
    let early = lang_from_args(&std::env::args_os().collect::<Vec<_>>());
    let cli = match crate::help_zh::try_parse(early.unwrap_or_else(Lang::from_env)) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Usage errors come before `--lang` is parsed: look for it by hand.
            let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
            let lang = lang_from_args(&args).unwrap_or_else(Lang::from_env);
            let help = matches!(
                e.kind(),
                clap::error::ErrorKind::DisplayHelp
                    | clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            );
            match usage_error_zh(&e).filter(|_| lang == Lang::Zh) {
                Some(text) => eprintln!("{}", crate::textsafe::terminal_safe(&text)),
                // Help in Chinese: clap's own words translated (crate::help_zh).
                None if help && lang == Lang::Zh => {
                    let text = crate::help_zh::localize(&e.render().to_string());
                    if e.use_stderr() {
                        eprint!("{text}");
                    } else {
                        print!("{text}");
                    }
                }
                None => {
                    let _ = e.print();
                }
            }
            return code;
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    match run(cli.command, lang) {
        Ok(_) if STDERR_FAILED.load(std::sync::atomic::Ordering::Relaxed) => 2,
        Ok(code) => code,
        Err(e) if e.downcast_ref::<ClosedPipe>().is_some() => 141,
        Err(e) => {
            let text = match e.downcast_ref::<Localized>() {
                Some(l) => l.0.get(lang).to_string(),
                None => format!("{e:#}"),
            };
            let text = crate::textsafe::terminal_safe(&text);
            eprintln!("{}: {text}", lang.pick("错误", "error"));
            2
        }
    }
}

/// `zhizao policy facts | head` closes stdout early; `println!` then panics
/// with "failed printing to stdout: Broken pipe". Like any Unix tool killed
/// by SIGPIPE, stop quietly with status 141 instead of printing a panic.
fn quiet_on_closed_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if msg.starts_with("failed printing to stdout") && msg.contains("Broken pipe") {
            std::process::exit(141);
        }
        // Any other failed print (a full disk, stderr on /dev/full) is an
        // I/O error: say so if stderr still works, and exit with 2.
        if msg.starts_with("failed printing to") {
            let mut err = std::io::stderr();
            let _ = writeln!(err, "error: {}", crate::textsafe::echo(msg));
            std::process::exit(2);
        }
        default(info)
    }));
}

/// An error whose message exists in both languages; [`main`] prints it in
/// the language asked for.
#[derive(Debug)]
pub struct Localized(pub crate::lang::Text);

impl std::fmt::Display for Localized {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0.en)
    }
}

impl std::error::Error for Localized {}

/// `--lang zh|en` or `--lang=zh|en` among raw arguments (for usage errors,
/// which clap reports before it has parsed `--lang`). The last one wins.
pub fn lang_from_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut found = None;
    let mut it = args.iter().map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next().map(|v| v.to_string()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        match value.as_deref() {
            Some("zh") => found = Some(Lang::Zh),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found
}

/// A usage error (from clap, which writes English) in Chinese, with clap's
/// usage line; `None` for help and version output, which are not errors.
pub fn usage_error_zh(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |k: ContextKind| -> Option<String> {
        e.get(k).map(|v| match v {
            ContextValue::String(s) => s.clone(),
            ContextValue::Strings(v) => v.join(", "),
            ContextValue::StyledStr(s) => s.to_string(),
            ContextValue::StyledStrs(v) => v
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            ContextValue::Number(n) => n.to_string(),
            ContextValue::Bool(b) => b.to_string(),
            _ => String::new(),
        })
    };
    let arg = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidValue => format!(
            "参数 {arg} 的取值 `{}` 无效",
            ctx(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::UnknownArgument => format!("未知参数 `{arg}`"),
        ErrorKind::InvalidSubcommand => format!(
            "未知命令 `{}`",
            ctx(ContextKind::InvalidSubcommand).unwrap_or_default()
        ),
        ErrorKind::MissingRequiredArgument => format!("缺少必填参数: {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::NoEquals => format!("参数 {arg} 需要用 = 连接取值"),
        ErrorKind::ValueValidation => format!(
            "参数 {arg} 的取值 `{}` 无效",
            ctx(ContextKind::InvalidValue).unwrap_or_default()
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的取值个数不对")
        }
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与其他参数同时使用"),
        _ => "命令行用法有误".to_string(),
    };
    let mut out = format!("错误: {msg}");
    for k in [ContextKind::ValidValue, ContextKind::ValidSubcommand] {
        if let Some(v) = ctx(k).filter(|v| !v.is_empty()) {
            out.push_str(&format!("\n  = 可选: {v}"));
        }
    }
    for k in [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg] {
        if let Some(s) = ctx(k).filter(|s| !s.is_empty()) {
            out.push_str(&format!("\n  = 提示: 是不是想写 `{s}`?"));
        }
    }
    let rendered = e.render().to_string();
    if let Some(usage) = rendered.lines().find(|l| l.starts_with("Usage:")) {
        out.push_str(&format!(
            "\n\n用法: {}",
            usage.trim_start_matches("Usage:").trim()
        ));
    }
    out.push_str("\n\n用 `zhizao --help` 或 `zhizao <命令> --help` 查看说明和示例。");
    Some(out)
}

/// Print "error: SUBJECT what" in the chosen language; the exit code for usage errors.
/// An empty subject prints "error: what".
pub(crate) fn usage_error(lang: Lang, subject: impl std::fmt::Display, zh: &str, en: &str) -> i32 {
    // Subjects are paths (at most a few KB): escaped, not cut.
    let subject = crate::textsafe::terminal_safe(&subject.to_string()).into_owned();
    let sep = if subject.is_empty() { "" } else { " " };
    eprintln!(
        "{}: {subject}{sep}{}",
        lang.pick("错误", "error"),
        lang.pick(zh, en)
    );
    2
}

/// Refuse (exit 2) an `-o` that names one of the inputs, links included:
/// writing the report would replace the questionnaire it was made from.
fn output_is_input<P: AsRef<std::path::Path>>(
    output: &Option<PathBuf>,
    inputs: &[P],
    lang: Lang,
) -> Option<i32> {
    let out = output.as_ref()?;
    let hit = inputs
        .iter()
        .any(|i| i.as_ref() != std::path::Path::new("-") && output::same_file(out, i.as_ref()));
    hit.then(|| {
        usage_error(
            lang,
            out.display(),
            "是输入文件之一, 不会覆盖; 请换一个输出文件名",
            "is one of the input files; it will not be overwritten — choose another output name",
        )
    })
}

/// A file that cannot be read is an I/O error (2); one that is read but
/// refused (too large) is invalid input (1).
fn read_error_code(d: &Diagnostic) -> i32 {
    if d.code == "io" {
        2
    } else {
        1
    }
}

fn print_diags(diags: &[Diagnostic], source: Option<&str>, lang: Lang) {
    let mut err = std::io::stderr().lock();
    for d in diags {
        if writeln!(err, "{}", d.render(lang, source)).is_err() {
            STDERR_FAILED.store(true, std::sync::atomic::Ordering::Relaxed);
            return;
        }
    }
}

fn load_policy(path: &Option<PathBuf>, lang: Lang) -> Result<policy::pack::PolicyPack, i32> {
    match path {
        None => Ok(policy::default_pack()),
        Some(p) => {
            let shown = p.display().to_string();
            let text = crate::yaml::read_capped(p, &shown, crate::yaml::MAX_PACK_BYTES)
                .and_then(|b| crate::yaml::decode(&b, &shown))
                .map_err(|d| {
                    print_diags(&[d], None, lang);
                    2
                })?;
            policy::load_pack(&text, &shown).map_err(|ds| {
                print_diags(&ds, Some(&text), lang);
                1
            })
        }
    }
}

/// The pack under the readings given with `--reading ID=OPTION` (exit code 2 on a bad one).
fn choose_readings(
    pack: policy::pack::PolicyPack,
    args: &[String],
    lang: Lang,
) -> Result<policy::pack::PolicyPack, i32> {
    if args.is_empty() {
        return Ok(pack);
    }
    let mut choices = policy::readings::Choices::new();
    for a in args {
        let (id, opt) = policy::readings::parse_choice(a).map_err(|m| {
            eprintln!("{}: {}", lang.pick("错误", "error"), m.get(lang));
            2
        })?;
        choices.insert(id, opt);
    }
    policy::with_readings(&pack, &choices).map_err(|m| {
        eprintln!("{}: {}", lang.pick("错误", "error"), m.get(lang));
        2
    })
}

fn emit(text: &str, output: &Option<PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(p) => output::write_atomic(p, text.as_bytes()).map_err(|e| {
            anyhow::Error::new(Localized(crate::lang::Text::new(
                format!("无法写入 {}: {e}", p.display()),
                format!("cannot write {}: {e}", p.display()),
            )))
        }),
        None => write_stdout(text),
    }
}

/// Standard output was closed by its reader (`zhizao policy facts | head`):
/// not an error to report; [`main`] stops quietly with status 141, as a
/// tool killed by SIGPIPE would.
#[derive(Debug)]
pub struct ClosedPipe;

impl std::fmt::Display for ClosedPipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("standard output was closed")
    }
}

impl std::error::Error for ClosedPipe {}

/// Write `text` to stdout and flush, so a full disk (`> /dev/full`) is an
/// error the command returns (exit 2 with a message), never a lost report
/// with status 0 nor a panic.
pub(crate) fn write_stdout(text: &str) -> anyhow::Result<()> {
    output::write_stdout(text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            anyhow::Error::new(ClosedPipe)
        } else {
            anyhow::Error::new(Localized(crate::lang::Text::new(
                format!("无法写入标准输出: {e}"),
                format!("cannot write to standard output: {e}"),
            )))
        }
    })
}

/// Set when a message could not be written to stderr; [`main`] then exits
/// with 2 even if the command itself succeeded.
static STDERR_FAILED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn run(cmd: Command, lang: Lang) -> anyhow::Result<i32> {
    match cmd {
        Command::Assess {
            file,
            format,
            explain,
            output,
            policy,
            set,
            reading,
            profile,
            date,
        } => {
            if let Some(code) = output_is_input(&output, &[&file], lang) {
                return Ok(code);
            }
            let (date, profile) = match report_extras(date.as_deref(), profile.as_deref(), lang) {
                Ok(x) => x,
                Err(code) => return Ok(code),
            };
            let pack =
                match load_policy(&policy, lang).and_then(|p| choose_readings(p, &reading, lang)) {
                    Ok(p) => p,
                    Err(code) => return Ok(code),
                };
            let engine = Engine {
                criteria: crate::criteria::default_pack(),
                policy: pack,
            };
            let bytes = match input::read(&file) {
                Ok(b) => b,
                Err(d) => {
                    let code = read_error_code(&d);
                    print_diags(&[d], None, lang);
                    return Ok(code);
                }
            };
            let loaded = match input::from_bytes(&bytes, &file) {
                Ok(l) => l,
                Err((diags, source)) => {
                    print_diags(&diags, source.as_deref(), lang);
                    return Ok(1);
                }
            };
            // What-if overrides are usage: a bad path or value exits with 2.
            let (loaded, overrides) = if set.is_empty() {
                (loaded, Vec::new())
            } else {
                match crate::whatif::apply(&loaded, &file, &set) {
                    Ok(x) => x,
                    Err(diags) => {
                        print_diags(&diags, None, lang);
                        return Ok(2);
                    }
                }
            };
            let a = engine.assess(
                &loaded.questionnaire,
                InputInfo {
                    file: file.clone(),
                    sha256: loaded.sha256.clone(),
                },
                loaded.warnings.clone(),
            );
            let format = format.unwrap_or_else(|| Format::from_output(&output));
            if format == Format::Docx {
                let extras = (date.as_str(), profile.as_ref());
                return write_docx(&engine, &loaded, &a, &overrides, &output, extras, lang);
            }
            let text = match format {
                Format::Json if overrides.is_empty() => report::json(&a),
                Format::Json => report::whatif::json(&a, &overrides),
                Format::Markdown | Format::Html | Format::Docx => {
                    let roadmap = crate::roadmap::build(&engine, &loaded.questionnaire, &a);
                    let r = report::view::ReportInput {
                        assessment: &a,
                        roadmap: &roadmap,
                        overrides: &overrides,
                        lang,
                        date: &date,
                        profile: profile.as_ref(),
                    };
                    if format == Format::Html {
                        report::html::render(&r)?
                    } else {
                        report::markdown::render(&r)?
                    }
                }
                Format::Terminal => {
                    report::whatif::terminal_note(&overrides, lang)
                        + &report::terminal::render(
                            &a,
                            report::terminal::Options {
                                lang,
                                color: output.is_none()
                                    && std::io::stdout().is_terminal()
                                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                                explain,
                                width: report::fit::width(),
                            },
                        )
                }
            };
            emit(&text, &output)?;
            Ok(0)
        }
        Command::Validate { files } => {
            let mut worst = 0;
            for f in &files {
                if crate::workbook::read::is_workbook(std::path::Path::new(f)) {
                    worst = worst.max(crate::workbook::convert::validate_workbook(f, lang)?);
                    continue;
                }
                let bytes = match input::read(f) {
                    Ok(b) => b,
                    Err(d) => {
                        worst = worst.max(read_error_code(&d));
                        print_diags(&[d], None, lang);
                        continue;
                    }
                };
                match input::from_bytes(&bytes, f) {
                    Ok(l) => {
                        print_diags(&l.warnings, Some(&l.source), lang);
                        outln!("{f}: {}", lang.pick("有效", "valid"))?;
                    }
                    Err((diags, source)) => {
                        print_diags(&diags, source.as_deref(), lang);
                        let n = diags.iter().filter(|d| d.is_error()).count();
                        outln!(
                            "{f}: {} ({n} {})",
                            lang.pick("无效", "invalid"),
                            lang.pick("个错误", if n == 1 { "error" } else { "errors" })
                        )?;
                        worst = worst.max(1);
                    }
                }
            }
            Ok(worst)
        }
        Command::Init {
            output,
            format: FileFormat::Xlsx,
            sector,
        } => {
            if sector.is_some() {
                // The workbook's sector is a dropdown in each enterprise's row.
                return Ok(usage_error(
                    lang,
                    "--sector",
                    "只用于 YAML 模板; 申报表中请从下拉列表选择产业",
                    "applies to the YAML template; in the workbook, pick the sector from the dropdown",
                ));
            }
            crate::workbook::convert::init_xlsx(output.as_deref(), lang)
        }
        Command::Convert { inputs, output } => {
            crate::workbook::convert::run(&inputs, &output, lang)
        }
        Command::Init { sector, output, .. } => {
            let template = match lang {
                Lang::Zh => include_str!("templates/questionnaire.zh.yaml"),
                Lang::En => include_str!("templates/questionnaire.en.yaml"),
            };
            let text = match sector {
                None => template.to_string(),
                Some(s) => {
                    if crate::questionnaire::Sector::from_id(&s).is_none() {
                        eprintln!(
                            "{}: {} `{s}`; {}: textile_footwear_apparel, electronics_it, machinery_auto_parts, paper_product_equipment, other",
                            lang.pick("错误", "error"),
                            lang.pick("未知产业", "unknown sector"),
                            lang.pick("可选", "choose one of")
                        );
                        return Ok(2);
                    }
                    template.replacen("  sector: other", &format!("  sector: {s}"), 1)
                }
            };
            match output {
                Some(p) => {
                    if p.exists() {
                        return Ok(usage_error(
                            lang,
                            p.display(),
                            "已存在, 不会覆盖",
                            "already exists; it will not be overwritten",
                        ));
                    }
                    emit(&text, &Some(p))?;
                }
                None => emit(&text, &None)?,
            }
            Ok(0)
        }
        Command::Policy(pc) => run_policy(pc, lang),
        Command::Sample {
            count,
            seed,
            out,
            invalid_share,
            format,
        } => {
            if format == FileFormat::Xlsx {
                return crate::workbook::convert::sample_xlsx(
                    count,
                    seed,
                    invalid_share,
                    &out,
                    lang,
                );
            }
            if !(0.0..=1.0).contains(&invalid_share) {
                eprintln!(
                    "{}: --invalid-share {}",
                    lang.pick("错误", "error"),
                    lang.pick("须在 0 到 1 之间", "must be between 0 and 1")
                );
                return Ok(2);
            }
            let invalid = crate::sample::write_samples(
                &out,
                &crate::sample::SampleOptions {
                    count,
                    seed,
                    invalid_share,
                },
            )
            .map_err(|e| anyhow::anyhow!("{}: {e}", out.display()))?;
            outln!(
                "{} {count} {} {} ({invalid} {})",
                lang.pick("已写入", "wrote"),
                lang.pick("份问卷到", "questionnaires to"),
                out.display(),
                lang.pick("份无效", "invalid")
            )?;
            Ok(0)
        }
        Command::Screen {
            paths,
            output,
            jobs,
            allow_rejected,
            top,
            policy,
            parse_only,
            reports,
            format,
            previous,
            follow_links,
        } => run_screen(ScreenArgs {
            paths,
            output,
            jobs,
            allow_rejected,
            top,
            policy,
            parse_only,
            follow_links,
            lang,
            reports,
            report_format: format,
            previous,
        }),
        Command::Schema { which, output } => {
            let which = match which {
                SchemaArg::Questionnaire => crate::schema::Which::Questionnaire,
                SchemaArg::Policy => crate::schema::Which::Policy,
            };
            emit(&crate::schema::render(which), &output)?;
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "zhizao",
                &mut out,
            );
            emit(&String::from_utf8_lossy(&out), &None)?;
            Ok(0)
        }
        Command::Man { command } => man_page(command.as_deref(), lang),
        Command::Compare {
            before,
            after,
            format,
            output,
            policy,
        } => run_compare(&before, &after, format, &output, &policy, lang),
    }
}

fn run_policy(pc: PolicyCommand, lang: Lang) -> anyhow::Result<i32> {
    match pc {
        PolicyCommand::List { policy } => {
            let pack = match load_policy(&policy, lang) {
                Ok(p) => p,
                Err(c) => return Ok(c),
            };
            out!("{}", report::pack::list(&pack, lang, report::fit::width()))?;
            Ok(0)
        }
        PolicyCommand::Show { id, policy } => {
            let pack = match load_policy(&policy, lang) {
                Ok(p) => p,
                Err(c) => return Ok(c),
            };
            match pack.tracks.iter().find(|t| t.id == id) {
                Some(t) => {
                    out!(
                        "{}",
                        report::pack::show(&pack, t, lang, report::fit::width())
                    )?;
                    Ok(0)
                }
                None => {
                    let best = pack
                        .tracks
                        .iter()
                        .map(|t| (strsim::levenshtein(&id, &t.id), &t.id))
                        .min_by_key(|x| x.0);
                    let id = crate::textsafe::echo(&id);
                    eprintln!(
                        "{}: {} `{id}`{}",
                        lang.pick("错误", "error"),
                        lang.pick("没有这个扶持项", "no such track"),
                        best.filter(|b| b.0 <= 4)
                            .map(|b| format!(
                                "; {} `{}`?",
                                lang.pick("是不是", "did you mean"),
                                b.1
                            ))
                            .unwrap_or_default()
                    );
                    Ok(2)
                }
            }
        }
        PolicyCommand::Test { paths, policy } => {
            let pack = match load_policy(&policy, lang) {
                Ok(p) => p,
                Err(c) => return Ok(c),
            };
            let engine = Engine {
                criteria: crate::criteria::default_pack(),
                policy: pack,
            };
            let paths = if paths.is_empty() {
                vec![PathBuf::from("policies/tests")]
            } else {
                paths
            };
            let files = policy::testcase::collect(&paths);
            if files.is_empty() {
                eprintln!("{}", lang.pick("没有找到测试文件", "no test files found"));
                return Ok(2);
            }
            let o = policy::testcase::run(&engine, &files);
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
            out!("{}", report::fit::lines(&text, report::fit::width()))?;
            print_diags(&o.errors, None, lang);
            let listing = policy::testcase::readings_listing(&engine.policy, &o, lang);
            out!("{}", report::fit::lines(&listing, report::fit::width()))?;
            outln!("policy test: {}", policy::testcase::summary(&o).get(lang))?;
            Ok(if o.failed() == 0 && o.errors.is_empty() {
                0
            } else {
                1
            })
        }
        PolicyCommand::Facts => {
            let mut text = String::new();
            for s in crate::facts::REGISTRY {
                let ids = if s.ids.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", s.ids.join(", "))
                };
                text += &format!(
                    "{:<60} {:<7} {}{ids}\n",
                    s.name,
                    format!("{:?}", s.kind).to_lowercase(),
                    s.from
                );
            }
            out!("{}", report::fit::lines(&text, report::fit::width()))?;
            Ok(0)
        }
        PolicyCommand::Check { file } => {
            let p = Some(file);
            match load_policy(&p, lang) {
                Ok(pack) => {
                    outln!(
                        "{}: {} ({} {})",
                        p.as_ref()
                            .map(|x| x.display().to_string())
                            .unwrap_or_default(),
                        lang.pick("有效", "valid"),
                        pack.tracks.len(),
                        lang.pick("个扶持项", "tracks")
                    )?;
                    Ok(0)
                }
                Err(c) => Ok(c),
            }
        }
    }
}

/// `zhizao man [COMMAND]`: the roff page of zhizao or of one command.
fn man_page(command: Option<&str>, lang: Lang) -> anyhow::Result<i32> {
    let mut cmd = crate::help_zh::command(lang);
    cmd.build();
    let page = match command {
        None => cmd,
        Some(name) => {
            let found = cmd
                .get_subcommands()
                .find(|c| c.get_name() == name)
                .cloned();
            match found {
                Some(sub) => {
                    // clap names are `&'static str` without its `string` feature;
                    // this runs once per process.
                    let full: &'static str =
                        Box::leak(format!("zhizao-{}", sub.get_name()).into_boxed_str());
                    sub.name(full).version(match lang {
                        Lang::Zh => crate::help_zh::VERSION_ZH,
                        Lang::En => version(),
                    })
                }
                None => {
                    let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                    eprintln!(
                        "{}: {} `{name}`; {}: {}",
                        lang.pick("错误", "error"),
                        lang.pick("没有这个命令", "no such command"),
                        lang.pick("可选", "choose one of"),
                        names.join(", ")
                    );
                    return Ok(2);
                }
            }
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    let roff = String::from_utf8_lossy(&out);
    match lang {
        Lang::Zh => emit(&crate::help_zh::localize_man(&roff), &None)?,
        Lang::En => emit(&roff, &None)?,
    }
    Ok(0)
}

struct ScreenArgs {
    paths: Vec<PathBuf>,
    output: Option<PathBuf>,
    jobs: usize,
    allow_rejected: bool,
    top: usize,
    policy: Option<PathBuf>,
    parse_only: bool,
    follow_links: bool,
    lang: Lang,
    reports: Option<PathBuf>,
    report_format: crate::workbook::reports::ReportFormat,
    previous: Option<PathBuf>,
}

fn run_screen(a: ScreenArgs) -> anyhow::Result<i32> {
    use crate::screen::{self, export};
    let lang = a.lang;
    for p in &a.paths {
        if !p.exists() && std::fs::symlink_metadata(p).is_err() {
            return Ok(usage_error(lang, p.display(), "不存在", "does not exist"));
        }
    }
    if let Some(code) = output_is_input(&a.output, &a.paths, lang) {
        return Ok(code);
    }
    let (jobs, cut) = screen::clamp_jobs(a.jobs);
    if let Some(max) = cut {
        eprintln!(
            "{}: --jobs {} {} {max}",
            lang.pick("注意", "note"),
            a.jobs,
            lang.pick(
                "超过本机上限, 改用",
                "is more than this machine can use; using"
            )
        );
    }
    let a = ScreenArgs { jobs, ..a };
    if a.parse_only {
        let t = std::time::Instant::now();
        let (ok, failed) = screen::parse_only(&a.paths, a.jobs)?;
        let secs = t.elapsed().as_secs_f64();
        outln!(
            "parse-only: {ok} parsed, {failed} failed, {secs:.3} s, {:.0} files/s",
            (ok + failed) as f64 / secs.max(1e-9)
        )?;
        return Ok(0);
    }
    let kind = match &a.output {
        None => None,
        Some(p) => match export::Kind::from_path(p) {
            Some(k) => Some(k),
            None => {
                return Ok(usage_error(
                    lang,
                    p.display(),
                    "的扩展名须为 .xlsx、.csv 或 .json",
                    "must end in .xlsx, .csv or .json",
                ));
            }
        },
    };
    // Held until the export is written: a second screen to the same file refuses.
    let _lock = match &a.output {
        Some(p) => match output::lock_output(p) {
            Ok(Some(l)) => Some(l),
            Ok(None) => {
                return Ok(usage_error(
                    lang,
                    p.display(),
                    "正由另一个 zhizao screen 写入; 请等它完成, 或换一个输出文件",
                    "is being written by another zhizao screen; wait for it to finish or choose another output",
                ))
            }
            // No lock possible here (a read-only folder): the write will say why.
            Err(_) => None,
        },
        None => None,
    };
    let pack = match load_policy(&a.policy, lang) {
        Ok(p) => p,
        Err(c) => return Ok(c),
    };
    let engine = Engine {
        criteria: crate::criteria::default_pack(),
        policy: pack,
    };
    let progress = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    let screened = screen::screen(
        &engine,
        &a.paths,
        &screen::Options {
            jobs: a.jobs,
            progress,
            top: a.top,
            keep_rows: kind.is_some() || a.previous.is_some(),
            follow_links: a.follow_links,
        },
    )?;
    let targets = screen::targets::default_targets();
    let dashboard = screen::targets::dashboard(&targets, &screened.agg);
    let text = report::screening::render(
        &report::screening::Screening {
            aggregates: &screened.agg,
            dashboard: &dashboard,
            rejected: &screened.rejected,
            notes: &screened.notes,
            pack: &engine.policy,
        },
        lang,
        report::fit::width(),
    );
    out!("{text}")?;
    let reports = match &a.reports {
        Some(dir) => Some(crate::workbook::convert::screen_reports(
            &engine,
            &a.paths,
            dir,
            lang,
            a.report_format,
        )?),
        None => None,
    };
    let previous = match &a.previous {
        Some(p) => match crate::workbook::previous::load(p) {
            Ok(prev) => Some(prev),
            Err(e) => {
                eprintln!("{}: {e:#}", lang.pick("错误", "error"));
                return Ok(2);
            }
        },
        None => None,
    };
    if let Some(prev) = &previous {
        out!(
            "{}",
            crate::workbook::previous::summary(prev, &screened, lang)?
        )?;
    }
    let near_misses = match kind {
        Some(export::Kind::Xlsx) => {
            Some(crate::workbook::nearmiss::find(&engine, &screened, a.top)?)
        }
        _ => None,
    };
    if let (Some(path), Some(kind)) = (&a.output, kind) {
        let cx = export::Context {
            screened: &screened,
            dashboard: &dashboard,
            pack: &engine.policy,
            lang,
            reports: reports.as_ref(),
            previous: previous.as_ref(),
            near_misses: near_misses.as_deref(),
        };
        if let Err(e) = export::write(path, kind, &cx) {
            let e = crate::textsafe::terminal_safe(&e.to_string()).into_owned();
            eprintln!(
                "{}: {} {}: {e}",
                lang.pick("错误", "error"),
                lang.pick("无法写入", "cannot write"),
                path.display()
            );
            return Ok(2);
        }
        let shown = crate::textsafe::echo(&path.display().to_string());
        eprintln!("{} {shown}", lang.pick("已写入", "written:"));
    }
    Ok(if screened.rejected.is_empty() || a.allow_rejected {
        0
    } else {
        1
    })
}

/// `zhizao compare BEFORE AFTER`.
fn run_compare(
    before: &str,
    after: &str,
    format: Format,
    output: &Option<PathBuf>,
    policy: &Option<PathBuf>,
    lang: Lang,
) -> anyhow::Result<i32> {
    if let Some(code) = output_is_input(output, &[before, after], lang) {
        return Ok(code);
    }
    let engine = match load_policy(policy, lang) {
        Ok(p) => Engine {
            criteria: crate::criteria::default_pack(),
            policy: p,
        },
        Err(code) => return Ok(code),
    };
    let mut sides = Vec::new();
    for file in [before, after] {
        let bytes = match input::read(file) {
            Ok(b) => b,
            Err(d) => {
                let code = read_error_code(&d);
                print_diags(&[d], None, lang);
                return Ok(code);
            }
        };
        let loaded = match input::from_bytes(&bytes, file) {
            Ok(l) => l,
            Err((diags, source)) => {
                print_diags(&diags, source.as_deref(), lang);
                return Ok(1);
            }
        };
        sides.push(engine.assess(
            &loaded.questionnaire,
            InputInfo {
                file: file.to_string(),
                sha256: loaded.sha256.clone(),
            },
            loaded.warnings,
        ));
    }
    let (b, a) = (&sides[0], &sides[1]);
    let c = crate::compare::compare(b, a);
    let date = report::view::report_date();
    let text = match format {
        Format::Docx => {
            return Ok(usage_error(
                lang,
                "--format docx",
                "只用于 assess; compare 可用 html 或 markdown",
                "is for assess; compare writes html or markdown",
            ))
        }
        Format::Terminal => report::compare::terminal(&c, lang, report::fit::width()),
        Format::Json => report::compare::json(&c),
        Format::Markdown => report::compare::markdown(&c, lang, &date)?,
        Format::Html => report::compare::html(&c, b, a, lang, &date)?,
    };
    emit(&text, output)?;
    Ok(0)
}

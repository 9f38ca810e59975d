//! The command line's grammar (clap derive): every command, flag and
//! value, with the English help in doc comments (the Chinese is in
//! [`super::help_zh`]). Nothing here runs a command; `super::commands` does.
//!
//! Only `zhizao::` paths and clap are used, so tests can read the tree too
//! (`#[path]` into tests/it/main.rs, for its modules ux and help_zh).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use zhizao::lang::Lang;

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
#[command(name = "zhizao", after_help = AFTER_HELP)]
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

/// The version line in `lang`: the crate version and the embedded policy
/// pack (its id and the date of its notice, read from the pack). clap takes
/// `&'static str` (without its `string` feature): one line per process.
pub fn version(lang: Lang) -> &'static str {
    let v = env!("CARGO_PKG_VERSION");
    let (id, date) = zhizao::policy::embedded_header();
    let line = match lang {
        Lang::Zh => format!("{v}（政策包 {id}，依据 {date} 印发的通知）"),
        Lang::En => format!("{v} (policy pack {id}, notice of {date})"),
    };
    Box::leak(line.into_boxed_str())
}

/// Language argument.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    /// 简体中文.
    Zh,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
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

/// Questionnaire file format of `init`, `sample`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
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
    Assess(AssessArgs),
    /// Compare two questionnaires of one factory (对比): before and after an upgrade.
    ///
    /// Assesses both and shows what changed: indicators, criteria checks,
    /// the estimated maturity level, subsidy tracks and the support by
    /// funder. Formats as for `assess`: terminal, json, markdown, html.
    #[command(after_help = "Examples / 示例:
  zhizao compare factory-2016.yaml factory-2017.yaml
  zhizao compare before.yaml after.yaml --format html -o compare.html --lang en")]
    Compare(CompareArgs),
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
    Validate(ValidateArgs),
    /// Write a blank, commented questionnaire to fill in (生成空白问卷).
    ///
    /// Every field is listed with a comment in the output language (`--lang`)
    /// saying what it means, its unit and an example; unknown values stay
    /// `null`. The first line points editors to the JSON Schema (see
    /// `zhizao schema`). Fill it in, then run `zhizao validate` on it.
    #[command(after_help = "Examples / 示例:
  zhizao init -o questionnaires/my-factory.yaml
  zhizao init --sector electronics_it --lang en -o factory.yaml")]
    Init(InitArgs),
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
    Convert(ConvertArgs),
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
    Sample(SampleArgs),
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
    Screen(ScreenArgs),
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
    Schema(SchemaArgs),
    /// Serve the questionnaire as a web form and an HTTP API (本地网页表单).
    ///
    /// A factory fills in the form in the browser (blank, from the `init`
    /// template, or from an uploaded YAML or Excel questionnaire), sees the
    /// same diagnostics as `validate` next to each field, and gets the
    /// report in the page with downloads (HTML, DOCX, JSON; the
    /// questionnaire as YAML and as the Excel template) and a what-if
    /// comparison. `POST /api/assess` answers programs (docs/serve.md).
    /// Binds to this machine only unless another address is given; Ctrl-C
    /// stops it.
    #[command(after_help = "Examples / 示例:
  zhizao serve
  zhizao serve --addr 127.0.0.1:9000 --lang en
  curl --data-binary @my-factory.yaml http://127.0.0.1:8080/api/assess")]
    Serve(ServeArgs),
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
    Completions(CompletionsArgs),
    /// Print the manual page (手册页) in roff, for `man`.
    ///
    /// Without a command, prints the page of `zhizao` itself; with one (e.g.
    /// `assess`), the page of that command.
    #[command(after_help = "Examples / 示例:
  zhizao man | man -l -
  zhizao man > ~/.local/share/man/man1/zhizao.1
  zhizao man assess > ~/.local/share/man/man1/zhizao-assess.1")]
    Man(ManArgs),
}

/// Report format of `screen --reports` (the library's
/// [`zhizao::workbook::reports::ReportFormat`], which knows no clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormatArg {
    /// Self-contained HTML, as `assess --format html`.
    Html,
    /// Word document, as the DOCX report of `assess` (when this build has it).
    Docx,
}

impl From<ReportFormatArg> for zhizao::workbook::reports::ReportFormat {
    fn from(f: ReportFormatArg) -> Self {
        match f {
            ReportFormatArg::Html => Self::Html,
            ReportFormatArg::Docx => Self::Docx,
        }
    }
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
    List(ListArgs),
    /// One track in full (扶持项详情): conditions, amounts, funders, interpretation.
    ///
    /// Prints the track as it is written in the pack (YAML), including our
    /// reading of ambiguous clauses. A misspelt id gets the closest one.
    #[command(after_help = "Example / 示例: zhizao policy show local-cnc-purchase")]
    Show(ShowArgs),
    /// Run policy test cases (YAML) and report pass/fail with a diff (政策测试).
    ///
    /// Each case is a questionnaire (or changes to a base one) with the
    /// outcome and amounts computed by hand from the notice; a case fails
    /// when the engine disagrees, and the diff says where. Exit code 1 when
    /// any case fails. See docs/policy-authoring.md.
    #[command(after_help = "Examples / 示例:
  zhizao policy test policies/tests
  zhizao policy test policies/tests/district-cap.yaml --policy my-pack.yaml")]
    Test(TestArgs),
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
    Check(CheckArgs),
}

// The arguments of `assess` (its help is on the variant).
#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Questionnaire file (YAML, or a .xlsx 申报表 with one row), or `-` for stdin.
    ///
    /// Start one with `zhizao init`; the fields are explained in
    /// docs/questionnaire.md. Example: `my-factory.yaml`.
    pub file: String,
    /// Output format (输出格式).
    ///
    /// `terminal` prints tables for a person (colour only on a terminal;
    /// set NO_COLOR to turn it off); `json` prints one object for
    /// programs, described in docs/json-output.md; `markdown`, `html` and
    /// `docx` are reports (docs/reports.md). Without it, the extension of
    /// `-o` decides (.json, .md, .html, .docx), else `terminal`.
    /// Example: `--format json`.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Show every condition of every track, with actual and required values.
    ///
    /// Without it the report lists the tracks with their outcome and
    /// amount; with it, each condition is listed as met / not met /
    /// unknown, with the value from the questionnaire, the threshold and
    /// the clause of the notice. Example: `--explain`.
    #[arg(long)]
    pub explain: bool,
    /// Write to this file (atomically) instead of stdout.
    ///
    /// The file is written in full or not at all (a temporary file is
    /// renamed over it), so a reader never sees half a report. An existing
    /// file is replaced. Example: `-o report.json`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub packs: PackArgs,
    /// What-if (假设分析): override a questionnaire value, `path=value`; repeatable.
    ///
    /// The path is dotted into the questionnaire (list items by index:
    /// `projects.demo_lines[0].investment_wan`); the value is YAML (`42`,
    /// `true`, `null`, `[erp, mes, plm]`). The result is checked like a
    /// file; the report lists every overridden value. A bad path or value
    /// exits with 2. Example: `--set equipment.key_equipment_cnc=130`.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
    /// Read an ambiguous clause the other way (解读): `ID=OPTION`; repeatable.
    ///
    /// The pack records each reading of the notice it takes (see the
    /// readings listed by `zhizao policy test`); this picks another
    /// option, so a bureau can see both. Example:
    /// `--reading district-cap-trigger=every-enterprise`.
    #[arg(long = "reading", value_name = "ID=OPTION")]
    pub reading: Vec<String>,
    /// Consultant profile (顾问信息, YAML) for the report's cover and audit block.
    ///
    /// Fields: firm, consultant, client_contact, visit_date, logo (a PNG,
    /// relative to the profile), confidentiality, sign_off; see
    /// docs/reports.md. Example: `--profile consultant.yaml`.
    #[arg(long)]
    pub profile: Option<PathBuf>,
    /// Report date (报告日期), YYYY-MM-DD; default: today in the local time zone.
    ///
    /// Example: `--date 2017-03-20`.
    #[arg(long)]
    pub date: Option<String>,
}

// The arguments of `compare` (its help is on the variant).
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Questionnaire before (YAML).
    ///
    /// Usually the earlier data year or the state before an upgrade.
    /// Example: `factory-2016.yaml`.
    pub before: String,
    /// Questionnaire after (YAML).
    ///
    /// The same factory later, or a planned state. Example:
    /// `factory-2017.yaml`.
    pub after: String,
    /// Output format (输出格式).
    ///
    /// `terminal`, `json`, `markdown` or `html` (one self-contained
    /// file). Example: `--format markdown`.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout.
    ///
    /// The file is written in full or not at all. Example:
    /// `-o compare.html`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub packs: PackArgs,
}

// The arguments of `validate` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Questionnaire files (YAML, or .xlsx workbooks), or `-` for stdin.
    ///
    /// Each file is checked on its own and reported as valid or invalid;
    /// one bad file does not stop the others. Each row of a workbook is
    /// reported as `file.xlsx!申报表!A6`, its errors by cell.
    /// Example: `a.yaml b.yaml 申报表.xlsx`.
    #[arg(required = true)]
    pub files: Vec<String>,
}

// The arguments of `init` (its help is on the variant).
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Sector (所属产业) to fill in.
    ///
    /// Fills in `enterprise.sector`; without it the template says
    /// `other`. The sectors are those the policy names (see
    /// docs/questionnaire.md §3). Example: `--sector machinery_auto_parts`.
    #[arg(long, value_parser = clap::builder::PossibleValuesParser::new(
        zhizao::questionnaire::Sector::ALL.map(|s| s.id())
    ))]
    pub sector: Option<String>,
    /// Write to this file instead of stdout (refuses to overwrite).
    ///
    /// An existing file is never replaced, so a filled-in questionnaire
    /// cannot be lost to a second `init`. Example: `-o my-factory.yaml`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Template format: `yaml` (default) or `xlsx`, the Excel 申报表.
    ///
    /// The workbook has one row per enterprise (labels, units, notes and
    /// dropdowns in the `--lang` language); it needs `-o`. See the
    /// bureau section of docs/guide.zh.md. Example: `--format xlsx -o 申报表.xlsx`.
    #[arg(long, value_enum, default_value = "yaml")]
    pub format: FileFormat,
}

// The arguments of `convert` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// YAML questionnaires, or one .xlsx workbook.
    ///
    /// Each YAML file becomes one row; a workbook's every filled row
    /// becomes one YAML file. Example: `a.yaml b.yaml` or `汇总表.xlsx`.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// A .xlsx file (from YAML), or a folder or .yaml file (from a workbook).
    ///
    /// The extension decides the direction; an existing file is never
    /// replaced. Example: `-o 汇总表.xlsx` or `-o questionnaires/`.
    #[arg(short, long)]
    pub output: PathBuf,
}

// The arguments of `sample` (its help is on the variant).
#[derive(Debug, Args)]
pub struct SampleArgs {
    /// How many files.
    ///
    /// Files are named sample-000000.yaml, sample-000001.yaml, …
    /// Example: `--count 200`.
    #[arg(long)]
    pub count: usize,
    /// Seed.
    ///
    /// The same seed gives the same files; file i depends only on the
    /// seed and i, so a larger --count adds files without changing the
    /// first ones. Example: `--seed 7`.
    #[arg(long, default_value_t = 2016)]
    pub seed: u64,
    /// Output folder (created if missing).
    ///
    /// Example: `--out demo/`.
    #[arg(long)]
    pub out: PathBuf,
    /// Share of invalid files, 0–1.
    ///
    /// That share of the files is made invalid the ways real submissions
    /// are, to try `validate` and the Rejected sheet of `screen`.
    /// Example: `--invalid-share 0.05`.
    #[arg(long, default_value_t = 0.0)]
    pub invalid_share: f64,
    /// `yaml` (one file each, into the --out folder) or `xlsx` (one
    /// workbook of rows at --out, the same questionnaires).
    ///
    /// Example: `--format xlsx --out batch.xlsx`.
    #[arg(long, value_enum, default_value = "yaml")]
    pub format: FileFormat,
}

// The arguments of `screen` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ScreenArgs {
    /// Questionnaire files or folders.
    ///
    /// Folders are searched recursively for *.yaml, *.yml and *.xlsx;
    /// other files in them are counted and ignored. Example: `submissions/2017`.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Write the full result here (.xlsx, .csv or .json), atomically.
    ///
    /// The extension chooses the format: .xlsx has the sheets Summary,
    /// Dashboard (charts), Enterprises, Tracks, Budget, Targets, Rejected
    /// and Near misses (Changes with --previous), each an Excel Table,
    /// money in 万元 with totals; .csv is one row per enterprise or
    /// rejected file (UTF-8 with BOM for Excel); .json is everything.
    /// Example: `-o screening-2017.xlsx`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Worker threads (default: all cores).
    ///
    /// Fewer threads leave the machine usable for other work; the result
    /// is the same for any number. Example: `--jobs 2`.
    #[arg(long, default_value_t = 0, hide_default_value = true)]
    pub jobs: usize,
    /// Exit 0 even when some files were rejected (they are still listed).
    ///
    /// For scripts that should go on with the factories that could be
    /// assessed. Example: `--allow-rejected`.
    #[arg(long)]
    pub allow_rejected: bool,
    /// Candidates shown per ranking.
    ///
    /// Applies to the terminal summary and the Summary sheet; the
    /// Enterprises sheet always lists everyone. Example: `--top 20`.
    #[arg(long, default_value_t = zhizao::screen::DEFAULT_TOP)]
    pub top: usize,
    #[command(flatten)]
    pub packs: PackArgs,
    /// Follow symbolic links that lead out of the given folders.
    ///
    /// By default a link inside a screened folder is followed only to a
    /// place inside the folders given, so a link to `/` cannot make a run
    /// read the whole machine; links left out are counted in the summary.
    /// A file reached twice is screened once either way. Example:
    /// `--follow-links`.
    #[arg(long)]
    pub follow_links: bool,
    /// Benchmark baseline: only read and parse the files, then report counts.
    #[arg(long, hide = true)]
    pub parse_only: bool,
    /// Benchmark floor: only walk and read the files, then report counts.
    #[arg(long, hide = true, conflicts_with = "parse_only")]
    pub read_floor: bool,
    /// Also write each assessed enterprise's report into this folder.
    ///
    /// The same report as `assess --format html`, named by credit code
    /// and name (`91350502…-泉州市某某鞋业.html`); the .xlsx output links
    /// each enterprise to its report. Example: `--reports reports/2017`.
    #[arg(long, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    /// Format of the --reports files.
    ///
    /// Example: `--format html`.
    #[arg(long, value_enum, default_value = "html", requires = "reports")]
    pub format: ReportFormatArg,
    /// Compare with a previous screening (its .json or .xlsx output): what
    /// changed per enterprise (matched by credit code) and for the district.
    ///
    /// The .json output is the exact record; a .xlsx output is read back
    /// from its Enterprises sheet. Example: `--previous screening-2016.json`.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

// The arguments of `schema` (its help is on the variant).
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema: questionnaire (问卷) or policy (政策包).
    ///
    /// The same text as docs/schema/questionnaire.schema.json and
    /// docs/schema/policy.schema.json of this version. Example: `policy`.
    #[arg(value_enum, default_value = "questionnaire")]
    pub which: SchemaArg,
    /// Write to this file (atomically) instead of stdout.
    ///
    /// An existing file is replaced. Example: `-o questionnaire.schema.json`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

// The arguments of `serve` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on, IP:PORT (default: this machine only, port 8080).
    ///
    /// Port 0 takes any free port (the address is printed). Any address
    /// other than 127.0.0.1 or ::1 makes the form reachable from the
    /// network, and prints a warning. Example: `--addr 127.0.0.1:9000`.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    #[command(flatten)]
    pub packs: PackArgs,
}

// The arguments of `completions` (its help is on the variant).
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// Shell: bash, zsh, fish or powershell (elvish works too).
    ///
    /// The script is printed to stdout. Example: `bash`.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

// The arguments of `man` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Command whose page to print (default: zhizao itself).
    ///
    /// One of the commands listed by `zhizao --help`. Example: `assess`.
    pub command: Option<String>,
}

// The arguments of `list` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub packs: PackArgs,
}

// The arguments of `show` (its help is on the variant).
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Track id, e.g. local-cnc-purchase (see `zhizao policy list`).
    ///
    /// Example: `smart-factory-award`.
    pub id: String,
    #[command(flatten)]
    pub packs: PackArgs,
}

// The arguments of `test` (its help is on the variant).
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Test files or folders (default: policies/tests).
    ///
    /// Folders are searched for `*.yaml`. Example: `policies/tests`.
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub packs: PackArgs,
}

// The arguments of `check` (its help is on the variant).
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Pack file (YAML).
    ///
    /// Example: `policies/licheng-2016.yaml`.
    pub file: PathBuf,
}

/// The packs a command assesses with (规则包), by default those embedded
/// in the binary; each file replaces one (`--policy` adds up: the packs
/// given are evaluated together).
#[derive(Debug, Clone, Default, Args)]
pub struct PackArgs {
    /// Policy pack file instead of the embedded 2016 Licheng pack; repeatable.
    ///
    /// Each pack is checked when loaded (`zhizao policy check FILE` reports
    /// every problem of a pack; see docs/policy-authoring.md). Several packs
    /// (a city and a district notice) are evaluated together, each with its
    /// own validity, funders and caps, the totals added up by funder.
    /// Example: `--policy my-pack.yaml`.
    #[arg(long)]
    pub policy: Vec<PathBuf>,
    /// Criteria pack file (reference criteria, maturity model) instead of the embedded one.
    ///
    /// The digital-workshop and smart-factory reference criteria and the
    /// maturity levels, written as criteria/licheng-2016.yaml is. Example:
    /// `--criteria my-criteria.yaml`.
    #[arg(long, value_name = "FILE")]
    pub criteria: Option<PathBuf>,
    /// District targets file instead of the embedded one.
    ///
    /// The targets the screening dashboard and the reports measure against,
    /// written as policies/licheng-2016-targets.yaml is. Example:
    /// `--targets targets-2017.yaml`.
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    /// Reference figures file (peer comparison) instead of the embedded one.
    ///
    /// The figures each indicator is compared with, written as
    /// benchmarks/reference.yaml is. Example: `--references peers.yaml`.
    #[arg(long, value_name = "FILE")]
    pub references: Option<PathBuf>,
    /// Level pack file (a score sheet or a ladder) instead of the embedded ones; repeatable.
    ///
    /// The 2024 SME digital level and the smart-factory levels, written as
    /// levels/*.yaml are (see docs/levels.md). Each applies to the data
    /// years it covers. Example: `--levels my-sheet.yaml`.
    #[arg(long, value_name = "FILE")]
    pub levels: Vec<PathBuf>,
}

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

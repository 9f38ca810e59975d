//! Command line (命令行). Exit codes: 0 success, 1 invalid input (or failed
//! policy tests), 2 usage or I/O error.

use crate::assess::{Engine, InputInfo};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::policy::pack::TrackKind;
use crate::{input, output, policy, report};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples / 示例:
  zhizao init --sector textile_footwear_apparel -o my-factory.yaml
  zhizao validate my-factory.yaml
  zhizao assess questionnaires/examples/electronics-smart-factory.yaml
  zhizao assess my-factory.yaml --explain --lang en
  zhizao assess my-factory.yaml --format json > report.json
  zhizao policy list
  zhizao policy test policies/tests

Exit codes / 退出码: 0 ok, 1 invalid input or failed policy tests, 2 usage or I/O error.";

/// zhizao (智造): how ready a factory is for smart manufacturing, and which
/// subsidy tracks of the 2016 Licheng policy it can claim.
#[derive(Debug, Parser)]
#[command(name = "zhizao", version = version(), about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// Output language: zh or en (default: from LANG/LC_ALL; Chinese when the locale is Chinese or unset).
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
}

/// Commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Assess one questionnaire: indicators, criteria, estimated maturity, subsidy tracks.
    ///
    /// Reads a YAML questionnaire (`-` for stdin), validates it, and prints the
    /// report. Every number traces to an input field, a formula and a clause;
    /// `--explain` shows each condition with its actual and required value.
    #[command(
        after_help = "Example: zhizao assess questionnaires/examples/autoparts-digital-workshop.yaml --explain"
    )]
    Assess {
        /// Questionnaire file, or `-` for stdin.
        file: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "terminal")]
        format: Format,
        /// Show every condition of every track.
        #[arg(long)]
        explain: bool,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Use this policy pack instead of the embedded 2016 Licheng pack.
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Check questionnaires: syntax, types, ranges, consistency, credit-code check character.
    ///
    /// Every problem of a file is reported in one pass, with file, line,
    /// column, field path and a hint. Exit code 0 when all are valid, 1 when
    /// any is invalid, 2 when a file cannot be read.
    #[command(after_help = "Example: zhizao validate questionnaires/examples/*.yaml")]
    Validate {
        /// Questionnaire files.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Write a blank, commented questionnaire to fill in.
    #[command(
        after_help = "Example: zhizao init --sector electronics_it --lang en -o factory.yaml"
    )]
    Init {
        /// Sector: textile_footwear_apparel, electronics_it, machinery_auto_parts, paper_product_equipment, other.
        #[arg(long)]
        sector: Option<String>,
        /// Write to this file instead of stdout (refuses to overwrite).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Inspect and test the policy pack.
    #[command(subcommand)]
    Policy(PolicyCommand),
}

/// `policy` subcommands.
#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Table of all tracks.
    List {
        /// Pack file (default: embedded).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// One track in full.
    Show {
        /// Track id, e.g. local-cnc-purchase.
        id: String,
        /// Pack file (default: embedded).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// Run policy test cases (YAML) and report pass/fail with a diff.
    #[command(after_help = "Example: zhizao policy test policies/tests")]
    Test {
        /// Test files or folders (default: policies/tests).
        paths: Vec<PathBuf>,
        /// Pack file (default: embedded).
        #[arg(long)]
        policy: Option<PathBuf>,
    },
    /// List the facts a pack's conditions and amounts may name.
    Facts,
    /// Check a pack file and report every load-time error.
    Check {
        /// Pack file.
        file: PathBuf,
    },
}

/// Run the CLI and return the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("{}: {e:#}", lang.pick("错误", "error"));
            2
        }
    }
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
        let _ = writeln!(err, "{}", d.render(lang, source));
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

fn emit(text: &str, output: &Option<PathBuf>) -> anyhow::Result<()> {
    match output {
        Some(p) => output::write_atomic(p, text.as_bytes())
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", p.display())),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn run(cmd: Command, lang: Lang) -> anyhow::Result<i32> {
    match cmd {
        Command::Assess {
            file,
            format,
            explain,
            output,
            policy,
        } => {
            let pack = match load_policy(&policy, lang) {
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
            let a = engine.assess(
                &loaded.questionnaire,
                InputInfo {
                    file: file.clone(),
                    sha256: loaded.sha256.clone(),
                },
                loaded.warnings.clone(),
            );
            let text = match format {
                Format::Json => report::json(&a),
                Format::Terminal => report::terminal::render(
                    &a,
                    report::terminal::Options {
                        lang,
                        color: output.is_none()
                            && std::io::stdout().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
                        explain,
                    },
                ),
            };
            emit(&text, &output)?;
            Ok(0)
        }
        Command::Validate { files } => {
            let mut worst = 0;
            for f in &files {
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
                        println!("{f}: {}", lang.pick("有效", "valid"));
                    }
                    Err((diags, source)) => {
                        print_diags(&diags, source.as_deref(), lang);
                        let n = diags.iter().filter(|d| d.is_error()).count();
                        println!(
                            "{f}: {} ({n} {})",
                            lang.pick("无效", "invalid"),
                            lang.pick("个错误", "errors")
                        );
                        worst = worst.max(1);
                    }
                }
            }
            Ok(worst)
        }
        Command::Init { sector, output } => {
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
                        eprintln!(
                            "{}: {} {}",
                            lang.pick("错误", "error"),
                            p.display(),
                            lang.pick(
                                "已存在, 不会覆盖",
                                "already exists; it will not be overwritten"
                            )
                        );
                        return Ok(2);
                    }
                    emit(&text, &Some(p))?;
                }
                None => emit(&text, &None)?,
            }
            Ok(0)
        }
        Command::Policy(pc) => run_policy(pc, lang),
    }
}

fn run_policy(pc: PolicyCommand, lang: Lang) -> anyhow::Result<i32> {
    match pc {
        PolicyCommand::List { policy } => {
            let pack = match load_policy(&policy, lang) {
                Ok(p) => p,
                Err(c) => return Ok(c),
            };
            let mut b = tabled::builder::Builder::default();
            b.push_record([
                "id",
                lang.pick("条款", "clause"),
                lang.pick("扶持项", "track"),
                lang.pick("类型", "kind"),
                lang.pick("出资方", "funders"),
                lang.pick("前提", "first"),
            ]);
            for t in &pack.tracks {
                b.push_record([
                    t.id.clone(),
                    t.clause.clone(),
                    t.title.get(lang).to_string(),
                    kind_label(t.kind, lang).to_string(),
                    t.funders
                        .iter()
                        .map(|f| f.label().get(lang).to_string())
                        .collect::<Vec<_>>()
                        .join("/"),
                    format!("{:?}", t.prerequisite).to_lowercase(),
                ]);
            }
            let mut table = b.build();
            table.with(tabled::settings::Style::rounded());
            println!("{} {} — {}", pack.id, pack.version, pack.title.get(lang));
            println!("{table}");
            Ok(0)
        }
        PolicyCommand::Show { id, policy } => {
            let pack = match load_policy(&policy, lang) {
                Ok(p) => p,
                Err(c) => return Ok(c),
            };
            match pack.tracks.iter().find(|t| t.id == id) {
                Some(t) => {
                    print!("{}", serde_yaml::to_string(t).unwrap_or_default());
                    Ok(0)
                }
                None => {
                    let best = pack
                        .tracks
                        .iter()
                        .map(|t| (strsim::levenshtein(&id, &t.id), &t.id))
                        .min_by_key(|x| x.0);
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
            for c in &o.cases {
                if c.diffs.is_empty() {
                    println!("ok    {} :: {}", c.file, c.name);
                } else {
                    println!("FAIL  {} :: {}", c.file, c.name);
                    for d in &c.diffs {
                        println!("        - {d}");
                    }
                }
            }
            print_diags(&o.errors, None, lang);
            println!("policy test: {}", policy::testcase::summary(&o).get(lang));
            Ok(if o.failed() == 0 && o.errors.is_empty() {
                0
            } else {
                1
            })
        }
        PolicyCommand::Facts => {
            for s in crate::facts::REGISTRY {
                let ids = if s.ids.is_empty() {
                    String::new()
                } else {
                    format!(" [{}]", s.ids.join(", "))
                };
                println!(
                    "{:<60} {:<7} {}{ids}",
                    s.name,
                    format!("{:?}", s.kind).to_lowercase(),
                    s.from
                );
            }
            Ok(0)
        }
        PolicyCommand::Check { file } => {
            let p = Some(file);
            match load_policy(&p, lang) {
                Ok(pack) => {
                    println!(
                        "{}: {} ({} {})",
                        p.as_ref()
                            .map(|x| x.display().to_string())
                            .unwrap_or_default(),
                        lang.pick("有效", "valid"),
                        pack.tracks.len(),
                        lang.pick("个扶持项", "tracks")
                    );
                    Ok(0)
                }
                Err(c) => Ok(c),
            }
        }
    }
}

fn kind_label(k: TrackKind, lang: Lang) -> &'static str {
    match k {
        TrackKind::Grant => lang.pick("补助", "grant"),
        TrackKind::Award => lang.pick("奖励", "award"),
        TrackKind::TaxBenefit => lang.pick("税收优惠", "tax benefit"),
        TrackKind::Equity => lang.pick("股权投资", "equity"),
        TrackKind::NonMonetary => lang.pick("非资金支持", "non-monetary"),
    }
}

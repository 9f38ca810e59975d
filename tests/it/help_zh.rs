//! `--help` in Chinese (issue #13): every help page and man page under
//! `--lang zh` is Chinese prose, fits the terminal, and uses full-width
//! punctuation; `--lang en` keeps the English help.
//!
//! Allowed in Latin letters, and why: flags (`--lang`, `-o`), placeholders
//! and terms in capitals (`<FILE>`, ERP, JSON, LC_ALL), file names and paths,
//! ids and values the user types (command names, possible values, kebab-
//! and snake-case ids), code spans in backticks, example command lines, and
//! the few product names of [`TERMS`].

use assert_cmd::Command;
use clap::CommandFactory;

// The command line's grammar lives in the binary; its tree is read here
// from the same source file (the module `args` of main.rs; the English
// tree: names are the same in both).
use crate::args;

/// Product and tool names that stay in Latin letters in Chinese text.
const TERMS: &[&str] = &[
    "zhizao",
    "Excel",
    "Word",
    "Markdown",
    "Schema",
    "Code",
    "PowerShell",
    "bash",
    "zsh",
    "fish",
    "elvish",
    "powershell",
    "shell",
    "roff",
    "man",
    "i",
];

const WIDTH: usize = 80;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("zhizao")
        .expect("binary")
        .args(args)
        .env("COLUMNS", WIDTH.to_string())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{args:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every command path of the clap tree (`[]`, `["assess"]`, `["policy", "show"]`…).
fn paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, at: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(at.clone());
        for sub in cmd.get_subcommands() {
            let mut p = at.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut cmd = args::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

/// Names a user types: commands and possible values of the whole tree.
fn typed_names() -> Vec<String> {
    fn walk(cmd: &clap::Command, out: &mut Vec<String>) {
        out.push(cmd.get_name().to_string());
        for a in cmd.get_arguments() {
            out.extend(
                a.get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string()),
            );
        }
        cmd.get_subcommands().for_each(|s| walk(s, out));
    }
    let mut cmd = args::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut out);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{4e00}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Latin words of one line that are not allowed in Chinese help.
fn latin_words(line: &str, allowed: &[String]) -> Vec<String> {
    let t = line.trim_start();
    let t = t.strip_prefix("示例：").unwrap_or(t);
    // Example command lines are commands, not prose.
    let example = ["zhizao ", "cat ", "bash:", "zsh:", "fish:", "PowerShell:"];
    if example.iter().any(|p| t.starts_with(p)) || t.starts_with("用法：") {
        return Vec::new();
    }
    let mut text = String::new();
    // Code spans (`…`) are shown as typed.
    for (i, part) in line.split('`').enumerate() {
        if i % 2 == 0 {
            text.push_str(part);
        }
    }
    let word_char = |c: char| c.is_ascii_alphanumeric() || "-_./*<>=[]~$+!…".contains(c);
    text.split(|c: char| !word_char(c))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|w| {
            let exempt = w.starts_with('-')
                || w.contains(|c: char| "_./*<>=[]~$-".contains(c) || c.is_ascii_digit())
                || w.chars().all(|c| !c.is_ascii_lowercase())
                || TERMS.contains(w)
                || allowed.iter().any(|a| a == w);
            !exempt
        })
        .map(str::to_string)
        .collect()
}

/// Half-width `, ; : ( )` beside a Chinese character.
fn half_width_in_chinese(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        ",;:()".contains(c)
            && (i.checked_sub(1).is_some_and(|j| is_cjk(chars[j]))
                || chars.get(i + 1).is_some_and(|&n| is_cjk(n)))
    })
}

fn check_page(name: &str, page: &str, allowed: &[String], problems: &mut Vec<String>) {
    assert!(
        page.chars().any(is_cjk),
        "{name}: no Chinese at all:\n{page}"
    );
    for line in page.lines() {
        let words = latin_words(line, allowed);
        if !words.is_empty() {
            problems.push(format!("{name}: English {words:?} in: {line}"));
        }
        if half_width_in_chinese(line) {
            problems.push(format!("{name}: half-width punctuation in: {line}"));
        }
    }
}

#[test]
fn every_help_page_is_chinese_and_fits_the_terminal() {
    let allowed = typed_names();
    let mut problems = Vec::new();
    // `help` is clap's own command, which takes command names, not flags.
    for path in paths()
        .into_iter()
        .filter(|p| !p.iter().any(|n| n == "help"))
    {
        let p: Vec<&str> = path.iter().map(String::as_str).collect();
        for flag in ["-h", "--help"] {
            let mut args = vec!["--lang", "zh"];
            args.extend(&p);
            args.push(flag);
            let page = run(&args);
            let name = format!("zhizao {} {flag}", p.join(" "));
            check_page(&name, &page, &allowed, &mut problems);
            for line in page.lines() {
                let w = textwrap::core::display_width(line);
                if w > WIDTH {
                    problems.push(format!("{name}: {w} columns: {line}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_chinese_locale_gives_chinese_help_without_lang() {
    let out = Command::cargo_bin("zhizao")
        .expect("binary")
        .args(["assess", "--help"])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .expect("runs");
    let page = String::from_utf8_lossy(&out.stdout);
    assert!(
        page.contains("评估一份问卷：指标、参考标准、估算成熟度和扶持项。"),
        "{page}"
    );
    assert!(page.contains("用法：zhizao assess"), "{page}");
    // The help subcommand shows the same Chinese page.
    let via_help = run(&["--lang", "zh", "help", "policy", "show"]);
    assert!(via_help.contains("一个扶持项的详情"), "{via_help}");
}

/// A man page as text: roff escapes undone, control lines dropped.
fn man_text(roff: &str) -> String {
    roff.lines()
        .filter(|l| !l.starts_with('.'))
        .map(|l| {
            l.replace("\\-", "-")
                .replace("\\fB", "")
                .replace("\\fI", "")
                .replace("\\fR", "")
                .replace("\\&", "")
                .replace("\\*(Aq", "'")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_man_page_is_chinese() {
    let allowed = typed_names();
    let mut problems = Vec::new();
    let mut pages = vec![None];
    pages.extend(
        paths()
            .iter()
            .filter(|p| p.len() == 1 && p[0] != "help")
            .map(|p| Some(p[0].clone())),
    );
    for page in pages {
        let mut args = vec!["--lang", "zh", "man"];
        args.extend(page.as_deref());
        let roff = run(&args);
        for h in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "EXTRA",
            "VERSION",
        ] {
            assert!(!roff.contains(&format!(".SH {h}")), "{args:?}: .SH {h}");
        }
        assert!(
            roff.contains("\n.mso zh.tmac\n"),
            "{args:?}: no Chinese line breaking"
        );
        assert!(!roff.contains("subcommands"), "{args:?}: English synopsis");
        let name = format!("zhizao man {}", page.unwrap_or_default());
        check_page(&name, &man_text(&roff), &allowed, &mut problems);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn english_help_stays_english() {
    let page = run(&["--lang", "en", "assess", "--help"]);
    assert!(
        page.contains("Assess one questionnaire (评估): indicators"),
        "{page}"
    );
    assert!(page.contains("Usage: zhizao assess"), "{page}");
    assert!(page.contains("- terminal: Tables for a person"), "{page}");
    assert!(
        !page.contains("用法") && !page.contains("扶持项。"),
        "{page}"
    );
    let man = run(&["--lang", "en", "man", "assess"]);
    assert!(
        man.contains(".SH OPTIONS") && !man.contains("问卷文件"),
        "{man}"
    );
}

#[test]
fn the_checks_catch_english_and_half_width_punctuation() {
    // The purity checks themselves: a test that cannot fail proves nothing.
    let allowed = typed_names();
    assert_eq!(
        latin_words("  输出格式 for a person", &allowed),
        ["for", "a", "person"]
    );
    assert!(latin_words(
        "  `--format json` 写入 docs/reports.md，ERP、Excel",
        &allowed
    )
    .is_empty());
    assert!(latin_words("  zhizao assess my-factory.yaml --explain", &allowed).is_empty());
    assert!(latin_words("示例：zhizao policy facts | grep ecommerce", &allowed).is_empty());
    assert!(half_width_in_chinese("问卷文件(YAML)"));
    assert!(half_width_in_chinese("默认: 中文"));
    assert!(!half_width_in_chinese("问卷文件（YAML）；--lang zh, en"));
}

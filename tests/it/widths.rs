//! Terminal output fits the terminal (终端宽度): every command, every shipped
//! example, at 80, 100 and 200 columns (`COLUMNS` set as a shell sets it),
//! measured in display columns (a CJK character is two).

use assert_cmd::Command;
use zhizao::report::fit::display_width;

const EXAMPLES: &str = "questionnaires/examples";

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(EXAMPLES)
        .expect("examples folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path().display().to_string())
        .filter(|p| p.ends_with(".yaml"))
        .collect();
    v.sort();
    v
}

fn widest(args: &[&str], columns: usize) -> (usize, String) {
    let out = Command::cargo_bin("zhizao")
        .expect("binary")
        .args(args)
        .env("COLUMNS", columns.to_string())
        .env("ZHIZAO_REPORT_DATE", "2024-01-01")
        .output()
        .expect("runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .max_by_key(|l| display_width(l))
        .unwrap_or("")
        .to_string();
    (display_width(&line), line)
}

fn assert_fits(args: &[&str]) {
    for columns in [80, 100, 200] {
        let (w, line) = widest(args, columns);
        assert!(
            w <= columns,
            "`zhizao {}` at {columns} columns has a line {w} wide:\n{line}",
            args.join(" ")
        );
    }
}

#[test]
fn assess_fits_for_every_example_in_both_languages() {
    for f in examples() {
        for lang in ["zh", "en"] {
            assert_fits(&["assess", &f, "--lang", lang]);
            assert_fits(&["assess", &f, "--lang", lang, "--explain"]);
        }
    }
}

#[test]
fn what_if_and_compare_fit() {
    let f = format!("{EXAMPLES}/licheng-footwear.yaml");
    let g = format!("{EXAMPLES}/autoparts-digital-workshop.yaml");
    assert_fits(&["assess", &f, "--set", "robots.industrial_robots=20"]);
    for lang in ["zh", "en"] {
        assert_fits(&["compare", &f, &g, "--lang", lang]);
    }
}

#[test]
fn screen_fits() {
    for lang in ["zh", "en"] {
        assert_fits(&["screen", EXAMPLES, "--lang", lang]);
    }
}

#[test]
fn policy_commands_fit() {
    for lang in ["zh", "en"] {
        assert_fits(&["policy", "list", "--lang", lang]);
        assert_fits(&["policy", "show", "local-cnc-purchase", "--lang", lang]);
        assert_fits(&["policy", "show", "patent-award", "--lang", lang]);
        assert_fits(&["policy", "facts", "--lang", lang]);
        assert_fits(&["policy", "test", "policies/tests", "--lang", lang]);
    }
}

#[test]
fn validate_and_help_fit() {
    for f in examples() {
        assert_fits(&["validate", &f]);
    }
    for args in [
        vec!["--help"],
        vec!["assess", "--help"],
        vec!["screen", "--help"],
        vec!["compare", "--help"],
        vec!["policy", "--help"],
        vec!["completions", "--help"],
    ] {
        assert_fits(&args);
    }
}

#[test]
fn a_wide_terminal_is_used() {
    // At 200 columns the criteria table of a low-level factory is not
    // squeezed: it is wider than 100.
    let f = format!("{EXAMPLES}/licheng-footwear.yaml");
    let (w, _) = widest(&["assess", &f], 200);
    assert!(w > 100, "{w}");
}

//! How zhizao fits its users' habits: shell completions, the man page, help
//! with examples, the language chosen from the locale, and errors that read
//! like advice (snapshots of the rendered errors in Chinese and English).

use assert_cmd::Command;
use std::path::Path;
use zhizao::lang::Lang;

// The command line's grammar lives in the binary; its tree is read here
// from the same source file (the module `args` of main.rs).
use crate::args;

/// The binary with no locale variables, so each test sets exactly what it needs.
fn zhizao() -> Command {
    let mut c = Command::cargo_bin("zhizao").expect("binary builds");
    for v in ["LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR"] {
        c.env_remove(v);
    }
    c
}

fn stdout(c: &mut Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

// ─── completions, man page, help ────────────────────────────────────────────

#[test]
fn completions_for_every_shell_name_the_program_and_its_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let text = stdout(zhizao().args(["completions", shell]));
        assert!(!text.trim().is_empty(), "{shell}: empty script");
        assert!(
            text.contains("zhizao"),
            "{shell}: no `zhizao` in the script"
        );
        for cmd in ["assess", "validate", "schema"] {
            assert!(text.contains(cmd), "{shell}: no `{cmd}` in the script");
        }
    }
}

#[test]
fn completions_reject_an_unknown_shell() {
    zhizao()
        .args(["completions", "tcsh", "--lang", "en"])
        .assert()
        .code(2);
}

#[test]
fn man_page_is_roff_with_every_command() {
    let page = stdout(zhizao().args(["man", "--lang", "en"]));
    assert!(
        page.contains(".TH zhizao 1"),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    for cmd in [
        "assess",
        "validate",
        "init",
        "policy",
        "schema",
        "completions",
    ] {
        assert!(page.contains(cmd), "man page lacks {cmd}");
    }
    // The version line names the policy pack, as --version does.
    assert!(page.contains("licheng-2016"));
    let sub = stdout(zhizao().args(["man", "assess"]));
    assert!(sub.contains(".TH zhizao-assess 1"));
    assert!(sub.contains("explain"));
    zhizao()
        .args(["man", "nonsense", "--lang", "en"])
        .assert()
        .code(2);
}

#[test]
fn every_command_and_flag_has_help_and_every_command_an_example() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &str, problems: &mut Vec<String>) {
        let name = format!("{path} {}", cmd.get_name()).trim().to_string();
        if cmd.get_name() != "help" {
            if cmd.get_about().is_none() {
                problems.push(format!("{name}: no one-line description"));
            }
            if cmd.get_long_about().is_none() && cmd.get_subcommands().next().is_none() {
                problems.push(format!("{name}: no long description"));
            }
            let after = cmd
                .get_after_help()
                .or(cmd.get_after_long_help())
                .map(|s| s.to_string())
                .unwrap_or_default();
            if !after.contains("zhizao ") {
                problems.push(format!("{name}: no example"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") || a.is_hide_set() {
                    continue;
                }
                if a.get_help().is_none() {
                    problems.push(format!("{name} {id}: no help"));
                }
                if a.get_long_help().is_none() {
                    problems.push(format!("{name} {id}: no long help"));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &name, problems);
        }
    }
    let mut problems = Vec::new();
    walk(&args::Cli::command(), "", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn version_still_names_the_policy_pack() {
    let v = stdout(zhizao().arg("--version"));
    assert!(
        v.contains("licheng-2016") && v.contains("2016-07-29"),
        "{v}"
    );
}

#[test]
fn the_binary_needs_nothing_from_the_repository() {
    // Run from an empty folder: packs and templates are inside the binary.
    // (scripts/check-install.sh does the same with `cargo install --root`.)
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let out = zhizao()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["init", "--lang", "en", "-o", "f.yaml"]);
    let path = dir.path().join("f.yaml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("  name: \"\"", "  name: \"Test Co\"")
        .replace("  data_year: 0", "  data_year: 2017");
    std::fs::write(&path, text).unwrap();
    run(&["validate", "f.yaml", "--lang", "en"]);
    assert!(run(&["assess", "f.yaml", "--lang", "en"]).contains("Test Co"));
    assert!(run(&["policy", "list"]).contains("local-cnc-purchase"));
}

#[test]
fn a_closed_pipe_is_not_a_panic() {
    // `zhizao policy facts | head -1`: the reader goes away before the writer is done.
    let bin = assert_cmd::cargo::cargo_bin("zhizao");
    let mut child = std::process::Command::new(bin)
        .args(["policy", "facts"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        matches!(out.status.code(), Some(0 | 141)),
        "{:?}",
        out.status
    );
}

// ─── language from the locale ───────────────────────────────────────────────

#[test]
fn locale_defaulting_is_a_pure_function_of_the_locale_values() {
    let f = Lang::from_locale_values;
    assert_eq!(f(None, None, Some("zh_CN.UTF-8"), None), Lang::Zh);
    assert_eq!(f(None, None, Some("en_US.UTF-8"), None), Lang::En);
    assert_eq!(
        f(Some("en_US.UTF-8"), None, Some("zh_CN.UTF-8"), None),
        Lang::En
    );
    assert_eq!(f(None, Some("zh_TW.UTF-8"), Some("en_US"), None), Lang::Zh);
    assert_eq!(f(Some("C.UTF-8"), None, None, Some("en-GB")), Lang::En);
    assert_eq!(f(None, None, None, Some("zh-Hans-CN")), Lang::Zh);
    assert_eq!(f(None, None, None, None), Lang::Zh);
    assert_eq!(f(Some("POSIX"), None, Some("C"), None), Lang::Zh);
}

const TYPO: &str =
    "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n  employes: 10\n";

fn validate_stderr(dir: &Path, envs: &[(&str, &str)], args: &[&str]) -> String {
    std::fs::write(dir.join("factory.yaml"), TYPO).unwrap();
    let mut c = zhizao();
    c.current_dir(dir)
        .arg("validate")
        .arg("factory.yaml")
        .args(args);
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn the_locale_picks_the_language_and_lang_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let en = "did you mean `employees`?";
    let zh = "是不是想写 `employees`?";
    assert!(validate_stderr(d, &[("LANG", "en_US.UTF-8")], &[]).contains(en));
    assert!(validate_stderr(d, &[("LANG", "zh_CN.UTF-8")], &[]).contains(zh));
    // LC_ALL wins over LANG; LC_MESSAGES too.
    assert!(validate_stderr(
        d,
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_GB.UTF-8")],
        &[]
    )
    .contains(en));
    assert!(validate_stderr(
        d,
        &[("LANG", "en_US.UTF-8"), ("LC_MESSAGES", "zh_CN.UTF-8")],
        &[]
    )
    .contains(zh));
    // C / POSIX say nothing about the language: Chinese, the default.
    assert!(validate_stderr(d, &[("LC_ALL", "C")], &[]).contains(zh));
    // --lang wins over everything, before or after the command.
    assert!(validate_stderr(d, &[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]).contains(en));
    assert!(validate_stderr(d, &[("LC_ALL", "en_US.UTF-8")], &["--lang", "zh"]).contains(zh));
}

#[test]
fn usage_errors_follow_the_language_too() {
    let out = zhizao()
        .args(["--lang", "zh", "asess", "f.yaml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("未知命令 `asess`") && err.contains("`assess`"),
        "{err}"
    );
    let out = zhizao()
        .env("LANG", "zh_CN.UTF-8")
        .args(["assess", "f.yaml", "--format", "xml"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("取值 `xml` 无效") && err.contains("可选"),
        "{err}"
    );
    let out = zhizao().args(["--lang=en", "asess"]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("unrecognized subcommand 'asess'"), "{err}");
    assert!(err.contains("'assess'"), "{err}");
}

#[test]
fn lang_is_found_among_raw_arguments() {
    use args::lang_from_args;
    let a = |v: &[&str]| -> Vec<std::ffi::OsString> { v.iter().map(|s| s.into()).collect() };
    assert_eq!(
        lang_from_args(&a(&["zhizao", "--lang", "en", "x"])),
        Some(Lang::En)
    );
    assert_eq!(
        lang_from_args(&a(&["zhizao", "x", "--lang=zh"])),
        Some(Lang::Zh)
    );
    assert_eq!(lang_from_args(&a(&["zhizao", "--lang", "fr"])), None);
    assert_eq!(lang_from_args(&a(&["zhizao", "--", "--lang", "en"])), None);
    assert_eq!(lang_from_args(&a(&["zhizao"])), None);
}

#[test]
fn write_errors_are_in_the_chosen_language() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder").join("out.json");
    for (lang, want) in [("zh", "错误: 无法写入"), ("en", "error: cannot write")] {
        let out = zhizao()
            .args(["schema", "policy", "--lang", lang, "-o"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with(want), "{err}");
    }
}

// ─── errors that read like advice ───────────────────────────────────────────

/// Run `validate` on `text` saved as `factory.yaml` in a temporary folder
/// (so the path in the message is stable) and return what the user sees.
fn validate_output(text: &str, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("factory.yaml"), text).unwrap();
    let out = zhizao()
        .current_dir(dir.path())
        .args(["validate", "factory.yaml", "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the file is invalid");
    format!(
        "{}{}",
        String::from_utf8(out.stderr).unwrap(),
        String::from_utf8(out.stdout).unwrap()
    )
}

const UNKNOWN_FIELD: &str = "\
schema_version: 1
enterprise:
  name: 泉州市鲤城区示例鞋业有限公司
  sector: textile_footwear_apparel
  data_year: 2017
  employes: 320
";

const PERCENT_STRING: &str = "\
schema_version: 1
enterprise:
  name: 泉州市鲤城区示例鞋业有限公司
  sector: textile_footwear_apparel
  data_year: 2017
quality:
  national_spot_check_pass_pct: 85%
";

const INCONSISTENT: &str = "\
schema_version: 1
enterprise:
  name: 泉州市鲤城区示例鞋业有限公司
  sector: textile_footwear_apparel
  data_year: 2017
equipment:
  key_equipment_total: 40
  key_equipment_cnc: 46
";

#[test]
fn did_you_mean_for_a_misspelt_field() {
    let en = validate_output(UNKNOWN_FIELD, "en");
    assert!(
        en.contains("factory.yaml:6:3: error[field.unknown]"),
        "{en}"
    );
    assert!(en.contains("did you mean `employees`?"), "{en}");
    let zh = validate_output(UNKNOWN_FIELD, "zh");
    assert!(zh.contains("是不是想写 `employees`?"), "{zh}");
}

#[test]
fn error_rendering_snapshots_in_zh_and_en() {
    for (name, text) in [
        ("unknown_field", UNKNOWN_FIELD),
        ("percent_string", PERCENT_STRING),
        ("consistency", INCONSISTENT),
    ] {
        for lang in ["zh", "en"] {
            insta::assert_snapshot!(format!("error_{name}_{lang}"), validate_output(text, lang));
        }
    }
}

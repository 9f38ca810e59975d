//! The import graph has no arrow back up (issue 15): each folder of the
//! library may use the folders below it, never those above. The layers, from
//! the bottom: support modules (diag, lang, money, output, textsafe) →
//! model/ (the input) → engine/ → plan/ → what users see (report/, screen/,
//! workbook/, schema, sample). Stage modules are re-exported at the crate
//! root, so a use is recognised by the module's name after `crate::`.

use std::path::{Path, PathBuf};

const MODEL: &[&str] = &[
    "fieldnames",
    "input",
    "questionnaire",
    "validate",
    "yaml",
    "model",
];
const ENGINE: &[&str] = &[
    "assess",
    "cases",
    "criteria",
    "facts",
    "indicators",
    "maturity",
    "policy",
    "reference",
    "targets",
    "yardsticks",
    "engine",
];
const PLAN: &[&str] = &["compare", "diff", "roadmap", "whatif", "plan"];
const OUTPUTS: &[&str] = &["report", "screen", "serve", "workbook", "schema", "sample"];

/// Known exception, said in docs/architecture.md: reading a questionnaire
/// accepts an Excel file too, through the workbook reader.
const EXCEPTIONS: &[(&str, &str)] = &[("src/model/input.rs", "workbook")];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The modules a file names as `crate::NAME`, outside comments.
fn uses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

fn check(folder: &str, forbidden: &[&[&str]]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut list = Vec::new();
    files(&root.join("src").join(folder), &mut list);
    assert!(!list.is_empty(), "no files under src/{folder}");
    let mut bad = Vec::new();
    for f in list {
        let rel = f.strip_prefix(root).unwrap_or(&f).display().to_string();
        let text = std::fs::read_to_string(&f).expect("readable");
        for name in uses(&text) {
            let up = forbidden.iter().any(|layer| layer.contains(&name.as_str()));
            let excused = EXCEPTIONS
                .iter()
                .any(|(file, m)| *file == rel && *m == name);
            if up && !excused {
                bad.push(format!("{rel} uses crate::{name}"));
            }
        }
    }
    bad
}

#[test]
fn the_model_uses_nothing_above_it() {
    let bad = check("model", &[ENGINE, PLAN, OUTPUTS]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_engine_uses_neither_planning_nor_outputs() {
    let bad = check("engine", &[PLAN, OUTPUTS]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn planning_uses_no_output() {
    let bad = check("plan", &[OUTPUTS]);
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn support_modules_use_no_stage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let stages: Vec<&str> = [MODEL, ENGINE, PLAN, OUTPUTS].concat();
    for m in ["diag", "lang", "money", "output", "textsafe"] {
        let text = std::fs::read_to_string(root.join(format!("{m}.rs"))).expect("readable");
        let up: Vec<String> = uses(&text)
            .into_iter()
            .filter(|n| stages.contains(&n.as_str()))
            .collect();
        assert!(up.is_empty(), "src/{m}.rs uses {up:?}");
    }
}

#[test]
fn the_checker_finds_an_arrow_up() {
    assert_eq!(
        uses("use crate::report::json; // crate::screen"),
        ["report"]
    );
    assert_eq!(
        uses("let x = crate::policy::eval::evaluate(p, f);"),
        ["policy"]
    );
}

//! The real-browser test of `zhizao serve` (tests/browser/form.test.mjs):
//! Debian's headless Chromium driven by playwright-core fills the form for
//! a shipped example, submits it and checks the report. `.ci/run` installs
//! Chromium and playwright-core and sets ZHIZAO_REQUIRE_BROWSER=1; on a
//! machine without them this test prints a notice and passes.

use std::path::Path;
use std::process::Command;

fn missing() -> Vec<&'static str> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut out = Vec::new();
    if !Path::new(&chromium).exists() {
        out.push("chromium (apt-get install chromium)");
    }
    if !node {
        out.push("node");
    }
    if !dir.join("node_modules/playwright-core").exists() {
        out.push("playwright-core (npm ci --prefix tests/browser)");
    }
    out
}

#[test]
fn the_form_works_in_a_real_browser() {
    let missing = missing();
    if !missing.is_empty() {
        let required = std::env::var("ZHIZAO_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "ZHIZAO_REQUIRE_BROWSER=1 but missing: {missing:?}"
        );
        eprintln!(
            "NOTICE: browser test skipped; missing: {}",
            missing.join(", ")
        );
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let out = Command::new("node")
        .arg("form.test.mjs")
        .current_dir(&dir)
        .env("ZHIZAO_BIN", env!("CARGO_BIN_EXE_zhizao"))
        .output()
        .expect("run node");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "browser test failed:\n{log}");
    assert!(log.contains("browser test: ok"), "{log}");
}

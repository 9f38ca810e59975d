//! `assess --set path=value` overrides: arbitrary `--set` arguments (one
//! per line of the input) applied with `zhizao::whatif::apply` to a fixed,
//! valid questionnaire, then assessed when the result loads. Must never
//! panic, hang or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zhizao::assess::{Engine, InputInfo};
use zhizao::input::Loaded;

const BASE: &str = include_str!("../../questionnaires/examples/autoparts-digital-workshop.yaml");

static STATE: OnceLock<(Engine, Loaded)> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    if data.len() > 64 * 1024 {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (engine, base) = STATE.get_or_init(|| {
        let base = match zhizao::input::from_bytes(BASE.as_bytes(), "base.yaml") {
            Ok(l) => l,
            Err(e) => panic!("base questionnaire does not load: {e:?}"),
        };
        (Engine::default(), base)
    });
    let sets: Vec<String> = text.lines().map(str::to_string).collect();
    if let Ok((l, _overrides)) = zhizao::whatif::apply(base, "base.yaml", &sets) {
        let a = engine.assess(
            &l.questionnaire,
            InputInfo {
                file: "base.yaml".into(),
                sha256: l.sha256.clone(),
            },
            l.warnings.clone(),
        );
        let _ = zhizao::report::json(&a);
    }
});

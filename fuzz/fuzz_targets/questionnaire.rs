//! Arbitrary bytes → questionnaire loader (decode, guard, parse, validate)
//! → full assessment and JSON report on success. Must never panic, hang or
//! run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use zhizao::assess::{Engine, InputInfo};

static ENGINE: OnceLock<Engine> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    // The CLI refuses anything above the cap before parsing; so does this.
    if data.len() as u64 > zhizao::yaml::MAX_QUESTIONNAIRE_BYTES {
        return;
    }
    let engine = ENGINE.get_or_init(Engine::default);
    if let Ok(l) = zhizao::input::from_bytes(data, "fuzz.yaml") {
        let a = engine.assess(
            &l.questionnaire,
            InputInfo {
                file: "fuzz.yaml".into(),
                sha256: l.sha256.clone(),
            },
            l.warnings.clone(),
        );
        let _ = zhizao::report::json(&a);
    }
});

//! Arbitrary bytes → policy pack loader (decode, guard, parse, load-time
//! checks). Must never panic, hang or run out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if data.len() as u64 > zhizao::yaml::MAX_PACK_BYTES {
        return;
    }
    if let Ok(text) = zhizao::yaml::decode(data, "fuzz-pack.yaml") {
        let _ = zhizao::policy::load_pack(&text, "fuzz-pack.yaml");
    }
});

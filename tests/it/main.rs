//! zhizao's integration tests as one test binary (`cargo test --test it`):
//! each former `tests/NAME.rs` is the module `NAME` here, so one file's tests
//! are `cargo test --test it NAME::` (a substring filter: `cli::` also runs
//! `readings_cli::`). One binary links zhizao and its dependencies once
//! instead of once per file (issue 18, docs/performance.md). Snapshots are
//! in `snapshots/` as `it__NAME__*.snap`; proptest's saved failures in
//! `../proptest-regressions/NAME.txt` (where proptest looks for a crate
//! whose root is a main.rs). Apart, in their own binaries: the
//! policy cases (tests/policy_cases.rs, their own harness) and the unit
//! tests in src/.

// The command line's grammar lives in the binary, not the library: its
// tree is read from the same source file, for `ux` and `help_zh`.
#[allow(dead_code)]
#[path = "../../src/cli/args.rs"]
mod args;
// A hand-built level result, for `report_levels` and `zh_purity`.
mod levels_fixture;

mod architecture;
mod cli;
mod current_examples;
mod current_subsidies;
mod docx;
mod faults;
mod fuzz_regressions;
mod help_zh;
mod hostile;
mod invariants;
mod levels_digital;
mod levels_factory;
mod packs;
mod policy_pack;
mod properties;
mod readings_cli;
mod report_levels;
mod reports;
mod schema;
mod screen;
mod serve;
mod serve_browser;
mod ux;
mod widths;
mod workbook;
mod zh_purity;

//! # zhizao (智造)
//!
//! Smart-manufacturing readiness and subsidy screening for factories under
//! the 2016 Licheng notice implementing "Quanzhou Manufacturing 2025".
//!
//! The pipeline, one module per stage (folders `model/`, `engine/`,
//! `plan/`, `report/`, `screen/`, `workbook/`; see docs/architecture.md):
//! [`input`] (YAML questionnaire → [`questionnaire::Questionnaire`], with
//! [`validate`]) → [`indicators`] → [`maturity`] → [`criteria`] → [`facts`]
//! → [`policy`] (subsidy tracks, exact money, funder split, district cap) →
//! [`report`]. [`assess::Engine`] runs it for one factory; the
//! [`assess::Assessment`] also carries the [`yardsticks`] it was measured
//! against, so a report is a function of the assessment alone.
//!
//! Rules that change with policy live in YAML packs (`criteria/`,
//! `policies/`), embedded in the binary and replaceable at run time.

// Diagnostics are the error path, rare and rich on purpose (file, line,
// column, path, zh/en message, hint); boxing them would buy nothing measurable.
#![allow(clippy::result_large_err)]

// The folders follow the pipeline: model (the input) → engine (indicators,
// criteria, facts, policy) → plan (comparisons, roadmap) → report / screen /
// workbook (what users see). The stage modules are re-exported at the root,
// so `zhizao::policy`, `zhizao::questionnaire` … are the public paths.
mod engine;
mod model;
mod plan;

pub mod diag;
pub mod lang;
pub mod money;
pub mod output;
pub mod report;
pub mod sample;
pub mod schema;
pub mod screen;
pub mod serve;
pub mod textsafe;
pub mod workbook;

pub use engine::{
    assess, cases, confidence, criteria, facts, indicators, levels, maturity, policy, reference,
    targets, yardsticks,
};
pub use model::{fieldnames, input, questionnaire, validate, yaml};
pub use plan::{compare, diff, roadmap, whatif};

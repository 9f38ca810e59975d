//! # zhizao (智造)
//!
//! Smart-manufacturing readiness and subsidy screening for factories under
//! the 2016 Licheng notice implementing "Quanzhou Manufacturing 2025".
//!
//! The pipeline, one module per stage:
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

pub mod assess;
pub mod cases;
pub mod compare;
pub mod criteria;
pub mod diag;
pub mod diff;
pub mod facts;
pub mod fieldnames;
pub mod indicators;
pub mod input;
pub mod lang;
pub mod maturity;
pub mod money;
pub mod output;
pub mod policy;
pub mod questionnaire;
pub mod reference;
pub mod report;
pub mod roadmap;
pub mod sample;
pub mod schema;
pub mod screen;
pub mod textsafe;
pub mod validate;
pub mod whatif;
pub mod workbook;
pub mod yaml;
pub mod yardsticks;

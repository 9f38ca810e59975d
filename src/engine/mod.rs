//! 测算引擎 / The engine: from a questionnaire to an assessment. Indicators,
//! the maturity estimate and the criteria, then the facts a policy pack
//! reads and the policy evaluation itself; [`assess::Engine`] owns every pack
//! (criteria, policies, targets, references) and runs the stages in order.
//! Rules are data in the packs; this folder holds the mechanisms.

pub mod assess;
pub mod cases;
pub mod confidence;
pub mod criteria;
pub mod facts;
pub mod indicators;
pub mod levels;
pub mod maturity;
pub mod policy;
pub mod reference;
pub mod targets;
pub mod yardsticks;

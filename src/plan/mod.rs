//! 规划 / Planning on top of assessments: what changed between two
//! ([`diff`], rendered by [`compare`]), what-if overrides ([`whatif`]) and
//! the upgrade roadmap ([`roadmap`]). Everything here reads assessments; the
//! engine never reads this folder.

pub mod compare;
pub mod diff;
pub mod roadmap;
pub mod whatif;

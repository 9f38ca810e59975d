//! 输入 / The input side: the questionnaire as typed data (问卷), how it is
//! read (YAML with its guards, Excel rows elsewhere), its semantic checks and
//! its published schema. Nothing here knows any policy.

pub mod fieldnames;
pub mod input;
pub mod questionnaire;
pub mod validate;
pub mod yaml;

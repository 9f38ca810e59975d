//! Reading a questionnaire (读取问卷): bytes → text → typed struct → semantic checks.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::questionnaire::Questionnaire;
use crate::yaml;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A questionnaire that parsed and passed validation (warnings may remain).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The questionnaire.
    pub questionnaire: Questionnaire,
    /// Plausibility warnings.
    pub warnings: Vec<Diagnostic>,
    /// The source text, for quoting lines in messages.
    pub source: String,
    /// SHA-256 of the input bytes, hex, so a report can be traced to its input.
    pub sha256: String,
}

/// Parse and validate questionnaire bytes. `Err` holds every error found
/// (and the warnings), sorted by line; nothing is silently dropped.
pub fn from_bytes(bytes: &[u8], file: &str) -> Result<Loaded, (Vec<Diagnostic>, Option<String>)> {
    load(bytes, file, true)
}

/// As [`from_bytes`]; `hash: false` leaves `sha256` empty (batch screening
/// does not report it, and hashing every file would cost a few percent).
pub fn load(
    bytes: &[u8],
    file: &str,
    hash: bool,
) -> Result<Loaded, (Vec<Diagnostic>, Option<String>)> {
    let sha256 = if hash {
        hex(&Sha256::digest(bytes))
    } else {
        String::new()
    };
    if crate::workbook::read::is_workbook(Path::new(file)) {
        // A filled-in 申报表 of one enterprise (`assess`, `validate`).
        let entries =
            crate::workbook::read::read_bytes(bytes.to_vec(), file).map_err(|d| (vec![d], None))?;
        let mut l = crate::workbook::read::single(entries, file).map_err(|d| (d, None))?;
        l.sha256 = sha256;
        return Ok(l);
    }
    let source = yaml::decode(bytes, file).map_err(|d| (vec![d], None))?;
    if only_comments(&source) {
        let message = if source.trim().is_empty() {
            crate::lang::Text::new("文件是空的", "the file is empty")
        } else {
            crate::lang::Text::new(
                "文件只有注释, 没有内容",
                "the file has only comments, no content",
            )
        };
        let d = Diagnostic::error(Code::InputEmpty, file, message).hint(crate::lang::Text::new(
            "用 zhizao init 生成一份问卷模板再填写",
            "start from the template that `zhizao init` writes",
        ));
        return Err((vec![d], Some(source)));
    }
    let q: Questionnaire = match yaml::from_str_all(&source, file, Some(blank_template())) {
        Ok(q) => q,
        Err((mut diags, rest)) => {
            // The semantic checks of what could be read, so one pass finds both kinds.
            if let Some(q) = rest {
                let more = crate::validate::validate(&q, file, Some(&source));
                diags.extend(more);
                diags.truncate(crate::validate::MAX_DIAGNOSTICS);
                diags.sort_by_key(|d| (d.severity, d.line, d.column));
            }
            return Err((diags, Some(source)));
        }
    };
    let diags = crate::validate::validate(&q, file, Some(&source));
    if diags.iter().any(Diagnostic::is_error) {
        return Err((diags, Some(source)));
    }
    Ok(Loaded {
        questionnaire: q,
        warnings: diags,
        source,
        sha256,
    })
}

/// A line with no content: blank, or a comment (`#`) after blanks.
fn is_blank_line(l: &str) -> bool {
    l.trim().is_empty() || l.trim_start().starts_with('#')
}

/// Whether every line of the text is blank or a comment ([`is_blank_line`]).
///
/// Judged on bytes: a filled-in template starts with some seventy comment
/// lines, and walking each by `char` cost about 25 k instructions a file in
/// a batch (docs/performance.md). A line whose first byte after ASCII blanks
/// is not ASCII (a full-width space 　 is a blank too) goes to the `char` rule.
fn only_comments(source: &str) -> bool {
    let bytes = source.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n);
        let line = &bytes[start..end];
        // The ASCII characters `char::is_whitespace` takes, '\n' aside.
        let first = line
            .iter()
            .find(|b| !matches!(b, b' ' | b'\t' | b'\r' | 0x0b | 0x0c));
        let blank = match first {
            None | Some(b'#') => true,
            Some(b) if b.is_ascii() => false,
            // Both ends sit at '\n' or the text's ends: char boundaries.
            Some(_) => is_blank_line(&source[start..end]),
        };
        if !blank {
            return false;
        }
        start = end + 1;
    }
    true
}

/// The blank questionnaire of `zhizao init` as a YAML tree: stand-ins for
/// required fields while every structural error of a file is collected
/// (see [`yaml::from_str_all`]).
fn blank_template() -> &'static serde_yaml::Value {
    static BLANK: std::sync::OnceLock<serde_yaml::Value> = std::sync::OnceLock::new();
    BLANK.get_or_init(|| {
        serde_yaml::from_str(include_str!("../templates/questionnaire.en.yaml"))
            .unwrap_or(serde_yaml::Value::Null)
    })
}

/// Read a questionnaire file (`-` is stdin) with the size cap.
pub fn read(path: &str) -> Result<Vec<u8>, Diagnostic> {
    if path == "-" {
        yaml::read_reader_capped(std::io::stdin().lock(), "-", yaml::MAX_QUESTIONNAIRE_BYTES)
    } else {
        yaml::read_capped(Path::new(path), path, yaml::MAX_QUESTIONNAIRE_BYTES)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collects_every_semantic_error_in_one_pass() {
        let text = "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n  employees: 10\n  production_workers: 20\nequipment:\n  key_equipment_total: 5\n  key_equipment_cnc: 6\n";
        let (errs, _) = from_bytes(text.as_bytes(), "f.yaml").unwrap_err();
        let paths: Vec<_> = errs.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(
            paths,
            vec![
                "enterprise.production_workers",
                "equipment.key_equipment_cnc"
            ]
        );
        assert_eq!(errs[0].line, Some(7));
        assert_eq!(errs[1].line, Some(10));
    }

    #[test]
    fn comments_only_is_empty() {
        let (e, _) = from_bytes("# 问卷\n\n  # nothing\n".as_bytes(), "f").unwrap_err();
        assert_eq!(e[0].code, Code::InputEmpty);
        assert!(e[0].message.en.contains("only comments"));
    }

    proptest::proptest! {
        /// The byte scan answers as `lines().all(is_blank_line)` on texts
        /// of blanks (ASCII, full-width, NEL, the line separator), comments,
        /// content and line breaks of every kind.
        #[test]
        fn only_comments_answers_as_the_line_rule(
            chars in proptest::collection::vec(
                proptest::sample::select(vec![
                    ' ', '\t', '\r', '\n', '\u{0b}', '\u{0c}', '#', 'a', ':', '\u{3000}',
                    '\u{85}', '\u{2028}', '\u{a0}', '问', '\u{feff}',
                ]),
                0..24,
            )
        ) {
            let text: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(
                only_comments(&text),
                text.lines().all(is_blank_line),
                "{:?}",
                text
            );
        }
    }

    #[test]
    fn a_template_header_is_only_comments() {
        let header = "# 问卷\r\n\u{3000}# 说明\n\t\n\u{3000}\n  # end";
        assert!(only_comments(header));
        assert!(!only_comments(&format!("{header}\nschema_version: 2\n")));
        assert!(!only_comments("\u{3000}问: 1"));
    }

    #[test]
    fn sha256_is_of_the_bytes() {
        let text =
            "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n";
        let l = from_bytes(text.as_bytes(), "f").unwrap();
        assert_eq!(l.sha256.len(), 64);
    }
}

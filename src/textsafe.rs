//! Text from a questionnaire shown back to a person (回显): made safe for a
//! terminal and short enough to read.
//!
//! Anything a user typed (a name, a file name, a value echoed in an error)
//! may carry control characters: ESC sequences can clear the screen, set the
//! window title or draw a fake "all checks passed". Validation rejects them
//! in text fields; these helpers are the second line for every terminal
//! output, whatever the input path was.

use std::borrow::Cow;

/// How many characters of an echoed value a message or a table cell shows
/// before it is cut (see [`clip`]).
pub const ECHO_CHARS: usize = 80;

/// Whether `c` must not reach a terminal raw: C0 controls (tab and newline
/// excepted), DEL, C1 controls, and the bidirectional overrides that can
/// reorder what a reader sees.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s` shows nothing: empty, white space, or only invisible
/// format characters (zero-width space, joiners, word joiner, BOM), so a
/// name made of them counts as missing.
pub fn looks_blank(s: &str) -> bool {
    s.chars().all(|c| {
        c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
    })
}

/// `s` with every unsafe character written as a visible escape (`\u{1b}`),
/// borrowed unchanged when there is none.
pub fn terminal_safe(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, with "…(N more)" saying how many
/// were left out, so a 1 MB value cannot make a 1 MB message line.
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => {
            let rest = s[cut..].chars().count();
            Cow::Owned(format!("{}…({rest} more)", &s[..cut]))
        }
    }
}

/// [`terminal_safe`] after [`clip`] at [`ECHO_CHARS`]: the form for echoing
/// user text in a terminal message or table.
pub fn echo(s: &str) -> String {
    terminal_safe(&clip(s, ECHO_CHARS)).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_control_and_bidi_but_keeps_text_tab_and_newline() {
        assert_eq!(terminal_safe("泉州\tA\n"), "泉州\tA\n");
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(terminal_safe("x\u{9b}y"), "x\\u{9b}y");
        assert_eq!(terminal_safe("\u{202E}abc"), "\\u{202e}abc");
        assert!(matches!(terminal_safe("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn clip_counts_characters_not_bytes() {
        assert_eq!(clip("泉州鲤城", 2), "泉州…(2 more)");
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(
            echo(&"x".repeat(100)),
            format!("{}…(20 more)", "x".repeat(80))
        );
    }
}

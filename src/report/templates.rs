//! The Markdown and HTML templates (模板) of the reports and the escaping
//! they rely on.

use minijinja::{Environment, UndefinedBehavior};

/// Escape text for Markdown: every ASCII punctuation character that could
/// start markup gets a backslash (CommonMark), line breaks become spaces, so
/// a questionnaire string cannot open a table cell, a link or raw HTML.
pub fn md_escape(s: &str) -> String {
    // Escape a character only where it could start markup, so "[R]" and
    // "35% < 50%" read as written: `\` `` ` `` `*` `_` `|` always; `[`/`]`
    // when the text could form a link; `<` before a tag or autolink; `&`
    // before an entity; `#`, `>` at the start; `!` before `[`; `~~`.
    let chars: Vec<char> = s.chars().collect();
    let link_like = s.contains("](") || s.contains("][") || s.contains("]:");
    let mut o = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '_' | '|' => true,
            '[' | ']' => link_like,
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')),
            '&' => next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#'),
            '#' | '>' => i == 0,
            '!' => next == Some('['),
            '~' => next == Some('~') || (i > 0 && chars[i - 1] == '~'),
            _ => false,
        };
        match c {
            '\n' | '\r' => o.push(' '),
            c => {
                if escape {
                    o.push('\\');
                }
                o.push(c);
            }
        }
    }
    o
}

pub(super) fn env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.add_filter("md", |s: String| md_escape(&s));
    for (name, src) in [
        ("style.css", include_str!("templates/style.css")),
        ("levels.css", include_str!("templates/levels.css")),
        ("report.html", include_str!("templates/report.html")),
        ("report.md", include_str!("templates/report.md")),
        ("compare.html", include_str!("templates/compare.html")),
        ("compare.md", include_str!("templates/compare.md")),
    ] {
        // The templates are part of the binary and tested; a syntax error is a bug.
        if let Err(e) = env.add_template(name, src) {
            panic!("template {name} is invalid: {e:#}");
        }
    }
    env
}

pub(super) fn render(name: &str, ctx: minijinja::Value) -> anyhow::Result<String> {
    let env = env();
    let tpl = env.get_template(name)?;
    let mut out = tpl.render(ctx)?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escaping() {
        assert_eq!(md_escape("a|b <i>*x*</i>\nc"), "a\\|b \\<i>\\*x\\*\\</i> c");
        // Plain brackets and comparisons stay as written; links do not form.
        assert_eq!(
            md_escape("数控化率 [R] 35% < 50%"),
            "数控化率 [R] 35% < 50%"
        );
        assert_eq!(md_escape("[x](http://e)"), "\\[x\\](http://e)");
        assert_eq!(md_escape("# h"), "\\# h");
    }
}

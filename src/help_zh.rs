//! `--help` in Chinese (中文帮助): clap writes its help in English; under
//! `--lang zh` (or a Chinese locale) the parts clap itself writes — section
//! headings, the help and version flags, defaults and possible values — are
//! given in Chinese. The descriptions of commands and flags keep the
//! bilingual text they are written with (e.g. "Assess one questionnaire
//! (评估)").

/// Clap's own words and their Chinese, longest first so that a phrase is
/// replaced before a word inside it.
const CLAP_WORDS: &[(&str, &str)] = &[
    (
        "Print help (see a summary with '-h')",
        "显示帮助（-h 显示摘要）",
    ),
    (
        "Print help (see more with '--help')",
        "显示帮助（--help 显示详细说明）",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助或指定命令的帮助",
    ),
    ("Print version", "显示版本"),
    ("Print help", "显示帮助"),
    ("[possible values: ", "[可选值: "),
    ("[default: ", "[默认: "),
    ("Possible values:", "可选值:"),
    ("Usage:", "用法:"),
    ("Commands:", "命令:"),
    ("Options:", "选项:"),
    ("Arguments:", "参数:"),
];

/// The help text `text` (as clap rendered it) with clap's own words in
/// Chinese.
pub fn localize(text: &str) -> String {
    let mut out = text.to_string();
    for (en, zh) in CLAP_WORDS {
        out = out.replace(en, zh);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_headings_and_flags_are_chinese() {
        let s = localize("Usage: zhizao [OPTIONS] <COMMAND>\n\nOptions:\n  -h, --help  Print help (see more with '--help')\n  --lang <LANG>  [possible values: zh, en]\n");
        assert!(s.contains("用法: zhizao"), "{s}");
        assert!(s.contains("选项:"));
        assert!(s.contains("显示帮助（--help 显示详细说明）"));
        assert!(s.contains("[可选值: zh, en]"));
        assert!(!s.contains("Print help"));
    }
}

//! `--help` in Chinese (中文帮助). The English help is written in the doc
//! comments of [`super::args`]; under `--lang zh` (or a Chinese locale) the
//! command tree is given the Chinese texts of [`CATALOGUE`] before parsing
//! ([`apply`]), so `-h`, `--help`, `help COMMAND` and `zhizao man` show
//! Chinese descriptions of every command, argument and possible value. The
//! words clap writes itself (headings, the help and version flags, defaults)
//! are translated on the rendered text ([`localize`], [`localize_man`]).
//!
//! A test walks the whole clap tree and fails when a command, argument or
//! possible value has no Chinese text ([`missing`]), so a new flag cannot be
//! added without its translation.

use super::args::{version, Cli, FileFormat, Format, LangArg, ReportFormatArg, SchemaArg};
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser, ValueParser};
use clap::{Arg, Command, CommandFactory, FromArgMatches, ValueEnum};
use zhizao::lang::Lang;

mod catalogue;
pub use catalogue::CATALOGUE;

/// The Chinese texts of one command, found by its path below `zhizao`
/// (`""` for zhizao itself, `"policy show"`).
pub struct CmdZh {
    /// Command path, names separated by one space.
    pub path: &'static str,
    /// One-line description (`-h`, command lists).
    pub about: &'static str,
    /// Full description (`--help`, man page).
    pub long: &'static str,
    /// Examples after the options.
    pub after: &'static str,
    /// The command's arguments.
    pub args: &'static [ArgZh],
}

/// The Chinese texts of one argument, found by its clap id.
pub struct ArgZh {
    /// clap id (the field name of the derive struct).
    pub id: &'static str,
    /// One-line description (`-h`).
    pub help: &'static str,
    /// Full description (`--help`).
    pub long: &'static str,
    /// Chinese description of each possible value: (value, text).
    pub values: &'static [(&'static str, &'static str)],
}

/// Parse the process arguments; in Chinese the help pages come from the
/// Chinese command tree.
pub fn try_parse(lang: Lang) -> Result<Cli, clap::Error> {
    let mut m = command(lang).try_get_matches()?;
    Cli::from_arg_matches_mut(&mut m)
}

/// The clap command tree in `lang`: the derive's English, or its Chinese.
pub fn command(lang: Lang) -> Command {
    match lang {
        Lang::En => Cli::command().version(version(lang)),
        // clap wraps only at spaces, which Chinese prose lacks: it lays out
        // unwrapped here, and `localize` wraps the rendered page.
        Lang::Zh => apply(Cli::command()).version(version(lang)).term_width(0),
    }
}

/// `cmd` (the unbuilt tree of [`Cli`]) with every Chinese text of
/// [`CATALOGUE`] applied.
pub fn apply(cmd: Command) -> Command {
    apply_at(cmd, "")
}

fn apply_at(mut cmd: Command, path: &str) -> Command {
    if let Some(c) = find(path) {
        cmd = cmd.about(c.about).long_about(c.long).after_help(c.after);
        for a in c.args {
            if cmd.get_arguments().any(|x| x.get_id() == a.id) {
                cmd = cmd.mut_arg(a.id, |arg| localize_arg(arg, a));
            }
        }
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = join(path, &name);
        cmd = cmd.mut_subcommand(&name, |s| apply_at(s, &sub_path));
    }
    cmd
}

fn find(path: &str) -> Option<&'static CmdZh> {
    CATALOGUE.iter().find(|c| c.path == path)
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// The Chinese placeholder of each argument's value (`--format <格式>`), by
/// clap id; the same id names the same kind of value in every command.
const VALUE_NAMES: &[(&str, &str)] = &[
    ("addr", "地址"),
    ("after", "问卷"),
    ("before", "问卷"),
    ("command", "命令"),
    ("count", "数量"),
    ("criteria", "文件"),
    ("date", "日期"),
    ("file", "文件"),
    ("files", "文件"),
    ("format", "格式"),
    ("id", "编号"),
    ("inputs", "输入"),
    ("invalid_share", "比例"),
    ("jobs", "线程数"),
    ("levels", "文件"),
    ("lang", "语言"),
    ("out", "文件夹"),
    ("output", "输出"),
    ("paths", "路径"),
    ("policy", "政策包"),
    ("previous", "文件"),
    ("references", "文件"),
    ("profile", "文件"),
    ("reading", "解读编号=选项"),
    ("reports", "文件夹"),
    ("sector", "产业"),
    ("seed", "种子"),
    ("set", "路径=值"),
    ("shell", "SHELL"),
    ("targets", "文件"),
    ("top", "数量"),
    ("which", "模式"),
];

fn value_name(id: &str) -> Option<&'static str> {
    VALUE_NAMES.iter().find(|(i, _)| *i == id).map(|(_, v)| *v)
}

fn localize_arg(arg: Arg, zh: &'static ArgZh) -> Arg {
    let mut arg = arg.help(zh.help).long_help(zh.long);
    if let Some(v) = value_name(zh.id).filter(|_| arg.get_action().takes_values()) {
        arg = arg.value_name(v);
    }
    if zh.values.is_empty() {
        arg
    } else {
        localize_values(arg, zh.values)
    }
}

/// The argument with the Chinese description of each possible value. clap
/// keeps those in the value parser, so the parser is replaced by one that
/// yields the same type (the derive reads the value back by its type).
fn localize_values(arg: Arg, zh: &'static [(&'static str, &'static str)]) -> Arg {
    let ty = arg.get_value_parser().type_id();
    let same = |p: ValueParser| p.type_id() == ty;
    // The derive's parser of an enum: `EnumValueParser`, type-erased.
    if same(clap::value_parser!(Format).into()) {
        arg.value_parser(enum_parser::<Format>(zh))
    } else if same(clap::value_parser!(FileFormat).into()) {
        arg.value_parser(enum_parser::<FileFormat>(zh))
    } else if same(clap::value_parser!(LangArg).into()) {
        arg.value_parser(enum_parser::<LangArg>(zh))
    } else if same(clap::value_parser!(SchemaArg).into()) {
        arg.value_parser(enum_parser::<SchemaArg>(zh))
    } else if same(clap::value_parser!(ReportFormatArg).into()) {
        arg.value_parser(enum_parser::<ReportFormatArg>(zh))
    } else if same(clap::value_parser!(String)) {
        let values = with_zh(arg.get_possible_values(), zh);
        arg.value_parser(PossibleValuesParser::new(values))
    } else {
        // A new value type: `missing` reports its values as untranslated.
        arg
    }
}

/// A parser of the enum `E` whose possible values carry Chinese help.
fn enum_parser<E>(zh: &'static [(&'static str, &'static str)]) -> impl TypedValueParser<Value = E>
where
    E: ValueEnum + Clone + Send + Sync + 'static,
{
    let values = E::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value);
    // `PossibleValuesParser` only passes one of these names, so `from_str`
    // fails only if the enum and its values disagree, which clap reports.
    PossibleValuesParser::new(with_zh(values, zh)).try_map(|s| E::from_str(&s, false))
}

fn with_zh(
    values: impl IntoIterator<Item = PossibleValue>,
    zh: &[(&str, &'static str)],
) -> Vec<PossibleValue> {
    values
        .into_iter()
        .map(
            |v| match zh.iter().find(|(name, _)| *name == v.get_name()) {
                Some((_, text)) => v.help(*text),
                None => v,
            },
        )
        .collect()
}

/// What of the (English) tree `cmd` has no Chinese text in [`CATALOGUE`]:
/// one line per command, argument or possible value (hidden arguments and
/// the help and version flags, which clap writes, are exempt).
#[cfg(test)]
pub fn missing(cmd: &Command) -> Vec<String> {
    let mut out = Vec::new();
    missing_at(cmd, "", &mut out);
    out
}

#[cfg(test)]
fn missing_at(cmd: &Command, path: &str, out: &mut Vec<String>) {
    let zh = find(path);
    if zh.is_none() {
        out.push(format!("command `zhizao {path}`"));
    }
    for arg in cmd.get_arguments() {
        let id = arg.get_id().as_str();
        if arg.is_hide_set() || id == "help" || id == "version" {
            continue;
        }
        // A global argument is described once, on zhizao itself.
        if arg.is_global_set() && !path.is_empty() {
            continue;
        }
        if arg.get_action().takes_values() && value_name(id).is_none() {
            out.push(format!("placeholder of `{id}` of `zhizao {path}`"));
        }
        let a = zh.and_then(|c| c.args.iter().find(|a| a.id == id));
        let Some(a) = a else {
            out.push(format!("argument `{id}` of `zhizao {path}`"));
            continue;
        };
        for v in arg.get_possible_values() {
            let has_help = v.get_help().is_some();
            let has_zh = a.values.iter().any(|(n, _)| *n == v.get_name());
            if has_help && !has_zh {
                out.push(format!("value `{}` of `{id}`", v.get_name()));
            }
        }
    }
    for sub in cmd.get_subcommands() {
        if sub.get_name() != "help" {
            missing_at(sub, &join(path, sub.get_name()), out);
        }
    }
}

/// Clap's own words and their Chinese, longest first so that a phrase is
/// replaced before a word inside it.
const CLAP_WORDS: &[(&str, &str)] = &[
    (
        "Print help (see a summary with '-h')",
        "显示帮助（-h 只显示摘要）",
    ),
    (
        "Print help (see more with '--help')",
        "显示帮助（--help 显示详细说明）",
    ),
    (
        "Print this message or the help of the given subcommand(s)",
        "显示本帮助或指定命令的帮助",
    ),
    ("Print help for the subcommand(s)", "显示指定命令的帮助"),
    ("Print version", "显示版本"),
    ("Print help", "显示帮助"),
    ("[possible values: ", "[可选值："),
    ("[default: ", "[默认："),
    ("Possible values:", "可选值："),
    ("Usage: ", "用法："),
    ("Usage:", "用法："),
    ("Commands:", "命令："),
    ("Options:", "选项："),
    ("Arguments:", "参数："),
    ("[OPTIONS]", "[选项]"),
    ("<COMMAND>", "<命令>"),
    ("[COMMAND]", "[命令]"),
];

/// The help text `text` (as clap rendered it) with clap's own words in
/// Chinese, and lines wrapped to the terminal ([`wrap`]).
pub fn localize(text: &str) -> String {
    // clap wraps at most at 100 columns, as does this.
    wrap(&clap_words(text), zhizao::report::fit::width().min(100))
}

fn clap_words(text: &str) -> String {
    let mut out = text.to_string();
    for (en, zh) in CLAP_WORDS {
        out = out.replace(en, zh);
    }
    out
}

/// Every line of `text` wider than `width` broken onto continuation lines.
/// clap breaks lines only at spaces, and Chinese prose has none, so a
/// Chinese paragraph would run far past the terminal's edge. Chinese text
/// may break between any two characters, except before closing and after
/// opening punctuation (避头尾: no line starts with ，。；：）).
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, nl) = match line.strip_suffix('\n') {
            Some(b) => (b, "\n"),
            None => (line, ""),
        };
        out.push_str(&wrap_line(body, width).join("\n"));
        out.push_str(nl);
    }
    out
}

fn char_width(c: char) -> usize {
    let mut buf = [0u8; 4];
    textwrap::core::display_width(c.encode_utf8(&mut buf))
}

/// Where continuation lines of `line` start: under the text of a two-column
/// layout (`  name   description`), else under the line's own text.
fn hanging_indent(line: &str, width: usize) -> usize {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let column = rest.find("  ").map(|gap| {
        let after = rest[gap..].len() - rest[gap..].trim_start_matches(' ').len();
        textwrap::core::display_width(&line[..indent + gap + after])
    });
    match column {
        Some(c) if c <= width / 2 => c,
        _ => indent.min(width / 2),
    }
}

/// Whether a line may break between `a` and `b`.
fn may_break(a: char, b: char) -> bool {
    const NO_START: &str = "，。、；：？！）》」』”’…—,.;:!?)]";
    const NO_END: &str = "（《「『“‘([";
    if a == ' ' || b == ' ' {
        // Spaces at a break are dropped.
        return true;
    }
    let wide = |c: char| char_width(c) == 2;
    (wide(a) || wide(b)) && !NO_START.contains(b) && !NO_END.contains(a)
}

/// Punctuation after which a Chinese line reads best broken.
const PAUSES: &str = "，。；、：）」》";

/// How many columns short a line may end to break at a pause.
const SOFT_SLACK: usize = 10;

fn wrap_line(line: &str, width: usize) -> Vec<String> {
    if textwrap::core::display_width(line) <= width {
        return vec![line.to_string()];
    }
    let hang = " ".repeat(hanging_indent(line, width));
    let mut lines = Vec::new();
    let mut rest: Vec<char> = line.chars().collect();
    let mut prefix = String::new();
    loop {
        let mut used = textwrap::core::display_width(&prefix);
        let (mut cut, mut soft) = (None, None);
        let mut end = rest.len();
        for i in 0..rest.len() {
            if i > 0 && may_break(rest[i - 1], rest[i]) {
                cut = Some(i);
                if rest[i] == ' ' || PAUSES.contains(rest[i - 1]) {
                    soft = Some((i, used));
                }
            }
            used += char_width(rest[i]);
            if used > width {
                end = i;
                break;
            }
        }
        if end == rest.len() {
            lines.push(prefix + &rest.iter().collect::<String>());
            return lines;
        }
        // Prefer a break after a pause (，。；) or at a space to one inside
        // a word (示|例) when it leaves the line short by a few columns only.
        let near = soft
            .filter(|&(_, at)| width - at <= SOFT_SLACK)
            .map(|s| s.0);
        // No break point in reach: break at the edge rather than overflow.
        let at = near.or(cut).filter(|&c| c > 0).unwrap_or(end.max(1));
        let head: String = rest[..at].iter().collect();
        lines.push(prefix + head.trim_end());
        rest.drain(..at);
        while rest.first() == Some(&' ') {
            rest.remove(0);
        }
        prefix = hang.clone();
    }
}

/// The section headings clap_mangen writes and their Chinese (as in the
/// Chinese man pages of Linux distributions).
const MAN_WORDS: &[(&str, &str)] = &[
    (".SH NAME", ".SH 名称"),
    (".SH SYNOPSIS", ".SH 概要"),
    (".SH DESCRIPTION", ".SH 描述"),
    (".SH OPTIONS", ".SH 选项"),
    (".SH SUBCOMMANDS", ".SH 命令"),
    (".SH EXTRA", ".SH 补充说明"),
    (
        "Print help (see a summary with \\*(Aq\\-h\\*(Aq)",
        "显示帮助（\\-h 只显示摘要）",
    ),
    (
        "Print help (see more with \\*(Aq\\-\\-help\\*(Aq)",
        "显示帮助（\\-\\-help 显示详细说明）",
    ),
    (".SH VERSION", ".SH 版本"),
    (".SH AUTHORS", ".SH 作者"),
    ("<\\fIsubcommands\\fR>", "<\\fI命令\\fR>"),
    ("\\fIPossible values:\\fR", "\\fI可选值：\\fR"),
    ("[default: ", "[默认："),
];

/// A man page (roff, from clap_mangen) with its headings and clap's own
/// words in Chinese.
pub fn localize_man(roff: &str) -> String {
    let mut out = roff.to_string();
    for (en, zh) in MAN_WORDS {
        out = out.replace(en, zh);
    }
    // Not wrapped: `man` lays out the page, and a roff line must not be
    // broken where the next one would start with a control character.
    // groff breaks lines only at spaces unless its Chinese macros (groff
    // 1.22.4 and later) mark Chinese characters as breakable.
    format!("{MAN_PREAMBLE}{}", clap_words(&out))
}

/// First lines of a Chinese man page: groff's Chinese line breaking, and
/// lines set flush left (justified lines of Chinese with Latin words in
/// them get wide gaps).
const MAN_PREAMBLE: &str =
    ".\\\" Chinese line breaking (zh.tmac, groff 1.22.4 and later)\n.mso zh.tmac\n.ad l\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_headings_and_flags_are_chinese() {
        let s = localize("Usage: zhizao [OPTIONS] <COMMAND>\n\nOptions:\n  -h, --help  Print help (see more with '--help')\n  --lang <LANG>  [possible values: zh, en]\n");
        assert!(s.contains("用法：zhizao [选项] <命令>"), "{s}");
        assert!(s.contains("选项："));
        assert!(s.contains("显示帮助（--help 显示详细说明）"));
        assert!(s.contains("[可选值：zh, en]"));
        assert!(!s.contains("Print help"));
    }

    #[test]
    fn chinese_lines_break_between_characters_not_before_punctuation() {
        let line =
            "  --lang <LANG>  默认依次看变量，再看系统语言；是中文，或都未指明语言时用中文。";
        let w = wrap(line, 40);
        for l in w.lines() {
            assert!(textwrap::core::display_width(l) <= 40, "{w}");
            let first = l.trim_start().chars().next().unwrap_or(' ');
            assert!(!"，。；".contains(first), "{w}");
        }
        // Continuation lines hang under the description column.
        assert!(
            w.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with(&" ".repeat(17))),
            "{w}"
        );
        assert_eq!(w.replace(['\n', ' '], ""), line.replace(' ', ""));
        // A break after a pause is preferred to one inside a word.
        assert_eq!(
            wrap("一二三四五，六七八九十", 14),
            "一二三四五，\n六七八九十"
        );
        // Lines that fit are left alone; Latin words break at spaces.
        assert_eq!(wrap("short line", 40), "short line");
        assert_eq!(wrap("aaaa bbbb cccc", 9), "aaaa bbbb\ncccc");
    }

    #[test]
    fn every_command_argument_and_value_has_chinese() {
        let gaps = missing(&Cli::command());
        assert!(gaps.is_empty(), "no Chinese help for:\n{}", gaps.join("\n"));
    }

    #[test]
    fn every_catalogue_entry_names_something_that_exists() {
        // A renamed flag must not leave its old translation behind unused.
        let mut cmd = Cli::command();
        cmd.build();
        for c in CATALOGUE {
            let mut at = &cmd;
            for name in c.path.split(' ').filter(|n| !n.is_empty()) {
                at = at
                    .find_subcommand(name)
                    .unwrap_or_else(|| panic!("no command `{}`", c.path));
            }
            for a in c.args {
                let arg = at
                    .get_arguments()
                    .find(|x| x.get_id() == a.id)
                    .unwrap_or_else(|| panic!("no argument `{}` in `{}`", a.id, c.path));
                for (v, _) in a.values {
                    assert!(
                        arg.get_possible_values().iter().any(|p| p.get_name() == *v),
                        "no value `{v}` of `{}` in `{}`",
                        a.id,
                        c.path
                    );
                }
            }
        }
    }

    #[test]
    fn chinese_tree_parses_like_the_english_one() {
        let args = [
            "zhizao", "assess", "f.yaml", "--format", "docx", "--lang", "zh",
        ];
        let m = command(Lang::Zh)
            .try_get_matches_from(args)
            .expect("parses");
        let cli = Cli::from_arg_matches(&m).expect("typed");
        match cli.command {
            crate::cli::args::Command::Assess(a) => assert_eq!(a.format, Some(Format::Docx)),
            other => panic!("{other:?}"),
        }
        let bad =
            command(Lang::Zh).try_get_matches_from(["zhizao", "assess", "f", "--format", "pdf"]);
        assert!(bad.is_err());
        let m = command(Lang::Zh)
            .try_get_matches_from(["zhizao", "init", "--sector", "electronics_it"])
            .expect("parses");
        assert!(Cli::from_arg_matches(&m).is_ok());
    }
}

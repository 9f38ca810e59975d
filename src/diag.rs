//! Diagnostics (诊断信息): what is wrong, where, and how to fix it.
//!
//! Every problem found in an input — a YAML syntax error, a wrong type, a
//! value out of range, an inconsistency between two fields — becomes one
//! [`Diagnostic`] with the file, line, column and field path, in both
//! languages. Validation collects all of them in one pass instead of
//! stopping at the first, so a consultant fixes a questionnaire in one go.

use crate::lang::{Lang, Text};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Longest message, path or hint a rendered diagnostic shows, in
/// characters: a backstop behind the cut of each echoed value
/// ([`crate::textsafe::ECHO_CHARS`]), so no input can make a huge line.
pub const MESSAGE_CHARS: usize = 600;

/// Declares [`Code`] from one table, so that its id, its meaning and
/// [`Code::ALL`] cannot drift apart: a new code is one new row.
macro_rules! codes {
    ($($variant:ident = $id:literal, $zh:literal, $en:literal;)*) => {
        /// What kind of problem a diagnostic is (诊断代码): a closed set,
        /// each with a stable id ([`Code::as_str`]) that the terminal,
        /// `--format json` and the screening results show, and a one-line
        /// meaning in both languages. Each is documented in
        /// `docs/diagnostics.md` (a test keeps the two the same).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Code {
            $(
                #[doc = concat!("`", $id, "`: ", $zh, " / ", $en, ".")]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in the order of `docs/diagnostics.md`.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable id, e.g. `yaml.syntax`: users and scripts match on it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $id,)*
                }
            }

            /// What the code means, in one line.
            pub fn meaning(self) -> Text {
                match self {
                    $(Code::$variant => Text::new($zh, $en),)*
                }
            }
        }
    };
}

codes! {
    Io = "io", "文件或文件夹无法读取", "a file or folder cannot be read";
    InputEmpty = "input.empty", "输入为空", "the input is empty";
    InputTooLarge = "input.too_large", "输入文件超过大小上限", "the input file is over the size limit";
    InputEncoding = "input.encoding", "文件不是 UTF-8 文本", "the file is not UTF-8 text";
    Yaml = "yaml", "无法读取的 YAML 内容", "YAML content that cannot be read";
    YamlSyntax = "yaml.syntax", "YAML 语法错误", "a YAML syntax error";
    YamlTooDeep = "yaml.too_deep", "嵌套或缩进过深", "nesting or indentation too deep";
    YamlAlias = "yaml.alias", "使用了不支持的 YAML 锚点或别名", "a YAML anchor or alias, which is not allowed";
    YamlTag = "yaml.tag", "使用了不支持的 YAML 标签", "a YAML tag, which is not allowed";
    YamlMultiDocument = "yaml.multi_document", "一个文件中有多份文档", "more than one document in a file";
    FieldUnknown = "field.unknown", "未知字段", "an unknown field";
    FieldMissing = "field.missing", "缺少必填字段", "a required field is missing";
    FieldDuplicate = "field.duplicate", "字段重复出现", "a field appears twice";
    Required = "required", "必填值为空", "a required value is empty";
    Type = "type", "值的类型不对", "a value of the wrong type";
    ValueUnknown = "value.unknown", "不在可选范围内的取值", "a value that is not one of the options";
    Range = "range", "数值超出允许范围", "a number out of the allowed range";
    SchemaVersion = "schema_version", "不支持的问卷版本", "an unsupported questionnaire version";
    CreditCode = "credit_code", "统一社会信用代码无效", "an invalid unified social credit code";
    TextControl = "text.control", "文字中含有控制字符", "text with a control character";
    TextInvisible = "text.invisible", "文字只有不可见字符", "text of invisible characters only";
    Consistency = "consistency", "两个字段互相矛盾", "two fields contradict each other";
    Plausibility = "plausibility", "数值不合常理, 请核实 (警告)", "an implausible value to check (a warning)";
    TooMany = "too_many", "问题过多, 其余未列出", "too many problems; the rest are not listed";
    XlsxOpen = "xlsx.open", "不是可读取的 Excel 工作簿", "not a readable Excel workbook";
    XlsxTooLarge = "xlsx.too_large", "工作簿解压后超过大小上限", "the workbook unpacks to more than the limit";
    XlsxNoSheet = "xlsx.no_sheet", "工作簿中找不到申报表", "no questionnaire sheet in the workbook";
    XlsxResults = "xlsx.results", "这是结果工作簿, 不是申报表", "a results workbook, not a questionnaire";
    XlsxEmpty = "xlsx.empty", "申报表中没有填写企业", "no enterprise filled in the questionnaire sheet";
    XlsxRows = "xlsx.rows", "工作簿有多行问卷, 此处只能评估一行", "several questionnaire rows where one is expected";
    Pack = "pack", "认定标准包 (参考标准、成熟度模型) 有误", "an error in a criteria pack (reference criteria, maturity model)";
    Policy = "policy", "政策包有误", "an error in a policy pack";
    LevelPack = "level_pack", "等级评测包 (评测表、梯度) 有误", "an error in a level pack (a score sheet or a ladder)";
    PolicyDuplicate = "policy.duplicate", "同一政策包给了两次", "the same policy pack given twice";
    PolicyFunder = "policy.funder", "出资方在两个政策包中层级不同", "a funder with different levels in two packs";
    Reading = "reading", "政策解读选择有误 (--reading)", "a wrong choice of policy reading (--reading)";
    Set = "set", "--set 修改有误", "a wrong --set change";
    Internal = "internal", "内部错误: 结果无法写出", "an internal error: a result could not be written";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Serialised as its id, exactly as when the code was a string.
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input cannot be used as it is.
    Error,
    /// The input is usable but a value looks implausible.
    Warning,
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem, e.g. [`Code::YamlSyntax`] (`yaml.syntax`).
    pub code: Code,
    /// Input file as the user named it (`-` for stdin).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// Dotted field path, e.g. `equipment.key_equipment_cnc`.
    pub path: Option<String>,
    /// What is wrong.
    pub message: Text,
    /// How to fix it.
    pub hint: Option<Text>,
}

impl Diagnostic {
    /// A new error diagnostic without position.
    pub fn error(code: Code, file: &str, message: Text) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.to_string(),
            line: None,
            column: None,
            path: None,
            message,
            hint: None,
        }
    }

    /// Turn into a warning.
    pub fn warning(mut self) -> Diagnostic {
        self.severity = Severity::Warning;
        self
    }

    /// Attach a field path.
    pub fn at_path(mut self, path: impl Into<String>) -> Diagnostic {
        self.path = Some(path.into());
        self
    }

    /// Attach a position.
    pub fn at(mut self, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Attach a hint.
    pub fn hint(mut self, hint: Text) -> Diagnostic {
        self.hint = Some(hint);
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Render for a terminal: `file:line:column: error[code]: path: message`,
    /// then the offending source line with a caret, then the hint.
    pub fn render(&self, lang: Lang, source: Option<&str>) -> String {
        // Everything here may echo what a user typed: escape control
        // characters for the terminal, and cut what is too long to read.
        crate::textsafe::terminal_safe(&self.render_raw(lang, source)).into_owned()
    }

    fn render_raw(&self, lang: Lang, source: Option<&str>) -> String {
        use crate::textsafe::clip;
        let mut out = String::new();
        let _ = write!(out, "{}", self.file);
        if let Some(l) = self.line {
            let _ = write!(out, ":{l}");
            if let Some(c) = self.column {
                let _ = write!(out, ":{c}");
            }
        }
        let sev = match (self.severity, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Zh) => "警告",
            (Severity::Warning, Lang::En) => "warning",
        };
        let _ = write!(out, ": {sev}[{}]: ", self.code);
        if let Some(p) = &self.path {
            let _ = write!(out, "{}: ", clip(p, MESSAGE_CHARS));
        }
        out.push_str(&clip(self.message.get(lang), MESSAGE_CHARS));
        if let (Some(src), Some(l)) = (source, self.line) {
            if let Some(text) = src.lines().nth(l.saturating_sub(1)) {
                // Quote at most 200 characters of a long line.
                let shown: String = text.chars().take(200).collect();
                let _ = write!(out, "\n{l:>5} | {shown}");
                if let Some(c) = self.column {
                    let pad: String = text
                        .chars()
                        .take(c.saturating_sub(1).min(200))
                        .map(|ch| if ch == '\t' { '\t' } else { ' ' })
                        .collect();
                    let _ = write!(out, "\n      | {pad}^");
                }
            }
        }
        if let Some(h) = &self.hint {
            let label = lang.pick("提示", "hint");
            let _ = write!(out, "\n  = {label}: {}", clip(h.get(lang), MESSAGE_CHARS));
        }
        out
    }
}

/// The one collector of diagnostics (诊断收集器) for one input file: each
/// problem is built with its code, field path and message (zh first, like
/// every [`Text`]), placed at its line and column when the source is known,
/// and kept — up to an optional limit, past which problems are only counted
/// (each is placed by searching the source, so a hostile file with
/// thousands of problems must not make thousands of searches).
pub struct Collector<'a> {
    file: &'a str,
    source: Option<&'a str>,
    out: Vec<Diagnostic>,
    limit: Option<usize>,
    dropped: Dropped,
}

/// Problems past a [`Collector`]'s limit, counted but not listed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dropped {
    /// Errors not listed.
    pub errors: usize,
    /// Warnings not listed.
    pub warnings: usize,
}

impl<'a> Collector<'a> {
    /// A collector for `file`, placing diagnostics in `source` when given.
    pub fn new(file: &'a str, source: Option<&'a str>) -> Collector<'a> {
        Collector {
            file,
            source,
            out: Vec::new(),
            limit: None,
            dropped: Dropped::default(),
        }
    }

    /// List at most `n` diagnostics; count the rest.
    pub fn limited(mut self, n: usize) -> Collector<'a> {
        self.limit = Some(n);
        self
    }

    /// A diagnostic of this file at `path`, not yet placed or kept.
    pub fn at(&self, code: Code, path: &str, message: Text) -> Diagnostic {
        Diagnostic::error(code, self.file, message).at_path(path)
    }

    /// Keep `d`, placed at its field path when it has no position yet.
    pub fn push(&mut self, mut d: Diagnostic) {
        if self.limit.is_some_and(|n| self.out.len() >= n) {
            match d.severity {
                Severity::Error => self.dropped.errors += 1,
                Severity::Warning => self.dropped.warnings += 1,
            }
            return;
        }
        if d.line.is_none() {
            let place = self.source.zip(d.path.as_deref());
            if let Some((l, c)) = place.and_then(|(s, p)| locate(s, p)) {
                d = d.at(l, c);
            }
        }
        self.out.push(d);
    }

    /// Keep an error at `path`, message in zh and en.
    pub fn error(
        &mut self,
        code: Code,
        path: &str,
        zh: impl Into<Cow<'static, str>>,
        en: impl Into<Cow<'static, str>>,
    ) {
        let d = self.at(code, path, Text::new(zh, en));
        self.push(d);
    }

    /// Keep every diagnostic of `ds` (each placed when it has no position).
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        for d in ds {
            self.push(d);
        }
    }

    /// Whether nothing was kept or counted.
    pub fn is_empty(&self) -> bool {
        self.out.is_empty() && self.dropped == Dropped::default()
    }

    /// The diagnostics kept, in the order found, and those counted past the limit.
    pub fn finish(self) -> (Vec<Diagnostic>, Dropped) {
        (self.out, self.dropped)
    }
}

/// Find the 1-based line and column of a field path such as
/// `tracks[3].eligible_when[0].fact` in block-style YAML, by following keys
/// down the indentation and counting `- ` list items. Used to place errors
/// found after parsing, when positions are gone. Returns the deepest key it
/// could find, so a path that goes further still points near the problem.
pub fn locate(source: &str, path: &str) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    // Indentation that counts `- ` list markers as indentation, and the content after them.
    let split = |line: &'_ str| -> (isize, String) {
        let mut indent = 0usize;
        let mut rest = line;
        loop {
            let t = rest.trim_start_matches(' ');
            indent += rest.len() - t.len();
            if let Some(after) = t.strip_prefix("- ") {
                indent += 2;
                rest = after;
            } else {
                return (indent as isize, t.to_string());
            }
        }
    };
    let mut best = None;
    let mut parent: isize = -1;
    let mut start = 0usize;
    for segment in path.split('.') {
        let key = segment.split('[').next().unwrap_or(segment);
        let indices: Vec<usize> = segment
            .split('[')
            .skip(1)
            .filter_map(|x| x.trim_end_matches(']').parse().ok())
            .collect();
        let mut found = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let (indent, content) = split(line);
            if content.is_empty() || content.starts_with('#') {
                continue;
            }
            // Leaving the parent's block ends the search (the parent's own line excepted).
            if i != start && indent <= parent {
                break;
            }
            if indent > parent
                && content.starts_with(key)
                && content[key.len()..].trim_start().starts_with(':')
            {
                found = Some((i, indent));
                break;
            }
        }
        let Some((mut line_no, mut indent)) = found else {
            break;
        };
        best = Some((line_no + 1, indent as usize + 1));
        for n in indices {
            // Items of this list: lines whose first `- ` sits deeper than the key or at its column.
            let mut count = 0usize;
            let mut item = None;
            let mut item_indent = None;
            for (i, line) in lines.iter().enumerate().skip(line_no + 1) {
                let t = line.trim_start_matches(' ');
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                let raw = (line.len() - t.len()) as isize;
                if raw < indent || (raw == indent && !t.starts_with("- ")) {
                    break;
                }
                if t.starts_with("- ") || t == "-" {
                    let ii = *item_indent.get_or_insert(raw);
                    if raw == ii {
                        if count == n {
                            item = Some((i, raw));
                            break;
                        }
                        count += 1;
                    }
                }
            }
            match item {
                Some((i, raw)) => {
                    line_no = i;
                    indent = raw;
                    best = Some((i + 1, raw as usize + 1));
                }
                None => return best,
            }
        }
        parent = indent;
        start = line_no;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "schema_version: 1\nenterprise:\n  name: x\n  employees: 5\nequipment:\n  # c\n  key_equipment_total: 10\n  key_equipment_cnc: 12\n";

    #[test]
    fn locate_follows_indentation() {
        assert_eq!(locate(SRC, "enterprise.employees"), Some((4, 3)));
        assert_eq!(locate(SRC, "equipment.key_equipment_cnc"), Some((8, 3)));
        assert_eq!(locate(SRC, "schema_version"), Some((1, 1)));
    }

    #[test]
    fn locate_does_not_leave_the_parent_block() {
        // `employees` is under `enterprise`, not under `equipment`.
        assert_eq!(locate(SRC, "equipment.employees"), Some((5, 1)));
        assert_eq!(locate(SRC, "nothing.here"), None);
    }

    #[test]
    fn locate_counts_list_items() {
        let src = "tracks:\n  - id: a\n    when:\n      - fact: x\n  - id: b\n    when:\n      - fact: y\n      - fact: z\n";
        assert_eq!(locate(src, "tracks[1]"), Some((5, 3)));
        assert_eq!(locate(src, "tracks[1].when[1].fact"), Some((8, 9)));
        assert_eq!(locate(src, "tracks[0].id"), Some((2, 5)));
    }

    #[test]
    fn collector_places_keeps_and_counts_past_its_limit() {
        let mut c = Collector::new("f.yaml", Some(SRC)).limited(2);
        c.error(Code::Range, "enterprise.employees", "太大", "too big");
        let w = c.at(
            Code::Plausibility,
            "equipment.key_equipment_cnc",
            Text::new("多", "many"),
        );
        c.push(w.warning());
        c.error(Code::Range, "schema_version", "x", "y");
        c.push(
            c.at(Code::Plausibility, "enterprise.name", Text::new("a", "b"))
                .warning(),
        );
        let (out, dropped) = c.finish();
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].line, out[0].column), (Some(4), Some(3)));
        assert_eq!(out[0].message.zh, "太大");
        assert_eq!(out[0].message.en, "too big");
        assert_eq!((out[1].line, out[1].severity), (Some(8), Severity::Warning));
        assert_eq!(
            dropped,
            Dropped {
                errors: 1,
                warnings: 1
            }
        );
        // Without a source nothing is placed; without a limit nothing is dropped.
        let mut c = Collector::new("f.yaml", None);
        assert!(c.is_empty());
        c.error(Code::Range, "enterprise.employees", "太大", "too big");
        assert!(!c.is_empty());
        let (out, dropped) = c.finish();
        assert_eq!((out[0].line, dropped), (None, Dropped::default()));
    }

    /// The codes of `docs/diagnostics.md`: the first cell of each table row.
    fn documented_codes() -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
        let doc = std::fs::read_to_string(path).expect("docs/diagnostics.md is readable");
        doc.lines()
            .filter_map(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split_once("` |").map(|(id, _)| id.to_string()))
            .collect()
    }

    #[test]
    fn every_code_is_documented() {
        let ids: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        // Same codes, same order, each once: a missing or a made-up row fails.
        assert_eq!(documented_codes(), ids);
    }

    #[test]
    fn codes_keep_their_ids_in_json_and_text() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "{c} twice");
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{c}\""));
            let m = c.meaning();
            assert!(!m.zh.is_empty() && !m.en.is_empty(), "{c}");
        }
        // Ids that scripts and the hostile-input corpus match on.
        assert_eq!(Code::YamlSyntax.as_str(), "yaml.syntax");
        assert_eq!(Code::YamlMultiDocument.as_str(), "yaml.multi_document");
        assert_eq!(Code::TooMany.as_str(), "too_many");
        assert_eq!(Code::Io.as_str(), "io");
        let d = Diagnostic::error(Code::FieldUnknown, "f", Text::new("a", "b"));
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["code"], "field.unknown");
    }

    #[test]
    fn render_quotes_the_line_with_a_caret() {
        let d = Diagnostic::error(Code::Range, "f.yaml", Text::new("太大", "too big"))
            .at_path("enterprise.employees")
            .at(4, 3)
            .hint(Text::new("改小", "make it smaller"));
        let r = d.render(Lang::En, Some(SRC));
        assert!(r.starts_with("f.yaml:4:3: error[range]: enterprise.employees: too big"));
        assert!(r.contains("    4 |   employees: 5"));
        assert!(r.contains("      |   ^"));
        assert!(r.ends_with("= hint: make it smaller"));
        let z = d.render(Lang::Zh, None);
        assert!(z.contains("错误[range]") && z.contains("提示: 改小"));
    }
}

//! All YAML loading (YAML 读取), in one place.
//!
//! Questionnaires come from many hands and a bureau loads thousands at once,
//! so loading is defensive: a size cap, a decoding step that explains BOMs,
//! UTF-16 and invalid UTF-8, and a cheap lexical guard that rejects anchors,
//! aliases and deep flow nesting *before* the YAML parser sees them. The
//! parser's own limits stop infinite expansion but not a 25 KB alias bomb that
//! expands to hundreds of megabytes, nor a megabyte of `[[[[` that becomes a
//! million events; the guard does, in one linear pass over the bytes.
//!
//! Errors become [`Diagnostic`]s with file, line, column, field path, what
//! was expected and a hint, in zh and en.

use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::lang::Text;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

/// Largest questionnaire accepted (a real one is 5–20 KB).
pub const MAX_QUESTIONNAIRE_BYTES: u64 = 1024 * 1024;
/// Largest policy or criteria pack accepted.
pub const MAX_PACK_BYTES: u64 = 8 * 1024 * 1024;
/// Deepest `[`/`{` nesting accepted; questionnaires need 2.
pub const MAX_FLOW_DEPTH: usize = 32;
/// Deepest block indentation accepted, in columns.
pub const MAX_INDENT: usize = 256;

/// Read a file with a size cap, without ever reading more than the cap.
pub fn read_capped(path: &Path, display: &str, cap: u64) -> Result<Vec<u8>, Diagnostic> {
    let io_err = |e: std::io::Error| {
        Diagnostic::error(
            Code::Io,
            display,
            Text::new(
                format!("无法读取文件: {e}"),
                format!("cannot read the file: {e}"),
            ),
        )
    };
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if meta.is_dir() {
        return Err(Diagnostic::error(
            Code::Io,
            display,
            Text::new("这是一个目录, 不是文件", "this is a folder, not a file"),
        ));
    }
    let mut buf = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap + 1).read_to_end(&mut buf).map_err(io_err)?;
    if buf.len() as u64 > cap {
        return Err(too_big(display, cap));
    }
    Ok(buf)
}

/// Read all of a reader (stdin) with a size cap.
pub fn read_reader_capped(r: impl Read, display: &str, cap: u64) -> Result<Vec<u8>, Diagnostic> {
    let mut buf = Vec::new();
    r.take(cap + 1).read_to_end(&mut buf).map_err(|e| {
        Diagnostic::error(
            Code::Io,
            display,
            Text::new(
                format!("无法读取输入: {e}"),
                format!("cannot read the input: {e}"),
            ),
        )
    })?;
    if buf.len() as u64 > cap {
        return Err(too_big(display, cap));
    }
    Ok(buf)
}

fn too_big(display: &str, cap: u64) -> Diagnostic {
    Diagnostic::error(
        Code::InputTooLarge,
        display,
        Text::new(
            format!("文件超过 {} KB 上限", cap / 1024),
            format!("the file is larger than the {} KB limit", cap / 1024),
        ),
    )
    .hint(if cap == MAX_QUESTIONNAIRE_BYTES {
        Text::new(
            "问卷通常只有几十 KB; 请确认选对了文件",
            "a questionnaire is a few tens of KB; check that this is the right file",
        )
    } else {
        Text::new(
            "政策包通常只有几十到几百 KB; 请确认选对了文件",
            "a policy or criteria pack is tens to hundreds of KB; check that this is the right file",
        )
    })
}

/// Decode bytes as UTF-8 text: a UTF-8 BOM is dropped, UTF-16 and invalid
/// UTF-8 are explained with the position of the first bad byte.
pub fn decode(bytes: &[u8], file: &str) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_like_utf32(bytes) {
        return Err(Diagnostic::error(
            Code::InputEncoding,
            file,
            Text::new("文件是 UTF-32 编码", "the file is encoded as UTF-32"),
        )
        .at(1, 1)
        .hint(Text::new(
            "请另存为 UTF-8 编码",
            "save it as UTF-8 (in most editors: Save As → Encoding: UTF-8)",
        )));
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") || looks_like_utf16(bytes) {
        return Err(Diagnostic::error(
            Code::InputEncoding,
            file,
            Text::new("文件是 UTF-16 编码", "the file is encoded as UTF-16"),
        )
        .at(1, 1)
        .hint(Text::new(
            "请另存为 UTF-8 编码 (记事本: 另存为 → 编码 UTF-8)",
            "save it as UTF-8 (in most editors: Save As → Encoding: UTF-8)",
        )));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if let Some(pos) = s.find('\0') {
                let (l, c) = line_col(s, pos);
                return Err(Diagnostic::error(
                    Code::InputEncoding,
                    file,
                    Text::new(
                        "文件含有 NUL 字节, 不是文本文件",
                        "the file contains a NUL byte: it is not a text file",
                    ),
                )
                .at(l, c)
                .hint(Text::new(
                    "请确认这是 YAML 问卷",
                    "check that this is a YAML questionnaire",
                )));
            }
            Ok(lone_cr_to_lf(s))
        }
        Err(e) => {
            let good = e.valid_up_to();
            // The prefix is valid UTF-8 by definition.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or("");
            let (l, c) = line_col(prefix, prefix.len());
            Err(Diagnostic::error(
                Code::InputEncoding,
                file,
                Text::new(
                    format!("第 {} 个字节起不是有效的 UTF-8", good + 1),
                    format!("invalid UTF-8 from byte {}", good + 1),
                ),
            )
            .at(l, c)
            .hint(Text::new(
                "文件可能是 GBK 编码; 请另存为 UTF-8",
                "the file may be in GBK; save it as UTF-8",
            )))
        }
    }
}

/// Line breaks of classic Mac OS (a CR alone) as LF. YAML counts a lone CR
/// as a line break; the rest of this program counts lines by LF, so without
/// this a CR-only file was one long line ("only comments" when it began
/// with one). CRLF is left as it is. Only the text in memory changes.
fn lone_cr_to_lf(s: &str) -> String {
    if !s.contains('\r') || !s.replace("\r\n", "").contains('\r') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\r' && it.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// UTF-32 (with or without a byte-order mark): each character is 4 bytes,
/// three of them 0 for the ASCII of keys and numbers.
fn looks_like_utf32(bytes: &[u8]) -> bool {
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") {
        return true;
    }
    let head = &bytes[..bytes.len().min(512) & !3];
    let units = head.len() / 4;
    let ascii = head
        .chunks_exact(4)
        .filter(|u| {
            let zeros = u.iter().filter(|b| **b == 0).count();
            zeros == 3 && (u[0] != 0 || u[3] != 0)
        })
        .count();
    units >= 2 && ascii * 4 >= units * 3
}

/// UTF-16 without a byte-order mark: YAML keys, numbers and punctuation are
/// ASCII, so in UTF-16 many 16-bit units are a 0 byte beside a printable ASCII
/// byte (on the same side for the whole file). Binary junk with a few NULs
/// rarely looks like that.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512) & !1];
    let units = head.len() / 2;
    if units < 2 {
        return false;
    }
    let text = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    let ascii = |hi: usize| {
        head.chunks_exact(2)
            .filter(|u| u[hi] == 0 && text(u[1 - hi]))
            .count()
    };
    let best = ascii(0).max(ascii(1));
    best >= 2 && best * 4 >= units
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Lexical guard run before parsing: rejects anchors (`&a`), aliases (`*a`),
/// flow nesting deeper than [`MAX_FLOW_DEPTH`] and indentation deeper than
/// [`MAX_INDENT`]. Quoted strings, comments and block scalars are skipped so
/// that a `*` or `&` inside text is not mistaken for an alias.
///
/// Most files hold none of the bytes the guard could object to: a byte scan
/// ([`surely_passes`], vectorised by `memchr`) settles those, and only a file
/// with such a byte gets the character-by-character walk ([`guard_walk`]).
/// Both give the same answer on every text (a property test holds them so).
pub fn guard(text: &str, file: &str) -> Result<(), Diagnostic> {
    if surely_passes(text.as_bytes()) {
        return Ok(());
    }
    guard_walk(text, file, true)
}

/// Whether [`guard_walk`] is sure to pass `text`. It refuses only at an `&`,
/// `*` or `!`, at the opening bracket past [`MAX_FLOW_DEPTH`] (so after more
/// than that many `[`/`{`), or on a line indented by more than [`MAX_INDENT`]
/// spaces; a text without any of these passes it. These bytes are ASCII, so
/// they never occur inside a multi-byte UTF-8 character.
fn surely_passes(bytes: &[u8]) -> bool {
    if memchr::memchr3(b'&', b'*', b'!', bytes).is_some() {
        return false;
    }
    let brackets = memchr::memchr2_iter(b'[', b'{', bytes).take(MAX_FLOW_DEPTH + 1);
    if brackets.count() > MAX_FLOW_DEPTH {
        return false;
    }
    let deep =
        |line: &[u8]| line.len() > MAX_INDENT && line[..=MAX_INDENT].iter().all(|b| *b == b' ');
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    !starts.into_iter().any(|s| deep(&bytes[s..]))
}

/// Bytes that mean something to [`guard_walk`] outside quotes; a line
/// without any of them leaves its state as it was.
const GUARD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let special = b"\"'[]{}&*!|>#";
    let mut i = 0;
    while i < special.len() {
        t[special[i] as usize] = true;
        i += 1;
    }
    t
};

/// The full guard: a walk over every character of the lines that can
/// matter (see [`guard`]). With `shortcuts`, a line outside quotes that is
/// a comment or holds none of [`GUARD_BYTES`] is passed over after its
/// indentation is checked (every character of it would fall through the
/// walk's match, and the per-line state starts afresh on the next line),
/// and so is the token test of a character that is none of them.
/// The tests compare the walk with and without the shortcuts.
fn guard_walk(text: &str, file: &str, shortcuts: bool) -> Result<(), Diagnostic> {
    let mut depth = 0usize;
    let mut in_dq = false;
    let mut in_sq = false;
    // Indentation of the key that opened a block scalar (`|` or `>`).
    let mut block_scalar_parent: Option<usize> = None;
    for (ln, line) in text.split('\n').enumerate() {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some(parent) = block_scalar_parent {
            if trimmed.trim().is_empty() || indent > parent {
                continue;
            }
            block_scalar_parent = None;
        }
        if indent > MAX_INDENT && !in_dq && !in_sq {
            return Err(Diagnostic::error(
                Code::YamlTooDeep,
                file,
                Text::new("缩进过深", "indentation is too deep"),
            )
            .at(ln + 1, indent + 1)
            .hint(Text::new(
                "问卷只需两三层缩进",
                "a questionnaire needs two or three levels",
            )));
        }
        let plain =
            || trimmed.starts_with('#') || !trimmed.bytes().any(|b| GUARD_BYTES[usize::from(b)]);
        if shortcuts && !in_dq && !in_sq && plain() {
            continue;
        }
        let mut prev: Option<char> = None;
        // The last character that was not white space: after a space, a new
        // token starts only if that was an indicator (`key: *a`, `- &a`,
        // `[x, *a]`); inside plain text (`a / *b`) a `*` is just a character.
        let mut last_sig: Option<char> = None;
        let mut chars = line.char_indices().peekable();
        while let Some((i, ch)) = chars.next() {
            if in_dq {
                match ch {
                    '\\' => {
                        chars.next();
                    }
                    '"' => in_dq = false,
                    _ => {}
                }
                prev = Some(ch);
                last_sig = Some(ch);
                continue;
            }
            if in_sq {
                if ch == '\'' {
                    if matches!(chars.peek(), Some((_, '\''))) {
                        chars.next();
                    } else {
                        in_sq = false;
                    }
                }
                prev = Some(ch);
                last_sig = Some(ch);
                continue;
            }
            // A character the match below passes over only moves `prev` and
            // `last_sig`: skip working out whether a token starts here.
            if shortcuts && !(ch.is_ascii() && GUARD_BYTES[ch as usize]) {
                prev = Some(ch);
                if !ch.is_whitespace() {
                    last_sig = Some(ch);
                }
                continue;
            }
            // A token starts at the line start, after whitespace or after an
            // indicator; only there do `"`, `'`, `&`, `*`, `[`, `{` and `#` mean
            // something.
            let after_space = matches!(prev, Some(' ' | '\t'))
                && matches!(last_sig, None | Some(':' | '-' | '?' | ',' | '[' | '{'));
            let token_start = prev.is_none()
                || after_space
                || matches!(prev, Some('[' | '{' | ','))
                || (matches!(prev, Some(':' | '-' | '?')) && depth > 0);
            match ch {
                '#' if matches!(prev, None | Some(' ' | '\t')) => break,
                '"' if token_start => in_dq = true,
                '\'' if token_start => in_sq = true,
                '[' | '{' if token_start || depth > 0 => {
                    depth += 1;
                    if depth > MAX_FLOW_DEPTH {
                        return Err(Diagnostic::error(
                            Code::YamlTooDeep,
                            file,
                            Text::new(
                                format!("嵌套超过 {MAX_FLOW_DEPTH} 层"),
                                format!("nesting deeper than {MAX_FLOW_DEPTH} levels"),
                            ),
                        )
                        .at(ln + 1, line[..i].chars().count() + 1)
                        .hint(Text::new(
                            "问卷的列表和映射只需一两层",
                            "lists and mappings in a questionnaire need one or two levels",
                        )));
                    }
                }
                ']' | '}' if depth > 0 => depth -= 1,
                '&' | '*' if token_start => {
                    let next = line[i + 1..].chars().next();
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        return Err(Diagnostic::error(
                            Code::YamlAlias,
                            file,
                            Text::new(
                                "不支持 YAML 锚点和别名 (&名称 / *名称)",
                                "YAML anchors and aliases (&name / *name) are not allowed",
                            ),
                        )
                        .at(ln + 1, line[..i].chars().count() + 1)
                        .hint(Text::new(
                            "请把数值直接写出来; 若是文字, 请加引号",
                            "write the value out in full; if it is text, put it in quotes",
                        )));
                    }
                }
                '!' if token_start => {
                    let next = line[i + 1..].chars().next();
                    if next.is_some_and(|n| !n.is_whitespace()) {
                        return Err(tag_error(file, ln + 1, line[..i].chars().count() + 1));
                    }
                }
                '|' | '>' if token_start && depth == 0 => {
                    let rest = line[i + 1..].trim();
                    if rest.is_empty()
                        || rest.starts_with('#')
                        || rest.chars().all(|c| matches!(c, '+' | '-' | '0'..='9'))
                    {
                        block_scalar_parent = Some(indent);
                        break;
                    }
                }
                _ => {}
            }
            prev = Some(ch);
            if !ch.is_whitespace() {
                last_sig = Some(ch);
            }
        }
    }
    Ok(())
}

/// A YAML tag (`!!binary`, `!!python/object`, `!custom`): the parser would
/// drop it silently or turn the value into something else, so it is refused
/// where it is written.
fn tag_error(file: &str, line: usize, column: usize) -> Diagnostic {
    Diagnostic::error(
        Code::YamlTag,
        file,
        Text::new(
            "不支持 YAML 标签 (以 ! 开头, 如 !!binary、!!str)",
            "YAML tags (starting with !, such as !!binary or !!str) are not allowed",
        ),
    )
    .at(line, column)
    .hint(Text::new(
        "删除标签, 直接写值; 若 ! 是文字的一部分, 请给整段文字加引号",
        "remove the tag and write the value itself; if the ! is part of a text, put the text in quotes",
    ))
}

/// Parse YAML text into `T` after the guard, with errors as diagnostics.
///
/// A valid file is read once, without tracking the field path (tracking
/// wraps every value and cost ~5% of a screening). A file that fails is read
/// again with the path tracked, for the diagnostic: the parse is
/// deterministic, so the second read meets the same error at the same place.
pub fn from_str<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Diagnostic> {
    guard(text, file)?;
    let de = serde_yaml::Deserializer::from_str(text);
    T::deserialize(de).or_else(|_| from_str_tracked(text, file))
}

/// The diagnostic path of [`from_str`]: the same parse with the field path
/// tracked (after the guard has passed).
fn from_str_tracked<T: DeserializeOwned>(text: &str, file: &str) -> Result<T, Diagnostic> {
    let de = serde_yaml::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| tab_hint(convert_error(e, file), text))
}

/// As [`from_str`], but a file with structural errors (unknown fields,
/// wrong types, bad enum values) reports all of them, not only the first,
/// up to [`crate::validate::MAX_DIAGNOSTICS`].
///
/// The typed parse stops at the first error. After one, the file is read
/// again as a plain YAML tree; each error found in the tree is recorded and
/// the offending field taken out, and the typed read repeated, until it
/// succeeds or an error cannot be stepped over (a required field, which
/// would then be missing). Syntax errors end the search: past one, the
/// tree itself is unknown. Valid files take the fast path only.
///
/// `filler` (the blank template of `T`, when there is one) gives a stand-in
/// for a required field taken out, so the search can go on past it.
pub fn from_str_all<T: DeserializeOwned>(
    text: &str,
    file: &str,
    filler: Option<&serde_yaml::Value>,
) -> Result<T, Partial<T>> {
    let first = match from_str::<T>(text, file) {
        Ok(t) => return Ok(t),
        Err(d) => d,
    };
    let structural = matches!(
        first.code,
        Code::FieldUnknown
            | Code::Type
            | Code::ValueUnknown
            | Code::Required
            | Code::Range
            | Code::FieldMissing
    );
    let Some(mut tree) = structural
        .then(|| serde_yaml::from_str::<serde_yaml::Value>(text).ok())
        .flatten()
    else {
        return Err((vec![first], None));
    };
    let mut out = vec![first];
    let mut removed: Vec<String> = Vec::new();
    let mut stood_in = false;
    let mut rest = None;
    // Each round takes something out of the tree or stops; the bound is a guard.
    for _ in 0..4 * crate::validate::MAX_DIAGNOSTICS {
        if out.len() >= crate::validate::MAX_DIAGNOSTICS {
            break;
        }
        let e = match serde_path_to_error::deserialize::<_, T>(&tree) {
            Ok(t) => {
                rest = Some(t);
                break;
            }
            Err(e) => e,
        };
        let path = e.path().to_string();
        let raw = e.inner().to_string();
        if raw.starts_with("missing field") {
            let name = raw.split('`').nth(1).unwrap_or("").to_string();
            let full = if path == "." {
                name.clone()
            } else {
                format!("{path}.{name}")
            };
            // Missing in the file (not taken out by us): an error to report.
            if !removed.contains(&full) {
                let d = placed(convert_error(e, file), text);
                if !out.iter().any(|o| o.path == d.path && o.code == d.code) {
                    out.push(d);
                }
            }
            // Go on with the template's blank, or without the list holding the item.
            let stand_in = filler.and_then(|f| get(f, &full)).cloned();
            let parent = strip_index(&path);
            let fixed = match stand_in {
                Some(v) if !removed.contains(&format!("{full}=")) => {
                    stood_in = true;
                    removed.push(format!("{full}="));
                    put(&mut tree, &path, &name, v)
                }
                _ => path != parent && take_out(&mut tree, &parent),
            };
            if !fixed {
                break;
            }
            removed.push(full);
            continue;
        }
        let target = strip_index(&path);
        if !take_out(&mut tree, &target) {
            break;
        }
        let d = placed(convert_error(e, file), text);
        if !out.iter().any(|o| o.path == d.path && o.code == d.code) {
            out.push(d);
        }
        removed.push(target);
    }
    out.sort_by_key(|d| (d.line, d.column));
    if out.len() >= crate::validate::MAX_DIAGNOSTICS {
        out.push(
            Diagnostic::error(
                Code::TooMany,
                file,
                Text::new(
                    format!(
                        "最多列出 {} 个问题, 其余未查",
                        crate::validate::MAX_DIAGNOSTICS
                    ),
                    format!(
                        "at most {} problems are listed; the rest of the file was not searched",
                        crate::validate::MAX_DIAGNOSTICS
                    ),
                ),
            )
            .hint(Text::new(
                "先改正上面列出的问题, 再重新校验",
                "fix the problems above, then validate again",
            )),
        );
        return Err((out, None));
    }
    // What remains is worth checking further only if nothing was made up.
    Err((out, rest.filter(|_| !stood_in)))
}

/// The structural errors of a file, and what is left of it once the bad
/// fields are taken out, when that is all real input (for the semantic
/// checks, which then find the rest of the problems in the same pass).
pub type Partial<T> = (Vec<Diagnostic>, Option<T>);

/// A diagnostic found in the tree has no position: find its field in the text.
/// A wrong value is shown at the value, as the parser does, not at its key.
fn placed(d: Diagnostic, text: &str) -> Diagnostic {
    if d.line.is_some() {
        return d;
    }
    let Some((l, c)) = d.path.as_deref().and_then(|p| crate::diag::locate(text, p)) else {
        return d;
    };
    let mut col = c;
    if d.code != Code::FieldUnknown {
        let line = text.split('\n').nth(l - 1).unwrap_or("");
        let from: usize = line.chars().take(c - 1).map(char::len_utf8).sum();
        if let Some(i) = line[from..].find(": ") {
            let value = &line[from + i + 1..];
            let pad = value.len() - value.trim_start().len();
            if !value.trim().is_empty() {
                col = line[..from + i + 1 + pad].chars().count() + 1;
            }
        }
    }
    d.at(l, col)
}

/// `a.b[3]` → `a.b`: a bad list item takes its list out (removing the item
/// alone would renumber the items after it, and their errors would name
/// the wrong item).
fn strip_index(path: &str) -> String {
    match path.rfind('.') {
        Some(dot) => {
            let (head, last) = path.split_at(dot + 1);
            format!("{head}{}", last.split('[').next().unwrap_or(last))
        }
        None => path.split('[').next().unwrap_or(path).to_string(),
    }
}

/// The node at a dotted path (`a.b[2].c`; `.` is the root) of a YAML tree.
fn node_mut<'t>(tree: &'t mut serde_yaml::Value, path: &str) -> Option<&'t mut serde_yaml::Value> {
    let mut node = tree;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        let mut parts = seg.split('[');
        let key = parts.next().unwrap_or("");
        node = node.get_mut(key)?;
        for ix in parts {
            node = node.get_mut(ix.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(node)
}

/// The value at a dotted path without list indices (`enterprise.sector`).
fn get<'t>(tree: &'t serde_yaml::Value, path: &str) -> Option<&'t serde_yaml::Value> {
    path.split('.').try_fold(tree, |node, key| node.get(key))
}

/// Set `key` of the mapping at `path` to `v`.
fn put(tree: &mut serde_yaml::Value, path: &str, key: &str, v: serde_yaml::Value) -> bool {
    match node_mut(tree, path).and_then(|n| n.as_mapping_mut()) {
        Some(m) => {
            m.insert(serde_yaml::Value::String(key.to_string()), v);
            true
        }
        None => false,
    }
}

/// Remove the field at a dotted path (`a.b[2].c`) from a YAML tree.
fn take_out(tree: &mut serde_yaml::Value, path: &str) -> bool {
    let mut segs: Vec<&str> = path.split('.').collect();
    let Some(last) = segs.pop() else {
        return false;
    };
    let mut node = tree;
    for seg in segs {
        let mut parts = seg.split('[');
        let key = parts.next().unwrap_or("");
        let Some(next) = node.get_mut(key) else {
            return false;
        };
        node = next;
        for ix in parts {
            let Some(i) = ix.trim_end_matches(']').parse::<usize>().ok() else {
                return false;
            };
            let Some(next) = node.get_mut(i) else {
                return false;
            };
            node = next;
        }
    }
    node.as_mapping_mut().and_then(|m| m.remove(last)).is_some()
}

/// A tab in the indentation near a syntax error is almost always its cause,
/// whatever the scanner's own words ("found character that cannot start any
/// token"): say so, with the line.
fn tab_hint(d: Diagnostic, text: &str) -> Diagnostic {
    let mut d = fullwidth_hint(d, text);
    let Some(line) = d.line.filter(|_| d.code == Code::YamlSyntax) else {
        return d;
    };
    let first = line.saturating_sub(2);
    let tabbed = text
        .split('\n')
        .enumerate()
        .skip(first)
        .take(line + 1 - first)
        .find(|(_, l)| l.trim_start_matches(' ').starts_with('\t'));
    if let Some((n, _)) = tabbed {
        d.hint = Some(Text::new(
            format!("第 {} 行用 Tab 缩进; YAML 缩进只能用空格", n + 1),
            format!(
                "line {} is indented with a tab; YAML indentation must use spaces",
                n + 1
            ),
        ));
    }
    d
}

/// A full-width colon `：` or comma `，` (typed with a Chinese input method)
/// outside quotes and comments is not YAML punctuation: `name： x` is one
/// text, `[erp， mes]` one item. Whatever error it caused, say so.
fn fullwidth_hint(mut d: Diagnostic, text: &str) -> Diagnostic {
    let found = text.split('\n').enumerate().find_map(|(n, l)| {
        let code = l.split(" #").next().unwrap_or(l);
        if code.trim_start().starts_with('#') || code.contains(['"', '\'']) {
            return None;
        }
        code.find(['：', '，'])
            .map(|i| (n + 1, code[i..].chars().next()))
    });
    if let Some((line, Some(c))) = found {
        let (zh, en) = if c == '：' {
            (
                "半角冒号 `:`, 冒号后加空格",
                "the ASCII colon `:` followed by a space",
            )
        } else {
            ("半角逗号 `,`", "the ASCII comma `,`")
        };
        d.hint = Some(Text::new(
            format!("第 {line} 行用了全角符号 `{c}` (中文输入法); YAML 要用{zh}"),
            format!("line {line} has a full-width `{c}` (Chinese input method); YAML needs {en}"),
        ));
    }
    d
}

/// libyaml's English phrases in Chinese, for the zh message of a syntax
/// error; a phrase not in the list stays as it is.
fn parser_zh(msg: &str) -> String {
    const PHRASES: [(&str, &str); 18] = [
        ("did not find expected key", "没有找到应有的字段名"),
        ("did not find expected ',' or ']'", "缺少 `,` 或 `]`"),
        ("did not find expected ',' or '}'", "缺少 `,` 或 `}`"),
        ("did not find expected '-' indicator", "缺少列表项的 `-`"),
        ("did not find expected node content", "缺少应有的内容"),
        ("could not find expected ':'", "缺少冒号 `:`"),
        (
            "mapping values are not allowed in this context",
            "此处不能写 `字段: 值`",
        ),
        (
            "found character that cannot start any token",
            "遇到不能开始任何内容的字符",
        ),
        ("found unexpected end of stream", "文件意外结束"),
        ("found unknown escape character", "未知的转义字符"),
        (
            "found a tab character that violates indentation",
            "Tab 字符破坏了缩进",
        ),
        ("control characters are not allowed", "不允许控制字符"),
        ("while scanning a quoted scalar", "读取带引号的文字时"),
        ("while scanning a simple key", "读取字段名时"),
        ("while parsing a block mapping", "读取字段映射时"),
        ("while parsing a block collection", "读取列表时"),
        ("while parsing a flow sequence", "读取 [ ] 列表时"),
        ("while parsing a flow mapping", "读取 { } 映射时"),
    ];
    PHRASES
        .iter()
        .fold(msg.to_string(), |m, (en, zh)| m.replace(en, zh))
        .replace(", 读取", ", 在读取")
}

fn convert_error(e: serde_path_to_error::Error<serde_yaml::Error>, file: &str) -> Diagnostic {
    let path = e.path().to_string();
    let inner = e.into_inner();
    let mut loc = inner.location().map(|l| (l.line(), l.column()));
    let mut msg = inner.to_string();
    // A scanner error names where the construct began ("while scanning a
    // quoted scalar at line 3 column 9"): that is where the fix goes.
    if let Some((_, ctx)) = msg.split_once(", while ") {
        if let Some(pos) = ctx.rsplit_once(" at line ").map(|x| x.1.to_string()) {
            let mut it = pos
                .split(" column ")
                .map(|n| n.trim().parse::<usize>().ok());
            if let (Some(Some(l)), Some(Some(c))) = (it.next(), it.next()) {
                loc = Some((l, c));
            }
        }
        msg = msg.replace(
            &format!(
                " at line {} column {}",
                loc.map(|x| x.0).unwrap_or(0),
                loc.map(|x| x.1).unwrap_or(0)
            ),
            "",
        );
    }
    // Any other "at line N column M" left in the text: the position is shown apart.
    while let Some(i) = msg.find(" at line ") {
        let rest = &msg[i + " at line ".len()..];
        let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let n = digits(rest);
        let Some(after) = rest[n..].strip_prefix(" column ") else {
            break;
        };
        let m = digits(after);
        if n == 0 || m == 0 {
            break;
        }
        let end = i + " at line ".len() + n + " column ".len() + m;
        msg.replace_range(i..end, "");
    }
    // serde_yaml repeats the path in front and the position at the end;
    // both are shown separately.
    if let Some(idx) = msg.find(" at line ") {
        if !msg[idx..].contains(", while") {
            msg.truncate(idx);
        }
    }
    if let Some(rest) = msg.strip_prefix(&format!("{path}: ")) {
        msg = rest.to_string();
    } else if let Some((head, rest)) = msg.split_once(": ") {
        // serde_yaml's own path prefix can differ from ours (it stops at the
        // parent of an unknown key); a prefix without spaces is a path.
        if !head.contains(' ') && !head.is_empty() {
            msg = rest.to_string();
        }
    }
    let (message, hint) = explain(&msg);
    let mut d = Diagnostic::error(message.0, file, message.1);
    if path != "." && path != "?" && !path.is_empty() {
        d = d.at_path(path);
    }
    if let Some((l, c)) = loc {
        d = d.at(l, c);
    }
    if let Some(h) = hint {
        d = d.hint(h);
    }
    d
}

/// Turn a serde/YAML message into a code, a bilingual message and a hint.
pub(crate) fn explain(msg: &str) -> ((Code, Text), Option<Text>) {
    let expected = friendly_expected(msg);
    let echo = |s: &str| crate::textsafe::clip(s, crate::textsafe::ECHO_CHARS).into_owned();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        let full = rest.split('`').next().unwrap_or("");
        let options = backticked(rest.split_once("expected").map(|x| x.1).unwrap_or(""));
        let hint = did_you_mean(full, &options);
        let name = echo(full);
        return (
            (
                Code::FieldUnknown,
                Text::new(
                    format!("未知字段 `{name}`"),
                    format!("unknown field `{name}`"),
                ),
            ),
            Some(hint.unwrap_or_else(|| {
                Text::new(
                    format!("此处可用的字段: {}", options.join(", ")),
                    format!("fields allowed here: {}", options.join(", ")),
                )
            })),
        );
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        let full = rest.split('`').next().unwrap_or("");
        if matches!(full, "null" | "~" | "" | "Null" | "NULL") {
            return required_here();
        }
        let options = backticked(rest.split_once("expected").map(|x| x.1).unwrap_or(""));
        let name = echo(full);
        let hint = did_you_mean(full, &options).unwrap_or_else(|| {
            Text::new(
                format!("可选值: {}", options.join(", ")),
                format!("allowed values: {}", options.join(", ")),
            )
        });
        return (
            (
                Code::ValueUnknown,
                Text::new(
                    format!("未知取值 `{name}`"),
                    format!("unknown value `{name}`"),
                ),
            ),
            Some(hint),
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (
            (
                Code::FieldMissing,
                Text::new(
                    format!("缺少必填字段 `{name}`"),
                    format!("missing required field `{name}`"),
                ),
            ),
            Some(Text::new(
                format!("请添加 `{name}:` (问卷见 zhizao init 生成的模板; 政策包见 docs/policy-authoring.md)"),
                format!("add `{name}:` (questionnaires: see the template from `zhizao init`; policy packs: docs/policy-authoring.md)"),
            )),
        );
    }
    if let Some(rest) = msg.strip_prefix("duplicate field `") {
        let name = rest.split('`').next().unwrap_or("");
        return (
            (
                Code::FieldDuplicate,
                Text::new(
                    format!("字段 `{name}` 重复出现"),
                    format!("field `{name}` appears twice"),
                ),
            ),
            Some(Text::new("删除其中一个", "keep only one of them")),
        );
    }
    if msg.contains("more than one document") {
        return (
            (
                Code::YamlMultiDocument,
                Text::new(
                    "一个文件只能有一份问卷",
                    "a file may hold only one questionnaire",
                ),
            ),
            Some(Text::new(
                "删除 `---` 分隔行, 每份问卷另存一个文件",
                "remove the `---` separator and put each questionnaire in its own file",
            )),
        );
    }
    if msg.contains("recursion limit") || msg.contains("repetition limit") {
        return (
            (
                Code::YamlTooDeep,
                Text::new("嵌套或重复过多", "too deeply nested or repetitive"),
            ),
            None,
        );
    }
    if msg.contains(crate::money::WAN_EXPECTED) {
        let found = msg
            .split_once(':')
            .map(|x| x.1)
            .and_then(|s| s.split(", expected").next())
            .unwrap_or("")
            .trim();
        let found = crate::textsafe::clip(found, crate::textsafe::ECHO_CHARS);
        let max = crate::money::AMOUNT_MAX;
        return (
            (
                Code::Range,
                Text::new(
                    format!("{found} 大得不合理 (上限 {max})"),
                    format!("{found} is implausibly large (the limit is {max})"),
                ),
            ),
            Some(Text::new(
                "金额以万元为单位: 2180 表示 2180 万元; 面积以平方米为单位",
                "money is in 万元 (10,000 CNY): 2180 means 21.8 million CNY; areas are in m²",
            )),
        );
    }
    if msg.starts_with("invalid type: unit value") {
        return required_here();
    }
    if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
        let found = msg
            .split_once(':')
            .map(|x| x.1)
            .and_then(|s| s.split(", expected").next())
            .unwrap_or("")
            .trim()
            // serde names the type it tried for numbers past 2^64 ("… as u128").
            .trim_end_matches(" as u128")
            .trim_end_matches(" as i128")
            .to_string();
        let hint_of = number_form_hint(&found);
        let found = echo(&found);
        let (ezh, een) = expected.unwrap_or(("其他类型", "another type"));
        let out_of_range = found.starts_with("integer `")
            && !found.starts_with("integer `-")
            && een.starts_with("a whole number");
        if out_of_range {
            if let Some(max) = int_max(msg) {
                return (
                    (
                        Code::Range,
                        Text::new(
                            format!("{} 太大, 此字段最大为 {max}", found_zh(&found)),
                            format!(
                                "{found} is too large for this field: the largest allowed is {max}"
                            ),
                        ),
                    ),
                    Some(Text::new(
                        "请核对单位和位数",
                        "check the unit and the number of digits",
                    )),
                );
            }
        }
        let hint = hint_of
            .or_else(|| {
                (een == "true or false").then(|| {
                    Text::new(
                        "是否字段只写 true 或 false (不要写 是/否、yes/no、有/无)",
                        "yes/no fields take true or false (not yes/no, 是/否)",
                    )
                })
            })
            .or_else(|| {
                out_of_range.then(|| {
                    Text::new(
                        "数字太大, 超出此字段的范围; 请核对单位和位数",
                        "the number is too large for this field; check the unit and the digits",
                    )
                })
            });
        return (
            (
                Code::Type,
                Text::new(
                    format!("{} 不符合要求, 此处应为{}", found_zh(&found), spaced(ezh)),
                    format!("{found} is not allowed here: expected {een}"),
                ),
            ),
            hint,
        );
    }
    let syntax = msg.contains("did not find expected")
        || msg.contains("found character")
        || msg.contains("mapping values are not allowed")
        || msg.contains("while scanning")
        || msg.contains("while parsing");
    if syntax {
        let hint = if msg.contains("tab") {
            Text::new(
                "YAML 缩进只能用空格, 不能用 Tab",
                "YAML indentation must use spaces, not tabs",
            )
        } else {
            Text::new(
                "检查这一行及上一行的缩进、冒号后的空格和引号是否成对",
                "check the indentation of this line and the one above, the space after each colon, and that quotes are paired",
            )
        };
        return (
            (
                Code::YamlSyntax,
                Text::new(
                    format!("YAML 语法错误: {}", parser_zh(msg)),
                    format!("YAML syntax error: {msg}"),
                ),
            ),
            Some(hint),
        );
    }
    (
        (
            Code::Yaml,
            Text::new(format!("无法读取此处的内容: {msg}"), msg.to_string()),
        ),
        None,
    )
}

/// A required value written as `null`, `~` or left empty.
fn required_here() -> ((Code, Text), Option<Text>) {
    (
        (
            Code::Required,
            Text::new(
                "此字段必填, 不能为空 (null、~ 或不写)",
                "this field is required: it cannot be null, ~ or empty",
            ),
        ),
        Some(Text::new(
            "请填写取值; 文字若正好是 null, 请加引号: \"null\"",
            "fill in a value; a text that really is null must be quoted: \"null\"",
        )),
    )
}

/// The largest value of the integer type serde expected (`expected u32`).
fn int_max(msg: &str) -> Option<String> {
    let exp = msg.rsplit_once("expected ")?.1;
    let ty = exp.split(|c: char| !c.is_ascii_alphanumeric()).next()?;
    Some(match ty {
        "u8" => u8::MAX.to_string(),
        "u16" => u16::MAX.to_string(),
        "u32" => u32::MAX.to_string(),
        "u64" => u64::MAX.to_string(),
        "i32" => i32::MAX.to_string(),
        "i64" => i64::MAX.to_string(),
        _ => return None,
    })
}

/// Words a consultant understands for serde's type names.
fn friendly_expected(msg: &str) -> Option<(&'static str, &'static str)> {
    let exp = msg.rsplit_once("expected ")?.1;
    Some(
        if exp.starts_with("u32") || exp.starts_with("u8") || exp.starts_with("u64") {
            ("不小于 0 的整数", "a whole number ≥ 0")
        } else if exp.starts_with("i32") {
            (
                "整数 (如年份 2017)",
                "a whole number (such as the year 2017)",
            )
        } else if exp.starts_with("f64") || exp.contains("Decimal") {
            ("数字 (不带单位或 %)", "a number (without units or %)")
        } else if exp.starts_with("a boolean") {
            ("true 或 false", "true or false")
        } else if exp.starts_with("a string") {
            ("文字", "text")
        } else if exp.starts_with("a sequence") || exp.starts_with("an array") {
            ("列表", "a list")
        } else if exp.starts_with("struct") || exp.starts_with("a map") {
            ("一组字段 (映射)", "a group of fields (a mapping)")
        } else if exp.starts_with("enum") || exp.starts_with("a YAML tag") {
            // serde_norway expects an enum given as a list or mapping to be a
            // `!tag`; what the user needs is one of the listed words.
            ("可选值之一", "one of the allowed values")
        } else {
            ("其他类型", "another type")
        },
    )
}

/// serde's description of a value found (`string "85%"`, ``integer `-5` ``,
/// `sequence` …) in Chinese.
fn found_zh(found: &str) -> String {
    let value = |rest: &str| rest.trim().trim_matches('`').to_string();
    if let Some(rest) = found.strip_prefix("string ") {
        format!("文字 {}", rest.trim())
    } else if let Some(rest) = found.strip_prefix("integer ") {
        format!("整数 {}", value(rest))
    } else if let Some(rest) = found.strip_prefix("floating point ") {
        format!("小数 {}", value(rest))
    } else if let Some(rest) = found.strip_prefix("boolean ") {
        format!("是否值 {}", value(rest))
    } else if found.starts_with("sequence") {
        "列表".to_string()
    } else if found.starts_with("map") {
        "一组字段 (映射)".to_string()
    } else if found.starts_with("unit") {
        "空值 (null)".to_string()
    } else {
        format!("取值 {found}")
    }
}

/// A space between Chinese and a following Latin word, as the messages write it.
fn spaced(s: &str) -> String {
    if s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        format!(" {s}")
    } else {
        s.to_string()
    }
}

/// Hint for common human ways of writing numbers ("85%", "1,200", "1.2万").
fn number_form_hint(found: &str) -> Option<Text> {
    let s = found.trim_start_matches("string ").trim_matches('"');
    if s.ends_with('%') {
        let n = s.trim_end_matches('%');
        return Some(Text::new(
            format!("百分比请只写数字: {n} (字段名以 _pct 结尾的单位就是 %)"),
            format!("write percentages as a plain number: {n} (fields ending in _pct are in %)"),
        ));
    }
    if s.contains(',') && s.replace(',', "").parse::<f64>().is_ok() {
        return Some(Text::new(
            format!("数字不要用千分位逗号: {}", s.replace(',', "")),
            format!(
                "write numbers without thousands separators: {}",
                s.replace(',', "")
            ),
        ));
    }
    if let Some(n) = s.strip_suffix('亿') {
        // 1 亿 = 10,000 万: say what to write in 万元.
        let wan = n
            .trim()
            .parse::<rust_decimal::Decimal>()
            .ok()
            .and_then(|x| x.checked_mul(rust_decimal::Decimal::from(10_000)))
            .map(|x| x.normalize().to_string());
        return Some(match wan {
            Some(w) => Text::new(
                format!("金额字段 (_wan) 的单位是万元: {n}亿 = {w} 万元, 请写 {w}"),
                format!(
                    "money fields (_wan) are in 万元 (10,000 CNY): {n}亿 is {w} 万元, write {w}"
                ),
            ),
            None => Text::new(
                "金额字段 (_wan) 的单位是万元 (1 亿 = 10000 万元)",
                "money fields (_wan) are in 万元 (10,000 CNY); 1 亿 is 10000 万元",
            ),
        });
    }
    if let Some(n) = s.strip_suffix('万') {
        return Some(Text::new(
            format!("金额字段 (_wan) 的单位已是万元: 请写 {n}"),
            format!("money fields (_wan) are already in 万元 (10,000 CNY): write {n}"),
        ));
    }
    if (s.starts_with('-') || found.starts_with("integer `-")) && found.contains("integer") {
        return Some(Text::new("数量不能为负数", "a count cannot be negative"));
    }
    if ["`inf`", "`-inf`", "`NaN`"]
        .iter()
        .any(|x| found.ends_with(x))
    {
        return Some(Text::new(
            "请写一个具体的数字 (.nan 和 .inf 不是数值)",
            "write an actual number (.nan and .inf are not amounts)",
        ));
    }
    let b = s.as_bytes();
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' && s[..4].parse::<u16>().is_ok() {
        return Some(Text::new(
            format!("只写年份: {}", &s[..4]),
            format!("write only the year: {}", &s[..4]),
        ));
    }
    None
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, x)| x.to_string())
        .collect()
}

/// The id of a sector written by its Chinese name (`机械汽配` →
/// `machinery_auto_parts`), when the ids allowed here are the sectors.
fn zh_sector_id(name: &str, options: &[String]) -> Option<&'static str> {
    use crate::questionnaire::Sector;
    let s = Sector::ALL.into_iter().find(|s| s.zh() == name.trim())?;
    options.iter().any(|o| o == s.id()).then(|| s.id())
}

/// "did you mean …?" by edit distance.
fn did_you_mean(name: &str, options: &[String]) -> Option<Text> {
    // The edit distance costs length × length: a megabyte-long "name" is no typo.
    if name.len() > 64 {
        return None;
    }
    // Ids are lower case; `ERP` for `erp` is the same word.
    let lower = name.to_lowercase();
    if let Some(id) = zh_sector_id(name, options) {
        return Some(Text::new(
            format!("是不是想写 `{id}` ({name})?"),
            format!("did you mean `{id}` ({name})?"),
        ));
    }
    let best = options
        .iter()
        .map(|o| (strsim::damerau_levenshtein(&lower, o), o))
        .min_by_key(|(d, _)| *d)?;
    let limit = (name.chars().count() / 3).max(2);
    (best.0 <= limit).then(|| {
        Text::new(
            format!("是不是想写 `{}`?", best.1),
            format!("did you mean `{}`?", best.1),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct T {
        #[allow(dead_code)]
        cnc_units: u32,
    }

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let e = from_str::<T>("cnc_unit: 3\n", "f.yaml").unwrap_err();
        assert_eq!(e.code, Code::FieldUnknown);
        assert_eq!(e.hint.unwrap().en, "did you mean `cnc_units`?");
        assert_eq!((e.line, e.column), (Some(1), Some(1)));
    }

    #[test]
    fn percent_strings_get_a_how_to_write_hint() {
        let e = from_str::<T>("cnc_units: 85%\n", "f.yaml").unwrap_err();
        assert_eq!(e.code, Code::Type);
        assert_eq!(e.path.as_deref(), Some("cnc_units"));
        assert!(e
            .hint
            .unwrap()
            .en
            .contains("write percentages as a plain number: 85"));
    }

    #[test]
    fn type_errors_name_the_value_in_chinese_words() {
        let e = from_str::<T>("cnc_units: [1, 2]\n", "f.yaml").unwrap_err();
        assert_eq!(e.message.zh, "列表 不符合要求, 此处应为不小于 0 的整数");
        let e = from_str::<T>("cnc_units: 85%\n", "f.yaml").unwrap_err();
        assert!(
            e.message.zh.starts_with("文字 \"85%\" 不符合要求"),
            "{}",
            e.message.zh
        );
        assert!(!e.message.zh.contains("string"));
        #[derive(Debug, Deserialize)]
        struct B {
            #[allow(dead_code)]
            ok: bool,
        }
        let e = from_str::<B>("ok: 是\n", "f.yaml").unwrap_err();
        assert_eq!(
            e.message.zh,
            "文字 \"是\" 不符合要求, 此处应为 true 或 false"
        );
        assert!(e.hint.unwrap().en.contains("true or false"));
    }

    #[test]
    fn negative_counts_are_type_errors_with_position() {
        let e = from_str::<T>("\ncnc_units: -5\n", "f.yaml").unwrap_err();
        assert_eq!(e.code, Code::Type);
        assert_eq!(e.line, Some(2));
        assert!(
            e.message.en.contains("a whole number ≥ 0"),
            "{}",
            e.message.en
        );
    }

    #[test]
    fn aliases_are_rejected_but_stars_in_text_are_not() {
        let e = guard("a: &x [1]\nb: *x\n", "f").unwrap_err();
        assert_eq!(
            (e.code, e.line, e.column),
            (Code::YamlAlias, Some(1), Some(4))
        );
        assert!(guard(
            "a: \"*x\"\nb: 'it''s &x'\nc: a*b # *x\nd: |\n  *not an alias\n",
            "f"
        )
        .is_ok());
        // Inside plain text a `*` after a space is a character, not an alias.
        assert!(guard("note: a / *b & c\n", "f").is_ok());
        assert!(guard("- *x\n", "f").is_err());
        assert!(guard("l: [1, *x]\n", "f").is_err());
        assert!(guard("m: {k: *x}\n", "f").is_err());
    }

    #[test]
    fn deep_flow_nesting_is_rejected_early() {
        let deep = format!("a: {}", "[".repeat(100_000));
        let e = guard(&deep, "f").unwrap_err();
        assert_eq!(
            (e.code, e.column),
            (Code::YamlTooDeep, Some(4 + MAX_FLOW_DEPTH))
        );
    }

    #[test]
    fn bom_is_dropped_and_utf16_explained() {
        assert_eq!(decode(b"\xEF\xBB\xBFa: 1", "f").unwrap(), "a: 1");
        assert_eq!(
            decode(b"\xFF\xFEa\x00", "f").unwrap_err().code,
            Code::InputEncoding
        );
        let e = decode(b"a: 1\nb: \xC0\n", "f").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(4)));
    }

    #[test]
    fn utf16_without_bom_is_explained() {
        let utf16: Vec<u8> = "schema_version: 1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = decode(&utf16, "f").unwrap_err();
        assert!(e.message.en.contains("UTF-16"), "{:?}", e.message);
        let be: Vec<u8> = "a: 1\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert!(decode(&be, "f").unwrap_err().message.en.contains("UTF-16"));
        // A lone NUL in UTF-8 text is still a NUL, and binary junk is not UTF-16.
        let e = decode(b"a: 1\nb: \0\n", "f").unwrap_err();
        assert!(e.message.en.contains("NUL"));
        let e = decode(&[0, 159, 146, 150, 0, 1], "f").unwrap_err();
        assert!(e.message.en.contains("invalid UTF-8"), "{:?}", e.message);
    }

    #[test]
    fn numbers_too_large_say_so() {
        for n in ["18446744073709551616", "4294967296"] {
            let e = from_str::<T>(&format!("cnc_units: {n}\n"), "f").unwrap_err();
            assert_eq!(e.code, Code::Range);
            assert!(!e.message.en.contains("u128"), "{}", e.message.en);
            assert!(e.message.en.contains(n), "{}", e.message.en);
            // The field is a u32: the bound is 2^32 − 1, said in both languages.
            assert!(
                e.message
                    .en
                    .ends_with("is too large for this field: the largest allowed is 4294967295"),
                "{}",
                e.message.en
            );
            assert!(e.message.zh.ends_with("太大, 此字段最大为 4294967295"));
        }
        // i64::MAX in a count was called a type error; it is a range error.
        let e = from_str::<T>("cnc_units: 9223372036854775807\n", "f").unwrap_err();
        assert_eq!(e.code, Code::Range);
        assert!(!e.message.en.contains("not allowed here"));
    }

    #[test]
    fn tags_are_refused_where_they_are_written() {
        // Found by the outside test: `!!binary` was silently decoded and a
        // `!custom` tag reported on the line above it.
        let e = from_str::<T>("# c\ncnc_units: !!binary aGVsbG8=\n", "f").unwrap_err();
        assert_eq!(
            (e.code, e.line, e.column),
            (Code::YamlTag, Some(2), Some(12))
        );
        assert!(guard("a: !custom x\n", "f").is_err());
        assert!(guard("- !!python/object:os.system x\n", "f").is_err());
        // An exclamation mark inside text is a character.
        assert!(guard("a: Hello! World\nb: \"!x\"\nc: x !y\n", "f").is_ok());
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Many {
        a: u32,
        b: Option<u32>,
        items: Option<Vec<u32>>,
        c: Option<bool>,
    }

    #[test]
    fn every_structural_error_in_one_pass() {
        // validate promised every problem in one pass but stopped at the first.
        let text = "a: x\nbb: 1\nitems: [1, two]\nc: maybe\n";
        let (all, rest) = from_str_all::<Many>(text, "f", None).unwrap_err();
        // The required `a` was taken out and nothing stands in for it: no
        // made-up value goes on to the semantic checks.
        assert!(rest.is_none());
        let got: Vec<_> = all
            .iter()
            .map(|d| (d.code, d.path.as_deref().unwrap_or(""), d.line))
            .collect();
        assert_eq!(
            got,
            [
                (Code::Type, "a", Some(1)),
                (Code::FieldUnknown, "bb", Some(2)),
                (Code::Type, "items[1]", Some(3)),
                (Code::Type, "c", Some(4)),
            ]
        );
        // A required field taken out with no stand-in stops the search there,
        // without a made-up "missing field".
        assert!(all.iter().all(|d| d.code != Code::FieldMissing));
        // With `a` fine, what is left is real input, for the semantic checks.
        let (_, rest) = from_str_all::<Many>("a: 1\nc: maybe\n", "f", None).unwrap_err();
        assert_eq!(rest.map(|m| (m.a, m.c)), Some((1, None)));
        // A syntax error ends the search: one message.
        let (e, _) = from_str_all::<Many>("c: true\na: 'x\n", "f", None).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].code, Code::YamlSyntax);
    }

    #[test]
    fn tabs_nan_dates_and_negative_counts_get_hints() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Y {
            year: i32,
            n: u32,
            x: Option<rust_decimal::Decimal>,
        }
        let hint = |text: &str| from_str::<Y>(text, "f").unwrap_err().hint.unwrap().en;
        assert_eq!(
            hint("year: 2017\nn: 1\n\tx: 2\n"),
            "line 3 is indented with a tab; YAML indentation must use spaces"
        );
        assert_eq!(
            hint("year: 2017-01-01\nn: 1\n"),
            "write only the year: 2017"
        );
        assert_eq!(hint("year: 2017\nn: -5\n"), "a count cannot be negative");
        assert!(hint("year: 2017\nn: 1\nx: .inf\n").contains(".nan and .inf"));
        assert!(hint("year: 2017\nn: 1\nx: .nan\n").contains(".nan and .inf"));
        #[derive(Debug, Deserialize)]
        #[serde(rename_all = "snake_case")]
        enum E {
            Erp,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct S {
            e: E,
        }
        let e = from_str::<S>("e: [erp]\n", "f").unwrap_err();
        assert_eq!(
            e.message.en,
            "sequence is not allowed here: expected one of the allowed values"
        );
    }

    #[test]
    fn two_documents_are_explained() {
        let e = from_str::<T>("cnc_units: 1\n---\ncnc_units: 2\n", "f").unwrap_err();
        assert_eq!(e.code, Code::YamlMultiDocument);
    }

    /// Texts the guard and the parser meet: the hostile corpus, the fuzz
    /// regressions, the examples and templates, and every example and
    /// template with one of its lines taken out (hundreds of near-valid
    /// files, valid or failing in every way a line can make them fail).
    fn corpus() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let read = |dir: &str| -> Vec<(String, String)> {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
                return Vec::new();
            };
            let mut out: Vec<_> = entries
                .flatten()
                .filter_map(|e| {
                    let bytes = std::fs::read(e.path()).ok()?;
                    Some((e.path().display().to_string(), decode(&bytes, "f").ok()?))
                })
                .collect();
            out.sort();
            out
        };
        let bases: Vec<_> = ["questionnaires/examples", "src/templates"]
            .iter()
            .flat_map(|d| read(d))
            .collect();
        let mut out = Vec::new();
        for (name, text) in &bases {
            let lines: Vec<&str> = text.split('\n').collect();
            for cut in 0..lines.len() {
                let mut v = lines.clone();
                v.remove(cut);
                out.push((format!("{name} without line {}", cut + 1), v.join("\n")));
            }
        }
        out.extend(bases);
        out.extend(read("tests/hostile"));
        out.extend(read("tests/fuzz_regressions/questionnaire"));
        assert!(out.len() > 500, "the corpus was not found");
        out
    }

    #[test]
    fn guard_shortcuts_give_the_walks_answer_on_the_corpus() {
        let mut refused = 0;
        for (name, text) in corpus() {
            let full = guard_walk(&text, "f", false);
            refused += usize::from(full.is_err());
            assert_eq!(guard(&text, "f"), full, "{name}");
        }
        // The hostile files with aliases, tags and deep nesting are among them.
        assert!(refused >= 5, "only {refused} refused");
    }

    #[test]
    fn fast_and_tracked_parse_agree_on_the_corpus() {
        use crate::questionnaire::Questionnaire;
        let mut failed = 0;
        for (name, text) in corpus() {
            if guard(&text, "f").is_err() {
                continue;
            }
            let fast = from_str::<Questionnaire>(&text, "f");
            failed += usize::from(fast.is_err());
            let tracked = from_str_tracked::<Questionnaire>(&text, "f");
            // As text: a NaN read from `.nan` is not equal to itself.
            assert_eq!(format!("{fast:?}"), format!("{tracked:?}"), "{name}");
        }
        assert!(failed >= 10, "only {failed} files failed to parse");
    }

    /// Lines made of the characters that steer the guard, in any order.
    fn guard_text() -> impl proptest::strategy::Strategy<Value = String> {
        let piece = proptest::prop_oneof![
            proptest::string::string_regex("[a-z: ,#\"'\\\\\\[\\]{}&*!|>+-]{0,12}").unwrap(),
            proptest::string::string_regex(" {0,300}").unwrap(),
            proptest::string::string_regex("[\\[{]{0,40}").unwrap(),
            proptest::string::string_regex("[名称 　\\t]{0,4}").unwrap(),
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|v| {
            v.into_iter()
                .enumerate()
                .map(|(i, p)| if i % 3 == 2 { p + "\n" } else { p })
                .collect()
        })
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn guard_shortcuts_give_the_walks_answer(text in guard_text()) {
            prop_assert_eq!(guard(&text, "f"), guard_walk(&text, "f", false));
        }

        /// An example questionnaire with one line replaced: what the parser
        /// answers is the same with and without the path tracked.
        #[test]
        fn fast_and_tracked_parse_agree(
            i in 0usize..8,
            line in 0usize..120,
            edit in proptest::string::string_regex("[a-z_0-9: ,\\-\\[\\]\"]{0,10}").unwrap(),
        ) {
            use crate::questionnaire::Questionnaire;
            let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let mut files: Vec<_> = std::fs::read_dir(root.join("questionnaires/examples"))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path())
                .collect();
            files.sort();
            prop_assume!(!files.is_empty());
            let text = std::fs::read_to_string(&files[i % files.len()]).unwrap_or_default();
            let mut lines: Vec<&str> = text.split('\n').collect();
            if line < lines.len() {
                lines[line] = &edit;
            }
            let text = lines.join("\n");
            prop_assume!(guard(&text, "f").is_ok());
            prop_assert_eq!(
                format!("{:?}", from_str::<Questionnaire>(&text, "f")),
                format!("{:?}", from_str_tracked::<Questionnaire>(&text, "f"))
            );
        }
    }
}

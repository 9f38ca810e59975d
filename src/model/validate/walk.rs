//! The rules that hold for every field of a kind, found by name: the
//! questionnaire serialises itself into a [`Walk`] that sees every string
//! and number where it stands.

use super::*;
use crate::diag::Code;

impl Checks<'_> {
    /// Checks that hold for every field of a kind, found by name rather than
    /// listed by hand, so a field added later is checked too: text without
    /// control characters (所有文字字段), every `year` / `*_year` within
    /// [`YEAR_MIN`]–data year, and percentages that look like fractions.
    pub(super) fn every_value(&mut self, q: &Questionnaire) {
        let mut walk = Walk {
            checks: self,
            // Room for the deepest path (`digital.scenes.…[12].name`), so
            // the buffer is not grown three times for every file.
            path: String::with_capacity(128),
            key_at: None,
            data_year: q.enterprise.data_year,
            pct: Vec::new(),
        };
        // Serialising into the walk only fails on types a questionnaire
        // does not hold (i128, non-text map keys); then nothing more is checked.
        let _ = q.serialize(&mut walk);
        let pct = std::mem::take(&mut walk.pct);
        self.fractions(&pct);
    }

    /// Checks a field's value by the field's name.
    pub(super) fn field(
        &mut self,
        key: &str,
        v: &serde_json::Value,
        path: &str,
        data_year: i32,
        pct: &mut Vec<(String, f64)>,
    ) {
        // data_year has its own range; baseline_year its own rule (before the data year).
        let year = (key == "year" || key.ends_with("_year")) && key != "data_year";
        if year && key != "baseline_year" {
            let y = v.as_i64().and_then(|y| i32::try_from(y).ok());
            if y.is_some() {
                self.year(path, y, data_year);
            }
        }
        if key == "baseline_year" {
            if let Some(y) = v.as_i64().filter(|y| *y < i64::from(YEAR_MIN)) {
                self.push(
                    Code::Range,
                    path,
                    Text::new(
                        format!("年份 {y} 早于 {YEAR_MIN}"),
                        format!("year {y} is before {YEAR_MIN}"),
                    ),
                    None,
                    false,
                );
            }
        }
        if is_amount(key) {
            let text = v
                .as_str()
                .map(str::to_string)
                .or_else(|| v.as_number().map(|n| n.to_string()));
            self.money(path, text.and_then(|t| t.parse::<Decimal>().ok()));
        }
        if key.ends_with("_pct") {
            if let Some(x) = v.as_f64() {
                pct.push((path.to_string(), x));
            }
        }
    }

    /// Text a person typed: no control characters (an ESC sequence would
    /// drive the terminal of whoever reads a report), no bidirectional
    /// overrides, and not made of invisible characters only.
    pub(super) fn text(&mut self, path: &str, s: &str) {
        // Printable ASCII (every id, code and figure written as text) holds no
        // control, bidirectional or invisible character: nothing to report.
        if is_printable_ascii(s) {
            return;
        }
        self.text_slowly(path, s);
    }

    /// [`Checks::text`] without its shortcut.
    fn text_slowly(&mut self, path: &str, s: &str) {
        // A name is one line: a line break in it could fake a line of output.
        let one_line = path.ends_with("name") || path.ends_with("credit_code");
        let bad = |c: &char| crate::textsafe::is_unsafe_char(*c) || (one_line && c.is_control());
        if let Some(c) = s.chars().find(bad) {
            let shown = c.escape_unicode().to_string();
            self.push(
                Code::TextControl,
                path,
                Text::new(
                    format!("文字中含有控制字符 {shown}"),
                    format!("the text contains the control character {shown}"),
                ),
                Some(Text::new(
                    "删除这个字符 (常见于从别处复制的文字); 文字中只能有可见字符、空格和换行",
                    "delete it (it often comes with text copied from elsewhere); text may hold visible characters, spaces and line breaks only",
                )),
                false,
            );
        } else if !s.is_empty() && crate::textsafe::looks_blank(s) && !s.trim().is_empty() {
            self.push(
                Code::TextInvisible,
                path,
                Text::new(
                    "文字只有不可见字符 (零宽字符)",
                    "the text has only invisible (zero-width) characters",
                ),
                Some(Text::new("请写出可见的文字", "write visible text")),
                false,
            );
        }
    }

    /// Percentages written as fractions (0.85 for 85%): when every filled-in
    /// `_pct` field is between −1 and 1 and one is not 0, warn once.
    pub(super) fn fractions(&mut self, pct: &[(String, f64)]) {
        let all_small = pct.iter().all(|(_, x)| x.abs() <= 1.0);
        if pct.is_empty() || !all_small || pct.iter().all(|(_, x)| *x == 0.0) {
            return;
        }
        let (first, x) = &pct[0];
        self.push(
            Code::Plausibility,
            first,
            Text::new(
                format!("所有百分比字段都在 −1 到 1 之间 (如 {x}): 是否写成了小数?"),
                format!("every percentage field is between −1 and 1 (such as {x}): were they written as fractions?"),
            ),
            Some(Text::new(
                "_pct 字段的单位是 %: 85% 写 85, 不写 0.85",
                "fields ending in _pct are in %: write 85 for 85%, not 0.85",
            )),
            true,
        );
    }
}

/// The walk of [`Checks::every_value`]: the questionnaire serialises itself
/// into this, field by field, so every string and number is seen where it
/// stands, without first building a `serde_json::Value` tree of the whole
/// questionnaire (that tree cost about a tenth of a file's screening). The
/// path is one buffer, grown and cut back as the walk enters and leaves a
/// field; only a reported problem and each `_pct` value (kept for the
/// fractions warning) copy it.
pub(super) struct Walk<'c, 'a> {
    checks: &'c mut Checks<'a>,
    /// `enterprise.name`, `lines[2].name`: the field now being visited.
    path: String,
    /// Where the current field's name starts in `path`; `None` for a list
    /// item, whose value is checked as text only (as the old tree walk did).
    key_at: Option<usize>,
    data_year: i32,
    pct: Vec<(String, f64)>,
}

/// Stops the walk: raised only for a value a questionnaire never holds.
#[derive(Debug)]
pub(super) struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("value outside the questionnaire's data model")
    }
}

impl std::error::Error for Stop {}

impl serde::ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'c, 'a> Walk<'c, 'a> {
    /// Enters field `key` of the object whose path ends at `base`.
    fn enter_key(&mut self, base: usize, key: &str) {
        self.path.truncate(base);
        if base > 0 {
            self.path.push('.');
        }
        self.key_at = Some(self.path.len());
        self.path.push_str(key);
    }

    /// Enters item `i` of the list whose path ends at `base`.
    fn enter_index(&mut self, base: usize, i: usize) {
        self.path.truncate(base);
        push_index(&mut self.path, i);
        self.key_at = None;
    }

    /// A number: checked by its field's name (year, amount, percentage).
    fn number(&mut self, n: serde_json::Number) {
        if let Some(at) = self.key_at {
            let key = &self.path[at..];
            if !named_for_a_check(key) {
                return;
            }
            let v = serde_json::Value::Number(n);
            self.checks
                .field(key, &v, &self.path, self.data_year, &mut self.pct);
        }
    }

    /// Text: an amount written as text is read as one, then every text is
    /// checked for control and invisible characters.
    fn text(&mut self, s: &str) {
        if let Some(at) = self.key_at {
            if is_amount(&self.path[at..]) {
                self.checks.money(&self.path, s.parse::<Decimal>().ok());
            }
        }
        self.checks.text(&self.path, s);
    }

    /// Starts a list, an object or a one-field object (an enum variant
    /// with data, serialised as `{variant: …}`).
    fn open(&mut self, variant: Option<&'static str>) -> Nested<'_, 'c, 'a> {
        let end = self.path.len();
        if let Some(v) = variant {
            self.enter_key(end, v);
        }
        Nested {
            base: self.path.len(),
            end,
            i: 0,
            walk: self,
        }
    }
}

/// A list or object being walked; `end` is the path to restore after it.
pub(super) struct Nested<'w, 'c, 'a> {
    walk: &'w mut Walk<'c, 'a>,
    base: usize,
    end: usize,
    i: usize,
}

impl Nested<'_, '_, '_> {
    fn item<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.walk.enter_index(self.base, self.i);
        self.i += 1;
        v.serialize(&mut *self.walk)
    }

    fn field<T: ?Sized + serde::Serialize>(&mut self, key: &str, v: &T) -> Result<(), Stop> {
        self.walk.enter_key(self.base, key);
        v.serialize(&mut *self.walk)
    }

    fn close(self) -> Result<(), Stop> {
        self.walk.path.truncate(self.end);
        self.walk.key_at = None;
        Ok(())
    }
}

impl<'w, 'c, 'a> serde::Serializer for &'w mut Walk<'c, 'a> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Nested<'w, 'c, 'a>;
    type SerializeTuple = Nested<'w, 'c, 'a>;
    type SerializeTupleStruct = Nested<'w, 'c, 'a>;
    type SerializeTupleVariant = Nested<'w, 'c, 'a>;
    type SerializeMap = Nested<'w, 'c, 'a>;
    type SerializeStruct = Nested<'w, 'c, 'a>;
    type SerializeStructVariant = Nested<'w, 'c, 'a>;

    fn serialize_bool(self, _: bool) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Stop> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Stop> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Stop> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Stop> {
        self.number(v.into());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Stop> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Stop> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Stop> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Stop> {
        self.number(v.into());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Stop> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Stop> {
        // NaN and infinities become null in JSON: no number to check.
        if let Some(n) = serde_json::Number::from_f64(v) {
            self.number(n);
        }
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Stop> {
        self.text(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Stop> {
        self.text(v);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_some<T: ?Sized + serde::Serialize>(self, v: &T) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stop> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<(), Stop> {
        self.text(v);
        Ok(())
    }
    fn serialize_newtype_struct<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + serde::Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        let mut one = self.open(None);
        one.field(variant, v)?;
        one.close()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stop> {
        Ok(self.open(None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stop> {
        Ok(self.open(None))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stop> {
        Ok(self.open(None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stop> {
        Ok(self.open(Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stop> {
        Ok(self.open(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stop> {
        Ok(self.open(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stop> {
        Ok(self.open(Some(variant)))
    }
}

impl serde::ser::SerializeSeq for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.item(v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeTuple for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_element<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.item(v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeTupleStruct for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.item(v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeTupleVariant for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        self.item(v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeStruct for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: ?Sized + serde::Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeStructVariant for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_field<T: ?Sized + serde::Serialize>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Stop> {
        self.field(key, v)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

impl serde::ser::SerializeMap for Nested<'_, '_, '_> {
    type Ok = ();
    type Error = Stop;
    fn serialize_key<T: ?Sized + serde::Serialize>(&mut self, key: &T) -> Result<(), Stop> {
        // Keys as JSON writes them (text, numbers, booleans); a questionnaire
        // has no maps today, so this rare path may allocate.
        let key = match serde_json::to_value(key).map_err(|_| Stop)? {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Bool(b) => b.to_string(),
            _ => return Err(Stop),
        };
        self.walk.enter_key(self.base, &key);
        Ok(())
    }
    fn serialize_value<T: ?Sized + serde::Serialize>(&mut self, v: &T) -> Result<(), Stop> {
        v.serialize(&mut *self.walk)
    }
    fn end(self) -> Result<(), Stop> {
        self.close()
    }
}

/// Whether [`Checks::field`] may check a number of this name: the year
/// (`year`, `*_year`), amount (`*_wan`, `*_m2`, `*_tce`) and percentage
/// (`*_pct`) names all end in one of these letters, so every other number
/// (counts, ratings, levels) is passed over by its last letter alone.
fn named_for_a_check(key: &str) -> bool {
    matches!(
        key.as_bytes().last(),
        Some(b'r' | b'n' | b'2' | b'e' | b't')
    )
}

/// Whether every byte is a printable ASCII character (space to `~`).
fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Appends `[i]` to a path, as `write!(path, "[{i}]")` does, without the
/// formatting machinery (a list item is entered for every item of every
/// list of every file).
fn push_index(path: &mut String, i: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = i;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    path.push('[');
    for &d in &digits[at..] {
        path.push(char::from(d));
    }
    path.push(']');
}

/// Fields in 万元, m² or tce: amounts, never negative.
pub(super) fn is_amount(key: &str) -> bool {
    key.ends_with("_wan") || key.ends_with("_m2") || key.ends_with("_tce")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_findings(path: &str, s: &str, shortcut: bool) -> Vec<Diagnostic> {
        let mut c = Checks {
            c: Collector::new("f.yaml", None),
        };
        match shortcut {
            true => c.text(path, s),
            false => c.text_slowly(path, s),
        }
        c.c.finish().0
    }

    /// The printable-ASCII shortcut skips only texts the full check finds
    /// nothing in, and the full check still finds what it should.
    #[test]
    fn the_ascii_shortcut_skips_only_clean_texts() {
        let printable: String = (b' '..=b'~').map(char::from).collect();
        let mut texts: Vec<String> = vec![String::new(), " ".into(), "   ".into(), printable];
        texts.extend((b' '..=b'~').map(|b| char::from(b).to_string()));
        texts.extend((b' '..=b'~').map(|b| format!("a{}b ", char::from(b))));
        let mut found = 0;
        for path in [
            "enterprise.name",
            "enterprise.credit_code",
            "lines[0].note",
            "x",
        ] {
            for t in &texts {
                assert!(is_printable_ascii(t));
                assert_eq!(text_findings(path, t, false).len(), 0, "{path} {t:?}");
            }
            // Texts outside the shortcut are checked in full, with or without it.
            for t in [
                "a\u{1b}[31m",
                "\u{200b}",
                "x\ny",
                "\t",
                "名称\u{202e}",
                "名称",
                "a\u{7f}",
            ] {
                let (with, without) = (text_findings(path, t, true), text_findings(path, t, false));
                assert!(!is_printable_ascii(t));
                assert_eq!(format!("{with:?}"), format!("{without:?}"), "{path} {t:?}");
                found += with.len();
            }
        }
        assert!(found >= 12, "{found}");
    }

    /// Every name `field` acts on passes the last-letter filter.
    #[test]
    fn every_checked_name_passes_the_filter() {
        for key in [
            "year",
            "data_year",
            "baseline_year",
            "recognition_year",
            "investment_wan",
            "area_m2",
            "energy_tce",
            "defect_rate_change_pct",
        ] {
            assert!(named_for_a_check(key), "{key}");
        }
        for key in ["employees", "level", "industrial_robots", "years", "scenes"] {
            assert!(!named_for_a_check(key), "{key}");
        }
    }

    #[test]
    fn an_index_is_written_as_format_writes_it() {
        let mut at = vec![0, 1, 9, 10, 11, 99, 100, 12_345, usize::MAX];
        at.extend(0..1_000);
        for i in at {
            let mut p = String::from("lines");
            push_index(&mut p, i);
            assert_eq!(p, format!("lines[{i}]"));
        }
    }
}

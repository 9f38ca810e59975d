//! Chinese typography (中文排版): full-width punctuation in Chinese prose.
//!
//! Labels and texts are assembled from pieces (a label, a colon, a value, a
//! note in brackets); this pass gives the result the punctuation a Chinese
//! reader expects — "企业：泉州…", "（共 120 台）" — while leaving figures,
//! formulas and English terms ("ERP, MES", "(2020)", "≥ 50%") alone.

use std::borrow::Cow;

/// Whether `c` is a CJK ideograph or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{3000}'..='\u{303F}'
        | '\u{FF00}'..='\u{FFEF}' | '\u{201C}' | '\u{201D}')
}

fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// `s` with `, : ; ( )` made full-width where they belong to Chinese prose:
/// a comma, colon or semicolon right after a CJK character (or after a
/// figure and before Chinese text), and a bracket pair whose content holds
/// Chinese. The space that followed (or preceded) such a mark is dropped.
pub fn punct(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| full_width(c).is_some()) || !s.chars().any(is_cjk) {
        return Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut convert = vec![false; chars.len()];
    mark_brackets(&chars, &mut convert);
    mark_separators(&chars, &mut convert);
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // The space before a full-width opening bracket goes.
        if c == ' ' && chars.get(i + 1) == Some(&'(') && convert[i + 1] {
            i += 1;
            continue;
        }
        match full_width(c).filter(|_| convert[i]) {
            Some(w) => {
                out.push(w);
                // The space after a full-width mark goes (not after an opening bracket).
                if c != '(' && chars.get(i + 1) == Some(&' ') {
                    i += 1;
                }
            }
            None => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out)
}

/// `, : ;` after a CJK character, or before Chinese text (after one space).
fn mark_separators(chars: &[char], convert: &mut [bool]) {
    for i in 0..chars.len() {
        if !matches!(chars[i], ',' | ':' | ';') {
            continue;
        }
        // A bracket about to become full-width counts as Chinese.
        let before = i
            .checked_sub(1)
            .map(|j| if convert[j] { '）' } else { chars[j] });
        let after = match chars.get(i + 1) {
            Some(' ') => chars.get(i + 2),
            other => other,
        };
        // "12:30" and "1,000" stay: a separator between two digits is a number.
        let in_number = before.is_some_and(|c| c.is_ascii_digit())
            && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if !in_number
            && !ends_entity(chars, i)
            && (before.is_some_and(is_cjk) || after.is_some_and(|c| is_cjk(*c)))
        {
            convert[i] = true;
        }
    }
}

/// Whether the `;` at `i` ends an HTML character reference (`&#x2f;`, `&amp;`).
fn ends_entity(chars: &[char], i: usize) -> bool {
    if chars[i] != ';' {
        return false;
    }
    let start = i.saturating_sub(10);
    chars[start..i]
        .iter()
        .rposition(|&c| c == '&')
        .is_some_and(|amp| {
            chars[start + amp + 1..i]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == '#')
        })
}

/// A `( … )` pair whose content holds a CJK character, or that follows a
/// CJK character directly ("线上线下(O2O)转型").
fn mark_brackets(chars: &[char], convert: &mut [bool]) {
    let mut open: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    let after_cjk = o > 0 && is_cjk(chars[o - 1]);
                    if after_cjk || chars[o + 1..i].iter().any(|c| is_cjk(*c)) {
                        convert[o] = true;
                        convert[i] = true;
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_prose_gets_full_width_marks() {
        assert_eq!(punct("企业: 泉州华履"), "企业：泉州华履");
        assert_eq!(
            punct("估算成熟度 (非认证): 等级 1"),
            "估算成熟度（非认证）：等级 1"
        );
        assert_eq!(
            punct("35% < 50%: 还需 18 台 (共 120 台关键装备)"),
            "35% < 50%：还需 18 台（共 120 台关键装备）"
        );
        assert_eq!(punct("需上线 MES, PLM/PDM"), "需上线 MES, PLM/PDM");
        assert_eq!(punct("上线 ERP, 再上线 MES"), "上线 ERP，再上线 MES");
        assert_eq!(
            punct("上限 (五(五) 末段): 35万元"),
            "上限（五（五）末段）：35万元"
        );
    }

    #[test]
    fn figures_formulas_and_english_stay() {
        assert_eq!(punct("全国 55.3% (2021)"), "全国 55.3% (2021)");
        assert_eq!(punct("1,000 台"), "1,000 台");
        assert_eq!(punct("Enterprise: Acme (2017)"), "Enterprise: Acme (2017)");
        assert_eq!(punct("12:30 开始"), "12:30 开始");
        assert_eq!(punct("车间&#x2f;工厂"), "车间&#x2f;工厂");
        assert_eq!(punct("线上线下(O2O)转型"), "线上线下（O2O）转型");
    }
}

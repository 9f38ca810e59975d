//! The 统一社会信用代码 check character (GB 32100-2015).

use crate::lang::Text;

/// Characters of a 统一社会信用代码, in value order (GB 32100-2015: digits and
/// upper-case letters without I, O, S, V, Z).
pub(super) const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Position weights 3^(i) mod 31 for the first 17 characters.
pub(super) const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The value of each ASCII byte as a code character (lower case read as
/// upper case, as [`check_credit_code`] does), or `NOT_A_CODE_CHAR`.
const NOT_A_CODE_CHAR: u8 = u8::MAX;
const VALUES: [u8; 128] = {
    let mut t = [NOT_A_CODE_CHAR; 128];
    let chars = USCC_CHARS.as_bytes();
    let mut v = 0;
    while v < chars.len() {
        t[chars[v] as usize] = v as u8;
        t[chars[v].to_ascii_lowercase() as usize] = v as u8;
        v += 1;
    }
    t
};

/// Check a 统一社会信用代码 (unified social credit code): 18 characters from
/// the allowed set, and the check character per GB 32100-2015.
///
/// A valid code (nearly every one a batch screens) is decided on its bytes
/// without allocating; any other is left to [`check_slowly`], which says
/// what is wrong, so the messages are those of the one full check.
pub fn check_credit_code(code: &str) -> Result<(), Text> {
    if is_valid_code(code.as_bytes()) {
        return Ok(());
    }
    check_slowly(code)
}

/// Whether `code` is 18 code characters with the right check character
/// (the same rule as [`check_slowly`], on bytes).
fn is_valid_code(code: &[u8]) -> bool {
    let Ok(code) = <&[u8; 18]>::try_from(code) else {
        return false;
    };
    let mut sum = 0u32;
    let mut last = 0u32;
    for (i, &b) in code.iter().enumerate() {
        let v = match VALUES.get(usize::from(b)) {
            Some(&v) if v != NOT_A_CODE_CHAR => u32::from(v),
            _ => return false,
        };
        match USCC_WEIGHTS.get(i) {
            Some(w) => sum += v * w,
            None => last = v,
        }
    }
    last == (31 - sum % 31) % 31
}

/// The full check, with the reason when the code is not valid.
fn check_slowly(code: &str) -> Result<(), Text> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(Text::new(
            format!("统一社会信用代码应为 18 位, 这里是 {} 位", chars.len()),
            format!(
                "a unified social credit code has 18 characters, this one has {}",
                chars.len()
            ),
        ));
    }
    let mut values = Vec::with_capacity(18);
    for (i, c) in chars.iter().enumerate() {
        match USCC_CHARS.find(c.to_ascii_uppercase()) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(Text::new(
                    format!("第 {} 位字符 `{c}` 不允许出现 (不用 I、O、S、V、Z)", i + 1),
                    format!(
                        "character {} `{c}` is not allowed (I, O, S, V and Z are never used)",
                        i + 1
                    ),
                ))
            }
        }
    }
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        let expected = USCC_CHARS.chars().nth(check as usize).unwrap_or('?');
        return Err(Text::new(
            format!("校验位应为 `{expected}`, 实为 `{}`", chars[17]),
            format!(
                "the check character should be `{expected}`, not `{}`",
                chars[17]
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte shortcut answers as the full check on valid codes, on every
    /// code with one character replaced (by each code character in both
    /// cases, a letter never used, a digit, a non-ASCII character), and on
    /// codes one character too short or too long.
    #[test]
    fn the_byte_check_answers_as_the_full_check() {
        // Valid codes made here (the model does not reach up to the sample
        // generator): 17 characters stepped through the code alphabet, then
        // the check character of GB 32100 (31 − Σ weight × value mod 31).
        let alphabet: Vec<char> = USCC_CHARS.chars().collect();
        let mut codes: Vec<String> = (0..150usize)
            .map(|n| {
                let body: Vec<usize> = (0..17).map(|i| (n * 7 + i * i * 3 + n / 5) % 31).collect();
                let sum: u32 = body
                    .iter()
                    .zip(USCC_WEIGHTS)
                    .map(|(&v, w)| v as u32 * w)
                    .sum();
                let check = ((31 - sum % 31) % 31) as usize;
                body.iter().chain([&check]).map(|&v| alphabet[v]).collect()
            })
            .collect();
        assert!(
            codes.iter().all(|c| check_slowly(c).is_ok()),
            "the made codes are valid"
        );
        codes.push("91350100M000100Y43".into());
        let mut cases: Vec<String> = Vec::new();
        let others: Vec<char> = USCC_CHARS
            .chars()
            .flat_map(|c| [c, c.to_ascii_lowercase()])
            .chain([
                'I', 'O', 'S', 'V', 'Z', 'i', 'z', '-', ' ', '中', 'Ⅰ', '\u{0}',
            ])
            .collect();
        for code in codes.iter().take(20) {
            let chars: Vec<char> = code.chars().collect();
            for i in 0..chars.len() {
                for &c in &others {
                    let mut m = chars.clone();
                    m[i] = c;
                    cases.push(m.into_iter().collect());
                }
            }
            cases.push(code[..17].to_string());
            cases.push(format!("{code}0"));
            cases.push(code.to_ascii_lowercase());
        }
        cases.extend(codes);
        cases.extend(["", "0", "000000000000000000", "中文中文中文"].map(String::from));
        let mut valid = 0;
        for c in &cases {
            let fast = check_credit_code(c);
            assert_eq!(fast, check_slowly(c), "{c:?}");
            valid += usize::from(fast.is_ok());
        }
        // Both answers occur, so the comparison is not one-sided.
        assert!(
            valid > 100 && valid < cases.len() / 2,
            "{valid} of {}",
            cases.len()
        );
    }
}

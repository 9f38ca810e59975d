//! The 统一社会信用代码 check character (GB 32100-2015).

use crate::lang::Text;

/// Characters of a 统一社会信用代码, in value order (GB 32100-2015: digits and
/// upper-case letters without I, O, S, V, Z).
pub(super) const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Position weights 3^(i) mod 31 for the first 17 characters.
pub(super) const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Check a 统一社会信用代码 (unified social credit code): 18 characters from
/// the allowed set, and the check character per GB 32100-2015.
pub fn check_credit_code(code: &str) -> Result<(), Text> {
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

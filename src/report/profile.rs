//! The consultant's profile (顾问信息): who made the report and for whom — the
//! consulting firm, the consultant, the client's contact, the visit date, a
//! logo, a confidentiality line and a sign-off — read from a small YAML file
//! (`--profile consultant.yaml`) and shown on the cover block and in the
//! audit block of the HTML, Markdown and DOCX reports.
//!
//! ```yaml
//! firm: 泉州智造咨询有限公司
//! consultant: 林晓
//! client_contact: 王总 (生产副总)
//! visit_date: 2017-03-15
//! logo: logo.png            # PNG, relative to this file
//! confidentiality: 内部资料，仅供华履鞋业管理层使用
//! sign_off: 顾问签字：________  日期：________
//! ```

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The largest logo read, so a wrong path to a huge file does not end up in
/// every report.
const MAX_LOGO_BYTES: usize = 2 * 1024 * 1024;

/// A consultant profile. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// 咨询机构 / Consulting firm.
    #[serde(default)]
    pub firm: Option<String>,
    /// 顾问 / Consultant.
    #[serde(default)]
    pub consultant: Option<String>,
    /// 企业联系人 / The client's contact.
    #[serde(default)]
    pub client_contact: Option<String>,
    /// 现场调研日期 / Date of the site visit.
    #[serde(default)]
    pub visit_date: Option<String>,
    /// 标志 (PNG), relative to the profile file / Logo (PNG).
    #[serde(default)]
    pub logo: Option<PathBuf>,
    /// 保密声明 / Confidentiality line.
    #[serde(default)]
    pub confidentiality: Option<String>,
    /// 签字栏 / Sign-off line.
    #[serde(default)]
    pub sign_off: Option<String>,
    /// The logo's PNG bytes, read when the profile is loaded.
    #[serde(skip)]
    pub logo_png: Option<Vec<u8>>,
}

/// A profile that cannot be used, with the file, where and why.
#[derive(Debug)]
pub struct ProfileError {
    /// Chinese message.
    pub zh: String,
    /// English message.
    pub en: String,
}

impl Profile {
    /// Read a profile file, and its logo if it names one.
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let shown = path.display();
        let text = std::fs::read_to_string(path).map_err(|e| ProfileError {
            zh: format!("无法读取顾问信息文件 {shown}: {e}"),
            en: format!("cannot read the profile {shown}: {e}"),
        })?;
        let mut p: Profile = serde_yaml::from_str(&text).map_err(|e| {
            let at = e
                .location()
                .map(|l| format!(":{}:{}", l.line(), l.column()))
                .unwrap_or_default();
            ProfileError {
                zh: format!(
                    "{shown}{at}: 顾问信息文件无效: {e}\n  提示: 可用字段为 firm、consultant、client_contact、visit_date、logo、confidentiality、sign_off"
                ),
                en: format!(
                    "{shown}{at}: invalid profile: {e}\n  hint: the fields are firm, consultant, client_contact, visit_date, logo, confidentiality, sign_off"
                ),
            }
        })?;
        if let Some(logo) = &p.logo {
            let full = path.parent().unwrap_or(Path::new(".")).join(logo);
            p.logo_png = Some(read_png(&full)?);
        }
        Ok(p)
    }

    /// The logo's size in pixels, from its PNG header.
    pub fn logo_size(&self) -> Option<(u32, u32)> {
        let b = self.logo_png.as_deref()?;
        let w = u32::from_be_bytes(b.get(16..20)?.try_into().ok()?);
        let h = u32::from_be_bytes(b.get(20..24)?.try_into().ok()?);
        (w > 0 && h > 0).then_some((w, h))
    }
}

fn read_png(path: &Path) -> Result<Vec<u8>, ProfileError> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| ProfileError {
        zh: format!("无法读取标志 {shown}: {e}"),
        en: format!("cannot read the logo {shown}: {e}"),
    })?;
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.len() < 24 {
        return Err(ProfileError {
            zh: format!("标志 {shown} 不是 PNG 图片\n  提示: 请另存为 PNG"),
            en: format!("the logo {shown} is not a PNG image\n  hint: save it as PNG"),
        });
    }
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(ProfileError {
            zh: format!("标志 {shown} 超过 2 MB"),
            en: format!("the logo {shown} is larger than 2 MB"),
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("p.yaml");
        std::fs::write(&f, "firm: 泉州智造咨询\nconsultent: 林晓\n").unwrap();
        let e = Profile::load(&f).unwrap_err();
        assert!(e.en.contains(":2:"), "{}", e.en);
        assert!(e.en.contains("consultent"), "{}", e.en);
        std::fs::write(&f, "firm: 泉州智造咨询\nlogo: missing.png\n").unwrap();
        assert!(Profile::load(&f).unwrap_err().zh.contains("missing.png"));
    }
}

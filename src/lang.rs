//! Languages (语言). Every user-facing label exists in zh-CN and en.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Output language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 简体中文 (the default: users read Chinese first).
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Pick the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// Language from a locale string such as `zh_CN.UTF-8`, `zh-Hans-CN`,
    /// `en_US` or a Windows name such as `Chinese (Simplified)_China.936`.
    pub fn from_locale(locale: &str) -> Lang {
        let l = locale.trim().to_ascii_lowercase();
        if l.starts_with("zh") || l.starts_with("chinese") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// Whether a locale value says nothing about the language: empty, `C`,
    /// `POSIX` or `C.UTF-8` (the usual value in containers and CI).
    fn is_neutral(locale: &str) -> bool {
        let base = locale
            .trim()
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        base.is_empty() || base == "C" || base == "POSIX"
    }

    /// The default language from locale values, without touching the
    /// process (so it can be tested): the first of `LC_ALL`, `LC_MESSAGES`,
    /// `LANG` that names a language decides; then the system locale (as
    /// `sys-locale` reports it); Chinese when the locale is Chinese, English
    /// for any other language, and Chinese when nothing names a language
    /// (the users of this tool read Chinese first).
    pub fn from_locale_values(
        lc_all: Option<&str>,
        lc_messages: Option<&str>,
        lang: Option<&str>,
        system: Option<&str>,
    ) -> Lang {
        [lc_all, lc_messages, lang, system]
            .into_iter()
            .flatten()
            .find(|v| !Lang::is_neutral(v))
            .map(Lang::from_locale)
            .unwrap_or(Lang::Zh)
    }

    /// Language from the environment: `LC_ALL`, then `LC_MESSAGES`, then
    /// `LANG`, then the system locale (`sys-locale`: the user's language
    /// setting on Windows and macOS); see [`Lang::from_locale_values`].
    pub fn from_env() -> Lang {
        let var = |k: &str| std::env::var(k).ok();
        let (all, messages, lang) = (var("LC_ALL"), var("LC_MESSAGES"), var("LANG"));
        let decided = [&all, &messages, &lang]
            .into_iter()
            .flatten()
            .any(|v| !Lang::is_neutral(v));
        // Only ask the system when the environment does not decide.
        let system = if decided {
            None
        } else {
            sys_locale::get_locale()
        };
        Lang::from_locale_values(
            all.as_deref(),
            messages.as_deref(),
            lang.as_deref(),
            system.as_deref(),
        )
    }
}

/// 双语文本 / A text in both languages (Chinese and English).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// 中文文本 / Chinese text.
    pub zh: Cow<'static, str>,
    /// 英文文本 / English text.
    pub en: Cow<'static, str>,
}

impl Text {
    /// Build from two strings. Literals are borrowed, not copied: most texts
    /// are fixed labels, and a batch screening builds thousands of them.
    pub fn new(zh: impl Into<Cow<'static, str>>, en: impl Into<Cow<'static, str>>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The text in one language.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_strings_map_to_languages() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("de_DE"), Lang::En);
        assert_eq!(Lang::from_locale("zh-Hans-CN"), Lang::Zh);
        assert_eq!(
            Lang::from_locale("Chinese (Simplified)_China.936"),
            Lang::Zh
        );
    }

    #[test]
    fn the_first_locale_variable_that_names_a_language_decides() {
        let f = Lang::from_locale_values;
        assert_eq!(
            f(Some("en_US.UTF-8"), None, Some("zh_CN.UTF-8"), None),
            Lang::En
        );
        assert_eq!(f(None, Some("zh_CN.UTF-8"), Some("en_US"), None), Lang::Zh);
        assert_eq!(f(None, None, Some("en_GB.UTF-8"), Some("zh-CN")), Lang::En);
        // C, POSIX, C.UTF-8 and empty values say nothing: the next source decides.
        assert_eq!(f(Some("C"), Some(""), Some("en_US"), None), Lang::En);
        assert_eq!(f(Some("C.UTF-8"), None, None, Some("en-US")), Lang::En);
        assert_eq!(f(Some("POSIX"), None, None, Some("zh-Hans-CN")), Lang::Zh);
        // Nothing at all: Chinese.
        assert_eq!(f(None, None, None, None), Lang::Zh);
        assert_eq!(f(Some("C"), None, Some("POSIX"), None), Lang::Zh);
    }
}

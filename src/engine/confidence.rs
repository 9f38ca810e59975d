//! 来源可信度 / How sure a figure is: the confidence tag every figure of a
//! current-framework pack carries (see `../shared/research/current-frameworks.md`).
//! Figures tagged [S], [T] or [M] are reference values: reports mark them
//! exactly like the project's own reference thresholds [R].

use crate::lang::Text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a figure comes from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Confidence {
    /// 官方原文 (gov.cn) / Official text on a government site.
    #[serde(rename = "O")]
    Official,
    /// 官方文件的逐字转载 / An official notice reproduced verbatim elsewhere.
    #[serde(rename = "O-r")]
    OfficialRepost,
    /// 二手来源 (新闻、解读) / Secondary: news, commentary, consultancy.
    #[serde(rename = "S")]
    Secondary,
    /// 第三方代码或数据 / Third-party code or data in a public repository.
    #[serde(rename = "T")]
    ThirdParty,
    /// 推断 / An inference, not a source.
    #[serde(rename = "M")]
    Inference,
}

impl Confidence {
    /// The tag as written in packs and reports: "O", "O-r", "S", "T", "M".
    pub fn tag(self) -> &'static str {
        match self {
            Confidence::Official => "O",
            Confidence::OfficialRepost => "O-r",
            Confidence::Secondary => "S",
            Confidence::ThirdParty => "T",
            Confidence::Inference => "M",
        }
    }

    /// A reference value: not confirmed from an official text ([S], [T], [M]).
    pub fn is_reference(self) -> bool {
        matches!(
            self,
            Confidence::Secondary | Confidence::ThirdParty | Confidence::Inference
        )
    }

    /// The mark shown beside a figure: " [S]", " [T]", " [M]"; empty for
    /// official figures, which need no mark.
    pub fn mark(self) -> String {
        if self.is_reference() {
            format!(" [{}]", self.tag())
        } else {
            String::new()
        }
    }

    /// What the tag means, for report legends.
    pub fn meaning(self) -> Text {
        match self {
            Confidence::Official => Text::new("官方原文", "official text"),
            Confidence::OfficialRepost => Text::new("官方文件转载", "official text, reposted"),
            Confidence::Secondary => Text::new(
                "参考值: 仅见于新闻或解读, 未核对官方原文",
                "reference value: seen only in news or commentary, not checked against the official text",
            ),
            Confidence::ThirdParty => Text::new(
                "参考值: 仅见于第三方代码或数据, 未核对官方原文",
                "reference value: seen only in third-party code or data, not checked against the official text",
            ),
            Confidence::Inference => Text::new("参考值: 推断", "reference value: an inference"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Confidence;

    #[test]
    fn only_unconfirmed_figures_are_reference_values() {
        let all: Vec<Confidence> =
            serde_yaml::from_str("[O, O-r, S, T, M]").expect("every tag parses");
        let marks: Vec<String> = all.iter().map(|c| c.mark()).collect();
        assert_eq!(marks, ["", "", " [S]", " [T]", " [M]"]);
        assert!(serde_yaml::from_str::<Confidence>("X").is_err());
    }
}

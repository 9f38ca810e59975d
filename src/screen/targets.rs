//! District targets (区级目标) and the dashboard that tracks them.

use super::{Aggregates, LevelTally};
use crate::confidence::Confidence;
use crate::lang::Text;
use rust_decimal::Decimal;
use serde::Serialize;

pub use crate::engine::targets::{
    default_targets, LevelGoal, SectorTarget, Target, Targets, DEFAULT_TARGETS,
    DEFAULT_TARGETS_NAME,
};

/// One line of the dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct TargetLine {
    /// Stable id.
    pub id: String,
    /// What.
    pub label: Text,
    /// Where the batch stands (None when no enterprise gives the figure).
    pub actual: Option<Decimal>,
    /// Target.
    pub target: Decimal,
    /// Unit: `ratio`, `per_10k`, `count`, `yi`.
    pub unit: &'static str,
    /// Target year.
    pub year: i32,
    /// Clause.
    pub clause: String,
    /// actual ÷ target, when both known.
    pub progress: Option<Decimal>,
    /// How it is computed.
    pub basis: Text,
    /// How sure the target figure is, when it is not the notice's own
    /// (a reference value [S] is marked in the label too).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// Web address of the target's source, when it is not the notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn line(
    id: &str,
    label: Text,
    actual: Option<Decimal>,
    t: &Target,
    unit: &'static str,
    basis: Text,
) -> TargetLine {
    TargetLine {
        id: id.into(),
        label,
        actual,
        target: t.value,
        unit,
        year: t.year,
        clause: t.clause.clone(),
        progress: actual.and_then(|a| (!t.value.is_zero()).then(|| (a / t.value).round_dp(4))),
        basis,
        confidence: None,
        source: None,
    }
}

fn ratio(n: u64, d: u64, scale: u64) -> Option<Decimal> {
    (d > 0).then(|| (Decimal::from(n) * Decimal::from(scale) / Decimal::from(d)).round_dp(4))
}

/// The dashboard lines.
pub fn dashboard(t: &Targets, a: &Aggregates) -> Vec<TargetLine> {
    let mut out = Vec::new();
    let above: usize = a.sectors.values().map(|s| s.above_designated_size).sum();
    let automated: usize = a.sectors.values().map(|s| s.automated_digital_above).sum();
    if let Some(x) = t.targets.get("automated_digital_share") {
        out.push(line(
            "automated_digital_share",
            Text::new(
                "规上企业中自动化、数字化制造企业占比",
                "Share of 规上 manufacturers automated & digital",
            ),
            ratio(automated as u64, above as u64, 1),
            x,
            "ratio",
            Text::new(
                format!("{automated} / {above} 家规上企业达到标准"),
                format!("{automated} of {above} 规上 firms meet the criterion"),
            ),
        ));
    }
    if let Some(x) = t.targets.get("robot_density") {
        out.push(line(
            "robot_density",
            Text::new(
                "机器人密度 (规上离散企业合计)",
                "Robot density (规上 discrete firms, aggregate)",
            ),
            ratio(a.robots, a.workers, 10_000),
            x,
            "per_10k",
            Text::new(
                format!("{} 台 / {} 名产业工人 × 10,000", a.robots, a.workers),
                format!("{} robots / {} workers × 10,000", a.robots, a.workers),
            ),
        ));
    }
    if let Some(x) = t.targets.get("cnc_ratio_key_discrete") {
        out.push(line(
            "cnc_ratio_key_discrete",
            Text::new(
                "关键装备数控化率 (规上离散企业合计)",
                "Key-equipment CNC ratio (规上 discrete firms, aggregate)",
            ),
            ratio(a.key_cnc, a.key_total, 1),
            x,
            "ratio",
            Text::new(
                format!("{} / {} 台关键装备", a.key_cnc, a.key_total),
                format!("{} of {} key machines", a.key_cnc, a.key_total),
            ),
        ));
    }
    for (id, rec, cand, zh, en) in [
        (
            "digital_workshops",
            a.digital_workshops_recognised,
            a.digital_workshop_candidates.count,
            "数字化车间",
            "digital workshops",
        ),
        (
            "smart_factories",
            a.smart_factories_recognised,
            a.smart_factory_candidates.count,
            "智能工厂",
            "smart factories",
        ),
    ] {
        if let Some(x) = t.targets.get(id) {
            out.push(line(
                id,
                Text::new(format!("已认定{zh}"), format!("Recognised {en}")),
                Some(Decimal::from(rec)),
                x,
                "count",
                Text::new(
                    format!("另有 {cand} 家达到参考标准, 可申请认定"),
                    format!("{cand} more meet the reference criteria and could apply"),
                ),
            ));
        }
    }
    let d = &t.demonstration_projects;
    for (sector, target) in &d.by_sector {
        let n = a.demonstration.get(sector).map(|r| r.count).unwrap_or(0);
        out.push(line(
            &format!("demonstration_{}", sector.id()),
            Text::new(
                format!("示范项目候选 · {}", sector.zh()),
                format!("Demonstration candidates · {}", sector.en()),
            ),
            Some(Decimal::from(n)),
            &Target {
                value: *target,
                year: d.year,
                clause: d.clause.clone(),
                note: d.note.clone(),
            },
            "count",
            Text::new(
                "达到数字化车间水平或已认定的企业",
                "firms at digital-workshop level or recognised",
            ),
        ));
    }
    let o = &t.output_2025_yi;
    let yi = Decimal::from(10_000);
    for (sector, target) in &o.by_sector {
        let wan = a
            .sectors
            .get(sector)
            .map(|s| s.output_wan)
            .unwrap_or_default();
        out.push(line(
            &format!("output_{}", sector.id()),
            Text::new(
                format!("工业总产值 · {} (亿元)", sector.zh()),
                format!("Output · {} (亿元)", sector.en()),
            ),
            Some((wan / yi).round_dp(2)),
            &Target {
                value: *target,
                year: o.year,
                clause: o.clause.clone(),
                note: o.note.clone(),
            },
            "yi",
            Text::new("筛选企业产值合计", "sum over screened firms"),
        ));
    }
    if let Some(g) = &t.digital_level_share {
        out.extend(digital_level_lines(g, a));
    }
    let total: Decimal = a.sectors.values().map(|s| s.output_wan).sum();
    out.push(line(
        "output_total",
        Text::new("工业总产值合计 (亿元)", "Total output (亿元)"),
        Some((total / yi).round_dp(2)),
        &Target {
            value: o.total,
            year: o.year,
            clause: o.clause.clone(),
            note: o.note.clone(),
        },
        "yi",
        Text::new("筛选企业产值合计", "sum over screened firms"),
    ));
    out
}

/// 级 names of the digital level, for labels (0 = 未达一级).
fn level_zh(l: u8) -> &'static str {
    ["未达一级", "一级", "二级", "三级", "四级"][usize::from(l.min(4))]
}

/// The share of 规上 enterprises at `g.min_level` or above, overall and (when
/// the goal holds per sector) by sector — only once a score sheet applied
/// to some enterprise, so a batch of 2017 files has no such line. The
/// denominator is every 规上 enterprise the sheet applied to: one whose level
/// could not be decided (data missing) counts as not reaching it.
fn digital_level_lines(g: &LevelGoal, a: &Aggregates) -> Vec<TargetLine> {
    if a.digital_assessed == 0 {
        return Vec::new();
    }
    let target = Target {
        value: g.value,
        year: g.year,
        clause: g.clause.clone(),
        note: g.note.clone(),
    };
    let mark = g.confidence.mark();
    let lv = level_zh(g.min_level);
    let one = |id: String, zh: String, en: String, t: &LevelTally| {
        let (n, d) = (t.at_least(g.min_level), t.total());
        let mut l = line(
            &id,
            Text::new(format!("{zh}{mark}"), format!("{en}{mark}")),
            ratio(n as u64, d as u64, 1),
            &target,
            "ratio",
            Text::new(
                format!(
                    "{n} / {d} 家规上企业达到{lv}以上 (其中 {} 家数据不全、未能评定, 计为未达到)",
                    t.unknown
                ),
                format!(
                    "{n} of {d} 规上 firms at {lv} or above ({} could not be graded for missing data and count as not reaching it)",
                    t.unknown
                ),
            ),
        );
        l.confidence = Some(g.confidence);
        l.source = Some(g.source.clone());
        l
    };
    let mut all = LevelTally::default();
    for s in a.sectors.values() {
        all.merge(&s.digital_levels_above);
    }
    let mut out = vec![one(
        "digital_level_share".into(),
        format!("规上企业数字化水平{lv}以上占比"),
        format!("Share of 规上 firms at digital level {lv}+"),
        &all,
    )];
    if g.by_sector {
        for (sector, s) in &a.sectors {
            if s.digital_levels_above.is_empty() {
                continue;
            }
            out.push(one(
                format!("digital_level_share_{}", sector.id()),
                format!("数字化水平{lv}以上占比 · {}", sector.zh()),
                format!("Digital level {lv}+ share · {}", sector.en()),
                &s.digital_levels_above,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_targets_load() {
        let t = default_targets();
        assert_eq!(t.targets["robot_density"].value, Decimal::from(100));
        assert_eq!(t.demonstration_projects.total, Decimal::from(20));
        let sum: Decimal = t.demonstration_projects.by_sector.values().copied().sum();
        assert_eq!(
            sum, t.demonstration_projects.total,
            "10 + 5 + 5 = 20 (一(二))"
        );
    }
}

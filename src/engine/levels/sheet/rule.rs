//! 等级判定 / The level rule: the highest level whose gates (least score,
//! least scenes at a level, how many of them 约束性) are all met.

use super::format::{Level, LevelRule, SceneGate};
use super::score::shown;
use crate::lang::Text;
use rust_decimal::Decimal;

/// What the rule reads: the score and each scene's (level, constraint flag).
#[derive(Debug, Clone)]
pub(super) struct Standing {
    pub score: Decimal,
    pub scenes: Vec<(u8, bool)>,
}

impl Standing {
    /// Scenes at `min_level` or above, and how many of them are constraint scenes.
    fn counted(&self, min_level: u8) -> (u32, u32) {
        let mut n = 0;
        let mut c = 0;
        for (l, constraint) in &self.scenes {
            if *l >= min_level {
                n += 1;
                c += u32::from(*constraint);
            }
        }
        (n, c)
    }
}

/// A level's gates checked against a standing, without words: the one
/// place a gate is decided ([`reached`] reads it as is, the texts word it).
struct Checked {
    /// The score, and whether it reaches the level's least score.
    score_ok: bool,
    /// With a scene gate: the gate, scenes counted, constraint scenes among them.
    scenes: Option<(SceneGate, u32, u32)>,
}

impl Checked {
    fn of(l: &Level, s: &Standing) -> Checked {
        Checked {
            score_ok: s.score >= l.min_score,
            scenes: l.scenes.map(|g| {
                let (n, c) = s.counted(g.min_level);
                (g, n, c)
            }),
        }
    }

    /// Every gate of the level is met.
    fn all_met(&self) -> bool {
        self.score_ok
            && self
                .scenes
                .is_none_or(|(g, n, c)| n >= g.count && (g.constraint == 0 || c >= g.constraint))
    }
}

/// One gate of a level, checked: its text (with the factory's figure) and whether it is met.
fn gates(l: &Level, s: &Standing, mark: &str) -> Vec<(bool, Text)> {
    let checked = Checked::of(l, s);
    let sc = shown(s.score);
    let min = shown(l.min_score);
    let ok = checked.score_ok;
    let cmp = if ok { "≥" } else { "<" };
    let mut out = vec![(
        ok,
        Text::new(
            format!("得分 {sc} {cmp} {min}{mark}"),
            format!("score {sc} {cmp} {min}{mark}"),
        ),
    )];
    if let Some((g, n, c)) = checked.scenes {
        out.extend(scene_gates(g, n, c, mark));
    }
    out
}

fn scene_gates(g: SceneGate, n: u32, c: u32, mark: &str) -> Vec<(bool, Text)> {
    let lv = level_zh(g.min_level);
    let cmp = |ok: bool| if ok { "≥" } else { "<" };
    let mut out = vec![(
        n >= g.count,
        Text::new(
            format!("{lv}及以上场景 {n} {} {}{mark}", cmp(n >= g.count), g.count),
            format!(
                "scenes at level {} or above {n} {} {}{mark}",
                g.min_level,
                cmp(n >= g.count),
                g.count
            ),
        ),
    )];
    if g.constraint > 0 {
        let ok = c >= g.constraint;
        out.push((
            ok,
            Text::new(
                format!("其中约束性场景 {c} {} {}{mark}", cmp(ok), g.constraint),
                format!(
                    "of them constraint scenes {c} {} {}{mark}",
                    cmp(ok),
                    g.constraint
                ),
            ),
        ));
    }
    out
}

fn level_zh(l: u8) -> &'static str {
    ["零级", "一级", "二级", "三级", "四级"]
        .get(usize::from(l))
        .copied()
        .unwrap_or("四级")
}

/// The highest level whose gates are all met; 0 when none is.
pub(super) fn reached(r: &LevelRule, s: &Standing) -> u8 {
    r.levels
        .iter()
        .filter(|l| Checked::of(l, s).all_met())
        .map(|l| l.level)
        .max()
        .unwrap_or(0)
}

/// A level's name; `below` for 0.
pub(super) fn name(r: &LevelRule, level: u8) -> Text {
    r.levels
        .iter()
        .find(|l| l.level == level)
        .map_or_else(|| r.below.clone(), |l| l.name.clone())
}

/// The gates of a level joined in one line: all of them, or only the unmet ones.
fn joined(l: &Level, s: &Standing, mark: &str, unmet_only: bool) -> Text {
    let g: Vec<Text> = gates(l, s, mark)
        .into_iter()
        .filter(|(ok, _)| !unmet_only || !ok)
        .map(|(_, t)| t)
        .collect();
    let zh: Vec<&str> = g.iter().map(|t| t.zh.as_ref()).collect();
    let en: Vec<&str> = g.iter().map(|t| t.en.as_ref()).collect();
    Text::new(zh.join(", "), en.join(", "))
}

/// What the next level (after `level`) lacks, one line per unmet gate.
pub(super) fn gaps(r: &LevelRule, level: u8, s: &Standing) -> Option<(u8, Text, Vec<Text>)> {
    let next = r
        .levels
        .iter()
        .find(|l| Some(l.level) == level.checked_add(1))?;
    let mark = r.confidence.mark();
    let lines = gates(next, s, &mark)
        .into_iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, t)| t)
        .collect();
    Some((next.level, next.name.clone(), lines))
}

/// Why the factory is at `level`: the gates it meets, then what the next level lacks.
pub(super) fn decided_by(r: &LevelRule, level: u8, s: &Standing) -> Text {
    let mark = r.confidence.mark();
    let mut zh = String::new();
    let mut en = String::new();
    if let Some(l) = r.levels.iter().find(|l| l.level == level) {
        let t = joined(l, s, &mark, false);
        zh = format!("{}: {}", l.name.zh, t.zh);
        en = format!("{}: {}", l.name.en, t.en);
    }
    if let Some(next) = r
        .levels
        .iter()
        .find(|l| Some(l.level) == level.checked_add(1))
    {
        let t = joined(next, s, &mark, true);
        let sep = if zh.is_empty() { "" } else { "; " };
        zh = format!("{zh}{sep}未达{}: {}", next.name.zh, t.zh);
        en = format!("{en}{sep}not {}: {}", next.name.en, t.en);
    }
    Text::new(zh, en)
}

//! Load-time checks of a score-sheet pack: every problem in one pass, each
//! placed at its line in the pack (`Code::LevelPack`).

use super::format::{Band, Group, Item, LevelRule, Options, Quantity, Rule, SheetFile, Trend};
use crate::diag::{locate, Code, Diagnostic};
use crate::facts::{self, Kind};
use crate::lang::Text;
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The ids a `trend` id fact must offer.
const DIRECTIONS: [&str; 3] = ["increased", "flat", "decreased"];

/// Collects the problems of one pack.
pub(super) struct Checker<'a> {
    text: &'a str,
    file: &'a str,
    pub errs: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub fn new(text: &'a str, file: &'a str) -> Checker<'a> {
        Checker {
            text,
            file,
            errs: Vec::new(),
        }
    }

    fn err(&mut self, path: &str, zh: String, en: String) {
        self.err_hint(path, zh, en, None);
    }

    fn err_hint(&mut self, path: &str, zh: String, en: String, hint: Option<Text>) {
        let mut d = Diagnostic::error(Code::LevelPack, self.file, Text::new(zh, en)).at_path(path);
        if let Some((l, c)) = locate(self.text, path) {
            d = d.at(l, c);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.errs.push(d);
    }

    /// Points that must add up: `parts` (of the `what`, zh and en) against the declared `max`.
    fn sum(&mut self, path: &str, what: (&str, &str), max: Decimal, parts: Decimal) {
        if parts != max {
            self.err(
                path,
                format!("{}的分值合计 {parts}, 不等于满分 {max}", what.0),
                format!(
                    "the points of the {} add up to {parts}, not to the max {max}",
                    what.1
                ),
            );
        }
    }

    /// The whole pack; fills each band's parsed range.
    pub fn sheet(&mut self, s: &mut SheetFile) {
        let dims: Decimal = s.dimensions.iter().map(|d| d.max).sum();
        self.sum("max", ("各维度", "dimensions"), s.max, dims);
        let mut ids = BTreeSet::new();
        for (di, d) in s.dimensions.iter_mut().enumerate() {
            let p = format!("dimensions[{di}]");
            let groups: Decimal = d.groups.iter().map(|g| g.max).sum();
            self.sum(
                &format!("{p}.max"),
                ("子维度", "sub-dimensions"),
                d.max,
                groups,
            );
            for (gi, g) in d.groups.iter_mut().enumerate() {
                self.group(&format!("{p}.groups[{gi}]"), g, &mut ids);
            }
        }
        self.scenes(s);
        self.rule(&s.level_rule, s.max, s);
    }

    fn group(&mut self, p: &str, g: &mut Group, ids: &mut BTreeSet<String>) {
        let items: Decimal = g.items.iter().map(|i| i.max).sum();
        self.sum(&format!("{p}.max"), ("评测项", "items"), g.max, items);
        for (ii, item) in g.items.iter_mut().enumerate() {
            let ip = format!("{p}.items[{ii}]");
            if !ids.insert(item.id.clone()) {
                self.err(
                    &format!("{ip}.id"),
                    format!("评测项 `{}` 重复", item.id),
                    format!("item `{}` appears twice", item.id),
                );
            }
            self.item(&ip, item);
        }
    }

    fn item(&mut self, p: &str, item: &mut Item) {
        if item.score.is_empty() {
            self.err(
                &format!("{p}.score"),
                "评测项没有计分规则".into(),
                "the item has no scoring rule".into(),
            );
        }
        let max = item.max;
        for (ri, rule) in item.score.iter_mut().enumerate() {
            let rp = format!("{p}.score[{ri}]");
            let top = match rule {
                Rule::Bands(b) => {
                    self.quantity(&format!("{rp}.bands.of"), &b.of);
                    self.bands(&format!("{rp}.bands.bands"), &mut b.bands)
                }
                Rule::Each(o) => self
                    .options(&format!("{rp}.each"), o, Kind::Tally, true)
                    .map(|sum| sum.min(max)),
                Rule::Choice(o) => self.options(&format!("{rp}.choice"), o, Kind::Id, false),
                Rule::Trend(t) => self.trend(&format!("{rp}.trend"), t),
            };
            // The first rule must be able to give the full points; a later
            // one estimates from weaker data and may top out lower. None gives more.
            if let Some(top) = top.filter(|t| *t > max || (ri == 0 && *t != max)) {
                self.err(
                    &rp,
                    format!("此规则最多给 {top} 分, 评测项满分为 {max}"),
                    format!("this rule gives at most {top} points; the item's max is {max}"),
                );
            }
        }
    }

    /// A fact of one of the kinds wanted; its spec's ids when it has one.
    fn fact(&mut self, path: &str, name: &str, kinds: &[Kind]) -> Option<&'static [&'static str]> {
        let Some(spec) = facts::spec(name) else {
            self.err_hint(
                path,
                format!("未知事实 `{name}`"),
                format!("unknown fact `{name}`"),
                Some(Text::new(
                    "`zhizao policy facts` 列出全部事实; 问卷的每个字段都是一个事实",
                    "`zhizao policy facts` lists every fact; every questionnaire field is one",
                )),
            );
            return None;
        };
        if !kinds.contains(&spec.kind) {
            let want = |lang: usize| {
                let names: Vec<&str> = kinds.iter().map(|k| kind_name(*k)[lang]).collect();
                names.join(" / ")
            };
            let is = kind_name(spec.kind);
            self.err(
                path,
                format!("事实 `{name}` 是{}, 此处需要{}", is[0], want(0)),
                format!("fact `{name}` is {}; here {} is needed", is[1], want(1)),
            );
            return None;
        }
        Some(spec.ids)
    }

    fn quantity(&mut self, p: &str, q: &Quantity) {
        let num = [Kind::Number, Kind::Money];
        match q {
            Quantity::Fact(f) => {
                self.fact(&format!("{p}.fact"), f, &num);
            }
            Quantity::Percent(super::format::Percent { part, whole }) => {
                self.fact(&format!("{p}.percent.part"), part, &num);
                self.fact(&format!("{p}.percent.whole"), whole, &num);
            }
            Quantity::Count(super::format::Count { fact, except }) => {
                if let Some(ids) = self.fact(&format!("{p}.count.fact"), fact, &[Kind::Tally]) {
                    self.known_ids(&format!("{p}.count.except"), fact, ids, except.iter());
                }
            }
        }
    }

    fn known_ids<'x>(
        &mut self,
        p: &str,
        fact: &str,
        ids: &[&str],
        used: impl Iterator<Item = &'x String>,
    ) {
        for id in used {
            if !ids.is_empty() && !ids.contains(&id.as_str()) {
                self.err(
                    p,
                    format!("`{id}` 不是事实 `{fact}` 的取值 ({})", ids.join(", ")),
                    format!(
                        "`{id}` is not a value of fact `{fact}` ({})",
                        ids.join(", ")
                    ),
                );
            }
        }
    }

    /// Ranges ascending, without gaps or overlaps; returns the top points.
    fn bands(&mut self, p: &str, bands: &mut [Band]) -> Option<Decimal> {
        if bands.is_empty() {
            self.err(p, "没有区间".into(), "no bands".into());
            return None;
        }
        let mut prev: Option<super::format::Range> = None;
        for (i, b) in bands.iter_mut().enumerate() {
            let bp = format!("{p}[{i}].range");
            b.parsed = super::format::Range::parse(&b.range);
            let Some(r) = b.parsed else {
                self.err(
                    &bp,
                    format!("区间 `{}` 写法不对", b.range),
                    format!("range `{}` cannot be read", b.range),
                );
                prev = None;
                continue;
            };
            if let Some(before) = prev.filter(|x| !x.meets(&r)) {
                let (zh, en) = if before.hi.is_none_or(|h| h > r.lo)
                    || (before.hi == Some(r.lo) && before.hi_closed && r.lo_closed)
                {
                    ("与上一区间重叠", "overlaps the band before it")
                } else {
                    (
                        "与上一区间之间有空缺",
                        "leaves a gap after the band before it",
                    )
                };
                self.err(
                    &bp,
                    format!("区间 `{}` {zh}", b.range),
                    format!("range `{}` {en}", b.range),
                );
            }
            prev = Some(r);
        }
        bands.iter().map(|b| b.points).max()
    }

    /// Options of `each` / `choice`; returns the most they give (`each`: all
    /// of them, before the cap).
    fn options(&mut self, p: &str, o: &Options, kind: Kind, each: bool) -> Option<Decimal> {
        let ids = self.fact(&format!("{p}.fact"), &o.fact, &[kind]);
        if let Some(ids) = ids {
            for (i, c) in o.options.iter().enumerate() {
                let at = format!("{p}.options[{i}].id");
                self.known_ids(&at, &o.fact, ids, std::iter::once(&c.id));
            }
            self.known_ids(&format!("{p}.none"), &o.fact, ids, o.none.iter());
        }
        if o.options.is_empty() {
            self.err(
                &format!("{p}.options"),
                "没有选项".into(),
                "no options".into(),
            );
            return None;
        }
        let mut seen = BTreeSet::new();
        for (i, c) in o.options.iter().enumerate() {
            if !seen.insert(&c.id) {
                self.err(
                    &format!("{p}.options[{i}].id"),
                    format!("选项 `{}` 重复", c.id),
                    format!("option `{}` appears twice", c.id),
                );
            }
        }
        if each {
            Some(o.options.iter().map(|c| c.points).sum())
        } else {
            o.options.iter().map(|c| c.points).max()
        }
    }

    fn trend(&mut self, p: &str, t: &Trend) -> Option<Decimal> {
        let kinds = [Kind::Id, Kind::Number];
        if let Some(ids) = self.fact(&format!("{p}.fact"), &t.fact, &kinds) {
            let need: Vec<String> = DIRECTIONS.iter().map(|d| d.to_string()).collect();
            self.known_ids(&format!("{p}.fact"), &t.fact, ids, need.iter());
        }
        let x = t.points;
        Some(x.increased.max(x.flat).max(x.decreased))
    }

    fn scenes(&mut self, s: &SheetFile) {
        let mut ids = BTreeSet::new();
        for (i, sc) in s.scenes.iter().enumerate() {
            let p = format!("scenes[{i}]");
            if !ids.insert(&sc.id) {
                self.err(
                    &format!("{p}.id"),
                    format!("场景 `{}` 重复", sc.id),
                    format!("scene `{}` appears twice", sc.id),
                );
            }
            if !s.scene_groups.iter().any(|g| g.id == sc.group) {
                self.err(
                    &format!("{p}.group"),
                    format!("未知场景分组 `{}`", sc.group),
                    format!("unknown scene group `{}`", sc.group),
                );
            }
            self.fact(&format!("{p}.fact"), &sc.fact, &[Kind::Number]);
        }
    }

    fn rule(&mut self, r: &LevelRule, max: Decimal, s: &SheetFile) {
        let scenes = s.scenes.len() as u32;
        let constraint = s.scenes.iter().filter(|x| x.constraint).count() as u32;
        let mut prev = Decimal::MIN;
        for (i, l) in r.levels.iter().enumerate() {
            let p = format!("level_rule.levels[{i}]");
            if usize::from(l.level) != i + 1 {
                self.err(
                    &format!("{p}.level"),
                    format!("等级应依次为 1, 2, …; 此处为 {}", l.level),
                    format!("levels must be 1, 2, … in order; this one is {}", l.level),
                );
            }
            if l.min_score < prev || l.min_score > max {
                self.err(
                    &format!("{p}.min_score"),
                    format!("最低分 {} 应不低于上一级且不超过满分 {max}", l.min_score),
                    format!(
                        "min_score {} must be at least the level below's and at most the max {max}",
                        l.min_score
                    ),
                );
            }
            prev = l.min_score;
            let Some(g) = l.scenes else { continue };
            let bad = !(1..=4).contains(&g.min_level)
                || g.count > scenes
                || g.constraint > g.count
                || g.constraint > constraint;
            if bad {
                self.err(
                    &format!("{p}.scenes"),
                    format!(
                        "场景门槛不可能达到: 等级 {} (1–4), {} 个场景 (共 {scenes}), 其中约束性 {} 个 (共 {constraint})",
                        g.min_level, g.count, g.constraint
                    ),
                    format!(
                        "the scene gate cannot be met: level {} (1–4), {} scenes (of {scenes}), {} constraint scenes (of {constraint})",
                        g.min_level, g.count, g.constraint
                    ),
                );
            }
        }
    }
}

/// A fact kind in words, [zh, en].
fn kind_name(k: Kind) -> [&'static str; 2] {
    match k {
        Kind::Money => ["金额", "an amount of money"],
        Kind::Number => ["数值", "a number"],
        Kind::Bool => ["是否", "a yes / no"],
        Kind::Id => ["单选值", "a single choice"],
        Kind::Tally => ["多选列表", "a list of choices"],
        Kind::Items => ["记录列表", "a list of records"],
    }
}

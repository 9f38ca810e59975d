//! Policy engine (政策引擎): subsidy tracks as data, checked at load time,
//! evaluated per enterprise with exact money.

pub mod eval;
pub mod pack;
pub mod testcase;

use crate::diag::{locate, Diagnostic};
use crate::facts::{self, Kind};
use crate::lang::Text;
use pack::{Condition, Part, PolicyPack, TrackKind};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The default pack (the 2016 Licheng notice), embedded in the binary.
pub const DEFAULT_PACK: &str = include_str!("../../policies/licheng-2016.yaml");
/// Name shown for the embedded pack.
pub const DEFAULT_PACK_NAME: &str = "policies/licheng-2016.yaml";

/// Load a pack and check it before any evaluation: unknown keys, unknown
/// facts, comparisons that do not fit a fact's kind, splits that do not add
/// to 100%, missing citations, overlapping tiers, bad dates.
pub fn load_pack(text: &str, file: &str) -> Result<PolicyPack, Vec<Diagnostic>> {
    let pack: PolicyPack = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    let mut c = Checker {
        file,
        text,
        errs: Vec::new(),
    };
    c.pack(&pack);
    if c.errs.is_empty() {
        Ok(pack)
    } else {
        Err(c.errs)
    }
}

/// The embedded default pack (tested to load; a failure is a build bug).
pub fn default_pack() -> PolicyPack {
    match load_pack(DEFAULT_PACK, DEFAULT_PACK_NAME) {
        Ok(p) => p,
        Err(e) => panic!("embedded policy pack is invalid: {e:?}"),
    }
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    errs: Vec<Diagnostic>,
}

fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s[..4].parse::<u16>().is_ok()
        && s[5..7].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && s[8..].parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
}

impl Checker<'_> {
    fn err(&mut self, path: &str, zh: String, en: String, hint: Option<Text>) {
        let mut d = Diagnostic::error("policy", self.file, Text::new(zh, en)).at_path(path);
        if let Some((l, c)) = locate(self.text, path) {
            d = d.at(l, c);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.errs.push(d);
    }

    fn pack(&mut self, p: &PolicyPack) {
        for (path, d) in [
            ("document_date", Some(&p.document_date)),
            ("effective_from", Some(&p.effective_from)),
            ("effective_to", p.effective_to.as_ref()),
        ] {
            if let Some(d) = d {
                if !valid_date(d) {
                    self.err(
                        path,
                        format!("日期 `{d}` 应为 YYYY-MM-DD"),
                        format!("date `{d}` must be YYYY-MM-DD"),
                        None,
                    );
                }
            }
        }
        if let (Some(to), true) = (&p.effective_to, valid_date(&p.effective_from)) {
            // ISO dates compare correctly as text.
            if valid_date(to) && to.as_str() < p.effective_from.as_str() {
                self.err(
                    "effective_to",
                    format!("失效日期 {to} 早于生效日期 {}", p.effective_from),
                    format!(
                        "effective_to {to} is before effective_from {}",
                        p.effective_from
                    ),
                    None,
                );
            }
        }
        if let Some(dc) = &p.district_cap {
            self.fact_kind("district_cap.fact", &dc.fact, &[Kind::Money]);
            if dc.clause.trim().is_empty() {
                self.missing_clause("district_cap.clause");
            }
        }
        let mut seen = BTreeSet::new();
        for (i, t) in p.tracks.iter().enumerate() {
            let at = format!("tracks[{i}]");
            if !seen.insert(t.id.clone()) {
                self.err(
                    &format!("{at}.id"),
                    format!("重复的扶持项 id `{}`", t.id),
                    format!("duplicate track id `{}`", t.id),
                    None,
                );
            }
            if t.clause.trim().is_empty() {
                self.missing_clause(&format!("{at}.clause"));
            }
            for (j, c) in t.eligible_when.iter().enumerate() {
                self.condition(&format!("{at}.eligible_when[{j}]"), c, None);
            }
            for (j, c) in t.candidate_when.iter().enumerate() {
                self.condition(&format!("{at}.candidate_when[{j}]"), c, None);
            }
            let monetary = matches!(t.kind, TrackKind::Grant | TrackKind::Award);
            match (&t.amount, monetary) {
                (None, true) => self.err(
                    &at,
                    format!("资金类扶持项 `{}` 缺少 amount", t.id),
                    format!("grant/award track `{}` has no amount", t.id),
                    Some(Text::new(
                        "非资金支持请用 kind: non_monetary 并写 support",
                        "for non-money support use kind: non_monetary with `support`",
                    )),
                ),
                (Some(_), false) => self.err(
                    &at,
                    format!("`{}` 不是资金类 (kind), 不能有 amount", t.id),
                    format!("`{}` is not a grant or award, so it cannot have an amount", t.id),
                    Some(Text::new(
                        "税收优惠、股权和非资金支持写在 support 中, 不计入金额",
                        "tax benefits, equity and non-money support go in `support`, never as money",
                    )),
                ),
                (None, false) if t.support.is_none() => self.err(
                    &at,
                    format!("`{}` 缺少 support 说明", t.id),
                    format!("`{}` needs a `support` text saying what the support is", t.id),
                    None,
                ),
                _ => {}
            }
            if let Some(a) = &t.amount {
                for (j, part) in a.parts.iter().enumerate() {
                    self.part(&format!("{at}.amount.parts[{j}]"), part, &t.funders);
                }
                if let Some(tiers) = &a.tiers {
                    self.fact_kind(&format!("{at}.amount.tiers.by"), &tiers.by, &[Kind::Number]);
                    let mut last: Option<u32> = None;
                    for (k, tier) in tiers.tiers.iter().enumerate() {
                        let tp = format!("{at}.amount.tiers.tiers[{k}]");
                        if tier.from > tier.to || last.is_some_and(|l| tier.from <= l) {
                            self.err(
                                &tp,
                                format!("档位 {}–{} 与前一档重叠或倒置", tier.from, tier.to),
                                format!(
                                    "tier {}–{} overlaps the previous one or is reversed",
                                    tier.from, tier.to
                                ),
                                None,
                            );
                        }
                        last = Some(tier.to);
                        for (j, part) in tier.parts.iter().enumerate() {
                            self.part(&format!("{tp}.parts[{j}]"), part, &t.funders);
                        }
                    }
                }
                if a.parts.is_empty() && a.tiers.is_none() {
                    self.err(
                        &format!("{at}.amount"),
                        "amount 没有任何部分".into(),
                        "amount has no parts and no tiers".into(),
                        None,
                    );
                }
            }
        }
    }

    fn missing_clause(&mut self, path: &str) {
        self.err(
            path,
            "缺少条款出处".into(),
            "missing clause reference".into(),
            Some(Text::new(
                "写明政策条款, 如 二(三)3",
                "cite the clause, e.g. 二(三)3",
            )),
        );
    }

    fn fact_kind(
        &mut self,
        path: &str,
        name: &str,
        kinds: &[Kind],
    ) -> Option<&'static facts::Spec> {
        match facts::spec(name) {
            None => {
                // Jaro-Winkler favours the shared prefix that dotted fact names have.
                let best = facts::REGISTRY
                    .iter()
                    .map(|s| (strsim::jaro_winkler(name, s.name), s.name))
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                let hint = best.filter(|(d, _)| *d >= 0.85).map(|(_, n)| {
                    Text::new(format!("是不是 `{n}`?"), format!("did you mean `{n}`?"))
                });
                self.err(
                    path,
                    format!("未知事实 `{name}`"),
                    format!("unknown fact `{name}`"),
                    Some(hint.unwrap_or_else(|| {
                        Text::new(
                            "`zhizao policy facts` 列出全部事实",
                            "`zhizao policy facts` lists them all",
                        )
                    })),
                );
                None
            }
            Some(s) if !kinds.contains(&s.kind) => {
                self.err(
                    path,
                    format!("事实 `{name}` 的类型是 {:?}, 这里不适用", s.kind),
                    format!(
                        "fact `{name}` is of kind {:?}, which does not fit here",
                        s.kind
                    ),
                    None,
                );
                None
            }
            Some(s) => Some(s),
        }
    }

    /// `items`: the items fact whose fields an item condition names.
    fn condition(&mut self, path: &str, c: &Condition, items: Option<&str>) {
        if let Some(alts) = &c.any_of {
            let has_comparison = c.at_least.is_some()
                || c.more_than.is_some()
                || c.at_most.is_some()
                || c.less_than.is_some()
                || c.is.is_some()
                || c.one_of.is_some()
                || c.none_of.is_some()
                || c.any_item.is_some()
                || c.count_at_least.is_some();
            if !c.fact.is_empty() || alts.len() < 2 || has_comparison {
                self.err(
                    path,
                    "any_of 不带 fact, 且至少两个条件".into(),
                    "`any_of` takes no `fact` or comparison of its own, and at least two conditions".into(),
                    None,
                );
            }
            for (k, alt) in alts.iter().enumerate() {
                self.condition(&format!("{path}.any_of[{k}]"), alt, items);
            }
            return;
        }
        let ops = [
            c.at_least.is_some(),
            c.more_than.is_some(),
            c.at_most.is_some(),
            c.less_than.is_some(),
            c.is.is_some(),
            c.one_of.is_some(),
            c.none_of.is_some(),
            c.any_item.is_some(),
            c.count_at_least.is_some(),
        ];
        if ops.iter().filter(|x| **x).count() != 1 {
            self.err(
                path,
                "条件必须且只能有一种比较".into(),
                "a condition needs exactly one comparison (at_least, more_than, at_most, less_than, is, one_of, none_of, any_item, count_at_least)".into(),
                None,
            );
            return;
        }
        let full = match items {
            Some(parent) => format!("{parent}.{}", c.fact),
            None => c.fact.clone(),
        };
        let kinds: &[Kind] = if ops[..4].iter().any(|x| *x) {
            &[Kind::Money, Kind::Number]
        } else if ops[4] {
            &[Kind::Bool]
        } else if ops[5] || ops[6] {
            &[Kind::Id]
        } else if ops[7] {
            &[Kind::Items]
        } else {
            &[Kind::Tally]
        };
        let Some(spec) = self.fact_kind(&format!("{path}.fact"), &full, kinds) else {
            return;
        };
        for list in [&c.one_of, &c.none_of].into_iter().flatten() {
            for id in list {
                if !spec.ids.is_empty() && !spec.ids.contains(&id.as_str()) && id != "none" {
                    self.err(
                        path,
                        format!("`{full}` 没有取值 `{id}`"),
                        format!(
                            "`{full}` has no value `{id}` (allowed: {})",
                            spec.ids.join(", ")
                        ),
                        None,
                    );
                }
            }
        }
        if let Some(sub) = &c.any_item {
            for (k, ic) in sub.iter().enumerate() {
                self.condition(&format!("{path}.any_item[{k}]"), ic, Some(&full));
            }
        }
    }

    fn part(&mut self, path: &str, p: &Part, funders: &[pack::Funder]) {
        for (k, c) in p.when.iter().enumerate() {
            self.condition(&format!("{path}.when[{k}]"), c, None);
        }
        let formulas = [
            p.fixed.is_some(),
            p.lookup.is_some(),
            p.rate.is_some(),
            p.per_unit.is_some(),
            p.per_tally.is_some(),
            p.per_item.is_some(),
        ]
        .iter()
        .filter(|x| **x)
        .count();
        if formulas != 1 {
            self.err(
                path,
                "金额部分必须且只能有一个公式".into(),
                "an amount part needs exactly one of fixed, lookup, rate, per_unit, per_tally, per_item".into(),
                None,
            );
        }
        match (&p.funder, &p.split) {
            (Some(f), None) => {
                if !funders.contains(f) {
                    self.funder_not_listed(path, &f.label().en);
                }
            }
            (None, Some(s)) => {
                let sum: Decimal = s.values().copied().sum();
                if sum != Decimal::ONE_HUNDRED {
                    self.err(
                        &format!("{path}.split"),
                        format!("分担比例合计 {sum}%, 应为 100%"),
                        format!("the split adds up to {sum}%, not 100%"),
                        None,
                    );
                }
                for f in s.keys() {
                    if !funders.contains(f) {
                        self.funder_not_listed(path, &f.label().en);
                    }
                }
            }
            _ => self.err(
                path,
                "须指定 funder 或 split (二者选一)".into(),
                "set either `funder` or `split`".into(),
                None,
            ),
        }
        if let Some(l) = &p.lookup {
            if let Some(spec) = self.fact_kind(&format!("{path}.lookup.fact"), &l.fact, &[Kind::Id])
            {
                self.table_keys(
                    &format!("{path}.lookup.table"),
                    &l.fact,
                    spec,
                    l.table.keys(),
                );
            }
        }
        if let Some(r) = &p.rate {
            self.fact_kind(&format!("{path}.rate.base"), &r.base, &[Kind::Money]);
        }
        if let Some(u) = &p.per_unit {
            self.fact_kind(&format!("{path}.per_unit.fact"), &u.fact, &[Kind::Number]);
        }
        if let Some(t) = &p.per_tally {
            if let Some(spec) =
                self.fact_kind(&format!("{path}.per_tally.fact"), &t.fact, &[Kind::Tally])
            {
                self.table_keys(
                    &format!("{path}.per_tally.table"),
                    &t.fact,
                    spec,
                    t.table.keys(),
                );
            }
        }
        if let Some(pi) = &p.per_item {
            let formulas = [pi.fixed.is_some(), pi.rate.is_some(), pi.lookup.is_some()];
            if formulas.iter().filter(|x| **x).count() != 1 {
                self.err(
                    &format!("{path}.per_item"),
                    "per_item 必须且只能有 fixed、rate、lookup 之一".into(),
                    "per_item needs exactly one of fixed, rate, lookup".into(),
                    None,
                );
            }
            if self
                .fact_kind(&format!("{path}.per_item.items"), &pi.items, &[Kind::Items])
                .is_some()
            {
                for (k, c) in pi.when.iter().enumerate() {
                    self.condition(&format!("{path}.per_item.when[{k}]"), c, Some(&pi.items));
                }
                if let Some(r) = &pi.rate {
                    self.fact_kind(
                        &format!("{path}.per_item.rate.base"),
                        &format!("{}.{}", pi.items, r.base),
                        &[Kind::Money],
                    );
                }
                if let Some(l) = &pi.lookup {
                    self.fact_kind(
                        &format!("{path}.per_item.lookup.fact"),
                        &format!("{}.{}", pi.items, l.fact),
                        &[Kind::Id],
                    );
                }
            }
        }
    }

    fn table_keys<'k>(
        &mut self,
        path: &str,
        fact: &str,
        spec: &facts::Spec,
        keys: impl Iterator<Item = &'k String>,
    ) {
        for id in keys {
            if !spec.ids.is_empty() && !spec.ids.contains(&id.as_str()) {
                self.err(
                    path,
                    format!("`{fact}` 没有取值 `{id}`"),
                    format!(
                        "`{fact}` has no value `{id}` (allowed: {})",
                        spec.ids.join(", ")
                    ),
                    None,
                );
            }
        }
    }

    fn funder_not_listed(&mut self, path: &str, f: &str) {
        self.err(
            path,
            format!("出资方 {f} 不在该扶持项的 funders 中"),
            format!("funder {f} is not listed in the track's `funders`"),
            None,
        );
    }
}

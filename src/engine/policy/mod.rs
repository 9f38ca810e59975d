//! Policy engine (政策引擎): subsidy tracks as data, checked at load time,
//! evaluated per enterprise with exact money.

pub mod cap;
pub mod combine;
pub mod eval;
pub mod funders;
pub mod pack;
pub mod readings;
pub mod tax;

use crate::diag::Code;
use crate::diag::{locate, Diagnostic};
use crate::facts::{self, Kind};
use crate::lang::Text;
use pack::{Condition, Part, PolicyPack, Track, TrackKind};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The default pack (the 2016 Licheng notice), embedded in the binary.
pub const DEFAULT_PACK: &str = include_str!("../../../policies/licheng-2016.yaml");
/// Name shown for the embedded pack.
pub const DEFAULT_PACK_NAME: &str = "policies/licheng-2016.yaml";

/// Every shipped policy pack (text, name shown), the 2016 notice first.
/// With no `--policy`, each questionnaire is assessed on those in force for
/// its data year ([`crate::assess::Engine::policies_for`]); track ids are
/// unique across them (a test holds this), so a screening names tracks by id.
pub const SHIPPED_PACKS: &[(&str, &str)] = &[
    (DEFAULT_PACK, DEFAULT_PACK_NAME),
    (
        include_str!("../../../policies/qz-sme-digital-pilot-2024.yaml"),
        "policies/qz-sme-digital-pilot-2024.yaml",
    ),
    (
        include_str!("../../../policies/qz-techrenovation-2024.yaml"),
        "policies/qz-techrenovation-2024.yaml",
    ),
    (
        include_str!("../../../policies/qz-smart-mfg-awards.yaml"),
        "policies/qz-smart-mfg-awards.yaml",
    ),
    (
        include_str!("../../../policies/fj-techrenovation-2024.yaml"),
        "policies/fj-techrenovation-2024.yaml",
    ),
];

/// Load a pack and check it before any evaluation: unknown keys, unknown
/// facts, comparisons that do not fit a fact's kind, splits that do not add
/// to 100%, missing citations, overlapping tiers, bad dates.
pub fn load_pack(text: &str, file: &str) -> Result<PolicyPack, Vec<Diagnostic>> {
    load_pack_with(text, file, &readings::Choices::new())
}

/// [`load_pack`] with readings chosen by the user (`--reading ID=OPTION`):
/// each must name a reading of the pack and one of its options.
pub fn load_pack_with(
    text: &str,
    file: &str,
    choices: &readings::Choices,
) -> Result<PolicyPack, Vec<Diagnostic>> {
    let mut pack: PolicyPack = crate::yaml::from_str(text, file).map_err(|d| vec![d])?;
    let mut c = Checker {
        file,
        text,
        errs: Vec::new(),
        dropped: 0,
    };
    for (path, id) in funders::undeclared_or_repeated(&mut pack) {
        c.err(
            &path,
            format!("出资方 `{id}` 未在 funders 中声明或重复声明"),
            format!("funder `{id}` is not declared in `funders`, or declared twice"),
            Some(Text::new(
                "在政策包顶层的 funders 中声明每个出资方 (id、name、level) 各一次",
                "declare each funder once in the pack's top-level `funders` (id, name, level)",
            )),
        );
    }
    c.pack(&pack);
    c.numbers(&pack);
    for (path, zh, en) in readings::check(&pack) {
        c.err(&path, zh, en, None);
    }
    if c.errs.is_empty() {
        if let Err(m) = readings::check_choices(&pack, choices) {
            c.errs
                .push(Diagnostic::error(Code::Reading, file, m).hint(Text::new(
                    "`zhizao policy test` 列出全部解读及选项",
                    "`zhizao policy test` lists every reading and its options",
                )));
        }
    }
    if c.dropped > 0 {
        let n = c.dropped;
        c.errs.push(Diagnostic::error(
            Code::TooMany,
            file,
            Text::new(
                format!("另有 {n} 个问题未列出 (最多列出 {MAX_PACK_ERRORS} 个)"),
                format!("{n} more problems not shown (at most {MAX_PACK_ERRORS} are listed)"),
            ),
        ));
    }
    if c.errs.is_empty() {
        readings::apply(&mut pack, choices);
        resolve_slots(&mut pack);
        resolve_groups(&mut pack);
        Ok(pack)
    } else {
        Err(c.errs)
    }
}

/// The same pack under other readings (`--reading ID=OPTION`): starts from
/// the pack as written, so earlier choices do not carry over.
pub fn with_readings(pack: &PolicyPack, choices: &readings::Choices) -> Result<PolicyPack, Text> {
    let mut p = match &pack.as_written {
        Some(w) => (**w).clone(),
        None => pack.clone(),
    };
    readings::check_choices(&p, choices)?;
    readings::apply(&mut p, choices);
    resolve_slots(&mut p);
    resolve_groups(&mut p);
    Ok(p)
}

/// Give every condition over an enterprise fact its registry position, and
/// every condition its typed test (built after its alternatives' slots, so
/// the copies inside the test carry them).
/// Conditions inside `any_item` name item fields, which are not in the fact
/// table, and keep their names.
fn resolve_slots(pack: &mut PolicyPack) {
    let conds = resolve_conditions;
    for t in &mut pack.tracks {
        conds(&mut t.eligible_when);
        conds(&mut t.candidate_when);
        if let Some(tb) = t.tax_benefit.as_mut() {
            conds(&mut tb.reduced_when);
        }
        if let Some(a) = t.amount.as_mut() {
            for g in &mut a.group_caps {
                conds(&mut g.when);
            }
            let tiered = a.tiers.iter_mut().flat_map(|t| t.tiers.iter_mut());
            for p in a
                .parts
                .iter_mut()
                .chain(tiered.flat_map(|t| t.parts.iter_mut()))
            {
                conds(&mut p.when);
                // Item conditions read an item's fields: no slot, a test all the same.
                for c in p.per_item.iter_mut().flat_map(|pi| pi.when.iter_mut()) {
                    c.build_tests();
                }
            }
        }
    }
}

/// Check packs that are evaluated together: ids must differ (a track is
/// named by pack and id), and a funder two packs declare must be the same
/// funder in both (same level), so their totals can be added.
/// `files` names each pack's file as the user gave it, in the same order.
pub fn check_together(packs: &[PolicyPack], files: &[String]) -> Result<(), Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let file_of = |id: &str| {
        packs
            .iter()
            .zip(files)
            .find(|(p, _)| p.id == id)
            .map_or(id.to_string(), |(_, f)| f.clone())
    };
    for (pack, id) in funders::conflicts(packs) {
        errs.push(Diagnostic::error(
            Code::PolicyFunder,
            &file_of(&pack),
            Text::new(
                format!("出资方 `{id}` 在两个政策包中的层级不同, 合计无法相加"),
                format!("funder `{id}` has different levels in two packs; totals cannot be added"),
            ),
        ));
    }
    let mut seen = BTreeSet::new();
    for (p, file) in packs.iter().zip(files) {
        if !seen.insert(p.id.as_str()) {
            errs.push(
                Diagnostic::error(
                    Code::PolicyDuplicate,
                    file,
                    Text::new(
                        format!("政策包 `{}` 给了两次", p.id),
                        format!("policy pack `{}` is given twice", p.id),
                    ),
                )
                .hint(Text::new(
                    "每个 --policy 给一个不同的政策包",
                    "give each --policy a different pack",
                )),
            );
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// The embedded pack's id and notice date, read from its top-level lines
/// without loading it (the version line needs them on every start; loading
/// and checking the pack costs milliseconds). A unit test holds them equal
/// to the loaded pack's.
pub fn embedded_header() -> (String, String) {
    let top = |key: &str| {
        DEFAULT_PACK
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .map(|v| v.trim().trim_matches('"').to_string())
            .unwrap_or_default()
    };
    (top("id:"), top("document_date:"))
}

/// The embedded default pack (tested to load; a failure is a build bug).
pub fn default_pack() -> PolicyPack {
    match load_pack(DEFAULT_PACK, DEFAULT_PACK_NAME) {
        Ok(p) => p,
        Err(e) => panic!("embedded policy pack is invalid: {e:?}"),
    }
}

/// Most errors listed for one pack; each is placed by searching the text, so
/// an unbounded list would make a hostile pack slow. The rest are counted.
pub const MAX_PACK_ERRORS: usize = 100;
/// Largest sum of money a pack may state (fixed sums, caps, table values,
/// per-unit sums), CNY: 10^12, far above any subsidy, and far enough inside
/// `Decimal`'s range that no evaluation can overflow.
pub const PACK_AMOUNT_MAX: i64 = 1_000_000_000_000;
/// Largest threshold of a numeric condition, in absolute value.
pub const PACK_THRESHOLD_MAX: i64 = 10_000_000_000_000_000;
/// Largest rate (a share of a base amount: 0.3 = 30%).
pub const PACK_RATE_MAX: i64 = 10;

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
    errs: Vec<Diagnostic>,
    /// Errors beyond [`MAX_PACK_ERRORS`], counted but not listed.
    dropped: usize,
}

impl Checker<'_> {
    /// 就高不重复 groups: a clause, at least two tracks, each a track of the pack.
    fn highest_only(&mut self, p: &PolicyPack) {
        for (i, h) in p.highest_only.iter().enumerate() {
            let at = format!("highest_only[{i}]");
            if h.clause.trim().is_empty() {
                self.missing_clause(&format!("{at}.clause"));
            }
            if h.tracks.len() < 2 {
                self.err(
                    &format!("{at}.tracks"),
                    "就高不重复至少需要两个扶持项".into(),
                    "a highest-only group needs at least two tracks".into(),
                    None,
                );
            }
            for (j, id) in h.tracks.iter().enumerate() {
                if !p.tracks.iter().any(|t| t.id == *id) {
                    self.err(
                        &format!("{at}.tracks[{j}]"),
                        format!("没有 id 为 `{id}` 的扶持项"),
                        format!("no track has the id `{id}`"),
                        None,
                    );
                }
            }
        }
    }
}

/// Resolve conditions loaded outside a policy pack (a level pack's gates) as
/// a pack's are: registry slots, then typed tests.
pub fn resolve_conditions(list: &mut [Condition]) {
    for c in list {
        c.slot = crate::facts::slot(&c.fact);
        if let Some(alts) = c.any_of.as_mut() {
            resolve_conditions(alts);
        }
        c.build_tests();
    }
}

/// Check conditions written outside a policy pack (a level pack's gates) by
/// the rules of a track's conditions: known facts, exactly one comparison
/// fitting the fact's kind, thresholds in range. `conds` pairs each with its
/// path in `text`; every problem is placed there and carries `code`.
pub fn check_conditions<'c>(
    text: &str,
    file: &str,
    code: Code,
    conds: impl IntoIterator<Item = (String, &'c Condition)>,
) -> Vec<Diagnostic> {
    let mut c = Checker {
        file,
        text,
        errs: Vec::new(),
        dropped: 0,
    };
    for (path, cond) in conds {
        c.condition(&path, cond, None);
        c.threshold(&path, cond);
    }
    for d in &mut c.errs {
        d.code = code;
    }
    c.errs
}

impl Checker<'_> {
    /// An advance (`advance_of`) names another track of the pack, one that
    /// is not itself an advance (the money would then be counted nowhere).
    fn advance_of(&mut self, p: &PolicyPack, t: &Track, at: &str) {
        let Some(id) = &t.advance_of else { return };
        let target = p.tracks.iter().find(|x| x.id == *id);
        let problem = match target {
            None => Some((
                format!("没有 id 为 `{id}` 的扶持项"),
                format!("no track has the id `{id}`"),
            )),
            Some(x) if x.id == t.id || x.advance_of.is_some() => Some((
                format!("`{id}` 不能是预拨资金本身或另一项预拨资金"),
                format!("`{id}` must be a track that is not itself an advance"),
            )),
            Some(_) => None,
        };
        if let Some((zh, en)) = problem {
            self.err(&format!("{at}.advance_of"), zh, en, None);
        }
    }
}

/// Each highest-only group's tracks by position (ids checked at load).
fn resolve_groups(pack: &mut PolicyPack) {
    let ids: Vec<String> = pack.tracks.iter().map(|t| t.id.clone()).collect();
    for h in &mut pack.highest_only {
        h.positions = h
            .tracks
            .iter()
            .filter_map(|id| ids.iter().position(|t| t == id))
            .collect();
    }
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
        if self.errs.len() >= MAX_PACK_ERRORS {
            self.dropped += 1;
            return;
        }
        let mut d = Diagnostic::error(Code::Policy, self.file, Text::new(zh, en)).at_path(path);
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
            match (&dc.fact, dc.amount) {
                (Some(f), None) => {
                    self.fact_kind("district_cap.fact", f, &[Kind::Money]);
                }
                (None, Some(x)) => self.number(
                    "district_cap.amount",
                    x,
                    Decimal::from(PACK_AMOUNT_MAX),
                    false,
                ),
                _ => self.err(
                    "district_cap",
                    "封顶须恰好给出 fact (金额事实) 或 amount (固定金额) 之一".into(),
                    "a cap needs exactly one of `fact` (a money fact) and `amount` (a fixed sum)"
                        .into(),
                    None,
                ),
            }

            if dc.clause.trim().is_empty() {
                self.missing_clause("district_cap.clause");
            }
        }
        self.highest_only(p);
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
            self.advance_of(p, t, &at);
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
            if let Some(tb) = &t.tax_benefit {
                let tp = format!("{at}.tax_benefit");
                if t.kind != TrackKind::TaxBenefit {
                    self.err(
                        &tp,
                        "tax_benefit 只用于 kind: tax_benefit".into(),
                        "`tax_benefit` is for kind: tax_benefit only".into(),
                        None,
                    );
                }
                for (j, d) in tb.deductions.iter().enumerate() {
                    self.fact_kind(
                        &format!("{tp}.deductions[{j}].base"),
                        &d.base,
                        &[Kind::Money],
                    );
                    if let Some(y) = &d.per_years {
                        self.fact_kind(
                            &format!("{tp}.deductions[{j}].per_years"),
                            y,
                            &[Kind::Number],
                        );
                    }
                    self.number(
                        &format!("{tp}.deductions[{j}].rate"),
                        d.rate,
                        Decimal::from(PACK_RATE_MAX),
                        false,
                    );
                }
                for (j, c) in tb.reduced_when.iter().enumerate() {
                    self.condition(&format!("{tp}.reduced_when[{j}]"), c, None);
                }
                for (name, r) in [
                    ("standard_rate", tb.standard_rate),
                    ("reduced_rate", tb.reduced_rate),
                ] {
                    self.number(&format!("{tp}.{name}"), r, Decimal::ONE, false);
                }
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
                for (j, g) in a.group_caps.iter().enumerate() {
                    let gp = format!("{at}.amount.group_caps[{j}]");
                    for (k, c) in g.when.iter().enumerate() {
                        self.condition(&format!("{gp}.when[{k}]"), c, None);
                    }
                    for f in &g.funders {
                        if !t.funders.contains(f) {
                            self.funder_not_listed(&gp, &f.label().en);
                        }
                    }
                    for f in g.kept.iter().filter(|f| !g.funders.contains(f)) {
                        let name = f.label();
                        self.err(
                            &format!("{gp}.kept"),
                            format!("kept 的出资方 {} 不在该封顶的 funders 中", name.zh),
                            format!("kept funder {} is not among this cap's funders", name.en),
                            None,
                        );
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

    /// Every number of the pack within sensible bounds: negative or absurd
    /// sums, rates and shares are errors (found while writing the pack fuzz
    /// target: split shares of
    /// 7.9 × 10^28 overflowed the check that they add up to 100%), and the
    /// bounds keep every later product and sum far from overflow.
    fn numbers(&mut self, p: &PolicyPack) {
        self.number("near_within", p.near_within, Decimal::ONE, false);
        for (i, t) in p.tracks.iter().enumerate() {
            let at = format!("tracks[{i}]");
            for (list, conds) in [
                ("eligible_when", &t.eligible_when),
                ("candidate_when", &t.candidate_when),
            ] {
                for (j, c) in conds.iter().enumerate() {
                    self.threshold(&format!("{at}.{list}[{j}]"), c);
                }
            }
            let Some(a) = &t.amount else { continue };
            if let Some(cap) = a.cap {
                self.money(&format!("{at}.amount.cap"), cap);
            }
            for (j, g) in a.group_caps.iter().enumerate() {
                self.money(&format!("{at}.amount.group_caps[{j}].cap"), g.cap);
            }
            for (j, part) in a.parts.iter().enumerate() {
                self.part_numbers(&format!("{at}.amount.parts[{j}]"), part);
            }
            for (k, tier) in a.tiers.iter().flat_map(|t| t.tiers.iter()).enumerate() {
                for (j, part) in tier.parts.iter().enumerate() {
                    self.part_numbers(&format!("{at}.amount.tiers.tiers[{k}].parts[{j}]"), part);
                }
            }
        }
    }

    fn part_numbers(&mut self, path: &str, p: &Part) {
        for (k, c) in p.when.iter().enumerate() {
            self.threshold(&format!("{path}.when[{k}]"), c);
        }
        for (f, share) in p.split.iter().flatten() {
            let at = format!("{path}.split.{}", f.label().en.to_lowercase());
            self.number(&at, *share, Decimal::ONE_HUNDRED, false);
        }
        let money = [
            ("fixed", p.fixed),
            ("cap", p.cap),
            ("per_unit.each", p.per_unit.as_ref().map(|u| u.each)),
            ("per_item.fixed", p.per_item.as_ref().and_then(|i| i.fixed)),
            (
                "per_item.cap_each",
                p.per_item.as_ref().and_then(|i| i.cap_each),
            ),
        ];
        for (name, v) in money {
            if let Some(v) = v {
                self.money(&format!("{path}.{name}"), v);
            }
        }
        let tables = [
            ("lookup", p.lookup.as_ref()),
            ("per_tally", p.per_tally.as_ref()),
            (
                "per_item.lookup",
                p.per_item.as_ref().and_then(|i| i.lookup.as_ref()),
            ),
        ];
        for (name, l) in tables {
            for v in l.iter().flat_map(|l| l.table.values()) {
                self.money(&format!("{path}.{name}.table"), *v);
            }
        }
        for (name, r) in [
            ("rate", p.rate.as_ref()),
            (
                "per_item.rate",
                p.per_item.as_ref().and_then(|i| i.rate.as_ref()),
            ),
        ] {
            if let Some(r) = r {
                let max = Decimal::from(PACK_RATE_MAX);
                self.number(&format!("{path}.{name}.rate"), r.rate, max, false);
            }
        }
        if let Some(pi) = &p.per_item {
            for (k, c) in pi.when.iter().enumerate() {
                self.threshold(&format!("{path}.per_item.when[{k}]"), c);
            }
        }
    }

    fn threshold(&mut self, path: &str, c: &Condition) {
        for v in [c.at_least, c.more_than, c.at_most, c.less_than]
            .into_iter()
            .flatten()
        {
            self.number(path, v, Decimal::from(PACK_THRESHOLD_MAX), true);
        }
        for (k, alt) in c.any_of.iter().flatten().enumerate() {
            self.threshold(&format!("{path}.any_of[{k}]"), alt);
        }
        for (k, sub) in c.any_item.iter().flatten().enumerate() {
            self.threshold(&format!("{path}.any_item[{k}]"), sub);
        }
    }

    fn money(&mut self, path: &str, v: Decimal) {
        self.number(path, v, Decimal::from(PACK_AMOUNT_MAX), false);
    }

    /// `v` within 0..=max, or -max..=max when `signed`.
    fn number(&mut self, path: &str, v: Decimal, max: Decimal, signed: bool) {
        let min = if signed { -max } else { Decimal::ZERO };
        if v < min || v > max {
            self.err(
                path,
                format!("{v} 超出允许的范围 {min}–{max}"),
                format!("{v} is outside the allowed range {min}–{max}"),
                Some(Text::new(
                    "金额以元为单位, 比例写小数 (0.3 = 30%), 分担比例写百分数 (30 = 30%)",
                    "amounts are in CNY, rates are fractions (0.3 = 30%), split shares are percentages (30 = 30%)",
                )),
            );
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
            if !c.fact.is_empty() || alts.len() < 2 || c.compares() {
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
                // Checked: shares are bounded in `numbers`, but that check does not stop this one.
                let sum = s
                    .values()
                    .try_fold(Decimal::ZERO, |a, b| a.checked_add(*b))
                    .unwrap_or(Decimal::MAX);
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
            self.names_in_table(&format!("{path}.lookup.names"), l);
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
            self.names_in_table(&format!("{path}.per_tally.names"), t);
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
                    self.names_in_table(&format!("{path}.per_item.lookup.names"), l);
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

    /// A name for an id the table does not pay is a typo (it would never be shown).
    fn names_in_table(&mut self, path: &str, l: &pack::Lookup) {
        for id in l.names.keys().filter(|id| !l.table.contains_key(*id)) {
            self.err(
                path,
                format!("`{id}` 不在 table 中"),
                format!("`{id}` is not in the table"),
                None,
            );
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_header_is_the_loaded_packs() {
        let pack = super::default_pack();
        assert_eq!(
            super::embedded_header(),
            (pack.id.clone(), pack.document_date.clone())
        );
        assert!(!pack.id.is_empty() && !pack.document_date.is_empty());
    }

    #[test]
    fn absurd_numbers_are_load_errors_not_overflows() {
        // Found while seeding the pack fuzz target: two split shares of Decimal::MAX
        // overflowed the sum that checks they add up to 100%.
        let huge = "79228162514264337593543950335";
        let pack = DEFAULT_PACK.replacen(
            "split: {city: 30, district: 70}",
            &format!("split: {{city: \"{huge}\", district: \"{huge}\"}}"),
            1,
        );
        assert_ne!(pack, DEFAULT_PACK, "the pack has a 30/70 split to replace");
        let errs = load_pack(&pack, "p.yaml").unwrap_err();
        assert!(
            errs.iter().any(|d| d.message.en.contains("adds up to")),
            "{errs:?}"
        );
        assert!(errs
            .iter()
            .any(|d| d.message.en.contains("outside the allowed range 0–100")));
        let negative = DEFAULT_PACK.replacen("near_within: 0.2", "near_within: -3", 1);
        let errs = load_pack(&negative, "p.yaml").unwrap_err();
        assert_eq!(errs[0].path.as_deref(), Some("near_within"));
    }
}

//! `policy list` and `policy show` for people (政策包一览与详情): a table that fits
//! the terminal, and one track described in the reader's language rather
//! than dumped as YAML with `: null` lines.

use super::fit;
use super::terminal::{finish, typeset};
use crate::lang::Lang;
use crate::money;
use crate::policy::pack::{Condition, PolicyPack, Prerequisite, Track, TrackKind};
use std::fmt::Write as _;

/// Kind of support in words.
pub fn kind_label(k: TrackKind, l: Lang) -> &'static str {
    match k {
        TrackKind::Grant => l.pick("补助", "grant"),
        TrackKind::Award => l.pick("奖励", "award"),
        TrackKind::TaxBenefit => l.pick("税收优惠", "tax benefit"),
        TrackKind::Equity => l.pick("股权投资", "equity"),
        TrackKind::NonMonetary => l.pick("非资金支持", "non-monetary"),
    }
}

/// What must come first, in words.
pub fn prerequisite_label(p: Prerequisite, l: Lang) -> &'static str {
    match p {
        Prerequisite::None => l.pick("无", "none"),
        Prerequisite::Recognition => l.pick("先认定", "recognition"),
        Prerequisite::Application => l.pick("先申报", "application"),
        Prerequisite::OnSiteGrading => l.pick("先现场评定", "on-site grading"),
    }
}

fn funders(t: &Track, l: Lang) -> String {
    t.funders
        .iter()
        .map(|f| f.label().get(l).to_string())
        .collect::<Vec<_>>()
        .join(" / ")
}

/// `policy list`: one row per track. The id column stays in both languages:
/// it is what `policy show` takes.
pub fn list(pack: &PolicyPack, l: Lang, width: usize) -> String {
    // Kind, funders and prerequisite share a column, one per line, so the
    // table fits 80 columns with the ids whole.
    let mut rows = vec![vec![
        l.pick("编号", "id").to_string(),
        l.pick("条款", "clause").to_string(),
        l.pick("扶持项", "track").to_string(),
        l.pick("类型 / 出资方 / 前提", "kind / funders / first")
            .to_string(),
    ]];
    for t in &pack.tracks {
        rows.push(
            [
                t.id.clone(),
                t.clause.clone(),
                t.title.get(l).to_string(),
                format!(
                    "{}\n{}\n{}",
                    kind_label(t.kind, l),
                    funders(t, l),
                    prerequisite_label(t.prerequisite, l)
                ),
            ]
            .into_iter()
            .map(|c| typeset(c, l))
            .collect(),
        );
    }
    let head = format!("{} {} — {}\n", pack.id, pack.version, pack.title.get(l));
    let note = l.pick(
        "编号用于 zhizao policy show 编号\n",
        "Use the id with zhizao policy show ID\n",
    );
    finish(&head, l, width) + &fit::table_keeping(rows, width, &[0]) + "\n" + note
}

/// A condition in words: "当年采购数控一代示范产品台(套)数 ≥ 1".
fn condition(c: &Condition, l: Lang) -> String {
    if let Some(any) = &c.any_of {
        let parts: Vec<String> = any.iter().map(|x| condition(x, l)).collect();
        return format!(
            "{}: {}",
            l.pick("任一成立", "any of"),
            parts.join(l.pick("；", "; "))
        );
    }
    let name = c
        .label
        .as_ref()
        .map(|x| x.get(l).to_string())
        .unwrap_or_else(|| super::fields::humanize(&c.fact, l));
    let num = |x: &rust_decimal::Decimal| x.normalize().to_string();
    let mut tests = Vec::new();
    let ops = [
        ("≥", &c.at_least),
        (">", &c.more_than),
        ("≤", &c.at_most),
        ("<", &c.less_than),
    ];
    for (op, v) in ops {
        if let Some(v) = v {
            tests.push(format!("{op} {}", num(v)));
        }
    }
    if let Some(b) = c.is {
        tests.push(
            if b {
                l.pick("是", "yes")
            } else {
                l.pick("否", "no")
            }
            .to_string(),
        );
    }
    if let Some(ids) = &c.one_of {
        tests.push(format!("{} {}", l.pick("属于", "one of"), ids.join(", ")));
    }
    if let Some(ids) = &c.none_of {
        tests.push(format!(
            "{} {}",
            l.pick("不属于", "none of"),
            ids.join(", ")
        ));
    }
    if let Some(n) = c.count_at_least {
        tests.push(format!("{} ≥ {n}", l.pick("个数", "count")));
    }
    if let Some(items) = &c.any_item {
        let parts: Vec<String> = items.iter().map(|x| condition(x, l)).collect();
        tests.push(format!(
            "{}: {}",
            l.pick("至少一项满足", "an item with"),
            parts.join(l.pick("；", "; "))
        ));
    }
    format!("{name} {}", tests.join(l.pick("，", ", ")))
}

/// `policy show ID`: the track in words; the amount rules as the pack
/// states them, without empty fields.
pub fn show(pack: &PolicyPack, t: &Track, l: Lang, width: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} {}",
        t.title.get(l),
        l.pick("条款", "clause"),
        t.clause
    );
    let _ = writeln!(out, "{}: {}", l.pick("政策", "notice"), pack.title.get(l));
    if let Some(d) = t.document.as_ref().or(pack.document.as_ref()) {
        let _ = writeln!(out, "{}: {}", l.pick("文号", "document"), d.get(l));
    }
    if let Some(c) = t.confidence.or(pack.confidence) {
        let _ = writeln!(
            out,
            "{}: [{}] {}",
            l.pick("来源可信度", "confidence"),
            c.tag(),
            c.meaning().get(l)
        );
    }
    let _ = writeln!(out, "{}: {}", l.pick("类型", "kind"), kind_label(t.kind, l));
    let _ = writeln!(out, "{}: {}", l.pick("出资方", "funders"), funders(t, l));
    let _ = writeln!(
        out,
        "{}: {}{}",
        l.pick("前提", "first"),
        prerequisite_label(t.prerequisite, l),
        t.prerequisite_note
            .as_ref()
            .map(|n| format!(" — {}", n.get(l)))
            .unwrap_or_default()
    );
    for (label, list) in [
        (
            l.pick("符合条件 (全部成立)", "eligible when (all hold)"),
            &t.eligible_when,
        ),
        (l.pick("候选条件", "candidate when"), &t.candidate_when),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{label}:");
        for c in list {
            let _ = writeln!(out, "  - {}", condition(c, l));
        }
    }
    if let Some(a) = &t.amount {
        let _ = writeln!(out, "{}:", l.pick("金额", "amount"));
        for p in &a.parts {
            let _ = writeln!(out, "  - {}", part(p, l));
        }
        if let Some(tiers) = &a.tiers {
            let by = super::fields::humanize(&tiers.by, l);
            for tier in &tiers.tiers {
                let _ = writeln!(out, "  {by} {}–{}:", tier.from, tier.to);
                for p in &tier.parts {
                    let _ = writeln!(out, "    - {}", part(p, l));
                }
            }
            let _ = writeln!(out, "  {}", tiers.beyond.get(l));
        }
        if let Some(cap) = a.cap {
            let _ = writeln!(
                out,
                "  {}: {}",
                l.pick("本项封顶", "track cap"),
                money::report(cap, l)
            );
        }
    }
    for (label, text) in [
        (l.pick("支持方式", "support"), &t.support),
        (l.pick("解读", "reading"), &t.interpretation),
    ] {
        if let Some(x) = text {
            let _ = writeln!(out, "{label}: {}", x.get(l));
        }
    }
    finish(&out, l, width)
}

/// One part of an amount in words: "发票总价（不含税）× 15%，市 30% / 区 70%，封顶 300.00万元".
fn part(p: &crate::policy::pack::Part, l: Lang) -> String {
    use crate::policy::pack::AmountBound;
    let name = |f: &str| super::fields::humanize(f, l);
    let pct = |x: rust_decimal::Decimal| {
        format!("{}%", (x * rust_decimal::Decimal::ONE_HUNDRED).normalize())
    };
    let lookup = |k: &crate::policy::pack::Lookup| {
        let rows: Vec<String> = k
            .table
            .iter()
            .map(|(id, v)| format!("{} {}", name(id), money::report(*v, l)))
            .collect();
        format!(
            "{} {}: {}",
            l.pick("按", "by"),
            name(&k.fact),
            rows.join(l.pick("；", "; "))
        )
    };
    let mut what = if let Some(x) = p.fixed {
        money::report(x, l)
    } else if let Some(r) = &p.rate {
        format!("{} × {}", name(&r.base), pct(r.rate))
    } else if let Some(u) = &p.per_unit {
        format!("{} × {}", name(&u.fact), money::report(u.each, l))
    } else if let Some(k) = p.lookup.as_ref().or(p.per_tally.as_ref()) {
        lookup(k)
    } else if let Some(i) = &p.per_item {
        let each = i
            .fixed
            .map(|x| money::report(x, l))
            .or_else(|| {
                i.rate
                    .as_ref()
                    .map(|r| format!("{} × {}", name(&r.base), pct(r.rate)))
            })
            .or_else(|| i.lookup.as_ref().map(lookup))
            .unwrap_or_default();
        format!("{} {}: {each}", l.pick("每项", "each of"), name(&i.items))
    } else {
        String::new()
    };
    match p.bound {
        AmountBound::Exact => {}
        AmountBound::UpTo => what = format!("{} {what}", l.pick("最高", "up to")),
        AmountBound::AtLeast => what = format!("{} {what}", l.pick("不少于", "at least")),
    }
    if let Some(f) = &p.funder {
        what.push_str(&format!(", {}", f.label().get(l)));
    }
    if let Some(split) = &p.split {
        let parts: Vec<String> = split
            .iter()
            .map(|(f, x)| format!("{} {}%", f.label().get(l), x.normalize()))
            .collect();
        what.push_str(&format!(", {}", parts.join(" / ")));
    }
    if let Some(c) = p.cap {
        what.push_str(&format!(
            ", {} {}",
            l.pick("封顶", "capped at"),
            money::report(c, l)
        ));
    }
    if !p.when.is_empty() {
        let conds: Vec<String> = p.when.iter().map(|c| condition(c, l)).collect();
        what.push_str(&format!(
            " ({} {})",
            l.pick("当", "when"),
            conds.join(l.pick("；", "; "))
        ));
    }
    match &p.label {
        Some(x) => format!("{}: {what}", x.get(l)),
        None => what,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_has_no_null_lines_and_fits() {
        let pack = crate::policy::default_pack();
        for t in &pack.tracks {
            for l in [Lang::Zh, Lang::En] {
                let s = show(&pack, t, l, 80);
                assert!(!s.contains(": null"), "{s}");
                assert!(s.lines().all(|x| fit::display_width(x) <= 80), "{s}");
                // The title opens the text (wrapped, so its start is compared).
                let title = super::typeset(t.title.get(l).to_string(), l);
                let start: String = title.chars().take(8).collect();
                assert!(s.starts_with(&start), "{s}");
            }
        }
    }
}

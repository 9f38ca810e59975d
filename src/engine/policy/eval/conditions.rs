//! Conditions (条件): whether each holds for an enterprise — the one place
//! truth is decided — and the same condition explained for the reports.

#[allow(unused_imports)]
use super::*;

/// A number as a reader wants it: money in CNY (to the fen), shares as
/// percentages with two decimals (0.51003… → 51.00%), anything else as is.
pub(super) fn show_num(fact: &str, v: Decimal) -> String {
    show_num_in(fact, v, Lang::En)
}

/// [`show_num`] in a given language (money as 万元 in Chinese).
pub(super) fn show_num_in(fact: &str, v: Decimal, l: Lang) -> String {
    if is_money(fact) {
        money::fmt(money::to_fen(v), l)
    } else if crate::facts::is_share(fact) {
        let pct = (v * Decimal::ONE_HUNDRED).round_dp(2);
        format!("{pct:.2}%")
    } else if fact.ends_with("area_m2") {
        // Areas carry their unit, so "≥ 300" reads as the clause's 300平方米.
        let unit = match l {
            Lang::Zh => "平方米",
            Lang::En => " m²",
        };
        format!("{}{unit}", money::group(v.normalize()))
    } else {
        v.normalize().to_string()
    }
}

pub(super) fn is_money(fact: &str) -> bool {
    crate::facts::spec(fact).is_some_and(|s| s.kind == crate::facts::Kind::Money)
}

/// How a fact is looked up for a condition: from the enterprise's facts, or
/// (inside `any_item` and `per_item`) from one item's fields.
pub(super) type ValueOf<'a, 'f> = &'a dyn Fn(&Condition) -> Option<&'f Fact>;

/// The enterprise fact a condition reads: by the registry position resolved
/// at load, or by name for a pack built in code.
pub(super) fn fact_of<'f>(facts: &'f Facts, c: &Condition) -> Option<&'f Fact> {
    match c.slot {
        Some(i) => facts.at(i),
        None => facts.get(&c.fact),
    }
}

/// Whether a condition holds, and whether a failed numeric one missed by a
/// small margin ("near"). The one place truth is decided: the explained
/// result ([`condition`]) and the batch verdict ([`Verdict`]) both ask here,
/// and nothing is allocated.
pub(super) fn judge<'f>(
    c: &Condition,
    value_of: ValueOf<'_, 'f>,
    near_within: Decimal,
) -> (Truth, bool) {
    let yes_no = |b: bool| if b { Truth::Yes } else { Truth::No };
    let value = value_of(c);
    let truth = match (&c.test, value) {
        (Test::AnyOf(alts), _) => {
            let mut unknown = false;
            for a in alts {
                match judge(a, value_of, near_within).0 {
                    Truth::Yes => return (Truth::Yes, false),
                    Truth::Unknown => unknown = true,
                    Truth::No => {}
                }
            }
            if unknown {
                Truth::Unknown
            } else {
                Truth::No
            }
        }
        (Test::Compare(op, t), Some(Fact::Num(v))) => {
            if op.holds(*v, *t) {
                return (Truth::Yes, false);
            }
            // A zero threshold has no "near": 20% of nothing is nothing.
            let near = !t.is_zero() && (*t - *v).abs() <= near_within * t.abs();
            return (Truth::No, near);
        }
        (Test::Is(want), Some(Fact::Bool(b))) => yes_no(b == want),
        (Test::OneOf(ids), Some(Fact::Id(id))) => yes_no(ids.iter().any(|x| x == id)),
        (Test::NoneOf(ids), Some(Fact::Id(id))) => yes_no(!ids.iter().any(|x| x == id)),
        (Test::CountAtLeast(n), Some(Fact::Tally(t))) => yes_no(t.values().sum::<u32>() >= *n),
        (Test::AnyItem(conds), Some(Fact::Items(list))) => {
            let (hits, unknown) = item_hits(list, conds, near_within);
            if hits > 0 {
                Truth::Yes
            } else if unknown {
                Truth::Unknown
            } else {
                Truth::No
            }
        }
        _ => Truth::Unknown,
    };
    (truth, false)
}

/// Items meeting every one of `conds`, and whether some item could not be
/// judged for want of a field.
pub(super) fn item_hits(
    list: &[BTreeMap<String, Fact>],
    conds: &[Condition],
    near_within: Decimal,
) -> (usize, bool) {
    let mut unknown = false;
    let mut hits = 0;
    for item in list {
        match all_of(conds, &|x: &Condition| item.get(&x.fact), near_within) {
            Truth::Yes => hits += 1,
            Truth::Unknown => unknown = true,
            Truth::No => {}
        }
    }
    (hits, unknown)
}

/// Conjunction: `No` as soon as one condition fails, else `Unknown` if one
/// cannot be judged, else `Yes`.
pub(super) fn all_of<'f>(
    conds: &[Condition],
    value_of: ValueOf<'_, 'f>,
    near_within: Decimal,
) -> Truth {
    let mut all = Truth::Yes;
    for c in conds {
        match judge(c, value_of, near_within).0 {
            Truth::No => return Truth::No,
            Truth::Unknown => all = Truth::Unknown,
            Truth::Yes => {}
        }
    }
    all
}

/// One condition, explained: the truth from [`judge`], plus the actual and
/// required values and the gap, for reports.
pub(super) fn condition<'f>(
    c: &Condition,
    value_of: ValueOf<'_, 'f>,
    near_within: Decimal,
) -> ConditionResult {
    let (truth, near) = judge(c, value_of, near_within);
    let value = value_of(c);
    let mut r = ConditionResult {
        fact: c.fact.clone(),
        label: c.label.clone(),
        truth,
        actual: None,
        required: String::new(),
        near,
        gap: None,
        actual_text: None,
        required_text: Text::default(),
    };
    match &c.test {
        Test::AnyOf(alts) => explain_any_of(&mut r, alts, value_of, near_within),
        Test::Compare(op, t) => explain_compare(&mut r, c, value, (*t, *op), truth),
        Test::Is(want) => explain_is(&mut r, *want, value),
        Test::OneOf(list) => explain_ids(&mut r, list, false, value),
        Test::NoneOf(list) => explain_ids(&mut r, list, true, value),
        Test::CountAtLeast(n) => explain_count(&mut r, *n, value),
        Test::AnyItem(conds) => explain_items(&mut r, conds, value, near_within),
        Test::Unbuilt => {}
    }
    r
}

/// `any_of`: each alternative explained, joined with "or".
pub(super) fn explain_any_of<'f>(
    r: &mut ConditionResult,
    alts: &[Condition],
    value_of: ValueOf<'_, 'f>,
    near_within: Decimal,
) {
    let results: Vec<ConditionResult> = alts
        .iter()
        .map(|a| condition(a, value_of, near_within))
        .collect();
    r.fact = results
        .iter()
        .map(|x| x.fact.as_str())
        .collect::<Vec<_>>()
        .join(" | ");
    r.required = results
        .iter()
        .map(|x| format!("{} {}", x.fact, x.required))
        .collect::<Vec<_>>()
        .join(" or ");
    r.actual = Some(
        results
            .iter()
            .map(|x| x.actual.as_deref().unwrap_or("unknown"))
            .collect::<Vec<_>>()
            .join(" | "),
    );
    let join = |sep: &str, f: &dyn Fn(&ConditionResult) -> String| {
        results.iter().map(f).collect::<Vec<_>>().join(sep)
    };
    // In Chinese an alternative without a label of its own is named by
    // its questionnaire field (企业技术中心, not `recognitions.tech_centers`);
    // English keeps the fact id.
    let name = |x: &ConditionResult, l: Lang| {
        let field = || match l {
            Lang::Zh => crate::fieldnames::label(&x.fact, l).map(str::to_string),
            Lang::En => None,
        };
        x.label
            .as_ref()
            .map(|t| t.get(l).to_string())
            .or_else(field)
            .unwrap_or_else(|| x.fact.clone())
    };
    r.required_text = Text::new(
        join(" 或 ", &|x| {
            format!("{} {}", name(x, Lang::Zh), x.required_text.zh)
        }),
        join(" or ", &|x| {
            format!("{} {}", name(x, Lang::En), x.required_text.en)
        }),
    );
    let act = |x: &ConditionResult, l: Lang| {
        x.actual_text
            .as_ref()
            .map(|t| t.get(l).to_string())
            .unwrap_or_else(|| l.pick("未知", "unknown").to_string())
    };
    r.actual_text = Some(Text::new(
        join(" | ", &|x| act(x, Lang::Zh)),
        join(" | ", &|x| act(x, Lang::En)),
    ));
}

/// A numeric comparison: required, actual and the gap when it fails.
pub(super) fn explain_compare(
    r: &mut ConditionResult,
    c: &Condition,
    value: Option<&Fact>,
    (t, op): (Decimal, Op),
    truth: Truth,
) {
    let sym = op.symbol();
    r.required = format!("{sym} {}", show_num(&c.fact, t));
    r.required_text = Text::new(
        format!("{sym} {}", show_num_in(&c.fact, t, Lang::Zh)),
        r.required.clone(),
    );
    let Some(v) = value.and_then(Fact::num) else {
        return;
    };
    r.actual = Some(show_num(&c.fact, v));
    r.actual_text = Some(Text::new(
        show_num_in(&c.fact, v, Lang::Zh),
        show_num(&c.fact, v),
    ));
    if truth == Truth::No {
        r.gap = Some(gap(c, v, t, op));
    }
}

/// A yes/no fact.
pub(super) fn explain_is(r: &mut ConditionResult, want: bool, value: Option<&Fact>) {
    let yes_no = |b: bool| {
        if b {
            Text::new("是", "yes")
        } else {
            Text::new("否", "no")
        }
    };
    r.required = want.to_string();
    r.required_text = yes_no(want);
    if let Some(Fact::Bool(b)) = value {
        r.actual = Some(b.to_string());
        r.actual_text = Some(yes_no(*b));
    }
}

/// An id among (or none of) a list.
pub(super) fn explain_ids(
    r: &mut ConditionResult,
    list: &[String],
    negate: bool,
    value: Option<&Fact>,
) {
    r.required = format!("{}{}", if negate { "not " } else { "" }, list.join(" | "));
    let zh: Vec<&str> = list.iter().map(|x| id_zh(x)).collect();
    let en: Vec<String> = list.iter().map(|x| id_en(x)).collect();
    r.required_text = Text::new(
        format!("{}{}", if negate { "不是 " } else { "" }, zh.join(" | ")),
        format!("{}{}", if negate { "not " } else { "" }, en.join(" | ")),
    );
    if let Some(Fact::Id(id)) = value {
        r.actual = Some(id.to_string());
        r.actual_text = Some(Text::new(id_zh(id).to_string(), id_en(id)));
    }
}

/// A tally's count.
pub(super) fn explain_count(r: &mut ConditionResult, n: u32, value: Option<&Fact>) {
    r.required = format!("≥ {n}");
    r.required_text = Text::new(format!("≥ {n} 项"), format!("≥ {n} entries"));
    if let Some(Fact::Tally(t)) = value {
        let total = t.values().sum::<u32>();
        r.actual = Some(total.to_string());
        r.actual_text = Some(Text::new(format!("{total} 项"), format!("{total} entries")));
    }
}

/// Items meeting all of the item conditions.
pub(super) fn explain_items(
    r: &mut ConditionResult,
    conds: &[Condition],
    value: Option<&Fact>,
    near_within: Decimal,
) {
    r.required = "any item with all conditions".into();
    r.required_text = Text::new(
        "至少一项满足全部条件",
        "at least one item meeting all conditions",
    );
    if let Some(Fact::Items(list)) = value {
        let (hits, _) = item_hits(list, conds, near_within);
        let n = list.len();
        r.actual = Some(format!("{hits} of {n}"));
        r.actual_text = Some(Text::new(
            format!("{n} 项中 {hits} 项满足"),
            format!("{hits} of {n}"),
        ));
    }
}

/// The name of a table id in the explanation: the pack's `names` for it,
/// else the Chinese word [`id_zh`] knows (zh) and the id itself (en).
pub(super) fn id_name(l: &crate::policy::pack::Lookup, id: &str) -> (String, String) {
    match l.names.get(id) {
        Some(t) => (t.zh.to_string(), t.en.to_string()),
        None => (id_zh(id).to_string(), id_en(id)),
    }
}

/// An id in English words for the explanation ("not_met" → "not met",
/// "neeq" → "NEEQ"); the JSON keeps the id itself.
pub(super) fn id_en(id: &str) -> String {
    match id {
        "ipo" => "IPO".into(),
        "neeq" => "NEEQ".into(),
        "haixia_quanzhou" => "Haixia Equity Exchange, Quanzhou board".into(),
        _ => id.replace('_', " "),
    }
}

/// The Chinese word for the ids a reader meets most in conditions
/// (criterion statuses, levels, listing venues); other ids as they are.
pub(super) fn id_zh(id: &str) -> &str {
    match id {
        "met" => "达到",
        "not_met" => "未达到",
        "not_applicable" => "不适用",
        "national" => "国家级",
        "provincial" => "省级",
        "municipal" => "市级",
        "ipo" => "首发上市",
        "neeq" => "新三板",
        "haixia_quanzhou" => "海峡股权泉州交易中心",
        "none" => "无",
        "yes" => "是",
        "no" => "否",
        "unconfirmed" => "未确认",
        // Other enum values by their zh label in the questionnaire schema
        // (central → 中心园区运营方).
        _ => crate::fieldnames::value_label(id, Lang::Zh).unwrap_or(id),
    }
}

/// A failed numeric condition in words: the field's label (not its id), the
/// value, what is needed and by how much it is short — no "short by 0"
/// when a strict bound is missed at the bound itself.
pub(super) fn gap(c: &Condition, v: Decimal, t: Decimal, op: Op) -> Text {
    let fact = &c.fact;
    let (zh_name, en_name) = match &c.label {
        Some(l) => (l.zh.to_string(), l.en.to_string()),
        None => (fact.clone(), fact.clone()),
    };
    let (actual, need) = (show_num(fact, v), show_num(fact, t));
    let (actual_zh, need_zh) = (
        show_num_in(fact, v, Lang::Zh),
        show_num_in(fact, t, Lang::Zh),
    );
    let sym = op.symbol();
    let short = (t - v).abs();
    if short.is_zero() {
        let (zh_op, en_op) = match op {
            Op::MoreThan => ("超过", "more than"),
            _ => ("低于", "less than"),
        };
        return Text::new(
            format!("{zh_name}: {actual_zh}, 须{zh_op} {need_zh} (恰好等于不算)"),
            format!("{en_name}: {actual}, must be {en_op} {need} (equal is not enough)"),
        );
    }
    let short_zh = show_num_in(fact, short, Lang::Zh);
    let short = show_num(fact, short);
    Text::new(
        format!("{zh_name}: {actual_zh}, 要求 {sym} {need_zh} (差 {short_zh})"),
        format!("{en_name}: {actual} of {sym} {need} needed (short by {short})"),
    )
}

/// What a list of conditions (all must hold) comes to, counted without
/// building explanations.
#[derive(Default)]
pub(super) struct Verdict {
    pub(super) failed: usize,
    pub(super) failed_not_near: usize,
    pub(super) unknown: usize,
}

impl Verdict {
    /// Stops at the first condition that fails by more than the near
    /// margin: the track is then not eligible whatever the others say, and
    /// most tracks of most enterprises end there.
    pub(super) fn of(list: &[Condition], facts: &Facts, near_within: Decimal) -> Verdict {
        let mut v = Verdict::default();
        for c in list {
            match judge(c, &|x: &Condition| fact_of(facts, x), near_within) {
                (Truth::Yes, _) => {}
                (Truth::No, true) => v.failed += 1,
                (Truth::No, false) => {
                    v.failed += 1;
                    v.failed_not_near += 1;
                    break;
                }
                (Truth::Unknown, _) => v.unknown += 1,
            }
        }
        v
    }

    pub(super) fn all_yes(&self) -> bool {
        self.failed == 0 && self.unknown == 0
    }
}

/// Names of the facts behind the conditions that cannot be judged (taken
/// from the pack, so they are there even when no texts are built).
pub(super) fn unknown_facts(
    conds: &[Condition],
    facts: &Facts,
    near_within: Decimal,
) -> Vec<String> {
    let mut out = Vec::new();
    for c in conds {
        if judge(c, &|x: &Condition| fact_of(facts, x), near_within).0 != Truth::Unknown {
            continue;
        }
        match (&c.test, fact_of(facts, c)) {
            (Test::AnyOf(alts), _) => out.push(
                alts.iter()
                    .map(|a| crate::facts::to_fill(&a.fact))
                    .collect::<Vec<_>>()
                    .join(" | "),
            ),
            (Test::AnyItem(sub), Some(Fact::Items(list))) => {
                out.extend(unknown_item_fields(&c.fact, list, sub, near_within));
            }
            _ => out.push(crate::facts::to_fill(&c.fact).to_string()),
        }
    }
    out
}

/// The item fields to fill in for an `any_item` condition that cannot be
/// decided: `projects.first_set_equipment[0].recognition_year` rather than
/// the whole list (items counted from 0, as in the questionnaire path).
pub(super) fn unknown_item_fields(
    items: &str,
    list: &[BTreeMap<String, Fact>],
    sub: &[Condition],
    near_within: Decimal,
) -> Vec<String> {
    let mut out = Vec::new();
    for (i, item) in list.iter().enumerate() {
        if all_of(sub, &|x: &Condition| item.get(&x.fact), near_within) != Truth::Unknown {
            continue;
        }
        for f in sub.iter().filter(|x| !item.contains_key(&x.fact)) {
            let field = crate::facts::to_fill(&format!("{items}.{}", f.fact)).to_string();
            let leaf = field.rsplit('.').next().unwrap_or(&field).to_string();
            out.push(format!("{items}[{i}].{leaf}"));
        }
    }
    out
}

//! Validity (有效期): whether a pack is in force for the data year, by
//! date, and the notes for a part year or a year beyond the horizon.

#[allow(unused_imports)]
use super::*;

pub(super) fn year_of(date: &str) -> Option<i32> {
    date.get(..4).and_then(|y| y.parse().ok())
}

/// Why no track is in force: the data year is before the pack's first day
/// (or after an `effective_to` a pack may set).
pub(super) fn not_in_force_note(pack: &PolicyPack, data_year: Option<i32>) -> Text {
    let y = data_year
        .map(|y| y.to_string())
        .unwrap_or_else(|| "?".into());
    let range = format!(
        "{} – {}",
        pack.effective_from,
        pack.effective_to.as_deref().unwrap_or("…")
    );
    Text::new(
        format!("数据年度 {y} 不在本政策有效期 ({range}) 内, 各项扶持不适用"),
        format!("data year {y} is outside this policy's validity ({range}): no track is in force"),
    )
}

/// Validity is by date: a pack in force for part of the data year only
/// (it took effect after 1 January, or ended before 31 December) applies,
/// with a note that only what falls within its dates is covered.
pub(super) fn part_year_note(pack: &PolicyPack, data_year: Option<i32>) -> Option<Text> {
    let y = data_year?;
    let from = pack.effective_from.as_str();
    let to = pack.effective_to.as_deref();
    let starts_late = year_of(from) == Some(y) && !from.ends_with("-01-01");
    let ends_early = to.is_some_and(|t| year_of(t) == Some(y) && !t.ends_with("-12-31"));
    if !starts_late && !ends_early {
        return None;
    }
    let range = format!("{from} – {}", to.unwrap_or("…"));
    Some(Text::new(
        format!("本政策有效期 ({range}) 只覆盖数据年度 {y} 的一部分: 只有在此期间内发生的事项适用"),
        format!(
            "this policy's validity ({range}) covers only part of data year {y}: only what happens within it applies"
        ),
    ))
}

/// The horizon a data year is beyond, if any (the first one left after the
/// readings apply).
pub(super) fn beyond_horizon(
    pack: &PolicyPack,
    data_year: Option<i32>,
) -> Option<&crate::policy::pack::Horizon> {
    let h = pack.horizon.first()?;
    data_year.filter(|y| *y > h.last_year).map(|_| h)
}

/// The horizon warning, led by the data year and the horizon so the
/// reader sees at once which figures it concerns.
pub(super) fn horizon_warning(h: &crate::policy::pack::Horizon, data_year: Option<i32>) -> Text {
    let y = data_year.unwrap_or_default();
    let last = h.last_year;
    Text::new(
        format!(
            "注意: 数据年度 {y} 晚于测算期限 {last} 年 [R]。{}",
            h.warning.zh
        ),
        format!(
            "Warning: data year {y} is after the {last} horizon [R]. {}",
            h.warning.en
        ),
    )
}

/// Whether the pack is in force for the enterprise's data year, and the year.
pub(super) fn in_force(pack: &PolicyPack, facts: &Facts) -> (bool, Option<i32>) {
    // The fact's slot, found once (a batch asks for every pack of every file).
    static DATA_YEAR: std::sync::LazyLock<Option<usize>> =
        std::sync::LazyLock::new(|| crate::facts::slot("enterprise.data_year"));
    let data_year = DATA_YEAR
        .and_then(|i| facts.at(i))
        .and_then(Fact::num)
        .and_then(|d| i32::try_from(d.mantissa()).ok().filter(|_| d.scale() == 0));
    (data_year.is_some_and(|y| covers(pack, y)), data_year)
}

/// Whether any day of `year` lies within the pack's validity (by date).
pub fn covers(pack: &PolicyPack, year: i32) -> bool {
    let from = year_of(&pack.effective_from);
    let to = pack.effective_to.as_deref().and_then(year_of);
    from.is_none_or(|f| year >= f) && to.is_none_or(|t| year <= t)
}

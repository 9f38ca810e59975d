//! The Dashboard sheet (看板): data blocks and native Excel charts.

use super::*;

/// Data blocks and native charts: verdicts, maturity levels, targets,
/// budget by funder and track, key indicators by sector.
pub(super) fn dashboard(
    ws: &mut Worksheet,
    cx: &Context,
    p: &Pass,
    fm: &Formats,
) -> anyhow::Result<()> {
    let l = cx.lang;
    let name = sheet_name("看板", "Dashboard", l);
    ws.set_name(&name)?;
    ws.set_column_width(0, 22)?;
    let bold = &fm.bold;
    // Block 1 (A1): verdicts of the three criteria.
    let statuses = [
        Status::Met,
        Status::NotMet,
        Status::Unknown,
        Status::NotApplicable,
    ];
    ws.write_string_with_format(0, 0, l.pick("判定", "Verdict"), bold)?;
    let crit = [
        l.pick("自动化数字化", "Automated & digital"),
        l.pick("数字化车间", "Digital workshop"),
        l.pick("智能工厂", "Smart factory"),
    ];
    for (j, s) in statuses.iter().enumerate() {
        ws.write_string_with_format(0, 1 + j as u16, s.label().get(l), bold)?;
    }
    for (i, c) in crit.iter().enumerate() {
        ws.write_string(1 + i as u32, 0, *c)?;
        for j in 0..4 {
            ws.write_number(1 + i as u32, 1 + j as u16, f64::from(p.verdicts[i][j]))?;
        }
    }
    let mut ch = Chart::new(ChartType::BarStacked);
    ch.title()
        .set_name(l.pick("参考标准判定 (企业数)", "Criteria verdicts (enterprises)"));
    for j in 0..4u16 {
        ch.add_series()
            .set_name((name.as_str(), 0, 1 + j))
            .set_categories((name.as_str(), 1, 0, 3, 0))
            .set_values((name.as_str(), 1, 1 + j, 3, 1 + j));
    }
    ws.insert_chart(0, 6, &ch)?;
    // Block 2 (A6): estimated maturity level.
    ws.write_string_with_format(5, 0, l.pick("估算成熟度等级", "Est. maturity level"), bold)?;
    ws.write_string_with_format(5, 1, l.pick("企业数", "Enterprises"), bold)?;
    for i in 0..7usize {
        let label = if i == 6 {
            l.pick("未知", "unknown").to_string()
        } else {
            format!("{} {i}", l.pick("等级", "level"))
        };
        ws.write_string(6 + i as u32, 0, label)?;
        ws.write_number(6 + i as u32, 1, f64::from(p.levels[i]))?;
    }
    let mut ch = Chart::new(ChartType::Column);
    ch.title()
        .set_name(l.pick("估算成熟度等级分布", "Estimated maturity levels"));
    ch.add_series()
        .set_name(l.pick("企业数", "Enterprises"))
        .set_categories((name.as_str(), 6, 0, 12, 0))
        .set_values((name.as_str(), 6, 1, 12, 1));
    ch.legend().set_hidden();
    ws.insert_chart(0, 14, &ch)?;
    // Block 3 (A15): key ratio indicators by sector (medians).
    let ratio_ids = [
        "cnc_ratio",
        "automation_rate",
        "equipment_digitization_rate",
        "networking_rate",
    ];
    let q = cx.screened.peers.quartiles();
    ws.write_string_with_format(14, 0, l.pick("行业中位数", "Sector medians"), bold)?;
    for (j, id) in ratio_ids.iter().enumerate() {
        ws.write_string_with_format(14, 1 + j as u16, indicator_name(id).get(l), bold)?;
    }
    let mut r = 15u32;
    for (sector, cols) in &q {
        ws.write_string(r, 0, sector_name(*sector, l))?;
        for (j, id) in ratio_ids.iter().enumerate() {
            let i = PEER_INDICATORS.iter().position(|x| x == id).unwrap_or(0);
            if let Some(Some([_, med, _])) = cols.get(i) {
                ws.write_number_with_format(r, 1 + j as u16, *med, &fm.pct)?;
            }
        }
        r += 1;
    }
    if r > 15 {
        let mut ch = Chart::new(ChartType::Column);
        ch.title().set_name(l.pick(
            "各产业关键指标 (中位数)",
            "Key indicators by sector (median)",
        ));
        for j in 0..ratio_ids.len() as u16 {
            ch.add_series()
                .set_name((name.as_str(), 14, 1 + j))
                .set_categories((name.as_str(), 15, 0, r - 1, 0))
                .set_values((name.as_str(), 15, 1 + j, r - 1, 1 + j));
        }
        ws.insert_chart(16, 6, &ch)?;
    }
    digital_share(ws, cx, &name, r + 2, fm)?;
    // Charts on the Targets and Budget tables.
    let tname = sheet_name("目标", "Targets", l);
    let n = cx.dashboard.len() as u32;
    if n > 0 {
        let mut ch = Chart::new(ChartType::Bar);
        ch.title()
            .set_name(l.pick("区级目标完成度", "District targets: progress to goal"));
        ch.add_series()
            .set_name(l.pick("完成度", "Progress"))
            .set_categories((tname.as_str(), 1, 0, n, 0))
            .set_values((tname.as_str(), 1, 3, n, 3));
        ch.legend().set_hidden();
        ch.x_axis().set_num_format("0%");
        ws.insert_chart(16, 14, &ch)?;
    }
    let bname = sheet_name("预算", "Budget", l);
    let nb = cx.screened.agg.budget.len() as u32;
    if nb > 0 {
        let mut ch = Chart::new(ChartType::BarStacked);
        ch.title().set_name(l.pick(
            "含候选支持上限: 按扶持项和出资方 (万元)",
            "Potential support by track and funder (万元)",
        ));
        // The Budget sheet's potential columns: after 5 fixed columns and
        // one eligible column per funder.
        let nf = cx.packs.funders().len() as u16;
        for k in 0..nf {
            let c = 5 + nf + k;
            ch.add_series()
                .set_name((bname.as_str(), 0, c))
                .set_categories((bname.as_str(), 1, 0, nb, 0))
                .set_values((bname.as_str(), 1, c, nb, c));
        }
        ch.set_height(640);
        ws.insert_chart(32, 6, &ch)?;
    }
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// Block 4 (below the sector medians, from row `top`): the share of 规上
/// enterprises at the goal's digital level or above, overall and by sector,
/// beside the goal (the city pilot's 90%, a reference value [S]), and a
/// chart of the two. Nothing when no score sheet applied.
fn digital_share(
    ws: &mut Worksheet,
    cx: &Context,
    name: &str,
    top: u32,
    fm: &Formats,
) -> anyhow::Result<()> {
    let l = cx.lang;
    let lines: Vec<_> = cx
        .dashboard
        .iter()
        .filter(|t| t.id.starts_with("digital_level_share"))
        .collect();
    let Some(first) = lines.first() else {
        return Ok(());
    };
    // The title on its own row: it is longer than the first column.
    ws.write_string_with_format(top, 0, first.label.get(l), &fm.bold)?;
    let head = top + 1;
    ws.write_string_with_format(head, 0, l.pick("产业", "Sector"), &fm.bold)?;
    ws.write_string_with_format(head, 1, l.pick("占比", "Share"), &fm.bold)?;
    let mark = first.confidence.map(|c| c.mark()).unwrap_or_default();
    let goal = format!("{}{mark}", l.pick("目标", "Goal"));
    ws.write_string_with_format(head, 2, &goal, &fm.bold)?;
    for (i, t) in lines.iter().enumerate() {
        let r = head + 1 + i as u32;
        // The first line is every sector together; the others name theirs.
        let label = match i {
            0 => l.pick("全部", "All sectors"),
            _ => t.label.get(l).rsplit(" · ").next().unwrap_or(""),
        };
        ws.write_string(r, 0, label.trim_end_matches(mark.as_str()))?;
        if let Some(a) = t.actual {
            ws.write_number_with_format(r, 1, f(a), &fm.pct)?;
        }
        ws.write_number_with_format(r, 2, f(t.target), &fm.pct)?;
    }
    let top = head;
    let last = top + lines.len() as u32;
    let mut ch = Chart::new(ChartType::Bar);
    ch.title().set_name(first.label.get(l));
    for c in 1..=2u16 {
        ch.add_series()
            .set_name((name, top, c))
            .set_categories((name, top + 1, 0, last, 0))
            .set_values((name, top + 1, c, last, c));
    }
    ch.x_axis().set_num_format("0%");
    ws.insert_chart(32, 14, &ch)?;
    Ok(())
}

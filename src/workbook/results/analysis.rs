//! Sheets for acting on the screening: changes since a previous screening
//! (同比变化) and near misses of each recognition (接近认定).

use super::*;

fn verdict_move(v: (Option<Status>, Option<Status>), l: Lang) -> String {
    let show = |x: Option<Status>| x.map_or("—".to_string(), |s| s.label().get(l).to_string());
    format!("{} → {}", show(v.0), show(v.1))
}

/// `--previous`: one row per enterprise of either screening, by credit code.
pub(super) fn changes(
    ws: &mut Worksheet,
    cx: &Context,
    prev: &crate::workbook::previous::Previous,
    fm: &Formats,
) -> anyhow::Result<()> {
    use ColKind::*;
    let l = cx.lang;
    let name = sheet_name("同比变化", "Changes", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let ratios = [
        "cnc_ratio",
        "automation_rate",
        "equipment_digitization_rate",
        "networking_rate",
    ];
    let mut cols = vec![
        col("状态", "Status", 12.0, Text),
        col("企业名称", "Enterprise", 36.0, Text),
        col("统一社会信用代码", "Credit code", 22.0, Text),
        col("上次等级", "Level before", 9.0, Int),
        col("本次等级", "Level now", 9.0, Int),
        col("上次得分", "Score before", 9.0, Dec),
        col("本次得分", "Score now", 9.0, Dec),
        col("自动化数字化", "Automated & digital", 20.0, Text),
        col("数字化车间", "Digital workshop", 20.0, Text),
        col("智能工厂", "Smart factory", 20.0, Text),
    ];
    for id in ratios {
        let n = indicator_name(id);
        cols.push(Col {
            head: crate::lang::Text::new(format!("{} · 变化", n.zh), format!("{} · change", n.en)),
            width: 14.0,
            kind: Pct,
        });
    }
    cols.extend([
        col("上次符合 (万元)", "Eligible before (万元)", 14.0, Wan),
        col("本次符合 (万元)", "Eligible now (万元)", 14.0, Wan),
        col("符合金额变化 (万元)", "Eligible change (万元)", 14.0, Wan),
    ]);
    let ch = crate::workbook::previous::changes(prev, cx.screened)?;
    let sum = |f: &dyn Fn(&crate::workbook::previous::Change) -> Option<Decimal>| -> Decimal {
        ch.iter().filter_map(f).sum()
    };
    let before = sum(&|c| c.eligible_cny.0);
    let now = sum(&|c| c.eligible_cny.1);
    let mut totals: Vec<Option<Decimal>> = vec![None; cols.len()];
    let m = cols.len() - 3;
    totals[m] = Some(wan(before));
    totals[m + 1] = Some(wan(now));
    totals[m + 2] = Some(wan(now - before));
    table(
        &mut sh,
        "Changes",
        &cols,
        ch.len().max(1) as u32 + 1,
        Some(&totals),
        l,
    )?;
    for (i, c) in ch.iter().enumerate() {
        let r = i as u32 + 1;
        let status = match c.status {
            "matched" => l.pick("两次均有", "in both"),
            "new" => l.pick("新增", "new"),
            _ => l.pick("未再提交", "not submitted again"),
        };
        sh.text(r, 0, status)?;
        sh.text(r, 1, &c.name)?;
        sh.text(r, 2, &c.credit_code)?;
        for (k, v) in [c.level.0, c.level.1].into_iter().enumerate() {
            if let Some(x) = v {
                sh.num(r, 3 + k as u16, f64::from(x), &fm.int)?;
            }
        }
        for (k, v) in [c.score.0, c.score.1].into_iter().enumerate() {
            if let Some(x) = v {
                sh.num(r, 5 + k as u16, x, &fm.dec)?;
            }
        }
        for k in 0..3 {
            sh.text(r, 7 + k as u16, &verdict_move(c.verdicts[k], l))?;
        }
        for (k, id) in ratios.iter().enumerate() {
            let i = PEER_INDICATORS.iter().position(|x| x == id).unwrap_or(0);
            if let Some((Some(a), Some(b))) = c.indicators.get(i) {
                sh.num(r, 10 + k as u16, b - a, &fm.pct)?;
            }
        }
        let (a, b) = c.eligible_cny;
        let base = 10 + ratios.len() as u16;
        if let Some(x) = a {
            sh.num(r, base, f(wan(x)), &fm.wan)?;
        }
        if let Some(x) = b {
            sh.num(r, base + 1, f(wan(x)), &fm.wan)?;
        }
        sh.num(
            r,
            base + 2,
            f(wan(b.unwrap_or_default() - a.unwrap_or_default())),
            &fm.wan,
        )?;
    }
    print_setup(
        sh.ws,
        l.pick("与上次筛选相比", "Changes since the previous screening"),
    )?;
    Ok(())
}

/// Near misses: who is closest to each recognition, and what is missing.
pub(super) fn near_misses(
    ws: &mut Worksheet,
    cx: &Context,
    nm: &[crate::workbook::nearmiss::NearMiss],
    fm: &Formats,
) -> anyhow::Result<()> {
    use ColKind::*;
    let l = cx.lang;
    let name = sheet_name("接近认定", "Near misses", l);
    ws.set_name(&name)?;
    let mut sh = Sheet::new(ws, name);
    let cols = [
        col("认定", "Recognition", 16.0, Text),
        col("名次", "Rank", 7.0, Int),
        col("企业名称", "Enterprise", 36.0, Text),
        col("产业", "Sector", 12.0, Text),
        col("成熟度得分", "Score", 10.0, Dec),
        col("未满足项数", "Checks missed", 10.0, Int),
        col("未满足的检查", "Check", 30.0, Text),
        col("状态", "Status", 10.0, Text),
        col("现状", "Actual", 14.0, Text),
        col("要求", "Required", 14.0, Text),
        col("差距", "Gap", 40.0, Text),
        col("来源", "Source", 40.0, Text),
    ];
    let rows: usize = nm.iter().map(|n| n.gaps.len().max(1)).sum();
    table(&mut sh, "NearMisses", &cols, rows.max(1) as u32, None, l)?;
    let mut r = 1u32;
    for n in nm {
        let gaps: Vec<Option<&crate::workbook::nearmiss::Gap>> = match n.gaps.is_empty() {
            true => vec![None],
            false => n.gaps.iter().map(Some).collect(),
        };
        for g in gaps {
            sh.text(r, 0, n.recognition.get(l))?;
            sh.num(r, 1, n.rank as f64, &fm.int)?;
            sh.text(r, 2, &n.name)?;
            sh.text(r, 3, sector_name(n.sector, l))?;
            if let Some(x) = n.score {
                sh.num(r, 4, x, &fm.dec)?;
            }
            sh.num(r, 5, n.gaps.len() as f64, &fm.int)?;
            if let Some(g) = g {
                sh.text(r, 6, g.check.get(l))?;
                sh.text(r, 7, g.status.label().get(l))?;
                sh.text(r, 8, g.actual.as_deref().unwrap_or("—"))?;
                sh.text(r, 9, &g.required)?;
                sh.text(r, 10, g.gap.as_ref().map_or("", |t| t.get(l)))?;
            }
            sh.text(r, 11, &n.file)?;
            r += 1;
        }
    }
    print_setup(sh.ws, l.pick("接近认定标准的企业", "Near misses"))?;
    Ok(())
}

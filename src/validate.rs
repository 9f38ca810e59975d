//! Semantic validation (语义校验) of a parsed questionnaire.
//!
//! Parsing already enforces types (a count cannot be negative, a sector must
//! be one of the listed ids). This module checks what types cannot: ranges,
//! consistency between fields, plausibility, and the 统一社会信用代码 check
//! character. All problems are collected in one pass, each with its field
//! path and (when the source text is given) its line and column.

use crate::diag::{locate, Diagnostic};
use crate::lang::Text;
use crate::questionnaire::{Questionnaire, SCHEMA_VERSION};
use rust_decimal::Decimal;

/// Robot density above which we warn (IFR 2023: Korea, the world's highest, is ~1,000).
pub const ROBOT_DENSITY_PLAUSIBLE_MAX: u64 = 3_000;
/// Plausible range of industrial output per employee, 万元 per person per year.
pub const OUTPUT_PER_EMPLOYEE_PLAUSIBLE: (u32, u32) = (5, 500);

/// Run every semantic check; returns errors and warnings, errors first.
pub fn validate(q: &Questionnaire, file: &str, source: Option<&str>) -> Vec<Diagnostic> {
    let mut v = Checks {
        out: Vec::new(),
        file,
        source,
    };
    v.run(q);
    let mut out = v.out;
    out.sort_by_key(|d| (d.severity, d.line));
    out
}

struct Checks<'a> {
    out: Vec<Diagnostic>,
    file: &'a str,
    source: Option<&'a str>,
}

impl Checks<'_> {
    fn push(&mut self, code: &'static str, path: &str, msg: Text, hint: Option<Text>, warn: bool) {
        let mut d = Diagnostic::error(code, self.file, msg).at_path(path);
        if let Some((l, c)) = self.source.and_then(|s| locate(s, path)) {
            d = d.at(l, c);
        }
        if let Some(h) = hint {
            d = d.hint(h);
        }
        if warn {
            d = d.warning();
        }
        self.out.push(d);
    }

    fn le(&mut self, small: (&str, Option<u32>), big: (&str, Option<u32>)) {
        if let (Some(a), Some(b)) = (small.1, big.1) {
            if a > b {
                self.push(
                    "consistency",
                    small.0,
                    Text::new(
                        format!("{a} 大于 {} 的 {b}", big.0),
                        format!("{a} is more than the {b} of {}", big.0),
                    ),
                    Some(Text::new(
                        format!("它是 {} 的一部分, 不能更大; 请核对两个数", big.0),
                        format!(
                            "it is a part of {} and cannot exceed it; check both figures",
                            big.0
                        ),
                    )),
                    false,
                );
            }
        }
    }

    fn pct(&mut self, path: &str, v: Option<f64>, lo: f64, hi: f64) {
        if let Some(x) = v {
            if !x.is_finite() || x < lo || x > hi {
                self.push(
                    "range",
                    path,
                    Text::new(
                        format!("{x} 超出 {lo}–{hi} 的范围"),
                        format!("{x} is outside the range {lo}–{hi}"),
                    ),
                    Some(Text::new(
                        "百分比请写 0–100 之间的数字, 如 85 表示 85%",
                        "write percentages as a number from 0 to 100, e.g. 85 for 85%",
                    )),
                    false,
                );
            }
        }
    }

    fn money(&mut self, path: &str, v: Option<Decimal>) {
        if let Some(x) = v {
            if x.is_sign_negative() && !x.is_zero() {
                self.push(
                    "range",
                    path,
                    Text::new(
                        format!("金额 {x} 不能为负"),
                        format!("amount {x} cannot be negative"),
                    ),
                    None,
                    false,
                );
            }
        }
    }

    fn year(&mut self, path: &str, y: Option<i32>, data_year: i32) {
        if let Some(y) = y {
            if !(1949..=data_year).contains(&y) {
                self.push(
                    "range",
                    path,
                    Text::new(
                        format!("年份 {y} 不在 1949–{data_year} (数据年度) 之间"),
                        format!("year {y} is not between 1949 and the data year {data_year}"),
                    ),
                    None,
                    false,
                );
            }
        }
    }

    fn run(&mut self, q: &Questionnaire) {
        if q.schema_version != SCHEMA_VERSION {
            self.push(
                "schema_version",
                "schema_version",
                Text::new(
                    format!("不支持的问卷版本 {}", q.schema_version),
                    format!("unsupported questionnaire version {}", q.schema_version),
                ),
                Some(Text::new(
                    "本版本读取 schema_version: 1",
                    "this build reads schema_version: 1",
                )),
                false,
            );
        }
        let e = &q.enterprise;
        if e.name.trim().is_empty() {
            self.push(
                "required",
                "enterprise.name",
                Text::new("企业名称为空", "the enterprise name is empty"),
                None,
                false,
            );
        }
        if !(2000..=2100).contains(&e.data_year) {
            self.push(
                "range",
                "enterprise.data_year",
                Text::new(
                    format!("数据年度 {} 不合理", e.data_year),
                    format!("data year {} is not plausible", e.data_year),
                ),
                Some(Text::new(
                    "写四位年份, 如 2017",
                    "write a four-digit year such as 2017",
                )),
                false,
            );
        }
        if let Some(code) = &e.credit_code {
            if let Err(why) = check_credit_code(code) {
                self.push(
                    "credit_code",
                    "enterprise.credit_code",
                    why,
                    Some(Text::new(
                        "请对照营业执照重新抄写 18 位代码",
                        "copy the 18-character code again from the business licence",
                    )),
                    false,
                );
            }
        }
        for (p, m) in [
            ("enterprise.main_revenue_wan", e.main_revenue_wan),
            ("enterprise.industrial_output_wan", e.industrial_output_wan),
            ("enterprise.rd_expense_wan", e.rd_expense_wan),
            ("enterprise.energy_tce", e.energy_tce),
            (
                "enterprise.new_tax_district_retained_wan",
                e.new_tax_district_retained_wan,
            ),
            ("projects.rd_expensed_wan", q.projects.rd_expensed_wan),
            (
                "projects.rd_intangible_cost_wan",
                q.projects.rd_intangible_cost_wan,
            ),
            (
                "purchases.cnc_generation_invoice_ex_tax_wan",
                q.purchases.cnc_generation_invoice_ex_tax_wan,
            ),
            ("ecommerce.online_sales_wan", q.ecommerce.online_sales_wan),
            (
                "ecommerce.online_sales_incl_distribution_wan",
                q.ecommerce.online_sales_incl_distribution_wan,
            ),
            ("ecommerce.total_sales_wan", q.ecommerce.total_sales_wan),
            (
                "ecommerce.cross_border_logistics_cost_wan",
                q.ecommerce.cross_border_logistics_cost_wan,
            ),
            (
                "logistics.receipt_guarantee_balance_wan",
                q.logistics.receipt_guarantee_balance_wan,
            ),
        ] {
            self.money(p, m);
        }
        self.le(
            ("enterprise.production_workers", e.production_workers),
            ("enterprise.employees", e.employees),
        );
        let eq = &q.equipment;
        self.le(
            ("equipment.key_equipment_cnc", eq.key_equipment_cnc),
            ("equipment.key_equipment_total", eq.key_equipment_total),
        );
        self.le(
            (
                "equipment.production_equipment_networked",
                eq.production_equipment_networked,
            ),
            (
                "equipment.production_equipment_digital",
                eq.production_equipment_digital,
            ),
        );
        self.le(
            (
                "equipment.production_equipment_digital",
                eq.production_equipment_digital,
            ),
            (
                "equipment.production_equipment_total",
                eq.production_equipment_total,
            ),
        );
        for p in [
            (
                "equipment.key_processes_automated",
                eq.key_processes_automated,
            ),
            ("equipment.key_processes_plc_dcs", eq.key_processes_plc_dcs),
            (
                "equipment.key_processes_auto_data_collection",
                eq.key_processes_auto_data_collection,
            ),
        ] {
            self.le(p, ("equipment.key_processes_total", eq.key_processes_total));
        }
        self.pct(
            "digital_design.design_work_digital_pct",
            q.digital_design.design_work_digital_pct,
            0.0,
            100.0,
        );
        self.pct(
            "quality.national_spot_check_pass_pct",
            q.quality.national_spot_check_pass_pct,
            0.0,
            100.0,
        );
        self.pct(
            "quality.provincial_spot_check_pass_pct",
            q.quality.provincial_spot_check_pass_pct,
            0.0,
            100.0,
        );
        let r = &q.results;
        for (p, v) in [
            (
                "results.operating_cost_change_pct",
                r.operating_cost_change_pct,
            ),
            ("results.rd_cycle_change_pct", r.rd_cycle_change_pct),
            (
                "results.production_efficiency_change_pct",
                r.production_efficiency_change_pct,
            ),
            ("results.defect_rate_change_pct", r.defect_rate_change_pct),
            (
                "results.energy_utilisation_change_pct",
                r.energy_utilisation_change_pct,
            ),
        ] {
            // A cost or a rate cannot fall by more than 100%; a rise of 10x is the most we believe.
            self.pct(p, v, -100.0, 1000.0);
        }
        if let Some(b) = r.baseline_year {
            if b >= e.data_year {
                self.push(
                    "consistency",
                    "results.baseline_year",
                    Text::new(
                        format!("基准年 {b} 应早于数据年度 {}", e.data_year),
                        format!(
                            "baseline year {b} should be before the data year {}",
                            e.data_year
                        ),
                    ),
                    None,
                    false,
                );
            }
        }
        for id in crate::questionnaire::SelfAssessment::DOMAINS {
            if let Some(rating) = q.self_assessment.get(id) {
                if rating.level > 5 {
                    self.push(
                        "range",
                        &format!("self_assessment.{id}.level"),
                        Text::new(
                            format!("等级 {} 超出 0–5", rating.level),
                            format!("level {} is outside 0–5", rating.level),
                        ),
                        None,
                        false,
                    );
                }
                if rating.level == 5 && rating.next != crate::questionnaire::NextLevelFit::None {
                    self.push(
                        "consistency",
                        &format!("self_assessment.{id}.next"),
                        Text::new("5 级之上没有更高等级", "there is no level above 5"),
                        Some(Text::new(
                            "删除 next 或写 none",
                            "remove `next` or write `none`",
                        )),
                        true,
                    );
                }
            }
        }
        let rec = &q.recognitions;
        self.year(
            "recognitions.smart_factory_year",
            rec.smart_factory_year,
            e.data_year,
        );
        self.year(
            "recognitions.digital_workshop_year",
            rec.digital_workshop_year,
            e.data_year,
        );
        if let (Some(sys), Some(pairs)) =
            (&q.informatization.systems, &q.informatization.integrations)
        {
            for [a, b] in pairs {
                for s in [a, b] {
                    if *s != crate::questionnaire::System::Equipment && !sys.contains(s) {
                        self.push(
                            "consistency",
                            "informatization.integrations",
                            Text::new(
                                format!("集成了 {} 但在用系统中没有它", s.label()),
                                format!(
                                    "{} is integrated but not listed among the systems in use",
                                    s.label()
                                ),
                            ),
                            Some(Text::new(
                                format!("在 informatization.systems 中加入 {}", s.id()),
                                format!("add {} to informatization.systems", s.id()),
                            )),
                            false,
                        );
                    }
                }
            }
        }
        // Plausibility warnings: usable, but worth a second look.
        if let (Some(robots), Some(workers)) = (q.robots.industrial_robots, e.production_workers) {
            if workers > 0
                && u64::from(robots) * 10_000 > ROBOT_DENSITY_PLAUSIBLE_MAX * u64::from(workers)
            {
                self.push(
                    "plausibility",
                    "robots.industrial_robots",
                    Text::new(
                        format!("机器人密度超过每万名工人 {ROBOT_DENSITY_PLAUSIBLE_MAX} 台, 请核实"),
                        format!("robot density is above {ROBOT_DENSITY_PLAUSIBLE_MAX} per 10,000 workers; please check"),
                    ),
                    Some(Text::new(
                        "核对机器人数和产业工人数 (人数而非万人)",
                        "check the robot count and the number of production workers (people, not 10,000s)",
                    )),
                    true,
                );
            }
        }
        if let (Some(out), Some(emp)) = (e.industrial_output_wan, e.employees) {
            if emp > 0 {
                let per = out / Decimal::from(emp);
                let (lo, hi) = OUTPUT_PER_EMPLOYEE_PLAUSIBLE;
                if per < Decimal::from(lo) || per > Decimal::from(hi) {
                    self.push(
                        "plausibility",
                        "enterprise.industrial_output_wan",
                        Text::new(
                            format!(
                                "人均产值 {} 万元, 不在常见的 {lo}–{hi} 万元之间",
                                per.round_dp(1)
                            ),
                            format!(
                                "output per employee is {} 万元, outside the usual {lo}–{hi} 万元",
                                per.round_dp(1)
                            ),
                        ),
                        Some(Text::new(
                            "金额单位是万元; 请核对产值与人数",
                            "money is in 万元 (10,000 CNY); check the output and the headcount",
                        )),
                        true,
                    );
                }
            }
        }
        if let (Some(rev), Some(flag)) = (e.main_revenue_wan, e.above_designated_size) {
            let threshold = Decimal::from(2000);
            if flag != (rev >= threshold) {
                self.push(
                    "plausibility",
                    "enterprise.above_designated_size",
                    Text::new(
                        format!("规上标志为 {flag}, 但主营收入为 {rev} 万元 (规上门槛 2000 万元)"),
                        format!("above_designated_size is {flag} but main revenue is {rev} 万元 (threshold 2,000 万元)"),
                    ),
                    None,
                    true,
                );
            }
        }
    }
}

/// Characters of a 统一社会信用代码, in value order (GB 32100-2015: digits and
/// upper-case letters without I, O, S, V, Z).
const USCC_CHARS: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Position weights 3^(i) mod 31 for the first 17 characters.
const USCC_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Check a 统一社会信用代码 (unified social credit code): 18 characters from
/// the allowed set, and the check character per GB 32100-2015.
pub fn check_credit_code(code: &str) -> Result<(), Text> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != 18 {
        return Err(Text::new(
            format!("统一社会信用代码应为 18 位, 这里是 {} 位", chars.len()),
            format!(
                "a unified social credit code has 18 characters, this one has {}",
                chars.len()
            ),
        ));
    }
    let mut values = Vec::with_capacity(18);
    for (i, c) in chars.iter().enumerate() {
        match USCC_CHARS.find(c.to_ascii_uppercase()) {
            Some(v) => values.push(v as u32),
            None => {
                return Err(Text::new(
                    format!("第 {} 位字符 `{c}` 不允许出现 (不用 I、O、S、V、Z)", i + 1),
                    format!(
                        "character {} `{c}` is not allowed (I, O, S, V and Z are never used)",
                        i + 1
                    ),
                ))
            }
        }
    }
    let sum: u32 = values.iter().zip(USCC_WEIGHTS).map(|(v, w)| v * w).sum();
    let check = (31 - sum % 31) % 31;
    if values[17] != check {
        let expected = USCC_CHARS.chars().nth(check as usize).unwrap_or('?');
        return Err(Text::new(
            format!("校验位应为 `{expected}`, 实为 `{}`", chars[17]),
            format!(
                "the check character should be `{expected}`, not `{}`",
                chars[17]
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_code_check_character() {
        // By hand: 9·1+1·3+3·9+5·27+0·19+1·26+0·16+0·17+M(21)·20+0·29+0·25+0·13
        // +1·8+0·24+0·10+Y(30)·30+4·28 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
        assert!(check_credit_code("91350100M000100Y43").is_ok());
        let err = check_credit_code("91350100M000100Y44").unwrap_err();
        assert!(err.en.contains("should be `3`"), "{}", err.en);
        assert!(check_credit_code("9135010").is_err());
        assert!(check_credit_code("91350100M000100YO3")
            .unwrap_err()
            .en
            .contains("character 17"));
    }
}

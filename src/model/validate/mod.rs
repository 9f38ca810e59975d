//! Semantic validation (语义校验) of a parsed questionnaire.
//!
//! Parsing already enforces types (a count cannot be negative, a sector must
//! be one of the listed ids). This module checks what types cannot: ranges,
//! consistency between fields, plausibility, and the 统一社会信用代码 check
//! character. All problems are collected in one pass, each with its field
//! path and (when the source text is given) its line and column.

use crate::diag::Code;
use crate::diag::{Collector, Diagnostic};
use crate::lang::Text;
use crate::questionnaire::{
    BusinessArea, DataSecurity, ManagementRule, NetworkBuild, NetworkSecurity, Questionnaire,
    Talent, OLDEST_SCHEMA_VERSION, SCHEMA_VERSION,
};
use rust_decimal::Decimal;
use serde::Serialize;

mod credit_code;
mod walk;

pub use credit_code::check_credit_code;

/// Robot density above which we warn (IFR 2023: Korea, the world's highest, is ~1,000).
pub const ROBOT_DENSITY_PLAUSIBLE_MAX: u64 = 3_000;
/// Plausible range of industrial output per employee, 万元 per person per year.
pub const OUTPUT_PER_EMPLOYEE_PLAUSIBLE: (u32, u32) = (5, 500);
/// Largest amount accepted in a 万元, m² or tce field; the bound is part
/// of the type of those fields ([`crate::money::Wan`]).
pub const AMOUNT_MAX: u64 = crate::money::AMOUNT_MAX;
/// Most diagnostics listed for one file. Each is placed by searching the
/// source, so an unbounded list would make a hostile file slow; nobody reads
/// past the first hundred anyway. The rest are counted in one last message.
pub const MAX_DIAGNOSTICS: usize = 100;

/// Earliest year accepted in a year field (the People's Republic's first
/// year: no recognition, centre or baseline is older).
pub const YEAR_MIN: i32 = 1949;

/// Whether `y` is a possible year for an event reported in a questionnaire
/// of `data_year`: from [`YEAR_MIN`] to the data year itself.
pub fn year_in_range(y: i32, data_year: i32) -> bool {
    (YEAR_MIN..=data_year).contains(&y)
}

/// Run every semantic check; returns errors and warnings, errors first.
pub fn validate(q: &Questionnaire, file: &str, source: Option<&str>) -> Vec<Diagnostic> {
    let mut v = Checks {
        c: Collector::new(file, source).limited(MAX_DIAGNOSTICS),
    };
    v.run(q);
    let (mut out, dropped) = v.c.finish();
    out.sort_by_key(|d| (d.severity, d.line));
    let n = dropped.errors + dropped.warnings;
    if n > 0 {
        let d = Diagnostic::error(
            Code::TooMany,
            file,
            Text::new(
                format!("另有 {n} 个问题未列出 (最多列出 {MAX_DIAGNOSTICS} 个)"),
                format!("{n} more problems not shown (at most {MAX_DIAGNOSTICS} are listed)"),
            ),
        )
        .hint(Text::new(
            "先改正上面列出的问题, 再重新校验",
            "fix the problems above, then validate again",
        ));
        out.push(if dropped.errors > 0 { d } else { d.warning() });
    }
    out
}

struct Checks<'a> {
    /// Where every problem goes, placed in the source; past
    /// [`MAX_DIAGNOSTICS`] problems are counted, not listed.
    c: Collector<'a>,
}

impl Checks<'_> {
    /// Report a problem at `path`: an error, or a warning when `warn`.
    fn push(&mut self, code: Code, path: &str, msg: Text, hint: Option<Text>, warn: bool) {
        let mut d = self.c.at(code, path, msg);
        if let Some(h) = hint {
            d = d.hint(h);
        }
        self.c.push(if warn { d.warning() } else { d });
    }

    fn le(&mut self, small: (&str, Option<u32>), big: (&str, Option<u32>)) {
        self.part_of_whole(small, big, "");
    }

    /// A part (`small`) that exceeds its whole (`big`), both in `unit` (none
    /// for counts): one consistency error at the part.
    fn part_of_whole<T: PartialOrd + std::fmt::Display + Copy>(
        &mut self,
        small: (&str, Option<T>),
        big: (&str, Option<T>),
        unit: &str,
    ) {
        let (Some(a), Some(b)) = (small.1, big.1) else {
            return;
        };
        if a <= b {
            return;
        }
        let (ua, ub) = if unit.is_empty() {
            (format!("{a} "), format!("{b}"))
        } else {
            (format!("{a} {unit}"), format!("{b} {unit}"))
        };
        self.push(
            Code::Consistency,
            small.0,
            Text::new(
                format!("{ua}大于 {} 的 {ub}", big.0),
                format!("{} is more than the {ub} of {}", ua.trim_end(), big.0),
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

    fn pct(&mut self, path: &str, v: Option<f64>, lo: f64, hi: f64) {
        if let Some(x) = v {
            if !x.is_finite() || x < lo || x > hi {
                self.push(
                    Code::Range,
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

    /// An amount (`*_wan`, `*_m2`, `*_tce`): its size is bounded by its type
    /// ([`crate::money::Wan`]); here only its sign is checked.
    fn money(&mut self, path: &str, v: Option<Decimal>) {
        if let Some(x) = v {
            if x.is_sign_negative() && !x.is_zero() {
                self.push(
                    Code::Range,
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
            if !year_in_range(y, data_year) {
                self.push(
                    Code::Range,
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

    /// The years of one-off grants (recognition, acceptance, build): each
    /// between 1949 and the data year, like the smart-factory year.
    fn one_off_years(&mut self, q: &Questionnaire) {
        let y = q.enterprise.data_year;
        let r = &q.recognitions;
        let p = &q.projects;
        for (path, v) in [
            (
                "recognitions.public_tech_platform_year",
                r.public_tech_platform_year,
            ),
            (
                "recognitions.new_research_institution_year",
                r.new_research_institution_year,
            ),
            (
                "recognitions.business_model_innovation_demo_year",
                r.business_model_innovation_demo_year,
            ),
            (
                "recognitions.service_manufacturing_demo_year",
                r.service_manufacturing_demo_year,
            ),
            (
                "projects.online_business_park_year",
                p.online_business_park_year,
            ),
            (
                "projects.maker_space.evaluated_year",
                p.maker_space.as_ref().and_then(|m| m.evaluated_year),
            ),
            (
                "design.design_transfer_demo_year",
                q.design.design_transfer_demo_year,
            ),
        ] {
            self.year(path, v, y);
        }
        for (i, x) in p.first_set_equipment.iter().flatten().enumerate() {
            let path = format!("projects.first_set_equipment[{i}].recognition_year");
            self.year(&path, x.recognition_year, y);
        }
        for (i, x) in p.demo_lines.iter().flatten().enumerate() {
            self.year(
                &format!("projects.demo_lines[{i}].listed_year"),
                x.listed_year,
                y,
            );
        }
        for (i, x) in q.logistics.warehouses.iter().flatten().enumerate() {
            self.year(
                &format!("logistics.warehouses[{i}].built_year"),
                x.built_year,
                y,
            );
        }
        self.year(
            "projects.maker_space_operator_introduced_year",
            p.maker_space_operator_introduced_year,
            y,
        );
        // 二(三)4 "摊销年限不得低于10年".
        if let Some(n) = p.rd_amortisation_years.filter(|n| *n < 10) {
            self.push(
                Code::Range,
                "projects.rd_amortisation_years",
                Text::new(
                    format!("摊销年限 {n} 年少于10年 (二(三)4 “摊销年限不得低于10年”)"),
                    format!(
                        "amortisation period {n} years is under 10 (二(三)4: at least 10 years)"
                    ),
                ),
                Some(Text::new("写10或更长的年数", "write 10 or more years")),
                false,
            );
        }
    }

    /// Every rule, one group at a time. The order is the order problems are
    /// listed in (after sorting by line) and counted against the limit.
    fn run(&mut self, q: &Questionnaire) {
        self.schema_version(q);
        self.every_value(q);
        self.enterprise(q);
        self.equipment(q);
        self.shares(q);
        self.results(q);
        self.self_assessment(q);
        self.smart_factory(q);
        self.recognition_years(q);
        self.one_off_years(q);
        self.integrations(q);
        self.digital(q);
        self.upgrades(q);
        // Plausibility warnings: usable, but worth a second look.
        self.robot_density(q);
        self.output_per_employee(q);
        self.designated_size(q);
    }

    /// The v2 `digital` section: scene levels 0–4, the spend share 0–100, and
    /// no multi-select that says `none` beside an option.
    fn digital(&mut self, q: &Questionnaire) {
        let d = &q.digital;
        self.pct("digital.funding_share_pct", d.funding_share_pct, 0.0, 100.0);
        for (scene, level) in d.scenes.all() {
            if let Some(l) = level.filter(|l| *l > 4) {
                self.push(
                    Code::Range,
                    &format!("digital.scenes.{scene}"),
                    Text::new(
                        format!("场景等级 {l} 超出 0–4"),
                        format!("scene level {l} is outside 0–4"),
                    ),
                    Some(Text::new(
                        "写 0 (未开展) 或 1–4 (一级–四级)",
                        "write 0 (none) or 1–4 (level one to four)",
                    )),
                    false,
                );
            }
        }
        let lists = [
            (
                "digital.network",
                none_beside(&d.network, |x| *x == NetworkBuild::None),
            ),
            (
                "digital.data_collection",
                none_beside(&d.data_collection, |x| *x == BusinessArea::None),
            ),
            (
                "digital.network_security",
                none_beside(&d.network_security, |x| *x == NetworkSecurity::None),
            ),
            (
                "digital.data_security",
                none_beside(&d.data_security, |x| *x == DataSecurity::None),
            ),
            (
                "digital.management_rules",
                none_beside(&d.management_rules, |x| *x == ManagementRule::None),
            ),
            (
                "digital.talent",
                none_beside(&d.talent, |x| *x == Talent::None),
            ),
        ];
        for (path, bad) in lists {
            if bad {
                self.push(
                    Code::Consistency,
                    path,
                    Text::new(
                        "`none` 与其他选项同时出现",
                        "`none` is listed beside other options",
                    ),
                    Some(Text::new(
                        "一项都没有时只写 [none], 否则去掉 none",
                        "write [none] alone when there are none, else remove none",
                    )),
                    false,
                );
            }
        }
    }

    /// The versions this build reads.
    fn schema_version(&mut self, q: &Questionnaire) {
        if !(OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&q.schema_version) {
            self.push(
                Code::SchemaVersion,
                "schema_version",
                Text::new(
                    format!("不支持的问卷版本 {}", q.schema_version),
                    format!("unsupported questionnaire version {}", q.schema_version),
                ),
                Some(Text::new(
                    "本版本读取 schema_version: 1 或 2",
                    "this build reads schema_version: 1 or 2",
                )),
                false,
            );
        }
    }

    /// Name, data year, credit code, and workers within employees.
    fn enterprise(&mut self, q: &Questionnaire) {
        let e = &q.enterprise;
        if e.name.trim().is_empty() {
            self.push(
                Code::Required,
                "enterprise.name",
                Text::new("企业名称为空", "the enterprise name is empty"),
                None,
                false,
            );
        }
        if !(2000..=2100).contains(&e.data_year) {
            self.push(
                Code::Range,
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
                    Code::CreditCode,
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
        self.le(
            ("enterprise.production_workers", e.production_workers),
            ("enterprise.employees", e.employees),
        );
    }

    /// The current-subsidy amounts that are parts of another: a down
    /// payment within the digital spend, a project's equipment within its
    /// total investment.
    fn upgrades(&mut self, q: &Questionnaire) {
        let u = &q.upgrades;
        let wan = |x: Option<crate::money::Wan>| x.map(crate::money::Wan::get);
        self.le_money(
            (
                "upgrades.digital_down_payment_ex_tax_wan",
                wan(u.digital_down_payment_ex_tax_wan),
            ),
            (
                "upgrades.digital_spend_ex_tax_wan",
                wan(u.digital_spend_ex_tax_wan),
            ),
        );
        self.le_money(
            (
                "upgrades.project_equipment_investment_wan",
                wan(u.project_equipment_investment_wan),
            ),
            (
                "upgrades.project_total_investment_wan",
                wan(u.project_total_investment_wan),
            ),
        );
    }

    /// A sum of money that is a part of another (both in 万元) is not larger.
    fn le_money(&mut self, small: (&str, Option<Decimal>), big: (&str, Option<Decimal>)) {
        self.part_of_whole(small, big, "万元");
    }

    /// Parts of the equipment and key-process counts within their totals.
    fn equipment(&mut self, q: &Questionnaire) {
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
    }

    /// Percentages of design work and spot checks, 0–100.
    fn shares(&mut self, q: &Questionnaire) {
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
    }

    /// 三降两升 changes within −100…1000% and a baseline before the data year.
    fn results(&mut self, q: &Questionnaire) {
        let e = &q.enterprise;
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
                    Code::Consistency,
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
    }

    /// Self-assessed levels 0–5, and no next level above 5.
    fn self_assessment(&mut self, q: &Questionnaire) {
        for id in crate::questionnaire::SelfAssessment::DOMAINS {
            if let Some(rating) = q.self_assessment.get(id) {
                if rating.level > 5 {
                    self.push(
                        Code::Range,
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
                        Code::Consistency,
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
    }

    /// The smart-factory section: a CMMM level 0–5, an AI share 0–100%.
    fn smart_factory(&mut self, q: &Questionnaire) {
        let sf = &q.smart_factory;
        if let Some(l) = sf.cmmm_self_assessed_level.filter(|l| *l > 5) {
            self.push(
                Code::Range,
                "smart_factory.cmmm_self_assessed_level",
                Text::new(
                    format!("等级 {l} 超出 0–5"),
                    format!("level {l} is outside 0–5"),
                ),
                Some(Text::new(
                    "GB/T 39116 成熟度共五级, 写 c3mep.cn 自评结果 1–5, 未达一级写 0",
                    "GB/T 39116 has five levels: write the c3mep.cn result 1–5, or 0 below level 1",
                )),
                false,
            );
        }
        self.pct(
            "smart_factory.ai_scene_share_pct",
            sf.ai_scene_share_pct,
            0.0,
            100.0,
        );
    }

    /// Recognition years of the smart factory and the digital workshop.
    fn recognition_years(&mut self, q: &Questionnaire) {
        let rec = &q.recognitions;
        self.year(
            "recognitions.smart_factory_year",
            rec.smart_factory_year,
            q.enterprise.data_year,
        );
        self.year(
            "recognitions.digital_workshop_year",
            rec.digital_workshop_year,
            q.enterprise.data_year,
        );
    }

    /// Every integrated system is one in use (the equipment layer excepted).
    fn integrations(&mut self, q: &Questionnaire) {
        if let (Some(sys), Some(pairs)) =
            (&q.informatization.systems, &q.informatization.integrations)
        {
            // Each missing system is reported once, however many pairs name it.
            let mut reported = Vec::new();
            for [a, b] in pairs {
                for s in [a, b] {
                    if *s != crate::questionnaire::System::Equipment
                        && !sys.contains(s)
                        && !reported.contains(s)
                    {
                        reported.push(*s);
                        self.push(
                            Code::Consistency,
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
    }

    /// Robot density below the plausibility line.
    fn robot_density(&mut self, q: &Questionnaire) {
        let e = &q.enterprise;
        if let (Some(robots), Some(workers)) = (q.robots.industrial_robots, e.production_workers) {
            if workers > 0
                && u64::from(robots) * 10_000 > ROBOT_DENSITY_PLAUSIBLE_MAX * u64::from(workers)
            {
                self.push(
                    Code::Plausibility,
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
    }

    /// Output per employee inside the usual band.
    fn output_per_employee(&mut self, q: &Questionnaire) {
        let e = &q.enterprise;
        if let (Some(out), Some(emp)) = (e.industrial_output_wan, e.employees) {
            if emp > 0 {
                let per = out.get() / Decimal::from(emp);
                let (lo, hi) = OUTPUT_PER_EMPLOYEE_PLAUSIBLE;
                if per < Decimal::from(lo) || per > Decimal::from(hi) {
                    self.push(
                        Code::Plausibility,
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
    }

    /// The 规上 flag agrees with the main revenue.
    fn designated_size(&mut self, q: &Questionnaire) {
        let e = &q.enterprise;
        if let (Some(rev), Some(flag)) = (e.main_revenue_wan, e.above_designated_size) {
            let threshold = Decimal::from(2000);
            if flag != (rev.get() >= threshold) {
                self.push(
                    Code::Plausibility,
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

/// A multi-select that lists `none` and something else.
fn none_beside<T>(list: &Option<Vec<T>>, is_none: impl Fn(&T) -> bool) -> bool {
    list.as_ref()
        .is_some_and(|v| v.iter().any(&is_none) && v.iter().any(|x| !is_none(x)))
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

    const HEAD: &str =
        "schema_version: 1\nenterprise:\n  name: x\n  sector: other\n  data_year: 2017\n";

    fn errors(text: &str) -> Vec<Diagnostic> {
        match crate::input::from_bytes(text.as_bytes(), "f.yaml") {
            Ok(_) => Vec::new(),
            Err((d, _)) => d,
        }
    }

    #[test]
    fn absurd_amounts_are_refused_before_any_arithmetic() {
        // Found by the hostile corpus: Decimal::MAX in a 万元 field overflowed the × 10,000 of
        // the facts and panicked; items and cost estimates were not checked at all.
        let text = format!(
            "{HEAD}  new_tax_district_retained_wan: \"79228162514264337593543950335\"\n\
             logistics:\n  warehouses:\n    - {{area_m2: 1e20, ecommerce_clients_in_district: 1, investment_wan: 5}}\n\
             cost_estimates:\n  robot_wan: 1e27\n"
        );
        let e = errors(&text);
        let paths: Vec<_> = e.iter().filter_map(|d| d.path.as_deref()).collect();
        assert_eq!(
            paths,
            [
                "enterprise.new_tax_district_retained_wan",
                "logistics.warehouses[0].area_m2",
                "cost_estimates.robot_wan"
            ]
        );
        assert!(e[0].message.en.contains("implausibly large"), "{:?}", e[0]);
        assert_eq!(e[1].line, Some(9));
        // At the limit itself the file is fine.
        let ok = format!("{HEAD}  main_revenue_wan: {AMOUNT_MAX}\n");
        assert!(errors(&ok).is_empty());
    }

    #[test]
    fn many_problems_are_capped_and_counted() {
        // Found by the hostile corpus: 100,000 integration pairs naming systems not in
        // use gave 200,000 diagnostics, each placed by a search of the source (minutes).
        let mut text = format!("{HEAD}informatization:\n  systems: [plm]\n  integrations:\n");
        text.push_str(&"    - [erp, mes]\n".repeat(20_000));
        let e = errors(&text);
        assert_eq!(e.len(), 2, "each missing system once: {e:?}");
        let mut many = HEAD.to_string();
        many.push_str("projects:\n  demo_lines:\n");
        many.push_str(&"    - {name: a, investment_wan: -1}\n".repeat(5_000));
        let e = errors(&many);
        assert_eq!(e.len(), MAX_DIAGNOSTICS + 1);
        let last = e.last().unwrap();
        assert_eq!(last.code, Code::TooMany);
        assert!(last.is_error());
        assert!(
            last.message.en.starts_with("4900 more problems"),
            "{:?}",
            last.message
        );
    }

    /// The tree walk `every_value` used before the serialising walk: kept
    /// here only as the oracle the new walk must agree with.
    fn tree_walk(c: &mut Checks, q: &Questionnaire) {
        fn visit(
            c: &mut Checks,
            v: &serde_json::Value,
            path: &mut String,
            y: i32,
            pct: &mut Vec<(String, f64)>,
        ) {
            use serde_json::Value;
            let len = path.len();
            match v {
                Value::Object(m) => {
                    for (k, x) in m {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(k);
                        c.field(k, x, path, y, pct);
                        visit(c, x, path, y, pct);
                        path.truncate(len);
                    }
                }
                Value::Array(items) => {
                    for (i, x) in items.iter().enumerate() {
                        path.push_str(&format!("[{i}]"));
                        visit(c, x, path, y, pct);
                        path.truncate(len);
                    }
                }
                Value::String(s) => c.text(path, s),
                _ => {}
            }
        }
        let tree = serde_json::to_value(q).expect("plain data");
        let mut pct = Vec::new();
        visit(
            c,
            &tree,
            &mut String::new(),
            q.enterprise.data_year,
            &mut pct,
        );
        c.fractions(&pct);
    }

    /// (code, path, line, column, message) of one finding.
    type Finding = (String, Option<String>, Option<usize>, Option<usize>, String);

    /// Every finding of one walk.
    fn findings(
        q: &Questionnaire,
        src: &str,
        walk: fn(&mut Checks, &Questionnaire),
    ) -> Vec<Finding> {
        let mut c = Checks {
            c: Collector::new("f.yaml", Some(src)),
        };
        walk(&mut c, q);
        c.c.finish()
            .0
            .iter()
            .map(|d| {
                let m = d.message.en.to_string();
                (d.code.to_string(), d.path.clone(), d.line, d.column, m)
            })
            .collect()
    }

    #[test]
    fn serialising_walk_finds_what_the_tree_walk_found() {
        let hostile = format!(
            "{HEAD}  credit_code: \"\\u200B\"\n\
             results:\n  baseline_year: 1900\n  operating_cost_change_pct: 0.2\n  rd_cycle_change_pct: -0.5\n\
             recognitions:\n  tech_centers:\n    - {{kind: enterprise_tech_center, level: provincial, year: 1900}}\n\
             \x20   - {{kind: enterprise_tech_center, level: municipal, year: 2030}}\n\
             projects:\n  demo_lines:\n    - {{name: ok, investment_wan: 5}}\n\
             \x20   - {{name: \"a\\e[2Jb\", investment_wan: 5}}\n\
             \x20   - {{name: \"\\u200B\\u200B\", investment_wan: 5}}\n\
             \x20   - {{name: \"line\\nbreak\", investment_wan: 5}}\n\
             \x20   - {{name: \"x\\u202Ey\", investment_wan: 5}}\n"
        );
        let mut texts = vec![hostile];
        for f in [
            "electronics-smart-factory",
            "licheng-footwear",
            "process-ceramics-plant",
        ] {
            let path = format!(
                "{}/questionnaires/examples/{f}.yaml",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(&path).expect("example questionnaire");
            // Bad text in a nested list item of a real questionnaire.
            texts.push(text.replacen("name: \"", "name: \"\\e]0;t\\a", 2));
            // Every year out of range and every amount negative.
            texts.push(
                text.replace("data_year: 20", "DATA_YEAR")
                    .replace("year: 20", "year: 30")
                    .replace("DATA_YEAR", "data_year: 20")
                    .replace("_wan: null", "_wan: ~")
                    .replace("_wan: ", "_wan: -")
                    .replace("_wan: -~", "_wan: null"),
            );
            texts.push(text);
        }
        for text in &texts {
            let q: Questionnaire =
                serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            let new = findings(&q, text, |c, q| c.every_value(q));
            assert_eq!(new, findings(&q, text, tree_walk), "{text}");
            let injected = text.contains("\\e");
            assert_eq!(
                injected,
                new.iter().any(|f| f.0 == "text.control"),
                "{new:?}"
            );
        }
        // And by hand for the hostile file: every finding, in walk order.
        let q: Questionnaire = serde_yaml::from_str(&texts[0]).expect("parses");
        let paths: Vec<_> = findings(&q, &texts[0], |c, q| c.every_value(q))
            .into_iter()
            .map(|f| (f.0, f.1.unwrap_or_default()))
            .collect();
        let want = [
            ("text.invisible", "enterprise.credit_code"),
            ("range", "results.baseline_year"),
            ("range", "recognitions.tech_centers[0].year"),
            ("range", "recognitions.tech_centers[1].year"),
            ("text.control", "projects.demo_lines[1].name"),
            ("text.invisible", "projects.demo_lines[2].name"),
            ("text.control", "projects.demo_lines[3].name"),
            ("text.control", "projects.demo_lines[4].name"),
            ("plausibility", "results.operating_cost_change_pct"),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|(c, p)| (c.to_string(), p.to_string()))
            .collect();
        assert_eq!(paths, want);
    }
}

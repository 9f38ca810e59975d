//! Deliberate breakage: the ways a submitted questionnaire is broken in
//! real life, applied to an emitted file or to the questionnaire.

use super::factory::{credit_code, USCC_CHARS};
use super::*;
use crate::questionnaire::{DomainRating, NextLevelFit, System};

/// The ways a submitted questionnaire is broken in real life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Invalid {
    /// YAML syntax: unclosed quote or list, bad indentation, a tab, a missing colon, a duplicated key.
    Syntax,
    /// A misspelt (or translated) field name.
    Typo,
    /// A unit or sign in a number field: `85%`, `21800万`, `21,800`, `860人`.
    UnitInNumber,
    /// Figures that contradict each other or a range.
    Consistency,
    /// An empty file.
    Empty,
    /// Not a questionnaire at all: a CSV export, a notice, an error page.
    NotYaml,
    /// A 统一社会信用代码 with a wrong check character, length or character.
    CreditCode,
    /// A value outside the allowed list (`sector: 纺织鞋服`).
    UnknownValue,
    /// A required field left out.
    MissingRequired,
}

impl Invalid {
    pub(super) const WEIGHTS: [(Invalid, u64); 9] = [
        (Invalid::Syntax, 16),
        (Invalid::Typo, 16),
        (Invalid::UnitInNumber, 14),
        (Invalid::Consistency, 16),
        (Invalid::Empty, 6),
        (Invalid::NotYaml, 8),
        (Invalid::CreditCode, 12),
        (Invalid::UnknownValue, 7),
        (Invalid::MissingRequired, 5),
    ];
}

/// Index of the first non-comment line whose key is `key`.
pub(super) fn find_key(lines: &[String], key: &str) -> Option<usize> {
    lines.iter().position(|l| {
        let t = l.trim_start();
        !t.starts_with('#') && t.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
    })
}

/// `key: value` line with a new value (any trailing comment dropped).
pub(super) fn with_value(line: &str, value: &str) -> String {
    match line.find(':') {
        Some(i) => format!("{}: {value}", &line[..i]),
        None => line.to_string(),
    }
}

/// The value of a `key: value` line, without a trailing comment.
pub(super) fn value_of(line: &str) -> &str {
    let v = line.split_once(':').map(|x| x.1).unwrap_or("");
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    v.trim()
}

/// Indices of scalar `key: value` lines at section level (two spaces), with a
/// non-null value, whose previous line is also such a line without a comment.
pub(super) fn plain_field_lines(lines: &[String]) -> Vec<usize> {
    let simple = |l: &str| {
        l.starts_with("  ")
            && !l.starts_with("   ")
            && !l.contains('#')
            && l.split_once(": ").is_some_and(|(_, v)| {
                let v = v.trim();
                !v.is_empty() && v != "null" && !v.starts_with('"')
            })
    };
    (1..lines.len())
        .filter(|&i| simple(&lines[i]) && simple(&lines[i - 1]))
        .collect()
}

pub(super) fn break_syntax(lines: &mut Vec<String>, rng: &mut Rng) {
    let variant = rng.below(6);
    let name = find_key(lines, "name");
    match variant {
        // A list that is never closed.
        1 => {
            let flows: Vec<usize> = (0..lines.len())
                .filter(|&i| {
                    let v = value_of(&lines[i]);
                    lines[i].starts_with("  ") && v.starts_with('[') && v.len() > 2
                })
                .collect();
            if let Some(&i) = flows.last() {
                let v = value_of(&lines[i]).trim_end_matches(']').to_string();
                lines[i] = with_value(&lines[i], &v);
                return;
            }
        }
        // One line indented one space too far.
        2 => {
            let cands = plain_field_lines(lines);
            if !cands.is_empty() {
                let i = cands[rng.below(cands.len() as u64) as usize];
                lines[i].insert(0, ' ');
                return;
            }
        }
        // A tab for indentation.
        3 => {
            let cands = plain_field_lines(lines);
            if !cands.is_empty() {
                let i = cands[rng.below(cands.len() as u64) as usize];
                lines[i] = format!("\t{}", &lines[i][2..]);
                return;
            }
        }
        // A missing colon.
        4 => {
            let cands = plain_field_lines(lines);
            if !cands.is_empty() {
                let i = cands[rng.below(cands.len() as u64) as usize];
                lines[i] = lines[i].replacen(": ", " ", 1);
                return;
            }
        }
        // A key pasted twice.
        5 => {
            let cands = plain_field_lines(lines);
            if !cands.is_empty() {
                let i = cands[rng.below(cands.len() as u64) as usize];
                let dup = lines[i].clone();
                lines.insert(i + 1, dup);
                return;
            }
        }
        _ => {}
    }
    // Default: the closing quote of the name is missing.
    if let Some(i) = name {
        if let Some(p) = lines[i].rfind('"') {
            lines[i].remove(p);
        }
    }
}

/// Misspellings a hand typing the questionnaire makes (each is no field anywhere).
pub(super) const TYPOS: &[(&str, &[&str])] = &[
    ("employees", &["employee", "employes", "员工人数"]),
    (
        "production_workers",
        &["production_worker", "prodution_workers"],
    ),
    (
        "main_revenue_wan",
        &["main_revenue", "main_income_wan", "主营业务收入"],
    ),
    (
        "industrial_output_wan",
        &["industrial_output", "output_value_wan"],
    ),
    (
        "key_equipment_total",
        &["key_equipments_total", "key_equipment_totle"],
    ),
    (
        "key_equipment_cnc",
        &["key_equipment_nc", "cnc_key_equipment"],
    ),
    ("industrial_robots", &["industrial_robot", "robot_count"]),
    ("systems", &["system", "sytems"]),
    ("design_work_digital_pct", &["design_work_digital_percent"]),
    (
        "national_spot_check_pass_pct",
        &["national_spot_check_pass_rate"],
    ),
    ("data_year", &["data_yaer", "year"]),
    ("credit_code", &["credit_no", "uscc"]),
    (
        "above_designated_size",
        &["above_designed_size", "is_above_designated_size"],
    ),
    (
        "cnc_generation_units",
        &["cnc_generation_unit", "cnc_units"],
    ),
    ("online_sales_wan", &["online_sale_wan", "online_sales"]),
    ("headquartered_in_district", &["headquarter_in_district"]),
    (
        "rd_expense_wan",
        &["rd_expenses_wan", "research_expense_wan"],
    ),
    ("key_processes_total", &["key_process_total"]),
];

pub(super) fn break_field_name(lines: &mut [String], rng: &mut Rng) {
    let present: Vec<(usize, &[&str])> = TYPOS
        .iter()
        .filter_map(|(k, typos)| find_key(lines, k).map(|i| (i, *typos)))
        .collect();
    if present.is_empty() {
        return;
    }
    let (i, typos) = present[rng.below(present.len() as u64) as usize];
    let typo = rng.pick(typos);
    let line = &lines[i];
    let indent = line.len() - line.trim_start().len();
    let rest = line.trim_start().split_once(':').map(|x| x.1).unwrap_or("");
    lines[i] = format!("{}{typo}:{rest}", &line[..indent]);
}

pub(super) fn break_number(lines: &mut [String], rng: &mut Rng) {
    let pct_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let t = lines[i].trim_start();
            !t.starts_with('#')
                && t.split_once(':')
                    .is_some_and(|(k, _)| k.ends_with("_pct") && !k.contains(' '))
        })
        .collect();
    let which = rng.weighted(&[(0, 50), (1, 30), (2, 20)]);
    let revenue = find_key(lines, "main_revenue_wan");
    let employees = find_key(lines, "employees");
    match (which, revenue, employees) {
        (1, Some(i), _) => {
            let v = value_of(&lines[i]).to_string();
            let written = match rng.below(3) {
                0 => format!("{v}万"),
                1 => format!("{v} 万元"),
                _ => {
                    // Thousands separators.
                    let (int, frac) = v.split_once('.').unwrap_or((&v, ""));
                    let mut g = String::new();
                    for (k, c) in int.chars().enumerate() {
                        if k > 0 && (int.len() - k) % 3 == 0 {
                            g.push(',');
                        }
                        g.push(c);
                    }
                    if !g.contains(',') {
                        g.push_str(",000");
                    }
                    if frac.is_empty() {
                        g
                    } else {
                        format!("{g}.{frac}")
                    }
                }
            };
            lines[i] = with_value(&lines[i], &written);
        }
        (2, _, Some(i)) => {
            let v = value_of(&lines[i]).to_string();
            let written = if rng.chance(500) {
                format!("{v}人")
            } else {
                format!("约{v}")
            };
            lines[i] = with_value(&lines[i], &written);
        }
        _ if !pct_lines.is_empty() => {
            let i = pct_lines[rng.below(pct_lines.len() as u64) as usize];
            let v = value_of(&lines[i]);
            let v = if v.is_empty() || v == "null" {
                rng.range(60, 99).to_string()
            } else {
                v.to_string()
            };
            lines[i] = with_value(&lines[i], &format!("{v}%"));
        }
        _ => {
            // Every file has a revenue or a data year.
            if let Some(i) = revenue.or_else(|| find_key(lines, "data_year")) {
                let v = value_of(&lines[i]).to_string();
                lines[i] = with_value(&lines[i], &format!("{v}年"));
            }
        }
    }
}

pub(super) fn break_value(lines: &mut [String], rng: &mut Rng) {
    let systems = find_key(lines, "systems").filter(|&i| value_of(&lines[i]).starts_with('['));
    let flag = find_key(lines, "above_designated_size")
        .filter(|&i| matches!(value_of(&lines[i]), "true" | "false"));
    match rng.below(4) {
        1 if systems.is_some() => {
            if let Some(i) = systems {
                let v = value_of(&lines[i]).trim_end_matches(']').to_string();
                let extra = if rng.chance(500) { "oa" } else { "MES" };
                let v = if v == "[" {
                    format!("[{extra}]")
                } else {
                    format!("{v}, {extra}]")
                };
                lines[i] = with_value(&lines[i], &v);
            }
        }
        2 if flag.is_some() => {
            if let Some(i) = flag {
                let v = if value_of(&lines[i]) == "true" {
                    "是"
                } else {
                    "否"
                };
                lines[i] = with_value(&lines[i], v);
            }
        }
        3 => {
            if let Some(i) = find_key(lines, "production_mode") {
                let v = rng.pick(&["离散型", "continuous", "batch"]);
                lines[i] = with_value(&lines[i], v);
            }
        }
        _ => {
            if let Some(i) = find_key(lines, "sector") {
                let v = rng.pick(&[
                    "纺织鞋服",
                    "textile",
                    "footwear",
                    "electronics",
                    "machinery",
                ]);
                lines[i] = with_value(&lines[i], v);
            }
        }
    }
}

pub(super) fn break_required(lines: &mut Vec<String>, rng: &mut Rng) {
    let key = rng.pick(&["name", "sector", "data_year", "schema_version"]);
    if let Some(i) = find_key(lines, key) {
        lines.remove(i);
    }
}

pub(super) fn break_consistency(q: &mut Questionnaire, rng: &mut Rng) -> &'static str {
    let e = &mut q.enterprise;
    match rng.below(10) {
        0 => {
            let emp = e.employees.unwrap_or(120).max(2);
            match e.production_workers {
                Some(w) if w < emp => {
                    e.employees = Some(w);
                    e.production_workers = Some(emp);
                }
                _ => {
                    e.employees = Some(emp);
                    e.production_workers = Some(emp + rng.range(1, u64::from(emp)) as u32);
                }
            }
            "production_workers > employees"
        }
        1 => {
            let eq = &mut q.equipment;
            let total = eq.key_equipment_total.unwrap_or(40).max(1);
            eq.key_equipment_total = Some(total);
            eq.key_equipment_cnc = Some(total + rng.range(1, 20) as u32);
            "key_equipment_cnc > key_equipment_total"
        }
        2 => {
            let eq = &mut q.equipment;
            let digital = eq.production_equipment_digital.unwrap_or(60);
            eq.production_equipment_digital = Some(digital);
            eq.production_equipment_total = Some(
                eq.production_equipment_total
                    .unwrap_or(digital)
                    .max(digital),
            );
            eq.production_equipment_networked = Some(digital + rng.range(1, 30) as u32);
            "production_equipment_networked > production_equipment_digital"
        }
        3 => {
            let eq = &mut q.equipment;
            let kp = eq.key_processes_total.unwrap_or(8);
            eq.key_processes_total = Some(kp);
            eq.key_processes_automated = Some(kp + rng.range(1, 5) as u32);
            "key_processes_automated > key_processes_total"
        }
        4 => {
            let inf = &mut q.informatization;
            let mut sys = inf.systems.take().unwrap_or_default();
            sys.retain(|s| *s != System::Plm);
            if !sys.contains(&System::Erp) {
                sys.insert(0, System::Erp);
            }
            inf.systems = Some(sys);
            inf.integrations
                .get_or_insert_with(Vec::new)
                .push([System::Plm, System::Erp]);
            "PLM integrated but not in use"
        }
        5 => {
            q.results.baseline_year = Some(e.data_year);
            "baseline_year = data_year"
        }
        6 => {
            q.digital_design.design_work_digital_pct = Some(pct(rng.range(1_010, 9_500) as i64));
            "percentage above 100"
        }
        7 => {
            e.new_tax_district_retained_wan = Some(Wan::clamped(-wan(rng.range(10, 400))));
            "negative new tax"
        }
        8 => {
            q.recognitions.digital_workshop_year = Some(e.data_year + 1);
            "recognised after the data year"
        }
        _ => {
            q.self_assessment.equipment = Some(DomainRating {
                level: rng.range(6, 9) as u8,
                next: NextLevelFit::None,
            });
            "self-assessment level above 5"
        }
    }
}

pub(super) fn bad_credit_code(code: Option<&str>, rng: &mut Rng) -> (String, &'static str) {
    let mut fresh = Rng(rng.next_u64());
    let good = code.map_or_else(|| credit_code(&mut fresh), str::to_string);
    let chars: Vec<char> = good.chars().collect();
    let wrong_check = |rng: &mut Rng| {
        let last = chars[17];
        let options: Vec<char> = USCC_CHARS
            .iter()
            .map(|c| char::from(*c))
            .filter(|c| *c != last)
            .collect();
        let mut c = chars.clone();
        c[17] = rng.pick(&options);
        c.into_iter().collect::<String>()
    };
    match rng.below(5) {
        1 => {
            // Two neighbours swapped while copying: always caught when they differ.
            let pos: Vec<usize> = (8..16).filter(|&i| chars[i] != chars[i + 1]).collect();
            if !pos.is_empty() {
                let i = pos[rng.below(pos.len() as u64) as usize];
                let mut c = chars.clone();
                c.swap(i, i + 1);
                return (c.into_iter().collect(), "credit code: swapped characters");
            }
            (wrong_check(rng), "credit code: wrong check character")
        }
        2 => {
            // Letter O for zero, I for one.
            if let Some(i) = (8..17).find(|&i| chars[i] == '0' || chars[i] == '1') {
                let mut c = chars.clone();
                c[i] = if c[i] == '0' { 'O' } else { 'I' };
                return (c.into_iter().collect(), "credit code: O or I for 0 or 1");
            }
            (wrong_check(rng), "credit code: wrong check character")
        }
        3 => {
            let mut c = chars.clone();
            c.remove(rng.range(8, 16) as usize);
            (c.into_iter().collect(), "credit code: 17 characters")
        }
        4 => (
            format!("350502{:09}", rng.below(1_000_000_000)),
            "old 15-digit registration number",
        ),
        _ => (wrong_check(rng), "credit code: wrong check character"),
    }
}

pub(super) fn not_yaml(q: &Questionnaire, rng: &mut Rng) -> String {
    let e = &q.enterprise;
    let code = e.credit_code.clone().unwrap_or_default();
    let rev = e.main_revenue_wan.unwrap_or_default();
    let emp = e.employees.unwrap_or_default();
    match rng.below(6) {
        0 => format!(
            "企业名称,统一社会信用代码,所属产业,主营业务收入(万元),从业人员\n{},{code},{},{rev},{emp}\n",
            e.name,
            e.sector.zh()
        ),
        1 => format!("企业名称\t主营业务收入\t从业人员\n{}\t{rev}\t{emp}\n", e.name),
        2 => format!(
            "关于报送{}年度智能制造评估问卷的说明\n\n各有关企业：\n    请于本月底前将问卷电子版报送区工信局，联系人：王科长。\n\n{}\n",
            e.data_year, e.name
        ),
        3 => "<!DOCTYPE html>\n<html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx</center>\n</body>\n</html>\n".to_string(),
        4 => "{\"code\": 401, \"message\": \"登录已过期，请重新登录\", \"data\": null}\n".to_string(),
        _ => format!(
            "发件人: 企业填报员\n主题: 问卷\n\n您好, 附件是{}的问卷, 请查收。\n",
            e.name
        ),
    }
}

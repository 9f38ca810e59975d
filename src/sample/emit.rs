//! The YAML emitter: a questionnaire written the way different hands write
//! it (every field or only the known ones, comments, flow or block lists).

use super::factory::{Meta, Profile, Size, Trade, TRADES};
use super::*;
use crate::questionnaire::{ProductionMode, Projects, Recognitions};

/// How a file is written: the same questionnaire comes from different hands.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    /// Every field written, `null` where unknown (like the `zhizao init` template), or only what is known.
    pub(super) full: bool,
    /// Trailing explanatory comments on some lines.
    pub(super) comments: bool,
    /// Self-assessment domains as `{level: 2, next: most}` rather than nested blocks.
    pub(super) flow_ratings: bool,
    /// Integrations as `- [erp, mes]` lines rather than one flow list.
    pub(super) block_pairs: bool,
}

/// The id a unit enum variant serialises to.
pub(super) fn id<T: Serialize>(x: &T) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

pub(super) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub(super) fn flow<T>(v: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", v.iter().map(f).collect::<Vec<_>>().join(", "))
}

pub(super) fn s<T: std::fmt::Display>(v: Option<T>) -> Option<String> {
    v.map(|x| x.to_string())
}

pub(super) fn ids<T: Serialize>(v: &Option<Vec<T>>) -> Option<String> {
    v.as_ref().map(|v| flow(v, id))
}

/// Column where trailing comments start.
pub(super) const COMMENT_COLUMN: usize = 36;

pub(super) struct Section {
    pub(super) style: Style,
    pub(super) lines: Vec<String>,
}

impl Section {
    fn new(style: Style) -> Section {
        Section {
            style,
            lines: Vec::new(),
        }
    }

    fn kv(&mut self, key: &str, v: Option<String>) {
        self.kvc(key, v, "");
    }

    /// A `key: value` line; `null` or nothing when unknown; a trailing comment if the style has them.
    fn kvc(&mut self, key: &str, v: Option<String>, comment: &str) {
        let mut line = match v {
            Some(v) => format!("  {key}: {v}"),
            None if self.style.full => format!("  {key}: null"),
            None => return,
        };
        if self.style.comments && !comment.is_empty() {
            let width = line.chars().count();
            line.push_str(&" ".repeat(COMMENT_COLUMN.saturating_sub(width).max(1)));
            line.push_str("# ");
            line.push_str(comment);
        }
        self.lines.push(line);
    }

    fn raw(&mut self, line: String) {
        self.lines.push(line);
    }

    fn write(self, out: &mut String, name: &str) {
        if self.lines.is_empty() {
            return;
        }
        out.push('\n');
        out.push_str(name);
        out.push_str(":\n");
        for l in self.lines {
            out.push_str(&l);
            out.push('\n');
        }
    }
}

pub(super) fn emit(q: &Questionnaire, meta: &Meta, style: Style, header: &[String]) -> String {
    let mut out = String::with_capacity(6 * 1024);
    for h in header {
        out.push_str(h);
        out.push('\n');
    }
    if !header.is_empty() {
        out.push('\n');
    }
    out.push_str(&format!("schema_version: {}\n", q.schema_version));
    let t = &TRADES[meta.trade];
    for (name, lines) in SECTION_LINES {
        let mut sec = Section::new(style);
        lines(&mut sec, q, t);
        sec.write(&mut out, name);
    }
    out
}

/// The lines of each section, in file order.
pub(super) type SectionLines = fn(&mut Section, &Questionnaire, &Trade);
pub(super) const SECTION_LINES: [(&str, SectionLines); 17] = [
    ("enterprise", enterprise_lines),
    ("equipment", equipment_lines),
    ("robots", robots_lines),
    ("informatization", informatization_lines),
    ("digital_design", digital_design_lines),
    ("results", results_lines),
    ("quality", quality_lines),
    ("self_assessment", self_assessment_lines),
    ("recognitions", recognitions_lines),
    ("ip_and_brands", ip_and_brands_lines),
    ("projects", projects_lines),
    ("purchases", purchases_lines),
    ("ecommerce", ecommerce_lines),
    ("logistics", logistics_lines),
    ("design", design_lines),
    ("listing", listing_lines),
    ("cost_estimates", cost_estimates_lines),
];

/// An amount as written: the exact decimal.
pub(super) fn dec(v: Option<Wan>) -> Option<String> {
    s(v.map(Decimal::from))
}

pub(super) fn enterprise_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let e = &q.enterprise;
    sec.kv("name", Some(quote(&e.name)));
    sec.kv("credit_code", e.credit_code.as_deref().map(quote));
    sec.kv("sector", Some(e.sector.id().to_string()));
    sec.kv("production_mode", Some(id(&e.production_mode)));
    sec.kvc(
        "above_designated_size",
        s(e.above_designated_size),
        "主营业务收入 ≥ 2000 万元",
    );
    sec.kv("data_year", Some(e.data_year.to_string()));
    sec.kv("headquartered_in_district", s(e.headquartered_in_district));
    sec.kv("main_revenue_wan", dec(e.main_revenue_wan));
    sec.kv("industrial_output_wan", dec(e.industrial_output_wan));
    sec.kv("employees", s(e.employees));
    sec.kv("production_workers", s(e.production_workers));
    sec.kv("rd_expense_wan", dec(e.rd_expense_wan));
    sec.kvc("energy_tce", dec(e.energy_tce), "吨标准煤");
    sec.kv(
        "new_tax_district_retained_wan",
        dec(e.new_tax_district_retained_wan),
    );
    sec.kv("smart_equipment_maker", s(e.smart_equipment_maker));
    if e.cnc_smart_manufacturing_enterprise.is_some() {
        sec.kv(
            "cnc_smart_manufacturing_enterprise",
            s(e.cnc_smart_manufacturing_enterprise),
        );
    }
}

pub(super) fn equipment_lines(sec: &mut Section, q: &Questionnaire, t: &Trade) {
    let eq = &q.equipment;
    sec.kvc("key_equipment_total", s(eq.key_equipment_total), t.key_note);
    sec.kv("key_equipment_cnc", s(eq.key_equipment_cnc));
    sec.kv(
        "production_equipment_total",
        s(eq.production_equipment_total),
    );
    sec.kv(
        "production_equipment_digital",
        s(eq.production_equipment_digital),
    );
    sec.kv(
        "production_equipment_networked",
        s(eq.production_equipment_networked),
    );
    sec.kv("key_processes_total", s(eq.key_processes_total));
    sec.kv("key_processes_automated", s(eq.key_processes_automated));
    sec.kvc(
        "key_processes_plc_dcs",
        s(eq.key_processes_plc_dcs),
        if t.process {
            "流程型: 数控化率的分子"
        } else {
            ""
        },
    );
    sec.kv(
        "key_processes_auto_data_collection",
        s(eq.key_processes_auto_data_collection),
    );
}

pub(super) fn robots_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    sec.kv("industrial_robots", s(q.robots.industrial_robots));
}

pub(super) fn informatization_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let style = sec.style;
    let inf = &q.informatization;
    sec.kv("systems", ids(&inf.systems));
    match &inf.integrations {
        Some(v) if style.block_pairs && !v.is_empty() => {
            sec.raw("  integrations:".to_string());
            for pair in v {
                sec.raw(format!("    - {}", flow(pair, id)));
            }
        }
        Some(v) => sec.kv("integrations", Some(flow(v, |p| flow(p, id)))),
        None => sec.kv("integrations", None),
    }
    sec.kv("gbt23001_certified", s(inf.gbt23001_certified));
}

pub(super) fn digital_design_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let dd = &q.digital_design;
    sec.kv("tools", ids(&dd.tools));
    sec.kv("design_work_digital_pct", s(dd.design_work_digital_pct));
}

pub(super) fn results_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let r = &q.results;
    sec.kv("baseline_year", s(r.baseline_year));
    sec.kv("operating_cost_change_pct", s(r.operating_cost_change_pct));
    sec.kv("rd_cycle_change_pct", s(r.rd_cycle_change_pct));
    sec.kv(
        "production_efficiency_change_pct",
        s(r.production_efficiency_change_pct),
    );
    sec.kv("defect_rate_change_pct", s(r.defect_rate_change_pct));
    sec.kv(
        "energy_utilisation_change_pct",
        s(r.energy_utilisation_change_pct),
    );
}

pub(super) fn quality_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    sec.kv(
        "national_spot_check_pass_pct",
        s(q.quality.national_spot_check_pass_pct),
    );
    sec.kv(
        "provincial_spot_check_pass_pct",
        s(q.quality.provincial_spot_check_pass_pct),
    );
}

pub(super) fn self_assessment_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let style = sec.style;
    for d in crate::questionnaire::SelfAssessment::DOMAINS {
        match q.self_assessment.get(d) {
            Some(r) if style.flow_ratings => sec.kv(
                d,
                Some(format!("{{level: {}, next: {}}}", r.level, id(&r.next))),
            ),
            Some(r) => {
                sec.raw(format!("  {d}:"));
                sec.raw(format!("    level: {}", r.level));
                sec.raw(format!("    next: {}", id(&r.next)));
            }
            None => sec.kv(d, None),
        }
    }
}

pub(super) fn recognitions_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let rec = &q.recognitions;
    sec.kv("smart_factory_year", s(rec.smart_factory_year));
    sec.kv("digital_workshop_year", s(rec.digital_workshop_year));
    sec.kv(
        "cnc_generation_demo_enterprise",
        s(rec.cnc_generation_demo_enterprise),
    );
    sec.kv(
        "public_tech_platform_with_city_funds",
        s(rec.public_tech_platform_with_city_funds),
    );
    sec.kv("new_research_institution", s(rec.new_research_institution));
    for (k, v) in [
        ("public_tech_platform_year", rec.public_tech_platform_year),
        (
            "new_research_institution_year",
            rec.new_research_institution_year,
        ),
    ] {
        if v.is_some() {
            sec.kv(k, s(v));
        }
    }
    tech_center_lines(sec, rec);
    sec.kv(
        "industrial_design_center",
        rec.industrial_design_center.as_ref().map(|c| match c.year {
            Some(y) => format!("{{level: {}, year: {y}}}", id(&c.level)),
            None => format!("{{level: {}}}", id(&c.level)),
        }),
    );
    sec.kv(
        "business_model_innovation_demo",
        s(rec.business_model_innovation_demo),
    );
    sec.kv(
        "service_manufacturing_demo",
        s(rec.service_manufacturing_demo),
    );
    for (k, v) in [
        (
            "business_model_innovation_demo_year",
            rec.business_model_innovation_demo_year,
        ),
        (
            "service_manufacturing_demo_year",
            rec.service_manufacturing_demo_year,
        ),
    ] {
        if v.is_some() {
            sec.kv(k, s(v));
        }
    }
}

/// Technology centres, one block item each.
pub(super) fn tech_center_lines(sec: &mut Section, rec: &Recognitions) {
    let style = sec.style;
    match &rec.tech_centers {
        Some(v) if !v.is_empty() => {
            sec.raw("  tech_centers:".to_string());
            for c in v {
                sec.raw(format!("    - kind: {}", id(&c.kind)));
                sec.raw(format!("      level: {}", id(&c.level)));
                match c.year {
                    Some(y) => sec.raw(format!("      year: {y}")),
                    None if style.full => sec.raw("      year: null".to_string()),
                    None => {}
                }
            }
        }
        v => sec.kv("tech_centers", v.as_ref().map(|_| "[]".to_string())),
    }
}

pub(super) fn ip_and_brands_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let ip = &q.ip_and_brands;
    sec.kv("invention_patents_granted", s(ip.invention_patents_granted));
    sec.kv("patent_prizes", ids(&ip.patent_prizes));
    sec.kv("standards", ids(&ip.standards));
    sec.kv("brand_titles", ids(&ip.brand_titles));
    sec.kv("quality_prizes", ids(&ip.quality_prizes));
}

pub(super) fn projects_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let pr = &q.projects;
    sec.kv("smart_equipment_rd", s(pr.smart_equipment_rd));
    sec.kv(
        "smart_equipment_rd_supported_by_province_or_city",
        s(pr.smart_equipment_rd_supported_by_province_or_city),
    );
    first_set_lines(sec, pr);
    demo_line_lines(sec, pr);
    sec.kv("major_cnc_rd_projects", s(pr.major_cnc_rd_projects));
    sec.kv("rd_expensed_wan", dec(pr.rd_expensed_wan));
    sec.kv("rd_intangible_cost_wan", dec(pr.rd_intangible_cost_wan));
    maker_space_lines(sec, pr);
    sec.kv(
        "ecommerce_platform_docking",
        s(pr.ecommerce_platform_docking),
    );
    sec.kv(
        "online_business_park",
        pr.online_business_park.as_ref().map(id),
    );
    if pr.online_business_park_year.is_some() {
        sec.kv("online_business_park_year", s(pr.online_business_park_year));
    }
}

/// First sets of equipment, one block item each.
pub(super) fn first_set_lines(sec: &mut Section, pr: &Projects) {
    let style = sec.style;
    match &pr.first_set_equipment {
        Some(v) if !v.is_empty() => {
            sec.raw("  first_set_equipment:".to_string());
            for f in v {
                sec.raw(format!("    - name: {}", quote(&f.name)));
                sec.raw(format!("      scope: {}", id(&f.scope)));
                sec.raw(format!(
                    "      recognised_by_province: {}",
                    f.recognised_by_province
                ));
                for (k, v) in [
                    ("sale_price_wan", f.sale_price_wan),
                    ("development_cost_wan", f.development_cost_wan),
                ] {
                    match v {
                        Some(v) => sec.raw(format!("      {k}: {v}")),
                        None if style.full => sec.raw(format!("      {k}: null")),
                        None => {}
                    }
                }
                sec.raw(format!(
                    "      major_innovation_recognised: {}",
                    f.major_innovation_recognised
                ));
                if let Some(y) = f.recognition_year {
                    sec.raw(format!("      recognition_year: {y}"));
                }
            }
        }
        v => sec.kv("first_set_equipment", v.as_ref().map(|_| "[]".to_string())),
    }
}

/// Demonstration-line projects, one block item each.
pub(super) fn demo_line_lines(sec: &mut Section, pr: &Projects) {
    let style = sec.style;
    match &pr.demo_lines {
        Some(v) if !v.is_empty() => {
            sec.raw("  demo_lines:".to_string());
            for d in v {
                sec.raw(format!("    - name: {}", quote(&d.name)));
                sec.raw(format!(
                    "      with_research_institute: {}",
                    d.with_research_institute
                ));
                sec.raw(format!(
                    "      listed_as_key_demo: {}",
                    d.listed_as_key_demo
                ));
                match d.investment_wan {
                    Some(v) => sec.raw(format!("      investment_wan: {v}")),
                    None if style.full => sec.raw("      investment_wan: null".to_string()),
                    None => {}
                }
                if let Some(y) = d.listed_year {
                    sec.raw(format!("      listed_year: {y}"));
                }
            }
        }
        v => sec.kv("demo_lines", v.as_ref().map(|_| "[]".to_string())),
    }
}

/// The maker space: a block of what is known, `{}` when nothing is.
pub(super) fn maker_space_lines(sec: &mut Section, pr: &Projects) {
    let style = sec.style;
    match &pr.maker_space {
        Some(m) => {
            let fields = [
                ("area_m2", s(m.area_m2)),
                ("investment_wan", s(m.investment_wan)),
                ("operating_well", s(m.operating_well)),
            ];
            let year = m.evaluated_year.map(|y| format!("    evaluated_year: {y}"));
            let known: Vec<String> = fields
                .iter()
                .filter_map(|(k, v)| match v {
                    Some(v) => Some(format!("    {k}: {v}")),
                    None if style.full => Some(format!("    {k}: null")),
                    None => None,
                })
                .collect();
            if known.is_empty() {
                sec.kv("maker_space", Some("{}".to_string()));
            } else {
                sec.raw("  maker_space:".to_string());
                for l in known.into_iter().chain(year) {
                    sec.raw(l);
                }
            }
        }
        None => sec.kv("maker_space", None),
    }
}

pub(super) fn purchases_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let pu = &q.purchases;
    sec.kvc(
        "cnc_generation_units",
        s(pu.cnc_generation_units),
        if pu.cnc_generation_units.unwrap_or(0) > 0 {
            "本地\"数控一代\"产品, 台(套)"
        } else {
            ""
        },
    );
    sec.kvc(
        "cnc_generation_invoice_ex_tax_wan",
        dec(pu.cnc_generation_invoice_ex_tax_wan),
        if pu.cnc_generation_units.unwrap_or(0) > 0 {
            "不含税发票总价"
        } else {
            ""
        },
    );
}

pub(super) fn ecommerce_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let ec = &q.ecommerce;
    sec.kv("original_online_brand", s(ec.original_online_brand));
    sec.kv(
        "registered_and_settled_in_quanzhou",
        s(ec.registered_and_settled_in_quanzhou),
    );
    sec.kv("traditional_brand", s(ec.traditional_brand));
    sec.kvc(
        "online_sales_wan",
        dec(ec.online_sales_wan),
        if ec.original_online_brand == Some(true) {
            "天猫、京东、唯品会等自营店"
        } else {
            ""
        },
    );
    sec.kvc(
        "online_sales_incl_distribution_wan",
        dec(ec.online_sales_incl_distribution_wan),
        "含分销",
    );
    sec.kv("total_sales_wan", dec(ec.total_sales_wan));
    sec.kv(
        "cross_border_logistics_cost_wan",
        dec(ec.cross_border_logistics_cost_wan),
    );
}

pub(super) fn logistics_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let lg = &q.logistics;
    sec.kv("rating", lg.rating.as_ref().map(id));
    sec.kv("previous_rating", lg.previous_rating.as_ref().map(id));
    match &lg.warehouses {
        Some(v) if !v.is_empty() => {
            sec.raw("  warehouses:".to_string());
            for w in v {
                sec.raw(format!("    - area_m2: {}", w.area_m2));
                sec.raw(format!(
                    "      ecommerce_clients_in_district: {}",
                    w.ecommerce_clients_in_district
                ));
                sec.raw(format!("      investment_wan: {}", w.investment_wan));
                if let Some(y) = w.built_year {
                    sec.raw(format!("      built_year: {y}"));
                }
            }
        }
        v => sec.kv("warehouses", v.as_ref().map(|_| "[]".to_string())),
    }
    sec.kv(
        "receipt_guarantee_balance_wan",
        dec(lg.receipt_guarantee_balance_wan),
    );
}

pub(super) fn design_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let d = &q.design;
    sec.kv("competitions_hosted", s(d.competitions_hosted));
    sec.kv("competition_prizes", ids(&d.competition_prizes));
    sec.kv("student_workshops", s(d.student_workshops));
    sec.kv(
        "design_transfer_demo_projects",
        s(d.design_transfer_demo_projects),
    );
    if d.design_transfer_demo_year.is_some() {
        sec.kv("design_transfer_demo_year", s(d.design_transfer_demo_year));
    }
}

pub(super) fn listing_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    sec.kv("venue", q.listing.venue.as_ref().map(id));
}

pub(super) fn cost_estimates_lines(sec: &mut Section, q: &Questionnaire, _: &Trade) {
    let c = &q.cost_estimates;
    sec.kvc(
        "cnc_unit_wan",
        dec(c.cnc_unit_wan),
        "一台关键设备换成数控设备的平均成本",
    );
    sec.kvc("robot_wan", dec(c.robot_wan), "一台工业机器人含集成安装");
    sec.kvc(
        "network_connection_wan",
        dec(c.network_connection_wan),
        "一台数字化设备联网",
    );
}

pub(super) fn header(seed: u64, index: usize, q: &Questionnaire, meta: &Meta) -> Vec<String> {
    let t = &TRADES[meta.trade];
    let e = &q.enterprise;
    let (mode_zh, mode_en) = match e.production_mode {
        ProductionMode::Discrete => ("离散型", "discrete"),
        ProductionMode::Process => ("流程型", "process"),
    };
    let (size_zh, size_en) = match meta.size {
        Size::Small => ("小微 (规下)", "small (below designated size)"),
        Size::Medium => ("中型 (规上)", "medium (above designated size)"),
        Size::Large => ("大型 (规上)", "large (above designated size)"),
    };
    let (prof_zh, prof_en) = match meta.profile {
        Profile::FarBehind => ("差距较大", "far behind"),
        Profile::DigitalWorkshop => ("数字化车间水平", "digital-workshop level"),
        Profile::SmartFactory => ("智能工厂水平", "smart-factory level"),
    };
    vec![
        format!("# 合成问卷样本 (虚构企业): {}", e.name),
        format!(
            "# {} · {} · {mode_zh} · {size_zh} · 画像: {prof_zh}",
            e.sector.zh(),
            t.product_zh
        ),
        format!(
            "# Synthetic questionnaire (fictitious enterprise) — {} · {} · {mode_en} · {size_en} · profile: {prof_en}",
            e.sector.en(),
            t.product_en
        ),
        format!("# zhizao sample: seed {seed}, index {index}"),
    ]
}

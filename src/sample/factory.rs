//! The factory model: who a fictitious factory is ([`Firm`]) and one
//! function per questionnaire section, drawing in a fixed order.

use super::*;
use crate::questionnaire::{
    BrandTitle, CenterKind, DemoLineProject, DesignPrize, DesignTool, DomainRating,
    FirstSetEquipment, FirstSetScope, Level, LeveledRecognition, ListingVenue, LogisticsRating,
    MakerSpace, NextLevelFit, ParkRole, PatentPrize, ProductionMode, QualityPrize, Sector,
    StandardRole, System, TechCenter, Warehouse,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Size {
    Small,
    Medium,
    Large,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Profile {
    FarBehind,
    DigitalWorkshop,
    SmartFactory,
}

/// A trade within a sector: what the factory makes.
pub(super) struct Trade {
    pub(super) sector: Sector,
    pub(super) weight: u64,
    /// Word in the company name.
    pub(super) word: &'static str,
    pub(super) product_zh: &'static str,
    pub(super) product_en: &'static str,
    pub(super) process: bool,
    /// Typical key equipment or key processes, for a comment.
    pub(super) key_note: &'static str,
    /// Chance (‰) that it makes smart-manufacturing equipment.
    pub(super) smart_maker: u64,
    /// Price of one local 数控一代 machine it would buy, 万元.
    pub(super) unit_price_wan: (u64, u64),
}

#[allow(clippy::too_many_arguments)] // a table row, named by the struct below
pub(super) const fn trade(
    sector: Sector,
    weight: u64,
    word: &'static str,
    product: (&'static str, &'static str),
    process: bool,
    key_note: &'static str,
    smart_maker: u64,
    unit_price_wan: (u64, u64),
) -> Trade {
    Trade {
        sector,
        weight,
        word,
        product_zh: product.0,
        product_en: product.1,
        process,
        key_note,
        smart_maker,
        unit_price_wan,
    }
}

use Sector::{ElectronicsIt as El, MachineryAutoParts as Ma, Other as Ot};
use Sector::{PaperProductEquipment as Pa, TextileFootwearApparel as Tx};

/// Weights add up to 1000: textile 45%, electronics 18%, machinery 17%, paper 8%, other 12%.
#[rustfmt::skip]
pub(super) const TRADES: &[Trade] = &[
    trade(Tx, 140, "鞋业", ("运动鞋、休闲鞋", "sports and casual shoes"), false, "裁断、针车、成型、硫化等关键设备", 0, (8, 40)),
    trade(Tx, 80, "服饰", ("休闲服装", "casual wear"), false, "自动裁床、电脑平车、模板缝纫机、整烫设备", 0, (3, 25)),
    trade(Tx, 50, "体育用品", ("运动服装与运动鞋", "sportswear and sports shoes"), false, "裁断机、电脑针车、自动化成型线", 0, (8, 40)),
    trade(Tx, 40, "织造", ("针织面料", "knitted fabrics"), false, "电脑横机、圆纬机、经编机", 0, (15, 60)),
    trade(Tx, 55, "印染", ("面料染色与印花", "fabric dyeing and printing"), true, "前处理、染色、印花、定型等关键工序", 0, (20, 80)),
    trade(Tx, 20, "化纤", ("涤纶纤维", "polyester fibre"), true, "聚合、纺丝、加弹等关键工序", 0, (30, 90)),
    trade(Tx, 40, "箱包", ("箱包", "bags and luggage"), false, "裁断机、电脑车、热压定型机", 0, (3, 20)),
    trade(Tx, 25, "伞业", ("雨伞", "umbrellas"), false, "伞骨成型机、自动穿珠机、缝伞机", 0, (3, 15)),
    trade(El, 40, "电子科技", ("安防监控设备", "security cameras"), false, "贴片机、回流焊、自动光学检测、组装测试线", 50, (20, 120)),
    trade(El, 35, "光电", ("LED 照明产品", "LED lighting"), false, "固晶机、焊线机、分光分色机", 30, (10, 60)),
    trade(El, 40, "通讯设备", ("对讲机", "two-way radios"), false, "贴片线、射频调测台、整机组装线", 30, (20, 100)),
    trade(El, 30, "智能科技", ("智能家居控制器", "smart-home controllers"), false, "贴片机、插件线、老化测试设备", 150, (15, 80)),
    trade(El, 35, "电子", ("电路板组件", "PCB assemblies"), false, "贴片机、波峰焊、在线测试仪", 20, (20, 120)),
    trade(Ma, 35, "机械", ("鞋服机械", "footwear and apparel machinery"), false, "加工中心、数控车床、激光切割机", 450, (15, 80)),
    trade(Ma, 35, "汽车配件", ("汽车制动片", "brake pads"), false, "压制机、磨削线、喷涂线", 50, (15, 70)),
    trade(Ma, 30, "精密机械", ("机床零部件", "machine-tool parts"), false, "数控车床、加工中心、磨床", 150, (20, 90)),
    trade(Ma, 20, "液压机械", ("液压泵阀", "hydraulic pumps and valves"), false, "加工中心、珩磨机、试验台", 100, (20, 90)),
    trade(Ma, 20, "机电", ("伺服电机", "servo motors"), false, "绕线机、装配线、测试台", 900, (15, 60)),
    trade(Ma, 30, "自动化设备", ("自动化生产线", "automated production lines"), false, "加工中心、激光切割机、装配调试线", 950, (20, 90)),
    trade(Pa, 20, "纸品机械", ("纸杯纸碗机", "paper cup machines"), false, "加工中心、数控车床、装配线", 500, (15, 70)),
    trade(Pa, 15, "包装机械", ("瓦楞纸板生产线", "corrugated board lines"), false, "龙门加工中心、数控折弯机、焊接机器人", 500, (20, 90)),
    trade(Pa, 15, "卫生用品机械", ("纸尿裤生产设备", "diaper machines"), false, "加工中心、数控磨床、整机调试线", 600, (20, 90)),
    trade(Pa, 15, "纸业", ("生活用纸", "household tissue"), true, "制浆、抄纸、复卷、分切等关键工序", 0, (30, 100)),
    trade(Pa, 15, "彩印包装", ("彩印纸盒", "printed paper boxes"), false, "印刷机、模切机、糊盒机", 0, (10, 60)),
    trade(Ot, 30, "陶瓷", ("建筑陶瓷", "floor and wall tiles"), true, "球磨、喷雾干燥、压制、施釉、烧成等关键工序", 0, (20, 90)),
    trade(Ot, 30, "食品", ("休闲食品", "snack foods"), true, "配料、烘焙、杀菌、包装等关键工序", 0, (10, 50)),
    trade(Ot, 20, "石材", ("石材制品", "stone products"), false, "数控桥切机、异型加工中心、磨抛线", 0, (15, 60)),
    trade(Ot, 15, "工艺品", ("树脂工艺品", "resin crafts"), false, "注塑机、雕刻机、喷涂线", 0, (3, 20)),
    trade(Ot, 10, "化工", ("涂料", "coatings"), true, "配料、分散、研磨、调色、灌装等关键工序", 0, (20, 80)),
    trade(Ot, 15, "建材", ("混凝土制品", "concrete products"), true, "配料、搅拌、成型、养护等关键工序", 0, (15, 60)),
];

pub(super) const BRAND_CHARS: &[&str] = &[
    "华", "鑫", "盛", "泰", "恒", "鸿", "利", "源", "达", "丰", "嘉", "兴", "隆", "宏", "昌", "瑞",
    "祥", "永", "安", "凯", "锦", "晋", "闽", "海", "峰", "天", "佳", "新", "福", "顺", "金", "立",
    "宝", "信", "远", "腾", "辉", "德", "诚", "益", "众", "润", "浩", "协", "力", "欣", "创", "维",
];

/// What the generator decided beyond the questionnaire itself (for comments and tests).
#[derive(Debug, Clone, Copy)]
pub(super) struct Meta {
    pub(super) trade: usize,
    pub(super) size: Size,
    pub(super) profile: Profile,
}

/// Maybe leave a "no" answer blank: thorough files always fill it in.
pub(super) fn no(thorough: bool, rng: &mut Rng) -> Option<bool> {
    if thorough || rng.chance(300) {
        Some(false)
    } else {
        None
    }
}

pub(super) fn flag(yes: bool, thorough: bool, rng: &mut Rng) -> Option<bool> {
    if yes {
        Some(true)
    } else {
        no(thorough, rng)
    }
}

/// A list of achievements: `[]` in thorough files, left out otherwise when empty.
pub(super) fn list_or_empty<T>(v: Vec<T>, thorough: bool) -> Option<Vec<T>> {
    if v.is_empty() && !thorough {
        None
    } else {
        Some(v)
    }
}

pub(super) fn opt<T>(present: bool, v: T) -> Option<T> {
    present.then_some(v)
}

pub(super) fn profile_pick<T: Copy>(p: Profile, far: T, dw: T, sf: T) -> T {
    match p {
        Profile::FarBehind => far,
        Profile::DigitalWorkshop => dw,
        Profile::SmartFactory => sf,
    }
}

/// A 9-character organisation code (GB 11714) with its own check character.
pub(super) fn org_code(rng: &mut Rng) -> String {
    // Newer codes start with MA; older ones are digits.
    const BODY: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut body: Vec<u8> = Vec::with_capacity(9);
    if rng.chance(450) {
        body.extend_from_slice(b"MA");
        for _ in 0..6 {
            body.push(BODY[rng.below(BODY.len() as u64) as usize]);
        }
    } else {
        for _ in 0..8 {
            body.push(b'0' + rng.below(10) as u8);
        }
    }
    const W: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
    let val = |c: u8| -> u32 {
        if c.is_ascii_digit() {
            u32::from(c - b'0')
        } else {
            u32::from(c - b'A') + 10
        }
    };
    let sum: u32 = body.iter().zip(W).map(|(c, w)| val(*c) * w).sum();
    let check = match 11 - sum % 11 {
        10 => b'X',
        11 => b'0',
        d => b'0' + d as u8,
    };
    body.push(check);
    body.into_iter().map(char::from).collect()
}

pub(super) const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
pub(super) const USCC_WEIGHTS: [u64; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Check character of the first 17 characters of a 统一社会信用代码 (GB 32100-2015).
pub(super) fn uscc_check(first17: &str) -> char {
    let sum: u64 = first17
        .bytes()
        .zip(USCC_WEIGHTS)
        .map(|(c, w)| USCC_CHARS.iter().position(|x| *x == c).unwrap_or(0) as u64 * w)
        .sum();
    char::from(USCC_CHARS[((31 - sum % 31) % 31) as usize])
}

/// A valid 18-character code for an enterprise registered in Licheng (350502).
pub(super) fn credit_code(rng: &mut Rng) -> String {
    let first17 = format!("91350502{}", org_code(rng));
    let check = uscc_check(&first17);
    format!("{first17}{check}")
}

pub(super) fn company_name(rng: &mut Rng, t: &Trade, size: Size) -> String {
    let prefix = rng.weighted(&[
        ("泉州市鲤城区", 55),
        ("泉州市", 25),
        ("福建", 12),
        ("泉州", 8),
    ]);
    let mut brand = String::new();
    let n = if rng.chance(800) { 2 } else { 3 };
    for _ in 0..n {
        brand.push_str(rng.pick(BRAND_CHARS));
    }
    let suffix = match size {
        Size::Large => {
            rng.weighted(&[("股份有限公司", 45), ("集团有限公司", 20), ("有限公司", 35)])
        }
        Size::Medium => rng.weighted(&[("有限公司", 85), ("股份有限公司", 15)]),
        Size::Small => rng.weighted(&[("有限公司", 90), ("有限责任公司", 10)]),
    };
    format!("{prefix}{brand}{}{suffix}", t.word)
}

/// Build one valid questionnaire.
/// Who the factory is: the draws every section of the questionnaire depends
/// on, made first and in this order (the order of draws is the sample).
#[derive(Clone, Copy)]
pub(super) struct Firm {
    pub(super) ti: usize,
    pub(super) t: &'static Trade,
    pub(super) sector: Sector,
    pub(super) thorough: bool,
    pub(super) data_year: i32,
    pub(super) online_brand: bool,
    /// Online sales of an online brand, tenths of 万元 (0 for others).
    pub(super) online_t: u64,
    /// Main revenue, tenths of 万元.
    pub(super) revenue_t: u64,
    pub(super) size: Size,
    pub(super) profile: Profile,
    pub(super) employees: u64,
    pub(super) workers: u64,
    /// Industrial output, tenths of 万元.
    pub(super) output_t: u64,
    /// R&D expense, tenths of 万元.
    pub(super) rd_t: u64,
    /// Energy, tce.
    pub(super) energy: u64,
    pub(super) smart_maker: bool,
}

impl Firm {
    /// A chance (‰) or a count by maturity profile.
    fn pm(&self, far: u64, dw: u64, sf: u64) -> u64 {
        profile_pick(self.profile, far, dw, sf)
    }

    /// A range by maturity profile.
    fn pf(&self, far: (u64, u64), dw: (u64, u64), sf: (u64, u64)) -> (u64, u64) {
        profile_pick(self.profile, far, dw, sf)
    }

    /// A year from the data year back by up to `back` years.
    fn year_back(&self, rng: &mut Rng, back: u64) -> i32 {
        self.data_year - rng.range(0, back) as i32
    }
}

/// One fictitious factory: who it is, then each section of the questionnaire.
pub(super) fn factory(rng: &mut Rng) -> (Questionnaire, Meta) {
    let f = firm(rng);
    let mut q = Questionnaire {
        schema_version: 1,
        ..Questionnaire::default()
    };
    for section in SECTIONS {
        section(rng, &f, &mut q);
    }
    one_off_years(&mut q);
    cost_estimates(rng, &mut q);
    let meta = Meta {
        trade: f.ti,
        size: f.size,
        profile: f.profile,
    };
    (q, meta)
}

/// The sections of the questionnaire, in the order they draw.
pub(super) type FillSection = fn(&mut Rng, &Firm, &mut Questionnaire);
pub(super) const SECTIONS: [FillSection; 18] = [
    enterprise,
    equipment,
    robots,
    informatization,
    digital_design,
    results,
    quality,
    self_assessment,
    recognitions,
    tech_recognitions,
    ip_and_brands,
    prizes_and_titles,
    equipment_projects,
    rd_and_spaces,
    purchases,
    ecommerce,
    logistics,
    design_and_listing,
];

/// Trade, year, revenue, size, profile, people, output, R&D and energy.
pub(super) fn firm(rng: &mut Rng) -> Firm {
    let weights: Vec<(usize, u64)> = TRADES
        .iter()
        .enumerate()
        .map(|(i, t)| (i, t.weight))
        .collect();
    let ti = rng.weighted(&weights);
    let t = &TRADES[ti];
    let thorough = rng.chance(600);
    let data_year = rng.weighted(&[
        (2016, 150),
        (2017, 450),
        (2018, 250),
        (2019, 100),
        (2020, 40),
        (2021, 10),
    ]);
    let (online_brand, online_t, revenue_t) = revenue(rng, t);
    let size = if revenue_t < 20_000 {
        Size::Small
    } else if revenue_t < 200_000 {
        Size::Medium
    } else {
        Size::Large
    };
    let profile = profile_of(rng, size);
    let (employees, workers, output_t) = workforce(rng, t, online_brand, size, profile, revenue_t);
    let rd_intensity = profile_pick(profile, (2, 15), (8, 35), (20, 65));
    let rd_t = rng
        .share_of(revenue_t, rd_intensity.0, rd_intensity.1)
        .max(1)
        + if t.sector == El {
            part(revenue_t, 10)
        } else {
            0
        };
    let energy = if t.process {
        rng.share_of(output_t / 10, 150, 900)
    } else {
        rng.share_of(output_t / 10, 15, 90)
    }
    .max(1);
    let smart_maker = rng.chance(t.smart_maker);
    Firm {
        ti,
        t,
        sector: t.sector,
        thorough,
        data_year,
        online_brand,
        online_t,
        revenue_t,
        size,
        profile,
        employees,
        workers,
        output_t,
        rd_t,
        energy,
        smart_maker,
    }
}

/// Whether the firm is an online brand, its online sales and its revenue
/// (tenths of 万元). Online-retail archetypes decide the revenue of online brands.
pub(super) fn revenue(rng: &mut Rng, t: &Trade) -> (bool, u64, u64) {
    let online_brand = match t.sector {
        Tx => rng.chance(130),
        El => rng.chance(50),
        Ot => (!t.process && rng.chance(40)) || (t.word == "食品" && rng.chance(80)),
        _ => false,
    };
    if !online_brand {
        return (false, 0, offline_revenue(rng, t.sector));
    }
    let (lo, hi) = rng.weighted(&[
        ((2000, 2799), 25),
        ((2800, 2999), 20),
        ((3000, 3199), 20),
        ((3200, 6000), 25),
        ((6000, 15000), 10),
    ]);
    let online_t = rng.range(lo, hi) * 10;
    let share = rng.weighted(&[((300, 499), 25), ((500, 520), 15), ((521, 900), 60)]);
    let share = rng.range(share.0, share.1);
    (true, online_t, online_t * 1000 / share)
}

/// Revenue of a factory that is not an online brand, tenths of 万元: a size
/// by sector, then a band within the size.
pub(super) fn offline_revenue(rng: &mut Rng, sector: Sector) -> u64 {
    let size = rng.weighted(&match sector {
        Tx => [(Size::Small, 40), (Size::Medium, 42), (Size::Large, 18)],
        El => [(Size::Small, 30), (Size::Medium, 45), (Size::Large, 25)],
        Ma => [(Size::Small, 35), (Size::Medium, 45), (Size::Large, 20)],
        Pa => [(Size::Small, 40), (Size::Medium, 45), (Size::Large, 15)],
        Ot => [(Size::Small, 40), (Size::Medium, 42), (Size::Large, 18)],
    });
    let bands: &[(u64, u64)] = match size {
        Size::Small => &[(300, 800), (800, 1400), (1400, 1999), (1800, 1999)],
        Size::Medium => &[(2000, 2400), (2400, 4000), (4000, 8000), (8000, 19999)],
        Size::Large => &[
            (20000, 40000),
            (40000, 80000),
            (80000, 160000),
            (160000, 320000),
        ],
    };
    let (lo, hi) = rng.pick(bands);
    if size == Size::Small {
        rng.range(lo * 10, hi * 10 + 9)
    } else {
        rng.range(lo, hi) * 10
    }
}

/// Maturity profile: larger firms are more often advanced.
pub(super) fn profile_of(rng: &mut Rng, size: Size) -> Profile {
    rng.weighted(&match size {
        Size::Small => [
            (Profile::FarBehind, 70),
            (Profile::DigitalWorkshop, 25),
            (Profile::SmartFactory, 5),
        ],
        Size::Medium => [
            (Profile::FarBehind, 45),
            (Profile::DigitalWorkshop, 40),
            (Profile::SmartFactory, 15),
        ],
        Size::Large => [
            (Profile::FarBehind, 20),
            (Profile::DigitalWorkshop, 45),
            (Profile::SmartFactory, 35),
        ],
    })
}

/// Employees, production workers and output (tenths of 万元), from a
/// productivity p in 万元 per person.
pub(super) fn workforce(
    rng: &mut Rng,
    t: &Trade,
    online_brand: bool,
    size: Size,
    profile: Profile,
    revenue_t: u64,
) -> (u64, u64, u64) {
    let (plo, phi) = match t.sector {
        Tx => (10, 45),
        El => (20, 110),
        Ma => (18, 90),
        Pa => (15, 80),
        Ot => (15, 90),
    };
    let (plo, phi) = if online_brand {
        // Production is mostly outsourced.
        (40, 200)
    } else if t.process {
        (plo * 14 / 10, phi * 14 / 10)
    } else {
        (plo, phi)
    };
    let (ulo, uhi) = profile_pick(profile, (0, 500), (200, 750), (450, 1000));
    let uhi = if size == Size::Small {
        uhi.min(700)
    } else {
        uhi
    };
    let p = plo + part(phi - plo, rng.range(ulo, uhi.max(ulo)));
    let revenue_wan = revenue_t / 10;
    let mut employees = (revenue_wan / p.max(1)).clamp(5, 30_000);
    let output_t = rng.share_of(revenue_t, 900, 1080);
    // Keep output per employee inside the plausible 5–500 万元 band.
    let per = output_t / 10 / employees;
    if !(6..=450).contains(&per) {
        employees = (output_t / 10 / 40).max(5);
    }
    let workers_share = if online_brand {
        (300, 600)
    } else if t.sector == El {
        (500, 800)
    } else {
        (550, 880)
    };
    let workers = rng
        .share_of(employees, workers_share.0, workers_share.1)
        .clamp(1, employees);
    (employees, workers, output_t)
}

/// Who the firm is, its people, output, R&D and energy (enterprise.*).
pub(super) fn enterprise(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        t,
        sector,
        thorough,
        data_year,
        revenue_t,
        size,
        employees,
        workers,
        output_t,
        rd_t,
        energy,
        smart_maker,
        ..
    } = *f;
    let mode = if f.t.process {
        ProductionMode::Process
    } else {
        ProductionMode::Discrete
    };
    let e = &mut q.enterprise;
    e.name = company_name(rng, t, size);
    e.credit_code = opt(rng.chance(940), credit_code(rng));
    e.sector = sector;
    e.production_mode = mode;
    e.above_designated_size = opt(rng.chance(950), revenue_t >= 20_000);
    e.data_year = data_year;
    e.headquartered_in_district = rng.weighted(&[(Some(true), 88), (Some(false), 7), (None, 5)]);
    e.main_revenue_wan = Some(wan_t(revenue_t));
    e.industrial_output_wan = opt(rng.chance(970), wan_t(output_t));
    e.employees = Some(employees as u32);
    e.production_workers = opt(rng.chance(960), workers as u32);
    e.rd_expense_wan = opt(rng.chance(900), wan_t(rd_t));
    e.energy_tce = opt(rng.chance(880), wan_n(energy));
    e.new_tax_district_retained_wan = if rng.chance(780) {
        Some(if rng.chance(50) {
            Wan::ZERO
        } else {
            wan_t(rng.share_of(revenue_t, 1, 4).max(1))
        })
    } else {
        None
    };
    e.smart_equipment_maker = flag(smart_maker, thorough, rng);
}

/// Key machines, production machines and key processes (equipment.*).
pub(super) fn equipment(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        t,
        size,
        profile,
        employees,
        ..
    } = *f;
    // Equipment.
    // Key machines per 100 employees: more in capital-intensive trades.
    let key_total = rng
        .share_of(employees, if t.process { 40 } else { 60 }, 300)
        .max(3);
    let (clo, chi) = f.pf((80, 560), (640, 880), (780, 985));
    let cnc_ratio = rng.range(clo, chi);
    let prod_total = part(key_total, rng.range(2000, 6000));
    let (dlo, dhi) = f.pf((80, 450), (400, 780), (650, 960));
    let digital = rng.share_of(prod_total, dlo, dhi);
    let (nlo, nhi) = f.pf((30, 420), (430, 780), (650, 970));
    let networked = rng.share_of(digital, nlo, nhi);
    let kp = match size {
        Size::Small => rng.range(3, 10),
        Size::Medium => rng.range(6, 24),
        Size::Large => rng.range(10, 40),
    };
    let (alo, ahi) = f.pf((50, 450), (400, 800), (650, 1000));
    let automated = rng.share_of(kp, alo, ahi);
    let plc = if t.process {
        part(kp, cnc_ratio)
    } else {
        rng.share_of(kp, 0, profile_pick(profile, 300, 600, 900))
    };
    let adc = match profile {
        Profile::FarBehind => rng.share_of(kp, 0, 300),
        Profile::DigitalWorkshop if rng.chance(600) => kp,
        Profile::DigitalWorkshop => rng.share_of(kp, 600, 950),
        Profile::SmartFactory if rng.chance(850) => kp,
        Profile::SmartFactory => rng.share_of(kp, 800, 950),
    };
    let eq = &mut q.equipment;
    let has_equipment = rng.chance(970);
    eq.key_equipment_total = opt(has_equipment, key_total as u32);
    eq.key_equipment_cnc = opt(has_equipment, part(key_total, cnc_ratio) as u32);
    let has_prod = rng.chance(930);
    eq.production_equipment_total = opt(has_prod, prod_total as u32);
    eq.production_equipment_digital = opt(has_prod, digital as u32);
    eq.production_equipment_networked = opt(has_prod, networked as u32);
    let has_kp = rng.chance(940);
    eq.key_processes_total = opt(has_kp, kp as u32);
    eq.key_processes_automated = opt(has_kp, automated.min(kp) as u32);
    eq.key_processes_plc_dcs = opt(has_kp, plc.min(kp) as u32);
    eq.key_processes_auto_data_collection = opt(has_kp, adc.min(kp) as u32);
}

/// Industrial robots (robots.*).
pub(super) fn robots(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        t,
        sector,
        profile,
        workers,
        ..
    } = *f;
    // Robots: density per 10,000 production workers, capped well below the plausibility line.
    let density = if t.process {
        rng.range(0, profile_pick(profile, 40, 90, 160))
    } else {
        let (lo, hi) = f.pf((0, 40), (20, 170), (90, 520));
        let d = rng.range(lo, hi);
        if matches!(sector, El | Ma) {
            d * 3 / 2
        } else {
            d
        }
    };
    q.robots.industrial_robots = opt(
        rng.chance(950),
        (workers * density.min(2500) + 5_000) / 10_000,
    )
    .map(|r| r as u32);
}

/// Systems in use and their integrations (informatization.*).
pub(super) fn informatization(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm { t, thorough, .. } = *f;
    // Information systems.
    let process_bonus = if t.process { 400 } else { 0 };
    let candidates = [
        (System::Erp, f.pm(650, 970, 1000)),
        (System::Mes, f.pm(80, 880, 970)),
        (System::Plm, f.pm(30, 400, 880)),
        (
            System::Scada,
            f.pm(40 + process_bonus / 2, 350 + process_bonus, 900),
        ),
        (System::Wms, f.pm(150, 500, 750)),
        (System::Aps, f.pm(10, 200, 550)),
        (System::Qms, f.pm(50, 400, 700)),
        (
            System::Ems,
            f.pm(20 + process_bonus / 4, 250 + process_bonus / 2, 600),
        ),
        (System::Crm, f.pm(150, 400, 600)),
        (System::Srm, f.pm(20, 200, 450)),
    ];
    let systems: Vec<System> = candidates
        .iter()
        .filter(|(_, p)| rng.chance(*p))
        .map(|(s, _)| *s)
        .collect();
    let pairs = [
        [System::Erp, System::Mes],
        [System::Mes, System::Scada],
        [System::Plm, System::Erp],
        [System::Mes, System::Equipment],
        [System::Erp, System::Wms],
        [System::Mes, System::Wms],
        [System::Mes, System::Aps],
        [System::Mes, System::Qms],
        [System::Scada, System::Ems],
        [System::Erp, System::Crm],
        [System::Erp, System::Srm],
        [System::Scada, System::Equipment],
    ];
    let integ_p = f.pm(200, 550, 880);
    let integrations: Vec<[System; 2]> = pairs
        .iter()
        .filter(|pair| {
            pair.iter()
                .all(|s| *s == System::Equipment || systems.contains(s))
        })
        .filter(|_| rng.chance(integ_p))
        .copied()
        .collect();
    if rng.chance(970) {
        q.informatization.systems = Some(systems);
        q.informatization.integrations = if integrations.is_empty() && !thorough && rng.chance(500)
        {
            None
        } else {
            Some(integrations)
        };
    }
    q.informatization.gbt23001_certified = flag(rng.chance(f.pm(10, 100, 350)), thorough, rng);
}

/// Design tools and the share of digital design work (digital_design.*).
pub(super) fn digital_design(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    // Digital design.
    let tools: Vec<DesignTool> = [
        (DesignTool::Cad, f.pm(800, 950, 1000)),
        (DesignTool::Cae, f.pm(50, 300, 650)),
        (DesignTool::Capp, f.pm(100, 300, 550)),
        (DesignTool::Cam, f.pm(100, 400, 700)),
        (DesignTool::Pdm, f.pm(30, 300, 750)),
    ]
    .iter()
    .filter(|(_, p)| rng.chance(*p))
    .map(|(s, _)| *s)
    .collect();
    if rng.chance(920) {
        q.digital_design.tools = Some(tools);
        let (lo, hi) = f.pf((100, 600), (500, 900), (800, 1000));
        q.digital_design.design_work_digital_pct =
            opt(rng.chance(850), pct(rng.range(lo, hi) as i64 / 10 * 10));
    }
}

/// 三降两升 against a baseline year (results.*).
pub(super) fn results(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        data_year, profile, ..
    } = *f;
    // Results (三降两升) against a baseline year.
    if rng.chance(f.pm(650, 800, 900)) {
        let r = &mut q.results;
        r.baseline_year = Some(data_year - rng.range(1, 3) as i32);
        let met = profile == Profile::SmartFactory && rng.chance(700);
        let (oc, rd, pe, dr, eu) = if met {
            (
                (-350, -200),
                (-400, -200),
                (200, 450),
                (-300, -100),
                (40, 120),
            )
        } else if profile == Profile::FarBehind {
            ((-80, 20), (-100, 0), (0, 120), (-60, 10), (0, 30))
        } else {
            ((-180, -50), (-220, -50), (80, 250), (-120, -30), (10, 60))
        };
        // Whole percentages mostly; one decimal now and then.
        let v = |rng: &mut Rng, (lo, hi): (i64, i64)| {
            let x = rng.irange(lo, hi);
            pct(if rng.chance(700) { x / 10 * 10 } else { x })
        };
        r.operating_cost_change_pct = Some(v(rng, oc));
        r.rd_cycle_change_pct = opt(rng.chance(900), v(rng, rd));
        r.production_efficiency_change_pct = Some(v(rng, pe));
        r.defect_rate_change_pct = Some(v(rng, dr));
        r.energy_utilisation_change_pct = opt(rng.chance(900), v(rng, eu));
    }
}

/// Spot-check pass rates (quality.*).
pub(super) fn quality(rng: &mut Rng, _: &Firm, q: &mut Questionnaire) {
    // Quality.
    if rng.chance(750) {
        q.quality.national_spot_check_pass_pct =
            opt(rng.chance(800), pct(rng.range(880, 1000) as i64));
        q.quality.provincial_spot_check_pass_pct =
            opt(rng.chance(900), pct(rng.range(900, 1000) as i64));
    }
}

/// Self-assessed CMMM domain levels (self_assessment.*).
pub(super) fn self_assessment(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm { profile, .. } = *f;
    // Self-assessment (CMMM domains).
    if rng.chance(920) {
        let base: i64 = f.pm(1, 2, 3) as i64;
        let deltas: [(i64, u64); 3] = match profile {
            Profile::FarBehind => [(-1, 20), (0, 65), (1, 15)],
            Profile::DigitalWorkshop => [(-1, 25), (0, 60), (1, 15)],
            Profile::SmartFactory => [(-1, 15), (0, 65), (1, 20)],
        };
        let next_w: [(NextLevelFit, u64); 3] = match profile {
            Profile::FarBehind => [
                (NextLevelFit::Most, 20),
                (NextLevelFit::Part, 45),
                (NextLevelFit::None, 35),
            ],
            Profile::DigitalWorkshop => [
                (NextLevelFit::Most, 35),
                (NextLevelFit::Part, 45),
                (NextLevelFit::None, 20),
            ],
            Profile::SmartFactory => [
                (NextLevelFit::Most, 55),
                (NextLevelFit::Part, 35),
                (NextLevelFit::None, 10),
            ],
        };
        let partial = rng.chance(80);
        let s = &mut q.self_assessment;
        for slot in [
            &mut s.strategy,
            &mut s.personnel_skills,
            &mut s.data,
            &mut s.integration,
            &mut s.information_security,
            &mut s.equipment,
            &mut s.network,
            &mut s.design,
            &mut s.production,
            &mut s.logistics,
            &mut s.sales,
            &mut s.service,
        ] {
            if partial && rng.chance(200) {
                continue;
            }
            let level = (base + rng.weighted(&deltas)).clamp(0, 5) as u8;
            let next = if level == 5 {
                NextLevelFit::None
            } else {
                rng.weighted(&next_w)
            };
            *slot = Some(DomainRating { level, next });
        }
    }
}

/// Recognitions of the factory and its demonstrations (recognitions.*).
pub(super) fn recognitions(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector,
        thorough,
        size,
        profile,
        ..
    } = *f;
    // Recognitions.
    let rec = &mut q.recognitions;
    rec.smart_factory_year = if rng.chance(f.pm(0, 0, 220)) {
        Some(f.year_back(rng, 2))
    } else {
        None
    };
    rec.digital_workshop_year = if rng.chance(f.pm(5, 200, 350)) {
        Some(f.year_back(rng, 2))
    } else {
        None
    };
    let demo_p = match sector {
        Ma => 200,
        Pa => 150,
        _ => 50,
    } * if profile == Profile::SmartFactory {
        2
    } else {
        1
    };
    rec.cnc_generation_demo_enterprise = flag(rng.chance(demo_p), thorough, rng);
    let big_tech = matches!(sector, El | Ma) && size == Size::Large;
    rec.public_tech_platform_with_city_funds =
        flag(rng.chance(if big_tech { 80 } else { 15 }), thorough, rng);
    rec.new_research_institution = flag(rng.chance(10), thorough, rng);
}

/// Technology centres, design centre and demonstration titles (recognitions.*).
pub(super) fn tech_recognitions(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector,
        thorough,
        size,
        smart_maker,
        ..
    } = *f;
    let rec = &mut q.recognitions;
    if rng.chance(if size == Size::Large { 350 } else { 110 }) {
        let n = rng.weighted(&[(1, 80), (2, 20)]);
        let mut v = Vec::new();
        for _ in 0..n {
            let level = if size == Size::Large {
                rng.weighted(&[
                    (Level::Municipal, 50),
                    (Level::Provincial, 35),
                    (Level::National, 15),
                ])
            } else {
                rng.weighted(&[(Level::Municipal, 75), (Level::Provincial, 25)])
            };
            v.push(TechCenter {
                kind: rng.weighted(&[
                    (CenterKind::EnterpriseTechCenter, 80),
                    (CenterKind::EngineeringResearchCenter, 20),
                ]),
                level,
                year: opt(rng.chance(900), f.year_back(rng, 5)),
            });
        }
        rec.tech_centers = Some(v);
    } else if thorough {
        rec.tech_centers = Some(vec![]);
    }
    if rng.chance(if sector == Tx { 50 } else { 20 }) {
        rec.industrial_design_center = Some(LeveledRecognition {
            level: rng.weighted(&[
                (Level::Municipal, 70),
                (Level::Provincial, 25),
                (Level::National, 5),
            ]),
            year: opt(rng.chance(900), f.year_back(rng, 3)),
        });
    }
    rec.business_model_innovation_demo = flag(rng.chance(30), thorough, rng);
    rec.service_manufacturing_demo = flag(
        rng.chance(if smart_maker { 120 } else { 25 }),
        thorough,
        rng,
    );
}

/// Patents, patent prizes and standards (ip_and_brands.*).
pub(super) fn ip_and_brands(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector, thorough, ..
    } = *f;
    // IP, standards, brands, prizes (data year).
    let ip = &mut q.ip_and_brands;
    let patents = match sector {
        El | Ma | Pa if rng.chance(f.pm(200, 400, 650)) => rng.range(1, f.pm(3, 8, 20)),
        Tx | Ot if rng.chance(f.pm(50, 120, 250)) => rng.range(1, 3),
        _ => 0,
    };
    ip.invention_patents_granted = if patents > 0 || thorough {
        Some(patents as u32)
    } else {
        None
    };
    let mut prizes = Vec::new();
    if rng.chance(40) {
        prizes.push(rng.weighted(&[
            (PatentPrize::MunicipalSecond, 30),
            (PatentPrize::MunicipalFirst, 20),
            (PatentPrize::MunicipalMajor, 8),
            (PatentPrize::ProvincialSecond, 15),
            (PatentPrize::ProvincialFirst, 10),
            (PatentPrize::ProvincialSpecial, 4),
            (PatentPrize::ChinaExcellence, 8),
            (PatentPrize::ChinaDesignGold, 3),
            (PatentPrize::ChinaGold, 2),
        ]));
    }
    ip.patent_prizes = list_or_empty(prizes, thorough);
    let mut standards = Vec::new();
    if rng.chance(f.pm(30, 80, 200)) {
        for _ in 0..rng.weighted(&[(1, 70), (2, 22), (3, 8)]) {
            standards.push(rng.weighted(&[
                (StandardRole::Local, 25),
                (StandardRole::Industry, 35),
                (StandardRole::National, 25),
                (StandardRole::International, 10),
                (StandardRole::InternationalLead, 5),
            ]));
        }
    }
    ip.standards = list_or_empty(standards, thorough);
}

/// Brand titles and quality prizes (ip_and_brands.*).
pub(super) fn prizes_and_titles(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector, thorough, ..
    } = *f;
    let ip = &mut q.ip_and_brands;
    let mut brands = Vec::new();
    if rng.chance(if sector == Tx { 120 } else { 50 }) {
        brands.push(rng.weighted(&[
            (BrandTitle::ProvincialFamousTrademark, 40),
            (BrandTitle::ProvincialFamousBrandProduct, 40),
            (BrandTitle::ChinaWellKnownTrademark, 12),
            (BrandTitle::ChinaFamousBrandProduct, 8),
        ]));
    }
    ip.brand_titles = list_or_empty(brands, thorough);
    let mut qp = Vec::new();
    if rng.chance(30) {
        qp.push(rng.weighted(&[
            (QualityPrize::QuanzhouQualityAward, 75),
            (QualityPrize::FujianQualityAward, 25),
        ]));
    }
    ip.quality_prizes = list_or_empty(qp, thorough);
}

/// Smart-equipment R&D, first sets and demonstration lines (projects.*).
pub(super) fn equipment_projects(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        t,
        thorough,
        profile,
        smart_maker,
        ..
    } = *f;
    // Projects.
    let pr = &mut q.projects;
    let rd_dev = smart_maker && rng.chance(600);
    pr.smart_equipment_rd = flag(rd_dev, thorough, rng);
    pr.smart_equipment_rd_supported_by_province_or_city = if rd_dev {
        Some(rng.chance(400))
    } else {
        no(thorough, rng)
    };
    if smart_maker && rng.chance(120) {
        pr.first_set_equipment = Some(vec![FirstSetEquipment {
            name: format!("{}首台(套)", t.product_zh),
            scope: rng.weighted(&[
                (FirstSetScope::Domestic, 30),
                (FirstSetScope::Provincial, 70),
            ]),
            recognised_by_province: rng.chance(800),
            sale_price_wan: opt(rng.chance(950), wan_n(rng.range(200, 3000))),
            development_cost_wan: opt(rng.chance(900), wan_n(rng.range(100, 1500))),
            major_innovation_recognised: rng.chance(400),
            recognition_year: None,
        }]);
    } else if thorough {
        pr.first_set_equipment = Some(vec![]);
    }
    if profile != Profile::FarBehind && rng.chance(80) {
        pr.demo_lines = Some(vec![DemoLineProject {
            name: format!("{}智能化生产线示范项目", t.product_zh),
            with_research_institute: rng.chance(600),
            listed_as_key_demo: rng.chance(500),
            investment_wan: opt(rng.chance(950), wan_n(rng.range(500, 8000))),
            listed_year: None,
        }]);
    } else if thorough {
        pr.demo_lines = Some(vec![]);
    }
}

/// Major CNC projects, R&D accounting, maker spaces, platforms (projects.*).
pub(super) fn rd_and_spaces(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector,
        thorough,
        size,
        rd_t,
        smart_maker,
        ..
    } = *f;
    let pr = &mut q.projects;
    let major = if (smart_maker || sector == El) && rng.chance(150) {
        rng.range(1, 2)
    } else {
        0
    };
    pr.major_cnc_rd_projects = if major > 0 || thorough {
        Some(major as u32)
    } else {
        None
    };
    if q.enterprise.rd_expense_wan.is_some() && rng.chance(800) {
        pr.rd_expensed_wan = Some(wan_t(rng.share_of(rd_t, 700, 1000)));
        pr.rd_intangible_cost_wan = if rng.chance(300) {
            Some(wan_t(rng.share_of(rd_t, 10, 300)))
        } else if thorough {
            Some(Wan::ZERO)
        } else {
            None
        };
    }
    if rng.chance(15) {
        pr.maker_space = Some(MakerSpace {
            area_m2: opt(rng.chance(950), wan_n(rng.range(200, 2000))),
            investment_wan: opt(rng.chance(950), wan_n(rng.range(150, 900))),
            operating_well: opt(rng.chance(900), rng.chance(700)),
            evaluated_year: None,
        });
    }
    pr.ecommerce_platform_docking = flag(
        sector == Tx && size == Size::Large && rng.chance(150),
        thorough,
        rng,
    );
    if rng.chance(5) {
        pr.online_business_park =
            Some(rng.weighted(&[(ParkRole::Branch, 70), (ParkRole::Central, 30)]));
    }
}

/// Purchases of local 数控一代 products (purchases.*).
pub(super) fn purchases(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        t,
        sector,
        thorough,
        size,
        ..
    } = *f;
    // Purchases of local 数控一代 products, spread over the 1–10 / 11–50 / 51–100 / >100 bands.
    let buys = rng.chance(match sector {
        Ma | Pa => 450,
        Tx => 400,
        _ => 300,
    });
    if buys {
        let bands: &[((u64, u64), u64)] = match size {
            Size::Small => &[((1, 10), 80), ((11, 50), 20)],
            Size::Medium => &[
                ((1, 10), 45),
                ((11, 50), 40),
                ((51, 100), 12),
                ((101, 160), 3),
            ],
            Size::Large => &[
                ((1, 10), 25),
                ((11, 50), 35),
                ((51, 100), 25),
                ((101, 250), 15),
            ],
        };
        let (lo, hi) = rng.weighted(bands);
        let units = if rng.chance(150) {
            // Band edges, where the rate changes.
            rng.pick(&[10, 11, 50, 51, 100, 101].map(|u| u.clamp(lo, hi)))
        } else {
            rng.range(lo, hi)
        };
        let price_t = rng.range(t.unit_price_wan.0 * 10, t.unit_price_wan.1 * 10);
        q.purchases.cnc_generation_units = Some(units as u32);
        q.purchases.cnc_generation_invoice_ex_tax_wan =
            opt(rng.chance(970), wan_t(units * price_t));
    } else if thorough {
        q.purchases.cnc_generation_units = Some(0);
        q.purchases.cnc_generation_invoice_ex_tax_wan = Some(Wan::ZERO);
    }
}

/// Online sales and cross-border logistics (ecommerce.*).
pub(super) fn ecommerce(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector,
        thorough,
        online_brand,
        online_t,
        revenue_t,
        size,
        ..
    } = *f;
    // E-commerce.
    let ec = &mut q.ecommerce;
    let total_sales_t = rng.share_of(revenue_t, 980, 1050).max(online_t);
    if online_brand {
        ec.original_online_brand = Some(true);
        ec.registered_and_settled_in_quanzhou = Some(rng.chance(900));
        ec.traditional_brand = no(thorough, rng);
        ec.online_sales_wan = Some(wan_t(online_t));
        ec.online_sales_incl_distribution_wan = opt(
            rng.chance(800),
            wan_t(rng.share_of(online_t, 1000, 1150).min(total_sales_t)),
        );
        ec.total_sales_wan = Some(wan_t(total_sales_t));
    } else {
        let traditional = size != Size::Small && rng.chance(if sector == Tx { 400 } else { 80 });
        let sells_online = traditional || rng.chance(if sector == Tx { 250 } else { 120 });
        if sells_online {
            let incl = if traditional && size == Size::Large && rng.chance(300) {
                // Around the 1亿 line of the O2O award.
                rng.range(85_000, 125_000).min(part(total_sales_t, 600))
            } else {
                rng.share_of(total_sales_t, 20, 350)
            };
            ec.original_online_brand = no(thorough, rng);
            ec.registered_and_settled_in_quanzhou = Some(rng.chance(850));
            ec.traditional_brand = Some(traditional);
            ec.online_sales_wan = Some(wan_t(rng.share_of(incl, 450, 900)));
            ec.online_sales_incl_distribution_wan = Some(wan_t(incl));
            ec.total_sales_wan = Some(wan_t(total_sales_t));
        } else if thorough {
            ec.original_online_brand = Some(false);
            ec.traditional_brand = Some(false);
            ec.online_sales_wan = Some(Wan::ZERO);
            ec.total_sales_wan = Some(wan_t(total_sales_t));
        }
    }
    let sells_online = ec.online_sales_wan.is_some_and(|v| !v.is_zero());
    if sells_online && rng.chance(if online_brand { 250 } else { 80 }) {
        let (lo, hi) = rng.weighted(&[((30, 170), 40), ((170, 230), 30), ((230, 600), 30)]);
        ec.cross_border_logistics_cost_wan = Some(wan_n(rng.range(lo, hi)));
    } else if thorough {
        ec.cross_border_logistics_cost_wan = Some(Wan::ZERO);
    }
}

/// Logistics ratings, warehouses, guarantees (logistics.*).
pub(super) fn logistics(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm { thorough, .. } = *f;
    // Logistics (rare for manufacturers: own logistics arms, warehouses).
    let lg = &mut q.logistics;
    if rng.chance(20) {
        let r = rng.weighted(&[
            (LogisticsRating::A3, 50),
            (LogisticsRating::A4, 35),
            (LogisticsRating::A5, 15),
        ]);
        lg.rating = Some(r);
        lg.previous_rating = match r {
            LogisticsRating::A3 => None,
            LogisticsRating::A4 => rng.weighted(&[(None, 50), (Some(LogisticsRating::A3), 50)]),
            LogisticsRating::A5 => rng.weighted(&[
                (None, 30),
                (Some(LogisticsRating::A4), 50),
                (Some(LogisticsRating::A3), 20),
            ]),
        };
    }
    if rng.chance(15) {
        lg.warehouses = Some(vec![Warehouse {
            area_m2: wan_n(rng.range(6_000, 30_000)),
            ecommerce_clients_in_district: rng.range(1, 12) as u32,
            investment_wan: wan_n(rng.range(800, 6_000)),
            built_year: None,
        }]);
    } else if thorough {
        lg.warehouses = Some(vec![]);
    }
    if rng.chance(5) {
        lg.receipt_guarantee_balance_wan = Some(wan_n(rng.range(500, 5_000)));
    }
}

/// Industrial design (design.*) and listing (listing.*).
pub(super) fn design_and_listing(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
    let Firm {
        sector,
        thorough,
        size,
        ..
    } = *f;
    // Industrial design.
    let d = &mut q.design;
    let design_p = if matches!(sector, Tx | Ot) { 30 } else { 10 };
    let hosted = if rng.chance(10) { 1 } else { 0 };
    d.competitions_hosted = if hosted > 0 || thorough {
        Some(hosted)
    } else {
        None
    };
    let mut dp = Vec::new();
    if rng.chance(design_p) {
        dp.push(rng.weighted(&[
            (DesignPrize::Third, 50),
            (DesignPrize::Second, 30),
            (DesignPrize::First, 20),
        ]));
    }
    d.competition_prizes = list_or_empty(dp, thorough);
    let ws = if rng.chance(10) {
        rng.range(1, 3) as u32
    } else {
        0
    };
    d.student_workshops = if ws > 0 || thorough { Some(ws) } else { None };
    let tr = if rng.chance(design_p) { 1 } else { 0 };
    d.design_transfer_demo_projects = if tr > 0 || thorough { Some(tr) } else { None };

    // Listing.
    let list_p = match size {
        Size::Large => 80,
        Size::Medium => 30,
        Size::Small => 10,
    };
    if rng.chance(list_p) {
        q.listing.venue = Some(match size {
            Size::Large => rng.weighted(&[(ListingVenue::Ipo, 60), (ListingVenue::Neeq, 40)]),
            Size::Medium => {
                rng.weighted(&[(ListingVenue::Neeq, 60), (ListingVenue::HaixiaQuanzhou, 40)])
            }
            Size::Small => ListingVenue::HaixiaQuanzhou,
        });
        // 二(六)2 pays CNC / smart-manufacturing enterprises only: a maker of smart
        // equipment or a 数控一代 demonstration enterprise is one (no random draw,
        // so the rest of the sample is unchanged).
        q.enterprise.cnc_smart_manufacturing_enterprise = Some(
            q.enterprise.smart_equipment_maker == Some(true)
                || q.recognitions.cnc_generation_demo_enterprise == Some(true),
        );
    }
}

/// Unit costs the firm gave for upgrade actions (cost_estimates.*).
pub(super) fn cost_estimates(rng: &mut Rng, q: &mut Questionnaire) {
    if rng.chance(400) {
        let c = &mut q.cost_estimates;
        c.cnc_unit_wan = opt(rng.chance(900), wan_n(rng.range(8, 60)));
        c.robot_wan = opt(rng.chance(800), wan_n(rng.range(18, 45)));
        c.network_connection_wan = opt(rng.chance(800), wan_t(rng.range(3, 15)));
    }
}

/// One-off grants need the year of the recognition, listing, evaluation or
/// build (a missing year is missing data): a sample states it as the data
/// year for what it has. No random draw, so the rest of a sample is unchanged.
pub(super) fn one_off_years(q: &mut Questionnaire) {
    let y = Some(q.enterprise.data_year);
    let when = |has: bool| if has { y } else { None };
    let r = &mut q.recognitions;
    r.public_tech_platform_year = when(r.public_tech_platform_with_city_funds == Some(true));
    r.new_research_institution_year = when(r.new_research_institution == Some(true));
    r.business_model_innovation_demo_year = when(r.business_model_innovation_demo == Some(true));
    r.service_manufacturing_demo_year = when(r.service_manufacturing_demo == Some(true));
    let p = &mut q.projects;
    for f in p.first_set_equipment.iter_mut().flatten() {
        f.recognition_year = when(f.recognised_by_province || f.major_innovation_recognised);
    }
    for d in p.demo_lines.iter_mut().flatten() {
        d.listed_year = when(d.listed_as_key_demo);
    }
    if let Some(m) = p.maker_space.as_mut() {
        m.evaluated_year = when(m.operating_well.is_some());
    }
    p.online_business_park_year = when(p.online_business_park.is_some());
    for w in q.logistics.warehouses.iter_mut().flatten() {
        w.built_year = y;
    }
    let d = &mut q.design;
    d.design_transfer_demo_year = when(d.design_transfer_demo_projects.unwrap_or(0) > 0);
}

//! Synthetic questionnaires (合成问卷样本) for bureau-screening tests and benchmarks.
//!
//! [`sample`] turns a `(seed, index)` pair into one questionnaire file: a
//! fictitious Licheng factory with plausible, mutually consistent figures.
//! The generator covers the five policy sectors (textile/footwear/apparel
//! most often, as in Licheng), small non-规上 firms to large groups, discrete
//! and process plants, three maturity profiles (far behind / digital-workshop
//! level / smart-factory level) and the facts the subsidy tracks look at
//! (local 数控一代 purchases in every unit band, online brands around the
//! 3,000万 line, recognitions, patents, standards, listings, logistics
//! ratings, technology centres…).
//!
//! **Determinism.** Every file depends only on `(seed, index, invalid_share)`:
//! a small self-contained PRNG (splitmix64) is seeded from the seed, the index
//! and a stream number, and the generator uses integer arithmetic (plus exact
//! f64 division by 10 for percentages), so the text is byte-identical whatever
//! the thread count, the file count or the platform. Whether a file is
//! invalid is decided by its own stream, so raising `invalid_share` only turns
//! more files invalid; the valid ones do not change.
//!
//! **Invalid files.** A share of files is broken on purpose, the way real
//! submissions break: a YAML syntax error, a misspelt field name, `85%` in a
//! number field, a consistency error (a part larger than its whole…), an
//! empty file, a file that is not YAML at all, a credit code with a wrong
//! check character, an unknown enum value, a missing required field. Each
//! fails [`crate::input::from_bytes`] with at least one error.

use crate::money::Wan;
use crate::questionnaire::{
    BrandTitle, CenterKind, DemoLineProject, DesignPrize, DesignTool, DomainRating,
    FirstSetEquipment, FirstSetScope, Level, LeveledRecognition, ListingVenue, LogisticsRating,
    MakerSpace, NextLevelFit, ParkRole, PatentPrize, ProductionMode, QualityPrize, Questionnaire,
    Sector, StandardRole, System, TechCenter, Warehouse,
};
use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;
use std::path::Path;

/// Options of [`write_samples`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleOptions {
    /// How many files to write (indices `0..count`).
    pub count: usize,
    /// Seed: the same seed always gives the same files.
    pub seed: u64,
    /// Share of deliberately invalid files, 0.0–1.0.
    pub invalid_share: f64,
}

/// File name and text of sample `index`.
///
/// `invalid_share` outside 0.0–1.0 is clamped (NaN counts as 0).
pub fn sample(seed: u64, index: usize, invalid_share: f64) -> (String, String) {
    let s = generate(seed, index, invalid_share);
    (s.file_name, s.text)
}

/// Write `count` files into `dir` (created if missing), in parallel with rayon; returns how many were invalid.
///
/// An `invalid_share` outside 0.0–1.0 (or NaN) is an `InvalidInput` error.
pub fn write_samples(dir: &Path, opts: &SampleOptions) -> std::io::Result<usize> {
    let share = opts.invalid_share;
    if !(0.0..=1.0).contains(&share) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("invalid share {share} is not between 0 and 1"),
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
    (0..opts.count)
        .into_par_iter()
        .map(|i| {
            let s = generate(opts.seed, i, share);
            let path = dir.join(&s.file_name);
            std::fs::write(&path, s.text.as_bytes()).map_err(|e| with_path(e, &path))?;
            Ok(usize::from(s.invalid.is_some()))
        })
        .try_reduce(|| 0, |a, b| Ok(a + b))
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

// ---------------------------------------------------------------------------
// PRNG

const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64, one independent stream per (seed, index, stream).
#[derive(Debug, Clone)]
struct Rng(u64);

/// Stream deciding whether a file is invalid.
const STREAM_DECIDE: u64 = 1;
/// Stream generating the factory.
const STREAM_CONTENT: u64 = 2;
/// Stream choosing how an invalid file is broken.
const STREAM_BREAK: u64 = 3;

impl Rng {
    fn new(seed: u64, index: usize, stream: u64) -> Rng {
        let a = mix(seed ^ stream.wrapping_mul(GOLDEN));
        Rng(mix(a ^ mix((index as u64).wrapping_add(GOLDEN))))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        mix(self.0)
    }

    /// Uniform in `0..n` (`n > 0`; 0 gives 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below(hi - lo + 1)
        }
    }

    /// Uniform in `lo..=hi`, signed.
    fn irange(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            lo
        } else {
            lo + self.below((hi - lo + 1) as u64) as i64
        }
    }

    /// True with probability `permille`/1000.
    fn chance(&mut self, permille: u64) -> bool {
        self.below(1000) < permille
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, xs: &[(T, u64)]) -> T {
        let total: u64 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total);
        for (x, w) in xs {
            if r < *w {
                return *x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    /// `x × permille / 1000`, rounded, with the permille drawn from `lo..=hi`.
    fn share_of(&mut self, x: u64, lo: u64, hi: u64) -> u64 {
        part(x, self.range(lo, hi))
    }
}

/// `x × permille / 1000`, rounded half up.
fn part(x: u64, permille: u64) -> u64 {
    (x * permille + 500) / 1000
}

/// Money from tenths of 万元.
fn wan(tenths: u64) -> Decimal {
    Decimal::new(tenths as i64, 1).normalize()
}

/// [`wan`] as a questionnaire amount (generated figures are far inside its bound).
fn wan_t(tenths: u64) -> Wan {
    Wan::clamped(wan(tenths))
}

/// A whole number as a questionnaire amount.
fn wan_n(n: impl Into<Decimal>) -> Wan {
    Wan::clamped(n.into())
}

/// A percentage from tenths of a percent.
fn pct(tenths: i64) -> f64 {
    tenths as f64 / 10.0
}

// ---------------------------------------------------------------------------
// The factory model

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Size {
    Small,
    Medium,
    Large,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Profile {
    FarBehind,
    DigitalWorkshop,
    SmartFactory,
}

/// A trade within a sector: what the factory makes.
struct Trade {
    sector: Sector,
    weight: u64,
    /// Word in the company name.
    word: &'static str,
    product_zh: &'static str,
    product_en: &'static str,
    process: bool,
    /// Typical key equipment or key processes, for a comment.
    key_note: &'static str,
    /// Chance (‰) that it makes smart-manufacturing equipment.
    smart_maker: u64,
    /// Price of one local 数控一代 machine it would buy, 万元.
    unit_price_wan: (u64, u64),
}

#[allow(clippy::too_many_arguments)] // a table row, named by the struct below
const fn trade(
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
const TRADES: &[Trade] = &[
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

const BRAND_CHARS: &[&str] = &[
    "华", "鑫", "盛", "泰", "恒", "鸿", "利", "源", "达", "丰", "嘉", "兴", "隆", "宏", "昌", "瑞",
    "祥", "永", "安", "凯", "锦", "晋", "闽", "海", "峰", "天", "佳", "新", "福", "顺", "金", "立",
    "宝", "信", "远", "腾", "辉", "德", "诚", "益", "众", "润", "浩", "协", "力", "欣", "创", "维",
];

/// What the generator decided beyond the questionnaire itself (for comments and tests).
#[derive(Debug, Clone, Copy)]
struct Meta {
    trade: usize,
    size: Size,
    profile: Profile,
}

/// Maybe leave a "no" answer blank: thorough files always fill it in.
fn no(thorough: bool, rng: &mut Rng) -> Option<bool> {
    if thorough || rng.chance(300) {
        Some(false)
    } else {
        None
    }
}

fn flag(yes: bool, thorough: bool, rng: &mut Rng) -> Option<bool> {
    if yes {
        Some(true)
    } else {
        no(thorough, rng)
    }
}

/// A list of achievements: `[]` in thorough files, left out otherwise when empty.
fn list_or_empty<T>(v: Vec<T>, thorough: bool) -> Option<Vec<T>> {
    if v.is_empty() && !thorough {
        None
    } else {
        Some(v)
    }
}

fn opt<T>(present: bool, v: T) -> Option<T> {
    present.then_some(v)
}

fn profile_pick<T: Copy>(p: Profile, far: T, dw: T, sf: T) -> T {
    match p {
        Profile::FarBehind => far,
        Profile::DigitalWorkshop => dw,
        Profile::SmartFactory => sf,
    }
}

/// A 9-character organisation code (GB 11714) with its own check character.
fn org_code(rng: &mut Rng) -> String {
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

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u64; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Check character of the first 17 characters of a 统一社会信用代码 (GB 32100-2015).
fn uscc_check(first17: &str) -> char {
    let sum: u64 = first17
        .bytes()
        .zip(USCC_WEIGHTS)
        .map(|(c, w)| USCC_CHARS.iter().position(|x| *x == c).unwrap_or(0) as u64 * w)
        .sum();
    char::from(USCC_CHARS[((31 - sum % 31) % 31) as usize])
}

/// A valid 18-character code for an enterprise registered in Licheng (350502).
fn credit_code(rng: &mut Rng) -> String {
    let first17 = format!("91350502{}", org_code(rng));
    let check = uscc_check(&first17);
    format!("{first17}{check}")
}

fn company_name(rng: &mut Rng, t: &Trade, size: Size) -> String {
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
struct Firm {
    ti: usize,
    t: &'static Trade,
    sector: Sector,
    thorough: bool,
    data_year: i32,
    online_brand: bool,
    /// Online sales of an online brand, tenths of 万元 (0 for others).
    online_t: u64,
    /// Main revenue, tenths of 万元.
    revenue_t: u64,
    size: Size,
    profile: Profile,
    employees: u64,
    workers: u64,
    /// Industrial output, tenths of 万元.
    output_t: u64,
    /// R&D expense, tenths of 万元.
    rd_t: u64,
    /// Energy, tce.
    energy: u64,
    smart_maker: bool,
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
fn factory(rng: &mut Rng) -> (Questionnaire, Meta) {
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
type FillSection = fn(&mut Rng, &Firm, &mut Questionnaire);
const SECTIONS: [FillSection; 18] = [
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
fn firm(rng: &mut Rng) -> Firm {
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
fn revenue(rng: &mut Rng, t: &Trade) -> (bool, u64, u64) {
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
fn offline_revenue(rng: &mut Rng, sector: Sector) -> u64 {
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
fn profile_of(rng: &mut Rng, size: Size) -> Profile {
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
fn workforce(
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
fn enterprise(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn equipment(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn robots(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn informatization(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn digital_design(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn results(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn quality(rng: &mut Rng, _: &Firm, q: &mut Questionnaire) {
    // Quality.
    if rng.chance(750) {
        q.quality.national_spot_check_pass_pct =
            opt(rng.chance(800), pct(rng.range(880, 1000) as i64));
        q.quality.provincial_spot_check_pass_pct =
            opt(rng.chance(900), pct(rng.range(900, 1000) as i64));
    }
}

/// Self-assessed CMMM domain levels (self_assessment.*).
fn self_assessment(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn recognitions(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn tech_recognitions(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn ip_and_brands(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn prizes_and_titles(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn equipment_projects(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn rd_and_spaces(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn purchases(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn ecommerce(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn logistics(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn design_and_listing(rng: &mut Rng, f: &Firm, q: &mut Questionnaire) {
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
fn cost_estimates(rng: &mut Rng, q: &mut Questionnaire) {
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
fn one_off_years(q: &mut Questionnaire) {
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

// ---------------------------------------------------------------------------
// YAML emitter

/// How a file is written: the same questionnaire comes from different hands.
#[derive(Debug, Clone, Copy)]
struct Style {
    /// Every field written, `null` where unknown (like the `zhizao init` template), or only what is known.
    full: bool,
    /// Trailing explanatory comments on some lines.
    comments: bool,
    /// Self-assessment domains as `{level: 2, next: most}` rather than nested blocks.
    flow_ratings: bool,
    /// Integrations as `- [erp, mes]` lines rather than one flow list.
    block_pairs: bool,
}

/// The id a unit enum variant serialises to.
fn id<T: Serialize>(x: &T) -> String {
    match serde_json::to_value(x) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn quote(s: &str) -> String {
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

fn flow<T>(v: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", v.iter().map(f).collect::<Vec<_>>().join(", "))
}

fn s<T: std::fmt::Display>(v: Option<T>) -> Option<String> {
    v.map(|x| x.to_string())
}

fn ids<T: Serialize>(v: &Option<Vec<T>>) -> Option<String> {
    v.as_ref().map(|v| flow(v, id))
}

/// Column where trailing comments start.
const COMMENT_COLUMN: usize = 36;

struct Section {
    style: Style,
    lines: Vec<String>,
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

fn emit(q: &Questionnaire, meta: &Meta, style: Style, header: &[String]) -> String {
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
    let dec = |v: Option<Wan>| s(v.map(Decimal::from));

    let e = &q.enterprise;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "enterprise");

    let eq = &q.equipment;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "equipment");

    let mut sec = Section::new(style);
    sec.kv("industrial_robots", s(q.robots.industrial_robots));
    sec.write(&mut out, "robots");

    let inf = &q.informatization;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "informatization");

    let dd = &q.digital_design;
    let mut sec = Section::new(style);
    sec.kv("tools", ids(&dd.tools));
    sec.kv("design_work_digital_pct", s(dd.design_work_digital_pct));
    sec.write(&mut out, "digital_design");

    let r = &q.results;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "results");

    let mut sec = Section::new(style);
    sec.kv(
        "national_spot_check_pass_pct",
        s(q.quality.national_spot_check_pass_pct),
    );
    sec.kv(
        "provincial_spot_check_pass_pct",
        s(q.quality.provincial_spot_check_pass_pct),
    );
    sec.write(&mut out, "quality");

    let mut sec = Section::new(style);
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
    sec.write(&mut out, "self_assessment");

    let rec = &q.recognitions;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "recognitions");

    let ip = &q.ip_and_brands;
    let mut sec = Section::new(style);
    sec.kv("invention_patents_granted", s(ip.invention_patents_granted));
    sec.kv("patent_prizes", ids(&ip.patent_prizes));
    sec.kv("standards", ids(&ip.standards));
    sec.kv("brand_titles", ids(&ip.brand_titles));
    sec.kv("quality_prizes", ids(&ip.quality_prizes));
    sec.write(&mut out, "ip_and_brands");

    let pr = &q.projects;
    let mut sec = Section::new(style);
    sec.kv("smart_equipment_rd", s(pr.smart_equipment_rd));
    sec.kv(
        "smart_equipment_rd_supported_by_province_or_city",
        s(pr.smart_equipment_rd_supported_by_province_or_city),
    );
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
    sec.kv("major_cnc_rd_projects", s(pr.major_cnc_rd_projects));
    sec.kv("rd_expensed_wan", dec(pr.rd_expensed_wan));
    sec.kv("rd_intangible_cost_wan", dec(pr.rd_intangible_cost_wan));
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
    sec.write(&mut out, "projects");

    let pu = &q.purchases;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "purchases");

    let ec = &q.ecommerce;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "ecommerce");

    let lg = &q.logistics;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "logistics");

    let d = &q.design;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "design");

    let mut sec = Section::new(style);
    sec.kv("venue", q.listing.venue.as_ref().map(id));
    sec.write(&mut out, "listing");

    let c = &q.cost_estimates;
    let mut sec = Section::new(style);
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
    sec.write(&mut out, "cost_estimates");
    out
}

fn header(seed: u64, index: usize, q: &Questionnaire, meta: &Meta) -> Vec<String> {
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

// ---------------------------------------------------------------------------
// Generation and deliberate breakage

/// The ways a submitted questionnaire is broken in real life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Invalid {
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
    const WEIGHTS: [(Invalid, u64); 9] = [
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

/// One generated sample.
#[derive(Debug, Clone)]
struct Sample {
    file_name: String,
    text: String,
    /// How it was broken, when it was.
    invalid: Option<Invalid>,
    /// The valid questionnaire (before any breakage); read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    questionnaire: Questionnaire,
    /// What the generator chose; read by the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    meta: Meta,
}

fn generate(seed: u64, index: usize, invalid_share: f64) -> Sample {
    let share = if invalid_share.is_nan() {
        0.0
    } else {
        invalid_share.clamp(0.0, 1.0)
    };
    let broken = Rng::new(seed, index, STREAM_DECIDE).unit() < share;
    let mut rng = Rng::new(seed, index, STREAM_CONTENT);
    let (q, meta) = factory(&mut rng);
    let style = Style {
        full: rng.chance(450),
        comments: rng.chance(500),
        flow_ratings: rng.chance(700),
        block_pairs: rng.chance(500),
    };
    let file_name = format!("sample-{index:06}.yaml");
    let mut head = header(seed, index, &q, &meta);
    if !broken {
        let text = emit(&q, &meta, style, &head);
        return Sample {
            file_name,
            text,
            invalid: None,
            questionnaire: q,
            meta,
        };
    }
    let mut br = Rng::new(seed, index, STREAM_BREAK);
    let kind = br.weighted(&Invalid::WEIGHTS);
    let mut note = |what: &str| {
        head.push(format!(
            "# 注意: 本样本故意无效, 用于测试 / NOTE: deliberately invalid, for testing ({what})"
        ));
    };
    let text = match kind {
        Invalid::Empty => br
            .weighted(&[
                ("", 50),
                ("\n\n", 20),
                ("# 智能制造评估问卷\n# (未填写)\n", 30),
            ])
            .to_string(),
        Invalid::NotYaml => not_yaml(&q, &mut br),
        Invalid::Consistency => {
            let mut bad = q.clone();
            let what = break_consistency(&mut bad, &mut br);
            note(what);
            emit(&bad, &meta, style, &head)
        }
        Invalid::CreditCode => {
            let mut bad = q.clone();
            let (code, what) = bad_credit_code(q.enterprise.credit_code.as_deref(), &mut br);
            bad.enterprise.credit_code = Some(code);
            note(what);
            emit(&bad, &meta, style, &head)
        }
        Invalid::Syntax
        | Invalid::Typo
        | Invalid::UnitInNumber
        | Invalid::UnknownValue
        | Invalid::MissingRequired => {
            note(match kind {
                Invalid::Syntax => "YAML syntax",
                Invalid::Typo => "field name",
                Invalid::UnitInNumber => "unit in a number",
                Invalid::UnknownValue => "value not in the list",
                _ => "required field missing",
            });
            let text = emit(&q, &meta, style, &head);
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            match kind {
                Invalid::Syntax => break_syntax(&mut lines, &mut br),
                Invalid::Typo => break_field_name(&mut lines, &mut br),
                Invalid::UnitInNumber => break_number(&mut lines, &mut br),
                Invalid::UnknownValue => break_value(&mut lines, &mut br),
                _ => break_required(&mut lines, &mut br),
            }
            let mut text = lines.join("\n");
            text.push('\n');
            text
        }
    };
    Sample {
        file_name,
        text,
        invalid: Some(kind),
        questionnaire: q,
        meta,
    }
}

/// Index of the first non-comment line whose key is `key`.
fn find_key(lines: &[String], key: &str) -> Option<usize> {
    lines.iter().position(|l| {
        let t = l.trim_start();
        !t.starts_with('#') && t.strip_prefix(key).is_some_and(|r| r.starts_with(':'))
    })
}

/// `key: value` line with a new value (any trailing comment dropped).
fn with_value(line: &str, value: &str) -> String {
    match line.find(':') {
        Some(i) => format!("{}: {value}", &line[..i]),
        None => line.to_string(),
    }
}

/// The value of a `key: value` line, without a trailing comment.
fn value_of(line: &str) -> &str {
    let v = line.split_once(':').map(|x| x.1).unwrap_or("");
    let v = match v.find(" #") {
        Some(i) => &v[..i],
        None => v,
    };
    v.trim()
}

/// Indices of scalar `key: value` lines at section level (two spaces), with a
/// non-null value, whose previous line is also such a line without a comment.
fn plain_field_lines(lines: &[String]) -> Vec<usize> {
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

fn break_syntax(lines: &mut Vec<String>, rng: &mut Rng) {
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
const TYPOS: &[(&str, &[&str])] = &[
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

fn break_field_name(lines: &mut [String], rng: &mut Rng) {
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

fn break_number(lines: &mut [String], rng: &mut Rng) {
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

fn break_value(lines: &mut [String], rng: &mut Rng) {
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

fn break_required(lines: &mut Vec<String>, rng: &mut Rng) {
    let key = rng.pick(&["name", "sector", "data_year", "schema_version"]);
    if let Some(i) = find_key(lines, key) {
        lines.remove(i);
    }
}

fn break_consistency(q: &mut Questionnaire, rng: &mut Rng) -> &'static str {
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

fn bad_credit_code(code: Option<&str>, rng: &mut Rng) -> (String, &'static str) {
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

fn not_yaml(q: &Questionnaire, rng: &mut Rng) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assess::{Engine, InputInfo};
    use crate::criteria::Status;
    use crate::policy::eval::TrackStatus;
    use std::collections::{BTreeMap, BTreeSet, HashMap};

    fn load(s: &Sample) -> Result<crate::input::Loaded, Vec<crate::diag::Diagnostic>> {
        crate::input::from_bytes(s.text.as_bytes(), &s.file_name).map_err(|e| e.0)
    }

    #[test]
    fn same_seed_and_index_give_the_same_bytes() {
        for i in 0..200 {
            assert_eq!(sample(42, i, 0.3), sample(42, i, 0.3));
        }
        assert_ne!(sample(42, 0, 0.0).1, sample(43, 0, 0.0).1);
        assert_ne!(sample(42, 0, 0.0).1, sample(42, 1, 0.0).1);
        assert_eq!(sample(42, 7, 0.0).0, "sample-000007.yaml");
    }

    #[test]
    fn files_do_not_depend_on_count_or_threads() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let opts = |count| SampleOptions {
            count,
            seed: 9,
            invalid_share: 0.25,
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let four = rayon::ThreadPoolBuilder::new()
            .num_threads(4)
            .build()
            .unwrap();
        let na = one.install(|| write_samples(a.path(), &opts(40))).unwrap();
        let nb = four
            .install(|| write_samples(&b.path().join("new/dir"), &opts(60)))
            .unwrap();
        let mut invalid_first_40 = 0;
        for i in 0..40 {
            let name = format!("sample-{i:06}.yaml");
            let x = std::fs::read(a.path().join(&name)).unwrap();
            let y = std::fs::read(b.path().join("new/dir").join(&name)).unwrap();
            assert_eq!(x, y, "{name}");
            assert_eq!(x, sample(9, i, 0.25).1.into_bytes());
            invalid_first_40 += usize::from(generate(9, i, 0.25).invalid.is_some());
        }
        assert_eq!(na, invalid_first_40);
        assert!(nb >= na);
        assert_eq!(std::fs::read_dir(a.path()).unwrap().count(), 40);
        assert!(write_samples(
            a.path(),
            &SampleOptions {
                count: 1,
                seed: 0,
                invalid_share: 1.5
            }
        )
        .is_err());
    }

    #[test]
    fn raising_the_invalid_share_leaves_valid_files_alone() {
        for i in 0..300 {
            let lo = generate(5, i, 0.1);
            let hi = generate(5, i, 0.6);
            if lo.invalid.is_some() {
                assert!(hi.invalid.is_some(), "{i}");
            }
            if hi.invalid.is_none() {
                assert_eq!(lo.text, hi.text, "{i}");
            }
            assert_eq!(lo.questionnaire, hi.questionnaire);
        }
    }

    /// Valid samples parse without errors, read back to the generated
    /// questionnaire exactly, carry a valid credit code and assess.
    #[test]
    fn valid_samples_pass_and_read_back_identically() {
        let engine = Engine::default();
        let mut warnings = 0;
        for i in 0..500 {
            let s = generate(2017, i, 0.0);
            assert!(s.invalid.is_none());
            let loaded = match load(&s) {
                Ok(l) => l,
                Err(d) => panic!("{}: {:#?}\n{}", s.file_name, d, s.text),
            };
            assert_eq!(
                loaded.questionnaire, s.questionnaire,
                "{}\n{}",
                s.file_name, s.text
            );
            warnings += usize::from(!loaded.warnings.is_empty());
            let e = &loaded.questionnaire.enterprise;
            if let Some(code) = &e.credit_code {
                assert!(code.starts_with("91350502"), "{code}");
                assert!(crate::validate::check_credit_code(code).is_ok(), "{code}");
            }
            if let (Some(rev), Some(flag)) = (e.main_revenue_wan, e.above_designated_size) {
                assert_eq!(flag, rev.get() >= Decimal::from(2000), "{}", s.file_name);
            }
            let a = engine.assess(
                &loaded.questionnaire,
                InputInfo {
                    file: s.file_name.clone(),
                    sha256: loaded.sha256.clone(),
                },
                loaded.warnings,
            );
            assert_eq!(a.subsidies.len(), engine.policy.tracks.len());
        }
        assert!(warnings <= 5, "{warnings} of 500 samples have warnings");
    }

    #[test]
    fn the_invalid_share_is_respected_and_every_invalid_file_fails() {
        let n = 2000;
        let mut kinds: HashMap<Invalid, usize> = HashMap::new();
        let mut invalid = 0;
        for i in 0..n {
            let s = generate(77, i, 0.2);
            match s.invalid {
                Some(kind) => {
                    invalid += 1;
                    *kinds.entry(kind).or_default() += 1;
                    let errs = match load(&s) {
                        Ok(_) => panic!("{} ({kind:?}) passed:\n{}", s.file_name, s.text),
                        Err(d) => d,
                    };
                    assert!(errs.iter().any(|d| d.is_error()), "{}", s.file_name);
                }
                None => assert!(load(&s).is_ok(), "{}\n{}", s.file_name, s.text),
            }
        }
        let share = invalid as f64 / n as f64;
        assert!((0.17..=0.23).contains(&share), "{share}");
        for (kind, _) in Invalid::WEIGHTS {
            assert!(
                kinds.get(&kind).copied().unwrap_or(0) > 0,
                "{kind:?} never drawn"
            );
        }
        assert!((0..100).all(|i| generate(1, i, 0.0).invalid.is_none()));
        assert!((0..100).all(|i| generate(1, i, 1.0).invalid.is_some()));
        assert!((0..100).all(|i| generate(1, i, f64::NAN).invalid.is_none()));
    }

    /// Every way of breaking a file, on many files: each one must fail.
    #[test]
    fn every_breakage_fails_on_many_files() {
        let mut by_code: BTreeMap<&'static str, usize> = BTreeMap::new();
        for i in 0..3000 {
            let s = generate(3, i, 1.0);
            match load(&s) {
                Ok(_) => panic!("{} ({:?}) passed:\n{}", s.file_name, s.invalid, s.text),
                Err(d) => {
                    for x in d.iter().filter(|d| d.is_error()) {
                        *by_code.entry(x.code).or_default() += 1;
                    }
                }
            }
        }
        // Syntax, unknown fields, types, consistency, ranges and credit codes all show up.
        for code in ["field.unknown", "consistency", "range", "credit_code"] {
            assert!(by_code.contains_key(code), "{code} missing: {by_code:?}");
        }
        assert!(by_code.len() >= 8, "{by_code:?}");
    }

    #[test]
    fn samples_are_varied() {
        let engine = Engine::default();
        let mut sectors: BTreeMap<&str, usize> = BTreeMap::new();
        let mut modes = BTreeSet::new();
        let mut sizes = BTreeSet::new();
        let mut profiles = BTreeSet::new();
        let mut styles = BTreeSet::new();
        // local-cnc-purchase status per unit band.
        let mut cnc: BTreeSet<(&str, String)> = BTreeSet::new();
        let mut criteria: BTreeSet<(String, String)> = BTreeSet::new();
        let mut levels = BTreeSet::new();
        let mut tracks_eligible: BTreeSet<String> = BTreeSet::new();
        let mut online_near_line = 0;
        let mut online_over_line = 0;
        let n = 1000;
        for i in 0..n {
            let s = generate(11, i, 0.0);
            let q = &s.questionnaire;
            *sectors.entry(q.enterprise.sector.id()).or_default() += 1;
            modes.insert(format!("{:?}", q.enterprise.production_mode));
            sizes.insert(format!("{:?}", s.meta.size));
            profiles.insert(format!("{:?}", s.meta.profile));
            styles.insert(s.text.contains(": null"));
            if let Some(o) = q.ecommerce.online_sales_wan.map(Decimal::from) {
                if q.ecommerce.original_online_brand == Some(true) {
                    if o > Decimal::from(3000) {
                        online_over_line += 1;
                    } else if o >= Decimal::from(2500) {
                        online_near_line += 1;
                    }
                }
            }
            let a = engine.assess(
                q,
                InputInfo {
                    file: s.file_name.clone(),
                    sha256: String::new(),
                },
                vec![],
            );
            if let Some(l) = a.maturity.level {
                levels.insert(l);
            }
            for c in &a.criteria {
                criteria.insert((c.id.clone(), format!("{:?}", c.status)));
            }
            for t in &a.subsidies {
                if t.status == TrackStatus::Eligible {
                    tracks_eligible.insert(t.id.clone());
                }
                if t.id == "local-cnc-purchase" {
                    let band = match q.purchases.cnc_generation_units {
                        None | Some(0) => "none",
                        Some(1..=10) => "1-10",
                        Some(11..=50) => "11-50",
                        Some(51..=100) => "51-100",
                        Some(_) => ">100",
                    };
                    cnc.insert((band, format!("{:?}", t.status)));
                }
            }
        }
        assert_eq!(sectors.len(), 5, "{sectors:?}");
        let textile = sectors["textile_footwear_apparel"];
        assert!(sectors.values().all(|&c| c <= textile), "{sectors:?}");
        assert!(textile * 100 / n >= 35, "{sectors:?}");
        assert_eq!(modes.len(), 2);
        assert_eq!(sizes.len(), 3);
        assert_eq!(profiles.len(), 3);
        assert_eq!(styles.len(), 2);
        for band in ["1-10", "11-50", "51-100"] {
            assert!(
                cnc.contains(&(band, "Eligible".to_string())),
                "{band}: {cnc:?}"
            );
        }
        assert!(
            cnc.contains(&(">100", "NotEligible".to_string())),
            "{cnc:?}"
        );
        for c in [
            "automated_digital_enterprise",
            "digital_workshop",
            "smart_factory",
        ] {
            for st in [Status::Met, Status::NotMet] {
                assert!(
                    criteria.contains(&(c.to_string(), format!("{st:?}"))),
                    "{c} never {st:?}: {criteria:?}"
                );
            }
        }
        assert!(levels.len() >= 4, "{levels:?}");
        assert!(online_near_line > 5 && online_over_line > 5);
        for t in [
            "local-cnc-purchase",
            "online-brand-award",
            "tech-center-award",
            "patent-award",
            "standard-award",
            "brand-award",
            "listing-award",
            "logistics-rating",
        ] {
            assert!(
                tracks_eligible.contains(t),
                "{t} never eligible: {tracks_eligible:?}"
            );
        }
    }
}

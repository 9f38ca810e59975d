//! Questionnaire format v1 (问卷): the typed input of every assessment.
//!
//! The format is designed for a consultant filling it in by hand: flat
//! sections, plain names, money in 万元 (10,000 CNY, as Chinese statistical
//! forms use), counts as whole numbers and shares as percentages (0–100).
//! Everything a consultant may not know is optional, so that "not filled in"
//! stays distinct from zero all the way to the report ("unknown").
//!
//! Unknown keys are errors (`deny_unknown_fields`) so a typo never silently
//! drops a figure. No serde `tag`/`flatten` is used: they would blur the
//! line/column of errors.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The only questionnaire format version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

/// One factory's questionnaire (智能制造评估问卷).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// Format version; must be `1`.
    pub schema_version: u32,
    /// Enterprise profile (企业基本情况).
    pub enterprise: Enterprise,
    /// Equipment and processes (装备与工序).
    #[serde(default)]
    pub equipment: Equipment,
    /// Industrial robots (工业机器人).
    #[serde(default)]
    pub robots: Robots,
    /// Information systems and their integration (信息化 / 两化融合).
    #[serde(default)]
    pub informatization: Informatization,
    /// Digital R&D / design tools (数字化研发设计工具).
    #[serde(default)]
    pub digital_design: DigitalDesign,
    /// Results against a baseline year (三降两升).
    #[serde(default)]
    pub results: Results,
    /// Quality figures (质量).
    #[serde(default)]
    pub quality: Quality,
    /// Self-assessment of the CMMM capability domains (成熟度自评).
    #[serde(default)]
    pub self_assessment: SelfAssessment,
    /// Recognitions already granted (已获认定).
    #[serde(default)]
    pub recognitions: Recognitions,
    /// Awards, patents, standards and brands (奖项、专利、标准、品牌).
    #[serde(default)]
    pub ip_and_brands: IpAndBrands,
    /// Projects and investments (项目与投入).
    #[serde(default)]
    pub projects: Projects,
    /// Purchases of local 数控一代 demonstration products (采购本地数控一代产品).
    #[serde(default)]
    pub purchases: Purchases,
    /// E-commerce (电子商务).
    #[serde(default)]
    pub ecommerce: Ecommerce,
    /// Logistics (物流).
    #[serde(default)]
    pub logistics: Logistics,
    /// Industrial design (工业设计).
    #[serde(default)]
    pub design: Design,
    /// Capital-market listing (上市挂牌).
    #[serde(default)]
    pub listing: Listing,
    /// Optional cost estimates for upgrade actions (升级成本估计).
    #[serde(default)]
    pub cost_estimates: CostEstimates,
}

/// Sector named by the policy (政策所列产业).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    /// 纺织鞋服 textile, footwear and apparel.
    TextileFootwearApparel,
    /// 电子信息 / 新一代信息技术 electronics and new-generation IT.
    ElectronicsIt,
    /// 机械汽配 / 机械装备 machinery and auto parts.
    MachineryAutoParts,
    /// 纸制品装备 paper-product equipment.
    PaperProductEquipment,
    /// 其他 other.
    #[default]
    Other,
}

impl Sector {
    /// All sectors, in the order reports list them.
    pub const ALL: [Sector; 5] = [
        Sector::TextileFootwearApparel,
        Sector::ElectronicsIt,
        Sector::MachineryAutoParts,
        Sector::PaperProductEquipment,
        Sector::Other,
    ];

    /// Stable id, as written in questionnaires.
    pub fn id(self) -> &'static str {
        match self {
            Sector::TextileFootwearApparel => "textile_footwear_apparel",
            Sector::ElectronicsIt => "electronics_it",
            Sector::MachineryAutoParts => "machinery_auto_parts",
            Sector::PaperProductEquipment => "paper_product_equipment",
            Sector::Other => "other",
        }
    }

    /// Parse a sector id.
    pub fn from_id(s: &str) -> Option<Sector> {
        Sector::ALL.into_iter().find(|x| x.id() == s)
    }

    /// Label in Chinese.
    pub fn zh(self) -> &'static str {
        match self {
            Sector::TextileFootwearApparel => "纺织鞋服",
            Sector::ElectronicsIt => "电子信息",
            Sector::MachineryAutoParts => "机械汽配",
            Sector::PaperProductEquipment => "纸制品装备",
            Sector::Other => "其他",
        }
    }

    /// Label in English.
    pub fn en(self) -> &'static str {
        match self {
            Sector::TextileFootwearApparel => "Textile, footwear & apparel",
            Sector::ElectronicsIt => "Electronics & IT",
            Sector::MachineryAutoParts => "Machinery & auto parts",
            Sector::PaperProductEquipment => "Paper-product equipment",
            Sector::Other => "Other",
        }
    }
}

/// Discrete or process manufacturing (离散型 / 流程型). It decides how the
/// CNC ratio is computed (DOMAIN.md §1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductionMode {
    /// 离散型制造.
    #[default]
    Discrete,
    /// 流程型制造.
    Process,
}

/// Enterprise profile (企业基本情况).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// 企业名称.
    pub name: String,
    /// 统一社会信用代码 (18 characters, GB 32100-2015).
    #[serde(default)]
    pub credit_code: Option<String>,
    /// Sector (所属产业).
    pub sector: Sector,
    /// Discrete or process manufacturing.
    #[serde(default)]
    pub production_mode: ProductionMode,
    /// 规模以上工业企业 (main business revenue ≥ 2,000 万元).
    #[serde(default)]
    pub above_designated_size: Option<bool>,
    /// Year the figures describe (数据年度).
    pub data_year: i32,
    /// Headquarters registered in Licheng and paying tax there (总部在鲤城并统一纳税).
    #[serde(default)]
    pub headquartered_in_district: Option<bool>,
    /// 主营业务收入, 万元.
    #[serde(default)]
    pub main_revenue_wan: Option<Decimal>,
    /// 工业总产值, 万元.
    #[serde(default)]
    pub industrial_output_wan: Option<Decimal>,
    /// 年平均从业人员.
    #[serde(default)]
    pub employees: Option<u32>,
    /// 产业工人 (production workers).
    #[serde(default)]
    pub production_workers: Option<u32>,
    /// 研发费用, 万元.
    #[serde(default)]
    pub rd_expense_wan: Option<Decimal>,
    /// 综合能耗, 吨标准煤 (tonnes of standard coal equivalent).
    #[serde(default)]
    pub energy_tce: Option<Decimal>,
    /// 当年新增税收区留成财力, 万元: the district's retained share of the new
    /// tax revenue this enterprise brought in the data year (caps district awards).
    #[serde(default)]
    pub new_tax_district_retained_wan: Option<Decimal>,
    /// Makes smart-manufacturing equipment (CNC systems, servo motors, control
    /// systems, robots, automated lines) — 智能制造装备企业.
    #[serde(default)]
    pub smart_equipment_maker: Option<bool>,
}

/// Equipment and processes (装备与工序).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    /// 关键装备总数 (units).
    #[serde(default)]
    pub key_equipment_total: Option<u32>,
    /// 数控化关键装备 (units).
    #[serde(default)]
    pub key_equipment_cnc: Option<u32>,
    /// 生产设备总数.
    #[serde(default)]
    pub production_equipment_total: Option<u32>,
    /// 数字化生产设备.
    #[serde(default)]
    pub production_equipment_digital: Option<u32>,
    /// 联网的数字化生产设备.
    #[serde(default)]
    pub production_equipment_networked: Option<u32>,
    /// 关键工序总数.
    #[serde(default)]
    pub key_processes_total: Option<u32>,
    /// 自动化的关键工序.
    #[serde(default)]
    pub key_processes_automated: Option<u32>,
    /// 由 PLC/DCS 控制的关键工序 (process industries: the CNC ratio numerator).
    #[serde(default)]
    pub key_processes_plc_dcs: Option<u32>,
    /// 关键工序数据自动采集 (key processes whose data is collected automatically).
    #[serde(default)]
    pub key_processes_auto_data_collection: Option<u32>,
}

/// Industrial robots (工业机器人).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Robots {
    /// 在用工业机器人 (units in operation).
    #[serde(default)]
    pub industrial_robots: Option<u32>,
}

/// An information system (信息系统).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// 企业资源计划.
    Erp,
    /// 制造执行系统.
    Mes,
    /// 产品生命周期管理 / 产品数据管理.
    Plm,
    /// 数据采集与监控 / 分布式控制.
    Scada,
    /// 仓储管理.
    Wms,
    /// 高级计划排程.
    Aps,
    /// 质量管理.
    Qms,
    /// 能源管理.
    Ems,
    /// 客户关系管理.
    Crm,
    /// 供应商关系管理.
    Srm,
    /// 生产设备 (the shop-floor equipment layer, for MES–equipment integration).
    Equipment,
}

impl System {
    /// Stable id.
    pub fn id(self) -> &'static str {
        match self {
            System::Erp => "erp",
            System::Mes => "mes",
            System::Plm => "plm",
            System::Scada => "scada",
            System::Wms => "wms",
            System::Aps => "aps",
            System::Qms => "qms",
            System::Ems => "ems",
            System::Crm => "crm",
            System::Srm => "srm",
            System::Equipment => "equipment",
        }
    }

    /// Parse an id.
    pub fn from_id(s: &str) -> Option<System> {
        [
            System::Erp,
            System::Mes,
            System::Plm,
            System::Scada,
            System::Wms,
            System::Aps,
            System::Qms,
            System::Ems,
            System::Crm,
            System::Srm,
            System::Equipment,
        ]
        .into_iter()
        .find(|x| x.id() == s)
    }

    /// Display name (same in both languages: these acronyms are used in Chinese too).
    pub fn label(self) -> &'static str {
        match self {
            System::Erp => "ERP",
            System::Mes => "MES",
            System::Plm => "PLM/PDM",
            System::Scada => "SCADA/DCS",
            System::Wms => "WMS",
            System::Aps => "APS",
            System::Qms => "QMS",
            System::Ems => "EMS",
            System::Crm => "CRM",
            System::Srm => "SRM",
            System::Equipment => "设备/equipment",
        }
    }
}

/// Information systems in use and integrations (信息化).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Informatization {
    /// Systems in use (在用系统), e.g. `[erp, mes, plm]`.
    #[serde(default)]
    pub systems: Option<Vec<System>>,
    /// Integrated pairs (系统集成), e.g. `[[erp, mes], [mes, equipment]]`.
    #[serde(default)]
    pub integrations: Option<Vec<[System; 2]>>,
    /// Holds a 两化融合管理体系 (GB/T 23001) certificate.
    #[serde(default)]
    pub gbt23001_certified: Option<bool>,
}

impl Informatization {
    /// Whether a system is listed as in use. `None` when the list was not filled in.
    pub fn uses(&self, s: System) -> Option<bool> {
        self.systems.as_ref().map(|v| v.contains(&s))
    }

    /// Whether two systems are listed as integrated (order-free).
    pub fn integrated(&self, a: System, b: System) -> Option<bool> {
        self.integrations.as_ref().map(|v| {
            v.iter()
                .any(|[x, y]| (*x == a && *y == b) || (*x == b && *y == a))
        })
    }
}

/// Digital design tool (数字化设计工具).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DesignTool {
    /// Computer-aided design.
    Cad,
    /// Computer-aided engineering / simulation.
    Cae,
    /// Computer-aided process planning.
    Capp,
    /// Computer-aided manufacturing.
    Cam,
    /// Product data management.
    Pdm,
}

/// Digital R&D and design (数字化研发设计).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DigitalDesign {
    /// Tools in use.
    #[serde(default)]
    pub tools: Option<Vec<DesignTool>>,
    /// Share of design work done with digital tools, % (0–100).
    #[serde(default)]
    pub design_work_digital_pct: Option<f64>,
}

/// Results against a baseline year (三降两升), each a % change (negative = fall).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Baseline year (基准年).
    #[serde(default)]
    pub baseline_year: Option<i32>,
    /// 运营成本变化 %, target ≤ −20.
    #[serde(default)]
    pub operating_cost_change_pct: Option<f64>,
    /// 研制周期变化 %, target ≤ −20.
    #[serde(default)]
    pub rd_cycle_change_pct: Option<f64>,
    /// 生产效率变化 %, target ≥ +20.
    #[serde(default)]
    pub production_efficiency_change_pct: Option<f64>,
    /// 不良品率变化 %, target ≤ −10.
    #[serde(default)]
    pub defect_rate_change_pct: Option<f64>,
    /// 能源利用率变化 %, target ≥ +4.
    #[serde(default)]
    pub energy_utilisation_change_pct: Option<f64>,
}

/// Quality figures (质量).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// 国家监督抽查合格率 %.
    #[serde(default)]
    pub national_spot_check_pass_pct: Option<f64>,
    /// 省级监督抽查合格率 %.
    #[serde(default)]
    pub provincial_spot_check_pass_pct: Option<f64>,
}

/// Self-rating of one CMMM capability domain: the highest level whose
/// statement fits in full, and how much of the next level is met.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainRating {
    /// Highest level (0–5) whose statement the factory meets in full (全部满足).
    pub level: u8,
    /// How much of the next level is met: `most` (大部分, 0.8), `part` (部分, 0.5) or `none` (0).
    #[serde(default)]
    pub next: NextLevelFit,
}

/// How much of the next level's requirements are met (GB/T 39117 ratings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NextLevelFit {
    /// 大部分满足 (0.8).
    Most,
    /// 部分满足 (0.5).
    Part,
    /// 不满足 (0).
    #[default]
    None,
}

/// Self-assessment per CMMM domain (GB/T 39116-2020, 12 domains).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// 组织战略.
    #[serde(default)]
    pub strategy: Option<DomainRating>,
    /// 人员技能.
    #[serde(default)]
    pub personnel_skills: Option<DomainRating>,
    /// 数据.
    #[serde(default)]
    pub data: Option<DomainRating>,
    /// 集成.
    #[serde(default)]
    pub integration: Option<DomainRating>,
    /// 信息安全.
    #[serde(default)]
    pub information_security: Option<DomainRating>,
    /// 装备.
    #[serde(default)]
    pub equipment: Option<DomainRating>,
    /// 网络.
    #[serde(default)]
    pub network: Option<DomainRating>,
    /// 设计.
    #[serde(default)]
    pub design: Option<DomainRating>,
    /// 生产.
    #[serde(default)]
    pub production: Option<DomainRating>,
    /// 物流.
    #[serde(default)]
    pub logistics: Option<DomainRating>,
    /// 销售.
    #[serde(default)]
    pub sales: Option<DomainRating>,
    /// 服务.
    #[serde(default)]
    pub service: Option<DomainRating>,
}

impl SelfAssessment {
    /// The rating of a domain by id (as in the criteria pack).
    pub fn get(&self, domain: &str) -> Option<DomainRating> {
        match domain {
            "strategy" => self.strategy,
            "personnel_skills" => self.personnel_skills,
            "data" => self.data,
            "integration" => self.integration,
            "information_security" => self.information_security,
            "equipment" => self.equipment,
            "network" => self.network,
            "design" => self.design,
            "production" => self.production,
            "logistics" => self.logistics,
            "sales" => self.sales,
            "service" => self.service,
            _ => None,
        }
    }

    /// Domain ids, in GB/T 39116 order.
    pub const DOMAINS: [&'static str; 12] = [
        "strategy",
        "personnel_skills",
        "data",
        "integration",
        "information_security",
        "equipment",
        "network",
        "design",
        "production",
        "logistics",
        "sales",
        "service",
    ];
}

/// Administrative level of a recognition (认定级别).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 国家级.
    National,
    /// 省级.
    Provincial,
    /// 市级.
    Municipal,
}

/// A recognition with its level and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeveledRecognition {
    /// 级别.
    pub level: Level,
    /// Year granted (认定年度).
    #[serde(default)]
    pub year: Option<i32>,
}

/// Kind of technology centre (技术中心类型).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CenterKind {
    /// 企业技术中心.
    EnterpriseTechCenter,
    /// 工程研究中心.
    EngineeringResearchCenter,
}

/// A recognised technology centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TechCenter {
    /// Kind of centre.
    pub kind: CenterKind,
    /// 级别.
    pub level: Level,
    /// Year recognised.
    #[serde(default)]
    pub year: Option<i32>,
}

/// Recognitions already granted (已获认定). A year lets the policy engine
/// tell "newly recognised" (新认定, in the data year) from older ones.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recognitions {
    /// Year the city recognised a 智能工厂, if it did.
    #[serde(default)]
    pub smart_factory_year: Option<i32>,
    /// Year the city recognised a 数字化车间, if it did.
    #[serde(default)]
    pub digital_workshop_year: Option<i32>,
    /// Listed as a 泉州市/鲤城区 "数控一代" demonstration enterprise.
    #[serde(default)]
    pub cnc_generation_demo_enterprise: Option<bool>,
    /// Recognised city-level-or-above research institute / public technology
    /// service platform that received city special funds (二(四)1).
    #[serde(default)]
    pub public_tech_platform_with_city_funds: Option<bool>,
    /// New-type research institution under 泉科〔2015〕108号, under construction (二(四)2).
    #[serde(default)]
    pub new_research_institution: Option<bool>,
    /// Recognised enterprise technology / engineering research centres (二(四)3).
    #[serde(default)]
    pub tech_centers: Option<Vec<TechCenter>>,
    /// Recognised industrial design centre (四(三)1).
    #[serde(default)]
    pub industrial_design_center: Option<LeveledRecognition>,
    /// City-recognised business-model innovation demonstration enterprise (四(五)1).
    #[serde(default)]
    pub business_model_innovation_demo: Option<bool>,
    /// City-recognised service-oriented manufacturing demonstration enterprise (四(六)1).
    #[serde(default)]
    pub service_manufacturing_demo: Option<bool>,
}

/// A patent prize (专利奖).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PatentPrize {
    /// 中国专利金奖.
    ChinaGold,
    /// 中国专利优秀奖.
    ChinaExcellence,
    /// 中国外观设计金奖.
    ChinaDesignGold,
    /// 福建省专利特等奖.
    ProvincialSpecial,
    /// 福建省专利一等奖.
    ProvincialFirst,
    /// 福建省专利二等奖.
    ProvincialSecond,
    /// 泉州市专利重大发明奖.
    MunicipalMajor,
    /// 泉州市专利一等奖.
    MunicipalFirst,
    /// 泉州市专利二等奖.
    MunicipalSecond,
}

/// Participation in standard-setting (标准制修订).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StandardRole {
    /// 国际标准第一起草单位, or an enterprise standard adopted as international.
    InternationalLead,
    /// 参与制修订国际标准.
    International,
    /// 参与制定国家标准.
    National,
    /// 参与制定行业标准.
    Industry,
    /// 参与制定地方标准.
    Local,
}

/// Brand titles (品牌称号).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BrandTitle {
    /// 中国驰名商标.
    ChinaWellKnownTrademark,
    /// 中国名牌产品.
    ChinaFamousBrandProduct,
    /// 福建省名牌产品.
    ProvincialFamousBrandProduct,
    /// 福建省著名商标.
    ProvincialFamousTrademark,
}

/// Quality prizes (质量奖).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QualityPrize {
    /// 福建省质量奖.
    FujianQualityAward,
    /// 泉州市质量奖.
    QuanzhouQualityAward,
}

/// Awards, patents, standards and brands gained in the data year (当年获得).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IpAndBrands {
    /// Invention patents granted in the data year (国内外发明专利授权数).
    #[serde(default)]
    pub invention_patents_granted: Option<u32>,
    /// Patent prizes won in the data year, one entry per prize.
    #[serde(default)]
    pub patent_prizes: Option<Vec<PatentPrize>>,
    /// Standards work completed in the data year, one entry per standard.
    #[serde(default)]
    pub standards: Option<Vec<StandardRole>>,
    /// Brand titles gained in the data year.
    #[serde(default)]
    pub brand_titles: Option<Vec<BrandTitle>>,
    /// Quality prizes won in the data year.
    #[serde(default)]
    pub quality_prizes: Option<Vec<QualityPrize>>,
}

/// Level of a first-unit (首台套) recognition.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FirstSetScope {
    /// 国内首台(套).
    Domestic,
    /// 省内首台(套).
    Provincial,
}

/// A first-unit CNC major equipment product (首台(套)重大技术装备).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstSetEquipment {
    /// Product name.
    pub name: String,
    /// Domestic or provincial first unit.
    pub scope: FirstSetScope,
    /// Recognised by the province as 首台(套).
    #[serde(default)]
    pub recognised_by_province: bool,
    /// Sale price, 万元.
    #[serde(default)]
    pub sale_price_wan: Option<Decimal>,
    /// Development cost, 万元 (for the city's 30% grant).
    #[serde(default)]
    pub development_cost_wan: Option<Decimal>,
    /// Recognised as a major innovation in principle, structure or performance.
    #[serde(default)]
    pub major_innovation_recognised: bool,
}

/// A demonstration line / workshop / factory project (示范生产线项目, 二(三)3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemoLineProject {
    /// Project name.
    pub name: String,
    /// Built jointly with a research institute (与科研院所共同研发建设).
    #[serde(default)]
    pub with_research_institute: bool,
    /// Listed as a key demonstration line / workshop / factory (列入重点示范).
    #[serde(default)]
    pub listed_as_key_demo: bool,
    /// Total R&D and construction investment, 万元.
    #[serde(default)]
    pub investment_wan: Option<Decimal>,
}

/// Projects and investments (项目与投入).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    /// Develops CNC smart equipment / industry robots for local industries (二(三)1).
    #[serde(default)]
    pub smart_equipment_rd: Option<bool>,
    /// Province or city already supports that development (二(三)1: district support comes on top).
    #[serde(default)]
    pub smart_equipment_rd_supported_by_province_or_city: Option<bool>,
    /// First-unit equipment products (二(三)2).
    #[serde(default)]
    pub first_set_equipment: Option<Vec<FirstSetEquipment>>,
    /// Demonstration line projects (二(三)3).
    #[serde(default)]
    pub demo_lines: Option<Vec<DemoLineProject>>,
    /// Major CNC / smart-technology R&D projects undertaken (二(三)4).
    #[serde(default)]
    pub major_cnc_rd_projects: Option<u32>,
    /// R&D expense expensed in the year (计入当期损益), 万元 (二(三)4 super-deduction).
    #[serde(default)]
    pub rd_expensed_wan: Option<Decimal>,
    /// Cost of intangible assets formed by R&D in the year, 万元.
    #[serde(default)]
    pub rd_intangible_cost_wan: Option<Decimal>,
    /// Maker space run by the enterprise (四(六)2).
    #[serde(default)]
    pub maker_space: Option<MakerSpace>,
    /// Organises brand firms onto major e-commerce platforms with clear results (四(六)3).
    #[serde(default)]
    pub ecommerce_platform_docking: Option<bool>,
    /// Operates the online-business (virtual) park, after acceptance (四(六)3).
    #[serde(default)]
    pub online_business_park: Option<ParkRole>,
}

/// A maker space (众创空间).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MakerSpace {
    /// Floor area, m².
    #[serde(default)]
    pub area_m2: Option<Decimal>,
    /// Investment, 万元.
    #[serde(default)]
    pub investment_wan: Option<Decimal>,
    /// Passed the evaluation as operating well (运营较好, 经组织评估).
    #[serde(default)]
    pub operating_well: Option<bool>,
}

/// Role in the Quanzhou online-business (virtual) industrial park.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ParkRole {
    /// 中心园区 operator.
    Central,
    /// 鲤城分园 operator.
    Branch,
}

/// Purchases of local 数控一代 demonstration products (二(五)2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purchases {
    /// Units (台/套) bought in the data year.
    #[serde(default)]
    pub cnc_generation_units: Option<u32>,
    /// Invoice total excluding tax (采购发票总价, 不含税), 万元.
    #[serde(default)]
    pub cnc_generation_invoice_ex_tax_wan: Option<Decimal>,
}

/// E-commerce (电子商务, 四(二)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ecommerce {
    /// An original online retail brand (网络零售原创品牌).
    #[serde(default)]
    pub original_online_brand: Option<bool>,
    /// Registered and settling accounts in Quanzhou (注册地及结算地在泉州).
    #[serde(default)]
    pub registered_and_settled_in_quanzhou: Option<bool>,
    /// A traditional brand turning to online (传统转型品牌).
    #[serde(default)]
    pub traditional_brand: Option<bool>,
    /// Online sales in the year, 万元.
    #[serde(default)]
    pub online_sales_wan: Option<Decimal>,
    /// Online sales including distribution (含分销), 万元.
    #[serde(default)]
    pub online_sales_incl_distribution_wan: Option<Decimal>,
    /// Total sales in the year, 万元.
    #[serde(default)]
    pub total_sales_wan: Option<Decimal>,
    /// Cross-border e-commerce: international logistics cost in the year, 万元.
    #[serde(default)]
    pub cross_border_logistics_cost_wan: Option<Decimal>,
}

/// National logistics enterprise rating (A级物流企业).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum LogisticsRating {
    /// AAA.
    #[serde(rename = "3A")]
    A3,
    /// AAAA.
    #[serde(rename = "4A")]
    A4,
    /// AAAAA.
    #[serde(rename = "5A")]
    A5,
}

/// Logistics (现代物流, 四(四), 四(七)3).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logistics {
    /// Rating gained in the data year.
    #[serde(default)]
    pub rating: Option<LogisticsRating>,
    /// Rating held before (None = first rating).
    #[serde(default)]
    pub previous_rating: Option<LogisticsRating>,
    /// New standard e-commerce warehouses / sorting centres (四(四)2).
    #[serde(default)]
    pub warehouses: Option<Vec<Warehouse>>,
    /// Third-party logistics warehouse giving receipts as collateral with a
    /// guarantee: the year's guarantee balance, 万元 (四(七)3).
    #[serde(default)]
    pub receipt_guarantee_balance_wan: Option<Decimal>,
}

/// A new e-commerce warehouse (电子商务仓储设施).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warehouse {
    /// Floor area, m².
    pub area_m2: Decimal,
    /// District e-commerce firms it serves.
    pub ecommerce_clients_in_district: u32,
    /// Investment, 万元.
    pub investment_wan: Decimal,
}

/// Design prize ranks (设计大赛奖项).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DesignPrize {
    /// 一等奖 (or gold).
    First,
    /// 二等奖.
    Second,
    /// 三等奖.
    Third,
}

/// Industrial design (工业设计, 四(三)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Regional design competitions hosted in the year.
    #[serde(default)]
    pub competitions_hosted: Option<u32>,
    /// Prizes won at iF, red dot, IDEA, G-mark or China Excellent Industrial Design.
    #[serde(default)]
    pub competition_prizes: Option<Vec<DesignPrize>>,
    /// 大学生工业设计坊 events run.
    #[serde(default)]
    pub student_workshops: Option<u32>,
    /// Design-transfer demonstration projects with a renowned design firm, clear benefit.
    #[serde(default)]
    pub design_transfer_demo_projects: Option<u32>,
}

/// Listing venue (上市挂牌).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ListingVenue {
    /// 首次公开发行股票并上市.
    Ipo,
    /// 全国股份转让系统 (新三板).
    Neeq,
    /// 海峡股权泉州交易中心交易板.
    HaixiaQuanzhou,
}

/// Capital-market listing (上市挂牌, 二(六)2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// Venue listed on in the data year.
    #[serde(default)]
    pub venue: Option<ListingVenue>,
}

/// Optional cost estimates for upgrade actions, 万元 per unit (升级成本).
/// When absent, the default unit costs in the criteria pack are used and
/// labelled as estimates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostEstimates {
    /// Cost to convert or replace one key machine with a CNC one.
    #[serde(default)]
    pub cnc_unit_wan: Option<Decimal>,
    /// Cost of one industrial robot, installed.
    #[serde(default)]
    pub robot_wan: Option<Decimal>,
    /// Cost to network one digital machine.
    #[serde(default)]
    pub network_connection_wan: Option<Decimal>,
}

//! Questionnaire format v1 (问卷): the typed input of every assessment.
//!
//! The format is designed for a consultant filling it in by hand: flat
//! sections, plain names, money in 万元 (10,000 CNY, as Chinese statistical
//! forms use), counts as whole numbers and shares as percentages (0–100).
//! Everything a consultant may not know is optional, so that "not filled in"
//! stays distinct from zero all the way to the report ("unknown").
//!
//! Every field is also a fact policy packs can name (`src/engine/facts/plain.rs`
//! gives the rule); an `x-fact` annotation (`#[schemars(extend("x-fact" =
//! …))]`, kept out of the published schema) marks where a fact departs from
//! it, e.g. `{"absent": false}` for an achievement that is "no" when left out.
//!
//! Unknown keys are errors (`deny_unknown_fields`) so a typo never silently
//! drops a figure. No serde `tag`/`flatten` is used: they would blur the
//! line/column of errors.

use crate::money::Wan;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A required text: `null`, `~` or nothing is "not filled in", an error,
/// never the four letters "null" (serde reads a plain `null` into a
/// `String` as that text).
fn required_text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Option::<String>::deserialize(d)?
        .ok_or_else(|| serde::de::Error::invalid_type(serde::de::Unexpected::Unit, &"a string"))
}

/// The questionnaire format version `init` and the templates write: 2 adds
/// the optional sections of today's frameworks (`digital`, `smart_factory`,
/// `upgrades`). Version 1 files are read unchanged.
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest format version this build reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// 智能制造评估问卷: 一家工厂一个数据年度的情况 / One factory's smart-manufacturing questionnaire for one data year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// 问卷格式版本: 1 或 2 (2 增加当前框架的可选部分) / Format version: `1` or `2`
    /// (2 adds the optional sections of today's frameworks).
    #[schemars(range(min = 1, max = 2))]
    #[schemars(extend("x-fact" = {"skip": true}))]
    pub schema_version: u32,
    /// 企业基本情况 / Enterprise profile. 必填 / Required.
    pub enterprise: Enterprise,
    /// 装备与工序 / Equipment and processes.
    #[serde(default)]
    pub equipment: Equipment,
    /// 工业机器人 / Industrial robots.
    #[serde(default)]
    pub robots: Robots,
    /// 信息化 / 两化融合: 在用系统及其集成 / Information systems in use and their integration.
    #[serde(default)]
    pub informatization: Informatization,
    /// 数字化研发设计工具 / Digital R&D and design tools.
    #[serde(default)]
    pub digital_design: DigitalDesign,
    /// 成效 (三降两升), 相对基准年 / Results against a baseline year.
    #[serde(default)]
    pub results: Results,
    /// 质量 / Quality figures.
    #[serde(default)]
    pub quality: Quality,
    /// 成熟度自评 (GB/T 39116 的 12 个能力域) / Self-assessment of the 12 CMMM capability domains.
    #[serde(default)]
    pub self_assessment: SelfAssessment,
    /// 已获认定 / Recognitions already granted.
    #[serde(default)]
    pub recognitions: Recognitions,
    /// 专利、标准、品牌、质量奖 (当年获得) / Patents, standards, brands and quality prizes gained in the data year.
    #[serde(default)]
    pub ip_and_brands: IpAndBrands,
    /// 项目与投入 / Projects and investments.
    #[serde(default)]
    pub projects: Projects,
    /// 采购本地"数控一代"示范产品 / Purchases of local 数控一代 (CNC generation) demonstration products.
    #[serde(default)]
    pub purchases: Purchases,
    /// 电子商务 / E-commerce.
    #[serde(default)]
    pub ecommerce: Ecommerce,
    /// 物流 / Logistics.
    #[serde(default)]
    pub logistics: Logistics,
    /// 工业设计 / Industrial design.
    #[serde(default)]
    pub design: Design,
    /// 上市挂牌 / Capital-market listing.
    #[serde(default)]
    pub listing: Listing,
    /// 升级成本估计 (可选) / Optional cost estimates for upgrade actions.
    #[serde(default)]
    pub cost_estimates: CostEstimates,
    /// 中小企业数字化水平评测 (2024年版) 所需的情况 (v2, 可选) / What the 2024 SME
    /// digital-level assessment needs beyond v1 (v2, optional).
    #[serde(default)]
    pub digital: Digital,
    /// 智能工厂梯度培育 (基础级 → 领航级) 所需的情况 (v2, 可选) / What the
    /// smart-factory levels need (v2, optional).
    #[serde(default)]
    pub smart_factory: SmartFactory,
    /// 当前技改、数字化改造项目与投入 (2024 年起的泉州/福建政策) (v2, 可选) / Current
    /// upgrade and digital-transformation projects and spend (v2, optional).
    #[serde(default)]
    pub upgrades: Upgrades,
}

/// 数字化水平评测 (《中小企业数字化水平评测指标（2024年版）》, 工信厅企业〔2024〕56号, 制造业表) /
/// The 2024 SME digital-level assessment inputs (manufacturing table). Only what version 1
/// lacks: equipment counts (`equipment.*`), information systems (`informatization.systems`) and
/// the defect-rate change (`results.defect_rate_change_pct`) are read from where they are.
/// 多选题留空为"未填写"; 一项都没有请写 `[none]` / A multi-select left out is "not filled in";
/// write `[none]` when the factory has none of the options.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Digital {
    /// 网络建设连接情况 (多选) / Network building (multi-select). 例 / Example: `[control_network, industrial_5g]`.
    #[serde(default)]
    pub network: Option<Vec<NetworkBuild>>,
    /// 实现数据自动采集的业务环节 (多选) / Business areas with automatic data collection
    /// (multi-select). 例 / Example: `[production_control, quality, equipment]`.
    #[serde(default)]
    pub data_collection: Option<Vec<BusinessArea>>,
    /// 本地或云化信息化服务覆盖的业务环节; 不填时按 informatization.systems 的系统数估计 /
    /// Business areas covered by local or cloud information services; when left out, estimated
    /// from the number of `informatization.systems`.
    #[serde(default)]
    pub system_coverage: Option<SystemCoverage>,
    /// 网络安全举措 (多选) / Network-security measures (multi-select).
    #[serde(default)]
    pub network_security: Option<Vec<NetworkSecurity>>,
    /// 数据安全举措 (多选) / Data-security measures (multi-select).
    #[serde(default)]
    pub data_security: Option<Vec<DataSecurity>>,
    /// 规划实施: 对数字化的认识与执行水平 (单选) / Planning: how far digital transformation is
    /// understood and carried out (single choice).
    #[serde(default)]
    pub planning: Option<Planning>,
    /// 数字化管理制度 (多选) / Digital management rules in force (multi-select).
    #[serde(default)]
    pub management_rules: Option<Vec<ManagementRule>>,
    /// 人才建设 (多选) / Digital talent measures (multi-select).
    #[serde(default)]
    pub talent: Option<Vec<Talent>>,
    /// 近三年数字化投入占营业额比例, % (0–100) / Digital spend over the last three years as a
    /// share of revenue, % (0–100).
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub funding_share_pct: Option<f64>,
    /// 数字化成效: 改造前后或近两年的变化 / Results: change after vs before, or last year vs the year before.
    #[serde(default)]
    pub results: DigitalResults,
    /// 16 个数字化经营场景的等级 (0 未开展, 1–4 一级–四级) / Level of each of the 16 digital
    /// business scenes (0 none, 1–4 level one to four).
    #[serde(default)]
    pub scenes: DigitalScenes,
}

/// 网络建设选项 / Network-building options.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NetworkBuild {
    /// 车间工控网络支持自动化控制 / A shop-floor control network runs automatic control.
    ControlNetwork,
    /// 应用系统网络实现大规模设备、人员、信息系统互联 / An application network links equipment,
    /// people and information systems at scale.
    SystemInterconnect,
    /// 建设或租用 5G 工业网络 / Builds or rents a 5G industrial network.
    #[serde(rename = "industrial_5g")]
    Industrial5g,
    /// 网络全面覆盖生产现场, 可扩展 / The network covers the whole shop floor and can be extended.
    FullCoverage,
    /// 以上都没有 / None of these.
    None,
}

/// 业务环节 (数据采集覆盖) / Business areas (for data-collection coverage).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BusinessArea {
    /// 产品设计 / Product design.
    ProductDesign,
    /// 工艺设计 / Process design.
    ProcessDesign,
    /// 营销管理 / Marketing.
    Marketing,
    /// 售后服务 / After-sales service.
    AfterSales,
    /// 计划排程 / Planning and scheduling.
    PlanningScheduling,
    /// 生产管控 / Production control.
    ProductionControl,
    /// 质量管理 / Quality management.
    Quality,
    /// 设备管理 / Equipment management.
    Equipment,
    /// 安全生产 / Production safety.
    Safety,
    /// 能耗管理 / Energy management.
    Energy,
    /// 采购管理 / Procurement.
    Procurement,
    /// 仓储物流 / Warehousing and logistics.
    WarehousingLogistics,
    /// 财务管理 / Finance.
    Finance,
    /// 人力资源 / Human resources.
    HumanResources,
    /// 以上都没有 / None of these.
    None,
}

/// 信息化服务覆盖的业务环节 / How many business areas information services cover.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SystemCoverage {
    /// 无 / None.
    None,
    /// 单个环节 / One business area.
    Single,
    /// 两个及以上环节 / Two or more areas.
    Several,
    /// 超过 80% 的环节 / More than 80% of the areas.
    Most,
    /// 全部环节 / All areas.
    All,
}

/// 网络安全举措 / Network-security measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum NetworkSecurity {
    /// 网络安全管理制度 / Network-security rules.
    Policy,
    /// 使用网络安全产品或服务 / Security products or services in use.
    Products,
    /// 定期开展网络安全风险评估 / Regular risk assessments.
    RiskAssessment,
    /// 边界访问控制与入侵、恶意代码检测 / Boundary access control and intrusion / malware detection.
    AccessControl,
    /// 以上都没有 / None of these.
    None,
}

/// 数据安全举措 / Data-security measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DataSecurity {
    /// 数据安全管理制度 / Data-security rules.
    Policy,
    /// 数据加密、备份、脱敏或分级保护产品 / Encryption, backup, masking or graded-protection products.
    Protection,
    /// 定期开展数据安全风险评估 / Regular data-security risk assessments.
    RiskAssessment,
    /// 数据台账并定期核验 / A data inventory, checked regularly.
    Inventory,
    /// 以上都没有 / None of these.
    None,
}

/// 规划实施: 对数字化的认识与执行水平 (由低到高) / Planning: how far digital transformation
/// is understood and carried out (lowest first).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Planning {
    /// 尚未考虑 / Not considered.
    None,
    /// 主动了解数字化转型 / Actively learning about it.
    Aware,
    /// 已制定规划、计划和保障措施 / A plan with resources is in place.
    Planned,
    /// 已开始单点或多点数字化改造 / Single- or multi-point retrofits have started.
    Retrofitting,
    /// 已改变业务模式和管理决策方式并见效 / Business model and decision-making have changed, with results.
    Transformed,
    /// 最高一档 (两个来源的措辞不同, 见 docs/levels.md) / The top option (worded differently by
    /// the two sources; see docs/levels.md).
    Exemplary,
}

/// 数字化管理制度 / Digital management rules.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ManagementRule {
    /// 数字化实施工作流程 / A workflow for digital projects.
    Workflow,
    /// 信息系统建设运营制度 / Rules for building and running information systems.
    SystemOperation,
    /// 数据资源管理制度 / Data-resource management rules.
    DataManagement,
    /// 数字化创新激励制度 / Incentives for digital innovation.
    InnovationIncentive,
    /// 以上都没有 / None of these.
    None,
}

/// 人才建设举措 / Digital talent measures.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Talent {
    /// 有专职或兼职数字化人才 / Full- or part-time digital staff.
    DigitalStaff,
    /// 设有专门岗位或部门 / A dedicated post or department.
    DedicatedPost,
    /// 定期开展数字化培训 / Regular digital training.
    Training,
    /// 数字化人才绩效薪酬管理 / Performance pay for digital staff.
    PerformancePay,
    /// 数字化人才梯度培育机制 / A development path for digital staff.
    DevelopmentPath,
    /// 以上都没有 / None of these.
    None,
}

/// 变化方向 / Direction of a change.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    /// 增加 / Increased.
    Increased,
    /// 持平 / Flat.
    Flat,
    /// 降低 / Decreased.
    Decreased,
}

/// 数字化成效 (评测表的四项) / Digital results (the sheet's four items).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DigitalResults {
    /// 每百元营业收入综合能源消费量, 改造后相对改造前 / Energy use per 100 元 of revenue,
    /// after vs before the retrofit.
    #[serde(default)]
    pub energy_per_revenue: Option<Trend>,
    /// 月均产品合格率, 改造后相对改造前; 不填时由 results.defect_rate_change_pct 的正负得出 /
    /// Monthly average pass rate, after vs before; when left out, read from the sign of
    /// `results.defect_rate_change_pct`.
    #[serde(default)]
    pub pass_rate: Option<Trend>,
    /// 人均营业收入, 上年相对前年 / Revenue per head, last year vs the year before.
    #[serde(default)]
    pub revenue_per_head: Option<Trend>,
    /// 每百元营业收入中的成本, 上年相对前年 / Cost per 100 元 of revenue, last year vs the year before.
    #[serde(default)]
    pub cost_per_revenue: Option<Trend>,
}

/// 数字化经营场景等级: 0 未开展, 1 一级 (信息技术工具辅助), 2 二级 (信息化系统规范管理),
/// 3 三级 (系统集成、数据共享), 4 四级 (人工智能等驱动) / Scene levels: 0 none, 1 IT tools
/// assist, 2 systems manage, 3 integrated systems share data, 4 AI or models drive.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DigitalScenes {
    /// 产品设计 (约束性) / Product design (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub product_design: Option<u8>,
    /// 工艺设计 / Process design.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub process_design: Option<u8>,
    /// 营销管理 (约束性) / Marketing (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub marketing: Option<u8>,
    /// 售后服务 / After-sales service.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub after_sales: Option<u8>,
    /// 计划排程 / Planning and scheduling.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub planning_scheduling: Option<u8>,
    /// 生产管控 (约束性) / Production control (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub production_control: Option<u8>,
    /// 质量管理 (约束性) / Quality management (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub quality: Option<u8>,
    /// 设备管理 (约束性) / Equipment management (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub equipment: Option<u8>,
    /// 安全生产 (约束性) / Production safety (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub safety: Option<u8>,
    /// 能耗管理 (约束性) / Energy management (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub energy: Option<u8>,
    /// 采购管理 (约束性) / Procurement (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub procurement: Option<u8>,
    /// 仓储物流 (约束性) / Warehousing and logistics (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub warehousing_logistics: Option<u8>,
    /// 财务管理 (约束性) / Finance (constraint scene).
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub finance: Option<u8>,
    /// 人力资源 / Human resources.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub human_resources: Option<u8>,
    /// 协同办公 / Collaborative office work.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub collaborative_office: Option<u8>,
    /// 决策支持 / Decision support.
    #[schemars(range(min = 0, max = 4))]
    #[serde(default)]
    pub decision_support: Option<u8>,
}

impl DigitalScenes {
    /// Every scene's level with its field name, in the sheet's order.
    pub fn all(&self) -> [(&'static str, Option<u8>); 16] {
        [
            ("product_design", self.product_design),
            ("process_design", self.process_design),
            ("marketing", self.marketing),
            ("after_sales", self.after_sales),
            ("planning_scheduling", self.planning_scheduling),
            ("production_control", self.production_control),
            ("quality", self.quality),
            ("equipment", self.equipment),
            ("safety", self.safety),
            ("energy", self.energy),
            ("procurement", self.procurement),
            ("warehousing_logistics", self.warehousing_logistics),
            ("finance", self.finance),
            ("human_resources", self.human_resources),
            ("collaborative_office", self.collaborative_office),
            ("decision_support", self.decision_support),
        ]
    }
}

/// 智能工厂梯度培育 (工信厅联通装函〔2025〕251号《要素条件》) / The smart-factory
/// levels inputs. Everything is optional: a gate whose answer is missing is
/// "unknown", and the report lists the field to fill in. 规模以上 is
/// `enterprise.above_designated_size`, the estimated CMMM level comes from
/// `self_assessment`: neither is asked again here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SmartFactory {
    /// 近三年经营和财务状况良好 / Operations and finances sound over the last three years.
    #[serde(default)]
    pub finances_sound_3y: Option<bool>,
    /// 无不良信用记录 / No record of bad credit.
    #[serde(default)]
    pub no_bad_credit_record: Option<bool>,
    /// 无较大及以上安全、环保等事故, 无违法违规行为 / No major (较大) or worse safety or
    /// environmental accident, no breach of law or regulation.
    #[serde(default)]
    pub no_major_accidents: Option<bool>,
    /// 关键技术装备、工业软件、系统 (含工业控制系统) 安全可控, 网络和数据安全风险可控 / Key
    /// equipment, industrial software and systems (incl. ICS) secure and controllable,
    /// network and data-security risks under control.
    #[serde(default)]
    pub key_tech_secure_controllable: Option<bool>,
    /// 建立智能工厂统筹规划、建设和运营的组织机制 / An organisation that plans, builds and
    /// runs the smart factory.
    #[serde(default)]
    pub organisation_in_place: Option<bool>,
    /// 拥有一批智能制造专业人才 / A team of smart-manufacturing specialists.
    #[serde(default)]
    pub specialist_talent: Option<bool>,
    /// 在智能制造评估评价公共服务平台自评的智能制造能力成熟度等级 (GB/T 39116-2020, 0–5); 不填时用估算成熟度 /
    /// CMMM level self-assessed on c3mep.cn (GB/T 39116-2020, 0–5); when absent the
    /// estimated maturity level is used, and the report says so.
    #[schemars(range(min = 0, max = 5))]
    #[serde(default)]
    pub cmmm_self_assessed_level: Option<u8>,
    /// 已开展建设的场景维度 / Scene-construction dimensions covered. 例 / Example:
    /// `[production_operations, production_management]`.
    #[serde(default)]
    pub dimensions_covered: Option<Vec<SceneDimension>>,
    /// 主要技术经济指标与本省同行业相比 / The main technical and economic indicators
    /// against the province's sector. 不清楚留空 / Leave empty when not known.
    #[serde(default)]
    pub key_indicators_standing: Option<IndicatorStanding>,
    /// 应用人工智能技术的场景占全部建设场景的比例, % / Share of the factory's scenes using
    /// AI, in %. 例 / Example: 25.
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub ai_scene_share_pct: Option<f64>,
    /// 完成基础级自评的年份, 未自评留 null / Year the basic level (基础级) was
    /// self-assessed; null if not.
    #[schemars(range(min = 2024))]
    #[serde(default)]
    pub basic_self_assessed_year: Option<i32>,
    /// 获评先进级 (省级) 的年份 / Year recognised as an advanced (先进级, provincial) smart factory.
    #[schemars(range(min = 2024))]
    #[serde(default)]
    pub advanced_recognised_year: Option<i32>,
    /// 获评卓越级 (工信部等六部门) 的年份 / Year recognised as an excellent (卓越级, MIIT)
    /// smart factory.
    #[schemars(range(min = 2024))]
    #[serde(default)]
    pub excellent_recognised_year: Option<i32>,
    /// 获评领航级的年份 / Year recognised as a leading (领航级) smart factory.
    #[schemars(range(min = 2024))]
    #[serde(default)]
    pub leading_recognised_year: Option<i32>,
}

impl SmartFactory {
    /// The highest level recognised or self-assessed (1 基础级 … 4 领航级; 0 none):
    /// each year given counts, a higher one implies the ones below.
    pub fn recognised_level(&self) -> u8 {
        [
            self.leading_recognised_year,
            self.excellent_recognised_year,
            self.advanced_recognised_year,
            self.basic_self_assessed_year,
        ]
        .iter()
        .position(Option::is_some)
        .map_or(0, |i| 4 - i as u8)
    }
}

/// 场景建设维度 (《要素条件》的五个维度) / The five scene-construction dimensions of the
/// 要素条件.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SceneDimension {
    /// 工厂建设 / Factory construction.
    FactoryConstruction,
    /// 研发设计 / R&D and design.
    RdDesign,
    /// 生产作业 / Production operations.
    ProductionOperations,
    /// 生产管理 / Production management.
    ProductionManagement,
    /// 运营管理 / Operations management.
    OperationsManagement,
}

/// 主要技术经济指标的水平, 由低到高 / Where the main technical and economic
/// indicators stand, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorStanding {
    /// 低于本省同行业平均 / Below the provincial sector average.
    Below,
    /// 与本省同行业平均持平 / Level with the provincial sector average.
    Level,
    /// 高于本省同行业平均 / Above the provincial sector average.
    AboveAverage,
    /// 省内领先 / Leading in the province.
    ProvinceLeading,
    /// 国内领先 / Leading in China.
    NationalLeading,
    /// 全球领先 / Leading in the world.
    GlobalLeading,
}

/// 当前技改与数字化改造 (泉州市、福建省 2024 年起的政策用) / Current upgrade projects and
/// spend, for the Quanzhou and Fujian subsidies from 2024 (docs/current-subsidies.md).
/// 员工数、营业收入、规上、技术中心沿用 v1 的字段 / Employees, revenue, 规上 and technology
/// centres are the v1 fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Upgrades {
    /// 泉州中小企业数字化转型试点的细分行业 (泉工信〔2024〕243号) / The pilot's sector
    /// (细分行业) the enterprise belongs to.
    #[serde(default)]
    pub pilot_sector: Option<PilotSector>,
    /// 数字化改造投入 (不含税), 万元: 软件、云服务和网关、路由等数据采集传输设备 / Digital-
    /// transformation spend ex tax (software, cloud services, gateways, routers and other
    /// data-collection and transmission devices), in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub digital_spend_ex_tax_wan: Option<Wan>,
    /// 数字化改造合同已签订 / The digital-transformation contract is signed.
    #[serde(default)]
    pub digital_contract_signed: Option<bool>,
    /// 已付首付款 (不含税), 万元 / Down payment paid on that contract, ex tax, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub digital_down_payment_ex_tax_wan: Option<Wan>,
    /// 数字化水平已经评测机构现场评定, 评定等级与 digital 部分测算的等级一致 / The digital
    /// level was confirmed by an on-site grading (现场评定) and equals the level the `digital`
    /// section gives; otherwise that level is a self-estimate.
    #[serde(default)]
    pub digital_level_graded_on_site: Option<bool>,
    /// 建设期内生产性设备购置额 (不含增值税), 万元; 已安装使用 / Production equipment bought in
    /// the project's build period, ex VAT, installed and in use, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub production_equipment_ex_vat_wan: Option<Wan>,
    /// 技改项目设备投资 (含技术、软件、咨询设计), 万元 (福建省技改补助的基数) / The
    /// upgrade project's equipment investment including technology, software and design
    /// consulting, in 万元 (the base of the provincial grant).
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub project_equipment_investment_wan: Option<Wan>,
    /// 技改项目实际总投资, 万元 / The upgrade project's actual total investment, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub project_total_investment_wan: Option<Wan>,
    /// 项目建成后营业收入增长 / Revenue grew after the project was completed.
    #[serde(default)]
    pub revenue_grew_after_project: Option<bool>,
    /// 技改项目贷款余额, 万元 (贴息基数) / The upgrade project's loan, in 万元 (the base of
    /// the interest subsidy).
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub project_loan_wan: Option<Wan>,
    /// 项目已备案或核准 / The project is filed (备案) or approved (核准).
    #[serde(default)]
    pub project_filed: Option<bool>,
    /// 项目列入的重点技术改造项目库 (当年申报通知所要求年度的库): 省级、泉州市级或未列入 /
    /// The key technology-upgrade register the project is on, for the years the current call
    /// asks for (the 2025 call: the 2024 or 2025 register): provincial, municipal, or none.
    #[serde(default)]
    pub key_project_register: Option<RegisterLevel>,
    /// 研发设备原值 (不含增值税), 万元 (技术创新专项) / Original value of R&D equipment
    /// bought, ex VAT, in 万元 (the technology-innovation special fund).
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub rd_equipment_ex_vat_wan: Option<Wan>,
    /// 智能制造示范工厂 (国家级或省级) 及获评年份 / Recognised smart-manufacturing demonstration
    /// factory (national or provincial), with the year. 例 / Example: `{level: provincial, year: 2025}`.
    #[serde(default)]
    pub smart_demo_factory: Option<DemoFactory>,
    /// 数据年度内获评国家智能制造优秀场景的个数 / National excellent smart-manufacturing scenes
    /// (智能制造优秀场景) recognised in the data year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub excellent_scenes_national_new: Option<u32>,
    /// 数据年度内获评省级智能制造优秀场景的个数 / Provincial excellent smart-manufacturing
    /// scenes recognised in the data year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub excellent_scenes_provincial_new: Option<u32>,
}

/// 数字化转型试点的细分行业 (泉州, 2025 年申报通知) / The Quanzhou pilot's sectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PilotSector {
    /// 休闲体育用品 (现代体育产品) / Leisure and sports goods (modern sports products).
    LeisureSportsGoods,
    /// 食品加工 / Food processing.
    FoodProcessing,
    /// 工程机械与纺织专用设备 / Construction machinery and textile machinery.
    ConstructionTextileMachinery,
    /// 其他 (不在试点行业内) / Other (not a pilot sector).
    Other,
}

/// 重点技改项目库的级别 / Level of a key technology-upgrade project register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RegisterLevel {
    /// 省重点技术改造项目库 (省级入库项目也进入市级库) / The provincial register (a
    /// provincial project is also on the city's).
    Provincial,
    /// 泉州市重点技术改造项目库 / The Quanzhou city register.
    Municipal,
    /// 未列入 / On neither register.
    #[serde(rename = "none")]
    Neither,
}

/// 示范工厂级别 / Level of a demonstration factory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DemoLevel {
    /// 国家级 / National.
    National,
    /// 省级 / Provincial.
    Provincial,
}

/// 智能制造示范工厂 / A recognised smart-manufacturing demonstration factory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemoFactory {
    /// 级别 / Level. 必填 / Required.
    #[schemars(extend("x-fact" = {"absent": "none"}))]
    pub level: DemoLevel,
    /// 获评年份 / Year recognised.
    #[serde(default)]
    pub year: Option<i32>,
}

/// 所属产业 (政策所列) / Sector named by the policy.
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
    /// 纺织鞋服 / Textile, footwear and apparel.
    TextileFootwearApparel,
    /// 电子信息 / 新一代信息技术 / Electronics and new-generation IT.
    ElectronicsIt,
    /// 机械汽配 / 机械装备 / Machinery and auto parts.
    MachineryAutoParts,
    /// 纸制品装备 / Paper-product equipment.
    PaperProductEquipment,
    /// 其他 / Other.
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

/// 生产方式: 离散型或流程型; 决定数控化率的算法 / Discrete or process manufacturing; it decides how the
/// CNC ratio is computed (DOMAIN.md §1).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProductionMode {
    /// 离散型制造 / Discrete manufacturing.
    #[default]
    Discrete,
    /// 流程型制造 / Process manufacturing.
    Process,
}

/// 企业基本情况 / Enterprise profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Enterprise {
    /// 企业名称 (与营业执照一致) / Enterprise name, as on the business licence. 必填 / Required.
    #[serde(deserialize_with = "required_text")]
    pub name: String,
    /// 统一社会信用代码: 18 位, 末位为校验码 (GB 32100-2015), 请加引号 / Unified social
    /// credit code: 18 characters, the last a check character; put it in quotes.
    /// 例 / Example: "91350502MA344TQ887".
    #[serde(default)]
    pub credit_code: Option<String>,
    /// 所属产业 / Sector. 必填 / Required.
    pub sector: Sector,
    /// 生产方式: discrete 离散型 (默认) 或 process 流程型 / Discrete (default) or process manufacturing.
    #[serde(default)]
    pub production_mode: ProductionMode,
    /// 规模以上工业企业 (主营业务收入 ≥ 2,000 万元) / Above designated size (main business revenue ≥ 2,000 万元).
    #[serde(default)]
    pub above_designated_size: Option<bool>,
    /// 数据年度: 问卷数据所属年份 / Year the figures describe. 必填 / Required. 例 / Example: 2017.
    #[schemars(range(min = 2000, max = 2100))]
    pub data_year: i32,
    /// 总部在鲤城并统一纳税 / Headquarters registered in Licheng and paying tax there.
    #[serde(default)]
    pub headquartered_in_district: Option<bool>,
    /// 主营业务收入, 万元 / Main business revenue, in 万元 (10,000 CNY). 例 / Example: 2180.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub main_revenue_wan: Option<Wan>,
    /// 工业总产值 (当年价), 万元 / Industrial output value at current prices, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub industrial_output_wan: Option<Wan>,
    /// 年平均从业人员, 人 / Average employees in the year (persons).
    #[serde(default)]
    pub employees: Option<u32>,
    /// 产业工人, 人; 不超过从业人员 / Production (shop-floor) workers (persons); at most `employees`.
    #[serde(default)]
    pub production_workers: Option<u32>,
    /// 研发费用, 万元 / R&D expense, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub rd_expense_wan: Option<Wan>,
    /// 综合能耗, 吨标准煤 / Total energy consumption, tonnes of standard coal equivalent.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub energy_tce: Option<Wan>,
    /// 当年新增税收区留成财力, 万元: 区级奖励合计的封顶 / The district's retained share of
    /// the new tax revenue this enterprise brought in the data year, in 万元 (caps district awards).
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub new_tax_district_retained_wan: Option<Wan>,
    /// 智能制造装备企业: 生产数控系统、伺服电机、控制系统、机器人或自动化生产线 / Makes
    /// smart-manufacturing equipment (CNC systems, servo motors, control systems, robots, automated lines).
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub smart_equipment_maker: Option<bool>,
    /// 数控和智能制造企业 (二(六)2 上市挂牌奖励的对象), 未确认留 null / A CNC or
    /// smart-manufacturing enterprise (who the 二(六)2 listing award is for); null if not confirmed.
    #[serde(default)]
    pub cnc_smart_manufacturing_enterprise: Option<bool>,
    /// 高新技术企业 (企业所得税税率15%, 否则25%) / A high-tech enterprise (income tax 15%, otherwise 25%).
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub high_tech_enterprise: Option<bool>,
}

/// 装备与工序 / Equipment and processes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    /// 关键装备总数, 台(套) / Key production equipment (units).
    #[serde(default)]
    pub key_equipment_total: Option<u32>,
    /// 数控化关键装备, 台(套); 不超过关键装备总数 / Key equipment that is numerically
    /// controlled (units); at most `key_equipment_total`.
    #[serde(default)]
    pub key_equipment_cnc: Option<u32>,
    /// 生产设备总数, 台(套) / All production equipment (units).
    #[serde(default)]
    pub production_equipment_total: Option<u32>,
    /// 数字化生产设备 (能输出数据), 台(套); 不超过生产设备总数 / Digital production
    /// equipment (can output data), units; at most `production_equipment_total`.
    #[serde(default)]
    pub production_equipment_digital: Option<u32>,
    /// 联网的数字化生产设备, 台(套); 不超过数字化设备 / Networked digital equipment
    /// (units); at most `production_equipment_digital`.
    #[serde(default)]
    pub production_equipment_networked: Option<u32>,
    /// 关键工序总数 / Key processes (count).
    #[serde(default)]
    pub key_processes_total: Option<u32>,
    /// 自动化的关键工序; 不超过关键工序总数 / Key processes done automatically; at most `key_processes_total`.
    #[serde(default)]
    pub key_processes_automated: Option<u32>,
    /// 由 PLC/DCS 控制的关键工序 (流程型企业数控化率的分子) / Key processes under PLC/DCS
    /// control (process industries: the CNC ratio numerator); at most `key_processes_total`.
    #[serde(default)]
    pub key_processes_plc_dcs: Option<u32>,
    /// 数据自动采集的关键工序 / Key processes whose data is collected automatically; at most `key_processes_total`.
    #[serde(default)]
    pub key_processes_auto_data_collection: Option<u32>,
}

/// 工业机器人 / Industrial robots.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Robots {
    /// 在用工业机器人, 台 / Industrial robots in operation (units).
    #[serde(default)]
    pub industrial_robots: Option<u32>,
}

/// 信息系统 / An information system.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum System {
    /// ERP 企业资源计划 / Enterprise resource planning.
    Erp,
    /// MES 制造执行系统 / Manufacturing execution system.
    Mes,
    /// PLM/PDM 产品生命周期管理 / 产品数据管理 / Product lifecycle / data management.
    Plm,
    /// SCADA/DCS 数据采集与监控 / 分布式控制 / Supervisory control / distributed control.
    Scada,
    /// WMS 仓储管理 / Warehouse management.
    Wms,
    /// APS 高级计划排程 / Advanced planning and scheduling.
    Aps,
    /// QMS 质量管理 / Quality management.
    Qms,
    /// EMS 能源管理 / Energy management.
    Ems,
    /// CRM 客户关系管理 / Customer relationship management.
    Crm,
    /// SRM 供应商关系管理 / Supplier relationship management.
    Srm,
    /// 生产设备层 (仅用于集成, 如 [mes, equipment]) / The shop-floor equipment layer (for
    /// integrations only, e.g. `[mes, equipment]`).
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

/// 信息化: 在用系统与集成 / Information systems in use and integrations.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Informatization {
    /// 在用信息系统 / Systems in use. 例 / Example: `[erp, mes, plm]`.
    #[serde(default)]
    pub systems: Option<Vec<System>>,
    /// 已集成的系统对; 两个系统都要出现在 systems 中 (equipment 除外) / Integrated pairs;
    /// both must be in `systems` (except `equipment`). 例 / Example: `[[erp, mes], [mes, equipment]]`.
    #[serde(default)]
    pub integrations: Option<Vec<[System; 2]>>,
    /// 已通过两化融合管理体系评定 (GB/T 23001) / Holds a GB/T 23001 certificate (两化融合管理体系).
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

/// 数字化设计工具 / Digital design tool.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DesignTool {
    /// CAD 计算机辅助设计 / Computer-aided design.
    Cad,
    /// CAE 计算机辅助工程分析 / Computer-aided engineering / simulation.
    Cae,
    /// CAPP 计算机辅助工艺规划 / Computer-aided process planning.
    Capp,
    /// CAM 计算机辅助制造 / Computer-aided manufacturing.
    Cam,
    /// PDM 产品数据管理 / Product data management.
    Pdm,
}

/// 数字化研发设计 / Digital R&D and design.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DigitalDesign {
    /// 在用的数字化设计工具 / Tools in use. 例 / Example: `[cad, cam]`.
    #[serde(default)]
    pub tools: Option<Vec<DesignTool>>,
    /// 用数字化工具完成的设计工作占比, % (0–100) / Share of design work done with digital tools, % (0–100).
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub design_work_digital_pct: Option<f64>,
}

/// 成效 (三降两升): 相对基准年的变化 %, 下降写负数 / Results against a baseline year, each
/// a % change (negative = fall).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// 基准年, 早于数据年度 / Baseline year, before the data year.
    #[serde(default)]
    pub baseline_year: Option<i32>,
    /// 运营成本变化 %, 目标 ≤ −20 / Change in operating cost, %; target ≤ −20.
    #[schemars(range(min = -100, max = 1000))]
    #[serde(default)]
    pub operating_cost_change_pct: Option<f64>,
    /// 产品研制周期变化 %, 目标 ≤ −20 / Change in the product R&D cycle, %; target ≤ −20.
    #[schemars(range(min = -100, max = 1000))]
    #[serde(default)]
    pub rd_cycle_change_pct: Option<f64>,
    /// 生产效率变化 %, 目标 ≥ +20 / Change in production efficiency, %; target ≥ +20.
    #[schemars(range(min = -100, max = 1000))]
    #[serde(default)]
    pub production_efficiency_change_pct: Option<f64>,
    /// 不良品率变化 % (相对变化, 不是百分点), 目标 ≤ −10 / Relative change in the defect
    /// rate, % (not percentage points); target ≤ −10.
    #[schemars(range(min = -100, max = 1000))]
    #[serde(default)]
    pub defect_rate_change_pct: Option<f64>,
    /// 能源利用率变化 %, 目标 ≥ +4 / Change in energy utilisation, %; target ≥ +4.
    #[schemars(range(min = -100, max = 1000))]
    #[serde(default)]
    pub energy_utilisation_change_pct: Option<f64>,
}

/// 质量 / Quality figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// 国家监督抽查合格率 %, 未被抽查留 null / Pass rate in national supervisory spot checks, %; null if not sampled.
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub national_spot_check_pass_pct: Option<f64>,
    /// 省级监督抽查合格率 %, 未被抽查留 null / Pass rate in provincial supervisory spot checks, %; null if not sampled.
    #[schemars(range(min = 0, max = 100))]
    #[serde(default)]
    pub provincial_spot_check_pass_pct: Option<f64>,
}

/// 一个能力域的自评: 全部满足的最高等级, 以及下一级满足多少 / Self-rating of one CMMM
/// capability domain: the highest level whose statement fits in full, and how much of the next level is met.
/// 例 / Example: `{level: 2, next: most}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainRating {
    /// 全部满足的最高等级 (0–5) / Highest level (0–5) whose statement the factory meets in full. 必填 / Required.
    #[schemars(range(min = 0, max = 5))]
    pub level: u8,
    /// 下一级满足程度: most 大部分 (0.8), part 部分 (0.5), none 不满足 (0, 默认) / How much
    /// of the next level is met: `most` (0.8), `part` (0.5) or `none` (0, the default).
    #[serde(default)]
    pub next: NextLevelFit,
}

/// 下一级要求满足程度 (GB/T 39117 评分) / How much of the next level's requirements are met (GB/T 39117 ratings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NextLevelFit {
    /// 大部分满足 (0.8) / Mostly met (0.8).
    Most,
    /// 部分满足 (0.5) / Partly met (0.5).
    Part,
    /// 不满足 (0) / Not met (0).
    #[default]
    None,
}

/// 成熟度自评, 每个能力域一项 (GB/T 39116-2020, 12 个能力域) / Self-assessment per CMMM domain (GB/T 39116-2020, 12 domains).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SelfAssessment {
    /// 组织战略 / Organisation & strategy.
    #[serde(default)]
    pub strategy: Option<DomainRating>,
    /// 人员技能 / Personnel skills.
    #[serde(default)]
    pub personnel_skills: Option<DomainRating>,
    /// 数据 / Data.
    #[serde(default)]
    pub data: Option<DomainRating>,
    /// 集成 / Integration.
    #[serde(default)]
    pub integration: Option<DomainRating>,
    /// 信息安全 / Information security.
    #[serde(default)]
    pub information_security: Option<DomainRating>,
    /// 装备 (不超过数控化率支持的等级) / Equipment (capped by the level the CNC ratio supports).
    #[serde(default)]
    pub equipment: Option<DomainRating>,
    /// 网络 (不超过联网率支持的等级) / Network (capped by the level the networking rate supports).
    #[serde(default)]
    pub network: Option<DomainRating>,
    /// 设计 / Design.
    #[serde(default)]
    pub design: Option<DomainRating>,
    /// 生产 / Production.
    #[serde(default)]
    pub production: Option<DomainRating>,
    /// 物流 / Logistics.
    #[serde(default)]
    pub logistics: Option<DomainRating>,
    /// 销售 / Sales.
    #[serde(default)]
    pub sales: Option<DomainRating>,
    /// 服务 / Service.
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

/// 认定级别 / Administrative level of a recognition.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// 国家级 / National.
    National,
    /// 省级 / Provincial.
    Provincial,
    /// 市级 / Municipal.
    Municipal,
}

/// 带级别和年份的认定 / A recognition with its level and year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LeveledRecognition {
    /// 级别 / Level. 必填 / Required.
    #[schemars(extend("x-fact" = {"name": "recognitions.industrial_design_center_level", "absent": "none"}))]
    pub level: Level,
    /// 认定年份 / Year granted.
    #[serde(default)]
    pub year: Option<i32>,
}

/// 技术中心类型 / Kind of technology centre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CenterKind {
    /// 企业技术中心 / Enterprise technology centre.
    EnterpriseTechCenter,
    /// 工程研究中心 / Engineering research centre.
    EngineeringResearchCenter,
}

/// 已认定的技术中心 / A recognised technology centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TechCenter {
    /// 类型 / Kind of centre. 必填 / Required.
    pub kind: CenterKind,
    /// 级别 / Level. 必填 / Required.
    pub level: Level,
    /// 认定年份 / Year recognised.
    #[serde(default)]
    pub year: Option<i32>,
}

/// 已获认定. 认定年份等于数据年度即为"新认定" / Recognitions already granted; a year equal to
/// the data year means "newly recognised" (新认定).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Recognitions {
    /// 智能工厂认定年份 (市级), 未认定留 null / Year the city recognised a smart factory; null if not.
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub smart_factory_year: Option<i32>,
    /// 数字化车间认定年份 (市级), 未认定留 null / Year the city recognised a digital workshop; null if not.
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub digital_workshop_year: Option<i32>,
    /// 泉州市/鲤城区"数控一代"示范企业 / Listed as a Quanzhou / Licheng 数控一代 demonstration enterprise.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub cnc_generation_demo_enterprise: Option<bool>,
    /// 市级以上科研院所 / 公共技术服务平台, 获市级专项资金 (二(四)1) / Recognised city-level-or-above
    /// research institute or public technology service platform that received city special funds.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub public_tech_platform_with_city_funds: Option<bool>,
    /// 认定并获市级专项资金的年份 (一次性补助, 该年度才给) / Year it was recognised and
    /// received the city funds (a one-off grant, paid in that year only).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub public_tech_platform_year: Option<i32>,
    /// 新型科研机构 (泉科〔2015〕108号), 建设中 (二(四)2) / New-type research institution, under construction.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub new_research_institution: Option<bool>,
    /// 新型科研机构认定 (进入建设阶段) 的年份 / Year it was recognised (construction grant, paid once).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub new_research_institution_year: Option<i32>,
    /// 企业技术中心 / 工程研究中心 (二(四)3) / Recognised enterprise technology or engineering research centres.
    #[serde(default)]
    pub tech_centers: Option<Vec<TechCenter>>,
    /// 工业设计中心 (四(三)1) / Recognised industrial design centre. 例 / Example: `{level: municipal, year: 2017}`.
    #[serde(default)]
    pub industrial_design_center: Option<LeveledRecognition>,
    /// 市级商业模式创新典型示范企业 (四(五)1) / City-recognised business-model innovation demonstration enterprise.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub business_model_innovation_demo: Option<bool>,
    /// 商业模式创新示范认定年份 (每家一次) / Year recognised as a business-model innovation demonstration (paid once per enterprise).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub business_model_innovation_demo_year: Option<i32>,
    /// 市级服务型制造转型示范企业 (四(六)1) / City-recognised service-oriented manufacturing demonstration enterprise.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub service_manufacturing_demo: Option<bool>,
    /// 服务型制造示范认定年份 (每家一次) / Year recognised as a service-oriented manufacturing demonstration (paid once per enterprise).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub service_manufacturing_demo_year: Option<i32>,
}

/// 专利奖 / A patent prize.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PatentPrize {
    /// 中国专利金奖 / China Patent Gold Award.
    ChinaGold,
    /// 中国专利优秀奖 / China Patent Excellence Award.
    ChinaExcellence,
    /// 中国外观设计金奖 / China Design Patent Gold Award.
    ChinaDesignGold,
    /// 福建省专利特等奖 / Fujian patent award, special prize.
    ProvincialSpecial,
    /// 福建省专利一等奖 / Fujian patent award, first prize.
    ProvincialFirst,
    /// 福建省专利二等奖 / Fujian patent award, second prize.
    ProvincialSecond,
    /// 泉州市专利重大发明奖 / Quanzhou major invention patent award.
    MunicipalMajor,
    /// 泉州市专利一等奖 / Quanzhou patent award, first prize.
    MunicipalFirst,
    /// 泉州市专利二等奖 / Quanzhou patent award, second prize.
    MunicipalSecond,
}

/// 标准制修订 / Participation in standard-setting.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum StandardRole {
    /// 国际标准第一起草单位, 或企业标准直接提升为国际标准 / First drafter of an international
    /// standard, or an enterprise standard adopted as international.
    InternationalLead,
    /// 参与制修订国际标准 / Took part in an international standard.
    International,
    /// 参与制定国家标准 / Took part in a national standard.
    National,
    /// 参与制定行业标准 / Took part in an industry standard.
    Industry,
    /// 参与制定地方标准 / Took part in a local standard.
    Local,
}

/// 品牌称号 / Brand titles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum BrandTitle {
    /// 中国驰名商标 / China well-known trademark.
    ChinaWellKnownTrademark,
    /// 中国名牌产品 / China famous-brand product.
    ChinaFamousBrandProduct,
    /// 福建省名牌产品 / Fujian famous-brand product.
    ProvincialFamousBrandProduct,
    /// 福建省著名商标 / Fujian famous trademark.
    ProvincialFamousTrademark,
}

/// 质量奖 / Quality prizes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum QualityPrize {
    /// 福建省质量奖 / Fujian Quality Award.
    FujianQualityAward,
    /// 泉州市质量奖 / Quanzhou Quality Award.
    QuanzhouQualityAward,
}

/// 当年获得的专利、标准、品牌、质量奖 / Awards, patents, standards and brands gained in the data year.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IpAndBrands {
    /// 当年国内外发明专利授权数, 件 / Invention patents granted in the data year (domestic or foreign).
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub invention_patents_granted: Option<u32>,
    /// 当年获得的专利奖, 每个奖一项 / Patent prizes won in the data year, one entry per prize.
    #[serde(default)]
    pub patent_prizes: Option<Vec<PatentPrize>>,
    /// 当年完成的标准制修订, 每个标准一项 / Standards work completed in the data year, one entry per standard.
    #[serde(default)]
    pub standards: Option<Vec<StandardRole>>,
    /// 当年获得的品牌称号 / Brand titles gained in the data year.
    #[serde(default)]
    pub brand_titles: Option<Vec<BrandTitle>>,
    /// 当年获得的质量奖 / Quality prizes won in the data year.
    #[serde(default)]
    pub quality_prizes: Option<Vec<QualityPrize>>,
}

/// 首台(套)范围 / Scope of a first-unit (首台套) recognition.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FirstSetScope {
    /// 国内首台(套) / First unit in China.
    Domestic,
    /// 省内首台(套) / First unit in Fujian.
    Provincial,
}

/// 首台(套)重大技术装备产品 / A first-unit CNC major equipment product.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstSetEquipment {
    /// 产品名称 / Product name. 必填 / Required.
    #[serde(deserialize_with = "required_text")]
    pub name: String,
    /// 首台(套)范围: domestic 国内 或 provincial 省内 / Domestic or provincial first unit. 必填 / Required.
    pub scope: FirstSetScope,
    /// 经省认定为首台(套), 默认 false / Recognised by the province as 首台(套); default false.
    #[serde(default)]
    pub recognised_by_province: bool,
    /// 销售价格, 万元 / Sale price, in 万元.
    #[serde(default)]
    pub sale_price_wan: Option<Wan>,
    /// 开发费用, 万元 (市级补助 30%) / Development cost, in 万元 (for the city's 30% grant).
    #[serde(default)]
    pub development_cost_wan: Option<Wan>,
    /// 在原理、结构或性能上有较大创新并经认定, 默认 false / Recognised as a major innovation
    /// in principle, structure or performance; default false.
    #[serde(default)]
    pub major_innovation_recognised: bool,
    /// 经省认定为首台(套)的年份 (补助按认定一次性给予) / Year the province recognised it
    /// (the grants are paid once, in that year).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub recognition_year: Option<i32>,
}

/// 示范生产线 / 车间 / 工厂项目 (二(三)3) / A demonstration line / workshop / factory project.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DemoLineProject {
    /// 项目名称 / Project name. 必填 / Required.
    #[serde(deserialize_with = "required_text")]
    pub name: String,
    /// 与科研院所共同研发建设, 默认 false / Built jointly with a research institute; default false.
    #[serde(default)]
    pub with_research_institute: bool,
    /// 列入重点示范, 默认 false / Listed as a key demonstration line / workshop / factory; default false.
    #[serde(default)]
    pub listed_as_key_demo: bool,
    /// 研发和建设总投入, 万元 / Total R&D and construction investment, in 万元.
    #[serde(default)]
    pub investment_wan: Option<Wan>,
    /// 列入重点示范的年份 (每个项目补助一次) / Year it was listed as key demonstration (paid once per project).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub listed_year: Option<i32>,
}

/// 项目与投入 / Projects and investments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Projects {
    /// 为本地产业开发数控智能装备 / 行业专用机器人 (二(三)1) / Develops CNC smart equipment or
    /// industry robots for local industries.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub smart_equipment_rd: Option<bool>,
    /// 该研发已获省、市扶持 (区级扶持在此之上) / Province or city already supports that
    /// development (district support comes on top).
    #[serde(default)]
    pub smart_equipment_rd_supported_by_province_or_city: Option<bool>,
    /// 首台(套)重大技术装备产品 (二(三)2) / First-unit equipment products.
    #[serde(default)]
    pub first_set_equipment: Option<Vec<FirstSetEquipment>>,
    /// 示范生产线 / 车间 / 工厂项目 (二(三)3) / Demonstration line projects.
    #[serde(default)]
    pub demo_lines: Option<Vec<DemoLineProject>>,
    /// 承担的数控 / 智能技术重大研发项目数 (二(三)4) / Major CNC or smart-technology R&D projects undertaken.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub major_cnc_rd_projects: Option<u32>,
    /// 计入当期损益的研发费用, 万元 (加计扣除) / R&D expense expensed in the year, in 万元
    /// (二(三)4 super-deduction).
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub rd_expensed_wan: Option<Wan>,
    /// 当年研发形成的无形资产成本, 万元 / Cost of intangible assets formed by the year's R&D, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub rd_intangible_cost_wan: Option<Wan>,
    /// 数据年度内正在摊销的研发形成无形资产的成本合计, 万元 (150% 摊销) / Total cost of the
    /// R&D-formed intangible assets being amortised in the data year, in 万元 (amortised at 150%).
    #[schemars(range(min = 0))]
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub rd_intangibles_amortised_cost_wan: Option<Wan>,
    /// 上述无形资产的摊销年限, 不少于10年 (默认10) / Amortisation period of those assets, at
    /// least 10 years (default 10).
    #[schemars(range(min = 10))]
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 10}))]
    pub rd_amortisation_years: Option<u32>,
    /// 企业运营的众创空间 (四(六)2), 没有留 null / Maker space run by the enterprise; null if none.
    #[serde(default)]
    pub maker_space: Option<MakerSpace>,
    /// 组织品牌企业对接知名电商平台且成效明显 (四(六)3) / Organises brand firms onto major
    /// e-commerce platforms with clear results.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub ecommerce_platform_docking: Option<bool>,
    /// 运营泉州网商 (虚拟) 产业园, 经验收 (四(六)3): central 中心园区 或 branch 鲤城分园 /
    /// Operates the online-business (virtual) park after acceptance: `central` or `branch`.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": "none"}))]
    pub online_business_park: Option<ParkRole>,
    /// 产业园验收年份 (补助一次) / Year the park passed acceptance (paid once).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub online_business_park_year: Option<i32>,
    /// 作为被引进的运营商来鲤创办众创空间的年份 (四(六)2 启动资金, 一次) / Year the enterprise,
    /// as an operator brought into Licheng, set up a maker space (四(六)2 start-up money, once).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub maker_space_operator_introduced_year: Option<i32>,
}

/// 众创空间 / A maker space.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MakerSpace {
    /// 面积, 平方米 / Floor area, m².
    #[serde(default)]
    pub area_m2: Option<Wan>,
    /// 投入, 万元 / Investment, in 万元.
    #[serde(default)]
    pub investment_wan: Option<Wan>,
    /// 经组织评估运营较好 / Passed the evaluation as operating well.
    #[serde(default)]
    pub operating_well: Option<bool>,
    /// 经组织评估的年份 (补贴一次) / Year of the evaluation (the subsidy is paid once).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub evaluated_year: Option<i32>,
}

/// 在泉州网商 (虚拟) 产业园中的角色 / Role in the Quanzhou online-business (virtual) industrial park.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ParkRole {
    /// 中心园区运营方 / Operator of the central park.
    Central,
    /// 鲤城分园运营方 / Operator of the Licheng branch.
    Branch,
}

/// 采购本地"数控一代"示范产品 (二(五)2) / Purchases of local 数控一代 demonstration products.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Purchases {
    /// 当年采购数量, 台(套) / Units bought in the data year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub cnc_generation_units: Option<u32>,
    /// 采购发票总价 (不含税), 万元 / Invoice total excluding tax, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub cnc_generation_invoice_ex_tax_wan: Option<Wan>,
}

/// 电子商务 (四(二)) / E-commerce.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ecommerce {
    /// 网络零售原创品牌 / An original online retail brand.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub original_online_brand: Option<bool>,
    /// 注册地及结算地在泉州 / Registered and settling accounts in Quanzhou.
    #[serde(default)]
    pub registered_and_settled_in_quanzhou: Option<bool>,
    /// 传统转型品牌 / A traditional brand turning to online.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub traditional_brand: Option<bool>,
    /// 当年网上销售额, 万元 / Online sales in the year, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub online_sales_wan: Option<Wan>,
    /// 当年网上销售额 (含分销), 万元 / Online sales including distribution, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub online_sales_incl_distribution_wan: Option<Wan>,
    /// 当年销售总额, 万元 / Total sales in the year, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    pub total_sales_wan: Option<Wan>,
    /// 跨境电商当年国际物流费用, 万元 / Cross-border e-commerce: international logistics cost
    /// in the year, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub cross_border_logistics_cost_wan: Option<Wan>,
    /// 入驻泉州市网商(虚拟)产业园(鲤城分园) (四(六)3 一址多照) / Settled in the Quanzhou
    /// online-business (virtual) park, Licheng branch (四(六)3: several licences at one address).
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": false}))]
    pub settled_in_online_business_park: Option<bool>,
}

/// A 级物流企业等级 (写成带引号的 "3A" / "4A" / "5A") / National logistics enterprise rating
/// (written in quotes: "3A", "4A", "5A").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
pub enum LogisticsRating {
    /// AAA 级 / AAA.
    #[serde(rename = "3A")]
    A3,
    /// AAAA 级 / AAAA.
    #[serde(rename = "4A")]
    A4,
    /// AAAAA 级 / AAAAA.
    #[serde(rename = "5A")]
    A5,
}

/// 现代物流 (四(四), 四(七)3) / Logistics.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Logistics {
    /// 当年获评的等级 / Rating gained in the data year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": "none"}))]
    pub rating: Option<LogisticsRating>,
    /// 原有等级, 首次评级留 null / Rating held before; null = first rating.
    #[serde(default)]
    pub previous_rating: Option<LogisticsRating>,
    /// 新建电商标准化仓储设施 / 分拣中心 (四(四)2) / New standard e-commerce warehouses or sorting centres.
    #[serde(default)]
    pub warehouses: Option<Vec<Warehouse>>,
    /// 第三方物流仓单质押担保: 当年担保责任余额, 万元 (四(七)3) / Third-party logistics
    /// warehouse giving receipts as collateral with a guarantee: the year's guarantee balance, in 万元.
    #[schemars(range(min = 0))]
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub receipt_guarantee_balance_wan: Option<Wan>,
}

/// 新建电商仓储设施 / A new e-commerce warehouse.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warehouse {
    /// 面积, 平方米 / Floor area, m². 必填 / Required.
    pub area_m2: Wan,
    /// 服务本区电商企业数 / Licheng e-commerce firms it serves. 必填 / Required.
    pub ecommerce_clients_in_district: u32,
    /// 投资额, 万元 / Investment, in 万元. 必填 / Required.
    pub investment_wan: Wan,
    /// 建成年份 ("新建", 补助一次) / Year it was built ("新建", paid once).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub built_year: Option<i32>,
}

/// 设计大赛奖项 / Design prize ranks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DesignPrize {
    /// 一等奖 (或金奖) / First prize (or gold).
    First,
    /// 二等奖 / Second prize.
    Second,
    /// 三等奖 / Third prize.
    Third,
}

/// 工业设计 (四(三)) / Industrial design.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// 当年举办的区域性工业设计比赛 / Regional design competitions hosted in the year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub competitions_hosted: Option<u32>,
    /// 在 iF、红点、IDEA、G-mark、中国优秀工业设计奖获奖 / Prizes won at iF, red dot, IDEA,
    /// G-mark or China Excellent Industrial Design. 例 / Example: `[first, third]`.
    #[serde(default)]
    pub competition_prizes: Option<Vec<DesignPrize>>,
    /// 举办大学生工业设计坊次数 / Student industrial-design workshops run.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub student_workshops: Option<u32>,
    /// 与知名设计机构对接、效益明显的示范项目数 / Design-transfer demonstration projects with
    /// a renowned design firm, clear benefit.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": 0}))]
    pub design_transfer_demo_projects: Option<u32>,
    /// 这些示范项目获认定的年份 (每个项目补助一次) / Year these demonstration projects were
    /// recognised (paid once per project).
    #[schemars(range(min = 1949))]
    #[serde(default)]
    pub design_transfer_demo_year: Option<i32>,
}

/// 上市挂牌场所 / Listing venue.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ListingVenue {
    /// 首次公开发行股票并上市 / Initial public offering.
    Ipo,
    /// 全国股份转让系统 (新三板) / National Equities Exchange and Quotations.
    Neeq,
    /// 海峡股权泉州交易中心交易板 / Haixia Equity Exchange, Quanzhou board.
    HaixiaQuanzhou,
}

/// 上市挂牌 (二(六)2) / Capital-market listing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Listing {
    /// 当年上市挂牌的场所 / Venue listed on in the data year.
    #[serde(default)]
    #[schemars(extend("x-fact" = {"absent": "none"}))]
    pub venue: Option<ListingVenue>,
}

/// 升级成本估计, 每单位万元 (可选); 不填时用评估标准包中的默认参考值并标为"估计" /
/// Optional cost estimates for upgrade actions, 万元 per unit; when absent, the criteria pack's
/// default unit costs are used and labelled as estimates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CostEstimates {
    /// 单台关键装备数控化改造或更换成本, 万元 / Cost to convert or replace one key machine with a CNC one, in 万元.
    #[serde(default)]
    pub cnc_unit_wan: Option<Wan>,
    /// 单台工业机器人 (含安装) 成本, 万元 / Cost of one industrial robot, installed, in 万元.
    #[serde(default)]
    pub robot_wan: Option<Wan>,
    /// 单台设备联网成本, 万元 / Cost to network one digital machine, in 万元.
    #[serde(default)]
    pub network_connection_wan: Option<Wan>,
}

//! Policy pack format (政策包): tracks as dated, cited data.
//!
//! A pack is YAML. Everything that changes with policy — thresholds, amounts,
//! caps, funder splits, clause references, the validity dates — is here; the
//! engine in [`super::eval`] holds only the mechanisms. All money in a pack is
//! CNY (元). See `docs/policy-authoring.md`.

use crate::lang::Text;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// 政策包: 一份政策文件的全部扶持项, 金额单位为元 / A policy pack: every subsidy track of one
/// policy document, money in CNY (元).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyPack {
    /// 稳定标识 / Stable id. 例 / Example: `licheng-2016`.
    pub id: String,
    /// 政策包版本, 数据每次改动都要更新 / Pack version (changes whenever the data changes).
    pub version: String,
    /// 政策文件标题 / Title of the policy document.
    pub title: Text,
    /// 发文机关 / Issuing body.
    pub issuer: Text,
    /// 文号及日期, 如 "泉工信〔2024〕243号 (2024-12-xx)"; 扶持项可另写 / The document number
    /// and date, e.g. 泉工信〔2024〕243号; a track may name its own. Shown beside every track.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Text>,
    /// 来源可信度 (O, O-r, S, T, M); 扶持项可另写; S/T/M 的金额是参考值 / How sure the pack's
    /// figures are; a track may set its own. Figures tagged S, T or M are reference values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<crate::engine::confidence::Confidence>,
    /// 发文日期 (YYYY-MM-DD) / Date of the document (YYYY-MM-DD).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub document_date: String,
    /// 生效日期 (YYYY-MM-DD) / First day in force (YYYY-MM-DD).
    #[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    pub effective_from: String,
    /// 失效日期 (YYYY-MM-DD), 如有 / Last day in force (YYYY-MM-DD), if the pack sets one.
    #[serde(default)]
    pub effective_to: Option<String>,
    /// 有效期的理由 (文件可能未写明截止日期) / Why these dates (the notice may not state an end).
    #[serde(default)]
    pub validity_interpretation: Option<Text>,
    /// 测算期限 (解读 [R]): 数据年度晚于此年份时发出警告, 但照常测算; 多个时按解读选一个 /
    /// Horizon (a labelled reading [R]): a data year after it gets a warning, never a silent
    /// zero. Several entries gated by a reading (`under`); the one left after the readings apply is used.
    #[serde(default)]
    pub horizon: Vec<Horizon>,
    /// 对条文歧义的解读, 作为数据记录; 用户可用 `--reading ID=ALT` 选另一种 /
    /// Readings of ambiguous text, as data; a user may pick the alternative with `--reading ID=ALT`.
    #[serde(default)]
    pub readings: Vec<Reading>,
    /// 政策原文文件 / The source file of the policy text.
    pub source_file: String,
    /// "接近"的幅度: 数值条件差距不超过门槛的这一比例时报告为 near (0.2 = 20% 以内) /
    /// "Near" margin: a numeric condition missed by at most this share of its threshold is reported
    /// as `near` (e.g. 0.2 = within 20%).
    pub near_within: Decimal,
    /// 出资方 (省、市、区、国家……); 不写时为省、市、区三级 / The funders the tracks pay through;
    /// province, city and district when absent.
    #[serde(default)]
    pub funders: Vec<FunderDecl>,
    /// The declared funders as shared handles, in declaration order (set at
    /// load; every funder a track names is one of these, so totals clone
    /// handles instead of building funders per enterprise).
    #[serde(skip)]
    #[schemars(skip)]
    pub funder_handles: Vec<Funder>,
    /// 每家企业从一个出资方所得奖励的封顶 (2016 通知: 区级) / The per-enterprise cap on one
    /// funder's awards (the district's in the 2016 notice).
    #[serde(default, alias = "funder_cap")]
    pub district_cap: Option<DistrictCap>,
    /// 就高不重复: 同一事项符合多项扶持时只享受金额最高的一项 / "The highest only, not
    /// stacked": of the listed tracks an enterprise qualifies for, only the largest award is paid.
    #[serde(default)]
    pub highest_only: Vec<HighestOnly>,
    /// 扶持项 / Subsidy tracks.
    pub tracks: Vec<Track>,
    /// The pack as written, before the readings were applied (kept so that
    /// other readings can be chosen later; not part of the file).
    #[serde(skip)]
    #[schemars(skip)]
    pub as_written: Option<Box<PolicyPack>>,
}

/// 就高不重复 / Of these tracks, only the one with the largest award is paid.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HighestOnly {
    /// 条款 / Clause.
    pub clause: String,
    /// 互不叠加的扶持项 id, 至少两个 / Ids of the tracks that do not stack (at least two).
    pub tracks: Vec<String>,
    /// 说明 / Explanation.
    pub note: Text,
    /// Positions of `tracks` in the pack (set at load; not part of the file).
    #[serde(skip)]
    #[schemars(skip)]
    pub positions: Vec<usize>,
}

/// 一家企业一年从某一出资方 (默认区级) 所得奖励合计的封顶 / Cap on one funder's share (the
/// district's by default) for one enterprise in one year. Written `district_cap` (or `funder_cap`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DistrictCap {
    /// 条款 / Clause.
    pub clause: String,
    /// 受封顶的出资方 (默认区级) / The funder whose awards are capped (the district by default).
    #[serde(default = "district_funder")]
    pub funder: Funder,
    /// 存放封顶金额的金额事实 / Money fact holding the cap. 例 / Example: `enterprise.new_tax_district_retained`.
    /// fact 与 amount 恰好设一个 / Exactly one of `fact` and `amount` is set.
    #[serde(default)]
    pub fact: Option<String>,
    /// 固定的封顶金额, 元 (如"每家企业每年最高 100 万元") / A fixed cap, CNY (e.g. "at most
    /// 1,000,000 per enterprise a year").
    #[serde(default)]
    pub amount: Option<Decimal>,
    /// 说明 / Explanation.
    pub note: Text,
    /// 随解读变化的设置 / Settings that depend on a reading (each gated by `under`).
    #[serde(default)]
    pub settings: Vec<CapSetting>,
    /// 封顶的触发条件: 区级奖励 (有区级份额的扶持项) 至少这么多项时才封顶; 由 settings 决定, 默认 1 /
    /// The cap applies only when at least this many tracks carry a district share (set by `settings`; default 1).
    #[serde(skip)]
    pub min_district_awards: Option<u32>,
    /// 市、区分担的扶持项中区级份额是否计入封顶; 由 settings 决定, 默认计入 /
    /// Whether the district's share of a city/district split counts under the cap (set by `settings`; default yes).
    #[serde(skip)]
    pub split_shares_counted: Option<bool>,
}

fn district_funder() -> Funder {
    Funder::standard("district")
}

/// 封顶的一项设置, 可随解读变化 / One district-cap setting, possibly depending on a reading.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapSetting {
    /// 仅在该解读选中该选项时适用 / Applies only when this reading option is chosen.
    #[serde(default)]
    pub under: Option<Under>,
    /// 有区级份额的扶持项至少几项才封顶 / Tracks with a district share needed for the cap to apply.
    #[serde(default)]
    pub min_district_awards: Option<u32>,
    /// 市、区分担中的区级份额计入封顶 / The district part of a city/district split counts under the cap.
    #[serde(default)]
    pub split_shares_counted: Option<bool>,
}

/// 测算期限 / A horizon for the data year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// 仅在该解读选中该选项时适用 / Applies only when this reading option is chosen.
    #[serde(default)]
    pub under: Option<Under>,
    /// 最后一个不警告的数据年度 / Last data year without a warning.
    pub last_year: i32,
    /// 超出期限时显示的警告 / Warning shown for a data year after `last_year`.
    pub warning: Text,
}

/// 解读选择: 某解读选中某选项 / A reading option: `{reading: ID, option: OPT}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Under {
    /// 解读 id / Reading id.
    pub reading: String,
    /// 选项 id / Option id.
    pub option: String,
}

/// 对条文的一处解读 / One reading of ambiguous text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// 稳定标识 / Stable id. 例 / Example: `district-cap-trigger`.
    pub id: String,
    /// 条款 / Clause.
    pub clause: String,
    /// 受影响的扶持项 (空 = 全包, 如封顶、期限) / Tracks it affects (empty: the whole pack, e.g. the cap).
    #[serde(default)]
    pub tracks: Vec<String>,
    /// 影响全包的哪一部分 (封顶或期限), 用于在报告中就近显示 / For a pack-wide reading: the part
    /// of the result it affects (the district cap or the validity), to show it there.
    #[serde(default)]
    pub affects: Option<PackPart>,
    /// 简称, 报告中用来指称这处解读 (中文报告不显示 id) / A short name the reports call the
    /// reading by (a Chinese report shows no ids); the question when absent.
    #[serde(default)]
    pub name: Option<Text>,
    /// 歧义所在 / What is ambiguous.
    pub question: Text,
    /// 可选的理解, 至少两个 / The possible readings, at least two.
    pub options: Vec<ReadingOption>,
    /// 默认采用的选项 id / The option taken by default.
    pub taken: String,
    /// 采用该理解的理由 / Why that option is taken.
    pub why: Text,
    /// 本次测算实际选用的选项 (`--reading` 可改) / The option in effect for this run.
    #[serde(skip)]
    pub chosen: Option<String>,
}

/// 全包范围的结果部分 / A pack-wide part of the result a reading can affect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PackPart {
    /// 区级封顶 / The district cap.
    DistrictCap,
    /// 有效期与测算期限 / Validity and the horizon.
    Validity,
}

/// 一种理解 / One possible reading.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingOption {
    /// 选项 id / Option id.
    pub id: String,
    /// 这种理解 / The reading in words.
    pub text: Text,
}

/// 出资层级 / A funder's level of government, which orders funders in every
/// total (national first).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum FunderLevel {
    /// 国家级 / National.
    National,
    /// 省级 / Province.
    Province,
    /// 市级 / City (prefecture).
    City,
    /// 县(区)级 / County or district.
    District,
    /// 其他 (园区、行业协会等) / Others (a park, an association).
    Other,
}

/// 出资方声明 / A funder a pack declares: who pays, at which level.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FunderDecl {
    /// 标识, 扶持项的 funders/split 用它 / Id the tracks' `funders` and `split` use. 例 / Example: `district`.
    pub id: String,
    /// 名称 (报告用) / Name shown in reports. 例 / Example: `{zh: 区, en: district}`.
    pub name: Text,
    /// 层级 / Level.
    pub level: FunderLevel,
}

/// The funders a pack that declares none pays through: the three of the
/// 2016 notice, kept so that packs written before funders were data still load.
pub fn standard_funders() -> Vec<FunderDecl> {
    [
        ("province", "省", "province", FunderLevel::Province),
        ("city", "市", "city", FunderLevel::City),
        ("district", "区", "district", FunderLevel::District),
    ]
    .into_iter()
    .map(|(id, zh, en, level)| FunderDecl {
        id: id.into(),
        name: Text::new(zh, en),
        level,
    })
    .collect()
}

/// 出资方 / Who pays: a funder the pack declares, named by its id in the
/// pack. Ordered by level, then id, so totals list national money first and
/// the district's last; equal when level and id are. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct Funder(std::sync::Arc<FunderDecl>);

impl Funder {
    /// The funder a declaration describes.
    pub fn new(d: FunderDecl) -> Funder {
        Funder(std::sync::Arc::new(d))
    }

    /// A funder named in a pack before its declaration is known: a standard
    /// id takes its standard level and name; any other id is `Other` until
    /// [`super::resolve_funders`] gives it the pack's declaration.
    fn named(id: &str) -> Funder {
        // The standard three are made once and shared: a row read back from
        // a spill names its funders by id, many times per row.
        static STANDARD: std::sync::OnceLock<Vec<Funder>> = std::sync::OnceLock::new();
        let standard =
            STANDARD.get_or_init(|| standard_funders().into_iter().map(Funder::new).collect());
        if let Some(f) = standard.iter().find(|f| f.id() == id) {
            return f.clone();
        }
        Funder::new(FunderDecl {
            id: id.to_string(),
            name: Text::new(id.to_string(), id.to_string()),
            level: FunderLevel::Other,
        })
    }

    /// The standard funder with this id (`province`, `city`, `district`).
    pub fn standard(id: &str) -> Funder {
        Funder::named(id)
    }

    /// The three standard funders in report order (province, city, district):
    /// the fixed money columns of the bureau's sheets.
    pub fn standard_all() -> [Funder; 3] {
        ["province", "city", "district"].map(Funder::named)
    }

    /// Id, as the pack names it.
    pub fn id(&self) -> &str {
        &self.0.id
    }

    /// Level.
    pub fn level(&self) -> FunderLevel {
        self.0.level
    }

    /// Name (label in reports).
    pub fn label(&self) -> Text {
        self.0.name.clone()
    }
}

impl PartialEq for Funder {
    fn eq(&self, o: &Funder) -> bool {
        self.level() == o.level() && self.id() == o.id()
    }
}
impl Eq for Funder {}
impl PartialOrd for Funder {
    fn partial_cmp(&self, o: &Funder) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Funder {
    fn cmp(&self, o: &Funder) -> std::cmp::Ordering {
        (self.level(), self.id()).cmp(&(o.level(), o.id()))
    }
}
impl std::hash::Hash for Funder {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.level().hash(h);
        self.id().hash(h);
    }
}

impl Serialize for Funder {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl<'de> Deserialize<'de> for Funder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Funder, D::Error> {
        let id = String::deserialize(d)?;
        Ok(Funder::named(&id))
    }
}

impl JsonSchema for Funder {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Funder".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "出资方 id, 须在政策包的 funders 中声明 (未声明时为 province、city、district) / A funder id declared in the pack's `funders` (province, city, district when the pack declares none)."
        })
    }
}

impl std::fmt::Display for Funder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// 扶持方式 / Kind of support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TrackKind {
    /// 补助 / Grant.
    Grant,
    /// 奖励 / Award.
    Award,
    /// 税收优惠: 报告为扣除额, 不是拨付金额 / Tax benefit: reported as a deduction, never as money paid.
    TaxBenefit,
    /// 股权投资: 可申请基金投资, 不是补助 / Equity: may apply to a fund, not a grant.
    Equity,
    /// 非资金支持: 优先、融资帮助等 / Non-monetary: priority, financing help.
    NonMonetary,
}

/// 拿到资金之前必须先有什么 / What must come before the money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prerequisite {
    /// 无, 事实满足即可 / Nothing beyond the facts.
    None,
    /// 先获得外部认定 / An outside recognition (认定) first.
    Recognition,
    /// 先申报并通过评审 / An application and review (申报) first.
    Application,
    /// 先经现场评定 (如数字化水平由评测机构现场评定): 自评结果不算数 / An on-site grading
    /// first (a level confirmed by assessors on site): a self-estimate does not count.
    OnSiteGrading,
}

/// 一个扶持项 / A subsidy track.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Track {
    /// 稳定标识 (公开接口) / Stable id (public interface). 例 / Example: `local-cnc-purchase`.
    pub id: String,
    /// 标题 / Title.
    pub title: Text,
    /// 条款 / Clause. 例 / Example: `二(五)2`.
    pub clause: String,
    /// 文号及日期 (不写时用政策包的) / The document number and date (the pack's when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Text>,
    /// 来源可信度 (不写时用政策包的) / Confidence tag (the pack's when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<crate::engine::confidence::Confidence>,
    /// 扶持方式 / Kind of support.
    pub kind: TrackKind,
    /// 条款列明的出资方 / Funders named by the clause.
    pub funders: Vec<Funder>,
    /// 前提 / What comes first.
    pub prerequisite: Prerequisite,
    /// 前提的文字说明 / What the prerequisite is, in words.
    #[serde(default)]
    pub prerequisite_note: Option<Text>,
    /// 现在即可适用的条件 (全部满足) / Conditions showing the track applies now (all must hold).
    pub eligible_when: Vec<Condition>,
    /// 尚未满足 eligible_when 时, 构成候选 (先申报或先认定) 的条件; 空 = 不会成为候选 /
    /// Conditions making the factory a candidate (apply or seek recognition first) when
    /// `eligible_when` does not hold yet. Empty = never a candidate.
    #[serde(default)]
    pub candidate_when: Vec<Condition>,
    /// 金额及出资方 / How much, from whom.
    #[serde(default)]
    pub amount: Option<Amount>,
    /// 非资金类扶持项: 支持内容 / For non-monetary tracks: what the support is.
    #[serde(default)]
    pub support: Option<Text>,
    /// 税收优惠的测算 (只用于 kind: tax_benefit; 不计入拨付金额) / How a tax benefit is
    /// estimated (kind: tax_benefit only; never added to money paid).
    #[serde(default)]
    pub tax_benefit: Option<TaxBenefit>,
    /// 条文有歧义时我们的理解及理由 / Our reading where the text is ambiguous, and why.
    #[serde(default)]
    pub interpretation: Option<Text>,
    /// 预拨资金: 本项是另一扶持项 (其 id) 的首笔拨付, 金额照常测算和显示, 但不另计入合计 /
    /// An advance (首笔资金) on another track of the pack (its id): the amount is computed and
    /// shown, but not added to the totals — it is paid out of that track's award.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advance_of: Option<String>,
}

/// 针对一个事实的条件, 只设一种比较; 用 any_of 代替 fact 时, 任一子条件成立即成立 (条文中的"或") /
/// A condition over a fact. Exactly one comparison is set; `any_of` instead of a fact holds
/// when any of its conditions holds (the text's "or").
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    /// 事实名 (见 zhizao policy facts); 用 any_of 时留空 / Fact name (see `zhizao policy facts`); empty for `any_of`.
    #[serde(default)]
    pub fact: String,
    /// 任一子条件成立即成立 / Holds when at least one of these holds.
    #[serde(default)]
    pub any_of: Option<Vec<Condition>>,
    /// ≥ (不少于) / At least (≥).
    #[serde(default)]
    pub at_least: Option<Decimal>,
    /// > (超过, 严格大于) / More than (>, strictly).
    #[serde(default)]
    pub more_than: Option<Decimal>,
    /// ≤ (不超过) / At most (≤).
    #[serde(default)]
    pub at_most: Option<Decimal>,
    /// < (低于, 严格小于) / Less than (<, strictly).
    #[serde(default)]
    pub less_than: Option<Decimal>,
    /// 布尔相等 / Boolean equality.
    #[serde(default)]
    pub is: Option<bool>,
    /// 取值是其中之一 / Id is one of these.
    #[serde(default)]
    pub one_of: Option<Vec<String>>,
    /// 取值不是其中任何一个 / Id is none of these.
    #[serde(default)]
    pub none_of: Option<Vec<String>>,
    /// 列表事实 (Items): 至少一项满足全部子条件 (按条目字段名) / For `Items` facts: at least one
    /// item satisfies all of these (fields by item-field name).
    #[serde(default)]
    pub any_item: Option<Vec<Condition>>,
    /// 计数事实 (Tally): 总数不少于此 / For `Tally` facts: the total count is at least this.
    #[serde(default)]
    pub count_at_least: Option<u32>,
    /// 报告中的标签 (默认为事实名) / Label in reports (defaults to the fact name).
    #[serde(default)]
    pub label: Option<Text>,
    /// 仅在该解读选项下适用 (其他选项下去掉此条件) / Applies only under this reading option
    /// (dropped under the others).
    #[serde(default)]
    pub under: Option<Under>,
    /// Position of `fact` in the fact registry, resolved when the pack is
    /// loaded (not written in the file), so evaluation reads the fact table
    /// directly instead of looking the name up.
    #[serde(skip)]
    pub slot: Option<usize>,
    /// The test, built once at load from the flat fields above (which keep
    /// exact error positions); the evaluator reads only this.
    #[serde(skip)]
    #[schemars(skip)]
    pub test: Test,
}

/// 数值比较 / How a numeric condition compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// ≥ (`at_least`).
    AtLeast,
    /// > (`more_than`).
    MoreThan,
    /// ≤ (`at_most`).
    AtMost,
    /// < (`less_than`).
    LessThan,
}

impl Op {
    /// The symbol reports show.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::AtLeast => "≥",
            Op::MoreThan => ">",
            Op::AtMost => "≤",
            Op::LessThan => "<",
        }
    }

    /// Whether `v` passes against `t`.
    pub fn holds(self, v: Decimal, t: Decimal) -> bool {
        match self {
            Op::AtLeast => v >= t,
            Op::MoreThan => v > t,
            Op::AtMost => v <= t,
            Op::LessThan => v < t,
        }
    }
}

/// 条件的判断方式 / What a condition tests: one kind, with its data — the
/// pack's flat fields (`at_least`, `is`, `one_of`, …) converted at load, after
/// the checks have made sure exactly one is set.
#[derive(Debug, Clone, Default)]
pub enum Test {
    /// Not built: a condition made in code without loading a pack. Never
    /// holds or fails (unknown).
    #[default]
    Unbuilt,
    /// 任一成立 / Any of these holds (`any_of`).
    AnyOf(Vec<Condition>),
    /// 数值比较 / A number compared with a threshold.
    Compare(Op, Decimal),
    /// 是/否 / A yes/no fact equals this.
    Is(bool),
    /// 取值之一 / An id among these (`one_of`).
    OneOf(Vec<String>),
    /// 不是其中任一 / An id none of these (`none_of`).
    NoneOf(Vec<String>),
    /// 计数至少 / A tally counting at least this many.
    CountAtLeast(u32),
    /// 至少一项满足全部条件 / Some item of a list meets all of these (`any_item`).
    AnyItem(Vec<Condition>),
}

impl Condition {
    /// The condition states a comparison of its own (a bound, `is`, a list
    /// of ids, an item test or a count) — `any_of` alternatives aside.
    pub fn compares(&self) -> bool {
        self.at_least.is_some()
            || self.more_than.is_some()
            || self.at_most.is_some()
            || self.less_than.is_some()
            || self.is.is_some()
            || self.one_of.is_some()
            || self.none_of.is_some()
            || self.any_item.is_some()
            || self.count_at_least.is_some()
    }

    /// Build the tests of this condition and of those nested in it. The
    /// first comparison set wins, in the order the checks name them (a
    /// loaded pack has exactly one).
    pub fn build_tests(&mut self) {
        for c in self
            .any_of
            .iter_mut()
            .chain(self.any_item.iter_mut())
            .flatten()
        {
            c.build_tests();
        }
        let compare = [
            (self.at_least, Op::AtLeast),
            (self.more_than, Op::MoreThan),
            (self.at_most, Op::AtMost),
            (self.less_than, Op::LessThan),
        ]
        .into_iter()
        .find_map(|(t, op)| t.map(|t| Test::Compare(op, t)));
        self.test = if let Some(alts) = &self.any_of {
            Test::AnyOf(alts.clone())
        } else if let Some(t) = compare {
            t
        } else if let Some(b) = self.is {
            Test::Is(b)
        } else if let Some(ids) = &self.one_of {
            Test::OneOf(ids.clone())
        } else if let Some(ids) = &self.none_of {
            Test::NoneOf(ids.clone())
        } else if let Some(n) = self.count_at_least {
            Test::CountAtLeast(n)
        } else if let Some(sub) = &self.any_item {
            Test::AnyItem(sub.clone())
        } else {
            Test::Unbuilt
        };
    }
}

/// 金额是确定值、上限还是下限 / Whether an amount is exact, a ceiling or a floor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmountBound {
    /// 给予 X: 恰好 X / Exactly X.
    #[default]
    Exact,
    /// 最高不超过 X: 0 到 X 之间 / Up to X: between 0 and X.
    UpTo,
    /// 不少于 X: 至少 X, 没有明确上限 / At least X, no stated maximum.
    AtLeast,
}

/// 扶持金额: 各部分之和, 再按可选的封顶限额 (封顶生效时各部分按比例缩减) / How much a
/// track pays: the sum of its parts, then an optional cap on the sum (a cap that binds scales
/// every part down in proportion).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// 金额各部分, 相加 / Parts, stacked.
    #[serde(default)]
    pub parts: Vec<Part>,
    /// 按数量分档 (采购项); 取第一个包含该数量的档 / Tiers by a count (the purchase track); the
    /// first tier whose range holds the count applies.
    #[serde(default)]
    pub tiers: Option<Tiers>,
    /// 本项合计封顶, 元 / Cap on the track's total, CNY.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// 对部分出资方合计的封顶 (可随解读变化) / Caps on what some funders pay together in this
    /// track (e.g. the province's parts), possibly under a reading.
    #[serde(default)]
    pub group_caps: Vec<GroupCap>,
}

/// 对若干出资方合计金额的封顶 / A cap on the parts paid only by the given funders.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupCap {
    /// 出资方: 只由这些出资方支付 (含分担) 的部分合计受此封顶 / Parts paid only by these funders
    /// (alone or split among them) are capped together.
    pub funders: Vec<Funder>,
    /// 封顶, 元 / The cap, CNY.
    pub cap: Decimal,
    /// 不削减的出资方: 其部分照付并计入封顶, 其余部分分享剩余额度 (本意见不能削减省级资金) /
    /// Funders whose parts are paid in full and count towards the cap; the other parts share
    /// what is left (this notice cannot cut the province's money).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<Funder>,
    /// 仅当这些条件全部成立时适用 / Applies only when all of these hold.
    #[serde(default)]
    pub when: Vec<Condition>,
    /// 仅在该解读选项下适用 / Applies only under this reading option.
    #[serde(default)]
    pub under: Option<Under>,
}

/// 按数量分档 / Tiers by a count.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tiers {
    /// 决定分档的数量事实 / Number fact the tiers are chosen by.
    pub by: String,
    /// 各档, 从小到大 / Tiers in ascending order.
    pub tiers: Vec<Tier>,
    /// 数量超过所有档时显示的说明 / Shown when the count is above every tier (e.g. ">100 units not covered").
    pub beyond: Text,
}

/// 一档 / One tier.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// 最小数量 (含) / Lowest count (inclusive).
    pub from: u32,
    /// 最大数量 (含) / Highest count (inclusive).
    pub to: u32,
    /// 本档的金额各部分 (部分自己的 cap 只限该部分) / Parts paid in this tier (a part's own `cap` caps that part only).
    pub parts: Vec<Part>,
}

/// 金额的一部分: 一个公式, 由一个出资方支付或多个出资方分担; fixed、lookup、rate、per_unit、
/// per_tally、per_item 恰好设一个 / One part of an amount: one formula, paid by one funder or
/// split between several. Exactly one of `fixed`, `lookup`, `rate`, `per_unit`, `per_tally`,
/// `per_item` is set.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Part {
    /// 仅当这些条件全部成立时支付本部分 (如升级奖励) / The part is paid only when all of these hold (e.g. a step-up bonus).
    #[serde(default)]
    pub when: Vec<Condition>,
    /// 仅在该解读选项下支付本部分 / The part exists only under this reading option.
    #[serde(default)]
    pub under: Option<Under>,
    /// 单一出资方 / Single funder.
    #[serde(default)]
    pub funder: Option<Funder>,
    /// 出资方分担比例, 百分比合计 100 / Split between funders, percentages adding up to 100.
    /// 例 / Example: `{city: 30, district: 70}`.
    #[serde(default)]
    pub split: Option<BTreeMap<Funder, Decimal>>,
    /// 确定值、上限或下限 / Exact, ceiling or floor.
    #[serde(default)]
    pub bound: AmountBound,
    /// 固定金额, 元 / A fixed sum, CNY.
    #[serde(default)]
    pub fixed: Option<Decimal>,
    /// 按取值事实查表得到的金额 / A sum looked up by an id fact.
    #[serde(default)]
    pub lookup: Option<Lookup>,
    /// 比例 × 金额事实 / rate × a money fact.
    #[serde(default)]
    pub rate: Option<Rate>,
    /// 数量事实的每单位金额 / A sum per unit of a number fact.
    #[serde(default)]
    pub per_unit: Option<PerUnit>,
    /// 计数事实中每个计数的金额 / A sum per counted id in a tally fact.
    #[serde(default)]
    pub per_tally: Option<Lookup>,
    /// 列表事实中每个符合条件的条目 / Per qualifying item of an items fact.
    #[serde(default)]
    pub per_item: Option<PerItem>,
    /// 本部分封顶, 元 / Cap on this part, CNY.
    #[serde(default)]
    pub cap: Option<Decimal>,
    /// 说明中的标签 / Label in explanations.
    #[serde(default)]
    pub label: Option<Text>,
}

/// 按取值查表 / Lookup table by id.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// 取值事实或计数事实 / Id or tally fact.
    pub fact: String,
    /// 每个取值对应的金额, 元 / Amount per id, CNY.
    pub table: BTreeMap<String, Decimal>,
    /// 取值的名称, 用于计算步骤 (如 municipal_first → 市专利一等奖) / Names of the ids
    /// for the explanation's steps; an id without a name is shown as it is.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, Text>,
}

/// 比例 × 基数 / rate × base.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    /// 金额事实 (在 per_item 中为条目字段) / Money fact (or item field inside `per_item`).
    pub base: String,
    /// 比例 / Rate. 例 / Example: 0.3.
    pub rate: Decimal,
}

/// 每单位金额 / Amount per unit.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerUnit {
    /// 数量事实 / Number fact.
    pub fact: String,
    /// 每单位金额, 元 / CNY per unit.
    pub each: Decimal,
}

/// 每个符合条件的条目 / Per qualifying item.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PerItem {
    /// 列表事实 / Items fact.
    pub items: String,
    /// 条目必须满足的条件 (按条目字段名) / Conditions an item must meet (fields by item-field name).
    #[serde(default)]
    pub when: Vec<Condition>,
    /// 每个条目的固定金额, 元 / Fixed sum per item, CNY.
    #[serde(default)]
    pub fixed: Option<Decimal>,
    /// 比例 × 条目字段 / rate × an item field.
    #[serde(default)]
    pub rate: Option<Rate>,
    /// 按条目字段查表 / Lookup by an item field.
    #[serde(default)]
    pub lookup: Option<Lookup>,
    /// 每个条目封顶, 元 / Cap per item, CNY.
    #[serde(default)]
    pub cap_each: Option<Decimal>,
}

/// 金额公式 / The one formula of an amount part, as a closed set: the pack
/// check guarantees exactly one of the part's formula fields is set, and the
/// evaluator matches on this instead of testing each field in turn.
#[derive(Debug, Clone, Copy)]
pub enum Formula<'a> {
    /// 固定金额 / A fixed sum.
    Fixed(Decimal),
    /// 按取值查表 / Looked up by an id fact.
    Lookup(&'a Lookup),
    /// 比例 × 金额事实 / A rate of a money fact.
    Rate(&'a Rate),
    /// 每单位金额 / Per unit.
    PerUnit(&'a PerUnit),
    /// 按计数查表 / Per counted id.
    PerTally(&'a Lookup),
    /// 每个符合条件的条目 / Per qualifying item.
    PerItem(&'a PerItem),
    /// None set (a part built in code; a loaded pack has one): pays nothing.
    Nothing,
}

/// 出资 / Who pays a part: one funder, or a split.
#[derive(Debug, Clone, Copy)]
pub enum Payer<'a> {
    /// 单一出资方 / One funder.
    One(&'a Funder),
    /// 按比例分担 / Shares in percent, adding up to 100.
    Split(&'a BTreeMap<Funder, Decimal>),
    /// None given (a part built in code): nobody pays.
    Nobody,
}

impl Part {
    /// The part's formula.
    pub fn formula(&self) -> Formula<'_> {
        match (&self.fixed, &self.lookup, &self.rate) {
            (Some(x), _, _) => Formula::Fixed(*x),
            (_, Some(l), _) => Formula::Lookup(l),
            (_, _, Some(r)) => Formula::Rate(r),
            _ => match (&self.per_unit, &self.per_tally, &self.per_item) {
                (Some(u), _, _) => Formula::PerUnit(u),
                (_, Some(t), _) => Formula::PerTally(t),
                (_, _, Some(i)) => Formula::PerItem(i),
                _ => Formula::Nothing,
            },
        }
    }

    /// Who pays it (a split wins over a single funder; the check allows one).
    pub fn payer(&self) -> Payer<'_> {
        match (&self.split, &self.funder) {
            (Some(s), _) => Payer::Split(s),
            (None, Some(f)) => Payer::One(f),
            (None, None) => Payer::Nobody,
        }
    }
}

/// 每个条目的金额 / What one qualifying item is worth.
#[derive(Debug, Clone, Copy)]
pub enum PerItemAmount<'a> {
    /// 固定金额 / A fixed sum.
    Fixed(Decimal),
    /// 比例 × 条目字段 / A rate of an item field.
    Rate(&'a Rate),
    /// 按条目字段查表 / Looked up by an item field.
    Lookup(&'a Lookup),
    /// None set: nothing.
    Nothing,
}

impl PerItem {
    /// The per-item amount rule.
    pub fn each(&self) -> PerItemAmount<'_> {
        match (&self.fixed, &self.rate, &self.lookup) {
            (Some(x), _, _) => PerItemAmount::Fixed(*x),
            (_, Some(r), _) => PerItemAmount::Rate(r),
            (_, _, Some(l)) => PerItemAmount::Lookup(l),
            _ => PerItemAmount::Nothing,
        }
    }
}

/// 税收优惠: 额外扣除额及按税率估算的节税额 / A tax benefit: the extra deduction from taxable
/// income, and the tax saved at the enterprise's rate.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaxBenefit {
    /// 各项额外扣除, 相加 / Extra deductions, added up.
    pub deductions: Vec<Deduction>,
    /// 一般税率 / The standard income-tax rate. 例 / Example: 0.25.
    pub standard_rate: Decimal,
    /// 优惠税率 / The reduced rate. 例 / Example: 0.15 (高新技术企业).
    pub reduced_rate: Decimal,
    /// 适用优惠税率的条件 (全部成立) / When the reduced rate applies (all must hold).
    pub reduced_when: Vec<Condition>,
}

/// 一项额外扣除: 比例 × 金额事实 (÷ 年数) / One extra deduction: rate × a money fact
/// (÷ a number of years, for an amortisation).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Deduction {
    /// 金额事实 / Money fact.
    pub base: String,
    /// 额外扣除的比例 / Extra share deducted. 例 / Example: 0.5.
    pub rate: Decimal,
    /// 摊销年数 (数量事实), 如有 / Years to spread it over (a number fact), if any.
    #[serde(default)]
    pub per_years: Option<String>,
    /// 标签 / Label.
    pub label: Text,
}

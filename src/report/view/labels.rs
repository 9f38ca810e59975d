//! Labels of the reports (标签): the fixed texts the templates show, by key, and
//! the names of statuses, production modes and kinds of support.

use super::*;

/// Labels (zh, en) used by the templates as `t.<key>`.
pub(super) const LABELS: &[(&str, &str, &str)] = &[
    ("title", "智能制造评估报告", "Smart-manufacturing assessment report"),
    ("enterprise", "企业", "Enterprise"),
    ("credit_code", "统一社会信用代码", "Credit code"),
    ("sector", "产业", "Sector"),
    ("mode", "生产方式", "Production"),
    ("data_year", "数据年度", "Data year"),
    ("above_size", "规上企业", "Above designated size"),
    ("summary", "概要", "Summary"),
    ("exec", "执行摘要: 性价比最高的三项行动", "Executive summary: the three actions with the best value for effort"),
    ("exec_note", "按路线图“解锁扶持上限 ÷ 成本”排序; 扶持含候选项, 已计区级封顶; 详见升级路线图。", "Ordered as in the roadmap (upper end of the support unlocked ÷ cost); support includes candidates, after the district cap; details in the upgrade roadmap."),
    ("exec_money", "新增扶持 (按出资方)", "Support unlocked (by funder)"),
    ("exec_reaches", "达到", "Reaches"),
    ("maturity", "估算成熟度", "Estimated maturity"),
    ("not_certified", "估算值, 不是认证结论", "an estimate, not a certification"),
    ("level", "等级", "Level"),
    ("score", "得分", "Score"),
    ("verdicts", "评估结论", "Verdicts"),
    ("support", "可获扶持 (按出资方)", "Support by funder"),
    ("funder", "出资方", "Funder"),
    ("eligible", "符合项", "Eligible now"),
    ("potential", "含候选项", "Incl. candidates"),
    ("total", "合计", "Total"),
    ("charts", "图表", "Charts"),
    ("radar_caption", "各能力域估算等级 (GB/T 39116, 12 个能力域, 0–5 级)", "Estimated level of each capability domain (GB/T 39116, 12 domains, levels 0–5)"),
    ("levels", "数字化水平与智能工厂梯度", "Digital level and smart-factory levels"),
    ("digital_level", "数字化水平", "SME digital level"),
    ("smart_factory", "智能工厂梯度", "Smart-factory levels"),
    ("decided_by", "判定", "Decided by"),
    ("dimension", "维度", "Dimension"),
    ("part", "分项", "Part"),
    ("item", "项目", "Item"),
    ("points", "得分", "Points"),
    ("max_points", "满分", "Max"),
    ("answer", "回答", "Answer"),
    ("score_chart_caption", "各维度得分与满分", "Points by dimension, of the maximum"),
    ("scene_ladder", "经营场景等级", "Business scenes by level"),
    ("scene", "场景", "Scene"),
    ("scene_group", "类别", "Group"),
    ("binding_mark", "★ 为约束性场景", "★ marks a binding (约束性) scene"),
    ("highest_level", "可达最高等级", "Highest level"),
    ("step", "等级", "Level"),
    ("recognised_by", "认定", "Recognised by"),
    ("standing", "现状", "Standing"),
    ("gates_met", "门槛满足", "Gates met"),
    ("gate", "门槛", "Gate"),
    ("indicators", "指标", "Indicators"),
    ("indicator", "指标", "Indicator"),
    ("value", "数值", "Value"),
    ("formula", "公式", "Formula"),
    ("computation", "计算", "Computation"),
    ("chart", "图示", "Chart"),
    ("criteria", "评估标准与差距", "Criteria and gaps"),
    ("check", "检查项", "Check"),
    ("result", "结论", "Result"),
    ("actual", "实际", "Actual"),
    ("required", "要求", "Required"),
    ("gap", "差距 / 缺少", "Gap / missing"),
    ("source", "出处", "Source"),
    ("r_note", "[R] 为参考阈值 (未找到官方认定标准), 可在标准包中修改。", "[R] marks reference thresholds (no official recognition criteria were found); they can be changed in the criteria pack."),
    ("roadmap", "升级路线图", "Upgrade roadmap"),
    ("roadmap_intro", "每一步都经过模拟: 复制问卷、实施该步、重新评估, 所以“解锁”的标准、扶持项和金额就是本工具对升级后企业的结论。目标按“解锁金额上限 ÷ 成本”排序; 没有成本数字的目标其次, 不解锁金额的最后。", "Every step is simulated: the questionnaire is copied, the step applied and the factory assessed again, so what a step \"unlocks\" is exactly what this tool would conclude after the upgrade. Targets are ordered by value for effort (upper end of the money unlocked ÷ cost); targets without a cost figure follow, and those that unlock no money come last."),
    ("roadmap_none", "所有目标均已达到。", "Every target is reached."),
    ("level_plan", "等级提升", "Raising the level"),
    ("target", "目标", "Target"),
    ("now", "现状", "Now"),
    ("steps", "步骤", "Steps"),
    ("action", "行动", "Action"),
    ("cost", "成本", "Cost"),
    ("unlocks", "单独实施时解锁", "Unlocks on its own"),
    ("all_steps", "全部步骤合计", "All steps together"),
    ("money_unlocked", "新增扶持 (含候选)", "Support unlocked (incl. candidates)"),
    ("ratio", "扶持/成本 (上限)", "Support per cost (upper end)"),
    ("reached", "可达到", "reaches the target"),
    ("not_reached", "仍不能达到", "does not reach the target"),
    ("tracks_changed", "扶持项变化", "Tracks that change"),
    ("criteria_met", "达到的标准", "Criteria met"),
    ("fill_in", "须先补充的数据", "Fill in first"),
    ("loses", "副作用: 不再满足", "Side effect: no longer met"),
    ("unit_costs", "单位成本", "Unit costs"),
    ("unit", "单位", "Unit"),
    ("per_unit", "每单位", "Per unit"),
    ("cost_source", "来源", "Source"),
    ("cost_note", "成本 = 数量 × 单位成本。单位成本取自问卷 cost_estimates, 没有时用标准包的默认估算值 (标为“估算”); 两者都没有的行动不计成本。组织改进 (自评等级、三降两升) 没有单位成本。", "Cost = size × unit cost. Unit costs come from the questionnaire's cost_estimates, else from the criteria pack's defaults (marked \"estimate\"); an action with neither is not costed. Organisational steps (self-assessment levels, 三降两升 results) have no unit cost."),
    ("tracks", "扶持政策", "Subsidy tracks"),
    ("track", "扶持项", "Track"),
    ("clause", "条款", "Clause"),
    ("kind", "类型", "Kind"),
    ("amount", "金额 (封顶前)", "Amount (before cap)"),
    ("note", "说明", "Note"),
    ("other_tracks", "其他扶持项 (不符合或不在有效期)", "Other tracks (not eligible or not in force)"),
    ("ceiling_note", "“最高”金额是上限而非承诺; “不少于”金额只有下限。* 表示区级份额已按区级奖励上限封顶。", "\"Up to\" amounts are ceilings, not promises; \"at least\" amounts have no stated maximum. * marks a district share cut by the district cap."),
    ("explain", "数字说明", "How each number was computed"),
    ("maturity_scores", "成熟度各级得分", "Maturity level scores"),
    ("domain", "能力域", "Domain"),
    ("self_rated", "自评", "Self-rated"),
    ("objective", "客观指标支持", "Objective indicator supports"),
    ("used", "采用", "Used"),
    ("next_fit", "上一级满足程度", "Next level"),
    ("conditions", "条件", "Conditions"),
    ("warnings", "警告", "Warnings"),
    ("audit", "审计信息", "Audit trail"),
    ("input_file", "输入文件", "Input file"),
    ("sha256", "输入 SHA-256", "Input SHA-256"),
    ("policy_pack", "政策包", "Policy pack"),
    ("criteria_pack", "标准包", "Criteria pack"),
    ("report_date", "报告日期", "Report date"),
    ("tool", "工具", "Tool"),
    ("whatif", "假设分析: 以下数值已用 --set 覆盖, 不是问卷原值", "What-if: these values were overridden with --set; they are not the questionnaire's own"),
    ("path", "字段", "Field"),
    ("in_file", "问卷原值", "In the file"),
    ("set_to", "设为", "Set to"),
    ("disclaimer", "本报告由 zhizao 依据问卷自动生成。成熟度为估算, 数字化车间/智能工厂标准为参考值, 金额为政策上限或区间; 是否认定、是否拨付以主管部门为准。", "Generated by zhizao from the questionnaire. The maturity level is an estimate, the digital-workshop / smart-factory criteria are reference values, amounts are the policy's ceilings or ranges; recognition and payment are for the authorities to decide."),
    ("unknown", "未知", "unknown"),
    ("missing", "缺少", "missing"),
    ("none", "无", "none"),
    ("compare_title", "智能制造对比报告", "Smart-manufacturing comparison report"),
    ("before", "之前", "Before"),
    ("after", "之后", "After"),
    ("change", "变化", "Change"),
    ("compare_bars_caption", "关键指标: 之前 (灰) 与之后 (蓝)", "Key indicators: before (grey) and after (blue)"),
    ("unchanged", "无变化", "no change"),
    ("amount_after_cap", "金额 (封顶后)", "Amount (after cap)"),
    ("compare_note", "金额为区级封顶后的数额; “最高”金额是上限而非承诺; ▲ 更好, ▼ 更差。", "Amounts are after the district cap; \"up to\" amounts are ceilings, not promises; ▲ better, ▼ worse."),
];

pub(in crate::report) fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(k, zh, en)| (*k, lang.pick(zh, en)))
        .collect()
}

pub(super) fn status_class(s: Status) -> &'static str {
    match s {
        Status::Met => "met",
        Status::NotMet => "not-met",
        Status::Unknown => "unknown",
        Status::NotApplicable => "na",
    }
}

pub(super) fn mode_label(m: ProductionMode) -> Text {
    match m {
        ProductionMode::Discrete => Text::new("离散型", "discrete"),
        ProductionMode::Process => Text::new("流程型", "process"),
    }
}

pub(super) fn kind_label(k: TrackKind) -> Text {
    match k {
        TrackKind::Grant => Text::new("补助", "grant"),
        TrackKind::Award => Text::new("奖励", "award"),
        TrackKind::TaxBenefit => Text::new("税收优惠", "tax benefit"),
        TrackKind::Equity => Text::new("股权投资", "equity"),
        TrackKind::NonMonetary => Text::new("非资金支持", "non-monetary"),
    }
}

pub(in crate::report) fn lang_tag(l: Lang) -> &'static str {
    match l {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

pub(in crate::report) fn tool_version() -> String {
    format!("zhizao {}", env!("CARGO_PKG_VERSION"))
}

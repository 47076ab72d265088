//! The words the project forms print, in each layout's spelling.

use crate::core::model::FundSource;

/// Column headings, each with the spellings seen.
pub struct Col;

impl Col {
    pub const INITIAL: &'static [&'static str] = &["年初预算数", "年初预算"];
    pub const FULL_YEAR: &'static [&'static str] =
        &["全年预算数", "调整后预算数", "调整后预算", "全年预算"];
    pub const EXECUTED: &'static [&'static str] = &["全年执行数", "预算执行数", "执行数"];
    pub const RATE: &'static [&'static str] = &["执行率", "预算执行率"];
    pub const SCORE: &'static [&'static str] = &["得分"];
    pub const EXEC_REASON: &'static [&'static str] = &["原因", "偏差原因"];
    pub const GOAL: &'static [&'static str] = &["预期目标", "项目年度目标"];
    pub const GOAL_DONE: &'static [&'static str] = &["实际完成情况", "年度目标完成情况"];
    pub const LEVEL1: &'static [&'static str] = &["一级指标"];
    pub const LEVEL2: &'static [&'static str] = &["二级指标"];
    pub const LEVEL3: &'static [&'static str] = &["三级指标"];
    pub const DIRECTION: &'static [&'static str] = &["指标性质"];
    pub const TARGET: &'static [&'static str] = &["年度指标值", "指标值", "年度目标值"];
    pub const UNIT: &'static [&'static str] = &["度量单位", "计量单位"];
    pub const ACTUAL: &'static [&'static str] = &["实际完成值", "完成值", "全年实际值", "实际值"];
    pub const WEIGHT: &'static [&'static str] = &["分值", "权重"];
    pub const REASON: &'static [&'static str] = &[
        "偏差原因分析及改进措施",
        "未完成原因分析",
        "偏差原因分析",
        "偏差原因",
    ];
}

/// Labels of the form itself: never a value.
const LABELS: &[&str] = &[
    "项目名称",
    "主管部门",
    "实施单位",
    "项目资金",
    "年度总体目标",
    "绩效指标",
    "总分",
    "合计",
    "评价结论",
    "存在问题",
    "改进措施",
    "项目负责人",
    "财务负责人",
    "项目基本情况",
    "预算执行情况",
    "项目实施内容及过程概述",
    "填表人",
    "联系电话",
    "填报日期",
];

/// A heading as compared: no spaces, no leading 其中, no trailing
/// parenthesis (`实施单位（盖章）`, `项目资金（万元）`, `预算执行情况（10分）`).
#[must_use]
pub fn normalise(text: &str) -> String {
    let mut s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    for prefix in ["其中：", "其中:", "其中"] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_owned();
            break;
        }
    }
    for (open, close) in [('（', '）'), ('(', ')')] {
        if s.ends_with(close)
            && let Some(at) = s.rfind(open)
            && at > 0
        {
            s.truncate(at);
        }
    }
    s.trim_end_matches(['：', ':']).to_owned()
}

/// Whether a cell is one of the form's labels or column headings.
#[must_use]
pub fn is_label(text: &str) -> bool {
    let n = normalise(text);
    LABELS.contains(&n.as_str())
        || [
            Col::INITIAL,
            Col::FULL_YEAR,
            Col::EXECUTED,
            Col::RATE,
            Col::SCORE,
            Col::GOAL,
            Col::GOAL_DONE,
            Col::LEVEL1,
            Col::LEVEL2,
            Col::LEVEL3,
            Col::DIRECTION,
            Col::TARGET,
            Col::UNIT,
            Col::ACTUAL,
            Col::WEIGHT,
            Col::REASON,
        ]
        .iter()
        .any(|spellings| spellings.contains(&n.as_str()))
}

/// The funds row a label names.
#[must_use]
pub fn fund_source(text: &str) -> Option<FundSource> {
    Some(match normalise(text).as_str() {
        "年度资金总额" | "资金总额" | "总额" => FundSource::Total,
        "本年财政拨款" | "财政拨款" | "当年财政拨款" => {
            FundSource::CurrentAppropriation
        }
        "上年结转资金" | "上年结转" => FundSource::PriorCarryover,
        "财政资金" => FundSource::FiscalFunds,
        "财政专户管理资金" => FundSource::SpecialAccount,
        "单位资金" => FundSource::UnitFunds,
        "其他资金" => FundSource::Other,
        _ => return None,
    })
}

/// The row that closes the indicator grid.
#[must_use]
pub fn ends_grid(text: &str) -> bool {
    matches!(
        normalise(text).as_str(),
        "总分" | "合计" | "评价结论" | "存在问题" | "改进措施"
    )
}

/// A note under or inside the form (注：…, 填表说明), never an indicator.
#[must_use]
pub fn is_note(text: &str) -> bool {
    let t = text.trim();
    [
        "注：",
        "注:",
        "注1",
        "注 ",
        "备注",
        "说明：",
        "说明:",
        "填表说明",
        "填报说明",
    ]
    .iter()
    .any(|p| t.starts_with(p))
        || t == "小计"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_compare_without_their_decorations() {
        assert_eq!(normalise("实施单位（盖章）"), "实施单位");
        assert_eq!(normalise("项目资金（万元）"), "项目资金");
        assert_eq!(normalise(" 其中：本年财政拨款"), "本年财政拨款");
        assert_eq!(normalise("项 目 名 称"), "项目名称");
        assert_eq!(fund_source("其中：财政资金"), Some(FundSource::FiscalFunds));
        assert!(is_note("注：1.偏差原因……"));
        assert!(!is_note("注册企业数量"));
    }
}

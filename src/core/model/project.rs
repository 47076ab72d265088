//! 项目支出绩效自评表: one project's self-evaluation form, as units fill it
//! (the national layout of 财预〔2020〕10号 附件1 and Sichuan's system export).
//! Plain data: targets and actuals are kept exactly as written (`≥50个`,
//! `在规定时间内完成`); the engine reads them (`engine::project`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Which printed form a project follows (its labels and fund rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FormLayout {
    /// 财预〔2020〕10号 附件1.
    #[default]
    National,
    /// Sichuan's 一体化 export (报表编号 `510000_0013zp`).
    Sichuan,
}

/// A row of the funds block (项目资金 / 预算执行情况).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FundSource {
    /// 年度资金总额 (national) / 总额 (Sichuan).
    Total,
    /// 其中：本年财政拨款.
    CurrentAppropriation,
    /// 上年结转资金.
    PriorCarryover,
    /// 财政资金 (Sichuan).
    FiscalFunds,
    /// 财政专户管理资金 (Sichuan).
    SpecialAccount,
    /// 单位资金 (Sichuan).
    UnitFunds,
    /// 其他资金 (both).
    Other,
}

impl FundSource {
    /// The rows of the national form, total first.
    pub const NATIONAL: [Self; 4] = [
        Self::Total,
        Self::CurrentAppropriation,
        Self::PriorCarryover,
        Self::Other,
    ];
    /// The rows of the Sichuan form, total first.
    pub const SICHUAN: [Self; 5] = [
        Self::Total,
        Self::FiscalFunds,
        Self::SpecialAccount,
        Self::UnitFunds,
        Self::Other,
    ];

    /// The row's label as the form prints it.
    #[must_use]
    pub fn label_zh(self, layout: FormLayout) -> &'static str {
        match (self, layout) {
            (Self::Total, FormLayout::National) => "年度资金总额",
            (Self::Total, FormLayout::Sichuan) => "总额",
            (Self::CurrentAppropriation, _) => "本年财政拨款",
            (Self::PriorCarryover, _) => "上年结转资金",
            (Self::FiscalFunds, _) => "财政资金",
            (Self::SpecialAccount, _) => "财政专户管理资金",
            (Self::UnitFunds, _) => "单位资金",
            (Self::Other, _) => "其他资金",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Total => "total funds",
            Self::CurrentAppropriation => "this year's appropriation",
            Self::PriorCarryover => "carried over from last year",
            Self::FiscalFunds => "fiscal funds",
            Self::SpecialAccount => "special-account funds",
            Self::UnitFunds => "unit's own funds",
            Self::Other => "other funds",
        }
    }
}

/// One row of the funds block, in 万元 as printed (any number of places).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundRow {
    pub source: FundSource,
    /// 年初预算数 / 年初预算.
    #[serde(default, with = "crate::core::num::dec_str_opt")]
    pub initial: Option<Decimal>,
    /// 全年预算数 / 调整后预算数.
    #[serde(default, with = "crate::core::num::dec_str_opt")]
    pub full_year: Option<Decimal>,
    /// 全年执行数 / 预算执行数.
    #[serde(default, with = "crate::core::num::dec_str_opt")]
    pub executed: Option<Decimal>,
}

impl FundRow {
    #[must_use]
    pub fn empty(source: FundSource) -> Self {
        Self {
            source,
            initial: None,
            full_year: None,
            executed: None,
        }
    }
}

/// What the execution rate divides by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExecutionBasis {
    /// 全年执行数 / 全年预算数 (Sichuan: / 调整后预算数).
    #[default]
    FullYear,
    /// 全年执行数 / 年初预算数.
    Initial,
}

/// How an indicator's actual is compared with its target (指标性质).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// `≥`: more is better (正向).
    AtLeast,
    /// `≤`: less is better (反向, e.g. cost).
    AtMost,
    /// `=`: must equal.
    Equal,
    /// `定性`: judged in words, scored in bands.
    Qualitative,
}

impl Direction {
    /// The sign or word the forms print.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::AtLeast => "≥",
            Self::AtMost => "≤",
            Self::Equal => "=",
            Self::Qualitative => "定性",
        }
    }

    /// Reads a 指标性质 cell (`≥`, `>=`, `正向`, `定性` …).
    #[must_use]
    pub fn from_written(text: &str) -> Option<Self> {
        match text.trim() {
            "≥" | ">=" | "＞＝" | "≧" | "正向" | "正向指标" | ">" | "＞" => {
                Some(Self::AtLeast)
            }
            "≤" | "<=" | "＜＝" | "≦" | "反向" | "反向指标" | "<" | "＜" => {
                Some(Self::AtMost)
            }
            "=" | "＝" | "==" => Some(Self::Equal),
            "定性" | "定性指标" => Some(Self::Qualitative),
            _ => None,
        }
    }
}

/// How far a qualitative indicator was achieved (达成 / 部分达成 / 未达成).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Achievement {
    Achieved,
    Partly,
    NotAchieved,
}

/// One row of the indicator grid (绩效指标).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectIndicator {
    /// 一级指标 (产出指标, 效益指标, 满意度指标).
    pub level1: String,
    /// 二级指标 (数量指标 …).
    pub level2: String,
    /// 三级指标.
    pub name: String,
    /// 指标性质; `None` reads the sign off the target (`≥50个`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// 年度指标值 as written.
    pub target: String,
    /// 实际完成值 as written.
    pub actual: String,
    /// 度量单位, where the form has its own column.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// 分值 / 权重.
    #[serde(with = "crate::core::num::weight_str")]
    pub weight: Decimal,
    /// The form's 得分, as printed or typed.
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub officer_score: Option<Decimal>,
    /// 偏差原因分析及改进措施 / 未完成原因分析.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// Left out of the total, the rest rescaled.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_applicable: bool,
    /// For a qualitative indicator: the band the officer judged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Achievement>,
    /// 佐证材料清单 of this indicator.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence_files: Vec<super::EvidenceFile>,
}

/// A band of a qualitative indicator's score, in percent of its weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualitativeBand {
    pub achievement: Achievement,
    #[serde(with = "crate::core::num::dec_str")]
    pub from_percent: Decimal,
    #[serde(with = "crate::core::num::dec_str")]
    pub to_percent: Decimal,
}

/// The total may not exceed `cap` when the execution rate is below `rate_below`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateCap {
    #[serde(with = "crate::core::num::dec_str")]
    pub rate_below: Decimal,
    #[serde(with = "crate::core::num::dec_str")]
    pub cap: Decimal,
}

/// A first-level heading of the grid and its weight (产出指标 50 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level1Weight {
    pub name: String,
    #[serde(with = "crate::core::num::dec_str")]
    pub weight: Decimal,
}

/// A project form's scoring table: every number a parameter, because each
/// province sets its own and changes them year to year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectScoring {
    pub name: String,
    /// Where the numbers come from, and how sure we are of them.
    pub source: String,
    /// Checked against the bureau's own text.
    pub verified: bool,
    /// 分值 of the execution row (年度资金总额).
    #[serde(with = "crate::core::num::dec_str")]
    pub execution_weight: Decimal,
    /// The execution rate, in percent, that earns the full execution weight.
    #[serde(with = "crate::core::num::dec_str")]
    pub execution_full_at: Decimal,
    /// The grid's first-level headings and weights, for new projects.
    pub level1: Vec<Level1Weight>,
    /// Qualitative indicators' bands.
    pub qualitative: Vec<QualitativeBand>,
    /// An actual at or above this multiple of a `≥` target is flagged (target set too low).
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub overshoot_ratio: Option<Decimal>,
    /// Points taken off an overshooting indicator (0: only flagged).
    #[serde(with = "crate::core::num::dec_str")]
    pub overshoot_deduction: Decimal,
    /// The total capped by the execution rate.
    pub caps: Vec<RateCap>,
    /// Percentage points by which the indicators' score rate may outrun the execution rate.
    #[serde(with = "crate::core::num::dec_str")]
    pub score_rate_margin: Decimal,
    /// Below this execution rate (percent) the form needs a reason.
    #[serde(with = "crate::core::num::dec_str")]
    pub execution_reason_below: Decimal,
    /// Lower bounds of 优, 良, 中.
    #[serde(with = "crate::core::num::dec_str")]
    pub grade_excellent: Decimal,
    #[serde(with = "crate::core::num::dec_str")]
    pub grade_good: Decimal,
    #[serde(with = "crate::core::num::dec_str")]
    pub grade_fair: Decimal,
}

impl Default for ProjectScoring {
    fn default() -> Self {
        Self::national()
    }
}

impl ProjectScoring {
    /// The national template: 产出 50 / 效益 30 / 满意度 10 + 执行率 10, with the
    /// rules seen in use. Unverified: the weights are printed on an Anhui 2022
    /// form; the bands are 财预〔2020〕10号 as widely reproduced (not retrieved);
    /// caps and the score-rate margin come from an 一体化 operating manual.
    #[must_use]
    pub fn national() -> Self {
        let d = Decimal::from;
        let band = |achievement, from: i64, to: i64| QualitativeBand {
            achievement,
            from_percent: d(from),
            to_percent: d(to),
        };
        let cap = |below: i64, cap: i64| RateCap {
            rate_below: d(below),
            cap: d(cap),
        };
        let level = |name: &str, weight: i64| Level1Weight {
            name: name.to_owned(),
            weight: d(weight),
        };
        Self {
            name: "财预〔2020〕10号 附件1（全国通用模板）".to_owned(),
            source: "权重：安徽某县2022年项目支出绩效自评表所印分值；定性三档：财预〔2020〕10号第十六条（转述，未核原文）；\
                     执行率封顶与得分率预警：一体化系统操作手册“项目自评减分规则”。未经核实，请按本地财政部门文件修改。"
                .to_owned(),
            verified: false,
            execution_weight: d(10),
            execution_full_at: d(100),
            level1: vec![
                level("产出指标", 50),
                level("效益指标", 30),
                level("满意度指标", 10),
            ],
            qualitative: vec![
                band(Achievement::Achieved, 80, 100),
                band(Achievement::Partly, 60, 80),
                band(Achievement::NotAchieved, 0, 60),
            ],
            overshoot_ratio: Some(Decimal::new(12, 1)),
            overshoot_deduction: Decimal::ZERO,
            caps: vec![cap(80, 89), cap(70, 79), cap(60, 69), cap(50, 59)],
            score_rate_margin: d(5),
            execution_reason_below: d(90),
            grade_excellent: d(90),
            grade_good: d(80),
            grade_fair: d(60),
        }
    }
}

/// One project's 项目支出绩效自评表.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProjectForm {
    /// 项目名称, without the code.
    pub name: String,
    /// The 一体化 project code printed before the name, if any.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// 主管部门.
    pub supervising_dept: String,
    /// 实施单位.
    pub implementing_unit: String,
    /// A key project (重点项目) named by the bureau.
    pub key: bool,
    /// Made up to show the form (the sample's seed prints none).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub illustrative: bool,
    pub layout: FormLayout,
    /// The funds block, total row first.
    pub funds: Vec<FundRow>,
    pub execution_basis: ExecutionBasis,
    /// The form's printed 执行率 (percent) and its 得分.
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub printed_rate: Option<Decimal>,
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub printed_execution_score: Option<Decimal>,
    /// Why the execution rate fell short (Sichuan's 原因).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub execution_reason: String,
    /// 年度总体目标: 预期目标 and 实际完成情况.
    pub goal: String,
    pub goal_achieved: String,
    pub indicators: Vec<ProjectIndicator>,
    /// The form's printed 总分 / 合计.
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub printed_total: Option<Decimal>,
    /// 评价结论, 存在问题, 改进措施.
    pub conclusion: String,
    pub problems: String,
    pub improvements: String,
    /// 项目负责人, 财务负责人.
    pub project_lead: String,
    pub finance_lead: String,
    pub scoring: ProjectScoring,
}

impl ProjectForm {
    /// A new, empty form with the layout's fund rows.
    #[must_use]
    pub fn new(name: &str, layout: FormLayout) -> Self {
        let rows: &[FundSource] = match layout {
            FormLayout::National => &FundSource::NATIONAL,
            FormLayout::Sichuan => &FundSource::SICHUAN,
        };
        Self {
            name: name.to_owned(),
            layout,
            funds: rows.iter().copied().map(FundRow::empty).collect(),
            ..Self::default()
        }
    }

    /// The funds row of a source, if the form has it.
    #[must_use]
    pub fn fund(&self, source: FundSource) -> Option<&FundRow> {
        self.funds.iter().find(|r| r.source == source)
    }

    /// The funds row of a source, added when missing.
    pub fn fund_mut(&mut self, source: FundSource) -> &mut FundRow {
        let at = if let Some(i) = self.funds.iter().position(|r| r.source == source) {
            i
        } else {
            self.funds.push(FundRow::empty(source));
            self.funds.len() - 1
        };
        &mut self.funds[at]
    }
}

/// Splits a printed 项目名称 into the 一体化 code and the name:
/// `51000021R000000019951-工资性支出` → (`51000021R000000019951`, `工资性支出`).
#[must_use]
pub fn split_code(printed: &str) -> (String, String) {
    let printed = printed.trim();
    for sep in ['-', '－', '—', ' ', '　', '_'] {
        if let Some((head, tail)) = printed.split_once(sep) {
            let head = head.trim();
            let looks_like_code = head.len() >= 6
                && head.chars().all(|c| c.is_ascii_alphanumeric())
                && head.chars().filter(char::is_ascii_digit).count() >= 6;
            if looks_like_code && !tail.trim().is_empty() {
                return (head.to_owned(), tail.trim().to_owned());
            }
        }
    }
    (String::new(), printed.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sichuan_name_gives_its_code() {
        assert_eq!(
            split_code("51000021R000000019951-工资性支出"),
            ("51000021R000000019951".to_owned(), "工资性支出".to_owned())
        );
        assert_eq!(
            split_code("2023-乡村振兴"),
            (String::new(), "2023-乡村振兴".to_owned())
        );
        assert_eq!(
            split_code("农村公路养护"),
            (String::new(), "农村公路养护".to_owned())
        );
    }

    #[test]
    fn a_form_round_trips_through_json() {
        let mut p = ProjectForm::new("农村公路养护", FormLayout::National);
        p.indicators.push(ProjectIndicator {
            name: "养护里程".to_owned(),
            target: "≥50公里".to_owned(),
            weight: Decimal::from(20),
            ..ProjectIndicator::default()
        });
        let text = serde_json::to_string(&p).expect("json");
        let back: ProjectForm = serde_json::from_str(&text).expect("back");
        assert_eq!(back, p);
    }

    #[test]
    fn directions_read_as_written() {
        assert_eq!(Direction::from_written("≥"), Some(Direction::AtLeast));
        assert_eq!(
            Direction::from_written(" 定性 "),
            Some(Direction::Qualitative)
        );
        assert_eq!(Direction::from_written("≤"), Some(Direction::AtMost));
        assert_eq!(Direction::from_written("?"), None);
    }
}

//! What a reviewer checks on a project form by hand today: the money rows
//! add up, the execution rate and every score are right, a reason stands
//! beside every point lost, and the key projects fit the department's own
//! project spending. Each warning names its indicator and its parameter.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{ProjectDerived, ScoreSource};
use crate::core::Bilingual;
use crate::core::engine::Severity;
use crate::core::model::{Direction, FormLayout, FundRow, FundSource, ProjectForm, Workbook};
use crate::core::num::{fmt_percent, fmt_score, round2};

/// A project warning's stable code (its `key` is in `check --json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectWarningCode {
    FundsDoNotAdd,
    ExecutedAboveBudget,
    RatePrintedDiffers,
    ExecutionScorePrintedDiffers,
    ExecutionReasonMissing,
    #[serde(rename = "weights_not_100")]
    WeightsNot100,
    ScorePrintedDiffers,
    ScoreAboveWeight,
    ReasonMissing,
    ReasonWithFullScore,
    Overshoot,
    EqualNotMet,
    OutsideBand,
    Unscored,
    NotComputable,
    ScoreRateOutrunsExecution,
    TotalCapped,
    TotalPrintedDiffers,
    KeyProjectsAboveDepartment,
}

/// Every code with its key, severity and what it means (docs/format.md).
pub const PROJECT_CODES: &[(ProjectWarningCode, &str, Severity, &str)] = &[
    (
        ProjectWarningCode::FundsDoNotAdd,
        "funds_do_not_add",
        Severity::High,
        "年度资金总额 ≠ 各来源之和（年初预算、全年预算或执行数）",
    ),
    (
        ProjectWarningCode::ExecutedAboveBudget,
        "executed_above_budget",
        Severity::Medium,
        "全年执行数大于全年预算数",
    ),
    (
        ProjectWarningCode::RatePrintedDiffers,
        "rate_printed_differs",
        Severity::High,
        "表中执行率 ≠ 执行数 / 预算数",
    ),
    (
        ProjectWarningCode::ExecutionScorePrintedDiffers,
        "execution_score_printed_differs",
        Severity::High,
        "表中执行率得分 ≠ 执行率 × 分值",
    ),
    (
        ProjectWarningCode::ExecutionReasonMissing,
        "execution_reason_missing",
        Severity::Medium,
        "执行率低于参数 execution_reason_below（模板 90%）而未说明原因",
    ),
    (
        ProjectWarningCode::WeightsNot100,
        "weights_not_100",
        Severity::Medium,
        "执行率分值与指标分值之和不为 100",
    ),
    (
        ProjectWarningCode::ScorePrintedDiffers,
        "score_printed_differs",
        Severity::High,
        "表中指标得分 ≠ 按指标值与完成值计算的得分",
    ),
    (
        ProjectWarningCode::ScoreAboveWeight,
        "score_above_weight",
        Severity::High,
        "表中指标得分高于分值（按分值计）",
    ),
    (
        ProjectWarningCode::ReasonMissing,
        "reason_missing",
        Severity::Medium,
        "未得满分而未写偏差原因",
    ),
    (
        ProjectWarningCode::ReasonWithFullScore,
        "reason_with_full_score",
        Severity::Info,
        "得满分却写了偏差原因（核对）",
    ),
    (
        ProjectWarningCode::Overshoot,
        "overshoot",
        Severity::Low,
        "完成值达到指标值的 overshoot_ratio 倍（模板 1.2）：指标值可能定得过低",
    ),
    (
        ProjectWarningCode::EqualNotMet,
        "equal_not_met",
        Severity::Medium,
        "“=”指标完成值与指标值不等，得分由人工确定",
    ),
    (
        ProjectWarningCode::OutsideBand,
        "outside_band",
        Severity::Medium,
        "定性指标得分不在所判档次（达成 80–100%、部分达成 60–80%、未达成 0–60%）内",
    ),
    (
        ProjectWarningCode::Unscored,
        "unscored",
        Severity::Medium,
        "指标既不能计算也没有表中得分，按 0 计",
    ),
    (
        ProjectWarningCode::NotComputable,
        "not_computable",
        Severity::Info,
        "指标值或完成值不能读作数值，采用表中得分",
    ),
    (
        ProjectWarningCode::ScoreRateOutrunsExecution,
        "score_rate_outruns_execution",
        Severity::Medium,
        "指标得分率高于执行率超过 score_rate_margin（模板 5 个百分点）",
    ),
    (
        ProjectWarningCode::TotalCapped,
        "total_capped",
        Severity::Info,
        "执行率偏低，总分按 caps 封顶",
    ),
    (
        ProjectWarningCode::TotalPrintedDiffers,
        "total_printed_differs",
        Severity::High,
        "表中总分 ≠ 计算所得总分",
    ),
    (
        ProjectWarningCode::KeyProjectsAboveDepartment,
        "key_projects_above_department",
        Severity::High,
        "重点项目全年执行数之和大于部门项目支出决算",
    ),
];

impl ProjectWarningCode {
    fn row(self) -> &'static (Self, &'static str, Severity, &'static str) {
        PROJECT_CODES
            .iter()
            .find(|r| r.0 == self)
            .unwrap_or(&PROJECT_CODES[0])
    }

    #[must_use]
    pub fn key(self) -> &'static str {
        self.row().1
    }

    #[must_use]
    pub fn severity(self) -> Severity {
        self.row().2
    }
}

/// One finding on a project form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectWarning {
    pub code: ProjectWarningCode,
    pub severity: Severity,
    pub message: Bilingual,
    /// The grid row it is about.
    pub indicator: Option<usize>,
}

fn warn(
    code: ProjectWarningCode,
    indicator: Option<usize>,
    zh: String,
    en: String,
) -> ProjectWarning {
    ProjectWarning {
        code,
        severity: code.severity(),
        message: Bilingual::new(zh, en),
        indicator,
    }
}

/// Printed figures are compared as printed: to 2 places.
fn differs(printed: Decimal, computed: Decimal) -> bool {
    round2(printed) != round2(computed)
}

/// The checks of one form, in a fixed order.
#[must_use]
pub fn project(p: &ProjectForm, d: &ProjectDerived) -> Vec<ProjectWarning> {
    let mut out = Vec::new();
    funds(p, &mut out);
    execution(p, d, &mut out);
    rows(p, d, &mut out);
    totals(p, d, &mut out);
    out.sort_by_key(|w| w.severity);
    out
}

/// A funds column: its zh and en label and how to read it off a row.
type Column = (&'static str, &'static str, fn(&FundRow) -> Option<Decimal>);

fn funds(p: &ProjectForm, out: &mut Vec<ProjectWarning>) {
    let Some(total) = p.fund(FundSource::Total) else {
        return;
    };
    let parts: Vec<&FundRow> = p
        .funds
        .iter()
        .filter(|r| r.source != FundSource::Total)
        .collect();
    let columns: [Column; 3] = match p.layout {
        FormLayout::National => [
            ("年初预算数", "initial budget", |r| r.initial),
            ("全年预算数", "full-year budget", |r| r.full_year),
            ("全年执行数", "executed", |r| r.executed),
        ],
        FormLayout::Sichuan => [
            ("年初预算", "initial budget", |r| r.initial),
            ("调整后预算数", "adjusted budget", |r| r.full_year),
            ("预算执行数", "executed", |r| r.executed),
        ],
    };
    let total_label = FundSource::Total.label_zh(p.layout);
    for (zh, en, get) in columns {
        let values: Vec<Decimal> = parts.iter().filter_map(|r| get(r)).collect();
        if let Some(t) = get(total)
            && !values.is_empty()
        {
            let sum: Decimal = values.iter().sum();
            if sum != t {
                out.push(warn(
                    ProjectWarningCode::FundsDoNotAdd,
                    None,
                    format!("{}：{zh}的{total_label} {t} ≠ 各来源之和 {sum}", p.name),
                    format!("{}: {en}, total {t} ≠ the sources' sum {sum}", p.name),
                ));
            }
        }
    }
    if let (Some(budget), Some(executed)) = (total.full_year, total.executed)
        && executed > budget
    {
        out.push(warn(
            ProjectWarningCode::ExecutedAboveBudget,
            None,
            format!("{}：全年执行数 {executed} 大于全年预算数 {budget}", p.name),
            format!(
                "{}: executed {executed} above the full-year budget {budget}",
                p.name
            ),
        ));
    }
}

fn execution(p: &ProjectForm, d: &ProjectDerived, out: &mut Vec<ProjectWarning>) {
    let params = &p.scoring;
    if let (Some(printed), Some(rate)) = (p.printed_rate, d.execution_rate)
        && differs(printed, rate)
    {
        out.push(warn(
            ProjectWarningCode::RatePrintedDiffers,
            None,
            format!(
                "{}：表中执行率 {} ≠ 计算 {}",
                p.name,
                fmt_percent(printed),
                fmt_percent(round2(rate))
            ),
            format!(
                "{}: printed execution rate {} ≠ computed {}",
                p.name,
                fmt_percent(printed),
                fmt_percent(round2(rate))
            ),
        ));
    }
    if let (Some(printed), Some(score)) = (p.printed_execution_score, d.execution_score)
        && differs(printed, score)
    {
        out.push(warn(
            ProjectWarningCode::ExecutionScorePrintedDiffers,
            None,
            format!(
                "{}：表中执行率得分 {} ≠ 计算 {}",
                p.name,
                fmt_score(printed),
                fmt_score(score)
            ),
            format!(
                "{}: printed execution score {} ≠ computed {}",
                p.name,
                fmt_score(printed),
                fmt_score(score)
            ),
        ));
    }
    if let Some(rate) = d.execution_rate
        && round2(rate) < params.execution_reason_below
        && p.execution_reason.trim().is_empty()
    {
        out.push(warn(
            ProjectWarningCode::ExecutionReasonMissing,
            None,
            format!(
                "{}：执行率 {} 低于 {}%，需说明原因",
                p.name,
                fmt_percent(round2(rate)),
                params.execution_reason_below
            ),
            format!(
                "{}: execution rate {} below {}% needs a reason",
                p.name,
                fmt_percent(round2(rate)),
                params.execution_reason_below
            ),
        ));
    }
    let weights = params.execution_weight + d.indicator_weight;
    if !p.indicators.is_empty() && weights != Decimal::ONE_HUNDRED {
        out.push(warn(
            ProjectWarningCode::WeightsNot100,
            None,
            format!(
                "{}：执行率分值 {} 与指标分值之和为 {}，不为 100",
                p.name, params.execution_weight, weights
            ),
            format!(
                "{}: execution weight {} and the indicators' weights add up to {}, not 100",
                p.name, params.execution_weight, weights
            ),
        ));
    }
}

#[allow(clippy::too_many_lines)] // one arm per row check, read top to bottom
fn rows(p: &ProjectForm, d: &ProjectDerived, out: &mut Vec<ProjectWarning>) {
    let params = &p.scoring;
    for (i, (ind, s)) in p.indicators.iter().zip(&d.indicators).enumerate() {
        let name = &ind.name;
        let at = Some(i);
        if s.source == ScoreSource::NotApplicable {
            continue;
        }
        if let (Some(officer), Some(computed)) = (ind.officer_score, s.computed)
            && differs(officer, computed)
        {
            out.push(warn(
                ProjectWarningCode::ScorePrintedDiffers,
                at,
                format!(
                    "{name}：表中得分 {} ≠ 计算 {}（{}）",
                    fmt_score(officer),
                    fmt_score(computed),
                    s.working.zh
                ),
                format!(
                    "{name}: printed score {} ≠ computed {} ({})",
                    fmt_score(officer),
                    fmt_score(computed),
                    s.working.en
                ),
            ));
        }
        if let Some(officer) = ind.officer_score
            && officer > ind.weight
        {
            out.push(warn(
                ProjectWarningCode::ScoreAboveWeight,
                at,
                format!(
                    "{name}：表中得分 {} 高于分值 {}",
                    fmt_score(officer),
                    fmt_score(ind.weight)
                ),
                format!(
                    "{name}: printed score {} above the weight {}",
                    fmt_score(officer),
                    fmt_score(ind.weight)
                ),
            ));
        }
        let reason = !ind.reason.trim().is_empty();
        match s.score {
            Some(score) if score < ind.weight && !reason => out.push(warn(
                ProjectWarningCode::ReasonMissing,
                at,
                format!(
                    "{name}：得分 {} 低于分值 {}，需写偏差原因分析及改进措施",
                    fmt_score(score),
                    fmt_score(ind.weight)
                ),
                format!(
                    "{name}: score {} below the weight {} needs a reason for the shortfall",
                    fmt_score(score),
                    fmt_score(ind.weight)
                ),
            )),
            Some(score) if score >= ind.weight && reason && !s.overshoot => out.push(warn(
                ProjectWarningCode::ReasonWithFullScore,
                at,
                format!("{name}：得满分却写了偏差原因，请核对"),
                format!("{name}: full score but a shortfall reason is written; check it"),
            )),
            _ => {}
        }
        if s.overshoot
            && let Some(multiple) = params.overshoot_ratio
        {
            out.push(warn(
                ProjectWarningCode::Overshoot,
                at,
                format!("{name}：完成值 {} 达到指标值 {} 的 {multiple} 倍以上，指标值可能定得过低", ind.actual, ind.target),
                format!("{name}: actual {} is {multiple}× the target {} or more; the target may be set too low", ind.actual, ind.target),
            ));
        }
        match s.not_computed {
            Some(super::NotComputed::EqualNotMet) => out.push(warn(
                ProjectWarningCode::EqualNotMet,
                at,
                format!(
                    "{name}：“=”指标完成值 {} 不等于指标值 {}，得分需人工确定",
                    ind.actual, ind.target
                ),
                format!(
                    "{name}: \"=\" indicator, actual {} ≠ target {}; the score is set by hand",
                    ind.actual, ind.target
                ),
            )),
            Some(why)
                if s.source == ScoreSource::Officer
                    && s.direction != Some(Direction::Qualitative) =>
            {
                out.push(warn(
                    ProjectWarningCode::NotComputable,
                    at,
                    format!(
                        "{name}：{}，采用表中得分",
                        s.working.zh.split('，').next().unwrap_or_default()
                    ),
                    format!("{name}: {why:?}; the form's score is used"),
                ));
            }
            _ => {}
        }
        if s.outside_band {
            out.push(warn(
                ProjectWarningCode::OutsideBand,
                at,
                format!(
                    "{name}：定性指标得分 {} 不在所判档次内",
                    ind.officer_score.map(fmt_score).unwrap_or_default()
                ),
                format!(
                    "{name}: qualitative score {} outside the judged band",
                    ind.officer_score.map(fmt_score).unwrap_or_default()
                ),
            ));
        }
        if s.source == ScoreSource::Unscored {
            out.push(warn(
                ProjectWarningCode::Unscored,
                at,
                format!("{name}：{}", s.working.zh),
                format!("{name}: {}", s.working.en),
            ));
        }
    }
}

fn totals(p: &ProjectForm, d: &ProjectDerived, out: &mut Vec<ProjectWarning>) {
    let params = &p.scoring;
    if let Some(rate) = d.execution_rate
        && d.applicable_weight > Decimal::ZERO
        && d.indicator_weight > Decimal::ZERO
    {
        let score_rate = round2(d.indicator_total * Decimal::ONE_HUNDRED / d.indicator_weight);
        let rate_shown = round2(rate.min(Decimal::ONE_HUNDRED));
        if score_rate - rate_shown > params.score_rate_margin {
            out.push(warn(
                ProjectWarningCode::ScoreRateOutrunsExecution,
                None,
                format!(
                    "{}：指标得分率 {} 高于执行率 {} 超过 {} 个百分点",
                    p.name,
                    fmt_percent(score_rate),
                    fmt_percent(rate_shown),
                    params.score_rate_margin
                ),
                format!(
                    "{}: the indicators' score rate {} outruns the execution rate {} by more than {} points",
                    p.name,
                    fmt_percent(score_rate),
                    fmt_percent(rate_shown),
                    params.score_rate_margin
                ),
            ));
        }
    }
    if let Some(cap) = d.cap {
        out.push(warn(
            ProjectWarningCode::TotalCapped,
            None,
            format!(
                "{}：执行率 {}，总分 {} 封顶为 {}",
                p.name,
                d.execution_rate
                    .map(|r| fmt_percent(round2(r)))
                    .unwrap_or_default(),
                fmt_score(d.uncapped_total),
                fmt_score(cap)
            ),
            format!(
                "{}: execution rate {}, total {} capped at {}",
                p.name,
                d.execution_rate
                    .map(|r| fmt_percent(round2(r)))
                    .unwrap_or_default(),
                fmt_score(d.uncapped_total),
                fmt_score(cap)
            ),
        ));
    }
    if let Some(printed) = p.printed_total
        && differs(printed, d.total)
    {
        out.push(warn(
            ProjectWarningCode::TotalPrintedDiffers,
            None,
            format!(
                "{}：表中总分 {} ≠ 计算 {}",
                p.name,
                fmt_score(printed),
                fmt_score(d.total)
            ),
            format!(
                "{}: printed total {} ≠ computed {}",
                p.name,
                fmt_score(printed),
                fmt_score(d.total)
            ),
        ));
    }
}

/// Between the projects and the department: Σ key projects' 全年执行数 ≤ 项目支出决算.
#[must_use]
pub fn department(wb: &Workbook, _projects: &[ProjectDerived]) -> Vec<ProjectWarning> {
    let mut out = Vec::new();
    let department = wb
        .finals
        .final_project
        .map(|m| m.0)
        .or(wb.budget.project_expenditure_total.map(|m| m.0));
    let executed: Vec<Decimal> = wb
        .projects
        .iter()
        .filter(|p| p.key)
        .filter_map(|p| p.fund(FundSource::Total).and_then(|r| r.executed))
        .collect();
    if let Some(department) = department
        && !executed.is_empty()
    {
        let sum: Decimal = executed.iter().sum();
        if sum > department {
            out.push(warn(
                ProjectWarningCode::KeyProjectsAboveDepartment,
                None,
                format!("重点项目全年执行数之和 {sum} 大于部门项目支出决算 {department}（万元）"),
                format!("the key projects' executed amounts add up to {sum}, above the department's project expenditure {department} (10k yuan)"),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_row_and_a_distinct_key() {
        let mut keys: Vec<&str> = PROJECT_CODES.iter().map(|r| r.1).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), PROJECT_CODES.len());
        for (code, key, _, _) in PROJECT_CODES {
            assert_eq!(code.key(), *key);
            assert_eq!(serde_json::to_value(code).expect("json"), *key);
        }
    }
}

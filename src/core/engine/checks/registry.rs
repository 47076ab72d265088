//! The registry of checks: every warning code with its key, severity and
//! documentation line (docs/format.md's table is tested against it), and the
//! checks in the order they run. Adding a check is a variant, a `CODES` row
//! and an entry in a list here, plus its function (here or in a topic module).

use serde::Serialize;

use super::{
    LeafCheck, Severity, WorkbookCheck, evidence, figures, finals, leaves, measures, rates,
    reasons, reported, sums, table, workload,
};

/// Stable warning codes. The serialised name is the code in `check --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// Income components do not add up to the income total.
    IncomePartsSum,
    /// Basic + project ≠ expenditure total.
    ExpenditurePartsSum,
    /// Personnel + operating ≠ basic expenditure.
    BasicPartsSum,
    /// In service + retired ≠ actual headcount.
    HeadcountPartsSum,
    /// A workload item's parts do not add up.
    WorkloadPartsSum,
    /// "收入预算" has two values (seed A1).
    IncomeBudgetTwoValues,
    /// 财政拨款收入 includes 其他收入 (seed A2).
    OtherIncomeInAppropriation,
    /// Appropriation finals by fund do not add up to the appropriation income final (seed A3).
    AppropriationFinalMismatch,
    /// Opening + appropriations − spending ≠ closing carry-over (seed A4).
    CarryoverIdentity,
    /// Government-fund budget given but final zero while spending is complete (seed A5).
    GovFundBudgetNotFinal,
    /// Staffing scopes disagree (seed A6).
    StaffingScope,
    /// Appropriation carry-over while the treasury stock is zero (seed A7).
    CarryoverWithoutTreasuryStock,
    /// All headline figures are equal (seed A8).
    HeadlineFiguresEqual,
    /// A printed figure differs from the computed one.
    ReportedDiffers,
    /// Scored on the report's printed rate because the inputs are missing.
    ScoredOnReported,
    /// The scoring table is a placeholder.
    TableUnverified,
    /// Children's weights do not add up to the parent, or the top level to 100.
    WeightSum,
    /// An indicator's weight is negative (counted as 0).
    NegativeWeight,
    /// The table nests deeper than three levels.
    TableTooDeep,
    /// Two indicators share a code.
    DuplicateCode,
    /// A rule's inputs are missing and nothing else could score it.
    MissingInput,
    /// A rate's denominator is zero.
    ZeroDenominator,
    /// A rate's inputs are too large to compute with exactly.
    ValueTooLarge,
    /// The officer's typed score differs from the computed one.
    OfficerScoreDiffers,
    /// A typed score was outside 0..=weight and was capped.
    ScoreOutOfRange,
    /// An indicator has no score yet.
    MissingScore,
    /// Not-applicable handling is assumed (seed A15).
    NotApplicableAssumed,
    /// Income final by source does not add up to 收入决算合计.
    IncomeFinalPartsSum,
    /// 基本支出决算 + 项目支出决算 ≠ 支出决算合计.
    ExpenditureFinalPartsSum,
    /// 人员经费 + 公用经费 (final) ≠ 基本支出决算.
    BasicFinalPartsSum,
    /// The four kinds of 三公经费 do not add up to the total (budget, final or last year).
    ThreePublicPartsSum,
    /// Spending exceeds income plus opening carry-over.
    SpendingExceedsIncome,
    /// Issued budget ≠ initial budget + adjustments.
    IssuedBudgetIdentity,
    /// A carry-over amount is negative.
    NegativeCarryover,
    /// A change rate on a negative base.
    ChangeOnNegativeBase,
    /// A printed rate the inputs cannot give (zero denominator).
    ReportedNotComputable,
    /// A parent's children score above its weight (capped).
    ParentAboveWeight,
    /// Points are lost but no deduction reason is written.
    ReasonMissing,
    /// Full marks, yet a deduction reason remains.
    ReasonStale,
    /// A rule asks for a basis its metric cannot be taken on.
    BasisNotAvailable,
    /// A table-defined formula names no field on one side.
    TableFormulaIncomplete,
    /// 年度实际支出 differs from 支出决算合计 (and from 财政拨款支出决算).
    ActualExpenditureNotFinal,
    /// A rate falls under no band the bureau wrote and is scored by `otherwise`.
    RateOutsideBands,
    /// Spending by economic class does not add up to 支出决算合计.
    EconomicClassPartsSum,
    /// A scored leaf the table asks evidence for lists no evidence file.
    EvidenceMissing,
    /// A listed evidence file is not there (or cannot be read).
    EvidenceFileMissing,
    /// A listed evidence file changed after it was listed.
    EvidenceFileChanged,
}

/// One warning code as documented.
#[derive(Debug)]
pub struct CodeDef {
    pub code: WarningCode,
    /// The stable code as it appears in `check --json` and the text output.
    pub key: &'static str,
    /// How serious this kind of finding is (fixed per code).
    pub severity: Severity,
    /// The meaning column of docs/format.md's warning table.
    pub doc: &'static str,
}

/// Every code, in declaration order.
pub const CODES: [CodeDef; 47] = [
    CodeDef {
        code: WarningCode::IncomePartsSum,
        key: "income_parts_sum",
        severity: Severity::High,
        doc: "the income budget by source does not add up to 收入预算合计",
    },
    CodeDef {
        code: WarningCode::ExpenditurePartsSum,
        key: "expenditure_parts_sum",
        severity: Severity::High,
        doc: "基本支出 + 项目支出 ≠ 支出预算合计",
    },
    CodeDef {
        code: WarningCode::BasicPartsSum,
        key: "basic_parts_sum",
        severity: Severity::High,
        doc: "人员经费 + 公用经费 ≠ 基本支出",
    },
    CodeDef {
        code: WarningCode::HeadcountPartsSum,
        key: "headcount_parts_sum",
        severity: Severity::High,
        doc: "in service + retired ≠ 年末实有人数",
    },
    CodeDef {
        code: WarningCode::WorkloadPartsSum,
        key: "workload_parts_sum",
        severity: Severity::High,
        doc: "a workload item's parts cannot add up to its value (lower bounds considered), or are too large to add",
    },
    CodeDef {
        code: WarningCode::IncomeBudgetTwoValues,
        key: "income_budget_two_values",
        severity: Severity::High,
        doc: "\"收入预算\" has two values: 财政拨款收入预算数 differs from both 收入预算合计 and the appropriation sources (seed A1)",
    },
    CodeDef {
        code: WarningCode::OtherIncomeInAppropriation,
        key: "other_income_in_appropriation",
        severity: Severity::High,
        doc: "财政拨款收入决算数 equals the appropriations **plus** 其他收入 (seed A2)",
    },
    CodeDef {
        code: WarningCode::AppropriationFinalMismatch,
        key: "appropriation_final_mismatch",
        severity: Severity::High,
        doc: "the appropriation finals by fund do not add up to 财政拨款收入决算数 (seed A3)",
    },
    CodeDef {
        code: WarningCode::CarryoverIdentity,
        key: "carryover_identity",
        severity: Severity::High,
        doc: "opening carry-over + appropriation finals − spending ≠ closing carry-over (seed A4); the spending is 财政拨款支出决算 where given, else 年度实际支出",
    },
    CodeDef {
        code: WarningCode::GovFundBudgetNotFinal,
        key: "gov_fund_budget_not_final",
        severity: Severity::Medium,
        doc: "a government-fund budget with a zero final (seed A5)",
    },
    CodeDef {
        code: WarningCode::StaffingScope,
        key: "staffing_scope",
        severity: Severity::Medium,
        doc: "年末实有人数 differs from those in service (retirees included), with the rate if new posts are outside the authorised ones (seed A6)",
    },
    CodeDef {
        code: WarningCode::CarryoverWithoutTreasuryStock,
        key: "carryover_without_treasury_stock",
        severity: Severity::Low,
        doc: "appropriation carry-over while the treasury carry-over stock is 0 (seed A7)",
    },
    CodeDef {
        code: WarningCode::HeadlineFiguresEqual,
        key: "headline_figures_equal",
        severity: Severity::Medium,
        doc: "income budget, expenditure budget, issued budget, actual spending and appropriation final are all equal (seed A8)",
    },
    CodeDef {
        code: WarningCode::ReportedDiffers,
        key: "reported_differs",
        severity: Severity::High,
        doc: "a printed rate, the printed total or the printed grade differs from the computed one",
    },
    CodeDef {
        code: WarningCode::ScoredOnReported,
        key: "scored_on_reported",
        severity: Severity::Medium,
        doc: "a rule was scored on the printed rate because the inputs are not given",
    },
    CodeDef {
        code: WarningCode::TableUnverified,
        key: "table_unverified",
        severity: Severity::Info,
        doc: "the scoring table is marked `verified: false`",
    },
    CodeDef {
        code: WarningCode::WeightSum,
        key: "weight_sum",
        severity: Severity::High,
        doc: "children's weights do not add up to their parent's, or the top level to 100",
    },
    CodeDef {
        code: WarningCode::NegativeWeight,
        key: "negative_weight",
        severity: Severity::High,
        doc: "an indicator's weight is negative (counted as 0)",
    },
    CodeDef {
        code: WarningCode::TableTooDeep,
        key: "table_too_deep",
        severity: Severity::Low,
        doc: "the table nests deeper than three levels",
    },
    CodeDef {
        code: WarningCode::DuplicateCode,
        key: "duplicate_code",
        severity: Severity::Medium,
        doc: "two indicators share a code",
    },
    CodeDef {
        code: WarningCode::MissingInput,
        key: "missing_input",
        severity: Severity::Medium,
        doc: "a rule's metric lacks inputs and nothing else scored it",
    },
    CodeDef {
        code: WarningCode::ZeroDenominator,
        key: "zero_denominator",
        severity: Severity::Medium,
        doc: "a rule's metric has a zero denominator (n/a)",
    },
    CodeDef {
        code: WarningCode::ValueTooLarge,
        key: "value_too_large",
        severity: Severity::Medium,
        doc: "a rule's metric has inputs too large to compute exactly",
    },
    CodeDef {
        code: WarningCode::OfficerScoreDiffers,
        key: "officer_score_differs",
        severity: Severity::Medium,
        doc: "the officer's typed score differs from the computed one",
    },
    CodeDef {
        code: WarningCode::ScoreOutOfRange,
        key: "score_out_of_range",
        severity: Severity::High,
        doc: "a typed score outside 0 … weight was capped",
    },
    CodeDef {
        code: WarningCode::MissingScore,
        key: "missing_score",
        severity: Severity::Medium,
        doc: "an indicator has no score yet (no choice, no typed score)",
    },
    CodeDef {
        code: WarningCode::NotApplicableAssumed,
        key: "not_applicable_assumed",
        severity: Severity::Info,
        doc: "an indicator is scored as not applicable; confirm with the bureau's table (seed A15)",
    },
    CodeDef {
        code: WarningCode::IncomeFinalPartsSum,
        key: "income_final_parts_sum",
        severity: Severity::High,
        doc: "the income final by source does not add up to 收入决算合计",
    },
    CodeDef {
        code: WarningCode::ExpenditureFinalPartsSum,
        key: "expenditure_final_parts_sum",
        severity: Severity::High,
        doc: "基本支出决算 + 项目支出决算 ≠ 支出决算合计 (a missing 基本支出决算 counts as 人员经费 + 公用经费)",
    },
    CodeDef {
        code: WarningCode::BasicFinalPartsSum,
        key: "basic_final_parts_sum",
        severity: Severity::High,
        doc: "人员经费决算 + 公用经费决算 ≠ 基本支出决算",
    },
    CodeDef {
        code: WarningCode::ThreePublicPartsSum,
        key: "three_public_parts_sum",
        severity: Severity::High,
        doc: "因公出国（境） + 公务接待 + 公务用车购置 + 运行维护 ≠ the 三公经费 total (budget, final or last year's final); or a printed 公务用车购置及运行维护费 ≠ 购置 + 运行维护",
    },
    CodeDef {
        code: WarningCode::SpendingExceedsIncome,
        key: "spending_exceeds_income",
        severity: Severity::High,
        doc: "支出决算合计 exceeds 收入决算合计 plus every other source given (年初财政拨款结转和结余, 年初其他资金结转和结余, 使用非财政拨款结余); the message gives the gap and names a source not given as not given, never as 0",
    },
    CodeDef {
        code: WarningCode::IssuedBudgetIdentity,
        key: "issued_budget_identity",
        severity: Severity::Medium,
        doc: "财政下达预算数 differs from 年初预算数 + 预算调整数 by a cent or more",
    },
    CodeDef {
        code: WarningCode::NegativeCarryover,
        key: "negative_carryover",
        severity: Severity::High,
        doc: "a carry-over amount is negative, so the carry-over rate would read as good",
    },
    CodeDef {
        code: WarningCode::ChangeOnNegativeBase,
        key: "change_on_negative_base",
        severity: Severity::Medium,
        doc: "a change rate's base is negative: the sign flips and a rise reads as a fall",
    },
    CodeDef {
        code: WarningCode::ReportedNotComputable,
        key: "reported_not_computable",
        severity: Severity::Medium,
        doc: "the report prints a rate that cannot be computed (zero denominator or too large; n/a)",
    },
    CodeDef {
        code: WarningCode::ParentAboveWeight,
        key: "parent_above_weight",
        severity: Severity::High,
        doc: "a parent's sub-indicators score more than its weight; the parent is capped at its weight (the message names the children)",
    },
    CodeDef {
        code: WarningCode::ReasonMissing,
        key: "reason_missing",
        severity: Severity::Medium,
        doc: "points are lost (as printed, to 2 places) but the indicator has no deduction reason",
    },
    CodeDef {
        code: WarningCode::ReasonStale,
        key: "reason_stale",
        severity: Severity::Low,
        doc: "the indicator has full marks, yet a deduction reason remains from an earlier score",
    },
    CodeDef {
        code: WarningCode::BasisNotAvailable,
        key: "basis_not_available",
        severity: Severity::Low,
        doc: "a rule's `basis` is one its metric cannot be taken on; the metric is computed as defined",
    },
    CodeDef {
        code: WarningCode::TableFormulaIncomplete,
        key: "table_formula_incomplete",
        severity: Severity::Medium,
        doc: "a table-defined `formula` names no field on one side; the leaf is not computed",
    },
    CodeDef {
        code: WarningCode::ActualExpenditureNotFinal,
        key: "actual_expenditure_not_final",
        severity: Severity::Medium,
        doc: "年度实际支出 (the completion rate's numerator) differs from 支出决算合计 and from 财政拨款支出决算",
    },
    CodeDef {
        code: WarningCode::RateOutsideBands,
        key: "rate_outside_bands",
        severity: Severity::Medium,
        doc: "a `bands` rule's rate falls under none of the bands and the standard writes no 其余/其他/否则 case: it is scored by `otherwise`, and warned",
    },
    CodeDef {
        code: WarningCode::EconomicClassPartsSum,
        key: "economic_class_parts_sum",
        severity: Severity::High,
        doc: "spending by economic class (工资福利, 商品和服务, 对个人和家庭的补助, 资本性, other classes: those given) does not add up to 支出决算合计",
    },
    CodeDef {
        code: WarningCode::EvidenceMissing,
        key: "evidence_missing",
        severity: Severity::Medium,
        doc: "a scored leaf whose table asks for 佐证材料 (its `evidence_required`, else its standard or definition names 佐证, 证明材料 or 附件) lists no evidence file",
    },
    CodeDef {
        code: WarningCode::EvidenceFileMissing,
        key: "evidence_file_missing",
        severity: Severity::High,
        doc: "a file of an indicator's 佐证材料清单 is not at its path beside the workbook, or cannot be read",
    },
    CodeDef {
        code: WarningCode::EvidenceFileChanged,
        key: "evidence_file_changed",
        severity: Severity::Medium,
        doc: "a listed evidence file's SHA-256 differs from the one taken when it was listed",
    },
];

impl WarningCode {
    /// Every code, in the order checks run.
    pub const ALL: [Self; CODES.len()] = registry_keys!(CODES, code, WarningCode::IncomePartsSum);

    /// The registry row (rows are in declaration order, tested below).
    #[must_use]
    pub fn def(self) -> &'static CodeDef {
        &CODES[self as usize]
    }

    #[must_use]
    pub fn severity(self) -> Severity {
        self.def().severity
    }

    #[must_use]
    pub fn key(self) -> &'static str {
        self.def().key
    }
}

/// The checks, in the order their warnings are listed (within a severity).
pub const WORKBOOK_CHECKS: &[WorkbookCheck] = &[
    sums::income_parts,
    sums::expenditure_parts,
    sums::basic_parts,
    sums::headcount_parts,
    finals::income_final_parts,
    finals::expenditure_final_parts,
    finals::basic_final_parts,
    finals::three_public_parts,
    finals::economic_class_parts,
    finals::spending_exceeds_income,
    finals::actual_expenditure_not_final,
    finals::issued_budget_identity,
    finals::negative_carryover,
    rates::change_on_negative_base,
    rates::reported_not_computable,
    figures::income_budget_two_values,
    figures::other_income_in_appropriation,
    figures::appropriation_final_mismatch,
    figures::carryover_identity,
    figures::gov_fund_budget_not_final,
    figures::staffing_scope,
    figures::carryover_without_treasury_stock,
    figures::headline_figures_equal,
    reported::rates,
    reported::total,
    reported::grade,
    leaves::run_leaf_checks,
    table::unverified,
    table::top_level_sum,
    table::tree,
    rates::parent_above_weight,
    workload::parts_sum,
    evidence::files_missing,
    evidence::files_changed,
];

/// The checks run on each scored leaf, in order.
pub const LEAF_CHECKS: &[LeafCheck] = &[
    leaves::scored_on_reported,
    leaves::metric_unavailable,
    measures::measure_unavailable,
    measures::basis_not_available,
    measures::table_formula_incomplete,
    measures::own_change_on_negative_base,
    leaves::officer_score_differs,
    leaves::score_out_of_range,
    leaves::missing_score,
    leaves::not_applicable_assumed,
    leaves::rate_outside_bands,
    reasons::reason_missing,
    reasons::reason_stale,
    evidence::evidence_missing,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::assert_registry_rows;

    #[test]
    fn codes_are_in_declaration_order_and_serialise_as_their_key() {
        assert_registry_rows(CODES.iter().map(|d| (d.code as usize, d.code, d.key)));
    }
}

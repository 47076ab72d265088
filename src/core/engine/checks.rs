//! Consistency checks: every warning the engine raises, each with a stable code,
//! a severity, a message in both languages and the fields it concerns.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Grade;
use super::arith;
use super::fast_hash::FxSet;
use super::metrics::{Metric, MetricId, MetricStatus};
use super::scoring::{IndicatorResult, ScoreBasis, TableScore, ValueSource};
use super::workload::GroupStats;
use crate::core::Bilingual;
use crate::core::model::{FieldId, Indicator, Workbook};
use crate::core::num::{Plain, fmt_percent, fmt_score, round2};

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Self; 4] = [Self::High, Self::Medium, Self::Low, Self::Info];

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::High => "严重",
            Self::Medium => "中等",
            Self::Low => "轻微",
            Self::Info => "提示",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Info => "info",
        }
    }
}

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
}

impl WarningCode {
    /// Every code, in the order checks run.
    pub const ALL: [Self; 27] = [
        Self::IncomePartsSum,
        Self::ExpenditurePartsSum,
        Self::BasicPartsSum,
        Self::HeadcountPartsSum,
        Self::WorkloadPartsSum,
        Self::IncomeBudgetTwoValues,
        Self::OtherIncomeInAppropriation,
        Self::AppropriationFinalMismatch,
        Self::CarryoverIdentity,
        Self::GovFundBudgetNotFinal,
        Self::StaffingScope,
        Self::CarryoverWithoutTreasuryStock,
        Self::HeadlineFiguresEqual,
        Self::ReportedDiffers,
        Self::ScoredOnReported,
        Self::TableUnverified,
        Self::WeightSum,
        Self::NegativeWeight,
        Self::TableTooDeep,
        Self::DuplicateCode,
        Self::MissingInput,
        Self::ZeroDenominator,
        Self::ValueTooLarge,
        Self::OfficerScoreDiffers,
        Self::ScoreOutOfRange,
        Self::MissingScore,
        Self::NotApplicableAssumed,
    ];

    /// How serious this kind of finding is (fixed per code, documented).
    #[must_use]
    pub fn severity(self) -> Severity {
        match self {
            Self::IncomePartsSum
            | Self::ExpenditurePartsSum
            | Self::BasicPartsSum
            | Self::HeadcountPartsSum
            | Self::WorkloadPartsSum
            | Self::IncomeBudgetTwoValues
            | Self::OtherIncomeInAppropriation
            | Self::AppropriationFinalMismatch
            | Self::CarryoverIdentity
            | Self::ReportedDiffers
            | Self::WeightSum
            | Self::NegativeWeight
            | Self::ScoreOutOfRange => Severity::High,
            Self::GovFundBudgetNotFinal
            | Self::StaffingScope
            | Self::HeadlineFiguresEqual
            | Self::ScoredOnReported
            | Self::DuplicateCode
            | Self::MissingInput
            | Self::ZeroDenominator
            | Self::ValueTooLarge
            | Self::OfficerScoreDiffers
            | Self::MissingScore => Severity::Medium,
            Self::CarryoverWithoutTreasuryStock | Self::TableTooDeep => Severity::Low,
            Self::TableUnverified | Self::NotApplicableAssumed => Severity::Info,
        }
    }

    /// The stable code as it appears in `check --json` and the text output.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::IncomePartsSum => "income_parts_sum",
            Self::ExpenditurePartsSum => "expenditure_parts_sum",
            Self::BasicPartsSum => "basic_parts_sum",
            Self::HeadcountPartsSum => "headcount_parts_sum",
            Self::WorkloadPartsSum => "workload_parts_sum",
            Self::IncomeBudgetTwoValues => "income_budget_two_values",
            Self::OtherIncomeInAppropriation => "other_income_in_appropriation",
            Self::AppropriationFinalMismatch => "appropriation_final_mismatch",
            Self::CarryoverIdentity => "carryover_identity",
            Self::GovFundBudgetNotFinal => "gov_fund_budget_not_final",
            Self::StaffingScope => "staffing_scope",
            Self::CarryoverWithoutTreasuryStock => "carryover_without_treasury_stock",
            Self::HeadlineFiguresEqual => "headline_figures_equal",
            Self::ReportedDiffers => "reported_differs",
            Self::ScoredOnReported => "scored_on_reported",
            Self::TableUnverified => "table_unverified",
            Self::WeightSum => "weight_sum",
            Self::NegativeWeight => "negative_weight",
            Self::TableTooDeep => "table_too_deep",
            Self::DuplicateCode => "duplicate_code",
            Self::MissingInput => "missing_input",
            Self::ZeroDenominator => "zero_denominator",
            Self::ValueTooLarge => "value_too_large",
            Self::OfficerScoreDiffers => "officer_score_differs",
            Self::ScoreOutOfRange => "score_out_of_range",
            Self::MissingScore => "missing_score",
            Self::NotApplicableAssumed => "not_applicable_assumed",
        }
    }
}

/// What a warning is about, so the UI can jump there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Concern {
    Field { field: FieldId },
    Metric { metric: MetricId },
    Indicator { code: String },
    Workload { group: usize, item: usize },
    Reported,
    Table,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub severity: Severity,
    pub message: Bilingual,
    pub concerns: Vec<Concern>,
}

fn fields(list: &[FieldId]) -> Vec<Concern> {
    list.iter().map(|&field| Concern::Field { field }).collect()
}

fn get(wb: &Workbook, f: FieldId) -> Option<Decimal> {
    f.get(wb)
}

/// Exact sum of the values given; `None` when none is given or it overflows.
fn sum(values: &[Option<Decimal>]) -> Option<Decimal> {
    arith::sum_present(values)
}

/// |a − b| / b × 100 rounded for display, or "n/a".
fn variance_text(a: Decimal, b: Decimal) -> String {
    a.checked_sub(b)
        .and_then(|diff| arith::percent(diff, b))
        .map_or_else(|| "n/a".to_owned(), |v| fmt_percent(v.abs()))
}

struct Checker<'a> {
    wb: &'a Workbook,
    out: Vec<Warning>,
}

impl Checker<'_> {
    fn push(&mut self, code: WarningCode, zh: String, en: String, concerns: Vec<Concern>) {
        self.out.push(Warning {
            code,
            severity: code.severity(),
            message: Bilingual::new(zh, en),
            concerns,
        });
    }

    /// `total` should equal the sum of `parts` (parts not given are skipped).
    fn parts_sum(&mut self, code: WarningCode, total: FieldId, parts: &[FieldId]) {
        let Some(t) = get(self.wb, total) else { return };
        let values: Vec<_> = parts.iter().map(|&p| get(self.wb, p)).collect();
        let Some(s) = sum(&values) else { return };
        if s != t {
            let (diff, s, t) = (Plain(s.saturating_sub(t)), Plain(s), Plain(t));
            let names_zh: Vec<_> = parts.iter().map(|p| p.label_zh()).collect();
            let names_en: Vec<_> = parts.iter().map(|p| p.label_en()).collect();
            let mut concerned = vec![total];
            concerned.extend_from_slice(parts);
            self.push(
                code,
                format!(
                    "{}之和 {s} 与{} {t} 不符（差 {}）",
                    names_zh.join("+"),
                    total.label_zh(),
                    diff
                ),
                format!(
                    "{} add up to {s}, but {} is {t} (difference {})",
                    names_en.join(" + "),
                    total.label_en(),
                    diff
                ),
                fields(&concerned),
            );
        }
    }
}

/// Runs every check.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn run_checks(
    wb: &Workbook,
    metrics: &[Metric],
    scores: &TableScore,
    grade: Grade,
    workload: &[GroupStats],
) -> Vec<Warning> {
    use FieldId as F;
    let mut c = Checker {
        wb,
        out: Vec::new(),
    };

    // Internal sums.
    c.parts_sum(
        WarningCode::IncomePartsSum,
        F::IncomeBudgetTotal,
        &[
            F::IncomeBudgetGeneral,
            F::IncomeBudgetGovFund,
            F::IncomeBudgetStateCapital,
            F::IncomeBudgetOther,
        ],
    );
    c.parts_sum(
        WarningCode::ExpenditurePartsSum,
        F::ExpenditureBudgetTotal,
        &[F::BudgetBasic, F::BudgetProject],
    );
    c.parts_sum(
        WarningCode::BasicPartsSum,
        F::BudgetBasic,
        &[F::BudgetPersonnel, F::BudgetOperating],
    );
    c.parts_sum(
        WarningCode::HeadcountPartsSum,
        F::ActualHeadcount,
        &[
            F::InServiceAdmin,
            F::InServiceInstitution,
            F::InServiceLogistics,
            F::Retired,
        ],
    );

    let approp_parts = sum(&[
        get(wb, F::IncomeBudgetGeneral),
        get(wb, F::IncomeBudgetGovFund),
        get(wb, F::IncomeBudgetStateCapital),
    ]);
    let other = get(wb, F::IncomeBudgetOther).unwrap_or_default();
    let income_total = get(wb, F::IncomeBudgetTotal);
    let approp_budget = get(wb, F::AppropriationIncomeBudget);
    let approp_final = get(wb, F::AppropriationIncomeFinal);

    // A1: the same "收入预算" with two values.
    if let (Some(ab), Some(total)) = (approp_budget, income_total) {
        let matches_scope = ab == total || approp_parts == Some(ab);
        if !matches_scope {
            let alt =
                approp_final.map_or_else(|| "n/a".to_owned(), |fin| variance_text(fin, total));
            let (total, ab) = (Plain(total), Plain(ab));
            c.push(
                WarningCode::IncomeBudgetTwoValues,
                format!(
                    "“收入预算”有两个数：{}为 {total} 万元，{}为 {ab} 万元；若以 {total} 为预算数，差异率为 {alt}",
                    F::IncomeBudgetTotal.label_zh(),
                    F::AppropriationIncomeBudget.label_zh()
                ),
                format!(
                    "The income budget has two values: {} {total} vs {} {ab}; with {total} as the budget the variance rate would be {alt}",
                    F::IncomeBudgetTotal.label_en(),
                    F::AppropriationIncomeBudget.label_en()
                ),
                fields(&[F::IncomeBudgetTotal, F::AppropriationIncomeBudget]),
            );
        }
    }

    // A2: other income counted as appropriation income.
    if let (Some(fin), Some(parts)) = (approp_final, approp_parts) {
        let with_other = parts.checked_add(other);
        if other > Decimal::ZERO && with_other == Some(fin) {
            let alt = approp_budget.map_or_else(|| "n/a".to_owned(), |b| variance_text(parts, b));
            let (fin, other, parts) = (Plain(fin), Plain(other), Plain(parts));
            c.push(
                WarningCode::OtherIncomeInAppropriation,
                format!(
                    "财政拨款收入决算数 {fin} 万元含其他收入 {other} 万元；仅计财政拨款应为 {parts} 万元，差异率将为 {alt}"
                ),
                format!(
                    "Appropriation income final {fin} includes other income {other}; appropriations alone are {parts}, giving a variance rate of {alt}"
                ),
                fields(&[F::AppropriationIncomeFinal, F::IncomeBudgetOther]),
            );
        }
    }

    // A3: appropriation finals by fund vs appropriation income final.
    let fund_finals = sum(&[
        get(wb, F::GeneralBudgetAppropriationFinal),
        get(wb, F::GovFundAppropriationFinal),
    ]);
    if let (Some(fin), Some(by_fund)) = (approp_final, fund_finals)
        && fin != by_fund
    {
        let alt = approp_budget.map_or_else(|| "n/a".to_owned(), |b| variance_text(by_fund, b));
        let (fin, by_fund) = (Plain(fin), Plain(by_fund));
        c.push(
                WarningCode::AppropriationFinalMismatch,
                format!(
                    "按资金来源的财政拨款决算数合计 {by_fund} 万元，与财政拨款收入决算数 {fin} 万元不符；以 {by_fund} 计差异率为 {alt}"
                ),
                format!(
                    "Appropriation finals by fund add up to {by_fund}, but appropriation income final is {fin}; on {by_fund} the variance rate is {alt}"
                ),
                fields(&[F::AppropriationIncomeFinal, F::GeneralBudgetAppropriationFinal, F::GovFundAppropriationFinal]),
            );
    }

    // A4: carry-over identity.
    if let (Some(open), Some(close), Some(by_fund), Some(spent)) = (
        get(wb, F::OpeningAppropriationCarryover),
        get(wb, F::ClosingAppropriationCarryover),
        fund_finals,
        get(wb, F::ActualExpenditure),
    ) {
        let expected = open.checked_add(by_fund).and_then(|v| v.checked_sub(spent));
        if let Some(expected_close) = expected.filter(|e| *e != close) {
            let gap = Plain(close.saturating_sub(expected_close));
            let [open, by_fund, spent, expected_close, close] =
                [open, by_fund, spent, expected_close, close].map(Plain);
            c.push(
                WarningCode::CarryoverIdentity,
                format!(
                    "结转恒等式不成立：年初结转 {open} + 财政拨款决算 {by_fund} - 实际支出 {spent} = {expected_close}，而年末结转为 {close}，相差 {gap} 万元"
                ),
                format!(
                    "Carry-over identity fails: opening {open} + appropriations {by_fund} - spending {spent} = {expected_close}, but closing is {close} (gap {gap})"
                ),
                fields(&[
                    F::OpeningAppropriationCarryover,
                    F::GeneralBudgetAppropriationFinal,
                    F::GovFundAppropriationFinal,
                    F::ActualExpenditure,
                    F::ClosingAppropriationCarryover,
                ]),
            );
        }
    }

    // A5: government fund budgeted but zero in the finals, with completion at 100 %.
    if let (Some(fund_budget), Some(fund_final)) = (
        get(wb, F::IncomeBudgetGovFund),
        get(wb, F::GovFundAppropriationFinal),
    ) {
        let complete = metrics
            .iter()
            .find(|m| m.id == MetricId::ExpenditureCompletionRate)
            .and_then(|m| m.display)
            .is_some_and(|v| v >= Decimal::ONE_HUNDRED);
        if fund_budget > Decimal::ZERO && fund_final.is_zero() {
            let tail_zh = if complete {
                "，但支出完成率为 100%"
            } else {
                ""
            };
            let tail_en = if complete {
                ", yet expenditure completion is 100%"
            } else {
                ""
            };
            let (fund_budget, fund_final) = (Plain(fund_budget), Plain(fund_final));
            c.push(
                WarningCode::GovFundBudgetNotFinal,
                format!("政府性基金预算 {fund_budget} 万元，决算为 {fund_final}{tail_zh}：资金是否收回未说明"),
                format!("Government fund budget {fund_budget} but final {fund_final}{tail_en}: withdrawal not explained"),
                fields(&[F::IncomeBudgetGovFund, F::GovFundAppropriationFinal]),
            );
        }
    }

    // A6: staffing scopes.
    let in_service = sum(&[
        get(wb, F::InServiceAdmin),
        get(wb, F::InServiceInstitution),
        get(wb, F::InServiceLogistics),
    ]);
    let authorized = sum(&[
        get(wb, F::AuthorizedAdmin),
        get(wb, F::AuthorizedInstitution),
        get(wb, F::AuthorizedLogistics),
    ]);
    if let (Some(actual), Some(serving)) = (get(wb, F::ActualHeadcount), in_service)
        && actual != serving
    {
        let new_posts = get(wb, F::NewPosts).filter(|n| !n.is_zero());
        let wider_rate = new_posts.zip(authorized).and_then(|(n, a)| {
            let posts = a.checked_add(n)?;
            Some((n, arith::percent(serving, posts)?))
        });
        let (alt, alt_en) = match wider_rate {
            Some((n, rate)) => (
                {
                    let n = Plain(n);
                    format!(
                        "；若新增编制 {n} 不在编制数内，控制率为 {}",
                        fmt_percent(rate)
                    )
                },
                {
                    let n = Plain(n);
                    format!(
                        "; if the {n} new posts are outside the authorised posts, the control rate is {}",
                        fmt_percent(rate)
                    )
                },
            ),
            None => (String::new(), String::new()),
        };
        let (actual, serving) = (Plain(actual), Plain(serving));
        c.push(
                WarningCode::StaffingScope,
                format!("年末实有人数 {actual} 含退休等人员，与在职人数 {serving} 口径不同；在职人员控制率按在职人数计{alt}"),
                format!("Actual headcount {actual} includes retirees, unlike the {serving} in service; the staffing control rate uses those in service{alt_en}"),
                fields(&[F::ActualHeadcount, F::InServiceAdmin, F::Retired, F::NewPosts]),
            );
    }

    // A7: appropriation carry-over without any treasury stock.
    if let (Some(close), Some(stock)) = (
        get(wb, F::ClosingAppropriationCarryover),
        get(wb, F::TreasuryCarryoverStockCurr),
    ) && close > Decimal::ZERO
        && stock.is_zero()
    {
        let close = Plain(close);
        c.push(
                WarningCode::CarryoverWithoutTreasuryStock,
                format!("年末财政拨款结转 {close} 万元，而国库集中支付结转结余存量资金为 0：两者口径未作说明"),
                format!("Closing appropriation carry-over is {close} while the treasury carry-over stock is 0: the scopes are not reconciled"),
                fields(&[F::ClosingAppropriationCarryover, F::TreasuryCarryoverStockCurr]),
            );
    }

    // A8: all headline figures equal.
    let headline = [
        F::IncomeBudgetTotal,
        F::ExpenditureBudgetTotal,
        F::IssuedBudget,
        F::ActualExpenditure,
        F::AppropriationIncomeFinal,
    ];
    let values: Vec<_> = headline.iter().map(|&f| get(wb, f)).collect();
    if values.iter().all(Option::is_some) && values.windows(2).all(|w| w[0] == w[1]) {
        let v = Plain(values[0].unwrap_or_default());
        c.push(
            WarningCode::HeadlineFiguresEqual,
            format!("收入预算、支出预算、下达预算、实际支出和财政拨款决算均为 {v} 万元：仅在预算按实际调整时成立，请核实"),
            format!("Income budget, expenditure budget, issued budget, actual spending and appropriation final all equal {v}: plausible only if the budget was adjusted to actuals"),
            fields(&headline),
        );
    }

    check_metrics_and_reported(&mut c, metrics, scores, grade);
    check_table(&mut c);
    check_workload(&mut c, workload);
    c.out
}

fn check_metrics_and_reported(
    c: &mut Checker<'_>,
    metrics: &[Metric],
    scores: &TableScore,
    grade: Grade,
) {
    let wb = c.wb;
    for (id, printed) in &wb.reported.rates {
        let Some(m) = metrics.iter().find(|m| m.id == *id) else {
            continue;
        };
        if let Some(shown) = m.display
            && round2(*printed) != shown
        {
            c.push(
                WarningCode::ReportedDiffers,
                format!(
                    "{}：报告写 {}，按数据计算为 {}",
                    id.label_zh(),
                    fmt_percent(*printed),
                    fmt_percent(shown)
                ),
                format!(
                    "{}: the report prints {}, the data give {}",
                    id.label_en(),
                    fmt_percent(*printed),
                    fmt_percent(shown)
                ),
                vec![Concern::Metric { metric: *id }, Concern::Reported],
            );
        }
    }
    let shown_total = round2(scores.total);
    if let Some(printed) = wb.reported.total_score
        && round2(printed) != shown_total
    {
        c.push(
            WarningCode::ReportedDiffers,
            format!(
                "报告自评得分 {} 分，按评分表计算为 {} 分",
                fmt_score(printed),
                fmt_score(shown_total)
            ),
            format!(
                "The report's total is {}, the scoring table gives {}",
                fmt_score(printed),
                fmt_score(shown_total)
            ),
            vec![Concern::Reported],
        );
    }
    if let Some(printed) = &wb.reported.grade
        && printed != grade.label_zh()
        && !printed.eq_ignore_ascii_case(grade.label_en())
    {
        c.push(
            WarningCode::ReportedDiffers,
            format!(
                "报告自评等级为“{printed}”，按得分应为“{}”",
                grade.label_zh()
            ),
            format!(
                "The report's grade is \"{printed}\", the score gives \"{}\"",
                grade.label_en()
            ),
            vec![Concern::Reported],
        );
    }
    for (ind, result) in flatten_with_results(&wb.table.indicators, &scores.indicators) {
        // Built only when a warning needs it: most indicators raise none.
        let concern = || {
            vec![Concern::Indicator {
                code: ind.code.clone(),
            }]
        };
        if let (Some(metric), Some(ValueSource::Reported)) = (result.metric, result.value_source) {
            c.push(
                WarningCode::ScoredOnReported,
                format!(
                    "{} {}：{}的计算数据未填，按报告所写 {} 评分",
                    ind.code,
                    ind.name,
                    metric.label_zh(),
                    result.metric_value.map(fmt_percent).unwrap_or_default()
                ),
                format!(
                    "{} {}: the inputs of {} are missing; scored on the printed {}",
                    ind.code,
                    ind.name,
                    metric.label_en(),
                    result.metric_value.map(fmt_percent).unwrap_or_default()
                ),
                concern(),
            );
        }
        let mut input_problem = false;
        if let Some(metric) = result.metric {
            let m = metrics.iter().find(|m| m.id == metric);
            if let Some(m) = m.filter(|_| {
                result.value_source.is_none() && result.basis != ScoreBasis::NotApplicable
            }) {
                input_problem = m.status != MetricStatus::Ok;
                match &m.status {
                    MetricStatus::MissingInput { fields: missing } => {
                        let zh: Vec<_> = missing.iter().map(|f| f.label_zh()).collect();
                        let en: Vec<_> = missing.iter().map(|f| f.label_en()).collect();
                        let mut concerns = fields(missing);
                        concerns.extend(concern());
                        c.push(
                            WarningCode::MissingInput,
                            format!("{} {}：缺少 {}", ind.code, ind.name, zh.join("、")),
                            format!("{} {}: missing {}", ind.code, ind.name, en.join(", ")),
                            concerns,
                        );
                    }
                    MetricStatus::ZeroDenominator => {
                        let mut concerns = fields(&metric.inputs());
                        concerns.extend(concern());
                        c.push(
                            WarningCode::ZeroDenominator,
                            format!(
                                "{} {}：{}的分母为 0，无法计算（n/a）；本单位不适用时可将评分标准设为“不适用”",
                                ind.code,
                                ind.name,
                                metric.label_zh()
                            ),
                            format!(
                                "{} {}: {} has a zero denominator (n/a); if it does not apply to the unit, set the rule to not applicable",
                                ind.code,
                                ind.name,
                                metric.label_en()
                            ),
                            concerns,
                        );
                    }
                    MetricStatus::Overflow => {
                        let mut concerns = fields(&metric.inputs());
                        concerns.extend(concern());
                        c.push(
                            WarningCode::ValueTooLarge,
                            format!(
                                "{} {}：{}的输入数值过大，无法精确计算（n/a）",
                                ind.code,
                                ind.name,
                                metric.label_zh()
                            ),
                            format!(
                                "{} {}: the inputs of {} are too large to compute exactly (n/a)",
                                ind.code,
                                ind.name,
                                metric.label_en()
                            ),
                            concerns,
                        );
                    }
                    MetricStatus::Ok => {}
                }
            }
        }
        if result.officer_differs {
            let typed = ind.entry.officer_score.unwrap_or_default();
            c.push(
                WarningCode::OfficerScoreDiffers,
                format!(
                    "{} {}：自评填 {} 分，按评分标准计算为 {} 分",
                    ind.code,
                    ind.name,
                    fmt_score(typed),
                    fmt_score(result.score)
                ),
                format!(
                    "{} {}: the officer typed {}, the rule gives {}",
                    ind.code,
                    ind.name,
                    fmt_score(typed),
                    fmt_score(result.score)
                ),
                concern(),
            );
        }
        if result.capped {
            c.push(
                WarningCode::ScoreOutOfRange,
                format!(
                    "{} {}：自评得分超出 0–{} 分范围，已按范围计",
                    ind.code,
                    ind.name,
                    fmt_score(ind.weight)
                ),
                format!(
                    "{} {}: the typed score is outside 0–{} and was capped",
                    ind.code,
                    ind.name,
                    fmt_score(ind.weight)
                ),
                concern(),
            );
        }
        if result.basis == ScoreBasis::Missing && !input_problem {
            c.push(
                WarningCode::MissingScore,
                format!("{} {}：尚未打分", ind.code, ind.name),
                format!("{} {}: not scored yet", ind.code, ind.name),
                concern(),
            );
        }
        if result.basis == ScoreBasis::NotApplicable {
            c.push(
                WarningCode::NotApplicableAssumed,
                format!(
                    "{} {}：按不适用处理（{}），请以财政局评分表为准",
                    ind.code, ind.name, result.working.zh
                ),
                format!(
                    "{} {}: treated as not applicable ({}); confirm with the bureau's table",
                    ind.code, ind.name, result.working.en
                ),
                concern(),
            );
        }
    }
}

/// Pairs each indicator with its result (both in depth-first order).
fn flatten_with_results<'a>(
    indicators: &'a [Indicator],
    results: &'a [IndicatorResult],
) -> impl Iterator<Item = (&'a Indicator, &'a IndicatorResult)> {
    let mut flat = Vec::with_capacity(results.len());
    for top in indicators {
        top.walk(0, &mut |_, ind| flat.push(ind));
    }
    flat.into_iter()
        .zip(results.iter())
        .filter(|(ind, _)| ind.is_leaf())
}

/// Levels a scoring table may have (一级, 二级, 三级).
pub const MAX_LEVELS: usize = 3;

fn check_table(c: &mut Checker<'_>) {
    let table = &c.wb.table;
    if !table.verified {
        c.push(
            WarningCode::TableUnverified,
            format!("评分表“{}”未经核实：权重和评分标准为占位，须载入财政局正式评分表", table.name),
            format!("Scoring table \"{}\" is unverified: weights and rules are placeholders until the bureau's table is loaded", table.name),
            vec![Concern::Table],
        );
    }
    let top_sum = arith::sum(table.indicators.iter().map(|i| i.weight));
    if top_sum != Decimal::ONE_HUNDRED {
        c.push(
            WarningCode::WeightSum,
            format!("一级指标权重合计 {}，应为 100", fmt_score(top_sum)),
            format!(
                "Top-level weights add up to {}, not 100",
                fmt_score(top_sum)
            ),
            vec![Concern::Table],
        );
    }
    let nodes: usize = table
        .indicators
        .iter()
        .map(|i| 1 + i.descendant_count())
        .sum();
    let mut seen: FxSet<&str> = FxSet::with_capacity_and_hasher(nodes, Default::default());
    let mut too_deep_reported = false;
    let mut stack: Vec<(usize, &Indicator)> =
        table.indicators.iter().rev().map(|i| (0, i)).collect();
    while let Some((depth, node)) = stack.pop() {
        if node.weight.is_sign_negative() && !node.weight.is_zero() {
            c.push(
                WarningCode::NegativeWeight,
                format!(
                    "{} {}：权重 {} 为负数，按 0 计",
                    node.code, node.name, node.weight
                ),
                format!(
                    "{} {}: weight {} is negative; counted as 0",
                    node.code, node.name, node.weight
                ),
                vec![Concern::Indicator {
                    code: node.code.clone(),
                }],
            );
        }
        if depth >= MAX_LEVELS && !too_deep_reported {
            too_deep_reported = true;
            c.push(
                WarningCode::TableTooDeep,
                format!(
                    "{} {}：评分表超过 {MAX_LEVELS} 级指标",
                    node.code, node.name
                ),
                format!(
                    "{} {}: the table nests deeper than {MAX_LEVELS} levels",
                    node.code, node.name
                ),
                vec![Concern::Indicator {
                    code: node.code.clone(),
                }],
            );
        }
        if !seen.insert(node.code.as_str()) {
            c.push(
                WarningCode::DuplicateCode,
                format!("指标编码 {} 重复", node.code),
                format!("Indicator code {} is used twice", node.code),
                vec![Concern::Indicator {
                    code: node.code.clone(),
                }],
            );
        }
        if !node.children.is_empty() {
            let child_sum = arith::sum(node.children.iter().map(|ch| ch.weight));
            if child_sum != node.weight {
                c.push(
                    WarningCode::WeightSum,
                    format!(
                        "{} {}：下级指标权重合计 {}，与本级 {} 不符",
                        node.code,
                        node.name,
                        fmt_score(child_sum),
                        fmt_score(node.weight)
                    ),
                    format!(
                        "{} {}: sub-indicator weights add up to {}, not {}",
                        node.code,
                        node.name,
                        fmt_score(child_sum),
                        fmt_score(node.weight)
                    ),
                    vec![Concern::Indicator {
                        code: node.code.clone(),
                    }],
                );
            }
        }
        stack.extend(node.children.iter().rev().map(|ch| (depth + 1, ch)));
    }
}

fn check_workload(c: &mut Checker<'_>, workload: &[GroupStats]) {
    let wb = c.wb;
    for (gi, (group, stats)) in wb.workload.iter().zip(workload).enumerate() {
        for (ii, (item, s)) in group.items.iter().zip(&stats.items).enumerate() {
            if !s.parts_consistent {
                let Some(sum) = s.parts_sum else {
                    c.push(
                        WarningCode::WorkloadPartsSum,
                        format!("{}·{}：分项数值过大，无法相加核对", group.name, item.name),
                        format!(
                            "{} / {}: the parts are too large to add up",
                            group.name, item.name
                        ),
                        vec![Concern::Workload {
                            group: gi,
                            item: ii,
                        }],
                    );
                    continue;
                };
                let approx = if s.parts_sum_is_lower_bound {
                    "≥"
                } else {
                    ""
                };
                c.push(
                    WarningCode::WorkloadPartsSum,
                    format!(
                        "{}·{}：分项之和 {approx}{sum}{}，与总数 {}{} 不符",
                        group.name, item.name, item.unit, item.value, item.unit
                    ),
                    format!(
                        "{} / {}: parts add up to {approx}{sum}, but the total is {}",
                        group.name, item.name, item.value
                    ),
                    vec![Concern::Workload {
                        group: gi,
                        item: ii,
                    }],
                );
            }
        }
    }
}

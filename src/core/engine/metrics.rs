//! The formulas F1–F14 of domain.md §3: each metric with its value, display
//! value, inputs and the arithmetic written as the seed writes it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::arith;
use super::rule_text::Text;
use crate::core::Bilingual;
use crate::core::model::{FieldId, Workbook};
use crate::core::num::{fmt_percent, round2_fixed};

/// The derived ratios. Serialised names are the glossary identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricId {
    /// F1 财政拨款收入预决算差异率
    AppropriationIncomeVarianceRate,
    /// F2 支出完成率
    ExpenditureCompletionRate,
    /// F3 结余结转率
    CarryoverRate,
    /// F4 国库集中支付结转结余存量资金效率性
    TreasuryCarryoverStockEfficiency,
    /// F5 政府采购执行率
    ProcurementExecutionRate,
    /// F6 固定资产利用率
    FixedAssetUtilizationRate,
    /// F7 在职人员控制率
    StaffingControlRate,
    /// F8 “三公经费”变动率
    ThreePublicChangeRate,
    /// F9 “三公经费”控制率
    ThreePublicControlRate,
    /// F10 公用经费控制率
    OperatingCostControlRate,
    /// F11 预算调整率
    BudgetAdjustmentRate,
    /// F12 支付进度率
    PaymentProgressRate,
    /// F13 结转结余变动率
    CarryoverChangeRate,
    /// F14 重点支出安排率
    KeyExpenditureRate,
}

impl MetricId {
    pub const ALL: [Self; 14] = [
        Self::AppropriationIncomeVarianceRate,
        Self::ExpenditureCompletionRate,
        Self::CarryoverRate,
        Self::TreasuryCarryoverStockEfficiency,
        Self::ProcurementExecutionRate,
        Self::FixedAssetUtilizationRate,
        Self::StaffingControlRate,
        Self::ThreePublicChangeRate,
        Self::ThreePublicControlRate,
        Self::OperatingCostControlRate,
        Self::BudgetAdjustmentRate,
        Self::PaymentProgressRate,
        Self::CarryoverChangeRate,
        Self::KeyExpenditureRate,
    ];

    /// The formula number of domain.md §3.
    #[must_use]
    pub fn formula_no(self) -> &'static str {
        match self {
            Self::AppropriationIncomeVarianceRate => "F1",
            Self::ExpenditureCompletionRate => "F2",
            Self::CarryoverRate => "F3",
            Self::TreasuryCarryoverStockEfficiency => "F4",
            Self::ProcurementExecutionRate => "F5",
            Self::FixedAssetUtilizationRate => "F6",
            Self::StaffingControlRate => "F7",
            Self::ThreePublicChangeRate => "F8",
            Self::ThreePublicControlRate => "F9",
            Self::OperatingCostControlRate => "F10",
            Self::BudgetAdjustmentRate => "F11",
            Self::PaymentProgressRate => "F12",
            Self::CarryoverChangeRate => "F13",
            Self::KeyExpenditureRate => "F14",
        }
    }

    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::AppropriationIncomeVarianceRate => "appropriation_income_variance_rate",
            Self::ExpenditureCompletionRate => "expenditure_completion_rate",
            Self::CarryoverRate => "carryover_rate",
            Self::TreasuryCarryoverStockEfficiency => "treasury_carryover_stock_efficiency",
            Self::ProcurementExecutionRate => "procurement_execution_rate",
            Self::FixedAssetUtilizationRate => "fixed_asset_utilization_rate",
            Self::StaffingControlRate => "staffing_control_rate",
            Self::ThreePublicChangeRate => "three_public_change_rate",
            Self::ThreePublicControlRate => "three_public_control_rate",
            Self::OperatingCostControlRate => "operating_cost_control_rate",
            Self::BudgetAdjustmentRate => "budget_adjustment_rate",
            Self::PaymentProgressRate => "payment_progress_rate",
            Self::CarryoverChangeRate => "carryover_change_rate",
            Self::KeyExpenditureRate => "key_expenditure_rate",
        }
    }

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::AppropriationIncomeVarianceRate => "财政拨款收入预决算差异率",
            Self::ExpenditureCompletionRate => "支出完成率",
            Self::CarryoverRate => "结余结转率",
            Self::TreasuryCarryoverStockEfficiency => "国库集中支付结转结余存量资金效率性",
            Self::ProcurementExecutionRate => "政府采购执行率",
            Self::FixedAssetUtilizationRate => "固定资产利用率",
            Self::StaffingControlRate => "在职人员控制率",
            Self::ThreePublicChangeRate => "“三公经费”变动率",
            Self::ThreePublicControlRate => "“三公经费”控制率",
            Self::OperatingCostControlRate => "公用经费控制率",
            Self::BudgetAdjustmentRate => "预算调整率",
            Self::PaymentProgressRate => "支付进度率",
            Self::CarryoverChangeRate => "结转结余变动率",
            Self::KeyExpenditureRate => "重点支出安排率",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::AppropriationIncomeVarianceRate => "Appropriation income variance rate",
            Self::ExpenditureCompletionRate => "Expenditure completion rate",
            Self::CarryoverRate => "Carry-over rate",
            Self::TreasuryCarryoverStockEfficiency => "Treasury carry-over stock efficiency",
            Self::ProcurementExecutionRate => "Procurement execution rate",
            Self::FixedAssetUtilizationRate => "Fixed-asset utilisation rate",
            Self::StaffingControlRate => "Staffing control rate",
            Self::ThreePublicChangeRate => "Three public costs change rate",
            Self::ThreePublicControlRate => "Three public costs control rate",
            Self::OperatingCostControlRate => "Operating cost control rate",
            Self::BudgetAdjustmentRate => "Budget adjustment rate",
            Self::PaymentProgressRate => "Payment progress rate",
            Self::CarryoverChangeRate => "Carry-over change rate",
            Self::KeyExpenditureRate => "Key expenditure rate",
        }
    }

    #[must_use]
    pub fn label(self, lang: crate::core::Lang) -> &'static str {
        match lang {
            crate::core::Lang::Zh => self.label_zh(),
            crate::core::Lang::En => self.label_en(),
        }
    }

    /// The formula in words.
    #[must_use]
    pub fn formula(self) -> Bilingual {
        let (zh, en) = match self {
            Self::AppropriationIncomeVarianceRate => (
                "|(财政拨款收入决算数-财政拨款收入预算数)/财政拨款收入预算数|×100%",
                "|(appropriation final - appropriation budget) / appropriation budget| × 100%",
            ),
            Self::ExpenditureCompletionRate => (
                "年度实际支出/财政下达预算数×100%",
                "actual expenditure / issued budget × 100%",
            ),
            Self::CarryoverRate => (
                "年末财政拨款结转和结余决算数/(年初财政拨款结转和结余收入决算数+一般公共预算财政拨款决算数+政府性基金预算财政拨款决算数)×100%",
                "closing carry-over / (opening carry-over + general appropriation final + gov-fund appropriation final) × 100%",
            ),
            Self::TreasuryCarryoverStockEfficiency => (
                "本年国库集中支付结转结余存量资金-上年存量资金（为0或下降为好）",
                "this year's treasury carry-over stock - last year's (zero or falling is good)",
            ),
            Self::ProcurementExecutionRate => (
                "实际政府采购金额/政府采购预算数×100%",
                "procurement actual / procurement budget × 100%",
            ),
            Self::FixedAssetUtilizationRate => (
                "在用固定资产总额/固定资产总额×100%",
                "fixed assets in use / fixed assets total × 100%",
            ),
            Self::StaffingControlRate => (
                "在职人数/编制数×100%",
                "in-service headcount / authorised posts × 100%",
            ),
            Self::ThreePublicChangeRate => (
                "(本年“三公经费”决算数-上年决算数)/上年决算数×100%",
                "(three public costs this year - last year) / last year × 100%",
            ),
            Self::ThreePublicControlRate => (
                "本年“三公经费”决算数/预算数×100%",
                "three public costs final / budget × 100%",
            ),
            Self::OperatingCostControlRate => (
                "实际支出公用经费/预算安排公用经费×100%",
                "operating costs actual / budget × 100%",
            ),
            Self::BudgetAdjustmentRate => (
                "预算调整数/年初预算数×100%",
                "budget adjustment / initial budget × 100%",
            ),
            Self::PaymentProgressRate => (
                "实际支付进度/既定支付进度×100%",
                "actual payment progress / planned progress × 100%",
            ),
            Self::CarryoverChangeRate => (
                "(本年结转结余总额-上年结转结余总额)/上年结转结余总额×100%",
                "(carry-over this year - last year) / last year × 100%",
            ),
            Self::KeyExpenditureRate => (
                "重点项目支出/项目总支出×100%",
                "key project expenditure / total project expenditure × 100%",
            ),
        };
        Bilingual::new(zh, en)
    }

    /// Whether the displayed value is the absolute value (the seed's 差异率).
    #[must_use]
    pub fn shows_absolute(self) -> bool {
        matches!(self, Self::AppropriationIncomeVarianceRate)
    }

    /// Whether the metric is a percentage (all but F4, which is an amount change).
    #[must_use]
    pub fn is_percent(self) -> bool {
        !matches!(self, Self::TreasuryCarryoverStockEfficiency)
    }

    /// The input fields the formula reads, numerators first.
    #[must_use]
    pub fn inputs(self) -> &'static [FieldId] {
        use FieldId as F;
        match self {
            Self::AppropriationIncomeVarianceRate => {
                &[F::AppropriationIncomeFinal, F::AppropriationIncomeBudget]
            }
            Self::ExpenditureCompletionRate => &[F::ActualExpenditure, F::IssuedBudget],
            Self::CarryoverRate => &[
                F::ClosingAppropriationCarryover,
                F::OpeningAppropriationCarryover,
                F::GeneralBudgetAppropriationFinal,
                F::GovFundAppropriationFinal,
            ],
            Self::TreasuryCarryoverStockEfficiency => {
                &[F::TreasuryCarryoverStockCurr, F::TreasuryCarryoverStockPrev]
            }
            Self::ProcurementExecutionRate => &[F::ProcurementActual, F::ProcurementBudget],
            Self::FixedAssetUtilizationRate => &[F::FixedAssetsInUse, F::FixedAssetsTotal],
            Self::StaffingControlRate => &[
                F::InServiceAdmin,
                F::InServiceInstitution,
                F::InServiceLogistics,
                F::AuthorizedAdmin,
                F::AuthorizedInstitution,
                F::AuthorizedLogistics,
            ],
            Self::ThreePublicChangeRate => &[F::ThreePublicFinal, F::ThreePublicPrevFinal],
            Self::ThreePublicControlRate => &[F::ThreePublicFinal, F::ThreePublicBudget],
            Self::OperatingCostControlRate => &[F::OperatingCostActual, F::OperatingCostBudget],
            Self::BudgetAdjustmentRate => &[F::BudgetAdjustment, F::InitialBudget],
            Self::PaymentProgressRate => &[F::PaymentProgressActual, F::PaymentProgressPlanned],
            Self::CarryoverChangeRate => &[F::CarryoverCurr, F::CarryoverPrev],
            Self::KeyExpenditureRate => &[F::KeyProjectExpenditure, F::ProjectExpenditureTotal],
        }
    }
}

/// Why a metric has no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MetricStatus {
    Ok,
    /// Some inputs are not given.
    MissingInput {
        fields: Vec<FieldId>,
    },
    /// The denominator is zero: the rate is n/a.
    ZeroDenominator,
    /// The inputs are too large to compute with exactly.
    Overflow,
}

/// One derived figure with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metric {
    pub id: MetricId,
    /// The signed, unrounded value (percent for rates, 万元 for F4).
    pub value: Option<Decimal>,
    /// What the report shows: rounded half-up to 2 places, absolute where the rule says so.
    pub display: Option<Decimal>,
    pub status: MetricStatus,
    /// The inputs with their values, in formula order.
    pub inputs: Vec<(FieldId, Option<Decimal>)>,
    /// The arithmetic with the actual numbers, as the seed writes it.
    pub expression: Option<Bilingual>,
    /// For F4: how the stock moved.
    pub class: Option<MetricClass>,
}

/// How an amount moved against last year (F4); categorical rules match on `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricClass {
    Zero,
    Decreased,
    Unchanged,
    Increased,
}

impl MetricClass {
    pub const ALL: [Self; 4] = [
        Self::Zero,
        Self::Decreased,
        Self::Unchanged,
        Self::Increased,
    ];

    /// The JSON spelling, which categorical rules name as their category key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::Decreased => "decreased",
            Self::Unchanged => "unchanged",
            Self::Increased => "increased",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl Metric {
    /// The value used for scoring and comparisons (the displayed one).
    #[must_use]
    pub fn scored_value(&self) -> Option<Decimal> {
        self.display
    }
}

/// A ratio `numerator / denominator × 100`, with the written arithmetic.
fn rate(
    id: MetricId,
    inputs: Vec<(FieldId, Option<Decimal>)>,
    numerator: Option<Decimal>,
    denominator: Option<Decimal>,
    written: impl Fn(&str) -> (String, String),
) -> Metric {
    let missing: Vec<FieldId> = required_missing(id, &inputs);
    let (Some(num), Some(den)) = (numerator, denominator) else {
        let status = if missing.is_empty() {
            MetricStatus::Overflow
        } else {
            MetricStatus::MissingInput { fields: missing }
        };
        return Metric {
            id,
            value: None,
            display: None,
            status,
            inputs,
            expression: None,
            class: None,
        };
    };
    if den.is_zero() {
        return Metric {
            id,
            value: None,
            display: None,
            status: MetricStatus::ZeroDenominator,
            inputs,
            expression: None,
            class: None,
        };
    }
    let Some(value) = arith::percent(num, den) else {
        return Metric {
            id,
            value: None,
            display: None,
            status: MetricStatus::Overflow,
            inputs,
            expression: None,
            class: None,
        };
    };
    let shown = if id.shows_absolute() {
        value.abs()
    } else {
        value
    };
    let display = round2_fixed(shown);
    let (zh, en) = written(&fmt_percent(display));
    Metric {
        id,
        value: Some(value),
        display: Some(display),
        status: MetricStatus::Ok,
        inputs,
        expression: Some(Bilingual::new(zh, en)),
        class: None,
    }
}

/// Inputs that are required but absent (gov-fund final and staffing parts are optional).
fn required_missing(id: MetricId, inputs: &[(FieldId, Option<Decimal>)]) -> Vec<FieldId> {
    inputs
        .iter()
        .filter(|(field, value)| value.is_none() && !is_optional_input(id, *field))
        .map(|(field, _)| *field)
        .collect()
}

fn is_optional_input(id: MetricId, field: FieldId) -> bool {
    match id {
        MetricId::CarryoverRate => field == FieldId::GovFundAppropriationFinal,
        MetricId::StaffingControlRate => {
            !matches!(field, FieldId::InServiceAdmin | FieldId::AuthorizedAdmin)
        }
        _ => false,
    }
}

/// Computes every metric, in `MetricId::ALL` order.
#[must_use]
pub fn compute_metrics(wb: &Workbook) -> Vec<Metric> {
    MetricId::ALL.iter().map(|&id| compute(wb, id)).collect()
}

fn simple_ratio(wb: &Workbook, id: MetricId) -> Metric {
    let inputs: Vec<_> = id.inputs().iter().map(|&f| (f, f.get(wb))).collect();
    let num = inputs[0].1;
    let den = inputs[1].1;
    rate(id, inputs, num, den, |result| {
        let text = Text::new()
            .num(num.unwrap_or_default())
            .s("/")
            .num(den.unwrap_or_default())
            .s("*100%=")
            .s(result)
            .done();
        (text.clone(), text)
    })
}

fn difference_ratio(wb: &Workbook, id: MetricId, unit_zh: &str) -> Metric {
    let inputs: Vec<_> = id.inputs().iter().map(|&f| (f, f.get(wb))).collect();
    let (curr, base) = (inputs[0].1, inputs[1].1);
    let num = curr.zip(base).and_then(|(c, b)| c.checked_sub(b));
    rate(id, inputs, num, base, |result| {
        let (c, b) = (curr.unwrap_or_default(), base.unwrap_or_default());
        (
            Text::new()
                .s("(")
                .num(c)
                .s(unit_zh)
                .s("-")
                .num(b)
                .s(unit_zh)
                .s(")/")
                .num(b)
                .s(unit_zh)
                .s("*100%=")
                .s(result)
                .done(),
            Text::new()
                .s("(")
                .num(c)
                .s("-")
                .num(b)
                .s(")/")
                .num(b)
                .s("*100%=")
                .s(result)
                .done(),
        )
    })
}

fn compute(wb: &Workbook, id: MetricId) -> Metric {
    match id {
        MetricId::AppropriationIncomeVarianceRate
        | MetricId::ThreePublicChangeRate
        | MetricId::CarryoverChangeRate => difference_ratio(wb, id, "万元"),
        MetricId::CarryoverRate => carryover_rate(wb),
        MetricId::TreasuryCarryoverStockEfficiency => treasury_stock(wb),
        MetricId::StaffingControlRate => staffing_rate(wb),
        MetricId::ExpenditureCompletionRate
        | MetricId::ProcurementExecutionRate
        | MetricId::FixedAssetUtilizationRate
        | MetricId::ThreePublicControlRate
        | MetricId::OperatingCostControlRate
        | MetricId::BudgetAdjustmentRate
        | MetricId::PaymentProgressRate
        | MetricId::KeyExpenditureRate => simple_ratio(wb, id),
    }
}

fn carryover_rate(wb: &Workbook) -> Metric {
    let id = MetricId::CarryoverRate;
    let inputs: Vec<_> = id.inputs().iter().map(|&f| (f, f.get(wb))).collect();
    let closing = inputs[0].1;
    let opening = inputs[1].1;
    let general = inputs[2].1;
    let fund = inputs[3].1.unwrap_or(Decimal::ZERO);
    let den = opening
        .zip(general)
        .and_then(|(o, g)| o.checked_add(g)?.checked_add(fund));
    rate(id, inputs, closing, den, |result| {
        let [c, o, g] = [closing, opening, general].map(Option::unwrap_or_default);
        (
            Text::new()
                .num(c)
                .s("万元/(")
                .num(o)
                .s("万元+")
                .num(g)
                .s("万元+")
                .num(fund)
                .s("万元)*100%=")
                .s(result)
                .done(),
            Text::new()
                .num(c)
                .s("/(")
                .num(o)
                .s("+")
                .num(g)
                .s("+")
                .num(fund)
                .s(")*100%=")
                .s(result)
                .done(),
        )
    })
}

fn staffing_rate(wb: &Workbook) -> Metric {
    let id = MetricId::StaffingControlRate;
    let inputs: Vec<_> = id.inputs().iter().map(|&f| (f, f.get(wb))).collect();
    let values: Vec<Option<Decimal>> = inputs.iter().map(|(_, v)| *v).collect();
    let in_service = arith::sum_present(&values[0..3]);
    let authorized = arith::sum_present(&values[3..6]);
    rate(id, inputs, in_service, authorized, |result| {
        let (n, d) = (
            in_service.unwrap_or_default(),
            authorized.unwrap_or_default(),
        );
        (
            Text::new()
                .num(n)
                .s("人/")
                .num(d)
                .s("人*100%=")
                .s(result)
                .done(),
            Text::new()
                .num(n)
                .s("/")
                .num(d)
                .s("*100%=")
                .s(result)
                .done(),
        )
    })
}

fn treasury_stock(wb: &Workbook) -> Metric {
    let id = MetricId::TreasuryCarryoverStockEfficiency;
    let inputs: Vec<_> = id.inputs().iter().map(|&f| (f, f.get(wb))).collect();
    let (curr, prev) = (inputs[0].1, inputs[1].1);
    let (Some(curr), Some(prev)) = (curr, prev) else {
        let missing = required_missing(id, &inputs);
        return Metric {
            id,
            value: None,
            display: None,
            status: MetricStatus::MissingInput { fields: missing },
            inputs,
            expression: None,
            class: None,
        };
    };
    let Some(change) = curr.checked_sub(prev) else {
        return Metric {
            id,
            value: None,
            display: None,
            status: MetricStatus::Overflow,
            inputs,
            expression: None,
            class: None,
        };
    };
    let (class, zh, en) = if curr.is_zero() && prev.is_zero() {
        (
            MetricClass::Zero,
            "上年为0，本年继续为0",
            "zero last year, still zero",
        )
    } else if curr.is_zero() {
        (MetricClass::Zero, "本年为0", "zero this year")
    } else if change.is_sign_negative() {
        (MetricClass::Decreased, "较上年下降", "fell")
    } else if change.is_zero() {
        (MetricClass::Unchanged, "与上年持平", "unchanged")
    } else {
        (MetricClass::Increased, "较上年上升", "rose")
    };
    Metric {
        id,
        value: Some(change),
        display: Some(round2_fixed(change)),
        status: MetricStatus::Ok,
        inputs,
        expression: Some(Bilingual::new(
            Text::new()
                .num(curr)
                .s("万元-")
                .num(prev)
                .s("万元=")
                .num(change)
                .s("万元（")
                .s(zh)
                .s("）")
                .done(),
            Text::new()
                .num(curr)
                .s("-")
                .num(prev)
                .s("=")
                .num(change)
                .s(" (")
                .s(en)
                .s(")")
                .done(),
        )),
        class: Some(class),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    fn metric(wb: &Workbook, id: MetricId) -> Metric {
        compute(wb, id)
    }

    #[test]
    fn f1_reproduces_seed_with_sign_kept() {
        let wb = sample_workbook();
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, Some(dec!(19.58)));
        assert!(m.value.expect("value") < dec!(-19.57));
        assert_eq!(
            m.expression.expect("expr").zh,
            "(588.55万元-731.80万元)/731.80万元*100%=19.58%"
        );
    }

    #[test]
    fn f2_and_f3_reproduce_seed() {
        let wb = sample_workbook();
        assert_eq!(
            metric(&wb, MetricId::ExpenditureCompletionRate).display,
            Some(dec!(100.00))
        );
        let f3 = metric(&wb, MetricId::CarryoverRate);
        assert_eq!(f3.display, Some(dec!(1.13)));
        assert_eq!(
            f3.expression.expect("expr").zh,
            "5.86万元/(5.86万元+512.01万元+0.00万元)*100%=1.13%"
        );
    }

    #[test]
    fn f4_classes_the_stock() {
        let mut wb = sample_workbook();
        assert_eq!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency)
                .class
                .map(MetricClass::key),
            Some("zero")
        );
        FieldId::TreasuryCarryoverStockPrev.set(&mut wb, Some(dec!(10)));
        FieldId::TreasuryCarryoverStockCurr.set(&mut wb, Some(dec!(4)));
        assert_eq!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency)
                .class
                .map(MetricClass::key),
            Some("decreased")
        );
        FieldId::TreasuryCarryoverStockCurr.set(&mut wb, Some(dec!(12)));
        assert_eq!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency)
                .class
                .map(MetricClass::key),
            Some("increased")
        );
        FieldId::TreasuryCarryoverStockCurr.set(&mut wb, Some(dec!(10)));
        assert_eq!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency)
                .class
                .map(MetricClass::key),
            Some("unchanged")
        );
        FieldId::TreasuryCarryoverStockCurr.set(&mut wb, None);
        assert!(matches!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency).status,
            MetricStatus::MissingInput { .. }
        ));
    }

    #[test]
    fn f5_f6_missing_in_seed_then_computed() {
        let mut wb = sample_workbook();
        let m = metric(&wb, MetricId::ProcurementExecutionRate);
        assert_eq!(m.display, None);
        assert_eq!(
            m.status,
            MetricStatus::MissingInput {
                fields: vec![FieldId::ProcurementActual, FieldId::ProcurementBudget]
            }
        );
        FieldId::ProcurementBudget.set(&mut wb, Some(dec!(40)));
        FieldId::ProcurementActual.set(&mut wb, Some(dec!(38.5)));
        assert_eq!(
            metric(&wb, MetricId::ProcurementExecutionRate).display,
            Some(dec!(96.25))
        );
        FieldId::FixedAssetsTotal.set(&mut wb, Some(dec!(300)));
        FieldId::FixedAssetsInUse.set(&mut wb, Some(dec!(299)));
        assert_eq!(
            metric(&wb, MetricId::FixedAssetUtilizationRate).display,
            Some(dec!(99.67))
        );
    }

    #[test]
    fn f7_staffing_from_seed() {
        let wb = sample_workbook();
        let m = metric(&wb, MetricId::StaffingControlRate);
        assert_eq!(m.display, Some(dec!(84.62)));
    }

    #[test]
    fn national_rates_with_worked_numbers() {
        let mut wb = sample_workbook();
        let set = |wb: &mut Workbook, f: FieldId, v: Decimal| assert!(f.set(wb, Some(v)));
        set(&mut wb, FieldId::ThreePublicPrevFinal, dec!(10));
        set(&mut wb, FieldId::ThreePublicFinal, dec!(9));
        set(&mut wb, FieldId::ThreePublicBudget, dec!(12));
        set(&mut wb, FieldId::OperatingCostBudget, dec!(18.76));
        set(&mut wb, FieldId::OperatingCostActual, dec!(18.00));
        set(&mut wb, FieldId::InitialBudget, dec!(500));
        set(&mut wb, FieldId::BudgetAdjustment, dec!(-25));
        set(&mut wb, FieldId::PaymentProgressActual, dec!(92));
        set(&mut wb, FieldId::PaymentProgressPlanned, dec!(100));
        set(&mut wb, FieldId::CarryoverPrev, dec!(8));
        set(&mut wb, FieldId::CarryoverCurr, dec!(5.86));
        set(&mut wb, FieldId::KeyProjectExpenditure, dec!(40));
        set(&mut wb, FieldId::ProjectExpenditureTotal, dec!(53.83));
        let d = |id| metric(&wb, id).display;
        assert_eq!(d(MetricId::ThreePublicChangeRate), Some(dec!(-10.00)));
        assert_eq!(d(MetricId::ThreePublicControlRate), Some(dec!(75.00)));
        assert_eq!(d(MetricId::OperatingCostControlRate), Some(dec!(95.95)));
        assert_eq!(d(MetricId::BudgetAdjustmentRate), Some(dec!(-5.00)));
        assert_eq!(d(MetricId::PaymentProgressRate), Some(dec!(92.00)));
        assert_eq!(d(MetricId::CarryoverChangeRate), Some(dec!(-26.75)));
        assert_eq!(d(MetricId::KeyExpenditureRate), Some(dec!(74.31)));
    }

    #[test]
    fn zero_denominator_is_na_not_panic() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(dec!(0)));
        FieldId::IssuedBudget.set(&mut wb, Some(dec!(0.00)));
        for id in [
            MetricId::AppropriationIncomeVarianceRate,
            MetricId::ExpenditureCompletionRate,
        ] {
            let m = metric(&wb, id);
            assert_eq!(m.status, MetricStatus::ZeroDenominator);
            assert_eq!(m.display, None);
        }
        FieldId::OpeningAppropriationCarryover.set(&mut wb, Some(dec!(0)));
        FieldId::GeneralBudgetAppropriationFinal.set(&mut wb, Some(dec!(0)));
        assert_eq!(
            metric(&wb, MetricId::CarryoverRate).status,
            MetricStatus::ZeroDenominator
        );
    }

    #[test]
    fn negative_inputs_keep_sign() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeFinal.set(&mut wb, Some(dec!(-10)));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert!(m.value.expect("v").is_sign_negative());
        assert!(m.display.expect("d").is_sign_positive());
    }

    #[test]
    fn huge_values_do_not_overflow_into_panic() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeFinal.set(&mut wb, Some(Decimal::MAX));
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(dec!(0.01)));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, None);
        assert_eq!(m.status, MetricStatus::Overflow);
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(Decimal::MIN));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, None);
    }
}

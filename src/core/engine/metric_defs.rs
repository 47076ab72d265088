//! The registry of derived ratios (F1–F14 of domain.md §3): one row per
//! metric with its labels, named inputs, formula, display and the words that
//! name it in a bureau's table. The engine, the budget pane, the xlsx
//! formulas, import recognition and docs/format.md §2.1 all read this table;
//! adding a ratio is a variant of `MetricId` and a row of `METRICS`.

pub use crate::core::model::MetricId;
use crate::core::model::{FieldGroup, FieldId};

/// What an input is to its formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A part of the numerator (parts are added).
    Numerator,
    /// A part of the denominator (parts are added).
    Denominator,
    /// This year's figure of a change.
    Current,
    /// Last year's (or the budget) figure a change is measured against.
    Base,
}

/// One named input of a formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Input {
    pub field: FieldId,
    pub role: Role,
    /// Optional inputs count as 0 when not given and are never reported missing.
    pub optional: bool,
    /// Subtracted from its side instead of added (a table's own formula).
    pub minus: bool,
}

impl Input {
    /// A required input, added to its side.
    #[must_use]
    pub const fn required(field: FieldId, role: Role) -> Self {
        Self {
            field,
            role,
            optional: false,
            minus: false,
        }
    }
}

const fn part(field: FieldId, role: Role) -> Input {
    Input::required(field, role)
}

const fn optional(field: FieldId, role: Role) -> Input {
    Input {
        field,
        role,
        optional: true,
        minus: false,
    }
}

/// When a side of a ratio counts as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SideGiven {
    /// Every required part is given.
    AllRequired,
    /// Any part is given (headcounts by category, where a unit may have only some).
    AnyPart,
}

/// How the working writes a ratio's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Each part, in brackets when a side has several.
    Parts,
    /// Each side's total.
    Totals,
}

/// The arithmetic of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Formula {
    /// Σ numerator / Σ denominator × 100.
    Ratio { given: SideGiven, written: Written },
    /// (current − base) / base × 100.
    Change,
    /// current − base, an amount, classed as zero / decreased / unchanged / increased.
    AmountChange,
}

/// How a metric's value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Display {
    /// A signed percentage, 2 places.
    Percent,
    /// The absolute value of the percentage (the sign is kept in `value`).
    AbsolutePercent,
    /// An amount in 万元.
    Amount,
}

/// One row of the registry.
#[derive(Debug)]
pub struct MetricDef {
    pub id: MetricId,
    /// The JSON identifier.
    pub key: &'static str,
    /// The formula number of domain.md §3.
    pub no: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// The formula in words.
    pub words_zh: &'static str,
    pub words_en: &'static str,
    pub inputs: &'static [Input],
    pub formula: Formula,
    pub display: Display,
    /// Written after each figure of the zh working ("万元", "人", or nothing).
    pub unit_zh: &'static str,
    /// The budget pane group the ratio is shown under.
    pub group: FieldGroup,
    /// Words that name the ratio in a bureau's table (the longest match wins).
    pub import_words: &'static [&'static str],
    /// The formula column of docs/format.md §2.1 (`tests/docs_sync.rs` checks it).
    pub doc: &'static str,
}

use FieldId as F;
use Role::{Base, Current, Denominator, Numerator};

const fn ratio(num: FieldId, den: FieldId) -> [Input; 2] {
    [part(num, Numerator), part(den, Denominator)]
}

const fn change(current: FieldId, base: FieldId) -> [Input; 2] {
    [part(current, Current), part(base, Base)]
}

const SIMPLE: Formula = Formula::Ratio {
    given: SideGiven::AllRequired,
    written: Written::Parts,
};

/// Every metric, in F1–F14 order (`MetricId::ALL` follows it).
pub const METRICS: [MetricDef; 14] = [
    MetricDef {
        id: MetricId::AppropriationIncomeVarianceRate,
        key: "appropriation_income_variance_rate",
        no: "F1",
        label_zh: "财政拨款收入预决算差异率",
        label_en: "Appropriation income variance rate",
        words_zh: "|(财政拨款收入决算数-财政拨款收入预算数)/财政拨款收入预算数|×100%",
        words_en: "|(appropriation final - appropriation budget) / appropriation budget| × 100%",
        inputs: &change(F::AppropriationIncomeFinal, F::AppropriationIncomeBudget),
        formula: Formula::Change,
        display: Display::AbsolutePercent,
        unit_zh: "万元",
        group: FieldGroup::Appropriation,
        import_words: &["预决算差异率", "收入差异率", "差异率"],
        doc: "\\|(财政拨款收入决算数 − 预算数) / 预算数\\| × 100 (signed value kept; the display is the absolute value)",
    },
    MetricDef {
        id: MetricId::ExpenditureCompletionRate,
        key: "expenditure_completion_rate",
        no: "F2",
        label_zh: "支出完成率",
        label_en: "Expenditure completion rate",
        words_zh: "年度实际支出/财政下达预算数×100%",
        words_en: "actual expenditure / issued budget × 100%",
        inputs: &ratio(F::ActualExpenditure, F::IssuedBudget),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Appropriation,
        import_words: &["支出完成率", "预算完成率", "预算执行率", "支出执行率"],
        doc: "年度实际支出 / 财政下达预算数 × 100",
    },
    MetricDef {
        id: MetricId::CarryoverRate,
        key: "carryover_rate",
        no: "F3",
        label_zh: "结余结转率",
        label_en: "Carry-over rate",
        words_zh: "年末财政拨款结转和结余决算数/(年初财政拨款结转和结余收入决算数+一般公共预算财政拨款决算数+政府性基金预算财政拨款决算数)×100%",
        words_en: "closing carry-over / (opening carry-over + general appropriation final + gov-fund appropriation final) × 100%",
        inputs: &[
            part(F::ClosingAppropriationCarryover, Numerator),
            part(F::OpeningAppropriationCarryover, Denominator),
            part(F::GeneralBudgetAppropriationFinal, Denominator),
            optional(F::GovFundAppropriationFinal, Denominator),
        ],
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "万元",
        group: FieldGroup::Carryover,
        import_words: &["结余结转率", "结转结余率"],
        doc: "年末结转和结余 / (年初结转和结余 + 一般公共预算财政拨款决算 + 政府性基金财政拨款决算) × 100 (the fund final counts as 0 when not given)",
    },
    MetricDef {
        id: MetricId::TreasuryCarryoverStockEfficiency,
        key: "treasury_carryover_stock_efficiency",
        no: "F4",
        label_zh: "国库集中支付结转结余存量资金效率性",
        label_en: "Treasury carry-over stock efficiency",
        words_zh: "本年国库集中支付结转结余存量资金-上年存量资金（为0或下降为好）",
        words_en: "this year's treasury carry-over stock - last year's (zero or falling is good)",
        inputs: &change(F::TreasuryCarryoverStockCurr, F::TreasuryCarryoverStockPrev),
        formula: Formula::AmountChange,
        display: Display::Amount,
        unit_zh: "万元",
        group: FieldGroup::Carryover,
        import_words: &["存量资金"],
        doc: "this year's treasury carry-over stock − last year's, in 万元; class `zero`, `decreased`, `unchanged` or `increased`",
    },
    MetricDef {
        id: MetricId::ProcurementExecutionRate,
        key: "procurement_execution_rate",
        no: "F5",
        label_zh: "政府采购执行率",
        label_en: "Procurement execution rate",
        words_zh: "实际政府采购金额/政府采购预算数×100%",
        words_en: "procurement actual / procurement budget × 100%",
        inputs: &ratio(F::ProcurementActual, F::ProcurementBudget),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Procurement,
        import_words: &["政府采购执行率", "采购执行率"],
        doc: "实际政府采购金额 / 政府采购预算数 × 100",
    },
    MetricDef {
        id: MetricId::FixedAssetUtilizationRate,
        key: "fixed_asset_utilization_rate",
        no: "F6",
        label_zh: "固定资产利用率",
        label_en: "Fixed-asset utilisation rate",
        words_zh: "在用固定资产总额/固定资产总额×100%",
        words_en: "fixed assets in use / fixed assets total × 100%",
        inputs: &ratio(F::FixedAssetsInUse, F::FixedAssetsTotal),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Assets,
        import_words: &["固定资产利用率", "资产利用率"],
        doc: "在用固定资产 / 固定资产总额 × 100",
    },
    MetricDef {
        id: MetricId::StaffingControlRate,
        key: "staffing_control_rate",
        no: "F7",
        label_zh: "在职人员控制率",
        label_en: "Staffing control rate",
        words_zh: "在职人数/编制数×100%",
        words_en: "in-service headcount / authorised posts × 100%",
        inputs: &[
            part(F::InServiceAdmin, Numerator),
            optional(F::InServiceInstitution, Numerator),
            optional(F::InServiceLogistics, Numerator),
            part(F::AuthorizedAdmin, Denominator),
            optional(F::AuthorizedInstitution, Denominator),
            optional(F::AuthorizedLogistics, Denominator),
        ],
        formula: Formula::Ratio {
            given: SideGiven::AnyPart,
            written: Written::Totals,
        },
        display: Display::Percent,
        unit_zh: "人",
        group: FieldGroup::Staffing,
        import_words: &["在职人员控制率", "财政供养人员控制率", "人员控制率"],
        doc: "in service (admin + institution + logistics) / authorised posts × 100",
    },
    MetricDef {
        id: MetricId::ThreePublicChangeRate,
        key: "three_public_change_rate",
        no: "F8",
        label_zh: "“三公经费”变动率",
        label_en: "Three public costs change rate",
        words_zh: "(本年“三公经费”决算数-上年决算数)/上年决算数×100%",
        words_en: "(three public costs this year - last year) / last year × 100%",
        inputs: &change(F::ThreePublicFinal, F::ThreePublicPrevFinal),
        formula: Formula::Change,
        display: Display::Percent,
        unit_zh: "万元",
        group: FieldGroup::Common,
        import_words: &["三公经费变动率"],
        doc: "(本年三公经费决算 − 上年决算) / 上年决算 × 100",
    },
    MetricDef {
        id: MetricId::ThreePublicControlRate,
        key: "three_public_control_rate",
        no: "F9",
        label_zh: "“三公经费”控制率",
        label_en: "Three public costs control rate",
        words_zh: "本年“三公经费”决算数/预算数×100%",
        words_en: "three public costs final / budget × 100%",
        inputs: &ratio(F::ThreePublicFinal, F::ThreePublicBudget),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Common,
        import_words: &["三公经费控制率"],
        doc: "三公经费决算 / 预算 × 100",
    },
    MetricDef {
        id: MetricId::OperatingCostControlRate,
        key: "operating_cost_control_rate",
        no: "F10",
        label_zh: "公用经费控制率",
        label_en: "Operating cost control rate",
        words_zh: "实际支出公用经费/预算安排公用经费×100%",
        words_en: "operating costs actual / budget × 100%",
        inputs: &ratio(F::OperatingCostActual, F::OperatingCostBudget),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Common,
        import_words: &["公用经费控制率"],
        doc: "实际公用经费 / 预算公用经费 × 100",
    },
    MetricDef {
        id: MetricId::BudgetAdjustmentRate,
        key: "budget_adjustment_rate",
        no: "F11",
        label_zh: "预算调整率",
        label_en: "Budget adjustment rate",
        words_zh: "预算调整数/年初预算数×100%",
        words_en: "budget adjustment / initial budget × 100%",
        inputs: &ratio(F::BudgetAdjustment, F::InitialBudget),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Appropriation,
        import_words: &["预算调整率", "预算控制率"],
        doc: "预算调整数 / 年初预算数 × 100",
    },
    MetricDef {
        id: MetricId::PaymentProgressRate,
        key: "payment_progress_rate",
        no: "F12",
        label_zh: "支付进度率",
        label_en: "Payment progress rate",
        words_zh: "实际支付进度/既定支付进度×100%",
        words_en: "actual payment progress / planned progress × 100%",
        inputs: &ratio(F::PaymentProgressActual, F::PaymentProgressPlanned),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Common,
        import_words: &["支付进度"],
        doc: "实际支付进度 / 既定支付进度 × 100",
    },
    MetricDef {
        id: MetricId::CarryoverChangeRate,
        key: "carryover_change_rate",
        no: "F13",
        label_zh: "结转结余变动率",
        label_en: "Carry-over change rate",
        words_zh: "(本年结转结余总额-上年结转结余总额)/上年结转结余总额×100%",
        words_en: "(carry-over this year - last year) / last year × 100%",
        inputs: &change(F::CarryoverCurr, F::CarryoverPrev),
        formula: Formula::Change,
        display: Display::Percent,
        unit_zh: "万元",
        group: FieldGroup::Carryover,
        import_words: &["结转结余变动率", "结余结转变动率"],
        doc: "(本年结转结余 − 上年) / 上年 × 100",
    },
    MetricDef {
        id: MetricId::KeyExpenditureRate,
        key: "key_expenditure_rate",
        no: "F14",
        label_zh: "重点支出安排率",
        label_en: "Key expenditure rate",
        words_zh: "重点项目支出/项目总支出×100%",
        words_en: "key project expenditure / total project expenditure × 100%",
        inputs: &ratio(F::KeyProjectExpenditure, F::ProjectExpenditureTotal),
        formula: SIMPLE,
        display: Display::Percent,
        unit_zh: "",
        group: FieldGroup::Common,
        import_words: &["重点支出安排率"],
        doc: "重点项目支出 / 项目总支出 × 100",
    },
];

impl MetricId {
    /// Read off the registry, in its order.
    pub const ALL: [Self; METRICS.len()] =
        registry_keys!(METRICS, id, MetricId::AppropriationIncomeVarianceRate);

    /// The registry row of this metric.
    #[must_use]
    pub fn def(self) -> &'static MetricDef {
        // The registry is in declaration order (tested below), so the
        // discriminant is the row.
        &METRICS[self as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::assert_registry_rows;

    #[test]
    fn the_registry_is_in_declaration_order_with_unique_keys_serialised_as_ids() {
        assert_registry_rows(METRICS.iter().map(|d| (d.id as usize, d.id, d.key)));
        for (i, def) in METRICS.iter().enumerate() {
            assert_eq!(def.no, format!("F{}", i + 1));
        }
        let mut keys: Vec<_> = METRICS.iter().map(|d| d.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), METRICS.len());
    }

    #[test]
    fn every_formula_has_its_inputs() {
        for def in &METRICS {
            let has = |role| def.inputs.iter().any(|i| i.role == role);
            match def.formula {
                Formula::Ratio { .. } => assert!(has(Numerator) && has(Denominator), "{}", def.key),
                Formula::Change | Formula::AmountChange => {
                    assert!(has(Current) && has(Base), "{}", def.key);
                }
            }
        }
    }
}

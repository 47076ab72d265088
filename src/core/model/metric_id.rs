//! The names of the derived ratios (F1–F14 of domain.md §3). The model stores
//! them (a rule's metric, the report's printed rates), so they live here; the
//! engine's registry (`engine::metric_defs::METRICS`) says what each one means.

use serde::{Deserialize, Serialize};

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

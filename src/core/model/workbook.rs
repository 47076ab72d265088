//! The root `Workbook` and its plain data sections.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::measure::Basis;
use super::project::ProjectForm;
use super::table::ScoringTable;
use super::workload::WorkloadGroup;
use crate::core::model::MetricId;
use crate::core::num::{Count, Money};

/// The `format` value at the top of every workbook file.
pub const FORMAT_NAME: &str = "jixiao-workbook";
/// The file format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// One department's self-evaluation for one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workbook {
    pub format: String,
    pub version: u32,
    pub unit: Unit,
    #[serde(default)]
    pub staffing: Staffing,
    #[serde(default)]
    pub budget: Budget,
    /// Final accounts by source and nature (收支决算); left out when empty.
    #[serde(default, skip_serializing_if = "FinalAccounts::is_empty")]
    pub finals: FinalAccounts,
    /// 三公经费 by kind; left out when empty.
    #[serde(default, skip_serializing_if = "ThreePublicKinds::is_empty")]
    pub three_public: ThreePublicKinds,
    pub table: ScoringTable,
    #[serde(default)]
    pub workload: Vec<WorkloadGroup>,
    #[serde(default)]
    pub narrative: Narrative,
    #[serde(default)]
    pub reported: ReportedFigures,
    /// 项目支出绩效自评表, one per evaluated project; left out when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<ProjectForm>,
}

/// Who the report is about.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Unit {
    pub name: String,
    pub fiscal_year: u16,
    #[serde(default)]
    pub supervising_dept: String,
    /// The finance notice that launched the round, e.g. 湛霞财〔2024〕68号.
    #[serde(default)]
    pub notice_ref: String,
    #[serde(default)]
    pub sections: Vec<String>,
    /// Independently accounted institutions (年末独立核算机构数).
    #[serde(default)]
    pub accounting_entities: Option<Count>,
    /// The unit's code (单位编码), as the finance bureau lists it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub code: String,
    /// Who to call about the report (联系人 and telephone), as printed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
    /// The date printed under the report (报告日期), kept as typed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub report_date: String,
}

/// Authorised posts and headcount by kind (编制数, 实有人数).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Staffing {
    pub authorized_admin: Option<Count>,
    pub authorized_institution: Option<Count>,
    pub authorized_logistics: Option<Count>,
    /// Posts added during the year (新增编制), which may or may not be inside the above.
    pub new_posts: Option<Count>,
    pub in_service_admin: Option<Count>,
    pub in_service_institution: Option<Count>,
    pub in_service_logistics: Option<Count>,
    pub retired: Option<Count>,
    /// 年末实有人数 as the report states it (normally in service + retired).
    pub actual_headcount: Option<Count>,
}

/// The basic data table's amounts, all in 万元. `None` means "not given",
/// which is different from zero.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Budget {
    // Income budget by source.
    pub income_budget_total: Option<Money>,
    pub income_budget_general: Option<Money>,
    pub income_budget_gov_fund: Option<Money>,
    pub income_budget_state_capital: Option<Money>,
    pub income_budget_other: Option<Money>,
    // Expenditure budget by nature.
    pub expenditure_budget_total: Option<Money>,
    pub budget_basic: Option<Money>,
    pub budget_personnel: Option<Money>,
    pub budget_operating: Option<Money>,
    pub budget_project: Option<Money>,
    // Appropriation and execution.
    pub appropriation_income_budget: Option<Money>,
    pub appropriation_income_final: Option<Money>,
    pub initial_budget: Option<Money>,
    pub issued_budget: Option<Money>,
    pub actual_expenditure: Option<Money>,
    pub budget_adjustment: Option<Money>,
    // Carry-over.
    pub opening_appropriation_carryover: Option<Money>,
    pub closing_appropriation_carryover: Option<Money>,
    pub general_budget_appropriation_final: Option<Money>,
    pub gov_fund_appropriation_final: Option<Money>,
    pub treasury_carryover_stock_prev: Option<Money>,
    pub treasury_carryover_stock_curr: Option<Money>,
    pub carryover_prev: Option<Money>,
    pub carryover_curr: Option<Money>,
    // Procurement and assets.
    pub procurement_budget: Option<Money>,
    pub procurement_actual: Option<Money>,
    pub fixed_assets_total: Option<Money>,
    pub fixed_assets_in_use: Option<Money>,
    /// Transfers issued to subordinate units; `0` or absent means none.
    pub transfers_to_subordinates: Option<Money>,
    // National common items (财预〔2013〕53号).
    pub three_public_prev_final: Option<Money>,
    pub three_public_budget: Option<Money>,
    pub three_public_final: Option<Money>,
    /// Last year's 三公经费 budget, for tables that measure the change on budgets.
    pub three_public_prev_budget: Option<Money>,
    pub operating_cost_budget: Option<Money>,
    pub operating_cost_actual: Option<Money>,
    /// Payment progress in percent (实际 / 既定).
    pub payment_progress_actual: Option<Money>,
    pub payment_progress_planned: Option<Money>,
    pub key_project_expenditure: Option<Money>,
    pub project_expenditure_total: Option<Money>,
    /// Projects with their budget and final amounts.
    pub projects: Vec<Project>,
}

/// The final accounts (决算) by income source and expenditure nature, in 万元.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FinalAccounts {
    pub income_final_total: Option<Money>,
    pub income_final_general: Option<Money>,
    pub income_final_gov_fund: Option<Money>,
    pub income_final_state_capital: Option<Money>,
    pub income_final_business: Option<Money>,
    pub income_final_operations: Option<Money>,
    pub income_final_other: Option<Money>,
    pub expenditure_final_total: Option<Money>,
    pub final_basic: Option<Money>,
    pub final_personnel: Option<Money>,
    pub final_operating: Option<Money>,
    pub final_project: Option<Money>,
    /// 年初其他资金结转和结余: the carry-over from money other than appropriations.
    pub opening_other_carryover: Option<Money>,
    /// 使用非财政拨款结余 (用事业基金弥补收支差额): balances a unit may spend.
    pub use_of_non_appropriation_balance: Option<Money>,
    /// 财政拨款支出决算: the part of the spending paid from appropriations.
    pub appropriation_expenditure_final: Option<Money>,
    // Spending by 政府支出经济分类 top class, as the 决算 prints it.
    /// 工资福利支出.
    pub final_wages: Option<Money>,
    /// 商品和服务支出.
    pub final_goods_services: Option<Money>,
    /// 对个人和家庭的补助.
    pub final_household_subsidies: Option<Money>,
    /// 资本性支出.
    pub final_capital: Option<Money>,
    /// Every other class (对企业补助, 债务利息及费用支出, 其他支出 …).
    pub final_other_classes: Option<Money>,
}

impl FinalAccounts {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// 三公经费 by its four kinds: budget, final and last year's final, in 万元.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ThreePublicKinds {
    pub three_public_budget_overseas: Option<Money>,
    pub three_public_final_overseas: Option<Money>,
    pub three_public_prev_final_overseas: Option<Money>,
    pub three_public_budget_reception: Option<Money>,
    pub three_public_final_reception: Option<Money>,
    pub three_public_prev_final_reception: Option<Money>,
    pub three_public_budget_vehicle_purchase: Option<Money>,
    pub three_public_final_vehicle_purchase: Option<Money>,
    pub three_public_prev_final_vehicle_purchase: Option<Money>,
    pub three_public_budget_vehicle_operation: Option<Money>,
    pub three_public_final_vehicle_operation: Option<Money>,
    pub three_public_prev_final_vehicle_operation: Option<Money>,
    /// 公务用车购置及运行维护费, the subtotal of the two vehicle kinds, where printed.
    pub three_public_budget_vehicle: Option<Money>,
    pub three_public_final_vehicle: Option<Money>,
    pub three_public_prev_final_vehicle: Option<Money>,
}

impl ThreePublicKinds {
    #[must_use]
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// One project of 项目支出.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    #[serde(default)]
    pub budget: Option<Money>,
    #[serde(default)]
    pub final_amount: Option<Money>,
    #[serde(default)]
    pub key: bool,
}

/// Free text the officer wrote, kept exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Narrative {
    pub functions: String,
    pub annual_work: String,
    pub performance_goals: String,
    pub team: Vec<TeamMember>,
    pub team_duties: String,
    pub process: String,
    pub submission: String,
    pub problems: String,
    pub improvements: String,
    pub other: String,
}

/// A member of the evaluation working group.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TeamMember {
    pub name: String,
    #[serde(default)]
    pub post: String,
    /// 组长, 副组长, 成员, 联络人 …
    #[serde(default)]
    pub role: String,
}

/// What the report itself prints, to compare with what the engine computes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportedFigures {
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub total_score: Option<Decimal>,
    pub grade: Option<String>,
    /// Rates in percent as printed, keyed by metric.
    #[serde(with = "reported_rates")]
    pub rates: BTreeMap<MetricId, Decimal>,
    /// The basis a printed rate of `rates` was taken on, where the report
    /// names one (三公经费变动率 on budgets); absent, the table's or the metric's.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub bases: BTreeMap<MetricId, Basis>,
    /// Rates printed for a leaf of the table (by its code): the rate as that
    /// leaf measures it, on its basis or by the table's own formula.
    #[serde(
        with = "reported_leaf_rates",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub leaf_rates: BTreeMap<String, Decimal>,
}

mod reported_rates {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::core::model::MetricId;

    #[derive(Serialize, Deserialize)]
    struct Wrapped(#[serde(with = "crate::core::num::dec_str")] Decimal);

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<MetricId, Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let wrapped: BTreeMap<&MetricId, Wrapped> =
            map.iter().map(|(k, v)| (k, Wrapped(*v))).collect();
        wrapped.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<MetricId, Decimal>, D::Error> {
        let wrapped = BTreeMap::<MetricId, Wrapped>::deserialize(deserializer)?;
        Ok(wrapped.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

mod reported_leaf_rates {
    use std::collections::BTreeMap;

    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Wrapped(#[serde(with = "crate::core::num::dec_str")] Decimal);

    pub fn serialize<S: Serializer>(
        map: &BTreeMap<String, Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let wrapped: BTreeMap<&String, Wrapped> =
            map.iter().map(|(k, v)| (k, Wrapped(*v))).collect();
        wrapped.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<BTreeMap<String, Decimal>, D::Error> {
        let wrapped = BTreeMap::<String, Wrapped>::deserialize(deserializer)?;
        Ok(wrapped.into_iter().map(|(k, v)| (k, v.0)).collect())
    }
}

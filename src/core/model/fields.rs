//! The registry of numeric basic-data fields: one id per field, with its
//! labels (the seed's own words), group, kind, and typed access. The budget
//! pane, the editor, search, exports and warnings all go through it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::workbook::Workbook;
use crate::core::num::{Count, Money, NumberRules};

/// How a field's value is typed and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// 万元, 2 places, not negative.
    Money,
    /// 万元, 2 places, may be negative (adjustments).
    SignedMoney,
    /// Whole people or posts.
    Count,
    /// A percentage as typed (payment progress).
    Percent,
}

impl FieldKind {
    #[must_use]
    pub fn rules(self) -> NumberRules {
        match self {
            Self::Money => NumberRules::MONEY,
            Self::SignedMoney => NumberRules::SIGNED_MONEY,
            Self::Count => NumberRules::COUNT,
            Self::Percent => NumberRules::PERCENT,
        }
    }

    /// The unit shown after the value.
    #[must_use]
    pub fn unit_zh(self) -> &'static str {
        match self {
            Self::Money | Self::SignedMoney => "万元",
            Self::Count => "人",
            Self::Percent => "%",
        }
    }

    #[must_use]
    pub fn unit_en(self) -> &'static str {
        match self {
            Self::Money | Self::SignedMoney => "10k yuan",
            Self::Count => "people",
            Self::Percent => "%",
        }
    }
}

/// The groups of the basic data, in the seed's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldGroup {
    Income,
    Expenditure,
    Appropriation,
    Carryover,
    Procurement,
    Assets,
    Staffing,
    Common,
    /// 收支决算: final accounts by source and by nature.
    FinalAccounts,
    /// 三公经费 by its four kinds.
    ThreePublicKinds,
}

impl FieldGroup {
    pub const ALL: [Self; 10] = [
        Self::Income,
        Self::Expenditure,
        Self::Appropriation,
        Self::Carryover,
        Self::Procurement,
        Self::Assets,
        Self::Staffing,
        Self::Common,
        Self::FinalAccounts,
        Self::ThreePublicKinds,
    ];

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Income => "收入预算",
            Self::Expenditure => "支出预算",
            Self::Appropriation => "财政拨款与决算",
            Self::Carryover => "结转结余",
            Self::Procurement => "政府采购",
            Self::Assets => "资产与转移支付",
            Self::Staffing => "人员编制",
            Self::Common => "共性指标数据",
            Self::FinalAccounts => "收支决算",
            Self::ThreePublicKinds => "“三公经费”分项",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Income => "Income budget",
            Self::Expenditure => "Expenditure budget",
            Self::Appropriation => "Appropriation & final accounts",
            Self::Carryover => "Carry-over",
            Self::Procurement => "Procurement",
            Self::Assets => "Assets & transfers",
            Self::Staffing => "Staffing",
            Self::Common => "National common items",
            Self::FinalAccounts => "Final accounts",
            Self::ThreePublicKinds => "Three public costs by kind",
        }
    }
}

/// Converts between a stored field type and `Decimal`.
trait FieldNumber: Sized {
    fn to_decimal(&self) -> Decimal;
    fn from_decimal(value: Decimal) -> Option<Self>;
}

impl FieldNumber for Money {
    fn to_decimal(&self) -> Decimal {
        self.0
    }
    fn from_decimal(value: Decimal) -> Option<Self> {
        Some(Money(value))
    }
}

impl FieldNumber for Count {
    fn to_decimal(&self) -> Decimal {
        Decimal::from(self.0)
    }
    fn from_decimal(value: Decimal) -> Option<Self> {
        if value.fract().is_zero() {
            u32::try_from(value).ok().map(Count)
        } else {
            None
        }
    }
}

macro_rules! fields {
    ($( $id:ident => $section:ident . $field:ident, $group:ident, $kind:ident, $zh:literal, $en:literal; )*) => {
        /// A numeric field of the basic data table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum FieldId { $( $id, )* }

        impl FieldId {
            /// Every field, in display order.
            pub const ALL: &'static [FieldId] = &[ $( FieldId::$id, )* ];

            /// The identifier used in files, JSON output and exports.
            #[must_use]
            pub fn key(self) -> &'static str {
                match self { $( Self::$id => stringify!($field), )* }
            }

            #[must_use]
            pub fn label_zh(self) -> &'static str {
                match self { $( Self::$id => $zh, )* }
            }

            #[must_use]
            pub fn label_en(self) -> &'static str {
                match self { $( Self::$id => $en, )* }
            }

            #[must_use]
            pub fn group(self) -> FieldGroup {
                match self { $( Self::$id => FieldGroup::$group, )* }
            }

            #[must_use]
            pub fn kind(self) -> FieldKind {
                match self { $( Self::$id => FieldKind::$kind, )* }
            }

            /// The stored value, `None` when not given.
            #[must_use]
            pub fn get(self, workbook: &Workbook) -> Option<Decimal> {
                match self { $( Self::$id => workbook.$section.$field.as_ref().map(FieldNumber::to_decimal), )* }
            }

            /// Stores a value. Returns false (and changes nothing) when the value
            /// does not fit the field's type, e.g. a fraction for a count.
            pub fn set(self, workbook: &mut Workbook, value: Option<Decimal>) -> bool {
                match self {
                    $( Self::$id => match value {
                        None => { workbook.$section.$field = None; true }
                        Some(v) => match FieldNumber::from_decimal(v) {
                            Some(stored) => { workbook.$section.$field = Some(stored); true }
                            None => false,
                        },
                    }, )*
                }
            }
        }
    };
}

fields! {
    IncomeBudgetTotal => budget.income_budget_total, Income, Money, "收入预算合计", "Income budget, total";
    IncomeBudgetGeneral => budget.income_budget_general, Income, Money, "一般公共预算财政拨款收入预算", "General public budget appropriation";
    IncomeBudgetGovFund => budget.income_budget_gov_fund, Income, Money, "政府性基金预算财政拨款收入预算", "Government fund appropriation";
    IncomeBudgetStateCapital => budget.income_budget_state_capital, Income, Money, "国有资本经营预算收入预算", "State capital operating budget";
    IncomeBudgetOther => budget.income_budget_other, Income, Money, "其他收入预算", "Other income";
    ExpenditureBudgetTotal => budget.expenditure_budget_total, Expenditure, Money, "支出预算合计", "Expenditure budget, total";
    BudgetBasic => budget.budget_basic, Expenditure, Money, "基本支出预算", "Basic expenditure";
    BudgetPersonnel => budget.budget_personnel, Expenditure, Money, "人员经费支出预算", "Personnel costs";
    BudgetOperating => budget.budget_operating, Expenditure, Money, "公用经费支出预算", "Operating costs";
    BudgetProject => budget.budget_project, Expenditure, Money, "项目支出预算", "Project expenditure";
    AppropriationIncomeBudget => budget.appropriation_income_budget, Appropriation, Money, "财政拨款收入预算数", "Appropriation income, budget";
    AppropriationIncomeFinal => budget.appropriation_income_final, Appropriation, Money, "财政拨款收入决算数", "Appropriation income, final";
    InitialBudget => budget.initial_budget, Appropriation, Money, "年初预算数", "Initial budget";
    IssuedBudget => budget.issued_budget, Appropriation, Money, "财政下达预算数", "Budget issued by the finance bureau";
    ActualExpenditure => budget.actual_expenditure, Appropriation, Money, "年度实际支出", "Actual expenditure";
    BudgetAdjustment => budget.budget_adjustment, Appropriation, SignedMoney, "预算调整数", "Budget adjustment";
    OpeningAppropriationCarryover => budget.opening_appropriation_carryover, Carryover, Money, "年初财政拨款结转和结余收入决算数", "Opening appropriation carry-over";
    ClosingAppropriationCarryover => budget.closing_appropriation_carryover, Carryover, Money, "年末财政拨款结转和结余决算数", "Closing appropriation carry-over";
    GeneralBudgetAppropriationFinal => budget.general_budget_appropriation_final, Carryover, Money, "一般公共预算财政拨款决算数", "General budget appropriation, final";
    GovFundAppropriationFinal => budget.gov_fund_appropriation_final, Carryover, Money, "政府性基金预算财政拨款决算数", "Government fund appropriation, final";
    TreasuryCarryoverStockPrev => budget.treasury_carryover_stock_prev, Carryover, Money, "国库集中支付结转结余存量资金（上年）", "Treasury carry-over stock, last year";
    TreasuryCarryoverStockCurr => budget.treasury_carryover_stock_curr, Carryover, Money, "国库集中支付结转结余存量资金（本年）", "Treasury carry-over stock, this year";
    CarryoverPrev => budget.carryover_prev, Carryover, Money, "上年结转结余总额", "Carry-over total, last year";
    CarryoverCurr => budget.carryover_curr, Carryover, Money, "本年结转结余总额", "Carry-over total, this year";
    ProcurementBudget => budget.procurement_budget, Procurement, Money, "政府采购预算数", "Procurement budget";
    ProcurementActual => budget.procurement_actual, Procurement, Money, "实际政府采购金额", "Procurement actual";
    FixedAssetsTotal => budget.fixed_assets_total, Assets, Money, "固定资产总额", "Fixed assets, total";
    FixedAssetsInUse => budget.fixed_assets_in_use, Assets, Money, "在用固定资产总额", "Fixed assets in use";
    TransfersToSubordinates => budget.transfers_to_subordinates, Assets, Money, "下达下级单位转移支付", "Transfers to subordinate units";
    AuthorizedAdmin => staffing.authorized_admin, Staffing, Count, "行政编制数", "Authorised posts, administrative";
    AuthorizedInstitution => staffing.authorized_institution, Staffing, Count, "事业编制数", "Authorised posts, institution";
    AuthorizedLogistics => staffing.authorized_logistics, Staffing, Count, "后勤服务人员核定数", "Authorised posts, logistics";
    NewPosts => staffing.new_posts, Staffing, Count, "新增编制数", "New posts";
    InServiceAdmin => staffing.in_service_admin, Staffing, Count, "行政在职人数", "In service, administrative";
    InServiceInstitution => staffing.in_service_institution, Staffing, Count, "事业在职人数", "In service, institution";
    InServiceLogistics => staffing.in_service_logistics, Staffing, Count, "雇员制后勤服务人员", "In service, logistics";
    Retired => staffing.retired, Staffing, Count, "退休人员", "Retired";
    ActualHeadcount => staffing.actual_headcount, Staffing, Count, "年末实有人数", "Actual headcount";
    ThreePublicPrevFinal => budget.three_public_prev_final, Common, Money, "上年“三公经费”决算数", "Three public costs, last year final";
    ThreePublicBudget => budget.three_public_budget, Common, Money, "本年“三公经费”预算数", "Three public costs, budget";
    ThreePublicFinal => budget.three_public_final, Common, Money, "本年“三公经费”决算数", "Three public costs, final";
    ThreePublicPrevBudget => budget.three_public_prev_budget, Common, Money, "上年“三公经费”预算数", "Three public costs, last year budget";
    OperatingCostBudget => budget.operating_cost_budget, Common, Money, "预算安排公用经费", "Operating costs, budget";
    OperatingCostActual => budget.operating_cost_actual, Common, Money, "实际支出公用经费", "Operating costs, actual";
    PaymentProgressActual => budget.payment_progress_actual, Common, Percent, "实际支付进度", "Payment progress, actual";
    PaymentProgressPlanned => budget.payment_progress_planned, Common, Percent, "既定支付进度", "Payment progress, planned";
    KeyProjectExpenditure => budget.key_project_expenditure, Common, Money, "重点项目支出", "Key project expenditure";
    ProjectExpenditureTotal => budget.project_expenditure_total, Common, Money, "项目总支出", "Project expenditure, total";
    IncomeFinalTotal => finals.income_final_total, FinalAccounts, Money, "收入决算合计", "Income final, total";
    IncomeFinalGeneral => finals.income_final_general, FinalAccounts, Money, "一般公共预算财政拨款收入决算", "General public budget appropriation, final";
    IncomeFinalGovFund => finals.income_final_gov_fund, FinalAccounts, Money, "政府性基金预算财政拨款收入决算", "Government fund appropriation, final";
    IncomeFinalStateCapital => finals.income_final_state_capital, FinalAccounts, Money, "国有资本经营预算财政拨款收入决算", "State capital operating appropriation, final";
    IncomeFinalBusiness => finals.income_final_business, FinalAccounts, Money, "事业收入决算", "Institution (service) income, final";
    IncomeFinalOperations => finals.income_final_operations, FinalAccounts, Money, "经营收入决算", "Operating (business) income, final";
    IncomeFinalOther => finals.income_final_other, FinalAccounts, Money, "其他收入决算", "Other income, final";
    ExpenditureFinalTotal => finals.expenditure_final_total, FinalAccounts, Money, "支出决算合计", "Expenditure final, total";
    FinalBasic => finals.final_basic, FinalAccounts, Money, "基本支出决算", "Basic expenditure, final";
    FinalPersonnel => finals.final_personnel, FinalAccounts, Money, "人员经费支出决算", "Personnel costs, final";
    FinalOperating => finals.final_operating, FinalAccounts, Money, "公用经费支出决算", "Operating costs, final";
    FinalProject => finals.final_project, FinalAccounts, Money, "项目支出决算", "Project expenditure, final";
    OpeningOtherCarryover => finals.opening_other_carryover, FinalAccounts, Money, "年初其他资金结转和结余", "Opening carry-over of other funds";
    UseOfNonAppropriationBalance => finals.use_of_non_appropriation_balance, FinalAccounts, Money, "使用非财政拨款结余", "Non-appropriation balance used";
    AppropriationExpenditureFinal => finals.appropriation_expenditure_final, FinalAccounts, Money, "财政拨款支出决算", "Spending from appropriations, final";
    FinalWages => finals.final_wages, FinalAccounts, Money, "工资福利支出决算", "Wages and welfare, final";
    FinalGoodsServices => finals.final_goods_services, FinalAccounts, Money, "商品和服务支出决算", "Goods and services, final";
    FinalHouseholdSubsidies => finals.final_household_subsidies, FinalAccounts, Money, "对个人和家庭的补助决算", "Subsidies to individuals and households, final";
    FinalCapital => finals.final_capital, FinalAccounts, Money, "资本性支出决算", "Capital expenditure, final";
    FinalOtherClasses => finals.final_other_classes, FinalAccounts, Money, "其他经济分类支出决算", "Other economic classes, final";
    AbroadBudget => three_public.three_public_budget_overseas, ThreePublicKinds, Money, "因公出国（境）费预算数", "Official travel abroad, budget";
    AbroadFinal => three_public.three_public_final_overseas, ThreePublicKinds, Money, "因公出国（境）费决算数", "Official travel abroad, final";
    AbroadPrevFinal => three_public.three_public_prev_final_overseas, ThreePublicKinds, Money, "上年因公出国（境）费决算数", "Official travel abroad, last year final";
    ReceptionBudget => three_public.three_public_budget_reception, ThreePublicKinds, Money, "公务接待费预算数", "Official reception, budget";
    ReceptionFinal => three_public.three_public_final_reception, ThreePublicKinds, Money, "公务接待费决算数", "Official reception, final";
    ReceptionPrevFinal => three_public.three_public_prev_final_reception, ThreePublicKinds, Money, "上年公务接待费决算数", "Official reception, last year final";
    VehiclePurchaseBudget => three_public.three_public_budget_vehicle_purchase, ThreePublicKinds, Money, "公务用车购置费预算数", "Official vehicle purchase, budget";
    VehiclePurchaseFinal => three_public.three_public_final_vehicle_purchase, ThreePublicKinds, Money, "公务用车购置费决算数", "Official vehicle purchase, final";
    VehiclePurchasePrevFinal => three_public.three_public_prev_final_vehicle_purchase, ThreePublicKinds, Money, "上年公务用车购置费决算数", "Official vehicle purchase, last year final";
    VehicleOperationBudget => three_public.three_public_budget_vehicle_operation, ThreePublicKinds, Money, "公务用车运行维护费预算数", "Official vehicle operation, budget";
    VehicleOperationFinal => three_public.three_public_final_vehicle_operation, ThreePublicKinds, Money, "公务用车运行维护费决算数", "Official vehicle operation, final";
    VehicleOperationPrevFinal => three_public.three_public_prev_final_vehicle_operation, ThreePublicKinds, Money, "上年公务用车运行维护费决算数", "Official vehicle operation, last year final";
    VehicleBudget => three_public.three_public_budget_vehicle, ThreePublicKinds, Money, "公务用车购置及运行维护费预算数", "Official vehicles (purchase and operation), budget";
    VehicleFinal => three_public.three_public_final_vehicle, ThreePublicKinds, Money, "公务用车购置及运行维护费决算数", "Official vehicles (purchase and operation), final";
    VehiclePrevFinal => three_public.three_public_prev_final_vehicle, ThreePublicKinds, Money, "上年公务用车购置及运行维护费决算数", "Official vehicles (purchase and operation), last year final";
}

impl FieldId {
    /// The label in the interface language.
    #[must_use]
    pub fn label(self, lang: crate::core::Lang) -> &'static str {
        match lang {
            crate::core::Lang::Zh => self.label_zh(),
            crate::core::Lang::En => self.label_en(),
        }
    }

    /// Looks a field up by its file key.
    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn keys_are_unique_and_round_trip() {
        let mut keys: Vec<_> = FieldId::ALL.iter().map(|f| f.key()).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len());
        for f in FieldId::ALL {
            assert_eq!(FieldId::from_key(f.key()), Some(*f));
        }
    }

    #[test]
    fn count_refuses_fractions_and_money_keeps_scale() {
        let mut wb = crate::core::sample::sample_workbook();
        assert!(!FieldId::Retired.set(&mut wb, Some(dec!(2.5))));
        assert!(FieldId::Retired.set(&mut wb, Some(dec!(13))));
        assert_eq!(FieldId::Retired.get(&wb), Some(dec!(13)));
        assert!(FieldId::ProcurementBudget.set(&mut wb, Some(dec!(1.50))));
        assert_eq!(
            FieldId::ProcurementBudget.get(&wb).map(|d| d.to_string()),
            Some("1.50".to_owned())
        );
    }
}

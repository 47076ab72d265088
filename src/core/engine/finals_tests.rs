//! The final-accounts checks, the silent checks and the parent cap. Figures
//! are the sample's (xiashan-2023) where it has them, else constructed.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::checks::{Concern, WarningCode as W};
use super::metrics::MetricId;
use super::{Derived, derive};
use crate::core::model::{FieldId as F, Workbook};
use crate::core::sample::sample_workbook;

fn derive_changed(change: impl FnOnce(&mut Workbook)) -> Derived {
    let mut wb = sample_workbook();
    change(&mut wb);
    derive(&wb)
}

fn set(wb: &mut Workbook, field: F, value: Option<Decimal>) {
    assert!(field.set(wb, value), "{field:?}");
}

/// The sample with these fields set (`None` clears one), derived.
fn derive_with(fields: &[(F, Option<Decimal>)]) -> Derived {
    derive_changed(|wb| {
        for &(field, value) in fields {
            set(wb, field, value);
        }
    })
}

/// With `fixed` set, the `code` message (if raised) at each value of `varied`.
fn message_at(varied: F, fixed: &[(F, Decimal)], code: W) -> impl Fn(Decimal) -> Option<String> {
    move |value| {
        let d = derive_changed(|wb| {
            for &(field, given) in fixed {
                set(wb, field, Some(given));
            }
            set(wb, varied, Some(value));
        });
        message(&d, code)
    }
}

fn message(d: &Derived, code: W) -> Option<String> {
    d.warnings
        .iter()
        .find(|w| w.code == code)
        .map(|w| w.message.zh.clone())
}

#[test]
fn the_sample_still_reproduces_and_raises_none_of_the_new_codes() {
    let d = derive(&sample_workbook());
    super::checks_tests::assert_seed_figures(&d);
    for code in [
        W::IncomeFinalPartsSum,
        W::SpendingExceedsIncome,
        W::ParentAboveWeight,
        W::NegativeCarryover,
        W::ReportedNotComputable,
    ] {
        assert_eq!(message(&d, code), None, "{code:?}");
    }
}

#[test]
fn income_final_parts_must_add_up_and_a_cent_off_is_caught() {
    let parts = [
        (F::IncomeFinalGeneral, dec!(512.01)),
        (F::IncomeFinalOther, dec!(76.54)),
    ];
    let warned = message_at(F::IncomeFinalTotal, &parts, W::IncomeFinalPartsSum);
    assert_eq!(warned(dec!(588.55)), None);
    let off = warned(dec!(588.56)).expect("raised");
    assert!(off.contains("差 -0.01"), "{off}");
    assert!(
        !off.contains("事业收入"),
        "only the parts given are named: {off}"
    );
}

#[test]
fn basic_missing_sums_its_parts_instead_of_a_misleading_difference() {
    // The sample: 515.96 + 18.76 = 534.72 basic, + 53.83 project = 588.55.
    let d = derive_changed(|wb| set(wb, F::BudgetBasic, None));
    assert_eq!(message(&d, W::ExpenditurePartsSum), None);
    let d = derive_with(&[
        (F::BudgetBasic, None),
        (F::BudgetOperating, Some(dec!(18.77))),
    ]);
    let text = message(&d, W::ExpenditurePartsSum).expect("raised");
    assert!(text.contains("差 0.01"), "{text}");
}

#[test]
fn final_spending_by_nature_and_three_public_kinds_add_up() {
    let d = derive_with(&[
        (F::ExpenditureFinalTotal, Some(dec!(588.55))),
        (F::FinalPersonnel, Some(dec!(515.96))),
        (F::FinalOperating, Some(dec!(18.76))),
        (F::FinalProject, Some(dec!(53.80))),
        (F::ThreePublicFinal, Some(dec!(4.00))),
        (F::AbroadFinal, Some(dec!(0))),
        (F::ReceptionFinal, Some(dec!(1.20))),
        (F::VehicleOperationFinal, Some(dec!(2.79))),
    ]);
    let text = message(&d, W::ExpenditureFinalPartsSum).expect("raised");
    assert!(text.contains("差 -0.03"), "{text}");
    let text = message(&d, W::ThreePublicPartsSum).expect("raised");
    assert!(text.contains("差 -0.01"), "{text}");
}

#[test]
fn spending_above_income_and_opening_carryover_names_the_gap() {
    // Sample opening carry-over 5.86; income 580 + 5.86 = 585.86 < 588.55.
    let spending = [(F::ExpenditureFinalTotal, dec!(588.55))];
    let warned = message_at(F::IncomeFinalTotal, &spending, W::SpendingExceedsIncome);
    let text = warned(dec!(580.00)).expect("raised");
    assert!(text.contains("缺口 2.69"), "{text}");
    assert_eq!(warned(dec!(582.69)), None);
    assert!(warned(dec!(582.68)).is_some());
}

#[test]
fn issued_budget_is_initial_plus_adjustment() {
    let budget = [
        (F::InitialBudget, dec!(500.00)),
        (F::BudgetAdjustment, dec!(88.55)),
    ];
    let warned = message_at(F::IssuedBudget, &budget, W::IssuedBudgetIdentity);
    assert_eq!(warned(dec!(588.55)), None);
    assert!(warned(dec!(588.54)).is_some());
}

#[test]
fn negative_carryover_and_negative_base_warn() {
    let d = derive_changed(|wb| {
        wb.budget.closing_appropriation_carryover = Some(crate::core::num::Money(dec!(-5.86)));
        set(wb, F::ThreePublicPrevFinal, Some(dec!(-2)));
        set(wb, F::ThreePublicFinal, Some(dec!(3)));
    });
    assert!(message(&d, W::NegativeCarryover).is_some());
    assert!(message(&d, W::ChangeOnNegativeBase).is_some());
}

#[test]
fn a_printed_rate_against_a_zero_denominator_warns() {
    let d = derive_changed(|wb| {
        set(wb, F::IssuedBudget, Some(dec!(0)));
        wb.reported
            .rates
            .insert(MetricId::ExpenditureCompletionRate, dec!(100));
    });
    let warning = d
        .warnings
        .iter()
        .find(|w| w.code == W::ReportedNotComputable)
        .expect("raised");
    assert!(warning.concerns.contains(&Concern::Metric {
        metric: MetricId::ExpenditureCompletionRate
    }));
}

#[test]
fn a_parent_never_scores_above_its_weight_and_names_its_children() {
    let mut wb = sample_workbook();
    let Some(parent) = wb.table.indicators.first_mut() else {
        panic!("sample has indicators");
    };
    let full = parent.weight;
    parent.weight = full - dec!(1);
    let code = parent.code.clone();
    let d = derive(&wb);
    let result = d
        .scores
        .indicators
        .iter()
        .find(|r| r.code == code)
        .expect("parent");
    assert!(result.score <= full - dec!(1));
    if result.capped {
        let text = message(&d, W::ParentAboveWeight).expect("raised");
        assert!(text.contains(&code), "{text}");
    }
}

/// Constructed figures in the shape of a 事业单位's 收入支出决算总表 (the
/// issue's 2263.81 spent against 2000.00 typed as 年度实际支出).
const INSTITUTION: [(F, Option<Decimal>); 4] = [
    (F::ExpenditureFinalTotal, Some(dec!(2263.81))),
    (F::IncomeFinalTotal, Some(dec!(2000.00))),
    (F::OpeningAppropriationCarryover, None),
    (F::ActualExpenditure, Some(dec!(2263.81))),
];

#[test]
fn an_absent_carryover_is_named_not_given_never_zero() {
    let d = derive_with(&INSTITUTION);
    let text = message(&d, W::SpendingExceedsIncome).expect("raised");
    assert!(text.contains("缺口 263.81"), "{text}");
    assert!(text.contains("年初结转和结余未填"), "{text}");
    assert!(!text.contains(" 0 万元"), "absent is not 0: {text}");
    assert!(!text.contains("年初财政拨款结转和结余"), "{text}");
}

#[test]
fn every_source_a_unit_may_spend_counts() {
    let mut fields = INSTITUTION.to_vec();
    fields.push((F::OpeningAppropriationCarryover, Some(dec!(100.00))));
    fields.push((F::OpeningOtherCarryover, Some(dec!(120.00))));
    // 43.81 short of 2263.81 until the unit's non-appropriation balance is counted.
    let d = derive_with(&fields);
    let text = message(&d, W::SpendingExceedsIncome).expect("raised");
    assert!(text.contains("缺口 43.81"), "{text}");
    assert!(
        text.contains("年初其他资金结转和结余 120.00 万元"),
        "{text}"
    );
    fields.push((F::UseOfNonAppropriationBalance, Some(dec!(43.81))));
    assert_eq!(
        message(&derive_with(&fields), W::SpendingExceedsIncome),
        None
    );
    // 事业收入 counts through the income total's parts.
    let by_parts = derive_with(&[
        (F::ExpenditureFinalTotal, Some(dec!(2263.81))),
        (F::IncomeFinalTotal, None),
        (F::IncomeFinalGeneral, Some(dec!(1432.33))),
        (F::IncomeFinalBusiness, Some(dec!(831.48))),
        (F::OpeningAppropriationCarryover, None),
    ]);
    assert_eq!(message(&by_parts, W::SpendingExceedsIncome), None);
}

#[test]
fn actual_expenditure_apart_from_the_finals_is_warned() {
    let mut fields = INSTITUTION.to_vec();
    fields.push((F::ActualExpenditure, Some(dec!(2000.00))));
    let d = derive_with(&fields);
    let text = message(&d, W::ActualExpenditureNotFinal).expect("raised");
    assert!(
        text.contains("2000.00") && text.contains("2263.81"),
        "{text}"
    );
    assert!(text.contains("差 -263.81"), "{text}");
    // The same figure as the spending from appropriations is a scope, not a slip.
    fields.push((F::AppropriationExpenditureFinal, Some(dec!(2000.00))));
    assert_eq!(
        message(&derive_with(&fields), W::ActualExpenditureNotFinal),
        None
    );
    assert_eq!(
        message(&derive_with(&INSTITUTION), W::ActualExpenditureNotFinal),
        None
    );
}

#[test]
fn actual_expenditure_not_given_is_the_finals_total_and_says_so() {
    let d = derive_with(&[
        (F::ActualExpenditure, None),
        (F::ExpenditureFinalTotal, Some(dec!(588.55))),
    ]);
    let m = d
        .metric(MetricId::ExpenditureCompletionRate)
        .expect("metric");
    assert_eq!(m.display, Some(dec!(100.00)));
    let zh = &m.expression.as_ref().expect("working").zh;
    assert!(zh.contains("年度实际支出未填，取支出决算合计"), "{zh}");
    assert_eq!(message(&d, W::ActualExpenditureNotFinal), None);
}

#[test]
fn the_carryover_identity_checks_appropriation_against_appropriation() {
    // Seed A4: 5.86 + 512.01 − 588.55 ≠ 5.86; the 76.54 were not appropriations.
    let d = derive(&sample_workbook());
    let text = message(&d, W::CarryoverIdentity).expect("seed A4");
    assert!(text.contains("请填写财政拨款支出决算"), "{text}");
    let d = derive_with(&[(F::AppropriationExpenditureFinal, Some(dec!(512.01)))]);
    assert_eq!(message(&d, W::CarryoverIdentity), None);
    let d = derive_with(&[(F::AppropriationExpenditureFinal, Some(dec!(512.00)))]);
    let text = message(&d, W::CarryoverIdentity).expect("a cent off");
    assert!(text.contains("财政拨款支出决算 512.00"), "{text}");
}

#[test]
fn a_printed_vehicle_subtotal_is_checked_against_its_two_kinds() {
    // Constructed: purchase 0.05 + operation 0.96 = 1.01.
    let kinds = [
        (F::VehiclePurchaseFinal, Some(dec!(0.05))),
        (F::VehicleOperationFinal, Some(dec!(0.96))),
    ];
    let mut right = kinds.to_vec();
    right.push((F::VehicleFinal, Some(dec!(1.01))));
    assert_eq!(message(&derive_with(&right), W::ThreePublicPartsSum), None);
    let mut wrong = kinds.to_vec();
    wrong.push((F::VehicleFinal, Some(dec!(1.10))));
    let text = message(&derive_with(&wrong), W::ThreePublicPartsSum).expect("raised");
    assert!(text.contains("公务用车购置及运行维护费决算数"), "{text}");
    assert!(text.contains("差 -0.09"), "{text}");
}

#[test]
fn spending_by_economic_class_adds_up_to_the_finals_total() {
    // Constructed on the seed's spending split: 588.55 = 515.96 + 53.83 + 18.76.
    let classes = [
        (F::ExpenditureFinalTotal, Some(dec!(588.55))),
        (F::FinalWages, Some(dec!(515.96))),
        (F::FinalGoodsServices, Some(dec!(53.83))),
        (F::FinalHouseholdSubsidies, Some(dec!(18.76))),
    ];
    assert_eq!(
        message(&derive_with(&classes), W::EconomicClassPartsSum),
        None
    );
    let mut off = classes.to_vec();
    off.push((F::FinalCapital, Some(dec!(1.00))));
    let text = message(&derive_with(&off), W::EconomicClassPartsSum).expect("raised");
    assert!(text.contains("资本性支出决算"), "{text}");
    assert!(text.contains("差 1.00"), "{text}");
    // The total not given is 基本 + 项目 and the classes are held to it.
    let by_parts = derive_with(&[
        (F::FinalBasic, Some(dec!(534.72))),
        (F::FinalProject, Some(dec!(53.83))),
        (F::FinalWages, Some(dec!(515.96))),
        (F::FinalGoodsServices, Some(dec!(72.59))),
    ]);
    assert_eq!(message(&by_parts, W::EconomicClassPartsSum), None);
}

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

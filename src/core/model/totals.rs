//! Totals and their parts: a total may be given directly or be the sum of its
//! parts. The metrics read a total through `resolve`, the parts checks compare
//! a given total with what its parts add up to.

use rust_decimal::Decimal;

use super::fields::FieldId;
use super::workbook::Workbook;

use FieldId as F;

/// One total and the parts that add up to it.
#[derive(Debug)]
pub struct TotalDef {
    pub total: FieldId,
    pub parts: &'static [FieldId],
}

/// A total and its parts, one row of `TOTALS`.
const fn sum(total: FieldId, parts: &'static [FieldId]) -> TotalDef {
    TotalDef { total, parts }
}

/// Every total with parts, parts before the totals that contain them.
#[rustfmt::skip]
pub const TOTALS: &[TotalDef] = &[
    sum(F::BudgetBasic, &[F::BudgetPersonnel, F::BudgetOperating]),
    sum(F::ExpenditureBudgetTotal, &[F::BudgetBasic, F::BudgetProject]),
    sum(F::IncomeBudgetTotal, &[F::IncomeBudgetGeneral, F::IncomeBudgetGovFund, F::IncomeBudgetStateCapital, F::IncomeBudgetOther]),
    sum(F::IncomeFinalTotal, &[F::IncomeFinalGeneral, F::IncomeFinalGovFund, F::IncomeFinalStateCapital, F::IncomeFinalBusiness, F::IncomeFinalOperations, F::IncomeFinalOther]),
    sum(F::FinalBasic, &[F::FinalPersonnel, F::FinalOperating]),
    sum(F::ExpenditureFinalTotal, &[F::FinalBasic, F::FinalProject]),
    sum(F::VehicleBudget, &[F::VehiclePurchaseBudget, F::VehicleOperationBudget]),
    sum(F::VehicleFinal, &[F::VehiclePurchaseFinal, F::VehicleOperationFinal]),
    sum(F::VehiclePrevFinal, &[F::VehiclePurchasePrevFinal, F::VehicleOperationPrevFinal]),
    sum(F::ThreePublicBudget, &[F::AbroadBudget, F::ReceptionBudget, F::VehiclePurchaseBudget, F::VehicleOperationBudget]),
    sum(F::ThreePublicFinal, &[F::AbroadFinal, F::ReceptionFinal, F::VehiclePurchaseFinal, F::VehicleOperationFinal]),
    sum(F::ThreePublicPrevFinal, &[F::AbroadPrevFinal, F::ReceptionPrevFinal, F::VehiclePurchasePrevFinal, F::VehicleOperationPrevFinal]),
];

/// Figures that, not given, are another field's: 年度实际支出 is the 决算's
/// 支出决算合计 unless the officer types a figure on another scope.
pub const STANDS_IN: &[(FieldId, FieldId)] = &[(F::ActualExpenditure, F::ExpenditureFinalTotal)];

/// How a figure was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Typed (or read from the file) directly.
    Given,
    /// Not given: the sum of the parts that are.
    SumOfParts,
    /// Not given: the figure of the field named (`STANDS_IN`).
    TakenFrom(FieldId),
}

/// The parts of a total, if it has any.
#[must_use]
pub fn parts_of(total: FieldId) -> Option<&'static [FieldId]> {
    TOTALS.iter().find(|t| t.total == total).map(|t| t.parts)
}

/// A field's value: as given, or (for a total not given) the exact sum of
/// the parts that are given. `None` when neither is there (or it overflows).
#[must_use]
pub fn resolve(field: FieldId, wb: &Workbook) -> Option<(Decimal, Source)> {
    if let Some(value) = field.get(wb) {
        return Some((value, Source::Given));
    }
    if let Some(&(_, other)) = STANDS_IN.iter().find(|(f, _)| *f == field) {
        return resolve(other, wb).map(|(v, _)| (v, Source::TakenFrom(other)));
    }
    let parts = parts_of(field)?;
    let mut total: Option<Decimal> = None;
    for &part in parts {
        if let Some((value, _)) = resolve(part, wb) {
            total = Some(total.unwrap_or_default().checked_add(value)?);
        }
    }
    total.map(|t| (t, Source::SumOfParts))
}

/// `resolve` without the source.
#[must_use]
pub fn value(field: FieldId, wb: &Workbook) -> Option<Decimal> {
    resolve(field, wb).map(|(v, _)| v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    /// Constructed figures (no published report at hand): four kinds adding to 4.33.
    #[test]
    fn three_public_total_is_the_sum_of_its_kinds_when_not_given() {
        let mut wb = sample_workbook();
        FieldId::ThreePublicFinal.set(&mut wb, None);
        for (field, v) in [
            (F::AbroadFinal, dec!(2.95)),
            (F::ReceptionFinal, dec!(0.37)),
            (F::VehiclePurchaseFinal, dec!(0.05)),
            (F::VehicleOperationFinal, dec!(0.96)),
        ] {
            assert!(field.set(&mut wb, Some(v)));
        }
        assert_eq!(
            resolve(F::ThreePublicFinal, &wb),
            Some((dec!(4.33), Source::SumOfParts))
        );
        assert!(F::ThreePublicFinal.set(&mut wb, Some(dec!(4.30))));
        assert_eq!(
            resolve(F::ThreePublicFinal, &wb),
            Some((dec!(4.30), Source::Given))
        );
    }

    #[test]
    fn nested_totals_resolve_through_their_parts() {
        let mut wb = sample_workbook();
        for f in [F::ExpenditureFinalTotal, F::FinalBasic] {
            f.set(&mut wb, None);
        }
        assert_eq!(value(F::ExpenditureFinalTotal, &wb), None);
        assert!(F::FinalPersonnel.set(&mut wb, Some(dec!(300.10))));
        assert!(F::FinalOperating.set(&mut wb, Some(dec!(40.00))));
        assert!(F::FinalProject.set(&mut wb, Some(dec!(100.00))));
        assert_eq!(value(F::FinalBasic, &wb), Some(dec!(340.10)));
        assert_eq!(value(F::ExpenditureFinalTotal, &wb), Some(dec!(440.10)));
    }

    #[test]
    fn every_part_is_a_field_of_the_same_kind_as_its_total() {
        for t in TOTALS {
            for part in t.parts {
                assert_eq!(part.kind(), t.total.kind(), "{:?}", t.total);
            }
        }
    }
}

//! Final accounts by kind: parts that should add up, spending that income and
//! carry-over cannot cover, and the issued budget against initial + adjustments.

use rust_decimal::Decimal;

use super::sums::parts_sum;
use super::{Ctx, Sink, WarningCode, fields};
use crate::core::model::FieldId as F;
use crate::core::model::totals::{self, parts_of};
use crate::core::num::Plain;

fn total_parts(ctx: &Ctx<'_>, out: &mut Sink, code: WarningCode, total: F) {
    if let Some(parts) = parts_of(total) {
        parts_sum(ctx, out, code, total, parts);
    }
}

pub fn income_final_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    total_parts(
        ctx,
        out,
        WarningCode::IncomeFinalPartsSum,
        F::IncomeFinalTotal,
    );
}

pub fn expenditure_final_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    total_parts(
        ctx,
        out,
        WarningCode::ExpenditureFinalPartsSum,
        F::ExpenditureFinalTotal,
    );
}

pub fn basic_final_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    total_parts(ctx, out, WarningCode::BasicFinalPartsSum, F::FinalBasic);
}

/// Budget, final and last year's final of 三公经费 against their four kinds.
pub fn three_public_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    for total in [
        F::ThreePublicBudget,
        F::ThreePublicFinal,
        F::ThreePublicPrevFinal,
    ] {
        total_parts(ctx, out, WarningCode::ThreePublicPartsSum, total);
    }
}

/// 支出决算 above 收入决算 + 年初结转结余: the spending has no money behind it.
pub fn spending_exceeds_income(ctx: &Ctx<'_>, out: &mut Sink) {
    let (Some(spent), Some(income)) = (
        totals::value(F::ExpenditureFinalTotal, ctx.wb),
        totals::value(F::IncomeFinalTotal, ctx.wb),
    ) else {
        return;
    };
    let opening = ctx
        .get(F::OpeningAppropriationCarryover)
        .unwrap_or_default();
    let Some(covered) = income.checked_add(opening) else {
        return;
    };
    if spent <= covered {
        return;
    }
    let gap = Plain(spent.saturating_sub(covered));
    let [spent, income, opening] = [spent, income, opening].map(Plain);
    out.push(
        WarningCode::SpendingExceedsIncome,
        format!(
            "支出决算 {spent} 万元超过收入决算 {income} 万元与年初结转结余 {opening} 万元之和，缺口 {gap} 万元"
        ),
        format!(
            "Expenditure final {spent} exceeds income final {income} plus opening carry-over {opening}; gap {gap}"
        ),
        fields(&[
            F::ExpenditureFinalTotal,
            F::IncomeFinalTotal,
            F::OpeningAppropriationCarryover,
        ]),
    );
}

/// 财政下达预算数 should be 年初预算数 + 预算调整数 (to the cent).
pub fn issued_budget_identity(ctx: &Ctx<'_>, out: &mut Sink) {
    let (Some(issued), Some(initial), Some(adjustment)) = (
        ctx.get(F::IssuedBudget),
        ctx.get(F::InitialBudget),
        ctx.get(F::BudgetAdjustment),
    ) else {
        return;
    };
    let Some(expected) = initial.checked_add(adjustment) else {
        return;
    };
    let Some(difference) = issued.checked_sub(expected) else {
        return;
    };
    if difference.abs() < Decimal::new(1, 2) {
        return;
    }
    let gap = Plain(issued.saturating_sub(expected));
    let [issued, initial, adjustment, expected] =
        [issued, initial, adjustment, expected].map(Plain);
    out.push(
        WarningCode::IssuedBudgetIdentity,
        format!(
            "财政下达预算数 {issued} 万元 ≠ 年初预算数 {initial} + 预算调整数 {adjustment} = {expected} 万元（差 {gap}）"
        ),
        format!(
            "Issued budget {issued} ≠ initial budget {initial} + adjustment {adjustment} = {expected} (difference {gap})"
        ),
        fields(&[F::IssuedBudget, F::InitialBudget, F::BudgetAdjustment]),
    );
}

/// A carry-over amount below zero: the carry-over rate would read as a good score.
pub fn negative_carryover(ctx: &Ctx<'_>, out: &mut Sink) {
    for field in [
        F::OpeningAppropriationCarryover,
        F::ClosingAppropriationCarryover,
        F::CarryoverPrev,
        F::CarryoverCurr,
    ] {
        if let Some(value) = ctx.get(field).filter(Decimal::is_sign_negative) {
            let value = Plain(value);
            out.push(
                WarningCode::NegativeCarryover,
                format!("{}为负数（{value} 万元）：结转结余不应为负，据此计算的比率与得分不可信", field.label_zh()),
                format!(
                    "{} is negative ({value}): carry-over cannot be below zero, so rates and scores built on it mislead",
                    field.label_en()
                ),
                fields(&[field]),
            );
        }
    }
}

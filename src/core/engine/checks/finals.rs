//! Final accounts by kind: parts that should add up, spending that income and
//! carry-over cannot cover, and the issued budget against initial + adjustments.

use std::fmt::Write as _;

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

/// Budget, final and last year's final of 三公经费 against their four kinds,
/// and the printed 公务用车购置及运行维护费 against its two.
pub fn three_public_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    for total in [
        F::ThreePublicBudget,
        F::ThreePublicFinal,
        F::ThreePublicPrevFinal,
        F::VehicleBudget,
        F::VehicleFinal,
        F::VehiclePrevFinal,
    ] {
        total_parts(ctx, out, WarningCode::ThreePublicPartsSum, total);
    }
}

/// The 政府支出经济分类 top classes: another split of 支出决算合计.
const ECONOMIC_CLASSES: [F; 5] = [
    F::FinalWages,
    F::FinalGoodsServices,
    F::FinalHouseholdSubsidies,
    F::FinalCapital,
    F::FinalOtherClasses,
];

/// Spending by economic class against 支出决算合计 (given, or summed from
/// 基本 + 项目): the classes given should add up to it.
pub fn economic_class_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    let Some(total) = totals::value(F::ExpenditureFinalTotal, ctx.wb) else {
        return;
    };
    let present: Vec<(F, Decimal)> = ECONOMIC_CLASSES
        .iter()
        .filter_map(|&f| ctx.get(f).map(|v| (f, v)))
        .collect();
    if present.is_empty() {
        return;
    }
    let Some(sum) = present
        .iter()
        .try_fold(Decimal::ZERO, |acc, (_, v)| acc.checked_add(*v))
    else {
        return;
    };
    if sum == total {
        return;
    }
    let diff = Plain(sum.saturating_sub(total));
    let names_zh: Vec<&str> = present.iter().map(|(f, _)| f.label_zh()).collect();
    let names_en: Vec<&str> = present.iter().map(|(f, _)| f.label_en()).collect();
    let (sum, total) = (Plain(sum), Plain(total));
    let mut concerned = vec![F::ExpenditureFinalTotal];
    concerned.extend(present.iter().map(|(f, _)| *f));
    out.push(
        WarningCode::EconomicClassPartsSum,
        format!(
            "按经济分类：{}之和 {sum} 与支出决算合计 {total} 不符（差 {diff}）",
            names_zh.join("+")
        ),
        format!(
            "By economic class: {} add up to {sum}, but the expenditure final total is {total} (difference {diff})",
            names_en.join(" + ")
        ),
        fields(&concerned),
    );
}

/// What a unit may spend besides the year's income, as the 收入支出决算总表
/// lists it: carry-over of appropriations and of other funds, and the
/// non-appropriation balance it draws on.
const OTHER_SOURCES: [F; 3] = [
    F::OpeningAppropriationCarryover,
    F::OpeningOtherCarryover,
    F::UseOfNonAppropriationBalance,
];

/// 支出决算 above 收入决算 and every other source given: the spending has no
/// money behind it. A source not given is named as not given, never as 0.
pub fn spending_exceeds_income(ctx: &Ctx<'_>, out: &mut Sink) {
    let (Some(spent), Some(income)) = (
        totals::value(F::ExpenditureFinalTotal, ctx.wb),
        totals::value(F::IncomeFinalTotal, ctx.wb),
    ) else {
        return;
    };
    let given: Vec<(F, Decimal)> = OTHER_SOURCES
        .iter()
        .filter_map(|&f| ctx.get(f).map(|v| (f, v)))
        .collect();
    let Some(covered) = given
        .iter()
        .try_fold(income, |acc, (_, v)| acc.checked_add(*v))
    else {
        return;
    };
    if spent <= covered {
        return;
    }
    let gap = Plain(spent.saturating_sub(covered));
    let mut zh = format!("收入决算 {} 万元", Plain(income));
    let mut en = format!("income final {}", Plain(income));
    for (field, value) in &given {
        let value = Plain(*value);
        let _ = write!(zh, " + {} {value} 万元", field.label_zh());
        let _ = write!(en, " + {} {value}", field.label_en().to_lowercase());
    }
    let opening_given = given
        .iter()
        .any(|(f, _)| *f != F::UseOfNonAppropriationBalance);
    let (note_zh, note_en) = if opening_given {
        (String::new(), String::new())
    } else {
        (
            "；年初结转和结余未填，如有请填写".to_owned(),
            "; the opening carry-over is not given: enter it if there is one".to_owned(),
        )
    };
    let [spent, covered] = [spent, covered].map(Plain);
    let mut concerns = vec![F::ExpenditureFinalTotal, F::IncomeFinalTotal];
    concerns.extend(OTHER_SOURCES);
    out.push(
        WarningCode::SpendingExceedsIncome,
        format!("支出决算 {spent} 万元超过可用资金 {covered} 万元（{zh}），缺口 {gap} 万元{note_zh}"),
        format!(
            "Expenditure final {spent} exceeds the money available, {covered} ({en}); gap {gap}{note_en}"
        ),
        fields(&concerns),
    );
}

/// 年度实际支出 (the completion rate's numerator) typed apart from the 决算:
/// it should be 支出决算合计, or 财政拨款支出 where the table counts that.
pub fn actual_expenditure_not_final(ctx: &Ctx<'_>, out: &mut Sink) {
    let (Some(actual), Some(total)) = (
        ctx.get(F::ActualExpenditure),
        totals::value(F::ExpenditureFinalTotal, ctx.wb),
    ) else {
        return;
    };
    if actual == total || ctx.get(F::AppropriationExpenditureFinal) == Some(actual) {
        return;
    }
    let gap = Plain(actual.saturating_sub(total));
    let [actual, total] = [actual, total].map(Plain);
    out.push(
        WarningCode::ActualExpenditureNotFinal,
        format!(
            "年度实际支出 {actual} 万元与支出决算合计 {total} 万元不一致（差 {gap} 万元）：支出完成率的分子应与决算一致，或为财政拨款支出决算"
        ),
        format!(
            "Actual expenditure {actual} differs from the expenditure final total {total} (difference {gap}): the completion rate's numerator should agree with the final accounts, or be the spending from appropriations"
        ),
        fields(&[
            F::ActualExpenditure,
            F::ExpenditureFinalTotal,
            F::AppropriationExpenditureFinal,
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

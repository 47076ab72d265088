//! The seed's cross-checks A1–A8 (seed-checks.md): figures that should agree.

use rust_decimal::Decimal;

use super::{Ctx, Sink, WarningCode, fields, sum, variance_text};
use crate::core::engine::arith;
use crate::core::engine::metrics::MetricId;
use crate::core::model::FieldId as F;
use crate::core::num::{Plain, fmt_percent};

/// 一般公共预算 + 政府性基金 + 国有资本经营 budgets.
fn appropriation_parts(ctx: &Ctx<'_>) -> Option<Decimal> {
    sum(&[
        ctx.get(F::IncomeBudgetGeneral),
        ctx.get(F::IncomeBudgetGovFund),
        ctx.get(F::IncomeBudgetStateCapital),
    ])
}

/// The appropriation finals by fund.
fn fund_finals(ctx: &Ctx<'_>) -> Option<Decimal> {
    sum(&[
        ctx.get(F::GeneralBudgetAppropriationFinal),
        ctx.get(F::GovFundAppropriationFinal),
    ])
}

/// A1: the same "收入预算" with two values.
pub fn income_budget_two_values(ctx: &Ctx<'_>, out: &mut Sink) {
    let approp_parts = appropriation_parts(ctx);
    let income_total = ctx.get(F::IncomeBudgetTotal);
    let approp_budget = ctx.get(F::AppropriationIncomeBudget);
    let approp_final = ctx.get(F::AppropriationIncomeFinal);
    if let (Some(ab), Some(total)) = (approp_budget, income_total) {
        let matches_scope = ab == total || approp_parts == Some(ab);
        if !matches_scope {
            let alt =
                approp_final.map_or_else(|| "n/a".to_owned(), |fin| variance_text(fin, total));
            let (total, ab) = (Plain(total), Plain(ab));
            out.push(
                WarningCode::IncomeBudgetTwoValues,
                format!(
                    "“收入预算”有两个数：{}为 {total} 万元，{}为 {ab} 万元；若以 {total} 为预算数，差异率为 {alt}",
                    F::IncomeBudgetTotal.label_zh(),
                    F::AppropriationIncomeBudget.label_zh()
                ),
                format!(
                    "The income budget has two values: {} {total} vs {} {ab}; with {total} as the budget the variance rate would be {alt}",
                    F::IncomeBudgetTotal.label_en(),
                    F::AppropriationIncomeBudget.label_en()
                ),
                fields(&[F::IncomeBudgetTotal, F::AppropriationIncomeBudget]),
            );
        }
    }
}

/// A2: other income counted as appropriation income.
pub fn other_income_in_appropriation(ctx: &Ctx<'_>, out: &mut Sink) {
    let approp_parts = appropriation_parts(ctx);
    let other = ctx.get(F::IncomeBudgetOther).unwrap_or_default();
    let approp_budget = ctx.get(F::AppropriationIncomeBudget);
    let approp_final = ctx.get(F::AppropriationIncomeFinal);
    if let (Some(fin), Some(parts)) = (approp_final, approp_parts) {
        let with_other = parts.checked_add(other);
        if other > Decimal::ZERO && with_other == Some(fin) {
            let alt = approp_budget.map_or_else(|| "n/a".to_owned(), |b| variance_text(parts, b));
            let (fin, other, parts) = (Plain(fin), Plain(other), Plain(parts));
            out.push(
                WarningCode::OtherIncomeInAppropriation,
                format!(
                    "财政拨款收入决算数 {fin} 万元含其他收入 {other} 万元；仅计财政拨款应为 {parts} 万元，差异率将为 {alt}"
                ),
                format!(
                    "Appropriation income final {fin} includes other income {other}; appropriations alone are {parts}, giving a variance rate of {alt}"
                ),
                fields(&[F::AppropriationIncomeFinal, F::IncomeBudgetOther]),
            );
        }
    }
}

/// A3: appropriation finals by fund vs appropriation income final.
pub fn appropriation_final_mismatch(ctx: &Ctx<'_>, out: &mut Sink) {
    let fund_finals = fund_finals(ctx);
    let approp_budget = ctx.get(F::AppropriationIncomeBudget);
    let approp_final = ctx.get(F::AppropriationIncomeFinal);
    if let (Some(fin), Some(by_fund)) = (approp_final, fund_finals)
        && fin != by_fund
    {
        let alt = approp_budget.map_or_else(|| "n/a".to_owned(), |b| variance_text(by_fund, b));
        let (fin, by_fund) = (Plain(fin), Plain(by_fund));
        out.push(
                WarningCode::AppropriationFinalMismatch,
                format!(
                    "按资金来源的财政拨款决算数合计 {by_fund} 万元，与财政拨款收入决算数 {fin} 万元不符；以 {by_fund} 计差异率为 {alt}"
                ),
                format!(
                    "Appropriation finals by fund add up to {by_fund}, but appropriation income final is {fin}; on {by_fund} the variance rate is {alt}"
                ),
                fields(&[F::AppropriationIncomeFinal, F::GeneralBudgetAppropriationFinal, F::GovFundAppropriationFinal]),
            );
    }
}

/// A4: the carry-over identity.
pub fn carryover_identity(ctx: &Ctx<'_>, out: &mut Sink) {
    // Appropriation against appropriation: the spending paid from them where
    // the 决算 gives it, else the year's spending as a whole.
    let spent_field = if ctx.get(F::AppropriationExpenditureFinal).is_some() {
        F::AppropriationExpenditureFinal
    } else {
        F::ActualExpenditure
    };
    let (Some(open), Some(close), Some(by_fund), Some(spent)) = (
        ctx.get(F::OpeningAppropriationCarryover),
        ctx.get(F::ClosingAppropriationCarryover),
        fund_finals(ctx),
        ctx.get(spent_field),
    ) else {
        return;
    };
    let expected = open.checked_add(by_fund).and_then(|v| v.checked_sub(spent));
    let Some(expected_close) = expected.filter(|e| *e != close) else {
        return;
    };
    let other_money = [
        F::IncomeFinalBusiness,
        F::IncomeFinalOperations,
        F::IncomeFinalOther,
        F::OpeningOtherCarryover,
        F::UseOfNonAppropriationBalance,
    ]
    .iter()
    .any(|&f| ctx.get(f).is_some_and(|v| v > Decimal::ZERO))
        || ctx
            .get(F::IncomeBudgetOther)
            .is_some_and(|v| v > Decimal::ZERO);
    let (hint_zh, hint_en) = if spent_field == F::ActualExpenditure && other_money {
        (
            "；实际支出含非财政拨款资金时，请填写财政拨款支出决算",
            "; where spending is partly paid from other money, enter the spending from appropriations",
        )
    } else {
        ("", "")
    };
    let (spent_zh, spent_en) = (
        spent_field.label_zh(),
        spent_field.label_en().to_lowercase(),
    );
    let gap = Plain(close.saturating_sub(expected_close));
    let [open, by_fund, spent, expected_close, close] =
        [open, by_fund, spent, expected_close, close].map(Plain);
    out.push(
        WarningCode::CarryoverIdentity,
        format!(
            "结转恒等式不成立：年初结转 {open} + 财政拨款决算 {by_fund} - {spent_zh} {spent} = {expected_close}，而年末结转为 {close}，相差 {gap} 万元{hint_zh}"
        ),
        format!(
            "Carry-over identity fails: opening {open} + appropriations {by_fund} - {spent_en} {spent} = {expected_close}, but closing is {close} (gap {gap}){hint_en}"
        ),
        fields(&[
            F::OpeningAppropriationCarryover,
            F::GeneralBudgetAppropriationFinal,
            F::GovFundAppropriationFinal,
            spent_field,
            F::ClosingAppropriationCarryover,
        ]),
    );
}

/// A5: government fund budgeted but zero in the finals.
pub fn gov_fund_budget_not_final(ctx: &Ctx<'_>, out: &mut Sink) {
    if let (Some(fund_budget), Some(fund_final)) = (
        ctx.get(F::IncomeBudgetGovFund),
        ctx.get(F::GovFundAppropriationFinal),
    ) {
        let complete = ctx
            .metric(MetricId::ExpenditureCompletionRate)
            .and_then(|m| m.display)
            .is_some_and(|v| v >= Decimal::ONE_HUNDRED);
        if fund_budget > Decimal::ZERO && fund_final.is_zero() {
            let tail_zh = if complete {
                "，但支出完成率为 100%"
            } else {
                ""
            };
            let tail_en = if complete {
                ", yet expenditure completion is 100%"
            } else {
                ""
            };
            let (fund_budget, fund_final) = (Plain(fund_budget), Plain(fund_final));
            out.push(
                WarningCode::GovFundBudgetNotFinal,
                format!("政府性基金预算 {fund_budget} 万元，决算为 {fund_final}{tail_zh}：资金是否收回未说明"),
                format!("Government fund budget {fund_budget} but final {fund_final}{tail_en}: withdrawal not explained"),
                fields(&[F::IncomeBudgetGovFund, F::GovFundAppropriationFinal]),
            );
        }
    }
}

/// A6: staffing scopes.
pub fn staffing_scope(ctx: &Ctx<'_>, out: &mut Sink) {
    let in_service = sum(&[
        ctx.get(F::InServiceAdmin),
        ctx.get(F::InServiceInstitution),
        ctx.get(F::InServiceLogistics),
    ]);
    let authorized = sum(&[
        ctx.get(F::AuthorizedAdmin),
        ctx.get(F::AuthorizedInstitution),
        ctx.get(F::AuthorizedLogistics),
    ]);
    if let (Some(actual), Some(serving)) = (ctx.get(F::ActualHeadcount), in_service)
        && actual != serving
    {
        let new_posts = ctx.get(F::NewPosts).filter(|n| !n.is_zero());
        let wider_rate = new_posts.zip(authorized).and_then(|(n, a)| {
            let posts = a.checked_add(n)?;
            Some((n, arith::percent(serving, posts)?))
        });
        let (alt, alt_en) = match wider_rate {
            Some((n, rate)) => (
                {
                    let n = Plain(n);
                    format!(
                        "；若新增编制 {n} 不在编制数内，控制率为 {}",
                        fmt_percent(rate)
                    )
                },
                {
                    let n = Plain(n);
                    format!(
                        "; if the {n} new posts are outside the authorised posts, the control rate is {}",
                        fmt_percent(rate)
                    )
                },
            ),
            None => (String::new(), String::new()),
        };
        let (actual, serving) = (Plain(actual), Plain(serving));
        out.push(
                WarningCode::StaffingScope,
                format!("年末实有人数 {actual} 含退休等人员，与在职人数 {serving} 口径不同；在职人员控制率按在职人数计{alt}"),
                format!("Actual headcount {actual} includes retirees, unlike the {serving} in service; the staffing control rate uses those in service{alt_en}"),
                fields(&[F::ActualHeadcount, F::InServiceAdmin, F::Retired, F::NewPosts]),
            );
    }
}

/// A7: appropriation carry-over without any treasury stock.
pub fn carryover_without_treasury_stock(ctx: &Ctx<'_>, out: &mut Sink) {
    if let (Some(close), Some(stock)) = (
        ctx.get(F::ClosingAppropriationCarryover),
        ctx.get(F::TreasuryCarryoverStockCurr),
    ) && close > Decimal::ZERO
        && stock.is_zero()
    {
        let close = Plain(close);
        out.push(
                WarningCode::CarryoverWithoutTreasuryStock,
                format!("年末财政拨款结转 {close} 万元，而国库集中支付结转结余存量资金为 0：两者口径未作说明"),
                format!("Closing appropriation carry-over is {close} while the treasury carry-over stock is 0: the scopes are not reconciled"),
                fields(&[F::ClosingAppropriationCarryover, F::TreasuryCarryoverStockCurr]),
            );
    }
}

/// A8: all headline figures equal.
pub fn headline_figures_equal(ctx: &Ctx<'_>, out: &mut Sink) {
    let headline = [
        F::IncomeBudgetTotal,
        F::ExpenditureBudgetTotal,
        F::IssuedBudget,
        F::ActualExpenditure,
        F::AppropriationIncomeFinal,
    ];
    let values: Vec<_> = headline.iter().map(|&f| ctx.get(f)).collect();
    if values.iter().all(Option::is_some) && values.windows(2).all(|w| w[0] == w[1]) {
        let v = Plain(values[0].unwrap_or_default());
        out.push(
            WarningCode::HeadlineFiguresEqual,
            format!("收入预算、支出预算、下达预算、实际支出和财政拨款决算均为 {v} 万元：仅在预算按实际调整时成立，请核实"),
            format!("Income budget, expenditure budget, issued budget, actual spending and appropriation final all equal {v}: plausible only if the budget was adjusted to actuals"),
            fields(&headline),
        );
    }
}

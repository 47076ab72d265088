//! Totals that should equal the sum of their parts.

use super::{Ctx, Sink, WarningCode, fields, sum};
use crate::core::model::FieldId as F;
use crate::core::model::FieldId;
use crate::core::model::totals;
use crate::core::num::Plain;
use rust_decimal::Decimal;

pub fn income_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    parts_sum(
        ctx,
        out,
        WarningCode::IncomePartsSum,
        F::IncomeBudgetTotal,
        &[
            F::IncomeBudgetGeneral,
            F::IncomeBudgetGovFund,
            F::IncomeBudgetStateCapital,
            F::IncomeBudgetOther,
        ],
    );
}

pub fn expenditure_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    parts_sum(
        ctx,
        out,
        WarningCode::ExpenditurePartsSum,
        F::ExpenditureBudgetTotal,
        &[F::BudgetBasic, F::BudgetProject],
    );
}

pub fn basic_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    parts_sum(
        ctx,
        out,
        WarningCode::BasicPartsSum,
        F::BudgetBasic,
        &[F::BudgetPersonnel, F::BudgetOperating],
    );
}

pub fn headcount_parts(ctx: &Ctx<'_>, out: &mut Sink) {
    parts_sum(
        ctx,
        out,
        WarningCode::HeadcountPartsSum,
        F::ActualHeadcount,
        &[
            F::InServiceAdmin,
            F::InServiceInstitution,
            F::InServiceLogistics,
            F::Retired,
        ],
    );
}

/// `total`, when given, should equal the sum of `parts`. Parts not given are
/// skipped; a part that is itself a total and not given counts as the sum of
/// its own parts (基本支出 missing → 人员经费 + 公用经费), and the message
/// names only the parts that were summed.
pub(super) fn parts_sum(
    ctx: &Ctx<'_>,
    out: &mut Sink,
    code: WarningCode,
    total: FieldId,
    parts: &[FieldId],
) {
    let Some(t) = ctx.get(total) else { return };
    let present: Vec<(FieldId, Decimal)> = parts
        .iter()
        .filter_map(|&p| totals::value(p, ctx.wb).map(|v| (p, v)))
        .collect();
    let values: Vec<_> = present.iter().map(|(_, v)| Some(*v)).collect();
    let Some(s) = sum(&values) else { return };
    if s != t {
        let (diff, s, t) = (Plain(s.saturating_sub(t)), Plain(s), Plain(t));
        let names_zh: Vec<_> = present.iter().map(|(p, _)| p.label_zh()).collect();
        let names_en: Vec<_> = present.iter().map(|(p, _)| p.label_en()).collect();
        let mut concerned = vec![total];
        concerned.extend(present.iter().map(|(p, _)| *p));
        out.push(
            code,
            format!(
                "{}之和 {s} 与{} {t} 不符（差 {}）",
                names_zh.join("+"),
                total.label_zh(),
                diff
            ),
            format!(
                "{} add up to {s}, but {} is {t} (difference {})",
                names_en.join(" + "),
                total.label_en(),
                diff
            ),
            fields(&concerned),
        );
    }
}

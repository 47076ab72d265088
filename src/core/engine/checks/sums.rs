//! Totals that should equal the sum of their parts.

use super::{Ctx, Sink, WarningCode, fields, sum};
use crate::core::model::FieldId as F;
use crate::core::model::FieldId;
use crate::core::num::Plain;

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

/// `total` should equal the sum of `parts` (parts not given are skipped).
fn parts_sum(ctx: &Ctx<'_>, out: &mut Sink, code: WarningCode, total: FieldId, parts: &[FieldId]) {
    let Some(t) = ctx.get(total) else { return };
    let values: Vec<_> = parts.iter().map(|&p| ctx.get(p)).collect();
    let Some(s) = sum(&values) else { return };
    if s != t {
        let (diff, s, t) = (Plain(s.saturating_sub(t)), Plain(s), Plain(t));
        let names_zh: Vec<_> = parts.iter().map(|p| p.label_zh()).collect();
        let names_en: Vec<_> = parts.iter().map(|p| p.label_en()).collect();
        let mut concerned = vec![total];
        concerned.extend_from_slice(parts);
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

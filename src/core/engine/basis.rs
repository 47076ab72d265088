//! The bases a metric may be taken against (`Basis`): which inputs replace
//! the registry row's when a bureau's table says "以年初预算为准" or measures
//! 三公经费 on budgets. One row per metric that has alternatives; a metric
//! without a row has only its own basis.

use super::metric_defs::{Input, MetricId, Role};
use crate::core::model::{Basis, FieldId};

use FieldId as F;
use Role::{Base, Current, Denominator, Numerator};

const fn req(field: FieldId, role: Role) -> Input {
    Input::required(field, role)
}

/// One alternative basis of a metric.
#[derive(Debug)]
pub struct BasisOption {
    pub basis: Basis,
    pub inputs: &'static [Input],
    pub words_zh: &'static str,
    pub words_en: &'static str,
}

/// One alternative basis: its inputs and its formula in words.
const fn alternative(
    basis: Basis,
    inputs: &'static [Input],
    words_zh: &'static str,
    words_en: &'static str,
) -> BasisOption {
    BasisOption {
        basis,
        inputs,
        words_zh,
        words_en,
    }
}

/// The bases of one metric; `own` is the basis the registry row already uses.
#[derive(Debug)]
pub struct BasisRow {
    pub metric: MetricId,
    pub own: Option<Basis>,
    pub options: &'static [BasisOption],
}

/// A metric's bases: `own` is the one its registry row uses.
const fn bases_of(
    metric: MetricId,
    own: Option<Basis>,
    options: &'static [BasisOption],
) -> BasisRow {
    BasisRow {
        metric,
        own,
        options,
    }
}

/// The adjusted budget is the initial budget plus the adjustments (调增为正).
const ADJUSTED: [Input; 2] = [
    req(F::InitialBudget, Denominator),
    req(F::BudgetAdjustment, Denominator),
];

/// Every metric with alternative bases.
#[rustfmt::skip]
pub const BASES: &[BasisRow] = &[
    bases_of(MetricId::ExpenditureCompletionRate, Some(Basis::Issued), &[
        alternative(Basis::Issued, &[req(F::ActualExpenditure, Numerator), req(F::IssuedBudget, Denominator)], "年度实际支出/财政下达预算数×100%", "actual expenditure / issued budget × 100%"),
        alternative(Basis::Initial, &[req(F::ActualExpenditure, Numerator), req(F::InitialBudget, Denominator)], "年度实际支出/年初预算数×100%", "actual expenditure / initial budget × 100%"),
        alternative(Basis::Adjusted, &[req(F::ActualExpenditure, Numerator), ADJUSTED[0], ADJUSTED[1]], "年度实际支出/调整后预算数(年初预算数+预算调整数)×100%", "actual expenditure / adjusted budget (initial + adjustment) × 100%"),
    ]),
    bases_of(MetricId::AppropriationIncomeVarianceRate, None, &[
        alternative(Basis::Issued, &[req(F::AppropriationIncomeFinal, Current), req(F::IssuedBudget, Base)], "|(财政拨款收入决算数-财政下达预算数)/财政下达预算数|×100%", "|(appropriation final - issued budget) / issued budget| × 100%"),
        alternative(Basis::Initial, &[req(F::AppropriationIncomeFinal, Current), req(F::InitialBudget, Base)], "|(财政拨款收入决算数-年初预算数)/年初预算数|×100%", "|(appropriation final - initial budget) / initial budget| × 100%"),
        alternative(Basis::Adjusted, &[req(F::AppropriationIncomeFinal, Current), req(F::InitialBudget, Base), req(F::BudgetAdjustment, Base)], "|(财政拨款收入决算数-调整后预算数)/调整后预算数|×100%（调整后预算数=年初预算数+预算调整数）", "|(appropriation final - adjusted budget) / adjusted budget| × 100% (adjusted = initial + adjustment)"),
    ]),
    bases_of(MetricId::ThreePublicChangeRate, Some(Basis::Final), &[
        alternative(Basis::Final, &[req(F::ThreePublicFinal, Current), req(F::ThreePublicPrevFinal, Base)], "(本年“三公经费”决算数-上年决算数)/上年决算数×100%", "(three public costs this year - last year) / last year × 100%, on final accounts"),
        alternative(Basis::Budget, &[req(F::ThreePublicBudget, Current), req(F::ThreePublicPrevBudget, Base)], "(本年“三公经费”预算数-上年预算数)/上年预算数×100%", "(three public costs budget this year - last year) / last year × 100%, on budgets"),
    ]),
];

/// The bases a metric may be taken against (empty: only its own).
#[must_use]
pub fn options(metric: MetricId) -> &'static [BasisOption] {
    row(metric).map_or(&[], |r| r.options)
}

fn row(metric: MetricId) -> Option<&'static BasisRow> {
    BASES.iter().find(|r| r.metric == metric)
}

/// The alternative a rule asks for, `None` when it is the metric's own basis
/// (or the metric has no such basis: the rule then reads the metric as is,
/// and `checks` say so).
#[must_use]
pub fn option(metric: MetricId, basis: Basis) -> Option<&'static BasisOption> {
    let row = row(metric)?;
    if row.own == Some(basis) {
        return None;
    }
    row.options.iter().find(|o| o.basis == basis)
}

/// Whether the metric can be taken against this basis at all.
#[must_use]
pub fn allows(metric: MetricId, basis: Basis) -> bool {
    options(metric).iter().any(|o| o.basis == basis)
}

/// What a rule form cycles through: every metric on its own basis, each
/// followed by its alternative bases.
#[must_use]
pub fn choices() -> Vec<(MetricId, Option<Basis>)> {
    MetricId::ALL
        .iter()
        .flat_map(|&m| {
            let own = row(m).and_then(|r| r.own);
            let others = options(m)
                .iter()
                .filter(move |o| Some(o.basis) != own)
                .map(move |o| (m, Some(o.basis)));
            std::iter::once((m, None)).chain(others)
        })
        .collect()
}

/// The basis a rule names, `None` when it is the metric's own (the same rule).
#[must_use]
pub fn distinct(metric: Option<MetricId>, basis: Option<Basis>) -> Option<Basis> {
    let (metric, basis) = (metric?, basis?);
    option(metric, basis).map(|o| o.basis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::metrics::Formula;

    #[test]
    fn every_option_keeps_the_roles_of_its_metric() {
        for row in BASES {
            let def = row.metric.def();
            for option in row.options {
                for role in [Numerator, Denominator, Current, Base] {
                    let has = |inputs: &[Input]| inputs.iter().any(|i| i.role == role);
                    assert_eq!(
                        has(def.inputs),
                        has(option.inputs),
                        "{} {:?}",
                        def.key,
                        option.basis
                    );
                }
            }
            assert!(!matches!(def.formula, Formula::AmountChange));
        }
    }

    #[test]
    fn a_form_cycles_each_metric_then_its_other_bases() {
        let all = choices();
        // F1 has three other bases, F2 two, F8 one.
        assert_eq!(all.len(), MetricId::ALL.len() + 6);
        let completion: Vec<_> = all
            .iter()
            .filter(|(m, _)| *m == MetricId::ExpenditureCompletionRate)
            .map(|(_, b)| *b)
            .collect();
        assert_eq!(
            completion,
            [None, Some(Basis::Initial), Some(Basis::Adjusted)]
        );
        assert_eq!(
            distinct(
                Some(MetricId::ExpenditureCompletionRate),
                Some(Basis::Issued)
            ),
            None
        );
    }

    #[test]
    fn the_own_basis_reads_the_registry_row() {
        assert!(option(MetricId::ExpenditureCompletionRate, Basis::Issued).is_none());
        assert!(option(MetricId::ExpenditureCompletionRate, Basis::Initial).is_some());
        assert!(option(MetricId::ThreePublicChangeRate, Basis::Final).is_none());
        assert!(option(MetricId::ThreePublicChangeRate, Basis::Budget).is_some());
        assert!(option(MetricId::CarryoverRate, Basis::Initial).is_none());
        assert!(!allows(MetricId::CarryoverRate, Basis::Initial));
        assert!(!allows(MetricId::ExpenditureCompletionRate, Basis::Budget));
    }
}

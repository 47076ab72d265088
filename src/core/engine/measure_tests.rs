//! A leaf's own measure: a metric on another basis, a ratio the table
//! defines. Figures from published reports name their source.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::checks_tests::{assert_seed_figures, codes, find};
use super::measure::LeafMeasure;
use super::test_kinds::threshold;
use super::what_if::{InputMove, WhatIf, what_if};
use super::{MetricId, MetricStatus, ScoreBasis, derive};
use crate::core::model::{Basis, FieldId as F, TableFormula, Workbook};
use crate::core::sample::sample_workbook;

pub(super) fn leaf<'a>(d: &'a super::Derived, code: &str) -> &'a super::IndicatorResult {
    d.scores
        .indicators
        .iter()
        .find(|r| r.code == code)
        .expect("leaf")
}

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut crate::core::model::Rule)) {
    let indicator = wb.table.indicator_mut(code).expect("code");
    change(indicator.rule.as_mut().expect("rule"));
}

/// A leaf's own measure as displayed, and its arithmetic in zh.
fn shown(m: &LeafMeasure) -> (Option<Decimal>, &str) {
    let written = m.measured.expression.as_ref().expect("expr");
    (m.measured.display, written.zh.as_str())
}

/// The what-if move of `field` on leaf `code`, up (a higher target) or down:
/// its target, the rate shown there and the score after.
fn moved(w: &WhatIf, code: &str, field: F, up: bool) -> (Decimal, Option<Decimal>, Decimal) {
    let leaf = w.leaves.iter().find(|l| l.code == code).expect("leaf");
    let direction = if up {
        Ordering::Greater
    } else {
        Ordering::Less
    };
    let found: &InputMove = leaf
        .moves
        .iter()
        .find(|m| m.field == field && m.target.cmp(&m.current) == direction)
        .unwrap_or_else(|| panic!("{code}: no move of {field:?}, up {up}"));
    (found.target, found.rate_shown, found.score_after)
}

/// B2.1 scored on the adjusted budget, and its what-if.
fn b21_on_the_adjusted_budget(wb: &mut Workbook) -> (super::Derived, WhatIf) {
    set_rule(wb, "B2.1", |r| r.basis = Some(Basis::Adjusted));
    let d = derive(wb);
    let w = what_if(wb, &d);
    (d, w)
}

fn set(wb: &mut Workbook, field: F, value: Decimal) {
    assert!(field.set(wb, Some(value)));
}

/// 红河州数据发展中心2024年度项目支出绩效单位自评报告
/// (<https://www.hh.gov.cn/info/11481/1179592.htm>): 年初批复预算 985 万元,
/// 调整预算后 861.46 万元, 实际到位资金 334.67 万元. Taken as actual spending
/// against both budgets: 334.67 / 985 = 33.98 %, 334.67 / 861.46 = 38.85 %.
fn honghe(wb: &mut Workbook) {
    set(wb, F::ActualExpenditure, dec!(334.67));
    set(wb, F::InitialBudget, dec!(985.00));
    set(wb, F::BudgetAdjustment, dec!(-123.54));
}

#[test]
fn the_completion_rate_on_the_initial_or_adjusted_budget() {
    let mut wb = sample_workbook();
    honghe(&mut wb);
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Initial));
    let d = derive(&wb);
    let m = leaf(&d, "B2.1").measure.as_ref().expect("own measure");
    assert_eq!(shown(m), (Some(dec!(33.98)), "334.67/985.00*100%=33.98%"));
    assert_eq!(m.label.zh, "支出完成率（以年初预算数为准）");
    // The registry metric itself is unchanged: still on the issued budget.
    assert_eq!(
        d.metric(MetricId::ExpenditureCompletionRate)
            .and_then(|x| x.display),
        Some(dec!(56.86))
    );
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Adjusted));
    let d = derive(&wb);
    let m = leaf(&d, "B2.1").measure.as_ref().expect("own measure");
    let written = "334.67/(985.00-123.54)*100%=38.85%";
    assert_eq!(shown(m), (Some(dec!(38.85)), written));
    // Step rule: full at 100, −2 per complete 5 points short, floor 0.
    assert_eq!(leaf(&d, "B2.1").score, Decimal::ZERO);
}

#[test]
fn the_own_basis_and_an_absent_basis_score_as_before() {
    let wb = sample_workbook();
    let before = derive(&wb);
    let mut issued = wb.clone();
    set_rule(&mut issued, "B2.1", |r| r.basis = Some(Basis::Issued));
    let after = derive(&issued);
    assert!(leaf(&after, "B2.1").measure.is_none());
    assert_eq!(before.scores, after.scores);
    // The seed's figures: 19.58 %, 100.00 %, 1.13 %, 94 / 优.
    assert_seed_figures(&before);
}

#[test]
fn a_basis_the_metric_does_not_have_reads_the_metric_as_is() {
    let mut wb = sample_workbook();
    set_rule(&mut wb, "B2.2", |r| r.basis = Some(Basis::Initial));
    let d = derive(&wb);
    assert!(leaf(&d, "B2.2").measure.is_none());
    assert_eq!(leaf(&d, "B2.2").metric_value, Some(dec!(1.13)));
}

#[test]
fn the_variance_rate_on_the_issued_budget_and_a_zero_denominator() {
    let mut wb = sample_workbook();
    set_rule(&mut wb, "A3.1", |r| r.basis = Some(Basis::Issued));
    let d = derive(&wb);
    // The seed: 588.55 final against 588.55 issued → 0.00 %, full marks.
    assert_eq!(leaf(&d, "A3.1").metric_value, Some(dec!(0.00)));
    assert_eq!(leaf(&d, "A3.1").score, dec!(5));
    set(&mut wb, F::IssuedBudget, Decimal::ZERO);
    let d = derive(&wb);
    let r = leaf(&d, "A3.1");
    let m = r.measure.as_ref().expect("measure");
    assert_eq!(m.measured.status, MetricStatus::ZeroDenominator);
    assert_eq!(r.basis, ScoreBasis::Missing);
    assert!(r.working.zh.contains("n/a"), "{}", r.working.zh);
}

#[test]
fn the_three_public_change_on_budgets() {
    let mut wb = sample_workbook();
    set(&mut wb, F::ThreePublicFinal, dec!(9));
    set(&mut wb, F::ThreePublicPrevFinal, dec!(10));
    set(&mut wb, F::ThreePublicBudget, dec!(12));
    set(&mut wb, F::ThreePublicPrevBudget, dec!(12.5));
    let index = wb.table.indicators.len();
    let mut top = wb.table.indicators[0].clone();
    top.code = "T".into();
    top.weight = dec!(5);
    top.children.clear();
    top.rule = Some(crate::core::model::Rule {
        metric: Some(MetricId::ThreePublicChangeRate),
        basis: Some(Basis::Budget),
        formula: None,
        kind: threshold(Decimal::ZERO, dec!(0.5), true),
    });
    wb.table.indicators.push(top);
    let d = derive(&wb);
    let r = leaf(&d, "T");
    // (12 − 12.5) / 12.5 = −4.00 %; the registry metric on finals is −10.00 %.
    assert_eq!(r.metric_value, Some(dec!(-4.00)));
    assert_eq!(
        d.metric(MetricId::ThreePublicChangeRate)
            .and_then(|m| m.display),
        Some(dec!(-10.00))
    );
    assert_eq!(r.score, dec!(5));
    assert!(index > 0);
}

/// The seed's variance rate as a table writes it: |(final − budget) / budget|.
fn seed_variance() -> TableFormula {
    TableFormula::Change {
        current: vec![F::AppropriationIncomeFinal],
        base: vec![F::AppropriationIncomeBudget],
        absolute: true,
    }
}

/// A table's own ratio of sums, as signed.
fn ratio(numerator: &[F], denominator: &[F]) -> TableFormula {
    TableFormula::Ratio {
        numerator: numerator.to_vec(),
        denominator: denominator.to_vec(),
        numerator_minus: Vec::new(),
        denominator_minus: Vec::new(),
        absolute: false,
    }
}

fn table_leaf(wb: &mut Workbook, code: &str, formula: TableFormula) {
    set_rule(wb, code, |r| {
        r.metric = None;
        r.formula = Some(formula);
    });
}

#[test]
fn a_table_defined_change_reproduces_the_seed_variance_rate() {
    // The seed report: |(588.55 − 731.80) / 731.80| = 19.58 %.
    let mut wb = sample_workbook();
    let before = derive(&wb);
    table_leaf(&mut wb, "A3.1", seed_variance());
    let d = derive(&wb);
    let r = leaf(&d, "A3.1");
    let m = r.measure.as_ref().expect("measure");
    assert_eq!(m.measured.display, Some(dec!(19.58)));
    assert!(
        m.measured.value.expect("v") < Decimal::ZERO,
        "the sign is kept"
    );
    assert_eq!(
        m.formula.zh,
        "|(财政拨款收入决算数-财政拨款收入预算数)/财政拨款收入预算数|×100%"
    );
    assert_eq!(r.score, leaf(&before, "A3.1").score);
    assert_eq!(d.total_display(), dec!(94));
}

#[test]
fn a_table_defined_ratio_of_sums() {
    // The seed report: 基本支出预算 534.72 = 人员经费 515.96 + 公用经费 18.76,
    // of 支出预算 588.55 → 90.85 %.
    let mut wb = sample_workbook();
    table_leaf(
        &mut wb,
        "B2.5",
        ratio(
            &[F::BudgetPersonnel, F::BudgetOperating],
            &[F::ExpenditureBudgetTotal],
        ),
    );
    let d = derive(&wb);
    let m = leaf(&d, "B2.5").measure.as_ref().expect("measure");
    let written = "(515.96万元+18.76万元)/588.55万元*100%=90.85%";
    assert_eq!(shown(m), (Some(dec!(90.85)), written));
    assert_eq!(
        m.formula.zh,
        "(人员经费支出预算+公用经费支出预算)/支出预算合计×100%"
    );
    // Proportional with cap 100: 90.85 % of 6 points.
    assert_eq!(leaf(&d, "B2.5").score, dec!(5.451));
}

#[test]
fn a_table_defined_ratio_rounds_half_up_once() {
    let mut wb = sample_workbook();
    set(&mut wb, F::ProcurementActual, dec!(1.01));
    set(&mut wb, F::ProcurementBudget, dec!(8));
    table_leaf(
        &mut wb,
        "B2.5",
        ratio(&[F::ProcurementActual], &[F::ProcurementBudget]),
    );
    let d = derive(&wb);
    let m = leaf(&d, "B2.5").measure.as_ref().expect("measure");
    // 1.01 / 8 = 12.625 % exactly: half-up gives 12.63 (banker's would give 12.62).
    assert_eq!(m.measured.value, Some(dec!(12.625)));
    assert_eq!(m.measured.display, Some(dec!(12.63)));
}

#[test]
fn a_table_defined_ratio_with_a_missing_side_or_input_is_not_scored() {
    let mut wb = sample_workbook();
    table_leaf(&mut wb, "B2.5", ratio(&[], &[F::ExpenditureBudgetTotal]));
    let d = derive(&wb);
    assert_eq!(leaf(&d, "B2.5").basis, ScoreBasis::Missing);
    assert!(leaf(&d, "B2.5").working.zh.contains("缺少分子或分母"));
    table_leaf(
        &mut wb,
        "B2.5",
        ratio(&[F::FixedAssetsInUse], &[F::FixedAssetsTotal]),
    );
    let d = derive(&wb);
    let r = leaf(&d, "B2.5");
    assert_eq!(r.basis, ScoreBasis::Missing);
    assert!(r.working.zh.contains("缺少输入数据"), "{}", r.working.zh);
}

#[test]
fn what_if_solves_a_table_defined_ratio() {
    // The variance rate written as the table's own change: the final that
    // reaches 5.00 % is the registry metric's (695.18), as what_if_tests has.
    let mut wb = sample_workbook();
    table_leaf(&mut wb, "A3.1", seed_variance());
    let w = what_if(&wb, &derive(&wb));
    let l = w.leaves.iter().find(|l| l.code == "A3.1").expect("A3.1");
    assert_eq!(l.metric, None);
    let target = l
        .moves
        .iter()
        .find(|m| m.field == F::AppropriationIncomeFinal)
        .map(|m| (m.target, m.rate_shown));
    assert_eq!(target, Some((dec!(695.18), Some(dec!(5.00)))));
}

#[test]
fn what_if_solves_a_basis_with_two_denominator_parts() {
    let mut wb = sample_workbook();
    honghe(&mut wb);
    set(&mut wb, F::ActualExpenditure, dec!(850));
    let (d, w) = b21_on_the_adjusted_budget(&mut wb);
    // 850 / 861.46 = 98.67 %: one complete step short is not reached, full marks.
    assert_eq!(leaf(&d, "B2.1").score, dec!(6));
    // A lower actual loses a step.
    let down = moved(&w, "B2.1", F::ActualExpenditure, false);
    // One complete step (5 points) short costs 2: 818.43 / 861.46 = 95.0049 %
    // shows 95.00 and scores 4; 818.44 shows 95.01 and still scores 6.
    assert_eq!(down, (dec!(818.43), Some(dec!(95.00)), dec!(4)));
}

#[test]
fn a_measure_that_cannot_compute_is_warned_by_its_own_label() {
    use super::WarningCode as W;
    let mut wb = sample_workbook();
    // The sample has no initial budget: B2.1 on it lacks 年初预算数, though
    // F2 on the issued budget computes.
    wb.reported
        .rates
        .remove(&MetricId::ExpenditureCompletionRate);
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Initial));
    let d = derive(&wb);
    let w = d
        .warnings
        .iter()
        .find(|w| w.code == W::MissingInput && w.message.zh.starts_with("B2.1"))
        .expect("missing_input on B2.1");
    assert!(
        w.message
            .zh
            .contains("支出完成率（以年初预算数为准）缺少 年初预算数"),
        "{}",
        w.message.zh
    );
    // A basis the metric has not: read as is, with a low warning.
    let mut other = sample_workbook();
    set_rule(&mut other, "B2.2", |r| r.basis = Some(Basis::Adjusted));
    assert!(codes(&derive(&other)).contains(&W::BasisNotAvailable));
    assert!(!codes(&derive(&sample_workbook())).contains(&W::BasisNotAvailable));
    // A table formula with an empty side.
    let mut empty = sample_workbook();
    table_leaf(&mut empty, "B2.5", ratio(&[], &[F::ExpenditureBudgetTotal]));
    assert!(codes(&derive(&empty)).contains(&W::TableFormulaIncomplete));
}

#[test]
fn an_own_change_on_a_negative_base_is_warned() {
    use super::WarningCode as W;
    let mut wb = sample_workbook();
    set(&mut wb, F::InitialBudget, dec!(100));
    set(&mut wb, F::BudgetAdjustment, dec!(-150));
    set_rule(&mut wb, "A3.1", |r| r.basis = Some(Basis::Adjusted));
    let d = derive(&wb);
    let w = find(&d, W::ChangeOnNegativeBase);
    assert!(w.message.zh.starts_with("A3.1"), "{}", w.message.zh);
    assert!(w.message.zh.contains("（-50）"), "{}", w.message.zh);
    assert!(!codes(&derive(&sample_workbook())).contains(&W::ChangeOnNegativeBase));
}

#[test]
fn a_step_reached_one_shown_step_past_its_breakpoint_is_found_on_a_large_denominator() {
    // 588.55 / (650 − 11.45) = 92.17 %: one complete step short, 4 of 6. At
    // 95.00 % it is still one step (5.00 short); the score steps where the
    // rate shows 95.01 %, which on 638.55 needs 7 cents beyond 95.00 %.
    let mut wb = sample_workbook();
    set(&mut wb, F::InitialBudget, dec!(650.00));
    set(&mut wb, F::BudgetAdjustment, dec!(-11.45));
    let (d, w) = b21_on_the_adjusted_budget(&mut wb);
    assert_eq!(leaf(&d, "B2.1").score, dec!(4));
    // A higher actual reaches full marks.
    let up = moved(&w, "B2.1", F::ActualExpenditure, true);
    // 606.66 / 638.55 = 95.0059 % → 95.01 %, 6 points; 606.65 shows 95.00 %.
    assert_eq!(up, (dec!(606.66), Some(dec!(95.01)), dec!(6)));
    // So does a lower initial budget.
    let lower_initial = moved(&w, "B2.1", F::InitialBudget, false);
    // 588.55 / (630.94 − 11.45) = 95.0056 % → 95.01 %; 630.95 shows 95.00 %.
    assert_eq!(lower_initial.0, dec!(630.94));
}

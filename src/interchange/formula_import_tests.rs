//! Table import of a ratio's basis and of a ratio the table defines: the
//! standard and the definition as bureaus write them.

use rust_decimal_macros::dec;

use super::rules::recognise;
use crate::core::engine::MetricId;
use crate::core::model::{Basis, FieldId, RuleKind, TableFormula};

#[test]
fn a_completion_rate_on_the_initial_budget() {
    let found = recognise(
        "支出完成率",
        "支出完成率≥95%得满分，每低于1个百分点扣0.5分，扣完为止（以年初预算为准）",
        "",
        dec!(6),
    );
    assert!(found.recognised, "{:?}", found.note);
    assert_eq!(found.rule.metric, Some(MetricId::ExpenditureCompletionRate));
    assert_eq!(found.rule.basis, Some(Basis::Initial));
    assert!(found.note.expect("note").zh.contains("年初预算数"));
}

#[test]
fn a_definition_with_the_adjusted_budget_and_a_formula_times_100() {
    let found = recognise(
        "预算执行率",
        "预算执行率≥95%得满分，每低于1个百分点扣0.5分，扣完为止",
        "预算执行率=实际支出/调整后预算数×100%",
        dec!(6),
    );
    assert!(found.recognised, "{:?}", found.note);
    assert_eq!(found.rule.basis, Some(Basis::Adjusted));
}

#[test]
fn a_ratio_the_table_defines_over_known_labels() {
    let found = recognise(
        "基本支出保障率",
        "基本支出保障率=（人员经费支出预算+公用经费支出预算）/支出预算合计×100%；≥90%得满分，每低于1个百分点扣0.5分，扣完为止",
        "",
        dec!(4),
    );
    assert!(found.recognised, "{:?}", found.note);
    assert_eq!(found.rule.metric, None);
    assert_eq!(
        found.rule.formula,
        Some(TableFormula::Ratio {
            numerator: vec![FieldId::BudgetPersonnel, FieldId::BudgetOperating],
            denominator: vec![FieldId::ExpenditureBudgetTotal],
            absolute: false,
        })
    );
    assert!(
        matches!(found.rule.kind, RuleKind::Step { .. }),
        "{:?}",
        found.rule.kind
    );
    let note = found.note.expect("note").zh;
    assert!(note.contains("按评分表所写公式计算"), "{note}");
}

#[test]
fn a_formula_over_unknown_labels_stays_manual_and_says_why() {
    let found = recognise(
        "结余率",
        "结余率≤5%得满分，每超过1个百分点扣0.5分，扣完为止",
        "结余率=结余数/预算数×100%",
        dec!(3),
    );
    assert!(!found.recognised);
    assert_eq!(found.rule.kind, RuleKind::Manual);
    assert!(found.note.expect("note").zh.contains("结余数"));
}

#[test]
fn a_change_on_budgets_for_the_three_public_costs() {
    let found = recognise(
        "“三公经费”变动率",
        "“三公经费”变动率≤0得满分，每超过1个百分点扣0.5分，扣完为止",
        "（本年度“三公经费”预算数－上年度“三公经费”预算数）/上年度“三公经费”预算数×100%",
        dec!(5),
    );
    assert!(found.recognised, "{:?}", found.note);
    assert_eq!(found.rule.metric, Some(MetricId::ThreePublicChangeRate));
    assert_eq!(found.rule.basis, Some(Basis::Budget));
}

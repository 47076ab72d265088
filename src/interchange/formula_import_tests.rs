//! Table import of a ratio's basis and of a ratio the table defines: the
//! standard and the definition as bureaus write them.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::rules::recognise;
use crate::core::engine::MetricId;
use crate::core::model::{Basis, FieldId, RuleKind, TableFormula};

/// Ratios whose basis is read from the standard or the definition: name,
/// standard, definition, weight, the ratio and basis read, and a part of the
/// note ("" when any note will do).
const BASES: [(&str, &str, &str, Decimal, MetricId, Basis, &str); 3] = [
    (
        "支出完成率",
        "支出完成率≥95%得满分，每低于1个百分点扣0.5分，扣完为止（以年初预算为准）",
        "",
        dec!(6),
        MetricId::ExpenditureCompletionRate,
        Basis::Initial,
        "年初预算数",
    ),
    (
        "预算执行率",
        "预算执行率≥95%得满分，每低于1个百分点扣0.5分，扣完为止",
        "预算执行率=实际支出/调整后预算数×100%",
        dec!(6),
        MetricId::ExpenditureCompletionRate,
        Basis::Adjusted,
        "",
    ),
    (
        "“三公经费”变动率",
        "“三公经费”变动率≤0得满分，每超过1个百分点扣0.5分，扣完为止",
        "（本年度“三公经费”预算数－上年度“三公经费”预算数）/上年度“三公经费”预算数×100%",
        dec!(5),
        MetricId::ThreePublicChangeRate,
        Basis::Budget,
        "",
    ),
];

#[test]
fn a_ratios_basis_from_the_standard_or_the_definition() {
    for (name, standard, definition, weight, metric, basis, note_part) in BASES {
        let found = recognise(name, standard, definition, weight);
        assert!(found.recognised, "{name}: {:?}", found.note);
        assert_eq!(found.rule.metric, Some(metric), "{name}");
        assert_eq!(found.rule.basis, Some(basis), "{name}");
        if !note_part.is_empty() {
            let note = found.note.expect("note").zh;
            assert!(note.contains(note_part), "{name}: {note}");
        }
    }
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
            numerator_minus: Vec::new(),
            denominator_minus: Vec::new(),
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

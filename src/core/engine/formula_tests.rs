//! A table's own formula with subtraction and brackets: Hunan's 预算完成率
//! = (上年结转 + 年初预算 + 本年追加 − 年末结余) / (上年结转 + 年初预算 + 本年追加)
//! × 100% (the formula as issue 25 quotes the Hunan 基础数据表, domain.md
//! S-WL1). No published amounts came with it: the figures below are
//! constructed (1432.33 and 189.25 are amounts issue 25 quotes).

use rust_decimal_macros::dec;

use super::test_kinds::step;
use super::what_if::what_if;
use super::{ScoreBasis, derive};
use crate::core::model::{FieldId as F, Indicator, Rule, TableFormula, Workbook};
use crate::core::sample::sample_workbook;

fn hunan_completion() -> TableFormula {
    let added = vec![F::CarryoverPrev, F::InitialBudget, F::BudgetAdjustment];
    TableFormula::Ratio {
        numerator: added.clone(),
        denominator: added,
        numerator_minus: vec![F::CarryoverCurr],
        denominator_minus: Vec::new(),
        absolute: false,
    }
}

/// The sample with the Hunan figures and a leaf "H" scoring the rate
/// (100 % full, 2 points off per complete 5 points short).
fn workbook() -> Workbook {
    let mut wb = sample_workbook();
    for (field, value) in [
        (F::CarryoverPrev, dec!(120.50)),
        (F::InitialBudget, dec!(1432.33)),
        (F::BudgetAdjustment, dec!(189.25)),
        (F::CarryoverCurr, dec!(60.00)),
    ] {
        assert!(field.set(&mut wb, Some(value)));
    }
    wb.table.indicators.push(Indicator {
        code: "H".into(),
        name: "预算完成率".into(),
        weight: dec!(5),
        rule: Some(Rule {
            metric: None,
            basis: None,
            formula: Some(hunan_completion()),
            kind: step(dec!(100), dec!(5), dec!(2), false),
        }),
        ..Indicator::default()
    });
    wb
}

#[test]
fn a_completion_rate_with_carry_overs_subtracts_and_shows_its_working() {
    let wb = workbook();
    let d = derive(&wb);
    let r = super::measure_tests::leaf(&d, "H");
    let own = r.measure.as_ref().expect("own measure");
    // 1682.08 / 1742.08 = 96.5558…% → 96.56
    assert_eq!(own.measured.display, Some(dec!(96.56)));
    assert_eq!(r.basis, ScoreBasis::Computed);
    assert_eq!(r.score, dec!(5));
    let written = &own.measured.expression.as_ref().expect("working").zh;
    assert_eq!(
        written,
        "(120.50万元+1432.33万元+189.25万元-60.00万元)/(120.50万元+1432.33万元+189.25万元)*100%=96.56%"
    );
    assert_eq!(
        own.formula.zh,
        "(上年结转结余总额+年初预算数+预算调整数-本年结转结余总额)/(上年结转结余总额+年初预算数+预算调整数)×100%"
    );
}

#[test]
fn the_formula_round_trips_and_older_ratios_read_unchanged() {
    let text = serde_json::to_string(&hunan_completion()).expect("json");
    assert!(
        text.contains("\"numerator_minus\":[\"carryover_curr\"]"),
        "{text}"
    );
    assert!(!text.contains("denominator_minus"), "{text}");
    let back: TableFormula = serde_json::from_str(&text).expect("read");
    assert_eq!(back, hunan_completion());
    let old: TableFormula = serde_json::from_str(
        r#"{"kind":"ratio","numerator":["budget_personnel"],"denominator":["expenditure_budget_total"]}"#,
    )
    .expect("old");
    assert_eq!(
        old,
        TableFormula::ratio(
            vec![F::BudgetPersonnel],
            vec![F::ExpenditureBudgetTotal],
            false
        )
    );
}

#[test]
fn the_what_if_solves_a_field_named_above_and_below_the_line() {
    let wb = workbook();
    let d = derive(&wb);
    let w = what_if(&wb, &d);
    let leaf = w.leaves.iter().find(|l| l.code == "H").expect("leaf");
    let down = |field: F| {
        leaf.moves
            .iter()
            .find(|m| m.field == field)
            .unwrap_or_else(|| panic!("no move of {field:?}: {:?}", leaf.moves))
    };
    // At 95.00 % shown one complete step of 5 is short and 2 points go:
    // 年末结余 87.02 gives 1655.06 / 1742.08 = 95.0048…% → 95.00.
    let closing = down(F::CarryoverCurr);
    assert_eq!(closing.target, dec!(87.02));
    assert_eq!(closing.rate_shown, Some(dec!(95.00)));
    assert_eq!(closing.score_after, dec!(3));
    // 年初预算 is on both sides: (x + 249.75) / (x + 309.75) shows 95.00 % from about 890.
    let initial = leaf
        .moves
        .iter()
        .find(|m| m.field == F::InitialBudget && m.target < m.current)
        .expect("initial budget down");
    assert_eq!(initial.rate_shown, Some(dec!(95.00)));
    assert_eq!(initial.score_after, dec!(3));
    assert_eq!(
        leaf.moves
            .iter()
            .filter(|m| m.field == F::InitialBudget)
            .count(),
        1,
        "solved once though named twice: {:?}",
        leaf.moves
    );
}

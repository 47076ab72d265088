//! What-if on the sample (xiashan-2023, whose 差异率 19.58 % scores 0 under
//! "≤ 5 % full marks, 0.5 per point over") and the property that each move
//! steps the score exactly at its target.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::what_if::{InputMove, what_if};
use super::{Grade, derive, metrics, scoring};
use crate::core::model::{FieldId as F, FieldKind, Workbook};
use crate::core::sample::sample_workbook;

fn leaf_score(wb: &Workbook, code: &str) -> Decimal {
    let metrics = metrics::compute_metrics(wb);
    let scores = scoring::score_table(&wb.table.indicators, &metrics, &wb.reported);
    scores
        .indicators
        .iter()
        .find(|r| r.code == code)
        .map(|r| r.score)
        .expect("leaf")
}

fn with(wb: &Workbook, field: F, value: Decimal) -> Workbook {
    let mut changed = wb.clone();
    assert!(field.set(&mut changed, Some(value)));
    changed
}

fn unit(field: F) -> Decimal {
    if field.kind() == FieldKind::Count {
        Decimal::ONE
    } else {
        dec!(0.01)
    }
}

/// Applying the target gives `score_after`, and one unit before it the score is another.
fn assert_steps_at_target(wb: &Workbook, code: &str, m: &InputMove) {
    let toward = if m.target > m.current {
        unit(m.field)
    } else {
        -unit(m.field)
    };
    let at = leaf_score(&with(wb, m.field, m.target), code);
    assert_eq!(at, m.score_after, "{code} {:?} at {}", m.field, m.target);
    let before = m.target - toward;
    let before_score = leaf_score(&with(wb, m.field, before), code);
    assert_ne!(
        before_score, at,
        "{code} {:?}: already stepped at {before}",
        m.field
    );
}

#[test]
fn the_variance_rate_reaches_five_percent_by_the_final_or_the_budget() {
    let wb = sample_workbook();
    let w = what_if(&wb, &derive(&wb));
    let leaf = w.leaves.iter().find(|l| l.code == "A3.1").expect("A3.1");
    let target = |field| {
        leaf.moves
            .iter()
            .find(|m| m.field == field)
            .map(|m| (m.target, m.rate_shown))
    };
    // (695.18 − 731.80) / 731.80 = −5.0041 % → 5.00 %; 695.17 gives 5.01 %.
    assert_eq!(
        target(F::AppropriationIncomeFinal),
        Some((dec!(695.18), Some(dec!(5.00))))
    );
    // (588.55 − 619.55) / 619.55 = −5.0036 % → 5.00 %.
    assert_eq!(
        target(F::AppropriationIncomeBudget),
        Some((dec!(619.55), Some(dec!(5.00))))
    );
    for m in &leaf.moves {
        assert_steps_at_target(&wb, "A3.1", m);
    }
}

#[test]
fn every_move_of_the_sample_and_its_variants_steps_exactly_at_its_target() {
    let base = sample_workbook();
    let variants = [
        base.clone(),
        with(&base, F::ActualExpenditure, dec!(540.00)),
        with(&base, F::AppropriationIncomeFinal, dec!(700.00)),
        with(&base, F::ClosingAppropriationCarryover, dec!(60.00)),
        with(&base, F::IssuedBudget, dec!(600.13)),
    ];
    for wb in &variants {
        let w = what_if(wb, &derive(wb));
        assert!(!w.leaves.is_empty());
        for leaf in &w.leaves {
            for m in &leaf.moves {
                assert_steps_at_target(wb, &leaf.code, m);
            }
        }
    }
}

#[test]
fn the_grade_moves_below_ninety_after_more_than_four_point_zero_zero_five() {
    let wb = sample_workbook();
    let d = derive(&wb);
    let w = what_if(&wb, &d);
    assert_eq!(w.total.grade, Grade::Excellent);
    assert!(w.total.raise.is_none());
    let lower = w.total.lower.expect("lower");
    assert_eq!(lower.to, Grade::Good);
    assert_eq!(lower.points, dec!(4.005));
    assert!(!lower.inclusive);
    // 94 − 4.005 = 89.995 still shows 90.00; a hair more shows 89.99.
    assert_eq!(
        Grade::from_score(d.scores.total - dec!(4.005)),
        Grade::Excellent
    );
    assert_eq!(Grade::from_score(d.scores.total - dec!(4.006)), Grade::Good);
}

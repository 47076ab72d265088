//! What-if on random variants of the sample, with leaves on other bases and
//! with the table's own formulas: every move steps the score exactly at its
//! target (applied, the score is `score_after`; one cent or one person before
//! it, the score is still another).
//!
//! 48 cases by default (each solves every leaf); `PROPTEST_CASES=N` sets it.

use proptest::prelude::*;
use rust_decimal::Decimal;

use jixiao::core::engine::what_if::{InputMove, what_if};
use jixiao::core::engine::{derive, metrics, scoring};
use jixiao::core::model::{Basis, FieldId, FieldKind, TableFormula, Workbook};
use jixiao::core::sample::sample_workbook;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

/// The fields the sample's computed leaves read, and the ones the variants add.
const INPUTS: [FieldId; 10] = [
    FieldId::AppropriationIncomeFinal,
    FieldId::AppropriationIncomeBudget,
    FieldId::ActualExpenditure,
    FieldId::IssuedBudget,
    FieldId::InitialBudget,
    FieldId::BudgetAdjustment,
    FieldId::ClosingAppropriationCarryover,
    FieldId::GeneralBudgetAppropriationFinal,
    FieldId::ProcurementActual,
    FieldId::ProcurementBudget,
];

fn leaf_score(wb: &Workbook, code: &str) -> Decimal {
    let found = metrics::compute_metrics(wb);
    let scores = scoring::score_workbook(wb, &found);
    scores
        .indicators
        .iter()
        .find(|r| r.code == code)
        .map_or(Decimal::ZERO, |r| r.score)
}

fn with(wb: &Workbook, field: FieldId, value: Decimal) -> Workbook {
    let mut changed = wb.clone();
    assert!(field.set(&mut changed, Some(value)));
    changed
}

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut jixiao::core::model::Rule)) {
    let indicator = wb.table.indicator_mut(code).expect("code");
    if let Some(rule) = indicator.rule.as_mut() {
        change(rule);
    }
}

/// The sample with random amounts (cents) and, by `shape`, B2.1 on another
/// basis and A3.1 / B2.5 as the table's own formulas.
fn variant(amounts: &[u32], shape: u8) -> Workbook {
    let mut wb = sample_workbook();
    for (field, cents) in INPUTS.iter().zip(amounts) {
        let value = Decimal::new(i64::from(*cents), 2);
        let value = if *field == FieldId::BudgetAdjustment {
            value - Decimal::new(40_000, 2)
        } else {
            value
        };
        assert!(field.set(&mut wb, Some(value)));
    }
    let basis = [Basis::Initial, Basis::Adjusted, Basis::Issued][usize::from(shape % 3)];
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(basis));
    if shape & 4 != 0 {
        set_rule(&mut wb, "A3.1", |r| {
            r.metric = None;
            r.formula = Some(TableFormula::Change {
                current: vec![FieldId::AppropriationIncomeFinal],
                base: vec![FieldId::InitialBudget, FieldId::BudgetAdjustment],
                absolute: true,
            });
        });
    }
    if shape & 8 != 0 {
        set_rule(&mut wb, "B2.5", |r| {
            r.metric = None;
            r.formula = Some(TableFormula::Ratio {
                numerator: vec![FieldId::ProcurementActual],
                denominator: vec![FieldId::ProcurementBudget, FieldId::ActualExpenditure],
                numerator_minus: Vec::new(),
                denominator_minus: Vec::new(),
                absolute: false,
            });
        });
    }
    wb
}

fn unit(field: FieldId) -> Decimal {
    if field.kind() == FieldKind::Count {
        Decimal::ONE
    } else {
        Decimal::new(1, 2)
    }
}

fn steps_at_target(wb: &Workbook, code: &str, m: &InputMove) -> Result<(), TestCaseError> {
    let toward = if m.target > m.current {
        unit(m.field)
    } else {
        -unit(m.field)
    };
    let at = leaf_score(&with(wb, m.field, m.target), code);
    prop_assert_eq!(at, m.score_after, "{} {:?} at {}", code, m.field, m.target);
    let before = m.target - toward;
    let before_score = leaf_score(&with(wb, m.field, before), code);
    prop_assert_ne!(
        before_score,
        at,
        "{} {:?}: already stepped one unit before, at {}",
        code,
        m.field,
        before
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_move_steps_the_score_exactly_at_its_target(
        amounts in proptest::collection::vec(1u32..90_000, INPUTS.len()),
        shape in 0u8..16,
    ) {
        let wb = variant(&amounts, shape);
        let w = what_if(&wb, &derive(&wb));
        for leaf in &w.leaves {
            for m in &leaf.moves {
                steps_at_target(&wb, &leaf.code, m)?;
            }
        }
    }
}

#[test]
fn the_variants_have_moves_on_every_own_measure() {
    let amounts = [
        58_855, 73_180, 58_855, 58_855, 65_000, 30_000, 586, 51_201, 3_850, 4_000,
    ];
    let wb = variant(&amounts, 5 | 8);
    let w = what_if(&wb, &derive(&wb));
    for code in ["A3.1", "B2.1", "B2.5"] {
        let leaf = w.leaves.iter().find(|l| l.code == code).expect(code);
        assert!(!leaf.moves.is_empty(), "{code}: {leaf:?}");
        for m in &leaf.moves {
            steps_at_target(&wb, code, m).expect("steps");
        }
    }
}

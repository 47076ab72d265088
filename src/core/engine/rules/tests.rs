//! Each kind's working through the one renderer, exact intermediates included.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::{RuleOutcome, excel_formula, score_plain};
use crate::core::Lang;
use crate::core::engine::test_kinds::{proportional, step, threshold};
use crate::core::model::RuleKind;

fn worked(kind: &RuleKind, weight: Decimal, value: Decimal) -> (Decimal, String, String) {
    score_plain(kind, weight, value, |outcome| match outcome {
        RuleOutcome::Worked { score, working } => {
            (score, working.render(Lang::Zh), working.render(Lang::En))
        }
        _ => panic!("not computed"),
    })
}

#[test]
fn threshold_shows_the_exact_intermediate_and_rounds_once() {
    // Issue 12: 0.01 pp over at 0.5 a point is 0.005, not 0.01; 10 − 0.005 = 9.995 ≈ 10.
    let kind = threshold(dec!(5), dec!(0.5), true);
    let (points, zh, en) = worked(&kind, dec!(10), dec!(5.01));
    assert_eq!(points, dec!(9.995));
    assert_eq!(
        zh,
        "超出 0.01 个百分点×0.5=0.005，10-0.005=9.995≈10（扣完为止）"
    );
    assert_eq!(
        en,
        "0.01 points beyond × 0.5 = 0.005; 10 - 0.005 = 9.995 ≈ 10 (floor 0)"
    );
}

#[test]
fn proportional_rounding_to_whole_names_the_exact_product() {
    let kind = proportional(dec!(100), true);
    let (points, zh, en) = worked(&kind, dec!(5), dec!(94.33));
    assert_eq!(points, dec!(5));
    assert_eq!(zh, "94.33%×5=4.7165，取整为 5");
    assert_eq!(en, "94.33% × 5 = 4.7165, rounded to 5");
    let (_, zh, _) = worked(&kind, dec!(5), dec!(100));
    assert_eq!(zh, "100.00%×5=5，取整");
}

#[test]
fn step_counts_steps_exactly() {
    let kind = step(dec!(100), dec!(5), dec!(0.25), true);
    let (points, zh, _) = worked(&kind, dec!(3), dec!(93.5));
    assert_eq!(points, dec!(2.5));
    assert_eq!(zh, "差 6.5 个百分点，计 2 档×0.25=0.5，3-0.5=2.5");
}

#[test]
fn only_rate_rules_have_an_excel_formula() {
    let rate = proportional(dec!(100), false);
    assert_eq!(
        excel_formula(&rate, "$C$1", dec!(5)).as_deref(),
        Some("MIN(MAX($C$1,0),100)*5/100")
    );
    assert_eq!(excel_formula(&RuleKind::Manual, "$C$1", dec!(5)), None);
}

#[test]
fn every_kind_builds_back_from_its_own_parameters() {
    use super::{KINDS, kind_key, param_values};
    use crate::core::sample::sample_workbook;
    let wb = sample_workbook();
    for (_, ind) in wb.table.flatten() {
        let Some(rule) = &ind.rule else { continue };
        let spec = KINDS
            .iter()
            .find(|k| k.key == kind_key(&rule.kind))
            .expect("kind");
        let values = param_values(&rule.kind);
        assert_eq!(values.len(), spec.params.len(), "{}", spec.key);
        assert_eq!(
            (spec.build)(&values).as_ref(),
            Ok(&rule.kind),
            "{}",
            ind.code
        );
    }
}

#[test]
fn kinds_lists_every_kind_once() {
    use super::{KINDS, kind_key, kind_position};
    let mut keys: Vec<&str> = KINDS.iter().map(|k| k.key).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), KINDS.len());
    let wb = crate::core::sample::sample_workbook();
    for (_, ind) in wb.table.flatten() {
        if let Some(rule) = &ind.rule {
            assert_eq!(KINDS[kind_position(&rule.kind)].key, kind_key(&rule.kind));
        }
    }
}

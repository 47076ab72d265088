//! Where each rule kind's score steps: the rates (as the rule reads them,
//! 2 places) at which a leaf's score changes. The what-if search starts from
//! these and verifies each by rescoring.

use rust_decimal::Decimal;

use crate::core::model::RuleKind;

/// At most this many steps of a `step` rule are listed.
const MAX_STEPS: i64 = 100;

/// The rates at which the score of `kind` changes (unsorted, may repeat).
/// Rules that read no rate (checklist, levels, manual, not applicable,
/// categorical) have none.
#[must_use]
pub fn breakpoints(kind: &RuleKind, weight: Decimal) -> Vec<Decimal> {
    match kind {
        RuleKind::Threshold {
            threshold, limits, ..
        } => {
            let mut points = vec![*threshold];
            points.extend(limits.zero_beyond);
            if limits.symmetric {
                points.push(-*threshold);
                points.extend(limits.zero_beyond.map(|z| -z));
            }
            points
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            ..
        } => step_points(*full_at, *step, *deduct, weight),
        RuleKind::Bands { bands, .. } => bands
            .iter()
            .flat_map(|b| std::iter::once(b.bound).chain(b.upper.map(|u| u.bound)))
            .collect(),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            full_at,
        } => {
            let mut points = proportional_points(*cap, *round_to_whole, weight);
            points.extend(*full_at);
            points
        }
        RuleKind::Categorical { .. }
        | RuleKind::Checklist { .. }
        | RuleKind::Levels { .. }
        | RuleKind::Manual
        | RuleKind::NotApplicable { .. } => Vec::new(),
    }
}

fn step_points(full_at: Decimal, step: Decimal, deduct: Decimal, weight: Decimal) -> Vec<Decimal> {
    if step <= Decimal::ZERO || deduct <= Decimal::ZERO {
        return vec![full_at];
    }
    let count = (weight / deduct)
        .ceil()
        .to_string()
        .parse::<i64>()
        .unwrap_or(1);
    (0..=count.clamp(0, MAX_STEPS))
        .filter_map(|k| step.checked_mul(Decimal::from(k)))
        .filter_map(|drop| full_at.checked_sub(drop))
        .collect()
}

/// The cap; with whole-point rounding, also each rate where the score crosses n + 0.5.
fn proportional_points(cap: Decimal, round_to_whole: bool, weight: Decimal) -> Vec<Decimal> {
    let mut points = vec![cap];
    if round_to_whole && weight > Decimal::ZERO {
        let whole = weight.ceil().to_string().parse::<i64>().unwrap_or(0);
        for n in 0..whole.clamp(0, MAX_STEPS) {
            let half = Decimal::from(n) + Decimal::new(5, 1);
            if let Some(rate) = half
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|v| v.checked_div(weight))
            {
                points.push(rate);
            }
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::test_kinds;
    use rust_decimal_macros::dec;

    #[test]
    fn each_shape_steps_where_its_standard_says() {
        let threshold = test_kinds::threshold(dec!(5), dec!(0.5), true);
        assert_eq!(breakpoints(&threshold, dec!(10)), vec![dec!(5)]);
        let step = test_kinds::step(dec!(100), dec!(1), dec!(1), false);
        assert_eq!(
            breakpoints(&step, dec!(3)),
            vec![dec!(100), dec!(99), dec!(98), dec!(97)]
        );
        let prop = test_kinds::proportional(dec!(100), true);
        assert_eq!(
            breakpoints(&prop, dec!(2)),
            vec![dec!(100), dec!(25), dec!(75)]
        );
        assert!(breakpoints(&RuleKind::Manual, dec!(5)).is_empty());
    }
}

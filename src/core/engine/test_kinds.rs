//! The rule kinds the engine's tests build, each from its parameters.

use rust_decimal::Decimal;

use crate::core::model::{Limits, RuleKind};

/// Full marks on the good side of `threshold`, `per_point` off per point beyond.
pub fn threshold(threshold: Decimal, per_point: Decimal, above_is_bad: bool) -> RuleKind {
    RuleKind::Threshold {
        threshold,
        deduct_per_point: per_point,
        above_is_bad,
        limits: Limits::default(),
    }
}

/// Full marks from `full_at`, `deduct` off per `step` points short.
pub fn step(
    full_at: Decimal,
    step: Decimal,
    deduct: Decimal,
    started_step_counts: bool,
) -> RuleKind {
    RuleKind::Step {
        full_at,
        step,
        deduct,
        started_step_counts,
    }
}

/// Weight × rate, the rate capped at `cap`.
pub fn proportional(cap: Decimal, round_to_whole: bool) -> RuleKind {
    RuleKind::Proportional {
        cap,
        round_to_whole,
        full_at: None,
    }
}

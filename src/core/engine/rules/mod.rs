//! One module per `RuleKind`: its sentence, its scoring (a structured
//! `Working`) and its Excel formula, side by side. This file only dispatches;
//! adding a kind is its variant in `model/table.rs`, its module here and one
//! arm in each `match` below.

mod bands;
mod categorical;
mod checklist;
mod levels;
mod manual;
mod not_applicable;
pub mod params;
mod proportional;
mod step;
pub mod steps;
mod threshold;

#[cfg(test)]
mod tests;

use rust_decimal::Decimal;

use super::metrics::{Metric, MetricId};
use super::working::Working;
use crate::core::Bilingual;
use crate::core::model::{IndicatorEntry, Limits, RuleKind};

/// What a rule reads when it scores a leaf.
pub struct RuleInput<'a> {
    /// The effective weight (never negative).
    pub weight: Decimal,
    /// The measured rate as the rule reads it (0 when the rule measures none).
    pub value: Decimal,
    pub entry: &'a IndicatorEntry,
    pub metric: Option<MetricId>,
    pub metrics: &'a [Metric],
}

/// What a rule decided.
pub enum RuleOutcome<'a> {
    /// Computed: the score before clamping, and its arithmetic.
    Worked {
        score: Decimal,
        working: Working<'a>,
    },
    /// The officer has not chosen what the rule needs (the reason).
    NotChosen(Bilingual),
    /// The officer types the score.
    Officer,
    /// Not applicable: the score, whether the weight is taken out, and why.
    NotApplicable {
        score: Decimal,
        removed: bool,
        working: Working<'a>,
    },
}

fn threshold_params(
    threshold: Decimal,
    per_point: Decimal,
    above_is_bad: bool,
    limits: Limits,
) -> threshold::Params {
    threshold::Params {
        threshold,
        per_point,
        above_is_bad,
        limits,
    }
}

/// Each kind's recognised wordings, for the docs and the import tests.
pub const PHRASINGS: [(&str, &[&str]); 3] = [
    (threshold::KEY, threshold::PHRASINGS),
    (bands::KEY, bands::PHRASINGS),
    (proportional::KEY, proportional::PHRASINGS),
];

/// Whether the rule scores a measured rate (without one it cannot be computed).
#[must_use]
pub fn needs_value(kind: &RuleKind) -> bool {
    match kind {
        RuleKind::Threshold { .. }
        | RuleKind::Step { .. }
        | RuleKind::Bands { .. }
        | RuleKind::Proportional { .. } => true,
        RuleKind::Categorical { .. }
        | RuleKind::Checklist { .. }
        | RuleKind::Levels { .. }
        | RuleKind::Manual
        | RuleKind::NotApplicable { .. } => false,
    }
}

/// The rule in words, for the detail panel and the report.
#[must_use]
pub fn describe_rule(kind: &RuleKind, weight: Decimal) -> Bilingual {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
            limits,
        } => threshold::describe(
            &threshold_params(*threshold, *deduct_per_point, *above_is_bad, *limits),
            weight,
        ),
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => step::describe(
            &step::Params {
                full_at: *full_at,
                step: *step,
                deduct: *deduct,
                started_step_counts: *started_step_counts,
            },
            weight,
        ),
        RuleKind::Bands { bands, otherwise } => bands::describe(bands, *otherwise),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            full_at,
        } => proportional::describe(*cap, *round_to_whole, *full_at, weight),
        RuleKind::Categorical { categories, .. } => categorical::describe(categories),
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => checklist::describe(items.len(), *points, *mode),
        RuleKind::Levels { levels } => levels::describe(levels),
        RuleKind::Manual => manual::describe(weight),
        RuleKind::NotApplicable { mode } => not_applicable::describe(*mode),
    }
}

/// Applies the rule to the measured value (or the officer's entry).
#[must_use]
pub fn score<'a>(kind: &'a RuleKind, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
            limits,
        } => threshold::score(
            &threshold_params(*threshold, *deduct_per_point, *above_is_bad, *limits),
            input,
        ),
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => step::score(
            &step::Params {
                full_at: *full_at,
                step: *step,
                deduct: *deduct,
                started_step_counts: *started_step_counts,
            },
            input,
        ),
        RuleKind::Bands { bands, otherwise } => bands::score(bands, *otherwise, input),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            full_at,
        } => proportional::score(*cap, *round_to_whole, *full_at, input),
        RuleKind::Categorical { source, categories } => {
            categorical::score(*source, categories, input)
        }
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => checklist::score(items.len(), *points, *mode, input),
        RuleKind::Levels { levels } => levels::score(levels, input),
        RuleKind::Manual => manual::score(),
        RuleKind::NotApplicable { mode } => not_applicable::score(*mode, input),
    }
}

/// The Excel formula of the unclamped score over the rate in cell `rate`
/// (an absolute reference), or `None` when the rule does not score a rate.
#[must_use]
pub fn excel_formula(kind: &RuleKind, rate: &str, weight: Decimal) -> Option<String> {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
            limits,
        } => Some(threshold::excel(
            &threshold_params(*threshold, *deduct_per_point, *above_is_bad, *limits),
            rate,
            weight,
        )),
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => step::excel(
            &step::Params {
                full_at: *full_at,
                step: *step,
                deduct: *deduct,
                started_step_counts: *started_step_counts,
            },
            rate,
            weight,
        ),
        RuleKind::Bands { bands, otherwise } => Some(bands::excel(bands, *otherwise, rate)),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            full_at,
        } => Some(proportional::excel(
            *cap,
            *round_to_whole,
            *full_at,
            rate,
            weight,
        )),
        RuleKind::Categorical { .. } => categorical::excel(),
        RuleKind::Checklist { .. } => checklist::excel(),
        RuleKind::Levels { .. } => levels::excel(),
        RuleKind::Manual => manual::excel(),
        RuleKind::NotApplicable { .. } => not_applicable::excel(),
    }
}

/// A rule kind as the rule form offers it: its key, its parameters and how
/// typed parameters become the rule.
pub struct KindSpec {
    pub key: &'static str,
    /// What the form calls the kind, zh and en.
    pub label: (&'static str, &'static str),
    pub params: &'static [params::Param],
    pub build: fn(&[String]) -> Result<RuleKind, Bilingual>,
}

/// Every rule kind, in the order the form cycles through them.
pub const KINDS: [KindSpec; 9] = [
    KindSpec {
        key: manual::KEY,
        label: ("人工打分", "officer types the score"),
        params: manual::PARAMS,
        build: manual::build,
    },
    KindSpec {
        key: threshold::KEY,
        label: ("阈值扣分", "threshold"),
        params: threshold::PARAMS,
        build: threshold::build,
    },
    KindSpec {
        key: step::KEY,
        label: ("按档扣分", "steps"),
        params: step::PARAMS,
        build: step::build,
    },
    KindSpec {
        key: bands::KEY,
        label: ("分档得分", "bands"),
        params: bands::PARAMS,
        build: bands::build,
    },
    KindSpec {
        key: proportional::KEY,
        label: ("按比例得分", "proportional"),
        params: proportional::PARAMS,
        build: proportional::build,
    },
    KindSpec {
        key: levels::KEY,
        label: ("等级评价", "levels"),
        params: levels::PARAMS,
        build: levels::build,
    },
    KindSpec {
        key: checklist::KEY,
        label: ("清单", "checklist"),
        params: checklist::PARAMS,
        build: checklist::build,
    },
    KindSpec {
        key: categorical::KEY,
        label: ("分类得分", "categories"),
        params: categorical::PARAMS,
        build: categorical::build,
    },
    KindSpec {
        key: not_applicable::KEY,
        label: ("不适用", "not applicable"),
        params: not_applicable::PARAMS,
        build: not_applicable::build,
    },
];

/// The position of a kind in `KINDS`.
#[must_use]
pub fn kind_position(kind: &RuleKind) -> usize {
    let key = kind_key(kind);
    KINDS.iter().position(|k| k.key == key).unwrap_or(0)
}

/// The `kind` spelling of a rule.
#[must_use]
pub fn kind_key(kind: &RuleKind) -> &'static str {
    match kind {
        RuleKind::Threshold { .. } => threshold::KEY,
        RuleKind::Step { .. } => step::KEY,
        RuleKind::Bands { .. } => bands::KEY,
        RuleKind::Proportional { .. } => proportional::KEY,
        RuleKind::Categorical { .. } => categorical::KEY,
        RuleKind::Checklist { .. } => checklist::KEY,
        RuleKind::Levels { .. } => levels::KEY,
        RuleKind::Manual => manual::KEY,
        RuleKind::NotApplicable { .. } => not_applicable::KEY,
    }
}

/// A rule's parameters as the form shows them, in its kind's `PARAMS` order.
#[must_use]
pub fn param_values(kind: &RuleKind) -> Vec<String> {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
            ..
        } => threshold::values(*threshold, *deduct_per_point, *above_is_bad),
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => step::values(&step::Params {
            full_at: *full_at,
            step: *step,
            deduct: *deduct,
            started_step_counts: *started_step_counts,
        }),
        RuleKind::Bands { bands, otherwise } => bands::values(bands, *otherwise),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            ..
        } => proportional::values(*cap, *round_to_whole),
        RuleKind::Categorical { source, categories } => categorical::values(*source, categories),
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => checklist::values(items, *points, *mode),
        RuleKind::Levels { levels } => levels::values(levels),
        RuleKind::Manual => Vec::new(),
        RuleKind::NotApplicable { mode } => not_applicable::values(*mode),
    }
}

/// Carries the parameters the rule form does not list (threshold limits, a
/// proportional floor, the upper ends of interval bands) from `old` into
/// `new` when both are of the same kind, so that editing a rule in the form
/// never drops what import read.
pub fn keep_unlisted(old: &RuleKind, new: &mut RuleKind) {
    match (old, new) {
        (RuleKind::Threshold { limits: kept, .. }, RuleKind::Threshold { limits, .. })
            if *limits == crate::core::model::Limits::default() =>
        {
            *limits = *kept;
        }
        (RuleKind::Proportional { full_at: kept, .. }, RuleKind::Proportional { full_at, .. })
            if full_at.is_none() =>
        {
            *full_at = *kept;
        }
        (RuleKind::Bands { bands: kept, .. }, RuleKind::Bands { bands, .. }) => {
            for (band, old_band) in bands.iter_mut().zip(kept) {
                if band.upper.is_none() && band.op == old_band.op && band.bound == old_band.bound {
                    band.upper = old_band.upper;
                }
            }
        }
        _ => {}
    }
}

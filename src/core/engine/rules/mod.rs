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
use crate::core::model::{
    Band, Category, CategorySource, ChecklistMode, IndicatorEntry, Level, NotApplicableMode,
    RuleKind,
};

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

/// A rule kind's parameters taken apart once, for the dispatchers below.
enum Parts<'a> {
    Threshold(threshold::Params),
    Step(step::Params),
    Bands(&'a [Band], Decimal),
    Proportional(Decimal, bool, Option<Decimal>),
    Categorical(CategorySource, &'a [Category]),
    Checklist(usize, Decimal, ChecklistMode),
    Levels(&'a [Level]),
    Manual,
    NotApplicable(NotApplicableMode),
}

fn parts(kind: &RuleKind) -> Parts<'_> {
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
            limits,
        } => Parts::Threshold(threshold::Params {
            threshold: *threshold,
            per_point: *deduct_per_point,
            above_is_bad: *above_is_bad,
            limits: *limits,
        }),
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => Parts::Step(step::Params {
            full_at: *full_at,
            step: *step,
            deduct: *deduct,
            started_step_counts: *started_step_counts,
        }),
        RuleKind::Bands { bands, otherwise } => Parts::Bands(bands, *otherwise),
        RuleKind::Proportional {
            cap,
            round_to_whole,
            full_at,
        } => Parts::Proportional(*cap, *round_to_whole, *full_at),
        RuleKind::Categorical { source, categories } => Parts::Categorical(*source, categories),
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => Parts::Checklist(items.len(), *points, *mode),
        RuleKind::Levels { levels } => Parts::Levels(levels),
        RuleKind::Manual => Parts::Manual,
        RuleKind::NotApplicable { mode } => Parts::NotApplicable(*mode),
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
    match parts(kind) {
        Parts::Threshold(p) => threshold::describe(&p, weight),
        Parts::Step(p) => step::describe(&p, weight),
        Parts::Bands(bands, otherwise) => bands::describe(bands, otherwise),
        Parts::Proportional(cap, round, full_at) => {
            proportional::describe(cap, round, full_at, weight)
        }
        Parts::Categorical(_, categories) => categorical::describe(categories),
        Parts::Checklist(items, points, mode) => checklist::describe(items, points, mode),
        Parts::Levels(levels) => levels::describe(levels),
        Parts::Manual => manual::describe(weight),
        Parts::NotApplicable(mode) => not_applicable::describe(mode),
    }
}

#[must_use]
pub fn score<'a>(kind: &'a RuleKind, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    match parts(kind) {
        Parts::Threshold(p) => threshold::score(&p, input),
        Parts::Step(p) => step::score(&p, input),
        Parts::Bands(bands, otherwise) => bands::score(bands, otherwise, input),
        Parts::Proportional(cap, round, full_at) => proportional::score(cap, round, full_at, input),
        Parts::Categorical(source, categories) => categorical::score(source, categories, input),
        Parts::Checklist(items, points, mode) => checklist::score(items, points, mode, input),
        Parts::Levels(levels) => levels::score(levels, input),
        Parts::Manual => manual::score(),
        Parts::NotApplicable(mode) => not_applicable::score(mode, input),
    }
}

#[must_use]
pub fn excel_formula(kind: &RuleKind, rate: &str, weight: Decimal) -> Option<String> {
    match parts(kind) {
        Parts::Threshold(p) => Some(threshold::excel(&p, rate, weight)),
        Parts::Step(p) => step::excel(&p, rate, weight),
        Parts::Bands(bands, otherwise) => Some(bands::excel(bands, otherwise, rate)),
        Parts::Proportional(cap, round, full_at) => {
            Some(proportional::excel(cap, round, full_at, rate, weight))
        }
        Parts::Categorical(..) => categorical::excel(),
        Parts::Checklist(..) => checklist::excel(),
        Parts::Levels(_) => levels::excel(),
        Parts::Manual => manual::excel(),
        Parts::NotApplicable(_) => not_applicable::excel(),
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

/// Scores `kind` at `value` with no officer entry and no other metric, and
/// hands the outcome to `read` (it borrows the empty entry), for tests.
#[cfg(test)]
pub(crate) fn score_plain<R>(
    kind: &RuleKind,
    weight: Decimal,
    value: Decimal,
    read: impl FnOnce(RuleOutcome<'_>) -> R,
) -> R {
    let entry = IndicatorEntry::default();
    let input = RuleInput {
        weight,
        value,
        entry: &entry,
        metric: None,
        metrics: &[],
    };
    read(score(kind, &input))
}

/// One row of `KINDS`: the module's key, parameters and builder, and the kind's name.
macro_rules! kind_spec {
    ($module:ident, $label:expr) => {
        KindSpec {
            key: $module::KEY,
            label: $label,
            params: $module::PARAMS,
            build: $module::build,
        }
    };
}

/// Every rule kind, in the order the form cycles through them.
pub const KINDS: [KindSpec; 9] = [
    kind_spec!(manual, ("人工打分", "officer types the score")),
    kind_spec!(threshold, ("阈值扣分", "threshold")),
    kind_spec!(step, ("按档扣分", "steps")),
    kind_spec!(bands, ("分档得分", "bands")),
    kind_spec!(proportional, ("按比例得分", "proportional")),
    kind_spec!(levels, ("等级评价", "levels")),
    kind_spec!(checklist, ("清单", "checklist")),
    kind_spec!(categorical, ("分类得分", "categories")),
    kind_spec!(not_applicable, ("不适用", "not applicable")),
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

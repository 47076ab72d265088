//! What-if: for each computed leaf, the nearest input values at which its
//! score changes, and for the total, the smallest change of one score that
//! moves the grade. The rule modules say where a score steps
//! (`rules::steps`); each candidate is solved exactly from the formula, then
//! rounded to the field's unit and verified by rescoring, so applying the
//! value moves the score and one unit before it does not.

use rust_decimal::Decimal;
use serde::Serialize;

use super::metrics::{self, Display, Formula, MetricId, Role, Spec};
use super::rules::steps;
use super::scoring::{self, ScoreBasis};
use super::{Derived, Grade};
use crate::core::Bilingual;
use crate::core::model::{
    FieldId, FieldKind, Indicator, Narrative, ScoringTable, Workbook, totals,
};

/// How far past a solved value the search looks for the score to change.
const MAX_NUDGES: u32 = 5;
/// How far back from a found value the search checks that nothing changed earlier.
const MAX_WALK_BACK: u32 = 300;

/// One input value at which a leaf's score changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputMove {
    pub field: FieldId,
    pub current: Decimal,
    /// The nearest value (in the field's unit) at which the score changes.
    pub target: Decimal,
    /// The metric at `target`, exact and as the rule reads it (2 places).
    pub rate_exact: Option<Decimal>,
    pub rate_shown: Option<Decimal>,
    pub score_after: Decimal,
}

/// A computed leaf's what-if.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeafWhatIf {
    pub code: String,
    /// The registry metric measured (none for a ratio the table defines).
    pub metric: Option<MetricId>,
    /// What is measured, as the detail panel names it.
    pub label: Bilingual,
    pub score: Decimal,
    pub moves: Vec<InputMove>,
}

/// The smallest change of one score that moves the grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeMove {
    pub to: Grade,
    /// Points one leaf score must gain (raise) or lose (lower).
    pub points: Decimal,
    /// True: at least `points`; false: more than `points`.
    pub inclusive: bool,
    /// Leaves that have that many points to gain (raise) or to lose (lower).
    pub leaves: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeWhatIf {
    pub grade: Grade,
    pub raise: Option<GradeMove>,
    pub lower: Option<GradeMove>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WhatIf {
    pub leaves: Vec<LeafWhatIf>,
    pub total: GradeWhatIf,
}

/// The what-if of a workbook and what was derived from it. Pure.
#[must_use]
pub fn what_if(wb: &Workbook, derived: &Derived) -> WhatIf {
    let flat = wb.table.flatten();
    let leaves = (0..derived.scores.indicators.len())
        .filter_map(|index| leaf_what_if_in(wb, derived, &flat, index))
        .collect();
    WhatIf {
        leaves,
        total: grade_what_if(derived),
    }
}

/// The what-if of the indicator at a flatten index: `None` unless it is a
/// computed leaf whose rule steps somewhere.
#[must_use]
pub fn leaf_what_if(wb: &Workbook, derived: &Derived, index: usize) -> Option<LeafWhatIf> {
    leaf_what_if_in(wb, derived, &wb.table.flatten(), index)
}

fn leaf_what_if_in(
    wb: &Workbook,
    derived: &Derived,
    flat: &[(usize, &Indicator)],
    index: usize,
) -> Option<LeafWhatIf> {
    let r = derived.scores.indicators.get(index)?;
    if r.basis != ScoreBasis::Computed {
        return None;
    }
    let (_, ind) = flat.get(index).copied()?;
    let rule = ind.rule.as_ref()?;
    let points = steps::breakpoints(&rule.kind, scoring::effective_weight(ind.weight));
    if points.is_empty() {
        return None;
    }
    let (spec, label, shown_now) = match &r.measure {
        Some(own) => (own.spec.clone(), own.label.clone(), own.measured.display),
        None => {
            let metric = rule.metric?;
            let label = Bilingual::new(metric.label_zh(), metric.label_en());
            let shown = derived.metric(metric).and_then(|m| m.display);
            (Spec::of(metric.def()), label, shown)
        }
    };
    let moves = leaf_moves(wb, ind, &spec, &points, shown_now);
    Some(LeafWhatIf {
        code: r.code.clone(),
        metric: r.metric,
        label,
        score: r.score,
        moves,
    })
}

/// A leaf rescored with one input changed.
struct Rescored {
    score: Decimal,
    exact: Option<Decimal>,
    shown: Option<Decimal>,
}

/// The score of the leaf `node` with `field` set to `value`: only that
/// leaf is rescored, over a copy of the fields (not of the table).
fn rescore(wb: &Workbook, node: &Indicator, field: FieldId, value: Decimal) -> Option<Rescored> {
    let mut changed = fields_of(wb);
    if !field.set(&mut changed, Some(value)) {
        return None;
    }
    // Only the metric the leaf reads (if any): the rule looks at no other.
    let id = node.rule.as_ref().and_then(|r| r.metric);
    let metrics: Vec<_> = id
        .map(|id| metrics::compute_spec(&changed, &Spec::of(id.def())).into_metric(id))
        .into_iter()
        .collect();
    let (score, measure) = scoring::score_single_leaf(node, &changed, &metrics);
    let (exact, shown) = match measure {
        Some(own) => (own.measured.value, own.measured.display),
        None => {
            let found = metrics.first()?;
            (found.value, found.display)
        }
    };
    Some(Rescored {
        score,
        exact,
        shown,
    })
}

/// The workbook's figures without its table, workload and narrative.
fn fields_of(wb: &Workbook) -> Workbook {
    Workbook {
        format: wb.format.clone(),
        version: wb.version,
        unit: wb.unit.clone(),
        staffing: wb.staffing.clone(),
        budget: wb.budget.clone(),
        finals: wb.finals.clone(),
        three_public: wb.three_public.clone(),
        table: ScoringTable::default(),
        workload: Vec::new(),
        narrative: Narrative::default(),
        reported: wb.reported.clone(),
        projects: Vec::new(),
    }
}

fn unit_of(field: FieldId) -> Decimal {
    match field.kind() {
        FieldKind::Count => Decimal::ONE,
        FieldKind::Money | FieldKind::SignedMoney | FieldKind::Percent => Decimal::new(1, 2),
    }
}

/// One input of one leaf's metric, as it stands: what `settle` moves.
struct Probe<'a> {
    wb: &'a Workbook,
    /// The leaf being rescored.
    node: &'a Indicator,
    field: FieldId,
    current: Decimal,
    /// The rate as the rule reads it now.
    shown_now: Option<Decimal>,
}

fn leaf_moves(
    wb: &Workbook,
    node: &Indicator,
    def: &Spec,
    points: &[Decimal],
    shown_now: Option<Decimal>,
) -> Vec<InputMove> {
    let mut out: Vec<InputMove> = Vec::new();
    for (index, input) in def.inputs.iter().enumerate() {
        // A field named on both sides is solved once (over both).
        if def.inputs[..index].iter().any(|i| i.field == input.field) {
            continue;
        }
        let Some(current) = input.field.get(wb) else {
            continue;
        };
        let mut below: Option<InputMove> = None;
        let mut above: Option<InputMove> = None;
        for (rate, point) in targets(def, points) {
            let probe = Probe {
                wb,
                node,
                field: input.field,
                current,
                shown_now,
            };
            let attempt = |(rate, point): (Decimal, Decimal)| {
                let solved = solve(wb, def, input.field, input.role, rate)?;
                settle(&probe, solved, point)
            };
            // Where the score does not step at the breakpoint itself ("≤ T" is
            // still full at T), it steps at the next rate shown on either side:
            // solved again there, as a large denominator needs many cents.
            let Some(found) = attempt((rate, point))
                .or_else(|| attempt(shifted(rate, point, true)))
                .or_else(|| attempt(shifted(rate, point, false)))
            else {
                continue;
            };
            let slot = if found.target < current {
                &mut below
            } else {
                &mut above
            };
            let nearer = slot
                .as_ref()
                .is_none_or(|m| (m.target - current).abs() > (found.target - current).abs());
            if nearer {
                *slot = Some(found);
            }
        }
        out.extend(below);
        out.extend(above);
    }
    out
}

/// The signed rates to solve for, each with the breakpoint as the rule reads
/// it: an absolute display reaches a breakpoint from both signs.
fn targets(def: &Spec, points: &[Decimal]) -> Vec<(Decimal, Decimal)> {
    let mut all: Vec<(Decimal, Decimal)> = points.iter().map(|p| (*p, *p)).collect();
    if def.display == Display::AbsolutePercent {
        all.extend(points.iter().filter(|p| !p.is_zero()).map(|p| (-*p, *p)));
    }
    all
}

/// A target one shown step (0.01) beyond (`up`) or short of its breakpoint,
/// the signed rate moving with it (a negative rate stands for |rate|).
fn shifted(rate: Decimal, point: Decimal, up: bool) -> (Decimal, Decimal) {
    let step = if up {
        Decimal::new(1, 2)
    } else {
        Decimal::new(-1, 2)
    };
    let signed = if rate.is_sign_negative() { -step } else { step };
    (rate + signed, point + step)
}

/// The exact value of `field` at which the metric equals `rate`.
fn solve(wb: &Workbook, def: &Spec, field: FieldId, role: Role, rate: Decimal) -> Option<Decimal> {
    let own = field.get(wb)?;
    let signed = |i: &super::metric_defs::Input, v: Decimal| if i.minus { -v } else { v };
    let side = |wanted: Role| -> Option<Decimal> {
        def.inputs
            .iter()
            .filter(|i| i.role == wanted)
            .try_fold(Decimal::ZERO, |acc, i| {
                acc.checked_add(signed(i, totals::value(i.field, wb).unwrap_or_default()))
            })
    };
    // How many times the field counts on a side (+1 added, −1 subtracted; a
    // table's formula may name it above and below the line).
    let times = |wanted: Role| -> Decimal {
        def.inputs
            .iter()
            .filter(|i| i.role == wanted && i.field == field)
            .map(|i| signed(i, Decimal::ONE))
            .sum()
    };
    let hundred = Decimal::ONE_HUNDRED;
    match (def.formula, role) {
        (Formula::Ratio { .. }, Role::Numerator | Role::Denominator) => {
            // (a·x + n0) / (b·x + d0) × 100 = rate, solved for x.
            let (a, b) = (times(Role::Numerator), times(Role::Denominator));
            let n0 = side(Role::Numerator)?.checked_sub(a.checked_mul(own)?)?;
            let d0 = side(Role::Denominator)?.checked_sub(b.checked_mul(own)?)?;
            let r = rate.checked_div(hundred)?;
            let slope = a.checked_sub(r.checked_mul(b)?)?;
            if slope.is_zero() {
                return None;
            }
            r.checked_mul(d0)?.checked_sub(n0)?.checked_div(slope)
        }
        (Formula::Change, Role::Current) => {
            let base = side(Role::Base)?;
            base.checked_mul(hundred.checked_add(rate)?)?
                .checked_div(hundred)
        }
        (Formula::Change, Role::Base) => {
            let current = side(Role::Current)?;
            current
                .checked_mul(hundred)?
                .checked_div(hundred.checked_add(rate)?)
        }
        _ => None,
    }
}

/// Which side of a breakpoint a rate (as the rule reads it) lies on.
fn side_of(shown: Option<Decimal>, point: Decimal) -> Option<std::cmp::Ordering> {
    shown.map(|v| v.cmp(&point))
}

/// From a solved value, the nearest unit value at which the rate as the rule
/// reads it reaches the other side of `point` (one unit before, it has not),
/// kept only when the score steps there.
fn settle(probe: &Probe<'_>, solved: Decimal, point: Decimal) -> Option<InputMove> {
    let &Probe {
        wb,
        node,
        field,
        current,
        shown_now,
    } = probe;
    let unit = unit_of(field);
    let toward = if solved >= current { unit } else { -unit };
    let start_side = side_of(shown_now, point)?;
    let crossed = |value: Decimal| -> Option<Rescored> {
        if value == current || (value - current).is_sign_negative() != toward.is_sign_negative() {
            return None;
        }
        let found = rescore(wb, node, field, value)?;
        (side_of(found.shown, point)? != start_side).then_some(found)
    };
    let mut value = (solved / unit).round() * unit;
    let mut after = None;
    for _ in 0..=MAX_NUDGES {
        if let Some(found) = crossed(value) {
            after = Some(found);
            break;
        }
        value += toward;
    }
    let mut after = after?;
    for _ in 0..MAX_WALK_BACK {
        match crossed(value - toward) {
            Some(found) => {
                value -= toward;
                after = found;
            }
            None => break,
        }
    }
    // "≤ T" rules step one unit past the breakpoint: move on until the score does.
    let mut steps_here = false;
    for _ in 0..=MAX_NUDGES {
        let before = if value - toward == current {
            rescore(wb, node, field, current)
        } else {
            rescore(wb, node, field, value - toward)
        };
        if before.is_some_and(|b| b.score != after.score) {
            steps_here = true;
            break;
        }
        value += toward;
        after = rescore(wb, node, field, value)?;
    }
    let fits = field.kind() == FieldKind::SignedMoney || !value.is_sign_negative();
    (steps_here && fits).then_some(InputMove {
        field,
        current,
        target: value,
        rate_exact: after.exact,
        rate_shown: after.shown,
        score_after: after.score,
    })
}

/// Grade boundaries as `Grade::from_score` reads them.
const BOUNDS: [(Grade, i64); 3] = [(Grade::Excellent, 90), (Grade::Good, 80), (Grade::Fair, 60)];

/// The smallest change of one score that moves the grade, up and down.
#[must_use]
pub fn grade_what_if(derived: &Derived) -> GradeWhatIf {
    let scores = &derived.scores;
    let total = scores.total;
    let half_cent = Decimal::new(5, 3);
    // A change of one leaf's score moves the total by remaining / max when rescaled.
    let remaining = scores.max_total.saturating_sub(scores.removed_weight);
    let to_leaf = |points: Decimal| {
        if scores.removed_weight.is_zero() || scores.max_total.is_zero() {
            points
        } else {
            points * remaining / scores.max_total
        }
    };
    let leaves = |need: Decimal, gain: bool| -> Vec<String> {
        scores
            .indicators
            .iter()
            .filter(|r| !matches!(r.basis, ScoreBasis::Subtotal | ScoreBasis::NotApplicable))
            .filter(|r| if gain { r.lost >= need } else { r.score > need })
            .map(|r| r.code.clone())
            .collect()
    };
    let raise = BOUNDS
        .iter()
        .rev()
        .find(|(_, b)| Decimal::from(*b) - half_cent > total)
        .map(|(grade, b)| {
            let points = to_leaf(Decimal::from(*b) - half_cent - total);
            GradeMove {
                to: *grade,
                points,
                inclusive: true,
                leaves: leaves(points, true),
            }
        });
    let lower = BOUNDS
        .iter()
        .find(|(g, _)| *g == derived.grade)
        .map(|(grade, b)| {
            let points = to_leaf(total - (Decimal::from(*b) - half_cent));
            let to = match grade {
                Grade::Excellent => Grade::Good,
                Grade::Good => Grade::Fair,
                Grade::Fair | Grade::Poor => Grade::Poor,
            };
            GradeMove {
                to,
                points,
                inclusive: false,
                leaves: leaves(points, false),
            }
        });
    GradeWhatIf {
        grade: derived.grade,
        raise,
        lower,
    }
}

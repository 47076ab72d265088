//! Deduction reasons follow the score: points lost need a reason, and a
//! reason left over from an earlier score goes once the marks are full.

use super::{Concern, Ctx, Leaf, Warning, WarningCode, warn};
use crate::core::engine::scoring::ScoreBasis;
use crate::core::num::fmt_score;

fn reason_concern(leaf: &Leaf<'_>) -> Vec<Concern> {
    vec![Concern::Reason {
        code: leaf.ind.code.clone(),
    }]
}

/// Whether the leaf was scored (not missing, not taken out as not applicable).
fn scored(leaf: &Leaf<'_>) -> bool {
    !matches!(
        leaf.result.basis,
        ScoreBasis::Missing | ScoreBasis::NotApplicable
    )
}

/// A loss as printed: one that rounds to 0 is no loss (the report reads 得6分).
fn printed_loss(leaf: &Leaf<'_>) -> Option<String> {
    let lost = fmt_score(leaf.result.lost);
    (lost != "0").then_some(lost)
}

pub fn reason_missing(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    let lost = printed_loss(leaf)?;
    if !scored(leaf) || !ind.entry.deduction_reason.trim().is_empty() {
        return None;
    }
    Some(warn(
        WarningCode::ReasonMissing,
        format!("{} {}：扣{lost}分，但没有写扣分原因", ind.code, ind.name),
        format!(
            "{} {}: {lost} points lost but no deduction reason given",
            ind.code, ind.name
        ),
        reason_concern(leaf),
    ))
}

pub fn reason_stale(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    let reason = ind.entry.deduction_reason.trim();
    if !scored(leaf) || reason.is_empty() || printed_loss(leaf).is_some() {
        return None;
    }
    Some(warn(
        WarningCode::ReasonStale,
        format!(
            "{} {}：已得满分，但仍留有扣分原因“{reason}”",
            ind.code, ind.name
        ),
        format!(
            "{} {}: full marks, yet a deduction reason remains (\"{reason}\")",
            ind.code, ind.name
        ),
        reason_concern(leaf),
    ))
}

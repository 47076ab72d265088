//! Deduction reasons follow the score: points lost need a reason, and a
//! reason left over from an earlier score goes once the marks are full.

use super::{Concern, Ctx, Leaf, Warning, WarningCode, about, warn};
use crate::core::engine::scoring::ScoreBasis;
use crate::core::num::{fmt_score, round2};

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
/// Tested on the rounded number: the text is written only for a warning.
fn loses_printed_points(leaf: &Leaf<'_>) -> bool {
    !round2(leaf.result.lost).is_zero()
}

pub fn reason_missing(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    if !loses_printed_points(leaf) || !scored(leaf) || !ind.entry.deduction_reason.trim().is_empty()
    {
        return None;
    }
    let lost = fmt_score(leaf.result.lost);
    let (zh, en) = about(
        ind,
        &["扣", &lost, "分，但没有写扣分原因"].concat(),
        &[&lost, " points lost but no deduction reason given"].concat(),
    );
    Some(warn(
        WarningCode::ReasonMissing,
        zh,
        en,
        reason_concern(leaf),
    ))
}

pub fn reason_stale(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    let reason = ind.entry.deduction_reason.trim();
    if !scored(leaf) || reason.is_empty() || loses_printed_points(leaf) {
        return None;
    }
    let (zh, en) = about(
        ind,
        &format!("已得满分，但仍留有扣分原因“{reason}”"),
        &format!("full marks, yet a deduction reason remains (\"{reason}\")"),
    );
    Some(warn(WarningCode::ReasonStale, zh, en, reason_concern(leaf)))
}

//! Structural changes to the workbook: the scoring table's tree and the
//! workload's groups, items and parts. Pure functions over the model; the app
//! wraps each call in one undo step.

pub mod table;
pub mod workload;

use crate::core::model::{Indicator, IndicatorEntry};

/// Whether an indicator (or anything below it) holds the officer's or the
/// reviewer's content, so deleting it must ask first.
#[must_use]
pub fn indicator_holds_content(ind: &Indicator) -> bool {
    ind.entry != IndicatorEntry::default() || ind.children.iter().any(indicator_holds_content)
}

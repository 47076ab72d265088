//! Two workbooks compared line by line: every figure, ratio, score and
//! workload item, and every text the officer can type (the unit's fields, the
//! report's narrative, the team, deduction reasons and evidence, indicators
//! added, removed or renamed). Pure. The reviewer's diff and the recovery
//! offer's list of differences both read it.

mod diff;
mod lines;
mod texts;

pub use diff::diff;
pub use lines::{Diff, DiffLine, DiffSection};

use super::engine::Derived;
use super::model::Workbook;

/// A workbook and what the engine derives from it: one side of a comparison
/// (and what reviewer mode reads a file into).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    pub workbook: Workbook,
    pub derived: Derived,
}

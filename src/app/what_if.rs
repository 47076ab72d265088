//! The what-if of the selected indicator, kept with the workbook and row it
//! was computed for: solving it rescores the table many times, so it is
//! computed once per change in `App::update`, never while drawing.

use super::panes::Pane;
use super::rows::indicator_rows;
use super::{App, ModeKind};
use crate::core::engine::what_if::{LeafWhatIf, leaf_what_if};
use crate::core::model::Workbook;

/// A leaf's what-if and what it was computed from.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIfCache {
    index: usize,
    workbook: Workbook,
    leaf: Option<LeafWhatIf>,
}

impl App {
    /// Recomputes the selected leaf's what-if when the row or the workbook changed.
    pub(super) fn refresh_what_if(&mut self) {
        // Not while typing: each keystroke would solve it again; it follows on commit.
        if self.pane != Pane::Indicators || self.mode.kind() == ModeKind::Edit {
            return;
        }
        let rows = indicator_rows(&self.workbook, &self.folds.indicators);
        let Some(index) = rows.get(self.selected()).map(|r| r.index) else {
            self.what_if = None;
            return;
        };
        let fresh = self
            .what_if
            .as_ref()
            .is_some_and(|c| c.index == index && c.workbook == self.workbook);
        if !fresh {
            self.what_if = Some(WhatIfCache {
                index,
                workbook: self.workbook.clone(),
                leaf: leaf_what_if(&self.workbook, &self.derived, index),
            });
        }
    }

    /// The what-if of the indicator at a flatten index, if it is current.
    #[must_use]
    pub fn what_if_of(&self, index: usize) -> Option<&LeafWhatIf> {
        let cache = self.what_if.as_ref()?;
        (cache.index == index && cache.workbook == self.workbook)
            .then_some(cache.leaf.as_ref())
            .flatten()
    }
}

//! From the matrix into a unit: Enter on a cell opens that workbook's
//! drill-in with the cursor on that indicator (the reviewer's score column
//! selected); leaving the drill-in returns to the matrix where it was.

use super::StatusLine;
use super::review::{ReviewApp, ReviewEffect, Screen};
use crate::i18n::Tr;

const NOT_IN_WORKBOOK: Tr = Tr(
    "该单位的评分表没有这一指标",
    "this unit's scoring table has no such indicator",
);

impl ReviewApp {
    /// Enter in the matrix: the selected unit at the selected indicator. The
    /// workbook is read again first (`ReviewEffect::Load`); `jump_in_drill`
    /// puts the cursor on the indicator when it has opened.
    pub(super) fn open_matrix_cell(&mut self) -> ReviewEffect {
        let Screen::Matrix {
            matrix,
            selected,
            first_column,
        } = &self.screen
        else {
            return ReviewEffect::None;
        };
        let (Some(row), Some(column)) = (
            matrix.rows.get(*selected),
            matrix.columns.get(*first_column),
        ) else {
            return ReviewEffect::None;
        };
        let (entry, code) = (row.row, column.code.clone());
        let Some(position) = self.view.iter().position(|r| *r == entry) else {
            return ReviewEffect::None;
        };
        self.selected = position;
        let effect = self.request_drill_at(Some(code));
        if effect != ReviewEffect::None {
            // Leaving the drill-in comes back here; a failed load clears it.
            self.return_to = Some(Box::new(self.screen.clone()));
        }
        effect
    }

    /// In a drill-in just opened: the cursor on indicator `code`.
    pub(super) fn jump_in_drill(&mut self, code: &str) {
        let Screen::Drill { app, .. } = &mut self.screen else {
            return;
        };
        let index = app
            .workbook
            .table
            .flatten()
            .iter()
            .position(|(_, ind)| ind.code == code);
        match index {
            Some(index) => app.jump_to_indicator(index),
            None => {
                app.pane = super::Pane::Indicators;
                app.info_tr(NOT_IN_WORKBOOK);
            }
        }
    }

    /// The screen to show when the drill-in closes: where it was opened from.
    pub(super) fn screen_after_drill(&mut self) -> Screen {
        self.return_to.take().map_or(Screen::Overview, |s| *s)
    }
}

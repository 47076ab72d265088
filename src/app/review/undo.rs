//! Undo and redo in reviewer mode: each change of a unit's review (status,
//! comment, reasons, the scores a drill-in brought back) keeps the review as
//! it was, so a stray keystroke saved into a comment can be taken back.

use super::ReviewApp;
use crate::app::StatusLine;
use crate::i18n as t;
use crate::review::reviews::WorkbookReview;

/// How many changes are kept.
const KEPT: usize = 500;

/// The reviews before each change (row, review), and those undone.
#[derive(Debug, Clone, Default)]
pub struct ReviewHistory {
    undo: Vec<(usize, Option<WorkbookReview>)>,
    redo: Vec<(usize, Option<WorkbookReview>)>,
}

impl ReviewApp {
    /// Keeps `row`'s review as it is now, before a change.
    pub(super) fn remember(&mut self, row: usize) {
        let before = self.session.review(row).cloned();
        let history = &mut self.history;
        if history.undo.len() >= KEPT {
            history.undo.remove(0);
        }
        history.undo.push((row, before));
        history.redo.clear();
    }

    /// Forgets the last `remember` (the change it was kept for did not happen).
    pub(super) fn forget_unchanged(&mut self, row: usize) {
        let unchanged =
            self.history.undo.last().is_some_and(|(r, before)| {
                *r == row && before.as_ref() == self.session.review(row)
            });
        if unchanged {
            self.history.undo.pop();
        }
    }

    /// `u` (and Ctrl-R): puts back the review before the last change (or
    /// the one undone), and says whose.
    pub(super) fn step_history(&mut self, back: bool) {
        let popped = if back {
            self.history.undo.pop()
        } else {
            self.history.redo.pop()
        };
        let Some((row, review)) = popped else {
            self.info_tr(if back {
                t::REVIEW_NOTHING_TO_UNDO
            } else {
                t::REVIEW_NOTHING_TO_REDO
            });
            return;
        };
        let now = self.session.review(row).cloned();
        match self.session.put_review(row, review) {
            Ok(()) => {
                if back {
                    self.history.redo.push((row, now));
                } else {
                    self.history.undo.push((row, now));
                }
                self.refresh_view();
                if let Some(at) = self.view.iter().position(|r| *r == row) {
                    self.selected = at;
                }
                let unit = self.of_entry(row, |e| {
                    e.digest().map(|d| d.unit.clone()).unwrap_or_default()
                });
                let done = self.tr(if back {
                    t::REVIEW_UNDONE
                } else {
                    t::REVIEW_REDONE
                });
                self.info(format!("{done}：{unit}"));
            }
            Err(why) => self.error_bi(&why),
        }
    }
}

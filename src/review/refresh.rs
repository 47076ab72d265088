//! Bringing workbooks read again into a session: reloaded entries replace
//! the old ones, the overview is rebuilt from the summaries (cheap), and the
//! reviewer's entries stay as recorded — those that no longer fit the new
//! table are listed, not dropped. Pure.

use super::digest::MismatchReason;
use super::lazy::Reloaded;
use super::overview::{self, OverviewRow};
use super::session::ReviewSession;

/// What a reload changed, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReloadReport {
    /// Rows read again because their file changed.
    pub reloaded: Vec<usize>,
    /// Of those, the ones that can no longer be opened.
    pub unreadable: Vec<usize>,
    /// Reviewer's entries of reloaded rows that no longer fit, by file name.
    pub mismatched: Vec<(String, Vec<(String, MismatchReason)>)>,
}

impl ReviewSession {
    /// Replaces the entries that changed and rebuilds the overview; a row not
    /// reloaded keeps its flag that its file changed on disk.
    pub fn apply_reload(&mut self, reloaded: Reloaded) -> ReloadReport {
        let mut report = ReloadReport::default();
        let changed_before: Vec<bool> = self
            .overview
            .rows
            .iter()
            .map(|r| r.changed_on_disk)
            .collect();
        for (row, entry) in reloaded.changed {
            if let Some(slot) = self.entries.get_mut(row) {
                *slot = entry;
                report.reloaded.push(row);
            }
        }
        self.overview = overview::build(&self.entries, &self.reviews);
        for (row, was_changed) in self.overview.rows.iter_mut().zip(changed_before) {
            row.changed_on_disk = was_changed && !report.reloaded.contains(&row.entry);
        }
        for &row in &report.reloaded {
            let Some(shown) = self.overview.rows.get(row) else {
                continue;
            };
            if shown.error.is_some() {
                report.unreadable.push(row);
            }
            if !shown.mismatched.is_empty() {
                report
                    .mismatched
                    .push((shown.file_name.clone(), shown.mismatched.clone()));
            }
        }
        report
    }

    /// Flags a row whose file changed on disk after it was read.
    pub fn flag_changed_on_disk(&mut self, row: usize) {
        if let Some(r) = self.overview.rows.get_mut(row) {
            r.changed_on_disk = true;
        }
    }

    /// The overview rows, mutable only here: for flags found by reading again.
    #[must_use]
    pub fn row(&self, row: usize) -> Option<&OverviewRow> {
        self.overview.rows.get(row)
    }
}

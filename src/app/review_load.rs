//! Reviewer mode asking for whole workbooks and for reloads. The overview
//! keeps only a summary of each workbook, so the drill-in and the comparison
//! ask the run loop to read the file again (`ReviewEffect::Load`); `r` asks
//! it to reload the files that changed (`ReviewEffect::Reload`). The answers
//! come back as actions. No I/O here.

use std::fmt::Write as _;

use super::StatusLine;
use super::review::{ReviewApp, ReviewEffect};
use crate::core::{Bilingual, Lang};
use crate::i18n as t;
use crate::review::lazy::{
    LoadProblem, LoadPurpose, LoadRequest, Loaded, LoadedFile, ReloadCheck, Reloaded,
};
use crate::review::view::{Column, mismatch_text};

impl ReviewApp {
    fn load_request(&self, row: usize) -> Option<LoadRequest> {
        let entry = self.session.entries.get(row)?;
        Some(LoadRequest {
            row,
            path: entry.path.clone(),
            sha256: entry.sha256.clone(),
        })
    }

    /// Enter on a row: read its workbook again for the drill-in; a file that
    /// could not be opened says why instead.
    pub(super) fn request_drill(&mut self) -> ReviewEffect {
        self.request_drill_at(None)
    }

    /// The drill-in of the selected row, at indicator `at` when given.
    pub(super) fn request_drill_at(&mut self, at: Option<String>) -> ReviewEffect {
        let Some(row) = self.selected_row() else {
            return ReviewEffect::None;
        };
        if let Some(error) = self.session.row(row).and_then(|r| r.error.as_ref()) {
            let why = error.message.clone();
            self.error_bi(&why);
            return ReviewEffect::None;
        }
        match self.load_request(row) {
            Some(request) => ReviewEffect::Load {
                purpose: LoadPurpose::Drill { at },
                requests: vec![request],
            },
            None => ReviewEffect::None,
        }
    }

    /// `d`: read the marked and the selected workbook again to compare them.
    pub(super) fn request_diff(&mut self) -> ReviewEffect {
        let (Some(left), Some(right)) = (self.marked, self.selected_row()) else {
            self.info_tr(t::REVIEW_MARK_FIRST);
            return ReviewEffect::None;
        };
        if self.session.digest(left).is_none() || self.session.digest(right).is_none() {
            self.info_tr(t::REVIEW_CANNOT_COMPARE);
            return ReviewEffect::None;
        }
        match (self.load_request(left), self.load_request(right)) {
            (Some(l), Some(r)) => ReviewEffect::Load {
                purpose: LoadPurpose::Diff,
                requests: vec![l, r],
            },
            _ => ReviewEffect::None,
        }
    }

    /// `r`: look at every file again and reload those that changed.
    pub(super) fn request_reload(&mut self) -> ReviewEffect {
        let checks = self
            .session
            .entries
            .iter()
            .enumerate()
            .map(|(row, entry)| ReloadCheck::of(row, entry))
            .collect();
        ReviewEffect::Reload(checks)
    }

    /// The run loop read workbooks again: open the drill-in or the
    /// comparison, or flag the files that are no longer what was summarised.
    pub(super) fn loaded(&mut self, loaded: Loaded) {
        let mut opened = Vec::new();
        for LoadedFile { row, outcome } in loaded.files {
            match outcome {
                Ok(workbook) => opened.push((row, workbook)),
                Err(problem) => {
                    // Nothing opens: stay where the request came from.
                    self.return_to = None;
                    self.session.flag_changed_on_disk(row);
                    let why = self.load_problem_text(row, &problem);
                    self.error_bi(&why);
                    return;
                }
            }
        }
        match (loaded.purpose, opened.as_slice()) {
            (LoadPurpose::Drill { at }, [(row, workbook)]) => {
                self.open_drill(*row, workbook);
                if let Some(code) = at {
                    self.jump_in_drill(&code);
                }
            }
            (LoadPurpose::Diff, [(_, left), (_, right)]) => self.open_diff(left, right),
            _ => {}
        }
    }

    fn load_problem_text(&self, row: usize, problem: &LoadProblem) -> Bilingual {
        let name = self.of_entry(row, |e| e.file_name.clone());
        match problem {
            LoadProblem::Changed => Bilingual::new(
                format!("{name} {}", t::REVIEW_CHANGED_SINCE_READ.get(Lang::Zh)),
                format!("{name} {}", t::REVIEW_CHANGED_SINCE_READ.get(Lang::En)),
            ),
            LoadProblem::Unreadable(error) => Bilingual::new(
                format!("{}（按 r 重新读取）", error.message.zh),
                format!("{} (r reloads)", error.message.en),
            ),
        }
    }

    /// The run loop reloaded what changed: new rows, the same reviews, and
    /// a message naming what no longer fits.
    pub(super) fn reloaded(&mut self, reloaded: Reloaded) {
        let report = self.session.apply_reload(reloaded);
        self.columns = Column::on_screen(&self.session.overview);
        self.column = self.column.min(self.columns.len().saturating_sub(1));
        self.refresh_view();
        if report.reloaded.is_empty() {
            self.info_tr(t::REVIEW_NOTHING_CHANGED);
            return;
        }
        let (n, bad) = (report.reloaded.len(), report.unreadable.len());
        let mut zh = format!("已重新读取 {n} 份有变化的工作簿");
        let mut en = format!("Reloaded {n} changed workbook(s)");
        if bad > 0 {
            let _ = write!(zh, "，其中 {bad} 份无法打开");
            let _ = write!(en, ", {bad} of them cannot be opened");
        }
        for (file, found) in &report.mismatched {
            let _ = write!(zh, "；{file} {}", mismatch_text(found, Lang::Zh));
            let _ = write!(en, "; {file} {}", mismatch_text(found, Lang::En));
        }
        let message = Bilingual::new(zh, en);
        if bad > 0 || !report.mismatched.is_empty() {
            self.error_bi(&message);
        } else {
            self.info(message.get(self.lang).to_owned());
        }
    }
}

//! Sending back (退回): the reason prompts for a unit and for an indicator,
//! and the two documents the bureau hands out — the unit's letter and the
//! summary (汇总表). Like the rest of `ReviewApp`, no I/O: the documents are
//! built as bytes and returned as `ReviewEffect::WriteDocument`.

use std::path::PathBuf;

use super::{PromptKind, ReviewApp, ReviewEffect, Screen};
use crate::app::{Action, Pane, Status, StatusLine};
use crate::core::Bilingual;
use crate::i18n as t;
use crate::review::documents::letter_file_name;
use crate::review::reviews::{IndicatorNote, WorkbookReview};
use crate::review::session::SheetExport;

/// A cursor move in the drill-in's panes.
pub(super) fn is_movement(action: &Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Home
            | Action::End
            | Action::ScrollUp
            | Action::ScrollDown
            | Action::SelectRow(_)
            | Action::GoPane(_)
    )
}

impl ReviewApp {
    /// `b`: the reason prompt of the selected unit (overview) or of the
    /// selected indicator (drill-in).
    pub(super) fn open_reason_prompt(&mut self) {
        if matches!(self.screen, Screen::Drill { .. }) {
            let Some(row) = self.current_row() else {
                return;
            };
            let review = self.session.review(row);
            let Some(code) = self.drill_indicator_code() else {
                self.tell(self.tr(t::REVIEW_REASON_NEEDS_INDICATOR).to_owned(), true);
                return;
            };
            let current = review
                .and_then(|r| r.indicators.get(&code))
                .map(|r| r.reason.clone())
                .unwrap_or_default();
            self.open_prompt(PromptKind::IndicatorReason, current);
            return;
        }
        self.open_unit_reason_prompt();
    }

    /// The unit's own send-back reason (the overview's `b`, and `t` reaching 退回).
    pub(super) fn open_unit_reason_prompt(&mut self) {
        let Some(row) = self.current_row() else {
            return;
        };
        let current = self
            .session
            .review(row)
            .map(|r| r.reason.clone())
            .unwrap_or_default();
        self.open_prompt(PromptKind::Reason, current);
    }

    /// The prompt's label; an indicator's reason names the indicator.
    #[must_use]
    pub fn prompt_label(&self, kind: PromptKind) -> String {
        let label = self.tr(kind.label());
        let exports = matches!(
            kind,
            PromptKind::ExportOverview | PromptKind::ExportReviews | PromptKind::ExportSummary
        );
        match (kind, self.drill_indicator_code()) {
            (PromptKind::IndicatorReason, Some(code)) => format!("{code} {label}"),
            _ if exports && !self.filter.is_empty() => {
                let (n, all) = (self.view.len(), self.session.rows().len());
                let words = self.filter.words(self.lang);
                match self.lang {
                    crate::core::Lang::Zh => {
                        format!("{label}（仅筛选的 {n}/{all} 个单位：{words}）")
                    }
                    crate::core::Lang::En => {
                        format!("{label} (only the {n} of {all} units filtered: {words})")
                    }
                }
            }
            _ => label.to_owned(),
        }
    }

    /// A message where the reviewer looks: a drill-in shows its own status line.
    pub(super) fn tell(&mut self, text: String, is_error: bool) {
        let status = Some(Status { text, is_error });
        match &mut self.screen {
            Screen::Drill { app, .. } => app.status = status,
            _ => self.status = status,
        }
    }

    /// On opening a drill-in: the unit's send-back reason, when it has one.
    pub(super) fn tell_reason(&mut self, row: usize) {
        self.tell_found_reason(row, "", |r| Some(&r.reason));
    }

    /// After a move in the drill-in: the indicator under the cursor says its
    /// send-back reason, if it has one (the workbench panes do not show it).
    pub(super) fn note_indicator_reason(&mut self, row: usize) {
        let Some(code) = self.drill_indicator_code() else {
            return;
        };
        let whose = format!("{code} ");
        self.tell_found_reason(row, &whose, |r| r.indicators.get(&code).map(|i| &i.reason));
    }

    /// Tells the reason `pick` finds in `row`'s review, after `whose`, when
    /// there is one.
    fn tell_found_reason(
        &mut self,
        row: usize,
        whose: &str,
        pick: impl Fn(&WorkbookReview) -> Option<&String>,
    ) {
        let Some(reason) = self
            .session
            .review(row)
            .and_then(pick)
            .filter(|r| !r.is_empty())
            .cloned()
        else {
            return;
        };
        let msg = format!("{whose}{}：{reason}", self.tr(t::REVIEW_REASON_SHOWN));
        self.tell(msg, false);
    }

    /// The drill-in's workbook, else the overview row under the cursor.
    pub(super) fn current_row(&self) -> Option<usize> {
        match &self.screen {
            Screen::Drill { row, .. } => Some(*row),
            _ => self.selected_row(),
        }
    }

    /// The code of the indicator selected in the drill-in.
    fn drill_indicator_code(&self) -> Option<String> {
        let Screen::Drill { app, .. } = &self.screen else {
            return None;
        };
        if app.pane != Pane::Indicators {
            return None;
        }
        let index = app.selected_indicator()?;
        app.workbook
            .table
            .flatten()
            .get(index)
            .map(|(_, ind)| ind.code.clone())
    }

    /// Records the typed reason: the unit's (which sets 退回) or the
    /// selected indicator's.
    pub(super) fn commit_reason(
        &mut self,
        kind: PromptKind,
        text: &str,
    ) -> Result<ReviewEffect, Bilingual> {
        let Some(row) = self.current_row() else {
            return Ok(ReviewEffect::None);
        };
        self.remember(row);
        let outcome = self.record_reason(row, kind, text);
        self.forget_unchanged(row);
        outcome
    }

    fn record_reason(
        &mut self,
        row: usize,
        kind: PromptKind,
        text: &str,
    ) -> Result<ReviewEffect, Bilingual> {
        match kind {
            PromptKind::IndicatorReason => {
                let needs = t::REVIEW_REASON_NEEDS_INDICATOR;
                let code = self
                    .drill_indicator_code()
                    .ok_or_else(|| Bilingual::new(needs.0, needs.1))?;
                self.session
                    .set_indicator_note(row, &code, IndicatorNote::Reason, text)?;
                let done = if text.is_empty() {
                    t::REVIEW_REASON_CLEARED
                } else {
                    t::REVIEW_REASON_RECORDED
                };
                let msg = format!("{code} {}", self.tr(done));
                self.tell(msg, false);
            }
            _ => {
                self.session.set_reason(row, text)?;
                self.refresh_stats();
                self.info_tr(if text.is_empty() {
                    t::REVIEW_REASON_CLEARED
                } else {
                    t::REVIEW_REASON_RECORDED
                });
            }
        }
        Ok(ReviewEffect::None)
    }

    /// `L`: asks where to write the selected unit's letter.
    pub(super) fn open_letter_prompt(&mut self) {
        let Some(row) = self.selected_row() else {
            return;
        };
        // Why no letter can be written is said before a file name is asked.
        if let Err(why) = crate::review::letter::can_write(self.session.review(row)) {
            let text = why.get(self.lang).to_owned();
            self.tell(text, true);
            return;
        }
        let name = self.of_entry(row, |e| letter_file_name(&e.file_name, self.lang));
        self.open_prompt(PromptKind::ExportLetter, name);
    }

    /// `S`: asks where to write the summary of the rows in view.
    pub(super) fn open_summary_prompt(&mut self) {
        let filter = self.filter.words(self.lang);
        let stem = crate::review::summary::title(self.lang);
        let name = crate::review::documents::filtered_name(&stem, "xlsx", &filter, self.lang);
        self.open_prompt(PromptKind::ExportSummary, name);
    }

    /// What an export prompt's answer writes: sheets (the overview, the
    /// review results) or a document (the letter, the summary).
    pub(super) fn export_effect(
        &self,
        kind: PromptKind,
        text: &str,
        replace: bool,
    ) -> Result<ReviewEffect, Bilingual> {
        let path = PathBuf::from(text);
        let sheets = match kind {
            PromptKind::ExportOverview => Some(SheetExport::Overview),
            PromptKind::ExportReviews => Some(SheetExport::Reviews),
            _ => None,
        };
        if let Some(what) = sheets {
            let (format, sheets) = self
                .session
                .sheets_export(what, &self.view, &path, self.lang)?;
            return Ok(ReviewEffect::Export {
                path,
                format,
                sheets,
                replace,
            });
        }
        let bytes = match kind {
            PromptKind::ExportLetter => {
                let row = self
                    .selected_row()
                    .ok_or_else(|| Bilingual::new("没有选中单位", "no unit is selected"))?;
                self.session.letter_bytes(row, &path, self.lang)?
            }
            _ => self.session.summary_bytes(
                &self.view,
                &path,
                &self.filter.words(self.lang),
                self.lang,
            )?,
        };
        Ok(ReviewEffect::WriteDocument {
            path,
            bytes,
            replace,
        })
    }
}

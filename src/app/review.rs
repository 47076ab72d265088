//! Reviewer mode: an overview of many workbooks, drill-in (the workbench panes,
//! read-only but for the reviewer's own scores), the units × indicators matrix
//! and the side-by-side comparison. Reviews live in the review session, never
//! in a department's file. Like `App`, this does no I/O: the run loop performs
//! `ReviewEffect`s.

mod sendback;
mod undo;

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::{Action, App, EditTarget, Editor, Mode, ModeKind, Origin, Status, StatusLine};
use crate::core::engine::Severity;
use crate::core::grading::Standing;
use crate::core::num::{NumberRules, parse_number};
use crate::core::{Bilingual, Lang};
use crate::i18n::{self as t, Tr};
use crate::review::compare::{self, Diff, Matrix, MatrixDepth};
use crate::review::export::{ExportFormat, Sheet};
use crate::review::lazy::{LoadPurpose, LoadRequest, ReloadCheck};
use crate::review::reviews::{
    Bureau, IndicatorNote, IndicatorReview, ReviewStatus, WorkbookReview, review_total,
};
use crate::review::scan::{Entry, Opened};
use crate::review::session::ReviewSession;
use crate::review::stats::{Bucket, Footer};
use crate::review::store::PendingWrite;
use crate::review::view::{Column, Filter, Sort};

/// What the reviewer is typing into the prompt line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Text search on unit and file names.
    Filter,
    /// Minimum |reported − computed|.
    Difference,
    /// Overall comment on the selected workbook.
    Comment,
    /// Where to export the overview.
    ExportOverview,
    /// Where to export the review results.
    ExportReviews,
    /// The selected unit's send-back reason (sets 退回).
    Reason,
    /// The drill-in's selected indicator's send-back reason.
    IndicatorReason,
    /// Where to write the selected unit's send-back letter.
    ExportLetter,
    /// Where to write the bureau's summary.
    ExportSummary,
    /// Who is reviewing.
    Reviewer,
    /// The bureau's name (发函单位), then its 文号 pattern, contact and
    /// resubmission deadline, one prompt after the other (`B`).
    BureauName,
    BureauNumber,
    BureauContact,
    BureauDeadline,
}

impl PromptKind {
    #[must_use]
    pub fn label(self) -> Tr {
        match self {
            Self::Filter => t::REVIEW_FILTER_TEXT,
            Self::Difference => t::REVIEW_FILTER_DIFF,
            Self::Comment => t::REVIEW_COMMENT,
            Self::ExportOverview => t::REVIEW_EXPORT_OVERVIEW,
            Self::ExportReviews => t::REVIEW_EXPORT_REVIEWS,
            Self::Reason => t::REVIEW_REASON,
            Self::IndicatorReason => t::REVIEW_INDICATOR_REASON,
            Self::ExportLetter => t::REVIEW_EXPORT_LETTER,
            Self::ExportSummary => t::REVIEW_EXPORT_SUMMARY,
            Self::Reviewer => t::REVIEW_REVIEWER,
            Self::BureauName => t::REVIEW_BUREAU_NAME,
            Self::BureauNumber => t::REVIEW_BUREAU_NUMBER,
            Self::BureauContact => t::REVIEW_BUREAU_CONTACT,
            Self::BureauDeadline => t::REVIEW_BUREAU_DEADLINE,
        }
    }

    /// The bureau's prompt after this one.
    fn next_bureau(self) -> Option<Self> {
        match self {
            Self::BureauName => Some(Self::BureauNumber),
            Self::BureauNumber => Some(Self::BureauContact),
            Self::BureauContact => Some(Self::BureauDeadline),
            _ => None,
        }
    }

    /// The bureau's field this prompt sets.
    fn bureau_field(self, bureau: &mut Bureau) -> Option<&mut String> {
        match self {
            Self::BureauName => Some(&mut bureau.name),
            Self::BureauNumber => Some(&mut bureau.number),
            Self::BureauContact => Some(&mut bureau.contact),
            Self::BureauDeadline => Some(&mut bureau.deadline),
            _ => None,
        }
    }
}

/// Which screen reviewer mode shows.
#[derive(Debug, Clone)]
pub enum Screen {
    Overview,
    /// One workbook in the workbench panes; `row` is its overview row.
    Drill {
        row: usize,
        app: Box<App>,
    },
    Matrix {
        matrix: Matrix,
        selected: usize,
        first_column: usize,
    },
    Diff {
        diff: Diff,
        scroll: usize,
    },
}

/// Keyboard mode on top of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewMode {
    Browse,
    Prompt(PromptKind, Editor),
    ConfirmQuit,
    Help(usize),
}

/// I/O the run loop must do for reviewer mode (the app computes what to
/// write; the loop writes it and reports back).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewEffect {
    None,
    /// Write the changed review files, then send `Action::ReviewsWritten`.
    SaveReviews(Vec<PendingWrite>),
    /// Write an export, then send `Action::ReviewEffectDone`.
    Export {
        path: PathBuf,
        format: ExportFormat,
        sheets: Vec<Sheet>,
        /// The reviewer confirmed replacing existing files (kept as `.bak`).
        replace: bool,
    },
    /// Read these workbooks again in full, then send `Action::ReviewLoaded`.
    Load {
        purpose: LoadPurpose,
        requests: Vec<LoadRequest>,
    },
    /// Reload the files that changed, then send `Action::ReviewReloaded`.
    Reload(Vec<ReloadCheck>),
    /// Open a drill-in's evidence file with the system's viewer.
    OpenFile(PathBuf),
    /// Write a built document (letter, summary), then send `Action::ReviewEffectDone`.
    WriteDocument {
        path: PathBuf,
        bytes: Vec<u8>,
        /// The reviewer confirmed replacing an existing file (kept as `.bak`).
        replace: bool,
    },
    Quit,
}

impl App {
    /// In a drill-in, the total with the reviewer's scores in place (see
    /// `review::reviews::review_total`); `None` outside review or before any
    /// review score.
    #[must_use]
    pub fn reviewer_total(&self) -> Option<Decimal> {
        if !self.reviewing {
            return None;
        }
        let mut review = WorkbookReview::default();
        for (_, ind) in self.workbook.table.flatten() {
            if let Some(score) = ind.entry.reviewer_score {
                review.indicators.insert(
                    ind.code.clone(),
                    IndicatorReview {
                        score: Some(score),
                        ..IndicatorReview::default()
                    },
                );
            }
        }
        (!review.indicators.is_empty())
            .then(|| crate::core::num::round2(review_total(&self.derived, &review)))
    }

    /// The grade the header shows, from `core::grading` as everywhere: in a
    /// drill-in by the review total once there is one (a leaf the reviewer
    /// scored no longer unscored), the officer's otherwise.
    #[must_use]
    pub fn standing(&self) -> Standing {
        match self.reviewer_total() {
            Some(total) => {
                let scored: std::collections::HashSet<&str> = self
                    .workbook
                    .table
                    .flatten()
                    .into_iter()
                    .filter(|(_, ind)| ind.entry.reviewer_score.is_some())
                    .map(|(_, ind)| ind.code.as_str())
                    .collect();
                let unscored = self
                    .derived
                    .scores
                    .indicators
                    .iter()
                    .filter(|r| r.basis == crate::core::engine::ScoreBasis::Missing)
                    .filter(|r| !scored.contains(r.code.as_str()))
                    .count();
                Standing::of(total, unscored)
            }
            None => Standing::of_derived(&self.derived),
        }
    }
}

/// Reviewer mode's state.
#[derive(Debug, Clone)]
pub struct ReviewApp {
    pub session: ReviewSession,
    pub lang: Lang,
    pub monochrome: bool,
    pub size: (u16, u16),
    pub columns: Vec<Column>,
    /// Selected column (for sorting).
    pub column: usize,
    pub filter: Filter,
    pub sort: Option<Sort>,
    /// Row indices shown, filtered and sorted.
    pub view: Vec<usize>,
    /// Index into `view`.
    pub selected: usize,
    pub marked: Option<usize>,
    pub screen: Screen,
    pub mode: ReviewMode,
    pub status: Option<Status>,
    pub should_quit: bool,
    /// A drill-in edit was just refused: typed text is swallowed (not run as
    /// commands) until Esc, Enter or a movement key.
    pub refused_edit: bool,
    /// Totals, averages and grade counts of the rows in view (kept with the view,
    /// so drawing a frame does not recount a thousand rows).
    pub footer: Footer,
    /// Score histogram of the rows in view, 10-point buckets.
    pub histogram: Vec<Bucket>,
    /// Where leaving the drill-in goes back to (the matrix it was opened
    /// from); `None` means the overview.
    pub return_to: Option<Box<Screen>>,
    /// The export prompt last answered, and the existing file it asks to
    /// replace (Enter on that very name confirms).
    export_asked: Option<(PromptKind, Option<PathBuf>)>,
    /// The reviews before each change, for `u` and Ctrl-R.
    history: undo::ReviewHistory,
}

super::status::status_line_of!(ReviewApp);

impl ReviewApp {
    /// Which kind of mode the keyboard is in (for the keymap and the hints).
    #[must_use]
    pub fn mode_kind(&self) -> ModeKind {
        match (&self.mode, &self.screen) {
            (ReviewMode::Prompt(..), _) => ModeKind::Prompt,
            // Typed text after a refused edit arrives as input and is dropped.
            (ReviewMode::Browse, Screen::Drill { .. }) if self.refused_edit => ModeKind::Prompt,
            (ReviewMode::ConfirmQuit, _) => ModeKind::ConfirmQuit,
            (ReviewMode::Help(_), _) => ModeKind::Help,
            (ReviewMode::Browse, Screen::Drill { app, .. }) => app.mode.kind(),
            (ReviewMode::Browse, Screen::Matrix { .. }) => ModeKind::ReviewMatrix,
            (ReviewMode::Browse, Screen::Diff { .. }) => ModeKind::ReviewDiff,
            (ReviewMode::Browse, Screen::Overview) => ModeKind::ReviewList,
        }
    }

    #[must_use]
    pub fn new(session: ReviewSession, lang: Lang) -> Self {
        let columns = Column::on_screen(&session.overview);
        let mut app = Self {
            session,
            lang,
            monochrome: false,
            size: (120, 40),
            columns,
            column: 0,
            filter: Filter::default(),
            sort: None,
            view: Vec::new(),
            selected: 0,
            marked: None,
            screen: Screen::Overview,
            mode: ReviewMode::Browse,
            status: None,
            should_quit: false,
            refused_edit: false,
            footer: Footer::default(),
            histogram: Vec::new(),
            return_to: None,
            export_asked: None,
            history: undo::ReviewHistory::default(),
        };
        app.column = app
            .columns
            .iter()
            .position(|c| *c == Column::Difference)
            .unwrap_or(0);
        app.refresh_view();
        if let Some(note) = app.session.notes.first().cloned() {
            app.error_bi(&note);
        }
        app
    }

    /// What `of` reads from the entry of overview row `row`; the default
    /// when there is no such entry.
    pub(super) fn of_entry<T: Default>(&self, row: usize, of: impl FnOnce(&Entry) -> T) -> T {
        self.session.entries.get(row).map_or_else(T::default, of)
    }

    /// The overview row under the cursor.
    #[must_use]
    pub fn selected_row(&self) -> Option<usize> {
        self.view.get(self.selected).copied()
    }

    /// Recomputes the rows shown, keeping the same workbook selected if it still is.
    pub fn refresh_view(&mut self) {
        let keep = self.selected_row();
        self.view = self.session.view(&self.filter, self.sort);
        self.selected = keep
            .and_then(|row| self.view.iter().position(|r| *r == row))
            .unwrap_or(0)
            .min(self.view.len().saturating_sub(1));
        self.refresh_stats();
    }

    /// Recounts the footer and histogram (after the view or a review changed).
    pub fn refresh_stats(&mut self) {
        self.footer = self.session.footer(&self.view);
        self.histogram =
            crate::review::stats::histogram(self.session.rows(), &self.view, Decimal::TEN);
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> ReviewEffect {
        if let Action::ReviewEffectDone(outcome) = action {
            let is_error = outcome.is_err();
            if is_error {
                self.should_quit = false;
            }
            let text = outcome.unwrap_or_else(|why| why);
            self.status = Some(Status { text, is_error });
            return ReviewEffect::None;
        }
        if let Action::ReviewExportExists(path) = action {
            let kind = self
                .export_asked
                .take()
                .map_or(PromptKind::ExportOverview, |a| a.0);
            let text = path.display().to_string();
            self.export_asked = Some((kind, Some(path)));
            self.open_prompt(kind, text.clone());
            self.error(format!("{text} {}", self.tr(t::REPLACE_ASK)));
            return ReviewEffect::None;
        }
        if let Action::ReviewsWritten(results) = action {
            self.reviews_written(results);
            return ReviewEffect::None;
        }
        if let Action::ReviewLoaded(loaded) = action {
            self.loaded(*loaded);
            return ReviewEffect::None;
        }
        if let Action::ReviewReloaded(reloaded) = action {
            self.reloaded(*reloaded);
            return ReviewEffect::None;
        }
        if let Action::ReviewHashed(hashes) = action {
            self.session.hashed(hashes);
            return ReviewEffect::None;
        }
        if let Action::Resize(w, h) = action {
            self.size = (w, h);
            if let Screen::Drill { app, .. } = &mut self.screen {
                app.update(Action::Resize(w, h));
            }
            return ReviewEffect::None;
        }
        match self.mode.clone() {
            ReviewMode::Prompt(kind, editor) => return self.update_prompt(kind, editor, &action),
            ReviewMode::ConfirmQuit => {
                return match action {
                    Action::SaveAndQuit => {
                        self.should_quit = true;
                        self.save_reviews()
                    }
                    Action::DiscardAndQuit => {
                        self.should_quit = true;
                        ReviewEffect::Quit
                    }
                    Action::Cancel => {
                        self.mode = ReviewMode::Browse;
                        ReviewEffect::None
                    }
                    _ => ReviewEffect::None,
                };
            }
            ReviewMode::Help(scroll) => {
                self.mode = match action {
                    Action::Up => ReviewMode::Help(scroll.saturating_sub(1)),
                    Action::Down => ReviewMode::Help(scroll + 1),
                    Action::PageDown => ReviewMode::Help(scroll + 10),
                    Action::PageUp => ReviewMode::Help(scroll.saturating_sub(10)),
                    Action::Cancel | Action::Help | Action::Quit => ReviewMode::Browse,
                    _ => ReviewMode::Help(scroll),
                };
                return ReviewEffect::None;
            }
            ReviewMode::Browse => {}
        }
        if let Action::UnboundKey(ch) = action {
            let msg = format!("{ch} {}", self.tr(t::REVIEW_UNBOUND_KEY));
            self.tell(msg, true);
            return ReviewEffect::None;
        }
        let effect = match &self.screen {
            Screen::Drill { .. } => self.update_drill(action),
            Screen::Matrix { .. } | Screen::Diff { .. } => self.update_compare(&action),
            Screen::Overview => self.update_overview(action),
        };
        // A drill-in shows its own status line: what was said goes there.
        if let Screen::Drill { app, .. } = &mut self.screen
            && self.status.is_some()
        {
            app.status = self.status.take();
        }
        effect
    }

    /// What to write for the changed review files; a folder whose review
    /// file could not be read is refused here (and quitting called off).
    fn save_reviews(&mut self) -> ReviewEffect {
        let (writes, refused) = self.session.reviews.pending_writes();
        let unreadable = self.session.reviews.problems().into_iter().next();
        if let Some(why) = refused {
            self.should_quit = false;
            self.error_bi(&why);
        } else if let (true, Some(why)) = (writes.is_empty(), unreadable) {
            // Nothing was saved, and that file cannot be: say so, not "saved".
            self.error_bi(&Bilingual::new(
                format!("审核记录未保存：{}", why.zh),
                format!("reviews not saved: {}", why.en),
            ));
        } else if writes.is_empty() {
            self.info_tr(t::REVIEW_SAVED);
        }
        if writes.is_empty() {
            // Nothing to write: quitting (when asked) goes ahead at once.
            return if self.should_quit {
                ReviewEffect::Quit
            } else {
                ReviewEffect::None
            };
        }
        ReviewEffect::SaveReviews(writes)
    }

    /// Records what the run loop wrote; a failure calls off quitting.
    fn reviews_written(&mut self, results: Vec<(PathBuf, Result<String, Bilingual>)>) {
        let mut written = Vec::new();
        let mut failure = None;
        for (path, result) in results {
            match result {
                Ok(sha256) => {
                    self.session.reviews.mark_written(&path, sha256);
                    written.push(path.display().to_string());
                }
                Err(why) => {
                    failure.get_or_insert(why);
                }
            }
        }
        match failure {
            Some(why) => {
                self.should_quit = false;
                self.error_bi(&why);
            }
            None => {
                let msg = format!("{} {}", self.tr(t::REVIEW_SAVED), written.join(", "));
                self.info(msg);
            }
        }
    }

    fn move_to(&mut self, delta: isize) {
        let n = self.view.len();
        if n > 0 {
            self.selected = self.selected.saturating_add_signed(delta).min(n - 1);
        }
    }

    fn page(&self) -> isize {
        isize::try_from(crate::layout::review_rows(self.size)).unwrap_or(10)
    }

    /// Sorts by the selected column (names A→Z, figures largest first); again
    /// on the same column reverses.
    fn sort_by_selected_column(&mut self) {
        let Some(&column) = self.columns.get(self.column) else {
            return;
        };
        self.sort = match self.sort {
            Some(s) if s.column == column => Some(Sort {
                column,
                descending: !s.descending,
            }),
            _ => Some(Sort {
                column,
                descending: !matches!(column, Column::Unit | Column::File),
            }),
        };
        self.refresh_view();
        self.selected = 0;
    }

    /// The selected workbook's next review status.
    fn cycle_status(&mut self) {
        let Some(row) = self.current_row() else {
            return;
        };
        self.remember(row);
        let next = self
            .session
            .rows()
            .get(row)
            .map_or(ReviewStatus::default(), |r| r.status.next());
        let outcome = self.session.set_status(row, next);
        self.refresh_stats();
        match outcome {
            Ok(()) => {
                let msg = format!("{}：{}", self.tr(t::REVIEW_STATUS), next.label(self.lang));
                self.info(msg);
                if next == ReviewStatus::Returned {
                    // Sending back wants a reason: ask at once (Esc keeps 退回 without one).
                    self.open_unit_reason_prompt();
                }
            }
            Err(why) => {
                self.forget_unchanged(row);
                self.error_bi(&why);
            }
        }
    }

    fn update_overview(&mut self, action: Action) -> ReviewEffect {
        match action {
            Action::Up | Action::ScrollUp => self.move_to(-1),
            Action::Down | Action::ScrollDown => self.move_to(1),
            Action::PageUp => self.move_to(-self.page()),
            Action::PageDown => self.move_to(self.page()),
            Action::Home => self.selected = 0,
            Action::End => self.move_to(isize::MAX),
            Action::SelectRow(r) => self.selected = r.min(self.view.len().saturating_sub(1)),
            Action::Left => self.column = self.column.saturating_sub(1),
            Action::Right => {
                self.column = (self.column + 1).min(self.columns.len().saturating_sub(1));
            }
            Action::SortColumn => self.sort_by_selected_column(),
            Action::CycleGradeFilter => self.cycle_grade_filter(),
            Action::CycleYearFilter => self.cycle_year_filter(),
            Action::CycleStatusFilter => self.cycle_status_filter(),
            Action::ToggleWarningsFilter => {
                self.filter.min_severity = match self.filter.min_severity {
                    None => Some(Severity::High),
                    Some(_) => None,
                };
                self.refresh_view();
            }
            Action::ClearFilters => {
                self.filter = Filter::default();
                self.refresh_view();
                self.info_tr(t::REVIEW_FILTERS_CLEARED);
            }
            Action::SearchStart => self.open_prompt(PromptKind::Filter, self.filter.text.clone()),
            Action::DifferencePrompt => {
                let current = self
                    .filter
                    .min_abs_difference
                    .map(|d| d.to_string())
                    .unwrap_or_default();
                self.open_prompt(PromptKind::Difference, current);
            }
            Action::CommentPrompt => self.open_comment_prompt(),
            Action::Undo => self.step_history(true),
            Action::Redo => self.step_history(false),
            Action::ReviewerPrompt => {
                let current = self.session.reviews.signer().to_owned();
                self.open_prompt(PromptKind::Reviewer, current);
            }
            Action::BureauPrompt => self.open_bureau_prompt(PromptKind::BureauName),
            Action::ExportOverview => {
                let name = self.filtered_file_name(t::REVIEW_OVERVIEW_FILE);
                self.open_prompt(PromptKind::ExportOverview, name);
            }
            Action::ExportReviews => {
                let name = self.filtered_file_name(t::REVIEW_RESULTS_FILE);
                self.open_prompt(PromptKind::ExportReviews, name);
            }
            Action::CycleStatus => self.cycle_status(),
            Action::ReturnReasonPrompt => self.open_reason_prompt(),
            Action::ExportLetter => self.open_letter_prompt(),
            Action::ExportSummary => self.open_summary_prompt(),
            Action::Activate => return self.request_drill(),
            Action::Mark => {
                self.marked = self.selected_row();
                self.info_tr(t::REVIEW_MARKED);
            }
            Action::ShowDiff => return self.request_diff(),
            Action::ReloadChanged => return self.request_reload(),
            Action::ShowMatrix => {
                let mut matrix =
                    compare::matrix(&self.session.entries, &self.view, MatrixDepth::Leaves);
                self.with_review_scores(&mut matrix);
                self.screen = Screen::Matrix {
                    matrix,
                    selected: 0,
                    first_column: 0,
                };
            }
            Action::Save => return self.save_reviews(),
            Action::Help => self.mode = ReviewMode::Help(0),
            Action::Quit => {
                if self.session.is_dirty() {
                    self.mode = ReviewMode::ConfirmQuit;
                } else {
                    self.should_quit = true;
                    return ReviewEffect::Quit;
                }
            }
            Action::Cancel => self.status = None,
            Action::Saved(result) => match result {
                Ok(_) => {
                    self.info_tr(t::REVIEW_SAVED);
                }
                Err(why) => {
                    self.should_quit = false;
                    self.error(why);
                }
            },
            _ => {}
        }
        ReviewEffect::None
    }

    /// `c`: the overall comment of the selected unit (or the drill-in's).
    fn open_comment_prompt(&mut self) {
        let current = self
            .current_row()
            .and_then(|r| self.session.review(r))
            .map(|r| r.comment.clone())
            .unwrap_or_default();
        self.open_prompt(PromptKind::Comment, current);
    }

    /// The reviewer's scores into the matrix's cells, where given.
    fn with_review_scores(&self, matrix: &mut Matrix) {
        for row in &mut matrix.rows {
            let Some(review) = self.session.review(row.row) else {
                continue;
            };
            for (cell, column) in row.cells.iter_mut().zip(&matrix.columns) {
                if let (Some(cell), Some(r)) = (cell, review.indicators.get(&column.code)) {
                    if let Some(band) = r.score.and_then(|s| compare::share_of(s, cell.weight)) {
                        cell.band = compare::ShareBand::of(band);
                    }
                    cell.review = r.score;
                }
            }
        }
    }

    fn open_prompt(&mut self, kind: PromptKind, current: String) {
        self.mode = ReviewMode::Prompt(kind, Editor::new(EditTarget::Reason(0), current));
    }

    fn update_prompt(
        &mut self,
        kind: PromptKind,
        mut editor: Editor,
        action: &Action,
    ) -> ReviewEffect {
        let edited = editor.apply_key(action);
        match action {
            _ if edited => {}
            Action::Cancel => {
                self.mode = ReviewMode::Browse;
                self.export_asked = None;
                return ReviewEffect::None;
            }
            Action::Commit | Action::Activate => return self.commit_prompt(kind, editor),
            _ => {}
        }
        if kind == PromptKind::Filter {
            // The text filter follows every keystroke.
            editor.buffer.clone_into(&mut self.filter.text);
            self.refresh_view();
        }
        self.mode = ReviewMode::Prompt(kind, editor);
        ReviewEffect::None
    }

    /// A default export file name, saying the filter when one is on.
    fn filtered_file_name(&self, name: Tr) -> String {
        let name = self.tr(name);
        let path = std::path::Path::new(name);
        let (stem, ext) = (
            path.file_stem().and_then(|s| s.to_str()).unwrap_or(name),
            path.extension().and_then(|s| s.to_str()).unwrap_or("csv"),
        );
        let filter = self.filter.words(self.lang);
        crate::review::documents::filtered_name(stem, ext, &filter, self.lang)
    }

    /// Opens the bureau's prompt `kind` holding the field's current value.
    fn open_bureau_prompt(&mut self, kind: PromptKind) {
        let mut bureau = self.session.bureau(self.selected_row());
        let current = kind
            .bureau_field(&mut bureau)
            .map(|s| s.clone())
            .unwrap_or_default();
        self.open_prompt(kind, current);
    }

    fn commit_prompt(&mut self, kind: PromptKind, mut editor: Editor) -> ReviewEffect {
        let text = editor.buffer.trim().to_owned();
        let outcome: Result<ReviewEffect, Bilingual> = match kind {
            PromptKind::Filter => {
                self.filter.text = text;
                self.refresh_view();
                Ok(ReviewEffect::None)
            }
            PromptKind::Difference => {
                if text.is_empty() {
                    self.filter.min_abs_difference = None;
                    self.refresh_view();
                    Ok(ReviewEffect::None)
                } else {
                    parse_number(&text, NumberRules::PERCENT)
                        .map(|d: Decimal| {
                            self.filter.min_abs_difference = Some(d);
                            self.refresh_view();
                            ReviewEffect::None
                        })
                        .map_err(|e| Bilingual::new(e.zh(), e.en()))
                }
            }
            PromptKind::Comment => match self.current_row() {
                Some(row) => {
                    self.remember(row);
                    let set = self.session.set_comment(row, &text);
                    self.forget_unchanged(row);
                    set.map(|()| ReviewEffect::None)
                }
                None => Ok(ReviewEffect::None),
            },
            PromptKind::Reason | PromptKind::IndicatorReason => self.commit_reason(kind, &text),
            PromptKind::Reviewer => {
                self.session.sign_as(&text);
                if !text.is_empty() {
                    let msg = format!("{}：{text}", self.tr(t::REVIEW_REVIEWER_SET));
                    self.info(msg);
                }
                Ok(ReviewEffect::None)
            }
            PromptKind::BureauName
            | PromptKind::BureauNumber
            | PromptKind::BureauContact
            | PromptKind::BureauDeadline => {
                let mut bureau = self.session.bureau(self.selected_row());
                if let Some(slot) = kind.bureau_field(&mut bureau) {
                    text.clone_into(slot);
                }
                self.session
                    .set_bureau(&bureau)
                    .map(|()| ReviewEffect::None)
            }
            PromptKind::ExportOverview
            | PromptKind::ExportReviews
            | PromptKind::ExportLetter
            | PromptKind::ExportSummary => {
                let asked = self.export_asked.take().and_then(|(_, path)| path);
                let replace = asked.as_deref() == Some(std::path::Path::new(&text));
                self.export_asked = Some((kind, None));
                self.export_effect(kind, &text, replace)
            }
        };
        match outcome {
            Ok(effect) => {
                self.mode = ReviewMode::Browse;
                match kind.next_bureau() {
                    Some(next) => self.open_bureau_prompt(next),
                    None if kind == PromptKind::BureauDeadline => {
                        self.info_tr(t::REVIEW_BUREAU_SET);
                    }
                    None => {}
                }
                effect
            }
            Err(why) => {
                editor.error = Some(why.clone());
                self.error_bi(&why);
                self.mode = ReviewMode::Prompt(kind, editor);
                ReviewEffect::None
            }
        }
    }

    /// Opens a workbook read again in full in the workbench panes, read-only,
    /// with the reviewer's scores and comments of the review session filled in.
    pub(super) fn open_drill(&mut self, row: usize, opened: &Opened) {
        let mut workbook = opened.workbook.clone();
        // The review session is the only source of review scores shown here
        // (one walk: an index lookup per indicator took 3 minutes for 100,000).
        let review = self.session.review(row);
        workbook.table.for_each_mut(|_, ind| {
            match review.and_then(|r| r.indicators.get(&ind.code)) {
                Some(r) => {
                    ind.entry.reviewer_score = r.score;
                    r.comment.clone_into(&mut ind.entry.reviewer_comment);
                }
                None => {
                    ind.entry.reviewer_score = None;
                    ind.entry.reviewer_comment.clear();
                }
            }
        });
        let path = self.of_entry(row, |e| e.path.clone());
        let mut app = App::new(workbook, path, Origin::File, self.lang);
        app.read_only = Some(Bilingual::new(
            "审核模式：部门文件只读，仅可填写复核得分和意见",
            "review mode: the department's file is read-only; only review scores and comments can be entered",
        ));
        app.reviewing = true;
        // The reviewer's score column first.
        app.column[super::Pane::Indicators] = 1;
        app.monochrome = self.monochrome;
        app.update(Action::Resize(self.size.0, self.size.1));
        self.screen = Screen::Drill {
            row,
            app: Box::new(app),
        };
        // What the overview last said is not about this screen.
        self.status = None;
        self.tell_reason(row);
    }

    fn update_drill(&mut self, action: Action) -> ReviewEffect {
        let Screen::Drill { row, app } = &mut self.screen else {
            return ReviewEffect::None;
        };
        let row = *row;
        if self.refused_edit {
            self.refused_edit = false;
            match action {
                Action::Input(_)
                | Action::Paste(_)
                | Action::Backspace
                | Action::Delete
                | Action::ClearInput => {
                    // Still typing into an editor that did not open.
                    self.refused_edit = true;
                    return ReviewEffect::None;
                }
                Action::Cancel | Action::Commit | Action::Activate => return ReviewEffect::None,
                _ => {}
            }
        }
        let leaving = app.mode == Mode::Browse && matches!(action, Action::Cancel | Action::Quit);
        if app.mode == Mode::Browse {
            match action {
                Action::OverviewOnly => {
                    self.tell(self.tr(t::REVIEW_OVERVIEW_KEY).to_owned(), true);
                    return ReviewEffect::None;
                }
                Action::NotInReview => {
                    let why = app.read_only.as_ref().map(|w| w.get(self.lang).to_owned());
                    let msg = format!(
                        "{}：{}",
                        self.tr(t::READ_ONLY_REFUSED),
                        why.unwrap_or_default()
                    );
                    self.tell(msg, true);
                    return ReviewEffect::None;
                }
                Action::CycleStatus => {
                    self.sync_drill(row);
                    self.cycle_status();
                    return ReviewEffect::None;
                }
                Action::CommentPrompt => {
                    self.open_comment_prompt();
                    return ReviewEffect::None;
                }
                Action::Help => {
                    // The reviewer's help, not the workbench's.
                    self.mode = ReviewMode::Help(0);
                    return ReviewEffect::None;
                }
                _ => {}
            }
        }
        if !leaving {
            if action == Action::ReturnReasonPrompt && app.mode == Mode::Browse {
                // The reason is the review's, not the drill-in's: it goes
                // straight to the session (its scores are synced first).
                self.sync_drill(row);
                self.open_reason_prompt();
                return ReviewEffect::None;
            }
            // Saving inside a drill-in saves the reviews, never the workbook.
            if action == Action::Save {
                self.sync_drill(row);
                return self.save_reviews();
            }
            let activating = action == Action::Activate && app.mode == Mode::Browse;
            if activating {
                // Only what this Enter says counts as a refusal: an older
                // message (`b` outside pane 3) must not swallow the next keys.
                app.status = None;
            }
            let moving = sendback::is_movement(&action) && app.mode == Mode::Browse;
            // The one effect a drill-in asks for: opening an evidence file.
            if let super::Effect::OpenEvidence { path } = app.update(action) {
                let beside = crate::core::model::evidence::resolve_beside(&app.path, &path);
                return beside.map_or(ReviewEffect::None, ReviewEffect::OpenFile);
            }
            // Enter that opened no editor and said why: what is typed next
            // was meant for the editor, not for the command keys.
            self.refused_edit = activating
                && app.mode == Mode::Browse
                && app.status.as_ref().is_some_and(|s| s.is_error);
            if moving {
                self.note_indicator_reason(row);
            }
            return ReviewEffect::None;
        }
        self.sync_drill(row);
        self.refresh_stats();
        self.screen = self.screen_after_drill();
        ReviewEffect::None
    }

    /// Copies the reviewer's scores and comments from the drill-in into the session.
    fn sync_drill(&mut self, row: usize) {
        let Screen::Drill { app, .. } = &self.screen else {
            return;
        };
        if self.session.digest(row).is_none() {
            return;
        }
        let mut changes = Vec::new();
        for (_, shown) in app.workbook.table.flatten() {
            let recorded = self
                .session
                .review(row)
                .and_then(|r| r.indicators.get(&shown.code));
            let recorded_score = recorded.and_then(|r| r.score);
            let recorded_comment = recorded.map(|r| r.comment.as_str()).unwrap_or_default();
            let score = shown.entry.reviewer_score;
            if score != recorded_score {
                changes.push((
                    shown.code.clone(),
                    Some(score.map(|s| s.to_string()).unwrap_or_default()),
                    None,
                ));
            }
            if shown.entry.reviewer_comment != recorded_comment {
                changes.push((
                    shown.code.clone(),
                    None,
                    Some(shown.entry.reviewer_comment.clone()),
                ));
            }
        }
        if !changes.is_empty() {
            self.remember(row);
        }
        for (code, score, comment) in changes {
            let result = match (score, comment) {
                (Some(s), _) => self.session.set_score(row, &code, &s),
                (None, Some(c)) => {
                    self.session
                        .set_indicator_note(row, &code, IndicatorNote::Comment, &c)
                }
                (None, None) => Ok(()),
            };
            if let Err(why) = result {
                self.error_bi(&why);
            }
        }
    }

    /// Shows two workbooks read again in full side by side.
    pub(super) fn open_diff(&mut self, left: &Opened, right: &Opened) {
        let diff = compare::diff(left, right, self.lang);
        self.screen = Screen::Diff { diff, scroll: 0 };
    }

    fn update_compare(&mut self, action: &Action) -> ReviewEffect {
        let page = crate::layout::review_body_rows(self.size);
        match &mut self.screen {
            Screen::Matrix {
                matrix,
                selected,
                first_column,
            } => match action {
                Action::Up | Action::ScrollUp => *selected = selected.saturating_sub(1),
                Action::Down | Action::ScrollDown => {
                    *selected = (*selected + 1).min(matrix.rows.len().saturating_sub(1));
                }
                Action::PageUp => *selected = selected.saturating_sub(page),
                Action::PageDown => {
                    *selected = (*selected + page).min(matrix.rows.len().saturating_sub(1));
                }
                Action::Home => *selected = 0,
                Action::End => *selected = matrix.rows.len().saturating_sub(1),
                Action::Left => *first_column = first_column.saturating_sub(1),
                Action::Right => {
                    *first_column = (*first_column + 1).min(matrix.columns.len().saturating_sub(1));
                }
                Action::Cancel | Action::Quit | Action::ShowMatrix => {
                    self.screen = Screen::Overview;
                }
                Action::Activate => return self.open_matrix_cell(),
                Action::Help => self.mode = ReviewMode::Help(0),
                _ => {}
            },
            Screen::Diff { diff, scroll } => {
                let lines: usize = diff.sections.iter().map(|s| s.lines.len() + 1).sum();
                match action {
                    Action::Up | Action::ScrollUp => *scroll = scroll.saturating_sub(1),
                    Action::Down | Action::ScrollDown => {
                        *scroll = (*scroll + 1).min(lines.saturating_sub(1));
                    }
                    Action::PageUp => *scroll = scroll.saturating_sub(page),
                    Action::PageDown => *scroll = (*scroll + page).min(lines.saturating_sub(1)),
                    Action::Home => *scroll = 0,
                    Action::End => *scroll = lines.saturating_sub(1),
                    Action::Cancel | Action::Quit | Action::ShowDiff => {
                        self.screen = Screen::Overview;
                    }
                    Action::Help => self.mode = ReviewMode::Help(0),
                    _ => {}
                }
            }
            _ => {}
        }
        ReviewEffect::None
    }
}

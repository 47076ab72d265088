//! Workbench state and the one place it changes: `App::update(Action)`.
//! No terminal, no file system, no clock: the run loop performs `Effect`s.

pub mod action;
pub mod edit;
mod entry_flow;
pub mod evidence;
mod history;
pub mod identity;
pub mod keymap;
pub mod keys;
/// The report's narrative sections (kept in the model, which the comparison reads).
pub mod narrative {
    pub use crate::core::model::narrative::Section;
}
pub mod officer;
mod officer_search;
pub mod panes;
pub mod printed;
pub mod reader;
pub mod review;
mod review_filters;
mod review_jump;
mod review_load;
pub mod rows;
pub mod search;
pub mod status;
pub mod structure;
mod target_label;
pub mod what_if;

use std::path::PathBuf;

use crate::core::engine::{Concern, Derived, derive, derive_with_evidence};
use crate::core::model::{RuleKind, Workbook};
use crate::core::{Bilingual, Lang};
use crate::i18n as t;

pub use action::{Action, Effect};
pub use edit::{Choice, EditTarget, Editor};
pub use panes::{PANES, Pane, PaneMap};
pub use rows::{BudgetRow, IndicatorRow, WorkloadRow};
use search::Hit;
pub use status::{Status, StatusLine};

/// What the keyboard is doing right now.
#[derive(Debug, Clone, PartialEq)]
pub enum Mode {
    Browse,
    Edit(Editor),
    Choice(Choice),
    Search(Editor),
    ConfirmQuit,
    /// The key help, scrolled down by this many lines.
    Help(usize),
    /// Typing the path for "save as".
    SaveAs(Editor),
    /// Typing the path to export the report (.md) or tables (.xlsx, .csv / a folder).
    Export(Editor),
    /// The file changed on disk since it was loaded: overwrite, save as, or
    /// reload (`reload_armed` once R was pressed; a second R reloads).
    ConfirmExternal {
        suggestion: PathBuf,
        reload_armed: bool,
    },
    /// Unsaved edits of an earlier session were found.
    RecoveryOffer(Box<RecoveryOffer>),
    /// The rule form of a leaf: kind, metric and parameters, with the sentence.
    RuleForm(Box<structure::RuleForm>),
    /// Deleting a row that holds the officer's content: y deletes, Esc keeps.
    ConfirmDelete(Box<structure::PendingDelete>),
    /// Reading the report text of a read-only workbook.
    Read(reader::Reader),
    /// The 佐证材料清单 of an indicator: listed files, the folder's, add and remove.
    Evidence(Box<evidence::EvidenceDialog>),
}

/// What the recovery offer shows and can restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryOffer {
    pub workbook: Workbook,
    /// The editor that was open, with its text: reopened on restore.
    pub draft: Option<(EditTarget, String)>,
    /// Where the recovery file is, when and from what it was written.
    pub summary: Bilingual,
    /// The differences from the saved file, one line each.
    pub differences: Vec<String>,
    pub show_differences: bool,
    pub scroll: usize,
}

/// Which kind of mode, for the keymap and the help overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModeKind {
    Browse,
    Edit,
    Choice,
    Search,
    ConfirmQuit,
    Help,
    /// Reviewer mode: the overview of many workbooks.
    ReviewList,
    /// Reviewer mode: the units × indicators matrix.
    ReviewMatrix,
    /// Reviewer mode: the side-by-side comparison of two workbooks.
    ReviewDiff,
    /// Reviewer mode: keys of a drill-in besides the workbench's browse keys.
    ReviewDrill,
    /// Reviewer mode: a one-line prompt (filter, comment, export path).
    Prompt,
    /// The file changed on disk: what now?
    ConfirmExternal,
    /// Restore the edits of an earlier session?
    RecoveryOffer,
    /// The rule form.
    RuleForm,
    /// Delete a row holding content?
    ConfirmDelete,
    /// Reading the report text (read-only).
    Reader,
    /// The 佐证材料清单 dialog.
    Evidence,
}

impl Mode {
    #[must_use]
    pub fn kind(&self) -> ModeKind {
        match self {
            Self::Browse => ModeKind::Browse,
            Self::Edit(_) => ModeKind::Edit,
            Self::Choice(_) => ModeKind::Choice,
            Self::Search(_) => ModeKind::Search,
            Self::ConfirmQuit => ModeKind::ConfirmQuit,
            Self::Help(_) => ModeKind::Help,
            Self::SaveAs(_) | Self::Export(_) => ModeKind::Prompt,
            Self::ConfirmExternal { .. } => ModeKind::ConfirmExternal,
            Self::RecoveryOffer(_) => ModeKind::RecoveryOffer,
            Self::RuleForm(_) => ModeKind::RuleForm,
            Self::ConfirmDelete(_) => ModeKind::ConfirmDelete,
            Self::Read(_) => ModeKind::Reader,
            Self::Evidence(_) => ModeKind::Evidence,
        }
    }
}

/// Where the workbook came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Loaded from its file.
    File,
    /// The file does not exist yet; started blank (or from the sample).
    NewFile,
    /// No workbook of the officer's yet: the embedded sample, shown as 示例.
    Sample,
}

/// The workbench.
#[derive(Debug, Clone)]
pub struct App {
    pub workbook: Workbook,
    pub derived: Derived,
    /// The workbook as last saved or loaded.
    pub saved: Workbook,
    pub path: PathBuf,
    pub origin: Origin,
    pub lang: Lang,
    /// Why the workbook cannot be edited, if it cannot.
    pub read_only: Option<Bilingual>,
    pub pane: Pane,
    /// The selected row of each pane.
    pub selection: PaneMap<usize>,
    /// The selected column of each pane.
    pub column: PaneMap<usize>,
    pub folds: rows::Folds,
    /// When the officer asked to mark the table verified (from the run loop's clock).
    pub verify_at: String,
    pub mode: Mode,
    pub status: Option<Status>,
    history: history::History,
    pub dirty: bool,
    /// The workbook before the open editor started changing it.
    edit_base: Option<Workbook>,
    search: search::Found,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Counts every change to the workbook, for the recovery journal.
    pub generation: u64,
    pub should_quit: bool,
    /// Why the last recovery write failed; shown in the header until one succeeds.
    pub recovery_problem: Option<String>,
    /// Render without colours (`NO_COLOR`).
    pub monochrome: bool,
    /// Review mode: the workbook is read-only except the reviewer's score
    /// and comment per indicator, which the review session stores apart.
    pub reviewing: bool,
    /// Enter keeps the selection on the committed row (`JIXIAO_ENTER_STAYS`);
    /// by default it moves on to the next row that can be typed into.
    pub enter_stays: bool,
    /// The selected leaf's what-if (`App::what_if_of`).
    what_if: Option<what_if::WhatIfCache>,
    /// The existing file the export prompt asks to replace: Enter on this
    /// very name confirms.
    replace_asked: Option<PathBuf>,
    /// The detail panel's page (`]`, `[`) and the row it was turned on: another
    /// row starts again at the first page.
    detail_page: (Pane, usize, usize),
    /// What the run loop found of each listed evidence file (empty until it looked).
    pub evidence: crate::core::model::EvidenceFacts,
}

status::status_line_of!(App);

impl App {
    /// A workbench over `workbook`, which was loaded from (or will be saved to) `path`.
    #[must_use]
    pub fn new(workbook: Workbook, path: PathBuf, origin: Origin, lang: Lang) -> Self {
        let derived = derive(&workbook);
        Self {
            saved: workbook.clone(),
            workbook,
            derived,
            path,
            origin,
            lang,
            read_only: None,
            pane: Pane::Summary,
            selection: PaneMap::default(),
            column: PaneMap::default(),
            folds: rows::Folds::default(),
            verify_at: String::new(),
            mode: Mode::Browse,
            status: None,
            history: history::History::default(),
            dirty: false,
            edit_base: None,
            search: search::Found::default(),
            size: (80, 24),
            generation: 0,
            recovery_problem: None,
            should_quit: false,
            monochrome: false,
            reviewing: false,
            enter_stays: false,
            what_if: None,
            replace_asked: None,
            detail_page: (Pane::Summary, 0, 0),
            evidence: crate::core::model::EvidenceFacts::new(),
        }
    }

    /// The detail panel's page for the selected row (the renderer wraps it
    /// around the pages there are).
    #[must_use]
    pub fn detail_page(&self) -> usize {
        let (pane, row, page) = self.detail_page;
        if pane == self.pane && row == self.selected() {
            page
        } else {
            0
        }
    }

    fn turn_detail_page(&mut self, forward: bool) {
        let page = self.detail_page();
        let page = if forward {
            page + 1
        } else {
            page.saturating_sub(1)
        };
        self.detail_page = (self.pane, self.selected(), page);
    }

    /// Rows a pane has right now.
    #[must_use]
    pub fn row_count(&self, pane: Pane) -> usize {
        (pane.spec().rows)(self)
    }

    #[must_use]
    pub fn selected(&self) -> usize {
        self.selection[self.pane]
    }

    /// Rows visible in the pane's table at the current terminal size (one page).
    #[must_use]
    pub fn page_rows(&self) -> usize {
        crate::layout::pane_rows(self.size)
    }

    fn recompute(&mut self) {
        self.derived = derive_with_evidence(&self.workbook, &self.evidence);
        // In review mode only review fields change, and they are not the file's.
        self.dirty = !self.reviewing && self.workbook != self.saved;
        self.clamp_selection();
    }

    fn clamp_selection(&mut self) {
        for pane in Pane::all() {
            let n = self.row_count(pane);
            let s = &mut self.selection[pane];
            *s = (*s).min(n.saturating_sub(1));
        }
    }

    /// Applies one action. The returned effect is for the run loop to carry out.
    pub fn update(&mut self, action: Action) -> Effect {
        let effect = self.apply(action);
        self.refresh_what_if();
        effect
    }

    fn apply(&mut self, action: Action) -> Effect {
        match action {
            Action::Resize(w, h) => {
                self.size = (w, h);
                return Effect::None;
            }
            Action::Saved(result) => {
                self.on_saved(result);
                return Effect::None;
            }
            Action::SaveConflict { suggestion } => {
                self.mode = Mode::ConfirmExternal {
                    suggestion,
                    reload_armed: false,
                };
                self.error(self.tr(t::CHANGED_ON_DISK));
                return Effect::None;
            }
            Action::Exported(result) => {
                self.on_exported(result);
                return Effect::None;
            }
            Action::ExportExists(path) => {
                self.replace_asked = Some(path.clone());
                let text = path.display().to_string();
                self.mode = Mode::Export(Editor::new(EditTarget::Reason(0), text.clone()));
                self.error(format!("{text} {}", self.tr(t::REPLACE_ASK)));
                return Effect::None;
            }
            Action::Reloaded(result) => {
                self.on_reloaded(result);
                return Effect::None;
            }
            Action::EvidenceFiles(_)
            | Action::EvidenceHashed { .. }
            | Action::EvidenceOpenFailed(_)
            | Action::EvidenceChecked(_) => {
                self.on_evidence(action);
                return Effect::None;
            }
            Action::OfferRecovery(offer) => {
                self.mode = Mode::RecoveryOffer(offer);
                return Effect::None;
            }
            Action::RecoveryWritten(result) => {
                self.recovery_problem = result.err();
                return Effect::None;
            }
            Action::OpenedReadOnly(why) => {
                self.error_bi(&why);
                self.read_only = Some(why);
                return Effect::None;
            }
            Action::Paste(_)
                if !matches!(
                    self.mode.kind(),
                    ModeKind::Edit | ModeKind::Prompt | ModeKind::Search
                ) =>
            {
                let msg = self.tr(t::PASTE_IGNORED);
                self.info(msg);
                return Effect::None;
            }
            _ => {}
        }
        // The modes that only change the app; the others may ask for an effect.
        let local: fn(&mut Self, &Action) = match self.mode.kind() {
            ModeKind::Prompt => return self.update_save_as(&action),
            ModeKind::ConfirmExternal => return self.update_external(&action),
            ModeKind::ConfirmQuit => return self.update_confirm_quit(&action),
            ModeKind::Evidence => return self.update_evidence(&action),
            ModeKind::Browse
            | ModeKind::ReviewList
            | ModeKind::ReviewMatrix
            | ModeKind::ReviewDiff
            | ModeKind::ReviewDrill => return self.update_browse(action),
            ModeKind::RecoveryOffer => Self::update_recovery,
            ModeKind::Edit => Self::update_edit,
            ModeKind::Choice => Self::update_choice,
            ModeKind::Search => Self::update_search,
            ModeKind::RuleForm => Self::update_rule_form,
            ModeKind::ConfirmDelete => Self::update_confirm_delete,
            ModeKind::Help => Self::update_help,
            ModeKind::Reader => Self::update_reader,
        };
        local(self, &action);
        Effect::None
    }

    fn update_help(&mut self, action: &Action) {
        let Mode::Help(scroll) = &mut self.mode else {
            return;
        };
        match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll += 1,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll += 10,
            Action::Cancel | Action::Help | Action::Quit | Action::Activate => {
                self.mode = Mode::Browse;
            }
            _ => {}
        }
    }

    fn move_selection(&mut self, delta: isize) {
        let n = self.row_count(self.pane);
        if n == 0 {
            return;
        }
        let current = self.selected();
        let next = current.saturating_add_signed(delta).min(n - 1);
        self.selection[self.pane] = next;
    }

    fn update_browse(&mut self, action: Action) -> Effect {
        let page = isize::try_from(self.page_rows()).unwrap_or(10);
        match action {
            Action::NextPane => self.pane = self.pane.next(),
            Action::PrevPane => self.pane = self.pane.prev(),
            Action::GoPane(n) => {
                if let Some(pane) = Pane::at(n) {
                    self.pane = pane;
                }
            }
            Action::Up | Action::ScrollUp => self.move_selection(-1),
            Action::Down | Action::ScrollDown => self.move_selection(1),
            Action::PageUp => self.move_selection(-page),
            Action::PageDown => self.move_selection(page),
            Action::Home => self.selection[self.pane] = 0,
            Action::SelectRow(row) => {
                self.selection[self.pane] = row;
                self.clamp_selection();
            }
            Action::End => self.move_selection(isize::MAX),
            Action::Left => {
                let c = &mut self.column[self.pane];
                *c = c.saturating_sub(1);
            }
            Action::Right => {
                let cols = self.column_count();
                let c = &mut self.column[self.pane];
                *c = (*c + 1).min(cols - 1);
            }
            Action::Activate => self.activate(),
            action if structure::is_structural(&action) => self.update_structure(action),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::RevertToSaved => self.revert(),
            Action::Save => return self.save(),
            Action::OpenEvidence => return self.open_evidence(),
            Action::ExportPrompt => {
                let stem = self.path.file_stem().map_or_else(
                    || "workbook".to_owned(),
                    |s| s.to_string_lossy().into_owned(),
                );
                let suggestion = self
                    .path
                    .with_file_name(format!("{stem}-{}.md", self.tr(t::REPORT_SUFFIX)));
                self.mode = Mode::Export(Editor::new(
                    EditTarget::Reason(0),
                    suggestion.display().to_string(),
                ));
            }
            Action::SaveAsPrompt if !self.refuse_if_read_only() => {
                let current = self.path.display().to_string();
                self.mode = Mode::SaveAs(Editor::new(EditTarget::Reason(0), current));
            }
            Action::Quit => {
                if self.dirty {
                    self.mode = Mode::ConfirmQuit;
                } else {
                    self.should_quit = true;
                    return Effect::Quit;
                }
            }
            Action::Help => self.mode = Mode::Help(0),
            Action::SearchStart => {
                self.mode = Mode::Search(Editor::new(EditTarget::Reason(0), String::new()));
            }
            Action::SearchNext => self.step_search(1),
            Action::SearchPrev => self.step_search(-1),
            Action::DetailDown => self.turn_detail_page(true),
            Action::DetailUp => self.turn_detail_page(false),
            Action::FillPrinted => self.fill_printed(),
            Action::EditAnalysis => self.edit_analysis(),
            Action::Cancel => self.status = None,
            _ => {}
        }
        Effect::None
    }

    fn save(&mut self) -> Effect {
        if self.refuse_if_read_only() {
            return Effect::None;
        }
        Effect::Save
    }

    fn update_save_as(&mut self, action: &Action) -> Effect {
        let exporting = matches!(self.mode, Mode::Export(_));
        let (Mode::SaveAs(editor) | Mode::Export(editor)) = &mut self.mode else {
            return Effect::None;
        };
        if editor.apply_key(action) {
            return Effect::None;
        }
        match action {
            Action::Cancel => {
                self.mode = Mode::Browse;
                self.replace_asked = None;
            }
            Action::Commit | Action::Activate => {
                let text = editor.buffer.trim().to_owned();
                if text.is_empty() {
                    return Effect::None;
                }
                self.mode = Mode::Browse;
                let path = PathBuf::from(text);
                let replace = self.replace_asked.take().as_ref() == Some(&path);
                return if exporting {
                    Effect::Export { path, replace }
                } else {
                    Effect::SaveAs { path }
                };
            }
            _ => {}
        }
        Effect::None
    }

    fn update_external(&mut self, action: &Action) -> Effect {
        let Mode::ConfirmExternal {
            suggestion,
            reload_armed,
        } = &mut self.mode
        else {
            return Effect::None;
        };
        match action {
            Action::Choose('o' | 'O') => {
                self.mode = Mode::Browse;
                Effect::SaveOverwrite
            }
            Action::Choose('a' | 'A') => {
                let current = suggestion.display().to_string();
                self.mode = Mode::SaveAs(Editor::new(EditTarget::Reason(0), current));
                Effect::None
            }
            Action::Choose('r' | 'R') => {
                if *reload_armed {
                    self.mode = Mode::Browse;
                    Effect::Reload
                } else {
                    *reload_armed = true;
                    let msg = self.tr(t::RELOAD_AGAIN);
                    self.error(msg);
                    Effect::None
                }
            }
            Action::Cancel => {
                self.mode = Mode::Browse;
                self.info_tr(t::NOT_SAVED_KEPT);
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn on_reloaded(&mut self, result: Result<Box<Workbook>, String>) {
        match result {
            Ok(workbook) => {
                // The edits stay one undo away.
                let before = std::mem::replace(&mut self.workbook, *workbook);
                self.saved = self.workbook.clone();
                self.push_undo(before);
                self.recompute();
                self.info_tr(t::RELOADED);
            }
            Err(why) => self.error(why),
        }
    }

    fn update_recovery(&mut self, action: &Action) {
        let Mode::RecoveryOffer(offer) = &mut self.mode else {
            return;
        };
        match action {
            Action::Choose('r' | 'R') => {
                let recovered = offer.workbook.clone();
                let draft = offer.draft.clone();
                self.mode = Mode::Browse;
                let before = std::mem::replace(&mut self.workbook, recovered);
                self.push_undo(before);
                self.recompute();
                self.info_tr(t::RECOVERY_RESTORED);
                if let Some((target, text)) = draft {
                    self.reopen_draft(target, text);
                }
            }
            Action::Choose('o' | 'O') => {
                self.mode = Mode::Browse;
                self.info_tr(t::RECOVERY_KEPT);
            }
            Action::Choose('d' | 'D') => offer.show_differences = !offer.show_differences,
            Action::Up => offer.scroll = offer.scroll.saturating_sub(1),
            Action::Down => offer.scroll += 1,
            _ => {}
        }
    }

    fn on_exported(&mut self, result: Result<PathBuf, String>) {
        match result {
            Ok(path) => {
                let msg = format!("{} {}", self.tr(t::EXPORTED), path.display());
                self.info(msg);
            }
            Err(why) => self.error(format!("{}：{why}", self.tr(t::EXPORT_FAILED))),
        }
    }

    fn on_saved(&mut self, result: Result<PathBuf, String>) {
        match result {
            Ok(path) => {
                self.saved = self.workbook.clone();
                self.origin = Origin::File;
                self.dirty = false;
                // The file holds the edits now; a recovery write that failed
                // before no longer matters (the recovery file is removed).
                self.recovery_problem = None;
                self.info(format!("{} {}", self.tr(t::SAVED), path.display()));
                self.path = path;
                if self.mode == Mode::ConfirmQuit {
                    self.should_quit = true;
                }
            }
            Err(why) => {
                self.mode = Mode::Browse;
                self.error(format!("{}：{why}", self.tr(t::SAVE_FAILED)));
            }
        }
    }

    fn update_confirm_quit(&mut self, action: &Action) -> Effect {
        match action {
            Action::SaveAndQuit => {
                let effect = self.save();
                if effect == Effect::None {
                    self.mode = Mode::Browse;
                }
                effect
            }
            Action::DiscardAndQuit => {
                self.should_quit = true;
                Effect::Quit
            }
            Action::Cancel => {
                self.mode = Mode::Browse;
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// How many columns ←→ selects in the current pane: in review, the
    /// indicators pane offers only the reviewer's two (comment, score).
    #[must_use]
    pub fn column_count(&self) -> usize {
        if self.reviewing && self.pane == Pane::Indicators {
            2
        } else {
            self.pane.columns()
        }
    }

    fn refuse_if_read_only(&mut self) -> bool {
        if let Some(why) = self.read_only.clone() {
            self.error(format!(
                "{}：{}",
                self.tr(t::READ_ONLY_REFUSED),
                why.get(self.lang)
            ));
            return true;
        }
        false
    }

    /// `T` on a leaf of the indicators pane: its analysis (分析) in the editor.
    fn edit_analysis(&mut self) {
        let leaf = (self.pane == Pane::Indicators && !self.reviewing)
            .then(|| self.selected_indicator())
            .flatten()
            .filter(|&i| {
                self.workbook
                    .table
                    .flatten()
                    .get(i)
                    .is_some_and(|(_, ind)| ind.is_leaf())
            });
        match leaf {
            Some(i) => self.open_editor(EditTarget::Analysis(i)),
            None => self.info_tr(t::ANALYSIS_WHERE),
        }
    }

    /// Enter/e on the selected row: what the pane's registry entry says.
    fn activate(&mut self) {
        let selected = self.selected();
        (self.pane.spec().activate)(self, selected);
    }

    fn activate_indicator(&mut self, selected: usize) {
        let rows = rows::indicator_rows(&self.workbook, &self.folds.indicators);
        let Some(row) = rows.get(selected).copied() else {
            return;
        };
        let flat = self.workbook.table.flatten();
        let Some((_, ind)) = flat.get(row.index) else {
            return;
        };
        if row.has_children {
            let code = ind.code.clone();
            self.folds.toggle_indicator(code);
            self.info_tr(t::SUBTOTAL_HINT);
            return;
        }
        let column = self.column[Pane::Indicators];
        if self.reviewing {
            // Only the reviewer's columns, as drawn: 复核意见, then 复核.
            if column == 0 {
                self.open_editor(EditTarget::ReviewerComment(row.index));
            } else {
                self.open_editor(EditTarget::ReviewerScore(row.index));
            }
            return;
        }
        match column {
            1 => return self.open_editor(EditTarget::Reason(row.index)),
            2 => return self.open_editor(EditTarget::Evidence(row.index)),
            _ => {}
        }
        let kind = ind.rule.as_ref().map(|r| r.kind.clone());
        match kind {
            None | Some(RuleKind::Manual) => self.open_editor(EditTarget::OfficerScore(row.index)),
            Some(RuleKind::NotApplicable { .. }) => {
                if !ind.entry.unconfirmed {
                    self.info_tr(t::NOT_EDITABLE);
                } else if !self.refuse_if_read_only() {
                    // Enter confirms that the item does not apply (未评分 until then).
                    let before = self.workbook.clone();
                    if let Some(node) = self.workbook.table.nth_mut(row.index) {
                        node.entry.unconfirmed = false;
                    }
                    self.push_undo(before);
                    self.recompute();
                    self.info_tr(t::NOT_APPLICABLE_CONFIRMED);
                }
            }
            Some(_) => {
                if self.refuse_if_read_only() {
                    return;
                }
                if let Some(choice) = Choice::for_indicator(&self.workbook, row.index) {
                    self.mode = Mode::Choice(choice);
                } else {
                    // A computed score: Enter edits the typed self-score (what
                    // the report prints, and what a 退回函 asks to correct);
                    // the computed score stays beside it, warning while they
                    // differ, and is the fallback's when the inputs are missing.
                    // The ratio's inputs are in pane 2 (the detail panel says so).
                    self.open_editor(EditTarget::OfficerScore(row.index));
                }
            }
        }
    }

    /// Reopens the editor that was open when the recovery was written,
    /// holding its uncommitted text (previewed and validated like typing).
    fn reopen_draft(&mut self, target: EditTarget, text: String) {
        self.open_editor(target);
        if let Mode::Edit(editor) = &mut self.mode {
            editor.caret = text.chars().count();
            editor.buffer = text;
            self.preview_edit();
        }
    }

    fn open_editor(&mut self, target: EditTarget) {
        let reviewer_may = self.reviewing && target.is_review();
        if !reviewer_may && self.refuse_if_read_only() {
            return;
        }
        let current = edit::current_text(&self.workbook, target);
        self.edit_base = Some(self.workbook.clone());
        self.mode = Mode::Edit(Editor::new(target, current));
        self.status = None;
    }

    fn update_edit(&mut self, action: &Action) {
        let Mode::Edit(editor) = &mut self.mode else {
            return;
        };
        let text_before = editor.buffer.clone();
        if editor.apply_key(action) {
            // Caret moves change nothing to preview.
            if editor.buffer != text_before {
                self.preview_edit();
            }
            return;
        }
        match action {
            Action::Commit | Action::Activate => self.commit_edit(),
            Action::Cancel => {
                if let Some(base) = self.edit_base.take() {
                    self.workbook = base;
                }
                self.mode = Mode::Browse;
                self.recompute();
                self.info_tr(t::CANCELLED);
            }
            _ => {}
        }
    }

    /// Applies the typed text to a copy of the pre-edit workbook so every
    /// figure previews live; invalid text shows why and keeps the old value.
    fn preview_edit(&mut self) {
        let Mode::Edit(editor) = &self.mode else {
            return;
        };
        let (target, text) = (editor.target, editor.buffer.clone());
        let Some(base) = &self.edit_base else { return };
        let mut candidate = base.clone();
        let result = edit::apply(&mut candidate, target, &text);
        match result {
            Ok(()) => {
                self.workbook = candidate;
                if let Mode::Edit(editor) = &mut self.mode {
                    editor.error = None;
                }
                self.status = None;
            }
            Err(why) => {
                self.workbook = base.clone();
                self.error_bi(&why);
                self.derived = derive_with_evidence(&self.workbook, &self.evidence);
                if let Mode::Edit(editor) = &mut self.mode {
                    editor.error = Some(why);
                }
                return;
            }
        }
        self.derived = derive_with_evidence(&self.workbook, &self.evidence);
        self.after_preview(target);
    }

    fn commit_edit(&mut self) {
        let Mode::Edit(editor) = &self.mode else {
            return;
        };
        let (target, text) = (editor.target, editor.buffer.clone());
        let Some(base) = self.edit_base.clone() else {
            return;
        };
        let mut candidate = base.clone();
        match edit::apply(&mut candidate, target, &text) {
            Ok(()) => {
                self.stamp_verification(&mut candidate, target);
                self.edit_base = None;
                self.mode = Mode::Browse;
                if candidate != base {
                    self.push_undo(base);
                }
                self.workbook = candidate;
                self.recompute();
                self.advance_after_commit();
                let msg = if text.trim().is_empty() && !edit::is_text(target) {
                    self.tr(t::CLEARED_VALUE)
                } else {
                    self.tr(t::COMMITTED)
                };
                self.info(msg);
                self.after_preview(target);
            }
            Err(why) => {
                self.error_bi(&why);
                if let Mode::Edit(editor) = &mut self.mode {
                    editor.error = Some(why);
                }
            }
        }
    }

    /// The workbook without the open editor's live preview: what the
    /// officer has committed.
    #[must_use]
    pub fn committed_workbook(&self) -> &Workbook {
        self.edit_base.as_ref().unwrap_or(&self.workbook)
    }

    /// The open editor's text with what it edits, when it differs from the
    /// committed value (kept as a draft in the recovery file).
    #[must_use]
    pub fn draft(&self) -> Option<(String, String)> {
        let Mode::Edit(editor) = &self.mode else {
            return None;
        };
        let committed = edit::current_text(self.committed_workbook(), editor.target);
        if editor.buffer == committed {
            return None;
        }
        let field = target_label::target_label(self.committed_workbook(), editor.target);
        Some((field.get(self.lang).to_owned(), editor.buffer.clone()))
    }

    /// What the open editor edits, as the recovery file keeps it, when there is a draft.
    #[must_use]
    pub fn draft_target(&self) -> Option<serde_json::Value> {
        self.draft()?;
        let Mode::Edit(editor) = &self.mode else {
            return None;
        };
        serde_json::to_value(editor.target).ok()
    }

    fn push_undo(&mut self, before: Workbook) {
        self.history.record(before);
        self.generation += 1;
    }

    fn update_choice(&mut self, action: &Action) {
        let Mode::Choice(choice) = &mut self.mode else {
            return;
        };
        let n = choice.options.len();
        match action {
            Action::Up | Action::Left => choice.cursor = choice.cursor.saturating_sub(1),
            Action::Down | Action::Right => {
                choice.cursor = (choice.cursor + 1).min(n.saturating_sub(1));
            }
            Action::Input(' ') if choice.multi => {
                if let Some(m) = choice.marked.get_mut(choice.cursor) {
                    *m = !*m;
                }
            }
            Action::Input(c) if c.is_ascii_digit() && !choice.multi => {
                let pick = c
                    .to_digit(10)
                    .and_then(|d| usize::try_from(d).ok())
                    .unwrap_or(0);
                if (1..=n).contains(&pick) {
                    choice.cursor = pick - 1;
                }
            }
            Action::Commit | Action::Activate => {
                let choice = choice.clone();
                let before = self.workbook.clone();
                choice.apply(&mut self.workbook);
                self.mode = Mode::Browse;
                if self.workbook != before {
                    self.push_undo(before);
                }
                self.recompute();
                self.info_tr(t::COMMITTED);
            }
            Action::Cancel => {
                self.mode = Mode::Browse;
                self.info_tr(t::CANCELLED);
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: &Action) {
        let Mode::Search(editor) = &mut self.mode else {
            return;
        };
        if editor.apply_key(action) {
            return;
        }
        match action {
            Action::Cancel => self.mode = Mode::Browse,
            Action::Commit | Action::Activate => {
                let query = editor.buffer.clone();
                self.mode = Mode::Browse;
                self.run_search(&query);
            }
            _ => {}
        }
    }

    /// Searches and jumps to the first match.
    pub fn run_search(&mut self, query: &str) {
        query.clone_into(&mut self.search.query);
        self.search.hits = search::find(&self.workbook, &self.derived, query);
        self.search.at = 0;
        if self.search.hits.is_empty() {
            let msg = format!("{} “{query}”", self.tr(t::NO_MATCH));
            self.error(msg);
        } else {
            self.jump_to_hit(0);
        }
    }

    fn step_search(&mut self, delta: isize) {
        let n = self.search.hits.len();
        if n == 0 {
            let msg = format!("{} “{}”", self.tr(t::NO_MATCH), self.search.query);
            self.error(msg);
            return;
        }
        let n_signed = isize::try_from(n).unwrap_or(1);
        let at = isize::try_from(self.search.at).unwrap_or(0);
        let next = usize::try_from((at + delta).rem_euclid(n_signed)).unwrap_or(0);
        self.jump_to_hit(next);
    }

    fn jump_to_hit(&mut self, at: usize) {
        self.search.at = at;
        let Some(hit) = self.search.hits.get(at).copied() else {
            return;
        };
        match hit {
            Hit::Row(pane, row) => {
                if pane == Pane::Workload {
                    self.folds.workload_groups.clear();
                }
                self.pane = pane;
                self.selection[pane] = row;
                self.clamp_selection();
            }
            Hit::Indicator(index) => self.jump_to_indicator(index),
        }
        let msg = format!(
            "“{}” {}/{} {}",
            self.search.query,
            at + 1,
            self.search.hits.len(),
            self.tr(t::MATCH)
        );
        self.info(msg);
    }

    /// Shows the indicator at a flatten index, unfolding its ancestors.
    pub fn jump_to_indicator(&mut self, index: usize) {
        for code in search::ancestors(&self.workbook, index) {
            self.folds.indicators.remove(&code);
        }
        let rows = rows::indicator_rows(&self.workbook, &self.folds.indicators);
        if let Some(pos) = rows.iter().position(|r| r.index == index) {
            self.pane = Pane::Indicators;
            self.selection[Pane::Indicators] = pos;
        }
    }

    fn jump_to_metric(&mut self, metric: crate::core::engine::MetricId) {
        if let Some(pos) = rows::budget_rows()
            .iter()
            .position(|r| *r == BudgetRow::Metric(metric))
        {
            self.pane = Pane::Budget;
            self.selection[Pane::Budget] = pos;
        }
    }

    fn jump_to_warning(&mut self, index: usize) {
        let Some(warning) = self.derived.warnings.get(index) else {
            return;
        };
        if warning.concerns.contains(&Concern::Reported) {
            let metric = warning.concerns.iter().find_map(|c| match c {
                Concern::Metric { metric } => Some(*metric),
                _ => None,
            });
            self.show_printed(metric);
            return;
        }
        let Some(concern) = warning.concerns.first().cloned() else {
            self.info_tr(t::NOTHING_FOUND_JUMP);
            return;
        };
        match concern {
            Concern::Field { field } => {
                if let Some(pos) = rows::budget_rows()
                    .iter()
                    .position(|r| *r == BudgetRow::Field(field))
                {
                    self.pane = Pane::Budget;
                    self.selection[Pane::Budget] = pos;
                }
            }
            Concern::Metric { metric } => self.jump_to_metric(metric),
            Concern::Indicator { code } => {
                let flat = self.workbook.table.flatten();
                if let Some(index) = flat.iter().position(|(_, i)| i.code == code) {
                    self.jump_to_indicator(index);
                }
            }
            Concern::Reason { code } => {
                let flat = self.workbook.table.flatten();
                if let Some(index) = flat.iter().position(|(_, i)| i.code == code) {
                    self.jump_to_indicator(index);
                    // Column 1 of the indicator pane is the deduction reason.
                    self.column[Pane::Indicators] = 1;
                }
            }
            Concern::Workload { group, item } => {
                self.folds.workload_groups.clear();
                let rows = rows::workload_rows(&self.workbook);
                if let Some(pos) = rows
                    .iter()
                    .position(|r| *r == WorkloadRow::Item(group, item))
                {
                    self.pane = Pane::Workload;
                    self.selection[Pane::Workload] = pos;
                }
            }
            Concern::Table => {
                self.pane = Pane::Indicators;
                self.selection[Pane::Indicators] = 0;
            }
            Concern::Reported => self.show_printed(None),
        }
    }

    fn undo(&mut self) {
        self.step_history(false);
    }

    fn redo(&mut self) {
        self.step_history(true);
    }

    /// Moves one step back (undo) or forward (redo) through the edits.
    fn step_history(&mut self, forward: bool) {
        if !self.reviewing && self.refuse_if_read_only() {
            return;
        }
        let msg = if self.history.step(&mut self.workbook, forward) {
            self.generation += 1;
            self.recompute();
            if forward { t::REDONE } else { t::UNDONE }
        } else if forward {
            t::NOTHING_TO_REDO
        } else {
            t::NOTHING_TO_UNDO
        };
        self.info_tr(msg);
    }

    fn revert(&mut self) {
        if self.refuse_if_read_only() || self.workbook == self.saved {
            return;
        }
        let saved = self.saved.clone();
        let before = std::mem::replace(&mut self.workbook, saved);
        self.push_undo(before);
        self.recompute();
        self.info_tr(t::REVERTED);
    }
}

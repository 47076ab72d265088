//! Every state change of the workbench is one of these actions.

use std::path::PathBuf;

/// What the user (or the run loop) asks the app to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Go to the next pane.
    NextPane,
    /// Go to the previous pane.
    PrevPane,
    /// Jump to pane N (0-based).
    GoPane(usize),
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move to the previous column.
    Left,
    /// Move to the next column.
    Right,
    /// Move the selection up one page.
    PageUp,
    /// Move the selection down one page.
    PageDown,
    /// Go to the first row.
    Home,
    /// Go to the last row.
    End,
    /// Edit the selected value, fold a group, or jump to a warning's field.
    Activate,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Save the workbook.
    Save,
    /// Go back to the saved file (undoable).
    RevertToSaved,
    /// Quit (asks first when there are unsaved changes).
    Quit,
    /// Show or hide the key help.
    Help,
    /// Scroll the detail panel down a line.
    DetailDown,
    /// Scroll the detail panel up a line.
    DetailUp,
    /// Review: a letter no key of the screen takes (says so).
    UnboundKey(char),
    /// Review drill-in: a key of the overview (says where it works).
    OverviewOnly,
    /// Review drill-in: a key of the workbench that edits the department's file (says why not).
    NotInReview,
    /// Start a search.
    SearchStart,
    /// Jump to the next search match.
    SearchNext,
    /// Jump to the previous search match.
    SearchPrev,
    /// Type a character into the editor or search field.
    Input(char),
    /// Delete the character before the caret.
    Backspace,
    /// Delete the character after the caret.
    Delete,
    /// Clear the editor.
    ClearInput,
    /// Start a new line in a multi-line editor.
    Newline,
    /// Fill what the report prints (score, grade, rates) from the computed values.
    FillPrinted,
    /// Edit the selected indicator's analysis (分析), printed under it in the report.
    EditAnalysis,
    /// Move the caret left.
    CaretLeft,
    /// Move the caret right.
    CaretRight,
    /// Move the caret to the start.
    CaretHome,
    /// Move the caret to the end.
    CaretEnd,
    /// Commit the edited value and recalculate.
    Commit,
    /// Cancel: restore the old value (or stay, in a question).
    Cancel,
    /// In the quit question: save, then quit.
    SaveAndQuit,
    /// In the quit question: quit without saving.
    DiscardAndQuit,
    /// The terminal was resized.
    Resize(u16, u16),
    /// Select a row of the current pane (a mouse click).
    SelectRow(usize),
    /// Mouse wheel up.
    ScrollUp,
    /// Mouse wheel down.
    ScrollDown,
    /// Review: sort by the selected column (again: reverse).
    SortColumn,
    /// Review: cycle the grade filter (all, 优, 良, 中, 差).
    CycleGradeFilter,
    /// Review: cycle the year filter (all, then each year of the folder).
    CycleYearFilter,
    /// Review: cycle the review-status filter (all, then each status).
    CycleStatusFilter,
    /// Review: show only workbooks with warnings (toggle).
    ToggleWarningsFilter,
    /// Review: filter by |reported − computed| above a threshold.
    DifferencePrompt,
    /// Review: clear every filter.
    ClearFilters,
    /// Review: set the next review status of the selected workbook.
    CycleStatus,
    /// Review: write an overall comment for the selected workbook.
    CommentPrompt,
    /// Review: say who is reviewing (recorded in the review files changed).
    ReviewerPrompt,
    /// Reviewer mode: the bureau that sends letters and makes the 汇总表.
    BureauPrompt,
    /// Review: mark the selected workbook for a side-by-side comparison.
    Mark,
    /// Review: compare the marked workbook with the selected one.
    ShowDiff,
    /// Review: the units × indicators matrix.
    ShowMatrix,
    /// Review: export the overview (CSV or xlsx, by the file name).
    ExportOverview,
    /// Review: export the review results.
    ExportReviews,
    /// Review: the send-back reason (退回原因) of the selected unit, or in a
    /// drill-in of the selected indicator.
    ReturnReasonPrompt,
    /// Review: export the selected unit's send-back letter (.docx or .md).
    ExportLetter,
    /// Review: export the bureau's summary (汇总表: .xlsx, .csv or .md).
    ExportSummary,
    /// Export the report (.md) or the tables (.xlsx, .csv) (asks for the path).
    ExportPrompt,
    /// The run loop finished an export.
    Exported(Result<PathBuf, String>),
    /// The export's file exists and replacing it was not asked: the prompt
    /// opens again, where Enter on the same name replaces it (kept as `.bak`).
    ExportExists(PathBuf),
    /// Save under another name (asks for the path).
    SaveAsPrompt,
    /// Answer a question (quit, file changed on disk, recovery offer) with a letter.
    Choose(char),
    /// The run loop found the file changed on disk since it was loaded;
    /// `suggestion` is a free file name for "save as".
    SaveConflict { suggestion: PathBuf },
    /// The run loop re-read the file from disk.
    Reloaded(Result<Box<crate::core::model::Workbook>, String>),
    /// The run loop finished a save.
    Saved(Result<PathBuf, String>),
    /// Structure: add a row of the selected kind after it (an empty table or workload: the first).
    AddAfter,
    /// Structure: insert a row of the selected kind before it.
    InsertBefore,
    /// Structure: add one level down (a sub-indicator, an item of a group, a part of an item).
    AddBelow,
    /// Structure: delete the selected row (asks first when it holds content).
    DeleteRow,
    /// Structure: move the selected row up among its siblings.
    MoveRowUp,
    /// Structure: move the selected row down among its siblings.
    MoveRowDown,
    /// Structure: rename the selected indicator, group, item or part.
    Rename,
    /// Workload: edit the selected item's unit word.
    EditUnit,
    /// Workload: toggle the lower-bound mark (余) of the selected count.
    ToggleLowerBound,
    /// Indicators: edit the selected indicator's weight.
    EditWeight,
    /// Indicators: open the rule form of the selected leaf.
    OpenRuleForm,
    /// Mark the scoring table verified; the run loop fills in `at` (its clock).
    VerifyTable { at: String },
    /// The run loop found unsaved edits of an instance that ended: ask.
    OfferRecovery(Box<crate::app::RecoveryOffer>),
    /// The run loop wrote the recovery file (`Err`: why it could not).
    RecoveryWritten(Result<(), String>),
    /// The run loop opened the file read-only, for this reason.
    OpenedReadOnly(crate::core::Bilingual),
    /// The run loop carried out a reviewer effect: what to say, or why it
    /// failed (then quitting is called off).
    ReviewEffectDone(Result<String, String>),
    /// Review: an export's file exists and replacing it was not asked; the
    /// prompt opens again, where Enter on the same name replaces it.
    ReviewExportExists(PathBuf),
    /// The run loop wrote review files: each path with the hash written, or
    /// why it was not written.
    ReviewsWritten(Vec<(PathBuf, Result<String, crate::core::Bilingual>)>),
    /// Text pasted into the terminal (bracketed paste): one insertion in an
    /// editor, ignored elsewhere.
    Paste(String),
    /// Review: read again the workbooks whose files changed since they were read.
    ReloadChanged,
    /// The run loop read workbooks again in full (drill-in, comparison).
    ReviewLoaded(Box<crate::review::lazy::Loaded>),
    /// The run loop reloaded the workbooks whose files changed.
    ReviewReloaded(Box<crate::review::lazy::Reloaded>),
    /// The run loop took the hashes held back at opening: (entry, SHA-256).
    ReviewHashed(Vec<(usize, String)>),
    /// Indicators: the selected indicator's 佐证材料清单 (asks the run loop for the folder's files).
    OpenEvidence,
    /// The run loop listed the files below the workbook's folder.
    EvidenceFiles(Vec<String>),
    /// The run loop hashed a file chosen as evidence (`Err`: why it could not).
    EvidenceHashed {
        indicator: usize,
        file: crate::core::model::EvidenceFile,
        result: Result<String, String>,
    },
    /// The run loop could not open an evidence file (why).
    EvidenceOpenFailed(String),
    /// The run loop looked at every listed evidence file.
    EvidenceChecked(crate::core::model::EvidenceFacts),
}

/// What the run loop must do after an action (the app itself does no I/O).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Save to the workbook's file (checking first that nobody changed it),
    /// then send `Action::Saved` or `Action::SaveConflict`.
    Save,
    /// Save over a file that changed on disk (the officer chose to).
    SaveOverwrite,
    /// Save to another file, which becomes the workbook's file.
    SaveAs {
        path: PathBuf,
    },
    /// Read the file again, then send `Action::Reloaded`.
    Reload,
    /// Export by the file name's extension, then send `Action::Exported`.
    Export {
        path: PathBuf,
        /// The officer confirmed replacing an existing file (kept as `.bak`).
        replace: bool,
    },
    /// List the files below the workbook's folder, then send `Action::EvidenceFiles`.
    ListEvidenceFiles,
    /// Hash `file.path` (relative to the workbook's folder), then send `Action::EvidenceHashed`.
    HashEvidence {
        indicator: usize,
        file: crate::core::model::EvidenceFile,
    },
    /// Open a listed evidence file (relative to the workbook's folder) with the system's viewer.
    OpenEvidence {
        path: String,
    },
    /// Leave the workbench.
    Quit,
}

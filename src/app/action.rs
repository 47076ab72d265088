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
    /// The run loop finished a save.
    Saved(Result<PathBuf, String>),
}

/// What the run loop must do after an action (the app itself does no I/O).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Write `contents` to `path`, then send `Action::Saved`.
    Save {
        path: PathBuf,
        contents: String,
    },
    /// Leave the workbench.
    Quit,
}

//! One module per pane: each draws its table and its detail panel body.

pub mod budget;
pub mod checks;
pub mod indicators;
pub mod report;
pub mod summary;
pub mod unit;
pub mod workload;

use ratatui::Frame;
use ratatui::layout::Rect;

use super::cells::Detail;
use super::theme::Theme;
use crate::app::{App, Pane};

/// Draws a pane's table.
type RenderFn = fn(&App, &mut Frame, Rect, &Theme);
/// The detail panel's title and entries for the pane's selected row.
type DetailFn = fn(&App) -> Detail;

/// The renderer's half of the pane registry (`app::PANES` holds the rest).
pub(super) struct PaneView {
    pub render: RenderFn,
    pub detail: DetailFn,
}

/// How a pane is drawn; exhaustive, so a new pane cannot be forgotten.
pub(super) fn view(pane: Pane) -> PaneView {
    let (render, detail): (RenderFn, DetailFn) = match pane {
        Pane::Summary => (summary::render, summary::detail),
        Pane::Budget => (budget::render, budget::detail),
        Pane::Indicators => (indicators::render, indicators::detail),
        Pane::Workload => (workload::render, workload::detail),
        Pane::Checks => (checks::render, checks::detail),
        Pane::Unit => (unit::render, unit::detail),
        Pane::Report => (report::render, report::detail),
    };
    PaneView { render, detail }
}

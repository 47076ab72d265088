//! Rendering: `render(&App, &mut Frame)` reads the app and never changes it.

mod detail;
mod footer;
mod header;
mod overlay;
mod panes;
pub mod review;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{App, Pane};
use crate::i18n as t;
use crate::text;
use theme::Theme;

/// Smallest size the full workbench is laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// The named areas of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub pane: Rect,
    pub detail: Rect,
    pub footer: Rect,
}

/// Splits the screen. Wide terminals get the detail panel beside the pane.
#[must_use]
pub fn areas(screen: Rect) -> Areas {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(2),
    ])
    .areas(screen);
    let (pane, detail) = if screen.width >= 120 {
        let [p, d] = Layout::default()
            .direction(Direction::Horizontal)
            .constraints([Constraint::Percentage(60), Constraint::Percentage(40)])
            .areas(body);
        (p, d)
    } else {
        let detail_rows = if body.height >= 24 { 10 } else { 7 };
        let [p, d] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(detail_rows)]).areas(body);
        (p, d)
    };
    Areas {
        header,
        pane,
        detail,
        footer,
    }
}

/// Rows of a bordered table with a header line that fit in `area`.
#[must_use]
pub fn visible_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3)).max(1)
}

/// The first row shown when `selected` must be visible (as ratatui's Table scrolls).
#[must_use]
pub fn scroll_offset(selected: usize, visible: usize) -> usize {
    selected.saturating_sub(visible.saturating_sub(1))
}

/// Which row of the current pane a mouse click at (x, y) lands on.
#[must_use]
pub fn hit_test(app: &App, x: u16, y: u16) -> Option<usize> {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    if app.size.0 < MIN_WIDTH || app.size.1 < MIN_HEIGHT {
        return None;
    }
    let pane = areas(screen).pane;
    let first_row_y = pane.y + 2;
    let inside = x > pane.x
        && x + 1 < pane.x + pane.width
        && y >= first_row_y
        && y + 1 < pane.y + pane.height;
    if !inside {
        return None;
    }
    let offset = scroll_offset(app.selected(), visible_rows(pane));
    let row = offset + usize::from(y - first_row_y);
    (row < app.row_count(app.pane)).then_some(row)
}

/// Draws the whole workbench.
pub fn render(app: &App, frame: &mut Frame) {
    let screen = frame.area();
    let theme = Theme::new(app.monochrome);
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        render_too_small(app, frame, screen);
        return;
    }
    let a = areas(screen);
    header::render(app, frame, a.header, &theme);
    match app.pane {
        Pane::Summary => panes::summary::render(app, frame, a.pane, &theme),
        Pane::Budget => panes::budget::render(app, frame, a.pane, &theme),
        Pane::Indicators => panes::indicators::render(app, frame, a.pane, &theme),
        Pane::Workload => panes::workload::render(app, frame, a.pane, &theme),
        Pane::Checks => panes::checks::render(app, frame, a.pane, &theme),
    }
    detail::render(app, frame, a.detail, &theme);
    footer::render(app, frame, a.footer, &theme);
    overlay::render(app, frame, screen, &theme);
}

fn render_too_small(app: &App, frame: &mut Frame, screen: Rect) {
    let msg = app.tr(t::WINDOW_TOO_SMALL);
    let total = format!(
        "{} {} {}",
        app.tr(t::TOTAL),
        crate::core::num::fmt_score(app.derived.scores.total),
        app.derived.grade.label(app.lang)
    );
    let width = usize::from(screen.width);
    let lines: Vec<ratatui::text::Line> = text::wrap(msg, width)
        .into_iter()
        .chain(std::iter::once(text::truncate(&total, width)))
        .map(ratatui::text::Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), screen);
}

/// A bordered block with a title.
fn block(title: &str) -> Block<'_> {
    Block::default().borders(Borders::ALL).title(title)
}

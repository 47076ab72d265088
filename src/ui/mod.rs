//! Rendering: `render(&App, &mut Frame)` reads the app and never changes it.

mod cells;
mod detail;
mod evidence;
mod footer;
mod forms;
mod grid;
mod header;
mod overlay;
mod panes;
mod prompt_line;
mod reader;
pub mod review;
pub mod textarea;
pub mod theme;
mod what_if;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::App;
use crate::i18n as t;
use crate::text;
use theme::Theme;

pub use crate::layout::{Areas, MIN_HEIGHT, MIN_WIDTH, areas, scroll_offset, visible_rows};

/// Which row of the current pane a mouse click at (x, y) lands on.
#[must_use]
pub fn hit_test(app: &App, x: u16, y: u16) -> Option<usize> {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    if !crate::layout::fits(app.size.0, app.size.1) {
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
    if !crate::layout::fits(screen.width, screen.height) {
        render_too_small(app, frame, screen);
        return;
    }
    let a = areas(screen);
    header::render(app, frame, a.header, &theme);
    if matches!(app.mode, crate::app::Mode::Read(_)) {
        reader::render(app, frame, crate::layout::body(screen), &theme);
    } else {
        (panes::view(app.pane).render)(app, frame, a.pane, &theme);
        detail::render(app, frame, a.detail, &theme);
    }
    footer::render(app, frame, a.footer, &theme);
    overlay::render(app, frame, screen, &theme);
}

fn render_too_small(app: &App, frame: &mut Frame, screen: Rect) {
    let msg = app.tr(t::WINDOW_TOO_SMALL);
    let total = format!(
        "{} {}{} {}",
        app.tr(t::TOTAL),
        crate::core::num::fmt_score(app.derived.scores.total),
        app.standing().total_mark(app.lang),
        app.standing().label(app.lang)
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

//! Where each part of the workbench goes, as a pure function of the terminal
//! size. The renderer draws into these areas and the app pages by them, so
//! both agree on how many rows are visible without the UI touching the app.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

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

/// Whether the full workbench fits (otherwise only a short message is shown).
#[must_use]
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// A top bar of `top` rows, the body (at least `body_min` rows) and the
/// two-row footer: the bands both the workbench and reviewer mode are made of.
fn bands(screen: Rect, top: u16, body_min: u16) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(top),
        Constraint::Min(body_min),
        Constraint::Length(2),
    ])
    .areas(screen)
}

/// Splits the screen. Wide terminals get the detail panel beside the pane.
#[must_use]
pub fn areas(screen: Rect) -> Areas {
    let [header, body, footer] = bands(screen, 3, 1);
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

/// Between the header and the footer: the pane and the detail panel
/// together (the report reader uses all of it).
#[must_use]
pub fn body(screen: Rect) -> Rect {
    let a = areas(screen);
    Rect::new(
        screen.x,
        a.pane.y,
        screen.width,
        a.footer.y.saturating_sub(a.pane.y),
    )
}

/// Rows of a bordered table with a header line that fit in `area`.
#[must_use]
pub fn visible_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(3)).max(1)
}

/// Rows of the pane's table visible on a terminal of `(columns, rows)`.
#[must_use]
pub fn pane_rows(size: (u16, u16)) -> usize {
    visible_rows(areas(Rect::new(0, 0, size.0, size.1)).pane)
}

/// The named areas of reviewer mode's list screens (overview, matrix, diff).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewAreas {
    pub title: Rect,
    /// The whole body (matrix, diff).
    pub body: Rect,
    /// The overview's table and, below it, its statistics.
    pub table: Rect,
    pub stats: Rect,
    pub footer: Rect,
}

/// Splits reviewer mode's screen.
#[must_use]
pub fn review_areas(screen: Rect) -> ReviewAreas {
    let [title, body, footer] = bands(screen, 1, 3);
    let [table, stats] = Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(body);
    ReviewAreas {
        title,
        body,
        table,
        stats,
        footer,
    }
}

/// Rows of reviewer mode's overview table visible on a terminal of `(columns, rows)`.
#[must_use]
pub fn review_rows(size: (u16, u16)) -> usize {
    visible_rows(review_areas(Rect::new(0, 0, size.0, size.1)).table)
}

/// Rows of the matrix (the whole body under a header) on a terminal of `(columns, rows)`.
#[must_use]
pub fn review_body_rows(size: (u16, u16)) -> usize {
    visible_rows(review_areas(Rect::new(0, 0, size.0, size.1)).body)
}

/// The first row shown when `selected` must be visible (as ratatui's Table scrolls).
#[must_use]
pub fn scroll_offset(selected: usize, visible: usize) -> usize {
    selected.saturating_sub(visible.saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_rows_follow_the_layout() {
        // Title 1, footer 2, statistics 4, table border and column titles 3.
        assert_eq!(review_rows((160, 48)), 38);
        assert_eq!(review_rows((80, 24)), 14);
    }

    #[test]
    fn the_body_lies_between_header_and_footer() {
        assert_eq!(body(Rect::new(0, 0, 160, 48)), Rect::new(0, 3, 160, 43));
        assert_eq!(body(Rect::new(0, 0, 80, 24)), Rect::new(0, 3, 80, 19));
    }

    #[test]
    fn pane_rows_follow_the_layout() {
        // Wide: header 3, footer 2, table border and column titles 3.
        assert_eq!(pane_rows((120, 40)), 32);
        // Narrow: the detail panel takes 7 rows below the pane.
        assert_eq!(pane_rows((80, 24)), 9);
        assert_eq!(pane_rows((100, 30)), 12);
        assert_eq!(pane_rows((0, 0)), 1);
    }
}

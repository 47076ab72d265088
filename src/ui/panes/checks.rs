//! 检查: every warning; Enter jumps to the field it concerns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use super::{TableView, draw_table, flex_width};
use crate::app::{App, Pane};
use crate::i18n as t;
use crate::text::truncate;
use crate::ui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg_w = flex_width(area, &[6]);
    let rows: Vec<Row> = app
        .derived
        .warnings
        .iter()
        .map(|w| {
            let sev = app.tr(t::severity(w.severity));
            Row::new(vec![
                Cell::from(sev).style(theme.severity(w.severity)),
                Cell::from(truncate(w.message.get(app.lang), msg_w)),
            ])
        })
        .collect();
    let title_extra = if rows.is_empty() {
        format!(" · {}", app.tr(t::NO_WARNINGS))
    } else {
        format!(" ({})", rows.len())
    };
    let header = Row::new(vec![app.tr(t::COL_SEVERITY), app.tr(t::COL_MESSAGE)]);
    let widths = [Constraint::Length(6), Constraint::Min(10)];
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Checks, header, rows, &widths).titled(title_extra),
        theme,
    );
}

//! The detail panel: explains the selected row — a ratio's formula with the
//! actual numbers, an indicator's rule and arithmetic, a warning in full. Each
//! pane writes its own entries (`ui::panes::<pane>::detail`); this draws them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::App;
use crate::i18n as t;
use crate::text::wrap;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (title, entries) = (super::panes::view(app.pane).detail)(app);
    let width = usize::from(area.width.saturating_sub(2)).max(4);
    let mut lines: Vec<Line> = wrap(&title, width)
        .into_iter()
        .map(|chunk| Line::from(Span::styled(chunk, theme.title)))
        .collect();
    for (label, text) in entries {
        let label_line = format!("{label}：");
        let wrapped = wrap(&format!("{label_line}{text}"), width);
        for (i, chunk) in wrapped.into_iter().enumerate() {
            if i == 0 && chunk.starts_with(&label_line) {
                let rest = chunk[label_line.len()..].to_owned();
                lines.push(Line::from(vec![
                    Span::styled(label_line.clone(), theme.accent),
                    Span::raw(rest),
                ]));
            } else {
                lines.push(Line::from(chunk));
            }
        }
    }
    let rows = usize::from(area.height.saturating_sub(2));
    let (page, pages) = page_of(lines.len(), rows, app.detail_page());
    if pages > 1 {
        // One row per page says where the panel is and which key turns it.
        let per_page = rows.saturating_sub(1).max(1);
        lines = lines
            .into_iter()
            .skip(page * per_page)
            .take(per_page)
            .collect();
        let more = format!(
            "{} {}/{pages} {}",
            app.tr(t::DETAIL_PAGE),
            page + 1,
            app.tr(t::DETAIL_PAGE_KEYS)
        );
        lines.push(Line::from(Span::styled(
            crate::text::truncate(&more, width),
            theme.dim,
        )));
    }
    let block = super::block(app.tr(t::DETAIL));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Of `lines` wrapped lines in `rows` rows (one of them for the page line
/// when they do not fit): which page `asked` shows, wrapping round, and how
/// many pages there are.
fn page_of(lines: usize, rows: usize, asked: usize) -> (usize, usize) {
    if lines <= rows {
        return (0, 1);
    }
    let per_page = rows.saturating_sub(1).max(1);
    let pages = lines.div_ceil(per_page);
    (asked % pages, pages)
}

#[cfg(test)]
mod page_tests {
    use super::page_of;

    #[test]
    fn lines_that_do_not_fit_are_paged_and_the_pages_wrap_round() {
        assert_eq!(page_of(5, 5, 3), (0, 1));
        // 9 lines in 5 rows: 4 a page, 3 pages; the 4th press is the first again.
        assert_eq!(page_of(9, 5, 0), (0, 3));
        assert_eq!(page_of(9, 5, 2), (2, 3));
        assert_eq!(page_of(9, 5, 3), (0, 3));
        assert_eq!(page_of(3, 0, 1), (1, 3));
    }
}

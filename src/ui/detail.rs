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
    let (kept, hidden) = fit_lines(lines.len(), usize::from(area.height.saturating_sub(2)));
    if hidden > 0 {
        lines.truncate(kept);
        let more = format!(
            "{}{hidden}{}",
            app.tr(t::DETAIL_MORE),
            app.tr(t::DETAIL_MORE_END)
        );
        lines.push(Line::from(Span::styled(
            crate::text::truncate(&more, width),
            theme.dim,
        )));
    }
    let block = super::block(app.tr(t::DETAIL));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Of `lines` wrapped lines in `rows` rows: how many to keep and how many a
/// last "… N more lines" row stands for (0 when all fit).
fn fit_lines(lines: usize, rows: usize) -> (usize, usize) {
    if lines <= rows {
        (lines, 0)
    } else {
        let kept = rows.saturating_sub(1);
        (kept, lines - kept)
    }
}

#[cfg(test)]
mod fit_tests {
    use super::fit_lines;

    #[test]
    fn lines_that_do_not_fit_are_counted_not_dropped_silently() {
        assert_eq!(fit_lines(5, 5), (5, 0));
        assert_eq!(fit_lines(9, 5), (4, 5));
        assert_eq!(fit_lines(3, 0), (0, 3));
    }
}

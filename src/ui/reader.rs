//! The report text read-only: every section in one scrolled frame over the
//! pane and the detail panel, wrapped exactly as `app::reader::lines` says.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::reader::{self, ReaderLine};
use crate::app::{App, Mode};
use crate::text::truncate;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Mode::Read(state) = &app.mode else {
        return;
    };
    let cells = usize::from(area.width.saturating_sub(2));
    let visible = usize::from(area.height.saturating_sub(2)).max(1);
    let all = reader::lines(&app.workbook.narrative, cells);
    let first = state
        .scroll(&all)
        .min(reader::max_scroll(all.len(), visible));
    let shown: Vec<Line> = all
        .iter()
        .skip(first)
        .take(visible)
        .map(|line| {
            let text = truncate(&line.text(app.lang), cells);
            match line {
                ReaderLine::Heading(_) => Line::from(Span::styled(text, theme.group)),
                ReaderLine::Empty => Line::from(Span::styled(text, theme.dim)),
                ReaderLine::Text(_) | ReaderLine::Blank => Line::from(text),
            }
        })
        .collect();
    let last = (first + shown.len()).min(all.len());
    let title = format!(
        " {} · {} {}–{}/{} ",
        app.tr(reader::TITLE),
        app.workbook.unit.name,
        first + 1,
        last,
        all.len()
    );
    let block = super::block("").title(truncate(&title, usize::from(area.width)));
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

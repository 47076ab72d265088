//! The 佐证材料清单 dialog: the indicator's listed files with their state,
//! the filter line, the folder's matching files; or the title / pages
//! question for the file chosen. Widths are display widths (CJK names).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use crate::app::App;
use crate::app::evidence::{self as ev, EvidenceDialog, Step};
use crate::text::{pad_right, truncate};

pub fn render(app: &App, dialog: &EvidenceDialog, frame: &mut Frame, screen: Rect, theme: &Theme) {
    let width = screen.width.saturating_sub(4).min(96);
    let height = screen.height.saturating_sub(2).min(22);
    let area = Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    );
    let inner = usize::from(width.saturating_sub(2));
    let rows = usize::from(height.saturating_sub(2));
    let listed = app.evidence_files_of(dialog.indicator);
    let mut lines: Vec<Line> = Vec::new();
    let line = |text: String, style: Style| {
        Line::from(Span::styled(
            pad_right(&truncate(&text, inner), inner),
            style,
        ))
    };
    let plain = Style::default();
    if listed.is_empty() {
        lines.push(line(app.tr(ev::NONE_LISTED).to_owned(), theme.dim));
    }
    for (i, file) in listed.iter().enumerate() {
        let state = ev::status_of(app, file).map_or("", |s| s.get(app.lang));
        let pages = if file.pages.is_empty() {
            String::new()
        } else {
            format!(" · {}", file.pages)
        };
        let text = format!("{} {} · {}{pages} {state}", i + 1, file.title, file.path);
        let style = if dialog.cursor == i && dialog.step == Step::Browse {
            theme.selected
        } else {
            plain
        };
        lines.push(line(text, style));
    }
    match &dialog.step {
        Step::Browse => {
            lines.push(line(
                format!("{}：{}▏", app.tr(ev::FILTER), dialog.filter),
                theme.accent,
            ));
            let matching = dialog.matching();
            if matching.is_empty() {
                lines.push(line(app.tr(ev::NO_FILES).to_owned(), theme.dim));
            }
            // The folder's files scroll so the cursor stays in view.
            let room = rows.saturating_sub(lines.len() + 1).max(1);
            let at = dialog.cursor.saturating_sub(listed.len());
            let first = at
                .saturating_sub(room - 1)
                .min(matching.len().saturating_sub(room));
            for (i, path) in matching.iter().enumerate().skip(first).take(room) {
                let style = if dialog.cursor == listed.len() + i {
                    theme.selected
                } else {
                    plain
                };
                lines.push(line(format!("  {path}"), style));
            }
        }
        Step::Title { path, text } => {
            lines.push(line(path.clone(), theme.dim));
            lines.push(line(
                format!("{}：{text}▏", app.tr(ev::ASK_TITLE)),
                theme.accent,
            ));
        }
        Step::Pages { path, title, text } => {
            lines.push(line(format!("{path} · {title}"), theme.dim));
            lines.push(line(
                format!("{}：{text}▏", app.tr(ev::ASK_PAGES)),
                theme.accent,
            ));
        }
    }
    lines.truncate(rows.saturating_sub(1));
    lines.push(line(app.tr(ev::KEYS).to_owned(), theme.dim));
    let name = app
        .workbook
        .table
        .flatten()
        .get(dialog.indicator)
        .map(|(_, ind)| format!("{} · {} {}", app.tr(ev::TITLE), ind.code, ind.name))
        .unwrap_or_default();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(super::block(&truncate(&name, inner))),
        area,
    );
}

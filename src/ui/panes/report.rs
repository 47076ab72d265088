//! 报告文字: every narrative section of the report (一 to 四). Enter opens a
//! multi-line editor over the pane, wrapped by display width, caret placed
//! by cells; Ctrl-N starts a new line, paste keeps the pasted lines.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use super::{Detail, TableView, draw_table, flex_width};
use crate::app::narrative::Section;
use crate::app::{App, EditTarget, Editor, Mode, Pane};
use crate::i18n::{self as t, Tr};
use crate::text::{pad_left, truncate};
use crate::ui::textarea::wrap_with_caret;
use crate::ui::theme::Theme;

const COL_SECTION: Tr = Tr("部分", "Section");
const COL_START: Tr = Tr("开头", "Beginning");
const COL_CHARS: Tr = Tr("字数", "Chars");
const NOT_WRITTEN: Tr = Tr("（未填写，Enter 编辑）", "(empty; Enter edits)");
const EDIT_KEYS: Tr = Tr(
    "Enter 确认 · Ctrl-N 换行 · Esc 取消 · 粘贴保留换行",
    "Enter commits · Ctrl-N new line · Esc cancels · paste keeps lines",
);

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    if let Mode::Edit(editor) = &app.mode
        && let EditTarget::Narrative(section) = editor.target
    {
        render_editor(app, editor, section, frame, area, theme);
        return;
    }
    let fixed = [24, 6];
    let start_w = flex_width(area, &fixed);
    let rows: Vec<Row> = Section::ALL
        .iter()
        .map(|s| {
            let text = s.get(&app.workbook.narrative);
            let first = text.lines().next().unwrap_or_default();
            let start = if text.is_empty() {
                Cell::from(app.tr(NOT_WRITTEN)).style(theme.dim)
            } else {
                Cell::from(truncate(first, start_w))
            };
            Row::new(vec![
                Cell::from(truncate(app.tr(s.title()), 24)),
                start,
                Cell::from(pad_left(&text.chars().count().to_string(), 6)),
            ])
        })
        .collect();
    let header = Row::new(vec![
        app.tr(COL_SECTION),
        app.tr(COL_START),
        app.tr(COL_CHARS),
    ]);
    let widths = [
        Constraint::Length(24),
        Constraint::Min(10),
        Constraint::Length(6),
    ];
    draw_table(
        app,
        frame,
        area,
        TableView {
            pane: Pane::Report,
            title_extra: String::new(),
            header,
            rows,
            widths: &widths,
            column: None,
        },
        theme,
    );
}

fn render_editor(
    app: &App,
    editor: &Editor,
    section: Section,
    frame: &mut Frame,
    area: Rect,
    theme: &Theme,
) {
    let inner_w = usize::from(area.width.saturating_sub(2));
    let inner_h = usize::from(area.height.saturating_sub(2)).max(1);
    let (lines, (line, cell)) = wrap_with_caret(&editor.buffer, editor.caret, inner_w);
    // Keep the caret's line in view.
    let top = (line + 1).saturating_sub(inner_h);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(top)
        .take(inner_h)
        .map(Line::from)
        .collect();
    let title = format!(
        " {} {} · {} ",
        app.tr(t::EDITING),
        app.tr(section.title()),
        app.tr(EDIT_KEYS)
    );
    let title = truncate(&title, usize::from(area.width));
    let block = crate::ui::block(&title);
    frame.render_widget(
        Paragraph::new(shown).style(theme.editing).block(block),
        area,
    );
    let x = u16::try_from(cell).unwrap_or(u16::MAX);
    let y = u16::try_from(line - top).unwrap_or(u16::MAX);
    if x < area.width.saturating_sub(2) && y < area.height.saturating_sub(2) {
        frame.set_cursor_position(Position::new(area.x + 1 + x, area.y + 1 + y));
    }
}

/// The detail panel: the selected section's text in full (wrapped by the panel).
pub(in crate::ui) fn detail(app: &App) -> Detail {
    let Some(section) = Section::at(app.selected()) else {
        return (app.tr(t::PANE_REPORT).to_owned(), Vec::new());
    };
    let text = section.get(&app.workbook.narrative);
    let mut entries = Vec::new();
    for (i, paragraph) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        entries.push((format!("{}", i + 1), paragraph.to_owned()));
    }
    if entries.is_empty() {
        entries.push((app.tr(COL_START).to_owned(), app.tr(NOT_WRITTEN).to_owned()));
    }
    (app.tr(section.title()).to_owned(), entries)
}

//! 报告文字: every narrative section of the report (一 to 四). Enter opens a
//! multi-line editor over the pane, wrapped by display width, caret placed
//! by cells; Ctrl-N starts a new line, paste keeps the pasted lines.

use ratatui::Frame;
use ratatui::layout::{Constraint, Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row};

use crate::app::narrative::Section;
use crate::app::officer::{ReportRow, report_rows};
use crate::app::printed::{self, Printed};
use crate::app::{App, EditTarget, Editor, Mode, Pane};
use crate::i18n::{self as t, texts};
use crate::text::{pad_left, truncate};
use crate::ui::cells::{Detail, TableView, draw_table, flex_width};
use crate::ui::textarea::wrap_with_caret;
use crate::ui::theme::Theme;

texts! {
    COMPUTED: "计算所得", "Computed";
    KEYS: "按键", "Keys";
    PRINTED_KEYS: "Enter 填写报告所写的数 · 清空表示报告未写 · P 全部按计算值填写", "Enter types what the report prints · empty: not printed · P fills all from the computed ones";
    READ_KEYS: "Enter 阅读报告正文全文（只读）", "Enter reads the whole report text (read-only)";
    COL_SECTION: "部分", "Section";
    COL_START: "开头", "Beginning";
    COL_CHARS: "字数", "Chars";
    NOT_WRITTEN: "（未填写，Enter 编辑）", "(empty; Enter edits)";
    EDIT_KEYS: "Enter 确认 · Ctrl-N 换行 · Esc 取消 · 粘贴保留换行", "Enter commits · Ctrl-N new line · Esc cancels · paste keeps lines";
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    if let Mode::Edit(editor) = &app.mode
        && let EditTarget::Narrative(section) = editor.target
    {
        render_editor(app, editor, section, frame, area, theme);
        return;
    }
    let fixed = [24, 6];
    let start_w = flex_width(area, &fixed);
    let rows: Vec<Row> = report_rows()
        .into_iter()
        .map(|row| match row {
            ReportRow::Section(s) => section_row(app, s, start_w, theme),
            ReportRow::PrintedHeading => {
                Row::new(vec![Cell::from(app.tr(printed::HEADING))]).style(theme.group)
            }
            ReportRow::Printed(p) => {
                let value = match &app.mode {
                    Mode::Edit(editor) if editor.target == EditTarget::Printed(p) => {
                        format!("{}▏", editor.buffer)
                    }
                    _ => printed::get(&app.workbook, p),
                };
                let value = if value.is_empty() {
                    "—".to_owned()
                } else {
                    value
                };
                Row::new(vec![
                    Cell::from(truncate(&format!("  {}", printed_label(app, p)), 24)),
                    Cell::from(value),
                ])
            }
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
        TableView::new(Pane::Report, header, rows, &widths),
        theme,
    );
}

fn section_row<'a>(app: &App, s: Section, start_w: usize, theme: &Theme) -> Row<'a> {
    let text = s.get(&app.workbook.narrative);
    let first = text.lines().next().unwrap_or_default();
    let empty = if app.read_only.is_some() {
        crate::app::reader::NOT_WRITTEN
    } else {
        NOT_WRITTEN
    };
    let start = if text.is_empty() {
        Cell::from(app.tr(empty)).style(theme.dim)
    } else {
        Cell::from(truncate(first, start_w))
    };
    Row::new(vec![
        Cell::from(truncate(app.tr(s.title()), 24)),
        start,
        Cell::from(pad_left(&text.chars().count().to_string(), 6)),
    ])
}

fn printed_label(app: &App, p: Printed) -> String {
    match p {
        Printed::Total => app.tr(printed::TOTAL).to_owned(),
        Printed::Grade => app.tr(printed::GRADE).to_owned(),
        Printed::Rate(m) => m.label(app.lang).to_owned(),
    }
}

/// What jixiao computes for a printed figure.
fn computed(app: &App, p: Printed) -> String {
    let d = &app.derived;
    match p {
        Printed::Total => crate::core::num::fmt_score(d.total_display()),
        Printed::Grade => d.grade.label(app.lang).to_owned(),
        Printed::Rate(m) => d
            .metric(m)
            .map(|x| crate::ui::cells::metric_value(x, app.lang))
            .unwrap_or_default(),
    }
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
    let section = match report_rows().get(app.selected()).copied() {
        Some(ReportRow::Section(section)) => section,
        Some(ReportRow::Printed(p)) => {
            let entries = vec![
                (
                    app.tr(t::PRINTED_LABEL).to_owned(),
                    printed::get(&app.workbook, p),
                ),
                (app.tr(COMPUTED).to_owned(), computed(app, p)),
                (app.tr(KEYS).to_owned(), app.tr(PRINTED_KEYS).to_owned()),
            ];
            let entries = entries.into_iter().filter(|(_, v)| !v.is_empty()).collect();
            return (printed_label(app, p), entries);
        }
        _ => return (app.tr(printed::HEADING).to_owned(), Vec::new()),
    };
    let text = section.get(&app.workbook.narrative);
    let mut entries = Vec::new();
    for (i, paragraph) in text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        entries.push((format!("{}", i + 1), paragraph.to_owned()));
    }
    if entries.is_empty() {
        let empty = if app.read_only.is_some() {
            crate::app::reader::NOT_WRITTEN
        } else {
            NOT_WRITTEN
        };
        entries.push((app.tr(COL_START).to_owned(), app.tr(empty).to_owned()));
    }
    if app.read_only.is_some() {
        entries.push((app.tr(KEYS).to_owned(), app.tr(READ_KEYS).to_owned()));
    }
    (app.tr(section.title()).to_owned(), entries)
}

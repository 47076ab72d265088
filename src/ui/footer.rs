//! The bottom bar: the keys that matter in this mode, and the status or editor line.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::prompt_line::{PromptStyles, prompt_line};
use super::theme::Theme;
use crate::app::keymap::{bindings_of, key_label};
use crate::app::{App, EditTarget, Mode, ModeKind};
use crate::core::Lang;
use crate::i18n as t;
use crate::text::{truncate, width};

/// The hints of a mode: the first key and the help of each binding marked
/// as a hint, in keymap order.
pub(super) fn hints(kind: ModeKind, lang: Lang) -> Vec<String> {
    bindings_of(kind)
        .filter(|b| b.hint)
        .filter_map(|b| {
            b.keys
                .first()
                .map(|k| format!("{} {}", key_label(k), b.help.get(lang)))
        })
        .collect()
}

/// The hint line within `cells`: when the hints do not all fit, the ones in
/// the middle give way first, so the last two (help and quit) always show.
fn fit_hints(hints: &[String], cells: usize) -> String {
    let whole = hints.join(" · ");
    if width(&whole) <= cells || hints.len() <= 2 {
        return truncate(&whole, cells);
    }
    let (head, tail) = hints.split_at(hints.len() - 2);
    let tail = tail.join(" · ");
    for keep in (0..head.len()).rev() {
        let mut line = head[..keep].join(" · ");
        if !line.is_empty() {
            line.push_str(" · ");
        }
        line.push_str("… · ");
        line.push_str(&tail);
        if width(&line) <= cells {
            return line;
        }
    }
    truncate(&tail, cells)
}

/// What an open editor is labelled: in review mode, the indicator's code and
/// the column being edited as the pane heads it ("A3.1 复核: "), so Enter on
/// a column the pane cuts off still says what it edits.
fn editing_label(app: &App, target: EditTarget) -> String {
    let column = match target {
        EditTarget::ReviewerScore(i) => Some((i, t::COL_REVIEW)),
        EditTarget::ReviewerComment(i) => Some((i, t::COL_REVIEW_COMMENT)),
        _ => None,
    };
    let code = column.and_then(|(i, title)| {
        let flat = app.workbook.table.flatten();
        flat.get(i)
            .map(|(_, ind)| format!("{} {}", ind.code, app.tr(title)))
    });
    match code {
        Some(what) if app.reviewing => format!("{} {what}: ", app.tr(t::EDITING)),
        _ => format!("{}: ", app.tr(t::EDITING)),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    // A reviewer's drill-in lists the keys that work there, not the editor's.
    let kind = match app.mode.kind() {
        ModeKind::Browse if app.reviewing => ModeKind::ReviewDrill,
        kind => kind,
    };
    let hints = hints(kind, app.lang);
    let hint_line = fit_hints(&hints, usize::from(area.width));
    let cells = usize::from(area.width);
    let (second, cursor) = match &app.mode {
        // A multi-line editor draws its text and caret over the pane.
        Mode::Edit(editor) if crate::app::edit::is_multiline(editor.target) => {
            let label = format!("{}: ", app.tr(t::EDITING));
            let chars = editor.buffer.chars().count();
            (
                Line::from(Span::styled(format!("{label}{chars}"), theme.accent)),
                None,
            )
        }
        Mode::Edit(editor) | Mode::Search(editor) | Mode::SaveAs(editor) | Mode::Export(editor) => {
            let label = match app.mode {
                Mode::Search(_) => format!("{}: /", app.tr(t::SEARCH)),
                Mode::SaveAs(_) => format!("{}: ", app.tr(t::SAVE_AS)),
                Mode::Export(_) => {
                    format!("{}: ", crate::export::format::prompt_label(app.lang))
                }
                _ => editing_label(app, editor.target),
            };
            let error = editor
                .error
                .as_ref()
                .map(|e| format!("  ⚠ {}", e.get(app.lang)))
                .unwrap_or_default();
            let shown = prompt_line(
                &label,
                &editor.buffer,
                editor.caret,
                &error,
                cells,
                &PromptStyles {
                    label: theme.accent,
                    text: theme.editing,
                    error: theme.error,
                },
            );
            (shown.line, Some(shown.caret))
        }
        _ => {
            let line = match &app.status {
                Some(s) => Span::styled(
                    truncate(&s.text, cells),
                    if s.is_error { theme.error } else { theme.ok },
                ),
                None => Span::raw(""),
            };
            (Line::from(line), None)
        }
    };
    let lines = vec![Line::from(Span::styled(hint_line, theme.dim)), second];
    frame.render_widget(Paragraph::new(lines), area);
    if let Some(x) = cursor {
        let x = u16::try_from(x).unwrap_or(u16::MAX);
        if x < area.width && area.height >= 2 {
            frame.set_cursor_position(Position::new(area.x + x, area.y + 1));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_and_quit_survive_a_narrow_footer() {
        let hints: Vec<String> = [
            "Tab 下一个面板",
            "Enter 编辑",
            "/ 搜索",
            "u 撤销",
            "? 帮助",
            "q 退出",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let line = fit_hints(&hints, 40);
        assert!(line.ends_with("? 帮助 · q 退出"), "{line}");
        assert!(width(&line) <= 40, "{line}");
        assert!(line.contains('…'));
        assert_eq!(fit_hints(&hints, 200), hints.join(" · "));
    }
}

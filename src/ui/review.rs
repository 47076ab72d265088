//! Reviewer mode on screen: the overview table with its footer and grade
//! distribution, the drill-in (the workbench panes), the matrix and the diff.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Clear, Paragraph, Row, Table, TableState};

use super::footer::hints;
use super::grid::{Grid, GridColumn, GridRow};
use super::overlay::help_popup;
use super::theme::Theme;
use crate::app::keymap::HelpFor;
use crate::app::review::{ReviewApp, ReviewMode, Screen};
use crate::core::engine::Grade;
use crate::core::num::fmt_score;
use crate::i18n as t;
use crate::review::view::{Column, notes_text};
use crate::text::{pad_left, pad_right, truncate, truncate_middle, width};

fn column_width(column: Column) -> usize {
    match column {
        Column::Unit => 22,
        Column::File => 18,
        Column::Year => 6,
        // "未评定" and "审核状态" whole.
        Column::Grade => 6,
        Column::Status => 8,
        Column::Flags => 16,
        Column::Warnings(_) => 5,
        _ => 9,
    }
}

/// Draws reviewer mode.
pub fn render(app: &ReviewApp, frame: &mut Frame) {
    let screen = frame.area();
    let theme = Theme::new(app.monochrome);
    if let Screen::Drill { app: drill, .. } = &app.screen {
        super::render(drill, frame);
        match app.mode {
            ReviewMode::Help(scroll) => {
                help_popup(
                    frame,
                    screen,
                    &theme,
                    HelpFor::ReviewerDrill,
                    app.lang,
                    scroll,
                );
            }
            // A reviewer's prompt (an indicator's send-back reason) takes the
            // drill-in's last two lines.
            ReviewMode::Prompt(..) if screen.height >= 2 => {
                let area = Rect::new(screen.x, screen.bottom() - 2, screen.width, 2);
                frame.render_widget(Clear, area);
                bottom(app, frame, area, &theme);
            }
            _ => {}
        }
        return;
    }
    if screen.width < super::MIN_WIDTH || screen.height < super::MIN_HEIGHT {
        let msg = truncate(app.tr(t::WINDOW_TOO_SMALL), usize::from(screen.width));
        frame.render_widget(Paragraph::new(msg), screen);
        return;
    }
    let areas = crate::layout::review_areas(screen);
    let (title, body, footer) = (areas.title, areas.body, areas.footer);
    frame.render_widget(
        Paragraph::new(Span::styled(title_line(app), theme.title)),
        title,
    );
    match &app.screen {
        Screen::Overview => overview(app, frame, areas.table, areas.stats, &theme),
        Screen::Matrix { .. } => matrix(app, frame, body, &theme),
        Screen::Diff { .. } => diff(app, frame, body, &theme),
        Screen::Drill { .. } => {}
    }
    bottom(app, frame, footer, &theme);
    match &app.mode {
        ReviewMode::Help(scroll) => {
            help_popup(frame, screen, &theme, HelpFor::Reviewer, app.lang, *scroll);
        }
        ReviewMode::ConfirmQuit => {
            let text = app.tr(t::REVIEW_QUIT_QUESTION);
            let w = u16::try_from(width(text) + 4)
                .unwrap_or(60)
                .min(screen.width);
            let area = Rect::new(
                screen.x + (screen.width - w) / 2,
                screen.height / 2,
                w,
                3.min(screen.height),
            );
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(Span::styled(text, theme.accent)).block(super::block("")),
                area,
            );
        }
        _ => {}
    }
}

fn title_line(app: &ReviewApp) -> String {
    let lang = app.lang;
    let total = app.session.rows().len();
    let mut parts = vec![format!(
        "jixiao {} · {}/{} {}",
        app.tr(t::REVIEW_TITLE),
        app.view.len(),
        total,
        app.tr(t::REVIEW_ROWS)
    )];
    let f = &app.filter;
    let mut filters = Vec::new();
    if !f.text.is_empty() {
        filters.push(format!("“{}”", f.text));
    }
    filters.extend(f.grades.iter().map(|g| g.label(lang).to_owned()));
    filters.extend(f.years.iter().map(u16::to_string));
    filters.extend(f.statuses.iter().map(|s| s.label(lang).to_owned()));
    if f.min_severity.is_some() {
        filters.push("⚠".to_owned());
    }
    if let Some(d) = f.min_abs_difference {
        filters.push(format!("|Δ|>{d}"));
    }
    if !filters.is_empty() {
        parts.push(format!(
            "{}: {}",
            app.tr(t::REVIEW_FILTERS),
            filters.join(" ")
        ));
    }
    if let Some(sort) = app.sort {
        let label = sort.column.label(&app.session.overview, lang);
        parts.push(format!(
            "{}: {label} {}",
            app.tr(t::REVIEW_SORTED),
            if sort.descending { "↓" } else { "↑" }
        ));
    }
    let signer = app.session.reviews.signer();
    if !signer.is_empty() {
        parts.push(format!("{}: {signer}", app.tr(t::REVIEW_BY)));
    }
    if app.session.is_dirty() {
        parts.push(format!("[*{}]", app.tr(t::MODIFIED)));
    }
    parts.join("   ")
}

/// The columns that fit after the pinned unit column, scrolled so the selected one shows.
fn visible_columns(app: &ReviewApp, room: usize) -> Vec<usize> {
    let scrollable: Vec<usize> = (0..app.columns.len())
        .filter(|&i| app.columns[i] != Column::Unit)
        .collect();
    let selected_pos = scrollable
        .iter()
        .position(|&i| i == app.column)
        .unwrap_or(0);
    let mut start = 0;
    loop {
        let mut used = 0;
        let mut shown = Vec::new();
        for &i in &scrollable[start..] {
            let w = column_width(app.columns[i]) + 1;
            if used + w > room {
                break;
            }
            used += w;
            shown.push(i);
        }
        if shown.contains(&scrollable.get(selected_pos).copied().unwrap_or(0))
            || start >= selected_pos
        {
            return shown;
        }
        start += 1;
    }
}

fn overview(app: &ReviewApp, frame: &mut Frame, table_area: Rect, stats_area: Rect, theme: &Theme) {
    let overview = &app.session.overview;
    let unit_w = column_width(Column::Unit);
    let room = usize::from(table_area.width).saturating_sub(unit_w + 3);
    let shown = visible_columns(app, room);
    let mut columns = vec![Column::Unit];
    columns.extend(shown.iter().map(|&i| app.columns[i]));
    let header = columns
        .iter()
        .map(|c| {
            let label = truncate(&c.label(overview, app.lang), column_width(*c));
            let sorted = app.sort.is_some_and(|s| s.column == *c);
            let style = if app.columns.get(app.column) == Some(c) {
                theme.selected
            } else {
                theme.header_row
            };
            (if sorted { format!("{label}*") } else { label }, style)
        })
        .collect();
    // Only the rows on screen are built: the view may hold ten thousand.
    let visible = super::visible_rows(table_area);
    let offset = super::scroll_offset(app.selected, visible);
    let rows = app
        .view
        .iter()
        .skip(offset)
        .take(visible)
        .filter_map(|&r| app.session.rows().get(r).map(|row| (r, row)))
        .map(|(r, row)| {
            let cells = columns
                .iter()
                .map(|c| {
                    let text = c.cell(row, app.lang).text();
                    // Unit names differ at their ends: cut them in the middle.
                    let text = if *c == Column::Unit {
                        truncate_middle(&text, column_width(*c))
                    } else {
                        truncate(&text, column_width(*c))
                    };
                    if *c == Column::Unit && app.marked == Some(r) {
                        format!("▶{text}")
                    } else {
                        text
                    }
                })
                .collect();
            let style = if row.error.is_some() {
                theme.error
            } else if row.difference.is_some_and(|d| !d.is_zero()) {
                theme.accent
            } else {
                ratatui::style::Style::default()
            };
            GridRow { cells, style }
        })
        .collect();
    let columns = columns
        .iter()
        .map(|&c| GridColumn {
            width: u16::try_from(column_width(c)).unwrap_or(8),
            align: match c {
                Column::Unit | Column::File | Column::Flags | Column::Status => Alignment::Left,
                _ => Alignment::Right,
            },
        })
        .collect();
    let grid = Grid {
        columns,
        header,
        rows,
        selected: Some(app.selected - offset),
        highlight: theme.selected,
        block: Some(super::block("")),
    };
    frame.render_widget(grid, table_area);
    stats(app, frame, stats_area, theme);
}

fn stats(app: &ReviewApp, frame: &mut Frame, area: Rect, theme: &Theme) {
    let footer = &app.footer;
    let avg = |tally: &crate::review::stats::Tally| {
        tally.average().map_or_else(|| "—".to_owned(), fmt_score)
    };
    let line1 = format!(
        "{} {}: {} · {} {} · {} {} · Δ≠0: {} · ⚠ {} · {} {}",
        app.tr(t::REVIEW_AVERAGE),
        app.tr(t::COL_SELF),
        avg(&footer.reported),
        app.tr(t::TOTAL),
        avg(&footer.computed),
        app.tr(t::COL_REVIEW),
        avg(&footer.review),
        footer.differing,
        footer.rows_with_warnings,
        footer.errors,
        app.tr(t::UNREADABLE_FILES),
    );
    let max = footer
        .grades
        .counts
        .iter()
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let prefix = format!("{}: ", app.tr(t::REVIEW_GRADES));
    // Totals still provisional are counted apart (core::grading): the
    // distribution adds up to the rows, as the 汇总表's does.
    let provisional = (footer.grades.provisional > 0).then(|| {
        format!(
            "{}* {}",
            crate::core::grading::NOT_GRADED.get(app.lang),
            footer.grades.provisional
        )
    });
    let room = usize::from(area.width)
        .saturating_sub(width(&prefix) + provisional.as_deref().map_or(0, width));
    let bar_width = (room / 4).saturating_sub(8).clamp(1, 12);
    let mut grade_spans = vec![Span::raw(prefix)];
    for g in [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor] {
        let n = footer.grades.get(g);
        let bar = "█".repeat((n * bar_width).div_ceil(max).min(bar_width));
        grade_spans.push(Span::raw(format!("{} ", g.label(app.lang))));
        grade_spans.push(Span::styled(pad_right(&bar, bar_width), theme.bar));
        grade_spans.push(Span::raw(format!(" {n}  ")));
    }
    grade_spans.extend(provisional.map(Span::raw));
    // Kept with the view: recounting every row per frame cost 10,000 rows a key.
    let histogram = &app.histogram;
    let hist_max = histogram.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let blocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let spark: String = histogram
        .iter()
        .map(|b| {
            if b.count == 0 {
                " "
            } else {
                blocks[(b.count * 7) / hist_max]
            }
        })
        .collect();
    let hist_line = format!("0 {spark} 100");
    let cells = usize::from(area.width);
    let lines = vec![
        Line::from(truncate(&line1, cells)),
        Line::from(grade_spans),
        Line::from(Span::styled(truncate(&hist_line, cells), theme.bar)),
        notes_line(app, cells, theme),
    ];
    frame.render_widget(Paragraph::new(lines), area);
}

/// The selected row's 备注 (flags and the reviewer's comment) in full, as far
/// as the line reaches: the column in the table is narrow.
fn notes_line(app: &ReviewApp, cells: usize, theme: &Theme) -> Line<'static> {
    let notes = app
        .selected_row()
        .and_then(|r| app.session.rows().get(r))
        .map(|row| notes_text(row, app.lang))
        .unwrap_or_default();
    if notes.is_empty() {
        return Line::from("");
    }
    let label = Column::Flags.label(&app.session.overview, app.lang);
    Line::from(vec![
        Span::styled(format!("{label}："), theme.header_row),
        Span::raw(truncate(&notes, cells.saturating_sub(width(&label) + 2))),
    ])
}

fn matrix(app: &ReviewApp, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Screen::Matrix {
        matrix,
        selected,
        first_column,
    } = &app.screen
    else {
        return;
    };
    let unit_w = 22usize;
    let cell_w = 7usize;
    let room = usize::from(area.width).saturating_sub(unit_w + 3);
    let count = (room / (cell_w + 1)).max(1);
    let cols: Vec<usize> = (*first_column..matrix.columns.len()).take(count).collect();
    let mut header = vec![Cell::from(truncate(app.tr(t::COL_UNIT), unit_w))];
    // The first column shown is the selected one: Enter opens it.
    header.extend(cols.iter().map(|&c| {
        let cell = Cell::from(truncate(&matrix.columns[c].code, cell_w));
        if c == *first_column {
            cell.style(theme.selected)
        } else {
            cell
        }
    }));
    // Only the rows on screen are built, as in the overview.
    let visible = super::visible_rows(area);
    let offset = super::scroll_offset(*selected, visible);
    let rows: Vec<Row> = matrix
        .rows
        .iter()
        .skip(offset)
        .take(visible)
        .map(|r| {
            let year = format!(" {}", r.year);
            let name = truncate_middle(&r.unit, unit_w.saturating_sub(width(&year)));
            let mut cells = vec![Cell::from(format!("{name}{year}"))];
            cells.extend(cols.iter().map(|&c| {
                let text = match r.cells.get(c).copied().flatten() {
                    Some(cell) if cell.not_applicable => "  —".to_owned(),
                    // Not scored: missing data, never a 0.
                    Some(cell) if cell.missing && cell.review.is_none() => "  ?".to_owned(),
                    Some(cell) => format!(
                        "{}{}{}",
                        cell.band.symbol(),
                        cell.shown_share()
                            .map(|s| pad_left(&crate::review::compare::share_label(s), 5))
                            .unwrap_or_default(),
                        // The reviewer's score, marked.
                        if cell.review.is_some() { "*" } else { "" }
                    ),
                    None => String::new(),
                };
                Cell::from(text)
            }));
            Row::new(cells)
        })
        .collect();
    let mut widths = vec![Constraint::Length(u16::try_from(unit_w).unwrap_or(22))];
    widths.extend(
        cols.iter()
            .map(|_| Constraint::Length(u16::try_from(cell_w).unwrap_or(7))),
    );
    // The legend whole in the title: the unit column cut it at 80 columns.
    let title = format!(
        " {} · {} ",
        app.tr(t::REVIEW_MATRIX),
        app.tr(t::REVIEW_LEGEND)
    );
    let selected_name = cols
        .first()
        .and_then(|&c| matrix.columns.get(c))
        .map(|c| format!(" {} {} ", c.code, c.name))
        .unwrap_or_default();
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.header_row))
        .block(super::block(&title).title_bottom(selected_name))
        .row_highlight_style(theme.selected)
        .column_spacing(1);
    let mut state = TableState::default().with_selected(Some(*selected - offset));
    frame.render_stateful_widget(table, area, &mut state);
}

fn diff(app: &ReviewApp, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Screen::Diff { diff, scroll } = &app.screen else {
        return;
    };
    let inner = usize::from(area.width.saturating_sub(2));
    let side = inner.saturating_sub(36) / 2;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} {}  ·  {}  ·  {} {}",
            pad_right("", 34),
            truncate(&diff.left_title, side),
            truncate(&diff.right_title, side),
            diff.differences(),
            app.tr(t::REVIEW_DIFFERS)
        ),
        theme.header_row,
    ))];
    let mut body = Vec::new();
    for section in &diff.sections {
        body.push(Line::from(Span::styled(
            section.title.get(app.lang).to_owned(),
            theme.group,
        )));
        for l in &section.lines {
            let mark = if l.differs { "≠ " } else { "  " };
            let text = format!(
                "{mark}{} {} {}",
                pad_right(l.label.get(app.lang), 32),
                pad_left(&l.left, side.max(4)),
                pad_left(&l.right, side.max(4))
            );
            let style = if l.differs {
                theme.accent
            } else {
                ratatui::style::Style::default()
            };
            body.push(Line::from(Span::styled(truncate(&text, inner), style)));
        }
    }
    lines.extend(body.into_iter().skip(*scroll));
    let title = format!(" {} ", app.tr(t::REVIEW_DIFF));
    frame.render_widget(Paragraph::new(lines).block(super::block(&title)), area);
}

fn bottom(app: &ReviewApp, frame: &mut Frame, area: Rect, theme: &Theme) {
    let kind = app.mode_kind();
    let hints = hints(kind, app.lang);
    let cells = usize::from(area.width);
    let hint_line = Line::from(Span::styled(truncate(&hints.join(" · "), cells), theme.dim));
    let (second, cursor) = match &app.mode {
        ReviewMode::Prompt(kind, editor) => {
            let label = format!("{}: ", app.prompt_label(*kind));
            let error = editor
                .error
                .as_ref()
                .map(|e| format!("  ⚠ {}", e.get(app.lang)))
                .unwrap_or_default();
            let shown = super::prompt_line::prompt_line(
                &label,
                &editor.buffer,
                editor.caret,
                &error,
                cells,
                &super::prompt_line::PromptStyles {
                    label: theme.accent,
                    text: theme.editing,
                    error: theme.error,
                },
            );
            (shown.line, Some(shown.caret))
        }
        _ => (
            Line::from(match &app.status {
                Some(s) => Span::styled(
                    truncate(&s.text, cells),
                    if s.is_error { theme.error } else { theme.ok },
                ),
                None => Span::raw(""),
            }),
            None,
        ),
    };
    frame.render_widget(Paragraph::new(vec![hint_line, second]), area);
    if let Some(x) = cursor
        .and_then(|x| u16::try_from(x).ok())
        .filter(|x| *x < area.width)
    {
        frame.set_cursor_position(Position::new(area.x + x, area.y + 1));
    }
}

//! A table of one-line text cells in fixed-width columns, drawn straight into
//! the buffer.
//!
//! The reviewer's overview redraws up to 45 rows of 14 cells on every scroll
//! key. ratatui's `Table` wraps each cell in a `Text`, a `Line` and a `Span`,
//! styles every cell's area and solves the column layout again, which was half
//! of a key's cost at 10,000 units. This draws the same cells (each as the
//! `Span` the table would end with) and gives the same buffer, styles
//! included, as a `Table` of `Length` columns spaced by one cell, with a
//! header and a highlighted row; a test holds it to that.

use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Widget};

/// One column: its width in cells and how its body cells are aligned (the
/// header is always left-aligned, as the table's header cells are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridColumn {
    pub width: u16,
    pub align: Alignment,
}

/// One body row: a text per column (cut to its width by the caller) and the
/// style laid under the whole row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridRow {
    pub cells: Vec<String>,
    pub style: Style,
}

/// The header's cells with their styles, the body rows, and which body row
/// is highlighted (an index into `rows`).
#[derive(Debug, Clone, Default)]
pub struct Grid<'a> {
    pub columns: Vec<GridColumn>,
    pub header: Vec<(String, Style)>,
    pub rows: Vec<GridRow>,
    pub selected: Option<usize>,
    pub highlight: Style,
    pub block: Option<Block<'a>>,
}

impl Widget for Grid<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = match &self.block {
            Some(block) => {
                block.render(area, buf);
                block.inner(area)
            }
            None => area,
        }
        .intersection(buf.area);
        if inner.is_empty() {
            return;
        }
        let lefts = column_lefts(&self.columns, inner);
        let header_row = Rect { height: 1, ..inner };
        for ((text, style), (&x, column)) in self.header.iter().zip(lefts.iter().zip(&self.columns))
        {
            let cell = Rect::new(x, inner.y, column.width, 1).intersection(header_row);
            buf.set_style(cell, *style);
            draw_text(first_line(text), Alignment::Left, cell, buf);
        }
        let body_rows = usize::from(inner.height - 1);
        for (i, row) in self.rows.iter().take(body_rows).enumerate() {
            let y = inner.y + 1 + u16::try_from(i).unwrap_or(u16::MAX);
            let row_area = Rect {
                y,
                height: 1,
                ..inner
            };
            buf.set_style(row_area, row.style);
            for (text, (&x, column)) in row.cells.iter().zip(lefts.iter().zip(&self.columns)) {
                let cell = Rect::new(x, y, column.width, 1).intersection(row_area);
                let text = match column.align {
                    // A left cell is a `Text`: only its first line shows in one row.
                    Alignment::Left => first_line(text),
                    Alignment::Center | Alignment::Right => text.as_str(),
                };
                draw_text(text, column.align, cell, buf);
            }
            if self.selected == Some(i) {
                buf.set_style(row_area, self.highlight);
            }
        }
    }
}

/// Where each column starts: one cell of spacing after each, cut at the
/// area's right edge (the caller picks columns that fit).
fn column_lefts(columns: &[GridColumn], area: Rect) -> Vec<u16> {
    let mut x = area.x;
    columns
        .iter()
        .map(|c| {
            let left = x.min(area.right());
            x = x.saturating_add(c.width).saturating_add(1);
            left
        })
        .collect()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

/// One cell's text as the table's `Line` draws it: indented to its alignment
/// when it fits, else cut at the right.
fn draw_text(text: &str, align: Alignment, cell: Rect, buf: &mut Buffer) {
    if cell.is_empty() || text.is_empty() {
        return;
    }
    let span = Span::raw(text);
    let room = usize::from(cell.width);
    let text_width = span.width();
    let indent = match align {
        Alignment::Left => 0,
        _ if text_width > room => 0,
        Alignment::Center => (room - text_width) / 2,
        Alignment::Right => room - text_width,
    };
    let indent = u16::try_from(indent).unwrap_or(0);
    let drawn = Rect {
        x: cell.x.saturating_add(indent),
        width: cell.width.saturating_sub(indent),
        ..cell
    };
    span.render(drawn, buf);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Constraint;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Line;
    use ratatui::widgets::{Borders, Cell, Row, Table, TableState};

    fn columns() -> Vec<GridColumn> {
        [
            (12, Alignment::Left),
            (6, Alignment::Right),
            (9, Alignment::Right),
            (7, Alignment::Left),
        ]
        .into_iter()
        .map(|(width, align)| GridColumn { width, align })
        .collect()
    }

    fn body() -> Vec<GridRow> {
        let texts = [
            ["▶财政局预算科室", "19", "95.00%", "未审"],
            ["安徽省财政厅", "", "n/a", "已审核"],
            ["教育局\n第二行", "100", "1.13%", "退回"],
            ["a\u{200b}b", "19.58%", "—", ""],
            ["湛江市第三十五小学", "7", "12345.67%", "x"],
        ];
        let styles = [
            Style::default(),
            Style::default().fg(Color::Yellow),
            Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
            Style::default(),
            Style::default().bg(Color::Blue),
        ];
        texts
            .iter()
            .zip(styles)
            .map(|(cells, style)| GridRow {
                cells: cells.iter().map(|s| (*s).to_owned()).collect(),
                style,
            })
            .collect()
    }

    fn header() -> Vec<(String, Style)> {
        ["单位", "得分", "财政拨款…", "审核状态"]
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let style = if i == 1 {
                    Style::default().add_modifier(Modifier::REVERSED)
                } else {
                    Style::default().fg(Color::Cyan)
                };
                ((*s).to_owned(), style)
            })
            .collect()
    }

    /// The same cells through ratatui's Table, as the overview drew them.
    fn through_table(area: Rect, selected: Option<usize>, highlight: Style) -> Buffer {
        let columns = columns();
        let rows: Vec<Row> = body()
            .into_iter()
            .map(|r| {
                let cells: Vec<Cell> = r
                    .cells
                    .into_iter()
                    .zip(&columns)
                    .map(|(text, c)| match c.align {
                        Alignment::Left => Cell::from(text),
                        _ => Cell::from(Line::from(text).right_aligned()),
                    })
                    .collect();
                Row::new(cells).style(r.style)
            })
            .collect();
        let head = Row::new(
            header()
                .into_iter()
                .map(|(text, style)| Cell::from(text).style(style))
                .collect::<Vec<_>>(),
        );
        let widths: Vec<Constraint> = columns
            .iter()
            .map(|c| Constraint::Length(c.width))
            .collect();
        let table = Table::new(rows, widths)
            .header(head)
            .block(Block::default().borders(Borders::ALL))
            .row_highlight_style(highlight)
            .column_spacing(1);
        let mut buf = Buffer::empty(area);
        let mut state = TableState::default().with_selected(selected);
        ratatui::widgets::StatefulWidget::render(table, area, &mut buf, &mut state);
        buf
    }

    fn through_grid(area: Rect, selected: Option<usize>, highlight: Style) -> Buffer {
        let mut buf = Buffer::empty(area);
        Grid {
            columns: columns(),
            header: header(),
            rows: body(),
            selected,
            highlight,
            block: Some(Block::default().borders(Borders::ALL)),
        }
        .render(area, &mut buf);
        buf
    }

    #[test]
    fn draws_what_the_table_draws_styles_included() {
        let highlight = Style::default()
            .bg(Color::DarkGray)
            .add_modifier(Modifier::BOLD);
        for area in [Rect::new(0, 0, 40, 8), Rect::new(3, 2, 60, 12)] {
            for selected in [None, Some(0), Some(2), Some(4)] {
                assert_eq!(
                    through_grid(area, selected, highlight),
                    through_table(area, selected, highlight),
                    "area {area:?}, selected {selected:?}"
                );
            }
        }
    }

    /// A buffer line as read on screen: the cells a wide character hides are skipped.
    fn line_text(buf: &Buffer, y: u16) -> String {
        let mut text = String::new();
        let mut x = buf.area.x;
        while x < buf.area.right() {
            let symbol = buf[(x, y)].symbol();
            text.push_str(symbol);
            x += u16::try_from(crate::text::width(symbol))
                .unwrap_or(1)
                .max(1);
        }
        text
    }

    #[test]
    fn rows_beyond_the_area_are_not_drawn() {
        // Three lines inside the border: the header and two rows.
        let area = Rect::new(0, 0, 40, 5);
        let buf = through_grid(area, Some(1), Style::default());
        let text = line_text(&buf, 3);
        assert!(text.starts_with("│安徽省财政厅 "), "{text}");
        assert_eq!(buf[(1, 4)].symbol(), "─");
    }

    #[test]
    fn columns_past_the_edge_are_cut_not_a_panic() {
        let area = Rect::new(0, 0, 16, 4);
        let buf = through_grid(area, Some(0), Style::default());
        // The unit column keeps what fits of its 12 cells; the next column
        // has one cell left before the border.
        assert_eq!(line_text(&buf, 2), "│▶财政局预算  1│");
    }
}

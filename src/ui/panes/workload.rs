//! 工作量: groups and items with unit words, 余 marks, target and completion,
//! last year and change, per-capita figures; parts with their sum.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row};

use super::{TableView, draw_table, flex_then_fixed, flex_width};
use crate::app::rows::WorkloadRow;
use crate::app::{App, Pane};
use crate::core::num::{fmt_percent, round2};
use crate::i18n as t;
use crate::text::{pad_left, truncate};
use crate::ui::theme::Theme;

/// "1300余份".
#[must_use]
pub fn amount(value: rust_decimal::Decimal, lower_bound: bool, unit: &str) -> String {
    format!("{value}{}{unit}", if lower_bound { "余" } else { "" })
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let wb = &app.workbook;
    let stats = &app.derived.workload;
    let fixed = [11, 7, 8, 7, 8, 7];
    let name_w = flex_width(area, &fixed);
    let opt = |v: Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    let opt_pct = |v: Option<rust_decimal::Decimal>| v.map(fmt_percent).unwrap_or_default();
    let rows: Vec<Row> = crate::app::rows::visible_workload_rows(wb, &app.folded_groups)
        .into_iter()
        .filter_map(|row| match row {
            WorkloadRow::Group(g) => {
                let group = wb.workload.get(g)?;
                let totals: Vec<String> = stats
                    .get(g)?
                    .totals
                    .iter()
                    .map(|(unit, total, lb)| amount(*total, *lb, unit))
                    .collect();
                Some(
                    Row::new(vec![Cell::from(truncate(
                        &format!("{} · {}", group.name, totals.join(" ")),
                        name_w + 12,
                    ))])
                    .style(theme.group),
                )
            }
            WorkloadRow::Item(g, i) => {
                let item = wb.workload.get(g)?.items.get(i)?;
                let s = stats.get(g)?.items.get(i)?;
                let mark = if s.parts_consistent { "" } else { " ✘" };
                Some(Row::new(vec![
                    Cell::from(truncate(&format!("  {}{mark}", item.name), name_w)),
                    Cell::from(pad_left(
                        &amount(item.value, item.lower_bound, &item.unit),
                        11,
                    )),
                    Cell::from(pad_left(&opt(item.target), 7)),
                    Cell::from(pad_left(&opt_pct(s.completion), 8)),
                    Cell::from(pad_left(&opt(item.last_year), 7)),
                    Cell::from(pad_left(&opt_pct(s.change), 8)),
                    Cell::from(pad_left(&opt(s.per_capita.map(round2)), 7)),
                ]))
            }
            WorkloadRow::Part(g, i, p) => {
                let part = wb.workload.get(g)?.items.get(i)?.parts.get(p)?;
                let unit = &wb.workload.get(g)?.items.get(i)?.unit;
                Some(
                    Row::new(vec![
                        Cell::from(truncate(&format!("    · {}", part.name), name_w)),
                        Cell::from(pad_left(&amount(part.value, part.lower_bound, unit), 11)),
                    ])
                    .style(theme.dim),
                )
            }
        })
        .collect();
    let header = Row::new(vec![
        app.tr(t::COL_ITEM),
        app.tr(t::COL_VALUE),
        app.tr(t::COL_TARGET),
        app.tr(t::COL_COMPLETION),
        app.tr(t::COL_LAST_YEAR),
        app.tr(t::COL_CHANGE),
        app.tr(t::COL_PER_CAPITA),
    ]);
    let widths = flex_then_fixed(&fixed);
    // Editable columns: value, target, last year.
    let column = [1, 2, 4][app.column[Pane::Workload].min(2)];
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Workload, header, rows, &widths).with_column(Some(column)),
        theme,
    );
}

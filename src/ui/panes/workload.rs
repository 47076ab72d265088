//! 工作量: groups and items with unit words, 余 marks, target and completion,
//! last year and change, per-capita figures; parts with their sum.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row};

use crate::app::rows::WorkloadRow;
use crate::app::{App, Pane};
use crate::core::num::{fmt_percent, round2};
use crate::i18n::{self as t, Tr};
use crate::text::{pad_left, truncate};
use crate::ui::cells::{Detail, Entries, entry};
use crate::ui::cells::{TableView, draw_table, flex_then_fixed, flex_width};
use crate::ui::theme::Theme;

/// "1300余份".
#[must_use]
pub fn amount(value: rust_decimal::Decimal, lower_bound: bool, unit: &str) -> String {
    format!("{value}{}{unit}", if lower_bound { "余" } else { "" })
}

/// The columns after the item's name: title and width.
const COLUMNS: [(Tr, u16); 6] = [
    (t::COL_VALUE, 11),
    (t::COL_TARGET, 7),
    (t::COL_COMPLETION, 8),
    (t::COL_LAST_YEAR, 7),
    (t::COL_CHANGE, 8),
    (t::COL_PER_CAPITA, 7),
];

/// `text` right-aligned in the width of column `at` of `COLUMNS`.
fn cell_at(at: usize, text: &str) -> Cell<'static> {
    Cell::from(pad_left(text, usize::from(COLUMNS[at].1)))
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let wb = &app.workbook;
    let stats = &app.derived.workload;
    let fixed = COLUMNS.map(|(_, width)| width);
    let name_w = flex_width(area, &fixed);
    let opt = |v: Option<rust_decimal::Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    let opt_pct = |v: Option<rust_decimal::Decimal>| v.map(fmt_percent).unwrap_or_default();
    let rows: Vec<Row> = crate::app::rows::visible_workload_rows(wb, &app.folds.workload_groups)
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
                let values = [
                    amount(item.value, item.lower_bound, &item.unit),
                    opt(item.target),
                    opt_pct(s.completion),
                    opt(item.last_year),
                    opt_pct(s.change),
                    opt(s.per_capita.map(round2)),
                ];
                let name = Cell::from(truncate(&format!("  {}{mark}", item.name), name_w));
                let cells = values.iter().enumerate().map(|(at, v)| cell_at(at, v));
                Some(Row::new(std::iter::once(name).chain(cells)))
            }
            WorkloadRow::Part(g, i, p) => {
                let part = wb.workload.get(g)?.items.get(i)?.parts.get(p)?;
                let unit = &wb.workload.get(g)?.items.get(i)?.unit;
                Some(
                    Row::new(vec![
                        Cell::from(truncate(&format!("    · {}", part.name), name_w)),
                        cell_at(0, &amount(part.value, part.lower_bound, unit)),
                    ])
                    .style(theme.dim),
                )
            }
        })
        .collect();
    let titles = std::iter::once(t::COL_ITEM).chain(COLUMNS.map(|(title, _)| title));
    let header = Row::new(titles.map(|title| app.tr(title)));
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

/// The detail panel for the selected row.
pub(in crate::ui) fn detail(app: &App) -> Detail {
    let lang = app.lang;
    let mut e = Entries::new();
    let wb = &app.workbook;
    let row = crate::app::rows::visible_workload_rows(wb, &app.folds.workload_groups)
        .get(app.selected())
        .copied();
    let Some(
        WorkloadRow::Group(group_index)
        | WorkloadRow::Item(group_index, _)
        | WorkloadRow::Part(group_index, _, _),
    ) = row
    else {
        return (String::new(), e);
    };
    let Some(group) = wb.workload.get(group_index) else {
        return (String::new(), e);
    };
    let Some(stats) = app.derived.workload.get(group_index) else {
        return (String::new(), e);
    };
    let title = match row {
        Some(WorkloadRow::Item(g, i) | WorkloadRow::Part(g, i, _)) => {
            let (Some(item), Some(s)) = (
                wb.workload.get(g).and_then(|x| x.items.get(i)),
                stats.items.get(i),
            ) else {
                return (String::new(), e);
            };
            entry(
                &mut e,
                t::COL_VALUE.get(lang),
                amount(item.value, item.lower_bound, &item.unit),
            );
            if let Some(sum) = s.parts_sum {
                let parts: Vec<String> = item
                    .parts
                    .iter()
                    .map(|p| amount(p.value, p.lower_bound, ""))
                    .collect();
                let mark = if s.parts_consistent { "✔" } else { "✘" };
                let approx = if s.parts_sum_is_lower_bound {
                    "≥"
                } else {
                    ""
                };
                entry(
                    &mut e,
                    t::PARTS_SUM.get(lang),
                    format!("{}={approx}{sum} {mark}", parts.join("+")),
                );
            }
            if let Some(c) = s.completion {
                entry(&mut e, t::COL_COMPLETION.get(lang), fmt_percent(c));
            }
            if let Some(c) = s.change {
                entry(&mut e, t::COL_CHANGE.get(lang), fmt_percent(c));
            }
            if let Some(p) = s.per_capita {
                entry(
                    &mut e,
                    t::COL_PER_CAPITA.get(lang),
                    format!("{}{}", round2(p), item.unit),
                );
            }
            item.name.clone()
        }
        _ => group.name.clone(),
    };
    // A bar chart of the group's items.
    let max = group
        .items
        .iter()
        .map(|i| i.value)
        .max()
        .unwrap_or_default();
    for item in &group.items {
        let bar = crate::ui::cells::gauge(item.value, max, 12);
        e.push((
            crate::text::truncate(&item.name, 16),
            format!("{bar} {}", amount(item.value, item.lower_bound, &item.unit)),
        ));
    }
    (title, e)
}

//! One module per pane. Each draws a table whose selected row is the app's.

pub mod budget;
pub mod checks;
pub mod indicators;
pub mod summary;
pub mod workload;

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Row, Table, TableState};

use super::theme::Theme;
use crate::core::Lang;
use crate::core::engine::{Metric, MetricStatus};
use crate::core::num::fmt_percent;
use crate::i18n as t;

/// What a pane's table shows.
pub(super) struct TableView<'a> {
    pub title: &'a str,
    pub header: Row<'a>,
    pub rows: Vec<Row<'a>>,
    pub widths: &'a [Constraint],
}

/// Draws a bordered table with the app's selection (and selected column, if any).
pub(super) fn draw_table(
    frame: &mut Frame,
    area: Rect,
    view: TableView<'_>,
    (selected, column): (usize, Option<usize>),
    theme: &Theme,
) {
    let table = Table::new(view.rows, view.widths.to_vec())
        .header(view.header.style(theme.header_row))
        .block(super::block(view.title))
        .row_highlight_style(theme.selected)
        .cell_highlight_style(theme.editing)
        .column_spacing(1);
    let mut state = TableState::default().with_selected(Some(selected));
    if let Some(c) = column {
        state.select_column(Some(c));
    }
    frame.render_stateful_widget(table, area, &mut state);
}

/// A metric's value as shown: "19.58%", "n/a (÷0)", "缺数据", or — when the
/// inputs are missing but the report printed the rate — "缺数据(报告100.00%)".
#[must_use]
pub fn metric_value_or_reported(
    metric: &Metric,
    wb: &crate::core::model::Workbook,
    lang: Lang,
) -> String {
    let shown = metric_value(metric, lang);
    match (metric.display, wb.reported.rates.get(&metric.id)) {
        (None, Some(printed)) => {
            format!("{shown}({}{})", t::PRINTED.get(lang), fmt_percent(*printed))
        }
        _ => shown,
    }
}

/// A metric's value as shown: "19.58%", "n/a (÷0)", or "缺数据".
#[must_use]
pub fn metric_value(metric: &Metric, lang: Lang) -> String {
    match (&metric.status, metric.display) {
        (_, Some(v)) if metric.id.is_percent() => fmt_percent(v),
        (_, Some(v)) => format!("{v}"),
        (MetricStatus::ZeroDenominator, _) => "n/a (÷0)".to_owned(),
        (MetricStatus::Overflow, _) => t::NOT_AVAILABLE.get(lang).to_owned(),
        (MetricStatus::MissingInput { .. } | MetricStatus::Ok, None) => {
            t::MISSING.get(lang).to_owned()
        }
    }
}

/// Column widths: a flexible first column, then the fixed ones.
#[must_use]
pub fn flex_then_fixed(fixed: &[u16]) -> Vec<Constraint> {
    std::iter::once(Constraint::Min(10))
        .chain(fixed.iter().map(|&w| Constraint::Length(w)))
        .collect()
}

/// Width left for a flexible column after fixed ones and spacing.
#[must_use]
pub fn flex_width(area: Rect, fixed: &[u16]) -> usize {
    let spacing = u16::try_from(fixed.len()).unwrap_or(0);
    let used: u16 = fixed.iter().sum::<u16>() + spacing + 2 + 2;
    usize::from(area.width.saturating_sub(used)).max(4)
}

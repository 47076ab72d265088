//! What every pane draws with: the bordered table with the app's selection,
//! the pane's title, the detail panel's entries, a metric's value as shown,
//! a text gauge and column widths. Imports nothing of the panes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Row, Table, TableState};

use super::theme::Theme;
use crate::app::keymap::key_label;
use crate::app::{App, Pane};
use crate::core::Lang;
use crate::core::engine::{Metric, MetricStatus};
use crate::core::num::fmt_percent;
use crate::i18n as t;

/// Lines of (label, text); the renderer wraps them to the panel's width.
pub type Entries = Vec<(String, String)>;

pub fn entry(entries: &mut Entries, label: impl Into<String>, text: impl Into<String>) {
    let text = text.into();
    if !text.is_empty() {
        entries.push((label.into(), text));
    }
}

/// A detail panel: its title and its entries.
pub type Detail = (String, Entries);

/// A text gauge: `[██████░░░░]`.
#[must_use]
pub fn gauge(
    ratio_num: rust_decimal::Decimal,
    ratio_den: rust_decimal::Decimal,
    cells: usize,
) -> String {
    use rust_decimal::prelude::ToPrimitive;
    let filled = if ratio_den.is_zero() {
        0
    } else {
        (ratio_num * rust_decimal::Decimal::from(cells) / ratio_den)
            .round()
            .to_usize()
            .unwrap_or(0)
            .min(cells)
    };
    format!("{}{}", "█".repeat(filled), "░".repeat(cells - filled))
}

/// A pane's title as its tab shows it: its key, its name, and `extra`.
#[must_use]
pub fn pane_title(app: &App, pane: Pane, extra: &str) -> String {
    let key = pane.spec().keys.first().map(key_label).unwrap_or_default();
    format!(" {key} {}{extra} ", app.tr(pane.title()))
}

/// What a pane's table shows.
pub struct TableView<'a> {
    pub pane: Pane,
    /// Shown after the pane's name in the title.
    pub title_extra: String,
    pub header: Row<'a>,
    pub rows: Vec<Row<'a>>,
    pub widths: &'a [Constraint],
    /// The highlighted cell's column, in panes that edit by column.
    pub column: Option<usize>,
}

impl<'a> TableView<'a> {
    /// A pane's table with nothing after its name and no selected column.
    pub fn new(pane: Pane, header: Row<'a>, rows: Vec<Row<'a>>, widths: &'a [Constraint]) -> Self {
        Self {
            pane,
            title_extra: String::new(),
            header,
            rows,
            widths,
            column: None,
        }
    }

    /// Shows `extra` after the pane's name.
    #[must_use]
    pub fn titled(mut self, extra: String) -> Self {
        self.title_extra = extra;
        self
    }

    /// Highlights the cell in `column` of the selected row.
    #[must_use]
    pub fn with_column(mut self, column: Option<usize>) -> Self {
        self.column = column;
        self
    }
}

/// Draws a pane's bordered table with the app's selection (and selected column, if any).
pub fn draw_table(app: &App, frame: &mut Frame, area: Rect, view: TableView<'_>, theme: &Theme) {
    let title = pane_title(app, view.pane, &view.title_extra);
    let (selected, column) = (app.selection[view.pane], view.column);
    let table = Table::new(view.rows, view.widths.to_vec())
        .header(view.header.style(theme.header_row))
        .block(super::block(&title))
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

//! 预算: the basic data grouped as in the seed, each ratio beside its inputs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row};

use super::{TableView, draw_table, flex_then_fixed, flex_width, metric_value_or_reported};
use crate::app::rows::budget_rows;
use crate::app::{App, BudgetRow, EditTarget, Mode, Pane};
use crate::core::model::FieldKind;
use crate::core::num::round2;
use crate::i18n as t;
use crate::text::{pad_left, truncate};
use crate::ui::theme::Theme;

/// Money always with its 2 places ("40" typed shows as "40.00"); counts and
/// percentages as stored.
#[must_use]
pub fn shown_value(kind: FieldKind, value: rust_decimal::Decimal) -> String {
    match kind {
        FieldKind::Money | FieldKind::SignedMoney => format!("{:.2}", round2(value)),
        FieldKind::Count | FieldKind::Percent => value.to_string(),
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let lang = app.lang;
    let fixed = [20, 6];
    let label_w = flex_width(area, &fixed);
    let rows: Vec<Row> = budget_rows()
        .into_iter()
        .map(|row| match row {
            BudgetRow::Header(g) => {
                Row::new(vec![Cell::from(truncate(t::group(g).get(lang), label_w))])
                    .style(theme.group)
            }
            BudgetRow::Field(f) => {
                let stored = f.get(&app.workbook);
                let unit = stored.map_or("", |_| t::unit(f.kind()).get(lang));
                // While this field is being edited, its cell shows the typed text.
                let value_cell = match &app.mode {
                    Mode::Edit(editor) if editor.target == EditTarget::Field(f) => Cell::from(
                        pad_left(&format!("{}▏", editor.buffer), 20),
                    )
                    .style(if editor.error.is_some() {
                        theme.error
                    } else {
                        theme.editing
                    }),
                    _ => Cell::from(pad_left(
                        &stored.map_or_else(|| "—".to_owned(), |v| shown_value(f.kind(), v)),
                        20,
                    )),
                };
                Row::new(vec![
                    Cell::from(truncate(&format!("  {}", f.label(lang)), label_w)),
                    value_cell,
                    Cell::from(unit),
                ])
            }
            BudgetRow::Metric(m) => {
                let value = app
                    .derived
                    .metric(m)
                    .map(|metric| metric_value_or_reported(metric, &app.workbook, lang))
                    .unwrap_or_default();
                Row::new(vec![
                    Cell::from(truncate(&format!("  ƒ {}", m.label(lang)), label_w)),
                    Cell::from(pad_left(&value, 20)),
                    Cell::from(if m.is_percent() {
                        ""
                    } else {
                        t::unit(FieldKind::Money).get(lang)
                    }),
                ])
                .style(theme.derived)
            }
        })
        .collect();
    let header = Row::new(vec![
        app.tr(t::COL_ITEM),
        app.tr(t::COL_VALUE),
        app.tr(t::COL_UNIT),
    ]);
    let widths = flex_then_fixed(&fixed);
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Budget, header, rows, &widths),
        theme,
    );
}

//! 预算: the basic data grouped as in the seed, each ratio beside its inputs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row};

use crate::app::rows::budget_rows;
use crate::app::{App, BudgetRow, EditTarget, Mode, Pane};
use crate::core::engine::MetricStatus;
use crate::core::model::FieldKind;
use crate::core::model::{FieldId, MetricId};
use crate::core::num::fmt_percent;
use crate::core::num::round2;
use crate::i18n as t;
use crate::text::{pad_left, truncate};
use crate::ui::cells::{Detail, Entries, entry, metric_value};
use crate::ui::cells::{
    TableView, draw_table, flex_then_fixed, flex_width, metric_value_or_reported,
};
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

/// The detail panel for the selected row.
pub(in crate::ui) fn detail(app: &App) -> Detail {
    let lang = app.lang;
    let mut e = Entries::new();
    match budget_rows().get(app.selected()).copied() {
        Some(BudgetRow::Field(f)) => {
            let value = f
                .get(&app.workbook)
                .map_or_else(|| "—".to_owned(), |v| v.to_string());
            let unit = t::unit(f.kind()).get(lang);
            entry(&mut e, t::COL_VALUE.get(lang), format!("{value} {unit}"));
            if lang == crate::core::Lang::En {
                // The file's own name for the field: for those who read the JSON.
                entry(&mut e, "key", f.key());
            }
            entry(&mut e, "→", used_by(app, f));
            (f.label(lang).to_owned(), e)
        }
        Some(BudgetRow::Metric(m)) => {
            if let Some(metric) = app.derived.metric(m) {
                entry(&mut e, t::COL_VALUE.get(lang), metric_value(metric, lang));
                entry(&mut e, t::FORMULA.get(lang), m.formula().get(lang));
                if let Some(expr) = &metric.expression {
                    entry(&mut e, t::ARITHMETIC.get(lang), expr.get(lang));
                }
                match &metric.status {
                    MetricStatus::ZeroDenominator => {
                        entry(
                            &mut e,
                            t::NOT_COMPUTED.get(lang),
                            t::ZERO_DENOMINATOR.get(lang),
                        );
                    }
                    MetricStatus::Overflow => {
                        entry(&mut e, t::NOT_COMPUTED.get(lang), t::OVERFLOW.get(lang));
                    }
                    MetricStatus::MissingInput { fields } => {
                        let names: Vec<_> = fields.iter().map(|f| f.label(lang)).collect();
                        entry(
                            &mut e,
                            t::MISSING.get(lang),
                            format!("{}{}", t::MISSING_INPUTS.get(lang), names.join("、")),
                        );
                    }
                    MetricStatus::Ok => {}
                }
                let inputs: Vec<String> = metric
                    .inputs
                    .iter()
                    .map(|(f, v)| {
                        format!(
                            "{}={}",
                            f.label(lang),
                            v.map_or_else(|| "—".to_owned(), |d| d.to_string())
                        )
                    })
                    .collect();
                entry(&mut e, t::INPUTS.get(lang), inputs.join("；"));
                if let Some(printed) = app.workbook.reported.rates.get(&m) {
                    entry(&mut e, t::PRINTED_LABEL.get(lang), fmt_percent(*printed));
                }
            }
            (format!("{} {}", m.formula_no(), m.label(lang)), e)
        }
        Some(BudgetRow::Header(g)) => (t::group(g).get(lang).to_owned(), e),
        None => (String::new(), e),
    }
}

fn used_by(app: &App, field: FieldId) -> String {
    MetricId::ALL
        .iter()
        .filter(|m| m.inputs().contains(&field))
        .map(|m| format!("{} {}", m.formula_no(), m.label(app.lang)))
        .collect::<Vec<_>>()
        .join("、")
}

//! The rule form: kind, metric, the kind's parameters (as its rule module
//! declares them) and, below, the sentence the report will print.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::App;
use crate::app::structure::RuleForm;
use crate::app::structure::rule_form::{KIND_ROW, METRIC_ROW};
use crate::core::engine::basis;
use crate::core::engine::measure::formula_words;
use crate::core::engine::metrics::METRICS;
use crate::core::engine::rules::params::ParamShape;
use crate::i18n as t;
use crate::text::{pad_right, truncate, wrap};
use crate::ui::theme::Theme;

fn area(screen: Rect) -> Rect {
    let width = screen.width.saturating_sub(4).min(100);
    let height = screen.height.saturating_sub(4).min(24);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + (screen.height - height) / 2,
        width,
        height,
    )
}

fn field_value(app: &App, form: &RuleForm, row: usize) -> String {
    match row {
        KIND_ROW => {
            let (zh, en) = form.spec().label;
            format!("‹ {} › {}", t::Tr(zh, en).get(app.lang), form.spec().key)
        }
        METRIC_ROW => measure_text(app, form),
        _ => {
            let Some((at, param)) = form.param_at_row_of(row) else {
                return String::new();
            };
            let value = form.current_values().get(at).cloned().unwrap_or_default();
            match param.shape {
                ParamShape::Flag => {
                    let on = value == "true";
                    if on { "[✔]" } else { "[ ]" }.to_owned()
                }
                ParamShape::Choice(_) => format!("‹ {value} ›"),
                ParamShape::Number | ParamShape::List => value,
            }
        }
    }
}

/// The metric row: the metric and the basis it is taken on, or the table's formula.
fn measure_text(app: &App, form: &RuleForm) -> String {
    if let Some(formula) = &form.formula {
        let words = formula_words(formula);
        return format!("{}{}", app.tr(t::RULE_TABLE_FORMULA), words.get(app.lang));
    }
    let Some(def) = form.metric.and_then(|m| METRICS.get(m)) else {
        return app.tr(t::RULE_NO_METRIC).to_owned();
    };
    let name = t::Tr(def.label_zh, def.label_en).get(app.lang);
    match basis::distinct(Some(def.id), form.basis) {
        Some(b) => {
            let on = t::Tr(b.label_zh(), b.label_en()).get(app.lang);
            format!(
                "{} {name}{}{on}{}",
                def.no,
                app.tr(t::RULE_BASIS_OPEN),
                app.tr(t::RULE_BASIS_CLOSE)
            )
        }
        None => format!("{} {name}", def.no),
    }
}

fn field_label(app: &App, form: &RuleForm, row: usize) -> (String, String) {
    match row {
        KIND_ROW => (app.tr(t::RULE_KIND).to_owned(), String::new()),
        METRIC_ROW => (app.tr(t::RULE_METRIC).to_owned(), String::new()),
        _ => form
            .param_at_row_of(row)
            .map_or_else(Default::default, |(_, p)| {
                (
                    t::Tr(p.label.0, p.label.1).get(app.lang).to_owned(),
                    t::Tr(p.hint.0, p.hint.1).get(app.lang).to_owned(),
                )
            }),
    }
}

pub fn render(app: &App, form: &RuleForm, frame: &mut Frame, screen: Rect, theme: &Theme) {
    let area = area(screen);
    let inner = usize::from(area.width.saturating_sub(2));
    let label_w = 18.min(inner / 3);
    let mut lines: Vec<Line> = Vec::new();
    for row in 0..form.rows() {
        let (label, hint) = field_label(app, form, row);
        let value = field_value(app, form, row);
        let style = if row == form.row {
            theme.selected
        } else {
            ratatui::style::Style::default()
        };
        let text = format!("{} {value}", pad_right(&truncate(&label, label_w), label_w));
        let hint = if row == form.row && !hint.is_empty() {
            format!("  {hint}")
        } else {
            String::new()
        };
        let cells = inner.saturating_sub(crate::text::width(&hint));
        lines.push(Line::from(vec![
            Span::styled(pad_right(&truncate(&text, cells), cells), style),
            Span::styled(truncate(&hint, inner), theme.dim),
        ]));
    }
    lines.push(Line::from(""));
    let (head, sentence, style) = match form.sentence() {
        Ok(s) => (t::RULE_READS_AS, s.get(app.lang).to_owned(), theme.ok),
        Err(why) => (t::RULE_NOT_YET, why.get(app.lang).to_owned(), theme.error),
    };
    lines.push(Line::from(Span::styled(
        format!("{}：", app.tr(head)),
        theme.accent,
    )));
    for part in wrap(&sentence, inner) {
        lines.push(Line::from(Span::styled(part, style)));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(crate::ui::block(app.tr(t::RULE_FORM))),
        area,
    );
}

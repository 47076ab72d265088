//! The detail panel: explains the selected row — a ratio's formula with the
//! actual numbers, an indicator's rule and arithmetic, a warning in full.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panes::metric_value;
use super::panes::workload::amount;
use super::theme::Theme;
use crate::app::rows::{budget_rows, indicator_rows};
use crate::app::{App, BudgetRow, WorkloadRow};
use crate::core::engine::{MetricId, MetricStatus, ScoreBasis, ValueSource};
use crate::core::model::FieldId;
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::i18n as t;
use crate::text::wrap;

/// Lines of (label, text); the renderer wraps them to the panel's width.
pub(super) type Entries = Vec<(String, String)>;

fn entry(entries: &mut Entries, label: impl Into<String>, text: impl Into<String>) {
    let text = text.into();
    if !text.is_empty() {
        entries.push((label.into(), text));
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let (title, entries) = (super::panes::view(app.pane).detail)(app);
    let width = usize::from(area.width.saturating_sub(2)).max(4);
    let mut lines: Vec<Line> = wrap(&title, width)
        .into_iter()
        .map(|chunk| Line::from(Span::styled(chunk, theme.title)))
        .collect();
    for (label, text) in entries {
        let label_line = format!("{label}：");
        let wrapped = wrap(&format!("{label_line}{text}"), width);
        for (i, chunk) in wrapped.into_iter().enumerate() {
            if i == 0 && chunk.starts_with(&label_line) {
                let rest = chunk[label_line.len()..].to_owned();
                lines.push(Line::from(vec![
                    Span::styled(label_line.clone(), theme.accent),
                    Span::raw(rest),
                ]));
            } else {
                lines.push(Line::from(chunk));
            }
        }
    }
    let (kept, hidden) = fit_lines(lines.len(), usize::from(area.height.saturating_sub(2)));
    if hidden > 0 {
        lines.truncate(kept);
        let more = format!(
            "{}{hidden}{}",
            app.tr(t::DETAIL_MORE),
            app.tr(t::DETAIL_MORE_END)
        );
        lines.push(Line::from(Span::styled(
            crate::text::truncate(&more, width),
            theme.dim,
        )));
    }
    let block = super::block(app.tr(t::DETAIL));
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// Of `lines` wrapped lines in `rows` rows: how many to keep and how many a
/// last "… N more lines" row stands for (0 when all fit).
fn fit_lines(lines: usize, rows: usize) -> (usize, usize) {
    if lines <= rows {
        (lines, 0)
    } else {
        let kept = rows.saturating_sub(1);
        (kept, lines - kept)
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

/// A metric's value in its own unit: a rate as a percentage, an amount in 万元.
fn metric_shown(m: MetricId, v: rust_decimal::Decimal, lang: crate::core::Lang) -> String {
    if m.is_percent() {
        fmt_percent(v)
    } else {
        format!(
            "{:.2} {}",
            round2(v),
            t::unit(crate::core::model::FieldKind::Money).get(lang)
        )
    }
}

pub(super) fn budget(app: &App) -> (String, Entries) {
    let lang = app.lang;
    let mut e = Entries::new();
    match budget_rows().get(app.selected()).copied() {
        Some(BudgetRow::Field(f)) => {
            let value = f
                .get(&app.workbook)
                .map_or_else(|| "—".to_owned(), |v| v.to_string());
            let unit = t::unit(f.kind()).get(lang);
            entry(&mut e, t::COL_VALUE.get(lang), format!("{value} {unit}"));
            entry(&mut e, "key", f.key());
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
                        entry(&mut e, "n/a", t::ZERO_DENOMINATOR.get(lang));
                    }
                    MetricStatus::Overflow => entry(&mut e, "n/a", t::OVERFLOW.get(lang)),
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

pub(super) fn indicator(app: &App) -> (String, Entries) {
    let lang = app.lang;
    let mut e = Entries::new();
    let rows = indicator_rows(&app.workbook, &app.folds.indicators);
    let Some(row) = rows.get(app.selected()) else {
        return (String::new(), e);
    };
    let flat = app.workbook.table.flatten();
    let (Some((_, ind)), Some(r)) = (
        flat.get(row.index),
        app.derived.scores.indicators.get(row.index),
    ) else {
        return (String::new(), e);
    };
    entry(
        &mut e,
        t::COL_SCORE.get(lang),
        format!(
            "{} / {}  ({} {})",
            fmt_score(r.score),
            fmt_score(r.counted_weight),
            t::COL_LOST.get(lang),
            fmt_score(r.lost)
        ),
    );
    // What would change the score comes first: the question asked every year.
    super::what_if::move_entries(app, row.index, &mut e);
    entry(&mut e, t::RULE.get(lang), r.rule.get(lang));
    entry(&mut e, t::STANDARD.get(lang), ind.standard.clone());
    let source = if r.value_source == Some(ValueSource::Reported) {
        t::FROM_REPORT.get(lang)
    } else {
        ""
    };
    if let Some(own) = r.measure.as_deref() {
        // The leaf's own measure: another basis, or the table's formula.
        entry(&mut e, t::FORMULA.get(lang), own.formula.get(lang));
        if let Some(v) = r.metric_value {
            let shown = format!("{} {}{source}", own.label.get(lang), fmt_percent(v));
            entry(&mut e, t::MEASURED.get(lang), shown);
        }
        if let Some(expr) = &own.measured.expression {
            entry(&mut e, t::ARITHMETIC.get(lang), expr.get(lang));
        }
    } else if let (Some(m), Some(v)) = (r.metric, r.metric_value) {
        entry(
            &mut e,
            t::MEASURED.get(lang),
            format!("{} {}{source}", m.label(lang), metric_shown(m, v, lang)),
        );
        if let Some(expr) = app.derived.metric(m).and_then(|x| x.expression.as_ref()) {
            entry(&mut e, t::ARITHMETIC.get(lang), expr.get(lang));
        }
    }
    entry(&mut e, t::WORKING.get(lang), r.working.get(lang));
    super::what_if::grade_entries(app, row.index, &mut e);
    if r.basis != ScoreBasis::Subtotal {
        if let Some(s) = ind.entry.officer_score {
            entry(&mut e, t::COL_SELF.get(lang), fmt_score(s));
        }
        entry(
            &mut e,
            t::COL_ANALYSIS.get(lang),
            ind.entry.analysis.clone(),
        );
        entry(
            &mut e,
            t::COL_REASON.get(lang),
            ind.entry.deduction_reason.clone(),
        );
        entry(
            &mut e,
            t::COL_EVIDENCE.get(lang),
            ind.entry.evidence.clone(),
        );
        if let Some(s) = ind.entry.reviewer_score {
            entry(
                &mut e,
                t::COL_REVIEW.get(lang),
                format!("{} {}", fmt_score(s), ind.entry.reviewer_comment),
            );
        }
    }
    (format!("{} {}", ind.code, ind.name), e)
}

pub(super) fn workload(app: &App) -> (String, Entries) {
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
        let bar = super::header::gauge(item.value, max, 12);
        e.push((
            crate::text::truncate(&item.name, 16),
            format!("{bar} {}", amount(item.value, item.lower_bound, &item.unit)),
        ));
    }
    (title, e)
}

pub(super) fn checks(app: &App) -> (String, Entries) {
    let lang = app.lang;
    let mut e = Entries::new();
    let Some(w) = app.derived.warnings.get(app.selected()) else {
        return (t::NO_WARNINGS.get(lang).to_owned(), e);
    };
    entry(&mut e, t::FULL_TEXT.get(lang), w.message.get(lang));
    let code = serde_json::to_value(w.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    entry(&mut e, t::CODE.get(lang), code);
    let concerns: Vec<String> = w
        .concerns
        .iter()
        .map(|c| match c {
            crate::core::engine::Concern::Field { field } => field.label(lang).to_owned(),
            crate::core::engine::Concern::Metric { metric } => metric.label(lang).to_owned(),
            crate::core::engine::Concern::Indicator { code } => code.clone(),
            crate::core::engine::Concern::Reason { code } => {
                format!("{code} {}", t::DEDUCTION_REASON.get(lang))
            }
            crate::core::engine::Concern::Workload { group, item } => app
                .workbook
                .workload
                .get(*group)
                .and_then(|g| g.items.get(*item).map(|i| format!("{}·{}", g.name, i.name)))
                .unwrap_or_default(),
            crate::core::engine::Concern::Reported => t::CONCERN_PRINTED.get(lang).to_owned(),
            crate::core::engine::Concern::Table => t::CONCERN_TABLE.get(lang).to_owned(),
        })
        .collect();
    entry(&mut e, t::CONCERNS.get(lang), concerns.join("、"));
    (t::severity(w.severity).get(lang).to_owned(), e)
}

pub(super) fn summary(app: &App) -> (String, Entries) {
    let mut e = Entries::new();
    let flat = app.workbook.table.flatten();
    let Some(top) = app.workbook.table.indicators.get(app.selected()) else {
        return (String::new(), e);
    };
    for ((depth, ind), r) in flat.iter().zip(&app.derived.scores.indicators) {
        if *depth == 1 && top.children.iter().any(|c| c.code == ind.code) {
            e.push((
                format!("{} {}", ind.code, ind.name),
                format!("{} / {}", fmt_score(r.score), fmt_score(ind.weight)),
            ));
        }
    }
    (format!("{} {}", top.code, top.name), e)
}

#[cfg(test)]
mod fit_tests {
    use super::fit_lines;

    #[test]
    fn lines_that_do_not_fit_are_counted_not_dropped_silently() {
        assert_eq!(fit_lines(5, 5), (5, 0));
        assert_eq!(fit_lines(9, 5), (4, 5));
        assert_eq!(fit_lines(3, 0), (0, 3));
    }
}

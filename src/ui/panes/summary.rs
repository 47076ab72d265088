//! 概览: score by top-level indicator, key ratios with their rules, warnings by severity.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row};

use crate::app::{App, Pane};
use crate::core::engine::{MetricId, Severity};
use crate::core::num::fmt_score;
use crate::i18n as t;
use crate::text::{pad_left, pad_right, truncate};
use crate::ui::cells::gauge;
use crate::ui::cells::{Detail, Entries};
use crate::ui::cells::{TableView, draw_table, flex_width, metric_value_or_reported};
use crate::ui::theme::Theme;

const KEY_RATIOS: [MetricId; 6] = [
    MetricId::AppropriationIncomeVarianceRate,
    MetricId::ExpenditureCompletionRate,
    MetricId::CarryoverRate,
    MetricId::ProcurementExecutionRate,
    MetricId::FixedAssetUtilizationRate,
    MetricId::StaffingControlRate,
];

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let n_top = u16::try_from(app.workbook.table.indicators.len()).unwrap_or(10);
    let [top, bottom] =
        Layout::vertical([Constraint::Length(n_top + 3), Constraint::Min(0)]).areas(area);
    render_scores(app, frame, top, theme);
    render_ratios_and_warnings(app, frame, bottom, theme);
}

fn render_scores(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let flat = app.workbook.table.flatten();
    let results = &app.derived.scores.indicators;
    let bar_w: u16 = if area.width >= 110 { 30 } else { 16 };
    let name_w = flex_width(area, &[bar_w, 9, 7]);
    let rows: Vec<Row> = flat
        .iter()
        .zip(results)
        .filter(|((depth, _), _)| *depth == 0)
        .map(|((_, ind), r)| {
            let pct = if r.counted_weight.is_zero() {
                String::new()
            } else {
                crate::core::num::fmt_percent(
                    r.score / r.counted_weight * rust_decimal::Decimal::ONE_HUNDRED,
                )
            };
            Row::new(vec![
                Cell::from(truncate(&format!("{} {}", ind.code, ind.name), name_w)),
                Cell::from(gauge(r.score, r.counted_weight, usize::from(bar_w))).style(theme.bar),
                Cell::from(pad_left(
                    &format!("{}/{}", fmt_score(r.score), fmt_score(ind.weight)),
                    9,
                )),
                Cell::from(pad_left(&pct, 7)),
            ])
        })
        .collect();
    let header = Row::new(vec![
        app.tr(t::COL_INDICATOR),
        "",
        app.tr(t::COL_SCORE),
        "%",
    ]);
    let widths = [
        Constraint::Min(8),
        Constraint::Length(bar_w),
        Constraint::Length(9),
        Constraint::Length(7),
    ];
    let title_extra = format!(" · {}", app.tr(t::SCORE_BY_L1));
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Summary, header, rows, &widths).titled(title_extra),
        theme,
    );
}

fn render_ratios_and_warnings(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let cells = usize::from(area.width.saturating_sub(2));
    let rows = usize::from(area.height.saturating_sub(2));
    let ratios = ratio_lines(app, cells);
    let (shown, with_warnings) = ratio_budget(ratios.len(), rows);
    let mut heading = app.tr(t::KEY_RATIOS).to_owned();
    if shown < ratios.len() {
        heading.push_str(&rest_hint(app, shown, ratios.len()));
    }
    let mut lines = vec![Line::from(Span::styled(
        truncate(&heading, cells),
        theme.header_row,
    ))];
    lines.extend(ratios.into_iter().take(shown).map(Line::from));
    if with_warnings {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            app.tr(t::WARNINGS_BY_SEVERITY),
            theme.header_row,
        )));
        lines.push(warning_counts(app, theme));
    }
    frame.render_widget(Paragraph::new(lines).block(crate::ui::block("")), area);
}

/// How many of `ratios` key-ratio lines fit in `rows` (after the heading),
/// and whether the warning counts fit below them. The counts give way first:
/// the header bar shows them too.
fn ratio_budget(ratios: usize, rows: usize) -> (usize, bool) {
    let for_ratios = rows.saturating_sub(1);
    if for_ratios >= ratios + 3 {
        (ratios, true)
    } else {
        (ratios.min(for_ratios), false)
    }
}

/// "（显示 2/6，其余见 2 预算）": how many show and where the rest are.
fn rest_hint(app: &App, shown: usize, total: usize) -> String {
    let budget = crate::ui::cells::pane_title(app, Pane::Budget, "");
    format!(
        "{}{shown}/{total}{}{}{}",
        app.tr(t::RATIOS_SHOWN),
        app.tr(t::RATIOS_REST_IN),
        budget.trim(),
        app.tr(t::RATIOS_CLOSE),
    )
}

/// One line per key ratio the workbook has: name, value, and the rule that scores it.
fn ratio_lines(app: &App, cells: usize) -> Vec<String> {
    let lang = app.lang;
    let flat = app.workbook.table.flatten();
    KEY_RATIOS
        .iter()
        .filter_map(|&id| {
            let metric = app.derived.metric(id)?;
            let scored = flat
                .iter()
                .zip(&app.derived.scores.indicators)
                .find(|((_, ind), _)| ind.rule.as_ref().and_then(|r| r.metric) == Some(id));
            let rule = scored
                .map(|((_, ind), r)| {
                    format!(
                        "{} {}/{} · {}",
                        ind.code,
                        fmt_score(r.score),
                        fmt_score(ind.weight),
                        r.rule.get(lang)
                    )
                })
                .unwrap_or_default();
            let text = format!(
                "{} {} {}",
                pad_right(id.label(lang), 24),
                pad_left(&metric_value_or_reported(metric, &app.workbook, lang), 20),
                rule
            );
            Some(truncate(&text, cells))
        })
        .collect()
}

/// The warning counts by severity on one line.
fn warning_counts(app: &App, theme: &Theme) -> Line<'static> {
    let counts: Vec<Span> = Severity::ALL
        .iter()
        .flat_map(|s| {
            let label = t::severity(*s).get(app.lang);
            [
                Span::styled(
                    format!("{label} {}", app.derived.count(*s)),
                    theme.severity(*s),
                ),
                Span::raw("   "),
            ]
        })
        .collect();
    Line::from(counts)
}

/// The detail panel for the selected row.
pub(in crate::ui) fn detail(app: &App) -> Detail {
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
mod tests {
    use super::ratio_budget;

    #[test]
    fn every_ratio_shows_when_there_is_room() {
        assert_eq!(ratio_budget(6, 10), (6, true));
        assert_eq!(ratio_budget(6, 7), (6, false));
    }

    #[test]
    fn ratios_that_do_not_fit_are_counted_in_the_heading() {
        // 80x24: three rows inside the box, the heading and two ratios.
        assert_eq!(ratio_budget(6, 3), (2, false));
        assert_eq!(ratio_budget(6, 0), (0, false));
    }
}

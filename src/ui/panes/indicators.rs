//! 指标: the scoring table as a foldable tree with weight, score, lost points,
//! the officer's level or score, the reason and the evidence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Cell, Row};

use crate::app::rows::{IndicatorRow, indicator_rows};
use crate::app::{App, Pane};
use crate::core::engine::ScoreBasis;
use crate::core::engine::ValueSource;
use crate::core::model::MetricId;
use crate::core::model::{Indicator, RuleKind};
use crate::core::num::fmt_score;
use crate::core::num::{fmt_percent, round2};
use crate::i18n as t;
use crate::text::{pad_left, truncate, width};
use crate::ui::cells::{Detail, Entries, entry};
use crate::ui::cells::{TableView, draw_table, flex_then_fixed, flex_width};
use crate::ui::theme::Theme;
use rust_decimal::Decimal;

/// What the officer chose or typed, as one short cell.
fn officer_cell(ind: &Indicator, basis: ScoreBasis) -> String {
    if let Some(choice) = &ind.entry.choice {
        return choice.clone();
    }
    match ind.rule.as_ref().map(|r| &r.kind) {
        Some(RuleKind::Checklist { .. }) if ind.entry.unconfirmed => "?".to_owned(),
        Some(RuleKind::Checklist { items, .. }) => {
            format!(
                "{}/{}",
                items.len() - ind.entry.failed_items.len().min(items.len()),
                items.len()
            )
        }
        _ => match (ind.entry.officer_score, basis) {
            (Some(s), _) => fmt_score(s),
            (None, ScoreBasis::Computed) => "ƒ".to_owned(),
            (None, ScoreBasis::NotApplicable) => "—".to_owned(),
            (None, _) => "?".to_owned(),
        },
    }
}

/// Missing scores show as errors, full marks as fine, the rest highlighted.
fn score_style(basis: ScoreBasis, full: bool, theme: &Theme) -> ratatui::style::Style {
    if basis == ScoreBasis::Missing {
        theme.error
    } else if full {
        theme.ok
    } else {
        theme.accent
    }
}

/// The column titles (the last-but-one is the reviewer's comment in review mode).
fn header(app: &App) -> Row<'static> {
    Row::new(vec![
        app.tr(t::COL_INDICATOR),
        app.tr(t::COL_WEIGHT),
        app.tr(t::COL_SCORE),
        app.tr(t::COL_LOST),
        app.tr(t::COL_CHOICE),
        app.tr(t::COL_REASON),
        if app.reviewing {
            app.tr(t::COL_REVIEW_COMMENT)
        } else {
            app.tr(t::COL_EVIDENCE)
        },
        app.tr(t::COL_REVIEW),
    ])
}

/// The name cell: indent, fold marker, code and name.
fn row_name(row: &IndicatorRow, ind: &Indicator) -> String {
    let marker = match (row.has_children, row.collapsed) {
        (true, true) => "▸ ",
        (true, false) => "▾ ",
        (false, _) => "  ",
    };
    format!(
        "{}{marker}{} {}",
        "  ".repeat(row.depth),
        ind.code,
        ind.name
    )
}

/// The widths of the columns after the name — weight, score, lost, level,
/// reason, evidence (复核意见 in review), 复核 — on a pane `pane_width` wide,
/// with names `name_need` and deductions `lost_need` cells wide at most.
/// Figures are never cut; in review mode both of the reviewer's columns
/// always show (the one being edited must be seen); names come before the
/// free-text columns (shown whole in the detail panel) down to a floor, and
/// a wide pane gives the free texts what the names do not need.
fn column_widths(pane_width: u16, name_need: usize, lost_need: usize, reviewing: bool) -> [u16; 7] {
    const NAME_FLOOR: u16 = 16;
    const REASON_FLOOR: u16 = 8;
    const TEXT_FLOOR: u16 = 6;
    // "扣分" is 4 cells; a deduction such as "-14.25" 6.
    let lost = u16::try_from(lost_need).unwrap_or(8).clamp(4, 8);
    let choice = if pane_width >= 90 { 8 } else { 6 };
    let review = if reviewing || pane_width >= 90 { 6 } else { 0 };
    // Seven gaps, borders and the highlight mark.
    let overhead = 7 + 4;
    let free = pane_width
        .saturating_sub(overhead + 5 + 6 + lost + choice + review)
        .max(REASON_FLOOR + 8);
    // 复核意见 is 8 cells wide: its heading whole.
    let text_floor = if reviewing { 8 } else { TEXT_FLOOR };
    let (reason_want, text_want) = if free >= 50 {
        (14, 10)
    } else {
        (REASON_FLOOR, text_floor)
    };
    let name_need = u16::try_from(name_need).unwrap_or(u16::MAX);
    let name = name_need
        .min(free.saturating_sub(reason_want + text_want).max(NAME_FLOOR))
        .min(free - REASON_FLOOR - text_floor);
    let rest = free - name;
    let reason = rest.saturating_sub(text_want).clamp(REASON_FLOOR, 40);
    let text = rest.saturating_sub(reason).clamp(text_floor, 24);
    [5, 6, lost, choice, reason, text, review]
}

/// A deduction as shown: the weight less the score *as shown*, so that the
/// two add up on screen (4.86 shown with 0.14, not 0.15).
fn lost_shown(counted_weight: Decimal, score: Decimal) -> String {
    let lost = (round2(counted_weight) - round2(score)).max(Decimal::ZERO);
    if lost.is_zero() {
        String::new()
    } else {
        format!("-{}", fmt_score(lost))
    }
}

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let flat = app.workbook.table.flatten();
    let results = &app.derived.scores.indicators;
    let shown = indicator_rows(&app.workbook, &app.folds.indicators);
    let name_need = shown
        .iter()
        .filter_map(|row| {
            flat.get(row.index)
                .map(|(_, ind)| width(&row_name(row, ind)))
        })
        .max()
        .unwrap_or(0);
    let lost_need = shown
        .iter()
        .filter_map(|row| results.get(row.index))
        .map(|r| width(&lost_shown(r.counted_weight, r.score)))
        .max()
        .unwrap_or(0);
    let fixed = column_widths(area.width, name_need, lost_need, app.reviewing);
    let [_, _, lost_w, choice_w, reason_w, evidence_w, review_w] = fixed;
    let name_w = flex_width(area, &fixed);
    let rows: Vec<Row> = shown
        .into_iter()
        .filter_map(|row| {
            let (_, ind) = flat.get(row.index)?;
            let r = results.get(row.index)?;
            let name = row_name(&row, ind);
            // An unscored leaf has no score yet: never shown as a real 0.
            let unscored = r.basis == ScoreBasis::Missing;
            let lost = if unscored {
                String::new()
            } else {
                lost_shown(r.counted_weight, r.score)
            };
            let score_style = score_style(r.basis, lost.is_empty(), theme);
            let score = if unscored {
                app.tr(t::UNSCORED).to_owned()
            } else {
                fmt_score(r.score)
            };
            let style = if row.has_children {
                theme.group
            } else {
                ratatui::style::Style::default()
            };
            let (officer, reason, evidence) = if row.has_children {
                (String::new(), String::new(), String::new())
            } else {
                (
                    officer_cell(ind, r.basis),
                    ind.entry.deduction_reason.clone(),
                    if app.reviewing {
                        ind.entry.reviewer_comment.clone()
                    } else {
                        ind.entry.evidence.clone()
                    },
                )
            };
            let review = ind.entry.reviewer_score.map(fmt_score).unwrap_or_default();
            Some(
                Row::new(vec![
                    Cell::from(truncate(&name, name_w)),
                    Cell::from(pad_left(&fmt_score(ind.weight), 5)),
                    Cell::from(pad_left(&score, 6)).style(score_style),
                    Cell::from(pad_left(&lost, usize::from(lost_w))).style(theme.error),
                    Cell::from(truncate(&officer, usize::from(choice_w))),
                    Cell::from(truncate(&reason, usize::from(reason_w))),
                    Cell::from(truncate(&evidence, usize::from(evidence_w))),
                    Cell::from(pad_left(&review, usize::from(review_w))),
                ])
                .style(style),
            )
        })
        .collect();
    let header = header(app);
    let widths = flex_then_fixed(&fixed);
    let d = &app.derived;
    // A total with unscored leaves is provisional here as in the header.
    let standing = crate::core::grading::Standing::of_derived(d);
    let title_extra = format!(
        " · {} {}{} / {}",
        app.tr(t::TOTAL),
        fmt_score(d.scores.total),
        standing.total_mark(app.lang),
        fmt_score(d.scores.max_total)
    );
    // Editable columns: the officer's level/score, reason and evidence; in
    // review mode the reviewer's score and comment.
    let column = if app.reviewing {
        // Left to right as drawn: 复核意见 (6), 复核 (7).
        6 + app.column[Pane::Indicators].min(1)
    } else {
        app.column[Pane::Indicators] + 4
    };
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Indicators, header, rows, &widths)
            .titled(title_extra)
            .with_column(Some(column)),
        theme,
    );
}

/// The detail panel for the selected row.
pub(in crate::ui) fn detail(app: &App) -> Detail {
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
    let score_line = if r.basis == ScoreBasis::Missing {
        format!(
            "{} / {}",
            t::UNSCORED.get(lang),
            fmt_score(r.counted_weight)
        )
    } else {
        format!(
            "{} / {}  ({} {})",
            fmt_score(r.score),
            fmt_score(r.counted_weight),
            t::COL_LOST.get(lang),
            fmt_score((round2(r.counted_weight) - round2(r.score)).max(Decimal::ZERO))
        )
    };
    entry(&mut e, t::COL_SCORE.get(lang), score_line);
    // What would change the score comes first: the question asked every year.
    crate::ui::what_if::move_entries(app, row.index, &mut e);
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
        if !app.reviewing {
            // Enter here types the self-score; the computation's inputs are in pane 2.
            entry(
                &mut e,
                t::INPUTS_WHERE.get(lang),
                t::INPUTS_IN_BUDGET.get(lang),
            );
        }
        if let Some(expr) = app.derived.metric(m).and_then(|x| x.expression.as_ref()) {
            entry(&mut e, t::ARITHMETIC.get(lang), expr.get(lang));
        }
    }
    entry(&mut e, t::WORKING.get(lang), r.working.get(lang));
    crate::ui::what_if::grade_entries(app, row.index, &mut e);
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
        evidence_entry(app, ind, &mut e);
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

/// The 佐证材料清单: one line per file, with what the store found of it.
fn evidence_entry(app: &App, ind: &crate::core::model::Indicator, e: &mut Entries) {
    let lang = app.lang;
    let files: Vec<String> = ind
        .entry
        .evidence_files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let state = crate::app::evidence::status_of(app, f).map_or("", |s| s.get(lang));
            let pages = if f.pages.is_empty() {
                String::new()
            } else {
                format!(" · {}", f.pages)
            };
            format!("{}. {} · {}{pages} {state}", i + 1, f.title, f.path)
        })
        .collect();
    if !files.is_empty() {
        entry(e, crate::app::evidence::TITLE.get(lang), files.join("\n"));
    }
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

#[cfg(test)]
mod tests {
    use super::{column_widths, lost_shown};
    use rust_decimal::Decimal;

    fn sum(w: [u16; 7]) -> u16 {
        w.iter().sum::<u16>() + 7 + 4
    }

    #[test]
    fn the_reviewers_columns_always_show_and_names_keep_room() {
        // 80 columns in review: 复核 and 复核意见 are there, the name keeps 25.
        let w = column_widths(80, 40, 5, true);
        assert!(w[5] >= 8 && w[6] >= 6, "{w:?}");
        assert_eq!(80 - sum(w), 25);
        // The officer at 80 columns has no 复核 column.
        assert_eq!(column_widths(80, 40, 5, false)[6], 0);
    }

    #[test]
    fn deductions_are_never_cut_and_wide_panes_give_the_texts_room() {
        let w = column_widths(96, 40, 6, true);
        assert_eq!(w[2], 6, "-14.25 whole");
        assert!(w[4] >= 14 && w[5] >= 10, "{w:?}");
        assert!(96 - sum(w) >= 28);
        // Short names leave the rest to the free texts, within their caps.
        let w = column_widths(200, 10, 5, true);
        assert_eq!((w[4], w[5]), (40, 24));
    }

    #[test]
    fn shown_parts_add_up_to_the_shown_whole() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        // 4.855 shows as 4.86: the deduction shows 0.14, not 0.15.
        assert_eq!(lost_shown(d("5"), d("4.855")), "-0.14");
        assert_eq!(lost_shown(d("25"), d("15.455")), "-9.54");
        assert_eq!(lost_shown(d("5"), d("5")), "");
    }
}

//! 检查: every warning; Enter jumps to the field it concerns.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Cell, Row};

use crate::app::{App, Pane};
use crate::i18n as t;
use crate::text::truncate;
use crate::ui::cells::{Detail, Entries, entry};
use crate::ui::cells::{TableView, draw_table, flex_width};
use crate::ui::theme::Theme;

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg_w = flex_width(area, &[6]);
    let rows: Vec<Row> = app
        .derived
        .warnings
        .iter()
        .map(|w| {
            let sev = app.tr(t::severity(w.severity));
            Row::new(vec![
                Cell::from(sev).style(theme.severity(w.severity)),
                Cell::from(truncate(w.message.get(app.lang), msg_w)),
            ])
        })
        .collect();
    let title_extra = if rows.is_empty() {
        format!(" · {}", app.tr(t::NO_WARNINGS))
    } else {
        format!(" ({})", rows.len())
    };
    let header = Row::new(vec![app.tr(t::COL_SEVERITY), app.tr(t::COL_MESSAGE)]);
    let widths = [Constraint::Length(6), Constraint::Min(10)];
    draw_table(
        app,
        frame,
        area,
        TableView::new(Pane::Checks, header, rows, &widths).titled(title_extra),
        theme,
    );
}

/// The detail panel for the selected row.
pub(in crate::ui) fn detail(app: &App) -> Detail {
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
    if lang == crate::core::Lang::En {
        // The check's name in `check --json`; a zh screen keeps to words.
        entry(&mut e, t::CODE.get(lang), code);
    }
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

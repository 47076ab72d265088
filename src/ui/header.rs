//! The header: unit, year, file, modified mark, total as a gauge, grade, warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::app::{App, Origin, Pane};
use crate::core::engine::Severity;
use crate::core::num::fmt_score;
use crate::i18n as t;
use crate::text::{truncate, width};

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

pub fn render(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let wb = &app.workbook;
    let d = &app.derived;
    let mut badges: Vec<Span> = Vec::new();
    if app.dirty {
        badges.push(Span::styled(
            format!(" [*{}]", app.tr(t::MODIFIED)),
            theme.accent,
        ));
    }
    if app.read_only.is_some() {
        badges.push(Span::styled(
            format!(" [{}]", app.tr(t::READ_ONLY)),
            theme.accent,
        ));
    }
    if let Some(why) = &app.recovery_problem {
        badges.push(Span::styled(
            format!(" [{}：{why}]", app.tr(t::RECOVERY_WRITE_FAILED)),
            theme.high,
        ));
    }
    if !wb.table.verified {
        badges.push(Span::styled(
            format!(" [{}]", app.tr(t::UNVERIFIED_TABLE)),
            theme.medium,
        ));
    }
    let origin = match app.origin {
        Origin::File => String::new(),
        Origin::NewFile => app.tr(t::NEW_FILE).to_owned(),
        Origin::Sample => app.tr(t::SAMPLE_NEW_FILE).to_owned(),
    };
    let title = format!(
        "{} {}{}",
        wb.unit.name,
        wb.unit.fiscal_year,
        app.tr(t::YEAR_SUFFIX)
    );
    let badge_width: usize = badges.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(width(&title) + badge_width + 3);
    let path = truncate(&format!("{}{origin}", app.path.display()), room);
    let mut line1 = vec![
        Span::styled(title, theme.title),
        Span::raw("  "),
        Span::styled(path, theme.dim),
    ];
    line1.extend(badges);

    let warnings: Vec<Span> = Severity::ALL
        .iter()
        .filter(|s| d.count(**s) > 0)
        .map(|s| {
            let label = app.tr(t::severity(*s));
            Span::styled(format!(" {label}{}", d.count(*s)), theme.severity(*s))
        })
        .collect();
    let mut line2 = vec![
        Span::raw(format!("{} ", app.tr(t::TOTAL))),
        Span::styled(gauge(d.scores.total, d.scores.max_total, 20), theme.bar),
        Span::styled(
            format!(
                " {} / {}  ",
                fmt_score(d.scores.total),
                fmt_score(d.scores.max_total)
            ),
            theme.title,
        ),
        Span::raw(format!("{} ", app.tr(t::GRADE))),
        Span::styled(d.grade.label(app.lang).to_owned(), theme.title),
        Span::raw(format!("   {} {}:", app.tr(t::WARNINGS), d.warnings.len())),
    ];
    line2.extend(warnings);

    let tabs: Vec<Span> = Pane::all()
        .flat_map(|p| {
            let style = if p == app.pane {
                theme.selected
            } else {
                theme.dim
            };
            [
                Span::styled(super::panes::pane_title(app, p, ""), style),
                Span::raw(" "),
            ]
        })
        .collect();
    let lines = vec![Line::from(line1), Line::from(line2), Line::from(tabs)];
    frame.render_widget(Paragraph::new(lines), area);
}

//! The header: unit, year, file, modified mark, total as a gauge, grade, warnings.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::cells::gauge;
use super::theme::Theme;
use crate::app::{App, Origin, Pane};
use crate::core::engine::Severity;
use crate::core::num::fmt_score;
use crate::i18n as t;
use crate::text::{truncate, truncate_start, width};

/// The unit name and path as they fit in `room` cells beside the year: the
/// path gives way first down to its last few cells (the file name), then the
/// unit name, so the badges after them always show whole.
fn title_parts(unit: &str, year: &str, path: &str, room: usize) -> (String, String) {
    const PATH_FLOOR: usize = 12;
    let path_keep = width(path).min(PATH_FLOOR);
    let unit_room = room
        .saturating_sub(width(year))
        .saturating_sub(path_keep)
        .max(4);
    let unit = truncate(unit, unit_room);
    let path_room = room.saturating_sub(width(&unit) + width(year));
    (unit, truncate_start(path, path_room))
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
        Origin::File => "",
        Origin::NewFile => app.tr(t::NEW_FILE),
        Origin::Sample => app.tr(t::SAMPLE_NEW_FILE),
    };
    // The origin is a badge too: it stays whole, right after the path.
    badges.insert(0, Span::styled(origin.to_owned(), theme.dim));
    let year = format!(" {}{}", wb.unit.fiscal_year, app.tr(t::YEAR_SUFFIX));
    let badge_width: usize = badges.iter().map(|s| width(&s.content)).sum();
    let room = usize::from(area.width).saturating_sub(badge_width + 2);
    let (unit, path) = title_parts(&wb.unit.name, &year, &app.path.display().to_string(), room);
    let mut line1 = vec![
        Span::styled(format!("{unit}{year}"), theme.title),
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
    // One grade everywhere (core::grading): by the review total in a
    // drill-in once there is one; a provisional total says so.
    let standing = app.standing();
    let officer = crate::core::grading::Standing::of_derived(d);
    let mut line2 = vec![
        Span::raw(format!("{} ", app.tr(t::TOTAL))),
        Span::styled(gauge(d.scores.total, d.scores.max_total, 20), theme.bar),
        Span::styled(
            format!(
                " {}{} / {}  ",
                fmt_score(d.scores.total),
                officer.total_mark(app.lang),
                fmt_score(d.scores.max_total)
            ),
            theme.title,
        ),
    ];
    if let Some(total) = app.reviewer_total() {
        line2.push(Span::raw(format!("{} ", app.tr(t::COL_REVIEW))));
        line2.push(Span::styled(
            format!("{}{}  ", fmt_score(total), standing.total_mark(app.lang)),
            theme.title,
        ));
    }
    line2.extend([
        Span::raw(format!("{} ", app.tr(t::GRADE))),
        Span::styled(standing.label(app.lang).to_owned(), theme.title),
        Span::raw(format!("   {} {}:", app.tr(t::WARNINGS), d.warnings.len())),
    ]);
    line2.extend(warnings);

    let tabs: Vec<Span> = Pane::all()
        .flat_map(|p| {
            let style = if p == app.pane {
                theme.selected
            } else {
                theme.dim
            };
            [
                Span::styled(super::cells::pane_title(app, p, ""), style),
                Span::raw(" "),
            ]
        })
        .collect();
    let lines = vec![Line::from(line1), Line::from(line2), Line::from(tabs)];
    frame.render_widget(Paragraph::new(lines), area);
}

#[cfg(test)]
mod tests {
    use super::title_parts;
    use crate::text::width;

    #[test]
    fn the_path_gives_way_before_the_unit() {
        let (unit, path) = title_parts("某某局", " 2024年度", "/a/b/c/workbook.json", 30);
        assert_eq!(unit, "某某局");
        assert!(path.starts_with('…') && path.ends_with("json"), "{path}");
        assert_eq!(width(&unit) + 9 + width(&path), 30);
    }

    #[test]
    fn a_long_unit_is_cut_when_the_path_is_short() {
        let long = "中共湛江市霞山区委员会办公室机关事务服务中心";
        let (unit, path) = title_parts(long, " 2024年度", "w.json", 30);
        assert_eq!(path, "w.json");
        assert!(unit.ends_with('…'));
        assert!(width(&unit) + 9 + width(&path) <= 30);
    }
}

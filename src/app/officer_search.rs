//! `/` search over the unit pane (labels, sections, team names) and the
//! report-text pane (section titles and text).

use super::Pane;
use super::identity::{UnitRow, unit_rows};
use super::narrative::Section;
use crate::core::model::Workbook;

fn contains(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

/// Rows of the unit and report-text panes that match; `needle` is already
/// lower case. Plain (pane, row) pairs, so this file need not know `search`.
pub(super) fn find(wb: &Workbook, needle: &str) -> Vec<(Pane, usize)> {
    let mut hits = Vec::new();
    for (i, row) in unit_rows(wb).iter().enumerate() {
        let texts: Vec<String> = match *row {
            UnitRow::Heading(tr) => vec![tr.0.to_owned(), tr.1.to_owned()],
            UnitRow::Field(f) => vec![f.label().0.to_owned(), f.label().1.to_owned()],
            UnitRow::Staffing(_) | UnitRow::AddTo(_) => Vec::new(),
            UnitRow::Section(s) => wb.unit.sections.get(s).cloned().into_iter().collect(),
            UnitRow::Member(m) => wb
                .narrative
                .team
                .get(m)
                .map(|t| vec![t.name.clone(), t.post.clone(), t.role.clone()])
                .unwrap_or_default(),
        };
        if texts.iter().any(|t| contains(t, needle)) {
            hits.push((Pane::Unit, i));
        }
    }
    for (i, section) in Section::ALL.iter().enumerate() {
        let title = section.title();
        if contains(title.0, needle) || contains(title.1, needle) {
            hits.push((Pane::Report, i));
        }
    }
    hits
}

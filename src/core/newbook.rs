//! A new, empty workbook for any unit and year: nothing of the sample, no
//! figures, no scores, only the chosen scoring table.

use super::engine::{ScoreBasis, TableScore};
use super::model::{
    FORMAT_NAME, FORMAT_VERSION, Indicator, IndicatorEntry, ScoringTable, Unit, Workbook,
};

/// A blank workbook for `unit_name` and `fiscal_year` scored with `table`
/// (whose entries are cleared: a table file carries the bureau's table, not a
/// department's scores).
#[must_use]
pub fn blank_workbook(unit_name: &str, fiscal_year: u16, mut table: ScoringTable) -> Workbook {
    clear_entries(&mut table);
    mark_unconfirmed(&mut table);
    Workbook {
        format: FORMAT_NAME.to_owned(),
        version: FORMAT_VERSION,
        unit: Unit {
            name: unit_name.trim().to_owned(),
            fiscal_year,
            ..Unit::default()
        },
        staffing: Default::default(),
        budget: Default::default(),
        finals: Default::default(),
        three_public: Default::default(),
        table,
        workload: Vec::new(),
        narrative: Default::default(),
        reported: Default::default(),
        projects: Vec::new(),
    }
}

/// Empties what the officer and the reviewer wrote against every indicator.
pub fn clear_entries(table: &mut ScoringTable) {
    fn clear(node: &mut Indicator) {
        node.entry = IndicatorEntry::default();
        node.children.iter_mut().for_each(clear);
    }
    table.indicators.iter_mut().for_each(clear);
}

/// Marks every leaf as not yet confirmed by the officer: nothing in a new
/// workbook scores before the officer has looked at it, checklists and
/// not-applicable leaves included (they would otherwise start at full marks).
pub fn mark_unconfirmed(table: &mut ScoringTable) {
    fn mark(node: &mut Indicator) {
        node.entry.unconfirmed = node.children.is_empty();
        node.children.iter_mut().for_each(mark);
    }
    table.indicators.iter_mut().for_each(mark);
}

/// The grade, or why there is none yet: a total with unscored leaves is
/// provisional, so `check` and the report say so instead of printing 差.
#[must_use]
pub fn grade_text(d: &super::engine::Derived, lang: super::Lang) -> String {
    super::grading::Standing::of_derived(d).text(lang)
}

/// Whether the total is final enough to grade (no leaf is unscored).
#[must_use]
pub fn is_graded(scores: &TableScore) -> bool {
    unscored_codes(scores).is_empty()
}

/// The leaves nothing scores yet (no choice, no figures): while any remain,
/// the total is provisional and its grade says nothing about the unit.
#[must_use]
pub fn unscored_codes(scores: &TableScore) -> Vec<&str> {
    scores
        .indicators
        .iter()
        .filter(|r| r.basis == ScoreBasis::Missing)
        .map(|r| r.code.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::{load, to_json};
    use crate::core::sample::sample_workbook;

    #[test]
    fn blank_workbook_keeps_only_unit_year_and_table_structure() {
        let sample = sample_workbook();
        let wb = blank_workbook(" 湛江市霞山区教育局 ", 2024, sample.table.clone());
        assert_eq!(wb.unit.name, "湛江市霞山区教育局");
        assert_eq!(wb.unit.fiscal_year, 2024);
        assert!(wb.unit.sections.is_empty() && wb.unit.notice_ref.is_empty());
        assert_eq!(wb.budget, Default::default());
        assert_eq!(wb.narrative, Default::default());
        assert_eq!(wb.reported, Default::default());
        assert!(wb.workload.is_empty());
        assert!(wb.table.flatten().iter().all(|(_, i)| i.entry
            == IndicatorEntry {
                // Nothing scores before the officer confirms it.
                unconfirmed: i.is_leaf(),
                ..IndicatorEntry::default()
            }));
        assert_eq!(wb.table.flatten().len(), sample.table.flatten().len());
    }

    #[test]
    fn blank_workbook_round_trips_through_the_file_format() {
        let wb = blank_workbook("", 2024, sample_workbook().table);
        let back = load(&to_json(&wb)).expect("loads").workbook;
        assert_eq!(back, wb);
    }

    #[test]
    fn every_leaf_of_a_blank_workbook_is_unscored_on_every_built_in_table() {
        let tables = crate::core::templates::Template::ALL
            .iter()
            .map(|t| (t.key(), t.table()))
            .chain(std::iter::once(("sample", sample_workbook().table)));
        for (key, table) in tables {
            let wb = blank_workbook("", 2024, table);
            let derived = crate::core::engine::derive(&wb);
            let leaves = wb
                .table
                .flatten()
                .iter()
                .filter(|(_, i)| i.is_leaf())
                .count();
            let unscored = unscored_codes(&derived.scores);
            assert_eq!(unscored.len(), leaves, "{key}: {unscored:?}");
            assert_eq!(derived.scores.total, rust_decimal::Decimal::ZERO, "{key}");
            assert!(grade_text(&derived, super::super::Lang::Zh).starts_with("未评定"));
        }
        let sample = crate::core::engine::derive(&sample_workbook());
        assert!(unscored_codes(&sample.scores).is_empty());
    }
}

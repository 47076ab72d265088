//! Reviewer mode's grade, year and status filters: each key steps through
//! "all", then each value alone (the grades, the years found in the folder,
//! the statuses `ReviewStatus` defines), then back to "all".

use super::StatusLine;
use super::review::ReviewApp;
use crate::core::engine::Grade;
use crate::i18n::Tr;
use crate::review::reviews::ReviewStatus;

const GRADES: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];
const ALL_YEARS: Tr = Tr("全部年度", "all years");
const ALL_STATUSES: Tr = Tr("全部审核状态", "all review statuses");
const YEAR: Tr = Tr("年度", "Year");
const STATUS: Tr = Tr("审核状态", "Review status");

/// After `current` (none or one value chosen) comes the next value of
/// `choices`, or none after the last.
fn step<T: Copy + PartialEq>(current: &[T], choices: &[T]) -> Option<T> {
    match current {
        [] => choices.first().copied(),
        [one] => choices
            .iter()
            .position(|c| c == one)
            .and_then(|i| choices.get(i + 1))
            .copied(),
        _ => None,
    }
}

impl ReviewApp {
    /// The fiscal years of the rows that opened, oldest first.
    #[must_use]
    pub fn years_present(&self) -> Vec<u16> {
        let mut years: Vec<u16> = self.session.rows().iter().filter_map(|r| r.year).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    /// All grades, then each grade alone in turn.
    pub(super) fn cycle_grade_filter(&mut self) {
        let next = step(&self.filter.grades, &GRADES);
        self.filter.grades = next.into_iter().collect();
        self.refresh_view();
    }

    /// All years, then each year of the folder alone in turn.
    pub(super) fn cycle_year_filter(&mut self) {
        let next = step(&self.filter.years, &self.years_present());
        self.filter.years = next.into_iter().collect();
        self.refresh_view();
        let shown = next.map_or_else(|| self.tr(ALL_YEARS).to_owned(), |y| y.to_string());
        let msg = format!("{}：{shown}", self.tr(YEAR));
        self.info(msg);
    }

    /// All statuses, then each review status alone in turn.
    pub(super) fn cycle_status_filter(&mut self) {
        let next = step(&self.filter.statuses, &ReviewStatus::ALL);
        self.filter.statuses = next.into_iter().collect();
        self.refresh_view();
        let shown = next.map_or_else(
            || self.tr(ALL_STATUSES).to_owned(),
            |s| s.label(self.lang).to_owned(),
        );
        let msg = format!("{}：{shown}", self.tr(STATUS));
        self.info(msg);
    }
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn steps_through_each_value_then_all() {
        let years = [2021, 2022, 2024];
        assert_eq!(step(&[], &years), Some(2021));
        assert_eq!(step(&[2021], &years), Some(2022));
        assert_eq!(step(&[2022], &years), Some(2024));
        assert_eq!(step(&[2024], &years), None);
        assert_eq!(step(&[2023], &years), None, "a year no longer present");
        assert_eq!(step(&[2021, 2022], &years), None);
        assert_eq!(step::<u16>(&[], &[]), None);
    }
}

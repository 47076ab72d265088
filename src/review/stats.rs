//! Summaries of the rows in view: grade distribution, score histogram and
//! the footer's totals and averages. Pure.

use rust_decimal::Decimal;

use super::overview::OverviewRow;
use super::reviews::ReviewStatus;
use crate::core::engine::Grade;
use crate::core::num::round2;

/// Grades in display order: 优, 良, 中, 差.
pub const GRADES: [Grade; 4] = [Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor];

/// How many rows have each grade, and how many could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GradeCounts {
    /// In `GRADES` order.
    pub counts: [usize; 4],
    /// Totals still provisional (未评定: leaves unscored).
    pub provisional: usize,
    pub errors: usize,
}

impl GradeCounts {
    #[must_use]
    pub fn get(&self, grade: Grade) -> usize {
        GRADES
            .iter()
            .position(|g| *g == grade)
            .map_or(0, |i| self.counts[i])
    }
}

/// Counts grades over the rows in `view`.
#[must_use]
pub fn grade_counts(rows: &[OverviewRow], view: &[usize]) -> GradeCounts {
    let mut out = GradeCounts::default();
    for row in view.iter().filter_map(|&i| rows.get(i)) {
        match row.standing {
            Some(s) => match s.grade().and_then(|g| GRADES.iter().position(|x| *x == g)) {
                Some(i) => out.counts[i] += 1,
                None => out.provisional += 1,
            },
            None => out.errors += 1,
        }
    }
    out
}

/// One bar of the score histogram: `from <= total < to` (the last bar
/// includes its upper bound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub from: Decimal,
    pub to: Decimal,
    pub count: usize,
}

/// Computed totals of the rows in `view` in bars `width` wide from 0 to 100.
/// A width that is not positive gives bars 10 wide.
#[must_use]
pub fn histogram(rows: &[OverviewRow], view: &[usize], width: Decimal) -> Vec<Bucket> {
    let width = if width > Decimal::ZERO {
        width
    } else {
        Decimal::TEN
    };
    let hundred = Decimal::ONE_HUNDRED;
    let mut buckets = Vec::new();
    let mut from = Decimal::ZERO;
    while from < hundred {
        let to = (from + width).min(hundred);
        buckets.push(Bucket { from, to, count: 0 });
        from = to;
    }
    let last = buckets.len().saturating_sub(1);
    for total in view
        .iter()
        .filter_map(|&i| rows.get(i))
        .filter_map(|r| r.computed_total)
    {
        let slot = buckets.iter().position(|b| total < b.to).unwrap_or(last);
        if let Some(bucket) = buckets.get_mut(slot) {
            bucket.count += 1;
        }
    }
    buckets
}

/// A sum with how many values went in; the average is rounded half-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub sum: Decimal,
    pub count: usize,
}

impl Tally {
    fn add(&mut self, value: Option<Decimal>) {
        if let Some(v) = value {
            self.sum += v;
            self.count += 1;
        }
    }

    /// The average to 2 places; `None` with no values.
    #[must_use]
    pub fn average(&self) -> Option<Decimal> {
        if self.count == 0 {
            None
        } else {
            self.sum.checked_div(Decimal::from(self.count)).map(round2)
        }
    }
}

/// The footer of the overview: totals and averages of the rows in view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Footer {
    pub rows: usize,
    pub workbooks: usize,
    pub errors: usize,
    pub duplicates: usize,
    /// Rows whose workbook changed since review.
    pub stale: usize,
    pub reported: Tally,
    pub computed: Tally,
    pub difference: Tally,
    /// |reported − computed| > 0.
    pub differing: usize,
    pub review: Tally,
    /// By top-level column: subtotal scores and shares.
    pub subtotals: Vec<Tally>,
    pub subtotal_shares: Vec<Tally>,
    /// In `overview::KEY_RATIOS` order.
    pub ratios: [Tally; 4],
    /// Warnings in `Severity::ALL` order.
    pub warnings: [usize; 4],
    /// Rows with any warning.
    pub rows_with_warnings: usize,
    /// In `ReviewStatus::ALL` order.
    pub statuses: [usize; 4],
    pub grades: GradeCounts,
}

/// Sums and averages over the rows in `view`.
#[must_use]
pub fn footer(rows: &[OverviewRow], view: &[usize], top_levels: usize) -> Footer {
    let mut f = Footer {
        subtotals: vec![Tally::default(); top_levels],
        subtotal_shares: vec![Tally::default(); top_levels],
        grades: grade_counts(rows, view),
        ..Footer::default()
    };
    for row in view.iter().filter_map(|&i| rows.get(i)) {
        f.rows += 1;
        if row.error.is_some() {
            f.errors += 1;
        } else {
            f.workbooks += 1;
        }
        f.duplicates += usize::from(row.duplicate);
        f.stale += usize::from(row.review_stale);
        f.reported.add(row.reported_total);
        f.computed.add(row.computed_total);
        f.difference.add(row.difference);
        f.differing += usize::from(row.difference.is_some_and(|d| !d.is_zero()));
        f.review.add(row.review_total);
        for (i, sub) in row.subtotals.iter().enumerate() {
            if let (Some(t), Some(s)) = (f.subtotals.get_mut(i), sub) {
                t.add(Some(s.score));
            }
            if let (Some(t), Some(s)) = (f.subtotal_shares.get_mut(i), sub) {
                t.add(s.share);
            }
        }
        for (tally, value) in f.ratios.iter_mut().zip(row.ratios) {
            tally.add(value);
        }
        for (sum, n) in f.warnings.iter_mut().zip(row.warnings) {
            *sum += n;
        }
        f.rows_with_warnings += usize::from(row.warning_total() > 0);
        if let Some(i) = ReviewStatus::ALL.iter().position(|s| *s == row.status) {
            f.statuses[i] += 1;
        }
    }
    f
}

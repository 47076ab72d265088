//! The overview: one row per named workbook with what a reviewer scans
//! first. Pure: built from scan entries and the reviews.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::collate::{NameKey, name_key};
use super::digest::MismatchReason;
use super::reviews::{ReviewStatus, WorkbookReview};
use super::scan::{Entry, EntryError};
use crate::core::engine::{Grade, Severity};
use crate::core::grading::Standing;
use crate::core::num::round2;

pub use super::digest::KEY_RATIOS;

/// A top-level indicator (一级指标) that has a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopLevel {
    pub code: String,
    pub name: String,
}

/// A top-level subtotal of one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subtotal {
    /// As displayed: half-up to 2 places.
    pub score: Decimal,
    pub weight: Decimal,
    /// Score as a percentage of the weight; `None` for a zero weight.
    pub share: Option<Decimal>,
}

/// One row of the overview: a workbook, or a file that could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverviewRow {
    /// Index of the entry (equal to the row's own index in `Overview::rows`).
    pub entry: usize,
    pub file_name: String,
    pub path: String,
    /// Set when the file could not be opened; then most fields are empty.
    pub error: Option<EntryError>,
    pub unit: Option<String>,
    pub year: Option<u16>,
    /// `reported.total_score`: what the report prints.
    pub reported_total: Option<Decimal>,
    /// The computed total as displayed.
    pub computed_total: Option<Decimal>,
    /// Reported − computed.
    pub difference: Option<Decimal>,
    /// The grade by the review total once there is one, else by the
    /// computed total; provisional (未评定) while leaves are unscored.
    /// `None` for a file that could not be read. See `core::grading`.
    pub standing: Option<Standing>,
    /// Leaves the officer left unscored: the computed total is provisional.
    pub unscored: usize,
    /// The row's place in pinyin order of unit and of file names, set once
    /// when the overview is built: a sort by name then compares numbers.
    pub name_order: NameOrder,
    /// Aligned with `Overview::top_levels`.
    pub subtotals: Vec<Option<Subtotal>>,
    /// Display values of `KEY_RATIOS`; `None` is shown as n/a.
    pub ratios: [Option<Decimal>; 4],
    /// Warning counts in `Severity::ALL` order.
    pub warnings: [usize; 4],
    pub status: ReviewStatus,
    /// The total with the reviewer's scores, once reviewed or scored.
    pub review_total: Option<Decimal>,
    /// The reviewer's comment on the whole workbook (总体审核意见), shown under 备注.
    pub comment: String,
    /// The workbook changed after the review was recorded.
    pub review_stale: bool,
    /// Reviewer's entries that no longer fit the workbook's table (after it
    /// changed): by code, with why.
    pub mismatched: Vec<(String, MismatchReason)>,
    /// The file changed on disk after it was read (found when it was read
    /// again for the drill-in); `r` reloads it.
    pub changed_on_disk: bool,
    /// Another row has the same unit and year.
    pub duplicate: bool,
    /// Lower-case unit and file name, for search per keystroke.
    pub search_text: String,
}

impl OverviewRow {
    /// The grade, `None` while provisional or when the file did not open.
    #[must_use]
    pub fn grade(&self) -> Option<Grade> {
        self.standing.and_then(Standing::grade)
    }

    /// Total warnings of every severity.
    #[must_use]
    pub fn warning_total(&self) -> usize {
        self.warnings.iter().sum()
    }

    /// Warnings at `severity` or worse.
    #[must_use]
    pub fn warnings_at_least(&self, severity: Severity) -> usize {
        Severity::ALL
            .iter()
            .zip(self.warnings)
            .filter(|(s, _)| **s <= severity)
            .map(|(_, n)| n)
            .sum()
    }
}

/// All rows plus the top-level columns they share.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    pub top_levels: Vec<TopLevel>,
    pub rows: Vec<OverviewRow>,
}

/// Finds the review of an entry: `(folder, file name)` → review.
pub trait ReviewLookup {
    fn review_of(&self, entry: &Entry) -> Option<&WorkbookReview>;
}

impl ReviewLookup for () {
    fn review_of(&self, _: &Entry) -> Option<&WorkbookReview> {
        None
    }
}

/// Top-level indicators of all workbooks, in first-seen order, one per code.
fn top_levels(entries: &[Entry]) -> Vec<TopLevel> {
    let mut out: Vec<TopLevel> = Vec::new();
    let mut shapes_seen: Vec<&super::digest::TableShape> = Vec::new();
    for summary in entries.iter().filter_map(Entry::digest) {
        // Units share tables: look at each distinct table once.
        if shapes_seen
            .iter()
            .any(|s| std::ptr::eq(*s, &raw const *summary.shape))
        {
            continue;
        }
        shapes_seen.push(&summary.shape);
        for top in summary.shape.rows.iter().filter(|r| r.depth == 0) {
            if !out.iter().any(|t| t.code == top.code) {
                out.push(TopLevel {
                    code: top.code.clone(),
                    name: top.name.clone(),
                });
            }
        }
    }
    out
}

/// Builds every row, then flags duplicate unit + year.
#[must_use]
pub fn build(entries: &[Entry], reviews: &impl ReviewLookup) -> Overview {
    let top_levels = top_levels(entries);
    let mut rows: Vec<OverviewRow> = entries
        .iter()
        .enumerate()
        .map(|(i, entry)| build_row(i, entry, &top_levels, reviews.review_of(entry)))
        .collect();
    mark_duplicates(&mut rows);
    order_names(&mut rows);
    Overview { top_levels, rows }
}

/// A row's rank among all rows by unit name and by file name, in pinyin
/// order; equal names share a rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NameOrder {
    pub unit: u32,
    pub file: u32,
}

/// Ranks every row's unit and file name once (pinyin keys are costly to
/// build and compare; sorting 10,000 rows by them on each key took 17 ms).
pub fn order_names(rows: &mut [OverviewRow]) {
    let units = ranks(rows.iter().map(|r| r.unit.as_deref().unwrap_or("")));
    let files = ranks(rows.iter().map(|r| r.file_name.as_str()));
    for (row, (unit, file)) in rows.iter_mut().zip(units.into_iter().zip(files)) {
        row.name_order = NameOrder { unit, file };
    }
}

fn ranks<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut keyed: Vec<(NameKey, usize)> = names
        .map(name_key)
        .enumerate()
        .map(|(i, k)| (k, i))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut out = vec![0u32; keyed.len()];
    let mut rank = 0u32;
    for (at, (key, index)) in keyed.iter().enumerate() {
        if at > 0 && keyed[at - 1].0 != *key {
            rank += 1;
        }
        out[*index] = rank;
    }
    out
}

fn percent_of(score: Decimal, weight: Decimal) -> Option<Decimal> {
    if weight.is_zero() {
        None
    } else {
        score
            .checked_div(weight)
            .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
            .map(round2)
    }
}

/// One row; `review` is the entry's review, if any.
#[must_use]
pub fn build_row(
    index: usize,
    entry: &Entry,
    top_levels: &[TopLevel],
    review: Option<&WorkbookReview>,
) -> OverviewRow {
    let mut row = OverviewRow {
        entry: index,
        file_name: entry.file_name.clone(),
        path: entry.path.display().to_string(),
        error: entry.error().cloned(),
        unit: None,
        year: None,
        reported_total: None,
        computed_total: None,
        difference: None,
        standing: None,
        unscored: 0,
        name_order: NameOrder::default(),
        subtotals: vec![None; top_levels.len()],
        ratios: [None; 4],
        warnings: [0; 4],
        status: ReviewStatus::Unreviewed,
        review_total: None,
        comment: String::new(),
        review_stale: false,
        mismatched: Vec::new(),
        changed_on_disk: false,
        duplicate: false,
        search_text: entry.file_name.to_lowercase(),
    };
    if let Some(summary) = entry.digest() {
        let computed = summary.computed_total;
        row.unit = Some(summary.unit.clone());
        row.year = Some(summary.year);
        row.reported_total = summary.reported_total;
        row.computed_total = Some(computed);
        row.unscored = summary.unscored;
        row.difference = summary.reported_total.map(|r| round2(r) - computed);
        for (slot, top) in row.subtotals.iter_mut().zip(top_levels) {
            *slot = summary
                .cells()
                .find(|(r, _)| r.depth == 0 && r.code == top.code)
                .map(|(r, cell)| Subtotal {
                    score: round2(cell.score),
                    weight: r.weight,
                    share: percent_of(cell.score, r.weight),
                });
        }
        row.ratios = summary.ratios;
        row.warnings = summary.warnings;
        row.search_text = format!("{} {}", summary.unit, entry.file_name).to_lowercase();
    }
    apply_review(&mut row, entry, review);
    row
}

/// Refreshes the review columns of a row after the review changed.
pub fn apply_review(row: &mut OverviewRow, entry: &Entry, review: Option<&WorkbookReview>) {
    row.status = review.map_or(ReviewStatus::Unreviewed, |r| r.status);
    review
        .map(|r| r.comment.as_str())
        .unwrap_or_default()
        .clone_into(&mut row.comment);
    row.review_stale = review.is_some_and(|r| r.is_stale(entry.sha256.as_deref()));
    row.review_total = match (review, entry.digest()) {
        // A unit sent back has been reviewed too: its letter states this total.
        (Some(r), Some(summary)) if r.status.concluded() || r.has_scores() => {
            Some(round2(summary.review_total(r)))
        }
        _ => None,
    };
    row.standing = entry.digest().map(|d| d.standing_under(review));
    row.mismatched = match (review, entry.digest()) {
        (Some(r), Some(summary)) => summary.mismatches(r),
        _ => Vec::new(),
    };
}

/// Flags rows that share a unit (trimmed) and year with another row.
pub fn mark_duplicates(rows: &mut [OverviewRow]) {
    let mut seen: BTreeMap<(&str, u16), usize> = BTreeMap::new();
    for row in rows.iter() {
        if let (Some(unit), Some(year)) = (&row.unit, row.year) {
            *seen.entry((unit.trim(), year)).or_default() += 1;
        }
    }
    let flagged: Vec<bool> = rows
        .iter()
        .map(|row| match (&row.unit, row.year) {
            (Some(unit), Some(year)) => seen.get(&(unit.trim(), year)).is_some_and(|n| *n > 1),
            _ => false,
        })
        .collect();
    for (row, dup) in rows.iter_mut().zip(flagged) {
        row.duplicate = dup;
    }
}

/// Other rows of the same unit (any year), for comparing a unit over years.
#[must_use]
pub fn same_unit_rows(rows: &[OverviewRow], row: usize) -> Vec<usize> {
    let Some(unit) = rows.get(row).and_then(|r| r.unit.as_deref()) else {
        return Vec::new();
    };
    rows.iter()
        .enumerate()
        .filter(|(i, r)| *i != row && r.unit.as_deref().map(str::trim) == Some(unit.trim()))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::ranks;

    #[test]
    fn names_rank_in_pinyin_order_and_equal_names_share_a_rank() {
        // 财政局 (cai) < 教育局 (jiao) < 水利局 (shui); by code point 教 < 水 < 财.
        let names = ["水利局", "财政局", "教育局", "财政局", ""];
        assert_eq!(ranks(names.into_iter()), vec![3, 1, 2, 1, 0]);
    }
}

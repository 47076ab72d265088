//! The matrix of units × indicators: each workbook's scores as a share of
//! the weight, banded so it reads with or without colour. Pure.

use rust_decimal::Decimal;

use crate::core::engine::ScoreBasis;
use crate::core::num::round2;
use crate::review::digest::{TableShape, WorkbookDigest};
use crate::review::scan::Entry;

/// How full a matrix cell is, so it reads without colour too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShareBand {
    /// 100 % of the weight.
    Full,
    /// 80 % or more.
    High,
    /// 60 % or more.
    Middle,
    /// Above 0.
    Low,
    /// Nothing scored.
    Zero,
}

impl ShareBand {
    #[must_use]
    pub fn of(share: Decimal) -> Self {
        if share >= Decimal::ONE_HUNDRED {
            Self::Full
        } else if share >= Decimal::from(80) {
            Self::High
        } else if share >= Decimal::from(60) {
            Self::Middle
        } else if share > Decimal::ZERO {
            Self::Low
        } else {
            Self::Zero
        }
    }

    /// A symbol that tells the bands apart in monochrome: ● ◕ ◑ ◔ ○.
    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Full => "●",
            Self::High => "◕",
            Self::Middle => "◑",
            Self::Low => "◔",
            Self::Zero => "○",
        }
    }
}

/// A share as the matrix shows it: half-up to one place, trailing zeros
/// dropped ("80", "99.6"); a share below 100 never shows as "100", so a
/// lost point is never displayed as full marks.
#[must_use]
pub fn share_label(share: Decimal) -> String {
    let shown = share
        .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    let almost_full = Decimal::new(999, 1);
    if share < Decimal::ONE_HUNDRED && shown >= Decimal::ONE_HUNDRED {
        almost_full.to_string()
    } else {
        shown.to_string()
    }
}

/// A score as a percentage of its weight, half-up to 2 places; a score
/// below the weight stays below 100 (4.9999 of 5 is 99.99, not 100).
/// `None` for a zero weight.
#[must_use]
pub fn share_of(score: Decimal, weight: Decimal) -> Option<Decimal> {
    let share = score
        .checked_div(weight)
        .and_then(|q| q.checked_mul(Decimal::ONE_HUNDRED))
        .map(round2)?;
    let below_full = Decimal::new(9999, 2);
    Some(if score < weight && share > below_full {
        below_full
    } else {
        share
    })
}

/// A column of the matrix: one indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixColumn {
    pub code: String,
    pub name: String,
    /// 0 = 一级.
    pub depth: usize,
    /// The weight in the first workbook that has the indicator.
    pub weight: Decimal,
    pub leaf: bool,
}

/// One cell: an indicator's score in one workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatrixCell {
    /// As displayed: half-up to 2 places.
    pub score: Decimal,
    pub weight: Decimal,
    /// Percent of the weight, 2 places; `None` for a zero weight.
    pub share: Option<Decimal>,
    pub band: ShareBand,
    /// The indicator was not applicable.
    pub not_applicable: bool,
    /// Not scored yet (missing data): shown as such, never as 0.
    pub missing: bool,
    /// The reviewer's score, where given (the matrix shows it instead).
    pub review: Option<Decimal>,
}

impl MatrixCell {
    /// The score the matrix shows: the reviewer's where given.
    #[must_use]
    pub fn shown_share(&self) -> Option<Decimal> {
        match self.review {
            Some(r) => share_of(r, self.weight),
            None => self.share,
        }
    }
}

/// One row of the matrix: one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    /// Index of the overview row / entry.
    pub row: usize,
    pub unit: String,
    pub year: u16,
    /// Aligned with `Matrix::columns`; `None` where the workbook lacks it.
    pub cells: Vec<Option<MatrixCell>>,
}

/// Units × indicators.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrix {
    pub columns: Vec<MatrixColumn>,
    pub rows: Vec<MatrixRow>,
}

/// Which indicators become columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixDepth {
    /// Every indicator, subtotals included.
    All,
    /// Only the indicators that carry a rule.
    #[default]
    Leaves,
    /// Only the top level (一级指标).
    TopLevel,
}

/// The matrix over the entries in `view` (rows that did not open are left
/// out), from what the overview keeps of each workbook. Linear in the cells:
/// each table's codes are looked up through one map, built once per table
/// shape (a search per cell took 1–2 minutes for one table of 100,000
/// indicators).
#[must_use]
pub fn matrix(entries: &[Entry], view: &[usize], depth: MatrixDepth) -> Matrix {
    let summaries: Vec<(usize, &WorkbookDigest)> = view
        .iter()
        .filter_map(|&i| entries.get(i).and_then(Entry::digest).map(|s| (i, s)))
        .collect();
    let columns = columns_of(&summaries, depth);
    // Where each column sits in each table shape (many units share one).
    let mut placed: Vec<(*const TableShape, Vec<Option<usize>>)> = Vec::new();
    let rows = summaries
        .iter()
        .map(|(i, s)| {
            let shape: *const TableShape = &raw const *s.shape;
            let at = match placed.iter().position(|(p, _)| *p == shape) {
                Some(k) => k,
                None => {
                    let positions = s.shape.positions();
                    let columns_at = columns
                        .iter()
                        .map(|c| positions.get(c.code.as_str()).copied())
                        .collect();
                    placed.push((shape, columns_at));
                    placed.len() - 1
                }
            };
            MatrixRow {
                row: *i,
                unit: s.unit.clone(),
                year: s.year,
                cells: placed[at]
                    .1
                    .iter()
                    .map(|k| k.and_then(|k| matrix_cell(s, k)))
                    .collect(),
            }
        })
        .collect();
    Matrix { columns, rows }
}

/// The indicators of every table in view, first seen first, one per code.
fn columns_of(summaries: &[(usize, &WorkbookDigest)], depth: MatrixDepth) -> Vec<MatrixColumn> {
    let mut columns: Vec<MatrixColumn> = Vec::new();
    let mut codes = std::collections::HashSet::new();
    let mut tables_seen: Vec<*const TableShape> = Vec::new();
    for (_, s) in summaries {
        let table: *const _ = &raw const *s.shape;
        if tables_seen.contains(&table) {
            continue;
        }
        tables_seen.push(table);
        for ind in &s.shape.rows {
            let wanted = match depth {
                MatrixDepth::All => true,
                MatrixDepth::Leaves => ind.leaf,
                MatrixDepth::TopLevel => ind.depth == 0,
            };
            if wanted && codes.insert(ind.code.as_str()) {
                columns.push(MatrixColumn {
                    code: ind.code.clone(),
                    name: ind.name.clone(),
                    depth: ind.depth,
                    weight: ind.weight,
                    leaf: ind.leaf,
                });
            }
        }
    }
    columns
}

fn matrix_cell(summary: &WorkbookDigest, k: usize) -> Option<MatrixCell> {
    summary.cell_at(k).map(|(ind, cell)| {
        let share = share_of(cell.score, ind.weight);
        MatrixCell {
            score: round2(cell.score),
            weight: ind.weight,
            share,
            band: share.map_or(ShareBand::Zero, ShareBand::of),
            not_applicable: cell.basis == ScoreBasis::NotApplicable,
            missing: cell.basis == ScoreBasis::Missing,
            review: None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_read_without_colour() {
        assert_eq!(ShareBand::of(Decimal::ONE_HUNDRED).symbol(), "●");
        assert_eq!(ShareBand::of(Decimal::from(80)), ShareBand::High);
        assert_eq!(ShareBand::of(Decimal::from(60)), ShareBand::Middle);
        assert_eq!(ShareBand::of(Decimal::ONE), ShareBand::Low);
        assert_eq!(ShareBand::of(Decimal::ZERO).symbol(), "○");
    }

    #[test]
    fn a_lost_point_never_shows_as_full() {
        let pct = |s: &str| s.parse::<Decimal>().expect("decimal");
        // 4.98 of 5 is 99.6 %.
        assert_eq!(share_label(pct("99.60")), "99.6");
        assert_eq!(share_label(pct("99.96")), "99.9");
        assert_eq!(share_label(pct("100.00")), "100");
        assert_eq!(share_label(pct("80.00")), "80");
        assert_eq!(share_label(pct("66.67")), "66.7");
        assert_eq!(share_label(pct("12.25")), "12.3", "half-up");
    }

    #[test]
    fn a_share_just_below_the_weight_stays_below_full() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(share_of(d("4.98"), d("5")), Some(d("99.6")));
        assert_eq!(share_of(d("4.9999"), d("5")), Some(d("99.99")));
        assert_eq!(ShareBand::of(d("99.99")), ShareBand::High);
        assert_eq!(share_label(d("99.99")), "99.9");
        assert_eq!(share_of(d("5"), d("5")), Some(d("100")));
        assert_eq!(share_of(d("1"), d("3")), Some(d("33.33")));
        assert_eq!(share_of(d("1"), Decimal::ZERO), None, "n/a, not a panic");
    }
}

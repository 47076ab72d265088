//! What reviewer mode keeps of a workbook once it has been read: the figures
//! of its overview row and a compact score sheet (one cell per indicator) for
//! the review total, the matrix and the exports. The parsed workbook and its
//! derivation are dropped right after; the drill-in and the comparison read
//! the file again (`review::lazy`). Pure.
//!
//! Scoring tables repeat across units (one bureau, one table), so the table's
//! shape — codes, names, weights — is shared between summaries (`Shapes`).

use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use rust_decimal::Decimal;

use super::reviews::{IndicatorTable, ScoreLine, WorkbookReview, review_total_of};
use crate::core::engine::fast_hash::{FxHasher, FxMap};
use crate::core::engine::{Derived, ScoreBasis, Severity};
use crate::core::grading::Standing;
use crate::core::model::{Indicator, MetricId, Workbook};
use crate::core::num::round2;

/// The ratios shown in the overview: F1 差异率, F2 支出完成率, F3 结余结转率,
/// F5 政府采购执行率.
pub const KEY_RATIOS: [MetricId; 4] = [
    MetricId::AppropriationIncomeVarianceRate,
    MetricId::ExpenditureCompletionRate,
    MetricId::CarryoverRate,
    MetricId::ProcurementExecutionRate,
];

/// One indicator of a scoring table, in depth-first order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeRow {
    pub code: String,
    pub name: String,
    /// 0 = 一级指标.
    pub depth: usize,
    pub weight: Decimal,
    pub leaf: bool,
}

/// A scoring table's indicators without rules or entries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableShape {
    pub rows: Vec<ShapeRow>,
}

impl TableShape {
    #[must_use]
    pub fn of(workbook: &Workbook) -> Self {
        Self::from_flat(&workbook.table.flatten())
    }

    /// Each code's position in table order (the first, where a code is
    /// there twice, as [`WorkbookDigest::cell`] finds it): for looking up
    /// many codes, which one search each would make quadratic.
    #[must_use]
    pub fn positions(&self) -> FxMap<&str, usize> {
        let mut at = FxMap::default();
        for (k, row) in self.rows.iter().enumerate() {
            at.entry(row.code.as_str()).or_insert(k);
        }
        at
    }

    fn from_flat(flat: &[(usize, &Indicator)]) -> Self {
        let rows = flat
            .iter()
            .map(|(depth, ind)| ShapeRow {
                code: ind.code.clone(),
                name: ind.name.clone(),
                depth: *depth,
                weight: ind.weight,
                leaf: ind.is_leaf(),
            })
            .collect();
        Self { rows }
    }

    /// True when this is the shape of `flat` (compared without building it).
    fn matches(&self, flat: &[(usize, &Indicator)]) -> bool {
        self.rows.len() == flat.len()
            && self.rows.iter().zip(flat).all(|(row, (depth, ind))| {
                row.depth == *depth
                    && row.leaf == ind.is_leaf()
                    && row.weight == ind.weight
                    && row.code == ind.code
                    && row.name == ind.name
            })
    }

    /// The row of indicator `code`.
    #[must_use]
    pub fn find(&self, code: &str) -> Option<&ShapeRow> {
        self.rows.iter().find(|r| r.code == code)
    }
}

impl IndicatorTable for TableShape {
    fn indicator(&self, code: &str) -> Option<(bool, Decimal)> {
        self.find(code).map(|r| (r.leaf, r.weight))
    }
}

/// Hands out one shared `TableShape` per distinct table; safe to share
/// between the loading threads. Tables are told apart by a fast hash of
/// their indicators, then compared in full.
#[derive(Debug, Default)]
pub struct Shapes {
    seen: Mutex<FxMap<u64, Vec<Arc<TableShape>>>>,
}

impl Shapes {
    /// The shared shape of `workbook`'s table.
    pub fn intern(&self, workbook: &Workbook) -> Arc<TableShape> {
        let flat = workbook.table.flatten();
        let mut hasher = FxHasher::default();
        for (depth, ind) in &flat {
            (depth, &ind.code, &ind.name, ind.weight, ind.is_leaf()).hash(&mut hasher);
        }
        let key = hasher.finish();
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let known = seen.entry(key).or_default();
        if let Some(shape) = known.iter().find(|s| s.matches(&flat)) {
            return Arc::clone(shape);
        }
        let shape = Arc::new(TableShape::from_flat(&flat));
        known.push(Arc::clone(&shape));
        shape
    }
}

/// One indicator's computed score, aligned with `TableShape::rows`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreCell {
    /// Unrounded, within 0..=weight.
    pub score: Decimal,
    pub basis: ScoreBasis,
    /// The weight still counts (not taken out as not applicable).
    pub counted: bool,
    /// The score the officer typed (自评得分), when any.
    pub typed: Option<Decimal>,
}

/// Everything the overview, the matrix and the exports need of one workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkbookDigest {
    pub unit: String,
    pub year: u16,
    /// `reported.total_score`: what the report prints.
    pub reported_total: Option<Decimal>,
    /// The computed total as displayed (half-up, 2 places).
    pub computed_total: Decimal,
    /// Leaves still unscored (then the grade is provisional: 未评定).
    pub unscored: usize,
    /// Display values of `KEY_RATIOS`.
    pub ratios: [Option<Decimal>; 4],
    /// Warning counts in `Severity::ALL` order.
    pub warnings: [usize; 4],
    pub shape: Arc<TableShape>,
    /// Aligned with `shape.rows`.
    pub scores: Box<[ScoreCell]>,
    raw_total: Decimal,
    max_total: Decimal,
    removed_weight: Decimal,
}

/// The officer's typed scores in table order (the order of the score
/// sheet), padded with `None` should the two ever differ in length.
fn typed_scores(workbook: &Workbook, n: usize) -> Vec<Option<Decimal>> {
    let mut out: Vec<Option<Decimal>> = workbook
        .table
        .flatten()
        .iter()
        .map(|(_, ind)| ind.entry.officer_score)
        .collect();
    out.resize(n, None);
    out
}

impl WorkbookDigest {
    /// Summarises a loaded workbook; `shapes` shares its table's shape.
    #[must_use]
    pub fn of(workbook: &Workbook, derived: &Derived, shapes: &Shapes) -> Self {
        let scores = &derived.scores;
        Self {
            unit: workbook.unit.name.clone(),
            year: workbook.unit.fiscal_year,
            reported_total: workbook.reported.total_score,
            computed_total: derived.total_display(),
            unscored: crate::core::newbook::unscored_codes(&derived.scores).len(),
            ratios: KEY_RATIOS.map(|id| derived.metric(id).and_then(|m| m.display)),
            warnings: Severity::ALL.map(|s| derived.count(s)),
            shape: shapes.intern(workbook),
            scores: scores
                .indicators
                .iter()
                .zip(typed_scores(workbook, scores.indicators.len()))
                .map(|(r, typed)| ScoreCell {
                    score: r.score,
                    basis: r.basis,
                    counted: !r.counted_weight.is_zero(),
                    typed,
                })
                .collect(),
            raw_total: scores.raw_total,
            max_total: scores.max_total,
            removed_weight: scores.removed_weight,
        }
    }

    /// The officer's standing: the computed total and its unscored leaves.
    #[must_use]
    pub fn standing(&self) -> Standing {
        Standing::of(self.computed_total, self.unscored)
    }

    /// The unit's standing once reviewed (`review_total` in place, a leaf
    /// the reviewer scored no longer unscored); the officer's before.
    #[must_use]
    pub fn standing_under(&self, review: Option<&WorkbookReview>) -> Standing {
        match review {
            Some(r) if r.status.concluded() || r.has_scores() => {
                let unscored = self
                    .cells()
                    .filter(|(row, cell)| {
                        cell.basis == ScoreBasis::Missing
                            && r.indicators.get(&row.code).and_then(|i| i.score).is_none()
                    })
                    .count();
                Standing::of(round2(self.review_total(r)), unscored)
            }
            _ => self.standing(),
        }
    }

    /// Each indicator with its computed score, in table order.
    pub fn cells(&self) -> impl Iterator<Item = (&ShapeRow, &ScoreCell)> {
        self.shape.rows.iter().zip(self.scores.iter())
    }

    /// Indicator `k` in table order (see [`TableShape::positions`]) with its computed score.
    #[must_use]
    pub fn cell_at(&self, k: usize) -> Option<(&ShapeRow, &ScoreCell)> {
        Some((self.shape.rows.get(k)?, self.scores.get(k)?))
    }

    /// The computed score of indicator `code`.
    #[must_use]
    pub fn cell(&self, code: &str) -> Option<(&ShapeRow, &ScoreCell)> {
        self.cells().find(|(r, _)| r.code == code)
    }

    /// The total with the reviewer's scores in place (see `reviews::review_total`).
    #[must_use]
    pub fn review_total(&self, review: &WorkbookReview) -> Decimal {
        let lines = self.cells().map(|(row, cell)| ScoreLine {
            code: &row.code,
            basis: cell.basis,
            counted: cell.counted,
            weight: row.weight,
            score: cell.score,
        });
        review_total_of(
            lines,
            self.raw_total,
            self.max_total,
            self.removed_weight,
            review,
        )
    }

    /// The reviewer's entries that no longer fit this table: a code it does
    /// not have, a score on an indicator that is now a subtotal, or a score
    /// above the indicator's weight; each with why.
    #[must_use]
    pub fn mismatches(&self, review: &WorkbookReview) -> Vec<(String, MismatchReason)> {
        review
            .indicators
            .iter()
            .filter_map(|(code, entry)| {
                let reason = match self.shape.find(code) {
                    None => MismatchReason::Gone,
                    Some(row) if !row.leaf && entry.score.is_some() => MismatchReason::Subtotal,
                    Some(row) if entry.score.is_some_and(|s| s > row.weight) => {
                        MismatchReason::AboveWeight
                    }
                    Some(_) => return None,
                };
                Some((code.clone(), reason))
            })
            .collect()
    }
}

/// Why a reviewer's entry no longer fits the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MismatchReason {
    /// The table has no such indicator any more.
    Gone,
    /// It carries a score but is now a subtotal.
    Subtotal,
    /// Its score is above the indicator's new weight.
    AboveWeight,
}

impl MismatchReason {
    #[must_use]
    pub fn zh(self) -> &'static str {
        match self {
            Self::Gone => "指标已不存在",
            Self::Subtotal => "已成为汇总指标",
            Self::AboveWeight => "审核得分超过新分值",
        }
    }

    #[must_use]
    pub fn en(self) -> &'static str {
        match self {
            Self::Gone => "indicator no longer exists",
            Self::Subtotal => "now a subtotal",
            Self::AboveWeight => "review score above the new weight",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;
    use crate::review::reviews::{IndicatorNote, review_total};

    /// The sample workbook, what it derives, and a fresh table cache.
    fn sample() -> (Workbook, Derived, Shapes) {
        let wb = sample_workbook();
        let d = derive(&wb);
        (wb, d, Shapes::default())
    }

    #[test]
    fn summary_keeps_what_the_overview_needs() {
        let (wb, d, shapes) = sample();
        let s = WorkbookDigest::of(&wb, &d, &shapes);
        assert_eq!(s.computed_total, d.total_display());
        assert_eq!(s.scores.len(), wb.table.flatten().len());
        let mut r = WorkbookReview::default();
        assert_eq!(s.review_total(&r), review_total(&d, &r));
        r.set_score(&wb, "A1", "3").expect("score");
        r.set_score(&s.shape.as_ref().clone(), "D3", "5")
            .expect("a shape checks like a workbook");
        assert_eq!(s.review_total(&r), review_total(&d, &r));
    }

    #[test]
    fn one_table_is_shared() {
        let (wb, d, shapes) = sample();
        let a = WorkbookDigest::of(&wb, &d, &shapes);
        let b = WorkbookDigest::of(&wb, &d, &shapes);
        assert!(Arc::ptr_eq(&a.shape, &b.shape));
    }

    #[test]
    fn entries_that_no_longer_fit_are_named() {
        let wb = sample_workbook();
        let s = WorkbookDigest::of(&wb, &derive(&wb), &Shapes::default());
        let mut r = WorkbookReview::default();
        r.set_score(&wb, "A1", "4").expect("score");
        r.set_indicator_note(&wb, "A", IndicatorNote::Comment, "总体尚可")
            .expect("comment");
        assert!(s.mismatches(&r).is_empty());
        r.indicators.entry("Z9".into()).or_default().comment = "旧指标".into();
        r.indicators.entry("A".into()).or_default().score = Some(Decimal::ONE);
        r.indicators.entry("A1".into()).or_default().score = Some(Decimal::from(50));
        let found = s.mismatches(&r);
        assert_eq!(
            found,
            vec![
                ("A".to_owned(), MismatchReason::Subtotal),
                ("A1".to_owned(), MismatchReason::AboveWeight),
                ("Z9".to_owned(), MismatchReason::Gone),
            ]
        );
    }
}

//! What a comparison is made of: titled sections of lines, each a value on
//! the left and on the right, and whether (and by how much) they differ.

use rust_decimal::Decimal;

use crate::core::Bilingual;

/// One compared line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffLine {
    /// Stable identifier: `field:income_budget_total`, `indicator:A3.1`, …
    pub key: String,
    pub label: Bilingual,
    /// The value as shown; empty when the side lacks it.
    pub left: String,
    pub right: String,
    /// Right − left, where both are numbers.
    pub delta: Option<Decimal>,
    pub differs: bool,
}

/// A titled group of lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffSection {
    pub title: Bilingual,
    pub lines: Vec<DiffLine>,
}

/// Two workbooks side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    pub left_title: String,
    pub right_title: String,
    pub sections: Vec<DiffSection>,
}

impl Diff {
    /// How many lines differ.
    #[must_use]
    pub fn differences(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| &s.lines)
            .filter(|l| l.differs)
            .count()
    }
}

pub(super) fn line(
    key: String,
    label: Bilingual,
    left: String,
    right: String,
    delta: Option<Decimal>,
) -> DiffLine {
    let differs = left != right;
    DiffLine {
        key,
        label,
        left,
        right,
        delta: delta.filter(|_| differs),
        differs,
    }
}

pub(super) fn numeric(
    key: String,
    label: Bilingual,
    left: Option<Decimal>,
    right: Option<Decimal>,
    show: impl Fn(Decimal) -> String,
) -> DiffLine {
    let text = |v: Option<Decimal>| v.map(&show).unwrap_or_default();
    let delta = left.zip(right).map(|(l, r)| r - l);
    line(key, label, text(left), text(right), delta)
}

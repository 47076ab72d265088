//! One grade for a total, and whether the total is final. Every screen and
//! document that shows a unit's grade asks [`Standing::of`] (the overview,
//! the drill-in, `check`, the report, the exports, the 汇总表 and the
//! letters), so they cannot disagree: while any leaf is unscored the total
//! counts it as 0 and is provisional, and there is no grade yet (未评定).

use rust_decimal::Decimal;

use super::Lang;
use super::engine::{Derived, Grade};

/// A unit's grade, or why it has none yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Every leaf is scored: the grade of the total as displayed.
    Final(Grade),
    /// `unscored` leaves count as 0, so the total is provisional (暂计) and
    /// the unit is not graded (未评定). `would_be` is what the provisional
    /// total alone would give; it is never shown as the grade.
    Provisional { unscored: usize, would_be: Grade },
}

impl Standing {
    /// The standing of `total` with `unscored` leaves still unscored.
    #[must_use]
    pub fn of(total: Decimal, unscored: usize) -> Self {
        let grade = Grade::from_score(total);
        if unscored == 0 {
            Self::Final(grade)
        } else {
            Self::Provisional {
                unscored,
                would_be: grade,
            }
        }
    }

    /// The officer's standing: the computed total and the leaves nothing scores.
    #[must_use]
    pub fn of_derived(derived: &Derived) -> Self {
        Self::of(
            derived.scores.total,
            super::newbook::unscored_codes(&derived.scores).len(),
        )
    }

    /// The grade, `None` while provisional.
    #[must_use]
    pub fn grade(self) -> Option<Grade> {
        match self {
            Self::Final(g) => Some(g),
            Self::Provisional { .. } => None,
        }
    }

    #[must_use]
    pub fn is_provisional(self) -> bool {
        matches!(self, Self::Provisional { .. })
    }

    /// How many leaves are still unscored (0 when final).
    #[must_use]
    pub fn unscored(self) -> usize {
        match self {
            Self::Final(_) => 0,
            Self::Provisional { unscored, .. } => unscored,
        }
    }

    /// The short label: 优/良/中/差, or 未评定.
    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::Final(g) => g.label(lang),
            Self::Provisional { .. } => NOT_GRADED.get(lang),
        }
    }

    /// The label with why it is provisional: "未评定（3 项尚未评分，暂计 0 分）".
    #[must_use]
    pub fn text(self, lang: Lang) -> String {
        match (self, lang) {
            (Self::Final(g), _) => g.label(lang).to_owned(),
            (Self::Provisional { unscored, .. }, Lang::Zh) => {
                format!("未评定（{unscored} 项尚未评分，暂计 0 分）")
            }
            (Self::Provisional { unscored, .. }, Lang::En) => {
                format!("not graded yet ({unscored} indicators unscored, counted as 0)")
            }
        }
    }

    /// What follows a provisional total wherever it is shown ("（暂计）"),
    /// empty for a final one.
    #[must_use]
    pub fn total_mark(self, lang: Lang) -> &'static str {
        match self {
            Self::Final(_) => "",
            Self::Provisional { .. } => PROVISIONAL_MARK.get(lang),
        }
    }

    /// A rank for sorting: 优 0 … 差 3, 未评定 4.
    #[must_use]
    pub fn rank(self) -> u8 {
        match self.grade() {
            Some(Grade::Excellent) => 0,
            Some(Grade::Good) => 1,
            Some(Grade::Fair) => 2,
            Some(Grade::Poor) => 3,
            None => 4,
        }
    }
}

/// The label of a unit without a grade yet.
pub const NOT_GRADED: super::Tr = super::Tr("未评定", "not graded");

/// The mark after a provisional total.
pub const PROVISIONAL_MARK: super::Tr = super::Tr("（暂计）", " (provisional)");

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn a_total_with_unscored_leaves_has_no_grade() {
        let s = Standing::of(dec!(65), 2);
        assert_eq!(s.grade(), None);
        assert!(s.is_provisional());
        assert_eq!(s.label(Lang::Zh), "未评定");
        assert_eq!(s.text(Lang::Zh), "未评定（2 项尚未评分，暂计 0 分）");
        assert_eq!(s.total_mark(Lang::Zh), "（暂计）");
        assert_eq!(s.rank(), 4);
    }

    #[test]
    fn a_final_total_is_graded_on_its_displayed_value() {
        let s = Standing::of(dec!(89.995), 0);
        assert_eq!(s.grade(), Some(Grade::Excellent));
        assert_eq!(s.label(Lang::En), "Excellent");
        assert_eq!(s.total_mark(Lang::Zh), "");
    }
}

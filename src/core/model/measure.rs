//! What a leaf measures besides its built-in metric: the budget a ratio is
//! taken against (`Basis`) and a ratio the bureau's table defines itself
//! (`TableFormula`). Both are optional on a rule; absent, the metric is
//! computed as its registry row says, so older files score as before.

use serde::{Deserialize, Serialize};

use super::FieldId;

/// The figure a ratio is measured against, as the bureau's table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// 财政下达预算数.
    Issued,
    /// 年初预算数.
    Initial,
    /// 调整后预算数: the initial budget plus the adjustments.
    Adjusted,
    /// A change measured on budgets (本年预算 against 上年预算).
    Budget,
    /// A change measured on final accounts (本年决算 against 上年决算).
    Final,
}

impl Basis {
    pub const ALL: [Self; 5] = [
        Self::Issued,
        Self::Initial,
        Self::Adjusted,
        Self::Budget,
        Self::Final,
    ];

    /// The JSON spelling.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Issued => "issued",
            Self::Initial => "initial",
            Self::Adjusted => "adjusted",
            Self::Budget => "budget",
            Self::Final => "final",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.key() == key)
    }

    /// How the basis is named in a sentence ("以…为准").
    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Issued => "财政下达预算数",
            Self::Initial => "年初预算数",
            Self::Adjusted => "调整后预算数",
            Self::Budget => "预算数",
            Self::Final => "决算数",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Issued => "the issued budget",
            Self::Initial => "the initial budget",
            Self::Adjusted => "the adjusted budget",
            Self::Budget => "budgets",
            Self::Final => "final accounts",
        }
    }
}

/// A ratio the bureau's table defines over fields jixiao knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TableFormula {
    /// (Σ numerator − Σ `numerator_minus`) / (Σ denominator − Σ `denominator_minus`) × 100:
    /// each side a bracketed sum with subtractions (Hunan's 预算完成率 =
    /// (上年结转 + 年初预算 + 本年追加 − 年末结余) / (上年结转 + 年初预算 + 本年追加)).
    Ratio {
        numerator: Vec<FieldId>,
        denominator: Vec<FieldId>,
        /// Fields subtracted above the line; absent in older files.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        numerator_minus: Vec<FieldId>,
        /// Fields subtracted below the line; absent in older files.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        denominator_minus: Vec<FieldId>,
        /// The rate's absolute value is shown and scored (the sign is kept).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        absolute: bool,
    },
    /// (Σ current − Σ base) / Σ base × 100.
    Change {
        current: Vec<FieldId>,
        base: Vec<FieldId>,
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        absolute: bool,
    },
}

impl TableFormula {
    /// Every field the formula reads, numerator (or current) first.
    #[must_use]
    pub fn fields(&self) -> Vec<FieldId> {
        match self {
            Self::Ratio {
                numerator,
                denominator,
                numerator_minus,
                denominator_minus,
                ..
            } => numerator
                .iter()
                .chain(numerator_minus)
                .chain(denominator)
                .chain(denominator_minus)
                .copied()
                .collect(),
            Self::Change {
                current: a,
                base: b,
                ..
            } => a.iter().chain(b).copied().collect(),
        }
    }

    /// A ratio of plain sums (no subtraction), as older files hold.
    #[must_use]
    pub fn ratio(numerator: Vec<FieldId>, denominator: Vec<FieldId>, absolute: bool) -> Self {
        Self::Ratio {
            numerator,
            denominator,
            numerator_minus: Vec::new(),
            denominator_minus: Vec::new(),
            absolute,
        }
    }

    #[must_use]
    pub fn absolute(&self) -> bool {
        match self {
            Self::Ratio { absolute, .. } | Self::Change { absolute, .. } => *absolute,
        }
    }
}

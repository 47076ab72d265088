//! The engine: one pure function from a workbook to everything derived from it.

/// A registry's keys as a `const` array, read off its rows in order so the
/// two cannot disagree; `fill` is any key (the array's first contents).
macro_rules! registry_keys {
    ($rows:expr, $key:ident, $fill:expr) => {{
        let mut keys = [$fill; $rows.len()];
        let mut i = 0;
        while i < $rows.len() {
            keys[i] = $rows[i].$key;
            i += 1;
        }
        keys
    }};
}

pub mod arith;
pub mod basis;
pub mod checks;
pub mod fast_hash;
pub mod measure;
mod metric_defs;
pub mod metrics;
pub mod project;
pub mod rule_text;
pub mod rules;
pub mod scoring;
pub mod spec;
pub mod what_if;
pub mod what_if_text;
pub mod working;
pub mod workload;

#[cfg(test)]
mod checks_tests;
#[cfg(test)]
mod finals_tests;
#[cfg(test)]
mod formula_tests;
#[cfg(test)]
mod measure_tests;
#[cfg(test)]
mod printed_tests;
#[cfg(test)]
mod scoring_tests;
#[cfg(test)]
mod test_kinds;
#[cfg(test)]
mod what_if_tests;

use rust_decimal::Decimal;
use serde::Serialize;

pub use checks::{Concern, Severity, Warning, WarningCode};
pub use metrics::{Metric, MetricClass, MetricId, MetricStatus};
pub use scoring::{IndicatorResult, ScoreBasis, TableScore, ValueSource};
pub use workload::{GroupStats, ItemStats};

use crate::core::model::{EvidenceFacts, FieldId, Workbook};
use crate::core::num::round2;

/// A registry's rows as (discriminant, key, key text): each row stands at its
/// key's discriminant (so `def()` can index) and the key serialises as its text.
#[cfg(test)]
fn assert_registry_rows<K: Serialize + std::fmt::Debug>(
    rows: impl IntoIterator<Item = (usize, K, &'static str)>,
) {
    for (i, (discriminant, key, text)) in rows.into_iter().enumerate() {
        assert_eq!(discriminant, i, "{text}");
        let json = serde_json::to_value(&key).expect("a key serialises");
        assert_eq!(json.as_str(), Some(text), "{key:?}");
    }
}

/// 自评等级.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    Excellent,
    Good,
    Fair,
    Poor,
}

impl Grade {
    /// 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差, on the score as displayed (2 places).
    #[must_use]
    pub fn from_score(score: Decimal) -> Self {
        let shown = round2(score);
        if shown >= Decimal::from(90) {
            Self::Excellent
        } else if shown >= Decimal::from(80) {
            Self::Good
        } else if shown >= Decimal::from(60) {
            Self::Fair
        } else {
            Self::Poor
        }
    }

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::Excellent => "优",
            Self::Good => "良",
            Self::Fair => "中",
            Self::Poor => "差",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Excellent => "Excellent",
            Self::Good => "Good",
            Self::Fair => "Fair",
            Self::Poor => "Poor",
        }
    }

    #[must_use]
    pub fn label(self, lang: crate::core::Lang) -> &'static str {
        match lang {
            crate::core::Lang::Zh => self.label_zh(),
            crate::core::Lang::En => self.label_en(),
        }
    }
}

/// Everything derived from a workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Derived {
    pub metrics: Vec<Metric>,
    pub scores: TableScore,
    pub grade: Grade,
    pub workload: Vec<GroupStats>,
    /// In-service headcount used for per-capita figures.
    pub in_service_headcount: Option<Decimal>,
    pub warnings: Vec<Warning>,
    /// The project forms (项目支出绩效自评表), each scored on its own table.
    pub projects: project::ProjectsDerived,
}

impl Derived {
    #[must_use]
    pub fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The total as displayed: half-up to 2 places.
    #[must_use]
    pub fn total_display(&self) -> Decimal {
        round2(self.scores.total)
    }

    /// Number of warnings of a severity.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.warnings
            .iter()
            .filter(|w| w.severity == severity)
            .count()
    }
}

/// Derives every ratio, score, total, grade and warning. Pure: no I/O, no clock.
#[must_use]
pub fn derive(workbook: &Workbook) -> Derived {
    derive_with(workbook, scoring::score_workbook, &EvidenceFacts::new())
}

/// As [`derive`], with what the store found of each listed evidence file,
/// so the missing and changed files are warned too.
#[must_use]
pub fn derive_with_evidence(workbook: &Workbook, evidence: &EvidenceFacts) -> Derived {
    derive_with(workbook, scoring::score_workbook, evidence)
}

/// As [`derive`], without the scoring texts: every figure, grade and
/// warning (code, severity, place) the same, but each indicator's `rule` and
/// `working` empty, and so a warning that quotes a working quotes nothing.
/// For summaries that keep only figures (reviewer mode's digest of each of
/// thousands of workbooks), where writing the texts was most of the cost.
#[must_use]
pub fn derive_figures(workbook: &Workbook) -> Derived {
    derive_with(
        workbook,
        scoring::score_workbook_figures,
        &EvidenceFacts::new(),
    )
}

fn derive_with(
    workbook: &Workbook,
    score: fn(&Workbook, &[Metric]) -> TableScore,
    evidence: &EvidenceFacts,
) -> Derived {
    let metrics = metrics::compute_metrics(workbook);
    let scores = score(workbook, &metrics);
    let grade = Grade::from_score(scores.total);
    let headcount = [
        FieldId::InServiceAdmin,
        FieldId::InServiceInstitution,
        FieldId::InServiceLogistics,
    ]
    .iter()
    .filter_map(|f| f.get(workbook))
    .reduce(Decimal::saturating_add);
    let workload = workload::workload_stats(&workbook.workload, headcount);
    let mut warnings = checks::run_checks(workbook, &metrics, &scores, grade, &workload, evidence);
    // Most serious first; a stable sort keeps the checks' own order within a severity.
    warnings.sort_by_key(|w| w.severity);
    Derived {
        metrics,
        scores,
        grade,
        workload,
        in_service_headcount: headcount,
        warnings,
        projects: project::derive_projects(workbook),
    }
}

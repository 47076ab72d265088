//! Consistency checks: every warning the engine raises, each with a stable code,
//! a severity, a message in both languages and the fields it concerns. The
//! codes and the order the checks run in are declared in `registry`; each
//! check is a small function in the module of its topic.

mod evidence;
mod figures;
mod finals;
mod leaves;
mod measures;
mod rates;
mod reasons;
mod registry;
mod reported;
mod sums;
mod table;
mod workload;

use rust_decimal::Decimal;
use serde::Serialize;

use super::Grade;
use super::arith;
use super::metrics::{Metric, MetricId};
use super::scoring::{IndicatorResult, TableScore};
use super::workload::GroupStats;
use crate::core::Bilingual;
use crate::core::model::{EvidenceFacts, FieldId, Indicator, Workbook};
use crate::core::num::fmt_percent;

pub use registry::{CODES, CodeDef, WarningCode};
pub use table::MAX_LEVELS;

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    High,
    Medium,
    Low,
    Info,
}

impl Severity {
    pub const ALL: [Self; 4] = [Self::High, Self::Medium, Self::Low, Self::Info];

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        match self {
            Self::High => "严重",
            Self::Medium => "中等",
            Self::Low => "轻微",
            Self::Info => "提示",
        }
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::High => "high",
            Self::Medium => "medium",
            Self::Low => "low",
            Self::Info => "info",
        }
    }
}

/// What a warning is about, so the UI can jump there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Concern {
    Field {
        field: FieldId,
    },
    Metric {
        metric: MetricId,
    },
    Indicator {
        code: String,
    },
    /// The deduction reason of the indicator with this code.
    Reason {
        code: String,
    },
    Workload {
        group: usize,
        item: usize,
    },
    Reported,
    Table,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub code: WarningCode,
    pub severity: Severity,
    pub message: Bilingual,
    pub concerns: Vec<Concern>,
}

/// Everything a check may read.
pub struct Ctx<'a> {
    pub wb: &'a Workbook,
    pub metrics: &'a [Metric],
    pub scores: &'a TableScore,
    pub grade: Grade,
    pub workload: &'a [GroupStats],
    /// What each listed evidence file holds now (empty: nobody looked).
    pub evidence: &'a EvidenceFacts,
}

impl Ctx<'_> {
    fn get(&self, f: FieldId) -> Option<Decimal> {
        f.get(self.wb)
    }

    fn metric(&self, id: MetricId) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

/// One scored leaf, for the checks run on each.
pub struct Leaf<'a> {
    pub ind: &'a Indicator,
    pub result: &'a IndicatorResult,
}

/// A check over the whole workbook; it may raise several warnings.
pub type WorkbookCheck = fn(&Ctx<'_>, &mut Sink);
/// A check over one scored leaf.
pub type LeafCheck = fn(&Ctx<'_>, &Leaf<'_>) -> Option<Warning>;

/// Where checks put their warnings.
#[derive(Default)]
pub struct Sink(Vec<Warning>);

impl Sink {
    fn push(&mut self, code: WarningCode, zh: String, en: String, concerns: Vec<Concern>) {
        self.0.push(warn(code, zh, en, concerns));
    }

    /// A warning about one indicator, named at the head of its message.
    fn push_about(&mut self, code: WarningCode, node: &Indicator, zh: &str, en: &str) {
        let (zh, en) = about(node, zh, en);
        let concerns = vec![Concern::Indicator {
            code: node.code.clone(),
        }];
        self.push(code, zh, en, concerns);
    }

    fn push_warning(&mut self, warning: Option<Warning>) {
        self.0.extend(warning);
    }
}

fn warn(code: WarningCode, zh: String, en: String, concerns: Vec<Concern>) -> Warning {
    Warning {
        code,
        severity: code.severity(),
        message: Bilingual::new(zh, en),
        concerns,
    }
}

/// A message about one indicator: its code and name, then what was found.
fn about(ind: &Indicator, zh: &str, en: &str) -> (String, String) {
    // Joined, not formatted: a large table has a warning on thousands of leaves.
    (
        [&ind.code, " ", &ind.name, "：", zh].concat(),
        [&ind.code, " ", &ind.name, ": ", en].concat(),
    )
}

fn fields(list: &[FieldId]) -> Vec<Concern> {
    list.iter().map(|&field| Concern::Field { field }).collect()
}

/// Exact sum of the values given; `None` when none is given or it overflows.
fn sum(values: &[Option<Decimal>]) -> Option<Decimal> {
    arith::sum_present(values)
}

/// |a − b| / b × 100 rounded for display, or "n/a".
fn variance_text(a: Decimal, b: Decimal) -> String {
    a.checked_sub(b)
        .and_then(|diff| arith::percent(diff, b))
        .map_or_else(|| "n/a".to_owned(), |v| fmt_percent(v.abs()))
}

/// Runs every check, in the registry's order.
#[must_use]
pub fn run_checks(
    wb: &Workbook,
    metrics: &[Metric],
    scores: &TableScore,
    grade: Grade,
    workload: &[GroupStats],
    evidence: &EvidenceFacts,
) -> Vec<Warning> {
    let ctx = Ctx {
        wb,
        metrics,
        scores,
        grade,
        workload,
        evidence,
    };
    let mut sink = Sink::default();
    for check in registry::WORKBOOK_CHECKS {
        check(&ctx, &mut sink);
    }
    sink.0
}

//! A formula as the engine computes it: named inputs with their roles, the
//! arithmetic, how the value is shown. A registry row (`MetricDef`) is one;
//! a metric taken against another basis and a ratio the table defines are
//! others, computed by the same code (`metrics::compute_spec`).

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::Serialize;

use super::metric_defs::{Display, Formula, Input, MetricDef, MetricId};
use super::metrics::{Metric, MetricClass, MetricStatus};
use crate::core::Bilingual;
use crate::core::model::FieldId;

/// What the engine needs to compute and explain one formula.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub inputs: Cow<'static, [Input]>,
    pub formula: Formula,
    pub display: Display,
    /// Written after each figure of the zh working.
    pub unit_zh: &'static str,
}

impl Spec {
    /// The spec of a registry row.
    #[must_use]
    pub fn of(def: &'static MetricDef) -> Self {
        Self {
            inputs: Cow::Borrowed(def.inputs),
            formula: def.formula,
            display: def.display,
            unit_zh: def.unit_zh,
        }
    }

    /// The input fields, in formula order.
    #[must_use]
    pub fn fields(&self) -> Vec<FieldId> {
        self.inputs.iter().map(|i| i.field).collect()
    }

    /// Whether the value is a percentage (not an amount).
    #[must_use]
    pub fn is_percent(&self) -> bool {
        self.display != Display::Amount
    }
}

/// A computed formula: the value, what is shown, and how it was reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measured {
    /// The signed, unrounded value (percent for rates, 万元 for amounts).
    pub value: Option<Decimal>,
    /// What the report shows: rounded half-up to 2 places, absolute where the display says so.
    pub display: Option<Decimal>,
    pub status: MetricStatus,
    /// The inputs with their values, in formula order.
    pub inputs: Vec<(FieldId, Option<Decimal>)>,
    /// The arithmetic with the actual numbers, as the seed writes it.
    pub expression: Option<Bilingual>,
    /// For an amount change (F4): how the amount moved.
    pub class: Option<MetricClass>,
}

impl Measured {
    /// No value, and why.
    #[must_use]
    pub fn none(status: MetricStatus, inputs: Vec<(FieldId, Option<Decimal>)>) -> Self {
        Self {
            value: None,
            display: None,
            status,
            inputs,
            expression: None,
            class: None,
        }
    }

    #[must_use]
    pub fn into_metric(self, id: MetricId) -> Metric {
        Metric { id, measured: self }
    }
}

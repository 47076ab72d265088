//! A leaf's own measure: its metric taken against the basis the rule names
//! (`rule.basis`), or the ratio the table defines (`rule.formula`). Computed
//! by the same code as the registry's metrics, so the working, the n/a on a
//! zero denominator and the one rounding are the same.

use std::borrow::Cow;

use serde::Serialize;

use super::basis;
use super::metric_defs::{Display, Formula, Input, MetricId, Role, SideGiven, Written};
use super::metrics::compute_spec;
use super::spec::{Measured, Spec};
use crate::core::Bilingual;
use crate::core::model::{Basis, FieldId, FieldKind, Rule, TableFormula, Workbook};

/// What a leaf measures when it is not a registry metric as is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeafMeasure {
    /// The registry metric it varies (none for a table-defined ratio).
    pub metric: Option<MetricId>,
    pub basis: Option<Basis>,
    /// What it is called.
    pub label: Bilingual,
    /// The formula in words.
    pub formula: Bilingual,
    #[serde(flatten)]
    pub measured: Measured,
    /// How it was computed (for what-if and the xlsx formula).
    #[serde(skip)]
    pub spec: Spec,
}

/// A leaf's own formula: its spec, name and words. `None` when the rule
/// reads a registry metric as its row says.
#[must_use]
pub fn leaf_spec(rule: &Rule, name: &str) -> Option<(Spec, Bilingual, Bilingual)> {
    if let Some(formula) = &rule.formula {
        let spec = table_spec(formula);
        let label = Bilingual::new(name, name);
        return Some((spec, label, formula_words(formula)));
    }
    let metric = rule.metric?;
    let option = basis::option(metric, rule.basis?)?;
    let def = metric.def();
    let spec = Spec {
        inputs: Cow::Borrowed(option.inputs),
        ..Spec::of(def)
    };
    let label = Bilingual::new(
        format!("{}（以{}为准）", def.label_zh, option.basis.label_zh()),
        format!("{} (on {})", def.label_en, option.basis.label_en()),
    );
    Some((
        spec,
        label,
        Bilingual::new(option.words_zh, option.words_en),
    ))
}

/// The leaf's own measure computed over the workbook, if it has one.
#[must_use]
pub fn measure_leaf(wb: &Workbook, rule: &Rule, name: &str) -> Option<LeafMeasure> {
    let (spec, label, formula) = leaf_spec(rule, name)?;
    let measured = compute_spec(wb, &spec);
    Some(LeafMeasure {
        metric: if rule.formula.is_some() {
            None
        } else {
            rule.metric
        },
        basis: rule.basis.filter(|_| rule.formula.is_none()),
        label,
        formula,
        measured,
        spec,
    })
}

/// The spec of a table-defined ratio: every named field is required.
#[must_use]
pub fn table_spec(formula: &TableFormula) -> Spec {
    let none: &[FieldId] = &[];
    let (sides, arithmetic) = match formula {
        TableFormula::Ratio {
            numerator,
            denominator,
            numerator_minus,
            denominator_minus,
            ..
        } => (
            [
                (numerator.as_slice(), Role::Numerator, false),
                (numerator_minus.as_slice(), Role::Numerator, true),
                (denominator.as_slice(), Role::Denominator, false),
                (denominator_minus.as_slice(), Role::Denominator, true),
            ],
            Formula::Ratio {
                given: SideGiven::AllRequired,
                written: Written::Parts,
            },
        ),
        TableFormula::Change { current, base, .. } => (
            [
                (current.as_slice(), Role::Current, false),
                (none, Role::Current, true),
                (base.as_slice(), Role::Base, false),
                (none, Role::Base, true),
            ],
            Formula::Change,
        ),
    };
    let inputs: Vec<Input> = sides
        .iter()
        .flat_map(|&(fields, role, minus)| {
            fields.iter().map(move |&field| Input {
                minus,
                ..Input::required(field, role)
            })
        })
        .collect();
    let all = formula.fields();
    let unit_zh = if !all.is_empty() && all.iter().all(|f| f.kind() == FieldKind::Count) {
        "人"
    } else if all
        .iter()
        .all(|f| matches!(f.kind(), FieldKind::Money | FieldKind::SignedMoney))
    {
        "万元"
    } else {
        ""
    };
    Spec {
        inputs: Cow::Owned(inputs),
        formula: arithmetic,
        display: if formula.absolute() {
            Display::AbsolutePercent
        } else {
            Display::Percent
        },
        unit_zh,
    }
}

/// The labels of a side, bracketed when several are added or subtracted.
fn side_words(fields: &[FieldId], minus: &[FieldId], label: fn(FieldId) -> &'static str) -> String {
    let mut names: Vec<&str> = fields.iter().map(|f| label(*f)).collect();
    if names.len() == 1 && minus.is_empty() {
        return names.remove(0).to_owned();
    }
    let mut out = format!("({}", names.join("+"));
    for f in minus {
        out.push('-');
        out.push_str(label(*f));
    }
    out.push(')');
    out
}

/// A table-defined ratio in words, as a bureau writes it.
#[must_use]
pub fn formula_words(formula: &TableFormula) -> Bilingual {
    let write = |label: fn(FieldId) -> &'static str, times: &str| {
        let body = match formula {
            TableFormula::Ratio {
                numerator,
                denominator,
                numerator_minus,
                denominator_minus,
                ..
            } => format!(
                "{}/{}",
                side_words(numerator, numerator_minus, label),
                side_words(denominator, denominator_minus, label)
            ),
            TableFormula::Change { current, base, .. } => {
                let b = side_words(base, &[], label);
                format!("({}-{b})/{b}", side_words(current, &[], label))
            }
        };
        if formula.absolute() {
            format!("|{body}|{times}")
        } else {
            format!("{body}{times}")
        }
    };
    Bilingual::new(
        write(FieldId::label_zh, "×100%"),
        write(FieldId::label_en, " × 100%"),
    )
}

/// Why a table-defined ratio cannot be computed as written (a side names no field).
#[must_use]
pub fn formula_problem(formula: &TableFormula) -> Option<Bilingual> {
    let (a, b) = match formula {
        TableFormula::Ratio {
            numerator,
            denominator,
            ..
        } => (numerator, denominator),
        TableFormula::Change { current, base, .. } => (current, base),
    };
    (a.is_empty() || b.is_empty()).then(|| {
        Bilingual::new(
            "表内定义的公式缺少分子或分母字段",
            "the table's formula names no field on one side",
        )
    })
}

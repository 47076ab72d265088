//! The formulas F1–F14 of domain.md §3, computed from their registry rows
//! (`metric_defs::METRICS`): each metric with its value, display value,
//! inputs and the arithmetic written as the seed writes it.

use std::fmt::Write as _;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::arith;
pub use super::metric_defs::{
    Display, Formula, Input, METRICS, MetricDef, MetricId, Role, SideGiven, Written,
};
use super::rule_text::Text;
pub use super::spec::{Measured, Spec};
use crate::core::model::totals::{self, Source};
use crate::core::model::{FieldId, Workbook};
use crate::core::num::{fmt_percent, round2_fixed};
use crate::core::{Bilingual, Lang};

impl MetricId {
    /// The formula number of domain.md §3.
    #[must_use]
    pub fn formula_no(self) -> &'static str {
        self.def().no
    }

    #[must_use]
    pub fn key(self) -> &'static str {
        self.def().key
    }

    #[must_use]
    pub fn label_zh(self) -> &'static str {
        self.def().label_zh
    }

    #[must_use]
    pub fn label_en(self) -> &'static str {
        self.def().label_en
    }

    #[must_use]
    pub fn label(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.label_zh(),
            Lang::En => self.label_en(),
        }
    }

    /// The formula in words.
    #[must_use]
    pub fn formula(self) -> Bilingual {
        let def = self.def();
        Bilingual::new(def.words_zh, def.words_en)
    }

    /// Whether the displayed value is the absolute value (the seed's 差异率).
    #[must_use]
    pub fn shows_absolute(self) -> bool {
        self.def().display == Display::AbsolutePercent
    }

    /// Whether the metric is a percentage (all but F4, which is an amount change).
    #[must_use]
    pub fn is_percent(self) -> bool {
        self.def().display != Display::Amount
    }

    /// The input fields the formula reads, numerators first.
    #[must_use]
    pub fn inputs(self) -> Vec<FieldId> {
        self.def().inputs.iter().map(|i| i.field).collect()
    }
}

/// Why a metric has no value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum MetricStatus {
    Ok,
    /// Some inputs are not given.
    MissingInput {
        fields: Vec<FieldId>,
    },
    /// The denominator is zero: the rate is n/a.
    ZeroDenominator,
    /// The inputs are too large to compute with exactly.
    Overflow,
}

/// One derived figure with everything needed to explain it: a registry
/// metric and what measuring it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metric {
    pub id: MetricId,
    #[serde(flatten)]
    pub measured: Measured,
}

/// A metric reads as its measurement (`metric.display`, `metric.status`), so
/// the fields are declared once, in `Measured`.
impl std::ops::Deref for Metric {
    type Target = Measured;

    fn deref(&self) -> &Measured {
        &self.measured
    }
}

/// How an amount moved against last year (F4); categorical rules match on `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricClass {
    Zero,
    Decreased,
    Unchanged,
    Increased,
}

impl MetricClass {
    pub const ALL: [Self; 4] = [
        Self::Zero,
        Self::Decreased,
        Self::Unchanged,
        Self::Increased,
    ];

    /// The JSON spelling, which categorical rules name as their category key.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::Decreased => "decreased",
            Self::Unchanged => "unchanged",
            Self::Increased => "increased",
        }
    }

    #[must_use]
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl Metric {
    /// The value used for scoring and comparisons (the displayed one).
    #[must_use]
    pub fn scored_value(&self) -> Option<Decimal> {
        self.display
    }
}

/// A ratio `numerator / denominator × 100`, with the written arithmetic.
fn rate(
    spec: &Spec,
    inputs: Vec<(FieldId, Option<Decimal>)>,
    numerator: Option<Decimal>,
    denominator: Option<Decimal>,
    written: impl Fn(&[(FieldId, Option<Decimal>)], &str) -> (String, String),
) -> Measured {
    let missing: Vec<FieldId> = required_missing(spec, &inputs);
    let (Some(num), Some(den)) = (numerator, denominator) else {
        let status = if missing.is_empty() {
            MetricStatus::Overflow
        } else {
            MetricStatus::MissingInput { fields: missing }
        };
        return Measured::none(status, inputs);
    };
    if den.is_zero() {
        return Measured::none(MetricStatus::ZeroDenominator, inputs);
    }
    let Some(value) = arith::percent(num, den) else {
        return Measured::none(MetricStatus::Overflow, inputs);
    };
    let shown = if spec.display == Display::AbsolutePercent {
        value.abs()
    } else {
        value
    };
    let display = round2_fixed(shown);
    let (zh, en) = written(&inputs, &fmt_percent(display));
    Measured {
        value: Some(value),
        display: Some(display),
        status: MetricStatus::Ok,
        inputs,
        expression: Some(Bilingual::new(zh, en)),
        class: None,
    }
}

/// Computes every metric, in `MetricId::ALL` order.
#[must_use]
pub fn compute_metrics(wb: &Workbook) -> Vec<Metric> {
    METRICS.iter().map(|def| compute_def(wb, def)).collect()
}

#[cfg(test)]
fn compute(wb: &Workbook, id: MetricId) -> Metric {
    compute_def(wb, id.def())
}

fn compute_def(wb: &Workbook, def: &'static MetricDef) -> Metric {
    compute_spec(wb, &Spec::of(def)).into_metric(def.id)
}

/// Computes a formula over the workbook's fields: a registry row, one taken
/// against another basis, or a ratio the table defines.
#[must_use]
pub fn compute_spec(wb: &Workbook, spec: &Spec) -> Measured {
    let inputs: Vec<(FieldId, Option<Decimal>)> = spec
        .inputs
        .iter()
        .map(|i| (i.field, totals::value(i.field, wb)))
        .collect();
    let summed: Vec<(FieldId, Source)> = spec
        .inputs
        .iter()
        .filter_map(|i| match totals::resolve(i.field, wb) {
            Some((_, source)) if source != Source::Given => Some((i.field, source)),
            _ => None,
        })
        .collect();
    let mut measured = match spec.formula {
        Formula::Ratio { given, written } => ratio(spec, inputs, given, written),
        Formula::Change => change_rate(spec, inputs),
        Formula::AmountChange => amount_change(spec, inputs),
    };
    note_summed_totals(&mut measured, &summed);
    measured
}

/// Says in the written arithmetic which totals were not given but summed from their parts.
fn note_summed_totals(metric: &mut Measured, summed: &[(FieldId, Source)]) {
    let Some(expression) = metric.expression.as_mut() else {
        return;
    };
    for (field, source) in summed {
        let (zh, en) = match source {
            Source::TakenFrom(other) => (
                format!("取{}", other.label_zh()),
                format!("taken as {}", other.label_en()),
            ),
            Source::SumOfParts | Source::Given => {
                ("取分项之和".to_owned(), "the sum of its parts".to_owned())
            }
        };
        let _ = write!(expression.zh, "（{}未填，{zh}）", field.label_zh());
        let _ = write!(expression.en, " ({} not given: {en})", field.label_en());
    }
}

/// The values of one role's inputs, beside their registry rows.
fn parts<'a>(
    spec: &'a Spec,
    values: &'a [(FieldId, Option<Decimal>)],
    role: Role,
) -> impl Iterator<Item = (&'a Input, Option<Decimal>)> + 'a {
    spec.inputs
        .iter()
        .zip(values)
        .filter(move |(input, _)| input.role == role)
        .map(|(input, (_, value))| (input, *value))
}

/// One side of a ratio, summed exactly; `None` when it is not given (or overflows).
fn side(
    def: &Spec,
    values: &[(FieldId, Option<Decimal>)],
    role: Role,
    given: SideGiven,
) -> Option<Decimal> {
    // A subtracted input (a table's own formula) counts with its sign turned.
    let signed = |input: &Input, v: Decimal| if input.minus { -v } else { v };
    match given {
        SideGiven::AnyPart => {
            let present: Vec<Option<Decimal>> = parts(def, values, role)
                .map(|(input, v)| v.map(|v| signed(input, v)))
                .collect();
            arith::sum_present(&present)
        }
        SideGiven::AllRequired => {
            parts(def, values, role).try_fold(Decimal::ZERO, |acc, (input, v)| match v {
                Some(v) => acc.checked_add(signed(input, v)),
                None if input.optional => Some(acc),
                None => None,
            })
        }
    }
}

/// Appends a figure, with its unit in zh.
fn figure(text: Text, value: Decimal, unit: &str) -> Text {
    text.num(value).s(unit)
}

/// One side of a ratio as written: the total, or the parts (bracketed when several).
fn write_side(
    text: Text,
    def: &Spec,
    values: &[(FieldId, Option<Decimal>)],
    role: Role,
    total: Option<Decimal>,
    written: Written,
    unit: &str,
) -> Text {
    if written == Written::Totals {
        return figure(text, total.unwrap_or_default(), unit);
    }
    let figures: Vec<(bool, Decimal)> = parts(def, values, role)
        .map(|(input, v)| (input.minus, v.unwrap_or_default()))
        .collect();
    if let [(false, only)] = figures.as_slice() {
        return figure(text, *only, unit);
    }
    let mut text = text.s("(");
    for (i, &(minus, value)) in figures.iter().enumerate() {
        // A subtracted input, or a negative part after the first (a budget
        // cut), is written as a subtraction.
        let value = if minus {
            text = text.s("-");
            value
        } else if i > 0 && value.is_sign_negative() {
            text = text.s("-");
            value.abs()
        } else {
            if i > 0 {
                text = text.s("+");
            }
            value
        };
        text = figure(text, value, unit);
    }
    text.s(")")
}

fn ratio(
    def: &Spec,
    inputs: Vec<(FieldId, Option<Decimal>)>,
    given: SideGiven,
    written: Written,
) -> Measured {
    let num = side(def, &inputs, Role::Numerator, given);
    let den = side(def, &inputs, Role::Denominator, given);
    let write = |inputs: &[(FieldId, Option<Decimal>)], lang: Lang, result: &str| {
        let unit = unit_in(def, lang);
        let text = write_side(
            Text::new(),
            def,
            inputs,
            Role::Numerator,
            num,
            written,
            unit,
        )
        .s("/");
        write_side(text, def, inputs, Role::Denominator, den, written, unit)
            .s("*100%=")
            .s(result)
            .done()
    };
    let written_both = |inputs: &[(FieldId, Option<Decimal>)], result: &str| {
        (
            write(inputs, Lang::Zh, result),
            write(inputs, Lang::En, result),
        )
    };
    rate(def, inputs, num, den, written_both)
}

fn unit_in(def: &Spec, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => def.unit_zh,
        Lang::En => "",
    }
}

/// The current and base figures of a change (each the sum of its parts).
fn change_pair(
    def: &Spec,
    values: &[(FieldId, Option<Decimal>)],
) -> (Option<Decimal>, Option<Decimal>) {
    let given = SideGiven::AllRequired;
    (
        side(def, values, Role::Current, given),
        side(def, values, Role::Base, given),
    )
}

fn change_rate(def: &Spec, inputs: Vec<(FieldId, Option<Decimal>)>) -> Measured {
    let (curr, base) = change_pair(def, &inputs);
    let num = curr.zip(base).and_then(|(c, b)| c.checked_sub(b));
    let write = |inputs: &[(FieldId, Option<Decimal>)], lang: Lang, result: &str| {
        let unit = unit_in(def, lang);
        let side =
            |text, role, total| write_side(text, def, inputs, role, total, Written::Parts, unit);
        let text = side(Text::new().s("("), Role::Current, curr).s("-");
        let text = side(side(text, Role::Base, base).s(")/"), Role::Base, base);
        text.s("*100%=").s(result).done()
    };
    let written_both = |inputs: &[(FieldId, Option<Decimal>)], result: &str| {
        (
            write(inputs, Lang::Zh, result),
            write(inputs, Lang::En, result),
        )
    };
    rate(def, inputs, num, base, written_both)
}

/// How the stock moved, in words.
fn classify(
    curr: Decimal,
    prev: Decimal,
    change: Decimal,
) -> (MetricClass, &'static str, &'static str) {
    if curr.is_zero() && prev.is_zero() {
        (
            MetricClass::Zero,
            "上年为0，本年继续为0",
            "zero last year, still zero",
        )
    } else if curr.is_zero() {
        (MetricClass::Zero, "本年为0", "zero this year")
    } else if change.is_sign_negative() {
        (MetricClass::Decreased, "较上年下降", "fell")
    } else if change.is_zero() {
        (MetricClass::Unchanged, "与上年持平", "unchanged")
    } else {
        (MetricClass::Increased, "较上年上升", "rose")
    }
}

fn amount_change(def: &Spec, inputs: Vec<(FieldId, Option<Decimal>)>) -> Measured {
    let unavailable = |inputs, status| Measured::none(status, inputs);
    let (Some(curr), Some(prev)) = change_pair(def, &inputs) else {
        let missing = required_missing(def, &inputs);
        return unavailable(inputs, MetricStatus::MissingInput { fields: missing });
    };
    let Some(change) = curr.checked_sub(prev) else {
        return unavailable(inputs, MetricStatus::Overflow);
    };
    let (class, zh, en) = classify(curr, prev, change);
    let write = |lang: Lang, words: &str| {
        let unit = unit_in(def, lang);
        let text = figure(Text::new(), curr, unit).s("-");
        let text = figure(figure(text, prev, unit).s("="), change, unit);
        match lang {
            Lang::Zh => text.s("（").s(words).s("）").done(),
            Lang::En => text.s(" (").s(words).s(")").done(),
        }
    };
    Measured {
        value: Some(change),
        display: Some(round2_fixed(change)),
        status: MetricStatus::Ok,
        inputs,
        expression: Some(Bilingual::new(write(Lang::Zh, zh), write(Lang::En, en))),
        class: Some(class),
    }
}

/// Inputs that are required but absent (optional ones count as 0).
fn required_missing(def: &Spec, inputs: &[(FieldId, Option<Decimal>)]) -> Vec<FieldId> {
    def.inputs
        .iter()
        .zip(inputs)
        .filter(|(input, (_, value))| value.is_none() && !input.optional)
        .map(|(input, _)| input.field)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    fn metric(wb: &Workbook, id: MetricId) -> Metric {
        compute(wb, id)
    }

    #[test]
    fn f1_reproduces_seed_with_sign_kept() {
        let wb = sample_workbook();
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, Some(dec!(19.58)));
        assert!(m.value.expect("value") < dec!(-19.57));
        assert_eq!(
            m.measured.expression.expect("expr").zh,
            "(588.55万元-731.80万元)/731.80万元*100%=19.58%"
        );
    }

    #[test]
    fn f2_and_f3_reproduce_seed() {
        let wb = sample_workbook();
        assert_eq!(
            metric(&wb, MetricId::ExpenditureCompletionRate).display,
            Some(dec!(100.00))
        );
        let f3 = metric(&wb, MetricId::CarryoverRate);
        assert_eq!(f3.display, Some(dec!(1.13)));
        assert_eq!(
            f3.measured.expression.expect("expr").zh,
            "5.86万元/(5.86万元+512.01万元+0.00万元)*100%=1.13%"
        );
    }

    #[test]
    fn f4_classes_the_stock() {
        let mut wb = sample_workbook();
        let class = |wb: &Workbook| {
            metric(wb, MetricId::TreasuryCarryoverStockEfficiency)
                .class
                .map(MetricClass::key)
        };
        assert_eq!(class(&wb), Some("zero"));
        FieldId::TreasuryCarryoverStockPrev.set(&mut wb, Some(dec!(10)));
        for (current, expected) in [
            (dec!(4), "decreased"),
            (dec!(12), "increased"),
            (dec!(10), "unchanged"),
        ] {
            FieldId::TreasuryCarryoverStockCurr.set(&mut wb, Some(current));
            assert_eq!(class(&wb), Some(expected), "10 → {current}");
        }
        FieldId::TreasuryCarryoverStockCurr.set(&mut wb, None);
        assert!(matches!(
            metric(&wb, MetricId::TreasuryCarryoverStockEfficiency).status,
            MetricStatus::MissingInput { .. }
        ));
    }

    #[test]
    fn f5_f6_missing_in_seed_then_computed() {
        let mut wb = sample_workbook();
        let m = metric(&wb, MetricId::ProcurementExecutionRate);
        assert_eq!(m.display, None);
        assert_eq!(
            m.status,
            MetricStatus::MissingInput {
                fields: vec![FieldId::ProcurementActual, FieldId::ProcurementBudget]
            }
        );
        FieldId::ProcurementBudget.set(&mut wb, Some(dec!(40)));
        FieldId::ProcurementActual.set(&mut wb, Some(dec!(38.5)));
        assert_eq!(
            metric(&wb, MetricId::ProcurementExecutionRate).display,
            Some(dec!(96.25))
        );
        FieldId::FixedAssetsTotal.set(&mut wb, Some(dec!(300)));
        FieldId::FixedAssetsInUse.set(&mut wb, Some(dec!(299)));
        assert_eq!(
            metric(&wb, MetricId::FixedAssetUtilizationRate).display,
            Some(dec!(99.67))
        );
    }

    #[test]
    fn f7_staffing_from_seed() {
        let wb = sample_workbook();
        let m = metric(&wb, MetricId::StaffingControlRate);
        assert_eq!(m.display, Some(dec!(84.62)));
    }

    #[test]
    fn national_rates_with_worked_numbers() {
        use FieldId as F;
        use MetricId as M;
        /// The inputs a rate adds, with their values.
        type Inputs<'a> = &'a [(F, Decimal)];
        let mut wb = sample_workbook();
        // Each rate with the inputs it adds; the control rate reuses the
        // change rate's final (9 of 12).
        #[rustfmt::skip]
        let rates: [(M, Inputs<'_>, Decimal); 7] = [
            (M::ThreePublicChangeRate, &[(F::ThreePublicPrevFinal, dec!(10)), (F::ThreePublicFinal, dec!(9))], dec!(-10.00)),
            (M::ThreePublicControlRate, &[(F::ThreePublicBudget, dec!(12))], dec!(75.00)),
            (M::OperatingCostControlRate, &[(F::OperatingCostBudget, dec!(18.76)), (F::OperatingCostActual, dec!(18.00))], dec!(95.95)),
            (M::BudgetAdjustmentRate, &[(F::InitialBudget, dec!(500)), (F::BudgetAdjustment, dec!(-25))], dec!(-5.00)),
            (M::PaymentProgressRate, &[(F::PaymentProgressActual, dec!(92)), (F::PaymentProgressPlanned, dec!(100))], dec!(92.00)),
            (M::CarryoverChangeRate, &[(F::CarryoverPrev, dec!(8)), (F::CarryoverCurr, dec!(5.86))], dec!(-26.75)),
            (M::KeyExpenditureRate, &[(F::KeyProjectExpenditure, dec!(40)), (F::ProjectExpenditureTotal, dec!(53.83))], dec!(74.31)),
        ];
        for (id, inputs, expected) in rates {
            for &(field, value) in inputs {
                assert!(field.set(&mut wb, Some(value)), "{field:?}");
            }
            assert_eq!(metric(&wb, id).display, Some(expected), "{id:?}");
        }
        // Each still holds once every input is in.
        for (id, _, expected) in rates {
            assert_eq!(metric(&wb, id).display, Some(expected), "{id:?} at the end");
        }
    }

    #[test]
    fn zero_denominator_is_na_not_panic() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(dec!(0)));
        FieldId::IssuedBudget.set(&mut wb, Some(dec!(0.00)));
        for id in [
            MetricId::AppropriationIncomeVarianceRate,
            MetricId::ExpenditureCompletionRate,
        ] {
            let m = metric(&wb, id);
            assert_eq!(m.status, MetricStatus::ZeroDenominator);
            assert_eq!(m.display, None);
        }
        FieldId::OpeningAppropriationCarryover.set(&mut wb, Some(dec!(0)));
        FieldId::GeneralBudgetAppropriationFinal.set(&mut wb, Some(dec!(0)));
        assert_eq!(
            metric(&wb, MetricId::CarryoverRate).status,
            MetricStatus::ZeroDenominator
        );
    }

    #[test]
    fn negative_inputs_keep_sign() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeFinal.set(&mut wb, Some(dec!(-10)));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert!(m.value.expect("v").is_sign_negative());
        assert!(m.display.expect("d").is_sign_positive());
    }

    #[test]
    fn huge_values_do_not_overflow_into_panic() {
        let mut wb = sample_workbook();
        FieldId::AppropriationIncomeFinal.set(&mut wb, Some(Decimal::MAX));
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(dec!(0.01)));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, None);
        assert_eq!(m.status, MetricStatus::Overflow);
        FieldId::AppropriationIncomeBudget.set(&mut wb, Some(Decimal::MIN));
        let m = metric(&wb, MetricId::AppropriationIncomeVarianceRate);
        assert_eq!(m.display, None);
    }
}

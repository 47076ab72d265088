//! Checks on a leaf's own measure (issue 12): a basis the metric does not
//! have, a table formula missing a side, and a measure that could not be
//! computed (the leaf checks on the registry metric leave these to us).

use super::{Concern, Ctx, Leaf, Warning, WarningCode, about, fields, warn};
use crate::core::engine::basis;
use crate::core::engine::measure::formula_problem;
use rust_decimal::Decimal;

use crate::core::engine::metrics::{Formula, MetricStatus, Role};
use crate::core::engine::scoring::ScoreBasis;

fn concern(leaf: &Leaf<'_>) -> Concern {
    Concern::Indicator {
        code: leaf.ind.code.clone(),
    }
}

/// The rule names a basis its metric cannot be taken on: the metric is read as is.
pub fn basis_not_available(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let rule = leaf.ind.rule.as_ref()?;
    let (metric, wanted) = (rule.metric?, rule.basis?);
    if rule.formula.is_some() || basis::allows(metric, wanted) {
        return None;
    }
    let (zh, en) = about(
        leaf.ind,
        &format!(
            "评分规则写明以{}为准，但{}没有此口径，按其原定义计算",
            wanted.label_zh(),
            metric.label_zh()
        ),
        &format!(
            "the rule asks for {}, which {} cannot be taken on; computed as defined",
            wanted.label_en(),
            metric.label_en()
        ),
    );
    Some(warn(
        WarningCode::BasisNotAvailable,
        zh,
        en,
        vec![Concern::Metric { metric }, concern(leaf)],
    ))
}

/// A table-defined formula names no field on one side: nothing is computed.
pub fn table_formula_incomplete(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let formula = leaf.ind.rule.as_ref()?.formula.as_ref()?;
    let why = formula_problem(formula)?;
    let (zh, en) = about(
        leaf.ind,
        &format!("{}，未能计算", why.zh),
        &format!("{}; not computed", why.en),
    );
    Some(warn(
        WarningCode::TableFormulaIncomplete,
        zh,
        en,
        vec![concern(leaf)],
    ))
}

/// The leaf's own measure failed (missing input, zero denominator, too large),
/// with the same codes as a registry metric's failure.
pub fn measure_unavailable(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let result = leaf.result;
    let own = result.measure.as_deref()?;
    let computed = result.value_source.is_none() && result.basis != ScoreBasis::NotApplicable;
    if !computed {
        return None;
    }
    let (ind, label) = (leaf.ind, &own.label);
    let (code, (zh, en), concerned) = match &own.measured.status {
        MetricStatus::Ok => return None,
        MetricStatus::MissingInput { fields: missing } if missing.is_empty() => return None,
        MetricStatus::MissingInput { fields: missing } => {
            let zh: Vec<_> = missing.iter().map(|f| f.label_zh()).collect();
            let en: Vec<_> = missing.iter().map(|f| f.label_en()).collect();
            (
                WarningCode::MissingInput,
                about(
                    ind,
                    &format!("{}缺少 {}", label.zh, zh.join("、")),
                    &format!("{} lacks {}", label.en, en.join(", ")),
                ),
                missing.clone(),
            )
        }
        MetricStatus::ZeroDenominator => (
            WarningCode::ZeroDenominator,
            about(
                ind,
                &format!("{}的分母为 0，无法计算（n/a）", label.zh),
                &format!("{} has a zero denominator (n/a)", label.en),
            ),
            own.spec.fields(),
        ),
        MetricStatus::Overflow => (
            WarningCode::ValueTooLarge,
            about(
                ind,
                &format!("{}的输入数值过大，无法精确计算（n/a）", label.zh),
                &format!(
                    "the inputs of {} are too large to compute exactly (n/a)",
                    label.en
                ),
            ),
            own.spec.fields(),
        ),
    };
    let mut concerns = fields(&concerned);
    concerns.push(concern(leaf));
    Some(warn(code, zh, en, concerns))
}

/// A leaf's own change rate is taken on a negative base: the sign flips.
pub fn own_change_on_negative_base(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let own = leaf.result.measure.as_deref()?;
    if own.spec.formula != Formula::Change {
        return None;
    }
    let base: Vec<_> = own
        .spec
        .inputs
        .iter()
        .zip(&own.measured.inputs)
        .filter(|(input, _)| input.role == Role::Base)
        .map(|(input, (_, value))| (input.field, *value))
        .collect();
    let sum = base.iter().try_fold(Decimal::ZERO, |acc, (_, v)| {
        acc.checked_add(v.unwrap_or_default())
    })?;
    if !sum.is_sign_negative() || sum.is_zero() {
        return None;
    }
    let mut concerns = fields(&base.iter().map(|(f, _)| *f).collect::<Vec<_>>());
    concerns.push(concern(leaf));
    let (label, sum) = (&own.label, sum.normalize());
    let (zh, en) = about(
        leaf.ind,
        &format!(
            "{}的基数为负数（{sum}）：变动率的正负号颠倒，上升会显示为下降",
            label.zh
        ),
        &format!(
            "{} is measured on a negative base ({sum}): the sign flips and a rise reads as a fall",
            label.en
        ),
    );
    Some(warn(WarningCode::ChangeOnNegativeBase, zh, en, concerns))
}

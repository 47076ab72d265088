//! Rates whose value reads wrong without a warning: a change measured on a
//! negative base, a printed rate the inputs cannot give, a parent above its weight.

use super::{Concern, Ctx, Sink, WarningCode, fields};
use crate::core::engine::metrics::{Formula, METRICS, MetricStatus, Role};
use crate::core::engine::scoring::ScoreBasis;
use crate::core::model::totals;
use crate::core::num::{Plain, fmt_percent};

/// (current − base) / base with base < 0 flips the sign: a rise reads as a fall.
pub fn change_on_negative_base(ctx: &Ctx<'_>, out: &mut Sink) {
    for def in METRICS.iter().filter(|d| d.formula == Formula::Change) {
        let Some(base) = def.inputs.iter().find(|i| i.role == Role::Base) else {
            continue;
        };
        let Some(value) =
            totals::value(base.field, ctx.wb).filter(rust_decimal::Decimal::is_sign_negative)
        else {
            continue;
        };
        let value = Plain(value);
        out.push(
            WarningCode::ChangeOnNegativeBase,
            format!(
                "{}的基数{}为负数（{value}）：变动率的正负号颠倒，上升会显示为下降",
                def.label_zh,
                base.field.label_zh()
            ),
            format!(
                "{} is measured on a negative base, {} = {value}: the sign flips and a rise reads as a fall",
                def.label_en,
                base.field.label_en()
            ),
            vec![Concern::Metric { metric: def.id }, Concern::Field { field: base.field }],
        );
    }
}

/// The report prints a rate the engine cannot compute (zero denominator or overflow).
pub fn reported_not_computable(ctx: &Ctx<'_>, out: &mut Sink) {
    for (&id, printed) in &ctx.wb.reported.rates {
        let Some(metric) = ctx.metric(id) else {
            continue;
        };
        let why = match metric.status {
            MetricStatus::ZeroDenominator => ("分母为 0", "its denominator is zero"),
            MetricStatus::Overflow => ("输入数值过大", "its inputs are too large"),
            MetricStatus::Ok | MetricStatus::MissingInput { .. } => continue,
        };
        let printed = fmt_percent(*printed);
        let mut concerns = vec![Concern::Metric { metric: id }, Concern::Reported];
        concerns.extend(fields(&id.inputs()));
        out.push(
            WarningCode::ReportedNotComputable,
            format!(
                "报告列示{} {printed}，但该比率无法计算（{}，n/a）",
                id.label_zh(),
                why.0
            ),
            format!(
                "The report prints {} as {printed}, but the rate cannot be computed ({}; n/a)",
                id.label_en(),
                why.1
            ),
            concerns,
        );
    }
}

/// A parent whose children score more than its weight is capped at its weight.
pub fn parent_above_weight(ctx: &Ctx<'_>, out: &mut Sink) {
    let flat = ctx.wb.table.flatten();
    for (i, result) in ctx.scores.indicators.iter().enumerate() {
        if result.basis != ScoreBasis::Subtotal || !result.capped {
            continue;
        }
        let Some((_, node)) = flat.get(i) else {
            continue;
        };
        let children: Vec<&str> = node.children.iter().map(|c| c.code.as_str()).collect();
        let (children, weight) = (children.join("、"), Plain(result.weight));
        let sum = Plain(result.children_sum);
        out.push(
            WarningCode::ParentAboveWeight,
            format!(
                "{} 的下级指标（{children}）得分之和 {sum} 超过其分值 {weight}，按 {weight} 计",
                result.code
            ),
            format!(
                "The sub-indicators of {} ({children}) score {sum}, above its weight {weight}; counted as {weight}",
                result.code
            ),
            vec![Concern::Indicator {
                code: result.code.clone(),
            }],
        );
    }
}

//! `threshold`: full marks on the good side of T; `deduct_per_point` per
//! percentage point beyond it; floor 0.

use rust_decimal::Decimal;

use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;

pub const KEY: &str = "threshold";

pub fn describe(
    threshold: Decimal,
    per_point: Decimal,
    above_is_bad: bool,
    weight: Decimal,
) -> Bilingual {
    let (side, zh_dir, en_dir) = if above_is_bad {
        ("≤", "超过", "above")
    } else {
        ("≥", "低于", "below")
    };
    Bilingual::new(
        Text::new()
            .s(side)
            .pct(threshold)
            .s("得满分")
            .score(weight)
            .s("分，每")
            .s(zh_dir)
            .s("1个百分点扣")
            .score(per_point)
            .s("分，扣完为止")
            .done(),
        Text::new()
            .s(side)
            .s(" ")
            .pct(threshold)
            .s(": full ")
            .score(weight)
            .s("; −")
            .score(per_point)
            .s(" per point ")
            .s(en_dir)
            .s("; floor 0")
            .done(),
    )
}

pub fn score<'a>(
    threshold: Decimal,
    per_point: Decimal,
    above_is_bad: bool,
    input: &RuleInput<'a>,
) -> RuleOutcome<'a> {
    let (value, weight) = (input.value, input.weight);
    let excess = if above_is_bad {
        value.saturating_sub(threshold)
    } else {
        threshold.saturating_sub(value)
    };
    if excess <= Decimal::ZERO {
        let side = if above_is_bad { "≤" } else { "≥" };
        let working = Working::new()
            .rate(value)
            .op(side)
            .rate(threshold)
            .words("，得满分 ", ": full marks ")
            .result(weight);
        return RuleOutcome::Worked {
            score: weight,
            working,
        };
    }
    let deduction = excess.saturating_mul(per_point);
    let score = weight
        .saturating_sub(deduction)
        .max(Decimal::ZERO)
        .min(weight);
    let working = Working::new()
        .words("超出 ", "")
        .exact(excess)
        .words(" 个百分点", " points beyond")
        .op("×")
        .exact(per_point)
        .op("=")
        .exact(deduction)
        .step_break()
        .exact(weight)
        .op("-")
        .exact(deduction)
        .op("=")
        .result(score)
        .words("（扣完为止）", " (floor 0)");
    RuleOutcome::Worked { score, working }
}

pub fn excel(
    threshold: Decimal,
    per_point: Decimal,
    above_is_bad: bool,
    r: &str,
    w: Decimal,
) -> String {
    let excess = if above_is_bad {
        format!("{r}-{threshold}")
    } else {
        format!("{threshold}-{r}")
    };
    format!("{w}-MAX(0,{excess})*{per_point}")
}

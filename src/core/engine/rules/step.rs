//! `step`: full marks at ≥ F; `deduct` per `step` points short (complete
//! steps, or a started step counts); floor 0.

use rust_decimal::Decimal;

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::RuleKind;

pub const KEY: &str = "step";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::number("full_at", ("满分线（%）", "full marks at (%)"), ("如 100", "e.g. 100")),
    Param::number("step", ("每档（百分点）", "step (points)"), ("如 1", "e.g. 1")),
    Param::number("deduct", ("每档扣分", "points off per step"), ("如 0.5", "e.g. 0.5")),
    Param::flag("started_step_counts", ("不足一档按一档计", "a started step counts"), ("", "")),
];

pub fn values(p: &Params) -> Vec<String> {
    vec![
        p.full_at.to_string(),
        p.step.to_string(),
        p.deduct.to_string(),
        params::flag_text(p.started_step_counts),
    ]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    Ok(RuleKind::Step {
        full_at: params::number(PARAMS, values, 0)?,
        step: params::number(PARAMS, values, 1)?,
        deduct: params::number(PARAMS, values, 2)?,
        started_step_counts: params::flag(values, 3),
    })
}

pub struct Params {
    pub full_at: Decimal,
    pub step: Decimal,
    pub deduct: Decimal,
    pub started_step_counts: bool,
}

pub fn describe(p: &Params, weight: Decimal) -> Bilingual {
    let (zh_tail, en_tail) = if p.started_step_counts {
        ("（不足一档按一档计）", " (a started step counts)")
    } else {
        ("（不足一档不扣）", " (complete steps only)")
    };
    Bilingual::new(
        Text::new()
            .s("达到")
            .pct(p.full_at)
            .s("得满分")
            .score(weight)
            .s("分，每低")
            .score(p.step)
            .s("个百分点扣")
            .score(p.deduct)
            .s("分")
            .s(zh_tail)
            .s("，扣完为止")
            .done(),
        Text::new()
            .pct(p.full_at)
            .s(": full ")
            .score(weight)
            .s("; −")
            .score(p.deduct)
            .s(" per ")
            .score(p.step)
            .s(" points short")
            .s(en_tail)
            .s("; floor 0")
            .done(),
    )
}

pub fn score<'a>(p: &Params, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    let (value, weight) = (input.value, input.weight);
    let short = p.full_at.saturating_sub(value);
    if short <= Decimal::ZERO || p.step <= Decimal::ZERO {
        let working = Working::new()
            .rate(value)
            .op("≥")
            .rate(p.full_at)
            .words("，得满分 ", ": full marks ")
            .result(weight);
        return RuleOutcome::Worked {
            score: weight,
            working,
        };
    }
    // Both are positive here; a quotient too large to hold saturates.
    let steps_exact = short.checked_div(p.step).unwrap_or(Decimal::MAX);
    let steps = if p.started_step_counts {
        steps_exact.ceil()
    } else {
        steps_exact.floor()
    };
    let deduction = steps.saturating_mul(p.deduct);
    let score = weight
        .saturating_sub(deduction)
        .max(Decimal::ZERO)
        .min(weight);
    let working = Working::new()
        .words("差 ", "")
        .exact(short)
        .words(" 个百分点，计 ", " points short, ")
        .exact(steps)
        .words(" 档", " steps")
        .op("×")
        .exact(p.deduct)
        .op("=")
        .exact(deduction)
        .step_break()
        .exact(weight)
        .op("-")
        .exact(deduction)
        .op("=")
        .result(score);
    RuleOutcome::Worked { score, working }
}

pub fn excel(p: &Params, r: &str, w: Decimal) -> Option<String> {
    if p.step.is_zero() {
        return None;
    }
    let round = if p.started_step_counts {
        "ROUNDUP"
    } else {
        "ROUNDDOWN"
    };
    let (full_at, step, deduct) = (p.full_at, p.step, p.deduct);
    Some(format!(
        "IF({full_at}-{r}<=0,{w},{w}-{round}(ROUND(({full_at}-{r})/{step},9),0)*{deduct})"
    ))
}

//! `threshold`: full marks on the good side of T; `deduct_per_point` per
//! percentage point beyond it; floor 0. Optional limits: a deduction cap
//! (最多扣N分), a rate beyond which nothing is scored (N%以上不得分), and a
//! symmetric band (±N%: the rate's distance from 0).

use rust_decimal::Decimal;

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::{Limits, RuleKind};

pub const KEY: &str = "threshold";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::number("threshold", ("阈值（%）", "threshold (%)"), ("如 5", "e.g. 5")),
    Param::number("deduct_per_point", ("每个百分点扣分", "points off per point"), ("如 0.5", "e.g. 0.5")),
    Param::flag("above_is_bad", ("超过阈值扣分", "above the threshold loses"), ("是：差异率；否：完成率", "yes: a difference; no: a completion rate")),
];

pub fn values(threshold: Decimal, per_point: Decimal, above_is_bad: bool) -> Vec<String> {
    vec![
        threshold.to_string(),
        per_point.to_string(),
        params::flag_text(above_is_bad),
    ]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    Ok(RuleKind::Threshold {
        threshold: params::number(PARAMS, values, 0)?,
        deduct_per_point: params::number(PARAMS, values, 1)?,
        above_is_bad: params::flag(values, 2),
        limits: Limits::default(),
    })
}

/// The wordings this kind is read from (interchange/rules.rs reads them).
pub const PHRASINGS: &[&str] = &[
    "≤5%得满分，每超过1个百分点扣0.5分，扣完为止",
    "控制在5%以内得满分，每超出2个百分点扣1分，最多扣3分",
    "≤5%得满分，每超过1个百分点扣1分，20%以上不得分",
    "差异率在±5%以内得满分，每超过1个百分点扣1分",
];

pub struct Params {
    pub threshold: Decimal,
    pub per_point: Decimal,
    pub above_is_bad: bool,
    pub limits: Limits,
}

pub fn describe(p: &Params, weight: Decimal) -> Bilingual {
    let (side, zh_dir, en_dir) = if p.above_is_bad {
        ("≤", "超过", "above")
    } else {
        ("≥", "低于", "below")
    };
    let (zh_sym, en_sym) = if p.limits.symmetric {
        ("±", "±")
    } else {
        (side, side)
    };
    let mut zh = Text::new()
        .s(zh_sym)
        .pct(p.threshold)
        .s("得满分")
        .score(weight)
        .s("分，每")
        .s(zh_dir)
        .s("1个百分点扣")
        .score(p.per_point)
        .s("分");
    let mut en = Text::new()
        .s(en_sym)
        .s(" ")
        .pct(p.threshold)
        .s(": full ")
        .score(weight)
        .s("; −")
        .score(p.per_point)
        .s(" per point ")
        .s(en_dir);
    if let Some(cap) = p.limits.max_deduct {
        zh = zh.s("，最多扣").score(cap).s("分");
        en = en.s(", at most −").score(cap);
    }
    if let Some(zero) = p.limits.zero_beyond {
        let (zh_tail, en_tail) = if p.above_is_bad {
            ("以上不得分", "above: 0")
        } else {
            ("以下不得分", "below: 0")
        };
        zh = zh.s("，").pct(zero).s(zh_tail);
        en = en.s("; ").pct(zero).s(" and ").s(en_tail);
    }
    Bilingual::new(zh.s("，扣完为止").done(), en.s("; floor 0").done())
}

/// How far the rate lies on the bad side of the threshold (≤ 0 when on the good side).
fn excess(p: &Params, value: Decimal) -> Decimal {
    let value = if p.limits.symmetric {
        value.abs()
    } else {
        value
    };
    if p.above_is_bad {
        value.saturating_sub(p.threshold)
    } else {
        p.threshold.saturating_sub(value)
    }
}

/// Whether the rate lies beyond the "不得分" limit.
fn beyond_zero(p: &Params, value: Decimal) -> bool {
    let value = if p.limits.symmetric {
        value.abs()
    } else {
        value
    };
    match p.limits.zero_beyond {
        Some(limit) if p.above_is_bad => value > limit,
        Some(limit) => value < limit,
        None => false,
    }
}

pub fn score<'a>(p: &Params, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    let (value, weight) = (input.value, input.weight);
    let excess = excess(p, value);
    if beyond_zero(p, value) {
        let working = Working::new()
            .rate(value)
            .words("超出不得分界限，得 ", " is beyond the zero limit: ")
            .result(Decimal::ZERO);
        return RuleOutcome::Worked {
            score: Decimal::ZERO,
            working,
        };
    }
    if excess <= Decimal::ZERO {
        let side = if p.above_is_bad { "≤" } else { "≥" };
        let working = Working::new()
            .rate(value)
            .op(side)
            .rate(p.threshold)
            .words("，得满分 ", ": full marks ")
            .result(weight);
        return RuleOutcome::Worked {
            score: weight,
            working,
        };
    }
    let raw = excess.saturating_mul(p.per_point);
    let deduction = p.limits.max_deduct.map_or(raw, |cap| raw.min(cap));
    let score = weight
        .saturating_sub(deduction)
        .max(Decimal::ZERO)
        .min(weight);
    let mut working = Working::new()
        .words("超出 ", "")
        .exact(excess)
        .words(" 个百分点", " points beyond")
        .op("×")
        .exact(p.per_point)
        .op("=")
        .exact(raw);
    if deduction != raw {
        working = working.words("，最多扣 ", ", at most ").exact(deduction);
    }
    let working = working
        .step_break()
        .exact(weight)
        .op("-")
        .exact(deduction)
        .op("=")
        .result(score)
        .words("（扣完为止）", " (floor 0)");
    RuleOutcome::Worked { score, working }
}

pub fn excel(p: &Params, r: &str, w: Decimal) -> String {
    let threshold = p.threshold;
    let rate = if p.limits.symmetric {
        format!("ABS({r})")
    } else {
        r.to_owned()
    };
    let excess = if p.above_is_bad {
        format!("{rate}-{threshold}")
    } else {
        format!("{threshold}-{rate}")
    };
    let per_point = p.per_point;
    let mut deduction = format!("MAX(0,{excess})*{per_point}");
    if let Some(cap) = p.limits.max_deduct {
        deduction = format!("MIN({cap},{deduction})");
    }
    let body = format!("{w}-{deduction}");
    match p.limits.zero_beyond {
        Some(limit) if p.above_is_bad => format!("IF({rate}>{limit},0,{body})"),
        Some(limit) => format!("IF({rate}<{limit},0,{body})"),
        None => body,
    }
}

//! `proportional`: `min(rate, cap) / 100 × weight`, negative rates as 0,
//! optionally rounded half-up to whole points.

use rust_decimal::{Decimal, RoundingStrategy};

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::arith;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::RuleKind;

pub const KEY: &str = "proportional";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::number("cap", ("上限（%）", "cap (%)"), ("如 100", "e.g. 100")),
    Param::flag("round_to_whole", ("取整", "round to whole points"), ("", "")),
];

pub fn values(cap: Decimal, round_to_whole: bool) -> Vec<String> {
    vec![cap.to_string(), params::flag_text(round_to_whole)]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    Ok(RuleKind::Proportional {
        cap: params::number(PARAMS, values, 0)?,
        round_to_whole: params::flag(values, 1),
        full_at: None,
    })
}

/// The wordings this kind is read from (interchange/rules.rs reads them).
pub const PHRASINGS: &[&str] = &[
    "得分=政府采购执行率×分值",
    "按执行率×权重计分，得分取整",
    "≥90%得满分，低于90%的按比例得分",
];

/// What a sentence ends with when the score is rounded to whole points.
fn rounding_words(round_to_whole: bool) -> (&'static str, &'static str) {
    if round_to_whole {
        ("，得分取整", ", rounded to whole points")
    } else {
        ("", "")
    }
}

/// "≥X%得满分，低于X%按比例": full marks from `full_at`, below it weight × rate ÷ X.
fn describe_floor(full_at: Decimal, weight: Decimal, round_to_whole: bool) -> Bilingual {
    let (zh_tail, en_tail) = rounding_words(round_to_whole);
    Bilingual::new(
        Text::new()
            .s("≥")
            .pct(full_at)
            .s("得满分")
            .score(weight)
            .s("分，低于")
            .pct(full_at)
            .s("按比例得分（得分=比率÷")
            .pct(full_at)
            .s("×")
            .score(weight)
            .s("分")
            .s(zh_tail)
            .s("）")
            .done(),
        Text::new()
            .s("≥ ")
            .pct(full_at)
            .s(": full ")
            .score(weight)
            .s("; below it rate ÷ ")
            .pct(full_at)
            .s(" × ")
            .score(weight)
            .s(en_tail)
            .done(),
    )
}

pub fn describe(
    cap: Decimal,
    round_to_whole: bool,
    full_at: Option<Decimal>,
    weight: Decimal,
) -> Bilingual {
    if let Some(full_at) = full_at {
        return describe_floor(full_at, weight, round_to_whole);
    }
    let (zh_tail, en_tail) = rounding_words(round_to_whole);
    Bilingual::new(
        Text::new()
            .s("得分=比率×")
            .score(weight)
            .s("分（比率最高按")
            .pct(cap)
            .s("计")
            .s(zh_tail)
            .s("）")
            .done(),
        Text::new()
            .s("score = rate × ")
            .score(weight)
            .s(" (rate capped at ")
            .pct(cap)
            .s(en_tail)
            .s(")")
            .done(),
    )
}

pub fn score<'a>(
    cap: Decimal,
    round_to_whole: bool,
    full_at: Option<Decimal>,
    input: &RuleInput<'a>,
) -> RuleOutcome<'a> {
    let weight = input.weight;
    let used = input.value.min(cap).max(Decimal::ZERO);
    // Below a full-marks rate the share is rate ÷ X (so the score meets the weight at X).
    let used = match full_at {
        Some(x) if x > Decimal::ZERO => (used * Decimal::ONE_HUNDRED / x).min(Decimal::ONE_HUNDRED),
        _ => used,
    };
    let exact = arith::percent_of(weight, used);
    let working = Working::new().rate(used).op("×").exact(weight).op("=");
    if !round_to_whole {
        let working = working.result(exact);
        return RuleOutcome::Worked {
            score: exact,
            working,
        };
    }
    let whole = exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let working = if whole == exact {
        working.exact(whole).words("，取整", ", rounded")
    } else {
        working
            .exact(exact)
            .words("，取整为 ", ", rounded to ")
            .exact(whole)
    };
    RuleOutcome::Worked {
        score: whole,
        working,
    }
}

pub fn excel(
    cap: Decimal,
    round_to_whole: bool,
    full_at: Option<Decimal>,
    r: &str,
    w: Decimal,
) -> String {
    let exact = match full_at {
        Some(x) if x > Decimal::ZERO => format!("MIN(MAX({r},0)/{x},1)*{w}"),
        _ => format!("MIN(MAX({r},0),{cap})*{w}/100"),
    };
    if round_to_whole {
        crate::core::num::excel_round(&exact, 0)
    } else {
        exact
    }
}

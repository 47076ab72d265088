//! `proportional`: `min(rate, cap) / 100 × weight`, negative rates as 0,
//! optionally rounded half-up to whole points.

use rust_decimal::{Decimal, RoundingStrategy};

use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::arith;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;

pub const KEY: &str = "proportional";

pub fn describe(cap: Decimal, round_to_whole: bool, weight: Decimal) -> Bilingual {
    let (zh_tail, en_tail) = if round_to_whole {
        ("，得分取整", ", rounded to whole points")
    } else {
        ("", "")
    };
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

pub fn score<'a>(cap: Decimal, round_to_whole: bool, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    let weight = input.weight;
    let used = input.value.min(cap).max(Decimal::ZERO);
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

pub fn excel(cap: Decimal, round_to_whole: bool, r: &str, w: Decimal) -> String {
    let exact = format!("MIN(MAX({r},0),{cap})*{w}/100");
    if round_to_whole {
        crate::core::num::excel_round(&exact, 0)
    } else {
        exact
    }
}

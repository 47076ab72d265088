//! `manual`: the officer types the score.

use rust_decimal::Decimal;

use super::RuleOutcome;
use super::params::Param;
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::model::RuleKind;

pub const KEY: &str = "manual";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[];

pub fn build(_values: &[String]) -> Result<RuleKind, Bilingual> {
    Ok(RuleKind::Manual)
}

pub fn describe(weight: Decimal) -> Bilingual {
    Bilingual::new(
        Text::new().s("自评打分，满分").score(weight).s("分").done(),
        Text::new()
            .s("scored by the officer, out of ")
            .score(weight)
            .done(),
    )
}

pub fn score<'a>() -> RuleOutcome<'a> {
    RuleOutcome::Officer
}

/// The officer's typed score stays a plain number.
pub fn excel() -> Option<String> {
    None
}

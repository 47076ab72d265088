//! `not_applicable`: full marks, or the weight taken out and the total rescaled.

use rust_decimal::Decimal;

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::working::Working;
use crate::core::model::NotApplicableMode;
use crate::core::model::RuleKind;

pub const KEY: &str = "not_applicable";

pub const PARAMS: &[Param] = &[Param::choice(
    "mode",
    ("处理", "treatment"),
    &["full_marks", "rescale"],
    (
        "full_marks：得满分；rescale：剔除权重并折算",
        "full_marks: full marks; rescale: weight out, total rescaled",
    ),
)];

pub fn values(mode: NotApplicableMode) -> Vec<String> {
    let mode = match mode {
        NotApplicableMode::FullMarks => "full_marks",
        NotApplicableMode::Rescale => "rescale",
    };
    vec![mode.to_owned()]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    let mode = match params::choice(PARAMS, values, 0) {
        "rescale" => NotApplicableMode::Rescale,
        _ => NotApplicableMode::FullMarks,
    };
    Ok(RuleKind::NotApplicable { mode })
}

pub fn describe(mode: NotApplicableMode) -> Bilingual {
    match mode {
        NotApplicableMode::FullMarks => {
            Bilingual::new("不适用，按满分计", "not applicable: full marks")
        }
        NotApplicableMode::Rescale => Bilingual::new(
            "不适用，剔除权重后折算总分",
            "not applicable: weight removed, total rescaled",
        ),
    }
}

pub fn score<'a>(mode: NotApplicableMode, input: &RuleInput<'a>) -> RuleOutcome<'a> {
    if input.entry.unconfirmed {
        return RuleOutcome::NotChosen(Bilingual::new(
            "尚未确认本项不适用（按 Enter 确认）",
            "not confirmed as not applicable yet (Enter confirms)",
        ));
    }
    let weight = input.weight;
    match mode {
        NotApplicableMode::FullMarks => RuleOutcome::NotApplicable {
            score: weight,
            removed: false,
            working: Working::new()
                .words("不适用，按满分 ", "not applicable: full marks ")
                .exact(weight)
                .words(" 计", ""),
        },
        NotApplicableMode::Rescale => RuleOutcome::NotApplicable {
            score: Decimal::ZERO,
            removed: true,
            working: Working::new()
                .words("不适用，", "not applicable: weight ")
                .exact(weight)
                .words(" 分权重剔除，总分按比例折算", " taken out, total rescaled"),
        },
    }
}

/// Not scored from a rate cell.
pub fn excel() -> Option<String> {
    None
}

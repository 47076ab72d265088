//! `checklist`: each failed criterion deducts `points` (or each met one awards them).

use rust_decimal::Decimal;

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::ChecklistMode;
use crate::core::model::RuleKind;

pub const KEY: &str = "checklist";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::list("items", ("检查项", "criteria"), ("以；分隔", "separated by ;")),
    Param::number("points", ("每项分值", "points each"), ("如 1", "e.g. 1")),
    Param::choice("mode", ("方式", "mode"), &["deduct", "award"], ("deduct：未达扣分；award：达到得分", "deduct: per failure; award: per criterion met")),
];

pub fn values(items: &[String], points: Decimal, mode: ChecklistMode) -> Vec<String> {
    let mode = match mode {
        ChecklistMode::Deduct => "deduct",
        ChecklistMode::Award => "award",
    };
    vec![items.join("；"), points.to_string(), mode.to_owned()]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    let mode = match params::choice(PARAMS, values, 2) {
        "award" => ChecklistMode::Award,
        _ => ChecklistMode::Deduct,
    };
    Ok(RuleKind::Checklist {
        items: params::required_entries(PARAMS, values, 0)?,
        points: params::number(PARAMS, values, 1)?,
        mode,
    })
}

pub fn describe(items: usize, points: Decimal, mode: ChecklistMode) -> Bilingual {
    match mode {
        ChecklistMode::Deduct => Bilingual::new(
            Text::new()
                .count(items)
                .s(" 项要求，每项不达标扣")
                .score(points)
                .s("分，扣完为止")
                .done(),
            Text::new()
                .count(items)
                .s(" criteria; −")
                .score(points)
                .s(" per failed one; floor 0")
                .done(),
        ),
        ChecklistMode::Award => Bilingual::new(
            Text::new()
                .count(items)
                .s(" 项要求，每达到一项得")
                .score(points)
                .s("分")
                .done(),
            Text::new()
                .count(items)
                .s(" criteria; ")
                .score(points)
                .s(" per criterion met")
                .done(),
        ),
    }
}

pub fn score<'a>(
    items: usize,
    points: Decimal,
    mode: ChecklistMode,
    input: &RuleInput<'a>,
) -> RuleOutcome<'a> {
    if input.entry.unconfirmed {
        return RuleOutcome::NotChosen(Bilingual::new(
            "尚未核对检查项（按 Enter 勾选未达标项后确认）",
            "criteria not checked yet (Enter: mark the failed ones, then confirm)",
        ));
    }
    let weight = input.weight;
    let mut failed: Vec<usize> = input
        .entry
        .failed_items
        .iter()
        .copied()
        .filter(|i| *i < items)
        .collect();
    failed.sort_unstable();
    failed.dedup();
    let failed_n = failed.len();
    let met_n = items - failed_n;
    let clamp = |score: Decimal| score.max(Decimal::ZERO).min(weight);
    match mode {
        ChecklistMode::Deduct => {
            let deducted = Decimal::from(failed_n).saturating_mul(points);
            let score = weight.saturating_sub(deducted);
            let working = Working::new()
                .count(failed_n)
                .words(" 项未达标", " failed")
                .op("×")
                .exact(points)
                .step_break()
                .exact(weight)
                .op("-")
                .exact(deducted)
                .op("=")
                .result(clamp(score));
            RuleOutcome::Worked { score, working }
        }
        ChecklistMode::Award => {
            let score = Decimal::from(met_n).saturating_mul(points);
            let working = Working::new()
                .count(met_n)
                .words(" 项达标", " met")
                .op("×")
                .exact(points)
                .op("=")
                .result(clamp(score));
            RuleOutcome::Worked { score, working }
        }
    }
}

/// Criteria are ticked by the officer, not computed from a rate cell.
pub fn excel() -> Option<String> {
    None
}

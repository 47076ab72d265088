//! `levels`: the officer picks a level; its percent of the weight is the score.

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::arith;
use crate::core::engine::rule_text::joined;
use crate::core::engine::working::Working;
use crate::core::model::Level;
use crate::core::model::RuleKind;

pub const KEY: &str = "levels";

pub const PARAMS: &[Param] = &[Param::list(
    "levels",
    ("等级（得分%）", "levels (% of weight)"),
    (
        "如 好=100；较好=80；一般=60；差=0",
        "e.g. good=100; fair=60",
    ),
)];

pub fn values(levels: &[Level]) -> Vec<String> {
    let list: Vec<String> = levels
        .iter()
        .map(|l| format!("{}={}", l.label, l.percent))
        .collect();
    vec![list.join("；")]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    let levels = params::entries(values, 0)
        .iter()
        .map(|entry| params::named_number(entry).map(|(label, percent)| Level { label, percent }))
        .collect::<Result<Vec<_>, Bilingual>>()?;
    Ok(RuleKind::Levels {
        levels: if levels.is_empty() {
            crate::core::model::table::default_levels()
        } else {
            levels
        },
    })
}

pub fn describe(levels: &[Level]) -> Bilingual {
    let (zh, en) = joined(
        levels,
        ("/", " / "),
        |zh, l| zh.s(&l.label).num(l.percent.normalize()).s("%"),
        |en, l| en.s(&l.label).s(" ").num(l.percent.normalize()).s("%"),
    );
    Bilingual::new(zh.done(), en.done())
}

pub fn score<'a>(levels: &'a [Level], input: &RuleInput<'a>) -> RuleOutcome<'a> {
    let chosen = input
        .entry
        .choice
        .as_ref()
        .and_then(|c| levels.iter().find(|l| &l.label == c));
    let Some(level) = chosen else {
        return RuleOutcome::NotChosen(Bilingual::new("尚未选择评价等级", "no level chosen yet"));
    };
    let score = arith::percent_of(input.weight, level.percent);
    let working = Working::new()
        .words("评为“", "level \"")
        .label(&level.label)
        .words("”（", "\" (")
        .exact(level.percent)
        .words("%）", "%)")
        .op("×")
        .exact(input.weight)
        .op("=")
        .result(score);
    RuleOutcome::Worked { score, working }
}

/// Levels are chosen by the officer, not computed from a rate cell.
pub fn excel() -> Option<String> {
    None
}

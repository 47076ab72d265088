//! `categorical`: the category (a metric's class, or the officer's choice)
//! gives its points.

use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::rule_text::Text;
use crate::core::engine::working::Working;
use crate::core::model::{Category, CategorySource};

pub const KEY: &str = "categorical";

pub fn describe(categories: &[Category]) -> Bilingual {
    let mut zh = Text::new();
    let mut en = Text::new();
    for (i, category) in categories.iter().enumerate() {
        if i > 0 {
            zh = zh.s("；");
            en = en.s("; ");
        }
        zh = zh.s(&category.label).s("得").score(category.points).s("分");
        en = en.s(&category.label).s(" → ").score(category.points);
    }
    Bilingual::new(zh.done(), en.done())
}

pub fn score<'a>(
    source: CategorySource,
    categories: &'a [Category],
    input: &RuleInput<'a>,
) -> RuleOutcome<'a> {
    let key = match source {
        CategorySource::Metric => input
            .metric
            .and_then(|id| input.metrics.iter().find(|m| m.id == id))
            .and_then(|m| m.class)
            .map(|class| class.key()),
        CategorySource::Officer => input.entry.choice.as_deref(),
    };
    match key.and_then(|k| categories.iter().find(|c| c.key == k || c.label == k)) {
        Some(category) => RuleOutcome::Worked {
            score: category.points,
            working: Working::new()
                .words("属“", "category \"")
                .label(&category.label)
                .words("”，得 ", "\": ")
                .result(category.points)
                .words(" 分", " points"),
        },
        None => RuleOutcome::NotChosen(Bilingual::new(
            "尚未确定所属类别",
            "no category chosen or computed",
        )),
    }
}

/// Categories are chosen or classed, not computed from a rate cell.
pub fn excel() -> Option<String> {
    None
}

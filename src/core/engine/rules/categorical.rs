//! `categorical`: the category (a metric's class, or the officer's choice)
//! gives its points.

use super::params::{self, Param};
use super::{RuleInput, RuleOutcome};
use crate::core::Bilingual;
use crate::core::engine::metrics::MetricClass;
use crate::core::engine::rule_text::joined;
use crate::core::engine::working::Working;
use crate::core::model::RuleKind;
use crate::core::model::{Category, CategorySource};

pub const KEY: &str = "categorical";

#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::choice("source", ("类别来自", "category from"), &["officer", "metric"], ("officer：经办人选；metric：指标分类", "officer: chosen; metric: the metric's class")),
    Param::list("categories", ("类别", "categories"), ("如 zero:为零=2；decreased:减少=1", "e.g. zero:none=2; decreased:less=1")),
];

pub fn values(source: CategorySource, categories: &[Category]) -> Vec<String> {
    let source = match source {
        CategorySource::Officer => "officer",
        CategorySource::Metric => "metric",
    };
    let list: Vec<String> = categories
        .iter()
        .map(|c| {
            if c.key == c.label {
                format!("{}={}", c.label, c.points)
            } else {
                format!("{}:{}={}", c.key, c.label, c.points)
            }
        })
        .collect();
    vec![source.to_owned(), list.join("；")]
}

pub fn build(values: &[String]) -> Result<RuleKind, Bilingual> {
    let source = match params::choice(PARAMS, values, 0) {
        "metric" => CategorySource::Metric,
        _ => CategorySource::Officer,
    };
    let categories = params::required_entries(PARAMS, values, 1)?
        .iter()
        .map(|entry| {
            let (name, points) = params::named_number(entry)?;
            let (key, label) = name.split_once([':', '：']).unwrap_or((&name, &name));
            Ok(Category {
                key: key.trim().to_owned(),
                label: label.trim().to_owned(),
                points,
            })
        })
        .collect::<Result<Vec<_>, Bilingual>>()?;
    Ok(RuleKind::Categorical { source, categories })
}

pub fn describe(categories: &[Category]) -> Bilingual {
    let (zh, en) = joined(
        categories,
        ("；", "; "),
        |zh, c| zh.s(&c.label).s("得").score(c.points).s("分"),
        |en, c| en.s(&c.label).s(" → ").score(c.points),
    );
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
            .map(MetricClass::key),
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

//! Turns the drafts into indicators: weights settled and checked, codes generated, rules read.

use rust_decimal::Decimal;

use super::super::rules::recognise;
use super::draft::{Builder, Draft};
use super::{RuleOrigin, RuleReport};
use crate::core::Bilingual;
use crate::core::model::{Indicator, Rule};
use crate::core::num::fmt_score;

/// Generated code of the `index`-th child (0-based) under `parent_code`.
pub(super) fn generated_code(parent_code: Option<&str>, index: usize) -> String {
    match parent_code {
        None => {
            let mut n = index;
            let mut letters = Vec::new();
            loop {
                letters.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
                if n < 26 {
                    break;
                }
                n = n / 26 - 1;
            }
            letters.iter().rev().collect()
        }
        Some(p) if p.ends_with(|c: char| c.is_ascii_alphabetic()) => format!("{p}{}", index + 1),
        Some(p) => format!("{p}.{}", index + 1),
    }
}

/// Turns the drafts into indicators: weights settled and checked, codes
/// generated, rules read.
pub(super) fn finish(b: &mut Builder) -> (Vec<Indicator>, Vec<RuleReport>) {
    let mut reports = Vec::new();
    let roots = b.roots.clone();
    let mut indicators = Vec::new();
    for (i, &root) in roots.iter().enumerate() {
        indicators.push(convert(b, root, None, i, &mut reports));
    }
    let top: Decimal = indicators.iter().map(|i| i.weight).sum();
    if top != Decimal::ONE_HUNDRED {
        b.weight_problem(
            format!("一级指标分值合计 {}，应为 100", fmt_score(top)),
            format!(
                "the top-level weights add up to {}, not 100",
                fmt_score(top)
            ),
        );
    }
    let mut seen = std::collections::HashSet::new();
    let mut duplicates = Vec::new();
    for top in &indicators {
        top.walk(0, &mut |_, ind| {
            if !seen.insert(ind.code.clone()) {
                duplicates.push(ind.code.clone());
            }
        });
    }
    for code in duplicates {
        b.problem(
            format!("指标编码 {code} 重复"),
            format!("indicator code {code} is used twice"),
        );
    }
    (indicators, reports)
}

pub(super) fn convert(
    b: &mut Builder,
    id: usize,
    parent_code: Option<&str>,
    index: usize,
    reports: &mut Vec<RuleReport>,
) -> Indicator {
    let draft = b.nodes[id].clone();
    let code = draft
        .code
        .clone()
        .unwrap_or_else(|| generated_code(parent_code, index));
    let children: Vec<Indicator> = draft
        .children
        .iter()
        .enumerate()
        .map(|(i, &c)| convert(b, c, Some(&code), i, reports))
        .collect();
    let child_sum: Decimal = children.iter().map(|c| c.weight).sum();
    let weight = match draft.weight {
        Some(w) => {
            if !children.is_empty() && child_sum != w {
                b.weight_problem(
                    format!(
                        "{code} {}：下级指标分值合计 {}，与本级分值 {} 不符",
                        draft.name,
                        fmt_score(child_sum),
                        fmt_score(w)
                    ),
                    format!(
                        "{code} {}: the sub-indicators' weights add up to {}, but its weight is {}",
                        draft.name,
                        fmt_score(child_sum),
                        fmt_score(w)
                    ),
                );
            }
            w
        }
        None if !children.is_empty() => child_sum,
        None => {
            b.problem(
                format!("{code} {}：没有分值，按 0 分读入", draft.name),
                format!("{code} {}: no weight given; read as 0", draft.name),
            );
            Decimal::ZERO
        }
    };
    let rule = if children.is_empty() {
        Some(leaf_rule(&draft, &code, weight, reports))
    } else {
        None
    };
    Indicator {
        code,
        name: draft.name,
        weight,
        standard: draft.standard.clone(),
        definition: draft.definition.clone(),
        evidence_required: None,
        rule,
        entry: crate::core::model::IndicatorEntry::default(),
        children,
    }
}

pub(super) fn leaf_rule(
    draft: &Draft,
    code: &str,
    weight: Decimal,
    reports: &mut Vec<RuleReport>,
) -> Rule {
    let mut column_note = None;
    if !draft.rule_text.trim().is_empty() {
        match serde_json::from_str::<Rule>(&draft.rule_text) {
            Ok(rule) => {
                reports.push(RuleReport {
                    code: code.to_owned(),
                    name: draft.name.clone(),
                    origin: RuleOrigin::RuleColumn,
                    note: None,
                });
                return rule;
            }
            Err(e) => {
                column_note = Some(Bilingual::new(
                    format!("计分规则列无法读取（{e}），改按评分标准文字识别"),
                    format!("the rule column cannot be read ({e}); the wording is used instead"),
                ));
            }
        }
    }
    let found = recognise(&draft.name, &draft.standard, &draft.definition, weight);
    reports.push(RuleReport {
        code: code.to_owned(),
        name: draft.name.clone(),
        origin: if found.recognised {
            RuleOrigin::Recognised
        } else {
            RuleOrigin::Manual
        },
        note: column_note.or(found.note),
    });
    found.rule
}

//! Formulas as a bureau writes them in its table: the budget a known ratio
//! is taken on ("以年初预算为准", "调整后预算"), and a ratio of its own
//! ("X=A/B×100%", "(A-B)/B×100%", sums "A+B") over field labels jixiao knows.
//! A formula naming a label jixiao does not know is refused with the labels,
//! so the indicator stays manual rather than scored wrong.

use super::phrases::normalise;
use crate::core::Bilingual;
use crate::core::engine::{MetricId, basis};
use crate::core::model::{Basis, FieldId, TableFormula};

/// Words that name a basis, most specific first.
const BASIS_WORDS: &[(Basis, &[&str])] = &[
    (Basis::Adjusted, &["调整后预算", "调整预算"]),
    (Basis::Initial, &["年初预算", "年初批复预算"]),
    (Basis::Issued, &["财政下达预算", "下达预算"]),
];

/// The basis the texts name for `metric`, when the metric can be taken on it.
/// For a change rate: budgets when only 预算 is written, finals when only 决算.
#[must_use]
pub fn basis_named(texts: &[&str], metric: MetricId) -> Option<Basis> {
    let plain: Vec<String> = texts.iter().map(|t| normalise(t)).collect();
    let named = plain.iter().find_map(|text| {
        BASIS_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| text.contains(w)))
            .map(|(basis, _)| *basis)
    });
    let found = named.or_else(|| {
        let has = |w: &str| plain.iter().any(|t| t.contains(w));
        match (has("预算"), has("决算")) {
            (true, false) => Some(Basis::Budget),
            (false, true) => Some(Basis::Final),
            _ => None,
        }
    })?;
    basis::distinct(Some(metric), Some(found))
}

/// What the texts' formula reads as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// No formula written.
    None,
    Formula(TableFormula),
    /// A formula over labels that are not fields, or a shape not read.
    Refused(Bilingual),
}

/// The first formula written in the texts (name, standard, definition).
#[must_use]
pub fn formula_in(texts: &[&str]) -> Read {
    for text in texts {
        if let Some(clause) = formula_clause(&normalise(text)) {
            return read_formula(&clause);
        }
    }
    Read::None
}

/// The standard without its formula clause, for the check that every number
/// of the wording is used by the rule ("×100%" is the formula's, not the rule's).
#[must_use]
pub fn without_formula(text: &str) -> String {
    let plain = normalise(text);
    match formula_clause(&plain) {
        Some(clause) => plain.replace(&clause, ""),
        None => plain,
    }
}

/// A clause holding a division and "×100%".
fn formula_clause(plain: &str) -> Option<String> {
    plain
        .split([';', ','])
        .find(|c| (c.contains('/') || c.contains('÷') || c.contains('／')) && c.contains("100%"))
        .map(str::to_owned)
}

fn refused(zh: String, en: String) -> Read {
    Read::Refused(Bilingual::new(zh, en))
}

fn read_formula(clause: &str) -> Read {
    let mut body: String = clause
        .chars()
        .map(|c| match c {
            '÷' | '／' => '/',
            '＋' => '+',
            '｜' => '|',
            other => other,
        })
        .collect();
    // "X=A/B×100%": the part after the last '=' before the division.
    if let Some(at) = body.find('/')
        && let Some(eq) = body[..at].rfind('=')
    {
        body = body[eq + 1..].to_owned();
    }
    let Some(end) = body.find("×100%") else {
        return refused(
            format!("公式“{clause}”未以×100%结尾，未能读出"),
            format!("the formula “{clause}” does not end in ×100%; not read"),
        );
    };
    body.truncate(end);
    let absolute = body.starts_with('|') && body.ends_with('|') && body.len() > 2;
    let body = body.trim_matches('|');
    let Some((top, bottom)) = split_division(body) else {
        return refused(
            format!("公式“{clause}”未能读出分子和分母"),
            format!("no numerator and denominator read in “{clause}”"),
        );
    };
    let mut unknown: Vec<String> = Vec::new();
    let mut labels_to_fields = |labels: &[String]| -> Vec<FieldId> {
        labels
            .iter()
            .filter_map(|label| {
                let found = field_labelled(label);
                if found.is_none() && !unknown.contains(label) {
                    unknown.push(label.clone());
                }
                found
            })
            .collect()
    };
    let mut fields = |side: &str| -> Vec<FieldId> { labels_to_fields(&terms(side)) };
    let formula = match change_parts(top) {
        Some((current, base)) if strip_brackets(base) == strip_brackets(bottom) => {
            TableFormula::Change {
                current: fields(current),
                base: fields(bottom),
                absolute,
            }
        }
        _ => {
            let (top_plus, top_minus) = signed_terms(top);
            let (bottom_plus, bottom_minus) = signed_terms(bottom);
            TableFormula::Ratio {
                numerator: labels_to_fields(&top_plus),
                denominator: labels_to_fields(&bottom_plus),
                numerator_minus: labels_to_fields(&top_minus),
                denominator_minus: labels_to_fields(&bottom_minus),
                absolute,
            }
        }
    };
    if unknown.is_empty() {
        Read::Formula(formula)
    } else {
        let names = unknown.join("、");
        refused(
            format!("公式中的“{names}”不是已知的基础数据项，按手工打分（原文保留）"),
            format!(
                "“{names}” in the formula is no known basic-data field; scored by hand (wording kept)"
            ),
        )
    }
}

/// Splits "top/bottom" at the division outside brackets.
fn split_division(body: &str) -> Option<(&str, &str)> {
    let mut depth = 0i32;
    for (i, c) in body.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '/' if depth == 0 => {
                let (top, bottom) = (&body[..i], &body[i + 1..]);
                return (!top.is_empty() && !bottom.is_empty()).then_some((top, bottom));
            }
            _ => {}
        }
    }
    None
}

fn strip_brackets(side: &str) -> &str {
    let inner = side.strip_prefix('(').and_then(|s| s.strip_suffix(')'));
    match inner {
        Some(inner) if balanced(inner) => inner,
        _ => side,
    }
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// "(A-B)" → (A, B), at the subtraction outside inner brackets.
fn change_parts(top: &str) -> Option<(&str, &str)> {
    let inner = strip_brackets(top);
    if inner.len() == top.len() {
        return None;
    }
    let mut depth = 0i32;
    for (i, c) in inner.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '-' if depth == 0 && i > 0 => return Some((&inner[..i], &inner[i + 1..])),
            _ => {}
        }
    }
    None
}

/// The labels added and those subtracted on one side of a ratio:
/// "(A+B+C-D)" gives ([A, B, C], [D]). Brackets only group: "(A+(B-C))"
/// and "A+B-C" read alike, and a bracket after a minus turns its signs.
fn signed_terms(side: &str) -> (Vec<String>, Vec<String>) {
    let (mut plus, mut minus) = (Vec::new(), Vec::new());
    // The sign each open bracket applies, and the sign of the next term.
    let mut signs: Vec<bool> = vec![false];
    let mut negative_next = false;
    let mut label = String::new();
    let mut flush = |label: &mut String, negative: bool| {
        let text = label.trim().to_owned();
        label.clear();
        if !text.is_empty() {
            if negative { &mut minus } else { &mut plus }.push(text);
        }
    };
    let outer = |signs: &[bool]| signs.last().copied().unwrap_or(false);
    for c in side.chars() {
        match c {
            '(' => {
                flush(&mut label, outer(&signs) ^ negative_next);
                signs.push(outer(&signs) ^ negative_next);
                negative_next = false;
            }
            ')' => {
                flush(&mut label, outer(&signs) ^ negative_next);
                if signs.len() > 1 {
                    signs.pop();
                }
                negative_next = false;
            }
            '+' | '-' => {
                flush(&mut label, outer(&signs) ^ negative_next);
                negative_next = c == '-';
            }
            other => label.push(other),
        }
    }
    flush(&mut label, outer(&signs) ^ negative_next);
    (plus, minus)
}

/// The labels added on one side: "(A+B)" or "A".
fn terms(side: &str) -> Vec<String> {
    strip_brackets(side)
        .split('+')
        .map(|t| t.trim_matches(['(', ')']).to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// The field a label names: its registry label, with or without a closing 数
/// or an opening 本年/本年度, as tables write them.
fn field_labelled(label: &str) -> Option<FieldId> {
    let key = |text: &str| -> String {
        let plain = normalise(text);
        let plain = plain
            .strip_prefix("本年度")
            .or_else(|| plain.strip_prefix("本年"))
            .unwrap_or(&plain);
        plain.strip_suffix('数').unwrap_or(plain).to_owned()
    };
    let wanted = key(label);
    FieldId::ALL
        .iter()
        .copied()
        .find(|f| key(f.label_zh()) == wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ratio_of_sums_over_known_labels() {
        let read =
            formula_in(&["公用经费占比=（人员经费支出预算+公用经费支出预算）/支出预算合计×100%"]);
        assert_eq!(
            read,
            Read::Formula(TableFormula::Ratio {
                numerator: vec![FieldId::BudgetPersonnel, FieldId::BudgetOperating],
                denominator: vec![FieldId::ExpenditureBudgetTotal],
                numerator_minus: Vec::new(),
                denominator_minus: Vec::new(),
                absolute: false,
            })
        );
    }

    #[test]
    fn a_change_with_its_absolute_value() {
        // The seed report's 差异率, written over the field labels.
        let read =
            formula_in(&["|（财政拨款收入决算数－财政拨款收入预算数）/财政拨款收入预算数|×100%"]);
        assert_eq!(
            read,
            Read::Formula(TableFormula::Change {
                current: vec![FieldId::AppropriationIncomeFinal],
                base: vec![FieldId::AppropriationIncomeBudget],
                absolute: true,
            })
        );
        let read = formula_in(&[
            "变动率=(本年度三公经费决算数-上年三公经费决算数)÷上年三公经费决算数*100%",
        ]);
        assert!(
            matches!(read, Read::Formula(TableFormula::Change { .. })),
            "{read:?}"
        );
    }

    #[test]
    fn a_ratio_that_subtracts_inside_its_brackets() {
        // Hunan's 预算完成率 as issue 25 quotes it, over jixiao's labels.
        let read = formula_in(&[
            "预算完成率=（上年结转结余总额＋年初预算数＋预算调整数−本年结转结余总额）/（上年结转结余总额＋年初预算数＋预算调整数）×100%",
        ]);
        let added = vec![
            FieldId::CarryoverPrev,
            FieldId::InitialBudget,
            FieldId::BudgetAdjustment,
        ];
        assert_eq!(
            read,
            Read::Formula(TableFormula::Ratio {
                numerator: added.clone(),
                denominator: added,
                numerator_minus: vec![FieldId::CarryoverCurr],
                denominator_minus: Vec::new(),
                absolute: false,
            })
        );
        // A bracket after a minus turns its signs: A-(B-C) = A-B+C.
        assert_eq!(
            signed_terms("(A-(B-C))"),
            (vec!["A".to_owned(), "C".to_owned()], vec!["B".to_owned()])
        );
    }

    #[test]
    fn unknown_labels_are_refused_by_name() {
        // The 结余率 of a published table (https://dyrmt.com/article-132779-22.html):
        // "结余率(计算方法为:结余数/预算数)" — 结余数 is no field of jixiao.
        let Read::Refused(why) = formula_in(&["结余率=结余数/预算数×100%"]) else {
            panic!("refused");
        };
        assert!(why.zh.contains("结余数"), "{}", why.zh);
        assert_eq!(formula_in(&["支出完成率≥95%得满分"]), Read::None);
    }

    #[test]
    fn the_basis_a_standard_names() {
        let f2 = MetricId::ExpenditureCompletionRate;
        assert_eq!(
            basis_named(&["支出完成率", "以年初预算为准"], f2),
            Some(Basis::Initial)
        );
        assert_eq!(
            basis_named(&["实际支出/调整后预算数×100%"], f2),
            Some(Basis::Adjusted)
        );
        assert_eq!(
            basis_named(&["实际支出/财政下达预算数×100%"], f2),
            None,
            "its own"
        );
        assert_eq!(basis_named(&["支出完成率"], f2), None);
        let f8 = MetricId::ThreePublicChangeRate;
        assert_eq!(
            basis_named(
                &["(本年度三公经费预算数-上年度三公经费预算数)/上年度三公经费预算数×100%"],
                f8
            ),
            Some(Basis::Budget)
        );
        assert_eq!(
            basis_named(&["三公经费决算数"], f8),
            None,
            "finals are its own"
        );
        assert_eq!(basis_named(&["年初预算"], MetricId::CarryoverRate), None);
    }

    #[test]
    fn the_formula_clause_is_left_out_of_the_wording_check() {
        assert_eq!(
            without_formula("差异率=决算数/预算数×100%；≤5%得满分"),
            ";≤5%得满分"
        );
    }
}

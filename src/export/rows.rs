//! The tables every export shares (basic data, scored table, workload,
//! checks) as plain rows, so CSV, Markdown and xlsx say the same thing.
//! Stored numbers keep their stored text; derived ones are rounded half-up to 2 places.

use rust_decimal::Decimal;

use crate::core::Lang;
use crate::core::engine::{Derived, MetricStatus};
use crate::core::model::{FieldGroup, FieldId, Workbook};
use crate::core::num::{fmt_score, round2};

/// Picks the text of the interface language.
#[must_use]
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A derived rate as printed: 2 places, no percent sign ("19.58", "100.00").
#[must_use]
pub fn rate_text(value: Decimal) -> String {
    format!("{:.2}", round2(value))
}

/// What a metric shows when it has no value.
#[must_use]
pub fn metric_status_text(status: &MetricStatus, lang: Lang) -> &'static str {
    match status {
        MetricStatus::Ok => "",
        MetricStatus::MissingInput { .. } => tr(lang, "缺数据", "missing"),
        MetricStatus::ZeroDenominator => "n/a",
        MetricStatus::Overflow => tr(lang, "溢出", "overflow"),
    }
}

/// One row of the basic data table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasicRow {
    pub group: FieldGroup,
    pub field: FieldId,
    /// The stored value, exactly as stored.
    pub value: Option<Decimal>,
}

/// Every field of the basic data, in display order.
#[must_use]
pub fn basic_rows(wb: &Workbook) -> Vec<BasicRow> {
    let mut rows = Vec::new();
    for group in FieldGroup::ALL {
        for field in FieldId::ALL.iter().copied().filter(|f| f.group() == group) {
            rows.push(BasicRow {
                group,
                field,
                value: field.get(wb),
            });
        }
    }
    rows
}

/// The unit word of a field in the interface language.
#[must_use]
pub fn field_unit(field: FieldId, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => field.kind().unit_zh(),
        Lang::En => field.kind().unit_en(),
    }
}

/// The group label in the interface language.
#[must_use]
pub fn group_label(group: FieldGroup, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => group.label_zh(),
        Lang::En => group.label_en(),
    }
}

/// One row of the scored table (an indicator, leaf or group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    pub code: String,
    /// 1 = 一级.
    pub level: usize,
    pub name: String,
    pub weight: Decimal,
    pub score: Decimal,
    pub lost: Decimal,
    pub standard: String,
    pub rule: String,
    pub working: String,
    /// The officer's reason, or the working when points were lost and no reason is given.
    pub reason: String,
    pub officer_score: Option<Decimal>,
    pub reviewer_score: Option<Decimal>,
    pub reviewer_comment: String,
    pub is_leaf: bool,
}

/// A leaf's working, led by its own measure's arithmetic (another basis, the
/// table's formula), so an export names what the score was taken on.
fn with_measure(result: &crate::core::engine::IndicatorResult, lang: Lang) -> String {
    let working = result.working.get(lang);
    let Some(own) = result.measure.as_deref() else {
        return working.to_owned();
    };
    let Some(expr) = own.measured.expression.as_ref() else {
        return format!(
            "{}（{}）；{working}",
            own.label.get(lang),
            own.formula.get(lang)
        );
    };
    match lang {
        Lang::Zh => format!("{}：{}；{working}", own.label.zh, expr.zh),
        Lang::En => format!("{}: {}; {working}", own.label.en, expr.en),
    }
}

/// The scored table in display order.
#[must_use]
pub fn score_rows(wb: &Workbook, derived: &Derived, lang: Lang) -> Vec<ScoreRow> {
    wb.table
        .flatten()
        .iter()
        .zip(&derived.scores.indicators)
        .map(|((depth, ind), result)| {
            let working = with_measure(result, lang);
            let reason = if !ind.entry.deduction_reason.trim().is_empty() {
                ind.entry.deduction_reason.trim().to_owned()
            } else if ind.is_leaf() && result.lost > Decimal::ZERO {
                working.clone()
            } else {
                String::new()
            };
            ScoreRow {
                code: ind.code.clone(),
                level: depth + 1,
                name: ind.name.clone(),
                weight: ind.weight,
                score: result.score,
                lost: result.lost,
                standard: ind.standard.clone(),
                rule: result.rule.get(lang).to_owned(),
                working,
                reason,
                officer_score: ind.entry.officer_score,
                reviewer_score: ind.entry.reviewer_score,
                reviewer_comment: ind.entry.reviewer_comment.clone(),
                is_leaf: ind.is_leaf(),
            }
        })
        .collect()
}

/// One row of the workload statistics: an item, or a part of the item above.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkloadRow {
    pub group: String,
    pub item: String,
    /// The part's name for a part row.
    pub part: Option<String>,
    pub value: Decimal,
    /// Written with 余: a lower bound.
    pub lower_bound: bool,
    pub unit: String,
    pub parts_sum: Option<Decimal>,
    pub parts_sum_is_lower_bound: bool,
    pub parts_consistent: bool,
    pub target: Option<Decimal>,
    pub completion: Option<Decimal>,
    pub last_year: Option<Decimal>,
    pub change: Option<Decimal>,
    pub per_capita: Option<Decimal>,
}

/// Items followed by their parts, group by group.
#[must_use]
pub fn workload_rows(wb: &Workbook, derived: &Derived) -> Vec<WorkloadRow> {
    let mut rows = Vec::new();
    for (group, stats) in wb.workload.iter().zip(&derived.workload) {
        for (item, s) in group.items.iter().zip(&stats.items) {
            rows.push(WorkloadRow {
                group: group.name.clone(),
                item: item.name.clone(),
                part: None,
                value: item.value,
                lower_bound: item.lower_bound,
                unit: item.unit.clone(),
                parts_sum: s.parts_sum,
                parts_sum_is_lower_bound: s.parts_sum_is_lower_bound,
                parts_consistent: s.parts_consistent,
                target: item.target,
                completion: s.completion,
                last_year: item.last_year,
                change: s.change,
                per_capita: s.per_capita,
            });
            for part in &item.parts {
                rows.push(WorkloadRow {
                    group: group.name.clone(),
                    item: item.name.clone(),
                    part: Some(part.name.clone()),
                    value: part.value,
                    lower_bound: part.lower_bound,
                    unit: item.unit.clone(),
                    parts_sum: None,
                    parts_sum_is_lower_bound: false,
                    parts_consistent: true,
                    target: None,
                    completion: None,
                    last_year: None,
                    change: None,
                    per_capita: None,
                });
            }
        }
    }
    rows
}

/// A count as the report writes it: "1300余", "202".
#[must_use]
pub fn count_text(value: Decimal, lower_bound: bool) -> String {
    if lower_bound {
        format!("{value}余")
    } else {
        value.to_string()
    }
}

/// Optional number as text: stored ones as stored, none as empty.
#[must_use]
pub fn opt_text(value: Option<Decimal>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Optional score as text ("94", "3.65").
#[must_use]
pub fn opt_score(value: Option<Decimal>) -> String {
    value.map(fmt_score).unwrap_or_default()
}

/// Optional derived rate as text ("96.25").
#[must_use]
pub fn opt_rate(value: Option<Decimal>) -> String {
    value.map(rate_text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    #[test]
    fn rows_of_the_sample() {
        let wb = sample_workbook();
        let d = derive(&wb);
        let basic = basic_rows(&wb);
        assert_eq!(basic.len(), FieldId::ALL.len());
        let budget = basic
            .iter()
            .find(|r| r.field == FieldId::AppropriationIncomeBudget)
            .expect("row");
        assert_eq!(
            budget.value.map(|v| v.to_string()).as_deref(),
            Some("731.80")
        );
        let scores = score_rows(&wb, &d, Lang::Zh);
        let a31 = scores.iter().find(|r| r.code == "A3.1").expect("A3.1");
        assert_eq!((a31.level, a31.score, a31.lost), (3, dec!(0), dec!(5)));
        assert!(a31.reason.contains("19.58%"));
        let work = workload_rows(&wb, &d);
        let meetings = work
            .iter()
            .find(|r| r.item == "组织筹备各类会议" && r.part.is_none())
            .expect("meetings");
        assert_eq!(meetings.parts_sum, Some(dec!(202)));
        assert_eq!(work.iter().filter(|r| r.part.is_some()).count(), 5);
        assert_eq!(count_text(dec!(1300), true), "1300余");
    }
}

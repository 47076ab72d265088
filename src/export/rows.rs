//! The tables every export shares (basic data, scored table, workload,
//! checks) as plain rows, so CSV, Markdown and xlsx say the same thing.
//! Stored numbers keep their stored text; derived ones are rounded half-up to 2 places.

use rust_decimal::Decimal;

use crate::core::Lang;
use crate::core::engine::{Derived, ItemStats, MetricStatus, Warning};
use crate::core::model::{
    FieldGroup, FieldId, Workbook, WorkloadGroup, WorkloadItem, WorkloadPart,
};
use crate::core::num::{fmt_score, round2};
use crate::i18n::Tr;

/// A table's header row in the interface language.
#[must_use]
pub fn header_row(columns: &[crate::i18n::Tr], lang: Lang) -> Vec<String> {
    columns.iter().map(|c| c.get(lang).to_owned()).collect()
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
        MetricStatus::MissingInput { .. } => Tr("缺数据", "missing").get(lang),
        MetricStatus::ZeroDenominator => "n/a",
        MetricStatus::Overflow => Tr("溢出", "overflow").get(lang),
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
    crate::i18n::unit(field.kind()).get(lang)
}

/// The group label in the interface language.
#[must_use]
pub fn group_label(group: FieldGroup, lang: Lang) -> &'static str {
    crate::i18n::group(group).get(lang)
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkloadRow<'a> {
    pub group: &'a WorkloadGroup,
    pub item: &'a WorkloadItem,
    pub line: WorkloadLine<'a>,
}

/// What a workload row shows: the item with its derived figures, or one part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadLine<'a> {
    Item(&'a ItemStats),
    Part(&'a WorkloadPart),
}

impl<'a> WorkloadRow<'a> {
    /// The count the row shows and whether it is written with 余 (a lower bound).
    #[must_use]
    pub fn count(&self) -> (Decimal, bool) {
        match self.line {
            WorkloadLine::Item(_) => (self.item.value, self.item.lower_bound),
            WorkloadLine::Part(part) => (part.value, part.lower_bound),
        }
    }

    /// The part's name on a part row.
    #[must_use]
    pub fn part_name(&self) -> Option<&'a str> {
        match self.line {
            WorkloadLine::Item(_) => None,
            WorkloadLine::Part(part) => Some(&part.name),
        }
    }

    /// The item's derived figures on an item row.
    #[must_use]
    pub fn stats(&self) -> Option<&'a ItemStats> {
        match self.line {
            WorkloadLine::Item(stats) => Some(stats),
            WorkloadLine::Part(_) => None,
        }
    }

    /// Target, completion, last year, change and per capita as text (empty on a part row).
    #[must_use]
    pub fn figure_texts(&self) -> [String; 5] {
        let Some(s) = self.stats() else {
            return Default::default();
        };
        [
            opt_text(self.item.target),
            opt_rate(s.completion),
            opt_text(self.item.last_year),
            opt_rate(s.change),
            opt_rate(s.per_capita),
        ]
    }
}

/// Items followed by their parts, group by group.
#[must_use]
pub fn workload_rows<'a>(wb: &'a Workbook, derived: &'a Derived) -> Vec<WorkloadRow<'a>> {
    let mut rows = Vec::new();
    for (group, stats) in wb.workload.iter().zip(&derived.workload) {
        for (item, s) in group.items.iter().zip(&stats.items) {
            let row = |line| WorkloadRow { group, item, line };
            rows.push(row(WorkloadLine::Item(s)));
            rows.extend(item.parts.iter().map(|p| row(WorkloadLine::Part(p))));
        }
    }
    rows
}

/// One row of the checks table: severity, code (as in JSON) and message.
#[must_use]
pub fn check_row(warning: &Warning, lang: Lang) -> [String; 3] {
    let severity = match lang {
        Lang::Zh => warning.severity.label_zh(),
        Lang::En => warning.severity.label_en(),
    };
    let code = serde_json::to_value(warning.code)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    [
        severity.to_owned(),
        code,
        warning.message.get(lang).to_owned(),
    ]
}

/// A count as the report writes it: "1300余", "202".
pub use crate::core::num::count_text;

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
    use rust_decimal_macros::dec;

    #[test]
    fn rows_of_the_sample() {
        let (wb, d) = crate::export::sample_derived();
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
            .find(|r| r.item.name == "组织筹备各类会议" && r.part_name().is_none())
            .expect("meetings");
        assert_eq!(meetings.stats().and_then(|s| s.parts_sum), Some(dec!(202)));
        assert_eq!(work.iter().filter(|r| r.part_name().is_some()).count(), 5);
        assert_eq!(count_text(dec!(1300), true), "1300余");
    }
}

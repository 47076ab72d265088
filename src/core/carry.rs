//! A new year's workbook from last year's: what stays (unit, organisation,
//! team, staffing, table, workload structure), what the rules call "last
//! year" (filled from last year's values), and what starts empty — each named
//! in a summary so the officer sees exactly what came over.

use serde_json::Value;

use super::model::{
    Budget, Indicator, IndicatorEntry, Narrative, UnitField, Workbook, WorkloadGroup,
};
use super::newbook::blank_workbook;

/// A field filled from another field of last year's workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The field in the new workbook, e.g. `budget.opening_appropriation_carryover`.
    pub field: String,
    /// Where its value came from in last year's workbook.
    pub from: String,
    pub value: String,
}

/// What `carry_over` did, field by field (JSON paths of the workbook file).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CarrySummary {
    /// Kept as they were.
    pub carried: Vec<String>,
    /// Filled from last year's values.
    pub filled: Vec<Filled>,
    /// Held something last year and start empty now.
    pub cleared: Vec<String>,
}

/// The budget fields this year's rules read as "last year", and the field of
/// last year's workbook each comes from.
const LAST_YEAR_BUDGET: [(&str, &str); 5] = [
    ("three_public_prev_final", "three_public_final"),
    ("three_public_prev_budget", "three_public_budget"),
    (
        "treasury_carryover_stock_prev",
        "treasury_carryover_stock_curr",
    ),
    (
        "opening_appropriation_carryover",
        "closing_appropriation_carryover",
    ),
    ("carryover_prev", "carryover_curr"),
];

/// Builds the workbook for `fiscal_year` from `last` year's.
#[must_use]
pub fn carry_over(last: &Workbook, fiscal_year: u16) -> (Workbook, CarrySummary) {
    let mut summary = CarrySummary::default();
    let mut wb = blank_workbook(&last.unit.name, fiscal_year, last.table.clone());
    carry_unit(last, &mut wb, &mut summary);
    wb.staffing = last.staffing.clone();
    summary
        .carried
        .extend(held_keys(&last.staffing).map(|k| format!("staffing.{k}")));
    summary.carried.push("table".to_owned());
    summary
        .cleared
        .extend(cleared_entries(&last.table.indicators));
    wb.budget = fill_budget(&last.budget, &mut summary);
    wb.narrative = carry_narrative(&last.narrative, &mut summary);
    wb.workload = carry_workload(&last.workload, &mut summary);
    summary
        .cleared
        .extend(held_keys(&last.reported).map(|k| format!("reported.{k}")));
    let (projects, cleared) = super::project_carry::carry_projects(&last.projects);
    if !projects.is_empty() {
        summary.carried.push("projects".to_owned());
    }
    summary.cleared.extend(cleared);
    wb.projects = projects;
    (wb, summary)
}

fn carry_unit(last: &Workbook, wb: &mut Workbook, summary: &mut CarrySummary) {
    // The unit's one-line texts: the registry says which come over (the
    // notice is the new round's, and the year is the new year).
    let texts = UnitField::ALL.into_iter().filter(|&f| f != UnitField::Year);
    let (carried, fresh): (Vec<UnitField>, Vec<UnitField>) = texts.partition(|f| f.carried());
    for field in &carried {
        // A text field takes any text: only the year (never carried) can refuse.
        field.set(wb, &field.get(last)).ok();
    }
    wb.unit.sections.clone_from(&last.unit.sections);
    wb.unit.accounting_entities = last.unit.accounting_entities;
    let carried: Vec<&str> = carried
        .iter()
        .map(|f| f.key())
        .chain(["sections", "accounting_entities"])
        .collect();
    summary.carried.extend(
        held_keys(&last.unit)
            .filter(|k| carried.contains(&k.as_str()))
            .map(|k| format!("unit.{k}")),
    );
    summary.cleared.extend(
        fresh
            .iter()
            .filter(|f| !f.get(last).is_empty())
            .map(|f| format!("unit.{}", f.key())),
    );
}

/// This year's figures start empty; only what the rules call last year is filled.
fn fill_budget(last: &Budget, summary: &mut CarrySummary) -> Budget {
    let last_value = serde_json::to_value(last).unwrap_or(Value::Null);
    let mut fresh = serde_json::Map::new();
    for (field, from) in LAST_YEAR_BUDGET {
        if let Some(value) = last_value.get(from).filter(|v| !v.is_null()) {
            fresh.insert(field.to_owned(), value.clone());
            summary.filled.push(Filled {
                field: format!("budget.{field}"),
                from: format!("budget.{from}"),
                value: value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned),
            });
        }
    }
    // A field filled from last year is named there, not as cleared.
    let filled_here = |key: &String| LAST_YEAR_BUDGET.iter().any(|(field, _)| field == key);
    summary.cleared.extend(
        held_keys(last)
            .filter(|k| !filled_here(k))
            .map(|k| format!("budget.{k}")),
    );
    // Every key above is a `Budget` field holding a `Money` string, so this cannot fail.
    serde_json::from_value(Value::Object(fresh)).unwrap_or_default()
}

fn carry_narrative(last: &Narrative, summary: &mut CarrySummary) -> Narrative {
    summary.cleared.extend(
        held_keys(last)
            .filter(|k| k != "team")
            .map(|k| format!("narrative.{k}")),
    );
    if !last.team.is_empty() {
        summary.carried.push("narrative.team".to_owned());
    }
    Narrative {
        team: last.team.clone(),
        ..Narrative::default()
    }
}

/// Groups, items, unit words and parts stay; last year's value becomes
/// `last_year`; this year's value (0 until entered), target and parts' values start over.
fn carry_workload(last: &[WorkloadGroup], summary: &mut CarrySummary) -> Vec<WorkloadGroup> {
    let mut groups = last.to_vec();
    let mut had_target = false;
    for (group_index, group) in groups.iter_mut().enumerate() {
        for (item_index, item) in group.items.iter_mut().enumerate() {
            summary.filled.push(Filled {
                field: format!("workload[{group_index}].items[{item_index}].last_year"),
                from: format!("workload[{group_index}].items[{item_index}].value"),
                value: format!("{}{} {}", item.value, item.unit, item.name),
            });
            had_target |= item.target.is_some();
            item.last_year = Some(item.value);
            item.value = rust_decimal::Decimal::ZERO;
            item.lower_bound = false;
            item.target = None;
            for part in &mut item.parts {
                part.value = rust_decimal::Decimal::ZERO;
                part.lower_bound = false;
            }
        }
    }
    if !groups.is_empty() {
        summary
            .carried
            .push("workload (groups, items, unit words, parts: names only)".to_owned());
        summary
            .cleared
            .push("workload[*].items[*].value".to_owned());
        if groups
            .iter()
            .any(|g| g.items.iter().any(|i| !i.parts.is_empty()))
        {
            summary
                .cleared
                .push("workload[*].items[*].parts[*].value".to_owned());
        }
    }
    if had_target {
        summary
            .cleared
            .push("workload[*].items[*].target".to_owned());
    }
    groups
}

/// Whether an entry holds something in one of its fields.
type HeldBy = fn(&IndicatorEntry) -> bool;

/// One line per kind of entry that held something, naming the indicators.
fn cleared_entries(indicators: &[Indicator]) -> Vec<String> {
    let mut all = Vec::new();
    for top in indicators {
        top.walk(0, &mut |_, ind| all.push(ind));
    }
    let kinds: [(&str, HeldBy); 8] = [
        ("officer_score", |e| e.officer_score.is_some()),
        ("choice", |e| e.choice.is_some()),
        ("failed_items", |e| !e.failed_items.is_empty()),
        ("deduction_reason", |e| !e.deduction_reason.is_empty()),
        ("evidence", |e| !e.evidence.is_empty()),
        ("evidence_files", |e| !e.evidence_files.is_empty()),
        ("reviewer_score", |e| e.reviewer_score.is_some()),
        ("reviewer_comment", |e| !e.reviewer_comment.is_empty()),
    ];
    kinds
        .iter()
        .filter_map(|(name, held)| {
            let codes: Vec<&str> = all
                .iter()
                .filter(|i| held(&i.entry))
                .map(|i| i.code.as_str())
                .collect();
            (!codes.is_empty()).then(|| format!("table.entry.{name} ({})", codes.join(", ")))
        })
        .collect()
}

/// The keys of a serialised struct that hold something (not null, "", [], {}).
fn held_keys(value: &impl serde::Serialize) -> impl Iterator<Item = String> {
    let map = match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    map.into_iter().filter(|(_, v)| holds(v)).map(|(k, _)| k)
}

fn holds(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
        Value::Bool(_) | Value::Number(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::Staffing;
    use crate::core::num::Money;
    use crate::core::sample::sample_workbook;
    use rust_decimal::Decimal;

    fn carried() -> (Workbook, Workbook, CarrySummary) {
        let last = sample_workbook();
        let (wb, summary) = carry_over(&last, 2024);
        (last, wb, summary)
    }

    #[test]
    fn unit_organisation_team_staffing_and_table_carry_over() {
        let (last, wb, summary) = carried();
        assert_eq!(wb.unit.fiscal_year, 2024);
        assert_eq!(wb.unit.name, last.unit.name);
        assert_eq!(wb.unit.sections, last.unit.sections);
        assert_eq!(wb.unit.accounting_entities, last.unit.accounting_entities);
        assert_eq!(wb.staffing, last.staffing);
        assert_ne!(wb.staffing, Staffing::default());
        assert_eq!(wb.narrative.team, last.narrative.team);
        assert_eq!(wb.table.name, last.table.name);
        assert_eq!(wb.table.flatten().len(), last.table.flatten().len());
        for field in [
            "unit.name",
            "unit.sections",
            "unit.accounting_entities",
            "staffing.authorized_admin",
            "narrative.team",
            "table",
        ] {
            assert!(summary.carried.iter().any(|c| c == field), "{field}");
        }
    }

    #[test]
    fn this_years_figures_prose_scores_and_reported_figures_start_empty() {
        let (last, wb, summary) = carried();
        assert!(wb.unit.notice_ref.is_empty());
        assert!(wb.table.flatten().iter().all(|(_, i)| i.entry
            == IndicatorEntry {
                // Nothing scores before the officer confirms it.
                unconfirmed: i.is_leaf(),
                ..IndicatorEntry::default()
            }));
        assert_eq!(wb.narrative.functions, "");
        assert_eq!(wb.narrative.problems, "");
        assert_eq!(wb.reported, Default::default());
        assert_eq!(wb.budget.appropriation_income_final, None);
        assert_eq!(wb.budget.actual_expenditure, None);
        assert!(wb.budget.projects.is_empty());
        assert!(last.budget.appropriation_income_final.is_some());
        for field in [
            "unit.notice_ref",
            "budget.appropriation_income_final",
            "budget.actual_expenditure",
            "budget.closing_appropriation_carryover",
            "narrative.functions",
            "narrative.annual_work",
            "narrative.problems",
            "narrative.improvements",
            "reported.total_score",
            "reported.grade",
            "reported.rates",
            "workload[*].items[*].value",
        ] {
            assert!(
                summary.cleared.iter().any(|c| c == field),
                "{field}: {:?}",
                summary.cleared
            );
        }
        assert!(
            summary
                .cleared
                .iter()
                .any(|c| c.starts_with("table.entry.deduction_reason (") && c.contains("A3.1")),
            "{:?}",
            summary.cleared
        );
        assert!(
            summary
                .cleared
                .iter()
                .any(|c| c.starts_with("table.entry.choice ("))
        );
    }

    #[test]
    fn last_year_values_fill_what_the_rules_call_last_year() {
        let mut last = sample_workbook();
        last.budget.three_public_final = Some(Money(Decimal::new(1234, 2)));
        last.budget.three_public_budget = Some(Money(Decimal::new(1500, 2)));
        last.budget.treasury_carryover_stock_curr = Some(Money(Decimal::new(300, 2)));
        last.budget.closing_appropriation_carryover = Some(Money(Decimal::new(586, 2)));
        last.budget.carryover_curr = Some(Money(Decimal::new(700, 2)));
        let (wb, summary) = carry_over(&last, 2024);
        assert_eq!(
            wb.budget.three_public_prev_final,
            last.budget.three_public_final
        );
        assert_eq!(
            wb.budget.treasury_carryover_stock_prev,
            last.budget.treasury_carryover_stock_curr
        );
        assert_eq!(
            wb.budget.opening_appropriation_carryover,
            last.budget.closing_appropriation_carryover
        );
        assert_eq!(wb.budget.carryover_prev, last.budget.carryover_curr);
        assert_eq!(wb.budget.three_public_final, None);
        assert_eq!(
            wb.budget.three_public_prev_budget,
            last.budget.three_public_budget
        );
        let filled: Vec<(&str, &str)> = summary
            .filled
            .iter()
            .map(|f| (f.field.as_str(), f.from.as_str()))
            .collect();
        for pair in LAST_YEAR_BUDGET {
            let (field, from) = (format!("budget.{}", pair.0), format!("budget.{}", pair.1));
            assert!(filled.contains(&(field.as_str(), from.as_str())), "{field}");
        }
        let opening = summary
            .filled
            .iter()
            .find(|f| f.field == "budget.opening_appropriation_carryover")
            .map(|f| f.value.as_str());
        assert_eq!(opening, Some("5.86"));
        assert!(
            !summary
                .cleared
                .contains(&"budget.opening_appropriation_carryover".to_owned()),
            "a filled field is not also listed as cleared"
        );
    }

    #[test]
    fn workload_keeps_its_structure_and_last_years_values() {
        let (last, wb, summary) = carried();
        assert!(!last.workload.is_empty());
        assert_eq!(wb.workload.len(), last.workload.len());
        for (new_group, old_group) in wb.workload.iter().zip(&last.workload) {
            assert_eq!(new_group.name, old_group.name);
            for (new_item, old_item) in new_group.items.iter().zip(&old_group.items) {
                assert_eq!(new_item.name, old_item.name);
                assert_eq!(new_item.unit, old_item.unit);
                assert_eq!(new_item.last_year, Some(old_item.value));
                assert_eq!(new_item.value, Decimal::ZERO);
                assert_eq!(new_item.target, None);
                assert_eq!(new_item.parts.len(), old_item.parts.len());
                assert!(new_item.parts.iter().all(|p| p.value.is_zero()));
            }
        }
        assert!(
            summary
                .filled
                .iter()
                .any(|f| f.field == "workload[0].items[0].last_year")
        );
    }

    #[test]
    fn a_blank_last_year_carries_nothing_it_does_not_have() {
        let last = blank_workbook("某单位", 2023, sample_workbook().table);
        let (wb, summary) = carry_over(&last, 2024);
        assert_eq!(wb.unit.name, "某单位");
        assert!(summary.filled.is_empty());
        assert_eq!(summary.cleared, Vec::<String>::new());
        assert_eq!(summary.carried, ["unit.name", "table"]);
    }
}

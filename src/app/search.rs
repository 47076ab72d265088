//! `/` search over field labels, ratios, indicator names, workload items and
//! warnings across all panes.

use std::collections::BTreeSet;

use super::Pane;
use super::rows::{BudgetRow, budget_rows, workload_rows};
use crate::core::engine::Derived;
use crate::core::model::Workbook;

/// The last search: what was asked, where it matched, which match is shown.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub query: String,
    pub hits: Vec<Hit>,
    pub at: usize,
}

/// Where a match lives. Indicators are kept by flatten index so a match inside
/// a folded group can still be reached (the group unfolds on jump).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    Row(Pane, usize),
    Indicator(usize),
}

fn matches(haystack: &str, needle: &str) -> bool {
    haystack.to_lowercase().contains(needle)
}

/// All places whose label contains `query` (case-insensitive), in pane order.
#[must_use]
pub fn find(wb: &Workbook, derived: &Derived, query: &str) -> Vec<Hit> {
    let needle = query.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (i, row) in budget_rows().iter().enumerate() {
        let found = match row {
            BudgetRow::Header(g) => {
                matches(g.label_zh(), &needle) || matches(g.label_en(), &needle)
            }
            BudgetRow::Field(f) => {
                matches(f.label_zh(), &needle)
                    || matches(f.label_en(), &needle)
                    || matches(f.key(), &needle)
            }
            BudgetRow::Metric(m) => {
                matches(m.label_zh(), &needle)
                    || matches(m.label_en(), &needle)
                    || matches(m.key(), &needle)
            }
        };
        if found {
            hits.push(Hit::Row(Pane::Budget, i));
        }
    }
    for (i, (_, ind)) in wb.table.flatten().iter().enumerate() {
        if matches(&ind.name, &needle) || matches(&ind.code, &needle) {
            hits.push(Hit::Indicator(i));
        }
    }
    for (i, row) in workload_rows(wb).iter().enumerate() {
        let name = match *row {
            super::rows::WorkloadRow::Group(g) => wb.workload.get(g).map(|x| x.name.as_str()),
            super::rows::WorkloadRow::Item(g, it) => wb
                .workload
                .get(g)
                .and_then(|x| x.items.get(it))
                .map(|x| x.name.as_str()),
            super::rows::WorkloadRow::Part(g, it, p) => wb
                .workload
                .get(g)
                .and_then(|x| x.items.get(it))
                .and_then(|x| x.parts.get(p))
                .map(|x| x.name.as_str()),
        };
        if name.is_some_and(|n| matches(n, &needle)) {
            hits.push(Hit::Row(Pane::Workload, i));
        }
    }
    hits.extend(
        super::officer_search::find(wb, &needle)
            .into_iter()
            .map(|(pane, row)| Hit::Row(pane, row)),
    );
    for (i, w) in derived.warnings.iter().enumerate() {
        if matches(&w.message.zh, &needle) || matches(&w.message.en, &needle) {
            hits.push(Hit::Row(Pane::Checks, i));
        }
    }
    hits
}

/// Codes of the ancestors of the indicator at `index` (to unfold them).
#[must_use]
pub fn ancestors(wb: &Workbook, index: usize) -> BTreeSet<String> {
    let flat = wb.table.flatten();
    let mut out = BTreeSet::new();
    let Some((mut depth, _)) = flat.get(index).copied() else {
        return out;
    };
    for (d, ind) in flat[..index].iter().rev() {
        if *d < depth {
            out.insert(ind.code.clone());
            depth = *d;
        }
    }
    out
}

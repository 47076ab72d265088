//! The rows each pane shows, derived from the workbook. Navigation, search,
//! editing and rendering all index into these lists.

use std::collections::BTreeSet;

use crate::core::engine::MetricId;
use crate::core::engine::metrics::METRICS;
use crate::core::model::{FieldGroup, FieldId, Workbook};

/// A row of the budget pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetRow {
    Header(FieldGroup),
    Field(FieldId),
    Metric(MetricId),
}

/// The derived ratios shown under each group (the registry's `group`),
/// beside the inputs that feed them.
pub fn metrics_of_group(group: FieldGroup) -> impl Iterator<Item = MetricId> {
    METRICS
        .iter()
        .filter(move |def| def.group == group)
        .map(|def| def.id)
}

/// All budget rows: each group's header, its fields, then its ratios.
#[must_use]
pub fn budget_rows() -> Vec<BudgetRow> {
    let mut rows = Vec::new();
    for group in FieldGroup::ALL {
        rows.push(BudgetRow::Header(group));
        rows.extend(
            FieldId::ALL
                .iter()
                .filter(|f| f.group() == group)
                .map(|&f| BudgetRow::Field(f)),
        );
        rows.extend(metrics_of_group(group).map(BudgetRow::Metric));
    }
    rows
}

/// What is folded in the two tree panes: indicators by code (their
/// children hidden), workload groups by position (their items hidden).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folds {
    pub indicators: BTreeSet<String>,
    pub workload_groups: BTreeSet<usize>,
}

impl Folds {
    /// Folds the indicator `code`, or unfolds it when folded.
    pub fn toggle_indicator(&mut self, code: String) {
        if !self.indicators.remove(&code) {
            self.indicators.insert(code);
        }
    }

    /// Folds workload group `group`, or unfolds it when folded.
    pub fn toggle_group(&mut self, group: usize) {
        if !self.workload_groups.remove(&group) {
            self.workload_groups.insert(group);
        }
    }
}

/// A visible row of the indicator tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndicatorRow {
    /// Index into `ScoringTable::flatten()` and `Derived.scores.indicators`.
    pub index: usize,
    pub depth: usize,
    pub has_children: bool,
    pub collapsed: bool,
}

/// The indicator rows, skipping the children of folded nodes.
#[must_use]
pub fn indicator_rows(wb: &Workbook, collapsed: &BTreeSet<String>) -> Vec<IndicatorRow> {
    let mut rows = Vec::new();
    let mut hide_below: Option<usize> = None;
    for (index, (depth, ind)) in wb.table.flatten().into_iter().enumerate() {
        if let Some(limit) = hide_below {
            if depth > limit {
                continue;
            }
            hide_below = None;
        }
        let is_collapsed = !ind.is_leaf() && collapsed.contains(&ind.code);
        if is_collapsed {
            hide_below = Some(depth);
        }
        rows.push(IndicatorRow {
            index,
            depth,
            has_children: !ind.is_leaf(),
            collapsed: is_collapsed,
        });
    }
    rows
}

/// A row of the workload pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkloadRow {
    Group(usize),
    Item(usize, usize),
    Part(usize, usize, usize),
}

#[must_use]
pub fn workload_rows(wb: &Workbook) -> Vec<WorkloadRow> {
    let mut rows = Vec::new();
    for (g, group) in wb.workload.iter().enumerate() {
        rows.push(WorkloadRow::Group(g));
        for (i, item) in group.items.iter().enumerate() {
            rows.push(WorkloadRow::Item(g, i));
            rows.extend((0..item.parts.len()).map(|p| WorkloadRow::Part(g, i, p)));
        }
    }
    rows
}

/// The workload rows that show: a folded group hides its items and parts.
#[must_use]
pub fn visible_workload_rows(wb: &Workbook, folded: &BTreeSet<usize>) -> Vec<WorkloadRow> {
    workload_rows(wb)
        .into_iter()
        .filter(|row| match row {
            WorkloadRow::Group(_) => true,
            WorkloadRow::Item(g, _) | WorkloadRow::Part(g, _, _) => !folded.contains(g),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn every_field_and_metric_has_a_budget_row() {
        let rows = budget_rows();
        for f in FieldId::ALL {
            assert!(rows.contains(&BudgetRow::Field(*f)), "{f:?}");
        }
        for m in MetricId::ALL {
            assert!(rows.contains(&BudgetRow::Metric(m)), "{m:?}");
        }
    }

    #[test]
    fn folding_hides_descendants_only() {
        let wb = sample_workbook();
        let all = indicator_rows(&wb, &BTreeSet::new());
        let folded = indicator_rows(&wb, &BTreeSet::from(["A".to_owned()]));
        assert_eq!(all.len(), wb.table.flatten().len());
        let a_children = wb.table.indicators[0].descendant_count();
        assert_eq!(folded.len(), all.len() - a_children);
        assert!(folded[0].collapsed);
        assert_eq!(folded[1].depth, 0);
    }

    #[test]
    fn folds_toggle_each_tree_apart() {
        let mut folds = Folds::default();
        folds.toggle_indicator("A".to_owned());
        folds.toggle_group(2);
        assert_eq!(
            (folds.indicators.len(), folds.workload_groups.len()),
            (1, 1)
        );
        folds.toggle_indicator("A".to_owned());
        assert!(folds.indicators.is_empty());
        assert!(
            folds.workload_groups.contains(&2),
            "the other tree is untouched"
        );
        folds.toggle_group(2);
        assert_eq!(folds, Folds::default());
    }
}

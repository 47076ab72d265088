//! The pane registry: every workbench pane declared once — its key, title,
//! row count, selectable columns and what Enter does. Navigation, the
//! keymap, the header tabs and the per-pane state (`PaneMap`) all come from
//! `PANES`; the renderer's half (table and detail) is `ui::panes::view`.
//!
//! Adding a pane: a variant of `Pane`, an entry in `PANES`, and its module
//! under `ui/panes` registered in `ui::panes::view` (the compiler insists).

use std::ops::{Index, IndexMut};

use super::keys::{Key, c};
use super::{App, BudgetRow, EditTarget, StatusLine, WorkloadRow, rows};
use crate::i18n::{self as t, Tr};

/// The workbench panes, in the order of `PANES`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Summary,
    Budget,
    Indicators,
    Workload,
    Checks,
    Unit,
    Report,
}

/// Everything the app knows about a pane.
pub struct PaneSpec {
    pub pane: Pane,
    /// The keys that jump to the pane (the first is shown in its title).
    pub keys: &'static [Key],
    pub title: Tr,
    /// What help says about the jump key.
    pub jump_help: Tr,
    /// How many columns can be selected with ←→.
    pub columns: usize,
    /// How many rows the pane has right now.
    pub rows: fn(&App) -> usize,
    /// Enter/e on a row.
    pub activate: fn(&mut App, usize),
}

/// Every pane, in Tab order.
pub const PANES: &[PaneSpec] = &[
    PaneSpec {
        pane: Pane::Summary,
        keys: &[c('1')],
        title: t::PANE_SUMMARY,
        jump_help: Tr("概览面板", "Summary pane"),
        columns: 1,
        rows: |app| app.workbook.table.indicators.len(),
        activate: App::activate_summary,
    },
    PaneSpec {
        pane: Pane::Budget,
        keys: &[c('2')],
        title: t::PANE_BUDGET,
        jump_help: Tr("预算面板", "Budget pane"),
        columns: 1,
        rows: |_| rows::budget_rows().len(),
        activate: App::activate_budget,
    },
    PaneSpec {
        pane: Pane::Indicators,
        keys: &[c('3')],
        title: t::PANE_INDICATORS,
        jump_help: Tr("指标面板", "Indicators pane"),
        columns: 3,
        rows: |app| rows::indicator_rows(&app.workbook, &app.folds.indicators).len(),
        activate: App::activate_indicator,
    },
    PaneSpec {
        pane: Pane::Workload,
        keys: &[c('4')],
        title: t::PANE_WORKLOAD,
        jump_help: Tr("工作量面板", "Workload pane"),
        columns: 3,
        rows: |app| rows::visible_workload_rows(&app.workbook, &app.folds.workload_groups).len(),
        activate: App::activate_workload,
    },
    PaneSpec {
        pane: Pane::Checks,
        keys: &[c('5')],
        title: t::PANE_CHECKS,
        jump_help: Tr("检查面板", "Checks pane"),
        columns: 1,
        rows: |app| app.derived.warnings.len(),
        activate: App::jump_to_warning,
    },
    PaneSpec {
        pane: Pane::Unit,
        keys: &[c('6')],
        title: t::PANE_UNIT,
        jump_help: Tr("单位面板", "Unit pane"),
        columns: 3,
        rows: |app| super::identity::unit_rows(&app.workbook).len(),
        activate: App::activate_unit,
    },
    PaneSpec {
        pane: Pane::Report,
        keys: &[c('7')],
        title: t::PANE_REPORT,
        jump_help: Tr("报告文字面板", "Report text pane"),
        columns: 1,
        rows: |_| super::officer::report_rows().len(),
        activate: App::activate_report,
    },
];

/// How many panes there are (the only place it is counted).
pub const PANE_COUNT: usize = PANES.len();

impl Pane {
    /// Position in `PANES` (the enum is declared in the same order; a test checks).
    #[must_use]
    pub fn index(self) -> usize {
        self as usize
    }

    #[must_use]
    pub fn spec(self) -> &'static PaneSpec {
        &PANES[self.index()]
    }

    /// Every pane, in Tab order.
    pub fn all() -> impl Iterator<Item = Self> {
        PANES.iter().map(|spec| spec.pane)
    }

    /// The pane at a position, if there is one.
    #[must_use]
    pub fn at(index: usize) -> Option<Self> {
        PANES.get(index).map(|spec| spec.pane)
    }

    #[must_use]
    pub fn title(self) -> Tr {
        self.spec().title
    }

    /// How many columns can be selected with ←→ in this pane.
    #[must_use]
    pub fn columns(self) -> usize {
        self.spec().columns
    }

    /// The next pane, wrapping around.
    #[must_use]
    pub fn next(self) -> Self {
        PANES[(self.index() + 1) % PANE_COUNT].pane
    }

    /// The previous pane, wrapping around.
    #[must_use]
    pub fn prev(self) -> Self {
        PANES[(self.index() + PANE_COUNT - 1) % PANE_COUNT].pane
    }
}

/// One value per pane (its selected row, its selected column, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PaneMap<T>([T; PANE_COUNT]);

impl<T> Index<Pane> for PaneMap<T> {
    type Output = T;
    fn index(&self, pane: Pane) -> &T {
        &self.0[pane.index()]
    }
}

impl<T> IndexMut<Pane> for PaneMap<T> {
    fn index_mut(&mut self, pane: Pane) -> &mut T {
        &mut self.0[pane.index()]
    }
}

impl App {
    fn activate_summary(&mut self, selected: usize) {
        let flat = self.workbook.table.flatten();
        let code = self
            .workbook
            .table
            .indicators
            .get(selected)
            .map(|i| i.code.clone());
        if let Some(index) = code.and_then(|c| flat.iter().position(|(_, i)| i.code == c)) {
            self.jump_to_indicator(index);
        }
    }

    fn activate_budget(&mut self, selected: usize) {
        match rows::budget_rows().get(selected).copied() {
            Some(BudgetRow::Field(f)) => self.open_editor(EditTarget::Field(f)),
            Some(BudgetRow::Metric(_)) => self.info_tr(t::DERIVED_HINT),
            _ => self.info_tr(t::NOT_EDITABLE),
        }
    }

    fn activate_workload(&mut self, selected: usize) {
        let column = self.column[Pane::Workload];
        let visible = rows::visible_workload_rows(&self.workbook, &self.folds.workload_groups);
        match visible.get(selected).copied() {
            Some(WorkloadRow::Group(g)) => self.toggle_group_fold(g),
            Some(WorkloadRow::Item(g, i)) => self.open_editor(match column {
                1 => EditTarget::WorkloadTarget(g, i),
                2 => EditTarget::WorkloadLastYear(g, i),
                _ => EditTarget::WorkloadValue(g, i),
            }),
            Some(WorkloadRow::Part(g, i, p)) => self.open_editor(EditTarget::PartValue(g, i, p)),
            _ => self.info_tr(t::NOT_EDITABLE),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registry_is_in_enum_order_with_distinct_keys() {
        for (i, spec) in PANES.iter().enumerate() {
            assert_eq!(spec.pane.index(), i, "{:?}", spec.pane);
            assert!(spec.columns >= 1);
            assert!(!spec.keys.is_empty());
        }
        let mut keys: Vec<Key> = PANES.iter().flat_map(|s| s.keys.iter().copied()).collect();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n);
    }

    #[test]
    fn next_and_prev_cycle_through_every_pane() {
        let mut pane = Pane::Summary;
        for _ in 0..PANE_COUNT {
            pane = pane.next();
            assert_eq!(pane.prev().next(), pane);
        }
        assert_eq!(pane, Pane::Summary);
    }
}

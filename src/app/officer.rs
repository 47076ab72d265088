//! What Enter and the list keys do in the officer's own panes: the unit pane
//! (identity, 内设机构, staffing, evaluation team) and the report-text pane.

use super::identity::{self, List, MemberColumn, UnitRow};
use super::narrative::Section;
use super::printed::{self, Printed};
use super::{Action, App, EditTarget, Pane, StatusLine};
use crate::i18n::{self as t, texts};

texts! {
    LIST_ONLY: "只有单位面板的内设机构和工作组可以增删、移动", "Only the unit pane's sections and team rows can be added, deleted or moved";
    PRINTED_FILLED: "报告所写数字已按计算值填写（u 撤销）", "Printed figures filled from the computed ones (u undoes)";
    ROW_ADDED: "已添加一行，请输入", "Row added; type its text";
    ROW_DELETED: "已删除（u 撤销）", "Row deleted (u undoes)";
}

impl App {
    pub(super) fn activate_unit(&mut self, selected: usize) {
        let column = self.column[Pane::Unit];
        let Some(row) = identity::unit_rows(&self.workbook).get(selected).copied() else {
            return;
        };
        match row {
            UnitRow::Heading(_) => self.info_tr(t::NOT_EDITABLE),
            UnitRow::Field(field) => self.open_editor(EditTarget::Unit(field)),
            UnitRow::Staffing(field) => self.open_editor(EditTarget::Field(field)),
            UnitRow::Section(i) => self.open_editor(EditTarget::Section(i)),
            UnitRow::Member(i) => {
                self.open_editor(EditTarget::Member(i, MemberColumn::at(column)));
            }
            UnitRow::AddTo(list) => self.add_list_entry(list, usize::MAX),
        }
    }

    pub(super) fn activate_report(&mut self, selected: usize) {
        match report_rows().get(selected).copied() {
            // A read-only workbook's text can still be read in full.
            Some(ReportRow::Section(section)) if self.read_only.is_some() => {
                self.open_reader(section);
            }
            Some(ReportRow::Section(section)) => self.open_editor(EditTarget::Narrative(section)),
            Some(ReportRow::Printed(p)) => self.open_editor(EditTarget::Printed(p)),
            _ => self.info_tr(t::NOT_EDITABLE),
        }
    }

    /// P: what the report prints becomes what jixiao computes (undoable).
    pub(super) fn fill_printed(&mut self) {
        if self.refuse_if_read_only() {
            return;
        }
        let before = self.workbook.clone();
        printed::fill_from_computed(&mut self.workbook, &self.derived);
        if self.workbook != before {
            self.push_undo(before);
            self.recompute();
        }
        self.info_tr(PRINTED_FILLED);
    }

    /// A warning about a printed figure goes to the printed figures.
    pub(super) fn show_printed(&mut self, metric: Option<crate::core::engine::MetricId>) {
        self.pane = Pane::Report;
        let row = metric.map_or(ReportRow::Printed(Printed::Total), |m| {
            ReportRow::Printed(Printed::Rate(m))
        });
        if let Some(pos) = report_rows().iter().position(|r| *r == row) {
            self.selection[Pane::Report] = pos;
        }
    }

    /// a / i / D / K / J on the unit pane's lists.
    pub(super) fn edit_list(&mut self, action: &Action) {
        let row = identity::unit_rows(&self.workbook)
            .get(self.selected())
            .copied();
        let position = row.and_then(|r| identity::list_position(&self.workbook, r));
        let (Pane::Unit, Some((list, at))) = (self.pane, position) else {
            self.info_tr(LIST_ONLY);
            return;
        };
        if self.refuse_if_read_only() {
            return;
        }
        match action {
            Action::AddAfter | Action::AddBelow => self.add_list_entry(list, at.saturating_add(1)),
            Action::InsertBefore => self.add_list_entry(list, at),
            Action::DeleteRow => {
                let before = self.workbook.clone();
                if identity::remove(&mut self.workbook, list, at) {
                    self.push_undo(before);
                    self.recompute();
                    self.info_tr(ROW_DELETED);
                }
            }
            Action::MoveRowUp | Action::MoveRowDown => {
                let before = self.workbook.clone();
                let up = *action == Action::MoveRowUp;
                if let Some(to) = identity::move_entry(&mut self.workbook, list, at, up) {
                    self.push_undo(before);
                    self.recompute();
                    self.select_unit_row(identity::row_of(list, to));
                }
            }
            _ => {}
        }
    }

    /// Inserts an empty entry (undoable) and opens its editor.
    fn add_list_entry(&mut self, list: List, at: usize) {
        if self.refuse_if_read_only() {
            return;
        }
        let before = self.workbook.clone();
        let at = identity::insert(&mut self.workbook, list, at);
        self.push_undo(before);
        self.recompute();
        self.select_unit_row(identity::row_of(list, at));
        let target = match list {
            List::Sections => EditTarget::Section(at),
            List::Team => {
                self.column[Pane::Unit] = 0;
                EditTarget::Member(at, MemberColumn::Name)
            }
        };
        self.open_editor(target);
        self.info_tr(ROW_ADDED);
    }

    fn select_unit_row(&mut self, row: UnitRow) {
        if let Some(pos) = identity::unit_rows(&self.workbook)
            .iter()
            .position(|r| *r == row)
        {
            self.selection[Pane::Unit] = pos;
        }
    }
}

/// A row of the report-text pane: the narrative sections, then the printed figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRow {
    Section(Section),
    PrintedHeading,
    Printed(Printed),
}

/// The report-text pane's rows, in order.
#[must_use]
pub fn report_rows() -> Vec<ReportRow> {
    Section::ALL
        .iter()
        .map(|&s| ReportRow::Section(s))
        .chain(std::iter::once(ReportRow::PrintedHeading))
        .chain(printed::all().into_iter().map(ReportRow::Printed))
        .collect()
}

//! The officer shapes the workbook: indicators at three levels, workload
//! groups, items and parts. Each change is one undo step; deleting a row
//! that holds content asks first.

pub mod rule_form;
pub mod targets;

use rust_decimal::Decimal;

use super::rows::{self, WorkloadRow};
use super::{Action, App, EditTarget, Mode, Pane, StatusLine};
use crate::core::Bilingual;
use crate::core::model::Workbook;
use crate::core::structure::workload::{self as wl, Place};
use crate::core::structure::{self, table};

pub use rule_form::RuleForm;
pub use targets::StructTarget;

/// A delete waiting for the officer's yes.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingDelete {
    /// The workbook with the row removed.
    pub after: Workbook,
    /// What goes, for the question.
    pub what: String,
}

/// Whether `update_structure` handles the action.
#[must_use]
pub fn is_structural(action: &Action) -> bool {
    matches!(
        action,
        Action::AddAfter
            | Action::InsertBefore
            | Action::AddBelow
            | Action::DeleteRow
            | Action::MoveRowUp
            | Action::MoveRowDown
            | Action::Rename
            | Action::EditUnit
            | Action::ToggleLowerBound
            | Action::EditWeight
            | Action::OpenRuleForm
            | Action::VerifyTable { .. }
    )
}

fn place_of(row: WorkloadRow) -> Place {
    match row {
        WorkloadRow::Group(g) => Place::Group(g),
        WorkloadRow::Item(g, i) => Place::Item(g, i),
        WorkloadRow::Part(g, i, p) => Place::Part(g, i, p),
    }
}

fn row_of(place: Place) -> WorkloadRow {
    match place {
        Place::Group(g) => WorkloadRow::Group(g),
        Place::Item(g, i) => WorkloadRow::Item(g, i),
        Place::Part(g, i, p) => WorkloadRow::Part(g, i, p),
    }
}

impl App {
    /// One structural action on the pane it concerns.
    pub(super) fn update_structure(&mut self, action: Action) {
        if let Action::VerifyTable { at } = action {
            if !self.refuse_if_read_only() {
                self.verify_at = at;
                self.open_editor(EditTarget::Structure(StructTarget::VerifiedBy));
            }
            return;
        }
        if self.reviewing || self.refuse_if_read_only() {
            return;
        }
        match self.pane {
            Pane::Indicators => self.structure_indicators(&action),
            Pane::Workload => self.structure_workload(&action),
            Pane::Unit => self.edit_list(&action),
            Pane::Summary | Pane::Budget | Pane::Checks | Pane::Report => {
                self.error_bi(&Bilingual::new(
                    "结构修改请到指标面板（3）或工作量面板（4）",
                    "change the structure in the indicators (3) or workload (4) pane",
                ));
            }
        }
    }

    /// The flatten index of the selected indicator row.
    pub(crate) fn selected_indicator(&self) -> Option<usize> {
        rows::indicator_rows(&self.workbook, &self.folds.indicators)
            .get(self.selection[Pane::Indicators])
            .map(|row| row.index)
    }

    fn structure_indicators(&mut self, action: &Action) {
        let selected = self.selected_indicator();
        let editor = |target| Some(EditTarget::Structure(target));
        let edit = match (action, selected) {
            (Action::Rename, Some(i)) => editor(StructTarget::IndicatorName(i)),
            (Action::EditWeight, Some(i)) => editor(StructTarget::IndicatorWeight(i)),
            _ => None,
        };
        if let Some(target) = edit {
            return self.open_editor(target);
        }
        if matches!(action, Action::OpenRuleForm) {
            return self.open_rule_form(selected);
        }
        let mut after = self.workbook.clone();
        let landed = match (action, selected) {
            (Action::AddAfter, at) => table::add_sibling(&mut after.table, at, false),
            (Action::InsertBefore, at) => table::add_sibling(&mut after.table, at, true),
            (Action::AddBelow, Some(i)) => {
                let child = table::add_child(&mut after.table, i);
                if child.is_none() {
                    self.error_bi(&Bilingual::new(
                        "评分表最多三级",
                        "a scoring table has at most three levels",
                    ));
                }
                child
            }
            (Action::MoveRowUp, Some(i)) => table::move_among_siblings(&mut after.table, i, true),
            (Action::MoveRowDown, Some(i)) => {
                table::move_among_siblings(&mut after.table, i, false)
            }
            (Action::DeleteRow, Some(i)) => return self.delete_indicator(after, i),
            _ => None,
        };
        if let Some(index) = landed {
            self.apply_structure(after);
            self.jump_to_indicator(index);
        }
    }

    fn delete_indicator(&mut self, mut after: Workbook, index: usize) {
        let Some(removed) = table::delete(&mut after.table, index) else {
            return;
        };
        let what = format!("{} {}", removed.code, removed.name);
        if structure::indicator_holds_content(&removed) || !removed.children.is_empty() {
            self.ask_delete(after, what);
        } else {
            self.apply_structure(after);
        }
    }

    fn structure_workload(&mut self, action: &Action) {
        let visible = rows::visible_workload_rows(&self.workbook, &self.folds.workload_groups);
        let place = visible
            .get(self.selection[Pane::Workload])
            .copied()
            .map(place_of);
        if let Some(target) = workload_editor(action, place) {
            return self.open_editor(EditTarget::Structure(target));
        }
        let mut after = self.workbook.clone();
        let landed = match (action, place) {
            (Action::AddAfter, at) => wl::add_beside(&mut after.workload, at, false),
            (Action::InsertBefore, at) => wl::add_beside(&mut after.workload, at, true),
            (Action::AddBelow, Some(at)) => wl::add_below(&mut after.workload, at),
            (Action::MoveRowUp, Some(at)) => wl::move_among_siblings(&mut after.workload, at, true),
            (Action::MoveRowDown, Some(at)) => {
                wl::move_among_siblings(&mut after.workload, at, false)
            }
            (Action::ToggleLowerBound, Some(at)) => toggle_lower_bound(&mut after, at),
            (Action::DeleteRow, Some(at)) => {
                let holds = wl::holds_content(&after.workload, at);
                if wl::delete(&mut after.workload, at) {
                    self.folds.workload_groups.clear();
                    let what = self.workload_label(at);
                    if holds {
                        self.ask_delete(after, what);
                    } else {
                        self.apply_structure(after);
                    }
                }
                return;
            }
            _ => None,
        };
        if let Some(place) = landed {
            if !matches!(action, Action::ToggleLowerBound) {
                self.folds.workload_groups.clear();
            }
            self.apply_structure(after);
            self.select_workload(place);
        }
    }

    fn workload_label(&self, place: Place) -> String {
        let wb = &self.workbook;
        let group = |g: usize| wb.workload.get(g);
        let item = |g: usize, i: usize| group(g).and_then(|grp| grp.items.get(i));
        match place {
            Place::Group(g) => group(g).map(|grp| grp.name.clone()),
            Place::Item(g, i) => item(g, i).map(|it| it.name.clone()),
            Place::Part(g, i, p) => item(g, i)
                .and_then(|it| it.parts.get(p))
                .map(|part| part.name.clone()),
        }
        .unwrap_or_default()
    }

    fn select_workload(&mut self, place: Place) {
        let visible = rows::visible_workload_rows(&self.workbook, &self.folds.workload_groups);
        if let Some(pos) = visible.iter().position(|r| *r == row_of(place)) {
            self.selection[Pane::Workload] = pos;
        }
    }

    /// Enter on a group header folds or unfolds its items.
    pub(super) fn toggle_group_fold(&mut self, group: usize) {
        self.folds.toggle_group(group);
        self.select_workload(Place::Group(group));
    }

    fn ask_delete(&mut self, after: Workbook, what: String) {
        let question = Bilingual::new(
            format!("“{what}”含有已填内容，删除？y 删除 · Esc 保留"),
            format!("“{what}” holds content: delete? y deletes · Esc keeps"),
        );
        self.error_bi(&question);
        self.mode = Mode::ConfirmDelete(Box::new(PendingDelete { after, what }));
    }

    pub(super) fn update_confirm_delete(&mut self, action: &Action) {
        let Mode::ConfirmDelete(pending) = &self.mode else {
            return;
        };
        match action {
            Action::Choose('y' | 'Y') => {
                let after = pending.after.clone();
                self.mode = Mode::Browse;
                self.apply_structure(after);
            }
            Action::Cancel | Action::Choose(_) => {
                self.mode = Mode::Browse;
                self.info_tr(crate::i18n::CANCELLED);
            }
            _ => {}
        }
    }

    /// Makes `after` the workbook as one undo step and recomputes.
    fn apply_structure(&mut self, after: Workbook) {
        if after == self.workbook {
            return;
        }
        let before = std::mem::replace(&mut self.workbook, after);
        self.push_undo(before);
        self.recompute();
        self.info_tr(crate::i18n::COMMITTED);
    }

    /// After the editor stores a value: weights report the sums they feed.
    pub(super) fn after_preview(&mut self, target: EditTarget) {
        if let EditTarget::Structure(StructTarget::IndicatorWeight(i)) = target
            && let Some(sums) = weight_sums(&self.workbook, i)
        {
            if sums.balanced {
                self.info(sums.text.get(self.lang).to_owned());
            } else {
                self.error_bi(&sums.text);
            }
        }
    }

    /// The verification time goes in with who verified.
    pub(super) fn stamp_verification(&self, candidate: &mut Workbook, target: EditTarget) {
        if target == EditTarget::Structure(StructTarget::VerifiedBy) {
            candidate.table.verified_at.clone_from(&self.verify_at);
        }
    }
}

fn workload_editor(action: &Action, place: Option<Place>) -> Option<StructTarget> {
    match (action, place?) {
        (Action::Rename, Place::Group(g)) => Some(StructTarget::GroupName(g)),
        (Action::Rename, Place::Item(g, i)) => Some(StructTarget::ItemName(g, i)),
        (Action::Rename, Place::Part(g, i, p)) => Some(StructTarget::PartName(g, i, p)),
        (Action::EditUnit, Place::Item(g, i) | Place::Part(g, i, _)) => {
            Some(StructTarget::ItemUnit(g, i))
        }
        _ => None,
    }
}

fn toggle_lower_bound(wb: &mut Workbook, place: Place) -> Option<Place> {
    let (g, i) = match place {
        Place::Group(_) => return None,
        Place::Item(g, i) | Place::Part(g, i, _) => (g, i),
    };
    let item = wb.workload.get_mut(g)?.items.get_mut(i)?;
    let flag = match place {
        Place::Part(_, _, p) => &mut item.parts.get_mut(p)?.lower_bound,
        Place::Group(_) | Place::Item(..) => &mut item.lower_bound,
    };
    *flag = !*flag;
    Some(place)
}

/// The sums a weight feeds: its parent's children against the parent, and
/// the top level against 100.
pub struct WeightSums {
    pub text: Bilingual,
    pub balanced: bool,
}

#[must_use]
pub fn weight_sums(wb: &Workbook, index: usize) -> Option<WeightSums> {
    let path = table::path_of(&wb.table, index)?;
    let top: Decimal = wb.table.indicators.iter().map(|i| i.weight).sum();
    let mut zh = format!("一级合计 {top} / 100");
    let mut en = format!("top level {top} / 100");
    let mut balanced = top == Decimal::ONE_HUNDRED;
    if let Some((_, parent_path)) = path.split_last()
        && !parent_path.is_empty()
    {
        let parent = table::at_path(&wb.table, parent_path)?;
        let children: Decimal = parent.children.iter().map(|c| c.weight).sum();
        zh = format!(
            "“{}”下级合计 {children} / {}；{zh}",
            parent.name, parent.weight
        );
        en = format!(
            "under “{}” {children} / {}; {en}",
            parent.name, parent.weight
        );
        balanced &= children == parent.weight;
    }
    Some(WeightSums {
        text: Bilingual::new(zh, en),
        balanced,
    })
}

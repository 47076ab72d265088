//! The unit pane's rows: who the report is about (name, code, year, notice,
//! organisation, staffing, evaluation team, contact, date), and the list
//! edits of its two lists (内设机构 and the evaluation team).

use crate::core::model::{FieldGroup, FieldId, TeamMember, Workbook};
use crate::core::text_slots::text_slots;
use crate::i18n::Tr;

pub use crate::core::model::UnitField;

/// A column of an evaluation team row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MemberColumn {
    Name,
    Post,
    Role,
}

impl MemberColumn {
    /// The column selected with ←→ (0 name, 1 post, 2 role).
    #[must_use]
    pub fn at(column: usize) -> Self {
        match column {
            1 => Self::Post,
            2 => Self::Role,
            _ => Self::Name,
        }
    }

    text_slots! { TeamMember: Name => name, Post => post, Role => role }

    pub fn set(self, member: &mut TeamMember, text: &str) {
        let slot = self.slot(member);
        text.trim().clone_into(slot);
    }
}

/// One row of the unit pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitRow {
    Heading(Tr),
    Field(UnitField),
    /// A staffing figure, the same field the budget pane shows.
    Staffing(FieldId),
    /// One 内设机构.
    Section(usize),
    /// The evaluation team member at this position.
    Member(usize),
    /// "＋ add" at the end of a list (`true`: the team).
    AddTo(List),
}

/// The unit pane's two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Sections,
    Team,
}

pub const HEADING_IDENTITY: Tr = Tr("基本信息", "Identity");
pub const HEADING_SECTIONS: Tr = Tr("内设机构", "Internal sections");
pub const HEADING_STAFFING: Tr = Tr("人员编制", "Staffing");
pub const HEADING_TEAM: Tr = Tr(
    "评价工作组（姓名 · 职务 · 分工）",
    "Evaluation team (name · post · role)",
);

/// The unit pane's rows, in order.
#[must_use]
pub fn unit_rows(wb: &Workbook) -> Vec<UnitRow> {
    let mut rows = vec![UnitRow::Heading(HEADING_IDENTITY)];
    rows.extend(UnitField::ALL.iter().map(|&f| UnitRow::Field(f)));
    rows.push(UnitRow::Heading(HEADING_SECTIONS));
    rows.extend((0..wb.unit.sections.len()).map(UnitRow::Section));
    rows.push(UnitRow::AddTo(List::Sections));
    rows.push(UnitRow::Heading(HEADING_STAFFING));
    rows.extend(
        FieldId::ALL
            .iter()
            .filter(|f| f.group() == FieldGroup::Staffing)
            .map(|&f| UnitRow::Staffing(f)),
    );
    rows.push(UnitRow::Heading(HEADING_TEAM));
    rows.extend((0..wb.narrative.team.len()).map(UnitRow::Member));
    rows.push(UnitRow::AddTo(List::Team));
    rows
}

/// The list a row belongs to and its position in it (the add row is one past the end).
#[must_use]
pub fn list_position(wb: &Workbook, row: UnitRow) -> Option<(List, usize)> {
    match row {
        UnitRow::Section(i) => Some((List::Sections, i)),
        UnitRow::Member(i) => Some((List::Team, i)),
        UnitRow::AddTo(List::Sections) => Some((List::Sections, wb.unit.sections.len())),
        UnitRow::AddTo(List::Team) => Some((List::Team, wb.narrative.team.len())),
        _ => None,
    }
}

/// Inserts an empty entry at `at` (clamped to the list's end); returns its position.
pub fn insert(wb: &mut Workbook, list: List, at: usize) -> usize {
    match list {
        List::Sections => {
            let at = at.min(wb.unit.sections.len());
            wb.unit.sections.insert(at, String::new());
            at
        }
        List::Team => {
            let at = at.min(wb.narrative.team.len());
            wb.narrative.team.insert(at, TeamMember::default());
            at
        }
    }
}

/// Removes the entry at `at`; false when there is none.
pub fn remove(wb: &mut Workbook, list: List, at: usize) -> bool {
    match list {
        List::Sections if at < wb.unit.sections.len() => {
            wb.unit.sections.remove(at);
            true
        }
        List::Team if at < wb.narrative.team.len() => {
            wb.narrative.team.remove(at);
            true
        }
        _ => false,
    }
}

/// Swaps the entry at `at` with its neighbour up (`up`) or down; returns its new position.
pub fn move_entry(wb: &mut Workbook, list: List, at: usize, up: bool) -> Option<usize> {
    let len = match list {
        List::Sections => wb.unit.sections.len(),
        List::Team => wb.narrative.team.len(),
    };
    let to = if up { at.checked_sub(1)? } else { at + 1 };
    if at >= len || to >= len {
        return None;
    }
    match list {
        List::Sections => wb.unit.sections.swap(at, to),
        List::Team => wb.narrative.team.swap(at, to),
    }
    Some(to)
}

/// The unit pane row showing a list entry.
#[must_use]
pub fn row_of(list: List, at: usize) -> UnitRow {
    match list {
        List::Sections => UnitRow::Section(at),
        List::Team => UnitRow::Member(at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn team_rows_add_delete_and_move() {
        let mut wb = sample_workbook();
        wb.narrative.team.clear();
        assert_eq!(insert(&mut wb, List::Team, 9), 0);
        MemberColumn::Name.set(&mut wb.narrative.team[0], "李明");
        insert(&mut wb, List::Team, 1);
        MemberColumn::Name.set(&mut wb.narrative.team[1], "王芳");
        assert_eq!(move_entry(&mut wb, List::Team, 1, true), Some(0));
        assert_eq!(wb.narrative.team[0].name, "王芳");
        assert_eq!(move_entry(&mut wb, List::Team, 0, true), None);
        assert_eq!(move_entry(&mut wb, List::Team, 1, false), None);
        assert!(remove(&mut wb, List::Team, 0));
        assert_eq!(wb.narrative.team[0].name, "李明");
        assert!(!remove(&mut wb, List::Team, 5));
    }

    #[test]
    fn year_takes_full_width_digits_and_refuses_nonsense() {
        let mut wb = sample_workbook();
        UnitField::Year
            .set(&mut wb, "２０２４")
            .expect("full-width");
        assert_eq!(wb.unit.fiscal_year, 2024);
        let err = UnitField::Year.set(&mut wb, "24").expect_err("two digits");
        assert!(err.zh.contains("2024"));
        assert_eq!(wb.unit.fiscal_year, 2024);
    }

    #[test]
    fn rows_list_every_section_member_and_staffing_figure() {
        let wb = sample_workbook();
        let rows = unit_rows(&wb);
        let members = rows
            .iter()
            .filter(|r| matches!(r, UnitRow::Member(_)))
            .count();
        assert_eq!(members, wb.narrative.team.len());
        assert!(rows.contains(&UnitRow::Staffing(FieldId::ActualHeadcount)));
        assert!(rows.contains(&UnitRow::AddTo(List::Team)));
    }
}

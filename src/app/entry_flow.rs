//! Entering a column of figures: after Enter commits, the selection moves to
//! the next one-value row that can be typed into, so the officer never counts `j`
//! presses. `App::enter_stays` (set from `JIXIAO_ENTER_STAYS` by the run loop)
//! keeps the selection in place instead.

use super::identity::{UnitRow, unit_rows};
use super::rows::{BudgetRow, WorkloadRow, budget_rows, workload_rows};
use super::{App, Pane};

impl App {
    /// Whether a row of a pane opens a text editor on Enter.
    fn is_entry_row(&self, pane: Pane, row: usize) -> bool {
        match pane {
            Pane::Budget => matches!(budget_rows().get(row), Some(BudgetRow::Field(_))),
            Pane::Workload => matches!(
                workload_rows(&self.workbook).get(row),
                Some(WorkloadRow::Item(..) | WorkloadRow::Part(..))
            ),
            Pane::Unit => matches!(
                unit_rows(&self.workbook).get(row),
                Some(UnitRow::Field(_) | UnitRow::Staffing(_))
            ),
            _ => false,
        }
    }

    /// After a commit: on to the next entry row of the pane, if there is one.
    /// List rows (sections, team members) stay: the next keys are a, ←→ or K/J.
    pub(super) fn advance_after_commit(&mut self) {
        let pane = self.pane;
        if self.enter_stays || !self.is_entry_row(pane, self.selection[pane]) {
            return;
        }
        let rows = self.row_count(pane);
        let from = self.selection[pane] + 1;
        if let Some(next) = (from..rows).find(|&row| self.is_entry_row(pane, row)) {
            self.selection[pane] = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App, Origin, Pane};
    use crate::core::Lang;
    use crate::core::model::FieldId;
    use crate::core::sample::sample_workbook;

    fn typed(app: &mut App, text: &str) {
        for ch in text.chars() {
            app.update(Action::Input(ch));
        }
    }

    #[test]
    fn enter_moves_to_the_next_field_skipping_headings_and_ratios() {
        let mut app = App::new(sample_workbook(), "w.json".into(), Origin::File, Lang::Zh);
        app.pane = Pane::Budget;
        let rows = crate::app::rows::budget_rows();
        let fields: Vec<usize> = (0..rows.len())
            .filter(|&r| matches!(rows[r], crate::app::BudgetRow::Field(_)))
            .collect();
        app.selection[Pane::Budget] = fields[0];
        app.update(Action::Activate);
        app.update(Action::ClearInput);
        typed(&mut app, "1");
        app.update(Action::Commit);
        assert_eq!(app.selection[Pane::Budget], fields[1]);
        // The last field of a group goes on past the ratios to the next group's first.
        let before_gap = fields.windows(2).find(|w| w[1] > w[0] + 1).expect("a gap");
        app.selection[Pane::Budget] = before_gap[0];
        app.update(Action::Activate);
        app.update(Action::Commit);
        assert_eq!(app.selection[Pane::Budget], before_gap[1]);
        let _ = FieldId::ALL;
    }

    #[test]
    fn the_option_keeps_the_selection_in_place() {
        let mut app = App::new(sample_workbook(), "w.json".into(), Origin::File, Lang::Zh);
        app.enter_stays = true;
        app.pane = Pane::Budget;
        app.selection[Pane::Budget] = 1;
        app.update(Action::Activate);
        app.update(Action::Commit);
        assert_eq!(app.selection[Pane::Budget], 1);
    }
}

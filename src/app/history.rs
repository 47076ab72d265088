//! Undo and redo: the workbooks before each committed change, the oldest
//! forgotten past a limit.

use crate::core::model::Workbook;

/// How many edits undo remembers.
const UNDO_LIMIT: usize = 500;

/// The states undo and redo step through.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Workbook>,
    redo: Vec<Workbook>,
}

impl History {
    /// Remembers the workbook before a change; a new change forgets what redo had.
    pub fn record(&mut self, before: Workbook) {
        self.undo.push(before);
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    /// One step back (`forward` false) or forward: `current` becomes the
    /// state stepped to and is kept for the way back. False when there is
    /// nothing that way.
    pub fn step(&mut self, current: &mut Workbook, forward: bool) -> bool {
        let (from, to) = if forward {
            (&mut self.redo, &mut self.undo)
        } else {
            (&mut self.undo, &mut self.redo)
        };
        match from.pop() {
            Some(state) => {
                to.push(std::mem::replace(current, state));
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(name: &str) -> Workbook {
        let mut wb = crate::core::sample::sample_workbook();
        name.clone_into(&mut wb.unit.name);
        wb
    }

    #[test]
    fn undo_and_redo_walk_the_states_and_a_new_change_forgets_redo() {
        let mut history = History::default();
        let mut current = named("a");
        for next in ["b", "c"] {
            history.record(std::mem::replace(&mut current, named(next)));
        }
        assert!(history.step(&mut current, false));
        assert_eq!(current.unit.name, "b");
        assert!(history.step(&mut current, false));
        assert_eq!(current.unit.name, "a");
        assert!(!history.step(&mut current, false), "nothing older");
        assert!(history.step(&mut current, true));
        assert_eq!(current.unit.name, "b");
        history.record(std::mem::replace(&mut current, named("d")));
        assert!(!history.step(&mut current, true), "redo forgotten");
        assert_eq!(current.unit.name, "d");
    }

    #[test]
    fn only_the_last_states_are_kept() {
        let mut history = History::default();
        let mut current = named("0");
        for i in 1..=UNDO_LIMIT + 3 {
            history.record(std::mem::replace(&mut current, named(&i.to_string())));
        }
        let mut steps = 0;
        while history.step(&mut current, false) {
            steps += 1;
        }
        assert_eq!(steps, UNDO_LIMIT);
        assert_eq!(current.unit.name, "3", "the three oldest are forgotten");
    }
}

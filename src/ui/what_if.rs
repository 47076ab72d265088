//! The detail panel's what-if: for the selected computed leaf, the nearest
//! input values at which its score changes (from the app's cached
//! `core::engine::what_if`), and what one score must gain or lose to move
//! the grade.

use super::cells::Entries;
use crate::app::App;
use crate::core::engine::what_if::grade_what_if;
use crate::core::engine::what_if_text::{grade_text, move_text};
use crate::i18n as t;

/// Appends the input moves of the leaf at `index` (nothing unless it is computed).
pub(super) fn move_entries(app: &App, index: usize, e: &mut Entries) {
    let lang = app.lang;
    let Some(leaf) = app.what_if_of(index) else {
        return;
    };
    let label = t::WHAT_IF.get(lang);
    if leaf.moves.is_empty() {
        e.push((label.to_owned(), t::WHAT_IF_NONE.get(lang).to_owned()));
    }
    for m in &leaf.moves {
        e.push((label.to_owned(), move_text(m).get(lang).to_owned()));
    }
}

/// Appends what one score must gain or lose to move the grade (on computed leaves).
pub(super) fn grade_entries(app: &App, index: usize, e: &mut Entries) {
    let lang = app.lang;
    if app.what_if_of(index).is_none() {
        return;
    }
    let grade = grade_what_if(&app.derived);
    for (g, raise) in [(&grade.raise, true), (&grade.lower, false)] {
        if let Some(g) = g {
            e.push((
                t::WHAT_IF_GRADE.get(lang).to_owned(),
                grade_text(g, raise).get(lang).to_owned(),
            ));
        }
    }
}

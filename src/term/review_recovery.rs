//! Reviewer mode's side of its recovery file (`store::ReviewRecovery`): the
//! entries a crashed session left taken back at start, and the unsaved
//! entries staged after each batch of keys.

use std::time::Instant;

use crate::app::StatusLine as _;
use crate::app::review::ReviewApp;
use crate::store::{ReviewRecovery, kept_message, restored_message};

/// Takes back the newest recovery file left over these folders, as unsaved
/// entries; it is removed once this session's own copy is written. A file
/// whose review file changed since is kept and named in the status line.
pub(super) fn take_back(app: &mut ReviewApp, recovery: &mut ReviewRecovery) {
    let Some((file, _, unsaved)) = recovery.journal.left_behind().into_iter().next() else {
        return;
    };
    let (restored, left_out) = app.session.restore_unsaved(&unsaved);
    app.refresh_view();
    app.refresh_stats();
    if restored > 0 {
        after_update(app, recovery);
        if recovery.flush_now().is_some() && !left_out {
            let _ = std::fs::remove_file(&file);
        }
    }
    if left_out {
        app.error_bi(&kept_message(&file));
    } else {
        let message = restored_message(restored, &file);
        let text = message.get(app.lang()).to_owned();
        app.info(text);
    }
}

/// Stages (and, when due, writes) the unsaved entries after a batch of keys.
pub(super) fn after_update(app: &ReviewApp, recovery: &mut ReviewRecovery) {
    let book = &app.session.reviews;
    recovery.after_update(
        book.revision(),
        book.is_dirty(),
        || app.session.unsaved_reviews(),
        Instant::now(),
    );
}

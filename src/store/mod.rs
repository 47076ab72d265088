//! Never lose an officer's work: atomic saves with a backup, opening without
//! ever overwriting a file that could not be read, external-change detection,
//! a recovery journal and termination-signal flags.
//!
//! This is the I/O layer around the pure `core::format`; the workbench calls it
//! and shows its `Bilingual` messages in the status bar.
//!
//! Typical use from the workbench:
//! - start: [`open`] (or [`open_for_review`]); then [`Journal::find_recovery`]
//!   to offer restoring a killed session's edits;
//! - on each edit: [`Debounce::edited`]; when [`Debounce::is_due`],
//!   [`RecoveryWriter::write_recovery`];
//! - `Ctrl-S`: [`Document::save`] (it refuses with [`SaveFault::ChangedOnDisk`]
//!   when a colleague changed the file; ask, then [`Document::save_overwriting`],
//!   [`Document::save_as`] or [`Document::reload`]); after a clean save or quit,
//!   [`RecoveryWriter::remove_recovery`];
//! - [`TermSignals`] is polled by the run loop; [`EmergencyStash`] is for the
//!   panic hook.

mod atomic;
mod canonical;
mod debounce;
mod document;
mod error;
pub mod evidence;
mod open;
mod output;
mod paths;
mod recovery;
mod review_recovery;
mod signals;
mod stamp;

pub use atomic::{Saved, backup_path, save_as, save_atomic, write_file};
pub use canonical::canonicalize;
pub use debounce::Debounce;
pub use document::{Document, Opened, Origin, ReadOnlyReason};
pub use error::{OpenError, SaveError, SaveFault, SaveStep};
pub use open::{
    MAX_FILE_BYTES, free_sibling, guard_input, open, open_for_review, read_guarded,
    read_guarded_into, read_text,
};
pub use output::{Existing, WriteRule, same_file};
pub use paths::{data_dir, default_workbook};
pub use recovery::{Draft, EmergencyStash, Journal, Recovered, RecoveryError, RecoveryWriter};
pub use review_recovery::{
    REVIEW_RECOVERY_FORMAT, ReviewJournal, ReviewRecovery, UnsavedReview, kept_message,
    restored_message,
};
pub use signals::TermSignals;
pub use stamp::{DiskChange, FileStamp, changed_on_disk};

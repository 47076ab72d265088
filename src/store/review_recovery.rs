//! Reviewer mode's recovery file: while review entries (statuses, scores,
//! comments, reasons) are unsaved, the changed review files are copied to
//! `<data dir>/recovery/review-<hash of the folders>-<pid>.json`, written
//! debounced after changes and from the panic hook, so a crash or a killed
//! terminal costs at most a second of the reviewer's work. The next start
//! of reviewer mode over the same folders takes the entries back as unsaved
//! changes (saved only by Ctrl-S), as the workbench does with its journal.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::atomic::{Mode, save_with};
use super::stamp::hex;
use crate::core::Bilingual;

/// The `format` value of a reviewer's recovery file.
pub const REVIEW_RECOVERY_FORMAT: &str = "jixiao-review-recovery";
const VERSION: u32 = 1;

/// One changed review file: where it belongs, what it was read from, and
/// its text as it would be saved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsavedReview {
    /// `<folder>/jixiao-review.json`.
    pub path: PathBuf,
    /// Hash of the review file as read (`None`: there was none), so entries
    /// are never put back over a file someone saved since.
    pub base_sha256: Option<String>,
    /// The review file's JSON text with the unsaved entries.
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct RecoveryFile {
    format: String,
    version: u32,
    written_at_unix_ms: u64,
    pid: u32,
    reviews: Vec<UnsavedReview>,
}

/// Recovery files of reviewer sessions over one set of folders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewJournal {
    dir: PathBuf,
    /// `review-<hash>`: the same folders, in any order or spelling.
    prefix: String,
}

impl ReviewJournal {
    /// The journal in `dir` for the review files `paths`.
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>, paths: &[PathBuf]) -> Self {
        let mut canonical: Vec<PathBuf> = paths
            .iter()
            .map(|p| fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        canonical.sort();
        canonical.dedup();
        let mut hasher = Sha256::new();
        for path in &canonical {
            hasher.update(path.as_os_str().as_encoded_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        Self {
            dir: dir.into(),
            prefix: format!("review-{}", hex(&digest[..16])),
        }
    }

    /// `<data dir>/recovery`; `None` when the platform has no data folder.
    #[must_use]
    pub fn in_data_dir(paths: &[PathBuf]) -> Option<Self> {
        super::paths::data_dir().map(|d| Self::new(d.join("recovery"), paths))
    }

    /// This instance's recovery file.
    #[must_use]
    pub fn file(&self) -> PathBuf {
        self.dir
            .join(format!("{}-{}.json", self.prefix, std::process::id()))
    }

    /// Writes the unsaved review files (atomically, replacing this
    /// instance's previous copy).
    ///
    /// # Errors
    /// When the folder or the file cannot be written.
    pub fn write(&self, reviews: &[UnsavedReview]) -> io::Result<PathBuf> {
        let file = self.file();
        let body = RecoveryFile {
            format: REVIEW_RECOVERY_FORMAT.to_owned(),
            version: VERSION,
            written_at_unix_ms: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX)),
            pid: std::process::id(),
            reviews: reviews.to_vec(),
        };
        let text = serde_json::to_string(&body).map_err(io::Error::other)?;
        fs::create_dir_all(&self.dir)?;
        save_with(
            &file,
            text.as_bytes(),
            Mode::ReplacePrivate,
            &mut |_| Ok(()),
        )
        .map_err(|e| io::Error::other(e.to_string()))?;
        Ok(file)
    }

    /// Removes this instance's file (after a save, or when nothing is unsaved).
    pub fn remove(&self) {
        let _ = fs::remove_file(self.file());
    }

    /// Recovery files left by earlier sessions over these folders (not by a
    /// reviewer still running), newest first, with the unsaved review files
    /// each holds. Unreadable files are skipped, never deleted.
    #[must_use]
    pub fn left_behind(&self) -> Vec<(PathBuf, SystemTime, Vec<UnsavedReview>)> {
        let Ok(listing) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        for item in listing.flatten() {
            let path = item.path();
            let name = item.file_name().to_string_lossy().into_owned();
            if !name.starts_with(&format!("{}-", self.prefix)) || path == self.file() {
                continue;
            }
            let Ok((bytes, _)) = super::read_guarded(&path) else {
                continue;
            };
            let Ok(file) = serde_json::from_slice::<RecoveryFile>(&bytes) else {
                continue;
            };
            if file.format != REVIEW_RECOVERY_FORMAT
                || super::recovery::process_is_running(file.pid, &self.dir)
            {
                continue;
            }
            let at = UNIX_EPOCH + Duration::from_millis(file.written_at_unix_ms);
            found.push((path, at, file.reviews));
        }
        found.sort_by_key(|f| std::cmp::Reverse(f.1));
        found
    }
}

/// The message shown when entries were taken back.
#[must_use]
pub fn restored_message(count: usize, file: &Path) -> Bilingual {
    let shown = file.display();
    Bilingual::new(
        format!("已恢复上次未保存的审核记录（{count} 个审核文件，来自 {shown}）；按 Ctrl-S 保存"),
        format!(
            "restored unsaved review entries of a previous session ({count} review files, from {shown}); Ctrl-S saves them"
        ),
    )
}

/// The message when a review file changed since the entries were made.
#[must_use]
pub fn kept_message(file: &Path) -> Bilingual {
    let shown = file.display();
    Bilingual::new(
        format!("有上次未保存的审核记录，但审核文件此后已被修改，未自动恢复；记录保留在 {shown}"),
        format!(
            "unsaved review entries of a previous session were not restored because the review file changed since; they are kept in {shown}"
        ),
    )
}

/// The reviewer's recovery writes: debounced after changes, and the latest
/// text kept where the panic hook can write it.
#[derive(Debug, Clone)]
pub struct ReviewRecovery {
    pub journal: ReviewJournal,
    stash: Arc<Mutex<Option<Vec<UnsavedReview>>>>,
    /// The book's revision last staged, and when it was staged.
    staged: Option<u64>,
    written: Option<u64>,
    changed_at: Option<Instant>,
}

/// Longest a change waits before it is written (keys in between are batched).
const QUIET: Duration = Duration::from_millis(300);

impl ReviewRecovery {
    #[must_use]
    pub fn new(journal: ReviewJournal) -> Self {
        Self {
            journal,
            stash: Arc::new(Mutex::new(None)),
            staged: None,
            written: None,
            changed_at: None,
        }
    }

    /// After each batch of keys: `revision` counts the book's changes;
    /// `unsaved` gives the changed review files (called only on a change).
    /// Writes when the change is old enough; removes the file when nothing
    /// is unsaved any more.
    pub fn after_update(
        &mut self,
        revision: u64,
        dirty: bool,
        unsaved: impl FnOnce() -> Vec<UnsavedReview>,
        now: Instant,
    ) {
        if !dirty {
            if self.written.is_some() || self.staged.is_some() {
                self.journal.remove();
                if let Ok(mut slot) = self.stash.lock() {
                    *slot = None;
                }
            }
            self.staged = None;
            self.written = None;
            self.changed_at = None;
            return;
        }
        if self.staged != Some(revision) {
            let reviews = unsaved();
            if let Ok(mut slot) = self.stash.lock() {
                *slot = Some(reviews);
            }
            self.staged = Some(revision);
            self.changed_at.get_or_insert(now);
        }
        let due = self
            .changed_at
            .is_some_and(|first| now.duration_since(first) >= QUIET);
        if due && self.written != self.staged {
            self.flush_now();
        }
    }

    /// Writes what is staged now (the loop's end, a signal, the panic hook).
    pub fn flush_now(&mut self) -> Option<PathBuf> {
        let reviews = self.stash.try_lock().ok()?.clone()?;
        let written = self.journal.write(&reviews).ok();
        if written.is_some() {
            self.written = self.staged;
            self.changed_at = None;
        }
        written
    }

    /// A closure for the panic hook: writes the staged entries, never blocks.
    pub fn panic_flush(&self) -> impl Fn() -> Option<PathBuf> + Send + Sync + 'static {
        let stash = Arc::clone(&self.stash);
        let journal = self.journal.clone();
        move || {
            let reviews = stash.try_lock().ok()?.clone()?;
            journal.write(&reviews).ok()
        }
    }

    /// How long the loop may wait for keys before a write falls due.
    #[must_use]
    pub fn time_left(&self, now: Instant) -> Option<Duration> {
        if self.written == self.staged {
            return None;
        }
        let first = self.changed_at?;
        Some(QUIET.saturating_sub(now.duration_since(first)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsaved(text: &str) -> Vec<UnsavedReview> {
        vec![UnsavedReview {
            path: PathBuf::from("/nowhere/jixiao-review.json"),
            base_sha256: None,
            text: text.to_owned(),
        }]
    }

    #[test]
    fn a_change_is_written_after_the_quiet_time_and_removed_when_saved() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = ReviewJournal::new(dir.path(), &[PathBuf::from("/a/jixiao-review.json")]);
        let mut recovery = ReviewRecovery::new(journal.clone());
        let start = Instant::now();
        recovery.after_update(1, true, || unsaved("{}"), start);
        assert!(!journal.file().exists(), "not before the quiet time");
        recovery.after_update(1, true, || unsaved("{}"), start + QUIET);
        assert!(journal.file().exists(), "written once quiet");
        recovery.after_update(1, false, Vec::new, start + QUIET * 2);
        assert!(!journal.file().exists(), "removed once nothing is unsaved");
    }

    #[test]
    fn the_panic_hook_writes_what_was_staged_at_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let journal = ReviewJournal::new(dir.path(), &[PathBuf::from("/a/jixiao-review.json")]);
        let mut recovery = ReviewRecovery::new(journal.clone());
        recovery.after_update(7, true, || unsaved("{\"x\":1}"), Instant::now());
        let flush = recovery.panic_flush();
        let written = flush().expect("written");
        let text = fs::read_to_string(written).expect("read");
        assert!(text.contains("{\\\"x\\\":1}"), "{text}");
    }

    #[test]
    fn the_same_folders_in_another_order_share_a_journal() {
        let a = PathBuf::from("/a/jixiao-review.json");
        let b = PathBuf::from("/b/jixiao-review.json");
        assert_eq!(
            ReviewJournal::new("/r", &[a.clone(), b.clone()]),
            ReviewJournal::new("/r", &[b, a.clone()])
        );
        assert_ne!(
            ReviewJournal::new("/r", std::slice::from_ref(&a)),
            ReviewJournal::new("/r", &[])
        );
    }
}

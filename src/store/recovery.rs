//! The recovery journal: while there are unsaved edits, the workbook is copied
//! to a file in the data folder, one per workbook path and running instance
//! (`<stem>-<path hash>-<pid>.json`, the start time inside), so a killed
//! session or a power cut costs at most about a second of typing, and two
//! windows on one file never delete or overwrite each other's edits.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::atomic::{Mode, save_with};
use super::document::Document;
use super::stamp::{FileStamp, hex};
use crate::core::Bilingual;
use crate::core::format::{Loaded, load};

/// The `format` value of a recovery file.
pub const RECOVERY_FORMAT: &str = "jixiao-recovery";
const RECOVERY_VERSION: u32 = 1;

/// What is written to a recovery file.
#[derive(Debug, Serialize, Deserialize)]
struct RecoveryFile {
    format: String,
    version: u32,
    /// The workbook file these edits belong to (absolute).
    path: PathBuf,
    /// When the edits were written, in milliseconds since 1970 (UTC).
    written_at_unix_ms: u64,
    /// Hash of the file the edits started from; `None` for a new workbook.
    base_sha256: Option<String>,
    /// The workbook, unknown fields of the original file included.
    workbook: Value,
    /// The instance that wrote it (absent in files of older versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pid: Option<u32>,
    /// When that instance started, in milliseconds since 1970 (UTC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    started_at_unix_ms: Option<u64>,
    /// Text typed into an editor that was still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    draft: Option<Draft>,
}

/// The text of an editor that was open when the recovery was written: not
/// yet a value, but the officer's typing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// What was being edited, in the officer's words.
    pub field: String,
    pub text: String,
    /// What the editor edits, in the workbench's own terms (opaque here), so
    /// a restore can reopen it holding the text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<serde_json::Value>,
}

/// A recovery file found for a workbook: the edits of a session that ended
/// without saving.
#[derive(Debug, Clone, PartialEq)]
pub struct Recovered {
    /// Where the recovery file is.
    pub file: PathBuf,
    /// The workbook file the edits belong to.
    pub workbook_path: PathBuf,
    pub written_at: SystemTime,
    /// Hash of the file the edits started from (`None`: a new workbook).
    pub base_sha256: Option<String>,
    /// The recovered workbook (with `original` for unknown fields).
    pub loaded: Loaded,
    /// The instance that wrote it, and when it started.
    pub pid: Option<u32>,
    pub started_at: Option<SystemTime>,
    /// An open editor's text, not yet committed.
    pub draft: Option<Draft>,
}

impl Recovered {
    /// Whether the file on disk is still the one the edits started from; when
    /// not, the file was saved or changed after the recovery was written, and
    /// the offer should say so.
    #[must_use]
    pub fn base_matches(&self, on_disk: Option<&FileStamp>) -> bool {
        self.base_sha256.as_deref() == on_disk.map(FileStamp::sha256_hex).as_deref()
    }

    /// The start-up offer: restore, open the saved file, or show the difference.
    #[must_use]
    pub fn describe(&self, now: SystemTime) -> Bilingual {
        let minutes = now
            .duration_since(self.written_at)
            .unwrap_or(Duration::ZERO)
            .as_secs()
            / 60;
        let path = self.workbook_path.display();
        let file = self.file.display();
        let (draft_zh, draft_en) = self.draft.as_ref().map_or_else(
            || (String::new(), String::new()),
            |d| {
                let text = crate::text::escape_controls(&d.text, false);
                (
                    format!("；编辑框中未提交的草稿：{} = “{text}”", d.field),
                    format!(
                        "; an uncommitted draft in the editor: {} = \"{text}\"",
                        d.field
                    ),
                )
            },
        );
        Bilingual::new(
            format!(
                "发现 {path} 上次未保存的修改（{minutes} 分钟前，恢复文件 {file}{draft_zh}）：恢复修改、打开已保存的文件，或先查看差异？"
            ),
            format!(
                "Unsaved edits to {path} were found ({minutes} min ago, recovery file {file}{draft_en}): restore them, open the saved file, or see the difference first?"
            ),
        )
    }
}

/// A recovery file that could not be written, read or removed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecoveryError {
    #[error("recovery file {}: {detail}", file.display())]
    Io { file: PathBuf, detail: String },
    #[error("recovery file {} is damaged: {detail}", file.display())]
    Corrupt { file: PathBuf, detail: String },
}

impl RecoveryError {
    fn io(file: &Path, err: &impl std::fmt::Display) -> Self {
        Self::Io {
            file: file.to_path_buf(),
            detail: err.to_string(),
        }
    }

    /// The message in both languages, naming the recovery file.
    #[must_use]
    pub fn describe(&self) -> Bilingual {
        match self {
            Self::Io { file, detail } => Bilingual::new(
                format!("恢复文件 {}：{detail}", file.display()),
                format!("recovery file {}: {detail}", file.display()),
            ),
            Self::Corrupt { file, detail } => Bilingual::new(
                format!("恢复文件 {} 已损坏（{detail}），已保留未动", file.display()),
                format!(
                    "recovery file {} is damaged ({detail}); left in place",
                    file.display()
                ),
            ),
        }
    }
}

/// The folder of recovery files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Journal {
    dir: PathBuf,
}

impl Journal {
    /// A journal in `dir` (tests pass a temporary folder).
    #[must_use]
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `<data dir>/recovery`; `None` when the platform has no data folder.
    #[must_use]
    pub fn in_data_dir() -> Option<Self> {
        super::paths::data_dir().map(|d| Self::new(d.join("recovery")))
    }

    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// This instance's recovery file for a workbook path: readable stem plus
    /// a hash of the canonical path (two `report.json` in different folders
    /// never meet) plus the process id (two windows on one file never meet).
    #[must_use]
    pub fn recovery_file(&self, workbook_path: &Path) -> PathBuf {
        let prefix = Self::recovery_prefix(workbook_path);
        self.dir
            .join(format!("{prefix}-{}.json", std::process::id()))
    }

    /// The name every instance's recovery file for this workbook starts with.
    fn recovery_prefix(workbook_path: &Path) -> String {
        let canonical = canonical(workbook_path);
        let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
        let stem: String = canonical
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_alphanumeric() || matches!(c, '-' | '_'))
            .take(40)
            .collect();
        format!("{stem}-{}", hex(&digest[..16]))
    }

    /// The writer for an editing session; `None` for read-only documents,
    /// which never get a recovery file.
    #[must_use]
    pub fn writer_for(&self, document: &Document) -> Option<RecoveryWriter> {
        if document.read_only().is_some() {
            return None;
        }
        Some(RecoveryWriter {
            file: self.recovery_file(document.path()),
            workbook_path: canonical(document.path()),
            base_sha256: document.stamp().map(FileStamp::sha256_hex),
            started_at_unix_ms: unix_ms(SystemTime::now()),
        })
    }

    /// The newest recovery file of a session that ended without saving, if
    /// any (see [`Journal::find_recoveries`] for all of them).
    ///
    /// # Errors
    /// When none can be offered but one exists that cannot be read or is
    /// damaged; it is left in place.
    pub fn find_recovery(&self, workbook_path: &Path) -> Result<Option<Recovered>, RecoveryError> {
        let mut first_error = None;
        for found in self.find_recoveries(workbook_path) {
            match found {
                Ok(recovered) => return Ok(Some(recovered)),
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        first_error.map_or(Ok(None), Err)
    }

    /// Every recovery file for this workbook left by an instance that is no
    /// longer running (this one's own included), newest first; damaged ones
    /// after them, as errors. Files of instances still running are theirs.
    #[must_use]
    pub fn find_recoveries(&self, workbook_path: &Path) -> Vec<Result<Recovered, RecoveryError>> {
        let prefix = Self::recovery_prefix(workbook_path);
        let Ok(listing) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut files: Vec<PathBuf> = listing
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                name.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".json"))
                    .is_some_and(|pid| {
                        pid.is_empty() || (pid.starts_with('-') && pid[1..].parse::<u32>().is_ok())
                    })
            })
            .map(|entry| entry.path())
            .collect();
        files.sort();
        let mut found: Vec<Result<Recovered, RecoveryError>> = files
            .iter()
            .filter_map(|file| Self::read_recovery(file, workbook_path).transpose())
            .filter(|r| !r.as_ref().is_ok_and(Recovered::writer_is_running))
            .collect();
        found.sort_by_key(|r| match r {
            Ok(rec) => (0, std::cmp::Reverse(rec.written_at)),
            Err(_) => (1, std::cmp::Reverse(UNIX_EPOCH)),
        });
        found
    }

    /// One recovery file; `None` when it belongs to another workbook.
    fn read_recovery(
        file: &Path,
        workbook_path: &Path,
    ) -> Result<Option<Recovered>, RecoveryError> {
        let file = file.to_path_buf();
        let text = match fs::read_to_string(&file) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(RecoveryError::io(&file, &e)),
        };
        let corrupt = |detail: String| RecoveryError::Corrupt {
            file: file.clone(),
            detail,
        };
        let stored: RecoveryFile =
            serde_json::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
        if stored.format != RECOVERY_FORMAT || stored.version > RECOVERY_VERSION {
            return Err(corrupt(format!(
                "format \"{}\" version {}, expected \"{RECOVERY_FORMAT}\" version {RECOVERY_VERSION}",
                stored.format, stored.version
            )));
        }
        if stored.path != canonical(workbook_path) {
            // A hash collision or a hand-copied file: not ours to offer.
            return Ok(None);
        }
        let workbook_text =
            serde_json::to_string(&stored.workbook).map_err(|e| corrupt(e.to_string()))?;
        let loaded = load(&workbook_text).map_err(|e| corrupt(e.to_string()))?;
        Ok(Some(Recovered {
            workbook_path: stored.path,
            written_at: UNIX_EPOCH + Duration::from_millis(stored.written_at_unix_ms),
            base_sha256: stored.base_sha256,
            loaded,
            file,
            pid: stored.pid,
            started_at: stored
                .started_at_unix_ms
                .map(|ms| UNIX_EPOCH + Duration::from_millis(ms)),
            draft: stored.draft,
        }))
    }

    /// Removes a recovery file this instance took over (offered and
    /// restored or declined). Returns whether there was one.
    ///
    /// # Errors
    /// When it exists but cannot be removed.
    pub fn remove_file(&self, file: &Path) -> Result<bool, RecoveryError> {
        remove_file(file)
    }

    /// Removes the recovery file of a workbook (after a clean save or quit, or
    /// when the officer chose the saved file). Returns whether there was one.
    ///
    /// # Errors
    /// When it exists but cannot be removed.
    pub fn remove_recovery(&self, workbook_path: &Path) -> Result<bool, RecoveryError> {
        remove_file(&self.recovery_file(workbook_path))
    }
}

/// Writes one editing session's recovery file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryWriter {
    file: PathBuf,
    workbook_path: PathBuf,
    base_sha256: Option<String>,
    started_at_unix_ms: u64,
}

impl RecoveryWriter {
    /// Where the recovery file is (for the message after a crash).
    #[must_use]
    pub fn location(&self) -> &Path {
        &self.file
    }

    /// Writes the workbook file text (`Document::to_json`) to the recovery
    /// file, atomically and readable by the owner only.
    ///
    /// # Errors
    /// When the text is not JSON or the file cannot be written.
    pub fn write_recovery(&self, workbook_json: &str) -> Result<PathBuf, RecoveryError> {
        self.write_with_draft(workbook_json, None)
    }

    /// As [`RecoveryWriter::write_recovery`], keeping an open editor's text.
    ///
    /// # Errors
    /// When the text is not JSON or the file cannot be written.
    pub fn write_with_draft(
        &self,
        workbook_json: &str,
        draft: Option<&Draft>,
    ) -> Result<PathBuf, RecoveryError> {
        let workbook: Value =
            serde_json::from_str(workbook_json).map_err(|e| RecoveryError::io(&self.file, &e))?;
        let written_at_unix_ms = unix_ms(SystemTime::now());
        let stored = RecoveryFile {
            pid: Some(std::process::id()),
            started_at_unix_ms: Some(self.started_at_unix_ms),
            draft: draft.cloned(),
            format: RECOVERY_FORMAT.to_owned(),
            version: RECOVERY_VERSION,
            path: self.workbook_path.clone(),
            written_at_unix_ms,
            base_sha256: self.base_sha256.clone(),
            workbook,
        };
        let text =
            serde_json::to_string_pretty(&stored).map_err(|e| RecoveryError::io(&self.file, &e))?;
        save_with(
            &self.file,
            text.as_bytes(),
            Mode::ReplacePrivate,
            &mut |_| Ok(()),
        )
        .map_err(|e| RecoveryError::io(&self.file, &e.describe().en))?;
        if let Some(dir) = self.file.parent() {
            hold_instance_lock(dir);
        }
        Ok(self.file.clone())
    }

    /// Removes this session's recovery file. Returns whether there was one.
    ///
    /// # Errors
    /// When it exists but cannot be removed.
    pub fn remove_recovery(&self) -> Result<bool, RecoveryError> {
        remove_file(&self.file)
    }
}

fn unix_ms(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Recovered {
    /// Whether the instance that wrote this is another one still running
    /// (then the file is its live journal, not something to offer).
    fn writer_is_running(&self) -> bool {
        match self.pid {
            Some(pid) if pid != std::process::id() => {
                process_is_running(pid, self.file.parent().unwrap_or(Path::new(".")))
            }
            _ => false,
        }
    }
}

#[cfg(unix)]
fn process_is_running(pid: u32, _dir: &Path) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return false;
    };
    match rustix::process::test_kill_process(pid) {
        Ok(()) => true,
        // It exists but belongs to someone else.
        Err(e) => e == rustix::io::Errno::PERM,
    }
}

/// Elsewhere (Windows) a process cannot be asked after by id without
/// unsafe system calls, which this crate forbids; and ids are reused soon.
/// So each instance that writes a recovery file holds an exclusive lock on
/// `instance-<pid>.lock` beside it until it exits (the system releases it
/// when the process ends, killed or not): a lock that cannot be taken
/// belongs to a running instance.
#[cfg(not(unix))]
fn process_is_running(pid: u32, dir: &Path) -> bool {
    let Ok(file) = fs::File::open(instance_lock(dir, pid)) else {
        return false;
    };
    matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock))
}

#[cfg(not(unix))]
fn instance_lock(dir: &Path, pid: u32) -> PathBuf {
    dir.join(format!("instance-{pid}.lock"))
}

/// Takes this instance's lock in `dir` once, and removes the lock files of
/// instances that have ended. Best effort: without it, another instance
/// would only offer this one's recovery file as left behind.
#[cfg(not(unix))]
fn hold_instance_lock(dir: &Path) {
    static HELD: std::sync::OnceLock<Option<fs::File>> = std::sync::OnceLock::new();
    HELD.get_or_init(|| {
        if let Ok(listing) = fs::read_dir(dir) {
            for entry in listing.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if name.starts_with("instance-")
                    && name.ends_with(".lock")
                    && fs::File::open(entry.path()).is_ok_and(|f| f.try_lock().is_ok())
                {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
        let file = fs::File::create(instance_lock(dir, std::process::id())).ok()?;
        file.try_lock().ok()?;
        Some(file)
    });
}

/// The process itself answers for it here (`process_is_running`).
#[cfg(unix)]
fn hold_instance_lock(_dir: &Path) {}

fn remove_file(file: &Path) -> Result<bool, RecoveryError> {
    match fs::remove_file(file) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(RecoveryError::io(file, &e)),
    }
}

/// The absolute path with symlinks resolved as far as the file exists, so the
/// same workbook reached by two spellings shares one recovery file.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = super::canonicalize(path) {
        return p;
    }
    if let (Some(parent), Some(name)) = (path.parent(), path.file_name()) {
        let parent = if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        };
        if let Ok(p) = super::canonicalize(parent) {
            return p.join(name);
        }
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The latest unsaved workbook text, kept where a panic hook can reach it and
/// write it out before the terminal is restored.
#[derive(Debug, Clone, Default)]
pub struct EmergencyStash {
    pending: Arc<Mutex<Option<(RecoveryWriter, String)>>>,
}

impl EmergencyStash {
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Remembers the text to write if the process dies (call after each edit).
    pub fn stage(&self, writer: &RecoveryWriter, workbook_json: String) {
        if let Ok(mut slot) = self.pending.lock() {
            *slot = Some((writer.clone(), workbook_json));
        }
    }

    /// Forgets it (after a save, or when the edits were undone).
    pub fn clear(&self) {
        if let Ok(mut slot) = self.pending.lock() {
            *slot = None;
        }
    }

    /// Writes the staged text, if any; returns where. Never blocks, so it is
    /// safe in a panic hook even if the panic came from inside `stage`.
    #[must_use]
    pub fn flush(&self) -> Option<Result<PathBuf, RecoveryError>> {
        let slot = self.pending.try_lock().ok()?;
        let (writer, text) = slot.as_ref()?;
        Some(writer.write_recovery(text))
    }
}

//! Saving without ever leaving a half-written file: write a temporary file in
//! the same folder, flush it, keep the previous version as `FILE.bak`, rename
//! over the target, flush the folder.
//!
//! Why the backup is a hard link made *before* the rename and renamed into
//! place *after* it: a hard link to the old file costs nothing, is complete the
//! moment it exists, and keeps the old contents alive after the rename swaps
//! the target to the new inode. Renaming it over `FILE.bak` replaces the old
//! backup atomically, so at every instant (power cut included) the target is
//! either the old or the new file and `FILE.bak` is a complete older version.
//! A copy would be just as safe only if written to a temporary file and renamed
//! too; that is the fallback for file systems without hard links.

use std::ffi::OsString;
use std::fs::{self, File, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use tempfile::{Builder, NamedTempFile};

use super::error::{SaveError, SaveFault, SaveStep};
use super::stamp::FileStamp;
use crate::core::Bilingual;

/// A save that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// The file written (symlinks resolved).
    pub path: PathBuf,
    /// The stamp of what was written, to compare with before the next save.
    pub stamp: FileStamp,
    /// Where the previous version now is, when there was one.
    pub backup: Option<PathBuf>,
    /// Things that went wrong after the file was safely replaced.
    pub warnings: Vec<Bilingual>,
}

/// How the target is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Replace it if present, keeping the previous version as `FILE.bak`.
    ReplaceWithBackup,
    /// Refuse if present.
    CreateNew,
    /// Replace it if present, no backup, private permissions (recovery files).
    ReplacePrivate,
    /// Replace it if present, no backup, its permissions kept (exports,
    /// review files, table files).
    Replace,
}

/// `FILE.bak` next to `FILE` (the whole name plus `.bak`).
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name: OsString = path.file_name().map(OsString::from).unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Saves `bytes` to `path` atomically, keeping the previous version as
/// `FILE.bak` and the file's permissions. Missing parent folders are created.
///
/// # Errors
/// On any failure the file and its `.bak` are untouched; the error says why.
pub fn save_atomic(path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
    save_with(path, bytes, Mode::ReplaceWithBackup, &mut |_| Ok(()))
}

/// Writes `bytes` to `path` atomically without a backup: exports, review
/// files, table files. The one writer for every file jixiao writes besides
/// workbooks (which keep their `.bak`) and recovery files (private).
///
/// # Errors
/// On any failure `path` is untouched; the error says why.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
    save_with(path, bytes, Mode::Replace, &mut |_| Ok(()))
}

/// Saves `bytes` to a new file at `path`, atomically.
///
/// # Errors
/// `SaveFault::AlreadyExists` when something is there already (ask the officer,
/// then call `save_atomic` to overwrite it with a backup); otherwise as
/// `save_atomic`.
pub fn save_as(path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
    save_with(path, bytes, Mode::CreateNew, &mut |_| Ok(()))
}

/// The save, with `before` called at the start of each step so tests can
/// inject a failure there.
pub(crate) fn save_with(
    path: &Path,
    bytes: &[u8],
    mode: Mode,
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<Saved, SaveError> {
    let mut saved = save_all_with(&[(path, bytes)], mode, before)?;
    saved
        .pop()
        .ok_or_else(|| SaveError::new(path, SaveFault::Other, SaveStep::Check))
}

/// Saves several files as one: every new version is written and flushed
/// before any target is replaced, and a failure while replacing puts back the
/// files already replaced, so a failed write leaves nothing half-done.
pub(crate) fn save_all_with(
    files: &[(&Path, &[u8])],
    mode: Mode,
    before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
) -> Result<Vec<Saved>, SaveError> {
    let mut plans = Vec::with_capacity(files.len());
    for (path, _) in files {
        before(SaveStep::Check).map_err(|e| SaveError::io(path, SaveStep::Check, &e))?;
        plans.push(Plan::make(path, mode)?);
    }
    let mut temps = Vec::with_capacity(files.len());
    for (plan, (_, bytes)) in plans.iter().zip(files) {
        temps.push(plan.write_temp(bytes, before)?);
    }
    let mut asides = Vec::with_capacity(files.len());
    for plan in &plans {
        asides.push(if plan.keep_backup() {
            let backup_error = |e: &io::Error| SaveError::io(&plan.path, SaveStep::Backup, e);
            before(SaveStep::Backup).map_err(|e| backup_error(&e))?;
            Some(set_aside(&plan.target, &plan.folder, &plan.short).map_err(|e| backup_error(&e))?)
        } else {
            None
        });
    }
    for (done, (plan, temp)) in plans.iter().zip(temps).enumerate() {
        let persisted = before(SaveStep::Replace).and_then(|()| replace(temp, &plan.target, mode));
        // On failure the temporary files and pending backups are deleted when
        // dropped; the targets replaced so far get their old contents back.
        if let Err(e) = persisted {
            put_back(&plans[..done], &mut asides[..done]);
            return Err(SaveError::io(&plan.path, SaveStep::Replace, &e));
        }
    }
    Ok(plans
        .into_iter()
        .zip(asides)
        .zip(files)
        .map(|((plan, aside), (_, bytes))| plan.finish(bytes, aside))
        .collect())
}

/// Undoes the replacements of a multi-file save that failed part way: each
/// old version back from its pending backup, each new file removed.
fn put_back(plans: &[Plan], asides: &mut [Option<NamedTempFile<()>>]) {
    for (plan, aside) in plans.iter().zip(asides) {
        match aside.take() {
            Some(old) => {
                let _ = old.persist(&plan.target);
            }
            None => {
                let _ = fs::remove_file(&plan.target);
            }
        }
    }
}

/// Renames the temporary file over the target with `std::fs::rename`: on
/// Windows 10 and later it uses POSIX rename semantics, so a reader that
/// shares delete access (most programs, jixiao's reviewer among them) does
/// not block the save. A program that opens the file without sharing delete
/// (some editors, a virus scanner, the search indexer) does: the rename is
/// tried again for about two seconds before the save is refused as
/// [`SaveFault::InUse`](super::SaveFault). `save_as` keeps `tempfile`'s
/// rename that never replaces.
fn replace(temp: NamedTempFile, target: &Path, mode: Mode) -> io::Result<()> {
    const TRIES: u32 = if cfg!(windows) { 20 } else { 1 };
    if mode == Mode::CreateNew {
        return temp
            .persist_noclobber(target)
            .map(drop)
            .map_err(|e| e.error);
    }
    // Closes the file (it is on the disk already); the name is removed if
    // the rename fails.
    let path = temp.into_temp_path();
    let mut tried = 0;
    loop {
        match fs::rename(&path, target) {
            Ok(()) => {
                // The name is the target's now: nothing left to remove.
                let _ = path.keep();
                return Ok(());
            }
            Err(e) => {
                tried += 1;
                if tried >= TRIES || !super::error::held_open(&e) {
                    return Err(e);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// What a save will do, decided before anything is written.
struct Plan {
    path: PathBuf,
    mode: Mode,
    /// The file to replace (symlinks resolved).
    target: PathBuf,
    folder: PathBuf,
    /// The target's name, shortened for temporary names.
    short: String,
    /// The target as it is now, `None` when it does not exist.
    existing: Option<fs::Metadata>,
}

impl Plan {
    /// Looks at the target and its folder (creating missing folders) and
    /// refuses what must not be replaced.
    fn make(path: &Path, mode: Mode) -> Result<Self, SaveError> {
        let check = |e: &io::Error| SaveError::io(path, SaveStep::Check, e);
        let refuse = |fault| SaveError::new(path, fault, SaveStep::Check);
        let target = resolve_symlink(path).map_err(|e| check(&e))?;
        let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            return Err(refuse(SaveFault::TargetIsDirectory));
        };
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        match fs::metadata(&folder) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => return Err(refuse(SaveFault::NotAFolder)),
            Err(_) => create_folder(&folder, mode).map_err(|e| {
                // `create_dir_all` says "exists" when a part of the path is a file.
                if e.kind() == io::ErrorKind::AlreadyExists {
                    SaveError {
                        detail: e.to_string(),
                        ..refuse(SaveFault::NotAFolder)
                    }
                } else {
                    check(&e)
                }
            })?,
        }
        let existing = match fs::metadata(&target) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(check(&e)),
        };
        if let Some(meta) = &existing {
            check_target(path, &target, meta, mode)?;
        }
        let plan = Self {
            path: path.to_path_buf(),
            mode,
            short: short_name(&name),
            target,
            folder,
            existing,
        };
        if plan.keep_backup()
            && let Ok(meta) = fs::symlink_metadata(backup_path(&plan.target))
            && !meta.is_file()
        {
            return Err(refuse(SaveFault::BackupNotAFile));
        }
        Ok(plan)
    }

    fn keep_backup(&self) -> bool {
        self.mode == Mode::ReplaceWithBackup && self.existing.is_some()
    }

    /// The new contents in a temporary file next to the target, on the disk,
    /// with the target's permissions.
    fn write_temp(
        &self,
        bytes: &[u8],
        before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<NamedTempFile, SaveError> {
        let fail = |step| move |e: io::Error| SaveError::io(&self.path, step, &e);
        let create_mode = match (&self.existing, self.mode) {
            (_, Mode::ReplacePrivate) => private_permissions(),
            (Some(meta), _) => Some(meta.permissions()),
            (None, _) => default_permissions(),
        };
        before(SaveStep::CreateTemp).map_err(fail(SaveStep::CreateTemp))?;
        let prefix = format!(".{}.", self.short);
        let mut builder = Builder::new();
        builder.prefix(&prefix).suffix(".jixiao-tmp");
        if let Some(perms) = create_mode {
            builder.permissions(perms);
        }
        let mut temp = builder
            .tempfile_in(&self.folder)
            .map_err(fail(SaveStep::CreateTemp))?;
        // Held until the save ends: tells a later cleaning this one is alive.
        // Where the file system has no locks, age alone tells (STALE_AFTER).
        let _ = temp.as_file().try_lock();

        before(SaveStep::Write).map_err(fail(SaveStep::Write))?;
        temp.write_all(bytes).map_err(fail(SaveStep::Write))?;
        temp.flush().map_err(fail(SaveStep::Write))?;

        before(SaveStep::Sync).map_err(fail(SaveStep::Sync))?;
        if let Some(meta) = &self.existing
            && self.mode != Mode::ReplacePrivate
        {
            // Exact mode bits: the create mode above went through the umask.
            fs::set_permissions(temp.path(), meta.permissions()).map_err(fail(SaveStep::Sync))?;
            keep_owner(temp.as_file(), meta);
        }
        temp.as_file().sync_all().map_err(fail(SaveStep::Sync))?;
        Ok(temp)
    }

    /// After the rename: the backup into place, the folder to disk, litter
    /// from killed saves away. Failures here are warnings: the file is saved.
    fn finish(self, bytes: &[u8], pending_backup: Option<NamedTempFile<()>>) -> Saved {
        let mut warnings = Vec::new();
        let mut backup = None;
        if let Some(aside) = pending_backup {
            let path = backup_path(&self.target);
            match aside.persist(&path) {
                Ok(()) => backup = Some(path),
                Err(e) => warnings.push(Bilingual::new(
                    format!("已保存，但未能更新备份 {}（{}）", path.display(), e.error),
                    format!(
                        "Saved, but the backup {} could not be updated ({})",
                        path.display(),
                        e.error
                    ),
                )),
            }
        }
        if let Err(e) = sync_folder(&self.folder) {
            warnings.push(Bilingual::new(
                format!(
                    "已保存，但未能将文件夹 {} 写入磁盘（{e}）",
                    self.folder.display()
                ),
                format!(
                    "Saved, but the folder {} could not be flushed to disk ({e})",
                    self.folder.display()
                ),
            ));
        }
        remove_stale_temps(&self.folder, &self.short);
        let metadata = fs::metadata(&self.target).ok();
        Saved {
            stamp: FileStamp::of(bytes, metadata.as_ref()),
            path: self.target,
            backup,
            warnings,
        }
    }
}

/// Where locks are not supported, a temporary file this old was left by a
/// save that was killed (no save takes minutes).
const STALE_AFTER: Duration = Duration::from_mins(10);

/// A save locks its temporary file within microseconds of creating it; an
/// unlocked one this old belongs to no running save.
const UNLOCKED_GRACE: Duration = Duration::from_secs(1);

/// Removes what killed saves of `path` left beside it (their temporary files
/// can be as large as the workbook, once per kill). Called when the workbook
/// is opened for editing and after each save. Best effort.
pub(crate) fn clean_after_killed_saves(path: &Path) {
    let Ok(target) = resolve_symlink(path) else {
        return;
    };
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    remove_stale_temps(&folder, &short_name(&name));
}

/// Whether the temporary file at `path` is left over from a killed save:
/// `Some(true)` when no save holds its lock, `None` when locks cannot tell.
fn is_left_over(path: &Path, age: Option<Duration>) -> Option<bool> {
    let file = File::open(path).ok()?;
    match file.try_lock() {
        Ok(()) => Some(age.is_some_and(|a| a > UNLOCKED_GRACE)),
        Err(fs::TryLockError::WouldBlock) => Some(false),
        Err(fs::TryLockError::Error(_)) => None,
    }
}

/// Removes temporary files that killed saves of this file left behind, so
/// crashes do not litter the officer's folder. A save in progress holds a
/// lock on its temporary file; while one does, the pending backups (hard
/// links) stay too. Best effort.
fn remove_stale_temps(folder: &Path, short: &str) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{short}.");
    let aside_prefix = format!(".{short}.bak.");
    let now = SystemTime::now();
    let mut asides = Vec::new();
    let mut saving = false;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(".jixiao-tmp")) {
            continue;
        }
        let Some(meta) = entry.metadata().ok().filter(fs::Metadata::is_file) else {
            continue;
        };
        let age = meta
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok());
        let stale = age.is_some_and(|a| a > STALE_AFTER);
        if name.starts_with(&aside_prefix) {
            asides.push((entry.path(), stale));
            continue;
        }
        let remove = match is_left_over(&entry.path(), age) {
            Some(left_over) => left_over,
            None => stale,
        };
        if remove {
            let _ = fs::remove_file(entry.path());
        } else {
            saving = true;
        }
    }
    for (aside, stale) in asides {
        if stale || !saving {
            let _ = fs::remove_file(aside);
        }
    }
}

/// Follows a symlink so the link stays a link and its target gets the new contents.
fn resolve_symlink(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => super::canonicalize(path),
        _ => Ok(path.to_path_buf()),
    }
}

/// Refuses targets that cannot or must not be replaced.
fn check_target(
    path: &Path,
    target: &Path,
    meta: &fs::Metadata,
    mode: Mode,
) -> Result<(), SaveError> {
    let refuse = |fault| Err(SaveError::new(path, fault, SaveStep::Check));
    if meta.is_dir() {
        return refuse(SaveFault::TargetIsDirectory);
    }
    if mode == Mode::CreateNew {
        return refuse(SaveFault::AlreadyExists);
    }
    if !meta.is_file() {
        return Err(SaveError {
            detail: "not a regular file".to_owned(),
            ..SaveError::new(path, SaveFault::Other, SaveStep::Check)
        });
    }
    if mode == Mode::ReplacePrivate {
        return Ok(());
    }
    match write_refusal(target, meta) {
        None => Ok(()),
        Some(detail) => Err(SaveError {
            detail,
            ..SaveError::new(path, SaveFault::TargetReadOnly, SaveStep::Check)
        }),
    }
}

/// Why this user must not write `target`, if they must not.
///
/// Renaming over a read-only file would succeed when the folder is writable;
/// the officer's "read-only" must win. Opening for writing (without
/// truncating) changes nothing and tells whether this user may write it; it
/// also catches immutable files and read-only mounts.
pub(crate) fn write_refusal(target: &Path, meta: &fs::Metadata) -> Option<String> {
    if meta.permissions().readonly() {
        return Some("no write permission".to_owned());
    }
    match fs::OpenOptions::new().write(true).open(target) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            Some(e.to_string())
        }
        _ => None,
    }
}

/// Keeps the temporary file's name within file-system limits for long names.
fn short_name(name: &str) -> String {
    name.chars()
        .scan(0usize, |len, c| {
            *len += c.len_utf8();
            (*len <= 100).then_some(c)
        })
        .collect()
}

/// A complete copy of the current target under a temporary name, ready to be
/// renamed over `FILE.bak` once the new file is in place.
fn set_aside(target: &Path, folder: &Path, short: &str) -> io::Result<NamedTempFile<()>> {
    let prefix = format!(".{short}.bak.");
    let mut builder = Builder::new();
    builder.prefix(&prefix).suffix(".jixiao-tmp");
    match builder.make_in(folder, |p| fs::hard_link(target, p)) {
        Ok(link) => Ok(link),
        Err(_) => {
            // No hard links here (FAT, some network shares): copy and flush.
            let mut copy = builder.tempfile_in(folder)?;
            let mut source = File::open(target)?;
            io::copy(&mut source, copy.as_file_mut())?;
            fs::set_permissions(copy.path(), source.metadata()?.permissions())?;
            copy.as_file().sync_all()?;
            let (file, path) = copy.into_parts();
            drop(file);
            Ok(NamedTempFile::from_parts((), path))
        }
    }
}

fn create_folder(folder: &Path, mode: Mode) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    if mode == Mode::ReplacePrivate {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    #[cfg(not(unix))]
    let _ = mode;
    builder.create(folder)
}

/// Makes the rename itself durable. Folders cannot be opened for this on Windows.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(folder)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
        Ok(())
    }
}

/// Filtered by the umask, as for any newly created file.
#[cfg(unix)]
fn default_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o666))
}

/// Only the owner may read a recovery file: it holds the whole workbook.
#[cfg(unix)]
fn private_permissions() -> Option<Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<Permissions> {
    None
}

#[cfg(not(unix))]
fn private_permissions() -> Option<Permissions> {
    None
}

/// Gives the new file the old file's owner and group when we may (root saving
/// a colleague's file); silently keeps ours otherwise.
#[cfg(unix)]
fn keep_owner(file: &File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::fs::fchown;
    if let Ok(mine) = file.metadata()
        && (mine.uid() != meta.uid() || mine.gid() != meta.gid())
        && fchown(file, Some(meta.uid()), Some(meta.gid())).is_err()
    {
        // Not root: the group may still be ours to give.
        let _ = fchown(file, None, Some(meta.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_path_appends_to_the_whole_name() {
        assert_eq!(
            backup_path(Path::new("/x/report.json")),
            PathBuf::from("/x/report.json.bak")
        );
        assert_eq!(backup_path(Path::new("a")), PathBuf::from("a.bak"));
    }

    #[test]
    fn short_name_cuts_on_char_boundaries() {
        let long = "绩".repeat(80);
        let short = short_name(&long);
        assert!(short.len() <= 100);
        assert!(long.starts_with(&short));
        assert_eq!(short_name("a.json"), "a.json");
    }

    /// Names in a folder, sorted (to see leftovers).
    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_failure_at_any_step_leaves_file_and_backup_untouched() {
        let steps = [
            SaveStep::Check,
            SaveStep::CreateTemp,
            SaveStep::Write,
            SaveStep::Sync,
            SaveStep::Backup,
            SaveStep::Replace,
        ];
        let faults = [
            (io::ErrorKind::StorageFull, SaveFault::DiskFull),
            (io::ErrorKind::QuotaExceeded, SaveFault::DiskFull),
            (io::ErrorKind::FileTooLarge, SaveFault::DiskFull),
            (
                io::ErrorKind::ReadOnlyFilesystem,
                SaveFault::FolderNotWritable,
            ),
            (io::ErrorKind::Other, SaveFault::Other),
        ];
        for step in steps {
            for (kind, expected) in faults {
                let dir = tempfile::tempdir().expect("tempdir");
                let path = dir.path().join("wb.json");
                save_atomic(&path, b"first").expect("first save");
                save_atomic(&path, b"second").expect("second save");
                let before = listing(dir.path());
                let err = save_with(&path, b"third", Mode::ReplaceWithBackup, &mut |at| {
                    if at == step {
                        Err(io::Error::from(kind))
                    } else {
                        Ok(())
                    }
                })
                .expect_err("injected fault");
                assert_eq!(err.step, step);
                let expected =
                    if expected == SaveFault::FolderNotWritable && step == SaveStep::Replace {
                        SaveFault::TargetReadOnly
                    } else {
                        expected
                    };
                assert_eq!(err.fault, expected, "{kind:?} at {step:?}");
                assert_eq!(
                    fs::read(&path).expect("file"),
                    b"second",
                    "{kind:?} at {step:?}"
                );
                assert_eq!(
                    fs::read(backup_path(&path)).expect("bak"),
                    b"first",
                    "{kind:?} at {step:?}"
                );
                assert_eq!(
                    listing(dir.path()),
                    before,
                    "no leftovers after {kind:?} at {step:?}"
                );
                let msg = err.describe();
                assert!(
                    msg.zh.contains("未保存") && msg.zh.contains("未改动"),
                    "{}",
                    msg.zh
                );
                assert!(
                    msg.en.contains("Not saved") && msg.en.contains("unchanged"),
                    "{}",
                    msg.en
                );
            }
        }
    }

    #[test]
    fn the_backup_holds_the_previous_version() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("wb.json");
        let first = save_atomic(&path, b"one").expect("save");
        assert_eq!(first.backup, None, "nothing to back up the first time");
        assert!(!backup_path(&path).exists());
        let second = save_atomic(&path, b"two").expect("save");
        assert_eq!(second.backup, Some(backup_path(&path)));
        assert_eq!(fs::read(backup_path(&path)).expect("bak"), b"one");
        save_atomic(&path, b"three").expect("save");
        assert_eq!(fs::read(&path).expect("file"), b"three");
        assert_eq!(fs::read(backup_path(&path)).expect("bak"), b"two");
        assert_eq!(listing(dir.path()), vec!["wb.json", "wb.json.bak"]);
    }

    #[test]
    fn save_as_refuses_an_existing_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("wb.json");
        save_as(&path, b"one").expect("new file");
        let err = save_as(&path, b"two").expect_err("exists");
        assert_eq!(err.fault, SaveFault::AlreadyExists);
        assert_eq!(fs::read(&path).expect("file"), b"one");
        assert_eq!(listing(dir.path()), vec!["wb.json"]);
    }

    #[test]
    fn missing_folders_are_created() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a").join("b").join("wb.json");
        save_atomic(&path, b"x").expect("save");
        assert_eq!(fs::read(&path).expect("file"), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_stays_a_link_to_the_saved_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");
        let saved = save_atomic(&link, b"new").expect("save");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).expect("real"), b"new");
        assert_eq!(
            saved.backup,
            Some(backup_path(&fs::canonicalize(&real).expect("canon")))
        );
    }

    #[test]
    fn stale_temporary_files_of_killed_saves_are_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("wb.json");
        let old = dir.path().join(".wb.json.abc123.jixiao-tmp");
        let old_bak = dir.path().join(".wb.json.bak.def456.jixiao-tmp");
        let fresh = dir.path().join(".wb.json.ghi789.jixiao-tmp");
        let unrelated = dir.path().join(".other.json.abc123.jixiao-tmp");
        for p in [&old, &old_bak, &fresh, &unrelated] {
            fs::write(p, b"partial").expect("write");
        }
        let long_ago = SystemTime::now() - Duration::from_hours(1);
        for p in [&old, &old_bak, &unrelated] {
            File::options()
                .write(true)
                .open(p)
                .and_then(|f| f.set_modified(long_ago))
                .expect("age");
        }
        save_atomic(&path, b"x").expect("save");
        assert_eq!(
            listing(dir.path()),
            vec![
                ".other.json.abc123.jixiao-tmp",
                ".wb.json.ghi789.jixiao-tmp",
                "wb.json"
            ]
        );
    }
}

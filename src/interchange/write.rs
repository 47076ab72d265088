//! Writing files so that a crash never leaves half a file: a temporary file in
//! the same folder, synced, then renamed over the target.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The backup kept next to `path`: `workbook.json` → `workbook.json.bak`.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `contents` to `path` atomically. With `keep_backup`, an existing file
/// is first copied to `<path>.bak`; returns the backup's path when one was made.
///
/// # Errors
/// When the folder is not writable or the disk is full; `path` is then untouched.
pub fn write_atomic(
    path: &Path,
    contents: &[u8],
    keep_backup: bool,
) -> io::Result<Option<PathBuf>> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".jixiao-")
        .suffix(".tmp")
        .tempfile_in(&folder)?;
    temp.write_all(contents)?;
    temp.flush()?;
    // A temporary file is private (0600); the result gets the old file's
    // permissions, or the usual ones for a new file.
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => default_permissions(temp.as_file())?,
    };
    temp.as_file().set_permissions(permissions)?;
    temp.as_file().sync_all()?;
    let backup = if keep_backup && path.exists() {
        let bak = backup_path(path);
        std::fs::copy(path, &bak)?;
        Some(bak)
    } else {
        None
    };
    temp.persist(path).map_err(|e| e.error)?;
    Ok(backup)
}

#[cfg(unix)]
fn default_permissions(_file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Ok(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("workbook.json");
        assert_eq!(write_atomic(&path, b"one", true).expect("write"), None);
        let bak = write_atomic(&path, b"two", true)
            .expect("write")
            .expect("backup");
        assert_eq!(std::fs::read(&path).expect("read"), b"two");
        assert_eq!(std::fs::read(&bak).expect("read"), b"one");
        assert!(bak.ends_with("workbook.json.bak"));
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[test]
    fn unwritable_folder_leaves_nothing() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("missing").join("x.json");
        assert!(write_atomic(&path, b"x", true).is_err());
        assert!(!path.exists());
    }
}

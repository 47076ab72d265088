//! What a file looked like when we read or wrote it, to notice a colleague's
//! change before saving over it.

use std::fmt::Write as _;
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;
use std::time::SystemTime;

use sha2::{Digest, Sha256};

/// Content hash, length and modification time of a file at one moment.
///
/// The hash decides: a file touched but not changed is not "changed", and a
/// change within the file system's clock resolution is still noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStamp {
    pub sha256: [u8; 32],
    pub len: u64,
    pub modified: Option<SystemTime>,
}

/// How the file on disk compares with what this session knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskChange {
    Unchanged,
    /// Different contents.
    Modified,
    /// The file was there and now is not.
    Deleted,
    /// The file was not there (a new workbook) and now is.
    Appeared,
}

impl DiskChange {
    /// Whether saving now would overwrite someone else's work.
    #[must_use]
    pub fn is_conflict(self) -> bool {
        matches!(self, Self::Modified | Self::Appeared)
    }
}

impl FileStamp {
    /// The stamp of bytes just read from, or written to, a file.
    #[must_use]
    pub fn of(bytes: &[u8], metadata: Option<&Metadata>) -> Self {
        Self {
            sha256: Sha256::digest(bytes).into(),
            len: bytes.len() as u64,
            modified: metadata.and_then(|m| m.modified().ok()),
        }
    }

    /// The stamp of the file as it is now; `None` when there is no such file.
    ///
    /// # Errors
    /// When the file exists but cannot be read.
    pub fn current(path: &Path) -> io::Result<Option<Self>> {
        // Look before opening: a FIFO put in the file's place would block.
        match std::fs::metadata(path) {
            Ok(m) if m.is_file() => {}
            Ok(m) if m.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a folder, not a file",
                ));
            }
            Ok(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "not a regular file",
                ));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        }
        let mut file = match File::open(path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let metadata = file.metadata()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes)?;
        Ok(Some(Self::of(&bytes, Some(&metadata))))
    }

    /// The hash as 64 lowercase hex digits.
    #[must_use]
    pub fn sha256_hex(&self) -> String {
        hex(&self.sha256)
    }
}

/// Lowercase hex of some bytes.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Compares the file at `path` with the stamp this session remembers (`None`
/// for a workbook that has not been saved yet). Call it before every save.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn changed_on_disk(path: &Path, known: Option<&FileStamp>) -> io::Result<DiskChange> {
    let now = FileStamp::current(path)?;
    Ok(match (known, now) {
        (None, None) => DiskChange::Unchanged,
        (None, Some(_)) => DiskChange::Appeared,
        (Some(_), None) => DiskChange::Deleted,
        (Some(k), Some(n)) if k.sha256 == n.sha256 => DiskChange::Unchanged,
        (Some(_), Some(_)) => DiskChange::Modified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn hex_is_lowercase_two_digits_per_byte() {
        assert_eq!(hex(&[0, 15, 255]), "000fff");
    }

    #[test]
    fn touching_without_changing_is_not_a_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.json");
        fs::write(&path, "one").expect("write");
        let stamp = FileStamp::current(&path).expect("read").expect("exists");
        fs::write(&path, "one").expect("rewrite");
        assert_eq!(
            changed_on_disk(&path, Some(&stamp)).expect("check"),
            DiskChange::Unchanged
        );
        fs::write(&path, "two").expect("change");
        assert_eq!(
            changed_on_disk(&path, Some(&stamp)).expect("check"),
            DiskChange::Modified
        );
        fs::remove_file(&path).expect("rm");
        assert_eq!(
            changed_on_disk(&path, Some(&stamp)).expect("check"),
            DiskChange::Deleted
        );
        assert_eq!(
            changed_on_disk(&path, None).expect("check"),
            DiskChange::Unchanged
        );
        fs::write(&path, "new").expect("create");
        assert_eq!(
            changed_on_disk(&path, None).expect("check"),
            DiskChange::Appeared
        );
    }
}

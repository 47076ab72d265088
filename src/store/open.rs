//! Opening a workbook file: the sample when it does not exist yet, a typed
//! error (never an overwrite) when it cannot be read, read-only when we may
//! not write it or a newer jixiao wrote it.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::atomic::write_refusal;
use super::document::{Document, Opened, Origin, ReadOnlyReason};
use super::error::OpenError;
use super::stamp::FileStamp;
use crate::core::format::{LoadError, Loaded, load};
use crate::core::model::FORMAT_VERSION;
use crate::core::sample::sample_loaded;

/// Workbooks are tens of kilobytes; anything this big is not one, and reading
/// it whole would only hurt.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Opens `path` for editing. A missing file gives the embedded sample, and
/// nothing is written until the officer saves.
///
/// # Errors
/// When the file exists but cannot be read or is not a workbook; the error
/// names the file, line, column and what was expected.
pub fn open(path: &Path) -> Result<Opened, OpenError> {
    let (bytes, metadata) = match read_guarded(path) {
        Ok(read) => read,
        Err(OpenError::Unreadable {
            kind: io::ErrorKind::NotFound,
            ..
        }) => {
            return new_from_sample(path);
        }
        Err(e) => return Err(e),
    };
    let (loaded, newer) = parse(path, &bytes)?;
    let read_only = match newer {
        Some(reason) => Some(reason),
        None => write_refusal(path, &metadata)
            .map(|detail| ReadOnlyReason::NoWritePermission { detail }),
    };
    if read_only.is_none() {
        // Opened for editing: what killed saves left beside it goes now,
        // not at the next save.
        super::atomic::clean_after_killed_saves(path);
    }
    Ok(opened(path, loaded, &bytes, &metadata, read_only))
}

/// Opens `path` read-only for `jixiao review`: nothing is probed for writing
/// and a missing file is an error.
///
/// # Errors
/// As `open`, plus a missing file.
pub fn open_for_review(path: &Path) -> Result<Opened, OpenError> {
    let (bytes, metadata) = read_guarded(path)?;
    let (loaded, _) = parse(path, &bytes)?;
    Ok(opened(
        path,
        loaded,
        &bytes,
        &metadata,
        Some(ReadOnlyReason::Review),
    ))
}

fn opened(
    path: &Path,
    loaded: Loaded,
    bytes: &[u8],
    metadata: &Metadata,
    read_only: Option<ReadOnlyReason>,
) -> Opened {
    Opened {
        workbook: loaded.workbook,
        document: Document {
            path: path.to_path_buf(),
            origin: Origin::File,
            original: loaded.original,
            unknown_fields: loaded.unknown_fields,
            stamp: Some(FileStamp::of(bytes, Some(metadata))),
            read_only,
        },
    }
}

fn new_from_sample(path: &Path) -> Result<Opened, OpenError> {
    let loaded = sample_loaded().map_err(|error| OpenError::Invalid {
        path: PathBuf::from("<embedded sample>"),
        error,
    })?;
    Ok(Opened {
        workbook: loaded.workbook,
        document: Document {
            path: path.to_path_buf(),
            origin: Origin::NewFromSample,
            original: loaded.original,
            unknown_fields: Vec::new(),
            stamp: None,
            read_only: None,
        },
    })
}

/// Looks at `path` before it is opened: only a regular file (or a link to
/// one) of at most [`MAX_FILE_BYTES`] is read. Opening a FIFO would wait for a
/// writer forever, a device such as /dev/zero never ends, a folder is no file.
/// Every command that reads a file asks this first.
///
/// # Errors
/// Names the file and why it is not read.
pub fn guard_input(path: &Path) -> Result<Metadata, OpenError> {
    let before = fs::metadata(path).map_err(|e| unreadable(path, &e))?;
    let refuse = |kind: io::ErrorKind, what: &str| unreadable(path, &io::Error::new(kind, what));
    if before.is_dir() {
        return Err(refuse(
            io::ErrorKind::IsADirectory,
            "is a folder, not a file",
        ));
    }
    if !before.is_file() {
        return Err(refuse(io::ErrorKind::InvalidInput, special_kind(&before)));
    }
    if before.len() > MAX_FILE_BYTES {
        return Err(OpenError::TooLarge {
            path: path.to_path_buf(),
            len: before.len(),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(before)
}

fn unreadable(path: &Path, e: &io::Error) -> OpenError {
    OpenError::Unreadable {
        path: path.to_path_buf(),
        kind: e.kind(),
        detail: e.to_string(),
    }
}

/// What a file that is not a regular file is, in the words of `ls -l`.
fn special_kind(metadata: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "is a FIFO (named pipe), not a regular file";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "is a device, not a regular file";
        }
        if kind.is_socket() {
            return "is a socket, not a regular file";
        }
    }
    let _ = metadata;
    "not a regular file"
}

/// Reads the whole file after [`guard_input`], never more than
/// [`MAX_FILE_BYTES`] even when it grows while being read.
///
/// # Errors
/// As [`guard_input`], or the read itself failed.
pub fn read_guarded(path: &Path) -> Result<(Vec<u8>, Metadata), OpenError> {
    let mut bytes = Vec::new();
    let metadata = read_guarded_into(path, &mut bytes)?;
    Ok((bytes, metadata))
}

/// As [`read_guarded`], into `bytes` (cleared first): a caller reading many
/// files reuses one buffer, sized once from the file's length, instead of
/// growing a fresh one by doubling for every file.
///
/// # Errors
/// As [`read_guarded`].
pub fn read_guarded_into(path: &Path, bytes: &mut Vec<u8>) -> Result<Metadata, OpenError> {
    guard_input(path)?;
    let mut file = File::open(path).map_err(|e| unreadable(path, &e))?;
    let metadata = file.metadata().map_err(|e| unreadable(path, &e))?;
    let too_large = |len: u64| OpenError::TooLarge {
        path: path.to_path_buf(),
        len,
        limit: MAX_FILE_BYTES,
    };
    if metadata.len() > MAX_FILE_BYTES {
        return Err(too_large(metadata.len()));
    }
    bytes.clear();
    // One more byte than the length, so reading to the end needs no growth.
    bytes.reserve(
        usize::try_from(metadata.len())
            .unwrap_or(0)
            .saturating_add(1),
    );
    file.by_ref()
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(bytes)
        .map_err(|e| unreadable(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(metadata)
}

/// Reads a text file for a command: guarded, a UTF-8 byte-order mark
/// dropped, UTF-16 named by its mark, bad UTF-8 placed by line and column.
///
/// # Errors
/// As [`read_guarded`], or the text is not UTF-8.
pub fn read_text(path: &Path) -> Result<String, OpenError> {
    let (bytes, _) = read_guarded(path)?;
    decode_text(path, &bytes).map(str::to_owned)
}

/// The UTF-8 text of `bytes` without a byte-order mark.
fn decode_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, OpenError> {
    // Windows Notepad writes a byte-order mark; JSON parsers reject it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16 = if bytes.starts_with(b"\xFF\xFE") {
        Some("UTF-16LE")
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some("UTF-16BE")
    } else {
        None
    };
    if let Some(encoding) = utf16 {
        return Err(OpenError::Utf16 {
            path: path.to_path_buf(),
            encoding,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_column(&bytes[..e.valid_up_to()]);
        OpenError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })
}

/// Parses file bytes; a newer format version comes back with its read-only reason.
fn parse(path: &Path, bytes: &[u8]) -> Result<(Loaded, Option<ReadOnlyReason>), OpenError> {
    let text = decode_text(path, bytes)?;
    match load(text) {
        Ok(loaded) => Ok((loaded, None)),
        Err(
            error @ LoadError::NewerVersion {
                found, supported, ..
            },
        ) => match load_newer(text, found) {
            Some(loaded) => Ok((
                loaded,
                Some(ReadOnlyReason::NewerVersion { found, supported }),
            )),
            None => Err(OpenError::Invalid {
                path: path.to_path_buf(),
                error,
            }),
        },
        Err(error) => Err(OpenError::Invalid {
            path: path.to_path_buf(),
            error,
        }),
    }
}

/// Reads a newer format version as far as this build understands it, for
/// read-only viewing. Kept here rather than in `core::format` so the format
/// itself stays strict: only the opener decides that "newer" means "show
/// read-only" rather than "refuse".
fn load_newer(text: &str, found: u64) -> Option<Loaded> {
    let original: Value = serde_json::from_str(text).ok()?;
    let mut downgraded = original.clone();
    downgraded["version"] = Value::from(FORMAT_VERSION);
    let mut loaded = load(&serde_json::to_string(&downgraded).ok()?).ok()?;
    loaded.workbook.version = u32::try_from(found).unwrap_or(u32::MAX);
    loaded.original = original;
    Some(loaded)
}

/// 1-based line and column (in characters) just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A name next to `path` that does not exist yet, for "start from the sample
/// in a new file": `report.json` → `report.new.json`, `report.new-2.json`, …
#[must_use]
pub fn free_sibling(path: &Path, tag: &str) -> PathBuf {
    let stem = path.file_stem().map_or_else(
        || "workbook".to_owned(),
        |s| s.to_string_lossy().into_owned(),
    );
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..10_000)
        .map(|n| {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.{tag}{suffix}{ext}"))
        })
        .find(|candidate| candidate.symlink_metadata().is_err())
        .unwrap_or_else(|| path.with_file_name(format!("{stem}.{tag}{ext}")))
}

impl Document {
    /// Reads the file again (the workbench asks twice before dropping edits).
    /// It lives with `open` so that `document.rs` need not import this file.
    ///
    /// # Errors
    /// Why the file can no longer be opened; this document is unchanged.
    pub fn reload(&self) -> Result<Opened, OpenError> {
        if self.read_only == Some(ReadOnlyReason::Review) {
            open_for_review(&self.path)
        } else {
            open(&self.path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_after_the_last_newline() {
        assert_eq!(line_column(b""), (1, 1));
        assert_eq!(line_column("ab\n绩c".as_bytes()), (2, 3));
    }

    #[test]
    fn free_sibling_skips_taken_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("report.json");
        assert_eq!(
            free_sibling(&path, "new"),
            dir.path().join("report.new.json")
        );
        std::fs::write(dir.path().join("report.new.json"), "x").expect("write");
        assert_eq!(
            free_sibling(&path, "new"),
            dir.path().join("report.new-2.json")
        );
        assert_eq!(
            free_sibling(&dir.path().join("plain"), "new"),
            dir.path().join("plain.new")
        );
    }
}

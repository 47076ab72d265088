//! The 佐证材料's side of the file system: hashing a file as it is listed,
//! looking at every listed file again (what the checks read as
//! `EvidenceFacts`), and the files beside a workbook the picker offers.
//! Paths are relative to the workbook's folder and never leave it.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::core::model::evidence::{listed, path_is_inside};
use crate::core::model::{EvidenceFacts, FileFact, Workbook};

/// The picker lists at most this many files (a workbook kept in a home folder
/// must not make it walk the whole disk).
pub const MAX_LISTED: usize = 5000;
/// … and looks this many folders deep.
pub const MAX_DEPTH: usize = 6;

/// The folder evidence paths are relative to: the workbook's own.
#[must_use]
pub fn base_of(workbook: &Path) -> PathBuf {
    match workbook.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Where a listed path is on disk; `None` for a path outside the folder.
#[must_use]
pub fn resolve(base: &Path, relative: &str) -> Option<PathBuf> {
    path_is_inside(relative).then(|| base.join(relative.replace('\\', "/")))
}

/// SHA-256 of a file's bytes, lowercase hex, read in blocks (a scanned PDF may
/// be large).
///
/// # Errors
/// When the file cannot be opened or read, or is not a regular file.
pub fn hash_file(path: &Path) -> io::Result<String> {
    // Look before opening: a FIFO in the file's place would block.
    if !std::fs::metadata(path)?.is_file() {
        return Err(io::Error::other("not a regular file"));
    }
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut block = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut block)?;
        if n == 0 {
            break;
        }
        hasher.update(&block[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// What one listed path holds now.
#[must_use]
pub fn fact_of(base: &Path, relative: &str) -> FileFact {
    let Some(path) = resolve(base, relative) else {
        return FileFact::Unreadable {
            reason: "路径不在工作簿所在文件夹内 / path outside the workbook's folder".to_owned(),
        };
    };
    match hash_file(&path) {
        Ok(sha256) => FileFact::Present { sha256 },
        Err(e) if e.kind() == io::ErrorKind::NotFound => FileFact::Missing,
        Err(e) => FileFact::Unreadable {
            reason: e.to_string(),
        },
    }
}

/// Every listed file of `wb` looked at again, for the checks.
#[must_use]
pub fn facts(workbook_path: &Path, wb: &Workbook) -> EvidenceFacts {
    let base = base_of(workbook_path);
    let mut out = EvidenceFacts::new();
    for item in listed(wb) {
        let path = &item.file.path;
        if !out.contains_key(path) {
            out.insert(path.clone(), fact_of(&base, path));
        }
    }
    out
}

/// The files below `base` the picker offers, relative with `/`, sorted;
/// hidden entries, jixiao's own backups and the workbook itself left out.
#[must_use]
pub fn files_below(base: &Path, workbook: &Path) -> Vec<String> {
    let own = workbook
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    let mut out = Vec::new();
    walk(base, "", 0, own.as_deref(), &mut out);
    out.sort();
    out
}

fn walk(dir: &Path, prefix: &str, depth: usize, own: Option<&str>, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        if out.len() >= MAX_LISTED {
            return;
        }
        let Ok(name) = entry.file_name().into_string() else {
            continue; // a name that is not text cannot be stored in the workbook
        };
        let backup = Path::new(&name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("bak"));
        if name.starts_with('.') || backup || name.ends_with('~') {
            continue;
        }
        let relative = if prefix.is_empty() {
            name.clone()
        } else {
            [prefix, "/", &name].concat()
        };
        // file_type does not follow links: a link to a folder is not walked.
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth + 1 < MAX_DEPTH {
                walk(&entry.path(), &relative, depth + 1, own, out);
            }
        } else if depth > 0 || Some(name.as_str()) != own {
            out.push(relative);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_hashed_found_missing_or_refused() {
        let dir = tempfile::tempdir().expect("dir");
        std::fs::create_dir(dir.path().join("佐证")).expect("mkdir");
        std::fs::write(dir.path().join("佐证/台账.pdf"), b"abc").expect("write");
        std::fs::write(dir.path().join("wb.json"), b"{}").expect("write");
        std::fs::write(dir.path().join("wb.json.bak"), b"{}").expect("write");
        let base = dir.path();
        assert_eq!(
            fact_of(base, "佐证/台账.pdf"),
            FileFact::Present {
                sha256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".into()
            }
        );
        assert_eq!(fact_of(base, "佐证/无.pdf"), FileFact::Missing);
        assert!(matches!(fact_of(base, "../x"), FileFact::Unreadable { .. }));
        assert_eq!(
            files_below(base, &base.join("wb.json")),
            vec!["佐证/台账.pdf".to_owned()]
        );
    }
}

//! Reading workbooks again: the one on screen in full (drill-in, comparison),
//! since the overview keeps only a summary of each, and the files that
//! changed since they were read (`r`). The app asks for these as effects;
//! the run loop calls these functions and hands the result back as an action.
//! Files are only read.

use std::path::{Path, PathBuf};

use super::digest::Shapes;
use super::scan::{
    Entry, EntryError, Opened, load_in, open_unhashed, parallel_map, sha256_hex, unreadable,
};
use crate::core::engine::derive;

/// Why the reviewer wants whole workbooks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadPurpose {
    /// Open one workbook in the panes, at indicator `at` when given.
    Drill { at: Option<String> },
    /// Compare the marked workbook (first) with the selected one (second).
    Diff,
}

/// One file to read again, with the hash it had when the overview read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadRequest {
    /// The overview row.
    pub row: usize,
    pub path: PathBuf,
    pub sha256: Option<String>,
}

/// Why a file read again is not shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// Its bytes are no longer those the overview summarised.
    Changed,
    /// It can no longer be read or parsed.
    Unreadable(EntryError),
}

/// One file read again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedFile {
    pub row: usize,
    pub outcome: Result<Box<Opened>, LoadProblem>,
}

/// The answer to a load: the files in the order asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub purpose: LoadPurpose,
    pub files: Vec<LoadedFile>,
}

/// Reads each requested file in full; a file whose hash differs from the
/// one the overview read is not opened (it is flagged, never shown as if it
/// were the file summarised).
#[must_use]
pub fn load(purpose: LoadPurpose, requests: &[LoadRequest]) -> Loaded {
    let files = requests
        .iter()
        .map(|request| LoadedFile {
            row: request.row,
            outcome: load_checked(&request.path, request.sha256.as_deref()),
        })
        .collect();
    Loaded { purpose, files }
}

fn load_checked(path: &Path, expected: Option<&str>) -> Result<Box<Opened>, LoadProblem> {
    let (bytes, _) =
        crate::store::read_guarded(path).map_err(|e| LoadProblem::Unreadable(unreadable(&e)))?;
    if expected.is_some_and(|hash| hash != sha256_hex(&bytes)) {
        return Err(LoadProblem::Changed);
    }
    let outcome = open_unhashed(&path.display().to_string(), &bytes, derive);
    outcome.map_err(LoadProblem::Unreadable)
}

/// One entry to look at again on reload: where it is and what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadCheck {
    pub row: usize,
    pub path: PathBuf,
    pub folder: PathBuf,
    pub sha256: Option<String>,
}

impl ReloadCheck {
    #[must_use]
    pub fn of(row: usize, entry: &Entry) -> Self {
        Self {
            row,
            path: entry.path.clone(),
            folder: entry.folder.clone(),
            sha256: entry.sha256.clone(),
        }
    }
}

/// The entries that changed, by overview row; rows not listed are unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reloaded {
    pub changed: Vec<(usize, Entry)>,
}

/// Reads every file again on every core and summarises those whose bytes
/// changed; a file that cannot be read any more becomes an error entry.
#[must_use]
pub fn reload(checks: &[ReloadCheck]) -> Reloaded {
    let shapes = Shapes::default();
    let changed = parallel_map(checks, |check| {
        reload_one(check, &shapes).map(|entry| (check.row, entry))
    });
    Reloaded {
        changed: changed.into_iter().flatten().collect(),
    }
}

fn reload_one(check: &ReloadCheck, shapes: &Shapes) -> Option<Entry> {
    match crate::store::read_guarded(&check.path) {
        Ok((bytes, _)) => {
            if check.sha256.as_deref() == Some(sha256_hex(&bytes).as_str()) {
                return None;
            }
            // Changed (or readable again): summarise from the bytes just read.
            let shown = check.path.display().to_string();
            let (hash, outcome) = super::scan::digest_bytes(&shown, &bytes, shapes);
            Some(Entry {
                path: check.path.clone(),
                folder: check.folder.clone(),
                file_name: super::scan::file_name_of(&check.path),
                sha256: Some(hash),
                outcome,
            })
        }
        // Unreadable now, or still: an error row that says why.
        Err(_) => Some(load_in(&check.path, check.folder.clone(), shapes)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::SAMPLE_JSON;

    fn folder_with_sample() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a.json");
        std::fs::write(&path, SAMPLE_JSON).expect("write");
        (dir, path)
    }

    #[test]
    fn a_changed_file_is_not_opened_as_the_one_summarised() {
        let (_dir, path) = folder_with_sample();
        let entry = super::super::scan::load_one(&path);
        let request = LoadRequest {
            row: 0,
            path: path.clone(),
            sha256: entry.sha256.clone(),
        };
        let loaded = load(
            LoadPurpose::Drill { at: None },
            std::slice::from_ref(&request),
        );
        assert!(loaded.files[0].outcome.is_ok());
        std::fs::write(&path, SAMPLE_JSON.replace("94", "93")).expect("rewrite");
        let loaded = load(LoadPurpose::Drill { at: None }, &[request]);
        assert_eq!(loaded.files[0].outcome, Err(LoadProblem::Changed));
    }

    #[test]
    fn reload_returns_only_what_changed() {
        let (_dir, path) = folder_with_sample();
        let entry = super::super::scan::load_one(&path);
        let check = ReloadCheck::of(3, &entry);
        assert!(reload(std::slice::from_ref(&check)).changed.is_empty());
        std::fs::write(&path, "{ oops").expect("corrupt");
        let reloaded = reload(std::slice::from_ref(&check));
        let (row, corrupt) = &reloaded.changed[0];
        assert_eq!(*row, 3);
        assert_eq!(corrupt.error().map(|e| e.line), Some(Some(1)));
        std::fs::remove_file(&path).expect("delete");
        let gone = reload(&[check]);
        assert!(
            gone.changed[0].1.error().is_some(),
            "a deleted file is an error row"
        );
    }
}

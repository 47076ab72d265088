//! Reading and writing review files: one `jixiao-review.json` per folder of
//! workbooks. Writes are atomic (temporary file + rename), never touch a
//! workbook, and refuse to replace a review file that could not be read or
//! that someone else changed since it was read.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::overview::ReviewLookup;
use super::reviews::{ReviewFile, WorkbookReview};
use super::scan::{Entry, REVIEW_FILE_NAME, sha256_hex};
use crate::core::Bilingual;

/// One folder's review file as held in memory.
#[derive(Debug, Clone)]
pub struct ReviewFolder {
    /// `<folder>/jixiao-review.json`.
    pub path: PathBuf,
    pub file: ReviewFile,
    /// Hash of the bytes read (`None`: there was no file).
    loaded_sha256: Option<String>,
    /// Why the file could not be read; such a folder is never written.
    pub problem: Option<Bilingual>,
    pub dirty: bool,
}

impl ReviewFolder {
    /// Reads `<folder>/jixiao-review.json`; a missing file is an empty review.
    #[must_use]
    pub fn load(folder: &Path) -> Self {
        let path = folder.join(REVIEW_FILE_NAME);
        let shown = path.display().to_string();
        let mut out = Self {
            path,
            file: ReviewFile::default(),
            loaded_sha256: None,
            problem: None,
            dirty: false,
        };
        match std::fs::read(&out.path) {
            Ok(bytes) => {
                out.loaded_sha256 = Some(sha256_hex(&bytes));
                let parsed = std::str::from_utf8(&bytes)
                    .map_err(|_| {
                        Bilingual::new(
                            format!("{shown}：不是 UTF-8 文本"),
                            format!("{shown}: not UTF-8 text"),
                        )
                    })
                    .and_then(|text| ReviewFile::parse(text, &shown));
                match parsed {
                    Ok(file) => out.file = file,
                    Err(problem) => out.problem = Some(problem),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                out.problem = Some(Bilingual::new(
                    format!("{shown}：无法读取（{e}）"),
                    format!("{shown}: cannot read ({e})"),
                ));
            }
        }
        out
    }

    /// Writes the file if it changed.
    ///
    /// # Errors
    /// When the file could not be read at load, changed on disk since, or
    /// cannot be written; the message says which and that nothing was written.
    pub fn save(&mut self) -> Result<bool, Bilingual> {
        if !self.dirty {
            return Ok(false);
        }
        let shown = self.path.display().to_string();
        if let Some(problem) = &self.problem {
            return Err(Bilingual::new(
                format!(
                    "{shown}：读取时出错，为免覆盖未保存审核结果（{}）",
                    problem.zh
                ),
                format!(
                    "{shown}: could not be read, so it is not overwritten ({})",
                    problem.en
                ),
            ));
        }
        let on_disk = match std::fs::read(&self.path) {
            Ok(bytes) => Some(sha256_hex(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(Bilingual::new(
                    format!("{shown}：无法读取（{e}），未保存"),
                    format!("{shown}: cannot read ({e}); not saved"),
                ));
            }
        };
        if on_disk != self.loaded_sha256 {
            return Err(Bilingual::new(
                format!("{shown}：打开后已被他人修改，为免覆盖未保存"),
                format!("{shown}: changed by someone else since it was opened; not overwritten"),
            ));
        }
        let text = self.file.to_json();
        write_atomically(&self.path, text.as_bytes()).map_err(|e| {
            Bilingual::new(
                format!("{shown}：无法写入（{e}）"),
                format!("{shown}: cannot write ({e})"),
            )
        })?;
        self.loaded_sha256 = Some(sha256_hex(text.as_bytes()));
        self.dirty = false;
        Ok(true)
    }
}

/// Writes `bytes` to a temporary file next to `path`, then renames it over
/// `path`, so a reader never sees half a file.
///
/// # Errors
/// Any I/O error; `path` is then unchanged.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // The store's writer: one atomic writer for every file jixiao writes.
    crate::store::write_file(path, bytes)
        .map(|_| ())
        .map_err(std::io::Error::from)
}

/// The review files of every folder the entries come from.
#[derive(Debug, Clone, Default)]
pub struct ReviewBook {
    folders: BTreeMap<PathBuf, ReviewFolder>,
}

impl ReviewBook {
    /// Reads the review file of each entry's folder.
    #[must_use]
    pub fn load(entries: &[Entry]) -> Self {
        let mut folders = BTreeMap::new();
        for entry in entries {
            if !folders.contains_key(&entry.folder) {
                folders.insert(entry.folder.clone(), ReviewFolder::load(&entry.folder));
            }
        }
        Self { folders }
    }

    /// The review of `entry`, if one is recorded.
    #[must_use]
    pub fn get(&self, entry: &Entry) -> Option<&WorkbookReview> {
        self.folders
            .get(&entry.folder)
            .and_then(|f| f.file.workbooks.get(&entry.file_name))
    }

    /// The review of `entry`, created when missing; marks the folder changed.
    ///
    /// # Errors
    /// When the folder's review file could not be read (it is never overwritten).
    pub fn edit(&mut self, entry: &Entry) -> Result<&mut WorkbookReview, Bilingual> {
        let folder = self
            .folders
            .entry(entry.folder.clone())
            .or_insert_with(|| ReviewFolder::load(&entry.folder));
        if let Some(problem) = &folder.problem {
            return Err(problem.clone());
        }
        folder.dirty = true;
        Ok(folder
            .file
            .workbooks
            .entry(entry.file_name.clone())
            .or_default())
    }

    /// Unsaved changes exist.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.folders.values().any(|f| f.dirty)
    }

    /// Review files that could not be read.
    #[must_use]
    pub fn problems(&self) -> Vec<Bilingual> {
        self.folders
            .values()
            .filter_map(|f| f.problem.clone())
            .collect()
    }

    /// Every folder's review file.
    pub fn folders(&self) -> impl Iterator<Item = &ReviewFolder> {
        self.folders.values()
    }

    /// Saves every changed review file; returns the files written.
    ///
    /// # Errors
    /// The first failure (other folders are still attempted and saved).
    pub fn save(&mut self) -> Result<Vec<PathBuf>, Bilingual> {
        let mut written = Vec::new();
        let mut first_error = None;
        for folder in self.folders.values_mut() {
            match folder.save() {
                Ok(true) => written.push(folder.path.clone()),
                Ok(false) => {}
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => Err(e),
            None => Ok(written),
        }
    }
}

impl ReviewLookup for ReviewBook {
    fn review_of(&self, entry: &Entry) -> Option<&WorkbookReview> {
        self.get(entry)
    }
}

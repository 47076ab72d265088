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
        // Through the input guard: a FIFO or /dev/zero in its place must not hang the reviewer.
        match crate::store::read_guarded(&out.path) {
            Ok((bytes, _)) => {
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
            Err(e) if e.is_not_found() => {}
            Err(e) => out.problem = Some(e.describe_plain()),
        }
        out
    }

    /// What saving this folder would write (pure): `None` when unchanged.
    ///
    /// # Errors
    /// When the file could not be read at load (it is never overwritten).
    pub fn pending_write(&self) -> Result<Option<PendingWrite>, Bilingual> {
        if !self.dirty {
            return Ok(None);
        }
        if let Some(problem) = &self.problem {
            let shown = self.path.display();
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
        Ok(Some(PendingWrite {
            path: self.path.clone(),
            text: self.file.to_json(),
            expected_sha256: self.loaded_sha256.clone(),
        }))
    }

    /// Records that `text` with hash `sha256` is now on disk (pure).
    pub fn mark_written(&mut self, sha256: String) {
        self.loaded_sha256 = Some(sha256);
        self.dirty = false;
    }

    /// Writes the file if it changed.
    ///
    /// # Errors
    /// When the file could not be read at load, changed on disk since, or
    /// cannot be written; the message says which and that nothing was written.
    pub fn save(&mut self) -> Result<bool, Bilingual> {
        let Some(pending) = self.pending_write()? else {
            return Ok(false);
        };
        let sha256 = pending.write()?;
        self.mark_written(sha256);
        Ok(true)
    }
}

/// One review file's new content, computed by the app (pure) and written by
/// the run loop, which checks first that nobody changed the file since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingWrite {
    pub path: PathBuf,
    pub text: String,
    /// Hash of the bytes read at load (`None`: there was no file).
    pub expected_sha256: Option<String>,
}

impl PendingWrite {
    /// Writes atomically unless the file changed on disk since it was read;
    /// returns the hash of what was written.
    ///
    /// # Errors
    /// Changed on disk, or cannot be read or written; nothing was written.
    pub fn write(&self) -> Result<String, Bilingual> {
        let shown = self.path.display().to_string();
        let on_disk = match crate::store::read_guarded(&self.path) {
            Ok((bytes, _)) => Some(sha256_hex(&bytes)),
            Err(e) if e.is_not_found() => None,
            Err(e) => {
                let why = e.describe_plain();
                return Err(Bilingual::new(
                    format!("{}，未保存", why.zh),
                    format!("{}; not saved", why.en),
                ));
            }
        };
        if on_disk != self.expected_sha256 {
            return Err(Bilingual::new(
                format!("{shown}：打开后已被他人修改，为免覆盖未保存"),
                format!("{shown}: changed by someone else since it was opened; not overwritten"),
            ));
        }
        write_atomically(&self.path, self.text.as_bytes()).map_err(|e| {
            Bilingual::new(
                format!("{shown}：无法写入（{e}）"),
                format!("{shown}: cannot write ({e})"),
            )
        })?;
        Ok(sha256_hex(self.text.as_bytes()))
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
    /// Who is reviewing (`--reviewer`, or `n` in the overview): recorded as
    /// `reviewer` in every review file changed.
    signer: String,
    /// Counts changes, so the recovery file is staged once per change.
    revision: u64,
}

impl ReviewBook {
    /// Reads the review file of each folder (each once).
    #[must_use]
    pub fn load_folders<'a>(folders: impl IntoIterator<Item = &'a Path>) -> Self {
        let mut loaded = BTreeMap::new();
        for folder in folders {
            if !loaded.contains_key(folder) {
                loaded.insert(folder.to_path_buf(), ReviewFolder::load(folder));
            }
        }
        Self {
            folders: loaded,
            signer: String::new(),
            revision: 0,
        }
    }

    /// Whether `folder`'s review file names the workbook `file_name`.
    #[must_use]
    pub fn is_recorded(&self, folder: &Path, file_name: &str) -> bool {
        self.folders
            .get(folder)
            .is_some_and(|f| f.file.workbooks.contains_key(file_name))
    }

    /// Who is reviewing, as given; empty when nobody said.
    #[must_use]
    pub fn signer(&self) -> &str {
        &self.signer
    }

    /// Records `name` as the reviewer of every review file changed in this
    /// session, those already changed included; an empty name records
    /// nothing new (names already in the files stay).
    pub fn sign_as(&mut self, name: &str) {
        name.trim().clone_into(&mut self.signer);
        if self.signer.is_empty() {
            return;
        }
        self.revision += 1;
        for folder in self.folders.values_mut().filter(|f| f.dirty) {
            self.signer.clone_into(&mut folder.file.reviewer);
        }
    }

    /// The bureau of `folder`'s review file, else the first one set.
    #[must_use]
    pub fn bureau(&self, folder: Option<&Path>) -> super::reviews::Bureau {
        folder
            .and_then(|f| self.folders.get(f))
            .map(|f| &f.file.bureau)
            .filter(|b| !b.is_empty())
            .or_else(|| {
                self.folders
                    .values()
                    .map(|f| &f.file.bureau)
                    .find(|b| !b.is_empty())
            })
            .cloned()
            .unwrap_or_default()
    }

    /// Sets the bureau in every folder's review file.
    ///
    /// # Errors
    /// The first folder whose review file could not be read.
    pub fn set_bureau(&mut self, bureau: &super::reviews::Bureau) -> Result<(), Bilingual> {
        if let Some(problem) = self.folders.values().find_map(|f| f.problem.clone()) {
            return Err(problem);
        }
        for folder in self.folders.values_mut() {
            if folder.file.bureau != *bureau {
                folder.file.bureau = bureau.clone();
                folder.dirty = true;
            }
        }
        self.revision += 1;
        Ok(())
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
        let folder = self.folders.get_mut(&entry.folder).ok_or_else(|| {
            let shown = entry.folder.display();
            Bilingual::new(
                format!("{shown}：审核文件未读取"),
                format!("{shown}: its review file was not read"),
            )
        })?;
        if let Some(problem) = &folder.problem {
            return Err(problem.clone());
        }
        folder.dirty = true;
        self.revision += 1;
        if !self.signer.is_empty() {
            self.signer.clone_into(&mut folder.file.reviewer);
        }
        Ok(folder
            .file
            .workbooks
            .entry(entry.file_name.clone())
            .or_default())
    }

    /// Puts back `review` as `entry`'s review (`None`: none recorded), as
    /// an undo does; marks the folder changed.
    ///
    /// # Errors
    /// As `edit`: when the folder's review file could not be read.
    pub fn put(&mut self, entry: &Entry, review: Option<WorkbookReview>) -> Result<(), Bilingual> {
        let slot = self.edit(entry)?;
        match review {
            Some(r) => *slot = r,
            None => {
                if let Some(folder) = self.folders.get_mut(&entry.folder) {
                    folder.file.workbooks.remove(&entry.file_name);
                }
            }
        }
        Ok(())
    }

    /// How many changes were made in this session (never goes back).
    #[must_use]
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Takes back a recovered review file's text as unsaved changes, when
    /// its folder's file is still the one the entries were made on.
    /// Returns false (nothing changed) when it is not, or when the folder
    /// is not part of this session or its file could not be read.
    ///
    /// # Errors
    /// When the recovered text is not a review file.
    pub fn restore(
        &mut self,
        path: &Path,
        base_sha256: Option<&str>,
        text: &str,
    ) -> Result<bool, Bilingual> {
        let Some(folder) = self.folders.values_mut().find(|f| f.path == path) else {
            return Ok(false);
        };
        if folder.problem.is_some() || folder.loaded_sha256.as_deref() != base_sha256 {
            return Ok(false);
        }
        folder.file = ReviewFile::parse(text, &path.display().to_string())?;
        folder.dirty = true;
        self.revision += 1;
        Ok(true)
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

    /// What saving would write, folder by folder (pure; the run loop
    /// writes), and the first folder that cannot be saved.
    #[must_use]
    pub fn pending_writes(&self) -> (Vec<PendingWrite>, Option<Bilingual>) {
        let mut writes = Vec::new();
        let mut refused = None;
        for folder in self.folders.values() {
            match folder.pending_write() {
                Ok(write) => writes.extend(write),
                Err(why) => {
                    refused.get_or_insert(why);
                }
            }
        }
        (writes, refused)
    }

    /// Records a write the run loop carried out (pure).
    pub fn mark_written(&mut self, path: &Path, sha256: String) {
        if let Some(folder) = self.folders.values_mut().find(|f| f.path == path) {
            folder.mark_written(sha256);
        }
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

//! An open workbook file: where it is, what it looked like on disk, what it
//! holds beyond this build's model, and whether we may write it.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::atomic::{Saved, save_as, save_atomic};
use super::error::{SaveError, SaveFault, SaveStep};
use super::stamp::{DiskChange, FileStamp, changed_on_disk};
use crate::core::Bilingual;
use crate::core::format::to_json_keeping;
use crate::core::model::Workbook;

/// Where the workbook came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Read from the file.
    File,
    /// The file does not exist yet: the embedded sample, written only on save.
    NewFromSample,
}

/// Why nothing may be written for this document (not even a recovery file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadOnlyReason {
    /// `jixiao review`.
    Review,
    /// The file has no write permission for this user (or is immutable, or on a
    /// read-only disk).
    NoWritePermission { detail: String },
    /// Written by a newer jixiao whose format this build only partly knows.
    NewerVersion { found: u64, supported: u32 },
}

impl ReadOnlyReason {
    /// The notice shown when the file opens.
    #[must_use]
    pub fn describe(&self, path: &Path) -> Bilingual {
        let file = path.display();
        match self {
            Self::Review => Bilingual::new(
                format!("{file}：审阅模式，只读"),
                format!("{file}: review mode, read-only"),
            ),
            Self::NoWritePermission { detail } => Bilingual::new(
                format!("{file}：没有写入权限（{detail}），以只读方式打开"),
                format!("{file}: no write permission ({detail}); opened read-only"),
            ),
            Self::NewerVersion { found, supported } => Bilingual::new(
                format!(
                    "{file}：由较新版本的 jixiao 写入（格式版本 {found}，本程序支持 {supported}），以只读方式打开；本程序不认识的内容不显示。请升级后再编辑"
                ),
                format!(
                    "{file}: written by a newer jixiao (format version {found}; this build reads {supported}); opened read-only, parts this build does not know are not shown. Update jixiao to edit it"
                ),
            ),
        }
    }
}

/// A workbook just opened, and the document it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub workbook: Workbook,
    pub document: Document,
}

/// Everything the workbench needs to save a workbook back safely.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub(crate) path: PathBuf,
    pub(crate) origin: Origin,
    /// The document as read, so fields this build does not know are written back.
    pub(crate) original: Value,
    pub(crate) unknown_fields: Vec<String>,
    /// `None` until the file exists.
    pub(crate) stamp: Option<FileStamp>,
    pub(crate) read_only: Option<ReadOnlyReason>,
}

impl Document {
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    #[must_use]
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// What the file looked like at load or at the last save; `None` while it
    /// does not exist.
    #[must_use]
    pub fn stamp(&self) -> Option<&FileStamp> {
        self.stamp.as_ref()
    }

    #[must_use]
    pub fn read_only(&self) -> Option<&ReadOnlyReason> {
        self.read_only.as_ref()
    }

    /// JSON paths of fields kept from the file that this build does not know.
    #[must_use]
    pub fn unknown_fields(&self) -> &[String] {
        &self.unknown_fields
    }

    /// The document as read (unknown fields included).
    #[must_use]
    pub fn original(&self) -> &Value {
        &self.original
    }

    /// The file text for `workbook`, with the unknown fields of the file kept.
    /// Drops a top-level field of the file as read, so a save does not
    /// bring it back (`table apply` replaces the table and its unknown fields).
    pub fn forget_unknown_field(&mut self, key: &str) {
        if let Some(object) = self.original.as_object_mut() {
            object.remove(key);
        }
    }

    #[must_use]
    pub fn to_json(&self, workbook: &Workbook) -> String {
        to_json_keeping(workbook, Some(&self.original))
    }

    /// Compares the file on disk with what this session last read or wrote.
    ///
    /// # Errors
    /// When the file exists but cannot be read.
    pub fn changed_on_disk(&self) -> io::Result<DiskChange> {
        changed_on_disk(&self.path, self.stamp.as_ref())
    }

    /// `Ctrl-S`: saves unless the file changed on disk since we read or wrote it.
    ///
    /// # Errors
    /// `SaveFault::ChangedOnDisk` when a colleague changed it (ask: overwrite →
    /// `save_overwriting`, save as → `save_as`, reload → `reload`);
    /// `SaveFault::ReadOnlySession` for read-only documents; otherwise why the
    /// save failed, with the file and its `.bak` untouched.
    pub fn save(&mut self, workbook: &Workbook) -> Result<Saved, SaveError> {
        self.refuse_if_read_only(&self.path)?;
        let change = self
            .changed_on_disk()
            .map_err(|e| SaveError::io(&self.path, SaveStep::Check, &e))?;
        if change.is_conflict() {
            return Err(SaveError::new(
                &self.path,
                SaveFault::ChangedOnDisk,
                SaveStep::Check,
            ));
        }
        self.save_overwriting(workbook)
    }

    /// Saves over whatever is on disk (after the officer chose "overwrite";
    /// the replaced version is kept as `FILE.bak`).
    ///
    /// # Errors
    /// As `save`, without the external-change check.
    pub fn save_overwriting(&mut self, workbook: &Workbook) -> Result<Saved, SaveError> {
        self.refuse_if_read_only(&self.path)?;
        let saved = save_atomic(&self.path, self.to_json(workbook).as_bytes())?;
        self.after_save(&saved);
        Ok(saved)
    }

    /// Saves to another file, which then becomes this document's file.
    /// With `overwrite` false an existing file is refused
    /// (`SaveFault::AlreadyExists`: ask, then call again with true; the
    /// replaced file is kept as its `.bak`).
    ///
    /// # Errors
    /// Why the save failed; this document then still points at its old file.
    pub fn save_as(
        &mut self,
        path: &Path,
        workbook: &Workbook,
        overwrite: bool,
    ) -> Result<Saved, SaveError> {
        self.refuse_if_read_only(path)?;
        let text = self.to_json(workbook);
        let saved = if overwrite {
            save_atomic(path, text.as_bytes())?
        } else {
            save_as(path, text.as_bytes())?
        };
        self.path = path.to_path_buf();
        self.after_save(&saved);
        Ok(saved)
    }

    fn refuse_if_read_only(&self, path: &Path) -> Result<(), SaveError> {
        match &self.read_only {
            None => Ok(()),
            Some(_) => Err(SaveError::new(
                path,
                SaveFault::ReadOnlySession,
                SaveStep::Check,
            )),
        }
    }

    fn after_save(&mut self, saved: &Saved) {
        self.stamp = Some(saved.stamp.clone());
        self.origin = Origin::File;
    }
}

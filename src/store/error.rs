//! Why a save or an open failed, typed for the workbench and worded for the
//! officer in both languages.

use std::io;
use std::path::{Path, PathBuf};

use crate::core::Bilingual;
use crate::core::format::LoadError;

/// What went wrong with a save, as far as the officer needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveFault {
    /// The target path is a folder.
    TargetIsDirectory,
    /// The target file has no write permission (or is immutable).
    TargetReadOnly,
    /// `FILE.bak` exists but is not a regular file, so the previous version
    /// could not be kept.
    BackupNotAFile,
    /// The folder does not let us create files (permissions, read-only disk).
    FolderNotWritable,
    /// A part of the path is a regular file, not a folder.
    NotAFolder,
    /// A file or folder name is too long, or not allowed by the file system.
    NameTooLong,
    /// No space left, quota or file size limit reached.
    DiskFull,
    /// `save_as` found a file already there; ask before overwriting it.
    AlreadyExists,
    /// Another program holds the file open and will not let its name be
    /// replaced (Windows: WPS, Notepad++, a virus scanner that does not share
    /// delete access).
    InUse,
    /// The target is an input of the same command (the workbook exported,
    /// the spreadsheet imported): never written over, asked or not.
    IsInput,
    /// The file changed on disk since it was loaded or last saved.
    ChangedOnDisk,
    /// This session is read-only (review mode, no write permission, newer format).
    ReadOnlySession,
    /// Anything else the operating system reported.
    Other,
}

/// The step of a save that failed; all of them come before the file is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveStep {
    /// Looking at the target and its folder.
    Check,
    /// Creating the temporary file next to the target.
    CreateTemp,
    /// Writing the new contents.
    Write,
    /// Flushing the new contents to the disk.
    Sync,
    /// Keeping the previous version aside for `FILE.bak`.
    Backup,
    /// Renaming the temporary file over the target.
    Replace,
}

/// A save that did not happen. The file on disk and its `.bak` are as they were.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.describe().en)]
pub struct SaveError {
    pub path: PathBuf,
    pub fault: SaveFault,
    pub step: SaveStep,
    /// The operating system's words, when there are any.
    pub detail: String,
}

impl SaveError {
    pub fn new(path: &Path, fault: SaveFault, step: SaveStep) -> Self {
        Self {
            path: path.to_path_buf(),
            fault,
            step,
            detail: String::new(),
        }
    }

    /// Classifies an I/O error from `step`.
    pub(crate) fn io(path: &Path, step: SaveStep, err: &io::Error) -> Self {
        let fault = match err.kind() {
            _ if step == SaveStep::Replace && held_open(err) => SaveFault::InUse,
            io::ErrorKind::IsADirectory => SaveFault::TargetIsDirectory,
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                if step == SaveStep::Replace {
                    SaveFault::TargetReadOnly
                } else {
                    SaveFault::FolderNotWritable
                }
            }
            io::ErrorKind::NotADirectory => SaveFault::NotAFolder,
            io::ErrorKind::InvalidFilename => SaveFault::NameTooLong,
            io::ErrorKind::StorageFull
            | io::ErrorKind::QuotaExceeded
            | io::ErrorKind::FileTooLarge => SaveFault::DiskFull,
            io::ErrorKind::AlreadyExists if step == SaveStep::Replace => SaveFault::AlreadyExists,
            _ => SaveFault::Other,
        };
        Self {
            path: path.to_path_buf(),
            fault,
            step,
            detail: err.to_string(),
        }
    }

    /// The status-bar message: what failed, and that nothing was lost.
    #[must_use]
    pub fn describe(&self) -> Bilingual {
        let (zh, en) = self.what();
        Bilingual::new(
            format!(
                "未保存：{zh}。原文件和 .bak 备份均未改动，修改仍在内存中，可用“另存为”保存到别处。"
            ),
            format!(
                "Not saved: {en}. The file and its .bak are unchanged; your edits are still in memory and can be saved elsewhere with Save as."
            ),
        )
    }

    /// A command's message (the process ends: nothing stays in memory).
    #[must_use]
    pub fn describe_for_command(&self) -> Bilingual {
        let (zh, en) = self.what();
        Bilingual::new(
            format!("未写入：{zh}。原有文件未改动。"),
            format!("Nothing written: {en}. Existing files are unchanged."),
        )
    }

    /// What went wrong, with the system's words.
    fn what(&self) -> (String, String) {
        let file = self.path.display();
        let (zh, en) = match self.fault {
            SaveFault::TargetIsDirectory => (
                format!("{file} 是一个文件夹"),
                format!("{file} is a folder"),
            ),
            SaveFault::TargetReadOnly => {
                (format!("{file} 是只读文件"), format!("{file} is read-only"))
            }
            SaveFault::BackupNotAFile => (
                format!("{file}.bak 不是普通文件，无法保留上一版本"),
                format!("{file}.bak is not a regular file, so the previous version cannot be kept"),
            ),
            SaveFault::FolderNotWritable => (
                format!("{file} 所在文件夹不可写"),
                format!("the folder of {file} is not writable"),
            ),
            SaveFault::NotAFolder => (
                format!("{file} 的路径中有一项是文件而不是文件夹"),
                format!("a part of the path {file} is a file, not a folder"),
            ),
            SaveFault::NameTooLong => (
                format!("{file} 的文件名过长或不被文件系统接受"),
                format!("the name {file} is too long or not allowed by the file system"),
            ),
            SaveFault::DiskFull => (
                format!("{file} 所在磁盘已满或超出配额"),
                format!("the disk of {file} is full (or a quota or size limit was reached)"),
            ),
            SaveFault::AlreadyExists => {
                (format!("{file} 已存在"), format!("{file} already exists"))
            }
            SaveFault::InUse => (
                format!(
                    "{file} 正被其他程序占用（如 WPS、记事本或杀毒软件），请关闭该程序后再保存"
                ),
                format!(
                    "{file} is held open by another program (WPS, an editor, a virus scanner); close it and save again"
                ),
            ),
            SaveFault::IsInput => (
                format!("{file} 是本次读取的输入文件，不能被覆盖"),
                format!("{file} is an input of this command and is never written over"),
            ),
            SaveFault::ChangedOnDisk => (
                format!("{file} 在磁盘上已被修改（可能是同事改的）"),
                format!("{file} was changed on disk since it was opened (perhaps by a colleague)"),
            ),
            SaveFault::ReadOnlySession => (
                format!("{file} 以只读方式打开"),
                format!("{file} is open read-only"),
            ),
            SaveFault::Other => (format!("无法保存 {file}"), format!("cannot save {file}")),
        };
        if self.detail.is_empty() {
            (zh, en)
        } else {
            (
                format!("{zh}（{}）", self.detail),
                format!("{en} ({})", self.detail),
            )
        }
    }
}

/// Whether Windows refused because another program holds the file open
/// without sharing delete access (a sharing or lock violation; "access
/// denied" on a file that is not read-only, which `write_refusal` has
/// already ruled out before the rename).
#[cfg(windows)]
pub(crate) fn held_open(err: &io::Error) -> bool {
    const ERROR_ACCESS_DENIED: i32 = 5;
    const ERROR_SHARING_VIOLATION: i32 = 32;
    const ERROR_LOCK_VIOLATION: i32 = 33;
    matches!(
        err.raw_os_error(),
        Some(ERROR_ACCESS_DENIED | ERROR_SHARING_VIOLATION | ERROR_LOCK_VIOLATION)
    )
}

/// Elsewhere an open file never stops a rename over its name.
#[cfg(not(windows))]
pub(crate) fn held_open(_err: &io::Error) -> bool {
    false
}

impl From<SaveError> for io::Error {
    fn from(error: SaveError) -> Self {
        Self::other(error.describe().en)
    }
}

/// A file that could not be opened. It is never written over: the workbench
/// offers to start from the sample in a new file instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("{}: cannot read ({detail})", path.display())]
    Unreadable {
        path: PathBuf,
        kind: io::ErrorKind,
        detail: String,
    },
    #[error("{}: {len} bytes is too large for a workbook (limit {limit})", path.display())]
    TooLarge { path: PathBuf, len: u64, limit: u64 },
    #[error("{}: line {line}, column {column}: not UTF-8 text; expected a JSON workbook saved as UTF-8", path.display())]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: line 1, column 1: {encoding} text (by its byte-order mark); expected UTF-8", path.display())]
    Utf16 {
        path: PathBuf,
        encoding: &'static str,
    },
    #[error("{}: {error}", path.display())]
    Invalid { path: PathBuf, error: LoadError },
}

impl OpenError {
    /// The file that could not be opened.
    #[must_use]
    pub fn path(&self) -> &Path {
        match self {
            Self::Unreadable { path, .. }
            | Self::TooLarge { path, .. }
            | Self::NotUtf8 { path, .. }
            | Self::Utf16 { path, .. }
            | Self::Invalid { path, .. } => path,
        }
    }

    /// Line and column of the problem, where there is one.
    #[must_use]
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::NotUtf8 { line, column, .. } => Some((*line, *column)),
            Self::Utf16 { .. } => Some((1, 1)),
            Self::Invalid { error, .. } => error.position(),
            _ => None,
        }
    }

    /// Whether the file simply is not there (only `open_for_review` reports that).
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Unreadable { kind, .. } if *kind == io::ErrorKind::NotFound)
    }

    /// The message in both languages, naming the file, line, column and what
    /// was expected, and saying the file will not be overwritten.
    #[must_use]
    pub fn describe(&self) -> Bilingual {
        let plain = self.describe_plain();
        Bilingual::new(
            format!("{}。该文件不会被覆盖。", plain.zh),
            format!("{}. The file will not be overwritten.", plain.en),
        )
    }

    /// The message without the workbench's promise, for commands that only read.
    #[must_use]
    pub fn describe_plain(&self) -> Bilingual {
        let name = self.path().display().to_string();
        let (zh, en) = match self {
            Self::Unreadable { kind, detail, .. } => (
                format!("{name}：无法读取（{}）", unreadable_zh(*kind, detail)),
                format!("{name}: cannot read ({detail})"),
            ),
            Self::TooLarge { len, limit, .. } => (
                format!("{name}：文件过大（{len} 字节，上限 {limit}），不像 jixiao 工作簿"),
                format!("{name}: {len} bytes is too large for a workbook (limit {limit})"),
            ),
            Self::NotUtf8 { line, column, .. } => (
                format!(
                    "{name}：第 {line} 行第 {column} 列不是 UTF-8 文本，应为 UTF-8 编码的 JSON 工作簿"
                ),
                format!(
                    "{name}: line {line}, column {column}: not UTF-8 text; expected a JSON workbook saved as UTF-8"
                ),
            ),
            Self::Utf16 { encoding, .. } => (
                format!(
                    "{name}：第 1 行第 1 列：字节顺序标记表明这是 {encoding} 文本，应为 UTF-8 编码"
                ),
                format!(
                    "{name}: line 1, column 1: {encoding} text (by its byte-order mark); expected UTF-8"
                ),
            ),
            Self::Invalid { error, .. } => {
                let b = error.describe(&name);
                (b.zh, b.en)
            }
        };
        Bilingual::new(zh, en)
    }
}

/// Why a file cannot be read, in Chinese: the guard's own reasons and the
/// common system errors; only an unusual system error keeps its own words.
fn unreadable_zh(kind: io::ErrorKind, detail: &str) -> String {
    const GUARD: [(&str, &str); 5] = [
        ("is a FIFO", "是命名管道（FIFO），不是普通文件"),
        ("is a device", "是设备文件，不是普通文件"),
        ("is a socket", "是套接字，不是普通文件"),
        ("is a folder", "是文件夹，不是文件"),
        ("not a regular file", "不是普通文件"),
    ];
    if let Some((_, zh)) = GUARD.iter().find(|(en, _)| detail.starts_with(en)) {
        return (*zh).to_owned();
    }
    match kind {
        io::ErrorKind::NotFound => "文件不存在".to_owned(),
        io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        io::ErrorKind::IsADirectory => "是文件夹，不是文件".to_owned(),
        _ => format!("系统错误：{detail}"),
    }
}

#[cfg(test)]
mod unreadable_tests {
    use super::*;

    #[test]
    fn the_guards_reasons_are_chinese_throughout() {
        for (kind, detail) in [
            (
                io::ErrorKind::InvalidInput,
                "is a FIFO (named pipe), not a regular file",
            ),
            (
                io::ErrorKind::InvalidInput,
                "is a device, not a regular file",
            ),
            (
                io::ErrorKind::InvalidInput,
                "is a socket, not a regular file",
            ),
            (io::ErrorKind::IsADirectory, "is a folder, not a file"),
            (
                io::ErrorKind::NotFound,
                "No such file or directory (os error 2)",
            ),
            (
                io::ErrorKind::PermissionDenied,
                "Permission denied (os error 13)",
            ),
        ] {
            let error = OpenError::Unreadable {
                path: PathBuf::from("报告.json"),
                kind,
                detail: detail.to_owned(),
            };
            let zh = error.describe_plain().zh;
            let reason = zh.trim_start_matches("报告.json");
            let english = reason
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect::<String>();
            assert!(english.is_empty() || english == "FIFO", "{zh}");
        }
    }
}

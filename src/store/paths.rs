//! Where files live: the default workbook in the platform data folder.

use std::path::PathBuf;

/// The data folder, from `directories` (so `XDG_DATA_HOME` / `HOME` move it).
#[must_use]
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jixiao").map(|dirs| dirs.data_dir().to_path_buf())
}

/// `<data dir>/workbook.json`.
#[must_use]
pub fn default_workbook() -> Option<PathBuf> {
    data_dir().map(|d| d.join("workbook.json"))
}

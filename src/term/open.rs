//! Choosing and opening the workbook the workbench starts on.

use std::path::{Path, PathBuf};

use crate::app::{App, Origin};
use crate::core::format::load;
use crate::core::sample::sample_workbook;
use crate::core::{Bilingual, Lang};

/// Opens `path`, or the sample as a new file when `path` does not exist yet.
/// A file that exists but cannot be read is an error, and is never overwritten.
///
/// # Errors
/// Names the file, line, column and what was expected.
pub fn open_app(path: &Path, lang: Lang) -> Result<App, Bilingual> {
    let name = path.display().to_string();
    if !path.exists() {
        return Ok(App::new(
            sample_workbook(),
            path.to_path_buf(),
            Origin::NewFile,
            lang,
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        Bilingual::new(
            format!("{name}：无法读取（{e}）"),
            format!("{name}: cannot read ({e})"),
        )
    })?;
    let loaded = load(&text).map_err(|e| e.describe(&name))?;
    let mut app = App::new(loaded.workbook, path.to_path_buf(), Origin::File, lang);
    app.original = Some(loaded.original);
    Ok(app)
}

/// The default workbook path, `<data dir>/workbook.json`.
#[must_use]
pub fn default_path() -> PathBuf {
    crate::cli::paths::default_workbook().unwrap_or_else(|| PathBuf::from("workbook.json"))
}

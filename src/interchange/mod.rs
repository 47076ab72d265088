//! Bringing the bureau's scoring table (评分表) in and out: reading the
//! spreadsheets bureaus send, the `jixiao-table` file, applying a table to a
//! workbook while keeping the officer's entries, and writing a table back out.

pub mod accounting;
pub mod apply;
pub mod assemble;
pub mod columns;
pub mod formula_text;
pub mod phrases;
pub mod project;
pub mod rules;
pub mod sheet;
pub mod table_export;
pub mod table_file;

#[cfg(test)]
mod formula_import_tests;
#[cfg(test)]
mod wording25_tests;
#[cfg(test)]
mod wording_tests;

#[cfg(test)]
mod round_trip_tests;

use std::path::Path;

pub use assemble::{Findings, Imported, LayoutError, RuleOrigin, RuleReport, import_grid};
pub use sheet::{Grid, ReadError, TextEncoding};

use crate::core::Bilingual;

/// Why a spreadsheet gave no table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Layout(#[from] LayoutError),
}

impl ImportError {
    /// The message in both languages, naming the file.
    #[must_use]
    pub fn describe(&self, file: &str) -> Bilingual {
        match self {
            Self::Read(e) => e.describe(file),
            Self::Layout(e) => e.describe(file),
        }
    }
}

/// Reads a scoring table from a CSV or spreadsheet file. Without `sheet`, the
/// first sheet whose columns are recognised is used.
///
/// # Errors
/// When the file cannot be read or no sheet has the columns of a scoring table
/// (the message names the columns found and those expected).
pub fn import_path(path: &Path, sheet: Option<&str>) -> Result<Imported, ImportError> {
    let grids = sheet::read_path(path, sheet)?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("评分表")
        .to_owned();
    let mut first_error = None;
    for (i, grid) in grids.iter().enumerate() {
        match import_grid(grid, &stem) {
            Ok(mut imported) => {
                path.file_name()
                    .and_then(|s| s.to_str())
                    .unwrap_or_default()
                    .clone_into(&mut imported.table.source);
                // Named in the report, so a table on a later sheet is not missed.
                imported.other_tables = grids[i + 1..]
                    .iter()
                    .filter(|g| columns::find_header_rows(g).is_some())
                    .filter_map(|g| g.sheet.clone())
                    .collect();
                return Ok(imported);
            }
            Err(e) => {
                // Prefer the message about a sheet that has content.
                let empty = matches!(&e, LayoutError::UnrecognisedColumns { found, .. } if found.is_empty());
                if first_error.is_none() || (!empty && is_empty_error(first_error.as_ref())) {
                    first_error = Some(e);
                }
            }
        }
    }
    Err(first_error
        .unwrap_or(LayoutError::UnrecognisedColumns {
            sheet: None,
            found: Vec::new(),
        })
        .into())
}

fn is_empty_error(e: Option<&LayoutError>) -> bool {
    matches!(e, Some(LayoutError::UnrecognisedColumns { found, .. }) if found.is_empty())
}

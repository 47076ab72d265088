//! Reports and tables for people who do not run jixiao: the self-evaluation
//! report in Markdown, Word and PDF, CSV tables, and an xlsx workbook with
//! live formulas. `format` lists them for the command line and the workbench.

pub mod csv;
pub mod docx;
pub mod format;
pub mod markdown;
pub mod pdf;
pub mod report;
pub mod request;
pub mod rows;
pub mod xlsx;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("cannot build the xlsx: {0}")]
    Xlsx(String),
    #[error("cannot build the docx: {0}")]
    Docx(String),
    /// A program the format needs (`LibreOffice` for PDF) is not installed.
    #[error("{} / {}", .0.zh, .0.en)]
    MissingTool(crate::core::Bilingual),
    /// The output was refused (an extension no format writes).
    #[error("{} / {}", .0.zh, .0.en)]
    Refused(crate::core::Bilingual),
    #[error("LibreOffice could not convert the report: {0}")]
    Convert(String),
    /// The store refused or failed the write (an existing file nobody asked
    /// to replace, an input of the command, a full disk).
    #[error("{0}")]
    Save(#[from] crate::store::SaveError),
}

/// The sample workbook and what is derived from it, which most export tests start from.
#[cfg(test)]
pub(crate) fn sample_derived() -> (crate::core::model::Workbook, crate::core::engine::Derived) {
    let wb = crate::core::sample::sample_workbook();
    let derived = crate::core::engine::derive(&wb);
    (wb, derived)
}

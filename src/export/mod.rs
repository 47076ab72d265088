//! Reports and tables for people who do not run jixiao: the self-evaluation
//! report in Markdown, CSV tables, and an xlsx workbook with live formulas.

pub mod cli;
pub mod csv;
pub mod docx;
pub mod markdown;
pub mod report;
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
}

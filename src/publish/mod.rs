//! What a unit publishes (公开) and the proof that it is what was filed: the
//! report (docx, and PDF where `LibreOffice` is installed), the 基础数据表
//! and 评分表 (one xlsx), and each project's 项目支出绩效自评表 (docx), every
//! one with the workbook's content stamp in its footer (`core::stamp`).
//! `verify` reads a published docx or xlsx back and compares its figures and
//! texts with what the workbook gives now.

pub mod read;
pub mod verify;

use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::core::stamp::content_stamp;
use crate::export::ExportError;
use crate::export::report::{ReportOptions, blocks, project_blocks};
use crate::export::xlsx::{XlsxOptions, to_bytes_stamped};

/// Which published document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The self-evaluation report.
    Report,
    /// 基础数据表, 指标评分表 and 工作量统计 in one xlsx.
    Tables,
    /// The form of the project at this index of `Workbook::projects`.
    Project(usize),
}

/// One published document: its file name and bytes.
#[derive(Debug, Clone)]
pub struct Document {
    pub name: String,
    pub kind: Kind,
    pub bytes: Vec<u8>,
}

/// The bundle's documents but the PDF (which `LibreOffice` makes from the
/// report's docx), named after `stem` (the workbook's file stem).
///
/// # Errors
/// When a document cannot be built.
pub fn documents(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    stem: &str,
) -> Result<Vec<Document>, ExportError> {
    let stamp = content_stamp(wb);
    let (report, tables, project) = match lang {
        Lang::Zh => ("自评报告", "基础数据表与评分表", "项目"),
        Lang::En => ("report", "tables", "project"),
    };
    let options = ReportOptions { with_checks: false };
    let report_blocks = blocks(wb, derived, lang, options);
    let mut out = vec![
        Document {
            name: format!("{stem}-{report}.docx"),
            kind: Kind::Report,
            bytes: crate::export::docx::blocks_to_bytes_stamped(
                &report_blocks,
                lang,
                Some(&stamp),
            )?,
        },
        Document {
            name: format!("{stem}-{tables}.xlsx"),
            kind: Kind::Tables,
            bytes: to_bytes_stamped(wb, derived, lang, XlsxOptions::default(), Some(&stamp))?,
        },
    ];
    for (i, (p, d)) in wb
        .projects
        .iter()
        .zip(&derived.projects.projects)
        .enumerate()
    {
        let form = project_blocks(wb, p, d, lang);
        out.push(Document {
            name: format!("{stem}-{project}{}-{}.docx", i + 1, file_safe(&p.name)),
            kind: Kind::Project(i),
            bytes: crate::export::docx::blocks_to_bytes_stamped(&form, lang, Some(&stamp))?,
        });
    }
    Ok(out)
}

/// A name as part of a file name: no folder separators, reserved or control
/// characters, at most 40 characters.
fn file_safe(name: &str) -> String {
    let kept: String = name
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .take(40)
        .collect();
    let kept = kept.trim().trim_matches('.').to_owned();
    if kept.is_empty() {
        "project".to_owned()
    } else {
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_names_make_safe_file_names() {
        assert_eq!(file_safe("a/b:c*?"), "abc");
        assert_eq!(file_safe(" .. "), "project");
        assert_eq!(file_safe(&"长".repeat(50)).chars().count(), 40);
    }
}

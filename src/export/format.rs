//! The export formats in one list. Each format names itself, its file
//! extensions, whether it writes a file or a folder, its writer, and whether
//! the workbench's export prompt offers it. `jixiao export --format` and the
//! in-app prompt both read this list, so a new format is a writer module plus
//! one entry here.

use std::path::Path;

use super::ExportError;
pub use super::request::ExportRequest;
use crate::core::{Bilingual, Lang};

/// Whether a format writes one file or a folder of files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    File,
    Folder,
}

/// One export format.
pub struct Format {
    /// The name `--format` takes.
    pub name: &'static str,
    /// File extensions without the dot, the first one the default.
    pub extensions: &'static [&'static str],
    pub output: Output,
    /// What it is, for the prompt and `--help`.
    pub label: (&'static str, &'static str),
    /// Offered by the workbench's export prompt.
    pub offered_in_app: bool,
    /// Writes the export at the path (a file written atomically, or a folder).
    pub write: fn(&Path, &ExportRequest) -> Result<(), ExportError>,
    /// The bytes for standard output, for formats that can go there.
    pub stdout: Option<fn(&ExportRequest) -> Vec<u8>>,
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Format")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Every format, in the order the prompt lists them.
pub const FORMATS: &[Format] = &[
    Format {
        name: "md",
        extensions: &["md", "markdown"],
        output: Output::File,
        label: ("报告", "report"),
        offered_in_app: true,
        write: write_markdown,
        stdout: Some(markdown_bytes),
    },
    Format {
        name: "docx",
        extensions: &["docx"],
        output: Output::File,
        label: ("Word 报告", "Word report"),
        offered_in_app: true,
        write: write_docx,
        stdout: None,
    },
    Format {
        name: "pdf",
        extensions: &["pdf"],
        output: Output::File,
        label: (
            "PDF 报告（需 LibreOffice）",
            "PDF report (needs LibreOffice)",
        ),
        offered_in_app: true,
        write: super::pdf::write,
        stdout: None,
    },
    Format {
        name: "xlsx",
        extensions: &["xlsx"],
        output: Output::File,
        label: ("工作簿", "workbook"),
        offered_in_app: true,
        write: write_xlsx,
        stdout: None,
    },
    Format {
        name: "csv",
        extensions: &["csv"],
        output: Output::Folder,
        label: ("表格文件夹", "folder of tables"),
        offered_in_app: true,
        write: write_csv_folder,
        stdout: None,
    },
];

/// The format named `name` (`--format`).
#[must_use]
pub fn by_name(name: &str) -> Option<&'static Format> {
    FORMATS.iter().find(|f| f.name.eq_ignore_ascii_case(name))
}

/// The format a path's extension names.
#[must_use]
pub fn by_extension(path: &Path) -> Option<&'static Format> {
    let ext = path.extension()?.to_str()?;
    FORMATS
        .iter()
        .find(|f| f.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// Every `--format` name.
#[must_use]
pub fn names() -> Vec<&'static str> {
    FORMATS.iter().map(|f| f.name).collect()
}

/// "导出到（.md 报告 / .docx Word 报告 / … / 无扩展名：表格文件夹）": the in-app offer.
#[must_use]
pub fn prompt_label(lang: Lang) -> String {
    let offered: Vec<String> = FORMATS
        .iter()
        .filter(|f| f.offered_in_app)
        .map(|f| {
            let label = if lang == Lang::Zh {
                f.label.0
            } else {
                f.label.1
            };
            match f.output {
                Output::File => format!(".{} {label}", f.extensions[0]),
                Output::Folder => match lang {
                    Lang::Zh => format!("无扩展名：{label}"),
                    Lang::En => format!("no extension: {label}"),
                },
            }
        })
        .collect();
    match lang {
        Lang::Zh => format!("导出到（{}）", offered.join(" / ")),
        Lang::En => format!("Export to ({})", offered.join(" / ")),
    }
}

/// The format the workbench writes for a typed path: by its extension, a
/// folder of tables when it has none.
///
/// # Errors
/// When the extension names no format the prompt offers.
pub fn for_prompt_path(path: &Path) -> Result<&'static Format, Bilingual> {
    let folder = FORMATS
        .iter()
        .find(|f| f.offered_in_app && f.output == Output::Folder);
    if let (None, Some(folder)) = (path.extension(), folder) {
        return Ok(folder);
    }
    match by_extension(path) {
        Some(f) if f.offered_in_app && f.output == Output::File => Ok(f),
        _ => Err(unknown_extension(path)),
    }
}

fn unknown_extension(path: &Path) -> Bilingual {
    let files: Vec<String> = FORMATS
        .iter()
        .filter(|f| f.offered_in_app && f.output == Output::File)
        .map(|f| format!(".{}", f.extensions[0]))
        .collect();
    let list = files.join(" ");
    let name = path.display();
    Bilingual::new(
        format!("{name}：无法识别的扩展名；可用 {list}，或不带扩展名导出表格文件夹"),
        format!("{name}: unknown extension; use {list}, or no extension for a folder of tables"),
    )
}

/// Refuses an output whose extension names another format, and a folder
/// whose name ends in a file extension (`a.docx` never becomes a folder).
///
/// # Errors
/// A message naming the format the extension belongs to.
pub fn check_output(format: &Format, path: &Path) -> Result<(), Bilingual> {
    let Some(named) = by_extension(path) else {
        return match (format.output, path.extension()) {
            (Output::Folder, Some(ext)) => Err(folder_with_extension(path, &ext.to_string_lossy())),
            _ => Ok(()),
        };
    };
    let name = path.display();
    if format.output == Output::Folder {
        return Err(folder_with_extension(path, named.extensions[0]));
    }
    if !std::ptr::eq(named, format) {
        return Err(Bilingual::new(
            format!(
                "{name}：扩展名是 {} 格式，与 --format {} 不符；未写入",
                named.name, format.name
            ),
            format!(
                "{name}: the extension is for {}, not --format {}; nothing written",
                named.name, format.name
            ),
        ));
    }
    Ok(())
}

fn folder_with_extension(path: &Path, ext: &str) -> Bilingual {
    let name = path.display();
    Bilingual::new(
        format!(
            "{name}：表格写入文件夹，文件夹名不应带 .{ext} 扩展名（单个表格请用 --table）；未写入"
        ),
        format!(
            "{name}: the tables go into a folder, whose name should not end in .{ext} (use --table for one table); nothing written"
        ),
    )
}

fn markdown_bytes(request: &ExportRequest) -> Vec<u8> {
    super::markdown::report_with(
        request.wb,
        request.derived,
        request.lang,
        request.report_options(),
    )
    .into_bytes()
}

fn write_markdown(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    request.rule.write(path, &markdown_bytes(request))?;
    Ok(())
}

fn write_docx(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    let bytes = super::docx::to_bytes(
        request.wb,
        request.derived,
        request.lang,
        request.report_options(),
    )?;
    request.rule.write(path, &bytes)?;
    Ok(())
}

fn write_xlsx(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    let options = super::xlsx::XlsxOptions {
        with_checks: request.with_checks,
        ..super::xlsx::XlsxOptions::default()
    };
    let bytes = super::xlsx::to_bytes(request.wb, request.derived, request.lang, options)?;
    request.rule.write(path, &bytes)?;
    Ok(())
}

fn write_csv_folder(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    // The tables are data, not the filed report: checks.csv always travels.
    super::csv::write_tables(path, request)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_extension_names_one_format() {
        let mut seen = Vec::new();
        for f in FORMATS {
            assert!(by_name(f.name).is_some());
            for ext in f.extensions {
                assert!(!seen.contains(ext), "{ext} twice");
                seen.push(*ext);
            }
        }
    }

    #[test]
    fn an_extension_of_another_format_is_refused() {
        let csv = by_name("csv").expect("csv");
        let why = check_output(csv, Path::new("a.docx")).expect_err("a.docx is no folder");
        assert!(why.zh.contains("文件夹"), "{}", why.zh);
        let xlsx = by_name("xlsx").expect("xlsx");
        let why = check_output(xlsx, Path::new("out/a.md")).expect_err("md is not xlsx");
        assert!(why.en.contains("the extension is for md"), "{}", why.en);
        assert!(check_output(xlsx, Path::new("a.XLSX")).is_ok());
        assert!(check_output(csv, Path::new("tables")).is_ok());
        assert!(check_output(by_name("md").expect("md"), Path::new("a.txt")).is_ok());
    }

    #[test]
    fn the_prompt_offers_what_the_list_offers() {
        let zh = prompt_label(Lang::Zh);
        assert!(zh.contains(".docx Word 报告"), "{zh}");
        assert!(zh.contains(".md 报告"));
        assert_eq!(
            for_prompt_path(Path::new("r.docx")).map(|f| f.name),
            Ok("docx")
        );
        assert_eq!(
            for_prompt_path(Path::new("tables")).map(|f| f.name),
            Ok("csv")
        );
        assert!(for_prompt_path(Path::new("a.txt")).is_err());
        assert!(for_prompt_path(Path::new("a.csv")).is_err());
    }
}

//! The report as PDF: the Word document converted by `LibreOffice`
//! (`soffice --headless --convert-to pdf`), which lays out CJK text and
//! merged table cells as Word would. Without `LibreOffice` the export says so.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::ExportError;
use super::request::ExportRequest;
use crate::core::Bilingual;

/// The `LibreOffice` programs to try, in order.
const PROGRAMS: [&str; 2] = ["soffice", "libreoffice"];

/// The first `LibreOffice` program on the PATH.
#[must_use]
pub fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| PROGRAMS.iter().map(move |p| dir.join(p)))
        .find(|candidate| candidate.is_file())
}

/// What to say when `LibreOffice` is not installed.
#[must_use]
pub fn missing_message() -> Bilingual {
    Bilingual::new(
        "导出 PDF 需要 LibreOffice（soffice），本机未安装；可先导出 .docx 再用 Word 或 WPS 另存为 PDF",
        "exporting PDF needs LibreOffice (soffice), which is not installed; export .docx and save it as PDF from Word or WPS",
    )
}

/// Writes the report as PDF at `path` (atomically).
///
/// # Errors
/// [`ExportError::MissingTool`] without `LibreOffice`; otherwise when the
/// conversion or the write fails.
pub fn write(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    let program = libreoffice().ok_or_else(|| ExportError::MissingTool(missing_message()))?;
    let docx = super::docx::to_bytes(
        request.wb,
        request.derived,
        request.lang,
        request.report_options(),
    )?;
    let pdf = convert(&program, &docx, "pdf")?;
    request.rule.write(path, &pdf)?;
    Ok(())
}

/// Converts a .docx to another format with `LibreOffice` in a scratch folder,
/// with its own profile so a running `LibreOffice` is left alone.
///
/// # Errors
/// When `LibreOffice` fails or writes nothing.
pub fn convert(program: &Path, docx: &[u8], to: &str) -> Result<Vec<u8>, ExportError> {
    let scratch = tempfile::tempdir()?;
    let input = scratch.path().join("report.docx");
    std::fs::write(&input, docx)?;
    let profile = scratch.path().join("profile");
    let profile_url = format!("file://{}", profile.display());
    let output = Command::new(program)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(scratch.path())
        .arg(&input)
        .output()?;
    let extension = to.split(':').next().unwrap_or(to);
    let converted = scratch.path().join(format!("report.{extension}"));
    match std::fs::read(&converted) {
        Ok(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(ExportError::Convert(
            String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        )),
    }
}

//! The report as PDF: the Word document converted by `LibreOffice`
//! (`soffice --headless --convert-to pdf`), which lays out CJK text and
//! merged table cells as Word would. Without `LibreOffice` the export says so.
//!
//! Where `LibreOffice` is looked for: the `PATH`, and on Windows (where its
//! installer does not touch the `PATH`) also `LibreOffice\program\soffice.exe`
//! under `%ProgramFiles%` and `%ProgramFiles(x86)%`. WPS Office has no
//! command-line conversion, so it is not used: the message says to save the
//! `.docx` as PDF from WPS or Word instead.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::ExportError;
use super::request::ExportRequest;
use crate::core::Bilingual;

/// The `LibreOffice` programs to try, in order.
#[cfg(not(windows))]
const PROGRAMS: [&str; 2] = ["soffice", "libreoffice"];
#[cfg(windows)]
const PROGRAMS: [&str; 1] = ["soffice.exe"];

/// The first `LibreOffice` program on the PATH, or where its installer put it.
#[must_use]
pub fn libreoffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(install_folders())
        .flat_map(|dir| PROGRAMS.iter().map(move |p| dir.join(p)))
        .find(|candidate| candidate.is_file())
}

/// Where the Windows installer puts `soffice.exe` (64- and 32-bit).
#[cfg(windows)]
fn install_folders() -> Vec<PathBuf> {
    ["ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"]
        .iter()
        .filter_map(std::env::var_os)
        .map(|root| PathBuf::from(root).join("LibreOffice").join("program"))
        .collect()
}

/// Elsewhere the package manager puts it on the `PATH`.
#[cfg(not(windows))]
fn install_folders() -> Vec<PathBuf> {
    Vec::new()
}

/// What to say when `LibreOffice` is not installed.
#[must_use]
pub fn missing_message() -> Bilingual {
    Bilingual::new(
        "导出 PDF 需要 LibreOffice（soffice），本机未安装；可先导出 .docx 再用 Word 或 WPS 另存为 PDF",
        "exporting PDF needs LibreOffice (soffice), which is not installed; export .docx and save it as PDF from Word or WPS",
    )
}

/// Whether the machine has a Chinese font, as fontconfig (`fc-list :lang=zh`)
/// says; `None` where there is no fontconfig to ask (Windows).
#[must_use]
pub fn chinese_fonts() -> Option<bool> {
    let out = Command::new("fc-list")
        .args([":lang=zh", "family"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| out.stdout.iter().any(|b| !b.is_ascii_whitespace()))
}

/// What to say when no Chinese font is installed: the PDF would be boxes.
#[must_use]
pub fn no_chinese_font_message() -> Bilingual {
    Bilingual::new(
        "本机没有中文字体（fc-list :lang=zh 无结果；报告用 方正小标宋简体、黑体、楷体_GB2312、仿宋_GB2312，可退用 宋体、楷体、仿宋 或任一中文字体），导出的 PDF 中文会显示为方框，未导出；请先安装中文字体（如 fonts-noto-cjk），或导出 .docx 再用 Word 或 WPS 另存为 PDF",
        "no Chinese font is installed (fc-list :lang=zh lists none; the report uses 方正小标宋简体, 黑体, 楷体_GB2312 and 仿宋_GB2312, or 宋体, 楷体, 仿宋 or any Chinese font instead), so the PDF's Chinese text would be boxes: nothing written; install a Chinese font (e.g. fonts-noto-cjk) or export .docx and save it as PDF from Word or WPS",
    )
}

/// Writes the report as PDF at `path` (atomically).
///
/// # Errors
/// [`ExportError::MissingTool`] without `LibreOffice`; otherwise when the
/// conversion or the write fails.
pub fn write(path: &Path, request: &ExportRequest) -> Result<(), ExportError> {
    refuse_if_too_large(request.wb)?;
    let program = libreoffice().ok_or_else(|| ExportError::MissingTool(missing_message()))?;
    if chinese_fonts() == Some(false) {
        return Err(ExportError::MissingTool(no_chinese_font_message()));
    }
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

/// Indicators of the scoring table above which no PDF is made: `LibreOffice`
/// lays a long Word table out in time that grows much faster than its rows
/// (1,015 indicators 7 s, 2,900 40 s, 10,000 over 10 minutes); a bureau's
/// table has 30 to 300.
pub const MAX_PDF_INDICATORS: usize = 3_000;

/// Refuses, with the reason and what to do instead, a PDF of a table larger
/// than [`MAX_PDF_INDICATORS`].
///
/// # Errors
/// [`ExportError::Refused`] naming the count and the limit.
pub fn refuse_if_too_large(wb: &crate::core::model::Workbook) -> Result<(), ExportError> {
    let count = wb.table.flatten().len();
    if count <= MAX_PDF_INDICATORS {
        return Ok(());
    }
    Err(ExportError::Refused(Bilingual::new(
        format!(
            "评分表有 {count} 个指标，超过 PDF 导出上限 {MAX_PDF_INDICATORS} 个（LibreOffice 排版长表格的时间随行数急增）；请导出 docx（--format docx）后用 Word 或 WPS 另存为 PDF；未写入"
        ),
        format!(
            "the scoring table has {count} indicators, more than the {MAX_PDF_INDICATORS} a PDF is made of (LibreOffice takes ever longer to lay out a long table); export the docx (--format docx) and save it as PDF from Word or WPS; nothing written"
        ),
    )))
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
    let profile_url = file_url(&profile);
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

/// A `file:` URL `LibreOffice` accepts for `path`: forward slashes, a third
/// slash before a drive letter, everything but plain ASCII percent-encoded
/// (a Windows user folder is often named in Chinese).
fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy();
    let slashed = if cfg!(windows) {
        text.replace('\\', "/")
    } else {
        text.into_owned()
    };
    let mut url = String::from(if slashed.starts_with('/') {
        "file://"
    } else {
        "file:///"
    });
    for byte in slashed.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            url.push(char::from(byte));
        } else {
            let _ = write!(url, "%{byte:02X}");
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_past_the_limit_gets_no_pdf_and_says_why() {
        let mut wb = crate::core::sample::sample_workbook();
        assert!(refuse_if_too_large(&wb).is_ok());
        crate::synth::scale_table(&mut wb, 104);
        let Err(ExportError::Refused(why)) = refuse_if_too_large(&wb) else {
            panic!("3,016 indicators refused");
        };
        assert!(
            why.zh.contains("3016") && why.zh.contains("3000"),
            "{}",
            why.zh
        );
        assert!(why.en.contains("--format docx"), "{}", why.en);
    }

    #[test]
    fn file_urls_are_percent_encoded() {
        assert_eq!(
            file_url(Path::new("/tmp/张 三/profile")),
            "file:///tmp/%E5%BC%A0%20%E4%B8%89/profile"
        );
    }

    #[cfg(windows)]
    #[test]
    fn windows_file_urls_have_a_drive_letter() {
        assert_eq!(
            file_url(Path::new(r"C:\Users\张三\AppData\Local\Temp\x\profile")),
            "file:///C:/Users/%E5%BC%A0%E4%B8%89/AppData/Local/Temp/x/profile"
        );
    }
}

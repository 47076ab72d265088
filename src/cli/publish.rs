//! `jixiao publish WORKBOOK -o DIR` and `jixiao verify PUBLISHED… --against
//! WORKBOOK`: the published copies, stamped, and the proof that a published
//! file is what the workbook gives.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::export::{Failure, Outcome};
use crate::core::{Bilingual, Lang};
use crate::export::pdf::{chinese_fonts, convert, libreoffice, missing_message};
use crate::publish::verify::{Expected, Verdict};
use crate::publish::{Document, Kind, documents};
use crate::store::{Existing, WriteRule};

/// What `jixiao publish` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct PublishArgs<'a> {
    pub dir: &'a Path,
    /// `--force`: existing files of the same names are replaced (kept as `.bak`).
    pub replace: bool,
    /// `--no-pdf`: leave the PDF out even where `LibreOffice` is installed.
    pub no_pdf: bool,
    pub lang: Lang,
}

/// Writes the bundle into `args.dir`, all files or none.
///
/// # Errors
/// Exit 2 when the workbook cannot be read; 1 when a file exists (without
/// `--force`) or cannot be written.
pub fn publish(file: &Path, args: PublishArgs<'_>) -> Result<Outcome, Failure> {
    let (wb, derived) = super::check::open(file).map_err(Failure::unreadable)?;
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("jixiao");
    let mut docs =
        documents(&wb, &derived, args.lang, stem).map_err(|e| Failure::write(args.dir, &e))?;
    let pdf_note = if args.no_pdf {
        None
    } else {
        match pdf_of(&docs) {
            Ok(pdf) => {
                docs.insert(1, pdf);
                None
            }
            Err(why) => Some(why),
        }
    };
    let inputs = [file.to_path_buf()];
    let rule = WriteRule::new(Existing::replace_if(args.replace), &inputs);
    let paths: Vec<PathBuf> = docs.iter().map(|d| args.dir.join(&d.name)).collect();
    let files: Vec<(&Path, &[u8])> = paths
        .iter()
        .zip(&docs)
        .map(|(p, d)| (p.as_path(), d.bytes.as_slice()))
        .collect();
    rule.write_all(&files)
        .map_err(|e| Failure::not_written(&e, "--force"))?;
    let stamp = crate::core::stamp::content_stamp(&wb);
    let mut zh = format!("已发布 {} 个文件，内容校验码 {stamp}：\n", paths.len());
    let mut en = format!("published {} files, content stamp {stamp}:\n", paths.len());
    for path in &paths {
        let _ = writeln!(zh, "  {}", path.display());
        let _ = writeln!(en, "  {}", path.display());
    }
    if let Some(why) = pdf_note {
        let _ = writeln!(zh, "未生成 PDF：{}", why.zh);
        let _ = writeln!(en, "no PDF: {}", why.en);
    }
    Ok(Outcome {
        stdout: None,
        note: Some(Bilingual::new(zh, en)),
    })
}

/// The report as PDF, converted from its stamped docx by `LibreOffice`.
fn pdf_of(docs: &[Document]) -> Result<Document, Bilingual> {
    let program = libreoffice().ok_or_else(missing_message)?;
    if chinese_fonts() == Some(false) {
        return Err(crate::export::pdf::no_chinese_font_message());
    }
    let report = docs
        .iter()
        .find(|d| d.kind == Kind::Report)
        .ok_or_else(|| Bilingual::new("没有报告", "no report"))?;
    let bytes = convert(&program, &report.bytes, "pdf").map_err(|e| {
        Bilingual::new(
            format!("LibreOffice 转换失败（{e}）"),
            format!("LibreOffice failed ({e})"),
        )
    })?;
    Ok(Document {
        name: report.name.trim_end_matches(".docx").to_owned() + ".pdf",
        kind: Kind::Report,
        bytes,
    })
}

/// What `jixiao verify` found: the lines to print and the exit code (0 all
/// match, 1 one differs, 2 one cannot be read or the workbook cannot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub text: String,
    pub exit_code: u8,
}

/// Compares every published file with the workbook.
#[must_use]
pub fn verify(published: &[PathBuf], against: &Path, lang: Lang) -> VerifyReport {
    let unreadable = |message: Bilingual| VerifyReport {
        text: format!("{}\n", message.get(lang)),
        exit_code: 2,
    };
    let (wb, derived) = match super::check::open(against) {
        Ok(opened) => opened,
        Err(message) => return unreadable(message),
    };
    let expected = match Expected::of(&wb, &derived) {
        Ok(expected) => expected,
        Err(message) => return unreadable(message),
    };
    let mut text = String::new();
    let (mut differs, mut cannot) = (false, false);
    for path in published {
        let name = path.display();
        let verdict = match crate::store::read_guarded(path) {
            Ok((bytes, _)) => expected.verify(path, &bytes),
            Err(e) => Verdict::Unreadable(e.describe_plain()),
        };
        let line = match verdict {
            Verdict::Matches { stamp } => Bilingual::new(
                format!("一致：{name}（内容校验码 {stamp}）"),
                format!("matches: {name} (content stamp {stamp})"),
            ),
            Verdict::Differs(d) => {
                differs = true;
                Bilingual::new(
                    format!(
                        "不一致：{name}：{}：发布件为“{}”，工作簿为“{}”",
                        d.label, d.published, d.expected
                    ),
                    format!(
                        "differs: {name}: {}: published \"{}\", workbook \"{}\"",
                        d.label, d.published, d.expected
                    ),
                )
            }
            Verdict::Unreadable(why) => {
                cannot = true;
                Bilingual::new(
                    format!("无法读取：{name}：{}", why.zh),
                    format!("cannot read: {name}: {}", why.en),
                )
            }
        };
        text.push_str(line.get(lang));
        text.push('\n');
    }
    let exit_code = if cannot { 2 } else { u8::from(differs) };
    VerifyReport { text, exit_code }
}

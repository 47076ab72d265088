//! The documents reviewer mode hands out besides the tables: the send-back
//! letter of one unit (Markdown or Word) and the bureau's summary (Markdown,
//! CSV or xlsx with live totals). Each is built as bytes here, purely; the
//! run loop writes them (`write_document`) through the atomic writer. The
//! format follows the file name's extension, and none of them is `.json`, so
//! an export can never replace a workbook or the review file.

use std::path::Path;

use super::session::ReviewSession;
use super::{letter, summary, summary_xlsx};
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;
use crate::store::WriteRule;

/// The lower-case extension of `path`.
fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default()
}

fn wrong_extension(path: &Path, allowed: &str) -> Bilingual {
    let shown = path.display();
    Bilingual::new(
        format!("{shown}：文件名须以 {allowed} 结尾"),
        format!("{shown}: the file name must end in {allowed}"),
    )
}

fn cannot_build(path: &Path, why: &dyn std::fmt::Display) -> Bilingual {
    let shown = path.display();
    Bilingual::new(
        format!("{shown}：无法生成（{why}）"),
        format!("{shown}: cannot be built ({why})"),
    )
}

impl ReviewSession {
    /// The send-back letter of `row` as the bytes of `path` (.md or .docx).
    ///
    /// # Errors
    /// A wrong extension, a row that did not open, a unit not sent back.
    pub fn letter_bytes(&self, row: usize, path: &Path, lang: Lang) -> Result<Vec<u8>, Bilingual> {
        let ext = extension(path);
        if ext != "md" && ext != "docx" {
            return Err(wrong_extension(path, ".md / .docx"));
        }
        let entry = self
            .entries
            .get(row)
            .ok_or_else(|| Bilingual::new("没有选中单位", "no unit is selected"))?;
        let digest = entry.digest().ok_or_else(|| {
            Bilingual::new(
                format!("{} 未能打开，无法出具退回函", entry.file_name),
                format!("{} could not be opened: no letter", entry.file_name),
            )
        })?;
        letter::can_write(self.review(row))?;
        let review = self
            .review(row)
            .ok_or_else(|| Bilingual::new("没有审核记录", "no review is recorded"))?;
        // The unit's place among the rows of its folder, for the 文号's {n}.
        let number = self
            .entries
            .iter()
            .take(row + 1)
            .filter(|e| e.folder == entry.folder)
            .count();
        let sender = letter::Sender {
            bureau: self.bureau(Some(row)),
            date: self.today.clone(),
            number,
        };
        let blocks = letter::blocks(digest, review, &sender, lang);
        if ext == "md" {
            return Ok(crate::export::markdown::render(&blocks, lang).into_bytes());
        }
        crate::export::docx::blocks_to_bytes(&blocks, lang).map_err(|e| cannot_build(path, &e))
    }

    /// The bureau's summary of the rows in `view` as the bytes of `path`
    /// (.md, .csv or .xlsx).
    ///
    /// # Errors
    /// A wrong extension.
    pub fn summary_bytes(
        &self,
        view: &[usize],
        path: &Path,
        filter: &str,
        lang: Lang,
    ) -> Result<Vec<u8>, Bilingual> {
        let built = summary::build(self.rows(), view);
        let meta = summary::Meta {
            bureau: self.bureau(None).name,
            date: self.today.clone(),
            filter: filter.to_owned(),
            all_units: self.rows().len(),
        };
        match extension(path).as_str() {
            "md" => Ok(summary::to_markdown(&built, &meta, lang).into_bytes()),
            "csv" => summary::to_csv(&built, &meta, lang).map_err(|e| cannot_build(path, &e)),
            "xlsx" => {
                summary_xlsx::to_bytes(&built, &meta, lang).map_err(|e| cannot_build(path, &e))
            }
            _ => Err(wrong_extension(path, ".md / .csv / .xlsx")),
        }
    }
}

/// A file name for the letter of a workbook: `退回函-<stem>.docx`.
#[must_use]
pub fn letter_file_name(workbook_file: &str, lang: Lang) -> String {
    let stem = Path::new(workbook_file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("unit");
    format!(
        "{}-{stem}.docx",
        Tr("退回函", "letter").get(lang).to_owned()
    )
}

/// A default file name that says a filter is on: `审核汇总表（筛选：良、2023）.xlsx`.
#[must_use]
pub fn filtered_name(stem: &str, ext: &str, filter: &str, lang: Lang) -> String {
    if filter.is_empty() {
        return format!("{stem}.{ext}");
    }
    let safe: String = filter
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '“' | '”'
            )
        })
        .filter(|c| !c.is_control())
        .take(40)
        .collect();
    match lang {
        Lang::Zh => format!("{stem}（筛选：{safe}）.{ext}"),
        Lang::En => format!("{stem} (filtered {safe}).{ext}"),
    }
}

/// Writes a built document to `path` atomically, under `rule`.
///
/// # Errors
/// `Exists` when the file is there and replacing was not asked; otherwise a
/// message naming the file.
pub fn write_document(
    path: &Path,
    bytes: &[u8],
    rule: WriteRule<'_>,
) -> Result<(), super::export::WriteFailure> {
    super::export::write_under(rule, &[(path, bytes)])
}

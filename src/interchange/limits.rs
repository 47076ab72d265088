//! The bounds on reading a spreadsheet or a CSV, each checked before the
//! memory it guards is allocated, and named in the refusal. A bureau's
//! scoring table has a few hundred rows of a dozen columns; these are
//! thousands of times that, and far below what a small hostile file could
//! otherwise make jixiao allocate (docs/format.md §5 lists them).

use crate::core::Bilingual;

/// Bytes all parts of an xlsx/ods (a zip) may hold once uncompressed.
pub const MAX_UNCOMPRESSED_BYTES: u64 = 128 * 1024 * 1024;
/// Cells of one sheet, counted from A1 to its last row and column.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;
/// Cells of all sheets of a file together, counted the same way.
pub const MAX_TOTAL_CELLS: u64 = 4_000_000;
/// Columns of one row (Excel's own sheet has 16,384: XFD).
pub const MAX_COLUMNS: usize = 16_384;
/// Cells that merged regions may fill, over all regions of a sheet.
pub const MAX_MERGED_CELLS: u64 = 2 * MAX_SHEET_CELLS;

/// Which bound a file went past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// The zip's parts, uncompressed, are larger than `MAX_UNCOMPRESSED_BYTES`.
    Uncompressed,
    /// A sheet's cells reach `corner` (e.g. "XFD1048576"): more than `MAX_SHEET_CELLS` from A1.
    SheetCells { sheet: String, corner: String },
    /// All sheets together hold more than `MAX_TOTAL_CELLS`.
    TotalCells,
    /// A row (1-based) has more than `MAX_COLUMNS` cells.
    Columns { row: usize },
    /// Merged regions would fill more than `MAX_MERGED_CELLS`.
    MergedCells { sheet: String },
}

impl Limit {
    /// The refusal in both languages (the file is named by the caller).
    #[must_use]
    pub fn describe(&self) -> Bilingual {
        let mib = MAX_UNCOMPRESSED_BYTES / (1024 * 1024);
        match self {
            Self::Uncompressed => Bilingual::new(
                format!("解压后超过 {mib} MiB（解压大小上限），不像评分表；未读取"),
                format!(
                    "more than {mib} MiB once uncompressed (the limit on uncompressed size); not a scoring table, not read"
                ),
            ),
            Self::SheetCells { sheet, corner } => Bilingual::new(
                format!(
                    "工作表“{sheet}”的单元格从 A1 延伸到 {corner}，超过 {MAX_SHEET_CELLS} 个（工作表尺寸上限），不像评分表；未读取"
                ),
                format!(
                    "sheet \"{sheet}\" reaches from A1 to {corner}, more than {MAX_SHEET_CELLS} cells (the limit on sheet dimension); not a scoring table, not read"
                ),
            ),
            Self::TotalCells => Bilingual::new(
                format!(
                    "各工作表合计超过 {MAX_TOTAL_CELLS} 个单元格（单元格总数上限），不像评分表；未读取"
                ),
                format!(
                    "the sheets together hold more than {MAX_TOTAL_CELLS} cells (the limit on cell count); not a scoring table, not read"
                ),
            ),
            Self::Columns { row } => Bilingual::new(
                format!("第 {row} 行超过 {MAX_COLUMNS} 列（列数上限），不像评分表；未读取"),
                format!(
                    "row {row} has more than {MAX_COLUMNS} columns (the limit on columns); not a scoring table, not read"
                ),
            ),
            Self::MergedCells { sheet } => Bilingual::new(
                format!(
                    "工作表“{sheet}”的合并单元格共超过 {MAX_MERGED_CELLS} 格（合并区域上限），不像评分表；未读取"
                ),
                format!(
                    "sheet \"{sheet}\": merged regions cover more than {MAX_MERGED_CELLS} cells (the limit on merged cells); not a scoring table, not read"
                ),
            ),
        }
    }
}

/// A 0-based column as Excel names it: 0 → A, 25 → Z, 26 → AA, 16383 → XFD.
#[must_use]
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// Counts what a zip's parts hold uncompressed by inflating each (the sizes
/// its directory declares may lie), output discarded, stopping at the limit.
///
/// # Errors
/// `Limit(Uncompressed)` past the limit; `Spreadsheet` when it is no zip.
pub fn check_zip(bytes: &[u8]) -> Result<(), super::ReadError> {
    use std::io::Read as _;
    let fault = |e: &dyn std::fmt::Display| super::ReadError::Spreadsheet(e.to_string());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| fault(&e))?;
    // First what the directory declares: a bomb that does not lie stops here at once.
    let declared = (0..archive.len())
        .filter_map(|i| archive.by_index_raw(i).ok().map(|f| f.size()))
        .fold(0u64, u64::saturating_add);
    if declared > MAX_UNCOMPRESSED_BYTES {
        return Err(super::ReadError::Limit(Limit::Uncompressed));
    }
    let mut left = MAX_UNCOMPRESSED_BYTES;
    for i in 0..archive.len() {
        let entry = archive.by_index(i).map_err(|e| fault(&e))?;
        let read = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| fault(&e))?;
        if read > left {
            return Err(super::ReadError::Limit(Limit::Uncompressed));
        }
        left -= read;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(16_383), "XFD");
    }

    #[test]
    fn every_refusal_names_its_limit_in_both_languages() {
        let all = [
            Limit::Uncompressed,
            Limit::SheetCells {
                sheet: "评分表".into(),
                corner: "XFD1048576".into(),
            },
            Limit::TotalCells,
            Limit::Columns { row: 1 },
            Limit::MergedCells {
                sheet: "评分表".into(),
            },
        ];
        for limit in all {
            let text = limit.describe();
            assert!(text.zh.contains("上限"), "{}", text.zh);
            assert!(text.en.contains("the limit on"), "{}", text.en);
        }
    }
}

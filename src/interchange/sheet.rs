//! Reads a spreadsheet (CSV, xlsx, xls, ods) into a grid of text cells, with
//! merged regions filled in (the top-left value copied down and right), so the
//! layout reader sees what a person sees.

use std::io::Cursor;
use std::path::Path;
use std::str::FromStr;

use calamine::{Data, DataRef, Dimensions, Ods, Range, Reader, Xls, Xlsb, Xlsx};
use rust_decimal::Decimal;

use super::compound;
use super::limits::{
    Limit, MAX_COLUMNS, MAX_MERGED_CELLS, MAX_SHEET_CELLS, MAX_TOTAL_CELLS, column_name,
};
use crate::core::Bilingual;

/// One sheet as text cells, row by row (rows may differ in length).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grid {
    /// The sheet's name (`None` for CSV).
    pub sheet: Option<String>,
    pub rows: Vec<Vec<String>>,
    /// The text encoding a CSV was read in (`None` for spreadsheets).
    pub encoding: Option<TextEncoding>,
}

/// The encodings a CSV is read in: what Excel and WPS write on Chinese Windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    /// GB18030, which contains GBK and GB2312.
    Gb18030,
}

impl TextEncoding {
    /// The name shown in the import report.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Utf8Bom => "UTF-8 (BOM)",
            Self::Utf16Le => "UTF-16LE (BOM)",
            Self::Utf16Be => "UTF-16BE (BOM)",
            Self::Gb18030 => "GBK/GB18030",
        }
    }
}

/// Decodes a text file: a BOM names UTF-8 or UTF-16; without one, UTF-8 if the
/// bytes are valid UTF-8, else GB18030 if they decode without a fault.
///
/// # Errors
/// `NotText` when the bytes are neither.
pub fn decode_text(bytes: &[u8]) -> Result<(String, TextEncoding), ReadError> {
    let (encoding, label) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((e, _)) if e == encoding_rs::UTF_8 => (e, TextEncoding::Utf8Bom),
        Some((e, _)) if e == encoding_rs::UTF_16LE => (e, TextEncoding::Utf16Le),
        Some((e, _)) => (e, TextEncoding::Utf16Be),
        None => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok((text.to_owned(), TextEncoding::Utf8)),
            Err(_) => (encoding_rs::GB18030, TextEncoding::Gb18030),
        },
    };
    // With a BOM, the BOM is removed; without one, GB18030 is tried whole.
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    if had_errors {
        return Err(ReadError::NotText(label.label()));
    }
    Ok((text.into_owned(), label))
}

impl Grid {
    /// The trimmed cell text, empty when out of range; the apostrophe a CSV
    /// writer puts before a formula trigger (`'=`, `'-`) is read away.
    #[must_use]
    pub fn cell(&self, row: usize, col: usize) -> &str {
        let text = self
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", |s| s.trim());
        match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => text,
        }
    }
}

/// Why a spreadsheet could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read: {0}")]
    Io(String),
    #[error("not readable as {0} text; save it as \"CSV UTF-8\" or as xlsx")]
    NotText(&'static str),
    #[error("not a readable CSV file: {0}")]
    Csv(String),
    #[error("not a readable spreadsheet: {0}")]
    Spreadsheet(String),
    #[error("no sheet named \"{name}\"; the sheets are: {available}")]
    NoSuchSheet { name: String, available: String },
    #[error("unsupported file type \"{0}\"; expected .csv, .xlsx, .xls or .ods")]
    UnsupportedType(String),
    #[error("{}", .0.describe().en)]
    Limit(Limit),
    #[error("damaged xls file ({0}); not read")]
    Corrupt(String),
}

impl ReadError {
    /// The message in both languages, naming the file.
    #[must_use]
    pub fn describe(&self, file: &str) -> Bilingual {
        let zh = match self {
            Self::Io(e) => format!("{file}：无法读取（{e}）"),
            Self::NotText(encoding) => format!(
                "{file}：无法按 {encoding} 读取为文本；请在 Excel 中另存为“CSV UTF-8”或 xlsx"
            ),
            Self::Csv(e) => format!("{file}：CSV 格式有误（{e}）"),
            Self::Spreadsheet(e) => format!("{file}：无法读取表格（{e}）"),
            Self::NoSuchSheet { name, available } => {
                format!("{file}：没有名为“{name}”的工作表；现有工作表：{available}")
            }
            Self::Limit(limit) => format!("{file}：{}", limit.describe().zh),
            Self::Corrupt(why) => format!("{file}：xls 文件结构损坏（{why}），未读取"),
            Self::UnsupportedType(ext) => {
                format!("{file}：不支持的文件类型“{ext}”，应为 .csv、.xlsx、.xls 或 .ods")
            }
        };
        Bilingual::new(zh, format!("{file}: {self}"))
    }
}

/// Reads a CSV text (UTF-8 with or without BOM, UTF-16 with BOM, GBK/GB18030;
/// comma, tab or semicolon separated; LF or CRLF).
///
/// # Errors
/// When the bytes are not text in one of those encodings, or not CSV.
pub fn read_csv(bytes: &[u8]) -> Result<Grid, ReadError> {
    let (text, encoding) = decode_text(bytes)?;
    let text = text.as_str();
    // The separator used most in the first lines; a comma unless another wins outright.
    let head: Vec<&str> = text.lines().take(10).collect();
    let uses = |d: u8| {
        head.iter()
            .map(|l| l.bytes().filter(|b| *b == d).count())
            .sum::<usize>()
    };
    let delimiter = [b'\t', b';']
        .into_iter()
        .filter(|d| uses(*d) > uses(b','))
        .max_by_key(|d| uses(*d))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut widest = 0usize;
    let mut record = csv::StringRecord::new();
    while reader
        .read_record(&mut record)
        .map_err(|e| ReadError::Csv(e.to_string()))?
    {
        if record.len() > MAX_COLUMNS {
            return Err(ReadError::Limit(Limit::Columns {
                row: rows.len() + 1,
            }));
        }
        widest = widest.max(record.len());
        let cells = (rows.len() as u64 + 1) * widest as u64;
        if cells > MAX_SHEET_CELLS {
            let last = u32::try_from(widest.saturating_sub(1)).unwrap_or(u32::MAX);
            return Err(ReadError::Limit(Limit::SheetCells {
                sheet: "CSV".to_owned(),
                corner: format!("{}{}", column_name(last), rows.len() + 1),
            }));
        }
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Grid {
        sheet: None,
        rows,
        encoding: Some(encoding),
    })
}

/// Reads every sheet of a spreadsheet file, merged regions filled in. What
/// the bytes are decides the reader (an xls named .xlsx is still an xls),
/// and each is checked against the limits before it allocates.
///
/// # Errors
/// When the file cannot be opened, a sheet cannot be read, or a limit is passed.
pub fn read_spreadsheet(path: &Path) -> Result<Vec<Grid>, ReadError> {
    let (bytes, _) = crate::store::read_guarded(path).map_err(|e| ReadError::Io(e.to_string()))?;
    read_spreadsheet_bytes(&bytes, &lowercase_extension(path))
}

/// `read_spreadsheet` over bytes already read; `extension` tells ods and xlsb from xlsx.
///
/// # Errors
/// As `read_spreadsheet`.
pub fn read_spreadsheet_bytes(bytes: &[u8], extension: &str) -> Result<Vec<Grid>, ReadError> {
    // calamine parses a stranger's bytes: a panic there is a refusal, not a
    // crash (a cell reference of many digits overflows its row arithmetic,
    // a panic where overflow is checked; found by tests/readers_fuzz.rs).
    std::panic::catch_unwind(|| read_unguarded(bytes, extension)).unwrap_or_else(|_| {
        Err(ReadError::Spreadsheet(
            "the spreadsheet reader failed on this file (damaged content)".to_owned(),
        ))
    })
}

fn read_unguarded(bytes: &[u8], extension: &str) -> Result<Vec<Grid>, ReadError> {
    let fault = |e: &dyn std::fmt::Display| ReadError::Spreadsheet(e.to_string());
    if compound::is_compound(bytes) {
        compound::check_xls(bytes)?;
        let mut book = Xls::new(Cursor::new(bytes)).map_err(|e| fault(&e))?;
        let mut grids = Vec::new();
        for name in book.sheet_names() {
            let range = book.worksheet_range(&name).map_err(|e| fault(&e))?;
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            grids.push(ranged_grid(name, &range, &merges)?);
        }
        return Ok(grids);
    }
    super::limits::check_zip(bytes)?;
    match extension {
        "ods" => {
            let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|e| fault(&e))?;
            let mut grids = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| fault(&e))?;
                grids.push(ranged_grid(name, &range, &[])?);
            }
            Ok(grids)
        }
        "xlsb" => {
            let mut book: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| fault(&e))?;
            let mut grids = Vec::new();
            for name in book.sheet_names() {
                let range = book.worksheet_range(&name).map_err(|e| fault(&e))?;
                grids.push(ranged_grid(name, &range, &[])?);
            }
            Ok(grids)
        }
        _ => read_xlsx(bytes),
    }
}

/// An xlsx read cell by cell: the sheet's extent is checked as each cell
/// arrives, so a cell at XFD1048576 is refused without a dense grid.
fn read_xlsx(bytes: &[u8]) -> Result<Vec<Grid>, ReadError> {
    let fault = |e: &dyn std::fmt::Display| ReadError::Spreadsheet(e.to_string());
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| fault(&e))?;
    let mut grids = Vec::new();
    let mut total = 0u64;
    for name in book.sheet_names() {
        let mut cells: Vec<(u32, u32, String)> = Vec::new();
        let mut corner = Corner::default();
        {
            let mut reader = match book.worksheet_cells_reader(&name) {
                Ok(reader) => reader,
                // A chart sheet holds no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => continue,
                Err(e) => return Err(fault(&e)),
            };
            while let Some(cell) = reader.next_cell().map_err(|e| fault(&e))? {
                let text = cell_ref_text(cell.get_value());
                if text.is_empty() {
                    continue;
                }
                let (row, col) = cell.get_position();
                corner.take(&name, row, col)?;
                cells.push((row, col, text));
            }
        }
        total += corner.cells();
        if total > MAX_TOTAL_CELLS {
            return Err(ReadError::Limit(Limit::TotalCells));
        }
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut rows = corner.blank_grid();
        for (row, col, text) in cells {
            if let Some(cell) = rows
                .get_mut(row as usize)
                .and_then(|r| r.get_mut(col as usize))
            {
                *cell = text;
            }
        }
        fill_merged(&name, &mut rows, &merges)?;
        grids.push(Grid {
            sheet: Some(name),
            rows,
            encoding: None,
        });
    }
    Ok(grids)
}

/// The far corner of a sheet's non-empty cells, checked against the limit as it grows.
#[derive(Default)]
struct Corner(Option<(u32, u32)>);

impl Corner {
    fn take(&mut self, sheet: &str, row: u32, col: u32) -> Result<(), ReadError> {
        let (r, c) = self.0.unwrap_or((0, 0));
        let (r, c) = (r.max(row), c.max(col));
        if (u64::from(r) + 1) * (u64::from(c) + 1) > MAX_SHEET_CELLS {
            return Err(ReadError::Limit(Limit::SheetCells {
                sheet: sheet.to_owned(),
                corner: format!("{}{}", column_name(col), u64::from(row) + 1),
            }));
        }
        self.0 = Some((r, c));
        Ok(())
    }

    fn cells(&self) -> u64 {
        self.0
            .map_or(0, |(r, c)| (u64::from(r) + 1) * (u64::from(c) + 1))
    }

    /// Empty cells from A1 to the corner.
    fn blank_grid(&self) -> Vec<Vec<String>> {
        let Some((rows, cols)) = self.0 else {
            return Vec::new();
        };
        (0..=rows)
            .map(|_| vec![String::new(); cols as usize + 1])
            .collect()
    }
}

/// A sheet calamine has read whole (xls after `compound::check_xls`, ods,
/// xlsb), as a grid from A1; its extent checked before the grid is built.
fn ranged_grid(
    name: String,
    range: &Range<Data>,
    merges: &[Dimensions],
) -> Result<Grid, ReadError> {
    let mut corner = Corner::default();
    let mut rows = Vec::new();
    if let Some((end_row, end_col)) = range.end() {
        corner.take(&name, end_row, end_col)?;
        rows = corner.blank_grid();
        for (row, col, value) in range.used_cells() {
            let (row, col) = (
                row + range.start().map_or(0, |s| s.0 as usize),
                col + range.start().map_or(0, |s| s.1 as usize),
            );
            if let Some(cell) = rows.get_mut(row).and_then(|r| r.get_mut(col)) {
                *cell = cell_text(value);
            }
        }
    }
    fill_merged(&name, &mut rows, merges)?;
    Ok(Grid {
        sheet: Some(name),
        rows,
        encoding: None,
    })
}

/// Merged regions filled with their top-left value, clipped to the grid; the
/// cells filled over all regions are bounded (overlapping regions repeat work).
fn fill_merged(
    sheet: &str,
    grid: &mut [Vec<String>],
    merges: &[Dimensions],
) -> Result<(), ReadError> {
    let mut filled = 0u64;
    for region in merges {
        let (r0, c0) = (region.start.0 as usize, region.start.1 as usize);
        let (r1, c1) = (region.end.0 as usize, region.end.1 as usize);
        let value = grid
            .get(r0)
            .and_then(|row| row.get(c0))
            .cloned()
            .unwrap_or_default();
        let last_row = r1.min(grid.len().saturating_sub(1));
        for row in grid.iter_mut().take(last_row + 1).skip(r0) {
            let last_col = c1.min(row.len().saturating_sub(1));
            for cell in row.iter_mut().take(last_col + 1).skip(c0) {
                filled += 1;
                if filled > MAX_MERGED_CELLS {
                    return Err(ReadError::Limit(Limit::MergedCells {
                        sheet: sheet.to_owned(),
                    }));
                }
                cell.clone_from(&value);
            }
        }
    }
    Ok(())
}

/// A streamed xlsx cell as text, as `cell_text` gives a read one.
fn cell_ref_text(data: &DataRef<'_>) -> String {
    match data {
        DataRef::SharedString(s) => (*s).to_owned(),
        other => cell_text(&Data::from(other.clone())),
    }
}

/// A cell as text; numbers in their shortest exact decimal form.
fn cell_text(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        // A spreadsheet stores numbers as binary doubles; the shortest form that
        // reads back the same double is what the person typed ("2.5", "5").
        Data::Float(f) => Decimal::from_str(&f.to_string()).map_or_else(
            |_| f.to_string(),
            |d| d.round_dp(10).normalize().to_string(),
        ),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// A file's extension in lower case ("" when it has none), to choose a format by.
pub(crate) fn lowercase_extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Reads a file by its extension: CSV gives one grid, spreadsheets one per sheet.
///
/// # Errors
/// When the file cannot be read, or `sheet` names no sheet.
pub fn read_path(path: &Path, sheet: Option<&str>) -> Result<Vec<Grid>, ReadError> {
    let grids = match lowercase_extension(path).as_str() {
        "csv" | "txt" | "tsv" => {
            let (bytes, _) =
                crate::store::read_guarded(path).map_err(|e| ReadError::Io(e.to_string()))?;
            vec![read_csv(&bytes)?]
        }
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" => read_spreadsheet(path)?,
        other => return Err(ReadError::UnsupportedType(other.to_owned())),
    };
    match sheet {
        None => Ok(grids),
        Some(name) => {
            let available: Vec<String> = grids.iter().filter_map(|g| g.sheet.clone()).collect();
            let chosen: Vec<Grid> = grids
                .into_iter()
                .filter(|g| g.sheet.as_deref() == Some(name))
                .collect();
            if chosen.is_empty() {
                Err(ReadError::NoSuchSheet {
                    name: name.to_owned(),
                    available: available.join("、"),
                })
            } else {
                Ok(chosen)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_and_tabs() {
        let g = read_csv("\u{feff}一级指标\t分值\n预算编制\t25\n".as_bytes()).expect("csv");
        assert_eq!(g.cell(0, 0), "一级指标");
        assert_eq!(g.cell(1, 1), "25");
        assert_eq!(g.cell(5, 5), "");
    }

    #[test]
    fn gbk_bytes_are_read_and_named() {
        // "一级,5" in GBK.
        let g = read_csv(&[0xD2, 0xBB, 0xBC, 0xB6, b',', b'5']).expect("gbk");
        assert_eq!(g.cell(0, 0), "一级");
        assert_eq!(g.encoding, Some(TextEncoding::Gb18030));
    }

    #[test]
    fn utf16_with_bom_and_crlf() {
        for big_endian in [false, true] {
            let mut bytes = if big_endian {
                vec![0xFE, 0xFF]
            } else {
                vec![0xFF, 0xFE]
            };
            for unit in "一级指标\t分值\r\n预算编制\t25\r\n".encode_utf16() {
                let pair = if big_endian {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                };
                bytes.extend_from_slice(&pair);
            }
            let g = read_csv(&bytes).expect("utf-16");
            assert_eq!(g.cell(1, 0), "预算编制");
            assert_eq!(g.cell(1, 1), "25");
            assert_eq!(g.rows.len(), 2);
        }
    }

    #[test]
    fn bytes_that_are_no_text_are_refused_with_advice() {
        // A lone GB18030 lead byte at the end cannot be decoded.
        let err = read_csv(&[b'a', 0xFF, 0x81]).expect_err("not text");
        assert_eq!(err, ReadError::NotText("GBK/GB18030"));
        assert!(err.describe("t.csv").zh.contains("CSV UTF-8"));
    }

    #[test]
    fn floats_read_as_typed() {
        assert_eq!(cell_text(&Data::Float(2.5)), "2.5");
        assert_eq!(cell_text(&Data::Float(5.0)), "5");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
    }
}

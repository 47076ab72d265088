//! Exports of the overview and the review results for people who do not run
//! jixiao: CSV (UTF-8 with BOM, so Excel on Chinese Windows reads it) and
//! xlsx (frozen header, autofilter, column widths that fit Chinese text).
//! The tables are built purely; only `write_*` touch the file system.

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::overview::{Overview, ReviewLookup};
use super::scan::Entry;
use super::store::write_atomically;
use super::view::{Cell, Column, flags_text};
use crate::core::engine::ScoreBasis;
use crate::core::num::round2;
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;
use crate::text::width;

/// The file formats an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

impl ExportFormat {
    /// The format a path's extension names (`.csv`, `.xlsx`).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

/// A table to export: a sheet name, headers and rows of cells.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// The overview rows in `view`, every column.
#[must_use]
pub fn overview_sheet(overview: &Overview, view: &[usize], lang: Lang) -> Sheet {
    let columns = Column::all(overview);
    Sheet {
        name: Tr("总览", "Overview").get(lang).to_owned(),
        headers: columns.iter().map(|c| c.label(overview, lang)).collect(),
        rows: view
            .iter()
            .filter_map(|&i| overview.rows.get(i))
            .map(|row| columns.iter().map(|c| c.cell(row, lang)).collect())
            .collect(),
    }
}

/// Appends the unit's send-back reason to an overview sheet built from the
/// same `view` (the overall comment is already in 备注).
pub fn add_reason_column(
    sheet: &mut Sheet,
    entries: &[Entry],
    view: &[usize],
    reviews: &impl ReviewLookup,
    lang: Lang,
) {
    sheet
        .headers
        .push(Tr("退回原因", "Send-back reason").get(lang).to_owned());
    let of_row = |i: usize| entries.get(i).and_then(|e| reviews.review_of(e));
    for (cells, &i) in sheet.rows.iter_mut().zip(view) {
        cells.push(of_row(i).map_or(Cell::Blank, |r| text(&r.reason)));
    }
}

fn text(s: &str) -> Cell {
    if s.is_empty() {
        Cell::Blank
    } else {
        Cell::Text(s.to_owned())
    }
}

fn score(v: Option<Decimal>) -> Cell {
    v.map_or(Cell::Blank, Cell::Score)
}

/// Entries (in `view` order) that have a review recorded.
fn reviewed<'a>(
    entries: &'a [Entry],
    overview: &'a Overview,
    view: &'a [usize],
    reviews: &'a impl ReviewLookup,
) -> impl Iterator<Item = (usize, &'a Entry, &'a super::reviews::WorkbookReview)> + 'a {
    view.iter().filter_map(move |&i| {
        let entry = entries.get(i)?;
        overview.rows.get(i)?;
        let review = reviews.review_of(entry).filter(|r| !r.is_empty())?;
        Some((i, entry, review))
    })
}

/// One row per reviewed workbook: status, totals, overall comment.
#[must_use]
pub fn review_summary_sheet(
    entries: &[Entry],
    overview: &Overview,
    view: &[usize],
    reviews: &impl ReviewLookup,
    lang: Lang,
) -> Sheet {
    let h = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
    let headers = vec![
        h("文件", "File"),
        h("单位", "Unit"),
        h("年度", "Year"),
        h("审核状态", "Review status"),
        h("自评得分", "Self-reported"),
        h("计算得分", "Computed"),
        h("审核得分", "Review total"),
        h("审核−计算", "Review − computed"),
        h("已评指标数", "Indicators scored"),
        h("总体审核意见", "Overall comment"),
        h("退回原因", "Send-back reason"),
        h("备注", "Notes"),
    ];
    let rows = reviewed(entries, overview, view, reviews)
        .map(|(i, entry, review)| {
            let row = &overview.rows[i];
            let adjustment = row.review_total.zip(row.computed_total).map(|(r, c)| r - c);
            vec![
                Cell::Text(entry.file_name.clone()),
                row.unit.as_deref().map_or(Cell::Blank, text),
                row.year.map_or(Cell::Blank, Cell::Year),
                Cell::Text(review.status.label(lang).to_owned()),
                score(row.reported_total),
                score(row.computed_total),
                score(row.review_total),
                adjustment.map_or(Cell::Blank, Cell::Signed),
                Cell::Count(
                    review
                        .indicators
                        .values()
                        .filter(|r| r.score.is_some())
                        .count(),
                ),
                text(&review.comment),
                text(&review.reason),
                text(&flags_text(row, lang)),
            ]
        })
        .collect();
    Sheet {
        name: Tr("审核汇总", "Review summary").get(lang).to_owned(),
        headers,
        rows,
    }
}

/// One row per indicator of each reviewed workbook: computed score, review
/// score, the adjustment and the comments.
#[must_use]
pub fn review_detail_sheet(
    entries: &[Entry],
    overview: &Overview,
    view: &[usize],
    reviews: &impl ReviewLookup,
    lang: Lang,
) -> Sheet {
    let h = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
    let headers = vec![
        h("文件", "File"),
        h("单位", "Unit"),
        h("年度", "Year"),
        h("审核状态", "Review status"),
        h("指标编码", "Code"),
        h("指标名称", "Indicator"),
        h("分值", "Weight"),
        h("计算得分", "Computed"),
        h("审核得分", "Review score"),
        h("审核−计算", "Review − computed"),
        h("审核意见", "Comment"),
        h("退回原因", "Send-back reason"),
        h("审核后已修改", "Changed since review"),
    ];
    let mut rows = Vec::new();
    for (i, entry, review) in reviewed(entries, overview, view, reviews) {
        let Some(summary) = entry.digest() else {
            continue;
        };
        let row = &overview.rows[i];
        for (ind, result) in summary.cells() {
            let mine = review.indicators.get(&ind.code);
            let is_leaf = result.basis != ScoreBasis::Subtotal;
            if !is_leaf && mine.is_none() {
                continue;
            }
            let computed = round2(result.score);
            let review_score = mine.and_then(|r| r.score);
            rows.push(vec![
                Cell::Text(entry.file_name.clone()),
                row.unit.as_deref().map_or(Cell::Blank, text),
                row.year.map_or(Cell::Blank, Cell::Year),
                Cell::Text(review.status.label(lang).to_owned()),
                Cell::Text(ind.code.clone()),
                Cell::Text(ind.name.clone()),
                Cell::Score(ind.weight),
                Cell::Score(computed),
                score(review_score),
                review_score.map_or(Cell::Blank, |r| Cell::Signed(r - computed)),
                mine.map_or(Cell::Blank, |r| text(&r.comment)),
                mine.map_or(Cell::Blank, |r| text(&r.reason)),
                Cell::Text(if row.review_stale {
                    Tr("是", "yes").get(lang).to_owned()
                } else {
                    Tr("否", "no").get(lang).to_owned()
                }),
            ]);
        }
    }
    Sheet {
        name: Tr("指标审核", "Indicator review").get(lang).to_owned(),
        headers,
        rows,
    }
}

/// The CSV bytes of a sheet: UTF-8 with a byte-order mark.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv_bytes(sheet: &Sheet) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(&sheet.headers)?;
        for row in &sheet.rows {
            writer.write_record(row.iter().map(Cell::text))?;
        }
        writer.flush()?;
    }
    Ok(out)
}

fn io_error(path: &Path, e: &dyn std::fmt::Display) -> Bilingual {
    let shown = path.display();
    Bilingual::new(
        format!("{shown}：无法导出（{e}）"),
        format!("{shown}: cannot export ({e})"),
    )
}

fn check_extension(path: &Path, wanted: ExportFormat) -> Result<(), Bilingual> {
    if ExportFormat::from_path(path) == Some(wanted) {
        return Ok(());
    }
    let ext = match wanted {
        ExportFormat::Csv => ".csv",
        ExportFormat::Xlsx => ".xlsx",
    };
    let shown = path.display();
    Err(Bilingual::new(
        format!("{shown}：导出文件名须以 {ext} 结尾"),
        format!("{shown}: the export file name must end in {ext}"),
    ))
}

/// Writes one sheet as CSV to `path` (which must end in `.csv`).
///
/// # Errors
/// A message naming the file.
pub fn write_csv(path: &Path, sheet: &Sheet) -> Result<(), Bilingual> {
    check_extension(path, ExportFormat::Csv)?;
    let bytes = csv_bytes(sheet).map_err(|e| io_error(path, &e))?;
    write_atomically(path, &bytes).map_err(|e| io_error(path, &e))
}

/// Column width in Excel's units: the widest cell in terminal cells (CJK
/// counts 2), plus padding, capped.
fn column_width(sheet: &Sheet, col: usize) -> f64 {
    let widest = sheet
        .rows
        .iter()
        .filter_map(|r| r.get(col))
        .map(|c| width(&c.text()))
        .chain(sheet.headers.get(col).map(|h| width(h)))
        .max()
        .unwrap_or(8);
    let cells = u16::try_from(widest.clamp(6, 60)).unwrap_or(60);
    f64::from(cells + 2)
}

/// The xlsx bytes of one or more sheets.
///
/// # Errors
/// When the xlsx writer refuses (e.g. a sheet name is invalid).
pub fn xlsx_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00%");
    let signed = Format::new().set_num_format("+0.00;-0.00;0");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        for (c, header) in sheet.headers.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, col, header, &bold)?;
            ws.set_column_width(col, column_width(sheet, c))?;
        }
        for (r, row) in sheet.rows.iter().enumerate() {
            let at = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c).unwrap_or(u16::MAX);
                // Excel keeps numbers as binary floating point; the Decimal is
                // converted here, at the edge, and only for the cell's value.
                let number = |v: Decimal| v.to_f64().unwrap_or_default();
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(at, col, t)?;
                    }
                    Cell::Score(v) => {
                        ws.write_number(at, col, number(*v))?;
                    }
                    Cell::Signed(v) => {
                        ws.write_number_with_format(at, col, number(*v), &signed)?;
                    }
                    Cell::Percent(v) => {
                        let fraction = *v / Decimal::ONE_HUNDRED;
                        ws.write_number_with_format(at, col, number(fraction), &percent)?;
                    }
                    Cell::Count(n) => {
                        ws.write_number(at, col, number(Decimal::from(*n)))?;
                    }
                    Cell::Year(y) => {
                        ws.write_number(at, col, f64::from(*y))?;
                    }
                    Cell::Empty => {
                        ws.write_string(at, col, "n/a")?;
                    }
                    Cell::Blank => {}
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
        let last_row = u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX);
        let last_col = u16::try_from(sheet.headers.len().saturating_sub(1)).unwrap_or(0);
        ws.autofilter(0, 0, last_row, last_col)?;
    }
    book.save_to_buffer()
}

/// Writes `sheets` in `format` to `path`. CSV holds one table: the first
/// sheet goes to `path`, each further one beside it as `STEM-SHEET.csv`.
///
/// # Errors
/// A message naming the file.
pub fn write_sheets(path: &Path, format: ExportFormat, sheets: &[Sheet]) -> Result<(), Bilingual> {
    match (format, sheets.split_first()) {
        (ExportFormat::Csv, Some((first, rest))) => {
            write_csv(path, first)?;
            rest.iter()
                .try_for_each(|sheet| write_csv(&sibling_csv(path, &sheet.name), sheet))
        }
        (ExportFormat::Csv, None) => write_csv(path, &Sheet::default()),
        (ExportFormat::Xlsx, _) => write_xlsx(path, sheets),
    }
}

/// `reviews.csv` + `单位` → `reviews-单位.csv`, in the same folder.
#[must_use]
pub fn sibling_csv(path: &Path, sheet: &str) -> std::path::PathBuf {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("export");
    path.with_file_name(format!("{stem}-{sheet}.csv"))
}

/// Writes sheets as an xlsx workbook to `path` (which must end in `.xlsx`).
///
/// # Errors
/// A message naming the file.
pub fn write_xlsx(path: &Path, sheets: &[Sheet]) -> Result<(), Bilingual> {
    check_extension(path, ExportFormat::Xlsx)?;
    let bytes = xlsx_bytes(sheets).map_err(|e| io_error(path, &e))?;
    write_atomically(path, &bytes).map_err(|e| io_error(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "总览".into(),
            headers: vec!["单位".into(), "得分".into(), "支出完成率".into()],
            rows: vec![
                vec![
                    Cell::Text("湛江市霞山区财政局, 会计\"核算\"".into()),
                    Cell::Score(Decimal::new(9400, 2)),
                    Cell::Percent(Decimal::new(1958, 2)),
                ],
                vec![Cell::Text("x".into()), Cell::Blank, Cell::Empty],
            ],
        }
    }

    #[test]
    fn csv_has_bom_and_quotes() {
        let bytes = csv_bytes(&sheet()).expect("csv");
        assert_eq!(&bytes[..3], b"\xef\xbb\xbf");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some("单位,得分,支出完成率"));
        assert_eq!(
            lines.next(),
            Some("\"湛江市霞山区财政局, 会计\"\"核算\"\"\",94,19.58%")
        );
        assert_eq!(lines.next(), Some("x,,n/a"));
    }

    #[test]
    fn xlsx_reads_back_with_calamine() {
        use calamine::{Data, Reader, Xlsx};
        let bytes = xlsx_bytes(&[sheet()]).expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("总览").expect("sheet");
        assert_eq!(range.get((0, 0)), Some(&Data::String("单位".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::Float(94.0)));
        assert_eq!(range.get((1, 2)), Some(&Data::Float(0.1958)));
        assert_eq!(range.get((2, 2)), Some(&Data::String("n/a".into())));
    }

    #[test]
    fn widths_count_chinese_double() {
        let s = sheet();
        assert!(column_width(&s, 0) >= 30.0);
        assert!((column_width(&s, 1) - 8.0).abs() < f64::EPSILON);
    }

    #[test]
    fn exports_refuse_other_extensions() {
        let dir = tempfile::tempdir().expect("dir");
        let json = dir.path().join("a.json");
        assert!(write_csv(&json, &sheet()).is_err());
        assert!(write_xlsx(&dir.path().join("a.csv"), &[sheet()]).is_err());
        assert!(!json.exists());
    }
}

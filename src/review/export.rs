//! Exports of the overview and the review results for people who do not run
//! jixiao: CSV (UTF-8 with BOM, so Excel on Chinese Windows reads it) and
//! xlsx (frozen header, autofilter, column widths that fit Chinese text).
//! The tables are built purely; only `write_*` touch the file system.

use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::digest::ShapeRow;
use super::overview::{Overview, OverviewRow, ReviewLookup};
use super::reviews::{IndicatorReview, WorkbookReview};
use super::scan::Entry;
use super::view::{Cell, Column, flags_text};
use crate::core::engine::ScoreBasis;
use crate::core::num::round2;
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;
use crate::store::WriteRule;
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

/// The rows of a view, and the reviews recorded for them: what the review
/// sheets are built from.
pub struct ReviewedView<'a> {
    pub entries: &'a [Entry],
    pub overview: &'a Overview,
    pub view: &'a [usize],
    pub reviews: &'a dyn ReviewLookup,
}

/// One workbook of the view that has a review recorded.
#[derive(Clone, Copy)]
struct Reviewed<'a> {
    entry: &'a Entry,
    row: &'a OverviewRow,
    review: &'a WorkbookReview,
    lang: Lang,
}

impl<'a> ReviewedView<'a> {
    /// The workbooks (in `view` order) that have a review recorded.
    fn rows(&self, lang: Lang) -> impl Iterator<Item = Reviewed<'a>> + '_ {
        self.view.iter().filter_map(move |&i| {
            let entry = self.entries.get(i)?;
            let row = self.overview.rows.get(i)?;
            let review = self.reviews.review_of(entry).filter(|r| !r.is_empty())?;
            Some(Reviewed {
                entry,
                row,
                review,
                lang,
            })
        })
    }
}

/// A column of a review sheet: its header and its cell for one row.
type SheetColumn<F> = (Tr, F);
/// A column with one cell per reviewed workbook.
type WorkbookColumn = SheetColumn<fn(&Reviewed<'_>) -> Cell>;
/// A column with one cell per indicator of a reviewed workbook.
type IndicatorColumn = SheetColumn<fn(&ReviewedIndicator<'_>) -> Cell>;

/// The columns both review sheets begin with: which workbook, and where its
/// review stands.
const LEAD_COLUMNS: [WorkbookColumn; 4] = [
    (Tr("文件", "File"), |r| {
        Cell::Text(r.entry.file_name.clone())
    }),
    (Tr("单位", "Unit"), |r| {
        r.row.unit.as_deref().map_or(Cell::Blank, text)
    }),
    (Tr("年度", "Year"), |r| {
        r.row.year.map_or(Cell::Blank, Cell::Year)
    }),
    (Tr("审核状态", "Review status"), |r| {
        Cell::Text(r.review.status.label(r.lang).to_owned())
    }),
];

/// The unit sheet's columns after the lead: totals, comment, reason.
const SUMMARY_COLUMNS: [WorkbookColumn; 8] = [
    (Tr("自评得分", "Self-reported"), |r| {
        score(r.row.reported_total)
    }),
    (Tr("计算得分", "Computed"), |r| {
        score(r.row.computed_total)
    }),
    (Tr("审核得分", "Review total"), |r| {
        score(r.row.review_total)
    }),
    (Tr("审核−计算", "Review − computed"), |r| {
        let adjustment = r
            .row
            .review_total
            .zip(r.row.computed_total)
            .map(|(v, c)| v - c);
        adjustment.map_or(Cell::Blank, Cell::Signed)
    }),
    (Tr("已评指标数", "Indicators scored"), |r| {
        Cell::Count(
            r.review
                .indicators
                .values()
                .filter(|i| i.score.is_some())
                .count(),
        )
    }),
    (Tr("总体审核意见", "Overall comment"), |r| {
        text(&r.review.comment)
    }),
    (Tr("退回原因", "Send-back reason"), |r| {
        text(&r.review.reason)
    }),
    (Tr("备注", "Notes"), |r| text(&flags_text(r.row, r.lang))),
];

/// One indicator of a reviewed workbook.
struct ReviewedIndicator<'a> {
    of: Reviewed<'a>,
    indicator: &'a ShapeRow,
    /// The computed score as displayed.
    computed: Decimal,
    mine: Option<&'a IndicatorReview>,
}

/// The indicator sheet's columns after the lead.
const DETAIL_COLUMNS: [IndicatorColumn; 9] = [
    (Tr("指标编码", "Code"), |d| {
        Cell::Text(d.indicator.code.clone())
    }),
    (Tr("指标名称", "Indicator"), |d| {
        Cell::Text(d.indicator.name.clone())
    }),
    (Tr("分值", "Weight"), |d| Cell::Score(d.indicator.weight)),
    (Tr("计算得分", "Computed"), |d| Cell::Score(d.computed)),
    (Tr("审核得分", "Review score"), |d| {
        score(d.mine.and_then(|r| r.score))
    }),
    (Tr("审核−计算", "Review − computed"), |d| {
        let review_score = d.mine.and_then(|r| r.score);
        review_score.map_or(Cell::Blank, |r| Cell::Signed(r - d.computed))
    }),
    (Tr("审核意见", "Comment"), |d| {
        d.mine.map_or(Cell::Blank, |r| text(&r.comment))
    }),
    (Tr("退回原因", "Send-back reason"), |d| {
        d.mine.map_or(Cell::Blank, |r| text(&r.reason))
    }),
    (Tr("审核后已修改", "Changed since review"), |d| {
        let changed = if d.of.row.review_stale {
            Tr("是", "yes")
        } else {
            Tr("否", "no")
        };
        Cell::Text(changed.get(d.of.lang).to_owned())
    }),
];

/// The headers of the lead columns and then of `columns`.
fn review_headers<F>(columns: &[SheetColumn<F>], lang: Lang) -> Vec<String> {
    let lead = LEAD_COLUMNS.iter().map(|(header, _)| header);
    lead.chain(columns.iter().map(|(header, _)| header))
        .map(|header| header.get(lang).to_owned())
        .collect()
}

/// The lead cells of `reviewed`, then `more`.
fn review_cells(reviewed: &Reviewed, more: impl Iterator<Item = Cell>) -> Vec<Cell> {
    let lead = LEAD_COLUMNS.iter().map(|(_, cell)| cell(reviewed));
    lead.chain(more).collect()
}

/// One row per reviewed workbook: status, totals, overall comment.
#[must_use]
pub fn review_summary_sheet(rows: &ReviewedView, lang: Lang) -> Sheet {
    Sheet {
        name: Tr("审核汇总", "Review summary").get(lang).to_owned(),
        headers: review_headers(&SUMMARY_COLUMNS, lang),
        rows: rows
            .rows(lang)
            .map(|r| review_cells(&r, SUMMARY_COLUMNS.iter().map(|(_, cell)| cell(&r))))
            .collect(),
    }
}

/// One row per indicator of each reviewed workbook: computed score, review
/// score, the adjustment and the comments.
#[must_use]
pub fn review_detail_sheet(rows: &ReviewedView, lang: Lang) -> Sheet {
    let mut cells = Vec::new();
    for of in rows.rows(lang) {
        let Some(summary) = of.entry.digest() else {
            continue;
        };
        for (indicator, result) in summary.cells() {
            let mine = of.review.indicators.get(&indicator.code);
            let is_leaf = result.basis != ScoreBasis::Subtotal;
            if !is_leaf && mine.is_none() {
                continue;
            }
            let line = ReviewedIndicator {
                of,
                indicator,
                computed: round2(result.score),
                mine,
            };
            let more = DETAIL_COLUMNS.iter().map(|(_, cell)| cell(&line));
            cells.push(review_cells(&line.of, more));
        }
    }
    Sheet {
        name: Tr("指标审核", "Indicator review").get(lang).to_owned(),
        headers: review_headers(&DETAIL_COLUMNS, lang),
        rows: cells,
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
        // A department's names (indicator columns among the headers) and the
        // reviewer's comments never run as formulas.
        writer.write_record(
            sheet
                .headers
                .iter()
                .map(|h| crate::escape::spreadsheet_cell(h, false).into_owned()),
        )?;
        for row in &sheet.rows {
            writer.write_record(
                row.iter()
                    .map(|c| crate::escape::spreadsheet_cell(&c.text(), false).into_owned()),
            )?;
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

/// Why a reviewer's export was not written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailure {
    /// A file is there and replacing it was not asked (ask, then write again).
    Exists,
    /// Anything else, in the reviewer's words.
    Failed(Bilingual),
}

impl From<Bilingual> for WriteFailure {
    fn from(why: Bilingual) -> Self {
        Self::Failed(why)
    }
}

/// Writes files under `rule` as one (all or none), in the reviewer's words.
///
/// # Errors
/// `Exists` when a file is there and replacing was not asked.
pub fn write_under(rule: WriteRule<'_>, files: &[(&Path, &[u8])]) -> Result<(), WriteFailure> {
    match rule.write_all(files) {
        Ok(_) => Ok(()),
        Err(e) if e.fault == crate::store::SaveFault::AlreadyExists => Err(WriteFailure::Exists),
        Err(e) => {
            let why = e.describe_for_command();
            Err(WriteFailure::Failed(Bilingual::new(
                format!("无法导出：{}", why.zh),
                format!("cannot export: {}", why.en),
            )))
        }
    }
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
    // Still a number for formulas, shown with the overview's mark.
    let provisional = Format::new().set_num_format("0.00\"*\"");
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
                    Cell::Provisional(v) => {
                        ws.write_number_with_format(at, col, number(*v), &provisional)?;
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

/// Writes `sheets` in `format` to `path` under `rule`. CSV holds one table:
/// the first sheet goes to `path`, each further one beside it as
/// `STEM-SHEET.csv`, all written or none.
///
/// # Errors
/// `Exists` when a file is there and replacing was not asked; otherwise a
/// message naming the file.
pub fn write_sheets(
    path: &Path,
    format: ExportFormat,
    sheets: &[Sheet],
    rule: WriteRule<'_>,
) -> Result<(), WriteFailure> {
    let files: Vec<(std::path::PathBuf, Vec<u8>)> = match format {
        ExportFormat::Csv => {
            check_extension(path, ExportFormat::Csv)?;
            let empty = [Sheet::default()];
            let sheets = if sheets.is_empty() {
                &empty[..]
            } else {
                sheets
            };
            let mut files = Vec::with_capacity(sheets.len());
            for (i, sheet) in sheets.iter().enumerate() {
                let at = if i == 0 {
                    path.to_path_buf()
                } else {
                    sibling_csv(path, &sheet.name)
                };
                let bytes = csv_bytes(sheet).map_err(|e| io_error(&at, &e))?;
                files.push((at, bytes));
            }
            files
        }
        ExportFormat::Xlsx => {
            check_extension(path, ExportFormat::Xlsx)?;
            let bytes = xlsx_bytes(sheets).map_err(|e| io_error(path, &e))?;
            vec![(path.to_path_buf(), bytes)]
        }
    };
    let files: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    write_under(rule, &files)
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
        let rule = WriteRule::NEW_ONLY;
        assert!(write_sheets(&json, ExportFormat::Csv, &[sheet()], rule).is_err());
        let csv = dir.path().join("a.csv");
        assert!(write_sheets(&csv, ExportFormat::Xlsx, &[sheet()], rule).is_err());
        assert!(!json.exists() && !csv.exists());
    }
}

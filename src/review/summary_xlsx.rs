//! The bureau's summary (汇总表) as an xlsx a chief can print: a title block
//! (year, scope, 制表单位, date), the columns a chief reads on the first
//! sheet (file names, unscored counts and warnings on a second), A4
//! landscape fit to the page width with the header row repeated, borders,
//! two fixed places. Each difference, grade, average, grade count and share
//! is a formula of the totals, so a total corrected in Excel carries
//! through; each carries jixiao's own value as its cached result, so readers
//! that do not recalculate show the same figures.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};

use super::summary::{
    Meta, Summary, average_labels, detail_headers, distribution_headers, full_title, grade_label,
    maker_line, note, row_headers, scope_line, title,
};
use crate::core::Lang;
use crate::core::engine::Grade;
use crate::core::num::{excel_round, fmt_score};
use crate::text::width;

/// Columns of the unit table.
const COL_NO: u16 = 0;
const COL_UNIT: u16 = 1;
const COL_YEAR: u16 = 2;
const COL_OFFICER: u16 = 3;
const COL_REVIEWER: u16 = 4;
const COL_DIFFERENCE: u16 = 5;
const COL_GRADE: u16 = 6;
const COL_STATUS: u16 = 7;
const LAST_COL: u16 = COL_STATUS;
/// The unscored count's column on the details sheet.
const DETAIL_UNSCORED: u16 = 4;
/// The header row of the unit table (0-based): after title, scope, maker.
const HEAD: u32 = 3;

/// The difference of a unit without a review total (text, so AVERAGE skips it).
const NO_DIFFERENCE: &str = "—";

/// Excel's column letter for columns A..Z (the summary has eight).
fn letter(col: u16) -> char {
    char::from(b'A' + u8::try_from(col).unwrap_or(25).min(25))
}

fn number(v: Decimal) -> f64 {
    // Excel keeps binary floating point; converted here, at the edge.
    v.to_f64().unwrap_or_default()
}

fn u32_of(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A formula with jixiao's value as its cached result.
fn formula(text: &str, cached: &str) -> Formula {
    Formula::new(text).set_result(cached)
}

/// The formats of the sheet, one place.
struct Formats {
    title: Format,
    line: Format,
    head: Format,
    text: Format,
    center: Format,
    score: Format,
    provisional: Format,
    signed: Format,
    percent: Format,
    note: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = || {
            Format::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        Self {
            title: Format::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            line: Format::new(),
            head: cell()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            text: cell().set_text_wrap(),
            center: cell().set_align(FormatAlign::Center),
            score: cell().set_num_format("0.00"),
            provisional: cell().set_num_format("0.00\"*\""),
            signed: cell()
                .set_num_format("+0.00;-0.00;0.00")
                .set_align(FormatAlign::Right),
            percent: cell().set_num_format("0.00%"),
            note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        }
    }
}

/// The summary as the bytes of an xlsx workbook: the summary sheet and the
/// details sheet.
///
/// # Errors
/// When the xlsx writer refuses.
pub fn to_bytes(summary: &Summary, meta: &Meta, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let f = Formats::new();
    let details = detail_sheet_name(lang);
    {
        let ws = book.add_worksheet();
        ws.set_name(title(lang))?;
        title_block(ws, summary, meta, lang, &f)?;
        for (col, header) in (0u16..).zip(row_headers(lang)) {
            ws.write_string_with_format(HEAD, col, header, &f.head)?;
        }
        ws.set_row_height(HEAD, 30)?;
        unit_rows(ws, summary, lang, &f, details)?;
        let next = averages(ws, summary, lang, &f)?;
        let next = distribution(ws, summary, lang, &f, next + 1)?;
        ws.merge_range(next + 1, 0, next + 2, LAST_COL, &note(lang), &f.note)?;
        fit_columns(ws, summary)?;
        print_setup(ws, meta, lang)?;
        ws.set_freeze_panes(HEAD + 1, 0)?;
    }
    let ws = book.add_worksheet();
    ws.set_name(details)?;
    detail_rows(ws, summary, lang, &f)?;
    book.save_to_buffer()
}

/// The details sheet's name.
fn detail_sheet_name(lang: Lang) -> &'static str {
    crate::i18n::Tr("明细", "Details").get(lang)
}

fn title_block(
    ws: &mut Worksheet,
    summary: &Summary,
    meta: &Meta,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, LAST_COL, &full_title(summary, lang), &f.title)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(1, 0, 1, LAST_COL, &scope_line(summary, meta, lang), &f.line)?;
    let (maker, date) = maker_line(meta, lang);
    ws.merge_range(2, 0, 2, COL_OFFICER, &maker, &f.line)?;
    ws.merge_range(2, COL_REVIEWER, 2, LAST_COL, &date, &f.line)?;
    Ok(())
}

/// The 1-based row of unit `at` (0-based) in formulas.
fn unit_row(at: usize) -> u32 {
    HEAD + 2 + u32_of(at)
}

/// One row per unit; the difference and the grade are formulas.
fn unit_rows(
    ws: &mut Worksheet,
    summary: &Summary,
    lang: Lang,
    f: &Formats,
    details: &str,
) -> Result<(), XlsxError> {
    for (at, row) in summary.rows.iter().enumerate() {
        let r = unit_row(at) - 1;
        ws.write_number_with_format(r, COL_NO, f64::from(u32_of(at + 1)), &f.center)?;
        ws.write_string_with_format(r, COL_UNIT, &row.unit, &f.text)?;
        match row.year {
            Some(year) => ws.write_number_with_format(r, COL_YEAR, f64::from(year), &f.center)?,
            None => ws.write_blank(r, COL_YEAR, &f.center)?,
        };
        for (col, value, provisional) in [
            (COL_OFFICER, row.totals.officer, row.officer_provisional),
            (
                COL_REVIEWER,
                row.totals.reviewer,
                row.reviewer_provisional(),
            ),
        ] {
            let format = if provisional {
                &f.provisional
            } else {
                &f.score
            };
            match value {
                Some(v) => ws.write_number_with_format(r, col, number(v), format)?,
                None => ws.write_blank(r, col, format)?,
            };
        }
        let n = r + 1;
        let (officer, reviewer) = (
            format!("{}{n}", letter(COL_OFFICER)),
            format!("{}{n}", letter(COL_REVIEWER)),
        );
        // "—" rather than "": an empty cached result would be stored as 0.
        let text = format!(
            "IF(OR({officer}=\"\",{reviewer}=\"\"),\"{NO_DIFFERENCE}\",{})",
            excel_round(&format!("{reviewer}-{officer}"), 2)
        );
        let cached = row
            .totals
            .difference
            .map_or_else(|| NO_DIFFERENCE.to_owned(), fmt_score);
        ws.write_formula_with_format(r, COL_DIFFERENCE, formula(&text, &cached), &f.signed)?;
        let unscored = format!("'{details}'!{}{}", letter(DETAIL_UNSCORED), u32_of(at) + 2);
        let grade = grade_formula(&officer, &reviewer, &unscored, lang);
        let cached = grade_label(row.grade, lang);
        ws.write_formula_with_format(r, COL_GRADE, formula(&grade, &cached), &f.center)?;
        ws.write_string_with_format(r, COL_STATUS, row.status.label(lang), &f.center)?;
    }
    Ok(())
}

/// The grade as `core::grading` gives it: by the review total when there is
/// one, else the computed total, on its value rounded to 2 places; 未评定
/// while leaves are unscored or there is no total.
fn grade_formula(officer: &str, reviewer: &str, unscored: &str, lang: Lang) -> String {
    let total = format!("IF({reviewer}=\"\",{officer},{reviewer})");
    let shown = excel_round(&total, 2);
    let label = |g: Grade| g.label(lang).to_owned();
    let none = grade_label(None, lang);
    format!(
        "IF(OR({officer}=\"\",N({unscored})>0),\"{none}\",IF({shown}>=90,\"{}\",IF({shown}>=80,\"{}\",IF({shown}>=60,\"{}\",\"{}\"))))",
        label(Grade::Excellent),
        label(Grade::Good),
        label(Grade::Fair),
        label(Grade::Poor),
    )
}

/// The range of a unit column in formulas, e.g. `D5:D34`.
fn range(summary: &Summary, col: u16) -> String {
    let (first, last) = (unit_row(0), unit_row(summary.rows.len().max(1) - 1));
    format!("{0}{first}:{0}{last}", letter(col))
}

/// The averages, each row saying over which units (the counts are formulas
/// too). Returns the next free row.
fn averages(
    ws: &mut Worksheet,
    summary: &Summary,
    lang: Lang,
    f: &Formats,
) -> Result<u32, XlsxError> {
    let at = unit_row(summary.rows.len()) - 1;
    let (officer_label, reviewer_label) = average_labels(summary, lang);
    let lines = [
        (
            at,
            officer_label,
            COL_OFFICER,
            vec![(COL_OFFICER, summary.averages.officer)],
        ),
        (
            at + 1,
            reviewer_label,
            COL_REVIEWER,
            vec![
                (COL_REVIEWER, summary.averages.reviewer),
                (COL_DIFFERENCE, summary.averages.difference),
            ],
        ),
    ];
    for (r, label, from, values) in lines {
        ws.merge_range(r, COL_NO, r, COL_YEAR, &label, &f.text)?;
        for col in COL_OFFICER..=LAST_COL {
            ws.write_blank(r, col, &f.text)?;
        }
        for (col, value) in values {
            let cells = range(summary, col);
            // "—" rather than "": an empty cached result would be stored as 0.
            let text = format!(
                "IF(COUNT({cells})=0,\"{NO_DIFFERENCE}\",{})",
                excel_round(&format!("AVERAGE({cells})"), 2)
            );
            let cached = value.map_or_else(|| NO_DIFFERENCE.to_owned(), fmt_score);
            let format = if col == COL_DIFFERENCE {
                &f.signed
            } else {
                &f.score
            };
            ws.write_formula_with_format(r, col, formula(&text, &cached), format)?;
        }
        ws.set_row_height(r, if from == COL_REVIEWER { 30 } else { 18 })?;
    }
    Ok(at + 2)
}

/// The distribution under the table, labels and counts side by side:
/// counts and shares are formulas over the grade column. Returns the next
/// free row.
fn distribution(
    ws: &mut Worksheet,
    summary: &Summary,
    lang: Lang,
    f: &Formats,
    head: u32,
) -> Result<u32, XlsxError> {
    for (col, header) in [COL_UNIT, COL_YEAR, COL_OFFICER]
        .into_iter()
        .zip(distribution_headers(lang))
    {
        ws.write_string_with_format(head, col, header, &f.head)?;
    }
    let grades = range(summary, COL_GRADE);
    let units = format!("COUNTA({})", range(summary, COL_UNIT));
    let mut at = head + 1;
    for share in &summary.distribution {
        let label = grade_label(share.grade, lang);
        ws.write_string_with_format(at, COL_UNIT, &label, &f.center)?;
        let count = format!("COUNTIF({grades},\"{label}\")");
        ws.write_formula_with_format(
            at,
            COL_YEAR,
            formula(&count, &share.count.to_string()),
            &f.center,
        )?;
        let count_cell = format!("{}{}", letter(COL_YEAR), at + 1);
        let fraction = format!(
            "IF({units}=0,\"{NO_DIFFERENCE}\",{})",
            excel_round(&format!("{count_cell}/{units}"), 4)
        );
        let cached = share.share.map_or_else(
            || NO_DIFFERENCE.to_owned(),
            |p| (p / Decimal::ONE_HUNDRED).normalize().to_string(),
        );
        ws.write_formula_with_format(at, COL_OFFICER, formula(&fraction, &cached), &f.percent)?;
        at += 1;
    }
    let total_label = crate::i18n::Tr("合计", "Total").get(lang);
    ws.write_string_with_format(at, COL_UNIT, total_label, &f.center)?;
    let first = head + 2;
    let sum = format!("SUM({0}{first}:{0}{at})", letter(COL_YEAR));
    ws.write_formula_with_format(
        at,
        COL_YEAR,
        formula(&sum, &summary.rows.len().to_string()),
        &f.center,
    )?;
    ws.write_blank(at, COL_OFFICER, &f.percent)?;
    Ok(at + 1)
}

/// Column widths: the unit's column fits the longest name (CJK counts
/// double, capped), the others their headers.
fn fit_columns(ws: &mut Worksheet, summary: &Summary) -> Result<(), XlsxError> {
    let unit = summary
        .rows
        .iter()
        .map(|r| width(&r.unit))
        .max()
        .unwrap_or(0)
        .clamp(16, 44);
    let widths: [(u16, f64); 8] = [
        (COL_NO, 5.0),
        (COL_UNIT, f64::from(u16::try_from(unit).unwrap_or(44)) + 2.0),
        (COL_YEAR, 8.0),
        (COL_OFFICER, 11.0),
        (COL_REVIEWER, 11.0),
        (COL_DIFFERENCE, 26.0),
        (COL_GRADE, 8.0),
        (COL_STATUS, 10.0),
    ];
    for (col, w) in widths {
        ws.set_column_width(col, w)?;
    }
    Ok(())
}

/// A4 landscape, one page wide, the header row on every page, the page
/// number and the bureau at the foot.
fn print_setup(ws: &mut Worksheet, meta: &Meta, lang: Lang) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(HEAD, HEAD)?;
    // `&` starts a code in Excel's header language; `&&` prints one.
    let bureau = meta.bureau.replace('&', "&&");
    let footer = match lang {
        Lang::Zh => format!("&L{bureau}&C第 &P 页，共 &N 页"),
        Lang::En => format!("&L{bureau}&CPage &P of &N"),
    };
    ws.set_footer(footer);
    Ok(())
}

/// The details sheet: file, year, unscored indicators (the grade formula
/// reads them), warnings.
fn detail_rows(
    ws: &mut Worksheet,
    summary: &Summary,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (col, header) in (0u16..).zip(detail_headers(lang)) {
        ws.write_string_with_format(0, col, header, &f.head)?;
    }
    for (at, row) in (1u32..).zip(&summary.rows) {
        ws.write_number_with_format(at, 0, f64::from(at), &f.center)?;
        ws.write_string_with_format(at, 1, &row.unit, &f.text)?;
        ws.write_string_with_format(at, 2, &row.file_name, &f.text)?;
        match row.year {
            Some(year) => ws.write_number_with_format(at, 3, f64::from(year), &f.center)?,
            None => ws.write_blank(at, 3, &f.center)?,
        };
        ws.write_number_with_format(
            at,
            DETAIL_UNSCORED,
            f64::from(u32_of(row.unscored)),
            &f.center,
        )?;
        ws.write_number_with_format(at, 5, f64::from(u32_of(row.warnings)), &f.center)?;
    }
    let widest = |pick: fn(&super::summary::SummaryRow) -> &str| {
        summary
            .rows
            .iter()
            .map(|r| width(pick(r)))
            .max()
            .unwrap_or(0)
            .clamp(10, 60)
    };
    ws.set_column_width(0, 5)?;
    ws.set_column_width(
        1,
        f64::from(u16::try_from(widest(|r| &r.unit)).unwrap_or(60)) + 2.0,
    )?;
    ws.set_column_width(
        2,
        f64::from(u16::try_from(widest(|r| &r.file_name)).unwrap_or(60)) + 2.0,
    )?;
    ws.set_column_width(3, 8)?;
    ws.set_column_width(4, 12)?;
    ws.set_column_width(5, 8)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::reviews::ReviewStatus;
    use crate::review::summary::{SummaryRow, Totals};
    use calamine::{Data, Reader, Xlsx};
    use rust_decimal_macros::dec;

    fn summary() -> Summary {
        let row = |unit: &str, officer, reviewer: Option<Decimal>| SummaryRow {
            unit: unit.to_owned(),
            file_name: format!("{unit}.json"),
            year: Some(2023),
            totals: Totals {
                officer: Some(officer),
                reviewer,
                difference: reviewer.map(|r| r - officer),
            },
            grade: Some(Grade::from_score(reviewer.unwrap_or(officer))),
            unscored: 0,
            officer_provisional: false,
            status: ReviewStatus::Reviewed,
            warnings: 2,
        };
        let rows = vec![
            row("甲", dec!(85.44), Some(dec!(84.94))),
            row("乙", dec!(92), None),
        ];
        crate::review::summary::build_from_rows(rows)
    }

    #[test]
    fn formulas_carry_jixiaos_values() {
        let s = summary();
        let bytes = to_bytes(&s, &Meta::default(), Lang::Zh).expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("审核汇总表").expect("sheet");
        // Row 5 (0-based 4) is the first unit.
        assert_eq!(range.get((4, 5)), Some(&Data::Float(-0.5)));
        let formulas = book.worksheet_formula("审核汇总表").expect("formulas");
        let f = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
        assert!(f(4, 5).contains("E5-D5"), "{}", f(4, 5));
        assert!(f(4, 6).contains("明细"), "{}", f(4, 6));
        assert!(f(6, 3).contains("AVERAGE(D5:D6)"), "{}", f(6, 3));
        assert!(f(10, 2).contains("COUNTIF(G5:G6,\"优\")"), "{}", f(10, 2));
    }
}

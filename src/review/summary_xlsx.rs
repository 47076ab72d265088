//! The bureau's summary (汇总表) as xlsx with live totals: each difference,
//! the grade counts, the shares and the averages are formulas over the unit
//! rows, so a reviewer who corrects a total in Excel sees them follow. Each
//! formula carries jixiao's own value as its cached result, so readers that
//! do not recalculate show the same figures.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, Formula, Workbook, Worksheet, XlsxError};

use super::summary::{
    Summary, average_label, distribution_headers, grade_label, row_headers, title,
};
use crate::core::Lang;
use crate::core::num::{excel_round, fmt_score};
use crate::text::width;

/// Columns of the unit table.
const COL_UNIT: u16 = 0;
const COL_OFFICER: u16 = 3;
const COL_REVIEWER: u16 = 4;
const COL_DIFFERENCE: u16 = 5;
const COL_GRADE: u16 = 6;

/// The difference of a unit without a reviewer total (text, so AVERAGE skips it).
const NO_DIFFERENCE: &str = "—";

/// Excel's column letter for columns A..Z (the summary has nine).
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

/// The summary as the bytes of an xlsx workbook with one sheet.
///
/// # Errors
/// When the xlsx writer refuses.
pub fn to_bytes(summary: &Summary, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(title(lang))?;
    let bold = Format::new().set_bold();
    let signed = Format::new().set_num_format("+0.00;-0.00;0");
    let percent = Format::new().set_num_format("0.00%");
    let headers = row_headers(lang);
    for (col, header) in (0u16..).zip(&headers) {
        ws.write_string_with_format(0, col, header, &bold)?;
    }
    unit_rows(ws, summary, lang, &signed)?;
    // Rows 2..=last hold the units (1-based, as formulas name them).
    let last = summary.rows.len() + 1;
    let range = |col: u16| format!("{0}2:{0}{last}", letter(col));
    let averages_at = u32_of(summary.rows.len() + 1);
    ws.write_string_with_format(averages_at, COL_UNIT, average_label(lang), &bold)?;
    for (col, value) in [
        (COL_OFFICER, summary.averages.officer),
        (COL_REVIEWER, summary.averages.reviewer),
        (COL_DIFFERENCE, summary.averages.difference),
    ] {
        let r = range(col);
        let text = format!(
            "IF(COUNT({r})=0,\"n/a\",{})",
            excel_round(&format!("AVERAGE({r})"), 2)
        );
        let cached = value.map_or_else(|| "n/a".to_owned(), fmt_score);
        ws.write_formula(averages_at, col, formula(&text, &cached))?;
    }
    let head_at = averages_at + 2;
    for (col, header) in (0u16..).zip(distribution_headers(lang)) {
        ws.write_string_with_format(head_at, col, header, &bold)?;
    }
    let units = format!("COUNTA({})", range(COL_UNIT));
    for (at, share) in (head_at + 1..).zip(&summary.distribution) {
        let label = grade_label(share.grade, lang);
        ws.write_string(at, 0, &label)?;
        let count = format!("COUNTIF({},\"{label}\")", range(COL_GRADE));
        ws.write_formula(at, 1, formula(&count, &share.count.to_string()))?;
        let fraction = format!(
            "IF({units}=0,\"n/a\",{})",
            excel_round(&format!("B{}/{units}", at + 1), 4)
        );
        let cached = share.share.map_or_else(
            || "n/a".to_owned(),
            |p| (p / Decimal::ONE_HUNDRED).normalize().to_string(),
        );
        ws.write_formula_with_format(at, 2, formula(&fraction, &cached), &percent)?;
    }
    fit_columns(ws, &headers, summary)?;
    ws.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// One row per unit; the difference is a formula over the two totals.
fn unit_rows(
    ws: &mut Worksheet,
    summary: &Summary,
    lang: Lang,
    signed: &Format,
) -> Result<(), XlsxError> {
    for (at, row) in (1u32..).zip(&summary.rows) {
        ws.write_string(at, COL_UNIT, &row.unit)?;
        ws.write_string(at, 1, &row.file_name)?;
        if let Some(year) = row.year {
            ws.write_number(at, 2, f64::from(year))?;
        }
        for (col, value) in [
            (COL_OFFICER, row.totals.officer),
            (COL_REVIEWER, row.totals.reviewer),
        ] {
            if let Some(v) = value {
                ws.write_number(at, col, number(v))?;
            }
        }
        let (officer, reviewer) = (
            format!("{}{}", letter(COL_OFFICER), at + 1),
            format!("{}{}", letter(COL_REVIEWER), at + 1),
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
        ws.write_formula_with_format(at, COL_DIFFERENCE, formula(&text, &cached), signed)?;
        ws.write_string(at, COL_GRADE, grade_label(row.grade, lang))?;
        ws.write_string(at, 7, row.status.label(lang))?;
        ws.write_number(at, 8, f64::from(u32_of(row.warnings)))?;
    }
    Ok(())
}

/// Column widths that fit Chinese text (CJK counts double), capped.
fn fit_columns(ws: &mut Worksheet, headers: &[String], summary: &Summary) -> Result<(), XlsxError> {
    for (col, header) in (0u16..).zip(headers) {
        let widest = match col {
            COL_UNIT => summary.rows.iter().map(|r| width(&r.unit)).max(),
            1 => summary.rows.iter().map(|r| width(&r.file_name)).max(),
            _ => None,
        }
        .unwrap_or(0)
        .max(width(header));
        let cells = u16::try_from(widest.clamp(6, 50)).unwrap_or(50);
        ws.set_column_width(col, f64::from(cells + 2))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::Grade;
    use crate::review::reviews::ReviewStatus;
    use crate::review::summary::{GradeShare, SummaryRow, Totals};
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
        let bytes = to_bytes(&s, Lang::Zh).expect("xlsx");
        let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("open");
        let range = book.worksheet_range("审核汇总表").expect("sheet");
        assert_eq!(range.get((1, 5)), Some(&Data::Float(-0.5)));
        let formulas = book.worksheet_formula("审核汇总表").expect("formulas");
        let f = |r: u32, c: u32| formulas.get_value((r, c)).cloned().unwrap_or_default();
        assert!(f(1, 5).contains("E2-D2"), "{}", f(1, 5));
        assert!(f(3, 3).contains("AVERAGE(D2:D3)"), "{}", f(3, 3));
        assert!(f(6, 1).contains("COUNTIF(G2:G3,\"优\")"), "{}", f(6, 1));
        let _: &GradeShare = &s.distribution[0];
    }
}

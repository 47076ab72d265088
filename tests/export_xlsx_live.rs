//! The xlsx stays live where the officer left gaps, and rounds as jixiao does:
//! a colleague fills an empty input in the file, `LibreOffice` recalculates, and
//! the total is jixiao's total for the filled workbook; exact decimal half-way
//! rates round half-up in `LibreOffice` as in jixiao.
//!
//! The `LibreOffice` tests are skipped with a message where it is not installed.

use std::io::{Read, Write};

use calamine::{Data, Reader, open_workbook_auto};
use jixiao::core::Lang;
use jixiao::core::engine::{MetricId, derive};
use jixiao::core::model::{FieldId, Workbook};
use jixiao::core::num::{excel_round, round2};
use jixiao::core::sample::sample_workbook;
use jixiao::export::xlsx::{XlsxOptions, to_bytes};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[path = "support/office.rs"]
mod office;
use office::{find_office, read_csv, recalc_to_csv};

fn xlsx_bytes(wb: &Workbook) -> Vec<u8> {
    let options = XlsxOptions {
        cached_results: false,
        with_checks: false,
    };
    to_bytes(wb, &derive(wb), Lang::Zh, options).expect("xlsx")
}

/// The sheet row (1-based) of a field on the basic data sheet, by its key in column E.
fn field_row(bytes: &[u8], field: FieldId) -> u32 {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("probe.xlsx");
    std::fs::write(&path, bytes).expect("write");
    let mut book = open_workbook_auto(&path).expect("open");
    let range = book.worksheet_range("基础数据表").expect("sheet");
    let (r0, _) = range.start().unwrap_or((0, 0));
    let found = range
        .rows()
        .position(|row| row.get(4) == Some(&Data::String(field.key().to_owned())));
    r0 + u32::try_from(found.expect("field row")).expect("row") + 1
}

/// Types `value` into the blank cell `cell` of the first sheet, as a colleague
/// would: the cell keeps its style and gets a number.
fn fill_cell(bytes: &[u8], cell: &str, value: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut filled = false;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("entry name").into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).expect("utf8");
            let start = xml
                .find(&format!("<c r=\"{cell}\" "))
                .unwrap_or_else(|| panic!("the input cell {cell} is in the sheet"));
            let end = start + xml[start..].find("/>").expect("blank cell");
            let blank = &xml[start..end];
            assert!(!blank.contains('>'), "{cell} is blank: {blank}");
            data = format!(
                "{xml_head}{blank}><v>{value}</v></c>{xml_tail}",
                xml_head = &xml[..start],
                xml_tail = &xml[end + 2..]
            )
            .into_bytes();
            filled = true;
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    assert!(filled, "sheet1 found");
    out.finish().expect("finish").into_inner()
}

/// The 合计 score (column E) of the recalculated score sheet.
fn total_of(csv: &[Vec<String>]) -> f64 {
    let row = csv
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == "合计"))
        .expect("total row");
    row[4]
        .parse()
        .unwrap_or_else(|_| panic!("total {:?}", row[4]))
}

/// The sample without its procurement figures: the inputs empty, no rate printed.
fn without_procurement() -> Workbook {
    let mut wb = sample_workbook();
    assert!(FieldId::ProcurementBudget.set(&mut wb, None));
    assert!(FieldId::ProcurementActual.set(&mut wb, None));
    wb.reported
        .rates
        .remove(&MetricId::ProcurementExecutionRate);
    wb
}

#[test]
fn a_rate_scored_leaf_is_a_formula_even_when_its_inputs_are_empty() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("gap.xlsx");
    std::fs::write(&path, xlsx_bytes(&without_procurement())).expect("write");
    let mut book = open_workbook_auto(&path).expect("open");
    let formulas = book.worksheet_formula("指标评分表").expect("formulas");
    let live = formulas
        .used_cells()
        .filter(|(_, c, f)| {
            *c + formulas.start().map_or(0, |s| s.1 as usize) == 4 && f.contains("ISNUMBER")
        })
        .count();
    let wb = without_procurement();
    let rate_leaves = wb
        .table
        .flatten()
        .iter()
        .filter(|(_, ind)| {
            ind.is_leaf()
                && ind.rule.as_ref().is_some_and(|r| {
                    r.metric.is_some()
                        && jixiao::core::engine::rules::excel_formula(&r.kind, "X", ind.weight)
                            .is_some()
                })
        })
        .count();
    assert!(rate_leaves > 0);
    assert_eq!(live, rate_leaves, "every leaf scored from a rate is live");
}

#[test]
fn filling_an_empty_input_in_libreoffice_gives_jixiaos_total() {
    let Some(office) = find_office() else {
        println!("skipped: LibreOffice (soffice/libreoffice) is not installed");
        return;
    };
    let gap = without_procurement();
    let bytes = xlsx_bytes(&gap);
    let budget = field_row(&bytes, FieldId::ProcurementBudget);
    let actual = field_row(&bytes, FieldId::ProcurementActual);
    let filled_bytes = fill_cell(
        &fill_cell(&bytes, &format!("C{budget}"), "40"),
        &format!("C{actual}"),
        "38.5",
    );
    let mut filled = gap.clone();
    assert!(FieldId::ProcurementBudget.set(&mut filled, Some(dec!(40))));
    assert!(FieldId::ProcurementActual.set(&mut filled, Some(dec!(38.5))));
    let (gap_total, filled_total) = (derive(&gap).scores.total, derive(&filled).scores.total);
    assert_ne!(
        gap_total, filled_total,
        "filling procurement changes the score"
    );

    let dir = tempfile::tempdir().expect("dir");
    let files = [dir.path().join("gap.xlsx"), dir.path().join("filled.xlsx")];
    std::fs::write(&files[0], &bytes).expect("write");
    std::fs::write(&files[1], &filled_bytes).expect("write");
    let out = recalc_to_csv(&office, dir.path(), &files);
    for (stem, expected) in [("gap", gap_total), ("filled", filled_total)] {
        let csv = read_csv(&out.join(format!("{stem}-指标评分表.csv")));
        let total = total_of(&csv);
        let want: f64 = expected.to_string().parse().expect("total");
        assert!(
            (total - want).abs() < 1e-6,
            "{stem}: LibreOffice total {total}, jixiao {expected}"
        );
    }
}

/// Pairs (n, d) of 2-place amounts whose rate 100·n/d is an exact decimal
/// half-way value at 2 places (x.xx5).
fn half_way_pairs() -> Vec<(Decimal, Decimal)> {
    let denominators = [
        dec!(8),
        dec!(0.8),
        dec!(40),
        dec!(16),
        dec!(3.2),
        dec!(80),
        dec!(200),
        dec!(731.2),
        dec!(1600),
        dec!(12.8),
    ];
    let mut pairs = Vec::new();
    for d in denominators {
        for cents in 1..=4000_i64 {
            let n = Decimal::new(cents, 2);
            let rate = n * dec!(100) / d;
            let thousandths = rate * dec!(1000);
            if thousandths.fract().is_zero() && (thousandths % dec!(10)) == dec!(5) {
                pairs.push((n, d));
            }
        }
    }
    pairs
}

#[test]
fn half_way_rates_round_half_up_in_libreoffice_as_in_jixiao() {
    let pairs = half_way_pairs();
    assert!(pairs.len() > 500, "{} half-way cases", pairs.len());
    let Some(office) = find_office() else {
        println!("skipped: LibreOffice (soffice/libreoffice) is not installed");
        return;
    };
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (row, (n, d)) in (0u32..).zip(&pairs) {
        let x = row + 1;
        ws.write_number(row, 0, n.to_string().parse::<f64>().expect("n"))
            .expect("n");
        ws.write_number(row, 1, d.to_string().parse::<f64>().expect("d"))
            .expect("d");
        let ours = excel_round(&format!("A{x}/B{x}*100"), 2);
        ws.write_formula(row, 2, ours.as_str()).expect("ours");
        ws.write_formula(row, 3, format!("ROUND(A{x}/B{x}*100,2)").as_str())
            .expect("plain");
        // The change shape: this year c = d + n over last year d.
        let c = (d + n).to_string().parse::<f64>().expect("c");
        ws.write_number(row, 4, c).expect("c");
        let change = format!("ABS((E{x}-B{x})/B{x})*100");
        ws.write_formula(row, 5, excel_round(&change, 2).as_str())
            .expect("ours");
        ws.write_formula(row, 6, format!("ROUND({change},2)").as_str())
            .expect("plain");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("half.xlsx");
    book.save(&path).expect("save");
    let out = recalc_to_csv(&office, dir.path(), std::slice::from_ref(&path));
    let sheet_csv = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "csv"))
        .expect("the recalculated sheet");
    let csv = read_csv(&sheet_csv);
    let mut plain_wrong = 0;
    for ((n, d), row) in pairs.iter().zip(&csv) {
        let want = round2(n * dec!(100) / d);
        let got: Decimal = row[2].parse().unwrap_or_else(|_| panic!("{row:?}"));
        assert_eq!(got, want, "100×{n}/{d}: LibreOffice {got}, jixiao {want}");
        let change: Decimal = row[5].parse().unwrap_or_else(|_| panic!("{row:?}"));
        assert_eq!(
            change, want,
            "|{n}+{d}−{d}|/{d}: LibreOffice {change}, jixiao {want}"
        );
        for plain in [&row[3], &row[6]] {
            if plain.parse::<Decimal>().ok() != Some(want) {
                plain_wrong += 1;
            }
        }
    }
    println!(
        "{} half-way rates agree (ratio and change shapes); a plain ROUND would get {plain_wrong} wrong",
        pairs.len() * 2
    );
}

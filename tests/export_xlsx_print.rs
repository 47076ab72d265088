//! The xlsx as a printed, shared file: A4, the score sheet landscape and fitted
//! to width, header rows repeated, unit and year in each page header, the 检查
//! sheet only with checks, codes and crafted text stored as text.

use std::io::Read;

use calamine::{Data, Reader, open_workbook_auto_from_rs};
use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::sample::sample_workbook;
use jixiao::export::xlsx::{XlsxOptions, to_bytes};

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the xlsx"))
        .read_to_string(&mut text)
        .expect("utf-8");
    text
}

#[test]
fn every_sheet_prints_on_a4_with_the_unit_in_the_header() {
    let wb = sample_workbook();
    let bytes = to_bytes(&wb, &derive(&wb), Lang::Zh, XlsxOptions::default()).expect("xlsx");
    for sheet in 1..=3 {
        let xml = part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("paperSize=\"9\""), "sheet {sheet}: A4");
        assert!(
            xml.contains("fitToHeight=\"0\""),
            "sheet {sheet}: fit to width"
        );
        assert!(
            xml.contains("&amp;L中共湛江市霞山区委办公室&amp;R2023年度"),
            "sheet {sheet}: page header"
        );
        assert_eq!(
            xml.contains("orientation=\"landscape\""),
            sheet == 2,
            "only the score sheet is landscape"
        );
    }
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("_xlnm.Print_Titles"),
        "header rows repeat"
    );
    assert!(
        !workbook.contains("name=\"检查\""),
        "no checks sheet by default"
    );
    let with_checks = XlsxOptions {
        with_checks: true,
        ..XlsxOptions::default()
    };
    let bytes = to_bytes(&wb, &derive(&wb), Lang::Zh, with_checks).expect("xlsx");
    assert!(part(&bytes, "xl/workbook.xml").contains("name=\"检查\""));
}

#[test]
fn codes_and_crafted_text_stay_text() {
    let mut wb = sample_workbook();
    wb.unit.name = "=HYPERLINK(\"http://x\",\"y\")".to_owned();
    wb.table.indicators[0].code = "2.10".to_owned();
    let bytes = to_bytes(&wb, &derive(&wb), Lang::Zh, XlsxOptions::default()).expect("xlsx");
    let mut book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("open");
    let scores = book.worksheet_range("指标评分表").expect("scores");
    assert_eq!(
        scores.get_value((1, 0)),
        Some(&Data::String("2.10".to_owned()))
    );
    let basic = book.worksheet_range("基础数据表").expect("basic");
    assert_eq!(
        basic.get_value((1, 2)),
        Some(&Data::String("=HYPERLINK(\"http://x\",\"y\")".to_owned()))
    );
    let formulas = book.worksheet_formula("基础数据表").expect("formulas");
    assert!(
        formulas
            .used_cells()
            .all(|(_, _, f)| !f.contains("HYPERLINK")),
        "the name became a formula"
    );
}

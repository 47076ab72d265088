//! A leaf's own measure in the xlsx: a ratio on the adjusted budget and a
//! table-defined ratio are live formulas over the input cells, and
//! `LibreOffice`'s recalculated total is jixiao's, with every input given and
//! with one missing (the printed rate, then the officer's score, as jixiao).
//!
//! Skipped with a message where `LibreOffice` is not installed.

use calamine::{Reader, open_workbook_auto};
use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::model::{Basis, FieldId, TableFormula, Workbook};
use jixiao::core::sample::sample_workbook;
use jixiao::export::xlsx::{XlsxOptions, to_bytes};
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

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut jixiao::core::model::Rule)) {
    let indicator = wb.table.indicator_mut(code).expect("code");
    change(indicator.rule.as_mut().expect("rule"));
}

/// B2.1 on the adjusted budget (588.55 / (650 − 11.45) = 92.17 %: one step
/// short, 4 of 6); A3.1 as the table's own |change| over the issued budget
/// (0.00 %: 5 of 5); B2.5 the table's ratio of two sums.
fn measured() -> Workbook {
    let mut wb = sample_workbook();
    assert!(FieldId::InitialBudget.set(&mut wb, Some(dec!(650))));
    assert!(FieldId::BudgetAdjustment.set(&mut wb, Some(dec!(-11.45))));
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Adjusted));
    set_rule(&mut wb, "A3.1", |r| {
        r.metric = None;
        r.formula = Some(TableFormula::Change {
            current: vec![FieldId::AppropriationIncomeFinal],
            base: vec![FieldId::IssuedBudget],
            absolute: true,
        });
    });
    set_rule(&mut wb, "B2.5", |r| {
        r.metric = None;
        r.formula = Some(TableFormula::Ratio {
            numerator: vec![FieldId::BudgetPersonnel, FieldId::BudgetOperating],
            denominator: vec![FieldId::ExpenditureBudgetTotal, FieldId::BudgetProject],
            numerator_minus: Vec::new(),
            denominator_minus: Vec::new(),
            absolute: false,
        });
    });
    wb
}

fn total_of(csv: &[Vec<String>]) -> f64 {
    let row = csv
        .iter()
        .find(|r| r.get(1).is_some_and(|c| c == "合计"))
        .expect("total row");
    row[4]
        .parse()
        .unwrap_or_else(|_| panic!("total {:?}", row[4]))
}

#[test]
fn own_measures_are_formulas_over_the_input_cells() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("m.xlsx");
    std::fs::write(&path, xlsx_bytes(&measured())).expect("write");
    let mut book = open_workbook_auto(&path).expect("open");
    let formulas = book.worksheet_formula("指标评分表").expect("formulas");
    let text: Vec<&String> = formulas.used_cells().map(|(_, _, f)| f).collect();
    // The adjusted budget: the initial budget and the adjustment, summed.
    assert!(
        text.iter().any(|f| f.contains("SUM('基础数据表'!$C$")),
        "{text:?}"
    );
    assert!(text.iter().any(|f| f.contains("ABS((")), "{text:?}");
}

#[test]
fn libreoffice_totals_own_measures_as_jixiao() {
    let Some(office) = find_office() else {
        println!("skipped: LibreOffice (soffice/libreoffice) is not installed");
        return;
    };
    let full = measured();
    let mut gap = measured();
    assert!(FieldId::BudgetAdjustment.set(&mut gap, None));
    assert!(FieldId::BudgetProject.set(&mut gap, None));
    let (full_total, gap_total) = (derive(&full).scores.total, derive(&gap).scores.total);
    assert_ne!(full_total, gap_total, "the gap changes the score");
    let dir = tempfile::tempdir().expect("dir");
    let files = [dir.path().join("full.xlsx"), dir.path().join("gap.xlsx")];
    std::fs::write(&files[0], xlsx_bytes(&full)).expect("write");
    std::fs::write(&files[1], xlsx_bytes(&gap)).expect("write");
    let out = recalc_to_csv(&office, dir.path(), &files);
    for (stem, expected) in [("full", full_total), ("gap", gap_total)] {
        let csv = read_csv(&out.join(format!("{stem}-指标评分表.csv")));
        let total = total_of(&csv);
        let want: f64 = expected.to_string().parse().expect("total");
        assert!(
            (total - want).abs() < 1e-6,
            "{stem}: LibreOffice total {total}, jixiao {expected}"
        );
    }
}

#[test]
fn the_report_writes_an_own_measure_with_its_formula() {
    let wb = measured();
    let text = jixiao::export::markdown::report(&wb, &derive(&wb), Lang::Zh);
    assert!(
        text.contains(
            "支出完成率（以调整后预算数为准）按年度实际支出/调整后预算数(年初预算数+预算调整数)×100%计算：588.55/（650-11.45）*100%=92.17%"
        ),
        "{text}"
    );
    assert!(
        text.contains("|(财政拨款收入决算数-财政下达预算数)/财政下达预算数|×100%"),
        "{text}"
    );
    let en = jixiao::export::markdown::report(&wb, &derive(&wb), Lang::En);
    assert!(en.contains("on the adjusted budget"), "{en}");
}

#[test]
fn the_csv_scores_name_the_measure_a_leaf_was_taken_on() {
    let wb = measured();
    let bytes = jixiao::export::csv::table_bytes(
        jixiao::export::csv::CsvTable::Scores,
        &wb,
        &derive(&wb),
        Lang::Zh,
    );
    let text = String::from_utf8(bytes).expect("utf8");
    assert!(
        text.contains("支出完成率（以调整后预算数为准）：588.55/(650-11.45)*100%=92.17%；"),
        "{text}"
    );
}

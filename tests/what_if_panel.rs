//! The detail panel's what-if and a leaf's own measure (another basis, a
//! table-defined ratio), through `App::update`, as snapshots at 80x24 and
//! 160x48 with Chinese text.

mod common;

use common::{app_at, keys, screen};
use jixiao::core::Lang;
use jixiao::core::model::{Basis, FieldId, TableFormula, Workbook};
use jixiao::core::sample::sample_workbook;
use rust_decimal_macros::dec;

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut jixiao::core::model::Rule)) {
    let indicator = wb.table.indicator_mut(code).expect("code");
    change(indicator.rule.as_mut().expect("rule"));
}

/// The sample with B2.1 on the adjusted budget and B2.5 as the table's own
/// ratio of sums, written to a file and opened.
fn workbench() -> (common::Harness, tempfile::TempDir) {
    let mut wb = sample_workbook();
    assert!(FieldId::InitialBudget.set(&mut wb, Some(dec!(600.00))));
    assert!(FieldId::BudgetAdjustment.set(&mut wb, Some(dec!(-11.45))));
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Adjusted));
    set_rule(&mut wb, "B2.5", |r| {
        r.metric = None;
        r.formula = Some(TableFormula::Ratio {
            numerator: vec![FieldId::BudgetPersonnel, FieldId::BudgetOperating],
            denominator: vec![FieldId::ExpenditureBudgetTotal],
            numerator_minus: Vec::new(),
            denominator_minus: Vec::new(),
            absolute: false,
        });
    });
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("workbook.json");
    let text = jixiao::core::format::to_json(&wb);
    std::fs::write(&path, text).expect("write");
    let mut h = app_at(&path, Lang::Zh);
    h.app.path = std::path::PathBuf::from("workbook.json");
    (h, dir)
}

#[test]
fn a_table_defined_ratio_is_explained_with_its_what_if() {
    for (w, h) in [(80, 24), (160, 48)] {
        let (mut app, _dir) = workbench();
        keys(&mut app, "3 / B2.5 <enter>");
        let shown = screen(&mut app, w, h);
        insta::assert_snapshot!(format!("table_formula_{w}x{h}"), shown);
    }
}

#[test]
fn a_ratio_on_the_adjusted_budget_names_its_basis() {
    for (w, h) in [(80, 24), (160, 48)] {
        let (mut app, _dir) = workbench();
        keys(&mut app, "3 / B2.1 <enter>");
        let shown = screen(&mut app, w, h);
        assert!(shown.contains("假如"), "{shown}");
        insta::assert_snapshot!(format!("adjusted_basis_{w}x{h}"), shown);
    }
}

#[test]
fn the_what_if_follows_an_edit() {
    let (mut app, _dir) = workbench();
    keys(&mut app, "3 / B2.1 <enter>");
    let shown = screen(&mut app, 160, 48);
    // 588.55 / (600.00 − 11.45) = 100.00 %; full marks until 95.00 %.
    assert!(shown.contains("年度实际支出 588.55 → 559.15"), "{shown}");
    keys(
        &mut app,
        "2 / 年度实际支出 <enter> <enter> <c-u> 560 <enter>",
    );
    keys(&mut app, "3 / B2.1 <enter>");
    let shown = screen(&mut app, 160, 48);
    assert!(shown.contains("年度实际支出 560 → 559.15"), "{shown}");
}

/// The rule of the leaf `code` in the app's workbook.
fn rule_of(app: &jixiao::app::App, code: &str) -> jixiao::core::model::Rule {
    app.workbook
        .table
        .flatten()
        .iter()
        .find(|(_, i)| i.code == code)
        .and_then(|(_, i)| i.rule.clone())
        .expect("rule")
}

#[test]
fn the_rule_form_cycles_the_basis_with_the_metric() {
    let (mut app, _dir, _path) = common::app();
    keys(&mut app, "3 / B2.1 <enter> f <down> <right>");
    let shown = screen(&mut app, 160, 48);
    assert!(
        shown.contains("F2 支出完成率（以年初预算数为准）"),
        "{shown}"
    );
    keys(&mut app, "<right>");
    let shown = screen(&mut app, 160, 48);
    assert!(
        shown.contains("F2 支出完成率（以调整后预算数为准）"),
        "{shown}"
    );
    keys(&mut app, "<enter>");
    let rule = rule_of(&app, "B2.1");
    assert_eq!(rule.basis, Some(Basis::Adjusted));
    assert_eq!(
        rule.metric,
        Some(jixiao::core::engine::MetricId::ExpenditureCompletionRate)
    );
    // The sample has no initial budget: the leaf falls back to the printed rate.
    let d = &app.derived;
    let r = d
        .scores
        .indicators
        .iter()
        .find(|r| r.code == "B2.1")
        .expect("B2.1");
    assert!(r.measure.is_some());
}

#[test]
fn the_rule_form_keeps_a_table_formula_until_the_metric_is_cycled() {
    let (mut app, _dir) = workbench();
    keys(&mut app, "3 / B2.5 <enter> f");
    let shown = screen(&mut app, 160, 48);
    assert!(
        shown.contains("表内公式：(人员经费支出预算+公用经费支出预算)/支出预算合计×100%"),
        "{shown}"
    );
    keys(&mut app, "<enter>");
    assert!(
        rule_of(&app, "B2.5").formula.is_some(),
        "Enter keeps the formula"
    );
    keys(&mut app, "f <down> <right> <enter>");
    let rule = rule_of(&app, "B2.5");
    assert!(rule.formula.is_none());
    assert_eq!(
        rule.metric,
        Some(jixiao::core::engine::MetricId::AppropriationIncomeVarianceRate)
    );
}

#[test]
fn the_what_if_waits_while_typing_and_follows_the_commit() {
    let (mut app, _dir, _path) = common::app();
    keys(&mut app, "3 / A3.1 <enter>");
    let index = app
        .workbook
        .table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == "A3.1")
        .expect("A3.1");
    assert!(app.what_if_of(index).is_some());
    keys(&mut app, "<right> <enter> 补充");
    assert!(
        matches!(app.mode.kind(), jixiao::app::ModeKind::Edit),
        "{:?}",
        app.mode.kind()
    );
    // The preview changed the workbook: the what-if is not shown stale, nor solved per key.
    assert!(app.what_if_of(index).is_none());
    keys(&mut app, "<enter>");
    assert!(
        app.what_if_of(index).is_some(),
        "solved again after the commit"
    );
}

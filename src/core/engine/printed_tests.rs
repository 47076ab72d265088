//! A printed rate is compared like with like: on the basis the report names,
//! else as the bureau's table takes the metric, else as defined.
//!
//! Source: issue 25 quotes a report that prints 三公经费变动率 98.31 % measured
//! on budgets, as its bureau's table defines it, where jixiao computed 52.30 %
//! on final accounts. The report's amounts are not quoted; the ones below are
//! constructed to give exactly those two printed rates.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::checks::WarningCode as W;
use super::measure_tests::leaf;
use super::test_kinds::threshold;
use super::{Derived, MetricId, ScoreBasis, ValueSource, derive};
use crate::core::model::{Basis, FieldId as F, Indicator, Rule, Workbook};
use crate::core::sample::sample_workbook;

fn set(wb: &mut Workbook, field: F, value: Option<Decimal>) {
    assert!(field.set(wb, value), "{field:?}");
}

/// (23.40 − 11.80) / 11.80 = 98.305 % → 98.31 on budgets;
/// (26.50 − 17.40) / 17.40 = 52.298 % → 52.30 on final accounts.
fn three_public(wb: &mut Workbook) {
    set(wb, F::ThreePublicBudget, Some(dec!(23.40)));
    set(wb, F::ThreePublicPrevBudget, Some(dec!(11.80)));
    set(wb, F::ThreePublicFinal, Some(dec!(26.50)));
    set(wb, F::ThreePublicPrevFinal, Some(dec!(17.40)));
}

/// A leaf "T" scoring 三公经费变动率 on `basis` (≤ 0 full, −0.5 per point).
fn with_leaf(wb: &mut Workbook, basis: Option<Basis>) {
    wb.table.indicators.push(Indicator {
        code: "T".into(),
        name: "“三公经费”变动率".into(),
        weight: dec!(5),
        rule: Some(Rule {
            metric: Some(MetricId::ThreePublicChangeRate),
            basis,
            formula: None,
            kind: threshold(Decimal::ZERO, dec!(0.5), true),
        }),
        ..Indicator::default()
    });
}

fn printed(wb: &mut Workbook, value: Decimal) {
    wb.reported
        .rates
        .insert(MetricId::ThreePublicChangeRate, value);
}

fn differs(d: &Derived) -> Vec<String> {
    d.warnings
        .iter()
        .filter(|w| w.code == W::ReportedDiffers && w.message.zh.contains("三公"))
        .map(|w| w.message.zh.clone())
        .collect()
}

#[test]
fn a_rate_printed_on_budgets_as_the_table_defines_it_is_no_false_alarm() {
    let mut wb = sample_workbook();
    three_public(&mut wb);
    printed(&mut wb, dec!(98.31));
    // Without the table's basis, the rate on final accounts is the one compared.
    let before = differs(&derive(&wb));
    assert_eq!(before.len(), 1, "{before:?}");
    assert!(before[0].contains("按数据计算为 52.30%"), "{before:?}");
    with_leaf(&mut wb, Some(Basis::Budget));
    let d = derive(&wb);
    assert_eq!(differs(&d), Vec::<String>::new());
    assert_eq!(leaf(&d, "T").metric_value, Some(dec!(98.31)));
    // A wrong figure is still caught, and the warning names the basis.
    printed(&mut wb, dec!(98.30));
    let wrong = differs(&derive(&wb));
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].contains("以预算数为准"), "{wrong:?}");
    assert!(wrong[0].contains("T 评分表口径"), "{wrong:?}");
    assert!(wrong[0].contains("按数据计算为 98.31%"), "{wrong:?}");
}

#[test]
fn the_basis_the_report_names_wins() {
    let mut wb = sample_workbook();
    three_public(&mut wb);
    printed(&mut wb, dec!(98.31));
    wb.reported
        .bases
        .insert(MetricId::ThreePublicChangeRate, Basis::Budget);
    assert_eq!(differs(&derive(&wb)), Vec::<String>::new());
    // Named on final accounts, the same 98.31 is wrong, whatever the table says.
    wb.reported
        .bases
        .insert(MetricId::ThreePublicChangeRate, Basis::Final);
    with_leaf(&mut wb, Some(Basis::Budget));
    let named = differs(&derive(&wb));
    assert_eq!(named.len(), 1, "{named:?}");
    assert!(named[0].contains("以决算数为准"), "{named:?}");
    assert!(named[0].contains("52.30%"), "{named:?}");
}

#[test]
fn a_rate_printed_for_a_leaf_is_compared_with_that_leaf_and_scores_it_when_inputs_are_missing() {
    let mut wb = sample_workbook();
    three_public(&mut wb);
    with_leaf(&mut wb, Some(Basis::Budget));
    wb.reported.leaf_rates.insert("T".into(), dec!(98.31));
    let d = derive(&wb);
    assert!(
        !d.warnings
            .iter()
            .any(|w| w.code == W::ReportedDiffers && w.message.zh.starts_with("T ")),
        "{:?}",
        d.warnings
    );
    wb.reported.leaf_rates.insert("T".into(), dec!(52.30));
    let d = derive(&wb);
    let text = d
        .warnings
        .iter()
        .find(|w| w.code == W::ReportedDiffers && w.message.zh.starts_with("T "))
        .map(|w| w.message.zh.clone())
        .expect("a rate on finals printed for a leaf on budgets");
    assert!(text.contains("按数据计算为 98.31%"), "{text}");
    // Inputs not given: the leaf is scored on the rate printed for it.
    set(&mut wb, F::ThreePublicPrevBudget, None);
    wb.reported.leaf_rates.insert("T".into(), dec!(-4.00));
    let d = derive(&wb);
    let r = leaf(&d, "T");
    assert_eq!(r.value_source, Some(ValueSource::Reported));
    assert_eq!(r.metric_value, Some(dec!(-4.00)));
    assert_eq!(r.basis, ScoreBasis::Computed);
    assert_eq!(r.score, dec!(5));
}

#[test]
fn old_files_without_bases_read_and_write_as_before() {
    let wb = sample_workbook();
    let text = crate::core::format::to_json(&wb);
    assert!(!text.contains("\"bases\"") && !text.contains("\"leaf_rates\""));
}

//! Warnings on the sample: the seed's contradictions, the internal sums, the
//! printed figures, and the order warnings come in.

use rust_decimal_macros::dec;

use super::checks::{Severity, Warning, WarningCode as W};
use super::measure_tests::leaf;
use super::metrics::MetricId;
use super::scoring::ScoreBasis;
use super::{Derived, Grade, derive};
use crate::core::Lang;
use crate::core::model::{FieldId, Workbook};
use crate::core::sample::sample_workbook;

pub(super) fn codes(d: &Derived) -> Vec<W> {
    d.warnings.iter().map(|w| w.code).collect()
}

pub(super) fn find(d: &Derived, code: W) -> &Warning {
    d.warnings
        .iter()
        .find(|w| w.code == code)
        .unwrap_or_else(|| panic!("{code:?} not raised; got {:?}", codes(d)))
}

fn derive_changed(change: impl FnOnce(&mut Workbook)) -> Derived {
    let mut wb = sample_workbook();
    change(&mut wb);
    derive(&wb)
}

/// The seed's printed figures, total and grade, as the sample reproduces them.
pub(super) fn assert_seed_figures(d: &Derived) {
    let display = |id| d.metric(id).and_then(|m| m.display);
    assert_eq!(
        display(MetricId::AppropriationIncomeVarianceRate),
        Some(dec!(19.58))
    );
    assert_eq!(
        display(MetricId::ExpenditureCompletionRate),
        Some(dec!(100.00))
    );
    assert_eq!(display(MetricId::CarryoverRate), Some(dec!(1.13)));
    assert_eq!(d.total_display(), dec!(94));
    assert_eq!(d.grade, Grade::Excellent);
}

#[test]
fn seed_contradictions_a1_to_a5_are_raised_while_the_figures_reproduce() {
    let d = derive(&sample_workbook());
    assert_seed_figures(&d);

    // (code, severity, language of the message, what it names)
    #[rustfmt::skip]
    let contradictions: [(W, Severity, Lang, &[&str]); 5] = [
        (W::IncomeBudgetTwoValues, Severity::High, Lang::Zh, &["588.55", "731.80"]),
        (W::OtherIncomeInAppropriation, Severity::High, Lang::Zh, &["585.01", "20.06%"]),
        (W::AppropriationFinalMismatch, Severity::High, Lang::En, &["512.01", "30.03%"]),
        (W::CarryoverIdentity, Severity::High, Lang::En, &["gap 76.54"]),
        (W::GovFundBudgetNotFinal, Severity::Medium, Lang::En, &["4.95", "100%"]),
    ];
    for (code, severity, lang, named) in contradictions {
        let warning = find(&d, code);
        assert_eq!(warning.severity, severity, "{code:?}");
        let text = warning.message.get(lang);
        for figure in named {
            assert!(text.contains(figure), "{code:?} names {figure}: {text}");
        }
    }
}

#[test]
fn the_sample_raises_exactly_these_warnings_in_severity_order() {
    let d = derive(&sample_workbook());
    assert_eq!(
        codes(&d),
        [
            W::IncomeBudgetTwoValues,
            W::OtherIncomeInAppropriation,
            W::AppropriationFinalMismatch,
            W::CarryoverIdentity,
            W::GovFundBudgetNotFinal,
            W::StaffingScope,
            W::HeadlineFiguresEqual,
            W::ScoredOnReported,
            W::ScoredOnReported,
            W::CarryoverWithoutTreasuryStock,
            W::NotApplicableAssumed,
            W::TableUnverified,
        ]
    );
    // Every message exists in both languages and names what it concerns.
    for w in &d.warnings {
        assert!(!w.message.zh.is_empty() && !w.message.en.is_empty());
        assert!(!w.concerns.is_empty(), "{:?}", w.code);
    }
}

#[test]
fn warnings_are_sorted_by_severity_keeping_check_order() {
    // Break things so that every severity occurs several times.
    let d = derive_changed(|wb| {
        wb.budget.budget_project = Some(crate::core::num::Money(dec!(1)));
        wb.reported.total_score = Some(dec!(50));
        wb.table.indicators[3].children[0].entry.choice = None;
    });
    let severities: Vec<Severity> = d.warnings.iter().map(|w| w.severity).collect();
    assert!(
        severities.windows(2).all(|p| p[0] <= p[1]),
        "{severities:?}"
    );
    // Within "high", the checks' order: sums before A1…A4 before printed figures.
    let high: Vec<W> = d
        .warnings
        .iter()
        .filter(|w| w.severity == Severity::High)
        .map(|w| w.code)
        .collect();
    assert_eq!(
        high,
        [
            W::ExpenditurePartsSum,
            W::IncomeBudgetTwoValues,
            W::OtherIncomeInAppropriation,
            W::AppropriationFinalMismatch,
            W::CarryoverIdentity,
            W::ReportedDiffers,
            W::ReportedDiffers,
        ]
    );
}

#[test]
fn each_internal_sum_fires_when_a_part_changes() {
    let base = codes(&derive(&sample_workbook()));
    let sums = [
        (W::IncomePartsSum, FieldId::IncomeBudgetOther, dec!(3.55)),
        (W::ExpenditurePartsSum, FieldId::BudgetProject, dec!(53.84)),
        (W::BasicPartsSum, FieldId::BudgetOperating, dec!(18.75)),
        (W::HeadcountPartsSum, FieldId::Retired, dec!(13)),
    ];
    for (code, field, value) in sums {
        assert!(!base.contains(&code), "{code:?} already on the sample");
        let d = derive_changed(|wb| assert!(field.set(wb, Some(value))));
        let w = find(&d, code);
        assert_eq!(w.severity, Severity::High);
        assert!(
            w.concerns.contains(&super::Concern::Field { field }),
            "{code:?} does not name {field:?}"
        );
    }
    // The total side, too.
    let d = derive_changed(|wb| {
        assert!(FieldId::BudgetBasic.set(wb, Some(dec!(534.73))));
    });
    let fired = codes(&d);
    assert!(fired.contains(&W::BasicPartsSum) && fired.contains(&W::ExpenditurePartsSum));
    // A part left out is skipped, not treated as zero.
    let d = derive_changed(|wb| {
        assert!(FieldId::BudgetOperating.set(wb, None));
    });
    assert!(codes(&d).contains(&W::BasicPartsSum));
    let d = derive_changed(|wb| {
        assert!(FieldId::BudgetPersonnel.set(wb, None));
        assert!(FieldId::BudgetOperating.set(wb, None));
    });
    assert!(!codes(&d).contains(&W::BasicPartsSum));
}

#[test]
fn workload_parts_fire_when_a_part_changes() {
    assert!(!codes(&derive(&sample_workbook())).contains(&W::WorkloadPartsSum));
    let d = derive_changed(|wb| {
        wb.workload[0].items[2].parts[4].value = dec!(83);
    });
    let w = find(&d, W::WorkloadPartsSum);
    assert!(w.message.zh.contains("203") && w.message.zh.contains("202"));
    assert_eq!(w.concerns, [super::Concern::Workload { group: 0, item: 2 }]);
    // Parts too large to add are reported, not passed.
    let d = derive_changed(|wb| {
        for part in &mut wb.workload[0].items[2].parts {
            part.value = rust_decimal::Decimal::MAX;
        }
    });
    assert!(
        find(&d, W::WorkloadPartsSum)
            .message
            .en
            .contains("too large")
    );
}

#[test]
fn reported_differs_fires_when_a_printed_figure_changes() {
    assert!(!codes(&derive(&sample_workbook())).contains(&W::ReportedDiffers));
    let d = derive_changed(|wb| {
        wb.reported
            .rates
            .insert(MetricId::CarryoverRate, dec!(1.14));
    });
    let w = find(&d, W::ReportedDiffers);
    assert_eq!(w.message.zh, "结余结转率：报告写 1.14%，按数据计算为 1.13%");
    // "100" as printed equals 100.00 computed; 19.575 printed rounds to 19.58.
    let d = derive_changed(|wb| {
        wb.reported
            .rates
            .insert(MetricId::AppropriationIncomeVarianceRate, dec!(19.575));
    });
    assert!(!codes(&d).contains(&W::ReportedDiffers));
    let d = derive_changed(|wb| wb.reported.total_score = Some(dec!(93)));
    assert!(find(&d, W::ReportedDiffers).message.en.contains("93"));
    let d = derive_changed(|wb| wb.reported.grade = Some("良".into()));
    assert!(find(&d, W::ReportedDiffers).message.zh.contains("良"));
    let d = derive_changed(|wb| wb.reported.grade = Some("excellent".into()));
    assert!(!codes(&d).contains(&W::ReportedDiffers));
}

#[test]
fn zero_denominator_is_not_scored_on_the_printed_rate() {
    let d = derive_changed(|wb| {
        assert!(FieldId::IssuedBudget.set(wb, Some(dec!(0))));
    });
    let w = find(&d, W::ZeroDenominator);
    assert!(w.message.zh.starts_with("B2.1"));
    let b21 = leaf(&d, "B2.1");
    assert_eq!(b21.basis, ScoreBasis::Missing);
    assert!(b21.working.en.contains("zero denominator"));
}

#[test]
fn unscored_and_differing_officer_scores_are_reported() {
    let d = derive_changed(|wb| {
        wb.table.indicators[3].children[0].entry.choice = None;
        wb.table.indicators[0].children[2].children[0]
            .entry
            .officer_score = Some(dec!(5));
    });
    assert!(find(&d, W::MissingScore).message.zh.starts_with("D1"));
    let w = find(&d, W::OfficerScoreDiffers);
    assert_eq!(
        w.message.zh,
        "A3.1 财政拨款收入预决算差异率：自评填 5 分，按评分标准计算为 0 分"
    );
}

#[test]
fn a_code_used_twice_is_reported() {
    let d = derive_changed(|wb| {
        wb.table.indicators[1].children[0].code = "A1".into();
    });
    assert!(find(&d, W::DuplicateCode).message.en.contains("A1"));
}

#[test]
fn every_code_has_a_stable_key_equal_to_its_json_name() {
    let mut keys = std::collections::BTreeSet::new();
    for code in W::ALL {
        let json = serde_json::to_value(code).expect("serialises");
        assert_eq!(json, code.key(), "{code:?}");
        assert!(keys.insert(code.key()), "{code:?} twice");
    }
}

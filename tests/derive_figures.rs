//! `derive_figures` (reviewer mode's digest) gives every figure `derive`
//! gives: the same scores, totals, grade, ratios, workload and warnings
//! (code, severity, places), only without the scoring texts.

use jixiao::core::engine::{Derived, derive, derive_figures};
use jixiao::core::model::Workbook;
use jixiao::core::sample::sample_workbook;
use jixiao::synth::Generator;

/// `derived` with the texts taken out that `derive_figures` does not write.
fn figures_only(mut derived: Derived) -> Derived {
    for result in &mut derived.scores.indicators {
        result.rule = Default::default();
        result.working = Default::default();
    }
    for warning in &mut derived.warnings {
        warning.message = Default::default();
    }
    derived
}

fn assert_same_figures(name: &str, workbook: &Workbook) {
    let full = derive(workbook);
    let lean = derive_figures(workbook);
    assert!(
        full.scores
            .indicators
            .iter()
            .any(|r| !r.working.zh.is_empty()),
        "{name}: derive writes workings"
    );
    assert!(
        lean.scores
            .indicators
            .iter()
            .all(|r| r.working.zh.is_empty() && r.rule.zh.is_empty()),
        "{name}: derive_figures writes none"
    );
    assert_eq!(figures_only(full), figures_only(lean), "{name}");
}

#[test]
fn the_sample_derives_the_same_figures() {
    assert_same_figures("sample", &sample_workbook());
}

#[test]
fn generated_units_derive_the_same_figures() {
    let generator = Generator::new();
    for index in 1..=120 {
        let unit = generator.generate(index);
        assert_same_figures(&unit.file_name(120), &unit.workbook);
    }
}

#[test]
fn an_unfinished_workbook_derives_the_same_figures() {
    let mut workbook = sample_workbook();
    for indicator in &mut workbook.table.indicators {
        for child in &mut indicator.children {
            child.entry.officer_score = None;
            child.entry.choice = None;
        }
    }
    workbook.budget = Default::default();
    assert_same_figures("unfinished", &workbook);
}

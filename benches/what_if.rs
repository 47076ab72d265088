//! `cargo bench --bench what_if`: the cost of issue 12's additions — `derive`
//! with leaves on other bases and with table-defined ratios beside the plain
//! sample, one leaf's what-if (what the detail panel computes once per
//! change), the whole what-if of `check`, and what `App::update` adds per
//! action on the indicators pane when nothing changed (the cache check).
//! Plain `Instant` timing; the median and the minimum of the samples.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

use jixiao::app::{Action, App, Origin};
use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::engine::what_if::{leaf_what_if, what_if};
use jixiao::core::model::{Basis, FieldId, TableFormula, Workbook};
use jixiao::core::sample::sample_workbook;

const SAMPLES: usize = 60;
const BATCH_TARGET: Duration = Duration::from_millis(5);

#[path = "support/timing.rs"]
mod timing;
use timing::measure;

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut jixiao::core::model::Rule)) {
    if let Some(rule) = wb.table.indicator_mut(code).and_then(|i| i.rule.as_mut()) {
        change(rule);
    }
}

/// The sample with B2.1 on the adjusted budget and A3.1 / B2.5 as table formulas.
fn measured() -> Workbook {
    let mut wb = sample_workbook();
    let _ = FieldId::InitialBudget.set(&mut wb, Some(rust_decimal::Decimal::new(65_000, 2)));
    let _ = FieldId::BudgetAdjustment.set(&mut wb, Some(rust_decimal::Decimal::new(-1_145, 2)));
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Adjusted));
    set_rule(&mut wb, "A3.1", |r| {
        r.metric = None;
        r.formula = Some(TableFormula::Change {
            current: vec![FieldId::AppropriationIncomeFinal],
            base: vec![FieldId::AppropriationIncomeBudget],
            absolute: true,
        });
    });
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
    wb
}

fn line(what: &str, (median, min): (Duration, Duration)) {
    println!("{what:<52} median {median:>10.2?}   min {min:>10.2?}");
}

fn index_of(wb: &Workbook, code: &str) -> usize {
    wb.table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == code)
        .unwrap_or(0)
}

fn main() {
    let plain = sample_workbook();
    let own = measured();
    line(
        "derive: the sample",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(derive(black_box(&plain)));
        }),
    );
    line(
        "derive: the sample with 3 own measures",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(derive(black_box(&own)));
        }),
    );
    let d = derive(&plain);
    let a31 = index_of(&plain, "A3.1");
    line(
        "leaf_what_if: A3.1 (registry metric)",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(leaf_what_if(&plain, &d, a31));
        }),
    );
    let d_own = derive(&own);
    line(
        "leaf_what_if: A3.1 (table formula)",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(leaf_what_if(&own, &d_own, a31));
        }),
    );
    let b25 = index_of(&own, "B2.5");
    line(
        "leaf_what_if: B2.5 (ratio of sums, proportional)",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(leaf_what_if(&own, &d_own, b25));
        }),
    );
    line(
        "what_if: whole sample (check)",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(what_if(&plain, &d));
        }),
    );
    let mut app = App::new(
        plain.clone(),
        PathBuf::from("bench.json"),
        Origin::Sample,
        Lang::Zh,
    );
    app.pane = jixiao::app::panes::Pane::Indicators;
    app.selection[jixiao::app::panes::Pane::Indicators] = a31;
    app.update(Action::Resize(160, 48));
    assert!(
        app.what_if_of(a31).is_some(),
        "the selected leaf's what-if is cached"
    );
    line(
        "App::update on the indicators pane, nothing changed",
        measure(SAMPLES, BATCH_TARGET, || {
            black_box(app.update(Action::Resize(160, 48)));
        }),
    );
}

//! Issue 30: a unit can answer a 退回函 on a computed indicator — Enter types
//! the self-score the report prints, the computed score stays beside it, and
//! the warning the letter cites holds while they differ and clears after.

mod common;

use common::{app, keys, screen};
use jixiao::app::{EditTarget, Mode, Pane};
use jixiao::core::engine::{ScoreBasis, WarningCode};
use rust_decimal_macros::dec;

fn selected_code(h: &common::Harness) -> String {
    let rows = jixiao::app::rows::indicator_rows(&h.workbook, &h.folds.indicators);
    let index = rows[h.selected()].index;
    h.workbook.table.flatten()[index].1.code.clone()
}

fn differs(h: &common::Harness) -> bool {
    h.derived
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::OfficerScoreDiffers)
}

#[test]
fn the_typed_self_score_of_a_computed_indicator_can_be_set() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "3");
    while selected_code(&h) != "B2.1" {
        keys(&mut h, "j");
    }
    let index =
        jixiao::app::rows::indicator_rows(&h.workbook, &h.folds.indicators)[h.selected()].index;
    assert_eq!(
        h.derived.scores.indicators[index].basis,
        ScoreBasis::Computed
    );
    let computed = h.derived.scores.indicators[index].score;
    // The detail panel says where the computation's inputs are.
    let shown = screen(&mut h, 160, 48);
    assert!(shown.contains("其输入在 2 预算面板"), "{shown}");
    // Enter edits the self-score, not a jump to the ratio.
    keys(&mut h, "<enter>");
    assert!(
        matches!(&h.mode, Mode::Edit(e) if e.target == EditTarget::OfficerScore(index)),
        "{:?}",
        h.mode
    );
    assert_eq!(h.pane, Pane::Indicators);
    keys(&mut h, "<c-u> 4 <enter>");
    assert_eq!(
        h.workbook.table.flatten()[index].1.entry.officer_score,
        Some(dec!(4))
    );
    assert_eq!(
        h.derived.scores.indicators[index].score, computed,
        "the rule's score stays"
    );
    assert!(
        differs(&h),
        "typed 4 beside the computed {computed}: warned"
    );
    // The unit answers the letter: the typed score set to the computed one.
    while selected_code(&h) != "B2.1" {
        keys(&mut h, "k");
    }
    keys(&mut h, &format!("<enter> <c-u> {computed} <enter>"));
    assert!(!differs(&h), "the warning clears");
}

//! Flow tests of issue 11: the officer shapes the workload and the scoring
//! table through keys, each change one undo step.

mod common;

use common::{Harness, app, app_at, keys, screen};
use jixiao::app::{Action, Mode, Pane};
use jixiao::core::Lang;
use jixiao::core::format::to_json;
use jixiao::core::model::{NotApplicableMode, RuleKind, ScoringTable};
use jixiao::core::newbook::blank_workbook;
use rust_decimal_macros::dec;

/// A workbench over a blank workbook: no table, no workload.
fn blank() -> (Harness, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("blank.json");
    let wb = blank_workbook("测试局", 2024, ScoringTable::default());
    std::fs::write(&path, to_json(&wb)).expect("write");
    (app_at(&path, Lang::Zh), dir)
}

fn undo_restores(h: &mut Harness, before: &jixiao::core::model::Workbook) {
    keys(h, "u");
    assert_eq!(&h.workbook, before, "one undo step restores it");
}

#[test]
fn workload_groups_items_and_parts_from_nothing() {
    let (mut h, _dir) = blank();
    keys(&mut h, "4");
    assert!(h.workbook.workload.is_empty());

    let before = h.workbook.clone();
    keys(&mut h, "a");
    assert_eq!(h.workbook.workload.len(), 1, "first group");
    undo_restores(&mut h, &before);
    keys(&mut h, "a r 办文办会 <enter>");
    assert_eq!(h.workbook.workload[0].name, "办文办会");

    // An item in the group, named, with its unit and a 余 count.
    let before = h.workbook.clone();
    keys(&mut h, "A");
    assert_eq!(h.workbook.workload[0].items.len(), 1);
    undo_restores(&mut h, &before);
    keys(
        &mut h,
        "A r 处理区委文件 <enter> U 份 <enter> e <c-u> 1500余 <enter>",
    );
    let item = &h.workbook.workload[0].items[0];
    assert_eq!(
        (item.name.as_str(), item.unit.as_str()),
        ("处理区委文件", "份")
    );
    assert_eq!((item.value, item.lower_bound), (dec!(1500), true));
    let before = h.workbook.clone();
    keys(&mut h, "~");
    assert!(!h.workbook.workload[0].items[0].lower_bound, "toggled");
    undo_restores(&mut h, &before);

    // Target and last year in the columns to the right.
    keys(&mut h, "l e 1400 <enter> l e 1300 <enter> h h");
    let item = &h.workbook.workload[0].items[0];
    assert_eq!(
        (item.target, item.last_year),
        (Some(dec!(1400)), Some(dec!(1300)))
    );

    // Parts with the sum check.
    keys(&mut h, "A r 会议 <enter> e 10 <enter>");
    keys(&mut h, "a r 活动 <enter> e 5 <enter>");
    assert_eq!(h.workbook.workload[0].items[0].parts.len(), 2);
    let shown = screen(&mut h, 120, 40);
    assert!(shown.contains("会议"), "{shown}");
    assert!(
        h.derived
            .warnings
            .iter()
            .any(|w| format!("{:?}", w.code).contains("Part")),
        "parts 15 ≠ 1500 is flagged: {:?}",
        h.derived
            .warnings
            .iter()
            .map(|w| w.code)
            .collect::<Vec<_>>()
    );

    // Rename a part, move it, delete it (no content: no question).
    keys(&mut h, "r <c-u> 调研 <enter>");
    assert_eq!(h.workbook.workload[0].items[0].parts[1].name, "调研");
    let before = h.workbook.clone();
    keys(&mut h, "K");
    assert_eq!(h.workbook.workload[0].items[0].parts[0].name, "调研");
    undo_restores(&mut h, &before);

    // A part holding a value asks first; Esc keeps it, y deletes.
    let before = h.workbook.clone();
    keys(&mut h, "D");
    assert!(matches!(h.mode, Mode::ConfirmDelete(_)));
    keys(&mut h, "<esc>");
    assert_eq!(h.workbook, before);
    keys(&mut h, "D y");
    assert_eq!(h.workbook.workload[0].items[0].parts.len(), 1);
    undo_restores(&mut h, &before);
}

#[test]
fn enter_on_a_group_folds_it() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "4 g");
    let rows = h.row_count(Pane::Workload);
    let items = h.workbook.workload[0]
        .items
        .iter()
        .map(|it| 1 + it.parts.len())
        .sum::<usize>();
    keys(&mut h, "<enter>");
    assert_eq!(h.row_count(Pane::Workload), rows - items, "folded");
    assert_eq!(h.workbook, h.saved, "folding is not an edit");
    keys(&mut h, "<enter>");
    assert_eq!(h.row_count(Pane::Workload), rows, "unfolded");
}

#[test]
fn groups_move_insert_and_delete_with_a_question() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "4 g");
    let first = h.workbook.workload[0].name.clone();
    let before = h.workbook.clone();
    keys(&mut h, "J");
    assert_eq!(h.workbook.workload[1].name, first);
    undo_restores(&mut h, &before);
    keys(&mut h, "g i");
    assert_eq!(h.workbook.workload.len(), before.workload.len() + 1);
    assert!(h.workbook.workload[0].name.is_empty(), "inserted before");
    undo_restores(&mut h, &before);
    keys(&mut h, "g D");
    assert!(
        matches!(h.mode, Mode::ConfirmDelete(_)),
        "a group with items asks"
    );
    keys(&mut h, "y");
    assert_eq!(h.workbook.workload.len(), before.workload.len() - 1);
    undo_restores(&mut h, &before);
}

#[test]
fn three_level_table_with_weights_rules_and_verification() {
    let (mut h, _dir) = blank();
    keys(&mut h, "3 a r 决策 <enter> w 20 <enter>");
    assert_eq!(h.workbook.table.indicators.len(), 1);
    let top = &h.workbook.table.indicators[0];
    assert_eq!((top.name.as_str(), top.weight), ("决策", dec!(20)));
    // The top-level sum is checked live.
    assert!(
        h.status
            .as_ref()
            .is_some_and(|s| s.text.contains("20 / 100")),
        "{:?}",
        h.status
    );

    let before = h.workbook.clone();
    keys(&mut h, "A");
    assert_eq!(h.workbook.table.indicators[0].children.len(), 1);
    undo_restores(&mut h, &before);
    keys(
        &mut h,
        "A r 目标设定 <enter> w 20 <enter> A r 绩效目标合理性 <enter> w 12 <enter>",
    );
    assert!(
        h.status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("12 / 20")),
        "{:?}",
        h.status
    );
    keys(&mut h, "a r 绩效指标明确性 <enter> w 8 <enter>");
    assert!(
        h.status
            .as_ref()
            .is_some_and(|s| !s.is_error || s.text.contains("20 / 100"))
    );
    keys(&mut h, "A");
    assert!(
        h.status.as_ref().is_some_and(|s| s.is_error),
        "no fourth level"
    );
    assert_eq!(h.workbook.table.flatten().len(), 4);
    move_and_set_rules(&mut h);
    verify_and_delete(&mut h);
}

/// On the three-level table: a leaf moved, a threshold rule and not-applicable set.
fn move_and_set_rules(h: &mut Harness) {
    // Move a leaf up and back.
    let before = h.workbook.clone();
    keys(h, "K");
    assert_eq!(
        h.workbook.table.indicators[0].children[0].children[0].name,
        "绩效指标明确性"
    );
    undo_restores(h, &before);

    // The rule form on the last leaf: threshold with its sentence as typed.
    keys(h, "G f");
    assert!(matches!(h.mode, Mode::RuleForm(_)));
    keys(h, "<right>");
    let Mode::RuleForm(form) = &h.mode else {
        panic!("form")
    };
    assert_eq!(form.spec().key, "threshold");
    assert!(form.sentence().is_err(), "no parameters yet");
    keys(h, "<down> <right> <down> 5 <down> 0.5");
    let Mode::RuleForm(form) = &h.mode else {
        panic!("form")
    };
    let sentence = form.sentence().expect("complete").zh;
    assert!(
        sentence.contains('5') && sentence.contains("扣完为止"),
        "{sentence}"
    );
    let shown = screen(h, 120, 40);
    assert!(shown.contains("扣完为止"), "the sentence shows: {shown}");
    let before = h.workbook.clone();
    keys(h, "<enter>");
    let rule = h.workbook.table.flatten()[3].1.rule.clone().expect("rule");
    assert!(matches!(rule.kind, RuleKind::Threshold { .. }));
    assert!(rule.metric.is_some(), "the first metric of the registry");
    // The report's sentence is the form's.
    let described = jixiao::core::engine::rules::describe_rule(&rule.kind, dec!(8)).zh;
    assert_eq!(described, sentence);
    undo_restores(h, &before);

    // Not applicable, rescaled: cycle the kind back to the last one.
    keys(h, "f");
    assert!(
        matches!(h.mode, Mode::RuleForm(_)),
        "{:?} {:?}",
        h.mode,
        h.status
    );
    keys(h, "<left> <down> <down> <space> <enter>");
    let rule = h.workbook.table.flatten()[3].1.rule.clone().expect("rule");
    assert_eq!(
        rule.kind,
        RuleKind::NotApplicable {
            mode: NotApplicableMode::Rescale
        }
    );
    keys(h, "f <down> <down> <space> <enter>");
    let rule = h.workbook.table.flatten()[3].1.rule.clone().expect("rule");
    assert_eq!(
        rule.kind,
        RuleKind::NotApplicable {
            mode: NotApplicableMode::FullMarks
        }
    );
}

/// The table verified with who and when; a parent deleted after asking.
fn verify_and_delete(h: &mut Harness) {
    // Verified, with who and when (the time comes from the run loop).
    let before = h.workbook.clone();
    h.app.update(Action::VerifyTable {
        at: "2024-03-01 09:30 UTC".into(),
    });
    keys(h, "王会计 <enter>");
    let table = &h.workbook.table;
    assert!(table.verified);
    assert_eq!(
        (table.verified_by.as_str(), table.verified_at.as_str()),
        ("王会计", "2024-03-01 09:30 UTC")
    );
    undo_restores(h, &before);

    // Deleting a parent asks first; undo restores the subtree.
    let before = h.workbook.clone();
    keys(h, "g D y");
    assert!(h.workbook.table.indicators.is_empty());
    undo_restores(h, &before);
}

#[test]
fn a_scored_leaf_asks_before_it_goes() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "3 g j j");
    let before = h.workbook.clone();
    keys(&mut h, "D");
    assert!(matches!(h.mode, Mode::ConfirmDelete(_)));
    keys(&mut h, "n");
    assert_eq!(h.workbook, before);
}

#[test]
fn a_table_edited_in_the_app_exports_and_imports_back() {
    use jixiao::interchange::import_path;
    use jixiao::interchange::table_export::to_csv;
    let (mut h, dir) = blank();
    keys(&mut h, "3 a r 决策 <enter> w 100 <enter>");
    keys(&mut h, "A r 目标 <enter> w 100 <enter>");
    keys(
        &mut h,
        "A r 目标合理 <enter> w 60 <enter> f <right> <down> <right> <down> 5 <down> 1 <enter>",
    );
    keys(&mut h, "a r 指标明确 <enter> w 40 <enter>");
    let table = h.workbook.table.clone();
    let path = dir.path().join("t.csv");
    std::fs::write(&path, to_csv(&table, Lang::Zh)).expect("csv");
    let imported = import_path(&path, None).expect("import").table;
    let strip = |t: &ScoringTable| -> Vec<String> {
        t.flatten()
            .iter()
            .map(|(d, i)| format!("{d} {} {} {} {:?}", i.code, i.name, i.weight, i.rule))
            .collect()
    };
    assert_eq!(strip(&imported), strip(&table));
}

//! Never losing work, driven through the app: external changes, save as,
//! failed saves, the recovery offer, and random keys that must not break it.

mod common;

use std::time::{Duration, Instant};

use common::{app, app_at, keys, screen};
use jixiao::app::{Mode, ModeKind};
use jixiao::core::Lang;
use jixiao::core::format::load;
use jixiao::core::model::FieldId;
use rust_decimal_macros::dec;

fn saved_field(path: &std::path::Path, field: FieldId) -> Option<rust_decimal::Decimal> {
    let text = std::fs::read_to_string(path).expect("file");
    field.get(&load(&text).expect("parses").workbook)
}

#[test]
fn external_change_asks_before_overwriting() {
    let (mut h, _dir, path) = app();
    keys(&mut h, "<c-s>");
    assert!(path.exists());
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 500 <enter>");

    // A colleague saves the same file meanwhile.
    let mut theirs = load(&std::fs::read_to_string(&path).expect("read"))
        .expect("load")
        .workbook;
    FieldId::ActualExpenditure.set(&mut theirs, Some(dec!(321)));
    std::fs::write(&path, jixiao::core::format::to_json(&theirs)).expect("their save");

    keys(&mut h, "<c-s>");
    assert!(matches!(h.mode, Mode::ConfirmExternal { .. }));
    assert!(screen(&mut h, 120, 40).contains("已被他人修改"));
    assert_eq!(
        saved_field(&path, FieldId::ActualExpenditure),
        Some(dec!(321)),
        "not overwritten"
    );
    keys(&mut h, "<esc>");
    assert_eq!(h.mode, Mode::Browse);
    assert!(h.dirty, "edits kept in memory");

    // Reload needs a second R; the edits stay one undo away.
    keys(&mut h, "<c-s> r");
    assert!(matches!(
        h.mode,
        Mode::ConfirmExternal {
            reload_armed: true,
            ..
        }
    ));
    keys(&mut h, "r");
    assert_eq!(FieldId::ActualExpenditure.get(&h.workbook), Some(dec!(321)));
    keys(&mut h, "u");
    assert_eq!(FieldId::ActualExpenditure.get(&h.workbook), Some(dec!(500)));

    // Overwrite keeps theirs as .bak.
    keys(&mut h, "<c-s>");
    let expect_bak = jixiao::store::backup_path(&path);
    assert!(
        matches!(h.mode, Mode::Browse),
        "after reload the stamp is fresh: saves at once"
    );
    assert_eq!(
        saved_field(&path, FieldId::ActualExpenditure),
        Some(dec!(500))
    );
    assert_eq!(
        saved_field(&expect_bak, FieldId::ActualExpenditure),
        Some(dec!(321))
    );
}

#[test]
fn save_as_after_a_failed_save() {
    let dir = tempfile::tempdir().expect("tmp");
    // A new workbook whose folder is then taken by a regular file: the save fails.
    let target = dir.path().join("sub").join("dept.json");
    let mut h = app_at(&target, Lang::Zh);
    std::fs::write(dir.path().join("sub"), "not a folder").expect("blocker");
    keys(
        &mut h,
        "/ 年度实际支出 <enter> <enter> <c-u> 500 <enter> <c-s>",
    );
    let status = h.status.clone().expect("status");
    assert!(
        status.is_error && status.text.contains("保存失败"),
        "{}",
        status.text
    );
    assert!(h.dirty, "edits kept");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("sub")).expect("blocker"),
        "not a folder"
    );

    let other = dir.path().join("另存.json");
    keys(&mut h, &format!("W <c-u> {} <enter>", other.display()));
    assert!(!h.dirty);
    assert_eq!(h.path, other);
    assert_eq!(
        saved_field(&other, FieldId::ActualExpenditure),
        Some(dec!(500))
    );
}

#[test]
fn recovery_is_offered_restored_and_removed() {
    let (mut h, _dir, path) = app();
    keys(
        &mut h,
        "<c-s> /  年度实际支出 <enter> <enter> <c-u> 432.10 <enter>",
    );
    // Not yet written: the debounce waits for a quiet moment.
    let recovery_dir = h.recovery_dir.path().to_path_buf();
    let count =
        || std::fs::read_dir(recovery_dir.join("recovery")).map_or(0, std::iter::Iterator::count);
    assert_eq!(count(), 0);
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(4));
    assert_eq!(count(), 1, "written a few seconds after the last edit");

    // The next session for the same file finds it (the first one "died").
    let journal = jixiao::store::Journal::new(recovery_dir.join("recovery"));
    let (session, app) =
        jixiao::term::session::Session::open(&path, Some(journal), Lang::Zh).expect("open");
    let mut next = common::Harness {
        app,
        session,
        recovery_dir: tempfile::tempdir().expect("tmp"),
    };
    assert_eq!(next.mode.kind(), ModeKind::RecoveryOffer);
    assert_eq!(
        FieldId::ActualExpenditure.get(&next.workbook),
        Some(dec!(588.55)),
        "saved file shown first"
    );
    keys(&mut next, "d");
    let shown = screen(&mut next, 120, 40);
    assert!(shown.contains("432.1"), "differences listed:\n{shown}");
    keys(&mut next, "r");
    assert_eq!(
        FieldId::ActualExpenditure.get(&next.workbook),
        Some(dec!(432.10))
    );
    assert!(next.dirty);
    keys(&mut next, "<c-s>");
    assert_eq!(count(), 0, "a clean save removes the recovery file");
}

#[test]
fn undoing_back_to_saved_drops_the_recovery() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 1 <enter>");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(4));
    let dir = h.recovery_dir.path().join("recovery");
    assert_eq!(
        std::fs::read_dir(&dir).map_or(0, std::iter::Iterator::count),
        1
    );
    keys(&mut h, "u");
    assert!(!h.dirty);
    assert_eq!(
        std::fs::read_dir(&dir).map_or(0, std::iter::Iterator::count),
        0
    );
}

#[test]
fn read_only_files_get_no_recovery_and_refuse_saving() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("future.json");
    let mut value: serde_json::Value =
        serde_json::from_str(jixiao::core::sample::SAMPLE_JSON).expect("json");
    value["version"] = serde_json::json!(2);
    std::fs::write(&path, serde_json::to_string(&value).expect("ser")).expect("write");
    let before = std::fs::read(&path).expect("read");
    let mut h = app_at(&path, Lang::Zh);
    assert!(h.read_only.is_some(), "newer version opens read-only");
    keys(&mut h, "2 j <enter> <c-s> W");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_mins(1));
    assert_eq!(std::fs::read(&path).expect("read"), before);
    assert!(!h.recovery_dir.path().join("recovery").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("e").file_name())
        .collect();
    assert_eq!(names.len(), 1, "nothing else written: {names:?}");
}

mod random_keys {
    use super::*;
    use jixiao::app::Action;
    use jixiao::core::engine::ScoreBasis;
    use proptest::prelude::*;

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::NextPane),
            Just(Action::PrevPane),
            (0usize..6).prop_map(Action::GoPane),
            Just(Action::Up),
            Just(Action::Down),
            Just(Action::Left),
            Just(Action::Right),
            Just(Action::PageDown),
            Just(Action::End),
            Just(Action::Home),
            Just(Action::Activate),
            Just(Action::Commit),
            Just(Action::Cancel),
            Just(Action::Undo),
            Just(Action::Redo),
            Just(Action::RevertToSaved),
            Just(Action::ClearInput),
            Just(Action::Backspace),
            Just(Action::SearchNext),
            prop::sample::select(vec![
                '0', '5', '9', '.', '-', 'a', '１', ',', ' ', '差', '9'
            ])
            .prop_map(Action::Input),
            (0u16..200, 0u16..60).prop_map(|(w, h)| Action::Resize(w, h)),
            (0usize..80).prop_map(Action::SelectRow),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever is pressed: no panic, total = sum of leaf scores, every
        /// score within 0..=weight, and undoing everything gives the loaded
        /// workbook back.
        #[test]
        fn invariants_hold(actions in prop::collection::vec(action(), 1..60)) {
            let dir = tempfile::tempdir().expect("tmp");
            let mut h = app_at(&dir.path().join("w.json"), Lang::Zh);
            let loaded = h.workbook.clone();
            for a in actions {
                let _ = h.app.update(a);
            }
            let _ = h.app.update(Action::Cancel);
            let d = &h.derived;
            let flat = h.workbook.table.flatten();
            let mut leaf_sum = rust_decimal::Decimal::ZERO;
            for ((_, ind), r) in flat.iter().zip(&d.scores.indicators) {
                prop_assert!(r.score >= rust_decimal::Decimal::ZERO && r.score <= ind.weight, "{} {}", ind.code, r.score);
                if r.basis != ScoreBasis::Subtotal {
                    leaf_sum += r.score;
                }
            }
            prop_assert_eq!(d.scores.raw_total, leaf_sum);
            for _ in 0..200 {
                let _ = h.app.update(Action::Undo);
            }
            prop_assert_eq!(&h.workbook, &loaded);
        }
    }
}

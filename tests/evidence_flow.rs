//! The 佐证材料清单 in the workbench, by keys: `E` on an indicator opens the
//! dialog over the workbook folder's files, typing filters (CJK names), Enter
//! asks title and pages and lists the file with its hash; the detail panel
//! shows it; Del removes it (one undo step); Enter on a listed file opens it
//! through the session's opener (a recorder here: no viewer is started);
//! a listed file changed on disk is warned in the checks pane.

mod common;

use std::path::PathBuf;
use std::sync::Mutex;

use common::{app_at, keys, screen};
use jixiao::app::{Mode, Pane};
use jixiao::core::Lang;
use jixiao::core::format::to_json;
use jixiao::core::sample::sample_workbook;

static OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn record(path: &std::path::Path) -> std::io::Result<()> {
    OPENED.lock().expect("lock").push(path.to_path_buf());
    Ok(())
}

#[test]
fn a_file_is_listed_shown_opened_and_removed_by_keys() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("教育局-2024.json");
    std::fs::write(&path, to_json(&sample_workbook())).expect("write");
    std::fs::create_dir(dir.path().join("佐证材料")).expect("mkdir");
    std::fs::write(dir.path().join("佐证材料/政府采购台账.pdf"), b"ledger").expect("write");
    std::fs::write(dir.path().join("佐证材料/预算批复.pdf"), b"budget").expect("write");
    let mut h = app_at(&path, Lang::Zh);
    h.session.opener = record;
    keys(&mut h, "3 <down>");
    let leaf = h.app.workbook.table.flatten()[1].1.clone();
    assert!(leaf.is_leaf());

    keys(&mut h, "E");
    let Mode::Evidence(dialog) = &h.app.mode else {
        panic!("the evidence dialog opens: {:?}", h.app.mode.kind());
    };
    // The workbook itself is not offered; the folder's files are.
    assert_eq!(
        dialog.files,
        ["佐证材料/政府采购台账.pdf", "佐证材料/预算批复.pdf"]
    );
    let shown = screen(&mut h.app, 100, 30);
    assert!(shown.contains("佐证材料清单"), "{shown}");
    assert!(shown.contains("佐证材料/预算批复.pdf"), "{shown}");

    // Typing filters; Enter asks the title (the file's name offered), then pages.
    keys(
        &mut h,
        "采购 <enter> <c-u> 2023年政府采购台账 <enter> 3 <enter>",
    );
    let files = &h.app.workbook.table.flatten()[1].1.entry.evidence_files;
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].path, "佐证材料/政府采购台账.pdf");
    assert_eq!(files[0].title, "2023年政府采购台账");
    assert_eq!(files[0].pages, "3");
    assert_eq!(files[0].sha256.len(), 64);
    assert!(h.app.dirty);

    // Enter on the listed file opens it through the session's opener.
    keys(&mut h, "<home>");
    let Mode::Evidence(dialog) = &mut h.app.mode else {
        panic!("still open")
    };
    dialog.cursor = 0;
    keys(&mut h, "<enter>");
    assert_eq!(
        OPENED.lock().expect("lock").as_slice(),
        [dir.path().join("佐证材料/政府采购台账.pdf")]
    );

    // Closed: the detail panel lists it with its state.
    keys(&mut h, "<esc>");
    assert_eq!(h.app.pane, Pane::Indicators);
    let shown = screen(&mut h.app, 160, 48);
    assert!(
        shown.contains("佐证材料清单：1. 2023年政府采购台账 · 佐证材料/政府采购台账.pd"),
        "{shown}"
    );
    assert!(shown.contains("f · 3 ✓"), "{shown}");

    // Saved, then the file changes on disk: the checks say so once looked at.
    keys(&mut h, "<c-s>");
    std::fs::write(dir.path().join("佐证材料/政府采购台账.pdf"), b"ledger v2").expect("write");
    h.session.check_evidence(&mut h.app);
    let changed: Vec<&str> = h
        .app
        .derived
        .warnings
        .iter()
        .filter(|w| w.code.key() == "evidence_file_changed")
        .map(|w| w.message.zh.as_str())
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].starts_with(&leaf.code), "{}", changed[0]);

    // Del removes it; u brings it back.
    keys(&mut h, "E");
    let Mode::Evidence(dialog) = &mut h.app.mode else {
        panic!("open again")
    };
    dialog.cursor = 0;
    keys(&mut h, "<del> <esc>");
    assert!(
        h.app.workbook.table.flatten()[1]
            .1
            .entry
            .evidence_files
            .is_empty()
    );
    keys(&mut h, "u");
    assert_eq!(
        h.app.workbook.table.flatten()[1]
            .1
            .entry
            .evidence_files
            .len(),
        1
    );
}

static REVIEWER_OPENED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn record_reviewer(path: &std::path::Path) -> std::io::Result<()> {
    REVIEWER_OPENED
        .lock()
        .expect("lock")
        .push(path.to_path_buf());
    Ok(())
}

/// Reviewer mode: the drill-in's detail lists the unit's evidence files, `E`
/// shows them (nothing can be added or removed), Enter asks the run loop to
/// open the file beside the unit's workbook (a recorder stands in for the viewer).
#[test]
fn the_reviewer_sees_the_list_and_opens_a_file() {
    use jixiao::app::review::{ReviewApp, ReviewEffect, Screen};
    use jixiao::review::session::ReviewSession;
    let dir = tempfile::tempdir().expect("dir");
    let units = dir.path().join("units");
    std::fs::create_dir_all(units.join("佐证")).expect("mkdir");
    std::fs::write(units.join("佐证/会议纪要.pdf"), b"minutes").expect("write");
    let mut wb = sample_workbook();
    wb.table.indicators[0].children[0].entry.evidence_files =
        vec![jixiao::core::model::EvidenceFile {
            path: "佐证/会议纪要.pdf".into(),
            title: "党组会议纪要".into(),
            pages: "2".into(),
            sha256: "00".repeat(32),
        }];
    std::fs::write(units.join("unit.json"), to_json(&wb)).expect("write");
    let mut app = ReviewApp::new(ReviewSession::open(std::slice::from_ref(&units)), Lang::Zh);
    app.update(jixiao::app::Action::Resize(160, 48));
    common::terminal::review_keys(&mut app, "<enter> 3 j");
    let shown = common::terminal::review_screen(&mut app, 160, 48);
    assert!(
        shown.contains("佐证材料清单：1. 党组会议纪要 · 佐证/会议纪要.pdf · 2"),
        "{shown}"
    );

    common::terminal::review_keys(&mut app, "E");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drilled in")
    };
    let Mode::Evidence(dialog) = &drill.mode else {
        panic!("dialog: {:?}", drill.mode.kind())
    };
    assert!(
        dialog.files.is_empty(),
        "a reviewer is offered nothing to add"
    );
    // Del is refused: the unit's file is not the reviewer's to change.
    common::terminal::review_keys(&mut app, "<del>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drilled in")
    };
    assert_eq!(
        drill.workbook.table.flatten()[1]
            .1
            .entry
            .evidence_files
            .len(),
        1
    );

    // Enter: the effect names the file beside the workbook; the recorder opens it.
    let enter = crossterm::event::Event::Key(common::terminal::key_events("<enter>")[0]);
    let action = jixiao::term::review_action_for_event(&app, &enter).expect("Enter");
    let effect = app.update(action);
    assert_eq!(
        effect,
        ReviewEffect::OpenFile(units.join("佐证/会议纪要.pdf"))
    );
    jixiao::term::perform_review_with(&mut app, &effect, record_reviewer);
    assert_eq!(
        REVIEWER_OPENED.lock().expect("lock").as_slice(),
        [units.join("佐证/会议纪要.pdf")]
    );
}

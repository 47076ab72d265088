//! The recovery journal driven through the app: written within a second of
//! an edit, the open editor's text kept as a draft, a failed write shown in
//! the header until one succeeds.

mod common;

use std::time::{Duration, Instant};

use common::{app, keys, screen};

fn recovery_texts(h: &common::Harness) -> Vec<String> {
    std::fs::read_dir(h.recovery_dir.path().join("recovery"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_committed_edit_is_written_within_a_second() {
    let (mut h, _dir, _path) = app();
    keys(
        &mut h,
        "/ 年度实际支出 <enter> <enter> <c-u> 432.10 <enter>",
    );
    let edited = Instant::now();
    h.session
        .after_update(&mut h.app, edited + Duration::from_millis(999));
    let texts = recovery_texts(&h);
    assert_eq!(texts.len(), 1, "written within a second");
    assert!(texts[0].contains("432.10"), "{}", texts[0]);
    assert!(
        texts[0].contains(&format!("\"pid\": {}", std::process::id())),
        "names its instance"
    );
    assert!(texts[0].contains("started_at_unix_ms"), "start time inside");
}

#[test]
fn steady_editing_still_writes_every_second() {
    let (mut h, _dir, _path) = app();
    let start = Instant::now();
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 1 <enter>");
    // Edits keep coming every 200 ms: the write still happens by 1 s.
    for step in 1..=5u64 {
        keys(&mut h, &format!("<enter> <c-u> {step} <enter>"));
        h.session
            .after_update(&mut h.app, start + Duration::from_millis(200 * step));
    }
    h.session
        .after_update(&mut h.app, start + Duration::from_millis(1100));
    assert_eq!(recovery_texts(&h).len(), 1);
}

#[test]
fn the_open_editors_text_is_kept_as_a_draft() {
    let (mut h, _dir, _path) = app();
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 777.77");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(2));
    let texts = recovery_texts(&h);
    assert_eq!(texts.len(), 1, "a draft alone is worth keeping");
    let doc: serde_json::Value = serde_json::from_str(&texts[0]).expect("json");
    assert_eq!(doc["draft"]["text"], "777.77");
    // The committed workbook is what is stored, not the live preview.
    assert!(!doc["workbook"].to_string().contains("777.77"));
}

#[test]
fn a_failed_recovery_write_shows_in_the_header_until_one_succeeds() {
    let (mut h, _dir, _path) = app();
    // The recovery folder cannot be made: a file stands in its place.
    let folder = h.recovery_dir.path().join("recovery");
    std::fs::write(&folder, b"in the way").expect("block");
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 1 <enter>");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(2));
    assert!(h.recovery_problem.is_some());
    let shown = screen(&mut h, 160, 40);
    assert!(shown.contains("恢复文件写入失败"), "{shown}");
    std::fs::remove_file(&folder).expect("unblock");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(10));
    assert_eq!(h.recovery_problem, None, "cleared by the next good write");
    assert!(!screen(&mut h, 160, 40).contains("恢复文件写入失败"));
}

#[test]
fn restoring_reopens_the_editor_holding_the_draft() {
    use jixiao::app::edit::EditTarget;
    use jixiao::app::{Action, Mode, RecoveryOffer};
    let (mut h, _dir, _path) = app();
    keys(&mut h, "/ 年度实际支出 <enter> <enter> <c-u> 777.77");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(2));
    let texts = recovery_texts(&h);
    let doc: serde_json::Value = serde_json::from_str(&texts[0]).expect("json");
    let target: EditTarget =
        serde_json::from_value(doc["draft"]["target"].clone()).expect("the draft names its field");
    // The session ends with the editor open; the next one offers the file.
    keys(&mut h, "<esc>");
    assert!(!matches!(h.app.mode, Mode::Edit(_)));
    let offer = RecoveryOffer {
        workbook: h.app.workbook.clone(),
        draft: Some((
            target,
            doc["draft"]["text"].as_str().expect("text").to_owned(),
        )),
        summary: jixiao::core::Bilingual::new("恢复".to_owned(), "restore".to_owned()),
        differences: Vec::new(),
        show_differences: false,
        scroll: 0,
    };
    h.app.update(Action::OfferRecovery(Box::new(offer)));
    keys(&mut h, "r");
    let Mode::Edit(editor) = &h.app.mode else {
        panic!("the editor is open again: {:?}", h.app.mode.kind());
    };
    assert_eq!(editor.target, target);
    assert_eq!(editor.buffer, "777.77");
    assert_eq!(editor.caret, 6);
    // Still a draft: committing is the officer's choice.
    assert!(h.app.draft().is_some());
    keys(&mut h, "<enter>");
    assert!(screen(&mut h, 160, 40).contains("777.77"));
}

/// The next session's workbench for the same file, as after a kill: it finds
/// the recovery file the first one wrote.
fn next_session(h: &common::Harness, path: &std::path::Path) -> common::Harness {
    let journal = jixiao::store::Journal::new(h.recovery_dir.path().join("recovery"));
    let (session, app) =
        jixiao::term::session::Session::open(path, Some(journal), jixiao::core::Lang::Zh)
            .expect("open");
    common::Harness {
        app,
        session,
        recovery_dir: tempfile::tempdir().expect("tmp"),
    }
}

/// Issue 23: a session that changed only texts (a narrative section, the team,
/// one deduction reason) is killed; the offer's differences name all three,
/// not "no differences".
#[test]
fn the_offer_lists_text_only_edits() {
    use jixiao::app::Mode;
    let (mut h, _dir, path) = app();
    keys(&mut h, "<c-s>");
    let saved = h.workbook.clone();
    keys(&mut h, "/ 存在问题 <enter> <enter> 台账尚不完整。 <enter>");
    keys(&mut h, "/ 评价工作组 <enter> <down> <enter> 甲 <enter>");
    keys(
        &mut h,
        "/ 效果性 <enter> <right> <enter> <c-u> 目标基本达成 <enter>",
    );
    assert_ne!(h.workbook.narrative.problems, saved.narrative.problems);
    assert_ne!(h.workbook.narrative.team, saved.narrative.team);
    assert_ne!(h.workbook.table, saved.table);
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(4));
    assert_eq!(recovery_texts(&h).len(), 1);

    let mut next = next_session(&h, &path);
    let Mode::RecoveryOffer(offer) = &next.mode else {
        panic!("offered: {:?}", next.mode.kind());
    };
    let differences = offer.differences.join("\n");
    for named in ["存在问题", "成员 ", "D3", "扣分原因"] {
        assert!(differences.contains(named), "{named} in:\n{differences}");
    }
    assert!(differences.contains("台账尚不完整"), "{differences}");
    assert!(differences.contains("目标基本达成"), "{differences}");
    keys(&mut next, "d");
    let shown = screen(&mut next, 120, 40);
    assert!(!shown.contains("与保存的文件没有差异"), "{shown}");
    assert!(shown.contains("存在问题"), "{shown}");
}

/// The draft of an editor left open is named as the pane names it, never
/// by the workbench's debug text (`Reason(12)`).
#[test]
fn a_draft_is_named_in_words() {
    let (mut h, _dir, path) = app();
    keys(&mut h, "<c-s>");
    keys(&mut h, "/ 效果性 <enter> <right> <enter> <c-u> 草稿");
    h.session
        .after_update(&mut h.app, Instant::now() + Duration::from_secs(4));
    let texts = recovery_texts(&h);
    let doc: serde_json::Value = serde_json::from_str(&texts[0]).expect("json");
    let field = doc["draft"]["field"].as_str().expect("field").to_owned();
    assert!(
        field.contains("D3") && field.contains("扣分原因"),
        "{field}"
    );
    let mut next = next_session(&h, &path);
    let shown = screen(&mut next, 160, 40);
    assert!(!shown.contains("Reason("), "{shown}");
    assert!(shown.contains("扣分原因"), "{shown}");
}

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

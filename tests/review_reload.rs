//! Reviewer mode reading files again: the drill-in reads its workbook anew
//! (the overview keeps only a summary) and refuses one that changed since
//! it was read; `r` reloads changed files, keeps the reviewer's entries and
//! names those that no longer fit, and shows files that became unreadable
//! as error rows. Driven through `ReviewApp::update`, effects carried out as
//! the run loop does.

use std::path::{Path, PathBuf};

use jixiao::app::Action;
use jixiao::app::review::{ReviewApp, Screen};
use jixiao::core::Lang;
use jixiao::review::session::ReviewSession;
use jixiao::review::view::flags_text;
use jixiao::review::{IndicatorNote, ReviewStatus};
use rust_decimal::Decimal;

#[path = "support/terminal.rs"]
mod terminal;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("reviews");
    jixiao::cli::synthetic::run(3, &path).expect("generate");
    std::fs::write(path.join("sample.json"), jixiao::core::sample::SAMPLE_JSON).expect("sample");
    (dir, path)
}

fn open(dir: &Path) -> ReviewApp {
    let mut app = ReviewApp::new(ReviewSession::open(&[dir.to_path_buf()]), Lang::Zh);
    app.update(Action::Resize(160, 48));
    app
}

fn row_of(app: &ReviewApp, file: &str) -> usize {
    app.session
        .rows()
        .iter()
        .position(|r| r.file_name == file)
        .expect(file)
}

/// Puts the cursor on `file`'s row.
fn select(app: &mut ReviewApp, file: &str) {
    let row = row_of(app, file);
    let at = app.view.iter().position(|r| *r == row).expect("in view");
    app.update(Action::SelectRow(at));
}

fn status_text(app: &ReviewApp) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The sample with D3 taken out of the table and another reported total.
fn sample_without_d3() -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(jixiao::core::sample::SAMPLE_JSON).expect("json");
    let tops = value["table"]["indicators"]
        .as_array_mut()
        .expect("indicators");
    let d = tops.iter_mut().find(|t| t["code"] == "D").expect("D");
    d["children"]
        .as_array_mut()
        .expect("children")
        .retain(|c| c["code"] != "D3");
    value["reported"]["total_score"] = serde_json::json!("90");
    serde_json::to_string_pretty(&value).expect("text")
}

/// A reviewed sample: status, overall comment, scores on A1 and D3, a comment on A1.
fn reviewed(dir: &Path) -> ReviewApp {
    let mut app = open(dir);
    let row = row_of(&app, "sample.json");
    let session = &mut app.session;
    session
        .set_status(row, ReviewStatus::InReview)
        .expect("status");
    session.set_comment(row, "请补充佐证").expect("comment");
    session.set_score(row, "A1", "4").expect("A1");
    session.set_score(row, "D3", "3").expect("D3");
    session
        .set_indicator_note(row, "A1", IndicatorNote::Comment, "目标不够细化")
        .expect("A1 comment");
    app
}

#[test]
fn nothing_changed_reloads_nothing() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    let before = app.session.rows().to_vec();
    terminal::review_keys(&mut app, "r");
    assert_eq!(app.session.rows(), before.as_slice());
    assert!(status_text(&app).contains("没有工作簿在读取后被修改"));
}

#[test]
fn a_file_changed_after_the_scan_is_flagged_not_shown() {
    let (_tmp, dir) = folder();
    let mut app = open(&dir);
    select(&mut app, "sample.json");
    terminal::review_keys(&mut app, "<enter>");
    assert!(
        matches!(app.screen, Screen::Drill { .. }),
        "unchanged opens"
    );
    terminal::review_keys(&mut app, "<esc>");
    std::fs::write(dir.join("sample.json"), sample_without_d3()).expect("change");
    terminal::review_keys(&mut app, "<enter>");
    assert!(
        matches!(app.screen, Screen::Overview),
        "the changed file is not shown as the one summarised"
    );
    assert!(
        status_text(&app).contains("按 r 重新读取"),
        "{}",
        status_text(&app)
    );
    let row = row_of(&app, "sample.json");
    assert!(app.session.rows()[row].changed_on_disk);
    assert!(flags_text(&app.session.rows()[row], Lang::Zh).contains("读取后文件已修改"));
    // The comparison reads again too, and refuses the same way.
    terminal::review_keys(&mut app, "m");
    assert!(app.marked.is_some());
    terminal::review_keys(&mut app, "d");
    assert!(matches!(app.screen, Screen::Overview));

    // After r the drill-in shows the new content.
    terminal::review_keys(&mut app, "r");
    assert!(!app.session.rows()[row].changed_on_disk);
    terminal::review_keys(&mut app, "<enter>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill-in after reload: {}", status_text(&app))
    };
    assert!(
        drill
            .workbook
            .table
            .flatten()
            .iter()
            .all(|(_, i)| i.code != "D3")
    );
}

#[test]
fn a_changed_workbook_reloads_and_keeps_the_review() {
    let (_tmp, dir) = folder();
    let mut app = reviewed(&dir);
    let row = row_of(&app, "sample.json");
    let rows_before = app.session.rows().len();
    std::fs::write(dir.join("sample.json"), sample_without_d3()).expect("change");
    terminal::review_keys(&mut app, "r");

    let shown = &app.session.rows()[row];
    assert_eq!(app.session.rows().len(), rows_before);
    assert_eq!(shown.reported_total, Some(Decimal::from(90)), "new figures");
    assert!(shown.review_stale, "flagged 审核后工作簿已修改");
    let review = app.session.review(row).expect("review kept");
    assert_eq!(review.status, ReviewStatus::InReview);
    assert_eq!(review.comment, "请补充佐证");
    assert_eq!(review.indicators["A1"].score, Some(Decimal::from(4)));
    assert_eq!(review.indicators["A1"].comment, "目标不够细化");
    // D3 no longer exists: listed, in the row's notes and the message.
    let flags = flags_text(shown, Lang::Zh);
    assert!(flags.contains("审核后工作簿已修改"), "{flags}");
    assert!(flags.contains("D3（指标已不存在）"), "{flags}");
    let said = status_text(&app);
    assert!(said.contains("已重新读取 1 份"), "{said}");
    assert!(
        said.contains("sample.json") && said.contains("D3"),
        "{said}"
    );
    // The review total counts A1's review score on the new table.
    assert!(shown.review_total.is_some());
    // The drill-in shows the reviewer's A1 score on the reloaded workbook.
    select(&mut app, "sample.json");
    terminal::review_keys(&mut app, "<enter>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill-in: {}", status_text(&app))
    };
    let a1 = drill
        .workbook
        .table
        .flatten()
        .into_iter()
        .find(|(_, i)| i.code == "A1")
        .map(|(_, i)| i.entry.reviewer_score);
    assert_eq!(a1, Some(Some(Decimal::from(4))));
}

#[test]
fn deleted_and_corrupted_files_become_error_rows() {
    let (_tmp, dir) = folder();
    let mut app = reviewed(&dir);
    let names: Vec<String> = app
        .session
        .rows()
        .iter()
        .map(|r| r.file_name.clone())
        .filter(|n| n != "sample.json")
        .collect();
    let (deleted, corrupted) = (&names[0], &names[1]);
    std::fs::remove_file(dir.join(deleted)).expect("delete");
    std::fs::write(
        dir.join(corrupted),
        "{\n  \"format\": \"jixiao-workbook\",\n  oops",
    )
    .expect("corrupt");
    std::fs::write(dir.join("sample.json"), "{ broken").expect("corrupt the reviewed one");
    terminal::review_keys(&mut app, "r");
    assert_eq!(app.session.rows().len(), 4, "no row disappears");
    let said = status_text(&app);
    assert!(
        said.contains("已重新读取 3 份") && said.contains("3 份无法打开"),
        "{said}"
    );

    let gone = &app.session.rows()[row_of(&app, deleted)];
    let error = gone.error.as_ref().expect("deleted: error row");
    assert!(
        error.message.zh.contains(deleted.as_str()),
        "{}",
        error.message.zh
    );
    let broken = &app.session.rows()[row_of(&app, corrupted)];
    let error = broken.error.as_ref().expect("corrupted: error row");
    assert_eq!((error.line, error.column), (Some(3), Some(3)));
    assert!(error.message.zh.contains(corrupted.as_str()));

    // The reviewed file is unreadable now: its review is kept, not lost.
    let sample = row_of(&app, "sample.json");
    assert!(app.session.rows()[sample].error.is_some());
    let review = app.session.review(sample).expect("review kept");
    assert_eq!(review.indicators["D3"].score, Some(Decimal::from(3)));
    // Enter on an error row says why instead of opening.
    select(&mut app, deleted);
    terminal::review_keys(&mut app, "<enter>");
    assert!(matches!(app.screen, Screen::Overview));

    // Restored: r brings the workbook back.
    std::fs::write(dir.join("sample.json"), jixiao::core::sample::SAMPLE_JSON).expect("restore");
    terminal::review_keys(&mut app, "r");
    let back = &app.session.rows()[sample];
    assert!(back.error.is_none());
    assert!(!back.review_stale, "the same bytes as reviewed");
    assert!(back.mismatched.is_empty());
}

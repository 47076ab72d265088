//! Reviewer mode driven by keys: sort, filter, drill in, review, export, and
//! not one byte of a department's workbook changed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jixiao::app::review::{ReviewApp, ReviewEffect, Screen};
use jixiao::app::{Action, Mode};
use jixiao::core::Lang;
use jixiao::core::engine::Grade;
use jixiao::review::session::ReviewSession;
use jixiao::review::view::Column;

#[path = "support/terminal.rs"]
mod terminal;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("reviews");
    jixiao::cli::synthetic::run(20, &path).expect("generate");
    std::fs::write(path.join("sample.json"), jixiao::core::sample::SAMPLE_JSON).expect("sample");
    std::fs::write(
        path.join("broken.json"),
        "{\"format\": \"jixiao-workbook\", oops",
    )
    .expect("broken");
    (dir, path)
}

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
        .filter(|e| e.file_name() != "jixiao-review.json")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn scripted_review_session_changes_no_workbook() {
    let (_tmp, dir) = folder();
    let before = snapshot(&dir);
    let mut app = ReviewApp::new(ReviewSession::open(std::slice::from_ref(&dir)), Lang::Zh);
    assert_eq!(app.session.rows().len(), 22);
    assert_eq!(
        app.session
            .rows()
            .iter()
            .filter(|r| r.error.is_some())
            .count(),
        1
    );
    let shown = terminal::review_screen(&mut app, 160, 45);
    assert!(shown.contains("22/22"), "{shown}");

    // Sort by the difference column, largest first.
    assert_eq!(app.columns[app.column], Column::Difference);
    terminal::review_keys(&mut app, "s");
    let first = app.selected_row().expect("row");
    let max = app
        .session
        .rows()
        .iter()
        .filter_map(|r| r.difference)
        .max()
        .expect("some difference");
    assert_eq!(app.session.rows()[first].difference, Some(max));

    // Drill in: editing the department's figures is refused, with the reason.
    terminal::review_keys(&mut app, "<enter>");
    assert!(matches!(app.screen, Screen::Drill { .. }));
    terminal::review_keys(&mut app, "2 <down> <enter>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill")
    };
    assert_eq!(drill.mode, Mode::Browse);
    assert!(
        drill
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("只读"))
    );
    // A review score on the first leaf (A1) of the indicator pane (Esc first:
    // keys typed right after a refused edit are not commands).
    terminal::review_keys(&mut app, "<esc> 3 <down> <enter> <c-u> 3.5 <enter>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill")
    };
    assert!(
        !drill.dirty,
        "review scores do not mark the department's file modified"
    );
    // Above the weight is refused.
    terminal::review_keys(&mut app, "<enter> <c-u> 99 <enter>");
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill")
    };
    assert!(
        matches!(drill.mode, Mode::Edit(_)),
        "bad score keeps the editor open"
    );
    terminal::review_keys(&mut app, "<esc> <esc>");
    assert!(matches!(app.screen, Screen::Overview));
    assert_eq!(app.selected_row(), Some(first), "selection kept");
    let review = app.session.review(first).expect("review recorded");
    assert_eq!(
        review
            .indicators
            .get("A1")
            .and_then(|r| r.score)
            .map(|d| d.to_string())
            .as_deref(),
        Some("3.5")
    );
    assert!(app.session.rows()[first].review_total.is_some());

    // Status, comment, save, export.
    terminal::review_keys(&mut app, "t / <esc>");
    terminal::review_keys(&mut app, "c 请补充佐证材料 <enter> <c-s>");
    assert!(!app.session.is_dirty());
    assert!(dir.join("jixiao-review.json").exists());
    terminal::review_keys(&mut app, "o <c-u>");
    let out = dir.join("overview.csv");
    terminal::review_keys(&mut app, &format!("{} <enter>", out.display()));
    let csv = std::fs::read(&out).expect("csv written");
    assert!(csv.starts_with(&[0xEF, 0xBB, 0xBF]), "UTF-8 with BOM");

    // The review round-trips through the review file.
    let again = ReviewSession::open(std::slice::from_ref(&dir));
    let row = again
        .rows()
        .iter()
        .position(|r| r.file_name == app.session.rows()[first].file_name)
        .expect("row");
    let review = again.review(row).expect("review");
    assert_eq!(review.comment, "请补充佐证材料");
    assert_eq!(
        review
            .indicators
            .get("A1")
            .and_then(|r| r.score)
            .map(|d| d.to_string())
            .as_deref(),
        Some("3.5")
    );

    // Reading again (reload, comparison, drill-in) only reads.
    terminal::review_keys(&mut app, "r m <down> d <esc> <enter> <esc>");
    assert!(matches!(app.screen, Screen::Overview));

    // Not one byte of any workbook changed.
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn filters_matrix_and_diff() {
    let (_tmp, dir) = folder();
    let mut app = ReviewApp::new(ReviewSession::open(&[dir]), Lang::Zh);
    terminal::review_keys(&mut app, "f");
    assert!(!app.view.is_empty());
    assert!(
        app.view
            .iter()
            .all(|&r| app.session.rows()[r].grade() == Some(Grade::Excellent))
    );
    terminal::review_keys(&mut app, "F / 霞山区委办公室 <enter>");
    assert!(!app.view.is_empty());
    assert!(
        app.view
            .iter()
            .all(|&r| app.session.rows()[r].search_text.contains("霞山区委办公室"))
    );
    terminal::review_keys(&mut app, "F");
    assert_eq!(app.view.len(), 22);

    terminal::review_keys(&mut app, "x");
    assert!(matches!(app.screen, Screen::Matrix { .. }));
    let shown = terminal::review_screen(&mut app, 120, 36);
    assert!(shown.contains("A3.1"), "{shown}");
    terminal::review_keys(&mut app, "<esc> m <down> d");
    assert!(matches!(app.screen, Screen::Diff { .. }));
    let shown = terminal::review_screen(&mut app, 120, 36);
    assert!(shown.contains("≠"), "{shown}");
    terminal::review_keys(&mut app, "<esc>");
    assert!(matches!(app.screen, Screen::Overview));

    // The selected column stays visible when scrolled far right.
    for _ in 0..40 {
        terminal::review_keys(&mut app, "<right>");
    }
    let label = app.columns[app.column].label(&app.session.overview, Lang::Zh);
    let shown = terminal::review_screen(&mut app, 100, 30);
    let head = jixiao::text::truncate(&label, 6);
    assert!(
        shown.contains(head.trim_end_matches('…')),
        "{label} not shown:\n{shown}"
    );
}

#[test]
fn quit_with_unsaved_reviews_asks_and_renders_at_all_sizes() {
    let (_tmp, dir) = folder();
    let mut app = ReviewApp::new(ReviewSession::open(&[dir]), Lang::Zh);
    terminal::review_keys(&mut app, "t");
    assert!(app.session.is_dirty());
    let effect = app.update(Action::Quit);
    assert_eq!(effect, ReviewEffect::None);
    terminal::review_keys(&mut app, "<esc>");
    assert!(!app.should_quit);
    for w in (1..=300).step_by(41) {
        for h in (1..=100).step_by(17) {
            let _ = terminal::review_screen(&mut app, w, h);
        }
    }
    terminal::review_keys(&mut app, "<enter>");
    for w in (1..=300).step_by(61) {
        for h in (1..=100).step_by(23) {
            let _ = terminal::review_screen(&mut app, w, h);
        }
    }
}

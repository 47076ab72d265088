//! Reviewer mode's drill-in, second round: the columns move the way the
//! arrows say, only the reviewer's columns take input, keys after a refused
//! edit are not commands, and the reviewer's total shows beside the officer's.

use std::path::PathBuf;

use jixiao::app::review::{ReviewApp, Screen};
use jixiao::app::{Action, App, EditTarget, Mode, Pane};
use jixiao::core::Lang;
use jixiao::review::session::ReviewSession;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/terminal.rs"]
mod terminal;

fn folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("reviews");
    std::fs::create_dir(&path).expect("dir");
    std::fs::write(path.join("sample.json"), jixiao::core::sample::SAMPLE_JSON).expect("sample");
    (dir, path)
}

fn drill(app: &ReviewApp) -> &App {
    match &app.screen {
        Screen::Drill { app, .. } => app,
        other => panic!("not drilled in: {other:?}"),
    }
}

/// Drilled into the sample, indicators pane, on its first leaf.
fn on_first_leaf() -> (tempfile::TempDir, ReviewApp) {
    let (tmp, dir) = folder();
    let mut app = ReviewApp::new(ReviewSession::open(&[dir]), Lang::Zh);
    app.update(Action::Resize(160, 48));
    terminal::review_keys(&mut app, "<enter> 3");
    for _ in 0..20 {
        let d = drill(&app);
        let rows = jixiao::app::rows::indicator_rows(&d.workbook, &d.folds.indicators);
        if rows
            .iter()
            .any(|r| r.index == d.selected() && !r.has_children)
        {
            return (tmp, app);
        }
        terminal::review_keys(&mut app, "j");
    }
    panic!("no leaf in the sample's table");
}

fn column(app: &ReviewApp) -> usize {
    drill(app).column[Pane::Indicators]
}

#[test]
fn columns_move_the_way_the_arrows_say() {
    let (_tmp, mut app) = on_first_leaf();
    // The reviewer's score (复核, the rightmost column) is selected first.
    assert_eq!(column(&app), 1);
    terminal::review_keys(&mut app, "l l l l");
    assert_eq!(column(&app), 1, "right stops at the last reviewer column");
    terminal::review_keys(&mut app, "h");
    assert_eq!(column(&app), 0, "left moves left, to 复核意见");
    terminal::review_keys(&mut app, "h h h");
    assert_eq!(column(&app), 0);
    terminal::review_keys(&mut app, "l");
    assert_eq!(column(&app), 1);
}

#[test]
fn every_column_opens_the_reviewers_editor() {
    let (_tmp, mut app) = on_first_leaf();
    terminal::review_keys(&mut app, "<enter>");
    assert!(
        matches!(&drill(&app).mode, Mode::Edit(e) if matches!(e.target, EditTarget::ReviewerScore(_))),
        "复核 opens the review score"
    );
    terminal::review_keys(&mut app, "<esc> h <enter>");
    assert!(
        matches!(&drill(&app).mode, Mode::Edit(e) if matches!(e.target, EditTarget::ReviewerComment(_))),
        "复核意见 opens the review comment"
    );
    terminal::review_keys(&mut app, "1 <enter>");
    assert_eq!(drill(&app).pane, Pane::Indicators, "typed into the comment");
}

#[test]
fn keys_after_a_refused_edit_are_not_commands() {
    let (_tmp, mut app) = on_first_leaf();
    // The budget pane belongs to the department: Enter is refused.
    terminal::review_keys(&mut app, "2");
    assert_eq!(drill(&app).pane, Pane::Budget);
    terminal::review_keys(&mut app, "j j <enter>");
    assert_eq!(drill(&app).mode, Mode::Browse);
    assert!(
        drill(&app).status.as_ref().is_some_and(|s| s.is_error),
        "{:?}",
        drill(&app).status
    );
    // What the reviewer types next was meant for an editor: "3" must not switch panes.
    terminal::review_keys(&mut app, "3q");
    assert_eq!(drill(&app).pane, Pane::Budget);
    assert!(matches!(app.screen, Screen::Drill { .. }));
    assert!(!app.should_quit);
    // Esc ends it; then keys are commands again, and Esc leaves the drill-in.
    terminal::review_keys(&mut app, "<esc> 3");
    assert_eq!(drill(&app).pane, Pane::Indicators);
}

#[test]
fn the_header_shows_the_reviewers_total_beside_the_officers() {
    let (_tmp, mut app) = on_first_leaf();
    assert_eq!(drill(&app).reviewer_total(), None);
    let officer = drill(&app).derived.scores.total;
    let index = drill(&app).selected();
    let weight = drill(&app).workbook.table.flatten()[index].1.weight;
    let result = drill(&app).derived.scores.indicators[index].score;
    // A review score one point below the officer's (or the weight).
    let lower = (result.min(weight) - rust_decimal::Decimal::ONE).max(rust_decimal::Decimal::ZERO);
    terminal::review_keys(&mut app, "<enter>");
    for c in lower.to_string().chars() {
        app.update(Action::Input(c));
    }
    terminal::review_keys(&mut app, "<enter>");
    let total = drill(&app).reviewer_total().expect("a review total");
    assert!(total < officer, "{total} < {officer}");
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    terminal
        .draw(|f| jixiao::ui::review::render(&app, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let header: String = (0..3)
        .flat_map(|y| (0..160).map(move |x| (x, y)))
        .map(|(x, y)| buffer[(x, y)].symbol().to_owned())
        .collect();
    let header = header.replace(' ', "");
    let shown = jixiao::core::num::round2(total).to_string();
    assert!(
        header.contains(&format!("复核{shown}")),
        "复核{shown} in {header}"
    );
}

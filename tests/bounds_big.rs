//! A large accepted workbook exports in time and memory that grow with it,
//! not faster: 20,000 indicators (a 5 MB file; a bureau's table has 30 to
//! 300) through docx, xlsx, Markdown and the CSV tables under the shared
//! memory limit (`prlimit --as`) and a time limit. The Word export held the
//! whole document as docx-rs values and one string: 650 MB for this file,
//! 3 GB for 100,000 indicators; it now writes the body a paragraph or table
//! row at a time (`export/docx/stream.rs`). Reviewer mode opens the matrix
//! and the drill-in of such a workbook within the time limit too.

#![cfg(unix)]

#[path = "support/limited.rs"]
mod limited;
#[path = "support/terminal.rs"]
mod terminal;

use std::path::Path;
use std::time::Duration;

use jixiao::core::format::to_json;
use jixiao::core::sample::sample_workbook;
use limited::{assert_no_panic, jixiao_limited};

/// Copies of the sample's table (29 indicators each): 20,010 indicators.
const COPIES: usize = 690;

/// A debug build takes about 10 s for the docx on one core; the limit
/// leaves room for a slow CI machine, not for a quadratic regression.
const TIME_LIMIT: Duration = Duration::from_secs(90);

fn big_workbook(dir: &Path) -> &'static str {
    let mut workbook = sample_workbook();
    jixiao::synth::scale_table(&mut workbook, COPIES);
    assert!(workbook.table.flatten().len() >= 20_000);
    std::fs::write(dir.join("big.json"), to_json(&workbook)).expect("write");
    "big.json"
}

fn export_within_limits(format: &str, out: &str) {
    let dir = tempfile::tempdir().expect("tmp");
    let file = big_workbook(dir.path());
    let args = ["export", file, "--format", format, "-o", out];
    let run = jixiao_limited(dir.path(), &args, TIME_LIMIT);
    assert_no_panic(&run, format);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{format}: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = dir.path().join(out);
    assert!(written.exists(), "{format}: nothing written");
}

#[test]
fn docx_of_twenty_thousand_indicators_within_the_limits() {
    export_within_limits("docx", "big.docx");
}

#[test]
fn xlsx_of_twenty_thousand_indicators_within_the_limits() {
    export_within_limits("xlsx", "big.xlsx");
}

#[test]
fn markdown_of_twenty_thousand_indicators_within_the_limits() {
    export_within_limits("md", "big.md");
}

#[test]
fn csv_tables_of_twenty_thousand_indicators_within_the_limits() {
    export_within_limits("csv", "tables");
}

/// The streamed document is the document: every leaf's row is there, the
/// scoring table's header repeats on each page, every paragraph id once.
#[test]
fn the_streamed_docx_holds_every_leaf_once() {
    let mut workbook = sample_workbook();
    jixiao::synth::scale_table(&mut workbook, 20);
    let derived = jixiao::core::engine::derive(&workbook);
    let bytes = jixiao::export::docx::to_bytes(
        &workbook,
        &derived,
        jixiao::core::Lang::Zh,
        jixiao::export::report::ReportOptions::default(),
    )
    .expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("document"),
        &mut xml,
    )
    .expect("utf-8");
    assert!(!xml.contains('\u{1}'), "no placeholder left");
    let last = workbook
        .table
        .flatten()
        .last()
        .expect("leaf")
        .1
        .name
        .clone();
    assert!(
        xml.contains(&last),
        "the last leaf {last} is in the document"
    );
    assert!(xml.contains("<w:tblHeader />"));
    let ids: Vec<&str> = xml
        .match_indices("w14:paraId=\"")
        .map(|(at, _)| &xml[at..at + 20])
        .collect();
    let unique: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every paragraph id once");
}

/// Fails the run (the whole test binary: a quadratic loop cannot be
/// stopped from outside its thread) when `work` takes longer than `limit`.
fn within<T>(limit: Duration, what: &str, work: impl FnOnce() -> T) -> T {
    let (done, wait) = std::sync::mpsc::channel::<()>();
    let what = what.to_owned();
    let watchdog = std::thread::spawn(move || {
        if wait.recv_timeout(limit).is_err() {
            eprintln!("{what}: still running after {limit:?}");
            std::process::exit(1);
        }
    });
    let out = work();
    let _ = done.send(());
    let _ = watchdog.join();
    out
}

/// Reviewer mode over the same workbook: the matrix (a search per cell
/// made it quadratic, 1–2 minutes for 100,000 indicators) and the drill-in
/// (an index walk per indicator, 3 minutes) open within the limit.
#[test]
fn the_reviewers_matrix_and_drill_in_of_twenty_thousand_indicators_within_the_limit() {
    use jixiao::app::review::{ReviewApp, Screen};
    use jixiao::review::session::ReviewSession;
    let dir = tempfile::tempdir().expect("tmp");
    big_workbook(dir.path());
    let folder = dir.path().to_path_buf();
    // About 10 s in a debug build; quadratic, the drill-in alone took minutes.
    within(
        Duration::from_secs(45),
        "reviewer over 20,010 indicators",
        move || {
            let mut app = ReviewApp::new(ReviewSession::open(&[folder]), jixiao::core::Lang::Zh);
            terminal::review_keys(&mut app, "x");
            assert!(
                matches!(app.screen, Screen::Matrix { .. }),
                "the matrix is open"
            );
            assert!(terminal::review_screen(&mut app, 160, 45).contains("A1"));
            terminal::review_keys(&mut app, "<esc> <enter>");
            assert!(
                matches!(app.screen, Screen::Drill { .. }),
                "the drill-in is open"
            );
            assert!(terminal::review_screen(&mut app, 160, 45).contains("霞山"));
        },
    );
}

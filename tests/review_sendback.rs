//! Sending back (退回) through the keys: a reason per unit and per indicator,
//! kept in the review file, the letter (Word and Markdown) and the bureau's
//! summary (汇总表) as documents to write — and not one byte of a
//! department's workbook changed.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::Pane;
use jixiao::app::review::{PromptKind, ReviewApp, ReviewEffect, ReviewMode, Screen};
use jixiao::core::Lang;
use jixiao::review::ReviewStatus;
use jixiao::review::reviews::ReviewFile;
use jixiao::review::session::ReviewSession;
use jixiao::term::{perform_review, review_action_for_event};

#[path = "support/terminal.rs"]
mod terminal;

fn folder(n: usize) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("units");
    jixiao::cli::synthetic::run(n, &path).expect("generate");
    (dir, path)
}

fn workbooks(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "jixiao-review.json")
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

/// Keys as the run loop maps them; every effect but documents is carried
/// out, and the documents are returned.
fn keys(app: &mut ReviewApp, script: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut documents = Vec::new();
    for token in script.split_whitespace() {
        for event in terminal::key_events(token) {
            let Some(action) = review_action_for_event(app, &Event::Key(event)) else {
                continue;
            };
            match app.update(action) {
                ReviewEffect::WriteDocument { path, bytes, .. } => documents.push((path, bytes)),
                effect => perform_review(app, &effect),
            }
        }
    }
    documents
}

fn document_xml(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("document part")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// Types `text` into an open prompt (spaces as Space keys).
fn type_text(app: &mut ReviewApp, text: &str) {
    for ch in text.chars() {
        let event = KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE);
        if let Some(action) = review_action_for_event(app, &Event::Key(event)) {
            let effect = app.update(action);
            perform_review(app, &effect);
        }
    }
}

#[test]
fn send_back_with_reasons_then_letter_and_summary() {
    use calamine::{Reader, Xlsx};
    let (_tmp, dir) = folder(6);
    let before = workbooks(&dir);
    let mut app = ReviewApp::new(ReviewSession::open(std::slice::from_ref(&dir)), Lang::Zh);
    let row = app.selected_row().expect("a row");

    // b asks for the unit's reason; Enter records it and sets 退回.
    keys(&mut app, "b");
    assert!(matches!(
        app.mode,
        ReviewMode::Prompt(PromptKind::Reason, _)
    ));
    assert!(terminal::review_screen(&mut app, 120, 30).contains("退回原因"));
    type_text(&mut app, "政府采购执行率缺少佐证");
    keys(&mut app, "<enter>");
    assert_eq!(app.mode, ReviewMode::Browse);
    let review = app.session.review(row).expect("review");
    assert_eq!(review.status, ReviewStatus::Returned);
    assert_eq!(review.reason, "政府采购执行率缺少佐证");
    let code = indicator_reason_in_the_drill_in(&mut app, row);

    // t onto 退回 asks for a reason at once; Esc keeps 退回 without one.
    keys(&mut app, "<down> t t t");
    assert!(matches!(
        app.mode,
        ReviewMode::Prompt(PromptKind::Reason, _)
    ));
    keys(&mut app, "<esc>");
    let second = app.selected_row().expect("row");
    assert_eq!(app.session.rows()[second].status, ReviewStatus::Returned);
    letters(&mut app, row, &code);

    // S: the summary of the rows in view, xlsx by default.
    let docs = keys(&mut app, "S <enter>");
    let (path, xlsx) = docs.first().expect("a summary");
    assert!(path.to_string_lossy().ends_with(".xlsx"));
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.clone())).expect("xlsx");
    let sheet = book.worksheet_range("审核汇总表").expect("sheet");
    assert!(
        sheet
            .get((0, 0))
            .map(ToString::to_string)
            .is_some_and(|t| t.ends_with("审核汇总表")),
        "the title block first"
    );
    assert_eq!(
        sheet.get((3, 1)).map(ToString::to_string).as_deref(),
        Some("单位")
    );

    // Saved: the reasons are in the review file; the workbooks untouched.
    keys(&mut app, "<c-s>");
    let (text, file) = saved_review_file(&dir);
    let saved: Vec<_> = file
        .workbooks
        .values()
        .filter(|r| !r.reason.is_empty())
        .collect();
    assert_eq!(saved.len(), 1);
    assert!(text.contains("\"reason\": \"依据不足1q\""), "{text}");
    assert_eq!(
        before,
        workbooks(&dir),
        "every workbook byte-for-byte unchanged"
    );
}

/// The drill-in's status line.
fn drill_status(app: &ReviewApp) -> String {
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("drill-in")
    };
    drill
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// In the drill-in, b on an indicator records its reason; returns its code.
fn indicator_reason_in_the_drill_in(app: &mut ReviewApp, row: usize) -> String {
    // In the drill-in, b on an indicator asks for that indicator's reason,
    // drawn over the drill-in's last lines.
    keys(app, "<enter>");
    let said = drill_status(app);
    assert!(
        said.contains("政府采购执行率缺少佐证"),
        "the reason on opening: {said}"
    );
    keys(app, "3 <down> <down>");
    assert!(matches!(&app.screen, Screen::Drill { app, .. } if app.pane == Pane::Indicators));
    keys(app, "b");
    assert!(matches!(
        app.mode,
        ReviewMode::Prompt(PromptKind::IndicatorReason, _)
    ));
    let shown = terminal::review_screen(app, 120, 30);
    assert!(shown.contains("指标退回原因"), "{shown}");
    type_text(app, "依据不足1q");
    keys(app, "<enter>");
    assert!(
        matches!(app.screen, Screen::Drill { .. }),
        "typed 1 and q did not run as keys"
    );
    let said = drill_status(app);
    assert!(said.ends_with("退回原因已记录"), "{said}");
    // Moving off and back onto the indicator shows its reason.
    keys(app, "k j");
    let said = drill_status(app);
    assert!(
        said.ends_with("依据不足1q"),
        "the reason under the cursor: {said}"
    );
    let review = app.session.review(row).expect("review");
    let (code, questioned) = review
        .indicators
        .iter()
        .find(|(_, r)| !r.reason.is_empty())
        .expect("an indicator reason");
    assert_eq!(questioned.reason, "依据不足1q");
    let code = code.clone();
    // b on another pane says where to go instead of opening a prompt.
    keys(app, "1 b");
    assert_eq!(app.mode, ReviewMode::Browse);
    let Screen::Drill { app: drill, .. } = &app.screen else {
        panic!("still in the drill-in")
    };
    assert!(
        drill
            .status
            .as_ref()
            .is_some_and(|s| s.is_error && s.text.contains("指标面板")),
        "the drill-in's own status line says where to go: {:?}",
        drill.status
    );
    keys(app, "<esc> <esc>");
    assert!(matches!(app.screen, Screen::Overview));
    code
}

/// L: the letter in Word and Markdown; a wrong extension and a unit not sent back refused.
fn letters(app: &mut ReviewApp, row: usize, code: &str) {
    // L on the first unit: the letter in Word, naming what it must.
    keys(app, "<esc>");
    app.selected = app.view.iter().position(|r| *r == row).expect("in view");
    let docs = keys(app, "L <enter>");
    let (path, docx) = docs.first().expect("a letter");
    assert!(
        path.to_string_lossy().ends_with(".docx"),
        "{}",
        path.display()
    );
    let kept = app.session.digest(row).expect("opened");
    let (unit, year) = (kept.unit.clone(), kept.year);
    let xml = document_xml(docx);
    for needle in [
        unit.as_str(),
        &format!("{year}年度"),
        code,
        "依据不足1q",
        "政府采购执行率缺少佐证",
        "下一步工作",
    ] {
        assert!(xml.contains(needle), "the letter names {needle}");
    }
    // And in Markdown, typed over the proposed name.
    let docs = keys(app, "L <c-u> letter.md <enter>");
    let md = String::from_utf8(docs[0].1.clone()).expect("utf-8");
    assert!(md.starts_with("# 关于退回"), "{md}");
    assert!(md.contains(&format!("| {code} |")), "{md}");
    // A wrong extension is refused in the prompt, nothing produced.
    let docs = keys(app, "L <c-u> letter.json <enter>");
    assert!(docs.is_empty());
    assert!(matches!(
        app.mode,
        ReviewMode::Prompt(PromptKind::ExportLetter, _)
    ));
    keys(app, "<esc>");

    // A unit not sent back has no letter.
    let third = app
        .view
        .iter()
        .position(|r| app.session.rows()[*r].status == ReviewStatus::Unreviewed)
        .expect("an unreviewed unit");
    app.selected = third;
    assert!(keys(app, "L <enter>").is_empty());
    keys(app, "<esc>");
}

#[test]
fn review_files_without_reasons_still_load() {
    let (_tmp, dir) = folder(2);
    let name = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "json")
        })
        .expect("a workbook");
    let older = format!(
        "{{\"format\":\"jixiao-review\",\"version\":1,\"workbooks\":{{\"{name}\":{{\"status\":\"returned\",\"comment\":\"旧意见\",\"indicators\":{{\"A1\":{{\"comment\":\"x\"}}}}}}}}}}"
    );
    std::fs::write(dir.join("jixiao-review.json"), older).expect("write");
    let session = ReviewSession::open(std::slice::from_ref(&dir));
    assert!(session.notes.is_empty(), "{:?}", session.notes);
    let row = session
        .entries
        .iter()
        .position(|e| e.file_name == name)
        .expect("row");
    let review = session.review(row).expect("review");
    assert_eq!(review.status, ReviewStatus::Returned);
    assert!(review.reason.is_empty());
    // A returned unit without a reason has no letter, and says so.
    let why = session
        .letter_bytes(row, Path::new("l.md"), Lang::Zh)
        .expect_err("no letter without a reason");
    assert!(why.zh.contains("没有退回原因"), "{why:?}");
}

/// Sends the selected unit back with `reason` (b, the reason, Enter).
fn send_back(app: &mut ReviewApp, reason: &str) {
    keys(app, "b");
    type_text(app, reason);
    keys(app, "<enter>");
}

/// The folder's review file as saved: its text and what it says.
fn saved_review_file(dir: &Path) -> (String, ReviewFile) {
    let text = std::fs::read_to_string(dir.join("jixiao-review.json")).expect("review file");
    let file = ReviewFile::parse(&text, "jixiao-review.json").expect("parse");
    (text, file)
}

/// `n` names the reviewer: the title shows it, every review file changed
/// records it (those changed before it was given too), and the send-back
/// letter is signed with it instead of the bureau's default.
#[test]
fn the_reviewers_name_goes_into_the_review_file_and_the_letter() {
    let (_tmp, dir) = folder(3);
    let mut app = ReviewApp::new(ReviewSession::open(std::slice::from_ref(&dir)), Lang::Zh);
    send_back(&mut app, "缺少佐证");
    let unsigned = keys(&mut app, "L <c-u> a.md <enter>");
    let unsigned = String::from_utf8(unsigned[0].1.clone()).expect("utf-8");
    assert!(unsigned.contains("\n财政局\n"), "{unsigned}");

    keys(&mut app, "n");
    assert!(matches!(
        app.mode,
        ReviewMode::Prompt(PromptKind::Reviewer, _)
    ));
    type_text(&mut app, "王审核");
    keys(&mut app, "<enter>");
    assert_eq!(app.mode, ReviewMode::Browse);
    assert!(terminal::review_screen(&mut app, 120, 30).contains("审核人: 王审核"));

    // The letter is the bureau's, never signed with a reviewer's name.
    let signed = keys(&mut app, "L <c-u> b.md <enter>");
    let signed = String::from_utf8(signed[0].1.clone()).expect("utf-8");
    assert!(!signed.contains("王审核"), "{signed}");

    // `B` sets the bureau, its 文号 pattern, contact and deadline in turn.
    keys(&mut app, "B <c-u>");
    type_text(&mut app, "湛江市霞山区财政局");
    keys(&mut app, "<enter> <c-u>");
    type_text(&mut app, "霞财绩〔{year}〕{n}号");
    keys(&mut app, "<enter> <c-u>");
    type_text(&mut app, "李科长 0759-2222222");
    keys(&mut app, "<enter> <c-u>");
    type_text(&mut app, "2026-12-31");
    keys(&mut app, "<enter>");
    assert_eq!(app.mode, ReviewMode::Browse);
    let sent = keys(&mut app, "L <c-u> c.md <enter>");
    let sent = String::from_utf8(sent[0].1.clone()).expect("utf-8");
    assert!(sent.contains("湛江市霞山区财政局"), "{sent}");
    assert!(sent.contains("〕1号"), "{sent}");
    assert!(sent.contains("李科长 0759-2222222"), "{sent}");
    assert!(sent.contains("请于2026年12月31日前"), "{sent}");

    keys(&mut app, "<c-s>");
    let (_, file) = saved_review_file(&dir);
    assert_eq!(file.reviewer, "王审核");
    assert_eq!(file.bureau.name, "湛江市霞山区财政局");
    assert_eq!(file.bureau.deadline, "2026-12-31");
}

/// `--reviewer` at the start signs the files changed later; opening alone
/// changes nothing, so quitting asks nothing.
#[test]
fn a_reviewer_given_at_the_start_signs_what_is_changed() {
    let (_tmp, dir) = folder(2);
    let mut session = ReviewSession::open(std::slice::from_ref(&dir));
    session.sign_as("  李四 ");
    assert!(
        !session.is_dirty(),
        "naming the reviewer alone changes no file"
    );
    let mut app = ReviewApp::new(session, Lang::Zh);
    keys(&mut app, "t <c-s>");
    let (_, file) = saved_review_file(&dir);
    assert_eq!(file.reviewer, "李四");
}

/// A unit sent back has a review total in the overview and the summary,
/// the one its letter states.
#[test]
fn a_unit_sent_back_shows_the_review_total_its_letter_states() {
    let (_tmp, dir) = folder(2);
    let mut app = ReviewApp::new(ReviewSession::open(std::slice::from_ref(&dir)), Lang::Zh);
    let row = app.selected_row().expect("a row");
    assert_eq!(
        app.session.rows()[row].review_total,
        None,
        "not reviewed yet"
    );
    send_back(&mut app, "缺少佐证");
    let total = app.session.rows()[row]
        .review_total
        .expect("a review total");
    let letter = keys(&mut app, "L <c-u> a.md <enter>");
    let letter = String::from_utf8(letter[0].1.clone()).expect("utf-8");
    let stated = format!("审核得分{}分", jixiao::core::num::fmt_score(total));
    assert!(letter.contains(&stated), "{stated} in {letter}");
}

/// The review file keeps each round: sent back on a date with its reasons,
/// then accepted; the accepted unit has no letter, and a second round's
/// letter states only that round's reasons.
#[test]
fn each_send_back_round_is_kept_and_letters_follow_the_status() {
    use jixiao::review::reviews::RoundEvent;
    let (_tmp, dir) = folder(2);
    let mut session = ReviewSession::open(std::slice::from_ref(&dir));
    session.today = "2026-12-01".into();
    let why = session
        .letter_bytes(0, Path::new("l.md"), Lang::Zh)
        .expect_err("no letter for a unit not sent back");
    assert!(why.zh.contains("未审"), "{why:?}");
    session.set_reason(0, "第一轮原因").expect("reason");
    session.today = "2026-12-05".into();
    session
        .set_status(0, ReviewStatus::Reviewed)
        .expect("accept");
    let review = session.review(0).expect("review");
    let events: Vec<RoundEvent> = review.rounds.iter().map(|r| r.event).collect();
    assert_eq!(events, vec![RoundEvent::Returned, RoundEvent::Accepted]);
    assert_eq!(review.rounds[0].date, "2026-12-01");
    assert_eq!(review.rounds[0].reason, "第一轮原因");
    assert!(
        review.reason.is_empty(),
        "the old reason stays in its round only"
    );
    assert!(
        session
            .letter_bytes(0, Path::new("l.md"), Lang::Zh)
            .is_err()
    );
    session.set_reason(0, "第二轮原因").expect("again");
    let md = session
        .letter_bytes(0, Path::new("l.md"), Lang::Zh)
        .expect("letter");
    let md = String::from_utf8(md).expect("utf-8");
    assert!(
        md.contains("第二轮原因") && !md.contains("第一轮原因"),
        "{md}"
    );
    assert_eq!(session.review(0).expect("review").rounds.len(), 3);
}

//! The smaller items of issue 22 (point 8), one test each: litter of killed
//! saves goes at the next open, commands do not promise an in-memory "save
//! as" after they exit, the header forgets a recovery failure once saved,
//! an unreadable review file is never reported saved, a review file with a
//! key twice is refused with line and column.

mod common;

use std::fs::{self, File};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use jixiao::app::Action;
use jixiao::app::review::ReviewApp;
use jixiao::core::Lang;
use jixiao::core::sample::SAMPLE_JSON;

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs")
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn temporary_files_of_killed_saves_go_when_the_workbook_is_next_opened() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = dir.path().join("wb.json");
    fs::write(&wb, SAMPLE_JSON).expect("workbook");
    // What 3 kills -9 during saves leave: temporary copies and a pending backup,
    // a few seconds old (not ten minutes).
    let seconds_ago = SystemTime::now() - Duration::from_secs(5);
    for name in [
        ".wb.json.a1.jixiao-tmp",
        ".wb.json.b2.jixiao-tmp",
        ".wb.json.bak.c3.jixiao-tmp",
    ] {
        let f = File::create(dir.path().join(name)).expect("litter");
        f.set_modified(seconds_ago).expect("age");
    }
    // A save running now in another process holds its lock: kept.
    let live = dir.path().join(".wb.json.d4.jixiao-tmp");
    let held = File::create(&live).expect("live");
    held.set_modified(seconds_ago).expect("age");
    held.lock().expect("lock");
    jixiao::store::open(&wb).expect("opens");
    assert_eq!(
        names(dir.path()),
        vec![
            ".wb.json.bak.c3.jixiao-tmp",
            ".wb.json.d4.jixiao-tmp",
            "wb.json"
        ],
        "the dead temporaries gone; a live save's files kept"
    );
    drop(held);
    wait_until_unlocked(&live);
    jixiao::store::open(&wb).expect("opens");
    assert_eq!(names(dir.path()), vec!["wb.json"]);
    // Reviewing never deletes anything in a department's folder.
    let f = File::create(dir.path().join(".wb.json.e5.jixiao-tmp")).expect("litter");
    f.set_modified(seconds_ago).expect("age");
    jixiao::store::open_for_review(&wb).expect("opens");
    assert_eq!(names(dir.path()).len(), 2);
}

/// Waits (at most 10 s) until no one holds `path`'s lock. A test on another
/// thread that spawns a process forks with every descriptor, ours included,
/// and its child keeps the lock until it execs: under load, after our drop.
fn wait_until_unlocked(path: &Path) {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let probe = File::open(path).expect("probe");
        if probe.try_lock().is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("{} stayed locked for 10 s", path.display());
}

#[test]
fn command_failures_do_not_promise_edits_in_memory() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("a-file"), "x").expect("file");
    // `new` into a "folder" that is a file.
    let out = jixiao(&["new", "a-file/wb.json"], dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("未写入"), "{err}");
    assert!(!err.contains("内存") && !err.contains("另存为"), "{err}");
    // `table apply` when the workbook's .bak cannot be kept.
    let wb = dir.path().join("wb.json");
    fs::write(&wb, SAMPLE_JSON).expect("workbook");
    let out = jixiao(&["table", "export", "wb.json", "-o", "t.csv"], dir.path());
    assert!(out.status.success());
    let out = jixiao(&["table", "import", "t.csv", "-o", "t.json"], dir.path());
    assert!(out.status.success());
    fs::create_dir(dir.path().join("wb.json.bak")).expect("a folder named .bak");
    for lang in ["zh", "en"] {
        let out = jixiao(
            &["--lang", lang, "table", "apply", "wb.json", "t.json"],
            dir.path(),
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(!err.contains("内存") && !err.contains("另存为"), "{err}");
        assert!(
            !err.contains("in memory") && !err.contains("Save as"),
            "{err}"
        );
    }
    assert_eq!(fs::read(&wb).expect("kept"), SAMPLE_JSON.as_bytes());
}

#[test]
fn a_successful_save_clears_the_recovery_failure_in_the_header() {
    let (mut h, _dir, _path) = common::app();
    h.app
        .update(Action::RecoveryWritten(Err("磁盘已满".to_owned())));
    let before = common::screen(&mut h.app, 120, 40);
    assert!(before.contains("恢复文件写入失败"), "{before}");
    common::keys(&mut h, "<c-s>");
    assert_eq!(h.app.recovery_problem, None);
    let after = common::screen(&mut h.app, 120, 40);
    assert!(!after.contains("恢复文件写入失败"), "{after}");
}

#[test]
fn an_unreadable_review_file_is_never_reported_saved() {
    let dir = tempfile::tempdir().expect("tmp");
    let units = dir.path().join("units");
    fs::create_dir(&units).expect("folder");
    fs::write(units.join("a.json"), SAMPLE_JSON).expect("workbook");
    let review = units.join("jixiao-review.json");
    fs::write(&review, "{ oops").expect("broken review file");
    let (session, _) = jixiao::review::session::ReviewSession::open_deferred(&[units]);
    let mut app = ReviewApp::new(session, Lang::Zh);
    let effect = app.update(Action::Save);
    jixiao::term::perform_review(&mut app, &effect);
    let status = app.status.clone().expect("a message");
    assert!(status.is_error, "{}", status.text);
    assert!(!status.text.contains("已保存"), "{}", status.text);
    assert!(status.text.contains("未保存"), "{}", status.text);
    assert_eq!(fs::read(&review).expect("kept"), b"{ oops");
}

#[test]
fn a_review_file_with_a_key_twice_is_refused_with_line_and_column() {
    let text = "{\n  \"format\": \"jixiao-review\",\n  \"version\": 1,\n  \"workbooks\": {\n    \"a.json\": {},\n    \"a.json\": {}\n  }\n}\n";
    let err = jixiao::review::reviews::ReviewFile::parse(text, "jixiao-review.json")
        .expect_err("duplicate key");
    assert!(err.zh.contains("第 6 行"), "{}", err.zh);
    assert!(err.en.contains("duplicate key \"a.json\""), "{}", err.en);
    // Each key once reads as before.
    let once = text.replace("    \"a.json\": {},\n", "");
    jixiao::review::reviews::ReviewFile::parse(&once, "jixiao-review.json").expect("reads");
}

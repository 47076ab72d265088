//! The recovery journal: write, find, remove; one file per workbook path;
//! never for read-only sessions; the data folder comes from `XDG_DATA_HOME`.

use std::fs;
#[cfg(unix)]
use std::path::Path;
#[cfg(target_os = "linux")]
use std::process::Command;
use std::time::{Duration, SystemTime};

use jixiao::core::model::FieldId;
use jixiao::core::sample::SAMPLE_JSON;
use jixiao::store::{EmergencyStash, FileStamp, Journal, RecoveryError, open, open_for_review};
use rust_decimal::Decimal;

#[test]
fn write_find_remove_round_trip() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let journal = Journal::new(data.path().join("recovery"));
    let path = work.path().join("报告.json");
    fs::write(&path, SAMPLE_JSON).expect("write");

    let opened = open(&path).expect("open");
    assert_eq!(journal.find_recovery(&path).expect("find"), None);
    let writer = journal.writer_for(&opened.document).expect("editable");
    let mut wb = opened.workbook.clone();
    FieldId::ALL[0].set(&mut wb, Some(Decimal::new(98765, 2)));
    let before = SystemTime::now() - Duration::from_secs(1);
    let file = writer
        .write_recovery(&opened.document.to_json(&wb))
        .expect("write");
    assert_eq!(file, writer.location());
    assert!(file.starts_with(journal.dir()));
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        SAMPLE_JSON,
        "the workbook file itself is untouched"
    );

    let found = journal.find_recovery(&path).expect("find").expect("found");
    assert_eq!(found.loaded.workbook, wb);
    assert_eq!(found.file, file);
    assert_eq!(
        found.workbook_path,
        jixiao::store::canonicalize(&path).expect("canon")
    );
    assert!(found.written_at >= before && found.written_at <= SystemTime::now());
    assert!(found.base_matches(opened.document.stamp()));
    let offer = found.describe(SystemTime::now());
    assert!(offer.zh.contains("恢复") && offer.zh.contains(&file.display().to_string()));
    assert!(offer.en.contains("restore"));

    // The same file reached by another spelling shares the recovery file.
    let other_spelling = work.path().join(".").join("报告.json");
    assert_eq!(journal.recovery_file(&other_spelling), file);

    assert!(journal.remove_recovery(&path).expect("remove"));
    assert_eq!(journal.find_recovery(&path).expect("find"), None);
    assert!(!writer.remove_recovery().expect("remove again"));
}

#[test]
fn a_save_after_the_recovery_is_visible_in_the_offer() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let journal = Journal::new(data.path());
    let path = work.path().join("wb.json");
    fs::write(&path, SAMPLE_JSON).expect("write");
    let opened = open(&path).expect("open");
    let writer = journal.writer_for(&opened.document).expect("editable");
    writer
        .write_recovery(&opened.document.to_json(&opened.workbook))
        .expect("write");
    let mut changed = opened.workbook.clone();
    FieldId::ALL[3].set(&mut changed, Some(Decimal::new(5, 0)));
    fs::write(&path, opened.document.to_json(&changed)).expect("someone saved");
    let found = journal.find_recovery(&path).expect("find").expect("found");
    let now = FileStamp::current(&path).expect("stamp");
    assert!(!found.base_matches(now.as_ref()));
}

#[test]
fn one_recovery_file_per_workbook_path() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let journal = Journal::new(data.path());
    let a = work.path().join("a").join("report.json");
    let b = work.path().join("b").join("report.json");
    assert_ne!(journal.recovery_file(&a), journal.recovery_file(&b));
    let doc_a = open(&a).expect("new a").document;
    let doc_b = open(&b).expect("new b").document;
    let wa = journal.writer_for(&doc_a).expect("a");
    let wb = journal.writer_for(&doc_b).expect("b");
    let mut book_b = jixiao::core::sample::sample_workbook();
    book_b.unit.name = "另一个单位".to_owned();
    wa.write_recovery(SAMPLE_JSON).expect("write a");
    wb.write_recovery(&doc_b.to_json(&book_b)).expect("write b");
    let found_a = journal.find_recovery(&a).expect("find").expect("a");
    let found_b = journal.find_recovery(&b).expect("find").expect("b");
    assert_eq!(
        found_a.loaded.workbook,
        jixiao::core::sample::sample_workbook()
    );
    assert_eq!(found_b.loaded.workbook, book_b);
    assert_eq!(found_a.base_sha256, None, "a new workbook had no file");
}

#[test]
fn read_only_sessions_get_no_writer() {
    let data = tempfile::tempdir().expect("data dir");
    let work = tempfile::tempdir().expect("work dir");
    let path = work.path().join("dept.json");
    fs::write(&path, SAMPLE_JSON).expect("write");
    let journal = Journal::new(data.path().join("recovery"));
    let review = open_for_review(&path).expect("review");
    assert!(journal.writer_for(&review.document).is_none());
    assert!(!journal.dir().exists(), "nothing created for review");
}

#[test]
fn a_damaged_recovery_file_is_reported_and_left_alone() {
    let data = tempfile::tempdir().expect("data dir");
    let journal = Journal::new(data.path());
    let path = data.path().join("wb.json");
    let file = journal.recovery_file(&path);
    fs::write(&file, b"{ half a recov").expect("write");
    let err = journal.find_recovery(&path).expect_err("damaged");
    assert!(matches!(err, RecoveryError::Corrupt { .. }), "{err:?}");
    assert!(err.describe().zh.contains("已损坏"));
    assert_eq!(fs::read(&file).expect("still there"), b"{ half a recov");
}

#[cfg(unix)]
#[test]
fn recovery_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().expect("data dir");
    let journal = Journal::new(data.path().join("recovery"));
    let doc = open(&data.path().join("wb.json")).expect("new").document;
    let file = journal
        .writer_for(&doc)
        .expect("writer")
        .write_recovery(SAMPLE_JSON)
        .expect("write");
    let mode = |p: &Path| fs::metadata(p).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode(&file), 0o600);
    assert_eq!(mode(journal.dir()), 0o700);
}

#[test]
fn the_emergency_stash_writes_what_was_staged() {
    let data = tempfile::tempdir().expect("data dir");
    let journal = Journal::new(data.path());
    let path = data.path().join("wb.json");
    let doc = open(&path).expect("new").document;
    let writer = journal.writer_for(&doc).expect("writer");
    let stash = EmergencyStash::new();
    assert!(stash.flush().is_none(), "nothing staged");
    let mut wb = jixiao::core::sample::sample_workbook();
    wb.unit.name = "崩溃前的修改".to_owned();
    stash.stage(&writer, doc.to_json(&wb));
    let written = stash.flush().expect("staged").expect("written");
    assert_eq!(written, writer.location());
    let found = journal.find_recovery(&path).expect("find").expect("found");
    assert_eq!(found.loaded.workbook.unit.name, "崩溃前的修改");
    stash.clear();
    assert!(stash.flush().is_none());
}

/// The default journal lives under `XDG_DATA_HOME`; set in a child process
/// only, so this test binary's environment is never changed.
#[cfg(target_os = "linux")]
#[test]
fn the_default_journal_follows_xdg_data_home() {
    let data = tempfile::tempdir().expect("data dir");
    let out = Command::new(std::env::current_exe().expect("exe"))
        .args(["--exact", "xdg_child", "--ignored", "--nocapture"])
        .env("XDG_DATA_HOME", data.path())
        .env("JIXIAO_XDG_CHILD", "1")
        .output()
        .expect("spawn");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RECOVERY_FILE="))
        .expect("child printed the file");
    let file = Path::new(line);
    assert!(
        file.starts_with(data.path().join("jixiao").join("recovery")),
        "{line}"
    );
    assert!(file.exists(), "written there");
}

#[test]
#[ignore = "child of the_default_journal_follows_xdg_data_home"]
fn xdg_child() {
    if std::env::var_os("JIXIAO_XDG_CHILD").is_none() {
        return;
    }
    let journal = Journal::in_data_dir().expect("a data dir");
    let work = tempfile::tempdir().expect("work");
    let doc = open(&work.path().join("wb.json")).expect("new").document;
    let file = journal
        .writer_for(&doc)
        .expect("writer")
        .write_recovery(SAMPLE_JSON)
        .expect("write");
    println!("RECOVERY_FILE={}", file.display());
}

//! Opening: bad files give errors naming file, line, column and what was
//! expected, and are never written; newer formats and review mode are
//! read-only; a missing file is the sample with nothing written.

use std::fs;
use std::path::Path;

use jixiao::core::format::LoadError;
use jixiao::core::sample::SAMPLE_JSON;
use jixiao::store::{
    Journal, OpenError, Origin, ReadOnlyReason, SaveFault, free_sibling, open, open_for_review,
};

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write");
    path
}

/// Opening a bad file gives the error; the file is byte-for-byte unchanged and
/// nothing else appears in its folder.
fn assert_refused(bytes: &[u8]) -> OpenError {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "bad.json", bytes);
    let err = open(&path).expect_err("must not open");
    assert_eq!(err.path(), path);
    assert_eq!(fs::read(&path).expect("read"), bytes);
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    let msg = err.describe();
    assert!(msg.en.contains("bad.json") && msg.en.contains("will not be overwritten"));
    assert!(msg.zh.contains("bad.json") && msg.zh.contains("不会被覆盖"));
    err
}

#[test]
fn a_syntax_error_names_line_and_column() {
    let text = SAMPLE_JSON.replacen("\"unit\": {", "\"unit\": {,", 1);
    let err = assert_refused(text.as_bytes());
    assert_eq!(err.position(), Some((4, 12)), "{err}");
    assert!(err.describe().zh.contains("第 4 行第 12 列"));
}

#[test]
fn a_wrong_value_names_line_column_and_what_was_expected() {
    let text = SAMPLE_JSON.replacen("\"fiscal_year\": 2023", "\"fiscal_year\": \"2023\"", 1);
    let err = assert_refused(text.as_bytes());
    let OpenError::Invalid { error, .. } = &err else {
        panic!("expected Invalid, got {err:?}");
    };
    assert!(matches!(error, LoadError::Invalid { .. }), "{error:?}");
    assert!(
        err.describe().en.contains("expected"),
        "{}",
        err.describe().en
    );
}

#[test]
fn not_utf8_names_the_position() {
    let mut bytes = b"{\n  \"format\": \"jixiao-workbook\",\n  \"x\": \"ab".to_vec();
    bytes.extend([0xff, 0xfe]);
    bytes.extend(b"\"\n}");
    let err = assert_refused(&bytes);
    assert!(matches!(err, OpenError::NotUtf8 { .. }), "{err:?}");
    assert_eq!(err.position(), Some((3, 11)));
}

#[test]
fn empty_truncated_and_foreign_files_are_refused() {
    assert_refused(b"");
    assert_refused(b"   \n");
    assert_refused(&SAMPLE_JSON.as_bytes()[..SAMPLE_JSON.len() / 2]);
    assert_refused(b"[1, 2, 3]");
    assert_refused(b"{\"format\": \"something-else\", \"version\": 1}");
    assert_refused(b"\0\0\0\0");
}

#[test]
fn a_folder_is_unreadable_not_a_new_workbook() {
    let dir = tempfile::tempdir().expect("tempdir");
    let err = open(dir.path()).expect_err("a folder");
    assert!(matches!(err, OpenError::Unreadable { .. }), "{err:?}");
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_refused_without_blocking() {
    let err = open(Path::new("/dev/zero")).expect_err("a device");
    assert!(matches!(err, OpenError::Unreadable { .. }), "{err:?}");
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let err = open(&fifo).expect_err("a fifo");
        assert!(err.describe().en.contains("not a regular file"), "{err}");
    } else {
        eprintln!("SKIPPED the FIFO half: no mkfifo here");
    }
}

#[test]
fn a_huge_file_is_refused_before_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("huge.json");
    let file = fs::File::create(&path).expect("create");
    file.set_len(jixiao::store::MAX_FILE_BYTES + 1)
        .expect("sparse");
    let err = open(&path).expect_err("too large");
    assert!(matches!(err, OpenError::TooLarge { .. }), "{err:?}");
    assert!(err.describe().zh.contains("文件过大"));
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(SAMPLE_JSON.as_bytes());
    let path = write(dir.path(), "bom.json", &bytes);
    let opened = open(&path).expect("opens");
    assert_eq!(opened.document.origin(), Origin::File);
}

#[test]
fn a_missing_file_is_the_sample_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sub").join("new.json");
    let opened = open(&path).expect("sample");
    assert_eq!(opened.document.origin(), Origin::NewFromSample);
    assert!(opened.document.stamp().is_none());
    assert!(opened.document.read_only().is_none());
    assert_eq!(opened.workbook, jixiao::core::sample::sample_workbook());
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 0);
}

#[test]
fn a_newer_version_opens_read_only_and_is_never_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut value: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("json");
    value["version"] = 2.into();
    value["new_in_v2"] = serde_json::json!([1, 2]);
    let text = serde_json::to_string_pretty(&value).expect("ser");
    let path = write(dir.path(), "v2.json", text.as_bytes());
    let opened = open(&path).expect("opens read-only");
    assert_eq!(
        opened.document.read_only(),
        Some(&ReadOnlyReason::NewerVersion {
            found: 2,
            supported: 1
        })
    );
    let notice = opened.document.read_only().expect("reason").describe(&path);
    assert!(notice.zh.contains("只读") && notice.en.contains("read-only"));
    assert_eq!(opened.workbook.version, 2);
    let journal = Journal::new(dir.path().join("recovery"));
    assert!(
        journal.writer_for(&opened.document).is_none(),
        "no recovery for read-only"
    );
    let mut doc = opened.document;
    let err = doc.save(&opened.workbook).expect_err("read-only");
    assert_eq!(err.fault, SaveFault::ReadOnlySession);
    let err = doc
        .save_as(&dir.path().join("elsewhere.json"), &opened.workbook, false)
        .expect_err("read-only");
    assert_eq!(err.fault, SaveFault::ReadOnlySession);
    assert_eq!(fs::read_to_string(&path).expect("read"), text);
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
}

#[test]
fn a_newer_version_this_build_cannot_read_is_refused_with_update_advice() {
    let text = r#"{"format": "jixiao-workbook", "version": 7, "everything": "different"}"#;
    let err = assert_refused(text.as_bytes());
    assert!(
        matches!(
            err,
            OpenError::Invalid {
                error: LoadError::NewerVersion { found: 7, .. },
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.describe().zh.contains("请升级"));
}

#[test]
fn review_mode_is_read_only_and_needs_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "dept.json", SAMPLE_JSON.as_bytes());
    let opened = open_for_review(&path).expect("opens");
    assert_eq!(opened.document.read_only(), Some(&ReadOnlyReason::Review));
    assert!(
        Journal::new(dir.path().join("r"))
            .writer_for(&opened.document)
            .is_none()
    );
    let reloaded = opened.document.reload().expect("reload");
    assert_eq!(reloaded.document.read_only(), Some(&ReadOnlyReason::Review));
    let mut doc = opened.document;
    assert_eq!(
        doc.save(&opened.workbook).expect_err("review").fault,
        SaveFault::ReadOnlySession
    );
    assert_eq!(fs::read_dir(dir.path()).expect("ls").count(), 1);
    let missing = open_for_review(&dir.path().join("missing.json")).expect_err("missing");
    assert!(missing.is_not_found());
}

#[test]
fn a_new_name_for_starting_over_from_the_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = write(dir.path(), "report.json", b"garbage");
    open(&bad).expect_err("bad");
    let fresh = free_sibling(&bad, "new");
    assert_eq!(fresh, dir.path().join("report.new.json"));
    let opened = open(&fresh).expect("sample");
    let mut doc = opened.document;
    doc.save(&opened.workbook).expect("save");
    assert_eq!(fs::read(&bad).expect("read"), b"garbage");
}

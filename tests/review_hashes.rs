//! Opening a folder for review holds back the SHA-256 of workbooks no
//! review file names, for after the first frame: the hashes that come later
//! are those of the very bytes summarised, the ones the first frame needs
//! (a reviewed workbook changed since) are taken at once, and a budget
//! bounds the bytes held.

use std::path::{Path, PathBuf};

use jixiao::review::ReviewStatus;
use jixiao::review::scan::{Deferral, load_all_deferring, sha256_hex};
use jixiao::review::session::ReviewSession;

fn folder(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("units");
    jixiao::cli::synthetic::run(n, &dir).expect("generate");
    (tmp, dir)
}

fn hash_of(path: &Path) -> String {
    sha256_hex(&std::fs::read(path).expect("read"))
}

/// Marks row `row` reviewed and saves the folder's review file.
fn review_and_save(dir: &Path, row: usize) -> ReviewSession {
    let mut session = ReviewSession::open(&[dir.to_path_buf()]);
    session
        .set_status(row, ReviewStatus::Reviewed)
        .expect("status");
    session.save().expect("save");
    session
}

#[test]
fn held_back_hashes_come_after_and_are_those_of_the_files() {
    let (_tmp, dir) = folder(4);
    // One workbook reviewed and saved: the review file names it.
    review_and_save(&dir, 1);

    let (mut session, pending) = ReviewSession::open_deferred(std::slice::from_ref(&dir));
    let named = &session.entries[1];
    assert_eq!(named.sha256, Some(hash_of(&named.path)), "hashed at once");
    for (i, entry) in session.entries.iter().enumerate() {
        if i != 1 {
            assert_eq!(entry.sha256, None, "{} waits", entry.file_name);
        }
    }
    assert_eq!(pending.len(), 3);
    // The rows are all there meanwhile.
    assert_eq!(session.rows().len(), 4);
    assert!(session.rows().iter().all(|r| r.error.is_none()));

    session.hashed(pending.finish());
    for entry in &session.entries {
        assert_eq!(
            entry.sha256,
            Some(hash_of(&entry.path)),
            "{}",
            entry.file_name
        );
    }
}

#[test]
fn a_reviewed_workbook_changed_since_is_flagged_on_the_first_frame() {
    let (_tmp, dir) = folder(3);
    let session = review_and_save(&dir, 0);
    let changed = session.entries[0].path.clone();
    let mut text = std::fs::read_to_string(&changed).expect("read");
    text.push('\n');
    std::fs::write(&changed, text).expect("write");

    let (session, _pending) = ReviewSession::open_deferred(std::slice::from_ref(&dir));
    assert!(
        session.rows()[0].review_stale,
        "flagged before any hash waits"
    );
    assert!(!session.rows()[1].review_stale);
}

#[test]
fn past_the_budget_a_file_is_hashed_at_once() {
    let (_tmp, dir) = folder(3);
    let (files, _) = jixiao::review::scan::expand(std::slice::from_ref(&dir));
    let jobs = jixiao::review::scan::jobs(&files);
    let never = |_: &Path, _: &str| false;
    let first_len =
        usize::try_from(std::fs::metadata(&files[0]).expect("meta").len()).expect("size");

    let none = Deferral::new(&never, 0);
    let (entries, pending) = load_all_deferring(&jobs, &none);
    assert!(pending.is_empty());
    assert!(entries.iter().all(|e| e.sha256.is_some()));

    // Room for one file of this size: at most one is held.
    let one = Deferral::new(&never, first_len);
    let (entries, pending) = load_all_deferring(&jobs, &one);
    assert!(
        !pending.is_empty() && pending.len() <= 2,
        "{}",
        pending.len()
    );
    let waiting = entries.iter().filter(|e| e.sha256.is_none()).count();
    assert_eq!(waiting, pending.len());
}

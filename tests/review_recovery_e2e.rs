//! Reviewer mode keeps unsaved work through a crash: a send-back reason typed
//! in `jixiao review DIR`, the process killed with SIGKILL before Ctrl-S; the
//! next `jixiao review DIR` takes the reason back as an unsaved entry, Ctrl-S
//! saves it, and the recovery file is gone.

#![cfg(unix)]

use std::path::Path;
use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

fn review_recoveries(home: &Path) -> Vec<String> {
    std::fs::read_dir(home.join("jixiao").join("recovery"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with("review-"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_killed_reviewer_loses_no_entry() {
    let home = tempfile::tempdir().expect("tmp");
    let units = home.path().join("units");
    jixiao::cli::synthetic::run(5, &units).expect("generate");
    let mut s = Session::start(&["review", "units"], home.path());
    s.wait_for("5/5");
    s.send(b"b");
    s.wait_for("退回原因");
    s.send("佐证材料不全".as_bytes());
    s.send(b"\r");
    s.wait_for("退回原因已记录");
    // The recovery file follows the change within a second.
    let deadline = Instant::now() + Duration::from_secs(5);
    while review_recoveries(home.path()).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        review_recoveries(home.path()).len(),
        1,
        "written before any save"
    );
    let pid = s.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let _ = s.child.wait();
    assert!(
        !units.join("jixiao-review.json").exists(),
        "nothing was saved"
    );

    let mut again = Session::start(&["review", "units"], home.path());
    again.wait_for("已恢复上次未保存的审核记录");
    again.send(b"\x13");
    again.wait_for("审核记录已保存");
    again.send(b"q");
    assert!(again.wait_exit(), "jixiao review quits");
    let review = std::fs::read_to_string(units.join("jixiao-review.json")).expect("review file");
    assert!(review.contains("\"reason\": \"佐证材料不全\""), "{review}");
    assert!(
        review_recoveries(home.path()).is_empty(),
        "recovery files removed: {:?}",
        review_recoveries(home.path())
    );
}

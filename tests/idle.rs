//! The workbench asleep: while nothing is pending (no input, no unsaved edit
//! waiting for its recovery write) no thread of the process wakes at all.
//! Counted as voluntary context switches in /proc, so Linux only.
#![cfg(target_os = "linux")]

use std::time::{Duration, Instant};

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

/// Voluntary context switches of every thread of `pid`.
fn wakeups(pid: u32) -> u64 {
    let tasks = std::fs::read_dir(format!("/proc/{pid}/task")).expect("tasks");
    tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("status")).ok())
        .filter_map(|status| {
            status
                .lines()
                .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
                .and_then(|n| n.trim().parse::<u64>().ok())
        })
        .sum()
}

/// Waits until the screen has not changed and the process has not woken for
/// `quiet` (what it was still doing — a frame, a recovery write — is done),
/// then counts the wake-ups over `span`.
fn wakeups_while_idle(s: &Session, pid: u32, quiet: Duration, span: Duration) -> u64 {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut seen = (s.raw_output().len(), wakeups(pid));
    let mut since = Instant::now();
    while since.elapsed() < quiet {
        assert!(Instant::now() < deadline, "the workbench never settled");
        std::thread::sleep(Duration::from_millis(20));
        let now = (s.raw_output().len(), wakeups(pid));
        if now != seen {
            (seen, since) = (now, Instant::now());
        }
    }
    std::thread::sleep(span);
    let after = wakeups(pid);
    assert_eq!(s.raw_output().len(), seen.0, "nothing was drawn meanwhile");
    after - seen.1
}

fn recovery_files(data_home: &std::path::Path) -> usize {
    std::fs::read_dir(data_home.join("jixiao").join("recovery"))
        .map_or(0, std::iter::Iterator::count)
}

#[test]
fn no_wakeups_while_idle_before_and_after_an_edit() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut s = Session::start(&[], dir.path());
    s.wait_for("总分");
    let pid = s.child.process_id().expect("pid");
    let idle = wakeups_while_idle(&s, pid, Duration::from_millis(400), Duration::from_secs(2));
    assert_eq!(idle, 0, "wake-ups in 2 s idle with nothing unsaved");

    // An unsaved edit: the recovery is written shortly after, and then
    // nothing is pending again, so the timer is gone too.
    s.send(b"2");
    s.send(b"j");
    s.send(b"e");
    s.send(b"\x15");
    s.send(b"600\r");
    s.wait_for("已修改");
    let deadline = Instant::now() + Duration::from_secs(10);
    while recovery_files(dir.path()) == 0 {
        assert!(Instant::now() < deadline, "no recovery file written");
        std::thread::sleep(Duration::from_millis(50));
    }
    let idle = wakeups_while_idle(&s, pid, Duration::from_millis(400), Duration::from_secs(2));
    assert_eq!(idle, 0, "wake-ups in 2 s idle once the recovery is written");

    // Still awake to input and to signals.
    s.send(b"q");
    s.wait_for("未保存的修改");
    s.send(b"d");
    assert!(s.wait_exit(), "clean exit");
}

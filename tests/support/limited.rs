//! The binary run under a memory limit (`prlimit --as`) and a time limit, so
//! a hostile file that makes it allocate or loop fails the test instead of
//! taking the machine or hanging CI.
#![allow(dead_code)] // each test file uses a part

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Address space allowed to the binary: the debug build needs about 30 MB
/// for the sample; a dense sheet or a zip bomb needs gigabytes.
pub const MEMORY_LIMIT: u64 = 512 * 1024 * 1024;

/// Runs `jixiao ARGS` in `dir` under `MEMORY_LIMIT` and `limit`, output to files.
pub fn jixiao_limited(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={MEMORY_LIMIT}"))
        .arg(env!("CARGO_BIN_EXE_jixiao"));
    run_within(command, dir, args, limit)
}

/// Runs `command ARGS` in `dir`; it must finish within `limit` (killed and
/// the test failed otherwise). Output goes to files, not pipes: a full pipe
/// would stall the child.
pub fn run_within(mut command: Command, dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut stdout = tempfile::tempfile().expect("tmp");
    let mut stderr = tempfile::tempfile().expect("tmp");
    let mut child = command
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(stdout.try_clone().expect("dup"))
        .stderr(stderr.try_clone().expect("dup"))
        .spawn()
        .expect("the command starts (prlimit comes with util-linux)");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("jixiao {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = child.wait().expect("status");
    let read = |file: &mut std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        file.rewind().expect("rewind");
        file.read_to_end(&mut bytes).expect("read");
        bytes
    };
    Output {
        status,
        stdout: read(&mut stdout),
        stderr: read(&mut stderr),
    }
}

/// The run ended by itself (no signal, no panic exit code 101) and said nothing of a panic.
pub fn assert_no_panic(out: &Output, what: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.code().is_some_and(|c| c != 101) && !stderr.contains("panicked"),
        "{what}: {:?}: {stderr}",
        out.status
    );
}

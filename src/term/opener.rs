//! Opening a file with the system's viewer (an evidence PDF, a scan):
//! `xdg-open` on Linux, `open` on macOS, `cmd /c start` on Windows. The run
//! loops hold the opener as a plain function so tests put a recorder in its
//! place and never start a viewer.

use std::io;
use std::path::Path;
use std::process::{Command, Stdio};

/// Opens a file; returns once the viewer is started (not when it closes).
pub type Opener = fn(&Path) -> io::Result<()>;

/// The system's viewer, started detached, its output discarded (it must not
/// write over the terminal's screen).
///
/// # Errors
/// When the viewer program cannot be started.
pub fn system(path: &Path) -> io::Result<()> {
    let mut command = viewer(path);
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
}

#[cfg(windows)]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("cmd");
    // The empty title: `start` takes a first quoted argument as the window's title.
    command.args(["/c", "start", ""]).arg(path);
    command
}

#[cfg(target_os = "macos")]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("open");
    command.arg(path);
    command
}

#[cfg(not(any(windows, target_os = "macos")))]
fn viewer(path: &Path) -> Command {
    let mut command = Command::new("xdg-open");
    command.arg(path);
    command
}

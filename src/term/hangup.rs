//! Noticing that the terminal is gone (a closed window, a killed tmux).
//!
//! crossterm 0.29's reader loops forever when the terminal reads as
//! end-of-file, so the run loop asks poll(2) first: a hung-up terminal reports
//! POLLHUP at once, and the loop can flush the recovery file and leave.

/// Waits up to `timeout` for input on the terminal. Returns whether input
/// may be there; fails when the terminal has hung up.
///
/// # Errors
/// `BrokenPipe` when the terminal is gone.
#[cfg(unix)]
pub fn wait_for_input(timeout: std::time::Duration) -> std::io::Result<bool> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;

    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let wait = Timespec {
        tv_sec: i64::try_from(timeout.as_secs()).unwrap_or(1),
        tv_nsec: i64::from(timeout.subsec_nanos()),
    };
    match poll(&mut fds, Some(&wait)) {
        Ok(_) => {
            let revents = fds[0].revents();
            if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Err(std::io::Error::new(
                    std::io::ErrorKind::BrokenPipe,
                    "the terminal was closed",
                ))
            } else {
                Ok(revents.contains(PollFlags::IN))
            }
        }
        // Interrupted by a signal (a resize, SIGTERM): let the loop look.
        Err(_) => Ok(false),
    }
}

/// Elsewhere crossterm waits itself; the terminal's own errors end the loop.
///
/// # Errors
/// Never.
#[cfg(not(unix))]
pub fn wait_for_input(timeout: std::time::Duration) -> std::io::Result<bool> {
    crossterm::event::poll(timeout)
}

/// One event if one is ready: waits (hang-up aware) up to `timeout`, then
/// asks crossterm without blocking (it also reports resizes).
///
/// # Errors
/// The terminal failed or was closed.
pub fn next_event(
    timeout: std::time::Duration,
) -> std::io::Result<Option<crossterm::event::Event>> {
    let _ = wait_for_input(timeout)?;
    if crossterm::event::poll(std::time::Duration::ZERO)? {
        crossterm::event::read().map(Some)
    } else {
        Ok(None)
    }
}

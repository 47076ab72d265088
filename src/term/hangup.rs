//! Noticing that the terminal is gone (a closed window, a killed tmux), and
//! taking every event that is ready in one go.
//!
//! crossterm 0.29's reader loops forever when the terminal reads as
//! end-of-file, so the run loop asks poll(2) first: a hung-up terminal reports
//! POLLHUP at once, and the loop can flush the recovery file and leave.
//! crossterm reads the terminal in large chunks and keeps what it parsed, so
//! the events it already holds are taken before poll(2) waits on the
//! terminal: otherwise 20 keys sent in one write would be handled one per
//! wait.

use std::time::Duration;

use crossterm::event::Event;

use super::wake::Wakeups;

/// What poll(2) saw on the terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Nothing arrived within the timeout (or a signal interrupted the wait).
    Quiet,
    /// Bytes are waiting.
    Ready,
    /// The terminal was closed.
    HungUp,
}

/// Waits for input on the terminal, up to `timeout` (`None`: until input, a
/// hang-up or a signal that `wake` listens for).
#[cfg(unix)]
#[must_use]
pub fn wait_for_input(timeout: Option<Duration>, wake: Option<&Wakeups>) -> Readiness {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;

    let stdin = std::io::stdin();
    let fd = stdin.as_fd();
    let wake_fd = wake.map(Wakeups::fd);
    // Without a wake-up socket only the first entry is watched.
    let mut fds = [
        PollFd::new(&fd, PollFlags::IN),
        PollFd::new(wake_fd.as_ref().unwrap_or(&fd), PollFlags::IN),
    ];
    let watched = if wake_fd.is_some() { 2 } else { 1 };
    let wait = timeout.map(|t| Timespec {
        tv_sec: i64::try_from(t.as_secs()).unwrap_or(1),
        tv_nsec: i64::from(t.subsec_nanos()),
    });
    match poll(&mut fds[..watched], wait.as_ref()) {
        Ok(_) => {
            let revents = fds[0].revents();
            if let Some(wake) = wake.filter(|_| fds[1].revents().contains(PollFlags::IN)) {
                wake.drain();
            }
            if revents.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL) {
                Readiness::HungUp
            } else if revents.contains(PollFlags::IN) {
                Readiness::Ready
            } else {
                Readiness::Quiet
            }
        }
        // Interrupted by a signal (a resize, SIGTERM): let the loop look.
        Err(_) => Readiness::Quiet,
    }
}

/// Elsewhere crossterm waits itself; the terminal's own errors end the loop.
#[cfg(not(unix))]
#[must_use]
pub fn wait_for_input(timeout: Option<Duration>, _wake: Option<&Wakeups>) -> Readiness {
    // crossterm has no "forever"; a day is as good.
    match crossterm::event::poll(timeout.unwrap_or(Duration::from_secs(86_400))) {
        Ok(true) => Readiness::Ready,
        Ok(false) => Readiness::Quiet,
        Err(_) => Readiness::HungUp,
    }
}

/// Takes every event crossterm can give without blocking; returns whether
/// the terminal hung up. poll(2) is asked before each take because crossterm
/// spins on a hung-up terminal once the events it holds run out.
fn drain_ready(events: &mut Vec<Event>) -> std::io::Result<bool> {
    loop {
        if wait_for_input(Some(Duration::ZERO), None) == Readiness::HungUp {
            return Ok(true);
        }
        if !crossterm::event::poll(Duration::ZERO)? {
            return Ok(false);
        }
        events.push(crossterm::event::read()?);
    }
}

fn hung_up() -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the terminal was closed")
}

/// Every event that is ready, waiting (hang-up aware) up to `timeout` only
/// when none is (`None`: until input, or a signal `wake` listens for). An
/// empty batch means the wait timed out or a signal came. Events taken
/// before a hang-up are handed out first; the next call reports it.
///
/// # Errors
/// The terminal failed, or `BrokenPipe` when it was closed.
pub fn next_events(
    timeout: Option<Duration>,
    wake: Option<&Wakeups>,
) -> std::io::Result<Vec<Event>> {
    let mut events = Vec::new();
    let mut gone = drain_ready(&mut events)?;
    if events.is_empty() && !gone {
        gone = match wait_for_input(timeout, wake) {
            Readiness::HungUp => true,
            // A resize interrupts the wait without input: crossterm has it.
            Readiness::Quiet | Readiness::Ready => drain_ready(&mut events)?,
        };
    }
    if events.is_empty() && gone {
        return Err(hung_up());
    }
    Ok(events)
}

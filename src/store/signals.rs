//! SIGTERM, SIGHUP and SIGINT (a shutdown, a closed terminal window, a
//! `kill -INT`) become a flag the run loop polls, so it can write the recovery
//! file and restore the terminal before exiting. A second signal while the
//! loop is still cleaning up terminates at once.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::SigId;
use signal_hook::consts::{SIGINT, SIGTERM};

/// The signals that mean "save what you can and go".
#[cfg(unix)]
const SIGNALS: &[i32] = &[SIGTERM, signal_hook::consts::SIGHUP, SIGINT];
/// Windows has no SIGHUP: closing the console window ends the process, which
/// the recovery file written on every edit (not on exit) already covers.
/// Ctrl-C arrives as SIGINT and a `taskkill` without `/F` as SIGTERM.
#[cfg(not(unix))]
const SIGNALS: &[i32] = &[SIGTERM, SIGINT];

/// A closed terminal, which may arrive twice (see `register`).
#[cfg(unix)]
const HANGUP: Option<i32> = Some(signal_hook::consts::SIGHUP);
#[cfg(not(unix))]
const HANGUP: Option<i32> = None;

/// Registered termination signals.
#[derive(Debug)]
pub struct TermSignals {
    arrived: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
    ids: Vec<SigId>,
}

impl TermSignals {
    /// Installs the handlers.
    ///
    /// # Errors
    /// When the operating system refuses a handler.
    pub fn register() -> io::Result<Self> {
        let arrived = Arc::new(AtomicBool::new(false));
        let which = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for &signal in SIGNALS {
            // Order matters: the shutdown check runs before the flag is set,
            // so only a second signal exits immediately. Not for SIGHUP: a
            // closed terminal often sends it twice in a row, and leaving at
            // once would lose the edits the loop is about to flush.
            if Some(signal) != HANGUP {
                let code = 128 + signal;
                ids.push(signal_hook::flag::register_conditional_shutdown(
                    signal,
                    code,
                    Arc::clone(&arrived),
                )?);
            }
            ids.push(signal_hook::flag::register_usize(
                signal,
                Arc::clone(&which),
                usize::try_from(signal).unwrap_or(0),
            )?);
            ids.push(signal_hook::flag::register(signal, Arc::clone(&arrived))?);
        }
        Ok(Self {
            arrived,
            which,
            ids,
        })
    }

    /// The signal that arrived, if one did; poll it once per loop iteration.
    #[must_use]
    pub fn caught(&self) -> Option<i32> {
        if !self.arrived.load(Ordering::SeqCst) {
            return None;
        }
        i32::try_from(self.which.load(Ordering::SeqCst)).ok()
    }

    /// `SIGTERM`, `SIGHUP`, … for the exit message.
    #[must_use]
    pub fn name(signal: i32) -> &'static str {
        signal_hook::low_level::signal_name(signal).unwrap_or("signal")
    }

    /// After cleaning up, ends the process the way the signal would have (so
    /// the shell and service managers see "killed by SIGTERM").
    ///
    /// # Errors
    /// When the signal is unknown; the caller should then simply exit.
    pub fn exit_as(self, signal: i32) -> io::Result<()> {
        self.unregister();
        signal_hook::low_level::emulate_default_handler(signal)
    }

    /// Removes the handlers (the default actions come back).
    pub fn unregister(self) {
        for id in self.ids {
            signal_hook::low_level::unregister(id);
        }
    }
}

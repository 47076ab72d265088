//! What may wake the run loop besides input: a signal. Each signal the loop
//! cares about writes a byte to a socket the loop's poll(2) also watches, so
//! the loop can wait without a timeout and still see a resize or SIGTERM at
//! once — a flag alone is only seen when something else wakes the loop.

/// The wake-up socket; the handlers are removed when it is dropped.
#[cfg(unix)]
pub struct Wakeups {
    read: std::os::unix::net::UnixStream,
    ids: Vec<signal_hook::SigId>,
}

#[cfg(unix)]
impl Wakeups {
    /// Resizes only (reviewer mode: the default action ends it on SIGTERM).
    pub const RESIZE: &[i32] = &[signal_hook::consts::SIGWINCH];
    /// Resizes and the signals `store::TermSignals` turns into a flag.
    pub const RESIZE_AND_END: &[i32] = &[
        signal_hook::consts::SIGWINCH,
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ];

    /// Registers `signals`. Register after `TermSignals`: handlers run in
    /// the order they were registered, so its flag is set before the loop wakes.
    ///
    /// # Errors
    /// When the socket cannot be made or the system refuses a handler.
    pub fn register(signals: &[i32]) -> std::io::Result<Self> {
        let (read, write) = std::os::unix::net::UnixStream::pair()?;
        read.set_nonblocking(true)?;
        let mut wake = Self {
            read,
            ids: Vec::new(),
        };
        for &signal in signals {
            let id = signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
            wake.ids.push(id);
        }
        Ok(wake)
    }

    /// The socket poll(2) watches.
    #[must_use]
    pub fn fd(&self) -> std::os::fd::BorrowedFd<'_> {
        use std::os::fd::AsFd as _;
        self.read.as_fd()
    }

    /// Takes the bytes the handlers wrote, so poll(2) waits again.
    pub fn drain(&self) {
        use std::io::Read as _;
        let mut buf = [0u8; 64];
        while matches!((&self.read).read(&mut buf), Ok(n) if n > 0) {}
    }
}

#[cfg(unix)]
impl Drop for Wakeups {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// Elsewhere the loop waits through crossterm, which sees resizes itself.
#[cfg(not(unix))]
pub struct Wakeups;

#[cfg(not(unix))]
impl Wakeups {
    pub const RESIZE: &[i32] = &[];
    pub const RESIZE_AND_END: &[i32] = &[];

    /// Nothing to register.
    ///
    /// # Errors
    /// Never.
    pub fn register(_signals: &[i32]) -> std::io::Result<Self> {
        Ok(Self)
    }
}

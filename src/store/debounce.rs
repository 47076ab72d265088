//! When to write the recovery file: a few seconds after the last edit (so a
//! burst of typing costs one write), and at the latest some time after the
//! first unwritten edit (so typing for minutes is still covered). Pure: the
//! caller passes "now", and can use `deadline` as its event-poll timeout
//! instead of a busy timer.

use std::time::{Duration, Instant};

/// Debounces recovery writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debounce {
    quiet: Duration,
    max_wait: Duration,
    /// First edit not yet written.
    first_pending: Option<Instant>,
    last_edit: Option<Instant>,
}

impl Default for Debounce {
    fn default() -> Self {
        Self::new(Self::QUIET, Self::MAX_WAIT)
    }
}

impl Debounce {
    /// Write this long after the last edit...
    pub const QUIET: Duration = Duration::from_secs(3);
    /// ...or this long after the first unwritten one, whichever comes first.
    pub const MAX_WAIT: Duration = Duration::from_secs(30);

    #[must_use]
    pub fn new(quiet: Duration, max_wait: Duration) -> Self {
        Self {
            quiet,
            max_wait,
            first_pending: None,
            last_edit: None,
        }
    }

    /// Records an edit made at `now`.
    pub fn edited(&mut self, now: Instant) {
        self.first_pending.get_or_insert(now);
        self.last_edit = Some(now);
    }

    /// Whether there are edits not yet written.
    #[must_use]
    pub fn is_pending(&self) -> bool {
        self.first_pending.is_some()
    }

    /// When the next write is due, if anything is pending.
    #[must_use]
    pub fn deadline(&self) -> Option<Instant> {
        let first = self.first_pending?;
        let last = self.last_edit.unwrap_or(first);
        Some((last + self.quiet).min(first + self.max_wait))
    }

    /// How long the run loop may wait for input before it should call
    /// `is_due` again; `None` when nothing is pending (wait for input only).
    #[must_use]
    pub fn time_left(&self, now: Instant) -> Option<Duration> {
        self.deadline().map(|d| d.saturating_duration_since(now))
    }

    /// Whether the recovery file should be written now.
    #[must_use]
    pub fn is_due(&self, now: Instant) -> bool {
        self.deadline().is_some_and(|d| now >= d)
    }

    /// The recovery file was written (or the workbook saved, or edits undone
    /// back to the saved state): nothing is pending.
    pub fn flushed(&mut self) {
        self.first_pending = None;
        self.last_edit = None;
    }

    /// The write failed: try again after another quiet period rather than on
    /// every loop iteration.
    pub fn retry_later(&mut self, now: Instant) {
        self.first_pending = Some(now);
        self.last_edit = Some(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(n: u64) -> Duration {
        Duration::from_secs(n)
    }

    #[test]
    fn nothing_pending_means_nothing_due() {
        let d = Debounce::default();
        let t0 = Instant::now();
        assert!(!d.is_pending());
        assert!(!d.is_due(t0 + secs(3600)));
        assert_eq!(d.time_left(t0), None);
    }

    #[test]
    fn due_a_quiet_period_after_the_last_edit() {
        let mut d = Debounce::new(secs(3), secs(30));
        let t0 = Instant::now();
        d.edited(t0);
        d.edited(t0 + secs(2));
        assert!(!d.is_due(t0 + secs(4)), "last edit was 2 s ago");
        assert_eq!(d.time_left(t0 + secs(4)), Some(secs(1)));
        assert!(d.is_due(t0 + secs(5)));
        d.flushed();
        assert!(!d.is_pending());
        assert!(!d.is_due(t0 + secs(100)));
    }

    #[test]
    fn continuous_typing_is_written_by_max_wait() {
        let mut d = Debounce::new(secs(3), secs(30));
        let t0 = Instant::now();
        for s in 0..=40 {
            let now = t0 + secs(s);
            if s < 30 {
                assert!(!d.is_due(now), "not due at {s} s");
            }
            d.edited(now);
        }
        assert!(d.is_due(t0 + secs(30)));
        assert_eq!(d.deadline(), Some(t0 + secs(30)));
    }

    #[test]
    fn a_failed_write_is_retried_after_a_quiet_period() {
        let mut d = Debounce::new(secs(3), secs(30));
        let t0 = Instant::now();
        d.edited(t0);
        assert!(d.is_due(t0 + secs(3)));
        d.retry_later(t0 + secs(3));
        assert!(!d.is_due(t0 + secs(4)));
        assert!(d.is_due(t0 + secs(6)));
    }
}

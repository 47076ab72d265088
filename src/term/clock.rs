//! The run loop's clock: the app never reads the time itself.

use crate::app::Action;

/// The clock lives here, not in the app: an action that needs the time gets it.
pub fn with_clock(action: Action) -> Action {
    match action {
        Action::VerifyTable { .. } => Action::VerifyTable {
            at: utc_now_text(std::time::SystemTime::now()),
        },
        other => other,
    }
}

/// Today's date, `YYYY-MM-DD` (UTC): the date of the reviewer's documents
/// and send-back rounds.
#[must_use]
pub fn today() -> String {
    let text = utc_now_text(std::time::SystemTime::now());
    text.get(..10).unwrap_or_default().to_owned()
}

/// `YYYY-MM-DD HH:MM UTC` for a moment.
fn utc_now_text(now: std::time::SystemTime) -> String {
    let secs = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (hour, minute) = ((secs % 86_400) / 3600, (secs % 3600) / 60);
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02} UTC")
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_text_reads_the_calendar() {
        let at = std::time::UNIX_EPOCH + std::time::Duration::from_mins(29_410_545);
        assert_eq!(super::utc_now_text(at), "2025-12-01 23:45 UTC");
    }
}

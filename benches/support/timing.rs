//! Timing helpers shared by the benches.

use std::time::{Duration, Instant};

/// (median, min) of one call of `run`: warmed up for `batch_target`, then
/// `samples` batches of as many calls as fill `batch_target`, each sample
/// the mean of its batch.
pub fn measure(
    samples: usize,
    batch_target: Duration,
    mut run: impl FnMut(),
) -> (Duration, Duration) {
    let start = Instant::now();
    let mut warm = 0u32;
    while start.elapsed() < batch_target || warm < 3 {
        run();
        warm += 1;
    }
    let per_run = start.elapsed() / warm;
    let batch = u32::try_from((batch_target.as_nanos() / per_run.as_nanos().max(1)).max(1))
        .unwrap_or(u32::MAX);
    let mut times: Vec<Duration> = (0..samples.max(1))
        .map(|_| {
            let t = Instant::now();
            for _ in 0..batch {
                run();
            }
            t.elapsed() / batch
        })
        .collect();
    times.sort_unstable();
    (times[times.len() / 2], times[0])
}

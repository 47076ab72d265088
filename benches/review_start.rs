//! Reviewer start-up: `cargo bench --bench review_start`.
//!
//! Times what the binary does between start and its first frame: scan,
//! read, parse and derive every workbook, build the overview, lay out and
//! draw one 160x48 frame; then, timed apart, the hashes the binary takes
//! after its first frame (of workbooks no review names). Uses the binary's allocator. Setup writes
//! `JIXIAO_BENCH_FILES` generated workbooks (default 1,000) into a
//! temporary folder, or reads `JIXIAO_BENCH_DIR` when set;
//! `JIXIAO_BENCH_RUNS` runs (default 7). Reports median and minimum wall
//! time, and the CPU time of every thread per run (less moved by a busy
//! machine than wall time).

use std::time::{Duration, Instant};

use jixiao::app::Action;
use jixiao::app::review::ReviewApp;
use jixiao::core::format::to_json;
use jixiao::review::ReviewSession;
use jixiao::review::scan::PendingHashes;
use jixiao::synth::Generator;
use ratatui::Terminal;

#[path = "support/proc_cpu.rs"]
mod proc_cpu;
use proc_cpu::process_cpu_ticks;

#[path = "support/null_backend.rs"]
mod null_backend;
use null_backend::NullBackend;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One start: everything up to the first frame drawn, as the binary does
/// it; the app and the hashes still to take come back.
fn start_to_first_frame(folder: &std::path::Path) -> (ReviewApp, PendingHashes) {
    let (session, pending) = ReviewSession::open_deferred(&[folder.to_path_buf()]);
    let mut app = ReviewApp::new(session, jixiao::core::Lang::Zh);
    let _ = app.update(Action::Resize(160, 48));
    let mut terminal = Terminal::new(NullBackend::new(160, 48)).expect("terminal");
    terminal
        .draw(|f| jixiao::ui::review::render(&app, f))
        .expect("draw");
    (app, pending)
}

fn generate(files: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let generator = Generator::new();
    for i in 1..=files {
        let s = generator.generate(i);
        std::fs::write(dir.path().join(s.file_name(files)), to_json(&s.workbook)).expect("write");
    }
    dir
}

fn main() {
    let runs = env_number("JIXIAO_BENCH_RUNS", 7).max(1);
    let generated;
    let folder = if let Ok(dir) = std::env::var("JIXIAO_BENCH_DIR") {
        std::path::PathBuf::from(dir)
    } else {
        generated = generate(env_number("JIXIAO_BENCH_FILES", 1_000));
        generated.path().to_path_buf()
    };
    let mut samples: Vec<Duration> = Vec::with_capacity(runs);
    let mut after_frame: Vec<Duration> = Vec::with_capacity(runs);
    let ticks_before = process_cpu_ticks();
    let mut rows = 0;
    let mut held = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let (mut app, pending) = std::hint::black_box(start_to_first_frame(&folder));
        samples.push(start.elapsed());
        rows = app.session.rows().len();
        held = pending.len();
        let hashing = Instant::now();
        let _ = app.update(Action::ReviewHashed(pending.finish()));
        after_frame.push(hashing.elapsed());
    }
    let cpu_ms = match (ticks_before, process_cpu_ticks()) {
        // Clock ticks are 10 ms each.
        (Some(before), Some(after)) => {
            format!("{}", after.saturating_sub(before) * 10 / runs as u64)
        }
        _ => "?".to_owned(),
    };
    samples.sort();
    after_frame.sort();
    println!(
        "review start to first frame, {rows} workbooks, {runs} runs: median {:.1} ms, min {:.1} ms, CPU of every thread {cpu_ms} ms per run (hashes after the frame included)",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
    );
    println!(
        "then the {held} hashes held back, before the first key: median {:.1} ms",
        after_frame[after_frame.len() / 2].as_secs_f64() * 1e3,
    );
}

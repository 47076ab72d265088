//! Reviewer-mode benchmark: `cargo bench --bench review`.
//!
//! Setup writes 1,000 generated workbooks (`JIXIAO_BENCH_FILES=10000` for
//! more) into a temporary folder; then it times scan + load + derive +
//! overview of the folder, the resident memory after it, reading one
//! workbook again for the drill-in, a reload when nothing changed, and
//! sort/filter and a whole scroll keystroke per key (target well under
//! 1 ms). Reports medians.

use std::hint::black_box;
use std::time::{Duration, Instant};

use jixiao::core::engine::{Grade, Severity};
use jixiao::core::format::to_json;
use jixiao::review::stats::{footer, histogram};
use jixiao::review::view::{Column, Filter, Sort, view};
use jixiao::review::{ReviewSession, ReviewStatus};
use jixiao::synth::Generator;
use rust_decimal::Decimal;

// The binary's allocator: a scroll key allocates every cell's text, and
// the system allocator would add a cost the workbench does not have.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/proc_cpu.rs"]
mod proc_cpu;
use proc_cpu::process_cpu_ticks;

#[path = "support/null_backend.rs"]
mod null_backend;
use null_backend::NullBackend;

/// How many workbooks to generate: `JIXIAO_BENCH_FILES`, else 1,000.
fn files_wanted() -> usize {
    std::env::var("JIXIAO_BENCH_FILES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000)
}

/// CPU time this thread has run, in nanoseconds (Linux schedstat).
fn thread_cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Resident memory of this process now and at its peak (Linux), in MiB.
fn rss_mib() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let samples = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    median(samples)
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// Where the time of opening goes, per stage, on one thread, over texts
/// already in memory.
fn breakdown(generated: &[(String, String)]) {
    use jixiao::core::engine::derive;
    use jixiao::core::format::load;
    use jixiao::core::model::Workbook;
    use jixiao::review::scan::sha256_hex;
    let hash = time(3, || {
        generated
            .iter()
            .map(|(_, t)| sha256_hex(t.as_bytes()).len())
            .sum::<usize>()
    });
    let full_load = time(3, || {
        generated.iter().filter(|(_, t)| load(t).is_ok()).count()
    });
    let typed = time(3, || {
        generated
            .iter()
            .filter(|(_, t)| serde_json::from_str::<Workbook>(t).is_ok())
            .count()
    });
    let workbooks: Vec<Workbook> = generated
        .iter()
        .filter_map(|(_, t)| serde_json::from_str(t).ok())
        .collect();
    let derive_all = time(3, || {
        workbooks
            .iter()
            .map(|w| derive(w).warnings.len())
            .sum::<usize>()
    });
    println!(
        "breakdown, one thread, {} files in memory: sha256 {}, core::format::load {}, typed parse only {}, derive {}",
        generated.len(),
        ms(hash),
        ms(full_load),
        ms(typed),
        ms(derive_all)
    );
}

fn main() {
    let files = files_wanted();
    let (dir, generated) = write_generated(files);
    breakdown(&generated);
    // The workbench holds no file texts once the folder is read.
    drop(generated);
    let paths = [dir.path().to_path_buf()];
    let session = time_open(&paths, files);
    reading_again(&session);
    time_filters(&session, files);
    overview_keystrokes(session);
}

/// Generates the workbooks and writes them into a temporary folder.
fn write_generated(files: usize) -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let start = Instant::now();
    let generator = Generator::new();
    let generated: Vec<(String, String)> = (1..=files)
        .map(|i| {
            let s = generator.generate(i);
            (s.file_name(files), to_json(&s.workbook))
        })
        .collect();
    let generate = start.elapsed();
    let bytes: usize = generated.iter().map(|(_, t)| t.len()).sum();
    for (name, text) in &generated {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let setup = start.elapsed();
    println!(
        "setup: generated {files} workbooks ({:.1} MB) in {}, written in {} total",
        mb(bytes),
        ms(generate),
        ms(setup)
    );

    (dir, generated)
}

/// Megabytes, for printing only.
#[allow(clippy::cast_precision_loss)]
fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}

/// Clock ticks (100 per second) as milliseconds, for printing only.
#[allow(clippy::cast_precision_loss)]
fn ticks_ms(ticks: u64) -> f64 {
    ticks as f64 * 10.0
}

/// Nanoseconds as milliseconds, for printing only.
#[allow(clippy::cast_precision_loss)]
fn ns_ms(ns: u64) -> f64 {
    ns as f64 / 1e6
}

/// Opening the folder: the first run, the median of seven and their CPU time.
fn time_open(paths: &[std::path::PathBuf], files: usize) -> ReviewSession {
    let first = Instant::now();
    let session = ReviewSession::open(paths);
    let first = first.elapsed();
    assert_eq!(session.rows().len(), files);
    assert!(session.rows().iter().all(|r| r.error.is_none()));
    let ticks_before = process_cpu_ticks();
    let open = time(7, || ReviewSession::open(paths));
    if let (Some(before), Some(after)) = (ticks_before, process_cpu_ticks()) {
        // All threads, user + system, in clock ticks (100 per second).
        println!(
            "scan CPU time (every thread): {:.1} ms per scan of {files} files",
            ticks_ms(after.saturating_sub(before)) / 7.0
        );
    }
    println!(
        "scan + load + derive + overview of {files} files on {} threads: median {} (first run {})",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        ms(open),
        ms(first)
    );
    session
}

/// Sort and filter of the rows per keystroke, then the footer and histogram.
fn time_filters(session: &ReviewSession, files: usize) {
    let rows = session.rows();
    let no_filter = Filter::default();
    let mut worst = Duration::ZERO;
    for (name, filter, sort) in &keystrokes() {
        let t = time(301, || view(rows, filter, *sort));
        worst = worst.max(t);
        let kept = view(rows, filter, *sort).len();
        println!("keystroke: {name:<48} median {} ({kept} rows)", ms(t));
    }
    let all = view(rows, &no_filter, None);
    let t = time(301, || {
        (
            footer(rows, &all, session.overview.top_levels.len()),
            histogram(rows, &all, Decimal::TEN),
        )
    });
    println!("footer + histogram over {files} rows: median {}", ms(t));
    println!(
        "worst keystroke median: {}  [target well under 1 ms]",
        ms(worst)
    );
}

/// What the reviewer asks for per keystroke: a name, a filter and a sort.
fn keystrokes() -> Vec<(&'static str, Filter, Option<Sort>)> {
    let no_filter = Filter::default();
    vec![
        ("no filter, file order", no_filter.clone(), None),
        (
            "sort by difference desc",
            no_filter.clone(),
            Some(Sort {
                column: Column::Difference,
                descending: true,
            }),
        ),
        (
            "sort by unit",
            no_filter.clone(),
            Some(Sort {
                column: Column::Unit,
                descending: false,
            }),
        ),
        (
            "sort by unit name (pinyin)",
            no_filter.clone(),
            Some(Sort {
                column: Column::Unit,
                descending: false,
            }),
        ),
        (
            "year 2023 + status 未审 + sort by unit name (pinyin)",
            Filter {
                years: vec![2023],
                statuses: vec![ReviewStatus::Unreviewed],
                ..Filter::default()
            },
            Some(Sort {
                column: Column::Unit,
                descending: false,
            }),
        ),
        (
            "sort by grade",
            no_filter.clone(),
            Some(Sort {
                column: Column::Grade,
                descending: false,
            }),
        ),
        (
            "search \"街道\" + sort by computed",
            Filter {
                text: "街道".into(),
                ..Filter::default()
            },
            Some(Sort {
                column: Column::Computed,
                descending: true,
            }),
        ),
        (
            "grade 良/中 + high warnings + |diff| > 1 + sort by F2",
            Filter {
                grades: vec![Grade::Good, Grade::Fair],
                min_severity: Some(Severity::High),
                min_abs_difference: Some(Decimal::ONE),
                ..Filter::default()
            },
            Some(Sort {
                column: Column::Ratio(1),
                descending: false,
            }),
        ),
        (
            "status 未审 + search \"小学\" + sort by review total",
            Filter {
                text: "小学".into(),
                statuses: vec![ReviewStatus::Unreviewed],
                ..Filter::default()
            },
            Some(Sort {
                column: Column::ReviewTotal,
                descending: true,
            }),
        ),
    ]
}

/// What the overview keeps in memory, and the two ways of reading files
/// again: one workbook in full for the drill-in, and `r` over every file
/// when none changed (each is read and hashed, none parsed).
fn reading_again(session: &ReviewSession) {
    use jixiao::review::lazy::{LoadPurpose, LoadRequest, ReloadCheck, load, reload};
    if let Some((now, peak)) = rss_mib() {
        println!(
            "resident memory with the session open: {now:.1} MiB (peak of the process so far {peak:.1} MiB, generated texts included)"
        );
    }
    let entry = &session.entries[0];
    let request = LoadRequest {
        row: 0,
        path: entry.path.clone(),
        sha256: entry.sha256.clone(),
    };
    let t = time(31, || {
        load(
            LoadPurpose::Drill { at: None },
            std::slice::from_ref(&request),
        )
    });
    println!(
        "drill-in: read one workbook again, check its hash, derive: median {}",
        ms(t)
    );
    let checks: Vec<ReloadCheck> = session
        .entries
        .iter()
        .enumerate()
        .map(|(row, e)| ReloadCheck::of(row, e))
        .collect();
    let t = time(5, || reload(&checks));
    assert!(reload(&checks).changed.is_empty());
    println!(
        "reload with nothing changed ({} files read and hashed): median {}",
        checks.len(),
        ms(t)
    );
}

/// The whole keystroke in reviewer mode as the run loop does it: the action
/// through `ReviewApp::update`, then a full frame of the overview (1,000 rows,
/// footer, grade chart) drawn to an in-memory terminal at 160×48.
fn overview_keystrokes(session: ReviewSession) {
    use jixiao::app::Action;
    use jixiao::app::review::ReviewApp;
    use ratatui::Terminal;

    let mut app = ReviewApp::new(session, jixiao::core::Lang::Zh);
    let _ = app.update(Action::Resize(160, 48));
    let mut terminal = Terminal::new(NullBackend::new(160, 48)).expect("terminal");
    let mut samples = Vec::new();
    let cpu_before = thread_cpu_ns();
    for i in 0..600 {
        let action = match i % 200 {
            0..100 => Action::Down,
            100..110 => Action::PageDown,
            _ => Action::Up,
        };
        let start = Instant::now();
        let _ = app.update(action);
        terminal
            .draw(|f| jixiao::ui::review::render(&app, f))
            .expect("draw");
        samples.push(start.elapsed());
    }
    if let (Some(before), Some(after)) = (cpu_before, thread_cpu_ns()) {
        // CPU time, not wall time: what a key costs when the machine is busy.
        println!(
            "overview scroll keystroke, CPU time of this thread: {:.3} ms per key",
            ns_ms(after.saturating_sub(before)) / 600.0
        );
    }
    let worst = *samples.iter().max().expect("samples");
    println!(
        "overview scroll keystroke (update + full 160x48 frame and its diff, {} rows): median {}, max {}  [target under 1 ms]",
        app.session.rows().len(),
        ms(median(samples)),
        ms(worst)
    );
}

//! Reviewer-mode benchmark: `cargo bench --bench review`.
//!
//! Setup writes 1,000 generated workbooks into a temporary folder; then it
//! times scan + load + derive + overview of the folder (target < 1 s on a
//! 2-core machine) and sort/filter of the 1,000 rows per keystroke (target
//! well under 1 ms). Reports medians.

use std::hint::black_box;
use std::time::{Duration, Instant};

use jixiao::core::engine::{Grade, Severity};
use jixiao::core::format::to_json;
use jixiao::review::stats::{footer, histogram};
use jixiao::review::view::{Column, Filter, Sort, view};
use jixiao::review::{ReviewSession, ReviewStatus};
use jixiao::synth::Generator;
use rust_decimal::Decimal;

const FILES: usize = 1_000;

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
    let (dir, generated) = write_generated();
    breakdown(&generated);
    let paths = [dir.path().to_path_buf()];
    let session = time_open(&paths);
    time_filters(&session);
    overview_keystrokes(session);
}

/// Generates the workbooks and writes them into a temporary folder.
fn write_generated() -> (tempfile::TempDir, Vec<(String, String)>) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let start = Instant::now();
    let generator = Generator::new();
    let generated: Vec<(String, String)> = (1..=FILES)
        .map(|i| {
            let s = generator.generate(i);
            (s.file_name(FILES), to_json(&s.workbook))
        })
        .collect();
    let generate = start.elapsed();
    let bytes: usize = generated.iter().map(|(_, t)| t.len()).sum();
    for (name, text) in &generated {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    let setup = start.elapsed();
    let tenths_of_mb = bytes / 100_000;
    println!(
        "setup: generated {FILES} workbooks ({}.{} MB) in {}, written in {} total",
        tenths_of_mb / 10,
        tenths_of_mb % 10,
        ms(generate),
        ms(setup)
    );
    (dir, generated)
}

/// Opening the folder: the first run and the median of seven.
fn time_open(paths: &[std::path::PathBuf]) -> ReviewSession {
    let first = Instant::now();
    let session = ReviewSession::open(paths);
    let first = first.elapsed();
    assert_eq!(session.rows().len(), FILES);
    assert!(session.rows().iter().all(|r| r.error.is_none()));
    let open = time(7, || ReviewSession::open(paths));
    println!(
        "scan + load + derive + overview of {FILES} files: median {} (first run {})  [target < 1000 ms]",
        ms(open),
        ms(first)
    );
    session
}

/// Sort and filter of the rows per keystroke, then the footer and histogram.
fn time_filters(session: &ReviewSession) {
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
    println!("footer + histogram over {FILES} rows: median {}", ms(t));
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
    let worst = *samples.iter().max().expect("samples");
    println!(
        "overview scroll keystroke (update + full 160x48 frame and its diff, {FILES} rows): median {}, max {}  [target under 1 ms]",
        ms(median(samples)),
        ms(worst)
    );
}

/// A backend that keeps nothing: measures update, render and ratatui's diff,
/// not the terminal (that is measured from outside with `tui_latency`).
struct NullBackend {
    size: ratatui::layout::Size,
    cursor: ratatui::layout::Position,
}

impl NullBackend {
    fn new(width: u16, height: u16) -> Self {
        Self {
            size: ratatui::layout::Size::new(width, height),
            cursor: ratatui::layout::Position::ORIGIN,
        }
    }
}

impl ratatui::backend::Backend for NullBackend {
    type Error = std::convert::Infallible;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a ratatui::buffer::Cell)>,
    {
        std::hint::black_box(content.count());
        Ok(())
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn get_cursor_position(&mut self) -> Result<ratatui::layout::Position, Self::Error> {
        Ok(self.cursor)
    }
    fn set_cursor_position<P: Into<ratatui::layout::Position>>(
        &mut self,
        position: P,
    ) -> Result<(), Self::Error> {
        self.cursor = position.into();
        Ok(())
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
    fn clear_region(&mut self, _: ratatui::backend::ClearType) -> Result<(), Self::Error> {
        Ok(())
    }
    fn size(&self) -> Result<ratatui::layout::Size, Self::Error> {
        Ok(self.size)
    }
    fn window_size(&mut self) -> Result<ratatui::backend::WindowSize, Self::Error> {
        Ok(ratatui::backend::WindowSize {
            columns_rows: self.size,
            pixels: ratatui::layout::Size::new(0, 0),
        })
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        Ok(())
    }
}

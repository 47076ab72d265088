//! Workbench start-up and one key, phase by phase: `cargo bench --bench workbench_start`.
//!
//! The phases the binary goes through before its first frame — read and
//! parse the workbook (`store::open`), build the app (`App::new`: derive),
//! look for recovery files (`Journal::find_recoveries`), draw a 120x40 frame
//! — and then one key (`j` on the indicator pane, update and frame). On the
//! sample and on a workbook whose table is 10 times the sample's
//! (`synth::scale_table`). Uses the binary's allocator; the terminal itself
//! is measured from outside (`tui_latency`). For instruction counts run the
//! bench binary once under valgrind with `JIXIAO_BENCH_ONCE=1` (callgrind
//! then gives each phase's function inclusively).

use std::path::Path;
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent};
use jixiao::app::{Action, App, Origin};
use jixiao::core::Lang;
use jixiao::core::model::Workbook;
use ratatui::Terminal;

#[path = "support/null_backend.rs"]
mod null_backend;
use null_backend::NullBackend;

#[path = "support/timing.rs"]
mod timing;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn opened(path: &Path) -> Workbook {
    jixiao::store::open(path).expect("opens").workbook
}

fn app_for(path: &Path) -> App {
    App::new(opened(path), path.to_path_buf(), Origin::File, Lang::Zh)
}

fn first_frame(app: &mut App) {
    let _ = app.update(Action::Resize(120, 40));
    let mut terminal = Terminal::new(NullBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| jixiao::ui::render(app, f)).expect("draw");
}

fn key(app: &mut App, terminal: &mut Terminal<NullBackend>, code: KeyCode) {
    let key = KeyEvent::from(code);
    if let Some(action) = jixiao::app::keymap::action_for(app.mode.kind(), &key) {
        let _ = app.update(action);
    }
    terminal.draw(|f| jixiao::ui::render(app, f)).expect("draw");
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn phases(label: &str, path: &Path, journal: Option<&jixiao::store::Journal>) {
    let once = std::env::var_os("JIXIAO_BENCH_ONCE").is_some();
    let target = Duration::from_millis(if once { 0 } else { 200 });
    let samples = if once { 1 } else { 15 };
    let run = |f: &mut dyn FnMut()| timing::measure(samples, target, f);
    let (open, _) = run(&mut || {
        std::hint::black_box(opened(path));
    });
    let (app, _) = run(&mut || {
        std::hint::black_box(app_for(path));
    });
    let (scan, _) = run(&mut || {
        if let Some(j) = journal {
            std::hint::black_box(j.find_recoveries(path));
        }
    });
    let mut app_once = app_for(path);
    let (frame, _) = run(&mut || first_frame(&mut app_once));
    let mut terminal = Terminal::new(NullBackend::new(120, 40)).expect("terminal");
    let _ = app_once.update(Action::Resize(120, 40));
    key(&mut app_once, &mut terminal, KeyCode::Char('3'));
    let mut down = true;
    let (one_key, _) = run(&mut || {
        // Down and up again, so every sample moves the selection.
        key(
            &mut app_once,
            &mut terminal,
            KeyCode::Char(if down { 'j' } else { 'k' }),
        );
        down = !down;
    });
    let flat = app_once.workbook.table.flatten().len();
    println!(
        "{label} ({flat} indicators), medians: open {:.3} ms, app (derive) {:.3} ms, recovery scan {:.3} ms, first frame {:.3} ms; one key {:.3} ms",
        ms(open),
        ms(app),
        ms(scan),
        ms(frame),
        ms(one_key),
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let mut wb = jixiao::core::sample::sample_workbook();
    let sample = dir.path().join("sample.json");
    std::fs::write(&sample, jixiao::core::format::to_json(&wb)).expect("write");
    jixiao::synth::scale_table(&mut wb, 10);
    let large = dir.path().join("large.json");
    std::fs::write(&large, jixiao::core::format::to_json(&wb)).expect("write");
    let journal = jixiao::store::Journal::new(dir.path().join("recovery"));
    phases("sample", &sample, Some(&journal));
    phases("10x sample", &large, Some(&journal));
}

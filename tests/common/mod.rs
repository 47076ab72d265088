//! Test helpers: drive the app with keys, render it to text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use jixiao::app::keymap::action_for;
use jixiao::app::{Action, App, Effect, Origin};
use jixiao::core::Lang;
use jixiao::core::sample::sample_workbook;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The sample in a workbench that will save to `path`.
pub fn app_at(path: &Path, lang: Lang) -> App {
    let mut app = App::new(sample_workbook(), path.to_path_buf(), Origin::NewFile, lang);
    app.update(Action::Resize(120, 40));
    app
}

/// The sample in a workbench saving into a fresh temporary folder.
pub fn app() -> (App, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("workbook.json");
    (app_at(&path, Lang::Zh), dir, path)
}

fn key_event(token: &str) -> Vec<KeyEvent> {
    let special = |code| vec![KeyEvent::new(code, KeyModifiers::NONE)];
    match token {
        "<enter>" => special(KeyCode::Enter),
        "<esc>" => special(KeyCode::Esc),
        "<tab>" => special(KeyCode::Tab),
        "<backtab>" => special(KeyCode::BackTab),
        "<up>" => special(KeyCode::Up),
        "<down>" => special(KeyCode::Down),
        "<left>" => special(KeyCode::Left),
        "<right>" => special(KeyCode::Right),
        "<home>" => special(KeyCode::Home),
        "<end>" => special(KeyCode::End),
        "<pgup>" => special(KeyCode::PageUp),
        "<pgdn>" => special(KeyCode::PageDown),
        "<bs>" => special(KeyCode::Backspace),
        "<del>" => special(KeyCode::Delete),
        "<space>" => special(KeyCode::Char(' ')),
        "<c-s>" => vec![KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)],
        "<c-r>" => vec![KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)],
        "<c-u>" => vec![KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)],
        text => text
            .chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .collect(),
    }
}

/// Carries out an effect the way the run loop does.
pub fn perform(app: &mut App, effect: Effect) -> Effect {
    if let Effect::Save { path, contents } = &effect {
        let result = jixiao::term::save_file(path, contents)
            .map(|()| path.clone())
            .map_err(|e| e.to_string());
        app.update(Action::Saved(result));
    }
    effect
}

/// Types a key script such as `/ 财政拨款收入预算数 <enter> <c-u> 588.55 <enter>`.
/// Tokens are separated by spaces; `<space>` types a space. Returns the last effect.
pub fn keys(app: &mut App, script: &str) -> Effect {
    let mut last = Effect::None;
    for token in script.split_whitespace() {
        for event in key_event(token) {
            if let Some(action) = action_for(app.mode.kind(), &event) {
                let effect = app.update(action);
                last = perform(app, effect);
            }
        }
    }
    last
}

/// Renders the app at a size and returns the screen as text, one line per row.
pub fn screen(app: &mut App, width: u16, height: u16) -> String {
    app.update(Action::Resize(width, height));
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal
        .draw(|frame| jixiao::ui::render(app, frame))
        .expect("draw");
    let buffer = terminal.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        let mut skip = 0;
        for x in 0..width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

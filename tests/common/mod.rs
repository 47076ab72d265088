//! Test helpers: drive the app with keys, render it to text.
#![allow(dead_code)]

use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};

#[path = "../support/terminal.rs"]
pub mod terminal;

use jixiao::app::keymap::action_for;
use jixiao::app::{Action, App, Effect};
use jixiao::core::Lang;
use jixiao::store::Journal;
use jixiao::term::session::Session;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The app with the I/O side the run loop would give it (document, recovery).
pub struct Harness {
    pub app: App,
    pub session: Session,
    /// Where recovery files go in this test.
    pub recovery_dir: tempfile::TempDir,
}

impl Deref for Harness {
    type Target = App;
    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

/// A workbench over `path` (the sample when it does not exist yet).
pub fn app_at(path: &Path, lang: Lang) -> Harness {
    let recovery_dir = tempfile::tempdir().expect("tempdir");
    let journal = Journal::new(recovery_dir.path().join("recovery"));
    let (session, mut app) = Session::open(path, Some(journal), lang).expect("opens");
    app.update(Action::Resize(120, 40));
    Harness {
        app,
        session,
        recovery_dir,
    }
}

/// The sample in a workbench saving into a fresh temporary folder.
pub fn app() -> (Harness, tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("workbook.json");
    (app_at(&path, Lang::Zh), dir, path)
}

/// Types a key script such as `/ 财政拨款收入预算数 <enter> <c-u> 588.55 <enter>`,
/// carrying out effects as the run loop does. Tokens are separated by spaces;
/// `<space>` types a space. Returns the last effect.
pub fn keys(h: &mut Harness, script: &str) -> Effect {
    let mut last = Effect::None;
    for token in script.split_whitespace() {
        for event in terminal::key_events(token) {
            if let Some(action) = action_for(h.app.mode.kind(), &event) {
                let effect = h.app.update(action);
                h.session.perform(&mut h.app, &effect);
                h.session
                    .after_update(&mut h.app, std::time::Instant::now());
                last = effect;
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
    terminal::buffer_text(terminal.backend().buffer(), true)
}

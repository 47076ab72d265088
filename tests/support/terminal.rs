//! Keys and screens for tests: a key script's tokens as crossterm events, and
//! a rendered buffer as text (a wide character's continuation cell skipped).
#![allow(dead_code)]

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;

/// One token of a key script: `<enter>`, `<c-s>`, … or text typed a
/// character at a time.
pub fn key_events(token: &str) -> Vec<KeyEvent> {
    let special = |code| vec![KeyEvent::new(code, KeyModifiers::NONE)];
    let ctrl = |c| vec![KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)];
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
        "<c-s>" => ctrl('s'),
        "<c-r>" => ctrl('r'),
        "<c-u>" => ctrl('u'),
        "<c-n>" => ctrl('n'),
        text => text
            .chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .collect(),
    }
}

/// The buffer's rows as text, one line each; `trim_ends` drops trailing spaces.
pub fn buffer_text(buffer: &Buffer, trim_ends: bool) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push_str(if trim_ends { line.trim_end() } else { &line });
        out.push('\n');
    }
    out
}

/// Types a key script into the reviewer app and carries out each effect as
/// the run loop does.
pub fn review_keys(app: &mut jixiao::app::review::ReviewApp, script: &str) {
    for token in script.split_whitespace() {
        for event in key_events(token) {
            // Through the run loop's own mapping (a drill-in's keys included).
            let event = crossterm::event::Event::Key(event);
            if let Some(action) = jixiao::term::review_action_for_event(app, &event) {
                let effect = app.update(action);
                jixiao::term::perform_review(app, &effect);
            }
        }
    }
}

/// Renders the reviewer app at a size; rows keep their trailing spaces.
pub fn review_screen(app: &mut jixiao::app::review::ReviewApp, width: u16, height: u16) -> String {
    app.update(jixiao::app::Action::Resize(width, height));
    let backend = ratatui::backend::TestBackend::new(width, height);
    let mut terminal = ratatui::Terminal::new(backend).expect("terminal");
    terminal
        .draw(|frame| jixiao::ui::review::render(app, frame))
        .expect("draw");
    buffer_text(terminal.backend().buffer(), false)
}

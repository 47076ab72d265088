//! The run loop: terminal in, actions to the app, effects out, frames drawn.
//! The terminal is restored on every exit, panic included.

pub mod hangup;
pub mod new_form;
pub mod open;
pub mod opener;
pub mod session;
pub mod wake;

pub mod clock;
mod review_recovery;

use std::io;

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyEventKind, MouseEventKind,
};
use crossterm::execute;
use ratatui::DefaultTerminal;

use crate::app::keymap::action_for;
use crate::app::review::{ReviewApp, ReviewEffect};
use crate::app::{Action, App, Effect};
use crate::i18n as t;
use crate::review::scan::PendingHashes;
use crate::store::{Existing, WriteRule};
use crate::ui;

/// Maps one terminal event to an action, if it means one.
#[must_use]
pub fn action_for_event(app: &App, event: &Event) -> Option<Action> {
    match event {
        // Windows also reports releases; only presses count.
        Event::Key(key) if key.kind == KeyEventKind::Press => {
            action_for(app.mode.kind(), key).map(clock::with_clock)
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            MouseEventKind::Down(_) => {
                ui::hit_test(app, mouse.column, mouse.row).map(Action::SelectRow)
            }
            _ => None,
        },
        Event::Paste(text) => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

/// Carries out a reviewer-mode effect and reports back to the app: the only
/// place reviewer mode writes files.
pub fn perform_review(app: &mut ReviewApp, effect: &ReviewEffect) {
    perform_review_with(app, effect, opener::system);
}

/// [`perform_review`] with the program that opens evidence files (tests
/// record instead of starting a viewer).
pub fn perform_review_with(app: &mut ReviewApp, effect: &ReviewEffect, open: opener::Opener) {
    let lang = app.lang;
    match effect {
        ReviewEffect::None | ReviewEffect::Quit => {}
        ReviewEffect::OpenFile(path) => {
            let opened = if path.is_file() {
                open(path)
            } else {
                Err(std::io::Error::from(std::io::ErrorKind::NotFound))
            };
            if let Err(e) = opened {
                app.update(Action::ReviewEffectDone(Err(format!(
                    "{}：{e}",
                    path.display()
                ))));
            }
        }
        ReviewEffect::SaveReviews(writes) => {
            let results = writes.iter().map(|w| (w.path.clone(), w.write())).collect();
            app.update(Action::ReviewsWritten(results));
        }
        ReviewEffect::Export {
            path,
            format,
            sheets,
            replace,
        } => {
            let inputs = app.session.inputs();
            let rule = WriteRule::new(Existing::replace_if(*replace), &inputs);
            let outcome = crate::review::export::write_sheets(path, *format, sheets, rule);
            app.update(review_written(path, outcome, lang));
        }
        ReviewEffect::Load { purpose, requests } => {
            let loaded = crate::review::lazy::load(purpose.clone(), requests);
            app.update(Action::ReviewLoaded(Box::new(loaded)));
        }
        ReviewEffect::Reload(checks) => {
            let reloaded = crate::review::lazy::reload(checks);
            app.update(Action::ReviewReloaded(Box::new(reloaded)));
        }
        ReviewEffect::WriteDocument {
            path,
            bytes,
            replace,
        } => {
            let inputs = app.session.inputs();
            let rule = WriteRule::new(Existing::replace_if(*replace), &inputs);
            let outcome = crate::review::documents::write_document(path, bytes, rule);
            app.update(review_written(path, outcome, lang));
        }
    }
}

/// What the reviewer hears of an export: written, an existing file to
/// confirm replacing (the prompt opens again), or why not.
fn review_written(
    path: &std::path::Path,
    outcome: Result<(), crate::review::export::WriteFailure>,
    lang: crate::core::Lang,
) -> Action {
    use crate::review::export::WriteFailure;
    match outcome {
        Ok(()) => Action::ReviewEffectDone(Ok(format!(
            "{} {}",
            t::REVIEW_EXPORTED.get(lang),
            path.display()
        ))),
        Err(WriteFailure::Exists) => Action::ReviewExportExists(path.to_path_buf()),
        Err(WriteFailure::Failed(why)) => Action::ReviewEffectDone(Err(why.get(lang).to_owned())),
    }
}

/// Maps a terminal event to a reviewer-mode action.
#[must_use]
pub fn review_action_for_event(app: &ReviewApp, event: &Event) -> Option<Action> {
    use crate::app::ModeKind;
    // A letter no key of the screen takes is told so (not dropped in silence).
    let unbound = |key: &crossterm::event::KeyEvent| match key.code {
        crossterm::event::KeyCode::Char(ch)
            if key.modifiers.is_empty()
                || key.modifiers == crossterm::event::KeyModifiers::SHIFT =>
        {
            Some(Action::UnboundKey(ch))
        }
        _ => None,
    };
    match (event, &app.screen) {
        (Event::Key(key), crate::app::review::Screen::Drill { .. })
            if key.kind == KeyEventKind::Press && app.mode_kind() == ModeKind::Browse =>
        {
            crate::app::keymap::review_drill_action(key).or_else(|| unbound(key))
        }
        (Event::Key(key), _)
            if key.kind == KeyEventKind::Press
                && matches!(
                    app.mode_kind(),
                    ModeKind::ReviewList | ModeKind::ReviewMatrix | ModeKind::ReviewDiff
                ) =>
        {
            action_for(app.mode_kind(), key).or_else(|| unbound(key))
        }
        (Event::Key(key), _) if key.kind == KeyEventKind::Press => action_for(app.mode_kind(), key),
        (Event::Resize(w, h), _) => Some(Action::Resize(*w, *h)),
        (Event::Paste(text), _) => Some(Action::Paste(text.clone())),
        (Event::Mouse(_), crate::app::review::Screen::Drill { app: drill, .. }) => {
            action_for_event(drill, event)
        }
        (Event::Mouse(mouse), _) => match mouse.kind {
            MouseEventKind::ScrollUp => Some(Action::ScrollUp),
            MouseEventKind::ScrollDown => Some(Action::ScrollDown),
            _ => None,
        },
        _ => None,
    }
}

/// Raw mode, alternate screen and mouse on. The panic hook first runs
/// `rescue` (which may write unsaved edits and return where), then releases
/// the mouse and lets ratatui's hook restore the screen, then says where the
/// edits went — so the terminal is restored on every exit, panic included.
fn enter_terminal(
    rescue: impl Fn() -> Option<std::path::PathBuf> + Send + Sync + 'static,
) -> DefaultTerminal {
    let terminal = ratatui::init();
    let restore_screen = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let saved_to = rescue();
        let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
        restore_screen(info);
        if let Some(path) = saved_to {
            eprintln!(
                "未保存的修改已写入恢复文件 / unsaved edits written to: {}",
                path.display()
            );
        }
    }));
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    terminal
}

/// Mouse off, screen and raw mode restored.
fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableBracketedPaste, DisableMouseCapture);
    ratatui::restore();
}

/// Runs reviewer mode until the reviewer quits. Writes only review files and exports.
///
/// # Errors
/// Fails only when the terminal itself fails.
pub fn run_review(mut app: ReviewApp, pending: PendingHashes) -> io::Result<()> {
    let paths: Vec<std::path::PathBuf> = app
        .session
        .reviews
        .folders()
        .map(|f| f.path.clone())
        .collect();
    let mut recovery =
        crate::store::ReviewJournal::in_data_dir(&paths).map(crate::store::ReviewRecovery::new);
    // On a panic the unsaved review entries are written before the screen is restored.
    let rescue = recovery
        .as_ref()
        .map(crate::store::ReviewRecovery::panic_flush);
    let mut terminal = enter_terminal(move || rescue.as_ref().and_then(|flush| flush()));
    // Without it a resize is still seen (poll(2) is interrupted), unless it
    // lands between two waits.
    let wake = wake::Wakeups::register(wake::Wakeups::RESIZE).ok();
    let result = (|| -> io::Result<()> {
        let size = terminal.size()?;
        app.update(Action::Resize(size.width, size.height));
        // Entries a crashed or killed session left over these folders.
        if let Some(recovery) = recovery.as_mut() {
            review_recovery::take_back(&mut app, recovery);
        }
        let mut pending = Some(pending);
        while !app.should_quit {
            terminal.draw(|frame| ui::review::render(&app, frame))?;
            // The hashes the first frame did not need, taken before any key
            // is read: every key that records a review finds its workbook's hash.
            if let Some(held) = pending.take().filter(|p| !p.is_empty()) {
                app.update(Action::ReviewHashed(held.finish()));
            }
            // A timer only while the recovery's debounce runs: otherwise
            // nothing changes on its own while the reviewer is away.
            let wait = recovery
                .as_ref()
                .and_then(|r| r.time_left(std::time::Instant::now()));
            // One frame per batch of ready events, not one per event.
            for event in hangup::next_events(wait, wake.as_ref())? {
                let Some(action) = review_action_for_event(&app, &event) else {
                    continue;
                };
                let effect = app.update(action);
                perform_review(&mut app, &effect);
                if effect == ReviewEffect::Quit || app.should_quit {
                    return Ok(());
                }
            }
            if let Some(recovery) = recovery.as_mut() {
                review_recovery::after_update(&app, recovery);
            }
        }
        Ok(())
    })();
    leave_terminal();
    if let Some(recovery) = recovery.as_mut() {
        match &result {
            // Quit as asked: saved, or the reviewer chose to leave unsaved entries.
            Ok(()) => recovery.journal.remove(),
            // The terminal failed or went away: keep the entries.
            Err(_) => {
                review_recovery::after_update(&app, recovery);
                if let Some(path) = recovery.flush_now() {
                    eprintln!(
                        "未保存的审核记录已写入 / unsaved review entries written to: {}",
                        path.display()
                    );
                }
            }
        }
    }
    result
}

/// Runs the workbench until the user quits, keeping a recovery file while
/// there are unsaved edits and flushing it on SIGTERM/SIGHUP and on panic.
///
/// # Errors
/// Fails only when the terminal itself fails.
pub fn run(mut app: App, mut session: session::Session) -> io::Result<()> {
    // The documented option: Enter keeps the selection on the committed row.
    app.enter_stays = std::env::var_os("JIXIAO_ENTER_STAYS").is_some();
    let signals = crate::store::TermSignals::register().ok();
    // After `signals`, so their flag is set when the loop wakes.
    let wake = wake::Wakeups::register(wake::Wakeups::RESIZE_AND_END).ok();
    // On a panic the unsaved edits are written before the screen is restored.
    let stash = session.stash.clone();
    let mut terminal = enter_terminal(move || stash.flush().and_then(Result::ok));
    let result = run_loop(
        &mut terminal,
        &mut app,
        &mut session,
        signals.as_ref(),
        wake.as_ref(),
    );
    leave_terminal();
    // Its handlers go before a signal is passed on to the default action.
    drop(wake);
    match &result {
        Ok(Some(signal)) => {
            if let Some(path) = session.flush_recovery(&app) {
                eprintln!(
                    "收到 {name}，未保存的修改已写入 / got {name}, unsaved edits written to: {}",
                    path.display(),
                    name = crate::store::TermSignals::name(*signal),
                );
            }
            if let Some(signals) = signals {
                let _ = signals.exit_as(*signal);
            }
        }
        Err(_) => {
            // The terminal failed or went away: keep the edits.
            if let Some(path) = session.flush_recovery(&app) {
                eprintln!(
                    "未保存的修改已写入 / unsaved edits written to: {}",
                    path.display()
                );
            }
        }
        Ok(None) => {}
    }
    result.map(|_| ())
}

/// The loop; returns the signal that ended it, if one did.
fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    session: &mut session::Session,
    signals: Option<&crate::store::TermSignals>,
    wake: Option<&wake::Wakeups>,
) -> io::Result<Option<i32>> {
    let size = terminal.size()?;
    app.update(Action::Resize(size.width, size.height));
    while !app.should_quit {
        if let Some(signal) = signals.and_then(crate::store::TermSignals::caught) {
            return Ok(Some(signal));
        }
        terminal.draw(|frame| ui::render(app, frame))?;
        if session.scan_pending() {
            // Recovery files are looked for once the workbook is on screen;
            // an offer is drawn before any key is read.
            session.look_for_recovery(app);
            continue;
        }
        if session.check_evidence_once(app) {
            continue;
        }
        // Input, a signal or the recovery's debounce wake the loop; with
        // nothing unsaved there is no timer at all.
        let timeout = session.poll_timeout(std::time::Instant::now());
        // One frame per batch of ready events, not one per event.
        for event in hangup::next_events(timeout, wake)? {
            let Some(action) = action_for_event(app, &event) else {
                continue;
            };
            let effect = app.update(action);
            session.perform(app, &effect);
            session.after_update(app, std::time::Instant::now());
            if effect == Effect::Quit || app.should_quit {
                session.forget_recovery();
                return Ok(None);
            }
        }
        session.after_update(app, std::time::Instant::now());
    }
    // Quitting cleanly (nothing unsaved, or the officer chose to drop it).
    session.forget_recovery();
    Ok(None)
}

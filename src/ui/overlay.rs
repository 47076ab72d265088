//! Popups over the panes: help (generated from the keymap), choices, the quit question.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::theme::Theme;
use crate::app::keymap::{HelpFor, bindings_of, help_sections, key_label};
use crate::app::{App, Mode};
use crate::core::Lang;
use crate::i18n as t;
use crate::text::{pad_right, truncate};

fn centered(screen: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(screen.width);
    let h = height.min(screen.height);
    Rect::new(
        screen.x + (screen.width - w) / 2,
        screen.y + (screen.height - h) / 2,
        w,
        h,
    )
}

pub fn render(app: &App, frame: &mut Frame, screen: Rect, theme: &Theme) {
    match &app.mode {
        Mode::Help(scroll) => {
            help_popup(frame, screen, theme, HelpFor::Workbench, app.lang, *scroll);
        }
        Mode::Choice(choice) => {
            let height = u16::try_from(choice.options.len()).unwrap_or(10) + 2;
            let width = choice
                .options
                .iter()
                .map(|o| crate::text::width(o))
                .max()
                .unwrap_or(10)
                .clamp(16, 60);
            let area = centered(screen, u16::try_from(width + 8).unwrap_or(40), height);
            let inner = usize::from(area.width.saturating_sub(2));
            let lines: Vec<Line> = choice
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let mark = if choice.multi {
                        if choice.marked.get(i).copied().unwrap_or(false) {
                            "[✘] "
                        } else {
                            "[✔] "
                        }
                    } else {
                        ""
                    };
                    let text = truncate(&format!("{} {mark}{option}", i + 1), inner);
                    let style = if i == choice.cursor {
                        theme.selected
                    } else {
                        ratatui::style::Style::default()
                    };
                    Line::from(Span::styled(pad_right(&text, inner), style))
                })
                .collect();
            frame.render_widget(Clear, area);
            frame.render_widget(
                Paragraph::new(lines).block(super::block(app.tr(t::CHOOSE))),
                area,
            );
        }
        Mode::ConfirmExternal { .. } => {
            question(frame, screen, theme, app.tr(t::EXTERNAL_QUESTION), &[]);
        }
        Mode::RecoveryOffer(offer) => {
            let mut lines = vec![offer.summary.get(app.lang).to_owned(), String::new()];
            if offer.show_differences {
                if offer.differences.is_empty() {
                    lines.push(app.tr(t::NO_DIFFERENCES).to_owned());
                }
                lines.extend(
                    offer
                        .differences
                        .iter()
                        .skip(offer.scroll)
                        .take(usize::from(screen.height / 2))
                        .cloned(),
                );
            } else {
                lines.push(format!(
                    "{} {}",
                    offer.differences.len(),
                    app.tr(t::REVIEW_DIFFERS)
                ));
            }
            question(frame, screen, theme, app.tr(t::RECOVERY_QUESTION), &lines);
        }
        Mode::RuleForm(form) => super::forms::rule::render(app, form, frame, screen, theme),
        Mode::Evidence(dialog) => super::evidence::render(app, dialog, frame, screen, theme),
        Mode::ConfirmQuit => {
            let text = app.tr(t::QUIT_QUESTION);
            let width = u16::try_from(crate::text::width(text) + 4)
                .unwrap_or(60)
                .min(screen.width);
            let lines: Vec<Line> = crate::text::wrap(text, usize::from(width.saturating_sub(2)))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, theme.accent)))
                .collect();
            let height = u16::try_from(lines.len()).unwrap_or(1) + 2;
            let area = centered(screen, width, height);
            frame.render_widget(Clear, area);
            frame.render_widget(Paragraph::new(lines).block(super::block("")), area);
        }
        _ => {}
    }
}

/// Draws `whose` help popup, generated from the keymap, from line `scroll`.
pub(super) fn help_popup(
    frame: &mut Frame,
    screen: Rect,
    theme: &Theme,
    whose: HelpFor,
    lang: Lang,
    scroll: usize,
) {
    let mut lines = Vec::new();
    for (mode, title) in help_sections(whose) {
        lines.push(Line::from(Span::styled(title.get(lang), theme.header_row)));
        for b in bindings_of(mode) {
            let keys: Vec<String> = b.keys.iter().map(key_label).collect();
            lines.push(Line::from(format!(
                "  {} {}",
                pad_right(&keys.join(" / "), 18),
                b.help.get(lang)
            )));
        }
    }
    let area = centered(screen, 64, screen.height.saturating_sub(2));
    let visible = usize::from(area.height.saturating_sub(2));
    let first = scroll.min(lines.len().saturating_sub(visible));
    let more = lines.len() > first + visible;
    let shown: Vec<Line> = lines.into_iter().skip(first).take(visible).collect();
    let title = t::HELP_TITLE.get(lang);
    // The reviewer's popup has never marked more lines below.
    let title = if more && whose == HelpFor::Workbench {
        format!("{title} ↓")
    } else {
        title.to_owned()
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(super::block(&title)), area);
}

/// A centred question box: the body lines, then the question with its keys.
fn question(frame: &mut Frame, screen: Rect, theme: &Theme, ask: &str, body: &[String]) {
    let width = screen.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2)).max(4);
    let mut lines: Vec<Line> = body
        .iter()
        .flat_map(|l| crate::text::wrap(l, inner))
        .map(Line::from)
        .collect();
    lines.extend(
        crate::text::wrap(ask, inner)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.accent))),
    );
    let height = (u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2))
    .min(screen.height);
    let area = centered(screen, width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(super::block("")), area);
}

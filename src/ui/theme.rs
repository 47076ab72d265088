//! Colours, with a monochrome theme for `NO_COLOR` that still marks the
//! selection (reversed) and warnings (bold/underlined).

use ratatui::style::{Color, Modifier, Style};

use crate::core::engine::Severity;

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub title: Style,
    pub selected: Style,
    pub header_row: Style,
    pub group: Style,
    pub derived: Style,
    pub dim: Style,
    pub error: Style,
    pub ok: Style,
    pub accent: Style,
    pub high: Style,
    pub medium: Style,
    pub low: Style,
    pub info: Style,
    pub bar: Style,
    pub editing: Style,
}

impl Theme {
    #[must_use]
    pub fn new(monochrome: bool) -> Self {
        if monochrome {
            let plain = Style::default();
            let bold = plain.add_modifier(Modifier::BOLD);
            Self {
                title: bold,
                selected: plain.add_modifier(Modifier::REVERSED),
                header_row: bold.add_modifier(Modifier::UNDERLINED),
                group: bold,
                derived: plain.add_modifier(Modifier::ITALIC),
                dim: plain,
                error: bold.add_modifier(Modifier::UNDERLINED),
                ok: plain,
                accent: bold,
                high: bold.add_modifier(Modifier::UNDERLINED),
                medium: bold,
                low: plain,
                info: plain,
                bar: plain,
                editing: plain.add_modifier(Modifier::UNDERLINED),
            }
        } else {
            Self {
                title: Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                selected: Style::default()
                    .bg(Color::Blue)
                    .fg(Color::White)
                    .add_modifier(Modifier::BOLD),
                header_row: Style::default()
                    .fg(Color::Yellow)
                    .add_modifier(Modifier::BOLD),
                group: Style::default()
                    .fg(Color::Cyan)
                    .add_modifier(Modifier::BOLD),
                derived: Style::default().fg(Color::Magenta),
                dim: Style::default().fg(Color::DarkGray),
                error: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                ok: Style::default().fg(Color::Green),
                accent: Style::default().fg(Color::Yellow),
                high: Style::default().fg(Color::Red).add_modifier(Modifier::BOLD),
                medium: Style::default().fg(Color::Yellow),
                low: Style::default().fg(Color::Blue),
                info: Style::default().fg(Color::DarkGray),
                bar: Style::default().fg(Color::Green),
                editing: Style::default().bg(Color::DarkGray).fg(Color::White),
            }
        }
    }

    #[must_use]
    pub fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::High => self.high,
            Severity::Medium => self.medium,
            Severity::Low => self.low,
            Severity::Info => self.info,
        }
    }
}

//! A key as the keymap matches it and help shows it, and the short
//! constructors the key tables are written with (the keymap and the pane
//! registry both use them).

use crossterm::event::KeyCode;

/// One key, as matched and as shown in help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

pub(crate) const fn k(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

pub(crate) const fn c(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: false,
    }
}

pub(crate) const fn ctrl(ch: char) -> Key {
    Key {
        code: KeyCode::Char(ch),
        ctrl: true,
    }
}

//! Sentences built by appending pieces rather than with `format!`: `derive`
//! writes one rule sentence per indicator on every edit, and this is where
//! most of its time went. The rule sentences live with their kind in `rules`.

use rust_decimal::Decimal;

use crate::core::num::{push_decimal, push_percent, push_score};

pub use super::rules::describe_rule;

/// A text built piece by piece.
#[derive(Default)]
pub struct Text(String);

impl Text {
    #[must_use]
    pub fn new() -> Self {
        Self(String::with_capacity(96))
    }

    /// Appends plain text.
    #[must_use]
    pub fn s(mut self, piece: &str) -> Self {
        self.0.push_str(piece);
        self
    }

    /// Appends a score as `fmt_score` writes it.
    #[must_use]
    pub fn score(mut self, value: Decimal) -> Self {
        push_score(&mut self.0, value);
        self
    }

    /// Appends a rate as `fmt_percent` writes it.
    #[must_use]
    pub fn pct(mut self, value: Decimal) -> Self {
        push_percent(&mut self.0, value);
        self
    }

    /// Appends a number exactly as stored.
    #[must_use]
    pub fn num(mut self, value: Decimal) -> Self {
        push_decimal(&mut self.0, value);
        self
    }

    /// Appends a whole count.
    #[must_use]
    pub fn count(self, n: usize) -> Self {
        self.num(Decimal::from(n))
    }

    #[must_use]
    pub fn done(self) -> String {
        self.0
    }
}

/// A list written in both languages: each item by `zh` and `en`, with the
/// separator's zh and en halves between items.
pub fn joined<T>(
    items: &[T],
    separator: (&str, &str),
    zh: impl Fn(Text, &T) -> Text,
    en: impl Fn(Text, &T) -> Text,
) -> (Text, Text) {
    let (mut zh_text, mut en_text) = (Text::new(), Text::new());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            zh_text = zh_text.s(separator.0);
            en_text = en_text.s(separator.1);
        }
        zh_text = zh(zh_text, item);
        en_text = en(en_text, item);
    }
    (zh_text, en_text)
}

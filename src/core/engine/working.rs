//! A rule's arithmetic as data: pieces with exact numbers, written in zh or en
//! by the one renderer below. Intermediates are shown exactly; the one
//! rounding (half-up, 2 places, docs/format.md §2.2) is applied only to the
//! result, and shown as "exact ≈ rounded" when it changes the figure.

use rust_decimal::Decimal;

use crate::core::num::{push_decimal, push_percent, push_score, push_trimmed, round2};
use crate::core::{Bilingual, Lang};

/// One piece of a working.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Words in each language (either may be empty where the other language
    /// puts its words elsewhere).
    Words(&'static str, &'static str),
    /// Text already in both languages (a reason from elsewhere).
    Both(&'a Bilingual),
    /// An operator: bare in zh ("×"), spaced in en (" × ").
    Op(&'static str),
    /// Between two steps: "，" in zh, "; " in en.
    StepBreak,
    /// The rate the rule reads, as displayed (2 places, "%").
    Rate(Decimal),
    /// An input or intermediate, exactly (trailing zeros trimmed).
    Exact(Decimal),
    /// The result: exact, then "≈ rounded" when the display rounding changes it.
    Result(Decimal),
    /// A whole count.
    Count(usize),
    /// A label from the table (category, level), the same in both languages.
    Label(&'a str),
}

impl Piece<'_> {
    /// Written alike in both languages: numbers and the table's labels.
    fn reads_the_same(&self) -> bool {
        matches!(
            self,
            Self::Rate(_) | Self::Exact(_) | Self::Count(_) | Self::Label(_)
        )
    }
}

/// A builder method per one-value piece: `name(value)` appends `Piece::Kind(value)`.
macro_rules! piece_methods {
    ($($name:ident($value:ty) => $kind:ident;)+) => {
        $(
            #[must_use]
            pub fn $name(self, value: $value) -> Self {
                self.push(Piece::$kind(value))
            }
        )+
    };
}

/// The arithmetic that produced a score.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Working<'a> {
    pieces: Vec<Piece<'a>>,
}

impl<'a> Working<'a> {
    #[must_use]
    pub fn new() -> Self {
        Self {
            pieces: Vec::with_capacity(16),
        }
    }

    #[must_use]
    pub fn push(mut self, piece: Piece<'a>) -> Self {
        self.pieces.push(piece);
        self
    }

    #[must_use]
    pub fn words(self, zh: &'static str, en: &'static str) -> Self {
        self.push(Piece::Words(zh, en))
    }

    #[must_use]
    pub fn step_break(self) -> Self {
        self.push(Piece::StepBreak)
    }

    piece_methods! {
        op(&'static str) => Op;
        rate(Decimal) => Rate;
        exact(Decimal) => Exact;
        result(Decimal) => Result;
        count(usize) => Count;
        label(&'a str) => Label;
        both(&'a Bilingual) => Both;
    }

    /// `a op b = result`, the common shape of one step.
    #[must_use]
    pub fn binary(self, a: Decimal, op: &'static str, b: Decimal, result: Decimal) -> Self {
        self.exact(a).op(op).exact(b).op("=").exact(result)
    }

    #[must_use]
    pub fn pieces(&self) -> &[Piece<'a>] {
        &self.pieces
    }

    /// The working in one language.
    #[must_use]
    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(96);
        for piece in &self.pieces {
            render_piece(&mut out, piece, lang);
        }
        out
    }

    /// The working in both languages, in one pass: a number is written
    /// once and copied (writing numbers was most of the cost of a working).
    #[must_use]
    pub fn bilingual(&self) -> Bilingual {
        let mut zh = String::with_capacity(96);
        let mut en = String::with_capacity(112);
        for piece in &self.pieces {
            let start = zh.len();
            render_piece(&mut zh, piece, Lang::Zh);
            if piece.reads_the_same() {
                en.push_str(&zh[start..]);
            } else {
                render_piece(&mut en, piece, Lang::En);
            }
        }
        Bilingual { zh, en }
    }
}

fn render_piece(out: &mut String, piece: &Piece<'_>, lang: Lang) {
    let zh = lang == Lang::Zh;
    match piece {
        Piece::Words(w_zh, w_en) => out.push_str(if zh { w_zh } else { w_en }),
        Piece::Both(text) => out.push_str(text.get(lang)),
        Piece::Op(op) => push_op(out, op, zh),
        Piece::StepBreak => out.push_str(if zh { "，" } else { "; " }),
        Piece::Rate(value) => push_percent(out, *value),
        Piece::Exact(value) => push_exact(out, *value),
        Piece::Result(value) => {
            push_exact(out, *value);
            if round2(*value) != *value {
                push_op(out, "≈", zh);
                push_score(out, *value);
            }
        }
        Piece::Count(n) => push_decimal(out, Decimal::from(*n)),
        Piece::Label(text) => out.push_str(text),
    }
}

fn push_op(out: &mut String, op: &str, zh: bool) {
    if zh {
        out.push_str(op);
    } else {
        out.push(' ');
        out.push_str(op);
        out.push(' ');
    }
}

/// A number exactly, trailing zeros trimmed ("5", "0.005", "-2.5"); never "-0".
pub fn push_exact(out: &mut String, value: Decimal) {
    push_trimmed(out, value);
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn one_renderer_writes_both_languages() {
        let w = Working::new()
            .exact(dec!(0.01))
            .words(" 个百分点", " points beyond")
            .op("×")
            .exact(dec!(0.5))
            .op("=")
            .exact(dec!(0.005))
            .step_break()
            .binary(dec!(10), "-", dec!(0.005), dec!(9.995));
        assert_eq!(
            w.render(Lang::Zh),
            "0.01 个百分点×0.5=0.005，10-0.005=9.995"
        );
        assert_eq!(
            w.render(Lang::En),
            "0.01 points beyond × 0.5 = 0.005; 10 - 0.005 = 9.995"
        );
    }

    #[test]
    fn both_languages_at_once_are_each_language_alone() {
        let reason = Bilingual::new("未填", "not given");
        let w = Working::new()
            .words("差异率", "variance")
            .rate(dec!(19.5833))
            .op("≤")
            .exact(dec!(5.00))
            .step_break()
            .count(3)
            .label("较好")
            .both(&reason)
            .result(dec!(9.995))
            .op("=")
            .result(dec!(4.50));
        let both = w.bilingual();
        assert_eq!(both.zh, w.render(Lang::Zh));
        assert_eq!(both.en, w.render(Lang::En));
        assert_ne!(both.zh, both.en);
    }

    #[test]
    fn the_result_shows_its_one_rounding() {
        let w = Working::new().result(dec!(9.995));
        assert_eq!(w.render(Lang::Zh), "9.995≈10");
        assert_eq!(w.render(Lang::En), "9.995 ≈ 10");
        let w = Working::new().result(dec!(4.50));
        assert_eq!(w.render(Lang::Zh), "4.5");
    }

    #[test]
    fn exact_trims_and_never_writes_minus_zero() {
        let mut out = String::new();
        push_exact(&mut out, dec!(-0.00));
        push_exact(&mut out, dec!(12.3400));
        assert_eq!(out, "012.34");
    }

    #[test]
    fn exact_writes_what_normalize_gives() {
        let values = [
            dec!(0),
            dec!(100),
            dec!(100.00),
            dec!(1000.10),
            dec!(0.0050),
            dec!(-2.50),
            dec!(-0.001),
            dec!(79228162514264337593543950335),
            dec!(0.0000000000000000000000000010),
            Decimal::new(5, 28),
            Decimal::new(-120, 1),
        ];
        for value in values {
            let mut out = String::new();
            push_exact(&mut out, value);
            assert_eq!(out, value.normalize().to_string(), "{value:?}");
        }
    }
}

//! A target or an actual as units write it: `≥50个`, `≥95%`, `≤90万元`,
//! `=100%`, `不低于98%`, `在规定时间内完成`; `—`, `/`, `*` mean empty.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::core::model::Direction;

/// What a written value says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Nothing there (blank, `—`, `/`, `*`, `无`).
    Empty,
    /// A number, with the sign written before it (if any) and its unit.
    Number {
        sign: Option<Direction>,
        value: Decimal,
        /// `%` for `%`, `％` and `百分比`; otherwise as written (`个`, `万元`).
        unit: String,
    },
    /// Words: a qualitative value, or one that cannot be read as a number.
    Text(String),
}

/// Texts that mean "nothing here".
const EMPTY_MARKS: &[&str] = &[
    "", "—", "——", "-", "--", "－", "/", "／", "*", "＊", "无", "/ ", "\\",
];

/// Written prefixes and the direction they give.
const SIGNS: &[(&str, Direction)] = &[
    ("≥", Direction::AtLeast),
    (">=", Direction::AtLeast),
    ("＞＝", Direction::AtLeast),
    ("≧", Direction::AtLeast),
    ("不低于", Direction::AtLeast),
    ("不少于", Direction::AtLeast),
    ("大于等于", Direction::AtLeast),
    ("达到", Direction::AtLeast),
    (">", Direction::AtLeast),
    ("＞", Direction::AtLeast),
    ("≤", Direction::AtMost),
    ("<=", Direction::AtMost),
    ("＜＝", Direction::AtMost),
    ("≦", Direction::AtMost),
    ("不高于", Direction::AtMost),
    ("不超过", Direction::AtMost),
    ("小于等于", Direction::AtMost),
    ("<", Direction::AtMost),
    ("＜", Direction::AtMost),
    ("=", Direction::Equal),
    ("＝", Direction::Equal),
];

/// Reads a written value. Never guesses: what is not a sign, a number and a
/// short unit is text.
#[must_use]
pub fn read(text: &str) -> Written {
    let trimmed = text.trim();
    if EMPTY_MARKS.contains(&trimmed) {
        return Written::Empty;
    }
    let mut rest = trimmed;
    let mut sign = None;
    for (prefix, direction) in SIGNS {
        if let Some(after) = rest.strip_prefix(prefix) {
            sign = Some(*direction);
            rest = after.trim_start();
            break;
        }
    }
    let digits_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(rest.len(), |(i, _)| i);
    let (number, unit) = rest.split_at(digits_end);
    let number: String = number.chars().filter(|c| *c != ',').collect();
    let Ok(value) = Decimal::from_str(&number) else {
        return Written::Text(trimmed.to_owned());
    };
    let unit = unit.trim();
    // "95%以上" writes the sign after the number.
    let (unit, sign) = match unit
        .strip_suffix("以上")
        .or_else(|| unit.strip_suffix("及以上"))
    {
        Some(u) if sign.is_none() => (u.trim(), Some(Direction::AtLeast)),
        _ => match unit
            .strip_suffix("以下")
            .or_else(|| unit.strip_suffix("及以下"))
        {
            Some(u) if sign.is_none() => (u.trim(), Some(Direction::AtMost)),
            _ => (unit, sign),
        },
    };
    if unit.chars().count() > 6 || unit.chars().any(|c| c.is_ascii_digit()) {
        return Written::Text(trimmed.to_owned());
    }
    Written::Number {
        sign,
        value,
        unit: normalise_unit(unit),
    }
}

/// `%`, `％` and `百分比` are one unit.
#[must_use]
pub fn normalise_unit(unit: &str) -> String {
    match unit.trim() {
        "％" | "百分比" | "百分点" | "%" => "%".to_owned(),
        other => other.to_owned(),
    }
}

impl Written {
    #[must_use]
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Self::Number { value, .. } => Some(*value),
            _ => None,
        }
    }

    #[must_use]
    pub fn sign(&self) -> Option<Direction> {
        match self {
            Self::Number { sign, .. } => *sign,
            _ => None,
        }
    }

    #[must_use]
    pub fn unit(&self) -> &str {
        match self {
            Self::Number { unit, .. } => unit,
            _ => "",
        }
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Empty)
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn num(sign: Option<Direction>, value: Decimal, unit: &str) -> Written {
        Written::Number {
            sign,
            value,
            unit: unit.to_owned(),
        }
    }

    #[test]
    fn values_read_as_units_write_them() {
        let ge = Some(Direction::AtLeast);
        assert_eq!(read("≥50个"), num(ge, dec!(50), "个"));
        assert_eq!(read("≥95%"), num(ge, dec!(95), "%"));
        assert_eq!(read("≥100百分比"), num(ge, dec!(100), "%"));
        assert_eq!(
            read("≤90万元"),
            num(Some(Direction::AtMost), dec!(90), "万元")
        );
        assert_eq!(read("=100%"), num(Some(Direction::Equal), dec!(100), "%"));
        assert_eq!(read("98.5％"), num(None, dec!(98.5), "%"));
        assert_eq!(read("1,200 人次"), num(None, dec!(1200), "人次"));
        assert_eq!(read("95%以上"), num(ge, dec!(95), "%"));
        assert_eq!(read("不低于 90%"), num(ge, dec!(90), "%"));
    }

    #[test]
    fn marks_mean_empty_and_words_stay_words() {
        for mark in ["—", "/", "*", " ", "", "－"] {
            assert_eq!(read(mark), Written::Empty, "{mark}");
        }
        assert_eq!(
            read("在规定时间内完成"),
            Written::Text("在规定时间内完成".to_owned())
        );
        assert_eq!(read("效果明显"), Written::Text("效果明显".to_owned()));
        // A number inside a sentence is not read out of it.
        assert_eq!(
            read("2023年12月底前完成"),
            Written::Text("2023年12月底前完成".to_owned())
        );
    }
}

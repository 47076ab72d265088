//! Exact numbers: money amounts, head counts, and the one rounding rule.
//!
//! Rounding rule (the only one in jixiao): half-up (away from zero for
//! negatives, 四舍五入), to 2 decimal places for rates and displayed scores.
//! Amounts are never rounded: they are shown exactly as stored.
//!
//! Format decimals with `fmt_percent`, `fmt_score`, `push_decimal` or
//! `Plain`, not with `{:.3}` or more places: `rust_decimal` 1.43 panics on
//! that for values near `Decimal::MAX` (`{:.2}` and plain `{}` are safe).

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Places kept when a rate or a score is displayed.
pub const DISPLAY_PLACES: u32 = 2;

/// Rounds half-up to 2 places: 19.575 → 19.58, −19.575 → −19.58.
#[must_use]
pub fn round2(value: Decimal) -> Decimal {
    value.round_dp_with_strategy(DISPLAY_PLACES, RoundingStrategy::MidpointAwayFromZero)
}

/// Decimal places an Excel formula is pre-rounded to before it is rounded for
/// display: enough for any rate or amount of a budget, few enough to wipe out
/// binary floating-point noise (1.125 computed as 1.1249999999999998).
pub const EXCEL_PRE_ROUND_PLACES: u32 = 10;

/// The Excel formula that rounds `expr` half-up to `places` as `round2` does.
/// Excel's and `LibreOffice`'s `ROUND` see the binary double, so a decimal
/// half-way value that arithmetic left a hair below the half rounds down
/// there (1.12 where jixiao gives 1.13); rounding to
/// `EXCEL_PRE_ROUND_PLACES` first puts it back on the half. Every formula
/// helper (metrics, rules, the workload sheet) rounds through this one.
#[must_use]
pub fn excel_round(expr: &str, places: u32) -> String {
    format!("ROUND(ROUND({expr},{EXCEL_PRE_ROUND_PLACES}),{places})")
}

/// Rounds like `round2` and keeps exactly 2 places, as a rate is shown:
/// 100 → 100.00, 19.575 → 19.58.
#[must_use]
pub fn round2_fixed(value: Decimal) -> Decimal {
    let mut rounded = round2(value);
    rounded.rescale(DISPLAY_PLACES);
    rounded
}

/// `value` as one of the `push_…` writers below writes it, in a new string.
fn written(value: Decimal, push: fn(&mut String, Decimal)) -> String {
    let mut out = String::with_capacity(12);
    push(&mut out, value);
    out
}

/// Formats a rate as the report prints it: 2 places and a percent sign.
#[must_use]
pub fn fmt_percent(value: Decimal) -> String {
    written(value, push_percent)
}

/// Appends `fmt_percent(value)` to `out`.
pub fn push_percent(out: &mut String, value: Decimal) {
    let rounded = round2_fixed(value);
    push_decimal(out, rounded);
    // Values too large to hold 2 places are padded in the text, as `{:.2}` does.
    if rounded.scale() < DISPLAY_PLACES {
        if rounded.scale() == 0 {
            out.push('.');
        }
        for _ in rounded.scale()..DISPLAY_PLACES {
            out.push('0');
        }
    }
    out.push('%');
}

/// Formats a score: rounded to 2 places, trailing zeros trimmed ("94", "3.5", "3.65").
#[must_use]
pub fn fmt_score(value: Decimal) -> String {
    written(value, push_score)
}

/// Appends `fmt_score(value)` to `out`.
pub fn push_score(out: &mut String, value: Decimal) {
    push_trimmed(out, round2(value));
}

/// Appends `value` with trailing zeros trimmed ("5", "0.005", "-2.5"), the
/// digits `normalize` would give; never "-0".
pub fn push_trimmed(out: &mut String, value: Decimal) {
    let start = out.len();
    push_decimal(out, value);
    if out[start..].contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
}

/// Appends `value` exactly as `Decimal`'s `Display` writes it (all stored
/// places, "-" for negatives), without its slow general path for the
/// everyday numbers whose digits fit in 64 bits. The engine formats many
/// numbers into its explanations; this keeps `derive` fast.
pub fn push_decimal(out: &mut String, value: Decimal) {
    let _ = write_decimal(out, value);
}

/// `push_decimal` for any writer.
fn write_decimal<W: fmt::Write>(out: &mut W, value: Decimal) -> fmt::Result {
    let scale = value.scale();
    let Ok(digits) = u64::try_from(value.mantissa().unsigned_abs()) else {
        return write!(out, "{value}");
    };
    if scale > 19 {
        return write!(out, "{value}");
    }
    if value.is_sign_negative() {
        out.write_char('-')?;
    }
    let unit = 10u64.pow(scale);
    write_u64(out, digits / unit, 1)?;
    if scale > 0 {
        out.write_char('.')?;
        write_u64(out, digits % unit, scale as usize)?;
    }
    Ok(())
}

/// Writes `n` in decimal, left-padded with zeros to `width` digits.
fn write_u64<W: fmt::Write>(out: &mut W, mut n: u64, width: usize) -> fmt::Result {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    while n > 0 {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    let at = at.min(buf.len().saturating_sub(width));
    for &b in &buf[at..] {
        out.write_char(char::from(b))?;
    }
    Ok(())
}

/// A decimal for `format!`: displays exactly as `Decimal` does, through the
/// fast path of `push_decimal`. Width and precision flags are honoured by
/// handing over to `Decimal`'s own `Display`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plain(pub Decimal);

impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.width().is_some() || f.precision().is_some() {
            return fmt::Display::fmt(&self.0, f);
        }
        write_decimal(f, self.0)
    }
}

/// An amount in 万元 with at most 2 decimal places, stored as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub Decimal);

/// A whole count of people or posts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Count(pub u32);

/// Why a typed number was refused. Messages come in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NumberError {
    #[error("empty")]
    Empty,
    #[error("not a number: {0}")]
    NotANumber(String),
    #[error("more than one decimal point")]
    TwoPoints,
    #[error("too many decimal places (at most {max})")]
    TooManyPlaces { max: u32 },
    #[error("negative value not allowed")]
    Negative,
    #[error("must be a whole number")]
    NotWhole,
    #[error("value above {max}")]
    AboveMax { max: Decimal },
    #[error("number too large")]
    TooLarge,
}

impl NumberError {
    /// The message in Chinese, for the status bar.
    #[must_use]
    pub fn zh(&self) -> String {
        match self {
            Self::Empty => "请输入数值".to_owned(),
            Self::NotANumber(s) => format!("“{s}”不是数字"),
            Self::TwoPoints => "小数点多于一个".to_owned(),
            Self::TooManyPlaces { max } => format!("小数位数过多（最多 {max} 位）"),
            Self::Negative => "此处不能为负数".to_owned(),
            Self::NotWhole => "此处须为整数".to_owned(),
            Self::AboveMax { max } => format!("不能超过 {max}"),
            Self::TooLarge => "数值过大".to_owned(),
        }
    }

    /// The message in English.
    #[must_use]
    pub fn en(&self) -> String {
        self.to_string()
    }
}

/// What a field accepts when typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumberRules {
    pub max_places: u32,
    pub allow_negative: bool,
    pub max: Option<Decimal>,
}

impl NumberRules {
    pub const MONEY: Self = Self::unsigned(2);
    pub const SIGNED_MONEY: Self = Self::unsigned(2).signed();
    pub const COUNT: Self = Self::unsigned(0);
    pub const PERCENT: Self = Self::unsigned(4);

    /// Up to `max_places` decimal places, not negative, no upper bound.
    #[must_use]
    pub const fn unsigned(max_places: u32) -> Self {
        Self {
            max_places,
            allow_negative: false,
            max: None,
        }
    }

    /// The same, and negative numbers allowed.
    #[must_use]
    pub const fn signed(self) -> Self {
        Self {
            allow_negative: true,
            ..self
        }
    }
}

/// Maps full-width digits and separators (as a Chinese IME types them) to ASCII,
/// and drops thousands separators and spaces.
fn normalise_input(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.trim().chars() {
        let mapped = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '．' | '。' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            ',' | '，' | '、' | ' ' | '\u{3000}' | '_' => continue,
            other => other,
        };
        out.push(mapped);
    }
    out
}

/// Parses what a person typed: `1,234.56`, `１２３４．５６`, `-3`.
///
/// # Errors
/// Returns why the text is not an acceptable number under `rules`.
pub fn parse_number(text: &str, rules: NumberRules) -> Result<Decimal, NumberError> {
    let cleaned = normalise_input(text);
    if cleaned.is_empty() {
        return Err(NumberError::Empty);
    }
    if cleaned.matches('.').count() > 1 {
        return Err(NumberError::TwoPoints);
    }
    let body = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    let valid_chars =
        !body.is_empty() && body != "." && body.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !valid_chars {
        return Err(NumberError::NotANumber(text.trim().to_owned()));
    }
    let value =
        without_negative_zero(Decimal::from_str(&cleaned).map_err(|_| NumberError::TooLarge)?);
    if value.scale() > rules.max_places {
        return Err(if rules.max_places == 0 {
            NumberError::NotWhole
        } else {
            NumberError::TooManyPlaces {
                max: rules.max_places,
            }
        });
    }
    if value.is_sign_negative() && !value.is_zero() && !rules.allow_negative {
        return Err(NumberError::Negative);
    }
    if let Some(max) = rules.max
        && value > max
    {
        return Err(NumberError::AboveMax { max });
    }
    Ok(value)
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&stored_text(self.0))
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_stored(&text, 2, true).map(Money).map_err(|why| {
            serde::de::Error::custom(format!(
                "invalid amount \"{text}\": {why}; expected a decimal string with at most 2 places, e.g. \"588.55\""
            ))
        })
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.0)
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        u32::deserialize(deserializer).map(Count)
    }
}

/// −0 and −0.00 are zero: kept positive so that text and value round-trip.
fn without_negative_zero(mut value: Decimal) -> Decimal {
    if value.is_zero() {
        value.set_sign_positive(true);
    }
    value
}

/// A decimal as written to a file: as typed, scale kept, never "-0".
fn stored_text(value: Decimal) -> String {
    without_negative_zero(value).to_string()
}

/// Parses a decimal as stored in a file: plain ASCII, no separators.
fn parse_stored(text: &str, max_places: u32, allow_negative: bool) -> Result<Decimal, String> {
    let plain = !text.is_empty()
        && text
            .strip_prefix('-')
            .unwrap_or(text)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    if !plain {
        return Err("not a plain decimal number".to_owned());
    }
    let value = without_negative_zero(Decimal::from_str(text).map_err(|e| e.to_string())?);
    if value.scale() > max_places {
        return Err(format!("more than {max_places} decimal places"));
    }
    if value.is_sign_negative() && !allow_negative {
        return Err("negative".to_owned());
    }
    Ok(value)
}

/// Reads a stored decimal straight from the parser's text, without an owned
/// copy of it (a review start reads hundreds of thousands); the messages are
/// those of reading a `String` first.
struct StoredDecimal {
    allow_negative: bool,
    /// What the message says was expected.
    expected: &'static str,
}

impl serde::de::Visitor<'_> for StoredDecimal {
    type Value = Decimal;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Decimal, E> {
        parse_stored(text, 28, self.allow_negative).map_err(|why| {
            E::custom(format!(
                "invalid number \"{text}\": {why}; {}",
                self.expected
            ))
        })
    }
}

const ANY_DECIMAL: StoredDecimal = StoredDecimal {
    allow_negative: true,
    expected: "expected a decimal string, e.g. \"19.58\"",
};

/// An optional stored decimal: null, or as [`StoredDecimal`].
struct OptionalDecimal;

impl<'de> serde::de::Visitor<'de> for OptionalDecimal {
    type Value = Option<Decimal>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("option")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(ANY_DECIMAL).map(Some)
    }
}

/// Serde helpers for plain `Decimal` values (rates, scores, weights, workload
/// counts) stored as strings, with any number of places.
pub mod dec_str {
    use super::{Decimal, Deserializer, Serializer, stored_text};

    /// # Errors
    /// Fails when the serializer fails.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&stored_text(*value))
    }

    /// # Errors
    /// Fails when the text is not a plain decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_str(super::ANY_DECIMAL)
    }
}

/// Serde helpers for weights (分值): like [`dec_str`], but a negative weight
/// is an error, so a bad file is refused instead of scoring against it.
pub mod weight_str {
    use super::{Decimal, Deserializer, Serializer};

    /// # Errors
    /// Fails when the serializer fails.
    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        super::dec_str::serialize(value, serializer)
    }

    /// # Errors
    /// Fails when the text is not a plain, non-negative decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        deserializer.deserialize_str(super::StoredDecimal {
            allow_negative: false,
            expected: "expected a weight of 0 or more, e.g. \"5\"",
        })
    }
}

/// Serde helpers for `Option<Decimal>` stored as a string or null.
pub mod dec_str_opt {
    use super::{Decimal, Deserializer, Serializer, stored_text};

    /// # Errors
    /// Fails when the serializer fails.
    #[allow(clippy::ref_option)]
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => serializer.serialize_str(&stored_text(*v)),
            None => serializer.serialize_none(),
        }
    }

    /// # Errors
    /// Fails when the text is not a plain decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        deserializer.deserialize_option(super::OptionalDecimal)
    }
}

/// A workload count as written: "1300余" for a lower bound, else "202".
#[must_use]
pub fn count_text(value: Decimal, lower_bound: bool) -> String {
    if lower_bound {
        format!("{value}余")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounds_half_up_both_signs() {
        assert_eq!(round2(dec!(19.575)), dec!(19.58));
        assert_eq!(round2(dec!(-19.575)), dec!(-19.58));
        assert_eq!(round2(dec!(1.13158)), dec!(1.13));
        assert_eq!(round2(dec!(0.005)), dec!(0.01));
        assert_eq!(round2(dec!(0.00499)), dec!(0.00));
        assert_eq!(round2_fixed(dec!(100)).to_string(), "100.00");
        assert_eq!(round2_fixed(dec!(-19.575)).to_string(), "-19.58");
        assert_eq!(round2_fixed(Decimal::MAX), Decimal::MAX);
    }

    #[test]
    // The xorshift state is cut into 32-bit words on purpose.
    #[allow(clippy::cast_possible_truncation)]
    fn push_decimal_writes_what_display_writes() {
        let mut values = vec![
            dec!(0),
            dec!(0.00),
            dec!(-0.00),
            dec!(94),
            dec!(19.5750),
            dec!(-19.58),
            dec!(0.0000000000000000001),
            dec!(18446744073709551615),
            dec!(18446744073709551616),
            dec!(1844674407370955161.5),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-123_456_789, 19),
            Decimal::new(-123_456_789, 20),
        ];
        // A spread of mantissas and scales, deterministic.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for i in 0..2_000u32 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let hi = if i % 3 == 0 { (x >> 40) as u32 } else { 0 };
            values.push(Decimal::from_parts(
                x as u32,
                (x >> 32) as u32,
                hi,
                i % 2 == 0,
                i % 29,
            ));
        }
        for v in values {
            let mut fast = String::new();
            push_decimal(&mut fast, v);
            assert_eq!(fast, v.to_string(), "{v:?}");
            assert_eq!(Plain(v).to_string(), v.to_string(), "{v:?}");
            assert_eq!(format!("{:>8}", Plain(v)), format!("{v:>8}"));
            assert_eq!(fmt_score(v), round2(v).normalize().to_string(), "{v:?}");
            assert_eq!(fmt_percent(v), format!("{:.2}%", round2(v)), "{v:?}");
        }
    }

    #[test]
    fn formats_percent_and_score() {
        assert_eq!(fmt_percent(dec!(100)), "100.00%");
        assert_eq!(fmt_percent(dec!(19.5750)), "19.58%");
        assert_eq!(fmt_score(dec!(94.000)), "94");
        assert_eq!(fmt_score(dec!(3.645)), "3.65");
    }

    #[test]
    fn parses_what_people_type() {
        let m = NumberRules::MONEY;
        assert_eq!(parse_number("1,234.56", m), Ok(dec!(1234.56)));
        assert_eq!(parse_number("１２３４．５６", m), Ok(dec!(1234.56)));
        assert_eq!(parse_number(" 588.55 ", m), Ok(dec!(588.55)));
        assert_eq!(parse_number("１，２３４", m), Ok(dec!(1234)));
        assert_eq!(parse_number("0", m), Ok(dec!(0)));
        assert_eq!(parse_number("-0", m), Ok(dec!(0)));
    }

    #[test]
    fn rejects_bad_input_with_reason() {
        let m = NumberRules::MONEY;
        assert_eq!(parse_number("", m), Err(NumberError::Empty));
        assert_eq!(
            parse_number("12a", m),
            Err(NumberError::NotANumber("12a".into()))
        );
        assert_eq!(parse_number("1.2.3", m), Err(NumberError::TwoPoints));
        assert_eq!(
            parse_number("1.234", m),
            Err(NumberError::TooManyPlaces { max: 2 })
        );
        assert_eq!(parse_number("-5", m), Err(NumberError::Negative));
        assert_eq!(
            parse_number(".", m),
            Err(NumberError::NotANumber(".".into()))
        );
        assert_eq!(
            parse_number("1e5", m),
            Err(NumberError::NotANumber("1e5".into()))
        );
        assert_eq!(
            parse_number("2.5", NumberRules::COUNT),
            Err(NumberError::NotWhole)
        );
        assert_eq!(parse_number("-5", NumberRules::SIGNED_MONEY), Ok(dec!(-5)));
        let capped = NumberRules {
            max: Some(dec!(5)),
            ..NumberRules::PERCENT
        };
        assert_eq!(
            parse_number("5.01", capped),
            Err(NumberError::AboveMax { max: dec!(5) })
        );
        assert!(parse_number("99999999999999999999999999999999", m).is_err());
    }

    #[test]
    fn error_messages_exist_in_both_languages() {
        let e = NumberError::TooManyPlaces { max: 2 };
        assert!(e.zh().contains("小数位数"));
        assert!(e.en().contains("decimal places"));
    }

    #[test]
    fn money_serde_keeps_text_and_refuses_three_places() {
        let m: Money = serde_json::from_str("\"0.00\"").expect("parse");
        assert_eq!(serde_json::to_string(&m).expect("ser"), "\"0.00\"");
        assert!(serde_json::from_str::<Money>("\"1.234\"").is_err());
        assert!(serde_json::from_str::<Money>("\"12a\"").is_err());
        assert!(serde_json::from_str::<Money>("12.5").is_err());
        let mut zero = Decimal::new(0, 2);
        zero.set_sign_negative(true);
        assert_eq!(zero.to_string(), "-0.00");
        assert_eq!(
            serde_json::to_string(&Money(zero)).expect("ser"),
            "\"0.00\""
        );
        let parsed = parse_number("-0.00", NumberRules::MONEY).expect("zero");
        assert!(!parsed.is_sign_negative());
    }
}

//! The parameters a rule kind declares for the rule form: their names, their
//! shapes, and the one way typed text becomes a parameter (or a reason why
//! not). Each rule module lists its own `PARAMS`; the form reads the list, so
//! a parameter added to a module appears in the form without touching it.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::core::Bilingual;
use crate::core::model::BandOp;

/// How a parameter is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamShape {
    /// A number (a rate in percent or points).
    Number,
    /// Yes or no (`true` / `false`), toggled.
    Flag,
    /// One of these keys, cycled.
    Choice(&'static [&'static str]),
    /// Entries separated by `；` or `;`, as the param's hint shows.
    List,
}

/// One parameter of a rule kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    pub key: &'static str,
    pub label: (&'static str, &'static str),
    pub shape: ParamShape,
    /// How to type it (an example), zh and en.
    pub hint: (&'static str, &'static str),
}

impl Param {
    /// A number (a rate in percent or points), typed as `hint` shows.
    #[must_use]
    pub const fn number(key: &'static str, label: Pair, hint: Pair) -> Self {
        Self::new(key, label, ParamShape::Number, hint)
    }

    /// Yes or no, toggled.
    #[must_use]
    pub const fn flag(key: &'static str, label: Pair, hint: Pair) -> Self {
        Self::new(key, label, ParamShape::Flag, hint)
    }

    /// One of `keys`, cycled.
    #[must_use]
    pub const fn choice(
        key: &'static str,
        label: Pair,
        keys: &'static [&'static str],
        hint: Pair,
    ) -> Self {
        Self::new(key, label, ParamShape::Choice(keys), hint)
    }

    /// Entries separated by `；` or `;`.
    #[must_use]
    pub const fn list(key: &'static str, label: Pair, hint: Pair) -> Self {
        Self::new(key, label, ParamShape::List, hint)
    }

    const fn new(key: &'static str, label: Pair, shape: ParamShape, hint: Pair) -> Self {
        Self {
            key,
            label,
            shape,
            hint,
        }
    }
}

/// A text in Chinese and English, as a parameter's label or hint.
type Pair = (&'static str, &'static str);

fn label(param: &Param) -> String {
    param.label.0.to_owned()
}

/// The text of parameter `at`, or empty.
#[must_use]
pub fn text(values: &[String], at: usize) -> &str {
    values.get(at).map_or("", String::as_str).trim()
}

/// A number parameter.
///
/// # Errors
/// The text is not a number.
pub fn number(params: &[Param], values: &[String], at: usize) -> Result<Decimal, Bilingual> {
    let raw = text(values, at);
    let name = params.get(at).map(label).unwrap_or_default();
    let en_name = params.get(at).map(|p| p.label.1).unwrap_or_default();
    parse_decimal(raw).ok_or_else(|| {
        Bilingual::new(
            format!("{name}：“{raw}”不是数字"),
            format!("{en_name}: “{raw}” is not a number"),
        )
    })
}

fn parse_decimal(raw: &str) -> Option<Decimal> {
    let cleaned: String = raw
        .chars()
        .filter(|c| !matches!(c, '%' | '％' | ' ' | '分'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect();
    Decimal::from_str(&cleaned).ok()
}

/// A flag parameter (`true` unless empty, `false`, `否` or `0`).
#[must_use]
pub fn flag(values: &[String], at: usize) -> bool {
    !matches!(text(values, at), "" | "false" | "否" | "0" | "no")
}

/// Shows a flag as the form stores it.
#[must_use]
pub fn flag_text(on: bool) -> String {
    if on { "true" } else { "false" }.to_owned()
}

/// The entries of a list parameter.
#[must_use]
pub fn entries(values: &[String], at: usize) -> Vec<String> {
    text(values, at)
        .split(['；', ';', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The entries of a list parameter that must hold at least one.
///
/// # Errors
/// The list is empty.
pub fn required_entries(
    params: &[Param],
    values: &[String],
    at: usize,
) -> Result<Vec<String>, Bilingual> {
    let list = entries(values, at);
    if list.is_empty() {
        let (zh, en) = params.get(at).map_or(("", ""), |p| p.label);
        return Err(Bilingual::new(
            format!("{zh}：至少写一项"),
            format!("{en}: at least one entry"),
        ));
    }
    Ok(list)
}

/// An entry `name=number` (the number after the last `=`).
///
/// # Errors
/// No `=`, or the part after it is not a number.
pub fn named_number(entry: &str) -> Result<(String, Decimal), Bilingual> {
    let bad = || {
        Bilingual::new(
            format!("“{entry}”应写作 名称=数字"),
            format!("“{entry}” should read name=number"),
        )
    };
    let (name, number) = entry.rsplit_once(['=', '＝']).ok_or_else(bad)?;
    let value = parse_decimal(number).ok_or_else(bad)?;
    Ok((name.trim().to_owned(), value))
}

/// A band's comparison and bound, from `≥95` (also `>=95`, `<90`, `=100`).
///
/// # Errors
/// No comparison sign, or the bound is not a number.
pub fn comparison(text: &str) -> Result<(BandOp, Decimal), Bilingual> {
    let text = text.trim();
    let signs = [
        (">=", BandOp::Ge),
        ("<=", BandOp::Le),
        ("≥", BandOp::Ge),
        ("≤", BandOp::Le),
        (">", BandOp::Gt),
        ("<", BandOp::Lt),
        ("=", BandOp::Eq),
    ];
    let bad = || {
        Bilingual::new(
            format!("“{text}”应以 ≥ > ≤ < = 开头，后跟数字"),
            format!("“{text}” should start with ≥ > ≤ < = and a number"),
        )
    };
    let (op, rest) = signs
        .iter()
        .find_map(|(sign, op)| text.strip_prefix(sign).map(|rest| (*op, rest)))
        .ok_or_else(bad)?;
    Ok((op, parse_decimal(rest).ok_or_else(bad)?))
}

/// The key of a choice parameter, or its first option.
#[must_use]
pub fn choice<'a>(params: &[Param], values: &'a [String], at: usize) -> &'a str {
    let options = match params.get(at).map(|p| p.shape) {
        Some(ParamShape::Choice(options)) => options,
        _ => &[][..],
    };
    let typed = values.get(at).map_or("", |s| s.trim());
    if options.contains(&typed) {
        typed
    } else {
        options.first().copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn typed_entries_become_parameters() {
        assert_eq!(parse_decimal("９５％"), Some(dec!(95)));
        assert_eq!(comparison("≥95").expect("ge"), (BandOp::Ge, dec!(95)));
        assert_eq!(comparison(">=9.5").expect("ge"), (BandOp::Ge, dec!(9.5)));
        assert!(comparison("95").is_err());
        assert_eq!(
            named_number("较好=80").expect("pair"),
            ("较好".into(), dec!(80))
        );
        assert!(named_number("较好").is_err());
        let values = vec!["a；b; c".to_owned()];
        assert_eq!(entries(&values, 0), ["a", "b", "c"]);
        assert!(!flag(&["false".to_owned()], 0));
        let list = [Param {
            key: "items",
            label: ("检查项", "criteria"),
            shape: ParamShape::List,
            hint: ("", ""),
        }];
        assert!(
            required_entries(&list, &[String::new()], 0).is_err(),
            "an empty list is refused"
        );
        assert_eq!(required_entries(&list, &values, 0).expect("three").len(), 3);
    }
}

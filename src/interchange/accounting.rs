//! "Account for every number": a standard becomes a computed rule only when
//! every number and every condition in its wording is used by the rule read
//! from it. What is left over is named, and the rule stays manual.

use rust_decimal::Decimal;

use super::phrases::number_at;
use crate::core::model::{Band, RuleKind};

/// Formula definitions whose numbers are not scoring parameters
/// ("执行率=实际支出/预算数×100%").
const DEFINITION_PARTS: &[&str] = &["×100%", "×100", "/100"];

/// Units after which a number is a date, not a parameter.
const DATE_UNITS: &[char] = &['年', '月', '日', '季'];

/// Conditions that change a score: (the words, whether the rule uses them, the part to name).
type ConditionTest = fn(&RuleKind) -> bool;
const CONDITIONS: &[(&[&str], ConditionTest)] = &[
    (&["取整"], |k| {
        matches!(
            k,
            RuleKind::Proportional {
                round_to_whole: true,
                ..
            }
        )
    }),
    (
        &["最多扣", "最高扣", "扣分不超过", "扣分最多"],
        |k| matches!(k, RuleKind::Threshold { limits, .. } if limits.max_deduct.is_some()),
    ),
    (
        &["±"],
        |k| matches!(k, RuleKind::Threshold { limits, .. } if limits.symmetric),
    ),
    (&["按比例"], |k| {
        matches!(
            k,
            RuleKind::Proportional { .. } | RuleKind::NotApplicable { .. }
        )
    }),
];

/// The numbers written in a normalised standard, without formula definitions and dates.
#[must_use]
pub fn written_numbers(text: &str) -> Vec<Decimal> {
    let mut plain = text.to_owned();
    for part in DEFINITION_PARTS {
        plain = plain.replace(part, "");
    }
    let mut numbers = Vec::new();
    let mut rest = plain.as_str();
    let mut previous_is_digit = false;
    while let Some(ch) = rest.chars().next() {
        if ch.is_ascii_digit()
            && !previous_is_digit
            && let Some((value, used)) = number_at(rest)
        {
            let is_date = rest[used..].starts_with(DATE_UNITS);
            if !is_date {
                numbers.push(value);
            }
            rest = &rest[used..];
            previous_is_digit = true;
            continue;
        }
        previous_is_digit = ch.is_ascii_digit() || ch == '.';
        rest = &rest[ch.len_utf8()..];
    }
    numbers
}

/// The numbers a rule uses, as a table would write them.
fn used_numbers(kind: &RuleKind, weight: Decimal, written: &[Decimal]) -> Vec<Decimal> {
    let hundred = Decimal::ONE_HUNDRED;
    let share =
        |points: Decimal| (weight > Decimal::ZERO).then(|| (points * hundred / weight).normalize());
    let mut used = vec![weight, Decimal::ZERO];
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            limits,
            ..
        } => {
            used.extend([*threshold, *deduct_per_point]);
            used.extend(limits.max_deduct);
            used.extend(limits.zero_beyond);
            // "每超过2个百分点扣1分": 2 and then 1, written side by side, make 0.5 a point.
            for pair in written.windows(2) {
                if pair[0] * *deduct_per_point == pair[1] {
                    used.extend([pair[0], pair[1]]);
                }
            }
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            ..
        } => used.extend([*full_at, *step, *deduct]),
        RuleKind::Bands { bands, otherwise } => {
            used.push(*otherwise);
            used.extend(share(*otherwise));
            for Band {
                bound,
                points,
                upper,
                ..
            } in bands
            {
                used.extend([*bound, *points]);
                used.extend(share(*points));
                used.extend(upper.map(|u| u.bound));
            }
        }
        RuleKind::Proportional { cap, full_at, .. } => {
            used.push(*cap);
            used.extend(*full_at);
        }
        RuleKind::Categorical { categories, .. } => {
            for c in categories {
                used.push(c.points);
                used.extend(share(c.points));
            }
        }
        RuleKind::Checklist { points, items, .. } => {
            used.extend([*points, Decimal::from(items.len())]);
        }
        RuleKind::Levels { levels } => {
            for l in levels {
                used.push(l.percent);
                used.push(weight * l.percent / hundred);
            }
        }
        RuleKind::Manual | RuleKind::NotApplicable { .. } => {}
    }
    used
}

/// The parts of the wording the rule does not use: numbers as written
/// ("92%"), conditions by their words ("取整"). Empty when all is accounted for.
#[must_use]
pub fn unaccounted(text: &str, kind: &RuleKind, weight: Decimal) -> Vec<String> {
    if matches!(kind, RuleKind::Manual) {
        return Vec::new();
    }
    let written = written_numbers(text);
    let used = used_numbers(kind, weight, &written);
    let mut left: Vec<String> = Vec::new();
    for n in &written {
        let text = n.normalize().to_string();
        if !used.contains(n) && !left.contains(&text) {
            left.push(text);
        }
    }
    for (words, is_used) in CONDITIONS {
        if let Some(word) = words.iter().find(|w| text.contains(**w))
            && !is_used(kind)
        {
            left.push((*word).to_owned());
        }
    }
    left
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::BandOp;
    use rust_decimal_macros::dec;

    #[test]
    fn numbers_without_definitions_and_dates() {
        assert_eq!(
            written_numbers("执行率=实际支出/预算数×100%;≥95%得5分;2023年"),
            vec![dec!(95), dec!(5)]
        );
        assert_eq!(
            written_numbers("每超过0.5个百分点扣1分"),
            vec![dec!(0.5), dec!(1)]
        );
    }

    #[test]
    fn a_dropped_band_is_named() {
        let kind = RuleKind::Bands {
            bands: vec![Band::new(BandOp::Ge, dec!(95), dec!(5))],
            otherwise: dec!(0),
        };
        let text = "≥95%得满分,90%-95%得80%分值,其余不得分";
        assert_eq!(unaccounted(text, &kind, dec!(5)), vec!["90", "80"]);
        let text = "≥95%得满分,其余不得分,得分取整";
        assert_eq!(unaccounted(text, &kind, dec!(5)), vec!["取整"]);
    }
}

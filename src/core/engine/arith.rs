//! Overflow-safe arithmetic for the engine.
//!
//! `Decimal`'s `+ - * /` panic on overflow, and a file may hold any amount up
//! to `Decimal::MAX`. Every sum, product and quotient in the engine goes
//! through these helpers or through `checked_*` / `saturating_*` directly.

use rust_decimal::Decimal;

/// Sum that saturates at `Decimal::MAX` / `Decimal::MIN` instead of panicking.
#[must_use]
pub fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values
        .into_iter()
        .fold(Decimal::ZERO, Decimal::saturating_add)
}

/// Exact sum of the values present; `None` when none is present or the sum
/// does not fit (a check compares exact sums only).
#[must_use]
pub fn sum_present(values: &[Option<Decimal>]) -> Option<Decimal> {
    let mut present = values.iter().flatten();
    let first = *present.next()?;
    present.try_fold(first, |acc, v| acc.checked_add(*v))
}

/// `numerator × 100 / denominator`, multiplying first for precision;
/// `None` when the denominator is zero or the result does not fit.
#[must_use]
pub fn percent(numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    numerator
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|scaled| scaled.checked_div(denominator))
        .or_else(|| {
            numerator
                .checked_div(denominator)?
                .checked_mul(Decimal::ONE_HUNDRED)
        })
}

/// `value × percent / 100`, saturating.
#[must_use]
pub fn percent_of(value: Decimal, percent: Decimal) -> Decimal {
    match value.checked_mul(percent) {
        Some(product) => product
            .checked_div(Decimal::ONE_HUNDRED)
            .unwrap_or(Decimal::ZERO),
        None => {
            let fraction = percent
                .checked_div(Decimal::ONE_HUNDRED)
                .unwrap_or(Decimal::ZERO);
            value.saturating_mul(fraction)
        }
    }
}

/// `value × numerator / denominator` (the rescaled total), multiplying first;
/// saturating; `None` when the denominator is zero.
#[must_use]
pub fn scale_by(value: Decimal, numerator: Decimal, denominator: Decimal) -> Option<Decimal> {
    if denominator.is_zero() {
        return None;
    }
    let exact = match value.checked_mul(numerator) {
        Some(product) => product.checked_div(denominator),
        None => value
            .checked_div(denominator)
            .map(|q| q.saturating_mul(numerator)),
    };
    Some(exact.unwrap_or_else(|| {
        let negative = value.is_sign_negative()
            ^ numerator.is_sign_negative()
            ^ denominator.is_sign_negative();
        if negative { Decimal::MIN } else { Decimal::MAX }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn sums_saturate_instead_of_panicking() {
        assert_eq!(sum([dec!(1.5), dec!(2.25)]), dec!(3.75));
        assert_eq!(sum([Decimal::MAX, Decimal::MAX]), Decimal::MAX);
        assert_eq!(sum([Decimal::MIN, dec!(-1)]), Decimal::MIN);
        assert_eq!(sum(std::iter::empty()), Decimal::ZERO);
    }

    #[test]
    fn sum_present_skips_absent_and_refuses_overflow() {
        assert_eq!(sum_present(&[None, None]), None);
        assert_eq!(
            sum_present(&[Some(dec!(580.06)), None, Some(dec!(4.95))]),
            Some(dec!(585.01))
        );
        assert_eq!(sum_present(&[Some(Decimal::MAX), Some(dec!(1))]), None);
    }

    #[test]
    fn percent_handles_zero_and_extremes() {
        assert_eq!(percent(dec!(5.86), dec!(0)), None);
        assert_eq!(percent(dec!(588.55), dec!(588.55)), Some(dec!(100)));
        // Multiplying first overflows; dividing first still fits.
        assert_eq!(
            percent(Decimal::MAX, Decimal::MAX),
            Some(Decimal::ONE_HUNDRED)
        );
        assert_eq!(percent(Decimal::MAX, dec!(0.01)), None);
    }

    #[test]
    fn percent_of_and_scale_by_saturate() {
        assert_eq!(percent_of(dec!(5), dec!(80)), dec!(4));
        assert_eq!(percent_of(Decimal::MAX, dec!(50)), Decimal::MAX * dec!(0.5));
        assert_eq!(percent_of(Decimal::MAX, Decimal::MAX), Decimal::MAX);
        assert_eq!(scale_by(dec!(45), dec!(100), dec!(60)), Some(dec!(75)));
        assert_eq!(scale_by(dec!(1), dec!(1), dec!(0)), None);
        assert_eq!(
            scale_by(Decimal::MAX, Decimal::MAX, dec!(0.5)),
            Some(Decimal::MAX)
        );
    }
}

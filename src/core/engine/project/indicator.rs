//! Target-based scoring of one row of a project's grid: the rule kind the
//! project forms use (positive, negative, `=`, qualitative), with the
//! working that shows target, actual and their ratio.

use rust_decimal::Decimal;
use serde::Serialize;

use super::value::{Written, read};
use crate::core::Bilingual;
use crate::core::model::{Achievement, Direction, ProjectIndicator, ProjectScoring};
use crate::core::num::{fmt_percent, fmt_score, round2};

/// Where an indicator's counted score comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreSource {
    /// Computed from target and actual.
    Computed,
    /// The form's 得分 (qualitative, `=` not met, or not computable).
    Officer,
    /// Neither: counted as 0.
    Unscored,
    /// Not applicable: left out, the rest rescaled.
    NotApplicable,
}

/// Why the score could not be computed from target and actual.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotComputed {
    Qualitative,
    NoDirection,
    EmptyTarget,
    EmptyActual,
    TargetNotNumber,
    ActualNotNumber,
    UnitMismatch,
    EqualNotMet,
}

/// One scored row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorScore {
    pub direction: Option<Direction>,
    /// The score the rule gives, when it can (before any rescaling).
    pub computed: Option<Decimal>,
    /// What counts: computed, else the form's 得分, within 0..=weight.
    pub score: Option<Decimal>,
    pub source: ScoreSource,
    pub not_computed: Option<NotComputed>,
    /// Actual / target in percent, when both are numbers and the target is not 0.
    pub ratio: Option<Decimal>,
    /// Actual at or above the overshoot multiple of a `≥` target.
    pub overshoot: bool,
    /// The form's 得分 lies outside the judged qualitative band.
    pub outside_band: bool,
    pub working: Bilingual,
}

/// Scores one row against its target under the form's parameters.
#[must_use]
pub fn score(ind: &ProjectIndicator, params: &ProjectScoring) -> IndicatorScore {
    let weight = ind.weight;
    let target = read(&ind.target);
    let actual = read(&ind.actual);
    let direction = ind.direction.or_else(|| target.sign()).or(match target {
        Written::Text(_) => Some(Direction::Qualitative),
        _ => None,
    });
    let mut out = IndicatorScore {
        direction,
        computed: None,
        score: None,
        source: ScoreSource::Unscored,
        not_computed: None,
        ratio: None,
        overshoot: false,
        outside_band: false,
        working: Bilingual::default(),
    };
    if ind.not_applicable {
        out.source = ScoreSource::NotApplicable;
        out.working = Bilingual::new(
            "不适用，不计分，其余指标按比例折算",
            "not applicable: left out, the rest rescaled",
        );
        return out;
    }
    let computed = compute(&mut out, direction, &target, &actual, ind, params);
    match computed {
        Ok(value) => {
            out.computed = Some(value);
            out.score = Some(value);
            out.source = ScoreSource::Computed;
        }
        Err(why) => {
            out.not_computed = Some(why);
            if let Some(officer) = ind.officer_score {
                out.score = Some(officer.clamp(Decimal::ZERO, weight));
                out.source = ScoreSource::Officer;
                let (zh, en) = why_words(why);
                out.working = Bilingual::new(
                    format!("{zh}，按表中得分 {}", fmt_score(officer)),
                    format!("{en}: the form's score {}", fmt_score(officer)),
                );
            } else {
                let (zh, en) = why_words(why);
                out.working = Bilingual::new(format!("{zh}，未评分"), format!("{en}: not scored"));
            }
        }
    }
    if direction == Some(Direction::Qualitative) {
        out.outside_band = outside_band(ind, params);
    }
    out
}

fn why_words(why: NotComputed) -> (&'static str, &'static str) {
    match why {
        NotComputed::Qualitative => ("定性指标", "qualitative"),
        NotComputed::NoDirection => ("未写指标性质（≥ ≤ =）", "no direction (≥ ≤ =)"),
        NotComputed::EmptyTarget => ("未填年度指标值", "no target"),
        NotComputed::EmptyActual => ("未填实际完成值", "no actual"),
        NotComputed::TargetNotNumber => ("指标值不是数值", "the target is not a number"),
        NotComputed::ActualNotNumber => ("完成值不是数值", "the actual is not a number"),
        NotComputed::UnitMismatch => (
            "指标值与完成值单位不同",
            "target and actual in different units",
        ),
        NotComputed::EqualNotMet => ("“=”指标未达到指标值", "an \"=\" indicator not met"),
    }
}

/// The direction, target, actual and shared unit, or why they cannot be compared.
fn operands(
    direction: Option<Direction>,
    target: &Written,
    actual: &Written,
    own_unit: &str,
) -> Result<(Direction, Decimal, Decimal, String), NotComputed> {
    let direction = match direction {
        Some(Direction::Qualitative) => return Err(NotComputed::Qualitative),
        Some(d) => d,
        None if target.is_empty() => return Err(NotComputed::EmptyTarget),
        None => return Err(NotComputed::NoDirection),
    };
    let t = match target {
        Written::Empty => return Err(NotComputed::EmptyTarget),
        Written::Text(_) => return Err(NotComputed::TargetNotNumber),
        Written::Number { value, .. } => *value,
    };
    let a = match actual {
        Written::Empty => return Err(NotComputed::EmptyActual),
        Written::Text(_) => return Err(NotComputed::ActualNotNumber),
        Written::Number { value, .. } => *value,
    };
    let own_unit = super::value::normalise_unit(own_unit);
    let unit_of = |w: &Written| {
        if w.unit().is_empty() {
            own_unit.clone()
        } else {
            w.unit().to_owned()
        }
    };
    let (tu, au) = (unit_of(target), unit_of(actual));
    if !tu.is_empty() && !au.is_empty() && tu != au {
        return Err(NotComputed::UnitMismatch);
    }
    let unit = if tu.is_empty() { au } else { tu };
    Ok((direction, t, a, unit))
}

/// The rule's score, or why there is none; fills ratio, overshoot and working.
fn compute(
    out: &mut IndicatorScore,
    direction: Option<Direction>,
    target: &Written,
    actual: &Written,
    ind: &ProjectIndicator,
    params: &ProjectScoring,
) -> Result<Decimal, NotComputed> {
    let weight = ind.weight;
    let (direction, t, a, unit) = operands(direction, target, actual, &ind.unit)?;
    if !t.is_zero() {
        out.ratio = a
            .checked_div(t)
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED));
    }
    let shown = |v: Decimal| format!("{v}{unit}");
    let ratio_text = out
        .ratio
        .map(|r| fmt_percent(round2(r)))
        .unwrap_or_default();
    let full = |zh: &str, en: &str| {
        (
            weight,
            Bilingual::new(
                format!(
                    "完成值 {} {zh} 指标值 {}，得满分 {}",
                    shown(a),
                    shown(t),
                    fmt_score(weight)
                ),
                format!(
                    "actual {} {en} target {}: full {}",
                    shown(a),
                    shown(t),
                    fmt_score(weight)
                ),
            ),
        )
    };
    let (value, mut working) = match direction {
        Direction::AtLeast if a >= t || t <= Decimal::ZERO => full("≥", "≥"),
        Direction::AtLeast => {
            let v = part(a.max(Decimal::ZERO), t, weight);
            (
                v,
                Bilingual::new(
                    format!(
                        "完成值 {} / 指标值 {} = {ratio_text} × {} = {}",
                        shown(a),
                        shown(t),
                        fmt_score(weight),
                        fmt_score(v)
                    ),
                    format!(
                        "actual {} / target {} = {ratio_text} × {} = {}",
                        shown(a),
                        shown(t),
                        fmt_score(weight),
                        fmt_score(v)
                    ),
                ),
            )
        }
        Direction::AtMost if a <= t || a <= Decimal::ZERO => full("≤", "≤"),
        Direction::AtMost => {
            let v = part(t.max(Decimal::ZERO), a, weight);
            (
                v,
                Bilingual::new(
                    format!(
                        "指标值 {} / 完成值 {} × {} = {}（完成值/指标值 {ratio_text}）",
                        shown(t),
                        shown(a),
                        fmt_score(weight),
                        fmt_score(v)
                    ),
                    format!(
                        "target {} / actual {} × {} = {} (actual/target {ratio_text})",
                        shown(t),
                        shown(a),
                        fmt_score(weight),
                        fmt_score(v)
                    ),
                ),
            )
        }
        Direction::Equal if a == t => full("=", "="),
        Direction::Equal => return Err(NotComputed::EqualNotMet),
        Direction::Qualitative => return Err(NotComputed::Qualitative),
    };
    let value = overshoot(out, direction, a, t, value, &mut working, params);
    out.working = working;
    Ok(value)
}

/// Flags a `≥` actual at or above the table's multiple of the target, and
/// takes off the table's deduction, if any.
fn overshoot(
    out: &mut IndicatorScore,
    direction: Direction,
    a: Decimal,
    t: Decimal,
    value: Decimal,
    working: &mut Bilingual,
    params: &ProjectScoring,
) -> Decimal {
    use std::fmt::Write as _;
    let Some(multiple) = params.overshoot_ratio else {
        return value;
    };
    if direction != Direction::AtLeast
        || t <= Decimal::ZERO
        || t.checked_mul(multiple).is_none_or(|limit| a < limit)
    {
        return value;
    }
    out.overshoot = true;
    if params.overshoot_deduction <= Decimal::ZERO {
        return value;
    }
    let deduct = fmt_score(params.overshoot_deduction);
    let _ = write!(working.zh, "；超过指标值 {multiple} 倍，扣 {deduct} 分");
    let _ = write!(working.en, "; {multiple}× the target or more: −{deduct}");
    (value - params.overshoot_deduction).max(Decimal::ZERO)
}

/// `num / den × weight`, half-up to 2 places, never above the weight.
fn part(num: Decimal, den: Decimal, weight: Decimal) -> Decimal {
    num.checked_div(den)
        .and_then(|r| r.checked_mul(weight))
        .map_or(Decimal::ZERO, |v| round2(v.min(weight)))
}

/// The form's 得分 outside the band of the judged achievement.
fn outside_band(ind: &ProjectIndicator, params: &ProjectScoring) -> bool {
    let (Some(achievement), Some(officer)) = (ind.achievement, ind.officer_score) else {
        return false;
    };
    band_of(params, achievement).is_some_and(|(lo, hi)| {
        let at = |p: Decimal| ind.weight * p / Decimal::ONE_HUNDRED;
        officer < at(lo) || officer > at(hi)
    })
}

/// A qualitative band's bounds in percent of the weight.
#[must_use]
pub fn band_of(params: &ProjectScoring, achievement: Achievement) -> Option<(Decimal, Decimal)> {
    params
        .qualitative
        .iter()
        .find(|b| b.achievement == achievement)
        .map(|b| (b.from_percent, b.to_percent))
}

#[cfg(test)]
mod tests {
    use rust_decimal_macros::dec;

    use super::*;

    fn row(target: &str, actual: &str, weight: Decimal) -> ProjectIndicator {
        ProjectIndicator {
            name: "指标".to_owned(),
            target: target.to_owned(),
            actual: actual.to_owned(),
            weight,
            ..ProjectIndicator::default()
        }
    }

    fn scored(target: &str, actual: &str) -> IndicatorScore {
        score(&row(target, actual, dec!(20)), &ProjectScoring::national())
    }

    #[test]
    fn positive_full_at_target_else_in_proportion() {
        assert_eq!(scored("≥50个", "52个").score, Some(dec!(20)));
        let short = scored("≥50个", "45个");
        assert_eq!(short.score, Some(dec!(18)));
        assert_eq!(short.ratio, Some(dec!(90)));
        assert!(
            short
                .working
                .zh
                .contains("45个 / 指标值 50个 = 90.00% × 20 = 18"),
            "{}",
            short.working.zh
        );
    }

    #[test]
    fn negative_is_target_over_actual() {
        assert_eq!(scored("≤90万元", "88万元").score, Some(dec!(20)));
        assert_eq!(scored("≤90万元", "100万元").score, Some(dec!(18)));
    }

    #[test]
    fn equal_must_equal_else_the_form_decides() {
        assert_eq!(scored("=100%", "100%").score, Some(dec!(20)));
        let missed = scored("=100%", "98%");
        assert_eq!(missed.computed, None);
        assert_eq!(missed.not_computed, Some(NotComputed::EqualNotMet));
        let mut r = row("=100%", "98%", dec!(20));
        r.officer_score = Some(dec!(17));
        let given = score(&r, &ProjectScoring::national());
        assert_eq!(
            (given.score, given.source),
            (Some(dec!(17)), ScoreSource::Officer)
        );
    }

    #[test]
    fn qualitative_takes_the_form_and_checks_its_band() {
        let mut r = row("效果明显", "效果明显", dec!(10));
        r.officer_score = Some(dec!(7));
        r.achievement = Some(Achievement::Achieved);
        let s = score(&r, &ProjectScoring::national());
        assert_eq!(s.direction, Some(Direction::Qualitative));
        assert_eq!(s.score, Some(dec!(7)));
        assert!(s.outside_band, "达成 is 80–100 % of 10");
        r.officer_score = Some(dec!(9));
        assert!(!score(&r, &ProjectScoring::national()).outside_band);
    }

    #[test]
    fn overshoot_is_flagged_and_deducted_only_when_the_table_says() {
        let s = scored("≥50个", "80个");
        assert!(s.overshoot);
        assert_eq!(s.score, Some(dec!(20)));
        let mut p = ProjectScoring::national();
        p.overshoot_deduction = dec!(2);
        assert_eq!(
            score(&row("≥50个", "80个", dec!(20)), &p).score,
            Some(dec!(18))
        );
    }

    #[test]
    fn what_cannot_be_read_is_not_guessed() {
        assert_eq!(
            scored("≥50个", "—").not_computed,
            Some(NotComputed::EmptyActual)
        );
        assert_eq!(
            scored("50个", "50个").not_computed,
            Some(NotComputed::NoDirection)
        );
        assert_eq!(
            scored("≥50个", "50人").not_computed,
            Some(NotComputed::UnitMismatch)
        );
        assert_eq!(scored("≥50个", "50个").score, Some(dec!(20)));
        assert_eq!(
            scored("*", "50个").not_computed,
            Some(NotComputed::EmptyTarget)
        );
        // A unit column fills in a bare number.
        let mut r = row("≥95", "96", dec!(10));
        r.unit = "%".to_owned();
        assert_eq!(score(&r, &ProjectScoring::national()).score, Some(dec!(10)));
    }
}

//! Checks on each scored leaf: how its score came about.

use super::registry::LEAF_CHECKS;
use super::{Concern, Ctx, Leaf, Sink, Warning, WarningCode, fields, warn};
use crate::core::engine::metrics::{Metric, MetricStatus};
use crate::core::engine::scoring::{IndicatorResult, ScoreBasis, ValueSource};
use crate::core::model::{Indicator, RuleKind};
use crate::core::num::{fmt_percent, fmt_score};

/// Runs `LEAF_CHECKS` on every leaf, leaf by leaf (so a leaf's warnings stay together).
pub fn run_leaf_checks(ctx: &Ctx<'_>, out: &mut Sink) {
    let table = &ctx.wb.table.indicators;
    for (ind, result) in flatten_with_results(table, &ctx.scores.indicators) {
        let leaf = Leaf { ind, result };
        for check in LEAF_CHECKS {
            out.push_warning(check(ctx, &leaf));
        }
    }
}

/// Pairs each indicator with its result (both in depth-first order).
fn flatten_with_results<'a>(
    indicators: &'a [Indicator],
    results: &'a [IndicatorResult],
) -> impl Iterator<Item = (&'a Indicator, &'a IndicatorResult)> {
    let mut flat = Vec::with_capacity(results.len());
    for top in indicators {
        top.walk(0, &mut |_, ind| flat.push(ind));
    }
    flat.into_iter()
        .zip(results.iter())
        .filter(|(ind, _)| ind.is_leaf())
}

fn concern(leaf: &Leaf<'_>) -> Vec<Concern> {
    vec![Concern::Indicator {
        code: leaf.ind.code.clone(),
    }]
}

pub fn scored_on_reported(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let (ind, result) = (leaf.ind, leaf.result);
    let (Some(metric), Some(ValueSource::Reported)) = (result.metric, result.value_source) else {
        return None;
    };
    let printed = result.metric_value.map(fmt_percent).unwrap_or_default();
    Some(warn(
        WarningCode::ScoredOnReported,
        format!(
            "{} {}：{}的计算数据未填，按报告所写 {printed} 评分",
            ind.code,
            ind.name,
            metric.label_zh(),
        ),
        format!(
            "{} {}: the inputs of {} are missing; scored on the printed {printed}",
            ind.code,
            ind.name,
            metric.label_en(),
        ),
        concern(leaf),
    ))
}

/// The leaf's metric, when its computation (not the printed rate) was what failed.
fn failed_metric<'c>(ctx: &'c Ctx<'_>, leaf: &Leaf<'_>) -> Option<&'c Metric> {
    let result = leaf.result;
    if result.measure.is_some() {
        // The leaf measures its own formula: `measures::measure_unavailable` reports it.
        return None;
    }
    let m = ctx.metric(result.metric?)?;
    let computed = result.value_source.is_none() && result.basis != ScoreBasis::NotApplicable;
    (computed && m.status != MetricStatus::Ok).then_some(m)
}

pub fn metric_unavailable(ctx: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let m = failed_metric(ctx, leaf)?;
    let (ind, metric) = (leaf.ind, m.id);
    let (code, zh, en, concerned) = match &m.status {
        MetricStatus::MissingInput { fields: missing } => {
            let zh: Vec<_> = missing.iter().map(|f| f.label_zh()).collect();
            let en: Vec<_> = missing.iter().map(|f| f.label_en()).collect();
            (
                WarningCode::MissingInput,
                format!("{} {}：缺少 {}", ind.code, ind.name, zh.join("、")),
                format!("{} {}: missing {}", ind.code, ind.name, en.join(", ")),
                missing.clone(),
            )
        }
        MetricStatus::ZeroDenominator => (
            WarningCode::ZeroDenominator,
            format!(
                "{} {}：{}的分母为 0，无法计算（n/a）；本单位不适用时可将评分标准设为“不适用”",
                ind.code,
                ind.name,
                metric.label_zh()
            ),
            format!(
                "{} {}: {} has a zero denominator (n/a); if it does not apply to the unit, set the rule to not applicable",
                ind.code,
                ind.name,
                metric.label_en()
            ),
            metric.inputs(),
        ),
        MetricStatus::Overflow => (
            WarningCode::ValueTooLarge,
            format!(
                "{} {}：{}的输入数值过大，无法精确计算（n/a）",
                ind.code,
                ind.name,
                metric.label_zh()
            ),
            format!(
                "{} {}: the inputs of {} are too large to compute exactly (n/a)",
                ind.code,
                ind.name,
                metric.label_en()
            ),
            metric.inputs(),
        ),
        MetricStatus::Ok => return None,
    };
    let mut concerns = fields(&concerned);
    concerns.extend(concern(leaf));
    Some(warn(code, zh, en, concerns))
}

pub fn officer_score_differs(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let (ind, result) = (leaf.ind, leaf.result);
    if !result.officer_differs {
        return None;
    }
    let typed = fmt_score(ind.entry.officer_score.unwrap_or_default());
    let computed = fmt_score(result.score);
    Some(warn(
        WarningCode::OfficerScoreDiffers,
        format!(
            "{} {}：自评填 {typed} 分，按评分标准计算为 {computed} 分",
            ind.code, ind.name
        ),
        format!(
            "{} {}: the officer typed {typed}, the rule gives {computed}",
            ind.code, ind.name
        ),
        concern(leaf),
    ))
}

pub fn score_out_of_range(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    if !leaf.result.capped {
        return None;
    }
    let weight = fmt_score(ind.weight);
    Some(warn(
        WarningCode::ScoreOutOfRange,
        format!(
            "{} {}：自评得分超出 0–{weight} 分范围，已按范围计",
            ind.code, ind.name
        ),
        format!(
            "{} {}: the typed score is outside 0–{weight} and was capped",
            ind.code, ind.name
        ),
        concern(leaf),
    ))
}

/// Not scored, for a reason other than a metric that could not be computed
/// (that one has its own warning).
pub fn missing_score(ctx: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let ind = leaf.ind;
    if leaf.result.basis != ScoreBasis::Missing || failed_metric(ctx, leaf).is_some() {
        return None;
    }
    Some(warn(
        WarningCode::MissingScore,
        format!("{} {}：尚未打分", ind.code, ind.name),
        format!("{} {}: not scored yet", ind.code, ind.name),
        concern(leaf),
    ))
}

pub fn not_applicable_assumed(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let (ind, result) = (leaf.ind, leaf.result);
    if result.basis != ScoreBasis::NotApplicable {
        return None;
    }
    Some(warn(
        WarningCode::NotApplicableAssumed,
        format!(
            "{} {}：按不适用处理（{}），请以财政局评分表为准",
            ind.code, ind.name, result.working.zh
        ),
        format!(
            "{} {}: treated as not applicable ({}); confirm with the bureau's table",
            ind.code, ind.name, result.working.en
        ),
        concern(leaf),
    ))
}

/// A rate under none of the bands the bureau wrote ("0<预算调整率≤10%得2分…"
/// and a negative rate): scored by `otherwise`, but the standard never said so.
pub fn rate_outside_bands(_: &Ctx<'_>, leaf: &Leaf<'_>) -> Option<Warning> {
    let (ind, result) = (leaf.ind, leaf.result);
    let Some(RuleKind::Bands { bands, otherwise }) = ind.rule.as_ref().map(|r| &r.kind) else {
        return None;
    };
    let value = result.metric_value?;
    let written_otherwise = ["其余", "其他", "否则", "以外", "其它"]
        .iter()
        .any(|w| ind.standard.contains(w));
    if result.basis != ScoreBasis::Computed
        || ind.standard.trim().is_empty()
        || written_otherwise
        || bands.iter().any(|b| b.holds(value))
    {
        return None;
    }
    let (rate, points) = (fmt_percent(value), fmt_score(*otherwise));
    Some(warn(
        WarningCode::RateOutsideBands,
        format!(
            "{} {}：比率 {rate} 不在评分标准所列区间，按“其余”计 {points} 分，请核对评分标准",
            ind.code, ind.name
        ),
        format!(
            "{} {}: the rate {rate} is in none of the bands the standard writes; scored {points} as otherwise: check the standard",
            ind.code, ind.name
        ),
        concern(leaf),
    ))
}

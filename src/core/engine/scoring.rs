//! Scores every indicator of the table by its rule, with the arithmetic.

use rust_decimal::Decimal;
use serde::Serialize;

use super::arith;
use super::metrics::{Metric, MetricId, MetricStatus};
pub use super::rules::describe_rule;
use super::rules::{self, RuleInput, RuleOutcome};
use super::working::Working;
use crate::core::Bilingual;
use crate::core::model::{Indicator, Level, ReportedFigures, RuleKind};
use crate::core::num::{push_score, round2};

/// Where an indicator's score came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreBasis {
    /// The rule computed it from a metric or the officer's choice.
    Computed,
    /// The officer typed it (manual rule, or the fallback when inputs are missing).
    Officer,
    /// Not applicable to this unit.
    NotApplicable,
    /// Nothing to score with yet: counts as 0.
    Missing,
    /// Sum of the children.
    Subtotal,
}

/// Where a rule's measured value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    Computed,
    /// The inputs were not given; the report's printed rate was used.
    Reported,
}

/// The score of one indicator (leaf or subtotal), in `ScoringTable::flatten` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorResult {
    pub code: String,
    pub depth: usize,
    pub weight: Decimal,
    /// The weight that still counts (0 when taken out as not applicable with rescaling).
    pub counted_weight: Decimal,
    /// Unrounded score, within 0..=weight.
    pub score: Decimal,
    pub basis: ScoreBasis,
    pub metric: Option<MetricId>,
    pub metric_value: Option<Decimal>,
    pub value_source: Option<ValueSource>,
    /// The rule in words.
    pub rule: Bilingual,
    /// The arithmetic that produced the score, with the actual numbers.
    pub working: Bilingual,
    /// Points lost: counted weight minus score.
    pub lost: Decimal,
    /// The officer's typed score differs from the computed one.
    pub officer_differs: bool,
    /// The officer's typed score was above the weight and was capped; for a
    /// subtotal, the children's sum was above the weight and was capped.
    pub capped: bool,
    /// For a subtotal, what the children add up to before any cap.
    #[serde(skip)]
    pub children_sum: Decimal,
}

/// Scores of the whole table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableScore {
    pub indicators: Vec<IndicatorResult>,
    /// Sum of top-level weights (normally 100).
    pub max_total: Decimal,
    /// Weight taken out by not-applicable rules in rescale mode.
    pub removed_weight: Decimal,
    /// Sum of leaf scores, before rescaling.
    pub raw_total: Decimal,
    /// The total after rescaling, unrounded.
    pub total: Decimal,
}

struct LeafOutcome {
    score: Decimal,
    basis: ScoreBasis,
    metric_value: Option<Decimal>,
    value_source: Option<ValueSource>,
    rule: Bilingual,
    working: Bilingual,
    removed: bool,
    capped: bool,
}

fn clamp(score: Decimal, weight: Decimal) -> Decimal {
    score.max(Decimal::ZERO).min(weight)
}

/// The weight a leaf is scored against: a negative weight (a typing error in
/// the table, reported by `checks`) counts as 0.
#[must_use]
pub fn effective_weight(weight: Decimal) -> Decimal {
    weight.max(Decimal::ZERO)
}

/// Scores the table against the metrics.
#[must_use]
pub fn score_table(
    indicators: &[Indicator],
    metrics: &[Metric],
    reported: &ReportedFigures,
) -> TableScore {
    let mut scorer = Scorer {
        metrics,
        reported,
        out: Vec::with_capacity(indicators.len()),
        removed_weight: Decimal::ZERO,
        levels_memo: LevelsMemo::default(),
    };
    let raw_total = arith::sum(indicators.iter().map(|top| scorer.score_node(top, 0).0));
    let removed_weight = scorer.removed_weight;
    let max_total = arith::sum(indicators.iter().map(|i| effective_weight(i.weight)));
    let remaining = max_total.saturating_sub(removed_weight);
    let total = if removed_weight.is_zero() {
        raw_total
    } else if remaining > Decimal::ZERO {
        arith::scale_by(raw_total, max_total, remaining).unwrap_or(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    TableScore {
        indicators: scorer.out,
        max_total,
        removed_weight,
        raw_total,
        total,
    }
}

/// Walks the tree, pushing results in depth-first order.
struct Scorer<'a> {
    metrics: &'a [Metric],
    reported: &'a ReportedFigures,
    out: Vec<IndicatorResult>,
    removed_weight: Decimal,
    levels_memo: LevelsMemo<'a>,
}

/// The last description of a `levels` rule, reused while leaves share the
/// same levels (a table uses one set throughout, and describing it was the
/// largest part of scoring a leaf).
#[derive(Default)]
struct LevelsMemo<'a> {
    levels: Option<&'a [Level]>,
    text: Bilingual,
}

impl<'a> LevelsMemo<'a> {
    fn describe(&mut self, kind: &'a RuleKind, weight: Decimal) -> Bilingual {
        let RuleKind::Levels { levels } = kind else {
            return describe_rule(kind, weight);
        };
        if self.levels != Some(levels.as_slice()) {
            self.text = describe_rule(kind, weight);
            self.levels = Some(levels);
        }
        self.text.clone()
    }
}

impl<'a> Scorer<'a> {
    /// Scores a node and its children; returns (score, counted weight).
    fn score_node(&mut self, node: &'a Indicator, depth: usize) -> (Decimal, Decimal) {
        if node.is_leaf() {
            return self.score_leaf_node(node, depth);
        }
        let slot = self.out.len();
        self.out.push(IndicatorResult {
            code: node.code.clone(),
            depth,
            weight: node.weight,
            counted_weight: effective_weight(node.weight),
            score: Decimal::ZERO,
            basis: ScoreBasis::Subtotal,
            metric: None,
            metric_value: None,
            value_source: None,
            rule: Bilingual::new("下级指标得分之和", "sum of the sub-indicators"),
            working: Bilingual::default(),
            lost: Decimal::ZERO,
            officer_differs: false,
            capped: false,
            children_sum: Decimal::ZERO,
        });
        let mut sum = Decimal::ZERO;
        let mut counted = Decimal::ZERO;
        let mut working = String::new();
        for (i, child) in node.children.iter().enumerate() {
            let (s, c) = self.score_node(child, depth + 1);
            sum = sum.saturating_add(s);
            counted = counted.saturating_add(c);
            if i > 0 {
                working.push('+');
            }
            push_score(&mut working, s);
        }
        working.push('=');
        push_score(&mut working, sum);
        // A parent never scores above its weight (checks name the children).
        let cap = effective_weight(node.weight);
        let score = sum.min(cap);
        let mut working_en = working.clone();
        if score < sum {
            working.push_str("，超过分值，按 ");
            working_en.push_str(", above the weight; counted as ");
            push_score(&mut working, score);
            working.push_str(" 计");
            push_score(&mut working_en, score);
        }
        if let Some(result) = self.out.get_mut(slot) {
            result.score = score;
            result.counted_weight = counted;
            result.lost = counted.saturating_sub(score);
            result.working = Bilingual::new(working, working_en);
            result.capped = score < sum;
            result.children_sum = sum;
        }
        (score, counted)
    }

    fn score_leaf_node(&mut self, node: &'a Indicator, depth: usize) -> (Decimal, Decimal) {
        let weight = effective_weight(node.weight);
        let leaf = score_leaf(node, self.metrics, self.reported, &mut self.levels_memo);
        let counted = if leaf.removed {
            self.removed_weight = self.removed_weight.saturating_add(weight);
            Decimal::ZERO
        } else {
            weight
        };
        let officer_differs = leaf.basis == ScoreBasis::Computed
            && node
                .entry
                .officer_score
                .is_some_and(|typed| round2(typed) != round2(leaf.score));
        self.out.push(IndicatorResult {
            code: node.code.clone(),
            depth,
            weight: node.weight,
            counted_weight: counted,
            score: leaf.score,
            basis: leaf.basis,
            metric: node.rule.as_ref().and_then(|r| r.metric),
            metric_value: leaf.metric_value,
            value_source: leaf.value_source,
            rule: leaf.rule,
            working: leaf.working,
            lost: counted.saturating_sub(leaf.score),
            officer_differs,
            capped: leaf.capped,
            children_sum: Decimal::ZERO,
        });
        (leaf.score, counted)
    }
}

/// The value a rule measures: the computed metric, else (only when its inputs
/// are not given) the rate the report prints. Otherwise, why there is none.
fn measured_value(
    metric: Option<MetricId>,
    metrics: &[Metric],
    reported: &ReportedFigures,
) -> Result<(Decimal, ValueSource), Bilingual> {
    let Some(id) = metric else {
        return Err(Bilingual::new(
            "评分标准未指定计算指标",
            "the rule names no metric",
        ));
    };
    let found = metrics.iter().find(|m| m.id == id);
    if let Some(v) = found.and_then(Metric::scored_value) {
        return Ok((v, ValueSource::Computed));
    }
    let status = found.map(|m| &m.status);
    match status {
        Some(MetricStatus::ZeroDenominator) => Err(Bilingual::new(
            format!("{}分母为 0，无法计算（n/a）", id.label_zh()),
            format!("{} has a zero denominator (n/a)", id.label_en()),
        )),
        Some(MetricStatus::Overflow) => Err(Bilingual::new(
            format!("{}输入数值过大，无法计算", id.label_zh()),
            format!("{} has inputs too large to compute", id.label_en()),
        )),
        Some(MetricStatus::Ok | MetricStatus::MissingInput { .. }) | None => reported
            .rates
            .get(&id)
            .map(|v| (round2(*v), ValueSource::Reported))
            .ok_or_else(|| {
                Bilingual::new(
                    format!("{}缺少输入数据", id.label_zh()),
                    format!("{} has no input data", id.label_en()),
                )
            }),
    }
}

fn missing_outcome(node: &Indicator, rule: Bilingual, why: &Bilingual) -> LeafOutcome {
    let weight = effective_weight(node.weight);
    if let Some(typed) = node.entry.officer_score {
        let score = clamp(typed, weight);
        let working = Working::new()
            .both(why)
            .words("；采用自评得分 ", "; using the officer's score ")
            .result(score);
        return LeafOutcome {
            score,
            basis: ScoreBasis::Officer,
            metric_value: None,
            value_source: None,
            rule,
            working: working.bilingual(),
            removed: false,
            capped: score != typed,
        };
    }
    let working = Working::new()
        .both(why)
        .words("，暂计 0 分", "; counted as 0 for now");
    LeafOutcome {
        score: Decimal::ZERO,
        basis: ScoreBasis::Missing,
        metric_value: None,
        value_source: None,
        rule,
        working: working.bilingual(),
        removed: false,
        capped: false,
    }
}

fn score_leaf<'a>(
    node: &'a Indicator,
    metrics: &[Metric],
    reported: &ReportedFigures,
    levels_memo: &mut LevelsMemo<'a>,
) -> LeafOutcome {
    let weight = effective_weight(node.weight);
    let Some(rule) = &node.rule else {
        return manual(node, Bilingual::new("自评打分", "scored by the officer"));
    };
    let rule_text = levels_memo.describe(&rule.kind, weight);
    let measured = match measured_value(rule.metric, metrics, reported) {
        Ok(found) => Some(found),
        Err(why) if rules::needs_value(&rule.kind) => {
            return missing_outcome(node, rule_text, &why);
        }
        Err(_) => None,
    };
    let input = RuleInput {
        weight,
        value: measured.map_or(Decimal::ZERO, |(v, _)| v),
        entry: &node.entry,
        metric: rule.metric,
        metrics,
    };
    match rules::score(&rule.kind, &input) {
        RuleOutcome::Worked { score, working } => LeafOutcome {
            score: clamp(score, weight),
            basis: ScoreBasis::Computed,
            metric_value: measured.map(|(v, _)| v),
            value_source: measured.map(|(_, s)| s),
            rule: rule_text,
            working: working.bilingual(),
            removed: false,
            capped: false,
        },
        RuleOutcome::NotChosen(why) => missing_outcome(node, rule_text, &why),
        RuleOutcome::Officer => manual(node, rule_text),
        RuleOutcome::NotApplicable {
            score,
            removed,
            working,
        } => LeafOutcome {
            score,
            basis: ScoreBasis::NotApplicable,
            metric_value: None,
            value_source: None,
            rule: rule_text,
            working: working.bilingual(),
            removed,
            capped: false,
        },
    }
}

fn manual(node: &Indicator, rule: Bilingual) -> LeafOutcome {
    match node.entry.officer_score {
        Some(typed) => {
            let score = clamp(typed, effective_weight(node.weight));
            let working = Working::new()
                .words("自评得分 ", "officer's score ")
                .result(score);
            LeafOutcome {
                score,
                basis: ScoreBasis::Officer,
                metric_value: None,
                value_source: None,
                rule,
                working: working.bilingual(),
                removed: false,
                capped: score != typed,
            }
        }
        None => LeafOutcome {
            score: Decimal::ZERO,
            basis: ScoreBasis::Missing,
            metric_value: None,
            value_source: None,
            rule,
            working: Bilingual::new("尚未打分，暂计 0 分", "not scored yet; counted as 0"),
            removed: false,
            capped: false,
        },
    }
}

//! Scores every indicator of the table by its rule, with the arithmetic.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use super::arith;
use super::metrics::{Metric, MetricId, MetricStatus};
use crate::core::Bilingual;
use crate::core::model::{
    CategorySource, ChecklistMode, Indicator, NotApplicableMode, ReportedFigures, RuleKind,
};
use crate::core::num::{fmt_score, round2};

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
    /// The officer's typed score was above the weight and was capped.
    pub capped: bool,
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

fn pct(v: Decimal) -> String {
    format!("{:.2}%", round2(v))
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
}

impl Scorer<'_> {
    /// Scores a node and its children; returns (score, counted weight).
    fn score_node(&mut self, node: &Indicator, depth: usize) -> (Decimal, Decimal) {
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
            working.push_str(&fmt_score(s));
        }
        working.push('=');
        working.push_str(&fmt_score(sum));
        if let Some(result) = self.out.get_mut(slot) {
            result.score = sum;
            result.counted_weight = counted;
            result.lost = counted.saturating_sub(sum);
            result.working = Bilingual::new(working.clone(), working);
        }
        (sum, counted)
    }

    fn score_leaf_node(&mut self, node: &Indicator, depth: usize) -> (Decimal, Decimal) {
        let weight = effective_weight(node.weight);
        let leaf = score_leaf(node, self.metrics, self.reported);
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
        _ => reported
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

fn missing_outcome(node: &Indicator, rule: Bilingual, why: Bilingual) -> LeafOutcome {
    let weight = effective_weight(node.weight);
    if let Some(typed) = node.entry.officer_score {
        let score = clamp(typed, weight);
        return LeafOutcome {
            score,
            basis: ScoreBasis::Officer,
            metric_value: None,
            value_source: None,
            rule,
            working: Bilingual::new(
                format!("{}；采用自评得分 {}", why.zh, fmt_score(score)),
                format!("{}; using the officer's score {}", why.en, fmt_score(score)),
            ),
            removed: false,
            capped: score != typed,
        };
    }
    LeafOutcome {
        score: Decimal::ZERO,
        basis: ScoreBasis::Missing,
        metric_value: None,
        value_source: None,
        rule,
        working: Bilingual::new(
            format!("{}，暂计 0 分", why.zh),
            format!("{}; counted as 0 for now", why.en),
        ),
        removed: false,
        capped: false,
    }
}

#[allow(clippy::too_many_lines)]
fn score_leaf(node: &Indicator, metrics: &[Metric], reported: &ReportedFigures) -> LeafOutcome {
    let weight = effective_weight(node.weight);
    let w = fmt_score(weight);
    let Some(rule) = &node.rule else {
        return manual(node, Bilingual::new("自评打分", "scored by the officer"));
    };
    let needs_value = matches!(
        rule.kind,
        RuleKind::Threshold { .. }
            | RuleKind::Step { .. }
            | RuleKind::Bands { .. }
            | RuleKind::Proportional { .. }
    );
    let rule_text = describe_rule(&rule.kind, weight);
    let measured = match measured_value(rule.metric, metrics, reported) {
        Ok(found) => Some(found),
        Err(why) if needs_value => return missing_outcome(node, rule_text, why),
        Err(_) => None,
    };
    let (value, source) = measured.map_or((Decimal::ZERO, None), |(v, s)| (v, Some(s)));
    let computed = |score: Decimal, zh: String, en: String| LeafOutcome {
        score: clamp(score, weight),
        basis: ScoreBasis::Computed,
        metric_value: measured.map(|(v, _)| v),
        value_source: source,
        rule: rule_text.clone(),
        working: Bilingual::new(zh, en),
        removed: false,
        capped: false,
    };
    match &rule.kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
        } => {
            let excess = if *above_is_bad {
                value.saturating_sub(*threshold)
            } else {
                threshold.saturating_sub(value)
            };
            if excess <= Decimal::ZERO {
                let cmp = if *above_is_bad { "≤" } else { "≥" };
                return computed(
                    weight,
                    format!("{}{cmp}{}，得满分 {w}", pct(value), pct(*threshold)),
                    format!("{} {cmp} {}: full marks {w}", pct(value), pct(*threshold)),
                );
            }
            let deduction = excess.saturating_mul(*deduct_per_point);
            let score = clamp(weight.saturating_sub(deduction), weight);
            computed(
                score,
                format!(
                    "超出 {} 个百分点×{}={}，{w}-{}={}（扣完为止）",
                    fmt_score(excess),
                    fmt_score(*deduct_per_point),
                    fmt_score(deduction),
                    fmt_score(deduction),
                    fmt_score(score)
                ),
                format!(
                    "{} points beyond × {} = {}; {w} - {} = {} (floor 0)",
                    fmt_score(excess),
                    fmt_score(*deduct_per_point),
                    fmt_score(deduction),
                    fmt_score(deduction),
                    fmt_score(score)
                ),
            )
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => {
            let short = full_at.saturating_sub(value);
            if short <= Decimal::ZERO || *step <= Decimal::ZERO {
                return computed(
                    weight,
                    format!("{}≥{}，得满分 {w}", pct(value), pct(*full_at)),
                    format!("{} ≥ {}: full marks {w}", pct(value), pct(*full_at)),
                );
            }
            // Both are positive here; a quotient too large to hold saturates.
            let steps_exact = short.checked_div(*step).unwrap_or(Decimal::MAX);
            let steps = if *started_step_counts {
                steps_exact.ceil()
            } else {
                steps_exact.floor()
            };
            let deduction = steps.saturating_mul(*deduct);
            let score = clamp(weight.saturating_sub(deduction), weight);
            computed(
                score,
                format!(
                    "差 {} 个百分点，计 {} 档×{}={}，{w}-{}={}",
                    fmt_score(short),
                    steps,
                    fmt_score(*deduct),
                    fmt_score(deduction),
                    fmt_score(deduction),
                    fmt_score(score)
                ),
                format!(
                    "{} points short, {} steps × {} = {}; {w} - {} = {}",
                    fmt_score(short),
                    steps,
                    fmt_score(*deduct),
                    fmt_score(deduction),
                    fmt_score(deduction),
                    fmt_score(score)
                ),
            )
        }
        RuleKind::Bands { bands, otherwise } => {
            let hit = bands.iter().find(|b| b.op.holds(value, b.bound));
            match hit {
                Some(b) => computed(
                    b.points,
                    format!(
                        "{}{}{}，得 {} 分",
                        pct(value),
                        b.op.symbol(),
                        pct(b.bound),
                        fmt_score(b.points)
                    ),
                    format!(
                        "{} {} {}: {} points",
                        pct(value),
                        b.op.symbol(),
                        pct(b.bound),
                        fmt_score(b.points)
                    ),
                ),
                None => computed(
                    *otherwise,
                    format!(
                        "{}不在以上各档，得 {} 分",
                        pct(value),
                        fmt_score(*otherwise)
                    ),
                    format!(
                        "{} is in none of the bands: {} points",
                        pct(value),
                        fmt_score(*otherwise)
                    ),
                ),
            }
        }
        RuleKind::Proportional {
            cap,
            round_to_whole,
        } => {
            let used = value.min(*cap).max(Decimal::ZERO);
            let exact = arith::percent_of(weight, used);
            let score = if *round_to_whole {
                exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            } else {
                exact
            };
            let rounding = if *round_to_whole { "，取整" } else { "" };
            let rounding_en = if *round_to_whole { ", rounded" } else { "" };
            computed(
                score,
                format!("{}×{w}={}{rounding}", pct(used), fmt_score(score)),
                format!("{} × {w} = {}{rounding_en}", pct(used), fmt_score(score)),
            )
        }
        RuleKind::Categorical { source, categories } => {
            let key = match source {
                CategorySource::Metric => rule
                    .metric
                    .and_then(|id| metrics.iter().find(|m| m.id == id))
                    .and_then(|m| m.class.clone()),
                CategorySource::Officer => node.entry.choice.clone(),
            };
            match key.and_then(|k| categories.iter().find(|c| c.key == k || c.label == k)) {
                Some(cat) => computed(
                    cat.points,
                    format!("属“{}”，得 {} 分", cat.label, fmt_score(cat.points)),
                    format!(
                        "category \"{}\": {} points",
                        cat.label,
                        fmt_score(cat.points)
                    ),
                ),
                None => missing_outcome(
                    node,
                    rule_text.clone(),
                    Bilingual::new("尚未确定所属类别", "no category chosen or computed"),
                ),
            }
        }
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => {
            let mut failed: Vec<usize> = node
                .entry
                .failed_items
                .iter()
                .copied()
                .filter(|i| *i < items.len())
                .collect();
            failed.sort_unstable();
            failed.dedup();
            let failed_n = Decimal::from(failed.len());
            let met_n = Decimal::from(items.len() - failed.len());
            let deducted = failed_n.saturating_mul(*points);
            let score = match mode {
                ChecklistMode::Deduct => weight.saturating_sub(deducted),
                ChecklistMode::Award => met_n.saturating_mul(*points),
            };
            computed(
                score,
                match mode {
                    ChecklistMode::Deduct => format!(
                        "{} 项未达标×{}，{w}-{}={}",
                        failed.len(),
                        fmt_score(*points),
                        fmt_score(deducted),
                        fmt_score(clamp(score, weight))
                    ),
                    ChecklistMode::Award => format!(
                        "{} 项达标×{}={}",
                        items.len() - failed.len(),
                        fmt_score(*points),
                        fmt_score(clamp(score, weight))
                    ),
                },
                match mode {
                    ChecklistMode::Deduct => format!(
                        "{} failed × {}; {w} - {} = {}",
                        failed.len(),
                        fmt_score(*points),
                        fmt_score(deducted),
                        fmt_score(clamp(score, weight))
                    ),
                    ChecklistMode::Award => format!(
                        "{} met × {} = {}",
                        items.len() - failed.len(),
                        fmt_score(*points),
                        fmt_score(clamp(score, weight))
                    ),
                },
            )
        }
        RuleKind::Levels { levels } => {
            let chosen = node
                .entry
                .choice
                .as_ref()
                .and_then(|c| levels.iter().find(|l| &l.label == c));
            match chosen {
                Some(level) => {
                    let score = arith::percent_of(weight, level.percent);
                    computed(
                        score,
                        format!(
                            "评为“{}”（{}%）×{w}={}",
                            level.label,
                            level.percent.normalize(),
                            fmt_score(score)
                        ),
                        format!(
                            "level \"{}\" ({}%) × {w} = {}",
                            level.label,
                            level.percent.normalize(),
                            fmt_score(score)
                        ),
                    )
                }
                None => missing_outcome(
                    node,
                    rule_text.clone(),
                    Bilingual::new("尚未选择评价等级", "no level chosen yet"),
                ),
            }
        }
        RuleKind::Manual => manual(node, rule_text.clone()),
        RuleKind::NotApplicable { mode } => match mode {
            NotApplicableMode::FullMarks => LeafOutcome {
                score: weight,
                basis: ScoreBasis::NotApplicable,
                metric_value: None,
                value_source: None,
                rule: rule_text.clone(),
                working: Bilingual::new(
                    format!("不适用，按满分 {w} 计"),
                    format!("not applicable: full marks {w}"),
                ),
                removed: false,
                capped: false,
            },
            NotApplicableMode::Rescale => LeafOutcome {
                score: Decimal::ZERO,
                basis: ScoreBasis::NotApplicable,
                metric_value: None,
                value_source: None,
                rule: rule_text.clone(),
                working: Bilingual::new(
                    format!("不适用，{w} 分权重剔除，总分按比例折算"),
                    format!("not applicable: weight {w} taken out, total rescaled"),
                ),
                removed: true,
                capped: false,
            },
        },
    }
}

fn manual(node: &Indicator, rule: Bilingual) -> LeafOutcome {
    match node.entry.officer_score {
        Some(typed) => {
            let score = clamp(typed, effective_weight(node.weight));
            LeafOutcome {
                score,
                basis: ScoreBasis::Officer,
                metric_value: None,
                value_source: None,
                rule,
                working: Bilingual::new(
                    format!("自评得分 {}", fmt_score(score)),
                    format!("officer's score {}", fmt_score(score)),
                ),
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

/// The rule in words, for the detail panel and the report.
#[must_use]
pub fn describe_rule(kind: &RuleKind, weight: Decimal) -> Bilingual {
    let w = fmt_score(weight);
    match kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
        } => {
            let (zh_side, en_side, zh_dir, en_dir) = if *above_is_bad {
                ("≤", "≤", "超过", "above")
            } else {
                ("≥", "≥", "低于", "below")
            };
            Bilingual::new(
                format!(
                    "{zh_side}{}得满分{w}分，每{zh_dir}1个百分点扣{}分，扣完为止",
                    pct(*threshold),
                    fmt_score(*deduct_per_point)
                ),
                format!(
                    "{en_side} {}: full {w}; −{} per point {en_dir}; floor 0",
                    pct(*threshold),
                    fmt_score(*deduct_per_point)
                ),
            )
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => Bilingual::new(
            format!(
                "达到{}得满分{w}分，每低{}个百分点扣{}分{}，扣完为止",
                pct(*full_at),
                fmt_score(*step),
                fmt_score(*deduct),
                if *started_step_counts {
                    "（不足一档按一档计）"
                } else {
                    "（不足一档不扣）"
                }
            ),
            format!(
                "{}: full {w}; −{} per {} points short{}; floor 0",
                pct(*full_at),
                fmt_score(*deduct),
                fmt_score(*step),
                if *started_step_counts {
                    " (a started step counts)"
                } else {
                    " (complete steps only)"
                }
            ),
        ),
        RuleKind::Bands { bands, otherwise } => {
            let zh: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "{}{}得{}分",
                        b.op.symbol(),
                        pct(b.bound),
                        fmt_score(b.points)
                    )
                })
                .collect();
            Bilingual::new(
                format!("{}；其余得{}分", zh.join("；"), fmt_score(*otherwise)),
                format!(
                    "{}; otherwise {}",
                    bands
                        .iter()
                        .map(|b| format!(
                            "{} {} → {}",
                            b.op.symbol(),
                            pct(b.bound),
                            fmt_score(b.points)
                        ))
                        .collect::<Vec<_>>()
                        .join("; "),
                    fmt_score(*otherwise)
                ),
            )
        }
        RuleKind::Proportional {
            cap,
            round_to_whole,
        } => Bilingual::new(
            format!(
                "得分=比率×{w}分（比率最高按{}计{}）",
                pct(*cap),
                if *round_to_whole {
                    "，得分取整"
                } else {
                    ""
                }
            ),
            format!(
                "score = rate × {w} (rate capped at {}{})",
                pct(*cap),
                if *round_to_whole {
                    ", rounded to whole points"
                } else {
                    ""
                }
            ),
        ),
        RuleKind::Categorical { categories, .. } => Bilingual::new(
            categories
                .iter()
                .map(|c| format!("{}得{}分", c.label, fmt_score(c.points)))
                .collect::<Vec<_>>()
                .join("；"),
            categories
                .iter()
                .map(|c| format!("{} → {}", c.label, fmt_score(c.points)))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        RuleKind::Checklist {
            items,
            points,
            mode,
        } => match mode {
            ChecklistMode::Deduct => Bilingual::new(
                format!(
                    "{} 项要求，每项不达标扣{}分，扣完为止",
                    items.len(),
                    fmt_score(*points)
                ),
                format!(
                    "{} criteria; −{} per failed one; floor 0",
                    items.len(),
                    fmt_score(*points)
                ),
            ),
            ChecklistMode::Award => Bilingual::new(
                format!(
                    "{} 项要求，每达到一项得{}分",
                    items.len(),
                    fmt_score(*points)
                ),
                format!(
                    "{} criteria; {} per criterion met",
                    items.len(),
                    fmt_score(*points)
                ),
            ),
        },
        RuleKind::Levels { levels } => Bilingual::new(
            levels
                .iter()
                .map(|l| format!("{}{}%", l.label, l.percent.normalize()))
                .collect::<Vec<_>>()
                .join("/"),
            levels
                .iter()
                .map(|l| format!("{} {}%", l.label, l.percent.normalize()))
                .collect::<Vec<_>>()
                .join(" / "),
        ),
        RuleKind::Manual => Bilingual::new(
            format!("自评打分，满分{w}分"),
            format!("scored by the officer, out of {w}"),
        ),
        RuleKind::NotApplicable { mode } => match mode {
            NotApplicableMode::FullMarks => {
                Bilingual::new("不适用，按满分计", "not applicable: full marks")
            }
            NotApplicableMode::Rescale => Bilingual::new(
                "不适用，剔除权重后折算总分",
                "not applicable: weight removed, total rescaled",
            ),
        },
    }
}

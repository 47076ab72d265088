//! Scores every indicator of the table by its rule, with the arithmetic.

use rust_decimal::Decimal;
use serde::Serialize;

use super::arith;
use super::measure::{self, LeafMeasure};
use super::metrics::{Metric, MetricId, MetricStatus};
pub use super::rules::describe_rule;
use super::rules::{self, RuleInput, RuleOutcome};
use super::working::Working;
use crate::core::Bilingual;
use crate::core::model::{Indicator, Level, ReportedFigures, RuleKind, Workbook};
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
    /// The leaf's own measure (another basis, or the table's formula).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<Box<LeafMeasure>>,
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
    measure: Option<Box<LeafMeasure>>,
}

impl LeafOutcome {
    /// A leaf scored without a measured value.
    fn unmeasured(score: Decimal, basis: ScoreBasis, rule: Bilingual, working: Bilingual) -> Self {
        Self {
            score,
            basis,
            metric_value: None,
            value_source: None,
            rule,
            working,
            removed: false,
            capped: false,
            measure: None,
        }
    }

    /// The officer's typed score, kept within the weight; `working` says why it is used.
    fn officer(
        node: &Indicator,
        typed: Decimal,
        rule: Bilingual,
        working: Working<'_>,
        texts: Texts,
    ) -> Self {
        let score = clamp(typed, effective_weight(node.weight));
        Self {
            capped: score != typed,
            ..Self::unmeasured(
                score,
                ScoreBasis::Officer,
                rule,
                texts.of(&working.result(score)),
            )
        }
    }
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

/// Scores the table against the metrics (leaves with their own measure read
/// the registry metric: no fields to compute it from).
#[must_use]
pub fn score_table(
    indicators: &[Indicator],
    metrics: &[Metric],
    reported: &ReportedFigures,
) -> TableScore {
    score_with(indicators, metrics, reported, None, Texts::Written)
}

/// Scores the workbook's table, computing each leaf's own measure from its fields.
#[must_use]
pub fn score_workbook(wb: &Workbook, metrics: &[Metric]) -> TableScore {
    score_with(
        &wb.table.indicators,
        metrics,
        &wb.reported,
        Some(wb),
        Texts::Written,
    )
}

/// As [`score_workbook`] without the texts: every figure the same, `rule`
/// and `working` left empty. For summaries that keep only figures.
#[must_use]
pub fn score_workbook_figures(wb: &Workbook, metrics: &[Metric]) -> TableScore {
    score_with(
        &wb.table.indicators,
        metrics,
        &wb.reported,
        Some(wb),
        Texts::Skipped,
    )
}

/// Whether scoring writes the rule in words and the working of each
/// indicator (most of its cost), or only the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Texts {
    Written,
    Skipped,
}

impl Texts {
    fn of(self, working: &Working<'_>) -> Bilingual {
        match self {
            Self::Written => working.bilingual(),
            Self::Skipped => Bilingual::default(),
        }
    }

    fn words(self, zh: &str, en: &str) -> Bilingual {
        match self {
            Self::Written => Bilingual::new(zh, en),
            Self::Skipped => Bilingual::default(),
        }
    }
}

/// One leaf scored on its own against the fields of `fields` (what-if
/// rescores a leaf many times; the rest of the table does not change it).
/// Returns the score (within 0..=weight) and the leaf's own measure.
#[must_use]
pub fn score_single_leaf(
    node: &Indicator,
    fields: &Workbook,
    metrics: &[Metric],
) -> (Decimal, Option<Box<LeafMeasure>>) {
    let context = LeafContext {
        metrics,
        reported: &fields.reported,
        fields: Some(fields),
        texts: Texts::Skipped,
    };
    let leaf = score_leaf(node, &context, &mut LevelsMemo::default());
    (leaf.score, leaf.measure)
}

fn score_with(
    indicators: &[Indicator],
    metrics: &[Metric],
    reported: &ReportedFigures,
    fields: Option<&Workbook>,
    texts: Texts,
) -> TableScore {
    let mut scorer = Scorer {
        metrics,
        reported,
        fields,
        texts,
        // One result per node, not per top level: growing a vector of
        // results moved every one of them again.
        out: Vec::with_capacity(indicators.iter().map(|i| 1 + i.descendant_count()).sum()),
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
    fields: Option<&'a Workbook>,
    texts: Texts,
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
            rule: self
                .texts
                .words("下级指标得分之和", "sum of the sub-indicators"),
            working: Bilingual::default(),
            lost: Decimal::ZERO,
            officer_differs: false,
            capped: false,
            children_sum: Decimal::ZERO,
            measure: None,
        });
        let mut sum = Decimal::ZERO;
        let mut counted = Decimal::ZERO;
        let mut working = String::new();
        let texts = self.texts == Texts::Written;
        for (i, child) in node.children.iter().enumerate() {
            let (s, c) = self.score_node(child, depth + 1);
            sum = sum.saturating_add(s);
            counted = counted.saturating_add(c);
            if !texts {
                continue;
            }
            if i > 0 {
                working.push('+');
            }
            push_score(&mut working, s);
        }
        // A parent never scores above its weight (checks name the children).
        let cap = effective_weight(node.weight);
        let score = sum.min(cap);
        let working = if texts {
            subtotal_working(working, sum, score)
        } else {
            Bilingual::default()
        };
        if let Some(result) = self.out.get_mut(slot) {
            result.score = score;
            result.counted_weight = counted;
            result.lost = counted.saturating_sub(score);
            result.working = working;
            result.capped = score < sum;
            result.children_sum = sum;
        }
        (score, counted)
    }

    fn score_leaf_node(&mut self, node: &'a Indicator, depth: usize) -> (Decimal, Decimal) {
        let weight = effective_weight(node.weight);
        let context = LeafContext {
            metrics: self.metrics,
            reported: self.reported,
            fields: self.fields,
            texts: self.texts,
        };
        let leaf = score_leaf(node, &context, &mut self.levels_memo);
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
            measure: leaf.measure,
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
    printed_for_leaf: Option<Decimal>,
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
        Some(MetricStatus::Ok | MetricStatus::MissingInput { .. }) | None => printed_for_leaf
            .or_else(|| reported.rates.get(&id).copied())
            .map(|v| (round2(v), ValueSource::Reported))
            .ok_or_else(|| {
                Bilingual::new(
                    format!("{}缺少输入数据", id.label_zh()),
                    format!("{} has no input data", id.label_en()),
                )
            }),
    }
}

/// The value of a leaf's own measure, or why there is none; a basis variant
/// whose inputs are not given falls back to the printed rate as its metric does.
fn own_measured_value(
    measure: &LeafMeasure,
    reported: &ReportedFigures,
    printed_for_leaf: Option<Decimal>,
) -> Result<(Decimal, ValueSource), Bilingual> {
    if let Some(v) = measure.measured.display {
        return Ok((v, ValueSource::Computed));
    }
    let label = &measure.label;
    match &measure.measured.status {
        MetricStatus::ZeroDenominator => Err(Bilingual::new(
            format!("{}分母为 0，无法计算（n/a）", label.zh),
            format!("{} has a zero denominator (n/a)", label.en),
        )),
        MetricStatus::Overflow => Err(Bilingual::new(
            format!("{}输入数值过大，无法计算", label.zh),
            format!("{} has inputs too large to compute", label.en),
        )),
        // The metric's printed rate stands in only where it was printed on this basis.
        MetricStatus::Ok | MetricStatus::MissingInput { .. } => printed_for_leaf
            .or_else(|| {
                let id = measure.metric?;
                let printed_basis = reported.bases.get(&id).copied();
                (printed_basis.is_none() || printed_basis == measure.basis)
                    .then(|| reported.rates.get(&id).copied())
                    .flatten()
            })
            .map(|v| (round2(v), ValueSource::Reported))
            .ok_or_else(|| {
                Bilingual::new(
                    format!("{}缺少输入数据", label.zh),
                    format!("{} has no input data", label.en),
                )
            }),
    }
}

/// "a+b+c=sum", and the cap when the children add up past the weight;
/// `working` holds "a+b+c".
fn subtotal_working(mut working: String, sum: Decimal, score: Decimal) -> Bilingual {
    working.push('=');
    push_score(&mut working, sum);
    let mut working_en = working.clone();
    if score < sum {
        working.push_str("，超过分值，按 ");
        working_en.push_str(", above the weight; counted as ");
        push_score(&mut working, score);
        working.push_str(" 计");
        push_score(&mut working_en, score);
    }
    Bilingual::new(working, working_en)
}

fn missing_outcome(
    node: &Indicator,
    rule: Bilingual,
    why: &Bilingual,
    texts: Texts,
) -> LeafOutcome {
    if let Some(typed) = node.entry.officer_score {
        let working = Working::new()
            .both(why)
            .words("；采用自评得分 ", "; using the officer's score ");
        return LeafOutcome::officer(node, typed, rule, working, texts);
    }
    let working = Working::new()
        .both(why)
        .words("，暂计 0 分", "; counted as 0 for now");
    LeafOutcome::unmeasured(Decimal::ZERO, ScoreBasis::Missing, rule, texts.of(&working))
}

/// What every leaf is scored against.
struct LeafContext<'a> {
    metrics: &'a [Metric],
    reported: &'a ReportedFigures,
    fields: Option<&'a Workbook>,
    texts: Texts,
}

fn score_leaf<'a>(
    node: &'a Indicator,
    context: &LeafContext<'_>,
    levels_memo: &mut LevelsMemo<'a>,
) -> LeafOutcome {
    let (metrics, reported) = (context.metrics, context.reported);
    let weight = effective_weight(node.weight);
    let Some(rule) = &node.rule else {
        return manual(
            node,
            context.texts.words("自评打分", "scored by the officer"),
            context.texts,
        );
    };
    let rule_text = match context.texts {
        Texts::Written => levels_memo.describe(&rule.kind, weight),
        Texts::Skipped => Bilingual::default(),
    };
    let measure = context
        .fields
        .and_then(|wb| measure::measure_leaf(wb, rule, &node.name))
        .map(Box::new);
    let leaf_printed = reported.leaf_rates.get(&node.code).copied();
    let found = match (&measure, &rule.formula) {
        (_, Some(formula)) if measure::formula_problem(formula).is_some() => {
            Err(measure::formula_problem(formula).unwrap_or_default())
        }
        (Some(own), _) => own_measured_value(own, reported, leaf_printed),
        (None, Some(_)) => Err(Bilingual::new(
            "表内定义的公式需要基础数据才能计算",
            "the table's formula needs the basic data to be computed",
        )),
        (None, None) => measured_value(rule.metric, metrics, reported, leaf_printed),
    };
    let measured = match found {
        Ok(found) => Some(found),
        Err(why) if rules::needs_value(&rule.kind) => {
            let mut outcome = missing_outcome(node, rule_text, &why, context.texts);
            outcome.measure = measure;
            return outcome;
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
            working: context.texts.of(&working),
            removed: false,
            capped: false,
            measure,
        },
        RuleOutcome::NotChosen(why) => missing_outcome(node, rule_text, &why, context.texts),
        RuleOutcome::Officer => manual(node, rule_text, context.texts),
        RuleOutcome::NotApplicable {
            score,
            removed,
            working,
        } => LeafOutcome {
            removed,
            ..LeafOutcome::unmeasured(
                score,
                ScoreBasis::NotApplicable,
                rule_text,
                context.texts.of(&working),
            )
        },
    }
}

fn manual(node: &Indicator, rule: Bilingual, texts: Texts) -> LeafOutcome {
    match node.entry.officer_score {
        Some(typed) => {
            let working = Working::new().words("自评得分 ", "officer's score ");
            LeafOutcome::officer(node, typed, rule, working, texts)
        }
        None => LeafOutcome::unmeasured(
            Decimal::ZERO,
            ScoreBasis::Missing,
            rule,
            texts.words("尚未打分，暂计 0 分", "not scored yet; counted as 0"),
        ),
    }
}

//! The scoring table (评分表) as data: a tree of indicators with weights and rules.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{Basis, TableFormula};
use crate::core::model::MetricId;

/// The bureau's scoring table for the year.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ScoringTable {
    pub name: String,
    #[serde(default)]
    pub source: String,
    /// False until the bureau's real table has been loaded and checked.
    #[serde(default)]
    pub verified: bool,
    /// Who marked the table verified (the officer's name as typed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verified_by: String,
    /// When it was marked verified, as the run loop's clock read it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub verified_at: String,
    #[serde(default)]
    pub note: String,
    pub indicators: Vec<Indicator>,
}

/// One node of the tree. Leaves carry a rule; inner nodes sum their children.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Indicator {
    pub code: String,
    pub name: String,
    #[serde(with = "crate::core::num::weight_str")]
    pub weight: Decimal,
    /// The scoring standard as the bureau wrote it (评分标准), kept verbatim.
    #[serde(default)]
    pub standard: String,
    /// What the indicator means (指标解释, 评价要点), as the bureau wrote it;
    /// kept apart from the standard so the wording of the rule stays its own.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub definition: String,
    /// Whether the table asks for 佐证材料 on this indicator; absent: read
    /// from the standard's words (`Indicator::asks_for_evidence`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence_required: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<Rule>,
    #[serde(default)]
    pub entry: IndicatorEntry,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Indicator>,
}

/// What the officer and the reviewer wrote against an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IndicatorEntry {
    /// The officer's score (自评得分), used by manual rules and compared with computed ones.
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub officer_score: Option<Decimal>,
    /// The chosen level label for qualitative rules, or category key for officer-chosen categories.
    pub choice: Option<String>,
    /// Indexes of failed checklist items.
    pub failed_items: Vec<usize>,
    /// 扣分理由.
    pub deduction_reason: String,
    /// 佐证材料, as the report prints it under the indicator.
    pub evidence: String,
    /// 佐证材料清单: the files listed as evidence (path, title, pages, hash).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence_files: Vec<super::EvidenceFile>,
    #[serde(with = "crate::core::num::dec_str_opt")]
    pub reviewer_score: Option<Decimal>,
    pub reviewer_comment: String,
    /// The officer's analysis of the indicator (分析), printed under it in 三（二）.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub analysis: String,
    /// Set on every leaf of a new workbook: a checklist or not-applicable leaf
    /// scores nothing (未评分) until the officer confirms it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub unconfirmed: bool,
}

/// A leaf's scoring rule: the measured metric (if any) and the rule shape.
/// Read by the one-pass reader of `rule_serde`, written as derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<MetricId>,
    /// The budget the metric is taken against; absent: the metric's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    /// A ratio the table defines itself, measured instead of `metric`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<TableFormula>,
    #[serde(flatten)]
    pub kind: RuleKind,
}

impl Rule {
    /// A rule measuring a built-in metric as its registry row says.
    #[must_use]
    pub fn new(metric: Option<MetricId>, kind: RuleKind) -> Self {
        Self {
            metric,
            basis: None,
            formula: None,
            kind,
        }
    }
}

/// The rule shapes of published scoring tables (domain.md §4B).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleKind {
    /// Full marks while the rate is on the good side of `threshold`; `deduct_per_point`
    /// for each percentage point beyond it; floor 0 (扣完为止).
    Threshold {
        #[serde(with = "crate::core::num::dec_str")]
        threshold: Decimal,
        #[serde(with = "crate::core::num::dec_str")]
        deduct_per_point: Decimal,
        /// True when values above the threshold lose points (差异率); false when below (完成率).
        #[serde(default = "yes")]
        above_is_bad: bool,
        /// Extra limits some tables add (最多扣N分, N%以上不得分, ±N%); none by default.
        #[serde(default, flatten)]
        limits: Limits,
    },
    /// Full marks at `full_at`; `deduct` per `step` points short; floor 0.
    Step {
        #[serde(with = "crate::core::num::dec_str")]
        full_at: Decimal,
        #[serde(with = "crate::core::num::dec_str")]
        step: Decimal,
        #[serde(with = "crate::core::num::dec_str")]
        deduct: Decimal,
        /// True: a started step already costs `deduct`; false: only complete steps count.
        #[serde(default)]
        started_step_counts: bool,
    },
    /// The first band whose condition holds gives the points; else `otherwise`.
    Bands {
        bands: Vec<Band>,
        #[serde(with = "crate::core::num::dec_str")]
        otherwise: Decimal,
    },
    /// score = min(rate, cap) / 100 × weight.
    Proportional {
        #[serde(with = "crate::core::num::dec_str", default = "hundred")]
        cap: Decimal,
        #[serde(default)]
        round_to_whole: bool,
        /// "≥X%得满分，低于X%按比例得分": full marks from X, below it weight × rate ÷ X.
        #[serde(
            default,
            with = "crate::core::num::dec_str_opt",
            skip_serializing_if = "Option::is_none"
        )]
        full_at: Option<Decimal>,
    },
    /// The category (from a metric's class or the officer's choice) gives the points.
    Categorical {
        source: CategorySource,
        categories: Vec<Category>,
    },
    /// A list of criteria; each failed one deducts (or each met one awards) `points`.
    Checklist {
        items: Vec<String>,
        #[serde(with = "crate::core::num::dec_str")]
        points: Decimal,
        #[serde(default)]
        mode: ChecklistMode,
    },
    /// The officer picks a level; the level's percent of the weight is the score.
    Levels {
        #[serde(default = "default_levels")]
        levels: Vec<Level>,
    },
    /// The officer types the score.
    Manual,
    /// Not applicable to this unit.
    NotApplicable { mode: NotApplicableMode },
}

fn yes() -> bool {
    true
}

fn hundred() -> Decimal {
    Decimal::ONE_HUNDRED
}

/// 好 / 较好 / 一般 / 差 → 100 / 80 / 60 / 0 % of the weight.
#[must_use]
pub fn default_levels() -> Vec<Level> {
    [("好", 100), ("较好", 80), ("一般", 60), ("差", 0)]
        .into_iter()
        .map(|(label, percent)| Level {
            label: label.to_owned(),
            percent: Decimal::from(percent),
        })
        .collect()
}

/// A comparison used by bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandOp {
    Lt,
    Le,
    Eq,
    Ge,
    Gt,
}

impl BandOp {
    #[must_use]
    pub fn holds(self, value: Decimal, bound: Decimal) -> bool {
        match self {
            Self::Lt => value < bound,
            Self::Le => value <= bound,
            Self::Eq => value == bound,
            Self::Ge => value >= bound,
            Self::Gt => value > bound,
        }
    }

    #[must_use]
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "≤",
            Self::Eq => "=",
            Self::Ge => "≥",
            Self::Gt => ">",
        }
    }
}

/// "rate op bound → points", or an interval "bound op rate upper.op upper.bound".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Band {
    pub op: BandOp,
    #[serde(with = "crate::core::num::dec_str")]
    pub bound: Decimal,
    #[serde(with = "crate::core::num::dec_str")]
    pub points: Decimal,
    /// The second bound of an interval ("80%≤x<90%": op ge 80, upper lt 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<Upper>,
}

impl Band {
    /// A one-sided band.
    #[must_use]
    pub fn new(op: BandOp, bound: Decimal, points: Decimal) -> Self {
        Self {
            op,
            bound,
            points,
            upper: None,
        }
    }

    /// Whether the rate falls in the band (both bounds when it has two).
    #[must_use]
    pub fn holds(&self, value: Decimal) -> bool {
        self.op.holds(value, self.bound) && self.upper.is_none_or(|u| u.op.holds(value, u.bound))
    }
}

/// The upper bound of an interval band: `rate op bound` (op is `lt` or `le`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Upper {
    pub op: BandOp,
    #[serde(with = "crate::core::num::dec_str")]
    pub bound: Decimal,
}

/// Optional limits on a deduction rule; all absent in older files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Limits {
    /// "最多扣N分": the deduction never exceeds this.
    #[serde(
        default,
        with = "crate::core::num::dec_str_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_deduct: Option<Decimal>,
    /// "N%以上不得分" (or 以下 when lower is bad): 0 points beyond this rate.
    #[serde(
        default,
        with = "crate::core::num::dec_str_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub zero_beyond: Option<Decimal>,
    /// "±N%": the rate's distance from 0 is measured (|rate|), either sign counts.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub symmetric: bool,
}

/// Where a categorical rule's category comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CategorySource {
    /// The metric's class (e.g. treasury stock `zero` / `decreased` / `increased`).
    Metric,
    /// The officer's `choice`.
    Officer,
}

/// One category of a categorical rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub key: String,
    pub label: String,
    #[serde(with = "crate::core::num::dec_str")]
    pub points: Decimal,
}

/// A qualitative level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Level {
    pub label: String,
    #[serde(with = "crate::core::num::dec_str")]
    pub percent: Decimal,
}

/// Whether a checklist deducts per failure or awards per criterion met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistMode {
    #[default]
    Deduct,
    Award,
}

/// How a not-applicable indicator counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotApplicableMode {
    /// Full marks.
    FullMarks,
    /// Weight taken out and the total rescaled to 100.
    Rescale,
}

impl Indicator {
    /// Walks the tree depth-first, calling `visit(depth, indicator)`.
    pub fn walk<'a>(&'a self, depth: usize, visit: &mut impl FnMut(usize, &'a Indicator)) {
        visit(depth, self);
        for child in &self.children {
            child.walk(depth + 1, visit);
        }
    }

    #[must_use]
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }
}

impl ScoringTable {
    /// All indicators in display order with their depth (0 = 一级).
    #[must_use]
    pub fn flatten(&self) -> Vec<(usize, &Indicator)> {
        let mut out = Vec::new();
        for top in &self.indicators {
            top.walk(0, &mut |depth, ind| out.push((depth, ind)));
        }
        out
    }

    /// The indicator with `code`, mutable (the first, should a code repeat).
    pub fn indicator_mut(&mut self, code: &str) -> Option<&mut Indicator> {
        let index = self.flatten().iter().position(|(_, i)| i.code == code)?;
        self.nth_mut(index)
    }

    /// Every indicator in the order of `flatten`, mutable, with its index: one
    /// walk, where `nth_mut` for each index would be quadratic.
    pub fn for_each_mut(&mut self, mut visit: impl FnMut(usize, &mut Indicator)) {
        fn go(
            nodes: &mut [Indicator],
            index: &mut usize,
            visit: &mut impl FnMut(usize, &mut Indicator),
        ) {
            for node in nodes {
                visit(*index, node);
                *index += 1;
                go(&mut node.children, index, visit);
            }
        }
        let mut index = 0;
        go(&mut self.indicators, &mut index, &mut visit);
    }

    /// The indicator at a depth-first index (the index of `flatten`), mutable.
    pub fn nth_mut(&mut self, index: usize) -> Option<&mut Indicator> {
        fn find<'a>(nodes: &'a mut [Indicator], index: &mut usize) -> Option<&'a mut Indicator> {
            for node in nodes {
                if *index == 0 {
                    return Some(node);
                }
                *index -= 1;
                let below = node.descendant_count();
                if *index < below {
                    return find(&mut node.children, index);
                }
                *index -= below;
            }
            None
        }
        let mut remaining = index;
        find(&mut self.indicators, &mut remaining)
    }
}

impl Indicator {
    /// How many nodes lie below this one.
    #[must_use]
    pub fn descendant_count(&self) -> usize {
        self.children.iter().map(|c| 1 + c.descendant_count()).sum()
    }
}

#[cfg(test)]
mod tests {
    use crate::core::sample::sample_workbook;

    #[test]
    fn for_each_mut_visits_in_the_order_of_flatten() {
        let mut wb = sample_workbook();
        let codes: Vec<String> = wb
            .table
            .flatten()
            .iter()
            .map(|(_, i)| i.code.clone())
            .collect();
        let mut seen = Vec::new();
        wb.table.for_each_mut(|i, ind| {
            seen.push((i, ind.code.clone()));
            ind.name.push('*');
        });
        let expected: Vec<(usize, String)> = codes.into_iter().enumerate().collect();
        assert_eq!(seen, expected);
        assert!(
            wb.table
                .flatten()
                .iter()
                .all(|(_, i)| i.name.ends_with('*'))
        );
    }

    #[test]
    fn an_indicator_is_found_by_code_at_any_depth() {
        let mut wb = sample_workbook();
        let flat: Vec<String> = wb
            .table
            .flatten()
            .iter()
            .map(|(_, i)| i.code.clone())
            .collect();
        for code in &flat {
            let found = wb.table.indicator_mut(code).expect("present");
            assert_eq!(&found.code, code);
        }
        let leaf = flat.last().expect("a leaf").clone();
        wb.table.indicator_mut(&leaf).expect("leaf").entry.evidence = "附件".into();
        assert_eq!(
            wb.table.flatten().last().expect("leaf").1.entry.evidence,
            "附件"
        );
        assert!(wb.table.indicator_mut("Z9").is_none());
    }
}

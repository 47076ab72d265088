//! The rule form of a leaf: its kind, its metric and the kind's parameters
//! as the rule module declares them (`rules::KINDS`), with the sentence the
//! report will print, recomputed as the officer types.

use rust_decimal::Decimal;

use super::super::{Action, App, Mode, StatusLine};
use crate::core::Bilingual;
use crate::core::engine::metrics::METRICS;
use crate::core::engine::rules::params::{self, ParamShape};
use crate::core::engine::rules::{self, KINDS, KindSpec, describe_rule};
use crate::core::engine::{MetricId, basis};
use crate::core::model::{Basis, Rule, TableFormula, Workbook};

/// The first rows of the form, before the kind's parameters.
pub const KIND_ROW: usize = 0;
pub const METRIC_ROW: usize = 1;
const FIRST_PARAM_ROW: usize = 2;

/// The form's state: which kind, which metric, the typed parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleForm {
    /// Flatten index of the leaf.
    pub indicator: usize,
    pub weight: Decimal,
    /// Position in `rules::KINDS`.
    pub kind: usize,
    /// Position in `METRICS`, or none.
    pub metric: Option<usize>,
    /// The parameters of each kind as typed (switching kinds keeps them).
    pub values: Vec<Vec<String>>,
    pub row: usize,
    /// The rule as it was when the form opened: its parameters the form does
    /// not list (a deduction cap, an interval's upper end) are kept.
    pub original: Option<crate::core::model::RuleKind>,
    /// The budget the metric is taken against (cycled with the metric).
    pub basis: Option<Basis>,
    /// A ratio the table defines, kept as it was (the form does not edit it).
    pub formula: Option<TableFormula>,
}

fn blank_values(spec: &KindSpec) -> Vec<String> {
    spec.params
        .iter()
        .map(|p| match p.shape {
            ParamShape::Flag => params::flag_text(false),
            ParamShape::Choice(options) => options.first().copied().unwrap_or("").to_owned(),
            ParamShape::Number | ParamShape::List => String::new(),
        })
        .collect()
}

impl RuleForm {
    /// The form over the leaf at `index`, holding its current rule.
    #[must_use]
    pub fn open(wb: &Workbook, index: usize) -> Option<Self> {
        let (_, ind) = wb.table.flatten().get(index).copied()?;
        let mut values: Vec<Vec<String>> = KINDS.iter().map(blank_values).collect();
        let (kind, metric) = match &ind.rule {
            Some(rule) => {
                let at = rules::kind_position(&rule.kind);
                values[at] = rules::param_values(&rule.kind);
                let metric = rule
                    .metric
                    .and_then(|m| METRICS.iter().position(|def| def.id == m));
                (at, metric)
            }
            None => (0, None),
        };
        Some(Self {
            indicator: index,
            weight: ind.weight,
            kind,
            metric,
            values,
            row: KIND_ROW,
            original: ind.rule.as_ref().map(|rule| rule.kind.clone()),
            basis: ind.rule.as_ref().and_then(|rule| rule.basis),
            formula: ind.rule.as_ref().and_then(|rule| rule.formula.clone()),
        })
    }

    #[must_use]
    pub fn spec(&self) -> &'static KindSpec {
        &KINDS[self.kind.min(KINDS.len() - 1)]
    }

    /// How many rows the form has: kind, metric, then one per parameter.
    #[must_use]
    pub fn rows(&self) -> usize {
        FIRST_PARAM_ROW + self.spec().params.len()
    }

    /// The typed parameters of the chosen kind.
    #[must_use]
    pub fn current_values(&self) -> &[String] {
        self.values.get(self.kind).map_or(&[][..], Vec::as_slice)
    }

    #[must_use]
    pub fn metric_id(&self) -> Option<MetricId> {
        self.metric.and_then(|m| METRICS.get(m)).map(|def| def.id)
    }

    /// The rule the form describes, or why not yet.
    ///
    /// # Errors
    /// A parameter cannot be read.
    pub fn build(&self) -> Result<Rule, Bilingual> {
        let mut kind = (self.spec().build)(self.current_values())?;
        if let Some(original) = &self.original {
            rules::keep_unlisted(original, &mut kind);
        }
        Ok(Rule {
            metric: self.metric_id(),
            basis: self.basis,
            formula: self.formula.clone(),
            kind,
        })
    }

    /// The sentence the report prints for this rule (the rule module's own).
    ///
    /// # Errors
    /// A parameter cannot be read.
    pub fn sentence(&self) -> Result<Bilingual, Bilingual> {
        self.build()
            .map(|rule| describe_rule(&rule.kind, self.weight))
    }

    /// The parameter the cursor is on, with its position.
    #[must_use]
    pub fn param_at_row(&self) -> Option<(usize, params::Param)> {
        self.param_at_row_of(self.row)
    }

    /// The parameter shown on a form row, with its position.
    #[must_use]
    pub fn param_at_row_of(&self, row: usize) -> Option<(usize, params::Param)> {
        let at = row.checked_sub(FIRST_PARAM_ROW)?;
        self.spec().params.get(at).map(|p| (at, *p))
    }

    fn cycle(&mut self, forward: bool) {
        let step = |at: usize, n: usize| {
            if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }
        };
        match self.row {
            KIND_ROW => self.kind = step(self.kind, KINDS.len()),
            METRIC_ROW => self.cycle_measure(&step),
            _ => self.cycle_param(forward),
        }
    }

    /// None, then every metric of the registry followed by its other bases
    /// (年初 / 调整后预算, 预算 / 决算), round again. A table's own formula
    /// gives way to the first choice.
    fn cycle_measure(&mut self, step: &dyn Fn(usize, usize) -> usize) {
        let choices = basis::choices();
        let at = if self.formula.take().is_some() {
            0
        } else {
            let now = (
                self.metric_id(),
                basis::distinct(self.metric_id(), self.basis),
            );
            choices
                .iter()
                .position(|(m, b)| (Some(*m), *b) == now)
                .map_or(0, |i| i + 1)
        };
        match step(at, choices.len() + 1)
            .checked_sub(1)
            .and_then(|i| choices.get(i))
        {
            Some((metric, chosen)) => {
                self.metric = METRICS.iter().position(|def| def.id == *metric);
                self.basis = *chosen;
            }
            None => {
                self.metric = None;
                self.basis = None;
            }
        }
    }

    fn cycle_param(&mut self, forward: bool) {
        let Some((at, param)) = self.param_at_row() else {
            return;
        };
        let Some(value) = self.values.get_mut(self.kind).and_then(|v| v.get_mut(at)) else {
            return;
        };
        match param.shape {
            ParamShape::Flag => {
                *value = params::flag_text(!params::flag(std::slice::from_ref(value), 0));
            }
            ParamShape::Choice(options) if !options.is_empty() => {
                let now = options.iter().position(|o| o == value).unwrap_or(0);
                let n = options.len();
                let next = if forward {
                    (now + 1) % n
                } else {
                    (now + n - 1) % n
                };
                options[next].clone_into(value);
            }
            ParamShape::Choice(_) | ParamShape::Number | ParamShape::List => {}
        }
    }

    fn typed_value(&mut self) -> Option<&mut String> {
        let (at, param) = self.param_at_row()?;
        if !matches!(param.shape, ParamShape::Number | ParamShape::List) {
            return None;
        }
        self.values.get_mut(self.kind)?.get_mut(at)
    }

    /// Applies a key; returns false for Enter and Esc, which the app handles.
    pub fn apply_key(&mut self, action: &Action) -> bool {
        match action {
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(self.rows() - 1),
            Action::Left | Action::CaretLeft => self.cycle(false),
            Action::Right | Action::CaretRight => self.cycle(true),
            Action::Input(' ') if self.typed_value().is_none() => self.cycle(true),
            Action::Input(ch) => {
                if let Some(value) = self.typed_value() {
                    value.push(*ch);
                }
            }
            Action::Backspace => {
                if let Some(value) = self.typed_value() {
                    value.pop();
                }
            }
            Action::ClearInput => {
                if let Some(value) = self.typed_value() {
                    value.clear();
                }
            }
            _ => return false,
        }
        self.row = self.row.min(self.rows() - 1);
        true
    }
}

impl App {
    pub(super) fn open_rule_form(&mut self, selected: Option<usize>) {
        let Some(index) = selected else { return };
        let is_leaf = self
            .workbook
            .table
            .flatten()
            .get(index)
            .is_some_and(|(_, ind)| ind.is_leaf());
        if !is_leaf {
            self.error_bi(&Bilingual::new(
                "规则只属于末级指标；上级指标的得分是下级之和",
                "rules belong to leaves; a parent scores the sum of its children",
            ));
            return;
        }
        if let Some(form) = RuleForm::open(&self.workbook, index) {
            self.mode = Mode::RuleForm(Box::new(form));
            self.status = None;
        }
    }

    pub(in crate::app) fn update_rule_form(&mut self, action: Action) {
        let Mode::RuleForm(form) = &mut self.mode else {
            return;
        };
        if form.apply_key(&action) {
            return;
        }
        match action {
            Action::Commit | Action::Activate => {
                let index = form.indicator;
                match form.build() {
                    Ok(rule) => {
                        self.mode = Mode::Browse;
                        let mut after = self.workbook.clone();
                        if let Some(ind) = after.table.nth_mut(index) {
                            ind.rule = Some(rule);
                        }
                        self.apply_structure(after);
                    }
                    Err(why) => self.error_bi(&why),
                }
            }
            Action::Cancel => {
                self.mode = Mode::Browse;
                self.info_tr(crate::i18n::CANCELLED);
            }
            _ => {}
        }
    }
}

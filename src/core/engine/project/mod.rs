//! The project forms (项目支出绩效自评表): execution rate and score, each
//! indicator scored from target and actual, the rescaled and capped total,
//! the grade and the form's warnings. Pure, like the rest of the engine.

pub mod checks;
pub mod indicator;
pub mod value;

#[cfg(test)]
mod props;

use rust_decimal::Decimal;
use serde::Serialize;

pub use checks::{ProjectWarning, ProjectWarningCode};
pub use indicator::{IndicatorScore, NotComputed, ScoreSource};

use super::Grade;
use crate::core::model::{ExecutionBasis, FundSource, ProjectForm, ProjectScoring, Workbook};
use crate::core::num::round2;

/// Everything derived from one project form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProjectDerived {
    /// 执行率 in percent, exact (`None`: no budget, or budget 0).
    pub execution_rate: Option<Decimal>,
    /// The execution row's score, half-up to 2 places.
    pub execution_score: Option<Decimal>,
    pub indicators: Vec<IndicatorScore>,
    /// Σ weights of the grid, and of its applicable rows.
    pub indicator_weight: Decimal,
    pub applicable_weight: Decimal,
    /// What each applicable row's score is multiplied by (1 when none is left out).
    pub rescale: Decimal,
    /// Σ of the rows' counted scores after rescaling.
    pub indicator_total: Decimal,
    /// Before the execution-rate cap.
    pub uncapped_total: Decimal,
    /// The cap that applied, if any.
    pub cap: Option<Decimal>,
    /// The total, half-up to 2 places.
    pub total: Decimal,
    pub max_total: Decimal,
    pub grade: Grade,
    /// Rows neither computed nor scored on the form.
    pub unscored: usize,
    pub warnings: Vec<ProjectWarning>,
}

/// Every project form, and what is checked between them and the department.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ProjectsDerived {
    pub projects: Vec<ProjectDerived>,
    pub warnings: Vec<ProjectWarning>,
}

/// Derives every project form of the workbook.
#[must_use]
pub fn derive_projects(wb: &Workbook) -> ProjectsDerived {
    let projects: Vec<ProjectDerived> = wb.projects.iter().map(derive_project).collect();
    let warnings = checks::department(wb, &projects);
    ProjectsDerived { projects, warnings }
}

/// The grade under the form's own bounds.
#[must_use]
pub fn grade(total: Decimal, params: &ProjectScoring) -> Grade {
    let shown = round2(total);
    if shown >= params.grade_excellent {
        Grade::Excellent
    } else if shown >= params.grade_good {
        Grade::Good
    } else if shown >= params.grade_fair {
        Grade::Fair
    } else {
        Grade::Poor
    }
}

/// 执行率 in percent on the form's basis, from the total row.
#[must_use]
pub fn execution_rate(p: &ProjectForm) -> Option<Decimal> {
    let total = p.fund(FundSource::Total)?;
    let base = match p.execution_basis {
        ExecutionBasis::FullYear => total.full_year,
        ExecutionBasis::Initial => total.initial,
    }?;
    let executed = total.executed?;
    if base.is_zero() {
        return None;
    }
    executed
        .checked_div(base)
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
}

/// The execution row's score: rate / full-at × weight, never above the weight.
#[must_use]
pub fn execution_score(rate: Decimal, params: &ProjectScoring) -> Decimal {
    if params.execution_full_at <= Decimal::ZERO {
        return params.execution_weight;
    }
    let share = (rate.max(Decimal::ZERO) / params.execution_full_at).min(Decimal::ONE);
    round2(
        share
            .checked_mul(params.execution_weight)
            .unwrap_or(Decimal::ZERO),
    )
}

/// The lowest cap the execution rate falls under.
#[must_use]
pub fn cap_for(rate: Option<Decimal>, params: &ProjectScoring) -> Option<Decimal> {
    let rate = round2(rate?);
    params
        .caps
        .iter()
        .filter(|c| rate < c.rate_below)
        .map(|c| c.cap)
        .min()
}

/// Derives one project form.
#[must_use]
pub fn derive_project(p: &ProjectForm) -> ProjectDerived {
    let params = &p.scoring;
    let rate = execution_rate(p);
    let exec = rate.map(|r| execution_score(r, params));
    let indicators: Vec<IndicatorScore> = p
        .indicators
        .iter()
        .map(|ind| indicator::score(ind, params))
        .collect();
    let indicator_weight: Decimal = p.indicators.iter().map(|i| i.weight).sum();
    let applicable_weight: Decimal = p
        .indicators
        .iter()
        .filter(|i| !i.not_applicable)
        .map(|i| i.weight)
        .sum();
    let rescale = if applicable_weight.is_zero() || applicable_weight == indicator_weight {
        Decimal::ONE
    } else {
        indicator_weight / applicable_weight
    };
    let raw: Decimal = indicators.iter().filter_map(|s| s.score).sum();
    let indicator_total = if rescale == Decimal::ONE {
        raw
    } else {
        round2(raw * rescale).min(indicator_weight)
    };
    let uncapped = exec.unwrap_or_default() + indicator_total;
    let cap = cap_for(rate, params).filter(|c| uncapped > *c);
    let total = round2(cap.map_or(uncapped, |c| uncapped.min(c)));
    let unscored = indicators
        .iter()
        .filter(|s| s.source == ScoreSource::Unscored)
        .count();
    let mut derived = ProjectDerived {
        execution_rate: rate,
        execution_score: exec,
        indicators,
        indicator_weight,
        applicable_weight,
        rescale,
        indicator_total,
        uncapped_total: uncapped,
        cap,
        total,
        max_total: params.execution_weight + indicator_weight,
        grade: grade(total, params),
        unscored,
        warnings: Vec::new(),
    };
    derived.warnings = checks::project(p, &derived);
    derived
}

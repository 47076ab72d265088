//! The Excel formulas: ratios over their input cells, and leaf scores over the ratios.

use std::collections::HashMap;

use super::super::rows::tr;
use crate::core::Lang;
use crate::core::engine::rules;
use crate::core::engine::{IndicatorResult, MetricId, ScoreBasis, ValueSource};
use crate::core::model::{FieldId, Indicator, Workbook};

/// Where the basic data sheet put each input and each ratio.
pub(super) struct CellRefs {
    pub(super) sheet: String,
    pub(super) fields: HashMap<FieldId, u32>,
    pub(super) metrics: HashMap<MetricId, u32>,
    pub(super) headcount_row: u32,
}

impl CellRefs {
    /// A field's cell on the basic data sheet (`C14`), for formulas on that sheet.
    pub(super) fn field(&self, f: FieldId) -> String {
        self.fields
            .get(&f)
            .map(|r| format!("C{}", r + 1))
            .unwrap_or_else(|| "0".to_owned())
    }

    pub(super) fn metric_abs(&self, id: MetricId) -> Option<String> {
        self.metrics
            .get(&id)
            .map(|r| format!("'{}'!$C${}", self.sheet, r + 1))
    }

    pub(super) fn headcount_abs(&self) -> String {
        format!("'{}'!$C${}", self.sheet, self.headcount_row + 1)
    }
}

/// The Excel formula of a ratio over the input cells (same sheet).
pub(super) fn metric_formula(id: MetricId, refs: &CellRefs, lang: Lang) -> String {
    let miss = tr(lang, "缺数据", "missing");
    let r = |f: FieldId| refs.field(f);
    let guard = |needed: &[String], body: String| {
        format!(
            "IF(COUNT({})<{},\"{miss}\",{body})",
            needed.join(","),
            needed.len()
        )
    };
    let inputs: Vec<String> = id.inputs().iter().map(|&f| r(f)).collect();
    match id {
        MetricId::AppropriationIncomeVarianceRate => {
            let (n, d) = (&inputs[0], &inputs[1]);
            guard(
                &inputs,
                format!("IF({d}=0,\"n/a\",ROUND(ABS(({n}-{d})/{d})*100,2))"),
            )
        }
        MetricId::ThreePublicChangeRate | MetricId::CarryoverChangeRate => {
            let (n, d) = (&inputs[0], &inputs[1]);
            guard(
                &inputs,
                format!("IF({d}=0,\"n/a\",ROUND(({n}-{d})/{d}*100,2))"),
            )
        }
        MetricId::CarryoverRate => {
            let (c, o, g, f) = (&inputs[0], &inputs[1], &inputs[2], &inputs[3]);
            guard(
                &inputs[0..3],
                format!("IF(SUM({o},{g},{f})=0,\"n/a\",ROUND({c}/SUM({o},{g},{f})*100,2))"),
            )
        }
        MetricId::TreasuryCarryoverStockEfficiency => {
            let (cur, prev) = (&inputs[0], &inputs[1]);
            guard(&inputs, format!("{cur}-{prev}"))
        }
        MetricId::StaffingControlRate => {
            // As the engine: computed when any in-service and any authorised figure is given.
            let staff = inputs[0..3].join(",");
            let posts = inputs[3..6].join(",");
            format!(
                "IF(OR(COUNT({staff})=0,COUNT({posts})=0),\"{miss}\",IF(SUM({posts})=0,\"n/a\",ROUND(SUM({staff})/SUM({posts})*100,2)))"
            )
        }
        MetricId::ExpenditureCompletionRate
        | MetricId::ProcurementExecutionRate
        | MetricId::FixedAssetUtilizationRate
        | MetricId::ThreePublicControlRate
        | MetricId::OperatingCostControlRate
        | MetricId::BudgetAdjustmentRate
        | MetricId::PaymentProgressRate
        | MetricId::KeyExpenditureRate => {
            let (n, d) = (&inputs[0], &inputs[1]);
            guard(&inputs, format!("IF({d}=0,\"n/a\",ROUND({n}/{d}*100,2))"))
        }
    }
}

/// The class words of the treasury stock, as the engine writes them.
pub(super) fn stock_class_formula(refs: &CellRefs, lang: Lang) -> String {
    let (cur, prev) = (
        refs.field(FieldId::TreasuryCarryoverStockCurr),
        refs.field(FieldId::TreasuryCarryoverStockPrev),
    );
    let w = |zh: &'static str, en: &'static str| tr(lang, zh, en);
    format!(
        "IF(COUNT({cur},{prev})<2,\"\",IF(AND({cur}=0,{prev}=0),\"{}\",IF({cur}=0,\"{}\",IF({cur}<{prev},\"{}\",IF({cur}={prev},\"{}\",\"{}\")))))",
        w("上年为0，本年继续为0", "zero last year, still zero"),
        w("本年为0", "zero this year"),
        w("较上年下降", "fell"),
        w("与上年持平", "unchanged"),
        w("较上年上升", "rose"),
    )
}

pub(super) fn stock_class_value(wb: &Workbook, lang: Lang) -> String {
    let cur = FieldId::TreasuryCarryoverStockCurr.get(wb);
    let prev = FieldId::TreasuryCarryoverStockPrev.get(wb);
    let w = |zh: &'static str, en: &'static str| tr(lang, zh, en).to_owned();
    match (cur, prev) {
        (Some(c), Some(p)) if c.is_zero() && p.is_zero() => {
            w("上年为0，本年继续为0", "zero last year, still zero")
        }
        (Some(c), Some(_)) if c.is_zero() => w("本年为0", "zero this year"),
        (Some(c), Some(p)) if c < p => w("较上年下降", "fell"),
        (Some(c), Some(p)) if c == p => w("与上年持平", "unchanged"),
        (Some(_), Some(_)) => w("较上年上升", "rose"),
        _ => String::new(),
    }
}

/// The Excel formula of a leaf scored from a ratio, when its rule is one of the
/// computed shapes; `None` keeps jixiao's value as a plain number.
pub(super) fn live_score_formula(
    ind: &Indicator,
    result: &IndicatorResult,
    refs: &CellRefs,
) -> Option<String> {
    if result.basis != ScoreBasis::Computed || result.value_source != Some(ValueSource::Computed) {
        return None;
    }
    let rule = ind.rule.as_ref()?;
    let r = refs.metric_abs(rule.metric?)?;
    let w = ind.weight;
    let body = rules::excel_formula(&rule.kind, &r, w)?;
    Some(format!("IF(ISNUMBER({r}),MAX(0,MIN({w},{body})),0)"))
}

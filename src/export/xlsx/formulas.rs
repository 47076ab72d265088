//! The Excel formulas: ratios over their input cells, and leaf scores over the ratios.

use std::collections::HashMap;

use crate::core::Lang;
use crate::core::engine::metrics::{Display, Formula, Input, Role, SideGiven, Spec};
use crate::core::engine::scoring::effective_weight;
use crate::core::engine::{IndicatorResult, MetricId, ScoreBasis};
use crate::core::engine::{measure, rules};
use crate::core::model::{FieldId, Indicator, Workbook};
use crate::core::num::{excel_round, round2};
use crate::i18n::Tr;

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
            .map_or_else(|| "0".to_owned(), |r| format!("C{}", r + 1))
    }

    /// A field's cell from another sheet (`'基础数据表'!$C$14`).
    pub(super) fn field_abs(&self, f: FieldId) -> String {
        self.fields.get(&f).map_or_else(
            || "0".to_owned(),
            |r| format!("'{}'!$C${}", self.sheet, r + 1),
        )
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

/// The Excel formula of a ratio over the input cells (same sheet), written
/// from the metric's registry row as the engine computes it.
pub(super) fn metric_formula(id: MetricId, refs: &CellRefs, lang: Lang) -> String {
    spec_formula(&Spec::of(id.def()), &|f| refs.field(f), lang)
}

/// The Excel formula of any spec (a registry row, another basis, a table's
/// ratio) over the cells `cell` names: a number, "n/a" or the missing word.
pub(super) fn spec_formula(def: &Spec, cell: &dyn Fn(FieldId) -> String, lang: Lang) -> String {
    let miss = Tr("缺数据", "missing").get(lang);
    let cells = |keep: &dyn Fn(&Input) -> bool| -> Vec<String> {
        def.inputs
            .iter()
            .filter(|i| keep(i))
            .map(|i| cell(i.field))
            .collect()
    };
    let of_role = |role: Role| cells(&|i: &Input| i.role == role && !i.minus);
    // A side less what a table's formula subtracts from it.
    let signed_side = |role: Role| {
        let less = cells(&|i: &Input| i.role == role && i.minus);
        let added = sum_of(&of_role(role));
        if less.is_empty() {
            added
        } else {
            format!("({added}-{})", sum_of(&less))
        }
    };
    let count_below = |needed: &[String]| format!("COUNT({})<{}", needed.join(","), needed.len());
    match def.formula {
        Formula::Ratio { given, .. } => {
            let (num, den) = (of_role(Role::Numerator), of_role(Role::Denominator));
            let missing = match given {
                SideGiven::AllRequired => count_below(&cells(&|i: &Input| !i.optional)),
                // As the engine: computed when any part of each side is given.
                SideGiven::AnyPart => {
                    format!("OR(COUNT({})=0,COUNT({})=0)", num.join(","), den.join(","))
                }
            };
            let (n, d) = (signed_side(Role::Numerator), signed_side(Role::Denominator));
            let rate = excel_round(&format!("{n}/{d}*100"), 2);
            format!("IF({missing},\"{miss}\",IF({d}=0,\"n/a\",{rate}))")
        }
        Formula::Change | Formula::AmountChange => {
            let (c, b) = (
                sum_of(&of_role(Role::Current)),
                sum_of(&of_role(Role::Base)),
            );
            let missing = count_below(&cells(&|_: &Input| true));
            let body = match (def.formula, def.display) {
                (Formula::AmountChange, _) => format!("{c}-{b}"),
                (_, Display::AbsolutePercent) => {
                    let rate = excel_round(&format!("ABS(({c}-{b})/{b})*100"), 2);
                    format!("IF({b}=0,\"n/a\",{rate})")
                }
                (_, Display::Percent | Display::Amount) => {
                    let rate = excel_round(&format!("({c}-{b})/{b}*100"), 2);
                    format!("IF({b}=0,\"n/a\",{rate})")
                }
            };
            format!("IF({missing},\"{miss}\",{body})")
        }
    }
}

/// One cell, or the sum of several.
fn sum_of(cells: &[String]) -> String {
    match cells {
        [one] => one.clone(),
        many => format!("SUM({})", many.join(",")),
    }
}

/// The class words of the treasury stock, as the engine writes them.
pub(super) fn stock_class_formula(refs: &CellRefs, lang: Lang) -> String {
    let (cur, prev) = (
        refs.field(FieldId::TreasuryCarryoverStockCurr),
        refs.field(FieldId::TreasuryCarryoverStockPrev),
    );
    let w = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang);
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
    let w = |zh: &'static str, en: &'static str| Tr(zh, en).get(lang).to_owned();
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

/// The Excel formula of a leaf scored from a ratio, whenever its rule scores a
/// rate — also when the ratio's inputs are empty at export, so a colleague who
/// fills them in sees the score follow. `None` for rules that do not score a
/// rate (jixiao's value stays a plain number).
///
/// When the ratio is no number the formula falls back as the engine does: a
/// missing ratio takes the report's printed rate, if any; otherwise (or for a
/// zero denominator) the officer's score in column K, else 0.
pub(super) fn live_score_formula(
    wb: &Workbook,
    ind: &Indicator,
    result: &IndicatorResult,
    refs: &CellRefs,
    excel_row: u32,
) -> Option<String> {
    if result.basis == ScoreBasis::NotApplicable {
        return None;
    }
    let rule = ind.rule.as_ref()?;
    if rule
        .formula
        .as_ref()
        .and_then(measure::formula_problem)
        .is_some()
    {
        // A table formula missing a side has nothing to compute: jixiao's value stays.
        return None;
    }
    // A leaf's own measure is written out over the input cells; a registry
    // metric is read from its row on the basic data sheet.
    let r = match result.measure.as_deref() {
        Some(own) => format!(
            "({})",
            spec_formula(&own.spec, &|f| refs.field_abs(f), Lang::Zh)
        ),
        None => refs.metric_abs(rule.metric?)?,
    };
    let w = effective_weight(ind.weight);
    let clamped = |rate: &str| -> Option<String> {
        let body = rules::excel_formula(&rule.kind, rate, w)?;
        Some(format!("MAX(0,MIN({w},{body}))"))
    };
    let live = clamped(&r)?;
    let officer = format!("MAX(0,MIN({w},N(K{excel_row})))");
    let printed = result
        .measure
        .as_deref()
        .map_or(rule.metric, |own| own.metric)
        .and_then(|m| wb.reported.rates.get(&m));
    let when_missing = match printed {
        Some(printed) => clamped(&round2(*printed).to_string())?,
        None => officer.clone(),
    };
    Some(format!(
        "IF(ISNUMBER({r}),{live},IF({r}=\"n/a\",{officer},{when_missing}))"
    ))
}

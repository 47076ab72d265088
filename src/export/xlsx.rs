//! One xlsx workbook with the sheets 基础数据表, 指标评分表, 工作量统计 and 检查.
//! Ratios, subtotals, the total, the grade and the workload rates are live
//! Excel formulas over the cells they come from, each with jixiao's value as
//! the cached result, so a colleague who changes a figure sees them follow.

use std::collections::HashMap;
use std::path::Path;

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook as XlsxBook, Worksheet, XlsxError,
};

use super::ExportError;
use super::rows::{basic_rows, field_unit, group_label, rate_text, tr, workload_rows};
use crate::core::Lang;
use crate::core::engine::{Derived, Grade, IndicatorResult, MetricId, ScoreBasis, ValueSource};
use crate::core::model::{BandOp, FieldId, FieldKind, Indicator, RuleKind, Workbook};
use crate::core::num::round2;
use crate::interchange::write::write_atomic;
use crate::text::width;

/// How the workbook is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XlsxOptions {
    /// Store jixiao's values as the formulas' cached results (what a viewer that
    /// does not recalculate shows). Tests turn it off to prove the formulas.
    pub cached_results: bool,
}

impl Default for XlsxOptions {
    fn default() -> Self {
        Self {
            cached_results: true,
        }
    }
}

/// The sheet names in the interface language.
#[must_use]
pub fn sheet_names(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["基础数据表", "指标评分表", "工作量统计", "检查"],
        Lang::En => ["Basic data", "Scores", "Workload", "Checks"],
    }
}

/// Writes the xlsx to `path` (atomically).
///
/// # Errors
/// When the workbook cannot be built or the file cannot be written.
pub fn write(path: &Path, wb: &Workbook, derived: &Derived, lang: Lang) -> Result<(), ExportError> {
    let bytes = to_bytes(wb, derived, lang, XlsxOptions::default())?;
    write_atomic(path, &bytes, false)?;
    Ok(())
}

/// Builds the xlsx in memory.
///
/// # Errors
/// When rust_xlsxwriter refuses a value (e.g. a sheet beyond Excel's limits).
pub fn to_bytes(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
) -> Result<Vec<u8>, ExportError> {
    build(wb, derived, lang, options).map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn build(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new();
    let names = sheet_names(lang);
    let mut book = XlsxBook::new();
    let refs = {
        let ws = book.add_worksheet();
        ws.set_name(names[0])?;
        basic_sheet(ws, wb, derived, lang, options, &styles, names[0])?
    };
    {
        let ws = book.add_worksheet();
        ws.set_name(names[1])?;
        scores_sheet(ws, wb, derived, lang, options, &styles, &refs)?;
    }
    {
        let ws = book.add_worksheet();
        ws.set_name(names[2])?;
        workload_sheet(ws, wb, derived, lang, options, &styles, &refs)?;
    }
    {
        let ws = book.add_worksheet();
        ws.set_name(names[3])?;
        checks_sheet(ws, derived, lang, &styles)?;
    }
    book.save_to_buffer()
}

struct Styles {
    header: Format,
    text: Format,
    wrap: Format,
    money: Format,
    count: Format,
    rate: Format,
    score: Format,
    general: Format,
    bold: Format,
}

impl Styles {
    fn new() -> Self {
        Self {
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0x00DD_EBF7))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            text: Format::new().set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            money: Format::new()
                .set_num_format("#,##0.00")
                .set_align(FormatAlign::Top),
            count: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Top),
            rate: Format::new()
                .set_num_format("0.00")
                .set_align(FormatAlign::Top),
            score: Format::new()
                .set_num_format("0.00")
                .set_align(FormatAlign::Top),
            general: Format::new().set_align(FormatAlign::Top),
            bold: Format::new().set_bold().set_align(FormatAlign::Top),
        }
    }

    fn for_field(&self, kind: FieldKind) -> &Format {
        match kind {
            FieldKind::Money | FieldKind::SignedMoney => &self.money,
            FieldKind::Count => &self.count,
            FieldKind::Percent => &self.rate,
        }
    }
}

/// Writes cells and remembers each column's widest text, to size the columns.
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
    cached: bool,
}

fn f64_of(value: Decimal) -> f64 {
    value.to_f64().unwrap_or_default()
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, options: XlsxOptions) -> Self {
        // An empty result ("no target given") is cached as an empty text, not as 0.
        ws.set_formula_result_default("");
        Self {
            ws,
            widths: Vec::new(),
            cached: options.cached_results,
        }
    }

    fn note(&mut self, col: u16, text: &str) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        let w = text.lines().map(width).max().unwrap_or(0);
        self.widths[col] = self.widths[col].max(w);
    }

    fn header(&mut self, titles: &[&str], style: &Format) -> Result<(), XlsxError> {
        for (col, title) in (0u16..).zip(titles) {
            self.ws.write_string_with_format(0, col, *title, style)?;
            self.note(col, title);
        }
        self.ws.set_freeze_panes(1, 0)?;
        Ok(())
    }

    fn text(&mut self, row: u32, col: u16, text: &str, style: &Format) -> Result<(), XlsxError> {
        if !text.is_empty() {
            self.ws.write_string_with_format(row, col, text, style)?;
            self.note(col, text);
        }
        Ok(())
    }

    fn number(
        &mut self,
        row: u32,
        col: u16,
        value: Decimal,
        style: &Format,
    ) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(row, col, f64_of(value), style)?;
        self.note(col, &value.to_string());
        Ok(())
    }

    fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        cached: &str,
        style: &Format,
    ) -> Result<(), XlsxError> {
        let f = if self.cached {
            Formula::new(formula).set_result(cached)
        } else {
            Formula::new(formula)
        };
        self.ws.write_formula_with_format(row, col, f, style)?;
        self.note(col, cached);
        Ok(())
    }

    /// Sizes the columns to their text (CJK counts double), within `caps`.
    fn finish(self, caps: &[usize]) -> Result<(), XlsxError> {
        for (col, w) in (0u16..).zip(&self.widths) {
            let cap = caps.get(usize::from(col)).copied().unwrap_or(40);
            let fitted = (*w + 2).clamp(6, cap);
            self.ws
                .set_column_width(col, u32::try_from(fitted).unwrap_or(40))?;
        }
        Ok(())
    }
}

/// Where the basic data sheet put each input and each ratio.
struct CellRefs {
    sheet: String,
    fields: HashMap<FieldId, u32>,
    metrics: HashMap<MetricId, u32>,
    headcount_row: u32,
}

impl CellRefs {
    /// `'基础数据表'!C12` for a field.
    fn field(&self, f: FieldId) -> String {
        self.fields
            .get(&f)
            .map(|r| format!("C{}", r + 1))
            .unwrap_or_else(|| "0".to_owned())
    }

    fn metric_abs(&self, id: MetricId) -> Option<String> {
        self.metrics
            .get(&id)
            .map(|r| format!("'{}'!$C${}", self.sheet, r + 1))
    }

    fn headcount_abs(&self) -> String {
        format!("'{}'!$C${}", self.sheet, self.headcount_row + 1)
    }
}

/// The Excel formula of a ratio over the input cells (same sheet).
fn metric_formula(id: MetricId, refs: &CellRefs, lang: Lang) -> String {
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
fn stock_class_formula(refs: &CellRefs, lang: Lang) -> String {
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

fn stock_class_value(wb: &Workbook, lang: Lang) -> String {
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

fn basic_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
    st: &Styles,
    sheet_name: &str,
) -> Result<CellRefs, XlsxError> {
    let mut s = Sheet::new(ws, options);
    s.header(
        &[
            tr(lang, "分组", "Group"),
            tr(lang, "项目", "Item"),
            tr(lang, "数值", "Value"),
            tr(lang, "单位", "Unit"),
            tr(lang, "字段", "Key"),
            tr(lang, "说明", "Note"),
        ],
        &st.header,
    )?;
    let unit_group = tr(lang, "单位信息", "Unit");
    s.text(1, 0, unit_group, &st.text)?;
    s.text(1, 1, tr(lang, "单位名称", "Unit"), &st.text)?;
    s.text(1, 2, &wb.unit.name, &st.text)?;
    s.text(1, 4, "unit_name", &st.text)?;
    s.text(2, 0, unit_group, &st.text)?;
    s.text(2, 1, tr(lang, "年度", "Fiscal year"), &st.text)?;
    s.number(2, 2, Decimal::from(wb.unit.fiscal_year), &st.count)?;
    s.text(2, 4, "fiscal_year", &st.text)?;
    let mut row: u32 = 3;
    let mut fields = HashMap::new();
    for r in basic_rows(wb) {
        s.text(row, 0, group_label(r.group, lang), &st.text)?;
        s.text(row, 1, r.field.label(lang), &st.text)?;
        if let Some(v) = r.value {
            s.number(row, 2, v, st.for_field(r.field.kind()))?;
        }
        s.text(row, 3, field_unit(r.field, lang), &st.text)?;
        s.text(row, 4, r.field.key(), &st.text)?;
        fields.insert(r.field, row);
        row += 1;
    }
    row += 1;
    let mut refs = CellRefs {
        sheet: sheet_name.to_owned(),
        fields,
        metrics: HashMap::new(),
        headcount_row: 0,
    };
    let ratio_group = tr(lang, "比率", "Ratios");
    for m in &derived.metrics {
        s.text(row, 0, ratio_group, &st.bold)?;
        s.text(row, 1, m.id.label(lang), &st.text)?;
        let cached = match m.display {
            Some(v) if m.id.is_percent() => rate_text(v),
            Some(v) => v.to_string(),
            None => super::rows::metric_status_text(&m.status, lang).to_owned(),
        };
        let style = if m.id.is_percent() {
            &st.rate
        } else {
            &st.money
        };
        s.formula(row, 2, &metric_formula(m.id, &refs, lang), &cached, style)?;
        s.text(
            row,
            3,
            if m.id.is_percent() {
                "%"
            } else {
                tr(lang, "万元", "10k yuan")
            },
            &st.text,
        )?;
        s.text(row, 4, m.id.key(), &st.text)?;
        if m.id == MetricId::TreasuryCarryoverStockEfficiency {
            s.formula(
                row,
                5,
                &stock_class_formula(&refs, lang),
                &stock_class_value(wb, lang),
                &st.text,
            )?;
        } else {
            s.text(row, 5, m.id.formula().get(lang), &st.text)?;
        }
        refs.metrics.insert(m.id, row);
        row += 1;
    }
    // In-service headcount, for per-capita workload figures.
    let staff: Vec<String> = [
        FieldId::InServiceAdmin,
        FieldId::InServiceInstitution,
        FieldId::InServiceLogistics,
    ]
    .iter()
    .map(|&f| refs.field(f))
    .collect();
    s.text(row, 0, ratio_group, &st.bold)?;
    s.text(
        row,
        1,
        tr(lang, "在职人数合计", "Staff in service"),
        &st.text,
    )?;
    s.formula(
        row,
        2,
        &format!("IF(COUNT({0})=0,\"\",SUM({0}))", staff.join(",")),
        &derived
            .in_service_headcount
            .map(|h| h.to_string())
            .unwrap_or_default(),
        &st.count,
    )?;
    s.text(row, 3, tr(lang, "人", "people"), &st.text)?;
    s.text(row, 4, "in_service_headcount", &st.text)?;
    refs.headcount_row = row;
    s.finish(&[16, 44, 14, 10, 36, 60])?;
    Ok(refs)
}

fn op_text(op: BandOp) -> &'static str {
    match op {
        BandOp::Lt => "<",
        BandOp::Le => "<=",
        BandOp::Eq => "=",
        BandOp::Ge => ">=",
        BandOp::Gt => ">",
    }
}

/// The Excel formula of a leaf scored from a ratio, when its rule is one of the
/// computed shapes; `None` keeps jixiao's value as a plain number.
fn live_score_formula(
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
    let clamp = |body: String| format!("IF(ISNUMBER({r}),MAX(0,MIN({w},{body})),0)");
    Some(match &rule.kind {
        RuleKind::Threshold {
            threshold,
            deduct_per_point,
            above_is_bad,
        } => {
            let excess = if *above_is_bad {
                format!("{r}-{threshold}")
            } else {
                format!("{threshold}-{r}")
            };
            clamp(format!("{w}-MAX(0,{excess})*{deduct_per_point}"))
        }
        RuleKind::Step {
            full_at,
            step,
            deduct,
            started_step_counts,
        } => {
            if step.is_zero() {
                return None;
            }
            let round = if *started_step_counts {
                "ROUNDUP"
            } else {
                "ROUNDDOWN"
            };
            clamp(format!(
                "IF({full_at}-{r}<=0,{w},{w}-{round}(ROUND(({full_at}-{r})/{step},9),0)*{deduct})"
            ))
        }
        RuleKind::Bands { bands, otherwise } => {
            let mut body = otherwise.to_string();
            for band in bands.iter().rev() {
                body = format!(
                    "IF({r}{}{},{},{body})",
                    op_text(band.op),
                    band.bound,
                    band.points
                );
            }
            clamp(body)
        }
        RuleKind::Proportional {
            cap,
            round_to_whole,
        } => {
            let exact = format!("MIN(MAX({r},0),{cap})*{w}/100");
            if *round_to_whole {
                clamp(format!("ROUND({exact},0)"))
            } else {
                clamp(exact)
            }
        }
        _ => return None,
    })
}

#[allow(clippy::too_many_lines)]
fn scores_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
    st: &Styles,
    refs: &CellRefs,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(ws, options);
    s.header(
        &[
            tr(lang, "编码", "Code"),
            tr(lang, "指标", "Indicator"),
            tr(lang, "层级", "Level"),
            tr(lang, "分值", "Weight"),
            tr(lang, "得分", "Score"),
            tr(lang, "扣分", "Lost"),
            tr(lang, "评分标准", "Standard"),
            tr(lang, "计分规则", "Rule"),
            tr(lang, "计算过程", "Working"),
            tr(lang, "扣分原因", "Reason"),
            tr(lang, "自评得分", "Officer score"),
            tr(lang, "复核得分", "Reviewer score"),
            tr(lang, "复核意见", "Reviewer comment"),
        ],
        &st.header,
    )?;
    let flat = wb.table.flatten();
    let rows = super::rows::score_rows(wb, derived, lang);
    // Children of each node, as sheet rows, to sum subtotals.
    let mut children: Vec<Vec<u32>> = vec![Vec::new(); flat.len()];
    let mut parents: Vec<usize> = Vec::new();
    let mut tops: Vec<u32> = Vec::new();
    for (i, (depth, _)) in flat.iter().enumerate() {
        parents.truncate(*depth);
        let sheet_row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        match parents.last() {
            Some(&p) => children[p].push(sheet_row),
            None => tops.push(sheet_row),
        }
        parents.push(i);
    }
    // SUM() of nothing is refused by Excel: an empty list sums to 0.
    let cells = |col: char, list: &[u32]| {
        if list.is_empty() {
            return "0".to_owned();
        }
        list.iter()
            .map(|r| format!("{col}{}", r + 1))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (i, ((depth, ind), (row, result))) in flat
        .iter()
        .zip(rows.iter().zip(&derived.scores.indicators))
        .enumerate()
    {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let excel_row = r + 1;
        let indent = Format::new()
            .set_indent(u8::try_from(*depth).unwrap_or(0))
            .set_align(FormatAlign::Top);
        let name_style = if ind.is_leaf() {
            indent
        } else {
            indent.set_bold()
        };
        s.text(r, 0, &row.code, &st.text)?;
        s.text(r, 1, &row.name, &name_style)?;
        s.number(r, 2, Decimal::from(depth + 1), &st.count)?;
        s.number(r, 3, row.weight, &st.score)?;
        let score_cached = row.score.to_string();
        if ind.is_leaf() {
            match live_score_formula(ind, result, refs) {
                Some(f) => s.formula(r, 4, &f, &score_cached, &st.score)?,
                None => s.number(r, 4, row.score, &st.score)?,
            }
            if result.counted_weight == result.weight {
                s.formula(
                    r,
                    5,
                    &format!("D{excel_row}-E{excel_row}"),
                    &row.lost.to_string(),
                    &st.score,
                )?;
            } else {
                s.number(r, 5, row.lost, &st.score)?;
            }
        } else {
            s.formula(
                r,
                4,
                &format!("SUM({})", cells('E', &children[i])),
                &score_cached,
                &st.score,
            )?;
            s.formula(
                r,
                5,
                &format!("SUM({})", cells('F', &children[i])),
                &row.lost.to_string(),
                &st.score,
            )?;
        }
        s.text(r, 6, &row.standard, &st.wrap)?;
        s.text(r, 7, &row.rule, &st.wrap)?;
        s.text(r, 8, &row.working, &st.wrap)?;
        s.text(r, 9, &row.reason, &st.wrap)?;
        if let Some(v) = row.officer_score {
            s.number(r, 10, v, &st.score)?;
        }
        if let Some(v) = row.reviewer_score {
            s.number(r, 11, v, &st.score)?;
        }
        s.text(r, 12, &row.reviewer_comment, &st.wrap)?;
    }
    let total_row = u32::try_from(flat.len() + 1).unwrap_or(u32::MAX);
    let t = total_row + 1;
    let scores = &derived.scores;
    s.text(total_row, 1, tr(lang, "合计", "Total"), &st.bold)?;
    s.formula(
        total_row,
        3,
        &format!("SUM({})", cells('D', &tops)),
        &scores.max_total.to_string(),
        &st.score,
    )?;
    let total_formula = if scores.removed_weight.is_zero() {
        format!("SUM({})", cells('E', &tops))
    } else {
        let remaining = scores.max_total - scores.removed_weight;
        format!(
            "SUM({})*{}/{}",
            cells('E', &tops),
            scores.max_total,
            remaining
        )
    };
    s.formula(
        total_row,
        4,
        &total_formula,
        &scores.total.to_string(),
        &st.score,
    )?;
    s.formula(
        total_row,
        5,
        &format!("D{t}-E{t}"),
        &(scores.max_total - scores.total).to_string(),
        &st.score,
    )?;
    let grade_row = total_row + 1;
    let label = |g: Grade| g.label(lang);
    s.text(grade_row, 1, tr(lang, "自评等级", "Grade"), &st.bold)?;
    s.formula(
        grade_row,
        4,
        &format!(
            "IF(ROUND(E{t},2)>=90,\"{}\",IF(ROUND(E{t},2)>=80,\"{}\",IF(ROUND(E{t},2)>=60,\"{}\",\"{}\")))",
            label(Grade::Excellent),
            label(Grade::Good),
            label(Grade::Fair),
            label(Grade::Poor)
        ),
        derived.grade.label(lang),
        &st.bold,
    )?;
    s.finish(&[8, 36, 6, 8, 8, 8, 50, 44, 44, 44, 10, 10, 30])
}

fn workload_sheet(
    ws: &mut Worksheet,
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: XlsxOptions,
    st: &Styles,
    refs: &CellRefs,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(ws, options);
    s.header(
        &[
            tr(lang, "类别", "Group"),
            tr(lang, "事项", "Item"),
            tr(lang, "数量", "Count"),
            tr(lang, "余", "Lower bound"),
            tr(lang, "单位", "Unit"),
            tr(lang, "分项合计", "Parts sum"),
            tr(lang, "目标", "Target"),
            tr(lang, "完成率（%）", "Done (%)"),
            tr(lang, "上年", "Last year"),
            tr(lang, "变动率（%）", "Change (%)"),
            tr(lang, "人均", "Per capita"),
        ],
        &st.header,
    )?;
    let rows = workload_rows(wb, derived);
    let headcount = refs.headcount_abs();
    let yes = tr(lang, "余", "yes");
    for (i, w) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let x = r + 1;
        s.number(r, 2, w.value, &st.general)?;
        if w.lower_bound {
            s.text(r, 3, yes, &st.text)?;
        }
        s.text(r, 4, &w.unit, &st.text)?;
        if let Some(part) = &w.part {
            let style = Format::new().set_indent(1).set_align(FormatAlign::Top);
            s.text(
                r,
                1,
                &format!("{}{part}", tr(lang, "其中：", "of which: ")),
                &style,
            )?;
            continue;
        }
        s.text(r, 0, &w.group, &st.text)?;
        s.text(r, 1, &w.item, &st.text)?;
        let parts = rows[i + 1..]
            .iter()
            .take_while(|p| p.part.is_some())
            .count();
        if parts > 0 {
            let last = x + u32::try_from(parts).unwrap_or(0);
            s.formula(
                r,
                5,
                &format!("SUM(C{}:C{last})", x + 1),
                &w.parts_sum.map(|v| v.to_string()).unwrap_or_default(),
                &st.general,
            )?;
        }
        if let Some(t) = w.target {
            s.number(r, 6, t, &st.general)?;
        }
        let done = match (w.target, w.completion) {
            (None, _) => String::new(),
            (Some(_), Some(c)) => rate_text(c),
            (Some(_), None) => "n/a".to_owned(),
        };
        s.formula(
            r,
            7,
            &format!("IF(G{x}=\"\",\"\",IF(G{x}=0,\"n/a\",ROUND(C{x}/G{x}*100,2)))"),
            &done,
            &st.rate,
        )?;
        if let Some(l) = w.last_year {
            s.number(r, 8, l, &st.general)?;
        }
        let change = match (w.last_year, w.change) {
            (None, _) => String::new(),
            (Some(_), Some(c)) => rate_text(c),
            (Some(_), None) => "n/a".to_owned(),
        };
        s.formula(
            r,
            9,
            &format!("IF(I{x}=\"\",\"\",IF(I{x}=0,\"n/a\",ROUND((C{x}-I{x})/I{x}*100,2)))"),
            &change,
            &st.rate,
        )?;
        let per_capita = w
            .per_capita
            .map_or_else(|| "n/a".to_owned(), |v| round2(v).to_string());
        s.formula(
            r,
            10,
            &format!("IF(N({headcount})=0,\"n/a\",ROUND(C{x}/{headcount},2))"),
            &per_capita,
            &st.rate,
        )?;
    }
    s.finish(&[14, 40, 10, 6, 8, 10, 10, 12, 10, 12, 10])
}

fn checks_sheet(
    ws: &mut Worksheet,
    derived: &Derived,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut s = Sheet::new(ws, XlsxOptions::default());
    s.header(
        &[
            tr(lang, "严重程度", "Severity"),
            tr(lang, "代码", "Code"),
            tr(lang, "说明", "Message"),
        ],
        &st.header,
    )?;
    for (i, w) in derived.warnings.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let severity = match lang {
            Lang::Zh => w.severity.label_zh(),
            Lang::En => w.severity.label_en(),
        };
        let code = serde_json::to_value(w.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        s.text(r, 0, severity, &st.text)?;
        s.text(r, 1, &code, &st.text)?;
        s.text(r, 2, w.message.get(lang), &st.wrap)?;
    }
    s.finish(&[10, 34, 90])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    #[test]
    fn variance_formula_reads_its_inputs() {
        let wb = sample_workbook();
        let d = derive(&wb);
        let mut refs = CellRefs {
            sheet: "基础数据表".into(),
            fields: HashMap::new(),
            metrics: HashMap::new(),
            headcount_row: 0,
        };
        refs.fields.insert(FieldId::AppropriationIncomeBudget, 10);
        refs.fields.insert(FieldId::AppropriationIncomeFinal, 11);
        let f = metric_formula(MetricId::AppropriationIncomeVarianceRate, &refs, Lang::Zh);
        assert_eq!(
            f,
            "IF(COUNT(C12,C11)<2,\"缺数据\",IF(C11=0,\"n/a\",ROUND(ABS((C12-C11)/C11)*100,2)))"
        );
        assert!(to_bytes(&wb, &d, Lang::Zh, XlsxOptions::default()).is_ok());
    }
}

//! The four sheets: 基础数据表, 指标评分表, 工作量统计, 检查.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, Worksheet, XlsxError};

use super::super::rows::{
    ScoreRow, WorkloadLine, basic_rows, check_row, field_unit, group_label, rate_text,
    workload_rows,
};
use super::formulas::{
    CellRefs, live_score_formula, metric_formula, stock_class_formula, stock_class_value,
};
use super::{Inputs, Sheet, Styles};
use crate::core::engine::{Grade, IndicatorResult, ItemStats, MetricId};
use crate::core::model::{FieldId, Indicator, WorkloadItem};
use crate::core::num::{excel_round, round2};
use crate::i18n::Tr;

const BASIC_COLUMNS: [Tr; 6] = [
    Tr("分组", "Group"),
    Tr("项目", "Item"),
    Tr("数值", "Value"),
    Tr("单位", "Unit"),
    Tr("字段", "Key"),
    Tr("说明", "Note"),
];

const SCORE_COLUMNS: [Tr; 13] = [
    Tr("编码", "Code"),
    Tr("指标", "Indicator"),
    Tr("层级", "Level"),
    Tr("分值", "Weight"),
    Tr("得分", "Score"),
    Tr("扣分", "Lost"),
    Tr("评分标准", "Standard"),
    Tr("计分规则", "Rule"),
    Tr("计算过程", "Working"),
    Tr("扣分原因", "Reason"),
    Tr("自评得分", "Officer score"),
    Tr("复核得分", "Reviewer score"),
    Tr("复核意见", "Reviewer comment"),
];

const WORKLOAD_COLUMNS: [Tr; 11] = [
    Tr("类别", "Group"),
    Tr("事项", "Item"),
    Tr("数量", "Count"),
    Tr("余", "Lower bound"),
    Tr("单位", "Unit"),
    Tr("分项合计", "Parts sum"),
    Tr("目标", "Target"),
    Tr("完成率（%）", "Done (%)"),
    Tr("上年", "Last year"),
    Tr("变动率（%）", "Change (%)"),
    Tr("人均", "Per capita"),
];

const CHECK_COLUMNS: [Tr; 3] = [
    Tr("严重程度", "Severity"),
    Tr("代码", "Code"),
    Tr("说明", "Message"),
];

pub(super) fn basic_sheet(
    ws: &mut Worksheet,
    cx: &Inputs<'_>,
    sheet_name: &str,
) -> Result<CellRefs, XlsxError> {
    let (wb, lang, st) = (cx.wb, cx.lang, &cx.st);
    let mut s = cx.sheet(ws, &BASIC_COLUMNS)?;
    let unit_group = Tr("单位信息", "Unit").get(lang);
    s.text(1, 0, unit_group, &st.text)?;
    s.text(1, 1, Tr("单位名称", "Unit").get(lang), &st.text)?;
    s.text(1, 2, &wb.unit.name, &st.text)?;
    s.text(1, 4, "unit_name", &st.text)?;
    s.text(2, 0, unit_group, &st.text)?;
    s.text(2, 1, Tr("年度", "Fiscal year").get(lang), &st.text)?;
    s.number(2, 2, Decimal::from(wb.unit.fiscal_year), &st.count)?;
    s.text(2, 4, "fiscal_year", &st.text)?;
    let mut row: u32 = 3;
    let mut fields = HashMap::new();
    for r in basic_rows(wb) {
        s.text(row, 0, group_label(r.group, lang), &st.text)?;
        s.text(row, 1, r.field.label(lang), &st.text)?;
        // An empty input is still a cell (blank, formatted) for a colleague to fill.
        match r.value {
            Some(v) => s.number(row, 2, v, st.for_field(r.field.kind()))?,
            None => s.blank(row, 2, st.for_field(r.field.kind()))?,
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
    let row = ratio_rows(&mut s, cx, &mut refs, row)?;
    headcount_row(&mut s, cx, &mut refs, row)?;
    s.finish(&[16, 44, 14, 10, 36, 60])?;
    Ok(refs)
}

/// One row per ratio, its live formula over the input cells; returns the next row.
fn ratio_rows(
    s: &mut Sheet<'_>,
    cx: &Inputs<'_>,
    refs: &mut CellRefs,
    mut row: u32,
) -> Result<u32, XlsxError> {
    let (wb, derived, lang, st) = (cx.wb, cx.derived, cx.lang, &cx.st);
    let ratio_group = Tr("比率", "Ratios").get(lang);
    for m in &derived.metrics {
        s.text(row, 0, ratio_group, &st.bold)?;
        s.text(row, 1, m.id.label(lang), &st.text)?;
        let cached = match m.display {
            Some(v) if m.id.is_percent() => rate_text(v),
            Some(v) => v.to_string(),
            None => super::super::rows::metric_status_text(&m.status, lang).to_owned(),
        };
        let style = if m.id.is_percent() {
            &st.rate
        } else {
            &st.money
        };
        s.formula(row, 2, &metric_formula(m.id, refs, lang), &cached, style)?;
        s.text(
            row,
            3,
            if m.id.is_percent() {
                "%"
            } else {
                Tr("万元", "10k yuan").get(lang)
            },
            &st.text,
        )?;
        s.text(row, 4, m.id.key(), &st.text)?;
        if m.id == MetricId::TreasuryCarryoverStockEfficiency {
            s.formula(
                row,
                5,
                &stock_class_formula(refs, lang),
                &stock_class_value(wb, lang),
                &st.text,
            )?;
        } else {
            s.text(row, 5, m.id.formula().get(lang), &st.text)?;
        }
        refs.metrics.insert(m.id, row);
        row += 1;
    }
    Ok(row)
}

/// In-service headcount, for per-capita workload figures.
fn headcount_row(
    s: &mut Sheet<'_>,
    cx: &Inputs<'_>,
    refs: &mut CellRefs,
    row: u32,
) -> Result<(), XlsxError> {
    let (derived, lang, st) = (cx.derived, cx.lang, &cx.st);
    let ratio_group = Tr("比率", "Ratios").get(lang);
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
        Tr("在职人数合计", "Staff in service").get(lang),
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
    s.text(row, 3, Tr("人", "people").get(lang), &st.text)?;
    s.text(row, 4, "in_service_headcount", &st.text)?;
    refs.headcount_row = row;
    Ok(())
}

pub(super) fn scores_sheet(
    ws: &mut Worksheet,
    cx: &Inputs<'_>,
    refs: &CellRefs,
) -> Result<(), XlsxError> {
    let (wb, derived, lang, st) = (cx.wb, cx.derived, cx.lang, &cx.st);
    let mut s = cx.sheet(ws, &SCORE_COLUMNS)?;
    let flat = wb.table.flatten();
    let rows = super::super::rows::score_rows(wb, derived, lang);
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
        let child_rows = (cells('E', &children[i]), cells('F', &children[i]));
        score_cells(&mut s, cx, refs, (ind, row, result), r, &child_rows)?;
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
    let top_cells = (cells('D', &tops), cells('E', &tops));
    total_rows(&mut s, cx, total_row, &top_cells)?;
    s.finish(&[8, 36, 6, 8, 8, 8, 50, 44, 44, 44, 10, 10, 30])
}

/// The total and grade rows under the table.
fn total_rows(
    s: &mut Sheet<'_>,
    cx: &Inputs<'_>,
    total_row: u32,
    (top_weights, top_scores): &(String, String),
) -> Result<(), XlsxError> {
    let (derived, lang, st) = (cx.derived, cx.lang, &cx.st);
    let t = total_row + 1;
    let scores = &derived.scores;
    s.text(total_row, 1, Tr("合计", "Total").get(lang), &st.bold)?;
    s.formula(
        total_row,
        3,
        &format!("SUM({top_weights})"),
        &scores.max_total.to_string(),
        &st.score,
    )?;
    let total_formula = if scores.removed_weight.is_zero() {
        format!("SUM({top_scores})")
    } else {
        let remaining = scores.max_total - scores.removed_weight;
        format!("SUM({})*{}/{}", top_scores, scores.max_total, remaining)
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
    s.text(grade_row, 1, Tr("自评等级", "Grade").get(lang), &st.bold)?;
    let r = excel_round(&format!("E{t}"), 2);
    s.formula(
        grade_row,
        4,
        &format!(
            "IF({r}>=90,\"{}\",IF({r}>=80,\"{}\",IF({r}>=60,\"{}\",\"{}\")))",
            label(Grade::Excellent),
            label(Grade::Good),
            label(Grade::Fair),
            label(Grade::Poor)
        ),
        derived.grade.label(lang),
        &st.bold,
    )?;
    Ok(())
}

/// A row's score and lost cells: a live formula for a leaf, sums for a parent.
fn score_cells(
    s: &mut Sheet<'_>,
    cx: &Inputs<'_>,
    refs: &CellRefs,
    (ind, row, result): (&Indicator, &ScoreRow, &IndicatorResult),
    r: u32,
    child_rows: &(String, String),
) -> Result<(), XlsxError> {
    let (wb, st) = (cx.wb, &cx.st);
    let excel_row = r + 1;
    let score_cached = row.score.to_string();
    if ind.is_leaf() {
        match live_score_formula(wb, ind, result, refs, excel_row) {
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
            &format!("SUM({})", child_rows.0),
            &score_cached,
            &st.score,
        )?;
        s.formula(
            r,
            5,
            &format!("SUM({})", child_rows.1),
            &row.lost.to_string(),
            &st.score,
        )?;
    }
    Ok(())
}

pub(super) fn workload_sheet(
    ws: &mut Worksheet,
    cx: &Inputs<'_>,
    refs: &CellRefs,
) -> Result<(), XlsxError> {
    let (wb, derived, lang, st) = (cx.wb, cx.derived, cx.lang, &cx.st);
    let mut s = cx.sheet(ws, &WORKLOAD_COLUMNS)?;
    let rows = workload_rows(wb, derived);
    let headcount = refs.headcount_abs();
    let yes = Tr("余", "yes").get(lang);
    for (i, w) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let x = r + 1;
        let (value, lower_bound) = w.count();
        s.number(r, 2, value, &st.general)?;
        if lower_bound {
            s.text(r, 3, yes, &st.text)?;
        }
        s.text(r, 4, &w.item.unit, &st.text)?;
        let stats = match w.line {
            WorkloadLine::Part(part) => {
                let style = Format::new().set_indent(1).set_align(FormatAlign::Top);
                let name = format!("{}{}", Tr("其中：", "of which: ").get(lang), part.name);
                s.text(r, 1, &name, &style)?;
                continue;
            }
            WorkloadLine::Item(stats) => stats,
        };
        s.text(r, 0, &w.group.name, &st.text)?;
        s.text(r, 1, &w.item.name, &st.text)?;
        let parts = w.item.parts.len();
        if parts > 0 {
            let last = x + u32::try_from(parts).unwrap_or(0);
            s.formula(
                r,
                5,
                &format!("SUM(C{}:C{last})", x + 1),
                &stats.parts_sum.map(|v| v.to_string()).unwrap_or_default(),
                &st.general,
            )?;
        }
        if let Some(t) = w.item.target {
            s.number(r, 6, t, &st.general)?;
        }
        rate_cells(&mut s, st, (w.item, stats), r, &headcount)?;
    }
    s.finish(&[14, 40, 10, 6, 8, 10, 10, 12, 10, 12, 10])
}

/// A workload item's completion, change and per-capita formulas.
fn rate_cells(
    s: &mut Sheet<'_>,
    st: &Styles,
    (item, stats): (&WorkloadItem, &ItemStats),
    r: u32,
    headcount: &str,
) -> Result<(), XlsxError> {
    let x = r + 1;
    // Blank without the input it is measured against, n/a when that input is 0.
    let cached = |given: Option<Decimal>, rate: Option<Decimal>| match (given, rate) {
        (None, _) => String::new(),
        (Some(_), Some(c)) => rate_text(c),
        (Some(_), None) => "n/a".to_owned(),
    };
    s.formula(
        r,
        7,
        &format!(
            "IF(G{x}=\"\",\"\",IF(G{x}=0,\"n/a\",{}))",
            excel_round(&format!("C{x}/G{x}*100"), 2)
        ),
        &cached(item.target, stats.completion),
        &st.rate,
    )?;
    if let Some(l) = item.last_year {
        s.number(r, 8, l, &st.general)?;
    }
    s.formula(
        r,
        9,
        &format!(
            "IF(I{x}=\"\",\"\",IF(I{x}=0,\"n/a\",{}))",
            excel_round(&format!("(C{x}-I{x})/I{x}*100"), 2)
        ),
        &cached(item.last_year, stats.change),
        &st.rate,
    )?;
    let per_capita = stats
        .per_capita
        .map_or_else(|| "n/a".to_owned(), |v| round2(v).to_string());
    s.formula(
        r,
        10,
        &format!(
            "IF(N({headcount})=0,\"n/a\",{})",
            excel_round(&format!("C{x}/{headcount}"), 2)
        ),
        &per_capita,
        &st.rate,
    )?;
    Ok(())
}

pub(super) fn checks_sheet(ws: &mut Worksheet, cx: &Inputs<'_>) -> Result<(), XlsxError> {
    let (derived, lang, st) = (cx.derived, cx.lang, &cx.st);
    let mut s = cx.sheet(ws, &CHECK_COLUMNS)?;
    for (i, w) in derived.warnings.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        for (col, text) in (0u16..).zip(check_row(w, lang)) {
            let style = if col == 2 { &st.wrap } else { &st.text };
            s.text(r, col, &text, style)?;
        }
    }
    s.finish(&[10, 34, 90])
}

//! CSV tables for people who do not run jixiao: UTF-8 with BOM (so Excel reads
//! the Chinese), stored decimals exactly as stored.

use std::path::{Path, PathBuf};

use super::rows::{
    basic_rows, check_row, count_text, field_unit, header_row, metric_status_text, opt_text,
    rate_text, score_rows, workload_rows,
};
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::core::num::fmt_score;
use crate::i18n::Tr;

const BASIC_COLUMNS: [Tr; 5] = [
    Tr("字段", "key"),
    Tr("项目", "label"),
    Tr("数值", "value"),
    Tr("单位", "unit"),
    Tr("计算式", "formula"),
];

const SCORE_COLUMNS: [Tr; 13] = [
    Tr("编码", "code"),
    Tr("层级", "level"),
    Tr("指标", "indicator"),
    Tr("分值", "weight"),
    Tr("得分", "score"),
    Tr("扣分", "lost"),
    Tr("评分标准", "standard"),
    Tr("计分规则", "rule"),
    Tr("计算过程", "working"),
    Tr("扣分原因", "reason"),
    Tr("自评得分", "officer score"),
    Tr("复核得分", "reviewer score"),
    Tr("复核意见", "reviewer comment"),
];

const WORKLOAD_COLUMNS: [Tr; 12] = [
    Tr("类别", "group"),
    Tr("事项", "item"),
    Tr("分项", "part"),
    Tr("数量", "value"),
    Tr("余", "lower bound"),
    Tr("单位", "unit"),
    Tr("分项合计", "parts sum"),
    Tr("目标", "target"),
    Tr("完成率（%）", "completion (%)"),
    Tr("上年", "last year"),
    Tr("变动率（%）", "change (%)"),
    Tr("人均", "per capita"),
];

const CHECK_COLUMNS: [Tr; 3] = [
    Tr("严重程度", "severity"),
    Tr("代码", "code"),
    Tr("说明", "message"),
];

/// The tables `export --format csv` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvTable {
    /// 基础数据表: every field (and the ratios computed from them).
    Basic,
    /// 指标评分表: every indicator with weight, score and reason.
    Scores,
    /// 工作量统计: items and their parts.
    Workload,
    /// 检查: the engine's warnings.
    Checks,
}

impl CsvTable {
    pub const ALL: [Self; 4] = [Self::Basic, Self::Scores, Self::Workload, Self::Checks];

    /// The table's header row.
    fn columns(self) -> &'static [Tr] {
        match self {
            Self::Basic => &BASIC_COLUMNS,
            Self::Scores => &SCORE_COLUMNS,
            Self::Workload => &WORKLOAD_COLUMNS,
            Self::Checks => &CHECK_COLUMNS,
        }
    }

    /// The file name inside the export folder (ASCII, the same in both languages).
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Basic => "basic-data.csv",
            Self::Scores => "scores.csv",
            Self::Workload => "workload.csv",
            Self::Checks => "checks.csv",
        }
    }
}

/// One table as CSV bytes, starting with the UTF-8 BOM.
#[must_use]
pub fn table_bytes(table: CsvTable, wb: &Workbook, derived: &Derived, lang: Lang) -> Vec<u8> {
    let mut rows = vec![header_row(table.columns(), lang)];
    rows.extend(match table {
        CsvTable::Basic => basic_table(wb, derived, lang),
        CsvTable::Scores => scores_table(wb, derived, lang),
        CsvTable::Workload => workload_table(wb, derived, lang),
        CsvTable::Checks => checks_table(derived, lang),
    });
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let code_column = match table {
        CsvTable::Scores => Some(0),
        CsvTable::Basic | CsvTable::Workload | CsvTable::Checks => None,
    };
    for (index, row) in rows.iter().enumerate() {
        let cells: Vec<_> = row
            .iter()
            .enumerate()
            .map(|(column, text)| {
                let is_code = index > 0 && code_column == Some(column);
                spreadsheet_safe(text, is_code)
            })
            .collect();
        // Writing into memory cannot fail.
        let _ = writer.write_record(cells.iter().map(|c| c.as_bytes()));
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
}

/// A cell a spreadsheet reads as the text it is: `escape::spreadsheet_cell`,
/// the one neutraliser every CSV writer uses.
#[must_use]
pub fn spreadsheet_safe(text: &str, is_code: bool) -> std::borrow::Cow<'_, str> {
    crate::escape::spreadsheet_cell(text, is_code)
}

/// Writes every table into `folder` (created if needed) as one write: all
/// tables, or none (a full disk leaves no folder of one table in four).
/// Returns the files written.
///
/// # Errors
/// When a table exists and replacing was not asked, or a file cannot be written.
pub fn write_tables(
    folder: &Path,
    request: &super::format::ExportRequest,
) -> Result<Vec<PathBuf>, crate::store::SaveError> {
    let tables: Vec<(PathBuf, Vec<u8>)> = CsvTable::ALL
        .into_iter()
        .map(|table| {
            let bytes = table_bytes(table, request.wb, request.derived, request.lang);
            (folder.join(table.file_name()), bytes)
        })
        .collect();
    let files: Vec<(&Path, &[u8])> = tables
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    request.rule.write_all(&files)?;
    Ok(tables.into_iter().map(|(p, _)| p).collect())
}

fn basic_table(wb: &Workbook, derived: &Derived, lang: Lang) -> Vec<Vec<String>> {
    let unit_rows = [
        ("unit_name", Tr("单位名称", "Unit"), wb.unit.name.clone()),
        (
            "fiscal_year",
            Tr("年度", "Fiscal year"),
            wb.unit.fiscal_year.to_string(),
        ),
    ];
    let mut out: Vec<Vec<String>> = unit_rows
        .into_iter()
        .map(|(key, label, value)| {
            let label = label.get(lang).to_owned();
            vec![key.to_owned(), label, value, String::new(), String::new()]
        })
        .collect();
    for row in basic_rows(wb) {
        out.push(vec![
            row.field.key().to_owned(),
            row.field.label(lang).to_owned(),
            opt_text(row.value),
            field_unit(row.field, lang).to_owned(),
            String::new(),
        ]);
    }
    for m in &derived.metrics {
        let value = m.display.map_or_else(
            || metric_status_text(&m.status, lang).to_owned(),
            |v| {
                if m.id.is_percent() {
                    rate_text(v)
                } else {
                    v.to_string()
                }
            },
        );
        let unit = if m.id.is_percent() {
            "%"
        } else {
            Tr("万元", "10k yuan").get(lang)
        };
        let formula = m.expression.as_ref().map_or_else(
            || m.id.formula().get(lang).to_owned(),
            |e| e.get(lang).to_owned(),
        );
        out.push(vec![
            m.id.key().to_owned(),
            m.id.label(lang).to_owned(),
            value,
            unit.to_owned(),
            formula,
        ]);
    }
    out
}

fn scores_table(wb: &Workbook, derived: &Derived, lang: Lang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for r in score_rows(wb, derived, lang) {
        out.push(vec![
            r.code,
            r.level.to_string(),
            r.name,
            r.weight.to_string(),
            fmt_score(r.score),
            fmt_score(r.lost),
            r.standard,
            r.rule,
            r.working,
            r.reason,
            opt_text(r.officer_score),
            opt_text(r.reviewer_score),
            r.reviewer_comment,
        ]);
    }
    out.push(vec![
        String::new(),
        String::new(),
        Tr("合计", "Total").get(lang).to_owned(),
        derived.scores.max_total.to_string(),
        fmt_score(derived.scores.total),
        fmt_score(derived.scores.max_total - derived.scores.total),
        String::new(),
        format!(
            "{}：{}",
            Tr("自评等级", "Grade").get(lang),
            derived.grade.label(lang)
        ),
    ]);
    // The total row has every column, so a spreadsheet's columns stay aligned.
    if let Some(total) = out.last_mut() {
        total.resize(SCORE_COLUMNS.len(), String::new());
    }
    out
}

fn workload_table(wb: &Workbook, derived: &Derived, lang: Lang) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for r in workload_rows(wb, derived) {
        let (value, lower_bound) = r.count();
        let parts_sum = r
            .stats()
            .and_then(|s| {
                s.parts_sum
                    .map(|sum| count_text(sum, s.parts_sum_is_lower_bound))
            })
            .unwrap_or_default();
        let mut row = vec![
            r.group.name.clone(),
            r.item.name.clone(),
            r.part_name().unwrap_or_default().to_owned(),
            value.to_string(),
            if lower_bound {
                Tr("余", "yes").get(lang).to_owned()
            } else {
                String::new()
            },
            r.item.unit.clone(),
            parts_sum,
        ];
        row.extend(r.figure_texts());
        out.push(row);
    }
    out
}

fn checks_table(derived: &Derived, lang: Lang) -> Vec<Vec<String>> {
    let rows = derived.warnings.iter().map(|w| check_row(w, lang).to_vec());
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    fn read(bytes: &[u8]) -> Vec<Vec<String>> {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("BOM first");
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(body)
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn basic_data_keeps_stored_decimals() {
        let (wb, d) = crate::export::sample_derived();
        let rows = read(&table_bytes(CsvTable::Basic, &wb, &d, Lang::Zh));
        let find = |key: &str| rows.iter().find(|r| r[0] == key).expect(key).clone();
        assert_eq!(find("appropriation_income_budget")[2], "731.80");
        assert_eq!(find("gov_fund_appropriation_final")[2], "0.00");
        assert_eq!(find("treasury_carryover_stock_prev")[2], "0");
        assert_eq!(find("procurement_budget")[2], "");
        let f1 = find("appropriation_income_variance_rate");
        assert_eq!(f1[2], "19.58");
        assert_eq!(f1[4], "(588.55万元-731.80万元)/731.80万元*100%=19.58%");
        assert_eq!(find("procurement_execution_rate")[2], "缺数据");
    }

    #[test]
    fn scores_and_workload_tables() {
        let (wb, d) = crate::export::sample_derived();
        let rows = read(&table_bytes(CsvTable::Scores, &wb, &d, Lang::Zh));
        assert_eq!(rows[0][0], "编码");
        let a31 = rows.iter().find(|r| r[0] == "A3.1").expect("A3.1");
        assert_eq!(
            (a31[3].as_str(), a31[4].as_str(), a31[5].as_str()),
            ("5", "0", "5")
        );
        let total = rows.last().expect("total");
        assert_eq!((total[3].as_str(), total[4].as_str()), ("100", "94"));
        assert!(total[7].contains('优'));
        let rows = read(&table_bytes(CsvTable::Workload, &wb, &d, Lang::En));
        let docs = rows.iter().find(|r| r[1] == "处理区委文件").expect("docs");
        assert_eq!((docs[3].as_str(), docs[4].as_str()), ("1300", "yes"));
        let meetings = rows
            .iter()
            .find(|r| r[1] == "组织筹备各类会议" && r[2].is_empty())
            .expect("meetings");
        assert_eq!(meetings[6], "202");
    }

    #[test]
    fn crafted_text_never_becomes_a_formula() {
        let mut wb = sample_workbook();
        wb.unit.name = "=HYPERLINK(\"http://x\",\"y\")".to_owned();
        wb.table.indicators[0].name = "@SUM(1+1)".to_owned();
        wb.table.indicators[0].code = "2.10".to_owned();
        wb.table.indicators[1].entry.deduction_reason = "-1+cmd|' /C calc'!A0".to_owned();
        wb.table.indicators[1].name = "\t=1+1".to_owned();
        let d = derive(&wb);
        let basic = read(&table_bytes(CsvTable::Basic, &wb, &d, Lang::Zh));
        let scores = read(&table_bytes(CsvTable::Scores, &wb, &d, Lang::Zh));
        for row in basic.iter().chain(&scores) {
            for cell in row {
                let number = cell.parse::<rust_decimal::Decimal>().is_ok();
                assert!(
                    number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "formula-like cell: {cell:?}"
                );
            }
        }
        assert!(
            basic
                .iter()
                .any(|r| r.iter().any(|c| c == "'=HYPERLINK(\"http://x\",\"y\")"))
        );
        assert!(scores.iter().any(|r| r[0] == "'2.10"), "a code stays text");
        assert!(scores.iter().any(|r| r.contains(&"'@SUM(1+1)".to_owned())));
        assert_eq!(
            spreadsheet_safe("-5.20", false),
            "-5.20",
            "a number stays a number"
        );
        assert_eq!(spreadsheet_safe("+86 10", false), "'+86 10");
    }

    #[test]
    fn the_total_row_has_every_column() {
        let wb = sample_workbook();
        let scores = read(&table_bytes(CsvTable::Scores, &wb, &derive(&wb), Lang::Zh));
        let width = scores[0].len();
        assert!(scores.iter().all(|r| r.len() == width), "ragged rows");
        assert_eq!(scores.last().map(|r| r[2].as_str()), Some("合计"));
    }
}

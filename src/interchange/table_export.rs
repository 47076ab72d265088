//! Writes a scoring table in the layout bureaus use (编码, 一级指标, 二级指标,
//! 三级指标, 分值, 评分标准, 指标解释), plus jixiao's rule column so that
//! `table import` reads it back exactly. The xlsx merges the level cells the
//! way bureau tables do.

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook as XlsxBook, XlsxError};

use super::assemble::DEFINITION_MARK;
use crate::core::Lang;
use crate::core::model::ScoringTable;
use crate::text::width;

const LEVEL_ZH: [&str; 6] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "四级指标",
    "五级指标",
    "六级指标",
];

/// The header and rows of the table (one row per indicator, ancestors' names
/// repeated), and the number of level columns.
#[must_use]
pub fn table_rows(table: &ScoringTable, lang: Lang) -> (Vec<String>, Vec<Vec<String>>, usize) {
    let flat = table.flatten();
    let depth = flat
        .iter()
        .map(|(d, _)| d + 1)
        .max()
        .unwrap_or(1)
        .clamp(3, 6);
    let mut header = vec![match lang {
        Lang::Zh => "编码".to_owned(),
        Lang::En => "Code".to_owned(),
    }];
    for (level, zh) in LEVEL_ZH.iter().enumerate().take(depth) {
        header.push(match lang {
            Lang::Zh => (*zh).to_owned(),
            Lang::En => format!("Level {}", level + 1),
        });
    }

    for (zh, en) in [
        ("分值", "Weight"),
        ("评分标准", "Standard"),
        ("指标解释", "Definition"),
        ("计分规则", "Rule"),
    ] {
        header.push(match lang {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        });
    }
    let mut rows = Vec::new();
    let mut path: Vec<String> = Vec::new();
    for (d, ind) in flat {
        path.truncate(d);
        path.push(ind.name.clone());
        let mut row = vec![ind.code.clone()];
        for level in 0..depth {
            row.push(path.get(level).cloned().unwrap_or_default());
        }
        // Tables imported before the definition had its own field carry it in the standard.
        let (standard, definition) = match ind.standard.split_once(DEFINITION_MARK) {
            Some((s, def)) if ind.definition.is_empty() => (s.to_owned(), def.to_owned()),
            _ => (ind.standard.clone(), ind.definition.clone()),
        };
        row.push(ind.weight.to_string());
        row.push(standard);
        row.push(definition);
        row.push(
            ind.rule
                .as_ref()
                .filter(|_| ind.is_leaf())
                .and_then(|r| serde_json::to_string(r).ok())
                .unwrap_or_default(),
        );
        rows.push(row);
    }
    (header, rows, depth)
}

/// The table as CSV (UTF-8 with BOM), the table's name on the first line.
#[must_use]
pub fn to_csv(table: &ScoringTable, lang: Lang) -> Vec<u8> {
    let (header, rows, _) = table_rows(table, lang);
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    // Formula triggers neutralised (the import reads the apostrophe away).
    let safe = |cell: &str| crate::escape::spreadsheet_cell(cell, false).into_owned();
    let _ = writer.write_record([safe(&table.name)]);
    let _ = writer.write_record(header.iter().map(|h| safe(h)));
    for row in rows {
        let _ = writer.write_record(row.iter().map(|c| safe(c)));
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
}

/// The table as xlsx: a merged title row, the header, and level cells merged
/// over the rows they span.
///
/// # Errors
/// When `rust_xlsxwriter` refuses a value.
pub fn to_xlsx(table: &ScoringTable, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let (header, rows, depth) = table_rows(table, lang);
    let mut book = XlsxBook::new();
    let ws = book.add_worksheet();
    ws.set_name(match lang {
        Lang::Zh => "评分表",
        Lang::En => "Scoring table",
    })?;
    let title = Format::new().set_bold().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_border_bottom(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let text = Format::new().set_align(FormatAlign::Top).set_text_wrap();
    let level_format = Format::new()
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let number = Format::new().set_align(FormatAlign::Top);
    let last_col = u16::try_from(header.len() - 1).unwrap_or(0);
    ws.merge_range(0, 0, 0, last_col, &table.name, &title)?;
    let mut widths: Vec<usize> = header.iter().map(|h| width(h)).collect();
    for (col, h) in (0u16..).zip(&header) {
        ws.write_string_with_format(1, col, h, &head)?;
    }
    let weight_col = depth + 1;
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
        for (c, value) in row.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(0);
            if let Some(w) = widths.get_mut(c) {
                *w = (*w).max(value.lines().map(width).max().unwrap_or(0));
            }
            if c == weight_col {
                let weight = value
                    .parse::<rust_decimal::Decimal>()
                    .ok()
                    .and_then(|d| d.to_f64());
                if let Some(w) = weight {
                    ws.write_number_with_format(r, col, w, &number)?;
                    continue;
                }
            }
            if !value.is_empty() {
                ws.write_string_with_format(r, col, value, &text)?;
            }
        }
    }
    // Merge runs of the same ancestor name in each level column (within the run
    // of the level to its left), as bureau tables are laid out.
    for level in 0..depth {
        let c = level + 1;
        let mut start = 0;
        while start < rows.len() {
            let value = &rows[start][c];
            let mut end = start;
            while end + 1 < rows.len()
                && !value.is_empty()
                && rows[end + 1][c] == *value
                && (1..c).all(|left| rows[end + 1][left] == rows[start][left])
            {
                end += 1;
            }
            if end > start {
                let first = u32::try_from(start + 2).unwrap_or(u32::MAX);
                let last = u32::try_from(end + 2).unwrap_or(u32::MAX);
                let col = u16::try_from(c).unwrap_or(0);
                ws.merge_range(first, col, last, col, value, &level_format)?;
            }
            start = end + 1;
        }
    }
    ws.set_freeze_panes(2, 0)?;
    for (col, w) in (0u16..).zip(&widths) {
        let cap = if usize::from(col) > weight_col {
            60
        } else {
            30
        };
        ws.set_column_width(col, u32::try_from((*w + 2).clamp(6, cap)).unwrap_or(20))?;
    }
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn rows_repeat_ancestors_and_carry_rules() {
        let table = sample_workbook().table;
        let (header, rows, depth) = table_rows(&table, Lang::Zh);
        assert_eq!(depth, 3);
        assert_eq!(header[..4], ["编码", "一级指标", "二级指标", "三级指标"]);
        let a31 = rows.iter().find(|r| r[0] == "A3.1").expect("A3.1");
        assert_eq!(
            a31[1..4],
            ["预算编制", "预算编制准确性", "财政拨款收入预决算差异率"]
        );
        assert_eq!(a31[4], "5");
        assert!(a31[7].contains("\"kind\":\"threshold\""));
        let a = rows.iter().find(|r| r[0] == "A").expect("A");
        assert_eq!((a[2].as_str(), a[7].as_str()), ("", ""));
    }
}

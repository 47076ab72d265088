//! The scoring table as Word draws it: one row per scored leaf, a column per
//! level of the tree whose cells merge down over the leaves they hold, then
//! weight, score and the reason for lost points, and a 合计 row.

use docx_rs::{AlignmentType, Table, TableCell, TableRow, VAlignType, VMergeType};

use super::TEXT_WIDTH;
use super::columns::one_line_width;
use super::package::HEADER_ROW_MARK;
use super::stream::Streamed;
use super::style::cell_paragraph;
use crate::core::Lang;
use crate::core::num::fmt_score;
use crate::export::report::ScoreTable;
use crate::export::rows::ScoreRow;
use crate::i18n::Tr;

const LEVEL_NAMES_ZH: [&str; 4] = ["一级指标", "二级指标", "三级指标", "四级指标"];

/// The table for the blocks' scoring table, its rows built as it is written.
pub fn table(scores: &ScoreTable, lang: Lang) -> Streamed<'_> {
    let levels = scores
        .rows
        .iter()
        .map(|r| r.level)
        .max()
        .unwrap_or(1)
        .max(1);
    // The figures on one line (the widest weight, score or total, or the
    // two-character header); the level columns carry the names; the reason
    // column the rest.
    let number_width = scores
        .rows
        .iter()
        .flat_map(|r| [r.weight.to_string(), fmt_score(r.score)])
        .chain([scores.max_total.to_string(), fmt_score(scores.total)])
        .map(|t| one_line_width(&t))
        .chain([one_line_width("分值")])
        .max()
        .unwrap_or(0);
    let level_width = (TEXT_WIDTH * 3 / 5) / levels;
    let reason_width = TEXT_WIDTH
        .saturating_sub(level_width * levels + 2 * number_width)
        .max(TEXT_WIDTH / 6);
    let mut grid = vec![level_width; levels];
    grid.extend([number_width, number_width, reason_width]);
    let rows = std::iter::once(header(levels, lang))
        .chain(leaf_rows(&scores.rows, levels, lang))
        .chain(std::iter::once_with(move || {
            total_row(scores, levels, lang)
        }));
    Streamed::table(Table::new(vec![]).set_grid(grid), rows)
}

fn header(levels: usize, lang: Lang) -> TableRow {
    let mut cells: Vec<TableCell> = (0..levels)
        .map(|i| {
            let name = match lang {
                Lang::Zh => LEVEL_NAMES_ZH
                    .get(i)
                    .map_or_else(|| format!("{}级指标", i + 1), |s| (*s).to_owned()),
                Lang::En => format!("Level {}", i + 1),
            };
            text_cell(&name, true)
        })
        .collect();
    for label in [
        Tr("分值", "Weight").get(lang),
        Tr("得分", "Score").get(lang),
        Tr("扣分原因", "Reason for lost points").get(lang),
    ] {
        cells.push(text_cell(label, true));
    }
    TableRow::new(cells)
        .cant_split()
        .row_height(HEADER_ROW_MARK)
}

fn text_cell(text: &str, header: bool) -> TableCell {
    TableCell::new()
        .add_paragraph(cell_paragraph(text, header))
        .vertical_align(VAlignType::Center)
}

/// A figure: right-aligned, centred vertically.
fn number_cell(text: &str) -> TableCell {
    TableCell::new()
        .add_paragraph(cell_paragraph(text, false).align(AlignmentType::Right))
        .vertical_align(VAlignType::Center)
}

/// "预算编制（20分）": an ancestor's cell.
fn group_label(row: &ScoreRow, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{}分）", row.name, fmt_score(row.weight)),
        Lang::En => format!("{} ({})", row.name, fmt_score(row.weight)),
    }
}

/// One table row per leaf; the ancestors' cells start a merge where the
/// ancestor first appears and continue it below.
fn leaf_rows(rows: &[ScoreRow], levels: usize, lang: Lang) -> impl Iterator<Item = TableRow> {
    // The index of the current ancestor at each level, and the one above the last row.
    let mut ancestors: Vec<Option<usize>> = vec![None; levels];
    let mut previous: Vec<Option<usize>> = vec![None; levels];
    rows.iter().enumerate().filter_map(move |(index, row)| {
        let depth = row.level.clamp(1, levels) - 1;
        ancestors[depth] = Some(index);
        for slot in ancestors.iter_mut().skip(depth + 1) {
            *slot = None;
        }
        if !row.is_leaf {
            return None;
        }
        let mut cells = Vec::new();
        for level in 0..depth {
            let Some(at) = ancestors[level] else {
                cells.push(text_cell("", false));
                continue;
            };
            let cell = if previous[level] == Some(at) {
                TableCell::new()
                    .add_paragraph(cell_paragraph("", false))
                    .vertical_merge(VMergeType::Continue)
            } else {
                text_cell(&group_label(&rows[at], lang), false).vertical_merge(VMergeType::Restart)
            };
            cells.push(cell);
        }
        cells.push(text_cell(&row.name, false).grid_span(levels - depth));
        cells.push(number_cell(&row.weight.to_string()));
        cells.push(number_cell(&fmt_score(row.score)));
        cells.push(text_cell(&row.reason, false));
        previous.clone_from(&ancestors);
        previous[depth] = None;
        Some(TableRow::new(cells).cant_split())
    })
}

fn total_row(scores: &ScoreTable, levels: usize, lang: Lang) -> TableRow {
    let grade = format!("{}{}", Tr("自评等级：", "grade: ").get(lang), scores.grade);
    TableRow::new(vec![
        text_cell(Tr("合计", "Total").get(lang), true).grid_span(levels),
        number_cell(&scores.max_total.to_string()),
        number_cell(&fmt_score(scores.total)),
        text_cell(&grade, false),
    ])
    .cant_split()
}

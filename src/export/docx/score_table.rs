//! The scoring table as Word draws it: one row per scored leaf, a column per
//! level of the tree whose cells merge down over the leaves they hold, then
//! weight, score and the reason for lost points, and a 合计 row.

use docx_rs::{Table, TableCell, TableRow, VAlignType, VMergeType};

use super::TEXT_WIDTH;
use super::style::cell_paragraph;
use crate::core::Lang;
use crate::core::num::fmt_score;
use crate::export::report::ScoreTable;
use crate::export::rows::ScoreRow;
use crate::i18n::Tr;

const LEVEL_NAMES_ZH: [&str; 4] = ["一级指标", "二级指标", "三级指标", "四级指标"];
const NUMBER_WIDTH: usize = 760;

/// The table for the blocks' scoring table.
pub fn table(scores: &ScoreTable, lang: Lang) -> Table {
    let levels = scores
        .rows
        .iter()
        .map(|r| r.level)
        .max()
        .unwrap_or(1)
        .max(1);
    // The level columns carry the names; the reason column the rest.
    let level_width = (TEXT_WIDTH * 3 / 5) / levels;
    let reason_width = TEXT_WIDTH - level_width * levels - 2 * NUMBER_WIDTH;
    let mut grid = vec![level_width; levels];
    grid.extend([NUMBER_WIDTH, NUMBER_WIDTH, reason_width]);
    let mut rows = vec![header(levels, lang)];
    rows.extend(leaf_rows(&scores.rows, levels, lang));
    rows.push(total_row(scores, levels, lang));
    Table::new(rows).set_grid(grid)
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
    TableRow::new(cells).cant_split()
}

fn text_cell(text: &str, header: bool) -> TableCell {
    TableCell::new()
        .add_paragraph(cell_paragraph(text, header))
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
fn leaf_rows(rows: &[ScoreRow], levels: usize, lang: Lang) -> Vec<TableRow> {
    // The index of the current ancestor at each level, and the one above the last row.
    let mut ancestors: Vec<Option<usize>> = vec![None; levels];
    let mut previous: Vec<Option<usize>> = vec![None; levels];
    let mut out = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let depth = row.level.clamp(1, levels) - 1;
        ancestors[depth] = Some(index);
        for slot in ancestors.iter_mut().skip(depth + 1) {
            *slot = None;
        }
        if !row.is_leaf {
            continue;
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
        cells.push(text_cell(&row.weight.to_string(), false));
        cells.push(text_cell(&fmt_score(row.score), false));
        cells.push(text_cell(&row.reason, false));
        out.push(TableRow::new(cells).cant_split());
        previous.clone_from(&ancestors);
        previous[depth] = None;
    }
    out
}

fn total_row(scores: &ScoreTable, levels: usize, lang: Lang) -> TableRow {
    let grade = format!("{}{}", Tr("自评等级：", "grade: ").get(lang), scores.grade);
    TableRow::new(vec![
        text_cell(Tr("合计", "Total").get(lang), true).grid_span(levels),
        text_cell(&scores.max_total.to_string(), false),
        text_cell(&fmt_score(scores.total), false),
        text_cell(&grade, false),
    ])
    .cant_split()
}

//! Tables with one name column, levels from a 级次 column or from the codes.

use super::super::columns::{Header, Role};
use super::super::phrases::normalise;
use super::super::sheet::Grid;
use super::draft::{
    Builder, Draft, append_text, check_total_row, columns_of_row_is_header, describe_node,
    is_note_line, is_total_row, row_cells, split_name_weight,
};

/// Tables with one name column: the level comes from a level column, else from codes.
pub(super) fn read_flat_rows(grid: &Grid, header: &Header, b: &mut Builder) {
    let cols = &header.columns;
    let Some(name_col) = cols.of(Role::Name) else {
        return;
    };
    // (depth, node) of the rows read so far, for finding parents.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut last_node: Option<usize> = None;
    for row in header.last + 1..grid.rows.len() {
        let shown_row = row + 1;
        let cells = row_cells(grid, cols, row);
        if columns_of_row_is_header(grid, header, row) || is_note_line(grid, row, &cells.weight) {
            continue;
        }
        let name = grid.cell(row, name_col).to_owned();
        if name.is_empty() {
            if let (Some(node), true) = (last_node, cells.weight.is_empty()) {
                append_text(&mut b.nodes[node].standard, &cells.standard);
                append_text(&mut b.nodes[node].definition, &cells.definition);
            }
            continue;
        }
        if is_total_row(&name) {
            check_total_row(b, &cells.weight, shown_row);
            continue;
        }
        let level = cols
            .of(Role::LevelNo)
            .and_then(|c| parse_level(grid.cell(row, c)));
        let depth = match level {
            Some(n) => n - 1,
            None if !cells.code.is_empty() => stack
                .iter()
                .rev()
                .find(|(_, n)| {
                    b.nodes[*n]
                        .code
                        .as_deref()
                        .is_some_and(|p| is_code_parent(p, &cells.code))
                })
                .map_or(0, |(d, _)| d + 1),
            None => 0,
        };
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        let parent = match stack.last() {
            Some((d, n)) if *d + 1 == depth => Some(*n),
            _ if depth == 0 => None,
            _ => {
                b.problem(
                    format!("第 {shown_row} 行“{name}”找不到上级指标，按一级指标读入"),
                    format!("row {shown_row}: no parent found for \"{name}\"; read as a top-level indicator"),
                );
                None
            }
        };
        let depth = if parent.is_none() { 0 } else { depth };
        let (clean, name_weight) = split_name_weight(&name);
        let node = b.add(
            parent,
            Draft {
                name: clean,
                weight: name_weight,
                ..Draft::default()
            },
        );
        describe_node(b, node, &cells, shown_row);
        stack.push((depth, node));
        last_node = Some(node);
    }
}

/// Reads the level number of a "级次" cell: 1, "一级", "二", "L3".
pub(super) fn parse_level(text: &str) -> Option<usize> {
    let plain = normalise(text);
    let plain = plain
        .trim_start_matches(['L', 'l'])
        .trim_end_matches("级指标")
        .trim_end_matches('级');
    let n = match plain {
        "1" | "一" => 1,
        "2" | "二" => 2,
        "3" | "三" => 3,
        "4" | "四" => 4,
        "5" | "五" => 5,
        _ => return None,
    };
    Some(n)
}

/// Whether `parent` is a code prefix of `child` at a boundary: A → A1, A1 → A1.1, not A1 → A11.
pub(super) fn is_code_parent(parent: &str, child: &str) -> bool {
    if parent.is_empty() || child.len() <= parent.len() || !child.starts_with(parent) {
        return false;
    }
    let rest = &child[parent.len()..];
    let parent_digit = parent.ends_with(|c: char| c.is_ascii_digit());
    let rest_digit = rest.starts_with(|c: char| c.is_ascii_digit());
    rest.starts_with(['.', '-', '_']) || parent_digit != rest_digit
}

//! Tables with level columns (一级指标, 二级指标 …).

use super::super::columns::{Header, Role};
use super::super::sheet::Grid;
use super::draft::{
    Builder, Draft, RowCells, append_text, check_total_row, columns_of_row_is_header,
    describe_node, is_note_line, is_total_row, parse_weight, row_cells, set_weight,
    split_name_weight,
};

/// Tables with level columns: each row names its indicator at its deepest filled
/// level; blank levels above it mean "same as the row above".
pub(super) fn read_level_rows(grid: &Grid, header: &Header, b: &mut Builder) {
    let cols = &header.columns;
    let levels = cols.levels();
    let level_weights: Vec<(usize, usize)> = cols
        .roles
        .iter()
        .filter_map(|(r, c)| match r {
            Role::LevelWeight(n) => Some((usize::from(*n), *c)),
            _ => None,
        })
        .collect();
    let mut last_path: Vec<String> = Vec::new();
    let mut last_node: Option<usize> = None;
    for row in header.last + 1..grid.rows.len() {
        let shown_row = row + 1;
        let names: Vec<String> = levels
            .iter()
            .map(|(_, c)| grid.cell(row, *c).to_owned())
            .collect();
        let cells = row_cells(grid, cols, row);
        if columns_of_row_is_header(grid, header, row) || is_note_line(grid, row, &cells.weight) {
            continue;
        }
        let Some(deepest) = deepest_level(&names) else {
            continue_text(grid, row, &cells, last_node, b);
            continue;
        };
        if names
            .iter()
            .find(|n| !n.is_empty())
            .is_some_and(|n| is_total_row(n))
        {
            check_total_row(b, &cells.weight, shown_row);
            continue;
        }
        let Some(path) = full_path(&names, deepest, &last_path) else {
            b.problem(
                format!("第 {shown_row} 行缺少上级指标名称，已跳过"),
                format!("row {shown_row} lacks the name of its parent indicator; skipped"),
            );
            continue;
        };
        if let Some(node) = last_node
            && path == last_path
            && merged_down(b, node, &cells)
        {
            append_new_text(b, node, &cells);
            continue;
        }
        let path_nodes = place_path(b, &path, shown_row);
        let Some(&node) = path_nodes.last() else {
            continue;
        };
        for (level, col) in &level_weights {
            if let Some(&target) = path_nodes.get(level - 1) {
                set_weight(b, target, grid.cell(row, *col), shown_row);
            }
        }
        describe_node(b, node, &cells, shown_row);
        last_path = path;
        last_node = Some(node);
    }
}

/// The deepest filled level of a row. A name merged across the level columns
/// to its right (a 二级 leaf spanning the 三级 column) is one indicator, not a
/// parent with a same-name child.
fn deepest_level(names: &[String]) -> Option<usize> {
    let mut deepest = names.iter().rposition(|n| !n.is_empty())?;
    while deepest > 0 && names[deepest] == names[deepest - 1] {
        deepest -= 1;
    }
    Some(deepest)
}

/// A row without a name: more standard text for the indicator above, else skipped.
fn continue_text(
    grid: &Grid,
    row: usize,
    cells: &RowCells,
    last_node: Option<usize>,
    b: &mut Builder,
) {
    let continuation = cells.weight.is_empty()
        && cells.code.is_empty()
        && !(cells.standard.is_empty() && cells.definition.is_empty());
    match (continuation, last_node) {
        (true, Some(node)) => {
            append_text(&mut b.nodes[node].standard, &cells.standard);
            append_text(&mut b.nodes[node].definition, &cells.definition);
        }
        _ if grid.rows[row].iter().all(|c| c.trim().is_empty()) => {}
        _ => {
            let shown_row = row + 1;
            b.problem(
                format!("第 {shown_row} 行没有指标名称，已跳过"),
                format!("row {shown_row} names no indicator; skipped"),
            );
        }
    }
}

/// The names from level 1 to `deepest`, blanks taken from the row above;
/// `None` when a parent's name is missing.
fn full_path(names: &[String], deepest: usize, last_path: &[String]) -> Option<Vec<String>> {
    names
        .iter()
        .take(deepest + 1)
        .enumerate()
        .map(|(depth, name)| {
            if name.is_empty() {
                last_path.get(depth).cloned()
            } else {
                Some(name.clone())
            }
        })
        .collect()
}

/// Whether a row naming the same indicator as the row above is that cell
/// merged down (the standard spread over two rows): no other weight or code.
fn merged_down(b: &Builder, node: usize, cells: &RowCells) -> bool {
    let same_weight = match parse_weight(&cells.weight) {
        Ok(None) => true,
        Ok(Some(w)) => b.nodes[node].weight == Some(w),
        Err(()) => false,
    };
    let same_code = cells.code.is_empty() || b.nodes[node].code.as_deref() == Some(&cells.code);
    same_weight && same_code
}

/// Adds the text of a merged-down row that is not already there.
fn append_new_text(b: &mut Builder, node: usize, cells: &RowCells) {
    if !b.nodes[node].standard.contains(&cells.standard) {
        append_text(&mut b.nodes[node].standard, &cells.standard);
    }
    if !b.nodes[node].definition.contains(&cells.definition) {
        append_text(&mut b.nodes[node].definition, &cells.definition);
    }
}

/// Finds or creates the indicators along `path`; a deepest name already
/// described by an earlier row is read as another indicator, and said so.
fn place_path(b: &mut Builder, path: &[String], shown_row: usize) -> Vec<usize> {
    let mut parent: Option<usize> = None;
    let mut path_nodes = Vec::with_capacity(path.len());
    for (depth, raw) in path.iter().enumerate() {
        let (name, name_weight) = split_name_weight(raw);
        let is_deepest = depth + 1 == path.len();
        let fresh = Draft {
            name: name.clone(),
            ..Draft::default()
        };
        let node = match b.find_child(parent, &name) {
            Some(n) if !(is_deepest && b.nodes[n].row.is_some()) => n,
            Some(n) => {
                let first = b.nodes[n].row.unwrap_or_default();
                b.problem(
                    format!("第 {shown_row} 行的指标“{name}”与第 {first} 行重复，作为另一指标读入"),
                    format!("row {shown_row} repeats indicator \"{name}\" of row {first}; read as a separate indicator"),
                );
                b.add(parent, fresh)
            }
            None => b.add(parent, fresh),
        };
        if let Some(w) = name_weight
            && b.nodes[node].weight.is_none()
        {
            b.nodes[node].weight = Some(w);
        }
        path_nodes.push(node);
        parent = Some(node);
    }
    path_nodes
}

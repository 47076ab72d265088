//! Tables with level columns (一级指标, 二级指标 …).

use super::super::columns::{Header, Role};
use super::super::sheet::Grid;
use super::draft::{
    Builder, Draft, append_text, check_total_row, columns_of_row_is_header, describe_node,
    is_note_line, is_total_row, row_cells, set_weight, split_name_weight,
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
        let Some(mut deepest) = names.iter().rposition(|n| !n.is_empty()) else {
            let continuation = cells.weight.is_empty()
                && cells.code.is_empty()
                && !(cells.standard.is_empty() && cells.definition.is_empty());
            match (continuation, last_node) {
                (true, Some(node)) => {
                    append_text(&mut b.nodes[node].standard, &cells.standard);
                    append_text(&mut b.nodes[node].definition, &cells.definition);
                }
                _ if grid.rows[row].iter().all(|c| c.trim().is_empty()) => {}
                _ => b.problem(
                    format!("第 {shown_row} 行没有指标名称，已跳过"),
                    format!("row {shown_row} names no indicator; skipped"),
                ),
            }
            continue;
        };
        let first_name = names
            .iter()
            .find(|n| !n.is_empty())
            .cloned()
            .unwrap_or_default();
        if is_total_row(&first_name) {
            check_total_row(b, &cells.weight, shown_row);
            continue;
        }
        // A name merged across the level columns to its right (a 二级 leaf spanning
        // the 三级 column) is one indicator, not a parent with a same-name child.
        while deepest > 0 && names[deepest] == names[deepest - 1] {
            deepest -= 1;
        }
        let mut path: Vec<String> = Vec::with_capacity(deepest + 1);
        let mut complete = true;
        for (depth, name) in names.iter().take(deepest + 1).enumerate() {
            if name.is_empty() {
                match last_path.get(depth) {
                    Some(above) => path.push(above.clone()),
                    None => {
                        complete = false;
                        break;
                    }
                }
            } else {
                path.push(name.clone());
            }
        }
        if !complete {
            b.problem(
                format!("第 {shown_row} 行缺少上级指标名称，已跳过"),
                format!("row {shown_row} lacks the name of its parent indicator; skipped"),
            );
            continue;
        }
        let mut parent: Option<usize> = None;
        let mut path_nodes = Vec::with_capacity(path.len());
        for (depth, raw) in path.iter().enumerate() {
            let (name, name_weight) = split_name_weight(raw);
            let is_deepest = depth == deepest;
            let existing = b.find_child(parent, &name);
            let node = match existing {
                Some(n) if !(is_deepest && b.nodes[n].row.is_some()) => n,
                Some(n) => {
                    let first = b.nodes[n].row.unwrap_or_default();
                    b.problem(
                        format!("第 {shown_row} 行的指标“{name}”与第 {first} 行重复，作为另一指标读入"),
                        format!("row {shown_row} repeats indicator \"{name}\" of row {first}; read as a separate indicator"),
                    );
                    b.add(
                        parent,
                        Draft {
                            name: name.clone(),
                            ..Draft::default()
                        },
                    )
                }
                None => b.add(
                    parent,
                    Draft {
                        name: name.clone(),
                        ..Draft::default()
                    },
                ),
            };
            if let Some(w) = name_weight
                && b.nodes[node].weight.is_none()
            {
                b.nodes[node].weight = Some(w);
            }
            path_nodes.push(node);
            parent = Some(node);
        }
        let Some(&node) = path_nodes.last() else {
            continue;
        };
        for (level, col) in &level_weights {
            let text = grid.cell(row, *col);
            if let Some(&target) = path_nodes.get(level - 1) {
                set_weight(b, target, text, shown_row);
            }
        }
        describe_node(b, node, &cells, shown_row);
        last_path = path;
        last_node = Some(node);
    }
}

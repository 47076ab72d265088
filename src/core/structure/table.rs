//! The scoring table's tree, addressed by depth-first (flatten) index.

use rust_decimal::Decimal;

use crate::core::model::{Indicator, Rule, RuleKind, ScoringTable};

/// The deepest level a bureau's table has (一级, 二级, 三级).
pub const MAX_DEPTH: usize = 3;

/// The path of child positions from the top to the indicator at `index`.
#[must_use]
pub fn path_of(table: &ScoringTable, index: usize) -> Option<Vec<usize>> {
    fn find(nodes: &[Indicator], index: &mut usize, path: &mut Vec<usize>) -> bool {
        for (pos, node) in nodes.iter().enumerate() {
            path.push(pos);
            if *index == 0 {
                return true;
            }
            *index -= 1;
            let below = node.descendant_count();
            if *index < below {
                return find(&node.children, index, path);
            }
            *index -= below;
            path.pop();
        }
        false
    }
    let mut remaining = index;
    let mut path = Vec::new();
    find(&table.indicators, &mut remaining, &mut path).then_some(path)
}

/// The flatten index of the indicator at `path`.
#[must_use]
pub fn index_of(table: &ScoringTable, path: &[usize]) -> Option<usize> {
    let mut nodes = &table.indicators;
    let mut index = 0;
    for (level, &pos) in path.iter().enumerate() {
        let node = nodes.get(pos)?;
        index += nodes[..pos]
            .iter()
            .map(|n| 1 + n.descendant_count())
            .sum::<usize>();
        if level + 1 < path.len() {
            index += 1;
        }
        nodes = &node.children;
    }
    Some(index)
}

fn siblings_mut<'a>(
    table: &'a mut ScoringTable,
    parent: &[usize],
) -> Option<&'a mut Vec<Indicator>> {
    let mut nodes = &mut table.indicators;
    for &pos in parent {
        nodes = &mut nodes.get_mut(pos)?.children;
    }
    Some(nodes)
}

/// The indicator at `path`.
#[must_use]
pub fn at_path<'a>(table: &'a ScoringTable, path: &[usize]) -> Option<&'a Indicator> {
    let (&last, parent) = path.split_last()?;
    let mut nodes = &table.indicators;
    for &pos in parent {
        nodes = &nodes.get(pos)?.children;
    }
    nodes.get(last)
}

/// A code not used anywhere in the table: the parent's code (or `prefix`
/// for a top-level one) followed by the smallest free number.
fn fresh_code(table: &ScoringTable, parent_code: &str) -> String {
    let used: Vec<String> = table
        .flatten()
        .iter()
        .map(|(_, i)| i.code.clone())
        .collect();
    let stem = if parent_code.is_empty() {
        "N"
    } else {
        parent_code
    };
    (1..)
        .map(|n| {
            if parent_code.is_empty() || parent_code.ends_with(|c: char| c.is_ascii_digit()) {
                format!("{stem}.{n}")
            } else {
                format!("{stem}{n}")
            }
        })
        .find(|code| !used.contains(code))
        .unwrap_or_default()
}

/// A new leaf: scored by the officer until a rule is chosen.
fn blank(code: String) -> Indicator {
    Indicator {
        code,
        weight: Decimal::ZERO,
        rule: Some(Rule::new(None, RuleKind::Manual)),
        ..Indicator::default()
    }
}

/// Adds a new indicator beside the one at `index` (after it, or before it
/// when `before`); on an empty table, the first top-level indicator.
/// Returns the new indicator's flatten index.
pub fn add_sibling(table: &mut ScoringTable, index: Option<usize>, before: bool) -> Option<usize> {
    let path = match index.and_then(|i| path_of(table, i)) {
        Some(path) => path,
        None if table.indicators.is_empty() => {
            let code = fresh_code(table, "");
            table.indicators.push(blank(code));
            return Some(0);
        }
        None => vec![table.indicators.len() - 1],
    };
    let (&pos, parent) = path.split_last()?;
    let parent_code = if parent.is_empty() {
        String::new()
    } else {
        at_path(table, parent)?.code.clone()
    };
    let code = fresh_code(table, &parent_code);
    let at = if before { pos } else { pos + 1 };
    siblings_mut(table, parent)?.insert(at, blank(code));
    let mut new_path = parent.to_vec();
    new_path.push(at);
    index_of(table, &new_path)
}

/// Adds a child at the end of the indicator at `index`, unless it is already
/// at the deepest level. Returns the child's flatten index.
pub fn add_child(table: &mut ScoringTable, index: usize) -> Option<usize> {
    let path = path_of(table, index)?;
    if path.len() >= MAX_DEPTH {
        return None;
    }
    let code = fresh_code(table, &at_path(table, &path)?.code);
    let (&pos, parent) = path.split_last()?;
    let node = siblings_mut(table, parent)?.get_mut(pos)?;
    // A parent scores the sum of its children, never a rule of its own.
    node.rule = None;
    let children = &mut node.children;
    children.push(blank(code));
    let mut new_path = path;
    new_path.push(children.len() - 1);
    index_of(table, &new_path)
}

/// Removes the indicator at `index` with everything below it.
pub fn delete(table: &mut ScoringTable, index: usize) -> Option<Indicator> {
    let path = path_of(table, index)?;
    let (&pos, parent) = path.split_last()?;
    let siblings = siblings_mut(table, parent)?;
    (pos < siblings.len()).then(|| siblings.remove(pos))
}

/// Moves the indicator at `index` one place up (`up`) or down among its
/// siblings. Returns its new flatten index, or `None` at the edge.
pub fn move_among_siblings(table: &mut ScoringTable, index: usize, up: bool) -> Option<usize> {
    let path = path_of(table, index)?;
    let (&pos, parent) = path.split_last()?;
    let siblings = siblings_mut(table, parent)?;
    let to = if up { pos.checked_sub(1)? } else { pos + 1 };
    if to >= siblings.len() {
        return None;
    }
    siblings.swap(pos, to);
    let mut new_path = parent.to_vec();
    new_path.push(to);
    index_of(table, &new_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn paths_and_indexes_agree_on_every_row() {
        let table = sample_workbook().table;
        for index in 0..table.flatten().len() {
            let path = path_of(&table, index).expect("path");
            assert_eq!(index_of(&table, &path), Some(index), "{path:?}");
        }
        assert_eq!(path_of(&table, 10_000), None);
    }

    #[test]
    fn builds_three_levels_from_nothing() {
        let mut table = ScoringTable::default();
        let top = add_sibling(&mut table, None, false).expect("top");
        let mid = add_child(&mut table, top).expect("mid");
        let leaf = add_child(&mut table, mid).expect("leaf");
        assert_eq!(add_child(&mut table, leaf), None, "no fourth level");
        let second = add_sibling(&mut table, Some(leaf), false).expect("sibling");
        assert_eq!((top, mid, leaf, second), (0, 1, 2, 3));
        let codes: Vec<&str> = table
            .flatten()
            .iter()
            .map(|(_, i)| i.code.as_str())
            .collect();
        assert_eq!(codes, ["N.1", "N.1.1", "N.1.1.1", "N.1.1.2"]);
        let before = add_sibling(&mut table, Some(0), true).expect("before");
        assert_eq!(before, 0);
        assert_eq!(table.indicators.len(), 2);
    }

    #[test]
    fn move_and_delete_keep_the_subtree() {
        let mut table = sample_workbook().table;
        let first = table.indicators[0].clone();
        let moved = move_among_siblings(&mut table, 0, false).expect("down");
        assert_eq!(table.indicators[1], first);
        assert_eq!(index_of(&table, &[1]), Some(moved));
        assert_eq!(move_among_siblings(&mut table, moved, true), Some(0));
        assert_eq!(move_among_siblings(&mut table, 0, true), None);
        let removed = delete(&mut table, 0).expect("delete");
        assert_eq!(removed, first);
    }
}

//! Indicators while the tree is being built, and reading one row's cells into them.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::super::columns::{Columns, Header, Role};
use super::super::phrases::normalise;
use super::super::sheet::Grid;
use crate::core::Bilingual;
use crate::core::num::fmt_score;

/// One indicator while the tree is being built.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub(super) name: String,
    pub(super) code: Option<String>,
    pub(super) weight: Option<Decimal>,
    pub(super) standard: String,
    pub(super) definition: String,
    pub(super) rule_text: String,
    /// The 1-based sheet row that described this indicator itself.
    pub(super) row: Option<usize>,
    pub(super) children: Vec<usize>,
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) nodes: Vec<Draft>,
    pub(super) roots: Vec<usize>,
    pub(super) findings: super::Findings,
}

impl Builder {
    pub(super) fn problem(&mut self, zh: String, en: String) {
        self.findings.problems.push(Bilingual::new(zh, en));
    }

    /// A weight sum that does not add up: a problem that stops the import unless forced.
    pub(super) fn weight_problem(&mut self, zh: String, en: String) {
        self.findings
            .weight_errors
            .push(Bilingual::new(zh.clone(), en.clone()));
        self.problem(zh, en);
    }

    pub(super) fn add(&mut self, parent: Option<usize>, draft: Draft) -> usize {
        let id = self.nodes.len();
        self.nodes.push(draft);
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    pub(super) fn find_child(&self, parent: Option<usize>, name: &str) -> Option<usize> {
        let list = parent.map_or(&self.roots, |p| &self.nodes[p].children);
        list.iter()
            .copied()
            .rev()
            .find(|&c| self.nodes[c].name == name)
    }
}

/// The cells of one data row that describe its deepest indicator.
pub(super) struct RowCells {
    pub(super) weight: String,
    pub(super) standard: String,
    pub(super) definition: String,
    pub(super) code: String,
    pub(super) rule: String,
}

pub(super) fn row_cells(grid: &Grid, cols: &Columns, row: usize) -> RowCells {
    let get = |role| cols.of(role).map_or("", |c| grid.cell(row, c)).to_owned();
    RowCells {
        weight: get(Role::Weight),
        standard: get(Role::Standard),
        definition: get(Role::Definition),
        code: get(Role::Code),
        rule: get(Role::Rule),
    }
}

/// Reads a weight as typed: "5", "５分", "2.5", "10%".
pub(super) fn parse_weight(text: &str) -> Result<Option<Decimal>, ()> {
    let plain = normalise(text);
    let plain = plain.trim_end_matches(['分', '%']).trim();
    if plain.is_empty() || plain == "-" || plain == "/" {
        return Ok(None);
    }
    match Decimal::from_str(plain) {
        Ok(v) if !v.is_sign_negative() => Ok(Some(v.normalize())),
        _ => Err(()),
    }
}

/// Splits "预算编制（25分）" into the name and the weight it carries.
pub(super) fn split_name_weight(name: &str) -> (String, Option<Decimal>) {
    let trimmed = name.trim();
    let plain = normalise(trimmed);
    if let Some(inner) = plain.strip_suffix("分)")
        && let Some(open) = inner.rfind('(')
        && let Ok(Some(weight)) = parse_weight(&inner[open + 1..])
    {
        // Cut the same number of characters off the original text.
        let kept_chars = inner[..open].chars().count();
        let cut: String = trimmed.chars().take(kept_chars).collect();
        if !cut.is_empty() {
            return (cut.trim().to_owned(), Some(weight));
        }
    }
    (trimmed.to_owned(), None)
}

pub(super) fn is_total_row(name: &str) -> bool {
    let plain: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ["合计", "总计", "总分", "合计分值", "总分值", "分值合计"].contains(&plain.as_str())
}

pub(super) fn is_note_row(name: &str) -> bool {
    let t = name.trim();
    ["注", "说明", "备注", "附注", "填表说明"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// A note under or above the table (注：…, 说明：…, 填表说明), merged across the
/// row or in its first cell: its first text is a note and it gives no weight.
pub(super) fn is_note_line(grid: &Grid, row: usize, weight: &str) -> bool {
    let first = grid
        .rows
        .get(row)
        .and_then(|cells| cells.iter().map(|c| c.trim()).find(|c| !c.is_empty()))
        .unwrap_or_default();
    is_note_row(first) && !matches!(parse_weight(weight), Ok(Some(_)))
}

/// A repeated header (a printed table's second page) is skipped: a row that
/// reads as a header by itself, or repeats a row of the header.
pub(super) fn columns_of_row_is_header(grid: &Grid, header: &Header, row: usize) -> bool {
    super::super::columns::columns_of_row(grid, row).usable() || header.is_repeated_at(grid, row)
}

pub(super) fn append_text(target: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(more);
}

pub(super) fn check_total_row(b: &mut Builder, weight: &str, shown_row: usize) {
    match parse_weight(weight) {
        Ok(Some(total)) => {
            let top: Decimal = b.roots.iter().map(|&r| subtree_weight(&b.nodes, r)).sum();
            if top != total {
                b.weight_problem(
                    format!(
                        "第 {shown_row} 行合计为 {}，而一级指标分值之和为 {}",
                        fmt_score(total),
                        fmt_score(top)
                    ),
                    format!(
                        "row {shown_row} gives a total of {}, but the top-level weights add up to {}",
                        fmt_score(total),
                        fmt_score(top)
                    ),
                );
            }
        }
        Ok(None) => {}
        Err(()) => b.problem(
            format!("第 {shown_row} 行合计“{weight}”不是数字"),
            format!("row {shown_row}: the total \"{weight}\" is not a number"),
        ),
    }
}

/// A node's weight as given, or the sum of its children's.
pub(super) fn subtree_weight(nodes: &[Draft], id: usize) -> Decimal {
    nodes[id].weight.unwrap_or_else(|| {
        nodes[id]
            .children
            .iter()
            .map(|&c| subtree_weight(nodes, c))
            .sum()
    })
}

pub(super) fn set_weight(b: &mut Builder, node: usize, text: &str, shown_row: usize) {
    match parse_weight(text) {
        Ok(Some(w)) => match b.nodes[node].weight {
            Some(old) if old != w => {
                let name = b.nodes[node].name.clone();
                b.problem(
                    format!(
                        "第 {shown_row} 行给“{name}”的分值 {} 与之前的 {} 不同，保留 {}",
                        fmt_score(w),
                        fmt_score(old),
                        fmt_score(old)
                    ),
                    format!(
                        "row {shown_row} gives \"{name}\" the weight {}, earlier {}; {} kept",
                        fmt_score(w),
                        fmt_score(old),
                        fmt_score(old)
                    ),
                );
            }
            _ => b.nodes[node].weight = Some(w),
        },
        Ok(None) => {}
        Err(()) => {
            let name = b.nodes[node].name.clone();
            let plain = normalise(text);
            let negative = plain.trim().starts_with('-')
                && parse_weight(plain.trim().trim_start_matches('-')).is_ok();
            let (why_zh, why_en) = if negative {
                (
                    "为负数，分值应不小于 0",
                    "is negative; a weight is 0 or more",
                )
            } else {
                ("不是数字", "is not a number")
            };
            let problem = Bilingual::new(
                format!("第 {shown_row} 行“{name}”的分值“{text}”{why_zh}"),
                format!("row {shown_row}: the weight \"{text}\" of \"{name}\" {why_en}"),
            );
            b.findings.invalid_weights.push(problem.clone());
            b.findings.problems.push(problem);
        }
    }
}

/// Fills a node from the cells of the row that describes it.
pub(super) fn describe_node(b: &mut Builder, node: usize, cells: &RowCells, shown_row: usize) {
    b.nodes[node].row = Some(shown_row);
    set_weight(b, node, &cells.weight, shown_row);
    if !cells.code.is_empty() {
        b.nodes[node].code = Some(cells.code.clone());
    }
    append_text(&mut b.nodes[node].standard, &cells.standard);
    append_text(&mut b.nodes[node].definition, &cells.definition);
    b.nodes[node].rule_text.clone_from(&cells.rule);
}

//! Builds the scoring-table tree from the rows of a bureau's spreadsheet:
//! levels from level columns (blank = same as above) or from codes / a level
//! column; weights checked; codes generated where absent; rules recognised.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::columns::{Columns, EXPECTED_EN, EXPECTED_ZH, Role, columns_found, find_header};
use super::phrases::normalise;
use super::rules::recognise;
use super::sheet::Grid;
use crate::core::Bilingual;
use crate::core::model::{Indicator, Rule, ScoringTable};
use crate::core::num::fmt_score;

/// Marks the definition (指标解释) kept inside an indicator's standard text,
/// since the workbook has one text per indicator; `table export` splits it out again.
pub const DEFINITION_MARK: &str = "\n指标解释：";

/// A table read from a spreadsheet, with what the officer should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub table: ScoringTable,
    /// The sheet it came from (`None` for CSV) and the 1-based header row.
    pub sheet: Option<String>,
    pub header_row: usize,
    /// Weights that do not add up, rows skipped, duplicate codes …
    pub problems: Vec<Bilingual>,
    /// Per leaf: code, name, how its rule was obtained, and a note.
    pub rules: Vec<RuleReport>,
}

/// How one leaf's rule was obtained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleReport {
    pub code: String,
    pub name: String,
    pub origin: RuleOrigin,
    pub note: Option<Bilingual>,
}

/// Where a leaf's rule came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleOrigin {
    /// jixiao's rule column (a table jixiao exported).
    RuleColumn,
    /// Recognised from the wording of the standard.
    Recognised,
    /// Not recognised: scored by hand.
    Manual,
}

/// Why no table could be read from a sheet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LayoutError {
    #[error("the columns are not those of a scoring table; found: {found}; expected: {EXPECTED_EN}", found = .found.join(", "))]
    UnrecognisedColumns {
        sheet: Option<String>,
        found: Vec<String>,
    },
    #[error("the header is recognised but no indicator rows follow it")]
    NoIndicators { sheet: Option<String> },
}

impl LayoutError {
    /// The message in both languages, naming the file and sheet.
    #[must_use]
    pub fn describe(&self, file: &str) -> Bilingual {
        let place = |sheet: &Option<String>| match sheet {
            Some(s) => (
                format!("{file}（工作表“{s}”）"),
                format!("{file} (sheet \"{s}\")"),
            ),
            None => (file.to_owned(), file.to_owned()),
        };
        match self {
            Self::UnrecognisedColumns { sheet, found } => {
                let (zh_place, en_place) = place(sheet);
                let found_zh = if found.is_empty() {
                    "（空表）".to_owned()
                } else {
                    found.join("、")
                };
                let found_en = if found.is_empty() {
                    "(empty)".to_owned()
                } else {
                    found.join(", ")
                };
                Bilingual::new(
                    format!(
                        "{zh_place}：无法识别评分表的列。找到的列：{found_zh}。应有的列：{EXPECTED_ZH}"
                    ),
                    format!(
                        "{en_place}: cannot recognise the columns of a scoring table. Found: {found_en}. Expected: {EXPECTED_EN}"
                    ),
                )
            }
            Self::NoIndicators { sheet } => {
                let (zh_place, en_place) = place(sheet);
                Bilingual::new(
                    format!("{zh_place}：找到了表头，但表头下没有指标行"),
                    format!("{en_place}: the header is there but no indicator rows follow it"),
                )
            }
        }
    }
}

/// One indicator while the tree is being built.
#[derive(Debug, Clone, Default)]
struct Draft {
    name: String,
    code: Option<String>,
    weight: Option<Decimal>,
    standard: String,
    definition: String,
    rule_text: String,
    /// The 1-based sheet row that described this indicator itself.
    row: Option<usize>,
    children: Vec<usize>,
}

#[derive(Default)]
struct Builder {
    nodes: Vec<Draft>,
    roots: Vec<usize>,
    problems: Vec<Bilingual>,
}

impl Builder {
    fn problem(&mut self, zh: String, en: String) {
        self.problems.push(Bilingual::new(zh, en));
    }

    fn add(&mut self, parent: Option<usize>, draft: Draft) -> usize {
        let id = self.nodes.len();
        self.nodes.push(draft);
        match parent {
            Some(p) => self.nodes[p].children.push(id),
            None => self.roots.push(id),
        }
        id
    }

    fn find_child(&self, parent: Option<usize>, name: &str) -> Option<usize> {
        let list = parent.map_or(&self.roots, |p| &self.nodes[p].children);
        list.iter()
            .copied()
            .rev()
            .find(|&c| self.nodes[c].name == name)
    }
}

/// The cells of one data row that describe its deepest indicator.
struct RowCells {
    weight: String,
    standard: String,
    definition: String,
    code: String,
    rule: String,
}

fn row_cells(grid: &Grid, cols: &Columns, row: usize) -> RowCells {
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
fn parse_weight(text: &str) -> Result<Option<Decimal>, ()> {
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
fn split_name_weight(name: &str) -> (String, Option<Decimal>) {
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

fn is_total_row(name: &str) -> bool {
    let plain: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    ["合计", "总计", "总分", "合计分值", "总分值", "分值合计"].contains(&plain.as_str())
}

fn is_note_row(name: &str) -> bool {
    let t = name.trim();
    ["注", "说明", "备注", "附注", "填表说明"]
        .iter()
        .any(|w| t.starts_with(w))
}

/// Reads the level number of a "级次" cell: 1, "一级", "二", "L3".
fn parse_level(text: &str) -> Option<usize> {
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
fn is_code_parent(parent: &str, child: &str) -> bool {
    if parent.is_empty() || child.len() <= parent.len() || !child.starts_with(parent) {
        return false;
    }
    let rest = &child[parent.len()..];
    let parent_digit = parent.ends_with(|c: char| c.is_ascii_digit());
    let rest_digit = rest.starts_with(|c: char| c.is_ascii_digit());
    rest.starts_with(['.', '-', '_']) || parent_digit != rest_digit
}

/// Reads the table of one sheet.
///
/// # Errors
/// When no header row is recognised, or no indicator follows it.
pub fn import_grid(grid: &Grid, default_name: &str) -> Result<Imported, LayoutError> {
    let Some((header, cols)) = find_header(grid) else {
        return Err(LayoutError::UnrecognisedColumns {
            sheet: grid.sheet.clone(),
            found: columns_found(grid),
        });
    };
    let mut b = Builder::default();
    if cols.levels().is_empty() {
        read_flat_rows(grid, &cols, header, &mut b);
    } else {
        read_level_rows(grid, &cols, header, &mut b);
    }
    if b.roots.is_empty() {
        return Err(LayoutError::NoIndicators {
            sheet: grid.sheet.clone(),
        });
    }
    let name = title_above(grid, header).unwrap_or_else(|| default_name.to_owned());
    let (indicators, rules) = finish(&mut b);
    Ok(Imported {
        table: ScoringTable {
            name,
            source: String::new(),
            verified: false,
            note: String::new(),
            indicators,
        },
        sheet: grid.sheet.clone(),
        header_row: header + 1,
        problems: b.problems,
        rules,
    })
}

/// A title row above the header: one distinct text (a merged title fills the row).
fn title_above(grid: &Grid, header: usize) -> Option<String> {
    (0..header).find_map(|r| {
        let mut texts: Vec<&str> = grid.rows[r]
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        texts.dedup();
        (texts.len() == 1).then(|| texts[0].to_owned())
    })
}

/// Tables with level columns: each row names its indicator at its deepest filled
/// level; blank levels above it mean "same as the row above".
fn read_level_rows(grid: &Grid, cols: &Columns, header: usize, b: &mut Builder) {
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
    for row in header + 1..grid.rows.len() {
        let shown_row = row + 1;
        let names: Vec<String> = levels
            .iter()
            .map(|(_, c)| grid.cell(row, *c).to_owned())
            .collect();
        let cells = row_cells(grid, cols, row);
        if columns_of_row_is_header(grid, row) {
            continue;
        }
        let Some(deepest) = names.iter().rposition(|n| !n.is_empty()) else {
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
        if is_note_row(&first_name) && cells.weight.is_empty() {
            continue;
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

/// A repeated header (a printed table's second page) is skipped.
fn columns_of_row_is_header(grid: &Grid, row: usize) -> bool {
    super::columns::columns_of_row(grid, row).usable()
}

fn append_text(target: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(more);
}

fn check_total_row(b: &mut Builder, weight: &str, shown_row: usize) {
    match parse_weight(weight) {
        Ok(Some(total)) => {
            let top: Decimal = b.roots.iter().map(|&r| subtree_weight(&b.nodes, r)).sum();
            if top != total {
                b.problem(
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
fn subtree_weight(nodes: &[Draft], id: usize) -> Decimal {
    nodes[id].weight.unwrap_or_else(|| {
        nodes[id]
            .children
            .iter()
            .map(|&c| subtree_weight(nodes, c))
            .sum()
    })
}

fn set_weight(b: &mut Builder, node: usize, text: &str, shown_row: usize) {
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
            b.problem(
                format!("第 {shown_row} 行“{name}”的分值“{text}”不是数字"),
                format!("row {shown_row}: the weight \"{text}\" of \"{name}\" is not a number"),
            );
        }
    }
}

/// Fills a node from the cells of the row that describes it.
fn describe_node(b: &mut Builder, node: usize, cells: &RowCells, shown_row: usize) {
    b.nodes[node].row = Some(shown_row);
    set_weight(b, node, &cells.weight, shown_row);
    if !cells.code.is_empty() {
        b.nodes[node].code = Some(cells.code.clone());
    }
    append_text(&mut b.nodes[node].standard, &cells.standard);
    append_text(&mut b.nodes[node].definition, &cells.definition);
    b.nodes[node].rule_text.clone_from(&cells.rule);
}

/// Tables with one name column: the level comes from a level column, else from codes.
fn read_flat_rows(grid: &Grid, cols: &Columns, header: usize, b: &mut Builder) {
    let Some(name_col) = cols.of(Role::Name) else {
        return;
    };
    // (depth, node) of the rows read so far, for finding parents.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut last_node: Option<usize> = None;
    for row in header + 1..grid.rows.len() {
        let shown_row = row + 1;
        if columns_of_row_is_header(grid, row) {
            continue;
        }
        let cells = row_cells(grid, cols, row);
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
        if is_note_row(&name) && cells.weight.is_empty() {
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

/// Generated code of the `index`-th child (0-based) under `parent_code`.
fn generated_code(parent_code: Option<&str>, index: usize) -> String {
    match parent_code {
        None => {
            let mut n = index;
            let mut letters = Vec::new();
            loop {
                letters.push(char::from(b'A' + u8::try_from(n % 26).unwrap_or(0)));
                if n < 26 {
                    break;
                }
                n = n / 26 - 1;
            }
            letters.iter().rev().collect()
        }
        Some(p) if p.ends_with(|c: char| c.is_ascii_alphabetic()) => format!("{p}{}", index + 1),
        Some(p) => format!("{p}.{}", index + 1),
    }
}

/// Turns the drafts into indicators: weights settled and checked, codes
/// generated, rules read.
fn finish(b: &mut Builder) -> (Vec<Indicator>, Vec<RuleReport>) {
    let mut reports = Vec::new();
    let roots = b.roots.clone();
    let mut indicators = Vec::new();
    for (i, &root) in roots.iter().enumerate() {
        indicators.push(convert(b, root, None, i, &mut reports));
    }
    let top: Decimal = indicators.iter().map(|i| i.weight).sum();
    if top != Decimal::ONE_HUNDRED {
        b.problem(
            format!("一级指标分值合计 {}，应为 100", fmt_score(top)),
            format!(
                "the top-level weights add up to {}, not 100",
                fmt_score(top)
            ),
        );
    }
    let mut seen = std::collections::HashSet::new();
    let mut duplicates = Vec::new();
    for top in &indicators {
        top.walk(0, &mut |_, ind| {
            if !seen.insert(ind.code.clone()) {
                duplicates.push(ind.code.clone());
            }
        });
    }
    for code in duplicates {
        b.problem(
            format!("指标编码 {code} 重复"),
            format!("indicator code {code} is used twice"),
        );
    }
    (indicators, reports)
}

fn convert(
    b: &mut Builder,
    id: usize,
    parent_code: Option<&str>,
    index: usize,
    reports: &mut Vec<RuleReport>,
) -> Indicator {
    let draft = b.nodes[id].clone();
    let code = draft
        .code
        .clone()
        .unwrap_or_else(|| generated_code(parent_code, index));
    let children: Vec<Indicator> = draft
        .children
        .iter()
        .enumerate()
        .map(|(i, &c)| convert(b, c, Some(&code), i, reports))
        .collect();
    let child_sum: Decimal = children.iter().map(|c| c.weight).sum();
    let weight = match draft.weight {
        Some(w) => {
            if !children.is_empty() && child_sum != w {
                b.problem(
                    format!(
                        "{code} {}：下级指标分值合计 {}，与本级分值 {} 不符",
                        draft.name,
                        fmt_score(child_sum),
                        fmt_score(w)
                    ),
                    format!(
                        "{code} {}: the sub-indicators' weights add up to {}, but its weight is {}",
                        draft.name,
                        fmt_score(child_sum),
                        fmt_score(w)
                    ),
                );
            }
            w
        }
        None if !children.is_empty() => child_sum,
        None => {
            b.problem(
                format!("{code} {}：没有分值，按 0 分读入", draft.name),
                format!("{code} {}: no weight given; read as 0", draft.name),
            );
            Decimal::ZERO
        }
    };
    let mut standard = draft.standard.clone();
    if !draft.definition.is_empty() {
        standard.push_str(DEFINITION_MARK);
        standard.push_str(&draft.definition);
    }
    let rule = if children.is_empty() {
        Some(leaf_rule(&draft, &code, weight, reports))
    } else {
        None
    };
    Indicator {
        code,
        name: draft.name,
        weight,
        standard,
        rule,
        entry: crate::core::model::IndicatorEntry::default(),
        children,
    }
}

fn leaf_rule(draft: &Draft, code: &str, weight: Decimal, reports: &mut Vec<RuleReport>) -> Rule {
    let mut column_note = None;
    if !draft.rule_text.trim().is_empty() {
        match serde_json::from_str::<Rule>(&draft.rule_text) {
            Ok(rule) => {
                reports.push(RuleReport {
                    code: code.to_owned(),
                    name: draft.name.clone(),
                    origin: RuleOrigin::RuleColumn,
                    note: None,
                });
                return rule;
            }
            Err(e) => {
                column_note = Some(Bilingual::new(
                    format!("计分规则列无法读取（{e}），改按评分标准文字识别"),
                    format!("the rule column cannot be read ({e}); the wording is used instead"),
                ));
            }
        }
    }
    let found = recognise(&draft.name, &draft.standard, &draft.definition, weight);
    reports.push(RuleReport {
        code: code.to_owned(),
        name: draft.name.clone(),
        origin: if found.recognised {
            RuleOrigin::Recognised
        } else {
            RuleOrigin::Manual
        },
        note: column_note.or(found.note),
    });
    found.rule
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::RuleKind;
    use rust_decimal_macros::dec;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: None,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    #[test]
    fn blanks_mean_same_as_above_and_codes_are_generated() {
        let g = grid(&[
            &["一级指标", "二级指标", "三级指标", "分值", "评分标准"],
            &["预算编制（20分）", "合理性", "", "10", "好、较好、一般、差"],
            &[
                "",
                "准确性",
                "差异率",
                "10",
                "≤5%得满分，每超过1个百分点扣1分",
            ],
            &["预算执行", "支出完成率", "", "80", "综合评定"],
            &["合计", "", "", "100", ""],
        ]);
        let t = import_grid(&g, "t").expect("table");
        let codes: Vec<String> = t
            .table
            .flatten()
            .iter()
            .map(|(_, i)| format!("{} {} {}", i.code, i.name, i.weight))
            .collect();
        assert_eq!(
            codes,
            vec![
                "A 预算编制 20",
                "A1 合理性 10",
                "A2 准确性 10",
                "A2.1 差异率 10",
                "B 预算执行 80",
                "B1 支出完成率 80"
            ]
        );
        assert!(t.problems.is_empty(), "{:?}", t.problems);
        let flat = t.table.flatten();
        let rate = flat[3].1.rule.as_ref().expect("rule");
        assert!(matches!(rate.kind, RuleKind::Threshold { .. }));
    }

    #[test]
    fn weights_that_do_not_add_up_are_reported_with_sums() {
        let g = grid(&[
            &["一级指标", "二级指标", "分值"],
            &["预算编制（25分）", "合理性", "10"],
            &["", "准确性", "10"],
            &["预算执行（70分）", "完成率", "70"],
            &["合计", "", "100"],
        ]);
        let t = import_grid(&g, "t").expect("table");
        let all: Vec<&str> = t.problems.iter().map(|p| p.zh.as_str()).collect();
        assert!(
            all.iter()
                .any(|p| p.contains("下级指标分值合计 20，与本级分值 25 不符")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|p| p.contains("一级指标分值合计 95，应为 100")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|p| p.contains("合计为 100，而一级指标分值之和为 95")),
            "{all:?}"
        );
    }

    #[test]
    fn flat_layout_by_codes() {
        let g = grid(&[
            &["编码", "指标名称", "权重", "评分细则"],
            &["1", "投入", "20", ""],
            &["1.1", "预算配置", "20", ""],
            &[
                "1.1.1",
                "在职人员控制率",
                "20",
                "≤100%得满分，每超过1个百分点扣0.5分",
            ],
            &["2", "产出", "80", "综合评定"],
        ]);
        let t = import_grid(&g, "t").expect("table");
        let flat = t.table.flatten();
        assert_eq!(flat.len(), 4);
        assert_eq!((flat[2].0, flat[2].1.code.as_str()), (2, "1.1.1"));
        assert_eq!(flat[3].0, 0);
        assert!(t.problems.is_empty(), "{:?}", t.problems);
    }

    #[test]
    fn unrecognised_columns_are_named() {
        let g = grid(&[&["项目", "金额", "备注"], &["办公费", "3", ""]]);
        let err = import_grid(&g, "t").expect_err("not a table");
        let msg = err.describe("x.csv");
        assert!(msg.zh.contains("找到的列：项目、金额、备注"), "{}", msg.zh);
        assert!(msg.zh.contains("一级指标"), "{}", msg.zh);
        assert!(msg.en.contains("Found: 项目, 金额, 备注"), "{}", msg.en);
    }

    proptest::proptest! {
        #[test]
        fn any_grid_gives_a_table_or_a_reason(
            cells in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "", "", "一级指标", "二级指标", "三级指标", "分值", "评分标准", "编码",
                        "指标名称", "级次", "合计", "注：说明", "预算编制（20分）", "A", "A1",
                        "1.1", "二级", "5", "abc", "≤5%得满分，每超过1个百分点扣1分", "-3",
                    ]),
                    0..6,
                ),
                0..8,
            )
        ) {
            let g = Grid {
                sheet: None,
                rows: cells
                    .iter()
                    .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                    .collect(),
            };
            match import_grid(&g, "t") {
                Ok(t) => proptest::prop_assert!(!t.table.indicators.is_empty()),
                Err(e) => proptest::prop_assert!(!e.describe("t.csv").zh.is_empty()),
            }
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(
            split_name_weight("预算编制（25分）"),
            ("预算编制".to_owned(), Some(dec!(25)))
        );
        assert_eq!(split_name_weight("预算编制"), ("预算编制".to_owned(), None));
        assert!(is_code_parent("A", "A1"));
        assert!(is_code_parent("A1", "A1.1"));
        assert!(!is_code_parent("A1", "A11"));
        assert_eq!(generated_code(None, 0), "A");
        assert_eq!(generated_code(None, 27), "AB");
        assert_eq!(generated_code(Some("A3"), 0), "A3.1");
        assert_eq!(generated_code(Some("B"), 1), "B2");
        assert_eq!(parse_level("二级"), Some(2));
        assert_eq!(parse_weight("５分"), Ok(Some(dec!(5))));
        assert_eq!(parse_weight("abc"), Err(()));
    }
}

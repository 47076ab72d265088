//! Finds the header row of a scoring table and what each column holds,
//! accepting the names bureaus use (一级指标, 分值/权重, 评分标准/评分细则 …).

use super::sheet::Grid;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// 一级指标 (1), 二级指标 (2) …: the indicator name at that level.
    Level(u8),
    /// 一级指标分值 …: the weight of the level's indicator.
    LevelWeight(u8),
    /// 分值 / 权重: the weight of the row's deepest indicator.
    Weight,
    /// 评分标准 / 评分细则.
    Standard,
    /// 指标解释 / 指标说明.
    Definition,
    /// 编码 / 指标编码.
    Code,
    /// 指标名称 (tables with one name column and a code or level column).
    Name,
    /// 级次 / 层级: 1, 2, 3 or 一级, 二级 …
    LevelNo,
    /// jixiao's machine-readable rule (written by `table export`).
    Rule,
}

/// The columns a scoring table is expected to have, for messages.
pub const EXPECTED_ZH: &str = "一级指标、二级指标、三级指标（或“指标名称”加“编码”/“级次”）、分值（或“权重”）、评分标准（或“评分细则”）；可选：指标解释、编码";
pub const EXPECTED_EN: &str = "一级指标, 二级指标, 三级指标 (or 指标名称 with 编码 or 级次), 分值 (or 权重), 评分标准 (or 评分细则); optional: 指标解释, 编码";

const LEVEL_PREFIXES: [&str; 6] = ["一级", "二级", "三级", "四级", "五级", "六级"];

/// A header as compared: no spaces, ASCII parentheses, a trailing unit like "(分)" dropped, lower case.
fn plain(header: &str) -> String {
    let mut s: String = header
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect::<String>()
        .to_lowercase();
    for unit in ["(分)", "(%)", "(分值)", "(权重)", "(jixiao)"] {
        if let Some(stripped) = s.strip_suffix(unit) {
            s = stripped.to_owned();
        }
    }
    s
}

// The names each role goes by: whole headers (`*_WORDS`) or parts of one (`*_PARTS`).
const RULE_WORDS: &[&str] = &["计分规则", "jixiao计分规则", "rule"];
const CODE_WORDS: &[&str] = &[
    "编码",
    "指标编码",
    "编号",
    "指标编号",
    "代码",
    "指标代码",
    "code",
];
const LEVEL_NO_WORDS: &[&str] = &[
    "级次",
    "层级",
    "级别",
    "指标级次",
    "指标层级",
    "指标级别",
    "level",
];
const STANDARD_PARTS: &[&str] = &[
    "评分标准",
    "评分细则",
    "评分规则",
    "评分方法",
    "计分方法",
    "评价标准",
    "扣分标准",
    "评分依据",
    "考核标准",
    "评分要点",
    "评分办法",
];
const STANDARD_WORDS: &[&str] = &["standard", "scoringstandard", "scoringrule", "criteria"];
const DEFINITION_PARTS: &[&str] = &["指标解释", "指标说明", "指标内涵", "指标定义", "指标释义"];
const DEFINITION_WORDS: &[&str] = &["解释", "说明", "definition", "explanation"];
const WEIGHT_WORDS: &[&str] = &[
    "分值",
    "权重",
    "分数",
    "标准分",
    "标准分值",
    "指标分值",
    "满分",
    "分值权重",
    "权重分值",
    "指标权重",
    "weight",
    "points",
];
const NAME_WORDS: &[&str] = &[
    "指标名称",
    "指标",
    "名称",
    "评价指标",
    "考核指标",
    "indicator",
    "name",
    "indicatorname",
];

/// What a header names, or `None` for a column the importer does not use.
#[must_use]
pub fn classify(header: &str) -> Option<Role> {
    let h = plain(header);
    if h.is_empty() {
        return None;
    }
    let is_one_of = |words: &[&str]| words.contains(&h.as_str());
    let holds_one_of = |parts: &[&str]| parts.iter().any(|w| h.contains(w));
    // The first that matches wins: a header may hold the words of two roles.
    if is_one_of(RULE_WORDS) {
        Some(Role::Rule)
    } else if is_one_of(CODE_WORDS) {
        Some(Role::Code)
    } else if is_one_of(LEVEL_NO_WORDS) {
        Some(Role::LevelNo)
    } else if let Some(level) = level_role(&h) {
        Some(level)
    } else if holds_one_of(STANDARD_PARTS) || is_one_of(STANDARD_WORDS) {
        Some(Role::Standard)
    } else if holds_one_of(DEFINITION_PARTS) || is_one_of(DEFINITION_WORDS) {
        Some(Role::Definition)
    } else if is_one_of(WEIGHT_WORDS) {
        Some(Role::Weight)
    } else if is_one_of(NAME_WORDS) {
        Some(Role::Name)
    } else {
        None
    }
}

/// 一级指标 / level1 (a level's name) or 一级指标分值 / level1weight (its weight).
fn level_role(h: &str) -> Option<Role> {
    for (i, prefix) in LEVEL_PREFIXES.iter().enumerate() {
        let n = u8::try_from(i + 1).unwrap_or(u8::MAX);
        let english = [
            format!("level{n}"),
            format!("l{n}"),
            format!("level{n}indicator"),
        ];
        if let Some(rest) = h.strip_prefix(prefix) {
            if ["分值", "权重", "分数"].iter().any(|w| rest.contains(w)) {
                return Some(Role::LevelWeight(n));
            }
            if ["", "指标", "指标名称", "评价指标", "考核指标"].contains(&rest) {
                return Some(Role::Level(n));
            }
        }
        if english.iter().any(|e| e == h) {
            return Some(Role::Level(n));
        }
        if h == format!("level{n}weight") {
            return Some(Role::LevelWeight(n));
        }
    }
    None
}

/// The recognised columns of a header row: (role, column index), first column per role.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    pub roles: Vec<(Role, usize)>,
}

impl Columns {
    #[must_use]
    pub fn of(&self, role: Role) -> Option<usize> {
        self.roles.iter().find(|(r, _)| *r == role).map(|(_, c)| *c)
    }

    /// The level columns in level order: (level number, column).
    #[must_use]
    pub fn levels(&self) -> Vec<(u8, usize)> {
        let mut out: Vec<(u8, usize)> = self
            .roles
            .iter()
            .filter_map(|(r, c)| match r {
                Role::Level(n) => Some((*n, *c)),
                _ => None,
            })
            .collect();
        out.sort_unstable();
        out
    }

    /// Whether the row can serve as the header of a scoring table.
    #[must_use]
    pub fn usable(&self) -> bool {
        let named = !self.levels().is_empty() || self.of(Role::Name).is_some();
        let weighted = self.of(Role::Weight).is_some()
            || self
                .roles
                .iter()
                .any(|(r, _)| matches!(r, Role::LevelWeight(_)));
        named && weighted
    }
}

/// Reads one row as a header.
#[must_use]
pub fn columns_of_row(grid: &Grid, row: usize) -> Columns {
    let width = grid.rows.get(row).map_or(0, Vec::len);
    let found: Vec<Option<Role>> = (0..width).map(|c| classify(grid.cell(row, c))).collect();
    columns_from(found)
}

/// Reads two rows as one header: a lower cell is read with the upper cell over
/// it ("一级指标" over "分值" is 一级指标分值), else alone, else the upper cell
/// alone (a cell merged down). A blank upper cell continues the one to its
/// left, as a merged cell exported to CSV does.
#[must_use]
pub fn columns_of_two_rows(grid: &Grid, upper: usize) -> Columns {
    let lower = upper + 1;
    let width = grid
        .rows
        .get(upper)
        .map_or(0, Vec::len)
        .max(grid.rows.get(lower).map_or(0, Vec::len));
    let mut over = String::new();
    let mut found = Vec::with_capacity(width);
    for col in 0..width {
        let up = grid.cell(upper, col);
        let low = grid.cell(lower, col);
        if !up.is_empty() {
            up.clone_into(&mut over);
        } else if low.is_empty() {
            over.clear();
        }
        let role = if low.is_empty() || low == over {
            classify(&over)
        } else {
            classify(&format!("{over}{low}"))
                .or_else(|| classify(low))
                .or_else(|| classify(&over))
        };
        found.push(role);
    }
    columns_from(found)
}

/// The roles of a header's cells, first column per role. When several columns
/// are called 分值 beside level columns, each is the weight of the level to its
/// left (一级指标, 分值, 二级指标, 分值 …), not the deepest indicator's.
fn columns_from(found: Vec<Option<Role>>) -> Columns {
    let weights = found.iter().filter(|r| **r == Some(Role::Weight)).count();
    let mut level_on_left: Option<u8> = None;
    let mut roles: Vec<(Role, usize)> = Vec::new();
    for (col, role) in found.into_iter().enumerate() {
        let role = match role {
            Some(Role::Level(n)) => {
                level_on_left = Some(n);
                Some(Role::Level(n))
            }
            Some(Role::Weight) if weights > 1 => level_on_left.map(Role::LevelWeight),
            other => other,
        };
        if let Some(role) = role
            && !roles.iter().any(|(r, _)| *r == role)
        {
            roles.push((role, col));
        }
    }
    Columns { roles }
}

/// How far down a header row is looked for (titles and notes can come first).
const HEADER_SEARCH_ROWS: usize = 20;

/// Where the header is: its first and last row (the same for a one-row header)
/// and what its columns hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub first: usize,
    pub last: usize,
    pub columns: Columns,
}

impl Header {
    /// Whether `row` repeats the header's text (a printed table's next page).
    #[must_use]
    pub fn is_repeated_at(&self, grid: &Grid, row: usize) -> bool {
        (self.first..=self.last).any(|h| {
            let width = grid.rows[h]
                .len()
                .max(grid.rows.get(row).map_or(0, Vec::len));
            (0..width).any(|c| !grid.cell(h, c).is_empty())
                && (0..width).all(|c| grid.cell(h, c) == grid.cell(row, c))
        })
    }
}

/// Whether a row holds a number (a header row holds none; data rows hold weights).
fn has_number(grid: &Grid, row: usize) -> bool {
    grid.rows.get(row).is_some_and(|cells| {
        cells
            .iter()
            .any(|c| c.trim().parse::<rust_decimal::Decimal>().is_ok())
    })
}

/// The header: the usable one-row or two-row header with the most recognised
/// columns among the first rows (the earlier, and the one-row, on a tie).
#[must_use]
pub fn find_header_rows(grid: &Grid) -> Option<Header> {
    let mut best: Option<Header> = None;
    let rows = grid.rows.len().min(HEADER_SEARCH_ROWS);
    let singles: Vec<Columns> = (0..grid.rows.len().min(HEADER_SEARCH_ROWS + 1))
        .map(|r| columns_of_row(grid, r))
        .collect();
    for row in 0..rows {
        let mut candidates = vec![(row, singles[row].clone())];
        // Two rows make a header only where they say more than either alone
        // (a title above a header, or a header above data, say no more).
        if row + 1 < singles.len() && !has_number(grid, row + 1) {
            let both = columns_of_two_rows(grid, row);
            if both.roles.len() > singles[row].roles.len().max(singles[row + 1].roles.len()) {
                candidates.push((row + 1, both));
            }
        }
        for (last, columns) in candidates {
            if columns.usable()
                && best
                    .as_ref()
                    .is_none_or(|b| columns.roles.len() > b.columns.roles.len())
            {
                best = Some(Header {
                    first: row,
                    last,
                    columns,
                });
            }
        }
    }
    best
}

/// The last header row and its columns (see [`find_header_rows`]).
#[must_use]
pub fn find_header(grid: &Grid) -> Option<(usize, Columns)> {
    find_header_rows(grid).map(|h| (h.last, h.columns))
}

/// The distinct non-empty cells of the row that looks most like a header, for the
/// message when no header is recognised.
#[must_use]
pub fn columns_found(grid: &Grid) -> Vec<String> {
    let rows = grid.rows.len().min(HEADER_SEARCH_ROWS);
    let candidate = (0..rows)
        .max_by_key(|&r| (columns_of_row(grid, r).roles.len(), usize::MAX - r))
        .filter(|&r| !columns_of_row(grid, r).roles.is_empty())
        .or_else(|| (0..rows).find(|&r| grid.rows[r].iter().any(|c| !c.trim().is_empty())));
    let Some(row) = candidate else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    for cell in &grid.rows[row] {
        let text = cell.trim().to_owned();
        if !text.is_empty() && !found.contains(&text) {
            found.push(text);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_are_recognised() {
        assert_eq!(classify("一级指标"), Some(Role::Level(1)));
        assert_eq!(classify(" 三级 指标 "), Some(Role::Level(3)));
        assert_eq!(classify("二级指标分值"), Some(Role::LevelWeight(2)));
        assert_eq!(classify("分值（分）"), Some(Role::Weight));
        assert_eq!(classify("权重"), Some(Role::Weight));
        assert_eq!(classify("评分标准及方法"), Some(Role::Standard));
        assert_eq!(classify("评分细则"), Some(Role::Standard));
        assert_eq!(classify("指标解释"), Some(Role::Definition));
        assert_eq!(classify("指标编码"), Some(Role::Code));
        assert_eq!(classify("Weight"), Some(Role::Weight));
        // Columns that hold scores are not weights.
        assert_eq!(classify("得分"), None);
        assert_eq!(classify("自评得分"), None);
        assert_eq!(classify("序号"), None);
    }

    #[test]
    fn header_below_a_title_is_found() {
        let grid = Grid {
            sheet: None,
            encoding: None,
            rows: vec![
                vec!["2023年度整体支出绩效自评指标评分表".into(); 3],
                vec!["指标".into(), "指标".into(), "分值".into()],
                vec!["一级指标".into(), "二级指标".into(), "分值".into()],
                vec!["预算编制".into(), "预算编制合理性".into(), "5".into()],
            ],
        };
        let (row, cols) = find_header(&grid).expect("header");
        assert_eq!(row, 2);
        assert_eq!(cols.levels(), vec![(1, 0), (2, 1)]);
    }

    fn rows(cells: &[&[&str]]) -> Grid {
        Grid {
            rows: cells
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
            ..Grid::default()
        }
    }

    #[test]
    fn two_row_header_with_blank_upper_cells() {
        let grid = rows(&[
            &["评价指标", "", "", "分值", "评分标准"],
            &["一级指标", "二级指标", "三级指标", "", ""],
            &["决策", "目标", "合理性", "5", ""],
        ]);
        let h = find_header_rows(&grid).expect("header");
        assert_eq!((h.first, h.last), (0, 1));
        assert_eq!(h.columns.levels(), vec![(1, 0), (2, 1), (3, 2)]);
        assert_eq!(h.columns.of(Role::Weight), Some(3));
        assert_eq!(h.columns.of(Role::Standard), Some(4));
        assert_eq!(h.columns.of(Role::Name), None);
    }

    #[test]
    fn one_weight_column_per_level() {
        let two_rows = rows(&[
            &["一级指标", "", "二级指标", "", "评分标准"],
            &["名称", "分值", "名称", "分值", ""],
        ]);
        let one_row = rows(&[&["一级指标", "分值", "二级指标", "分值", "评分标准"]]);
        for grid in [two_rows, one_row] {
            let (_, cols) = find_header(&grid).expect("header");
            assert_eq!(cols.levels(), vec![(1, 0), (2, 2)]);
            assert_eq!(cols.of(Role::LevelWeight(1)), Some(1));
            assert_eq!(cols.of(Role::LevelWeight(2)), Some(3));
            assert_eq!(cols.of(Role::Weight), None);
            assert_eq!(cols.of(Role::Standard), Some(4));
        }
    }
}

//! Builds the scoring-table tree from the rows of a bureau's spreadsheet:
//! levels from level columns (blank = same as above) or from codes / a level
//! column; weights checked; codes generated where absent; rules recognised.

mod draft;
mod finish;
mod flat_rows;
mod level_rows;

use super::columns::{EXPECTED_EN, EXPECTED_ZH, columns_found, find_header_rows};
use super::sheet::{Grid, TextEncoding};
use crate::core::Bilingual;
use crate::core::model::ScoringTable;
use draft::Builder;
use finish::finish;
use flat_rows::read_flat_rows;
use level_rows::read_level_rows;

/// Marked the definition (指标解释) inside an indicator's standard text before
/// the definition had its own field; `table export` still splits such files.
pub const DEFINITION_MARK: &str = "\n指标解释：";

/// A table read from a spreadsheet, with what the officer should check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub table: ScoringTable,
    /// The sheet it came from (`None` for CSV) and the 1-based header row.
    pub sheet: Option<String>,
    pub header_row: usize,
    /// The 1-based last header row (below `header_row` for a two-row header).
    pub header_last_row: usize,
    /// The text encoding of a CSV (`None` for spreadsheets).
    pub encoding: Option<TextEncoding>,
    /// Other sheets of the file whose columns are recognised too (not read).
    pub other_tables: Vec<String>,
    pub findings: Findings,
    /// Per leaf: code, name, how its rule was obtained, and a note.
    pub rules: Vec<RuleReport>,
}

/// What the officer should check in a table read from a spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Findings {
    /// Weights that do not add up, rows skipped, duplicate codes …
    pub problems: Vec<Bilingual>,
    /// The weight sums that do not add up (also among `problems`): import
    /// refuses the table unless forced.
    pub weight_errors: Vec<Bilingual>,
    /// Weights that are no number (`NaN`, `1e400`) or negative (also among
    /// `problems`): import refuses the table even when forced.
    pub invalid_weights: Vec<Bilingual>,
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

/// Reads the table of one sheet.
///
/// # Errors
/// When no header row is recognised, or no indicator follows it.
pub fn import_grid(grid: &Grid, default_name: &str) -> Result<Imported, LayoutError> {
    let Some(header) = find_header_rows(grid) else {
        return Err(LayoutError::UnrecognisedColumns {
            sheet: grid.sheet.clone(),
            found: columns_found(grid),
        });
    };
    let mut b = Builder::default();
    if header.columns.levels().is_empty() {
        read_flat_rows(grid, &header, &mut b);
    } else {
        read_level_rows(grid, &header, &mut b);
    }
    if b.roots.is_empty() {
        return Err(LayoutError::NoIndicators {
            sheet: grid.sheet.clone(),
        });
    }
    let name = title_above(grid, header.first).unwrap_or_else(|| default_name.to_owned());
    let (indicators, rules) = finish(&mut b);
    Ok(Imported {
        table: ScoringTable {
            name,
            source: String::new(),
            verified: false,
            note: String::new(),
            indicators,
            ..ScoringTable::default()
        },
        sheet: grid.sheet.clone(),
        header_row: header.first + 1,
        header_last_row: header.last + 1,
        encoding: grid.encoding,
        other_tables: Vec::new(),
        findings: b.findings,
        rules,
    })
}

/// A title row above the header: one distinct text (a merged title fills the
/// row), not a note nor an attachment number such as "附件2".
fn title_above(grid: &Grid, header: usize) -> Option<String> {
    let single_texts: Vec<&str> = (0..header)
        .filter_map(|r| {
            let mut texts: Vec<&str> = (0..grid.rows[r].len())
                .map(|c| grid.cell(r, c))
                .filter(|c| !c.is_empty())
                .collect();
            texts.dedup();
            (texts.len() == 1).then(|| texts[0])
        })
        .collect();
    let is_label =
        |t: &str| draft::is_note_row(t) || (t.starts_with(['附', '表']) && t.chars().count() <= 6);
    single_texts
        .iter()
        .find(|t| !is_label(t))
        .or_else(|| single_texts.first())
        .map(|t| (*t).to_owned())
}

#[cfg(test)]
mod tests {
    use super::draft::{parse_weight, split_name_weight};
    use super::finish::generated_code;
    use super::flat_rows::{is_code_parent, parse_level};
    use super::*;
    use crate::core::model::RuleKind;
    use rust_decimal_macros::dec;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid {
            sheet: None,
            encoding: None,
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        }
    }

    /// Each indicator as "code name weight", in table order.
    fn outline(t: &Imported) -> Vec<String> {
        t.table
            .flatten()
            .iter()
            .map(|(_, i)| format!("{} {} {}", i.code, i.name, i.weight))
            .collect()
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
        let codes = outline(&t);
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
        assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
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
        let all: Vec<&str> = t.findings.problems.iter().map(|p| p.zh.as_str()).collect();
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
    fn a_leaf_merged_down_over_two_rows_is_one_indicator() {
        // As read from xlsx: the names and the weight merged down, the standard in two cells.
        let g = grid(&[
            &["一级指标", "二级指标", "分值", "评分标准"],
            &["决策", "目标设定", "40", "目标明确得20分；"],
            &["决策", "目标设定", "40", "指标细化得20分"],
            &["决策", "目标设定", "", "指标细化得20分"],
            &["产出", "数量", "60", ""],
            &["产出", "数量", "50", ""],
        ]);
        let t = import_grid(&g, "t").expect("table");
        let codes = outline(&t);
        // Another weight under the same name is another indicator, and said so.
        assert_eq!(
            codes,
            [
                "A 决策 40",
                "A1 目标设定 40",
                "B 产出 110",
                "B1 数量 60",
                "B2 数量 50"
            ]
        );
        assert_eq!(
            t.table.indicators[0].children[0].standard,
            "目标明确得20分；\n指标细化得20分"
        );
        assert!(
            t.findings
                .problems
                .iter()
                .any(|p| p.zh.contains("第 6 行的指标“数量”与第 5 行重复"))
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
        assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
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
                encoding: None,
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

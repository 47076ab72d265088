//! The `jixiao-table` file: a scoring table on its own, as `table import`
//! writes it and `table apply` reads it (documented in docs/table-format.md).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::Bilingual;
use crate::core::engine::rule_text::describe_rule;
use crate::core::format::load;
use crate::core::model::{FORMAT_NAME, Indicator, IndicatorEntry, Rule, RuleKind, ScoringTable};

/// The `format` value of a table file.
pub const TABLE_FORMAT: &str = "jixiao-table";
/// The table file version this build writes and reads.
pub const TABLE_VERSION: u32 = 1;

#[derive(Serialize)]
struct DocOut<'a> {
    format: &'a str,
    version: u32,
    table: TableOut<'a>,
}

/// The table as written: the workbook's own serialisation, without the empty
/// entries (a table file carries the bureau's table, not a department's scores).
/// Field order follows `ScoringTable` and `Indicator`; a test checks nothing is lost.
#[derive(Serialize)]
struct TableOut<'a> {
    name: &'a str,
    source: &'a str,
    verified: bool,
    note: &'a str,
    indicators: Vec<IndicatorOut<'a>>,
}

#[derive(Serialize)]
struct IndicatorOut<'a> {
    code: &'a str,
    name: &'a str,
    #[serde(with = "crate::core::num::weight_str")]
    weight: rust_decimal::Decimal,
    standard: &'a str,
    /// 指标解释 / 评价要点, kept apart from the standard.
    #[serde(skip_serializing_if = "str::is_empty")]
    definition: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a Rule>,
    /// The computed rule as the sentence it reads as, beside `standard` for
    /// whoever checks the import (written only; the rule is what counts).
    #[serde(skip_serializing_if = "Option::is_none")]
    reads_as: Option<String>,
    #[serde(skip_serializing_if = "is_empty_entry")]
    entry: &'a IndicatorEntry,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    children: Vec<IndicatorOut<'a>>,
}

// serde's `skip_serializing_if` hands over a reference to the field.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_empty_entry(entry: &&IndicatorEntry) -> bool {
    **entry == IndicatorEntry::default()
}

fn indicator_out(ind: &Indicator) -> IndicatorOut<'_> {
    IndicatorOut {
        code: &ind.code,
        name: &ind.name,
        weight: ind.weight,
        standard: &ind.standard,
        definition: &ind.definition,
        rule: ind.rule.as_ref(),
        reads_as: ind
            .rule
            .as_ref()
            .filter(|r| r.kind != RuleKind::Manual)
            .map(|r| describe_rule(&r.kind, ind.weight).zh),
        entry: &ind.entry,
        children: ind.children.iter().map(indicator_out).collect(),
    }
}

#[derive(Deserialize)]
struct DocIn {
    table: ScoringTable,
}

/// Serialises a table file: pretty JSON with a trailing newline.
#[must_use]
pub fn to_json(table: &ScoringTable) -> String {
    let doc = DocOut {
        format: TABLE_FORMAT,
        version: TABLE_VERSION,
        table: TableOut {
            name: &table.name,
            source: &table.source,
            verified: table.verified,
            note: &table.note,
            indicators: table.indicators.iter().map(indicator_out).collect(),
        },
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Why a text is not a table file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableFileError {
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "not a jixiao table: {0}; expected {{\"format\": \"{TABLE_FORMAT}\", \"version\": 1, \"table\": {{…}}}}"
    )]
    NotATable(String),
    #[error(
        "written by a newer jixiao (table version {0}; this build reads up to {TABLE_VERSION})"
    )]
    NewerVersion(u64),
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{0}")]
    Workbook(String),
}

impl TableFileError {
    /// The message in both languages, naming the file.
    #[must_use]
    pub fn describe(&self, file: &str) -> Bilingual {
        let zh = match self {
            Self::Syntax {
                line,
                column,
                message,
            } => format!("{file}：第 {line} 行第 {column} 列 JSON 语法错误：{message}"),
            Self::NotATable(m) => format!(
                "{file}：不是 jixiao 评分表文件（{m}）；应为 {{\"format\": \"{TABLE_FORMAT}\", \"version\": 1, \"table\": {{…}}}}"
            ),
            Self::NewerVersion(v) => format!(
                "{file}：由较新版本的 jixiao 写入（评分表版本 {v}，本程序最高支持 {TABLE_VERSION}）"
            ),
            Self::Invalid {
                line,
                column,
                message,
            } => format!("{file}：第 {line} 行第 {column} 列数据有误：{message}"),
            Self::Workbook(m) => format!("{file}：{m}"),
        };
        Bilingual::new(zh, format!("{file}: {self}"))
    }
}

fn position_message(e: &serde_json::Error) -> String {
    e.to_string()
        .split(" at line")
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Reads a table file. A workbook file is accepted too: its table is taken.
///
/// # Errors
/// Names the line, column and what was expected.
pub fn from_json(text: &str) -> Result<ScoringTable, TableFileError> {
    let value: Value = serde_json::from_str(text).map_err(|e| TableFileError::Syntax {
        line: e.line(),
        column: e.column(),
        message: position_message(&e),
    })?;
    match value.get("format").and_then(Value::as_str) {
        Some(TABLE_FORMAT) => {}
        Some(FORMAT_NAME) => {
            return load(text)
                .map(|loaded| loaded.workbook.table)
                .map_err(|e| TableFileError::Workbook(e.to_string()));
        }
        Some(other) => {
            return Err(TableFileError::NotATable(format!(
                "\"format\" is \"{other}\""
            )));
        }
        None => return Err(TableFileError::NotATable("no \"format\" field".to_owned())),
    }
    match value.get("version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(TABLE_VERSION) => return Err(TableFileError::NewerVersion(v)),
        Some(0) | None => {
            return Err(TableFileError::NotATable(
                "\"version\" must be a positive whole number".to_owned(),
            ));
        }
        Some(_) => {}
    }
    serde_json::from_str::<DocIn>(text)
        .map(|doc| doc.table)
        .map_err(|e| TableFileError::Invalid {
            line: e.line(),
            column: e.column(),
            message: position_message(&e),
        })
}

/// Reads a table file (or a workbook's table) from disk, for `table apply` and the workbench.
///
/// # Errors
/// The message names the file and, for bad JSON, the line and column.
pub fn read_table_file(path: &std::path::Path) -> Result<ScoringTable, Bilingual> {
    let name = path.display().to_string();
    let text = crate::store::read_text(path).map_err(|e| e.describe_plain())?;
    from_json(&text).map_err(|e| e.describe(&name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::{SAMPLE_JSON, sample_workbook};

    #[test]
    fn round_trips_and_accepts_a_workbook() {
        let mut table = sample_workbook().table;
        for top in &mut table.indicators {
            for child in &mut top.children {
                child.entry = IndicatorEntry::default();
                for grandchild in &mut child.children {
                    grandchild.entry = IndicatorEntry::default();
                }
            }
        }
        let text = to_json(&table);
        assert!(!text.contains("\"entry\""));
        assert!(text.starts_with("{\n  \"format\": \"jixiao-table\",\n  \"version\": 1,"));
        assert_eq!(from_json(&text).expect("table"), table);
        assert_eq!(
            from_json(SAMPLE_JSON).expect("workbook"),
            sample_workbook().table
        );
    }

    #[test]
    fn the_definition_travels_with_the_table() {
        let mut table = sample_workbook().table;
        "预算执行率=实际支出/预算数×100%".clone_into(&mut table.indicators[0].definition);
        let text = to_json(&table);
        assert!(text.contains("\"definition\": \"预算执行率=实际支出/预算数×100%\""));
        assert_eq!(
            from_json(&text).expect("table").indicators[0].definition,
            table.indicators[0].definition
        );
    }

    #[test]
    fn nothing_but_empty_entries_is_left_out() {
        // The workbook's own serialisation of the table, with empty entries
        // removed, must equal what the table file holds: a field added to
        // `Indicator` or `ScoringTable` without being added here fails this test.
        fn strip(value: &mut Value, empty: &Value) {
            if let Some(obj) = value.as_object_mut() {
                if obj.get("entry") == Some(empty) {
                    obj.remove("entry");
                }
                for child in obj.values_mut() {
                    strip(child, empty);
                }
            } else if let Some(list) = value.as_array_mut() {
                for item in list {
                    strip(item, empty);
                }
            }
        }
        let table = sample_workbook().table;
        let empty = serde_json::to_value(IndicatorEntry::default()).expect("entry");
        let mut expected = serde_json::to_value(&table).expect("table");
        strip(&mut expected, &empty);
        let mut written: Value = serde_json::from_str(&to_json(&table)).expect("json");
        // `reads_as` is the one written-only key: the rule's sentence beside the wording.
        let leaf = &written["table"]["indicators"][0]["children"][2]["children"][0];
        assert_eq!(leaf["code"], "A3.1");
        assert_eq!(
            leaf["reads_as"],
            "≤5.00%得满分5分，每超过1个百分点扣0.5分，扣完为止"
        );
        drop_reads_as(&mut written);
        assert_eq!(written["table"], expected);
    }

    fn drop_reads_as(value: &mut Value) {
        if let Some(obj) = value.as_object_mut() {
            obj.remove("reads_as");
            obj.values_mut().for_each(drop_reads_as);
        } else if let Some(list) = value.as_array_mut() {
            list.iter_mut().for_each(drop_reads_as);
        }
    }

    #[test]
    fn bad_files_say_why() {
        assert!(matches!(
            from_json("{\"format\": \"x\"}"),
            Err(TableFileError::NotATable(_))
        ));
        assert!(matches!(
            from_json("{\"format\": \"jixiao-table\", \"version\": 9, \"table\": {}}"),
            Err(TableFileError::NewerVersion(9))
        ));
        let err =
            from_json("{\"format\": \"jixiao-table\", \"version\": 1,\n \"table\": {\"name\": 3}}")
                .expect_err("invalid");
        assert!(
            matches!(err, TableFileError::Invalid { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.describe("t.json").zh.contains("第 2 行"));
    }
}

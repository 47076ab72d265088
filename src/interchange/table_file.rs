//! The `jixiao-table` file: a scoring table on its own, as `table import`
//! writes it and `table apply` reads it (documented in docs/table-format.md).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::core::Bilingual;
use crate::core::format::load;
use crate::core::model::{FORMAT_NAME, ScoringTable};

/// The `format` value of a table file.
pub const TABLE_FORMAT: &str = "jixiao-table";
/// The table file version this build writes and reads.
pub const TABLE_VERSION: u32 = 1;

#[derive(Serialize)]
struct DocOut<'a> {
    format: &'a str,
    version: u32,
    table: &'a ScoringTable,
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
        table,
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
    #[error("written by a newer jixiao (table version {0}; this build reads up to {TABLE_VERSION})")]
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::{SAMPLE_JSON, sample_workbook};

    #[test]
    fn round_trips_and_accepts_a_workbook() {
        let table = sample_workbook().table;
        let text = to_json(&table);
        assert!(text.starts_with("{\n  \"format\": \"jixiao-table\",\n  \"version\": 1,"));
        assert_eq!(from_json(&text).expect("table"), table);
        assert_eq!(from_json(SAMPLE_JSON).expect("workbook"), table);
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
        let err = from_json("{\"format\": \"jixiao-table\", \"version\": 1,\n \"table\": {\"name\": 3}}")
            .expect_err("invalid");
        assert!(matches!(err, TableFileError::Invalid { line: 2, .. }), "{err:?}");
        assert!(err.describe("t.json").zh.contains("第 2 行"));
    }
}

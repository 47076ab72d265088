//! The workbook file format v1: JSON text in, typed workbook out, and back.
//! Pure: the caller reads and writes the bytes.
//!
//! Fields this build does not know (written by a newer minor version) are kept:
//! `load` lists them and `to_json_keeping` writes them back.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::core::model::{FORMAT_NAME, FORMAT_VERSION, Workbook};
use crate::core::{Bilingual, format_errors};

/// Why a text is not a workbook this build can open.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the file is empty; expected a JSON object with \"format\": \"{FORMAT_NAME}\"")]
    Empty,
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("line {line}, column {column}: not a jixiao workbook: {message}")]
    NotAWorkbook {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "line {line}, column {column}: written by a newer jixiao (format version {found}; this build reads up to {supported}); update jixiao to open it"
    )]
    NewerVersion {
        line: usize,
        column: usize,
        found: u64,
        supported: u32,
    },
    #[error("line {line}, column {column}: {message}")]
    Invalid {
        line: usize,
        column: usize,
        message: String,
    },
}

impl LoadError {
    /// The message in both languages, naming the file.
    #[must_use]
    pub fn describe(&self, file: &str) -> Bilingual {
        let en = format!("{file}: {self}");
        let zh = match self {
            Self::Empty => format!("{file}：文件为空，应为 jixiao 工作簿 JSON"),
            Self::Syntax {
                line,
                column,
                message,
            } => format!(
                "{file}：第 {line} 行第 {column} 列 JSON 语法错误：{}",
                message_zh(message)
            ),
            Self::NotAWorkbook {
                line,
                column,
                message,
            } => format!(
                "{file}：第 {line} 行第 {column} 列：不是 jixiao 工作簿（{}）；应为顶层含 \"format\": \"{FORMAT_NAME}\" 的 JSON 对象",
                not_a_workbook_zh(message)
            ),
            Self::NewerVersion {
                line,
                column,
                found,
                supported,
            } => format!(
                "{file}：第 {line} 行第 {column} 列：由较新版本的 jixiao 写入（格式版本 {found}，本程序最高支持 {supported}），请升级后再打开"
            ),
            Self::Invalid {
                line,
                column,
                message,
            } => format!(
                "{file}：第 {line} 行第 {column} 列数据有误：{}",
                message_zh(message)
            ),
        };
        Bilingual::new(zh, en)
    }

    /// Line and column, where the error has them.
    #[must_use]
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            Self::Syntax { line, column, .. }
            | Self::Invalid { line, column, .. }
            | Self::NotAWorkbook { line, column, .. }
            | Self::NewerVersion { line, column, .. } => Some((*line, *column)),
            Self::Empty => None,
        }
    }
}

/// Where the path suffix starts in a message (" (at budget.x)").
const AT: &str = " (at ";

/// The Chinese form of a message built by `located`.
fn message_zh(message: &str) -> String {
    match message.rsplit_once(AT) {
        Some((text, path)) => format!(
            "{}（位置 {}）",
            format_errors::to_zh(text),
            path.trim_end_matches(')')
        ),
        None => format_errors::to_zh(message),
    }
}

fn not_a_workbook_zh(message: &str) -> String {
    if message.starts_with("the top level") {
        "顶层不是 JSON 对象".to_owned()
    } else if message.starts_with("no \"format\"") {
        "缺少 \"format\" 字段".to_owned()
    } else if message.starts_with("\"version\"") {
        "\"version\" 应为正整数".to_owned()
    } else if let Some(rest) = message.strip_prefix("\"format\" is ") {
        let found = rest.split(',').next().unwrap_or(rest);
        format!("\"format\" 为 {found}")
    } else {
        message.to_owned()
    }
}

/// Line, character column and message (with the JSON path) of a serde error.
/// A parse error placed in `text` and made the error `kind` builds.
fn placed(
    text: &str,
    kind: impl Fn(usize, usize, String) -> LoadError,
) -> impl Fn(serde_json::Error) -> LoadError {
    move |error| {
        let (line, column, message) = located(text, &error);
        kind(line, column, message)
    }
}

fn located(text: &str, error: &serde_json::Error) -> (usize, usize, String) {
    let raw = error.to_string();
    let message = raw.split(" at line").next().unwrap_or_default().to_owned();
    let offset = format_errors::offset_of(text, error.line(), error.column());
    let offset = if error.is_data() {
        format_errors::refine_offset(text, offset, &message)
    } else {
        offset
    };
    let (line, column) = format_errors::line_column(text, offset);
    let mut path = format_errors::path_at(text, offset);
    if message.starts_with("missing field") {
        // The position is the object's closing brace: name the object, not its last key.
        path = format_errors::parent_path(&path);
    }
    let plain = format_errors::plain_en(&message);
    let message = if path.is_empty() {
        plain
    } else {
        format!("{plain}{AT}{path})")
    };
    (line, column, message)
}

/// A workbook as loaded, with what the file had beyond it.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub workbook: Workbook,
    /// JSON paths of fields this build does not know; they are kept on save.
    pub unknown_fields: Vec<String>,
    /// The document as read, for `to_json_keeping`.
    pub original: Value,
}

/// Parses a workbook file's text.
///
/// # Errors
/// Names the line, column and what was expected when the text is not a workbook.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    // Editors on Windows may start the file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(LoadError::Empty);
    }
    let syntax = |line, column, message| LoadError::Syntax {
        line,
        column,
        message,
    };
    let original: Value = serde_json::from_str(text).map_err(placed(text, syntax))?;
    let Some(object) = original.as_object() else {
        return Err(not_a_workbook(
            text,
            None,
            format!(
                "the top level is not a JSON object; expected {{\"format\": \"{FORMAT_NAME}\", …}}"
            ),
        ));
    };
    check_header(text, object)?;
    let invalid = |line, column, message| LoadError::Invalid {
        line,
        column,
        message,
    };
    let workbook: Workbook = serde_json::from_str(text).map_err(placed(text, invalid))?;
    let typed = serde_json::to_value(&workbook).unwrap_or(Value::Null);
    let mut unknown_fields = Vec::new();
    unknown_paths(&original, &typed, "", &mut unknown_fields);
    Ok(Loaded {
        workbook,
        unknown_fields,
        original,
    })
}

/// A file that is JSON but not a workbook, placed at `key` (or the top).
fn not_a_workbook(text: &str, key: Option<&str>, message: String) -> LoadError {
    let (line, column) = top_position(text, key);
    LoadError::NotAWorkbook {
        line,
        column,
        message,
    }
}

/// The `format` and `version` a workbook starts with.
fn check_header(text: &str, object: &serde_json::Map<String, Value>) -> Result<(), LoadError> {
    match object.get("format").and_then(Value::as_str) {
        Some(FORMAT_NAME) => {}
        Some(other) => {
            let message = format!("\"format\" is \"{other}\", expected \"{FORMAT_NAME}\"");
            return Err(not_a_workbook(text, Some("format"), message));
        }
        None => {
            let message =
                format!("no \"format\" field; expected \"format\": \"{FORMAT_NAME}\" at the top");
            return Err(not_a_workbook(text, Some("format"), message));
        }
    }
    match object.get("version").and_then(Value::as_u64) {
        Some(v) if v > u64::from(FORMAT_VERSION) => {
            let (line, column) = top_position(text, Some("version"));
            Err(LoadError::NewerVersion {
                line,
                column,
                found: v,
                supported: FORMAT_VERSION,
            })
        }
        Some(0) | None => Err(not_a_workbook(
            text,
            Some("version"),
            "\"version\" must be a positive whole number, e.g. 1".to_owned(),
        )),
        Some(_) => Ok(()),
    }
}

/// Line and column of the top-level `key`'s value, or (no such key, or no
/// key asked for) of the document's first character.
fn top_position(text: &str, key: Option<&str>) -> (usize, usize) {
    let start = text.len() - text.trim_start().len();
    let value_at = key.and_then(|key| {
        let quoted = format!("\"{key}\"");
        text.match_indices(&quoted).find_map(|(at, _)| {
            let after = text.get(at + quoted.len()..)?.trim_start();
            let value = after.strip_prefix(':')?.trim_start();
            let offset = text.len() - value.len();
            (format_errors::path_at(text, offset) == key).then_some(offset)
        })
    });
    format_errors::line_column(text, value_at.unwrap_or(start))
}

/// Lists keys present in `original` but not in `typed`.
fn unknown_paths(original: &Value, typed: &Value, path: &str, out: &mut Vec<String>) {
    match (original, typed) {
        (Value::Object(o), Value::Object(t)) => {
            for (key, value) in o {
                let here = format!("{path}/{key}");
                match t.get(key) {
                    Some(tv) => unknown_paths(value, tv, &here, out),
                    None if value.is_null() => {}
                    None => out.push(here),
                }
            }
        }
        (Value::Array(o), Value::Array(t)) => {
            for (i, (ov, tv)) in o.iter().zip(t).enumerate() {
                unknown_paths(ov, tv, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Keys of the format that are left out when empty or false: a saved
/// workbook lacking one means it was cleared, so the loaded document's value
/// must not come back (an `unconfirmed: true` once confirmed, a cleared
/// contact).
const SKIPPED_WHEN_EMPTY: [&str; 17] = [
    "analysis",
    "basis",
    "children",
    "code",
    "contact",
    "definition",
    "finals",
    "formula",
    "metric",
    "report_date",
    "rule",
    "symmetric",
    "three_public",
    "unconfirmed",
    "upper",
    "verified_at",
    "verified_by",
];

/// Puts back into `target` the keys of `original` it lacks.
fn merge_unknown(target: &mut Value, original: &Value) {
    match (target, original) {
        (Value::Object(t), Value::Object(o)) => {
            for (key, value) in o {
                match t.get_mut(key) {
                    Some(tv) => merge_unknown(tv, value),
                    None if value.is_null() || SKIPPED_WHEN_EMPTY.contains(&key.as_str()) => {}
                    None => {
                        t.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(t), Value::Array(o)) => match identities(o) {
            // Elements keep their unknown keys even when others were added or removed.
            Some(by_identity) if t.iter().all(|e| identity(e).is_some()) => {
                for tv in t.iter_mut() {
                    let ov = identity(tv).and_then(|id| by_identity.get(&id).copied());
                    if let Some(ov) = ov {
                        merge_unknown(tv, ov);
                    }
                }
            }
            _ => {
                for (tv, ov) in t.iter_mut().zip(o) {
                    merge_unknown(tv, ov);
                }
            }
        },
        _ => {}
    }
}

/// What identifies an array element: its `code` (indicators), else its `name`.
fn identity(element: &Value) -> Option<(&'static str, String)> {
    ["code", "name"].into_iter().find_map(|key| {
        element
            .get(key)
            .and_then(Value::as_str)
            .map(|id| (key, id.to_owned()))
    })
}

/// The elements by identity, when every element has a distinct one.
fn identities(elements: &[Value]) -> Option<BTreeMap<(&'static str, String), &Value>> {
    let mut map = BTreeMap::new();
    for element in elements {
        if map.insert(identity(element)?, element).is_some() {
            return None;
        }
    }
    Some(map)
}

/// Serialises a workbook as pretty JSON with a trailing newline.
#[must_use]
pub fn to_json(workbook: &Workbook) -> String {
    to_json_keeping(workbook, None)
}

/// Serialises a workbook, keeping the unknown fields of the document it was loaded from.
#[must_use]
pub fn to_json_keeping(workbook: &Workbook, original: Option<&Value>) -> String {
    let mut value = serde_json::to_value(workbook).unwrap_or(Value::Null);
    if let Some(original) = original {
        merge_unknown(&mut value, original);
    }
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::{SAMPLE_JSON, sample_workbook};

    #[test]
    fn sample_round_trips_exactly() {
        let wb = sample_workbook();
        let text = to_json(&wb);
        let back = load(&text).expect("load").workbook;
        assert_eq!(wb, back);
        assert_eq!(to_json(&back), text);
    }

    #[test]
    fn embedded_sample_has_no_unknown_fields() {
        let loaded = load(SAMPLE_JSON).expect("sample loads");
        assert!(
            loaded.unknown_fields.is_empty(),
            "{:?}",
            loaded.unknown_fields
        );
    }

    #[test]
    fn unknown_fields_are_listed_and_kept() {
        let mut value: Value = serde_json::from_str(SAMPLE_JSON).expect("json");
        value["future_section"] = serde_json::json!({"x": 1});
        value["unit"]["postcode"] = serde_json::json!("524000");
        let text = serde_json::to_string(&value).expect("ser");
        let loaded = load(&text).expect("load");
        assert_eq!(
            loaded.unknown_fields,
            vec!["/future_section", "/unit/postcode"]
        );
        let saved = to_json_keeping(&loaded.workbook, Some(&loaded.original));
        let again: Value = serde_json::from_str(&saved).expect("json");
        assert_eq!(again["unit"]["postcode"], "524000");
        assert_eq!(again["future_section"]["x"], 1);
    }

    #[test]
    fn a_known_field_cleared_stays_cleared_on_save() {
        let mut value: Value = serde_json::from_str(SAMPLE_JSON).expect("json");
        value["unit"]["contact"] = serde_json::json!("陈老师");
        value["table"]["indicators"][0]["children"][0]["entry"]["unconfirmed"] =
            serde_json::json!(true);
        let loaded = load(&serde_json::to_string(&value).expect("ser")).expect("load");
        let mut wb = loaded.workbook.clone();
        wb.unit.contact.clear();
        wb.table.indicators[0].children[0].entry.unconfirmed = false;
        let saved = to_json_keeping(&wb, Some(&loaded.original));
        let again = load(&saved).expect("load").workbook;
        assert_eq!(again, wb);
    }

    #[test]
    fn unknown_fields_stay_with_their_indicator_when_others_are_removed() {
        let mut value: Value = serde_json::from_str(SAMPLE_JSON).expect("json");
        value["table"]["indicators"][1]["future"] = serde_json::json!("B's");
        value["table"]["indicators"][1]["children"][0]["future"] = serde_json::json!("B1's");
        let text = serde_json::to_string(&value).expect("ser");
        let mut loaded = load(&text).expect("load");
        loaded.workbook.table.indicators.remove(0);
        let saved = to_json_keeping(&loaded.workbook, Some(&loaded.original));
        let again: Value = serde_json::from_str(&saved).expect("json");
        let tops = again["table"]["indicators"].as_array().expect("array");
        assert_eq!(tops[0]["code"], "B");
        assert_eq!(tops[0]["future"], "B's");
        assert_eq!(tops[0]["children"][0]["future"], "B1's");
        assert!(tops[1].get("future").is_none());
    }

    #[test]
    fn errors_name_line_and_column() {
        let err = load("{\n  \"format\": \"jixiao-workbook\",\n  \"version\": 1,\n  oops\n}")
            .expect_err("bad");
        assert_eq!(err.position(), Some((4, 3)));
        let d = err.describe("a.json");
        assert!(d.en.starts_with("a.json: line 4, column 3"));
        assert!(d.zh.contains("第 4 行第 3 列"));
    }
}

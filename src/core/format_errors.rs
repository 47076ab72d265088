//! Turns `serde_json`'s errors into messages an officer can act on: the
//! position in characters (serde counts bytes, which is wrong on Chinese
//! lines), the JSON path of the value at fault, and the wording in Chinese.

use std::fmt::Write as _;

/// Byte offset of `serde_json`'s 1-based (line, byte column).
#[must_use]
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut offset = (line_start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// 1-based (line, column in characters) of a byte offset.
#[must_use]
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// Where a data error really is: serde reports the end of the enclosing
/// object for custom errors, so the quoted value named in the message is
/// looked up backwards from there.
#[must_use]
pub fn refine_offset(text: &str, offset: usize, message: &str) -> usize {
    let quoted = [
        "invalid amount \"",
        "invalid number \"",
        "invalid type: string \"",
    ]
    .iter()
    .find_map(|prefix| message.strip_prefix(prefix))
    .and_then(|rest| rest.split('"').next());
    if let Some(value) = quoted {
        let token = format!("\"{value}\"");
        let end = (offset + 1).min(text.len());
        if let Some(found) = text.get(..end).and_then(|head| head.rfind(&token)) {
            return found;
        }
    }
    if message.starts_with("missing field") {
        // serde points at the closing brace of the object that lacks the field:
        // that brace is already inside it (the brace of a nested last value is not).
        if text.get(offset..).is_some_and(|rest| rest.starts_with('}')) {
            return offset;
        }
        // Step back inside the object that lacks the field.
        let head = text.get(..offset).unwrap_or(text);
        if let Some(close) = head.trim_end().rfind('}')
            && head.trim_end().len() == close + 1
        {
            return close;
        }
    }
    offset
}

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

/// The JSON path (`budget.income_budget_total`, `table.indicators[2].weight`)
/// of the value that contains `offset`. Tolerates broken JSON.
#[must_use]
pub fn path_at(text: &str, offset: usize) -> String {
    let bytes = text.as_bytes();
    let end = offset.min(bytes.len());
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes.get(i).copied().unwrap_or_default() {
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes.get(i) != Some(&b'"') {
                    if bytes.get(i) == Some(&b'\\') {
                        i += 1;
                    }
                    i += 1;
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut()
                    && *want_key
                {
                    *key = text.get(start..i.min(bytes.len())).map(str::to_owned);
                    *want_key = false;
                }
            }
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Object { key, want_key }) => {
                    *key = None;
                    *want_key = true;
                }
                Some(Frame::Array { index }) => *index += 1,
                None => {}
            },
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => {
                let _ = write!(path, "[{index}]");
            }
        }
    }
    path
}

/// The path of the object holding `path`'s last key: `unit.name` → `unit`.
#[must_use]
pub fn parent_path(path: &str) -> String {
    match path.rfind('.') {
        Some(dot) => path.get(..dot).unwrap_or_default().to_owned(),
        None if path.ends_with(']') => path.to_owned(),
        None => String::new(),
    }
}

/// English serde wording made plainer ("expected u16" → "expected a whole number").
#[must_use]
pub fn plain_en(message: &str) -> String {
    let mut out = too_many_digits(message).unwrap_or_else(|| message.to_owned());
    for (from, to) in EXPECTED_EN {
        if let Some(head) = out.strip_suffix(from) {
            out = format!("{head}{to}");
            break;
        }
    }
    out
}

/// Start of the message for a whole number with more digits than any count holds.
const TOO_MANY_DIGITS: &str = "a whole number with too many digits (out of range)";

/// serde reads a whole number beyond u64 as a float and calls it "floating
/// point"; the officer typed an integer, so say what is really wrong.
fn too_many_digits(message: &str) -> Option<String> {
    let rest = message.strip_prefix("invalid type: floating point `")?;
    let (value, expected) = rest.split_once("`, ")?;
    let number: f64 = value.parse().ok()?;
    let beyond_u64 = number.fract() == 0.0 && number.abs() >= 1.8e19;
    beyond_u64.then(|| format!("invalid value: {TOO_MANY_DIGITS}, {expected}"))
}

const EXPECTED_EN: [(&str, &str); 7] = [
    ("expected u16", "expected a whole number from 0 to 65535"),
    (
        "expected u32",
        "expected a whole number from 0 to 4294967295",
    ),
    ("expected u64", "expected a whole number, 0 or more"),
    ("expected usize", "expected a whole number, 0 or more"),
    ("expected a sequence", "expected a list [ … ]"),
    ("expected a map", "expected an object { … }"),
    (
        "expected internally tagged enum RuleKind",
        "expected a rule object with a \"kind\"",
    ),
];

/// The same message in Chinese; parts it does not know stay as they are.
#[must_use]
pub fn to_zh(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid amount ") {
        return amount_zh(rest, "金额", "最多两位小数的数字字符串，如 \"588.55\"");
    }
    if let Some(rest) = message.strip_prefix("invalid number ")
        && message.contains("expected a weight")
    {
        return amount_zh(rest, "分值", "不小于 0 的数字字符串，如 \"5\"");
    }
    if let Some(rest) = message.strip_prefix("invalid number ") {
        return amount_zh(rest, "数值", "数字字符串，如 \"19.58\"");
    }
    let found_and_expected = |rest| {
        let (found, expected) = split_expected(rest);
        (thing_zh(found), expected_zh(expected))
    };
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = found_and_expected(rest);
        return format!("类型不符：此处为{found}，应为{expected}");
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = found_and_expected(rest);
        return format!("取值无效：{found}，应为{expected}");
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return format!("缺少字段 {}", rest.replace('`', ""));
    }
    if let Some(rest) = message.strip_prefix("duplicate field ") {
        return format!("字段 {} 重复", rest.replace('`', ""));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let choices = expected
            .trim_start_matches("one of ")
            .replace('`', "")
            .replace(", ", "、");
        return format!("未知取值 {}，应为 {choices} 之一", found.replace('`', ""));
    }
    for (en, zh) in SYNTAX_ZH {
        if message.starts_with(en) {
            return (*zh).to_owned();
        }
    }
    message.to_owned()
}

const SYNTAX_ZH: &[(&str, &str)] = &[
    (
        "EOF while parsing a list",
        "文件在数组 [ … ] 中途结束：缺少 ]",
    ),
    (
        "EOF while parsing an object",
        "文件在对象 { … } 中途结束：缺少 }",
    ),
    (
        "EOF while parsing a string",
        "文件在字符串中途结束：缺少右引号 \"",
    ),
    ("EOF while parsing a value", "文件在此处结束，应为一个值"),
    ("expected `:`", "此处应为冒号 :"),
    ("expected `,` or `]`", "此处应为逗号 , 或 ]"),
    ("expected `,` or `}`", "此处应为逗号 , 或 }"),
    ("expected ident", "此处应为 true、false 或 null"),
    (
        "expected value",
        "此处应为一个值（字符串、数字、对象、数组、true、false 或 null）",
    ),
    ("key must be a string", "键必须是带双引号的字符串"),
    ("trailing comma", "多余的逗号"),
    ("trailing characters", "JSON 结束后还有多余的字符"),
    ("invalid escape", "无效的转义字符"),
    ("invalid number", "无效的数字"),
    ("number out of range", "数字超出范围"),
    (
        "control character",
        "字符串中含有控制字符（如未转义的换行）",
    ),
    ("recursion limit exceeded", "嵌套层数过多"),
];

fn amount_zh(rest: &str, what: &str, expected: &str) -> String {
    let (value, why) = rest
        .split_once(": ")
        .map_or((rest, ""), |(v, w)| (v, w.split(';').next().unwrap_or(w)));
    let why_zh = if why.starts_with("more than") {
        let places = why.split_whitespace().nth(2).unwrap_or_default().to_owned();
        format!("小数位数超过 {places} 位")
    } else if why.starts_with("not a plain") {
        "含有数字以外的字符".to_owned()
    } else if why == "negative" {
        "不能为负数".to_owned()
    } else {
        "数值过大或格式有误".to_owned()
    };
    format!("{what} {value} 无效：{why_zh}；应为{expected}")
}

fn split_expected(rest: &str) -> (&str, &str) {
    rest.split_once(", expected ").unwrap_or((rest, ""))
}

fn thing_zh(found: &str) -> String {
    let pairs = [
        ("string ", "字符串 "),
        ("integer ", "整数 "),
        ("floating point ", "小数 "),
        ("boolean ", "布尔值 "),
    ];
    for (en, zh) in pairs {
        if let Some(v) = found.strip_prefix(en) {
            return format!("{zh}{}", v.replace('`', ""));
        }
    }
    match found {
        TOO_MANY_DIGITS => "整数位数过多（超出范围）".to_owned(),
        "null" => "null".to_owned(),
        "map" => "对象 { … }".to_owned(),
        "sequence" => "数组 [ … ]".to_owned(),
        other => other.replace('`', ""),
    }
}

fn expected_zh(expected: &str) -> String {
    // The stored message already has the plainer English wording; map it back.
    let raw = EXPECTED_EN
        .iter()
        .find(|(_, plain)| plain.strip_prefix("expected ") == Some(expected))
        .and_then(|(raw, _)| raw.strip_prefix("expected "))
        .unwrap_or(expected);
    match raw {
        "u16" => " 0–65535 的整数".to_owned(),
        "u32" => " 0–4294967295 的整数".to_owned(),
        "u64" | "usize" => "非负整数".to_owned(),
        "a string" => "字符串（带双引号）".to_owned(),
        "a boolean" => "true 或 false".to_owned(),
        "a sequence" => "数组 [ … ]".to_owned(),
        "a map" => "对象 { … }".to_owned(),
        "internally tagged enum RuleKind" => "含 \"kind\" 的评分规则对象".to_owned(),
        other if other.starts_with("struct ") => "对象 { … }".to_owned(),
        other => other.replace('`', ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_char_columns_round_trip_on_chinese_lines() {
        let text = "{\n  \"name\": \"测试单位\", \"x\": 1\n}";
        // serde counts bytes: the 1 is at byte column 32 but character column 24.
        let offset = offset_of(text, 2, 32);
        assert_eq!(text.get(offset..=offset), Some("1"));
        assert_eq!(line_column(text, offset), (2, 24));
        // A byte column inside a character snaps back to its start.
        assert_eq!(
            text.get(offset_of(text, 2, 13)..).map(|s| &s[..3]),
            Some("测")
        );
        assert_eq!(offset_of(text, 99, 99), text.len());
    }

    #[test]
    fn paths_name_keys_and_indexes() {
        let text = r#"{"a": {"b": [1, {"c": "x"}]}, "d": 2}"#;
        let at = |needle: &str| path_at(text, text.find(needle).expect("needle"));
        assert_eq!(at("\"x\""), "a.b[1].c");
        assert_eq!(at("2}"), "d");
        assert_eq!(path_at("{\"a\": [1, 2", 11), "a[1]");
        assert_eq!(parent_path("unit.name"), "unit");
        assert_eq!(
            parent_path("table.indicators[0].name"),
            "table.indicators[0]"
        );
        assert_eq!(parent_path("name"), "");
    }

    #[test]
    fn messages_in_chinese() {
        let amount = "invalid amount \"588.555\": more than 2 decimal places; expected a decimal string with at most 2 places, e.g. \"588.55\"";
        let cases = [
            (
                "invalid type: string \"2023\", expected u16".to_owned(),
                "类型不符：此处为字符串 \"2023\"，应为 0–65535 的整数",
            ),
            (
                plain_en("invalid type: string \"2\", expected u32"),
                "类型不符：此处为字符串 \"2\"，应为 0–4294967295 的整数",
            ),
            (
                amount.to_owned(),
                "金额 \"588.555\" 无效：小数位数超过 2 位；应为最多两位小数的数字字符串，如 \"588.55\"",
            ),
            ("missing field `name`".to_owned(), "缺少字段 name"),
            (
                "unknown variant `often`, expected one of `lt`, `le`".to_owned(),
                "未知取值 often，应为 lt、le 之一",
            ),
            ("expected `,` or `}`".to_owned(), "此处应为逗号 , 或 }"),
            ("something new".to_owned(), "something new"),
        ];
        for (en, zh) in cases {
            assert_eq!(to_zh(&en), zh, "{en}");
        }
    }

    #[test]
    fn a_whole_number_beyond_u64_is_too_many_digits_not_a_decimal() {
        let en = plain_en("invalid type: floating point `1e20`, expected u32");
        assert_eq!(
            en,
            "invalid value: a whole number with too many digits (out of range), expected a whole number from 0 to 4294967295"
        );
        let zh = to_zh(&en);
        assert_eq!(
            zh,
            "取值无效：整数位数过多（超出范围），应为 0–4294967295 的整数"
        );
        assert!(!zh.contains("小数"));
        // A real decimal is still called one.
        assert!(
            to_zh(&plain_en(
                "invalid type: floating point `12.5`, expected u32"
            ))
            .contains("小数 12.5")
        );
    }

    #[test]
    fn a_missing_field_of_the_top_object_names_no_inner_key() {
        let text = "{\"a\": 1, \"reported\": {\"x\": 2}\n}";
        let brace = text.rfind('}').expect("brace");
        let offset = refine_offset(text, brace, "missing field `unit`");
        assert_eq!(offset, brace);
        assert_eq!(parent_path(&path_at(text, offset)), "");
        // Inside a nested object whose last value is an object, the same holds.
        let nested = "{\"unit\": {\"n\": {\"x\": 1}}}";
        let close = nested.find("}}").expect("close") + 1;
        assert_eq!(
            parent_path(&path_at(
                nested,
                refine_offset(nested, close, "missing field `name`")
            )),
            "unit"
        );
    }

    #[test]
    fn negative_weights_are_named_as_weights() {
        assert_eq!(
            to_zh("invalid number \"-5\": negative; expected a weight of 0 or more, e.g. \"5\""),
            "分值 \"-5\" 无效：不能为负数；应为不小于 0 的数字字符串，如 \"5\""
        );
    }
}

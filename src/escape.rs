//! One escaping for all text leaving jixiao, by where it goes: a terminal,
//! a spreadsheet cell, XML (docx, xlsx) and Markdown. A department's text
//! (unit, indicator and project names, reasons, comments) is data in each of
//! them, never a command: no escape sequence, no formula, no broken XML, no
//! heading, image or link of its own.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Bidirectional controls (LRM, RLM, ALM, the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069): they reorder what follows, so
/// a name could pose as a figure.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fffe}' | '\u{ffff}')
}

/// Line and paragraph separators: a terminal or editor may break the line there.
fn is_line_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text for a terminal: control characters (C0, DEL, C1: escape sequences,
/// carriage returns that forge a line), bidi controls and line separators
/// shown visibly as `\u{…}`. With `keep_lines`, line feeds and tabs stay.
#[must_use]
pub fn terminal(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && (c == '\n' || c == '\t')))
            || is_bidi_control(c)
            || is_line_separator(c)
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A cell a spreadsheet reads as the text it is (OWASP's advice for CSV
/// injection): text starting with `=`, `+`, `-`, `@`, tab or carriage return
/// gets a leading apostrophe, so it never runs as a formula; numbers stay
/// numbers. A code that looks like a number ("2.10") gets the apostrophe too,
/// so it is not read as 2.1. Every CSV writer uses it.
#[must_use]
pub fn spreadsheet_cell(text: &str, is_code: bool) -> Cow<'_, str> {
    let is_number = text.parse::<rust_decimal::Decimal>().is_ok();
    let formula_like = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if (is_code && is_number) || (formula_like && !is_number) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether XML 1.0 allows `c` in a document (tab, line feed, carriage return
/// and everything from U+0020 except U+FFFE and U+FFFF; surrogates cannot
/// occur in a Rust string).
fn xml_allows(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// Text for XML (docx, xlsx): characters XML 1.0 forbids are dropped, a
/// vertical tab or form feed (Word's own manual line and page breaks, in
/// text copied from Word) becomes a space, so the file always opens.
#[must_use]
pub fn xml(text: &str) -> Cow<'_, str> {
    if text.chars().all(xml_allows) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter_map(|c| match c {
                '\u{b}' | '\u{c}' => Some(' '),
                c if xml_allows(c) => Some(c),
                _ => None,
            })
            .collect(),
    )
}

/// Markdown of one line (a title, a heading, a table cell): line breaks of
/// any kind become spaces, so a name cannot start a heading of its own.
#[must_use]
pub fn markdown_line(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}') || is_line_separator(c) {
                ' '
            } else {
                c
            }
        })
        .collect();
    markdown_inline(&one_line)
}

/// Escapes what Markdown would read as markup inside a line: emphasis, code,
/// HTML and autolinks (`<`), links and images (`](`, `![`), and shows control
/// characters visibly; the text reads as typed.
#[must_use]
pub fn markdown_inline(text: &str) -> String {
    let text = terminal(text, true);
    let stars = text.matches('*').count() >= 2;
    let unders = text.matches('_').count() >= 2;
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        let next = chars.peek().copied();
        // `](`, `][`, `]:` make a link, `![` an image; a bracket alone is text.
        let link = (ch == ']' && matches!(next, Some('(' | '[' | ':')))
            || (ch == '!' && next == Some('['));
        match ch {
            '*' if stars => out.push_str("\\*"),
            '_' if unders => out.push_str("\\_"),
            '\\' | '`' | '<' => {
                out.push('\\');
                out.push(ch);
            }
            _ if link => {
                out.push('\\');
                out.push(ch);
            }
            other => out.push(other),
        }
    }
    out
}

/// Markdown of text that may span lines (a paragraph, a list item): each line
/// escaped inline, and a line that starts like a heading, quote, list, table
/// or rule made plain text.
#[must_use]
pub fn markdown_text(text: &str) -> String {
    let normal = text.replace("\r\n", "\n");
    let lines: Vec<String> = normal
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .map(markdown_line_start)
        .collect();
    lines.join("\n")
}

fn markdown_line_start(line: &str) -> String {
    let mut out = markdown_inline(line);
    let lead = out.len() - out.trim_start().len();
    let body = &out[lead..];
    if body.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(lead, '\\');
    } else if let Some(at) = body.find(['.', ')']) {
        let (head, rest) = body.split_at(at);
        let numbered = !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit())
            && rest[1..].starts_with(' ');
        if numbered {
            out.insert(lead + at, '\\');
        }
    }
    out
}

/// A Markdown table cell: one line, pipes escaped.
#[must_use]
pub fn markdown_cell(text: &str) -> String {
    markdown_line(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_shows_controls_bidi_and_separators() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{9b}2Jc\r\nd\te";
        assert_eq!(
            terminal(hostile, true),
            "a\\u{1b}]0;title\\u{7}b\\u{9b}2Jc\\u{d}\nd\te"
        );
        assert_eq!(terminal("x\ny", false), "x\\u{a}y");
        assert_eq!(terminal("总分 94", false), "总分 94");
        assert_eq!(terminal("9\u{202e}4", true), "9\\u{202e}4");
        assert_eq!(
            terminal("a\u{2066}b\u{2028}c", true),
            "a\\u{2066}b\\u{2028}c"
        );
    }

    #[test]
    fn spreadsheet_cells_never_start_a_formula() {
        for hostile in [
            "=HYPERLINK(\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "=DDE(1)",
        ] {
            assert!(
                spreadsheet_cell(hostile, false).starts_with('\''),
                "{hostile}"
            );
        }
        assert_eq!(spreadsheet_cell("-5.20", false), "-5.20");
        assert_eq!(spreadsheet_cell("2.10", true), "'2.10");
        assert_eq!(spreadsheet_cell("办公室", false), "办公室");
    }

    #[test]
    fn xml_drops_what_xml_forbids() {
        assert_eq!(xml("a\u{b}b\u{c}c\u{1b}d\0e\u{fffe}f\u{ffff}"), "a b cdef");
        assert_eq!(xml("行\t一\n二\r"), "行\t一\n二\r");
        assert!(matches!(xml("中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_keeps_department_text_plain() {
        assert_eq!(markdown_line("办公室\n# 满分"), "办公室 # 满分");
        assert_eq!(
            markdown_line("![x](http://e.vil/p.png)"),
            "\\![x\\](http://e.vil/p.png)"
        );
        assert_eq!(markdown_line("[high] 较高"), "[high] 较高");
        assert_eq!(markdown_line("<img src=x>"), "\\<img src=x>");
        assert_eq!(markdown_text("一\n# 二\n- 三"), "一\n\\# 二\n\\- 三");
        assert_eq!(markdown_text("731.80万元*100%"), "731.80万元*100%");
        assert_eq!(markdown_text("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(markdown_text("1.准备工作"), "1.准备工作");
        assert_eq!(markdown_cell("a|b\nc"), "a\\|b c");
        assert_eq!(markdown_line("a\u{1b}[2Jb"), "a\\\\u{1b}[2Jb");
    }
}

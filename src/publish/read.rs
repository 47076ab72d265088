//! A published document read back as a list of labelled texts, in order:
//! a docx's paragraphs and table cells (from `word/document.xml`), an xlsx's
//! cells (through the bounded spreadsheet reader of `interchange`); and the
//! content stamp its footer prints.

use std::io::Read as _;

use crate::core::Bilingual;
use crate::core::stamp::find_stamp;
use crate::interchange::limits::{MAX_UNCOMPRESSED_BYTES, check_zip, column_name};
use crate::interchange::sheet::read_spreadsheet_bytes;

/// One figure or text of a document, and what to call it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub label: String,
    pub text: String,
}

/// A document read back.
#[derive(Debug, Clone, Default)]
pub struct ReadBack {
    pub items: Vec<Item>,
    /// The stamp its footer prints, if any.
    pub stamp: Option<String>,
}

/// Reads a docx's body and footers.
///
/// # Errors
/// When the bytes are no docx (no zip, no `word/document.xml`, too large).
pub fn docx(bytes: &[u8]) -> Result<ReadBack, Bilingual> {
    check_zip(bytes).map_err(|e| e.describe("docx"))?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(not_docx)?;
    let document = part(&mut archive, "word/document.xml")?;
    let footers = part_names(&archive, "word/footer");
    let mut stamp = None;
    for name in footers {
        let xml = part(&mut archive, &name)?;
        let text: String = pieces(&xml)
            .into_iter()
            .map(|p| match p {
                Piece::Paragraph(t) => t,
                Piece::Row(cells) => cells.join(" "),
            })
            .collect();
        stamp = stamp.or_else(|| find_stamp(&text));
    }
    Ok(ReadBack {
        items: label_pieces(pieces(&document)),
        stamp,
    })
}

fn not_docx(e: impl std::fmt::Display) -> Bilingual {
    Bilingual::new(
        format!("不是可读取的 Word 文件（{e}）"),
        format!("not a readable Word file ({e})"),
    )
}

/// The XML parts whose names start with `prefix`, in the archive's order.
fn part_names(archive: &zip::ZipArchive<std::io::Cursor<&[u8]>>, prefix: &str) -> Vec<String> {
    archive
        .file_names()
        .filter_map(Result::ok)
        .map(std::borrow::Cow::into_owned)
        .filter(|n| {
            n.starts_with(prefix)
                && std::path::Path::new(n)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("xml"))
        })
        .collect()
}

fn part(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<String, Bilingual> {
    let entry = archive.by_name(name).map_err(not_docx)?;
    let mut text = String::new();
    entry
        .take(MAX_UNCOMPRESSED_BYTES)
        .read_to_string(&mut text)
        .map_err(not_docx)?;
    Ok(text)
}

/// A paragraph outside tables, or a table row's cells.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Paragraph(String),
    Row(Vec<String>),
}

/// The paragraphs and table rows of a `WordprocessingML` part, in order.
fn pieces(xml: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let (mut paragraph, mut cell) = (String::new(), None::<String>);
    let mut row: Option<Vec<String>> = None;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('>') else { break };
        let tag = &after[..close];
        rest = &after[close + 1..];
        let name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        let closing = tag.starts_with('/');
        let empty = tag.ends_with('/');
        match (name, closing) {
            ("w:t", false) if !empty => {
                let end = rest.find("</w:t>").unwrap_or(rest.len());
                paragraph.push_str(&unescape(&rest[..end]));
                rest = &rest[end..];
            }
            ("w:tab", false) => paragraph.push('\t'),
            ("w:p", true) => {
                let text = std::mem::take(&mut paragraph);
                match cell.as_mut() {
                    Some(c) => {
                        if !c.is_empty() && !text.is_empty() {
                            c.push('\n');
                        }
                        c.push_str(&text);
                    }
                    None if !text.trim().is_empty() => out.push(Piece::Paragraph(text)),
                    None => {}
                }
            }
            ("w:tr", false) => row = Some(Vec::new()),
            ("w:tr", true) => out.extend(row.take().map(Piece::Row)),
            ("w:tc", false) => cell = Some(String::new()),
            ("w:tc", true) => {
                if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                    r.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

/// XML's five entities and character references.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let entity = &tail[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Labels for the pieces: a paragraph by its place and first words, a cell
/// by its row's name and its column's header (the table's first row).
fn label_pieces(pieces: Vec<Piece>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut header: Vec<String> = Vec::new();
    let mut in_table = false;
    let mut paragraph = 0;
    for piece in pieces {
        match piece {
            Piece::Paragraph(text) => {
                in_table = false;
                paragraph += 1;
                items.push(Item {
                    label: format!("第 {paragraph} 段“{}”", head(&text, 16)),
                    text,
                });
            }
            Piece::Row(cells) => {
                if !in_table {
                    header.clone_from(&cells);
                    in_table = true;
                }
                for (col, text) in cells.iter().enumerate() {
                    let column = header.get(col).map_or("", String::as_str);
                    items.push(Item {
                        label: cell_label(&cells, col, column),
                        text: text.clone(),
                    });
                }
            }
        }
    }
    items
}

/// "财政拨款收入决算数 · 数值": the row's name (its last non-numeric text
/// among the first three cells left of `col`) and the column's header.
fn cell_label(cells: &[String], col: usize, column: &str) -> String {
    let row = cells
        .iter()
        .take(col.min(3))
        .rfind(|c| !c.trim().is_empty() && c.trim().parse::<f64>().is_err())
        .map_or("", String::as_str);
    match (row.is_empty(), column.is_empty()) {
        (true, _) => head(column, 30),
        (false, true) => head(row, 30),
        (false, false) => format!("{} · {}", head(row, 30), head(column, 20)),
    }
}

/// The first `n` characters, with … when cut.
fn head(text: &str, n: usize) -> String {
    let text = text.trim().replace('\n', " ");
    if text.chars().count() <= n {
        text
    } else {
        text.chars().take(n).chain(['…']).collect()
    }
}

/// Reads an xlsx's cells and its sheets' footers.
///
/// # Errors
/// When the bytes are no readable xlsx (or past the reader's bounds).
pub fn xlsx(bytes: &[u8]) -> Result<ReadBack, Bilingual> {
    let grids = read_spreadsheet_bytes(bytes, "xlsx").map_err(|e| e.describe("xlsx"))?;
    let mut items = Vec::new();
    for grid in &grids {
        let sheet = grid.sheet.as_deref().unwrap_or_default();
        let header = grid.rows.first().cloned().unwrap_or_default();
        for (r, row) in grid.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if text.is_empty() {
                    continue;
                }
                let place = format!(
                    "{sheet}!{}{}",
                    column_name(u32::try_from(c).unwrap_or(u32::MAX)),
                    r + 1
                );
                let name = cell_label(row, c, header.get(c).map_or("", String::as_str));
                items.push(Item {
                    label: format!("{place}（{name}）"),
                    text: text.clone(),
                });
            }
        }
    }
    Ok(ReadBack {
        items,
        stamp: xlsx_stamp(bytes),
    })
}

/// The stamp in the first sheet's footer (`<oddFooter>`), if any.
fn xlsx_stamp(bytes: &[u8]) -> Option<String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names = part_names(&archive, "xl/worksheets/");
    names.iter().find_map(|name| {
        let entry = archive.by_name(name).ok()?;
        let mut xml = String::new();
        entry
            .take(MAX_UNCOMPRESSED_BYTES)
            .read_to_string(&mut xml)
            .ok()?;
        let start = xml.find("<oddFooter>")? + "<oddFooter>".len();
        let end = xml[start..].find("</oddFooter>")? + start;
        find_stamp(&unescape(&xml[start..end]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_table_cells_come_back_in_order() {
        let xml = r#"<w:body><w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">概况 &amp; 说明</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>数值</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>财政拨款收入决算数</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>588.55</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:br w:type="page"/></w:r></w:p></w:body>"#;
        let items = label_pieces(pieces(xml));
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "一、概况 & 说明",
                "项目",
                "数值",
                "财政拨款收入决算数",
                "588.55"
            ]
        );
        assert_eq!(items[4].label, "财政拨款收入决算数 · 数值");
        assert_eq!(unescape("&#x4E00;&#20108;&bogus;"), "一二&bogus;");
    }
}

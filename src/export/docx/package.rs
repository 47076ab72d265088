//! What docx-rs cannot say, written into the package after it: the
//! document's properties (title, the unit as author, the report's date; the
//! core has no clock, so no date when none was typed), header rows repeated
//! on every page (`w:tblHeader`), and the fallbacks of the official faces
//! for machines without them (`w:altName`).

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};

use super::stream::{Streamed, write_document};

/// Text as XML character data: markup escaped, characters XML cannot hold
/// left out (the one rule of `escape::xml`).
fn xml_escape(text: &str) -> String {
    let allowed = crate::escape::xml(text);
    let mut out = String::with_capacity(allowed.len());
    for c in allowed.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Header rows are built with this row height (twips, "at least": no visible
/// effect) so the package step can find them and mark them `w:tblHeader`.
pub const HEADER_ROW_MARK: f32 = 7.0;
const HEADER_ROW_XML: &str = r#"<w:trHeight w:val="7" w:hRule="atLeast" />"#;

/// The faces the report names and what to use where they are missing.
const FALLBACKS: [(&str, &str); 4] = [
    ("方正小标宋简体", "宋体"),
    ("楷体_GB2312", "楷体"),
    ("仿宋_GB2312", "仿宋"),
    ("黑体", "SimHei"),
];

/// The document's own properties.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Properties {
    pub title: String,
    pub author: String,
    /// `YYYY-MM-DD` from the report date, when one was typed and reads as a date.
    pub date: Option<String>,
}

/// `2024年3月15日`, `2024-03-15`, `2024.3.15` → `2024-03-15`.
#[must_use]
pub fn iso_date(typed: &str) -> Option<String> {
    let numbers: Vec<u32> = typed
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    let [y, m, d] = numbers.as_slice() else {
        return None;
    };
    ((1900..=2200).contains(y) && (1..=12).contains(m) && (1..=31).contains(d))
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

fn core_xml(props: &Properties) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    let _ = write!(xml, "<dc:title>{}</dc:title>", xml_escape(&props.title));
    let _ = write!(
        xml,
        "<dc:creator>{}</dc:creator>",
        xml_escape(&props.author)
    );
    let _ = write!(
        xml,
        "<cp:lastModifiedBy>{}</cp:lastModifiedBy><dc:language>zh-CN</dc:language><cp:revision>1</cp:revision>",
        xml_escape(&props.author)
    );
    if let Some(date) = &props.date {
        let _ = write!(
            xml,
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}T00:00:00Z</dcterms:modified>"#
        );
    }
    xml.push_str("</cp:coreProperties>");
    xml
}

/// A table row's XML, marked to repeat on every page when it is a header row.
pub(super) fn with_header_rows(row: &str) -> std::borrow::Cow<'_, str> {
    if row.contains(HEADER_ROW_XML) {
        row.replace(HEADER_ROW_XML, &format!("<w:tblHeader />{HEADER_ROW_XML}"))
            .into()
    } else {
        row.into()
    }
}

fn with_fallbacks(font_table: &str) -> String {
    let Some(end) = font_table.rfind("</w:fonts>") else {
        return font_table.to_owned();
    };
    let mut fonts = String::new();
    for (name, alt) in FALLBACKS {
        let _ = write!(
            fonts,
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}" /><w:charset w:val="86" /><w:family w:val="auto" /></w:font>"#
        );
    }
    format!("{}{fonts}{}", &font_table[..end], &font_table[end..])
}

/// The package again, every part deflated (docx-rs stores them
/// uncompressed, ten times the size), with the parts above rewritten and
/// the body's paragraphs and tables written where their placeholders stand.
///
/// # Errors
/// When the package cannot be read or written.
pub fn finish(
    stored: &[u8],
    props: &Properties,
    mut parts: Vec<Streamed<'_>>,
) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for index in 0..archive.len() {
        let mut part = archive.by_index(index)?;
        if part.is_dir() {
            continue;
        }
        let name = part.name()?.into_owned();
        out.start_file(name.as_str(), options)?;
        if name == "word/document.xml" {
            let mut text = String::new();
            part.read_to_string(&mut text)?;
            write_document(&text, std::mem::take(&mut parts), &mut out)?;
            continue;
        }
        let rewrite: Option<fn(&str, &Properties) -> String> = match name.as_str() {
            "docProps/core.xml" => Some(|_, p| core_xml(p)),
            "word/fontTable.xml" => Some(|x, _| with_fallbacks(x)),
            _ => None,
        };
        match rewrite {
            Some(rewrite) => {
                let mut text = String::new();
                part.read_to_string(&mut text)?;
                out.write_all(rewrite(&text, props).as_bytes())?;
            }
            None => {
                std::io::copy(&mut part, &mut out)?;
            }
        }
    }
    Ok(out.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_officers_type_them() {
        assert_eq!(iso_date("2024年3月15日").as_deref(), Some("2024-03-15"));
        assert_eq!(iso_date("2024-03-05").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("2024.3.5").as_deref(), Some("2024-03-05"));
        assert_eq!(iso_date("三月"), None);
        assert_eq!(iso_date("2024年13月1日"), None);
    }

    #[test]
    fn properties_are_escaped() {
        let xml = core_xml(&Properties {
            title: "A&B<报告>".into(),
            author: "某局".into(),
            date: None,
        });
        assert!(xml.contains("<dc:title>A&amp;B&lt;报告&gt;</dc:title>"));
        assert!(!xml.contains("1970"));
    }
}

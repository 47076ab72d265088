//! The report's body written into `word/document.xml` a paragraph or a
//! table row at a time. docx-rs holds a document as values (kilobytes per
//! cell) and writes it as one string: a workbook of 100,000 indicators took
//! 3 GB and 20 s. The document keeps a placeholder paragraph per block; the
//! package step writes the block there, building and dropping one paragraph
//! or row at a time.

use std::io::{self, Write};

use docx_rs::{BuildXML, Paragraph, Run, Table, TableRow};

use super::package::with_header_rows;

/// Marks a placeholder's text. XML forbids U+0001 and every text of the
/// report reaches Word through `escape::xml`, so no text can forge one.
const MARK: char = '\u{1}';
const MARK_LEN: usize = MARK.len_utf8();

/// Paragraphs, a table or a run of blocks, built only when written.
pub enum Streamed<'a> {
    Paragraphs(Box<dyn Iterator<Item = Paragraph> + 'a>),
    Table {
        /// Properties and grid, no rows.
        frame: Box<Table>,
        rows: Box<dyn Iterator<Item = TableRow> + 'a>,
    },
    Sequence(Vec<Streamed<'a>>),
}

impl<'a> Streamed<'a> {
    pub fn paragraphs(paragraphs: impl Iterator<Item = Paragraph> + 'a) -> Self {
        Self::Paragraphs(Box::new(paragraphs))
    }

    /// One paragraph, made when it is written.
    pub fn paragraph(make: impl FnOnce() -> Paragraph + 'a) -> Self {
        Self::paragraphs(std::iter::once_with(make))
    }

    pub fn table(frame: Table, rows: impl Iterator<Item = TableRow> + 'a) -> Self {
        Self::Table {
            frame: Box::new(frame),
            rows: Box::new(rows),
        }
    }

    fn write(self, out: &mut Fragments<'_>) -> io::Result<()> {
        match self {
            Self::Paragraphs(paragraphs) => {
                for p in paragraphs {
                    out.write(&p.build())?;
                }
                Ok(())
            }
            Self::Table { frame, rows } => write_table(&frame, rows, out),
            Self::Sequence(parts) => parts.into_iter().try_for_each(|part| part.write(out)),
        }
    }
}

fn write_table(
    frame: &Table,
    rows: Box<dyn Iterator<Item = TableRow> + '_>,
    out: &mut Fragments<'_>,
) -> io::Result<()> {
    let frame = frame.build();
    let close = frame
        .windows(8)
        .rposition(|w| w == b"</w:tbl>")
        .ok_or_else(|| io::Error::other("docx-rs wrote a table without </w:tbl>"))?;
    out.write(&frame[..close])?;
    for row in rows {
        out.write(&row.build())?;
    }
    out.write(&frame[close..])
}

/// Where the streamed XML goes. docx-rs numbers paragraphs (`w14:paraId`)
/// from 1 again when it builds the document, so what is built afterwards is
/// numbered here, from far above what the document itself uses; header rows
/// are marked to repeat.
struct Fragments<'w> {
    out: &'w mut dyn Write,
    next_id: u32,
}

/// The first id of what is streamed: "4a0…" holds no run of seven digits,
/// so an id never reads as a figure (tests count figures in the XML).
const FIRST_ID: u32 = 0x4a00_0000;

const PARA_ID: &str = "w14:paraId=\"";

impl Fragments<'_> {
    fn write(&mut self, xml: &[u8]) -> io::Result<()> {
        let xml = std::str::from_utf8(xml).map_err(io::Error::other)?;
        let xml = with_header_rows(xml);
        let mut rest: &str = &xml;
        while let Some(at) = rest.find(PARA_ID) {
            let id_at = at + PARA_ID.len();
            let id_end = id_at + rest[id_at..].find('"').unwrap_or(0);
            self.out.write_all(&rest.as_bytes()[..id_at])?;
            write!(self.out, "{:08x}", self.next_id)?;
            self.next_id += 1;
            rest = &rest[id_end..];
        }
        self.out.write_all(rest.as_bytes())
    }
}

/// The paragraph standing for part `index` until the package is written.
pub fn placeholder(index: usize) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(format!("{MARK}{index}{MARK}")))
}

/// `document` with each placeholder paragraph replaced by its part.
pub fn write_document(
    document: &str,
    parts: Vec<Streamed<'_>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut parts: Vec<Option<Streamed<'_>>> = parts.into_iter().map(Some).collect();
    let mut fragments = Fragments {
        out,
        next_id: FIRST_ID,
    };
    let broken = || io::Error::other("a table's placeholder is not where it was put");
    let mut rest = document;
    while let Some(open) = rest.find(MARK) {
        let after = &rest[open + MARK_LEN..];
        let close = open + MARK_LEN + after.find(MARK).ok_or_else(broken)?;
        let index: usize = rest[open + MARK_LEN..close].parse().map_err(|_| broken())?;
        // The paragraph around the mark: `<w:p ` or `<w:p>` before it (not
        // `<w:pPr>`), `</w:p>` after it.
        let start = ["<w:p ", "<w:p>"]
            .iter()
            .filter_map(|tag| rest[..open].rfind(tag))
            .max()
            .ok_or_else(broken)?;
        let end = close + rest[close..].find("</w:p>").ok_or_else(broken)? + "</w:p>".len();
        fragments.out.write_all(&rest.as_bytes()[..start])?;
        let part = parts
            .get_mut(index)
            .and_then(Option::take)
            .ok_or_else(broken)?;
        part.write(&mut fragments)?;
        rest = &rest[end..];
    }
    fragments.out.write_all(rest.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{Paragraph, TableCell};

    fn table(cells: &[&str]) -> Streamed<'static> {
        let rows: Vec<TableRow> = cells
            .iter()
            .map(|t| {
                TableRow::new(vec![
                    TableCell::new()
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*t))),
                ])
            })
            .collect();
        Streamed::table(Table::new(vec![]).set_grid(vec![100]), rows.into_iter())
    }

    #[test]
    fn a_streamed_table_is_the_table_docx_rs_writes() {
        let whole =
            Table::new(vec![TableRow::new(vec![TableCell::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("甲")),
            )])])
            .set_grid(vec![100]);
        let mut out = Vec::new();
        let body = String::from_utf8(placeholder(0).build()).expect("utf-8");
        write_document(&body, vec![table(&["甲"])], &mut out).expect("written");
        // Paragraph ids are numbered apart; the rest is equal.
        let strip = |xml: &str| {
            let mut s = String::new();
            let mut rest = xml;
            while let Some(at) = rest.find("w14:paraId=\"") {
                s.push_str(&rest[..at]);
                let tail = &rest[at + 12..];
                rest = &tail[tail.find('"').map_or(0, |e| e + 1)..];
            }
            s + rest
        };
        assert_eq!(
            strip(&String::from_utf8(out).expect("utf-8")),
            strip(&String::from_utf8(whole.build()).expect("utf-8"))
        );
    }

    #[test]
    fn placeholders_become_their_tables_in_order() {
        let body = format!(
            "<w:body><w:p><w:r><w:t>before</w:t></w:r></w:p>{}<w:p w14:paraId=\"1\"><w:pPr /></w:p>{}</w:body>",
            String::from_utf8(placeholder(1).build()).expect("utf-8"),
            String::from_utf8(placeholder(0).build()).expect("utf-8"),
        );
        let mut out = Vec::new();
        write_document(&body, vec![table(&["zero"]), table(&["one"])], &mut out).expect("written");
        let xml = String::from_utf8(out).expect("utf-8");
        assert!(!xml.contains(MARK));
        let one = xml.find("one").expect("table 1");
        let zero = xml.find("zero").expect("table 0");
        assert!(xml.find("before").expect("text") < one && one < zero);
        assert_eq!(xml.matches("<w:tbl>").count(), 2);
        assert!(xml.ends_with("</w:tbl></w:body>"), "{xml}");
    }

    #[test]
    fn streamed_paragraphs_are_numbered_apart_from_the_document() {
        let body = String::from_utf8(placeholder(0).build()).expect("utf-8");
        let mut out = Vec::new();
        write_document(&body, vec![table(&["a", "b"])], &mut out).expect("written");
        let xml = String::from_utf8(out).expect("utf-8");
        assert!(xml.contains("w14:paraId=\"4a000000\""), "{xml}");
        assert!(xml.contains("w14:paraId=\"4a000001\""), "{xml}");
    }

    #[test]
    fn a_placeholder_without_its_table_is_an_error() {
        let body = String::from_utf8(placeholder(3).build()).expect("utf-8");
        assert!(write_document(&body, vec![table(&["x"])], &mut Vec::new()).is_err());
    }
}

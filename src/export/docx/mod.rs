//! The report as a Word document: the blocks of [`super::report`] on A4 in the
//! fonts and sizes of Chinese official documents (GB/T 9704): the title in
//! 小标宋 二号, body in 仿宋 三号 with a two-character first-line indent and a
//! fixed 28-point line, 一、 headings in 黑体, （一） headings in 楷体, tables
//! in 仿宋 五号 with the scoring table's level cells merged.

mod score_table;
mod style;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, Table, TableCell,
    TableRow,
};

use super::ExportError;
use super::report::{Block, ReportOptions, blocks};
use super::rows::tr;
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::text::width;
use style::{Font, body, cell_paragraph, text_run};

/// A4 in twentieths of a point.
const A4_WIDTH: u32 = 11_906;
const A4_HEIGHT: u32 = 16_838;
/// GB/T 9704 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
const MARGIN_TOP: i32 = 2_098;
const MARGIN_BOTTOM: i32 = 1_984;
const MARGIN_LEFT: i32 = 1_587;
const MARGIN_RIGHT: i32 = 1_474;
/// The width tables can use.
const TEXT_WIDTH: usize = (A4_WIDTH as usize) - 1_587 - 1_474;

/// The report as the bytes of a .docx file.
///
/// # Errors
/// When the document cannot be packed.
pub fn to_bytes(
    wb: &Workbook,
    derived: &Derived,
    lang: Lang,
    options: ReportOptions,
) -> Result<Vec<u8>, ExportError> {
    blocks_to_bytes(&blocks(wb, derived, lang, options), lang)
}

/// Any blocks (the report, the reviewer's send-back letter) as .docx bytes.
///
/// # Errors
/// When the document cannot be packed.
pub fn blocks_to_bytes(blocks: &[Block], lang: Lang) -> Result<Vec<u8>, ExportError> {
    let doc = render(blocks, lang);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    deflated(&bytes.into_inner()).map_err(|e| ExportError::Docx(e.to_string()))
}

/// The package again with every part deflated: docx-rs stores them
/// uncompressed, which makes the sample's report ten times the size.
fn deflated(stored: &[u8]) -> zip::result::ZipResult<Vec<u8>> {
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
        out.start_file(name, options)?;
        std::io::copy(&mut part, &mut out)?;
    }
    Ok(out.finish()?.into_inner())
}

/// Lays the blocks out on A4.
#[must_use]
pub fn render(blocks: &[Block], lang: Lang) -> Docx {
    let mut doc = Docx::new()
        .page_size(A4_WIDTH, A4_HEIGHT)
        .page_margin(PageMargin {
            top: MARGIN_TOP,
            left: MARGIN_LEFT,
            bottom: MARGIN_BOTTOM,
            right: MARGIN_RIGHT,
            header: 851,
            footer: 992,
            gutter: 0,
        })
        .footer(page_number_footer())
        .default_fonts(Font::Fangsong.fonts())
        .default_size(style::SIZE_3);
    for block in blocks {
        doc = match block {
            Block::Title(text) => doc.add_paragraph(style::title(text)),
            Block::Heading { level, text } => doc.add_paragraph(style::heading(*level, text)),
            Block::Paragraph(text) => doc.add_paragraph(body(text, false)),
            Block::Strong(text) => doc.add_paragraph(body(text, true)),
            Block::Bullets(items) => items
                .iter()
                .fold(doc, |doc, item| doc.add_paragraph(body(item, false))),
            Block::Table { header, rows } => doc.add_table(plain_table(header, rows)),
            Block::ScoreTable(scores) => doc.add_table(score_table::table(scores, lang)),
            Block::Signature { unit } => signature(doc, unit, lang),
            Block::PageBreak => {
                doc.add_paragraph(Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
            }
        };
    }
    doc
}

/// "— 3 —" centred at the foot of every page, as official documents number them.
fn page_number_footer() -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text_run("— ", Font::Fangsong, style::SIZE_4))
            .add_page_num(PageNum::new())
            .add_run(text_run(" —", Font::Fangsong, style::SIZE_4))
            .size(style::SIZE_4),
    )
}

/// A table whose columns share the width; columns empty in every row are left out.
fn plain_table(header: &[String], rows: &[Vec<String>]) -> Table {
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
        .collect();
    let grid = column_widths(header, rows, &keep);
    let head = TableRow::new(
        keep.iter()
            .map(|&c| TableCell::new().add_paragraph(cell_paragraph(&header[c], true)))
            .collect(),
    );
    let body_rows = rows.iter().map(|row| {
        TableRow::new(
            keep.iter()
                .map(|&c| {
                    let text = row.get(c).map(String::as_str).unwrap_or_default();
                    TableCell::new().add_paragraph(cell_paragraph(text, false))
                })
                .collect(),
        )
    });
    Table::new(std::iter::once(head).chain(body_rows).collect()).set_grid(grid)
}

/// Column widths in proportion to their longest text (CJK counts double),
/// each between 8 and 28 columns of text, filling the text width.
fn column_widths(header: &[String], rows: &[Vec<String>], keep: &[usize]) -> Vec<usize> {
    let text_widths: Vec<usize> = keep
        .iter()
        .map(|&c| {
            let longest = rows
                .iter()
                .filter_map(|r| r.get(c))
                .chain(header.get(c))
                .map(|t| width(t))
                .max()
                .unwrap_or(0);
            longest.clamp(8, 28)
        })
        .collect();
    let total: usize = text_widths.iter().sum::<usize>().max(1);
    text_widths.iter().map(|w| TEXT_WIDTH * w / total).collect()
}

/// The unit's name and a date line for the hand, right-aligned after 四.
fn signature(doc: Docx, unit: &str, lang: Lang) -> Docx {
    let date = tr(lang, "年　　月　　日", "Date: ____________");
    // The name and the date stay on one page.
    let line = |text: &str| {
        Paragraph::new()
            .add_run(text_run(text, Font::Fangsong, style::SIZE_3))
            .align(AlignmentType::Right)
            .line_spacing(style::fixed_line())
            .keep_next(true)
    };
    doc.add_paragraph(Paragraph::new().keep_next(true))
        .add_paragraph(line(unit))
        .add_paragraph(line(date).keep_next(false))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    #[test]
    fn packs_a_zip_with_the_document_part() {
        let wb = sample_workbook();
        let bytes =
            to_bytes(&wb, &derive(&wb), Lang::Zh, ReportOptions::default()).expect("docx bytes");
        assert!(bytes.starts_with(b"PK"));
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut archive.by_name("word/document.xml").expect("document part"),
            &mut xml,
        )
        .expect("utf-8");
        assert!(xml.contains("中共湛江市霞山区委办公室"));
        assert!(
            xml.contains("w:vMerge"),
            "the score table merges its level cells"
        );
        assert!(xml.contains("仿宋"));
        assert!(xml.contains("w:w=\"11906\""), "A4 width");
    }
}

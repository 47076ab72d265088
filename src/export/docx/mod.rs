//! The report as a Word document: the blocks of [`super::report`] on A4 in the
//! fonts and sizes of Chinese official documents (GB/T 9704): the title in
//! 小标宋 二号, body in 仿宋 三号 with a two-character first-line indent and a
//! fixed 28-point line, 一、 headings in 黑体, （一） headings in 楷体, tables
//! in 仿宋 五号 with the scoring table's level cells merged.

mod columns;
mod package;
mod score_table;
mod stream;
mod style;

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, PageMargin, PageNum, PageOrientationType, PageSize,
    Paragraph, Run, Section, Table, TableCell, TableRow, VAlignType,
};
use stream::{Streamed, placeholder};

use super::ExportError;
use super::report::{Block, ReportOptions, blocks};
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::i18n::Tr;
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
/// The width tables can use on a landscape page (the same side margins).
const LANDSCAPE_TEXT_WIDTH: usize = (A4_HEIGHT as usize) - 1_587 - 1_474;

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
    blocks_to_bytes_stamped(blocks, lang, None)
}

/// As [`blocks_to_bytes`], with the workbook's content stamp printed under
/// the page number of every page (the published copies: `jixiao publish`).
///
/// # Errors
/// When the document cannot be packed.
pub fn blocks_to_bytes_stamped(
    blocks: &[Block],
    lang: Lang,
    stamp: Option<&str>,
) -> Result<Vec<u8>, ExportError> {
    let (doc, parts) = render(blocks, lang, stamp);
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut bytes)
        .map_err(|e| ExportError::Docx(e.to_string()))?;
    package::finish(&bytes.into_inner(), &properties(blocks), parts)
        .map_err(|e| ExportError::Docx(e.to_string()))
}

/// The document's properties from its blocks: the title, the signing unit
/// as author, the date under the signature.
fn properties(blocks: &[Block]) -> package::Properties {
    let mut props = package::Properties::default();
    for block in blocks {
        match block {
            Block::Title(text) if props.title.is_empty() => props.title.clone_from(text),
            Block::Signature { unit, date } => {
                props.author.clone_from(unit);
                props.date = package::iso_date(date);
            }
            _ => {}
        }
    }
    props
}

fn margins() -> PageMargin {
    PageMargin {
        top: MARGIN_TOP,
        left: MARGIN_LEFT,
        bottom: MARGIN_BOTTOM,
        right: MARGIN_RIGHT,
        header: 851,
        footer: 992,
        gutter: 0,
    }
}

/// Where the landscape pages start: the heading over the first table too
/// wide for a portrait page (the workload appendix with its figures).
fn landscape_from(blocks: &[Block]) -> Option<usize> {
    let wide = blocks.iter().position(|b| match b {
        Block::Table { header, rows } => {
            let cells = table_columns(header, rows);
            columns::widths(&cells, TEXT_WIDTH).is_none()
        }
        _ => false,
    })?;
    Some(match wide.checked_sub(1).map(|i| &blocks[i]) {
        Some(Block::Heading { .. }) => wide - 1,
        _ => wide,
    })
}

/// Lays the blocks out on A4: portrait, and landscape from the first table
/// too wide for it (its own section, so the page numbers run on). The
/// document holds a placeholder per section; the blocks' paragraphs and
/// tables are written into the package there one at a time (a table row by
/// row), so a workbook of any size is never one tree or one string.
fn render<'a>(blocks: &'a [Block], lang: Lang, stamp: Option<&str>) -> (Docx, Vec<Streamed<'a>>) {
    let footer = || page_number_footer(stamp, lang);
    let turn_at = landscape_from(blocks);
    let mut portrait = Vec::new();
    let mut landscape = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let turned = turn_at.is_some_and(|at| index >= at);
        // The section break starts a page of its own.
        if matches!(block, Block::PageBreak) && turn_at == Some(index + 1) {
            continue;
        }
        if turned {
            landscape.push(block_part(block, lang, LANDSCAPE_TEXT_WIDTH));
        } else {
            portrait.push(block_part(block, lang, TEXT_WIDTH));
        }
    }
    let mut doc = Docx::new()
        .default_fonts(Font::Fangsong.fonts())
        .default_size(style::SIZE_3);
    for s in style::heading_styles() {
        doc = doc.add_style(s);
    }
    let portrait = Streamed::Sequence(portrait);
    if landscape.is_empty() {
        doc = doc
            .page_size(A4_WIDTH, A4_HEIGHT)
            .page_margin(margins())
            .footer(footer())
            .add_paragraph(placeholder(0));
        return (doc, vec![portrait]);
    }
    let section = Section::new()
        .page_size(PageSize::new().size(A4_WIDTH, A4_HEIGHT))
        .page_margin(margins())
        .footer(footer())
        .add_paragraph(placeholder(0));
    let doc = doc
        .add_section(section)
        .page_size(A4_HEIGHT, A4_WIDTH)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(margins())
        .footer(footer())
        .add_paragraph(placeholder(1));
    (doc, vec![portrait, Streamed::Sequence(landscape)])
}

/// A block's paragraphs or table, built as they are written.
fn block_part(block: &Block, lang: Lang, width: usize) -> Streamed<'_> {
    match block {
        Block::Title(text) => Streamed::paragraph(|| style::title(text)),
        Block::Heading { level, text } => Streamed::paragraph(|| style::heading(*level, text)),
        Block::Paragraph(text) => Streamed::paragraph(|| body(text, false)),
        Block::Strong(text) => Streamed::paragraph(|| body(text, true)),
        Block::Bullets(items) => Streamed::paragraphs(items.iter().map(|item| body(item, false))),
        Block::Table { header, rows } => plain_table(header, rows, width),
        Block::ScoreTable(scores) => score_table::table(scores, lang),
        Block::Signature { unit, date } => Streamed::paragraphs(
            std::iter::once_with(move || signature(unit, date, lang)).flatten(),
        ),
        Block::PageBreak => {
            Streamed::paragraph(|| Paragraph::new().add_run(Run::new().add_break(BreakType::Page)))
        }
    }
}

/// "— 3 —" centred at the foot of every page, as official documents number
/// them; under it, small, the content stamp of a published copy.
fn page_number_footer(stamp: Option<&str>, lang: Lang) -> Footer {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text_run("— ", Font::Fangsong, style::SIZE_4))
            .add_page_num(PageNum::new())
            .add_run(text_run(" —", Font::Fangsong, style::SIZE_4))
            .size(style::SIZE_4),
    );
    let Some(stamp) = stamp else { return footer };
    let text = match lang {
        Lang::Zh => format!(
            "{}：{stamp}（可用 jixiao verify 与报送的工作簿核对）",
            crate::core::stamp::LABEL_ZH
        ),
        Lang::En => format!(
            "{}: {stamp} (jixiao verify checks it against the filed workbook)",
            crate::core::stamp::LABEL_EN
        ),
    };
    footer.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(text_run(&text, Font::Fangsong, style::SIZE_5))
            .size(style::SIZE_5),
    )
}

/// The columns kept (some row has text in them), each as its header then its cells.
fn table_columns<'a>(header: &'a [String], rows: &'a [Vec<String>]) -> Vec<Vec<&'a str>> {
    (0..header.len())
        .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
        .map(|c| {
            std::iter::once(header[c].as_str())
                .chain(
                    rows.iter()
                        .map(|r| r.get(c).map(String::as_str).unwrap_or_default()),
                )
                .collect()
        })
        .collect()
}

/// A table on `available` width: columns empty in every row are left out,
/// figures right-aligned on one line, every cell centred vertically, rows
/// never split across pages, the header row repeated on every page.
fn plain_table<'a>(
    header: &'a [String],
    rows: &'a [Vec<String>],
    available: usize,
) -> Streamed<'a> {
    let columns = table_columns(header, rows);
    let grid = columns::widths(&columns, available).unwrap_or_else(|| {
        // Even the landscape page is too narrow: share the width evenly.
        vec![available / columns.len().max(1); columns.len()]
    });
    let figures: Vec<bool> = columns
        .iter()
        .map(|cells| columns::is_figure_column(cells.get(1..).unwrap_or_default()))
        .collect();
    let head = TableRow::new(
        columns
            .iter()
            .map(|cells| plain_cell(cells[0], true, false))
            .collect(),
    )
    .cant_split()
    .row_height(package::HEADER_ROW_MARK);
    let body_rows = (1..=rows.len()).map(move |r| {
        TableRow::new(
            columns
                .iter()
                .zip(&figures)
                .map(|(cells, &figure)| plain_cell(cells[r], false, figure))
                .collect(),
        )
        .cant_split()
    });
    Streamed::table(
        Table::new(vec![]).set_grid(grid),
        std::iter::once(head).chain(body_rows),
    )
}

fn plain_cell(text: &str, header: bool, figure: bool) -> TableCell {
    let p = cell_paragraph(text, header);
    TableCell::new()
        .add_paragraph(if figure && !header {
            p.align(AlignmentType::Right)
        } else {
            p
        })
        .vertical_align(VAlignType::Center)
}

/// The unit's name and the report date (a line for the hand when none is
/// given), right-aligned after 四.
fn signature(unit: &str, date: &str, lang: Lang) -> Vec<Paragraph> {
    let date = if date.is_empty() {
        Tr("年　　月　　日", "Date: ____________").get(lang)
    } else {
        date
    };
    // The name and the date stay on one page.
    let line = |text: &str| {
        Paragraph::new()
            .add_run(text_run(text, Font::Fangsong, style::SIZE_3))
            .align(AlignmentType::Right)
            .line_spacing(style::fixed_line())
            .keep_next(true)
    };
    vec![
        Paragraph::new().keep_next(true),
        line(unit),
        line(date).keep_next(false),
    ]
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
        let ids: Vec<&str> = xml
            .match_indices("w14:paraId=\"")
            .map(|(at, _)| &xml[at..at + 20])
            .collect();
        let unique: std::collections::HashSet<&&str> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "every paragraph id once");
    }
}

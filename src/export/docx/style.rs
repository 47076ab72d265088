//! Fonts, sizes and paragraph shapes of GB/T 9704.

use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, Paragraph, Run, RunFonts, SpecialIndentType,
    Style, StyleType,
};

/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt.
pub const SIZE_2: usize = 44;
pub const SIZE_3: usize = 32;
pub const SIZE_4: usize = 28;
pub const SIZE_5: usize = 21;

/// The typefaces of official documents, with the fallbacks a Windows machine has.
#[derive(Debug, Clone, Copy)]
pub enum Font {
    XiaoBiaoSong,
    Heiti,
    Kaiti,
    Fangsong,
}

impl Font {
    fn name(self) -> &'static str {
        match self {
            Self::XiaoBiaoSong => "方正小标宋简体",
            Self::Heiti => "黑体",
            Self::Kaiti => "楷体_GB2312",
            Self::Fangsong => "仿宋_GB2312",
        }
    }

    /// East Asian text in the Chinese face; Latin letters and digits in Times New Roman.
    pub fn fonts(self) -> RunFonts {
        RunFonts::new()
            .east_asia(self.name())
            .ascii("Times New Roman")
            .hi_ansi("Times New Roman")
    }
}

/// The fixed 28-point line of official documents.
pub fn fixed_line() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(560)
}

/// Every text of the report and the letters goes through here: characters
/// XML forbids (a vertical tab from Word, ESC, NUL) would make the file one
/// Word cannot open.
pub fn text_run(text: &str, font: Font, size: usize) -> Run {
    Run::new()
        .add_text(crate::escape::xml(text))
        .fonts(font.fonts())
        .size(size)
}

/// Word's own title and heading styles (标题, 标题 1/2/3 in a Chinese Word),
/// in the faces of GB/T 9704, so the navigation pane and a table of contents
/// find the headings. The paragraphs also carry the look directly, for
/// programs that ignore styles.
pub fn heading_styles() -> Vec<Style> {
    let style = |id: &str, name: &str, font: Font, size: usize, level: Option<usize>| {
        let s = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(font.fonts())
            .size(size);
        match level {
            Some(l) => s.outline_lvl(l),
            None => s,
        }
    };
    vec![
        style("Title", "Title", Font::XiaoBiaoSong, SIZE_2, None),
        style("Heading1", "heading 1", Font::Heiti, SIZE_3, Some(0)),
        style("Heading2", "heading 2", Font::Kaiti, SIZE_3, Some(1)),
        style("Heading3", "heading 3", Font::Fangsong, SIZE_3, Some(2)).bold(),
    ]
}

pub fn title(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Title")
        .add_run(text_run(text, Font::XiaoBiaoSong, SIZE_2))
        .align(AlignmentType::Center)
        .line_spacing(LineSpacing::new().after(312))
}

/// 一、 in 黑体, （一） in 楷体, 1. in 仿宋 bold; all 三号 with the body's indent.
pub fn heading(level: usize, text: &str) -> Paragraph {
    let run = match level {
        1 => text_run(text, Font::Heiti, SIZE_3),
        2 => text_run(text, Font::Kaiti, SIZE_3),
        _ => text_run(text, Font::Fangsong, SIZE_3).bold(),
    };
    let style = format!("Heading{}", level.clamp(1, 3));
    Paragraph::new()
        .style(&style)
        .add_run(run)
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(fixed_line())
        .outline_lvl(level.saturating_sub(1))
        .keep_next(true)
}

/// A body paragraph: 仿宋 三号, justified, first line indented two characters.
pub fn body(text: &str, bold: bool) -> Paragraph {
    let run = text_run(text, Font::Fangsong, SIZE_3);
    Paragraph::new()
        .add_run(if bold { run.bold() } else { run })
        .align(AlignmentType::Both)
        .indent(None, Some(SpecialIndentType::FirstLine(640)), None, None)
        .line_spacing(fixed_line())
}

/// A table cell's text: 仿宋 五号, headers bold and centred.
pub fn cell_paragraph(text: &str, header: bool) -> Paragraph {
    let run = text_run(text, Font::Fangsong, SIZE_5);
    let p = Paragraph::new().add_run(if header { run.bold() } else { run });
    if header {
        p.align(AlignmentType::Center)
    } else {
        p
    }
}

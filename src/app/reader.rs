//! Reading the report text without editing it: every narrative section
//! (一 to 四) one after another, wrapped by display width, scrolled by line.
//! A read-only workbook (the reviewer's drill-in, a file opened read-only)
//! opens it with Enter on a section of the report-text pane, at that section.

use super::narrative::Section;
use super::{App, Mode};
use crate::core::Lang;
use crate::core::model::Narrative;
use crate::i18n::Tr;
use crate::text::{escape_controls, wrap};

pub const TITLE: Tr = Tr("报告正文（只读）", "Report text (read-only)");
pub const NOT_WRITTEN: Tr = Tr("（未填写）", "(not written)");

/// The reader's state: the first line shown, as a section and a line within
/// it, so that a resize (another wrap width) keeps the same section on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    pub section: Section,
    /// Lines below the section's heading.
    pub offset: usize,
}

impl Reader {
    /// The first line shown, in `lines`.
    #[must_use]
    pub fn scroll(self, lines: &[ReaderLine]) -> usize {
        heading_line(lines, self.section) + self.offset
    }

    /// The reader with line `scroll` of `lines` on top.
    #[must_use]
    pub fn at(lines: &[ReaderLine], scroll: usize) -> Self {
        let (section, heading) = lines
            .iter()
            .enumerate()
            .take(scroll + 1)
            .rev()
            .find_map(|(i, l)| match l {
                ReaderLine::Heading(s) => Some((*s, i)),
                _ => None,
            })
            .unwrap_or((Section::ALL[0], 0));
        Self {
            section,
            offset: scroll.saturating_sub(heading),
        }
    }
}

/// One line of the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderLine {
    Heading(Section),
    Text(String),
    /// A section with no text yet.
    Empty,
    Blank,
}

impl ReaderLine {
    /// The text drawn for this line.
    #[must_use]
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Self::Heading(s) => s.title().get(lang).to_owned(),
            Self::Text(t) => t.clone(),
            Self::Empty => NOT_WRITTEN.get(lang).to_owned(),
            Self::Blank => String::new(),
        }
    }
}

/// Every section's heading and its text wrapped at `cells` cells, a blank
/// line between sections. Control characters are shown escaped.
#[must_use]
pub fn lines(narrative: &Narrative, cells: usize) -> Vec<ReaderLine> {
    let mut out = Vec::new();
    for section in Section::ALL {
        if !out.is_empty() {
            out.push(ReaderLine::Blank);
        }
        out.push(ReaderLine::Heading(section));
        let text = section.get(narrative);
        if text.trim().is_empty() {
            out.push(ReaderLine::Empty);
            continue;
        }
        let safe = escape_controls(text, true).replace('\t', "    ");
        out.extend(wrap(&safe, cells).into_iter().map(ReaderLine::Text));
    }
    out
}

/// The line where `section`'s heading is.
#[must_use]
pub fn heading_line(lines: &[ReaderLine], section: Section) -> usize {
    lines
        .iter()
        .position(|l| *l == ReaderLine::Heading(section))
        .unwrap_or(0)
}

/// Text cells and lines inside the reader's frame at a terminal size.
#[must_use]
pub fn text_area(size: (u16, u16)) -> (usize, usize) {
    let body = crate::layout::body(ratatui::layout::Rect::new(0, 0, size.0, size.1));
    (
        usize::from(body.width.saturating_sub(2)),
        usize::from(body.height.saturating_sub(2)).max(1),
    )
}

/// The last first line that still fills the frame.
#[must_use]
pub fn max_scroll(line_count: usize, visible: usize) -> usize {
    line_count.saturating_sub(visible)
}

impl App {
    /// The reader's lines at the current terminal size.
    #[must_use]
    pub fn reader_lines(&self) -> Vec<ReaderLine> {
        lines(&self.workbook.narrative, text_area(self.size).0)
    }

    /// Opens the reader at `section`.
    pub(super) fn open_reader(&mut self, section: Section) {
        self.mode = Mode::Read(Reader { section, offset: 0 });
        self.status = None;
    }

    pub(super) fn update_reader(&mut self, action: &super::Action) {
        use super::Action;
        let all = self.reader_lines();
        let (_, visible) = text_area(self.size);
        let last = max_scroll(all.len(), visible);
        let Mode::Read(reader) = &mut self.mode else {
            return;
        };
        // Where the frame really starts (the end of the text stops it).
        let scroll = reader.scroll(&all).min(last);
        let page = visible.saturating_sub(1).max(1);
        let next = match action {
            Action::Up | Action::ScrollUp => scroll.saturating_sub(1),
            Action::Down | Action::ScrollDown => scroll + 1,
            Action::PageUp => scroll.saturating_sub(page),
            Action::PageDown => scroll + page,
            Action::Home => 0,
            Action::End => last,
            Action::Cancel | Action::Quit | Action::Activate | Action::Commit => {
                self.mode = Mode::Browse;
                return;
            }
            _ => scroll,
        };
        *reader = Reader::at(&all, next.min(last));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_has_its_heading_and_wrapped_text() {
        let mut narrative = Narrative::default();
        Section::Problems.set(
            &mut narrative,
            "一是预算编制不够精细，二是绩效目标不够明确。\n第二段",
        );
        let shown = lines(&narrative, 20);
        let headings = shown
            .iter()
            .filter(|l| matches!(l, ReaderLine::Heading(_)))
            .count();
        assert_eq!(headings, Section::ALL.len());
        let at = heading_line(&shown, Section::Problems);
        assert_eq!(
            shown[at + 1],
            ReaderLine::Text("一是预算编制不够精细".to_owned())
        );
        assert_eq!(
            shown[at + 2],
            ReaderLine::Text("，二是绩效目标不够明".to_owned())
        );
        assert_eq!(shown[at + 4], ReaderLine::Text("第二段".to_owned()));
        assert!(
            shown
                .iter()
                .all(|l| crate::text::width(&l.text(Lang::Zh)) <= 20
                    || matches!(l, ReaderLine::Heading(_)))
        );
        assert_eq!(
            shown[heading_line(&shown, Section::Other) + 1],
            ReaderLine::Empty
        );
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        let mut narrative = Narrative::default();
        Section::Functions.set(&mut narrative, "a\u{1b}[2Jb");
        let shown = lines(&narrative, 40);
        let text = shown[1].text(Lang::En);
        assert!(!text.contains('\u{1b}'), "{text}");
    }

    #[test]
    fn the_top_line_is_kept_as_a_section_and_an_offset() {
        let mut narrative = Narrative::default();
        Section::AnnualWork.set(&mut narrative, &"年度工作".repeat(20));
        let narrow = lines(&narrative, 10);
        let at = heading_line(&narrow, Section::AnnualWork);
        let reader = Reader::at(&narrow, at + 3);
        assert_eq!(
            reader,
            Reader {
                section: Section::AnnualWork,
                offset: 3
            }
        );
        assert_eq!(reader.scroll(&narrow), at + 3);
        // Wider: the same section stays on top.
        let wide = lines(&narrative, 40);
        let top = reader.scroll(&wide);
        assert_eq!(Reader::at(&wide, top).section, Section::AnnualWork);
        assert_eq!(
            Reader::at(&narrow, 0),
            Reader {
                section: Section::ALL[0],
                offset: 0
            }
        );
    }

    #[test]
    fn scrolling_stops_at_the_last_full_page() {
        assert_eq!(max_scroll(100, 30), 70);
        assert_eq!(max_scroll(10, 30), 0);
    }
}

//! A one-line editor on the bottom line: the label, then as much of the text
//! as fits, scrolled so the caret always shows ("…" marks what is cut off on
//! either side), then the error, if any. Shared by the workbench's editor and
//! reviewer mode's prompts, so a pre-filled 120-character comment can be
//! extended and every new character is seen.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

use crate::text::{truncate, width};

/// What a prompt line shows and where its caret goes.
pub struct PromptLine {
    pub line: Line<'static>,
    /// The caret's cell column from the line's start.
    pub caret: usize,
}

/// The styles of the three parts.
pub struct PromptStyles {
    pub label: Style,
    pub text: Style,
    pub error: Style,
}

/// The window of `chars` (`start..end`) that fits `room` cells with the caret
/// (before char `caret`) visible: two cells are kept after the caret (the
/// caret itself, a wide character or the "…"), one for a leading "…".
fn window(chars: &[char], caret: usize, room: usize) -> (usize, usize) {
    let w = |range: &[char]| -> usize { range.iter().map(|c| c.width().unwrap_or(0)).sum() };
    if w(chars) < room {
        return (0, chars.len());
    }
    let lead = |start: usize| usize::from(start > 0);
    let mut start = 0;
    while start < caret && lead(start) + w(&chars[start..caret]) + 2 > room {
        start += 1;
    }
    let mut end = caret;
    while end < chars.len() {
        let trail = usize::from(end + 1 < chars.len());
        if lead(start) + w(&chars[start..=end]) + trail > room {
            break;
        }
        end += 1;
    }
    (start, end)
}

/// The prompt line within `cells`: `label`, the visible part of `text` with
/// the caret before its `caret`-th character, then `error`.
#[must_use]
pub fn prompt_line(
    label: &str,
    text: &str,
    caret: usize,
    error: &str,
    cells: usize,
    styles: &PromptStyles,
) -> PromptLine {
    let label = truncate(label, cells / 2);
    let label_w = width(&label);
    // The error keeps at most a third of the line; the text the rest.
    let error = truncate(error, cells / 3);
    let room = cells.saturating_sub(label_w + width(&error)).max(2);
    let chars: Vec<char> = text.chars().collect();
    let caret = caret.min(chars.len());
    let (start, end) = window(&chars, caret, room);
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    let before: String = chars[start..caret].iter().collect();
    shown.push_str(&before);
    let caret_x = label_w + width(&shown);
    shown.extend(&chars[caret..end]);
    if end < chars.len() {
        shown.push('…');
    }
    PromptLine {
        line: Line::from(vec![
            Span::styled(label, styles.label),
            Span::styled(shown, styles.text),
            Span::styled(error, styles.error),
        ]),
        caret: caret_x,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain() -> PromptStyles {
        PromptStyles {
            label: Style::default(),
            text: Style::default(),
            error: Style::default(),
        }
    }

    fn shown(p: &PromptLine) -> String {
        p.line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn a_short_text_shows_whole_with_the_caret_after_it() {
        let p = prompt_line("意见: ", "同意", 2, "", 80, &plain());
        assert_eq!(shown(&p), "意见: 同意");
        assert_eq!(p.caret, 6 + 4);
    }

    #[test]
    fn a_long_text_scrolls_so_the_caret_and_new_text_show() {
        let text = "预算执行进度偏慢".repeat(15);
        let n = text.chars().count();
        let p = prompt_line("审核意见: ", &text, n, "", 80, &plain());
        let line = shown(&p);
        assert!(width(&line) <= 80, "{line}");
        assert!(line.starts_with("审核意见: …"), "{line}");
        assert!(
            line.ends_with("偏慢"),
            "the last characters typed show: {line}"
        );
        assert!(p.caret < 80 && p.caret >= 70, "{}", p.caret);
        // Typing one more character: it is on screen.
        let more = format!("{text}新");
        let p = prompt_line("审核意见: ", &more, n + 1, "", 80, &plain());
        assert!(shown(&p).ends_with('新'));
    }

    #[test]
    fn the_caret_at_the_start_of_a_long_text_shows_its_beginning() {
        let text = "一二三四五六七八九十".repeat(10);
        let p = prompt_line("意见: ", &text, 0, "", 40, &plain());
        let line = shown(&p);
        assert!(line.starts_with("意见: 一二三"), "{line}");
        assert!(line.ends_with('…'), "{line}");
        assert!(width(&line) <= 40, "{line}");
        assert_eq!(p.caret, 6);
        // In the middle: both ends marked, the caret inside the line.
        let p = prompt_line("意见: ", &text, 50, "", 40, &plain());
        let line = shown(&p);
        assert!(line.starts_with("意见: …") && line.ends_with('…'), "{line}");
        assert!(width(&line) <= 40 && p.caret < 40, "{line}");
    }

    #[test]
    fn an_error_keeps_its_place_after_the_text() {
        let text = "x".repeat(200);
        let p = prompt_line("分值: ", &text, 200, "  ⚠ 不是数字", 60, &plain());
        let line = shown(&p);
        assert!(line.ends_with("⚠ 不是数字"), "{line}");
        assert!(width(&line) <= 60, "{line}");
    }
}

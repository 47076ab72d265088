//! A multi-line text wrapped by display cells (Chinese has no spaces), and
//! where the caret falls in it: the line and the cell column.

use unicode_width::UnicodeWidthChar;

/// The wrapped lines of `text` at `cells` cells, and the caret's (line, cell)
/// for a caret before the `caret`-th character. Wraps exactly as
/// `text::wrap`, so what is drawn and where the cursor goes agree.
#[must_use]
pub fn wrap_with_caret(text: &str, caret: usize, cells: usize) -> (Vec<String>, (usize, usize)) {
    let cells = cells.max(2);
    let mut lines = vec![String::new()];
    let mut used = 0;
    let mut at = (0, 0);
    for (i, ch) in text.chars().enumerate() {
        let w = ch.width().unwrap_or(0);
        if ch != '\n' && used + w > cells {
            lines.push(String::new());
            used = 0;
        }
        if i == caret {
            at = (lines.len() - 1, used);
        }
        if ch == '\n' {
            lines.push(String::new());
            used = 0;
            continue;
        }
        if let Some(line) = lines.last_mut() {
            line.push(ch);
        }
        used += w;
    }
    if caret >= text.chars().count() {
        // After the last character: at the line's end, or on a fresh line when it is full.
        at = if used >= cells {
            lines.push(String::new());
            (lines.len() - 1, 0)
        } else {
            (lines.len() - 1, used)
        };
    }
    (lines, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{width, wrap};

    #[test]
    fn caret_on_chinese_text_counts_two_cells_per_character() {
        let text = "财政拨款收入预决算差异率";
        let (lines, at) = wrap_with_caret(text, 3, 10);
        assert_eq!(lines, wrap(text, 10));
        assert_eq!(at, (0, 6));
        // The 6th character starts the second line (5 characters fill 10 cells).
        assert_eq!(wrap_with_caret(text, 5, 10).1, (1, 0));
        assert_eq!(wrap_with_caret(text, 12, 10).1, (2, 4));
        assert!(lines.iter().all(|l| width(l) <= 10));
    }

    #[test]
    fn caret_after_a_newline_and_at_a_full_line() {
        let (lines, at) = wrap_with_caret("一是\n二是", 3, 20);
        assert_eq!(lines, vec!["一是", "二是"]);
        assert_eq!(at, (1, 0));
        assert_eq!(wrap_with_caret("一是\n", 3, 20).1, (1, 0));
        // A full last line: the caret goes to the start of the next one.
        let (lines, at) = wrap_with_caret("一二三四五", 5, 10);
        assert_eq!((lines.len(), at), (2, (1, 0)));
        // Mixed: ASCII is one cell.
        assert_eq!(wrap_with_caret("A3.1 差异", 6, 20).1, (0, 7));
    }
}

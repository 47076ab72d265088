//! Display-width helpers: every layout measures terminal cells, never bytes or chars.
//! Also Chinese numerals, for ordinals and names.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Terminal cells `text` occupies (CJK counts 2).
#[must_use]
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// Cuts `text` to at most `max` cells, ending with `…` when cut.
#[must_use]
pub fn truncate(text: &str, max: usize) -> String {
    cut(text, max, false)
}

/// Cuts `text` to at most `max` cells from the start, beginning with `…` when
/// cut, so a path keeps its file name.
#[must_use]
pub fn truncate_start(text: &str, max: usize) -> String {
    cut(text, max, true)
}

/// Cuts `text` to at most `max` cells from the middle: a third for its start,
/// the rest for its end. Unit names share their start (湛江市霞山区…) and
/// differ at the end, so names cut this way stay told apart.
#[must_use]
pub fn truncate_middle(text: &str, max: usize) -> String {
    if width(text) <= max || max < 4 {
        return truncate(text, max);
    }
    let head_room = max / 3;
    let mut used = 0;
    let head: String = text
        .chars()
        .take_while(|ch| {
            let w = ch.width().unwrap_or(0);
            let fits = used + w <= head_room;
            if fits {
                used += w;
            }
            fits
        })
        .collect();
    let tail_room = max - used - 1;
    let mut tail_used = 0;
    let mut tail: Vec<char> = text
        .chars()
        .rev()
        .take_while(|ch| {
            let w = ch.width().unwrap_or(0);
            let fits = tail_used + w <= tail_room;
            if fits {
                tail_used += w;
            }
            fits
        })
        .collect();
    tail.reverse();
    let tail: String = tail.into_iter().collect();
    format!("{head}…{tail}")
}

/// `text` within `max` cells: kept whole when it fits, else the end (or the
/// start) that fits beside `…`.
fn cut(text: &str, max: usize, keep_end: bool) -> String {
    if width(text) <= max {
        return text.to_owned();
    }
    if max == 0 {
        return String::new();
    }
    let mut used = 0;
    let mut fits = |ch: &char| {
        let w = ch.width().unwrap_or(0);
        let room = used + w < max;
        if room {
            used += w;
        }
        room
    };
    if keep_end {
        let kept: Vec<char> = text.chars().rev().take_while(&mut fits).collect();
        std::iter::once('…').chain(kept.into_iter().rev()).collect()
    } else {
        let mut out: String = text.chars().take_while(&mut fits).collect();
        out.push('…');
        out
    }
}

/// Pads (or truncates) `text` on the right to exactly `cells` cells.
#[must_use]
pub fn pad_right(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{cut}{}", " ".repeat(fill))
}

/// Pads (or truncates) `text` on the left to exactly `cells` cells.
#[must_use]
pub fn pad_left(text: &str, cells: usize) -> String {
    let cut = truncate(text, cells);
    let fill = cells.saturating_sub(width(&cut));
    format!("{}{cut}", " ".repeat(fill))
}

/// The byte index of the caret that sits `cells` cells into `text` (never inside a char).
#[must_use]
pub fn byte_at_cell(text: &str, cells: usize) -> usize {
    let mut used = 0;
    for (i, ch) in text.char_indices() {
        if used >= cells {
            return i;
        }
        used += ch.width().unwrap_or(0);
    }
    text.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn truncate_start_keeps_the_end() {
        assert_eq!(super::truncate_start("目录/文件.json", 9), "…件.json");
        assert_eq!(super::truncate_start("ab", 2), "ab");
    }

    use super::*;

    #[test]
    fn cjk_counts_double() {
        assert_eq!(width("支出完成率"), 10);
        assert_eq!(width("a支"), 3);
    }

    #[test]
    fn truncates_on_char_boundary_with_ellipsis() {
        assert_eq!(truncate("财政拨款收入预决算差异率", 9), "财政拨款…");
        assert_eq!(width(&truncate("财政拨款收入预决算差异率", 9)), 9);
        assert_eq!(truncate("财政", 4), "财政");
        assert_eq!(truncate("财政", 3), "财…");
        assert_eq!(truncate("财政", 1), "…");
        assert_eq!(truncate("财政", 0), "");
    }

    #[test]
    fn pads_to_exact_cells() {
        assert_eq!(width(&pad_right("优", 5)), 5);
        assert_eq!(pad_left("94", 4), "  94");
        assert_eq!(width(&pad_right("财政拨款收入预决算差异率", 7)), 7);
    }

    #[test]
    fn caret_lands_on_char_boundaries() {
        assert_eq!(byte_at_cell("财政ab", 2), 3);
        assert_eq!(byte_at_cell("财政ab", 5), 7);
        assert_eq!(byte_at_cell("财政ab", 99), 8);
    }
}

/// Wraps `text` into lines of at most `cells` cells, breaking anywhere
/// (Chinese has no spaces) and at newlines.
#[must_use]
pub fn wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for ch in paragraph.chars() {
            let w = ch.width().unwrap_or(0);
            if used + w > cells {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(ch);
            used += w;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    #[test]
    fn wraps_chinese_by_cells() {
        let lines = wrap("财政拨款收入预决算差异率", 10);
        assert_eq!(lines, vec!["财政拨款收", "入预决算差", "异率"]);
        assert!(lines.iter().all(|l| width(l) <= 10));
        assert_eq!(wrap("a\nb", 5), vec!["a", "b"]);
    }
}

/// `text` safe to print on a terminal: C0 and C1 control characters (ESC
/// included) and DEL shown as `\u{1b}`-style escapes, so a file can neither
/// move the cursor, recolour, retitle the window nor forge lines. Line breaks
/// and tabs are kept when `keep_lines` (the command's own layout).
#[must_use]
pub fn escape_controls(text: &str, keep_lines: bool) -> std::borrow::Cow<'_, str> {
    crate::escape::terminal(text, keep_lines)
}

#[cfg(test)]
mod escape_tests {
    use super::escape_controls;

    #[test]
    fn escapes_c0_c1_and_esc_but_keeps_layout_when_asked() {
        let hostile = "a\u{1b}]0;title\u{7}b\u{9b}2Jc\r\nd\te";
        assert_eq!(
            escape_controls(hostile, true),
            "a\\u{1b}]0;title\\u{7}b\\u{9b}2Jc\\u{d}\nd\te"
        );
        assert_eq!(escape_controls("x\ny", false), "x\\u{a}y");
        assert_eq!(escape_controls("总分 94", false), "总分 94");
    }
}

/// `n` in Chinese numerals, as an ordinal or a name reads it (一, 十二, 三十五);
/// 100 and more stay in digits.
#[must_use]
pub fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => {
            let ones = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{ones}", DIGITS[n / 10])
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod numeral_tests {
    use super::chinese_number;

    #[test]
    fn chinese_numbers_read_naturally() {
        for (n, text) in [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (35, "三十五"),
        ] {
            assert_eq!(chinese_number(n), text, "{n}");
        }
    }
}

#[cfg(test)]
mod middle_tests {
    use super::{truncate_middle, width};

    #[test]
    fn names_cut_from_the_middle_stay_apart() {
        let names = [
            "湛江市霞山区建设街道退役军人服务站",
            "湛江市霞山区建设街道社区卫生服务中心",
            "湛江市霞山区建设街道办事处",
            "湛江市霞山区建设工程质量安全监督站",
            "湛江市霞山区东新街道办事处",
            "湛江市霞山区新园街道办事处",
        ];
        let cut: Vec<String> = names.iter().map(|n| truncate_middle(n, 22)).collect();
        for (i, a) in cut.iter().enumerate() {
            assert!(width(a) <= 22, "{a}");
            for b in &cut[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(cut[0], "湛江市…退役军人服务站");
        assert_eq!(truncate_middle("湛江市第十小学", 22), "湛江市第十小学");
        assert_eq!(truncate_middle("abcdefghij", 7), "ab…ghij");
    }
}

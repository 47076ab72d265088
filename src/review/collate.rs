//! Sorting names the way a Chinese reader looks them up: Han characters by
//! their pinyin (the `pinyin` crate's reading, so 重庆 and 长沙 follow its
//! choice for the polyphones), Latin letters case-insensitively, digit runs
//! by value (第2 before 第10), punctuation and spaces ignored. Ties fall
//! back to the text itself, so the order is total and stable.

use std::borrow::Cow;
use std::cmp::Ordering;

use pinyin::ToPinyin;

/// One piece of a name's sort key. Numbers sort before words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Piece {
    /// A run of digits: (length without leading zeros, the digits), so that
    /// comparing the pair compares the values.
    Number(usize, String),
    /// A pinyin syllable (the crate's own text, not copied), a lower-cased
    /// Latin word or any other character.
    Word(Cow<'static, str>),
}

/// A name's sort key; compare keys to compare names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey<'a> {
    pieces: Vec<Piece>,
    text: &'a str,
}

impl Ord for NameKey<'_> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.pieces
            .cmp(&other.pieces)
            .then_with(|| self.text.cmp(other.text))
    }
}

impl PartialOrd for NameKey<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Full-width Latin letters and digits (ＡＢ１２, common in Chinese text) as ASCII.
fn half_width(ch: char) -> char {
    match u32::from(ch) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(ch),
        _ => ch,
    }
}

fn flush_number(run: &mut String, pieces: &mut Vec<Piece>) {
    if !run.is_empty() {
        let digits = run.trim_start_matches('0');
        let digits = if digits.is_empty() { "0" } else { digits };
        pieces.push(Piece::Number(digits.len(), digits.to_owned()));
        run.clear();
    }
}

fn flush_word(run: &mut String, pieces: &mut Vec<Piece>) {
    if !run.is_empty() {
        pieces.push(Piece::Word(Cow::Owned(std::mem::take(run))));
    }
}

/// The sort key of `name`.
#[must_use]
pub fn name_key(name: &str) -> NameKey<'_> {
    let mut pieces = Vec::new();
    let (mut number, mut word) = (String::new(), String::new());
    for ch in name.chars().map(half_width) {
        if ch.is_ascii_digit() {
            flush_word(&mut word, &mut pieces);
            number.push(ch);
            continue;
        }
        flush_number(&mut number, &mut pieces);
        if ch.is_ascii_alphabetic() {
            word.push(ch.to_ascii_lowercase());
            continue;
        }
        flush_word(&mut word, &mut pieces);
        if let Some(syllable) = ch.to_pinyin() {
            pieces.push(Piece::Word(Cow::Borrowed(syllable.plain())));
        } else if ch.is_alphanumeric() {
            // Another script, or a Han character the crate has no reading for.
            pieces.push(Piece::Word(Cow::Owned(ch.to_lowercase().collect())));
        }
        // Spaces and punctuation separate pieces and are otherwise ignored.
    }
    flush_number(&mut number, &mut pieces);
    flush_word(&mut word, &mut pieces);
    NameKey { pieces, text: name }
}

/// Compares two names in pinyin order.
#[must_use]
pub fn compare_names(a: &str, b: &str) -> Ordering {
    name_key(a).cmp(&name_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut out: Vec<String> = names.iter().map(|s| (*s).to_owned()).collect();
        out.sort_by(|a, b| compare_names(a, b));
        out
    }

    fn reading(name: &str) -> String {
        name.chars()
            .filter_map(|c| c.to_pinyin().map(pinyin::Pinyin::plain))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn department_names_sort_by_pinyin_not_code_point() {
        let names = [
            "财政局",
            "教育局",
            "安徽省财政厅",
            "重庆市教育委员会",
            "长沙市财政局",
        ];
        // By code point 安 (U+5B89) < 教 (U+6559) < 财 (U+8D22) < 重 (U+91CD) < 长 (U+957F).
        let mut by_code_point = names.to_vec();
        by_code_point.sort_unstable();
        assert_eq!(by_code_point[1], "教育局");
        let order = sorted(&names);
        assert_eq!(order[0], "安徽省财政厅", "an");
        assert_eq!(
            order[1], "财政局",
            "cai before jiao, though 财 > 教 by code point"
        );
        let position = |n: &str| order.iter().position(|o| o == n).expect("present");
        assert!(position("财政局") < position("教育局"));
        // The polyphones take the crate's reading; whatever it is, the order follows it.
        for pair in order.windows(2) {
            assert!(
                reading(&pair[0]) <= reading(&pair[1]),
                "{} ({}) before {} ({})",
                pair[0],
                reading(&pair[0]),
                pair[1],
                reading(&pair[1])
            );
        }
        assert_ne!(order, by_code_point);
    }

    #[test]
    fn the_crate_reads_the_polyphones_its_own_way() {
        // The crate gives each character one reading: 重 as zhong and 长 as
        // zhang (the place names say Chóngqìng and Chángshā). Accepted; the
        // order above follows it, and a change in its data shows up here.
        assert_eq!(reading("重庆"), "zhong qing");
        assert_eq!(reading("长沙"), "zhang sha");
        let names = [
            "重庆市教育委员会",
            "长沙市财政局",
            "教育局",
            "财政局",
            "安徽省财政厅",
        ];
        assert_eq!(
            sorted(&names),
            [
                "安徽省财政厅",
                "财政局",
                "教育局",
                "长沙市财政局",
                "重庆市教育委员会"
            ]
        );
    }

    #[test]
    fn digits_sort_by_value_and_before_words() {
        assert_eq!(
            sorted(&["第10中学", "第2中学", "第1中学"]),
            ["第1中学", "第2中学", "第10中学"]
        );
        assert_eq!(
            sorted(&["0010-财政局.json", "0002-教育局.json", "0100-安徽.json"]),
            ["0002-教育局.json", "0010-财政局.json", "0100-安徽.json"]
        );
        assert_eq!(
            sorted(&["B单位", "12345热线", "A单位"]),
            ["12345热线", "A单位", "B单位"]
        );
    }

    #[test]
    fn latin_letters_mix_with_pinyin_case_insensitively() {
        // "IT" reads as "it", between 环保 (huan) and 教育 (jiao).
        assert_eq!(
            sorted(&["教育局", "IT中心", "环保局"]),
            ["环保局", "IT中心", "教育局"]
        );
        assert_eq!(sorted(&["b组", "A组"]), ["A组", "b组"]);
        // Full-width letters and digits sort as their ASCII forms.
        assert!(
            !compare_names("Ａ组", "A组").is_eq(),
            "ties break on the text"
        );
        assert_eq!(sorted(&["Ｂ组", "A组"]), ["A组", "Ｂ组"]);
        assert_eq!(sorted(&["第１０组", "第９组"]), ["第９组", "第１０组"]);
    }

    #[test]
    fn punctuation_is_ignored_and_the_order_is_total() {
        assert_eq!(
            sorted(&["（机关）财政局", "财政局"]),
            ["财政局", "（机关）财政局"],
            "cai zheng ju < ji guan …"
        );
        assert_eq!(compare_names("财政局", "财政局"), Ordering::Equal);
        assert_ne!(compare_names("财政局 ", "财政局"), Ordering::Equal);
        assert_eq!(sorted(&["", "财政局"]), ["", "财政局"]);
    }
}

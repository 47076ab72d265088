//! Low-level reading of scoring-standard text: normalising full-width
//! characters, numbers (ASCII or a single Chinese numeral), and bounds such as
//! "≤5%" or "95%(含)以上".

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::core::model::BandOp;

/// Maps what a bureau's table types (full-width digits and signs, Chinese
/// punctuation, quotes, spaces) to one plain form the recognisers read:
/// `；。\n` → `;`, `，、` → `,`, `×*＊` → `×`, `（）` → `()`, quotes and spaces dropped.
#[must_use]
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        let mapped = match ch {
            '０'..='９' => char::from_u32(ch as u32 - '０' as u32 + '0' as u32).unwrap_or(ch),
            '％' => '%',
            '．' => '.',
            '＞' => '>',
            '＜' => '<',
            '＝' => '=',
            '≧' | '⩾' => '≥',
            '≦' | '⩽' => '≤',
            '（' | '【' | '[' => '(',
            '）' | '】' | ']' => ')',
            '：' => ':',
            '；' | '。' | '\n' | '\r' => ';',
            '，' | '、' => ',',
            '*' | '＊' | '✕' | '╳' => '×',
            '～' | '~' | '—' | '－' | '–' | '−' | '至' => '-',
            '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' => continue,
            ' ' | '\u{3000}' | '\t' => continue,
            other => other,
        };
        out.push(mapped);
    }
    out.replace(">=", "≥").replace("<=", "≤")
}

fn chinese_digit(ch: char) -> Option<u32> {
    Some(match ch {
        '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        _ => return None,
    })
}

/// Reads a number at the start of `text`: ASCII digits with at most one point,
/// or one Chinese numeral (一 … 十). Returns the value and the bytes used.
#[must_use]
pub fn number_at(text: &str) -> Option<(Decimal, usize)> {
    let mut end = 0;
    let mut seen_point = false;
    for (i, ch) in text.char_indices() {
        if ch.is_ascii_digit() {
            end = i + 1;
        } else if ch == '.' && !seen_point && end == i && end > 0 {
            // Only a point followed by a digit belongs to the number.
            let next_is_digit = text[i + 1..].starts_with(|c: char| c.is_ascii_digit());
            if !next_is_digit {
                break;
            }
            seen_point = true;
            end = i + 1;
        } else {
            break;
        }
    }
    if end > 0 {
        return Decimal::from_str(&text[..end]).ok().map(|d| (d, end));
    }
    let first = text.chars().next()?;
    chinese_digit(first).map(|d| (Decimal::from(d), first.len_utf8()))
}

/// Reads a number at the start of `text`, followed by an optional `%`.
fn percent_at(text: &str) -> Option<(Decimal, usize)> {
    let (value, used) = number_at(text)?;
    let used = if text[used..].starts_with('%') {
        used + 1
    } else {
        used
    };
    Some((value, used))
}

/// Finds the first `prefix` followed by a number (e.g. "≤5%"), in text order.
#[must_use]
pub fn number_after_any(text: &str, prefixes: &[&str]) -> Option<Decimal> {
    let mut best: Option<(usize, Decimal)> = None;
    for prefix in prefixes {
        for (pos, _) in text.match_indices(prefix) {
            if let Some((value, _)) = number_at(&text[pos + prefix.len()..]) {
                if best.is_none_or(|(p, _)| pos < p) {
                    best = Some((pos, value));
                }
                break;
            }
        }
    }
    best.map(|(_, v)| v)
}

/// Finds the first number directly followed by one of `suffixes` (after an optional `%`).
#[must_use]
pub fn number_before_any(text: &str, suffixes: &[&str]) -> Option<Decimal> {
    let mut best: Option<(usize, Decimal)> = None;
    for suffix in suffixes {
        for (pos, _) in text.match_indices(suffix) {
            let head = text[..pos].strip_suffix('%').unwrap_or(&text[..pos]);
            if let Some(value) = trailing_number(head) {
                if best.is_none_or(|(p, _)| pos < p) {
                    best = Some((pos, value));
                }
                break;
            }
        }
    }
    best.map(|(_, v)| v)
}

/// The ASCII number at the very end of `text`, if any.
#[must_use]
pub fn trailing_number(text: &str) -> Option<Decimal> {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
        .last()
        .map(|(i, _)| i)?;
    let digits = text[start..].trim_start_matches('.');
    Decimal::from_str(digits).ok()
}

/// A comparison read from a clause, e.g. "≥95%" or "90%(含)以上".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Single(BandOp, Decimal),
    /// "90%-95%": the band between two values; `Some(true)` where "(含)"
    /// marks an end as included, `Some(false)` for "(不含)", `None` unsaid.
    Range(Decimal, Option<bool>, Decimal, Option<bool>),
    /// "80%≤x<90%": both comparisons written out (lower op, lower, upper op, upper).
    Interval(BandOp, Decimal, BandOp, Decimal),
}

/// "(含)" / "(不含)" right after a number.
fn inclusion(text: &str) -> (Option<bool>, usize) {
    if text.starts_with("(含)") {
        (Some(true), "(含)".len())
    } else if text.starts_with("(不含)") {
        (Some(false), "(不含)".len())
    } else {
        (None, 0)
    }
}

/// "80%≤x<90%" or "80≤x≤90": a number, ≤ or <, words, < or ≤, a number.
fn interval(clause: &str) -> Option<Bound> {
    let first = clause.find(['≤', '<'])?;
    let lo = trailing_number(
        clause[..first]
            .strip_suffix('%')
            .unwrap_or(&clause[..first]),
    )?;
    let lo_op = if clause[first..].starts_with('≤') {
        BandOp::Ge
    } else {
        BandOp::Gt
    };
    let after = &clause[first + clause[first..].chars().next()?.len_utf8()..];
    let second = after.find(['≤', '<'])?;
    let between = &after[..second];
    if between.is_empty() || between.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let hi_op = if after[second..].starts_with('≤') {
        BandOp::Le
    } else {
        BandOp::Lt
    };
    let sign_len = after[second..].chars().next()?.len_utf8();
    let (hi, _) = percent_at(&after[second + sign_len..])?;
    (lo < hi).then_some(Bound::Interval(lo_op, lo, hi_op, hi))
}

const OP_PREFIXES: &[(&str, BandOp)] = &[
    ("大于等于", BandOp::Ge),
    ("小于等于", BandOp::Le),
    ("不低于", BandOp::Ge),
    ("不少于", BandOp::Ge),
    ("不小于", BandOp::Ge),
    ("不高于", BandOp::Le),
    ("不超过", BandOp::Le),
    ("不大于", BandOp::Le),
    ("不足", BandOp::Lt),
    ("达到", BandOp::Ge),
    ("高于", BandOp::Gt),
    ("超过", BandOp::Gt),
    ("大于", BandOp::Gt),
    ("低于", BandOp::Lt),
    ("小于", BandOp::Lt),
    ("≥", BandOp::Ge),
    ("≤", BandOp::Le),
    (">", BandOp::Gt),
    ("<", BandOp::Lt),
    ("=", BandOp::Eq),
    ("为", BandOp::Eq),
];

const OP_SUFFIXES: &[(&str, BandOp)] = &[
    ("(含)以上", BandOp::Ge),
    ("(含)以下", BandOp::Le),
    ("及以上", BandOp::Ge),
    ("及以下", BandOp::Le),
    ("以上", BandOp::Ge),
    ("以下", BandOp::Le),
    ("以内", BandOp::Le),
];

/// Reads the comparison of a clause, or `None` when it has none.
#[must_use]
pub fn clause_bound(clause: &str) -> Option<Bound> {
    if let Some(bound) = interval(clause) {
        return Some(bound);
    }
    // Ranges: "90%-95%", "90%(含)-95%", "90%(含)-95%(不含)".
    for (pos, _) in clause.match_indices('-') {
        let head = &clause[..pos];
        let (lo_in, head) = if let Some(h) = head.strip_suffix("(含)") {
            (Some(true), h)
        } else if let Some(h) = head.strip_suffix("(不含)") {
            (Some(false), h)
        } else {
            (None, head)
        };
        let head = head.strip_suffix('%').unwrap_or(head);
        let tail = &clause[pos + 1..];
        if let (Some(lo), Some((hi, used))) = (trailing_number(head), percent_at(tail))
            && lo < hi
        {
            let (hi_in, _) = inclusion(&tail[used..]);
            return Some(Bound::Range(lo, lo_in, hi, hi_in));
        }
    }
    let mut prefixed: Option<(usize, BandOp, Decimal)> = None;
    for (prefix, op) in OP_PREFIXES {
        if let Some(pos) = clause.find(prefix)
            && let Some((value, _)) = percent_at(&clause[pos + prefix.len()..])
            && prefixed.is_none_or(|(p, _, _)| pos < p)
        {
            prefixed = Some((pos, *op, value));
        }
    }
    let mut suffixed: Option<(BandOp, Decimal)> = None;
    for (suffix, op) in OP_SUFFIXES {
        if let Some(pos) = clause.find(suffix) {
            let head = clause[..pos].strip_suffix('%').unwrap_or(&clause[..pos]);
            if let Some(value) = trailing_number(head) {
                suffixed = Some((*op, value));
                break;
            }
        }
    }
    // "为90%以下": the suffix says more than a plain "为"/"达到" before the same number.
    match (prefixed, suffixed) {
        (Some((_, op, v)), Some((s_op, s_v)))
            if op == BandOp::Eq || (v == s_v && op == BandOp::Ge) =>
        {
            Some(Bound::Single(s_op, s_v))
        }
        (Some((_, op, v)), _) => Some(Bound::Single(op, v)),
        (None, Some((op, v))) => Some(Bound::Single(op, v)),
        (None, None) => None,
    }
}

/// The points a clause awards: "得5分", "得满分" (= weight), "不得分"/"得0分" (= 0),
/// "得80%分值" / "得80%" / "按80%计分" / "得分值的80%" (= 80 % of the weight).
#[must_use]
pub fn clause_points(clause: &str, weight: Decimal) -> Option<Decimal> {
    if clause.contains("不得分") || clause.contains("不计分") || clause.contains("得0分") {
        return Some(Decimal::ZERO);
    }
    if clause.contains("得满分") || clause.contains("计满分") {
        return Some(weight);
    }
    if let Some(percent) = clause_percent(clause) {
        return Some(weight * percent / Decimal::ONE_HUNDRED);
    }
    number_between(clause, &["得", "计", "给"], '分')
}

/// The percent of the weight a clause awards ("得80%分值", "按60%计分"), if any.
#[must_use]
pub fn clause_percent(clause: &str) -> Option<Decimal> {
    number_between(clause, &["得分值的", "得权重的", "得", "按", "计"], '%')
}

/// The first number written right after one of `keys` (tried in order) and
/// right before `unit`: 5 in "得5分" for the key 得 and the unit 分.
fn number_between(clause: &str, keys: &[&str], unit: char) -> Option<Decimal> {
    for key in keys {
        for (pos, _) in clause.match_indices(key) {
            let rest = &clause[pos + key.len()..];
            if let Some((value, used)) = number_at(rest)
                && rest[used..].starts_with(unit)
            {
                return Some(value);
            }
        }
    }
    None
}

/// Splits normalised text into clauses at `;` and `,`.
#[must_use]
pub fn clauses(text: &str) -> Vec<&str> {
    text.split([';', ','])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn normalises_full_width_and_punctuation() {
        assert_eq!(
            normalise("≤５％得满分，每超过１个百分点扣０．５分。"),
            "≤5%得满分,每超过1个百分点扣0.5分;"
        );
        assert_eq!(normalise("“三公经费” 变动率 >= 0"), "三公经费变动率≥0");
        assert_eq!(normalise("执行率*分值"), "执行率×分值");
    }

    #[test]
    fn reads_numbers() {
        assert_eq!(number_at("0.5分"), Some((dec!(0.5), 3)));
        assert_eq!(number_at("5.分"), Some((dec!(5), 1)));
        assert_eq!(number_at("一个百分点"), Some((dec!(1), 3)));
        assert_eq!(number_at("分"), None);
        assert_eq!(trailing_number("不超过10"), Some(dec!(10)));
        assert_eq!(trailing_number("abc"), None);
    }

    #[test]
    fn reads_bounds() {
        assert_eq!(
            clause_bound("≥95%得5分"),
            Some(Bound::Single(BandOp::Ge, dec!(95)))
        );
        assert_eq!(
            clause_bound("90%(含)以上得4分"),
            Some(Bound::Single(BandOp::Ge, dec!(90)))
        );
        assert_eq!(
            clause_bound("低于80%不得分"),
            Some(Bound::Single(BandOp::Lt, dec!(80)))
        );
        assert_eq!(
            clause_bound("80%-90%得3分"),
            Some(Bound::Range(dec!(80), None, dec!(90), None))
        );
        assert_eq!(
            clause_bound("90%(含)-95%得80%分值"),
            Some(Bound::Range(dec!(90), Some(true), dec!(95), None))
        );
        assert_eq!(
            clause_bound("80%≤重点支出安排率<90%得3分"),
            Some(Bound::Interval(BandOp::Ge, dec!(80), BandOp::Lt, dec!(90)))
        );
        assert_eq!(clause_bound("其余不得分"), None);
    }

    #[test]
    fn reads_points() {
        assert_eq!(clause_points("≥95%得5分", dec!(5)), Some(dec!(5)));
        assert_eq!(clause_points("其余不得分", dec!(5)), Some(dec!(0)));
        assert_eq!(clause_points("达到100%得满分", dec!(6)), Some(dec!(6)));
        assert_eq!(clause_points("好", dec!(6)), None);
        assert_eq!(
            clause_points("90%(含)-95%得80%分值", dec!(5)),
            Some(dec!(4))
        );
        assert_eq!(clause_points("较上年下降得80%", dec!(5)), Some(dec!(4)));
    }
}

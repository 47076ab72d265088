//! The content stamp (内容校验码): a short hash of a workbook's figures and
//! texts, printed in the footer of every published document so that a reader
//! can tie a published copy to the filed workbook. Taken over the model as
//! jixiao writes it (fields in their fixed order, no whitespace), not over the
//! file's bytes: the same workbook reformatted, or with its keys reordered,
//! keeps its stamp; any figure or text changed gives another.

use sha2::{Digest, Sha256};

use crate::core::model::Workbook;

/// How many hex digits the stamp keeps (48 bits: a collision between two
/// versions of one unit's workbook is not a practical worry).
const DIGITS: usize = 12;

/// The stamp as printed: `3F2A-9C1B-77E0`.
#[must_use]
pub fn content_stamp(wb: &Workbook) -> String {
    // Serialising plain data with string keys cannot fail; were it ever to,
    // the stamp would be that of nothing, and verification would say so.
    let canonical = serde_json::to_vec(wb).unwrap_or_default();
    let digest = Sha256::digest(&canonical);
    let hex: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(DIGITS)
        .map(|n| {
            char::from_digit(u32::from(n), 16)
                .unwrap_or('0')
                .to_ascii_uppercase()
        })
        .collect();
    hex.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// The stamp's label in a footer, before the stamp.
pub const LABEL_ZH: &str = "内容校验码";
pub const LABEL_EN: &str = "Content stamp";

/// Finds a printed stamp (`XXXX-XXXX-XXXX`) after either label in `text`.
#[must_use]
pub fn find_stamp(text: &str) -> Option<String> {
    [LABEL_ZH, LABEL_EN].iter().find_map(|label| {
        let at = text.find(label)? + label.len();
        let rest = text[at..].trim_start_matches([' ', '：', ':', '\u{3000}']);
        let stamp: String = rest.chars().take(DIGITS + DIGITS / 4 - 1).collect();
        let ok = stamp.len() == DIGITS + DIGITS / 4 - 1
            && stamp.chars().enumerate().all(|(i, c)| {
                if i % 5 == 4 {
                    c == '-'
                } else {
                    c.is_ascii_hexdigit()
                }
            });
        ok.then_some(stamp)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::{load, to_json};
    use crate::core::sample::sample_workbook;

    #[test]
    fn reformatting_keeps_the_stamp_and_a_changed_figure_moves_it() {
        let wb = sample_workbook();
        let stamp = content_stamp(&wb);
        assert_eq!(stamp.len(), 14);
        assert_eq!(
            find_stamp(&format!("内容校验码：{stamp}（…）")),
            Some(stamp.clone())
        );
        // The same workbook written compactly, keys in another order.
        let value: serde_json::Value = serde_json::from_str(&to_json(&wb)).expect("json");
        let compact = serde_json::to_string(&value).expect("text");
        let reloaded = load(&compact).expect("loads").workbook;
        assert_eq!(content_stamp(&reloaded), stamp);
        let mut changed = wb.clone();
        changed.unit.name.push('局');
        assert_ne!(content_stamp(&changed), stamp);
    }
}

//! Whether a published file is what the workbook gives: its figures and
//! texts read back and compared, item by item, with the same document made
//! from the workbook now (in either language, whichever it is), then its
//! footer's content stamp. The first difference is named with both values.

use std::path::Path;

use super::read::{Item, ReadBack, docx, xlsx};
use super::{Document, Kind, documents};
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::core::stamp::content_stamp;
use crate::core::{Bilingual, Lang};

/// The first figure or text that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub label: String,
    pub published: String,
    pub expected: String,
}

/// What verifying one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every figure and text and the stamp match.
    Matches {
        stamp: String,
    },
    Differs(Difference),
    /// The file could not be read as a published document.
    Unreadable(Bilingual),
}

/// What the workbook gives, in both languages, read back as a reader would.
pub struct Expected {
    stamp: String,
    docx: Vec<ReadBack>,
    xlsx: Vec<ReadBack>,
}

impl Expected {
    /// Builds every document of the bundle from `wb` and reads it back.
    ///
    /// # Errors
    /// When a document cannot be built or read back (a bug, named).
    pub fn of(wb: &Workbook, derived: &Derived) -> Result<Self, Bilingual> {
        let mut out = Self {
            stamp: content_stamp(wb),
            docx: Vec::new(),
            xlsx: Vec::new(),
        };
        for lang in [Lang::Zh, Lang::En] {
            let built = documents(wb, derived, lang, "x").map_err(|e| {
                Bilingual::new(
                    format!("无法生成对照文件（{e}）"),
                    format!("cannot build the documents to compare with ({e})"),
                )
            })?;
            for Document { kind, bytes, .. } in built {
                if kind == Kind::Tables {
                    out.xlsx.push(xlsx(&bytes)?);
                } else {
                    out.docx.push(docx(&bytes)?);
                }
            }
        }
        Ok(out)
    }

    /// Compares one published file's bytes (its extension says what it is).
    #[must_use]
    pub fn verify(&self, path: &Path, bytes: &[u8]) -> Verdict {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        let (read, candidates) = match extension.as_str() {
            "docx" => (docx(bytes), &self.docx),
            "xlsx" => (xlsx(bytes), &self.xlsx),
            "pdf" => return Verdict::Unreadable(pdf_message()),
            _ => return Verdict::Unreadable(unknown_type(&extension)),
        };
        let published = match read {
            Ok(read) => read,
            Err(why) => return Verdict::Unreadable(why),
        };
        // The document it is: the one it agrees with longest.
        let best = candidates
            .iter()
            .max_by_key(|c| agreeing(&published.items, &c.items))
            .map_or(&[][..], |c| c.items.as_slice());
        if let Some(difference) = first_difference(&published.items, best) {
            return Verdict::Differs(difference);
        }
        match &published.stamp {
            Some(stamp) if *stamp == self.stamp => Verdict::Matches {
                stamp: stamp.clone(),
            },
            other => Verdict::Differs(Difference {
                label: "内容校验码 / content stamp".to_owned(),
                published: other.clone().unwrap_or_else(|| "（无）".to_owned()),
                expected: self.stamp.clone(),
            }),
        }
    }
}

/// How many items agree from the start (the candidate with most is the
/// document the file is, even when its first lines were changed).
fn agreeing(published: &[Item], expected: &[Item]) -> (usize, usize) {
    let prefix = published
        .iter()
        .zip(expected)
        .take_while(|(p, e)| p.text == e.text)
        .count();
    let same = published
        .iter()
        .zip(expected)
        .filter(|(p, e)| p.text == e.text)
        .count();
    (same, prefix)
}

/// The first item whose text differs, or the first one only one side has.
fn first_difference(published: &[Item], expected: &[Item]) -> Option<Difference> {
    for (p, e) in published.iter().zip(expected) {
        if p.text != e.text {
            let (published, expected) = differing_part(&p.text, &e.text);
            return Some(Difference {
                label: e.label.clone(),
                published,
                expected,
            });
        }
    }
    let none = || "（无）".to_owned();
    match published.len().cmp(&expected.len()) {
        std::cmp::Ordering::Less => {
            let e = &expected[published.len()];
            Some(Difference {
                label: e.label.clone(),
                published: none(),
                expected: e.text.clone(),
            })
        }
        std::cmp::Ordering::Greater => {
            let p = &published[expected.len()];
            Some(Difference {
                label: p.label.clone(),
                published: p.text.clone(),
                expected: none(),
            })
        }
        std::cmp::Ordering::Equal => None,
    }
}

/// Where two long texts differ, with a little context either side; short
/// texts (a cell's figure) whole.
fn differing_part(published: &str, expected: &str) -> (String, String) {
    const CONTEXT: usize = 12;
    let (p, e): (Vec<char>, Vec<char>) = (published.chars().collect(), expected.chars().collect());
    if p.len().max(e.len()) <= 2 * CONTEXT + 8 {
        return (published.to_owned(), expected.to_owned());
    }
    let prefix = p.iter().zip(&e).take_while(|(a, b)| a == b).count();
    let suffix = p[prefix..]
        .iter()
        .rev()
        .zip(e[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let start = prefix.saturating_sub(CONTEXT);
    let window = |s: &[char]| {
        let end = (s.len() - suffix + CONTEXT).min(s.len());
        let mut text: String = s[start..end].iter().collect();
        if start > 0 {
            text.insert(0, '…');
        }
        if end < s.len() {
            text.push('…');
        }
        text
    };
    (window(&p), window(&e))
}

fn pdf_message() -> Bilingual {
    Bilingual::new(
        "PDF 无法读回核对；请核对同时发布的 .docx（PDF 由它生成）",
        "a PDF cannot be read back to compare; verify the .docx published with it (the PDF is made from it)",
    )
}

fn unknown_type(extension: &str) -> Bilingual {
    Bilingual::new(
        format!("不是 jixiao 发布的文件类型（.{extension}）；可核对 .docx 与 .xlsx"),
        format!(
            "not a kind of file jixiao publishes (.{extension}); .docx and .xlsx can be verified"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(label: &str, text: &str) -> Item {
        Item {
            label: label.into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_first_difference_names_its_label_and_both_values() {
        let expected = [item("标题", "报告"), item("收入 · 数值", "588.55")];
        let published = [item("标题", "报告"), item("收入 · 数值", "600")];
        assert_eq!(
            first_difference(&published, &expected),
            Some(Difference {
                label: "收入 · 数值".into(),
                published: "600".into(),
                expected: "588.55".into(),
            })
        );
        assert_eq!(first_difference(&expected, &expected), None);
        let shorter = first_difference(&expected[..1], &expected).expect("missing item");
        assert_eq!(
            (shorter.published.as_str(), shorter.expected.as_str()),
            ("（无）", "588.55")
        );
    }

    #[test]
    fn a_long_text_shows_where_it_differs() {
        let e = "二〇二三年度财政拨款收入决算数为588.55万元，较上年增加，主要原因是人员经费增加。";
        let p = e.replace("588.55", "688.55");
        let (published, expected) = differing_part(&p, e);
        assert!(published.contains("688.55") && expected.contains("588.55"));
        assert!(
            published.starts_with('…') && published.ends_with('…'),
            "{published}"
        );
    }
}

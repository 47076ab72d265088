//! The texts an officer types, compared: the report's narrative sections, the
//! evaluation team, each indicator's deduction reason and evidence, and the
//! table's structure (indicators added, removed or renamed). A long text is
//! shown on one line from a little before where the two sides first differ.

use super::lines::{DiffLine, DiffSection};
use crate::core::Bilingual;
use crate::core::model::{NarrativeSection, TeamMember, Workbook};

/// How many characters of a text a line shows.
const SHOWN_CHARS: usize = 24;
/// How many characters before the first difference it starts.
const LEAD_CHARS: usize = 6;

/// Two texts: they differ when the whole texts do; each is shown from just
/// before the first difference, newlines as spaces.
pub(super) fn text_line(key: String, label: Bilingual, left: &str, right: &str) -> DiffLine {
    let differs = left != right;
    let start = if differs {
        let same = left
            .chars()
            .zip(right.chars())
            .take_while(|(l, r)| l == r)
            .count();
        same.saturating_sub(LEAD_CHARS)
    } else {
        0
    };
    DiffLine {
        key,
        label,
        left: excerpt(left, start),
        right: excerpt(right, start),
        delta: None,
        differs,
    }
}

fn excerpt(text: &str, start: usize) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let start = start.min(chars.len());
    let end = (start + SHOWN_CHARS).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if end < chars.len() {
        out.push('…');
    }
    out
}

pub(super) fn narrative_section(a: &Workbook, b: &Workbook) -> DiffSection {
    DiffSection {
        title: Bilingual::new("报告文字", "Report text"),
        lines: NarrativeSection::ALL
            .iter()
            .map(|&s| {
                let title = s.title();
                text_line(
                    format!("narrative:{}", s.key()),
                    Bilingual::new(title.0, title.1),
                    s.get(&a.narrative),
                    s.get(&b.narrative),
                )
            })
            .collect(),
    }
}

fn member_text(member: Option<&TeamMember>) -> String {
    member.map_or_else(String::new, |m| {
        [&m.name, &m.post, &m.role]
            .into_iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    })
}

pub(super) fn team_section(a: &Workbook, b: &Workbook) -> DiffSection {
    let (ta, tb) = (&a.narrative.team, &b.narrative.team);
    DiffSection {
        title: Bilingual::new("评价工作组", "Evaluation team"),
        lines: (0..ta.len().max(tb.len()))
            .map(|i| {
                text_line(
                    format!("team:{}", i + 1),
                    Bilingual::new(format!("成员 {}", i + 1), format!("Member {}", i + 1)),
                    &member_text(ta.get(i)),
                    &member_text(tb.get(i)),
                )
            })
            .collect(),
    }
}

/// Every indicator code of either side, in the order they stand (left first).
fn codes(a: &Workbook, b: &Workbook) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for wb in [a, b] {
        for (_, ind) in wb.table.flatten() {
            if !codes.contains(&ind.code) {
                codes.push(ind.code.clone());
            }
        }
    }
    codes
}

/// The indicator's name, reason and evidence on one side (`None`: not there).
fn texts_of<'a>(wb: &'a Workbook, code: &str) -> Option<[&'a str; 3]> {
    wb.table
        .flatten()
        .into_iter()
        .find(|(_, ind)| ind.code == code)
        .map(|(_, ind)| {
            [
                ind.name.as_str(),
                ind.entry.deduction_reason.as_str(),
                ind.entry.evidence.as_str(),
            ]
        })
}

/// Reasons and evidence where either side wrote one; the structure where an
/// indicator was added, removed or renamed.
pub(super) fn indicator_text_sections(a: &Workbook, b: &Workbook) -> [DiffSection; 2] {
    let mut written = Vec::new();
    let mut structure = Vec::new();
    for code in codes(a, b) {
        let (l, r) = (texts_of(a, &code), texts_of(b, &code));
        let [ln, lr, le] = l.unwrap_or_default();
        let [rn, rr, re] = r.unwrap_or_default();
        let name = if rn.is_empty() { ln } else { rn };
        let aspects = [
            ("reason", "扣分原因", "deduction reason", lr, rr),
            ("evidence", "佐证材料", "evidence", le, re),
        ];
        for (key, zh, en, left, right) in aspects {
            if !left.is_empty() || !right.is_empty() {
                written.push(text_line(
                    format!("{key}:{code}"),
                    Bilingual::new(
                        format!("{code} {name} {zh}"),
                        format!("{code} {name}: {en}"),
                    ),
                    left,
                    right,
                ));
            }
        }
        let shown = |side: Option<[&str; 3]>| side.map(|[n, _, _]| format!("{code} {n}"));
        if l.map(|[n, _, _]| n) != r.map(|[n, _, _]| n) {
            structure.push(text_line(
                format!("structure:{code}"),
                Bilingual::new(format!("指标 {code}"), format!("Indicator {code}")),
                &shown(l).unwrap_or_default(),
                &shown(r).unwrap_or_default(),
            ));
        }
    }
    [
        DiffSection {
            title: Bilingual::new("扣分原因与佐证材料", "Deduction reasons and evidence"),
            lines: written,
        },
        DiffSection {
            title: Bilingual::new(
                "指标结构（增删、改名）",
                "Indicators added, removed or renamed",
            ),
            lines: structure,
        },
    ]
}

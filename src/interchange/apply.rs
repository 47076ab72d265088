//! Replaces a workbook's scoring table, carrying the officer's and reviewer's
//! entries over to the indicators of the new table that match old ones.

use crate::core::Bilingual;
use crate::core::model::{
    CategorySource, Indicator, IndicatorEntry, RuleKind, ScoringTable, Workbook,
};

/// How an old indicator was matched to a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    CodeAndName,
    /// Same name, different code.
    Name,
    /// Same code, different name (both leaves or both groups).
    Code,
}

/// An indicator of the new table that took over an old one's entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub code: String,
    pub name: String,
    pub old_code: String,
    pub old_name: String,
    pub matched_by: MatchedBy,
    /// Whether the old entry held anything (score, choice, reason, evidence, review).
    pub had_entry: bool,
}

/// What `apply_table` did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplyReport {
    pub kept: Vec<Kept>,
    /// New indicators with no old counterpart: (code, name).
    pub new: Vec<(String, String)>,
    /// Old indicators with no new counterpart: (code, name, had an entry).
    pub dropped: Vec<(String, String, bool)>,
    /// Entries carried over that the new rule cannot use as they are.
    pub warnings: Vec<Bilingual>,
    /// Dropped old indicators that held entries, and what they held.
    pub lost: Vec<Lost>,
    /// How many indicators the old table had.
    pub old_count: usize,
}

/// A dropped old indicator whose entry would be lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lost {
    pub code: String,
    pub name: String,
    /// What it held: 得分, 选择, 理由 … (in both languages).
    pub held: Bilingual,
}

/// Why `table apply` stops unless forced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The old table has indicators and none of the new one matches any: most
    /// likely another table, or one read wrongly.
    NothingMatches { old: usize },
    /// Old indicators holding the officer's or reviewer's entries would be dropped.
    DropsEntries(Vec<Lost>),
}

impl Refusal {
    /// The message in both languages, naming the indicators.
    #[must_use]
    pub fn describe(&self) -> Bilingual {
        match self {
            Self::NothingMatches { old } => Bilingual::new(
                format!(
                    "新评分表没有一个指标与原表的 {old} 个指标对应（编码和名称都不同），可能不是同一张表或读错了；确认要替换请加 --force"
                ),
                format!(
                    "no indicator of the new table matches any of the old table's {old} (neither code nor name); it may be another table or misread; add --force to replace it anyway"
                ),
            ),
            Self::DropsEntries(lost) => {
                let list = |zh: bool| {
                    lost.iter()
                        .map(|l| {
                            format!(
                                "{} {}（{}）",
                                l.code,
                                l.name,
                                if zh { &l.held.zh } else { &l.held.en }
                            )
                        })
                        .collect::<Vec<_>>()
                };
                Bilingual::new(
                    format!(
                        "以下 {} 个原指标带有已填内容，新评分表中没有对应指标，替换会删除这些内容：{}；确认要删除请加 --force",
                        lost.len(),
                        list(true).join("、")
                    ),
                    format!(
                        "{} old indicators hold entries and have no counterpart in the new table; replacing would drop them: {}; add --force to drop them",
                        lost.len(),
                        list(false).join(", ")
                    ),
                )
            }
        }
    }
}

/// Whether the report shows an apply that should not go ahead unless forced.
#[must_use]
pub fn refusal(report: &ApplyReport) -> Option<Refusal> {
    if report.old_count > 0 && report.kept.is_empty() {
        return Some(Refusal::NothingMatches {
            old: report.old_count,
        });
    }
    (!report.lost.is_empty()).then(|| Refusal::DropsEntries(report.lost.clone()))
}

/// What an entry holds, by name: 得分、选择、不达标项、理由、佐证、复核.
fn held_parts(entry: &IndicatorEntry) -> Bilingual {
    let parts = [
        (entry.officer_score.is_some(), "得分", "score"),
        (entry.choice.is_some(), "选择", "choice"),
        (!entry.failed_items.is_empty(), "不达标项", "failed items"),
        (!entry.deduction_reason.trim().is_empty(), "理由", "reason"),
        (!entry.evidence.trim().is_empty(), "佐证", "evidence"),
        (
            !entry.evidence_files.is_empty(),
            "佐证文件",
            "evidence files",
        ),
        (!entry.analysis.trim().is_empty(), "分析", "analysis"),
        (
            entry.reviewer_score.is_some() || !entry.reviewer_comment.trim().is_empty(),
            "复核",
            "review",
        ),
    ];
    let held: Vec<_> = parts.iter().filter(|(has, _, _)| *has).collect();
    Bilingual::new(
        held.iter()
            .map(|(_, zh, _)| *zh)
            .collect::<Vec<_>>()
            .join("、"),
        held.iter()
            .map(|(_, _, en)| *en)
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// A name as compared: no spaces, quotes or bracket style differences.
fn plain_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            other => other,
        })
        .collect()
}

/// (code, plain name, is leaf) of a new indicator.
type NewNode = (String, String, bool);
/// Whether an old indicator matches a new one in a matching pass.
type SameFn = fn(&Old, &NewNode) -> bool;

struct Old {
    code: String,
    name: String,
    plain: String,
    leaf: bool,
    entry: IndicatorEntry,
    used: bool,
}

/// Replaces `workbook.table` with `table`, keeping entries of indicators whose
/// code and name, else name, else code match (each old entry used once).
pub fn apply_table(workbook: &mut Workbook, table: ScoringTable) -> ApplyReport {
    let mut old: Vec<Old> = workbook
        .table
        .flatten()
        .into_iter()
        .map(|(_, ind)| Old {
            code: ind.code.clone(),
            name: ind.name.clone(),
            plain: plain_name(&ind.name),
            leaf: ind.is_leaf(),
            entry: ind.entry.clone(),
            used: false,
        })
        .collect();
    let mut table = table;
    let new_nodes: Vec<NewNode> = table
        .flatten()
        .into_iter()
        .map(|(_, ind)| (ind.code.clone(), plain_name(&ind.name), ind.is_leaf()))
        .collect();
    let mut matches: Vec<Option<(usize, MatchedBy)>> = vec![None; new_nodes.len()];
    let passes: [(MatchedBy, SameFn); 3] = [
        (MatchedBy::CodeAndName, |o, n| {
            o.code == n.0 && o.plain == n.1
        }),
        (MatchedBy::Name, |o, n| o.plain == n.1 && o.leaf == n.2),
        (MatchedBy::Code, |o, n| o.code == n.0 && o.leaf == n.2),
    ];
    for (how, same) in passes {
        for (i, node) in new_nodes.iter().enumerate() {
            if matches[i].is_some() {
                continue;
            }
            let candidates: Vec<usize> = old
                .iter()
                .enumerate()
                .filter(|(_, o)| !o.used && same(o, node))
                .map(|(j, _)| j)
                .collect();
            // A name shared by several old indicators says nothing about which one.
            if candidates.len() == 1 || (how == MatchedBy::CodeAndName && !candidates.is_empty()) {
                let j = candidates[0];
                old[j].used = true;
                matches[i] = Some((j, how));
            }
        }
    }
    let mut report = ApplyReport::default();
    for (i, found) in matches.iter().enumerate() {
        let Some(node) = table.nth_mut(i) else {
            continue;
        };
        match found {
            Some((j, how)) => {
                let o = &old[*j];
                node.entry = o.entry.clone();
                if let Some(w) = entry_conflict(node) {
                    report.warnings.push(w);
                }
                report.kept.push(Kept {
                    code: node.code.clone(),
                    name: node.name.clone(),
                    old_code: o.code.clone(),
                    old_name: o.name.clone(),
                    matched_by: *how,
                    had_entry: o.entry != IndicatorEntry::default(),
                });
            }
            None => report.new.push((node.code.clone(), node.name.clone())),
        }
    }
    report.old_count = old.len();
    for o in old.iter().filter(|o| !o.used) {
        if o.entry != IndicatorEntry::default() {
            report.lost.push(Lost {
                code: o.code.clone(),
                name: o.name.clone(),
                held: held_parts(&o.entry),
            });
        }
        report.dropped.push((
            o.code.clone(),
            o.name.clone(),
            o.entry != IndicatorEntry::default(),
        ));
    }
    workbook.table = table;
    report
}

/// Says when a carried-over entry does not fit the new rule (a level or
/// category the rule does not offer, a checklist item that no longer exists).
fn entry_conflict(node: &Indicator) -> Option<Bilingual> {
    let rule = node.rule.as_ref()?;
    let code = &node.code;
    match &rule.kind {
        RuleKind::Levels { levels } => {
            let choice = node.entry.choice.as_ref()?;
            (!levels.iter().any(|l| &l.label == choice)).then(|| {
                Bilingual::new(
                    format!("{code} {}：原选择“{choice}”不在新评分标准的等级中，请重新选择", node.name),
                    format!("{code} {}: the chosen level \"{choice}\" is not offered by the new rule; choose again", node.name),
                )
            })
        }
        RuleKind::Categorical {
            source: CategorySource::Officer,
            categories,
        } => {
            let choice = node.entry.choice.as_ref()?;
            (!categories.iter().any(|c| &c.key == choice || &c.label == choice)).then(|| {
                Bilingual::new(
                    format!("{code} {}：原选择“{choice}”不在新评分标准的类别中", node.name),
                    format!("{code} {}: the chosen category \"{choice}\" is not offered by the new rule", node.name),
                )
            })
        }
        RuleKind::Checklist { items, .. } => node
            .entry
            .failed_items
            .iter()
            .any(|&i| i >= items.len())
            .then(|| {
                Bilingual::new(
                    format!(
                        "{code} {}：部分已勾选的不达标项在新评分标准中不存在",
                        node.name
                    ),
                    format!(
                        "{code} {}: some ticked checklist items do not exist in the new rule",
                        node.name
                    ),
                )
            }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    #[test]
    fn same_table_keeps_everything_and_scores() {
        let mut wb = sample_workbook();
        let before = derive(&wb).scores.total;
        let table = wb.table.clone();
        let report = apply_table(&mut wb, table);
        assert!(report.new.is_empty() && report.dropped.is_empty());
        assert!(
            report
                .kept
                .iter()
                .all(|k| k.matched_by == MatchedBy::CodeAndName)
        );
        assert_eq!(derive(&wb).scores.total, before);
    }

    #[test]
    fn renamed_codes_match_by_name_and_renamed_names_by_code() {
        let mut wb = sample_workbook();
        let mut table = wb.table.clone();
        // D3 效果性 moves to code D9; B3 gets another name.
        if let Some(d3) = table.indicators[3].children.get_mut(2) {
            d3.code = "D9".into();
        }
        if let Some(b3) = table.indicators[1].children.get_mut(2) {
            b3.name = "项目管理规范性".into();
        }
        let report = apply_table(&mut wb, table);
        let d9 = report
            .kept
            .iter()
            .find(|k| k.code == "D9")
            .expect("D9 kept");
        assert_eq!(
            (d9.old_code.as_str(), d9.matched_by),
            ("D3", MatchedBy::Name)
        );
        assert!(d9.had_entry);
        let b3 = report
            .kept
            .iter()
            .find(|k| k.code == "B3")
            .expect("B3 kept");
        assert_eq!(b3.matched_by, MatchedBy::Code);
        assert_eq!(
            wb.table.indicators[3].children[2].entry.choice.as_deref(),
            Some("较好")
        );
    }

    #[test]
    fn new_and_dropped_are_listed_and_level_conflicts_warned() {
        let mut wb = sample_workbook();
        let mut table = wb.table.clone();
        table.indicators[3].children.remove(3); // D4 公平性 dropped
        table.indicators[3].children.push(Indicator {
            code: "D5".into(),
            name: "满意度".into(),
            weight: 5.into(),
            ..Indicator::default()
        });
        if let Some(rule) = table.indicators[0].children[0].rule.as_mut() {
            rule.kind = RuleKind::Levels {
                levels: vec![crate::core::model::Level {
                    label: "优".into(),
                    percent: 100.into(),
                }],
            };
        }
        let report = apply_table(&mut wb, table);
        assert_eq!(report.new, vec![("D5".to_owned(), "满意度".to_owned())]);
        assert_eq!(
            report.dropped,
            vec![("D4".to_owned(), "公平性".to_owned(), true)]
        );
        assert_eq!(report.warnings.len(), 1);
        assert!(report.warnings[0].zh.contains("A1"));
    }

    #[test]
    fn a_table_with_nothing_in_common_is_refused() {
        let mut wb = sample_workbook();
        let mut table = wb.table.clone();
        table.indicators.truncate(1);
        let only = &mut table.indicators[0];
        only.code = "Z".into();
        only.name = "一级指标".into();
        only.children.clear();
        let report = apply_table(&mut wb, table);
        let refused = refusal(&report).expect("refused");
        assert!(matches!(refused, Refusal::NothingMatches { old } if old > 1));
        assert!(refused.describe().zh.contains("--force"));
    }

    #[test]
    fn dropping_the_officers_entries_is_refused_and_named() {
        let mut wb = sample_workbook();
        let mut table = wb.table.clone();
        let dropped = table.indicators[3].children.remove(3);
        let old = wb
            .table
            .nth_mut(
                wb.table
                    .flatten()
                    .iter()
                    .position(|(_, i)| i.code == dropped.code)
                    .expect("old indicator"),
            )
            .expect("old node");
        old.entry = IndicatorEntry {
            officer_score: Some(1.into()),
            deduction_reason: "缺少满意度调查".into(),
            ..IndicatorEntry::default()
        };
        let report = apply_table(&mut wb, table);
        let Some(Refusal::DropsEntries(lost)) = refusal(&report) else {
            panic!("not refused: {report:?}");
        };
        assert_eq!(lost.len(), 1);
        assert_eq!(lost[0].code, dropped.code);
        assert_eq!(lost[0].held.zh, "得分、理由");
        let message = Refusal::DropsEntries(lost).describe();
        assert!(message.zh.contains(&dropped.code), "{}", message.zh);
        assert!(message.en.contains("score, reason"), "{}", message.en);
    }

    #[test]
    fn the_same_table_is_not_refused() {
        let mut wb = sample_workbook();
        let table = wb.table.clone();
        assert_eq!(refusal(&apply_table(&mut wb, table)), None);
    }
}

//! The inline editor: what is being edited, the typed text with its caret,
//! and how typed text becomes a stored value (or a reason why not).

use rust_decimal::Decimal;

use super::structure::targets::{count_text, parse_count};
use crate::core::Bilingual;
use crate::core::model::{FieldId, RuleKind, Workbook};
use crate::core::num::{NumberError, NumberRules, parse_number};

/// The value an editor writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum EditTarget {
    Field(FieldId),
    /// The officer's score of the indicator at this flatten index.
    OfficerScore(usize),
    Reason(usize),
    Evidence(usize),
    WorkloadValue(usize, usize),
    WorkloadTarget(usize, usize),
    WorkloadLastYear(usize, usize),
    PartValue(usize, usize, usize),
    /// The reviewer's score (review mode only; kept in the review file).
    ReviewerScore(usize),
    /// The reviewer's comment (review mode only).
    ReviewerComment(usize),
    /// A name, unit word, weight or the verifier (see `structure::targets`).
    Structure(super::structure::StructTarget),
    /// A line of the unit's identity (name, year, notice …).
    Unit(super::identity::UnitField),
    /// The 内设机构 at this position.
    Section(usize),
    /// A column of the evaluation team member at this position.
    Member(usize, super::identity::MemberColumn),
    /// A narrative section of the report (multi-line).
    Narrative(super::narrative::Section),
    /// A figure the report prints (self score, grade, a rate).
    Printed(super::printed::Printed),
}

impl EditTarget {
    /// Targets a reviewer may edit in review mode, where the workbook is read-only.
    #[must_use]
    pub fn is_review(self) -> bool {
        matches!(self, Self::ReviewerScore(_) | Self::ReviewerComment(_))
    }
}

/// A one-line editor. The caret is a char index, so it never splits a character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Editor {
    pub target: EditTarget,
    pub buffer: String,
    pub caret: usize,
    /// Why the current text cannot be stored, if it cannot.
    pub error: Option<Bilingual>,
}

impl Editor {
    /// Opens an editor holding `current`, caret at the end.
    #[must_use]
    pub fn new(target: EditTarget, current: String) -> Self {
        let caret = current.chars().count();
        Self {
            target,
            buffer: current,
            caret,
            error: None,
        }
    }

    fn byte_index(&self, char_index: usize) -> usize {
        self.buffer
            .char_indices()
            .nth(char_index)
            .map_or(self.buffer.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, ch: char) {
        let at = self.byte_index(self.caret);
        self.buffer.insert(at, ch);
        self.caret += 1;
    }

    /// Pasted text, one insertion: control characters go, except that a
    /// multi-line editor (report text) keeps the pasted line breaks.
    /// Terminals send a paste's line breaks as CR (xterm, VTE, tmux
    /// `paste-buffer`), so CR, CRLF and LF are each one break.
    pub fn insert_pasted(&mut self, text: &str) {
        let at = self.byte_index(self.caret);
        let multiline = is_multiline(self.target);
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        let kept: String = unified
            .chars()
            .filter(|&c| !c.is_control() || (multiline && c == '\n'))
            .collect();
        self.buffer.insert_str(at, &kept);
        self.caret += kept.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.caret > 0 {
            self.caret -= 1;
            let at = self.byte_index(self.caret);
            self.buffer.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.caret < self.buffer.chars().count() {
            let at = self.byte_index(self.caret);
            self.buffer.remove(at);
        }
    }

    pub fn clear(&mut self) {
        self.buffer.clear();
        self.caret = 0;
    }

    pub fn left(&mut self) {
        self.caret = self.caret.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.caret = (self.caret + 1).min(self.buffer.chars().count());
    }

    pub fn home(&mut self) {
        self.caret = 0;
    }

    pub fn end(&mut self) {
        self.caret = self.buffer.chars().count();
    }

    /// Applies a text-editing action (typing, deleting, caret moves). Returns
    /// false for any other action, which the caller handles.
    pub fn apply_key(&mut self, action: &super::Action) -> bool {
        use super::Action as A;
        match action {
            A::Input(ch) => self.insert(*ch),
            A::Paste(text) => self.insert_pasted(text),
            A::Newline if is_multiline(self.target) => self.insert('\n'),
            A::Backspace => self.backspace(),
            A::Delete => self.delete(),
            A::ClearInput => self.clear(),
            A::CaretLeft | A::Left => self.left(),
            A::CaretRight | A::Right => self.right(),
            A::CaretHome | A::Home => self.home(),
            A::CaretEnd | A::End => self.end(),
            _ => return false,
        }
        true
    }

    /// The text before the caret (its display width places the terminal cursor).
    #[must_use]
    pub fn before_caret(&self) -> &str {
        &self.buffer[..self.byte_index(self.caret)]
    }
}

fn number_error(e: &NumberError) -> Bilingual {
    Bilingual::new(e.zh(), e.en())
}

/// Text shown in the editor when it opens on `target`.
#[must_use]
pub fn current_text(wb: &Workbook, target: EditTarget) -> String {
    let dec = |v: Option<Decimal>| v.map(|d| d.to_string()).unwrap_or_default();
    match target {
        EditTarget::Field(f) => dec(f.get(wb)),
        EditTarget::OfficerScore(i) => {
            dec(indicator(wb, i).and_then(|ind| ind.entry.officer_score))
        }
        EditTarget::Reason(i) => indicator(wb, i)
            .map(|ind| ind.entry.deduction_reason.clone())
            .unwrap_or_default(),
        EditTarget::Evidence(i) => indicator(wb, i)
            .map(|ind| ind.entry.evidence.clone())
            .unwrap_or_default(),
        EditTarget::ReviewerScore(i) => {
            dec(indicator(wb, i).and_then(|ind| ind.entry.reviewer_score))
        }
        EditTarget::ReviewerComment(i) => indicator(wb, i)
            .map(|ind| ind.entry.reviewer_comment.clone())
            .unwrap_or_default(),
        EditTarget::Structure(s) => s.current_text(wb),
        EditTarget::WorkloadValue(g, i) => item(wb, g, i)
            .map(|it| count_text(it.value, it.lower_bound))
            .unwrap_or_default(),
        EditTarget::WorkloadTarget(g, i) => dec(item(wb, g, i).and_then(|it| it.target)),
        EditTarget::WorkloadLastYear(g, i) => dec(item(wb, g, i).and_then(|it| it.last_year)),
        EditTarget::PartValue(g, i, p) => item(wb, g, i)
            .and_then(|it| it.parts.get(p))
            .map(|part| count_text(part.value, part.lower_bound))
            .unwrap_or_default(),
        EditTarget::Unit(field) => field.get(wb),
        EditTarget::Section(i) => wb.unit.sections.get(i).cloned().unwrap_or_default(),
        EditTarget::Member(i, column) => wb
            .narrative
            .team
            .get(i)
            .map(|m| column.get(m).to_owned())
            .unwrap_or_default(),
        EditTarget::Narrative(section) => section.get(&wb.narrative).to_owned(),
        EditTarget::Printed(printed) => super::printed::get(wb, printed),
    }
}

fn indicator(wb: &Workbook, index: usize) -> Option<&crate::core::model::Indicator> {
    wb.table.flatten().get(index).map(|(_, ind)| *ind)
}

fn item(wb: &Workbook, g: usize, i: usize) -> Option<&crate::core::model::WorkloadItem> {
    wb.workload.get(g).and_then(|grp| grp.items.get(i))
}

/// Workload counts: up to 2 places (3.61 米), never negative.
const WORKLOAD_RULES: NumberRules = NumberRules {
    max_places: 2,
    allow_negative: false,
    max: None,
};

/// Parses `text` for `target` and stores it. On error nothing changes.
///
/// # Errors
/// Says, in both languages, why the text cannot be stored.
pub fn apply(wb: &mut Workbook, target: EditTarget, text: &str) -> Result<(), Bilingual> {
    let optional = |rules: NumberRules| -> Result<Option<Decimal>, Bilingual> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_number(text, rules)
                .map(Some)
                .map_err(|e| number_error(&e))
        }
    };
    match target {
        EditTarget::Field(f) => {
            let value = optional(f.kind().rules())?;
            if f.set(wb, value) {
                Ok(())
            } else {
                Err(number_error(&NumberError::TooLarge))
            }
        }
        EditTarget::OfficerScore(i) | EditTarget::ReviewerScore(i) => {
            let weight = indicator(wb, i).map(|ind| ind.weight).unwrap_or_default();
            let rules = NumberRules {
                max_places: 2,
                allow_negative: false,
                max: Some(weight),
            };
            let value = optional(rules)?;
            let ind = wb.table.nth_mut(i).ok_or_else(missing_row)?;
            if target.is_review() {
                ind.entry.reviewer_score = value;
            } else {
                ind.entry.officer_score = value;
            }
            Ok(())
        }
        EditTarget::ReviewerComment(i) => {
            let ind = wb.table.nth_mut(i).ok_or_else(missing_row)?;
            text.clone_into(&mut ind.entry.reviewer_comment);
            Ok(())
        }
        EditTarget::Reason(i) => {
            let ind = wb.table.nth_mut(i).ok_or_else(missing_row)?;
            text.clone_into(&mut ind.entry.deduction_reason);
            Ok(())
        }
        EditTarget::Evidence(i) => {
            let ind = wb.table.nth_mut(i).ok_or_else(missing_row)?;
            text.clone_into(&mut ind.entry.evidence);
            Ok(())
        }
        EditTarget::Structure(s) => s.apply(wb, text),
        EditTarget::WorkloadValue(g, i) => {
            let (value, lower_bound) =
                parse_count(text, WORKLOAD_RULES).map_err(|e| number_error(&e))?;
            let item = item_mut(wb, g, i)?;
            item.value = value;
            item.lower_bound = lower_bound;
            Ok(())
        }
        EditTarget::WorkloadTarget(g, i) => {
            let value = optional(WORKLOAD_RULES)?;
            item_mut(wb, g, i)?.target = value;
            Ok(())
        }
        EditTarget::WorkloadLastYear(g, i) => {
            let value = optional(WORKLOAD_RULES)?;
            item_mut(wb, g, i)?.last_year = value;
            Ok(())
        }
        EditTarget::PartValue(g, i, p) => {
            let (value, lower_bound) =
                parse_count(text, WORKLOAD_RULES).map_err(|e| number_error(&e))?;
            let part = item_mut(wb, g, i)?
                .parts
                .get_mut(p)
                .ok_or_else(missing_row)?;
            part.value = value;
            part.lower_bound = lower_bound;
            Ok(())
        }
        EditTarget::Unit(field) => field.set(wb, text),
        EditTarget::Section(i) => {
            let slot = wb.unit.sections.get_mut(i).ok_or_else(missing_row)?;
            text.trim().clone_into(slot);
            Ok(())
        }
        EditTarget::Member(i, column) => {
            let member = wb.narrative.team.get_mut(i).ok_or_else(missing_row)?;
            column.set(member, text);
            Ok(())
        }
        EditTarget::Narrative(section) => {
            section.set(&mut wb.narrative, text);
            Ok(())
        }
        EditTarget::Printed(printed) => super::printed::set(wb, printed, text),
    }
}

fn missing_row() -> Bilingual {
    Bilingual::new("该行已不存在", "that row no longer exists")
}

fn item_mut(
    wb: &mut Workbook,
    g: usize,
    i: usize,
) -> Result<&mut crate::core::model::WorkloadItem, Bilingual> {
    wb.workload
        .get_mut(g)
        .and_then(|grp| grp.items.get_mut(i))
        .ok_or_else(missing_row)
}

/// Whether the target holds free text (no number parsing).
#[must_use]
pub fn is_text(target: EditTarget) -> bool {
    match target {
        EditTarget::Structure(s) => s.is_text(),
        other => matches!(
            other,
            EditTarget::Reason(_)
                | EditTarget::Evidence(_)
                | EditTarget::ReviewerComment(_)
                | EditTarget::Unit(_)
                | EditTarget::Section(_)
                | EditTarget::Member(..)
                | EditTarget::Narrative(_)
        ),
    }
}

/// Whether the target holds several lines (Ctrl-N and paste insert newlines).
#[must_use]
pub fn is_multiline(target: EditTarget) -> bool {
    matches!(target, EditTarget::Narrative(_))
}

/// A pick-one (levels, categories) or pick-many (checklist) popup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// Flatten index of the indicator.
    pub indicator: usize,
    pub options: Vec<String>,
    pub cursor: usize,
    /// For checklists: which items failed. Empty for single choice.
    pub marked: Vec<bool>,
    pub multi: bool,
}

impl Choice {
    /// Builds the popup for an indicator whose rule is chosen by the officer.
    #[must_use]
    pub fn for_indicator(wb: &Workbook, index: usize) -> Option<Self> {
        let ind = indicator(wb, index)?;
        let rule = ind.rule.as_ref()?;
        match &rule.kind {
            RuleKind::Levels { levels } => {
                let options: Vec<String> = levels.iter().map(|l| l.label.clone()).collect();
                let cursor = ind
                    .entry
                    .choice
                    .as_ref()
                    .and_then(|c| options.iter().position(|o| o == c))
                    .unwrap_or(0);
                Some(Self {
                    indicator: index,
                    options,
                    cursor,
                    marked: Vec::new(),
                    multi: false,
                })
            }
            RuleKind::Categorical {
                source: crate::core::model::CategorySource::Officer,
                categories,
            } => {
                let cursor = ind
                    .entry
                    .choice
                    .as_ref()
                    .and_then(|c| categories.iter().position(|cat| &cat.key == c))
                    .unwrap_or(0);
                Some(Self {
                    indicator: index,
                    options: categories.iter().map(|c| c.label.clone()).collect(),
                    cursor,
                    marked: Vec::new(),
                    multi: false,
                })
            }
            RuleKind::Checklist { items, .. } => Some(Self {
                indicator: index,
                options: items.clone(),
                cursor: 0,
                marked: (0..items.len())
                    .map(|i| ind.entry.failed_items.contains(&i))
                    .collect(),
                multi: true,
            }),
            _ => None,
        }
    }

    /// Stores the choice in the workbook.
    pub fn apply(&self, wb: &mut Workbook) {
        let Some(ind) = wb.table.nth_mut(self.indicator) else {
            return;
        };
        let Some(rule) = ind.rule.clone() else { return };
        match rule.kind {
            RuleKind::Checklist { .. } => {
                ind.entry.failed_items = self
                    .marked
                    .iter()
                    .enumerate()
                    .filter(|(_, m)| **m)
                    .map(|(i, _)| i)
                    .collect();
            }
            RuleKind::Categorical { categories, .. } => {
                ind.entry.choice = categories.get(self.cursor).map(|c| c.key.clone());
            }
            _ => ind.entry.choice = self.options.get(self.cursor).cloned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;
    use rust_decimal_macros::dec;

    #[test]
    fn caret_moves_by_characters_on_chinese_text() {
        let mut e = Editor::new(EditTarget::Reason(0), "差异率".into());
        assert_eq!(e.caret, 3);
        e.left();
        e.insert('高');
        assert_eq!(e.buffer, "差异高率");
        assert_eq!(e.before_caret(), "差异高");
        e.home();
        e.delete();
        assert_eq!(e.buffer, "异高率");
        e.end();
        e.backspace();
        assert_eq!(e.buffer, "异高");
        e.clear();
        assert_eq!((e.buffer.as_str(), e.caret), ("", 0));
    }

    #[test]
    fn paste_is_one_insertion_and_keeps_lines_only_in_a_narrative() {
        use crate::app::narrative::Section;
        let mut one_line = Editor::new(EditTarget::Reason(0), "原因".into());
        one_line.left();
        one_line.insert_pasted("甲\r\n乙");
        assert_eq!(one_line.buffer, "原甲乙因");
        let mut text = Editor::new(EditTarget::Narrative(Section::Problems), String::new());
        text.insert_pasted("一是……\r\n二是……");
        assert_eq!(text.buffer, "一是……\n二是……");
        // A terminal's paste: line breaks as CR, and a CRLF still one break.
        text.insert_pasted("\r三是\r四是\r\n五是");
        assert_eq!(text.buffer, "一是……\n二是……\n三是\n四是\n五是");
        assert!(text.apply_key(&crate::app::Action::Newline));
        assert!(text.buffer.ends_with('\n'));
        assert!(!one_line.apply_key(&crate::app::Action::Newline));
    }

    #[test]
    fn bad_amount_keeps_old_value_and_says_why() {
        let mut wb = sample_workbook();
        let target = EditTarget::Field(FieldId::AppropriationIncomeBudget);
        let err = apply(&mut wb, target, "12a").expect_err("letters");
        assert!(err.zh.contains("不是数字"));
        assert_eq!(
            FieldId::AppropriationIncomeBudget.get(&wb),
            Some(dec!(731.80))
        );
        assert!(apply(&mut wb, target, "1.234").is_err());
        assert!(apply(&mut wb, target, "-1").is_err());
        apply(&mut wb, target, "１，２３４．５６").expect("full-width");
        assert_eq!(
            FieldId::AppropriationIncomeBudget.get(&wb),
            Some(dec!(1234.56))
        );
        apply(&mut wb, target, "").expect("clear");
        assert_eq!(FieldId::AppropriationIncomeBudget.get(&wb), None);
    }

    #[test]
    fn score_cannot_exceed_weight() {
        let mut wb = sample_workbook();
        let err = apply(&mut wb, EditTarget::OfficerScore(1), "6").expect_err("above 5");
        assert!(err.zh.contains("不能超过 5"));
        apply(&mut wb, EditTarget::OfficerScore(1), "4.5").expect("fine");
    }
}

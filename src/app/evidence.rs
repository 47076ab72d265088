//! The 佐证材料清单 dialog of an indicator (`E` on pane 3): its listed files
//! with what the store found of each, the workbook folder's files filtered by
//! typing; Enter on a folder file asks its title and pages and lists it (the
//! run loop hashes it), Del removes a listed file, Enter on a listed file
//! opens it with the system's viewer. No I/O here: listing, hashing and
//! opening are effects.

use super::{Action, App, Effect, Mode, StatusLine as _};
use crate::core::model::{EvidenceFile, FileFact};
use crate::i18n::texts;

texts! {
    pub TITLE: "佐证材料清单", "Evidence files";
    pub WHERE: "佐证材料清单在指标面板（3）的指标上按 E", "Evidence files: press E on an indicator of pane 3";
    pub FILTER: "筛选", "Filter";
    pub NONE_LISTED: "（尚未列出文件）", "(no file listed yet)";
    pub NO_FILES: "（工作簿所在文件夹中没有匹配的文件）", "(no matching file in the workbook's folder)";
    pub ASK_TITLE: "材料名称", "Title";
    pub ASK_PAGES: "页数（可空）", "Pages (may be empty)";
    pub KEYS: "输入筛选 · ↑↓ 选择 · Enter 列入/打开 · Del 移除 · Esc 关闭", "type to filter · ↑↓ select · Enter list/open · Del remove · Esc close";
    pub ADDED: "已列入佐证材料清单", "listed as evidence";
    pub REMOVED: "已从佐证材料清单移除", "removed from the evidence files";
    pub PRESENT: "✓", "✓";
    pub MISSING: "✗ 文件不存在", "✗ missing";
    pub CHANGED: "! 列入后已修改", "! changed since listed";
    pub UNREAD: "✗ 无法读取", "✗ cannot be read";
}

/// Where the dialog is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Moving over the listed files and the folder's, typing a filter.
    Browse,
    /// Typing the chosen file's title.
    Title { path: String, text: String },
    /// Typing its pages.
    Pages {
        path: String,
        title: String,
        text: String,
    },
}

/// The dialog's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceDialog {
    /// The indicator, as an index of `ScoringTable::flatten()`.
    pub indicator: usize,
    /// The files below the workbook's folder, relative, as the run loop listed them.
    pub files: Vec<String>,
    pub filter: String,
    /// Over the listed files first, then the matching folder files.
    pub cursor: usize,
    pub step: Step,
}

impl EvidenceDialog {
    /// The folder files the filter keeps (every word, any case).
    #[must_use]
    pub fn matching(&self) -> Vec<&str> {
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.files
            .iter()
            .filter(|f| {
                let lower = f.to_lowercase();
                words.iter().all(|w| lower.contains(w.as_str()))
            })
            .map(String::as_str)
            .collect()
    }
}

/// What the store found of a listed file, in words (`None`: not looked at).
#[must_use]
pub fn status_of(app: &App, file: &EvidenceFile) -> Option<crate::i18n::Tr> {
    Some(match app.evidence.get(&file.path)? {
        FileFact::Present { sha256 } if sha256.eq_ignore_ascii_case(&file.sha256) => PRESENT,
        FileFact::Present { .. } => CHANGED,
        FileFact::Missing => MISSING,
        FileFact::Unreadable { .. } => UNREAD,
    })
}

impl App {
    /// The files listed on indicator `i`.
    #[must_use]
    pub fn evidence_files_of(&self, i: usize) -> Vec<EvidenceFile> {
        self.workbook
            .table
            .flatten()
            .get(i)
            .map(|(_, ind)| ind.entry.evidence_files.clone())
            .unwrap_or_default()
    }

    /// `E`: asks the run loop for the folder's files, then opens the dialog.
    pub(super) fn open_evidence(&mut self) -> Effect {
        if self.pane != super::Pane::Indicators || self.selected_indicator().is_none() {
            self.info_tr(WHERE);
            return Effect::None;
        }
        if self.read_only.is_some() {
            // Read-only (a reviewer's drill-in): the list to look at and open, nothing to add.
            self.evidence_files_listed(Vec::new());
            return Effect::None;
        }
        Effect::ListEvidenceFiles
    }

    /// The run loop listed the folder: the dialog opens on the selected indicator.
    fn evidence_files_listed(&mut self, files: Vec<String>) {
        let Some(indicator) = self.selected_indicator() else {
            return;
        };
        self.mode = Mode::Evidence(Box::new(EvidenceDialog {
            indicator,
            files,
            filter: String::new(),
            cursor: 0,
            step: Step::Browse,
        }));
    }

    /// The run loop hashed a chosen file: listed as one undo step.
    fn evidence_hashed(
        &mut self,
        indicator: usize,
        file: EvidenceFile,
        result: Result<String, String>,
    ) {
        let sha256 = match result {
            Ok(sha256) => sha256,
            Err(why) => {
                self.error(why);
                return;
            }
        };
        let mut after = self.workbook.clone();
        let Some(ind) = after.table.nth_mut(indicator) else {
            return;
        };
        let listed = EvidenceFile {
            sha256: sha256.clone(),
            ..file
        };
        ind.entry.evidence_files.retain(|f| f.path != listed.path);
        self.evidence
            .insert(listed.path.clone(), FileFact::Present { sha256 });
        ind.entry.evidence_files.push(listed);
        let before = std::mem::replace(&mut self.workbook, after);
        self.push_undo(before);
        self.recompute();
        self.info_tr(ADDED);
    }

    fn remove_evidence(&mut self, indicator: usize, at: usize) {
        let mut after = self.workbook.clone();
        let Some(ind) = after.table.nth_mut(indicator) else {
            return;
        };
        if at >= ind.entry.evidence_files.len() {
            return;
        }
        ind.entry.evidence_files.remove(at);
        let before = std::mem::replace(&mut self.workbook, after);
        self.push_undo(before);
        self.recompute();
        self.info_tr(REMOVED);
    }

    /// The run loop's answers: the folder listed, a file hashed, every listed file looked at.
    pub(super) fn on_evidence(&mut self, action: Action) {
        match action {
            Action::EvidenceFiles(files) => self.evidence_files_listed(files),
            Action::EvidenceHashed {
                indicator,
                file,
                result,
            } => self.evidence_hashed(indicator, file, result),
            Action::EvidenceOpenFailed(why) => self.error(why),
            Action::EvidenceChecked(facts) => {
                self.evidence = facts;
                self.recompute();
            }
            _ => {}
        }
    }

    /// The dialog's keys.
    pub(super) fn update_evidence(&mut self, action: &Action) -> Effect {
        let Mode::Evidence(dialog) = &mut self.mode else {
            return Effect::None;
        };
        let indicator = dialog.indicator;
        let listed = self.evidence_files_of(indicator).len();
        let Mode::Evidence(dialog) = &mut self.mode else {
            return Effect::None;
        };
        match &mut dialog.step {
            Step::Browse => {}
            Step::Title { path, text } => {
                match action {
                    Action::Input(ch) => text.push(*ch),
                    Action::Backspace => {
                        text.pop();
                    }
                    Action::ClearInput => text.clear(),
                    Action::Commit if !text.trim().is_empty() => {
                        let (path, title) = (path.clone(), text.trim().to_owned());
                        dialog.step = Step::Pages {
                            path,
                            title,
                            text: String::new(),
                        };
                    }
                    Action::Cancel => dialog.step = Step::Browse,
                    _ => {}
                }
                return Effect::None;
            }
            Step::Pages { path, title, text } => {
                match action {
                    Action::Input(ch) => text.push(*ch),
                    Action::Backspace => {
                        text.pop();
                    }
                    Action::ClearInput => text.clear(),
                    Action::Commit => {
                        let file = EvidenceFile {
                            path: path.clone(),
                            title: title.clone(),
                            pages: text.trim().to_owned(),
                            sha256: String::new(),
                        };
                        dialog.step = Step::Browse;
                        return Effect::HashEvidence { indicator, file };
                    }
                    Action::Cancel => dialog.step = Step::Browse,
                    _ => {}
                }
                return Effect::None;
            }
        }
        let total = listed + dialog.matching().len();
        match action {
            Action::Up => dialog.cursor = dialog.cursor.saturating_sub(1),
            Action::Down => dialog.cursor = (dialog.cursor + 1).min(total.saturating_sub(1)),
            Action::Input(ch) => {
                dialog.filter.push(*ch);
                dialog.cursor = listed;
            }
            Action::Backspace => {
                dialog.filter.pop();
                dialog.cursor = listed;
            }
            Action::ClearInput => dialog.filter.clear(),
            Action::Cancel => self.mode = Mode::Browse,
            Action::Delete | Action::Commit
                if self.read_only.is_some()
                    && (dialog.cursor >= listed || *action == Action::Delete) =>
            {
                self.refuse_if_read_only();
            }
            Action::Delete if dialog.cursor < listed => {
                let at = dialog.cursor;
                dialog.cursor = at.saturating_sub(1);
                self.remove_evidence(indicator, at);
            }
            Action::Commit if dialog.cursor < listed => {
                let at = dialog.cursor;
                let path = self.evidence_files_of(indicator)[at].path.clone();
                return Effect::OpenEvidence { path };
            }
            Action::Commit => {
                let chosen = dialog
                    .matching()
                    .get(dialog.cursor - listed)
                    .map(|p| (*p).to_owned());
                if let Some(path) = chosen {
                    let stem = std::path::Path::new(&path)
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    dialog.step = Step::Title { path, text: stem };
                }
            }
            _ => {}
        }
        Effect::None
    }
}

//! The workbench's I/O side: the document on disk, the recovery journal and
//! its debounce, the emergency stash for panics. The app stays pure; this
//! carries out its effects and feeds the results back as actions.

use std::fmt::Write as _;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::app::{Action, App, Effect, ModeKind, Origin, RecoveryOffer};
use crate::core::Bilingual;
use crate::core::Lang;
use crate::core::compare::{self, Opened};
use crate::store::{
    self, Debounce, Document, Draft, EmergencyStash, Journal, Recovered, RecoveryWriter, SaveFault,
};

/// Recovery is written this long after the last edit (a burst of keys is
/// one write) …
const QUIET: Duration = Duration::from_millis(300);
/// … or at the latest this long after the first unwritten one.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// The document being edited and what keeps its edits safe.
pub struct Session {
    pub document: Document,
    journal: Option<Journal>,
    writer: Option<RecoveryWriter>,
    debounce: Debounce,
    pub stash: EmergencyStash,
    seen_generation: u64,
    /// The open editor's text as last seen, to notice a changed draft.
    seen_draft: Option<(String, String)>,
    /// Recovery files of ended instances still to be offered, newest first.
    pending_offers: Vec<Recovered>,
    /// Offered files this instance took over: removed once its own journal
    /// holds the edits, or they are saved or dropped.
    adopted: Vec<PathBuf>,
    /// Recovery files are still to be looked for (`open_deferred`).
    scan_deferred: bool,
    /// Opens an evidence file with the system's viewer (tests put a recorder here).
    pub opener: super::opener::Opener,
    /// The listed evidence files are still to be looked at (after the first frame).
    evidence_pending: bool,
}

impl Session {
    /// A session for `document`; `journal` is where recovery files go
    /// (`None`: no recovery, e.g. when there is no data folder).
    #[must_use]
    pub fn new(document: Document, journal: Option<Journal>) -> Self {
        let writer = journal.as_ref().and_then(|j| j.writer_for(&document));
        Self {
            document,
            journal,
            writer,
            debounce: Debounce::new(QUIET, MAX_WAIT),
            stash: EmergencyStash::new(),
            seen_generation: 0,
            seen_draft: None,
            pending_offers: Vec::new(),
            adopted: Vec::new(),
            scan_deferred: false,
            opener: super::opener::system,
            evidence_pending: true,
        }
    }

    /// Opens `path` and builds the app over it, with the read-only reason and
    /// the recovery offer when an earlier session left unsaved edits.
    ///
    /// # Errors
    /// The file exists but cannot be read; the message names file, line and column.
    pub fn open(
        path: &Path,
        journal: Option<Journal>,
        lang: Lang,
    ) -> Result<(Self, App), Bilingual> {
        let (mut session, mut app) = Self::open_deferred(path, journal, lang)?;
        session.look_for_recovery(&mut app);
        Ok((session, app))
    }

    /// As [`Session::open`], but recovery files are looked for only by
    /// [`Session::look_for_recovery`]: the run loop calls it after the
    /// first frame, which does not need them.
    ///
    /// # Errors
    /// The file exists but cannot be read; the message names file, line and column.
    pub fn open_deferred(
        path: &Path,
        journal: Option<Journal>,
        lang: Lang,
    ) -> Result<(Self, App), Bilingual> {
        let opened = store::open(path).map_err(|e| e.describe())?;
        let document = opened.document;
        let origin = match document.origin() {
            store::Origin::File => Origin::File,
            store::Origin::NewFromSample => Origin::NewFile,
        };
        let mut app = App::new(opened.workbook, document.path().to_path_buf(), origin, lang);
        if let Some(reason) = document.read_only() {
            app.update(Action::OpenedReadOnly(reason.describe(document.path())));
        }
        let mut session = Self::new(document, journal);
        session.scan_deferred = app.read_only.is_none();
        Ok((session, app))
    }

    /// Whether recovery files are still to be looked for.
    #[must_use]
    pub fn scan_pending(&self) -> bool {
        self.scan_deferred
    }

    /// Offers what an ended instance left, if [`Session::open_deferred`]
    /// left that to now; otherwise nothing.
    pub fn look_for_recovery(&mut self, app: &mut App) {
        if std::mem::take(&mut self.scan_deferred) {
            self.offer_recovery(app);
        }
    }

    /// Queues every recovery file of an ended instance for this workbook and
    /// offers the newest.
    pub(crate) fn offer_recovery(&mut self, app: &mut App) {
        let Some(journal) = &self.journal else { return };
        // Newest last, so `pop` offers the newest first.
        let mut found: Vec<Recovered> = journal
            .find_recoveries(self.document.path())
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        found.reverse();
        self.pending_offers = found;
        self.offer_next(app);
    }

    /// Offers the next recovery file, when no offer is open.
    fn offer_next(&mut self, app: &mut App) {
        if app.mode.kind() == ModeKind::RecoveryOffer {
            return;
        }
        let Some(recovered) = self.pending_offers.pop() else {
            return;
        };
        self.adopted.push(recovered.file.clone());
        let offer = self.offer_for(app, recovered);
        app.update(Action::OfferRecovery(Box::new(offer)));
    }

    fn offer_for(&self, app: &App, recovered: Recovered) -> RecoveryOffer {
        let mut summary = recovered.describe(SystemTime::now());
        if !recovered.base_matches(self.document.stamp()) {
            summary
                .zh
                .push_str("（注意：保存的文件在这之后又被修改过）");
            summary
                .en
                .push_str(" (note: the saved file changed after that)");
        }
        if !self.pending_offers.is_empty() {
            let more = self.pending_offers.len();
            let _ = write!(summary.zh, "（另有 {more} 份较早的恢复文件，随后逐一询问）");
            let _ = write!(
                summary.en,
                " ({more} older recovery file(s) will be offered next)"
            );
        }
        let differences = differences(&app.workbook, &recovered.loaded.workbook, app.lang);
        let draft = recovered.draft.and_then(|d| {
            let target = serde_json::from_value(d.target?).ok()?;
            Some((target, d.text))
        });
        RecoveryOffer {
            workbook: recovered.loaded.workbook,
            draft,
            summary,
            differences,
            show_differences: false,
            scroll: 0,
        }
    }

    /// How long the run loop may wait for input before the recovery is due;
    /// `None` (wait for input only) while nothing unsaved waits for it.
    #[must_use]
    pub fn poll_timeout(&self, now: Instant) -> Option<Duration> {
        self.debounce.time_left(now)
    }

    /// Call after every action: notes edits, writes the recovery when due,
    /// and removes it when the edits are gone (saved or undone).
    pub fn after_update(&mut self, app: &mut App, now: Instant) {
        self.offer_next(app);
        let Some(writer) = self.writer.clone() else {
            return;
        };
        let draft = app.draft();
        if app.generation != self.seen_generation || draft != self.seen_draft {
            self.seen_generation = app.generation;
            self.seen_draft = draft;
            if app.dirty || self.seen_draft.is_some() {
                let json = self.document.to_json(app.committed_workbook());
                self.stash.stage(&writer, json);
                self.debounce.edited(now);
            } else {
                self.forget_recovery();
            }
        }
        if self.debounce.is_due(now) {
            if app.dirty || self.seen_draft.is_some() {
                self.write_recovery(&writer, app, now);
            } else {
                self.debounce.flushed();
            }
        }
    }

    /// One recovery write; the header shows a failure until one succeeds.
    fn write_recovery(&mut self, writer: &RecoveryWriter, app: &mut App, now: Instant) {
        let draft = self.seen_draft.as_ref().map(|(field, text)| Draft {
            field: field.clone(),
            text: text.clone(),
            target: app.draft_target(),
        });
        let json = self.document.to_json(app.committed_workbook());
        match writer.write_with_draft(&json, draft.as_ref()) {
            Ok(_) => {
                self.debounce.flushed();
                // Our own journal now holds the edits taken over.
                self.remove_adopted();
                if app.recovery_problem.is_some() {
                    app.update(Action::RecoveryWritten(Ok(())));
                }
            }
            Err(e) => {
                self.debounce.retry_later(now);
                let why = e.describe().get(app.lang).to_owned();
                if app.recovery_problem.as_ref() != Some(&why) {
                    app.update(Action::RecoveryWritten(Err(why)));
                }
            }
        }
    }

    fn remove_adopted(&mut self) {
        let Some(journal) = &self.journal else { return };
        let own = self.writer.as_ref().map(|w| w.location().to_path_buf());
        self.adopted
            .retain(|file| Some(file) != own.as_ref() && journal.remove_file(file).is_err());
    }

    /// Writes the recovery now (signal or panic path); returns where.
    pub fn flush_recovery(&mut self, app: &App) -> Option<PathBuf> {
        let writer = self.writer.as_ref()?;
        if !app.dirty && app.draft().is_none() {
            return None;
        }
        let draft = app.draft().map(|(field, text)| Draft {
            field,
            text,
            target: app.draft_target(),
        });
        writer
            .write_with_draft(
                &self.document.to_json(app.committed_workbook()),
                draft.as_ref(),
            )
            .ok()
    }

    /// Removes this instance's recovery file (and those it took over): the
    /// edits are saved or deliberately dropped. Other instances' files stay.
    pub fn forget_recovery(&mut self) {
        self.stash.clear();
        self.debounce.flushed();
        if let Some(writer) = &self.writer {
            let _ = writer.remove_recovery();
        }
        if self.pending_offers.is_empty() {
            self.remove_adopted();
        }
    }

    /// Carries out an effect of the app and feeds the outcome back.
    pub fn perform(&mut self, app: &mut App, effect: &Effect) {
        let result = match effect {
            Effect::None | Effect::Quit => return,
            Effect::ListEvidenceFiles
            | Effect::HashEvidence { .. }
            | Effect::OpenEvidence { .. } => {
                self.perform_evidence(app, effect);
                return;
            }
            Effect::Save => self.document.save(&app.workbook),
            Effect::SaveOverwrite => self.document.save_overwriting(&app.workbook),
            Effect::SaveAs { path } => {
                let old_writer = self.writer.take();
                let result = self.document.save_as(path, &app.workbook, false);
                if result.is_ok() {
                    if let Some(old) = old_writer {
                        let _ = old.remove_recovery();
                    }
                    self.writer = self
                        .journal
                        .as_ref()
                        .and_then(|j| j.writer_for(&self.document));
                } else {
                    self.writer = old_writer;
                }
                result
            }
            Effect::Export { path, replace } => {
                let inputs = [self.document.path().to_path_buf()];
                let rule = store::WriteRule::new(store::Existing::replace_if(*replace), &inputs);
                let action = match export(path, &app.workbook, &app.derived, app.lang, rule) {
                    Ok(()) => Action::Exported(Ok(path.clone())),
                    Err(crate::export::ExportError::Save(e))
                        if e.fault == SaveFault::AlreadyExists =>
                    {
                        Action::ExportExists(path.clone())
                    }
                    Err(crate::export::ExportError::Save(e)) => {
                        Action::Exported(Err(e.describe_for_command().get(app.lang).to_owned()))
                    }
                    Err(e) => Action::Exported(Err(e.to_string())),
                };
                app.update(action);
                return;
            }
            Effect::Reload => {
                let outcome = self
                    .document
                    .reload()
                    .map_err(|e| e.describe().get(app.lang).to_owned());
                let action = match outcome {
                    Ok(opened) => {
                        self.document = opened.document;
                        Action::Reloaded(Ok(Box::new(opened.workbook)))
                    }
                    Err(why) => Action::Reloaded(Err(why)),
                };
                app.update(action);
                return;
            }
        };
        match result {
            Ok(_) => {
                self.forget_recovery();
                app.update(Action::Saved(Ok(self.document.path().to_path_buf())));
            }
            Err(e) if e.fault == SaveFault::ChangedOnDisk => {
                let suggestion = store::free_sibling(self.document.path(), "mine");
                app.update(Action::SaveConflict { suggestion });
            }
            Err(e) => {
                app.update(Action::Saved(Err(e.describe().get(app.lang).to_owned())));
            }
        }
    }
}

impl Session {
    /// The folder evidence paths are relative to: the workbook's.
    fn evidence_base(&self) -> PathBuf {
        store::evidence::base_of(self.document.path())
    }

    /// Looks at the listed evidence files once, after the first frame (a
    /// unit's scans may be large; the workbook is on screen meanwhile).
    /// Returns whether it did.
    pub fn check_evidence_once(&mut self, app: &mut App) -> bool {
        if !std::mem::take(&mut self.evidence_pending) {
            return false;
        }
        if crate::core::model::evidence::listed(&app.workbook).is_empty() {
            return false;
        }
        self.check_evidence(app);
        true
    }

    /// Every listed evidence file looked at again, for the checks.
    pub fn check_evidence(&self, app: &mut App) {
        let facts = store::evidence::facts(self.document.path(), &app.workbook);
        app.update(Action::EvidenceChecked(facts));
    }

    /// The evidence effects: list the folder, hash a chosen file, open one.
    fn perform_evidence(&self, app: &mut App, effect: &Effect) {
        let base = self.evidence_base();
        match effect {
            Effect::ListEvidenceFiles => {
                let files = store::evidence::files_below(&base, self.document.path());
                app.update(Action::EvidenceFiles(files));
            }
            Effect::HashEvidence { indicator, file } => {
                let result = store::evidence::resolve(&base, &file.path)
                    .ok_or_else(|| format!("{}: outside the workbook's folder", file.path))
                    .and_then(|path| {
                        store::evidence::hash_file(&path).map_err(|e| format!("{}：{e}", file.path))
                    });
                app.update(Action::EvidenceHashed {
                    indicator: *indicator,
                    file: file.clone(),
                    result,
                });
            }
            Effect::OpenEvidence { path } => {
                let opened = store::evidence::resolve(&base, path)
                    .filter(|p| p.is_file())
                    .ok_or_else(|| std::io::Error::from(std::io::ErrorKind::NotFound))
                    .and_then(|p| (self.opener)(&p));
                if let Err(e) = opened {
                    app.update(Action::EvidenceOpenFailed(format!("{path}：{e}")));
                }
            }
            _ => {}
        }
    }
}

/// The differences between two workbooks, one line each ("label: a → b").
#[must_use]
pub fn differences(
    saved: &crate::core::model::Workbook,
    other: &crate::core::model::Workbook,
    lang: Lang,
) -> Vec<String> {
    let left = Opened {
        derived: crate::core::engine::derive(saved),
        workbook: saved.clone(),
    };
    let right = Opened {
        derived: crate::core::engine::derive(other),
        workbook: other.clone(),
    };
    compare::diff(&left, &right, lang)
        .sections
        .iter()
        .flat_map(|s| s.lines.iter().filter(|l| l.differs))
        .map(|l| format!("{}：{} → {}", l.label.get(lang), l.left, l.right))
        .collect()
}

/// Writes the export the path's extension names (`export::format`): a
/// folder of CSV tables when it has none.
///
/// # Errors
/// Why the export could not be written.
pub fn export(
    path: &Path,
    wb: &crate::core::model::Workbook,
    derived: &crate::core::engine::Derived,
    lang: Lang,
    rule: store::WriteRule<'_>,
) -> Result<(), crate::export::ExportError> {
    let format = crate::export::format::for_prompt_path(path)
        .map_err(crate::export::ExportError::Refused)?;
    let request = crate::export::format::ExportRequest {
        wb,
        derived,
        lang,
        with_checks: false,
        rule,
    };
    (format.write)(path, &request)
}

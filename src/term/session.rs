//! The workbench's I/O side: the document on disk, the recovery journal and
//! its debounce, the emergency stash for panics. The app stays pure; this
//! carries out its effects and feeds the results back as actions.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::app::{Action, App, Effect, Mode, Origin, RecoveryOffer};
use crate::core::Bilingual;
use crate::core::Lang;
use crate::review::compare;
use crate::review::scan::Opened as ReviewOpened;
use crate::store::{self, Debounce, Document, EmergencyStash, Journal, RecoveryWriter, SaveFault};

/// Recovery is written this long after the last edit …
const QUIET: Duration = Duration::from_secs(3);
/// … or at the latest this long after the first unwritten one.
const MAX_WAIT: Duration = Duration::from_secs(30);

/// The document being edited and what keeps its edits safe.
pub struct Session {
    pub document: Document,
    journal: Option<Journal>,
    writer: Option<RecoveryWriter>,
    debounce: Debounce,
    pub stash: EmergencyStash,
    seen_generation: u64,
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
        let opened = store::open(path).map_err(|e| e.describe())?;
        let document = opened.document;
        let origin = match document.origin() {
            store::Origin::File => Origin::File,
            store::Origin::NewFromSample => Origin::NewFile,
        };
        let mut app = App::new(opened.workbook, document.path().to_path_buf(), origin, lang);
        if let Some(reason) = document.read_only() {
            let why = reason.describe(document.path());
            app.status = Some(crate::app::Status {
                text: why.get(lang).to_owned(),
                is_error: true,
            });
            app.read_only = Some(why);
        }
        let session = Self::new(document, journal);
        if app.read_only.is_none() {
            session.offer_recovery(&mut app);
        }
        Ok((session, app))
    }

    pub(crate) fn offer_recovery(&self, app: &mut App) {
        let Some(journal) = &self.journal else { return };
        let Ok(Some(recovered)) = journal.find_recovery(self.document.path()) else {
            return;
        };
        let mut summary = recovered.describe(SystemTime::now());
        if !recovered.base_matches(self.document.stamp()) {
            summary
                .zh
                .push_str("（注意：保存的文件在这之后又被修改过）");
            summary
                .en
                .push_str(" (note: the saved file changed after that)");
        }
        let differences = differences(&app.workbook, &recovered.loaded.workbook, app.lang);
        app.mode = Mode::RecoveryOffer(Box::new(RecoveryOffer {
            workbook: recovered.loaded.workbook,
            summary,
            differences,
            show_differences: false,
            scroll: 0,
        }));
    }

    /// How long the run loop may wait for input before the recovery is due.
    #[must_use]
    pub fn poll_timeout(&self, now: Instant) -> Duration {
        self.debounce
            .time_left(now)
            .map_or(Duration::from_millis(500), |left| {
                left.min(Duration::from_millis(500))
            })
    }

    /// Call after every action: notes edits, writes the recovery when due,
    /// and removes it when the edits are gone (saved or undone).
    pub fn after_update(&mut self, app: &App, now: Instant) {
        let Some(writer) = self.writer.clone() else {
            return;
        };
        if app.generation != self.seen_generation {
            self.seen_generation = app.generation;
            if app.dirty {
                self.stash
                    .stage(&writer, self.document.to_json(&app.workbook));
                self.debounce.edited(now);
            } else {
                self.forget_recovery();
            }
        }
        if self.debounce.is_due(now) {
            if app.dirty {
                match writer.write_recovery(&self.document.to_json(&app.workbook)) {
                    Ok(_) => self.debounce.flushed(),
                    Err(_) => self.debounce.retry_later(now),
                }
            } else {
                self.debounce.flushed();
            }
        }
    }

    /// Writes the recovery now (signal or panic path); returns where.
    pub fn flush_recovery(&mut self, app: &App) -> Option<PathBuf> {
        let writer = self.writer.as_ref()?;
        if !app.dirty {
            return None;
        }
        writer
            .write_recovery(&self.document.to_json(&app.workbook))
            .ok()
    }

    /// Removes the recovery file: the edits are saved or deliberately dropped.
    pub fn forget_recovery(&mut self) {
        self.stash.clear();
        self.debounce.flushed();
        if let Some(writer) = &self.writer {
            let _ = writer.remove_recovery();
        }
    }

    /// Carries out an effect of the app and feeds the outcome back.
    pub fn perform(&mut self, app: &mut App, effect: &Effect) {
        let result = match effect {
            Effect::None | Effect::Quit => return,
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
            Effect::Export { path } => {
                let result = export(path, &app.workbook, &app.derived, app.lang)
                    .map(|()| path.clone())
                    .map_err(|e| e.to_string());
                app.update(Action::Exported(result));
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

/// The differences between two workbooks, one line each ("label: a → b").
#[must_use]
pub fn differences(
    saved: &crate::core::model::Workbook,
    other: &crate::core::model::Workbook,
    lang: Lang,
) -> Vec<String> {
    let left = ReviewOpened {
        derived: crate::core::engine::derive(saved),
        workbook: saved.clone(),
    };
    let right = ReviewOpened {
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
) -> Result<(), crate::export::ExportError> {
    let format = crate::export::format::for_prompt_path(path)
        .map_err(crate::export::ExportError::Refused)?;
    let request = crate::export::format::ExportRequest {
        wb,
        derived,
        lang,
        with_checks: false,
    };
    (format.write)(path, &request)
}

//! A review session: the named workbooks, their reviews and the overview,
//! kept in step. The TUI holds one and calls it per key; everything here is
//! cheap except `open` (reads and derives every file). Reviewer mode's app
//! holds one as plain data; the run loop does the writes (`pending_writes`,
//! `PendingWrite::write`, `export::write_sheets`). `save` and the `export_*`
//! helpers are for the command line and tests.

use std::path::{Path, PathBuf};

use super::digest::WorkbookDigest;
use super::export::{self, ExportFormat, Sheet};
use super::overview::{self, Overview, OverviewRow};
use super::reviews::{Bureau, IndicatorNote, ReviewStatus, WorkbookReview};
use super::scan::{self, Entry};
use super::stats::{self, Footer};
use super::store::ReviewBook;
use super::view::{self, Filter, Sort};
use crate::core::{Bilingual, Lang};

/// Everything reviewer mode shows and changes.
#[derive(Debug, Clone, Default)]
pub struct ReviewSession {
    /// One per named workbook file, in the order named.
    pub entries: Vec<Entry>,
    /// Things to tell the reviewer: empty folders, skipped files, review
    /// files that could not be read.
    pub notes: Vec<Bilingual>,
    pub reviews: ReviewBook,
    /// `overview.rows[i]` belongs to `entries[i]`.
    pub overview: Overview,
    /// Today as `YYYY-MM-DD`, given by the run loop's clock (the session
    /// reads no clock): the date of a send-back round and of the documents.
    pub today: String,
}

fn no_row(row: usize) -> Bilingual {
    Bilingual::new(format!("没有第 {row} 行"), format!("no row {row}"))
}

fn not_opened(entry: &Entry) -> Bilingual {
    let name = &entry.file_name;
    Bilingual::new(
        format!("{name} 未能打开，不能审核"),
        format!("{name} could not be opened and cannot be reviewed"),
    )
}

impl ReviewSession {
    /// Scans `paths`, loads every workbook and its folder's review file.
    #[must_use]
    pub fn open(paths: &[PathBuf]) -> Self {
        let (mut session, pending) = Self::open_deferred(paths);
        session.hashed(pending.finish());
        session
    }

    /// As [`ReviewSession::open`], with the hashes of workbooks no review
    /// names held back: the first frame needs none of them. The run loop
    /// finishes them before the first key ([`ReviewSession::hashed`]).
    #[must_use]
    pub fn open_deferred(paths: &[PathBuf]) -> (Self, scan::PendingHashes) {
        let (files, mut notes) = scan::expand(paths);
        let jobs = scan::jobs(&files);
        let reviews = ReviewBook::load_folders(jobs.iter().map(|(_, folder)| folder.as_path()));
        let hash_now = |folder: &Path, name: &str| reviews.is_recorded(folder, name);
        let deferral = scan::Deferral::new(&hash_now, scan::Deferral::BUDGET);
        let (entries, pending) = scan::load_all_deferring(&jobs, &deferral);
        notes.extend(reviews.problems());
        if entries.is_empty() {
            notes.push(Bilingual::new(
                "没有可审核的工作簿",
                "there are no workbooks to review",
            ));
        }
        let overview = overview::build(&entries, &reviews);
        let session = Self {
            entries,
            notes,
            reviews,
            overview,
            today: String::new(),
        };
        (session, pending)
    }

    /// Records the hashes held back at opening: (entry index, SHA-256 hex).
    pub fn hashed(&mut self, hashes: Vec<(usize, String)>) {
        for (i, hash) in hashes {
            if let Some(entry) = self.entries.get_mut(i) {
                entry.sha256 = Some(hash);
            }
        }
    }

    #[must_use]
    pub fn rows(&self) -> &[OverviewRow] {
        &self.overview.rows
    }

    /// Row indices that `filter` keeps, in `sort` order.
    #[must_use]
    pub fn view(&self, filter: &Filter, sort: Option<Sort>) -> Vec<usize> {
        view::view(&self.overview.rows, filter, sort)
    }

    /// Totals and averages of the rows in `view`.
    #[must_use]
    pub fn footer(&self, view: &[usize]) -> Footer {
        stats::footer(&self.overview.rows, view, self.overview.top_levels.len())
    }

    /// What the overview keeps of a row's workbook, when it opened.
    #[must_use]
    pub fn digest(&self, row: usize) -> Option<&WorkbookDigest> {
        self.entries.get(row).and_then(Entry::digest)
    }

    /// The review recorded for a row.
    #[must_use]
    pub fn review(&self, row: usize) -> Option<&WorkbookReview> {
        self.entries.get(row).and_then(|e| self.reviews.get(e))
    }

    /// Applies `change` to a row's review, notes the workbook content the
    /// review now refers to, and refreshes the row.
    fn edit<T>(
        &mut self,
        row: usize,
        change: impl FnOnce(&mut WorkbookReview, &WorkbookDigest) -> Result<T, Bilingual>,
    ) -> Result<T, Bilingual> {
        let entry = self.entries.get(row).ok_or_else(|| no_row(row))?;
        let summary = entry.digest().ok_or_else(|| not_opened(entry))?;
        let mut draft = self.reviews.get(entry).cloned().unwrap_or_default();
        let result = change(&mut draft, summary)?;
        draft.touch_identity(
            entry.sha256.as_deref().unwrap_or_default(),
            &summary.unit,
            summary.year,
        );
        if self.reviews.get(entry) != Some(&draft) {
            *self.reviews.edit(entry)? = draft;
        }
        if let Some(r) = self.overview.rows.get_mut(row) {
            overview::apply_review(r, entry, self.reviews.get(entry));
        }
        Ok(result)
    }

    /// Takes back the unsaved review files a crashed or killed session left
    /// (`store::ReviewJournal::left_behind`); returns how many were taken
    /// and whether any was left out because its review file changed since.
    pub fn restore_unsaved(&mut self, unsaved: &[crate::store::UnsavedReview]) -> (usize, bool) {
        let mut restored = 0;
        let mut left_out = false;
        for review in unsaved {
            match self
                .reviews
                .restore(&review.path, review.base_sha256.as_deref(), &review.text)
            {
                Ok(true) => restored += 1,
                Ok(false) | Err(_) => left_out = true,
            }
        }
        for (row, entry) in self.overview.rows.iter_mut().zip(&self.entries) {
            overview::apply_review(row, entry, self.reviews.get(entry));
        }
        (restored, left_out)
    }

    /// The changed review files as the recovery file keeps them.
    #[must_use]
    pub fn unsaved_reviews(&self) -> Vec<crate::store::UnsavedReview> {
        self.reviews
            .pending_writes()
            .0
            .into_iter()
            .map(|w| crate::store::UnsavedReview {
                path: w.path,
                base_sha256: w.expected_sha256,
                text: w.text,
            })
            .collect()
    }

    /// Sets a row's review status.
    ///
    /// # Errors
    /// When the row did not open or its folder's review file is unreadable.
    pub fn set_status(&mut self, row: usize, status: ReviewStatus) -> Result<(), Bilingual> {
        let today = self.today.clone();
        self.edit(row, |r, _| {
            r.change_status(status, &today);
            Ok(())
        })
    }

    /// Sets (empty text clears) the review score of leaf `code`: typed text,
    /// at most 2 places, within 0..=weight.
    ///
    /// # Errors
    /// Says why the text or the indicator is not acceptable.
    pub fn set_score(&mut self, row: usize, code: &str, text: &str) -> Result<(), Bilingual> {
        self.edit(row, |r, o| r.set_score(&*o.shape, code, text).map(|_| ()))
    }

    /// Sets the reviewer's comment or the send-back reason (退回原因) on
    /// indicator `code`.
    ///
    /// # Errors
    /// When the workbook has no such indicator.
    pub fn set_indicator_note(
        &mut self,
        row: usize,
        code: &str,
        note: IndicatorNote,
        text: &str,
    ) -> Result<(), Bilingual> {
        self.edit(row, |r, o| {
            r.set_indicator_note(&*o.shape, code, note, text)?;
            r.sync_round();
            Ok(())
        })
    }

    /// Sends a row back (status 退回) with the unit's reason; empty text keeps
    /// the status and clears the reason.
    ///
    /// # Errors
    /// When the row did not open or its folder's review file is unreadable.
    pub fn set_reason(&mut self, row: usize, text: &str) -> Result<(), Bilingual> {
        let today = self.today.clone();
        self.edit(row, |r, _| {
            text.trim_end().clone_into(&mut r.reason);
            if !r.reason.is_empty() {
                r.change_status(ReviewStatus::Returned, &today);
            }
            r.sync_round();
            Ok(())
        })
    }

    /// Puts back a row's review as it was (an undo in the overview);
    /// `None`: no review recorded.
    ///
    /// # Errors
    /// When the row does not exist or its folder's review file is unreadable.
    pub fn put_review(
        &mut self,
        row: usize,
        review: Option<WorkbookReview>,
    ) -> Result<(), Bilingual> {
        let entry = self.entries.get(row).ok_or_else(|| no_row(row))?;
        self.reviews.put(entry, review)?;
        if let Some(r) = self.overview.rows.get_mut(row) {
            overview::apply_review(r, entry, self.reviews.get(entry));
        }
        Ok(())
    }

    /// Sets the overall comment of a row's review.
    ///
    /// # Errors
    /// When the row did not open or its folder's review file is unreadable.
    pub fn set_comment(&mut self, row: usize, text: &str) -> Result<(), Bilingual> {
        self.edit(row, |r, _| {
            text.trim_end().clone_into(&mut r.comment);
            Ok(())
        })
    }

    /// Records `name` as the reviewer of every review file this session
    /// changes (see [`ReviewBook::sign_as`]).
    pub fn sign_as(&mut self, name: &str) {
        self.reviews.sign_as(name);
    }

    /// The bureau of the folder `row` is in (of the first folder without a
    /// row), as set with `set_bureau`.
    #[must_use]
    pub fn bureau(&self, row: Option<usize>) -> Bureau {
        self.reviews.bureau(
            row.and_then(|r| self.entries.get(r))
                .map(|e| e.folder.as_path()),
        )
    }

    /// Sets the bureau in every folder's review file (each is marked changed).
    ///
    /// # Errors
    /// When a folder's review file could not be read (it is never overwritten).
    pub fn set_bureau(&mut self, bureau: &Bureau) -> Result<(), Bilingual> {
        self.reviews.set_bureau(bureau)
    }

    /// Unsaved review changes exist.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.reviews.is_dirty()
    }

    /// Writes the changed review files (never a workbook).
    ///
    /// # Errors
    /// The first folder that could not be saved.
    pub fn save(&mut self) -> Result<Vec<PathBuf>, Bilingual> {
        self.reviews.save()
    }

    /// The sheets exporting `what` of the rows in `view` to `path` (.csv or
    /// .xlsx) would write (pure; `export::write_sheets` writes them).
    ///
    /// # Errors
    /// Unknown extension.
    pub fn sheets_export(
        &self,
        what: SheetExport,
        view: &[usize],
        path: &Path,
        lang: Lang,
    ) -> Result<(ExportFormat, Vec<Sheet>), Bilingual> {
        let format = ExportFormat::from_path(path).ok_or_else(|| unknown_format(path))?;
        let sheets = match what {
            SheetExport::Overview => self.overview_sheets(view, lang),
            SheetExport::Reviews => self.review_sheets(view, format, lang),
        };
        Ok((format, sheets))
    }

    fn overview_sheets(&self, view: &[usize], lang: Lang) -> Vec<Sheet> {
        let mut sheet = export::overview_sheet(&self.overview, view, lang);
        export::add_reason_column(&mut sheet, &self.entries, view, &self.reviews, lang);
        vec![sheet]
    }

    fn review_sheets(&self, view: &[usize], format: ExportFormat, lang: Lang) -> Vec<Sheet> {
        let rows = export::ReviewedView {
            entries: &self.entries,
            overview: &self.overview,
            view,
            reviews: &self.reviews,
        };
        let detail = export::review_detail_sheet(&rows, lang);
        let units = export::review_summary_sheet(&rows, lang);
        // The unit's comment, status and reason once, on the unit sheet (CSV
        // writes it beside the indicator file), not on every indicator row.
        match format {
            ExportFormat::Csv => vec![detail, units],
            ExportFormat::Xlsx => vec![units, detail],
        }
    }

    /// Exports `what` of the rows in `view` to `path` (see `sheets_export`),
    /// a new file only, never over a file under review.
    ///
    /// # Errors
    /// Unknown extension, an existing file, or a write failure.
    pub fn export_sheets(
        &self,
        what: SheetExport,
        view: &[usize],
        path: &Path,
        lang: Lang,
    ) -> Result<(), export::WriteFailure> {
        let (format, sheets) = self.sheets_export(what, view, path, lang)?;
        let inputs = self.inputs();
        let rule = crate::store::WriteRule::new(crate::store::Existing::Refuse, &inputs);
        export::write_sheets(path, format, &sheets, rule)
    }

    /// Every file this session reads: the workbooks and the folders' review
    /// files. No export is ever written over one of them.
    #[must_use]
    pub fn inputs(&self) -> Vec<std::path::PathBuf> {
        let mut inputs: Vec<std::path::PathBuf> =
            self.entries.iter().map(|e| e.path.clone()).collect();
        let mut folders: Vec<&Path> = self.entries.iter().map(|e| e.folder.as_path()).collect();
        folders.dedup();
        inputs.extend(
            folders
                .into_iter()
                .map(|f| f.join(crate::review::REVIEW_FILE_NAME)),
        );
        inputs
    }
}

/// What a sheet export of the overview's rows holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetExport {
    /// The overview, every column, with the unit's send-back reason.
    Overview,
    /// The review results: a unit sheet (status, totals, comment, reason)
    /// and one row per indicator; CSV writes the indicator rows first.
    Reviews,
}

fn unknown_format(path: &Path) -> Bilingual {
    let shown = path.display();
    Bilingual::new(
        format!("{shown}：请以 .csv 或 .xlsx 结尾"),
        format!("{shown}: use a name ending in .csv or .xlsx"),
    )
}

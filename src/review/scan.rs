//! Finding and opening the workbooks a reviewer named: files and folders in,
//! one entry per workbook out. Unreadable files become entries with their
//! error, never a failure of the whole scan. Files are only read.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use sha2::{Digest, Sha256};

use super::digest::{Shapes, WorkbookDigest};
use crate::core::Bilingual;
use crate::core::engine::{Derived, derive, derive_figures};
use crate::core::format::load;
use crate::core::model::{FORMAT_NAME, FORMAT_VERSION, Workbook};

/// The review file's name; one per folder, next to the workbooks.
pub const REVIEW_FILE_NAME: &str = "jixiao-review.json";

/// A workbook that loaded, with everything derived from it: held only for
/// the workbook on screen (drill-in, comparison), never for every entry.
///
/// Fields this build does not know are not listed here (reviewer mode never
/// writes a workbook, so there is nothing to keep them for); the drill-in
/// can ask `core::format::load` for them.
pub use crate::core::compare::Opened;

/// Why a file could not be opened; line and column where the format says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryError {
    pub message: Bilingual,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

/// One named workbook file: what the overview shows of it, not the workbook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The folder whose review file holds this workbook's review.
    pub folder: PathBuf,
    /// The file name: the key in the review file.
    pub file_name: String,
    /// SHA-256 (hex) of the bytes read; `None` when the file could not be
    /// read, or while its hash is held back (`PendingHashes`) for after
    /// the first frame.
    pub sha256: Option<String>,
    pub outcome: Result<Box<WorkbookDigest>, EntryError>,
}

impl Entry {
    /// What was kept of the workbook, if it loaded.
    #[must_use]
    pub fn digest(&self) -> Option<&WorkbookDigest> {
        self.outcome.as_deref().ok()
    }

    /// The error, if it did not load.
    #[must_use]
    pub fn error(&self) -> Option<&EntryError> {
        self.outcome.as_ref().err()
    }
}

fn is_json(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

fn is_review_file(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()) == Some(REVIEW_FILE_NAME)
}

/// Files named directly, and the `*.json` files directly inside named
/// folders (sorted, review file skipped). A path named twice counts once.
#[must_use]
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Bilingual>) {
    let mut files = Vec::new();
    let mut notes = Vec::new();
    // Hashed, not ordered: ten thousand long paths compared component by
    // component cost more than the rest of the listing.
    let mut seen = HashSet::new();
    let mut add = |path: PathBuf, key: Option<PathBuf>, files: &mut Vec<PathBuf>| {
        let key = key
            .unwrap_or_else(|| crate::store::canonicalize(&path).unwrap_or_else(|_| path.clone()));
        if seen.insert(key) {
            files.push(path);
        }
    };
    for path in paths {
        let shown = path.display();
        if path.is_dir() {
            let listing = match std::fs::read_dir(path) {
                Ok(listing) => listing,
                Err(e) => {
                    notes.push(Bilingual::new(
                        format!("{shown}：无法读取文件夹（{e}）"),
                        format!("{shown}: cannot read the folder ({e})"),
                    ));
                    continue;
                }
            };
            // The folder made canonical once; a listed file's key is the
            // canonical folder and its name (only a symlink is resolved),
            // so ten thousand files cost no realpath each.
            let canonical = crate::store::canonicalize(path).unwrap_or_else(|_| path.clone());
            let mut inside: Vec<(PathBuf, Option<PathBuf>)> = listing
                .filter_map(Result::ok)
                // Not only regular files: a FIFO or a device named *.json
                // becomes an unreadable row that says why, not a silent gap.
                .filter(|e| !listed_dir(e))
                .map(|e| {
                    let key = match e.file_type() {
                        Ok(kind) if !kind.is_symlink() => Some(canonical.join(e.file_name())),
                        _ => None,
                    };
                    (e.path(), key)
                })
                .filter(|(p, _)| is_json(p) && !is_review_file(p))
                .collect();
            // One folder: ordering by file name orders the paths.
            inside.sort_by_cached_key(|(path, _)| path.file_name().map(ToOwned::to_owned));
            if inside.is_empty() {
                notes.push(Bilingual::new(
                    format!("{shown}：文件夹中没有工作簿（*.json）"),
                    format!("{shown}: the folder has no workbooks (*.json)"),
                ));
            }
            for (file, key) in inside {
                add(file, key, &mut files);
            }
        } else if is_review_file(path) {
            notes.push(Bilingual::new(
                format!("{shown}：这是审核文件，不是工作簿，已跳过"),
                format!("{shown}: this is the review file, not a workbook; skipped"),
            ));
        } else {
            // Missing files too: they become error rows that say so.
            add(path.clone(), None, &mut files);
        }
    }
    (files, notes)
}

/// A folder entry that is a folder (or a link to one): from the listing's
/// own file type, so a regular file costs no extra `stat`.
fn listed_dir(entry: &std::fs::DirEntry) -> bool {
    match entry.file_type() {
        Ok(kind) if kind.is_dir() => true,
        Ok(kind) if !kind.is_symlink() => false,
        _ => entry.path().is_dir(),
    }
}

/// Applies `work` to every item on every core, keeping the items' order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let threads = cores.min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, R)>> = Mutex::new(Vec::with_capacity(items.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    mine.push((i, work(item)));
                }
                if let Ok(mut all) = done.lock() {
                    all.append(&mut mine);
                }
            });
        }
    });
    let mut all = done
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The folder whose review file covers `path`: its parent, made canonical
/// so `demo` and `./demo/x.json` share one review file.
#[must_use]
pub fn review_folder(path: &Path) -> PathBuf {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    crate::store::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
}

/// Loads `files` on every core, keeping their order, every file hashed.
#[must_use]
pub fn load_all(files: &[PathBuf]) -> Vec<Entry> {
    let shapes = Shapes::default();
    parallel_map(&jobs(files), |(path, folder)| {
        load_in(path, folder.clone(), &shapes)
    })
}

/// As [`load_all`], with the hashes `deferral` allows held back for
/// [`PendingHashes::finish`] (the entries' `sha256` is `None` until then).
#[must_use]
pub fn load_all_deferring(
    jobs: &[(&Path, PathBuf)],
    deferral: &Deferral<'_>,
) -> (Vec<Entry>, PendingHashes) {
    let shapes = Shapes::default();
    let loaded = parallel_map(jobs, |(path, folder)| {
        load_with(path, folder.clone(), &shapes, Some(deferral))
    });
    let mut pending = PendingHashes::default();
    let entries = loaded
        .into_iter()
        .enumerate()
        .map(|(i, (entry, held))| {
            if let Some(bytes) = held {
                pending.jobs.push((i, bytes));
            }
            entry
        })
        .collect();
    (entries, pending)
}

/// Which files' SHA-256 may wait until after the first frame, and how many
/// of their bytes may be held meanwhile (past that, a file is hashed at once).
pub struct Deferral<'a> {
    /// Workbooks a review file names (folder, file name): their hash decides
    /// the first frame's "changed since review" flag, so it cannot wait.
    hash_now: &'a (dyn Fn(&Path, &str) -> bool + Sync),
    budget: AtomicUsize,
}

impl<'a> Deferral<'a> {
    /// Bytes held for hashing later, at most: 32 MiB, about 1,000 workbooks
    /// (past it the first frame gains less than the memory costs).
    pub const BUDGET: usize = 32 << 20;

    #[must_use]
    pub fn new(hash_now: &'a (dyn Fn(&Path, &str) -> bool + Sync), budget: usize) -> Self {
        Self {
            hash_now,
            budget: AtomicUsize::new(budget),
        }
    }

    /// Whether this file's `len` bytes may be held, taking them from the budget.
    fn may_hold(&self, folder: &Path, file_name: &str, len: usize) -> bool {
        !(self.hash_now)(folder, file_name)
            && self
                .budget
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                    left.checked_sub(len)
                })
                .is_ok()
    }
}

/// Files read and summarised whose hash was held back, with their bytes.
#[derive(Debug, Default)]
pub struct PendingHashes {
    jobs: Vec<(usize, Vec<u8>)>,
}

impl PendingHashes {
    /// How many hashes wait.
    #[must_use]
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// Hashes the held bytes on every core: (entry index, SHA-256 hex).
    #[must_use]
    pub fn finish(self) -> Vec<(usize, String)> {
        parallel_map(&self.jobs, |(i, bytes)| (*i, sha256_hex(bytes)))
    }
}

/// Each file with the canonical folder its review lives in; each folder is
/// made canonical once, not once per file.
#[must_use]
pub fn jobs(files: &[PathBuf]) -> Vec<(&Path, PathBuf)> {
    // Files come folder by folder, so remembering the last folder makes
    // each canonical once without a map of paths.
    let mut last: Option<(&Path, PathBuf)> = None;
    files
        .iter()
        .map(|path| {
            let parent = path.parent().unwrap_or_else(|| Path::new(""));
            let folder = match &last {
                Some((known, folder)) if *known == parent => folder.clone(),
                _ => {
                    let folder = review_folder(path);
                    last = Some((parent, folder.clone()));
                    folder
                }
            };
            (path.as_path(), folder)
        })
        .collect()
}

/// Reads and summarises one file.
#[must_use]
pub fn load_one(path: &Path) -> Entry {
    load_in(path, review_folder(path), &Shapes::default())
}

/// The file name of `path` as the review file keys it.
#[must_use]
pub fn file_name_of(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads and summarises one file whose review lives in `folder`.
#[must_use]
pub fn load_in(path: &Path, folder: PathBuf, shapes: &Shapes) -> Entry {
    load_with(path, folder, shapes, None).0
}

/// As [`load_in`]; when `deferral` allows, the hash is not taken and the
/// bytes come back to be hashed later.
fn load_with(
    path: &Path,
    folder: PathBuf,
    shapes: &Shapes,
    deferral: Option<&Deferral<'_>>,
) -> (Entry, Option<Vec<u8>>) {
    let shown = path.display().to_string();
    let file_name = file_name_of(path);
    let (sha256, outcome, held) = READ_BUFFER.with_borrow_mut(|bytes| {
        let read = crate::store::read_guarded_into(path, bytes);
        let result = match read {
            Ok(_) => {
                let outcome = digest_unhashed(&shown, bytes, shapes);
                if deferral.is_some_and(|d| d.may_hold(&folder, &file_name, bytes.len())) {
                    (None, outcome, Some(std::mem::take(bytes)))
                } else {
                    (Some(sha256_hex(bytes)), outcome, None)
                }
            }
            Err(e) => (None, Err(unreadable(&e)), None),
        };
        if bytes.capacity() > KEPT_BUFFER_BYTES {
            *bytes = Vec::new();
        }
        result
    });
    let entry = Entry {
        path: path.to_path_buf(),
        folder,
        file_name,
        sha256,
        outcome,
    };
    (entry, held)
}

/// A read buffer larger than this is given back after its file.
const KEPT_BUFFER_BYTES: usize = 1 << 20;

thread_local! {
    /// One read buffer per loading thread, reused file after file: fresh
    /// buffers cost the kernel a cleared page for every page of every file.
    static READ_BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// The entry error of a file that could not be read at all.
#[must_use]
pub fn unreadable(e: &crate::store::OpenError) -> EntryError {
    EntryError {
        message: e.describe_plain(),
        line: None,
        column: None,
    }
}

/// Hashes, parses and derives a file's bytes and keeps only the summary.
pub fn digest_bytes(
    shown: &str,
    bytes: &[u8],
    shapes: &Shapes,
) -> (String, Result<Box<WorkbookDigest>, EntryError>) {
    (sha256_hex(bytes), digest_unhashed(shown, bytes, shapes))
}

/// Parses and derives a file's bytes and keeps only the summary (no hash).
fn digest_unhashed(
    shown: &str,
    bytes: &[u8],
    shapes: &Shapes,
) -> Result<Box<WorkbookDigest>, EntryError> {
    // The digest keeps figures only, so the texts of scoring are not written.
    open_unhashed(shown, bytes, derive_figures)
        .map(|o| Box::new(WorkbookDigest::of(&o.workbook, &o.derived, shapes)))
}

/// SHA-256 of `bytes` as lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in &digest {
        let _ = write!(hex, "{byte:02x}");
    }
    hex
}

/// Hashes, parses and derives a file's bytes; `shown` names it in messages.
pub fn open_bytes(shown: &str, bytes: &[u8]) -> (String, Result<Box<Opened>, EntryError>) {
    open_bytes_with(shown, bytes, derive)
}

/// As [`open_bytes`], deriving with `derive`.
fn open_bytes_with(
    shown: &str,
    bytes: &[u8],
    derive: fn(&Workbook) -> Derived,
) -> (String, Result<Box<Opened>, EntryError>) {
    (sha256_hex(bytes), open_unhashed(shown, bytes, derive))
}

/// Parses and derives a file's bytes (no hash); `shown` names it in messages.
pub fn open_unhashed(
    shown: &str,
    bytes: &[u8],
    derive: fn(&Workbook) -> Derived,
) -> Result<Box<Opened>, EntryError> {
    // Fast path: one check that the whole file is UTF-8, then one typed
    // parse of the text (cheaper than `from_slice`, which checks every string
    // on its own). It accepts exactly what `load` accepts (right format,
    // supported version, typed parse succeeds) at a fraction of the cost,
    // because `load` also builds a JSON tree to find unknown fields. Anything
    // else goes through `load` for its precise message.
    // A SIMD check first: most of a workbook is Chinese text, where the
    // standard check is slowest. Its error has no position; std's gives one.
    let text = simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes));
    if let Ok(text) = text
        && let Ok(workbook) = serde_json::from_str::<Workbook>(text)
        && workbook.format == FORMAT_NAME
        && (1..=FORMAT_VERSION).contains(&workbook.version)
    {
        let derived = derive(&workbook);
        return Ok(Box::new(Opened { workbook, derived }));
    }
    let text = match text {
        Ok(text) => text,
        Err(e) => {
            return Err(EntryError {
                message: Bilingual::new(
                    format!("{shown}：不是 UTF-8 文本（第 {} 字节处）", e.valid_up_to()),
                    format!("{shown}: not UTF-8 text (at byte {})", e.valid_up_to()),
                ),
                line: None,
                column: None,
            });
        }
    };
    match load(text) {
        Ok(loaded) => {
            let derived = derive(&loaded.workbook);
            Ok(Box::new(Opened {
                workbook: loaded.workbook,
                derived,
            }))
        }
        Err(e) => {
            let (line, column) = e.position().unzip();
            Err(EntryError {
                message: e.describe(shown),
                line,
                column,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::SAMPLE_JSON;

    #[test]
    fn hashes_are_hex_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn fast_path_refuses_what_load_refuses() {
        let mut value: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("json");
        value["version"] = serde_json::json!(2);
        let newer = serde_json::to_string(&value).expect("text");
        let (_, out) = open_bytes("n.json", newer.as_bytes());
        assert!(out.expect_err("newer").message.en.contains("newer jixiao"));
        value["version"] = serde_json::json!(0);
        let zero = serde_json::to_string(&value).expect("text");
        assert!(open_bytes("z.json", zero.as_bytes()).1.is_err());
        value["version"] = serde_json::json!(1);
        value["format"] = serde_json::json!("something-else");
        let other = serde_json::to_string(&value).expect("text");
        let (_, out) = open_bytes("o.json", other.as_bytes());
        assert!(
            out.expect_err("format")
                .message
                .en
                .contains("not a jixiao workbook")
        );
        value["format"] = serde_json::json!("jixiao-workbook");
        value["future"] = serde_json::json!({"x": 1});
        let unknown = serde_json::to_string(&value).expect("text");
        assert!(
            open_bytes("u.json", unknown.as_bytes()).1.is_ok(),
            "unknown fields open"
        );
    }

    #[test]
    fn bytes_open_or_say_why() {
        let (_, ok) = open_bytes("s.json", SAMPLE_JSON.as_bytes());
        assert_eq!(ok.expect("sample opens").workbook.unit.fiscal_year, 2023);
        let (_, bad) = open_bytes("b.json", b"{\n  \"format\": \"jixiao-workbook\",\n  x");
        let bad = bad.expect_err("syntax");
        assert_eq!((bad.line, bad.column), (Some(3), Some(3)));
        assert!(bad.message.zh.starts_with("b.json：第 3 行第 3 列"));
        let (_, latin) = open_bytes("l.json", &[0xff, 0xfe]);
        assert!(
            latin
                .expect_err("not utf-8")
                .message
                .en
                .contains("not UTF-8")
        );
        // The byte named is the first bad one (the SIMD check has no position).
        let (_, late) = open_bytes("m.json", b"{\"a\": \"\xff\"}");
        assert!(
            late.expect_err("not utf-8")
                .message
                .en
                .ends_with("not UTF-8 text (at byte 7)")
        );
    }
}

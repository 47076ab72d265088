//! The one rule for every file jixiao writes besides the open workbook:
//! never over an existing file unless the user asked for that file to be
//! replaced (`--force`/`--replace`, or Enter again at the prompt), and then
//! atomically with a `.bak`; never over an input of the same command, asked or
//! not; several files as one (all written, or none).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::{Mode, Saved, save_all_with};
use super::error::{SaveError, SaveFault, SaveStep};

/// How a write may meet a file already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse (`SaveFault::AlreadyExists`): nobody asked to replace it.
    Refuse,
    /// Replace it, keeping the old one as `FILE.bak`: the user asked.
    Replace,
}

impl Existing {
    /// `Replace` when the user asked for it (a flag, a confirmed prompt).
    #[must_use]
    pub fn replace_if(asked: bool) -> Self {
        if asked { Self::Replace } else { Self::Refuse }
    }
}

/// Where a command may write: what to do with an existing file, and the
/// files the command reads (never written over, whatever was asked).
#[derive(Debug, Clone, Copy)]
pub struct WriteRule<'a> {
    pub existing: Existing,
    pub inputs: &'a [PathBuf],
}

impl WriteRule<'static> {
    /// A new file only, no inputs to protect beyond that.
    pub const NEW_ONLY: Self = Self {
        existing: Existing::Refuse,
        inputs: &[],
    };
}

impl<'a> WriteRule<'a> {
    #[must_use]
    pub fn new(existing: Existing, inputs: &'a [PathBuf]) -> Self {
        Self { existing, inputs }
    }

    /// Writes one file under the rule.
    ///
    /// # Errors
    /// `SaveFault::IsInput`, `SaveFault::AlreadyExists`, or why the write
    /// failed; `path` (and its `.bak`) are then as they were.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<Saved, SaveError> {
        let mut saved = self.write_all(&[(path, bytes)])?;
        saved
            .pop()
            .ok_or_else(|| SaveError::new(path, SaveFault::Other, SaveStep::Check))
    }

    /// Writes several files as one: when any cannot be written, none is
    /// (folders it created are removed again).
    ///
    /// # Errors
    /// As [`Self::write`], for the first file that failed.
    pub fn write_all(&self, files: &[(&Path, &[u8])]) -> Result<Vec<Saved>, SaveError> {
        self.write_all_with(files, &mut |_| Ok(()))
    }

    /// [`Self::write_all`] with a hook before each step, for tests.
    pub(crate) fn write_all_with(
        &self,
        files: &[(&Path, &[u8])],
        before: &mut dyn FnMut(SaveStep) -> io::Result<()>,
    ) -> Result<Vec<Saved>, SaveError> {
        for (path, _) in files {
            if self.is_input(path) {
                return Err(SaveError::new(path, SaveFault::IsInput, SaveStep::Check));
            }
        }
        let missing_folders: Vec<PathBuf> = files
            .iter()
            .filter_map(|(p, _)| missing_folder(p))
            .collect();
        let mode = match self.existing {
            Existing::Refuse => Mode::CreateNew,
            Existing::Replace => Mode::ReplaceWithBackup,
        };
        let result = save_all_with(files, mode, before);
        if result.is_err() {
            for folder in missing_folders {
                // Only empty ones: nothing of anyone else's is removed.
                let _ = fs::remove_dir(folder);
            }
        }
        result
    }

    /// Whether `path` is (or links to) one of the command's inputs.
    #[must_use]
    pub fn is_input(&self, path: &Path) -> bool {
        self.inputs.iter().any(|input| same_file(input, path))
    }
}

/// The folder of `path` when it does not exist yet (the write creates it).
fn missing_folder(path: &Path) -> Option<PathBuf> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    (!folder.exists()).then(|| folder.to_path_buf())
}

/// Whether two paths name one file: the same path after resolving links, or
/// (on Unix) the same inode, as hard links are.
#[must_use]
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(meta_a), Ok(meta_b)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta_a.dev() == meta_b.dev() && meta_a.ino() == meta_b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (meta_a, meta_b);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn an_existing_file_is_replaced_only_when_asked_and_then_kept_as_bak() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("report.docx");
        fs::write(&out, b"the officer's own").expect("write");
        let err = WriteRule::NEW_ONLY.write(&out, b"new").expect_err("exists");
        assert_eq!(err.fault, SaveFault::AlreadyExists);
        assert_eq!(fs::read(&out).expect("read"), b"the officer's own");
        let rule = WriteRule::new(Existing::Replace, &[]);
        let saved = rule.write(&out, b"new").expect("asked");
        assert_eq!(fs::read(&out).expect("read"), b"new");
        assert_eq!(saved.backup, Some(dir.path().join("report.docx.bak")));
        assert_eq!(
            fs::read(dir.path().join("report.docx.bak")).expect("bak"),
            b"the officer's own"
        );
    }

    #[test]
    fn an_input_is_never_written_even_when_replacing_is_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("x.xlsx");
        fs::write(&input, b"{}").expect("write");
        let inputs = [input.clone()];
        let through_dot = dir.path().join(".").join("x.xlsx");
        for existing in [Existing::Refuse, Existing::Replace] {
            let err = WriteRule::new(existing, &inputs)
                .write(&through_dot, b"xlsx")
                .expect_err("input");
            assert_eq!(err.fault, SaveFault::IsInput);
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("hard.xlsx");
            fs::hard_link(&input, &link).expect("link");
            let err = WriteRule::new(Existing::Replace, &inputs)
                .write(&link, b"xlsx")
                .expect_err("hard link to the input");
            assert_eq!(err.fault, SaveFault::IsInput);
        }
        assert_eq!(fs::read(&input).expect("read"), b"{}");
    }

    #[test]
    fn a_multi_file_write_failing_anywhere_leaves_nothing_half_done() {
        // A full disk while writing the third of four tables, and a failure
        // while renaming the third into place: each time, nothing is left.
        for (fail_at, nth) in [(SaveStep::Write, 3), (SaveStep::Replace, 3)] {
            let dir = tempfile::tempdir().expect("tempdir");
            let folder = dir.path().join("wb-tables");
            let paths: Vec<PathBuf> = (1..=4).map(|i| folder.join(format!("{i}.csv"))).collect();
            let files: Vec<(&Path, &[u8])> =
                paths.iter().map(|p| (p.as_path(), &b"a,b\n"[..])).collect();
            let mut seen = 0;
            let err = WriteRule::NEW_ONLY
                .write_all_with(&files, &mut |step| {
                    if step == fail_at {
                        seen += 1;
                        if seen == nth {
                            return Err(io::Error::from(io::ErrorKind::StorageFull));
                        }
                    }
                    Ok(())
                })
                .expect_err("disk full");
            assert_eq!(err.fault, SaveFault::DiskFull);
            assert!(!folder.exists(), "{fail_at:?}: {:?}", listing(&folder));
            assert!(listing(dir.path()).is_empty());
        }
    }

    #[test]
    fn a_failed_replacement_of_several_files_puts_the_old_ones_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths: Vec<PathBuf> = (1..=3)
            .map(|i| dir.path().join(format!("{i}.csv")))
            .collect();
        for p in &paths {
            fs::write(p, b"old").expect("write");
        }
        let files: Vec<(&Path, &[u8])> = paths.iter().map(|p| (p.as_path(), &b"new"[..])).collect();
        let mut replaced = 0;
        WriteRule::new(Existing::Replace, &[])
            .write_all_with(&files, &mut |step| {
                if step == SaveStep::Replace {
                    replaced += 1;
                    if replaced == 3 {
                        return Err(io::Error::other("injected"));
                    }
                }
                Ok(())
            })
            .expect_err("injected");
        for p in &paths {
            assert_eq!(fs::read(p).expect("read"), b"old", "{}", p.display());
        }
        assert_eq!(listing(dir.path()), vec!["1.csv", "2.csv", "3.csv"]);
    }
}

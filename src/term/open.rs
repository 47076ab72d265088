//! Choosing and opening the workbook the workbench starts on.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::session::Session;
use crate::app::App;
use crate::core::{Bilingual, Lang};
use crate::store::{Journal, free_sibling};

/// The default workbook path, `<data dir>/workbook.json`.
#[must_use]
pub fn default_path() -> PathBuf {
    crate::cli::paths::default_workbook().unwrap_or_else(|| PathBuf::from("workbook.json"))
}

/// Opens `path` for the workbench. A file that exists but cannot be read is
/// never overwritten: the message names file, line and column, and — when a
/// person is at the terminal — jixiao offers to start from the sample in a
/// new file beside it instead.
///
/// # Errors
/// The message to print when nothing could be opened.
pub fn open_or_offer(path: &Path, lang: Lang) -> Result<(Session, App), Bilingual> {
    let journal = Journal::in_data_dir();
    match Session::open(path, journal.clone(), lang) {
        Ok(opened) => Ok(opened),
        Err(why) => {
            let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
            let fresh = free_sibling(path, "new");
            if !interactive {
                return Err(why);
            }
            let question = Bilingual::new(
                format!(
                    "{}\n改为在新文件 {} 中从内置样例开始？[y/N] ",
                    why.zh,
                    fresh.display()
                ),
                format!(
                    "{}\nStart from the sample in a new file {} instead? [y/N] ",
                    why.en,
                    fresh.display()
                ),
            );
            eprint!("{}", question.get(lang));
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
                Session::open(&fresh, journal, lang)
            } else {
                Err(why)
            }
        }
    }
}

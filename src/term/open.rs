//! Choosing and opening the workbook the workbench starts on.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use super::new_form::{self, NewAnswers};
use super::session::Session;
use crate::app::{App, Origin, Status};
use crate::core::{Bilingual, Lang};
use crate::store::{Journal, free_sibling};

/// The default workbook path, `<data dir>/workbook.json`.
#[must_use]
pub fn default_path() -> PathBuf {
    crate::store::default_workbook().unwrap_or_else(|| PathBuf::from("workbook.json"))
}

/// The workbench's start: `file` when given (a short form first when it does
/// not exist yet), otherwise the default workbook, or — before the officer has
/// one — the embedded sample marked 示例 with a hint how to start their own.
///
/// # Errors
/// The message to print when nothing could be opened.
pub fn open_workbench(file: Option<&Path>, lang: Lang) -> Result<(Session, App), Bilingual> {
    match file {
        Some(path) if is_missing(path) => {
            let year = crate::cli::new::default_fiscal_year();
            let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
            let answers = if interactive {
                new_form::ask(
                    path,
                    year,
                    lang,
                    &mut std::io::stdin().lock(),
                    &mut std::io::stderr(),
                )
            } else {
                NewAnswers::defaults(year)
            };
            Ok(new_form::start(path, answers, Journal::in_data_dir(), lang))
        }
        Some(path) => open_or_offer(path, lang),
        None => {
            let (session, mut app) = open_or_offer(&default_path(), lang)?;
            if app.origin == Origin::NewFile {
                mark_as_sample(&mut app);
            }
            Ok((session, app))
        }
    }
}

/// True when nothing at all is at `path` (a dangling link or a folder is not "missing").
fn is_missing(path: &Path) -> bool {
    matches!(std::fs::symlink_metadata(path), Err(e) if e.kind() == std::io::ErrorKind::NotFound)
}

/// How to start one's own workbook, shown while the sample is open.
#[must_use]
pub fn sample_hint() -> Bilingual {
    Bilingual::new(
        "示例数据（内置样例），不是您单位的。开始自己的自评：jixiao new 文件.json --unit 单位名称 --year 年度",
        "Sample data (built in), not your unit's. Start your own: jixiao new FILE.json --unit NAME --year YEAR",
    )
}

/// The sample stands in until the officer has a workbook: say so, and how to start one.
pub fn mark_as_sample(app: &mut App) {
    app.origin = Origin::Sample;
    if app.status.is_none() {
        app.status = Some(Status {
            text: sample_hint().get(app.lang).to_owned(),
            is_error: false,
        });
    }
}

/// Opens `path` for the workbench. A file that exists but cannot be read is
/// never overwritten: the message names file, line and column, and — when a
/// person is at the terminal — jixiao offers to start a new workbook in a new
/// file beside it instead (never the sample's data under the officer's name).
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
                    "{}\n改为在新文件 {} 中新建工作簿？[y/N] ",
                    why.zh,
                    fresh.display()
                ),
                format!(
                    "{}\nStart a new workbook in a new file {} instead? [y/N] ",
                    why.en,
                    fresh.display()
                ),
            );
            eprint!("{}", question.get(lang));
            let _ = std::io::stderr().flush();
            let mut answer = String::new();
            let _ = std::io::stdin().lock().read_line(&mut answer);
            if matches!(answer.trim(), "y" | "Y" | "yes" | "是") {
                let answers = new_form::ask(
                    &fresh,
                    crate::cli::new::default_fiscal_year(),
                    lang,
                    &mut std::io::stdin().lock(),
                    &mut std::io::stderr(),
                );
                Ok(new_form::start(&fresh, answers, journal, lang))
            } else {
                Err(why)
            }
        }
    }
}

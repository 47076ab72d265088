//! `jixiao export FILE --format NAME [-o OUT] [--table T] [--with-checks]`;
//! the names come from [`crate::export::format::FORMATS`].

use std::path::{Path, PathBuf};

use crate::core::{Bilingual, Lang};
use crate::export::ExportError;
use crate::export::csv::{CsvTable, table_bytes};
use crate::export::format::{ExportRequest, Format, Output, check_output};
use crate::store::{Existing, SaveFault, SaveStep, WriteRule};

/// What a command produced: bytes for standard output and/or a note for the user.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: Option<Vec<u8>>,
    pub note: Option<Bilingual>,
}

/// A command failure with the exit code to use (2: an input cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: Bilingual,
    pub exit_code: u8,
}

impl Failure {
    #[must_use]
    pub fn unreadable(message: Bilingual) -> Self {
        Self {
            message,
            exit_code: 2,
        }
    }

    /// Nothing written, for the reason `message` gives (exit code 1).
    #[must_use]
    pub fn refused(message: Bilingual) -> Self {
        Self {
            message,
            exit_code: 1,
        }
    }

    /// A refusal whose report is already in the interface language.
    #[must_use]
    pub fn refused_with_report(report: String) -> Self {
        Self::refused(Bilingual::new(report.clone(), report))
    }

    #[must_use]
    pub fn write(path: &Path, error: &dyn std::fmt::Display) -> Self {
        let name = path.display();
        Self::refused(Bilingual::new(
            format!("{name}：无法写入（{error}）"),
            format!("{name}: cannot write ({error})"),
        ))
    }
}

impl Failure {
    /// A write the store refused or could not do, in a command's words:
    /// `flag` is how this command asks for replacing (`--force`, `--replace`).
    #[must_use]
    pub fn not_written(error: &crate::store::SaveError, flag: &str) -> Self {
        let name = error.path.display();
        Self::refused(match error.fault {
            SaveFault::AlreadyExists => Bilingual::new(
                format!("{name}：文件已存在，未覆盖（确要替换请加 {flag}，原文件留作 .bak）"),
                format!(
                    "{name}: already exists; not overwritten (add {flag} to replace it, keeping the old one as .bak)"
                ),
            ),
            SaveFault::IsInput => Bilingual::new(
                format!("{name}：输出文件就是本命令读取的输入文件，未写入"),
                format!("{name}: the output is an input of this command; nothing written"),
            ),
            _ => error.describe_for_command(),
        })
    }
}

/// An export never silently replaces a file: an existing output file needs
/// `--force` (checked before the workbook is read; the store checks again).
#[must_use]
pub fn refuse_existing_output(output: &Path) -> Option<Failure> {
    let meta = std::fs::symlink_metadata(output).ok()?;
    if meta.is_dir() {
        return None;
    }
    let error = crate::store::SaveError::new(output, SaveFault::AlreadyExists, SaveStep::Check);
    Some(Failure::not_written(&error, "--force"))
}

fn written(path: &Path) -> Bilingual {
    Bilingual::new(
        format!("已写入 {}", path.display()),
        format!("written: {}", path.display()),
    )
}

/// The default output next to the current folder: `<stem><suffix>`.
fn default_output(file: &Path, suffix: &str) -> PathBuf {
    let stem = file
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("jixiao");
    PathBuf::from(format!("{stem}{suffix}"))
}

/// What `jixiao export` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct ExportArgs<'a> {
    pub format: &'a Format,
    pub output: Option<&'a Path>,
    /// With csv: one table, to a file or standard output.
    pub table: Option<CsvTable>,
    pub with_checks: bool,
    pub lang: Lang,
    /// `--force`: an existing output is replaced (kept as `.bak`).
    pub replace: bool,
}

/// Runs `jixiao export`.
///
/// # Errors
/// Exit code 2 when the workbook cannot be read or a program the format needs
/// is missing, 1 when the output is refused or cannot be written.
pub fn run(file: &Path, args: ExportArgs) -> Result<Outcome, Failure> {
    let (wb, derived) = super::check::open(file).map_err(Failure::unreadable)?;
    let inputs = [file.to_path_buf()];
    let request = ExportRequest {
        wb: &wb,
        derived: &derived,
        lang: args.lang,
        with_checks: args.with_checks,
        rule: WriteRule::new(Existing::replace_if(args.replace), &inputs),
    };
    if let (Some(table), "csv") = (args.table, args.format.name) {
        return one_table(table, args.output, &request);
    }
    let format = args.format;
    if let (None, Some(to_stdout)) = (args.output, format.stdout) {
        return Ok(Outcome {
            stdout: Some(to_stdout(&request)),
            note: None,
        });
    }
    let path = args.output.map_or_else(
        || match format.output {
            Output::File => default_output(file, &format!(".{}", format.extensions[0])),
            Output::Folder => default_output(file, "-tables"),
        },
        Path::to_path_buf,
    );
    check_output(format, &path).map_err(Failure::refused)?;
    (format.write)(&path, &request).map_err(|e| match e {
        ExportError::MissingTool(message) => Failure::unreadable(message),
        ExportError::Save(e) => Failure::not_written(&e, "--force"),
        other => Failure::write(&path, &other),
    })?;
    Ok(Outcome {
        stdout: None,
        note: Some(written(&path)),
    })
}

/// `--table T`: one CSV table to a file or standard output.
fn one_table(
    table: CsvTable,
    output: Option<&Path>,
    request: &ExportRequest,
) -> Result<Outcome, Failure> {
    let bytes = table_bytes(table, request.wb, request.derived, request.lang);
    let Some(path) = output else {
        return Ok(Outcome {
            stdout: Some(bytes),
            note: None,
        });
    };
    request
        .rule
        .write(path, &bytes)
        .map_err(|e| Failure::not_written(&e, "--force"))?;
    Ok(Outcome {
        stdout: None,
        note: Some(written(path)),
    })
}

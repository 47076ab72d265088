//! `jixiao export FILE --format NAME [-o OUT] [--table T] [--with-checks]`;
//! the names come from [`crate::export::format::FORMATS`].

use std::path::{Path, PathBuf};

use crate::core::{Bilingual, Lang};
use crate::export::ExportError;
use crate::export::csv::{CsvTable, table_bytes};
use crate::export::format::{ExportRequest, Format, Output, check_output};

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

/// Refuses to write an export over the workbook it was made from.
///
/// # Errors
/// When `output` is the input file.
pub fn refuse_overwriting_input(input: &Path, output: &Path) -> Result<(), Failure> {
    let same = match (input.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        let name = output.display();
        return Err(Failure::refused(Bilingual::new(
            format!("{name}：输出文件就是输入的工作簿，未写入"),
            format!("{name}: the output is the input workbook; nothing written"),
        )));
    }
    Ok(())
}

/// An export never silently replaces a file: an existing output file needs
/// `--force` (a folder of CSV tables is written into, file by file).
#[must_use]
pub fn refuse_existing_output(output: &Path) -> Option<Failure> {
    let meta = std::fs::symlink_metadata(output).ok()?;
    if meta.is_dir() {
        return None;
    }
    let name = output.display();
    Some(Failure::refused(Bilingual::new(
        format!("{name}：文件已存在，未覆盖（要覆盖请加 --force）"),
        format!("{name}: already exists; not overwritten (add --force to overwrite)"),
    )))
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
}

/// Runs `jixiao export`.
///
/// # Errors
/// Exit code 2 when the workbook cannot be read or a program the format needs
/// is missing, 1 when the output is refused or cannot be written.
pub fn run(file: &Path, args: ExportArgs) -> Result<Outcome, Failure> {
    let (wb, derived) = super::check::open(file).map_err(Failure::unreadable)?;
    let request = ExportRequest {
        wb: &wb,
        derived: &derived,
        lang: args.lang,
        with_checks: args.with_checks,
    };
    if let Some(out) = args.output {
        refuse_overwriting_input(file, out)?;
    }
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
    crate::store::write_file(path, &bytes).map_err(|e| Failure::write(path, &e))?;
    Ok(Outcome {
        stdout: None,
        note: Some(written(path)),
    })
}

//! `jixiao export FILE --format md|csv|xlsx [-o OUT] [--table T]`.

use std::path::{Path, PathBuf};

use super::csv::{CsvTable, table_bytes, write_tables};
use crate::core::{Bilingual, Lang};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Md,
    Csv,
    Xlsx,
}

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

    #[must_use]
    pub fn write(path: &Path, error: &dyn std::fmt::Display) -> Self {
        let name = path.display();
        Self {
            message: Bilingual::new(
                format!("{name}：无法写入（{error}）"),
                format!("{name}: cannot write ({error})"),
            ),
            exit_code: 1,
        }
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
        return Err(Failure {
            message: Bilingual::new(
                format!("{name}：输出文件就是输入的工作簿，未写入"),
                format!("{name}: the output is the input workbook; nothing written"),
            ),
            exit_code: 1,
        });
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
    Some(Failure {
        message: Bilingual::new(
            format!("{name}：文件已存在，未覆盖（要覆盖请加 --force）"),
            format!("{name}: already exists; not overwritten (add --force to overwrite)"),
        ),
        exit_code: 1,
    })
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

/// Runs `jixiao export`.
///
/// # Errors
/// Exit code 2 when the workbook cannot be read, 1 when the output cannot be written.
pub fn run(
    file: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    table: Option<CsvTable>,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let (wb, derived) = crate::cli::check::open(file).map_err(Failure::unreadable)?;
    if let Some(out) = output {
        refuse_overwriting_input(file, out)?;
    }
    match format {
        ExportFormat::Md => {
            let text = super::markdown::report(&wb, &derived, lang);
            match output {
                None => Ok(Outcome {
                    stdout: Some(text.into_bytes()),
                    note: None,
                }),
                Some(path) => {
                    crate::store::write_file(path, text.as_bytes())
                        .map_err(|e| Failure::write(path, &e))?;
                    Ok(Outcome {
                        stdout: None,
                        note: Some(written(path)),
                    })
                }
            }
        }
        ExportFormat::Csv => match (table, output) {
            (Some(t), None) => Ok(Outcome {
                stdout: Some(table_bytes(t, &wb, &derived, lang)),
                note: None,
            }),
            (Some(t), Some(path)) => {
                crate::store::write_file(path, &table_bytes(t, &wb, &derived, lang))
                    .map_err(|e| Failure::write(path, &e))?;
                Ok(Outcome {
                    stdout: None,
                    note: Some(written(path)),
                })
            }
            (None, out) => {
                let folder = out.map_or_else(|| default_output(file, "-tables"), Path::to_path_buf);
                let files = write_tables(&folder, &wb, &derived, lang)
                    .map_err(|e| Failure::write(&folder, &e))?;
                let list: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
                Ok(Outcome {
                    stdout: None,
                    note: Some(Bilingual::new(
                        format!("已写入 {}", list.join("、")),
                        format!("written: {}", list.join(", ")),
                    )),
                })
            }
        },
        ExportFormat::Xlsx => {
            let path = output.map_or_else(|| default_output(file, ".xlsx"), Path::to_path_buf);
            super::xlsx::write(&path, &wb, &derived, lang)
                .map_err(|e| Failure::write(&path, &e))?;
            Ok(Outcome {
                stdout: None,
                note: Some(written(&path)),
            })
        }
    }
}

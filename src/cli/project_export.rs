//! `jixiao export FILE --project NAME --format md|docx`: one project's
//! 项目支出绩效自评表 alone, laid out as in the report.

use std::path::{Path, PathBuf};

use super::export::{Failure, Outcome};
use crate::core::{Bilingual, Lang};
use crate::export::report::{Block, project_blocks};
use crate::store::{Existing, WriteRule};

/// Writes one project's form.
///
/// # Errors
/// Exit 2 when the workbook cannot be read or has no such project; 1 when
/// the output is refused or cannot be written.
pub fn run(
    file: &Path,
    name: &str,
    format: &str,
    output: Option<&Path>,
    replace: bool,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let (wb, derived) = crate::cli::check::open(file).map_err(Failure::unreadable)?;
    let found = wb
        .projects
        .iter()
        .zip(&derived.projects.projects)
        .find(|(p, _)| {
            p.name == name
                || (!p.code.is_empty()
                    && (p.code == name || format!("{}-{}", p.code, p.name) == name))
        });
    let Some((project, d)) = found else {
        let names: Vec<&str> = wb.projects.iter().map(|p| p.name.as_str()).collect();
        return Err(Failure::unreadable(Bilingual::new(
            format!(
                "{}：没有名为“{name}”的项目；现有项目：{}",
                file.display(),
                names.join("、")
            ),
            format!(
                "{}: no project named \"{name}\"; the projects are: {}",
                file.display(),
                names.join(", ")
            ),
        )));
    };
    let blocks: Vec<Block> = project_blocks(&wb, project, d, lang);
    let bytes = match format {
        "md" => crate::export::markdown::render(&blocks, lang).into_bytes(),
        "docx" => crate::export::docx::blocks_to_bytes(&blocks, lang)
            .map_err(|e| Failure::write(Path::new(name), &e))?,
        other => {
            return Err(Failure::refused(Bilingual::new(
                format!("--project 只支持 md 与 docx，不支持 {other}"),
                format!("--project writes md or docx, not {other}"),
            )));
        }
    };
    let path: PathBuf = match (output, format) {
        (Some(p), _) => p.to_path_buf(),
        (None, "md") => {
            return Ok(Outcome {
                stdout: Some(bytes),
                note: None,
            });
        }
        (None, _) => {
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("jixiao");
            let safe: String = project
                .name
                .chars()
                .filter(|c| {
                    !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                        && !c.is_control()
                })
                .collect();
            PathBuf::from(format!("{stem}-{safe}.{format}"))
        }
    };
    let inputs = [file.to_path_buf()];
    WriteRule::new(Existing::replace_if(replace), &inputs)
        .write(&path, &bytes)
        .map_err(|e| Failure::not_written(&e, "--force"))?;
    Ok(Outcome {
        stdout: None,
        note: Some(Bilingual::new(
            format!("已写入 {}", path.display()),
            format!("written: {}", path.display()),
        )),
    })
}

//! `jixiao project import FORM --into WORKBOOK [--dry-run]`: adds the project
//! forms read off a filled 项目支出绩效自评表 (xlsx, xls, CSV) to a workbook,
//! through the store's atomic save (a `.bak` kept). What could not be read is
//! listed; `--dry-run` writes nothing.

use std::fmt::Write as _;
use std::path::Path;

use super::export::{Failure, Outcome};
use crate::core::engine::project::derive_project;
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::core::{Bilingual, Lang};
use crate::interchange::project::{FormRead, read_forms};
use crate::interchange::sheet::read_path;

/// What `project import` does with the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportFlags {
    pub dry_run: bool,
}

/// Reads the forms in `form`.
///
/// # Errors
/// Exit 2 naming the file (and the row, where one is to blame) when the file
/// cannot be read or holds no form.
pub fn read_form_file(form: &Path) -> Result<FormRead, Failure> {
    let name = form.display().to_string();
    let grids = read_path(form, None).map_err(|e| Failure::unreadable(e.describe(&name)))?;
    read_forms(&grids).map_err(|e| {
        let (zh_at, en_at) = e.place.map(|p| p.describe()).unwrap_or_default();
        let sep = |s: &str| {
            if s.is_empty() {
                String::new()
            } else {
                format!("{s}：")
            }
        };
        let sep_en = |s: &str| {
            if s.is_empty() {
                String::new()
            } else {
                format!("{s}: ")
            }
        };
        Failure::unreadable(Bilingual::new(
            format!("{name}：{}{}", sep(&zh_at), e.zh),
            format!("{name}: {}{}", sep_en(&en_at), e.en),
        ))
    })
}

/// The report: each project with its figures, then what could not be read.
fn report(read: &FormRead, replaced: &[bool], lang: Lang) -> String {
    let mut out = String::new();
    for (rp, replaced) in read.projects.iter().zip(replaced) {
        let p = &rp.project;
        let d = derive_project(p);
        let (at_zh, at_en) = rp.place.describe();
        let rate = d
            .execution_rate
            .map_or_else(|| "—".to_owned(), |r| fmt_percent(round2(r)));
        let code = if p.code.is_empty() {
            String::new()
        } else {
            format!(" [{}]", p.code)
        };
        let _ = match lang {
            Lang::Zh => writeln!(
                out,
                "{} 项目“{}”{code}（{at_zh}）：{} 个指标，执行率 {rate}，总分 {}，{}",
                if *replaced { "替换" } else { "添加" },
                p.name,
                p.indicators.len(),
                fmt_score(d.total),
                d.grade.label_zh()
            ),
            Lang::En => writeln!(
                out,
                "{} project \"{}\"{code} ({at_en}): {} indicators, execution rate {rate}, total {}, {}",
                if *replaced { "replace" } else { "add" },
                p.name,
                p.indicators.len(),
                fmt_score(d.total),
                d.grade.label_en()
            ),
        };
    }
    if !read.unread.is_empty() {
        let _ = writeln!(
            out,
            "{} ({})",
            match lang {
                Lang::Zh => "未能读入",
                Lang::En => "not read",
            },
            read.unread.len()
        );
        for u in &read.unread {
            let (zh, en) = u.place.describe();
            let _ = match lang {
                Lang::Zh => writeln!(out, "  {zh}：{}", u.zh),
                Lang::En => writeln!(out, "  {en}: {}", u.en),
            };
        }
    }
    out
}

/// Runs `jixiao project import`.
///
/// # Errors
/// Exit 2 when the form or the workbook cannot be read; 1 when the save is refused.
pub fn import(
    form: &Path,
    into: &Path,
    flags: ImportFlags,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let read = read_form_file(form)?;
    let opened = crate::store::open(into).map_err(|e| Failure::unreadable(e.describe_plain()))?;
    if opened.document.origin() == crate::store::Origin::NewFromSample {
        let name = into.display();
        return Err(Failure::unreadable(Bilingual::new(
            format!("{name}：无法读取（文件不存在）；先用 jixiao new 建立工作簿"),
            format!("{name}: cannot read (no such file); start one with jixiao new"),
        )));
    }
    let mut wb = opened.workbook.clone();
    let mut replaced = Vec::new();
    for rp in &read.projects {
        let same = wb
            .projects
            .iter()
            .position(|p| p.name == rp.project.name && p.code == rp.project.code);
        replaced.push(same.is_some());
        match same {
            Some(i) => wb.projects[i] = rp.project.clone(),
            None => wb.projects.push(rp.project.clone()),
        }
    }
    let mut text = report(&read, &replaced, lang);
    if flags.dry_run {
        text.push_str(match lang {
            Lang::Zh => "试运行：未写入\n",
            Lang::En => "dry run: nothing written\n",
        });
    } else {
        let mut document = opened.document;
        let saved = document
            .save(&wb)
            .map_err(|e| Failure::refused(e.describe()))?;
        let bak = saved
            .backup
            .map(|b| b.display().to_string())
            .unwrap_or_default();
        let name = into.display();
        let _ = match lang {
            Lang::Zh => writeln!(text, "已写入 {name}（原文件备份为 {bak}）"),
            Lang::En => writeln!(text, "written: {name} (the old file is kept as {bak})"),
        };
    }
    Ok(Outcome {
        stdout: Some(text.into_bytes()),
        note: None,
    })
}

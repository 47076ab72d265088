//! `jixiao table import | apply | export`.

use std::fmt::Write as _;
use std::path::Path;

use super::export::{Failure, Outcome};
use crate::core::engine::derive;
use crate::core::engine::scoring::describe_rule;
use crate::core::model::RuleKind;
use crate::core::num::fmt_score;
use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;
use crate::interchange::RuleOrigin;
use crate::interchange::apply::{ApplyReport, MatchedBy, apply_table, refusal};
use crate::interchange::table_file;
use crate::store::{Existing, WriteRule};

/// `table import`'s switches.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportFlags {
    /// Mark the table as checked against the bureau's original.
    pub verified: bool,
    /// Write the table even when its weights do not add up.
    pub force: bool,
    /// `--replace`: an existing output file is replaced (kept as `.bak`).
    pub replace: bool,
}

/// What `table import` found: where, in which encoding, how many indicators,
/// each leaf's rule, and what to check.
fn import_report(imported: &crate::interchange::Imported, name: &str, lang: Lang) -> String {
    let mut report = String::new();
    let place = match &imported.sheet {
        Some(s) => Bilingual::new(format!("工作表“{s}”，"), format!("sheet \"{s}\", "))
            .get(lang)
            .to_owned(),
        None => String::new(),
    };
    let encoding = imported
        .encoding
        .map(|e| {
            Bilingual::new(
                format!("编码 {}，", e.label()),
                format!("encoding {}, ", e.label()),
            )
            .get(lang)
            .to_owned()
        })
        .unwrap_or_default();
    let rows = if imported.header_last_row > imported.header_row {
        format!("{}–{}", imported.header_row, imported.header_last_row)
    } else {
        imported.header_row.to_string()
    };
    let flat = imported.table.flatten();
    let leaves = flat.iter().filter(|(_, i)| i.is_leaf()).count();
    let top: rust_decimal::Decimal = imported.table.indicators.iter().map(|i| i.weight).sum();
    let _ = writeln!(
        report,
        "{}",
        Bilingual::new(format!(
                "读取 {name}（{place}{encoding}表头在第 {rows} 行）：评分表“{}”，一级指标 {} 个，末级指标 {leaves} 个，一级分值合计 {}",
                imported.table.name,
                imported.table.indicators.len(),
                fmt_score(top)
            ), format!(
                "read {name} ({place}{encoding}header on row {rows}): table \"{}\", {} top-level indicators, {leaves} leaves, top-level weights add up to {}",
                imported.table.name,
                imported.table.indicators.len(),
                fmt_score(top)
            )).get(lang).to_owned()
    );
    if !imported.other_tables.is_empty() {
        let _ = writeln!(
            report,
            "{}",
            Bilingual::new(format!(
                    "其他工作表也像评分表，未读取：{}（可用 --sheet 指定）",
                    imported.other_tables.join("、")
                ), format!(
                    "other sheets look like scoring tables too and were not read: {} (choose one with --sheet)",
                    imported.other_tables.join(", ")
                )).get(lang).to_owned()
        );
    }
    rule_lines(&mut report, imported, lang);
    if !imported.findings.problems.is_empty() {
        let _ = writeln!(
            report,
            "{}",
            Tr("请核对：", "please check:").get(lang).to_owned()
        );
        for p in &imported.findings.problems {
            let _ = writeln!(report, "  - {}", p.get(lang));
        }
    }
    report
}

/// One line per leaf: how its rule was obtained and what it reads as.
fn rule_lines(report: &mut String, imported: &crate::interchange::Imported, lang: Lang) {
    // By code, so a table of many thousand rows is reported in linear time.
    let by_code: std::collections::HashMap<&str, &crate::core::model::Indicator> = imported
        .table
        .flatten()
        .into_iter()
        .map(|(_, i)| (i.code.as_str(), i))
        .rev()
        .collect();
    let count = |o: RuleOrigin| imported.rules.iter().filter(|r| r.origin == o).count();
    let _ =
        writeln!(
        report,
        "{}",
        Bilingual::new(format!(
                "评分规则：计分规则列 {} 项，按评分标准文字识别 {} 项，手工打分 {} 项",
                count(RuleOrigin::RuleColumn),
                count(RuleOrigin::Recognised),
                count(RuleOrigin::Manual)
            ), format!(
                "rules: {} from the rule column, {} recognised from the wording, {} scored by hand",
                count(RuleOrigin::RuleColumn),
                count(RuleOrigin::Recognised),
                count(RuleOrigin::Manual)
            )).get(lang).to_owned()
    );
    for r in &imported.rules {
        let Some(ind) = by_code.get(r.code.as_str()) else {
            continue;
        };
        let Some(rule) = &ind.rule else { continue };
        let described = describe_rule(&rule.kind, ind.weight);
        let metric = rule
            .metric
            .filter(|m| m.label_zh() != ind.name)
            .map(|m| format!("{}：", m.label(lang)))
            .unwrap_or_default();
        let how = match (r.origin, &rule.kind) {
            (RuleOrigin::Manual, _) | (_, RuleKind::Manual) => {
                Tr("手工打分", "by hand").get(lang).to_owned()
            }
            _ => format!("{metric}{}", described.get(lang)),
        };
        let note = r
            .note
            .as_ref()
            .map(|n| format!("（{}）", n.get(lang)))
            .unwrap_or_default();
        let _ = writeln!(report, "  {} {}：{how}{note}", r.code, r.name);
        // The sentence beside the wording it was read from, so a misreading shows.
        if r.origin == RuleOrigin::Recognised && !ind.standard.trim().is_empty() {
            let label = Tr("原文", "wording").get(lang).to_owned();
            let _ = writeln!(report, "      {label}：{}", ind.standard.trim());
        }
    }
}

/// Runs `jixiao table import`: reads the spreadsheet, writes the table file
/// (or prints it), and returns the report of what was recognised.
///
/// # Errors
/// Exit code 2 when the spreadsheet cannot be read or its columns are not
/// recognised; 1 when a weight is no number or negative, or weights do not add up (unless `force`), nothing written then.
pub fn import(
    input: &Path,
    output: Option<&Path>,
    sheet: Option<&str>,
    flags: ImportFlags,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let ImportFlags {
        verified, force, ..
    } = flags;
    let name = input.display().to_string();
    let mut imported = crate::interchange::import_path(input, sheet)
        .map_err(|e| Failure::unreadable(e.describe(&name)))?;
    imported.table.verified = verified;
    imported.table.note = if verified {
        format!(
            "由 jixiao table import 从 {} 导入并标记为已核实",
            imported.table.source
        )
    } else {
        format!(
            "由 jixiao table import 从 {} 导入，未经核实：请对照财政局原表核对分值和评分标准",
            imported.table.source
        )
    };
    let json = table_file::to_json(&imported.table);
    let mut report = import_report(&imported, &name, lang);
    let refusal = if !imported.findings.invalid_weights.is_empty() {
        Some(Tr(
            "分值无效（不是数字或为负数），未写入评分表文件；请按原表改正分值（--force 也不导入无效分值）",
            "some weights are not numbers or are negative; no table file written. Correct them from the bureau's original (--force does not import invalid weights)",
        ))
    } else if !imported.findings.weight_errors.is_empty() && !force {
        Some(Tr(
            "分值合计不符，未写入评分表文件；请先核对原表，确认无误后可加 --force 导入",
            "the weights do not add up; no table file written. Check the bureau's original; add --force to import it anyway",
        ))
    } else {
        None
    };
    if let Some(why) = refusal {
        report.push_str(why.get(lang));
        return Err(Failure::refused_with_report(report));
    }
    let outcome = match output {
        Some(path) => {
            let inputs = [input.to_path_buf()];
            WriteRule::new(Existing::replace_if(flags.replace), &inputs)
                .write(path, json.as_bytes())
                .map_err(|e| Failure::not_written(&e, "--replace"))?;
            let _ = write!(
                report,
                "{}",
                Bilingual::new(
                    format!(
                        "已写入 {}{}",
                        path.display(),
                        if verified {
                            ""
                        } else {
                            "（未核实；核对无误后可加 --verified 重新导入）"
                        }
                    ),
                    format!(
                        "written: {}{}",
                        path.display(),
                        if verified {
                            ""
                        } else {
                            " (unverified; import again with --verified once checked)"
                        }
                    )
                )
                .get(lang)
                .to_owned()
            );
            Outcome {
                stdout: None,
                note: Some(Bilingual::new(report.clone(), report)),
            }
        }
        None => Outcome {
            stdout: Some(json.into_bytes()),
            note: Some(Bilingual::new(report.clone(), report)),
        },
    };
    Ok(outcome)
}

/// Runs `jixiao table apply`: replaces the workbook's table, keeping entries of
/// matching indicators, writes the workbook atomically with a `.bak`, and
/// returns the report. Nothing is written when either file cannot be read.
///
/// # Errors
/// Exit code 2 when the workbook or the table cannot be read; 1 when writing
/// fails, or (unless `force`) when no indicator matches or indicators holding
/// entries would be dropped.
pub fn apply(
    workbook: &Path,
    table: &Path,
    flags: ApplyFlags,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let loaded = open_for_apply(workbook)?;
    apply_opened(loaded, workbook, table, flags, lang)
}

/// [`apply`] to a workbook already read (its stamp taken then): the save is
/// refused when the file changed on disk since.
///
/// # Errors
/// As [`apply`].
pub fn apply_opened(
    mut loaded: crate::store::Opened,
    workbook: &Path,
    table: &Path,
    flags: ApplyFlags,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let ApplyFlags { dry_run, force } = flags;
    let wb_name = workbook.display().to_string();
    let new_table = table_file::read_table_file(table).map_err(Failure::unreadable)?;
    let before = derive(&loaded.workbook);
    let mut wb = loaded.workbook.clone();
    let report = apply_table(&mut wb, new_table);
    let after = derive(&wb);
    let refused = refusal(&report).filter(|_| !force);
    let mut text = apply_report(&report, &before, &after, lang);
    if let Some(why) = &refused {
        let _ = writeln!(text, "{}", why.describe().get(lang));
    }
    if dry_run {
        text.push_str(Tr("试运行：未写入", "dry run: nothing written").get(lang));
    } else if refused.is_some() {
        text.push_str(Tr("未写入", "nothing written").get(lang));
        return Err(Failure::refused_with_report(text));
    } else {
        // The old table's unknown fields cannot be matched to the new one.
        loaded.document.forget_unknown_field("table");
        // The store's save: atomic, `.bak` kept, and refused when the file
        // changed on disk since it was read (a workbench saved meanwhile).
        let saved = loaded
            .document
            .save(&wb)
            .map_err(|e| Failure::refused(e.describe_for_command()))?;
        let bak = saved
            .backup
            .map(|b| b.display().to_string())
            .unwrap_or_default();
        let _ = match lang {
            Lang::Zh => write!(text, "已写入 {wb_name}（原文件备份为 {bak}）"),
            Lang::En => write!(text, "written: {wb_name} (the old file is kept as {bak})"),
        };
    }
    Ok(Outcome {
        stdout: None,
        note: Some(Bilingual::new(text.clone(), text)),
    })
}

/// `table apply`'s switches.
#[derive(Debug, Clone, Copy, Default)]
pub struct ApplyFlags {
    /// Print the report without writing.
    pub dry_run: bool,
    /// Replace the table even when nothing matches or entries would be dropped.
    pub force: bool,
}

/// The indicators that took over an old one's entry, and how they matched.
fn kept_lines(report: &ApplyReport, lang: Lang) -> String {
    let mut text = String::new();
    let how = |m: MatchedBy| match (m, lang) {
        (MatchedBy::CodeAndName, Lang::Zh) => "编码和名称相同",
        (MatchedBy::Name, Lang::Zh) => "名称相同",
        (MatchedBy::Code, Lang::Zh) => "编码相同（名称不同，请核对）",
        (MatchedBy::CodeAndName, Lang::En) => "same code and name",
        (MatchedBy::Name, Lang::En) => "same name",
        (MatchedBy::Code, Lang::En) => "same code, different name: please check",
    };
    let carried: Vec<_> = report.kept.iter().filter(|k| k.had_entry).collect();
    let (kept, carried) = (report.kept.len(), carried.len());
    let _ = match lang {
        Lang::Zh => writeln!(
            text,
            "保留：{kept} 个指标与原表对应，其中 {carried} 个带有已填内容（得分、选择、理由、佐证或复核）"
        ),
        Lang::En => writeln!(
            text,
            "kept: {kept} indicators match the old table, {carried} of them with entries (scores, choices, reasons, evidence or review)"
        ),
    };
    for k in &report.kept {
        if k.had_entry || k.matched_by != MatchedBy::CodeAndName {
            let from = if k.old_code == k.code && k.old_name == k.name {
                String::new()
            } else {
                format!(" ← {} {}", k.old_code, k.old_name)
            };
            let _ = writeln!(
                text,
                "  {} {}{from}（{}）",
                k.code,
                k.name,
                how(k.matched_by)
            );
        }
    }
    text
}

/// What `table apply` kept, added and dropped, and the total before and after.
fn apply_report(
    report: &ApplyReport,
    before: &crate::core::engine::Derived,
    after: &crate::core::engine::Derived,
    lang: Lang,
) -> String {
    let mut text = kept_lines(report, lang);
    let new = report.new.len();
    let _ = match lang {
        Lang::Zh => writeln!(text, "新增：{new} 个指标"),
        Lang::En => writeln!(text, "new: {new} indicators"),
    };
    for (code, name) in &report.new {
        let _ = writeln!(text, "  {code} {name}");
    }
    let dropped = report.dropped.len();
    let _ = match lang {
        Lang::Zh => writeln!(text, "删除：{dropped} 个原指标"),
        Lang::En => writeln!(text, "dropped: {dropped} old indicators"),
    };
    for (code, name, had) in &report.dropped {
        let lost = if *had {
            Tr("（已填内容随之删除）", " (its entries are dropped)")
                .get(lang)
                .to_owned()
        } else {
            String::new()
        };
        let _ = writeln!(text, "  {code} {name}{lost}");
    }
    for w in &report.warnings {
        let _ = writeln!(text, "  ! {}", w.get(lang));
    }
    let (from, to) = (
        fmt_score(before.scores.total),
        fmt_score(after.scores.total),
    );
    let (grade_from, grade_to) = (before.grade.label(lang), after.grade.label(lang));
    let _ = match lang {
        Lang::Zh => writeln!(text, "总分：{from} → {to}，等级：{grade_from} → {grade_to}"),
        Lang::En => writeln!(
            text,
            "total: {from} → {to}, grade: {grade_from} → {grade_to}"
        ),
    };
    text
}

/// The workbook `table apply` rewrites, opened by the store (guarded, with
/// its stamp for the external-change check). A missing file is an error.
fn open_for_apply(workbook: &Path) -> Result<crate::store::Opened, Failure> {
    let opened =
        crate::store::open(workbook).map_err(|e| Failure::unreadable(e.describe_plain()))?;
    if opened.document.origin() == crate::store::Origin::NewFromSample {
        let name = workbook.display();
        return Err(Failure::unreadable(Bilingual::new(
            format!("{name}：无法读取（文件不存在）"),
            format!("{name}: cannot read (no such file)"),
        )));
    }
    Ok(opened)
}

/// Runs `jixiao table export`: the workbook's table as CSV or xlsx, by the
/// output's extension.
///
/// # Errors
/// Exit code 2 when the workbook cannot be read; 1 for an unknown extension or a write failure.
pub fn export(
    workbook: &Path,
    output: &Path,
    replace: bool,
    lang: Lang,
) -> Result<Outcome, Failure> {
    let (wb, _) = super::check::open(workbook).map_err(Failure::unreadable)?;
    let bytes = match crate::interchange::sheet::lowercase_extension(output).as_str() {
        "csv" => crate::interchange::table_export::to_csv(&wb.table, lang),
        "xlsx" => crate::interchange::table_export::to_xlsx(&wb.table, lang)
            .map_err(|e| Failure::write(output, &e))?,
        _ => {
            let name = output.display();
            return Err(Failure::refused(Bilingual::new(
                format!("{name}：输出文件应以 .csv 或 .xlsx 结尾"),
                format!("{name}: the output must end in .csv or .xlsx"),
            )));
        }
    };
    let inputs = [workbook.to_path_buf()];
    WriteRule::new(Existing::replace_if(replace), &inputs)
        .write(output, &bytes)
        .map_err(|e| Failure::not_written(&e, "--replace"))?;
    Ok(Outcome {
        stdout: None,
        note: Some(Bilingual::new(
            format!("已写入 {}", output.display()),
            format!("written: {}", output.display()),
        )),
    })
}

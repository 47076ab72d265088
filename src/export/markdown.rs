//! The report as Markdown: the blocks of [`super::report`] with Markdown's
//! marks, the text escaped so that it reads as typed.

use std::fmt::Write as _;

use super::report::{Block, ReportOptions, ScoreTable, blocks};
use super::rows::header_row;
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;
use crate::core::num::fmt_score;
use crate::escape;
use crate::i18n::Tr;

/// The report as Markdown, without the checks appendix.
#[must_use]
pub fn report(wb: &Workbook, derived: &Derived, lang: Lang) -> String {
    report_with(wb, derived, lang, ReportOptions::default())
}

/// The report as Markdown with the chosen options.
#[must_use]
pub fn report_with(wb: &Workbook, derived: &Derived, lang: Lang, options: ReportOptions) -> String {
    render(&blocks(wb, derived, lang, options), lang)
}

/// Renders blocks as Markdown.
#[must_use]
pub fn render(blocks: &[Block], lang: Lang) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Title(text) => {
                let _ = writeln!(out, "# {}\n", escape::markdown_line(text));
            }
            Block::Heading { level, text } => {
                let heading = "#".repeat(level + 1);
                let _ = writeln!(out, "{heading} {}\n", escape::markdown_line(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", md(text));
            }
            Block::Strong(text) => {
                let _ = writeln!(out, "**{}**\n", md(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", md(item));
                }
                out.push('\n');
            }
            Block::Table { header, rows } => table(&mut out, header, rows),
            Block::ScoreTable(scores) => score_table(&mut out, scores, lang),
            Block::Signature { unit, date } => signature(&mut out, unit, date, lang),
            Block::PageBreak => {}
        }
    }
    out
}

fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    // Columns empty in every row are left out.
    let keep: Vec<usize> = (0..header.len())
        .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
        .collect();
    let head: Vec<String> = keep.iter().map(|&c| cell(&header[c])).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(keep.len()));
    for row in rows {
        let cells: Vec<String> = keep
            .iter()
            .map(|&c| row.get(c).map(String::as_str).map(cell).unwrap_or_default())
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out.push('\n');
}

fn score_table(out: &mut String, scores: &ScoreTable, lang: Lang) {
    let mut cells: Vec<Vec<String>> = scores
        .rows
        .iter()
        .map(|r| {
            let indent = "　".repeat(r.level.saturating_sub(1));
            vec![
                r.code.clone(),
                format!("{indent}{}", r.name),
                r.weight.to_string(),
                fmt_score(r.score),
                r.reason.clone(),
            ]
        })
        .collect();
    cells.push(vec![
        String::new(),
        Tr("合计", "Total").get(lang).to_owned(),
        scores.max_total.to_string(),
        fmt_score(scores.total),
        format!("{}{}", Tr("自评等级：", "grade: ").get(lang), scores.grade),
    ]);
    let header: Vec<String> = header_row(
        &[
            Tr("编码", "Code"),
            Tr("指标", "Indicator"),
            Tr("分值", "Weight"),
            Tr("得分", "Score"),
            Tr("扣分原因", "Reason for lost points"),
        ],
        lang,
    );
    table(out, &header, &cells);
}

/// The unit signs and dates the report by hand.
fn signature(out: &mut String, unit: &str, date: &str, lang: Lang) {
    let date = if date.is_empty() {
        Tr("　　年　　月　　日", "Date: ____________")
            .get(lang)
            .to_owned()
    } else {
        md(date)
    };
    let _ = writeln!(out, "{}\n\n{date}\n", md(unit));
}

/// Escapes what Markdown would otherwise read as markup, keeping the text as
/// typed (`escape::markdown_text`: every line, not only the first).
fn md(text: &str) -> String {
    escape::markdown_text(text)
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    escape::markdown_cell(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

    #[test]
    fn an_unfinished_workbook_is_not_graded_in_the_report() {
        let table = sample_workbook().table;
        let wb = crate::core::newbook::blank_workbook("某某县教育局", 2024, table);
        let text = report(&wb, &derive(&wb), Lang::Zh);
        assert!(text.contains("自评等级为未评定（"), "{text}");
        assert!(!text.contains("自评等级为差"));
    }

    #[test]
    fn writes_the_variance_rate_as_the_seed_does() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::Zh);
        assert!(text.contains(
            "财政拨款收入预决算差异率=（588.55万元-731.80万元）/731.80万元*100%=19.58%（取小数点后两位绝对值，超过5%）"
        ));
        assert!(text.contains(
            "结余结转率=5.86万元/（5.86万元+512.01万元+0.00万元）*100%=1.13%（小于10%）"
        ));
        assert!(text.contains("自评得分94分（满分100分），自评等级为优。"));
        assert!(text.contains("组织筹备各类会议202次（其中区委常委会（扩大）会议28次、"));
        assert!(text.contains("分项合计202次）"));
        assert!(text.contains("处理区委文件1300余份"));
        assert!(text.contains("- 组长：万海波（区委办公室主任、一级主任科员）"));
        let with_checks = report_with(
            &wb,
            &derive(&wb),
            Lang::Zh,
            ReportOptions { with_checks: true },
        );
        assert!(with_checks.contains("## 附录 检查提示"));
        assert!(with_checks.contains("【严重】“收入预算”有两个数"));
    }

    #[test]
    fn the_checks_appendix_travels_only_on_request() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::Zh);
        assert!(!text.contains("附录 检查提示"));
        assert!(!text.contains("【严重】"));
    }

    #[test]
    fn reads_like_a_written_report() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::Zh);
        assert!(
            !text.contains("×5=5"),
            "engine working instead of a sentence"
        );
        assert!(!text.contains("得满分 "));
        assert!(text.contains("（三）自评材料报送时间及质量"));
        assert!(text.contains("（四）自评材料报送及公开一致情况"));
        assert!(text.contains(
            "我办所报送的自评报告、数据表、评分表与公开的自评报告、数据表、评分表一致。"
        ));
        assert!(text.contains(
            "（1）预算编制合理性（分值5分，得分5分）。评分标准：预算编制符合方针政策和工作要求及单位职责；资金在不同项目、用途之间合理分配；预算分配不固化。按评分标准，自评为“好”，得满分5分。"
        ));
    }

    #[test]
    fn english_report_is_english() {
        let wb = sample_workbook();
        let text = report(&wb, &derive(&wb), Lang::En);
        assert!(text.contains("## 1. Basic information"));
        assert!(
            text.contains(
                "Appropriation income variance rate = (588.55-731.80)/731.80*100%=19.58%"
            )
        );
        assert!(text.contains("grade: Excellent"));
        assert!(!text.contains("一、单位基本情况"));
    }

    #[test]
    fn markdown_escaping_keeps_plain_text_plain() {
        assert_eq!(md("731.80万元*100%"), "731.80万元*100%");
        assert_eq!(md("a*b*c"), "a\\*b\\*c");
        assert_eq!(md("# 不是标题"), "\\# 不是标题");
        assert_eq!(md("1. 不是列表"), "1\\. 不是列表");
        assert_eq!(md("1.准备工作"), "1.准备工作");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}

//! The self-evaluation report (自评报告) in the structure of the seed report,
//! every figure filled in from the workbook, every ratio written with its
//! arithmetic, the score table, the workload statistics, and the engine's
//! warnings as an appendix for the author. The sections live in `intro`
//! (一 and 二), `results` (三 and 四), `workload` and `appendix`.

mod appendix;
mod intro;
mod results;
mod workload;

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::rows::tr;
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::{FieldId, FieldKind, Workbook};

/// The whole report as Markdown.
#[must_use]
pub fn report(wb: &Workbook, derived: &Derived, lang: Lang) -> String {
    let mut r = Report {
        wb,
        d: derived,
        lang,
        out: String::new(),
    };
    r.title();
    r.basic_situation();
    r.self_evaluation_work();
    r.results();
    r.other();
    r.appendix_tables();
    r.appendix_warnings();
    r.out
}

struct Report<'a> {
    wb: &'a Workbook,
    d: &'a Derived,
    lang: Lang,
    out: String,
}

/// Escapes what Markdown would otherwise read as markup, keeping the text as typed.
fn md(text: &str) -> String {
    let mut out = inline(text);
    // A line that starts like a heading, quote, list or rule is plain text here.
    if out.starts_with(['#', '>', '-', '+', '=', '|']) {
        out.insert(0, '\\');
    } else if let Some(at) = out.find(['.', ')']) {
        let (head, rest) = out.split_at(at);
        let numbered = !head.is_empty()
            && head.chars().all(|c| c.is_ascii_digit())
            && rest[1..].starts_with(' ');
        if numbered {
            out.insert(at, '\\');
        }
    }
    out
}

/// Escapes emphasis and code markers inside a line.
fn inline(text: &str) -> String {
    let stars = text.matches('*').count() >= 2;
    let unders = text.matches('_').count() >= 2;
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '*' if stars => out.push_str("\\*"),
            '_' if unders => out.push_str("\\_"),
            '\\' | '`' | '<' => {
                out.push('\\');
                out.push(ch);
            }
            other => out.push(other),
        }
    }
    out
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(&text.replace(['\n', '\r'], " ")).replace('|', "\\|")
}

/// Chinese ordinal for 一是、二是 … (1–99).
fn cn_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// Full-width parentheses, as Chinese text writes them.
fn full_width_parens(text: &str) -> String {
    text.replace('(', "（").replace(')', "）")
}
impl Report<'_> {
    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, zh, en)
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn heading(&mut self, level: usize, text: &str) {
        let _ = writeln!(self.out, "{} {}\n", "#".repeat(level), inline(text));
    }

    /// Paragraphs of free text as typed: one paragraph per line.
    fn free_text(&mut self, text: &str) {
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            let none = self.t("（未填写）", "(not filled in)");
            self.para(none);
            return;
        }
        for l in lines {
            self.para(l);
        }
    }

    fn para(&mut self, text: &str) {
        let _ = writeln!(self.out, "{}\n", md(text));
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        // Columns empty in every row are left out.
        let keep: Vec<usize> = (0..header.len())
            .filter(|&c| rows.iter().any(|r| r.get(c).is_some_and(|v| !v.is_empty())))
            .collect();
        let head: Vec<String> = keep.iter().map(|&c| cell(header[c])).collect();
        let _ = writeln!(self.out, "| {} |", head.join(" | "));
        let _ = writeln!(self.out, "|{}", "---|".repeat(keep.len()));
        for row in rows {
            let cells: Vec<String> = keep
                .iter()
                .map(|&c| row.get(c).map(String::as_str).map(cell).unwrap_or_default())
                .collect();
            let _ = writeln!(self.out, "| {} |", cells.join(" | "));
        }
        self.out.push('\n');
    }

    /// "588.55万元", "20人", "92%" (zh) or "588.55 (10k yuan)" (en).
    fn amount(&self, field: FieldId, value: Decimal) -> String {
        match (self.lang, field.kind()) {
            (Lang::Zh, FieldKind::Percent) | (Lang::En, FieldKind::Percent) => format!("{value}%"),
            (Lang::Zh, kind) => format!("{value}{}", kind.unit_zh()),
            (Lang::En, kind) => format!("{value} {}", kind.unit_en()),
        }
    }

    /// "label value" pieces of the fields that are given.
    fn given(&self, fields: &[(FieldId, &str, &str)]) -> Vec<String> {
        fields
            .iter()
            .filter_map(|(f, zh, en)| {
                let v = f.get(self.wb)?;
                Some(match self.lang {
                    Lang::Zh => format!("{zh}{}", self.amount(*f, v)),
                    Lang::En => format!("{en} {}", self.amount(*f, v)),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::engine::derive;
    use crate::core::sample::sample_workbook;

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
        assert!(text.contains("## 附录 检查提示"));
        assert!(text.contains("【严重】“收入预算”有两个数"));
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
        assert_eq!(cn_number(1), "一");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
    }
}

//! The self-evaluation report (自评报告) in the structure of the seed report,
//! every figure filled in from the workbook, every ratio written with its
//! arithmetic, one sentence per indicator, the score table, the workload
//! statistics, a signature block, and (on request) the engine's warnings as an
//! appendix for the author. The report is built once as [`Block`]s; Markdown
//! and Word render the same blocks. The sections live in `intro` (一 and 二),
//! `results` (三 and 四), `workload`, `appendix`; `sentence` says how each
//! indicator was scored.

mod appendix;
mod intro;
mod projects;
mod results;
pub mod sentence;
mod workload;

use rust_decimal::Decimal;

pub use projects::project_blocks;

use super::rows::{ScoreRow, score_rows};
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::{FieldId, FieldKind, Workbook};
use crate::i18n::Tr;

/// What goes into the report besides its sections.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    /// Append the engine's warnings for the author (附录 检查提示).
    pub with_checks: bool,
}

/// One piece of the report, as a renderer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document title.
    Title(String),
    /// 一、 (level 1), （一） (level 2), 1. (level 3).
    Heading {
        level: usize,
        text: String,
    },
    Paragraph(String),
    /// A bold lead-in line (1、单位机构设置).
    Strong(String),
    Bullets(Vec<String>),
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// The scoring table, one row per indicator in display order.
    ScoreTable(ScoreTable),
    /// Who signs the report, and its date (a line for the hand when empty).
    Signature {
        unit: String,
        date: String,
    },
    /// The attached tables start on a page of their own (Word; Markdown ignores it).
    PageBreak,
}

/// The scoring table with its total line.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreTable {
    pub rows: Vec<ScoreRow>,
    pub max_total: Decimal,
    pub total: Decimal,
    pub grade: String,
}

/// The whole report as blocks.
#[must_use]
pub fn blocks(wb: &Workbook, derived: &Derived, lang: Lang, options: ReportOptions) -> Vec<Block> {
    let mut r = Report {
        wb,
        d: derived,
        lang,
        out: Vec::new(),
    };
    r.title();
    r.basic_situation();
    r.self_evaluation_work();
    r.results();
    r.other();
    r.signature();
    r.out.push(Block::PageBreak);
    r.appendix_tables();
    for (p, d) in wb.projects.iter().zip(&derived.projects.projects) {
        r.out.push(Block::PageBreak);
        r.out.extend(project_blocks(wb, p, d, lang));
    }
    if options.with_checks {
        r.appendix_warnings();
    }
    r.out
}

struct Report<'a> {
    wb: &'a Workbook,
    d: &'a Derived,
    lang: Lang,
    out: Vec<Block>,
}

/// Full-width parentheses, as Chinese text writes them.
fn full_width_parens(text: &str) -> String {
    text.replace('(', "（").replace(')', "）")
}
impl Report<'_> {
    fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        Tr(zh, en).get(self.lang)
    }

    fn heading(&mut self, level: usize, text: &str) {
        // The title is level 1 in the sections' numbering; headings start at 一、.
        if level == 1 {
            self.out.push(Block::Title(text.to_owned()));
        } else {
            self.out.push(Block::Heading {
                level: level - 1,
                text: text.to_owned(),
            });
        }
    }

    fn strong(&mut self, text: &str) {
        self.out.push(Block::Strong(text.to_owned()));
    }

    fn bullets(&mut self, items: Vec<String>) {
        self.out.push(Block::Bullets(items));
    }

    /// Paragraphs of free text as typed: one paragraph per line.
    /// Level-3 headings, each over the officer's free text for it.
    fn text_sections(&mut self, sections: &[(Tr, &str)]) {
        for (title, text) in sections {
            self.heading(3, title.get(self.lang));
            self.free_text(text);
        }
    }

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
        self.out.push(Block::Paragraph(text.to_owned()));
    }

    fn table(&mut self, header: &[&str], rows: &[Vec<String>]) {
        self.out.push(Block::Table {
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: rows.to_vec(),
        });
    }

    fn score_table(&mut self) {
        self.out.push(Block::ScoreTable(ScoreTable {
            rows: score_rows(self.wb, self.d, self.lang),
            max_total: self.d.scores.max_total,
            total: self.d.scores.total,
            // 未评定 while any leaf is unscored, as the text above says.
            grade: crate::core::newbook::grade_text(self.d, self.lang),
        }));
    }

    fn signature(&mut self) {
        self.out.push(Block::Signature {
            unit: self.wb.unit.name.clone(),
            date: self.wb.unit.report_date.trim().to_owned(),
        });
    }

    /// "588.55万元", "20人", "92%" (zh) or "588.55 (10k yuan)" (en).
    fn amount(&self, field: FieldId, value: Decimal) -> String {
        match (self.lang, field.kind()) {
            (Lang::Zh | Lang::En, FieldKind::Percent) => format!("{value}%"),
            (Lang::Zh, kind) => format!("{value}{}", kind.unit_zh()),
            (Lang::En, kind) => format!("{value} {}", kind.unit_en()),
        }
    }

    /// A given field's value with its unit word ("731.80万元"), `None` when not given.
    fn stated(&self, field: FieldId) -> Option<String> {
        field.get(self.wb).map(|v| self.amount(field, v))
    }

    /// "label value" in the report's language ("财政拨款收入预算数731.80万元").
    fn labelled(&self, (zh, en): (&str, &str), field: FieldId, value: Decimal) -> String {
        let amount = self.amount(field, value);
        match self.lang {
            Lang::Zh => format!("{zh}{amount}"),
            Lang::En => format!("{en} {amount}"),
        }
    }

    /// "label value" pieces of the fields that are given.
    fn given(&self, fields: &[(FieldId, &str, &str)]) -> Vec<String> {
        fields
            .iter()
            .filter_map(|&(f, zh, en)| Some(self.labelled((zh, en), f, f.get(self.wb)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn submission_splits_into_timing_and_publication() {
        let (timing, published) =
            intro::split_submission("按时报送材料。报送内容与公开的一致。\n对真实性负责。");
        assert_eq!(timing, "按时报送材料。\n对真实性负责。\n");
        assert_eq!(published, "报送内容与公开的一致。\n");
    }
}

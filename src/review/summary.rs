//! The bureau's summary (汇总表): one row per unit in view — computed total
//! (计算得分), review total (审核得分), their difference, the grade, the
//! review status — then the averages, each saying over which units, and the
//! grade distribution (优/良/中/差/未评定, counts and shares). A title block
//! says the year, the scope (all units, or the filter), the bureau (制表单位)
//! and the date. Pure: built from the overview rows; rendered to Markdown and
//! CSV here and to xlsx with live formulas in `summary_xlsx`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::overview::OverviewRow;
use super::reviews::ReviewStatus;
use super::stats::GRADES;
use crate::core::Lang;
use crate::core::engine::Grade;
use crate::core::grading::Standing;
use crate::core::num::{fmt_percent, round2};
use crate::i18n::Tr;

/// The computed and the review totals and their difference: of one unit, or
/// their averages over the units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// 计算得分: the total computed from the unit's entries, as displayed.
    pub officer: Option<Decimal>,
    /// 审核得分: the total with the reviewer's scores, once reviewed or scored.
    pub reviewer: Option<Decimal>,
    /// 审核得分 − 计算得分, when both exist.
    pub difference: Option<Decimal>,
}

/// One unit of the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// The unit's name, or the file name when the file could not be read.
    pub unit: String,
    pub file_name: String,
    pub year: Option<u16>,
    pub totals: Totals,
    /// From the overview row's standing (`core::grading`): by the review
    /// total when there is one, else the computed one; `None` (未评定) when
    /// the file could not be read or leaves are still unscored.
    pub grade: Option<Grade>,
    /// Leaves still unscored under the review (the grade is 未评定 while any).
    pub unscored: usize,
    /// The computed total counts unscored leaves as 0 (shown with `*`).
    pub officer_provisional: bool,
    pub status: ReviewStatus,
    /// Warnings of every severity.
    pub warnings: usize,
}

impl SummaryRow {
    /// The review total counts unscored leaves as 0 (shown with `*`).
    #[must_use]
    pub fn reviewer_provisional(&self) -> bool {
        self.unscored > 0 && self.totals.reviewer.is_some()
    }
}

/// How many units have one grade (`None`: 未评定) and their share in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeShare {
    pub grade: Option<Grade>,
    pub count: usize,
    /// Percent of all units, half-up to 2 places; `None` without units.
    pub share: Option<Decimal>,
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    /// 优, 良, 中, 差, then 未评定.
    pub distribution: Vec<GradeShare>,
    /// Averages (half-up, 2 places) over the units that have the figure.
    pub averages: Totals,
    /// How many units the computed average is over.
    pub officer_units: usize,
    /// How many units the review and difference averages are over.
    pub reviewer_units: usize,
}

/// What the title block says besides the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// 制表单位 (the bureau); empty: left for the hand.
    pub bureau: String,
    /// 制表日期, `YYYY-MM-DD`; empty: left for the hand.
    pub date: String,
    /// The filter, in words; empty: every unit.
    pub filter: String,
    /// How many units there are in all (the filter keeps `rows.len()`).
    pub all_units: usize,
}

/// The summary of the overview rows in `view`, in view order.
#[must_use]
pub fn build(rows: &[OverviewRow], view: &[usize]) -> Summary {
    build_from_rows(
        view.iter()
            .filter_map(|&i| rows.get(i))
            .map(summary_row)
            .collect(),
    )
}

/// The distribution and averages of unit rows already made.
#[must_use]
pub fn build_from_rows(rows: Vec<SummaryRow>) -> Summary {
    let total = rows.len();
    let distribution = GRADES
        .iter()
        .map(|g| Some(*g))
        .chain(std::iter::once(None))
        .map(|grade| {
            let count = rows.iter().filter(|r| r.grade == grade).count();
            GradeShare {
                grade,
                count,
                share: share(count, total),
            }
        })
        .collect();
    let averages = Totals {
        officer: average(rows.iter().filter_map(|r| r.totals.officer)),
        reviewer: average(rows.iter().filter_map(|r| r.totals.reviewer)),
        difference: average(rows.iter().filter_map(|r| r.totals.difference)),
    };
    Summary {
        officer_units: rows.iter().filter(|r| r.totals.officer.is_some()).count(),
        reviewer_units: rows.iter().filter(|r| r.totals.reviewer.is_some()).count(),
        rows,
        distribution,
        averages,
    }
}

fn summary_row(row: &OverviewRow) -> SummaryRow {
    let difference = row
        .review_total
        .zip(row.computed_total)
        .map(|(reviewer, officer)| reviewer - officer);
    SummaryRow {
        unit: row.unit.clone().unwrap_or_else(|| row.file_name.clone()),
        file_name: row.file_name.clone(),
        year: row.year,
        totals: Totals {
            officer: row.computed_total,
            reviewer: row.review_total,
            difference,
        },
        // One grade everywhere: the overview row's standing (core::grading).
        grade: row.grade(),
        unscored: row.standing.map_or(0, Standing::unscored),
        officer_provisional: row.unscored > 0,
        status: row.status,
        warnings: row.warning_total(),
    }
}

/// `count` of `total` in percent, half-up to 2 places; none for no units.
fn share(count: usize, total: usize) -> Option<Decimal> {
    (total > 0).then(|| round2(Decimal::from(count) * Decimal::ONE_HUNDRED / Decimal::from(total)))
}

fn average(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let (sum, n) = values.fold((Decimal::ZERO, 0_u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| round2(sum / Decimal::from(n)))
}

/// The grade's label; 未评定 for none.
#[must_use]
pub fn grade_label(grade: Option<Grade>, lang: Lang) -> String {
    match grade {
        Some(g) => g.label(lang).to_owned(),
        None => crate::core::grading::NOT_GRADED.get(lang).to_owned(),
    }
}

/// The unit table's headers (the columns a chief reads).
#[must_use]
pub fn row_headers(lang: Lang) -> Vec<String> {
    [
        ("序号", "No."),
        ("单位", "Unit"),
        ("年度", "Year"),
        ("计算得分", "Computed score"),
        ("审核得分", "Review score"),
        ("差额（审核得分−计算得分）", "Review − computed"),
        ("等级", "Grade"),
        ("审核状态", "Review status"),
    ]
    .iter()
    .map(|(zh, en)| Tr(zh, en).get(lang).to_owned())
    .collect()
}

/// The details sheet's headers (what a chief does not read first).
#[must_use]
pub fn detail_headers(lang: Lang) -> Vec<String> {
    [
        ("序号", "No."),
        ("单位", "Unit"),
        ("文件", "File"),
        ("年度", "Year"),
        ("未评分指标数", "Unscored indicators"),
        ("警告数", "Warnings"),
    ]
    .iter()
    .map(|(zh, en)| Tr(zh, en).get(lang).to_owned())
    .collect()
}

/// The distribution table's headers.
#[must_use]
pub fn distribution_headers(lang: Lang) -> Vec<String> {
    [("等级", "Grade"), ("单位数", "Units"), ("占比", "Share")]
        .iter()
        .map(|(zh, en)| Tr(zh, en).get(lang).to_owned())
        .collect()
}

/// The sheet's name.
#[must_use]
pub fn title(lang: Lang) -> String {
    Tr("审核汇总表", "Review summary").get(lang).to_owned()
}

/// The document's title with the year(s) of the rows.
#[must_use]
pub fn full_title(summary: &Summary, lang: Lang) -> String {
    let mut years: Vec<u16> = summary.rows.iter().filter_map(|r| r.year).collect();
    years.sort_unstable();
    years.dedup();
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a}—{b}"),
        _ => String::new(),
    };
    match (lang, span.is_empty()) {
        (Lang::Zh, false) => format!("{span}年度部门整体支出绩效自评审核汇总表"),
        (Lang::Zh, true) => "部门整体支出绩效自评审核汇总表".to_owned(),
        (Lang::En, false) => {
            format!("Review summary of the {span} whole-spending self-evaluations")
        }
        (Lang::En, true) => "Review summary of the whole-spending self-evaluations".to_owned(),
    }
}

/// The scope line: every unit, or the filter and how many it keeps.
#[must_use]
pub fn scope_line(summary: &Summary, meta: &Meta, lang: Lang) -> String {
    let (n, all) = (summary.rows.len(), meta.all_units.max(summary.rows.len()));
    match (lang, meta.filter.is_empty()) {
        (Lang::Zh, true) => format!("范围：全部 {n} 个单位"),
        (Lang::Zh, false) => format!("范围：筛选（{}），{all} 个单位中的 {n} 个", meta.filter),
        (Lang::En, true) => format!("Scope: all {n} units"),
        (Lang::En, false) => format!("Scope: filtered ({}), {n} of {all} units", meta.filter),
    }
}

/// 制表单位 and 制表日期.
#[must_use]
pub fn maker_line(meta: &Meta, lang: Lang) -> (String, String) {
    let date = super::letter::date_text(&meta.date, lang);
    match lang {
        Lang::Zh => (
            format!("制表单位：{}", meta.bureau),
            format!("制表日期：{date}"),
        ),
        Lang::En => (format!("Made by: {}", meta.bureau), format!("Date: {date}")),
    }
}

/// The averages' labels, each saying over which units.
#[must_use]
pub fn average_labels(summary: &Summary, lang: Lang) -> (String, String) {
    let (n, m) = (summary.officer_units, summary.reviewer_units);
    match lang {
        Lang::Zh => (
            format!("计算得分平均（{n} 个单位）"),
            format!("审核得分、差额平均（已有审核得分的 {m} 个单位）"),
        ),
        Lang::En => (
            format!("Average computed score ({n} units)"),
            format!("Average review score and difference ({m} units with a review score)"),
        ),
    }
}

/// The note under the table: what `*` and 未评定 mean.
#[must_use]
pub fn note(lang: Lang) -> String {
    Tr(
        "注：带 * 的得分尚有指标未评分（暂计 0 分），其等级为未评定；等级按审核得分评定，尚无审核得分的按计算得分评定（优 ≥ 90，良 ≥ 80，中 ≥ 60，其余为差）。",
        "Note: a score with * still has unscored indicators (counted as 0) and is not graded; the grade follows the review score, else the computed score (Excellent ≥ 90, Good ≥ 80, Fair ≥ 60, else Poor).",
    )
    .get(lang)
    .to_owned()
}

/// A score with its two places always shown ("82.20"); `*` when provisional.
#[must_use]
pub fn fixed(v: Option<Decimal>, provisional: bool) -> String {
    v.map(|v| format!("{:.2}{}", round2(v), if provisional { "*" } else { "" }))
        .unwrap_or_default()
}

fn signed(v: Option<Decimal>) -> String {
    match v {
        Some(d) if d > Decimal::ZERO => format!("+{:.2}", round2(d)),
        Some(d) => format!("{:.2}", round2(d)),
        None => String::new(),
    }
}

/// A unit row as text cells (Markdown and CSV).
fn row_cells(at: usize, row: &SummaryRow, lang: Lang) -> Vec<String> {
    vec![
        (at + 1).to_string(),
        row.unit.clone(),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        fixed(row.totals.officer, row.officer_provisional),
        fixed(row.totals.reviewer, row.reviewer_provisional()),
        signed(row.totals.difference),
        grade_label(row.grade, lang),
        row.status.label(lang).to_owned(),
    ]
}

fn distribution_cells(share: &GradeShare, lang: Lang) -> Vec<String> {
    vec![
        grade_label(share.grade, lang),
        share.count.to_string(),
        share.share.map(fmt_percent).unwrap_or_default(),
    ]
}

/// The two average lines as cells under the unit table.
fn average_rows(summary: &Summary, lang: Lang) -> Vec<Vec<String>> {
    let (officer, reviewer) = average_labels(summary, lang);
    let a = &summary.averages;
    vec![
        vec![
            String::new(),
            officer,
            String::new(),
            fixed(a.officer, false),
        ],
        vec![
            String::new(),
            reviewer,
            String::new(),
            String::new(),
            fixed(a.reviewer, false),
            signed(a.difference),
        ],
    ]
}

/// Markdown: the title block, the unit table with its averages, the
/// distribution, the note.
#[must_use]
pub fn to_markdown(summary: &Summary, meta: &Meta, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", full_title(summary, lang));
    let (maker, date) = maker_line(meta, lang);
    let _ = write!(
        out,
        "{}\n\n{maker}　　{date}\n\n",
        scope_line(summary, meta, lang)
    );
    let headers = row_headers(lang);
    let mut body: Vec<Vec<String>> = summary
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| row_cells(i, r, lang))
        .collect();
    for mut line in average_rows(summary, lang) {
        line.resize(headers.len(), String::new());
        body.push(line);
    }
    push_table(&mut out, &headers, &body);
    let _ = write!(
        out,
        "\n## {}\n\n",
        Tr("等级分布", "Grade distribution").get(lang)
    );
    let rows: Vec<Vec<String>> = summary
        .distribution
        .iter()
        .map(|s| distribution_cells(s, lang))
        .collect();
    push_table(&mut out, &distribution_headers(lang), &rows);
    let _ = write!(out, "\n{}\n", note(lang));
    out
}

/// Cells a spreadsheet reads as text, never as a formula (a unit named
/// `=HYPERLINK(…)`, a comment starting with `@`).
fn safe(cells: Vec<String>) -> Vec<String> {
    cells
        .into_iter()
        .map(|c| crate::escape::spreadsheet_cell(&c, false).into_owned())
        .collect()
}

fn push_table(out: &mut String, headers: &[String], rows: &[Vec<String>]) {
    let line = |cells: &[String]| {
        let escaped: Vec<String> = cells
            .iter()
            .map(|c| crate::escape::markdown_cell(c))
            .collect();
        format!("| {} |\n", escaped.join(" | "))
    };
    out.push_str(&line(headers));
    let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
    for row in rows {
        out.push_str(&line(row));
    }
}

/// CSV (UTF-8 with a byte-order mark): the title block, the unit table with
/// its averages, an empty line, the distribution, the note.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_csv(summary: &Summary, meta: &Meta, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let headers = row_headers(lang);
        // An empty line between the tables (a lone empty field would read `""`).
        let gap = vec![String::new(); headers.len()];
        let (maker, date) = maker_line(meta, lang);
        writer.write_record(safe(vec![full_title(summary, lang)]))?;
        writer.write_record(safe(vec![scope_line(summary, meta, lang)]))?;
        writer.write_record(safe(vec![maker, date]))?;
        writer.write_record(&headers)?;
        for (i, row) in summary.rows.iter().enumerate() {
            writer.write_record(safe(row_cells(i, row, lang)))?;
        }
        for line in average_rows(summary, lang) {
            writer.write_record(safe(line))?;
        }
        writer.write_record(&gap)?;
        writer.write_record(distribution_headers(lang))?;
        for share in &summary.distribution {
            writer.write_record(safe(distribution_cells(share, lang)))?;
        }
        writer.write_record(&gap)?;
        writer.write_record(safe(vec![note(lang)]))?;
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn row(unit: &str, computed: Option<Decimal>, review: Option<Decimal>) -> OverviewRow {
        OverviewRow {
            entry: 0,
            file_name: format!("{unit}.json"),
            path: String::new(),
            error: None,
            unit: computed.map(|_| unit.to_owned()),
            year: Some(2023),
            reported_total: None,
            computed_total: computed,
            difference: None,
            standing: computed.map(|c| crate::core::grading::Standing::of(review.unwrap_or(c), 0)),
            unscored: 0,
            name_order: crate::review::overview::NameOrder::default(),
            subtotals: Vec::new(),
            ratios: [None; 4],
            warnings: [1, 0, 2, 0],
            status: ReviewStatus::Unreviewed,
            review_total: review,
            review_stale: false,
            mismatched: Vec::new(),
            changed_on_disk: false,
            comment: String::new(),
            duplicate: false,
            search_text: String::new(),
        }
    }

    #[test]
    fn grades_follow_the_reviewer_total_and_shares_round_half_up() {
        let rows = vec![
            row("甲", Some(dec!(91)), Some(dec!(89.5))),
            row("乙", Some(dec!(85.44)), None),
            row("丙", None, None),
        ];
        let s = build(&rows, &[0, 1, 2]);
        assert_eq!(
            s.rows[0].grade,
            Some(Grade::Good),
            "89.5 after review is 良"
        );
        assert_eq!(s.rows[0].totals.difference, Some(dec!(-1.5)));
        assert_eq!(s.rows[1].totals.difference, None);
        assert_eq!(s.rows[2].grade, None);
        assert_eq!(s.rows[2].unit, "丙.json");
        let counts: Vec<usize> = s.distribution.iter().map(|d| d.count).collect();
        assert_eq!(counts, vec![0, 2, 0, 0, 1]);
        // 2 of 3 = 66.666… → 66.67; 1 of 3 → 33.33.
        assert_eq!(s.distribution[1].share, Some(dec!(66.67)));
        assert_eq!(s.distribution[4].share, Some(dec!(33.33)));
        assert_eq!(s.averages.officer, Some(dec!(88.22)));
        assert_eq!(s.averages.reviewer, Some(dec!(89.5)));
        assert_eq!(s.rows[0].warnings, 3);
    }

    #[test]
    fn unscored_leaves_are_not_graded() {
        let mut unfinished = row("丁", Some(dec!(40)), None);
        unfinished.unscored = 1;
        unfinished.standing = Some(crate::core::grading::Standing::of(dec!(40), 1));
        let s = build(&[unfinished], &[0]);
        assert_eq!(s.rows[0].grade, None, "未评定, not 差");
        assert_eq!(s.distribution[4].count, 1);
        assert_eq!(s.distribution[3].count, 0);
    }

    #[test]
    fn no_units_gives_empty_cells_not_a_division_by_zero() {
        let s = build(&[], &[]);
        assert!(
            s.distribution
                .iter()
                .all(|d| d.count == 0 && d.share.is_none())
        );
        assert_eq!(s.averages.officer, None);
        let md = to_markdown(&s, &Meta::default(), Lang::Zh);
        assert!(md.contains("| 优 | 0 |  |"), "{md}");
        assert!(md.contains("计算得分平均（0 个单位）"), "{md}");
        assert!(!md.contains("n/a"), "no English in a zh document: {md}");
        let csv = to_csv(&s, &Meta::default(), Lang::En).expect("csv");
        let csv = String::from_utf8_lossy(&csv).into_owned();
        assert!(csv.contains("Average computed score (0 units)"), "{csv}");
        assert!(!csv.contains("n/a"), "{csv}");
    }
}

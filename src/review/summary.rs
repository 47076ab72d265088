//! The bureau's summary (汇总表): one row per unit in view — officer total,
//! reviewer total, their difference, the grade, the review status and the
//! warnings — then the grade distribution (优/良/中/差/未评定, counts and
//! shares) and the averages. Pure: built from the overview rows; rendered to
//! Markdown and CSV here and to xlsx with live formulas in `summary_xlsx`.

use std::fmt::Write as _;

use rust_decimal::Decimal;

use super::overview::OverviewRow;
use super::reviews::ReviewStatus;
use super::stats::GRADES;
use crate::core::Lang;
use crate::core::engine::Grade;
use crate::core::num::{fmt_percent, fmt_score, round2};
use crate::i18n::Tr;

/// The officer's and the reviewer's totals and their difference: of one
/// unit, or their averages over the units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// The total computed from the officer's entries, as displayed.
    pub officer: Option<Decimal>,
    /// The total with the reviewer's scores, once reviewed or scored.
    pub reviewer: Option<Decimal>,
    /// Reviewer − officer, when both exist.
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
    /// By the reviewer's total when there is one, else the officer's; `None`
    /// (未评定) when the file could not be read or leaves are still unscored.
    pub grade: Option<Grade>,
    pub status: ReviewStatus,
    /// Warnings of every severity.
    pub warnings: usize,
}

/// How many units have one grade (`None`: 未评定) and their share in percent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeShare {
    pub grade: Option<Grade>,
    pub count: usize,
    /// Percent of all units, half-up to 2 places; `None` (n/a) without units.
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
    // One grade everywhere: the overview row's standing (core::grading).
    let grade = row.grade();
    SummaryRow {
        unit: row.unit.clone().unwrap_or_else(|| row.file_name.clone()),
        file_name: row.file_name.clone(),
        year: row.year,
        totals: Totals {
            officer: row.computed_total,
            reviewer: row.review_total,
            difference,
        },
        grade,
        status: row.status,
        warnings: row.warning_total(),
    }
}

/// `count` of `total` in percent, half-up to 2 places; n/a for no units.
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
    match (grade, lang) {
        (Some(g), Lang::Zh) => g.label_zh().to_owned(),
        (Some(g), Lang::En) => g.label_en().to_owned(),
        (None, _) => Tr("未评定", "not graded").get(lang).to_owned(),
    }
}

/// The unit table's headers.
#[must_use]
pub fn row_headers(lang: Lang) -> Vec<String> {
    [
        ("单位", "Unit"),
        ("文件", "File"),
        ("年度", "Year"),
        ("自评计算得分", "Officer total (computed)"),
        ("审核得分", "Reviewer total"),
        ("差额（审核−自评）", "Difference (reviewer − officer)"),
        ("等级", "Grade"),
        ("审核状态", "Review status"),
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

/// The sheet's and the document's title.
#[must_use]
pub fn title(lang: Lang) -> String {
    Tr("审核汇总表", "Review summary").get(lang).to_owned()
}

/// The label of the averages line.
#[must_use]
pub fn average_label(lang: Lang) -> String {
    Tr("平均", "Average").get(lang).to_owned()
}

fn opt_score(v: Option<Decimal>) -> String {
    v.map(fmt_score).unwrap_or_default()
}

fn signed(v: Option<Decimal>) -> String {
    match v {
        Some(d) if d > Decimal::ZERO => format!("+{}", fmt_score(d)),
        Some(d) => fmt_score(d),
        None => String::new(),
    }
}

fn na(v: Option<Decimal>, show: fn(Decimal) -> String) -> String {
    v.map_or_else(|| "n/a".to_owned(), show)
}

/// A unit row as text cells (Markdown and CSV).
fn row_cells(row: &SummaryRow, lang: Lang) -> Vec<String> {
    vec![
        row.unit.clone(),
        row.file_name.clone(),
        row.year.map(|y| y.to_string()).unwrap_or_default(),
        opt_score(row.totals.officer),
        opt_score(row.totals.reviewer),
        signed(row.totals.difference),
        grade_label(row.grade, lang),
        row.status.label(lang).to_owned(),
        row.warnings.to_string(),
    ]
}

fn distribution_cells(share: &GradeShare, lang: Lang) -> Vec<String> {
    vec![
        grade_label(share.grade, lang),
        share.count.to_string(),
        na(share.share, fmt_percent),
    ]
}

fn average_cells(summary: &Summary, lang: Lang) -> Vec<String> {
    let mut cells = vec![average_label(lang), String::new(), String::new()];
    cells.push(na(summary.averages.officer, fmt_score));
    cells.push(na(summary.averages.reviewer, fmt_score));
    cells.push(
        summary
            .averages
            .difference
            .map_or_else(|| "n/a".to_owned(), |d| signed(Some(d))),
    );
    cells
}

/// Markdown: the title, the unit table with its averages line, the distribution.
#[must_use]
pub fn to_markdown(summary: &Summary, lang: Lang) -> String {
    let mut out = format!("# {}\n\n", title(lang));
    let headers = row_headers(lang);
    let mut body: Vec<Vec<String>> = summary.rows.iter().map(|r| row_cells(r, lang)).collect();
    let mut averages = average_cells(summary, lang);
    averages.resize(headers.len(), String::new());
    body.push(averages);
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

/// CSV (UTF-8 with a byte-order mark): the unit table, its averages line, an
/// empty line, the distribution.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn to_csv(summary: &Summary, lang: Lang) -> Result<Vec<u8>, csv::Error> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(&mut out);
        let headers = row_headers(lang);
        // An empty line between the tables (a lone empty field would read `""`).
        let gap = vec![String::new(); headers.len()];
        writer.write_record(&headers)?;
        for row in &summary.rows {
            writer.write_record(safe(row_cells(row, lang)))?;
        }
        writer.write_record(safe(average_cells(summary, lang)))?;
        writer.write_record(&gap)?;
        writer.write_record(distribution_headers(lang))?;
        for share in &summary.distribution {
            writer.write_record(safe(distribution_cells(share, lang)))?;
        }
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
    fn no_units_gives_n_a_not_a_division_by_zero() {
        let s = build(&[], &[]);
        assert!(
            s.distribution
                .iter()
                .all(|d| d.count == 0 && d.share.is_none())
        );
        assert_eq!(s.averages.officer, None);
        let md = to_markdown(&s, Lang::Zh);
        assert!(md.contains("| 优 | 0 | n/a |"), "{md}");
        let csv = to_csv(&s, Lang::En).expect("csv");
        assert!(String::from_utf8_lossy(&csv).contains("Average,,,n/a,n/a,n/a"));
    }
}

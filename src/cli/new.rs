//! `jixiao new FILE [--unit NAME] [--year N] [--table T] [--from LAST_YEAR.json]`:
//! a new workbook for any unit and year, blank or carried over from last year's.

use std::fmt::Write as _;
use std::path::Path;

use super::export::{Failure, Outcome};
use crate::core::carry::{CarrySummary, carry_over};
use crate::core::model::{ScoringTable, Workbook};
use crate::core::newbook::blank_workbook;
use crate::core::templates::Template;
use crate::core::{Bilingual, Lang};
use crate::store::{self, Existing, WriteRule};

/// What the command line asked for.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub file: &'a Path,
    pub unit: Option<&'a str>,
    pub year: Option<u16>,
    /// `seed`, `national` or the path of a table file (or of a workbook whose table to take).
    pub table: Option<&'a str>,
    pub from: Option<&'a Path>,
    pub force: bool,
}

/// The table a `--table` value names: a built-in template or a table file.
///
/// # Errors
/// The file cannot be read or is not a table; the message names file, line and column.
pub fn resolve_table(spec: Option<&str>) -> Result<ScoringTable, Bilingual> {
    match spec.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Template::DEFAULT.table()),
        Some(key) => match Template::from_key(key) {
            Some(template) => Ok(template.table()),
            None => crate::interchange::table_file::read_table_file(Path::new(key)),
        },
    }
}

/// The workbook `request` describes, and the carry-over summary when it came from last year.
///
/// # Errors
/// Last year's workbook or the table cannot be read.
pub fn build(
    request: &NewRequest<'_>,
    default_year: u16,
) -> Result<(Workbook, Option<CarrySummary>), Failure> {
    let table = match request.table {
        Some(spec) => Some(resolve_table(Some(spec)).map_err(Failure::unreadable)?),
        None => None,
    };
    let (mut wb, summary) = match request.from {
        Some(from) => {
            let last = store::open_for_review(from)
                .map_err(|e| Failure::unreadable(e.describe()))?
                .workbook;
            let year = request
                .year
                .unwrap_or_else(|| last.unit.fiscal_year.saturating_add(1));
            let (wb, summary) = carry_over(&last, year);
            (wb, Some(summary))
        }
        None => {
            let table = table.clone().unwrap_or_else(|| Template::DEFAULT.table());
            let year = request.year.unwrap_or(default_year);
            (blank_workbook("", year, table), None)
        }
    };
    if let Some(table) = table {
        let year = wb.unit.fiscal_year;
        let name = wb.unit.name.clone();
        let fresh = blank_workbook(&name, year, table);
        wb.table = fresh.table;
    }
    if let Some(unit) = request.unit {
        unit.trim().clone_into(&mut wb.unit.name);
    }
    Ok((wb, summary))
}

/// Builds the workbook, writes it atomically (never over an existing file
/// unless `force`, which keeps the old one as `FILE.bak`) and prints the summary.
///
/// # Errors
/// An input cannot be read (exit 2) or the file cannot be written (exit 1).
pub fn run(request: &NewRequest<'_>, default_year: u16, lang: Lang) -> Result<Outcome, Failure> {
    let (wb, summary) = build(request, default_year)?;
    let text = crate::core::format::to_json(&wb);
    // Last year's workbook and a table file are inputs: never written over.
    let inputs: Vec<std::path::PathBuf> = request
        .from
        .into_iter()
        .chain(request.table.map(Path::new))
        .map(Path::to_path_buf)
        .collect();
    WriteRule::new(Existing::replace_if(request.force), &inputs)
        .write(request.file, text.as_bytes())
        .map_err(|e| Failure::not_written(&e, "--force"))?;
    let report = describe(request.file, &wb, summary.as_ref());
    Ok(Outcome {
        // Names from last year's workbook or a table file: shown, never run.
        stdout: Some(
            crate::escape::terminal(report.get(lang), true)
                .as_bytes()
                .to_vec(),
        ),
        note: None,
    })
}

/// The summary printed after `jixiao new`: the file, unit, year, table and
/// (from last year) every carried, filled and cleared field.
#[must_use]
pub fn describe(file: &Path, wb: &Workbook, summary: Option<&CarrySummary>) -> Bilingual {
    let file = file.display();
    let year = wb.unit.fiscal_year;
    let table = &wb.table;
    let mut zh = format!("已新建 {file}：{year} 年度");
    let mut en = format!("Created {file}: fiscal year {year}");
    if wb.unit.name.is_empty() {
        zh.push_str("，单位名称未填（请用 --unit 或在工作台中填写）");
        en.push_str(", unit name not given (use --unit or fill it in the workbench)");
    } else {
        let _ = write!(zh, "，单位 {}", wb.unit.name);
        let _ = write!(en, ", unit {}", wb.unit.name);
    }
    let verified = if table.verified {
        "已核实"
    } else {
        "未经核实"
    };
    let _ = write!(
        zh,
        "\n评分表：{}（{verified}）\n  来源：{}\n",
        table.name, table.source
    );
    let verified = if table.verified {
        "verified"
    } else {
        "not verified"
    };
    let _ = write!(
        en,
        "\nScoring table: {} ({verified})\n  source: {}\n",
        table.name, table.source
    );
    if let Some(summary) = summary {
        push_summary(&mut zh, &mut en, summary);
    }
    let _ = writeln!(zh, "下一步：jixiao {file}");
    let _ = writeln!(en, "Next: jixiao {file}");
    Bilingual::new(zh, en)
}

fn push_summary(zh: &mut String, en: &mut String, summary: &CarrySummary) {
    let mut section = |title_zh: &str, title_en: &str, lines: Vec<String>| {
        let _ = writeln!(zh, "{title_zh}（{} 项）：", lines.len());
        let _ = writeln!(en, "{title_en} ({}):", lines.len());
        for line in lines {
            let _ = writeln!(zh, "  {line}");
            let _ = writeln!(en, "  {line}");
        }
    };
    section("沿用上年", "Carried over", summary.carried.clone());
    section(
        "按上年数值填入",
        "Filled from last year's values",
        summary
            .filled
            .iter()
            .map(|f| format!("{} ← {} = {}", f.field, f.from, f.value))
            .collect(),
    );
    section(
        "已清空，待本年填写",
        "Cleared, to fill in for this year",
        summary.cleared.clone(),
    );
}

/// The year being evaluated by default: the one before this calendar year
/// (a self-evaluation is written after its year closes).
#[must_use]
pub fn default_fiscal_year() -> u16 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    year_of_unix_day(seconds / 86_400).saturating_sub(1)
}

/// The Gregorian year of a day counted from 1970-01-01 (H. Hinnant's `civil_from_days`).
fn year_of_unix_day(day: u64) -> u16 {
    let z = i64::try_from(day).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let year = year_of_era + era * 400 + i64::from(month_index >= 10);
    u16::try_from(year).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_give_their_year() {
        assert_eq!(year_of_unix_day(0), 1970);
        assert_eq!(year_of_unix_day(19_722), 2023); // 2023-12-31
        assert_eq!(year_of_unix_day(19_723), 2024); // 2024-01-01
        assert_eq!(year_of_unix_day(20_453), 2025); // 2025-12-31
        assert_eq!(year_of_unix_day(20_454), 2026); // 2026-01-01
    }

    #[test]
    fn default_table_is_the_seed_template_and_names_resolve() {
        assert_eq!(resolve_table(None), Ok(Template::Seed.table()));
        assert_eq!(
            resolve_table(Some("national")),
            Ok(Template::National.table())
        );
        let missing = resolve_table(Some("no/such/table.json")).expect_err("missing file");
        assert!(missing.zh.contains("no/such/table.json"), "{}", missing.zh);
    }
}

//! The real binary: `jixiao new` (blank, --unit/--year, --table, --from,
//! refusing to overwrite) and `jixiao check` on what it wrote.

use std::path::Path;
use std::process::{Command, Output};

use jixiao::core::format::load;
use jixiao::core::model::{IndicatorEntry, Workbook};
use jixiao::core::sample::sample_workbook;
use jixiao::core::templates::Template;

const SAMPLE: &str = "assets/samples/xiashan-2023.json";

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the jixiao binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

fn read(path: &Path) -> (String, Workbook) {
    let file = std::fs::read_to_string(path).expect("written");
    let wb = load(&file).expect("a valid workbook").workbook;
    (file, wb)
}

/// Text that belongs to the sample's unit and must never land in another unit's file.
fn sample_unit_text() -> Vec<String> {
    let sample = sample_workbook();
    let n = &sample.narrative;
    let mut texts = vec![sample.unit.name.clone(), "区委办".to_owned()];
    texts.extend(sample.unit.sections.iter().cloned());
    texts.extend(n.team.iter().map(|m| m.name.clone()));
    for prose in [
        &n.functions,
        &n.annual_work,
        &n.performance_goals,
        &n.team_duties,
        &n.process,
        &n.problems,
        &n.improvements,
    ] {
        let head: String = prose.chars().take(16).collect();
        if !head.trim().is_empty() {
            texts.push(head);
        }
    }
    for (_, ind) in sample.table.flatten() {
        for written in [&ind.entry.deduction_reason, &ind.entry.evidence] {
            if !written.is_empty() {
                texts.push(written.clone());
            }
        }
    }
    texts.extend(["588.55", "731.80", "19.58"].map(str::to_owned));
    texts
}

fn assert_nothing_of_the_sample(file: &str) {
    for sample_text in sample_unit_text() {
        assert!(
            !file.contains(&sample_text),
            "the new file holds the sample's {sample_text:?}"
        );
    }
}

fn assert_check_is_clean_and_ungraded(dir: &Path, file: &str) {
    let out = jixiao(dir, &["check", file]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report = text(&out.stdout);
    assert!(report.contains("等级: 未评定"), "{report}");
    assert!(!report.contains("等级: 差"), "{report}");
    let out = jixiao(dir, &["--lang", "en", "check", file]);
    assert!(text(&out.stdout).contains("Grade: not graded yet"));
}

/// A built-in table as a new workbook holds it: every leaf awaits the officer.
fn unconfirmed(mut table: jixiao::core::model::ScoringTable) -> jixiao::core::model::ScoringTable {
    jixiao::core::newbook::mark_unconfirmed(&mut table);
    table
}

#[test]
fn new_blank_workbook_has_nothing_of_the_sample_and_says_which_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = jixiao(dir.path(), &["new", "blank.json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let (file, wb) = read(&dir.path().join("blank.json"));
    assert_nothing_of_the_sample(&file);
    assert_eq!(wb.unit.name, "");
    assert!(summary.contains("单位名称未填"), "{summary}");
    assert_eq!(wb.table.name, Template::Seed.table().name);
    assert!(!wb.table.verified);
    assert!(
        summary.contains(&wb.table.name) && summary.contains("未经核实"),
        "{summary}"
    );
    assert!(summary.contains("jixiao blank.json"), "{summary}");
    assert_eq!(wb.reported, Default::default());
    assert_check_is_clean_and_ungraded(dir.path(), "blank.json");
}

#[test]
fn new_with_unit_year_and_national_table() {
    let dir = tempfile::tempdir().expect("temp dir");
    let args = [
        "new",
        "jiaoyuju-2024.json",
        "--unit",
        "湛江市霞山区教育局",
        "--year",
        "2024",
        "--table",
        "national",
    ];
    let out = jixiao(dir.path(), &args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (file, wb) = read(&dir.path().join("jiaoyuju-2024.json"));
    assert_nothing_of_the_sample(&file);
    assert_eq!(wb.unit.name, "湛江市霞山区教育局");
    assert_eq!(wb.unit.fiscal_year, 2024);
    assert_eq!(wb.table, unconfirmed(Template::National.table()));
    assert!(text(&out.stdout).contains("财预〔2013〕53号"));
    assert_check_is_clean_and_ungraded(dir.path(), "jiaoyuju-2024.json");
}

#[test]
fn new_with_an_imported_table_file_takes_its_table_without_entries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let table = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/tables/national.json");
    let table = table.to_str().expect("utf-8 path");
    let out = jixiao(
        dir.path(),
        &["new", "t.json", "--year", "2025", "--table", table],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (_, wb) = read(&dir.path().join("t.json"));
    assert_eq!(wb.table, unconfirmed(Template::National.table()));
    // A workbook given as the table: its tree, none of its scores.
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let sample = sample.to_str().expect("utf-8 path");
    let out = jixiao(dir.path(), &["new", "w.json", "--table", sample]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let (file, wb) = read(&dir.path().join("w.json"));
    assert_nothing_of_the_sample(&file);
    assert!(wb.table.flatten().iter().all(|(_, i)| i.entry
        == IndicatorEntry {
            unconfirmed: i.is_leaf(),
            ..IndicatorEntry::default()
        }));
    let out = jixiao(dir.path(), &["new", "x.json", "--table", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("missing.json"));
    assert!(!dir.path().join("x.json").exists());
}

#[test]
fn new_never_overwrites_without_force_and_keeps_a_backup_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("mine.json");
    std::fs::write(&path, "precious").expect("write");
    let out = jixiao(dir.path(), &["new", "mine.json", "--unit", "某局"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("--force"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "precious");
    let out = jixiao(
        dir.path(),
        &["new", "mine.json", "--unit", "某局", "--force"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(read(&path).1.unit.name, "某局");
    let backup = dir.path().join("mine.json.bak");
    assert_eq!(std::fs::read_to_string(backup).expect("backup"), "precious");
}

#[test]
fn new_from_last_year_names_every_carried_filled_and_cleared_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let last = Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE);
    let last = last.to_str().expect("utf-8 path");
    let out = jixiao(dir.path(), &["new", "next.json", "--from", last]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let summary = text(&out.stdout);
    let sample = sample_workbook();
    let (_, wb) = read(&dir.path().join("next.json"));
    assert_eq!(wb.unit.fiscal_year, 2024);
    assert_eq!(wb.unit.name, sample.unit.name);
    assert_eq!(wb.narrative.team, sample.narrative.team);
    assert_eq!(wb.staffing, sample.staffing);
    assert_eq!(
        wb.budget.opening_appropriation_carryover,
        sample.budget.closing_appropriation_carryover
    );
    let carried = [
        "unit.name",
        "unit.sections",
        "unit.accounting_entities",
        "staffing.authorized_admin",
        "staffing.in_service_admin",
        "staffing.retired",
        "narrative.team",
        "table",
        "workload (groups, items, unit words, parts: names only)",
    ];
    let filled = [
        "budget.opening_appropriation_carryover ← budget.closing_appropriation_carryover = 5.86",
        "budget.treasury_carryover_stock_prev ← budget.treasury_carryover_stock_curr",
        "workload[0].items[0].last_year ← workload[0].items[0].value",
    ];
    let cleared = [
        "unit.notice_ref",
        "budget.appropriation_income_budget",
        "budget.appropriation_income_final",
        "budget.actual_expenditure",
        "budget.closing_appropriation_carryover",
        "narrative.functions",
        "narrative.annual_work",
        "narrative.performance_goals",
        "narrative.process",
        "narrative.problems",
        "narrative.improvements",
        "reported.total_score",
        "reported.grade",
        "reported.rates",
        "table.entry.choice (A1, A2",
        "table.entry.deduction_reason (A3.1",
        "table.entry.evidence (",
        "workload[*].items[*].value",
    ];
    for line in carried.iter().chain(&filled).chain(&cleared) {
        assert!(summary.contains(line), "summary lacks {line:?}:\n{summary}");
    }
    for heading in ["沿用上年", "按上年数值填入", "已清空，待本年填写"] {
        assert!(summary.contains(heading), "{summary}");
    }
    let out = jixiao(
        dir.path(),
        &[
            "--lang", "en", "new", "en.json", "--from", last, "--year", "2025",
        ],
    );
    let summary = text(&out.stdout);
    assert!(
        summary.contains("Carried over") && summary.contains("Cleared"),
        "{summary}"
    );
    assert_eq!(read(&dir.path().join("en.json")).1.unit.fiscal_year, 2025);
    assert_eq!(
        jixiao(dir.path(), &["check", "next.json"]).status.code(),
        Some(0)
    );
}

#[test]
fn new_help_explains_the_default_table_and_from() {
    let dir = tempfile::tempdir().expect("temp dir");
    let help = text(&jixiao(dir.path(), &["new", "--help"]).stdout);
    for needle in [
        "--unit", "--year", "--table", "--from", "--force", "seed", "national", "default",
    ] {
        assert!(help.contains(needle), "help lacks {needle}:\n{help}");
    }
    let top = text(&jixiao(dir.path(), &["--help"]).stdout);
    assert!(top.contains("new"), "{top}");
}

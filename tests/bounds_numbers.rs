//! A department's file cannot crash jixiao through its numbers: an amount of
//! 27 integer digits (valid by the format, carried exactly) or any amount up
//! to `Decimal::MAX` goes through check, check --json, the what-if (the
//! workbench's and the reviewer's detail panel) and every export without a
//! panic; a full or closed standard output is an error, not a panic.

#![cfg(unix)]

#[path = "support/limited.rs"]
mod limited;

use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;
use rust_decimal::Decimal;

use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::engine::what_if::what_if;
use jixiao::core::model::{FieldId, Workbook};
use jixiao::core::sample::sample_workbook;
use limited::{assert_no_panic, jixiao_limited};

/// 27 integer digits: what broke the what-if ("Division overflowed").
const HUGE: &str = "123456789012345678901234567";

/// The sample with one amount replaced by `value`, as text.
fn sample_with(field: &str, value: &str) -> String {
    let text = jixiao::core::sample::SAMPLE_JSON;
    let key = format!("\"{field}\": \"");
    let start = text.find(&key).expect("field in the sample") + key.len();
    let end = start + text[start..].find('"').expect("closing quote");
    format!("{}{value}{}", &text[..start], &text[end..])
}

/// The amounts that overflowed the what-if, each in its own file.
const FIELDS: [&str; 5] = [
    "closing_appropriation_carryover",
    "general_budget_appropriation_final",
    "opening_appropriation_carryover",
    "actual_expenditure",
    "appropriation_income_final",
];

#[test]
fn a_27_digit_amount_goes_through_check_and_every_export() {
    let dir = tempfile::tempdir().expect("tmp");
    for field in FIELDS {
        for value in [
            HUGE,
            "999999999999999999999999999",
            "79228162514264337593543950335",
        ] {
            let file = format!("{field}.json");
            std::fs::write(dir.path().join(&file), sample_with(field, value)).expect("write");
            let what = format!("{field} = {value}");
            let limit = Duration::from_secs(20);
            for args in [vec!["check", &file], vec!["check", "--json", &file]] {
                let out = jixiao_limited(dir.path(), &args, limit);
                assert_no_panic(&out, &what);
                assert_eq!(out.status.code(), Some(0), "{what} {args:?}");
                let shown = field != "closing_appropriation_carryover"
                    || String::from_utf8_lossy(&out.stdout).contains(value);
                assert!(shown, "{what}: the amount is shown exactly as stored");
            }
            // The exports once per field, with the amount that broke them.
            if value != HUGE {
                continue;
            }
            for format in ["md", "docx", "xlsx"] {
                let output = format!("{field}.{format}");
                let out = jixiao_limited(
                    dir.path(),
                    &["export", &file, "--format", format, "-o", &output],
                    limit,
                );
                assert_no_panic(&out, &what);
                assert_eq!(out.status.code(), Some(0), "{what} export {format}");
            }
        }
    }
}

#[test]
fn a_full_disk_on_standard_output_is_an_error_with_a_message() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/xiashan-2023.json");
    let sample = sample.to_str().expect("utf-8 path");
    for args in [
        vec!["check", sample],
        vec!["check", "--json", sample],
        vec!["--lang", "en", "check", sample],
        vec!["sample"],
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .stdout(std::fs::File::create("/dev/full").expect("/dev/full"))
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(
            stderr.contains("标准输出") || stderr.contains("standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_closed_pipe_on_standard_output_is_an_error_with_a_message() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/samples/xiashan-2023.json");
    let sample = sample.to_str().expect("utf-8 path");
    for args in [vec!["check", sample], vec!["check", "--json", sample]] {
        // The reading end is closed before the child writes: EPIPE, every time.
        let (reader, writer) = std::io::pipe().expect("pipe");
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(&args)
            .stdout(writer)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.contains("管道中断"), "{args:?}: {stderr}");
    }
}

/// Values at the edges of what a file may hold (amounts have 2 places at most).
fn extreme() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(HUGE.parse().expect("decimal")),
        Just(Decimal::new(1, 2)),
        Just(Decimal::ZERO),
        any::<i64>().prop_map(|v| Decimal::new(v, 2)),
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>())
            .prop_map(|(lo, mid, hi, neg)| Decimal::from_parts(lo, mid, hi, neg, 2)),
    ]
}

fn workbook_with(picks: &[(prop::sample::Index, Decimal)]) -> Workbook {
    let mut wb = sample_workbook();
    for (at, value) in picks {
        let field = *at.get(FieldId::ALL);
        let _ = field.set(&mut wb, Some(*value));
    }
    wb
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every consumer of a file's numbers, in process: the engine, the
    /// what-if, check's text and JSON, the report and the tables.
    #[test]
    fn extreme_amounts_reach_no_panic_anywhere(
        picks in prop::collection::vec((any::<prop::sample::Index>(), extreme()), 1..6)
    ) {
        let wb = workbook_with(&picks);
        let derived = derive(&wb);
        let _ = what_if(&wb, &derived);
        for index in 0..derived.scores.indicators.len() {
            let _ = jixiao::core::engine::what_if::leaf_what_if(&wb, &derived, index);
        }
        let _ = jixiao::cli::check::to_text("f.json", &wb, &derived, Lang::Zh);
        let _ = jixiao::cli::check::to_json("f.json", &wb, &derived);
        let _ = jixiao::export::markdown::report(&wb, &derived, Lang::Zh);
        let options = jixiao::export::report::ReportOptions { with_checks: true };
        prop_assert!(jixiao::export::docx::to_bytes(&wb, &derived, Lang::En, options).is_ok());
        let xlsx = jixiao::export::xlsx::XlsxOptions::default();
        prop_assert!(jixiao::export::xlsx::to_bytes(&wb, &derived, Lang::Zh, xlsx).is_ok());
        for table in [
            jixiao::export::csv::CsvTable::Basic,
            jixiao::export::csv::CsvTable::Scores,
            jixiao::export::csv::CsvTable::Workload,
            jixiao::export::csv::CsvTable::Checks,
        ] {
            let _ = jixiao::export::csv::table_bytes(table, &wb, &derived, Lang::Zh);
        }
    }
}

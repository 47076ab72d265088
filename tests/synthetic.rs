//! The synthetic workbook generator and `jixiao sample --synthetic N -o DIR`.

use std::collections::BTreeSet;
use std::process::Command;

use jixiao::core::engine::{Grade, derive};
use jixiao::core::format::{load, to_json};
use jixiao::core::num::round2;
use jixiao::synth::{Generator, YEARS};

#[test]
fn two_hundred_generated_workbooks_are_varied_and_round_trip() {
    let generator = Generator::new();
    let mut grades = BTreeSet::new();
    let mut units = BTreeSet::new();
    let mut years = BTreeSet::new();
    let (mut flawed, mut misreported, mut with_procurement) = (0, 0, 0);
    let mut level_choices = BTreeSet::new();
    for i in 1..=200 {
        let s = generator.generate(i);
        let text = to_json(&s.workbook);
        let loaded = load(&text).expect("generated workbook loads");
        assert_eq!(loaded.workbook, s.workbook, "file {i} round-trips");
        assert_eq!(to_json(&loaded.workbook), text);
        let d = derive(&s.workbook);
        grades.insert(d.grade);
        units.insert(s.workbook.unit.name.clone());
        years.insert(s.workbook.unit.fiscal_year);
        flawed += usize::from(!s.flaws.is_empty());
        let reported = s.workbook.reported.total_score.expect("total printed");
        assert_eq!(
            reported != d.total_display(),
            s.misreported_total,
            "file {i}: misreport flag matches the data"
        );
        assert_eq!(reported, round2(reported));
        misreported += usize::from(s.misreported_total);
        with_procurement += usize::from(s.workbook.budget.procurement_budget.is_some());
        for (_, ind) in s.workbook.table.flatten() {
            if let Some(choice) = &ind.entry.choice {
                level_choices.insert(choice.clone());
            }
        }
    }
    assert_eq!(
        grades,
        BTreeSet::from([Grade::Excellent, Grade::Good, Grade::Fair, Grade::Poor])
    );
    assert!(units.len() > 150, "{} units", units.len());
    assert_eq!(years, BTreeSet::from(YEARS));
    assert!((20..=100).contains(&flawed), "{flawed} flawed of 200");
    assert!(
        (15..=80).contains(&misreported),
        "{misreported} misreported"
    );
    assert!(
        with_procurement > 140,
        "{with_procurement} with procurement"
    );
    assert_eq!(level_choices.len(), 4, "{level_choices:?}");
}

#[test]
fn consistent_files_raise_no_sum_warnings() {
    use jixiao::core::engine::WarningCode as W;
    let generator = Generator::new();
    let sums = [
        W::IncomePartsSum,
        W::ExpenditurePartsSum,
        W::BasicPartsSum,
        W::HeadcountPartsSum,
        W::CarryoverIdentity,
        W::AppropriationFinalMismatch,
        W::WorkloadPartsSum,
    ];
    let mut checked = 0;
    for i in 1..=120 {
        let s = generator.generate(i);
        if !s.flaws.is_empty() {
            continue;
        }
        checked += 1;
        let d = derive(&s.workbook);
        let broken: Vec<_> = d
            .warnings
            .iter()
            .filter(|w| sums.contains(&w.code))
            .collect();
        assert!(broken.is_empty(), "file {i}: {broken:?}");
    }
    assert!(checked > 60);
}

#[test]
fn cli_writes_n_files_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("dir");
    let out = dir.path().join("gen");
    let run = || {
        Command::new(env!("CARGO_BIN_EXE_jixiao"))
            .args(["sample", "--synthetic", "6", "-o"])
            .arg(&out)
            .output()
            .expect("runs")
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("listing")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), 6);
    assert!(
        names[0].starts_with("0001-")
            && std::path::Path::new(&names[0])
                .extension()
                .is_some_and(|e| e == "json")
    );
    assert!(names[5].starts_with("0006-"));
    let before: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(out.join(n)).expect("read"))
        .collect();
    for bytes in &before {
        load(std::str::from_utf8(bytes).expect("utf-8")).expect("loads");
    }
    let second = run();
    assert!(!second.status.success());
    assert!(String::from_utf8_lossy(&second.stderr).contains("already exists"));
    let after: Vec<Vec<u8>> = names
        .iter()
        .map(|n| std::fs::read(out.join(n)).expect("read"))
        .collect();
    assert_eq!(before, after);
}

/// Slow in debug: `cargo test --release --test synthetic -- --ignored`.
#[test]
#[ignore = "1,000 files; run with --release -- --ignored"]
fn a_thousand_generated_workbooks_load_and_round_trip() {
    let generator = Generator::new();
    for i in 1..=1_000 {
        let s = generator.generate(i);
        let text = to_json(&s.workbook);
        let loaded = load(&text).expect("generated workbook loads");
        assert!(loaded.unknown_fields.is_empty());
        assert_eq!(loaded.workbook, s.workbook, "file {i} round-trips");
    }
}

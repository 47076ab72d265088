//! Reviewer mode's data layer over folders of generated workbooks, some broken.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jixiao::core::Lang;
use jixiao::core::engine::{Grade, Severity, derive};
use jixiao::core::format::to_json;
use jixiao::review::compare::{MatrixDepth, diff, matrix};
use jixiao::review::scan::sha256_hex;
use jixiao::review::session::SheetExport;
use jixiao::review::stats::{grade_counts, histogram};
use jixiao::review::view::{Column, Filter, RowKinds, Sort};
use jixiao::review::{IndicatorNote, REVIEW_FILE_NAME, ReviewSession, ReviewStatus};
use jixiao::synth::Generator;
use rust_decimal::Decimal;

const GENERATED: usize = 50;

/// Generated files 1..=51 as (file name, text), made once for all tests.
fn generated() -> &'static [(String, String)] {
    static FILES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    FILES.get_or_init(|| {
        let generator = Generator::new();
        (1..=GENERATED + 1)
            .map(|i| {
                let s = generator.generate(i);
                (s.file_name(GENERATED), to_json(&s.workbook))
            })
            .collect()
    })
}

/// Writes generated files 1..=50 (49 and 50 share unit and year) plus
/// three broken files, a text file and a sub-folder (not scanned).
fn workbench(dir: &Path) {
    let files = generated();
    for (name, text) in &files[..GENERATED] {
        std::fs::write(dir.join(name), text).expect("write");
    }
    std::fs::write(
        dir.join("bad-syntax.json"),
        "{\n  \"format\": \"jixiao-workbook\",\n  \"version\": 1,\n  oops\n}\n",
    )
    .expect("write");
    std::fs::write(
        dir.join("newer.json"),
        "{\"format\": \"jixiao-workbook\", \"version\": 99}",
    )
    .expect("write");
    std::fs::write(dir.join("empty.json"), "").expect("write");
    std::fs::write(dir.join("readme.txt"), "not a workbook").expect("write");
    std::fs::create_dir(dir.join("nested")).expect("mkdir");
    std::fs::write(dir.join("nested").join("deep.json"), &files[GENERATED].1).expect("write");
}

fn hashes(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("listing") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.clone(), sha256_hex(&std::fs::read(&p).expect("read")));
            }
        }
    }
    out
}

fn row_of(session: &ReviewSession, file: &str) -> usize {
    session
        .rows()
        .iter()
        .position(|r| r.file_name == file)
        .unwrap_or_else(|| panic!("no row {file}"))
}

#[test]
fn folder_gives_rows_and_error_rows() {
    let dir = tempfile::tempdir().expect("dir");
    workbench(dir.path());
    let session = ReviewSession::open(&[dir.path().to_path_buf()]);
    assert!(session.notes.is_empty(), "{:?}", session.notes);
    assert_eq!(
        session.entries.len(),
        GENERATED + 3,
        "json files directly inside only"
    );
    let rows = session.rows();
    let errors: Vec<_> = rows.iter().filter(|r| r.error.is_some()).collect();
    assert_eq!(errors.len(), 3);
    let by_name = |n: &str| rows.iter().find(|r| r.file_name == n).expect(n);
    let syntax = by_name("bad-syntax.json").error.as_ref().expect("error");
    assert_eq!((syntax.line, syntax.column), (Some(4), Some(3)));
    assert!(
        syntax.message.zh.contains("第 4 行第 3 列"),
        "{}",
        syntax.message.zh
    );
    let newer = by_name("newer.json").error.as_ref().expect("error");
    assert!(
        newer.message.en.contains("newer jixiao"),
        "{}",
        newer.message.en
    );
    let empty = by_name("empty.json").error.as_ref().expect("error");
    assert!(
        empty.message.zh.contains("文件为空"),
        "{}",
        empty.message.zh
    );
    for row in errors {
        assert_eq!(row.unit, None);
        assert_eq!(row.computed_total, None);
        assert!(
            Column::Flags
                .cell(row, Lang::Zh)
                .text()
                .contains(&row.file_name)
        );
    }

    // Workbook rows carry the file's own figures.
    let generator = Generator::new();
    for i in [1, 7, 33] {
        let s = generator.generate(i);
        let row = by_name(&s.file_name(GENERATED));
        let d = derive(&s.workbook);
        assert_eq!(row.unit.as_deref(), Some(s.workbook.unit.name.as_str()));
        assert_eq!(row.year, Some(s.workbook.unit.fiscal_year));
        assert_eq!(row.computed_total, Some(d.total_display()));
        assert_eq!(row.reported_total, s.workbook.reported.total_score);
        assert_eq!(
            row.difference,
            Some(s.workbook.reported.total_score.expect("printed") - d.total_display())
        );
        assert_eq!(row.grade(), Some(d.grade));
        assert_eq!(row.warnings[0], d.count(Severity::High));
        assert_eq!(row.subtotals.len(), 4);
        let a = row.subtotals[0].expect("A");
        assert_eq!(a.weight, Decimal::from(25));
        assert_eq!(
            a.share,
            Some(jixiao::core::num::round2(a.score * Decimal::from(4)))
        );
        assert_eq!(row.status, ReviewStatus::Unreviewed);
    }

    // 0050 resubmits 0049's unit and year; no other pair repeats.
    let dups: Vec<&str> = rows
        .iter()
        .filter(|r| r.duplicate)
        .map(|r| r.file_name.as_str())
        .collect();
    assert_eq!(dups.len(), 2, "{dups:?}");
    assert!(dups[0].starts_with("0049-") && dups[1].starts_with("0050-"));
    assert!(
        Column::Flags
            .cell(by_name(dups[0]), Lang::Zh)
            .text()
            .contains("重复")
    );
}

#[test]
fn folder_without_workbooks_says_so() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("notes.txt"), "x").expect("write");
    std::fs::write(dir.path().join(REVIEW_FILE_NAME), "{}").expect("write");
    let session = ReviewSession::open(&[dir.path().to_path_buf()]);
    assert!(session.rows().is_empty());
    let notes: Vec<&str> = session.notes.iter().map(|n| n.en.as_str()).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("the folder has no workbooks")),
        "{notes:?}"
    );
    assert!(
        notes.iter().any(|n| n.contains("no workbooks to review")),
        "{notes:?}"
    );
    assert!(
        session
            .notes
            .iter()
            .any(|n| n.zh.contains("文件夹中没有工作簿"))
    );
}

#[test]
fn files_and_folders_mix_and_missing_files_become_error_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let generator = Generator::new();
    let a = dir.path().join("a");
    std::fs::create_dir(&a).expect("mkdir");
    let s = generator.generate(3);
    let file = dir.path().join("loose.json");
    std::fs::write(&file, to_json(&s.workbook)).expect("write");
    std::fs::write(a.join("x.json"), to_json(&generator.generate(4).workbook)).expect("write");
    let missing = dir.path().join("missing.json");
    let session = ReviewSession::open(&[file.clone(), a.clone(), missing, file.clone()]);
    let names: Vec<&str> = session
        .rows()
        .iter()
        .map(|r| r.file_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["loose.json", "x.json", "missing.json"],
        "a file named twice counts once"
    );
    assert!(
        session.rows()[2]
            .error
            .as_ref()
            .expect("error")
            .message
            .en
            .contains("cannot read")
    );
    let canonical = |p: &Path| jixiao::store::canonicalize(p).expect("canonical");
    assert_eq!(session.entries[0].folder, canonical(dir.path()));
    assert_eq!(session.entries[1].folder, canonical(&a));
}

#[test]
fn a_folder_named_two_ways_has_one_review_file() {
    let dir = tempfile::tempdir().expect("dir");
    workbench(dir.path());
    let first = generated()[0].0.clone();
    let second = generated()[1].0.clone();
    let dotted = dir.path().join(".").join(&second);
    let mut session = ReviewSession::open(&[dir.path().to_path_buf(), dotted]);
    assert_eq!(
        session.rows().len(),
        GENERATED + 3,
        "the file named again counts once"
    );
    session
        .set_status(row_of(&session, &first), ReviewStatus::Reviewed)
        .expect("status");
    session
        .set_status(row_of(&session, &second), ReviewStatus::Returned)
        .expect("status");
    assert_eq!(session.reviews.folders().count(), 1);
    session.save().expect("one save");
    let again = ReviewSession::open(&[dir.path().to_path_buf()]);
    assert_eq!(
        again.rows()[row_of(&again, &second)].status,
        ReviewStatus::Returned
    );
    // Setting what is already there changes nothing.
    let mut again = again;
    again
        .set_status(row_of(&again, &first), ReviewStatus::Reviewed)
        .expect("status");
    assert!(!again.is_dirty());
}

#[test]
fn sorting_is_stable_with_na_last_and_filters_combine() {
    let dir = tempfile::tempdir().expect("dir");
    workbench(dir.path());
    let session = ReviewSession::open(&[dir.path().to_path_buf()]);
    let rows = session.rows();
    let all = session.view(&Filter::default(), None);
    assert_eq!(all, (0..rows.len()).collect::<Vec<_>>());

    for descending in [false, true] {
        let order = session.view(
            &Filter::default(),
            Some(Sort {
                column: Column::Difference,
                descending,
            }),
        );
        let values: Vec<Option<Decimal>> = order.iter().map(|&i| rows[i].difference).collect();
        let known: Vec<Decimal> = values.iter().flatten().copied().collect();
        assert_eq!(known.len(), GENERATED);
        assert!(values[GENERATED..].iter().all(Option::is_none), "n/a last");
        let mut sorted = known.clone();
        sorted.sort();
        if descending {
            sorted.reverse();
        }
        assert_eq!(known, sorted);
    }

    // Stable: rows of equal grade keep file order.
    let by_grade = session.view(
        &Filter::default(),
        Some(Sort {
            column: Column::Grade,
            descending: false,
        }),
    );
    for pair in by_grade.windows(2) {
        let (a, b) = (&rows[pair[0]], &rows[pair[1]]);
        if a.grade() == b.grade() {
            assert!(pair[0] < pair[1], "stable");
        }
    }
    assert_eq!(rows[by_grade[0]].grade(), Some(Grade::Excellent));

    let by_unit = session.view(
        &Filter::default(),
        Some(Sort {
            column: Column::Unit,
            descending: true,
        }),
    );
    let units: Vec<&str> = by_unit
        .iter()
        .filter_map(|&i| rows[i].unit.as_deref())
        .collect();
    // Pinyin order, descending (issue 15: not code point order).
    assert!(
        units
            .windows(2)
            .all(|w| jixiao::review::collate::compare_names(w[0], w[1]).is_ge())
    );
    filters_combine(&session, &all);
}

/// Each filter keeps what it names, and they combine.
fn filters_combine(session: &ReviewSession, all: &[usize]) {
    let rows = session.rows();
    let fair = Filter {
        grades: vec![Grade::Fair],
        ..Filter::default()
    };
    let kept = session.view(&fair, None);
    assert!(!kept.is_empty());
    assert!(kept.iter().all(|&i| rows[i].grade() == Some(Grade::Fair)));
    assert_eq!(kept.len(), grade_counts(rows, all).get(Grade::Fair));

    let big = Filter {
        min_abs_difference: Some(Decimal::ONE),
        ..Filter::default()
    };
    let kept = session.view(&big, None);
    assert!(!kept.is_empty());
    let expected = rows
        .iter()
        .filter(|r| r.difference.is_some_and(|d| d.abs() > Decimal::ONE))
        .count();
    assert_eq!(kept.len(), expected);

    let street = Filter {
        text: "街道 办事处".into(),
        ..Filter::default()
    };
    let kept = session.view(&street, None);
    assert!(kept.iter().all(|&i| {
        rows[i]
            .unit
            .as_deref()
            .is_some_and(|u| u.contains("街道") && u.contains("办事处"))
    }));
    let expected = rows
        .iter()
        .filter(|r| r.unit.as_deref().is_some_and(|u| u.contains("街道办事处")))
        .count();
    assert_eq!(kept.len(), expected);

    let errors = Filter {
        kinds: RowKinds::Errors,
        ..Filter::default()
    };
    assert_eq!(session.view(&errors, None).len(), 3);
    let high = Filter {
        min_severity: Some(Severity::High),
        kinds: RowKinds::Workbooks,
        ..Filter::default()
    };
    let kept = session.view(&high, None);
    assert!(kept.iter().all(|&i| rows[i].warnings[0] > 0));
    assert!(kept.len() < GENERATED);

    let combined = Filter {
        grades: vec![Grade::Excellent, Grade::Good],
        min_severity: Some(Severity::High),
        text: "霞山".into(),
        ..Filter::default()
    };
    for &i in &session.view(&combined, None) {
        assert!(matches!(
            rows[i].grade(),
            Some(Grade::Excellent | Grade::Good)
        ));
        assert!(rows[i].warnings[0] > 0);
    }
    let dups = Filter {
        duplicates_only: true,
        ..Filter::default()
    };
    assert_eq!(session.view(&dups, None).len(), 2);
    let reviewed = Filter {
        statuses: vec![ReviewStatus::Reviewed],
        ..Filter::default()
    };
    assert!(session.view(&reviewed, None).is_empty());
}

/// The whole workbook of a row, read again as the drill-in does (the
/// session keeps only a summary of each).
fn read_again(session: &ReviewSession, row: usize) -> Box<jixiao::review::Opened> {
    use jixiao::review::lazy::{LoadPurpose, LoadRequest, load};
    let entry = &session.entries[row];
    let request = LoadRequest {
        row,
        path: entry.path.clone(),
        sha256: entry.sha256.clone(),
    };
    let mut loaded = load(LoadPurpose::Drill { at: None }, &[request]);
    loaded.files.remove(0).outcome.expect("opens again")
}

#[test]
fn stats_and_matrix_cover_the_view() {
    let dir = tempfile::tempdir().expect("dir");
    workbench(dir.path());
    let session = ReviewSession::open(&[dir.path().to_path_buf()]);
    let rows = session.rows();
    let all = session.view(&Filter::default(), None);
    let grades = grade_counts(rows, &all);
    // A total with unscored leaves is provisional (未评定), counted apart.
    assert_eq!(
        grades.counts.iter().sum::<usize>() + grades.provisional,
        GENERATED
    );
    assert_eq!(
        grades.provisional,
        all.iter().filter(|&&i| rows[i].unscored > 0).count()
    );
    assert_eq!(grades.errors, 3);
    let bars = histogram(rows, &all, Decimal::TEN);
    assert_eq!(bars.len(), 10);
    assert_eq!(bars.iter().map(|b| b.count).sum::<usize>(), GENERATED);
    let footer = session.footer(&all);
    assert_eq!(
        (
            footer.rows,
            footer.workbooks,
            footer.errors,
            footer.duplicates
        ),
        (GENERATED + 3, GENERATED, 3, 2)
    );
    let sum: Decimal = rows.iter().filter_map(|r| r.computed_total).sum();
    assert_eq!(footer.computed.sum, sum);
    assert_eq!(
        footer.computed.average(),
        Some(jixiao::core::num::round2(sum / Decimal::from(GENERATED)))
    );
    assert_eq!(footer.statuses[0], GENERATED + 3);

    let m = matrix(&session.entries, &all, MatrixDepth::Leaves);
    assert_eq!(
        m.rows.len(),
        GENERATED,
        "rows that did not open are left out"
    );
    assert_eq!(m.columns.len(), 21);
    assert!(m.columns.iter().all(|c| c.leaf));
    for row in &m.rows {
        assert!(row.cells.iter().all(Option::is_some));
    }
    let top = matrix(&session.entries, &all, MatrixDepth::TopLevel);
    assert_eq!(
        top.columns
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["A", "B", "C", "D"]
    );

    // The same unit in two years: 0049 and 0050 share unit and year.
    let a = &*read_again(
        &session,
        row_of(
            &session,
            &rows
                .iter()
                .find(|r| r.file_name.starts_with("0049-"))
                .expect("49")
                .file_name,
        ),
    );
    let b = &*read_again(
        &session,
        row_of(
            &session,
            &rows
                .iter()
                .find(|r| r.file_name.starts_with("0050-"))
                .expect("50")
                .file_name,
        ),
    );
    let d = diff(a, b, Lang::Zh);
    assert_eq!(d.left_title, d.right_title);
    let changed: Vec<&str> = d
        .sections
        .iter()
        .flat_map(|s| &s.lines)
        .filter(|l| l.differs)
        .map(|l| l.key.as_str())
        .collect();
    assert!(changed.contains(&"total:computed"), "{changed:?}");
    assert!(
        changed.iter().any(|k| k.starts_with("indicator:")),
        "{changed:?}"
    );
    assert!(
        !changed.iter().any(|k| k.starts_with("field:")),
        "a resubmission keeps the amounts: {changed:?}"
    );
}

#[test]
fn review_scores_round_trip_through_the_review_file() {
    let dir = tempfile::tempdir().expect("dir");
    workbench(dir.path());
    let paths = [dir.path().to_path_buf()];
    let mut session = ReviewSession::open(&paths);
    let first = session
        .rows()
        .iter()
        .position(|r| r.error.is_none())
        .expect("a workbook");
    let file = session.rows()[first].file_name.clone();
    session
        .set_status(first, ReviewStatus::InReview)
        .expect("status");
    session.set_score(first, "A1", "3.5").expect("score");
    session
        .set_score(first, "D3", "２")
        .expect("full-width digits");
    session
        .set_indicator_note(first, "A1", IndicatorNote::Comment, "目标不够细化")
        .expect("comment");
    session
        .set_comment(first, "请补充佐证材料")
        .expect("overall");
    assert!(
        session.set_score(first, "A1", "6").is_err(),
        "above the weight"
    );
    assert!(session.set_score(first, "B", "40").is_err(), "a subtotal");
    let errored = row_of(&session, "empty.json");
    assert!(session.set_status(errored, ReviewStatus::Reviewed).is_err());

    let computed = session.rows()[first].computed_total.expect("computed");
    let opened = read_again(&session, first);
    let scores = &opened.derived.scores.indicators;
    let computed_of = |code: &str| scores.iter().find(|r| r.code == code).expect(code).score;
    let expected = jixiao::core::num::round2(
        computed + Decimal::new(35, 1) - computed_of("A1") + Decimal::TWO - computed_of("D3"),
    );
    assert_eq!(session.rows()[first].review_total, Some(expected));
    assert_eq!(session.rows()[first].status, ReviewStatus::InReview);
    assert!(session.is_dirty());
    let written = session.save().expect("save");
    assert_eq!(written, vec![dir.path().join(REVIEW_FILE_NAME)]);
    assert!(!session.is_dirty());

    let again = ReviewSession::open(&paths);
    let row = row_of(&again, &file);
    let review = again.review(row).expect("review kept");
    assert_eq!(review.status, ReviewStatus::InReview);
    assert_eq!(review.indicators["A1"].score, Some(Decimal::new(35, 1)));
    assert_eq!(review.indicators["A1"].comment, "目标不够细化");
    assert_eq!(review.indicators["D3"].score, Some(Decimal::TWO));
    assert_eq!(review.comment, "请补充佐证材料");
    assert_eq!(
        Some(review.sha256.as_str()),
        again.entries[row].sha256.as_deref()
    );
    assert_eq!(again.rows()[row].review_total, Some(expected));
    assert!(!again.rows()[row].review_stale);
    let text = std::fs::read_to_string(dir.path().join(REVIEW_FILE_NAME)).expect("read");
    assert!(text.contains("\"format\": \"jixiao-review\""));
    assert!(text.contains("\"score\": \"3.5\""));

    // A workbook changed after review is noticed.
    let path = dir.path().join(&file);
    let mut content = std::fs::read_to_string(&path).expect("read");
    content.push('\n');
    std::fs::write(&path, content).expect("write");
    let changed = ReviewSession::open(&paths);
    let row = row_of(&changed, &file);
    assert!(changed.rows()[row].review_stale);
    assert!(
        Column::Flags
            .cell(&changed.rows()[row], Lang::En)
            .text()
            .contains("changed since review")
    );
}

#[test]
fn unreadable_or_changed_review_files_are_never_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    let generator = Generator::new();
    std::fs::write(
        dir.path().join("a.json"),
        to_json(&generator.generate(1).workbook),
    )
    .expect("write");
    let review = dir.path().join(REVIEW_FILE_NAME);
    std::fs::write(&review, "{ broken").expect("write");
    let paths = [dir.path().to_path_buf()];
    let mut session = ReviewSession::open(&paths);
    assert!(
        session
            .notes
            .iter()
            .any(|n| n.en.contains(REVIEW_FILE_NAME)),
        "{:?}",
        session.notes
    );
    assert!(session.set_status(0, ReviewStatus::Reviewed).is_err());
    assert!(session.save().expect("nothing to save").is_empty());
    assert_eq!(std::fs::read_to_string(&review).expect("read"), "{ broken");

    std::fs::remove_file(&review).expect("rm");
    let mut session = ReviewSession::open(&paths);
    session
        .set_status(0, ReviewStatus::Reviewed)
        .expect("status");
    std::fs::write(
        &review,
        "{\"format\": \"jixiao-review\", \"version\": 1, \"reviewer\": \"另一位\"}",
    )
    .expect("someone else");
    let refused = session.save().expect_err("changed on disk");
    assert!(refused.zh.contains("已被他人修改"), "{}", refused.zh);
    assert!(
        std::fs::read_to_string(&review)
            .expect("read")
            .contains("另一位")
    );
}

#[test]
fn scripted_review_session_leaves_every_workbook_unchanged() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().expect("dir");
    let out = tempfile::tempdir().expect("out");
    workbench(dir.path());
    let before = hashes(dir.path());
    let paths = [dir.path().to_path_buf()];

    let mut session = ReviewSession::open(&paths);
    let by_difference = session.view(
        &Filter::default(),
        Some(Sort {
            column: Column::Difference,
            descending: true,
        }),
    );
    for (n, &row) in by_difference.iter().take(5).enumerate() {
        let status = if n % 2 == 0 {
            ReviewStatus::Reviewed
        } else {
            ReviewStatus::Returned
        };
        session.set_status(row, status).expect("status");
        session.set_score(row, "B2.5", "4").expect("score");
        session
            .set_indicator_note(row, "B2.5", IndicatorNote::Comment, "采购执行率依据不足")
            .expect("comment");
        session.set_comment(row, "自评得分偏高").expect("comment");
    }
    session.save().expect("save");
    let view = session.view(&Filter::default(), None);
    for (what, file, lang) in [
        (SheetExport::Overview, "overview.csv", Lang::Zh),
        (SheetExport::Overview, "overview.xlsx", Lang::Zh),
        (SheetExport::Reviews, "reviews.csv", Lang::Zh),
        (SheetExport::Reviews, "reviews.xlsx", Lang::En),
    ] {
        session
            .export_sheets(what, &view, &out.path().join(file), lang)
            .expect(file);
    }
    let beside_the_workbooks = dir.path().join("0001-x.json");
    assert!(
        session
            .export_sheets(
                SheetExport::Overview,
                &view,
                &beside_the_workbooks,
                Lang::Zh
            )
            .is_err()
    );
    drop(session);

    let mut after = hashes(dir.path());
    let review_file = after.remove(&dir.path().join(REVIEW_FILE_NAME));
    assert!(review_file.is_some(), "the review file was written");
    assert_eq!(
        before, after,
        "every workbook byte-for-byte unchanged, nothing else written"
    );

    // The exports hold what the session showed.
    let csv = std::fs::read(out.path().join("overview.csv")).expect("read");
    assert_eq!(&csv[..3], b"\xef\xbb\xbf");
    let mut reader = csv::Reader::from_reader(&csv[3..]);
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[0], "文件");
    assert!(headers.iter().any(|h| h == "支出完成率"));
    assert_eq!(reader.records().count(), GENERATED + 3);
    let reviews = std::fs::read(out.path().join("reviews.csv")).expect("read");
    let mut reader = csv::Reader::from_reader(&reviews[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(
        records.len(),
        5 * 21,
        "every leaf of the five reviewed workbooks"
    );
    assert!(
        records
            .iter()
            .any(|r| &r[4] == "B2.5" && &r[8] == "4" && &r[10] == "采购执行率依据不足")
    );

    let mut book: Xlsx<_> = open_workbook(out.path().join("reviews.xlsx")).expect("xlsx");
    assert_eq!(book.sheet_names(), ["Review summary", "Indicator review"]);
    let summary = book.worksheet_range("Review summary").expect("sheet");
    assert_eq!(summary.height(), 6);
    let mut book: Xlsx<_> = open_workbook(out.path().join("overview.xlsx")).expect("xlsx");
    let overview = book.worksheet_range("总览").expect("sheet");
    assert_eq!(overview.height(), GENERATED + 4);
}

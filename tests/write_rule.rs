//! One rule for every file jixiao writes (issue 22): never over an existing
//! file nobody asked to replace; replacing (asked by a flag or by Enter again
//! at the prompt) is atomic and keeps a `.bak`; never over an input of the
//! same command, asked or not. Every writer is listed here and held to it:
//! the command line, the workbench's export and the reviewer's exports.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::app::Action;
use jixiao::app::review::{ReviewApp, ReviewEffect};
use jixiao::core::Lang;
use jixiao::core::sample::SAMPLE_JSON;

const SCORING_CSV: &str =
    "一级指标,二级指标,三级指标,分值,评分标准\n决策,目标设定,绩效目标合理性,100,目标明确得满分\n";

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn bak(path: &Path) -> PathBuf {
    jixiao::store::backup_path(path)
}

/// A writer refused: exit 1, the file as it was, no `.bak`, and the message
/// says why (an input, or how to ask for replacing).
fn assert_refused(out: &Output, file: &Path, before: &[u8], why: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    assert!(stderr(out).contains(why), "{}", stderr(out));
    assert_eq!(
        fs::read(file).expect("still there"),
        before,
        "{}",
        file.display()
    );
    assert!(
        !bak(file).exists(),
        "no .bak for a refusal: {}",
        file.display()
    );
}

/// A writer replaced on request: exit 0, the old contents in `.bak`.
fn assert_replaced(out: &Output, file: &Path, before: &[u8]) {
    assert!(out.status.success(), "{}", stderr(out));
    assert_ne!(fs::read(file).expect("written"), before);
    assert_eq!(fs::read(bak(file)).expect("a .bak"), before);
}

#[test]
fn export_never_writes_over_its_workbook_even_with_its_default_output() {
    let dir = tempfile::tempdir().expect("tmp");
    // Workbooks named like the outputs their own export would pick.
    for (name, format) in [("report.docx", "docx"), ("x.xlsx", "xlsx"), ("r.md", "md")] {
        let workbook = dir.path().join(name);
        fs::write(&workbook, SAMPLE_JSON).expect("workbook");
        let default_out = jixiao(&["export", name, "--format", format], dir.path());
        // Default output `<stem>.md` for md is stdout; for the others it is
        // the workbook itself.
        if format != "md" {
            assert_refused(&default_out, &workbook, SAMPLE_JSON.as_bytes(), "输入");
        }
        for force in [false, true] {
            let mut args = vec!["export", name, "--format", format, "-o", name];
            if force {
                args.push("--force");
            }
            let out = jixiao(&args, dir.path());
            assert_refused(&out, &workbook, SAMPLE_JSON.as_bytes(), "输入");
        }
    }
}

#[test]
fn export_replaces_an_existing_output_only_with_force_and_keeps_a_bak() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("workbook");
    for format in ["docx", "xlsx", "md"] {
        let out_name = format!("wb.{format}");
        let out = dir.path().join(&out_name);
        fs::write(&out, b"the officer's own file").expect("existing");
        let args = ["export", "wb.json", "--format", format, "-o", &out_name];
        let refused = jixiao(&args, dir.path());
        assert_refused(&refused, &out, b"the officer's own file", "--force");
        if format != "md" {
            // The default output is no different from a named one.
            let default = jixiao(&["export", "wb.json", "--format", format], dir.path());
            assert_refused(&default, &out, b"the officer's own file", "--force");
        }
        let forced = jixiao(&[&args[..], &["--force"]].concat(), dir.path());
        assert_replaced(&forced, &out, b"the officer's own file");
    }
    // One CSV table: the same rule.
    let table = dir.path().join("scores.csv");
    fs::write(&table, b"mine").expect("existing");
    let args = [
        "export",
        "wb.json",
        "--format",
        "csv",
        "--table",
        "scores",
        "-o",
        "scores.csv",
    ];
    assert_refused(&jixiao(&args, dir.path()), &table, b"mine", "--force");
}

#[test]
fn the_csv_folder_export_is_one_write_and_never_over_tables_already_there() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("workbook");
    let first = jixiao(&["export", "wb.json", "--format", "csv"], dir.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let folder = dir.path().join("wb-tables");
    let tables: Vec<PathBuf> = fs::read_dir(&folder)
        .expect("folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(tables.len(), 4, "{tables:?}");
    let before: Vec<Vec<u8>> = tables.iter().map(|t| fs::read(t).expect("t")).collect();
    let again = jixiao(&["export", "wb.json", "--format", "csv"], dir.path());
    assert_eq!(again.status.code(), Some(1), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    for (t, b) in tables.iter().zip(&before) {
        assert_eq!(&fs::read(t).expect("t"), b);
        assert!(!bak(t).exists());
    }
    let forced = jixiao(
        &["export", "wb.json", "--format", "csv", "--force"],
        dir.path(),
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    for t in &tables {
        assert!(bak(t).exists(), "{}", t.display());
    }
}

#[test]
fn table_import_asks_replace_apart_from_force_and_never_writes_its_input() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("评分表.csv"), SCORING_CSV).expect("csv");
    let workbook = dir.path().join("wb.json");
    fs::write(&workbook, SAMPLE_JSON).expect("workbook");
    let wb = SAMPLE_JSON.as_bytes();
    // `--force` means "weights need not add up": it never replaces a file.
    for extra in [&[][..], &["--force"][..]] {
        let args = [
            &["table", "import", "评分表.csv", "-o", "wb.json"][..],
            extra,
        ]
        .concat();
        assert_refused(&jixiao(&args, dir.path()), &workbook, wb, "--replace");
    }
    let replaced = jixiao(
        &[
            "table",
            "import",
            "评分表.csv",
            "-o",
            "wb.json",
            "--replace",
        ],
        dir.path(),
    );
    assert_replaced(&replaced, &workbook, wb);
    // Its own input, asked or not.
    let input = dir.path().join("评分表.csv");
    let out = jixiao(
        &[
            "table",
            "import",
            "评分表.csv",
            "-o",
            "评分表.csv",
            "--replace",
        ],
        dir.path(),
    );
    assert_refused(&out, &input, SCORING_CSV.as_bytes(), "输入");
}

#[test]
fn table_export_never_writes_over_the_bureaus_original_unless_asked() {
    let dir = tempfile::tempdir().expect("tmp");
    fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("workbook");
    let original = dir.path().join("评分表.xlsx");
    fs::write(&original, b"the bureau's original").expect("xlsx");
    let args = ["table", "export", "wb.json", "-o", "评分表.xlsx"];
    let out = jixiao(&args, dir.path());
    assert_refused(&out, &original, b"the bureau's original", "--replace");
    let out = jixiao(&[&args[..], &["--replace"]].concat(), dir.path());
    assert_replaced(&out, &original, b"the bureau's original");
    // The workbook it reads, named `.csv` here: never, asked or not.
    let wb_csv = dir.path().join("wb.csv");
    fs::write(&wb_csv, SAMPLE_JSON).expect("workbook");
    let out = jixiao(
        &["table", "export", "wb.csv", "-o", "wb.csv", "--replace"],
        dir.path(),
    );
    assert_refused(&out, &wb_csv, SAMPLE_JSON.as_bytes(), "输入");
}

#[test]
fn new_and_sample_never_write_over_a_file_or_an_input() {
    let dir = tempfile::tempdir().expect("tmp");
    let last = dir.path().join("2023.json");
    fs::write(&last, SAMPLE_JSON).expect("last year");
    let out = jixiao(
        &["new", "2023.json", "--from", "2023.json", "--force"],
        dir.path(),
    );
    assert_refused(&out, &last, SAMPLE_JSON.as_bytes(), "输入");
    let out = jixiao(&["new", "2023.json", "--year", "2024"], dir.path());
    assert_refused(&out, &last, SAMPLE_JSON.as_bytes(), "--force");
    let out = jixiao(&["sample", "-o", "2023.json"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(fs::read(&last).expect("kept"), SAMPLE_JSON.as_bytes());
}

#[test]
fn the_workbench_export_asks_before_replacing_and_never_writes_its_workbook() {
    let dir = tempfile::tempdir().expect("tmp");
    // A workbook named like an export.
    let workbook = dir.path().join("report.xlsx");
    fs::write(&workbook, SAMPLE_JSON).expect("workbook");
    let mut h = common::app_at(&workbook, Lang::Zh);
    let existing = dir.path().join("old.md");
    fs::write(&existing, b"mine").expect("existing");
    let export = |h: &mut common::Harness, path: &Path| {
        let effect = h.app.update(Action::ExportPrompt);
        h.session.perform(&mut h.app, &effect);
        h.app.update(Action::ClearInput);
        for ch in path.display().to_string().chars() {
            h.app.update(Action::Input(ch));
        }
        let effect = h.app.update(Action::Commit);
        h.session.perform(&mut h.app, &effect);
    };
    export(&mut h, &existing);
    assert_eq!(fs::read(&existing).expect("kept"), b"mine");
    assert!(
        h.app.mode.kind() == jixiao::app::ModeKind::Prompt,
        "asked again"
    );
    let status = h
        .app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("再按 Enter"), "{status}");
    // Enter on the same name replaces, keeping a .bak.
    let effect = h.app.update(Action::Commit);
    h.session.perform(&mut h.app, &effect);
    assert!(fs::read_to_string(&existing).expect("md").contains('#'));
    assert_eq!(fs::read(bak(&existing)).expect("bak"), b"mine");
    // Its own workbook: refused outright, even after asking twice.
    export(&mut h, &workbook);
    let effect = h.app.update(Action::Commit);
    h.session.perform(&mut h.app, &effect);
    assert_eq!(fs::read(&workbook).expect("wb"), SAMPLE_JSON.as_bytes());
    assert!(!bak(&workbook).exists());
}

/// Reviewer mode over two generated workbooks and one named `x.xlsx`.
fn reviewer() -> (tempfile::TempDir, PathBuf, ReviewApp) {
    let dir = tempfile::tempdir().expect("tmp");
    let units = dir.path().join("units");
    jixiao::cli::synthetic::run(2, &units).expect("generate");
    fs::write(units.join("x.xlsx"), SAMPLE_JSON).expect("workbook named .xlsx");
    // The folder, and the workbook named like an export given by name.
    let named = [units.clone(), units.join("x.xlsx")];
    let (session, _) = jixiao::review::session::ReviewSession::open_deferred(&named);
    let app = ReviewApp::new(session, Lang::Zh);
    (dir, units, app)
}

fn review_export(app: &mut ReviewApp, open: Action, path: &Path) {
    let effect = app.update(open);
    jixiao::term::perform_review(app, &effect);
    app.update(Action::ClearInput);
    for ch in path.display().to_string().chars() {
        app.update(Action::Input(ch));
    }
    enter(app);
}

fn enter(app: &mut ReviewApp) {
    let effect = app.update(Action::Commit);
    let status = app.status.as_ref().map(|s| s.text.clone());
    assert!(
        !matches!(effect, ReviewEffect::None),
        "an export: {status:?}"
    );
    jixiao::term::perform_review(app, &effect);
}

#[test]
fn reviewer_exports_ask_before_replacing_and_never_write_a_department_file() {
    let (dir, units, mut app) = reviewer();
    for (open, name) in [
        (Action::ExportOverview, "overview.csv"),
        (Action::ExportReviews, "reviews.xlsx"),
        (Action::ExportSummary, "汇总.md"),
    ] {
        let out = dir.path().join(name);
        fs::write(&out, b"mine").expect("existing");
        review_export(&mut app, open, &out);
        assert_eq!(fs::read(&out).expect("kept"), b"mine", "{name}");
        let status = app
            .status
            .as_ref()
            .map(|s| s.text.clone())
            .unwrap_or_default();
        assert!(status.contains("再按 Enter"), "{name}: {status}");
        enter(&mut app);
        assert_ne!(fs::read(&out).expect("written"), b"mine", "{name}");
        assert_eq!(fs::read(bak(&out)).expect("bak"), b"mine", "{name}");
    }
    // A department's workbook named like an export: never, asked or not.
    let department = units.join("x.xlsx");
    review_export(&mut app, Action::ExportReviews, &department);
    let status = app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(status.contains("输入文件"), "{status}");
    assert!(fs::read(&department).expect("kept") == SAMPLE_JSON.as_bytes());
    assert!(!bak(&department).exists());
}

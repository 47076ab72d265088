//! One escaping for all text leaving jixiao (issue 22): a workbook with
//! control characters, bidi overrides, line breaks, formulas and Markdown in
//! every text field it accepts, sent through every way out — the terminal
//! (`check`, `export --format md`, `new --from`, error messages, the import
//! report), CSV (every writer), XML (docx and xlsx, report and letter) and
//! Markdown (report, letter, review summary).

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::app::Action;
use jixiao::app::review::ReviewApp;
use jixiao::core::Lang;
use jixiao::core::sample::SAMPLE_JSON;
use serde_json::Value;

/// Escape sequences (OSC 52 to the clipboard, OSC 0 to the title, a clear
/// screen), a carriage return that forges a line, a bidi override, the
/// characters XML forbids, a formula, a heading and a remote image.
const HOSTILE: &str = "=HYPERLINK(\"http://e.vil\")\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;t\u{7}\u{9b}2J\r总分: 100 / 100 等级: 优\u{202e}49\u{2066}\u{b}\u{c}\0\u{fffe}\n# 满分\n![x](http://e.vil/p.png)";

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"))
        .output()
        .expect("runs")
}

/// Puts the hostile text before to every string of the workbook the format
/// still accepts (enumerations and numbers refuse it and stay).
fn hostile_workbook() -> String {
    let mut doc: Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    let mut paths = Vec::new();
    collect_strings(&doc, &mut Vec::new(), &mut paths);
    let mut changed = 0;
    for path in paths {
        let Some(Value::String(old)) = pointer_mut(&mut doc, &path).cloned() else {
            continue;
        };
        if let Some(slot) = pointer_mut(&mut doc, &path) {
            // First, so that a cell starts with the formula.
            *slot = Value::String(format!("{HOSTILE}{old}"));
        }
        let text = serde_json::to_string(&doc).expect("json");
        if jixiao::core::format::load(&text).is_ok() {
            changed += 1;
        } else if let Some(slot) = pointer_mut(&mut doc, &path) {
            *slot = Value::String(old);
        }
    }
    assert!(changed > 50, "hostile text in {changed} fields");
    serde_json::to_string_pretty(&doc).expect("json")
}

fn collect_strings(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match value {
        Value::String(_) => out.push(at.clone()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(i.to_string());
                collect_strings(item, at, out);
                at.pop();
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                at.push(key.clone());
                collect_strings(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer_mut<'a>(doc: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
    let mut pointer = String::new();
    for part in path {
        pointer.push('/');
        pointer.push_str(&part.replace('~', "~0").replace('/', "~1"));
    }
    doc.pointer_mut(&pointer)
}

/// What must never reach a terminal raw.
fn assert_terminal_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (i, c) in text.chars().enumerate() {
        let bad = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}');
        assert!(!bad, "{what}: raw U+{:04X} at char {i}", u32::from(c));
    }
}

/// What XML 1.0 forbids, in every part of a docx or xlsx.
fn assert_xml_safe(what: &str, bytes: &[u8]) {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).expect("part");
        let name = part.name().expect("name").into_owned();
        let ext = Path::new(&name).extension().and_then(|e| e.to_str());
        if !matches!(ext, Some("xml" | "rels")) {
            continue;
        }
        let mut xml = String::new();
        part.read_to_string(&mut xml).expect("utf-8");
        for c in xml.chars() {
            let allowed =
                matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}');
            assert!(allowed, "{what} {name}: U+{:04X}", u32::from(c));
        }
    }
}

/// No cell a spreadsheet would run as a formula.
fn assert_csv_safe(what: &str, bytes: &[u8]) {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut cells = 0;
    for record in reader.records() {
        for cell in &record.expect("csv") {
            let cell = cell.trim_start_matches('\u{feff}');
            cells += 1;
            let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                && cell.parse::<rust_decimal::Decimal>().is_err();
            assert!(!formula, "{what}: a formula cell {cell:?}");
        }
    }
    assert!(cells > 0, "{what}: empty");
}

/// No heading, image or link from department text.
fn assert_markdown_safe(what: &str, text: &str) {
    for (at, _) in text.match_indices("![") {
        assert!(text[..at].ends_with('\\'), "{what}: an image at {at}");
    }
    for (at, _) in text.match_indices("](http") {
        assert!(text[..at].ends_with('\\'), "{what}: a link at {at}");
    }
    for line in text.lines() {
        assert!(!line.starts_with("# 满分"), "{what}: a heading {line:?}");
    }
    assert_terminal_safe(what, text.as_bytes());
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    let units = dir.path().join("units");
    fs::create_dir(&units).expect("folder");
    fs::write(units.join("h.json"), hostile_workbook()).expect("workbook");
    (dir, units)
}

#[test]
fn the_terminal_never_gets_a_raw_control_or_bidi_character() {
    let (dir, units) = setup();
    let wb = units.join("h.json");
    let wb = wb.to_str().expect("utf-8");
    for args in [
        vec!["check", wb],
        vec!["--lang", "en", "check", wb],
        vec!["export", wb, "--format", "md"],
        vec!["export", wb, "--format", "md", "--with-checks"],
        vec!["new", "next.json", "--from", wb],
        vec!["new", "t.json", "--table", wb],
    ] {
        let out = jixiao(&args, dir.path());
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_terminal_safe(&format!("{args:?} stdout"), &out.stdout);
        assert_terminal_safe(&format!("{args:?} stderr"), &out.stderr);
    }
    // Error messages name the file as typed, escaped.
    let out = jixiao(&["check", "\u{1b}]0;x\u{7}\u{202e}.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_terminal_safe("error message", &out.stderr);
    // The import report names indicators from the spreadsheet.
    let csv = format!(
        "一级指标,二级指标,三级指标,分值,评分标准\n决策,目标设定,\"绩效{HOSTILE}\",100,\"{HOSTILE}\"\n"
    );
    fs::write(dir.path().join("t.csv"), csv).expect("csv");
    let out = jixiao(&["table", "import", "t.csv"], dir.path());
    assert_terminal_safe("import report", &out.stderr);
    assert_terminal_safe("import stdout", &out.stdout);
}

#[test]
fn every_csv_writer_neutralises_formulas() {
    let (dir, units) = setup();
    let wb = units.join("h.json");
    let wb = wb.to_str().expect("utf-8");
    let out = jixiao(
        &["export", wb, "--format", "csv", "-o", "tables"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for entry in fs::read_dir(dir.path().join("tables")).expect("tables") {
        let path = entry.expect("entry").path();
        assert_csv_safe(&path.display().to_string(), &fs::read(&path).expect("csv"));
    }
    let out = jixiao(&["table", "export", wb, "-o", "table.csv"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = fs::read(dir.path().join("table.csv")).expect("table");
    assert_csv_safe("table export", &table);
    // The table reads back as it was written (the apostrophe read away).
    let back = jixiao(
        &["table", "import", "table.csv", "-o", "t.json", "--force"],
        dir.path(),
    );
    assert!(
        back.status.success(),
        "{}",
        String::from_utf8_lossy(&back.stderr)
    );
    let t = fs::read_to_string(dir.path().join("t.json")).expect("t.json");
    assert!(t.contains("\"=HYPERLINK"), "formula text kept as text");
    assert!(!t.contains("'=HYPERLINK"));

    let mut app = reviewer(&units);
    // A reviewer's comment that starts like a formula.
    app.update(Action::CommentPrompt);
    for ch in "@SUM(1)=DDE".chars() {
        app.update(Action::Input(ch));
    }
    app.update(Action::Commit);
    for (open, name) in [
        (Action::ExportOverview, "overview.csv"),
        (Action::ExportReviews, "reviews.csv"),
        (Action::ExportSummary, "summary.csv"),
    ] {
        let path = dir.path().join(name);
        export(&mut app, open, &path);
        assert_csv_safe(name, &fs::read(&path).expect(name));
    }
    let results = dir.path().join(format!("reviews-{}.csv", "审核汇总"));
    assert_csv_safe("审核汇总", &fs::read(&results).expect("results"));
}

#[test]
fn word_excel_and_markdown_files_stay_well_formed_and_plain() {
    let (dir, units) = setup();
    let wb = units.join("h.json");
    let wb = wb.to_str().expect("utf-8");
    for (format, file) in [("docx", "r.docx"), ("xlsx", "r.xlsx"), ("md", "r.md")] {
        let out = jixiao(
            &[
                "export",
                wb,
                "--format",
                format,
                "-o",
                file,
                "--with-checks",
            ],
            dir.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let bytes = fs::read(dir.path().join(file)).expect(file);
        if format == "md" {
            assert_markdown_safe(file, &String::from_utf8_lossy(&bytes));
        } else {
            assert_xml_safe(file, &bytes);
        }
    }
    let out = jixiao(&["table", "export", wb, "-o", "table.xlsx"], dir.path());
    assert!(out.status.success());
    assert_xml_safe(
        "table.xlsx",
        &fs::read(dir.path().join("table.xlsx")).expect("x"),
    );

    let mut app = reviewer(&units);
    app.update(Action::ReturnReasonPrompt);
    for ch in HOSTILE.chars().filter(|c| *c != '\n') {
        app.update(Action::Input(ch));
    }
    app.update(Action::Commit);
    for (open, name) in [
        (Action::ExportLetter, "letter.docx"),
        (Action::ExportLetter, "letter.md"),
        (Action::ExportSummary, "summary.md"),
        (Action::ExportSummary, "summary.xlsx"),
        (Action::ExportReviews, "reviews.xlsx"),
    ] {
        let path = dir.path().join(name);
        export(&mut app, open, &path);
        let bytes = fs::read(&path).expect(name);
        if path.extension().is_some_and(|e| e == "md") {
            assert_markdown_safe(name, &String::from_utf8_lossy(&bytes));
        } else {
            assert_xml_safe(name, &bytes);
        }
    }
}

fn reviewer(units: &Path) -> ReviewApp {
    let (session, _) =
        jixiao::review::session::ReviewSession::open_deferred(&[units.to_path_buf()]);
    ReviewApp::new(session, Lang::Zh)
}

fn export(app: &mut ReviewApp, open: Action, path: &Path) {
    let effect = app.update(open);
    jixiao::term::perform_review(app, &effect);
    app.update(Action::ClearInput);
    for ch in path.display().to_string().chars() {
        app.update(Action::Input(ch));
    }
    let effect = app.update(Action::Commit);
    jixiao::term::perform_review(app, &effect);
    let status = app.status.as_ref().map(|s| s.text.clone());
    assert!(path.exists(), "{}: {status:?}", path.display());
}

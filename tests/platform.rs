//! What an officer's machine must do, whatever it runs: the tests `.ci/run`
//! also runs for the Windows build under Wine (with `store_crash`'s short
//! kill test). Paths and file names are Chinese on purpose: that is what a
//! district office's folders are called.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use jixiao::core::format::{load, to_json};
use jixiao::core::model::{FieldId, Workbook};
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use jixiao::review::ReviewSession;
use jixiao::store::{Journal, backup_path, open, save_atomic};
use jixiao::synth::Generator;
use rust_decimal::Decimal;

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the jixiao binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("utf-8")
}

/// A folder with a Chinese name holding the sample under a Chinese name.
fn sample_in_chinese_folder() -> (tempfile::TempDir, PathBuf) {
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("霞山区 绩效自评");
    fs::create_dir(&folder).expect("mkdir");
    fs::write(folder.join("区委办-2023.json"), SAMPLE_JSON).expect("sample");
    (root, folder)
}

#[test]
fn the_sample_checks_from_a_chinese_folder() {
    let (_root, folder) = sample_in_chinese_folder();
    let out = jixiao(&["check", "区委办-2023.json"], &folder);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    for expected in ["财政拨款收入预决算差异率", "19.58%", "总分: 94 / 100"] {
        assert!(stdout.contains(expected), "{expected} missing:\n{stdout}");
    }
    // The same through an absolute path (a drive letter under Windows).
    let out = jixiao(
        &[
            "check",
            "--json",
            &folder.join("区委办-2023.json").to_string_lossy(),
        ],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(json.is_object());
}

#[test]
fn exports_docx_xlsx_csv_and_md_under_chinese_names() {
    let (_root, folder) = sample_in_chinese_folder();
    for (format, name) in [
        ("docx", "自评报告.docx"),
        ("xlsx", "自评表.xlsx"),
        ("md", "自评报告.md"),
        ("csv", "得分表.csv"),
    ] {
        let mut args = vec!["export", "区委办-2023.json", "--format", format, "-o", name];
        if format == "csv" {
            args.extend(["--table", "scores"]);
        }
        let out = jixiao(&args, &folder);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        let bytes = fs::read(folder.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        match format {
            "docx" | "xlsx" => assert!(bytes.starts_with(b"PK"), "{name} is a zip"),
            "md" => assert!(text(&bytes).contains("中共湛江市霞山区委办公室")),
            _ => assert!(text(&bytes).starts_with("\u{feff}编码,层级,指标")),
        }
    }
    // The folder of every table, named after the workbook.
    let out = jixiao(&["export", "区委办-2023.json", "--format", "csv"], &folder);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        folder
            .join("区委办-2023-tables")
            .join("scores.csv")
            .is_file()
    );
}

fn workbook_numbered(n: u64) -> Workbook {
    let mut wb = sample_workbook();
    FieldId::ALL[0].set(&mut wb, Some(Decimal::from(n)));
    wb
}

fn number_of(path: &Path) -> u64 {
    let loaded = load(&fs::read_to_string(path).expect("read")).expect("a whole workbook");
    FieldId::ALL[0]
        .get(&loaded.workbook)
        .and_then(|d| u64::try_from(d).ok())
        .expect("numbered")
}

#[test]
fn a_save_replaces_the_file_and_keeps_the_last_version_as_bak() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("教育局 2024年.json");
    for n in 1..=3 {
        let saved = save_atomic(&path, to_json(&workbook_numbered(n)).as_bytes()).expect("save");
        assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
        assert_eq!(saved.backup.is_some(), n > 1);
    }
    assert_eq!(number_of(&path), 3);
    assert_eq!(number_of(&backup_path(&path)), 2);
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("ls")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["教育局 2024年.json", "教育局 2024年.json.bak"]);
}

/// Another program reading the workbook (a viewer, a copy in progress, the
/// reviewer's jixiao) does not stop a save: Rust and most programs open
/// files sharing delete, and `std::fs::rename` replaces such a file with
/// POSIX semantics on Windows 10 and later (NTFS). Where that is missing
/// (Wine 8, FAT volumes) the rename is refused: then the save says the file
/// is in use and leaves it and its `.bak` whole, and succeeds once the
/// reader lets go.
#[test]
fn a_save_replaces_a_file_another_handle_holds_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("财政局.json");
    save_atomic(&path, to_json(&workbook_numbered(1)).as_bytes()).expect("first");
    let reader = fs::File::open(&path).expect("open");
    match save_atomic(&path, to_json(&workbook_numbered(2)).as_bytes()) {
        Ok(_) => {
            drop(reader);
            assert_eq!(number_of(&path), 2);
            assert_eq!(number_of(&backup_path(&path)), 1);
        }
        Err(e) => {
            let windows = cfg!(windows);
            assert!(windows, "only Windows may refuse: {e:?}");
            assert_eq!(e.fault, jixiao::store::SaveFault::InUse);
            drop(reader);
            assert_eq!(number_of(&path), 1);
            assert!(!backup_path(&path).exists());
            save_atomic(&path, to_json(&workbook_numbered(2)).as_bytes()).expect("after");
            assert_eq!(number_of(&path), 2);
            assert_eq!(number_of(&backup_path(&path)), 1);
        }
    }
}

/// On Windows a program that opens the file without sharing delete (as
/// some editors and office suites do) locks its name: the save is refused
/// with a message, and the file and its `.bak` stay as they were. Once
/// that program lets go, the next save goes through.
#[cfg(windows)]
#[test]
fn a_file_locked_by_another_program_is_left_whole_and_saved_later() {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_SHARE_READ: u32 = 1;
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("财政局.json");
    save_atomic(&path, to_json(&workbook_numbered(1)).as_bytes()).expect("first");
    save_atomic(&path, to_json(&workbook_numbered(2)).as_bytes()).expect("second");
    let locker = fs::OpenOptions::new()
        .read(true)
        .share_mode(FILE_SHARE_READ)
        .open(&path)
        .expect("open without sharing delete");
    let refused = save_atomic(&path, to_json(&workbook_numbered(3)).as_bytes())
        .expect_err("a locked name cannot be replaced");
    let message = refused.describe().get(jixiao::core::Lang::Zh).to_owned();
    assert!(message.contains("财政局.json"), "{message}");
    drop(locker);
    assert_eq!(number_of(&path), 2);
    assert_eq!(number_of(&backup_path(&path)), 1);
    save_atomic(&path, to_json(&workbook_numbered(3)).as_bytes()).expect("after release");
    assert_eq!(number_of(&path), 3);
    assert_eq!(number_of(&backup_path(&path)), 2);
}

#[test]
fn a_folder_of_100_workbooks_with_chinese_names_reviews() {
    const COUNT: usize = 100;
    let root = tempfile::tempdir().expect("tempdir");
    let folder = root.path().join("2024年 部门自评");
    fs::create_dir(&folder).expect("mkdir");
    let generator = Generator::new();
    let mut units = Vec::new();
    for i in 1..=COUNT {
        let generated = generator.generate(i);
        let name = generated.file_name(COUNT);
        assert!(
            name.chars().any(|c| c > '\u{2e80}'),
            "{name} has Chinese characters"
        );
        fs::write(folder.join(&name), to_json(&generated.workbook)).expect("write");
        units.push(generated.workbook.unit.name.clone());
    }
    let session = ReviewSession::open(std::slice::from_ref(&folder));
    let rows = session.rows();
    assert_eq!(rows.len(), COUNT);
    assert!(
        rows.iter()
            .all(|r| r.error.is_none() && r.standing.is_some()),
        "every workbook opens and has a standing (a grade, or 未评定)"
    );
    let mut seen: Vec<String> = rows.iter().filter_map(|r| r.unit.clone()).collect();
    seen.sort();
    units.sort();
    assert_eq!(seen, units);
}

const INSTANCE_VAR: &str = "JIXIAO_PLATFORM_INSTANCE";

/// A second window on the same workbook does not take the first one's
/// recovery file for a crashed session's (Windows has no `kill(pid, 0)`:
/// each instance holds a lock there instead); once that instance is gone,
/// its edits are offered.
#[test]
fn a_running_instances_recovery_is_not_offered_until_it_ends() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().expect("tempdir");
    let workbook = dir.path().join("人社局.json");
    fs::write(&workbook, SAMPLE_JSON).expect("sample");
    let journal = Journal::new(dir.path().join("恢复"));
    let mut child = Command::new(std::env::current_exe().expect("exe"))
        .args(["--exact", "running_instance", "--ignored", "--nocapture"])
        .env(INSTANCE_VAR, dir.path())
        .stdout(Stdio::piped())
        .stdin(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let ready = BufReader::new(stdout)
        .lines()
        .any(|l| l.is_ok_and(|l| l == "READY"));
    assert!(ready, "the other instance wrote its recovery file");
    let while_running = journal.find_recovery(&workbook).expect("readable");
    child.kill().expect("kill");
    child.wait().expect("reap");
    assert!(
        while_running.is_none(),
        "a running instance's journal is its own"
    );
    let after = journal
        .find_recovery(&workbook)
        .expect("readable")
        .expect("the ended instance's edits are offered");
    assert_eq!(after.loaded.workbook.unit.name, "另一个窗口的修改");
}

#[test]
#[ignore = "child of a_running_instances_recovery_is_not_offered_until_it_ends"]
fn running_instance() {
    let Some(dir) = std::env::var_os(INSTANCE_VAR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let journal = Journal::new(dir.join("恢复"));
    let doc = open(&dir.join("人社局.json")).expect("open").document;
    let mut wb = sample_workbook();
    wb.unit.name = "另一个窗口的修改".to_owned();
    journal
        .writer_for(&doc)
        .expect("writer")
        .write_recovery(&doc.to_json(&wb))
        .expect("write");
    println!("READY");
    // Until the parent kills this process.
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    std::thread::sleep(std::time::Duration::from_mins(1));
}

/// A workbook marked read-only (the Windows attribute, or no write bits) is
/// refused, never replaced, though its folder is writable.
#[test]
fn a_read_only_workbook_is_refused_not_replaced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("只读.json");
    save_atomic(&path, to_json(&workbook_numbered(1)).as_bytes()).expect("first");
    let mut perms = fs::metadata(&path).expect("meta").permissions();
    perms.set_readonly(true);
    fs::set_permissions(&path, perms).expect("read-only");
    let err = save_atomic(&path, to_json(&workbook_numbered(2)).as_bytes()).expect_err("read-only");
    assert_eq!(err.fault, jixiao::store::SaveFault::TargetReadOnly);
    assert_eq!(number_of(&path), 1);
    assert!(!backup_path(&path).exists());
}

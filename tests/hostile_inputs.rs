//! Every command guards the files it reads: a FIFO, a device, a folder or an
//! oversized file is refused at once (exit 2, the file named) instead of
//! reading forever; text from files reaches the terminal escaped; no terminal
//! gives a message instead of a panic.

#![cfg(unix)]

#[path = "support/limited.rs"]
mod limited;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const SAMPLE: &str = "assets/samples/xiashan-2023.json";

/// Runs the binary; it must finish within `limit` (a FIFO would block forever).
fn jixiao_within(args: &[&str], limit: Duration) -> Output {
    limited::run_within(
        Command::new(env!("CARGO_BIN_EXE_jixiao")),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        args,
        limit,
    )
}

/// The four hostile inputs, named `name.EXT` in `dir`.
fn hostile(dir: &Path, ext: &str) -> Vec<(&'static str, PathBuf)> {
    let fifo = dir.join(format!("fifo.{ext}"));
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let zero = dir.join(format!("zero.{ext}"));
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("symlink");
    let folder = dir.join(format!("folder.{ext}"));
    std::fs::create_dir(&folder).expect("mkdir");
    let big = dir.join(format!("big.{ext}"));
    let file = std::fs::File::create(&big).expect("create");
    // Sparse: 65 MiB on paper, nothing on the disk.
    file.set_len(jixiao::store::MAX_FILE_BYTES + 1)
        .expect("set_len");
    vec![
        ("FIFO", fifo),
        ("/dev/zero", zero),
        ("folder", folder),
        ("oversized", big),
    ]
}

fn assert_refused(args: &[&str], file: &Path, what: &str) {
    let out = jixiao_within(args, Duration::from_secs(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{what}: {args:?}: {stderr}");
    let name = file.display().to_string();
    assert!(
        stderr.contains(&name),
        "{what}: message names {name}: {stderr}"
    );
}

fn each_hostile(ext: &str, args_for: impl Fn(&str, &Path) -> Vec<String>) {
    let dir = tempfile::tempdir().expect("tmp");
    for (what, file) in hostile(dir.path(), ext) {
        let args = args_for(file.to_str().expect("utf8"), dir.path());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert_refused(&args, &file, what);
    }
}

#[test]
fn check_refuses_hostile_files() {
    each_hostile("json", |f, _| vec!["check".into(), f.into()]);
}

#[test]
fn export_refuses_hostile_files() {
    each_hostile("json", |f, dir| {
        let out = dir.join("out.md").display().to_string();
        vec![
            "export".into(),
            f.into(),
            "--format".into(),
            "md".into(),
            "-o".into(),
            out,
        ]
    });
}

#[test]
fn table_import_refuses_hostile_files() {
    for ext in ["csv", "xlsx"] {
        each_hostile(ext, |f, dir| {
            let out = dir.join("table.json").display().to_string();
            vec!["table".into(), "import".into(), f.into(), "-o".into(), out]
        });
    }
}

#[test]
fn table_apply_refuses_hostile_files() {
    // A hostile table, and a hostile workbook.
    each_hostile("json", |f, _| {
        vec!["table".into(), "apply".into(), SAMPLE.into(), f.into()]
    });
    let dir = tempfile::tempdir().expect("tmp");
    let table = dir.path().join("table.json");
    std::fs::copy(SAMPLE, &table).expect("copy");
    let table = table.display().to_string();
    each_hostile("json", move |f, _| {
        vec!["table".into(), "apply".into(), f.into(), table.clone()]
    });
}

#[test]
fn table_export_refuses_hostile_files() {
    each_hostile("json", |f, dir| {
        let out = dir.join("t.csv").display().to_string();
        vec!["table".into(), "export".into(), f.into(), "-o".into(), out]
    });
}

#[test]
fn review_scan_lists_hostile_files_as_unreadable_rows() {
    let dir = tempfile::tempdir().expect("tmp");
    let hostile = hostile(dir.path(), "json");
    let started = Instant::now();
    let (files, _notes) = jixiao::review::scan::expand(&[dir.path().to_path_buf()]);
    let entries = jixiao::review::scan::load_all(&files);
    assert!(started.elapsed() < Duration::from_secs(1));
    // The folder named *.json is a folder, not a workbook entry; the rest are rows.
    for (what, file) in hostile.iter().filter(|(what, _)| *what != "folder") {
        let entry = entries
            .iter()
            .find(|e| &e.path == file)
            .unwrap_or_else(|| panic!("{what} listed"));
        let Err(error) = &entry.outcome else {
            panic!("{what} is unreadable");
        };
        assert!(
            error.message.en.contains(&file.display().to_string()),
            "{what}"
        );
    }
    // Named directly, a folder is an unreadable row too.
    let folder = &hostile
        .iter()
        .find(|(w, _)| *w == "folder")
        .expect("folder")
        .1;
    let entry = jixiao::review::scan::load_one(folder);
    assert!(entry.outcome.is_err());
}

#[test]
fn check_prints_no_escape_byte_from_any_text_field() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE))
        .expect("sample");
    let mut doc: serde_json::Value = serde_json::from_str(&text).expect("json");
    // Every string the format accepts as free text gets escape sequences
    // and a forged line (strings that must be codes or numbers are skipped).
    let poison = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}H\n总分: 100 / 100";
    let mut pointers = Vec::new();
    string_pointers(&doc, String::new(), &mut pointers);
    let mut poisoned = 0;
    for pointer in pointers {
        let mut trial = doc.clone();
        if let Some(serde_json::Value::String(s)) = trial.pointer_mut(&pointer) {
            s.push_str(poison);
        }
        if jixiao::core::format::load(&trial.to_string()).is_ok() {
            doc = trial;
            poisoned += 1;
        }
    }
    assert!(poisoned > 20, "only {poisoned} text fields");
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, serde_json::to_string(&doc).expect("json")).expect("write");
    let name = file.to_str().expect("utf8");
    for args in [
        vec!["check", name],
        vec!["check", name, "--lang", "en"],
        vec!["check", name, "--json"],
    ] {
        let out = jixiao_within(&args, Duration::from_secs(5));
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(!all.contains(&0x1b), "{args:?} printed ESC");
        assert!(!all.contains(&0x07), "{args:?} printed BEL");
        let printed = String::from_utf8_lossy(&all);
        assert!(!printed.contains('\u{9b}'), "{args:?} printed CSI");
        if !args.contains(&"--json") {
            assert!(out.status.success(), "{args:?}: {printed}");
            assert!(printed.contains("\\u{1b}"), "shown escaped: {printed}");
            assert!(
                !printed.lines().any(|l| l.starts_with("总分: 100 / 100")),
                "no forged line: {}",
                printed
                    .lines()
                    .filter(|l| l.starts_with("总分: 100 / 100"))
                    .count()
            );
        }
    }
}

#[test]
fn no_terminal_gives_a_message_and_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let file = dir.path().join("dept.json");
    let name = file.to_str().expect("utf8");
    let out = jixiao_within(&[name], Duration::from_secs(2));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("jixiao 需要一个终端；无终端时可用 jixiao check 文件名"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let out = jixiao_within(&["--lang", "en", name], Duration::from_secs(2));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs a terminal"));
    let out = jixiao_within(&["review", name], Duration::from_secs(2));
    assert_eq!(out.status.code(), Some(2));
    assert!(!file.exists(), "nothing written");
}

/// JSON pointers of every string in `value`.
fn string_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(_) => out.push(at),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                string_pointers(item, format!("{at}/{i}"), out);
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in map {
                let key = key.replace('~', "~0").replace('/', "~1");
                string_pointers(item, format!("{at}/{key}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn a_review_file_in_a_fifos_or_devices_place_is_refused_with_a_reason() {
    for make in ["fifo", "zero", "folder", "oversized"] {
        let dir = tempfile::tempdir().expect("tmp");
        let review = dir.path().join(jixiao::review::scan::REVIEW_FILE_NAME);
        match make {
            "fifo" => assert!(
                Command::new("mkfifo")
                    .arg(&review)
                    .status()
                    .expect("mkfifo")
                    .success()
            ),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &review).expect("symlink"),
            "folder" => std::fs::create_dir(&review).expect("mkdir"),
            _ => std::fs::File::create(&review)
                .expect("create")
                .set_len(jixiao::store::MAX_FILE_BYTES + 1)
                .expect("set_len"),
        }
        let started = Instant::now();
        let loaded = jixiao::review::store::ReviewFolder::load(dir.path());
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{make}: blocked"
        );
        let problem = loaded.problem.expect("a refused review file is a problem");
        assert!(
            problem.en.contains("jixiao-review.json"),
            "{make}: {}",
            problem.en
        );
        assert!(!problem.zh.contains(" is a "), "{make}: {}", problem.zh);
    }
}

#[test]
fn the_guards_chinese_message_names_a_fifo_in_chinese() {
    let dir = tempfile::tempdir().expect("tmp");
    let hostile = hostile(dir.path(), "json");
    let (_, fifo) = &hostile[0];
    let out = jixiao_within(
        &["check", fifo.to_str().expect("utf8")],
        Duration::from_secs(1),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("命名管道"), "{stderr}");
    assert!(!stderr.contains("is a FIFO"), "{stderr}");
}

//! Every reader of a file a user can be handed, fed arbitrary bytes and
//! mutations of a valid file of its kind (which reach far deeper than random
//! bytes: a valid zip with a sheet's dimension changed, a review file with a
//! score of forty digits): no panic, and no allocation past a bound.
//!
//! The bound is the shared memory limit of `support/limited.rs`: the
//! properties are `#[ignore]`d here and run by
//! `readers_hold_under_a_memory_limit`, which starts this test binary again
//! under `prlimit --as`, so a reader that allocates past it makes the run
//! fail (the allocation fails and the child aborts) instead of taking the
//! machine, and a loop makes it fail by the time limit.
//!
//! Readers: the workbook (the loader, and the reviewer's scan, which parses
//! and derives), the scoring-table file, the review file
//! (`jixiao-review.json`), the reviewer's and the workbench's recovery
//! files, and xlsx/ods/xls/csv through the spreadsheet reader, the table
//! import and the project-form reader.
//!
//! 256 cases per property by default; `PROPTEST_CASES=N` for a longer run.

#![cfg(unix)]

#[path = "support/limited.rs"]
mod limited;

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;
use std::time::Duration;

use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::format::load;
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use jixiao::interchange::sheet::{Grid, read_csv, read_spreadsheet_bytes};
use jixiao::interchange::table_export;
use jixiao::interchange::table_file;
use jixiao::review::reviews::ReviewFile;
use jixiao::store::{Journal, ReviewJournal, UnsavedReview};
use proptest::prelude::*;

#[test]
fn readers_hold_under_a_memory_limit() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut command = Command::new("prlimit");
    command
        .arg(format!("--as={}", limited::MEMORY_LIMIT))
        .arg(std::env::current_exe().expect("this test binary"));
    let out = limited::run_within(
        command,
        dir.path(),
        &["--ignored", "--test-threads=2", "fuzz_"],
        Duration::from_mins(10),
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("test result: ok"),
        "the readers under {} MiB: {:?}\n{stdout}\n{stderr}",
        limited::MEMORY_LIMIT >> 20,
        out.status
    );
    assert!(
        !stdout.contains("0 passed"),
        "the properties did not run:\n{stdout}"
    );
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- mutations

/// One edit of a byte string, positions as fractions of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Flip {
        at: f64,
        bit: u8,
    },
    Set {
        at: f64,
        byte: u8,
    },
    Delete {
        at: f64,
        len: usize,
    },
    Insert {
        at: f64,
        bytes: Vec<u8>,
    },
    /// A token that means something to the format, where it hurts most.
    Token {
        at: f64,
        token: &'static [u8],
    },
    Duplicate {
        at: f64,
        len: usize,
    },
    Truncate {
        at: f64,
    },
}

/// What readers trip over: structure, huge numbers, far corners, escapes.
const TOKENS: [&[u8]; 24] = [
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\\u0000",
    b"\\ud800",
    b"null",
    b"-",
    b"79228162514264337593543950336",
    b"1234567890123456789012345678901234567890",
    b"1e400",
    b"0.00000000000000000000000000001",
    b"\"\":\"\",",
    b"XFD1048576",
    b"A1:XFD1048576",
    b"<c r=\"XFD1048576\"><v>1</v></c>",
    b"<dimension ref=\"A1:ZZ99999\"/>",
    b"<mergeCell ref=\"A1:XFD1048576\"/>",
    b"&#0;",
    b"\r\n\"\"\",,,,\n",
    b"\xEF\xBB\xBF",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 0u8..8).prop_map(|(at, bit)| Mutation::Flip { at, bit }),
        (at.clone(), any::<u8>()).prop_map(|(at, byte)| Mutation::Set { at, byte }),
        (at.clone(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at.clone(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (at.clone(), prop::sample::select(TOKENS.to_vec()))
            .prop_map(|(at, token)| Mutation::Token { at, token }),
        (at.clone(), 1..512usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    prop::collection::vec(mutation(), 1..6)
}

fn position(bytes: &[u8], fraction: f64) -> usize {
    // Truncation is the point: a fraction of the length.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let p = (fraction * bytes.len() as f64) as usize;
    p.min(bytes.len())
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        match m {
            Mutation::Flip { at, bit } => {
                let p = position(&bytes, *at);
                if let Some(b) = bytes.get_mut(p) {
                    *b ^= 1 << bit;
                }
            }
            Mutation::Set { at, byte } => {
                let p = position(&bytes, *at);
                if let Some(b) = bytes.get_mut(p) {
                    *b = *byte;
                }
            }
            Mutation::Delete { at, len } => {
                let p = position(&bytes, *at);
                let end = (p + len).min(bytes.len());
                bytes.drain(p..end);
            }
            Mutation::Insert { at, bytes: new } => {
                let p = position(&bytes, *at);
                bytes.splice(p..p, new.iter().copied());
            }
            Mutation::Token { at, token } => {
                let p = position(&bytes, *at);
                bytes.splice(p..p, token.iter().copied());
            }
            Mutation::Duplicate { at, len } => {
                let p = position(&bytes, *at);
                let end = (p + len).min(bytes.len());
                let copy = bytes[p..end].to_vec();
                bytes.splice(end..end, copy);
            }
            Mutation::Truncate { at } => {
                let p = position(&bytes, *at);
                bytes.truncate(p);
            }
        }
    }
    bytes
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..2048)
}

// ------------------------------------------------------------ valid seeds

static TABLE_JSON: LazyLock<String> =
    LazyLock::new(|| table_file::to_json(&sample_workbook().table));

static TABLE_XLSX: LazyLock<Vec<u8>> = LazyLock::new(|| {
    table_export::to_xlsx(&sample_workbook().table, Lang::Zh).expect("the table as xlsx")
});

static TABLE_CSV: LazyLock<Vec<u8>> =
    LazyLock::new(|| table_export::to_csv(&sample_workbook().table, Lang::Zh));

/// A review file with every kind of entry: statuses, scores, comments, reasons.
const REVIEW_JSON: &str = r#"{
  "format": "jixiao-review",
  "version": 1,
  "reviewer": "审核人",
  "workbooks": {
    "霞山区委办-2023.json": {
      "sha256": "0000000000000000000000000000000000000000000000000000000000000000",
      "unit": "中共湛江市霞山区委办公室",
      "fiscal_year": 2023,
      "status": "returned",
      "comment": "请补充佐证材料",
      "reason": "支出完成率与决算不符",
      "indicators": {
        "A1": { "score": "4.5", "comment": "依据不足" },
        "B2.1": { "reason": "请说明差异" }
      }
    },
    "other.json": { "sha256": "", "unit": "", "status": "in_review" }
  }
}
"#;

/// Entries of a zip (name, bytes).
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("valid zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            (entry.name().expect("name").into_owned(), data)
        })
        .collect()
}

fn zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        out.start_file(name.as_str(), options).expect("start");
        out.write_all(data).expect("write");
    }
    out.finish().expect("finish").into_inner()
}

static XLSX_PARTS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| unzip(&TABLE_XLSX));

// ---------------------------------------------------------------- readers

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The workbook through the workbench's loader (and the engine, as the
/// workbench derives at once) and through the reviewer's scan.
fn read_workbook(bytes: &[u8]) {
    if let Ok(loaded) = load(&text(bytes)) {
        let _ = derive(&loaded.workbook);
    }
    let _ = jixiao::review::scan::open_bytes("f.json", bytes);
}

fn read_table_file(bytes: &[u8]) {
    let _ = table_file::from_json(&text(bytes));
}

fn read_review_file(bytes: &[u8]) {
    let _ = ReviewFile::parse(&text(bytes), "jixiao-review.json");
}

/// A grid read is passed on as `table import` and `project import` would.
fn use_grids(grids: &[Grid]) {
    for grid in grids {
        let _ = jixiao::interchange::import_grid(grid, "评分表");
    }
    let _ = jixiao::interchange::project::read_forms(grids);
}

fn read_sheet(bytes: &[u8], ext: &str) {
    let grids = if ext == "csv" {
        read_csv(bytes).map(|g| vec![g])
    } else {
        read_spreadsheet_bytes(bytes, ext)
    };
    if let Ok(grids) = grids {
        use_grids(&grids);
    }
}

/// The reviewer's recovery files are found in a folder: the bytes go where a
/// crashed session's file would be.
fn read_review_recovery(dir: &Path, bytes: &[u8]) {
    let journal = ReviewJournal::new(dir, &[]);
    let own = journal.file();
    let name = own
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let (prefix, _) = name.rsplit_once('-').expect("prefix-pid.json");
    std::fs::write(dir.join(format!("{prefix}-4000000000.json")), bytes).expect("write");
    let _ = journal.left_behind();
}

/// The workbook the workbench's recovery seed belongs to (a recovery file
/// of another workbook is passed over).
static HOME: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let home = tempfile::tempdir().expect("tmp");
    std::fs::write(home.path().join("报告.json"), SAMPLE_JSON).expect("write");
    home
});

fn home_workbook() -> std::path::PathBuf {
    HOME.path().join("报告.json")
}

/// The workbench's recovery file of a workbook, replaced by `bytes`.
fn read_workbench_recovery(dir: &Path, bytes: &[u8]) {
    let journal = Journal::new(dir.join("recovery"));
    let workbook = home_workbook();
    let file = journal.recovery_file(&workbook);
    std::fs::create_dir_all(journal.dir()).expect("dir");
    std::fs::write(&file, bytes).expect("write");
    // What is found was loaded already; the workbench derives it at once.
    for recovered in journal.find_recoveries(&workbook).into_iter().flatten() {
        let _ = derive(&recovered.loaded.workbook);
    }
}

/// A recovery file as if its writer were gone (a running writer's file is
/// not offered, and the writer here is this test).
fn of_a_gone_writer(file: &Path) -> Vec<u8> {
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(file).expect("read")).expect("json");
    value["pid"] = serde_json::Value::from(4_000_000_000_u32);
    serde_json::to_vec_pretty(&value).expect("json")
}

/// A valid recovery file of each kind, as the writers leave them.
static REVIEW_RECOVERY: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tmp");
    let journal = ReviewJournal::new(dir.path(), &[]);
    let file = journal
        .write(&[UnsavedReview {
            path: dir.path().join("jixiao-review.json"),
            base_sha256: Some("ab".repeat(32)),
            text: REVIEW_JSON.to_owned(),
        }])
        .expect("written");
    of_a_gone_writer(&file)
});

static WORKBENCH_RECOVERY: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tmp");
    let opened = jixiao::store::open(&home_workbook()).expect("open");
    let journal = Journal::new(dir.path().join("recovery"));
    let writer = journal.writer_for(&opened.document).expect("editable");
    let file = writer
        .write_recovery(&opened.document.to_json(&opened.workbook))
        .expect("written");
    of_a_gone_writer(&file)
});

// --------------------------------------------------------------- properties

#[test]
fn the_seeds_are_valid() {
    assert!(load(SAMPLE_JSON).is_ok());
    assert!(table_file::from_json(&TABLE_JSON).is_ok());
    assert!(ReviewFile::parse(REVIEW_JSON, "r.json").is_ok());
    let grids = read_spreadsheet_bytes(&TABLE_XLSX, "xlsx").expect("xlsx");
    assert!(jixiao::interchange::import_grid(&grids[0], "t").is_ok());
    assert!(jixiao::interchange::import_grid(&read_csv(&TABLE_CSV).expect("csv"), "t").is_ok());
    let dir = tempfile::tempdir().expect("tmp");
    let journal = ReviewJournal::new(dir.path(), &[]);
    let (prefix, _) = journal
        .file()
        .file_name()
        .expect("name")
        .to_string_lossy()
        .rsplit_once('-')
        .map(|(p, s)| (p.to_owned(), s.to_owned()))
        .expect("prefix");
    std::fs::write(
        dir.path().join(format!("{prefix}-4000000000.json")),
        &*REVIEW_RECOVERY,
    )
    .expect("write");
    assert_eq!(
        journal.left_behind().len(),
        1,
        "the review recovery seed is found"
    );
    let dir = tempfile::tempdir().expect("tmp");
    let journal = Journal::new(dir.path().join("recovery"));
    let workbook = home_workbook();
    std::fs::create_dir_all(journal.dir()).expect("dir");
    std::fs::write(journal.recovery_file(&workbook), &*WORKBENCH_RECOVERY).expect("write");
    assert!(
        journal.find_recoveries(&workbook).iter().any(Result::is_ok),
        "the workbench recovery seed is found"
    );
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_workbook(bytes in arbitrary_bytes(), edits in mutations()) {
        read_workbook(&bytes);
        read_workbook(&mutate(SAMPLE_JSON.as_bytes().to_vec(), &edits));
    }

    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_table_file(bytes in arbitrary_bytes(), edits in mutations()) {
        read_table_file(&bytes);
        read_table_file(&mutate(TABLE_JSON.as_bytes().to_vec(), &edits));
    }

    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_review_file(bytes in arbitrary_bytes(), edits in mutations()) {
        read_review_file(&bytes);
        read_review_file(&mutate(REVIEW_JSON.as_bytes().to_vec(), &edits));
    }

    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_recovery_files(bytes in arbitrary_bytes(), edits in mutations()) {
        let dir = tempfile::tempdir().expect("tmp");
        read_review_recovery(dir.path(), &bytes);
        read_review_recovery(dir.path(), &mutate(REVIEW_RECOVERY.clone(), &edits));
        read_workbench_recovery(dir.path(), &bytes);
        read_workbench_recovery(dir.path(), &mutate(WORKBENCH_RECOVERY.clone(), &edits));
    }

    /// Arbitrary bytes as every spreadsheet kind, and the CSV export mutated.
    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_sheet_bytes(
        bytes in arbitrary_bytes(),
        ext in prop::sample::select(vec!["xlsx", "xls", "ods", "xlsb", "csv"]),
        edits in mutations(),
    ) {
        read_sheet(&bytes, ext);
        read_sheet(&mutate(TABLE_CSV.clone(), &edits), "csv");
    }

    /// The table's xlsx with one of its XML parts mutated and zipped again
    /// (a mutated zip mostly fails its checksum; this reaches the sheet reader).
    #[test]
    #[ignore = "run under prlimit by readers_hold_under_a_memory_limit"]
    fn fuzz_xlsx_parts(part in any::<prop::sample::Index>(), edits in mutations(), raw in mutations()) {
        let mut parts = XLSX_PARTS.clone();
        let at = part.index(parts.len());
        parts[at].1 = mutate(std::mem::take(&mut parts[at].1), &edits);
        read_sheet(&zip(&parts), "xlsx");
        read_sheet(&mutate(TABLE_XLSX.clone(), &raw), "xlsx");
    }
}

/// What the property found: a cell reference of many digits overflowed
/// calamine's row arithmetic (a panic where overflow is checked). Refused.
#[test]
fn a_cell_reference_of_many_digits_is_refused_not_a_panic() {
    let mut parts = XLSX_PARTS.clone();
    let sheet = parts
        .iter_mut()
        .find(|(name, _)| name.contains("worksheets/sheet1"))
        .expect("first sheet");
    let xml = String::from_utf8(sheet.1.clone()).expect("utf-8");
    assert!(xml.contains("r=\"A1\""), "{xml}");
    sheet.1 = xml
        .replacen("r=\"A1\"", "r=\"A99999999999\"", 1)
        .into_bytes();
    assert!(read_spreadsheet_bytes(&zip(&parts), "xlsx").is_err());
}

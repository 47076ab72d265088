//! Hostile spreadsheets are refused before they are allocated, each refusal
//! naming its limit, under a memory limit (`prlimit --as`) and a time limit:
//! a 5 KB xlsx with cells at A1 and XFD1048576 (took 23.7 GB), an xls whose
//! directory chain loops (18 GB), a zip of hundreds of MiB of XML (7 GB),
//! also with sizes that lie, and CSVs of 1,000,000 columns or rows (past
//! 400 s). The file readers never panic on arbitrary bytes either.

#![cfg(unix)]

#[path = "support/limited.rs"]
mod limited;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;

use limited::{assert_no_panic, jixiao_limited};

const LIMIT: Duration = Duration::from_secs(20);

/// `table import FILE -o out.json` in `dir`: the exit code and stderr.
fn import(dir: &Path, file: &str, lang_en: bool) -> (Option<i32>, String) {
    let mut args = vec![];
    if lang_en {
        args.extend(["--lang", "en"]);
    }
    args.extend(["table", "import", file, "-o", "out.json"]);
    let out = jixiao_limited(dir, &args, LIMIT);
    assert_no_panic(&out, file);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_refused_naming(dir: &Path, file: &str, zh: &str, en: &str) {
    let (code, stderr) = import(dir, file, false);
    assert_eq!(code, Some(2), "{file}: {stderr}");
    assert!(
        stderr.contains(file) && stderr.contains(zh),
        "{file}: {stderr}"
    );
    let (code, stderr) = import(dir, file, true);
    assert_eq!(code, Some(2), "{file}: {stderr}");
    assert!(stderr.contains(en), "{file}: {stderr}");
    assert!(!dir.join("out.json").exists(), "{file}: nothing written");
}

#[test]
fn an_xlsx_with_a_cell_in_the_last_corner_is_refused_by_its_dimension() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "一级指标").expect("A1");
    sheet
        .write_string(1_048_575, 16_383, "x")
        .expect("XFD1048576");
    book.save(dir.path().join("corner.xlsx")).expect("save");
    let size = std::fs::metadata(dir.path().join("corner.xlsx"))
        .expect("size")
        .len();
    assert!(size < 10_000, "a small file: {size}");
    assert_refused_naming(
        dir.path(),
        "corner.xlsx",
        "XFD1048576",
        "the limit on sheet dimension",
    );
}

/// A compound file of three 512-byte sectors after the header: the FAT, and
/// a directory sector whose chain points back at itself.
fn looping_xls() -> Vec<u8> {
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    header[24..26].copy_from_slice(&0x3Eu16.to_le_bytes()); // minor version
    header[26..28].copy_from_slice(&3u16.to_le_bytes()); // major version 3
    header[28..30].copy_from_slice(&0xFFFEu16.to_le_bytes()); // little-endian
    header[30..32].copy_from_slice(&9u16.to_le_bytes()); // 512-byte sectors
    header[32..34].copy_from_slice(&6u16.to_le_bytes()); // 64-byte mini sectors
    header[44..48].copy_from_slice(&1u32.to_le_bytes()); // one FAT sector
    header[48..52].copy_from_slice(&1u32.to_le_bytes()); // directory at sector 1
    header[56..60].copy_from_slice(&4096u32.to_le_bytes());
    header[60..64].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    header[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
    for slot in header[76..512].chunks_exact_mut(4) {
        slot.copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    }
    header[76..80].copy_from_slice(&0u32.to_le_bytes()); // the FAT is sector 0
    let mut fat = vec![0xFFu8; 512];
    fat[..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes()); // sector 0: the FAT
    fat[4..8].copy_from_slice(&1u32.to_le_bytes()); // sector 1 → sector 1: a loop
    let mut directory = vec![0u8; 512];
    for (i, unit) in "Root Entry".encode_utf16().enumerate() {
        directory[i * 2..i * 2 + 2].copy_from_slice(&unit.to_le_bytes());
    }
    let mut bytes = header;
    bytes.extend(fat);
    bytes.extend(directory);
    bytes.extend(vec![0u8; 512]);
    bytes
}

#[test]
fn an_xls_whose_sector_chain_loops_is_refused_not_followed() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("loop.xls"), looping_xls()).expect("write");
    assert_refused_naming(dir.path(), "loop.xls", "结构损坏", "damaged xls file");
    // Named .xlsx it is still what it is.
    std::fs::write(dir.path().join("loop.xlsx"), looping_xls()).expect("write");
    assert_refused_naming(dir.path(), "loop.xlsx", "结构损坏", "loops back on itself");
}

/// An xlsx-like zip whose one part inflates to `mib` MiB of spaces.
fn bomb(mib: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("xl/sharedStrings.xml", options)
        .expect("part");
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..mib {
        zip.write_all(&chunk).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

/// The same zip with every declared uncompressed size rewritten to 1,000
/// bytes (local headers and central directory, zip64 extras left as they are).
fn lying(mut bytes: Vec<u8>) -> Vec<u8> {
    let mut at = 0;
    while at + 46 <= bytes.len() {
        let signature = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4"));
        let field = match signature {
            0x0403_4b50 => Some(at + 22),
            0x0201_4b50 => Some(at + 24),
            _ => None,
        };
        if let Some(field) = field {
            let size = u32::from_le_bytes(bytes[field..field + 4].try_into().expect("4"));
            if size != u32::MAX {
                bytes[field..field + 4].copy_from_slice(&1000u32.to_le_bytes());
            }
        }
        at += 1;
    }
    bytes
}

#[test]
fn a_zip_bomb_is_refused_by_its_uncompressed_size() {
    let dir = tempfile::tempdir().expect("tmp");
    let honest = bomb(200);
    assert!(
        honest.len() < 3 * 1024 * 1024,
        "small on disk: {}",
        honest.len()
    );
    std::fs::write(dir.path().join("bomb.xlsx"), &honest).expect("write");
    assert_refused_naming(
        dir.path(),
        "bomb.xlsx",
        "解压大小上限",
        "the limit on uncompressed size",
    );
    // Sizes that lie are caught by counting what actually inflates.
    let small = bomb(130);
    std::fs::write(dir.path().join("liar.xlsx"), lying(small)).expect("write");
    assert_refused_naming(
        dir.path(),
        "liar.xlsx",
        "解压大小上限",
        "the limit on uncompressed size",
    );
}

#[test]
fn a_csv_of_a_million_columns_is_refused_at_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = "一级指标".to_owned();
    text.push_str(&",x".repeat(1_000_000));
    std::fs::write(dir.path().join("wide.csv"), text).expect("write");
    assert_refused_naming(dir.path(), "wide.csv", "列数上限", "the limit on columns");
}

#[test]
fn a_csv_of_a_million_rows_is_refused_by_its_dimension_at_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = "一级指标,分值\n".to_owned();
    for i in 0..1_000_000 {
        let _ = writeln!(text, "指标{i},1");
    }
    std::fs::write(dir.path().join("long.csv"), text).expect("write");
    assert_refused_naming(
        dir.path(),
        "long.csv",
        "B1000001",
        "the limit on sheet dimension",
    );
}

/// 30,000 indicators under one parent: finding a sibling by name scanned
/// them all (60,000 rows took four minutes); the table is built in linear time.
#[test]
fn a_long_table_is_built_in_linear_time() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut text = "一级指标,二级指标,分值\n".to_owned();
    for i in 0..30_000 {
        let _ = writeln!(text, "决策,指标{i},1");
    }
    std::fs::write(dir.path().join("long.csv"), text).expect("write");
    let out = jixiao_limited(
        dir.path(),
        &["table", "import", "long.csv", "-o", "out.json", "--force"],
        Duration::from_secs(40),
    );
    assert_no_panic(&out, "long.csv");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Arbitrary bytes, and arbitrary bytes after a compound-file or zip
    /// signature, through every spreadsheet reader: an error or a grid, no panic.
    #[test]
    fn spreadsheet_readers_never_panic(
        kind in 0u8..3,
        body in prop::collection::vec(any::<u8>(), 0..4096),
        ext in prop::sample::select(vec!["xlsx", "xls", "ods", "xlsb", "csv"]),
    ) {
        let mut bytes = match kind {
            0 => vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
            1 => b"PK\x03\x04".to_vec(),
            _ => Vec::new(),
        };
        bytes.extend(body);
        if ext == "csv" {
            let _ = jixiao::interchange::sheet::read_csv(&bytes);
        } else {
            let _ = jixiao::interchange::sheet::read_spreadsheet_bytes(&bytes, ext);
        }
    }

    /// Arbitrary bytes in a compound file's header and first sectors, the
    /// rest well formed enough to reach the chains.
    #[test]
    fn compound_files_with_arbitrary_tables_never_panic(
        patches in prop::collection::vec((0usize..2048, any::<u8>()), 0..64),
    ) {
        let mut bytes = looping_xls();
        for (at, value) in patches {
            if let Some(b) = bytes.get_mut(at) {
                *b = value;
            }
        }
        let _ = jixiao::interchange::sheet::read_spreadsheet_bytes(&bytes, "xls");
    }
}

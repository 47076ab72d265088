//! `jixiao publish` then `jixiao verify`: the bundle verifies as written;
//! one figure changed in the published xlsx, or in the docx, fails naming it
//! with both values, the stamp left intact; a file that cannot be read exits 2;
//! the stamp survives reformatting the workbook; nothing is overwritten
//! without --force.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::core::format::to_json;
use jixiao::core::sample::sample_workbook;

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the jixiao binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The sample written as `wb.json` and published (without PDF) into `out/`.
fn published() -> (tempfile::TempDir, Vec<PathBuf>) {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), to_json(&sample_workbook())).expect("write");
    let out = jixiao(dir.path(), &["publish", "wb.json", "-o", "out", "--no-pdf"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path().join("out"))
        .expect("out")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    (dir, files)
}

fn verify(dir: &Path, files: &[PathBuf]) -> Output {
    let mut args: Vec<String> = vec!["verify".into()];
    args.extend(files.iter().map(|f| f.display().to_string()));
    args.extend(["--against".into(), "wb.json".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    jixiao(dir, &args)
}

fn ending(files: &[PathBuf], suffix: &str) -> PathBuf {
    files
        .iter()
        .find(|f| f.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("a published {suffix}"))
        .clone()
}

/// Rewrites one part of a zip (docx, xlsx) through `change`.
fn edit_part(path: &Path, part: &str, change: impl Fn(String) -> String) {
    let bytes = std::fs::read(path).expect("read");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let name = entry.name().expect("name").into_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).expect("read");
        if name == part {
            data = change(String::from_utf8(data).expect("utf8")).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        out.write_all(&data).expect("write");
    }
    let bytes = out.finish().expect("finish").into_inner();
    std::fs::write(path, bytes).expect("write back");
}

#[test]
fn the_bundle_verifies_as_published() {
    let (dir, files) = published();
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(names.contains(&"wb-自评报告.docx".to_owned()), "{names:?}");
    assert!(
        names.contains(&"wb-基础数据表与评分表.xlsx".to_owned()),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.starts_with("wb-项目1-")),
        "{names:?}"
    );
    let out = verify(dir.path(), &files);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    let stamp = jixiao::core::stamp::content_stamp(&sample_workbook());
    assert_eq!(
        text.matches(&format!("（内容校验码 {stamp}）")).count(),
        3,
        "{text}"
    );

    // The workbook reformatted (compact, keys sorted): the same stamp.
    let value: serde_json::Value =
        serde_json::from_str(&to_json(&sample_workbook())).expect("json");
    std::fs::write(dir.path().join("wb.json"), value.to_string()).expect("rewrite");
    assert_eq!(verify(dir.path(), &files).status.code(), Some(0));

    // Publishing again over the same files: refused, nothing replaced.
    let before = std::fs::read(&files[0]).expect("read");
    let again = jixiao(dir.path(), &["publish", "wb.json", "-o", "out", "--no-pdf"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read(&files[0]).expect("read"), before);
}

#[test]
fn a_figure_altered_in_the_published_xlsx_is_named_with_both_values() {
    let (dir, files) = published();
    let xlsx = ending(&files, ".xlsx");
    edit_part(&xlsx, "xl/worksheets/sheet1.xml", |xml| {
        xml.replacen("<v>588.55</v>", "<v>600.55</v>", 1)
    });
    let out = verify(dir.path(), std::slice::from_ref(&xlsx));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.starts_with("不一致："), "{text}");
    assert!(
        text.contains("基础数据表!C4（收入预算合计 · 数值）"),
        "{text}"
    );
    assert!(
        text.contains("发布件为“600.55”，工作簿为“588.55”"),
        "{text}"
    );
    // The footer still carries the right stamp: the figures decided.
    let footer = std::fs::read(&xlsx).expect("read");
    let stamp = jixiao::core::stamp::content_stamp(&sample_workbook());
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(footer)).expect("zip");
    let mut sheet = String::new();
    archive
        .by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut sheet)
        .expect("read");
    assert!(sheet.contains(&stamp));
    // Together with the untouched files: still 1, and the others match.
    let all = verify(dir.path(), &files);
    assert_eq!(all.status.code(), Some(1));
    let matching = stdout(&all)
        .lines()
        .filter(|l| l.starts_with("一致："))
        .count();
    assert_eq!(matching, 2, "{}", stdout(&all));
}

#[test]
fn a_figure_altered_in_the_published_docx_is_named_with_both_values() {
    let (dir, files) = published();
    let docx = ending(&files, "自评报告.docx");
    edit_part(&docx, "word/document.xml", |xml| {
        let at = xml.find(">588.55<").expect("588.55 in a table cell");
        format!("{}>588.65<{}", &xml[..at], &xml[at + ">588.55<".len()..])
    });
    let out = verify(dir.path(), std::slice::from_ref(&docx));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("：收入预算合计 · 数值："), "{text}");
    assert!(
        text.contains("发布件为“588.65”，工作簿为“588.55”"),
        "{text}"
    );

    // A word of the narrative changed: named by its paragraph, both sides shown.
    let (dir, files) = published();
    let docx = ending(&files, "自评报告.docx");
    edit_part(&docx, "word/document.xml", |xml| {
        xml.replacen("霞山区", "赤坎区", 1)
    });
    let out = verify(dir.path(), std::slice::from_ref(&docx));
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("赤坎区") && text.contains("霞山区"), "{text}");
}

#[test]
fn a_file_that_cannot_be_read_exits_2_naming_it() {
    let (dir, files) = published();
    std::fs::write(dir.path().join("out/broken.xlsx"), b"not a zip").expect("write");
    let mut with_broken = files.clone();
    with_broken.push(dir.path().join("out/broken.xlsx"));
    let out = verify(dir.path(), &with_broken);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("无法读取：") && text.contains("broken.xlsx"),
        "{text}"
    );
    let missing = verify(dir.path(), &[dir.path().join("out/none.docx")]);
    assert_eq!(missing.status.code(), Some(2));
    // The workbook itself unreadable: 2 as well.
    std::fs::write(dir.path().join("wb.json"), "{").expect("write");
    assert_eq!(verify(dir.path(), &files).status.code(), Some(2));
}

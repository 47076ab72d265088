//! Sending back through the real binary in a pseudo-terminal: `jixiao review
//! DIR`, b with a reason, L for the letter, S for the summary, Ctrl-S, q —
//! the letter and the summary are written where asked, the reason is in the
//! review file, and every workbook is byte-for-byte unchanged.

use std::collections::BTreeMap;
use std::path::Path;

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

fn workbooks(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name() != "jixiao-review.json")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

#[test]
fn send_back_letter_and_summary_from_the_terminal() {
    let home = tempfile::tempdir().expect("tmp");
    let units = home.path().join("units");
    jixiao::cli::synthetic::run(5, &units).expect("generate");
    let before = workbooks(&units);
    let mut s = Session::start(&["review", "units"], home.path());
    s.wait_for("5/5");
    s.send(b"b");
    s.wait_for("退回原因");
    s.send("佐证材料不全".as_bytes());
    s.send(b"\r");
    s.wait_for("退回原因已记录");
    s.send(b"L");
    s.wait_for("导出退回函到");
    s.send(b"\x15letter.docx\r");
    s.wait_for("已导出 letter.docx");
    s.send(b"S");
    s.wait_for("导出审核汇总表到");
    s.send(b"\x15summary.xlsx\r");
    s.wait_for("已导出 summary.xlsx");
    s.send(b"\x13");
    s.wait_for("审核记录已保存");
    s.send(b"q");
    assert!(s.wait_exit(), "jixiao review quits");
    let letter = std::fs::read(home.path().join("letter.docx")).expect("the letter");
    assert!(letter.starts_with(b"PK"));
    let summary = std::fs::read(home.path().join("summary.xlsx")).expect("the summary");
    assert!(summary.starts_with(b"PK"));
    let review = std::fs::read_to_string(units.join("jixiao-review.json")).expect("review file");
    assert!(review.contains("\"reason\": \"佐证材料不全\""), "{review}");
    assert!(review.contains("\"status\": \"returned\""));
    assert_eq!(
        before,
        workbooks(&units),
        "every workbook byte-for-byte unchanged"
    );
}

//! 佐证材料清单: the checks over listed files (missing, changed since listed),
//! a scored leaf the table asks evidence for with none listed, and the
//! report's 附件清单 — through the real binary, files beside the workbook.

use std::path::Path;
use std::process::{Command, Output};

use jixiao::core::format::to_json;
use jixiao::core::model::{EvidenceFile, Workbook};
use jixiao::core::sample::sample_workbook;
use serde_json::Value;

fn jixiao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the jixiao binary runs")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
}

/// A file listed when it held `bytes`.
fn listed(path: &str, title: &str, bytes: &[u8]) -> EvidenceFile {
    EvidenceFile {
        path: path.into(),
        title: title.into(),
        pages: "3".into(),
        sha256: sha256_hex(bytes),
    }
}

/// The sample with three files listed on its first leaf and one on its first
/// project's first indicator; the first leaf's table asks for evidence.
fn workbook_with_evidence() -> Workbook {
    let mut wb = sample_workbook();
    let leaf = &mut wb.table.indicators[0].children[0];
    leaf.evidence_required = Some(true);
    leaf.entry.evidence_files = vec![
        listed("佐证/预算批复.pdf", "预算批复文件", b"batch"),
        listed("佐证/台账.xlsx", "政府采购台账", b"ledger v1"),
        listed("佐证/会议纪要.pdf", "党组会议纪要", b"minutes"),
    ];
    wb.projects[0].indicators[0].evidence_files =
        vec![listed("项目/验收单.pdf", "项目验收单", b"accepted")];
    wb
}

fn check_json(dir: &Path) -> Value {
    let out = jixiao(dir, &["check", "wb.json", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check --json")
}

fn messages(doc: &Value, code: &str) -> Vec<String> {
    doc["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["code"] == code)
        .map(|w| w["message"]["zh"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_missing_file_and_a_changed_file_are_named_with_their_indicator() {
    let dir = tempfile::tempdir().expect("dir");
    let wb = workbook_with_evidence();
    std::fs::write(dir.path().join("wb.json"), to_json(&wb)).expect("write");
    std::fs::create_dir(dir.path().join("佐证")).expect("mkdir");
    std::fs::create_dir(dir.path().join("项目")).expect("mkdir");
    std::fs::write(dir.path().join("佐证/预算批复.pdf"), b"batch").expect("write");
    std::fs::write(dir.path().join("佐证/台账.xlsx"), b"ledger v2").expect("write");
    std::fs::write(dir.path().join("项目/验收单.pdf"), b"accepted").expect("write");
    // 会议纪要.pdf is not there.
    let doc = check_json(dir.path());
    let code = &wb.table.indicators[0].children[0].code;
    let missing = messages(&doc, "evidence_file_missing");
    assert_eq!(missing.len(), 1, "{missing:?}");
    assert!(missing[0].starts_with(code.as_str()), "{}", missing[0]);
    assert!(missing[0].contains("佐证/会议纪要.pdf"), "{}", missing[0]);
    let changed = messages(&doc, "evidence_file_changed");
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert!(changed[0].contains("佐证/台账.xlsx"), "{}", changed[0]);
    // The leaf lists files, so it is not "without evidence".
    assert!(messages(&doc, "evidence_missing").is_empty());
    let listed = doc["evidence_files"].as_array().expect("evidence_files");
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[3]["project"], wb.projects[0].name.as_str());

    // The project's file removed: named by project and indicator.
    std::fs::remove_file(dir.path().join("项目/验收单.pdf")).expect("rm");
    let doc = check_json(dir.path());
    let missing = messages(&doc, "evidence_file_missing");
    assert_eq!(missing.len(), 2, "{missing:?}");
    let project = &wb.projects[0];
    assert!(
        missing[1].starts_with(&format!(
            "{} · {}",
            project.name, project.indicators[0].name
        )),
        "{}",
        missing[1]
    );
}

#[test]
fn a_scored_leaf_the_table_asks_evidence_for_needs_a_listed_file() {
    let dir = tempfile::tempdir().expect("dir");
    let mut wb = sample_workbook();
    // The standard's own words ask; another leaf's flag says no despite them.
    let first = &mut wb.table.indicators[0].children[0];
    first.standard.push_str("需提供相关佐证材料。");
    let (asked, asked_name) = (first.code.clone(), first.name.clone());
    let second = &mut wb.table.indicators[0].children[1];
    second.standard.push_str("（佐证材料另附）");
    second.evidence_required = Some(false);
    std::fs::write(dir.path().join("wb.json"), to_json(&wb)).expect("write");
    let doc = check_json(dir.path());
    let found = messages(&doc, "evidence_missing");
    assert_eq!(
        found,
        vec![format!(
            "{asked} {asked_name}：评分标准要求佐证材料，但未列出佐证文件"
        )]
    );
    // The sample's own table asks nowhere: no new warning there.
    let plain = tempfile::tempdir().expect("dir");
    std::fs::write(plain.path().join("wb.json"), to_json(&sample_workbook())).expect("write");
    let doc = check_json(plain.path());
    assert!(messages(&doc, "evidence_missing").is_empty());
    assert_eq!(doc["evidence_files"], Value::Array(Vec::new()));
}

#[test]
fn the_report_lists_every_attachment_in_its_appendix() {
    let dir = tempfile::tempdir().expect("dir");
    let wb = workbook_with_evidence();
    std::fs::write(dir.path().join("wb.json"), to_json(&wb)).expect("write");
    let out = jixiao(
        dir.path(),
        &["export", "wb.json", "--format", "md", "-o", "r.md"],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = std::fs::read_to_string(dir.path().join("r.md")).expect("report");
    let at = md.find("附表3 附件清单").expect("附件清单 heading");
    let table = &md[at..];
    let leaf = &wb.table.indicators[0].children[0];
    let first_row = format!(
        "| 1 | {} {} | 预算批复文件 | 佐证/预算批复.pdf | 3 | {} |",
        leaf.code,
        leaf.name,
        &sha256_hex(b"batch")[..8]
    );
    assert!(table.contains(&first_row), "{table}");
    assert!(table.contains("| 4 | "), "{table}");
    assert!(table.contains("项目验收单"), "{table}");
    // A workbook listing nothing has no 附件清单.
    std::fs::write(dir.path().join("plain.json"), to_json(&sample_workbook())).expect("write");
    let out = jixiao(
        dir.path(),
        &["export", "plain.json", "--format", "md", "-o", "p.md"],
    );
    assert_eq!(out.status.code(), Some(0));
    let md = std::fs::read_to_string(dir.path().join("p.md")).expect("report");
    assert!(!md.contains("附件清单"));
}

//! Each project form in the report (md, docx) laid out as the national form,
//! and alone with `export --project NAME`; the sample's illustrative key
//! project is marked as such.

use std::path::Path;
use std::process::{Command, Output};

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the jixiao binary runs")
}

fn said(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

const NAME: &str = "2023年办公信息化及保密设备运维（示例）";

#[test]
fn the_report_carries_each_project_form_with_target_actual_and_score() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("wb.json"),
        jixiao::core::sample::SAMPLE_JSON,
    )
    .expect("write");
    let out = jixiao(&["export", "wb.json", "--format", "md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(md.contains(&format!("项目支出绩效自评表：{NAME}")), "{md}");
    assert!(md.contains("示例：本项目为演示表式而设"), "{md}");
    for cell in [
        "年初预算数",
        "全年执行数",
        "95.00%",
        "年度总体目标",
        "≥98%",
        "97.5%",
        "14.92",
        "99.42",
        "偏差原因分析及改进措施",
    ] {
        assert!(md.contains(cell), "{cell} missing from the project form");
    }
}

#[test]
fn one_project_alone_as_md_and_docx_and_an_unknown_name_exits_2() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(
        dir.path().join("wb.json"),
        jixiao::core::sample::SAMPLE_JSON,
    )
    .expect("write");
    let out = jixiao(
        &["export", "wb.json", "--format", "md", "--project", NAME],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let md = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        md.starts_with(&format!("## 项目支出绩效自评表：{NAME}")),
        "{md}"
    );
    assert!(
        !md.contains("基本情况"),
        "the department's report is not in it"
    );
    let out = jixiao(
        &[
            "export",
            "wb.json",
            "--format",
            "docx",
            "--project",
            NAME,
            "-o",
            "p.docx",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", said(&out));
    let bytes = std::fs::read(dir.path().join("p.docx")).expect("docx written");
    assert!(bytes.starts_with(b"PK"));
    let out = jixiao(
        &[
            "export",
            "wb.json",
            "--format",
            "md",
            "--project",
            "没有这个项目",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2), "{}", said(&out));
    assert!(
        said(&out).contains(NAME),
        "the message lists the projects: {}",
        said(&out)
    );
}

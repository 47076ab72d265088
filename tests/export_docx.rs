//! The Word report (and PDF) through the command line, opened by `LibreOffice`
//! where it is installed: converted to PDF and to text, the text holds the
//! seed's structure and figures, the unit's name, and sentences, not workings.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::core::sample::SAMPLE_JSON;
use jixiao::export::pdf::{convert, libreoffice};

#[path = "support/seed_figures.rs"]
mod seed_figures;
use seed_figures::{documented_exception, figures, seed_sections_one_to_three};

fn jixiao(args: &[&str], dir: &Path, path_env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jixiao"));
    command.args(args).current_dir(dir);
    if let Some(path) = path_env {
        command.env("PATH", path);
    }
    command.output().expect("run jixiao")
}

/// A workbook the sample is not: another unit's name.
fn new_unit_workbook(dir: &Path) -> PathBuf {
    let mut doc: serde_json::Value = serde_json::from_str(SAMPLE_JSON).expect("sample json");
    doc["unit"]["name"] = serde_json::Value::String("某某县农业农村局".to_owned());
    let path = dir.join("new.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).expect("json")).expect("write");
    path
}

#[test]
fn docx_opens_in_libreoffice_and_reads_as_the_report() {
    let dir = tempfile::tempdir().expect("dir");
    new_unit_workbook(dir.path());
    let out = jixiao(
        &["export", "new.json", "--format", "docx", "-o", "r.docx"],
        dir.path(),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = std::fs::read(dir.path().join("r.docx")).expect("docx written");
    assert!(docx.starts_with(b"PK"));
    let Some(office) = libreoffice() else {
        eprintln!("LibreOffice (soffice) is not installed: the docx was not opened");
        return;
    };
    let pdf = convert(&office, &docx, "pdf").expect("LibreOffice converts the docx to PDF");
    assert!(pdf.starts_with(b"%PDF"));
    let text = convert(&office, &docx, "txt:Text").expect("LibreOffice converts it to text");
    let text = String::from_utf8(text).expect("utf-8");
    let text = text.trim_start_matches('\u{feff}');
    assert!(text.contains("2023年度某某县农业农村局整体支出绩效自评报告"));
    let order = [
        "一、单位基本情况",
        "（一）单位机构设置、部门职能情况",
        "（四）部门整体支出情况",
        "二、自评工作开展情况",
        "（一）评价小组情况",
        "（二）自评工作过程",
        "（三）自评材料报送时间及质量",
        "（四）自评材料报送及公开一致情况",
        "三、绩效自评情况",
        "（一）自评结果",
        "一级指标",
        "（二）部门整体支出绩效指标分析",
        "（三）部门整体支出绩效管理存在问题",
        "（四）改进措施",
        "四、其他自评情况",
        "某某县农业农村局",
        "年　　月　　日",
        "附表1 基础数据",
        "附表2 工作量统计",
    ];
    let mut at = 0;
    for heading in order {
        let found = text[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found + heading.len();
    }
    assert!(
        !text.contains("×5=5"),
        "engine working instead of a sentence"
    );
    assert!(text.contains("按评分标准，自评为“较好”，按分值的80%计，得4分，扣1分。"));
    assert!(
        !text.contains("附录 检查提示"),
        "checks only with --with-checks"
    );
    assert!(!text.contains("中共湛江市霞山区委办公室整体"));
    let ours = figures(text);
    let bare: Vec<_> = ours.iter().map(|(v, _)| *v).collect();
    let missing: Vec<String> = figures(&seed_sections_one_to_three())
        .into_iter()
        .filter(|(value, unit)| {
            let found = if unit.is_empty() {
                bare.contains(value)
            } else {
                ours.iter().any(|(v, u)| v == value && u == unit)
            };
            !found && !documented_exception(*value, unit)
        })
        .map(|(v, u)| format!("{v}{u}"))
        .collect();
    assert!(
        missing.is_empty(),
        "seed figures not in the docx: {missing:?}"
    );
}

#[test]
fn checks_travel_only_on_request() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(
        &[
            "export",
            "wb.json",
            "--format",
            "docx",
            "--with-checks",
            "-o",
            "c.docx",
        ],
        dir.path(),
        None,
    );
    assert!(out.status.success());
    let docx = std::fs::read(dir.path().join("c.docx")).expect("docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").expect("document"),
        &mut xml,
    )
    .expect("utf-8");
    assert!(xml.contains("附录 检查提示"));
}

#[test]
fn pdf_without_libreoffice_says_so_and_exits_2() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let empty = tempfile::tempdir().expect("empty PATH folder");
    let path = empty.path().to_str().expect("utf-8 path");
    let out = jixiao(
        &["export", "wb.json", "--format", "pdf", "-o", "r.pdf"],
        dir.path(),
        Some(path),
    );
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("LibreOffice"), "{message}");
    assert!(!dir.path().join("r.pdf").exists());
}

#[test]
fn pdf_with_libreoffice_is_a_pdf() {
    if libreoffice().is_none() {
        eprintln!("LibreOffice (soffice) is not installed: no PDF to check");
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(&["export", "wb.json", "--format", "pdf"], dir.path(), None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = std::fs::read(dir.path().join("wb.pdf")).expect("wb.pdf");
    assert!(pdf.starts_with(b"%PDF"));
}

#[test]
fn an_extension_of_another_format_is_refused_not_made_a_folder() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    for (format, output) in [("csv", "a.docx"), ("xlsx", "a.md"), ("docx", "a.pdf")] {
        let out = jixiao(
            &["export", "wb.json", "--format", format, "-o", output],
            dir.path(),
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{format} → {output}");
        assert!(!dir.path().join(output).exists(), "{output} was written");
        assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
    }
}

#[cfg(unix)]
#[test]
fn pdf_without_chinese_fonts_refuses_and_names_them() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    // A PATH with a LibreOffice that must not run and a fontconfig that knows no Chinese font.
    let tools = tempfile::tempdir().expect("tools");
    let ran = dir.path().join("soffice-ran");
    for (name, script) in [
        ("soffice", format!("#!/bin/sh\ntouch '{}'\n", ran.display())),
        ("fc-list", "#!/bin/sh\nexit 0\n".to_owned()),
    ] {
        let path = tools.path().join(name);
        std::fs::write(&path, script).expect("script");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    let path = format!("{}:/bin:/usr/bin", tools.path().display());
    let out = jixiao(
        &["export", "wb.json", "--format", "pdf", "-o", "r.pdf"],
        dir.path(),
        Some(&path),
    );
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(
        message.contains("中文字体") && message.contains("仿宋_GB2312"),
        "{message}"
    );
    assert!(!dir.path().join("r.pdf").exists());
    assert!(!ran.exists(), "LibreOffice is not started");
}

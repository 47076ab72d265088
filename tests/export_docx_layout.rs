//! The Word report laid out for filing, checked as a person would see it:
//! a workbook with 7-digit amounts and a 10-column workload appendix long
//! enough to span pages goes through `LibreOffice` to PDF, and
//! `pdftotext -layout` finds every amount whole on one line and the header
//! row of every table on every page the table spans. Also what the report
//! must print as typed: the bureau's 评分标准 verbatim, the report date and
//! each leaf's analysis.

use std::path::Path;
use std::process::Command;

use jixiao::core::sample::SAMPLE_JSON;
use jixiao::export::pdf::{convert, libreoffice};
use serde_json::{Value, json};

/// The sample with 7-digit amounts, finals, an analysis per leaf, a report
/// date, and 40 workload items with all ten columns filled in.
fn big_workbook() -> Value {
    let mut doc: Value = serde_json::from_str(SAMPLE_JSON).expect("sample json");
    doc["unit"]["name"] = json!("遂溪县卫生健康局");
    doc["unit"]["report_date"] = json!("2025年3月18日");
    let budget = doc["budget"].as_object_mut().expect("budget");
    for (key, value) in [
        ("income_budget_total", "1234567.89"),
        ("income_budget_general", "1198765.43"),
        ("income_budget_gov_fund", "35802.46"),
        ("expenditure_budget_total", "1234567.89"),
        ("budget_basic", "2345678.90"),
        ("budget_personnel", "1987654.32"),
        ("budget_operating", "358024.58"),
        ("budget_project", "1111111.11"),
        ("appropriation_income_budget", "1234567.89"),
        ("appropriation_income_final", "1180360.25"),
        ("issued_budget", "1200000.00"),
        ("actual_expenditure", "1180360.25"),
        ("general_budget_appropriation_final", "1150000.00"),
    ] {
        budget.insert(key.to_owned(), json!(value));
    }
    doc["finals"] = json!({
        "income_final_total": "1180360.25",
        "expenditure_final_total": "1176543.21",
        "final_basic": "1065432.10",
        "final_project": "1111111.11"
    });
    let items: Vec<Value> = (0..40)
        .map(|i| {
            json!({
                "name": format!("专项服务第{}项", i + 1),
                "unit": "人次",
                "value": (1_000_000 + i * 12_345).to_string(),
                "lower_bound": i % 3 == 0,
                "target": "1000000",
                "last_year": (990_000 + i * 1_000).to_string(),
                "parts": [
                    {"name": "城镇", "value": (400_000 + i).to_string(), "lower_bound": false},
                    {"name": "农村", "value": (600_000 + i * 12_344).to_string(), "lower_bound": false}
                ]
            })
        })
        .collect();
    doc["workload"] = json!([{ "name": "基本公共卫生服务", "items": items }]);
    let mut n = 0;
    for top in doc["table"]["indicators"]
        .as_array_mut()
        .expect("indicators")
    {
        leaves(top, &mut n);
    }
    doc
}

/// Gives every leaf an analysis text.
fn leaves(node: &mut Value, n: &mut usize) {
    if let Some(children) = node.get_mut("children").and_then(Value::as_array_mut)
        && !children.is_empty()
    {
        for child in children {
            leaves(child, n);
        }
        return;
    }
    *n += 1;
    let code = node["code"].as_str().unwrap_or_default().to_owned();
    node["entry"]["analysis"] = json!(format!("{code}分析：本项工作按计划推进第{n}号"));
}

/// Every leaf's (standard, analysis).
fn each_leaf(node: &Value, out: &mut Vec<(String, String)>) {
    match node.get("children").and_then(Value::as_array) {
        Some(children) if !children.is_empty() => {
            for c in children {
                each_leaf(c, out);
            }
        }
        _ => out.push((
            node["standard"].as_str().unwrap_or_default().to_owned(),
            node["entry"]["analysis"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )),
    }
}

fn export_docx(dir: &Path, doc: &Value) -> Vec<u8> {
    std::fs::write(
        dir.join("big.json"),
        serde_json::to_string_pretty(doc).expect("json"),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["export", "big.json", "--format", "docx", "-o", "big.docx"])
        .current_dir(dir)
        .output()
        .expect("run jixiao");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read(dir.join("big.docx")).expect("docx")
}

fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name(name).expect("part"), &mut xml)
        .expect("utf-8");
    xml
}

#[test]
fn the_docx_is_built_for_filing() {
    let dir = tempfile::tempdir().expect("dir");
    let docx = export_docx(dir.path(), &big_workbook());
    let xml = part(&docx, "word/document.xml");
    assert!(xml.contains("<w:tblHeader />"), "header rows repeat");
    assert!(xml.contains("<w:cantSplit />"), "rows never split");
    assert!(
        xml.contains(r#"w:orient="landscape""#),
        "the wide appendix turns"
    );
    assert!(xml.contains(r#"<w:pStyle w:val="Heading1" />"#));
    let styles = part(&docx, "word/styles.xml");
    assert!(
        styles.contains(r#"w:val="heading 1""#),
        "Word's own heading style"
    );
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>遂溪县卫生健康局</dc:creator>"),
        "{core}"
    );
    assert!(core.contains("2025-03-18T00:00:00Z"), "{core}");
    assert!(core.contains("<dc:title>2023年度遂溪县卫生健康局整体支出绩效自评报告</dc:title>"));
    assert!(!core.contains("1970"), "{core}");
    let fonts = part(&docx, "word/fontTable.xml");
    assert!(fonts.contains(r#"<w:altName w:val="仿宋" />"#), "{fonts}");
}

#[test]
fn the_report_prints_the_bureaus_standard_the_date_and_each_analysis() {
    let dir = tempfile::tempdir().expect("dir");
    let doc = big_workbook();
    std::fs::write(
        dir.path().join("big.json"),
        serde_json::to_string_pretty(&doc).expect("json"),
    )
    .expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["export", "big.json", "--format", "md", "-o", "big.md"])
        .current_dir(dir.path())
        .output()
        .expect("run jixiao");
    assert!(out.status.success());
    let md = std::fs::read_to_string(dir.path().join("big.md")).expect("md");
    assert!(
        md.contains("2025年3月18日"),
        "the report date under the signature"
    );
    assert!(!md.contains("年　　月　　日"));
    let mut leaves = Vec::new();
    for top in doc["table"]["indicators"].as_array().expect("indicators") {
        each_leaf(top, &mut leaves);
    }
    for (standard, analysis) in leaves {
        let quoted = standard.trim_end_matches('。');
        assert!(md.contains(quoted), "评分标准 verbatim: {quoted}");
        assert!(md.contains(&analysis), "analysis: {analysis}");
    }
}

/// `pdftotext -layout` of one page, or the whole document with `None`.
fn pdf_text(pdf: &Path, page: Option<usize>) -> String {
    let mut command = Command::new("pdftotext");
    command.arg("-layout");
    if let Some(p) = page {
        command.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = command.arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn has_pdftotext() -> bool {
    Command::new("pdftotext").arg("-v").output().is_ok()
}

#[test]
fn through_libreoffice_every_figure_is_whole_and_every_table_page_has_its_header() {
    let Some(office) = libreoffice() else {
        eprintln!("LibreOffice (soffice) is not installed: the layout was not rendered");
        return;
    };
    if !has_pdftotext() {
        eprintln!("pdftotext (poppler-utils) is not installed: the layout was not read");
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    let doc = big_workbook();
    let docx = export_docx(dir.path(), &doc);
    let pdf = convert(&office, &docx, "pdf").expect("LibreOffice converts the docx");
    let pdf_path = dir.path().join("big.pdf");
    std::fs::write(&pdf_path, &pdf).expect("write pdf");
    let text = pdf_text(&pdf_path, None);
    let document = part(&docx, "word/document.xml");
    // Every amount and every workload figure, as often whole on one line as
    // the document holds it (a wrapped one is cut in two).
    let mut figures: Vec<String> = doc["budget"]
        .as_object()
        .into_iter()
        .chain(doc["finals"].as_object())
        .flat_map(|o| o.values())
        .filter_map(Value::as_str)
        .filter(|v| v.len() >= 7)
        .map(str::to_owned)
        .collect();
    for item in doc["workload"][0]["items"].as_array().expect("items") {
        for key in ["value", "target", "last_year"] {
            figures.push(item[key].as_str().expect("figure").to_owned());
        }
    }
    figures.sort();
    figures.dedup();
    let mut cut = Vec::new();
    for figure in &figures {
        let in_document = document.matches(figure.as_str()).count();
        let whole = text.matches(figure.as_str()).count();
        if whole < in_document {
            cut.push(format!("{figure} ({whole} of {in_document})"));
        }
    }
    assert!(cut.is_empty(), "figures cut across lines: {cut:?}");
    // Each table's header on every page it spans.
    let pages: Vec<String> = (1..=200)
        .map(|p| pdf_text(&pdf_path, Some(p)))
        .take_while(|t| !t.trim().is_empty())
        .map(|t| t.split_whitespace().collect::<String>())
        .collect();
    let page_of = |needle: &str| {
        pages
            .iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("{needle} not found"))
    };
    // (where the table starts, where the next part starts, its header, a
    // word only its rows hold).
    let spans = [
        (
            "（一）自评结果",
            "（二）部门整体支出绩效指标分析",
            "扣分原因",
            "",
        ),
        ("附表1基础数据", "附表2工作量统计", "计算式", ""),
        ("附表2工作量统计", "", "分项合计", "专项服务第"),
    ];
    for (start, end, header, row_word) in spans {
        let first = page_of(start);
        let last = if end.is_empty() {
            pages.len() - 1
        } else {
            page_of(end)
        };
        for (index, page) in pages.iter().enumerate().take(last + 1).skip(first) {
            // The next part may start at the top of the last page.
            let next_part_on_top = !end.is_empty() && index == last && page.find(end) == Some(0);
            let holds_rows = row_word.is_empty() || page.contains(row_word);
            if holds_rows && !next_part_on_top {
                assert!(
                    page.contains(header),
                    "page {} of the table under {start} has no header row",
                    index + 1
                );
            }
        }
    }
    assert!(
        pages.len() - page_of("附表2工作量统计") >= 2,
        "the workload appendix spans pages"
    );
}

//! Bureau scoring tables in distinct layouts (two-row headers, one 分值 column
//! per level, note rows, merged cells, titles, repeated headers, several
//! sheets) and encodings (UTF-8 with BOM and CRLF, GBK, UTF-16), each made
//! here and read back into the same tree, codes, weights and level sums.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::core::model::{Indicator, ScoringTable};
use jixiao::core::sample::SAMPLE_JSON;
use jixiao::interchange::{Imported, TextEncoding, import_path};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

/// The table every layout below describes: three levels, with level-2 leaves.
const OUTLINE: [&str; 14] = [
    "A 决策 20",
    "A1 目标设定 10",
    "A1.1 绩效目标合理性 5",
    "A1.2 绩效指标明确性 5",
    "A2 预算编制科学性 10",
    "B 过程 40",
    "B1 预算执行 25",
    "B1.1 支出完成率 15",
    "B1.2 结转结余率 10",
    "B2 资金使用合规性 15",
    "C 产出与效果 40",
    "C1 履职效能 30",
    "C1.1 重点工作完成情况 30",
    "C2 满意度 10",
];

/// One row per indicator of [`OUTLINE`]: (level 1, level 2, level 3, weight of the deepest).
const LEAF_ROWS: [(&str, &str, &str, u32); 11] = [
    ("决策", "目标设定", "绩效目标合理性", 5),
    ("", "", "绩效指标明确性", 5),
    ("", "预算编制科学性", "", 10),
    ("过程", "预算执行", "支出完成率", 15),
    ("", "", "结转结余率", 10),
    ("", "资金使用合规性", "", 15),
    ("产出与效果", "履职效能", "重点工作完成情况", 30),
    ("", "满意度", "", 10),
    ("", "", "", 0),
    ("", "", "", 0),
    ("", "", "", 0),
];

/// The level-1 and level-2 weights, for layouts with one 分值 column per level.
fn group_weight(name: &str) -> Option<u32> {
    match name {
        "决策" => Some(20),
        "过程" | "产出与效果" => Some(40),
        "目标设定" | "预算编制科学性" | "满意度" => Some(10),
        "预算执行" => Some(25),
        "资金使用合规性" => Some(15),
        "履职效能" => Some(30),
        _ => None,
    }
}

fn rows() -> impl Iterator<Item = (&'static str, &'static str, &'static str, u32)> {
    LEAF_ROWS.into_iter().filter(|r| r.3 > 0)
}

fn outline(table: &ScoringTable) -> Vec<String> {
    table
        .flatten()
        .iter()
        .map(|(_, i)| format!("{} {} {}", i.code, i.name, i.weight))
        .collect()
}

/// Every parent's weight is its children's sum, and the top level adds up to 100.
fn assert_level_sums(table: &ScoringTable) {
    fn check(ind: &Indicator) {
        if ind.children.is_empty() {
            return;
        }
        let sum: Decimal = ind.children.iter().map(|c| c.weight).sum();
        assert_eq!(sum, ind.weight, "{} {}", ind.code, ind.name);
        ind.children.iter().for_each(check);
    }
    let top: Decimal = table.indicators.iter().map(|i| i.weight).sum();
    assert_eq!(top, Decimal::ONE_HUNDRED);
    table.indicators.iter().for_each(check);
}

fn assert_outline(t: &Imported) {
    assert_eq!(outline(&t.table), OUTLINE, "{:?}", t.findings.problems);
    assert_level_sums(&t.table);
    assert!(
        t.findings.weight_errors.is_empty(),
        "{:?}",
        t.findings.weight_errors
    );
    assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
}

fn csv_line(cells: &[&str]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                (*c).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write fixture");
    path
}

/// Layout 1: a title, a two-row header whose upper row alone looks like a flat
/// header (评价指标 … 分值), a total and note rows; UTF-8 with BOM and CRLF.
fn two_row_header_csv() -> String {
    let mut lines = vec![
        csv_line(&["2024年度部门整体支出绩效自评指标评分表", "", "", "", ""]),
        csv_line(&["评价指标", "", "", "分值", "评分标准"]),
        csv_line(&["一级指标", "二级指标", "三级指标", "", ""]),
    ];
    for (l1, l2, l3, w) in rows() {
        lines.push(csv_line(&[l1, l2, l3, &w.to_string(), "综合评定"]));
    }
    lines.push(csv_line(&["合计", "", "", "100", ""]));
    lines.push(csv_line(&["注：1. 本表分值合计100分。", "", "", "", ""]));
    lines.push(csv_line(&["说明：得分保留两位小数", "", "", "", ""]));
    format!("\u{feff}{}\r\n", lines.join("\r\n"))
}

#[test]
fn csv_two_row_header_with_bom_crlf_title_total_and_notes() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "two-rows.csv", two_row_header_csv().as_bytes());
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.table.name, "2024年度部门整体支出绩效自评指标评分表");
    assert_eq!((t.header_row, t.header_last_row), (2, 3));
    assert_eq!(t.encoding, Some(TextEncoding::Utf8Bom));
}

/// Layout 2: one 分值 column per level in one header row, a level-2 leaf
/// written across the 三级 column (as a merged cell is saved), an attachment
/// label and a title above; GBK, as Excel on Chinese Windows saves CSV.
#[test]
fn gbk_csv_with_one_weight_column_per_level() {
    let mut lines = vec![
        csv_line(&["附件2"]),
        csv_line(&["部门整体支出绩效评价指标体系"]),
        csv_line(&[
            "一级指标",
            "分值",
            "二级指标",
            "分值",
            "三级指标",
            "分值",
            "评分标准",
        ]),
    ];
    for (l1, l2, l3, w) in rows() {
        let w1 = group_weight(l1).map(|w| w.to_string()).unwrap_or_default();
        let w2 = group_weight(l2).map(|w| w.to_string()).unwrap_or_default();
        let (l3, w3) = if l3.is_empty() {
            // A level-2 leaf merged across the 三级 columns repeats its name and weight.
            (l2, w2.clone())
        } else {
            (l3, w.to_string())
        };
        lines.push(csv_line(&[l1, &w1, l2, &w2, l3, &w3, "按完成情况评分"]));
    }
    let text = lines.join("\r\n");
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "per-level.csv", &bytes);
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.table.name, "部门整体支出绩效评价指标体系");
    assert_eq!(t.encoding, Some(TextEncoding::Gb18030));
}

/// Layout 3: a two-row header with a 名称 and a 分值 column under each level
/// (the upper cells blank where a merged cell was saved); UTF-16LE with BOM,
/// tab separated, as Excel's "Unicode text" is.
#[test]
fn utf16_tab_text_with_two_row_per_level_weights() {
    let mut lines = vec![
        ["一级指标", "", "二级指标", "", "三级指标", "", "评分标准"].join("\t"),
        ["名称", "分值", "名称", "分值", "名称", "分值", ""].join("\t"),
    ];
    for (l1, l2, l3, w) in rows() {
        let w1 = group_weight(l1).map(|w| w.to_string()).unwrap_or_default();
        let w2 = group_weight(l2).map(|w| w.to_string()).unwrap_or_default();
        let w3 = if l3.is_empty() {
            String::new()
        } else {
            w.to_string()
        };
        lines.push([l1, &w1, l2, &w2, l3, &w3, "综合评定"].join("\t"));
    }
    let mut bytes = vec![0xFF, 0xFE];
    for unit in lines.join("\r\n").encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "unicode.txt", &bytes);
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.encoding, Some(TextEncoding::Utf16Le));
    assert_eq!((t.header_row, t.header_last_row), (1, 2));
}

/// Layout 7: a flat table (codes and 级次), a 填表说明 row under the header and
/// the header repeated (a printed table's second page).
#[test]
fn flat_csv_with_a_note_under_the_header_and_a_repeated_header() {
    let header = ["序号", "指标编码", "指标名称", "级次", "分值", "评分标准"];
    let mut lines = vec![
        csv_line(&header),
        csv_line(&["填表说明：按级次逐行填写", "", "", "", "", ""]),
    ];
    for (n, line) in OUTLINE.iter().enumerate() {
        let mut parts = line.split(' ');
        let (code, name, weight) = (
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let level = match code
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .count()
        {
            0 => "一级",
            1 => "二级",
            _ => "三级",
        };
        if n == 7 {
            lines.push(csv_line(&header));
        }
        lines.push(csv_line(&[
            &(n + 1).to_string(),
            code,
            name,
            level,
            weight,
            "",
        ]));
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = write(dir.path(), "flat.csv", lines.join("\n").as_bytes());
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.encoding, Some(TextEncoding::Utf8));
}

fn level_names(ws: &mut Worksheet, row: u32, first_col: u16, names: [&str; 3]) {
    for (i, name) in names.iter().enumerate() {
        let col = first_col + u16::try_from(i).expect("col");
        ws.write_string(row, col, *name).expect("level name");
    }
}

/// Layout 4: xlsx with a merged title, a two-row header merged as bureaus do
/// (评价指标 across the level columns, 分值 and 评分标准 down both rows), level-1
/// names merged down, level-2 leaves merged across the 三级 column, and a note
/// merged across the whole row.
#[test]
fn xlsx_merged_title_header_levels_and_note() {
    let mut book = Workbook::new();
    let f = Format::new();
    let ws = book.add_worksheet();
    ws.merge_range(0, 0, 0, 4, "2024年度部门整体支出绩效自评指标评分表", &f)
        .expect("title");
    ws.merge_range(1, 0, 1, 2, "评价指标", &f).expect("upper");
    ws.merge_range(1, 3, 2, 3, "分值", &f).expect("weight");
    ws.merge_range(1, 4, 2, 4, "评分标准", &f)
        .expect("standard");
    level_names(ws, 2, 0, ["一级指标", "二级指标", "三级指标"]);
    ws.merge_range(3, 0, 5, 0, "决策", &f).expect("l1");
    ws.merge_range(3, 1, 4, 1, "目标设定", &f).expect("l2");
    ws.write_string(3, 2, "绩效目标合理性").expect("l3");
    ws.write_string(4, 2, "绩效指标明确性").expect("l3");
    ws.merge_range(5, 1, 5, 2, "预算编制科学性", &f)
        .expect("across");
    ws.merge_range(6, 0, 8, 0, "过程", &f).expect("l1");
    ws.merge_range(6, 1, 7, 1, "预算执行", &f).expect("l2");
    ws.write_string(6, 2, "支出完成率").expect("l3");
    ws.write_string(7, 2, "结转结余率").expect("l3");
    ws.merge_range(8, 1, 8, 2, "资金使用合规性", &f)
        .expect("across");
    ws.merge_range(9, 0, 10, 0, "产出与效果", &f).expect("l1");
    ws.write_string(9, 1, "履职效能").expect("l2");
    ws.write_string(9, 2, "重点工作完成情况").expect("l3");
    ws.merge_range(10, 1, 10, 2, "满意度", &f).expect("across");
    for (row, weight) in (3..).zip(rows().map(|r| r.3)) {
        ws.write_number(row, 3, weight).expect("weight");
        ws.write_string(row, 4, "综合评定").expect("standard");
    }
    ws.merge_range(11, 0, 11, 4, "注：本表分值合计100分，由财政局制定。", &f)
        .expect("note");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("merged.xlsx");
    book.save(&path).expect("save");
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.table.name, "2024年度部门整体支出绩效自评指标评分表");
    assert_eq!(t.header_last_row, 3);
    assert_eq!(t.encoding, None);
}

/// Layout 5: xlsx with a 指标解释 column kept as the indicator's definition,
/// the header repeated mid-table and a 合计 row.
#[test]
fn xlsx_repeated_header_total_and_definitions() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let header = [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "评分标准",
        "指标解释",
    ];
    for (col, text) in (0..).zip(header) {
        ws.write_string(0, col, text).expect("header");
    }
    let mut row = 1;
    for (n, (l1, l2, l3, w)) in rows().enumerate() {
        if n == 3 {
            for (col, text) in (0..).zip(header) {
                ws.write_string(row, col, text).expect("repeated");
            }
            row += 1;
        }
        level_names(ws, row, 0, [l1, l2, l3]);
        ws.write_number(row, 3, w).expect("weight");
        ws.write_string(row, 4, "综合评定").expect("standard");
        if l3 == "支出完成率" {
            ws.write_string(row, 5, "支出完成率=实际支出/预算数×100%")
                .expect("definition");
        }
        row += 1;
    }
    ws.write_string(row, 0, "合计").expect("total");
    ws.write_number(row, 3, 100).expect("total");
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("repeated.xlsx");
    book.save(&path).expect("save");
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    let flat = t.table.flatten();
    let rate = flat.iter().find(|(_, i)| i.code == "B1.1").expect("B1.1").1;
    assert_eq!(rate.standard, "综合评定");
    assert_eq!(rate.definition, "支出完成率=实际支出/预算数×100%");
}

fn simple_sheet(ws: &mut Worksheet, scale: u32) {
    level_names(ws, 0, 0, ["一级指标", "二级指标", "三级指标"]);
    ws.write_string(0, 3, "分值").expect("header");
    for (row, (l1, l2, l3, w)) in (1..).zip(rows()) {
        level_names(ws, row, 0, [l1, l2, l3]);
        ws.write_number(row, 3, w * scale).expect("weight");
    }
}

/// Layout 6: several sheets — instructions first, the table second, and a
/// third sheet that also looks like a table, which is named, not read.
#[test]
fn xlsx_several_sheets() {
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("填表说明").expect("name");
    notes
        .write_string(0, 0, "填表说明：请按财政局下发的评分表逐项填写。")
        .expect("note");
    notes
        .write_string(1, 0, "一、分值合计100分。")
        .expect("note");
    simple_sheet(book.add_worksheet().set_name("评分表").expect("name"), 1);
    simple_sheet(
        book.add_worksheet().set_name("上年评分表").expect("name"),
        2,
    );
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("sheets.xlsx");
    book.save(&path).expect("save");
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!(t.sheet.as_deref(), Some("评分表"));
    assert_eq!(t.other_tables, ["上年评分表"]);
    let last_year = import_path(&path, Some("上年评分表")).expect("import");
    let top: Decimal = last_year.table.indicators.iter().map(|i| i.weight).sum();
    assert_eq!(top, Decimal::from(200));
    assert_eq!(
        last_year.findings.weight_errors.len(),
        1,
        "{:?}",
        last_year.findings.weight_errors
    );
}

/// Layout 8: xlsx two-row header with a 名称 and a 分值 column under each
/// merged level heading; level-1 and level-2 names and weights merged down.
#[test]
fn xlsx_two_row_header_with_per_level_weights_merged() {
    let mut book = Workbook::new();
    let f = Format::new();
    let ws = book.add_worksheet();
    for (i, level) in ["一级指标", "二级指标", "三级指标"].iter().enumerate() {
        let col = u16::try_from(i * 2).expect("col");
        ws.merge_range(0, col, 0, col + 1, level, &f)
            .expect("level");
        ws.write_string(1, col, "名称").expect("name");
        ws.write_string(1, col + 1, "分值").expect("weight");
    }
    ws.merge_range(0, 6, 1, 6, "评分标准", &f)
        .expect("standard");
    // (first row, last row, level-1 name) and the same for level 2.
    let l1 = [(2, 4, "决策"), (5, 7, "过程"), (8, 9, "产出与效果")];
    let l2 = [
        (2, 3, "目标设定"),
        (4, 4, "预算编制科学性"),
        (5, 6, "预算执行"),
        (7, 7, "资金使用合规性"),
        (8, 8, "履职效能"),
        (9, 9, "满意度"),
    ];
    for (col, spans) in [(0_u16, &l1[..]), (2, &l2[..])] {
        for &(first, last, name) in spans {
            let weight = f64::from(group_weight(name).expect("group weight"));
            if first == last {
                ws.write_string(first, col, name).expect("name");
                ws.write_number(first, col + 1, weight).expect("weight");
            } else {
                ws.merge_range(first, col, last, col, name, &f)
                    .expect("name");
                ws.merge_range(first, col + 1, last, col + 1, "", &f)
                    .expect("weight");
                ws.write_number(first, col + 1, weight).expect("weight");
            }
        }
    }
    for (row, (_, _, l3, w)) in (2..).zip(rows()) {
        if !l3.is_empty() {
            ws.write_string(row, 4, l3).expect("l3");
            ws.write_number(row, 5, w).expect("w3");
        }
        ws.write_string(row, 6, "综合评定").expect("standard");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("per-level.xlsx");
    book.save(&path).expect("save");
    let t = import_path(&path, None).expect("import");
    assert_outline(&t);
    assert_eq!((t.header_row, t.header_last_row), (1, 2));
}

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run jixiao")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn the_import_report_names_the_encoding_and_the_two_header_rows() {
    let dir = tempfile::tempdir().expect("dir");
    let text = two_row_header_csv().replace('\u{feff}', "");
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    write(dir.path(), "gbk.csv", &bytes);
    let out = jixiao(&["table", "import", "gbk.csv", "-o", "t.json"], dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("编码 GBK/GB18030"), "{err}");
    assert!(err.contains("表头在第 2–3 行"), "{err}");
    assert!(
        err.contains("一级指标 3 个，末级指标 8 个，一级分值合计 100"),
        "{err}"
    );
}

/// The issue's case: a bureau table applied over the sample workbook would drop
/// the officer's scores and reasons; refused unless forced, and named.
#[test]
fn apply_refuses_to_drop_entries_or_replace_an_unrelated_table_unless_forced() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    write(dir.path(), "t.csv", two_row_header_csv().as_bytes());
    let out = jixiao(&["table", "import", "t.csv", "-o", "t.json"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jixiao(&["table", "apply", "wb.json", "t.json"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("带有已填内容，新评分表中没有对应指标"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert!(err.contains("未写入"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wb.json")).expect("read"),
        SAMPLE_JSON
    );
    assert!(!dir.path().join("wb.json.bak").exists());
    // A dry run shows the same refusal and succeeds, writing nothing.
    let out = jixiao(
        &["table", "apply", "wb.json", "t.json", "--dry-run"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    let out = jixiao(
        &["table", "apply", "wb.json", "t.json", "--force"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("wb.json.bak").exists());
    // A table with nothing in common with the workbook's is refused as such.
    let unrelated = r#"{"format": "jixiao-table", "version": 1, "table": {"name": "x", "indicators": [
        {"code": "Z", "name": "另一张表", "weight": "100", "standard": "", "rule": {"kind": "manual"}}]}}"#;
    write(dir.path(), "z.json", unrelated.as_bytes());
    let out = jixiao(
        &["table", "apply", "wb.json", "z.json", "--lang", "en"],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no indicator of the new table matches"),
        "{err}"
    );
}

//! `jixiao project import` on forms built here with `rust_xlsxwriter`, in both
//! layouts: the national 项目支出绩效自评表 (财预〔2020〕10号 附件1, as an Anhui
//! county filled it for 2022: merged labels, merged 一级指标, empties as — / *,
//! a note row) and Sichuan's system export (报表编号 `510000_0013zp`: the code
//! before the name, 指标性质 and 度量单位 columns, two projects in one sheet);
//! the national form also as CSV in GBK with the merged cells left blank.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use serde_json::Value;

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .output()
        .expect("the jixiao binary runs")
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A fresh workbook to import into.
fn workbook(dir: &Path) -> PathBuf {
    let path = dir.join("unit-2022.json");
    let out = jixiao(&[
        "new",
        s(&path),
        "--unit",
        "某县交通运输局",
        "--year",
        "2022",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    path
}

fn check(path: &Path) -> Value {
    let out = jixiao(&["check", s(path), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Writes a row of texts from column 0.
fn row(ws: &mut Worksheet, r: u32, cells: &[&str]) {
    for (c, v) in cells.iter().enumerate() {
        if !v.is_empty() {
            ws.write_string(r, u16::try_from(c).expect("col"), *v)
                .expect("write");
        }
    }
}

fn merge(ws: &mut Worksheet, r0: u32, c0: u16, r1: u32, c1: u16, v: &str) {
    ws.merge_range(r0, c0, r1, c1, v, &Format::new())
        .expect("merge");
}

/// The national form as an Anhui county filled it (figures made up).
#[allow(clippy::too_many_lines)] // the form written out row by row, as printed
fn national_sheet(ws: &mut Worksheet) {
    merge(ws, 0, 0, 0, 8, "项目支出绩效自评表");
    merge(ws, 1, 0, 1, 8, "（2022年度）");
    row(ws, 2, &["项目名称"]);
    merge(ws, 2, 1, 2, 8, "农村公路养护");
    row(ws, 3, &["主管部门"]);
    merge(ws, 3, 1, 3, 4, "某县交通运输局");
    row(ws, 3, &["", "", "", "", "", "实施单位"]);
    merge(ws, 3, 6, 3, 8, "某县公路事务中心");
    merge(ws, 4, 0, 8, 0, "项目资金（万元）");
    row(
        ws,
        4,
        &[
            "",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
        ],
    );
    row(
        ws,
        5,
        &[
            "",
            "年度资金总额",
            "200",
            "200",
            "193",
            "10",
            "96.5%",
            "9.65",
        ],
    );
    row(
        ws,
        6,
        &["", "其中：本年财政拨款", "200", "200", "193", "—", "—", "—"],
    );
    row(ws, 7, &["", "上年结转资金", "—", "—", "—", "—", "—", "—"]);
    row(ws, 8, &["", "其他资金", "*", "*", "*", "*", "*", "*"]);
    merge(ws, 9, 0, 10, 0, "年度总体目标");
    merge(ws, 9, 1, 9, 4, "预期目标");
    merge(ws, 9, 5, 9, 8, "实际完成情况");
    merge(
        ws,
        10,
        1,
        10,
        4,
        "完成50公里农村公路养护，路面合格率不低于95%。",
    );
    merge(ws, 10, 5, 10, 8, "完成45公里养护，合格率96%。");
    merge(ws, 11, 0, 15, 0, "绩效指标");
    row(
        ws,
        11,
        &[
            "",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
    );
    merge(ws, 12, 1, 13, 1, "产出指标");
    row(
        ws,
        12,
        &[
            "",
            "",
            "数量指标",
            "养护里程",
            "≥50公里",
            "45公里",
            "30",
            "27",
            "资金拨付滞后，下年提前拨付",
        ],
    );
    row(
        ws,
        13,
        &[
            "",
            "",
            "质量指标",
            "路面合格率",
            "≥95%",
            "96%",
            "20",
            "20",
            "—",
        ],
    );
    row(
        ws,
        14,
        &[
            "",
            "效益指标",
            "社会效益指标",
            "通行条件改善",
            "效果明显",
            "效果明显",
            "30",
            "28",
            "*",
        ],
    );
    row(
        ws,
        15,
        &[
            "",
            "满意度指标",
            "服务对象满意度指标",
            "群众满意度",
            "≥90%",
            "93%",
            "10",
            "10",
            "/",
        ],
    );
    merge(ws, 16, 0, 16, 5, "总分");
    row(ws, 16, &["", "", "", "", "", "", "100", "94.65"]);
    merge(ws, 17, 0, 17, 8, "注：偏差原因分析及改进措施须逐项填写。");
}

/// One Sichuan form from `top`; returns the next free row.
#[allow(clippy::too_many_lines)] // the form written out row by row, as printed
fn sichuan_form(ws: &mut Worksheet, top: u32, printed_name: &str, lead: &str) -> u32 {
    merge(ws, top, 0, top, 10, "部门预算项目支出绩效自评表");
    row(ws, top + 1, &["报表编号：510000_0013zp"]);
    row(ws, top + 2, &["项目名称"]);
    merge(ws, top + 2, 1, top + 2, 10, printed_name);
    row(
        ws,
        top + 3,
        &[
            "主管部门",
            "四川省某厅",
            "",
            "",
            "",
            "",
            "实施单位（盖章）",
            "某服务中心",
        ],
    );
    merge(ws, top + 4, 0, top + 5, 0, "项目基本情况");
    row(
        ws,
        top + 4,
        &["", "项目年度目标", "", "", "", "", "年度目标完成情况"],
    );
    row(
        ws,
        top + 5,
        &[
            "",
            "保障120名职工工资按时发放",
            "",
            "",
            "",
            "",
            "118人按时发放",
        ],
    );
    merge(ws, top + 6, 0, top + 11, 0, "预算执行情况（10分）");
    row(
        ws,
        top + 6,
        &[
            "",
            "",
            "年初预算",
            "调整后预算数",
            "预算执行数",
            "预算执行率",
            "权重",
            "得分",
            "原因",
        ],
    );
    row(
        ws,
        top + 7,
        &[
            "",
            "总额",
            "100",
            "120",
            "96",
            "80%",
            "10",
            "8",
            "年中追加20万元，年底未支付完",
        ],
    );
    row(ws, top + 8, &["", "其中：财政资金", "100", "120", "96"]);
    row(ws, top + 9, &["", "财政专户管理资金", "*", "*", "*"]);
    row(ws, top + 10, &["", "单位资金", "*", "*", "*"]);
    row(ws, top + 11, &["", "其他资金", "*", "*", "*"]);
    merge(ws, top + 12, 0, top + 16, 0, "绩效指标（90分）");
    row(
        ws,
        top + 12,
        &[
            "",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标性质",
            "指标值",
            "度量单位",
            "完成值",
            "权重",
            "得分",
            "未完成原因分析",
        ],
    );
    row(
        ws,
        top + 13,
        &[
            "",
            "产出指标",
            "数量指标",
            "发放人数",
            "≥",
            "120",
            "人",
            "118",
            "40",
            "39.33",
            "2人年中调离",
        ],
    );
    merge(
        ws,
        top + 14,
        1,
        top + 14,
        10,
        "注：定性指标按达成、部分达成、未达成三档评分",
    );
    row(
        ws,
        top + 15,
        &[
            "",
            "效益指标",
            "社会效益指标",
            "保障正常运转",
            "定性",
            "有效保障",
            "—",
            "有效保障",
            "40",
            "40",
        ],
    );
    row(
        ws,
        top + 16,
        &[
            "",
            "满意度指标",
            "服务对象满意度指标",
            "职工满意度",
            "≥",
            "90",
            "%",
            "95",
            "10",
            "10",
        ],
    );
    row(
        ws,
        top + 17,
        &["合计", "", "", "", "", "", "", "", "100", "97.33"],
    );
    row(ws, top + 18, &["评价结论", "项目完成较好"]);
    row(ws, top + 19, &["存在问题", "年中追加资金未及时支付"]);
    row(ws, top + 20, &["改进措施", "加快支付进度"]);
    row(
        ws,
        top + 21,
        &["项目负责人", lead, "", "", "", "", "财务负责人", "李四"],
    );
    top + 23
}

fn save(book: &mut Workbook, path: &Path) {
    book.save(path).expect("save xlsx");
}

#[test]
fn a_national_form_with_merged_cells_is_imported_and_scored() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = workbook(dir.path());
    let form = dir.path().join("national.xlsx");
    let mut book = Workbook::new();
    national_sheet(book.add_worksheet().set_name("农村公路养护").expect("name"));
    save(&mut book, &form);
    let out = jixiao(&["project", "import", s(&form), "--into", s(&wb)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(text(&out).contains("农村公路养护"), "{}", text(&out));
    assert!(
        wb.with_extension("json.bak").exists() || dir.path().join("unit-2022.json.bak").exists()
    );
    let doc = check(&wb);
    let p = &doc["projects"][0];
    assert_eq!(p["name"], "农村公路养护");
    assert_eq!(p["code"], Value::Null);
    assert_eq!(p["layout"], "national");
    assert_eq!(p["supervising_dept"], "某县交通运输局");
    assert_eq!(p["implementing_unit"], "某县公路事务中心");
    assert_eq!(p["execution_rate"], "96.50");
    assert_eq!(p["execution_score"], "9.65");
    assert_eq!(p["total"], "94.65");
    assert_eq!(p["grade"]["text_zh"], "优");
    let inds = p["indicators"].as_array().expect("indicators");
    // The note row under the total is not an indicator.
    assert_eq!(inds.len(), 4, "{inds:#?}");
    assert_eq!(
        inds[1]["level1"], "产出指标",
        "merged 一级指标 reaches the second row"
    );
    assert_eq!(inds[0]["target"], "≥50公里");
    assert_eq!(inds[0]["score"], "27.00");
    assert_eq!(inds[0]["officer_score"], "27");
    assert_eq!(inds[2]["score"], "28.00");
    assert_eq!(inds[3]["reason"], "", "/ means empty");
    // No printed figure differs from the computed one.
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .expect("w")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(!codes.iter().any(|c| c.ends_with("_differs")), "{codes:?}");
    assert!(!codes.contains(&"funds_do_not_add"), "{codes:?}");
}

#[test]
fn two_sichuan_forms_in_one_sheet_are_two_projects_with_their_codes() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = workbook(dir.path());
    let form = dir.path().join("sichuan.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let next = sichuan_form(ws, 0, "51000021R000000019951-工资性支出", "张三");
    sichuan_form(ws, next, "51000021R000000020001-职工培训", "王五");
    save(&mut book, &form);
    let out = jixiao(&["project", "import", s(&form), "--into", s(&wb)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let doc = check(&wb);
    let projects = doc["projects"].as_array().expect("projects");
    assert_eq!(projects.len(), 2);
    let p = &projects[0];
    assert_eq!(p["name"], "工资性支出");
    assert_eq!(p["code"], "51000021R000000019951");
    assert_eq!(p["layout"], "sichuan");
    assert_eq!(projects[1]["name"], "职工培训");
    assert_eq!(
        p["execution_rate"], "80.00",
        "on the adjusted budget: 96 / 120"
    );
    assert_eq!(p["execution_score"], "8.00");
    let inds = p["indicators"].as_array().expect("indicators");
    assert_eq!(inds.len(), 3, "the note row is not an indicator: {inds:#?}");
    assert_eq!(inds[0]["direction"], "≥");
    assert_eq!(inds[0]["unit"], "人");
    assert_eq!(inds[0]["score"], "39.33");
    assert_eq!(inds[1]["direction"], "定性");
    assert_eq!(inds[2]["score"], "10.00");
    assert_eq!(p["total"], "97.33");
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .expect("w")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"score_rate_outruns_execution"), "{codes:?}");
    assert!(
        !codes.contains(&"execution_reason_missing"),
        "the 原因 was read: {codes:?}"
    );
    // Signatures and the conclusion travel with each project.
    let saved: Value = serde_json::from_slice(&std::fs::read(&wb).expect("read")).expect("json");
    assert_eq!(saved["projects"][0]["project_lead"], "张三");
    assert_eq!(saved["projects"][1]["project_lead"], "王五");
    assert_eq!(saved["projects"][0]["finance_lead"], "李四");
    assert_eq!(saved["projects"][0]["conclusion"], "项目完成较好");
    assert_eq!(saved["projects"][0]["goal"], "保障120名职工工资按时发放");
    assert_eq!(
        saved["projects"][0]["execution_reason"],
        "年中追加20万元，年底未支付完"
    );
}

/// The national form as a CSV saved by Excel on Chinese Windows: GBK, merged cells blank.
fn national_csv() -> String {
    [
        "项目支出绩效自评表,,,,,,,,",
        "（2022年度）,,,,,,,,",
        "项目名称,乡村道路安全设施,,,,,,,",
        "主管部门,某县交通运输局,,,,实施单位,某县公路事务中心,,",
        "项目资金（万元）,,年初预算数,全年预算数,全年执行数,分值,执行率,得分,",
        ",年度资金总额,50,60,45,10,75%,7.5,",
        ",其中：本年财政拨款,50,50,40,—,—,—,",
        ",上年结转资金,—,10,5,—,—,—,",
        ",其他资金,*,*,*,*,*,*,",
        "年度总体目标,预期目标,,,,实际完成情况,,,",
        ",安装护栏10公里,,,,安装8公里,,,",
        "绩效指标,一级指标,二级指标,三级指标,年度指标值,实际完成值,分值,得分,偏差原因分析及改进措施",
        ",产出指标,数量指标,护栏长度,≥10公里,8公里,40,32,材料到货延迟",
        ",,成本指标,每公里成本,≤5万元,5.5万元,10,9.09,钢材涨价",
        ",效益指标,社会效益指标,事故下降率,≥10%,12%,30,30,",
        ",满意度指标,服务对象满意度指标,群众满意度,≥90%,*,10,,",
        "总分,,,,,,100,78.59,",
    ]
    .join("\r\n")
}

#[test]
fn a_gbk_csv_is_read_and_what_cannot_be_read_is_listed() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = workbook(dir.path());
    let form = dir.path().join("form.csv");
    let csv = national_csv();
    let (bytes, _, _) = encoding_rs::GBK.encode(&csv);
    std::fs::write(&form, &bytes).expect("write");
    let out = jixiao(&["project", "import", s(&form), "--into", s(&wb)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let doc = check(&wb);
    let p = &doc["projects"][0];
    assert_eq!(p["name"], "乡村道路安全设施");
    assert_eq!(p["execution_rate"], "75.00");
    assert_eq!(p["execution_score"], "7.50");
    let inds = p["indicators"].as_array().expect("indicators");
    assert_eq!(inds.len(), 4);
    assert_eq!(
        inds[1]["level1"], "产出指标",
        "a blank 一级 below a merged one carries down"
    );
    assert_eq!(inds[1]["direction"], "≤");
    // 5 / 5.5 × 10 = 9.09.
    assert_eq!(inds[1]["score"], "9.09");
    // The satisfaction survey has no actual (*) and no score: not guessed.
    assert_eq!(inds[3]["score"], Value::Null);
    assert_eq!(inds[3]["score_source"], "unscored");
    // 7.5 + 32 + 9.09 + 30 + 0 = 78.59, under the cap of 89 for 70–80 %.
    assert_eq!(p["total"], "78.59");
    let codes: Vec<&str> = p["warnings"]
        .as_array()
        .expect("w")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"unscored"), "{codes:?}");
    assert!(codes.contains(&"execution_reason_missing"), "{codes:?}");
}

#[test]
fn dry_run_prints_what_would_be_added_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = workbook(dir.path());
    let before = std::fs::read(&wb).expect("read");
    let form = dir.path().join("form.csv");
    std::fs::write(&form, national_csv()).expect("write");
    let out = jixiao(&["project", "import", s(&form), "--into", s(&wb), "--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let said = text(&out);
    assert!(said.contains("添加 项目“乡村道路安全设施”"), "{said}");
    assert!(said.contains("试运行：未写入"), "{said}");
    assert_eq!(std::fs::read(&wb).expect("read"), before);
    assert!(!dir.path().join("unit-2022.json.bak").exists());
}

#[test]
fn a_file_that_is_no_form_exits_2_naming_file_and_row() {
    let dir = tempfile::tempdir().expect("tmp");
    let wb = workbook(dir.path());
    let before = std::fs::read(&wb).expect("read");
    let none = dir.path().join("list.csv");
    std::fs::write(&none, "序号,名称\n1,甲\n").expect("write");
    let out = jixiao(&["project", "import", s(&none), "--into", s(&wb)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("list.csv"), "{}", text(&out));
    // A 项目名称 without a grid names its row.
    let half = dir.path().join("half.csv");
    std::fs::write(
        &half,
        "项目支出绩效自评表\n项目名称,某项目\n主管部门,某局\n",
    )
    .expect("write");
    let out = jixiao(&["project", "import", s(&half), "--into", s(&wb)]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let said = text(&out);
    assert!(
        said.contains("half.csv") && said.contains("第 1 行"),
        "{said}"
    );
    assert_eq!(std::fs::read(&wb).expect("read"), before, "nothing written");
}

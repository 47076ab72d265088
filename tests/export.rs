//! The report against the seed, the CSV tables, and the xlsx with its live
//! formulas (recomputed by `LibreOffice` where it is installed).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader, open_workbook_auto};
use jixiao::core::Lang;
use jixiao::core::engine::derive;
use jixiao::core::model::{FieldId, NotApplicableMode, RuleKind, Workbook, WorkloadItem};
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use jixiao::export::markdown::{report, report_with};
use jixiao::export::report::ReportOptions;
use jixiao::export::xlsx::{XlsxOptions, sheet_names, to_bytes};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

#[path = "support/office.rs"]
mod office;
use office::{find_office, read_csv};

fn jixiao(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run jixiao")
}

// ---------------------------------------------------------------- the report

#[path = "support/seed_figures.rs"]
mod seed_figures;
use seed_figures::{documented_exception, figures, seed_sections_one_to_three};

#[test]
fn the_report_carries_every_figure_of_the_seed_sections_one_to_three() {
    let seed = seed_sections_one_to_three();
    let wb = sample_workbook();
    let ours = report(&wb, &derive(&wb), Lang::Zh);
    let ours_figures = figures(&ours);
    let bare: Vec<Decimal> = ours_figures.iter().map(|(v, _)| *v).collect();
    let mut missing = Vec::new();
    let seed_figures = figures(&seed);
    assert!(seed_figures.len() > 120, "{}", seed_figures.len());
    for (value, unit) in &seed_figures {
        let found = if unit.is_empty() {
            bare.contains(value)
        } else {
            ours_figures.iter().any(|(v, u)| v == value && u == unit)
        };
        if !found && !documented_exception(*value, unit) {
            missing.push(format!("{value}{unit}"));
        }
    }
    assert!(
        missing.is_empty(),
        "figures of the seed not in the report: {missing:?}"
    );
    // The seed's arithmetic, as it writes it.
    for sentence in [
        "财政拨款收入预决算差异率=（588.55万元-731.80万元）/731.80万元*100%=19.58%",
        "年度实际支出588.55万元，财政下达预算数588.55万元，支出完成率=588.55/588.55*100%=100.00%",
        "结余结转率=5.86万元/（5.86万元+512.01万元+0.00万元）*100%=1.13%（小于10%）",
        "2023年收入预算588.55万元，其中：一般公共预算财政拨款580.06万元，政府性基金预算财政拨款4.95万元，其他收入3.54万元。",
        "1.基本支出预算534.72万元，其中：人员经费支出515.96万元，公用经费支出18.76万元；2.项目支出预算53.83万元。",
        "自评得分94分（满分100分），自评等级为优。",
        "政府采购执行率为100%",
        "固定资产利用率为100%",
        "起草各类文字材料312余篇",
    ] {
        assert!(ours.contains(sentence), "missing: {sentence}");
    }
    // Free text is carried as typed.
    assert!(ours.contains(wb.narrative.problems.as_str()));
    assert!(ours.contains("（3）提高财务人员的业务水平能力"));
}

#[test]
fn the_report_structure_follows_the_seed() {
    let wb = sample_workbook();
    let with_checks = ReportOptions { with_checks: true };
    let ours = report_with(&wb, &derive(&wb), Lang::Zh, with_checks);
    let order = [
        "## 一、单位基本情况",
        "### （一）单位机构设置、部门职能情况",
        "**1、单位机构设置**",
        "**2、部门职能**",
        "**3、人员情况**",
        "### （二）年度总体工作和重点工作任务",
        "### （三）部门整体支出绩效目标",
        "### （四）部门整体支出情况",
        "## 二、自评工作开展情况",
        "### （一）评价小组情况",
        "### （二）自评工作过程",
        "### （三）自评材料报送时间及质量",
        "### （四）自评材料报送及公开一致情况",
        "## 三、绩效自评情况",
        "### （一）自评结果",
        "| 编码 | 指标 | 分值 | 得分 | 扣分原因 |",
        "### （二）部门整体支出绩效指标分析",
        "#### 1.预算编制（分值25分，得分20分）",
        "一是办文办会",
        "### （三）部门整体支出绩效管理存在问题",
        "### （四）改进措施",
        "## 四、其他自评情况",
        "## 附表1 基础数据",
        "## 附表2 工作量统计",
        "## 附录 检查提示",
    ];
    let mut at = 0;
    for heading in order {
        let found = ours[at..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        at += found + heading.len();
    }
    // Every warning of the engine is in the appendix.
    let d = derive(&wb);
    for w in &d.warnings {
        assert!(ours.contains(&w.message.zh), "{}", w.message.zh);
    }
    // Chinese text uses full-width punctuation in what jixiao writes itself.
    assert!(!ours.contains("(588.55"));
    assert!(ours.contains("| A3.1 | 　　财政拨款收入预决算差异率 | 5 | 0 | 财政拨款收入预决算差异率19.58%，超过5%，扣完为止。 |"));
}

#[test]
fn english_report_through_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(
        &[
            "export",
            "wb.json",
            "--format",
            "md",
            "--lang",
            "en",
            "--with-checks",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("# Self-evaluation of overall expenditure performance"));
    assert!(text.contains("## 3. Results of the self-evaluation"));
    assert!(text.contains(
        "Against the scoring table the self-assessed score is 94 out of 100; grade: Excellent."
    ));
    assert!(text.contains("[high] "));
    let out = jixiao(
        &["export", "wb.json", "--format", "md", "-o", "report.md"],
        dir.path(),
    );
    assert!(out.status.success());
    let written = std::fs::read_to_string(dir.path().join("report.md")).expect("report");
    assert!(written.starts_with("# 2023年度中共湛江市霞山区委办公室整体支出绩效自评报告"));
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_tables_into_a_folder_or_one_chosen_table() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(&["export", "wb.json", "--format", "csv"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in ["basic-data.csv", "scores.csv", "workload.csv", "checks.csv"] {
        let bytes = std::fs::read(dir.path().join("wb-tables").join(name)).expect(name);
        assert!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            "{name} starts with a BOM"
        );
    }
    let out = jixiao(
        &["export", "wb.json", "--format", "csv", "--table", "scores"],
        dir.path(),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.starts_with("\u{feff}编码,层级,指标,分值,得分,扣分,评分标准,计分规则,计算过程,扣分原因,自评得分,复核得分,复核意见"));
    assert!(text.contains("\nD3,2,效果性,5,4,1,"));
    let out = jixiao(
        &[
            "export", "wb.json", "--format", "csv", "--table", "basic", "-o", "b.csv",
        ],
        dir.path(),
    );
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.path().join("b.csv")).expect("b.csv");
    assert!(text.contains("\nappropriation_income_budget,财政拨款收入预算数,731.80,万元,\n"));
}

#[test]
fn exports_refuse_bad_inputs_and_overwriting_the_workbook() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(&["export", "missing.json", "--format", "md"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let out = jixiao(
        &["export", "wb.json", "--format", "md", "-o", "wb.json"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wb.json")).expect("read"),
        SAMPLE_JSON
    );
}

// ---------------------------------------------------------------- xlsx

/// Every formula cell of every sheet with its cached value: (sheet, row, col) → (formula, value).
fn formula_cells(path: &Path) -> HashMap<(String, u32, u32), (String, Data)> {
    let mut book = open_workbook_auto(path).expect("open xlsx");
    let mut out = HashMap::new();
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        let values = book.worksheet_range(&sheet).expect("values");
        let (r0, c0) = formulas.start().unwrap_or((0, 0));
        for (r, c, f) in formulas.used_cells() {
            let pos = (
                r0 + u32::try_from(r).expect("row"),
                c0 + u32::try_from(c).expect("col"),
            );
            let value = values.get_value(pos).cloned().unwrap_or(Data::Empty);
            out.insert((sheet.clone(), pos.0, pos.1), (f.clone(), value));
        }
    }
    out
}

fn write_xlsx(dir: &Path, name: &str, wb: &Workbook, cached: bool) -> PathBuf {
    let path = dir.join(name);
    let bytes = to_bytes(
        wb,
        &derive(wb),
        Lang::Zh,
        XlsxOptions {
            cached_results: cached,
            with_checks: true,
        },
    )
    .expect("xlsx");
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn xlsx_has_the_sheets_and_live_formulas_with_jixiao_values() {
    let dir = tempfile::tempdir().expect("dir");
    let path = write_xlsx(dir.path(), "s.xlsx", &sample_workbook(), true);
    let book = open_workbook_auto(&path).expect("open");
    assert_eq!(
        book.sheet_names(),
        sheet_names(Lang::Zh).map(str::to_owned).to_vec()
    );
    let cells = formula_cells(&path);
    let basic = "基础数据表".to_owned();
    let variance = cells
        .values()
        .find(|(f, _)| f.contains("ABS("))
        .expect("variance formula");
    assert!(
        variance
            .0
            .contains("ROUND(ROUND(ABS((C15-C14)/C14)*100,10),2)"),
        "{}",
        variance.0
    );
    assert_eq!(variance.1, Data::Float(19.58));
    // Inputs sit where the formula reads them.
    let mut book = open_workbook_auto(&path).expect("open");
    let values = book.worksheet_range(&basic).expect("range");
    assert_eq!(values.get_value((13, 2)), Some(&Data::Float(731.8)));
    assert_eq!(values.get_value((14, 2)), Some(&Data::Float(588.55)));
    let scores = "指标评分表".to_owned();
    let total = cells
        .iter()
        .find(|((s, _, c), (f, _))| *s == scores && *c == 4 && f.starts_with("SUM(E2,"))
        .expect("total formula");
    assert_eq!(total.1.1, Data::Float(94.0));
    let grade = cells
        .iter()
        .find(|((s, _, _), (f, _))| *s == scores && f.contains(">=90,\"优\""))
        .expect("grade formula");
    assert_eq!(grade.1.1, Data::String("优".into()));
    let meetings = cells
        .iter()
        .find(|((s, _, c), _)| s == "工作量统计" && *c == 5)
        .expect("parts sum");
    assert!(meetings.1.0.starts_with("SUM(C"), "{}", meetings.1.0);
    assert_eq!(meetings.1.1, Data::Float(202.0));
    // Through the command line, into the default file name.
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let out = jixiao(&["export", "wb.json", "--format", "xlsx"], dir.path());
    assert!(out.status.success());
    assert!(dir.path().join("wb.xlsx").exists());
}

/// The sample changed so that every formula shape has work to do.
fn busy_workbook() -> Workbook {
    let mut wb = sample_workbook();
    let set = |wb: &mut Workbook, f: FieldId, v: Decimal| assert!(f.set(wb, Some(v)));
    set(&mut wb, FieldId::ProcurementBudget, dec!(40));
    set(&mut wb, FieldId::ProcurementActual, dec!(38.5));
    set(&mut wb, FieldId::FixedAssetsTotal, dec!(300));
    set(&mut wb, FieldId::FixedAssetsInUse, dec!(250));
    set(&mut wb, FieldId::AppropriationIncomeFinal, dec!(700));
    set(&mut wb, FieldId::IssuedBudget, dec!(600));
    set(&mut wb, FieldId::ActualExpenditure, dec!(522.5));
    set(&mut wb, FieldId::ClosingAppropriationCarryover, dec!(60));
    set(&mut wb, FieldId::ThreePublicPrevFinal, dec!(10));
    set(&mut wb, FieldId::ThreePublicFinal, dec!(9));
    set(&mut wb, FieldId::ThreePublicBudget, dec!(12));
    set(&mut wb, FieldId::OperatingCostBudget, dec!(18.76));
    set(&mut wb, FieldId::OperatingCostActual, dec!(18));
    set(&mut wb, FieldId::InitialBudget, dec!(500));
    set(&mut wb, FieldId::BudgetAdjustment, dec!(-25));
    set(&mut wb, FieldId::PaymentProgressActual, dec!(92));
    set(&mut wb, FieldId::PaymentProgressPlanned, dec!(100));
    set(&mut wb, FieldId::CarryoverPrev, dec!(8));
    set(&mut wb, FieldId::CarryoverCurr, dec!(5.86));
    set(&mut wb, FieldId::KeyProjectExpenditure, dec!(40));
    set(&mut wb, FieldId::ProjectExpenditureTotal, dec!(53.83));
    set(&mut wb, FieldId::TreasuryCarryoverStockPrev, dec!(10));
    set(&mut wb, FieldId::TreasuryCarryoverStockCurr, dec!(4));
    let item: &mut WorkloadItem = &mut wb.workload[0].items[1];
    item.target = Some(dec!(100));
    item.last_year = Some(dec!(96));
    wb
}

/// Zero denominators, missing inputs and a not-applicable item taken out of the total.
fn sparse_workbook() -> Workbook {
    let mut wb = sample_workbook();
    assert!(FieldId::AppropriationIncomeBudget.set(&mut wb, Some(dec!(0))));
    assert!(FieldId::IssuedBudget.set(&mut wb, None));
    assert!(FieldId::AuthorizedAdmin.set(&mut wb, None));
    for f in [
        FieldId::InServiceAdmin,
        FieldId::InServiceInstitution,
        FieldId::InServiceLogistics,
    ] {
        assert!(f.set(&mut wb, Some(dec!(0))));
    }
    wb.workload[0].items[0].target = Some(dec!(0));
    if let Some(b24) = wb.table.nth_mut(15) {
        assert_eq!(b24.code, "B2.4");
        if let Some(rule) = b24.rule.as_mut() {
            rule.kind = RuleKind::NotApplicable {
                mode: NotApplicableMode::Rescale,
            };
        }
    }
    wb
}

fn agrees(expected: &Data, computed: &str) -> bool {
    match expected {
        Data::Float(f) => computed.parse::<f64>().is_ok_and(|c| (c - f).abs() < 1e-6),
        Data::Int(i) => computed.parse::<i64>().is_ok_and(|c| c == *i),
        Data::String(s) => s == computed,
        Data::Empty => computed.is_empty(),
        _ => false,
    }
}

/// Writes each workbook twice: with jixiao's values cached, and with no cached
/// values at all; `LibreOffice` recalculates the second, and every formula cell
/// must come out as jixiao computed it.
#[test]
fn libreoffice_recomputes_every_formula_to_jixiao_values() {
    let Some(office) = find_office() else {
        println!("skipped: LibreOffice (soffice/libreoffice) is not installed");
        return;
    };
    let dir = tempfile::tempdir().expect("dir");
    let variants = [
        ("sample", sample_workbook()),
        ("busy", busy_workbook()),
        ("sparse", sparse_workbook()),
    ];
    let mut bare = Vec::new();
    let mut expected = Vec::new();
    for (name, wb) in &variants {
        expected.push(formula_cells(&write_xlsx(
            dir.path(),
            &format!("{name}-cached.xlsx"),
            wb,
            true,
        )));
        bare.push(write_xlsx(dir.path(), &format!("{name}.xlsx"), wb, false));
    }
    let out_dir = office::recalc_to_csv(&office, dir.path(), &bare);
    // The changed workbook scores five leaves from live ratios (threshold, step,
    // proportional, bands), so their score cells are formulas too.
    let live_scores = expected[1]
        .iter()
        .filter(|((s, _, c), (f, _))| s == "指标评分表" && *c == 4 && f.contains("ISNUMBER"))
        .count();
    assert_eq!(live_scores, 5);
    let mut checked = 0;
    for ((name, _), cells) in variants.iter().zip(&expected) {
        for sheet in sheet_names(Lang::Zh) {
            let csv = read_csv(&out_dir.join(format!("{name}-{sheet}.csv")));
            for ((s, row, col), (formula, value)) in cells {
                if s != sheet {
                    continue;
                }
                let computed = csv
                    .get(*row as usize)
                    .and_then(|r| r.get(*col as usize))
                    .cloned()
                    .unwrap_or_default();
                assert!(
                    agrees(value, &computed),
                    "{name} {sheet} row {} col {}: ={formula} gave {computed:?}, jixiao says {value:?}",
                    row + 1,
                    col + 1
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} formula cells checked");
    println!("LibreOffice recomputed {checked} formula cells to jixiao's values");
}

#[test]
fn a_nearly_empty_workbook_exports_without_trouble() {
    let text = r#"{"format": "jixiao-workbook", "version": 1,
        "unit": {"name": "新单位", "fiscal_year": 2024},
        "table": {"name": "空表", "indicators": []}}"#;
    let wb = jixiao::core::format::load(text).expect("load").workbook;
    let d = derive(&wb);
    let md = report(&wb, &d, Lang::Zh);
    assert!(md.contains("# 2024年度新单位整体支出绩效自评报告"));
    assert!(md.contains("（未填写）"));
    for table in jixiao::export::csv::CsvTable::ALL {
        let bytes = jixiao::export::csv::table_bytes(table, &wb, &d, Lang::En);
        assert!(bytes.len() > 3);
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = write_xlsx(dir.path(), "e.xlsx", &wb, true);
    let cells = formula_cells(&path);
    assert!(
        cells
            .values()
            .any(|(f, v)| f == "SUM(0)" && *v == Data::Float(0.0))
    );
}

#[test]
fn export_over_an_existing_file_needs_force() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    std::fs::write(dir.path().join("report.md"), "mine").expect("existing");
    let args = ["export", "wb.json", "--format", "md", "-o", "report.md"];
    let out = jixiao(&args, dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    let kept = std::fs::read_to_string(dir.path().join("report.md")).expect("read");
    assert_eq!(kept, "mine", "not overwritten");
    let out = jixiao(&[&args[..], &["--force"]].concat(), dir.path());
    assert!(out.status.success());
    let written = std::fs::read_to_string(dir.path().join("report.md")).expect("read");
    assert_ne!(written, "mine");
}

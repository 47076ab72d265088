//! Importing bureau scoring tables in several layouts, applying them to a
//! workbook, and the round trip export → import → apply.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jixiao::core::Lang;
use jixiao::core::engine::{MetricId, derive};
use jixiao::core::format::load;
use jixiao::core::model::{
    Band, BandOp, ChecklistMode, Indicator, NotApplicableMode, RuleKind, ScoringTable, Upper,
    Workbook,
};
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use jixiao::interchange::apply::apply_table;
use jixiao::interchange::table_export::{to_csv, to_xlsx};
use jixiao::interchange::{ImportError, Imported, LayoutError, RuleOrigin, import_path};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tables")
        .join(name)
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

fn find<'a>(table: &'a ScoringTable, code: &str) -> &'a Indicator {
    table
        .flatten()
        .into_iter()
        .map(|(_, i)| i)
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no indicator {code}"))
}

fn kind(table: &ScoringTable, code: &str) -> (Option<MetricId>, RuleKind) {
    let rule = find(table, code).rule.clone().expect("leaf has a rule");
    (rule.metric, rule.kind)
}

fn outline(table: &ScoringTable) -> Vec<String> {
    table
        .flatten()
        .iter()
        .map(|(_, i)| format!("{} {} {}", i.code, i.name, i.weight))
        .collect()
}

#[test]
fn level_columns_with_blanks_titles_totals_and_notes() {
    let t = import_path(&fixture("level-columns.csv"), None).expect("import");
    assert_eq!(t.table.name, "2024年度区级部门整体支出绩效自评指标评分表");
    assert!(!t.table.verified);
    assert_eq!(t.header_row, 2);
    assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
    assert_eq!(
        outline(&t.table),
        [
            "A 决策 20",
            "A1 目标设定 10",
            "A1.1 绩效目标合理性 5",
            "A1.2 绩效指标明确性 5",
            "A2 预算编制 10",
            "A2.1 财政拨款收入预决算差异率 10",
            "B 过程 50",
            "B1 预算执行 30",
            "B1.1 支出完成率 10",
            "B1.2 结转结余率 10",
            "B1.3 政府采购执行率 5",
            "B1.4 “三公经费”控制率 5",
            "B2 预算管理 10",
            "B2.1 资金使用合规性 10",
            "B3 资产管理 10",
            "B3.1 固定资产利用率 10",
            "C 产出与效果 30",
            "C1 履职效能 25",
            "C1.1 重点工作完成情况 20",
            "C1.2 资金下达合法性 5",
            "C2 满意度 5",
            "C2.1 社会公众满意度 5",
        ]
    );
    assert_level_columns_rate_rules(&t.table);
    assert_level_columns_other_rules(&t.table);
    assert_level_columns_manual_and_texts(&t);
}

/// level-columns.csv: the rules read onto a ratio.
fn assert_level_columns_rate_rules(table: &ScoringTable) {
    assert!(matches!(kind(table, "A1.1").1, RuleKind::Levels { .. }));
    let RuleKind::Levels { levels } = kind(table, "A1.2").1 else {
        panic!("levels");
    };
    let percents: Vec<Decimal> = levels.iter().map(|l| l.percent.normalize()).collect();
    assert_eq!(percents, [dec!(100), dec!(80), dec!(40), dec!(0)]);
    assert_eq!(
        kind(table, "A2.1"),
        (
            Some(MetricId::AppropriationIncomeVarianceRate),
            RuleKind::Threshold {
                threshold: dec!(5),
                deduct_per_point: dec!(1),
                above_is_bad: true,
                limits: Default::default(),
            }
        )
    );
    assert_eq!(
        kind(table, "B1.1"),
        (
            Some(MetricId::ExpenditureCompletionRate),
            RuleKind::Step {
                full_at: dec!(100),
                step: dec!(5),
                deduct: dec!(2),
                started_step_counts: false
            }
        )
    );
    assert_eq!(kind(table, "B1.2").0, Some(MetricId::CarryoverRate));
    assert_eq!(
        kind(table, "B1.3"),
        (
            Some(MetricId::ProcurementExecutionRate),
            RuleKind::Proportional {
                cap: dec!(100),
                round_to_whole: false,
                full_at: None,
            }
        )
    );
    assert_eq!(
        kind(table, "B1.4").0,
        Some(MetricId::ThreePublicControlRate)
    );
}

/// level-columns.csv: the checklist, the bands and not-applicable.
fn assert_level_columns_other_rules(table: &ScoringTable) {
    let (
        _,
        RuleKind::Checklist {
            items,
            points,
            mode,
        },
    ) = kind(table, "B2.1")
    else {
        panic!("checklist");
    };
    assert_eq!(
        (items.len(), points, mode),
        (5, dec!(2), ChecklistMode::Deduct)
    );
    assert_eq!(
        kind(table, "B3.1"),
        (
            Some(MetricId::FixedAssetUtilizationRate),
            RuleKind::Bands {
                bands: vec![
                    Band {
                        op: BandOp::Ge,
                        bound: dec!(95),
                        points: dec!(10),
                        upper: None,
                    },
                    Band {
                        op: BandOp::Ge,
                        bound: dec!(90),
                        points: dec!(8),
                        upper: Some(Upper {
                            op: BandOp::Lt,
                            bound: dec!(95)
                        }),
                    },
                    Band {
                        op: BandOp::Ge,
                        bound: dec!(80),
                        points: dec!(5),
                        upper: Some(Upper {
                            op: BandOp::Lt,
                            bound: dec!(90)
                        }),
                    },
                    Band {
                        op: BandOp::Lt,
                        bound: dec!(80),
                        points: dec!(0),
                        upper: None,
                    },
                ],
                otherwise: dec!(0)
            }
        )
    );
    assert_eq!(
        kind(table, "C1.2").1,
        RuleKind::NotApplicable {
            mode: NotApplicableMode::FullMarks
        }
    );
}

/// level-columns.csv: what stays manual, and the texts kept as written.
fn assert_level_columns_manual_and_texts(t: &Imported) {
    let table = &t.table;
    // A phrasing it cannot read stays manual, with the wording kept and a reason given.
    assert_eq!(kind(table, "C1.1"), (None, RuleKind::Manual));
    assert_eq!(
        find(table, "C1.1").standard,
        "结合年度重点工作任务的完成数量、质量和时效由评价组综合评定"
    );
    let report = t.rules.iter().find(|r| r.code == "C1.1").expect("report");
    assert_eq!(report.origin, RuleOrigin::Manual);
    assert!(report.note.as_ref().expect("note").zh.contains("未能识别"));
    // A rule shape without a known ratio cannot compute: manual, and said so.
    assert_eq!(kind(table, "C2.1"), (None, RuleKind::Manual));
    // The definition is kept in its own field, the standard as written.
    assert_eq!(
        find(table, "A1.1").standard,
        "目标设定依据充分，符合客观实际。分好、较好、一般、差四档评分。"
    );
    assert_eq!(
        find(table, "A1.1").definition,
        "部门整体绩效目标与部门履职、年度工作计划相关"
    );
}

#[test]
fn codes_with_a_level_column() {
    let t = import_path(&fixture("codes-levels.csv"), None).expect("import");
    assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
    assert_eq!(t.table.name, "codes-levels");
    let flat = t.table.flatten();
    assert_eq!(flat.len(), 16);
    assert_eq!(
        flat.iter()
            .filter(|(d, _)| *d == 0)
            .map(|(_, i)| i.code.as_str())
            .collect::<Vec<_>>(),
        ["1", "2", "3"]
    );
    let table = &t.table;
    assert_eq!(find(table, "2.2.2").weight, dec!(15));
    assert_eq!(
        kind(table, "1.1.1"),
        (
            Some(MetricId::StaffingControlRate),
            RuleKind::Threshold {
                threshold: dec!(100),
                deduct_per_point: dec!(0.5),
                above_is_bad: true,
                limits: Default::default(),
            }
        )
    );
    assert_eq!(
        kind(table, "1.1.2"),
        (
            Some(MetricId::ThreePublicChangeRate),
            RuleKind::Threshold {
                threshold: dec!(0),
                deduct_per_point: dec!(0.5),
                above_is_bad: true,
                limits: Default::default(),
            }
        )
    );
    let (metric, RuleKind::Bands { bands, .. }) = kind(table, "1.1.3") else {
        panic!("bands");
    };
    assert_eq!(metric, Some(MetricId::KeyExpenditureRate));
    assert_eq!(
        bands
            .iter()
            .map(|b| (b.op, b.bound, b.points, b.upper.map(|u| (u.op, u.bound))))
            .collect::<Vec<_>>(),
        [
            (BandOp::Ge, dec!(90), dec!(5), None),
            (BandOp::Ge, dec!(80), dec!(4), Some((BandOp::Lt, dec!(90)))),
            (BandOp::Ge, dec!(70), dec!(3), Some((BandOp::Lt, dec!(80)))),
            (BandOp::Ge, dec!(60), dec!(2), Some((BandOp::Lt, dec!(70)))),
            (BandOp::Lt, dec!(60), dec!(0), None),
        ]
    );
    let (metric, RuleKind::Bands { bands, .. }) = kind(table, "2.1.1") else {
        panic!("bands");
    };
    assert_eq!(metric, Some(MetricId::BudgetAdjustmentRate));
    assert_eq!(
        (bands[0].op, bands[0].bound, bands[0].points),
        (BandOp::Eq, dec!(0), dec!(3))
    );
    assert_eq!(bands.len(), 5);
    assert_codes_levels_later_rules(table);
}

/// codes-levels.csv: the rules of 2.1.2 onwards.
fn assert_codes_levels_later_rules(table: &ScoringTable) {
    assert_eq!(
        kind(table, "2.1.2"),
        (
            Some(MetricId::PaymentProgressRate),
            RuleKind::Step {
                full_at: dec!(100),
                step: dec!(5),
                deduct: dec!(1),
                started_step_counts: false
            }
        )
    );
    assert_eq!(
        kind(table, "2.1.3").0,
        Some(MetricId::OperatingCostControlRate)
    );
    assert_eq!(kind(table, "2.1.4"), (None, RuleKind::Manual));
    assert!(matches!(
        kind(table, "2.2.1").1,
        RuleKind::Checklist {
            mode: ChecklistMode::Award,
            ..
        }
    ));
    assert!(matches!(
        kind(table, "2.2.2").1,
        RuleKind::Checklist {
            mode: ChecklistMode::Deduct,
            ..
        }
    ));
    let RuleKind::Levels { levels } = kind(table, "3.1").1 else {
        panic!("levels");
    };
    assert_eq!(
        levels.iter().map(|l| l.label.as_str()).collect::<Vec<_>>(),
        ["优", "良", "中", "差"]
    );
}

/// A bureau-style xlsx: merged title, a two-row header, level cells merged
/// down the rows they span, weights written into the names.
fn merged_xlsx(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook as Book};
    let mut book = Book::new();
    let ws = book.add_worksheet();
    let f = Format::new();
    ws.merge_range(0, 0, 0, 5, "部门整体支出绩效评价指标体系", &f)
        .expect("title");
    ws.merge_range(1, 0, 1, 2, "评价指标", &f).expect("h");
    ws.merge_range(1, 3, 2, 3, "分值", &f).expect("h");
    ws.merge_range(1, 4, 2, 4, "评分标准", &f).expect("h");
    ws.merge_range(1, 5, 2, 5, "指标说明", &f).expect("h");
    for (col, text) in ["一级指标", "二级指标", "三级指标"].iter().enumerate() {
        ws.write_string(2, u16::try_from(col).expect("col"), *text)
            .expect("h");
    }
    ws.merge_range(3, 0, 5, 0, "预算编制（30分）", &f)
        .expect("l1");
    ws.merge_range(3, 1, 4, 1, "预算编制科学性", &f)
        .expect("l2");
    ws.write_string(3, 2, "预算编制合理性").expect("c");
    ws.write_number(3, 3, 10).expect("c");
    ws.write_string(3, 4, "评价为好、较好、一般、差")
        .expect("c");
    ws.write_string(4, 2, "预算编制准确性").expect("c");
    ws.write_number(4, 3, 10).expect("c");
    ws.write_string(4, 4, "差异率≤5%得满分，每超过1个百分点扣1分")
        .expect("c");
    ws.write_string(4, 5, "收入预决算差异率").expect("c");
    ws.write_string(5, 1, "目标设置").expect("c");
    ws.write_number(5, 3, 10).expect("c");
    ws.write_string(5, 4, "目标明确得10分，目标不明确的酌情扣分")
        .expect("c");
    ws.merge_range(6, 0, 7, 0, "预算执行（70分）", &f)
        .expect("l1");
    ws.merge_range(6, 1, 7, 1, "支出管理", &f).expect("l2");
    ws.write_string(6, 2, "支出完成率").expect("c");
    ws.write_number(6, 3, 40).expect("c");
    ws.write_string(6, 4, "得分=支出完成率×分值").expect("c");
    ws.write_string(7, 2, "结余结转率").expect("c");
    ws.write_number(7, 3, 30).expect("c");
    ws.write_string(7, 4, "≤10%得满分，每超过1个百分点扣1分")
        .expect("c");
    book.save(path).expect("save");
}

#[test]
fn merged_cells_in_xlsx() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("bureau.xlsx");
    merged_xlsx(&path);
    let t = import_path(&path, None).expect("import");
    assert_eq!(t.table.name, "部门整体支出绩效评价指标体系");
    assert_eq!(t.header_row, 3);
    assert!(t.findings.problems.is_empty(), "{:?}", t.findings.problems);
    assert_eq!(
        outline(&t.table),
        [
            "A 预算编制 30",
            "A1 预算编制科学性 20",
            "A1.1 预算编制合理性 10",
            "A1.2 预算编制准确性 10",
            "A2 目标设置 10",
            "B 预算执行 70",
            "B1 支出管理 70",
            "B1.1 支出完成率 40",
            "B1.2 结余结转率 30",
        ]
    );
    let table = &t.table;
    assert!(matches!(kind(table, "A1.1").1, RuleKind::Levels { .. }));
    assert_eq!(
        kind(table, "A1.2").0,
        Some(MetricId::AppropriationIncomeVarianceRate)
    );
    assert_eq!(kind(table, "A2"), (None, RuleKind::Manual));
    assert_eq!(
        find(table, "A2").standard,
        "目标明确得10分，目标不明确的酌情扣分"
    );
    assert!(matches!(
        kind(table, "B1.1"),
        (
            Some(MetricId::ExpenditureCompletionRate),
            RuleKind::Proportional { .. }
        )
    ));
    assert_eq!(kind(table, "B1.2").0, Some(MetricId::CarryoverRate));
}

#[test]
fn weights_that_do_not_add_up_are_refused_with_sums_unless_forced() {
    let dir = tempfile::tempdir().expect("dir");
    let input = fixture("weights-off.csv");
    let args = [
        "table",
        "import",
        input.to_str().expect("path"),
        "-o",
        "t.json",
    ];
    let out = jixiao(&args, dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert!(err.contains("一级指标分值合计 85，应为 100"), "{err}");
    assert!(!dir.path().join("t.json").exists());
    let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
    let out = jixiao(&forced, dir.path());
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("B 预算执行：下级指标分值合计 50，与本级分值 60 不符"),
        "{err}"
    );
    assert!(err.contains("一级指标分值合计 85，应为 100"), "{err}");
    assert!(
        err.contains("第 6 行合计为 100，而一级指标分值之和为 85"),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("t.json")).expect("written");
    let table = jixiao::interchange::table_file::from_json(&text).expect("table file");
    assert_eq!(table.indicators.len(), 2);
    // English messages carry the same sums.
    let out = jixiao(
        &[
            "table",
            "import",
            input.to_str().expect("path"),
            "--lang",
            "en",
        ],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the top-level weights add up to 85, not 100"),
        "{err}"
    );
}

#[test]
fn unrecognised_columns_name_what_was_found_and_expected() {
    let dir = tempfile::tempdir().expect("dir");
    let input = fixture("not-a-table.csv");
    let err = import_path(&input, None).expect_err("not a table");
    assert!(matches!(
        &err,
        ImportError::Layout(LayoutError::UnrecognisedColumns { found, .. })
            if found == &["项目", "预算数", "决算数", "备注"]
    ));
    let out = jixiao(
        &[
            "table",
            "import",
            input.to_str().expect("path"),
            "-o",
            "t.json",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("找到的列：项目、预算数、决算数、备注"),
        "{err}"
    );
    assert!(
        err.contains("应有的列：一级指标、二级指标、三级指标"),
        "{err}"
    );
    assert!(!dir.path().join("t.json").exists());
}

/// Indicator by indicator: code, name, weight, standard and rule.
fn same_tables(a: &ScoringTable, b: &ScoringTable) {
    let strip = |t: &ScoringTable| -> Vec<String> {
        t.flatten()
            .iter()
            .map(|(d, i)| {
                format!(
                    "{d} {} {} {} {} {:?}",
                    i.code, i.name, i.weight, i.standard, i.rule
                )
            })
            .collect()
    };
    assert_eq!(strip(a), strip(b));
}

fn scores(wb: &Workbook) -> Vec<(String, Decimal)> {
    derive(wb)
        .scores
        .indicators
        .iter()
        .map(|r| (r.code.clone(), r.score))
        .collect()
}

#[test]
fn round_trip_through_csv_and_xlsx_keeps_every_score() {
    let dir = tempfile::tempdir().expect("dir");
    let sample = sample_workbook();
    let before = scores(&sample);
    let csv_path = dir.path().join("table.csv");
    std::fs::write(&csv_path, to_csv(&sample.table, Lang::Zh)).expect("csv");
    let xlsx_path = dir.path().join("table.xlsx");
    std::fs::write(&xlsx_path, to_xlsx(&sample.table, Lang::Zh).expect("xlsx")).expect("xlsx");
    let en_path = dir.path().join("table-en.csv");
    std::fs::write(&en_path, to_csv(&sample.table, Lang::En)).expect("csv");
    for path in [&csv_path, &xlsx_path, &en_path] {
        let imported = import_path(path, None).expect("import");
        assert!(
            imported.findings.problems.is_empty(),
            "{:?}",
            imported.findings.problems
        );
        assert!(
            imported
                .rules
                .iter()
                .all(|r| r.origin == RuleOrigin::RuleColumn)
        );
        assert_eq!(imported.table.name, sample.table.name);
        same_tables(&imported.table, &sample.table);
        let mut wb = sample.clone();
        let report = apply_table(&mut wb, imported.table);
        assert!(
            report.new.is_empty() && report.dropped.is_empty(),
            "{report:?}"
        );
        assert_eq!(scores(&wb), before, "{}", path.display());
    }
}

#[test]
fn round_trip_through_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    for ext in ["csv", "xlsx"] {
        let table = format!("t.{ext}");
        let out = jixiao(&["table", "export", "wb.json", "-o", &table], dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
        // A new table file each time: an existing one is replaced only with --replace.
        let file = format!("t-{ext}.json");
        let out = jixiao(&["table", "import", &table, "-o", &file], dir.path());
        assert!(out.status.success(), "{}", stderr(&out));
        let out = jixiao(&["table", "apply", "wb.json", &file], dir.path());
        let err = stderr(&out);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("总分：94 → 94"), "{err}");
        assert!(err.contains("新增：0 个指标"), "{err}");
        assert!(err.contains("删除：0 个原指标"), "{err}");
    }
    let text = std::fs::read_to_string(dir.path().join("wb.json")).expect("workbook");
    let wb = load(&text).expect("still a workbook").workbook;
    assert_eq!(scores(&wb), scores(&sample_workbook()));
    // The imported table is unverified, as the file says.
    assert!(!wb.table.verified);
    assert!(dir.path().join("wb.json.bak").exists());
}

#[test]
fn the_sample_standards_are_recognised_without_the_rule_column() {
    let sample = sample_workbook();
    let csv = String::from_utf8(to_csv(&sample.table, Lang::Zh)).expect("utf-8");
    // Drop the last column (jixiao's rule) so only the wording is left.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for record in reader.records() {
        let record = record.expect("row");
        let cells: Vec<&str> = record.iter().collect();
        let keep = if cells.len() > 1 {
            cells.len() - 1
        } else {
            cells.len()
        };
        writer.write_record(&cells[..keep]).expect("write");
    }
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("wording.csv");
    std::fs::write(&path, writer.into_inner().expect("bytes")).expect("write");
    let imported = import_path(&path, None).expect("import");
    for code in ["A3.1", "B2.1", "B2.2", "B2.3", "B2.4", "B2.5", "B4.1"] {
        assert_eq!(
            find(&imported.table, code).rule,
            find(&sample.table, code).rule,
            "{code}"
        );
    }
    for (code, points) in [("B1", dec!(2)), ("C1", dec!(2.5))] {
        let (
            _,
            RuleKind::Checklist {
                points: p, mode, ..
            },
        ) = kind(&imported.table, code)
        else {
            panic!("{code} checklist");
        };
        assert_eq!((p, mode), (points, ChecklistMode::Deduct));
    }
    // The qualitative standards do not name levels: they stay manual.
    assert_eq!(kind(&imported.table, "A1"), (None, RuleKind::Manual));
}

#[test]
fn apply_never_writes_when_an_input_cannot_be_read() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    std::fs::write(
        dir.path().join("bad.json"),
        "{\"format\": \"jixiao-table\", \"version\": 1,\n oops}",
    )
    .expect("bad");
    let out = jixiao(&["table", "apply", "wb.json", "bad.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.json：第 2 行"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wb.json")).expect("read"),
        SAMPLE_JSON
    );
    assert!(!dir.path().join("wb.json.bak").exists());
    std::fs::write(dir.path().join("broken.json"), "{ not json").expect("broken");
    let out = jixiao(&["table", "apply", "broken.json", "wb.json"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.json")).expect("read"),
        "{ not json"
    );
    assert!(!dir.path().join("broken.json.bak").exists());
}

#[test]
fn apply_reports_new_and_dropped_indicators() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("wb.json"), SAMPLE_JSON).expect("sample");
    let input = fixture("codes-levels.csv");
    let out = jixiao(
        &[
            "table",
            "import",
            input.to_str().expect("path"),
            "-o",
            "t.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jixiao(
        &["table", "apply", "wb.json", "t.json", "--dry-run"],
        dir.path(),
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("新增：15 个指标"), "{err}");
    assert!(err.contains("删除：28 个原指标"), "{err}");
    assert!(
        err.contains("2.1 预算执行 ← B 预算执行（名称相同）"),
        "{err}"
    );
    assert!(err.contains("D3 效果性（已填内容随之删除）"), "{err}");
    assert!(err.contains("试运行：未写入"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("wb.json")).expect("read"),
        SAMPLE_JSON
    );
}

#[test]
fn apply_refuses_when_the_workbook_changed_on_disk_since_it_was_read() {
    use jixiao::cli::table::{ApplyFlags, apply_opened};
    let dir = tempfile::tempdir().expect("dir");
    let wb_path = dir.path().join("wb.json");
    std::fs::write(&wb_path, SAMPLE_JSON).expect("sample");
    let table_path = dir.path().join("t.json");
    let table = sample_workbook().table;
    std::fs::write(
        &table_path,
        jixiao::interchange::table_file::to_json(&table),
    )
    .expect("table");
    let opened = jixiao::store::open(&wb_path).expect("open");
    // A colleague's workbench saves between apply's read and its write.
    let colleague = SAMPLE_JSON.replacen("\"version\": 1", "\"version\": 1 ", 1);
    assert_ne!(colleague, SAMPLE_JSON);
    std::fs::write(&wb_path, &colleague).expect("colleague saves");
    let flags = ApplyFlags {
        dry_run: false,
        force: true,
    };
    let Err(failure) = apply_opened(opened, &wb_path, &table_path, flags, Lang::Zh) else {
        panic!("a workbook changed on disk must not be written over");
    };
    assert_eq!(failure.exit_code, 1);
    assert!(
        failure.message.zh.contains("在磁盘上已被修改"),
        "{}",
        failure.message.zh
    );
    assert!(
        failure.message.en.contains("changed on disk"),
        "{}",
        failure.message.en
    );
    // The colleague's file stands, and no backup was made of it.
    assert_eq!(std::fs::read_to_string(&wb_path).expect("read"), colleague);
    assert!(!dir.path().join("wb.json.bak").exists());
}

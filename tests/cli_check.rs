//! The real binary: `jixiao check` (text, `--json`, `--lang en`, bad files)
//! and `jixiao sample -o`.

use std::path::Path;
use std::process::{Command, Output};

use jixiao::core::format::load;
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use serde_json::Value;

const SAMPLE: &str = "assets/samples/xiashan-2023.json";

/// The seed's contradictions A1–A5, by stable code.
const SEED_CODES: [&str; 5] = [
    "income_budget_two_values",
    "other_income_in_appropriation",
    "appropriation_final_mismatch",
    "carryover_identity",
    "gov_fund_budget_not_final",
];

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the jixiao binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn check_prints_the_seed_figures_total_grade_and_warnings() {
    let out = jixiao(&["check", SAMPLE]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    for expected in [
        "财政拨款收入预决算差异率",
        "19.58%",
        "支出完成率",
        "100.00%",
        "结余结转率",
        "1.13%",
        "总分: 94 / 100",
        "等级: 优",
        "【检查】",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in\n{text}");
    }
    for code in SEED_CODES {
        assert!(text.contains(&format!("({code})")), "missing {code}");
    }
    assert!(text.contains("差异率将为 20.06%"), "A2 alternative reading");
    assert!(stderr(&out).is_empty());
}

#[test]
fn check_json_parses_and_has_the_documented_keys() {
    let out = jixiao(&["check", SAMPLE, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_json_head(&doc);
    assert_json_metrics(&doc);
    assert_json_indicators_and_warnings(&doc);
}

/// An object's keys, sorted.
fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
    k.sort();
    k
}

/// The top-level keys, the what-if of A3.1, file, total, grade and table.
fn assert_json_head(doc: &Value) {
    assert_eq!(
        keys(doc),
        [
            "evidence_files",
            "figures",
            "file",
            "grade",
            "indicators",
            "jixiao_check",
            "metrics",
            "project_warnings",
            "projects",
            "table",
            "total",
            "unit",
            "warnings",
            "what_if",
            "workload"
        ]
    );
    // What-if (issue 12): the 差异率 reaches 5.00 % at a final of 695.18.
    let a31 = doc["what_if"]["leaves"]
        .as_array()
        .and_then(|l| l.iter().find(|x| x["code"] == "A3.1"))
        .expect("A3.1 what-if");
    assert!(
        a31["moves"].as_array().is_some_and(|m| m
            .iter()
            .any(|x| x["field"] == "appropriation_income_final"
                && x["target"] == "695.18"
                && x["rate_shown"] == "5.00")),
        "{a31}"
    );
    assert_eq!(doc["jixiao_check"], 1);
    assert_eq!(doc["file"], SAMPLE);
    assert_eq!(doc["total"]["display"], "94");
    assert_eq!(doc["total"]["max"], "100");
    assert_eq!(doc["grade"]["code"], "excellent");
    assert_eq!(doc["grade"]["label_zh"], "优");
    assert_eq!(doc["grade"]["graded"], true);
    assert_eq!(doc["grade"]["text_zh"], "优");
    assert_eq!(doc["table"]["verified"], false);
}

/// Every metric's keys, some displays, the first one's value and inputs.
fn assert_json_metrics(doc: &Value) {
    let metrics = doc["metrics"].as_array().expect("metrics");
    assert_eq!(metrics.len(), 14);
    let display = |id: &str| {
        metrics
            .iter()
            .find(|m| m["id"] == id)
            .map(|m| m["display"].clone())
            .expect("metric")
    };
    assert_eq!(display("appropriation_income_variance_rate"), "19.58");
    assert_eq!(display("expenditure_completion_rate"), "100.00");
    assert_eq!(display("carryover_rate"), "1.13");
    assert_eq!(display("procurement_execution_rate"), Value::Null);
    for m in metrics {
        assert_eq!(
            keys(m),
            [
                "class",
                "display",
                "expression",
                "formula",
                "formula_no",
                "id",
                "inputs",
                "label_en",
                "label_zh",
                "status",
                "value"
            ]
        );
    }
    let f1 = &metrics[0];
    assert_eq!(
        f1["value"].as_str().map(|v| v.starts_with("-19.575")),
        Some(true)
    );
    assert_eq!(f1["inputs"][0]["field"], "appropriation_income_final");
    assert_eq!(f1["inputs"][0]["value"], "588.55");
}

/// Every indicator's keys and A3.1; the seed's warnings; one workload item.
fn assert_json_indicators_and_warnings(doc: &Value) {
    let indicators = doc["indicators"].as_array().expect("indicators");
    for ind in indicators {
        for key in [
            "code",
            "name",
            "level",
            "weight",
            "score",
            "score_display",
            "basis",
            "rule",
            "working",
            "lost",
            "capped",
        ] {
            assert!(ind.get(key).is_some(), "indicator lacks {key}: {ind}");
        }
    }
    let a31 = indicators
        .iter()
        .find(|i| i["code"] == "A3.1")
        .expect("A3.1");
    assert_eq!(a31["score"], "0");
    assert_eq!(a31["level"], 3);
    assert_eq!(a31["metric"], "appropriation_income_variance_rate");

    let warnings = doc["warnings"].as_array().expect("warnings");
    let codes: Vec<&str> = warnings.iter().filter_map(|w| w["code"].as_str()).collect();
    for code in SEED_CODES {
        assert!(codes.contains(&code), "missing {code}");
    }
    for w in warnings {
        assert_eq!(keys(w), ["code", "concerns", "message", "severity"]);
        assert!(w["message"]["zh"].is_string() && w["message"]["en"].is_string());
    }
    let meetings = &doc["workload"][0]["items"][2];
    assert_eq!(meetings["parts_sum"], "202");
    assert_eq!(meetings["parts_consistent"], true);
}

#[test]
fn lang_en_prints_english_before_or_after_the_subcommand() {
    for args in [
        ["check", SAMPLE, "--lang", "en"],
        ["--lang", "en", "check", SAMPLE],
    ] {
        let out = jixiao(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out);
        for expected in [
            "Total: 94 / 100",
            "Grade: Excellent",
            "[Ratios]",
            "Appropriation income variance rate",
            "19.58%",
            "[Checks]",
            "Carry-over identity fails",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in\n{text}");
        }
        assert!(!text.contains("【比率】") && !text.contains("等级"));
    }
}

#[test]
fn a_bad_file_exits_2_with_the_message_on_stderr() {
    let bad = "tests/fixtures/bad/three-decimals.json";
    let out = jixiao(&["check", bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    let message = stderr(&out);
    assert!(message.contains(bad), "{message}");
    assert!(message.contains("第 7 行第 28 列"), "{message}");
    assert!(message.contains("小数位数超过 2 位"), "{message}");

    let out = jixiao(&["check", bad, "--json", "--lang", "en"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).is_empty());
    assert!(stderr(&out).contains("line 7, column 28: invalid amount \"588.555\""));

    let out = jixiao(&["check", "tests/fixtures/no-such-file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("无法读取"));
}

#[test]
fn sample_writes_a_file_equal_to_the_embedded_sample() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("out.json");
    let out = jixiao(&["sample", "-o", path_str(&target)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(&target).expect("written");
    assert_eq!(written, SAMPLE_JSON);
    assert_eq!(load(&written).expect("loads").workbook, sample_workbook());
    // Without -o the sample goes to standard output.
    let out = jixiao(&["sample"]);
    assert_eq!(stdout(&out), SAMPLE_JSON);
}

#[test]
fn sample_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("mine.json");
    std::fs::write(&target, "my own work").expect("write");
    let out = jixiao(&["sample", "-o", path_str(&target)]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "my own work"
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("utf-8 temp path")
}

/// `figures[]`: given figures, totals summed from their parts, and 年度实际支出
/// taken from 支出决算合计 (constructed 决算 figures on the seed).
#[test]
fn check_json_lists_every_figure_with_its_source() {
    use jixiao::core::model::FieldId as F;
    use rust_decimal::Decimal;
    let mut wb = sample_workbook();
    for (field, value) in [
        (F::FinalPersonnel, Some(Decimal::new(51_596, 2))),
        (F::FinalOperating, Some(Decimal::new(1_876, 2))),
        (F::FinalProject, Some(Decimal::new(5_383, 2))),
        (F::ActualExpenditure, None),
    ] {
        assert!(field.set(&mut wb, value), "{field:?}");
    }
    let d = jixiao::core::engine::derive(&wb);
    let doc = jixiao::cli::check::to_json("x.json", &wb, &d);
    let figures = doc["figures"].as_array().expect("figures");
    let find = |key: &str| {
        figures
            .iter()
            .find(|f| f["field"] == key)
            .unwrap_or_else(|| panic!("{key} listed"))
    };
    let given = find("income_budget_total");
    assert_eq!(given["source"], "given");
    assert_eq!(given["value"], "588.55");
    assert_eq!(given["group"], "income");
    assert_eq!(given["kind"], "money");
    let basic = find("final_basic");
    assert_eq!(basic["source"], "sum_of_parts");
    assert_eq!(basic["value"], "534.72");
    assert_eq!(
        basic["from"],
        serde_json::json!(["final_personnel", "final_operating"])
    );
    let total = find("expenditure_final_total");
    assert_eq!(total["source"], "sum_of_parts");
    assert_eq!(total["value"], "588.55");
    let actual = find("actual_expenditure");
    assert_eq!(actual["source"], "taken_from");
    assert_eq!(
        actual["from"],
        serde_json::json!(["expenditure_final_total"])
    );
    assert_eq!(actual["value"], "588.55");
    assert!(
        figures.iter().all(|f| f["field"] != "income_final_total"),
        "a figure with no value and no parts given is left out"
    );
}

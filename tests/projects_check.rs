//! The project forms through the real binary: `jixiao check --json` has
//! `projects[]` as docs/format.md promises (names, codes, rates and scores
//! as decimal strings, grades, indicators, warnings naming the indicator),
//! and plain `check` prints them; an old workbook without projects loads
//! unchanged.

use std::process::{Command, Output};

use jixiao::core::format::to_json;
use jixiao::core::model::{
    Achievement, Direction, FormLayout, FundSource, ProjectForm, ProjectIndicator,
};
use jixiao::core::num::Money;
use jixiao::core::sample::sample_workbook;
use rust_decimal::Decimal;
use serde_json::Value;

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the jixiao binary runs")
}

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

fn row(level2: &str, name: &str, target: &str, actual: &str, weight: &str) -> ProjectIndicator {
    ProjectIndicator {
        level1: "产出指标".to_owned(),
        level2: level2.to_owned(),
        name: name.to_owned(),
        target: target.to_owned(),
        actual: actual.to_owned(),
        weight: d(weight),
        ..ProjectIndicator::default()
    }
}

/// A national form: 96.5 % executed, one indicator short without a reason.
fn road_project() -> ProjectForm {
    let mut p = ProjectForm::new("农村公路养护", FormLayout::National);
    "44080321R000000000123".clone_into(&mut p.code);
    p.key = true;
    "湛江市霞山区交通运输局".clone_into(&mut p.supervising_dept);
    "湛江市霞山区公路事务中心".clone_into(&mut p.implementing_unit);
    let total = p.fund_mut(FundSource::Total);
    total.initial = Some(d("200"));
    total.full_year = Some(d("200"));
    total.executed = Some(d("193"));
    let current = p.fund_mut(FundSource::CurrentAppropriation);
    current.full_year = Some(d("200"));
    current.executed = Some(d("193"));
    p.indicators = vec![
        row("数量指标", "养护里程", "≥50公里", "45公里", "30"),
        row("质量指标", "路面合格率", "≥95%", "96%", "20"),
        ProjectIndicator {
            level1: "效益指标".to_owned(),
            ..row("社会效益指标", "通行条件改善", "效果明显", "效果明显", "30")
        },
        ProjectIndicator {
            level1: "满意度指标".to_owned(),
            direction: Some(Direction::AtLeast),
            ..row("服务对象满意度指标", "群众满意度", "90", "93", "10")
        },
    ];
    p.indicators[1].officer_score = Some(d("19"));
    p.indicators[2].officer_score = Some(d("28"));
    p.indicators[2].achievement = Some(Achievement::Achieved);
    "%".clone_into(&mut p.indicators[3].unit);
    p
}

fn write_workbook(dir: &std::path::Path) -> std::path::PathBuf {
    let mut wb = sample_workbook();
    wb.projects.push(road_project());
    wb.finals.final_project = Some(Money(d("150")));
    let path = dir.join("with-projects.json");
    std::fs::write(&path, to_json(&wb)).expect("write");
    path
}

#[test]
fn check_json_has_the_projects_contract() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = write_workbook(dir.path());
    let out = jixiao(&["check", path.to_str().expect("utf-8"), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let p = &doc["projects"][0];
    assert_eq!(p["name"], "农村公路养护");
    assert_eq!(p["code"], "44080321R000000000123");
    assert_eq!(p["execution_rate"], "96.50");
    assert_eq!(p["execution_score"], "9.65");
    // 9.65 + 27 (45/50 × 30) + 20 + 28 (the form's) + 10 = 94.65.
    assert_eq!(p["total"], "94.65");
    assert_eq!(p["grade"]["text_zh"], "优");
    let first = &p["indicators"][0];
    assert_eq!(first["name"], "养护里程");
    assert_eq!(first["target"], "≥50公里");
    assert_eq!(first["actual"], "45公里");
    assert_eq!(first["weight"], "30");
    assert_eq!(first["score"], "27.00");
    assert_eq!(first["officer_score"], Value::Null);
    assert_eq!(first["ratio"], "90.00");
    // The printed 19 differs from the computed 20.
    assert_eq!(p["indicators"][1]["score"], "20.00");
    assert_eq!(p["indicators"][1]["officer_score"], "19");
    // Qualitative: the form's score.
    assert_eq!(p["indicators"][2]["score"], "28.00");
    let warnings = p["warnings"].as_array().expect("warnings");
    let find = |code: &str| {
        warnings
            .iter()
            .find(|w| w["code"] == code)
            .unwrap_or_else(|| panic!("{code} in {warnings:#?}"))
    };
    let missing = find("reason_missing");
    assert!(missing["text"].as_str().expect("text").contains("养护里程"));
    assert!(missing["severity"].is_string());
    assert!(
        find("score_printed_differs")["text"]
            .as_str()
            .expect("text")
            .contains("路面合格率")
    );
    // 193 executed by a key project, the department's project finals 150.
    let department = doc["project_warnings"].as_array().expect("array");
    assert!(
        department
            .iter()
            .any(|w| w["code"] == "key_projects_above_department"),
        "{department:#?}"
    );
}

#[test]
fn plain_check_prints_each_project() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = write_workbook(dir.path());
    let out = jixiao(&["check", path.to_str().expect("utf-8")]);
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("【项目支出绩效自评】 (1)"), "{text}");
    assert!(
        text.contains("农村公路养护 [44080321R000000000123] 重点项目"),
        "{text}"
    );
    assert!(text.contains("96.50%"), "{text}");
    assert!(text.contains("94.65 / 100"), "{text}");
}

#[test]
fn a_workbook_without_projects_has_an_empty_list_and_writes_none() {
    let out = jixiao(&["check", "assets/samples/xiashan-2023.json", "--json"]);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(doc["projects"].is_array());
    let wb = sample_workbook();
    let mut bare = wb.clone();
    bare.projects.clear();
    let written: Value = serde_json::from_str(&to_json(&bare)).expect("json");
    assert!(
        written.get("projects").is_none(),
        "no key written when there are none"
    );
}

const DOC: &str = include_str!("../docs/format.md");

#[test]
fn every_project_code_and_json_key_is_documented() {
    for (_, key, severity, _) in jixiao::core::engine::project::checks::PROJECT_CODES {
        let severity = serde_json::to_value(severity).expect("severity");
        let row = format!("| `{key}` | {} |", severity.as_str().unwrap_or_default());
        assert!(DOC.contains(&row), "docs/format.md §4.1 lacks {row}");
    }
    let mut wb = sample_workbook();
    wb.projects.push(road_project());
    let derived = jixiao::core::engine::derive(&wb);
    let doc = jixiao::cli::check::to_json("x.json", &wb, &derived);
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(&doc["projects"], &mut keys);
    collect_keys(&doc["project_warnings"], &mut keys);
    let missing: Vec<_> = keys
        .iter()
        .filter(|k| {
            ![format!("`{k}`"), format!("`{k}[]`"), format!("\"{k}\"")]
                .iter()
                .any(|f| DOC.contains(f.as_str()))
        })
        .collect();
    assert!(missing.is_empty(), "not in docs/format.md: {missing:?}");
    let model: Value = serde_json::to_value(&wb.projects[0]).expect("json");
    let mut model_keys = std::collections::BTreeSet::new();
    collect_keys(&model, &mut model_keys);
    let missing: Vec<_> = model_keys
        .iter()
        .filter(|k| !DOC.contains(&format!("`{k}")) && !DOC.contains(&format!("\"{k}\"")))
        .collect();
    assert!(
        missing.is_empty(),
        "workbook keys not in docs/format.md §1.8: {missing:?}"
    );
}

fn collect_keys(value: &Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                out.insert(key.clone());
                collect_keys(child, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
        _ => {}
    }
}

//! docs/format.md keeps up with the code: every field key, metric id, rule
//! kind, warning code and `check --json` key is documented there.

use jixiao::core::engine::{MetricId, WarningCode};
use jixiao::core::model::FieldId;
use serde_json::Value;

const DOC: &str = include_str!("../docs/format.md");

/// Named as `key`, `key[]` (an array) or "key" (inside a JSON example).
fn documented(key: &str) -> bool {
    [
        format!("`{key}`"),
        format!("`{key}[]`"),
        format!("\"{key}\""),
    ]
    .iter()
    .any(|form| DOC.contains(form.as_str()))
}

#[test]
fn every_field_metric_and_warning_code_is_documented() {
    let mut missing: Vec<String> = Vec::new();
    for field in FieldId::ALL {
        if !documented(field.key()) {
            missing.push(format!("field {}", field.key()));
        }
    }
    for metric in MetricId::ALL {
        if !documented(metric.key()) {
            missing.push(format!("metric {}", metric.key()));
        }
    }
    for code in WarningCode::ALL {
        let severity = serde_json::to_value(code.severity()).expect("severity");
        let row = format!(
            "| `{}` | {} |",
            code.key(),
            severity.as_str().unwrap_or_default()
        );
        if !DOC.contains(&row) {
            missing.push(format!("warning row {row}"));
        }
    }
    for kind in jixiao::core::engine::rules::KINDS.iter().map(|k| k.key) {
        if !DOC.contains(&format!("| `{kind}` |")) {
            missing.push(format!("rule kind {kind}"));
        }
    }
    assert!(missing.is_empty(), "docs/format.md lacks: {missing:?}");
}

#[test]
fn every_check_json_key_is_documented() {
    let wb = jixiao::core::sample::sample_workbook();
    let derived = jixiao::core::engine::derive(&wb);
    let doc = jixiao::cli::check::to_json("sample.json", &wb, &derived);
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(&doc, &mut keys);
    let missing: Vec<_> = keys.iter().filter(|k| !documented(k)).collect();
    assert!(
        missing.is_empty(),
        "check --json keys not in docs/format.md: {missing:?}"
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

#[test]
fn the_metrics_table_is_the_registry() {
    let missing: Vec<String> = jixiao::core::engine::metrics::METRICS
        .iter()
        .map(|def| format!("| `{}` | {} | {} |", def.key, def.no, def.doc))
        .filter(|row| !DOC.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/format.md §2.1 rows differ from METRICS: {missing:?}"
    );
}

#[test]
fn the_warning_table_is_the_check_registry() {
    let missing: Vec<String> = jixiao::core::engine::checks::CODES
        .iter()
        .map(|def| {
            let severity = serde_json::to_value(def.severity).expect("severity");
            format!(
                "| `{}` | {} | {} |",
                def.key,
                severity.as_str().unwrap_or_default(),
                def.doc
            )
        })
        .filter(|row| !DOC.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/format.md's warning table differs from CODES: {missing:?}"
    );
}

#[test]
fn every_review_file_field_is_documented() {
    use jixiao::review::reviews::{IndicatorReview, ReviewFile, WorkbookReview};
    const REVIEW_DOC: &str = include_str!("../docs/review-format.md");
    let mut review = WorkbookReview {
        sha256: "aa".into(),
        unit: "u".into(),
        fiscal_year: Some(2023),
        comment: "c".into(),
        reason: "r".into(),
        ..WorkbookReview::default()
    };
    review.indicators.insert(
        "A1".into(),
        IndicatorReview {
            score: Some(rust_decimal::Decimal::ONE),
            comment: "c".into(),
            reason: "r".into(),
        },
    );
    let mut file = ReviewFile {
        reviewer: "me".into(),
        ..ReviewFile::default()
    };
    file.workbooks.insert("a.json".into(), review);
    let value: Value = serde_json::from_str(&file.to_json()).expect("json");
    let entry = &value["workbooks"]["a.json"];
    let indicator = &entry["indicators"]["A1"];
    for (prefix, object) in [("", &value), ("…", entry), ("…indicators.CODE.", indicator)] {
        for key in object.as_object().expect("object").keys() {
            assert!(
                REVIEW_DOC.contains(&format!("`{prefix}{key}`")),
                "docs/review-format.md does not document `{prefix}{key}`"
            );
        }
    }
}

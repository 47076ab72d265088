//! docs/format.md keeps up with a ratio's basis and the table's own formula:
//! the basis table is the `basis::BASES` registry, every key of a rule's
//! `basis` and `formula`, and every `check --json` key of a leaf's measure.

use jixiao::core::engine::basis::BASES;
use jixiao::core::model::{Basis, FieldId, TableFormula, Workbook};
use serde_json::Value;

const DOC: &str = include_str!("../docs/format.md");

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
fn the_basis_table_is_the_registry() {
    let missing: Vec<String> = BASES
        .iter()
        .flat_map(|row| {
            row.options.iter().map(move |o| {
                format!(
                    "| `{}` | `{}` | {} |",
                    row.metric.key(),
                    o.basis.key(),
                    o.words_zh.replace('|', "\\|")
                )
            })
        })
        .filter(|line| !DOC.contains(line.as_str()))
        .collect();
    assert!(missing.is_empty(), "docs/format.md lacks: {missing:?}");
    for basis in Basis::ALL {
        assert!(documented(basis.key()), "basis {}", basis.key());
    }
}

#[test]
fn every_key_of_a_table_formula_is_documented() {
    let formulas = [
        TableFormula::Ratio {
            numerator: vec![FieldId::BudgetPersonnel],
            denominator: vec![FieldId::ExpenditureBudgetTotal],
            numerator_minus: vec![FieldId::BudgetOperating],
            denominator_minus: vec![FieldId::BudgetProject],
            absolute: true,
        },
        TableFormula::Change {
            current: vec![FieldId::ThreePublicBudget],
            base: vec![FieldId::ThreePublicPrevBudget],
            absolute: true,
        },
    ];
    for formula in formulas {
        let json = serde_json::to_value(&formula).expect("json");
        for (key, value) in json.as_object().expect("object") {
            assert!(documented(key), "formula key {key}");
            if key == "kind" {
                assert!(documented(value.as_str().expect("kind")), "{value}");
            }
        }
    }
    assert!(documented("basis") && documented("formula"));
}

fn set_rule(wb: &mut Workbook, code: &str, change: impl FnOnce(&mut jixiao::core::model::Rule)) {
    let indicator = wb.table.indicator_mut(code).expect("code");
    change(indicator.rule.as_mut().expect("rule"));
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
fn every_check_json_key_of_a_measure_is_documented() {
    let mut wb = jixiao::core::sample::sample_workbook();
    set_rule(&mut wb, "B2.1", |r| r.basis = Some(Basis::Initial));
    set_rule(&mut wb, "B2.5", |r| {
        r.metric = None;
        r.formula = Some(TableFormula::Ratio {
            numerator: vec![FieldId::BudgetPersonnel],
            denominator: vec![FieldId::ExpenditureBudgetTotal],
            numerator_minus: Vec::new(),
            denominator_minus: Vec::new(),
            absolute: false,
        });
    });
    let derived = jixiao::core::engine::derive(&wb);
    let doc = jixiao::cli::check::to_json("sample.json", &wb, &derived);
    let leaf = doc["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["code"] == "B2.5")
        .expect("B2.5");
    assert!(leaf["measure"].is_object(), "{leaf}");
    assert_eq!(
        doc["indicators"]
            .as_array()
            .expect("indicators")
            .iter()
            .find(|i| i["code"] == "B2.1")
            .map(|i| i["budget_basis"].clone()),
        Some(Value::from("initial"))
    );
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(&doc, &mut keys);
    let missing: Vec<_> = keys.iter().filter(|k| !documented(k)).collect();
    assert!(missing.is_empty(), "not in docs/format.md: {missing:?}");
}

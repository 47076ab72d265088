//! assets/schema/workbook.schema.json describes the format: it is valid JSON
//! of draft 2020-12 whose references resolve, and every key of the sample
//! (and of a workbook using every rule kind, as jixiao writes it) is
//! described in it, with a value of the described type.
//!
//! The validator here is small on purpose: it knows the keywords the schema
//! uses and fails on any other, so the schema cannot drift past it.

use std::collections::BTreeSet;

use jixiao::core::format::to_json;
use jixiao::core::model::{
    Band, BandOp, Category, CategorySource, ChecklistMode, EvidenceFile, Indicator,
    NotApplicableMode, Project, Rule, RuleKind, TeamMember,
};
use jixiao::core::num::Money;
use jixiao::core::sample::{SAMPLE_JSON, sample_workbook};
use rust_decimal::Decimal;
use serde_json::Value;

const SCHEMA: &str = include_str!("../assets/schema/workbook.schema.json");

/// Keywords the validator understands; any other in the schema fails the test.
const KNOWN: &[&str] = &[
    "$schema",
    "$id",
    "$ref",
    "$defs",
    "title",
    "description",
    "default",
    "type",
    "required",
    "properties",
    "additionalProperties",
    "propertyNames",
    "items",
    "enum",
    "const",
    "pattern",
    "minimum",
    "maximum",
    "anyOf",
    "oneOf",
];

const DECIMAL: &str = "^-?[0-9]+(\\.[0-9]+)?$";
const MONEY: &str = "^-?[0-9]+(\\.[0-9]{1,2})?$";
const SHA256: &str = "^[0-9a-f]{64}$";

struct Validator<'a> {
    root: &'a Value,
}

impl<'a> Validator<'a> {
    /// Follows `$ref`s (`#/$defs/name`) to the schema that says something.
    fn resolve(&self, mut node: &'a Value) -> &'a Value {
        while let Some(reference) = node.get("$ref").and_then(Value::as_str) {
            let name = reference
                .strip_prefix("#/$defs/")
                .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
            node = &self.root["$defs"][name];
            assert!(!node.is_null(), "dangling $ref {reference}");
        }
        node
    }

    /// Errors of `value` against `node`; `whole` checks that every key is described.
    fn check(&self, node: &'a Value, value: &Value, path: &str, whole: bool) -> Vec<String> {
        let node = self.resolve(node);
        let mut errors = Vec::new();
        if let Some(types) = node.get("type") {
            let names: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => panic!("bad type at {path}"),
            };
            if !names.iter().any(|t| type_matches(t, value)) {
                errors.push(format!("{path}: {value} is not {names:?}"));
                return errors;
            }
        }
        Self::check_scalar(node, value, path, &mut errors);
        let matched_branch = self.check_branches(node, value, path, whole, &mut errors);
        if let Value::Object(object) = value {
            self.check_object(node, matched_branch, object, path, whole, &mut errors);
        }
        if let (Value::Array(items), Some(schema)) = (value, node.get("items")) {
            for (i, item) in items.iter().enumerate() {
                errors.extend(self.check(schema, item, &format!("{path}/{i}"), true));
            }
        }
        errors
    }

    /// `const`, `enum`, `pattern`, `minimum` and `maximum`.
    fn check_scalar(node: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
        if let Some(c) = node.get("const")
            && c != value
        {
            errors.push(format!("{path}: {value} is not {c}"));
        }
        if let Some(options) = node.get("enum").and_then(Value::as_array)
            && !options.contains(value)
        {
            errors.push(format!("{path}: {value} not in {options:?}"));
        }
        if let (Some(pattern), Some(text)) =
            (node.get("pattern").and_then(Value::as_str), value.as_str())
            && !pattern_matches(pattern, text)
        {
            errors.push(format!("{path}: {text:?} does not match {pattern}"));
        }
        if let Some(n) = value.as_f64() {
            if node
                .get("minimum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n < m)
            {
                errors.push(format!("{path}: {n} below minimum"));
            }
            if node
                .get("maximum")
                .and_then(Value::as_f64)
                .is_some_and(|m| n > m)
            {
                errors.push(format!("{path}: {n} above maximum"));
            }
        }
    }

    /// `anyOf` and `oneOf`; the one `oneOf` branch that fits, if any.
    fn check_branches(
        &self,
        node: &'a Value,
        value: &Value,
        path: &str,
        whole: bool,
        errors: &mut Vec<String>,
    ) -> Option<&'a Value> {
        if let Some(branches) = node.get("anyOf").and_then(Value::as_array)
            && !branches
                .iter()
                .any(|b| self.check(b, value, path, whole).is_empty())
        {
            errors.push(format!("{path}: {value} matches no anyOf branch"));
        }
        let mut matched_branch = None;
        if let Some(branches) = node.get("oneOf").and_then(Value::as_array) {
            let fitting: Vec<&Value> = branches
                .iter()
                .filter(|b| self.check(b, value, path, false).is_empty())
                .collect();
            if fitting.len() == 1 {
                matched_branch = fitting.first().copied();
            } else {
                errors.push(format!(
                    "{path}: {} oneOf branches fit {value}",
                    fitting.len()
                ));
            }
        }
        matched_branch
    }

    /// `required`, `properties`, `additionalProperties` and `propertyNames`.
    fn check_object(
        &self,
        node: &'a Value,
        matched_branch: Option<&'a Value>,
        object: &serde_json::Map<String, Value>,
        path: &str,
        whole: bool,
        errors: &mut Vec<String>,
    ) {
        for key in node
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap_or_default();
            if !object.contains_key(key) {
                errors.push(format!("{path}: missing required {key}"));
            }
        }
        for (key, child) in object {
            let here = format!("{path}/{key}");
            let described = [Some(node), matched_branch]
                .into_iter()
                .flatten()
                .find_map(|n| n.get("properties").and_then(|p| p.get(key)));
            match (described, node.get("additionalProperties")) {
                (Some(schema), _) => errors.extend(self.check(schema, child, &here, true)),
                (None, Some(extra)) if extra.is_object() => {
                    if let Some(names) = node.get("propertyNames") {
                        errors.extend(self.check(names, &Value::String(key.clone()), &here, true));
                    }
                    errors.extend(self.check(extra, child, &here, true));
                }
                (None, _) if whole => {
                    errors.push(format!("{here}: not described in the schema"));
                }
                (None, _) => {}
            }
        }
    }
}

fn type_matches(name: &str, value: &Value) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        other => panic!("unknown type {other}"),
    }
}

/// The schema's two patterns, matched by hand (no regex engine here).
fn pattern_matches(pattern: &str, text: &str) -> bool {
    if pattern == SHA256 {
        return text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    }
    let body = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let max_places = match pattern {
        DECIMAL => usize::MAX,
        MONEY => 2,
        other => panic!("unknown pattern {other}: teach pattern_matches"),
    };
    digits(whole) && fraction.is_none_or(|f| digits(f) && f.len() <= max_places)
}

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is valid JSON")
}

fn validate(document: &Value) -> Vec<String> {
    let root = schema();
    Validator { root: &root }.check(&root, document, "", true)
}

fn keywords(node: &Value, path: &str, out: &mut BTreeSet<String>) {
    match node {
        Value::Object(map) => {
            for (key, child) in map {
                let inside_names = path.ends_with("/properties") || path.ends_with("/$defs");
                if !inside_names {
                    out.insert(key.clone());
                }
                keywords(child, &format!("{path}/{key}"), out);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| keywords(i, path, out)),
        _ => {}
    }
}

#[test]
fn the_schema_is_draft_2020_12_with_known_keywords_and_resolving_refs() {
    let root = schema();
    assert_eq!(
        root["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let mut used = BTreeSet::new();
    keywords(&root, "", &mut used);
    let unknown: Vec<_> = used
        .iter()
        .filter(|k| !KNOWN.contains(&k.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "keywords the validator does not know: {unknown:?}"
    );
    // Every $ref points at a definition.
    let text = SCHEMA;
    for (at, _) in text.match_indices("\"$ref\": \"#/$defs/") {
        let name: String = text[at + 17..].chars().take_while(|c| *c != '"').collect();
        assert!(
            root["$defs"].get(&name).is_some(),
            "dangling #/$defs/{name}"
        );
    }
}

#[test]
fn every_key_of_the_sample_file_is_described() {
    let sample: Value = serde_json::from_str(SAMPLE_JSON).expect("sample JSON");
    let errors = validate(&sample);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn every_key_jixiao_writes_is_described() {
    // The sample as jixiao writes it (absent values as null), plus one leaf of
    // every rule kind, a project and a team member.
    let mut wb = sample_workbook();
    let d = |v: i64| Decimal::new(v, 0);
    let extra: Vec<Indicator> = one_rule_of_each_kind()
        .into_iter()
        .enumerate()
        .map(|(i, kind)| Indicator {
            code: format!("X{i}"),
            name: format!("kind {i}"),
            weight: d(0),
            rule: Some(Rule::new(None, kind)),
            ..Indicator::default()
        })
        .collect();
    wb.table.indicators.push(Indicator {
        code: "X".into(),
        name: "every rule kind".into(),
        weight: d(0),
        children: extra,
        ..Indicator::default()
    });
    // A metric on another basis and a table-defined ratio.
    let mut on_basis = Rule::new(
        Some(jixiao::core::engine::MetricId::ExpenditureCompletionRate),
        RuleKind::Manual,
    );
    on_basis.basis = Some(jixiao::core::model::Basis::Adjusted);
    let mut own = Rule::new(None, RuleKind::Manual);
    own.formula = Some(jixiao::core::model::TableFormula::Change {
        current: vec![jixiao::core::model::FieldId::ThreePublicBudget],
        base: vec![jixiao::core::model::FieldId::ThreePublicPrevBudget],
        absolute: true,
    });
    for (i, rule) in [on_basis, own].into_iter().enumerate() {
        wb.table.indicators.push(Indicator {
            code: format!("M{i}"),
            name: "measure".into(),
            weight: d(0),
            rule: Some(rule),
            ..Indicator::default()
        });
    }
    assert!(jixiao::core::model::FieldId::ThreePublicPrevBudget.set(&mut wb, Some(d(3))));
    wb.table.indicators[0].children[0].entry.officer_score = Some(d(5));
    wb.table.indicators[0].children[0].entry.reviewer_score = Some(d(4));
    wb.table.indicators[0].children[0].entry.failed_items = vec![0];
    // A 佐证材料清单 on an indicator and on a project's indicator.
    let file = EvidenceFile {
        path: "佐证/采购台账.pdf".into(),
        title: "政府采购台账".into(),
        pages: "12".into(),
        sha256: "ab".repeat(32),
    };
    wb.table.indicators[0].children[0].evidence_required = Some(true);
    wb.table.indicators[0].children[0].entry.evidence_files = vec![file.clone()];
    wb.projects[0].indicators[0].evidence_files = vec![file];
    wb.budget.projects.push(Project {
        name: "重点项目".into(),
        budget: Some(Money(Decimal::new(5383, 2))),
        final_amount: None,
        key: true,
    });
    wb.narrative.team.push(TeamMember {
        name: "甲".into(),
        post: String::new(),
        role: "成员".into(),
    });
    wb.workload[0].items[0].target = Some(d(1200));
    let written: Value = serde_json::from_str(&to_json(&wb)).expect("written JSON");
    let errors = validate(&written);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

/// One rule of every kind, with parameters of every shape.
fn one_rule_of_each_kind() -> Vec<RuleKind> {
    let d = |v: i64| Decimal::new(v, 0);
    vec![
        RuleKind::Threshold {
            threshold: d(5),
            deduct_per_point: d(1),
            above_is_bad: false,
            limits: Default::default(),
        },
        RuleKind::Step {
            full_at: d(100),
            step: d(5),
            deduct: d(2),
            started_step_counts: true,
        },
        RuleKind::Bands {
            bands: vec![Band {
                op: BandOp::Lt,
                bound: d(10),
                points: d(1),
                upper: None,
            }],
            otherwise: d(0),
        },
        RuleKind::Proportional {
            cap: d(100),
            round_to_whole: true,
            full_at: None,
        },
        RuleKind::Categorical {
            source: CategorySource::Officer,
            categories: vec![Category {
                key: "a".into(),
                label: "甲".into(),
                points: d(1),
            }],
        },
        RuleKind::Checklist {
            items: vec!["x".into()],
            points: d(1),
            mode: ChecklistMode::Award,
        },
        RuleKind::Levels {
            levels: jixiao::core::model::table::default_levels(),
        },
        RuleKind::Manual,
        RuleKind::NotApplicable {
            mode: NotApplicableMode::Rescale,
        },
    ]
}

#[test]
fn the_validator_catches_undescribed_keys_and_wrong_types() {
    let mut sample: Value = serde_json::from_str(SAMPLE_JSON).expect("sample JSON");
    sample["budget"]["made_up_field"] = Value::String("1".into());
    sample["budget"]["income_budget_total"] = Value::String("588.555".into());
    sample["unit"]["fiscal_year"] = Value::String("2023".into());
    sample["table"]["indicators"][0]["children"][0]["rule"]["kind"] =
        Value::String("sometimes".into());
    let errors = validate(&sample).join("\n");
    assert!(
        errors.contains("/budget/made_up_field: not described"),
        "{errors}"
    );
    assert!(errors.contains("/budget/income_budget_total"), "{errors}");
    assert!(errors.contains("/unit/fiscal_year"), "{errors}");
    assert!(
        errors.contains("/table/indicators/0/children/0/rule"),
        "{errors}"
    );
}

#[test]
fn the_field_and_basis_enums_are_the_registries() {
    let schema = schema();
    let listed = |def: &str| -> Vec<String> {
        schema["$defs"][def]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .map(|v| v.as_str().expect("key").to_owned())
            .collect()
    };
    let fields: Vec<String> = jixiao::core::model::FieldId::ALL
        .iter()
        .map(|f| f.key().to_owned())
        .collect();
    assert_eq!(listed("fieldId"), fields);
    let bases: Vec<String> = jixiao::core::model::Basis::ALL
        .iter()
        .map(|b| b.key().to_owned())
        .collect();
    assert_eq!(listed("basis"), bases);
}

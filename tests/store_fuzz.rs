//! Hostile input: the number parser and the file loader never panic, whatever
//! they are given, and what they accept is sound. The engine is run on every
//! workbook the loader accepts, because the workbench derives right after
//! loading.
//!
//! 10,000 cases per property by default (the odd-values ones a twentieth);
//! `PROPTEST_CASES=N` for a longer run, e.g.
//! `PROPTEST_CASES=200000 cargo test --release --test store_fuzz`.

use jixiao::core::engine::derive;
use jixiao::core::format::{load, to_json};
use jixiao::core::model::Workbook;
use jixiao::core::num::{NumberRules, parse_number};
use jixiao::core::sample::SAMPLE_JSON;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::Value;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Off)),
        ..ProptestConfig::default()
    }
}

const RULES: [NumberRules; 4] = [
    NumberRules::MONEY,
    NumberRules::SIGNED_MONEY,
    NumberRules::COUNT,
    NumberRules::PERCENT,
];

/// What an officer might type, including full-width IME input and nonsense.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[-+0-9.,，、 _０-９．。－＋−e\u{3000}]{0,40}",
        "[-+]?[0-9]{15,40}(\\.[0-9]{0,40})?",
        "[-+]?[０-９]{1,12}[．。][０-９]{0,6}",
    ]
}

/// Checks what `parse_number` accepts obeys the rules it was given.
fn check_number(text: &str) -> Result<(), TestCaseError> {
    for rules in RULES {
        if let Ok(value) = parse_number(text, rules) {
            prop_assert!(value.scale() <= rules.max_places, "{text:?} -> {value}");
            prop_assert!(
                rules.allow_negative || !value.is_sign_negative() || value.is_zero(),
                "{text:?} -> {value}"
            );
            if let Some(max) = rules.max {
                prop_assert!(value <= max, "{text:?} -> {value}");
            }
        }
    }
    Ok(())
}

/// Loads a text: no panic, and an error message that names the file.
/// Returns the workbook when it loaded.
fn check_load(text: &str) -> Result<Option<Workbook>, TestCaseError> {
    match load(text) {
        Ok(loaded) => Ok(Some(loaded.workbook)),
        Err(e) => {
            let message = e.describe("f.json");
            prop_assert!(message.en.starts_with("f.json") && message.zh.starts_with("f.json"));
            Ok(None)
        }
    }
}

/// What loads saves as text that loads back the same.
fn check_round_trip(workbook: &Workbook) -> Result<(), TestCaseError> {
    match load(&to_json(workbook)) {
        Ok(again) => prop_assert_eq!(&again.workbook, workbook),
        Err(e) => prop_assert!(false, "saved text does not load: {e}"),
    }
    Ok(())
}

/// The sample with odd values at some of its leaves.
fn sample_with(picks: Vec<(prop::sample::Index, Value)>) -> String {
    let mut doc: Value = serde_json::from_str(SAMPLE_JSON).expect("sample");
    let mut leaves = Vec::new();
    leaf_pointers(&doc, "", &mut leaves);
    for (index, value) in picks {
        let pointer = index.get(&leaves);
        if pointer == "/format" || pointer == "/version" {
            continue;
        }
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = value;
        }
    }
    serde_json::to_string(&doc).expect("ser")
}

/// One edit of the sample text, positions as fractions of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: f64, len: usize },
    Insert { at: f64, text: String },
    Replace { at: f64, ch: char },
    Duplicate { at: f64, len: usize },
    Truncate { at: f64 },
    Swap { a: f64, b: f64, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), 1..64usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at.clone(), "[{}\\[\\],:\"0-9a-z.\\-\\\\ \n]{1,8}|\\PC{1,4}")
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
        (at.clone(), any::<char>()).prop_map(|(at, ch)| Mutation::Replace { at, ch }),
        (at.clone(), 1..200usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        at.clone().prop_map(|at| Mutation::Truncate { at }),
        (at.clone(), at, 1..40usize).prop_map(|(a, b, len)| Mutation::Swap { a, b, len }),
    ]
}

/// A byte position for a fraction of the text, on a character boundary.
fn position(text: &str, fraction: f64) -> usize {
    // Truncation is the point: a fraction of the length.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let p = (fraction * text.len() as f64) as usize;
    text.floor_char_boundary(p.min(text.len()))
}

/// `len` bytes on from `start`, cut back to a character boundary.
fn span_end(text: &str, start: usize, len: usize) -> usize {
    text.floor_char_boundary(start.saturating_add(len).min(text.len()))
}

fn apply(text: &mut String, m: &Mutation) {
    match m {
        Mutation::Delete { at, len } => {
            let start = position(text, *at);
            let end = span_end(text, start, *len);
            text.replace_range(start..end, "");
        }
        Mutation::Insert { at, text: new } => {
            let start = position(text, *at);
            text.insert_str(start, new);
        }
        Mutation::Replace { at, ch } => {
            let start = position(text, *at);
            if let Some(old) = text[start..].chars().next() {
                text.replace_range(start..start + old.len_utf8(), ch.encode_utf8(&mut [0; 4]));
            }
        }
        Mutation::Duplicate { at, len } => {
            let start = position(text, *at);
            let end = span_end(text, start, *len);
            let copy = text[start..end].to_owned();
            text.insert_str(end, &copy);
        }
        Mutation::Truncate { at } => {
            let start = position(text, *at);
            text.truncate(start);
        }
        Mutation::Swap { a, b, len } => {
            let (a, b) = (position(text, *a), position(text, *b));
            let (lo, hi) = (a.min(b), a.max(b));
            let lo_end = span_end(text, lo, (*len).min(hi - lo));
            let hi_end = span_end(text, hi, lo_end - lo);
            let swapped = [
                &text[..lo],
                &text[hi..hi_end],
                &text[lo_end..hi],
                &text[lo..lo_end],
                &text[hi_end..],
            ]
            .concat();
            *text = swapped;
        }
    }
}

/// Odd JSON values to put where the sample has a value.
fn odd_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "-?[0-9]{0,30}(\\.[0-9]{0,30})?".prop_map(Value::from),
        Just(Value::from("79228162514264337593543950335")),
        Just(Value::from("-79228162514264337593543950335")),
        Just(Value::from("0.0000000000000000000000000001")),
        Just(Value::from("0")),
        Just(Value::from("-0")),
        Just(Value::from("1e5")),
        any::<String>().prop_map(Value::from),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
    ]
}

/// Every scalar in a JSON document, as a pointer (/a/0/b).
fn leaf_pointers(value: &Value, here: &str, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                leaf_pointers(v, &format!("{here}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                leaf_pointers(v, &format!("{here}/{i}"), out);
            }
        }
        _ => out.push(here.to_owned()),
    }
}

fn picks() -> impl Strategy<Value = Vec<(prop::sample::Index, Value)>> {
    prop::collection::vec((any::<prop::sample::Index>(), odd_value()), 1..6)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_number_never_panics(text in typed_text()) {
        check_number(&text)?;
    }

    #[test]
    fn load_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_load(&text)?;
    }

    #[test]
    fn load_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_load(&String::from_utf8_lossy(&bytes))?;
    }

    /// Whatever still loads after the edits is derived too, as the workbench would.
    #[test]
    fn load_never_panics_on_mutations_of_the_sample(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut text = SAMPLE_JSON.to_owned();
        for m in &mutations {
            apply(&mut text, m);
        }
        if let Some(workbook) = check_load(&text)? {
            let _ = derive(&workbook);
        }
    }
}

proptest! {
    // Nearly every case here loads fully and twice (about 14 ms in a debug
    // build), so a twentieth of the cases; the three properties above give
    // the loader its 30,000 cases.
    #![proptest_config(ProptestConfig { cases: (cases() / 20).max(1), ..config() })]

    #[test]
    fn load_never_panics_on_odd_values_in_the_sample(picks in picks()) {
        if let Some(workbook) = check_load(&sample_with(picks))? {
            check_round_trip(&workbook)?;
        }
    }

    /// Amounts or weights near ±7.9e28, which the loader and `parse_number`
    /// accept, must not make the engine's Decimal arithmetic panic.
    #[test]
    fn derive_never_panics_on_odd_values_in_the_sample(picks in picks()) {
        if let Some(workbook) = check_load(&sample_with(picks))? {
            let _ = derive(&workbook);
        }
    }
}

/// The smallest known case of the failure above, for whoever fixes it.
#[test]
fn derive_survives_the_largest_amount() {
    let text = SAMPLE_JSON.replacen(
        "\"income_budget_other\": ",
        "\"income_budget_other\": \"79228162514264337593543950335\", \"x_old\": ",
        1,
    );
    let loaded = load(&text).expect("loads");
    let _ = derive(&loaded.workbook);
}

/// A typed amount the parser accepts must not crash the engine either.
#[test]
fn a_typed_huge_amount_does_not_crash_the_engine() {
    let value =
        parse_number("79228162514264337593543950335", NumberRules::MONEY).expect("accepted");
    let mut workbook = jixiao::core::sample::sample_workbook();
    assert!(jixiao::core::model::FieldId::IncomeBudgetOther.set(&mut workbook, Some(value)));
    let _ = derive(&workbook);
}

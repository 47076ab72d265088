//! Reading a `Rule` in one pass. The derived reader (the kind flattened into
//! the rule, and tagged) buffered every rule twice before reading it, and a
//! review start reads tens of thousands of rules. This one takes the fields
//! as they come: once `kind` is known (jixiao writes it before the kind's own
//! fields) each field goes straight to its place. A field that comes before
//! `kind` is kept as a JSON value and read when the kind is known. It accepts
//! and refuses what the derived reader did: a kind's missing field, a
//! duplicate, an unknown kind are errors; fields the kind does not have are
//! ignored unread.

use std::borrow::Cow;
use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::table::{
    Band, Category, CategorySource, ChecklistMode, Level, Limits, NotApplicableMode, Rule,
    RuleKind, default_levels,
};
use super::{Basis, TableFormula};
use crate::core::model::MetricId;

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RuleVisitor)
    }
}

/// The kinds as files name them (the derived names, so an unknown kind is
/// refused with the same list).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Tag {
    Threshold,
    Step,
    Bands,
    Proportional,
    Categorical,
    Checklist,
    Levels,
    Manual,
    NotApplicable,
}

/// A stored decimal (`num::dec_str`).
struct Dec(Decimal);

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::core::num::dec_str::deserialize(deserializer).map(Dec)
    }
}

/// A stored decimal or null (`num::dec_str_opt`).
struct OptDec(Option<Decimal>);

impl<'de> Deserialize<'de> for OptDec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::core::num::dec_str_opt::deserialize(deserializer).map(OptDec)
    }
}

/// Where a field's value is read from: the file as it is parsed, or a value
/// kept because it came before `kind`.
trait Source<E> {
    fn take<T: DeserializeOwned>(self) -> Result<T, E>;
    fn skip(self) -> Result<(), E>;
}

struct Next<'m, A>(&'m mut A);

impl<'de, A: MapAccess<'de>> Source<A::Error> for Next<'_, A> {
    fn take<T: DeserializeOwned>(self) -> Result<T, A::Error> {
        self.0.next_value()
    }

    fn skip(self) -> Result<(), A::Error> {
        self.0.next_value::<IgnoredAny>().map(|_| ())
    }
}

struct Held(serde_json::Value);

impl<E: de::Error> Source<E> for Held {
    fn take<T: DeserializeOwned>(self) -> Result<T, E> {
        T::deserialize(self.0).map_err(E::custom)
    }

    fn skip(self) -> Result<(), E> {
        Ok(())
    }
}

/// Each field of every kind, filled as read; `Some` once seen, so a second
/// one is a duplicate.
#[derive(Default)]
struct Slots {
    threshold: Option<Decimal>,
    deduct_per_point: Option<Decimal>,
    above_is_bad: Option<bool>,
    max_deduct: Option<OptDec>,
    zero_beyond: Option<OptDec>,
    symmetric: Option<bool>,
    full_at: Option<Decimal>,
    full_at_optional: Option<OptDec>,
    step: Option<Decimal>,
    deduct: Option<Decimal>,
    started_step_counts: Option<bool>,
    bands: Option<Vec<Band>>,
    otherwise: Option<Decimal>,
    cap: Option<Decimal>,
    round_to_whole: Option<bool>,
    source: Option<CategorySource>,
    categories: Option<Vec<Category>>,
    items: Option<Vec<String>>,
    points: Option<Decimal>,
    checklist_mode: Option<ChecklistMode>,
    levels: Option<Vec<Level>>,
    not_applicable_mode: Option<NotApplicableMode>,
}

fn put<T, E: de::Error>(slot: &mut Option<T>, name: &'static str, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::duplicate_field(name));
    }
    *slot = Some(value);
    Ok(())
}

fn need<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

impl Slots {
    /// Reads `key` of a rule of kind `tag` into its slot, or skips it.
    fn read<E: de::Error>(&mut self, tag: Tag, key: &str, source: impl Source<E>) -> Result<(), E> {
        use Tag::{
            Bands, Categorical, Checklist, Levels, NotApplicable, Proportional, Step, Threshold,
        };
        match (tag, key) {
            (Threshold, "threshold") => {
                put(&mut self.threshold, "threshold", source.take::<Dec>()?.0)
            }
            (Threshold, "deduct_per_point") => put(
                &mut self.deduct_per_point,
                "deduct_per_point",
                source.take::<Dec>()?.0,
            ),
            (Threshold, "above_is_bad") => {
                put(&mut self.above_is_bad, "above_is_bad", source.take()?)
            }
            (Threshold, "max_deduct") => {
                put(&mut self.max_deduct, "max_deduct", source.take::<OptDec>()?)
            }
            (Threshold, "zero_beyond") => put(
                &mut self.zero_beyond,
                "zero_beyond",
                source.take::<OptDec>()?,
            ),
            (Threshold, "symmetric") => put(&mut self.symmetric, "symmetric", source.take()?),
            (Step, "full_at") => put(&mut self.full_at, "full_at", source.take::<Dec>()?.0),
            (Step, "step") => put(&mut self.step, "step", source.take::<Dec>()?.0),
            (Step, "deduct") => put(&mut self.deduct, "deduct", source.take::<Dec>()?.0),
            (Step, "started_step_counts") => put(
                &mut self.started_step_counts,
                "started_step_counts",
                source.take()?,
            ),
            (Bands, "bands") => put(&mut self.bands, "bands", source.take()?),
            (Bands, "otherwise") => put(&mut self.otherwise, "otherwise", source.take::<Dec>()?.0),
            (Proportional, "cap") => put(&mut self.cap, "cap", source.take::<Dec>()?.0),
            (Proportional, "round_to_whole") => {
                put(&mut self.round_to_whole, "round_to_whole", source.take()?)
            }
            (Proportional, "full_at") => put(
                &mut self.full_at_optional,
                "full_at",
                source.take::<OptDec>()?,
            ),
            (Categorical, "source") => put(&mut self.source, "source", source.take()?),
            (Categorical, "categories") => put(&mut self.categories, "categories", source.take()?),
            (Checklist, "items") => put(&mut self.items, "items", source.take()?),
            (Checklist, "points") => put(&mut self.points, "points", source.take::<Dec>()?.0),
            (Checklist, "mode") => put(&mut self.checklist_mode, "mode", source.take()?),
            (Levels, "levels") => put(&mut self.levels, "levels", source.take()?),
            (NotApplicable, "mode") => put(&mut self.not_applicable_mode, "mode", source.take()?),
            _ => source.skip(),
        }
    }

    /// The rule kind from its fields, with each kind's defaults.
    fn build<E: de::Error>(self, tag: Tag) -> Result<RuleKind, E> {
        Ok(match tag {
            Tag::Threshold => RuleKind::Threshold {
                threshold: need(self.threshold, "threshold")?,
                deduct_per_point: need(self.deduct_per_point, "deduct_per_point")?,
                above_is_bad: self.above_is_bad.unwrap_or(true),
                limits: Limits {
                    max_deduct: self.max_deduct.and_then(|d| d.0),
                    zero_beyond: self.zero_beyond.and_then(|d| d.0),
                    symmetric: self.symmetric.unwrap_or(false),
                },
            },
            Tag::Step => RuleKind::Step {
                full_at: need(self.full_at, "full_at")?,
                step: need(self.step, "step")?,
                deduct: need(self.deduct, "deduct")?,
                started_step_counts: self.started_step_counts.unwrap_or(false),
            },
            Tag::Bands => RuleKind::Bands {
                bands: need(self.bands, "bands")?,
                otherwise: need(self.otherwise, "otherwise")?,
            },
            Tag::Proportional => RuleKind::Proportional {
                cap: self.cap.unwrap_or(Decimal::ONE_HUNDRED),
                round_to_whole: self.round_to_whole.unwrap_or(false),
                full_at: self.full_at_optional.and_then(|d| d.0),
            },
            Tag::Categorical => RuleKind::Categorical {
                source: need(self.source, "source")?,
                categories: need(self.categories, "categories")?,
            },
            Tag::Checklist => RuleKind::Checklist {
                items: need(self.items, "items")?,
                points: need(self.points, "points")?,
                mode: self.checklist_mode.unwrap_or_default(),
            },
            Tag::Levels => RuleKind::Levels {
                levels: self.levels.unwrap_or_else(default_levels),
            },
            Tag::Manual => RuleKind::Manual,
            Tag::NotApplicable => RuleKind::NotApplicable {
                mode: need(self.not_applicable_mode, "mode")?,
            },
        })
    }
}

/// A map key, borrowed from the text when it has no escapes (serde's own
/// `Cow<str>` always copies).
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(key)))
            }

            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key.to_owned())))
            }

            fn visit_string<E: de::Error>(self, key: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(key)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = Rule;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("struct Rule")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Rule, A::Error> {
        let mut metric: Option<Option<MetricId>> = None;
        let mut basis: Option<Option<Basis>> = None;
        let mut formula: Option<Option<TableFormula>> = None;
        let mut tag: Option<Tag> = None;
        let mut slots = Slots::default();
        let mut early: Vec<(String, serde_json::Value)> = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            match key.as_ref() {
                "metric" => put(&mut metric, "metric", map.next_value()?)?,
                "basis" => put(&mut basis, "basis", map.next_value()?)?,
                "formula" => put(&mut formula, "formula", map.next_value()?)?,
                "kind" => put(&mut tag, "kind", map.next_value()?)?,
                other => match tag {
                    Some(tag) => slots.read(tag, other, Next(&mut map))?,
                    None => early.push((other.to_owned(), map.next_value()?)),
                },
            }
        }
        let tag = need(tag, "kind")?;
        for (key, value) in early {
            slots.read(tag, &key, Held(value))?;
        }
        Ok(Rule {
            metric: metric.flatten(),
            basis: basis.flatten(),
            formula: formula.flatten(),
            kind: slots.build(tag)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;
    use crate::synth::Generator;

    /// The derived reader this one replaces, kept as the reference.
    #[derive(Debug, Deserialize)]
    struct DerivedRule {
        #[serde(default)]
        metric: Option<MetricId>,
        #[serde(default)]
        basis: Option<Basis>,
        #[serde(default)]
        formula: Option<TableFormula>,
        #[serde(flatten)]
        kind: RuleKind,
    }

    impl From<DerivedRule> for Rule {
        fn from(d: DerivedRule) -> Self {
            Rule {
                metric: d.metric,
                basis: d.basis,
                formula: d.formula,
                kind: d.kind,
            }
        }
    }

    fn both(text: &str) -> (Result<Rule, String>, Result<Rule, String>) {
        let ours = serde_json::from_str::<Rule>(text).map_err(|e| e.to_string());
        let derived = serde_json::from_str::<DerivedRule>(text)
            .map(Rule::from)
            .map_err(|e| e.to_string());
        (ours, derived)
    }

    fn assert_same(text: &str) {
        let (ours, derived) = both(text);
        match (&ours, &derived) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: ours {ours:?}, derived {derived:?}"),
        }
        // Read from a JSON tree (as `core::format::load` does) too; a tree
        // keeps one of two equal keys, so compare with the derived reader there.
        if let Ok(tree) = serde_json::from_str::<serde_json::Value>(text) {
            let ours = serde_json::from_value::<Rule>(tree.clone()).ok();
            let derived = serde_json::from_value::<DerivedRule>(tree)
                .ok()
                .map(Rule::from);
            assert_eq!(ours, derived, "{text}: from a tree");
        }
    }

    #[test]
    fn every_rule_written_reads_back_as_before() {
        let mut rules = Vec::new();
        let mut collect = |wb: &crate::core::model::Workbook| {
            for (_, ind) in wb.table.flatten() {
                if let Some(rule) = &ind.rule {
                    rules.push(rule.clone());
                }
            }
        };
        collect(&sample_workbook());
        let generator = Generator::new();
        for index in 1..=40 {
            collect(&generator.generate(index).workbook);
        }
        assert!(rules.len() > 500, "{} rules", rules.len());
        for rule in &rules {
            let text = serde_json::to_string(rule).expect("written");
            assert_same(&text);
            assert_eq!(&serde_json::from_str::<Rule>(&text).expect("read"), rule);
        }
    }

    #[test]
    fn odd_rules_are_read_or_refused_as_before() {
        let cases = [
            // The kind after its fields, and in the middle of them.
            r#"{"threshold":"90","deduct_per_point":"0.5","kind":"threshold"}"#,
            r#"{"full_at":"100","kind":"step","step":"5","deduct":"1"}"#,
            r#"{"metric":"budget_execution_rate","kind":"threshold","threshold":"90","deduct_per_point":"1","max_deduct":"3","symmetric":true}"#,
            // Defaults.
            r#"{"kind":"proportional"}"#,
            r#"{"kind":"proportional","full_at":null}"#,
            r#"{"kind":"levels"}"#,
            r#"{"kind":"manual"}"#,
            r#"{"kind":"checklist","items":["a","b"],"points":"1"}"#,
            r#"{"kind":"checklist","items":[],"points":"1","mode":"award"}"#,
            r#"{"kind":"not_applicable","mode":"rescale"}"#,
            r#"{"kind":"bands","bands":[{"op":"ge","bound":"90","points":"5"}],"otherwise":"0"}"#,
            r#"{"kind":"categorical","source":"officer","categories":[{"key":"a","label":"甲","points":"2"}]}"#,
            // Fields the kind does not have are ignored unread, whatever they hold.
            r#"{"kind":"manual","threshold":5,"bands":"junk","mode":"x"}"#,
            r#"{"bands":{"odd":1},"kind":"manual"}"#,
            r#"{"kind":"manual","future_field":[1,2,3]}"#,
            // Refused: no kind, an unknown kind, a missing field, a bad type,
            // a duplicate, a bad mode, a bad number.
            r#"{"threshold":"90"}"#,
            r#"{"kind":"guess"}"#,
            r#"{"kind":"threshold","threshold":"90"}"#,
            r#"{"kind":"step","full_at":null,"step":"5","deduct":"1"}"#,
            r#"{"kind":"threshold","threshold":90,"deduct_per_point":"1"}"#,
            r#"{"kind":"manual","kind":"manual"}"#,
            r#"{"kind":"levels","levels":[],"levels":[]}"#,
            r#"{"kind":"not_applicable","mode":"sometimes"}"#,
            r#"{"kind":"not_applicable"}"#,
            r#"{"kind":"checklist","items":["a"],"points":"1,0"}"#,
            r#"{"threshold":"x9","kind":"threshold","deduct_per_point":"1"}"#,
            r#"{"metric":"no_such_metric","kind":"manual"}"#,
            r#"{"kind":5}"#,
            r#""manual""#,
            r"[]",
        ];
        for case in cases {
            assert_same(case);
        }
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let message = |text: &str| {
            serde_json::from_str::<Rule>(text)
                .expect_err(text)
                .to_string()
        };
        assert!(message(r#"{"threshold":"90"}"#).contains("missing field `kind`"));
        assert!(
            message(r#"{"kind":"threshold","threshold":"90"}"#)
                .contains("missing field `deduct_per_point`")
        );
        assert!(message(r#"{"kind":"guess"}"#).contains("unknown variant `guess`"));
        assert!(message(r#"{"kind":"manual","kind":"manual"}"#).contains("duplicate field `kind`"));
        assert!(
            message(r#"{"kind":"checklist","items":[],"points":"1,0"}"#)
                .contains("invalid number \"1,0\"")
        );
    }
}

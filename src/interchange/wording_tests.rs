//! Issue 13's wordings: each is read into a rule (or left manual with a
//! reason), and the rule scores right at, just above and just below every bound.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::rules::{Recognised, recognise};
use crate::core::engine::rules::{RuleOutcome, score_plain};
use crate::core::model::{NotApplicableMode, RuleKind};

fn read(name: &str, standard: &str, weight: Decimal) -> Recognised {
    recognise(name, standard, "", weight)
}

fn score_at(kind: &RuleKind, weight: Decimal, value: Decimal) -> Decimal {
    score_plain(kind, weight, value, |outcome| match outcome {
        RuleOutcome::Worked { score, .. } => score.max(Decimal::ZERO).min(weight).normalize(),
        _ => panic!("not computed: {kind:?}"),
    })
}

/// (rate, expected score) pairs, written `rate => score`.
macro_rules! at {
    ($($rate:literal => $score:literal),* $(,)?) => {
        &[$((dec!($rate), dec!($score))),*]
    };
}

/// A wording, the metric and weight it is read for, and (rate, expected score)
/// at, just above and just below every bound.
struct Wording {
    /// What the wording shows, named in a failure.
    case: &'static str,
    name: &'static str,
    standard: &'static str,
    weight: Decimal,
    scores: &'static [(Decimal, Decimal)],
}

const WORDINGS: &[Wording] = &[
    Wording {
        case: "bands with percent of weight and included ends",
        name: "预算执行率",
        standard: "≥95%得满分，90%（含）-95%得80%分值，85%-90%得60%，85%以下不得分",
        weight: dec!(5),
        scores: at![
            95.01 => 5, 95 => 5, 94.99 => 4, 92 => 4, 90 => 4, 89.99 => 3,
            85 => 3, 84.99 => 0, 0 => 0
        ],
    },
    Wording {
        case: "bands written from the low end",
        name: "预算执行率",
        standard: "85%以下不得分；85%-90%得60%分值；90%-95%得80%分值；95%以上得满分",
        weight: dec!(10),
        scores: at![
            84.99 => 0, 85 => 6, 85.01 => 6, 89.99 => 6, 90 => 8, 94.99 => 8,
            95 => 10, 95.01 => 10
        ],
    },
    Wording {
        case: "interval with both comparisons (1)",
        name: "重点支出安排率",
        standard: "重点支出安排率≥90%得5分；80%≤重点支出安排率<90%得3分；低于80%不得分",
        weight: dec!(5),
        scores: at![
            90.01 => 5, 90 => 5, 89.99 => 3, 80.01 => 3, 80 => 3, 79.99 => 0,
            0 => 0
        ],
    },
    Wording {
        case: "interval with both comparisons (2)",
        name: "预算执行率",
        standard: "执行率≥95%得5分；90%≤执行率<95%得4分；其余不得分",
        weight: dec!(5),
        scores: at![95 => 5, 94.99 => 4, 90 => 4, 89.99 => 0],
    },
    Wording {
        case: "rising ranges without included ends",
        name: "预算调整率",
        standard: "预算调整率≤10%得3分；10%-20%得2分；高于20%不得分",
        weight: dec!(3),
        scores: at![9.99 => 3, 10 => 3, 10.01 => 2, 19.99 => 2, 20 => 2, 20.01 => 0],
    },
    Wording {
        case: "a range alone with otherwise",
        name: "结转结余率",
        standard: "结转结余率10%-20%得50%分值，10%以下得满分，其余不得分",
        weight: dec!(4),
        scores: at![9.99 => 4, 10 => 4, 10.01 => 2, 20 => 2, 20.01 => 0],
    },
    Wording {
        case: "deduction cap",
        name: "财政拨款收入预决算差异率",
        standard: "差异率≤5%得满分，每超过1个百分点扣1分，最多扣3分",
        weight: dec!(5),
        scores: at![
            4.99 => 5, 5 => 5, 5.01 => 4.99, 7.99 => 2.01, 8 => 2, 8.01 => 2,
            50 => 2
        ],
    },
    Wording {
        case: "zero tail after a threshold",
        name: "财政拨款收入预决算差异率",
        standard: "差异率≤5%得满分，每超过1个百分点扣0.5分，20%以上不得分",
        weight: dec!(10),
        scores: at![5 => 10, 5.01 => 9.995, 19.99 => 2.505, 20 => 2.5, 20.01 => 0],
    },
    Wording {
        case: "full marks above a floor then proportional",
        name: "政府采购执行率",
        standard: "≥90%得满分，低于90%的，按比例得分",
        weight: dec!(9),
        scores: at![90.01 => 9, 90 => 9, 89.99 => 8.999, 45 => 4.5, 0 => 0],
    },
    Wording {
        case: "equal to zero gets full marks",
        name: "三公经费变动率",
        standard: "三公经费变动率=0得满分，否则不得分",
        weight: dec!(3),
        scores: at![0 => 3, 0.01 => 0, -0.01 => 0],
    },
    Wording {
        case: "symmetric band",
        name: "财政拨款收入预决算差异率",
        standard: "差异率在±5%以内得满分，每超过1个百分点扣1分，扣完为止",
        weight: dec!(5),
        scores: at![-5.01 => 4.99, -5 => 5, -4.99 => 5, 4.99 => 5, 5 => 5, 5.01 => 4.99],
    },
    Wording {
        case: "whole points",
        name: "政府采购执行率",
        standard: "得分=政府采购执行率×分值，得分取整",
        weight: dec!(5),
        scores: at![89 => 4, 90 => 5, 91 => 5, 69.99 => 3],
    },
];

/// Reads each wording, expects a computed rule, and checks each (rate, score).
#[test]
fn each_wording_scores_right_around_its_bounds() {
    for w in WORDINGS {
        let found = read(w.name, w.standard, w.weight);
        assert!(
            found.recognised && found.rule.kind != RuleKind::Manual,
            "{}: {}: left manual ({:?})",
            w.case,
            w.standard,
            found.note
        );
        for (value, expected) in w.scores {
            assert_eq!(
                score_at(&found.rule.kind, w.weight, *value),
                expected.normalize(),
                "{}: {} at {value}: {:?}",
                w.case,
                w.standard,
                found.rule.kind
            );
        }
    }
}

/// The kind a wording that names its outcomes was read as, and each outcome
/// with its points (categories) or percent of the weight (levels).
fn named_outcomes(name: &str, standard: &str) -> (&'static str, Vec<(String, Decimal)>) {
    let found = read(name, standard, dec!(5));
    match &found.rule.kind {
        RuleKind::Categorical { categories, .. } => (
            "categorical",
            categories
                .iter()
                .map(|c| (c.key.clone(), c.points.normalize()))
                .collect(),
        ),
        RuleKind::Levels { levels } => (
            "levels",
            levels
                .iter()
                .map(|l| (l.label.clone(), l.percent.normalize()))
                .collect(),
        ),
        other => ("other", vec![(format!("{other:?}"), Decimal::ZERO)]),
    }
}

#[test]
fn stock_categories_and_excellent_good_fair_poor_levels() {
    let cases = [
        (
            "国库集中支付结转结余存量资金效率性",
            "存量资金为0得满分；较上年下降得80%；持平得50%；上升不得分",
            "categorical",
            &[
                ("zero", dec!(5)),
                ("decreased", dec!(4)),
                ("unchanged", dec!(2.5)),
                ("increased", dec!(0)),
            ],
        ),
        (
            "目标完成质量",
            "优秀得满分，良好得80%，一般得60%，较差不得分",
            "levels",
            &[
                ("优秀", dec!(100)),
                ("良好", dec!(80)),
                ("一般", dec!(60)),
                ("较差", dec!(0)),
            ],
        ),
    ];
    for (name, standard, kind, expected) in cases {
        let (read_kind, outcomes) = named_outcomes(name, standard);
        assert_eq!(read_kind, kind, "{standard}: {outcomes:?}");
        let expected: Vec<(String, Decimal)> =
            expected.iter().map(|&(k, v)| (k.to_owned(), v)).collect();
        assert_eq!(outcomes, expected, "{standard}");
    }
}

#[test]
fn whole_points() {
    // 取整 a rule cannot honour is not dropped silently.
    let found = read("预算执行率", "≥95%得5分，其余不得分，得分取整", dec!(5));
    assert_eq!(found.rule.kind, RuleKind::Manual);
    assert!(found.note.expect("note").zh.contains("取整"));
}

#[test]
fn rescale_wordings() {
    for s in [
        "未开展此项工作的，权重按比例分配至其他指标",
        "不适用的，该指标权重按比例分配到其他指标",
    ] {
        let found = read("政府采购", s, dec!(3));
        assert_eq!(
            found.rule.kind,
            RuleKind::NotApplicable {
                mode: NotApplicableMode::Rescale
            },
            "{s}"
        );
    }
}

#[test]
fn what_is_not_understood_stays_manual_and_is_named() {
    for (s, part) in [
        // A third band the reader cannot place (no bound in its clause).
        (
            "执行率≥95%得满分；90%（含）以上得4分；较好的得3.5分；其余不得分",
            "3.5",
        ),
        // A per-point rule with a second slope.
        (
            "差异率≤5%得满分，每超过1个百分点扣1分；超过10%后每超过1个百分点扣2分",
            "2",
        ),
    ] {
        let found = read("预算执行率", s, dec!(5));
        assert_eq!(found.rule.kind, RuleKind::Manual, "{s}");
        let note = found.note.expect("note");
        assert!(note.zh.contains(part), "{s}: {}", note.zh);
    }
}

#[test]
fn each_kinds_listed_phrasings_are_read_as_that_kind() {
    for (key, phrasings) in crate::core::engine::rules::PHRASINGS {
        for phrasing in phrasings {
            let found = read("预算执行率", phrasing, dec!(5));
            let json = serde_json::to_value(&found.rule).expect("rule");
            assert_eq!(json["kind"], key, "{phrasing}: {:?}", found.note);
        }
    }
}

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

/// Reads the wording, expects a computed rule, and checks each (rate, score).
fn scores(name: &str, standard: &str, weight: Decimal, cases: &[(Decimal, Decimal)]) {
    let found = read(name, standard, weight);
    assert!(
        found.recognised && found.rule.kind != RuleKind::Manual,
        "{standard}: left manual ({:?})",
        found.note
    );
    for (value, expected) in cases {
        assert_eq!(
            score_at(&found.rule.kind, weight, *value),
            expected.normalize(),
            "{standard} at {value}: {:?}",
            found.rule.kind
        );
    }
}

#[test]
fn bands_with_percent_of_weight_and_included_ends() {
    let s = "≥95%得满分，90%（含）-95%得80%分值，85%-90%得60%，85%以下不得分";
    scores(
        "预算执行率",
        s,
        dec!(5),
        &[
            (dec!(95.01), dec!(5)),
            (dec!(95), dec!(5)),
            (dec!(94.99), dec!(4)),
            (dec!(92), dec!(4)),
            (dec!(90), dec!(4)),
            (dec!(89.99), dec!(3)),
            (dec!(85), dec!(3)),
            (dec!(84.99), dec!(0)),
            (dec!(0), dec!(0)),
        ],
    );
}

#[test]
fn bands_written_from_the_low_end() {
    let s = "85%以下不得分；85%-90%得60%分值；90%-95%得80%分值；95%以上得满分";
    scores(
        "预算执行率",
        s,
        dec!(10),
        &[
            (dec!(84.99), dec!(0)),
            (dec!(85), dec!(6)),
            (dec!(85.01), dec!(6)),
            (dec!(89.99), dec!(6)),
            (dec!(90), dec!(8)),
            (dec!(94.99), dec!(8)),
            (dec!(95), dec!(10)),
            (dec!(95.01), dec!(10)),
        ],
    );
}

#[test]
fn interval_with_both_comparisons() {
    let s = "重点支出安排率≥90%得5分；80%≤重点支出安排率<90%得3分；低于80%不得分";
    scores(
        "重点支出安排率",
        s,
        dec!(5),
        &[
            (dec!(90.01), dec!(5)),
            (dec!(90), dec!(5)),
            (dec!(89.99), dec!(3)),
            (dec!(80.01), dec!(3)),
            (dec!(80), dec!(3)),
            (dec!(79.99), dec!(0)),
            (dec!(0), dec!(0)),
        ],
    );
    let s = "执行率≥95%得5分；90%≤执行率<95%得4分；其余不得分";
    scores(
        "预算执行率",
        s,
        dec!(5),
        &[
            (dec!(95), dec!(5)),
            (dec!(94.99), dec!(4)),
            (dec!(90), dec!(4)),
            (dec!(89.99), dec!(0)),
        ],
    );
}

#[test]
fn rising_ranges_without_included_ends() {
    let s = "预算调整率≤10%得3分；10%-20%得2分；高于20%不得分";
    scores(
        "预算调整率",
        s,
        dec!(3),
        &[
            (dec!(9.99), dec!(3)),
            (dec!(10), dec!(3)),
            (dec!(10.01), dec!(2)),
            (dec!(19.99), dec!(2)),
            (dec!(20), dec!(2)),
            (dec!(20.01), dec!(0)),
        ],
    );
}

#[test]
fn a_range_alone_with_otherwise() {
    let s = "结转结余率10%-20%得50%分值，10%以下得满分，其余不得分";
    scores(
        "结转结余率",
        s,
        dec!(4),
        &[
            (dec!(9.99), dec!(4)),
            (dec!(10), dec!(4)),
            (dec!(10.01), dec!(2)),
            (dec!(20), dec!(2)),
            (dec!(20.01), dec!(0)),
        ],
    );
}

#[test]
fn stock_categories_with_percent_points() {
    let s = "存量资金为0得满分；较上年下降得80%；持平得50%；上升不得分";
    let found = read("国库集中支付结转结余存量资金效率性", s, dec!(5));
    let RuleKind::Categorical { categories, .. } = &found.rule.kind else {
        panic!("categorical expected: {:?}", found.rule.kind);
    };
    let points: Vec<(&str, Decimal)> = categories
        .iter()
        .map(|c| (c.key.as_str(), c.points.normalize()))
        .collect();
    assert_eq!(
        points,
        vec![
            ("zero", dec!(5)),
            ("decreased", dec!(4)),
            ("unchanged", dec!(2.5)),
            ("increased", dec!(0))
        ]
    );
}

#[test]
fn deduction_cap() {
    let s = "差异率≤5%得满分，每超过1个百分点扣1分，最多扣3分";
    scores(
        "财政拨款收入预决算差异率",
        s,
        dec!(5),
        &[
            (dec!(4.99), dec!(5)),
            (dec!(5), dec!(5)),
            (dec!(5.01), dec!(4.99)),
            (dec!(7.99), dec!(2.01)),
            (dec!(8), dec!(2)),
            (dec!(8.01), dec!(2)),
            (dec!(50), dec!(2)),
        ],
    );
}

#[test]
fn zero_tail_after_a_threshold() {
    let s = "差异率≤5%得满分，每超过1个百分点扣0.5分，20%以上不得分";
    scores(
        "财政拨款收入预决算差异率",
        s,
        dec!(10),
        &[
            (dec!(5), dec!(10)),
            (dec!(5.01), dec!(9.995)),
            (dec!(19.99), dec!(2.505)),
            (dec!(20), dec!(2.5)),
            (dec!(20.01), dec!(0)),
        ],
    );
}

#[test]
fn full_marks_above_a_floor_then_proportional() {
    let s = "≥90%得满分，低于90%的，按比例得分";
    scores(
        "政府采购执行率",
        s,
        dec!(9),
        &[
            (dec!(90.01), dec!(9)),
            (dec!(90), dec!(9)),
            (dec!(89.99), dec!(8.999)),
            (dec!(45), dec!(4.5)),
            (dec!(0), dec!(0)),
        ],
    );
}

#[test]
fn excellent_good_fair_poor_levels() {
    let s = "优秀得满分，良好得80%，一般得60%，较差不得分";
    let found = read("目标完成质量", s, dec!(5));
    let RuleKind::Levels { levels } = &found.rule.kind else {
        panic!("levels expected: {:?}", found.rule.kind);
    };
    let read: Vec<(&str, Decimal)> = levels
        .iter()
        .map(|l| (l.label.as_str(), l.percent.normalize()))
        .collect();
    assert_eq!(
        read,
        vec![
            ("优秀", dec!(100)),
            ("良好", dec!(80)),
            ("一般", dec!(60)),
            ("较差", dec!(0))
        ]
    );
}

#[test]
fn equal_to_zero_gets_full_marks() {
    let s = "三公经费变动率=0得满分，否则不得分";
    scores(
        "三公经费变动率",
        s,
        dec!(3),
        &[
            (dec!(0), dec!(3)),
            (dec!(0.01), dec!(0)),
            (dec!(-0.01), dec!(0)),
        ],
    );
}

#[test]
fn symmetric_band() {
    let s = "差异率在±5%以内得满分，每超过1个百分点扣1分，扣完为止";
    scores(
        "财政拨款收入预决算差异率",
        s,
        dec!(5),
        &[
            (dec!(-5.01), dec!(4.99)),
            (dec!(-5), dec!(5)),
            (dec!(-4.99), dec!(5)),
            (dec!(4.99), dec!(5)),
            (dec!(5), dec!(5)),
            (dec!(5.01), dec!(4.99)),
        ],
    );
}

#[test]
fn whole_points() {
    let s = "得分=政府采购执行率×分值，得分取整";
    scores(
        "政府采购执行率",
        s,
        dec!(5),
        &[
            (dec!(89), dec!(4)),
            (dec!(90), dec!(5)),
            (dec!(91), dec!(5)),
            (dec!(69.99), dec!(3)),
        ],
    );
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

//! The sentence jixiao writes for a rule imports back as the same rule, for
//! every rule kind and random parameters (issue 13).

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::rules::recognise;
use crate::core::engine::MetricId;
use crate::core::engine::rule_text::describe_rule;
use crate::core::model::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Limits, NotApplicableMode, RuleKind,
    Upper,
};

/// A decimal with up to two places from hundredths.
fn dec2(hundredths: u32) -> Decimal {
    Decimal::new(i64::from(hundredths), 2)
}

/// Writes the rule's sentence, imports it under the indicator `name`, and compares.
fn round_trip(name: &str, kind: &RuleKind, weight: Decimal) -> Result<(), TestCaseError> {
    let sentence = describe_rule(kind, weight).zh;
    let found = recognise(name, &sentence, "", weight);
    prop_assert_eq!(&found.rule.kind, kind, "{} ({:?})", sentence, found.note);
    Ok(())
}

const VARIANCE: &str = "财政拨款收入预决算差异率";
const EXECUTION: &str = "预算执行率";

proptest! {
    #[test]
    fn threshold(t in 0u32..3000, per in 1u32..400, cap in proptest::option::of(1u32..10),
                 zero in proptest::option::of(31u32..90), symmetric: bool, w in 1u32..20) {
        let weight = Decimal::from(w);
        let kind = RuleKind::Threshold {
            threshold: dec2(t),
            deduct_per_point: dec2(per),
            above_is_bad: true,
            limits: Limits {
                max_deduct: cap.map(Decimal::from),
                zero_beyond: zero.map(Decimal::from),
                symmetric,
            },
        };
        round_trip(VARIANCE, &kind, weight)?;
    }

    #[test]
    fn step(full in 5000u32..10000, step in 1u32..10, deduct in 1u32..300, started: bool, w in 1u32..20) {
        let kind = RuleKind::Step {
            full_at: dec2(full),
            step: Decimal::from(step),
            deduct: dec2(deduct),
            started_step_counts: started,
        };
        round_trip(EXECUTION, &kind, Decimal::from(w))?;
    }

    #[test]
    fn bands(top in 60u32..100, gaps in proptest::collection::vec(1u32..10, 1..4),
             points in proptest::collection::vec(0u32..1000, 5), w in 10u32..20) {
        // A falling table: ≥top, then intervals [lo, hi) below it, then otherwise.
        let mut bands = vec![Band::new(BandOp::Ge, Decimal::from(top), dec2(points[0]))];
        let mut hi = top;
        for (i, gap) in gaps.iter().enumerate() {
            let lo = hi.saturating_sub(*gap);
            bands.push(Band {
                upper: Some(Upper { op: BandOp::Lt, bound: Decimal::from(hi) }),
                ..Band::new(BandOp::Ge, Decimal::from(lo), dec2(points[i + 1]))
            });
            hi = lo;
        }
        let kind = RuleKind::Bands { bands, otherwise: dec2(points[4]) };
        round_trip(EXECUTION, &kind, Decimal::from(w))?;
    }

    #[test]
    fn proportional(round: bool, full_at in proptest::option::of(50u32..100), w in 1u32..20) {
        let kind = RuleKind::Proportional {
            cap: Decimal::ONE_HUNDRED,
            round_to_whole: round,
            full_at: full_at.map(Decimal::from),
        };
        round_trip("政府采购执行率", &kind, Decimal::from(w))?;
    }

    #[test]
    fn categorical(points in proptest::collection::vec(0u32..500, 4), w in 5u32..20) {
        let labels = [
            ("zero", "存量资金为0"),
            ("decreased", "较上年下降"),
            ("unchanged", "与上年持平"),
            ("increased", "较上年上升"),
        ];
        let categories = labels
            .iter()
            .zip(&points)
            .map(|((key, label), p)| Category {
                key: (*key).to_owned(),
                label: (*label).to_owned(),
                points: dec2(*p),
            })
            .collect();
        let kind = RuleKind::Categorical { source: CategorySource::Metric, categories };
        round_trip("国库集中支付结转结余存量资金效率性", &kind, Decimal::from(w))?;
    }

    #[test]
    fn checklist(count in 1usize..20, points in 1u32..500, award: bool, w in 1u32..20) {
        let (mode, word) = if award {
            (ChecklistMode::Award, "要求")
        } else {
            (ChecklistMode::Deduct, "问题")
        };
        let kind = RuleKind::Checklist {
            items: (1..=count).map(|i| format!("{word}{i}")).collect(),
            points: dec2(points),
            mode,
        };
        round_trip("资金使用合规性", &kind, Decimal::from(w))?;
    }

    #[test]
    fn levels_manual_and_not_applicable(w in 1u32..20, rescale: bool) {
        let weight = Decimal::from(w);
        round_trip("目标完整性", &RuleKind::Levels { levels: crate::core::model::table::default_levels() }, weight)?;
        round_trip("履职效能", &RuleKind::Manual, weight)?;
        let mode = if rescale { NotApplicableMode::Rescale } else { NotApplicableMode::FullMarks };
        round_trip("资金下达合法性", &RuleKind::NotApplicable { mode }, weight)?;
    }
}

#[test]
fn the_metric_comes_back_too() {
    let found = recognise(
        VARIANCE,
        "≤5.00%得满分5分，每超过1个百分点扣0.5分，扣完为止",
        "",
        Decimal::from(5),
    );
    assert_eq!(
        found.rule.metric,
        Some(MetricId::AppropriationIncomeVarianceRate)
    );
}

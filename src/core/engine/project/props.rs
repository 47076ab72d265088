//! Properties of target scoring: a row never scores above its weight, the
//! total never above its cap, and rescaling keeps the maximum at 100.

use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{derive_project, indicator};
use crate::core::model::{
    Achievement, Direction, FormLayout, FundSource, ProjectForm, ProjectIndicator, ProjectScoring,
};

fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..2_000_000, 0u32..3).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn written() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            amount(),
            prop::sample::select(vec!["≥", "≤", "=", ""]),
            prop::sample::select(vec!["个", "%", "万元", ""])
        )
            .prop_map(|(v, s, u)| format!("{s}{v}{u}")),
        prop::sample::select(vec!["—", "*", "/", "效果明显", "在规定时间内完成", ""])
            .prop_map(str::to_owned),
    ]
}

fn row() -> impl Strategy<Value = ProjectIndicator> {
    (
        written(),
        written(),
        0i64..3_000,
        prop::option::of(-500i64..5_000),
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            Direction::AtLeast,
            Direction::AtMost,
            Direction::Equal,
            Direction::Qualitative,
        ])),
        prop::option::of(prop::sample::select(vec![
            Achievement::Achieved,
            Achievement::Partly,
            Achievement::NotAchieved,
        ])),
    )
        .prop_map(
            |(target, actual, weight, officer, na, direction, achievement)| ProjectIndicator {
                name: "指标".to_owned(),
                target,
                actual,
                weight: Decimal::new(weight, 2),
                officer_score: officer.map(|o| Decimal::new(o, 2)),
                not_applicable: na,
                direction,
                achievement,
                ..ProjectIndicator::default()
            },
        )
}

fn scoring() -> impl Strategy<Value = ProjectScoring> {
    (0i64..40, prop::option::of(0i64..5)).prop_map(|(deduct, ratio)| {
        let mut p = ProjectScoring::national();
        p.overshoot_deduction = Decimal::new(deduct, 1);
        p.overshoot_ratio = ratio.map(|r| Decimal::ONE + Decimal::new(r, 1));
        p
    })
}

/// A form whose weights add up to 100: rows share 90 in proportion.
fn form() -> impl Strategy<Value = ProjectForm> {
    (
        prop::collection::vec(row(), 1..12),
        prop::option::of(amount()),
        prop::option::of(amount()),
        scoring(),
    )
        .prop_map(|(mut rows, budget, executed, scoring)| {
            let n = i64::try_from(rows.len()).unwrap_or(1);
            for (i, r) in rows.iter_mut().enumerate() {
                // 90 split into n parts that add up exactly.
                let base = Decimal::new(9000 / n, 2);
                let extra = if i == 0 {
                    Decimal::new(9000 - (9000 / n) * n, 2)
                } else {
                    Decimal::ZERO
                };
                r.weight = base + extra;
            }
            let mut p = ProjectForm::new("项目", FormLayout::National);
            p.scoring = scoring;
            p.indicators = rows;
            let total = p.fund_mut(FundSource::Total);
            total.full_year = budget;
            total.executed = executed;
            p
        })
}

proptest! {
    #[test]
    fn target_scoring_never_exceeds_the_weight(r in row(), params in scoring()) {
        let s = indicator::score(&r, &params);
        if let Some(score) = s.score {
            prop_assert!(score <= r.weight, "{score} > {} ({:?})", r.weight, s);
            prop_assert!(score >= Decimal::ZERO);
        }
        if let Some(computed) = s.computed {
            prop_assert!(computed <= r.weight);
        }
    }

    #[test]
    fn the_total_never_exceeds_its_cap_nor_100(p in form()) {
        let d = derive_project(&p);
        prop_assert!(d.total <= Decimal::ONE_HUNDRED, "{}", d.total);
        prop_assert!(d.total >= Decimal::ZERO);
        if let Some(cap) = super::cap_for(d.execution_rate, &p.scoring) {
            prop_assert!(d.total <= cap, "{} above cap {cap}", d.total);
        }
    }

    #[test]
    fn rescaling_keeps_100(p in form()) {
        let d = derive_project(&p);
        prop_assert_eq!(d.max_total, Decimal::ONE_HUNDRED);
        // Every applicable row at full weight, rescaled, gives the grid's whole weight.
        if d.applicable_weight > Decimal::ZERO {
            let full = crate::core::num::round2(d.applicable_weight * d.rescale);
            prop_assert_eq!(full, d.indicator_weight);
        }
        prop_assert!(d.indicator_total <= d.indicator_weight);
    }
}

//! Issue 25's wordings, from bureau tables in layouts nobody here made: each
//! reads right, and no imported rule gives full marks where the words say
//! 不得分.

use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::rules::{Recognised, recognise};
use crate::core::engine::MetricId;
use crate::core::engine::rules::{RuleOutcome, score_plain};
use crate::core::model::{CategorySource, FieldId as F, RuleKind};

fn read(name: &str, standard: &str, weight: Decimal) -> Recognised {
    recognise(name, standard, "", weight)
}

fn score_at(kind: &RuleKind, weight: Decimal, value: Decimal) -> Decimal {
    score_plain(kind, weight, value, |outcome| match outcome {
        RuleOutcome::Worked { score, .. } => score.max(Decimal::ZERO).min(weight).normalize(),
        _ => panic!("not computed: {kind:?}"),
    })
}

#[test]
fn an_inventory_not_done_scores_nothing_and_is_no_not_applicable_case() {
    let r = read(
        "资产管理",
        "每年至少开展一次资产盘点，未开展的不得分",
        dec!(2),
    );
    let RuleKind::Categorical { source, categories } = &r.rule.kind else {
        panic!("{:?}", r.rule.kind);
    };
    assert_eq!(
        *source,
        CategorySource::Officer,
        "the officer says, no default"
    );
    let points: Vec<(&str, Decimal)> = categories
        .iter()
        .map(|c| (c.label.as_str(), c.points))
        .collect();
    assert_eq!(
        points,
        [("每年至少开展一次资产盘点", dec!(2)), ("未开展", dec!(0))]
    );
    let note = r.note.expect("note").zh;
    assert!(note.contains("不是不适用"), "{note}");
    // A real not-applicable case still reads as one.
    let r = read("资金下达合法性", "无下级单位的不涉及，得满分", dec!(2));
    assert!(
        matches!(r.rule.kind, RuleKind::NotApplicable { .. }),
        "{:?}",
        r.rule.kind
    );
}

#[test]
fn operating_costs_per_point_over_written_as_mei_chao() {
    let r = read(
        "公用经费控制率",
        "公用经费控制率≤100%得满分，每超1个百分点扣0.2分，扣完为止",
        dec!(4),
    );
    assert_eq!(r.rule.metric, Some(MetricId::OperatingCostControlRate));
    let w = dec!(4);
    for (rate, score) in [
        (dec!(100), dec!(4)),
        (dec!(100.01), dec!(3.998)),
        (dec!(105), dec!(3)),
        (dec!(120), dec!(0)),
        (dec!(130), dec!(0)),
    ] {
        assert_eq!(score_at(&r.rule.kind, w, rate), score, "{rate}");
    }
}

#[test]
fn bands_written_from_the_bottom_up_with_their_points_after_a_comma() {
    let w = dec!(4);
    let r = read(
        "财政拨款收入预决算差异率",
        "差异率＞10%的，该项不得分；5%＜差异率≤10%的，得50%；差异率≤5%的，得满分",
        w,
    );
    assert_eq!(
        r.rule.metric,
        Some(MetricId::AppropriationIncomeVarianceRate)
    );
    for (rate, score) in [
        (dec!(0), dec!(4)),
        (dec!(5), dec!(4)),
        (dec!(5.01), dec!(2)),
        (dec!(10), dec!(2)),
        (dec!(10.01), dec!(0)),
        (dec!(19.58), dec!(0)),
    ] {
        assert_eq!(score_at(&r.rule.kind, w, rate), score, "{rate}");
    }
}

#[test]
fn a_rate_under_no_band_is_scored_by_otherwise_and_warned() {
    // 岳阳 (domain.md S-YY): 预算调整率 0 → 3; (0,10 %] → 2; (10,20 %] → 1; > 20 % → 0.
    let standard =
        "预算调整率为0得3分；0<预算调整率≤10%得2分；10%<预算调整率≤20%得1分；预算调整率>20%不得分";
    let r = read("预算调整率", standard, dec!(3));
    assert_eq!(r.rule.metric, Some(MetricId::BudgetAdjustmentRate));
    let mut wb = crate::core::sample::sample_workbook();
    wb.table.indicators.push(crate::core::model::Indicator {
        code: "Y".into(),
        name: "预算调整率".into(),
        weight: dec!(3),
        standard: standard.into(),
        rule: Some(r.rule),
        ..crate::core::model::Indicator::default()
    });
    // A cut of 5 % of the initial budget: −5.00 %, under no band.
    assert!(F::InitialBudget.set(&mut wb, Some(dec!(600.00))));
    assert!(F::BudgetAdjustment.set(&mut wb, Some(dec!(-30.00))));
    let d = crate::core::engine::derive(&wb);
    let y = d
        .scores
        .indicators
        .iter()
        .find(|r| r.code == "Y")
        .expect("Y");
    assert_eq!(y.metric_value, Some(dec!(-5.00)));
    assert_eq!(y.score, dec!(0));
    let warned = d
        .warnings
        .iter()
        .find(|w| w.code == crate::core::engine::WarningCode::RateOutsideBands)
        .map(|w| w.message.zh.clone())
        .expect("warned");
    assert!(
        warned.contains("比率 -5.00% 不在评分标准所列区间"),
        "{warned}"
    );
    // Inside a band: no warning.
    assert!(F::BudgetAdjustment.set(&mut wb, Some(dec!(30.00))));
    let d = crate::core::engine::derive(&wb);
    assert!(
        !d.warnings
            .iter()
            .any(|w| w.code == crate::core::engine::WarningCode::RateOutsideBands)
    );
}

/// Requirements a bureau writes before "未…的不得分".
const REQUIREMENTS: &[(&str, &str)] = &[
    ("每年至少开展一次资产盘点", "未开展"),
    ("建立健全内部控制制度", "未建立"),
    ("按规定公开部门预决算", "未公开"),
    ("按时报送绩效自评报告", "未按"),
    ("制定资产管理办法", "未制定"),
];

proptest! {
    /// No imported rule gives full marks where the words say 不得分: a
    /// requirement not met, and a rate in the band the bureau scores 0,
    /// whatever the order the bands are written in.
    #[test]
    fn no_full_marks_where_the_words_say_bu_de_fen(
        which in 0usize..REQUIREMENTS.len(),
        weight in 1u32..10,
        low in 1u32..20,
        gap in 1u32..20,
        over in 1u32..500,
        order in 0usize..6,
    ) {
        let w = Decimal::from(weight);
        let (requirement, not_done) = REQUIREMENTS[which];
        let r = read("检查项", &format!("{requirement}，{not_done}的不得分"), w);
        prop_assert!(!matches!(r.rule.kind, RuleKind::NotApplicable { .. }), "{:?}", r.rule.kind);
        if let RuleKind::Categorical { categories, .. } = &r.rule.kind {
            let failed = categories.iter().find(|c| c.label.contains(not_done));
            prop_assert_eq!(failed.map(|c| c.points), Some(Decimal::ZERO));
        } else {
            prop_assert!(matches!(r.rule.kind, RuleKind::Manual), "{:?}", r.rule.kind);
        }
        let high = low + gap;
        let clauses = [
            format!("差异率＞{high}%的，该项不得分"),
            format!("{low}%＜差异率≤{high}%的，得50%"),
            format!("差异率≤{low}%的，得满分"),
        ];
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let standard = orders[order].iter().map(|&i| clauses[i].as_str()).collect::<Vec<_>>().join("；");
        let r = read("财政拨款收入预决算差异率", &standard, w);
        if !matches!(r.rule.kind, RuleKind::Manual) {
            let rate = Decimal::from(high) + Decimal::new(i64::from(over), 2);
            prop_assert_eq!(score_at(&r.rule.kind, w, rate), Decimal::ZERO, "{} at {}", standard, rate);
            prop_assert_eq!(score_at(&r.rule.kind, w, Decimal::from(low)), w);
        }
    }
}

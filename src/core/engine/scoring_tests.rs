//! Every rule kind at and around its boundaries, not-applicable rescaling,
//! missing inputs, the reported-rate fallback and the grade bands.

use rust_decimal::Decimal;
use rust_decimal_macros::dec;

use super::checks_tests::find;
use super::metrics::{Measured, Metric, MetricClass, MetricId, MetricStatus};
use super::scoring::{IndicatorResult, ScoreBasis, TableScore, ValueSource, score_table};
use super::test_kinds::{self, proportional, threshold};
use super::{Grade, WarningCode, derive};
use crate::core::model::table::default_levels;
use crate::core::model::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Indicator, IndicatorEntry,
    NotApplicableMode, ReportedFigures, Rule, RuleKind,
};
use crate::core::sample::sample_workbook;

const RATE: MetricId = MetricId::ExpenditureCompletionRate;

fn metric(id: MetricId, display: Decimal) -> Metric {
    Measured {
        value: Some(display),
        display: Some(display),
        status: MetricStatus::Ok,
        inputs: Vec::new(),
        expression: None,
        class: None,
    }
    .into_metric(id)
}

fn missing_metric(id: MetricId) -> Metric {
    let status = MetricStatus::MissingInput {
        fields: id.inputs().clone(),
    };
    Measured::none(status, Vec::new()).into_metric(id)
}

fn leaf(code: &str, weight: Decimal, metric: Option<MetricId>, kind: RuleKind) -> Indicator {
    Indicator {
        code: code.into(),
        name: code.into(),
        weight,
        rule: Some(Rule::new(metric, kind)),
        ..Indicator::default()
    }
}

fn with_entry(mut ind: Indicator, entry: IndicatorEntry) -> Indicator {
    ind.entry = entry;
    ind
}

fn officer(score: Decimal) -> IndicatorEntry {
    IndicatorEntry {
        officer_score: Some(score),
        ..IndicatorEntry::default()
    }
}

fn choice(key: &str) -> IndicatorEntry {
    IndicatorEntry {
        choice: Some(key.into()),
        ..IndicatorEntry::default()
    }
}

fn score_with(ind: &Indicator, metrics: &[Metric], reported: &ReportedFigures) -> IndicatorResult {
    let table = score_table(std::slice::from_ref(ind), metrics, reported);
    table
        .indicators
        .into_iter()
        .next()
        .expect("one leaf, one result")
}

/// Scores `kind` (weight `weight`) on a measured rate `value`.
fn score_at(kind: &RuleKind, weight: Decimal, value: Decimal) -> Decimal {
    let ind = leaf("X", weight, Some(RATE), kind.clone());
    let r = score_with(&ind, &[metric(RATE, value)], &ReportedFigures::default());
    assert_eq!(r.basis, ScoreBasis::Computed, "{}", r.working.en);
    assert!(r.score >= Decimal::ZERO && r.score <= weight);
    r.score
}

/// X (weight 5) loses half a point for each point of the rate above 5.
fn half_point_over_five() -> Indicator {
    leaf(
        "X",
        dec!(5),
        Some(RATE),
        threshold(dec!(5), dec!(0.5), true),
    )
}

#[test]
fn threshold_writes_its_arithmetic() {
    let ind = half_point_over_five();
    let r = score_with(&ind, &[metric(RATE, dec!(7))], &ReportedFigures::default());
    assert_eq!(r.working.zh, "超出 2 个百分点×0.5=1，5-1=4（扣完为止）");
    assert_eq!(r.lost, dec!(1));
}

fn step(started_step_counts: bool) -> RuleKind {
    test_kinds::step(dec!(100), dec!(5), dec!(2), started_step_counts)
}

#[test]
fn step_with_non_positive_step_cannot_deduct() {
    for s in [dec!(0), dec!(-5)] {
        let rule = test_kinds::step(dec!(100), s, dec!(2), true);
        assert_eq!(score_at(&rule, dec!(6), dec!(50)), dec!(6));
    }
}

fn bands(list: &[(BandOp, Decimal, Decimal)], otherwise: Decimal) -> RuleKind {
    RuleKind::Bands {
        bands: list
            .iter()
            .map(|&(op, bound, points)| Band {
                op,
                bound,
                points,
                upper: None,
            })
            .collect(),
        otherwise,
    }
}

/// Bands as a table states them, `"≥95→5 ≥90→4"`: operator, bound, points.
fn banded(text: &str, otherwise: Decimal) -> RuleKind {
    let list: Vec<_> = text
        .split_whitespace()
        .map(|band| {
            let (bound, points) = band.split_once('→').expect("bound→points");
            let mut chars = bound.chars();
            let op = match chars.next() {
                Some('<') => BandOp::Lt,
                Some('≤') => BandOp::Le,
                Some('=') => BandOp::Eq,
                Some('≥') => BandOp::Ge,
                Some('>') => BandOp::Gt,
                other => panic!("no band operator {other:?} in {band}"),
            };
            let bound = chars.as_str().parse().expect("a bound");
            (op, bound, points.parse().expect("points"))
        })
        .collect();
    bands(&list, otherwise)
}

/// Measured values, each with the score it should give.
type Scores<'a> = &'a [(Decimal, Decimal)];

#[test]
fn measured_rules_at_and_around_their_boundaries() {
    let above = threshold(dec!(5), dec!(0.5), true);
    let below = threshold(dec!(100), dec!(1), false);
    let whole_steps = step(false);
    let started_step = step(true);
    // 固定资产利用率 in the sample: ≥95 → 5, ≥90 → 4, ≥80 → 3, else 0.
    let fixed_assets = banded("≥95→5 ≥90→4 ≥80→3", dec!(0));
    // 预算调整率 (S-YY): 0 → 3; ≤10 → 2; ≤20 → 1; <30 → 0.5; else 0.
    let adjustment = banded("=0→3 ≤10→2 ≤20→1 <30→0.5", dec!(0));
    // The first band that holds wins; its 9 points are above the weight 4: capped.
    let first_match = banded(">50→9 >40→1", dec!(0.25));
    let cap_100 = proportional(dec!(100), false);
    let cap_90 = proportional(dec!(90), false);
    // Rounded to a whole point half-up.
    let round = proportional(dec!(100), true);
    // (case, rule, weight, each measured value with its expected score)
    #[rustfmt::skip]
    let cases: [(&str, &RuleKind, Decimal, Scores<'_>); 13] = [
        ("above is bad", &above, dec!(5), &[(dec!(5), dec!(5)), (dec!(4.99), dec!(5)), (dec!(0), dec!(5)), (dec!(5.01), dec!(4.995)), (dec!(7), dec!(4))]),
        // 10 points over × 0.5 = 5: exactly down to the floor.
        ("above is bad", &above, dec!(5), &[(dec!(15), dec!(0)), (dec!(14.99), dec!(0.005))]),
        // Beyond the floor: 扣完为止, never negative. The seed's 19.58 %.
        ("above is bad", &above, dec!(5), &[(dec!(19.58), dec!(0)), (dec!(1000), dec!(0))]),
        ("below is bad", &below, dec!(6), &[(dec!(100), dec!(6)), (dec!(100.01), dec!(6)), (dec!(99.99), dec!(5.99)), (dec!(94), dec!(0)), (dec!(-50), dec!(0))]),
        ("whole steps", &whole_steps, dec!(6), &[(dec!(100), dec!(6)), (dec!(120), dec!(6)), (dec!(99.99), dec!(6)), (dec!(95), dec!(4)), (dec!(94.99), dec!(4)), (dec!(90.01), dec!(4)), (dec!(90), dec!(2)), (dec!(85), dec!(0)), (dec!(0), dec!(0))]),
        ("started step", &started_step, dec!(6), &[(dec!(100), dec!(6)), (dec!(99.99), dec!(4)), (dec!(95), dec!(4)), (dec!(94.99), dec!(2)), (dec!(90), dec!(2)), (dec!(89.99), dec!(0))]),
        ("≥ bands", &fixed_assets, dec!(5), &[(dec!(100), dec!(5)), (dec!(95), dec!(5)), (dec!(94.99), dec!(4)), (dec!(90), dec!(4)), (dec!(89.99), dec!(3)), (dec!(80), dec!(3)), (dec!(79.99), dec!(0))]),
        ("= ≤ < bands", &adjustment, dec!(3), &[(dec!(0), dec!(3)), (dec!(0.00), dec!(3)), (dec!(0.01), dec!(2)), (dec!(10), dec!(2)), (dec!(10.01), dec!(1)), (dec!(20), dec!(1)), (dec!(20.01), dec!(0.5)), (dec!(29.99), dec!(0.5)), (dec!(30), dec!(0))]),
        ("> bands", &first_match, dec!(4), &[(dec!(50.01), dec!(4)), (dec!(50), dec!(1)), (dec!(40.01), dec!(1)), (dec!(40), dec!(0.25))]),
        ("cap 100", &cap_100, dec!(6), &[(dec!(96.25), dec!(5.775)), (dec!(100), dec!(6)), (dec!(120), dec!(6)), (dec!(0), dec!(0)), (dec!(-5), dec!(0))]),
        ("cap 90", &cap_90, dec!(10), &[(dec!(95), dec!(9)), (dec!(89.99), dec!(8.999))]),
        // 5.5 → 6, 5.49 → 5, 5.499 → 5, 6.5 → 7 (half-up, not banker's 6).
        ("round", &round, dec!(10), &[(dec!(55), dec!(6)), (dec!(54.9), dec!(5)), (dec!(54.99), dec!(5)), (dec!(65), dec!(7)), (dec!(4.99), dec!(0))]),
        // A non-whole weight: 5.5 × 100 % rounds to 6 but stays within the weight.
        ("round", &round, dec!(5.5), &[(dec!(100), dec!(5.5))]),
    ];
    for (name, rule, weight, scores) in cases {
        for &(value, expected) in scores {
            assert_eq!(score_at(rule, weight, value), expected, "{name} at {value}");
        }
    }
}

fn treasury_categories(source: CategorySource) -> RuleKind {
    RuleKind::Categorical {
        source,
        categories: [
            ("zero", "存量资金为0", dec!(4)),
            ("decreased", "较上年下降", dec!(3)),
            ("unchanged", "与上年持平", dec!(2)),
            ("increased", "较上年上升", dec!(0)),
        ]
        .into_iter()
        .map(|(key, label, points)| Category {
            key: key.into(),
            label: label.into(),
            points,
        })
        .collect(),
    }
}

#[test]
fn categorical_from_the_metric_class() {
    let id = MetricId::TreasuryCarryoverStockEfficiency;
    let ind = leaf(
        "B2.3",
        dec!(4),
        Some(id),
        treasury_categories(CategorySource::Metric),
    );
    for (class, points) in [
        ("zero", dec!(4)),
        ("decreased", dec!(3)),
        ("unchanged", dec!(2)),
        ("increased", dec!(0)),
    ] {
        let mut m = metric(id, dec!(0));
        m.measured.class = MetricClass::from_key(class);
        let r = score_with(&ind, &[m], &ReportedFigures::default());
        assert_eq!(
            (r.basis, r.score),
            (ScoreBasis::Computed, points),
            "{class}"
        );
    }
    // No class (inputs missing): nothing to score with → 0, or the officer's score.
    let r = score_with(&ind, &[missing_metric(id)], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Missing, dec!(0)));
    let typed = with_entry(ind, officer(dec!(3.5)));
    let r = score_with(&typed, &[missing_metric(id)], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Officer, dec!(3.5)));
}

#[test]
fn categorical_from_the_officers_choice() {
    let rule = treasury_categories(CategorySource::Officer);
    let by_key = with_entry(leaf("C", dec!(4), None, rule.clone()), choice("decreased"));
    let r = score_with(&by_key, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Computed, dec!(3)));
    let by_label = with_entry(leaf("C", dec!(4), None, rule.clone()), choice("与上年持平"));
    assert_eq!(
        score_with(&by_label, &[], &ReportedFigures::default()).score,
        dec!(2)
    );
    let unknown = with_entry(leaf("C", dec!(4), None, rule.clone()), choice("nonsense"));
    let r = score_with(&unknown, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Missing, dec!(0)));
    let none = leaf("C", dec!(4), None, rule.clone());
    let r = score_with(&none, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Missing, dec!(0)));
    let fallback = with_entry(leaf("C", dec!(4), None, rule), officer(dec!(1)));
    let r = score_with(&fallback, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Officer, dec!(1)));
}

fn checklist(n: usize, points: Decimal, mode: ChecklistMode) -> RuleKind {
    RuleKind::Checklist {
        items: (0..n).map(|i| format!("criterion {i}")).collect(),
        points,
        mode,
    }
}

fn checklist_score(kind: &RuleKind, weight: Decimal, failed: &[usize]) -> Decimal {
    let ind = with_entry(
        leaf("B1", weight, None, kind.clone()),
        IndicatorEntry {
            failed_items: failed.to_vec(),
            ..IndicatorEntry::default()
        },
    );
    let r = score_with(&ind, &[], &ReportedFigures::default());
    assert_eq!(r.basis, ScoreBasis::Computed);
    r.score
}

#[test]
fn checklists_count_the_failed_criteria() {
    let deduct = checklist(3, dec!(2), ChecklistMode::Deduct);
    let award = checklist(4, dec!(1.5), ChecklistMode::Award);
    // (case, rule, failed criteria, expected score at the weight 5)
    let cases: [(&str, &RuleKind, &[usize], Decimal); 10] = [
        ("deduct", &deduct, &[], dec!(5)),
        ("deduct", &deduct, &[0], dec!(3)),
        // Duplicates and criteria out of range are ignored.
        ("deduct", &deduct, &[0, 0, 0], dec!(3)),
        ("deduct", &deduct, &[0, 3, 99, usize::MAX], dec!(3)),
        ("deduct", &deduct, &[2, 1], dec!(1)),
        // 5 − 3 × 2 = −1 → floor 0.
        ("deduct", &deduct, &[0, 1, 2], dec!(0)),
        // Met criteria count: 4 × 1.5 = 6 → capped at the weight 5.
        ("award", &award, &[], dec!(5)),
        ("award", &award, &[1], dec!(4.5)),
        ("award", &award, &[1, 1, 9], dec!(4.5)),
        ("award", &award, &[0, 1, 2, 3], dec!(0)),
    ];
    for (name, rule, failed, expected) in cases {
        assert_eq!(
            checklist_score(rule, dec!(5), failed),
            expected,
            "{name} with {failed:?} failed"
        );
    }
}

#[test]
fn levels_give_their_percent_of_the_weight() {
    let rule = RuleKind::Levels {
        levels: default_levels(),
    };
    for (label, expected) in [
        ("好", dec!(5)),
        ("较好", dec!(4)),
        ("一般", dec!(3)),
        ("差", dec!(0)),
    ] {
        let ind = with_entry(leaf("D", dec!(5), None, rule.clone()), choice(label));
        let r = score_with(&ind, &[], &ReportedFigures::default());
        assert_eq!(
            (r.basis, r.score),
            (ScoreBasis::Computed, expected),
            "{label}"
        );
    }
    let none = leaf("D", dec!(5), None, rule.clone());
    assert_eq!(
        score_with(&none, &[], &ReportedFigures::default()).basis,
        ScoreBasis::Missing
    );
    let wrong = with_entry(leaf("D", dec!(5), None, rule.clone()), choice("优秀"));
    assert_eq!(
        score_with(&wrong, &[], &ReportedFigures::default()).score,
        dec!(0)
    );
    let fallback = with_entry(leaf("D", dec!(5), None, rule), officer(dec!(4.5)));
    let r = score_with(&fallback, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Officer, dec!(4.5)));
}

#[test]
fn manual_scores_are_capped_to_the_weight() {
    let typed = |s: Decimal| {
        let ind = with_entry(leaf("M", dec!(5), None, RuleKind::Manual), officer(s));
        score_with(&ind, &[], &ReportedFigures::default())
    };
    let r = typed(dec!(3.5));
    assert_eq!(
        (r.basis, r.score, r.capped),
        (ScoreBasis::Officer, dec!(3.5), false)
    );
    let r = typed(dec!(5));
    assert_eq!((r.score, r.capped), (dec!(5), false));
    let r = typed(dec!(6));
    assert_eq!((r.score, r.capped), (dec!(5), true));
    let r = typed(dec!(-1));
    assert_eq!((r.score, r.capped), (dec!(0), true));
    let none = leaf("M", dec!(5), None, RuleKind::Manual);
    let r = score_with(&none, &[], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Missing, dec!(0)));
}

#[test]
fn manual_above_weight_raises_score_out_of_range() {
    let mut wb = sample_workbook();
    let d3 = wb
        .table
        .indicators
        .iter_mut()
        .flat_map(|top| top.children.iter_mut())
        .find(|i| i.code == "D3")
        .expect("D3 in the sample");
    d3.rule = Some(Rule::new(None, RuleKind::Manual));
    d3.entry.officer_score = Some(dec!(7));
    let d = derive(&wb);
    let warning = find(&d, WarningCode::ScoreOutOfRange);
    assert!(warning.message.zh.contains("D3"));
    // 94 − 4 (the sample's D3) + 5 (capped from 7).
    assert_eq!(d.total_display(), dec!(95));
}

fn na(mode: NotApplicableMode) -> RuleKind {
    RuleKind::NotApplicable { mode }
}

fn manual_leaf(code: &str, weight: Decimal, score: Decimal) -> Indicator {
    with_entry(leaf(code, weight, None, RuleKind::Manual), officer(score))
}

fn table(indicators: &[Indicator]) -> TableScore {
    score_table(indicators, &[], &ReportedFigures::default())
}

/// A scored 45 of 60 beside a not-applicable B of 40.
fn scored_beside_not_applicable(mode: NotApplicableMode) -> TableScore {
    table(&[
        manual_leaf("A", dec!(60), dec!(45)),
        leaf("B", dec!(40), None, na(mode)),
    ])
}

#[test]
fn not_applicable_full_marks_counts_the_weight() {
    let t = scored_beside_not_applicable(NotApplicableMode::FullMarks);
    assert_eq!(t.indicators[1].score, dec!(40));
    assert_eq!(t.indicators[1].basis, ScoreBasis::NotApplicable);
    assert_eq!(t.removed_weight, dec!(0));
    assert_eq!(t.total, dec!(85));
}

#[test]
fn not_applicable_rescale_takes_the_weight_out() {
    // 45 of the 60 points that still count, rescaled to 100: 45 × 100 / 60 = 75.
    let t = scored_beside_not_applicable(NotApplicableMode::Rescale);
    assert_eq!(t.indicators[1].score, dec!(0));
    assert_eq!(t.indicators[1].counted_weight, dec!(0));
    assert_eq!(t.indicators[1].lost, dec!(0));
    assert_eq!(t.removed_weight, dec!(40));
    assert_eq!(t.raw_total, dec!(45));
    assert_eq!(t.total, dec!(75));
    // Nested and non-terminating: (40 + 20) × 100 / 70 = 85.714285…
    let nested = Indicator {
        code: "P".into(),
        name: "P".into(),
        weight: dec!(50),
        children: vec![
            manual_leaf("P1", dec!(20), dec!(20)),
            leaf("P2", dec!(30), None, na(NotApplicableMode::Rescale)),
        ],
        ..Indicator::default()
    };
    let t = table(&[manual_leaf("A", dec!(50), dec!(40)), nested]);
    assert_eq!(t.indicators[1].counted_weight, dec!(20));
    assert_eq!(t.raw_total, dec!(60));
    assert_eq!(crate::core::num::round2(t.total), dec!(85.71));
    assert!((t.total * dec!(70) - dec!(6000)).abs() < dec!(0.000000000001));
    assert_eq!(Grade::from_score(t.total), Grade::Good);
    // Everything removed: nothing left to rescale, total 0 instead of a division by zero.
    let t = table(&[leaf("B", dec!(100), None, na(NotApplicableMode::Rescale))]);
    assert_eq!(t.total, dec!(0));
}

#[test]
fn missing_input_falls_back_to_officer_or_zero_with_warning() {
    let ind = half_point_over_five();
    let r = score_with(&ind, &[missing_metric(RATE)], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Missing, dec!(0)));
    let typed = with_entry(ind, officer(dec!(4)));
    let r = score_with(&typed, &[missing_metric(RATE)], &ReportedFigures::default());
    assert_eq!((r.basis, r.score), (ScoreBasis::Officer, dec!(4)));
    assert!(r.working.en.contains("officer's score 4"));
    // Through derive: the sample's F2 inputs removed, and no printed rate to fall back on.
    let mut wb = sample_workbook();
    wb.budget.issued_budget = None;
    wb.reported.rates.remove(&RATE);
    let d = derive(&wb);
    let b21 = &d.scores.indicators[result_index(&wb, "B2.1")];
    assert_eq!((b21.basis, b21.score), (ScoreBasis::Missing, dec!(0)));
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == WarningCode::MissingInput && w.message.zh.contains("B2.1"))
    );
    assert_eq!(d.total_display(), dec!(88));
}

#[test]
fn reported_rate_is_used_when_inputs_are_missing() {
    let ind = leaf("B2.5", dec!(6), Some(RATE), proportional(dec!(100), false));
    let mut reported = ReportedFigures::default();
    reported.rates.insert(RATE, dec!(95.555));
    let r = score_with(&ind, &[missing_metric(RATE)], &reported);
    assert_eq!(r.value_source, Some(ValueSource::Reported));
    // The printed rate is taken as displayed: 95.56 % × 6.
    assert_eq!(r.metric_value, Some(dec!(95.56)));
    assert_eq!(r.score, dec!(5.7336));
    // Computed inputs win over the printed figure.
    let r = score_with(&ind, &[metric(RATE, dec!(50))], &reported);
    assert_eq!(
        (r.value_source, r.score),
        (Some(ValueSource::Computed), dec!(3))
    );
    // In the sample, B2.5 and B4.1 are scored on the printed 100 %.
    let d = derive(&sample_workbook());
    let on_reported: Vec<_> = d
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::ScoredOnReported)
        .map(|w| {
            w.message
                .zh
                .split(' ')
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(on_reported, ["B2.5", "B4.1"]);
}

fn result_index(wb: &crate::core::model::Workbook, code: &str) -> usize {
    wb.table
        .flatten()
        .iter()
        .position(|(_, i)| i.code == code)
        .expect("code in the table")
}

#[test]
fn negative_weight_counts_as_zero_and_is_reported() {
    let t = table(&[
        manual_leaf("A", dec!(-5), dec!(3)),
        manual_leaf("B", dec!(105), dec!(100)),
    ]);
    assert_eq!(t.indicators[0].score, dec!(0));
    assert_eq!(t.indicators[0].counted_weight, dec!(0));
    assert_eq!(t.max_total, dec!(105));
    let mut wb = sample_workbook();
    wb.table.indicators[0].children[0].weight = dec!(-5);
    let d = derive(&wb);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == WarningCode::NegativeWeight)
    );
}

#[test]
fn grade_boundaries_on_the_displayed_total() {
    use Grade::{Excellent, Fair, Good, Poor};
    assert_eq!(Grade::from_score(dec!(100)), Excellent);
    assert_eq!(Grade::from_score(dec!(0)), Poor);
    // Each grade's lower bound, the grade from it up, the grade below it.
    for (bound, at, below) in [
        (dec!(90), Excellent, Good),
        (dec!(80), Good, Fair),
        (dec!(60), Fair, Poor),
    ] {
        // 89.995 displays as 90.00 (half-up), so it is 优; 89.9949 is not.
        let mut written_to_cents = bound;
        written_to_cents.rescale(2);
        let cases = [
            (bound, at),
            (written_to_cents, at),
            (bound - dec!(0.005), at),
            (bound - dec!(0.0051), below),
            (bound - dec!(0.01), below),
        ];
        for (score, grade) in cases {
            assert_eq!(Grade::from_score(score), grade, "{score}");
        }
    }
    assert_eq!(crate::core::num::fmt_score(dec!(89.995)), "90");
}

/// The English text of every weight-sum warning.
fn weight_sum_messages(d: &super::Derived) -> Vec<String> {
    d.warnings
        .iter()
        .filter(|w| w.code == WarningCode::WeightSum)
        .map(|w| w.message.en.clone())
        .collect()
}

#[test]
fn weight_sums_are_warnings_not_fatal() {
    let base = derive(&sample_workbook());
    assert!(weight_sum_messages(&base).is_empty());

    // A child's weight changed: its parent no longer adds up, and neither does the top.
    let mut wb = sample_workbook();
    wb.table.indicators[0].children[0].weight = dec!(6);
    let d = derive(&wb);
    let sums = weight_sum_messages(&d);
    assert_eq!(sums.len(), 1, "{sums:?}");
    assert!(sums[0].starts_with("A 预算编制: sub-indicator weights add up to 26, not 25"));
    // Scoring still goes on: A1 is 好 on 6 points now.
    assert_eq!(d.total_display(), dec!(95));

    // The top level no longer adds up to 100.
    let mut wb = sample_workbook();
    wb.table.indicators[3].weight = dec!(25);
    let d = derive(&wb);
    let sums = weight_sum_messages(&d);
    assert_eq!(sums.len(), 2, "{sums:?}");
    assert!(sums.contains(&"Top-level weights add up to 105, not 100".to_owned()));
    assert_eq!(d.total_display(), dec!(94));
    assert_eq!(d.scores.max_total, dec!(105));
}

#[test]
fn tables_deeper_than_three_levels_are_reported() {
    let mut wb = sample_workbook();
    let a31 = &mut wb.table.indicators[0].children[2].children[0];
    let moved = a31.clone();
    a31.rule = None;
    a31.children = vec![Indicator {
        code: "A3.1.1".into(),
        ..moved
    }];
    let d = derive(&wb);
    assert!(
        d.warnings
            .iter()
            .any(|w| w.code == WarningCode::TableTooDeep)
    );
    assert_eq!(d.total_display(), dec!(94));
}

#[test]
fn extreme_rule_parameters_do_not_panic() {
    let extremes = [
        Decimal::MAX,
        Decimal::MIN,
        dec!(0),
        dec!(0.0000000000000000000000000001),
    ];
    for &a in &extremes {
        for &b in &extremes {
            for &v in &extremes {
                let kinds = [
                    threshold(a, b, true),
                    threshold(a, b, false),
                    test_kinds::step(a, b, v, true),
                    proportional(a, true),
                    bands(&[(BandOp::Ge, a, b)], v),
                    checklist(3, a, ChecklistMode::Award),
                    checklist(3, a, ChecklistMode::Deduct),
                ];
                for kind in &kinds {
                    for w in [Decimal::MAX, dec!(5)] {
                        let ind = leaf("X", w, Some(RATE), kind.clone());
                        let r = score_with(&ind, &[metric(RATE, v)], &ReportedFigures::default());
                        assert!(r.score >= Decimal::ZERO && r.score <= w);
                    }
                }
            }
        }
    }
}

//! Random workbooks through the engine: `derive` never panics, and its
//! results keep their invariants, for amounts from 0 to `Decimal::MAX`
//! either way, any rule parameters, weights, levels and choices.
//!
//! Case counts: 10,000 for `derive` and 1,000 for the file round trip by
//! default; `PROPTEST_CASES=N cargo test --test engine_props` sets both.

use proptest::collection::vec;
use proptest::prelude::*;
use rust_decimal::Decimal;

use jixiao::core::engine::MetricId;
use jixiao::core::engine::{Derived, Grade, MetricStatus, ScoreBasis, derive};
use jixiao::core::format::{load, to_json};
use jixiao::core::model::{
    Band, BandOp, Budget, Category, CategorySource, ChecklistMode, FORMAT_NAME, FORMAT_VERSION,
    FieldId, FieldKind, Indicator, IndicatorEntry, Level, Narrative, NotApplicableMode,
    ReportedFigures, Rule, RuleKind, ScoringTable, Staffing, Unit, Workbook, WorkloadGroup,
    WorkloadItem, WorkloadPart,
};
use jixiao::core::model::{Basis, TableFormula};
use jixiao::core::num::round2_fixed;

/// `default` cases unless `PROPTEST_CASES` says otherwise. `XorShift`: `ChaCha`
/// is many times slower in a debug build, and this is not cryptography.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        rng_algorithm: proptest::test_runner::RngAlgorithm::XorShift,
        ..ProptestConfig::default()
    }
}

/// Decodes a workbook from a sequence of numbers that proptest generates
/// and shrinks. 0 always decodes to the simplest choice (none, zero, a leaf,
/// a manual rule), and an exhausted sequence reads as zeros, so a shrunk
/// sequence is a smaller, simpler workbook.
struct Choices {
    data: Vec<u32>,
    at: usize,
}

impl Choices {
    fn next(&mut self) -> u32 {
        let v = self.data.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        v
    }

    fn below(&mut self, n: u32) -> u32 {
        self.next() % n
    }

    fn flag(&mut self) -> bool {
        self.below(2) == 1
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let len = u32::try_from(items.len()).unwrap_or(u32::MAX);
        items[self.below(len) as usize]
    }

    /// Any decimal at all: every mantissa, either sign, scale 0–`max_scale`.
    fn any_decimal(&mut self, max_scale: u32) -> Decimal {
        let (lo, mid, hi) = (self.next(), self.next(), self.next());
        let negative = self.flag();
        Decimal::from_parts(lo, mid, hi, negative, self.below(max_scale + 1))
    }

    /// An amount as a file may hold it: at most 2 places, mostly plausible.
    fn amount(&mut self) -> Decimal {
        match self.below(16) {
            0 | 1 => Decimal::ZERO,
            2..=9 => Decimal::new(i64::from(self.below(100_000_000)), 2),
            10 | 11 => -Decimal::new(i64::from(self.below(100_000_000)), 2),
            12 => Decimal::MAX,
            13 => Decimal::MIN,
            _ => self.any_decimal(2),
        }
    }

    /// A rule parameter or typed score: plausible, or (when `extreme`) anything.
    fn param(&mut self, extreme: bool) -> Decimal {
        let plausible = |c: &mut Self| Decimal::new(i64::from(c.below(22_000)) - 2_000, 2);
        if !extreme {
            return plausible(self);
        }
        match self.below(6) {
            0..=2 => plausible(self),
            3 => self.any_decimal(28),
            4 => Decimal::MAX,
            _ => Decimal::MIN,
        }
    }

    /// A weight: 0–100 with 2 places, or (when `extreme`) any decimal.
    fn weight(&mut self, extreme: bool) -> Decimal {
        if extreme && self.below(3) == 2 {
            if self.flag() {
                Decimal::MAX
            } else {
                self.any_decimal(28)
            }
        } else {
            Decimal::new(i64::from(self.below(10_001)), 2)
        }
    }

    fn choice(&mut self) -> Option<String> {
        (self.below(4) != 0).then(|| self.pick(&CHOICES).to_owned())
    }

    fn rule_kind(&mut self, extreme: bool) -> RuleKind {
        match self.below(9) {
            0 => RuleKind::Manual,
            1 => RuleKind::Threshold {
                threshold: self.param(extreme),
                deduct_per_point: self.param(extreme),
                above_is_bad: self.flag(),
                limits: Default::default(),
            },
            2 => RuleKind::Step {
                full_at: self.param(extreme),
                step: self.param(extreme),
                deduct: self.param(extreme),
                started_step_counts: self.flag(),
            },
            3 => RuleKind::Bands {
                bands: (0..self.below(5))
                    .map(|_| Band {
                        op: self.pick(&BAND_OPS),
                        bound: self.param(extreme),
                        points: self.param(extreme),
                        upper: None,
                    })
                    .collect(),
                otherwise: self.param(extreme),
            },
            4 => RuleKind::Proportional {
                cap: self.param(extreme),
                round_to_whole: self.flag(),
                full_at: None,
            },
            5 => RuleKind::Categorical {
                source: if self.flag() {
                    CategorySource::Officer
                } else {
                    CategorySource::Metric
                },
                categories: (0..self.below(5))
                    .map(|_| {
                        let key = self.pick(&CHOICES);
                        Category {
                            key: key.into(),
                            label: format!("{key}类"),
                            points: self.param(extreme),
                        }
                    })
                    .collect(),
            },
            6 => RuleKind::Checklist {
                items: (0..self.below(6)).map(|i| format!("要求{i}")).collect(),
                points: self.param(extreme),
                mode: if self.flag() {
                    ChecklistMode::Award
                } else {
                    ChecklistMode::Deduct
                },
            },
            7 => RuleKind::Levels {
                levels: (0..self.below(5))
                    .map(|_| Level {
                        label: self.pick(&CHOICES).into(),
                        percent: self.param(extreme),
                    })
                    .collect(),
            },
            _ => RuleKind::NotApplicable {
                mode: if self.flag() {
                    NotApplicableMode::FullMarks
                } else {
                    NotApplicableMode::Rescale
                },
            },
        }
    }

    fn entry(&mut self, extreme: bool) -> IndicatorEntry {
        IndicatorEntry {
            officer_score: self.flag().then(|| self.param(extreme)),
            choice: self.choice(),
            failed_items: (0..self.below(5))
                .map(|_| match self.below(8) {
                    7 => usize::MAX,
                    i => i as usize,
                })
                .collect(),
            ..IndicatorEntry::default()
        }
    }

    /// A node with at most `levels_below` levels under it.
    fn node(&mut self, extreme: bool, levels_below: u32) -> Indicator {
        let weight = self.weight(extreme);
        if levels_below > 0 && self.below(3) == 2 {
            let children = (0..=self.below(3))
                .map(|_| self.node(extreme, levels_below - 1))
                .collect();
            return Indicator {
                weight,
                children,
                ..Indicator::default()
            };
        }
        let rule = (self.below(8) != 0).then(|| {
            let mut rule = Rule::new(
                (self.below(4) != 0).then(|| self.pick(&MetricId::ALL)),
                self.rule_kind(extreme),
            );
            self.measure(&mut rule);
            rule
        });
        Indicator {
            weight,
            rule,
            entry: self.entry(extreme),
            ..Indicator::default()
        }
    }

    /// Sometimes another basis, sometimes the table's own formula (issue 12).
    fn measure(&mut self, rule: &mut Rule) {
        match self.below(6) {
            1 => rule.basis = Some(self.pick(&Basis::ALL)),
            2 => {
                let side = |this: &mut Self| -> Vec<FieldId> {
                    (0..this.below(3))
                        .map(|_| this.pick(FieldId::ALL))
                        .collect()
                };
                let (a, b) = (side(self), side(self));
                let absolute = self.flag();
                rule.formula = Some(if self.flag() {
                    TableFormula::Change {
                        current: a,
                        base: b,
                        absolute,
                    }
                } else {
                    TableFormula::Ratio {
                        numerator: a,
                        denominator: b,
                        numerator_minus: Vec::new(),
                        denominator_minus: Vec::new(),
                        absolute,
                    }
                });
            }
            _ => {}
        }
    }

    fn workload(&mut self) -> Vec<WorkloadGroup> {
        (0..self.below(4))
            .map(|_| WorkloadGroup {
                name: "组".into(),
                items: (0..self.below(6))
                    .map(|_| WorkloadItem {
                        name: "事项".into(),
                        unit: self.pick(&["份", "次", "件"]).into(),
                        value: self.amount(),
                        lower_bound: self.flag(),
                        target: self.flag().then(|| self.amount()),
                        last_year: self.flag().then(|| self.amount()),
                        parts: (0..self.below(4))
                            .map(|_| WorkloadPart {
                                name: "分项".into(),
                                value: self.amount(),
                                lower_bound: self.flag(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect()
    }

    fn reported(&mut self, extreme: bool) -> ReportedFigures {
        ReportedFigures {
            total_score: self.flag().then(|| self.param(extreme)),
            grade: (self.below(3) == 2).then(|| {
                self.pick(&["优", "良", "中", "差", "excellent", "?"])
                    .to_owned()
            }),
            rates: (0..self.below(5))
                .map(|_| (self.pick(&MetricId::ALL), self.param(extreme)))
                .collect(),
            ..ReportedFigures::default()
        }
    }

    fn workbook(&mut self) -> (bool, Workbook) {
        let extreme = self.below(4) == 3;
        let mut indicators: Vec<Indicator> =
            (0..self.below(6)).map(|_| self.node(extreme, 2)).collect();
        name_codes(&mut indicators, "");
        let mut wb = Workbook {
            format: FORMAT_NAME.into(),
            version: FORMAT_VERSION,
            unit: Unit {
                name: "随机单位".into(),
                fiscal_year: 2023,
                ..Unit::default()
            },
            staffing: Staffing::default(),
            budget: Budget::default(),
            finals: Default::default(),
            three_public: Default::default(),
            table: ScoringTable {
                name: "随机评分表".into(),
                verified: self.flag(),
                indicators,
                ..ScoringTable::default()
            },
            workload: self.workload(),
            narrative: Narrative::default(),
            reported: self.reported(extreme),
            projects: Vec::new(),
        };
        for field in FieldId::ALL {
            let value = match (self.below(5), field.kind()) {
                (0, _) => None,
                (_, FieldKind::Count) => Some(Decimal::from(self.next())),
                _ => Some(self.amount()),
            };
            assert!(field.set(&mut wb, value), "{field:?} refused {value:?}");
        }
        (extreme, wb)
    }
}

const CHOICES: [&str; 9] = [
    "好",
    "较好",
    "一般",
    "差",
    "zero",
    "decreased",
    "unchanged",
    "increased",
    "其他",
];

const BAND_OPS: [BandOp; 5] = [BandOp::Lt, BandOp::Le, BandOp::Eq, BandOp::Ge, BandOp::Gt];

/// Codes by position (A, A.1, A.1.2 …), so warnings can name them.
fn name_codes(nodes: &mut [Indicator], prefix: &str) {
    for (i, node) in nodes.iter_mut().enumerate() {
        node.code = if prefix.is_empty() {
            char::from(b'A' + u8::try_from(i % 26).unwrap_or(0)).to_string()
        } else {
            format!("{prefix}.{}", i + 1)
        };
        node.name = format!("指标{}", node.code);
        let code = node.code.clone();
        name_codes(&mut node.children, &code);
    }
}

/// A random workbook, and whether its weights and parameters are extreme.
fn any_workbook() -> impl Strategy<Value = (bool, Workbook)> {
    vec(any::<u32>(), 0..1200).prop_map(|data| Choices { data, at: 0 }.workbook())
}

/// Checks every invariant of `derive` on one workbook.
fn check_invariants(extreme: bool, wb: &Workbook) -> Result<(), TestCaseError> {
    let d = derive(wb);
    let flat = wb.table.flatten();
    let results = &d.scores.indicators;
    prop_assert_eq!(flat.len(), results.len());

    // Leaves within 0..=weight; subtotals the sum of their children.
    let mut leaf_sum = Some(Decimal::ZERO);
    let mut any_capped = false;
    for (i, ((_, ind), r)) in flat.iter().zip(results).enumerate() {
        prop_assert_eq!(&ind.code, &r.code);
        let weight = ind.weight.max(Decimal::ZERO);
        if ind.is_leaf() {
            prop_assert!(r.score >= Decimal::ZERO, "{} score {} < 0", r.code, r.score);
            prop_assert!(
                r.score <= weight,
                "{} score {} > weight {}",
                r.code,
                r.score,
                weight
            );
            prop_assert!(r.score <= r.counted_weight);
            prop_assert!(r.basis != ScoreBasis::Subtotal);
            leaf_sum = leaf_sum.and_then(|s| s.checked_add(r.score));
        } else {
            prop_assert_eq!(r.basis, ScoreBasis::Subtotal);
            let mut child = i + 1;
            let mut sum = Decimal::ZERO;
            let mut counted = Decimal::ZERO;
            for c in &ind.children {
                let cr = &results[child];
                sum = sum.saturating_add(cr.score);
                counted = counted.saturating_add(cr.counted_weight);
                child += 1 + c.descendant_count();
            }
            // A parent never exceeds its weight (issue 12): the children's sum, capped.
            prop_assert_eq!(r.score, sum.min(weight), "subtotal {}", r.code);
            prop_assert!(r.score <= weight, "subtotal {} above its weight", r.code);
            prop_assert_eq!(r.capped, sum > weight, "capped flag {}", r.code);
            if sum > weight {
                prop_assert!(
                    d.warnings.iter().any(|w| w.code
                        == jixiao::core::engine::WarningCode::ParentAboveWeight
                        && w.message.zh.contains(r.code.as_str())),
                    "no parent_above_weight for {}",
                    r.code
                );
                any_capped = true;
            }
            prop_assert_eq!(r.counted_weight, counted, "counted weight {}", r.code);
        }
    }
    let top_sum = wb
        .table
        .indicators
        .iter()
        .scan(0usize, |at, top| {
            let here = *at;
            *at += 1 + top.descendant_count();
            Some(results[here].score)
        })
        .fold(Decimal::ZERO, Decimal::saturating_add);
    prop_assert_eq!(d.scores.raw_total, top_sum);
    if d.scores.removed_weight.is_zero() {
        prop_assert_eq!(d.scores.total, d.scores.raw_total);
        if !extreme && !any_capped {
            // Plausible numbers add exactly: the tree's total is the plain sum of the leaves
            // (unless a parent was capped at its weight).
            prop_assert_eq!(Some(d.scores.total), leaf_sum);
        }
    } else {
        prop_assert!(d.scores.total >= Decimal::ZERO);
    }
    prop_assert_eq!(d.grade, Grade::from_score(d.scores.total));

    check_measures(&d)?;
    check_warnings_and_workload(&d, wb)
}

/// Metrics and leaves' own measures: a value exactly when ok, shown rounded once.
fn check_measures(d: &Derived) -> Result<(), TestCaseError> {
    let results = &d.scores.indicators;
    // Metrics: a value exactly when the status is ok, displayed as rounded.
    prop_assert_eq!(d.metrics.len(), MetricId::ALL.len());
    for m in &d.metrics {
        prop_assert_eq!(
            m.value.is_some(),
            m.status == MetricStatus::Ok,
            "{:?}",
            m.id
        );
        if let Some(v) = m.value {
            let shown = if m.id.shows_absolute() { v.abs() } else { v };
            prop_assert_eq!(m.display, Some(round2_fixed(shown)));
        }
    }

    // A leaf's own measure (another basis, the table's formula) keeps the
    // metrics' rules: a value exactly when ok, shown rounded once, half-up.
    for r in results {
        let Some(own) = r.measure.as_deref() else {
            continue;
        };
        let m = &own.measured;
        prop_assert_eq!(
            m.value.is_some(),
            m.status == MetricStatus::Ok,
            "{}",
            r.code
        );
        if let Some(v) = m.value {
            let absolute =
                own.spec.display == jixiao::core::engine::metrics::Display::AbsolutePercent;
            let shown = if absolute { v.abs() } else { v };
            prop_assert_eq!(m.display, Some(round2_fixed(shown)), "{}", r.code);
        }
    }

    Ok(())
}

/// Warnings ordered and bilingual; one workload result per group and item.
fn check_warnings_and_workload(d: &Derived, wb: &Workbook) -> Result<(), TestCaseError> {
    // Warnings: most serious first, every one in both languages.
    prop_assert!(
        d.warnings
            .windows(2)
            .all(|w| w[0].severity <= w[1].severity)
    );
    for w in &d.warnings {
        prop_assert!(!w.message.zh.is_empty() && !w.message.en.is_empty());
    }

    // Workload: one result per group and item.
    prop_assert_eq!(d.workload.len(), wb.workload.len());
    for (g, s) in wb.workload.iter().zip(&d.workload) {
        prop_assert_eq!(g.items.len(), s.items.len());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(10_000))]

    #[test]
    fn derive_never_panics_and_keeps_its_invariants((extreme, wb) in any_workbook()) {
        check_invariants(extreme, &wb)?;
    }
}

proptest! {
    #![proptest_config(config(1_000))]

    #[test]
    fn save_then_load_gives_back_the_same_workbook((_, wb) in any_workbook()) {
        let text = to_json(&wb);
        if text.contains("\"weight\": \"-") {
            // A negative weight is refused by the file format (issue 9), with its place.
            let refused = load(&text).err();
            prop_assert!(refused.is_some_and(|e| e.to_string().contains("negative")));
            return Ok(());
        }
        let back = load(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(back.unknown_fields.is_empty(), "{:?}", back.unknown_fields);
        prop_assert_eq!(&back.workbook, &wb);
        let again = to_json(&back.workbook);
        for (a, b) in again.lines().zip(text.lines()) {
            prop_assert_eq!(a, b);
        }
        prop_assert_eq!(again, text);
    }
}

#[test]
fn the_sample_keeps_the_invariants_too() {
    let wb = jixiao::core::sample::sample_workbook();
    check_invariants(false, &wb).expect("sample invariants");
}

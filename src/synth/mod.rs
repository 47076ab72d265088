//! Synthetic workbooks: N varied, plausible self-evaluations of 霞山区 units,
//! built from the embedded sample, for training, tests and benchmarks.
//!
//! Pure and deterministic: file `index` is always the same workbook (a
//! `SplitMix64` stream seeded by the index). Most files add up; some are
//! deliberately broken (see [`Flaw`]) so the checks and the reviewer have
//! something to find. Every `DUPLICATE_EVERY`-th file is a corrected
//! resubmission of the file before it (same unit and year).

use std::fmt::Write as _;

mod amounts;
mod narrative;
pub mod projects;
mod rng;
mod units;
mod workload;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

pub use rng::Rng;
pub use units::{UnitKind, UnitProfile, unit_pool};

use crate::core::engine::metrics::compute_metrics;
use crate::core::engine::{Derived, Grade, MetricId, ScoreBasis, derive};
use crate::core::model::{Indicator, RuleKind, Unit, Workbook};
use crate::core::num::{Count, fmt_percent, fmt_score, round2};
use crate::core::sample::sample_workbook;

/// The fiscal years generated files cover.
pub const YEARS: [u16; 4] = [2021, 2022, 2023, 2024];

/// Every this-many-th file repeats the previous file's unit and year.
pub const DUPLICATE_EVERY: usize = 50;

/// How well a generated unit did; decides level choices and rate spreads,
/// so totals spread over 优/良/中/差.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quality {
    Excellent,
    Good,
    Fair,
    Poor,
}

/// A deliberate inconsistency in a generated file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// Income components do not add up to the income total.
    IncomeParts,
    /// Basic + project ≠ expenditure total.
    ExpenditureParts,
    /// Personnel + operating ≠ basic.
    BasicParts,
    /// In service + retired ≠ headcount.
    HeadcountParts,
    /// 财政拨款收入预算数 larger than the income budget (the seed's A1).
    TwoIncomeBudgets,
    /// Appropriation finals by fund do not add up (the seed's A3).
    FinalsByFund,
    /// Government fund budgeted but zero in the finals.
    GovFundNotFinal,
    /// Opening + appropriations − spending ≠ closing.
    CarryoverIdentity,
    /// A workload item's parts do not add up.
    WorkloadParts,
    /// A printed rate differs from the computed one.
    ReportedRate,
}

impl Flaw {
    const ALL: [Self; 10] = [
        Self::IncomeParts,
        Self::ExpenditureParts,
        Self::BasicParts,
        Self::HeadcountParts,
        Self::TwoIncomeBudgets,
        Self::FinalsByFund,
        Self::GovFundNotFinal,
        Self::CarryoverIdentity,
        Self::WorkloadParts,
        Self::ReportedRate,
    ];
}

/// One generated workbook with what went into it.
#[derive(Debug, Clone)]
pub struct Synthetic {
    /// 1-based position in the generated set.
    pub index: usize,
    pub workbook: Workbook,
    pub quality: Quality,
    pub flaws: Vec<Flaw>,
    /// The self-reported total differs from the computed one on purpose.
    pub misreported_total: bool,
}

impl Synthetic {
    /// `0001-<unit>-<year>.json`, numbered wide enough for `count` files.
    #[must_use]
    pub fn file_name(&self, count: usize) -> String {
        file_name(
            self.index,
            count,
            &self.workbook.unit.name,
            self.workbook.unit.fiscal_year,
        )
    }
}

/// `0001-<unit>-<year>.json`; characters file systems dislike become `_`.
#[must_use]
pub fn file_name(index: usize, count: usize, unit: &str, year: u16) -> String {
    let width = count.to_string().len().max(4);
    let unit: String = unit
        .chars()
        .map(|c| {
            if c.is_whitespace() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{index:0width$}-{unit}-{year}.json")
}

/// Builds generated workbooks; holds the parsed sample and the unit pool so
/// generating many files parses the sample once.
#[derive(Debug, Clone)]
pub struct Generator {
    pool: Vec<UnitProfile>,
    template: Workbook,
    /// Multiplier of the permutation over unit × year slots.
    stride: usize,
}

impl Default for Generator {
    fn default() -> Self {
        Self::new()
    }
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

impl Generator {
    #[must_use]
    pub fn new() -> Self {
        let pool = unit_pool();
        let slots = pool.len() * YEARS.len();
        let mut stride = 7919 % slots.max(2);
        while gcd(stride, slots) != 1 {
            stride += 1;
        }
        Self {
            pool,
            template: sample_workbook(),
            stride,
        }
    }

    /// The unit × year slot of file `index`: a permutation, so the first
    /// `pool × years` files never repeat a pair except on purpose.
    fn slot(&self, index: usize) -> usize {
        let slots = self.pool.len() * YEARS.len();
        let k = if is_resubmission(index) {
            index - 2
        } else {
            index.saturating_sub(1)
        };
        (k % slots) * self.stride % slots
    }

    /// The unit and year of file `index` (1-based).
    #[must_use]
    pub fn unit_year(&self, index: usize) -> (&UnitProfile, u16) {
        let slot = self.slot(index);
        let unit = &self.pool[slot % self.pool.len()];
        (unit, YEARS[slot / self.pool.len() % YEARS.len()])
    }

    /// The workbook of file `index` (1-based).
    #[must_use]
    pub fn generate(&self, index: usize) -> Synthetic {
        if is_resubmission(index) {
            self.resubmit(index)
        } else {
            self.fresh(index)
        }
    }

    /// A corrected resubmission of the file before: same unit, year and
    /// amounts, one level choice revised, the printed figures redone.
    fn resubmit(&self, index: usize) -> Synthetic {
        let mut s = self.fresh(index - 1);
        let mut rng = Rng::new(index as u64);
        let flat_len = s.workbook.table.flatten().len();
        let levels: Vec<usize> = (0..flat_len)
            .filter(|&i| {
                s.workbook.table.nth_mut(i).is_some_and(|n| {
                    n.is_leaf()
                        && matches!(
                            n.rule.as_ref().map(|r| &r.kind),
                            Some(RuleKind::Levels { .. })
                        )
                })
            })
            .collect();
        if let Some(node) = s.workbook.table.nth_mut(*rng.pick(&levels)) {
            let mut choice = rng.weighted(&level_weights(s.quality));
            if node.entry.choice.as_deref() == Some(choice) {
                // Always a real revision: one level up or down.
                choice = match choice {
                    "好" => "较好",
                    "较好" => "好",
                    _ => "较好",
                };
            }
            node.entry.choice = Some(choice.to_owned());
        }
        let derived = derive(&s.workbook);
        s.misreported_total = report_total(&mut rng, &derived, &mut s.workbook);
        s.index = index;
        s
    }

    fn fresh(&self, index: usize) -> Synthetic {
        let mut rng = Rng::new(index as u64);
        let (profile, year) = self.unit_year(index);
        let quality = match rng.weighted(&[("e", 35), ("g", 33), ("f", 21), ("p", 11)]) {
            "e" => Quality::Excellent,
            "g" => Quality::Good,
            "f" => Quality::Fair,
            _ => Quality::Poor,
        };
        let flaws = pick_flaws(&mut rng);
        let mut wb = self.template.clone();
        wb.unit = Unit {
            name: profile.name.clone(),
            fiscal_year: year,
            supervising_dept: profile.supervisor.clone(),
            notice_ref: format!("湛霞财〔{}〕{}号", year + 1, rng.range(20, 120)),
            sections: narrative::sections(&mut rng, profile.kind, &self.template.unit.sections),
            accounting_entities: Some(Count(if rng.chance(85) { 1 } else { 2 })),
            ..Unit::default()
        };
        wb.staffing = amounts::fill_staffing(&mut rng, profile.kind, &flaws);
        amounts::fill_budget(&mut rng, profile.kind, quality, &flaws, &mut wb.budget);
        for top in &mut wb.table.indicators {
            choose_entries(&mut rng, quality, top);
        }
        wb.workload = workload::workload(
            &mut rng,
            profile.kind,
            &self.template.workload,
            flaws.contains(&Flaw::WorkloadParts),
        );
        wb.narrative = narrative::narrative(&mut rng, &profile.name, profile.kind, year);
        report_rates(&mut rng, &flaws, &mut wb);
        let derived = derive(&wb);
        explain_losses(&mut rng, &derived, &mut wb);
        // Officer scores typed for unscorable indicators change the total.
        let derived = derive(&wb);
        let misreported_total = report_total(&mut rng, &derived, &mut wb);
        // A stream of its own, so the department's figures stay as they were.
        let mut project_rng = Rng::new(index as u64 ^ 0x7072_6f6a_6563_7473);
        wb.projects =
            projects::projects(&mut project_rng, &profile.name, profile.kind, year, quality);
        Synthetic {
            index,
            workbook: wb,
            quality,
            flaws,
            misreported_total,
        }
    }
}

/// Every `DUPLICATE_EVERY`-th file resubmits the file before it.
fn is_resubmission(index: usize) -> bool {
    index > 1 && index.is_multiple_of(DUPLICATE_EVERY)
}

/// Files `1..=count`.
#[must_use]
pub fn generate_all(count: usize) -> Vec<Synthetic> {
    let generator = Generator::new();
    (1..=count).map(|i| generator.generate(i)).collect()
}

/// About three files in four are consistent; the rest carry one or two flaws.
fn pick_flaws(rng: &mut Rng) -> Vec<Flaw> {
    let mut flaws = Vec::new();
    if rng.chance(27) {
        flaws.push(*rng.pick(&Flaw::ALL));
        if rng.chance(30) {
            let second = *rng.pick(&Flaw::ALL);
            if !flaws.contains(&second) {
                flaws.push(second);
            }
        }
    }
    flaws
}

fn level_weights(quality: Quality) -> [(&'static str, u32); 4] {
    match quality {
        Quality::Excellent => [("好", 86), ("较好", 14), ("一般", 0), ("差", 0)],
        Quality::Good => [("好", 45), ("较好", 45), ("一般", 10), ("差", 0)],
        Quality::Fair => [("好", 15), ("较好", 40), ("一般", 35), ("差", 10)],
        Quality::Poor => [("好", 5), ("较好", 20), ("一般", 40), ("差", 35)],
    }
}

const REASONS_GOOD: &[&str] = &[
    "个别绩效指标未细化量化。",
    "部分工作进度略滞后于年度计划。",
    "佐证材料不够完整。",
    "预算执行中存在少量调剂。",
];

const REASONS_FAIR: &[&str] = &[
    "绩效目标与部门职能的关联性不够紧密。",
    "部分项目未按计划推进，年底集中支出。",
    "资产台账更新不及时，账实核对不到位。",
    "绩效自评材料报送滞后。",
];

const REASONS_POOR: &[&str] = &[
    "未按要求设置绩效目标。",
    "未提供相关佐证材料。",
    "相关制度未建立或未执行。",
];

/// Level choices, checklist failures and their reasons, by quality.
fn choose_entries(rng: &mut Rng, quality: Quality, node: &mut Indicator) {
    for child in &mut node.children {
        choose_entries(rng, quality, child);
    }
    if !node.is_leaf() {
        return;
    }
    let Some(rule) = node.rule.as_ref() else {
        return;
    };
    match &rule.kind {
        RuleKind::Levels { .. } => {
            let choice = rng.weighted(&level_weights(quality));
            node.entry.choice = Some(choice.to_owned());
            let pool = match choice {
                "好" => None,
                "较好" => Some(REASONS_GOOD),
                "一般" => Some(REASONS_FAIR),
                _ => Some(REASONS_POOR),
            };
            node.entry.deduction_reason = match pool {
                Some(pool) if rng.chance(90) => format!("{}：{}", node.name, rng.pick(pool)),
                _ => String::new(),
            };
        }
        RuleKind::Checklist { items, .. } => {
            let failures = match quality {
                Quality::Excellent => 0,
                Quality::Good => usize::from(rng.chance(25)),
                Quality::Fair => usize::from(rng.chance(50)),
                Quality::Poor => rng.below(3),
            };
            let mut failed: Vec<usize> = (0..failures).map(|_| rng.below(items.len())).collect();
            failed.sort_unstable();
            failed.dedup();
            node.entry.deduction_reason = failed.iter().filter_map(|i| items.get(*i)).fold(
                String::new(),
                |mut text, item| {
                    let _ = write!(text, "未达到：{item}。");
                    text
                },
            );
            node.entry.failed_items = failed;
        }
        _ => {}
    }
}

/// The rates the report prints: the computed ones, one altered under
/// `Flaw::ReportedRate`, and the seed's "100%" for some units that left the
/// procurement or asset amounts out.
fn report_rates(rng: &mut Rng, flaws: &[Flaw], wb: &mut Workbook) {
    let printed = [
        MetricId::AppropriationIncomeVarianceRate,
        MetricId::ExpenditureCompletionRate,
        MetricId::CarryoverRate,
        MetricId::ProcurementExecutionRate,
        MetricId::FixedAssetUtilizationRate,
    ];
    let metrics = compute_metrics(wb);
    let mut rates = BTreeMap::new();
    for metric in metrics.iter().filter(|m| printed.contains(&m.id)) {
        if let Some(shown) = metric.display {
            rates.insert(metric.id, shown);
        } else if rng.chance(60) {
            rates.insert(metric.id, Decimal::ONE_HUNDRED);
        }
    }
    if flaws.contains(&Flaw::ReportedRate) {
        let id = *rng.pick(&printed);
        if let Some(rate) = rates.get_mut(&id) {
            *rate = round2(*rate + Decimal::new(rng.range(1, 300), 2));
        }
    }
    wb.reported.rates = rates;
}

/// Reasons for points lost on measured indicators, and, in some files, an
/// officer score more generous than the rule gives.
fn explain_losses(rng: &mut Rng, derived: &Derived, wb: &mut Workbook) {
    let generous = rng.chance(12);
    let mut made_generous = false;
    for (i, result) in derived.scores.indicators.iter().enumerate() {
        let Some(node) = wb.table.nth_mut(i) else {
            continue;
        };
        if !node.is_leaf() {
            continue;
        }
        let lost = round2(result.lost);
        if result.basis == ScoreBasis::Missing && rng.chance(50) {
            node.entry.officer_score = Some(node.weight);
            continue;
        }
        if result.basis != ScoreBasis::Computed || lost <= Decimal::ZERO || result.metric.is_none()
        {
            continue;
        }
        if node.entry.deduction_reason.is_empty() && rng.chance(85) {
            let value = result
                .metric_value
                .map_or_else(|| "n/a".to_owned(), fmt_percent);
            node.entry.deduction_reason =
                format!("{}为{value}，扣{}分。", node.name, fmt_score(lost));
        }
        if generous && !made_generous {
            node.entry.officer_score = Some(node.weight);
            made_generous = true;
        }
    }
}

/// The printed total and grade: the computed total in most files; the sum
/// of the officer's generous scores, or a slip, in some. Returns whether the
/// printed total differs from the computed one.
fn report_total(rng: &mut Rng, derived: &Derived, wb: &mut Workbook) -> bool {
    // Generous officer scores on computed indicators do not change the
    // computed total (they raise `officer_differs`); the report adds them.
    let computed = round2(derived.scores.total);
    let mut printed = computed;
    for (i, result) in derived.scores.indicators.iter().enumerate() {
        if result.basis == ScoreBasis::Computed
            && let Some(node) = wb.table.nth_mut(i)
            && let Some(typed) = node.entry.officer_score
        {
            printed += typed - result.score;
        }
    }
    if rng.chance(10) {
        printed += Decimal::new(rng.range(-6, 10), 0) / Decimal::TWO;
    }
    let printed = round2(printed.max(Decimal::ZERO).min(Decimal::ONE_HUNDRED));
    wb.reported.total_score = Some(printed.normalize());
    wb.reported.grade = Some(Grade::from_score(printed).label_zh().to_owned());
    printed != computed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::format::{load, to_json};

    #[test]
    fn file_names_are_numbered_and_clean() {
        assert_eq!(
            file_name(7, 50, "湛江市霞山区财政局", 2023),
            "0007-湛江市霞山区财政局-2023.json"
        );
        assert_eq!(file_name(7, 12_000, "a/b c", 2021), "00007-a_b_c-2021.json");
    }

    #[test]
    fn same_index_same_workbook() {
        let g = Generator::new();
        assert_eq!(g.generate(42).workbook, g.generate(42).workbook);
        assert_ne!(g.generate(42).workbook, g.generate(43).workbook);
    }

    #[test]
    fn slots_do_not_repeat_except_on_purpose() {
        let g = Generator::new();
        let mut seen = std::collections::BTreeMap::new();
        for i in 1..=1000 {
            let (unit, year) = g.unit_year(i);
            if let Some(first) = seen.insert((unit.name.clone(), year), i) {
                assert!(i.is_multiple_of(DUPLICATE_EVERY), "{i} repeats {first}");
                assert_eq!(first, i - 1);
            }
        }
    }

    #[test]
    fn generated_files_load_and_round_trip() {
        for s in generate_all(40) {
            let text = to_json(&s.workbook);
            let loaded = load(&text).expect("generated workbook loads");
            assert!(loaded.unknown_fields.is_empty());
            assert_eq!(loaded.workbook, s.workbook, "file {}", s.index);
            assert_eq!(to_json(&loaded.workbook), text);
        }
    }
}

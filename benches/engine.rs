//! `cargo bench --bench engine`: how long `derive` takes on the sample and on
//! synthetic workbooks of 500 to 5,000 indicators (with as many workload
//! items), to show that the engine grows linearly. Plain `Instant` timing:
//! each sample is the mean of a batch of runs; the median and the minimum of
//! the samples are reported.

// The binary's allocator: `derive` allocates every text it writes, and the
// system allocator would add a cost the workbench does not have.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use rust_decimal::Decimal;

use jixiao::core::engine::{MetricId, derive};
use jixiao::core::model::table::default_levels;
use jixiao::core::model::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Indicator, IndicatorEntry,
    NotApplicableMode, Rule, RuleKind, Workbook, WorkloadGroup, WorkloadItem, WorkloadPart,
};
use jixiao::core::sample::sample_workbook;

/// Samples per measurement.
const SAMPLES: usize = 200;
/// Target wall time of one batch.
const BATCH_TARGET: Duration = Duration::from_millis(2);

fn dec(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

/// The leaf rule for the i-th indicator: every kind in turn.
fn rule(i: usize) -> (Option<Rule>, IndicatorEntry) {
    let metric = |id| Some(id);
    let mut entry = IndicatorEntry::default();
    let (m, kind) = match i % 9 {
        0 => (
            metric(MetricId::AppropriationIncomeVarianceRate),
            RuleKind::Threshold {
                threshold: dec(500),
                deduct_per_point: dec(50),
                above_is_bad: true,
                limits: Default::default(),
            },
        ),
        1 => (
            metric(MetricId::ExpenditureCompletionRate),
            RuleKind::Step {
                full_at: dec(10_000),
                step: dec(500),
                deduct: dec(200),
                started_step_counts: i.is_multiple_of(2),
            },
        ),
        2 => (
            metric(MetricId::CarryoverRate),
            RuleKind::Bands {
                bands: vec![
                    Band {
                        op: BandOp::Le,
                        bound: dec(1_000),
                        points: dec(100),
                        upper: None,
                    },
                    Band {
                        op: BandOp::Le,
                        bound: dec(2_000),
                        points: dec(50),
                        upper: None,
                    },
                ],
                otherwise: Decimal::ZERO,
            },
        ),
        3 => (
            metric(MetricId::StaffingControlRate),
            RuleKind::Proportional {
                cap: dec(10_000),
                round_to_whole: i.is_multiple_of(2),
                full_at: None,
            },
        ),
        4 => (
            metric(MetricId::TreasuryCarryoverStockEfficiency),
            RuleKind::Categorical {
                source: CategorySource::Metric,
                categories: ["zero", "decreased", "unchanged", "increased"]
                    .iter()
                    .zip([100, 75, 50, 0])
                    .map(|(key, pts)| Category {
                        key: (*key).into(),
                        label: (*key).into(),
                        points: dec(pts),
                    })
                    .collect(),
            },
        ),
        5 => {
            entry.failed_items = vec![i % 3];
            (
                None,
                RuleKind::Checklist {
                    items: vec!["制度".into(), "执行".into(), "公开".into()],
                    points: dec(30),
                    mode: ChecklistMode::Deduct,
                },
            )
        }
        6 => {
            entry.choice = Some(if i.is_multiple_of(4) { "较好" } else { "好" }.into());
            (
                None,
                RuleKind::Levels {
                    levels: default_levels(),
                },
            )
        }
        7 => {
            entry.officer_score = Some(dec(90));
            (None, RuleKind::Manual)
        }
        _ => (
            None,
            RuleKind::NotApplicable {
                mode: NotApplicableMode::FullMarks,
            },
        ),
    };
    (Some(Rule::new(m, kind)), entry)
}

/// A table of about `n` indicators: 4 top levels, groups of 10 second-level
/// nodes with leaves under them; every leaf weighs 1 (weights add up).
fn synthetic_table(n: usize) -> Vec<Indicator> {
    let leaves_per_top = (n / 4).max(1);
    (0..4)
        .map(|t| {
            let mut leaf_no = 0;
            let mut groups = Vec::new();
            while leaf_no < leaves_per_top {
                let size = 10.min(leaves_per_top - leaf_no);
                let children: Vec<Indicator> = (0..size)
                    .map(|k| {
                        let i = t * leaves_per_top + leaf_no + k;
                        let (rule, entry) = rule(i);
                        Indicator {
                            code: format!("T{t}.{}.{k}", groups.len()),
                            name: format!("指标{i}"),
                            weight: Decimal::ONE,
                            rule,
                            entry,
                            ..Indicator::default()
                        }
                    })
                    .collect();
                groups.push(Indicator {
                    code: format!("T{t}.{}", groups.len()),
                    name: format!("二级{}", groups.len()),
                    weight: Decimal::from(size),
                    children,
                    ..Indicator::default()
                });
                leaf_no += size;
            }
            Indicator {
                code: format!("T{t}"),
                name: format!("一级{t}"),
                weight: Decimal::from(leaves_per_top),
                children: groups,
                ..Indicator::default()
            }
        })
        .collect()
}

/// `n` workload items in groups of 50, every fifth with parts that add up.
fn synthetic_workload(n: usize) -> Vec<WorkloadGroup> {
    let units = ["份", "次", "件", "篇", "条"];
    (0..n.div_ceil(50))
        .map(|g| WorkloadGroup {
            name: format!("工作组{g}"),
            items: (0..50.min(n - g * 50))
                .map(|k| {
                    let value = Decimal::from(10 + (g * 50 + k) % 990);
                    let parts = if k % 5 == 0 {
                        vec![
                            WorkloadPart {
                                name: "上半年".into(),
                                value: value - Decimal::ONE,
                                lower_bound: false,
                            },
                            WorkloadPart {
                                name: "下半年".into(),
                                value: Decimal::ONE,
                                lower_bound: false,
                            },
                        ]
                    } else {
                        Vec::new()
                    };
                    WorkloadItem {
                        name: format!("事项{k}"),
                        unit: units[k % units.len()].into(),
                        value,
                        lower_bound: k % 7 == 0,
                        target: (k % 3 == 0).then(|| value + Decimal::TEN),
                        last_year: (k % 4 == 0).then(|| value - Decimal::ONE),
                        parts,
                    }
                })
                .collect(),
        })
        .collect()
}

fn synthetic(n: usize) -> Workbook {
    let mut wb = sample_workbook();
    wb.table.indicators = synthetic_table(n);
    wb.workload = synthetic_workload(n);
    wb
}

#[path = "support/timing.rs"]
mod timing;
use timing::measure;

fn main() {
    // `cargo bench --bench engine -- sample` (or `-- 5000`) measures one case only, for profiling.
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    // `JIXIAO_BENCH_RUNS=N`: run exactly N derives of the chosen case, untimed,
    // for `perf stat` / `perf record` (instruction counts do not suffer from a busy machine).
    if let Some(runs) = std::env::var("JIXIAO_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse::<u32>().ok())
    {
        let wb = match only.as_deref().and_then(|o| o.parse::<usize>().ok()) {
            Some(n) => synthetic(n),
            None => sample_workbook(),
        };
        for _ in 0..runs {
            black_box(derive(black_box(&wb)));
        }
        println!("{runs} runs");
        return;
    }
    if only.as_deref().is_none_or(|o| o == "sample") {
        let sample = sample_workbook();
        let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
            black_box(derive(black_box(&sample)));
        });
        println!(
            "derive() on the sample ({} indicators, {} workload items)",
            sample.table.flatten().len(),
            sample.workload.iter().map(|g| g.items.len()).sum::<usize>()
        );
        println!("  median {median:>10.2?}   min {min:>10.2?}   (target < 50 µs)");
    }
    let sizes: Vec<usize> = [500usize, 1_000, 2_000, 5_000]
        .into_iter()
        .filter(|n| only.as_deref().is_none_or(|o| o == n.to_string()))
        .collect();
    if sizes.is_empty() {
        return;
    }
    println!();
    println!(
        "{:>12} {:>10} {:>12} {:>12} {:>16}",
        "indicators", "items", "median", "min", "median/indicator"
    );
    for n in sizes {
        let wb = synthetic(n);
        let nodes = wb.table.flatten().len();
        let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
            black_box(derive(black_box(&wb)));
        });
        let per = median.as_nanos() / u128::try_from(nodes).unwrap_or(1);
        println!("{nodes:>12} {n:>10} {median:>12.2?} {min:>12.2?} {per:>13} ns");
    }
}

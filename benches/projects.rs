//! `cargo bench --bench projects`: a workbook with 50 project forms × 30
//! indicators each (targets and actuals as written, every direction, some
//! not applicable) derives in under 1 ms, so every keystroke can rescore
//! everything. Reports `derive` on the sample with those projects, the
//! projects alone, and one project.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;
use std::time::Duration;

use rust_decimal::Decimal;

use jixiao::core::engine::derive;
use jixiao::core::engine::project::{derive_project, derive_projects};
use jixiao::core::model::{
    Direction, FormLayout, FundSource, ProjectForm, ProjectIndicator, Workbook,
};
use jixiao::core::sample::sample_workbook;

#[path = "support/timing.rs"]
mod timing;
use timing::measure;

const SAMPLES: usize = 200;
const BATCH_TARGET: Duration = Duration::from_millis(2);

fn indicator(i: usize) -> ProjectIndicator {
    let (target, actual, direction) = match i % 6 {
        0 => ("≥50个".to_owned(), format!("{}个", 40 + i % 15), None),
        1 => ("≥95%".to_owned(), format!("{}%", 90 + i % 8), None),
        2 => ("≤90万元".to_owned(), format!("{}万元", 85 + i % 10), None),
        3 => ("=100%".to_owned(), "100%".to_owned(), None),
        4 => ("效果明显".to_owned(), "效果明显".to_owned(), None),
        _ => (
            "120".to_owned(),
            format!("{}", 110 + i),
            Some(Direction::AtLeast),
        ),
    };
    ProjectIndicator {
        level1: "产出指标".to_owned(),
        level2: "数量指标".to_owned(),
        name: format!("指标{i}"),
        direction,
        target,
        actual,
        unit: if i % 6 == 5 {
            "人".to_owned()
        } else {
            String::new()
        },
        weight: Decimal::from(3),
        officer_score: Some(Decimal::new(275, 2)),
        not_applicable: i % 29 == 28,
        ..ProjectIndicator::default()
    }
}

fn project(n: usize) -> ProjectForm {
    let mut p = ProjectForm::new(&format!("项目{n}"), FormLayout::National);
    p.key = n.is_multiple_of(2);
    let total = p.fund_mut(FundSource::Total);
    total.initial = Some(Decimal::from(100));
    total.full_year = Some(Decimal::from(100 + n));
    total.executed = Some(Decimal::from(70 + n % 31));
    p.indicators = (0..30).map(indicator).collect();
    p
}

fn workbook() -> Workbook {
    let mut wb = sample_workbook();
    wb.projects = (0..50).map(project).collect();
    wb
}

fn main() {
    let wb = workbook();
    let plain = sample_workbook();
    let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
        black_box(derive(black_box(&plain)));
    });
    println!("derive() on the sample, no projects");
    println!("  median {median:>10.2?}   min {min:>10.2?}");
    let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
        black_box(derive(black_box(&wb)));
    });
    println!("derive() on the sample with 50 projects × 30 indicators");
    println!("  median {median:>10.2?}   min {min:>10.2?}   (target < 1 ms)");
    let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
        black_box(derive_projects(black_box(&wb)));
    });
    println!("derive_projects() alone, 50 × 30");
    println!("  median {median:>10.2?}   min {min:>10.2?}");
    let one = &wb.projects[0];
    let (median, min) = measure(SAMPLES, BATCH_TARGET, || {
        black_box(derive_project(black_box(one)));
    });
    println!("derive_project(), one project of 30 indicators");
    println!("  median {median:>10.2?}   min {min:>10.2?}");
}

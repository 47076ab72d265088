//! Generated project forms: 1–8 projects per unit in the national layout,
//! funds, a grid of 6–9 indicators under the national template, actuals by
//! the unit's quality, the officer's scores as the rule gives them and a
//! reason wherever points are lost.

use rust_decimal::Decimal;

use super::{Quality, Rng, UnitKind};
use crate::core::engine::project::indicator;
use crate::core::model::{
    Direction, FormLayout, FundSource, ProjectForm, ProjectIndicator, ProjectScoring,
};

const NAMES: &[&str] = &[
    "机关运转保障",
    "信息化建设运维",
    "政务服务能力提升",
    "安全生产专项整治",
    "基层党建工作经费",
    "社区治理与服务",
    "档案数字化",
    "人才培训",
    "宣传文化活动",
    "办公设备购置",
    "环境卫生整治",
    "应急物资储备",
];

/// (二级指标, 三级指标, unit, target value, direction).
const OUTPUTS: &[(&str, &str, &str, i64, Direction)] = &[
    ("数量指标", "完成工作任务数", "项", 20, Direction::AtLeast),
    ("数量指标", "培训人次", "人次", 300, Direction::AtLeast),
    ("数量指标", "覆盖社区数", "个", 12, Direction::AtLeast),
    ("质量指标", "验收合格率", "%", 95, Direction::AtLeast),
    ("时效指标", "按期完成率", "%", 100, Direction::AtLeast),
    ("成本指标", "项目成本控制", "万元", 0, Direction::AtMost),
];

const BENEFITS: &[(&str, &str)] = &[
    ("社会效益指标", "服务群众能力提升"),
    ("社会效益指标", "工作效率提高"),
    ("可持续影响指标", "长效机制建立"),
];

fn weight_split(total: i64, parts: usize) -> Vec<Decimal> {
    let n = i64::try_from(parts.max(1)).unwrap_or(1);
    let base = total / n;
    (0..n)
        .map(|i| {
            Decimal::from(if i == 0 {
                base + total - base * n
            } else {
                base
            })
        })
        .collect()
}

/// How much of a target a unit of this quality reaches, in percent.
fn reach(rng: &mut Rng, quality: Quality) -> i64 {
    match quality {
        Quality::Excellent => rng.range(98, 110),
        Quality::Good => rng.range(92, 106),
        Quality::Fair => rng.range(80, 100),
        Quality::Poor => rng.range(55, 92),
    }
}

/// The projects of one generated unit.
#[must_use]
pub fn projects(
    rng: &mut Rng,
    unit: &str,
    _kind: UnitKind,
    year: u16,
    quality: Quality,
) -> Vec<ProjectForm> {
    let count = rng.range(1, 8);
    let mut names: Vec<&str> = NAMES.to_vec();
    (0..count)
        .map(|i| {
            let at = rng.below(names.len());
            let name = names.remove(at);
            let key = i == 0 || rng.chance(50);
            project(rng, unit, name, year, quality, key)
        })
        .collect()
}

fn project(
    rng: &mut Rng,
    unit: &str,
    name: &str,
    year: u16,
    quality: Quality,
    key: bool,
) -> ProjectForm {
    let mut p = ProjectForm::new(&format!("{year}年{name}"), FormLayout::National);
    p.key = key;
    unit.clone_into(&mut p.supervising_dept);
    unit.clone_into(&mut p.implementing_unit);
    let budget = Decimal::new(rng.range(500, 50_000), 2);
    let carry = if rng.chance(30) {
        Decimal::new(rng.range(0, 2_000), 2)
    } else {
        Decimal::ZERO
    };
    let rate = reach(rng, quality).min(100);
    let executed = (budget * Decimal::from(rate) / Decimal::ONE_HUNDRED).round_dp(2);
    let total = p.fund_mut(FundSource::Total);
    total.initial = Some(budget - carry);
    total.full_year = Some(budget);
    total.executed = Some(executed);
    let current = p.fund_mut(FundSource::CurrentAppropriation);
    current.initial = Some(budget - carry);
    current.full_year = Some(budget - carry);
    current.executed = Some((executed - carry).max(Decimal::ZERO));
    let prior = p.fund_mut(FundSource::PriorCarryover);
    prior.full_year = Some(carry);
    prior.executed = Some(executed.min(carry));
    p.goal = format!("按计划完成{name}各项任务，保障工作正常开展。");
    p.goal_achieved = format!("{name}各项任务基本完成。");
    let mut rows = grid(rng, budget, quality);
    let params = ProjectScoring::national();
    for row in &mut rows {
        let s = indicator::score(row, &params);
        if row.officer_score.is_none() {
            row.officer_score = s.score;
        }
        if s.score.is_some_and(|v| v < row.weight) {
            "受工作安排调整影响未完全达到年度指标值，下年度加强统筹、提前谋划。"
                .clone_into(&mut row.reason);
        }
    }
    p.indicators = rows;
    let derived = crate::core::engine::project::derive_project(&p);
    p.printed_rate = derived.execution_rate.map(crate::core::num::round2);
    p.printed_execution_score = derived.execution_score;
    p.printed_total = Some(derived.total);
    if derived
        .execution_rate
        .is_some_and(|r| r < Decimal::from(90))
    {
        "部分支出因采购流程延后至下年度支付。".clone_into(&mut p.execution_reason);
    }
    p.conclusion = format!(
        "{name}总体完成年度目标，自评等级为{}。",
        derived.grade.label_zh()
    );
    "部分指标完成进度偏慢。".clone_into(&mut p.problems);
    "加强预算执行监控，合理设置绩效目标。".clone_into(&mut p.improvements);
    p
}

/// The indicator grid under the national template, actuals by quality.
fn grid(rng: &mut Rng, budget: Decimal, quality: Quality) -> Vec<ProjectIndicator> {
    let mut rows: Vec<ProjectIndicator> = Vec::new();
    let outputs = 3 + rng.below(3);
    let out_weights = weight_split(50, outputs);
    for (i, w) in out_weights.into_iter().enumerate() {
        let (level2, name3, unit_word, target, direction) =
            OUTPUTS[(i + rng.below(2)) % OUTPUTS.len()];
        let target = if target == 0 {
            (budget / Decimal::from(10)).round_dp(0).max(Decimal::ONE)
        } else {
            Decimal::from(target)
        };
        let got = Decimal::from(reach(rng, quality));
        let actual = match direction {
            Direction::AtMost => {
                (target * Decimal::from(200) / (got + Decimal::ONE_HUNDRED)).round_dp(1)
            }
            _ if unit_word == "%" => (target * got / Decimal::ONE_HUNDRED)
                .min(Decimal::ONE_HUNDRED)
                .round_dp(1),
            _ => (target * got / Decimal::ONE_HUNDRED).round_dp(0),
        };
        rows.push(ProjectIndicator {
            level1: "产出指标".to_owned(),
            level2: level2.to_owned(),
            name: name3.to_owned(),
            target: format!("{}{target}{unit_word}", direction.symbol()),
            actual: format!("{actual}{unit_word}"),
            weight: w,
            ..ProjectIndicator::default()
        });
    }
    let benefits = 1 + rng.below(2);
    for (i, w) in weight_split(30, benefits).into_iter().enumerate() {
        let (level2, name3) = BENEFITS[(i + rng.below(2)) % BENEFITS.len()];
        let good = !matches!(quality, Quality::Poor) || rng.chance(50);
        rows.push(ProjectIndicator {
            level1: "效益指标".to_owned(),
            level2: level2.to_owned(),
            name: name3.to_owned(),
            target: "效果明显".to_owned(),
            actual: if good {
                "效果明显"
            } else {
                "有一定效果"
            }
            .to_owned(),
            weight: w,
            officer_score: Some(if good {
                w
            } else {
                (w * Decimal::new(7, 1)).round_dp(0)
            }),
            ..ProjectIndicator::default()
        });
    }
    let pleased = Decimal::from(reach(rng, quality).clamp(60, 100));
    rows.push(ProjectIndicator {
        level1: "满意度指标".to_owned(),
        level2: "服务对象满意度指标".to_owned(),
        name: "服务对象满意度".to_owned(),
        target: "≥90%".to_owned(),
        actual: format!("{pleased}%"),
        weight: Decimal::from(10),
        ..ProjectIndicator::default()
    });
    rows
}

//! Workload statistics (工作量) for generated units: the seed's groups for
//! offices, and templates of the same shape for the other kinds.

use rust_decimal::Decimal;

use super::rng::Rng;
use super::units::UnitKind;
use crate::core::model::{WorkloadGroup, WorkloadItem, WorkloadPart};

/// An item template: name, unit word, value range, written with 余, parts.
type ItemTemplate = (
    &'static str,
    &'static str,
    i64,
    i64,
    bool,
    &'static [&'static str],
);

const DEPARTMENT: &[(&str, &[ItemTemplate])] = &[
    (
        "办文办会",
        &[
            ("处理各类来文", "份", 300, 3_000, true, &[]),
            ("起草各类文稿", "篇", 40, 400, false, &[]),
            (
                "组织召开会议",
                "次",
                20,
                160,
                false,
                &["党组（党委）会议", "局务会议", "专题会议"],
            ),
        ],
    ),
    (
        "业务工作",
        &[
            ("办理行政审批和服务事项", "件", 200, 6_000, true, &[]),
            ("开展监督检查", "次", 10, 300, false, &[]),
            ("办理人大建议和政协提案", "件", 2, 40, false, &[]),
            ("接待来访群众", "人次", 50, 2_000, false, &[]),
        ],
    ),
    (
        "党建",
        &[
            ("召开支委会", "次", 10, 24, false, &[]),
            ("“主题党日”", "次", 10, 14, false, &[]),
            ("开展廉政教育", "次", 2, 10, false, &[]),
        ],
    ),
];

const STREET: &[(&str, &[ItemTemplate])] = &[
    (
        "社区治理",
        &[
            ("调处矛盾纠纷", "件", 40, 600, false, &[]),
            ("开展网格巡查", "次", 300, 5_000, true, &[]),
            ("走访困难群众", "户", 50, 800, false, &[]),
        ],
    ),
    (
        "民生服务",
        &[
            ("办理民生服务事项", "件", 500, 8_000, true, &[]),
            (
                "组织志愿服务活动",
                "次",
                20,
                200,
                false,
                &["文明创建", "环境整治", "助老助残", "文化活动"],
            ),
            ("发放救助资金", "人次", 100, 3_000, false, &[]),
        ],
    ),
    (
        "党建",
        &[
            ("召开党工委会议", "次", 12, 40, false, &[]),
            ("开展党员教育培训", "次", 4, 30, false, &[]),
        ],
    ),
];

const INSTITUTION: &[(&str, &[ItemTemplate])] = &[
    (
        "业务工作",
        &[
            ("完成服务事项", "件", 100, 5_000, true, &[]),
            ("开展业务培训", "场", 2, 60, false, &[]),
            ("受理群众咨询", "人次", 100, 4_000, false, &[]),
            (
                "开展专项检查",
                "次",
                5,
                120,
                false,
                &["日常检查", "专项检查", "联合检查"],
            ),
        ],
    ),
    (
        "党建",
        &[
            ("召开支委会", "次", 10, 24, false, &[]),
            ("“主题党日”", "次", 10, 14, false, &[]),
        ],
    ),
];

const SCHOOL: &[(&str, &[ItemTemplate])] = &[
    (
        "教育教学",
        &[
            ("在校学生", "人", 200, 3_000, false, &[]),
            ("开设课程", "门", 10, 40, false, &[]),
            (
                "组织公开课和教研活动",
                "节",
                20,
                200,
                false,
                &["校级公开课", "区级公开课", "教研组活动"],
            ),
            ("开展家访", "户", 50, 1_200, true, &[]),
        ],
    ),
    (
        "校园安全",
        &[
            ("组织安全演练", "次", 2, 12, false, &[]),
            ("开展安全隐患排查", "次", 10, 60, false, &[]),
        ],
    ),
];

/// Scales a count by `ratio_bp` / 10000, at least 1.
fn scaled(value: Decimal, ratio_bp: i64) -> Decimal {
    (value * Decimal::new(ratio_bp, 4))
        .round()
        .max(Decimal::ONE)
}

/// Splits `total` into `n` positive parts that add up to it exactly.
fn split(rng: &mut Rng, total: i64, n: usize) -> Vec<i64> {
    let n_i = i64::try_from(n).unwrap_or(1).max(1);
    if total < n_i {
        let mut parts = vec![0; n];
        if let Some(first) = parts.first_mut() {
            *first = total;
        }
        return parts;
    }
    let weights: Vec<i64> = (0..n).map(|_| rng.range(1, 10)).collect();
    let sum: i64 = weights.iter().sum();
    let mut parts: Vec<i64> = weights.iter().map(|w| (total * w / sum).max(1)).collect();
    let assigned: i64 = parts.iter().sum();
    if let Some(last) = parts.last_mut() {
        *last += total - assigned;
        if *last < 0 {
            *last = 0;
        }
    }
    parts
}

fn with_parts(rng: &mut Rng, item: &mut WorkloadItem, total: i64, names: &[&str], break_sum: bool) {
    let values = split(rng, total, names.len());
    item.parts = names
        .iter()
        .zip(values)
        .map(|(name, value)| WorkloadPart {
            name: (*name).to_owned(),
            value: Decimal::from(value),
            lower_bound: false,
        })
        .collect();
    if break_sum {
        item.value += Decimal::from(rng.range(1, 9));
    }
}

/// The seed's workload, every count varied; one parts sum broken when asked.
fn vary_seed(rng: &mut Rng, seed: &[WorkloadGroup], break_sum: bool) -> Vec<WorkloadGroup> {
    let mut groups = seed.to_vec();
    for group in &mut groups {
        for item in &mut group.items {
            let ratio = rng.range(6_000, 15_000);
            if item.parts.is_empty() {
                item.value = scaled(item.value, ratio);
            } else {
                for part in &mut item.parts {
                    part.value = scaled(part.value, ratio);
                }
                item.value = item.parts.iter().map(|p| p.value).sum();
                if break_sum {
                    item.value += Decimal::from(rng.range(1, 9));
                }
            }
        }
    }
    groups
}

fn from_template(
    rng: &mut Rng,
    template: &[(&str, &[ItemTemplate])],
    break_sum: bool,
) -> Vec<WorkloadGroup> {
    template
        .iter()
        .map(|(group, items)| WorkloadGroup {
            name: (*group).to_owned(),
            items: items
                .iter()
                .map(|(name, unit, lo, hi, lower_bound, parts)| {
                    let value = rng.range(*lo, *hi);
                    let mut item = WorkloadItem {
                        name: (*name).to_owned(),
                        unit: (*unit).to_owned(),
                        value: Decimal::from(value),
                        lower_bound: *lower_bound,
                        ..WorkloadItem::default()
                    };
                    if rng.chance(30) {
                        item.target = Some(Decimal::from(value * rng.range(85, 110) / 100));
                    }
                    if rng.chance(30) {
                        item.last_year = Some(Decimal::from(value * rng.range(70, 130) / 100));
                    }
                    if !parts.is_empty() {
                        with_parts(rng, &mut item, value, parts, break_sum);
                    }
                    item
                })
                .collect(),
        })
        .collect()
}

/// The workload of a unit of `kind`; `seed` is the sample's (for offices).
pub fn workload(
    rng: &mut Rng,
    kind: UnitKind,
    seed: &[WorkloadGroup],
    break_sum: bool,
) -> Vec<WorkloadGroup> {
    match kind {
        UnitKind::Office => vary_seed(rng, seed, break_sum),
        UnitKind::Department => from_template(rng, DEPARTMENT, break_sum),
        UnitKind::Street => from_template(rng, STREET, break_sum),
        UnitKind::Institution => from_template(rng, INSTITUTION, break_sum),
        UnitKind::School => from_template(rng, SCHOOL, break_sum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_adds_up() {
        let mut rng = Rng::new(3);
        for total in [0, 1, 2, 5, 17, 202, 9_999] {
            for n in 1..6 {
                let parts = split(&mut rng, total, n);
                assert_eq!(parts.len(), n);
                assert_eq!(parts.iter().sum::<i64>(), total, "{total} in {n}");
                assert!(parts.iter().all(|p| *p >= 0));
            }
        }
    }
}

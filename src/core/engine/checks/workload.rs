//! The workload table: parts against totals.

use super::{Concern, Ctx, Sink, WarningCode};

/// Each workload item's parts against its value.
pub fn parts_sum(ctx: &Ctx<'_>, out: &mut Sink) {
    let (wb, workload) = (ctx.wb, ctx.workload);
    for (gi, (group, stats)) in wb.workload.iter().zip(workload).enumerate() {
        for (ii, (item, s)) in group.items.iter().zip(&stats.items).enumerate() {
            if !s.parts_consistent {
                let Some(sum) = s.parts_sum else {
                    out.push(
                        WarningCode::WorkloadPartsSum,
                        format!("{}·{}：分项数值过大，无法相加核对", group.name, item.name),
                        format!(
                            "{} / {}: the parts are too large to add up",
                            group.name, item.name
                        ),
                        vec![Concern::Workload {
                            group: gi,
                            item: ii,
                        }],
                    );
                    continue;
                };
                let approx = if s.parts_sum_is_lower_bound {
                    "≥"
                } else {
                    ""
                };
                out.push(
                    WarningCode::WorkloadPartsSum,
                    format!(
                        "{}·{}：分项之和 {approx}{sum}{}，与总数 {}{} 不符",
                        group.name, item.name, item.unit, item.value, item.unit
                    ),
                    format!(
                        "{} / {}: parts add up to {approx}{sum}, but the total is {}",
                        group.name, item.name, item.value
                    ),
                    vec![Concern::Workload {
                        group: gi,
                        item: ii,
                    }],
                );
            }
        }
    }
}

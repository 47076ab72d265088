//! The scoring table itself: verified, weights adding up, codes unique, depth.

use rust_decimal::Decimal;

use super::{Concern, Ctx, Sink, WarningCode};
use crate::core::engine::arith;
use crate::core::engine::fast_hash::FxSet;
use crate::core::model::Indicator;
use crate::core::num::fmt_score;

/// Levels a scoring table may have (一级, 二级, 三级).
pub const MAX_LEVELS: usize = 3;

/// The table is still the placeholder.
pub fn unverified(ctx: &Ctx<'_>, out: &mut Sink) {
    let table = &ctx.wb.table;
    if !table.verified {
        out.push(
            WarningCode::TableUnverified,
            format!("评分表“{}”未经核实：权重和评分标准为占位，须载入财政局正式评分表", table.name),
            format!("Scoring table \"{}\" is unverified: weights and rules are placeholders until the bureau's table is loaded", table.name),
            vec![Concern::Table],
        );
    }
}

/// The top-level weights add up to 100.
pub fn top_level_sum(ctx: &Ctx<'_>, out: &mut Sink) {
    let table = &ctx.wb.table;
    let top_sum = arith::sum(table.indicators.iter().map(|i| i.weight));
    if top_sum != Decimal::ONE_HUNDRED {
        out.push(
            WarningCode::WeightSum,
            format!("一级指标权重合计 {}，应为 100", fmt_score(top_sum)),
            format!(
                "Top-level weights add up to {}, not 100",
                fmt_score(top_sum)
            ),
            vec![Concern::Table],
        );
    }
}

/// One walk over the tree: negative weights, depth, duplicate codes and
/// children's weights (in tree order, as the officer reads the table).
pub fn tree(ctx: &Ctx<'_>, out: &mut Sink) {
    let table = &ctx.wb.table;
    let nodes: usize = table
        .indicators
        .iter()
        .map(|i| 1 + i.descendant_count())
        .sum();
    let mut seen: FxSet<&str> = FxSet::with_capacity_and_hasher(nodes, Default::default());
    let mut too_deep_reported = false;
    let mut stack: Vec<(usize, &Indicator)> =
        table.indicators.iter().rev().map(|i| (0, i)).collect();
    while let Some((depth, node)) = stack.pop() {
        if node.weight.is_sign_negative() && !node.weight.is_zero() {
            out.push_about(
                WarningCode::NegativeWeight,
                node,
                &format!("权重 {} 为负数，按 0 计", node.weight),
                &format!("weight {} is negative; counted as 0", node.weight),
            );
        }
        if depth >= MAX_LEVELS && !too_deep_reported {
            too_deep_reported = true;
            out.push_about(
                WarningCode::TableTooDeep,
                node,
                &format!("评分表超过 {MAX_LEVELS} 级指标"),
                &format!("the table nests deeper than {MAX_LEVELS} levels"),
            );
        }
        if !seen.insert(node.code.as_str()) {
            out.push(
                WarningCode::DuplicateCode,
                format!("指标编码 {} 重复", node.code),
                format!("Indicator code {} is used twice", node.code),
                vec![Concern::Indicator {
                    code: node.code.clone(),
                }],
            );
        }
        if !node.children.is_empty() {
            let child_sum = arith::sum(node.children.iter().map(|ch| ch.weight));
            if child_sum != node.weight {
                let (sum, own) = (fmt_score(child_sum), fmt_score(node.weight));
                out.push_about(
                    WarningCode::WeightSum,
                    node,
                    &format!("下级指标权重合计 {sum}，与本级 {own} 不符"),
                    &format!("sub-indicator weights add up to {sum}, not {own}"),
                );
            }
        }
        stack.extend(node.children.iter().rev().map(|ch| (depth + 1, ch)));
    }
}

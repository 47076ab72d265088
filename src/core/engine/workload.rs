//! Workload statistics: sums of parts, shares, per-capita figures, completion
//! against target and change against last year.

use rust_decimal::Decimal;
use serde::Serialize;

use super::arith::percent;
use super::fast_hash::FxMap;
use crate::core::model::{WorkloadGroup, WorkloadItem};

/// Derived figures of one workload item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemStats {
    /// Sum of the parts, when there are parts.
    pub parts_sum: Option<Decimal>,
    /// The sum is a lower bound because a part is written with 余.
    pub parts_sum_is_lower_bound: bool,
    /// False when the parts cannot add up to the value.
    pub parts_consistent: bool,
    /// value / target × 100.
    pub completion: Option<Decimal>,
    /// (value − last year) / last year × 100.
    pub change: Option<Decimal>,
    /// value / in-service headcount.
    pub per_capita: Option<Decimal>,
    /// Share of the group's total in the same unit word, in percent.
    pub share: Option<Decimal>,
}

/// Derived figures of a workload group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupStats {
    /// Totals per unit word: (unit, total, is lower bound).
    pub totals: Vec<(String, Decimal, bool)>,
    pub items: Vec<ItemStats>,
}

/// Whether parts can add up to the value, given which side is a lower bound.
fn parts_consistent(item: &WorkloadItem, sum: Decimal, sum_lower: bool) -> bool {
    match (item.lower_bound, sum_lower) {
        (false, false) => sum == item.value,
        // The parts are at least `sum`: they can reach an exact value only if sum ≤ value.
        (false, true) => sum <= item.value,
        // The value is at least `value`: exact parts must reach it.
        (true, false) => sum >= item.value,
        (true, true) => true,
    }
}

fn item_stats(
    item: &WorkloadItem,
    headcount: Option<Decimal>,
    unit_total: Option<Decimal>,
) -> ItemStats {
    let (parts_sum, lower) = if item.parts.is_empty() {
        (None, false)
    } else {
        let sum = item
            .parts
            .iter()
            .try_fold(Decimal::ZERO, |acc, p| acc.checked_add(p.value));
        (sum, item.parts.iter().any(|p| p.lower_bound))
    };
    // Parts whose sum overflows cannot be checked, so they do not count as consistent.
    let consistent =
        item.parts.is_empty() || parts_sum.is_some_and(|s| parts_consistent(item, s, lower));
    ItemStats {
        parts_sum,
        parts_sum_is_lower_bound: lower,
        parts_consistent: consistent,
        completion: item.target.and_then(|t| percent(item.value, t)),
        change: item
            .last_year
            .and_then(|last| percent(item.value.checked_sub(last)?, last)),
        per_capita: headcount.and_then(|h| {
            if h.is_zero() {
                None
            } else {
                item.value.checked_div(h)
            }
        }),
        share: unit_total.and_then(|t| percent(item.value, t)),
    }
}

/// Computes the statistics of every group.
#[must_use]
pub fn workload_stats(groups: &[WorkloadGroup], headcount: Option<Decimal>) -> Vec<GroupStats> {
    groups
        .iter()
        .map(|group| {
            // Totals per unit word in first-seen order; the map keeps lookups linear overall.
            let mut totals: Vec<(String, Decimal, bool)> = Vec::new();
            let mut slot_of: FxMap<&str, usize> =
                FxMap::with_capacity_and_hasher(group.items.len(), Default::default());
            let mut item_slot = Vec::with_capacity(group.items.len());
            for item in &group.items {
                let slot = *slot_of.entry(item.unit.as_str()).or_insert_with(|| {
                    totals.push((item.unit.clone(), Decimal::ZERO, false));
                    totals.len() - 1
                });
                if let Some(entry) = totals.get_mut(slot) {
                    entry.1 = entry.1.saturating_add(item.value);
                    entry.2 |= item.lower_bound;
                }
                item_slot.push(slot);
            }
            let items = group
                .items
                .iter()
                .zip(item_slot)
                .map(|(item, slot)| {
                    let unit_total = totals.get(slot).map(|(_, t, _)| *t);
                    item_stats(item, headcount, unit_total)
                })
                .collect();
            GroupStats { totals, items }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::WorkloadPart;
    use rust_decimal_macros::dec;

    fn item(value: Decimal, lower: bool, parts: &[(Decimal, bool)]) -> WorkloadItem {
        WorkloadItem {
            name: "会议".into(),
            unit: "次".into(),
            value,
            lower_bound: lower,
            parts: parts
                .iter()
                .map(|(v, l)| WorkloadPart {
                    name: "p".into(),
                    value: *v,
                    lower_bound: *l,
                })
                .collect(),
            ..WorkloadItem::default()
        }
    }

    #[test]
    fn seed_meetings_add_up() {
        let it = item(
            dec!(202),
            false,
            &[
                (dec!(28), false),
                (dec!(20), false),
                (dec!(32), false),
                (dec!(40), false),
                (dec!(82), false),
            ],
        );
        let s = item_stats(&it, None, None);
        assert_eq!(s.parts_sum, Some(dec!(202)));
        assert!(s.parts_consistent);
        let wrong = item(dec!(203), false, &[(dec!(28), false), (dec!(20), false)]);
        assert!(!item_stats(&wrong, None, None).parts_consistent);
    }

    #[test]
    fn lower_bounds_are_not_summed_as_exact() {
        assert!(
            item_stats(&item(dec!(100), false, &[(dec!(90), true)]), None, None).parts_consistent
        );
        assert!(
            !item_stats(&item(dec!(100), false, &[(dec!(110), true)]), None, None).parts_consistent
        );
        assert!(
            item_stats(&item(dec!(100), true, &[(dec!(100), false)]), None, None).parts_consistent
        );
        assert!(
            !item_stats(&item(dec!(100), true, &[(dec!(90), false)]), None, None).parts_consistent
        );
    }

    #[test]
    fn completion_change_per_capita_and_shares() {
        let mut it = item(dec!(120), false, &[]);
        it.target = Some(dec!(100));
        it.last_year = Some(dec!(150));
        let s = item_stats(&it, Some(dec!(22)), Some(dec!(240)));
        assert_eq!(s.completion, Some(dec!(120)));
        assert_eq!(s.change, Some(dec!(-20)));
        assert_eq!(s.share, Some(dec!(50)));
        assert_eq!(
            crate::core::num::round2(s.per_capita.expect("pc")),
            dec!(5.45)
        );
        it.target = Some(dec!(0));
        it.last_year = Some(dec!(0));
        let s = item_stats(&it, Some(dec!(0)), None);
        assert_eq!((s.completion, s.change, s.per_capita), (None, None, None));
    }
}

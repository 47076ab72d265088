//! A workbook's scoring table made `times` as large, to measure how the
//! workbench grows with the workbook (`sample --synthetic N --scale K`).
//! Every top-level indicator is repeated; the copies' codes and names are
//! numbered, and every weight is divided by `times`, so the total stays 100.

use rust_decimal::Decimal;

use crate::core::model::{Indicator, Workbook};

/// Repeats the table's top-level indicators `times` times (1 leaves it as it is).
pub fn scale_table(wb: &mut Workbook, times: usize) {
    if times <= 1 {
        return;
    }
    let divisor = Decimal::from(times);
    let tops = std::mem::take(&mut wb.table.indicators);
    for copy in 1..=times {
        for top in &tops {
            let mut top = top.clone();
            number(&mut top, copy, divisor);
            wb.table.indicators.push(top);
        }
    }
}

/// Copy `copy` of `node` and its children: codes and names numbered (the
/// first copy keeps them), weights divided.
fn number(node: &mut Indicator, copy: usize, divisor: Decimal) {
    if copy > 1 {
        node.code = format!("{}-{copy}", node.code);
        node.name = format!("{}（{copy}）", node.name);
    }
    node.weight = (node.weight / divisor).normalize();
    for child in &mut node.children {
        number(child, copy, divisor);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sample::sample_workbook;

    #[test]
    fn ten_times_the_leaves_and_the_same_total_weight() {
        let mut wb = sample_workbook();
        let leaves = wb
            .table
            .flatten()
            .iter()
            .filter(|(_, i)| i.is_leaf())
            .count();
        let total: Decimal = wb.table.indicators.iter().map(|i| i.weight).sum();
        scale_table(&mut wb, 10);
        let flat = wb.table.flatten();
        assert_eq!(
            flat.iter().filter(|(_, i)| i.is_leaf()).count(),
            leaves * 10
        );
        let scaled: Decimal = wb.table.indicators.iter().map(|i| i.weight).sum();
        assert_eq!(scaled, total);
        let mut codes: Vec<&str> = flat.iter().map(|(_, i)| i.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), flat.len(), "codes stay unique");
    }
}

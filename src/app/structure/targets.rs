//! The editor's targets for the workbook's structure: names, unit words,
//! weights and who verified the table. Typed text becomes the value here.

use rust_decimal::Decimal;

use crate::core::Bilingual;
use crate::core::model::{Indicator, Workbook, WorkloadItem};
use crate::core::num::{NumberError, NumberRules, parse_number};

/// A structural value the inline editor writes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum StructTarget {
    GroupName(usize),
    ItemName(usize, usize),
    ItemUnit(usize, usize),
    PartName(usize, usize, usize),
    /// The indicator at this flatten index.
    IndicatorName(usize),
    IndicatorWeight(usize),
    /// The name of who marked the table verified.
    VerifiedBy,
}

/// Weights: up to 2 places, never negative, at most 100.
const WEIGHT_RULES: NumberRules = NumberRules {
    max_places: 2,
    allow_negative: false,
    max: Some(Decimal::ONE_HUNDRED),
};

impl StructTarget {
    /// Whether the target holds free text (no number parsing).
    #[must_use]
    pub fn is_text(self) -> bool {
        !matches!(self, Self::IndicatorWeight(_))
    }

    /// The text the editor opens with.
    #[must_use]
    pub fn current_text(self, wb: &Workbook) -> String {
        match self {
            Self::GroupName(g) => wb.workload.get(g).map(|grp| grp.name.clone()),
            Self::ItemName(g, i) => item(wb, g, i).map(|it| it.name.clone()),
            Self::ItemUnit(g, i) => item(wb, g, i).map(|it| it.unit.clone()),
            Self::PartName(g, i, p) => item(wb, g, i)
                .and_then(|it| it.parts.get(p))
                .map(|part| part.name.clone()),
            Self::IndicatorName(i) => indicator(wb, i).map(|ind| ind.name.clone()),
            Self::IndicatorWeight(i) => indicator(wb, i).map(|ind| ind.weight.to_string()),
            Self::VerifiedBy => Some(wb.table.verified_by.clone()),
        }
        .unwrap_or_default()
    }

    /// Stores the typed text. On error nothing changes.
    ///
    /// # Errors
    /// Says, in both languages, why the text cannot be stored.
    pub fn apply(self, wb: &mut Workbook, text: &str) -> Result<(), Bilingual> {
        let name = text.trim().to_owned();
        match self {
            Self::GroupName(g) => wb.workload.get_mut(g).ok_or_else(missing)?.name = name,
            Self::ItemName(g, i) => item_mut(wb, g, i)?.name = name,
            Self::ItemUnit(g, i) => item_mut(wb, g, i)?.unit = name,
            Self::PartName(g, i, p) => {
                item_mut(wb, g, i)?
                    .parts
                    .get_mut(p)
                    .ok_or_else(missing)?
                    .name = name;
            }
            Self::IndicatorName(i) => wb.table.nth_mut(i).ok_or_else(missing)?.name = name,
            Self::IndicatorWeight(i) => {
                let weight = parse_number(text, WEIGHT_RULES).map_err(|e| number_error(&e))?;
                wb.table.nth_mut(i).ok_or_else(missing)?.weight = weight;
            }
            Self::VerifiedBy => {
                if name.is_empty() {
                    return Err(Bilingual::new(
                        "请填写核实人姓名",
                        "type the name of who verified the table",
                    ));
                }
                wb.table.verified = true;
                wb.table.verified_by = name;
            }
        }
        Ok(())
    }
}

/// Parses a workload count; a trailing 余 (or 多, 以上) marks a lower bound:
/// `1500余` is 1500, at least.
///
/// # Errors
/// The number part is not an acceptable count.
pub fn parse_count(text: &str, rules: NumberRules) -> Result<(Decimal, bool), NumberError> {
    let trimmed = text.trim();
    let body = ["余", "多", "以上", "+"]
        .iter()
        .find_map(|mark| trimmed.strip_suffix(mark));
    let value = parse_number(body.unwrap_or(trimmed), rules)?;
    Ok((value, body.is_some()))
}

/// A count as the editor shows it: `1500余` for a lower bound.
pub use crate::core::num::count_text;

fn number_error(e: &NumberError) -> Bilingual {
    Bilingual::new(e.zh(), e.en())
}

fn missing() -> Bilingual {
    Bilingual::new("该行已不存在", "that row no longer exists")
}

fn indicator(wb: &Workbook, index: usize) -> Option<&Indicator> {
    wb.table.flatten().get(index).map(|(_, ind)| *ind)
}

fn item(wb: &Workbook, g: usize, i: usize) -> Option<&WorkloadItem> {
    wb.workload.get(g).and_then(|grp| grp.items.get(i))
}

fn item_mut(wb: &mut Workbook, g: usize, i: usize) -> Result<&mut WorkloadItem, Bilingual> {
    wb.workload
        .get_mut(g)
        .and_then(|grp| grp.items.get_mut(i))
        .ok_or_else(missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    const RULES: NumberRules = NumberRules {
        max_places: 2,
        allow_negative: false,
        max: None,
    };

    #[test]
    fn yu_marks_a_lower_bound() {
        assert_eq!(parse_count("1500余", RULES), Ok((dec!(1500), true)));
        assert_eq!(parse_count(" 1500 ", RULES), Ok((dec!(1500), false)));
        assert_eq!(parse_count("１５００余", RULES), Ok((dec!(1500), true)));
        assert!(parse_count("余", RULES).is_err());
        assert_eq!(count_text(dec!(1500), true), "1500余");
    }
}

//! Workload statistics (工作量): groups of counted items.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A group such as 办文办会 or 机要保密.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkloadGroup {
    pub name: String,
    #[serde(default)]
    pub items: Vec<WorkloadItem>,
}

/// One counted item: "全年处理区委文件 1300余份".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkloadItem {
    pub name: String,
    /// The unit word: 份, 次, 件, 篇, 条, 米 …
    pub unit: String,
    #[serde(with = "crate::core::num::dec_str")]
    pub value: Decimal,
    /// True for counts written with 余 ("1300余份"): a lower bound, not exact.
    #[serde(default)]
    pub lower_bound: bool,
    #[serde(default, with = "crate::core::num::dec_str_opt")]
    pub target: Option<Decimal>,
    #[serde(default, with = "crate::core::num::dec_str_opt")]
    pub last_year: Option<Decimal>,
    /// Parts that must add up to `value` (202 meetings = 28+20+32+40+82).
    #[serde(default)]
    pub parts: Vec<WorkloadPart>,
}

/// A part of a workload item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct WorkloadPart {
    pub name: String,
    #[serde(with = "crate::core::num::dec_str")]
    pub value: Decimal,
    #[serde(default)]
    pub lower_bound: bool,
}

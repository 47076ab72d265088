//! What an export writes from: the one argument every writer takes (its own
//! file, so that the writers and the format list both read it without
//! reading each other).

use super::report::ReportOptions;
use crate::core::Lang;
use crate::core::engine::Derived;
use crate::core::model::Workbook;

/// What an export writes from.
#[derive(Debug, Clone, Copy)]
pub struct ExportRequest<'a> {
    pub wb: &'a Workbook,
    pub derived: &'a Derived,
    pub lang: Lang,
    /// Carry the engine's warnings (the report's appendix, the xlsx 检查 sheet).
    pub with_checks: bool,
    /// Whether an existing output may be replaced, and the inputs never to write over.
    pub rule: crate::store::WriteRule<'a>,
}

impl ExportRequest<'_> {
    #[must_use]
    pub fn report_options(&self) -> ReportOptions {
        ReportOptions {
            with_checks: self.with_checks,
        }
    }
}

//! The embedded sample: the seed's 2023 report as a workbook.

use super::format::{LoadError, Loaded, load};
use super::model::Workbook;

/// The sample workbook's file text, built into the binary.
pub const SAMPLE_JSON: &str = include_str!("../../assets/samples/xiashan-2023.json");

/// Parses the embedded sample.
///
/// # Errors
/// Only if the embedded file is broken, which a unit test rules out.
pub fn sample_loaded() -> Result<Loaded, LoadError> {
    load(SAMPLE_JSON)
}

/// The embedded sample workbook.
///
/// # Panics
/// Never in a tested build: `format::tests::embedded_sample_has_no_unknown_fields`
/// loads the same text.
#[must_use]
#[allow(clippy::expect_used)]
pub fn sample_workbook() -> Workbook {
    sample_loaded()
        .expect("the embedded sample is a valid workbook")
        .workbook
}

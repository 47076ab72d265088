//! The pure core: model, calculations and file format. Nothing here touches the
//! terminal, the file system or the clock (a test in `tests/core_purity.rs`
//! fails when it does).

pub mod carry;
pub mod compare;
pub mod engine;
pub mod format;
mod format_errors;
pub mod grading;
pub mod model;
pub mod newbook;
pub mod num;
pub mod project_carry;
pub mod sample;
pub mod stamp;
pub mod structure;
pub mod templates;
pub(crate) mod text_slots;

use serde::{Deserialize, Serialize};

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A text in both interface languages.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    #[must_use]
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            zh: zh.into(),
            en: en.into(),
        }
    }

    #[must_use]
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A fixed text in both interface languages (a registry's label, an
/// interface string of `i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr(pub &'static str, pub &'static str);

impl Tr {
    #[must_use]
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.0,
            Lang::En => self.1,
        }
    }
}

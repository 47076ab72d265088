//! The status line, shared by the workbench and the reviewer: one message,
//! informational or an error, in the interface language.

use crate::core::{Bilingual, Lang};
use crate::i18n::Tr;

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

impl Status {
    #[must_use]
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
        }
    }

    #[must_use]
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
        }
    }
}

/// Anything with a status line and an interface language (`App`, `ReviewApp`).
pub trait StatusLine {
    fn lang(&self) -> Lang;
    fn status_mut(&mut self) -> &mut Option<Status>;

    /// Text in the interface language.
    fn tr(&self, text: Tr) -> &'static str {
        text.get(self.lang())
    }

    fn info(&mut self, text: impl Into<String>) {
        *self.status_mut() = Some(Status::info(text));
    }

    fn info_tr(&mut self, text: Tr) {
        let msg = self.tr(text);
        self.info(msg);
    }

    fn error(&mut self, text: impl Into<String>) {
        *self.status_mut() = Some(Status::error(text));
    }

    fn error_bi(&mut self, text: &Bilingual) {
        let msg = text.get(self.lang()).to_owned();
        self.error(msg);
    }

    fn clear_status(&mut self) {
        *self.status_mut() = None;
    }
}

/// `StatusLine` for a type holding `lang` and `status`, and its `tr` as an
/// inherent method, so the UI reads texts without the trait in scope.
macro_rules! status_line_of {
    ($owner:ty) => {
        impl $crate::app::StatusLine for $owner {
            fn lang(&self) -> $crate::core::Lang {
                self.lang
            }

            fn status_mut(&mut self) -> &mut Option<$crate::app::Status> {
                &mut self.status
            }
        }

        impl $owner {
            /// Text in the interface language.
            #[must_use]
            pub fn tr(&self, text: $crate::i18n::Tr) -> &'static str {
                text.get(self.lang)
            }
        }
    };
}

pub(crate) use status_line_of;

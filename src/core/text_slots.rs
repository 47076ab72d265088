//! One list of variant → field for an enum that names the text fields of a
//! struct (report sections, team columns), read and written alike.

/// Writes `get` (the field's text), `key` (the field's name in the JSON) and
/// `slot` (the field to write) from one
/// list: `text_slots! { Owner: Variant => field, … }` inside the enum's `impl`.
macro_rules! text_slots {
    ($owner:ty: $($variant:ident => $field:ident),+ $(,)?) => {
        #[must_use]
        pub fn get(self, owner: &$owner) -> &str {
            match self {
                $(Self::$variant => &owner.$field,)+
            }
        }

        /// The field's name in the workbook's JSON.
        #[must_use]
        pub fn key(self) -> &'static str {
            match self {
                $(Self::$variant => stringify!($field),)+
            }
        }

        fn slot(self, owner: &mut $owner) -> &mut String {
            match self {
                $(Self::$variant => &mut owner.$field,)+
            }
        }
    };
}

pub(crate) use text_slots;

//! Reviewer mode's data layer (`jixiao review PATH…`): find and open many
//! workbooks read-only, summarise them in an overview, compare them, record
//! the reviewer's decisions in a separate review file per folder, and
//! export. I/O happens only in `scan`, `store` and the `write_*` functions
//! of `export`; everything else is pure and cheap enough per keystroke.
//! Workbooks are never written.

pub mod collate;
pub mod compare;
pub mod digest;
pub mod documents;
pub mod export;
pub mod lazy;
pub mod letter;
pub mod overview;
pub mod refresh;
pub mod reviews;
pub mod scan;
pub mod session;
pub mod stats;
pub mod store;
pub mod summary;
pub mod summary_xlsx;
pub mod view;

pub use digest::WorkbookDigest;
pub use overview::{KEY_RATIOS, Overview, OverviewRow};
pub use reviews::{IndicatorNote, ReviewStatus, WorkbookReview};
pub use scan::{Entry, Opened, REVIEW_FILE_NAME};
pub use session::ReviewSession;
pub use view::{Cell, Column, Filter, RowKinds, Sort};

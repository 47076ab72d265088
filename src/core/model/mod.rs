//! The workbook: everything one department's self-evaluation for one year holds.
//! Plain serde data; derived figures live in `engine`, never here.

pub mod fields;
pub mod table;
pub mod workbook;
pub mod workload;

pub use fields::{FieldGroup, FieldId, FieldKind};
pub use table::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Indicator, IndicatorEntry, Level, Limits,
    Upper,
    NotApplicableMode, Rule, RuleKind, ScoringTable,
};
pub use workbook::{
    Budget, FORMAT_NAME, FORMAT_VERSION, Narrative, Project, ReportedFigures, Staffing, TeamMember,
    Unit, Workbook,
};
pub use workload::{WorkloadGroup, WorkloadItem, WorkloadPart};

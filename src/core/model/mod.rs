//! The workbook: everything one department's self-evaluation for one year holds.
//! Plain serde data; derived figures live in `engine`, never here.

pub mod evidence;
pub mod fields;
pub mod measure;
pub mod metric_id;
pub mod narrative;
pub mod project;
mod rule_serde;
pub mod table;
pub mod totals;
pub mod unit_fields;
pub mod workbook;
pub mod workload;

pub use evidence::{EvidenceFacts, EvidenceFile, FileFact};
pub use fields::{FieldGroup, FieldId, FieldKind};
pub use measure::{Basis, TableFormula};
pub use metric_id::MetricId;
pub use narrative::Section as NarrativeSection;
pub use project::{
    Achievement, Direction, ExecutionBasis, FormLayout, FundRow, FundSource, ProjectForm,
    ProjectIndicator, ProjectScoring,
};
pub use table::{
    Band, BandOp, Category, CategorySource, ChecklistMode, Indicator, IndicatorEntry, Level,
    Limits, NotApplicableMode, Rule, RuleKind, ScoringTable, Upper,
};
pub use unit_fields::UnitField;
pub use workbook::{
    Budget, FORMAT_NAME, FORMAT_VERSION, FinalAccounts, Narrative, Project, ReportedFigures,
    Staffing, TeamMember, ThreePublicKinds, Unit, Workbook,
};
pub use workload::{WorkloadGroup, WorkloadItem, WorkloadPart};

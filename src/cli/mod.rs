//! Command-line entry points other than the workbench.

pub mod check;
pub mod export;
pub mod new;
pub mod project;
pub mod project_check;
pub mod project_export;
pub mod publish;
pub mod sample;
pub mod stdout;
pub mod synthetic;
pub mod table;
pub mod what_if;

pub use export::{Failure, Outcome};

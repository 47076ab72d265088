//! Command-line entry points other than the workbench.

pub mod check;
pub mod new;
pub mod paths;
pub mod project;
pub mod project_check;
pub mod sample;
pub mod synthetic;
pub mod what_if;

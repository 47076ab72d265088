//! Command-line entry points other than the workbench.

pub mod check;
pub mod new;
pub mod paths;
pub mod sample;
pub mod stdout;
pub mod synthetic;
pub mod what_if;

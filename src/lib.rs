//! jixiao (绩效): a terminal workbench for the annual 部门整体支出绩效自评.
//!
//! `core` is pure (model, engine, file format); `cli` prints and writes files;
//! `app` holds the workbench state and actions; `ui` renders it; `term` runs it.

pub mod cli;
pub mod core;
pub mod store;
pub mod text;

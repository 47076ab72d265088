//! jixiao (绩效): a terminal workbench for the annual 部门整体支出绩效自评.
//!
//! `core` is pure (model, engine, file format); `cli` prints and writes files;
//! `app` holds the workbench state and actions; `layout` places the screen's
//! parts (shared by `app` for paging and `ui` for drawing); `ui` renders it; `term` runs it;
//! `export` and `interchange` speak Markdown, CSV and xlsx; `review` is the
//! reviewer's data layer; `synth` generates sample workbooks.

pub mod app;
pub mod cli;
pub mod core;
pub mod escape;
pub mod export;
pub mod i18n;
pub mod interchange;
pub mod layout;
pub mod publish;
pub mod review;
pub mod store;
pub mod synth;
pub mod term;
pub mod text;
pub mod ui;

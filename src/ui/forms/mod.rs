//! Forms drawn over the panes.

pub mod rule;

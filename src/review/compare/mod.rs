//! Comparing workbooks: a matrix of units × indicators, and the side-by-side
//! diff of two workbooks (`core::compare`). Pure: plain data for the
//! interface to draw.

mod matrix;

pub use crate::core::compare::{Diff, DiffLine, DiffSection, diff};
pub use matrix::{
    Matrix, MatrixCell, MatrixColumn, MatrixDepth, MatrixRow, ShareBand, matrix, share_label,
    share_of,
};

//! Comparing workbooks: a matrix of units × indicators and a side-by-side
//! diff of two workbooks. Pure: plain data for the interface to draw.

mod diff;
mod matrix;

pub use diff::{Diff, DiffLine, DiffSection, diff};
pub use matrix::{
    Matrix, MatrixCell, MatrixColumn, MatrixDepth, MatrixRow, ShareBand, matrix, share_label,
    share_of,
};

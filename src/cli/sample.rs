//! `jixiao sample [-o OUT]`: writes the embedded sample workbook.

use std::io::Write;
use std::path::Path;

use crate::core::sample::SAMPLE_JSON;

/// Writes the sample to `out`, or to standard output.
///
/// # Errors
/// Returns a message naming the file when it cannot be written.
pub fn run(out: Option<&Path>) -> Result<(), String> {
    match out {
        Some(path) => {
            if path.exists() {
                return Err(format!(
                    "{}: already exists; not overwritten / 文件已存在，未覆盖",
                    path.display()
                ));
            }
            std::fs::write(path, SAMPLE_JSON).map_err(|e| format!("{}: {e}", path.display()))
        }
        None => std::io::stdout()
            .write_all(SAMPLE_JSON.as_bytes())
            .map_err(|e| e.to_string()),
    }
}

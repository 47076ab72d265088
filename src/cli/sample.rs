//! `jixiao sample [-o OUT]`: writes the embedded sample workbook.

use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::path::Path;

use crate::core::sample::SAMPLE_JSON;

/// Writes the sample to `out`, or to standard output. An existing file is
/// never overwritten: the file is created only if it does not exist yet.
///
/// # Errors
/// Returns a message naming the file when it exists or cannot be written.
pub fn run(out: Option<&Path>) -> Result<(), String> {
    match out {
        Some(path) => {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(path)
                .map_err(|e| {
                    if e.kind() == ErrorKind::AlreadyExists {
                        format!(
                            "{}: already exists; not overwritten / 文件已存在，未覆盖",
                            path.display()
                        )
                    } else {
                        format!("{}: {e}", path.display())
                    }
                })?;
            file.write_all(SAMPLE_JSON.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|e| format!("{}: {e}", path.display()))
        }
        None => {
            super::stdout::write(SAMPLE_JSON.as_bytes()).map_err(|m| format!("{} / {}", m.en, m.zh))
        }
    }
}

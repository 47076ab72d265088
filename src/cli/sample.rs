//! `jixiao sample [-o OUT]`: writes the embedded sample workbook.

use std::path::Path;

use crate::core::sample::SAMPLE_JSON;

/// Writes the sample to `out`, or to standard output. An existing file is
/// never overwritten: the file is created only if it does not exist yet.
///
/// # Errors
/// Returns a message naming the file when it exists or cannot be written.
pub fn run(out: Option<&Path>) -> Result<(), String> {
    match out {
        Some(path) => match crate::store::WriteRule::NEW_ONLY.write(path, SAMPLE_JSON.as_bytes()) {
            Ok(_) => Ok(()),
            Err(e) if e.fault == crate::store::SaveFault::AlreadyExists => Err(format!(
                "{}: already exists; not overwritten / 文件已存在，未覆盖",
                path.display()
            )),
            Err(e) => {
                let why = e.describe_for_command();
                Err(format!("{} / {}", why.en, why.zh))
            }
        },
        None => {
            super::stdout::write(SAMPLE_JSON.as_bytes()).map_err(|m| format!("{} / {}", m.en, m.zh))
        }
    }
}

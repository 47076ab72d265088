//! `jixiao sample --synthetic N -o DIR`: writes N generated workbooks into DIR.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::core::format::to_json;
use crate::synth::Generator;

/// Creates `dir` and writes files `0001-<unit>-<year>.json` … into it.
/// Refuses, before writing anything, when any of those files exists.
///
/// # Errors
/// A message naming the folder or file that could not be written.
pub fn run(count: usize, dir: &Path) -> Result<Vec<PathBuf>, String> {
    run_scaled(count, 1, dir)
}

/// As [`run`], each table `times` as large (`crate::synth::scale_table`).
///
/// # Errors
/// A message naming the folder or file that could not be written.
pub fn run_scaled(count: usize, times: usize, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let generator = Generator::new();
    let names: Vec<(usize, PathBuf)> = (1..=count)
        .map(|i| {
            let (unit, year) = generator.unit_year(i);
            let name = crate::synth::file_name(i, count, &unit.name, year);
            (i, dir.join(name))
        })
        .collect();
    if let Some((_, existing)) = names.iter().find(|(_, p)| p.exists()) {
        return Err(format!(
            "{}: already exists; nothing written / 文件已存在，未写入任何文件",
            existing.display()
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut written = Vec::with_capacity(count);
    for (index, path) in names {
        let mut workbook = generator.generate(index).workbook;
        crate::synth::scale_table(&mut workbook, times);
        let text = to_json(&workbook);
        // create_new: never replace a file that appeared meanwhile.
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        file.write_all(text.as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
